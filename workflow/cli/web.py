"""`advies web`: serve the web page on the configured database."""

from __future__ import annotations

import errno
import os
import socket
import sys

import click

from adviesfouten import OngeldigeInvoer, Storing
from workflow.cli.omgeving import omgeving


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres waarop de webpagina luistert.")
@click.option("--poort", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Poort.")
@click.option(
    "--https",
    "achter_https",
    is_flag=True,
    help="De pagina staat achter een reverse proxy met HTTPS: de sessiecookie gaat dan alleen over HTTPS.",
)
def web(host: str, poort: int, achter_https: bool) -> None:
    """Start de webpagina voor de voorzitter, de secretaris en de leden.

    Inloggen kan met een wachtwoord van 'advies gebruiker wachtwoord'. Op PostgreSQL verbindt de
    server met zijn eigen login (de database-URL) en handelt namens wie is ingelogd. Stoppen: Ctrl+C.

    \b
    Voorbeeld:
      advies web
      advies web --host 127.0.0.1 --poort 8080 --https
    """
    import uvicorn

    from opslag.configuratie import home, sqlite_bestand
    from workflow.web.app import maak_app
    from workflow.web.sleutel import BESTAND, alleen_eigenaar, sessiesleutel

    register = omgeving()
    register.engine()  # a missing or outdated database is refused here, as a Fout line
    sleutel = sessiesleutel(home())  # a key shorter than 32 bytes is refused here
    bestand = sqlite_bestand(register.engine().url.render_as_string(hide_password=False))
    if bestand is not None:
        alleen_eigenaar(bestand, "het databasebestand")
    if "ADVIES_WEB_GEHEIM" not in os.environ:
        alleen_eigenaar(home() / BESTAND, "de sleutel")
    luisteraar = _luister(host, poort)  # before anything says the page is up
    app = maak_app(register, https=achter_https, sleutel=sleutel)
    click.echo(f"De webpagina staat op http://{_adres(host)}:{poort}/ (stoppen: Ctrl+C)")
    sys.stdout.flush()  # at once, also into a log file: the page is up from here
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            log_level="warning",
            proxy_headers=achter_https,
            forwarded_allow_ips="127.0.0.1" if achter_https else None,
            server_header=False,
        )
    )
    server.run(sockets=[luisteraar])


def _luister(host: str, poort: int) -> socket.socket:
    """Bind the address here, so a used port or a wrong address is one Dutch line, not uvicorn's errno."""
    try:
        familie, soort, proto, _, adres = socket.getaddrinfo(host, poort, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError):
        raise OngeldigeInvoer(
            f"het adres '{host}' is onbekend; geef een adres van deze machine, zoals 127.0.0.1"
        ) from None
    luisteraar = socket.socket(familie, soort, proto)
    luisteraar.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        luisteraar.bind(adres)
    except OSError as fout:
        luisteraar.close()
        raise Storing(f"kan niet luisteren op {host}:{poort}: {_oorzaak(fout, poort)}") from None
    luisteraar.set_inheritable(True)
    return luisteraar


def _oorzaak(fout: OSError, poort: int) -> str:
    if fout.errno == errno.EADDRINUSE:
        return f"poort {poort} is al in gebruik (draait advies web al?); kies een andere met --poort"
    if fout.errno == errno.EACCES:
        return f"geen toestemming voor poort {poort}; poorten onder 1024 vragen beheerrechten, kies bijvoorbeeld 8000"
    if fout.errno == errno.EADDRNOTAVAIL:
        return "dat adres hoort niet bij deze machine"
    return f"de systeemfout was: {fout.strerror or fout}"


def _adres(host: str) -> str:
    return f"[{host}]" if ":" in host else host
