"""Handing a letter the register holds to the user as a file, after the commit that stored it.

The register is the truth: a letter's number exists only once its row is committed, so the file
is written as the last step, after the commit, never before. What to write is plain data
(`Aflevering`), so an outbox can later keep exactly this and write it on a retry.

A file at the letter's name that is not the register's letter (another content) can only be a
leftover of a run that was stopped before its commit, when the register held no row with that
number; it is moved aside with a notice, so it never blocks a later command.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from adviesfouten import AdviesFout, Storing
from opslag.diagnose import bestandsoorzaak
from workflow.bestanden import fsync_map, schrijf_bytes

OPZIJ = "onderbroken"  # the folder, beside the letter, that leftovers are moved into


@dataclass(frozen=True)
class Aflevering:
    """A committed letter to write: its number, where, its bytes, and what the user allowed."""

    kenmerk: str
    pad: Path
    inhoud: bytes
    overschrijf: bool
    vaste_naam: bool  # the user named the file (--uit FILE); otherwise the name carries the number


@dataclass(frozen=True)
class Afgeleverd:
    pad: Path
    melding: str | None  # the notice about a leftover moved aside, if there was one


def lever_af(aflevering: Aflevering) -> Afgeleverd:
    """Write the letter; a failure here leaves the committed letter in the register, and says so."""
    melding = None
    if not aflevering.vaste_naam:
        melding = _zet_overblijfsel_opzij(aflevering)
    try:
        schrijf_bytes(aflevering.pad, aflevering.inhoud, overschrijf=aflevering.overschrijf)
    except AdviesFout as fout:
        raise type(fout)(f"{fout}; {_wel_opgeslagen(aflevering)}") from None  # the same kind, with what is stored
    return Afgeleverd(aflevering.pad, melding)


def _wel_opgeslagen(aflevering: Aflevering) -> str:
    kenmerk = aflevering.kenmerk
    return f"de herinnering {kenmerk} is wel opgeslagen; schrijf haar met 'advies brief \"{kenmerk}\" --uit PAD'"


def _zet_overblijfsel_opzij(aflevering: Aflevering) -> str | None:
    pad = aflevering.pad
    if not os.path.lexists(pad) or pad.is_dir() or _zelfde(pad, aflevering.inhoud):
        return None
    map_ = pad.parent / OPZIJ
    try:
        map_.mkdir(exist_ok=True)
        doel = _vrije_naam(map_, pad.name)
        os.rename(pad, doel)
    except OSError as fout:
        raise Storing(
            f"kan het overblijfsel '{pad}' niet opzij zetten: {bestandsoorzaak(fout)}; {_wel_opgeslagen(aflevering)}"
        ) from None
    fsync_map(map_)
    fsync_map(pad.parent)
    return (
        f"Let op: '{pad.name}' was een overblijfsel van een onderbroken opdracht ({aflevering.kenmerk} stond "
        f"toen niet in het register) en is verplaatst naar '{doel}'."
    )


def _zelfde(pad: Path, inhoud: bytes) -> bool:
    try:
        return pad.is_file() and not pad.is_symlink() and pad.read_bytes() == inhoud
    except OSError:
        return False


def _vrije_naam(map_: Path, naam: str) -> Path:
    kandidaat = map_ / naam
    stam, achtervoegsel = os.path.splitext(naam)
    nummer = 2
    while os.path.lexists(kandidaat):
        kandidaat = map_ / f"{stam} ({nummer}){achtervoegsel}"
        nummer += 1
    return kandidaat
