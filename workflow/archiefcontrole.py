"""Every row of an archive through the rules the commands apply, before anything is written.

The manifest's hashes show an archive was not damaged; they do not show it was not edited, since
whoever edits a row can recompute them. So an imported row must be one the commands could have
written: known states, kinds and roles, possible dates and moments (not before 1990, not in the
future), numbers the columns hold on both backends, kenmerken in the form of docs/domein.md,
unique keys, references that exist, safe file names, text without control characters, settings
that `advies instelling` would accept and templates that pass the template check. What only the
whole register shows (who took each step, the letters the steps left, the prefixes in force) is
`workflow.naspelen`; the history's path through the state machine is `workflow.invarianten`.

The rules run in phases; a later phase assumes the earlier ones held (a date column holds a
date), so the full list of problems (`problemen`) is the list of the first phase that found any.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Column, Index, String, Table, UniqueConstraint
from sqlalchemy.types import TypeDecorator, TypeEngine

from adviesfouten import AdviesFout, OngeldigeInvoer
from workflow import datumgrenzen, feestdagen, instellingen, invoer
from workflow.bestanden import veilige_bestandsnaam
from workflow.domein.rechten import ROLLEN
from workflow.domein.termijnen import TOEGEVOEGD, VERWIJDERD
from workflow.domein.toestanden import OVERGANGEN, STATUSSEN
from workflow.domein.woorden import Oordeel, Soort, waarden
from workflow.termijnwijzigingen import CORRECTIE, MAX_OPSCHORTING_DAGEN, OPSCHORTING, VERLENGING

Rij = dict[str, Any]
Rijen = dict[str, list[Rij]]

SOORTEN = tuple(waarden(Soort))
OORDELEN = tuple(waarden(Oordeel))
GEBEURTENISSEN = frozenset({"registreren"} | {o.stap for o in OVERGANGEN})
NOTITIE = 5_000
# INTEGER on PostgreSQL: what a number column holds on both backends, so that an archive from
# SQLite always fits PostgreSQL.
GROOTSTE_GETAL = 2**31 - 1
# docs/domein.md: prefix (1 to 6 letters A-Z, instellingen._voorvoegsel), year, at least two digits.
KENMERK = re.compile(r"([A-Z]{1,6}) [0-9]{4}-[0-9]{2,6}[A-Z]?")
_SHA256 = re.compile(r"[0-9a-f]{64}")


class Ongeldig(Exception):
    """The first problem found, in Dutch."""


def controleer(tabellen: list[Table], rijen: Rijen, nu: datetime | None = None) -> None:
    """Raise Ongeldig naming the first row that the commands could not have written."""
    eerste = next(_problemen(tabellen, rijen, nu or datetime.now(UTC)), None)
    if eerste is not None:
        raise Ongeldig(eerste)


def problemen(tabellen: list[Table], rijen: Rijen, nu: datetime | None = None) -> list[str]:
    """Every problem of the first phase that finds any (later phases rely on the earlier ones)."""
    moment = nu or datetime.now(UTC)
    for fase in _FASEN:
        gevonden = list(fase(tabellen, rijen, moment))
        if gevonden:
            return gevonden
    return []


def _problemen(tabellen: list[Table], rijen: Rijen, nu: datetime) -> Iterator[str]:
    for fase in _FASEN:
        yield from fase(tabellen, rijen, nu)


def _vorm(tabellen: list[Table], rijen: Rijen, nu: datetime) -> Iterator[str]:
    for tabel in tabellen:
        for rij in rijen[tabel.name]:
            probleem = _kolommen(tabel, rij, nu)
            if probleem is not None:
                yield probleem


def _sleutels(tabellen: list[Table], rijen: Rijen, nu: datetime) -> Iterator[str]:
    for tabel in tabellen:
        yield from _uniek(tabel, rijen[tabel.name])
        yield from _verwijzingen(tabel, rijen)


def _domein(tabellen: list[Table], rijen: Rijen, nu: datetime) -> Iterator[str]:
    for naam, regels in _DOMEIN.items():
        for rij in rijen[naam]:
            try:
                regels(rij, nu)
            except AdviesFout as fout:
                yield f"{_wie(naam, rij)}: {fout}"
    yield from _samenhang_instellingen(rijen["instelling"])
    yield from _samenhang_feestdagen(rijen["feestdagcorrectie"])


def _register(tabellen: list[Table], rijen: Rijen, nu: datetime) -> Iterator[str]:
    from workflow import naspelen

    yield from naspelen.problemen(rijen)


def _wie(tabel: str, rij: Rij) -> str:
    sleutel = rij.get("id", rij.get("sleutel"))
    return f"tabel {tabel}, rij {invoer.zichtbaar(str(sleutel))}"


def _kolommen(tabel: Table, rij: Rij, nu: datetime) -> str | None:
    for kolom in tabel.columns:
        waarde = rij[kolom.name]
        if waarde is None:
            if not kolom.nullable:
                return f"{_wie(tabel.name, rij)}: {kolom.name} ontbreekt"
            continue
        probleem = _typeprobleem(kolom, waarde, nu)
        if probleem:
            return f"{_wie(tabel.name, rij)}: {kolom.name} {probleem}"
    return None


def pythontype(kolom: Column[Any]) -> type:
    """The Python type a column holds, looking through decorated types (sqlmodel's, `StatusTekst`):
    what the export writes a value as, and what an imported value must be."""
    soort = _kaal(kolom)
    try:
        return soort.python_type
    except NotImplementedError:
        return object


def _kaal(kolom: Column[Any]) -> TypeEngine[Any]:
    soort = kolom.type
    return soort.impl_instance if isinstance(soort, TypeDecorator) else soort


def _typeprobleem(kolom: Column[Any], waarde: Any, nu: datetime) -> str | None:
    soort = pythontype(kolom)
    if soort is int:
        if not isinstance(waarde, int) or isinstance(waarde, bool):
            return "is geen geldig geheel getal"
        if abs(waarde) > GROOTSTE_GETAL:
            return f"is te groot ({waarde}); een kolom houdt ten hoogste {GROOTSTE_GETAL}"
    elif soort is str:
        if not isinstance(waarde, str):
            return "is geen tekst"
        lengte = getattr(_kaal(kolom), "length", None) if isinstance(_kaal(kolom), String) else None
        if lengte is not None and len(waarde) > lengte:
            return f"is te lang ({len(waarde)} tekens, ten hoogste {lengte})"
    elif soort is datetime:
        return _momentprobleem(kolom.name, waarde, nu)
    return None


def _momentprobleem(wat: str, waarde: datetime, nu: datetime) -> str | None:
    """When a row was written: every timestamp of every table, from 1990 up to now."""
    if waarde.utcoffset() is None:
        return "heeft geen tijdzone"
    try:
        datumgrenzen.tijdstip(waarde, wat, nu)
    except AdviesFout as fout:
        return str(fout).removeprefix(f"{wat} ")
    return None


def _uniek(tabel: Table, rijen: list[Rij]) -> Iterator[str]:
    for kolommen in _unieke_sleutels(tabel):
        gezien: set[tuple[Any, ...]] = set()
        for rij in rijen:
            sleutel = tuple(rij[k] for k in kolommen)
            if None in sleutel:
                continue
            if sleutel in gezien:
                waarde = ", ".join(invoer.zichtbaar(str(s)) for s in sleutel)
                yield f"tabel {tabel.name}: {'/'.join(kolommen)} '{waarde}' komt twee keer voor"
            gezien.add(sleutel)


def _unieke_sleutels(tabel: Table) -> Iterable[tuple[str, ...]]:
    """The primary key first, then the other unique keys by name: the first problem named is
    the same on every run (a table's constraints are a set)."""
    yield tuple(k.name for k in tabel.primary_key.columns)
    for beperking in sorted(tabel.constraints, key=lambda b: str(b.name)):
        if isinstance(beperking, UniqueConstraint):
            yield tuple(k.name for k in beperking.columns)
    for index in tabel.indexes:
        if isinstance(index, Index) and index.unique:
            yield tuple(k.name for k in index.columns)
    for kolom in tabel.columns:
        if kolom.unique:
            yield (kolom.name,)


def _verwijzingen(tabel: Table, rijen: Rijen) -> Iterator[str]:
    for kolom in tabel.columns:
        for sleutel in kolom.foreign_keys:
            doel = sleutel.column
            bestaand = {r[doel.name] for r in rijen[doel.table.name]}
            for rij in rijen[tabel.name]:
                if rij[kolom.name] is not None and rij[kolom.name] not in bestaand:
                    yield (
                        f"{_wie(tabel.name, rij)}: {kolom.name} verwijst naar {doel.table.name} "
                        f"{rij[kolom.name]}, die niet in het archief staat"
                    )


def _een_van(waarde: Any, toegestaan: Iterable[Any], wat: str) -> None:
    toegestaan = tuple(toegestaan)
    if waarde not in toegestaan:
        raise OngeldigeInvoer(f"{wat} '{invoer.zichtbaar(str(waarde))}' is onbekend; mogelijk: {', '.join(toegestaan)}")


def _tekst(waarde: str | None, wat: str, maximum: int, *, leeg_mag: bool = False) -> None:
    if waarde is None:
        return
    probleem = invoer.probleem(waarde, wat, maximum, leeg_mag=leeg_mag)
    if probleem:
        raise OngeldigeInvoer(probleem)


def _gebeurd(waarde: date | None, wat: str, nu: datetime) -> None:
    if waarde is not None:
        datumgrenzen.gebeurd(waarde, wat, nu.date())


def _gepland(waarde: date | None, wat: str, nu: datetime) -> None:
    if waarde is not None:
        datumgrenzen.gepland(waarde, wat, nu.date())


def _advies(rij: Rij, nu: datetime) -> None:
    _een_van(rij["status"], STATUSSEN, "status")
    _een_van(rij["soort"], SOORTEN, "soort")
    if rij["oordeel"] is not None:
        _een_van(rij["oordeel"], OORDELEN, "oordeel")
    _kenmerk(rij)
    _tekst(rij["onderwerp"], "het onderwerp", invoer.ONDERWERP)
    _tekst(rij["uw_kenmerk"], "uw kenmerk", invoer.UW_KENMERK)
    _tekst(rij["reactie_samenvatting"], "de samenvatting", invoer.SAMENVATTING)
    for kolom in ("geregistreerd_op", "ontvangen_op", "vastgesteld_op", "verzonden_op", "reactie_ontvangen_op"):
        _gebeurd(rij[kolom], kolom, nu)
    for kolom in ("vergadering_op", "adviestermijn"):
        _gepland(rij[kolom], kolom, nu)
    if rij["reactie_uiterlijk"] is not None and rij["verzonden_op"] is not None:
        # At most the longest term (52 weeks) plus a year of extensions after sending.
        if not rij["verzonden_op"] <= rij["reactie_uiterlijk"] <= rij["verzonden_op"] + timedelta(days=2 * 366 + 7):
            raise OngeldigeInvoer(
                f"reactie_uiterlijk ({rij['reactie_uiterlijk'].isoformat()}) past niet bij de verzending"
            )
    if rij["vastgestelde_sha256"] is not None and not _SHA256.fullmatch(rij["vastgestelde_sha256"]):
        raise OngeldigeInvoer("vastgestelde_sha256 is geen sha256")
    # Every change raises the row version by one: it must be able to rise once more.
    if not 1 <= rij["rijversie"] < GROOTSTE_GETAL:
        raise OngeldigeInvoer(f"rijversie {rij['rijversie']} ligt niet tussen 1 en {GROOTSTE_GETAL - 1}")
    _velden_bij_status(rij)


def _kenmerk(rij: Rij) -> None:
    """The form of docs/domein.md in ASCII letters and digits; that it names the advice's own year,
    number and letter is `invarianten` (one check says it, on the register as imported)."""
    if KENMERK.fullmatch(rij["kenmerk"]) is None:
        raise OngeldigeInvoer(
            f"kenmerk '{invoer.zichtbaar(rij['kenmerk'])}' heeft niet de vorm 'CRA 2020-02' "
            "(letters A-Z, een spatie, het jaar, een streepje en een volgnummer in de cijfers 0-9)"
        )
    if rij["volgnummer"] < 1 or not datumgrenzen.EERSTE_DATUM.year <= rij["jaar"] <= rij["geregistreerd_op"].year:
        raise OngeldigeInvoer(f"kenmerk '{rij['kenmerk']}' heeft een onmogelijk jaar of volgnummer")
    is_aanvulling = rij["soort"] == "aanvulling"
    if is_aanvulling != (rij["ouder_id"] is not None) or is_aanvulling != bool(rij["achtervoegsel"]):
        raise OngeldigeInvoer(f"{rij['kenmerk']}: alleen een aanvulling heeft een letter en een hoofdadvies")


def _velden_bij_status(rij: Rij) -> None:
    status = rij["status"]
    nodig = {
        "vastgesteld": ("vastgestelde_versie", "vastgestelde_sha256", "vastgesteld_op"),
        "verzonden": ("vastgestelde_versie", "vastgestelde_sha256", "verzonden_op", "reactie_uiterlijk"),
        "beantwoord": ("vastgestelde_versie", "verzonden_op", "reactie_ontvangen_op"),
    }.get(status, ())
    ontbreekt = [k for k in nodig if rij[k] is None]
    if ontbreekt:
        raise OngeldigeInvoer(f"status '{status}' zonder {', '.join(ontbreekt)}")


def _tekstversie(rij: Rij, nu: datetime) -> None:
    if rij["versie"] < 1:
        raise OngeldigeInvoer("versie is kleiner dan 1")
    veilige_bestandsnaam(rij["bron_naam"])
    invoer.naam(rij["door"], "door")
    try:
        blokken = json.loads(rij["blokken"])
    except ValueError:
        raise OngeldigeInvoer("de blokken zijn geen geldige JSON") from None
    if not isinstance(blokken, list) or not all(isinstance(b, dict) for b in blokken):
        raise OngeldigeInvoer("de blokken zijn geen lijst van alinea's")


def _document(rij: Rij, nu: datetime) -> None:
    from workflow.correcties import DOCUMENTSOORTEN  # the kinds `advies document` knows

    _een_van(rij["soort"], DOCUMENTSOORTEN, "soort")
    veilige_bestandsnaam(rij["bestandsnaam"])
    _gebeurd(rij["datum"], "datum", nu)
    invoer.naam(rij["door"], "door")
    if rij["kenmerk"] is not None and KENMERK.fullmatch(rij["kenmerk"]) is None:
        raise OngeldigeInvoer(
            f"kenmerk '{invoer.zichtbaar(rij['kenmerk'])}' heeft niet de vorm 'CRB 2021-02' "
            "(letters A-Z, een spatie, het jaar, een streepje en een volgnummer in de cijfers 0-9)"
        )


def _geschiedenis(rij: Rij, nu: datetime) -> None:
    _een_van(rij["gebeurtenis"], sorted(GEBEURTENISSEN), "gebeurtenis")
    if rij["van"] is not None:
        _een_van(rij["van"], STATUSSEN, "van")
    _een_van(rij["naar"], STATUSSEN, "naar")
    invoer.naam(rij["door"], "door")
    _tekst(rij["notitie"], "notitie", NOTITIE, leeg_mag=True)


def _gebruiker(rij: Rij, nu: datetime) -> None:
    _tekst(rij["naam"], "naam", invoer.NAAM)
    _een_van(rij["rol"], ROLLEN, "rol")
    if rij.get("agenda_token") is not None:  # an export never writes one (archief.VLUCHTIGE_KOLOMMEN)
        raise OngeldigeInvoer("een archief draagt geen agenda-adres; dat hoort bij de server die het maakte")


def _instelling(rij: Rij, nu: datetime) -> None:
    instellingen.controleer_waarde(rij["sleutel"], rij["waarde"], rij["inhoud"])
    invoer.naam(rij["gewijzigd_door"], "gewijzigd_door")


def _feestdagcorrectie(rij: Rij, nu: datetime) -> None:
    """What `advies feestdag toevoegen/verwijderen` stores, by workflow.feestdagen's own rules."""
    _een_van(rij["soort"], (TOEGEVOEGD, VERWIJDERD), "soort")
    if feestdagen.controleer_reden(rij["reden"]) != rij["reden"]:
        raise OngeldigeInvoer("de reden bevat witruimte aan het begin of eind, of een regelovergang")
    datumgrenzen.kalenderdag(rij["datum"], "datum", nu.date())
    invoer.naam(rij["door"], "door")


def _termijnwijziging(rij: Rij, nu: datetime) -> None:
    """What `advies opschorten` and `advies termijn` store."""
    _een_van(rij["soort"], (OPSCHORTING, VERLENGING, CORRECTIE), "soort")
    _tekst(rij["reden"], "de reden", invoer.REDEN)
    invoer.naam(rij["door"], "door")
    for kolom in ("van", "tot", "uiterlijk_was", "uiterlijk_werd"):
        if rij[kolom] is not None:  # a due date may lie years ahead after extensions
            datumgrenzen.niet_te_vroeg(rij[kolom], kolom)
    if rij["soort"] == OPSCHORTING:
        if rij["van"] is None or rij["tot"] is None or rij["van"] > rij["tot"]:
            raise OngeldigeInvoer("een opschorting heeft een eerste en een laatste dag, de eerste vooraan")
        if (rij["tot"] - rij["van"]).days + 1 > MAX_OPSCHORTING_DAGEN:
            raise OngeldigeInvoer(f"een opschorting duurt hoogstens {MAX_OPSCHORTING_DAGEN} dagen")
    elif rij["van"] is not None or rij["tot"] is not None:
        raise OngeldigeInvoer("een verlenging of correctie heeft geen eerste en laatste dag")


def _samenhang_feestdagen(rijen: list[Rij]) -> Iterator[str]:
    """The corrections in the order they were made, each one the command could have made then."""
    volgorde = sorted(rijen, key=lambda r: (r["op"], r["id"]))
    try:
        feestdagen.controleer_reeks((r["datum"], r["soort"], r["reden"], r.get("bron")) for r in volgorde)
    except AdviesFout as fout:
        yield f"tabel feestdagcorrectie: {fout}"


def _samenhang_instellingen(rijen: list[Rij]) -> Iterator[str]:
    waarden = {sleutel: d.standaard for sleutel, d in instellingen.DEFINITIES.items()}
    waarden.update({r["sleutel"]: r["waarde"] for r in rijen})
    try:
        instellingen.controleer_samenhang(waarden)
    except AdviesFout as fout:
        yield f"tabel instelling: {fout}"


_DOMEIN: dict[str, Callable[[Rij, datetime], None]] = {
    "gebruiker": _gebruiker,
    "instelling": _instelling,
    "feestdagcorrectie": _feestdagcorrectie,
    "advies": _advies,
    "tekstversie": _tekstversie,
    "document": _document,
    "geschiedenis": _geschiedenis,
    "termijnwijziging": _termijnwijziging,
}

_FASEN: tuple[Callable[[list[Table], Rijen, datetime], Iterator[str]], ...] = (_vorm, _sleutels, _domein, _register)
