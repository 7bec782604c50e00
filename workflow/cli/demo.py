"""`advies demo`: a walk-through, or N generated advices for trying and measuring."""

from __future__ import annotations

import click

from workflow.cli.omgeving import omgeving


@click.command()
@click.option(
    "--aantal",
    type=click.IntRange(1, 1_000_000),
    help="Maak N gegenereerde adviezen, gelijk verdeeld over 2016-2025 en over alle statussen.",
)
def demo(aantal: int | None) -> None:
    """Vul een lege database met voorbeeldadviezen.

    Zonder --aantal: een rondleiding van enkele adviezen door alle statussen, gedateerd in de
    afgelopen maanden, met hun brieven (concepten, verzonden brieven, een herinnering) in
    ADVIES_HOME/documenten. Met --aantal N: N gegenereerde adviezen in één keer, om mee te meten;
    elk loopt de kortste weg door de toestandsmachine naar zijn status. Breekt één rij een regel
    van het register, dan wordt niets opgeslagen.
    Een nieuwe map of database wordt eerst ingericht (zoals 'advies init'); een database die al
    adviezen bevat, wordt geweigerd.

    \b
    Voorbeelden:
      ADVIES_HOME=/tmp/proef advies demo
      ADVIES_HOME=/tmp/groot advies demo --aantal 1000
    """
    import time
    from datetime import date

    from workflow import demo as voorbeeld

    _richt_in_als_nieuw()
    if aantal is None:
        kenmerken = omgeving().wijzigen(lambda s, wie: voorbeeld.rondleiding(s, wie, date.today()))
        click.echo(f"Rondleiding klaar: {', '.join(kenmerken)}.")
        _schrijf_brieven()
        click.echo("Bekijk ze met 'advies lijst', 'advies toon KENMERK' en 'advies achterstallig'.")
        return
    begin = time.perf_counter()
    omgeving().wijzigen(lambda s, wie: voorbeeld.genereer(s, wie, aantal))
    click.echo(f"{aantal} adviezen aangemaakt in {time.perf_counter() - begin:.1f} s.")


def _schrijf_brieven() -> None:
    """Write every letter of the walk-through to ADVIES_HOME/documenten."""
    from workflow.bestanden import documentenmap, schrijf_bytes
    from workflow.brieven import alle_brieven

    map_ = documentenmap()
    with omgeving().lezen() as (s, _wie):
        brieven = alle_brieven(s)
    for naam, inhoud in brieven:
        schrijf_bytes(map_ / naam, inhoud, overschrijf=False)
    click.echo(f"{len(brieven)} brieven geschreven naar {map_}: {', '.join(naam for naam, _ in brieven)}.")


def _richt_in_als_nieuw() -> None:
    """A fresh home gets its database first, so `ADVIES_HOME=/tmp/proef advies demo` works on its own.
    An existing database is left alone: upgrading it is for `advies init`."""
    from opslag import schema
    from opslag.configuratie import schrijf_standaardconfiguratie

    engine = omgeving().engine(controleer_schema=False)
    if schema.huidige_versie(engine) is None:
        schrijf_standaardconfiguratie()
        schema.upgrade(engine)
        click.echo("Nieuwe database ingericht.")
    else:
        schema.controleer(engine)
