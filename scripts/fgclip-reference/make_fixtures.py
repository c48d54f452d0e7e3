#!/usr/bin/python3
"""Regenerate every committed FG-CLIP fixture under src/model/testdata/ (seeded, byte-identical).

    /usr/bin/python3 scripts/fgclip-reference/make_fixtures.py            # everything
    /usr/bin/python3 scripts/fgclip-reference/make_fixtures.py roi preprocess tiny-a tiny-b

Writes:
    src/model/testdata/reference/roi-align.json     torchvision RoIAlign alone
    src/model/testdata/reference/preprocess.json    PIL bicubic squash + normalise
    src/model/testdata/checkpoints/<name>/          random-weight FG-CLIP checkpoints (HF layout)
    src/model/testdata/reference/<name>.json        reference outputs of those checkpoints
See README.md next to this script for the schemas.
"""
import base64
import math
import os
import sys

import numpy as np
import PIL
import torch
import torchvision
from PIL import Image
from torchvision.ops import roi_align

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jsonfmt  # noqa: E402
from jsonfmt import f32list, f64list  # noqa: E402

torch.set_num_threads(2)

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
TESTDATA = os.path.join(ROOT, "src", "model", "testdata")
REF_DIR = os.path.join(TESTDATA, "reference")
CKPT_DIR = os.path.join(TESTDATA, "checkpoints")
GOLDEN_IDS = os.path.abspath(os.path.join(ROOT, "..", "shared", "reference", "clip-bpe", "golden-ids.json"))

CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]
ROI_OP = {"output_size": [1, 1], "spatial_scale": 1.0, "sampling_ratio": -1, "aligned": True}


# ----------------------------------------------------------------------------------------------
# RoIAlign: the spec's scalar formula (used to cross-check torchvision, and for inverted boxes on
# which torchvision raises).
# ----------------------------------------------------------------------------------------------
def roi_weights_spec(box, G: int) -> np.ndarray:
    """Weights w[G*G] (row-major y*G+x) such that region = w @ dense; float64; FGCLIP_MODEL.md."""
    x1, y1, x2, y2 = (float(v) for v in box)
    sx, sy, rw, rh = x1 - 0.5, y1 - 0.5, x2 - x1, y2 - y1
    gw, gh = math.ceil(rw), math.ceil(rh)
    count = max(gw * gh, 1)
    w = np.zeros(G * G, dtype=np.float64)
    for iy in range(gh):  # empty when gh <= 0
        y0 = sy + (iy + 0.5) * rh / gh
        for ix in range(gw):
            x = sx + (ix + 0.5) * rw / gw
            y = y0
            if y < -1 or y > G or x < -1 or x > G:
                continue
            y = max(y, 0.0)
            x = max(x, 0.0)
            yl, xl = int(math.floor(y)), int(math.floor(x))
            if yl >= G - 1:
                yl = yh = G - 1
                y = float(yl)
            else:
                yh = yl + 1
            if xl >= G - 1:
                xl = xh = G - 1
                x = float(xl)
            else:
                xh = xl + 1
            ly, lx = y - yl, x - xl
            hy, hx = 1 - ly, 1 - lx
            w[yl * G + xl] += hy * hx
            w[yl * G + xh] += hy * lx
            w[yh * G + xl] += ly * hx
            w[yh * G + xh] += ly * lx
    return w / count


def torchvision_roi(features_cgg: torch.Tensor, boxes, dtype=torch.float64):
    """features [C,G,G]; boxes list of (x1,y1,x2,y2) grid units. Returns (outputs [K,C] float64 numpy,
    raises [K] bool). Boxes on which torchvision raises get a row of NaN here."""
    C = features_cgg.shape[0]
    feats = features_cgg.to(dtype).unsqueeze(0)
    out = np.zeros((len(boxes), C), dtype=np.float64)
    raises = []
    for k, b in enumerate(boxes):
        t = torch.tensor([[0.0] + [float(v) for v in b]], dtype=dtype)
        try:
            r = roi_align(feats, t, output_size=(1, 1), spatial_scale=1.0, sampling_ratio=-1, aligned=True)
            out[k] = r.reshape(C).to(torch.float64).numpy()
            raises.append(False)
        except (ValueError, RuntimeError):
            out[k] = np.nan
            raises.append(True)
    return out, raises


def region_features(dense_gp: np.ndarray, G: int, boxes):
    """dense [G*G, P] (token t = y*G+x) -> RoIAlign features [K, P] via torchvision (float64),
    cross-checked against the spec formula."""
    P = dense_gp.shape[1]
    fmap = torch.from_numpy(np.ascontiguousarray(dense_gp.T.reshape(P, G, G))).to(torch.float64)
    out, raises = torchvision_roi(fmap, boxes)
    assert not any(raises), "model region boxes must be ones torchvision accepts"
    for k, b in enumerate(boxes):
        ref = roi_weights_spec(b, G) @ dense_gp.astype(np.float64)
        assert np.allclose(ref, out[k], rtol=0, atol=1e-12), (b, np.abs(ref - out[k]).max())
    return out


def dyadic(rng, lo, hi, denom=64):
    """Random value in [lo, hi] that is a multiple of 1/denom (exact in float32 and float64)."""
    return float(np.round(rng.uniform(lo, hi) * denom) / denom)


def roi_boxes(G: int, rng, n_random: int):
    """Hand-picked boxes (with notes) + random ones, in grid units."""
    g = float(G)
    hand = [
        ((0, 0, g, g), "whole grid: mean of all tokens"),
        ((0, 0, 1, 1), "first cell"),
        ((g - 1, g - 1, g, g), "last cell"),
        ((0, 0, g, 1), "top row"),
        ((0, g - 1, g, g), "bottom row"),
        ((g - 1, 0, g, g), "right column"),
        ((1.2, 1.2, 1.7, 1.7), "inside one cell"),
        ((2.25, 0.5, 2.75, 1.5), "sub-cell width, fractional"),
        ((1.5, 1.5, 1.5, 1.5), "zero-size point (count 1, no samples -> 0)"),
        ((1, 0, 1, g), "zero width, full height (no samples -> 0)"),
        ((-1, -1, 2, 2), "partly outside, negative"),
        ((g - 2, g - 2, g + 1.5, g + 1.5), "partly outside, beyond G"),
        ((-3, -3, -1.5, -1.5), "fully outside, negative"),
        ((g + 1, 0, g + 3, 2), "fully outside, beyond G"),
        ((-0.75, -0.75, 0.25, 0.25), "samples near the -1 boundary"),
        ((0.5, 0.5, g - 0.5, g - 0.5), "token centres"),
        ((0.3, 1.7, 2.9, 3.1), "fractional"),
        ((-2, 1, g + 2, 2), "band past both edges"),
        ((g - 1.25, 0, g, 1), "clamp at G-1"),
        ((0, 0, 0.1, g), "thin sliver, 1 sample column"),
        ((3, 3, 1, 1), "inverted both axes by 2 (torchvision -> 0)"),
        ((3, 1, 2.5, 3), "x inverted by 0.5 (ceil -> 0 samples; torchvision -> 0)"),
        ((1, 3, 3, 2.25), "y inverted by 0.75 (torchvision -> 0)"),
        ((3, 1, 1, 3), "x inverted by 2, y normal: torchvision raises (negative sample count); spec -> 0"),
    ]
    boxes = [(tuple(float(v) for v in b), note) for b, note in hand]
    for i in range(n_random):
        x1, x2 = sorted((dyadic(rng, -1.5, g + 1.5), dyadic(rng, -1.5, g + 1.5)))
        y1, y2 = sorted((dyadic(rng, -1.5, g + 1.5), dyadic(rng, -1.5, g + 1.5)))
        boxes.append(((x1, y1, x2, y2), "random"))
    for i in range(4):  # random inverted boxes
        x1, x2 = dyadic(rng, 0, g), dyadic(rng, 0, g)
        y1, y2 = dyadic(rng, 0, g), dyadic(rng, 0, g)
        if i % 2 == 0:  # both axes inverted
            x1, x2 = max(x1, x2), min(x1, x2)
            y1, y2 = max(y1, y2), min(y1, y2)
        else:  # x inverted, y normal
            x1, x2 = max(x1, x2), min(x1, x2)
            y1, y2 = min(y1, y2), max(y1, y2)
        boxes.append(((x1, y1, x2, y2), "random inverted"))
    return boxes


def make_roi_align():
    rng = np.random.default_rng(20240601)
    cases = []
    for G, n_random in ((4, 16), (7, 20), (14, 24)):
        C = 5
        feats = rng.standard_normal((C, G, G)).astype(np.float32)
        ft = torch.from_numpy(feats)
        boxes_notes = roi_boxes(G, rng, n_random)
        boxes = [b for b, _ in boxes_notes]
        out64, raises = torchvision_roi(ft, boxes, torch.float64)
        out32, raises32 = torchvision_roi(ft, boxes, torch.float32)
        assert raises == raises32
        dense = feats.reshape(C, G * G).T.astype(np.float64)  # [G*G, C]
        weights = np.stack([roi_weights_spec(b, G) for b in boxes])  # [K, G*G]
        spec_out = weights @ dense
        for k, b in enumerate(boxes):
            if raises[k]:
                assert np.all(spec_out[k] == 0), b
                out64[k] = 0.0  # record the spec value (0); torchvision raised
                continue
            assert np.allclose(spec_out[k], out64[k], rtol=0, atol=1e-12), (G, b)
            assert np.allclose(out32[k], out64[k], rtol=0, atol=2e-6), (G, b)
        # invariant: the whole grid is the mean of all tokens
        assert np.allclose(out64[0], dense.mean(axis=0), atol=1e-12)
        cases.append(
            {
                "grid": G,
                "channels": C,
                "features": f32list(feats),
                "boxes": [list(b) for b in boxes],
                "notes": [n for _, n in boxes_notes],
                "torchvision_raises": raises,
                "outputs": [f64list(r) for r in out64],
                "weights": [f64list(w) for w in weights],
            }
        )
        print(f"roi-align: G={G} C={C} boxes={len(boxes)} torchvision raises on {sum(raises)}")
    doc = {
        "description": "torchvision.ops.roi_align(features[1,C,G,G], boxes, **op) independent of the model. "
        "features: [C,G,G] row-major (channel-first); boxes: [x1,y1,x2,y2] in grid units; outputs: [K][C]; "
        "weights: [K][G*G] with outputs = weights @ features.reshape(C,G*G).T (token t = y*G+x). "
        "Computed in float64 from float32-exact features. Where torchvision_raises is true (a box inverted "
        "by >= 1 on exactly one axis: negative sample count), torchvision 0.14 throws; outputs/weights there "
        "are the spec formula's value (all zeros).",
        "torchvision_version": torchvision.__version__,
        "op": ROI_OP,
        "cases": cases,
    }
    jsonfmt.write(os.path.join(REF_DIR, "roi-align.json"), doc)


# ----------------------------------------------------------------------------------------------
# Preprocessing: PIL bicubic squash to S x S, /255, normalise, CHW.
# ----------------------------------------------------------------------------------------------
def synth_image(w: int, h: int, seed: int) -> np.ndarray:
    """uint8 [h, w, 3]: gradients + hard edges + a 1-px stripe pattern + a little seeded noise."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    r = 255 * xx / max(w - 1, 1)
    g = 255 * yy / max(h - 1, 1)
    b = 127.5 + 127.5 * np.sin(2 * math.pi * (xx + 2 * yy) / max(w, h))
    img = np.stack([r, g, b], axis=-1)
    # a saturated rectangle with hard edges (bicubic overshoot must be clamped)
    x0, x1 = w // 4, w // 4 + max(w // 3, 2)
    y0, y1 = h // 3, h // 3 + max(h // 3, 2)
    img[y0:y1, x0:x1] = (255, 0, 255)
    # black/white 1-px vertical stripes in the bottom-right corner
    sx0, sy0 = (2 * w) // 3, (2 * h) // 3
    stripes = np.where((np.arange(w - sx0) % 2) == 0, 255.0, 0.0)
    img[sy0:, sx0:] = stripes[None, :, None]
    img += rng.normal(0, 6, img.shape)
    return np.clip(np.round(img), 0, 255).astype(np.uint8)


def pil_squash(rgb: np.ndarray, S: int) -> np.ndarray:
    return np.asarray(Image.fromarray(rgb, mode="RGB").resize((S, S), Image.BICUBIC), dtype=np.uint8)


def normalise(resized: np.ndarray, mean, std) -> np.ndarray:
    """uint8 [S,S,3] -> float32 [3,S,S]; computed in float64, rounded once to float32."""
    x = resized.astype(np.float64) / 255.0
    x = (x - np.asarray(mean, dtype=np.float64)) / np.asarray(std, dtype=np.float64)
    return x.transpose(2, 0, 1).astype(np.float32)


def b64(a: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(a, dtype=np.uint8).tobytes()).decode("ascii")


def make_preprocess():
    specs = [("gradient-50x37", 50, 37), ("upscale-13x29", 13, 29), ("square-64x64", 64, 64)]
    images = []
    raws = []
    for i, (name, w, h) in enumerate(specs):
        rgb = synth_image(w, h, seed=1000 + i)
        raws.append(rgb)
        images.append({"name": name, "width": w, "height": h, "rgb_base64": b64(rgb)})
    cases = []
    for S, with_pixels in ((32, True), (40, False), (7, False)):
        for i, rgb in enumerate(raws):
            resized = pil_squash(rgb, S)
            case = {"image": i, "size": S, "resized_rgb_base64": b64(resized)}
            if with_pixels:
                case["pixel_values"] = f32list(normalise(resized, CLIP_MEAN, CLIP_STD))
            cases.append(case)
    doc = {
        "description": "FG-CLIP image preprocessing: PIL Image.resize((S,S), Image.BICUBIC) of the whole RGB "
        "image (squash, no crop), then /255, then (x-mean)/std per channel, CHW. images[].rgb_base64: raw "
        "uint8 RGB, row-major [height][width][3]. cases[].resized_rgb_base64: PIL's uint8 output [S][S][3]. "
        "cases[].pixel_values (only for size 32): float32 [3*S*S] CHW, computed in float64 and rounded once.",
        "pil_version": PIL.__version__,
        "resample": "bicubic",
        "pil_resample": 3,
        "rescale_factor": 1 / 255,
        "mean": CLIP_MEAN,
        "std": CLIP_STD,
        "images": images,
        "cases": cases,
    }
    jsonfmt.write(os.path.join(REF_DIR, "preprocess.json"), doc)
    print(f"preprocess: {len(images)} images, {len(cases)} cases")


def main(argv):
    what = set(argv) or {"roi", "preprocess", "tiny-a", "tiny-b"}
    os.makedirs(REF_DIR, exist_ok=True)
    if "roi" in what:
        make_roi_align()
    if "preprocess" in what:
        make_preprocess()
    model_names = [n for n in ("tiny-a", "tiny-b") if n in what]
    if model_names:
        import fixtures_model

        for n in model_names:
            fixtures_model.make_checkpoint_and_reference(n)


if __name__ == "__main__":
    main(sys.argv[1:])
