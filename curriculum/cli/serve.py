"""``curriculum serve``: the local web workspace over a folder (``curriculum.web``).

The web stack (Starlette, Jinja2, uvicorn) is an optional extra: it is imported
only when the command runs, so that no other command loads it.
"""

from __future__ import annotations

from pathlib import Path

import click

from curriculum.cli.common import main
from curriculum.cli.localized import say

INSTALL_HINT = "hint.web"
"""The catalogue's key of the hint shown when the web extra is missing."""


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@main.command()
@click.argument(
    "folder",
    required=False,
    default=".",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Any address other than loopback requires the token "
    "printed at start (in the URL).",
)
@click.option("--no-browser", is_flag=True, help="Do not open a browser.")
def serve(folder: Path, port: int, host: str, no_browser: bool) -> None:
    """Serve a local web workspace over FOLDER (default: the current folder):
    browse standards, edit catalogue mappings, plan and review in a browser.

    FOLDER holds the files the other commands read: standards/, courses/ and
    programmes (programme*.yaml, or any file under programmes/).
    """
    import importlib.util

    needed = ("starlette", "jinja2", "uvicorn")
    missing = [name for name in needed if importlib.util.find_spec(name) is None]
    if missing or not any(
        importlib.util.find_spec(name) for name in ("python_multipart", "multipart")
    ):
        raise click.ClickException(say(INSTALL_HINT))
    import secrets

    import uvicorn

    from curriculum.web.app import create_app

    token = None if _is_loopback(host) else secrets.token_urlsafe(24)
    app = create_app(folder, token=token, chdir=True)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    click.echo(say("serve.at", path=folder.resolve(), url=url), err=True)
    if not no_browser:
        import threading
        import webbrowser

        threading.Timer(0.8, lambda: webbrowser.open(url)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
