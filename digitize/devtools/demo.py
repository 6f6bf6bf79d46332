"""``make demo``: process the bundled sample dossier headless and show what came out."""

from __future__ import annotations

import secrets
import sys

from digitize.core import Workspace
from digitize.devtools.launch import import_sample
from digitize.paths import ram_tempdir

__all__ = ["main"]


def main() -> int:
    """Process the bundled sample dossier into a throw-away archive in RAM, then search it."""
    from digitize.store.search_index import search

    with ram_tempdir("digitize-demo-") as tmp:
        ws = Workspace.init(tmp / "archive", secrets.token_urlsafe(16), office_code="H47.01",
                            office_name="UBND tỉnh Kiên Giang (mẫu)", actor="demo")
        with ws:
            r = import_sample(ws)
            d = ws.dossier(r.dossier_id)
            print(f"Hồ sơ / dossier: {r.dossier_id}  ({d.file_code})")
            print(f"Số trang / pages: {r.pages}   tài liệu / documents: {r.documents}")
            print("Văn bản nhận dạng, trang 1 / OCR text, page 1:")
            for line in d.pages[0].text.splitlines()[:6]:
                print(f"  {line}")
            # a word of page 2 that page 1 does not have, so the hit shows the right page
            page1 = set(d.pages[0].text.lower().split())
            words = [w for w in d.pages[1].text.split()
                     if len(w) > 4 and w.isalpha() and w.lower() not in page1]
            word = max(words, key=len) if words else "quyết"
            res = search(ws.catalog, word, limit=3)
            print(f"Tìm / search «{word}»: {res.total} kết quả / hits")
            for h in res.hits:
                print(f"  {h.dossier_id} trang/page {h.page_seq}: {h.snippet}")
            report = ws.verify()
            print(f"Kiểm tra / verify: {'OK' if report.ok else report.failures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
