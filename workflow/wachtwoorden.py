"""Passwords for the web page: Argon2id hashes, logging in, and locking a name after failures.

The web page authenticates people itself (the CLI's identity is the process or the database
login). A wrong name and a wrong password give the same message, and failures are counted per
name typed, registered or not, in the database: several server processes lock a name together.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from sqlmodel import Session, col, delete, select

from opslag.modellen import Gebruiker, MisluktInloggen
from workflow.fouten import AdviesFout
from workflow.rechten import Rechten

if TYPE_CHECKING:
    from argon2 import Parameters, PasswordHasher

MAX_POGINGEN = 5
VENSTER = timedelta(minutes=15)  # 5 failures within this window lock the name ...
BLOKKADE = timedelta(minutes=15)  # ... for this long
MIN_LENGTE = 10
MAX_LENGTE = 1024  # Argon2 takes any length; a bound keeps a request cheap

ONJUIST = "Onjuiste gebruikersnaam of wachtwoord"


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
    raise AdviesFout(f"{ARGON2_OMGEVING} kent alleen de waarde 'test' (voor de tests), niet '{waarde}'")


@cache
def _hasher() -> PasswordHasher:
    """Read once per process: the cost cannot change while a server runs."""
    from argon2 import PasswordHasher

    return PasswordHasher.from_parameters(argon2_parameters())


@cache
def _nephash() -> str:
    """A hash to verify against when the name is unknown, so both cases take as long."""
    return _hasher().hash("geen-gebruiker-met-deze-naam")


def zet(sessie: Session, rechten: Rechten, naam: str, wachtwoord: str) -> Gebruiker:
    """Set `naam`'s web password: a secretaris may for anyone, every user for themselves."""
    gebruiker = sessie.exec(select(Gebruiker).where(Gebruiker.naam == naam.strip())).first()
    if gebruiker is None:
        raise AdviesFout(
            f"gebruiker '{naam.strip()}' bestaat niet; registreer haar eerst met 'advies gebruiker toevoegen'"
        )
    if not (rechten.is_secretaris or rechten.gebruiker == gebruiker.naam):
        raise AdviesFout(
            f"alleen de secretaris of '{gebruiker.naam}' zelf mag dit wachtwoord zetten; '{rechten.gebruiker}' "
            f"heeft de rol {rechten.rol or 'geen'}"
        )
    controleer_sterkte(wachtwoord, gebruiker.naam)
    gebruiker.wachtwoord_hash = _hasher().hash(wachtwoord)
    sessie.add(gebruiker)
    sessie.execute(delete(MisluktInloggen).where(col(MisluktInloggen.naam) == gebruiker.naam))
    return gebruiker


def controleer_sterkte(wachtwoord: str, naam: str) -> None:
    if len(wachtwoord) < MIN_LENGTE:
        raise AdviesFout(f"een wachtwoord heeft minstens {MIN_LENGTE} tekens")
    if len(wachtwoord) > MAX_LENGTE:
        raise AdviesFout(f"een wachtwoord heeft hoogstens {MAX_LENGTE} tekens")
    if wachtwoord.strip().lower() == naam.lower():
        raise AdviesFout("het wachtwoord mag niet gelijk zijn aan de gebruikersnaam")


@dataclass(frozen=True)
class Aanmelding:
    """The outcome of a login: the user's name and role, or the message to show."""

    naam: str | None
    rol: str | None
    melding: str | None


def meld_aan(sessie: Session, naam: str, wachtwoord: str, nu: datetime | None = None) -> Aanmelding:
    """Check a name and password. A failure is recorded (and kept: the caller commits the outcome,
    it does not raise), so this runs in a writing transaction without an acting user."""
    nu = nu or datetime.now(UTC)
    naam = naam.strip()[:100]
    if geblokkeerd_tot(sessie, naam, nu) is not None:
        return Aanmelding(None, None, geblokkeerd_melding())
    gebruiker = sessie.exec(select(Gebruiker).where(Gebruiker.naam == naam)).first() if naam else None
    if gebruiker is None or gebruiker.wachtwoord_hash is None or len(wachtwoord) > MAX_LENGTE:
        _klopt(_nephash(), wachtwoord[:MAX_LENGTE])
        return _mislukt(sessie, naam, nu)
    if not _klopt(gebruiker.wachtwoord_hash, wachtwoord):
        return _mislukt(sessie, naam, nu)
    if _hasher().check_needs_rehash(gebruiker.wachtwoord_hash):
        gebruiker.wachtwoord_hash = _hasher().hash(wachtwoord)
        sessie.add(gebruiker)
    sessie.execute(delete(MisluktInloggen).where(col(MisluktInloggen.naam) == naam))
    return Aanmelding(gebruiker.naam, gebruiker.rol, None)


def geblokkeerd_melding() -> str:
    minuten = int(BLOKKADE.total_seconds() // 60)
    return (
        f"Te vaak een onjuist wachtwoord: deze gebruikersnaam is {minuten} minuten geblokkeerd. "
        "Probeer het daarna opnieuw, of vraag de secretaris om een nieuw wachtwoord."
    )


def geblokkeerd_tot(sessie: Session, naam: str, nu: datetime) -> datetime | None:
    """Until when `naam` is locked: 5 failures within 15 minutes lock it for 15 minutes from the fifth."""
    tijden = [
        _utc(op)
        for op in sessie.exec(
            select(MisluktInloggen.op)
            .where(MisluktInloggen.naam == naam, col(MisluktInloggen.op) > nu - VENSTER - BLOKKADE)
            .order_by(col(MisluktInloggen.op))
        )
    ]
    einde = None
    for i in range(MAX_POGINGEN - 1, len(tijden)):
        if tijden[i] - tijden[i - MAX_POGINGEN + 1] <= VENSTER:
            einde = tijden[i] + BLOKKADE
    return einde if einde is not None and einde > nu else None


def _mislukt(sessie: Session, naam: str, nu: datetime) -> Aanmelding:
    # Old failures go, so the table stays as small as the window it serves.
    sessie.execute(delete(MisluktInloggen).where(col(MisluktInloggen.op) < nu - VENSTER - BLOKKADE))
    sessie.add(MisluktInloggen(naam=naam, op=nu))
    sessie.flush()
    if geblokkeerd_tot(sessie, naam, nu) is not None:
        return Aanmelding(None, None, geblokkeerd_melding())
    return Aanmelding(None, None, ONJUIST)


def _klopt(hash_: str, wachtwoord: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(hash_, wachtwoord)
    except (VerificationError, InvalidHashError):
        return False


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
