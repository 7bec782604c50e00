"""Sessions of the web page, kept on the server.

The browser's cookie holds only a random id of 256 bits; the table keeps its SHA-256 with the
user, the creation time and the last activity, so a copy of the database opens no session and
every session can be ended: at logout, after `web.sessie_minuten` without activity, at the
absolute lifetime `web.sessie_max_uren`, and when the user's password or role changes or the user
is removed. Expired rows are deleted whenever a session is made or its activity noted, so the
table stays as small as the sessions that still count.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, CursorResult, delete, func, or_, select, update
from sqlmodel import col

from adviesfouten import GeenRecht, NietGevonden
from opslag.modellen import Gebruiker, Websessie
from workflow import instellingen

if TYPE_CHECKING:
    from sqlmodel import Session

    from workflow.domein.rechten import Rechten

ID_BYTES = 32  # the cookie's random id: 256 bits
VERNIEUW_NA = 60  # seconds: noting activity once a minute is enough, and keeps writes rare
_TABEL = Websessie.__table__  # type: ignore[attr-defined]


def _hash(sessie_id: str) -> str:
    return hashlib.sha256(sessie_id.encode("utf-8", "surrogateescape")).hexdigest()


@dataclass(frozen=True)
class Stand:
    """What a cookie's id is worth now: the user's name, or why not (`verlopen`: it was a session)."""

    naam: str | None
    verlopen: bool = False
    vernieuwen: bool = False


def _grenzen(bron: Session | Connection) -> tuple[int, int]:
    """The idle and the absolute lifetime, in seconds, as set now (a change counts at once)."""
    ingesteld = instellingen.lees(bron)
    return ingesteld.web_sessie_minuten * 60, ingesteld.web_sessie_max_uren * 3600


def maak(sessie: Session, naam: str, nu: int) -> str:
    """A new session for `naam`; returns the id for the cookie (stored only as its hash)."""
    ruim_op(sessie, nu)
    sessie_id = secrets.token_urlsafe(ID_BYTES)
    sessie.execute(_TABEL.insert().values(sleutel=_hash(sessie_id), gebruiker=naam, aangemaakt_op=nu, actief_op=nu))
    return sessie_id


def stand(verbinding: Connection, sessie_id: str | None, nu: int) -> Stand:
    """Look a cookie's id up, in a reading transaction."""
    if not sessie_id or len(sessie_id) > 100:
        return Stand(None)
    rij = verbinding.execute(
        select(_TABEL.c.gebruiker, _TABEL.c.aangemaakt_op, _TABEL.c.actief_op).where(
            _TABEL.c.sleutel == _hash(sessie_id)
        )
    ).first()
    if rij is None:
        return Stand(None)
    stil, absoluut = _grenzen(verbinding)
    if nu - rij.actief_op > stil or nu - rij.aangemaakt_op > absoluut:
        return Stand(None, verlopen=True)
    return Stand(str(rij.gebruiker), vernieuwen=nu - rij.actief_op >= VERNIEUW_NA)


def noteer_activiteit(sessie: Session, sessie_id: str, nu: int) -> None:
    sessie.execute(update(_TABEL).where(_TABEL.c.sleutel == _hash(sessie_id)).values(actief_op=nu))
    ruim_op(sessie, nu)


def beeindig(sessie: Session, sessie_id: str) -> None:
    """Logout: this session ends (a replayed cookie then opens nothing)."""
    sessie.execute(delete(_TABEL).where(_TABEL.c.sleutel == _hash(sessie_id)))


def beeindig_alle(sessie: Session, naam: str) -> int:
    """Every session of `naam` ends (password or role changed, user removed, or by hand)."""
    uitkomst: CursorResult[Any] = sessie.execute(delete(_TABEL).where(_TABEL.c.gebruiker == naam))  # type: ignore[assignment]
    return int(uitkomst.rowcount or 0)


def ruim_op(sessie: Session, nu: int) -> None:
    stil, absoluut = _grenzen(sessie)
    sessie.execute(delete(_TABEL).where(or_(_TABEL.c.actief_op < nu - stil, _TABEL.c.aangemaakt_op < nu - absoluut)))


def uitloggen(sessie: Session, rechten: Rechten, naam: str) -> int:
    """`advies gebruiker uitloggen NAAM`: end NAAM's sessions (secretaris, or NAAM itself); returns how many."""
    naam = naam.strip()
    if sessie.execute(select(func.count()).select_from(Gebruiker).where(col(Gebruiker.naam) == naam)).scalar_one() == 0:
        raise NietGevonden(f"gebruiker '{naam}' is niet geregistreerd; 'advies gebruiker lijst' toont wie wel")
    if not (rechten.is_secretaris or rechten.gebruiker == naam):
        raise GeenRecht(
            f"alleen de secretaris of '{naam}' zelf mag de sessies van '{naam}' beëindigen; '{rechten.gebruiker}' "
            f"heeft de rol {rechten.rol or 'geen'}"
        )
    return beeindig_alle(sessie, naam)
