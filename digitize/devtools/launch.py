"""``make run``: open the desktop app on the embedded default archive (user data folder).

Demo data only when asked (``DIGITIZE_DEMO=1 make run``): then a separate demo archive
(``$DIGITIZE_HOME`` if set, else ``demo-archive`` in the user data folder, never the real
default archive) is created with demo accounts and the bundled sample dossier. Without it the
app opens its set-up screen, headless or not (#24). The GUI itself is started through the
distribution's ``digitize-app`` entry point, so that the core never imports the GUI package.
"""

from __future__ import annotations

import os
import sys
from importlib.metadata import entry_points
from pathlib import Path

from digitize.core import Workspace
from digitize.model import ProcessResult
from digitize.paths import default_archive_dir, ram_tempdir
from digitize.progress import CancelToken, ProgressFn, no_progress

__all__ = ["DEMO_ACCOUNTS", "DEMO_OFFICE", "create_demo_archive", "import_sample", "main"]

DEMO_OFFICE = ("H47.01", "UBND xã Mỹ Lâm (trình diễn)")
#: (user, password, role) of a demo archive; never used outside demo mode.
DEMO_ACCOUNTS = (("quantri", "demo-quantri-2026", "admin"),
                 ("luutru", "demo-luutru-2026", "archivist"),
                 ("vanthu", "demo-vanthu-2026", "clerk"))


def import_sample(ws: Workspace, *, pages: int = 3, dpi: int = 200,
                  progress: ProgressFn = no_progress, cancel: CancelToken | None = None
                  ) -> ProcessResult:
    """Render the bundled sample dossier in RAM and run it through the pipeline."""
    import cv2

    from digitize.devtools.sample import sample_dossier
    from digitize.pipeline.run import process

    with ram_tempdir("digitize-sample-") as tmp:
        paths = []
        for i, (img, _doc) in enumerate(sample_dossier(pages, dpi=dpi), start=1):
            p = tmp / f"trang-{i:02d}.png"
            cv2.imwrite(str(p), cv2.cvtColor(img, cv2.COLOR_RGB2BGR))
            paths.append(p)
        return process(ws, paths, title="Hồ sơ mẫu: văn bản UBND xã năm 2022",
                       progress=progress, cancel=cancel)


def create_demo_archive(root: Path, *, sample: bool = True) -> None:
    """Create an archive with the demo office and accounts, and import the sample dossier."""
    from digitize.session import setup_archive

    admin, password, _role = DEMO_ACCOUNTS[0]
    session, _passphrase = setup_archive(root, office_code=DEMO_OFFICE[0],
                                         office_name=DEMO_OFFICE[1], admin=admin,
                                         password=password)
    try:
        for user, pw, role in DEMO_ACCOUNTS[1:]:
            session.add_account(user, pw, role)
        if sample:
            import_sample(session.workspace)
    finally:
        session.close()


def _demo_dir() -> Path:
    """Where a demo archive goes: ``$DIGITIZE_HOME``, else beside (never in) the real one."""
    if os.environ.get("DIGITIZE_HOME"):
        return default_archive_dir()
    return default_archive_dir().parent / "demo-archive"


def main(argv: list[str] | None = None) -> int:
    """Start the GUI entry point; with ``DIGITIZE_DEMO=1``, on a demo archive made first."""
    demo = os.environ.get("DIGITIZE_DEMO") == "1"
    root = _demo_dir() if demo else default_archive_dir()
    if demo and not Workspace.exists(root):
        print(f"Tạo kho lưu trữ trình diễn tại {root} và nhập hồ sơ mẫu… / "
              "creating a demo archive and importing the sample dossier…", flush=True)
        create_demo_archive(root)
        for user, pw, role in DEMO_ACCOUNTS:
            print(f"  {role}: {user} / {pw}")
    (app,) = [ep for ep in entry_points(group="gui_scripts") if ep.name == "digitize-app"]
    return int(app.load()(["--archive", str(root), *(argv or sys.argv[1:])]) or 0)


if __name__ == "__main__":
    sys.exit(main())
