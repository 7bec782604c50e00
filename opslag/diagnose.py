"""What went wrong with the database, told truthfully in Dutch.

The drivers report in English and in many shapes: sqlite3 by error name (SQLITE_FULL...),
psycopg by SQLSTATE, and a failed connection only by its text. Every known cause becomes one
Dutch sentence that says what happened and what to do; the CLI puts it after `Fout: `.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from sqlalchemy.exc import DBAPIError

NIETS_OPGESLAGEN = "er is niets opgeslagen"
UITKOMST_ONBEKEND = (
    "de verbinding met de database viel weg tijdens het opslaan; het is niet bekend of de wijziging is "
    "opgeslagen: kijk het na met 'advies toon KENMERK' of 'advies lijst' voordat u het opnieuw probeert"
)
NIET_INGERICHT = "de database is nog niet ingericht; voer eerst 'advies init' uit"

# What went wrong with a file or folder, for the database's and for every file a command reads or writes.
_OORZAKEN = {
    errno.ENOENT: "bestaat niet",
    errno.EISDIR: "is een map",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EACCES: "geen toegang",
    errno.EPERM: "geen toegang",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.EDQUOT: "de schijfruimte (quota) is op",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EFBIG: "het bestand is te groot (grens aan de bestandsgrootte)",
}


def bestandsoorzaak(fout: OSError) -> str:
    """What went wrong with a file or folder, in Dutch ("de schijf is vol")."""
    if fout.errno in _OORZAKEN:
        return _OORZAKEN[fout.errno]
    return f"fout van het besturingssysteem ({errno.errorcode.get(fout.errno or 0, 'onbekend')})"


def bezet() -> str:
    """The one message for a lock held too long, the same on both backends."""
    from opslag.database import wachttijd_seconden

    return (
        f"de database werd langer dan {wachttijd_seconden():g} s bezet gehouden door een ander; "
        f"{NIETS_OPGESLAGEN}, probeer het zo opnieuw"
    )


def te_lang(kolom: str | None) -> str:
    wat = f"de waarde voor {kolom}" if kolom else "een tekst"
    return f"{wat} is langer dan de database toestaat; {NIETS_OPGESLAGEN}, kort hem in"


def geen_rechten(login: str | None, groepsrol: str | None) -> str:
    login = login or "LOGIN"
    groepsrol = groepsrol or "advieswerk"
    return (
        f"de login '{login}' heeft geen rechten op de tabellen van advies; de beheerder van de server geeft ze met "
        f"'GRANT {groepsrol} TO {login};' ({groepsrol} is de groepsrol die de database bezit)"
    )


def schema_ontbreekt(fout: DBAPIError) -> bool:
    """True only when the error says the table asked for does not exist: the schema is missing."""
    if _sqlstate(fout) == "42P01":
        return True
    return _is_sqlite(fout) and str(fout.orig).startswith("no such table")


def verbinding_verloren(fout: DBAPIError) -> bool:
    if fout.connection_invalidated:
        return True
    staat = _sqlstate(fout) or ""
    if staat.startswith("08") or staat in {"57P01", "57P02", "57P03"}:
        return True
    tekst = str(fout.orig).lower()
    return any(
        t in tekst for t in ("server closed the connection", "connection is lost", "consuming input failed", "eof")
    )


def bericht(fout: DBAPIError) -> str:
    """One Dutch sentence for an error of the database or its driver."""
    if _is_sqlite(fout):
        gevonden = _sqlite(fout)
    else:
        gevonden = _postgresql(fout)
    if gevonden:
        return gevonden
    return f"databasefout: {_eerste_regel(fout)}; {NIETS_OPGESLAGEN}"


def _sqlite(fout: DBAPIError) -> str | None:
    naam = str(getattr(fout.orig, "sqlite_errorname", ""))
    pad = _sqlite_pad()
    plek = f" {pad}" if pad else ""
    map_ = f"de map {pad.parent}" if pad else "de map van de database"
    if naam.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(fout.orig):
        return bezet()
    if naam == "SQLITE_FULL":
        return f"de schijf is vol (of de grens aan de bestandsgrootte is bereikt); {NIETS_OPGESLAGEN}"
    if naam.startswith("SQLITE_READONLY"):
        return (
            f"de database{plek} is alleen-lezen: advies mag niet schrijven in het bestand of in {map_}; "
            f"{NIETS_OPGESLAGEN}"
        )
    if naam.startswith("SQLITE_CANTOPEN"):
        return f"kan de database{plek} niet openen: {map_} is er niet, is alleen-lezen of is niet toegankelijk"
    if naam == "SQLITE_NOTADB":
        return f"het bestand{plek} is geen database van advies (geen SQLite-database)"
    if naam.startswith("SQLITE_CORRUPT"):
        return f"de database{plek} is beschadigd; zet een archief of reservekopie terug"
    if naam.startswith("SQLITE_IOERR"):
        return (
            f"de schijf gaf een fout bij het lezen of schrijven van de database{plek} (vol, een grens aan de "
            f"bestandsgrootte, of defect); {NIETS_OPGESLAGEN}"
        )
    if naam == "SQLITE_CONSTRAINT_CHECK" and "_lengte" in str(fout.orig):
        return te_lang(_kolom_uit_check(str(fout.orig)))
    return None


def _postgresql(fout: DBAPIError) -> str | None:
    staat = _sqlstate(fout)
    if staat == "55P03" or staat == "40P01":
        return bezet()
    if staat == "57014":
        return (
            f"de database deed te lang over een opdracht (langer dan de ingestelde grens) en heeft haar "
            f"afgebroken; {NIETS_OPGESLAGEN}"
        )
    if staat == "40001":
        return f"een ander wijzigde tegelijk dezelfde gegevens; {NIETS_OPGESLAGEN}, probeer het opnieuw"
    if staat == "22001":
        return te_lang(None)
    if staat == "23514" and "_lengte" in str(fout.orig):
        return te_lang(_kolom_uit_check(str(fout.orig)))
    if staat == "42501":
        return geen_rechten(_login(), None)
    if staat == "42P01":
        return NIET_INGERICHT
    if staat in {"53100", "53000"}:
        return f"de schijf van de databaseserver is vol; {NIETS_OPGESLAGEN}"
    if staat == "25006":
        return f"de databaseserver staat alleen lezen toe (een reserveserver?); {NIETS_OPGESLAGEN}"
    if staat == "53300":
        return "de databaseserver heeft geen verbindingen meer vrij; probeer het zo opnieuw"
    return _verbinding(fout)


def _verbinding(fout: DBAPIError) -> str | None:
    """Failures to connect carry no SQLSTATE in psycopg: only their text tells them apart."""
    tekst = str(fout.orig)
    laag = tekst.lower()
    server = _server()
    if "password authentication failed" in laag:
        return f"het wachtwoord of de login voor de databaseserver{server} klopt niet"
    if "no password supplied" in laag:
        return f"de databaseserver{server} vraagt een wachtwoord; zet het in de database-URL"
    if "role" in laag and "does not exist" in laag:
        return f"de login '{_login()}' bestaat niet op de databaseserver{server}"
    if "database" in laag and "does not exist" in laag:
        return f"de database bestaat niet op de databaseserver{server}; laat de beheerder haar aanmaken"
    if "resolve host" in laag or "translate host name" in laag:
        return f"de databaseserver{server} is onbekend: de naam is niet te vinden (typefout, of geen netwerk?)"
    if "connection refused" in laag:
        return f"de databaseserver{server} is niet bereikbaar: er luistert niets (draait de server?)"
    if "timeout expired" in laag or "timed out" in laag or "no route to host" in laag:
        return f"de databaseserver{server} is niet bereikbaar: hij antwoordt niet (netwerk of firewall?)"
    if verbinding_verloren(fout):
        return f"de verbinding met de databaseserver{server} is verbroken; {NIETS_OPGESLAGEN}, probeer het opnieuw"
    if "connection" in laag and "failed" in laag:
        return f"kan de databaseserver{server} niet bereiken"
    return None


def _is_sqlite(fout: DBAPIError) -> bool:
    return type(fout.orig).__module__.startswith("sqlite3")


def _sqlstate(fout: DBAPIError) -> str | None:
    staat = getattr(fout.orig, "sqlstate", None)
    return str(staat) if staat else None


def _kolom_uit_check(tekst: str) -> str | None:
    """`ck_advies_uw_kenmerk_lengte` names the column; the table names are known."""
    from sqlmodel import SQLModel

    for tabel in SQLModel.metadata.tables.values():
        for kolom in tabel.columns:
            if f"ck_{tabel.name}_{kolom.name}_lengte" in tekst:
                return f"{kolom.name.replace('_', '-')} (hoogstens {getattr(kolom.type, 'length', '?')} tekens)"
    return None


def _eerste_regel(fout: DBAPIError) -> str:
    tekst = str(fout.orig).strip()
    return tekst.splitlines()[0] if tekst else type(fout.orig).__name__


def _url() -> object | None:
    try:
        from sqlalchemy.engine import make_url

        from opslag.configuratie import database_url

        return make_url(database_url())
    except Exception:  # noqa: BLE001 - a diagnosis must never fail itself
        return None


def _sqlite_pad() -> Path | None:
    url = _url()
    database = getattr(url, "database", None)
    return Path(database) if database and database != ":memory:" else None


def _login() -> str | None:
    url = _url()
    return getattr(url, "username", None) or os.environ.get("PGUSER")


def _server() -> str:
    url = _url()
    host = getattr(url, "host", None)
    if not host:
        return ""
    poort = getattr(url, "port", None)
    return f" {host}:{poort}" if poort else f" {host}"
