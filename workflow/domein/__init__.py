"""The pure domain: words, the state machine, the reference, the Atw calendar, dates as words, rights.

Nothing here touches a database, a file or the ORM (tests/test_lagen.py holds it to that): only the
standard library, `transitions`, `holidays`, `babel` and the error module.
"""
