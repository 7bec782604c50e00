"""The CLI's register: one per process, kept on the root click context and closed with it.

When the command committed anything, the outbox's dispatcher (workflow.uitgaand) runs as the
command ends: what the command recorded and did not perform itself, and what an interrupted
earlier command left, is performed now, each with one line on stderr."""

from __future__ import annotations

import click

from workflow.register import Register


def omgeving() -> Register:
    ctx = click.get_current_context().find_root()
    if not isinstance(ctx.obj, Register):
        register = Register()
        ctx.obj = register
        ctx.call_on_close(register.sluit)
        ctx.call_on_close(lambda: verwerk_uitgaand(register))  # runs before sluit (last in, first out)
    return ctx.obj


def verwerk_uitgaand(register: Register) -> None:
    """Perform what is due in the outbox after a writing command; never fails the command itself:
    what could not be done stays in the outbox and is tried again."""
    if not register.geschreven:
        return
    from workflow import uitgaand
    from workflow.invoer import zichtbaar

    try:
        uitkomsten = uitgaand.verwerk(register)
    except Exception:  # noqa: BLE001 - the command's own work is committed; the outbox tries again later
        click.echo(
            "Let op: het uitgaande werk (zoals brieven naar bestanden) kon niet worden verwerkt; "
            "'advies uitgaand --verwerk' probeert het opnieuw",
            err=True,
        )
        return
    for regel in uitgaand.regels(uitkomsten):
        click.echo(zichtbaar(regel), err=True)
