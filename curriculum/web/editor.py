"""The mapping editor's model: edits of a catalogue file, saved atomically, with an
undo history and conflict detection.

Each catalogue file has a version, raised by every save and by every change found
on disk that this server did not write (another program, the CLI, an editor). An
edit names the version its page showed:

* a change on disk since then is a *file conflict*: nothing is written, the page
  must be reloaded (the other change is never overwritten silently);
* an edit of this server since then that touched the same cell (the same claim,
  or the same course's level) is a *cell conflict*, likewise refused;
* otherwise the edit is applied to the file as it is now (edits of other cells
  made meanwhile are kept).

Every edit carries an id chosen by the page: an edit sent twice (a retry) is
applied once and answered with its first result. Edits are set operations
(claim, unclaim, set a level), so an undo is the inverse edit.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from curriculum.errors import CurriculumError, DataFileError, UsageError

if TYPE_CHECKING:
    from curriculum.web.workspace import Workspace

MAX_HISTORY = 1000


class Conflict(CurriculumError):
    """An edit refused because the file or the cell changed since the page loaded."""

    exit_code = 1

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Edit:
    """One change: ``claim``/``unclaim`` an item for a course, or set its ``level``."""

    op: str
    course: str
    standard: str
    item: str = ""
    level: float | None = None

    def cell(self) -> tuple[str, str]:
        """What the edit touches: (course, item), or (course, "level")."""
        return (self.course, "level" if self.op == "level" else self.item)


@dataclass(frozen=True)
class Applied:
    """An edit as saved: its id, the version it made and what it replaced."""

    id: str
    edit: Edit
    before: Any
    version: int
    undone: bool = False


@dataclass
class FileState:
    """What the server knows of one catalogue file."""

    path: Path
    digest: str
    version: int = 1
    history: list[Applied] = field(default_factory=list)
    external: list[int] = field(default_factory=list)
    ids: dict[str, Applied] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


class _FlowDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """YAML with lists of codes on one line (``BAS1499-001v4: [K01, K02]``)."""


def _list(dumper: Any, data: list[Any]) -> yaml.Node:
    flow = bool(data) and all(isinstance(v, str) for v in data)
    node: yaml.Node = dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)
    return node


_FlowDumper.add_representer(list, _list)


def dump(data: dict[str, Any], header: str) -> str:
    """The catalogue's YAML, after the comment lines the file started with."""
    body = yaml.dump(data, Dumper=_FlowDumper, allow_unicode=True, sort_keys=False, width=100)
    return header + body


def header_of(text: str) -> str:
    """The comment lines at the top of a YAML file (kept through edits)."""
    lines = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


def _course(data: dict[str, Any], code: str) -> dict[str, Any]:
    from curriculum.model.codes import code_key

    for course in data.get("courses") or []:
        if isinstance(course, dict) and code_key(str(course.get("code", ""))) == code_key(code):
            return course
    raise UsageError.keyed("web.err.no_course", code=code[:40])


def apply(data: dict[str, Any], edit: Edit) -> Any:
    """Apply an edit to a catalogue's data; what it replaced (claimed?, or the level)."""
    course = _course(data, edit.course)
    if edit.op == "level":
        before = course.get("level")
        if edit.level is None:
            course.pop("level", None)
        else:
            course["level"] = int(edit.level) if float(edit.level).is_integer() else edit.level
        return before
    covers = course.setdefault("covers", {})
    items = list(covers.get(edit.standard) or [])
    before = edit.item in items
    if edit.op == "claim" and not before:
        items.append(edit.item)
    elif edit.op == "unclaim" and before:
        items.remove(edit.item)
    covers[edit.standard] = items
    return before


def inverse(applied: Applied) -> Edit:
    """The edit that undoes ``applied``."""
    edit = applied.edit
    if edit.op == "level":
        return Edit("level", edit.course, edit.standard, level=applied.before)
    return Edit("claim" if applied.before else "unclaim", edit.course, edit.standard, edit.item)


class Editor:
    """The edits of every catalogue of a workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._states: dict[str, FileState] = {}
        self._lock = threading.Lock()

    def state(self, name: str) -> FileState:
        """The state of an editable catalogue (its changes on disk noted)."""
        path = self.workspace.resolve(name, self.workspace.editable_catalogues())
        with self._lock:
            state = self._states.get(name)
            if state is None:
                state = self._states[name] = FileState(path, digest(path))
        with state.lock:
            self._sync(state)
        return state

    @staticmethod
    def _sync(state: FileState) -> None:
        now = digest(state.path)
        if now != state.digest:
            state.version += 1
            state.external.append(state.version)
            state.digest = now

    def edit(self, name: str, edit: Edit, base: int, edit_id: str) -> Applied:
        """Apply one edit made on a page that showed version ``base``.

        Raises
        ------
        Conflict
            When the file changed on disk, or the same cell was edited, since ``base``.
        """
        state = self.state(name)
        with state.lock:
            done = state.ids.get(edit_id)
            if done is not None:
                return done
            self._sync(state)
            if any(v > base for v in state.external):
                raise Conflict("file", "file")
            touched = {a.edit.cell() for a in state.history if a.version > base}
            if edit.cell() in touched:
                raise Conflict("cell", "cell")
            return self._save(state, edit, edit_id)

    def changes_since(self, name: str, base: int) -> list[Edit]:
        """The edits this server saved after version ``base`` (what a page that showed
        ``base`` must redraw), oldest first."""
        state = self.state(name)
        with state.lock:
            return [a.edit for a in state.history if a.version > base]

    def undo(self, name: str, edit_id: str) -> Applied:
        """Undo the last edit not undone yet (refused after a change on disk)."""
        state = self.state(name)
        with state.lock:
            done = state.ids.get(edit_id)
            if done is not None:
                return done
            self._sync(state)
            last = next((a for a in reversed(state.history) if not a.undone), None)
            if last is None:
                raise UsageError.keyed("web.err.nothing_to_undo")
            if any(v > last.version for v in state.external):
                raise Conflict("file", "file")
            applied = self._save(state, inverse(last), edit_id)
            index = state.history.index(last)
            state.history[index] = Applied(last.id, last.edit, last.before, last.version, True)
            state.history[-1] = Applied(applied.id, applied.edit, applied.before,
                                        applied.version, True)  # fmt: skip
            return applied

    def _save(self, state: FileState, edit: Edit, edit_id: str) -> Applied:
        from curriculum.io.file_cache import stamp
        from curriculum.io.loaders import read_catalogue
        from curriculum.io.source import read_text
        from curriculum.io.tables import read_mapping
        from curriculum.io.writers import write_atomic

        text = read_text(state.path)
        data = dict(read_mapping(state.path, "loaders.catalogue_mapping"))
        before = apply(data, edit)
        new = dump(data, header_of(text))
        folder = Path(tempfile.mkdtemp(prefix="curriculum-edit-"))
        check = folder / state.path.name
        try:
            check.write_text(new, encoding="utf-8")
            read = read_catalogue(check)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        if read.problems or read.catalogue is None:
            shown = "\n".join(read.problems).replace(str(folder) + "/", "")
            raise DataFileError(shown or f"{state.path.name}: the edit makes it invalid")
        write_atomic(state.path, new, shown=Path(self.workspace.relative(state.path)))
        state.digest = digest(state.path)
        # the file now holds what was just read back: the library takes it from the cache
        self.workspace.cache.put(read_catalogue, state.path, self.workspace.context(), read,
                                 stamp(state.path))  # fmt: skip
        state.version += 1
        applied = Applied(edit_id, edit, before, state.version)
        state.history.append(applied)
        state.ids[edit_id] = applied
        del state.history[:-MAX_HISTORY]
        return applied
