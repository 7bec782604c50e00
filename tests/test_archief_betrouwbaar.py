"""The archive is a backup a council can trust: one snapshot however many others work meanwhile,
checked before it is called done; the same limits on both backends; no doubled kenmerk."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DataError, IntegrityError

from opslag.configuratie import database_url
from tests import databanken
from tests.conftest import Advies, als_json, momentopname, voer_uit, weiger
from tests.storingen import ADVIES, draai, start, uitkomst, wacht_op_wachtenden

SCHRIJVER = """
import subprocess, sys
advies, map_ = sys.argv[1], sys.argv[2]
for i in range(1, 3):
    nieuw = subprocess.run([advies, "nieuw", f"Nieuw {i}", "--datum", "2020-03-01"], capture_output=True)
    pad = f"{map_}/tekst{i}.md"
    open(pad, "w").write(f"Versie {i}.\\n")
    for kenmerk in ("2020-01", "2020-02"):
        subprocess.run([advies, "concept", kenmerk, "--tekst", pad], capture_output=True, check=True)
"""


def terug_in_een_lege_database(archief: Path, map_: Path) -> sqlite3.Connection:
    """Import an archive into a fresh SQLite register; returns it for inspection."""
    omgeving = {"ADVIES_HOME": str(map_), "ADVIES_DATABASE_URL": f"sqlite:///{map_ / 'advies.db'}"}
    # In this process: the import is what is tested here, not starting one.
    voer_uit("init", env=omgeving)
    uitkomst = voer_uit("archief", "importeer", str(archief), env=omgeving, code=None)
    assert uitkomst.exit_code == 0, f"{archief.name}: {uitkomst.output}"
    return sqlite3.connect(map_ / "advies.db")


def klopt(db: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """Advices whose status is not the state their last history entry led to (should be none)."""
    return db.execute(
        "SELECT kenmerk, status, (SELECT naar FROM geschiedenis g WHERE g.advies_id = a.id ORDER BY g.id DESC LIMIT 1) "
        "AS laatste FROM advies a WHERE status <> laatste"
    ).fetchall()


def test_exporteren_terwijl_anderen_werken(
    advies: Advies, home: Path, tmp_path: Path, tekst: Callable[..., Path]
) -> None:
    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
    advies("aanvraag", "Stadjerspas", "--ontvangen", "2020-01-11")
    schrijver = subprocess.Popen(
        [sys.executable, "-c", SCHRIJVER, ADVIES, str(tmp_path)], env=os.environ.copy(), stderr=subprocess.PIPE
    )
    archieven: list[Path] = []
    try:
        while schrijver.poll() is None and len(archieven) < 3:
            pad = tmp_path / f"export-{len(archieven)}.zip"
            code, _, fout = draai("archief", "exporteer", "--uit", str(pad))
            assert code == 0, fout
            archieven.append(pad)
    finally:
        _, schrijffout = schrijver.communicate(timeout=300)
    assert schrijver.returncode == 0, schrijffout
    assert len(archieven) >= 2
    for i, archief in enumerate(archieven):
        db = terug_in_een_lege_database(archief, tmp_path / f"terug-{i}")
        assert klopt(db) == [], archief.name
        db.close()


@pytest.mark.postgresql
def test_een_export_is_een_momentopname(advies: Advies, home: Path, tmp_path: Path, tekst: Callable[..., Path]) -> None:
    """Deterministic: the export waits for the history table while the test changes an advice and
    registers another; it must not see either change, in no table."""
    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
    assert databanken.HUIDIGE is not None
    engine = create_engine(databanken.HUIDIGE.beheer)
    with engine.connect() as verbinding:
        verbinding.execute(text("LOCK TABLE geschiedenis IN ACCESS EXCLUSIVE MODE"))
        export = start("archief", "exporteer", "--uit", str(tmp_path / "a.zip"))
        wacht_op_wachtenden(1)
        verbinding.execute(text("UPDATE advies SET status = 'concept' WHERE kenmerk = 'CRA 2020-01'"))
        nieuw = verbinding.execute(
            text(
                "INSERT INTO advies (kenmerk, jaar, volgnummer, achtervoegsel, onderwerp, soort, status, "
                "geregistreerd_op, rijversie) VALUES ('CRA 2020-02', 2020, 2, '', 'Later', 'ongevraagd', 'concept', "
                "'2020-02-01', 1) RETURNING id"
            )
        ).scalar_one()
        for advies_id, van in ((1, "'aangevraagd'"), (nieuw, "NULL")):
            verbinding.execute(
                text(
                    "INSERT INTO geschiedenis (advies_id, gebeurtenis, van, naar, door, op) "
                    f"VALUES ({advies_id}, 'concept', {van}, 'concept', 'els', now())"
                )
            )
        verbinding.commit()
    engine.dispose()
    code, _, fout = uitkomst(export)
    assert code == 0, fout
    db = terug_in_een_lege_database(tmp_path / "a.zip", tmp_path / "terug")
    assert db.execute("SELECT kenmerk, status FROM advies").fetchall() == [("CRA 2020-01", "aangevraagd")]
    assert klopt(db) == []


def test_een_export_controleert_zichzelf(
    advies: Advies, home: Path, tmp_path: Path, tekst: Callable[..., Path]
) -> None:
    """A register whose stored letter no longer matches its sha256 gives no archive that looks fine."""
    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
    advies("concept", "2020-01", "--tekst", str(tekst()))
    url = os.environ.get("ADVIES_DATABASE_URL") or f"sqlite:///{home / 'advies.db'}"
    if databanken.HUIDIGE is not None:
        url = databanken.HUIDIGE.beheer.render_as_string(hide_password=False)
    engine = create_engine(url)
    with engine.begin() as verbinding:
        verbinding.execute(text("UPDATE document SET inhoud = :x"), {"x": b"PK beschadigd"})
    engine.dispose()
    doel = tmp_path / "a.zip"
    regel = weiger("archief", "exporteer", "--uit", str(doel))
    assert regel.startswith("Fout: het geschreven archief doorstaat de controle niet (")
    assert regel.endswith("klopt niet met zijn sha256; er is niets ingelezen); er is geen archief geschreven")
    assert not doel.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_een_dubbel_kenmerk_wordt_genoemd(advies: Advies, home: Path, tmp_path: Path) -> None:
    advies("nieuw", "Eerste", "--datum", "2020-01-10")
    advies("nieuw", "Tweede", "--datum", "2020-01-11")
    advies("archief", "exporteer", "--uit", str(tmp_path / "a.zip"))
    dubbel = tmp_path / "dubbel.zip"
    with zipfile.ZipFile(tmp_path / "a.zip") as oud, zipfile.ZipFile(dubbel, "w") as nieuw:
        manifest = json.loads(oud.read("manifest.json"))
        for naam in oud.namelist():
            data = oud.read(naam)
            if naam == "tabellen/advies.jsonl":
                data = data.replace(b"CRA 2020-02", b"CRA 2020-01")
                import hashlib

                manifest["bestanden"][naam] = hashlib.sha256(data).hexdigest()
            if naam != "manifest.json":
                nieuw.writestr(naam, data)
        nieuw.writestr("manifest.json", json.dumps(manifest))
    databanken.frisse_omgeving(home)  # empties the PostgreSQL database; SQLite: a fresh file below
    map_ = tmp_path / "leeg"
    omgeving = {"ADVIES_HOME": str(map_)}
    if databanken.HUIDIGE is None:
        omgeving["ADVIES_DATABASE_URL"] = f"sqlite:///{map_ / 'advies.db'}"
    assert draai("init", **omgeving)[0] == 0
    assert draai("archief", "importeer", str(dubbel), **omgeving) == (
        1,
        "",
        "Fout: 'dubbel.zip' is ongeldig: tabel advies: kenmerk 'CRA 2020-01' komt twee keer voor; "
        "er is niets ingelezen\n",
    )
    assert draai("lijst", "--json", **omgeving)[1] == "[]\n"


# Maximum lengths: 200 for an uw-kenmerk, 100 for a user name; with a non-ASCII letter, since the
# limit counts characters on both backends, not bytes.
UW_KENMERK = ("é" * 10 + "x" * 190)[:200]
NAAM = "ë" + "n" * 99


@pytest.mark.postgresql
def test_de_langste_waarden_gaan_van_sqlite_naar_postgresql(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert databanken.HUIDIGE is not None
    postgres_url = databanken.HUIDIGE.url("els")
    map_ = tmp_path / "bron"
    monkeypatch.setenv("ADVIES_HOME", str(map_))
    monkeypatch.setenv("ADVIES_DATABASE_URL", f"sqlite:///{map_ / 'advies.db'}")
    monkeypatch.setenv("ADVIES_GEBRUIKER", NAAM)
    voer_uit("init")
    voer_uit("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10", "--uw-kenmerk", UW_KENMERK)
    voer_uit("gebruiker", "toevoegen", NAAM, "--rol", "secretaris")
    voer_uit("gebruiker", "toevoegen", "els", "--rol", "secretaris")  # the PostgreSQL login below
    monkeypatch.setenv("ADVIES_GEBRUIKER", "els")
    voor = momentopname()
    assert voor["adviezen"][0]["uw_kenmerk"] == UW_KENMERK
    voer_uit("archief", "exporteer", "--uit", str(tmp_path / "lang.zip"))
    monkeypatch.setenv("ADVIES_DATABASE_URL", postgres_url)
    voer_uit("archief", "importeer", str(tmp_path / "lang.zip"))
    assert momentopname() == voor
    assert als_json(voer_uit("gebruiker", "lijst", "--json")) == [
        {"naam": "els", "rol": "secretaris"},
        {"naam": NAAM, "rol": "secretaris"},
    ]


def test_te_lang_wordt_op_beide_geweigerd(advies: Advies, monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands refuse a value longer than its column, in the same words on both backends; the
    database's own limit (a CHECK on SQLite, the column type on PostgreSQL) stands behind them."""
    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
    voor = momentopname()
    regel = weiger("aanvraag", "Tweede", "--ontvangen", "2020-01-11", "--uw-kenmerk", UW_KENMERK + "x")
    assert regel == "Fout: uw kenmerk is te lang: 201 tekens, ten hoogste 200"
    if databanken.BACKEND == "sqlite":  # on PostgreSQL the login is the user, and a login is at most 63 bytes
        monkeypatch.setenv("ADVIES_GEBRUIKER", NAAM + "n")
        regel = weiger("nieuw", "Derde", "--datum", "2020-01-12")
        assert regel == "Fout: ADVIES_GEBRUIKER is te lang: 101 tekens, ten hoogste 100"
        monkeypatch.setenv("ADVIES_GEBRUIKER", "els")
    engine = create_engine(database_url())
    with pytest.raises((IntegrityError, DataError)), engine.begin() as verbinding:
        verbinding.execute(text("UPDATE advies SET uw_kenmerk = :w"), {"w": UW_KENMERK + "x"})
    engine.dispose()
    assert momentopname() == voor
