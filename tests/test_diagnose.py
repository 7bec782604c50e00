"""Every failure of the disk or the server is told for what it is, in Dutch; "not initialised"
only when the schema is really missing. `init` too."""

from __future__ import annotations

import resource
import shutil
import sqlite3
import stat
import subprocess
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError

from adviesfouten import OpslagFout
from opslag import diagnose, schema
from opslag.database import maak_engine, sessie
from tests import databanken
from tests.conftest import Advies, momentopname, voer_uit, weiger
from tests.storingen import (
    ADVIES,
    ALS_ROOT,
    alleen_lezen,
    beperkte_gebruiker,
    draai,
    draai_beperkt,
    geef_aan_beperkt,
    map_voor_beperkt,
)
from workflow.cli import cli


@pytest.mark.parametrize("opdracht", [("lijst",), ("init",)])
def test_een_database_van_een_onbekend_soort(
    home: Path, monkeypatch: pytest.MonkeyPatch, opdracht: tuple[str, ...]
) -> None:
    monkeypatch.setenv("ADVIES_DATABASE_URL", "mysql://els@db.example.nl/advieswerk")
    assert weiger(*opdracht) == (
        "Fout: advies kan niet met een database van het soort 'mysql' werken; "
        "gebruik sqlite:///PAD of postgresql+psycopg://LOGIN@SERVER/DATABASE"
    )


@pytest.mark.parametrize("opdracht", [("lijst",), ("init",)])
@pytest.mark.parametrize(
    "url, melding",
    [
        (
            "postgresql+psycopg://els@onbekend.invalid/advieswerk",
            "de databaseserver onbekend.invalid is onbekend: de naam is niet te vinden (typefout, of geen netwerk?)",
        ),
        (
            "postgresql+psycopg://els@127.0.0.1:9/advieswerk",
            "de databaseserver 127.0.0.1:9 is niet bereikbaar: er luistert niets (draait de server?)",
        ),
    ],
    ids=["onbekende-naam", "niemand-luistert"],
)
def test_een_onbereikbare_server(
    home: Path, monkeypatch: pytest.MonkeyPatch, opdracht: tuple[str, ...], url: str, melding: str
) -> None:
    monkeypatch.setenv("ADVIES_DATABASE_URL", url)
    assert weiger(*opdracht) == f"Fout: {melding}"


@pytest.mark.sqlite
@pytest.mark.parametrize("opdracht", [("lijst",), ("init",)])
def test_een_bestand_dat_geen_database_is(home: Path, opdracht: tuple[str, ...]) -> None:
    home.mkdir()
    (home / "advies.db").write_bytes(b"Dit is een brief, geen database.\n" * 200)
    assert weiger(*opdracht) == (
        f"Fout: het bestand {home / 'advies.db'} is geen database van advies (geen SQLite-database)"
    )


@pytest.mark.sqlite
@pytest.mark.parametrize("opdracht", [("lijst",), ("init",)])
def test_een_database_van_een_ander_programma(home: Path, opdracht: tuple[str, ...]) -> None:
    home.mkdir()
    with sqlite3.connect(home / "advies.db") as db:
        db.execute("CREATE TABLE boodschappen (wat TEXT)")
    assert weiger(*opdracht) == (
        "Fout: deze database is geen database van advies: ze bevat al andere tabellen (boodschappen); "
        "kies een lege database of een ander bestand"
    )


@pytest.mark.sqlite
def test_een_volle_schijf(advies: Advies, home: Path, tmp_path: Path) -> None:
    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
    voor = momentopname()
    groot = tmp_path / "groot.md"
    # Large, but within a draft's bounds (5,000 paragraphs), so the write reaches the database.
    groot.write_text(("Een lange alinea over het werkprogramma. " * 6 + "\n\n") * 4_000, encoding="utf-8")
    grens = (home / "advies.db").stat().st_size + 64 * 1024

    def beperk() -> None:  # a file-size limit: writing past it fails as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (grens, grens))

    proces = subprocess.run(
        [ADVIES, "concept", "2020-01", "--tekst", str(groot)], capture_output=True, text=True, preexec_fn=beperk
    )
    assert (proces.returncode, proces.stdout) == (1, "")
    assert proces.stderr == (
        f"Fout: de schijf gaf een fout bij het lezen of schrijven van de database {home / 'advies.db'} (vol, een "
        "grens aan de bestandsgrootte, of defect); er is niets opgeslagen\n"
    )
    assert momentopname() == voor


@pytest.mark.sqlite
def test_een_alleen_lezen_map(advies: Advies, home: Path) -> None:
    """Unwritable for this process (chattr +i as root, the mode bits otherwise): read, not written."""
    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
    voor = momentopname()
    lijst = draai("lijst", "--json")
    db = home / "advies.db"
    rechten = stat.S_IMODE(db.stat().st_mode)
    with alleen_lezen(db, home):
        code, uit, fout = draai("aanvraag", "Tweede", "--ontvangen", "2020-02-01")
        init = draai("init")
        assert draai("lijst", "--json") == lijst
    assert (code, uit) == (1, "")
    if ALS_ROOT:
        reden = (
            f"het bestand {db} mag niet worden gewijzigd, hoewel de rechten ({rechten:04o}) het toestaan: het is "
            f"beveiligd met 'chattr +i' of een ACL; 'lsattr {db}' toont het, 'chattr -i {db}' heft het op"
        )
    else:
        wie = beperkte_gebruiker()
        reden = f"het bestand {db} is alleen-lezen: rechten 0444, eigenaar {wie}; herstel met 'chmod u+w {db}'"
    assert (
        fout == f"Fout: de database {db} kan alleen worden gelezen, niet gewijzigd: {reden}; er is niets opgeslagen\n"
    )
    assert init == (1, "", fout)
    assert momentopname() == voor


@pytest.mark.sqlite
@pytest.mark.parametrize("opdracht", [("lijst",), ("init",)])
@pytest.mark.parametrize("driver", ["aiosqlite", "pysqlcipher"])
def test_een_niet_ondersteund_sqlite_stuurprogramma(
    home: Path, monkeypatch: pytest.MonkeyPatch, opdracht: tuple[str, ...], driver: str
) -> None:
    """Named as what it is, whether the file exists or not (not "niet ingericht")."""
    monkeypatch.setenv("ADVIES_DATABASE_URL", f"sqlite+{driver}:///{home / 'advies.db'}")
    assert weiger(*opdracht) == (
        f"Fout: advies werkt met SQLite alleen via Pythons eigen sqlite3, niet via het stuurprogramma '{driver}' "
        f"(sqlite+{driver}); gebruik sqlite:///PAD"
    )
    assert not home.exists()


@pytest.mark.sqlite
@pytest.mark.parametrize("opdracht", [("lijst",), ("init",)])
def test_een_map_als_database(home: Path, monkeypatch: pytest.MonkeyPatch, opdracht: tuple[str, ...]) -> None:
    map_ = home / "raad"
    map_.mkdir(parents=True)
    monkeypatch.setenv("ADVIES_DATABASE_URL", f"sqlite:///{map_}")
    assert weiger(*opdracht) == (
        f"Fout: kan de database niet openen: {map_} is een map, geen databasebestand; geef het pad van het "
        f"bestand zelf op (bijvoorbeeld {map_ / 'advies.db'})"
    )


@pytest.mark.sqlite
@pytest.mark.parametrize("opdracht", [("lijst",), ("init",), ("aanvraag", "Tweede", "--ontvangen", "2020-02-01")])
def test_een_onleesbaar_databasebestand(advies: Advies, home: Path, opdracht: tuple[str, ...]) -> None:
    """Mode 000 blames the file, not its folder (as nobody when root: root reads any file)."""
    with map_voor_beperkt() as map_:
        db = map_ / "advies.db"
        shutil.copy2(home / "advies.db", db)
        geef_aan_beperkt(db)
        db.chmod(0o000)
        assert draai_beperkt(*opdracht, home=map_) == (
            1,
            "",
            f"Fout: kan de database niet openen: het databasebestand {db} is niet leesbaar: rechten 0000, eigenaar "
            f"{beperkte_gebruiker()}; herstel met 'chmod u+rw {db}'\n",
        )


@pytest.mark.parametrize("opdracht", [("instelling",), ("init",)])
def test_een_ontbrekende_tabel(advies: Advies, home: Path, opdracht: tuple[str, ...]) -> None:
    """A database whose version says 0006 but lacks a table: damaged or foreign, with what to do."""
    if databanken.HUIDIGE is None:
        with sqlite3.connect(home / "advies.db") as db:
            db.execute("DROP TABLE instelling")
        plek = f" {home / 'advies.db'}"
    else:
        beheer = create_engine(databanken.HUIDIGE.beheer, isolation_level="AUTOCOMMIT")
        with beheer.connect() as verbinding:
            verbinding.execute(text("DROP TABLE instelling"))
        beheer.dispose()
        plek = f" {databanken.HUIDIGE.naam}"
    try:
        assert weiger(*opdracht) == (
            f"Fout: de database{plek} mist de tabel instelling, hoewel haar schemaversie zegt dat die er is: ze is "
            "beschadigd of van een ander programma. Zet een reservekopie terug, of maak een nieuwe database met "
            "'advies init' en lees daar een archief in met 'advies archief importeer'"
        )
    finally:
        if databanken.HUIDIGE is not None:  # the run's database serves the next tests
            _herstel_tabel_instelling()


def _herstel_tabel_instelling() -> None:
    assert databanken.HUIDIGE is not None
    from sqlmodel import SQLModel

    import opslag.modellen  # noqa: F401

    beheer = create_engine(databanken.HUIDIGE.beheer)
    with beheer.begin() as verbinding:
        verbinding.execute(text(f"SET LOCAL ROLE {databanken.GROEP}"))
        SQLModel.metadata.tables["instelling"].create(verbinding)
    beheer.dispose()


@pytest.mark.parametrize("opdracht", [("lijst",), ("aanvraag", "Tweede", "--ontvangen", "2020-02-01")])
def test_een_onbekende_databasefout_is_nederlands(
    advies: Advies, home: Path, monkeypatch: pytest.MonkeyPatch, opdracht: tuple[str, ...]
) -> None:
    """A real driver error no rule knows (here: SQL the database rejects) is still told in Dutch;
    the driver's own English is in fouten.log, and with ADVIES_DEBUG=1 it is raised as it is."""
    from sqlalchemy.exc import DBAPIError

    import workflow.rechten

    def onbekend(verbinding: object, als: str | None = None) -> None:
        verbinding.exec_driver_sql("SELEC 1")  # type: ignore[attr-defined]

    monkeypatch.setattr(workflow.rechten, "bepaal", onbekend)
    code = "SQLITE_ERROR" if databanken.HUIDIGE is None else "42601"
    engels = 'near "SELEC": syntax error' if databanken.HUIDIGE is None else 'syntax error at or near "SELEC"'
    assert weiger(*opdracht) == (
        f"Fout: de database meldde een onverwachte fout (code {code}); details staan in {home / 'fouten.log'}"
    )
    assert engels in (home / "fouten.log").read_text(encoding="utf-8")
    monkeypatch.setenv("ADVIES_DEBUG", "1")
    uitkomst = CliRunner().invoke(cli, list(opdracht))
    assert isinstance(uitkomst.exception, DBAPIError) and engels in str(uitkomst.exception)


def test_een_leesopdracht_die_te_lang_wacht_zegt_niet_dat_er_niets_is_opgeslagen(
    advies: Advies, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read that times out on another's lock: no "er is niets opgeslagen", which means nothing to a reader."""
    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
    monkeypatch.setenv("ADVIES_WACHTTIJD", "0.5")
    with _tabel_vergrendeld(home):
        melding = weiger("lijst")
    assert melding == "Fout: de database werd langer dan 0.5 s bezet gehouden door een ander, probeer het zo opnieuw"


@contextmanager
def _tabel_vergrendeld(home: Path) -> Iterator[None]:
    """A lock that keeps readers out too: SQLite in exclusive locking mode during a write; on
    PostgreSQL an ACCESS EXCLUSIVE lock on the advice table."""
    if databanken.HUIDIGE is None:
        db = sqlite3.connect(home / "advies.db", isolation_level=None)
        db.execute("PRAGMA locking_mode=EXCLUSIVE")
        db.execute("BEGIN IMMEDIATE")
        db.execute("UPDATE instelling SET waarde = waarde")
        try:
            yield
        finally:
            db.execute("ROLLBACK")
            db.close()
        return
    beheer = create_engine(databanken.HUIDIGE.beheer)
    with beheer.connect() as verbinding:
        verbinding.execute(text("LOCK TABLE advies IN ACCESS EXCLUSIVE MODE"))
        try:
            yield
        finally:
            verbinding.rollback()
    beheer.dispose()


@pytest.mark.postgresql
@pytest.mark.parametrize("opdracht", [("lijst",), ("init",)])
def test_een_login_zonder_rechten(advies: Advies, monkeypatch: pytest.MonkeyPatch, opdracht: tuple[str, ...]) -> None:
    assert databanken.HUIDIGE is not None
    login = f"buiten_{uuid.uuid4().hex[:8]}"
    beheer = create_engine(databanken.PG_BEHEER_URL, isolation_level="AUTOCOMMIT")
    with beheer.connect() as verbinding:
        verbinding.execute(text(f"CREATE ROLE {login} LOGIN"))
    try:
        monkeypatch.setenv("ADVIES_DATABASE_URL", databanken.HUIDIGE.url(login))
        assert weiger(*opdracht) == (
            f"Fout: de login '{login}' heeft geen rechten op de tabellen van advies; de beheerder van de server "
            f"geeft ze met 'GRANT {databanken.GROEP} TO {login};' ({databanken.GROEP} is de groepsrol die de "
            "database bezit)"
        )
    finally:
        with beheer.connect() as verbinding:
            verbinding.execute(text(f"DROP OWNED BY {login}"))
            verbinding.execute(text(f"DROP ROLE {login}"))
        beheer.dispose()


@pytest.mark.postgresql
def test_een_verbroken_verbinding(advies: Advies, home: Path, tekst: Callable[..., Path]) -> None:
    from tests.storingen import start, uitkomst, vastgehouden, wacht_op_wachtenden

    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
    voor = momentopname()
    assert databanken.HUIDIGE is not None
    with vastgehouden(home, "SELECT id FROM advies WHERE kenmerk = 'CRA 2020-01' FOR UPDATE", wachtenden=0):
        proces = start("concept", "2020-01", "--tekst", str(tekst()))
        try:
            wacht_op_wachtenden(1)
        except AssertionError:
            raise AssertionError(uitkomst(proces)) from None
        beheer = create_engine(databanken.HUIDIGE.beheer, isolation_level="AUTOCOMMIT")
        with beheer.connect() as verbinding:
            verbinding.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                )
            )
        beheer.dispose()
        code, uit, fout = uitkomst(proces)
    assert (code, uit) == (1, "")
    assert fout == (
        "Fout: de verbinding met de databaseserver 127.0.0.1:5432 is verbroken; er is niets opgeslagen, "
        "probeer het opnieuw\n"
    )
    assert momentopname() == voor


def test_verbinding_weg_tijdens_commit_uitkomst_onbekend(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lost at COMMIT, nobody knows whether the change is stored: the user is told so, and how to check."""
    from sqlmodel import Session

    def weg(_self: Session) -> None:
        raise OperationalError("COMMIT", {}, Exception("server closed the connection unexpectedly"))

    engine = maak_engine(f"sqlite:///{home / 'los.db'}")
    monkeypatch.setattr(Session, "commit", weg)
    with pytest.raises(OpslagFout) as fout, sessie(engine, schrijven=True) as s:
        s.execute(text("SELECT 1"))
    engine.dispose()
    assert str(fout.value) == diagnose.UITKOMST_ONBEKEND
    assert "niet bekend of de wijziging is opgeslagen" in str(fout.value)


@pytest.mark.parametrize(
    "tekst, melding",
    [
        (
            'connection failed: connection to server at "db.example.nl" (10.0.0.5), port 5432 failed: FATAL:  '
            'password authentication failed for user "els"',
            "het wachtwoord of de login voor de databaseserver db.example.nl klopt niet",
        ),
        (
            "consuming input failed: server closed the connection unexpectedly",
            "de verbinding met de databaseserver db.example.nl is verbroken; er is niets opgeslagen, "
            "probeer het opnieuw",
        ),
    ],
    ids=["wachtwoord", "verbinding-weg"],
)
def test_meldingen_van_de_server(home: Path, monkeypatch: pytest.MonkeyPatch, tekst: str, melding: str) -> None:
    """The local server trusts every login, so a wrong password is shown with psycopg's own text."""
    import psycopg

    monkeypatch.setenv("ADVIES_DATABASE_URL", "postgresql+psycopg://els:geheim@db.example.nl/advieswerk")
    fout = OperationalError("SELECT 1", {}, psycopg.OperationalError(tekst))
    assert diagnose.bericht(fout) == melding


@contextmanager
def _eigen_database() -> Iterator[tuple[str, str]]:
    """A database of the test's own (its rights are changed), owned by the group and initialised by
    a member, and a login outside the group; both gone afterwards."""
    naam, login = f"advies_storing_{uuid.uuid4().hex[:10]}", f"buiten_{uuid.uuid4().hex[:8]}"
    beheer = create_engine(databanken.PG_BEHEER_URL, isolation_level="AUTOCOMMIT")
    with beheer.connect() as verbinding:
        verbinding.execute(text(f"CREATE DATABASE {naam} OWNER {databanken.GROEP}"))
        verbinding.execute(text(f"CREATE ROLE {login} LOGIN"))
    try:
        engine = maak_engine(_url(naam, "els"))
        schema.upgrade(engine)
        engine.dispose()
        yield naam, login
    finally:
        with beheer.connect() as verbinding:
            verbinding.execute(text(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)"))
            verbinding.execute(text(f"DROP ROLE {login}"))
        beheer.dispose()


def _url(database: str, login: str) -> str:
    url = make_url(databanken.PG_BEHEER_URL).set(database=database, username=login, password=None)
    return url.render_as_string(hide_password=False)


def _als_beheerder(database: str, *opdrachten: str) -> None:
    beheer = create_engine(make_url(databanken.PG_BEHEER_URL).set(database=database), isolation_level="AUTOCOMMIT")
    with beheer.connect() as verbinding:
        for opdracht in opdrachten:
            verbinding.execute(text(opdracht))
    beheer.dispose()


@pytest.mark.postgresql
def test_een_afgeschermd_schema_voor_een_login_buiten_de_groep(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`REVOKE ALL ON SCHEMA public FROM PUBLIC`, as PostgreSQL's docs advise: the tables are there,
    the login cannot see them. Not "niet ingericht"; `init` gives the same, not PostgreSQL's English."""
    groep = databanken.GROEP
    with _eigen_database() as (naam, login):
        _als_beheerder(naam, "REVOKE ALL ON SCHEMA public FROM PUBLIC")
        monkeypatch.setenv("ADVIES_DATABASE_URL", _url(naam, login))
        melding = (
            f"Fout: de login '{login}' mag het schema public van deze database niet gebruiken: het is afgeschermd "
            f"voor wie geen lid is van de groepsrol {groep}, die de database bezit; de beheerder van de server geeft "
            f"de rechten met 'GRANT {groep} TO {login};'"
        )
        assert weiger("lijst") == melding
        assert weiger("init") == melding
        _als_beheerder(naam, f"GRANT {groep} TO {login}")  # the advice, followed
        assert voer_uit("lijst").stdout == "Geen adviezen gevonden.\n"


@pytest.mark.postgresql
def test_een_afgeschermd_schema_ook_voor_de_groep(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The schema belongs to another role and is closed to everyone: a member of the group is told
    the GRANT for the group."""
    groep = databanken.GROEP
    with _eigen_database() as (naam, _login):
        _als_beheerder(naam, "ALTER SCHEMA public OWNER TO postgres", "REVOKE ALL ON SCHEMA public FROM PUBLIC")
        monkeypatch.setenv("ADVIES_DATABASE_URL", _url(naam, "els"))
        melding = (
            "Fout: de login 'els' mag het schema public van deze database niet gebruiken: het is afgeschermd en ook "
            f"de groepsrol {groep} heeft er geen rechten op; de beheerder van de server geeft ze met "
            f"'GRANT USAGE, CREATE ON SCHEMA public TO {groep};'"
        )
        assert weiger("lijst") == melding
        assert weiger("init") == melding
        _als_beheerder(naam, f"GRANT USAGE, CREATE ON SCHEMA public TO {groep}")
        assert voer_uit("lijst").stdout == "Geen adviezen gevonden.\n"


@pytest.mark.postgresql
def test_een_login_zonder_connect(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No CONNECT privilege is not "the server cannot be reached"."""
    with _eigen_database() as (naam, login):
        _als_beheerder(naam, f"REVOKE CONNECT ON DATABASE {naam} FROM PUBLIC")
        monkeypatch.setenv("ADVIES_DATABASE_URL", _url(naam, login))
        melding = (
            f"Fout: de login '{login}' mag geen verbinding maken met de database '{naam}' (het recht CONNECT "
            f"ontbreekt); de beheerder van de server maakt {login} lid van de groepsrol die de database bezit "
            f"('GRANT groepsrol TO {login};'), of geeft alleen dat recht met 'GRANT CONNECT ON DATABASE {naam} "
            f"TO {login};'"
        )
        assert weiger("lijst") == melding
        assert weiger("init") == melding
        _als_beheerder(naam, f"GRANT CONNECT ON DATABASE {naam} TO {login}")
        # Connected now, the login is told what it lacks next: the tables' rights.
        assert weiger("lijst") == (
            f"Fout: de login '{login}' heeft geen rechten op de tabellen van advies; de beheerder van de server geeft "
            f"ze met 'GRANT {databanken.GROEP} TO {login};' ({databanken.GROEP} is de groepsrol die de database bezit)"
        )


@pytest.mark.postgresql
def test_geen_schema_om_in_te_maken(home: Path) -> None:
    """PostgreSQL's "no schema has been selected to create in", in Dutch (a real error: no usable
    schema on the search path)."""
    assert databanken.HUIDIGE is not None
    engine = create_engine(databanken.HUIDIGE.url("els"))
    with pytest.raises(ProgrammingError) as fout, engine.connect() as verbinding:
        verbinding.execute(text("SET search_path = bestaat_niet"))
        verbinding.execute(text("CREATE TABLE proef (a integer)"))
    engine.dispose()
    assert diagnose.bericht(fout.value) == (
        "de login 'els' mag geen enkel schema van deze database gebruiken (het schema public is afgeschermd); de "
        "beheerder van de server maakt els lid van de groepsrol die de database bezit ('GRANT groepsrol TO els;'); "
        "er is niets opgeslagen"
    )
