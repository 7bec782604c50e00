"""The text typed into a form whose session had ended, kept until its writer logs in again.

When a form is posted after the session expired (or without one), nothing is changed: the page
goes to the login. The text fields of that form are not thrown away but kept here, so that after
logging in the form comes back with them filled in and a notice that nothing was saved yet.

How, and why this way:
- on the server, in this process's memory: never in a URL (addresses end up in logs and
  history) and never in a cookie; the browser gets only a random key of 256 bits, in its signed
  form cookie (`advies_formulier`), so only the browser that typed the text gets it back;
- only a post from a browser that logged in here (a mark in its signed form cookie, set at login,
  gone at logout) and that carries that browser's form token (CSRF) is read and kept: the body of
  a stranger is not read, a forged post from elsewhere is not kept, and SameSite=Lax keeps the
  cookie off cross-site posts anyway; one form per browser (a newer one replaces it);
- bounded: at most MAX_VELDEN text fields of at most stappen.MAX_VELD characters and MAX_TEKENS in
  all; a body larger than MAX_BODY is not read at all; at most MAX_BEWAARD forms at once (the
  oldest goes first);
- short: kept for LEVENSDUUR seconds, and given back once (taken, not read);
- files are not kept: a chosen file must be chosen again, and the notice says so;
- hidden fields of the page itself (the form token, the row version, the version's hash) are not
  kept: the form comes back from the page as it is now, so an advice changed meanwhile is shown
  as it is, and the step is checked against it when it is posted again.

A server that runs several processes keeps the text in the process that received the post: the
login that follows usually reaches another one only behind a load balancer without affinity. It is
a convenience, not a record: what counts is in the register.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass

LEVENSDUUR = 30 * 60  # seconds: long enough to log in again, short enough to be forgotten soon
MAX_BEWAARD = 200
MAX_VELDEN = 20
MAX_TEKENS = 40_000
MAX_BODY = 256 * 1024  # bytes of a posted form that is read for this at all
NIET_BEWAREN = frozenset({"csrf", "rijversie", "sha256", "nogmaals"})
SESSIESLEUTEL = "bewaard"  # the key's name in the signed form cookie
INGELOGD = "ingelogd"  # the form cookie's mark of a browser that logged in here (no name: no identity)


@dataclass(frozen=True)
class Formulier:
    """A form as it was posted: the page it came from, which form (the step), its text fields, and
    whether it held a file (not kept)."""

    pad: str
    stap: str
    velden: dict[str, str]
    met_bestand: bool


class Bewaarplaats:
    def __init__(self) -> None:
        self._slot = threading.Lock()
        self._formulieren: OrderedDict[str, tuple[float, Formulier]] = OrderedDict()

    def bewaar(self, formulier: Formulier, nu: float) -> str | None:
        """Keep `formulier`; returns its key, or None when there is no text to keep or too much."""
        velden = {k: v for k, v in formulier.velden.items() if k not in NIET_BEWAREN and v.strip()}
        if not velden or len(velden) > MAX_VELDEN or sum(len(v) for v in velden.values()) > MAX_TEKENS:
            return None
        sleutel = secrets.token_urlsafe(32)
        with self._slot:
            self._ruim_op(nu)
            while len(self._formulieren) >= MAX_BEWAARD:
                self._formulieren.popitem(last=False)
            bewaard = Formulier(formulier.pad, formulier.stap, velden, formulier.met_bestand)
            self._formulieren[sleutel] = (nu + LEVENSDUUR, bewaard)
        return sleutel

    def neem(self, sleutel: object, pad: str, nu: float) -> Formulier | None:
        """The form kept under `sleutel` for page `pad`, taken out (once); None if none (any more)."""
        if not isinstance(sleutel, str):
            return None
        with self._slot:
            self._ruim_op(nu)
            gevonden = self._formulieren.get(sleutel)
            if gevonden is None or gevonden[1].pad != pad:
                return None
            del self._formulieren[sleutel]
            return gevonden[1]

    def bekijk(self, sleutel: object, nu: float) -> Formulier | None:
        """The form under `sleutel`, left in place (where the login should lead)."""
        if not isinstance(sleutel, str):
            return None
        with self._slot:
            self._ruim_op(nu)
            gevonden = self._formulieren.get(sleutel)
            return gevonden[1] if gevonden else None

    def vergeet(self, sleutel: object) -> None:
        """Drop the form under `sleutel`, if any (a newer one of the same browser replaces it)."""
        if isinstance(sleutel, str):
            with self._slot:
                self._formulieren.pop(sleutel, None)

    def _ruim_op(self, nu: float) -> None:
        for sleutel in [s for s, (tot, _) in self._formulieren.items() if tot <= nu]:
            del self._formulieren[sleutel]
