"""The long catalogue template: one row per K and S item of a standard, for the
provider to fill in the codes of the courses teaching it (the layout is read by
:mod:`curriculum.io.long_catalogue`). Used for large standards, whose wide
template (one column per item) would have too many columns.
"""

from __future__ import annotations

from curriculum.i18n import Text, resolve_lang
from curriculum.io.catalogue_rows import CATALOGUE_SHEET
from curriculum.io.template import (
    FIXED,
    _cell,
    _drop_down,
    _level_choices,
    _t,
    csv_text,
    template_items,
)
from curriculum.io.xlsx_writer import bold_row, new_workbook, workbook_bytes
from curriculum.model.standard import Standard
from curriculum.numbers import fmt_level

__all__ = ["WIDE_LIMIT", "long_template"]

WIDE_LIMIT = 200
"""Above this many K and S items, ``courses template --standard`` writes the long
layout unless ``--layout wide`` is asked for."""


def long_template(standard: Standard, fmt: str) -> str | bytes:
    """The long template of one standard as CSV text or XLSX bytes: the header, then
    one row per K and S item (``item`` and ``item_name`` filled, the course columns
    empty); in XLSX also a level drop-down and an instructions sheet. Texts are in
    the standard's language.

    Raises
    ------
    ValueError
        For a format other than ``csv`` or ``xlsx``.
    """
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"unknown template format {fmt!r} (csv or xlsx)")
    lang = resolve_lang(None, [standard.language])
    t = Text(lang)
    header = [_t(lang, f"col.{name}") for name in FIXED]
    header += [t("template.long.col.item"), t("template.long.col.item_name")]
    space = " " if lang == "en" else ""
    rows = []
    for item, level in template_items(standard):
        name = item.name
        if level is not None:
            name += space + _t(lang, "required_level", level=fmt_level(level))
        rows.append(["", "", "", "", "", _cell(f"{standard.code}:{item.code}"), _cell(name)])
    if fmt == "csv":
        return csv_text([header, *rows])
    return _long_xlsx(standard, lang, header, rows)


def _long_xlsx(standard: Standard, lang: str, header: list[str], rows: list[list[str]]) -> bytes:
    t = Text(lang)
    book = new_workbook()
    sheet = book.active
    sheet.title = CATALOGUE_SHEET
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    bold_row(sheet)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFG", (12, 30, 8, 8, 8, 24, 50), strict=True):
        sheet.column_dimensions[column].width = width
    low, high = standard.level_scale
    choices = [fmt_level(n) for n in _level_choices(low, high)]
    _drop_down(sheet, choices, f"E2:E{len(rows) + 1}")
    help_sheet = book.create_sheet(_t(lang, "sheet.instructions"))
    help_sheet.append([_t(lang, "title", code=standard.code, name=standard.name)])
    bold_row(help_sheet)
    for key in ("how", "course", "more", "codes"):
        help_sheet.append([t(f"template.long.{key}")])
    help_sheet.column_dimensions["A"].width = 120
    return workbook_bytes(book)
