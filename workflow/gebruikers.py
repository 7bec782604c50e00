"""Registered users: adding them, changing their roles, removing them (the acting user and their
rights are `workflow.rechten`)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from adviesfouten import Conflict, NietGevonden, OngeldigeInvoer
from opslag.modellen import Gebruiker
from workflow import invoer, wachtwoorden, websessies
from workflow.domein.rechten import ROLLEN, Rechten
from workflow.domein.woorden import Rol


def voeg_toe(sessie: Session, door: Rechten, naam: str, rol: str) -> Gebruiker:
    door.vereis_secretaris()
    naam = invoer.naam(naam)
    _bekende_rol(rol)
    if door.eenpersoonsmodus and rol != "secretaris":
        # Otherwise nobody would be left who may register the others.
        raise OngeldigeInvoer("de eerste gebruiker moet een secretaris zijn: die beheert daarna de andere gebruikers")
    if sessie.exec(select(Gebruiker).where(Gebruiker.naam == naam)).first() is not None:
        raise Conflict(f"gebruiker '{naam}' bestaat al")
    gebruiker = Gebruiker(naam=naam, rol=rol, aangemaakt_op=datetime.now(UTC))
    sessie.add(gebruiker)
    try:
        sessie.flush()
    except IntegrityError as fout:
        # Someone added the same name after the check above, in a transaction of their own.
        from opslag.diagnose import beperking

        if beperking(fout) != "uq_gebruiker_naam":
            raise
        raise Conflict(f"gebruiker '{naam}' bestaat al") from None
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
        raise Conflict(f"gebruiker '{gebruiker.naam}' heeft de rol {rol} al; er is niets gewijzigd")
    _niet_de_laatste_secretaris(sessie, gebruiker, f"de rol van '{gebruiker.naam}' kan niet {rol} worden")
    gebruiker.rol = rol
    sessie.add(gebruiker)
    websessies.beeindig_alle(sessie, gebruiker.naam)  # a session never keeps the rights of the old role
    return gebruiker, oud


def verwijder(sessie: Session, door: Rechten, naam: str) -> Gebruiker:
    """End a user's access. The history keeps their name: it stores names as text, not as a link."""
    door.vereis_secretaris()
    gebruiker = _bestaande(sessie, naam)
    _niet_de_laatste_secretaris(sessie, gebruiker, f"'{gebruiker.naam}' kan niet worden verwijderd")
    sessie.delete(gebruiker)
    websessies.beeindig_alle(sessie, gebruiker.naam)
    wachtwoorden.vergeet_herstel(sessie, gebruiker.naam)  # a link made before opens nothing
    return gebruiker


def _bekende_rol(rol: str) -> None:
    if rol not in ROLLEN:
        raise OngeldigeInvoer(f"onbekende rol '{rol}'; kies uit {', '.join(ROLLEN)}")


def _bestaande(sessie: Session, naam: str) -> Gebruiker:
    gebruiker = sessie.exec(select(Gebruiker).where(Gebruiker.naam == naam.strip())).first()
    if gebruiker is None:
        raise NietGevonden(f"gebruiker '{naam.strip()}' is niet geregistreerd; 'advies gebruiker lijst' toont wie wel")
    return gebruiker


def _niet_de_laatste_secretaris(sessie: Session, gebruiker: Gebruiker, wat: str) -> None:
    """Someone must remain who may manage the users; otherwise nobody could ever change anything again."""
    if gebruiker.rol != Rol.SECRETARIS:
        return
    vraag = select(func.count()).select_from(Gebruiker).where(Gebruiker.rol == Rol.SECRETARIS)
    secretarissen = sessie.exec(vraag).one()
    if secretarissen <= 1:
        raise Conflict(
            f"{wat}: dat is de laatste secretaris en dan kan niemand de gebruikers nog beheren; "
            "registreer eerst een andere secretaris"
        )
