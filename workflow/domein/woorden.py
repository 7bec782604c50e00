"""The domain's words, written once: statuses, roles, kinds of advice, the college's verdict and
the kinds of signal. Every layer (state machine, services, CLI choices, overviews, demo, web) takes
them from here. `StrEnum`s compare equal to their text, which is what the database stores.

Kept free of heavy imports: `advies --help` loads this module.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Where an advice stands (docs/domein.md, "Levensloop")."""

    AANGEVRAAGD = "aangevraagd"
    CONCEPT = "concept"
    TER_VASTSTELLING = "ter_vaststelling"
    VASTGESTELD = "vastgesteld"
    VERZONDEN = "verzonden"
    BEANTWOORD = "beantwoord"
    INGETROKKEN = "ingetrokken"


# States in which the council still owes the advice; a late adviestermijn counts only here.
NOG_NIET_VERZONDEN: tuple[str, ...] = tuple(
    s.value for s in (Status.AANGEVRAAGD, Status.CONCEPT, Status.TER_VASTSTELLING, Status.VASTGESTELD)
)


class Rol(StrEnum):
    """What a registered user may do: the secretary runs the register, the chair approves, members read."""

    SECRETARIS = "secretaris"
    VOORZITTER = "voorzitter"
    LID = "lid"


class Soort(StrEnum):
    """How an advice came about: asked for by the college, on the council's own initiative, or a supplement."""

    GEVRAAGD = "gevraagd"
    ONGEVRAAGD = "ongevraagd"
    AANVULLING = "aanvulling"


class Oordeel(StrEnum):
    """What the college did with the advice (its doorwerking)."""

    OVERGENOMEN = "overgenomen"
    DEELS = "deels"
    NIET = "niet"


class Signaal(StrEnum):
    """What needs the secretary's attention on a given day."""

    BINNENKORT = "binnenkort"
    TE_LAAT = "te_laat"
    HERINNEREN = "herinneren"
    ESCALEREN = "escaleren"
    EIGEN_ADVIES_TE_LAAT = "eigen_advies_te_laat"


def waarden(woorden: type[StrEnum]) -> list[str]:
    """The texts of a word list, in their order: for click.Choice and messages."""
    return [w.value for w in woorden]
