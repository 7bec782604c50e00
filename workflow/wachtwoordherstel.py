"""A new web password without the old one: the secretaris makes a one-time link, the user opens it
and sets her password herself. Nobody ever sees a password but the person who types it.

The link holds a random token of 256 bits (`/wachtwoord/<token>`); the table `wachtwoordherstel`
keeps only its SHA-256, so a copy of the database opens nothing. A link works once, until
`web.herstel_uren` after it was made; a newer link for the same user replaces it, and setting the
password in any way or removing the user ends it. An unknown, used or expired link gives one and
the same sentence (`ONGELDIG`): the page tells nobody which links once existed.

Setting the password has the shape of logging in (`wachtwoorden.meld_aan`): look the link up (a short
transaction), hash the new password outside any transaction, then spend the link and store the hash
in one writing transaction that checks the link again, so a link used twice at once sets one password.
The link belongs to the server, like the sessions: an archive does not carry it (`archief.VLUCHTIG`).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, delete
from sqlalchemy import select as kern
from sqlmodel import Session, col, select

from adviesfouten import NietGevonden, OngeldigeInvoer
from opslag.database import verbinding_van
from opslag.modellen import Gebruiker, Wachtwoordherstel
from workflow import instellingen, wachtwoorden, websessies
from workflow.domein.rechten import Rechten

TOKEN_BYTES = 32  # 256 bits, like a session id
MAX_TOKEN = 100  # a longer path segment is no token of ours: refused before hashing it
PAD = "/wachtwoord/"
ONGELDIG = (
    "Deze link om een wachtwoord in te stellen werkt niet (meer): hij is al gebruikt, verlopen of niet "
    "volledig overgenomen. Vraag de secretaris om een nieuwe link."
)
_TABEL = Wachtwoordherstel.__table__  # type: ignore[attr-defined]
_TELLER = wachtwoorden._TELLER


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


@dataclass(frozen=True)
class Herstellink:
    """A link just made: for whom, the token (shown once, never stored) and when it stops working."""

    naam: str
    token: str
    verloopt_op: int  # Unix seconds

    def link(self, basis: str) -> str:
        """The whole link on the web page at `basis` ("https://advies.example.nl")."""
        return basis.rstrip("/") + PAD + self.token


def maak(sessie: Session, rechten: Rechten, naam: str, nu: int) -> Herstellink:
    """A one-time link for `naam` (secretaris). An earlier link for her stops working; her current
    password and sessions stay until she uses the link."""
    rechten.vereis_secretaris()
    gebruiker = sessie.exec(select(Gebruiker).where(col(Gebruiker.naam) == naam.strip())).first()
    if gebruiker is None:
        raise NietGevonden(f"gebruiker '{naam.strip()}' is niet geregistreerd; 'advies gebruiker lijst' toont wie wel")
    naam = gebruiker.naam
    uren = instellingen.lees(sessie).web_herstel_uren
    sessie.execute(delete(_TABEL).where((_TABEL.c.gebruiker == naam) | (_TABEL.c.verloopt_op <= nu)))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    verloopt_op = nu + uren * 3600
    sessie.execute(
        _TABEL.insert().values(
            sleutel=_hash(token), gebruiker=naam, door=rechten.gebruiker, aangemaakt_op=nu, verloopt_op=verloopt_op
        )
    )
    return Herstellink(naam, token, verloopt_op)


def voor_wie(bron: Session | Connection, token: str, nu: int) -> str:
    """The user a link is for, if it still works; otherwise NietGevonden with `ONGELDIG`."""
    if not token or len(token) > MAX_TOKEN:
        raise NietGevonden(ONGELDIG)
    rij = (
        verbinding_van(bron)
        .execute(kern(_TABEL.c.gebruiker, _TABEL.c.verloopt_op).where(_TABEL.c.sleutel == _hash(token)))
        .first()
    )
    if rij is None or rij.verloopt_op <= nu:
        raise NietGevonden(ONGELDIG)
    return str(rij.gebruiker)


def stel_in(register: wachtwoorden.Transacties, token: str, wachtwoord: str, herhaald: str, nu: int) -> str:
    """Set the password of the link's user and spend the link; returns her name. The link itself is
    the right to do so (its user is not logged in). Refused, with nothing changed: an unusable link
    (`ONGELDIG`), two different passwords, or a password the CLI would refuse too."""
    naam = register.wijzigen(lambda s, _wie: voor_wie(s, token, nu))
    if wachtwoord != herhaald:
        raise OngeldigeInvoer("de twee wachtwoorden zijn niet gelijk; er is niets gewijzigd")
    wachtwoorden.controleer_sterkte(wachtwoord, naam)
    hash_ = wachtwoorden.maak_hash(wachtwoord)  # outside any transaction: it costs CPU and memory
    return register.wijzigen(lambda s, _wie: _besteed(s, token, naam, hash_, nu))


def _besteed(sessie: Session, token: str, naam: str, hash_: str, nu: int) -> str:
    """Spend the link (still the same user's, still working) and store the new hash, in one transaction."""
    if voor_wie(sessie, token, nu) != naam:
        raise NietGevonden(ONGELDIG)
    gebruiker = sessie.exec(select(Gebruiker).where(col(Gebruiker.naam) == naam)).first()
    if gebruiker is None:
        raise NietGevonden(ONGELDIG)
    gebruiker.wachtwoord_hash = hash_
    sessie.add(gebruiker)
    sessie.execute(delete(_TELLER).where(_TELLER.c.sleutel == f"naam:{naam}"))  # a lock from the forgetting ends
    websessies.beeindig_alle(sessie, naam)  # as with every new password
    wachtwoorden.vergeet_herstel(sessie, naam)  # this link, and any other, is spent
    return naam


def tot_wanneer(verloopt_op: int) -> str:
    """ "4 december 2026 om 22:03": when a link stops working, in the council's own time zone."""
    from datetime import UTC, datetime

    from workflow.agenda import TIJDZONE
    from workflow.domein.datums import lange_datum

    tijd = datetime.fromtimestamp(verloopt_op, UTC)
    try:
        from zoneinfo import ZoneInfo

        tijd = tijd.astimezone(ZoneInfo(TIJDZONE))
    except (ImportError, LookupError, OSError):
        pass  # no time zone data on this machine: UTC
    return f"{lange_datum(tijd.date())} om {tijd:%H:%M}"
