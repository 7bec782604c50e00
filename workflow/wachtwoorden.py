"""Passwords for the web page: Argon2id hashes, logging in, and locking a name after failures.

The web page authenticates people itself (the CLI's identity is the process or the database
login). A wrong name and a wrong password give the same message.

Attempts are counted before the password is checked, in one UPDATE ... RETURNING per attempt, so
29 attempts at once get the numbers 1 to 29 and only the first five are checked (several server
processes share the count). They are counted per key: `naam:<naam>` for browsers the name never
logged in from, `apparaat:<id>` for a browser with a signed device cookie for that name (OWASP's
device cookies): failures from unknown browsers lock the name for unknown browsers only, so the
chair on her own laptop still gets in while her name is attacked.

Hashing (tens of milliseconds of CPU and 64 MiB) runs outside any database transaction, and at
most as many at once as there are cores: a flood of logins cannot hold a lock or starve the pages.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Protocol, TypeVar

from sqlalchemy import case, delete, update
from sqlmodel import Session, select

from adviesfouten import GeenRecht, NietGevonden, OngeldigeInvoer, Storing
from opslag.modellen import Gebruiker, Inlogteller, Wachtwoordherstel
from workflow import websessies
from workflow.domein.rechten import Rechten

if TYPE_CHECKING:
    from argon2 import Parameters, PasswordHasher

T = TypeVar("T")


class Transacties(Protocol):
    """What logging in needs of the register (`workflow.register.Register`, a layer above this
    service): short writing transactions, with the password checked between them."""

    def wijzigen(self, werk: Callable[[Session, Rechten], T]) -> T: ...


MAX_POGINGEN = 5
VENSTER = 15 * 60  # 5 failures within this window (seconds) lock the key ...
BLOKKADE = 15 * 60  # ... for this long
MIN_LENGTE = 10
MAX_LENGTE = 1024  # Argon2 takes any length; a bound keeps a request cheap

ONJUIST = "Onjuiste gebruikersnaam of wachtwoord"
_TELLER = Inlogteller.__table__  # type: ignore[attr-defined]
_HERSTEL = Wachtwoordherstel.__table__  # type: ignore[attr-defined]
# At most one hash per core at once; a further login waits here, not in a database transaction.
_HASHES = threading.BoundedSemaphore(os.cpu_count() or 1)


# ADVIES_ARGON2=test gives Argon2id its cheapest cost, for the test suite only: at production
# cost every password set or checked takes seconds on a small machine. A hash made that way is
# made again at production cost at the next login without it (check_needs_rehash).
ARGON2_OMGEVING = "ADVIES_ARGON2"


def argon2_parameters() -> Parameters:
    """Argon2id's cost: RFC 9106's low-memory profile (argon2-cffi's default), or the cheapest
    Argon2 allows when ADVIES_ARGON2=test."""
    from argon2.profiles import CHEAPEST, RFC_9106_LOW_MEMORY

    waarde = os.environ.get(ARGON2_OMGEVING, "")
    if waarde == "":
        return RFC_9106_LOW_MEMORY
    if waarde == "test":
        # Hashes of the same length as in production, at the lowest time and memory cost.
        return replace(CHEAPEST, salt_len=RFC_9106_LOW_MEMORY.salt_len, hash_len=RFC_9106_LOW_MEMORY.hash_len)
    raise Storing(f"{ARGON2_OMGEVING} kent alleen de waarde 'test' (voor de tests), niet '{waarde}'")


@cache
def _hasher() -> PasswordHasher:
    """Read once per process: the cost cannot change while a server runs."""
    from argon2 import PasswordHasher

    return PasswordHasher.from_parameters(argon2_parameters())


@cache
def _nephash() -> str:
    """A hash to verify against when the name is unknown, so both cases take as long."""
    return maak_hash("geen-gebruiker-met-deze-naam")


def maak_hash(wachtwoord: str) -> str:
    """The one place a password is hashed."""
    with _HASHES:
        return _hasher().hash(wachtwoord)


def zet(sessie: Session, rechten: Rechten, naam: str, wachtwoord: str) -> Gebruiker:
    """Set `naam`'s web password: a secretaris may for anyone, every user for themselves."""
    gebruiker = sessie.exec(select(Gebruiker).where(Gebruiker.naam == naam.strip())).first()
    if gebruiker is None:
        raise NietGevonden(
            f"gebruiker '{naam.strip()}' bestaat niet; registreer haar eerst met 'advies gebruiker toevoegen'"
        )
    if not (rechten.is_secretaris or rechten.gebruiker == gebruiker.naam):
        raise GeenRecht(
            f"alleen de secretaris of '{gebruiker.naam}' zelf mag dit wachtwoord zetten; '{rechten.gebruiker}' "
            f"heeft de rol {rechten.rol or 'geen'}"
        )
    controleer_sterkte(wachtwoord, gebruiker.naam)
    gebruiker.wachtwoord_hash = maak_hash(wachtwoord)
    sessie.add(gebruiker)
    sessie.execute(delete(_TELLER).where(_TELLER.c.sleutel == f"naam:{gebruiker.naam}"))
    websessies.beeindig_alle(sessie, gebruiker.naam)  # a captured cookie dies with the old password
    vergeet_herstel(sessie, gebruiker.naam)
    return gebruiker


def vergeet_herstel(sessie: Session, naam: str) -> None:
    """Every open password-reset link of `naam` stops working (workflow/wachtwoordherstel.py): her
    password was set, or she was removed."""
    sessie.execute(delete(_HERSTEL).where(_HERSTEL.c.gebruiker == naam))


def controleer_sterkte(wachtwoord: str, naam: str) -> None:
    if len(wachtwoord) < MIN_LENGTE:
        raise OngeldigeInvoer(f"een wachtwoord heeft minstens {MIN_LENGTE} tekens")
    if len(wachtwoord) > MAX_LENGTE:
        raise OngeldigeInvoer(f"een wachtwoord heeft hoogstens {MAX_LENGTE} tekens")
    if wachtwoord.strip().lower() == naam.lower():
        raise OngeldigeInvoer("het wachtwoord mag niet gelijk zijn aan de gebruikersnaam")


@dataclass(frozen=True)
class Aanmelding:
    """The outcome of a login: the user's name, role and new session id, or the message to show
    (with the seconds until a lock ends, for Retry-After)."""

    naam: str | None
    rol: str | None
    melding: str | None
    sessie_id: str | None = None
    wacht: int = 0


@dataclass(frozen=True)
class _Poging:
    nummer: int
    tot: int
    hash_: str | None


def meld_aan(register: Transacties, naam: str, wachtwoord: str, apparaat: str | None = None) -> Aanmelding:
    """Check a name and password and, when they are right, open a session.

    `apparaat`: the id of this browser's valid device cookie for `naam`, if it has one. Three
    steps: count the attempt (a short writing transaction), check the password (no transaction),
    and on success open the session (a short writing transaction)."""
    nu = int(time.time())
    naam = naam.strip()[:100]
    sleutel = f"apparaat:{apparaat}" if apparaat else f"naam:{naam}"
    poging = register.wijzigen(lambda s, _wie: _tel(s, sleutel, naam, nu))
    if poging.nummer > MAX_POGINGEN:
        return Aanmelding(None, None, geblokkeerd_melding(), wacht=max(1, poging.tot - nu))
    juist = _klopt(poging.hash_ or _nephash(), wachtwoord[:MAX_LENGTE])
    if not juist or poging.hash_ is None or len(wachtwoord) > MAX_LENGTE:
        if poging.nummer == MAX_POGINGEN:
            return Aanmelding(None, None, geblokkeerd_melding(), wacht=BLOKKADE)
        return Aanmelding(None, None, ONJUIST)
    nieuwe_hash = maak_hash(wachtwoord) if _hasher().check_needs_rehash(poging.hash_) else None
    return register.wijzigen(lambda s, _wie: _gelukt(s, sleutel, naam, poging.hash_ or "", nieuwe_hash, nu))


def _tel(sessie: Session, sleutel: str, naam: str, nu: int) -> _Poging:
    """Number this attempt for `sleutel`, atomically on both backends; with the user's hash."""
    sessie.execute(delete(_TELLER).where(_TELLER.c.tot < nu - VENSTER))  # the table stays small
    _voeg_teller_toe(sessie, sleutel, nu)
    verlopen = _TELLER.c.tot <= nu
    nummer, tot = sessie.execute(
        update(_TELLER)
        .where(_TELLER.c.sleutel == sleutel)
        .values(
            pogingen=case((verlopen, 1), else_=_TELLER.c.pogingen + 1),
            # The attempt past the limit starts the lock; later ones do not lengthen it.
            tot=case(
                (verlopen, nu + VENSTER), (_TELLER.c.pogingen == MAX_POGINGEN, nu + BLOKKADE), else_=_TELLER.c.tot
            ),
        )
        .returning(_TELLER.c.pogingen, _TELLER.c.tot)
    ).one()
    gebruiker = sessie.exec(select(Gebruiker).where(Gebruiker.naam == naam)).first() if naam else None
    return _Poging(int(nummer), int(tot), gebruiker.wachtwoord_hash if gebruiker else None)


def _voeg_teller_toe(sessie: Session, sleutel: str, nu: int) -> None:
    """The counter's row, unless it is there (another process may add it at the same moment)."""
    if sessie.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        sessie.execute(
            pg_insert(_TELLER).values(sleutel=sleutel, pogingen=0, tot=nu + VENSTER).on_conflict_do_nothing()
        )
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        sessie.execute(
            sqlite_insert(_TELLER).values(sleutel=sleutel, pogingen=0, tot=nu + VENSTER).on_conflict_do_nothing()
        )


def _gelukt(sessie: Session, sleutel: str, naam: str, gezien: str, nieuwe_hash: str | None, nu: int) -> Aanmelding:
    """Open the session, unless the password changed or the user went while it was being checked."""
    gebruiker = sessie.exec(select(Gebruiker).where(Gebruiker.naam == naam)).first()
    if gebruiker is None or gebruiker.wachtwoord_hash != gezien:
        return Aanmelding(None, None, ONJUIST)
    if nieuwe_hash is not None:
        gebruiker.wachtwoord_hash = nieuwe_hash
        sessie.add(gebruiker)
    sessie.execute(delete(_TELLER).where(_TELLER.c.sleutel == sleutel))
    return Aanmelding(gebruiker.naam, gebruiker.rol, None, websessies.maak(sessie, gebruiker.naam, nu))


def geblokkeerd_melding() -> str:
    minuten = BLOKKADE // 60
    return (
        f"Te vaak een onjuist wachtwoord: deze gebruikersnaam is {minuten} minuten geblokkeerd. "
        "Probeer het daarna opnieuw, of vraag de secretaris om een link voor een nieuw wachtwoord."
    )


def _klopt(hash_: str, wachtwoord: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        with _HASHES:
            return _hasher().verify(hash_, wachtwoord)
    except (VerificationError, InvalidHashError):
        return False
