"""Shared parameter types and options."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import click


class Datum(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click stubs
    """A date written as JJJJ-MM-DD; an impossible date is a usage error."""

    name = "datum"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        tekst = str(value).strip()
        try:
            if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", tekst):
                return date.fromisoformat(tekst)
        except ValueError:
            pass
        self.fail(f"'{value}' is geen geldige datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2020-01-28", param, ctx)


DATUM = Datum()


def json_optie(functie: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON, voor scripts.")(functie)


def datum_vandaag(naam: str, uitleg: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A date option that defaults to today."""
    return click.option(naam, type=DATUM, default=date.today, show_default="vandaag", help=uitleg)


def _samengevoegd(_ctx: click.Context, _parameter: click.Parameter, delen: tuple[str, ...]) -> str:
    return " ".join(delen)


def kenmerk_argument(functie: Callable[..., Any]) -> Callable[..., Any]:
    """The one KENMERK of a command, also when typed without quotes: `advies toon CRA 2020-02`
    receives ("CRA", "2020-02") and the command gets "CRA 2020-02". Only for commands that take
    no other positional argument."""
    return click.argument("kenmerk", nargs=-1, required=True, metavar="KENMERK", callback=_samengevoegd)(functie)
