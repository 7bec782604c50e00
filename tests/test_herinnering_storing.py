"""A reminder's number appears on paper only once the register holds it: the letter is written
after the commit, through the outbox (workflow.uitgaand). Killed (SIGKILL, through the
fault-injection points of workflow/storing.py) at every point between its rows and its file, no
letter file remains that the register does not hold; killed after the commit, the letter waits in
the outbox and the next writing command writes it. A leftover of an older, interrupted run is moved aside."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests import storingen
from tests.conftest import Advies
from tests.termijnen_hulp import verzend
from workflow.storing import OMGEVINGSVARIABELE, PUNTEN


def _kenmerk_van(naam: str) -> str:
    """'CRB-2020-01_herinnering.docx' (or its temporary '.CRB-2020-01_herinnering.docx.x.tmp') -> 'CRB 2020-01'."""
    voorvoegsel, jaar, nummer = naam.lstrip(".").split("_")[0].split("-")
    return f"{voorvoegsel} {jaar}-{nummer}"


def _alles_in_het_register(advies: Advies, documenten: Path, tmp_path: Path) -> None:
    """Every letter file, finished or temporary, carries a number the register holds, and a
    finished one is byte for byte the register's letter."""
    for bestand in documenten.iterdir() if documenten.exists() else []:
        if bestand.is_dir():
            continue
        kenmerk = _kenmerk_van(bestand.name)
        kopie = tmp_path / f"uit-het-register-{kenmerk.replace(' ', '-')}.docx"
        advies("brief", kenmerk, "--uit", str(kopie), "--overschrijf")
        if not bestand.name.startswith("."):
            assert bestand.read_bytes() == kopie.read_bytes(), bestand


@pytest.mark.parametrize("punt", PUNTEN)
def test_herinnering_gedood_op_elk_punt(
    advies: Advies, tekst: Callable[..., Path], home: Path, tmp_path: Path, punt: str
) -> None:
    kenmerk = verzend(advies, tekst, "Stadjerspas", "2020-01-20")
    documenten = home / "documenten"
    code, uit, fout = storingen.draai("herinnering", kenmerk, "--datum", "2020-04-01", **{OMGEVINGSVARIABELE: punt})
    assert code == -9, (code, uit, fout)
    _alles_in_het_register(advies, documenten, tmp_path)
    opgeslagen = punt != "herinnering.voor_commit"
    volgende = "CRB 2020-02" if opgeslagen else "CRB 2020-01"
    wacht = advies("uitgaand").stdout
    assert ("brief naar een bestand CRB 2020-01" in wacht) == opgeslagen, wacht
    uitkomst = advies("herinnering", kenmerk, "--datum", "2020-04-20")
    assert uitkomst.stdout.startswith(f"Herinnering {volgende} voor {kenmerk} opgeslagen en geschreven naar ")
    eerste = documenten / "CRB-2020-01_herinnering.docx"
    assert uitkomst.stderr == (f"Herinnering CRB 2020-01 alsnog geschreven naar {eerste}\n" if opgeslagen else "")
    _alles_in_het_register(advies, documenten, tmp_path)
    zichtbaar = sorted(p.name for p in documenten.iterdir() if not p.name.startswith("."))
    assert zichtbaar == [
        *(["CRB-2020-01_herinnering.docx"] if opgeslagen else []),
        f"{volgende.replace(' ', '-')}_herinnering.docx",
    ]
    assert advies("uitgaand").stdout == "Er wacht geen uitgaand werk.\n"


def test_overblijfsel_gaat_opzij(advies: Advies, tekst: Callable[..., Path], home: Path, tmp_path: Path) -> None:
    """A letter file with a number the register never issued (left by a run that was stopped before
    its commit, by an older version, or from another register) never blocks the next reminder."""
    kenmerk = verzend(advies, tekst, "Stadjerspas", "2020-01-20")
    documenten = home / "documenten"
    documenten.mkdir(parents=True, exist_ok=True)
    overblijfsel = documenten / "CRB-2020-01_herinnering.docx"
    overblijfsel.write_bytes(b"nooit uitgegeven")
    uitkomst = advies("herinnering", kenmerk, "--datum", "2020-04-01")
    opzij = documenten / "onderbroken" / "CRB-2020-01_herinnering.docx"
    assert uitkomst.stderr == (
        "Let op: 'CRB-2020-01_herinnering.docx' was een overblijfsel van een onderbroken opdracht "
        f"(CRB 2020-01 stond toen niet in het register) en is verplaatst naar '{opzij}'.\n"
    )
    assert uitkomst.stdout == f"Herinnering CRB 2020-01 voor {kenmerk} opgeslagen en geschreven naar {overblijfsel}\n"
    assert opzij.read_bytes() == b"nooit uitgegeven"
    _alles_in_het_register(advies, documenten, tmp_path)
    # A second leftover with the same name goes beside the first.
    (documenten / "CRB-2020-02_herinnering.docx").write_bytes(b"ook nooit")
    (documenten / "onderbroken" / "CRB-2020-02_herinnering.docx").write_bytes(b"al eerder opzij")
    uitkomst = advies("herinnering", kenmerk, "--datum", "2020-04-20")
    assert (documenten / "onderbroken" / "CRB-2020-02_herinnering (2).docx").read_bytes() == b"ook nooit"
    _alles_in_het_register(advies, documenten, tmp_path)
