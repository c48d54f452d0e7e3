"""Deterministic JSON writer for the fixtures.

Objects are indented one key per line; arrays whose items are all scalars are written on one line;
arrays of arrays are one sub-array per line. Floats are written with Python's repr (shortest string
that round-trips the float64 value), so a float32 value passed as float(np.float32(x)) is written
exactly and parses back to the same float32 bits. NaN/Inf are rejected.
"""
import math

import numpy as np


def f32(x) -> float:
    """The float32 value of x, as a Python float (exact)."""
    return float(np.float32(x))


def f32list(a) -> list:
    return [float(v) for v in np.asarray(a, dtype=np.float32).reshape(-1)]


def f64list(a) -> list:
    return [float(v) for v in np.asarray(a, dtype=np.float64).reshape(-1)]


def _scalar(v) -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        v = float(v)
        if not math.isfinite(v):
            raise ValueError("non-finite float in fixture")
        if v == int(v) and abs(v) < 1e15:
            return repr(v)  # e.g. 2.0, -0.0
        return repr(v)
    if isinstance(v, str):
        import json

        return json.dumps(v, ensure_ascii=False)
    raise TypeError(type(v))


def _is_scalar(v) -> bool:
    return not isinstance(v, (list, tuple, dict))


def dumps(obj, indent: int = 0) -> str:
    pad = " " * indent
    pad1 = " " * (indent + 1)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f"{pad1}{_scalar(str(k))}: {dumps(v, indent + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, (list, tuple)):
        if all(_is_scalar(v) for v in obj):
            return "[" + ",".join(_scalar(v) for v in obj) + "]"
        items = [pad1 + dumps(v, indent + 1) for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return _scalar(obj)


def write(path: str, obj) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(dumps(obj))
        f.write("\n")
