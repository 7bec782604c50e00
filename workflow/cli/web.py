"""`advies web`: serve the web page on the configured database."""

from __future__ import annotations

import click

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

    from workflow.web.app import maak_app

    register = omgeving()
    register.engine()  # a missing or outdated database is refused here, as a Fout line
    app = maak_app(register, https=achter_https)
    click.echo(f"De webpagina staat op http://{host}:{poort}/ (stoppen: Ctrl+C)")
    uvicorn.run(
        app,
        host=host,
        port=poort,
        log_level="warning",
        proxy_headers=achter_https,
        forwarded_allow_ips="127.0.0.1" if achter_https else None,
        server_header=False,
    )
