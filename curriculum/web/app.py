"""The ASGI application: routes, error pages and the security middleware."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from curriculum.errors import CurriculumError
from curriculum.web import mapping_pages, plan_pages, review_pages, standard_pages
from curriculum.web.base import Speaking, Web, lang_of, render, templates, web
from curriculum.web.editor import Editor
from curriculum.web.jobs import Jobs, UnknownJob
from curriculum.web.security import Forbidden, Guard
from curriculum.web.workspace import NotInWorkspace, Workspace


def home(request: Request) -> Response:
    """The workspace: its folder, files and the problems ``validate`` would list."""
    workspace = web(request).workspace
    loaded = workspace.load()
    library = loaded.library
    return render(
        request,
        "home.html",
        folder=str(workspace.folder),
        library=library,
        problems=loaded.problems if library is None else (),
        programmes=workspace.programmes(),
        standards_dir=workspace.relative(workspace.data_dir("standards")),
        courses_dir=workspace.relative(workspace.data_dir("courses")),
    )


def _curriculum_error(request: Request, exc: Exception) -> Response:
    status = 404 if isinstance(exc, NotInWorkspace | UnknownJob) else 400
    said = exc.localized(lang_of(request)) if isinstance(exc, CurriculumError) else str(exc)
    lines = web(request).workspace.shown(said).splitlines()
    return render(request, "error.html", status=status, lines=lines)


async def _forbidden(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Forbidden)
    return PlainTextResponse(str(exc), status_code=exc.status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return HTMLResponse(f"{exc.status_code}", status_code=exc.status_code)


def _lifespan(state: Web) -> Any:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        state.jobs.shutdown()

    return lifespan


def create_app(
    folder: Path | str,
    *,
    token: str | None = None,
    chdir: bool = False,
    solvers: int = 1,
) -> Starlette:
    """The workspace application over ``folder``.

    ``token`` (required when listening on anything but loopback) must come with
    every request; ``chdir`` makes the folder the current folder, so that review
    reports name their inputs relative to it (``review verify`` run there finds
    them); ``solvers`` is how many plans are solved at once (each in a process of
    its own, the others wait).
    """
    workspace = Workspace(Path(folder))
    if chdir:
        os.chdir(workspace.folder)
    secret = secrets.token_bytes(32)
    state = Web(workspace, secret, templates(), Jobs(workspace, solvers), Editor(workspace))
    static = Path(__file__).parent / "static"
    routes = [
        Route("/", home),
        *standard_pages.ROUTES,
        *plan_pages.ROUTES,
        *review_pages.ROUTES,
        *mapping_pages.ROUTES,
        Mount("/static", StaticFiles(directory=static), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(Guard, secret=secret, token=token), Middleware(Speaking)],
        exception_handlers={
            CurriculumError: _curriculum_error,
            Forbidden: _forbidden,
            HTTPException: _http_error,
        },
        lifespan=_lifespan(state),
    )
    app.state.web = state
    return app
