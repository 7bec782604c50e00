"""The shared settings of CLI.md, stored in the database so every user of it sees the same."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session, select

from opslag.modellen import Instelling
from workflow import invoer
from workflow.bestanden import MB, lees_bytes, veilige_bestandsnaam
from workflow.fouten import AdviesFout

BESTAND_MAXIMUM = 10 * MB  # a logo or a letter template


@dataclass(frozen=True)
class Definitie:
    standaard: str
    omschrijving: str
    controleer: Callable[[str], str] | None = None  # normalises a text value or raises
    bestand: Callable[[bytes], None] | None = None  # a file setting: checks the file's bytes


def _weken(waarde: str) -> str:
    if not re.fullmatch(r"[0-9]{1,2}", waarde.strip()) or not 1 <= int(waarde) <= 52:
        raise AdviesFout(f"termijn.reactie_weken moet een heel aantal weken van 1 tot en met 52 zijn, niet '{waarde}'")
    return str(int(waarde))


def _voorvoegsel(waarde: str) -> str:
    # Only A-Z: a prefix must be typed back on any keyboard and stay readable in a file name.
    waarde = waarde.strip().upper()
    if not re.fullmatch(r"[A-Z]{1,6}", waarde):
        raise AdviesFout(f"een kenmerkvoorvoegsel bestaat uit 1 tot 6 letters A-Z, niet '{invoer.zichtbaar(waarde)}'")
    return waarde


def _verplicht(sleutel: str) -> Callable[[str], str]:
    def controleer(waarde: str) -> str:
        return invoer.regel(waarde, sleutel, invoer.INSTELLING)

    return controleer


def _vrij(sleutel: str) -> Callable[[str], str]:
    def controleer(waarde: str) -> str:
        return invoer.regel(waarde, sleutel, invoer.INSTELLING, leeg_mag=True)

    return controleer


def _afbeelding(inhoud: bytes) -> None:
    """A PNG or JPG that Word can show: python-docx must be able to read its size."""
    if not (inhoud.startswith(b"\x89PNG\r\n\x1a\n") or inhoud.startswith(b"\xff\xd8\xff")):
        raise AdviesFout("het logo moet een PNG- of JPG-afbeelding zijn")
    from docx.image.image import Image

    try:
        beeld = Image.from_blob(inhoud)
        if beeld.px_width <= 0 or beeld.px_height <= 0:
            raise ValueError("geen afmetingen")
    except Exception:  # noqa: BLE001 - any parse failure means a broken image
        raise AdviesFout("het logo is geen leesbare PNG- of JPG-afbeelding") from None


def _word_sjabloon(inhoud: bytes) -> None:
    from sjablonen.controle import controleer_sjabloon  # the letters' own template check

    controleer_sjabloon(inhoud)


DEFINITIES: dict[str, Definitie] = {
    "organisatie.naam": Definitie(
        "Cliëntenraad Werk & Inkomen", "naam van de raad in het briefhoofd", _verplicht("organisatie.naam")
    ),
    "organisatie.adres": Definitie("", "postadres, regels gescheiden door ';'", _vrij("organisatie.adres")),
    "organisatie.plaats": Definitie(
        "Groningen", "plaats vóór de datum van een brief", _verplicht("organisatie.plaats")
    ),
    "organisatie.logo": Definitie("", "logo in het briefhoofd (PNG of JPG)", bestand=_afbeelding),
    "kenmerk.advies": Definitie("CRA", "voorvoegsel van de adviesreeks", controleer=_voorvoegsel),
    "kenmerk.brief": Definitie("CRB", "voorvoegsel van de briefreeks (herinneringen)", controleer=_voorvoegsel),
    "termijn.reactie_weken": Definitie("6", "weken die het college heeft om te reageren", controleer=_weken),
    "brief.ondertekenaar": Definitie("", "naam van wie de brieven ondertekent", _vrij("brief.ondertekenaar")),
    "brief.functie": Definitie("", "functie van de ondertekenaar", _vrij("brief.functie")),
    "brief.afschrift": Definitie("", "afschriften (I.a.a.), gescheiden door ';'", _vrij("brief.afschrift")),
    "brief.sjabloon": Definitie("", "eigen Word-sjabloon voor de adviesbrief", bestand=_word_sjabloon),
}


def controleer_waarde(sleutel: str, waarde: str, inhoud: bytes | None) -> None:
    """A stored value (from an archive) must be what `zet` would have stored."""
    d = definitie(sleutel)
    if d.bestand is not None:
        if waarde and inhoud is not None:
            veilige_bestandsnaam(waarde)
            d.bestand(inhoud)
        elif waarde or inhoud is not None:
            raise AdviesFout(f"{sleutel} heeft een bestandsnaam zonder bestand, of omgekeerd")
        return
    if d.controleer is not None and d.controleer(waarde) != waarde:
        raise AdviesFout(f"{sleutel} heeft de ongeldige waarde '{invoer.zichtbaar(waarde)}'")


def controleer_samenhang(waarden: dict[str, str]) -> None:
    """Rules across settings: the advice series and the letter series need different prefixes."""
    if waarden["kenmerk.advies"] == waarden["kenmerk.brief"]:
        raise AdviesFout(
            f"kenmerk.advies en kenmerk.brief moeten verschillen (nu beide '{waarden['kenmerk.advies']}'): "
            "anders zijn een advies en een herinnering niet uit elkaar te houden"
        )


def definitie(sleutel: str) -> Definitie:
    try:
        return DEFINITIES[sleutel]
    except KeyError:
        raise AdviesFout(f"onbekende instelling '{sleutel}'; bekend zijn: {', '.join(DEFINITIES)}") from None


def lees(sessie: Session, sleutel: str) -> str:
    """The value of a setting, or its default."""
    standaard = definitie(sleutel).standaard
    rij = sessie.get(Instelling, sleutel)
    return rij.waarde if rij is not None else standaard


def lees_bestand(sessie: Session, sleutel: str) -> bytes | None:
    definitie(sleutel)
    rij = sessie.get(Instelling, sleutel)
    return rij.inhoud if rij is not None else None


def alle(sessie: Session) -> dict[str, str]:
    opgeslagen = {rij.sleutel: rij.waarde for rij in sessie.exec(select(Instelling))}
    return {sleutel: opgeslagen.get(sleutel, d.standaard) for sleutel, d in DEFINITIES.items()}


def zet(sessie: Session, sleutel: str, waarde: str, door: str) -> str:
    """Store a setting; for a file setting `waarde` is the path of the file to store (or '' to clear)."""
    d = definitie(sleutel)
    inhoud: bytes | None = None
    if d.bestand is not None and waarde:
        inhoud = lees_bytes(Path(waarde), maximum=BESTAND_MAXIMUM)
        d.bestand(inhoud)
        waarde = veilige_bestandsnaam(Path(waarde).name)
    elif d.controleer is not None:
        waarde = d.controleer(waarde)
    controleer_samenhang({**alle(sessie), sleutel: waarde})
    rij = sessie.get(Instelling, sleutel) or Instelling(
        sleutel=sleutel, waarde="", gewijzigd_op=datetime.now(UTC), gewijzigd_door=door
    )
    rij.waarde, rij.inhoud = waarde, inhoud
    rij.gewijzigd_op, rij.gewijzigd_door = datetime.now(UTC), door
    sessie.add(rij)
    return waarde
