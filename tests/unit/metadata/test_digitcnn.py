"""The convolutional digit classifier: shipped, small, mixed into the reading; its training code's
back-propagation agrees with finite differences."""

from __future__ import annotations

import cv2
import numpy as np

from digitize.metadata import digitcnn, digitnet
from digitize.metadata.digitcnn import CNN_MODEL, cnn_probabilities, forward


def _digit(d: str) -> np.ndarray:
    img = np.zeros((80, 70), np.uint8)
    cv2.putText(img, d, (10, 60), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 1.6, 255, 3)
    return img


def test_the_model_ships_in_the_package_and_is_small() -> None:
    assert CNN_MODEL.exists() and CNN_MODEL.stat().st_size < 300_000


def test_it_reads_script_digits_and_is_mixed_with_the_dense_networks() -> None:
    x = np.stack([digitnet.canonical(_digit(str(d))) for d in range(10)])
    p = cnn_probabilities(x)
    assert p.shape == (10, 10) and np.allclose(p.sum(axis=1), 1.0, atol=1e-4)
    assert int((p.argmax(axis=1) == np.arange(10)).sum()) >= 8
    assert 0.0 < digitnet.CNN_WEIGHT < 1.0
    ink = _digit("5")
    mixed = digitnet.probabilities(ink)
    assert np.isclose(mixed.sum(), 1.0, atol=1e-4)
    turns = np.stack([digitnet.canonical(ink)] +
                     [digitnet.canonical(digitnet._turned(ink, a)) for a in digitnet.TURNS])
    alone = cnn_probabilities(turns).mean(axis=0)
    assert float(np.abs(mixed - alone).max()) > 1e-6  # the dense networks take their share


def test_back_propagation_matches_finite_differences() -> None:
    from digitize.metadata.digitcnn_build import _grads, _init

    rng = np.random.default_rng(3)
    p = {k: v.astype(np.float64) for k, v in _init(rng).items()}
    x = rng.random((3, 28, 28))
    y = np.array([1, 5, 9])

    def loss() -> float:
        z = forward(p, x)[-1]
        z = z - z.max(axis=1, keepdims=True)
        return float(-(z[np.arange(3), y] - np.log(np.exp(z).sum(axis=1))).mean())

    g = _grads(p, x, y)
    for k in digitcnn.KEYS:
        idx = tuple(int(rng.integers(s)) for s in p[k].shape)
        old = p[k][idx]
        p[k][idx] = old + 1e-5
        up = loss()
        p[k][idx] = old - 1e-5
        down = loss()
        p[k][idx] = old
        assert abs((up - down) / 2e-5 - g[k][idx]) < 1e-6, k
