#!/usr/bin/python3
"""Export image.onnx and text.onnx from an FG-CLIP v1 checkpoint with torch.onnx.export (opset 17,
TorchScript-based exporter), with the inputs/outputs of docs/model-package.md:

    image.onnx  pixel_values [N,3,S,S] f32 -> image_embeds [N,P], dense_features [N,G*G,P]
    text.onnx   input_ids [N,L] i64, position_ids [N,L] i64 -> short_embeds [N,P], long_embeds [N,P]

    /usr/bin/python3 scripts/fgclip-reference/export_torch_onnx.py <checkpoint dir> <out dir>

Only the graphs are written (no manifest.json / tokenizer.json): this is the baseline that the
project's own converter is benchmarked against. Weights are exported as float32.
"""
import argparse
import os
import sys
import time

import onnx
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fgclip_torch import load_model  # noqa: E402

torch.set_num_threads(2)
OPSET = 17


class ImageGraph(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, pixel_values):
        return self.model.encode_image(pixel_values)


class TextGraph(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, position_ids):
        return self.model.text_contract(input_ids, position_ids)


def export(ckpt: str, out: str, check: bool = True) -> dict:
    os.makedirs(out, exist_ok=True)
    model = load_model(ckpt, torch.float32)
    cfg = model.cfg
    S = cfg.image_size
    times = {}
    with torch.no_grad():
        t0 = time.time()
        torch.onnx.export(
            ImageGraph(model).eval(),
            (torch.zeros(2, 3, S, S),),
            os.path.join(out, "image.onnx"),
            input_names=["pixel_values"],
            output_names=["image_embeds", "dense_features"],
            dynamic_axes={"pixel_values": {0: "batch"}, "image_embeds": {0: "batch"}, "dense_features": {0: "batch"}},
            opset_version=OPSET,
            do_constant_folding=True,
        )
        times["image_s"] = time.time() - t0
        t0 = time.time()
        ids = torch.full((2, 7), cfg.eos_token_id, dtype=torch.int64)
        ids[:, 0] = cfg.bos_token_id
        ids[:, 1:4] = 320
        pos = torch.arange(7, dtype=torch.int64).unsqueeze(0).repeat(2, 1)
        torch.onnx.export(
            TextGraph(model).eval(),
            (ids, pos),
            os.path.join(out, "text.onnx"),
            input_names=["input_ids", "position_ids"],
            output_names=["short_embeds", "long_embeds"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "length"},
                "position_ids": {0: "batch", 1: "length"},
                "short_embeds": {0: "batch"},
                "long_embeds": {0: "batch"},
            },
            opset_version=OPSET,
            do_constant_folding=True,
        )
        times["text_s"] = time.time() - t0
    if check:
        for name in ("image.onnx", "text.onnx"):
            path = os.path.join(out, name)
            onnx.checker.check_model(path)  # path form: works for external data too
            m = onnx.load(path, load_external_data=False)
            ios = [(i.name, [d.dim_param or d.dim_value for d in i.type.tensor_type.shape.dim]) for i in m.graph.input]
            oos = [(o.name, [d.dim_param or d.dim_value for d in o.type.tensor_type.shape.dim]) for o in m.graph.output]
            print(f"{name}: ok ({os.path.getsize(path) / 1e6:.1f} MB, {len(m.graph.node)} nodes) inputs {ios} outputs {oos}")
    return times


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkpoint")
    ap.add_argument("out_dir")
    a = ap.parse_args()
    t = export(a.checkpoint, a.out_dir)
    print(f"export time: image {t['image_s']:.1f} s, text {t['text_s']:.1f} s")


if __name__ == "__main__":
    main()
