"""PAdES signing of a finished PDF/A in memory with pyHanko (PKCS#12 file or PKCS#11 token)."""

from __future__ import annotations

import functools
import io
import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.font import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError, get_pyca_cryptography_hash
from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.stamp import TextStampStyle

from archive.errors import PadesSigningFailed, SigningFileInvalid, SigningKeyUnavailable

__all__ = ["Appearance", "SigningKey", "load_pkcs12", "open_pkcs11", "sign_pdf",
           "LIBERATION_SERIF", "POSITIONS", "SIGNATURE_FIELD"]

logging.getLogger("pyhanko").addHandler(logging.NullHandler())  # errors are ours to report

LIBERATION_SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
POSITIONS = ("top-right", "top-left", "bottom-right", "bottom-left")
SIGNATURE_FIELD = "ChuKySo"
PAD = 3  # points between the box edge and the text


@dataclass(frozen=True)
class Appearance:
    """The visible signature box (DESIGN 4: top right of page 1, agency and time, 10 pt).

    ``template`` may use ``{agency}``, ``{time}`` (ISO 8601 with offset), ``{signer}`` (the
    certificate's common name) and ``{date}`` (dd/mm/yyyy); lines split at ``\\n``.
    """

    template: str = "Ký bởi: {agency}\nThời gian ký: {time}"
    position: str = "top-right"
    width: float = 230.0
    height: float | None = None  # default: fits the template's lines
    margin: float = 14.0
    page: int = 0
    font_file: str = LIBERATION_SERIF
    font_size: int = 10

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Appearance:
        """Build from an office profile's settings, ignoring unknown keys."""
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in (data or {}).items() if k in known})

    def text(self, *, agency: str, when: datetime, signer: str = "") -> str:
        """The rendered text of the box."""
        return self.template.format(agency=agency, time=when.isoformat(timespec="seconds"),
                                    signer=signer or agency, date=when.strftime("%d/%m/%Y"))

    def box(self, media_box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
        """The field rectangle on a page with ``media_box``."""
        if self.position not in POSITIONS:
            raise PadesSigningFailed(f"unknown position {self.position!r}")
        x0, y0, x1, y1 = media_box
        height = self.height or (self.template.count("\n") + 1) * self.font_size * 1.2 + 2 * PAD
        top = self.position.startswith("top")
        right = self.position.endswith("right")
        left = x1 - self.margin - self.width if right else x0 + self.margin
        bottom = y1 - self.margin - height if top else y0 + self.margin
        return (round(left), round(bottom), round(left + self.width), round(bottom + height))


@dataclass
class SigningKey:
    """An unlocked signing key; ``lock`` serialises tokens that sign one thing at a time."""

    signer: signers.Signer
    subject: str
    lock: threading.Lock | None = None
    _session: Any = field(default=None, repr=False)

    def close(self) -> None:
        """Log out of the token (if any); the key cannot sign afterwards."""
        if self._session is not None:
            try:
                self._session.close()
            finally:
                self._session = None


def _subject(cert: asn1_x509.Certificate) -> str:
    return str(cert.subject.native.get("common_name", cert.subject.human_friendly))


class _LoadedKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner re-parses (and re-checks) the private key on every signature,
    ~0.1 s for RSA; this one parses it once."""

    def __init__(self, base: signers.SimpleSigner) -> None:
        super().__init__(base.signing_cert, base.signing_key, base.cert_registry)
        self._pyca = serialization.load_der_private_key(base.signing_key.dump(), None)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        """Sign with the parsed key (RSA PKCS#1 v1.5; anything else as pyHanko does)."""
        try:
            mech = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        except ValueError:
            mech = ""
        if mech == "rsassa_pkcs1v15" and isinstance(self._pyca, RSAPrivateKey):
            return self._pyca.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        return super().sign_raw(data, digest_algorithm)


def load_pkcs12(data: bytes, pin: str) -> SigningKey:
    """Unlock a PKCS#12 file held in memory.

    Args:
        data: The ``.p12``/``.pfx`` bytes.
        pin: Its passphrase (used now, never kept).

    Returns:
        The key, its certificate and the chain in the file.

    Raises:
        SigningFileInvalid: ``data`` is not a PKCS#12 file at all.
        SigningKeyUnavailable: Wrong passphrase, or a PKCS#12 file without a key.
    """
    try:  # the outer structure is readable without the passphrase
        pfx = asn1_pkcs12.Pfx.load(bytes(data))
        is_pfx = pfx["version"].native == "v3" and bool(pfx["auth_safe"]["content_type"].native)
    except (ValueError, TypeError, KeyError):
        is_pfx = False
    if not is_pfx:
        raise SigningFileInvalid("PKCS#12 (.p12/.pfx)")
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(data, (), passphrase=pin.encode())
    except (ValueError, TypeError) as e:
        raise SigningKeyUnavailable("PKCS#12") from e
    if signer is None or signer.signing_cert is None:
        raise SigningKeyUnavailable("PKCS#12")
    return SigningKey(_LoadedKeySigner(signer), _subject(signer.signing_cert))


class _QueuedPkcs11Signer(PKCS11Signer):
    """A token signer whose raw signature operations take turns (one token, many workers)."""

    def __init__(self, *args: Any, lock: threading.Lock, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._turn = lock

    async def async_sign_raw(self, data: bytes, digest_algorithm: str,
                             dry_run: bool = False) -> bytes:
        """Sign on the token, one worker at a time."""
        if dry_run:
            return await super().async_sign_raw(data, digest_algorithm, dry_run=True)
        with self._turn:
            return await super().async_sign_raw(data, digest_algorithm)


def open_pkcs11(lib: str, token_label: str, key_label: str, pin: str) -> SigningKey:
    """Log in to a PKCS#11 token and find the key and certificate labelled ``key_label``.

    Args:
        lib: The PKCS#11 module (e.g. the token vendor's ``.so``).
        token_label: The token's label.
        key_label: Label of the private key and of its certificate.
        pin: The user PIN (used to log in, never kept).

    Returns:
        The key; signing through it is serialised by its ``lock``.

    Raises:
        SigningKeyUnavailable: No such module, token or key, or a wrong PIN.
    """
    from pkcs11.exceptions import PKCS11Error as LowLevelError  # noqa: PLC0415 - tokens only
    from pyhanko.config.pkcs11 import TokenCriteria  # noqa: PLC0415

    try:
        session = open_pkcs11_session(lib, token_criteria=TokenCriteria(label=token_label),
                                      user_pin=pin)
    except (LowLevelError, SigningError, OSError, RuntimeError) as e:
        raise SigningKeyUnavailable(f"{token_label}: {type(e).__name__}") from e
    lock = threading.Lock()
    try:
        signer = _QueuedPkcs11Signer(session, key_label=key_label, cert_label=key_label,
                                     lock=lock)
        cert = signer.signing_cert  # load key and certificate now, not in a worker
    except (LowLevelError, SigningError) as e:
        session.close()
        raise SigningKeyUnavailable(f"{token_label}/{key_label}: {type(e).__name__}") from e
    return SigningKey(signer, _subject(cert), lock, session)


class _PdfaWriter(IncrementalPdfFileWriter):
    """pyHanko appends its name to the Info /Producer but writes only its name into the XMP
    pdf:Producer; PDF/A requires the two to be equal, so the Info entry follows the XMP."""

    def _update_meta(self) -> None:
        super()._update_meta()
        if self._info is None:
            return
        info = self._info.get_object()
        if info.get("/Producer") != VENDOR:
            info["/Producer"] = generic.TextStringObject(VENDOR)
            self.mark_update(self._info)


class _TimedPdfSigner(signers.PdfSigner):
    """A PdfSigner whose signing time (/M) is the one printed in the appearance."""

    def __init__(self, *args: Any, when: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._when = when

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
        """Start the session with our signing time."""
        session = super().init_signing_session(pdf_out, existing_fields_only)
        session.system_time = self._when
        return session


# Latin with Vietnamese (precomposed and combining), punctuation and symbols of the box
_UNICODES = [*range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x300, 0x324),
             *range(0x1EA0, 0x1F00), *range(0x2010, 0x2027), 0x2116, 0x2212]


@functools.lru_cache(maxsize=4)
def _font_1000(path: str) -> bytes:
    """The font cut to the Vietnamese Latin repertoire and rescaled to 1000 units per em.

    pyHanko writes /W in font units as they are, which PDF reads per 1000 (Liberation has
    2048, so glyphs would be spread apart); the smaller font also makes pyHanko's per-document
    subsetting fast.
    """
    try:
        tt = TTFont(path)
        opts = subset.Options()
        opts.hinting = False
        opts.drop_tables += ["FFTM"]  # FontForge's timestamps: pyHanko's subsetter warns on it
        opts.layout_features = ["*"]
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=_UNICODES)
        sub.subset(tt)
        if tt["head"].unitsPerEm != 1000:
            scale_upem(tt, 1000)
        buf = io.BytesIO()
        tt.save(buf)
    except (OSError, KeyError, ValueError) as e:
        raise PadesSigningFailed(f"font {path}: {e}") from e
    return buf.getvalue()


@dataclass(frozen=True)
class _EmbeddedFont(FontEngineFactory):
    """An OpenType font embedded (subset) in the appearance, from memory."""

    path: str
    size: int

    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
        """A fresh glyph accumulator for ``writer``."""
        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(writer=writer, font_handle=io.BytesIO(_font_1000(self.path)),
                                font_size=self.size, obj_stream=obj_stream)


def _stamp_style(appearance: Appearance) -> TextStampStyle:
    font = _EmbeddedFont(appearance.font_file, appearance.font_size)
    tight = layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MIN,
                                       y_align=layout.AxisAlignment.ALIGN_MID,
                                       margins=layout.Margins.uniform(PAD))
    return TextStampStyle(
        stamp_text="%(text)s", border_width=0, background=None, inner_content_layout=tight,
        text_box_style=TextBoxStyle(font=font, font_size=appearance.font_size, border_width=0,
                                    leading=round(appearance.font_size * 1.2),
                                    box_layout_rule=tight, text_color=(0, 0, 0)))


def sign_pdf(pdf: bytes, key: SigningKey, *, agency: str, when: datetime,
             appearance: Appearance | None = None, field_name: str = SIGNATURE_FIELD,
             tsa_url: str | None = None, reason: str | None = None) -> bytes:
    """Add a PAdES signature (B-B, or B-T with ``tsa_url``) as an incremental update.

    Everything happens in memory; the original bytes stay unchanged in front of the update,
    so a PDF/A stays a PDF/A (embedded font, no transparency, print flag set).

    Args:
        pdf: The finished PDF/A.
        key: An unlocked key (:func:`load_pkcs12` or :func:`open_pkcs11`).
        agency: The signing agency's name, printed in the box.
        when: The signing time (aware; printed and stored as /M).
        appearance: The visible box; default DESIGN 4.
        field_name: The signature field's name.
        tsa_url: An RFC 3161 timestamp server for B-T.
        reason: An optional /Reason.

    Returns:
        The signed PDF's bytes.

    Raises:
        PadesSigningFailed: The PDF cannot be signed, or the token or the server failed.
    """
    look = appearance or Appearance()
    try:
        writer = _PdfaWriter(io.BytesIO(pdf), strict=False)
        media = tuple(float(v) for v in _page(writer, look.page)["/MediaBox"])
        spec = fields.SigFieldSpec(field_name, on_page=look.page, box=look.box(media))
        meta = signers.PdfSignatureMetadata(
            field_name=field_name, md_algorithm="sha256", reason=reason,
            subfilter=fields.SigSeedSubFilter.PADES, use_pades_lta=False)
        stamper = HTTPTimeStamper(tsa_url) if tsa_url else None
        signer = _TimedPdfSigner(meta, key.signer, timestamper=stamper,
                                 stamp_style=_stamp_style(look), new_field_spec=spec,
                                 when=when)
        text = look.text(agency=agency, when=when, signer=key.subject)
        out = signer.sign_pdf(writer, appearance_text_params={"text": text},
                              bytes_reserved=None if stamper else 8192, output=io.BytesIO())
    except PadesSigningFailed:
        raise
    except Exception as e:  # pyHanko, the token and the network raise many kinds
        raise PadesSigningFailed(f"{type(e).__name__}: {e}") from e
    return out.getvalue()


def _page(writer: IncrementalPdfFileWriter, index: int) -> Any:
    page_ref, _ = writer.find_page_for_modification(index)
    page = page_ref.get_object()
    while "/MediaBox" not in page and "/Parent" in page:  # inherited
        page = page["/Parent"].get_object()
    return page
