"""Minimal, dependency-free .safetensors reader/writer (F32, F16, BF16, plus I64 for reading).

File layout: 8-byte little-endian u64 header length N, N bytes of UTF-8 JSON header
({name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}), then the raw
little-endian tensor bytes; offsets are relative to the end of the header.

Writing is deterministic: tensors in sorted-name order, header JSON with sorted keys and no
whitespace, padded with spaces to a multiple of 8 bytes (as the reference implementation does).
"""
import json
import struct

import numpy as np
import torch

_NP = {"F32": np.dtype("<f4"), "F16": np.dtype("<f2"), "I64": np.dtype("<i8"), "I32": np.dtype("<i4")}
_SIZE = {"F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4}


def _to_bytes(t: torch.Tensor, dtype: str) -> bytes:
    t = t.detach().cpu().contiguous()
    if dtype == "F32":
        return t.to(torch.float32).numpy().astype("<f4").tobytes()
    if dtype == "F16":
        return t.to(torch.float16).numpy().astype("<f2").tobytes()
    if dtype == "BF16":
        # round-to-nearest-even float32 -> bfloat16 by torch, then the raw 16-bit patterns
        return t.to(torch.bfloat16).view(torch.int16).numpy().astype("<i2").tobytes()
    raise ValueError(f"unsupported dtype {dtype}")


def save_file(tensors: dict, path: str, dtype: str = "F32", metadata: dict | None = None) -> None:
    """Write `tensors` (name -> torch.Tensor, any float dtype) all converted to `dtype`."""
    header = {}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        data = _to_bytes(tensors[name], dtype)
        header[name] = {"dtype": dtype, "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata is not None:
        header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    hjson = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    hjson += b" " * ((8 - len(hjson) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hjson)))
        f.write(hjson)
        for b in blobs:
            f.write(b)


def load_file(path: str) -> dict:
    """Read a .safetensors file -> {name: torch.Tensor}. BF16/F16 come back as float32 (exact upcast)."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n].decode("utf-8"))
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dt = info["dtype"]
        b, e = info["data_offsets"]
        shape = tuple(info["shape"])
        buf = raw[base + b : base + e]
        count = int(np.prod(shape)) if shape else 1
        assert len(buf) == count * _SIZE[dt], (name, dt, shape, len(buf))
        if dt == "BF16":
            bits = np.frombuffer(buf, dtype="<u2").astype(np.uint32) << 16
            arr = bits.view(np.float32)
        elif dt == "F16":
            arr = np.frombuffer(buf, dtype=_NP[dt]).astype(np.float32)
        else:
            arr = np.frombuffer(buf, dtype=_NP[dt]).copy()
        out[name] = torch.from_numpy(np.ascontiguousarray(arr).reshape(shape))
    return out


def read_header(path: str) -> dict:
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        return json.loads(f.read(n).decode("utf-8"))
