"""After scanning, writing to a closed pipe or socket raises BrokenPipeError instead of killing
the process (SANE's reader thread puts SIGPIPE back to its default action; issue #22)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sane_env import run_sane_script, sane_config  # noqa: F401 - fixture by name

pytestmark = pytest.mark.integration

SCRIPT = r"""
import os, signal
from digitize.capture import scan_batch

def ignored():
    mask = int(open(f"/proc/{os.getpid()}/status").read().split("SigIgn:")[1].split()[0], 16)
    return bool(mask & (1 << (signal.SIGPIPE - 1)))

assert ignored()
pages = list(scan_batch("test:0", dpi=50, mode="Gray", pages=1))
print("pages", len(pages), "ignored", ignored(), flush=True)
r, w = os.pipe()
os.close(r)
try:
    os.write(w, b"x")  # a reader that went away: an S3 server restarting, a share dropping
except BrokenPipeError:
    print("BrokenPipeError", flush=True)
"""


def test_a_scan_leaves_sigpipe_ignored(sane_config: Path) -> None:  # noqa: F811
    out = run_sane_script(SCRIPT, sane_config)
    assert out.returncode == 0, (out.returncode, out.stdout, out.stderr)  # -13 was SIGPIPE
    assert "pages 1 ignored True" in out.stdout and "BrokenPipeError" in out.stdout
