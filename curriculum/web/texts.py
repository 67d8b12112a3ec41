"""The words of the web pages: the message catalogue's ``web.*`` keys (iCAP's terms in
zh-TW), the same gettext catalogue as every report and message of the command line.

Templates call ``t("key")`` (or ``t("key", n=3)`` with ``str.format`` fields) for the
catalogue's ``web.key``; a key the catalogue lacks is a bug that the tests catch
(``tests/test_web.py``, ``python -m curriculum.i18n.build check``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from curriculum.i18n import Text

PREFIX = "web."
"""The prefix of the web pages' keys in the catalogue."""


def translator(lang: str) -> Callable[..., str]:
    """``t(key, **fields)`` in ``lang`` (``en`` or ``zh-TW``): the catalogue's ``web.key``."""
    text = Text(lang)

    def t(key: str, **fields: Any) -> str:
        return text(PREFIX + key, **fields)

    return t
