"""Every command that writes a file goes through one guarded writer (workflow/bestanden.py):
never over an existing file, a symbolic link or a dangling one without --overschrijf, never over
the register's own files (the database with its -wal/-shm/-journal, the web key, the
configuration) even with it, and nothing half-written or temporary left behind."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import beginstand
from tests.conftest import Advies, momentopname, weiger
from tests.termijnen_hulp import verzend

# One backend is enough: the guarded file writer; the register files it protects are SQLite's,
# and the rest is the same on both.
pytestmark = pytest.mark.sqlite

# Every writer, as (arguments before the target, the file name it needs): the target is put after --uit.
SCHRIJVERS: dict[str, tuple[list[str], str]] = {
    "brief": (["brief", "CRA 2020-01"], "x.docx"),
    "document": (["document", "CRA 2020-01"], "x.docx"),
    "herinnering": (["herinnering", "CRA 2020-01", "--datum", "2020-04-01"], "x.docx"),
    "jaaroverzicht": (["jaaroverzicht", "2020", "--formaat", "csv"], "x.csv"),
    "agenda": (["agenda"], "x.ics"),
    "sjabloon exporteer": (["sjabloon", "exporteer"], "x.docx"),
    "archief exporteer": (["archief", "exporteer"], "x.zip"),
}


@pytest.fixture
def register(advies: Advies, tekst: Callable[..., Path], home: Path) -> Advies:
    """A sent advice, CRA 2020-01: built once per test process and copied (its letter is rendered once)."""

    def bouw() -> None:
        verzend(advies, tekst, "Stadjerspas", "2020-01-20")

    beginstand.zet_neer("schrijven", home, bouw)
    return advies


def _schrijf(advies: Advies, welke: str, doel: Path, *extra: str, code: int = 0) -> str:
    argumenten, _naam = SCHRIJVERS[welke]
    uit = advies(*argumenten, "--uit", str(doel), *extra, code=code)
    return str(uit.stderr)


def _tijdelijke(map_: Path) -> list[str]:
    return [p.name for p in map_.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("welke", list(SCHRIJVERS))
def test_een_bestaand_bestand_alleen_met_overschrijf(register: Advies, welke: str, tmp_path: Path) -> None:
    doel = tmp_path / SCHRIJVERS[welke][1]
    doel.write_bytes(b"van de gebruiker")
    voor = momentopname()
    argumenten, _naam = SCHRIJVERS[welke]
    melding = weiger(*argumenten, "--uit", str(doel))
    assert melding.startswith(f"Fout: '{doel}' bestaat al; kies een andere naam met --uit of gebruik --overschrijf")
    assert doel.read_bytes() == b"van de gebruiker"
    assert momentopname() == voor
    _schrijf(register, welke, doel, "--overschrijf")
    assert doel.read_bytes() != b"van de gebruiker" and doel.stat().st_size > 0
    assert _tijdelijke(tmp_path) == []


@pytest.mark.parametrize("hangend", [False, True], ids=["koppeling", "hangende-koppeling"])
@pytest.mark.parametrize("welke", list(SCHRIJVERS))
def test_een_symbolische_koppeling_alleen_met_overschrijf(
    register: Advies, welke: str, hangend: bool, tmp_path: Path
) -> None:
    doelwit = tmp_path / "doelwit"
    if not hangend:
        doelwit.write_bytes(b"ander bestand")
    doel = tmp_path / SCHRIJVERS[welke][1]
    doel.symlink_to(doelwit)
    argumenten, _naam = SCHRIJVERS[welke]
    melding = weiger(*argumenten, "--uit", str(doel))
    hangt = ", dat niet bestaat" if hangend else ""
    assert melding.startswith(f"Fout: '{doel}' is een symbolische koppeling (naar '{doelwit}'{hangt}); ")
    assert doel.is_symlink() and os.path.lexists(doelwit) == (not hangend)
    _schrijf(register, welke, doel, "--overschrijf")
    # The link itself is replaced by the file; what it pointed at is never written through it.
    assert not doel.is_symlink() and doel.stat().st_size > 0
    assert (doelwit.read_bytes() == b"ander bestand") if not hangend else not doelwit.exists()


@pytest.mark.parametrize("welke", list(SCHRIJVERS))
@pytest.mark.parametrize("overschrijf", [False, True], ids=["zonder", "met-overschrijf"])
@pytest.mark.parametrize("bestand", ["advies.db", "advies.db-wal", "advies.db-shm", "advies.db-journal", "web-geheim"])
def test_nooit_de_bestanden_van_het_register(
    register: Advies, home: Path, welke: str, overschrijf: bool, bestand: str, tmp_path: Path
) -> None:
    """Not by its name, not through a symbolic link, not through a hard link, not with --overschrijf."""
    beschermd = home / bestand
    if not beschermd.exists() and bestand in ("advies.db", "web-geheim"):
        beschermd.write_bytes(b"register")  # PostgreSQL has no advies.db; the web key is made on first use
    # SQLite's -wal, -shm and -journal are not made up here (SQLite would read them): a name, or a
    # link to a name, that does not exist yet is refused just the same.
    inhoud = beschermd.read_bytes() if beschermd.exists() else None
    voor = momentopname()
    argumenten, naam = SCHRIJVERS[welke]
    koppeling = tmp_path / f"koppeling-{naam}"
    koppeling.symlink_to(beschermd)
    doelen = [beschermd, koppeling]
    if beschermd.exists():
        doelen.append(tmp_path / f"hard-{naam}")
        os.link(beschermd, doelen[-1])
    extra = ["--overschrijf"] if overschrijf else []
    wat = "de sleutel van de webpagina" if bestand == "web-geheim" else "het databasebestand"
    if bestand != "web-geheim" and bestand != "advies.db":
        wat = f"een bestand van de database ({bestand.removeprefix('advies.db')})"
    bewaakt = f"is {wat}; daar schrijft advies nooit overheen, ook niet met --overschrijf"
    # By its own name, a writer that needs another extension (.docx, .ics) refuses it for that first.
    melding = weiger(*argumenten, "--uit", str(beschermd), *extra)
    anders = (f"Fout: '{beschermd.name}' moet eindigen op ", "Fout: een agenda is een .ics-bestand")
    assert melding.startswith((f"Fout: '{beschermd}' {bewaakt}", *anders)), melding
    for doel in doelen[1:]:  # named like the writer's own files, so only the guard stands in the way
        melding = weiger(*argumenten, "--uit", str(doel), *extra)
        assert melding.startswith(f"Fout: '{doel}' {bewaakt}"), melding
    assert (beschermd.read_bytes() if beschermd.exists() else None) == inhoud
    assert momentopname() == voor


def test_de_postgresql_url_beschermt_de_standaarddatabase_toch(register: Advies, home: Path) -> None:
    """Whatever the backend, ADVIES_HOME/advies.db is a database's name: never a document."""
    doel = home / "advies.db"
    if not doel.exists():
        doel.write_bytes(b"")
    assert weiger("jaaroverzicht", "2020", "--formaat", "csv", "--uit", str(doel), "--overschrijf").startswith(
        f"Fout: '{doel}' is het databasebestand;"
    )


def test_zelfde_brief_nog_eens_mag(register: Advies, tmp_path: Path) -> None:
    """A file that already holds exactly the stored letter loses nothing when written again."""
    doel = tmp_path / "brief.docx"
    register("brief", "CRA 2020-01", "--uit", str(doel))
    register("brief", "CRA 2020-01", "--uit", str(doel))
    assert _tijdelijke(tmp_path) == []


def test_geen_halve_bestanden_bij_een_fout(register: Advies, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails after its temporary file was made leaves neither the file nor the temporary one."""
    import errno

    def kapot(_greep: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", kapot)
    map_ = tmp_path / "uit"
    map_.mkdir()
    doel = map_ / "x.csv"
    melding = weiger("jaaroverzicht", "2020", "--formaat", "csv", "--uit", str(doel))
    assert melding == f"Fout: kan {doel} niet schrijven: fout van het besturingssysteem (EIO)"
    assert list(map_.iterdir()) == []


def test_schrijven_is_duurzaam(register: Advies, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The temporary file is fsynced before its rename, and its folder after it."""
    import stat

    gezien: list[str] = []
    echt_fsync, echt_link = os.fsync, os.link

    def fsync(greep: int) -> None:
        gezien.append("map" if stat.S_ISDIR(os.fstat(greep).st_mode) else "bestand")
        echt_fsync(greep)

    def link(bron: str, doel: str) -> None:
        gezien.append("plaats")
        echt_link(bron, doel)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "link", link)
    register("jaaroverzicht", "2020", "--formaat", "csv", "--uit", str(tmp_path / "x.csv"))
    assert gezien == ["bestand", "plaats", "map"]
