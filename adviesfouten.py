"""The kinds of refusal, told apart by type, never by their wording.

Every refusal is a Dutch sentence, complete and without `Fout:`, that a face shows as it is. Its
class says what kind of refusal it is, so a face decides by `isinstance` alone what to do with it
(the web page's status code; the CLI exits 1 for every kind):

- `NietGevonden`: what was named does not exist (a kenmerk, a document, a user, a setting);
- `GeenRecht`: the acting person's role or registration does not allow it;
- `Conflict`: the register is not (or no longer) in a state that allows it: someone else changed
  the advice, the number was taken, the name exists, the step is not possible from this status;
- `OngeldigeInvoer`: what was given is not acceptable (a date, a value, a file, a template);
- `Storing`: the means to do it are unusable (database, disk, the helper process's bounds,
  a program or service outside), not the request.

A plain `AdviesFout` is a refusal none of these fits. This module is a leaf: it imports nothing
of the project, so `workflow`, `opslag` and `sjablonen` can each use it without importing one another.
"""

from __future__ import annotations


class AdviesFout(Exception):
    """A refusal or failure the user can act on; the message is complete Dutch, without `Fout:`."""


class NietGevonden(AdviesFout):
    """What was named does not exist: an unknown kenmerk, document, user, setting, version."""


class GeenRecht(AdviesFout):
    """The acting person may not do this: not registered, or not the role it asks for."""


class Conflict(AdviesFout):
    """The register's state does not allow it (any more): a stale row version, a number taken,
    a name that exists, a step not possible from the advice's status."""


class OngeldigeInvoer(AdviesFout):
    """What was given is not acceptable: a bad date or value, an unreadable file, a broken template."""


class Storing(AdviesFout):
    """Not the request but the means: the database or disk is unusable, a bound of the helper
    process was exceeded, a program or service outside failed."""


class OpslagFout(Storing):
    """The database cannot be used as asked (missing, not migrated, unreachable, misconfigured)."""


# The five kinds; none is a subclass of another, so a face's table needs no order among them.
SOORTEN: tuple[type[AdviesFout], ...] = (NietGevonden, GeenRecht, Conflict, OngeldigeInvoer, Storing)
