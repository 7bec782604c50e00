"""`advies uitgaand`: the outbox, what waits or failed, and running its dispatcher by hand."""

from __future__ import annotations

import click

from workflow.cli.omgeving import omgeving
from workflow.cli.opties import json_optie
from workflow.cli.uitvoer import druk_json, tabel


@click.command()
@click.option("--verwerk", is_flag=True, help="Voer eerst uit wat aan de beurt is (wat mislukte, na zijn wachttijd).")
@json_optie
def uitgaand(verwerk: bool, als_json: bool) -> None:
    """Toon het uitgaande werk dat nog wacht of mislukte.

    Wat een opdracht buiten de database doet, zoals een herinnering als bestand schrijven, legt zij
    eerst vast in het register en doet zij pas na het opslaan. Wat dan mislukt (een volle schijf)
    of wordt onderbroken, wacht hier; elke volgende opdracht die iets opslaat probeert het opnieuw,
    na 1, 2, 4, ... minuten, tot 8 keer. Met --verwerk gebeurt dat nu.

    \b
    Voorbeelden:
      advies uitgaand
      advies uitgaand --verwerk
    """
    from workflow import uitgaand as domein

    register = omgeving()
    if verwerk:
        with register.inzien():
            pass  # only who may read the register may run its outbox (refused before anything is done)
        for regel in domein.regels(domein.verwerk(register)):
            click.echo(regel, err=regel.startswith("Let op:"))
    with register.inzien() as (verbinding, _wie):
        rijen = domein.openstaand(verbinding)
    if als_json:
        druk_json(
            [
                {"id": r.id, "soort": r.soort, "kenmerk": r.kenmerk, "pogingen": r.pogingen, "fout": r.laatste_fout}
                for r in rijen
            ]
        )
        return
    if not rijen:
        click.echo("Er wacht geen uitgaand werk.")
        return
    tabel(
        ["Nr", "Wat", "Toestand", "Laatste fout"],
        [[r.id, r.omschrijving, r.toestand, r.laatste_fout or ""] for r in rijen],
        titel="Uitgaand werk",
    )
