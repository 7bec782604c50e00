"""The `advies` command. Each module holds one group of commands; they import their domain
code inside the command, so `advies --help` starts without loading the database layer."""

from __future__ import annotations

import click

from workflow.cli import (
    archief,
    beheer,
    brieven,
    correcties,
    demo,
    jaaroverzicht,
    levensloop,
    overzicht,
    registratie,
    termijnen,
    web,
)
from workflow.cli.basis import CONTEXT, AdviesGroep, vernederlands


@click.group(cls=AdviesGroep, context_settings=CONTEXT)
def cli() -> None:
    """Advieswerk: de adviezen van de cliëntenraad, van aanvraag tot reactie van het college.

    \b
    Eerst eenmalig:   advies init
    Een maand werk:   advies aanvraag, concept, agenderen, vaststellen, verzenden, reactie
    Wat loopt uit:    advies achterstallig, herinnering
    Termijnen:        advies signalen, opschorten, feestdag, agenda
    Brieven:          advies brief, sjabloon
    Vergissingen:     advies corrigeer, bijlage, document
    Hulp per opdracht: advies OPDRACHT --help
    """


for _opdracht in (
    beheer.init,
    beheer.instelling,
    beheer.gebruiker,
    registratie.aanvraag,
    registratie.nieuw,
    registratie.aanvulling,
    levensloop.concept,
    levensloop.agenderen,
    levensloop.vaststellen,
    levensloop.terugsturen,
    levensloop.verzenden,
    levensloop.reactie,
    levensloop.intrekken,
    levensloop.termijn,
    termijnen.opschorten,
    termijnen.feestdag,
    termijnen.signalen,
    termijnen.agenda,
    correcties.corrigeer,
    correcties.bijlage,
    overzicht.lijst,
    overzicht.toon,
    overzicht.achterstallig,
    brieven.brief,
    correcties.document,
    brieven.herinnering,
    brieven.sjabloon,
    jaaroverzicht.jaaroverzicht,
    archief.archief,
    demo.demo,
    web.web,
):
    cli.add_command(_opdracht)
vernederlands(cli)


def main() -> None:
    cli.main(prog_name="advies")
