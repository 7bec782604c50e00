"""The data rows of the workbook's advice sheets, written as XML in one go.

Through XlsxWriter's `write_string` a cell passes some twenty Python calls (argument checks, a
cell object, attribute escaping, the XML); for the hundred thousand cells of a year of ten
thousand advices that was most of `jaaroverzicht --formaat xlsx`. These rows are plain: each cell
a text, a whole number or a date's day number, with one of a few formats known in advance.
`Snelblad` is an XlsxWriter worksheet (through its `worksheet_class` hook) that takes them as they
are and writes their XML itself, byte for byte as XlsxWriter writes such cells in constant_memory
mode (inline strings, no spans; `tests/test_jaaroverzicht.py` compares the two). The header row,
the columns, the page setup and every other part of the file stay XlsxWriter's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

Cel = str | int | None
# As XlsxWriter escapes text (xmlwriter.py, utility.py): a literal "_x0041_" gets its underscore
# escaped, a control character becomes _xHHHH_, leading or trailing space keeps xml:space.
_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_STUURTEKEN = re.compile(r"([\x00-\x08\x0b-\x1f])")
_RAND_VOOR, _RAND_NA = re.compile(r"^\s"), re.compile(r"\s$")
EXCEL_MAX_TEKST = 32767  # UTF-16 units in a cell; XlsxWriter cuts a longer text there
RIJEN_PER_STUK = 1000


def vaste_stijlnummers(opmaken: Sequence[Format]) -> None:
    """Give each format its number in styles.xml now, in this order. XlsxWriter numbers a format
    when it first writes a cell with it; Snelblad writes its own cells, so the numbers are fixed
    beforehand (as XlsxWriter's own `_set_default_xf_indices` does for its tests)."""
    for opmaak in opmaken:
        opmaak._get_xf_index()


def tekst_xml(tekst: str) -> tuple[str, bool]:
    """A cell's text as XlsxWriter writes it inline, and whether it needs xml:space="preserve"."""
    if len(tekst) > EXCEL_MAX_TEKST // 2 and len(tekst.encode("utf-16-le", "surrogatepass")) // 2 > EXCEL_MAX_TEKST:
        tekst = tekst.encode("utf-16-le", "surrogatepass")[: 2 * EXCEL_MAX_TEKST].decode("utf-16-le", "ignore")
    if "_x" in tekst:
        tekst = _ESCAPE.sub(r"_x005F\1", tekst)
    tekst = _STUURTEKEN.sub(lambda m: f"_x{ord(m.group(1)):04X}_", tekst)
    bewaar = bool(_RAND_VOOR.search(tekst) or _RAND_NA.search(tekst))
    if "&" in tekst or "<" in tekst or ">" in tekst:
        tekst = tekst.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return tekst, bewaar


class Snelblad(Worksheet):  # type: ignore[misc]  # XlsxWriter's classes are not typed as subclassable
    """A worksheet whose rows from `eerste_rij` on are given whole with `zet_rijen`."""

    def __init__(self) -> None:
        super().__init__()
        self._snelle_rijen: list[tuple[str, ...]] = []

    def zet_rijen(
        self,
        eerste_rij: int,
        rijen: Sequence[Sequence[Cel]],
        plekken: Sequence[int],
        stijlen: Sequence[Format],
        tekststijlen: Sequence[Format],
        hoogtes: Sequence[float | None],
        formuletekens: tuple[str, ...],
    ) -> None:
        """Rows `eerste_rij`, `eerste_rij + 1`, ...: of each row the values at `plekken`, in the
        column's `stijlen`, or its `tekststijlen` (Excel's quote prefix) for a text that starts with
        one of `formuletekens`; `hoogtes` in points, None for the default. A None value is no cell.
        No other cell may be written in these rows."""
        if self.constant_memory:
            raise ValueError("Snelblad schrijft zelf zijn rijen; constant_memory schrijft ze al tijdens het vullen")
        if not rijen:
            return
        self._check_dimensions(eerste_rij + len(rijen) - 1, len(plekken) - 1)
        self._snelle_rijen = list(_rijen_xml(eerste_rij, rijen, plekken, stijlen, tekststijlen, hoogtes, formuletekens))

    def _write_rows(self) -> None:
        super()._write_rows()
        for stuk in self._snelle_rijen:
            self.fh.write("".join(stuk))


def _rijen_xml(
    eerste_rij: int,
    rijen: Sequence[Sequence[Cel]],
    plekken: Sequence[int],
    stijlen: Sequence[Format],
    tekststijlen: Sequence[Format],
    hoogtes: Sequence[float | None],
    formuletekens: tuple[str, ...],
) -> Iterator[tuple[str, ...]]:
    kolommen = [
        (plek, xl_col_to_name(k), stijlen[k].xf_index, tekststijlen[k].xf_index) for k, plek in enumerate(plekken)
    ]
    for opmaak in (*stijlen, *tekststijlen):
        if opmaak.xf_index is None:
            raise ValueError("een opmaak zonder nummer: roep eerst vaste_stijlnummers aan")
    for begin in range(0, len(rijen), RIJEN_PER_STUK):
        stuk: list[str] = []
        for nummer, waarden, hoogte in zip(
            range(eerste_rij + 1 + begin, eerste_rij + 1 + len(rijen)),
            rijen[begin : begin + RIJEN_PER_STUK],
            hoogtes[begin : begin + RIJEN_PER_STUK],
            strict=False,
        ):
            if hoogte is None:
                stuk.append(f'<row r="{nummer}">')
            else:  # as XlsxWriter's set_row: whole pixels, written in points
                stuk.append(f'<row r="{nummer}" ht="{int(hoogte * 4.0 / 3.0 + 0.5) * 0.75:.16g}" customHeight="1">')
            for plek, letter, stijl, tekststijl in kolommen:
                waarde = waarden[plek]
                if waarde is None:
                    continue
                if isinstance(waarde, str):
                    tekst, bewaar = tekst_xml(waarde)
                    s = tekststijl if waarde.startswith(formuletekens) else stijl
                    ruimte = ' xml:space="preserve"' if bewaar else ""
                    stuk.append(f'<c r="{letter}{nummer}" s="{s}" t="inlineStr"><is><t{ruimte}>{tekst}</t></is></c>')
                else:
                    stuk.append(f'<c r="{letter}{nummer}" s="{stijl}"><v>{waarde:.16G}</v></c>')
            stuk.append("</row>")
        yield tuple(stuk)
