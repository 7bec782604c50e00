"""Registered users and the acting user.

On SQLite the acting user is ADVIES_GEBRUIKER or the login name. On PostgreSQL it is the database
login (`session_user`): there a variable cannot make the secretary act as the chair.
"""

from __future__ import annotations

import getpass
import os
from datetime import UTC, datetime

from sqlalchemy import func, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from opslag.modellen import Gebruiker
from workflow.fouten import AdviesFout
from workflow.rechten import ROLLEN, Rechten


def huidige_naam(sessie: Session) -> str:
    if sessie.get_bind().dialect.name == "postgresql":
        return str(sessie.execute(text("SELECT session_user")).scalar_one())
    return os.environ.get("ADVIES_GEBRUIKER") or _loginnaam()


def _loginnaam() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no entry for this uid, as in some containers
        return "onbekend"


def rechten(sessie: Session) -> Rechten:
    naam = huidige_naam(sessie)
    aantal = sessie.exec(select(func.count()).select_from(Gebruiker)).one()
    if aantal == 0:
        return Rechten(gebruiker=naam, rol=None, eenpersoonsmodus=True)
    rol = sessie.exec(select(Gebruiker.rol).where(Gebruiker.naam == naam)).first()
    return Rechten(gebruiker=naam, rol=rol, eenpersoonsmodus=False)


def voeg_toe(sessie: Session, door: Rechten, naam: str, rol: str) -> Gebruiker:
    door.vereis_secretaris()
    naam = naam.strip()
    if not naam:
        raise AdviesFout("de naam van een gebruiker mag niet leeg zijn")
    if rol not in ROLLEN:
        raise AdviesFout(f"onbekende rol '{rol}'; kies uit {', '.join(ROLLEN)}")
    if door.eenpersoonsmodus and rol != "secretaris":
        # Otherwise nobody would be left who may register the others.
        raise AdviesFout("de eerste gebruiker moet een secretaris zijn: die beheert daarna de andere gebruikers")
    if sessie.exec(select(Gebruiker).where(Gebruiker.naam == naam)).first() is not None:
        raise AdviesFout(f"gebruiker '{naam}' bestaat al")
    gebruiker = Gebruiker(naam=naam, rol=rol, aangemaakt_op=datetime.now(UTC))
    sessie.add(gebruiker)
    try:
        sessie.flush()
    except IntegrityError as fout:
        # Someone added the same name after the check above, in a transaction of their own.
        if "naam" not in str(fout.orig):
            raise
        raise AdviesFout(f"gebruiker '{naam}' bestaat al") from None
    return gebruiker


def lijst(sessie: Session) -> list[Gebruiker]:
    return list(sessie.exec(select(Gebruiker).order_by(Gebruiker.naam)))
