"""The steps of an advice: concept, agenderen, vaststellen, terugsturen, verzenden, reactie,
intrekken and termijn."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from workflow.cli.omgeving import omgeving
from workflow.cli.opties import DATUM, datum_vandaag, json_optie, kenmerk_argument
from workflow.cli.uitvoer import meld
from workflow.domein.datums import lange_datum
from workflow.domein.woorden import Oordeel, waarden


@click.command()
@kenmerk_argument
@click.option(
    "--tekst",
    "pad",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="De tekst van de brief: een .md-, .txt- of .docx-bestand.",
)
@json_optie
def concept(kenmerk: str, pad: Path, als_json: bool) -> None:
    """Sla een nieuwe conceptversie op van de tekst van advies KENMERK.

    Vanuit aangevraagd gaat het advies daarmee naar concept. Vanaf ter_vaststelling ligt de
    tekst vast; stuur het dan eerst terug.

    \b
    Voorbeeld:
      advies concept CRA 2020-02 --tekst werkprogramma.md
    """
    from sjablonen import werker

    werker.start()  # the worker preloads its libraries while this process imports its own
    from workflow.levensloop import sla_concept_op
    from workflow.tekst import blokken_uit, lees_bestand

    bron = lees_bestand(pad)
    blokken = blokken_uit(bron, pad.name)  # in the worker, before the transaction opens
    advies, versie = omgeving().wijzig_advies(
        kenmerk, lambda s, wie: sla_concept_op(s, wie, kenmerk, pad.name, bron, blokken)
    )
    meld(advies, f"{advies.kenmerk}: conceptversie {versie.versie} opgeslagen ({advies.status}).", als_json)


@click.command()
@kenmerk_argument
@click.option("--vergadering", type=DATUM, required=True, help="Datum van de plenaire vergadering (JJJJ-MM-DD).")
@json_optie
def agenderen(kenmerk: str, vergadering: date, als_json: bool) -> None:
    """Zet advies KENMERK op de agenda van de plenaire vergadering (ter_vaststelling).

    \b
    Voorbeeld:
      advies agenderen CRA 2020-02 --vergadering 2020-01-28
    """
    from workflow.levensloop import agendeer

    advies = omgeving().wijzig_advies(kenmerk, lambda s, wie: agendeer(s, wie, kenmerk, vergadering))
    meld(advies, f"{advies.kenmerk} staat op de agenda van {lange_datum(vergadering)} ({advies.status}).", als_json)


@click.command()
@kenmerk_argument
@datum_vandaag("--datum", "Datum van vaststelling (JJJJ-MM-DD).")
@json_optie
def vaststellen(kenmerk: str, datum: date, als_json: bool) -> None:
    """Stel advies KENMERK vast (voorzitter): de laatste conceptversie wordt de definitieve tekst.

    \b
    Voorbeeld:
      advies vaststellen CRA 2020-02 --datum 2020-01-28
    """
    from workflow.levensloop import stel_vast

    advies = omgeving().wijzig_advies(kenmerk, lambda s, wie: stel_vast(s, wie, kenmerk, datum))
    meld(
        advies,
        f"{advies.kenmerk} is vastgesteld op {lange_datum(datum)} (versie {advies.vastgestelde_versie}).",
        als_json,
    )


@click.command()
@kenmerk_argument
@click.option("--reden", required=True, help="Waarom het concept terug moet.")
@json_optie
def terugsturen(kenmerk: str, reden: str, als_json: bool) -> None:
    """Stuur advies KENMERK terug naar concept (voorzitter), met een reden.

    \b
    Voorbeeld:
      advies terugsturen CRA 2020-03 --reden "Eerst reactie van de werkgroep afwachten"
    """
    from workflow.levensloop import stuur_terug

    advies = omgeving().wijzig_advies(kenmerk, lambda s, wie: stuur_terug(s, wie, kenmerk, reden))
    meld(advies, f"{advies.kenmerk} is teruggestuurd naar concept.", als_json)


@click.command()
@kenmerk_argument
@datum_vandaag("--datum", "Verzenddatum (JJJJ-MM-DD).")
@json_optie
def verzenden(kenmerk: str, datum: date, als_json: bool) -> None:
    """Verzend het vastgestelde advies KENMERK; de reactietermijn gaat lopen.

    \b
    Voorbeeld:
      advies verzenden CRA 2020-02 --datum 2020-01-29
    """
    from sjablonen import werker

    werker.start()  # the final letter is rendered in the worker; it preloads meanwhile
    from workflow.levensloop import verzend

    advies = omgeving().wijzig_advies(kenmerk, lambda s, wie: verzend(s, wie, kenmerk, datum))
    meld(
        advies,
        f"{advies.kenmerk} is verzonden op {lange_datum(datum)}; "
        f"reactie uiterlijk {lange_datum(advies.reactie_uiterlijk)}.",
        als_json,
    )


@click.command()
@kenmerk_argument
@click.option("--ontvangen", type=DATUM, required=True, help="Datum waarop de reactie binnenkwam (JJJJ-MM-DD).")
@click.option("--oordeel", type=click.Choice(waarden(Oordeel)), help="Wat het college met het advies deed.")
@click.option("--samenvatting", help="Korte samenvatting van de reactie.")
@click.option(
    "--document", type=click.Path(path_type=Path, dir_okay=False), help="De reactiebrief, om mee op te slaan."
)
@json_optie
def reactie(
    kenmerk: str, ontvangen: date, oordeel: str | None, samenvatting: str | None, document: Path | None, als_json: bool
) -> None:
    """Leg de schriftelijke reactie van het college op advies KENMERK vast (beantwoord).

    \b
    Voorbeeld:
      advies reactie CRA 2020-02 --ontvangen 2020-03-25 --oordeel deels \\
          --samenvatting "Armoedeval wordt onderzocht" --document reactie.pdf
    """
    from workflow.bestanden import Bestand, lees_bytes
    from workflow.levensloop import registreer_reactie

    # The file is read here, before the transaction opens: the service takes its name and bytes.
    brief = None if document is None else Bestand(document.name, lees_bytes(document))
    advies = omgeving().wijzig_advies(
        kenmerk, lambda s, wie: registreer_reactie(s, wie, kenmerk, ontvangen, oordeel, samenvatting, brief)
    )
    meld(advies, f"Reactie op {advies.kenmerk} vastgelegd ({advies.status}).", als_json)


@click.command()
@kenmerk_argument
@click.option("--reden", required=True, help="Waarom het advies wordt ingetrokken.")
@json_optie
def intrekken(kenmerk: str, reden: str, als_json: bool) -> None:
    """Trek advies KENMERK in; het houdt zijn nummer.

    \b
    Voorbeeld:
      advies intrekken CRA 2020-01 --reden "Aanvraag door het college teruggenomen"
    """
    from workflow.levensloop import trek_in

    advies = omgeving().wijzig_advies(kenmerk, lambda s, wie: trek_in(s, wie, kenmerk, reden))
    meld(advies, f"{advies.kenmerk} is ingetrokken.", als_json)


@click.command()
@kenmerk_argument
@click.option("--tot", type=DATUM, required=True, help="De nieuwe uiterste datum voor de reactie (JJJJ-MM-DD).")
@click.option("--reden", required=True, help="De reden of afspraak van de verlenging.")
@json_optie
def termijn(kenmerk: str, tot: date, reden: str, als_json: bool) -> None:
    """Leg een verlengde reactietermijn van het college vast voor advies KENMERK.

    \b
    Voorbeeld:
      advies termijn CRA 2020-02 --tot 2020-04-01 --reden "Afgesproken met de wethouder"
    """
    from workflow.levensloop import verleng_termijn

    advies = omgeving().wijzig_advies(kenmerk, lambda s, wie: verleng_termijn(s, wie, kenmerk, tot, reden))
    meld(advies, f"Reactietermijn van {advies.kenmerk} verlengd tot {lange_datum(tot)}.", als_json)
