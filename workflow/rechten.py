"""Who is acting: the query that decides a transaction's `Rechten` (workflow.domein.rechten).

On SQLite the acting user is ADVIES_GEBRUIKER or the login name. On PostgreSQL it is the database
login (`session_user`): there a variable cannot make the secretary act as the chair.
"""

from __future__ import annotations

import getpass
import os

from sqlalchemy import Connection, func, select, text

from opslag.leestabellen import gebruiker
from workflow import invoer
from workflow.domein.rechten import ADVIES_GEBRUIKER, DATABASELOGIN, INLOGNAAM, Rechten


def bepaal(verbinding: Connection, als: str | None = None) -> Rechten:
    """The acting user's rights: `als` when a face authenticated the person itself (the web page),
    otherwise the process's identity. Plain Core, so a read command need not load the ORM."""
    naam, herkomst = (als, "") if als is not None else _wie_en_herkomst(verbinding)
    if not verbinding.execute(select(func.count()).select_from(gebruiker)).scalar_one():
        return Rechten(gebruiker=naam, rol=None, eenpersoonsmodus=True, herkomst=herkomst)
    rol = verbinding.execute(select(gebruiker.c.rol).where(gebruiker.c.naam == naam)).scalar()
    return Rechten(gebruiker=naam, rol=rol, eenpersoonsmodus=False, herkomst=herkomst)


def _wie_en_herkomst(verbinding: Connection) -> tuple[str, str]:
    if verbinding.dialect.name == "postgresql":
        return str(verbinding.execute(text("SELECT session_user")).scalar_one()), DATABASELOGIN
    gezet = os.environ.get("ADVIES_GEBRUIKER")
    if gezet:
        return invoer.naam(gezet, "ADVIES_GEBRUIKER"), ADVIES_GEBRUIKER
    return _loginnaam(), INLOGNAAM


def _loginnaam() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no entry for this uid, as in some containers
        return "onbekend"
