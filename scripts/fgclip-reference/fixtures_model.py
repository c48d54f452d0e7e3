"""Random-weight FG-CLIP checkpoints (HF layout) and their reference outputs.

Used by make_fixtures.py (tiny-a, tiny-b; committed) and make_random_checkpoint.py (base, large;
never committed). See README.md for the schema of reference/<name>.json.
"""
import json
import math
import os

import numpy as np
import torch

import jsonfmt
import safetensors_io
from fgclip_torch import FGCLIP, FGCLIPConfig, load_model, param_count
from jsonfmt import f32, f32list

CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]
BOS, EOS, PAD = 49406, 49407, 49407
MAX_SHORT, MAX_LONG = 77, 248

# name -> shape, storage dtype, logit scales, seed
SIZES = {
    "tiny-a": dict(
        image_size=32, patch_size=8, v_hidden=32, v_layers=2, v_heads=2, v_inter=64,
        t_hidden=16, t_layers=2, t_heads=2, t_inter=32, projection=16, dtype="F32",
        scales=(math.log(100.0), math.log(50.0), math.log(20.0)), seed=1,
    ),
    "tiny-b": dict(
        image_size=40, patch_size=8, v_hidden=48, v_layers=3, v_heads=3, v_inter=96,
        t_hidden=24, t_layers=2, t_heads=2, t_inter=48, projection=24, dtype="BF16",
        scales=(math.log(1 / 0.07), math.log(40.0), math.log(10.0)), seed=2,
    ),
    "base": dict(
        image_size=224, patch_size=16, v_hidden=768, v_layers=12, v_heads=12, v_inter=3072,
        t_hidden=512, t_layers=12, t_heads=8, t_inter=2048, projection=512, dtype="F32",
        scales=(math.log(100.0), math.log(100.0), math.log(100.0)), seed=3,
    ),
    "large": dict(
        image_size=336, patch_size=14, v_hidden=1024, v_layers=24, v_heads=16, v_inter=4096,
        t_hidden=768, t_layers=12, t_heads=12, t_inter=3072, projection=768, dtype="F32",
        scales=(math.log(100.0), math.log(100.0), math.log(100.0)), seed=4,
    ),
}
TORCH_DTYPE_NAME = {"F32": "float32", "F16": "float16", "BF16": "bfloat16"}


def config_json(s: dict) -> dict:
    act = "quick_gelu"
    return {
        "architectures": ["FGCLIPModel"],
        "model_type": "clip",
        "projection_dim": s["projection"],
        "logit_scale_init_value": 2.6592,
        "initializer_factor": 1.0,
        "torch_dtype": TORCH_DTYPE_NAME[s["dtype"]],
        "text_config": {
            "model_type": "clip_text_model",
            "hidden_size": s["t_hidden"],
            "intermediate_size": s["t_inter"],
            "num_attention_heads": s["t_heads"],
            "num_hidden_layers": s["t_layers"],
            "projection_dim": s["projection"],
            "vocab_size": 49408,
            "max_position_embeddings": MAX_SHORT,
            "hidden_act": act,
            "layer_norm_eps": 1e-05,
            "attention_dropout": 0.0,
            "bos_token_id": BOS,
            "eos_token_id": EOS,
            "pad_token_id": PAD,
        },
        "vision_config": {
            "model_type": "clip_vision_model",
            "hidden_size": s["v_hidden"],
            "intermediate_size": s["v_inter"],
            "num_attention_heads": s["v_heads"],
            "num_hidden_layers": s["v_layers"],
            "projection_dim": s["projection"],
            "image_size": s["image_size"],
            "patch_size": s["patch_size"],
            "num_channels": 3,
            "hidden_act": act,
            "layer_norm_eps": 1e-05,
            "attention_dropout": 0.0,
        },
    }


def preprocessor_json(S: int) -> dict:
    return {
        "image_processor_type": "CLIPImageProcessor",
        "do_resize": True,
        "size": {"shortest_edge": S},
        "resample": 3,
        "do_center_crop": True,
        "crop_size": {"height": S, "width": S},
        "do_rescale": True,
        "rescale_factor": 1 / 255,
        "do_normalize": True,
        "image_mean": CLIP_MEAN,
        "image_std": CLIP_STD,
        "do_convert_rgb": True,
    }


def random_state_dict(cfg: FGCLIPConfig, scales, seed: int) -> dict:
    """Seeded random weights with a healthy scale: linears N(0, 1/fan_in) so attention logits are O(1)
    (attention is far from uniform, masks and scales matter), LayerNorm weight 1 + N(0, 0.1),
    biases N(0, 0.05), embeddings N(0, 0.5). Generated in float32 on CPU with torch.Generator."""
    gen = torch.Generator().manual_seed(seed)
    model = FGCLIP(cfg)
    sd = {}
    for name, p in model.state_dict().items():
        shape = tuple(p.shape)
        if name in ("logit_scale", "logit_scale_finegraind", "logit_scale_hardneg"):
            val = {"logit_scale": scales[0], "logit_scale_finegraind": scales[1], "logit_scale_hardneg": scales[2]}[name]
            sd[name] = torch.tensor(val, dtype=torch.float32)
            continue

        def normal(std):
            return torch.randn(shape, generator=gen, dtype=torch.float32) * std

        is_ln = any(k in name for k in ("layer_norm", "layrnorm", "layernorm"))
        if is_ln and name.endswith(".weight"):
            t = 1.0 + normal(0.1)
        elif name.endswith(".bias"):
            t = normal(0.05)
        elif name.endswith("patch_embedding.weight"):
            fan_in = shape[1] * shape[2] * shape[3]
            t = normal(fan_in ** -0.5)
        elif "embedding" in name:  # class / position / token embeddings
            t = normal(0.5)
        elif name.endswith(".weight") and len(shape) == 2:  # linears and projections [out, in]
            t = normal(shape[1] ** -0.5)
        else:
            raise ValueError(f"no init rule for {name} {shape}")
        sd[name] = t.contiguous()
    return sd


def write_checkpoint(name: str, out_dir: str) -> None:
    s = SIZES[name]
    os.makedirs(out_dir, exist_ok=True)
    cj = config_json(s)
    cfg = FGCLIPConfig.from_dict(cj)
    sd = random_state_dict(cfg, s["scales"], s["seed"])
    with open(os.path.join(out_dir, "config.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(cj, indent=2) + "\n")
    with open(os.path.join(out_dir, "preprocessor_config.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(preprocessor_json(s["image_size"]), indent=2) + "\n")
    safetensors_io.save_file(sd, os.path.join(out_dir, "model.safetensors"), dtype=s["dtype"], metadata={"format": "pt"})


# ----------------------------------------------------------------------------------------------
# reference inputs
# ----------------------------------------------------------------------------------------------
def reference_images(S: int, seed: int) -> np.ndarray:
    """3 already-preprocessed pixel_values [3,3,S,S] float32: a smooth pattern, uniform noise, and
    hard-edged colour blocks, each as 0..1 RGB normalised with the CLIP mean/std."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:S, 0:S].astype(np.float64) / (S - 1)
    smooth = np.stack(
        [0.5 + 0.5 * np.sin(2 * math.pi * (xx + 0.3 * yy)), yy, 0.5 + 0.5 * np.cos(3 * math.pi * xx * yy)], 0
    )
    noise = rng.uniform(0, 1, (3, S, S))
    cell = max(S // 5, 1)
    blocks_small = rng.integers(0, 2, (3, (S + cell - 1) // cell, (S + cell - 1) // cell)).astype(np.float64)
    blocks = np.kron(blocks_small, np.ones((cell, cell)))[:, :S, :S]
    imgs = np.stack([smooth, noise, blocks], 0)
    mean = np.asarray(CLIP_MEAN).reshape(1, 3, 1, 1)
    std = np.asarray(CLIP_STD).reshape(1, 3, 1, 1)
    return ((imgs - mean) / std).astype(np.float32)


def reference_texts():
    """[(label, ids)] from ../shared golden ids (read at run time) plus two long constructions."""
    from make_fixtures import GOLDEN_IDS

    with open(GOLDEN_IDS, encoding="utf-8") as f:
        golden = json.load(f)
    by_text = {g["text"]: g["ids"] for g in golden}
    picks = [0, 2, 3, 8, 11, 13, 14, 15, 17]
    out = [(golden[i]["text"], list(golden[i]["ids"])) for i in picks]
    g13, g17 = golden[13], golden[17]
    inner13 = g13["ids"][1:-1]
    inner17 = g17["ids"][1:-1]
    ids = [BOS] + (inner13 * 8)[:128] + [EOS]  # 130 tokens: truncated on the short path only
    out.append((f"[constructed] inner ids of {g13['text']!r} repeated, 130 tokens", ids))
    ids = [BOS] + (inner17 * 10)[:298] + [EOS]  # 300 tokens: truncated on both paths
    out.append((f"[constructed] inner ids of {g17['text']!r} repeated, 300 tokens", ids))
    assert all(by_text.get(t, i) == i for t, i in out)
    return out


def truncate(ids, max_len):
    """HF CLIP tokenizer truncation: keep the first max_len-1 tokens and end with eos."""
    return list(ids) if len(ids) <= max_len else list(ids[: max_len - 1]) + [EOS]


def pad(ids, max_len):
    return list(ids) + [PAD] * (max_len - len(ids))


# ----------------------------------------------------------------------------------------------
def make_checkpoint_and_reference(name: str) -> None:
    from make_fixtures import CKPT_DIR, REF_DIR, region_features, roi_boxes, torchvision_roi

    s = SIZES[name]
    ckpt = os.path.join(CKPT_DIR, name)
    write_checkpoint(name, ckpt)
    m64 = load_model(ckpt, torch.float64)  # weights as stored (bf16 upcast exactly), math in float64
    m32 = load_model(ckpt, torch.float32)
    cfg = m64.cfg
    G, P = cfg.grid, cfg.projection_dim
    S = cfg.image_size
    diffs = {}

    def track(key, a, b):
        diffs[key] = max(diffs.get(key, 0.0), float(np.abs(np.asarray(a, np.float64) - np.asarray(b, np.float64)).max()))

    # ---------------- images ----------------
    pix = reference_images(S, seed=100 + s["seed"])
    with torch.no_grad():
        emb64, dense64 = m64.encode_image(torch.from_numpy(pix).double())
        emb32, dense32 = m32.encode_image(torch.from_numpy(pix))
        straight = m64.encode_image_straightforward(torch.from_numpy(pix).double())
        batch1 = [m64.encode_image(torch.from_numpy(pix[i : i + 1]).double()) for i in range(3)]
    assert torch.allclose(emb64, straight, rtol=0, atol=1e-12), "shared prefix != straightforward run"
    for i in range(3):
        assert torch.allclose(batch1[i][0][0], emb64[i], atol=1e-12) and torch.allclose(batch1[i][1][0], dense64[i], atol=1e-12)
    track("image_embeds", emb32, emb64)
    track("dense_features", dense32, dense64)
    emb = emb64.float().numpy()
    dense = dense64.float().numpy()
    # the dense tokens are distinct and not a copy of the global embedding
    assert np.abs(dense[0] - dense[0].mean(0)).max() > 1e-2
    images = [
        {
            "pixel_values": f32list(pix[i]),
            "image_embeds": f32list(emb[i]),
            "dense_features": [f32list(r) for r in dense[i]],
        }
        for i in range(3)
    ]
    print(f"{name}: |image_embeds| {np.linalg.norm(emb, axis=1).round(3)}, dense std {dense.std():.3f}")

    # ---------------- regions (image 0) ----------------
    rng = np.random.default_rng(500 + s["seed"])
    boxes_notes = roi_boxes(G, rng, 8)
    probe = torch.zeros(1, G, G, dtype=torch.float64)
    _, raises = torchvision_roi(probe, [b for b, _ in boxes_notes])
    boxes_notes = [bn for bn, r in zip(boxes_notes, raises) if not r]
    boxes = [b for b, _ in boxes_notes]
    regions = region_features(dense[0].astype(np.float64), G, boxes)  # from the float32 dense map
    assert np.allclose(regions[0], dense[0].astype(np.float64).mean(0), atol=1e-12), "whole grid != token mean"
    assert boxes[0] == (0.0, 0.0, float(G), float(G))

    # ---------------- texts ----------------
    texts = []
    for label, src in reference_texts():
        entry = {"text": label, "source_ids": src}
        for path, max_len, offset in (("short", MAX_SHORT, 0), ("long", MAX_LONG, MAX_SHORT)):
            ids = truncate(src, max_len)
            eot = ids.index(EOS)
            assert eot == len(ids) - 1
            padded = torch.tensor([pad(ids, max_len)])
            unpadded = torch.tensor([ids])
            with torch.no_grad():
                pooled = m64.text_pooled(padded, path)
                pooled_np = m64.text_pooled(unpadded, path)
                pooled32 = m32.text_pooled(padded, path)
                pooled32_np = m32.text_pooled(unpadded, path)
                # the package contract (combined position table, position_ids = offset + i)
                posids = offset + torch.arange(max_len).unsqueeze(0)
                c_short, c_long = m64.text_contract(padded, posids)
                c_short_np, c_long_np = m64.text_contract(unpadded, posids[:, : len(ids)])
                short_e = m64.text_projection(pooled)
                long_e = m64.text_filip_projection(pooled)
                short32 = m32.text_projection(pooled32)
                long32 = m32.text_filip_projection(pooled32)
            d_np32 = float((pooled32 - pooled32_np).abs().max())
            d_np64 = float((pooled - pooled_np).abs().max())
            assert d_np32 <= 1e-6, (label, path, d_np32)
            assert d_np64 <= 1e-12
            for a, b in ((c_short, short_e), (c_long, long_e), (c_short_np, short_e), (c_long_np, long_e)):
                assert torch.allclose(a, b, rtol=0, atol=1e-12)
            diffs["text_padded_vs_unpadded_pooled_float32"] = max(diffs.get("text_padded_vs_unpadded_pooled_float32", 0.0), d_np32)
            track("short_embeds", short32, short_e)
            track("long_embeds", long32, long_e)
            entry[path] = {
                "ids": ids,
                "eot_index": eot,
                "pooled": f32list(pooled[0].numpy()),
                "short_embeds": f32list(short_e[0].numpy()),
                "long_embeds": f32list(long_e[0].numpy()),
            }
        texts.append(entry)
    # different paths really differ (positions matter) and different texts differ
    assert np.abs(np.array(texts[0]["short"]["pooled"]) - np.array(texts[0]["long"]["pooled"])).max() > 1e-3
    print(f"{name}: padded vs unpadded pooled (float32 math) max |diff| = {diffs['text_padded_vs_unpadded_pooled_float32']:.3g}")

    scales = {k: float(getattr(m64, k).item()) for k in ("logit_scale", "logit_scale_finegraind", "logit_scale_hardneg")}
    # values as read from the file: float32 (tiny-a) or bfloat16 (tiny-b) bits, exact in float32
    assert all(v == f32(v) for v in scales.values())

    doc = {
        "description": f"Reference outputs of checkpoints/{name} from scripts/fgclip-reference (plain-PyTorch "
        "FG-CLIP v1 per FGCLIP_MODEL.md). Weights as stored (bf16 upcast exactly to float32), all math in "
        "float64, outputs rounded once to float32. images[]: pixel_values [3*S*S] CHW -> image_embeds [P], "
        "dense_features [G*G][P] (unnormalised; token t = y*G+x). regions: RoIAlign (torchvision, 1x1, "
        "aligned=True, spatial_scale 1, sampling_ratio -1) of images[0].dense_features as [P,G,G], boxes "
        "[x1,y1,x2,y2] in grid units -> features [K][P]. texts[]: source_ids -> per path (short: max 77, "
        "position_embedding, position_ids i; long: max 248, ori/res, position_ids 77+i) ids = truncated "
        "(ids[:max-1]+[eos] when longer), run padded to max with 49407; pooled = final_layer_norm at "
        "eot_index [Dt]; short_embeds = text_projection(pooled), long_embeds = text_filip_projection(pooled) "
        "[P]. The runtime uses short.short_embeds and long.long_embeds; both projections of both paths "
        "are given because text.onnx outputs both.",
        "checkpoint": name,
        "storage_dtype": TORCH_DTYPE_NAME[s["dtype"]],
        "image_size": S,
        "patch_size": cfg.patch_size,
        "grid": G,
        "projection_dim": P,
        "text_hidden_size": cfg.text.hidden_size,
        "eos_token_id": cfg.eos_token_id,
        "pad_token_id": cfg.pad_token_id,
        "max_length_short": MAX_SHORT,
        "max_length_long": MAX_LONG,
        "logit_scale": scales["logit_scale"],
        "logit_scale_finegraind": scales["logit_scale_finegraind"],
        "logit_scale_hardneg": scales["logit_scale_hardneg"],
        "float32_vs_float64_max_abs_diff": {k: float(f"{v:.3g}") for k, v in sorted(diffs.items())},
        "images": images,
        "regions": {
            "image": 0,
            "boxes": [list(b) for b in boxes],
            "notes": [n for _, n in boxes_notes],
            "features": [f32list(r) for r in regions],
        },
        "texts": texts,
    }
    jsonfmt.write(os.path.join(REF_DIR, f"{name}.json"), doc)
    size = os.path.getsize(os.path.join(ckpt, "model.safetensors"))
    print(f"{name}: {param_count(m64)} params, model.safetensors {size} bytes, {len(boxes)} boxes, {len(texts)} texts")
    print(f"{name}: float32 vs float64 max |diff|: {doc['float32_vs_float64_max_abs_diff']}")
