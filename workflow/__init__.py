"""The domain of Advieswerk: the advice state machine, numbering, terms, roles, services and CLI."""
