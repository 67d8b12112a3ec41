"""Faster, safer YAML loading for large catalogues.

PyYAML's C loader parses in C but still resolves every plain scalar's type with
Python regular expressions and builds the objects through generic Python
constructors. On a national catalogue (50,000 courses) that is most of the
loading time. :func:`load_yaml` keeps the C parser and the safe schema, but

* caches the resolved type of each distinct plain scalar (codes such as ``K01``
  and keys such as ``covers`` repeat thousands of times), and
* builds plain mappings, sequences, strings, nulls and decimal integers
  directly, handing anything else (floats, booleans, merge keys, ...) to
  PyYAML's own safe constructor.

It is also stricter than ``yaml.safe_load`` where YAML 1.1 surprises users and
where a hostile file could exhaust the machine (see docs/security.md):

* plain scalars are typed as in YAML 1.2's core schema, and a number written
  with a leading zero stays text: ``0012`` is ``"0012"`` (not octal 10), ``yes``,
  ``no``, ``on``, ``off`` are text, ``1:30`` is text (not 5400), ``2024-01-01``
  is text (not a date), ``0x1F`` is text;
* a key given twice in one mapping is an error (not last-wins);
* aliases are shared, and a document whose aliases would expand past
  :data:`ALIAS_BUDGET` nodes (a "billion laughs" file) or that refers to itself
  is refused before anything is built.

A JSON document (text opening with ``{`` or ``[``) is read by the ``json`` module
first, about 100 times faster than the YAML parser (a 50,000-item standard: 0.1 s
against 9.5 s); anything the JSON reader refuses or the YAML reader would refuse (a
key given twice, nesting past :data:`MAX_DEPTH`, ``NaN``) is read as YAML, so
the messages are the same; a JSON number is a number (``1e3`` is 1000.0, where
YAML's plain ``1e3`` is text).
"""

from __future__ import annotations

import json
import re
from typing import Any, cast

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from curriculum.errors import Phrase

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_BOOL = "tag:yaml.org,2002:bool"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_CACHE_LIMIT = 200_000
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_TRUE_FALSE = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})

MAX_DEPTH = 200
"""The deepest nesting of collections accepted (real files nest fewer than 20 deep)."""

_SHALLOW = 10_000  # below this depth bound the C composer is safe and quick

ALIAS_BUDGET = 1_000_000
"""How many nodes aliases may add to a document when expanded (each use of an
alias counts the nodes it stands for)."""


class YAMLLimitError(yaml.MarkedYAMLError):
    """A document refused on purpose: a duplicate key, recursive or exploding aliases.

    ``problem`` is the English; ``phrase`` the catalogue's words, for any language.
    """

    def __init__(self, mark: Any, key: str, /, **values: Any) -> None:
        self.phrase = Phrase(key, **values)
        super().__init__(problem=self.phrase.text("en"), problem_mark=mark)


def _core_tag(value: str, tag: str) -> str:
    """The YAML 1.1 type PyYAML resolved, narrowed to YAML 1.2's core schema
    (leading-zero numbers, sexagesimals, dates, yes/no/on/off become text)."""
    if tag == _BOOL and value not in _TRUE_FALSE:
        return _STR
    if tag == _INT and not _DECIMAL.fullmatch(value):
        return _STR
    if tag == _FLOAT and ":" in value:
        return _STR
    if tag == _TIMESTAMP:
        return _STR
    return tag


class _CachingLoader(_Base):  # type: ignore[misc]
    """The safe loader, remembering the implicit type of each plain scalar."""

    _tags: dict[str, str] = {}  # noqa: RUF012 (shared on purpose: depends on the value only)

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is ScalarNode and implicit[0]:
            tag = self._tags.get(value)
            if tag is None:
                tag = _core_tag(value, super().resolve(kind, value, implicit))
                if len(self._tags) < _CACHE_LIMIT:
                    self._tags[value] = tag
            return tag
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]


class _Fallback(Exception):
    """A node the fast builder does not handle: build the document the usual way."""


def _depth_bound(text: str) -> int:
    """An upper bound of the nesting depth, cheap: every flow level needs a ``[`` or
    ``{``, every block level at least one more column on its line."""
    longest = len(max(text.splitlines(), key=len, default=""))
    return text.count("[") + text.count("{") + longest + 1


def check_depth(text: str, limit: int = MAX_DEPTH) -> None:
    """Refuse nesting deeper than ``limit`` from the parser's events (not recursive:
    safe at any depth, and stopping as soon as the limit is passed).

    Raises
    ------
    YAMLLimitError
        Marked where the limit is passed.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Base):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limit:
                mark = cast("yaml.error.Mark | None", event.start_mark)
                raise YAMLLimitError(mark, "yaml.too_deep", limit=limit)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _compose(loader: Any, text: str) -> Node | None:
    """The document's node graph. PyYAML's C composer recurses once per nesting
    level on the C stack (it crashed the process near 30,000 levels) and libyaml
    takes time quadratic in the depth (0.9 s at 20,000 levels): a text whose cheap
    depth bound passes :data:`_SHALLOW` has its depth checked from the parser's
    events first, which stop at :data:`MAX_DEPTH` (about 10% of the parse time of a
    catalogue with that many flow lists)."""
    if _depth_bound(text) > _SHALLOW:
        check_depth(text)
    return loader.get_single_node()  # type: ignore[no-any-return]


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _duplicate_key(node: MappingNode) -> Node | None:
    """The second occurrence of a scalar key given twice in a mapping, if any."""
    seen: set[tuple[str, str]] = set()
    for key, _ in node.value:
        if isinstance(key, ScalarNode) and key.tag != _MERGE:
            if (key.tag, key.value) in seen:
                return key
            seen.add((key.tag, key.value))
    return None


def check_document(root: Node, budget: int = ALIAS_BUDGET) -> None:
    """Refuse duplicate keys, recursive aliases, nesting past :data:`MAX_DEPTH` and
    alias expansion past ``budget`` nodes, walking the node graph once (iteratively: any depth).

    Raises
    ------
    YAMLLimitError
        Marked at the offending node.
    """
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    open_: set[int] = set()
    stack = [root]
    while stack:
        node = stack[-1]
        key = id(node)
        if key in size:
            stack.pop()
            continue
        children = _children(node)
        if key not in open_:
            open_.add(key)
            for child in children:
                if id(child) in open_ and id(child) not in size:
                    raise YAMLLimitError(child.start_mark, "yaml.self_alias")
            stack.extend(c for c in children if id(c) not in size)
            continue
        stack.pop()
        total = 1 + sum(size[id(c)] for c in children)
        size[key] = total
        height[key] = 1 + max((height[id(c)] for c in children), default=0)
        if height[key] > MAX_DEPTH:
            raise YAMLLimitError(node.start_mark, "yaml.too_deep", limit=MAX_DEPTH)
        if total > len(size) + budget:
            raise YAMLLimitError(node.start_mark, "yaml.alias_budget", budget=f"{budget:,}")
        if isinstance(node, MappingNode):
            dup = _duplicate_key(node)
            if dup is not None:
                raise YAMLLimitError(dup.start_mark, "yaml.duplicate_key", name=repr(dup.value))


def _build(loader: Any, node: Node, memo: dict[int, Any], depth: int = 1) -> Any:
    """The Python value of a node; checks duplicate keys and the depth on the way
    (aliases, which need :func:`check_document`, come memoised)."""
    tag = node.tag
    if isinstance(node, ScalarNode):
        value = node.value
        if tag == _STR:
            return value
        if tag == _INT and value.isdigit() and (value == "0" or value[0] != "0"):
            return int(value)
        if tag == _NULL:
            return None
        return loader.construct_object(node, deep=True)
    built = memo.get(id(node))
    if built is not None:  # an alias: the same object, as PyYAML gives
        return built
    if depth > MAX_DEPTH:
        raise YAMLLimitError(node.start_mark, "yaml.too_deep", limit=MAX_DEPTH)
    if isinstance(node, MappingNode) and tag == _MAP:
        out: dict[Any, Any] = {}
        memo[id(node)] = out
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise _Fallback
            key = _build(loader, key_node, memo, depth + 1)
            try:
                if key in out:
                    mark = key_node.start_mark
                    raise YAMLLimitError(mark, "yaml.duplicate_key", name=repr(key_node.value))
                out[key] = _build(loader, value_node, memo, depth + 1)
            except TypeError:  # an unhashable key: let PyYAML report it
                raise _Fallback from None
        return out
    if isinstance(node, SequenceNode) and tag == _SEQ:
        items: list[Any] = []
        memo[id(node)] = items
        items.extend(_build(loader, item, memo, depth + 1) for item in node.value)
        return items
    raise _Fallback


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) != len(pairs):
        raise ValueError("a key given twice")  # the YAML reader says which one
    return value


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)  # NaN, Infinity: not JSON, not numbers for YAML either


def _too_deep(value: Any) -> bool:
    """Whether collections nest deeper than :data:`MAX_DEPTH` (iterative)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > MAX_DEPTH:
                return True
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return False


def load_json(text: str) -> tuple[bool, Any]:
    """``(True, value)`` when ``text`` is JSON the YAML reader would accept as it is,
    else ``(False, None)`` (the caller then reads it as YAML)."""
    if text.lstrip()[:1] not in ("{", "["):
        return False, None
    try:
        value = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return False, None
    return (False, None) if _too_deep(value) else (True, value)


def load_yaml(text: str) -> Any:
    """Parse one YAML document with the safe schema, typed as described above.

    Raises
    ------
    yaml.YAMLError
        As PyYAML does, for text that is not valid YAML; :class:`YAMLLimitError`
        for a duplicate key, nesting past :data:`MAX_DEPTH`, or aliases that refer
        to themselves or expand too far.
    """
    is_json, value = load_json(text)
    if is_json:
        return value
    loader = _CachingLoader(text)
    try:
        node = _compose(loader, text)
        if node is None:
            return None
        if "&" in text and "*" in text:  # anchors and perhaps aliases: check the graph
            check_document(node)
        try:
            return _build(loader, node, {})
        except _Fallback:
            check_document(node)
    finally:
        loader.dispose()
    fallback = _CachingLoader(text)
    try:
        return fallback.get_single_data()
    finally:
        fallback.dispose()
