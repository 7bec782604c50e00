"""A register that cannot be written can still be read and exported: a backup copy on a read-only
disk, a copy without write rights, a stale read-only `-shm` file. A write is refused with one Dutch
line that names the file that blocks, and changes nothing."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import Advies, momentopname, voer_uit, weiger
from tests.storingen import (
    ALS_ROOT,
    beperkte_gebruiker,
    draai_beperkt,
    geef_aan_beperkt,
    map_voor_beperkt,
)

pytestmark = pytest.mark.sqlite

PEILDATUM = "2020-06-01"
# Every read command, with the output a script would read.
LEESOPDRACHTEN = (
    ("lijst", "--json"),
    ("toon", "2020-01", "--json"),
    ("signalen", "--peildatum", PEILDATUM, "--json"),
    ("achterstallig", "--peildatum", PEILDATUM, "--json"),
    ("jaaroverzicht", "2020", "--formaat", "json"),
)


def _vul(advies: Advies) -> None:
    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10", "--termijn", "2020-02-07")
    advies("nieuw", "Armoedebeleid", "--datum", "2020-03-02")


def _gelezen() -> dict[str, str]:
    return {" ".join(opdracht): voer_uit(*opdracht).stdout for opdracht in LEESOPDRACHTEN}


@contextmanager
def _alleen_lezen_schijf(map_: Path) -> Iterator[None]:
    """A real read-only mount: a tmpfs, filled, then remounted read-only (root only)."""
    map_.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(map_)]).returncode != 0:
        pytest.skip("mount mag hier niet (geen CAP_SYS_ADMIN)")
    try:
        yield
    finally:
        subprocess.run(["umount", str(map_)], check=True)


@pytest.mark.skipif(not ALS_ROOT, reason="een schijf alleen-lezen koppelen vraagt root")
def test_een_register_op_een_alleen_lezen_schijf(
    advies: Advies, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _vul(advies)
    verwacht, voor = _gelezen(), momentopname()
    schijf = tmp_path / "schijf"
    with _alleen_lezen_schijf(schijf):
        shutil.copy2(home / "advies.db", schijf / "advies.db")
        subprocess.run(["mount", "-o", "remount,ro", str(schijf)], check=True)
        monkeypatch.setenv("ADVIES_DATABASE_URL", f"sqlite:///{schijf / 'advies.db'}")

        assert _gelezen() == verwacht
        assert momentopname() == voor
        archief = tmp_path / "raad.zip"
        uit = voer_uit("archief", "exporteer", "--uit", str(archief)).stdout
        assert uit.startswith(f"Archief geschreven: {archief} (2 adviezen,")
        assert zipfile.ZipFile(archief).testzip() is None

        melding = (
            f"Fout: de database {schijf / 'advies.db'} kan alleen worden gelezen, niet gewijzigd: de schijf met "
            f"{schijf} is alleen-lezen gekoppeld (mount -o ro); lezen kan, wijzigen alleen in een kopie op een "
            "schrijfbare schijf; er is niets opgeslagen"
        )
        assert weiger("aanvraag", "Tweede", "--ontvangen", "2020-02-01") == melding
        assert weiger("instelling", "organisatie.plaats", "Assen") == melding
        assert weiger("init") == melding
        assert sorted(p.name for p in schijf.iterdir()) == ["advies.db"]

    # The archive of the read-only copy is the register: it reads back into an empty database.
    monkeypatch.setenv("ADVIES_DATABASE_URL", f"sqlite:///{tmp_path / 'nieuw.db'}")
    voer_uit("init")
    voer_uit("archief", "importeer", str(archief))
    assert momentopname() == voor


@pytest.mark.parametrize("bestandsrechten", [0o444, 0o644], ids=["chmod-R-a-w", "alleen-de-map"])
def test_een_kopie_zonder_schrijfrechten(advies: Advies, home: Path, bestandsrechten: int) -> None:
    """`chmod -R a-w` on a copy, or only on its folder: no one may write it (a writer must make its
    -wal in the folder), so it is read as it is (immutable)."""
    _vul(advies)
    verwacht = {" ".join(o): voer_uit(*o).stdout for o in LEESOPDRACHTEN}
    with map_voor_beperkt() as map_:
        kopie = map_ / "kopie"
        kopie.mkdir()
        shutil.copy2(home / "advies.db", kopie / "advies.db")
        geef_aan_beperkt(kopie, kopie / "advies.db")
        (kopie / "advies.db").chmod(bestandsrechten)
        kopie.chmod(0o555)

        for opdracht in LEESOPDRACHTEN:
            assert draai_beperkt(*opdracht, home=kopie) == (0, verwacht[" ".join(opdracht)], "")
        code, uit, fout = draai_beperkt("archief", "exporteer", "--uit", str(map_ / "raad.zip"), home=kopie)
        assert (code, fout) == (0, "") and uit.startswith("Archief geschreven:")

        wie = beperkte_gebruiker()
        db = kopie / "advies.db"
        if bestandsrechten == 0o444:
            reden = f"het bestand {db} is alleen-lezen: rechten 0444, eigenaar {wie}; herstel met 'chmod u+w {db}'"
        else:
            reden = (
                f"de map {kopie} is alleen-lezen: rechten 0555, eigenaar {wie}; herstel met 'chmod u+w {kopie}' "
                "(advies maakt daar advies.db-wal en advies.db-shm)"
            )
        melding = f"Fout: de database {db} kan alleen worden gelezen, niet gewijzigd: {reden}; er is niets opgeslagen\n"
        assert draai_beperkt("aanvraag", "Tweede", "--ontvangen", "2020-02-01", home=kopie) == (1, "", melding)
        assert draai_beperkt("init", home=kopie) == (1, "", melding)
        assert sorted(p.name for p in kopie.iterdir()) == ["advies.db"]


def test_een_achtergebleven_alleen_lezen_shm(advies: Advies, home: Path) -> None:
    """One read of a 0444 database by another program (or an older advies) leaves `-shm` 0444
    behind; once the database is writable again, that file alone blocks every write. The message
    names it, with its rights and the chmod that repairs it; reading works meanwhile."""
    _vul(advies)
    verwacht = voer_uit("lijst", "--json").stdout
    with map_voor_beperkt() as map_:
        db = map_ / "advies.db"
        shutil.copy2(home / "advies.db", db)
        geef_aan_beperkt(db)
        db.chmod(0o444)
        lees = (
            "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM advies').fetchone())"
        )
        assert draai_beperkt(db.name, home=map_, programma=(sys.executable, "-c", lees)) == (0, "(2,)\n", "")
        db.chmod(0o644)
        wal, shm = map_ / "advies.db-wal", map_ / "advies.db-shm"
        assert [oct(p.stat().st_mode & 0o777) for p in (wal, shm)] == ["0o444", "0o444"]  # made so by SQLite

        melding = (
            f"Fout: de database {db} kan alleen worden gelezen, niet gewijzigd: de bestanden {wal} en {shm} zijn "
            f"alleen-lezen: rechten 0444, eigenaar {beperkte_gebruiker()}; herstel met 'chmod u+w {wal} {shm}'; "
            "er is niets opgeslagen\n"
        )
        assert draai_beperkt("aanvraag", "Tweede", "--ontvangen", "2020-02-01", home=map_) == (1, "", melding)
        assert draai_beperkt("lijst", "--json", home=map_) == (0, verwacht, "")

        assert draai_beperkt("u+w", str(wal), str(shm), home=map_, programma=("chmod",)) == (0, "", "")
        code, uit, fout = draai_beperkt("aanvraag", "Tweede", "--ontvangen", "2020-02-01", home=map_)
        assert (code, uit, fout) == (0, "Aanvraag geregistreerd: CRA 2020-03 Tweede (aangevraagd)\n", "")


def test_een_database_zonder_schrijfrecht_van_een_ander(advies: Advies, home: Path) -> None:
    """Not one's own file: the message names its owner, who can repair it."""
    if not ALS_ROOT:
        pytest.skip("vraagt een bestand van een andere gebruiker: alleen als root te maken")
    _vul(advies)
    verwacht = voer_uit("lijst", "--json").stdout
    with map_voor_beperkt() as map_:
        db = map_ / "advies.db"
        shutil.copy2(home / "advies.db", db)  # root's file, in nobody's folder
        db.chmod(0o644)
        assert draai_beperkt("lijst", "--json", home=map_) == (0, verwacht, "")
        melding = (
            f"Fout: de database {db} kan alleen worden gelezen, niet gewijzigd: het bestand {db} mag niet door "
            f"nobody worden gewijzigd: rechten 0644, eigenaar root; de eigenaar (root) herstelt het met "
            f"'chmod u+w {db}', of laat advies draaien als root; er is niets opgeslagen\n"
        )
        assert draai_beperkt("aanvraag", "Tweede", "--ontvangen", "2020-02-01", home=map_) == (1, "", melding)
        with sqlite3.connect(db) as verbinding:
            assert verbinding.execute("SELECT count(*) FROM advies").fetchone() == (2,)
