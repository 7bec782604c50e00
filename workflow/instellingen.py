"""The shared settings of docs/cli.md, stored in the database so every user of it sees the same."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session, select

from opslag.modellen import Instelling
from workflow.bestanden import lees_bytes
from workflow.fouten import AdviesFout
from workflow.rechten import Rechten


@dataclass(frozen=True)
class Definitie:
    standaard: str
    omschrijving: str
    controleer: Callable[[str], str] | None = None  # normalises a text value or raises
    bestand: Callable[[bytes], None] | None = None  # a file setting: checks the file's bytes


def _weken(waarde: str) -> str:
    if not waarde.strip().isdigit() or not 1 <= int(waarde) <= 52:
        raise AdviesFout(f"termijn.reactie_weken moet een heel aantal weken van 1 tot en met 52 zijn, niet '{waarde}'")
    return str(int(waarde))


def _sessie_minuten(waarde: str) -> str:
    if not waarde.strip().isdigit() or not 5 <= int(waarde) <= 10080:
        raise AdviesFout(
            f"web.sessie_minuten moet een heel aantal minuten van 5 tot en met 10080 zijn, niet '{waarde}'"
        )
    return str(int(waarde))


def _voorvoegsel(waarde: str) -> str:
    waarde = waarde.strip().upper()
    if not waarde.isalpha() or len(waarde) > 10:
        raise AdviesFout(f"een kenmerkvoorvoegsel bestaat uit 1 tot 10 letters, niet '{waarde}'")
    return waarde


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


def _herinneringssjabloon(inhoud: bytes) -> None:
    from sjablonen.controle import controleer_sjabloon

    controleer_sjabloon(inhoud, "herinnering.docx")


def _onderwerpregel(waarde: str) -> str:
    from sjablonen.onderwerp import controleer_onderwerpregel

    return controleer_onderwerpregel(waarde)


def _dagen(waarde: str) -> str:
    if not waarde.strip().isdigit() or not 1 <= int(waarde) <= 90:
        raise AdviesFout(
            f"herinnering.nieuwe_termijn_dagen moet een heel aantal dagen van 1 tot en met 90 zijn, niet '{waarde}'"
        )
    return str(int(waarde))


DEFINITIES: dict[str, Definitie] = {
    "organisatie.naam": Definitie("Cliëntenraad Werk & Inkomen", "naam van de raad in het briefhoofd"),
    "organisatie.adres": Definitie("", "postadres, regels gescheiden door ';'"),
    "organisatie.plaats": Definitie("Groningen", "plaats vóór de datum van een brief"),
    "organisatie.logo": Definitie("", "logo in het briefhoofd (PNG of JPG)", bestand=_afbeelding),
    "kenmerk.advies": Definitie("CRA", "voorvoegsel van de adviesreeks", controleer=_voorvoegsel),
    "kenmerk.brief": Definitie("CRB", "voorvoegsel van de briefreeks (herinneringen)", controleer=_voorvoegsel),
    "termijn.reactie_weken": Definitie("6", "weken die het college heeft om te reageren", controleer=_weken),
    "brief.ondertekenaar": Definitie("", "naam van wie de brieven ondertekent"),
    "brief.functie": Definitie("", "functie van de ondertekenaar"),
    "brief.afschrift": Definitie("", "afschriften (I.a.a.), gescheiden door ';'"),
    "brief.sjabloon": Definitie("", "eigen Word-sjabloon voor de adviesbrief", bestand=_word_sjabloon),
    "brief.geadresseerde": Definitie(
        "College van burgemeester en wethouders", "adresvak van de brieven, regels gescheiden door ';'"
    ),
    "brief.onderwerp": Definitie(
        "Advies over {onderwerp}", "onderwerpregel van de adviesbrief; {onderwerp} wordt het onderwerp", _onderwerpregel
    ),
    "brief.sjabloon_herinnering": Definitie(
        "", "eigen Word-sjabloon voor de herinnering", bestand=_herinneringssjabloon
    ),
    "herinnering.nieuwe_termijn_dagen": Definitie(
        "14", "dagen na een herinnering waarbinnen we de reactie nu verwachten", controleer=_dagen
    ),
    "web.sessie_minuten": Definitie(
        "480", "minuten zonder activiteit waarna de webpagina opnieuw om inloggen vraagt", controleer=_sessie_minuten
    ),
}


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


def zet(sessie: Session, rechten: Rechten, sleutel: str, waarde: str) -> str:
    """Store a setting (secretaris); for a file setting `waarde` is the path of the file to store (or '' to clear)."""
    rechten.vereis_secretaris()
    door = rechten.gebruiker
    d = definitie(sleutel)
    inhoud: bytes | None = None
    if d.bestand is not None and waarde:
        inhoud = lees_bytes(Path(waarde))
        d.bestand(inhoud)
        waarde = Path(waarde).name
    elif d.controleer is not None:
        waarde = d.controleer(waarde)
    rij = sessie.get(Instelling, sleutel) or Instelling(
        sleutel=sleutel, waarde="", gewijzigd_op=datetime.now(UTC), gewijzigd_door=door
    )
    rij.waarde, rij.inhoud = waarde, inhoud
    rij.gewijzigd_op, rij.gewijzigd_door = datetime.now(UTC), door
    sessie.add(rij)
    return waarde
