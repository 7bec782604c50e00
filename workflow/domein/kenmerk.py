"""The reference of an advice: `CRA 2020-02`, supplements `CRA 2020-08A`; forgiving input."""

from __future__ import annotations

import re
from dataclasses import dataclass

from adviesfouten import Conflict, NietGevonden, OngeldigeInvoer

_PATROON = re.compile(
    r"^\s*(?:(?P<voorvoegsel>[A-Za-z]+)[\s_-]*)?(?P<jaar>[0-9]{4})\s*-\s*(?P<nummer>[0-9]{1,6})(?P<letter>[A-Za-z]?)\s*$"
)


@dataclass(frozen=True)
class Kenmerk:
    jaar: int
    volgnummer: int
    achtervoegsel: str = ""
    voorvoegsel: str | None = None  # as typed; None when the user left it out

    def tekst(self, voorvoegsel: str) -> str:
        return formatteer(voorvoegsel, self.jaar, self.volgnummer, self.achtervoegsel)


def formatteer(voorvoegsel: str, jaar: int, volgnummer: int, achtervoegsel: str = "") -> str:
    return f"{voorvoegsel} {jaar}-{volgnummer:02d}{achtervoegsel}"


def ontleed(invoer: str) -> Kenmerk:
    """Read `CRA 2020-02`, `cra2020-2`, `2020-02`, `2020-2`, `2020-08a`, or `CRA-2020-02` as in file names."""
    gevonden = _PATROON.match(invoer or "")
    if not gevonden or int(gevonden["nummer"]) == 0:
        raise OngeldigeInvoer(
            f"ongeldig kenmerk '{invoer}'; verwacht bijvoorbeeld 'CRA 2020-02', '2020-2' of '2020-08A'"
        )
    voorvoegsel = gevonden["voorvoegsel"]
    return Kenmerk(
        jaar=int(gevonden["jaar"]),
        volgnummer=int(gevonden["nummer"]),
        achtervoegsel=gevonden["letter"].upper(),
        voorvoegsel=voorvoegsel.upper() if voorvoegsel else None,
    )


def past_bij(gezocht: Kenmerk, kenmerk: str) -> bool:
    """Whether the stored `kenmerk` (`CRA 2020-02`) of the advice numbered as `gezocht` is the one
    meant: a prefix typed must be its prefix; without one, any prefix will do."""
    return gezocht.voorvoegsel is None or kenmerk.split(" ", 1)[0] == gezocht.voorvoegsel


def onbekend(invoer: str) -> NietGevonden:
    return NietGevonden(f"onbekend kenmerk '{invoer.strip()}'")


def volgende_letter(bestaande: list[str]) -> str:
    """The next supplement letter after those already used: A, B, ... Z."""
    if not bestaande:
        return "A"
    laatste = max(bestaande)
    if laatste == "Z":
        raise Conflict("dit advies heeft al 26 aanvullingen (A tot en met Z)")
    return chr(ord(laatste) + 1)
