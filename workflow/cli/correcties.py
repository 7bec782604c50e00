"""`advies corrigeer`, `advies bijlage` and `advies document`: mending what was entered and
reaching every stored document."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from workflow.cli.omgeving import omgeving
from workflow.cli.opties import DATUM, datum_vandaag, json_optie, kenmerk_argument
from workflow.cli.uitvoer import meld
from workflow.domein.datums import lange_datum


@click.command()
@kenmerk_argument
@click.option("--onderwerp", help="Het juiste onderwerp.")
@click.option("--uw-kenmerk", help='Het juiste kenmerk van de brief van het college ("" wist het).')
@click.option("--ontvangen", type=DATUM, help="De juiste datum waarop de aanvraag binnenkwam (JJJJ-MM-DD).")
@click.option("--termijn", type=DATUM, help="De juiste adviestermijn (JJJJ-MM-DD).")
@click.option("--uiterlijk", type=DATUM, help="De juiste reactietermijn van een verzonden advies (JJJJ-MM-DD).")
@click.option("--reden", required=True, help="Waarom het wordt gecorrigeerd; komt in de geschiedenis.")
@json_optie
def corrigeer(
    kenmerk: str,
    onderwerp: str | None,
    uw_kenmerk: str | None,
    ontvangen: date | None,
    termijn: date | None,
    uiterlijk: date | None,
    reden: str,
    als_json: bool,
) -> None:
    """Corrigeer de registratie van advies KENMERK (secretaris): een tikfout, een verkeerde datum.

    Elke wijziging komt in de geschiedenis, met de oude en de nieuwe waarde en de reden.
    Onderwerp, uw kenmerk en ontvangstdatum staan in de brieven: na verzenden liggen ze vast.
    De ontvangstdatum blijft in het jaar van het kenmerk, ligt niet in de toekomst en niet na
    een latere stap; de adviestermijn ligt niet vóór de ontvangstdatum. De reactietermijn
    (--uiterlijk) van een verzonden advies dat nog op antwoord wacht, corrigeert u als een
    herberekening hem niet goed kan zetten; zo'n gecorrigeerde datum wordt niet meer herberekend.

    \b
    Voorbeeld:
      advies corrigeer CRA 2020-03 --onderwerp "Inzet armoedemiddelen 2020" --reden "Tikfout"
      advies corrigeer CRA 2020-02 --uiterlijk 2020-03-16 --reden "De herberekening kende het besluit niet"
    """
    from workflow.correcties import Correctie
    from workflow.correcties import corrigeer as corrigeren

    correctie = Correctie(onderwerp, uw_kenmerk, ontvangen, termijn, uiterlijk)
    advies = omgeving().wijzig_advies(kenmerk, lambda s, wie: corrigeren(s, wie, kenmerk, correctie, reden))
    meld(advies, f"{advies.kenmerk} is gecorrigeerd; 'advies toon {advies.kenmerk}' laat de wijziging zien.", als_json)


@click.command()
@kenmerk_argument
@click.option(
    "--document",
    "pad",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Het bestand dat bij het advies komt (hoogstens 50 MB).",
)
@click.option(
    "--soort",
    type=click.Choice(["reactie", "overig"]),
    default="reactie",
    show_default=True,
    help="reactie: de brief van het college; overig: iets anders.",
)
@datum_vandaag("--datum", "Datum van het document (JJJJ-MM-DD).")
@json_optie
def bijlage(kenmerk: str, pad: Path, soort: str, datum: date, als_json: bool) -> None:
    """Voeg een document toe aan advies KENMERK, in elke status (secretaris).

    Bijvoorbeeld de reactiebrief van het college die pas na 'advies reactie' binnenkwam. Het
    document wordt in de database bewaard en in de geschiedenis vastgelegd; de status blijft.

    \b
    Voorbeeld:
      advies bijlage CRA 2020-02 --document reactie-bijlage.pdf --datum 2020-03-25
    """
    from workflow import correcties
    from workflow.bestanden import Bestand, lees_bytes

    # The file is read here, before the transaction opens: the service takes its name and bytes.
    bestand = Bestand(pad.name, lees_bytes(pad, maximum=correcties.MAX_BIJLAGE))
    advies, document = omgeving().wijzig_advies(
        kenmerk, lambda s, wie: correcties.voeg_bijlage_toe(s, wie, kenmerk, bestand, soort, datum)
    )
    meld(advies, f"{document.bestandsnaam} bewaard bij {advies.kenmerk} ({soort}).", als_json)


@click.command()
@kenmerk_argument
@click.option(
    "--soort",
    type=click.Choice(["concept", "brief", "herinnering", "reactie", "overig"]),
    help="Welk soort document (standaard: de brief die 'advies brief' schrijft).",
)
@click.option(
    "--versie",
    type=click.IntRange(min=1),
    help="Bij concept: de conceptbrief van tekstversie N; anders het N-de document van die soort.",
)
@click.option("--uit", type=click.Path(path_type=Path), help="Bestand of map (standaard: ADVIES_HOME/documenten).")
@click.option("--overschrijf", is_flag=True, help="Overschrijf een bestaand bestand.")
def document(kenmerk: str, soort: str | None, versie: int | None, uit: Path | None, overschrijf: bool) -> None:
    """Schrijf een opgeslagen document van advies KENMERK terug naar een bestand, byte voor byte.

    Brieven (concept, brief, herinnering), de reactie van het college en bijlagen; 'advies toon
    KENMERK' laat zien welke er zijn. Zonder --soort: de laatste brief. Een bestaand bestand
    blijft staan, tenzij --overschrijf.

    \b
    Voorbeelden:
      advies document CRA 2020-02 --soort reactie
      advies document CRA 2020-02 --soort concept --versie 1 --uit concept-v1.docx
    """
    from workflow.correcties import zoek_document

    with omgeving().lezen() as (s, _wie):
        gevonden = zoek_document(s, kenmerk, soort, versie)
        naam, inhoud, datum, welke = gevonden.bestandsnaam, gevonden.inhoud, gevonden.datum, gevonden.soort
    from workflow.bestanden import schrijf_bytes, uitvoerpad

    pad = uitvoerpad(uit, naam, overschrijf=overschrijf)
    schrijf_bytes(pad, inhoud, overschrijf=overschrijf)
    click.echo(f"{welke.capitalize()} ({lange_datum(datum)}) geschreven naar {pad}")
