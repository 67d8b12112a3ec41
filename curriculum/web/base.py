"""What every page shares: the application's state, the language, rendering, forms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from curriculum.web.security import MAX_BODY, check_csrf, csrf_token
from curriculum.web.texts import translator

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Receive, Scope, Send

    from curriculum.errors import CurriculumError
    from curriculum.web.editor import Editor
    from curriculum.web.jobs import Jobs
    from curriculum.web.workspace import Workspace

LANG_COOKIE = "curriculum_lang"
NAV = (
    ("/", "nav.home"),
    ("/standards", "nav.standards"),
    ("/mapping", "nav.mapping"),
    ("/plan", "nav.plan"),
    ("/review", "nav.review"),
)


@dataclass
class Web:
    """The application's state: the workspace, the CSRF secret, the templates, the
    solver jobs and the mapping editor."""

    workspace: Workspace
    secret: bytes
    env: jinja2.Environment
    jobs: Jobs
    editor: Editor


def templates() -> jinja2.Environment:
    """The page templates, autoescaped (course titles and every other value are data)."""
    folder = Path(__file__).parent / "templates"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = _number
    return env


def _number(value: Any) -> str:
    """A number as every report writes it (``6``, ``7.5``, ``1,200``); empty for None."""
    from curriculum.numbers import fmt_number

    return "" if value is None else fmt_number(value)


def web(request: Request) -> Web:
    """The state of the application serving ``request``."""
    state: Web = request.app.state.web
    return state


def lang_of(request: Request) -> str:
    """``?lang=`` (kept in a cookie), else the cookie, else the language the workspace's
    standards share (zh-TW for iCAP's; English when they differ), as the reports choose.
    Found once per request (:class:`Speaking` keeps it in the request's state)."""
    known: str | None = request.scope.get("state", {}).get("lang")
    if known:
        return known
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    if not asked:
        asked = web(request).workspace.default_lang()
    return "en" if asked.lower().startswith("en") else "zh-TW"


class Speaking:
    """ASGI middleware: everything a request runs (its loaders' errors and warnings, in
    its own thread or the threads it hands work to) speaks the request's language
    (:func:`lang_of`), whatever language other requests speak at the same time."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from starlette.concurrency import run_in_threadpool

        from curriculum.i18n import speaking

        lang = await run_in_threadpool(lang_of, Request(scope))  # may load the standards
        scope.setdefault("state", {})["lang"] = lang
        with speaking(lang):
            await self.app(scope, receive, send)


def said(exc: CurriculumError) -> str:
    """An error's message in the language of the request being served."""
    from curriculum.i18n import run_lang

    return exc.localized(run_lang())


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page in the request's language, with the CSRF token for its forms."""
    from curriculum.i18n import Text

    lang = lang_of(request)
    state = web(request)
    session = request.scope.get("state", {}).get("session", "")
    other = "en" if lang == "zh-TW" else "zh-TW"
    html = state.env.get_template(template).render(
        t=translator(lang),
        colon=Text(lang).colon,
        sep=Text(lang).sep,
        lang=lang,
        other_lang=other,
        csrf=csrf_token(state.secret, session),
        nav=NAV,
        here=request.url.path,
        query=request.url.query,
        **context,
    )
    response = HTMLResponse(html, status_code=status)
    if "lang" in request.query_params:
        response.set_cookie(LANG_COOKIE, lang, httponly=True, samesite="strict")
    return response


async def read_form(request: Request) -> FormData:
    """The posted form, size-limited, once its CSRF token is checked.

    Raises
    ------
    Forbidden
        Without the session's token (form field ``csrf`` or ``X-CSRF-Token`` header).
    """
    form = await request.form(max_files=2, max_fields=500, max_part_size=MAX_BODY)
    session = request.scope.get("state", {}).get("session", "")
    given = form.get("csrf") or request.headers.get("x-csrf-token")
    check_csrf(web(request).secret, session, given if isinstance(given, str) else None)
    return form


async def posted(request: Request, work: Callable[[FormData], Response]) -> Response:
    """``work(form)`` run in a worker thread once the form is read and its CSRF token
    checked: files, locks and the library are never waited for on the event loop
    (the pages that only read are plain functions, which Starlette runs in threads)."""
    from starlette.concurrency import run_in_threadpool

    form = await read_form(request)
    return await run_in_threadpool(work, form)


def attachment(name: str) -> dict[str, str]:
    """The header that downloads a file as ``name`` (any script: RFC 6266's
    ``filename*``, with a plain ASCII fallback)."""
    from urllib.parse import quote

    plain = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in name)
    return {"content-disposition": f"attachment; filename=\"{plain}\"; "
            f"filename*=UTF-8''{quote(name)}"}  # fmt: skip


def field(form: FormData, name: str, default: str = "") -> str:
    """A text field of a form (an uploaded file in its place counts as empty)."""
    value = form.get(name, default)
    return value.strip() if isinstance(value, str) else default


def fields(form: FormData, name: str) -> list[str]:
    """Every text value of a repeated field."""
    return [v.strip() for v in form.getlist(name) if isinstance(v, str) and v.strip()]
