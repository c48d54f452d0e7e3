#!/usr/bin/python3
"""Train the demo FG-CLIP on generated scenes (CPU, Debian python3-torch).

    /usr/bin/python3 scripts/demo-model/train.py --train DIR [DIR …] --tokenizer tok.json --out CKPT_DIR

Model: FG-CLIP v1 (scripts/fgclip-reference/fgclip_torch.py, HF parameter names) at small scale.
Losses, as FG-CLIP's two stages:
  global  — image ↔ short caption and image ↔ long caption (long positions, text_filip_projection),
            symmetric InfoNCE at exp(logit_scale);
  region  — RoIAlign (1×1, aligned, sampling −1) of the value-only dense map ↔ region phrases,
            at exp(logit_scale_finegraind): region → every phrase in the batch (positives and hard
            negatives), phrase → every region of the batch plus the background cells of its own
            image (dense tokens whose centre lies outside every box: keeps the heatmap on the object);
  hardneg — each region's feature against its positive and its 10 negatives, CE at exp(logit_scale_hardneg).
Training-time forward (same modules, same outputs, fewer FLOPs): fused q/k/v matmul, the vision tower's
last full layer for the class token only (its value projection shared with the dense path), and the
long-caption path on the first --long-frac of each batch.
The learning-rate schedule runs on progress = max(step / steps, elapsed / budget), so a slow
machine ends the same schedule early instead of overrunning the time budget.
"""
import argparse
import json
import math
import os
import random
import sys
import time

# OpenBLAS's own thread pool on top of torch's intra-op threads oversubscribes 2 cores: measured
# 1.05 s per batch-16 step with the default against 0.43 s with OpenBLAS single-threaded (idle machine).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import torch
import torch.nn.functional as F
from torchvision.ops import roi_align

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (  # noqa: E402
    FGCLIP,
    FGCLIPConfig,
    Dataset,
    WordTokenizer,
    config_json,
    normalise_pixels,
    pad_rows,
    save_checkpoint,
)
import fgclip_torch  # noqa: E402  (on sys.path once common is imported)

MAX_LOG_SCALE = math.log(100.0)


def init_weights(model: FGCLIP, seed: int):
    g = torch.Generator().manual_seed(seed)
    for name, p in model.named_parameters():
        if name.startswith("logit_scale"):
            continue
        if "embedding" in name and "patch" not in name:
            with torch.no_grad():
                p.copy_(torch.randn(p.shape, generator=g) * (0.01 if "position" in name else 0.02))
        elif name.endswith(".weight") and p.dim() >= 2:
            fan_in = p[0].numel()
            with torch.no_grad():
                p.copy_(torch.randn(p.shape, generator=g) * fan_in ** -0.5)
    with torch.no_grad():
        model.logit_scale.fill_(math.log(1 / 0.07))
        model.logit_scale_finegraind.fill_(math.log(1 / 0.07))
        model.logit_scale_hardneg.fill_(math.log(1 / 0.07))


# ------------------------------------------------------------------------------------------------
# training-time forward: the same modules and the same maths as fgclip_torch, fewer FLOPs
# ------------------------------------------------------------------------------------------------
_CAUSAL = {}


def fused_attention(self, x, causal: bool = False):
    """Attention.forward with one fused q/k/v matmul and a cached additive causal mask (identical output)."""
    n, l, d = x.shape
    h, hd = self.heads, self.head_dim
    w = torch.cat([self.q_proj.weight * self.scale, self.k_proj.weight, self.v_proj.weight], 0)
    b = torch.cat([self.q_proj.bias * self.scale, self.k_proj.bias, self.v_proj.bias], 0)
    qkv = F.linear(x, w, b).reshape(n, l, 3, h, hd).permute(2, 0, 3, 1, 4)  # [3,n,h,l,hd]
    q, k, v = qkv[0], qkv[1], qkv[2]
    scores = q @ k.transpose(-1, -2)
    if causal:
        mask = _CAUSAL.get(l)
        if mask is None:
            mask = _CAUSAL[l] = torch.full((l, l), float("-inf")).triu(1)
        scores = scores + mask
    out = (scores.softmax(dim=-1) @ v).transpose(1, 2).reshape(n, l, d)
    return self.out_proj(out)


def encode_image_train(model: FGCLIP, pixel_values):
    """= model.encode_image, but the last layer's full pass runs its query/MLP for the class token only
    (only token 0 of it is used), and its value projection is shared with the value-only dense path."""
    vm = model.vision_model
    h = model.vision_prefix(pixel_values)
    last = vm.encoder.layers[-1]
    att = last.self_attn
    n, l, d = h.shape
    nh, hd = att.heads, att.head_dim
    x = last.layer_norm1(h)
    w = torch.cat([att.k_proj.weight, att.v_proj.weight], 0)
    b = torch.cat([att.k_proj.bias, att.v_proj.bias], 0)
    k, v = F.linear(x, w, b).split(d, dim=-1)  # [n,l,d] each
    q = att.q_proj(x[:, :1]) * att.scale  # [n,1,d]
    qh = q.reshape(n, 1, nh, hd).transpose(1, 2)  # [n,h,1,hd]
    kh = k.reshape(n, l, nh, hd).permute(0, 2, 3, 1)  # [n,h,hd,l]
    vh = v.reshape(n, l, nh, hd).transpose(1, 2)  # [n,h,l,hd]
    o = ((qh @ kh).softmax(dim=-1) @ vh).reshape(n, 1, d)
    g = h[:, :1] + att.out_proj(o)
    g = g + last.mlp(last.layer_norm2(g))
    image_embeds = model.visual_projection(vm.post_layernorm(g[:, 0]))
    dn = h[:, 1:] + att.out_proj(v[:, 1:])
    dn = dn + last.mlp(last.layer_norm2(dn))
    dense = model.visual_projection(vm.post_layernorm(dn))
    return image_embeds, dense


def encode_texts(model, ids, path, eos):
    pooled = model.text_pooled(pad_rows(ids, eos), path)
    return model.text_projection(pooled) if path == "short" else model.text_filip_projection(pooled)


def clip_loss(a, b, scale):
    logits = scale * a @ b.t()
    t = torch.arange(a.shape[0])
    return 0.5 * (F.cross_entropy(logits, t) + F.cross_entropy(logits.t(), t))


def step_losses(model, ds: Dataset, batch, eos, grid, n_long):
    B = len(batch)
    pix = normalise_pixels(ds.pixels[batch])
    img, dense = encode_image_train(model, pix)  # [B,P], [B,G²,P]
    P = img.shape[1]
    img = F.normalize(img, dim=-1)
    short = F.normalize(encode_texts(model, [ds.short_ids[i] for i in batch], "short", eos), dim=-1)
    s_glob = model.logit_scale.clamp(max=MAX_LOG_SCALE).exp()
    # the long (248-position) path on the first n_long images of the batch only: its ~150-token
    # captions cost as much text-tower time as all the region phrases together
    long = F.normalize(encode_texts(model, [ds.long_ids[i] for i in batch[:n_long]], "long", eos), dim=-1)
    l_global = 0.5 * (clip_loss(img, short, s_glob) + clip_loss(img[:n_long], long, s_glob))

    # regions of the batch
    regs = [r for i in batch for r in ds.image_regions[i]]
    local = {img_i: b for b, img_i in enumerate(batch)}
    r_img = torch.tensor([local[int(ds.reg_image[r])] for r in regs])
    boxes = ds.reg_box[regs] * grid
    fmap = dense.transpose(1, 2).reshape(B, P, grid, grid)
    feats = roi_align(fmap, torch.cat([r_img.float().unsqueeze(1), boxes], 1), output_size=(1, 1),
                      spatial_scale=1.0, sampling_ratio=-1, aligned=True).reshape(len(regs), P)
    feats = F.normalize(feats, dim=-1)

    # every phrase the batch mentions, embedded once
    pos = ds.reg_pos[regs]
    negs = ds.reg_negs[regs]
    uniq, inverse = torch.unique(torch.cat([pos, negs.reshape(-1)]), return_inverse=True)
    pos_u = inverse[: len(regs)]
    negs_u = inverse[len(regs):].reshape(len(regs), -1)
    ph = F.normalize(encode_texts(model, [ds.phrase_ids[int(u)] for u in uniq], "short", eos), dim=-1)

    # hard negatives: [positive, 10 negatives]
    s_hard = model.logit_scale_hardneg.clamp(max=MAX_LOG_SCALE).exp()
    cand = torch.cat([pos_u.unsqueeze(1), negs_u], 1)  # [R, 11]
    cos_h = (feats.unsqueeze(1) * ph[cand]).sum(-1)
    l_hard = F.cross_entropy(s_hard * cos_h, torch.zeros(len(regs), dtype=torch.long))

    # region <-> phrase contrastive
    s_fine = model.logit_scale_finegraind.clamp(max=MAX_LOG_SCALE).exp()
    l_r2t = F.cross_entropy(s_fine * feats @ ph.t(), pos_u)
    # phrase -> regions of the batch (other regions with the same phrase masked) + own background cells
    # (scaled before masking: -inf times the scale would give a NaN gradient for the scale)
    ph_pos = ph[pos_u]  # [R,P]
    logits_rr = s_fine * ph_pos @ feats.t()
    same = (pos_u.unsqueeze(0) == pos_u.unsqueeze(1)) & ~torch.eye(len(regs), dtype=torch.bool)
    logits_rr = logits_rr.masked_fill(same, float("-inf"))
    dense_n = F.normalize(dense, dim=-1)  # [B,G²,P]
    logits_bg = s_fine * (dense_n[r_img] * ph_pos.unsqueeze(1)).sum(-1)  # [R,G²]
    logits_bg = logits_bg.masked_fill(~ds.bg[[batch[b] for b in r_img.tolist()]], float("-inf"))
    l_t2r = F.cross_entropy(torch.cat([logits_rr, logits_bg], 1), torch.arange(len(regs)))
    l_region = 0.5 * (l_r2t + l_t2r)

    acc = (cos_h.argmax(1) == 0).float().mean().item()
    return l_global, l_region, l_hard, acc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", nargs="+", required=True)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--image-size", type=int, default=224)
    ap.add_argument("--patch-size", type=int, default=16)
    ap.add_argument("--vision-width", type=int, default=128)
    ap.add_argument("--vision-layers", type=int, default=4)
    ap.add_argument("--text-width", type=int, default=96)
    ap.add_argument("--text-layers", type=int, default=2)
    ap.add_argument("--proj", type=int, default=96)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--steps", type=int, default=600)
    ap.add_argument("--budget-min", type=float, default=20.0, help="training wall-time budget (minutes)")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--wd", type=float, default=0.05)
    ap.add_argument("--warmup", type=int, default=40)
    ap.add_argument("--w-global", type=float, default=0.5)
    ap.add_argument("--w-region", type=float, default=1.0)
    ap.add_argument("--w-hard", type=float, default=1.0)
    ap.add_argument("--long-frac", type=float, default=1.0, help="share of each batch whose long caption is encoded")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--log", default=None)
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    fgclip_torch.Attention.forward = fused_attention
    n_long = max(2, round(a.batch * a.long_frac))
    torch.manual_seed(a.seed)
    random.seed(a.seed)
    np.random.seed(a.seed)
    grid = a.image_size // a.patch_size

    t0 = time.time()
    tok = WordTokenizer(a.tokenizer)
    ds = Dataset(a.train, tok, a.image_size, grid)
    t_data = time.time() - t0
    print(f"data: {ds.n} images, {len(ds.reg_image)} regions, {len(ds.phrases)} phrases, vocab {tok.size}; loaded in {t_data:.1f} s", flush=True)

    cj = config_json(a, tok)
    model = FGCLIP(FGCLIPConfig.from_dict(cj))
    init_weights(model, a.seed)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"model: {n_params / 1e6:.2f} M parameters, image {a.image_size}/{a.patch_size} (grid {grid})", flush=True)

    decay, no_decay = [], []
    for name, p in model.named_parameters():
        (decay if p.dim() >= 2 and "embedding" not in name else no_decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": a.wd}, {"params": no_decay, "weight_decay": 0.0}], lr=a.lr, betas=(0.9, 0.98), eps=1e-6)

    gen = torch.Generator().manual_seed(a.seed)
    order = torch.randperm(ds.n, generator=gen).tolist()
    cursor = 0
    log = []
    t_train = time.time()
    budget = a.budget_min * 60
    step = 0
    ema = None
    seen = 0
    loads = []
    model.train()
    while True:
        elapsed = time.time() - t_train
        progress = max(step / a.steps, elapsed / budget)
        if progress >= 1:
            break
        lr = a.lr * min(1.0, (step + 1) / a.warmup) * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * progress)))
        for g in opt.param_groups:
            g["lr"] = lr
        if cursor + a.batch > ds.n:
            order = torch.randperm(ds.n, generator=gen).tolist()
            cursor = 0
        batch = order[cursor: cursor + a.batch]
        cursor += a.batch
        lg, lr_, lh, acc = step_losses(model, ds, batch, tok.eos, grid, n_long)
        loss = a.w_global * lg + a.w_region * lr_ + a.w_hard * lh
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        seen += len(batch)
        ema = acc if ema is None else 0.95 * ema + 0.05 * acc
        if step % 50 == 0:
            loads.append(os.getloadavg()[0])
        if step % 10 == 0 or step == 1:
            el = time.time() - t_train
            rec = dict(step=step, seen=seen, minutes=round(el / 60, 2), lr=lr, loss=round(loss.item(), 4), glob=round(lg.item(), 4),
                       region=round(lr_.item(), 4), hard=round(lh.item(), 4), hard_acc_ema=round(ema, 4),
                       scales=[round(float(s.exp()), 2) for s in (model.logit_scale, model.logit_scale_finegraind, model.logit_scale_hardneg)])
            log.append(rec)
            print(f"step {step:5d} seen {seen:6d} {el / 60:5.1f} min {seen / el:5.1f} img/s lr {lr:.2e} loss {loss.item():.3f} "
                  f"(glob {lg.item():.3f} region {lr_.item():.3f} hard {lh.item():.3f}) hard-acc~{ema:.3f} scales {rec['scales']}", flush=True)

    train_s = time.time() - t_train
    summary = dict(steps=step, images_seen=seen, train_seconds=round(train_s, 1), images_per_second=round(seen / train_s, 2),
                   data_seconds=round(t_data, 1), params=n_params, train_images=ds.n, train_regions=len(ds.reg_image),
                   args=vars(a), load_avg=round(sum(loads) / max(len(loads), 1), 2), cpus=os.cpu_count(),
                   openblas_threads=os.environ.get("OPENBLAS_NUM_THREADS"), budget_reached=(time.time() - t_train) >= budget)
    print(json.dumps(summary), flush=True)
    model.eval()
    save_checkpoint(model, cj, a.tokenizer, a.out, {"format": "pt", "trainer": "scripts/demo-model/train.py", "seed": a.seed})
    if a.log:
        with open(a.log, "w", encoding="utf-8") as f:
            json.dump(dict(summary=summary, log=log), f, indent=1)


if __name__ == "__main__":
    main()
