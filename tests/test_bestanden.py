"""Reading and writing users' files: Dutch refusals, and a write is complete or absent."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from adviesfouten import AdviesFout
from opslag.diagnose import bestandsoorzaak
from tests.conftest import Advies, weiger
from workflow.bestanden import lees_bytes, schrijf_bytes, schrijf_veilig


@pytest.mark.parametrize(
    "nummer, tekst",
    [
        (errno.ENOSPC, "de schijf is vol"),
        (errno.EACCES, "geen toegang"),
        (errno.EROFS, "de schijf is alleen-lezen"),
        (errno.EIO, "fout van het besturingssysteem (EIO)"),
    ],
)
def test_oorzaak_in_het_nederlands(nummer: int, tekst: str) -> None:
    assert bestandsoorzaak(OSError(nummer, "English text")) == tekst


def test_lezen(tmp_path: Path) -> None:
    with pytest.raises(AdviesFout, match="bestaat niet"):
        lees_bytes(tmp_path / "weg.md")
    with pytest.raises(AdviesFout, match="is een map, geen bestand"):
        lees_bytes(tmp_path)
    (tmp_path / "leeg").write_bytes(b"")
    assert lees_bytes(tmp_path / "leeg", leeg_mag=True) == b""


def test_mislukt_schrijven_laat_het_oude_bestand_staan(tmp_path: Path) -> None:
    doel = schrijf_bytes(tmp_path / "brief.docx", b"oud", overschrijf=False)

    def half_en_dan_vol(tijdelijk: Path) -> None:
        tijdelijk.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(AdviesFout, match="^kan .*brief.docx niet schrijven: de schijf is vol$"):
        schrijf_veilig(doel, half_en_dan_vol, overschrijf=True)
    assert doel.read_bytes() == b"oud"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.docx"]


def test_sjabloon_controleren_van_een_ontbrekend_bestand(advies: Advies, tmp_path: Path) -> None:
    assert weiger("sjabloon", "controleer", str(tmp_path / "weg.docx")) == (
        f"Fout: het bestand '{tmp_path / 'weg.docx'}' bestaat niet"
    )


def test_archief_importeren_van_een_ontbrekend_bestand(advies: Advies, tmp_path: Path) -> None:
    assert weiger("archief", "importeer", str(tmp_path / "weg.zip")) == (
        f"Fout: het bestand '{tmp_path / 'weg.zip'}' bestaat niet"
    )
