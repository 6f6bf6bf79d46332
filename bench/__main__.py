"""Run every benchmark module of this folder in turn: ``python -m bench``."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import time
from pathlib import Path


def main() -> int:
    """Import each ``bench.*`` module that has a ``main`` and run it; report failures."""
    failed = []
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])
                   if not m.name.startswith("_"))
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        entry = getattr(module, "main", None)
        if entry is None:
            continue
        print(f"\n=== bench.{name} ===", flush=True)
        t0 = time.perf_counter()
        required = [p for p in inspect.signature(entry).parameters.values()
                    if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY,
                                                          p.POSITIONAL_OR_KEYWORD)]
        sys.argv = [f"bench.{name}"]
        try:
            code = entry([]) if required else entry()
        except Exception as e:  # noqa: BLE001 - one failing bench must not hide the others
            print(f"bench.{name} failed: {type(e).__name__}: {e}", flush=True)
            code = 1
        print(f"=== bench.{name}: {time.perf_counter() - t0:.0f} s, exit {code} ===", flush=True)
        if code not in (None, 0):
            failed.append(name)
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
