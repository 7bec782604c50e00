"""OWASP's device cookie: a browser where a user logged in before carries a signed cookie naming
her and a random id of that browser. A login from it is counted (and locked) for that browser
only, so failures from unknown browsers cannot keep her out."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

COOKIE = "advies_apparaat"
LEEFTIJD = 365 * 24 * 3600  # seconds


def _handtekening(sleutel: str, naam: str, apparaat_id: str) -> str:
    bericht = f"apparaat\0{naam}\0{apparaat_id}".encode()
    return hmac.new(sleutel.encode(), bericht, hashlib.sha256).hexdigest()


def maak(sleutel: str, naam: str) -> str:
    """A new device cookie's value for `naam`."""
    apparaat_id = secrets.token_urlsafe(16)
    naam_b64 = base64.urlsafe_b64encode(naam.encode()).decode().rstrip("=")
    return f"{naam_b64}.{apparaat_id}.{_handtekening(sleutel, naam, apparaat_id)}"


def lees(sleutel: str, waarde: str | None) -> tuple[str, str] | None:
    """(name, device id) of a valid cookie; None for a missing, malformed or forged one."""
    if not waarde or len(waarde) > 400 or waarde.count(".") != 2:
        return None
    naam_b64, apparaat_id, handtekening = waarde.split(".")
    try:
        naam = base64.urlsafe_b64decode(naam_b64 + "=" * (-len(naam_b64) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    if not hmac.compare_digest(handtekening, _handtekening(sleutel, naam, apparaat_id)):
        return None
    return naam, apparaat_id
