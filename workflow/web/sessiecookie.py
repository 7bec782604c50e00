"""The cookies of the web page: names and attributes in one place.

`advies_sessie` holds only the random id of a session kept on the server (workflow/websessies.py);
`advies_formulier` is signed and holds the form token and the message for the next page, no
identity; `advies_apparaat` is the device cookie of workflow/web/apparaat.py, sent to the login only.
"""

from __future__ import annotations

from starlette.responses import Response

from workflow.web import apparaat

SESSIECOOKIE = "advies_sessie"
FORMULIERCOOKIE = "advies_formulier"
# The browser may keep the id as long as the longest absolute lifetime; the server decides when it ends.
SESSIE_SECONDEN = 720 * 3600


def zet_sessie(antwoord: Response, sessie_id: str, https: bool) -> None:
    antwoord.set_cookie(
        SESSIECOOKIE, sessie_id, max_age=SESSIE_SECONDEN, path="/", httponly=True, samesite="lax", secure=https
    )


def wis_sessie(antwoord: Response, https: bool) -> None:
    antwoord.delete_cookie(SESSIECOOKIE, path="/", httponly=True, samesite="lax", secure=https)


def zet_apparaat(antwoord: Response, waarde: str, https: bool) -> None:
    antwoord.set_cookie(
        apparaat.COOKIE,
        waarde,
        max_age=apparaat.LEEFTIJD,
        path="/inloggen",
        httponly=True,
        samesite="lax",
        secure=https,
    )
