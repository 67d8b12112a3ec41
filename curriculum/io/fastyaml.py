"""Faster YAML loading for large catalogues, with the same results as ``yaml.safe_load``.

PyYAML's C loader parses in C but still resolves every plain scalar's type with
Python regular expressions and builds the objects through generic Python
constructors. On a national catalogue (50,000 courses) that is most of the
loading time. :func:`load_yaml` keeps the C parser and the safe schema, but

* caches the resolved type of each distinct plain scalar (codes such as ``K01``
  and keys such as ``covers`` repeat thousands of times), and
* builds plain mappings, sequences, strings, nulls and decimal integers
  directly, handing anything else (floats, booleans, dates, merge keys, ...)
  to PyYAML's own safe constructor.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_CACHE_LIMIT = 200_000


class _CachingLoader(_Base):  # type: ignore[misc]
    """The safe loader, remembering the implicit type of each plain scalar."""

    _tags: dict[str, str] = {}  # noqa: RUF012 (shared on purpose: depends on the value only)

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is ScalarNode and implicit[0]:
            tag = self._tags.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(self._tags) < _CACHE_LIMIT:
                    self._tags[value] = tag
            return tag
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]


class _Fallback(Exception):
    """A node the fast builder does not handle: build the document the usual way."""


def _build(loader: Any, node: Node) -> Any:
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
    if isinstance(node, MappingNode) and tag == _MAP:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Fallback
            key = _build(loader, key_node)
            try:
                out[key] = _build(loader, value_node)
            except TypeError:  # an unhashable key: let PyYAML report it
                raise _Fallback from None
        return out
    if isinstance(node, SequenceNode) and tag == _SEQ:
        return [_build(loader, item) for item in node.value]
    raise _Fallback


def load_yaml(text: str) -> Any:
    """Parse one YAML document like ``yaml.load(text, Loader=CSafeLoader)``.

    Raises
    ------
    yaml.YAMLError
        As PyYAML does, for text that is not valid YAML.
    """
    loader = _CachingLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _build(loader, node)
        except (_Fallback, RecursionError):
            return yaml.load(text, Loader=_Base)
    finally:
        loader.dispose()
