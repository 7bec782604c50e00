"""The register API without any face: rights for every step of the state machine, all-or-nothing
units of work, the numbering retry and the stale-version refusal.

The matrix is generated from `toestanden.OVERGANGEN`: a step added to the machine without a line
in `STAPPEN` below fails here, so every step is tried against every role.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, text
from sqlmodel import Session, select

from adviesfouten import AdviesFout
from opslag.modellen import Advies, Geschiedenis
from tests import beginstand
from tests.conftest import voer_uit
from workflow import correcties, instellingen, levensloop, registratie, termijnwijzigingen
from workflow.bestanden import Bestand
from workflow.domein.rechten import Rechten
from workflow.domein.toestanden import OVERGANGEN, overgang
from workflow.domein.woorden import Rol, Status
from workflow.gebruikers import voeg_toe
from workflow.register import Register

_TELLER = itertools.count()
TEKST = b"Geacht college,\n\nDe raad adviseert positief.\n"
Stap = Callable[[Session, Rechten, str], Any]

# Every trigger of the machine, as the service a face calls for it.
STAPPEN: dict[str, Stap] = {
    "concept": lambda s, wie, k: levensloop.sla_concept_op(s, wie, k, "a.md", TEKST + b"Versie %d.\n" % next(_TELLER)),
    "agenderen": lambda s, wie, k: levensloop.agendeer(s, wie, k, date(2020, 1, 28)),
    "vaststellen": lambda s, wie, k: levensloop.stel_vast(s, wie, k, date(2020, 1, 28)),
    "terugsturen": lambda s, wie, k: levensloop.stuur_terug(s, wie, k, "Nog niet goed"),
    "verzenden": lambda s, wie, k: levensloop.verzend(s, wie, k, date(2020, 1, 29)),
    "reactie": lambda s, wie, k: levensloop.registreer_reactie(s, wie, k, date(2020, 3, 5)),
    "intrekken": lambda s, wie, k: levensloop.trek_in(s, wie, k, "Niet meer nodig"),
    "termijn": lambda s, wie, k: levensloop.verleng_termijn(s, wie, k, date(2020, 4, 1), "Afgesproken"),
    "herinnering": lambda s, wie, k: levensloop.herinner(s, wie, k, date(2020, 3, 20)),
    "corrigeer": lambda s, wie, k: correcties.corrigeer(
        s, wie, k, correcties.Correctie(adviestermijn=date(2020, 2, 7)), "Typfout"
    ),
    "bijlage": lambda s, wie, k: _bijlage(s, wie, k),
    "opschorten": lambda s, wie, k: termijnwijzigingen.schort_op(
        s, wie, k, date(2020, 2, 3), date(2020, 2, 7), "Reces"
    ),
}


def _bijlage(s: Session, wie: Rechten, kenmerk: str) -> Any:
    bestand = Bestand("reactie.pdf", b"%PDF-1.4 reactie van het college")
    return correcties.voeg_bijlage_toe(s, wie, kenmerk, bestand, "reactie", date(2020, 3, 5))


# The way from registration to each status, as (step, role) pairs.
WEG: dict[str, list[str]] = {
    Status.AANGEVRAAGD: [],
    Status.CONCEPT: ["concept"],
    Status.TER_VASTSTELLING: ["concept", "agenderen"],
    Status.VASTGESTELD: ["concept", "agenderen", "vaststellen"],
    Status.VERZONDEN: ["concept", "agenderen", "vaststellen", "verzenden"],
    Status.BEANTWOORD: ["concept", "agenderen", "vaststellen", "verzenden", "reactie"],
    Status.INGETROKKEN: ["intrekken"],
}

GEBRUIKERS = {Rol.SECRETARIS: "els", Rol.VOORZITTER: "hans", Rol.LID: "fleur"}
ONBEKEND = "piet"


GEVALLEN = [(o.stap, bron.value, rol) for o in OVERGANGEN for bron in o.van for rol in [*GEBRUIKERS, ONBEKEND]]


def test_elke_stap_van_de_machine_heeft_een_dienst() -> None:
    assert {o.stap for o in OVERGANGEN} == set(STAPPEN)


def _werk(dienst: Callable[..., Any], *args: Any) -> Callable[[Session, Rechten], Any]:
    """`dienst(s, wie, *args)` as a unit of work for the register, its arguments bound now."""
    return lambda s, wie: dienst(s, wie, *args)


def _uitvoerder(register: Register, stap: str) -> Register:
    """Who may take `stap` on the way to a status: the chair for the chair's steps."""
    return register.als(GEBRUIKERS[overgang(stap).rol])


def _advies_in(register: Register, status: str) -> str:
    kenmerk = register.als("els").wijzigen(
        lambda s, wie: registratie.registreer_aanvraag(s, wie, "Werkprogramma", date(2020, 1, 10)).kenmerk
    )
    for stap in WEG[status]:
        _uitvoerder(register, stap).wijzig_advies(kenmerk, _werk(STAPPEN[stap], kenmerk))
    return kenmerk


# The advice in each status of the matrix, in the register every test of the matrix gets a copy of.
IN_STATUS = {status: f"CRA 2020-{i:02d}" for i, status in enumerate(WEG, start=1)}


def _stand(register: Register, kenmerk: str) -> tuple[str, int, int]:
    with register.als("els").lezen() as (s, _wie):
        advies = s.exec(select(Advies).where(Advies.kenmerk == kenmerk)).one()
        regels = s.exec(select(func.count()).select_from(Geschiedenis).where(Geschiedenis.advies_id == advies.id)).one()
        return advies.status, advies.rijversie, regels


def _onderteken(register: Register) -> None:
    """A letter is only sent signed."""
    for sleutel, waarde in (("brief.ondertekenaar", "J. de Vries"), ("brief.functie", "Voorzitter")):
        register.wijzigen(_werk(instellingen.zet, sleutel, waarde))


@pytest.fixture
def register(home: Path) -> Iterator[Register]:
    beginstand.zet_neer("register met rollen", home, _met_rollen)
    register = Register()
    yield register
    register.sluit()


def _met_rollen() -> None:
    """A secretary (els), a chair and a member, and a signed letter."""
    voer_uit("init")
    eerste = Register().als("els")
    eerste.wijzigen(lambda s, wie: voeg_toe(s, wie, "els", Rol.SECRETARIS))
    for rol in (Rol.VOORZITTER, Rol.LID):
        eerste.wijzigen(_werk(voeg_toe, GEBRUIKERS[rol], rol))
    _onderteken(eerste)
    eerste.sluit()


@pytest.fixture
def in_elke_status(home: Path) -> Iterator[Register]:
    """The register with roles and one advice in each status (`IN_STATUS`): built once per test
    process, copied for every case of the matrix (building costs a rendered letter per status)."""

    def bouw() -> None:
        _met_rollen()
        register = Register()
        for status, kenmerk in IN_STATUS.items():
            assert _advies_in(register, status) == kenmerk
        register.sluit()

    beginstand.zet_neer("register in elke status", home, bouw)
    register = Register()
    yield register
    register.sluit()


@pytest.mark.parametrize(("stap", "bron", "rol"), GEVALLEN, ids=[f"{s}-{b}-{r}" for s, b, r in GEVALLEN])
def test_rechten_per_stap_en_rol(in_elke_status: Register, stap: str, bron: str, rol: str) -> None:
    register = in_elke_status
    deze = next(o for o in OVERGANGEN if o.stap == stap and bron in o.van)
    nodig = deze.rol
    kenmerk = IN_STATUS[bron]
    voor = _stand(register, kenmerk)
    naam = GEBRUIKERS[rol] if rol in GEBRUIKERS else ONBEKEND  # type: ignore[index]

    def doe(s: Session, wie: Rechten) -> Any:
        return STAPPEN[stap](s, wie, kenmerk)

    if rol == nodig:
        register.als(naam).wijzig_advies(kenmerk, doe)
        status, rijversie, regels = _stand(register, kenmerk)
        assert status == (deze.naar or bron)
        assert rijversie > voor[1] and regels == voor[2] + 1
    else:
        with pytest.raises(AdviesFout, match=f"rol {nodig}"):
            register.als(naam).wijzig_advies(kenmerk, doe)
        assert _stand(register, kenmerk) == voor


def test_eenpersoonsmodus_mag_elke_stap(ingericht: Path) -> None:
    register = Register().als("iemand")
    _onderteken(register)
    kenmerk = register.wijzigen(
        lambda s, wie: registratie.registreer_aanvraag(s, wie, "Werkprogramma", date(2020, 1, 10)).kenmerk
    )
    for stap in WEG[Status.BEANTWOORD]:
        register.wijzig_advies(kenmerk, _werk(STAPPEN[stap], kenmerk))
    assert _stand(register, kenmerk)[0] == Status.BEANTWOORD
    register.sluit()


def test_een_fout_na_een_flush_laat_niets_achter(ingericht: Path) -> None:
    register = Register()

    def registreer_en_val_om(s: Session, wie: Rechten) -> None:
        registratie.registreer_ongevraagd(s, wie, "Armoedebeleid", date(2020, 2, 1))
        s.flush()  # the advice and its history entry are in the transaction now
        assert s.exec(select(func.count()).select_from(Geschiedenis)).one() == 1
        raise RuntimeError("storing halverwege")

    with pytest.raises(RuntimeError):
        register.wijzigen(registreer_en_val_om)
    with register.lezen() as (s, _wie):
        assert s.exec(select(func.count()).select_from(Advies)).one() == 0
        assert s.exec(select(func.count()).select_from(Geschiedenis)).one() == 0
    register.sluit()


def test_een_nummerconflict_wordt_als_geheel_opnieuw_geprobeerd(ingericht: Path) -> None:
    """A concurrent registration that took the number makes the whole unit of work run again."""
    register = Register()
    register.wijzigen(lambda s, wie: registratie.registreer_ongevraagd(s, wie, "Eerste", date(2020, 2, 1)))
    pogingen: list[int] = []

    def registreer(s: Session, wie: Rechten) -> str:
        pogingen.append(1)
        if len(pogingen) == 1:  # as if another process had handed out number 01 in between
            s.add(Advies(**_kopie_van_eerste(s)))
            s.flush()
        return registratie.registreer_ongevraagd(s, wie, "Tweede", date(2020, 2, 2)).kenmerk

    assert register.wijzigen(registreer) == "CRA 2020-02"
    assert len(pogingen) == 2
    register.sluit()


def test_een_blijvend_nummerconflict_wordt_een_nette_weigering(ingericht: Path) -> None:
    register = Register()
    register.wijzigen(lambda s, wie: registratie.registreer_ongevraagd(s, wie, "Eerste", date(2020, 2, 1)))

    def botst_altijd(s: Session, wie: Rechten) -> None:
        s.add(Advies(**_kopie_van_eerste(s)))
        s.flush()

    with pytest.raises(AdviesFout, match="kon geen vrij nummer krijgen"):
        register.wijzigen(botst_altijd)
    register.sluit()


def _kopie_van_eerste(s: Session) -> dict[str, Any]:
    eerste = s.exec(select(Advies)).one()
    return eerste.model_dump(exclude={"id"})


def test_een_verouderde_rijversie_wordt_geweigerd_met_wie_het_wijzigde(ingericht: Path) -> None:
    """The row version guards the UPDATE itself: a change that slipped in between is refused."""
    register = Register()
    kenmerk = register.wijzigen(
        lambda s, wie: registratie.registreer_aanvraag(s, wie, "Werkprogramma", date(2020, 1, 10)).kenmerk
    )

    def ander_tussendoor_dan_concept(s: Session, wie: Rechten) -> Any:
        advies = s.exec(select(Advies).where(Advies.kenmerk == kenmerk)).one()
        s.execute(text("UPDATE advies SET rijversie = rijversie + 1 WHERE id = :id"), {"id": advies.id})
        return levensloop.sla_concept_op(s, wie, kenmerk, "a.md", TEKST)

    with pytest.raises(AdviesFout, match=f"{kenmerk} is intussen gewijzigd.*er is niets opgeslagen"):
        register.wijzig_advies(kenmerk, ander_tussendoor_dan_concept)
    with register.lezen() as (s, _wie):
        assert s.exec(select(Advies)).one().status == Status.AANGEVRAAGD
    register.sluit()


def test_een_versie_die_de_gebruiker_niet_zag_wordt_geweigerd(ingericht: Path) -> None:
    """`wijzig_advies_versie`: the version a web form carried must still be the advice's version."""
    register = Register()
    advies = register.wijzigen(
        lambda s, wie: registratie.registreer_aanvraag(s, wie, "Werkprogramma", date(2020, 1, 10))
    )
    assert advies.id is not None
    gezien = advies.rijversie
    register.wijzig_advies(advies.kenmerk, lambda s, wie: STAPPEN["concept"](s, wie, advies.kenmerk))
    with pytest.raises(AdviesFout, match="is intussen gewijzigd"):
        register.wijzig_advies_versie(advies.id, gezien, lambda s, wie: STAPPEN["intrekken"](s, wie, advies.kenmerk))
    register.sluit()


def test_de_cli_en_de_api_delen_een_register(advies: Callable[..., Any]) -> None:
    register = Register()
    register.wijzigen(lambda s, wie: registratie.registreer_ongevraagd(s, wie, "Armoedebeleid", date(2020, 2, 1)))
    assert "CRA 2020-01" in advies("lijst").stdout
    register.sluit()
