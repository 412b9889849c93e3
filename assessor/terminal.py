"""Text for a terminal (or a spreadsheet cell): control characters made visible.

Case files come from many hands. A YAML escape such as "\\e[2J" puts a real escape sequence
into a value, and a terminal that prints it obeys it: it can clear the screen and draw a
fake verdict, or (OSC 52) write to the clipboard. Everything the command prints passes
through `neutralise`, whatever its origin (case text, a file name, an error message).
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls (0x9b is a one-byte CSI), and the
# bidirectional overrides and isolates that reorder what is shown ("Trojan Source")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                      "\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def neutralise(text: str) -> str:
    """`text` with every control character written out as an escape (`\\x1b`)."""
    return _CONTROL.sub(_visible, text)
