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

import os

WIDTH = 100
"""Terminal reports fit this many columns at most, unless ``--wide`` is given."""

NARROWEST = 40
"""``COLUMNS`` below this is ignored: no table is readable narrower."""

OPENING = "（「『《〈【"
"""Opening brackets: they never end a line (they hold on to what follows)."""

NO_START = set("、，。：；）」』！？》〉】,.;:)!?%")
"""Characters that never start a line."""

# The wrapping units, scanned by hand (a regular expression with the CJK ranges as
# character classes costs about 15 ms to compile, more than the rest of a short
# command): an opening bracket with the unit after it; an amount of money with its
# currency (新臺幣 65,000 元, TWD 65,000); a short term, a run of two to four
# ideographs between other characters (級別缺口; longer runs are sentences, one
# unit per character); one other CJK character; a word (a no-break space glues
# its neighbours into one); or a run of breaking spaces.
_SPACE, _WORD, _WIDE, _IDEOGRAPH = range(4)


def _kind(char: str) -> int:
    code = ord(char)
    if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF:
        return _IDEOGRAPH
    if 0x2E80 <= code <= 0x33FF or 0xFF00 <= code <= 0xFFEF:
        return _WIDE
    return _SPACE if char.isspace() and char != "\u00a0" else _WORD


def _is_word_char(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")


def _amount_end(text: str, at: int) -> int:
    """Where the digits, commas and points from ``at`` end."""
    while at < len(text) and (text[at].isdecimal() or text[at] in ",."):
        at += 1
    return at


def _money_end(text: str, at: int) -> int | None:
    if text.startswith("新臺幣 ", at):
        end = _amount_end(text, at + 4)
        if end > at + 4 and text.startswith(" 元", end):
            return end + 2
    code = text[at : at + 3]
    if (
        len(code) == 3
        and all("A" <= c <= "Z" for c in code)
        and not _is_word_char(text, at - 1)
        and text.startswith(" ", at + 3)
    ):
        end = _amount_end(text, at + 4)
        if end > at + 4:
            return end
    return None


def _unit_end(text: str, at: int) -> int | None:
    """The end of the unit (money, short term, CJK character or word) at ``at``."""
    if at >= len(text):
        return None
    money = _money_end(text, at)
    if money is not None:
        return money
    kind = _kind(text[at])
    if kind == _SPACE:
        return None
    run = at
    while run < len(text) and _kind(text[run]) == kind:
        run += 1
    if kind == _IDEOGRAPH:
        alone = at == 0 or _kind(text[at - 1]) != _IDEOGRAPH
        return run if alone and 2 <= run - at <= 4 else at + 1
    return at + 1 if kind == _WIDE else run


def tokens(text: str) -> list[str]:
    """``text`` as wrapping units and runs of breaking spaces, in order (all of it)."""
    found: list[str] = []
    at = 0
    while at < len(text):
        if _kind(text[at]) == _SPACE:
            end = at
            while end < len(text) and text[end].isspace() and text[end] != "\u00a0":
                end += 1  # an ideographic space after others joins the run
        else:
            unit = at
            while unit < len(text) and text[unit] in OPENING:
                unit += 1
            end = _unit_end(text, unit) or unit  # brackets before nothing: one unit
        found.append(text[at:end])
        at = end
    return found


def _last(line: str) -> int | None:
    """Where the last unit of ``line`` starts, with the opening brackets before it:
    the first place from which one unit runs to the end (or to a final line break);
    ``None`` when the line ends with a space."""
    ends = {len(line), len(line) - 1} if line.endswith("\n") else {len(line)}
    for start in range(len(line)):
        unit = start
        while True:
            if _unit_end(line, unit) in ends:
                return start
            if unit < len(line) and line[unit] in OPENING:
                unit += 1
            else:
                break
    return None


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
    from wcwidth import wcswidth

    columns = width() if columns is None else columns
    if 0 <= wcswidth(text) <= columns:  # fits (and no control character): one line
        return [text.rstrip()]
    return _wrap(text, columns, indent)


def _wrap(text: str, columns: int, indent: str) -> list[str]:
    """:func:`wrap`, unit by unit."""
    lines: list[str] = []
    line = ""
    for token in tokens(text):
        prefix = indent if lines else ""
        if display_width(prefix + line + token) <= columns:
            line += token
            continue
        if token.isspace() and "\u00a0" not in token:
            lines.append(line.rstrip())
            line = ""
            continue
        carry = ""
        while (carry or token)[0] in NO_START and (last := _last(line)) is not None:
            carry, line = line[last:] + carry, line[:last]  # moves down with it
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
