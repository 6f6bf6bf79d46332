"""A watched folder a network scanner writes into: hand over complete files once each."""

from __future__ import annotations

import errno
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from digitize.capture.importer import IGNORED_NAMES, natural_key
from digitize.errors import UnreadablePath

__all__ = ["HotFolder", "looks_complete"]

_TEMP_SUFFIXES = (".part", ".partial", ".tmp", ".temp", ".crdownload", ".filepart", "~")


def looks_complete(path: Path, size: int) -> bool:
    """Whether the file's own structure says it is whole (end markers, declared sizes).

    Formats we cannot check this way (TIFF) count as complete; the settle time covers them.
    """
    try:
        with path.open("rb") as f:
            head = f.read(16)
            f.seek(max(0, size - 2048))
            tail = f.read()
    except OSError:
        return False
    if head.startswith(b"\xff\xd8"):
        return b"\xff\xd9" in tail
    if b"%PDF-" in head:
        return b"%%EOF" in tail
    if head.startswith(b"\x89PNG"):
        return b"IEND" in tail[-16:]
    if head.startswith(b"BM") and len(head) >= 6:
        return int.from_bytes(head[2:6], "little") <= size
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return int.from_bytes(head[4:8], "little") + 8 <= size
    return True


def _written_inodes() -> set[tuple[int, int]]:
    """(device, inode) of files some process holds open for writing (Linux; best effort)."""
    out: set[tuple[int, int]] = set()
    if not sys.platform.startswith("linux"):
        return out
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        fd_dir = f"/proc/{pid}/fd"
        try:
            fds = os.listdir(fd_dir)
        except OSError:
            continue
        for fd in fds:
            try:
                with open(f"/proc/{pid}/fdinfo/{fd}", encoding="ascii") as info:
                    flags = next((int(line.split()[1], 8) for line in info
                                  if line.startswith("flags:")), 0)
                if flags & (os.O_WRONLY | os.O_RDWR):
                    st = os.stat(f"{fd_dir}/{fd}")
                    out.add((st.st_dev, st.st_ino))
            except (OSError, ValueError):
                continue
    return out


@dataclass
class _Seen:
    signature: tuple[int, int, int]
    since: float


class HotFolder:
    """Poll a folder for files that are completely written; each is handed out once.

    A file is handed out when its size and modification time have not changed for
    ``settle_seconds``, no process holds it open for writing, and its structure looks
    whole (a JPEG ends with its end marker, a PDF with ``%%EOF``...). A file whose structure
    never completes is handed out anyway after ``give_up_seconds`` of stillness, so the
    importer can report it as truncated instead of it waiting forever.

    Args:
        path: The watched folder (searched recursively; hidden files and ``done_dir`` skipped).
        done_dir: Where :meth:`mark_done` moves imported files (created if missing).
        settle_seconds: Stillness needed before a file counts as written.
        give_up_seconds: Stillness after which an incomplete-looking file is handed out.
        clock: Monotonic clock (injectable for tests).
    """

    def __init__(self, path: Path, done_dir: Path, *, settle_seconds: float = 2.0,
                 give_up_seconds: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.path = Path(path)
        self.done_dir = Path(done_dir)
        self.settle_seconds = settle_seconds
        self.give_up_seconds = (max(30.0, 10 * settle_seconds) if give_up_seconds is None
                                else give_up_seconds)
        self._clock = clock
        self._seen: dict[Path, _Seen] = {}
        self._handed: dict[Path, tuple[int, int, int]] = {}

    def _candidates(self) -> list[Path]:
        done = self.done_dir.resolve()
        found: list[Path] = []
        for root, dirs, files in os.walk(self.path):
            dirs[:] = [d for d in dirs if not d.startswith(".")
                       and (Path(root) / d).resolve() != done]
            for name in files:
                low = name.casefold()
                if (name.startswith((".", "~$")) or low in IGNORED_NAMES
                        or low.endswith(_TEMP_SUFFIXES)):
                    continue
                found.append(Path(root) / name)
        return sorted(found, key=lambda p: natural_key(p.relative_to(self.path)))

    def poll(self) -> list[Path]:
        """Files that became complete since the last call, in natural order.

        Raises:
            UnreadablePath: The watched folder is missing or unreadable.
        """
        if not self.path.is_dir():
            raise UnreadablePath("not a folder", path=str(self.path),
                                 reason_vi="không phải thư mục hoặc không tồn tại")
        now = self._clock()
        ready: list[tuple[Path, tuple[int, int, int], int]] = []
        present = set()
        for p in self._candidates():
            try:
                st = p.stat()
            except OSError:
                continue
            present.add(p)
            sig = (st.st_size, st.st_mtime_ns, st.st_ino)
            if self._handed.get(p) == sig:
                continue
            seen = self._seen.get(p)
            if seen is None or seen.signature != sig:
                self._seen[p] = _Seen(sig, now)
                continue
            still = now - seen.since
            if still < self.settle_seconds:
                continue
            whole = st.st_size > 0 and looks_complete(p, st.st_size)
            if whole or still >= self.give_up_seconds:
                ready.append((p, sig, st.st_dev))
        for gone in set(self._seen) - present:
            del self._seen[gone]
        if not ready:
            return []
        busy = _written_inodes()
        out = []
        for p, sig, dev in ready:
            if (dev, sig[2]) in busy:
                continue
            self._handed[p] = sig
            self._seen.pop(p, None)
            out.append(p)
        return out

    def watch(self, *, interval: float = 1.0,
              cancel: threading.Event | None = None) -> Iterator[Path]:
        """Yield files as they become complete, polling every ``interval`` seconds.

        Runs until ``cancel`` (a ``threading.Event`` or ``CancelToken``) is set; meant for a
        worker thread. The caller imports each file and then calls :meth:`mark_done`.
        """
        event = getattr(cancel, "event", cancel) or threading.Event()
        while not event.is_set():
            yield from self.poll()
            event.wait(interval)

    def mark_done(self, path: Path) -> Path:
        """Move an imported file into ``done_dir`` without ever overwriting a file there.

        The move is a rename (atomic) on the same file system; across file systems the file
        is copied under a hidden name first and then linked into place.

        Returns:
            The new path.
        """
        src = Path(path)
        self.done_dir.mkdir(parents=True, exist_ok=True)
        stem, suffix = src.stem, src.suffix
        for n in range(10000):
            dst = self.done_dir / (src.name if n == 0 else f"{stem} ({n}){suffix}")
            try:
                os.link(src, dst)
            except FileExistsError:
                continue
            except OSError as e:
                if e.errno not in (errno.EXDEV, errno.EPERM, errno.ENOTSUP):
                    raise
                tmp = self.done_dir / f".{src.name}.{os.getpid()}.moving"
                shutil.copy2(src, tmp)
                try:
                    os.link(tmp, dst)
                except FileExistsError:
                    tmp.unlink()
                    continue
                tmp.unlink()
            src.unlink()
            self._handed.pop(src, None)
            self._seen.pop(src, None)
            return dst
        raise FileExistsError(errno.EEXIST, "no free name in done folder", str(self.done_dir))
