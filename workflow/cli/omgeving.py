"""The CLI's register: one per process, kept on the root click context and closed with it."""

from __future__ import annotations

import click

from workflow.register import Register


def omgeving() -> Register:
    ctx = click.get_current_context().find_root()
    if not isinstance(ctx.obj, Register):
        ctx.obj = Register()
        ctx.call_on_close(ctx.obj.sluit)
    return ctx.obj
