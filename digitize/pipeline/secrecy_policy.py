"""What happens to a record that is (or may be) a state secret (DESIGN section 6, issue #18).

One place for every path (GUI, ``process``, ``scan``, ``import``): the clerk's declaration is
recorded the same way (:func:`declare`), a secret on a networked machine purges the record and
leaves only an audit entry (:func:`refuse`), a record that cannot be fully read is stopped
(:func:`stop_incomplete`), and the offline workstation is really checked to be offline
(:func:`require_offline`) before a secret is handled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from digitize.errors import SecrecyRefused, UsageError
from digitize.errors_secrecy import NotOffline, RecordIncomplete
from digitize.pipeline import offline
from digitize.store import staging_rows
from digitize.store.vault import Vault

__all__ = ["LEVELS", "declare", "is_offline_station", "normalize_mark", "purge", "refuse",
           "require_offline", "stop_incomplete"]

LEVELS = ("MẬT", "TỐI MẬT", "TUYỆT MẬT")
_NONE = ("", "none", "không", "khong", "0")
#: Returns the interfaces up besides loopback; tests inject their own.
interfaces: Callable[[], Iterable[str]] = offline.interfaces_up


def normalize_mark(mark: str | None) -> str:
    """A declared mark as one of :data:`LEVELS`, or ``""`` for none; anything else is a usage
    error (a typo must not pass as "none")."""
    from digitize.metadata.normalize import fold

    m = (mark or "").strip()
    if m.lower() in _NONE:
        return ""
    for level in LEVELS:
        if fold(m) == fold(level):
            return level
    raise UsageError(f"độ mật phải là none, MẬT, TỐI MẬT hoặc TUYỆT MẬT / secrecy must be "
                     f"none, MẬT, TỐI MẬT or TUYỆT MẬT, got {mark!r}")


def is_offline_station(ws: Vault) -> bool:
    """The admin configured this workstation as the offline secrecy workstation."""
    return bool(ws.catalog.get_setting("offline_mode", False))


def require_offline(ws: Vault) -> None:
    """On the offline workstation, check no interface but loopback is up; raise otherwise.

    Raises:
        NotOffline: Offline mode is set but the machine has a network interface up.
    """
    if is_offline_station(ws):
        up = list(interfaces())
        if up:
            ws.log("offline.violation", None, {"interfaces": ",".join(up)[:60]})
            raise NotOffline(", ".join(up))


def purge(ws: Vault, dossier_id: str | None) -> None:
    """Delete everything of a dossier in capture from the catalog (securely) and checkpoint."""
    if dossier_id:
        staging_rows.delete_dossier_rows(ws.catalog, dossier_id)


def refuse(ws: Vault, dossier_id: str | None, mark: str, *, detected: bool,
           page: int | None = None) -> None:
    """Fail closed on a state secret: purge everything of the record, log (who, when, which
    mark: never what the page says), raise."""
    purge(ws, dossier_id)
    ws.log("secrecy.refused", dossier_id, {"mark": mark, "detected": detected})
    raise SecrecyRefused(mark=mark, page=page)


def stop_incomplete(ws: Vault, dossier_id: str | None, problems: list[tuple[str, str]]
                    ) -> None:
    """A page of the record could not be read (so not checked): purge the record, log, raise."""
    purge(ws, dossier_id)
    ws.log("record.incomplete", dossier_id, {"problems": len(problems)})
    raise RecordIncomplete("".join(f"\n  {p}: {m}" for p, m in problems))


def declare(ws: Vault, dossier_id: str | None, mark: str | None) -> str:
    """Record the clerk's secrecy declaration for a dossier, the same way in every path.

    ``none`` (or ``""``) is recorded as a declaration too. A declared secret on a networked
    workstation purges the dossier and raises :class:`SecrecyRefused`; on the offline
    workstation (checked to be offline) the dossier is tagged with its level.

    Returns:
        The normalised level (``""`` for none).
    """
    level = normalize_mark(mark)
    if level and not is_offline_station(ws):
        refuse(ws, dossier_id, level, detected=False)
    if level:
        require_offline(ws)
    if dossier_id:
        if level:
            staging_rows.set_dossier_secrecy(ws.catalog, dossier_id, level)
        ws.log("secrecy.declared", dossier_id, {"mark": level or "none"})
    return level
