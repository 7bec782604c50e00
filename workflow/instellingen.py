"""The shared settings of CLI.md, stored in the database so every user of it sees the same."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session, select

from opslag.modellen import Instelling
from workflow.bestanden import lees_bytes
from workflow.fouten import AdviesFout


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


def zet(sessie: Session, sleutel: str, waarde: str, door: str) -> str:
    """Store a setting; for a file setting `waarde` is the path of the file to store (or '' to clear)."""
    d = definitie(sleutel)
    inhoud: bytes | None = None
    if d.bestand is not None and waarde:
        inhoud = lees_bytes(Path(waarde))
        d.bestand(inhoud)
        waarde = Path(waarde).name
    elif d.controleer is not None:
        waarde = d.controleer(waarde)
    _bewaar(
        sessie,
        Instelling(sleutel=sleutel, waarde=waarde, inhoud=inhoud, gewijzigd_op=datetime.now(UTC), gewijzigd_door=door),
    )
    return waarde


def _bewaar(sessie: Session, rij: Instelling) -> None:
    """Insert or update in one statement: two people setting a setting for the first time at
    once would otherwise both insert it, and on PostgreSQL one of them would fail."""
    waarden = rij.model_dump()
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if sessie.get_bind().dialect.name == "postgresql" else sqlite
    opdracht = dialect.insert(Instelling).values(**waarden)
    sessie.execute(
        opdracht.on_conflict_do_update(
            index_elements=["sleutel"], set_={k: v for k, v in waarden.items() if k != "sleutel"}
        )
    )
    sessie.get(Instelling, rij.sleutel, populate_existing=True)  # a copy this session already holds is refreshed
