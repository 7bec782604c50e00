"""The small .xlsx writer of the year overview, read back with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from sjablonen.xlsx import Blad, Kop, kolomletter, schrijf


def test_kolomletters():
    assert [kolomletter(n) for n in (1, 26, 27, 52, 53, 702, 703)] == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]


def test_waarden_stijlen_en_blad_instellingen(tmp_path: Path):
    from openpyxl import load_workbook

    blad = Blad("Advi'ezen", breedtes={1: 14, 2: 48}, kop_vast=True, autofilter=True)
    blad.voeg_toe([Kop("Kenmerk"), Kop("Onderwerp"), Kop("Datum")])
    blad.voeg_toe(["CRA 2020-01", "=SOM(1;2) & <armoede>", date(2020, 1, 29), 3, 43.8, True, None, ""])
    blad.voeg_toe(["  twee spaties", "tab\x01 en bel\x07 weg", None, -2])
    blad.voeg_toe(["x"] * 28)
    tweede = Blad("Cijfers")
    tweede.voeg_toe([])
    tweede.voeg_toe(["na een lege rij"])
    pad = tmp_path / "boek.xlsx"
    schrijf(pad, [blad, tweede])

    boek = load_workbook(pad)
    assert boek.sheetnames == ["Advi'ezen", "Cijfers"]
    ws = boek["Advi'ezen"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:AB4"
    assert (ws.column_dimensions["A"].width, ws.column_dimensions["B"].width) == (14, 48)
    assert ws["A1"].value == "Kenmerk" and ws["A1"].font.b and ws["A1"].alignment.vertical == "top"
    assert not ws["A2"].font.b
    assert ws["B2"].value == "=SOM(1;2) & <armoede>" and ws["B2"].data_type == "s"
    assert ws["C2"].value == datetime(2020, 1, 29) and ws["C2"].is_date and ws["C2"].number_format == "DD-MM-YYYY"
    assert [ws[c].value for c in ("D2", "E2", "F2", "G2", "H2")] == [3, 43.8, True, None, None]
    assert [ws[c].value for c in ("A3", "B3", "D3")] == ["  twee spaties", "tab en bel weg", -2]
    assert ws["AB4"].value == "x"
    assert [r for r in boek["Cijfers"].iter_rows(values_only=True)] == [(None,), ("na een lege rij",)]


def test_onbekend_type_en_geen_bladen(tmp_path: Path):
    blad = Blad("X")
    with pytest.raises(TypeError):
        blad.voeg_toe([datetime(2020, 1, 1, 12, 0)])
    with pytest.raises(ValueError):
        schrijf(tmp_path / "leeg.xlsx", [])


def test_zelfde_inhoud_zelfde_bytes(tmp_path: Path):
    def maak(naam: str) -> bytes:
        blad = Blad("A")
        blad.voeg_toe(["a", 1, date(2021, 5, 5)])
        schrijf(tmp_path / naam, [blad])
        return (tmp_path / naam).read_bytes()

    assert maak("een.xlsx") == maak("twee.xlsx")
