"""The shared settings of docs/cli.md, stored in the database so every user of it sees the same."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from adviesfouten import NietGevonden, OngeldigeInvoer
from opslag.database import verbinding_van
from opslag.leestabellen import instelling
from workflow import invoer
from workflow.bestanden import MB, Bestand, begrens, veilige_bestandsnaam
from workflow.domein.rechten import Rechten

if TYPE_CHECKING:
    from sqlmodel import Session

    from opslag.modellen import Instelling

BESTAND_MAXIMUM = 10 * MB  # a logo or a letter template


@dataclass(frozen=True)
class Definitie:
    """One setting: its Python type, its default as stored (text), its bounds and what it means, in
    Dutch, for every face that shows the settings. Declared once, as a field of `Instellingen`."""

    soort: type[str] | type[int] | type[bool] | type[bytes]  # bytes: a file, stored as its name and its bytes
    standaard: str
    omschrijving: str
    controleer: Callable[[str, str], str] | None = None  # (sleutel, text): the text as stored, or a refusal
    bestand: Callable[[bytes], None] | None = None  # a file setting: checks the file's bytes
    laagste: int | None = None  # an int setting's bounds, inclusive
    hoogste: int | None = None
    eenheid: str = "dagen"

    def normaliseer(self, sleutel: str, waarde: str) -> str:
        """The text to store for `waarde`, or a Dutch refusal."""
        if self.soort is int:
            return _geheel_getal(sleutel, waarde, self.laagste or 0, self.hoogste or 0, self.eenheid)
        if self.soort is bool:
            return _ja_nee(sleutel, waarde)
        return waarde if self.controleer is None else self.controleer(sleutel, waarde)

    def waarde(self, sleutel: str, tekst: str) -> str | int | bool:
        """The stored text as the setting's Python type (a file setting: its file name)."""
        if self.soort is int:
            return int(self.normaliseer(sleutel, tekst))
        if self.soort is bool:
            return self.normaliseer(sleutel, tekst) == "ja"
        return tekst


def _ja_nee(sleutel: str, waarde: str) -> str:
    genormaliseerd = waarde.strip().lower()
    if genormaliseerd not in ("ja", "nee"):
        raise OngeldigeInvoer(f"{sleutel} is 'ja' of 'nee', niet '{waarde}'")
    return genormaliseerd


def _geheel_getal(sleutel: str, waarde: str, laagste: int, hoogste: int, eenheid: str) -> str:
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    if not re.fullmatch(r"[0-9]{1,6}", waarde.strip()) or not laagste <= int(waarde) <= hoogste:
        raise OngeldigeInvoer(
            f"{sleutel} moet een heel aantal {eenheid} van {laagste} tot en met {hoogste} zijn, niet '{waarde}'"
        )
    return str(int(waarde))


def _voorvoegsel(_sleutel: str, waarde: str) -> str:
    # Only A-Z: a prefix must be typed back on any keyboard and stay readable in a file name.
    waarde = waarde.strip().upper()
    if not re.fullmatch(r"[A-Z]{1,6}", waarde):
        raise OngeldigeInvoer(
            f"een kenmerkvoorvoegsel bestaat uit 1 tot 6 letters A-Z, niet '{invoer.zichtbaar(waarde)}'"
        )
    return waarde


def _verplicht(sleutel: str, waarde: str) -> str:
    return invoer.regel(waarde, sleutel, invoer.INSTELLING)


def _vrij(sleutel: str, waarde: str) -> str:
    return invoer.regel(waarde, sleutel, invoer.INSTELLING, leeg_mag=True)


def _afbeelding(inhoud: bytes) -> None:
    """A PNG or JPG that Word can show: python-docx must be able to read its size."""
    if not (inhoud.startswith(b"\x89PNG\r\n\x1a\n") or inhoud.startswith(b"\xff\xd8\xff")):
        raise OngeldigeInvoer("het logo moet een PNG- of JPG-afbeelding zijn")
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


def _adresregels(sleutel: str, waarde: str) -> str:
    """Lines separated by ';', with their inner spaces kept as entered."""
    invoer.regel(waarde, sleutel, invoer.INSTELLING, leeg_mag=True)  # characters and length
    return _ANDERE_WITRUIMTE.sub(" ", waarde).strip(" ")


def _controleer_opmaak(sleutel: str, waarden: dict[str, str]) -> None:
    """The letterhead and the addressee must fit the letter (sjablonen.briefmaten), checked only
    when one of them is set: a value stored earlier does not block other settings."""
    from sjablonen import briefmaten
    from sjablonen.brieven import regels

    if sleutel in ("organisatie.naam", "organisatie.adres"):
        briefmaten.controleer_briefhoofd(waarden["organisatie.naam"], regels(waarden["organisatie.adres"]))
    elif sleutel == "brief.geadresseerde":
        briefmaten.controleer_geadresseerde(regels(waarden["brief.geadresseerde"]))


def _onderwerpregel(_sleutel: str, waarde: str) -> str:
    from sjablonen.onderwerp import controleer_onderwerpregel

    return controleer_onderwerpregel(waarde)


# The declarations. Each helper returns a dataclass field whose default is the setting's typed default
# and whose metadata holds its Definitie: the field is the one place a setting is declared.
_DEFINITIE = "definitie"


def _tekst(standaard: str, omschrijving: str, controleer: Callable[[str, str], str]) -> str:
    return field(default=standaard, metadata={_DEFINITIE: Definitie(str, standaard, omschrijving, controleer)})


def _getal(standaard: int, laagste: int, hoogste: int, omschrijving: str, eenheid: str = "dagen") -> int:
    definitie = Definitie(int, str(standaard), omschrijving, laagste=laagste, hoogste=hoogste, eenheid=eenheid)
    return field(default=standaard, metadata={_DEFINITIE: definitie})


def _ja_of_nee(standaard: bool, omschrijving: str) -> bool:
    return field(default=standaard, metadata={_DEFINITIE: Definitie(bool, "ja" if standaard else "nee", omschrijving)})


def _bestand(omschrijving: str, controleer: Callable[[bytes], None]) -> str:
    return field(default="", metadata={_DEFINITIE: Definitie(bytes, "", omschrijving, bestand=controleer)})


@dataclass(frozen=True)
class Instellingen:
    """Every shared setting with its Python type, in the order `advies instelling` lists them: the
    attribute `groep_naam` is the setting `groep.naam`. `lees` fills it in one query.

    A file setting's attribute is the stored file's name ("" without one): its bytes can be megabytes
    and only a letter needs them (`lees_bestand`)."""

    organisatie_naam: str = _tekst("Cliëntenraad Werk & Inkomen", "naam van de raad in het briefhoofd", _verplicht)
    organisatie_adres: str = _tekst("", "postadres, regels gescheiden door ';'", _adresregels)
    organisatie_plaats: str = _tekst("Groningen", "plaats vóór de datum van een brief", _verplicht)
    organisatie_logo: str = _bestand("logo in het briefhoofd (PNG of JPG)", _afbeelding)
    kenmerk_advies: str = _tekst("CRA", "voorvoegsel van de adviesreeks", _voorvoegsel)
    kenmerk_brief: str = _tekst("CRB", "voorvoegsel van de briefreeks (herinneringen)", _voorvoegsel)
    termijn_reactie_weken: int = _getal(6, 1, 52, "weken die het college heeft om te reageren", "weken")
    termijn_termijnenwet: bool = _ja_of_nee(
        True,
        "ja: een reactietermijn die eindigt op een zaterdag, zondag of feestdag (Algemene termijnenwet) loopt door",
    )
    termijn_signaal_dagen: int = _getal(7, 0, 365, "signaal 'binnenkort': zoveel dagen vóór de reactietermijn")
    herinnering_na_dagen: int = _getal(14, 1, 365, "signaal 'herinneren': zoveel dagen te laat zonder herinnering")
    herinnering_escalatie_na: int = _getal(
        2, 1, 20, "signaal 'escaleren': na zoveel herinneringen zonder reactie", "herinneringen"
    )
    brief_ondertekenaar: str = _tekst("", "naam van wie de brieven ondertekent", _vrij)
    brief_functie: str = _tekst("", "functie van de ondertekenaar", _vrij)
    brief_afschrift: str = _tekst("", "afschriften (I.a.a.), gescheiden door ';'", _vrij)
    brief_sjabloon: str = _bestand("eigen Word-sjabloon voor de adviesbrief", _word_sjabloon)
    brief_geadresseerde: str = _tekst(
        "College van burgemeester en wethouders", "adresvak van de brieven, regels gescheiden door ';'", _adresregels
    )
    brief_onderwerp: str = _tekst(
        "Advies over {onderwerp}", "onderwerpregel van de adviesbrief; {onderwerp} wordt het onderwerp", _onderwerpregel
    )
    brief_sjabloon_herinnering: str = _bestand("eigen Word-sjabloon voor de herinnering", _herinneringssjabloon)
    herinnering_nieuwe_termijn_dagen: int = _getal(
        14, 1, 90, "dagen na een herinnering waarbinnen we de reactie nu verwachten"
    )
    web_sessie_minuten: int = _getal(
        480, 5, 10080, "minuten zonder activiteit waarna de webpagina opnieuw om inloggen vraagt", "minuten"
    )
    web_sessie_max_uren: int = _getal(24, 1, 720, "uren waarna een sessie van de webpagina hoe dan ook eindigt", "uren")
    web_herstel_uren: int = _getal(
        24, 1, 168, "uren dat een link om een wachtwoord opnieuw in te stellen werkt", "uren"
    )
    web_pdf_tegelijk: int = _getal(
        1, 1, 16, "hoeveel PDF's de webpagina tegelijk mag maken (elk start LibreOffice)", "PDF's"
    )


def sleutel_van(veld: str) -> str:
    """The setting an attribute of `Instellingen` stands for: `termijn_reactie_weken` is `termijn.reactie_weken`."""
    return veld.replace("_", ".", 1)


_VELDEN: dict[str, str] = {sleutel_van(veld.name): veld.name for veld in fields(Instellingen)}
DEFINITIES: dict[str, Definitie] = {sleutel_van(veld.name): veld.metadata[_DEFINITIE] for veld in fields(Instellingen)}


def controleer_waarde(sleutel: str, waarde: str, inhoud: bytes | None) -> None:
    """A stored value (from an archive) must be what `zet` would have stored."""
    d = definitie(sleutel)
    if d.bestand is not None:
        if waarde and inhoud is not None:
            veilige_bestandsnaam(waarde)
            d.bestand(inhoud)
        elif waarde or inhoud is not None:
            raise OngeldigeInvoer(f"{sleutel} heeft een bestandsnaam zonder bestand, of omgekeerd")
        return
    if d.normaliseer(sleutel, waarde) != waarde:
        raise OngeldigeInvoer(f"{sleutel} heeft de ongeldige waarde '{invoer.zichtbaar(waarde)}'")


def controleer_samenhang(waarden: dict[str, str]) -> None:
    """Rules across settings: the advice series and the letter series need different prefixes."""
    if waarden["kenmerk.advies"] == waarden["kenmerk.brief"]:
        raise OngeldigeInvoer(
            f"kenmerk.advies en kenmerk.brief moeten verschillen (nu beide '{waarden['kenmerk.advies']}'): "
            "anders zijn een advies en een herinnering niet uit elkaar te houden"
        )


def definitie(sleutel: str) -> Definitie:
    try:
        return DEFINITIES[sleutel]
    except KeyError:
        raise NietGevonden(f"onbekende instelling '{sleutel}'; bekend zijn: {', '.join(DEFINITIES)}") from None


# Settings are read with Core (opslag.leestabellen), on a read command's plain connection or on a
# session's: `zet` writes them with one Core statement too, so a session never holds one unflushed.


def _opgeslagen(bron: Session | Connection) -> dict[str, str]:
    rijen = verbinding_van(bron).execute(select(instelling.c.sleutel, instelling.c.waarde))
    return {sleutel: waarde for sleutel, waarde in rijen}


def lees(bron: Session | Connection) -> Instellingen:
    """Every setting, typed, in one query; a setting never set has its default."""
    opgeslagen = _opgeslagen(bron)
    waarden: dict[str, Any] = {
        veld: DEFINITIES[sleutel].waarde(sleutel, opgeslagen[sleutel])
        for sleutel, veld in _VELDEN.items()
        if sleutel in opgeslagen
    }
    return Instellingen(**waarden)


def lees_tekst(bron: Session | Connection, sleutel: str) -> str:
    """One setting as stored and shown (`advies instelling SLEUTEL`), or its default."""
    standaard = definitie(sleutel).standaard
    waarde = verbinding_van(bron).execute(select(instelling.c.waarde).where(instelling.c.sleutel == sleutel)).scalar()
    return standaard if waarde is None else str(waarde)


def lees_bestand(bron: Session | Connection, sleutel: str) -> bytes | None:
    definitie(sleutel)
    inhoud = verbinding_van(bron).execute(select(instelling.c.inhoud).where(instelling.c.sleutel == sleutel)).scalar()
    return None if inhoud is None else bytes(inhoud)


def alle(bron: Session | Connection) -> dict[str, str]:
    """Every setting as stored and shown, in the order of `Instellingen`."""
    opgeslagen = _opgeslagen(bron)
    return {sleutel: opgeslagen.get(sleutel, d.standaard) for sleutel, d in DEFINITIES.items()}


def zet(sessie: Session, rechten: Rechten, sleutel: str, waarde: str | Bestand) -> str:
    """Store a setting (secretaris) and return it as stored. A file setting takes the file as a
    `Bestand` (its name and bytes; the face that has a path reads it), or '' to clear it."""
    rechten.vereis_secretaris()
    door = rechten.gebruiker
    d = definitie(sleutel)
    inhoud: bytes | None = None
    if isinstance(waarde, Bestand):
        if d.bestand is None:
            raise OngeldigeInvoer(f"{sleutel} is een tekst, geen bestand")
        inhoud = begrens(waarde, BESTAND_MAXIMUM)
        d.bestand(inhoud)
        waarde = veilige_bestandsnaam(waarde.naam)
    elif d.bestand is not None:
        if waarde:
            raise OngeldigeInvoer(f"{sleutel} is een bestand: geef het bestand zelf, of '' om het te wissen")
    else:
        waarde = d.normaliseer(sleutel, waarde)
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
