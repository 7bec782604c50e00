"""The shared settings of docs/cli.md, stored in the database so every user of it sees the same."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select

from opslag.database import verbinding_van
from opslag.leestabellen import instelling
from workflow import invoer
from workflow.bestanden import MB, lees_bytes, veilige_bestandsnaam
from workflow.domein.rechten import Rechten
from workflow.fouten import AdviesFout

if TYPE_CHECKING:
    from sqlmodel import Session

    from opslag.modellen import Instelling

BESTAND_MAXIMUM = 10 * MB  # a logo or a letter template


@dataclass(frozen=True)
class Definitie:
    standaard: str
    omschrijving: str
    controleer: Callable[[str], str] | None = None  # normalises a text value or raises
    bestand: Callable[[bytes], None] | None = None  # a file setting: checks the file's bytes


def _ja_nee(sleutel: str) -> Callable[[str], str]:
    def controleer(waarde: str) -> str:
        genormaliseerd = waarde.strip().lower()
        if genormaliseerd not in ("ja", "nee"):
            raise AdviesFout(f"{sleutel} is 'ja' of 'nee', niet '{waarde}'")
        return genormaliseerd

    return controleer


def _geheel_getal(sleutel: str, laagste: int, hoogste: int, eenheid: str = "dagen") -> Callable[[str], str]:
    def controleer(waarde: str) -> str:
        # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
        if not re.fullmatch(r"[0-9]{1,6}", waarde.strip()) or not laagste <= int(waarde) <= hoogste:
            raise AdviesFout(
                f"{sleutel} moet een heel aantal {eenheid} van {laagste} tot en met {hoogste} zijn, niet '{waarde}'"
            )
        return str(int(waarde))

    return controleer


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
    from sjablonen import werker

    werker.voer_uit("afbeelding", {"inhoud": inhoud})  # read in the bounded worker, like every outside file


def _word_sjabloon(inhoud: bytes) -> None:
    from sjablonen.controle import controleer_sjabloon  # the letters' own template check

    controleer_sjabloon(inhoud)


def _herinneringssjabloon(inhoud: bytes) -> None:
    from sjablonen.controle import controleer_sjabloon

    controleer_sjabloon(inhoud, "herinnering.docx")


# Any whitespace but a plain space (tab, newline, no-break space, ...): one space each. Runs of plain
# spaces stay as entered: a Dutch postal line is written "9700 RM  GRONINGEN", with two.
_ANDERE_WITRUIMTE = re.compile(r"[^\S ]")


def _adresregels(sleutel: str) -> Callable[[str], str]:
    """Lines separated by ';', with their inner spaces kept as entered."""

    def controleer(waarde: str) -> str:
        invoer.regel(waarde, sleutel, invoer.INSTELLING, leeg_mag=True)  # characters and length
        return _ANDERE_WITRUIMTE.sub(" ", waarde).strip(" ")

    return controleer


def _controleer_opmaak(sleutel: str, waarden: dict[str, str]) -> None:
    """The letterhead and the addressee must fit the letter (sjablonen.briefmaten), checked only
    when one of them is set: a value stored earlier does not block other settings."""
    from sjablonen import briefmaten
    from sjablonen.brieven import regels

    if sleutel in ("organisatie.naam", "organisatie.adres"):
        briefmaten.controleer_briefhoofd(waarden["organisatie.naam"], regels(waarden["organisatie.adres"]))
    elif sleutel == "brief.geadresseerde":
        briefmaten.controleer_geadresseerde(regels(waarden["brief.geadresseerde"]))


def _onderwerpregel(waarde: str) -> str:
    from sjablonen.onderwerp import controleer_onderwerpregel

    return controleer_onderwerpregel(waarde)


DEFINITIES: dict[str, Definitie] = {
    "organisatie.naam": Definitie(
        "Cliëntenraad Werk & Inkomen", "naam van de raad in het briefhoofd", _verplicht("organisatie.naam")
    ),
    "organisatie.adres": Definitie("", "postadres, regels gescheiden door ';'", _adresregels("organisatie.adres")),
    "organisatie.plaats": Definitie(
        "Groningen", "plaats vóór de datum van een brief", _verplicht("organisatie.plaats")
    ),
    "organisatie.logo": Definitie("", "logo in het briefhoofd (PNG of JPG)", bestand=_afbeelding),
    "kenmerk.advies": Definitie("CRA", "voorvoegsel van de adviesreeks", controleer=_voorvoegsel),
    "kenmerk.brief": Definitie("CRB", "voorvoegsel van de briefreeks (herinneringen)", controleer=_voorvoegsel),
    "termijn.reactie_weken": Definitie(
        "6",
        "weken die het college heeft om te reageren",
        controleer=_geheel_getal("termijn.reactie_weken", 1, 52, "weken"),
    ),
    "termijn.termijnenwet": Definitie(
        "ja",
        "ja: een reactietermijn die eindigt op een zaterdag, zondag of feestdag (Algemene termijnenwet) loopt door",
        controleer=_ja_nee("termijn.termijnenwet"),
    ),
    "termijn.signaal_dagen": Definitie(
        "7",
        "signaal 'binnenkort': zoveel dagen vóór de reactietermijn",
        controleer=_geheel_getal("termijn.signaal_dagen", 0, 365),
    ),
    "herinnering.na_dagen": Definitie(
        "14",
        "signaal 'herinneren': zoveel dagen te laat zonder herinnering",
        controleer=_geheel_getal("herinnering.na_dagen", 1, 365),
    ),
    "herinnering.escalatie_na": Definitie(
        "2",
        "signaal 'escaleren': na zoveel herinneringen zonder reactie",
        controleer=_geheel_getal("herinnering.escalatie_na", 1, 20, "herinneringen"),
    ),
    "brief.ondertekenaar": Definitie("", "naam van wie de brieven ondertekent", _vrij("brief.ondertekenaar")),
    "brief.functie": Definitie("", "functie van de ondertekenaar", _vrij("brief.functie")),
    "brief.afschrift": Definitie("", "afschriften (I.a.a.), gescheiden door ';'", _vrij("brief.afschrift")),
    "brief.sjabloon": Definitie("", "eigen Word-sjabloon voor de adviesbrief", bestand=_word_sjabloon),
    "brief.geadresseerde": Definitie(
        "College van burgemeester en wethouders",
        "adresvak van de brieven, regels gescheiden door ';'",
        _adresregels("brief.geadresseerde"),
    ),
    "brief.onderwerp": Definitie(
        "Advies over {onderwerp}", "onderwerpregel van de adviesbrief; {onderwerp} wordt het onderwerp", _onderwerpregel
    ),
    "brief.sjabloon_herinnering": Definitie(
        "", "eigen Word-sjabloon voor de herinnering", bestand=_herinneringssjabloon
    ),
    "herinnering.nieuwe_termijn_dagen": Definitie(
        "14",
        "dagen na een herinnering waarbinnen we de reactie nu verwachten",
        controleer=_geheel_getal("herinnering.nieuwe_termijn_dagen", 1, 90),
    ),
    "web.sessie_minuten": Definitie(
        "480",
        "minuten zonder activiteit waarna de webpagina opnieuw om inloggen vraagt",
        controleer=_geheel_getal("web.sessie_minuten", 5, 10080, "minuten"),
    ),
    "web.sessie_max_uren": Definitie(
        "24",
        "uren waarna een sessie van de webpagina hoe dan ook eindigt",
        controleer=_geheel_getal("web.sessie_max_uren", 1, 720, "uren"),
    ),
    "web.pdf_tegelijk": Definitie(
        "1",
        "hoeveel PDF's de webpagina tegelijk mag maken (elk start LibreOffice)",
        controleer=_geheel_getal("web.pdf_tegelijk", 1, 16, "PDF's"),
    ),
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


# Settings are read with Core (opslag.leestabellen), on a read command's plain connection or on a
# session's: `zet` writes them with one Core statement too, so a session never holds one unflushed.


def lees(bron: Session | Connection, sleutel: str) -> str:
    """The value of a setting, or its default."""
    standaard = definitie(sleutel).standaard
    waarde = verbinding_van(bron).execute(select(instelling.c.waarde).where(instelling.c.sleutel == sleutel)).scalar()
    return standaard if waarde is None else str(waarde)


def lees_bestand(bron: Session | Connection, sleutel: str) -> bytes | None:
    definitie(sleutel)
    inhoud = verbinding_van(bron).execute(select(instelling.c.inhoud).where(instelling.c.sleutel == sleutel)).scalar()
    return None if inhoud is None else bytes(inhoud)


def alle(bron: Session | Connection) -> dict[str, str]:
    rijen = verbinding_van(bron).execute(select(instelling.c.sleutel, instelling.c.waarde))
    opgeslagen = {sleutel: waarde for sleutel, waarde in rijen}
    return {sleutel: opgeslagen.get(sleutel, d.standaard) for sleutel, d in DEFINITIES.items()}


def zet(sessie: Session, rechten: Rechten, sleutel: str, waarde: str) -> str:
    """Store a setting (secretaris); for a file setting `waarde` is the path of the file to store (or '' to clear)."""
    rechten.vereis_secretaris()
    door = rechten.gebruiker
    d = definitie(sleutel)
    inhoud: bytes | None = None
    if d.bestand is not None and waarde:
        inhoud = lees_bytes(Path(waarde), maximum=BESTAND_MAXIMUM)
        d.bestand(inhoud)
        waarde = veilige_bestandsnaam(Path(waarde).name)
    elif d.controleer is not None:
        waarde = d.controleer(waarde)
    waarden = {**alle(sessie), sleutel: waarde}
    controleer_samenhang(waarden)
    _controleer_opmaak(sleutel, waarden)
    from opslag.modellen import Instelling  # the ORM only where a setting is written

    _bewaar(
        sessie,
        Instelling(sleutel=sleutel, waarde=waarde, inhoud=inhoud, gewijzigd_op=datetime.now(UTC), gewijzigd_door=door),
    )
    return waarde


def _bewaar(sessie: Session, rij: Instelling) -> None:
    """Insert or update in one statement: two people setting a setting for the first time at
    once would otherwise both insert it, and on PostgreSQL one of them would fail."""
    from sqlalchemy.dialects import postgresql, sqlite

    from opslag.modellen import Instelling

    waarden = rij.model_dump()
    dialect = postgresql if sessie.get_bind().dialect.name == "postgresql" else sqlite
    opdracht = dialect.insert(Instelling).values(**waarden)
    sessie.execute(
        opdracht.on_conflict_do_update(
            index_elements=["sleutel"], set_={k: v for k, v in waarden.items() if k != "sleutel"}
        )
    )
    sessie.get(Instelling, rij.sleutel, populate_existing=True)  # a copy this session already holds is refreshed
