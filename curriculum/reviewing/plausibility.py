"""How well a course's text supports the items it claims: character n-gram TF-IDF.

The method runs offline, needs no model file and no third-party package: texts
are cut into character n-grams (2- and 3-grams inside runs of CJK characters,
3- to 5-grams of each padded Latin word), weighted by sublinear term frequency
times inverse document frequency over the standard's items and the courses,
and compared by cosine similarity. Character n-grams suit zh-TW (no word
segmentation needed: 客訴處理 and 處理客訴 share 客訴 and 處理) and English
(stems and inflections share their n-grams) alike.

Two uses: :func:`doubtful_claims` finds the claims a course's text hardly
supports (the ``DOUBTFUL`` finding of a review) and :func:`suggest_claims` ranks
the items a course's text supports but the course does not claim, for a person to
confirm. ``benchmarks/plausibility.py`` measures both on the shipped data.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from curriculum.model.standard import Item, Standard

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[^\W{_CJK}_]+")
_IS_CJK = re.compile(rf"[{_CJK}]")

DOUBT_THRESHOLD = 0.05
"""A claim whose support is below this is DOUBTFUL."""

CONTEXT_WEIGHT = 0.5
"""The weight of a claim's context: its item's best similarity to the other items
the same course claims (claims of one course tend to belong together)."""

SUGGEST_THRESHOLD = 0.1
"""``suggest`` proposes only items supported at least this much."""

SYLLABUS_KEYS = ("description", "syllabus", "outline", "objectives", "content", "topics")
"""The ``meta`` keys of a course (or unit) whose text counts as the course's text."""


def grams(text: str) -> Counter[str]:
    """The character n-grams of ``text`` (NFKC, lower case) with their counts."""
    found: Counter[str] = Counter()
    for run in _RUN.findall(unicodedata.normalize("NFKC", text).lower()):
        if _IS_CJK.match(run):
            if len(run) == 1:
                found[run] += 1
            for n in (2, 3):
                found.update(run[i : i + n] for i in range(len(run) - n + 1))
        else:
            word = f" {run} "
            for n in (3, 4, 5):
                found.update(word[i : i + n] for i in range(max(len(word) - n + 1, 1)))
    return found


def meta_text(meta: Mapping[str, Any]) -> list[str]:
    """The syllabus-like texts of a ``meta`` mapping (strings or lists of strings)."""
    texts: list[str] = []
    for key in SYLLABUS_KEYS:
        value = meta.get(key)
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, list | tuple):
            texts += [v for v in value if isinstance(v, str)]
    return texts


def course_text(course: Any) -> str:
    """What a course says: title, ``meta`` syllabus text, and its units' titles and
    ``meta`` text (for a programme's inline course)."""
    parts = [course.title, *meta_text(course.meta)]
    for unit in getattr(course, "units", ()):
        parts += [unit.title, *meta_text(unit.meta)]
    return " ".join(parts)


def item_text(item: Item) -> str:
    """What an item says: its name and description."""
    return " ".join(x for x in (item.name, item.description) if x)


@dataclass(frozen=True)
class Support:
    """How much a course's text supports an item: cosine similarity and matched words."""

    course: str
    item: str
    score: float
    matched: tuple[str, ...]
    context: float = 0.0


@dataclass(frozen=True)
class TextModel:
    """TF-IDF vectors of a standard's items and of some courses' texts."""

    items: Mapping[str, dict[str, float]]
    courses: Mapping[str, dict[str, float]]
    texts: Mapping[tuple[str, str], str]

    def support(self, course: str, item: str, words: int = 3) -> Support:
        """The cosine similarity of a course's and an item's vectors, and the
        ``words`` shared n-grams that weigh most (none inside another)."""
        a = self.courses.get(course, {})
        b = self.items.get(item, {})
        shared = sorted(
            ((a[g] * b[g], g) for g in a.keys() & b.keys()), key=lambda x: (-x[0], x[1])
        )
        chosen: list[str] = []
        a_text, b_text = self.texts.get(("course", course), ""), self.texts.get(("item", item), "")
        for _, gram in shared:
            g = _grow(gram.strip(), a_text, b_text)
            if len(chosen) == words:
                break
            if not any(g in c or c in g for c in chosen):
                chosen.append(g)
        return Support(course, item, round(sum(w for w, _ in shared), 4), tuple(chosen))

    def claim_support(self, course: str, item: str, claimed: Iterable[str]) -> Support:
        """:meth:`support` plus the context of the course's other claims
        (:data:`CONTEXT_WEIGHT` times the item's best cosine with one of them)."""
        mine = self.items[item]
        context = max(
            (_cosine(mine, self.items[o]) for o in claimed if o != item and o in self.items),
            default=0.0,
        )
        text = self.support(course, item)
        score = round(text.score + CONTEXT_WEIGHT * context, 4)
        return Support(course, item, score, text.matched, round(context, 4))


def _grow(gram: str, a: str, b: str) -> str:
    """The longest run of ``a`` around ``gram`` that ``b`` contains too."""
    best = gram
    start = a.find(gram)
    while start >= 0:
        lo, hi = start, start + len(gram)
        while lo > 0 and a[lo - 1 : hi] in b:
            lo -= 1
        while hi < len(a) and a[lo : hi + 1] in b:
            hi += 1
        if hi - lo > len(best):
            best = a[lo:hi].strip()
        start = a.find(gram, start + 1)
    return best


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    return sum(a[g] * b[g] for g in a.keys() & b.keys())


def _vectors(texts: Mapping[str, str], idf: Mapping[str, float]) -> dict[str, dict[str, float]]:
    out = {}
    for key, text in texts.items():
        tf = grams(text)
        vec = {g: (1 + math.log(n)) * idf[g] for g, n in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out[key] = {g: v / norm for g, v in vec.items()}
    return out


def build_model(standard: Standard, course_texts: Mapping[str, str]) -> TextModel:
    """Fit the IDF on the standard's items and the courses, then vectorise both."""
    item_texts = {i.code: item_text(i) for i in standard.items}
    docs = [*item_texts.values(), *course_texts.values()]
    df: Counter[str] = Counter()
    for text in docs:
        df.update(grams(text).keys())
    idf = {g: math.log((1 + len(docs)) / (1 + n)) + 1 for g, n in df.items()}
    texts = {("item", k): _normal(v) for k, v in item_texts.items()}
    texts |= {("course", k): _normal(v) for k, v in course_texts.items()}
    return TextModel(_vectors(item_texts, idf), _vectors(course_texts, idf), texts)


def doubtful_claims(
    model: TextModel,
    claims: Mapping[str, Sequence[str]],
    threshold: float = DOUBT_THRESHOLD,
) -> list[Support]:
    """The claims (course → claimed items) whose support (text and context, see
    :meth:`TextModel.claim_support`) is below ``threshold``.

    Items the model does not know (not in the standard) are left to the review's
    UNKNOWN finding.
    """
    found = []
    for course, items in claims.items():
        for item in items:
            if item in model.items:
                support = model.claim_support(course, item, items)
                if support.score < threshold:
                    found.append(support)
    return found


def suggest_claims(
    model: TextModel,
    claims: Mapping[str, Iterable[str]],
    *,
    top: int = 3,
    threshold: float = SUGGEST_THRESHOLD,
    context: bool = True,
) -> list[Support]:
    """Per course, the ``top`` unclaimed items its text (and, with ``context``, its
    other claims) support best, at least ``threshold``, ranked by score; course
    order as given."""
    found = []
    for course, items in claims.items():
        have = set(items)
        ranked = sorted(
            (
                model.claim_support(course, code, have) if context else model.support(course, code)
                for code in model.items
                if code not in have
            ),
            key=lambda s: (-s.score, s.item),
        )
        found += [s for s in ranked[:top] if s.score >= threshold]
    return found
