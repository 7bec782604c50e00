"""What holds for every register the commands wrote, checked in SQL over all rows.

Every advice's history is one chain: it begins with its registration (`van` empty, `naar` the
state its kind begins in), each next entry starts where the one before ended, each is a step of
the machine (`OVERGANGEN`), and the last one ends in the advice's status. Every kenmerk is
unique and names the advice's year, number and letter. `advies demo --aantal` writes its rows in
bulk, past the services, and so checks them here before it commits.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import text
from sqlmodel import Session

from adviesfouten import AdviesFout
from workflow.domein.toestanden import BEGINSTATUS, REGISTREREN, toegestane_stappen


def controleer(sessie: Session) -> None:
    """Refuse, naming the first advice that breaks it, every invariant the register breaks."""
    gebroken = overtredingen(sessie)
    if gebroken:
        # A plain AdviesFout: none of the kinds fits rows the program itself made wrongly (the demo's).
        raise AdviesFout(f"het register klopt niet: {'; '.join(gebroken)}")


def overtredingen(sessie: Session) -> list[str]:
    """One sentence per broken invariant, naming the first advice (by id) that breaks it."""
    return [melding for controle in _CONTROLES if (melding := controle(sessie)) is not None]


def _zonder_geschiedenis(sessie: Session) -> str | None:
    rij = sessie.execute(
        text(
            "SELECT kenmerk FROM advies a WHERE NOT EXISTS (SELECT 1 FROM geschiedenis g WHERE g.advies_id = a.id) "
            "ORDER BY a.id LIMIT 1"
        )
    ).first()
    return None if rij is None else f"{rij.kenmerk} heeft geen geschiedenis"


def _begin_niet_bij_registratie(sessie: Session) -> str | None:
    begin = " ".join(f"WHEN '{soort}' THEN '{status}'" for soort, status in BEGINSTATUS.items())
    rij = sessie.execute(
        text(
            "SELECT a.kenmerk, a.soort, g.gebeurtenis, g.van, g.naar FROM advies a "
            "JOIN geschiedenis g ON g.id = (SELECT min(e.id) FROM geschiedenis e WHERE e.advies_id = a.id) "
            f"WHERE NOT (g.gebeurtenis = :registreren AND g.van IS NULL AND g.naar = CASE a.soort {begin} ELSE '' END) "
            "ORDER BY a.id LIMIT 1"
        ),
        {"registreren": REGISTREREN},
    ).first()
    if rij is None:
        return None
    verwacht = BEGINSTATUS.get(rij.soort, "?")
    return (
        f"de geschiedenis van {rij.kenmerk} begint niet met '{REGISTREREN}' naar '{verwacht}' "
        f"maar met '{rij.gebeurtenis}' van {_status(rij.van)} naar {_status(rij.naar)}"
    )


def _gebroken_keten(sessie: Session) -> str | None:
    rij = sessie.execute(
        text(
            "SELECT a.kenmerk, k.gebeurtenis, k.van, k.vorige FROM advies a JOIN ("
            "  SELECT advies_id, id, gebeurtenis, van,"
            "         lag(naar) OVER (PARTITION BY advies_id ORDER BY id) AS vorige,"
            "         row_number() OVER (PARTITION BY advies_id ORDER BY id) AS plaats"
            "  FROM geschiedenis) k ON k.advies_id = a.id "
            "WHERE k.plaats > 1 AND (k.van IS NULL OR k.van <> k.vorige) "
            "ORDER BY a.id, k.id LIMIT 1"
        )
    ).first()
    if rij is None:
        return None
    return (
        f"in de geschiedenis van {rij.kenmerk} gaat '{rij.gebeurtenis}' uit van {_status(rij.van)}, "
        f"maar de regel ervoor eindigde op {_status(rij.vorige)}"
    )


def _onbekende_stap(sessie: Session) -> str | None:
    """The distinct entries are few; the first one the machine does not know is looked up by advice."""
    toegestaan = toegestane_stappen()
    gebruikt = sessie.execute(
        text("SELECT DISTINCT gebeurtenis, van, naar FROM geschiedenis WHERE van IS NOT NULL")
    ).all()
    onbekend = [tuple(r) for r in gebruikt if tuple(r) not in toegestaan]
    if not onbekend:
        return None
    rij = sessie.execute(
        text(
            "SELECT a.kenmerk, g.gebeurtenis, g.van, g.naar FROM advies a JOIN geschiedenis g ON g.advies_id = a.id "
            "WHERE "
            + " OR ".join(f"(g.gebeurtenis = :g{i} AND g.van = :v{i} AND g.naar = :n{i})" for i in range(len(onbekend)))
            + " ORDER BY a.id, g.id LIMIT 1"
        ),
        {f"{s}{i}": w for i, stap in enumerate(onbekend) for s, w in zip("gvn", stap, strict=True)},
    ).one()
    return (
        f"de geschiedenis van {rij.kenmerk} heeft '{rij.gebeurtenis}' van {_status(rij.van)} naar "
        f"{_status(rij.naar)}, en dat is geen stap van de toestandsmachine"
    )


def _status_niet_laatste_stap(sessie: Session) -> str | None:
    rij = sessie.execute(
        text(
            "SELECT a.kenmerk, a.status, g.naar FROM advies a "
            "JOIN geschiedenis g ON g.id = (SELECT max(e.id) FROM geschiedenis e WHERE e.advies_id = a.id) "
            "WHERE g.naar <> a.status ORDER BY a.id LIMIT 1"
        )
    ).first()
    if rij is None:
        return None
    return f"{rij.kenmerk} staat op '{rij.status}', maar de laatste regel van zijn geschiedenis eindigt op '{rij.naar}'"


def _dubbel_kenmerk(sessie: Session) -> str | None:
    rij = sessie.execute(
        text(
            "SELECT kenmerk, count(*) AS aantal FROM advies GROUP BY kenmerk HAVING count(*) > 1 "
            "ORDER BY min(id) LIMIT 1"
        )
    ).first()
    return None if rij is None else f"het kenmerk {rij.kenmerk} komt {rij.aantal} keer voor"


def _kenmerk_past_niet(sessie: Session) -> str | None:
    """The kenmerk ends in ' JAAR-NN' plus the letter; the prefix before it may differ per year."""
    staart = (
        "' ' || CAST(jaar AS VARCHAR) || '-' || CASE WHEN volgnummer < 10 THEN '0' ELSE '' END "
        "|| CAST(volgnummer AS VARCHAR) || achtervoegsel"
    )
    rij = sessie.execute(
        text(
            f"SELECT kenmerk, jaar, volgnummer, achtervoegsel FROM advies "
            f"WHERE length(kenmerk) <= length({staart}) "
            f"OR substr(kenmerk, length(kenmerk) - length({staart}) + 1) <> {staart} "
            "ORDER BY id LIMIT 1"
        )
    ).first()
    if rij is None:
        return None
    return (
        f"het kenmerk {rij.kenmerk} past niet bij jaar {rij.jaar}, "
        f"volgnummer {rij.volgnummer} en letter '{rij.achtervoegsel}'"
    )


def _status(waarde: str | None) -> str:
    return "niets" if waarde is None else f"'{waarde}'"


_CONTROLES: tuple[Callable[[Session], str | None], ...] = (
    _zonder_geschiedenis,
    _begin_niet_bij_registratie,
    _gebroken_keten,
    _onbekende_stap,
    _status_niet_laatste_stap,
    _dubbel_kenmerk,
    _kenmerk_past_niet,
)
