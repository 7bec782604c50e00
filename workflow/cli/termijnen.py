"""`advies feestdag`, `advies opschorten`, `advies signalen` and `advies agenda`: the terms and keeping
the college to them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workflow.cli.omgeving import omgeving
from workflow.cli.opties import DATUM, datum_vandaag, json_optie, kenmerk_argument
from workflow.cli.uitvoer import druk_json, meld, tabel
from workflow.domein.datums import lange_datum
from workflow.domein.termijnen import EERSTE_JAAR, LAATSTE_JAAR

if TYPE_CHECKING:
    from workflow.herberekening import Verschuiving
    from workflow.rijen import SignaalRij, UitgaandSignaalRij
    from workflow.uitgaand import Openstaand


@click.group()
def feestdag() -> None:
    """De kalender van de Algemene termijnenwet: dagen waarop een reactietermijn niet eindigt.

    De wet (art. 3 lid 1 en lid 2, Goede Vrijdag) staat vast; de besluiten onder lid 3 zitten in het
    programma (bron 'besluit'); voor een jaar zonder bekend besluit zijn de dagen 'verwacht'. De raad
    legt een nieuw besluit vast met 'feestdag toevoegen --bron', of voegt een eigen dag toe of
    verwijdert er een. Open adviezen waarvan de reactietermijn daardoor verschuift, worden meteen
    herberekend.
    """


@feestdag.command("lijst")
@click.argument("jaar", required=False, type=click.IntRange(EERSTE_JAAR, LAATSTE_JAAR))
@json_optie
def feestdag_lijst(jaar: int | None, als_json: bool) -> None:
    """Toon de dagen van JAAR (standaard dit jaar) waarop een termijn niet eindigt, met hun bron.

    \b
    Voorbeeld:
      advies feestdag lijst 2026
      advies feestdag lijst 2026 --json
    """
    from workflow import feestdagen, instellingen

    jaar = jaar or date.today().year
    with omgeving().lezen() as (s, _wie):
        dagen = feestdagen.lijst(s, jaar)
        toegepast = instellingen.lees(s).termijn_termijnenwet
    if als_json:
        druk_json(dagen)
        return
    # A decree's title is long: the table names it by number, the full title follows the table.
    besluiten = list(dict.fromkeys(d["grondslag"] for d in dagen if d["bron"] == "besluit"))
    tabel(
        ["Datum", "Dag", "Bron", "Grondslag", "Door"],
        [
            [
                lange_datum(d["datum"]) + ("" if d["telt"] else " (telt niet)"),
                d["naam"],
                d["bron"],
                f"besluit {besluiten.index(d['grondslag']) + 1}" if d["bron"] == "besluit" else d["grondslag"],
                d["door"],
            ]
            for d in dagen
        ],
        titel=f"Dagen waarop een termijn niet eindigt in {jaar} (naast zaterdag en zondag)",
    )
    for nummer, titel in enumerate(besluiten, 1):
        click.echo(f"Besluit {nummer}: {titel}")
    click.echo(
        "Een wijziging van deze kalender herberekent de reactietermijn van open adviezen; "
        "een met het college afgesproken verlenging blijft staan."
    )
    if not toegepast:
        click.echo("Let op: termijn.termijnenwet staat op 'nee'; reactietermijnen volgen deze kalender nu niet.")


@feestdag.command("toevoegen")
@click.argument("datum", type=DATUM)
@click.option("--reden", help="Waarom de raad deze dag gelijkstelt (zonder --bron verplicht).")
@click.option("--bron", help="De titel van het besluit in de Staatscourant dat de dag gelijkstelt.")
def feestdag_toevoegen(datum: date, reden: str | None, bron: str | None) -> None:
    """Stel DATUM gelijk aan een feestdag (secretaris): een besluit (--bron) of een eigen dag van de raad.

    Met --bron mag DATUM ook een verwachte dag zijn: die wordt dan een dag van het besluit.

    \b
    Voorbeeld:
      advies feestdag toevoegen 2029-05-11 --bron "Besluit gelijkstelling van ... 2029, Stcrt. 2028, 12345"
      advies feestdag toevoegen 2027-12-24 --reden "Kerstreces van de gemeente"
    """
    from workflow import feestdagen

    if reden is None and bron is None:
        raise click.UsageError("geef --reden of --bron")
    verschoven = omgeving().wijzigen(lambda s, wie: feestdagen.voeg_toe(s, wie, datum, reden, bron))
    click.echo(f"{lange_datum(datum)} is toegevoegd aan de kalender: {(bron or reden or '').strip()}.")
    toon_verschoven(verschoven)


@feestdag.command("verwijderen")
@click.argument("datum", type=DATUM)
@click.option("--reden", required=True, help="Waarom deze dag niet (meer) gelijkgesteld is.")
def feestdag_verwijderen(datum: date, reden: str) -> None:
    """Haal een gelijkgestelde dag DATUM uit de kalender (secretaris); dagen uit de wet blijven.

    \b
    Voorbeeld:
      advies feestdag verwijderen 2029-05-11 --reden "Niet in het besluit voor 2029"
    """
    from workflow import feestdagen

    verschoven = omgeving().wijzigen(lambda s, wie: feestdagen.verwijder(s, wie, datum, reden))
    click.echo(f"{lange_datum(datum)} is uit de kalender verwijderd: {reden.strip()}.")
    toon_verschoven(verschoven)


def toon_verschoven(verschoven: list[Verschuiving]) -> None:
    """What a change of the calendar or the term settings moved."""
    if not verschoven:
        click.echo("Geen reactietermijn van een open advies verschuift hierdoor.")
        return
    tabel(
        ["Kenmerk", "Reactie uiterlijk was", "Wordt"],
        [[v.kenmerk, lange_datum(v.was), lange_datum(v.werd)] for v in verschoven],
        titel=f"Herberekende reactietermijnen ({len(verschoven)})",
    )


@click.command()
@kenmerk_argument
@click.option("--van", type=DATUM, required=True, help="Eerste dag van de opschorting (JJJJ-MM-DD).")
@click.option("--tot", type=DATUM, required=True, help="Laatste dag van de opschorting, die meetelt (JJJJ-MM-DD).")
@click.option("--reden", required=True, help="De afspraak of de reden van de opschorting.")
@json_optie
def opschorten(kenmerk: str, van: date, tot: date, reden: str, als_json: bool) -> None:
    """Schort de reactietermijn van advies KENMERK op (secretaris).

    De uiterste datum schuift op met de opgeschorte dagen (begin en einde tellen mee); valt hij dan
    op een weekend of feestdag, dan schuift hij door naar de eerstvolgende werkdag.

    \b
    Voorbeeld:
      advies opschorten CRA 2020-02 --van 2020-02-17 --tot 2020-02-21 --reden "Voorjaarsreces"
    """
    from workflow.termijnwijzigingen import schort_op

    advies = omgeving().wijzig_advies(kenmerk, lambda s, wie: schort_op(s, wie, kenmerk, van, tot, reden))
    meld(
        advies,
        f"Reactietermijn van {advies.kenmerk} opgeschort van {lange_datum(van)} tot en met {lange_datum(tot)}; "
        f"reactie nu uiterlijk {lange_datum(advies.reactie_uiterlijk)}.",
        als_json,
    )


_SIGNAALTEKST = {
    "escaleren": "escaleren naar de raad",
    "herinneren": "herinnering sturen",
    "te_laat": "te laat",
    "eigen_advies_te_laat": "eigen advies te laat",
    "binnenkort": "binnenkort",
}


@click.command()
@datum_vandaag("--peildatum", "De dag waarop u kijkt (JJJJ-MM-DD).")
@json_optie
def signalen(peildatum: date, als_json: bool) -> None:
    """Toon wat aandacht vraagt: termijnen die bijna verlopen, te late reacties, herinneren, escaleren.

    Ook uitgaand werk dat mislukte (een herinnering die niet als bestand kon worden geschreven)
    staat erbij, met de laatste fout; 'advies uitgaand' toont het hele uitgaande werk.

    \b
    Voorbeeld:
      advies signalen --peildatum 2026-05-01
      advies signalen --json
    """
    from workflow import signalen as domein
    from workflow import uitgaand

    with omgeving().inzien() as (verbinding, _wie):
        regels = domein.signalen(verbinding, peildatum)
        mislukt = uitgaand.openstaand(verbinding, alleen_mislukt=True)
    if als_json:
        druk_json(regels + [_uitgaand_als_signaal(u) for u in mislukt])
        return
    if not regels:
        click.echo(f"Geen signalen op {lange_datum(peildatum)}.")
    else:
        tabel(
            ["Kenmerk", "Onderwerp", "Signaal", "Uiterlijk", "Dagen"],
            [
                [r["kenmerk"], r["onderwerp"], _SIGNAALTEKST[r["signaal"]], lange_datum(r["uiterlijk"]), _dagen(r)]
                for r in regels
            ],
            titel=f"Signalen op {lange_datum(peildatum)}",
        )
    if mislukt:
        tabel(
            ["Nr", "Wat", "Toestand", "Laatste fout"],
            [[u.id, u.omschrijving, u.toestand, u.laatste_fout or ""] for u in mislukt],
            titel="Uitgaand werk dat mislukte",
        )


def _uitgaand_als_signaal(u: Openstaand) -> UitgaandSignaalRij:
    """A failed outbox effect in the list of signals: the same keys, and its error."""
    return {
        "kenmerk": u.kenmerk,
        "onderwerp": u.omschrijving,
        "signaal": "uitgaand_mislukt",
        "uiterlijk": None,
        "dagen": None,
        "pogingen": u.pogingen,
        "fout": u.laatste_fout,
    }


def _dagen(regel: SignaalRij) -> str:
    if regel["signaal"] == "binnenkort":
        return "vandaag" if regel["dagen"] == 0 else f"nog {regel['dagen']}"
    return f"{regel['dagen']} te laat"


@click.command()
@click.option("--uit", "pad", required=True, type=click.Path(path_type=Path, dir_okay=False), help="Het .ics-bestand.")
@click.option("--overschrijf", is_flag=True, help="Vervang een bestaand bestand.")
def agenda(pad: Path, overschrijf: bool) -> None:
    """Schrijf de termijnen, adviestermijnen en vergaderingen als agendabestand (.ics).

    Elke datum is een afspraak van een hele dag met het kenmerk en onderwerp; importeer het bestand
    in Outlook, Google Agenda of Thunderbird. Opnieuw importeren werkt de afspraken bij.

    \b
    Voorbeeld:
      advies agenda --uit termijnen.ics
      advies agenda --uit termijnen.ics --overschrijf
    """
    from workflow import agenda as domein

    with omgeving().lezen() as (s, _wie):
        aantal = domein.schrijf(s, pad, overschrijf)
    click.echo(f"{aantal} afspraken geschreven naar {pad}.")


@click.command()
@click.option("--vernieuw", is_flag=True, help="Maak een nieuw adres; het oude werkt dan niet meer.")
def abonnement(vernieuw: bool) -> None:
    """Toon uw eigen agenda-adres op de webpagina, om u op de termijnen te abonneren.

    Outlook, Google Agenda en Apple Agenda lezen het adres zelf en blijven zo bij, zonder inloggen:
    deel het daarom met niemand. Met --vernieuw krijgt u een nieuw adres, als het oude is uitgelekt.

    \b
    Voorbeeld:
      advies abonnement
      advies abonnement --vernieuw
    """
    from workflow import agenda as domein

    token = omgeving().wijzigen(lambda s, wie: domein.token(s, wie, vernieuw))
    click.echo(
        f"Uw agenda-adres{' (nieuw)' if vernieuw else ''}: /agenda/{token}.ics achter het adres van de webpagina."
    )
