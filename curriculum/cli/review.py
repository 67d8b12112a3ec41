"""``curriculum review``: judge a provider's programme against a standard."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import click

from curriculum.cli.common import (
    Data,
    InputPath,
    data_options,
    inject,
    main,
    read_context,
)
from curriculum.cli.emit import Out, emit, lang_option, output_options
from curriculum.cli.localized import say
from curriculum.formats import REVIEW_FORMATS
from curriculum.io.outputs import binary_stdout, is_terminal

if TYPE_CHECKING:
    from curriculum import ReviewOptions


class ReviewCommand(click.Command):
    """``review`` with one subcommand, ``review verify REPORT.json``: a first argument
    ``verify`` runs :data:`verify_command` instead of a review."""

    extra_commands: ClassVar[dict[str, click.Command]] = {}

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] in self.extra_commands:
            sub = self.extra_commands[args[0]]
            name = f"{ctx.info_name} {args[0]}"
            ctx.meta["review.sub"] = sub.make_context(name, args[1:], parent=ctx.parent)
            return []
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        sub = ctx.meta.pop("review.sub", None)
        if sub is not None:
            with sub:
                return sub.command.invoke(sub)
        return super().invoke(ctx)


REVIEW_KEYS = (
    *("attitudes", "indicators", "min_courses", "min_hours", "max_items_per_hour"),
    *("strict", "doubtful"),
)
"""The options that make the review's :class:`~curriculum.reviewing.result.ReviewOptions`."""


def _review_options(values: dict[str, Any]) -> ReviewOptions:
    from curriculum import ReviewOptions
    from curriculum.arguments import checked_fields

    options: ReviewOptions = checked_fields(ReviewOptions, **values)
    return options


@main.command(cls=ReviewCommand)
@click.argument(
    "programmes",
    metavar="PROGRAMME...",
    nargs=-1,
    required=True,
    type=InputPath(),
)
@data_options
@click.option("--attitudes", is_flag=True, help="Add the standard's attitudes (A items).")
@click.option("--indicators", is_flag=True, help="Add the behaviour indicators (P) as rows.")
@click.option(
    "--min-courses",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="THIN when fewer courses cover an item.",
)
@click.option(
    "--min-hours",
    type=click.FloatRange(min=0),
    default=0,
    show_default=True,
    help="THIN when fewer hours cover an item (a course's full hours count for each item).",
)
@click.option(
    "--max-items-per-hour",
    type=click.FloatRange(min=0, min_open=True),
    default=2,
    show_default=True,
    help="DENSE when a course claims more items per hour.",
)
@click.option(
    "--against",
    metavar="CODE",
    help="Re-check the programme against this newer version of its standard.",
)
@click.option(
    "--migrate-to",
    metavar="CODE",
    help="Migrate the claims to this newer version (recoded items follow their new code, "
    "removed items are dropped), review against it and list every change.",
)
@click.option(
    "--doubtful",
    is_flag=True,
    help="Flag claims the course's text (title, units, meta description/syllabus) hardly "
    "supports (DOUBTFUL, info).",
)
@click.option(
    "--compare",
    is_flag=True,
    help="Compare several PROGRAMMEs for one standard side by side in one matrix.",
)
@click.option(
    "--record",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="A review record (YAML: reviewer, organisation, date, decision, notes per finding) "
    "to merge into the report; hashed in the provenance.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 3) on warnings too.")
@output_options(REVIEW_FORMATS, wide=True)
@click.pass_context
@inject("options", lambda **values: _review_options(values), REVIEW_KEYS)
def review(
    ctx: click.Context,
    programmes: tuple[Path, ...],
    data: Data,
    options: ReviewOptions,
    against: str | None,
    migrate_to: str | None,
    compare: bool,
    record: Path | None,
    out: Out,
) -> None:
    """Review PROGRAMME (a YAML file) against its standard: coverage matrix, shares
    per task and findings. With --compare, review several programmes for one
    standard and show them side by side. `curriculum review verify REPORT.json`
    re-computes a JSON report from the inputs in its provenance.

    Exit status: 0 when no finding is an error, 3 when the review fails (with
    --strict, warnings fail it too; with --compare, when any programme fails), 1
    for bad data, 2 for usage errors. The report is printed in every case.
    """
    from curriculum.api.review import compare as compare_programmes
    from curriculum.api.review import run_review

    _check_options(programmes, against, migrate_to, compare, record, out)
    library = data.load()
    if compare:
        from curriculum.report.review.compare import render_comparison

        result: Any = compare_programmes(library, programmes, options, lang=out.lang)
        render = lambda found, lang: render_comparison(found, out.fmt, out.wide)  # noqa: E731
    else:
        from curriculum.report.review.formats import render_review

        result = run_review(
            library,
            programmes[0],
            options,
            against=migrate_to or against,
            migrate=migrate_to is not None,
            lang=out.lang,
            record=record,
            context=read_context(),
        )
        render = lambda found, lang: render_review(found, out.fmt, out.wide)  # noqa: E731
    inputs = [*programmes, *library.input_files, *([record] if record else [])]
    emit(result, render, out, inputs)
    if result.failed:
        ctx.exit(3)


def _check_options(
    programmes: tuple[Path, ...],
    against: str | None,
    migrate_to: str | None,
    compare: bool,
    record: Path | None,
    out: Out,
) -> None:
    """Usage errors of ``review``'s option combinations."""
    if len(programmes) > 1 and not compare:
        raise click.UsageError(say("usage.several_programmes"))
    if against and migrate_to and against != migrate_to:
        raise click.UsageError(say("usage.against_migrate"))
    if compare and (record or migrate_to or against):
        raise click.UsageError(say("usage.compare_alone"))
    if out.fmt == "xlsx" and out.output is None and is_terminal(binary_stdout()):
        raise click.UsageError(say("usage.xlsx_output"))


@click.command("verify")
@click.argument("report", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@lang_option
def verify_command(report: Path, lang: str | None) -> None:
    """Re-compute the review in REPORT (a JSON review report) from the inputs its
    provenance names, and say whether the report still matches them.

    Exit status: 0 when it matches, 3 when an input changed or the re-computed
    review differs, 1 when an input is missing or unreadable.
    """
    from curriculum.api.review import verify

    chosen = lang or _report_lang(report)  # before verifying: its errors speak it too
    outcome = verify(report)
    click.echo(outcome.summary(chosen))
    if not outcome.matches:
        click.get_current_context().exit(3)


def _report_lang(report: Path) -> str:
    """The language the review report was written in (``en`` when it does not say)."""
    import json

    from curriculum.i18n import normalize_lang, set_run_lang

    try:
        lang = normalize_lang(str(json.loads(report.read_text(encoding="utf-8"))["language"]))
    except (ValueError, KeyError, TypeError, OSError):
        lang = "en"
    set_run_lang(lang)
    return lang


ReviewCommand.extra_commands["verify"] = verify_command
