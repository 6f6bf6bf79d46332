"""Page workers keep the memory they free (glibc): page-sized arrays do not fault in afresh."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from digitize.pipeline import pagework

# A 40 MB array is above glibc's largest automatic mmap threshold (32 MB): by default it is
# mapped and unmapped each time, and touching it again faults its memory in anew.
_REUSE = textwrap.dedent("""
    import resource, sys
    import numpy as np
    from digitize.pipeline import pagework
    if sys.argv[1] == "keep":
        assert pagework.keep_freed_memory()
    def round_():
        for _ in range(3):
            a = np.ones(40 << 20, np.uint8)
            del a
    round_()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    round_()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
""")


def _faults(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", _REUSE, mode], capture_output=True, text=True,
                          check=True)
    return int(done.stdout.split()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_freed_page_memory_is_reused_without_faults() -> None:
    default, kept = _faults("default"), _faults("keep")
    assert default >= 30  # 3 × 40 MB faulted in again (in 4 kB pages, or 2 MB huge pages)
    assert kept * 10 < default


def test_page_workers_keep_freed_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(pagework, "keep_freed_memory", lambda: calls.append("keep") or True)
    monkeypatch.setattr(pagework.libtess, "enable", lambda: calls.append("libtess"))
    monkeypatch.setattr(pagework.cv2, "setNumThreads", lambda n: calls.append(f"cv2:{n}"))
    pagework._worker_init()
    assert calls == ["cv2:1", "keep", "libtess"]
