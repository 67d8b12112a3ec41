"""Line breaking by the rules of English and Traditional Chinese, and the terminal width.

- A break falls at a space, or between two CJK characters; never inside a word, a
  code (``DA-303``, ``K04``), a number (``65,000``) or a short term of two to four
  ideographs standing alone (``級別缺口``, ``缺口``). A word longer than a whole
  line is cut, as nothing else fits.
- No line starts with closing punctuation (``、，。：；）」』！？`` and their
  half-width forms): the character before it moves down with it; no line ends with
  an opening bracket (``（「『``): it moves down with what follows it.
- Money stays whole (``新臺幣 65,000 元``, ``TWD 65,000``), and a no-break space
  (U+00A0) glues its neighbours.
- Reports fit :func:`width` columns: 100, or fewer when ``COLUMNS`` says the
  terminal is narrower (``--wide`` lifts the limit).
"""

from __future__ import annotations

import functools
import os
import re

WIDTH = 100
"""Terminal reports fit this many columns at most, unless ``--wide`` is given."""

NARROWEST = 40
"""``COLUMNS`` below this is ignored: no table is readable narrower."""

WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
IDEOGRAPHS = "\u3400-\u9fff\uf900-\ufaff"
MONEY = r"新臺幣 [\d,.]+ 元|\b[A-Z]{3} [\d,.]+"
SHORT_TERM = f"(?<![{IDEOGRAPHS}])[{IDEOGRAPHS}]{{2,4}}(?![{IDEOGRAPHS}])"
"""A run of two to four ideographs between punctuation or spaces (級別缺口, 缺口, 無):
a table's terms, kept whole; longer runs are sentences, broken between characters."""
OPENING = "（「『《〈【"
"""Opening brackets: they never end a line (they hold on to what follows)."""
UNIT = f"{MONEY}|{SHORT_TERM}|[{WIDE}]|[^\\s{WIDE}]+"


@functools.cache
def _tokens() -> re.Pattern[str]:
    """Wrapping units: an opening bracket with the unit after it, an amount of money with
    its currency, a short term, one CJK character, a word, or a run of (breaking) spaces."""
    return re.compile(f"[{OPENING}]*(?:{UNIT})|[^\\S\u00a0]+")


# Each class of CJK characters costs about a millisecond to compile: the tokens name UNIT
# once (``[OPENING]*`` tries the brackets first, then none, as ``[OPENING]+X|X`` did),
# and both patterns are compiled on first use, so a command that wraps nothing never
# pays for them.


@functools.cache
def _last() -> re.Pattern[str]:
    """The last unit of a line (with the opening brackets before it): money, a short
    term, a CJK character or a word."""
    return re.compile(f"[{OPENING}]*(?:{UNIT})$")


NO_START = set("、，。：；）」』！？》〉】,.;:)!?%")
"""Characters that never start a line."""


def width() -> int:
    """The columns a report may use: 100, or ``COLUMNS`` when the terminal is narrower."""
    value = os.environ.get("COLUMNS", "")
    if value.isdigit() and NARROWEST <= int(value) < WIDTH:
        return int(value)
    return WIDTH


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK characters take two)."""
    from wcwidth import wcswidth

    columns = wcswidth(text)
    return columns if columns >= 0 else len(text)


def _cut(token: str, room: int) -> int:
    """How many characters of ``token`` fit in ``room`` columns (at least one)."""
    from wcwidth import wcwidth

    cut = 0
    while cut < len(token) and room - max(wcwidth(token[cut]), 1) >= 0:
        room -= max(wcwidth(token[cut]), 1)
        cut += 1
    return max(cut, 1)


def wrap(text: str, columns: int | None = None, indent: str = "  ") -> list[str]:
    """``text`` as lines of at most ``columns`` columns (default :func:`width`),
    continuation lines indented."""
    columns = width() if columns is None else columns
    lines: list[str] = []
    line = ""
    for token in _tokens().findall(text):
        prefix = indent if lines else ""
        if display_width(prefix + line + token) <= columns:
            line += token
            continue
        if token.isspace() and "\u00a0" not in token:
            lines.append(line.rstrip())
            line = ""
            continue
        carry = ""
        while (carry or token)[0] in NO_START and (last := _last().search(line)) is not None:
            carry, line = last.group() + carry, line[: last.start()]  # moves down with it
        if line.strip():
            lines.append(line.rstrip())
            line = ""
        token = carry + token
        while display_width(indent + token) > columns:
            cut = _cut(token, columns - display_width(indent))
            while 1 < cut < len(token) and token[cut] in NO_START:
                cut -= 1
            lines.append(token[:cut])
            token = token[cut:]
        line = token
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return [lines[0], *(indent + rest for rest in lines[1:])]


def wrap_cell(text: str, columns: int) -> str:
    """A table cell wrapped to ``columns``: its lines joined by line breaks."""
    return "\n".join(
        "\n".join(wrap(part, columns, indent="")) if part else part for part in text.split("\n")
    )
