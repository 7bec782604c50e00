"""A small, fast .xlsx writer: just what the year overview's workbook needs.

openpyxl builds and checks an object for every cell, even in write-only mode; for a year of ten
thousand advices that was most of `advies jaaroverzicht --formaat xlsx`. This writes the
SpreadsheetML directly, one string per row: text as inline strings (never a formula, so a subject
such as "=Armoede" stays text), numbers, real dates with the number format DD-MM-YYYY, a bold
header style, column widths, a frozen header row and an autofilter. openpyxl still reads the
result in the tests, and the workbook has the same sheets, styles and cell values it used to have.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

# The style ids in cellXfs below.
GEWOON, KOP, DATUM = 0, 1, 2
_EXCEL_BEGIN = date(1899, 12, 30)  # day 0 of Excel's 1900 date system, past its 1900 leap-year bug
_ONZICHTBAAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML 1.0
_ZIPDATUM = (2000, 1, 1, 0, 0, 0)  # a fixed time in the archive: the same overview gives the same bytes


@dataclass(frozen=True)
class Kop:
    """A header cell: bold, aligned to the top."""

    tekst: str


def kolomletter(nummer: int) -> str:
    """1 → A, 26 → Z, 27 → AA."""
    letters = ""
    while nummer:
        nummer, rest = divmod(nummer - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cel(ref: str, waarde: Any) -> str:
    if isinstance(waarde, Kop):
        return f'<c r="{ref}" s="{KOP}" t="inlineStr"><is>{_t(waarde.tekst)}</is></c>'
    if isinstance(waarde, str):
        return f'<c r="{ref}" t="inlineStr"><is>{_t(waarde)}</is></c>'
    if isinstance(waarde, bool):
        return f'<c r="{ref}" t="b"><v>{int(waarde)}</v></c>'
    if isinstance(waarde, int | float):
        return f'<c r="{ref}" t="n"><v>{waarde!r}</v></c>'
    if isinstance(waarde, date) and not isinstance(waarde, datetime):
        return f'<c r="{ref}" s="{DATUM}" t="n"><v>{(waarde - _EXCEL_BEGIN).days}</v></c>'
    raise TypeError(f"een cel kan geen {type(waarde).__name__} bevatten")


def _t(tekst: str) -> str:
    tekst = _ONZICHTBAAR.sub("", tekst)
    bewaar = ' xml:space="preserve"' if tekst != tekst.strip() else ""
    return f"<t{bewaar}>{escape(tekst)}</t>"


@dataclass
class Blad:
    """One worksheet. `breedtes` are column widths by column number (1 = A)."""

    naam: str
    breedtes: dict[int, float] = field(default_factory=dict)
    kop_vast: bool = False  # freeze the first row
    autofilter: bool = False  # a filter over all columns and rows written
    _rijen: list[str] = field(default_factory=list)
    _kolommen: int = 0

    def voeg_toe(self, waarden: Sequence[Any]) -> None:
        """Append one row; None and empty strings leave their cell empty."""
        nummer = len(self._rijen) + 1
        cellen = [
            _cel(f"{_LETTERS[i] if i < len(_LETTERS) else kolomletter(i + 1)}{nummer}", w)
            for i, w in enumerate(waarden)
            if w is not None and w != ""
        ]
        self._kolommen = max(self._kolommen, len(waarden))
        self._rijen.append(f'<row r="{nummer}">{"".join(cellen)}</row>')

    @property
    def bereik(self) -> str:
        return f"A1:{kolomletter(max(self._kolommen, 1))}{max(len(self._rijen), 1)}"

    def xml(self, actief: bool) -> Iterable[str]:
        yield (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<sheetViews><sheetView workbookViewId="0"{_GEKOZEN if actief else ""}>'
        )
        if self.kop_vast:
            yield (
                '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
            )
        yield '</sheetView></sheetViews><sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>'
        if self.breedtes:
            yield "<cols>"
            for kolom, breedte in sorted(self.breedtes.items()):
                yield f'<col min="{kolom}" max="{kolom}" width="{breedte}" customWidth="1"/>'
            yield "</cols>"
        yield "<sheetData>"
        yield from self._rijen
        yield "</sheetData>"
        if self.autofilter:
            yield f'<autoFilter ref="{self.bereik}"/>'
        yield '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>'


_GEKOZEN = ' tabSelected="1"'
_LETTERS = [kolomletter(i) for i in range(1, 27)]
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_SOORT = "application/vnd.openxmlformats-officedocument"

_STIJLEN = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="DD-MM-YYYY"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>\
<font><b val="1"/><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" applyFont="1" applyAlignment="1"><alignment vertical="top"/></xf>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellStyleXfs>\
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="1" applyFont="1" applyAlignment="1">\
<alignment vertical="top"/></xf>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="2" applyNumberFormat="1"/></cellXfs>\
<cellStyles count="3"><cellStyle name="Normal" xfId="0" builtinId="0"/><cellStyle name="kop" xfId="1"/>\
<cellStyle name="datum" xfId="2"/></cellStyles></styleSheet>"""


def schrijf(pad: Path, bladen: Sequence[Blad]) -> None:
    """Write the workbook with these sheets, the first one active."""
    if not bladen:
        raise ValueError("een werkmap heeft minstens één blad")
    delen: list[tuple[str, str | Iterable[str]]] = [
        ("[Content_Types].xml", _inhoudssoorten(len(bladen))),
        ("_rels/.rels", _relaties([("officeDocument", "xl/workbook.xml")], _REL)),
        ("xl/workbook.xml", _werkmap(bladen)),
        (
            "xl/_rels/workbook.xml.rels",
            _relaties(
                [("worksheet", f"worksheets/sheet{i}.xml") for i in range(1, len(bladen) + 1)]
                + [("styles", "styles.xml")],
                _REL,
            ),
        ),
        ("xl/styles.xml", _STIJLEN),
    ]
    delen += [(f"xl/worksheets/sheet{i}.xml", blad.xml(i == 1)) for i, blad in enumerate(bladen, start=1)]
    with zipfile.ZipFile(pad, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archief:
        for naam, inhoud in delen:
            info = zipfile.ZipInfo(naam, date_time=_ZIPDATUM)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archief.open(info, "w") as bestand:
                if isinstance(inhoud, str):
                    bestand.write(inhoud.encode("utf-8"))
                else:
                    buffer: list[str] = []
                    for stuk in inhoud:
                        buffer.append(stuk)
                        if len(buffer) >= 2000:
                            bestand.write("".join(buffer).encode("utf-8"))
                            buffer.clear()
                    bestand.write("".join(buffer).encode("utf-8"))


def _inhoudssoorten(aantal: int) -> str:
    bladen = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SOORT}.spreadsheetml.worksheet+xml"/>'
        for i in range(1, aantal + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_SOORT}.spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_SOORT}.spreadsheetml.styles+xml"/>'
        f"{bladen}</Types>"
    )


def _relaties(doelen: Sequence[tuple[str, str]], basis: str) -> str:
    regels = "".join(
        f'<Relationship Id="rId{i}" Type="{basis}/{soort}" Target="{doel}"/>'
        for i, (soort, doel) in enumerate(doelen, start=1)
    )
    kop = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return f'{kop}<Relationships xmlns="{_PKG}">{regels}</Relationships>'


def _werkmap(bladen: Sequence[Blad]) -> str:
    namen = "".join(
        f'<sheet name="{escape(blad.naam, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
        for i, blad in enumerate(bladen, start=1)
    )
    filters = ""
    for i, blad in enumerate(bladen):
        if blad.autofilter:
            begin, eind = blad.bereik.split(":")
            naam = escape("'" + blad.naam.replace("'", "''") + "'")
            filters += (
                f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                f"{naam}!{_absoluut(begin)}:{_absoluut(eind)}</definedName>"
            )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{namen}</sheets>{f'<definedNames>{filters}</definedNames>' if filters else ''}"
        '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )


def _absoluut(ref: str) -> str:
    letters = ref.rstrip("0123456789")
    return f"${letters}${ref[len(letters) :]}"
