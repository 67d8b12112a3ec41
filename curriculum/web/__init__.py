"""The local web workspace (``curriculum serve``): standards, mapping editor, plan, review.

An ASGI application (Starlette) with Jinja2 templates, autoescaped, and a few
lines of vanilla JavaScript; nothing is loaded from outside the machine. Every
page calls the same library functions as the command line (:mod:`curriculum`'s
public API), so both give the same answers. Needs ``pip install 'curriculum[web]'``;
nothing outside this package imports it. :func:`curriculum.web.app.create_app`
builds the application; docs/web.md describes it.
"""
