"""SIGKILL trials of ``digitize backup`` and ``digitize rebuild-catalog`` (issue #22).

Run: ``.venv/bin/python -m bench.bench_recovery [--trials 50]``. Builds an archive with a
plain, a revised, an exported and a PAdES-signed dossier in a temporary folder, then for each
command: start it, SIGKILL it at a time spread over one run's length, run it again, and check
that nothing is lost or duplicated (backup: every container once under its own hash, the
newest snapshot's signed manifest complete, no leftovers; rebuild: ``verify --all`` clean and
``list`` unchanged). A last restore of the backup must show the same list, searches and verify.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from digitize.core import Workspace  # noqa: E402
from tests.integration.recovery_env import (  # noqa: E402
    PASSPHRASE,
    check_backup_folder,
    cli,
    kill_delays,
    kill_trial,
    make_rich_archive,
    observe,
    run_time,
)


def main(argv: list[str] | None = None) -> int:
    """Run the trials and print one row per command."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--trials", type=int, default=50)
    opts = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-recovery-"))
    rows, ok = [], True
    try:
        root = tmp / "archive"
        make_rich_archive(root, tmp)
        before = observe(root)
        with Workspace.open(root, PASSPHRASE, readonly=True) as ws:
            expect = {r["id"] for r in ws.catalog.query("SELECT id FROM containers")}
        bk = tmp / "bk"
        span = run_time(root, ["backup", "--to", str(bk)]) * 1.2
        bad = 0
        trials = []
        for d in kill_delays(opts.trials, span, seed=50):
            t = kill_trial(root, ["backup", "--to", str(bk)], d)
            trials.append(t)
            try:
                assert t.rerun_rc == 0
                check_backup_folder(bk, expect)
            except AssertionError:
                bad += 1
        new = tmp / "restored"
        cli(new, "restore", "--from", str(bk), "--archive", str(new))
        restored_same = observe(new) == before
        rows.append(("backup", trials, bad, f"restore same: {restored_same}"))
        ok &= bad == 0 and restored_same

        span = run_time(root, ["rebuild-catalog", "--force"]) * 1.2
        bad, trials = 0, []
        for d in kill_delays(opts.trials, span, seed=51):
            t = kill_trial(root, ["rebuild-catalog", "--force"], d)
            trials.append(t)
            after = cli(root, "verify", "--all", check=False)
            listed = cli(root, "list", "--json", check=False).stdout
            if t.rerun_rc or after.returncode or not listed.strip() or \
                    json.loads(listed) != before["list"]:
                bad += 1
        same = observe(root) == before
        rows.append(("rebuild-catalog", trials, bad, f"list/search/verify same: {same}"))
        ok &= bad == 0 and same
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{'command':<16} {'trials':>6} {'killed':>6} {'bad':>4} {'rerun p50 s':>11}  end state")
    for name, trials, bad, end in rows:
        killed = sum(t.killed for t in trials)
        p50 = statistics.median(t.rerun_s for t in trials)
        print(f"{name:<16} {len(trials):>6} {killed:>6} {bad:>4} {p50:>11.2f}  {end}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
