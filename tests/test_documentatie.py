"""Every command is documented: help with an example, in Dutch."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from tests.conftest import voer_uit
from workflow.cli import cli
from workflow.cli.basis import AdviesGroep


def opdrachten(groep: click.Group, pad: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    gevonden = []
    for naam, opdracht in groep.commands.items():
        if isinstance(opdracht, click.Group):
            gevonden += opdrachten(opdracht, (*pad, naam))
        else:
            gevonden.append((*pad, naam))
    return gevonden


assert isinstance(cli, AdviesGroep)
cli.alle_opdrachten()  # the commands load when used; these tests walk them all
ALLE = opdrachten(cli)


def test_het_contract_van_cli_md_is_er() -> None:
    verwacht = {
        ("init",), ("instelling",), ("gebruiker", "toevoegen"), ("gebruiker", "lijst"), ("aanvraag",), ("nieuw",),
        ("aanvulling",), ("concept",), ("agenderen",), ("vaststellen",), ("terugsturen",), ("verzenden",),
        ("reactie",), ("intrekken",), ("termijn",), ("lijst",), ("toon",), ("achterstallig",), ("demo",),
        ("corrigeer",), ("bijlage",), ("document",), ("gebruiker", "wijzig"), ("gebruiker", "verwijder"),
    }  # fmt: skip
    assert verwacht <= set(ALLE)


@pytest.mark.parametrize("pad", ALLE, ids=" ".join)
def test_elke_opdracht_heeft_hulp_met_voorbeeld(home: Path, pad: tuple[str, ...]) -> None:
    hulp = voer_uit(*pad, "--help").stdout
    assert hulp.startswith(f"Gebruik: advies {' '.join(pad)}")
    assert "Voorbeeld" in hulp
    assert f"advies {' '.join(pad)}" in hulp.split("Voorbeeld", 1)[1]
    assert "Toon deze hulp en stop." in hulp


def test_hoofdhulp(home: Path) -> None:
    hulp = voer_uit("--help").stdout
    assert "Opdrachten:" in hulp and "Opties:" in hulp


ENGELS = ("[required]", "TEXT", "FILE", "PATH", "INTEGER", "RANGE", "x>=", "x<=", "<=x", "default:", "Usage", "Options")


@pytest.mark.parametrize("pad", [(), *ALLE], ids=lambda pad: " ".join(pad) or "advies")
def test_hulp_is_helemaal_nederlands(home: Path, pad: tuple[str, ...]) -> None:
    hulp = voer_uit(*pad, "--help").stdout
    assert [woord for woord in ENGELS if woord in hulp] == []
