"""`advies archief`: everything out and back in, across backends, and refusals of bad archives."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests import databanken
from tests.conftest import Advies, als_json, momentopname, voer_uit, weiger


def vul(advies: Advies) -> None:
    """The walk-through (letters, a reminder, versions, history, settings) and two users."""
    advies("demo")
    advies("gebruiker", "toevoegen", "els", "--rol", "secretaris")
    advies("gebruiker", "toevoegen", "hans", "--rol", "voorzitter")


def inhoud(pad: Path) -> dict[str, Any]:
    """An archive's content: every file but the moment it was made."""
    with zipfile.ZipFile(pad) as archief:
        bestanden = {naam: archief.read(naam) for naam in archief.namelist() if naam != "manifest.json"}
        manifest = json.loads(archief.read("manifest.json"))
    manifest.pop("gemaakt_op")
    return {"manifest": manifest, "bestanden": bestanden}


@pytest.fixture
def sqlite_elders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Switch to a fresh SQLite register in another folder."""

    def naar(naam: str) -> None:
        map_ = tmp_path / naam
        monkeypatch.setenv("ADVIES_HOME", str(map_))
        monkeypatch.setenv("ADVIES_DATABASE_URL", f"sqlite:///{map_ / 'advies.db'}")
        voer_uit("init")

    return naar


def test_heen_en_terug(
    advies: Advies, home: Path, tmp_path: Path, sqlite_elders: Callable[[str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    vul(advies)
    voor = momentopname()
    assert advies("archief", "exporteer", "--uit", str(tmp_path / "a.zip")).stdout == (
        f"Archief geschreven: {tmp_path / 'a.zip'} (6 adviezen, 5 tekstversies, 8 documenten, "
        "25 regels geschiedenis, 2 gebruikers, 4 instellingen).\n"
    )
    sqlite_elders("tweede")
    voer_uit("archief", "importeer", str(tmp_path / "a.zip"))
    assert momentopname() == voor
    voer_uit("archief", "exporteer", "--uit", str(tmp_path / "b.zip"))
    assert inhoud(tmp_path / "a.zip") == inhoud(tmp_path / "b.zip")
    # Numbering goes on after the imported advices (the demo's dates follow today, so the
    # expected number is read from the imported list, not from the calendar) ...
    laatste = max(als_json(voer_uit("lijst", "--json")), key=lambda a: a["geregistreerd_op"])
    datum = laatste["geregistreerd_op"]
    nummers = [re.fullmatch(r"CRA (\d{4})-(\d+)[A-Z]?", a["kenmerk"]) for a in als_json(voer_uit("lijst", "--json"))]
    hoogste = max(int(n[2]) for n in nummers if n and n[1] == datum[:4])
    # ... and the imported roles are in force: the chair may not register, the secretary may.
    monkeypatch.setenv("ADVIES_GEBRUIKER", "hans")
    assert weiger("nieuw", "Na de verhuizing", "--datum", datum) == (
        "Fout: dit vraagt de rol secretaris; 'hans' heeft de rol voorzitter"
    )
    monkeypatch.setenv("ADVIES_GEBRUIKER", "els")
    nieuw = als_json(voer_uit("nieuw", "Na de verhuizing", "--datum", datum, "--json"))
    assert nieuw["kenmerk"] == f"CRA {datum[:4]}-{hoogste + 1:02d}"


@pytest.mark.postgresql
def test_sqlite_naar_postgresql_en_terug(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sqlite_elders: Callable[[str], None]
) -> None:
    assert databanken.HUIDIGE is not None
    postgres_url = databanken.HUIDIGE.url("els")
    sqlite_elders("bron")
    vul(voer_uit)
    voor = momentopname()
    voer_uit("archief", "exporteer", "--uit", str(tmp_path / "uit-sqlite.zip"))
    monkeypatch.setenv("ADVIES_DATABASE_URL", postgres_url)
    voer_uit("archief", "importeer", str(tmp_path / "uit-sqlite.zip"))
    assert momentopname() == voor
    voer_uit("archief", "exporteer", "--uit", str(tmp_path / "uit-postgresql.zip"))
    assert inhoud(tmp_path / "uit-sqlite.zip") == inhoud(tmp_path / "uit-postgresql.zip")
    # PostgreSQL's id sequences continue after the imported rows.
    voer_uit("nieuw", "Op PostgreSQL", "--datum", "2020-01-01")
    sqlite_elders("terug")
    voer_uit("archief", "importeer", str(tmp_path / "uit-postgresql.zip"))
    voer_uit("archief", "exporteer", "--uit", str(tmp_path / "weer-sqlite.zip"))
    assert inhoud(tmp_path / "uit-postgresql.zip") == inhoud(tmp_path / "weer-sqlite.zip")


@pytest.fixture
def archief(advies: Advies, tmp_path: Path) -> Path:
    vul(advies)
    pad = tmp_path / "archief.zip"
    advies("archief", "exporteer", "--uit", str(pad))
    return pad


def herschrijf(bron: Path, doel: Path, wijzig: Callable[[str, bytes], bytes | None]) -> Path:
    with zipfile.ZipFile(bron) as oud, zipfile.ZipFile(doel, "w") as nieuw:
        for naam in oud.namelist():
            data = wijzig(naam, oud.read(naam))
            if data is not None:
                nieuw.writestr(naam, data)
    return doel


def test_weigert_een_gevulde_database(archief: Path) -> None:
    voor = momentopname()
    assert weiger("archief", "importeer", str(archief)) == (
        "Fout: de database is niet leeg (tabel advies); een archief wordt alleen in een lege database "
        "ingelezen, er is niets ingelezen"
    )
    assert momentopname() == voor


def gewijzigde_tabel(naam: str, data: bytes) -> bytes:
    return data.replace(b"Bezuinigingen Stadjerspas", b"Iets heel anders") if naam == "tabellen/advies.jsonl" else data


def gewijzigd_document_met_manifest(bron: Path, doel: Path) -> Path:
    """A letter changed and the manifest updated to match: only the register's own hash knows."""
    import hashlib

    with zipfile.ZipFile(bron) as oud:
        manifest = json.loads(oud.read("manifest.json"))
        brief = next(n for n in oud.namelist() if n.startswith("bestanden/document/"))
        nep = b"PK vervalst"
        manifest["bestanden"][brief] = hashlib.sha256(nep).hexdigest()
    return herschrijf(
        bron,
        doel,
        lambda naam, data: nep if naam == brief else json.dumps(manifest).encode() if naam == "manifest.json" else data,
    )


@pytest.mark.parametrize(
    "maak, melding",
    [
        (
            lambda bron, doel: herschrijf(bron, doel, gewijzigde_tabel),
            "is beschadigd of gewijzigd: de sha256 van 'tabellen/advies.jsonl' klopt niet; er is niets ingelezen",
        ),
        (
            lambda bron, doel: herschrijf(bron, doel, lambda n, d: None if n == "tabellen/geschiedenis.jsonl" else d),
            "is beschadigd of gewijzigd: 'tabellen/geschiedenis.jsonl' ontbreekt; er is niets ingelezen",
        ),
        (
            gewijzigd_document_met_manifest,
            "klopt niet met zijn sha256; er is niets ingelezen",
        ),
        (
            lambda bron, doel: doel.write_bytes(bron.read_bytes()[:-200]) and doel,
            "is geen geldig archief van advies",
        ),
        (
            lambda bron, doel: doel.write_text("geen zip") and doel,
            "is geen geldig archief van advies",
        ),
    ],
    ids=["tabel gewijzigd", "bestand weg", "document vervalst", "afgekapt", "geen zip"],
)
@pytest.mark.een_backend(
    reden="ingelezen in een SQLite-register, door de controles geweigerd; exporteren toetst test_heen_en_terug"
)
def test_weigert_een_beschadigd_archief(
    archief: Path,
    tmp_path: Path,
    sqlite_elders: Callable[[str], None],
    maak: Callable[[Path, Path], Path],
    melding: str,
) -> None:
    slecht = maak(archief, tmp_path / "slecht.zip")
    sqlite_elders("leeg")
    regel = weiger("archief", "importeer", str(slecht))
    assert regel.startswith("Fout: 'slecht.zip' ") and regel.endswith(melding)
    assert als_json(voer_uit("lijst", "--json")) == []
    assert als_json(voer_uit("gebruiker", "lijst", "--json")) == []


def test_exporteer_naar_een_map_die_niet_bestaat(advies: Advies, tmp_path: Path) -> None:
    assert weiger("archief", "exporteer", "--uit", str(tmp_path / "nergens" / "a.zip")) == (
        f"Fout: kan {tmp_path / 'nergens' / 'a.zip'} niet schrijven: de map {tmp_path / 'nergens'} bestaat niet"
    )
