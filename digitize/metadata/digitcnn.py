"""A small convolutional digit classifier, run with numpy alone (no learning framework).

Two 5×5 convolution layers (16 and 32 filters, each followed by a ReLU and a 2×2 max pool) and
two dense layers read a digit in the canonical 28×28 form of
:func:`digitize.metadata.digitnet.canonical`. The model is ``digits_cnn.npz`` beside this module
(about 0.1 MB, float16 weights). It was trained here on MNIST (Y. LeCun, C. Cortes, C. Burges;
CC BY-SA 3.0) with elastic distortions, broken and thinned strokes and pieces of neighbouring
digits at the sides, by :mod:`digitize.metadata.digitcnn_build` (``python -m
digitize.metadata.digitcnn_build WHEEL``, see there). Convolutions keep the stroke shapes the
dense networks of :mod:`digitize.metadata.digitnet` blur together (a ``5`` or a ``3`` taken for
an ``8``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["CNN_MODEL", "KEYS", "cnn_probabilities", "forward", "softmax"]

CNN_MODEL = Path(__file__).with_name("digits_cnn.npz")
#: Parameter names in the model file, in order.
KEYS = ("c1", "d1", "c2", "d2", "f1", "e1", "f2", "e2")
_K = 5


def windows(x: np.ndarray) -> np.ndarray:
    """All 5×5 windows of ``x`` (N, H, W, C) as rows: (N, H-4, W-4, C·25)."""
    v = np.lib.stride_tricks.sliding_window_view(x, (_K, _K), axis=(1, 2))
    n, h, w, c = v.shape[:4]
    return v.reshape(n, h, w, c * _K * _K)


def pool(x: np.ndarray) -> np.ndarray:
    """2×2 max pooling of (N, H, W, C) with even H and W."""
    n, h, w, c = x.shape
    return x.reshape(n, h // 2, 2, w // 2, 2, c).max(axis=(2, 4))


def forward(params: dict[str, np.ndarray], x: np.ndarray) -> list[np.ndarray]:
    """The network's layers for images ``x`` (N, 28, 28); the last item is the logits."""
    a0 = x[..., None].astype(np.float32)
    z1 = windows(a0) @ params["c1"] + params["d1"]
    p1 = pool(np.maximum(z1, 0))
    z2 = windows(p1) @ params["c2"] + params["d2"]
    p2 = pool(np.maximum(z2, 0))
    flat = p2.reshape(len(x), -1)
    h = np.maximum(flat @ params["f1"] + params["e1"], 0)
    return [a0, z1, p1, z2, p2, flat, h, h @ params["f2"] + params["e2"]]


@lru_cache(maxsize=1)
def _params() -> dict[str, np.ndarray]:
    with np.load(CNN_MODEL) as z:
        return {k: z[k].astype(np.float32) for k in KEYS}


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax of logits ``z`` (N, 10), shifted by each row's maximum."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def cnn_probabilities(x: np.ndarray) -> np.ndarray:
    """Softmax over the ten digits for canonical images ``x`` (N, 28, 28): (N, 10)."""
    return softmax(forward(_params(), x)[-1])
