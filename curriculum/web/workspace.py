"""The workspace: a folder of standards, catalogues and programmes, read as the CLI reads it.

``FOLDER/standards`` and ``FOLDER/courses`` are the data (the shipped copies when
a folder lacks them, read-only); programmes are ``programme*.yaml`` files anywhere
in the folder and every file under ``FOLDER/programmes``. The library is loaded
by the public :func:`curriculum.load_library` and loaded again when a data file
changes (its size or modification time); each file is parsed once and again only
when it changes (a :class:`~curriculum.io.file_cache.FileCache`), so an edit of a
catalogue re-reads that catalogue alone, never the standards.
Every path a request names is looked up among these files: nothing outside the
folder is ever read or written through the workspace.
"""

from __future__ import annotations

import os
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curriculum.errors import CurriculumError

if TYPE_CHECKING:
    from curriculum.io.context import ReadContext
    from curriculum.io.library import Library
    from curriculum.io.loaders import CatalogueRead

PROGRAMME_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx")
MAX_DEPTH = 3
"""How deep programme files are looked for below the folder."""


class NotInWorkspace(CurriculumError):
    """A path that is not one of the workspace's files (outside it, or unknown)."""

    exit_code = 2


@dataclass(frozen=True)
class Loaded:
    """The library, or the problems that stop it from loading (one per line)."""

    library: Library | None
    problems: tuple[str, ...] = ()


class Workspace:
    """The files of one folder and the library they make."""

    def __init__(self, folder: Path) -> None:
        from curriculum.io.file_cache import FileCache

        self.folder = Path(folder).resolve()
        self.cache = FileCache()
        self._lock = threading.Lock()
        self._signature: tuple[Any, ...] | None = None
        self._loaded = Loaded(None, ("not loaded",))
        self._standards_signature: tuple[Any, ...] | None = None
        self._standards: Library | None = None
        self._standards_lock = threading.Lock()

    def data_dir(self, kind: str) -> Path:
        """``FOLDER/standards`` or ``FOLDER/courses``, else the shipped copy."""
        from curriculum.io.library import PACKAGE_DATA

        local = self.folder / kind
        return local if local.is_dir() else PACKAGE_DATA / kind

    def data_files(self, kind: str) -> list[Path]:
        """The data files of one kind, sorted."""
        from curriculum.io.loaders import CATALOGUE_SUFFIXES, STANDARD_SUFFIXES, expand_paths

        suffixes = STANDARD_SUFFIXES if kind == "standards" else CATALOGUE_SUFFIXES
        try:
            return expand_paths([self.data_dir(kind)], suffixes)
        except CurriculumError:
            return []

    def signature(self, kinds: tuple[str, ...] = ("standards", "courses")) -> tuple[Any, ...]:
        """Name and stamp (size, modification time, inode, status-change time) of every
        data file (of ``kinds``): any save, even renamed over a file with its size and
        time, changes it."""
        from curriculum.io.file_cache import stamp

        return tuple((str(p), stamp(p)) for kind in kinds for p in self.data_files(kind))

    def load(self) -> Loaded:
        """The library, loaded again when a data file changed since the last load (or,
        when it did not load, its problems are asked for in another language)."""
        from curriculum.i18n import run_lang

        with self._lock:
            files, lang = self.signature(), run_lang()
            stale = self._signature is None or self._signature[:-1] != files
            if not stale and self._loaded.library is None:  # problems worded in one language
                stale = self._signature is not None and self._signature[-1] != lang
            if stale:
                self._loaded, self._signature = self._read(), (*files, lang)
            return self._loaded

    def standards(self) -> Library:
        """The standards alone (what the standards pages show), loaded again only when
        a standard file changes: an edit of a catalogue does not reload them, and a
        broken catalogue does not hide them.

        Raises
        ------
        DataFileError
            When a standard cannot be loaded.
        """
        from curriculum.api import load_library

        with self._standards_lock:
            signature = self.signature(("standards",))
            if signature != self._standards_signature:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    self._standards = load_library(
                        self.paths("standards"), with_catalogues=False, context=self.context()
                    )
                self._standards_signature = signature
            assert self._standards is not None
            return self._standards

    def library(self) -> Library:
        """The library, or the loading problems as a :class:`CurriculumError`."""
        loaded = self.load()
        if loaded.library is None:
            from curriculum.errors import DataFileError

            raise DataFileError("\n".join(loaded.problems))
        return loaded.library

    def _read(self) -> Loaded:
        from curriculum.api import load_library
        from curriculum.i18n import run_lang

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                library = load_library(
                    self.paths("standards"), self.paths("courses"), context=self.context()
                )
        except CurriculumError as exc:
            return Loaded(None, tuple(self.shown(exc.localized(run_lang())).splitlines()))
        return Loaded(library)

    def context(self) -> ReadContext:
        """How the workspace reads a file: UTF-8 (else Big5/CP950), through its cache."""
        from curriculum.io.context import ReadContext

        return ReadContext(cache=self.cache)

    def read_catalogue(self, path: Path) -> CatalogueRead:
        """One catalogue file as read (its courses and problems), parsed again only
        when it changed.

        Raises
        ------
        DataFileError
            When the file cannot be read as a whole.
        """
        from curriculum.io.file_cache import load_cached
        from curriculum.io.loaders import read_catalogue

        (read,) = load_cached(read_catalogue, [path], self.context())
        if isinstance(read, CurriculumError):
            raise read
        return read

    def default_lang(self) -> str:
        """The language the workspace's standards share (zh-TW for iCAP's; English
        when they differ), as the reports choose; zh-TW when they do not load."""
        from curriculum.i18n import resolve_lang

        try:
            standards = self.standards().standards.values()
        except CurriculumError:
            return "zh-TW"
        return resolve_lang(None, [s.language for s in standards] or ["zh-TW"])

    def paths(self, kind: str) -> list[Path]:
        """What ``load_library`` is given for one kind (the folder)."""
        return [self.data_dir(kind)]

    def shown(self, text: str) -> str:
        """A message with the folder's own path left out (paths relative to it)."""
        return text.replace(str(self.folder) + "/", "")

    def relative(self, path: Path) -> str:
        """A workspace file's path relative to the folder (``package:`` when shipped)."""
        from curriculum.io.provenance import display_path

        try:
            return Path(path).resolve().relative_to(self.folder).as_posix()
        except ValueError:
            return display_path(path)

    def programmes(self) -> list[str]:
        """The programme files, relative to the folder, sorted."""
        found = set()
        for root, dirs, files in os.walk(self.folder):
            rel_root = Path(root).relative_to(self.folder)
            depth = len(rel_root.parts)
            dirs[:] = [] if depth >= MAX_DEPTH else [d for d in dirs if not d.startswith(".")]
            for name in files:
                rel = rel_root / name
                if name.startswith(".") or Path(name).suffix.lower() not in PROGRAMME_SUFFIXES:
                    continue
                wanted = rel.parts[0] == "programmes" or name.lower().startswith("programme")
                if wanted and (self.folder / rel).is_file():
                    found.add(rel.as_posix())
        return sorted(found)

    def editable_catalogues(self) -> list[str]:
        """The YAML catalogues inside the folder (the mapping editor writes these)."""
        local = self.folder / "courses"
        if not local.is_dir():
            return []
        return [
            self.relative(p)
            for p in self.data_files("courses")
            if p.suffix.lower() in (".yaml", ".yml") and self.folder in p.resolve().parents
        ]

    def resolve(self, name: str, allowed: list[str]) -> Path:
        """The file ``name`` (relative to the folder) when it is one of ``allowed``.

        Raises
        ------
        NotInWorkspace
            For any other name: absolute, ``..``, a link leading out, or unknown.
        """
        if name not in allowed:
            raise NotInWorkspace(f"{name}: not a file of this workspace")
        path = (self.folder / name).resolve()
        if self.folder not in path.parents or not path.is_file():
            raise NotInWorkspace(f"{name}: not a file of this workspace")
        return path
