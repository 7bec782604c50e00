"""The `advies` group: one place where every error becomes one Dutch `Fout:` line.

Exit status: 0 done, 1 refused or failed, 2 wrong usage. No traceback reaches a user; an
unexpected error is written to `fouten.log` in ADVIES_HOME (ADVIES_DEBUG=1 re-raises it).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from workflow.cli.nederlands import installeer

installeer()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class AdviesGroep(click.Group):
    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> NoReturn:
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
            _stop(_bericht(fout), 1)
        sys.exit(uitkomst if isinstance(uitkomst, int) else 0)


def vernederlands(opdracht: click.Command) -> None:
    """Dutch placeholders in the usage lines of a command and everything below it."""
    opdracht.options_metavar = "[OPTIES]"
    if isinstance(opdracht, click.Group):
        opdracht.subcommand_metavar = "OPDRACHT [ARGUMENTEN]..."
        for onder in opdracht.commands.values():
            vernederlands(onder)


def _stop(bericht: str, code: int) -> NoReturn:
    click.echo(f"Fout: {bericht}", err=True)
    sys.exit(code)


def _bericht(fout: Exception) -> str:
    """A Dutch sentence for a known error; for anything else a pointer to the log."""
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.orm.exc import StaleDataError

    from opslag import diagnose
    from opslag.fouten import OpslagFout
    from workflow.fouten import AdviesFout

    if isinstance(fout, AdviesFout | OpslagFout):
        return str(fout)
    if isinstance(fout, StaleDataError):
        return "het advies is intussen door iemand anders gewijzigd; er is niets opgeslagen, probeer het opnieuw"
    if os.environ.get("ADVIES_DEBUG"):
        raise fout
    if isinstance(fout, DBAPIError):
        return diagnose.bericht(fout)
    return f"onverwachte fout ({type(fout).__name__}: {fout}); {_log(fout)}"


def _log(fout: Exception) -> str:
    try:
        from opslag.configuratie import home

        pad = home() / "fouten.log"
        pad.parent.mkdir(parents=True, exist_ok=True)
        with pad.open("a", encoding="utf-8") as log:
            log.write("".join(traceback.format_exception(fout)) + "\n")
        return f"details staan in {pad}"
    except OSError:
        return "details konden niet worden opgeslagen"
