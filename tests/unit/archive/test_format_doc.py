"""docs/format.md states the constants the code uses (sizes, labels, magic numbers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive._hazmat import kem, keyfile, layout, sign, stream
from archive.audit import CHECKPOINT_EVERY, CTX_CHECKPOINT, CTX_ENTRY

DOC = (Path(__file__).resolve().parents[3] / "docs" / "format.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "needle",
    [
        layout.MAGIC.decode(),
        layout.END_MAGIC.decode(),
        layout.CEK_INFO.decode(),
        layout.CEK_COMMIT_INFO.decode(),
        layout.CTX_OUTER.decode(),
        layout.CTX_MANIFEST.decode(),
        CTX_ENTRY.decode(),
        CTX_CHECKPOINT.decode(),
        keyfile.WRAP_AAD.decode(),
        keyfile.MAC_INFO.decode(),
        keyfile.FINGERPRINT_TAG.decode(),
        *layout.SUITE.values(),
        f"({sign.PUB_LEN} bytes)",
        f"({kem.PUB_LEN} bytes)",
        f"({sign.SIG_LEN} bytes)",
        f"{kem.ENC_LEN + 32 + 16} bytes",
        f"{layout.FOOTER_LEN}",
        f"{keyfile.SECRETS_LEN + 16} bytes",
        f"multiple of {CHECKPOINT_EVERY}",
        "nonce_prefix (7) || i (4 bytes",
    ],
)
def test_doc_states(needle: str) -> None:
    assert needle in DOC


def test_sizes_add_up() -> None:
    assert layout.FOOTER_LEN == 8 + sign.SIG_LEN + 4 == 3385
    assert (sign.PUB_LEN, kem.PUB_LEN, sign.SIG_LEN, kem.ENC_LEN) == (1984, 1216, 3373, 1120)
    assert stream.PREFIX_LEN + 4 + 1 == 12 and stream.MAX_SEGMENT == 1 << 20
