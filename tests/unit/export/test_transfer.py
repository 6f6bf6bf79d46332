"""The transfer ZIP and the stream helpers of the SIP builder (#21)."""

from __future__ import annotations

import io
import zipfile

import pytest

from archive.export.sip_source import ChunkStream, digest, read_all
from archive.export.transfer import transfer_name, write_transfer_zip


def test_transfer_name_is_stt_then_objid_and_refuses_paths() -> None:
    assert transfer_name("00012", "uuid-ABC") == "00012uuid-ABC.zip"
    for stt, objid in (("../", "uuid-A"), ("1", "a/b"), ("1", "")):
        with pytest.raises(ValueError):
            transfer_name(stt, objid)


def test_zip_holds_one_folder_streams_pdfs_stored() -> None:
    out = io.BytesIO()
    n = write_transfer_zip(out, "uuid-A", [("METS.xml", b"<mets/>"),
                                           ("representations/rep1/data/x.pdf",
                                            io.BytesIO(b"%PDF" * 1000))])
    zf = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    assert n == 2 and zf.namelist() == ["uuid-A/METS.xml", "uuid-A/representations/rep1/data/x.pdf"]
    assert zf.getinfo("uuid-A/representations/rep1/data/x.pdf").compress_type == zipfile.ZIP_STORED
    assert zf.read("uuid-A/representations/rep1/data/x.pdf") == b"%PDF" * 1000
    with pytest.raises(ValueError):
        write_transfer_zip(io.BytesIO(), "uuid-A", [("../evil", b"x")])


def test_chunk_stream_and_digest_agree_with_bytes() -> None:
    chunks = [b"ab", b"", b"cde", b"f" * 5000]
    data = b"".join(chunks)
    assert read_all(lambda: ChunkStream(iter(chunks))) == data
    assert digest(lambda: ChunkStream(iter(chunks))) == digest(data)
    assert digest(io.BytesIO(data))[1] == len(data)
