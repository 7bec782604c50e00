"""`advies lijst`, `advies toon` and `advies achterstallig`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

from workflow.cli.omgeving import omgeving
from workflow.cli.opties import DATUM, json_optie, kenmerk_argument
from workflow.cli.uitvoer import druk_json, tabel, velden
from workflow.domein.datums import lange_datum
from workflow.domein.woorden import Status, waarden

if TYPE_CHECKING:
    from workflow.rijen import TermijnwijzigingRij


@click.command()
@click.option("--jaar", type=click.IntRange(1, 9999), help="Alleen de adviezen met een kenmerk van dit jaar.")
@click.option("--status", type=click.Choice(waarden(Status)), help="Alleen de adviezen met deze status.")
@json_optie
def lijst(jaar: int | None, status: str | None, als_json: bool) -> None:
    """Toon de adviezen, nieuwste eerst.

    \b
    Voorbeelden:
      advies lijst
      advies lijst --jaar 2020 --status verzonden
      advies lijst --jaar 2020 --json
    """
    from workflow import overzichten

    with omgeving().inzien() as (verbinding, _wie):
        adviezen = overzichten.lijst(verbinding, jaar, status)
    if als_json:
        druk_json(adviezen)
        return
    if not adviezen:
        click.echo("Geen adviezen gevonden.")
        return
    tabel(
        ["Kenmerk", "Onderwerp", "Soort", "Status", "Verzonden", "Reactie uiterlijk"],
        [
            [
                a["kenmerk"],
                a["onderwerp"],
                a["soort"],
                a["status"],
                lange_datum(a["verzonden_op"]),
                lange_datum(a["reactie_uiterlijk"]),
            ]
            for a in adviezen
        ],
    )


@click.command()
@kenmerk_argument
@json_optie
def toon(kenmerk: str, als_json: bool) -> None:
    """Toon advies KENMERK met zijn geschiedenis, versies en documenten.

    \b
    Voorbeeld:
      advies toon CRA 2020-02
      advies toon 2020-2 --json
    """
    from workflow import overzichten

    with omgeving().inzien() as (verbinding, _wie):
        advies = overzichten.toon(verbinding, kenmerk)
    if als_json:
        druk_json(advies)
        return
    velden(
        [
            ("Kenmerk", advies["kenmerk"]),
            ("Onderwerp", advies["onderwerp"]),
            ("Soort", advies["soort"]),
            ("Status", advies["status"]),
            ("Geregistreerd", lange_datum(advies["geregistreerd_op"])),
            ("Ontvangen", lange_datum(advies["ontvangen_op"])),
            ("Uw kenmerk", advies["uw_kenmerk"]),
            ("Adviestermijn", lange_datum(advies["adviestermijn"])),
            ("Vergadering", lange_datum(advies["vergadering_op"])),
            ("Vastgesteld", lange_datum(advies["vastgesteld_op"])),
            ("Verzonden", lange_datum(advies["verzonden_op"])),
            ("Reactie uiterlijk", lange_datum(advies["reactie_uiterlijk"])),
            ("Reactie ontvangen", lange_datum(advies["reactie_ontvangen_op"])),
            ("Oordeel", advies["oordeel"]),
            ("Samenvatting", advies["reactie_samenvatting"]),
        ]
    )
    tabel(
        ["Op", "Van", "Naar", "Door", "Notitie"],
        [
            [_tijdstip(g["op"]), g["van"] or "", g["naar"], g["door"], g["notitie"] or ""]
            for g in advies["geschiedenis"]
        ],
        titel="Geschiedenis",
    )
    if advies["documenten"]:
        tabel(
            ["Soort", "Versie", "Kenmerk", "Datum", "Bestand"],
            [
                [d["soort"], d["versie"] or "", d["kenmerk"] or "", lange_datum(d["datum"]), d["bestandsnaam"]]
                for d in advies["documenten"]
            ],
            titel="Documenten",
        )
    _termijnwijzigingen(advies["termijnwijzigingen"])


def _termijnwijzigingen(wijzigingen: list[TermijnwijzigingRij]) -> None:
    """Termijnen (issue 10): when and why the response due date was moved."""
    if not wijzigingen:
        return
    tabel(
        ["Soort", "Periode", "Reactie uiterlijk was", "Werd", "Reden", "Door"],
        [
            [
                w["soort"],
                f"{lange_datum(w['van'])} t/m {lange_datum(w['tot'])} ({w['dagen']} dagen)" if w["van"] else "",
                lange_datum(w["uiterlijk_was"]),
                lange_datum(w["uiterlijk_werd"]),
                w["reden"],
                w["door"],
            ]
            for w in wijzigingen
        ],
        titel="Reactietermijn verschoven",
    )


def _tijdstip(iso: str) -> str:
    """A stored UTC moment in local time, to the minute."""
    from datetime import datetime

    moment = datetime.fromisoformat(iso)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


@click.command()
@click.option(
    "--peildatum", type=DATUM, default=date.today, show_default="vandaag", help="De dag waarop u kijkt (JJJJ-MM-DD)."
)
@json_optie
def achterstallig(peildatum: date, als_json: bool) -> None:
    """Toon te late reacties van het college en eigen adviezen over hun adviestermijn.

    \b
    Voorbeeld:
      advies achterstallig --peildatum 2020-06-01
    """
    from workflow import overzichten

    with omgeving().inzien() as (verbinding, _wie):
        regels = overzichten.achterstallig(verbinding, peildatum)
    if als_json:
        druk_json(regels)
        return
    if not regels:
        click.echo(f"Niets achterstallig op {lange_datum(peildatum)}.")
        return
    soorten = {"reactie_college": "reactie college", "eigen_advies": "eigen advies"}
    tabel(
        ["Kenmerk", "Onderwerp", "Achterstand", "Uiterlijk", "Dagen te laat"],
        [
            [
                r["kenmerk"],
                r["onderwerp"],
                soorten[r["soort_achterstand"]],
                lange_datum(r["uiterlijk"]),
                r["dagen_te_laat"],
            ]
            for r in regels
        ],
        titel=f"Achterstallig op {lange_datum(peildatum)}",
    )
