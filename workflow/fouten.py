"""The one error the domain raises: a Dutch sentence the CLI shows as `Fout: ...`, exit 1."""


class AdviesFout(Exception):
    """A refusal or failure the user can act on; the message is complete Dutch, without `Fout:`."""
