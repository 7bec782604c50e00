"""Where Advieswerk keeps its things: the home folder, the local configuration, the database URL."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from opslag.fouten import OpslagFout

CONFIGURATIEBESTAND = "advies.toml"
STANDAARD_CONFIGURATIE = """\
# Lokale configuratie van advies.
# Een gedeelde PostgreSQL-database voor de hele raad, bijvoorbeeld:
# database_url = "postgresql+psycopg://els@db.example.nl/advieswerk"
# ADVIES_DATABASE_URL gaat hier altijd boven.
"""


def home() -> Path:
    """The ADVIES_HOME folder, or the platform's user data folder for `advies`."""
    waarde = os.environ.get("ADVIES_HOME")
    if waarde:
        return Path(waarde).expanduser()
    import platformdirs  # only needed when no folder is given

    return Path(platformdirs.user_data_dir("advies", appauthor=False))


def documentenmap() -> Path:
    return home() / "documenten"


def lees_configuratie() -> dict[str, object]:
    pad = home() / CONFIGURATIEBESTAND
    if not pad.exists():
        return {}
    try:
        return tomllib.loads(pad.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as fout:
        raise OpslagFout(f"het configuratiebestand {pad} is ongeldig: {fout}") from None


def schrijf_standaardconfiguratie() -> Path | None:
    """Write the commented default configuration unless one exists; returns the path written."""
    pad = home() / CONFIGURATIEBESTAND
    if pad.exists():
        return None
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(STANDAARD_CONFIGURATIE, encoding="utf-8")
    return pad


def database_url() -> str:
    """ADVIES_DATABASE_URL, else `database_url` from the configuration, else SQLite in the home folder."""
    url = os.environ.get("ADVIES_DATABASE_URL") or lees_configuratie().get("database_url")
    if url:
        return str(url)
    return f"sqlite:///{home() / 'advies.db'}"
