"""Shared pieces of the demo-model trainer and evaluator: data loading (genData.ts output), the
word tokenizer (exactly as src/model/tokenizer.ts encodes with the project's tokenizer.json), the
FG-CLIP model from ../fgclip-reference, and checkpoint I/O in the Hugging Face layout."""
import json
import os
import re
import sys

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fgclip-reference"))
import safetensors_io  # noqa: E402
from fgclip_torch import FGCLIP, FGCLIPConfig  # noqa: E402
from fixtures_model import CLIP_MEAN, CLIP_STD, preprocessor_json  # noqa: E402

MAX_SHORT = 77
MAX_LONG = 248


# ------------------------------------------------------------------------------------------------
# tokenizer: tokenizer.json (WordLevel, Lowercase, Whitespace) — the same ids the app computes
# ------------------------------------------------------------------------------------------------
class WordTokenizer:
    SPLIT = re.compile(r"\w+|[^\w\s]+")

    def __init__(self, path: str):
        with open(path, encoding="utf-8") as f:
            j = json.load(f)
        self.vocab = j["model"]["vocab"]
        self.unk = self.vocab[j["model"]["unk_token"]]
        self.bos = self.vocab["<|startoftext|>"]
        self.eos = self.vocab["<|endoftext|>"]
        self.size = len(self.vocab)
        self.unknown_words = set()

    def encode(self, text: str, max_length: int):
        body = []
        for w in self.SPLIT.findall(text.lower()):
            i = self.vocab.get(w)
            if i is None:
                self.unknown_words.add(w)
                i = self.unk
            if i != self.bos and i != self.eos:
                body.append(i)
        body = body[: max_length - 2]
        return [self.bos] + body + [self.eos]


def pad_rows(rows, pad_id):
    length = max(len(r) for r in rows)
    out = torch.full((len(rows), length), pad_id, dtype=torch.long)
    for i, r in enumerate(rows):
        out[i, : len(r)] = torch.tensor(r, dtype=torch.long)
    return out


# ------------------------------------------------------------------------------------------------
# data
# ------------------------------------------------------------------------------------------------
def neg_family(key: str) -> str:
    """'color_2' -> 'color'."""
    return re.sub(r"_\d+$", "", key)


def load_samples(dirs):
    """[(sample dict, jpeg bytes)] from genData.ts output folders, in order."""
    out = []
    for d in dirs:
        with open(os.path.join(d, "records.json"), encoding="utf-8") as f:
            meta = json.load(f)
        with open(os.path.join(d, "images.bin"), "rb") as f:
            blob = f.read()
        for s in meta["samples"]:
            out.append((s, blob[s["offset"] : s["offset"] + s["length"]]))
    return out


def squash(jpeg: bytes, size: int) -> np.ndarray:
    """FG-CLIP preprocessing up to uint8: decode, RGB, PIL bicubic squash to size×size."""
    import io

    img = Image.open(io.BytesIO(jpeg)).convert("RGB").resize((size, size), Image.BICUBIC)
    return np.asarray(img, dtype=np.uint8)


def normalise_pixels(u8: torch.Tensor) -> torch.Tensor:
    """uint8 [N,S,S,3] -> float [N,3,S,S], (v/255 - mean)/std."""
    x = u8.permute(0, 3, 1, 2).float() / 255.0
    mean = torch.tensor(CLIP_MEAN).view(1, 3, 1, 1)
    std = torch.tensor(CLIP_STD).view(1, 3, 1, 1)
    return (x - mean) / std


class Dataset:
    """Everything pre-tokenised and pre-resized in memory."""

    def __init__(self, dirs, tok: WordTokenizer, size: int, grid: int):
        samples = load_samples(dirs)
        n = len(samples)
        self.n = n
        self.keys = [s["key"] for s, _ in samples]
        self.indices = [s["index"] for s, _ in samples]
        self.pixels = torch.from_numpy(np.stack([squash(j, size) for _, j in samples]))
        self.short_caption = [s["record"]["short_caption"] for s, _ in samples]
        self.long_caption = [s["record"]["caption"] for s, _ in samples]
        self.short_ids = [tok.encode(t, MAX_SHORT) for t in self.short_caption]
        self.long_ids = [tok.encode(t, MAX_LONG) for t in self.long_caption]
        phrase_index = {}
        self.phrases = []  # unique phrase strings

        def pid(text):
            if text not in phrase_index:
                phrase_index[text] = len(self.phrases)
                self.phrases.append(text)
            return phrase_index[text]

        # regions: image, box (normalised xyxy), positive phrase id, 10 negative phrase ids, families
        self.reg_image, self.reg_box, self.reg_pos, self.reg_negs, self.reg_fams = [], [], [], [], []
        self.image_regions = []
        bg = torch.ones(n, grid * grid, dtype=torch.bool)
        centres = (torch.arange(grid, dtype=torch.float32) + 0.5) / grid
        cy, cx = torch.meshgrid(centres, centres, indexing="ij")
        cx, cy = cx.reshape(-1), cy.reshape(-1)
        for i, (s, _) in enumerate(samples):
            mine = []
            for r in s["record"]["bbox_info"]:
                x1, y1, x2, y2 = r["bbox"][:4]
                negs = r["short_expr_negs"]
                keys = list(negs.keys())
                mine.append(len(self.reg_image))
                self.reg_image.append(i)
                self.reg_box.append([x1, y1, x2, y2])
                self.reg_pos.append(pid(r["short_expr"]))
                self.reg_negs.append([pid(negs[k]) for k in keys])
                self.reg_fams.append([neg_family(k) for k in keys])
                inside = (cx >= x1) & (cx <= x2) & (cy >= y1) & (cy <= y2)
                bg[i] &= ~inside
            self.image_regions.append(mine)
        self.bg = bg
        self.reg_image = torch.tensor(self.reg_image)
        self.reg_box = torch.tensor(self.reg_box, dtype=torch.float32)
        self.reg_pos = torch.tensor(self.reg_pos)
        self.reg_negs = torch.tensor(self.reg_negs)
        self.phrase_ids = [tok.encode(t, MAX_SHORT) for t in self.phrases]
        if tok.unknown_words:
            raise SystemExit(f"words missing from tokenizer.json: {sorted(tok.unknown_words)}")


# ------------------------------------------------------------------------------------------------
# model / checkpoint
# ------------------------------------------------------------------------------------------------
def config_json(a, tok: WordTokenizer) -> dict:
    return {
        "architectures": ["FGCLIPModel"],
        "model_type": "clip",
        "projection_dim": a.proj,
        "logit_scale_init_value": 2.6592,
        "initializer_factor": 1.0,
        "torch_dtype": "float32",
        "text_config": {
            "model_type": "clip_text_model",
            "hidden_size": a.text_width,
            "intermediate_size": 4 * a.text_width,
            "num_attention_heads": a.text_width // 32,
            "num_hidden_layers": a.text_layers,
            "projection_dim": a.proj,
            "vocab_size": tok.size,
            "max_position_embeddings": MAX_SHORT,
            "hidden_act": "quick_gelu",
            "layer_norm_eps": 1e-05,
            "attention_dropout": 0.0,
            "bos_token_id": tok.bos,
            "eos_token_id": tok.eos,
            "pad_token_id": tok.eos,
        },
        "vision_config": {
            "model_type": "clip_vision_model",
            "hidden_size": a.vision_width,
            "intermediate_size": 4 * a.vision_width,
            "num_attention_heads": a.vision_width // 32,
            "num_hidden_layers": a.vision_layers,
            "projection_dim": a.proj,
            "image_size": a.image_size,
            "patch_size": a.patch_size,
            "num_channels": 3,
            "hidden_act": "quick_gelu",
            "layer_norm_eps": 1e-05,
            "attention_dropout": 0.0,
        },
    }


def save_checkpoint(model: FGCLIP, cj: dict, tokenizer_path: str, out_dir: str, metadata: dict):
    import shutil

    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "config.json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(cj, indent=2) + "\n")
    with open(os.path.join(out_dir, "preprocessor_config.json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(preprocessor_json(cj["vision_config"]["image_size"]), indent=2) + "\n")
    shutil.copyfile(tokenizer_path, os.path.join(out_dir, "tokenizer.json"))
    sd = {k: v.detach().float() for k, v in model.state_dict().items()}
    safetensors_io.save_file(sd, os.path.join(out_dir, "model.safetensors"), dtype="F32", metadata=metadata)


def load_checkpoint(ckpt_dir: str) -> FGCLIP:
    cfg = FGCLIPConfig.from_dir(ckpt_dir)
    model = FGCLIP(cfg)
    model.load_state_dict(safetensors_io.load_file(os.path.join(ckpt_dir, "model.safetensors")), strict=True)
    return model.eval()
