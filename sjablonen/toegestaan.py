"""What a letter template may say: an allowlist over the Jinja syntax tree.

A template is data with holes, not a program. It may use:

- the names a letter provides (`SCHEMA`, the same as `sjablonen.brieven.VARIABELEN`) and their
  documented fields (`organisatie.naam`, `h.kenmerk` in a loop over `vorige_herinneringen`);
- `{% if %}`/`{% elif %}`/`{% else %}`, and `{% for x in lijst %}` over a documented list (not
  `recursive`), with `loop.index`, `loop.first`, ... inside it;
- constants, comparisons (`==`, `!=`, `<`, `>`, `<=`, `>=`, `in`, `not in`), `and`/`or`/`not`,
  `+`, `-` and `~`, `a if b else c`, a list of constants;
- the filters in FILTERS and the tests in TESTS.

Everything else is refused before anything is rendered, naming what it is: calls (`loop(...)`,
`x.upper()`), `[...]`, `*`, `/`, `%`, `**`, `set`, macros, call blocks, `with`, `include`,
`import`, `extends`, `block`, filter blocks, unknown names (`self`, `range`, `lipsum`, ...) and
every filter not listed (`attr`, `format`, ...). The sandbox (`sjablonen.zandbak`) stays as a
second wall behind it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes

TEKST, GETAL, WAARHEID, LOGO, OPMAAK, WAARDE = "tekst", "getal", "waarheid", "logo", "opmaak", "waarde"


@dataclass(frozen=True)
class Lijst:
    """A documented list; `item` is the type of each element."""

    item: Any


HERINNERING = {"kenmerk": TEKST, "datum": TEKST}
SCHEMA: dict[str, Any] = {
    "concept": WAARHEID,
    "versie": GETAL,
    "logo": LOGO,
    "organisatie": {"naam": TEKST, "adres": Lijst(TEKST), "plaats": TEKST},
    "geadresseerde": Lijst(TEKST),
    "plaats": TEKST,
    "datum": TEKST,
    "kenmerk": TEKST,
    "uw_kenmerk": TEKST,
    "uw_brief_van": TEKST,
    "onderwerp": TEKST,
    "onderwerpregel": TEKST,
    "soort": TEKST,
    "tekst": OPMAAK,
    "ondertekenaar": TEKST,
    "functie": TEKST,
    "afschriften": Lijst(TEKST),
    "advies_kenmerk": TEKST,
    "verzonden_op": TEKST,
    "reactie_uiterlijk": TEKST,
    "nieuwe_termijn": TEKST,
    "herinnering_nummer": GETAL,
    "herinnering_titel": TEKST,
    "vorige_herinneringen": Lijst(HERINNERING),
}
LUS: dict[str, Any] = {
    "index": GETAL,
    "index0": GETAL,
    "revindex": GETAL,
    "revindex0": GETAL,
    "first": WAARHEID,
    "last": WAARHEID,
    "length": GETAL,
}
FILTERS = frozenset(
    {"upper", "lower", "capitalize", "title", "trim", "length", "first", "last", "join", "default", "d", "e", "escape"}
)
TESTS = frozenset({"defined", "undefined", "none", "even", "odd", "number", "string"})
VERGELIJKINGEN = frozenset({"eq", "ne", "lt", "gt", "lteq", "gteq", "in", "notin"})

# The statements and expressions that are refused, by the word a template author writes.
_TAGS: dict[type[nodes.Node], str] = {
    nodes.Macro: "{% macro %}",
    nodes.CallBlock: "{% call %}",
    nodes.Assign: "{% set %}",
    nodes.AssignBlock: "{% set %}",
    nodes.With: "{% with %}",
    nodes.FilterBlock: "{% filter %}",
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from ... import %}",
    nodes.Extends: "{% extends %}",
    nodes.Block: "{% block %}",
    nodes.ExprStmt: "{% do %}",
    nodes.Scope: "{% with %}",
    nodes.ScopedEvalContextModifier: "{% autoescape %}",
    nodes.EvalContextModifier: "{% autoescape %}",
    nodes.Getitem: "'[...]'",
    nodes.Slice: "'[...:...]'",
    nodes.Mul: "'*'",
    nodes.Div: "'/'",
    nodes.FloorDiv: "'//'",
    nodes.Mod: "'%'",
    nodes.Pow: "'**'",
    nodes.Dict: "een woordenboek '{...}'",
}
_BEWERKINGEN = (nodes.Add, nodes.Sub, nodes.And, nodes.Or)
_EENZIJDIG = (nodes.Not, nodes.Neg, nodes.Pos)


@dataclass(frozen=True)
class Weigering:
    """One thing the template may not do, and the line of the template source it is on."""

    regel: int
    melding: str


def weigeringen(boom: nodes.Template, schema: Mapping[str, Any] = SCHEMA) -> list[Weigering]:
    """Every part of `boom` outside the allowlist, in the order of the template."""
    return list(_Controle(schema).statements(boom.body, {}))


class _Controle:
    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.schema = schema

    def statements(self, body: list[nodes.Node], scope: dict[str, Any]) -> Iterator[Weigering]:
        for knoop in body:
            yield from self.statement(knoop, scope)

    def statement(self, knoop: nodes.Node, scope: dict[str, Any]) -> Iterator[Weigering]:
        if isinstance(knoop, nodes.Output):
            for deel in knoop.nodes:
                if not isinstance(deel, nodes.TemplateData):
                    yield from self.expr(deel, scope)
        elif isinstance(knoop, nodes.If):
            yield from self.expr(knoop.test, scope)
            yield from self.statements(knoop.body, scope)
            for tak in knoop.elif_:
                yield from self.statement(tak, scope)
            yield from self.statements(knoop.else_, scope)
        elif isinstance(knoop, nodes.For):
            yield from self.lus(knoop, scope)
        else:
            yield _weiger(knoop, _TAGS.get(type(knoop), f"'{type(knoop).__name__}'"))

    def lus(self, knoop: nodes.For, scope: dict[str, Any]) -> Iterator[Weigering]:
        if knoop.recursive:
            yield _weiger(knoop, "'recursive' in een for-lus")
            return
        if not isinstance(knoop.target, nodes.Name):
            yield _weiger(knoop, "een for-lus over meer dan één naam")
            return
        soort = self.soort_van(knoop.iter, scope)
        if isinstance(soort, Weigering):
            yield soort
            return
        if not isinstance(soort, Lijst):
            yield _weiger(knoop, "een for-lus over iets anders dan een lijst van de brief")
            return
        binnen = {**scope, knoop.target.name: soort.item, "loop": LUS}
        if knoop.test is not None:
            yield from self.expr(knoop.test, binnen)
        yield from self.statements(knoop.body, binnen)
        yield from self.statements(knoop.else_, scope)

    def expr(self, knoop: nodes.Node, scope: dict[str, Any]) -> Iterator[Weigering]:
        """Every refusal in expression `knoop`."""
        uitkomst = self.soort_van(knoop, scope)
        if isinstance(uitkomst, Weigering):
            yield uitkomst
        for kind in self._kinderen(knoop):
            yield from self.expr(kind, scope)

    def _kinderen(self, knoop: nodes.Node) -> list[nodes.Node]:
        """The sub-expressions `soort_van` does not already look into."""
        if isinstance(knoop, nodes.Filter | nodes.Test):
            kinderen: list[nodes.Node] = [knoop.node] if knoop.node is not None else []
            return kinderen + list(knoop.args) + [k.value for k in knoop.kwargs]
        if isinstance(knoop, nodes.Compare):
            return [knoop.expr, *(o.expr for o in knoop.ops)]
        if isinstance(knoop, _BEWERKINGEN):
            return [knoop.left, knoop.right]
        if isinstance(knoop, _EENZIJDIG):
            return [knoop.node]
        if isinstance(knoop, nodes.Concat):
            return list(knoop.nodes)
        if isinstance(knoop, nodes.CondExpr):
            return [k for k in (knoop.test, knoop.expr1, knoop.expr2) if k is not None]
        if isinstance(knoop, nodes.List | nodes.Tuple):
            return list(knoop.items)
        return []

    def soort_van(self, knoop: nodes.Node, scope: dict[str, Any]) -> Any:
        """The type of `knoop` (TEKST, Lijst(...), a dict of fields, ...) or the Weigering for it
        itself (not for its sub-expressions, which `expr` visits)."""
        if isinstance(knoop, nodes.Const):
            return WAARDE
        if isinstance(knoop, nodes.Name):
            if knoop.name in scope:
                return scope[knoop.name]
            if knoop.name in self.schema:
                return self.schema[knoop.name]
            return Weigering(
                knoop.lineno or 1,
                f"de variabele '{knoop.name}' levert de brief niet (wel: {', '.join(sorted(self.schema))})",
            )
        if isinstance(knoop, nodes.Getattr):
            basis = self.soort_van(knoop.node, scope)
            if isinstance(basis, Weigering):
                return basis
            if isinstance(basis, dict) and knoop.attr in basis:
                return basis[knoop.attr]
            wel = f" (wel: {', '.join(sorted(basis))})" if isinstance(basis, dict) else ""
            return Weigering(knoop.lineno or 1, f"'{_naam(knoop) or knoop.attr}' bestaat niet in een brief{wel}")
        if isinstance(knoop, nodes.Call):
            naam = _naam(knoop.node)
            return _weiger(knoop, f"de aanroep '{naam}(...)'" if naam else "een aanroep '(...)'")
        if isinstance(knoop, nodes.Filter):
            if knoop.dyn_args is not None or knoop.dyn_kwargs is not None:
                return _weiger(knoop, f"'*' of '**' bij het filter '{knoop.name}'")
            return WAARDE if knoop.name in FILTERS else _weiger(knoop, f"het filter '{knoop.name}'")
        if isinstance(knoop, nodes.Test):
            return WAARHEID if knoop.name in TESTS else _weiger(knoop, f"de test 'is {knoop.name}'")
        if isinstance(knoop, nodes.Compare):
            verkeerd = [o.op for o in knoop.ops if o.op not in VERGELIJKINGEN]
            return _weiger(knoop, f"de vergelijking '{verkeerd[0]}'") if verkeerd else WAARHEID
        if isinstance(knoop, (*_BEWERKINGEN, *_EENZIJDIG, nodes.Concat, nodes.CondExpr, nodes.List, nodes.Tuple)):
            return WAARDE
        return _weiger(knoop, _TAGS.get(type(knoop), f"'{type(knoop).__name__}'"))


def _naam(knoop: nodes.Node) -> str:
    if isinstance(knoop, nodes.Name):
        return knoop.name
    if isinstance(knoop, nodes.Getattr):
        binnen = _naam(knoop.node)
        return f"{binnen}.{knoop.attr}" if binnen else knoop.attr
    return ""


def _weiger(knoop: nodes.Node, wat: str) -> Weigering:
    return Weigering(knoop.lineno or 1, f"{wat} is niet toegestaan in een sjabloon")
