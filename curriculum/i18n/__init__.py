"""The report language: one switch for every command, one message catalogue.

``normalize_lang`` reads what a user types (``--lang zh-tw``, ``zh``,
``zh-Hant``, ``EN``); ``resolve_lang`` picks the language of a report (the one
asked for, else the language the standards share, else English); ``Text`` gives
the messages of one language. The messages are gettext catalogues under
``locale/`` (:mod:`curriculum.i18n.build` describes them and compiles them): the
English catalogue maps each key to its English, the zh-TW catalogue translates
that English in the key's context. The zh-TW texts use full-width punctuation
(``：``, ``，``, ``；``, ``（）``) as a Taiwanese reader expects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from curriculum.i18n.mo import Catalogue

LOCALE = Path(__file__).parent / "locale"

Lang = Literal["en", "zh-TW"]

LANGUAGES: tuple[Lang, ...] = ("en", "zh-TW")
"""The report languages, as results and reports name them."""

ALIASES: dict[str, Lang] = {
    "en": "en",
    "en-us": "en",
    "en-gb": "en",
    "english": "en",
    "zh": "zh-TW",
    "zh-tw": "zh-TW",
    "zh-hant": "zh-TW",
    "zh-hant-tw": "zh-TW",
    "zh_tw": "zh-TW",
}
"""What ``--lang`` accepts (case ignored) and the language each means."""


_RUN: list[Lang | None] = [None]
_SPEAKING: ContextVar[Lang | None] = ContextVar("curriculum_speaking", default=None)
"""The language of one request of a server (set by :func:`speaking`), before the process's."""


def set_run_lang(lang: str | None) -> None:
    """Remember the language of the command running (``None``: not known yet)."""
    _RUN[0] = None if lang is None else normalize_lang(lang)


def run_lang() -> Lang:
    """The language of the command running, for its errors and warnings (``en`` unknown);
    inside :func:`speaking`, that block's."""
    return _SPEAKING.get() or _RUN[0] or "en"


def run_lang_given() -> bool:
    """Whether the running command was given its language (``--lang``) or already
    took one (from its standard), or runs inside :func:`speaking`."""
    return _SPEAKING.get() is not None or _RUN[0] is not None


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Errors and warnings worded in ``lang`` within the block, in this thread or task
    (and the threads it hands work to with its context): one request of the web
    workspace, whatever language another request, or the process, speaks."""
    token = _SPEAKING.set(normalize_lang(lang))
    try:
        yield
    finally:
        _SPEAKING.reset(token)


def normalize_lang(value: str) -> Lang:
    """The language ``value`` names: ``zh-tw``, ``zh`` and ``zh-Hant`` all give ``zh-TW``.

    Raises
    ------
    ValueError
        When ``value`` names no report language.
    """
    lang = ALIASES.get(value.strip().lower().replace("_", "-"))
    if lang is None:
        raise ValueError(f"unknown language {value!r}: give en or zh-TW (also zh, zh-Hant)")
    return lang


def resolve_lang(lang: str | None, languages: Iterable[str] = ()) -> Lang:
    """The report language: ``lang`` when given, else the one ``languages`` share, else ``en``.

    ``languages`` are the languages of the standards a report is about; when they
    differ, or one is not a report language, the report is in English.
    """
    if lang:
        return normalize_lang(lang)
    found = set()
    for value in languages:
        try:
            found.add(normalize_lang(value))
        except ValueError:
            return "en"
    return found.pop() if len(found) == 1 else "en"


@cache
def catalogue(lang: str) -> Catalogue:
    """The compiled catalogue of ``lang`` (``en`` or ``zh_TW``), read once."""
    from curriculum.i18n.mo import Catalogue

    return Catalogue.read(LOCALE / lang / "LC_MESSAGES" / "curriculum.mo")


def english(key: str, n: int | None = None) -> str:
    """The English of ``key``; the form for ``n`` when English has a plural for it.

    Raises
    ------
    KeyError
        When the catalogue has no message ``key``.
    """
    source = catalogue("en")
    text = source.get_plural(key, n) if n is not None else None
    if text is None:
        text = source.get(key)
    if text is None:
        raise KeyError(key)
    return text


class Text:
    """The messages of one language: ``Text("zh-TW")("plan.total", ...)``."""

    def __init__(self, lang: str = "en") -> None:
        self.lang: Lang = normalize_lang(lang)
        self.zh = self.lang == "zh-TW"

    def __call__(self, key: str, /, **values: Any) -> str:
        """The message ``key`` filled with ``values``; a count ``n`` picks the plural form."""
        n = values.get("n")
        count = n if isinstance(n, int) else None
        text = english(key, count)
        if self.zh:
            one = english(key, 1) if count is not None else text
            many = english(key, 2) if count is not None else text
            if one != many:
                text = catalogue("zh_TW").npgettext(key, one, many, count or 0)
            else:
                text = catalogue("zh_TW").pgettext(key, text)
        return text.format(**values)

    @property
    def colon(self) -> str:
        """``: `` or ``：``."""
        return "：" if self.zh else ": "

    @property
    def period(self) -> str:
        """The end of a sentence: ``.`` or ``。``."""
        return "。" if self.zh else "."

    @property
    def sep(self) -> str:
        """Between the parts of a line: ``; `` or ``；``."""
        return "；" if self.zh else "; "

    @property
    def comma(self) -> str:
        """Between names in a list: ``, `` or ``、``."""
        return "、" if self.zh else ", "

    def paren(self, text: str) -> str:
        """``(text)`` or ``（text）``."""
        return f"（{text}）" if self.zh else f" ({text})"

    def money(self, amount: float | None, currency: str) -> str:
        """An amount as this language's readers write money: ``TWD 65,000``,
        ``新臺幣 65,000 元``; another currency by its code (``USD 1,200``); ``-`` unknown."""
        from curriculum.numbers import fmt_money

        if amount is None:
            return "-"
        key = "money.TWD" if currency == "TWD" else "money"
        return self(key, amount=fmt_money(amount), currency=currency)

    def unit(self, currency: str) -> str:
        """The money unit of a column heading: ``TWD``, ``新臺幣元``; else the code."""
        return self("money.unit.TWD") if currency == "TWD" else currency

    def join(self, names: Iterable[str]) -> str:
        """Names joined as a list in this language."""
        return self.comma.join(names)
