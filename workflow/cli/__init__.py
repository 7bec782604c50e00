"""The `advies` command. Each module holds one group of commands, loaded when one of its commands
runs; they import their domain code inside the command, so `advies --help` starts without loading
the database layer."""

from __future__ import annotations

import click

from workflow.cli.basis import CONTEXT, AdviesGroep, vernederlands

# Each command and the module in workflow/cli/ that holds it, imported only when the command runs.
OPDRACHTEN = {
    **dict.fromkeys(("init", "instelling", "gebruiker"), "beheer"),
    **dict.fromkeys(("aanvraag", "nieuw", "aanvulling"), "registratie"),
    **dict.fromkeys(
        ("concept", "agenderen", "vaststellen", "terugsturen", "verzenden", "reactie", "intrekken", "termijn"),
        "levensloop",
    ),
    **dict.fromkeys(("opschorten", "feestdag", "signalen", "agenda", "abonnement"), "termijnen"),
    **dict.fromkeys(("corrigeer", "bijlage", "document"), "correcties"),
    **dict.fromkeys(("lijst", "toon", "achterstallig"), "overzicht"),
    **dict.fromkeys(("brief", "herinnering", "sjabloon"), "brieven"),
    "jaaroverzicht": "jaaroverzicht",
    "archief": "archief",
    "demo": "demo",
    "web": "web",
    "uitgaand": "uitgaand",
}


@click.group(cls=AdviesGroep, context_settings=CONTEXT, opdrachten=OPDRACHTEN)
def cli() -> None:
    """Advieswerk: de adviezen van de cliëntenraad, van aanvraag tot reactie van het college.

    \b
    Eerst eenmalig:   advies init
    Een maand werk:   advies aanvraag, concept, agenderen, vaststellen, verzenden, reactie
    Wat loopt uit:    advies achterstallig, herinnering
    Termijnen:        advies signalen, opschorten, feestdag, agenda, abonnement
    Brieven:          advies brief, sjabloon
    Vergissingen:     advies corrigeer, bijlage, document
    Na het opslaan:   advies uitgaand
    Hulp per opdracht: advies OPDRACHT --help
    """


vernederlands(cli)


def main() -> None:
    cli.main(prog_name="advies")
