"""`advies init`, `advies instelling` and `advies gebruiker`."""

from __future__ import annotations

import os
import sys

import click

from workflow.cli.omgeving import omgeving
from workflow.cli.opties import json_optie
from workflow.cli.uitvoer import druk_json, tabel
from workflow.domein.woorden import Rol, waarden


@click.command()
def init() -> None:
    """Maak of vernieuw de database en de lokale configuratie.

    Veilig om te herhalen: een bestaande database wordt alleen bijgewerkt naar het nieuwste
    schema, met behoud van alles wat erin staat.

    \b
    Voorbeeld:
      advies init
    """
    from opslag import schema
    from opslag.configuratie import database_url, schrijf_standaardconfiguratie

    # What init makes (ADVIES_HOME, the SQLite file with the password hashes, the configuration) is
    # for its owner only: 0700 and 0600. Existing files keep their modes.
    oud = os.umask(0o077)
    try:
        voor, na = schema.upgrade(omgeving().engine(controleer_schema=False))  # first: a refusal leaves no file behind
        configuratie = schrijf_standaardconfiguratie()
    finally:
        os.umask(oud)
    if configuratie:
        click.echo(f"Configuratie aangemaakt: {configuratie}")
    url = database_url()
    if voor == na:
        click.echo(f"Database is bijgewerkt (schemaversie {na}): {_zonder_wachtwoord(url)}")
    elif voor is None:
        click.echo(f"Database aangemaakt (schemaversie {na}): {_zonder_wachtwoord(url)}")
    else:
        click.echo(f"Database bijgewerkt van schemaversie {voor} naar {na}: {_zonder_wachtwoord(url)}")


def _zonder_wachtwoord(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@click.command()
@click.argument("sleutel", required=False)
@click.argument("waarde", required=False)
@json_optie
def instelling(sleutel: str | None, waarde: str | None, als_json: bool) -> None:
    """Lees of zet een gedeelde instelling (opgeslagen in de database).

    Zonder SLEUTEL: alle instellingen. Met alleen SLEUTEL: de waarde. Met WAARDE: zet haar
    (secretaris). Voor organisatie.logo en brief.sjabloon is WAARDE het pad van het bestand,
    dat in de database wordt opgeslagen; een lege WAARDE ("") wist de instelling.

    \b
    Voorbeelden:
      advies instelling
      advies instelling termijn.reactie_weken 6
      advies instelling brief.afschrift "Raadscommissie Werk en Inkomen;Directiecontact"
      advies instelling brief.ondertekenaar "Hans Alderkamp"
      advies instelling brief.functie "Voorzitter Cliëntenraad Werk & Inkomen"
      advies instelling organisatie.logo logo.png
    """
    from workflow import instellingen

    if sleutel is not None and waarde is not None:
        from workflow.bestanden import Bestand
        from workflow.herberekening import zet_instelling

        nieuw: str | Bestand = waarde
        d = instellingen.DEFINITIES.get(sleutel)  # an unknown key is refused by the service, after the rights
        if d is not None and d.soort is bytes and waarde:
            from pathlib import Path

            from workflow.bestanden import lees_bytes

            # The file is read here, bounded; the service takes its name and bytes.
            pad = Path(waarde)
            nieuw = Bestand(pad.name, lees_bytes(pad, maximum=instellingen.BESTAND_MAXIMUM))
        opgeslagen, verschoven = omgeving().wijzigen(lambda s, wie: zet_instelling(s, wie, sleutel, nieuw))
        if als_json:
            druk_json({sleutel: opgeslagen})
        else:
            click.echo(f"{sleutel} = {opgeslagen}")
            if verschoven is not None:
                from workflow.cli.termijnen import toon_verschoven

                toon_verschoven(verschoven)
        return
    with omgeving().lezen() as (s, _wie):
        if sleutel is None:
            alles = instellingen.alle(s)
        else:
            alles = {sleutel: instellingen.lees_tekst(s, sleutel)}
    if als_json:
        druk_json(alles)
    elif sleutel is not None:
        click.echo(alles[sleutel])
    else:
        for k, v in alles.items():
            click.echo(f"{k} = {v}")


@click.group()
def gebruiker() -> None:
    """Beheer de gebruikers en hun rollen (secretaris, voorzitter, lid).

    Zolang er geen gebruiker is geregistreerd, mag iedereen alles. Daarna stelt de voorzitter
    vast of stuurt terug, doet de secretaris de rest en mag iedere geregistreerde gebruiker lezen.
    """


@gebruiker.command("toevoegen")
@click.argument("naam")
@click.option("--rol", required=True, type=click.Choice(waarden(Rol)), help="De rol van de gebruiker.")
def gebruiker_toevoegen(naam: str, rol: str) -> None:
    """Registreer een gebruiker (secretaris). NAAM is de inlognaam.

    De eerste gebruiker moet een secretaris zijn.

    \b
    Voorbeeld:
      advies gebruiker toevoegen els --rol secretaris
      advies gebruiker toevoegen hans --rol voorzitter
      advies gebruiker toevoegen fleur --rol lid
    """
    from workflow import gebruikers

    nieuw = omgeving().wijzigen(lambda s, wie: gebruikers.voeg_toe(s, wie, naam, rol))
    click.echo(f"Gebruiker {nieuw.naam} geregistreerd als {nieuw.rol}.")


@gebruiker.command("lijst")
@json_optie
def gebruiker_lijst(als_json: bool) -> None:
    """Toon de geregistreerde gebruikers.

    \b
    Voorbeeld:
      advies gebruiker lijst
    """
    from workflow import gebruikers

    with omgeving().lezen() as (s, _wie):
        rijen = [{"naam": g.naam, "rol": g.rol} for g in gebruikers.lijst(s)]
    if als_json:
        druk_json(rijen)
    elif not rijen:
        click.echo("Er zijn nog geen gebruikers geregistreerd: iedereen mag alles.")
    else:
        tabel(["Naam", "Rol"], [[r["naam"], r["rol"]] for r in rijen])


@gebruiker.command("wijzig")
@click.argument("naam")
@click.option("--rol", required=True, type=click.Choice(waarden(Rol)), help="De nieuwe rol.")
def gebruiker_wijzig(naam: str, rol: str) -> None:
    """Geef gebruiker NAAM een andere rol (secretaris). De laatste secretaris blijft secretaris.

    \b
    Voorbeeld:
      advies gebruiker wijzig fleur --rol voorzitter
    """
    from workflow import gebruikers

    gewijzigd, oud = omgeving().wijzigen(lambda s, wie: gebruikers.wijzig_rol(s, wie, naam, rol))
    click.echo(f"Gebruiker {gewijzigd.naam} heeft nu de rol {rol} (was {oud}).")


@gebruiker.command("verwijder")
@click.argument("naam")
def gebruiker_verwijder(naam: str) -> None:
    """Beëindig de toegang van gebruiker NAAM (secretaris).

    De geschiedenis houdt de naam bij wat deze gebruiker deed. De laatste secretaris kan niet weg.

    \b
    Voorbeeld:
      advies gebruiker verwijder fleur
    """
    from workflow import gebruikers

    weg = omgeving().wijzigen(lambda s, wie: gebruikers.verwijder(s, wie, naam))
    click.echo(f"Gebruiker {weg.naam} ({weg.rol}) heeft geen toegang meer.")


@gebruiker.command("wachtwoord")
@click.argument("naam")
@click.option("--wachtwoord-stdin", "van_stdin", is_flag=True, help="Lees het wachtwoord (één regel) van stdin.")
def gebruiker_wachtwoord(naam: str, van_stdin: bool) -> None:
    """Zet het wachtwoord van NAAM voor de webpagina (secretaris, of NAAM zelf).

    Zonder --wachtwoord-stdin wordt het twee keer gevraagd, zonder het te tonen.

    \b
    Voorbeeld:
      advies gebruiker wachtwoord hans
    """
    from workflow import wachtwoorden

    wachtwoord: str
    if van_stdin:
        wachtwoord = sys.stdin.readline().rstrip("\r\n")
    else:
        wachtwoord = str(click.prompt("Nieuw wachtwoord", hide_input=True, confirmation_prompt="Nog een keer"))
    gezet = omgeving().wijzigen(lambda s, wie: wachtwoorden.zet(s, wie, naam, wachtwoord))
    click.echo(f"Wachtwoord van {gezet.naam} gezet.")


@gebruiker.command("herstel")
@click.argument("naam")
@click.option(
    "--adres",
    default="http://127.0.0.1:8000",
    show_default=True,
    help="Het adres van de webpagina zoals de gebruiker het opent (achter HTTPS: https://...).",
)
@json_optie
def gebruiker_herstel(naam: str, adres: str, als_json: bool) -> None:
    """Maak een eenmalige link waarmee NAAM zelf een nieuw wachtwoord instelt (secretaris).

    Voor wie haar wachtwoord vergat: geef haar de link. Hij werkt één keer, tot
    web.herstel_uren na nu; een nieuwe link voor NAAM vervangt hem. Het oude wachtwoord en de
    sessies blijven tot de link is gebruikt. Niemand anders ziet het nieuwe wachtwoord.

    \b
    Voorbeeld:
      advies gebruiker herstel hans --adres https://advies.example.nl
    """
    import time

    from workflow import wachtwoordherstel

    if not adres.startswith(("http://", "https://")) or len(adres) > 500:
        from adviesfouten import OngeldigeInvoer

        raise OngeldigeInvoer(f"het adres begint met http:// of https://, niet '{adres[:100]}'")
    nu = int(time.time())
    herstel = omgeving().wijzigen(lambda s, wie: wachtwoordherstel.maak(s, wie, naam, nu))
    link = herstel.link(adres)
    if als_json:
        from datetime import UTC, datetime

        tot = datetime.fromtimestamp(herstel.verloopt_op, UTC).isoformat(timespec="seconds")
        druk_json({"naam": herstel.naam, "link": link, "verloopt_op": tot})
        return
    tot = wachtwoordherstel.tot_wanneer(herstel.verloopt_op)
    click.echo(f"Link voor {herstel.naam}, één keer te gebruiken tot {tot}:")
    click.echo(link)


@gebruiker.command("uitloggen")
@click.argument("naam")
def gebruiker_uitloggen(naam: str) -> None:
    """Beëindig alle sessies van NAAM op de webpagina (secretaris, of NAAM zelf).

    Voor een kwijtgeraakte laptop of telefoon: daarna moet NAAM overal opnieuw inloggen. Een nieuw
    wachtwoord, een andere rol en verwijderen beëindigen de sessies vanzelf.

    \b
    Voorbeeld:
      advies gebruiker uitloggen hans
    """
    from workflow import websessies

    aantal = omgeving().wijzigen(lambda s, wie: websessies.uitloggen(s, wie, naam))
    sessies = "sessie" if aantal == 1 else "sessies"
    click.echo(f"{aantal} {sessies} van {naam.strip()} beëindigd.")
