"""A plan written as a programme file (``plan --format programme``), ready for ``review``.

The file has the programme keys of :mod:`curriculum.reviewing.programme`: a
name, the provider when every planned course has the same one, the standard,
the targets as given (none: the whole standard) and the planned course codes.
Nothing is read here: the plan carries everything.
"""

from __future__ import annotations

import json

from curriculum.planning.result import Plan


def _scalar(value: str) -> str:
    """A YAML scalar: plain when safe, else a JSON (hence YAML) double-quoted string."""
    plain = value and value.strip() == value and value[0] not in "-?:,[]{}#&*!|>'\"%@`"
    if plain and not any(c in value for c in ":#\n\t") and value.lower() not in _RESERVED:
        try:
            float(value)
        except ValueError:
            return value
    return json.dumps(value, ensure_ascii=False)


_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "~", "y", "n"}


def render_programme(plan: Plan, lang: str = "en") -> str:
    """The programme file (YAML) of a plan: ``review`` accepts it as is."""
    providers = {c.provider for c in plan.courses}
    name = f"{plan.standard} {plan.standard_name}".strip()
    lines = [
        "# Written by `curriculum plan --format programme`: review it with",
        "# `curriculum review FILE`.",
        f"name: {_scalar(name)}",
    ]
    if len(providers) == 1 and None not in providers:
        lines.append(f"provider: {_scalar(str(providers.pop()))}")
    lines.append(f"standard: {_scalar(plan.standard)}")
    if plan.targets:
        lines.append("targets: [" + ", ".join(_scalar(t) for t in plan.targets) + "]")
    lines.append("courses:")
    lines += [f"  - {_scalar(c.code)}  # {c.title}".rstrip() for c in plan.courses]
    if not plan.courses:
        lines[-1] = "courses: []"
    return "\n".join(lines) + "\n"
