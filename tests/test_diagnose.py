"""Every failure of the disk or the server is told for what it is, in Dutch; "not initialised"
only when the schema is really missing. `init` too."""

from __future__ import annotations

import resource
import sqlite3
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from opslag import diagnose
from opslag.database import maak_engine, sessie
from opslag.fouten import OpslagFout
from tests import databanken
from tests.conftest import Advies, momentopname, weiger
from tests.storingen import ADVIES, alleen_lezen, draai


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
    groot.write_text("Een lange alinea over het werkprogramma.\n\n" * 20_000, encoding="utf-8")
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
    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
    voor = momentopname()
    with alleen_lezen(home / "advies.db", home):
        code, uit, fout = draai("aanvraag", "Tweede", "--ontvangen", "2020-02-01")
        init = draai("init")
    assert (code, uit) == (1, "")
    assert fout == f"Fout: {MELDING_ALLEEN_LEZEN.format(home=home)}\n"
    assert init == (1, "", fout)
    assert momentopname() == voor


MELDING_ALLEEN_LEZEN = (
    "kan de database {home}/advies.db niet openen: de map {home} is er niet, is alleen-lezen of is niet toegankelijk"
)


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
