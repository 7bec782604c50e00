"""The year overview as an Excel workbook: sheet "Adviezen" (one row per advice) and sheet "Cijfers".

XlsxWriter in constant-memory mode streams the rows: ten thousand advices take a fraction of a
second, where openpyxl spent most of the command building an object per cell. Every text is
written as text, so a subject such as "=Armoede" never becomes a formula (and with Excel's quote
prefix, so it stays text when edited: formules.py), and without the
characters XML cannot hold. Both sheets print on A4 landscape, one page wide, with the title in
the page header, the page number in the footer and, on "Adviezen", the header row on every page.
"Adviezen" holds every column and prints small; "Afdrukken" holds the columns a reader needs and
prints at full size.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sjablonen.jaaroverzicht.formules import lijkt_formule
from sjablonen.jaaroverzicht.gegevens import SOORTEN, Jaaroverzicht
from sjablonen.jaaroverzicht.kerncijfers import zinnen
from sjablonen.jaaroverzicht.kolommen import KOLOMMEN, cijferregels, rij
from sjablonen.xmltekst import xml_veilig

LETTERTYPE = "Arial"  # the letters' font
# Column widths in characters: wide enough for each heading's longest word in bold (a heading
# wraps only between words) and for the usual contents; long texts wrap within their column.
BREEDTES = {
    "Kenmerk": 13,
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
LANGE_TEKSTEN = {"Onderwerp", "Reden intrekking", "Samenvatting reactie", "Termijn verschoven"}
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
REGELHOOGTE_PT = 12.75  # one line of Arial 10


def schrijf_xlsx(o: Jaaroverzicht, pad: Path) -> None:
    import xlsxwriter

    boek = xlsxwriter.Workbook(
        str(pad),
        {"constant_memory": True, "default_format_properties": {"font_name": LETTERTYPE, "font_size": 10}},
    )
    boek.set_properties({"title": xml_veilig(o.titel), "author": xml_veilig(o.organisatie)})
    opmaak: dict[str, Any] = {naam: boek.add_format(kenmerken) for naam, kenmerken in OPMAAK.items()}
    # Each style once more with Excel's quote prefix, for a text that would otherwise be a formula.
    als_tekst = {
        id(opmaak[naam]): boek.add_format({**kenmerken, "quote_prefix": True}) for naam, kenmerken in OPMAAK.items()
    }
    als_tekst[id(None)] = boek.add_format({"quote_prefix": True})
    opmaak["als_tekst"] = als_tekst
    _adviezen(boek.add_worksheet("Adviezen"), o, opmaak, KOLOMMEN, "adviezen")
    _cijfers(boek.add_worksheet("Cijfers"), o, opmaak)
    _adviezen(boek.add_worksheet("Afdrukken"), o, opmaak, AFDRUKKOLOMMEN, "afdrukken")
    boek.close()


def _pagina(blad: Any, o: Jaaroverzicht, onderdeel: str) -> None:
    """A4 landscape, one page wide and as many long as needed, title above and page number below."""
    blad.set_paper(A4)
    blad.set_landscape()
    blad.fit_to_pages(1, 0)
    blad.set_margins(left=0.5, right=0.5, top=0.8, bottom=0.7)
    titel = _kopvoettekst(f"{o.titel} — {onderdeel}")
    blad.set_header(f'&L&"{LETTERTYPE},Bold"&11{titel}&R&"{LETTERTYPE},Regular"&9{_kopvoettekst(o.organisatie)}')
    blad.set_footer(f'&L&"{LETTERTYPE},Regular"&8Stand op {o.peildatum_voluit}&R&8Pagina &P van &N')


def _kopvoettekst(tekst: str) -> str:
    """Text for an Excel page header: `&` starts a code there, so a literal one is doubled."""
    return xml_veilig(tekst).replace("&", "&&")


def _adviezen(blad: Any, o: Jaaroverzicht, opmaak: dict[str, Any], kolommen: tuple[str, ...], onderdeel: str) -> None:
    """One row per advice with these columns: all of them on "Adviezen", the ones a reader needs
    on "Afdrukken"."""
    for i, kolom in enumerate(kolommen):
        blad.set_column(i, i, BREEDTES[kolom], opmaak["lang"] if kolom in LANGE_TEKSTEN else opmaak["tekst"])
    _pagina(blad, o, onderdeel)
    blad.repeat_rows(0)
    blad.freeze_panes(1, 0)
    blad.autofilter(0, 0, len(o.regels), len(kolommen) - 1)
    blad.set_row(0, _hoogte([(k, BREEDTES[k]) for k in kolommen]))
    for plek, kolom in enumerate(kolommen):
        _schrijf_cel(blad, 0, plek, kolom, opmaak, opmaak["kop"])
    lang = {kolommen.index(k) for k in LANGE_TEKSTEN if k in kolommen}
    plekken = [KOLOMMEN.index(k) for k in kolommen]
    for nummer, r in enumerate(o.regels, start=1):
        alle = rij(r)
        waarden = [alle[i] for i in plekken]
        hoogte = _hoogte([(waarden[i], BREEDTES[kolommen[i]]) for i in lang if waarden[i]])
        if hoogte > REGELHOOGTE_PT:
            blad.set_row(nummer, hoogte)
        for plek, waarde in enumerate(waarden):
            stijl = opmaak["lang"] if plek in lang else opmaak["getal"] if isinstance(waarde, int) else opmaak["tekst"]
            _schrijf_cel(blad, nummer, plek, waarde, opmaak, stijl)


def _hoogte(teksten: list[tuple[str, int]]) -> float:
    """The height in points of a row whose texts wrap in columns of these widths. Excel and
    LibreOffice do not grow a row for wrapped text on their own, so the row is given its height."""
    return REGELHOOGTE_PT * max([_regels(tekst, breedte) for tekst, breedte in teksten], default=1) + 1


def _regels(tekst: str, breedte: int) -> int:
    """Lines the text takes in a column of `breedte` characters, breaking between words (a word
    longer than the line is cut, as textwrap's break_long_words does). Most cells are one short
    line: they are counted without splitting; textwrap per cell took a third of a large export."""
    ruimte = breedte - 1
    if len(tekst) <= ruimte and "\n" not in tekst:
        return 1
    return sum(_gewikkeld(deel, ruimte) for deel in tekst.splitlines() or [""])


def _gewikkeld(deel: str, ruimte: int) -> int:
    regels, lengte = 0, 0
    for woord in deel.split():
        if lengte and lengte + 1 + len(woord) <= ruimte:
            lengte += 1 + len(woord)
            continue
        regels += 1
        while len(woord) > ruimte:
            regels += 1
            woord = woord[ruimte:]
        lengte = len(woord)
    return max(regels, 1)


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
