"""The rows the reading services give, as types: one TypedDict per kind of row, declared once.

A row is a plain dict at runtime (it is printed as JSON by `--json` and handed to the web
templates as it is), so these are TypedDicts, not classes: no runtime change, but mypy checks
every key a face reads. The order of the keys is the order of the JSON (docs/cli.md): the key
tuples of the services derive from these declarations (`tuple(AdviesRij.__annotations__)`),
and the queries select their columns in that order. tests/test_rijen.py compares each type with
what the commands print, so a key a query adds without its type here fails.

Dates are `JJJJ-MM-DD` text and moments ISO text in UTC, as the database gives them to the
read commands. Imports only typing: a read command loads this module.
"""

from __future__ import annotations

from typing import Literal, TypedDict


class AdviesRij(TypedDict):
    """One advice in `lijst`, the register page and after a change (`--json`): the advice keys of
    docs/cli.md first, then what people need beyond them."""

    kenmerk: str
    onderwerp: str
    soort: str
    status: str
    ontvangen_op: str | None
    adviestermijn: str | None
    vastgesteld_op: str | None
    verzonden_op: str | None
    reactie_uiterlijk: str | None
    reactie_ontvangen_op: str | None
    oordeel: str | None
    uw_kenmerk: str | None
    geregistreerd_op: str
    vergadering_op: str | None
    reactie_samenvatting: str | None


class GeschiedenisRij(TypedDict):
    """One history entry of an advice in `toon`."""

    van: str | None
    naar: str
    door: str
    op: str
    notitie: str | None
    gebeurtenis: str


class TekstversieRij(TypedDict):
    """One stored draft text in `toon` (without its blocks)."""

    versie: int
    bron: str
    sha256: str
    door: str
    op: str


class DocumentRij(TypedDict):
    """One stored document in `toon` (without its content)."""

    soort: str
    versie: int | None
    kenmerk: str | None
    datum: str
    bestandsnaam: str
    sha256: str


class TermijnwijzigingRij(TypedDict):
    """A moved response due date in `toon`: a suspension has `van`, `tot` and `dagen`."""

    soort: str
    van: str | None
    tot: str | None
    dagen: int | None
    reden: str
    uiterlijk_was: str | None
    uiterlijk_werd: str
    door: str


class AdviesInFull(AdviesRij):
    """One advice as `toon` gives it: the advice keys, then its lists."""

    geschiedenis: list[GeschiedenisRij]
    versies: list[TekstversieRij]
    documenten: list[DocumentRij]
    termijnwijzigingen: list[TermijnwijzigingRij]


class ConcepttekstRij(TypedDict):
    """The latest draft of an advice with its blocks (JSON text), for the advice page."""

    versie: int
    sha256: str
    door: str
    bron_naam: str
    blokken: str
    op: str  # when it was stored, as in `TekstversieRij`: "versie 3 van 12 november 2026"


class AchterstalligRij(TypedDict):
    """One late college response or late own advice in `achterstallig`."""

    kenmerk: str
    onderwerp: str
    soort_achterstand: Literal["reactie_college", "eigen_advies"]
    uiterlijk: str
    dagen_te_laat: int


class SignaalRij(TypedDict):
    """One signal in `signalen`: `dagen` is the days left (`binnenkort`) or the days late."""

    kenmerk: str
    onderwerp: str
    signaal: str
    uiterlijk: str
    dagen: int


class UitgaandSignaalRij(TypedDict):
    """Failed outgoing work in the list of `signalen --json`: the keys of SignaalRij, then its error."""

    kenmerk: str | None
    onderwerp: str
    signaal: Literal["uitgaand_mislukt"]
    uiterlijk: None
    dagen: None
    pogingen: int
    fout: str | None


class TeruggestuurdRij(TypedDict):
    """A draft the chair sent back (Mijn werk of the secretary): her last reason, and how many new
    versions were stored since."""

    kenmerk: str
    onderwerp: str
    door: str
    op: str
    reden: str
    nieuwe_versies: int
