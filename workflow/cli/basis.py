"""The `advies` group: one place where every error becomes one Dutch `Fout:` line.

Exit status: 0 done, 1 refused or failed, 2 wrong usage; a refusal is 1 whatever its kind
(`AFSLUITCODE`). No traceback reaches a user; an
unexpected error is written to `fouten.log` in ADVIES_HOME (ADVIES_DEBUG=1 re-raises it). A
database error is always told in Dutch: by its diagnosis (opslag.diagnose), or, for one no rule
knows, by its code with the driver's own text in the log.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from collections.abc import Mapping, Sequence
from typing import Any, NoReturn

import click

from adviesfouten import AdviesFout, Conflict, GeenRecht, NietGevonden, OngeldigeInvoer, Storing
from workflow.cli.nederlands import in_het_nederlands

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# The exit status of each kind of refusal (adviesfouten), the one table the CLI decides by. The
# contract (docs/cli.md) is 1 for every refusal and 2 for wrong usage only: scripts that test for 1
# keep working, and the kind is in the type for a face that needs it (the web page's status code).
AFSLUITCODE: dict[type[AdviesFout], int] = {
    NietGevonden: 1,
    GeenRecht: 1,
    Conflict: 1,
    OngeldigeInvoer: 1,
    Storing: 1,
    AdviesFout: 1,  # a refusal none of the kinds fits
}


class AdviesGroep(click.Group):
    """The `advies` group. Its commands are loaded when used: `opdrachten` maps each command's name
    to its module in workflow.cli, so `advies lijst` imports the module of `lijst` and not the
    thirty others (help that lists them all loads them all)."""

    def __init__(self, *args: Any, opdrachten: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.opdrachten = dict(opdrachten or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.opdrachten})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.opdrachten:
            self._laad(cmd_name)
        return super().get_command(ctx, cmd_name)

    def alle_opdrachten(self) -> dict[str, click.Command]:
        """Every command, loaded (for the tests that walk them all)."""
        for naam in self.opdrachten:
            if naam not in self.commands:
                self._laad(naam)
        return dict(sorted(self.commands.items()))

    def _laad(self, naam: str) -> None:
        opdracht = getattr(importlib.import_module(f"workflow.cli.{self.opdrachten[naam]}"), naam)
        vernederlands(opdracht)
        self.add_command(opdracht, naam)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> NoReturn:
        with in_het_nederlands():
            try:
                uitkomst = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            except click.exceptions.NoArgsIsHelpError as hulp:
                click.echo(hulp.ctx.get_help())
                sys.exit(0)
            except click.UsageError as fout:
                hint = f" Zie '{fout.ctx.command_path} --help'." if fout.ctx else ""
                _stop(f"{fout.format_message().rstrip('.')}.{hint}", 2)
            except click.ClickException as fout:
                _stop(fout.format_message(), 1)
            except (click.Abort, KeyboardInterrupt):
                _stop("afgebroken", 1)
            except Exception as fout:  # noqa: BLE001 - the one place that turns errors into a Fout line
                _stop(_bericht(fout), afsluitcode(fout))
            sys.exit(uitkomst if isinstance(uitkomst, int) else 0)


def vernederlands(opdracht: click.Command) -> None:
    """Dutch placeholders in the usage lines and option lists of a command and everything below it:
    click would write TEXT, FILE, PATH, INTEGER RANGE and x>=1."""
    opdracht.options_metavar = "[OPTIES]"
    for parameter in opdracht.params:
        _vernederlands_parameter(parameter)
    if isinstance(opdracht, click.Group):
        opdracht.subcommand_metavar = "OPDRACHT [ARGUMENTEN]..."
        for onder in opdracht.commands.values():
            vernederlands(onder)


class Bereik(click.IntRange):
    """An IntRange that describes its bounds in Dutch, in the help and in the refusal, and reads
    only the digits 0-9: int() also reads full-width and other scripts' digits ("２０２０")."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip().lstrip("+-").isascii():
            self.fail(f"'{value}' is geen geldig geheel getal (alleen de cijfers 0-9)", param, ctx)
        return super().convert(value, param, ctx)

    def _describe_range(self) -> str:
        onder = None if self.min is None else (f"meer dan {self.min}" if self.min_open else f"vanaf {self.min}")
        boven = None if self.max is None else (f"minder dan {self.max}" if self.max_open else f"tot en met {self.max}")
        return " ".join(deel for deel in (onder, boven) if deel)


def _vernederlands_parameter(parameter: click.Parameter) -> None:
    """Click names a path type ("file") when the command is built, before our translations are
    installed; its messages ("File 'x' is a directory") follow that name, its placeholders the type."""
    from workflow.cli.nederlands import vertaal

    soort = parameter.type
    if isinstance(soort, click.Path):
        soort.name = vertaal(soort.name)
    if isinstance(soort, click.IntRange) and not isinstance(soort, Bereik):
        parameter.type = Bereik(soort.min, soort.max, soort.min_open, soort.max_open, soort.clamp)
    if isinstance(parameter, click.Option) and parameter.metavar is None and not parameter.is_flag:
        parameter.metavar = _metavar(parameter.type)


def _metavar(soort: object) -> str | None:
    """The Dutch placeholder for a type; None keeps click's own (choices, our DATUM)."""
    if isinstance(soort, click.Path):
        return "MAP" if not soort.file_okay else "BESTAND" if not soort.dir_okay else "PAD"
    if isinstance(soort, click.types.IntParamType | click.types.FloatParamType):
        return "GETAL"
    if isinstance(soort, click.types.StringParamType):
        return "TEKST"
    return None


def _stop(bericht: str, code: int) -> NoReturn:
    # One line, and what the user typed is echoed with its control characters shown, not obeyed.
    from workflow.invoer import zichtbaar

    click.echo(f"Fout: {zichtbaar(' '.join(bericht.split()))}", err=True)
    sys.exit(code)


def afsluitcode(fout: Exception) -> int:
    """The exit status for an error: by its kind (AFSLUITCODE); 1 for any other failure."""
    return next((code for soort, code in AFSLUITCODE.items() if isinstance(fout, soort)), 1)


def _bericht(fout: Exception) -> str:
    """A Dutch sentence for a known error; for anything else a pointer to the log."""
    from sqlalchemy.exc import DBAPIError

    from opslag import diagnose

    if isinstance(fout, AdviesFout):  # every kind, the storage layer's OpslagFout included
        return str(fout)
    if isinstance(fout, OSError) and fout.errno is not None:
        # A file or folder the user named that the system refuses (a name too long, no rights).
        from opslag.diagnose import bestandsoorzaak

        naam = str(fout.filename or "")
        waar = f" '{naam if len(naam) <= 80 else naam[:77] + '...'}'" if naam else ""
        return f"kan{waar} niet gebruiken: {bestandsoorzaak(fout)}"
    if isinstance(fout, OverflowError):
        # A number typed by the user that no database column (or date) can hold.
        return "een getal of datum in de invoer is te groot; er is niets opgeslagen"
    if os.environ.get("ADVIES_DEBUG"):
        raise fout
    if isinstance(fout, DBAPIError):
        # The driver's own (English) words go to the log only; the user reads Dutch.
        return diagnose.bericht(fout) or f"{diagnose.onbekend(fout)}; {_log(fout)}"
    return f"onverwachte fout ({type(fout).__name__}: {fout}); {_log(fout)}"


def _log(fout: Exception) -> str:
    try:
        from opslag.configuratie import home

        pad = home() / "fouten.log"
        pad.parent.mkdir(parents=True, exist_ok=True)
        with pad.open("a", encoding="utf-8") as log:
            log.write("".join(traceback.format_exception(fout)) + "\n")
        return f"details staan in {pad}"
    except Exception:  # noqa: BLE001 - the log is a courtesy; an unusable home must not hide the error
        return "details konden niet worden opgeslagen"
