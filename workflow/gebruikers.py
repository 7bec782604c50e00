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
from workflow import invoer
from workflow.fouten import AdviesFout
from workflow.rechten import ADVIES_GEBRUIKER, DATABASELOGIN, INLOGNAAM, ROLLEN, Rechten
from workflow.woorden import Rol


def huidige_naam(sessie: Session) -> str:
    return _wie_en_herkomst(sessie)[0]


def _wie_en_herkomst(sessie: Session) -> tuple[str, str]:
    if sessie.get_bind().dialect.name == "postgresql":
        return str(sessie.execute(text("SELECT session_user")).scalar_one()), DATABASELOGIN
    gezet = os.environ.get("ADVIES_GEBRUIKER")
    if gezet:
        return invoer.naam(gezet, "ADVIES_GEBRUIKER"), ADVIES_GEBRUIKER
    return _loginnaam(), INLOGNAAM


def _loginnaam() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no entry for this uid, as in some containers
        return "onbekend"


def rechten(sessie: Session, als: str | None = None) -> Rechten:
    """The acting user's rights: `als` when a face authenticated the person itself (the web page),
    otherwise the process's identity (`huidige_naam`)."""
    naam, herkomst = (als, "") if als is not None else _wie_en_herkomst(sessie)
    aantal = sessie.exec(select(func.count()).select_from(Gebruiker)).one()
    if aantal == 0:
        return Rechten(gebruiker=naam, rol=None, eenpersoonsmodus=True, herkomst=herkomst)
    rol = sessie.exec(select(Gebruiker.rol).where(Gebruiker.naam == naam)).first()
    return Rechten(gebruiker=naam, rol=rol, eenpersoonsmodus=False, herkomst=herkomst)


def voeg_toe(sessie: Session, door: Rechten, naam: str, rol: str) -> Gebruiker:
    door.vereis_secretaris()
    naam = invoer.naam(naam)
    _bekende_rol(rol)
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


def wijzig_rol(sessie: Session, door: Rechten, naam: str, rol: str) -> tuple[Gebruiker, str]:
    """Give a registered user another role; returns the user and the old role."""
    door.vereis_secretaris()
    _bekende_rol(rol)
    gebruiker = _bestaande(sessie, naam)
    oud = gebruiker.rol
    if oud == rol:
        raise AdviesFout(f"gebruiker '{gebruiker.naam}' heeft de rol {rol} al; er is niets gewijzigd")
    _niet_de_laatste_secretaris(sessie, gebruiker, f"de rol van '{gebruiker.naam}' kan niet {rol} worden")
    gebruiker.rol = rol
    sessie.add(gebruiker)
    return gebruiker, oud


def verwijder(sessie: Session, door: Rechten, naam: str) -> Gebruiker:
    """End a user's access. The history keeps their name: it stores names as text, not as a link."""
    door.vereis_secretaris()
    gebruiker = _bestaande(sessie, naam)
    _niet_de_laatste_secretaris(sessie, gebruiker, f"'{gebruiker.naam}' kan niet worden verwijderd")
    sessie.delete(gebruiker)
    return gebruiker


def _bekende_rol(rol: str) -> None:
    if rol not in ROLLEN:
        raise AdviesFout(f"onbekende rol '{rol}'; kies uit {', '.join(ROLLEN)}")


def _bestaande(sessie: Session, naam: str) -> Gebruiker:
    gebruiker = sessie.exec(select(Gebruiker).where(Gebruiker.naam == naam.strip())).first()
    if gebruiker is None:
        raise AdviesFout(f"gebruiker '{naam.strip()}' is niet geregistreerd; 'advies gebruiker lijst' toont wie wel")
    return gebruiker


def _niet_de_laatste_secretaris(sessie: Session, gebruiker: Gebruiker, wat: str) -> None:
    """Someone must remain who may manage the users; otherwise nobody could ever change anything again."""
    if gebruiker.rol != Rol.SECRETARIS:
        return
    vraag = select(func.count()).select_from(Gebruiker).where(Gebruiker.rol == Rol.SECRETARIS)
    secretarissen = sessie.exec(vraag).one()
    if secretarissen <= 1:
        raise AdviesFout(
            f"{wat}: dat is de laatste secretaris en dan kan niemand de gebruikers nog beheren; "
            "registreer eerst een andere secretaris"
        )
