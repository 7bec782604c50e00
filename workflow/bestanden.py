"""Reading a file the user named, with a Dutch refusal instead of the OS's English one."""

from __future__ import annotations

from pathlib import Path

from workflow.fouten import AdviesFout


def lees_bytes(pad: Path, *, leeg_mag: bool = False) -> bytes:
    try:
        inhoud = pad.read_bytes()
    except FileNotFoundError:
        raise AdviesFout(f"het bestand '{pad}' bestaat niet") from None
    except IsADirectoryError:
        raise AdviesFout(f"'{pad}' is een map, geen bestand") from None
    except PermissionError:
        raise AdviesFout(f"geen toegang tot het bestand '{pad}'") from None
    except OSError as fout:
        raise AdviesFout(f"kan het bestand '{pad}' niet lezen ({fout.strerror or fout})") from None
    if not inhoud and not leeg_mag:
        raise AdviesFout(f"het bestand '{pad}' is leeg")
    return inhoud
