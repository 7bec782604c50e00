"""What went wrong with the database, told truthfully in Dutch.

The drivers report in English and in many shapes: sqlite3 by error name (SQLITE_FULL...),
psycopg by SQLSTATE, and a failed connection only by its text. Every known cause becomes one
Dutch sentence that says what happened and what to do; the CLI puts it after `Fout: `. An
unknown one gets a Dutch sentence from the CLI too, with the driver's own words only in the log
(`fouten.log`) or, with ADVIES_DEBUG=1, the traceback.

`schrijven=False` tells the error of a reading transaction: it never says "er is niets
opgeslagen", which means nothing to someone who only read.
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


def bezet(schrijven: bool = True) -> str:
    """The one message for a lock held too long, the same on both backends."""
    from opslag.configuratie import wachttijd_seconden

    return (
        f"de database werd langer dan {wachttijd_seconden():g} s bezet gehouden door een ander"
        f"{_gevolg(schrijven)}, probeer het zo opnieuw"
    )


def _gevolg(schrijven: bool) -> str:
    return f"; {NIETS_OPGESLAGEN}" if schrijven else ""


def te_lang(kolom: str | None) -> str:
    wat = f"de waarde voor {kolom}" if kolom else "een tekst"
    return f"{wat} is langer dan de database toestaat; {NIETS_OPGESLAGEN}, kort hem in"


def kan_niet_wijzigen(pad: Path, reden: str) -> str:
    """A write to a SQLite database this process cannot write: which file blocks, and the repair."""
    return f"de database {pad} kan alleen worden gelezen, niet gewijzigd: {reden}; {NIETS_OPGESLAGEN}"


def tabel_ontbreekt(naam: str, schrijven: bool = True) -> str:
    """A table (or column) the schema version promises is missing: the database was damaged, or
    another program's database carries advies's version table."""
    pad = _sqlite_pad()  # the file, or on PostgreSQL the database's name
    plek = f" {pad}" if pad else ""
    return (
        f"de database{plek} mist {naam}, hoewel haar schemaversie zegt dat die er is: ze is beschadigd of "
        f"van een ander programma{_gevolg(schrijven)}. Zet een reservekopie terug, of maak een nieuwe "
        "database met 'advies init' en lees daar een archief in met 'advies archief importeer'"
    )


def geen_connect(login: str | None, database: str | None) -> str:
    login = login or "LOGIN"
    database = database or "DATABASE"
    return (
        f"de login '{login}' mag geen verbinding maken met de database '{database}' (het recht CONNECT "
        f"ontbreekt); de beheerder van de server maakt {login} lid van de groepsrol die de database bezit "
        f"('GRANT groepsrol TO {login};'), of geeft alleen dat recht met 'GRANT CONNECT ON DATABASE {database} "
        f"TO {login};'"
    )


def geen_schemarechten(login: str, groepsrol: str, lid: bool, groep_mag: bool) -> str:
    """The schema `public` is closed to this login (`REVOKE ALL ON SCHEMA public FROM PUBLIC`, as
    PostgreSQL's docs advise): the tables are there, the login cannot see them."""
    wat = f"de login '{login}' mag het schema public van deze database niet gebruiken"
    if lid:
        return (
            f"{wat}: het is afgeschermd en ook de groepsrol {groepsrol} heeft er geen rechten op; de beheerder "
            f"van de server geeft ze met 'GRANT USAGE, CREATE ON SCHEMA public TO {groepsrol};'"
        )
    if groep_mag:
        return (
            f"{wat}: het is afgeschermd voor wie geen lid is van de groepsrol {groepsrol}, die de database bezit; "
            f"de beheerder van de server geeft de rechten met 'GRANT {groepsrol} TO {login};'"
        )
    return (
        f"{wat}: het is afgeschermd, ook voor de groepsrol {groepsrol} die de database bezit; de beheerder van "
        f"de server geeft de rechten met 'GRANT USAGE, CREATE ON SCHEMA public TO {groepsrol};' en "
        f"'GRANT {groepsrol} TO {login};'"
    )


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


def bericht(fout: DBAPIError, *, schrijven: bool = True) -> str | None:
    """One Dutch sentence for an error of the database or its driver; None for one not known here
    (the CLI then says so in Dutch and logs the driver's text)."""
    if _is_sqlite(fout):
        return _sqlite(fout, schrijven)
    return _postgresql(fout, schrijven)


def onbekend(fout: DBAPIError) -> str:
    """The Dutch sentence for a database error no rule above knows; its code (not its English text)
    helps whoever reads the log."""
    code = getattr(fout.orig, "sqlite_errorname", None) or _sqlstate(fout) or type(fout.orig).__name__
    return f"de database meldde een onverwachte fout (code {code})"


def _sqlite(fout: DBAPIError, schrijven: bool) -> str | None:
    from opslag import sqlitebestand

    naam = str(getattr(fout.orig, "sqlite_errorname", ""))
    tekst = str(fout.orig)
    pad = _sqlite_pad()
    plek = f" {pad}" if pad else ""
    gevolg = _gevolg(schrijven)
    if naam.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in tekst:
        return bezet(schrijven)
    if naam == "SQLITE_FULL":
        return f"de schijf is vol (of de grens aan de bestandsgrootte is bereikt){gevolg}"
    if naam.startswith("SQLITE_READONLY"):
        reden = sqlitebestand.niet_schrijfbaar(pad) if pad else None
        if pad and reden:
            return kan_niet_wijzigen(pad, reden)
        return f"de database{plek} is alleen-lezen: advies mag er niet in schrijven{gevolg}"
    if naam.startswith("SQLITE_CANTOPEN"):
        reden = sqlitebestand.niet_te_openen(pad) if pad else None
        if reden is None and pad and naam == "SQLITE_CANTOPEN":
            # Opened, yet no journal or -shm could be made beside it.
            reden = sqlitebestand.niet_schrijfbaar(pad)
        return f"kan de database{plek} niet openen: {reden or 'het bestand of de map is niet toegankelijk'}"
    if naam == "SQLITE_NOTADB":
        return f"het bestand{plek} is geen database van advies (geen SQLite-database)"
    if naam.startswith("SQLITE_CORRUPT"):
        return f"de database{plek} is beschadigd; zet een archief of reservekopie terug"
    if naam.startswith("SQLITE_IOERR"):
        return (
            f"de schijf gaf een fout bij het lezen of schrijven van de database{plek} (vol, een grens aan de "
            f"bestandsgrootte, of defect){gevolg}"
        )
    if naam == "SQLITE_CONSTRAINT_CHECK" and "_lengte" in tekst:
        return te_lang(_kolom_uit_check(tekst))
    for begin, soort in (("no such table: ", "de tabel"), ("no such column: ", "de kolom")):
        if tekst.startswith(begin):
            return tabel_ontbreekt(f"{soort} {tekst.removeprefix(begin).strip()}", schrijven)
    return None


def _postgresql(fout: DBAPIError, schrijven: bool) -> str | None:
    staat = _sqlstate(fout)
    gevolg = _gevolg(schrijven)
    if staat == "55P03" or staat == "40P01":
        return bezet(schrijven)
    if staat == "57014":
        return (
            "de database deed te lang over een opdracht (langer dan de ingestelde grens) en heeft haar "
            f"afgebroken{gevolg}"
        )
    if staat == "40001":
        return f"een ander wijzigde tegelijk dezelfde gegevens{gevolg}, probeer het opnieuw"
    if staat == "22001":
        return te_lang(None)
    if staat == "23514" and "_lengte" in str(fout.orig):
        return te_lang(_kolom_uit_check(str(fout.orig)))
    if staat == "42501":
        return geen_rechten(_login(), None)
    if staat == "3F000":  # "no schema has been selected to create in": no schema on the search path may be used
        login = _login() or "LOGIN"
        return (
            f"de login '{login}' mag geen enkel schema van deze database gebruiken (het schema public is "
            f"afgeschermd); de beheerder van de server maakt {login} lid van de groepsrol die de database "
            f"bezit ('GRANT groepsrol TO {login};'){gevolg}"
        )
    if staat in {"42P01", "42703"}:
        soort = "de tabel" if staat == "42P01" else "de kolom"
        naam = _tussen_aanhalingstekens(str(fout.orig))
        return tabel_ontbreekt(f"{soort} {naam}" if naam else soort, schrijven)
    if staat in {"53100", "53000"}:
        return f"de schijf van de databaseserver is vol{gevolg}"
    if staat == "25006":
        return f"de databaseserver staat alleen lezen toe (een reserveserver?){gevolg}"
    if staat == "53300":
        return "de databaseserver heeft geen verbindingen meer vrij; probeer het zo opnieuw"
    return _verbinding(fout, schrijven)


# SQLite names no constraint when a unique one breaks, only its columns ("UNIQUE constraint failed:
# advies.kenmerk"); psycopg gives the name itself. So for SQLite the unique constraints of
# opslag/modellen.py are listed here by their columns, in the order SQLite names them
# (tests/test_weigeringen.py checks this table against the models).
_UNIEK_OP_SQLITE = {
    "advies.jaar, advies.volgnummer, advies.achtervoegsel": "uq_advies_nummer",
    "advies.kenmerk": "uq_advies_kenmerk",
    "document.reeks_jaar, document.reeks_nummer": "uq_document_reeks",
    "tekstversie.advies_id, tekstversie.versie": "uq_tekstversie_advies_versie",
    "gebruiker.naam": "uq_gebruiker_naam",
    "gebruiker.agenda_token": "uq_gebruiker_agenda_token",
}


def beperking(fout: DBAPIError) -> str | None:
    """The name of the unique constraint `fout` (an IntegrityError) broke, from the driver's own
    diagnostics, never from a sentence; None for any other error."""
    if _is_sqlite(fout):
        if getattr(fout.orig, "sqlite_errorname", None) != "SQLITE_CONSTRAINT_UNIQUE":
            return None
        kolommen = str(fout.orig).removeprefix("UNIQUE constraint failed: ")
        return _UNIEK_OP_SQLITE.get(kolommen)
    if _sqlstate(fout) != "23505":  # unique_violation
        return None
    naam = getattr(getattr(fout.orig, "diag", None), "constraint_name", None)
    return str(naam) if naam else None


def _tussen_aanhalingstekens(tekst: str) -> str | None:
    import re

    gevonden = re.search(r'"([^"]+)"', tekst)
    return gevonden[1] if gevonden else None


def _verbinding(fout: DBAPIError, schrijven: bool) -> str | None:
    """Failures to connect carry no SQLSTATE in psycopg: only their text tells them apart."""
    tekst = str(fout.orig)
    laag = tekst.lower()
    server = _server()
    if "permission denied for database" in laag or "does not have connect privilege" in laag:
        return geen_connect(_login(), _tussen_aanhalingstekens(tekst.split("permission denied for database")[-1]))
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
        return f"de verbinding met de databaseserver{server} is verbroken{_gevolg(schrijven)}, probeer het opnieuw"
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
