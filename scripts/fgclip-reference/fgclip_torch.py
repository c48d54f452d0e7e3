"""FG-CLIP v1 forward pass in plain PyTorch, written from ../shared/docs/FGCLIP_MODEL.md.

The module tree mirrors the Hugging Face state-dict names, so a checkpoint's tensors load with
`load_state_dict(strict=True)`. No `transformers` dependency.

    cfg = FGCLIPConfig.from_dir(ckpt)                 # config.json
    model = FGCLIP(cfg); model.load_state_dict(sd)    # sd from safetensors_io.load_file
    image_embeds, dense = model.encode_image(pixel_values)     # [N,P], [N,G*G,P]
    pooled = model.text_pooled(ids, path="short"|"long")       # [N,Dt] final LN at first eos
"""
import json
import math
import os
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


def quick_gelu(x):
    return x * torch.sigmoid(1.702 * x)


def gelu(x):
    return F.gelu(x)


ACTIVATIONS = {"quick_gelu": quick_gelu, "gelu": gelu}


@dataclass
class TowerConfig:
    hidden_size: int
    intermediate_size: int
    num_attention_heads: int
    num_hidden_layers: int
    hidden_act: str = "quick_gelu"
    layer_norm_eps: float = 1e-5


@dataclass
class FGCLIPConfig:
    vision: TowerConfig
    text: TowerConfig
    image_size: int
    patch_size: int
    num_channels: int
    vocab_size: int
    max_position_embeddings: int  # 77 (short table)
    long_positions: int  # 248 (position_embedding_ori / _res)
    long_ori_rows: int  # 20: rows of position_embedding_ori used before switching to _res
    projection_dim: int
    eos_token_id: int
    bos_token_id: int
    pad_token_id: int

    @property
    def grid(self) -> int:
        return self.image_size // self.patch_size

    @staticmethod
    def from_dict(c: dict) -> "FGCLIPConfig":
        v, t = c["vision_config"], c["text_config"]

        def tower(d):
            return TowerConfig(
                hidden_size=d["hidden_size"],
                intermediate_size=d["intermediate_size"],
                num_attention_heads=d["num_attention_heads"],
                num_hidden_layers=d["num_hidden_layers"],
                hidden_act=d.get("hidden_act", "quick_gelu"),
                layer_norm_eps=d.get("layer_norm_eps", 1e-5),
            )

        return FGCLIPConfig(
            vision=tower(v),
            text=tower(t),
            image_size=v["image_size"],
            patch_size=v["patch_size"],
            num_channels=v.get("num_channels", 3),
            vocab_size=t["vocab_size"],
            max_position_embeddings=t.get("max_position_embeddings", 77),
            long_positions=248,
            long_ori_rows=20,
            projection_dim=c["projection_dim"],
            eos_token_id=t.get("eos_token_id", 49407),
            bos_token_id=t.get("bos_token_id", 49406),
            pad_token_id=t.get("pad_token_id", 49407),
        )

    @staticmethod
    def from_dir(path: str) -> "FGCLIPConfig":
        with open(os.path.join(path, "config.json"), encoding="utf-8") as f:
            return FGCLIPConfig.from_dict(json.load(f))


class Attention(nn.Module):
    def __init__(self, d: int, heads: int):
        super().__init__()
        assert d % heads == 0
        self.heads = heads
        self.head_dim = d // heads
        self.scale = self.head_dim ** -0.5
        self.q_proj = nn.Linear(d, d)
        self.k_proj = nn.Linear(d, d)
        self.v_proj = nn.Linear(d, d)
        self.out_proj = nn.Linear(d, d)

    def forward(self, x, causal: bool = False):
        n, l, d = x.shape
        h, hd = self.heads, self.head_dim
        q = (self.q_proj(x) * self.scale).reshape(n, l, h, hd).transpose(1, 2)  # [n,h,l,hd]
        k = self.k_proj(x).reshape(n, l, h, hd).transpose(1, 2)
        v = self.v_proj(x).reshape(n, l, h, hd).transpose(1, 2)
        scores = q @ k.transpose(-1, -2)  # [n,h,l,l]
        if causal:
            future = torch.ones(l, l, dtype=torch.bool, device=x.device).triu(1)
            scores = scores.masked_fill(future, float("-inf"))
        attn = scores.softmax(dim=-1)
        out = (attn @ v).transpose(1, 2).reshape(n, l, d)
        return self.out_proj(out)

    def value_only(self, x):
        """FG-CLIP's dense path: the attention replaced by its value path, OutProj(V(x))."""
        return self.out_proj(self.v_proj(x))


class MLP(nn.Module):
    def __init__(self, d: int, inter: int, act: str):
        super().__init__()
        self.fc1 = nn.Linear(d, inter)
        self.fc2 = nn.Linear(inter, d)
        self.act = ACTIVATIONS[act]

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


class EncoderLayer(nn.Module):
    def __init__(self, cfg: TowerConfig):
        super().__init__()
        d = cfg.hidden_size
        self.self_attn = Attention(d, cfg.num_attention_heads)
        self.layer_norm1 = nn.LayerNorm(d, eps=cfg.layer_norm_eps)
        self.mlp = MLP(d, cfg.intermediate_size, cfg.hidden_act)
        self.layer_norm2 = nn.LayerNorm(d, eps=cfg.layer_norm_eps)

    def forward(self, h, causal: bool = False):
        h = h + self.self_attn(self.layer_norm1(h), causal=causal)
        return h + self.mlp(self.layer_norm2(h))

    def forward_value_only(self, h):
        x = h + self.self_attn.value_only(self.layer_norm1(h))
        return x + self.mlp(self.layer_norm2(x))


class Encoder(nn.Module):
    def __init__(self, cfg: TowerConfig):
        super().__init__()
        self.layers = nn.ModuleList([EncoderLayer(cfg) for _ in range(cfg.num_hidden_layers)])


class VisionEmbeddings(nn.Module):
    def __init__(self, cfg: FGCLIPConfig):
        super().__init__()
        d = cfg.vision.hidden_size
        self.class_embedding = nn.Parameter(torch.zeros(d))
        self.patch_embedding = nn.Conv2d(cfg.num_channels, d, cfg.patch_size, stride=cfg.patch_size, bias=False)
        self.position_embedding = nn.Embedding(cfg.grid * cfg.grid + 1, d)

    def forward(self, pixel_values):
        n = pixel_values.shape[0]
        patches = self.patch_embedding(pixel_values).flatten(2).transpose(1, 2)  # [n, G*G, d], t = y*G+x
        cls = self.class_embedding.reshape(1, 1, -1).expand(n, 1, -1)
        return torch.cat([cls, patches], dim=1) + self.position_embedding.weight.unsqueeze(0)


class VisionTransformer(nn.Module):
    def __init__(self, cfg: FGCLIPConfig):
        super().__init__()
        eps = cfg.vision.layer_norm_eps
        self.embeddings = VisionEmbeddings(cfg)
        self.pre_layrnorm = nn.LayerNorm(cfg.vision.hidden_size, eps=eps)  # (sic)
        self.encoder = Encoder(cfg.vision)
        self.post_layernorm = nn.LayerNorm(cfg.vision.hidden_size, eps=eps)


class TextEmbeddings(nn.Module):
    def __init__(self, cfg: FGCLIPConfig):
        super().__init__()
        d = cfg.text.hidden_size
        self.token_embedding = nn.Embedding(cfg.vocab_size, d)
        self.position_embedding = nn.Embedding(cfg.max_position_embeddings, d)
        self.position_embedding_ori = nn.Embedding(cfg.long_positions, d)
        self.position_embedding_res = nn.Embedding(cfg.long_positions, d)
        self.long_ori_rows = cfg.long_ori_rows

    def positions(self, length: int, path: str):
        """Spec: short -> position_embedding[0:L]; long -> ori[i] for i < 20, res[i] for i >= 20."""
        if path == "short":
            return self.position_embedding.weight[:length]
        if path == "long":
            i = torch.arange(length)
            use_ori = (i < self.long_ori_rows).unsqueeze(1)
            return torch.where(use_ori, self.position_embedding_ori.weight[:length], self.position_embedding_res.weight[:length])
        raise ValueError(path)

    def combined_table(self):
        """Package-contract table: 77 short rows, then 248 long rows (ori for i < 20, res after)."""
        long_rows = torch.cat(
            [self.position_embedding_ori.weight[: self.long_ori_rows], self.position_embedding_res.weight[self.long_ori_rows :]], 0
        )
        return torch.cat([self.position_embedding.weight, long_rows], 0)


class TextTransformer(nn.Module):
    def __init__(self, cfg: FGCLIPConfig):
        super().__init__()
        self.embeddings = TextEmbeddings(cfg)
        self.encoder = Encoder(cfg.text)
        self.final_layer_norm = nn.LayerNorm(cfg.text.hidden_size, eps=cfg.text.layer_norm_eps)


class FGCLIP(nn.Module):
    def __init__(self, cfg: FGCLIPConfig):
        super().__init__()
        self.cfg = cfg
        P = cfg.projection_dim
        self.vision_model = VisionTransformer(cfg)
        self.text_model = TextTransformer(cfg)
        self.visual_projection = nn.Linear(cfg.vision.hidden_size, P, bias=False)
        self.text_projection = nn.Linear(cfg.text.hidden_size, P, bias=False)
        self.text_filip_projection = nn.Linear(cfg.text.hidden_size, P, bias=False)
        self.logit_scale = nn.Parameter(torch.tensor(0.0))
        self.logit_scale_finegraind = nn.Parameter(torch.tensor(0.0))  # (sic)
        self.logit_scale_hardneg = nn.Parameter(torch.tensor(0.0))

    # ---------------- image ----------------
    def vision_prefix(self, pixel_values):
        """Embeddings, pre_layrnorm, layers 0 .. L-2 -> h (= hidden_states[-2])."""
        vm = self.vision_model
        h = vm.pre_layrnorm(vm.embeddings(pixel_values))
        for layer in vm.encoder.layers[:-1]:
            h = layer(h)
        return h

    def encode_image(self, pixel_values):
        """-> image_embeds [N,P], dense_features [N,G*G,P] (both unnormalised)."""
        vm = self.vision_model
        h = self.vision_prefix(pixel_values)
        last = vm.encoder.layers[-1]
        g = last(h)[:, 0]
        image_embeds = self.visual_projection(vm.post_layernorm(g))
        d = last.forward_value_only(h)[:, 1:]
        dense = self.visual_projection(vm.post_layernorm(d))
        return image_embeds, dense

    def encode_image_straightforward(self, pixel_values):
        """All L layers in one loop, token 0 -> post_layernorm -> projection (no shared prefix)."""
        vm = self.vision_model
        h = vm.pre_layrnorm(vm.embeddings(pixel_values))
        for layer in vm.encoder.layers:
            h = layer(h)
        return self.visual_projection(vm.post_layernorm(h[:, 0]))

    # ---------------- text ----------------
    def first_eos(self, input_ids):
        """Index of the first eos token per row (argmax returns the first maximum; int32 so that the
        exported ArgMax runs on every onnxruntime backend)."""
        return (input_ids == self.cfg.eos_token_id).to(torch.int32).argmax(dim=1)

    def text_hidden(self, input_ids, pos):
        """pos: [L,Dt] or [N,L,Dt] position rows. Returns final_layer_norm(h) [N,L,Dt]."""
        tm = self.text_model
        h = tm.embeddings.token_embedding(input_ids) + pos
        for layer in tm.encoder.layers:
            h = layer(h, causal=True)
        return tm.final_layer_norm(h)

    def text_pooled(self, input_ids, path: str):
        """Spec path: short/long positions, final LN at the first eos -> [N,Dt]."""
        pos = self.text_model.embeddings.positions(input_ids.shape[1], path)
        h = self.text_hidden(input_ids, pos)
        return h[torch.arange(input_ids.shape[0]), self.first_eos(input_ids)]

    def text_contract(self, input_ids, position_ids):
        """The text.onnx contract: position_ids index the combined 77+248 table.
        -> short_embeds (text_projection), long_embeds (text_filip_projection)."""
        pos = F.embedding(position_ids, self.text_model.embeddings.combined_table())
        h = self.text_hidden(input_ids, pos)
        n, _, d = h.shape
        idx = self.first_eos(input_ids).to(torch.int64).reshape(n, 1, 1).expand(n, 1, d)
        pooled = h.gather(1, idx).squeeze(1)  # (gather exports to one GatherElements)
        return self.text_projection(pooled), self.text_filip_projection(pooled)


def load_model(ckpt_dir: str, dtype=torch.float32) -> FGCLIP:
    """Build from config.json + model.safetensors (any of F32/F16/BF16, upcast exactly)."""
    import safetensors_io

    cfg = FGCLIPConfig.from_dir(ckpt_dir)
    model = FGCLIP(cfg)
    sd = safetensors_io.load_file(os.path.join(ckpt_dir, "model.safetensors"))
    # Older HF checkpoints also carry position_ids buffers; they are not parameters here.
    sd = {k: v for k, v in sd.items() if not k.endswith("embeddings.position_ids")}
    model.load_state_dict(sd, strict=True)
    return model.to(dtype).eval()


def param_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


__all__ = ["FGCLIP", "FGCLIPConfig", "TowerConfig", "load_model", "quick_gelu", "math"]
