"""`advies aanvraag`, `advies nieuw` and `advies aanvulling`: registering an advice."""

from __future__ import annotations

from datetime import date

import click

from workflow.cli.omgeving import omgeving
from workflow.cli.opties import DATUM, json_optie
from workflow.cli.uitvoer import meld


@click.command()
@click.argument("onderwerp")
@click.option("--ontvangen", type=DATUM, required=True, help="Datum waarop de aanvraag binnenkwam (JJJJ-MM-DD).")
@click.option("--uw-kenmerk", help="Het kenmerk van de brief van het college.")
@click.option("--termijn", type=DATUM, help="Adviestermijn: de datum waarop het college het advies wil hebben.")
@json_optie
def aanvraag(onderwerp: str, ontvangen: date, uw_kenmerk: str | None, termijn: date | None, als_json: bool) -> None:
    """Registreer een adviesaanvraag van het college (status aangevraagd).

    Het advies krijgt het volgende kenmerk van het jaar van ontvangst.

    \b
    Voorbeeld:
      advies aanvraag "Werkprogramma 2020-2022" --ontvangen 2020-01-10 \\
          --uw-kenmerk "WI/2020/0042" --termijn 2020-02-07
    """
    from workflow.registratie import registreer_aanvraag

    advies = omgeving().wijzigen(lambda s, wie: registreer_aanvraag(s, wie, onderwerp, ontvangen, uw_kenmerk, termijn))
    meld(advies, f"Aanvraag geregistreerd: {advies.kenmerk} {advies.onderwerp} ({advies.status})", als_json)


@click.command()
@click.argument("onderwerp")
@click.option("--datum", type=DATUM, default=date.today, show_default="vandaag", help="Registratiedatum (JJJJ-MM-DD).")
@json_optie
def nieuw(onderwerp: str, datum: date, als_json: bool) -> None:
    """Registreer een ongevraagd advies (status concept).

    \b
    Voorbeeld:
      advies nieuw "Inzet armoedemiddelen in 2020" --datum 2020-02-20
    """
    from workflow.registratie import registreer_ongevraagd

    advies = omgeving().wijzigen(lambda s, wie: registreer_ongevraagd(s, wie, onderwerp, datum))
    meld(advies, f"Ongevraagd advies geregistreerd: {advies.kenmerk} {advies.onderwerp} ({advies.status})", als_json)


@click.command()
@click.argument("kenmerk")
@click.argument("onderwerp")
@click.option("--datum", type=DATUM, default=date.today, show_default="vandaag", help="Registratiedatum (JJJJ-MM-DD).")
@json_optie
def aanvulling(kenmerk: str, onderwerp: str, datum: date, als_json: bool) -> None:
    """Registreer een aanvulling op advies KENMERK: het krijgt hetzelfde nummer met een letter.

    \b
    Voorbeeld:
      advies aanvulling 2020-02 "Werkprogramma: ervaringen van deelnemers"
      (geeft CRA 2020-02A, daarna 02B; een kenmerk met een spatie tussen aanhalingstekens)
    """
    from workflow.registratie import registreer_aanvulling

    advies = omgeving().wijzigen(lambda s, wie: registreer_aanvulling(s, wie, kenmerk, onderwerp, datum))
    meld(advies, f"Aanvulling geregistreerd: {advies.kenmerk} {advies.onderwerp} ({advies.status})", als_json)
