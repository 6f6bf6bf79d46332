"""``make screenshots``: the main screens at 1366×768 under Xvfb, saved to docs/screenshots/.

The screen runs a real window manager (openbox) and a taskbar (tint2) when they are installed
(``make screenshots`` installs them), the window opens maximised as it does for a clerk, and the
whole screen is photographed: title bar, taskbar and all. Without them the window is given the
client area such a screen leaves (:data:`CLIENT`) and only the window is photographed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)
#: The window's client area when maximised on that screen under a window manager with a title
#: bar (~30 px) and a taskbar (~38 px): what a clerk actually gets (#23); used only when no
#: window manager is installed.
CLIENT = (1366, 700)


def start_desktop(display: str) -> list[subprocess.Popen]:
    """Start openbox and a tint2 taskbar on ``display`` if installed; [] when they are not."""
    if not (shutil.which("openbox") and shutil.which("tint2")):
        print("openbox/tint2 missing: photographing the window alone", flush=True)
        return []
    env = {**os.environ, "DISPLAY": display}
    procs = [subprocess.Popen([cmd], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for cmd in ("openbox", "tint2")]
    time.sleep(1.5)  # both map their windows before the app asks to be maximised
    return procs


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """Start ``Xvfb :N -screen 0 1366x768x24`` on a free display number."""
    if not shutil.which("Xvfb"):
        raise SystemExit("Xvfb is missing: apt-get install xvfb")
    for n in range(90, 130):
        if Path(f"/tmp/.X11-unix/X{n}").exists() or Path(f"/tmp/.X{n}-lock").exists():
            continue
        proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", f"{SIZE[0]}x{SIZE[1]}x24",
                                 "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                return proc, f":{n}"
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        proc.kill()
    raise SystemExit("could not start Xvfb")


def main() -> int:
    """Build a demo archive in RAM, open the window on it and photograph every screen."""
    xvfb, display = start_xvfb()
    os.environ.update({"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "OMP_THREAD_LIMIT": "1",
                       "QT_SCALE_FACTOR": "1"})
    sys.path.insert(0, str(ROOT))
    desktop = start_desktop(display)
    try:
        return _shoot(with_desktop=bool(desktop))
    finally:
        for proc in [*desktop, xvfb]:
            proc.terminate()
            proc.wait(timeout=10)


def _shoot(*, with_desktop: bool) -> int:
    import numpy as np
    from PIL import Image
    from PySide6.QtCore import QSettings

    from digitize.devtools.launch import DEMO_ACCOUNTS, create_demo_archive
    from digitize.devtools.sample import sample_dossier
    from digitize.paths import ram_tempdir
    from ui import dialogs, i18n
    from ui.app import create_app
    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    def no_questions(box: object) -> int:
        # nobody answers a modal box under Xvfb: a question must fail the run, not hang it
        raise SystemExit(f"unexpected question while photographing: {box.text()}")  # type: ignore[attr-defined]

    dialogs._exec = no_questions  # type: ignore[assignment]
    app = create_app()
    OUT.mkdir(parents=True, exist_ok=True)
    with ram_tempdir("digitize-shots-") as tmp:
        print("creating the demo archive and processing the sample dossier…", flush=True)
        create_demo_archive(tmp / "kho")
        i18n.install("vi")
        window = MainWindow(tmp / "kho", settings=UiSettings(QSettings(
            str(tmp / "ui.ini"), QSettings.Format.IniFormat)))
        if with_desktop:
            window.showMaximized()
        else:
            window.resize(*CLIENT)
            window.move(0, 0)
            window.show()

        def spin(cond: Callable[[], bool], timeout: float = 120.0) -> None:
            end = time.monotonic() + timeout
            while time.monotonic() < end and not cond():
                app.processEvents()
                time.sleep(0.01)
            for _ in range(30):
                app.processEvents()
                time.sleep(0.01)

        def shot(name: str) -> None:
            path = OUT / f"{name}.png"
            screen = app.primaryScreen()
            picture = screen.grabWindow(0) if with_desktop else window.grab()
            picture.save(str(path), "PNG")
            print(f"  {path.relative_to(ROOT)}")

        def idle() -> None:
            spin(lambda: not window.runner.busy)

        spin(lambda: window.stack.currentWidget() is not None, 5)
        if with_desktop:
            spin(lambda: window.isMaximized() and window.height() < SIZE[1] - 40, 5)
            print(f"maximised window: {window.frameGeometry().getRect()}, client "
                  f"{window.width()}×{window.height()}", flush=True)
        sign = window.stack.currentWidget()
        user, password, _role = DEMO_ACCOUNTS[0]
        sign.user.setText(user)
        shot("01-dang-nhap")
        sign.password.setText(password)
        sign.submit()
        spin(lambda: window.session is not None and bool(window.views))
        idle()

        window.show_view("dashboard")
        idle()
        shot("02-tong-quan")

        cap = window.show_view("capture")
        idle()
        pages = []
        for i, (img, _doc) in enumerate(sample_dossier(2, dpi=150), start=1):
            p = tmp / f"trang-{i}.png"
            Image.fromarray(img).save(p, dpi=(150, 150))
            pages.append(str(p))
        blank = tmp / "trang-3.png"
        Image.fromarray(np.full((1754, 1240, 3), 255, np.uint8)).save(blank, dpi=(150, 150))
        pages.append(str(blank))
        cap.create_dossier("Hồ sơ tiếp nhận tháng 11/2024")
        spin(lambda: cap.dossier_id is not None)
        cap.not_secret.setChecked(True)
        cap.import_paths(pages)
        spin(lambda: cap.thumbs.count() == 3 and not window.runner.busy)
        cap.thumbs.setCurrentRow(1)
        cap.rotate(1)
        idle()
        shot("03-quet-va-nhap")
        cap.status.toggle.setChecked(True)  # the message log, opened
        cap.undo_stack.undo()
        idle()
        cap.process()  # into the processing queue; capture is free again at once
        spin(lambda: bool(cap.queue_box.list.count()), 10)
        spin(lambda: "⚙" in cap.queue_box.list.item(0).text(), 20)
        shot("03b-hang-cho-xu-ly")
        idle()
        cap.status.toggle.setChecked(False)

        rv = window.show_view("review")
        spin(lambda: rv.page is not None and not window.runner.busy)
        rv.form.set_value("codeNumber", "15a")
        rv.save(advance=False)
        idle()
        # the cursor in "Số": the page zooms to where it was read (no window manager gives
        # the window focus under Xvfb, so the focus-in is not delivered: zoom directly)
        rv.form.editors["codeNumber"].setFocus()
        rv.zoom_to_field("codeNumber")
        spin(lambda: rv.canvas.region() is not None, 10)
        if rv.canvas.region() is None:
            raise SystemExit("the review did not zoom to the field")
        spin(lambda: not rv.autosave.isActive(), 5)  # the refused edit kept as a draft: ✎
        idle()
        shot("04-ra-soat")

        sv = window.show_view("search")
        idle()
        sv.query.setText("trách nhiệm")
        sv.run_search()
        spin(lambda: sv.list.count() > 0)
        sv.open_selected()
        spin(lambda: sv.canvas.hit_count() > 0)
        sv.verify()
        spin(lambda: "✔" in sv.verify_label.text() or "✘" in sv.verify_label.text())
        shot("05-tra-cuu")

        ex = window.show_view("export")
        ex.target.setText((tmp / "xuat").as_uri())
        ex.refresh_queue()
        idle()
        shot("06-xuat-du-lieu")
        ex.tabs.setCurrentWidget(ex.accounts)
        idle()
        shot("07-tai-khoan")
        ex.tabs.setCurrentWidget(ex.backup)
        ex.backup.start_backup(tmp / "sao-luu")
        spin(lambda: "Đã sao lưu" in ex.backup.status.text())
        idle()
        shot("07b-sao-luu")

        window.set_language("en")
        idle()
        sv = window.show_view("search")
        idle()
        sv.query.setText("quyet dinh")
        sv.run_search()
        spin(lambda: sv.list.count() > 0)
        sv.open_selected()
        spin(lambda: sv.canvas.hit_count() > 0)
        shot("08-search-english")
        window.set_language("vi")
        window.close()
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
