#!/usr/bin/python3
"""Write a random-weight FG-CLIP v1 checkpoint (HF layout, real parameter names) for benchmarks.

    /usr/bin/python3 scripts/fgclip-reference/make_random_checkpoint.py --size base /tmp/fgclip-base-random
    options: --size tiny-a|tiny-b|base|large   --dtype F32|F16|BF16 (default: the size's own)

base = fg-clip-base shape (ViT-B/16 @ 224, ~150 M parameters, ~600 MB fp32); large = fg-clip-large
(ViT-L/14 @ 336, ~429 M). Seeded, so reruns give the same bytes. Never commit the output; no
tokenizer.json is written (copy ../shared/reference/clip-bpe/tokenizer.json in when needed).
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixtures_model  # noqa: E402
from fgclip_torch import FGCLIP, FGCLIPConfig, param_count  # noqa: E402

torch.set_num_threads(2)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", required=True, choices=sorted(fixtures_model.SIZES))
    ap.add_argument("--dtype", choices=["F32", "F16", "BF16"], default=None)
    ap.add_argument("out_dir")
    a = ap.parse_args()
    if a.dtype:
        fixtures_model.SIZES[a.size] = dict(fixtures_model.SIZES[a.size], dtype=a.dtype)
    fixtures_model.write_checkpoint(a.size, a.out_dir)
    cfg = FGCLIPConfig.from_dir(a.out_dir)
    n = param_count(FGCLIP(cfg))
    size = os.path.getsize(os.path.join(a.out_dir, "model.safetensors"))
    print(f"{a.size}: {n / 1e6:.1f} M parameters, model.safetensors {size / 1e6:.1f} MB -> {a.out_dir}")


if __name__ == "__main__":
    main()
