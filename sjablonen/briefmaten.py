"""Whether the letterhead and the addressee fit the default letter's layout, checked when they are set.

The default letter (sjablonen/maak_sjablonen.py) puts the letterhead in a row of fixed height above
the addressee, and the addressee in the window of a window envelope. Rows of fixed height clip what
does not fit, without a warning; so a setting that would not fit is refused when it is made, with
what does fit. The measures follow the template: Arial (Liberation Sans), the council's name at
NAAM_PT bold with 2 pt after it, the address lines at ADRES_PT single spaced, the addressee at ADRESVAK_PT with
line spacing 1.15, both in a column of ADRESBREEDTE mm. The sender's block ends at least
AFSTAND_TOT_VENSTER mm above the window.
"""

from __future__ import annotations

from adviesfouten import OngeldigeInvoer
from sjablonen import lettermaat
from sjablonen.maak_sjablonen import ADRES_PT, ADRESBREEDTE, ADRESVAK_PT, KOPHOOGTE, NAAM_PT

AFSTAND_TOT_VENSTER = 5.0  # mm between the sender's block and the window
KOPRUIMTE = KOPHOOGTE - AFSTAND_TOT_VENSTER  # mm the name and address lines may take
ADRESREGELS = 6  # lines of the addressee, at most
# Line height of Arial: (usWinAscent + usWinDescent + lineGap) / unitsPerEm = (1854 + 434 + 67) / 2048.
REGELHOOGTE_EM = 2355 / 2048
NAAM_NA_PT, NAAM_REGELAFSTAND = 2.0, 1.15
ADRES_REGELAFSTAND = 1.0
GEADRESSEERDE_REGELAFSTAND = 1.15


def _mm(punten: float) -> float:
    return punten * lettermaat.MM_PER_PUNT


def _regelhoogte(punten: float, afstand: float) -> float:
    return _mm(punten * REGELHOOGTE_EM * afstand)


def naamhoogte(naam: str) -> float:
    """The height of the council's name in the letterhead, wrapped in the column, in mm."""
    regels = lettermaat.regels_nodig(naam, NAAM_PT, ADRESBREEDTE, vet=True)
    return regels * _regelhoogte(NAAM_PT, NAAM_REGELAFSTAND) + _mm(NAAM_NA_PT)


def adresregels_ruimte(naam: str) -> int:
    """How many address lines fit under this name in the letterhead."""
    return max(0, int((KOPRUIMTE - naamhoogte(naam)) // _regelhoogte(ADRES_PT, ADRES_REGELAFSTAND)))


def _te_breed(regels: list[str], punten: float, wat: str) -> None:
    for regel in regels:
        breedte = lettermaat.breedte_mm(regel, punten)
        if breedte > ADRESBREEDTE:
            maat = f"{breedte:.1f}".replace(".", ",")  # Dutch decimal comma
            raise OngeldigeInvoer(
                f"{wat}: de regel '{regel}' is {maat} mm breed en past niet in het adresvak van "
                f"{ADRESBREEDTE} mm; verdeel hem over twee regels of kort hem in"
            )


def controleer_briefhoofd(naam: str, adresregels: list[str]) -> None:
    """The name and the address lines fit the letterhead, ending AFSTAND_TOT_VENSTER mm above the window."""
    _te_breed(adresregels, ADRES_PT, "organisatie.adres")
    if naamhoogte(naam) > KOPRUIMTE:
        raise OngeldigeInvoer(f"organisatie.naam is te lang voor het briefhoofd (ten hoogste {KOPRUIMTE:.0f} mm hoog)")
    ruimte = adresregels_ruimte(naam)
    if len(adresregels) > ruimte:
        raise OngeldigeInvoer(
            f"organisatie.adres heeft {len(adresregels)} regels; onder de naam van de raad passen er "
            f"{ruimte} in het briefhoofd (het moet {AFSTAND_TOT_VENSTER:.0f} mm boven het venster van de "
            "envelop eindigen)"
        )


def controleer_geadresseerde(regels: list[str], wat: str = "brief.geadresseerde") -> None:
    """At most ADRESREGELS lines, each within the window's width at the letter's font."""
    if len(regels) > ADRESREGELS:
        raise OngeldigeInvoer(
            f"{wat} heeft {len(regels)} regels; in het venster van de envelop passen er {ADRESREGELS}"
        )
    _te_breed(regels, ADRESVAK_PT, wat)


def geadresseerde_hoogte(aantal: int = ADRESREGELS) -> float:
    """The height of `aantal` addressee lines in mm (a test checks ADRESREGELS fit ADRESHOOGTE)."""
    return aantal * _regelhoogte(ADRESVAK_PT, GEADRESSEERDE_REGELAFSTAND)
