"""Errors of the storage layer, in Dutch, for the CLI to show as one `Fout:` line."""


class OpslagFout(Exception):
    """The database cannot be used as asked (missing, not migrated, unreachable)."""
