"""Fault injection for the tests that kill a command at a chosen point (`ADVIES_STORING`).

A test sets ADVIES_STORING to one named point, such as `herinnering.voor_commit`; when a command
passes that point, the process kills itself with SIGKILL, exactly as a power cut or `kill -9`
would stop it there, without any timing. Unset (as in production) a point costs one lookup in
the environment and does nothing.
"""

from __future__ import annotations

import os
import signal

OMGEVINGSVARIABELE = "ADVIES_STORING"

# Every point a test may name, in the order a reminder passes them: its rows are flushed but not
# committed; committed, its letter not yet written; the letter's temporary file written and
# fsynced; the letter renamed into place, its folder not yet fsynced.
PUNTEN = ("herinnering.voor_commit", "herinnering.na_commit", "bestand.tijdelijk", "bestand.geplaatst")


def haak(punt: str) -> None:
    """Stop the process here, hard, when ADVIES_STORING names `punt`."""
    assert punt in PUNTEN, punt
    if os.environ.get(OMGEVINGSVARIABELE) == punt:
        os.kill(os.getpid(), signal.SIGKILL)
