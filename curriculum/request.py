"""What a question asks to cover: :class:`Request`, and the one parser of code lists.

Every question (a plan, a budget, a frontier, a schedule, a team plan, a batch)
starts from the same few choices: which standard, which of its targets, whether
attitudes count, what the learner already holds or has taken, which courses to
leave out or to use, and whether levels matter. The Python API and the command
line both build a :class:`Request` once, with :meth:`Request.of`, from whatever
spelling the caller used (``"T1.2;T1.3"``, ``"T1.2 T1.3"``, ``["T1.2", "T1.3"]``,
a repeated option), so the two accept the same spellings and give the same
answers. Bad types and values are refused here, at the door, with
:class:`~curriculum.errors.UsageError` (exit 2 on the command line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, Protocol

from curriculum.arguments import check_flag, shown
from curriculum.errors import UsageError
from curriculum.model.codes import normalize_code

CodeList = str | Iterable[str] | None
"""Codes as one string (separated by ``;``, ``,``, ``、`` or, except for course
codes, white space), or as a list, tuple or set of such strings; ``None`` is none."""

_ITEM_SEPARATORS = re.compile(r"[;；,，、\s]+")
_COURSE_SEPARATORS = re.compile(r"[;；,，、]+")  # course codes may hold spaces

EVERYWHERE = frozenset({"attitudes", "exclude", "ignore_levels"})
"""The choices every question takes (the others, only the questions that use them)."""

COURSE_LISTS = frozenset({"done", "exclude", "require"})
"""The request's lists of course codes (split on separators, never on white space)."""


def parse_codes(value: Any, name: str = "codes", *, courses: bool = False) -> tuple[str, ...]:
    """The one parser of code lists: ``value`` as a tuple of normalised codes.

    Parameters
    ----------
    value
        ``None``, one string (``"T1.2;T1.3"``, ``"T1.2, T1.3"``, ``"T1.2 T1.3"``) or
        an iterable of strings (a list, a tuple, repeated command-line options), each
        of which may itself list several codes.
    name
        What the list is, for the message (``targets``, ``have``, ...).
    courses
        Course codes: split on ``;``, ``,`` and ``、`` only (a course code may hold
        a space, ``COMP 3601``).

    Raises
    ------
    UsageError
        When ``value`` is not text or a collection of text.
    """
    if value is None:
        return ()
    if isinstance(value, str):
        parts: Iterable[Any] = (value,)
    elif isinstance(value, bytes | bytearray) or not isinstance(value, Iterable):
        raise UsageError.keyed("arg.codes", name=name, value=shown(value))
    else:
        parts = value
    separators = _COURSE_SEPARATORS if courses else _ITEM_SEPARATORS
    codes: list[str] = []
    for part in parts:
        if not isinstance(part, str):
            raise UsageError.keyed("arg.not_code", name=name, value=shown(part))
        codes.extend(c for c in (normalize_code(p) for p in separators.split(part)) if c)
    return tuple(codes)


class Person(Protocol):
    """A team member or a batch learner: who brings their own standard, targets,
    held items and courses done (:class:`~curriculum.io.team_file.Member`,
    :class:`~curriculum.io.records.Learner`)."""

    @property
    def standard(self) -> str:
        """The standard's code."""

    @property
    def targets(self) -> Sequence[str]:
        """Their tasks or duties (none: the whole standard)."""

    @property
    def held(self) -> Sequence[str]:
        """The items they already hold."""

    @property
    def done(self) -> Sequence[str]:
        """The courses they have taken."""


@dataclass(frozen=True)
class Request:
    """What to cover: one learner's (or one team's shared) choices, checked and normalised.

    Build it with :meth:`Request.of`; every field is then a plain tuple of codes or
    a bool. The codes are matched against the library (case and full width
    ignored) when a question is answered, not here.

    Attributes
    ----------
    standard
        The standard's code (``"BAS1499-001v4"``); ``None`` where each member or
        learner names their own (``team``, ``batch``).
    targets
        Tasks (``T1.2``) or duties (``T1``); none means the whole standard.
    attitudes
        Also require the standard's attitudes (A items).
    have
        Items the learner already holds.
    done
        Courses the learner has already taken: they meet prerequisites and are
        never planned.
    exclude
        Courses never to use.
    require
        Courses always to use.
    ignore_levels
        Let a course cover an item whatever its level.
    all_courses
        Every course of the catalogue, all required (``schedule --all-courses``:
        a fixed curriculum rather than a plan); it takes no targets, ``have`` or
        ``require``.
    """

    standard: str | None = None
    targets: tuple[str, ...] = ()
    attitudes: bool = False
    have: tuple[str, ...] = ()
    done: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    require: tuple[str, ...] = ()
    ignore_levels: bool = False
    all_courses: bool = False

    @classmethod
    def of(
        cls,
        standard: str | None = None,
        targets: CodeList = (),
        *,
        attitudes: bool = False,
        have: CodeList = (),
        done: CodeList = (),
        exclude: CodeList = (),
        require: CodeList = (),
        ignore_levels: bool = False,
        all_courses: bool = False,
    ) -> Request:
        """The request for these choices, each code list parsed by :func:`parse_codes`.

        Raises
        ------
        UsageError
            For a standard that is not a code, a list that is not codes, a switch
            that is not ``True``/``False``, or ``all_courses`` with targets,
            ``have`` or ``require``.
        """
        if standard is not None and (not isinstance(standard, str) or not standard.strip()):
            raise UsageError.keyed("arg.standard", value=shown(standard))
        lists = {
            name: parse_codes(value, name, courses=name in COURSE_LISTS)
            for name, value in (
                ("targets", targets),
                ("have", have),
                ("done", done),
                ("exclude", exclude),
                ("require", require),
            )
        }
        request = cls(
            standard=normalize_code(standard) if standard is not None else None,
            attitudes=check_flag(attitudes, "attitudes"),
            ignore_levels=check_flag(ignore_levels, "ignore_levels"),
            all_courses=check_flag(all_courses, "all_courses"),
            **lists,
        )
        if all_courses and (request.targets or request.have or request.require):
            raise UsageError.keyed("usage.all_courses")
        return request

    def code(self) -> str:
        """The standard's code (a :class:`UsageError` when the request names none)."""
        if self.standard is None:
            raise UsageError.keyed("arg.standard", value="None")
        return self.standard

    def for_member(self, person: Person) -> Request:
        """The request of one team member or batch learner: this request's shared
        choices (attitudes, exclusions, required courses, levels) with the
        person's own standard, targets, held items and courses done, as their
        file gives them."""
        return replace(
            self,
            standard=person.standard,
            targets=tuple(person.targets),
            have=tuple(person.held),
            done=tuple(person.done),
        )

    def check_only(self, question: str, *allowed: str) -> None:
        """Refuse what ``question`` does not take: fields other than ``allowed`` set.

        Raises
        ------
        UsageError
            Naming the first field set that ``question`` cannot use.
        """
        for name in (f.name for f in fields(self)):
            if name not in EVERYWHERE and name not in allowed and getattr(self, name):
                raise UsageError.keyed("arg.takes_no", question=question, name=name)


REQUEST_KEYWORDS = frozenset(f.name for f in fields(Request))
"""The keywords of :meth:`Request.of`, as every public function spells them (the
fields of :class:`Request`, named once)."""
