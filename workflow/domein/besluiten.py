"""The royal decrees under art. 3 lid 3 of the Algemene termijnenwet, as data: the days each equates
with a generally recognised holiday, with the decree's title (and its Staatscourant number where
this project has verified it).

Only decrees whose text this project has seen are listed. The years before 2023 and from 2029 on
are not covered by a verified decree here: for them the calendar shows the expected days
(`verwacht`, see `workflow.domein.termijnen.verwachte_dagen`) until the council records the decree with
`advies feestdag toevoegen --bron`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ONBEKEND = "Staatscourant-nummer niet geverifieerd"


@dataclass(frozen=True)
class Besluit:
    titel: str
    staatscourant: str | None  # e.g. "Stcrt. 2022, 12345"; None: not verified by this project
    jaren: tuple[int, ...]  # the years the decree covers: in them, no day is merely expected
    dagen: tuple[date, ...]

    @property
    def bron(self) -> str:
        return f"{self.titel} ({self.staatscourant or ONBEKEND})"


BESLUITEN: tuple[Besluit, ...] = (
    Besluit(
        titel=(
            "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en 30 mei 2025 "
            "met een algemeen erkende feestdag"
        ),
        staatscourant=None,
        jaren=(2023, 2024, 2025),
        dagen=(date(2023, 4, 28), date(2023, 5, 19), date(2024, 5, 10), date(2024, 12, 27), date(2025, 5, 30)),
    ),
    Besluit(
        titel=(
            "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 "
            "met een algemeen erkende feestdag"
        ),
        staatscourant=None,
        jaren=(2026, 2027, 2028),
        dagen=(date(2026, 1, 2), date(2026, 5, 15), date(2027, 5, 7), date(2028, 4, 28), date(2028, 5, 26)),
    ),
)


def besluit_voor(jaar: int) -> Besluit | None:
    """The shipped decree that covers `jaar`, if any."""
    return next((b for b in BESLUITEN if jaar in b.jaren), None)
