"""Text that Word and Excel files can hold: one rule for every document the program writes.

A .docx and a .xlsx are XML 1.0 inside a zip. XML 1.0 has no place for most control characters,
for lone surrogates, or for the non-characters U+FFFE and U+FFFF: one such character in a subject
makes the whole file unreadable. They carry no meaning in a subject or a letter, so they are left
out. Tab, line feed and carriage return are allowed and stay.
"""

from __future__ import annotations

import re

# The complement of XML 1.0's `Char` production within the Basic Multilingual Plane.
_NIET_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_veilig(tekst: str) -> str:
    """`tekst` without the characters an XML 1.0 document cannot contain."""
    return _NIET_IN_XML.sub("", tekst)
