"""How wide a line of text is in the letters' font, Arial, without the font at hand.

Liberation Sans has Arial's metrics (it was made for that), so its advance widths are Arial's.
They are stored here, in font units (2048 per em), for the characters an address or a name uses:
checking whether a setting fits the letter must not depend on a font being installed where the
setting is made. `python -m sjablonen.lettermaat` prints the table from the installed Liberation
Sans (fontTools); a test compares it with this copy.
"""

from __future__ import annotations

import functools
import sys

EENHEDEN_PER_EM = 2048
MM_PER_PUNT = 25.4 / 72
# Characters of the table: printable ASCII, Latin-1, Latin Extended-A and the typographic marks.
TEKENS = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "".join(chr(c) for c in range(0xA0, 0x180))
    + "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026\u20ac"
)
LETTERTYPEN = {
    "normaal": "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "vet": "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
}
# fmt: off
BREEDTES = {
    "normaal": (
        "569 569 727 1139 1139 1821 1366 391 682 682 797 1196 569 682 569 569 1139 1139 1139 1139 1139 1139 "
        "1139 1139 1139 1139 569 569 1196 1196 1196 1139 2079 1366 1366 1479 1479 1366 1251 1593 1479 569 "
        "1024 1366 1139 1706 1479 1593 1366 1593 1479 1366 1251 1479 1366 1933 1366 1366 1251 569 569 569 961 "
        "1139 682 1139 1139 1024 1139 1139 569 1139 1139 455 455 1024 455 1706 1139 1139 1139 1139 682 1024 "
        "569 1139 1024 1479 1024 1024 1024 684 532 684 1196 569 682 1139 1139 1139 1139 532 1139 682 1509 758 "
        "1139 1196 682 1509 1131 819 1124 682 682 682 1180 1100 682 682 682 748 1139 1708 1708 1708 1251 1366 "
        "1366 1366 1366 1366 1366 2048 1479 1366 1366 1366 1366 569 569 569 569 1479 1479 1593 1593 1593 1593 "
        "1593 1196 1593 1479 1479 1479 1479 1366 1366 1251 1139 1139 1139 1139 1139 1139 1821 1024 1139 1139 "
        "1139 1139 569 569 569 569 1139 1139 1139 1139 1139 1139 1139 1124 1251 1139 1139 1139 1139 1024 1139 "
        "1024 1366 1139 1366 1139 1366 1139 1479 1024 1479 1024 1479 1024 1479 1024 1479 1259 1479 1139 1366 "
        "1139 1366 1139 1366 1139 1366 1139 1366 1139 1593 1139 1593 1139 1593 1139 1593 1139 1479 1139 1479 "
        "1139 569 569 569 569 569 569 569 455 569 569 1505 909 1024 455 1366 1024 1024 1139 455 1139 455 1139 "
        "597 1139 684 1139 455 1479 1139 1479 1139 1479 1139 1237 1481 1139 1593 1139 1593 1139 1593 1139 "
        "2048 1933 1479 682 1479 682 1479 682 1366 1024 1366 1024 1366 1024 1366 1024 1251 569 1251 768 1251 "
        "569 1479 1139 1479 1139 1479 1139 1479 1139 1479 1139 1479 1139 1933 1479 1366 1024 1366 1251 1024 "
        "1251 1024 1251 1024 455 1139 2048 455 455 455 682 682 682 717 2048 1139"
    ),
    "vet": (
        "569 682 971 1139 1139 1821 1479 487 682 682 797 1196 569 682 569 569 1139 1139 1139 1139 1139 1139 "
        "1139 1139 1139 1139 682 682 1196 1196 1196 1251 1997 1479 1479 1479 1479 1366 1251 1593 1479 569 "
        "1139 1479 1251 1706 1479 1593 1366 1593 1479 1366 1251 1479 1366 1933 1366 1366 1251 682 569 682 "
        "1196 1139 682 1139 1251 1139 1251 1139 682 1251 1251 569 569 1139 569 1821 1251 1251 1251 1251 797 "
        "1139 682 1251 1139 1593 1139 1139 1024 797 573 797 1196 569 682 1139 1139 1139 1139 573 1139 682 "
        "1509 758 1139 1196 682 1509 1131 819 1124 682 682 682 1180 1139 682 682 682 748 1139 1708 1708 1708 "
        "1251 1479 1479 1479 1479 1479 1479 2048 1479 1366 1366 1366 1366 569 569 569 569 1479 1479 1593 1593 "
        "1593 1593 1593 1196 1593 1479 1479 1479 1479 1366 1366 1251 1139 1139 1139 1139 1139 1139 1821 1139 "
        "1139 1139 1139 1139 569 569 569 569 1251 1251 1251 1251 1251 1251 1251 1124 1251 1251 1251 1251 1251 "
        "1139 1251 1139 1479 1139 1479 1139 1479 1139 1479 1139 1479 1139 1479 1139 1479 1139 1479 1472 1479 "
        "1251 1366 1139 1366 1139 1366 1139 1366 1139 1366 1139 1593 1251 1593 1251 1593 1251 1593 1251 1479 "
        "1251 1479 1251 569 569 569 569 569 569 569 569 569 569 1607 1139 1139 569 1479 1139 1139 1251 569 "
        "1251 569 1251 789 1251 981 1251 569 1479 1251 1479 1251 1479 1251 1451 1481 1251 1593 1251 1593 1251 "
        "1593 1251 2048 1933 1479 797 1479 797 1479 797 1366 1139 1366 1139 1366 1139 1366 1139 1251 682 1251 "
        "981 1251 682 1479 1251 1479 1251 1479 1251 1479 1251 1479 1251 1479 1251 1933 1593 1366 1139 1366 "
        "1251 1024 1251 1024 1251 1024 569 1139 2048 569 569 569 1024 1024 1024 717 2048 1139"
    ),
}
# fmt: on


@functools.cache
def _tabel(soort: str) -> tuple[dict[str, int], int]:
    """The widths of one style, and the width a character outside the table counts as: the widest
    one in it, so a check errs on the safe side."""
    tabel = dict(zip(TEKENS, map(int, BREEDTES[soort].split()), strict=True))
    return tabel, max(tabel.values())


def breedte_mm(tekst: str, punten: float, vet: bool = False) -> float:
    """The width of `tekst` on one line at `punten` pt, in millimetres."""
    soort = "vet" if vet else "normaal"
    tabel, onbekend = _tabel(soort)
    eenheden = sum(tabel.get(teken, onbekend) for teken in tekst)
    return eenheden / EENHEDEN_PER_EM * punten * MM_PER_PUNT


def regels_nodig(tekst: str, punten: float, breedte: float, vet: bool = False) -> int:
    """How many lines `tekst` takes when wrapped at spaces into `breedte` mm (a word longer than
    the line counts as the lines it is broken into)."""
    aantal, regel = 1, ""
    for woord in tekst.split(" "):
        proef = f"{regel} {woord}" if regel else woord
        if breedte_mm(proef, punten, vet) <= breedte:
            regel = proef
            continue
        aantal += 1 if regel else 0
        regel = woord
        # A word wider than the line is broken by the word processor: count its extra lines.
        extra = int(breedte_mm(woord, punten, vet) // breedte)
        aantal += extra
    return aantal


def uit_lettertype(pad: str) -> str:
    """The advance widths of TEKENS in the font file at `pad`, as stored in BREEDTES."""
    from fontTools.ttLib import TTFont

    lettertype = TTFont(pad)
    tekens, maten = lettertype.getBestCmap(), lettertype["hmtx"].metrics
    return " ".join(str(maten[tekens[ord(teken)]][0]) for teken in TEKENS)


if __name__ == "__main__":
    for soort, pad in LETTERTYPEN.items():
        sys.stdout.write(f"{soort}: {uit_lettertype(pad)}\n")
