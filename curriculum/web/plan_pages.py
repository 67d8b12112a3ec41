"""Plan: the form, the background solve with its progress and cancel, the result and
its downloads (every format of ``curriculum plan`` and ``curriculum frontier``)."""

from __future__ import annotations

import math
from typing import Any

from markupsafe import Markup
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from curriculum.errors import Phrase, UsageError
from curriculum.web.base import attachment, field, fields, lang_of, posted, render, web
from curriculum.web.chart import frontier_svg
from curriculum.web.jobs import DEFAULT_TIME_LIMIT, MAX_TIME_LIMIT, Job, PlanArgs
from curriculum.web.texts import translator

EXTENSIONS = {"table": "txt", "json": "json", "csv": "csv", "markdown": "md", "programme": "yaml"}
MEDIA = {"txt": "text/plain", "json": "application/json", "csv": "text/csv",
         "md": "text/markdown", "yaml": "application/yaml", "svg": "image/svg+xml"}  # fmt: skip
LIMITS = {"max_hours": 1e9, "max_cost": 1e15, "time_limit": MAX_TIME_LIMIT}


def _number(text: str, name: str, *, positive: bool = False) -> float | None:
    """A form number: empty is ``None``; finite, at least 0 (above with ``positive``)."""
    if not text:
        return None
    label = Phrase(f"web.plan.{name}")  # the form's own label, in the page's language
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise UsageError.keyed("web.err.not_a_number", name=label, text=repr(text[:40])) from None
    if not math.isfinite(value) or value < 0 or (positive and value == 0) or value > LIMITS[name]:
        raise UsageError.keyed(
            "web.err.out_of_range", name=label, text=repr(text[:40]), most=f"{LIMITS[name]:g}"
        )
    return value


def plan_args(form: dict[str, str], targets: list[str]) -> PlanArgs:
    """The request of a plan form, its numbers checked as the CLI checks them."""
    from curriculum.i18n import run_lang
    from curriculum.io.tables import split_list

    limit = _number(form.get("time_limit", ""), "time_limit", positive=True)
    return PlanArgs(
        standard=form.get("standard", ""),
        targets=tuple(targets),
        have=split_list(form.get("have", "")),
        max_hours=_number(form.get("max_hours", ""), "max_hours"),
        max_cost=_number(form.get("max_cost", ""), "max_cost"),
        objective="cost" if form.get("objective") == "cost" else "hours",
        time_limit=limit or DEFAULT_TIME_LIMIT,
        lang=run_lang(),  # the request's (curriculum.web.base.Speaking)
    )


def plan_form(request: Request) -> Response:
    """The plan form for one standard (``?standard=``, else the first)."""
    library = web(request).workspace.library()
    codes = sorted(library.standards)
    if not codes:
        raise UsageError.keyed("web.err.no_standard")
    chosen = request.query_params.get("standard") or codes[0]
    standard = library.standard(chosen)
    return render(
        request, "plan.html", codes=codes, standard=standard, default_limit=DEFAULT_TIME_LIMIT
    )


async def plan_submit(request: Request) -> Response:
    """Queue a plan and go to its page."""

    def submit(form: FormData) -> Response:
        values = {k: field(form, k) for k in ("standard", "have", "max_hours", "max_cost",
                                               "objective", "time_limit")}  # fmt: skip
        args = plan_args(values, fields(form, "targets"))
        web(request).workspace.library().standard(args.standard)  # refused before queueing
        job = web(request).jobs.submit(args)
        return RedirectResponse(f"/plan/jobs/{job.id}", status_code=303)

    return await posted(request, submit)


def _job(request: Request) -> Job:
    return web(request).jobs.get(request.path_params["job"])


def job_page(request: Request) -> Response:
    """The job: progress while it runs, the plan, gaps and frontier when done (every
    line and cell as the plan's reports write them, in the page's language)."""
    from curriculum.report.plan.parts import plan_parts

    job = _job(request)
    lang = lang_of(request)
    context: dict[str, Any] = {"chart": "", "parts": None, "plan_rows": ()}
    if job.state == "done":
        parts = plan_parts(job.plan, lang)
        context = {
            "chart": Markup(frontier_chart(job.frontier, lang)),
            "parts": parts,
            "plan_rows": list(zip(job.plan.courses, parts.rows, strict=True)),
        }
    return render(request, "plan_job.html", job=job, extensions=EXTENSIONS, **context)


def frontier_chart(frontier: Any, lang: str) -> str:
    """The frontier chart with its axes in ``lang`` (hours or money as the reports
    write them)."""
    from curriculum.i18n import Text
    from curriculum.numbers import fmt_money, fmt_num

    t = translator(lang)
    by = frontier.by
    return frontier_svg(
        frontier,
        t(f"plan.frontier.x.{by}"),
        t("plan.frontier.y"),
        fmt_money if by == "cost" else fmt_num,
        lambda top: Text(lang).paren(t("plan.frontier.max", top=top)),
    )


async def job_status(request: Request) -> Response:
    """The job's progress as JSON (polled by the page)."""
    return JSONResponse(_job(request).progress())


async def job_cancel(request: Request) -> Response:
    """Cancel the job and go back to its page."""

    def cancel(form: FormData) -> Response:
        job = web(request).jobs.cancel(request.path_params["job"])
        return RedirectResponse(f"/plan/jobs/{job.id}", status_code=303)

    return await posted(request, cancel)


def download_data(job: Job, what: str, fmt: str, lang: str) -> tuple[str | bytes, str]:
    """A report of a finished job as bytes and its file name (``plan.csv``, ...)."""
    from curriculum.report.plan.frontier import RENDERERS as FRONTIER_RENDERERS
    from curriculum.report.plan.render import RENDERERS as PLAN_RENDERERS

    if job.state != "done":
        raise UsageError.keyed("web.err.plan_not_finished")
    if what not in ("plan", "frontier"):
        raise UsageError.keyed("web.err.no_report", what=what[:20])
    name = f"{what}-{job.args.standard}"
    if what == "frontier" and fmt == "svg":
        return frontier_chart(job.frontier, lang), f"{name}.svg"
    renderers = PLAN_RENDERERS if what == "plan" else FRONTIER_RENDERERS
    extension = {v: k for k, v in EXTENSIONS.items()}
    kind = extension.get(fmt, "")
    if kind not in renderers:
        raise UsageError.keyed("web.err.report_format", fmt=fmt[:20])
    text = renderers[kind](job.plan if what == "plan" else job.frontier, lang)
    if kind == "csv":
        text = "\ufeff" + text
    return text, f"{name}.{fmt}"


def job_download(request: Request) -> Response:
    """A plan or frontier report as a file."""
    what = request.path_params["what"]
    data, name = download_data(_job(request), what, request.path_params["fmt"], lang_of(request))
    media = MEDIA[name.rsplit(".", 1)[1]] + ("; charset=utf-8" if isinstance(data, str) else "")
    return Response(data, media_type=media, headers=attachment(name))


ROUTES = [
    Route("/plan", plan_form, methods=["GET"]),
    Route("/plan", plan_submit, methods=["POST"]),
    Route("/plan/jobs/{job}", job_page),
    Route("/plan/jobs/{job}/status", job_status),
    Route("/plan/jobs/{job}/cancel", job_cancel, methods=["POST"]),
    Route("/plan/jobs/{job}/{what:str}.{fmt:str}", job_download),
]
