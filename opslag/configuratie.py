"""Where Advieswerk keeps its things: the home folder, the local configuration, the database URL."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

from adviesfouten import OpslagFout

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
        map_ = Path(waarde).expanduser()
        if map_.exists() and not map_.is_dir():
            raise OpslagFout(f"ADVIES_HOME ({map_}) is een bestand, geen map; geef een map op")
        return map_
    import platformdirs  # only needed when no folder is given

    return Path(platformdirs.user_data_dir("advies", appauthor=False))


def sqlite_bestand(url: str) -> Path | None:
    """The database file of a SQLite URL (None for another backend or an in-memory database)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def documentenmap() -> Path:
    return home() / "documenten"


def lees_configuratie() -> dict[str, object]:
    pad = home() / CONFIGURATIEBESTAND
    if not pad.exists():
        return {}
    try:
        return tomllib.loads(pad.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as fout:
        plaats = re.search(r"line ([0-9]+), column ([0-9]+)", str(fout))
        waar = f" (regel {plaats[1]}, kolom {plaats[2]})" if plaats else ""
        raise OpslagFout(
            f"het configuratiebestand {pad} is geen geldige TOML{waar}; verbeter of verwijder het"
        ) from None
    except UnicodeDecodeError:
        raise OpslagFout(f"het configuratiebestand {pad} is geen UTF-8-tekst; verbeter of verwijder het") from None
    except OSError as fout:
        raise OpslagFout(f"kan het configuratiebestand {pad} niet lezen ({fout.strerror})") from None


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


# How long a command waits for a lock another process holds before it gives up (both backends).
# ADVIES_WACHTTIJD (seconds) shortens it, for tests.
STANDAARD_WACHTTIJD_SECONDEN = 30


def wachttijd_seconden() -> float:
    waarde = os.environ.get("ADVIES_WACHTTIJD", "")
    try:
        seconden = float(waarde) if waarde else STANDAARD_WACHTTIJD_SECONDEN
    except ValueError:
        raise OpslagFout(f"ADVIES_WACHTTIJD moet een aantal seconden zijn, niet '{waarde}'") from None
    if not 0 < seconden <= 3600:
        raise OpslagFout(f"ADVIES_WACHTTIJD moet tussen 0 en 3600 seconden liggen, niet '{waarde}'")
    return seconden
