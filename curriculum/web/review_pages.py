"""Review: pick or upload a programme, the matrix heat map and findings, a comparison of
providers, the reviewer's decision and notes (the review record) and the report."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from curriculum.errors import CurriculumError, DataFileError, UsageError
from curriculum.formats import REVIEW_FORMATS
from curriculum.web.base import attachment, field, lang_of, posted, render, said, web
from curriculum.web.uploads import free_name, received, shown
from curriculum.web.workspace import PROGRAMME_SUFFIXES, NotInWorkspace, Workspace

DECISIONS = ("approved", "conditional", "rejected")
"""The decisions the form offers, among those the review reports name."""
EXTENSIONS = {"json": "json", "html": "html", "csv": "csv", "markdown": "md", "table": "txt",
              "xlsx": "xlsx"}  # fmt: skip
MEDIA = {"json": "application/json", "html": "text/html", "csv": "text/csv",
         "md": "text/markdown", "txt": "text/plain",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip


def as_given(workspace: Workspace, path: Path) -> Path:
    """A workspace file as the CLI run in the folder would name it (relative), so that
    the report's provenance is what ``review verify`` finds from the folder."""
    if Path.cwd().resolve() == workspace.folder:
        return path.relative_to(workspace.folder)
    return path


def record_path(workspace: Workspace, programme: str) -> Path:
    """Where the review record of a programme is kept: ``reviews/STEM.record.yaml``."""
    stem = programme.replace("/", "__").rsplit(".", 1)[0]
    return workspace.folder / "reviews" / f"{stem}.record.yaml"


def review_of(workspace: Workspace, programme: str, lang: str) -> Any:
    """The review of a workspace programme with its record, as ``curriculum review
    PROGRAMME --record RECORD`` computes it (:func:`curriculum.api.review.run_review`)."""
    from curriculum.api.review import run_review

    library = workspace.library()
    path = as_given(workspace, workspace.resolve(programme, workspace.programmes()))
    record = record_path(workspace, programme)
    record_given = as_given(workspace, record) if record.is_file() else None
    return run_review(library, path, lang=lang, record=record_given, context=workspace.context())


def review_index(request: Request) -> Response:
    """The programmes to review or compare, and the upload form."""
    return render(request, "review.html", programmes=web(request).workspace.programmes())


def _heat(row: Any, top: float) -> dict[str, str]:
    """The heat-map class of each cell of a matrix row (by hours, ``low`` below level)."""
    classes = {}
    for course, cell in row.cells.items():
        if cell.hours is None:
            classes[course] = "heat-p"
        elif not cell.at_level:
            classes[course] = "heat-low"
        else:
            classes[course] = f"heat-{min(4, 1 + int(3 * float(cell.hours) / top))}"
    return classes


def review_show(request: Request) -> Response:
    """One programme's review: summary, heat map, findings with the record's form
    (headings, verdict, cells and labels as the review reports write them)."""
    from curriculum.report.review import labels

    workspace = web(request).workspace
    programme = request.query_params.get("programme", "")
    review = review_of(workspace, programme, lang_of(request))
    top = max((float(c.hours or 0) for r in review.rows for c in r.cells.values()), default=1)
    record = review.record
    notes = {}
    if record is not None:
        notes = {(n.code, n.item, n.course): n.note for n in record.notes}
    title, heading = labels.heading_pairs(review)
    return render(
        request,
        "review_show.html",
        programme=programme,
        quoted=quote(programme),
        review=review,
        title=title,
        heading=heading,
        result=labels.result_pair(review),
        matrix_headers=labels.matrix_headers(review),
        matrix=[(row, labels.matrix_row(review, row)) for row in review.rows],
        finding_headers=labels.finding_headers(review)[:5],
        findings=labels.finding_rows(review),
        heat={row.code: _heat(row, top or 1) for row in review.rows},
        record=record,
        notes=notes,
        decisions=[(d, labels.decision_label(review, d)) for d in DECISIONS],
        formats=EXTENSIONS,
        today=dt.date.today().isoformat(),
    )


def record_data(form: dict[str, str], findings: list[Any]) -> dict[str, Any]:
    """The review record the form describes (notes keyed by finding, empty ones left out)."""
    from curriculum.io.source import validate
    from curriculum.reviewing.record import ReviewRecord

    notes = []
    for n, finding in enumerate(findings):
        note = form.get(f"note-{n}", "")
        if note:
            entry = {"code": finding.code, "item": finding.item, "course": finding.course}
            notes.append({k: v for k, v in entry.items() if v is not None} | {"note": note})
    decision = form.get("decision", "")
    data = {
        "reviewer": form.get("reviewer", ""),
        "organisation": form.get("organisation") or None,
        "date": form.get("date") or None,
        "decision": decision if decision in DECISIONS else None,
        "notes": notes,
    }
    data = {k: v for k, v in data.items() if v not in (None, [])}
    if not data.get("reviewer"):
        raise UsageError.keyed("web.err.reviewer")
    validate(ReviewRecord, data, "review record")
    return data


async def review_record(request: Request) -> Response:
    """Save the reviewer's decision and notes as the programme's review record."""
    return await posted(request, lambda form: save_record(request, form))


def save_record(request: Request, form: FormData) -> Response:
    """Write the review record a form describes (in a worker thread)."""
    from curriculum.io.writers import write_atomic

    workspace = web(request).workspace
    programme = field(form, "programme")
    review = review_of(workspace, programme, "en")
    values = {k: field(form, k)[:4000] for k in form if isinstance(form[k], str)}
    data = record_data(values, list(review.findings))
    target = record_path(workspace, programme)
    target.parent.mkdir(exist_ok=True)
    write_atomic(target, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return RedirectResponse(f"/review/show?programme={quote(programme)}&saved=1", 303)


def review_report(request: Request) -> Response:
    """The review report in one format (JSON: the signed report ``review verify`` reads)."""
    from curriculum.report.review.formats import render_review

    workspace = web(request).workspace
    programme = request.query_params.get("programme", "")
    fmt = request.query_params.get("format", "json")
    if fmt not in REVIEW_FORMATS:
        raise UsageError.keyed("web.err.review_format", fmt=fmt[:20])
    review = review_of(workspace, programme, lang_of(request))
    data = render_review(review, fmt)
    if fmt == "csv":
        data = "\ufeff" + str(data)
    ext = EXTENSIONS[fmt]
    name = Path(programme).stem + f".review.{ext}"
    media = MEDIA[ext] + ("" if isinstance(data, bytes) else "; charset=utf-8")
    return Response(data, media_type=media, headers=attachment(name))


def _store_upload(workspace: Workspace, path: Path) -> str:
    """Load an uploaded programme with the CLI's loader; copy it into
    ``programmes/`` when it loads. Its name in the workspace."""
    from curriculum import load_programme

    try:
        load_programme(path)
    except CurriculumError as exc:
        raise DataFileError(shown(said(exc), path)) from None
    target = free_name(workspace.folder / "programmes", path.name)
    shutil.copyfile(path, target)
    return workspace.relative(target)


async def review_upload(request: Request) -> Response:
    """Upload a programme (parsed by the hardened loader) and review it."""

    def store(form: FormData) -> Response:
        with received(form, "file", PROGRAMME_SUFFIXES) as path:
            name = _store_upload(web(request).workspace, path)
        return RedirectResponse(f"/review/show?programme={quote(name)}", 303)

    return await posted(request, store)


def confined_inputs(workspace: Workspace, report: Path) -> None:
    """Refuse a report whose provenance names a file outside the workspace (``verify``
    reads every input it names): each input must be a file of the folder, or a
    shipped file the workspace reads.

    Raises
    ------
    NotInWorkspace
        Naming the first input that is not.
    """
    import json

    from curriculum.io.library import PACKAGE_DATA
    from curriculum.io.provenance import input_path

    try:
        data = json.loads(report.read_bytes().decode("utf-8-sig"))
        inputs = data["provenance"]["inputs"]
        names = [i["path"] for i in inputs if isinstance(i["path"], str)]
    except (ValueError, RecursionError, TypeError, KeyError):
        return  # not a review report: verify says so, reading nothing
    for name in names:
        path = input_path(name)
        full = (path if path.is_absolute() else workspace.folder / path).resolve()
        if not any(root == full or root in full.parents for root in
                   (workspace.folder, PACKAGE_DATA)):  # fmt: skip
            raise NotInWorkspace(f"{name[:200]}: not a file of this workspace")


async def review_verify(request: Request) -> Response:
    """Check an uploaded signed report against the workspace's files, as ``curriculum
    review verify REPORT`` run in the folder does (:func:`curriculum.api.review.verify`)."""
    from curriculum.api.review import verify

    def check(form: FormData) -> Response:
        workspace = web(request).workspace
        with received(form, "file", (".json",)) as path:
            confined_inputs(workspace, path)
            try:
                result = verify(path)
            except CurriculumError as exc:
                raise DataFileError(shown(said(exc), path)) from None
            name = path.name
        return render(request, "review_verify.html", name=name, result=result)

    return await posted(request, check)


def review_compare(request: Request) -> Response:
    """Several programmes for one standard side by side."""
    from curriculum.api.review import compare
    from curriculum.report.review.compare import matrix_rows, programme_rows

    workspace = web(request).workspace
    names = request.query_params.getlist("programme")
    if len(names) < 2:
        raise UsageError.keyed("web.err.compare_two")
    paths = [as_given(workspace, workspace.resolve(n, workspace.programmes())) for n in names]
    result = compare(workspace.library(), paths, lang=lang_of(request))
    return render(
        request,
        "review_compare.html",
        summary=programme_rows(result),
        matrix=matrix_rows(result),
        standard=result.standard,
    )


ROUTES = [
    Route("/review", review_index),
    Route("/review/show", review_show),
    Route("/review/record", review_record, methods=["POST"]),
    Route("/review/report", review_report),
    Route("/review/upload", review_upload, methods=["POST"]),
    Route("/review/compare", review_compare),
    Route("/review/verify", review_verify, methods=["POST"]),
]
