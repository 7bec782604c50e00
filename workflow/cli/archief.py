"""`advies archief exporteer` and `advies archief importeer`."""

from __future__ import annotations

from pathlib import Path

import click

from workflow.cli.omgeving import omgeving


@click.group()
def archief() -> None:
    """Het hele register in één archiefbestand, en terug in een lege database.

    Het archief (zip) bevat adviezen, versies, geschiedenis, documenten, instellingen en
    gebruikers, met een manifest en de sha256 van elk bestand. Zo verhuist een raad van SQLite
    naar PostgreSQL, of bewaart hij elk jaar een volledige kopie.
    """


@archief.command("exporteer")
@click.option(
    "--uit", "pad", required=True, type=click.Path(path_type=Path), help="Het archiefbestand (.zip) of een map."
)
@click.option("--overschrijf", is_flag=True, help="Overschrijf een bestaand bestand.")
def exporteer(pad: Path, overschrijf: bool) -> None:
    """Schrijf alles naar één archiefbestand (secretaris).

    \b
    Voorbeeld:
      advies archief exporteer --uit advieswerk-2020.zip
    """
    from datetime import date

    from workflow import archief as archiveren
    from workflow.bestanden import uitvoerpad

    doel = uitvoerpad(pad, f"advieswerk-archief-{date.today().isoformat()}.zip", overschrijf=overschrijf)
    with omgeving().lezen() as (s, wie):  # one read snapshot of the whole register
        aantallen = archiveren.exporteer(s, wie, doel, overschrijf=overschrijf)
    click.echo(f"Archief geschreven: {doel} ({_samenvatting(aantallen)}).")


@archief.command("importeer")
@click.argument("pad", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--controleer", "alleen_controleren", is_flag=True, help="Alleen controleren en elk probleem noemen; lees niets in."
)
def importeer(pad: Path, alleen_controleren: bool) -> None:
    """Lees een archief in een lege database in, alleen als advies zelf dit register had kunnen maken.

    Eerst worden elke sha256, elke rij (de regels van de opdracht die haar schrijft) en het
    register als geheel gecontroleerd: elke geschiedenis een pad van de toestandsmachine van
    registratie tot status, elke stap door iemand die hem mocht zetten, de brieven die de stappen
    maakten, kenmerken in de juiste vorm, geen datum in de toekomst of vóór 1990. Een beschadigd,
    gewijzigd of onmogelijk archief, of een database die niet leeg is, wordt geweigerd met het
    eerste probleem, en er wordt niets ingelezen. Met --controleer wordt niets ingelezen en
    noemt advies elk probleem.

    \b
    Voorbeelden:
      advies init
      advies archief importeer advieswerk-2020.zip
      advies archief importeer advieswerk-2020.zip --controleer
    """
    from adviesfouten import OngeldigeInvoer
    from workflow import archief as archiveren

    if alleen_controleren:
        problemen, aantallen = archiveren.controleer(pad)
        if problemen:
            for probleem in problemen:
                click.echo(f"- {probleem}")
            aantal = f"{len(problemen)} {'probleem' if len(problemen) == 1 else 'problemen'}"
            raise OngeldigeInvoer(f"'{pad.name}' heeft {aantal}; er is niets ingelezen")
        click.echo(f"Archief {pad} is in orde ({_samenvatting(aantallen)}); er is niets ingelezen.")
        return
    aantallen = omgeving().wijzigen(lambda s, wie: archiveren.importeer(s, wie, pad))
    click.echo(f"Archief ingelezen uit {pad} ({_samenvatting(aantallen)}).")


def _samenvatting(aantallen: dict[str, int]) -> str:
    return (
        f"{aantallen['advies']} adviezen, {aantallen['tekstversie']} tekstversies, "
        f"{aantallen['document']} documenten, {aantallen['geschiedenis']} regels geschiedenis, "
        f"{aantallen['gebruiker']} gebruikers, {aantallen['instelling']} instellingen"
    )
