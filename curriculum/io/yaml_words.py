"""PyYAML's parse problems in the run's language.

PyYAML (and libyaml, its C loader) word their problems in English (``mapping values
are not allowed in this context``). :class:`YamlProblem` keeps that English for an
English run, as PyYAML wrote it, and words the common problems from the catalogue
for a zh-TW one; a problem the catalogue does not know is worded generically there
(``YAML 語法無法解析``), the line still named by the message, never in English.
"""

from __future__ import annotations

import re

from curriculum.errors import Phrase

PROBLEMS = (
    (r"mapping values are not allowed", "yaml.mapping_values"),
    (r"sequence entries are not allowed", "yaml.sequence_entries"),
    (r"did not find expected '-' indicator", "yaml.dash"),
    (
        r"could not find expected ':'|did not find expected key|while scanning a simple key",
        "yaml.colon",
    ),
    (r"expected ',' or '\]'", "yaml.list_end"),
    (r"expected ',' or '\}'", "yaml.mapping_end"),
    (r"tab character|found character .*?that cannot start any token", "yaml.token"),
    (r"end of stream", "yaml.end"),
    (r"unknown escape character", "yaml.escape"),
    (r"undefined alias", "yaml.alias"),
    (r"another document|single document", "yaml.documents"),
    (r"control characters are not allowed|special characters are not allowed", "yaml.control"),
    (r"expected the node content|did not find expected node content", "yaml.content"),
    (r"constructor for the tag|undefined tag handle", "yaml.tag"),
    (r"unhashable key", "yaml.key"),
)
"""PyYAML's and libyaml's problems (a pattern of their English) and the catalogue key
that words each."""


class YamlProblem(Phrase):
    """PyYAML's problem as a piece of a message: its English, or the catalogue's words."""

    def __init__(self, english: str) -> None:
        super().__init__("yaml.other")
        self.english = english
        for pattern, key in PROBLEMS:
            if re.search(pattern, english):
                self.key = key
                break

    def text(self, lang: str) -> str:
        if lang == "en":
            return self.english
        return super().text(lang)
