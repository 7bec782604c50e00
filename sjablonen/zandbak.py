"""Letting a council's own Word template run without trusting it.

A template is code: Jinja runs its tags. A template comes from outside (a secretary's Word file,
an imported archive), so every template is rendered here, in Jinja's immutable sandbox:
attributes starting with `_` and Python internals are out of reach, `cycler`, `joiner`,
`namespace` and `lipsum` are gone, and what a template can make is bounded: loops together run at
most MAX_LUS rounds, `range` at most that long, no operator, filter or method makes a value
larger than MAX_WAARDE, and one rendered part is at most MAX_UITVOER characters. A .docx is
unpacked only after its members' real uncompressed sizes are counted (a zip bomb is refused).
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from jinja2 import StrictUndefined, Template, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from adviesfouten import OngeldigeInvoer

MAX_LUS = 10_000  # rounds of all loops of one rendered part together
MAX_WAARDE = 1_000_000  # characters (or items) of one value made in a template; also the largest number argument
MAX_UITVOER = 20_000_000  # characters of one rendered XML part
MAX_MACHT = 64  # largest exponent of `**`

MAX_DOCX_DELEN = 1_000  # members of a .docx
MAX_DOCX_DEEL = 32 * 1024 * 1024  # uncompressed bytes of one member
MAX_DOCX_TOTAAL = 64 * 1024 * 1024  # uncompressed bytes of all members together
_BLOK = 1024 * 1024

_WEG = ("cycler", "joiner", "namespace", "lipsum", "dict")
LUSFILTER = "begrensde_lus"


class BegrensdeTemplate(Template):
    """A template whose output is counted while it is made, and stopped at MAX_UITVOER."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        ctx = self.new_context(dict(*args, **kwargs))
        delen: list[str] = []
        totaal = 0
        try:
            for stuk in self.root_render_func(ctx):
                totaal += len(stuk)
                if totaal > MAX_UITVOER:
                    raise SecurityError(f"het sjabloon maakt meer dan {MAX_UITVOER:,} tekens".replace(",", "."))
                delen.append(stuk)
        except Exception:
            self.environment.handle_exception()
        return "".join(delen)


def _grootte(waarde: Any) -> Any:
    """`waarde` itself, or a SecurityError when it is a text or list larger than MAX_WAARDE."""
    if isinstance(waarde, str | bytes | list | tuple | dict | set) and len(waarde) > MAX_WAARDE:
        raise SecurityError(f"het sjabloon maakt een waarde van meer dan {MAX_WAARDE:,} tekens".replace(",", "."))
    return waarde


def _getallen(*waarden: Any) -> None:
    """Number arguments (widths, counts) bounded before a filter or method allocates by them."""
    for waarde in waarden:
        if isinstance(waarde, int) and not isinstance(waarde, bool) and abs(waarde) > MAX_WAARDE:
            raise SecurityError(f"het getal {waarde} is te groot voor een sjabloon")
        if isinstance(waarde, tuple):
            _getallen(*waarde)


def _begrensd(filter_: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(filter_)  # keeps jinja_pass_arg, so pass_context/pass_environment filters still work
    def begrensd(*args: Any, **kwargs: Any) -> Any:
        _getallen(*args, *kwargs.values())
        return _grootte(filter_(*args, **kwargs))

    return begrensd


class Zandbak(ImmutableSandboxedEnvironment):
    """The environment every letter template runs in: one per rendering (it counts loop rounds)."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})
    template_class = BegrensdeTemplate

    def __init__(self, schema: Mapping[str, Any] | None = None) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=True)
        self.schema = schema
        self.lusrondes = 0
        for naam in _WEG:
            self.globals.pop(naam, None)
        self.globals["range"] = self._range
        self.filters = {naam: _begrensd(f) for naam, f in self.filters.items()}
        self.filters[LUSFILTER] = self._tel_rondes

    def _range(self, *args: Any) -> range:
        _getallen(*args)
        reeks = range(*args)
        if len(reeks) > MAX_LUS:
            raise SecurityError(f"range() van meer dan {MAX_LUS:,} getallen is niet toegestaan".replace(",", "."))
        return reeks

    def _tel_rondes(self, waarden: Iterable[Any]) -> Iterator[Any]:
        for waarde in waarden:
            self.lusrondes += 1
            if self.lusrondes > MAX_LUS:
                raise SecurityError(
                    f"de lussen van het sjabloon draaien samen meer dan {MAX_LUS:,} keer".replace(",", ".")
                )
            yield waarde

    def _generate(
        self, source: nodes.Template, name: str | None, filename: str | None, defer_init: bool = False
    ) -> str:
        # The allowlist first (`sjablonen.toegestaan`): a template that was stored before it existed,
        # or by other means, is refused here too; the sandbox below is the second wall.
        if self.schema is not None:
            from sjablonen.toegestaan import weigeringen

            if gevonden := weigeringen(source, self.schema):
                raise SecurityError(gevonden[0].melding)
        # Every `for` loop iterates through the counting filter: bounded whatever it loops over.
        for lus in source.find_all(nodes.For):
            lus.iter = nodes.Filter(lus.iter, LUSFILTER, [], [], None, None, lineno=lus.lineno)
        return super()._generate(source, name, filename, defer_init)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and (
            not isinstance(right, int | float)
            or abs(right) > MAX_MACHT
            or (isinstance(left, int) and abs(left) > 2**32)
        ):
            raise SecurityError("machtsverheffen met zulke grote getallen is in een sjabloon niet toegestaan")
        if operator == "*":
            for reeks, keer in ((left, right), (right, left)):
                if isinstance(reeks, str | list | tuple) and isinstance(keer, int) and len(reeks) * keer > MAX_WAARDE:
                    raise SecurityError(f"het sjabloon maakt een waarde van meer dan {MAX_WAARDE} tekens")
        if operator == "%" and isinstance(left, str):
            _getallen(right)
        return _grootte(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        _getallen(*args, *kwargs.values())
        return _grootte(super().call(__context, __obj, *args, **kwargs))


def controleer_docx(inhoud: bytes) -> None:
    """Refuse a .docx whose members unpack to more than the bounds, counting the real bytes (a zip
    header can lie about sizes). Not a zip at all is left to the reader, which says so in Dutch."""
    try:
        archief = zipfile.ZipFile(io.BytesIO(inhoud))
    except (zipfile.BadZipFile, ValueError):
        return
    with archief:
        leden = archief.infolist()
        if len(leden) > MAX_DOCX_DELEN:
            raise OngeldigeInvoer(
                f"het Word-document bestaat uit meer dan {MAX_DOCX_DELEN} delen; dat is geen gewone brief"
            )
        totaal = 0
        for lid in leden:
            if lid.file_size > MAX_DOCX_DEEL or totaal + lid.file_size > MAX_DOCX_TOTAAL:
                raise _te_groot()
            try:
                with archief.open(lid) as stroom:
                    deel = 0
                    while blok := stroom.read(_BLOK):
                        deel += len(blok)
                        totaal += len(blok)
                        if deel > MAX_DOCX_DEEL or totaal > MAX_DOCX_TOTAAL:
                            raise _te_groot()
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, ValueError, EOFError, OSError):
                raise OngeldigeInvoer(
                    "het is geen geldig Word-document (.docx): het zip-bestand is beschadigd"
                ) from None
        _geen_koppelingen(archief)


# Relationships a letter template may not have: each pulls in something from outside the file (a
# template on a share, a linked picture, a remote document) or runs code (macros, OLE, ActiveX).
_VERBODEN_RELATIES = {
    "attachedTemplate": "een gekoppeld sjabloon (attachedTemplate)",
    "aFChunk": "een ingevoegd extern document (altChunk)",
    "oleObject": "een OLE-object",
    "package": "een ingesloten document (OLE-pakket)",
    "control": "een ActiveX-besturingselement",
    "activeXControl": "een ActiveX-besturingselement",
    "activeXControlBinary": "een ActiveX-besturingselement",
    "vbaProject": "macro's (vbaProject)",
    "wordVbaData": "macro's (vbaData)",
}
_VERBODEN_INHOUD = ("macroEnabled", "vbaProject", "vbaData", "activeX", "oleObject", "ms-office.ole")
_RELATIE = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>", re.DOTALL)
_TYPE = re.compile(rb'Type\s*=\s*["\']([^"\']*)["\']')
_DOEL = re.compile(rb'Target\s*=\s*["\']([^"\']*)["\']')
_EXTERN = re.compile(rb'TargetMode\s*=\s*["\']External["\']', re.IGNORECASE)


def _geen_koppelingen(archief: zipfile.ZipFile) -> None:
    """Refuse external relationships (`TargetMode="External"`: linked pictures, hyperlinks, a remote
    template), attached templates, altChunk, OLE objects, ActiveX and macro-enabled content."""
    for lid in archief.infolist():
        naam = lid.filename
        if naam == "[Content_Types].xml":
            inhoud = archief.read(lid)
            for soort in _VERBODEN_INHOUD:
                if soort.encode().lower() in inhoud.lower():
                    raise OngeldigeInvoer(
                        f"het Word-document bevat macro's of ingesloten programma's ({soort}); "
                        "sla het op als gewoon Word-document (.docx) zonder macro's"
                    )
        elif naam.lower().endswith(".rels"):
            for relatie in _RELATIE.findall(archief.read(lid)):
                soort = (m[1] if (m := _TYPE.search(relatie)) else b"").decode("utf-8", "replace")
                kort = soort.rsplit("/", 1)[-1]
                doel = (m[1] if (m := _DOEL.search(relatie)) else b"").decode("utf-8", "replace")
                if kort in _VERBODEN_RELATIES:
                    raise OngeldigeInvoer(
                        f"het Word-document bevat {_VERBODEN_RELATIES[kort]} ({naam}); dat mag niet in een sjabloon"
                    )
                if _EXTERN.search(relatie):
                    raise OngeldigeInvoer(
                        f"het Word-document verwijst naar iets buiten het bestand ('{doel[:80]}', {naam}); "
                        "een sjabloon moet alles zelf bevatten (geen gekoppelde afbeeldingen, sjablonen of koppelingen)"
                    )
        elif naam.lower().endswith((".bin", ".vba")) and "vba" in naam.lower():
            raise OngeldigeInvoer(f"het Word-document bevat macro's ({naam}); dat mag niet in een sjabloon")


def _te_groot() -> OngeldigeInvoer:
    mb = MAX_DOCX_TOTAAL // (1024 * 1024)
    return OngeldigeInvoer(
        f"het Word-document wordt uitgepakt groter dan {mb} MB (een zip-bom?); het is geweigerd zonder het te openen"
    )
