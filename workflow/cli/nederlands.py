"""Click's own messages in Dutch: usage errors and help headings are user-facing text too.

Click looks every message up through `gettext` bound as `_` and `ngettext` in its modules; we
point those names at this table. A message not in it stays as click wrote it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

AANHALINGSTEKENS = 'zet een kenmerk of tekst met spaties tussen aanhalingstekens, bijvoorbeeld "CRA 2020-08"'

VERTALINGEN = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Error: {message}": "Fout: {message}",
    "Aborted!": "Afgebroken.",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende parameter",
    "Missing command.": "Geef een opdracht.",
    "Missing {param_type}": "{param_type} ontbreekt",
    "Missing parameter: {param_name}": "Ontbrekende parameter: {param_name}",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hulp.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "default: {default}": "standaard: {default}",
    "required": "verplicht",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "integer": "geheel getal",
    # Singular and plural forms used through ngettext.
    # An unquoted kenmerk or subject with a space is the usual cause: say how to write it.
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args}); " + AANHALINGSTEKENS,
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args}); " + AANHALINGSTEKENS,
    "Did you mean {possibility}?": "Bedoelt u {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Bedoelt u een van: {possibilities}?)",
    "Option {name!r} requires an argument.": "Optie {name!r} vraagt een waarde.",
    "Option {name!r} requires {nargs} arguments.": "Optie {name!r} vraagt {nargs} waarden.",
    "{value!r} is not {choice}.": "{value!r} is niet {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} is niet een van {choices}.",
}


def vertaal(bericht: str) -> str:
    return VERTALINGEN.get(bericht, bericht)


def vertaal_meervoud(enkelvoud: str, meervoud: str, aantal: int) -> str:
    return vertaal(enkelvoud if aantal == 1 else meervoud)


@contextmanager
def in_het_nederlands() -> Iterator[None]:
    """Click speaks Dutch while `advies` runs, and only then: another click program in the same
    process (a test runner, a host application) keeps its own messages."""
    vorige = [
        (module, naam, getattr(module, naam))
        for module in _MODULES
        for naam in ("_", "ngettext")
        if hasattr(module, naam)
    ]
    # Click also puts a type's name into its messages ("'x' is not a valid integer").
    typenamen = [(type_, type_.name) for type_ in (click.types.IntParamType, click.types.IntRange)]
    for module, naam, _oud in vorige:
        setattr(module, naam, vertaal if naam == "_" else vertaal_meervoud)
    for type_, _naam in typenamen:
        type_.name = "geheel getal"
    try:
        yield
    finally:
        for module, naam, oud in vorige:
            setattr(module, naam, oud)
        for type_, naam in typenamen:
            type_.name = naam


_MODULES = (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types)
