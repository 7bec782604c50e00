"""Handing a letter the register holds to the user as a file, after the commit that stored it.

The register is the truth: a letter's number exists only once its row is committed, so the file
is written as the last step, after the commit, never before. What to write is plain data
(`Aflevering`): `neem_op` records it in the outbox (workflow.uitgaand, kind `bestand`) in the
transaction that stores the letter, and the dispatcher writes it after the commit with `voer_uit`,
again after a failure or a crash (the same bytes at the same name: a file that holds them counts
as written).

A file at the letter's name that is not the register's letter (another content) can only be a
leftover of a run that was stopped before its commit, when the register held no row with that
number; it is moved aside with a notice, so it never blocks a later command.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from adviesfouten import AdviesFout, Storing
from opslag.diagnose import bestandsoorzaak
from workflow.bestanden import fsync_map, schrijf_bytes

if TYPE_CHECKING:
    from sqlmodel import Session

    from workflow.uitgaand import Opdracht

SOORT = "bestand"  # the outbox's kind for a letter file
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
    kenmerk: str
    pad: Path
    melding: str | None  # the notice about a leftover moved aside, if there was one

    def beschrijving(self) -> list[str]:
        """What a later command says when it wrote this letter for an earlier, interrupted one."""
        geschreven = f"Herinnering {self.kenmerk} alsnog geschreven naar {self.pad}"
        return [self.melding, geschreven] if self.melding else [geschreven]


def neem_op(sessie: Session, aflevering: Aflevering) -> int:
    """Record the letter file in the outbox, in the transaction that stores the letter; its id."""
    from workflow import uitgaand

    gegevens = {"pad": str(aflevering.pad), "overschrijf": aflevering.overschrijf, "vaste_naam": aflevering.vaste_naam}
    return uitgaand.neem_op(
        sessie, SOORT, gegevens, inhoud=aflevering.inhoud, kenmerk=aflevering.kenmerk, plek=uitgaand.eigen_plek()
    )


def voer_uit(opdracht: Opdracht) -> Afgeleverd:
    """The outbox's performer of a `bestand`."""
    assert opdracht.kenmerk is not None and opdracht.inhoud is not None
    gegevens = opdracht.gegevens
    return lever_af(
        Aflevering(
            kenmerk=opdracht.kenmerk,
            pad=Path(gegevens["pad"]),
            inhoud=opdracht.inhoud,
            overschrijf=bool(gegevens["overschrijf"]),
            vaste_naam=bool(gegevens["vaste_naam"]),
        )
    )


def lever_af(aflevering: Aflevering) -> Afgeleverd:
    """Write the letter; a failure here leaves the committed letter in the register, and says so."""
    melding = None
    if not aflevering.vaste_naam:
        melding = _zet_overblijfsel_opzij(aflevering)
    try:
        schrijf_bytes(aflevering.pad, aflevering.inhoud, overschrijf=aflevering.overschrijf)
    except AdviesFout as fout:
        raise type(fout)(f"{fout}; {_wel_opgeslagen(aflevering)}") from None  # the same kind, with what is stored
    return Afgeleverd(aflevering.kenmerk, aflevering.pad, melding)


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
