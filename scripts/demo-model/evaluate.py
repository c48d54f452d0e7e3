#!/usr/bin/python3
"""Evaluate a demo checkpoint on held-out generated scenes (genData.ts output).

    /usr/bin/python3 scripts/demo-model/evaluate.py --ckpt DIR --data DIR --out eval.json [--subset 100]

Metrics (all from the checkpoint's own forward, fgclip-reference):
  region   — FG-OVD hard negatives: the region's RoIAlign feature (1×1, aligned, on the value-only
             dense map) ranks its positive first among positive + 10 negatives (chance 1/11);
             also per perturbed attribute: the positive ranked first among itself and the negatives
             of that family ("color", "color_2", … → color), and pairwise pos > neg rates;
  retrieval — image → short caption (and → long caption) top-1 within consecutive batches of 100 images;
  heatmap  — argmax cell of cos(phrase, normalised dense token) has its centre inside the box.
`--subset K` repeats the region metric on the first K held-out images (the Node test's set).
"""
import argparse
import json
import os
import sys
import time
from collections import defaultdict

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # see train.py: OpenBLAS + torch threads oversubscribe

import torch
import torch.nn.functional as F
from torchvision.ops import roi_align

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Dataset, WordTokenizer, load_checkpoint, normalise_pixels, pad_rows  # noqa: E402


@torch.no_grad()
def embed_texts(model, ids, path, eos, chunk=256):
    out = []
    for i in range(0, len(ids), chunk):
        pooled = model.text_pooled(pad_rows(ids[i: i + chunk], eos), path)
        out.append(model.text_projection(pooled) if path == "short" else model.text_filip_projection(pooled))
    return F.normalize(torch.cat(out), dim=-1)


@torch.no_grad()
def evaluate(model, ds: Dataset, eos, grid, subset):
    imgs, denses = [], []
    for i in range(0, ds.n, 50):
        e, d = model.encode_image(normalise_pixels(ds.pixels[i: i + 50]))
        imgs.append(e)
        denses.append(d)
    img = F.normalize(torch.cat(imgs), dim=-1)
    dense = torch.cat(denses)  # [N,G²,P]
    N, _, P = dense.shape
    phrases = embed_texts(model, ds.phrase_ids, "short", eos)
    short = embed_texts(model, ds.short_ids, "short", eos)
    long = embed_texts(model, ds.long_ids, "long", eos)

    R = len(ds.reg_image)
    fmap = dense.transpose(1, 2).reshape(N, P, grid, grid)
    rois = torch.cat([ds.reg_image.float().unsqueeze(1), ds.reg_box * grid], 1)
    feats = F.normalize(roi_align(fmap, rois, output_size=(1, 1), spatial_scale=1.0, sampling_ratio=-1, aligned=True).reshape(R, P), dim=-1)
    cand = torch.cat([ds.reg_pos.unsqueeze(1), ds.reg_negs], 1)
    cos = (feats.unsqueeze(1) * phrases[cand]).sum(-1)  # [R,11]
    first = cos.argmax(1) == 0

    fam_first = defaultdict(lambda: [0, 0])
    fam_pair = defaultdict(lambda: [0, 0])
    confusions = defaultdict(int)
    for r in range(R):
        fams = ds.reg_fams[r]
        by = defaultdict(list)
        for j, f in enumerate(fams):
            by[f].append(j + 1)
            fam_pair[f][0] += int(cos[r, 0] > cos[r, j + 1])
            fam_pair[f][1] += 1
        for f, js in by.items():
            fam_first[f][0] += int(cos[r, 0] > cos[r, js].max())
            fam_first[f][1] += 1
        if not first[r]:
            confusions[fams[int(cos[r].argmax()) - 1]] += 1

    # heatmap argmax cell inside the box
    dn = F.normalize(dense, dim=-1)
    heat = (dn[ds.reg_image] * phrases[ds.reg_pos].unsqueeze(1)).sum(-1)  # [R,G²]
    cell = heat.argmax(1)
    cx = ((cell % grid).float() + 0.5) / grid
    cy = ((cell // grid).float() + 0.5) / grid
    b = ds.reg_box
    inside = (cx >= b[:, 0]) & (cx <= b[:, 2]) & (cy >= b[:, 1]) & (cy <= b[:, 3])

    def topk_batches(texts):
        hits, total = 0, 0
        for s in range(0, N - 99, 100):
            sim = img[s: s + 100] @ texts[s: s + 100].t()
            hits += int((sim.argmax(1) == torch.arange(100)).sum())
            total += 100
        return hits / max(total, 1), total

    r_short, n_short = topk_batches(short)
    r_long, _ = topk_batches(long)
    sub_mask = ds.reg_image < subset
    rate = lambda x: round(float(x), 4)  # noqa: E731
    return dict(
        images=N,
        regions=R,
        region_accuracy=rate(first.float().mean()),
        region_accuracy_by_attribute={f: dict(first=rate(v[0] / v[1]), n=v[1], pairwise=rate(fam_pair[f][0] / fam_pair[f][1]), pairs=fam_pair[f][1])
                                      for f, v in sorted(fam_first.items())},
        region_errors_by_top_negative=dict(sorted(confusions.items())),
        mean_margin=rate((cos[:, 0] - cos[:, 1:].max(1).values).mean()),
        retrieval_short_top1=rate(r_short),
        retrieval_long_top1=rate(r_long),
        retrieval_images=n_short,
        heatmap_in_box=rate(inside.float().mean()),
        subset=dict(images=subset, regions=int(sub_mask.sum()), region_accuracy=rate(first[sub_mask].float().mean()),
                    correct=int(first[sub_mask].sum()), heatmap_in_box=rate(inside[sub_mask].float().mean())),
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--data", required=True, nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--subset", type=int, default=100)
    a = ap.parse_args()
    torch.set_num_threads(2)
    t0 = time.time()
    model = load_checkpoint(a.ckpt)
    cfg = model.cfg
    tok = WordTokenizer(os.path.join(a.ckpt, "tokenizer.json"))
    assert tok.eos == cfg.eos_token_id and tok.bos == cfg.bos_token_id
    ds = Dataset(a.data, tok, cfg.image_size, cfg.grid)
    res = evaluate(model, ds, tok.eos, cfg.grid, a.subset)
    res["seconds"] = round(time.time() - t0, 1)
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(res, f, indent=1)
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
