"""Random sequences of commands never leave an advice outside the diagram, never give two
advices one kenmerk, and keep the history consistent with the state (hypothesis, stateful)."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    MultipleResults,
    RuleBasedStateMachine,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)

from tests import beginstand
from tests.conftest import als_json, richt_in, voer_uit
from tests.databanken import frisse_omgeving

# The diagram of docs/domein.md: (state, step) -> next state.
DIAGRAM = {
    ("aangevraagd", "concept"): "concept",
    ("concept", "concept"): "concept",
    ("concept", "agenderen"): "ter_vaststelling",
    ("ter_vaststelling", "vaststellen"): "vastgesteld",
    ("ter_vaststelling", "terugsturen"): "concept",
    ("vastgesteld", "verzenden"): "verzonden",
    ("verzonden", "reactie"): "beantwoord",
    ("verzonden", "termijn"): "verzonden",
    **{(s, "intrekken"): "ingetrokken" for s in ("aangevraagd", "concept", "ter_vaststelling", "vastgesteld")},
}
STAPPEN = sorted({stap for _, stap in DIAGRAM})
VOORUIT = {
    "aangevraagd": "concept",
    "concept": "agenderen",
    "ter_vaststelling": "vaststellen",
    "vastgesteld": "verzenden",
    "verzonden": "reactie",
}
OMGEVING = ("ADVIES_HOME", "ADVIES_GEBRUIKER", "ADVIES_DATABASE_URL")


class Register(RuleBasedStateMachine):
    adviezen = Bundle("adviezen")

    def __init__(self) -> None:
        super().__init__()
        self.map = tempfile.mkdtemp(prefix="advies-eigenschap-")
        self.bewaard = {k: os.environ.get(k) for k in OMGEVING}
        os.environ.pop("ADVIES_DATABASE_URL", None)
        os.environ.update(frisse_omgeving(Path(self.map)))
        beginstand.zet_neer("ingericht", Path(self.map), richt_in)  # the `advies` fixture's register
        self.vandaag = date(2020, 1, 1)
        self.status: dict[str, str] = {}
        self.met_tekst: set[str] = set()
        self.hoofd: dict[str, str] = {}  # supplement -> the advice it supplements
        self.teller = 0

    def teardown(self) -> None:
        try:
            self.controleer_geschiedenis()
        finally:
            for sleutel, waarde in self.bewaard.items():
                if waarde is None:
                    os.environ.pop(sleutel, None)
                else:
                    os.environ[sleutel] = waarde
            shutil.rmtree(self.map, ignore_errors=True)

    def dag(self) -> str:
        # Every step happens a day later, so every date the commands get is in order.
        self.vandaag += timedelta(days=1)
        return self.vandaag.isoformat()

    @rule(target=adviezen, gevraagd=st.booleans())
    def registreer(self, gevraagd: bool) -> str:
        if gevraagd:
            uit = voer_uit("aanvraag", "Aanvraag", "--ontvangen", self.dag(), "--json")
        else:
            uit = voer_uit("nieuw", "Ongevraagd", "--datum", self.dag(), "--json")
        advies = als_json(uit)
        assert advies["kenmerk"] == f"CRA 2020-{len({k[:11] for k in self.status}) + 1:02d}"
        assert advies["kenmerk"] not in self.status
        self.status[advies["kenmerk"]] = advies["status"]
        assert advies["status"] == ("aangevraagd" if gevraagd else "concept")
        kenmerk: str = advies["kenmerk"]
        return kenmerk

    @rule(target=adviezen, ouder=adviezen)
    def aanvulling(self, ouder: str) -> str | MultipleResults[str]:
        hoofd = self.hoofd.get(ouder, ouder)
        uit = voer_uit("aanvulling", ouder, "Aanvulling", "--datum", self.dag(), "--json", code=None)
        if self.status[hoofd] == "ingetrokken":
            assert uit.exit_code == 1
            return multiple()
        assert uit.exit_code == 0, uit.output
        advies = als_json(uit)
        letters = [k for k in self.status if k.startswith(hoofd) and k != hoofd]
        assert advies["kenmerk"] == f"{hoofd}{chr(ord('A') + len(letters))}"
        self.status[advies["kenmerk"]] = "concept"
        self.hoofd[advies["kenmerk"]] = hoofd
        kenmerk: str = advies["kenmerk"]
        return kenmerk

    @rule(advies=adviezen, stap=st.sampled_from(STAPPEN))
    def willekeurige_stap(self, advies: str, stap: str) -> None:
        self.stap(advies, stap)

    @rule(advies=adviezen)
    def stap_vooruit(self, advies: str) -> None:
        """The next step of the main path, so advices get to every state and not only the first."""
        status = self.status[advies]
        if status == "concept" and advies not in self.met_tekst:
            self.stap(advies, "concept")
        else:
            self.stap(advies, VOORUIT.get(status, "intrekken"))

    def stap(self, advies: str, stap: str) -> None:
        voor = self.status[advies]
        verwacht = DIAGRAM.get((voor, stap))
        if stap == "agenderen" and advies not in self.met_tekst:
            verwacht = None
        uit = voer_uit(*self.opdracht(advies, stap), code=None)
        if verwacht is None:
            assert uit.exit_code == 1, uit.output
            assert uit.stderr.startswith("Fout: ") and uit.stdout == ""
            assert als_json(voer_uit("toon", advies, "--json"))["status"] == voor
        else:
            assert uit.exit_code == 0, uit.output
            assert als_json(uit)["status"] == verwacht
            self.status[advies] = verwacht
            if stap == "concept":
                self.met_tekst.add(advies)

    def opdracht(self, advies: str, stap: str) -> list[str]:
        dag = self.dag()
        extra = {
            "concept": ["--tekst", self.nieuwe_tekst()],
            "agenderen": ["--vergadering", dag],
            "vaststellen": ["--datum", dag],
            "terugsturen": ["--reden", "Nog niet af"],
            "verzenden": ["--datum", dag],
            "reactie": ["--ontvangen", dag, "--oordeel", "deels"],
            "intrekken": ["--reden", "Niet meer nodig"],
            "termijn": ["--tot", (self.vandaag + timedelta(days=100)).isoformat(), "--reden", "Afgesproken"],
        }[stap]
        return [stap, advies, *extra, "--json"]

    def nieuwe_tekst(self) -> str:
        self.teller += 1
        pad = os.path.join(self.map, f"tekst{self.teller}.md")
        with open(pad, "w", encoding="utf-8") as f:
            f.write(f"Versie {self.teller} van het advies.\n")
        return pad

    @invariant()
    def register_volgt_het_model(self) -> None:
        lijst = als_json(voer_uit("lijst", "--json"))
        kenmerken = [a["kenmerk"] for a in lijst]
        assert len(kenmerken) == len(set(kenmerken)), "two advices share a kenmerk"
        assert {a["kenmerk"]: a["status"] for a in lijst} == self.status

    def controleer_geschiedenis(self) -> None:
        overgangen = {(van, naar) for (van, _), naar in DIAGRAM.items()}
        for kenmerk, status in self.status.items():
            geschiedenis = als_json(voer_uit("toon", kenmerk, "--json"))["geschiedenis"]
            assert geschiedenis[0]["van"] is None and geschiedenis[0]["gebeurtenis"] == "registreren"
            for vorige, regel in zip(geschiedenis, geschiedenis[1:], strict=False):
                assert regel["van"] == vorige["naar"]
                assert (regel["van"], regel["naar"]) in overgangen
            assert geschiedenis[-1]["naar"] == status


@pytest.mark.een_backend(
    reden="het model is de toestandsmachine; elke stap vanuit elke status met elke rol draait op beide (test_register)"
)
def test_register_blijft_in_het_diagram(home: Path) -> None:
    run_state_machine_as_test(
        Register,
        settings=settings(
            # 10 runs of 20 steps reach every state by several ways (the pairs in DIAGRAM); more
            # examples cost seconds and found nothing more.
            max_examples=10,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
