"""The mapping editor: a course × item matrix of one catalogue against one standard,
edits saved at once, undo, suggestions, validation, import and export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from curriculum.errors import CurriculumError, DataFileError, UsageError
from curriculum.web.base import attachment, field, lang_of, posted, render, said, web
from curriculum.web.editor import Applied, Conflict, Edit, Editor
from curriculum.web.exports import export_catalogue
from curriculum.web.texts import translator
from curriculum.web.uploads import free_name, received, shown
from curriculum.web.workspace import Workspace

IMPORT_SUFFIXES = (".csv", ".xlsx", ".yaml", ".yml")


def columns(standard: Any, duty: str, task: str, kind: str) -> list[Any]:
    """The standard's items shown, filtered by duty, task and item type (K, S, A)."""
    chosen = None
    if task or duty:
        chosen = set()
        for d in standard.duties:
            for t in d.tasks:
                if t.code == task or (not task and d.code == duty):
                    chosen |= {*t.knowledge, *t.skills}
    return [
        item
        for item in standard.items
        if (chosen is None or item.code in chosen) and (not kind or item.kind == kind)
    ]


_RANKED: dict[tuple[Any, ...], tuple[Any, list[Any]]] = {}


def suggestions(
    workspace: Workspace, path: Path, standard: Any, courses: list[Any], read: Any
) -> dict[str, list[Any]]:
    """Per course, the three unclaimed items its text supports best, as ``curriculum
    courses suggest`` ranks them (:func:`curriculum.api.courses.suggest`). A
    course's are ranked again only when its claims, the catalogue's course texts
    (the text model) or the standard change: an edit re-ranks its course alone.
    ``read`` is the file's stamp when ``courses`` were read: a ranking made after
    the file changed again is shown, not kept."""
    from curriculum.api.courses import suggest
    from curriculum.io.file_cache import stamp

    texts = hash(tuple(c.model_dump_json(exclude={"covers"}) for c in courses))
    keys = {c.code: (str(path), standard.code, texts, c.code, c.items_for(standard.code))
            for c in courses}  # fmt: skip
    known = {code: _RANKED.get(key) for code, key in keys.items()}
    found = {code: kept[1] for code, kept in known.items() if kept and kept[0] is standard}
    stale = {code for code in keys if code not in found}
    if stale:
        library = workspace.standards()
        _std, ranked = suggest(library, path, standard.code, top=3,
                               context=workspace.context(), courses=stale)  # fmt: skip
        fresh = {code: [s for s in ranked if s.course == code] for code in stale}
        found |= fresh
        if stamp(path) == read:  # else shown, not kept: the file changed again
            if len(_RANKED) > 10_000:
                _RANKED.clear()
            for code, supports in fresh.items():
                _RANKED[keys[code]] = (standard, supports)
    return {code: found[code] for code in keys if found[code]}


def matrix(workspace: Workspace, editor: Editor, name: str, code: str) -> dict[str, Any]:
    """What the editor page shows of one catalogue file and one standard."""
    from curriculum.io.file_cache import stamp

    state = editor.state(name)
    when = stamp(state.path)
    read = workspace.read_catalogue(state.path)
    if read.catalogue is None:
        raise DataFileError(workspace.shown("\n".join(read.problems)))
    standard = workspace.standards().standard(code)
    courses = list(read.catalogue.courses)
    found = suggestions(workspace, state.path, standard, courses, when)
    return {"state": state, "courses": courses, "standard": standard, "suggestions": found}


def mapping_index(request: Request) -> Response:
    """The catalogue and standard to edit, and the editor itself when both are chosen."""
    state = web(request)
    workspace = state.workspace
    names = workspace.editable_catalogues()
    loaded = workspace.load()
    codes = sorted(loaded.library.standards) if loaded.library else []
    name = request.query_params.get("catalogue") or (names[0] if names else "")
    code = request.query_params.get("standard") or (codes[0] if codes else "")
    context: dict[str, Any] = {"names": names, "codes": codes, "name": name, "code": code,
                               "problems": loaded.problems}  # fmt: skip
    filters = {k: request.query_params.get(k, "")[:20] for k in ("duty", "task", "kind")}
    if name and code and loaded.library is not None:
        context |= matrix(workspace, state.editor, name, code)
        context["items"] = columns(context["standard"], **filters)
        context["history"] = context["state"].history[-20:][::-1]
    return render(request, "mapping.html", filters=filters, **context)


def _edit_from(form: dict[str, str]) -> Edit:
    """The edit a form names: ``cell`` is ``claim COURSE ITEM``, ``unclaim COURSE ITEM``
    or ``level COURSE`` (with ``level`` or ``level-COURSE``)."""
    parts = form.get("cell", "").split()
    standard = form.get("standard", "")
    if len(parts) == 3 and parts[0] in ("claim", "unclaim"):
        return Edit(parts[0], parts[1], standard, parts[2])
    if len(parts) == 2 and parts[0] == "level":
        text = form.get("level") or form.get(f"level-{parts[1]}", "")
        level = None
        if text:
            try:
                level = float(text)
            except ValueError:
                raise UsageError.keyed("web.err.level_not_a_number", text=repr(text[:20])) from None
            if not 0 <= level <= 100:
                raise UsageError.keyed("web.err.level_out_of_range", text=repr(text[:20]))
        return Edit("level", parts[1], standard, level=level)
    raise UsageError.keyed("web.err.no_edit")


def _check_codes(workspace: Workspace, edit: Edit) -> None:
    """Refuse an edit naming a standard or an item the workspace does not define."""
    standard = workspace.standards().standard(edit.standard)
    if edit.op != "level" and edit.item not in {i.code for i in standard.items}:
        raise UsageError.keyed("web.err.no_item", standard=standard.code, item=edit.item[:40])


def describe(applied: Applied, t: Callable[..., str]) -> str:
    """One line saying what an edit did."""
    e = applied.edit
    if e.op == "level":
        return t("map.setlevel", course=e.course, level="" if e.level is None else f"{e.level:g}")
    return t(f"map.{e.op}", course=e.course, item=e.item)


def _answer(request: Request, form: dict[str, str], applied: Applied | None, error: str,
            status: int) -> Response:  # fmt: skip
    """JSON for the page's script (with every edit saved since the version the page
    showed, for it to redraw); a redirect back to the editor for a plain form."""
    workspace = web(request).workspace
    t = translator(lang_of(request))
    editor = web(request).editor
    name = form.get("catalogue", "")
    if "application/json" in request.headers.get("accept", ""):
        base = int(form.get("version", "0") or 0)
        changes = editor.changes_since(name, base) if applied else []
        return JSONResponse(
            {
                "ok": applied is not None,
                "version": applied.version if applied else editor.state(name).version,
                "message": describe(applied, t) if applied else error,
                "before": applied.before if applied else None,
                "changes": [vars(e) for e in changes],
                "problems": list(workspace.load().problems),
            },
            status_code=status,
        )
    keep = {k: form.get(k, "") for k in ("catalogue", "standard", "duty", "task", "kind")}
    return RedirectResponse(f"/mapping?{urlencode(keep)}", 303)


async def mapping_edit(request: Request) -> Response:
    """Claim, unclaim or set a level; refused (409) on a conflict."""

    def edit(form: FormData) -> Response:
        values = {k: field(form, k) for k in form if isinstance(form[k], str)}
        return apply_edit(request, values)

    return await posted(request, edit)


def apply_edit(request: Request, values: dict[str, str]) -> Response:
    """Apply the edit (or undo) a form names and answer it (in a worker thread)."""
    editor = web(request).editor
    t = translator(lang_of(request))
    name = values.get("catalogue", "")
    try:
        base = int(values.get("version", "0"))
    except ValueError:
        raise UsageError.keyed("web.err.version") from None
    edit_id = values.get("edit_id") or values.get("csrf", "")[:8] + str(base) + values.get(
        "cell", ""
    )
    try:
        if values.get("undo"):
            applied = editor.undo(name, edit_id)
        else:
            edit = _edit_from(values)
            _check_codes(web(request).workspace, edit)
            applied = editor.edit(name, edit, base, edit_id)
    except Conflict as exc:
        key = "map.conflict" if exc.kind == "file" else "map.cell_conflict"
        return _answer(request, values, None, t(key, file=name), 409)
    except CurriculumError as exc:
        text = t("map.nothing_to_undo") if str(exc) == "nothing to undo" else said(exc)
        return _answer(request, values, None, web(request).workspace.shown(text), 400)
    return _answer(request, values, applied, "", 200)


def _import(workspace: Workspace, path: Any) -> str:
    """Read an uploaded catalogue or template with the CLI's reader; save it as YAML in
    ``courses/`` when it loads, and with the workspace's other files."""
    from curriculum.api import load_library
    from curriculum.io.loaders import read_catalogue
    from curriculum.io.writers import catalogue_to_yaml, write_atomic

    try:
        read = read_catalogue(path)
        if read.problems or read.catalogue is None:
            if not read.problems:
                raise DataFileError.keyed("web.err.no_catalogue", path=path.name)
            raise DataFileError("\n".join(read.problems))
        load_library(workspace.paths("standards"), [*workspace.paths("courses"), path])
    except CurriculumError as exc:
        raise DataFileError(workspace.shown(shown(said(exc), path))) from None
    target = free_name(workspace.folder / "courses", path.with_suffix(".yaml").name)
    write_atomic(target, catalogue_to_yaml(read.catalogue))
    return workspace.relative(target)


async def mapping_import(request: Request) -> Response:
    """Import a catalogue or template spreadsheet as a new YAML catalogue."""

    def store(form: FormData) -> Response:
        with received(form, "file", IMPORT_SUFFIXES) as path:
            name = _import(web(request).workspace, path)
        return RedirectResponse(f"/mapping?catalogue={quote(name)}", 303)

    return await posted(request, store)


def mapping_export(request: Request) -> Response:
    """A catalogue as YAML, CSV or XLSX."""
    workspace = web(request).workspace
    name = request.query_params.get("catalogue", "")
    path = workspace.resolve(name, workspace.editable_catalogues())
    fmt = request.query_params.get("format", "yaml")
    data, media = export_catalogue(path, fmt)
    return Response(data, media_type=media, headers=attachment(f"{path.stem}.{fmt}"))


ROUTES = [
    Route("/mapping", mapping_index),
    Route("/mapping/edit", mapping_edit, methods=["POST"]),
    Route("/mapping/import", mapping_import, methods=["POST"]),
    Route("/mapping/export", mapping_export),
]
