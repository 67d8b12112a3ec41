"""The message catalogues: gettext files, complete, compiled, read by the standard library."""

from __future__ import annotations

import gettext

import pytest

from curriculum.i18n import LOCALE, Text, english
from curriculum.i18n.build import (
    dict_entries,
    english_forms,
    po_path,
    problems,
    read_catalogue,
)
from curriculum.i18n.po import Message, format_po, mo_bytes, read_po


def test_catalogues_are_complete_compiled_and_every_key_is_used():
    assert problems(LOCALE.parents[1]) == []


def test_the_check_finds_a_stale_mo_and_an_unused_key(tmp_path, monkeypatch):
    from curriculum.i18n import build

    for lang in ("en", "zh_TW"):
        target = tmp_path / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        (target / "curriculum.po").write_bytes(po_path(lang).read_bytes())
        (target / "curriculum.mo").write_bytes(b"")
    monkeypatch.setattr(build, "LOCALE", tmp_path)
    entries = read_catalogue()
    entries["plan.unheard_of"] = build.Entry(("Unheard of",), "")
    build.write_catalogue(entries)
    (tmp_path / "en" / "LC_MESSAGES" / "curriculum.mo").write_bytes(b"stale")
    found = problems(LOCALE.parents[1])
    assert "plan.unheard_of: unused" in found and "plan.unheard_of: no zh-TW translation" in found
    assert any("curriculum.mo: not compiled" in line for line in found)


def test_the_standard_library_reads_the_compiled_catalogues():
    with (po_path("zh_TW").with_suffix(".mo")).open("rb") as file:
        zh = gettext.GNUTranslations(file)
    assert zh.npgettext("n_courses", "{n} course", "{n} courses", 5) == "{n} 門課程"
    assert english("n_courses", 1) == "{n} course" and english("n_courses", 2) == "{n} courses"
    with pytest.raises(KeyError):
        english("no.such.key")


def test_plural_forms_follow_the_count():
    en, zh = Text("en"), Text("zh-TW")
    assert en("n_courses", n=1) == "1 course" and en("n_courses", n=0) == "0 courses"
    assert zh("n_courses", n=1) == "1 門課程" and zh("n_courses", n=7) == "7 門課程"


def test_po_round_trip_reads_what_tools_write(tmp_path):
    text = (
        '# translator comment\n#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: zh_TW\\n"\n'
        '"Plural-Forms: nplurals=1; plural=0;\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#. extracted\nmsgctxt "a.key"\nmsgid ""\n"two "\n"lines"\nmsgstr "兩\\"行\\""\n\n'
        '#~ msgid "obsolete"\n#~ msgstr "廢"\n'
    )
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8")
    messages = read_po(path)
    assert [m.key for m in messages] == ["", "a.key\x04two lines"]
    assert messages[1].msgstr == ['兩"行"'] and messages[1].comments == ["#. extracted"]
    again = tmp_path / "y.po"
    again.write_text(format_po(messages), encoding="utf-8")
    assert [(m.key, m.msgstr) for m in read_po(again)] == [(m.key, m.msgstr) for m in messages]
    mo = tmp_path / "x.mo"
    mo.write_bytes(mo_bytes(messages))
    with mo.open("rb") as file:
        assert gettext.GNUTranslations(file).pgettext("a.key", "two lines") == '兩"行"'
    untranslated = Message("b", [""])
    assert mo_bytes([*messages, untranslated]) == mo_bytes(messages)


def test_old_dictionary_entries_convert_with_plurals():
    source = (
        'X: dict[str, tuple[str, str]] = {"a.b": ("{n} course{s}", "{n} 門課程"),'
        ' "c": ("x", "y"), "d": "not a pair"}\n_MESSAGES = {"GAP": ("gap", "缺口")}\n'
    )
    assert dict_entries(source) == {
        "a.b": ("{n} course{s}", "{n} 門課程"),
        "c": ("x", "y"),
        "finding.GAP": ("gap", "缺口"),
    }
    assert english_forms("{n} course{s}") == ("{n} course", "{n} courses")


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_our_reader_gives_what_the_standard_library_gives(lang):
    """Every message of both catalogues, singular and each plural count, read by
    :class:`curriculum.i18n.mo.Catalogue` as :class:`gettext.GNUTranslations` reads it."""
    from curriculum.i18n.mo import Catalogue

    path = po_path(lang).with_suffix(".mo")
    ours = Catalogue.read(path)
    with path.open("rb") as file:
        theirs = gettext.GNUTranslations(file)
    singular = {k: v for k, v in theirs._catalog.items() if isinstance(k, str)}  # type: ignore[attr-defined]
    plural = {k: v for k, v in theirs._catalog.items() if isinstance(k, tuple)}  # type: ignore[attr-defined]
    assert singular and plural
    for msgid, text in singular.items():
        if msgid:
            context, _, message = msgid.rpartition("\x04")
            assert ours.get(msgid) == text
            if context:
                assert ours.pgettext(context, message) == theirs.pgettext(context, message)
    for msgid, _ in plural:
        context, _, message = msgid.rpartition("\x04")
        for n in (0, 1, 2, 5):
            if context:
                assert ours.npgettext(context, message, "x", n) == theirs.npgettext(
                    context, message, "x", n
                )
            else:
                assert ours.get_plural(msgid, n) == theirs.ngettext(msgid, msgid, n)
    assert ours.pgettext("no.such.key", "Untranslated") == "Untranslated"
    assert ours.npgettext("no.such.key", "one", "many", 2) == "many"
    assert ours.get("no.such.key") is None


def test_a_file_that_is_no_catalogue_is_refused(tmp_path):
    from curriculum.i18n.mo import Catalogue

    (tmp_path / "x.mo").write_bytes(b"not a catalogue at all")
    with pytest.raises(ValueError, match="not a compiled gettext catalogue"):
        Catalogue.read(tmp_path / "x.mo")


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_compiled_originals_are_sorted_for_the_binary_search(lang):
    from curriculum.i18n.mo import Catalogue

    ours = Catalogue.read(po_path(lang).with_suffix(".mo"))
    originals = [ours.original(i) for i in range(len(ours))]
    assert len(originals) > 100 and originals == sorted(originals)
    assert len(set(originals)) == len(originals)
