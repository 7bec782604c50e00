"""`advies jaaroverzicht`: the year's advices and figures as Word, Excel, CSV or JSON."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workflow.cli.omgeving import omgeving
from workflow.cli.opties import DATUM

if TYPE_CHECKING:
    from sjablonen.jaaroverzicht.gegevens import Jaaroverzicht

FORMATEN = ["docx", "xlsx", "csv", "json"]


@click.command()
@click.argument("jaar", type=click.IntRange(1900, 2999))
@click.option(
    "--formaat",
    type=click.Choice(FORMATEN),
    help="docx (Word-rapport), xlsx (Excel), csv (Excel-CSV met ;) of json. "
    "Zonder deze optie: het formaat van de extensie van --uit, anders docx.",
)
@click.option(
    "--uit",
    type=click.Path(path_type=Path),
    metavar="PAD",
    help="Waar het bestand komt (een bestand of een bestaande map). "
    "Standaard: documenten/jaaroverzicht-JAAR.<formaat> in ADVIES_HOME; json zonder --uit gaat naar het scherm.",
)
@click.option(
    "--peildatum",
    type=DATUM,
    default=date.today,
    show_default="vandaag",
    help="De dag waarop ontbrekende reacties worden geteld (JJJJ-MM-DD).",
)
@click.option("--overschrijf", is_flag=True, help="Vervang een bestaand bestand (pas als het nieuwe klaar is).")
def jaaroverzicht(jaar: int, formaat: str | None, uit: Path | None, peildatum: date, overschrijf: bool) -> None:
    """Maak het jaaroverzicht van de adviezen met een kenmerk van JAAR.

    Uitgebracht zijn de verzonden en beantwoorde adviezen. Ingetrokken adviezen staan apart met
    hun reden en tellen niet mee; adviezen die nog lopen staan apart als in behandeling. Per
    advies: maand en datum van verzending, reactietermijn, reactie (op tijd of hoeveel dagen te
    laat), doorwerking en herinneringen. Een reactie die ontbreekt terwijl de termijn verstreken
    is, telt als te laat tot de peildatum.

    \b
    Voorbeeld:
      advies jaaroverzicht 2020
      advies jaaroverzicht 2020 --formaat xlsx --uit adviezen-2020.xlsx
      advies jaaroverzicht 2020 --formaat csv
      advies jaaroverzicht 2020 --formaat json > adviezen-2020.json
    """
    from workflow import jaaroverzicht as domein
    from workflow.bestanden import schrijf_veilig, uitvoerpad

    gekozen = domein.kies_formaat(formaat, uit)
    naar_scherm = gekozen == "json" and uit is None
    # An existing file is replaced only with --overschrijf, and then only once the new one is
    # complete (schrijf_veilig); a refused target is said before the register is read.
    pad = None if naar_scherm else uitvoerpad(uit, domein.standaardnaam(jaar, gekozen), overschrijf=overschrijf)
    with omgeving().lezen() as (s, _wie):
        overzicht = domein.maak(s, jaar, peildatum)

    if pad is None:
        from workflow.cli.uitvoer import druk_json

        druk_json(domein.als_dict(overzicht))
        return

    pad = schrijf_veilig(pad.absolute(), _schrijver(overzicht, gekozen), overschrijf=overschrijf)
    if overzicht.regels:
        click.echo(f"Jaaroverzicht {jaar} geschreven: {pad} ({_uitgebracht(overzicht.cijfers['aantal_verzonden'])}).")
    else:
        click.echo(f"Jaaroverzicht {jaar} geschreven: {pad} (geen adviezen in {jaar}; het overzicht is leeg).")


def _uitgebracht(n: int) -> str:
    return f"{n} {'advies' if n == 1 else 'adviezen'} uitgebracht"


def _schrijver(overzicht: Jaaroverzicht, formaat: str) -> Callable[[Path], None]:
    from sjablonen import jaaroverzicht as opmaak
    from workflow.jaaroverzicht import json_tekst

    if formaat == "json":

        def schrijf_json(pad: Path) -> None:
            pad.write_text(json_tekst(overzicht), encoding="utf-8")

        return schrijf_json
    schrijvers = {"docx": opmaak.schrijf_docx, "xlsx": opmaak.schrijf_xlsx, "csv": opmaak.schrijf_csv}
    return lambda pad: schrijvers[formaat](overzicht, pad)
