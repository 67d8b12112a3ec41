"""``curriculum standards``: list, show and import standards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from curriculum.cli.common import Data, InputPath, data_options, main, read_context, write_output
from curriculum.cli.emit import Out, emit, lang_option, output_option, output_options
from curriculum.cli.localized import say, spoken_value, warning_line
from curriculum.errors import CurriculumWarning, UnknownReferenceError
from curriculum.formats import IMPORT_FORMATS, LIST_FORMATS, SHOW_FORMATS


@main.group()
def standards() -> None:
    """List, show and import competency standards."""


@standards.command("list")
@data_options
@click.option(
    "--framework",
    "frameworks",
    multiple=True,
    metavar="NAME",
    help="Only standards of this framework: icap, esco, onet, ... (repeatable).",
)
@click.option(
    "--level",
    metavar="N|LOW-HIGH",
    help="Only standards of this level, or of a level in this range (e.g. 3-5).",
)
@click.option(
    "--search",
    "text",
    metavar="TEXT",
    help="Only standards whose code, names, tasks or items contain every word of "
    "TEXT (any language; case and full width ignored).",
)
@output_options(LIST_FORMATS, output=False)
def list_standards(
    data: Data,
    frameworks: tuple[str, ...],
    level: str | None,
    text: str | None,
    out: Out,
) -> None:
    """List the loaded standards, optionally filtered."""
    from curriculum.model.finder import filter_standards, parse_level_range
    from curriculum.report.standard.show import render_standard_list

    try:
        level_range = parse_level_range(level) if level is not None else None
    except ValueError as exc:
        raise click.BadParameter(spoken_value(exc), param_hint="'--level'") from None
    library = data.load(with_catalogues=False)
    chosen = filter_standards(
        library.standards.values(), frameworks=frameworks, level=level_range, text=text
    )

    def render(found: list[Any], lang: str) -> str:
        return render_standard_list(found, out.fmt, lang)

    emit(chosen, render, out, standards=library.standards, about=[s.code for s in chosen])


@standards.command("show")
@click.argument("code")
@click.option(
    "--task",
    "tasks",
    multiple=True,
    metavar="T",
    help="Show this task or duty in detail (repeatable).",
)
@data_options
@output_options(SHOW_FORMATS, output=False, bom=False, wide=True)
def show_standard(code: str, tasks: tuple[str, ...], data: Data, out: Out) -> None:
    """Show a standard: its tasks and items, or the named tasks in detail."""
    from curriculum.report.standard.show import render_standard

    library = data.load(code, with_catalogues=False)
    standard = library.standard(code)
    try:
        chosen = standard.expand_targets(_task_codes(tasks)) if tasks else ()
    except KeyError as exc:
        valid = [d.code for d in standard.duties] + [t.code for t in standard.tasks]
        raise UnknownReferenceError.keyed(
            "error.no_target", valid, standard=standard.code, code=exc.args[0]
        ) from None

    def render(found: Any, lang: str) -> str:
        return render_standard(found, chosen, out.fmt, lang, out.wide)

    emit(standard, render, out, standards=library.standards, about=[standard.code])


@standards.command("import")
@click.argument("file", type=InputPath())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(IMPORT_FORMATS),
    help="Input format. Default: recognised from the file's content.",
)
@click.option(
    "--occupation",
    "occupations",
    multiple=True,
    metavar="OCC",
    help="ESCO occupation (code, URI or name) or O*NET-SOC code to import "
    "(repeatable). Default: every occupation of the file.",
)
@click.option(
    "--include-optional",
    is_flag=True,
    help="ESCO: add the optional skills as a task of their own (T2).",
)
@click.option(
    "--min-importance",
    type=click.FloatRange(1, 5),
    default=3.0,
    show_default=True,
    help="O*NET: keep the skills of at least this importance (1-5).",
)
@output_option
@lang_option
@click.option(
    "-d",
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write one CODE.yaml per standard into this folder (needed for several).",
)
def import_standard(
    file: Path,
    fmt: str | None,
    occupations: tuple[str, ...],
    include_optional: bool,
    min_importance: float,
    output: Path | None,
    lang: str | None,
    output_dir: Path | None,
) -> None:
    """Import a standard from the document you have, as YAML in our format.

    Recognised by content: the text of an iCAP 職能基準 PDF (UTF-8 or
    Big5/CP950), iCAP parser JSON, the ESCO occupation profiles (parquet), O*NET
    Skills.xlsx, or a standard table (CSV or XLSX). Repairs and defects found in
    the source are printed as warnings on standard error. The folder of --output
    (or --output-dir) is created when it does not exist.
    """
    from curriculum.io.importers import ImportOptions, import_standards
    from curriculum.io.writers import dump_standard

    if output is not None and output_dir is not None:
        raise click.UsageError(say("usage.output_or_dir"))
    options = ImportOptions(tuple(occupations), include_optional, min_importance)
    imported = import_standards(file, fmt, options, context=read_context())
    if output_dir is None:
        if len(imported) != 1:
            raise click.UsageError(say("usage.several_standards", path=file, n=len(imported)))
        if output is not None:
            _make_folder(output.parent)
        write_output(dump_standard(imported[0]), output, [file])
        return
    targets = [_target_in(output_dir, standard.code) for standard in imported]
    seen = [t for t in targets if targets.count(t) > 1]
    if seen:
        raise click.UsageError(say("usage.same_target", path=file, target=seen[0]))
    output_dir.mkdir(parents=True, exist_ok=True)
    for standard, target in zip(imported, targets, strict=True):
        if target.exists():
            click.echo(
                warning_line(CurriculumWarning.keyed("import.replacing", path=target)), err=True
            )
        write_output(dump_standard(standard), target, [file], announce=False)
    click.echo(say("import.wrote", n=len(imported), path=output_dir), err=True)


def _make_folder(folder: Path) -> None:
    """Create the folder ``-o`` writes into (``standards/`` in a new project) when it
    does not exist yet, saying so on standard error."""
    if folder.exists() or folder.is_symlink():
        return
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise click.UsageError(say("usage.folder", path=folder, reason=exc.strerror)) from None
    click.echo(say("import.created_folder", path=folder), err=True)


def _target_in(folder: Path, code: str) -> Path:
    """``folder/CODE.yaml``, refusing a code that is not a plain file name or a
    path leaving ``folder`` (``../x``, ``/tmp/x``, a symlink out)."""
    from curriculum.errors import DataFileError

    bad = (
        not code
        or code in (".", "..")
        or code.startswith(".")
        or any(c in code for c in '/\\:*?"<>|')
        or not code.isprintable()
    )
    if bad:
        raise DataFileError.keyed("import.bad_name", code=repr(code))
    target = folder / f"{code}.yaml"
    if folder.exists() and target.resolve().parent != folder.resolve():
        raise DataFileError.keyed("import.outside", path=target, folder=folder)
    return target


FILE_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx")
"""Names that ``standards diff`` reads as files (a missing one is bad data, exit 1)."""


@standards.command("diff")
@click.argument("old")
@click.argument("new")
@data_options
@output_options(["json", "markdown", "table"], output=False, bom=False)
def diff_standards_command(old: str, new: str, data: Data, out: Out) -> None:
    """List what changed from standard OLD to NEW (codes of loaded standards or files):
    items and tasks added, removed, renamed or recoded (old and new names), level
    changes, the K/S sets of each task and reworded indicators (old and new text).
    Warns when OLD and NEW are different occupations."""
    from curriculum.api.standards import diff
    from curriculum.errors import DataFileError
    from curriculum.io.loaders import load_standard
    from curriculum.report.standard.diff import render_diff

    def looks_like_a_file(name: str) -> bool:
        return "/" in name or "\\" in name or Path(name).suffix.lower() in FILE_SUFFIXES

    for name in (old, new):
        if looks_like_a_file(name) and not Path(name).is_file():
            raise DataFileError.keyed("missing_input", path=name)
    library = data.load(with_catalogues=False)
    pair = [
        load_standard(Path(c), context=read_context()) if Path(c).is_file() else library.standard(c)
        for c in (old, new)
    ]
    from curriculum.i18n import Text, resolve_lang

    lang = resolve_lang(out.lang, [s.language for s in pair])
    changes, warning = diff(pair[0], pair[1], lang)
    if warning is not None:
        click.echo(Text(lang)("warning_prefix") + warning, err=True)
    by_code = {str(i): s for i, s in enumerate(pair)}

    def render(found: Any, lang: str) -> str:
        return render_diff(found, out.fmt, lang)

    emit(changes, render, out, standards=by_code, about=by_code)


def _task_codes(tasks: tuple[str, ...]) -> tuple[str, ...]:
    """The codes of ``--task`` (the request module is imported only when some are given)."""
    from curriculum.request import parse_codes

    return parse_codes(tasks, "--task")
