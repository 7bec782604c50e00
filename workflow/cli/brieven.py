"""`advies brief`, `advies herinnering` and `advies sjabloon controleer|exporteer`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workflow.cli.omgeving import omgeving
from workflow.cli.opties import datum_vandaag, json_optie, kenmerk_argument
from workflow.cli.uitvoer import druk_json
from workflow.domein.datums import lange_datum

if TYPE_CHECKING:
    from sqlmodel import Session

    from workflow.domein.rechten import Rechten
    from workflow.rijen import AdviesRij

UIT = click.Path(path_type=Path)
SOORTNAMEN = {"concept": "conceptbrief", "brief": "verzonden brief", "herinnering": "herinnering", "reactie": "reactie"}


def _schrijf(pad: Path, inhoud: bytes, overschrijf: bool) -> None:
    from workflow.bestanden import schrijf_bytes

    schrijf_bytes(pad, inhoud, overschrijf=overschrijf)


@click.command()
@kenmerk_argument
@click.option("--versie", type=click.IntRange(1, 10_000), help="De conceptbrief van deze tekstversie.")
@click.option("--uit", type=UIT, help="Bestand of map om naar te schrijven (standaard: ADVIES_HOME/documenten).")
@click.option("--pdf", "als_pdf", is_flag=True, help="Schrijf een PDF (met LibreOffice) in plaats van .docx.")
@click.option("--overschrijf", is_flag=True, help="Vervang een bestaand bestand met dezelfde naam.")
def brief(kenmerk: str, versie: int | None, uit: Path | None, als_pdf: bool, overschrijf: bool) -> None:
    """Schrijf de brief van advies KENMERK als Word-bestand (of PDF).

    Zonder --versie: de verzonden brief, of zolang het advies niet is verzonden de conceptbrief van
    de laatste versie (met CONCEPT erop). Met --versie N: de conceptbrief van versie N. Met het
    kenmerk van een herinnering (CRB 2021-02) schrijft u die herinnering. De brief komt uit de
    database en is precies zoals hij is opgeslagen; 'advies toon KENMERK' laat alle brieven zien.

    \b
    Voorbeelden:
      advies brief CRA 2020-02
      advies brief 2020-2 --versie 1 --uit ~/Bureaublad
      advies brief 2020-2 --pdf
      advies brief "CRB 2021-02"
    """
    from adviesfouten import OngeldigeInvoer
    from sjablonen import pdf
    from workflow.bestanden import uitvoerpad
    from workflow.brieven import zoek_brief

    soort_bestand = ".pdf" if als_pdf else ".docx"
    if uit is not None and not uit.is_dir() and uit.suffix.lower() != soort_bestand:
        raise OngeldigeInvoer(
            f"'{uit.name}' moet eindigen op {soort_bestand}" + ("" if als_pdf else " (of gebruik --pdf)")
        )
    if als_pdf:
        pdf.vereis_soffice()
    with omgeving().lezen() as (s, _wie):
        document = zoek_brief(s, kenmerk, versie)
        naam, inhoud, soort, datum = document.bestandsnaam, document.inhoud, document.soort, document.datum
        tekstversie = document.tekstversie
    if als_pdf:
        naam = str(Path(naam).with_suffix(".pdf"))
        inhoud = pdf.naar_pdf(inhoud, naam)
    pad = uitvoerpad(uit, naam, overschrijf=overschrijf, inhoud=inhoud)
    _schrijf(pad, inhoud, overschrijf)
    over = f"versie {tekstversie}, " if tekstversie else ""
    click.echo(f"{SOORTNAMEN.get(soort, soort).capitalize()} ({over}{lange_datum(datum)}) geschreven naar {pad}")


@click.command()
@kenmerk_argument
@datum_vandaag("--datum", "Datum van de herinnering (JJJJ-MM-DD).")
@click.option("--uit", type=UIT, help="Bestand of map om naar te schrijven (standaard: ADVIES_HOME/documenten).")
@click.option("--overschrijf", is_flag=True, help="Vervang een bestaand bestand met dezelfde naam.")
@json_optie
def herinnering(kenmerk: str, datum: date, uit: Path | None, overschrijf: bool, als_json: bool) -> None:
    """Maak een herinneringsbrief voor een te late reactie op advies KENMERK.

    Alleen voor een verzonden advies zonder reactie waarvan de reactietermijn vóór DATUM is
    verstreken. De herinnering krijgt een eigen nummer in de briefreeks (CRB), noemt het
    kenmerk, het onderwerp, de verzenddatum en de uiterste reactiedatum van het advies, wordt
    opgeslagen en in de geschiedenis vastgelegd, en daarna als Word-bestand geschreven (lukt dat
    niet, dan probeert een volgende opdracht het opnieuw; zie 'advies uitgaand'). Een
    bestand in documenten/ met dat nummer dat niet uit het register komt (van een afgebroken
    opdracht), gaat opzij naar documenten/onderbroken/.

    \b
    Voorbeeld:
      advies herinnering CRA 2020-02 --datum 2020-03-20
    """
    from adviesfouten import AdviesFout, NietGevonden, OngeldigeInvoer, Storing
    from workflow import aflevering as afl
    from workflow.bestanden import controleer_doel, doelpad
    from workflow.invoer import zichtbaar
    from workflow.levensloop import herinner
    from workflow.overzichten import advies_als_dict
    from workflow.storing import haak
    from workflow.uitgaand import verwerk_een

    vaste_naam = uit is not None and not uit.is_dir()
    if uit is not None and vaste_naam:
        if not uit.parent.is_dir():
            raise NietGevonden(f"de map '{uit.parent}' bestaat niet; er is niets opgeslagen")
        if uit.suffix.lower() != ".docx":
            raise OngeldigeInvoer(f"'{uit.name}' moet eindigen op .docx; er is niets opgeslagen")
        try:
            controleer_doel(uit, overschrijf)
        except AdviesFout as fout:
            raise type(fout)(f"{fout}; er is niets opgeslagen") from None  # the same kind of refusal

    def maak(s: Session, wie: Rechten) -> tuple[AdviesRij, afl.Aflevering, int]:
        # The register changes in the transaction and the letter file is recorded in its outbox;
        # the file is written after the commit, so a number appears on paper only once the
        # register holds it (and a rolled-back or retried attempt writes nothing).
        advies, document = herinner(s, wie, kenmerk, datum)
        assert document.kenmerk is not None
        aflevering = afl.Aflevering(
            kenmerk=document.kenmerk,
            pad=doelpad(uit, document.bestandsnaam),
            inhoud=document.inhoud,
            overschrijf=overschrijf,
            vaste_naam=vaste_naam,
        )
        nummer = afl.neem_op(s, aflevering)
        haak("herinnering.voor_commit")
        return advies_als_dict(advies), aflevering, nummer

    register = omgeving()
    gegevens, aflevering, nummer = register.wijzig_advies(kenmerk, maak)
    haak("herinnering.na_commit")
    uitkomst = verwerk_een(register, nummer)
    if uitkomst is not None and uitkomst.fout is not None:
        raise Storing(uitkomst.fout)  # the letter is stored; writing its file failed
    # None: another dispatcher (a web server of this account) wrote it meanwhile.
    afgeleverd = afl.Afgeleverd(aflevering.kenmerk, aflevering.pad, None) if uitkomst is None else uitkomst.resultaat
    pad = afgeleverd.pad
    if afgeleverd.melding:
        click.echo(zichtbaar(afgeleverd.melding), err=True)
    if als_json:
        druk_json({**gegevens, "herinnering": {"kenmerk": aflevering.kenmerk, "bestand": str(pad)}})
    else:
        click.echo(f"Herinnering {aflevering.kenmerk} voor {gegevens['kenmerk']} opgeslagen en geschreven naar {pad}")


@click.group()
def sjabloon() -> None:
    """De Word-sjablonen van de brieven: controleren en de standaardsjablonen exporteren.

    Een eigen sjabloon gebruikt de raad met 'advies instelling brief.sjabloon BESTAND' (de
    adviesbrief) of 'advies instelling brief.sjabloon_herinnering BESTAND' (de herinnering); het
    wordt dan in de database opgeslagen, zodat iedereen dezelfde brieven maakt.

    \b
    Voorbeeld:
      advies sjabloon exporteer --uit mijn-brief.docx
      advies sjabloon controleer mijn-brief.docx
      advies instelling brief.sjabloon mijn-brief.docx
    """


SOORT_OPTIE = click.option(
    "--soort",
    type=click.Choice(["adviesbrief", "herinnering"]),
    default="adviesbrief",
    show_default=True,
    help="Het sjabloon van de adviesbrief of van de herinnering.",
)


@sjabloon.command("controleer")
@click.argument("bestand", type=click.Path(path_type=Path, dir_okay=False))
@SOORT_OPTIE
def sjabloon_controleer(bestand: Path, soort: str) -> None:
    """Controleer een eigen Word-sjabloon (BESTAND) voordat de raad het gebruikt.

    Meldt per fout de alinea: Jinja-syntaxfouten, variabelen die de brief niet levert, gekrulde
    aanhalingstekens van Word binnen een tag, tags die Word over alinea's heeft gesplitst, en alles
    wat niet op de lijst staat van wat een sjabloon mag (aanroepen, set, macro's, filters als attr
    en format, ...), en externe koppelingen of macro's in het bestand. Daarna wordt een proefbrief
    (met logo) gemaakt in hetzelfde begrensde hulpproces als elke echte brief. Bij een goed
    sjabloon: de variabelen die het gebruikt.

    \b
    Voorbeeld:
      advies sjabloon exporteer --uit mijn-brief.docx
      (pas mijn-brief.docx aan in Word)
      advies sjabloon controleer mijn-brief.docx
      advies instelling brief.sjabloon mijn-brief.docx
      advies sjabloon controleer mijn-herinnering.docx --soort herinnering
    """
    from sjablonen.brieven import VARIABELEN
    from sjablonen.controle import SjabloonFout, controleer_in_werker
    from workflow.bestanden import lees_bytes

    inhoud = lees_bytes(bestand)
    try:
        gebruikt = controleer_in_werker(inhoud, f"{soort}.docx")
    except SjabloonFout as fout:
        for regel in fout.fouten:
            click.echo(f"Fout: {regel}", err=True)
        sys.exit(1)
    click.echo(f"{bestand.name} is in orde. Het sjabloon gebruikt:")
    breedte = max(14, *(len(n) for n in gebruikt))
    for naam in gebruikt:
        click.echo(f"  {naam:<{breedte}} {VARIABELEN[f'{soort}.docx'][naam]}")


@sjabloon.command("exporteer")
@click.option("--uit", type=UIT, required=True, help="Bestand of map om het sjabloon naar te schrijven.")
@SOORT_OPTIE
@click.option("--overschrijf", is_flag=True, help="Overschrijf een bestaand bestand.")
def sjabloon_exporteer(uit: Path, soort: str, overschrijf: bool) -> None:
    """Schrijf het standaardsjabloon als beginpunt voor een eigen sjabloon.

    Open het in Word, pas opmaak en vaste tekst aan (de alineastijlen Brieftekst, Briefhoofd,
    Adresvak, Briefregel, Slotregel en Tussenkop bepalen het uiterlijk) en laat de tags tussen
    {{ }} en {% %} staan.

    \b
    Voorbeeld:
      advies sjabloon exporteer --uit mijn-brief.docx
      advies sjabloon exporteer --uit mijn-herinnering.docx --soort herinnering
    """
    from sjablonen.brieven import standaardsjabloon
    from workflow.bestanden import uitvoerpad

    pad = uitvoerpad(uit, f"{soort}.docx", overschrijf=overschrijf)
    _schrijf(pad, standaardsjabloon(f"{soort}.docx"), overschrijf)
    click.echo(f"Standaardsjabloon ({soort}) geschreven naar {pad}")
