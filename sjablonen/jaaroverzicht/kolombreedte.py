"""Column widths of the year overview's Word tables, sized to their content.

Each column gets at least its heading's longest word in bold and its content's longest word, so no
word, date or kenmerk is broken inside a cell; a kenmerk counts as one word.
What is left of the page goes to the columns whose text would otherwise wrap, by how much they
need. Widths are measured with Arial's metrics (sjablonen.lettermaat), with a margin for a reader
whose Word substitutes a slightly wider font.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from sjablonen import lettermaat

HEEL = ("Kenmerk", "Uw kenmerk")  # columns whose text never breaks, also not at its space
# A wider substitute font still fits: the headings (bold) even in DejaVu Sans Bold, up to 22 % wider
# than Arial; the cells' text with a smaller margin, so thirteen columns fit the page.
VEILIGHEID_KOP, VEILIGHEID = 1.25, 1.14
STEEKPROEF = 40  # the longest texts of a column by characters: enough to find the widest
CELMARGES_CM = 0.2  # the cell's two margins, 0.1 cm each


def _cm(tekst: str, punten: float, vet: bool = False) -> float:
    return lettermaat.breedte_mm(tekst, punten, vet) / 10 * (VEILIGHEID_KOP if vet else VEILIGHEID) + CELMARGES_CM


def _breedste(teksten: set[str], punten: float) -> float:
    return max((_cm(t, punten) for t in heapq.nlargest(STEEKPROEF, teksten, key=len)), default=0.0)


def breedtes(
    koppen: Sequence[str], rijen: Sequence[Sequence[str]], totaal_cm: float, punten: float, kop_punten: float
) -> list[float]:
    """The width in cm of each column, together at most `totaal_cm` when the content allows."""
    minimum, wens = [], []
    for i, kop in enumerate(koppen):
        regels = {regel for rij in rijen for regel in rij[i].split("\n")}
        woorden = regels if kop in HEEL else {woord for regel in regels for woord in regel.split()}
        kopwoord = max((_cm(w, kop_punten, vet=True) for w in kop.split()), default=0.0)
        kleinste = max(kopwoord, _breedste(woorden, punten))
        minimum.append(kleinste)
        wens.append(max(kleinste, _breedste(regels, punten)))
    rest = totaal_cm - sum(minimum)
    if rest <= 0:
        return minimum  # the words themselves do not fit: never break them, the table grows
    tekort = [w - m for w, m in zip(wens, minimum, strict=True)]
    if sum(tekort) > rest:
        return [m + rest * t / sum(tekort) for m, t in zip(minimum, tekort, strict=True)]
    over = rest - sum(tekort)
    return [w + over * w / sum(wens) for w in wens]
