"""The year overview as an Excel workbook: sheets "Adviezen" (one row per advice, every column),
"Cijfers" and "Afdrukken" (the columns a reader needs).

XlsxWriter writes the file; the advice rows go through `snelblad.Snelblad`, which writes their XML
in one go (ten thousand advices in a fraction of a second, where XlsxWriter's cell by cell writing
took most of the command). Every text is written as text, so a subject such as "=Armoede" never
becomes a formula (and with Excel's quote prefix, so it stays text when edited: formules.py), and
without the characters XML cannot hold. Every sheet prints on A4 landscape with the title in the
page header, the page number in the footer and the header row on every page, at 8 pt or more:
"Afdrukken" and "Cijfers" one page wide at full size, "Adviezen" two pages wide (each row's two
halves side by side, the kenmerk on both), where one page would shrink it to about 5 pt.
Rows are as high as their wrapped texts, estimated with Arial's metrics.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import IO, Any

from sjablonen import lettermaat
from sjablonen.jaaroverzicht.formules import FORMULETEKENS, lijkt_formule
from sjablonen.jaaroverzicht.gegevens import SOORTEN, Jaaroverzicht, Regel
from sjablonen.jaaroverzicht.kerncijfers import zinnen
from sjablonen.jaaroverzicht.kolommen import KOLOMMEN, cijferregels, rij
from sjablonen.xmltekst import xml_veilig

LETTERTYPE = "Arial"  # the letters' font
# Column widths in characters: wide enough for each heading's longest word in bold (a heading
# wraps only between words) and for the usual contents; long texts wrap within their column.
BREEDTES: dict[str, float] = {
    "Kenmerk": 14,
    "Onderwerp": 30,
    "Soort": 11,
    "Stand": 14,
    "Status": 12,
    "Maand": 10,
    "Verzonden": 11,
    "Reactie uiterlijk": 11,
    "Reactie ontvangen": 11,
    "Reactie": 13,
    "Dagen te laat": 8,
    "Doorwerking": 17,
    "Herinneringen": 15,
    "Reden intrekking": 24,
    "Uw kenmerk": 14,
    "Samenvatting reactie": 30,
    "Termijn verschoven": 34,
}
# The sheet "Afdrukken": the columns a reader of the annual report needs, narrow enough together
# that one page wide prints at full size (10 pt), where all seventeen shrink to about 5 pt.
AFDRUKKOLOMMEN = (
    "Kenmerk",
    "Onderwerp",
    "Verzonden",
    "Reactie uiterlijk",
    "Reactie ontvangen",
    "Reactie",
    "Doorwerking",
)
# On paper the subject takes what the other columns leave of the page: LibreOffice makes a column
# about 5 % wider than Excel, and at 55 characters the sheet still prints at 100 % in both.
AFDRUKBREEDTES: dict[str, float] = {"Onderwerp": 55}
LANGE_TEKSTEN = {"Onderwerp", "Reden intrekking", "Samenvatting reactie", "Termijn verschoven"}
DATUMKOLOMMEN = {"Verzonden", "Reactie uiterlijk", "Reactie ontvangen"}
GETALKOLOMMEN = {"Dagen te laat", "Herinneringen"}
CIJFERBREEDTES = (44, 13, 13, 13, 13)
OPMAAK: dict[str, dict[str, Any]] = {
    "kop": {"bold": True, "valign": "top", "text_wrap": True, "bottom": 1, "bg_color": "#E7E6E6"},
    "vet": {"bold": True},
    "vet_rechts": {"bold": True, "align": "right"},
    "getal": {"valign": "top", "align": "center"},
    "titel": {"bold": True, "font_size": 14},
    "datum": {"num_format": "DD-MM-YYYY", "valign": "top", "align": "left"},
    "tekst": {"valign": "top"},
    "lang": {"valign": "top", "text_wrap": True},
    "zin": {"valign": "top", "text_wrap": True},
    "dagen": {"num_format": "0"},  # an average in whole days; the cell keeps the exact value
}
A4 = 9  # Excel's paper size code
MARGE_INCH = 0.5  # left and right
REGELHOOGTE_PT = 12.75  # one line of Arial 10
CELMARGES_PX = 6  # a cell's text keeps about 3 px from either edge
VEILIGHEID = 1.02  # room for Excel rounding each letter to whole pixels on screen


def xlsx_bytes(o: Jaaroverzicht) -> bytes:
    """The workbook of `schrijf_xlsx` as bytes (for the web page's download)."""
    import io

    bestand = io.BytesIO()
    schrijf_xlsx(o, bestand)
    return bestand.getvalue()


def schrijf_xlsx(o: Jaaroverzicht, pad: Path | IO[bytes], snel: bool = True) -> None:
    """The workbook at `pad`. The advice sheets' rows go through `Snelblad`; with `snel` False
    through XlsxWriter's own cell by cell writing, in constant_memory mode: the same XML, slower
    (the reference for the test that compares them)."""
    import xlsxwriter

    from sjablonen.jaaroverzicht.snelblad import Snelblad, vaste_stijlnummers

    boek = xlsxwriter.Workbook(
        str(pad) if isinstance(pad, Path) else pad,
        {"constant_memory": not snel, "default_format_properties": {"font_name": LETTERTYPE, "font_size": 10}},
    )
    boek.set_properties({"title": xml_veilig(o.titel), "author": xml_veilig(o.organisatie)})
    opmaak: dict[str, Any] = {naam: boek.add_format(kenmerken) for naam, kenmerken in OPMAAK.items()}
    # Each style once more with Excel's quote prefix, for a text that would otherwise be a formula.
    als_tekst = {
        id(opmaak[naam]): boek.add_format({**kenmerken, "quote_prefix": True}) for naam, kenmerken in OPMAAK.items()
    }
    als_tekst[id(None)] = boek.add_format({"quote_prefix": True})
    vaste_stijlnummers([*opmaak.values(), *als_tekst.values()])
    opmaak["als_tekst"] = als_tekst
    rijen = [_celwaarden(r) for r in o.regels]  # once for both sheets
    blad = Snelblad if snel else None
    _adviezen(boek.add_worksheet("Adviezen", blad), o, rijen, opmaak, KOLOMMEN, BREEDTES, "adviezen")
    _cijfers(boek.add_worksheet("Cijfers"), o, opmaak)
    afdrukbreedtes = {**BREEDTES, **AFDRUKBREEDTES}
    afdrukken = boek.add_worksheet("Afdrukken", blad)
    _adviezen(afdrukken, o, rijen, opmaak, AFDRUKKOLOMMEN, afdrukbreedtes, "afdrukken")
    boek.close()


def _pagina(blad: Any, o: Jaaroverzicht, onderdeel: str, breed: int = 1) -> None:
    """A4 landscape, `breed` pages wide and as many long as needed, title above and page number below."""
    blad.set_paper(A4)
    blad.set_landscape()
    blad.fit_to_pages(breed, 0)
    blad.set_margins(left=MARGE_INCH, right=MARGE_INCH, top=0.8, bottom=0.7)
    titel = _kopvoettekst(f"{o.titel} — {onderdeel}")
    blad.set_header(f'&L&"{LETTERTYPE},Bold"&11{titel}&R&"{LETTERTYPE},Regular"&9{_kopvoettekst(o.organisatie)}')
    blad.set_footer(f'&L&"{LETTERTYPE},Regular"&9Stand op {o.peildatum_voluit}&R&9Pagina &P van &N')


def _kopvoettekst(tekst: str) -> str:
    """Text for an Excel page header: `&` starts a code there, so a literal one is doubled."""
    return xml_veilig(tekst).replace("&", "&&")


DAG_NUL = date(1899, 12, 30).toordinal()  # Excel's day 0 (its serial dates count from here)


def _celwaarden(r: Regel) -> list[str | int | None]:
    """The cells of one advice, in the order of KOLOMMEN, ready to write: texts without what XML
    cannot hold, dates as Excel's day numbers (the column's format shows them as dates), None for
    an empty cell."""
    uit: list[str | int | None] = []
    for waarde in rij(r):
        if isinstance(waarde, str):
            uit.append(xml_veilig(waarde) or None)
        elif isinstance(waarde, date):
            uit.append(waarde.toordinal() - DAG_NUL)
        else:
            uit.append(waarde)
    return uit


def _adviezen(
    blad: Any,
    o: Jaaroverzicht,
    rijen: list[list[str | int | None]],
    opmaak: dict[str, Any],
    kolommen: tuple[str, ...],
    breedtes: dict[str, float],
    onderdeel: str,
) -> None:
    """One row per advice with these columns: all of them on "Adviezen", the ones a reader needs
    on "Afdrukken"."""
    stijlen = [
        opmaak["lang"]
        if k in LANGE_TEKSTEN
        else opmaak["datum"]
        if k in DATUMKOLOMMEN
        else opmaak["getal"]
        if k in GETALKOLOMMEN
        else opmaak["tekst"]
        for k in kolommen
    ]
    for i, kolom in enumerate(kolommen):
        blad.set_column(i, i, breedtes[kolom], opmaak["lang"] if kolom in LANGE_TEKSTEN else opmaak["tekst"])
    if kolommen == KOLOMMEN:
        # All seventeen columns on one page wide would print at about 5 pt: two pages wide, each
        # row's two halves side by side (across, then down), with the kenmerk on both.
        _pagina(blad, o, onderdeel, breed=2)
        blad.repeat_columns(0)
        blad.print_across()
    else:
        _pagina(blad, o, onderdeel)
    blad.repeat_rows(0)
    blad.freeze_panes(1, 0)
    blad.autofilter(0, 0, len(o.regels), len(kolommen) - 1)
    blad.set_row(0, _hoogte([(k, breedtes[k]) for k in kolommen], vet=True))
    for plek, kolom in enumerate(kolommen):
        _schrijf_cel(blad, 0, plek, kolom, opmaak, opmaak["kop"])
    plekken = [KOLOMMEN.index(k) for k in kolommen]
    # The long texts wrap: (index in the row, width of its column) for the row's height.
    lang = [(KOLOMMEN.index(k), breedtes[k]) for k in kolommen if k in LANGE_TEKSTEN]
    hoogtes = [_rijhoogte(waarden, lang) for waarden in rijen]
    tekststijlen = [opmaak["als_tekst"][id(stijl)] for stijl in stijlen]
    if hasattr(blad, "zet_rijen"):
        blad.zet_rijen(1, rijen, plekken, stijlen, tekststijlen, hoogtes, FORMULETEKENS)
        return
    for nummer, (waarden, hoogte) in enumerate(zip(rijen, hoogtes, strict=True), start=1):
        if hoogte is not None:
            blad.set_row(nummer, hoogte)
        for plek, i in enumerate(plekken):
            waarde = waarden[i]
            if isinstance(waarde, str):
                stijl = tekststijlen[plek] if waarde.startswith(FORMULETEKENS) else stijlen[plek]
                blad.write_string(nummer, plek, waarde, stijl)
            elif waarde is not None:
                blad.write_number(nummer, plek, waarde, stijlen[plek])


def _rijhoogte(waarden: list[str | int | None], lang: list[tuple[int, float]]) -> float | None:
    """The height of a row whose long texts wrap; None for one line (the default height)."""
    regels = max([_regels(t, b) for i, b in lang if isinstance(t := waarden[i], str)], default=1)
    return _regelhoogte(regels) if regels > 1 else None


def _regelhoogte(regels: int) -> float:
    return REGELHOOGTE_PT * regels + 1


def _hoogte(teksten: list[tuple[str, float]], vet: bool = False) -> float:
    """The height in points of a row whose texts wrap in columns of these widths. Excel and
    LibreOffice do not grow a row for wrapped text on their own, so the row is given its height."""
    return _regelhoogte(max([_regels(tekst, breedte, vet) for tekst, breedte in teksten], default=1))


def _regels(tekst: str, breedte: float, vet: bool = False) -> int:
    """Lines the text takes in a column of `breedte` characters (Excel's unit), breaking between
    words as Excel and LibreOffice do; a word longer than the line is broken where it reaches the
    edge. Measured with Arial's metrics (sjablonen.lettermaat), each word once: counting
    characters took a 30-character subject for two lines where it fits on one."""
    ruimte = _ruimte_mm(breedte)
    if "\n" not in tekst:
        return _gewikkeld(tekst, ruimte, vet)
    return sum(_gewikkeld(deel, ruimte, vet) for deel in tekst.split("\n"))


@functools.cache
def _ruimte_mm(breedte: float) -> float:
    """The width for text in a column of `breedte` characters: Excel's column is `breedte` digits
    of Arial 10 (7 px each at 96 px an inch) plus 5 px, less the cell's margins."""
    return (breedte * 7 + 5 - CELMARGES_PX) * 25.4 / 96


@functools.cache
def _woord_mm(woord: str, vet: bool) -> float:
    # A little wider than the metrics: Excel on screen rounds each letter to whole pixels.
    return lettermaat.breedte_mm(woord, 10, vet) * VEILIGHEID


def _gewikkeld(deel: str, ruimte: float, vet: bool) -> int:
    regels, lengte = 1, 0.0
    spatie = _woord_mm(" ", vet)
    for woord in deel.split(" "):
        breedte = _woord_mm(woord, vet)
        if lengte == 0.0:
            lengte = breedte
        elif lengte + spatie + breedte <= ruimte:
            lengte += spatie + breedte
            continue
        else:
            regels += 1
            lengte = breedte
        while lengte > ruimte:  # a word wider than the column continues on the next line
            regels += 1
            lengte -= ruimte
    return regels


def _cijfers(blad: Any, o: Jaaroverzicht, opmaak: dict[str, Any]) -> None:
    for i, breedte in enumerate(CIJFERBREEDTES):
        blad.set_column(i, i, breedte)
    _pagina(blad, o, "cijfers")
    nummer = 0

    def regel(waarden: list[Any], stijl: Any = None, getalstijl: Any = None) -> None:
        nonlocal nummer
        for kolom, waarde in enumerate(waarden):
            _schrijf_cel(blad, nummer, kolom, waarde, opmaak, getalstijl if kolom and getalstijl else stijl)
        nummer += 1

    regel([f"{o.titel} — {o.organisatie}"], opmaak["titel"])
    regel([f"Stand op {o.peildatum_voluit}"])
    nummer += 1
    tekens_per_regel = sum(CIJFERBREEDTES)
    for zin in zinnen(o):
        # A merged cell does not grow with its text, so the row gets the height of its lines.
        blad.set_row(nummer, REGELHOOGTE_PT * _regels(zin, tekens_per_regel) + 2)
        stijl = opmaak["als_tekst"][id(opmaak["zin"])] if lijkt_formule(zin) else opmaak["zin"]
        blad.merge_range(nummer, 0, nummer, len(CIJFERBREEDTES) - 1, xml_veilig(zin), stijl)
        nummer += 1
    nummer += 1
    regel(["Cijfer", "Aantal"], opmaak["vet"], opmaak["vet_rechts"])
    for naam, waarde in cijferregels(o):
        regel([naam, waarde], getalstijl=opmaak["dagen"] if naam.startswith("Gemiddelde reactietijd") else None)
    nummer += 1
    koppen = ["Uitgebracht per maand", "Gevraagd", "Ongevraagd", "Aanvulling", "Totaal"]
    regel(koppen, opmaak["vet"], opmaak["vet_rechts"])
    for maand in o.per_maand:
        regel([maand.naam, *(maand.per_soort.get(s, 0) for s in SOORTEN), maand.totaal])


def _schrijf_cel(blad: Any, rij_: int, kolom: int, waarde: Any, opmaak: dict[str, Any], stijl: Any = None) -> None:
    if waarde is None or waarde == "":
        return
    if isinstance(waarde, str):
        if lijkt_formule(waarde):
            stijl = opmaak["als_tekst"][id(stijl)]
        blad.write_string(rij_, kolom, xml_veilig(waarde), stijl)
    elif isinstance(waarde, date):
        blad.write_datetime(rij_, kolom, waarde, opmaak["datum"])
    else:
        blad.write_number(rij_, kolom, waarde, stijl)
