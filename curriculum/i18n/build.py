"""Build the message catalogues: ``python -m curriculum.i18n.build COMMAND``.

The catalogues are two gettext files under ``curriculum/i18n/locale/``:

- ``en/LC_MESSAGES/curriculum.po``, the source: ``msgid`` is the message key
  (``plan.total``), ``msgstr`` its English text (two forms where English has a
  plural: ``{n} course`` / ``{n} courses``);
- ``zh_TW/LC_MESSAGES/curriculum.po``, the translation, as every translator's tool
  reads it: ``msgctxt`` is the key, ``msgid`` the English text, ``msgstr`` the zh-TW
  text. When the English changes, ``check`` reports the entry as stale.

Commands:

- ``compile``: write the ``.mo`` next to each ``.po`` (the run time reads only these);
- ``check``: exit 1 when a ``.mo`` is not the compilation of its ``.po``, when the
  zh-TW file does not translate the English of every key, or when a key is missing
  or unused in the code;
- ``import REF [--base BASE]``: add the ``(English, zh-TW)`` dictionary entries of
  the modules the catalogue used to be written in (``curriculum/i18n/*.py``,
  ``curriculum/reviewing/messages.py``) as they are in git revision ``REF`` (a branch
  that still adds keys to them), then compile. Entries new since ``BASE`` (the last
  commit with the dictionaries) are added, entries changed since ``BASE`` replace
  the catalogue's (the keys are listed when the catalogue had changed them too).
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from curriculum.i18n.po import Message, format_po, mo_bytes, read_po

LOCALE = Path(__file__).parent / "locale"
MODULE = "curriculum.i18n.build"
DOMAIN = "curriculum"
BASE = "4032578"
"""The last commit whose catalogue was Python dictionaries."""

DICT_FILES = (
    "curriculum/i18n/catalogue.py",
    "curriculum/i18n/review.py",
    "curriculum/i18n/schedule.py",
    "curriculum/i18n/team_calendar.py",
    "curriculum/i18n/team_frontier.py",
    "curriculum/i18n/template.py",
    "curriculum/reviewing/messages.py",
)
PREFIXES = {"_MESSAGES": "finding.", "_CHANGES": "change."}
"""Dictionaries whose keys took a prefix in the catalogue."""

HEADERS = {
    "en": "Language: en\nPlural-Forms: nplurals=2; plural=(n != 1);\n",
    "zh_TW": "Language: zh_TW\nPlural-Forms: nplurals=1; plural=0;\n",
}


@dataclass(frozen=True)
class Entry:
    """A message: its English (one form, or singular and plural) and its zh-TW text."""

    en: tuple[str, ...]
    zh: str


def po_path(lang: str) -> Path:
    """The ``.po`` of ``lang`` (``en`` or ``zh_TW``)."""
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _header(lang: str) -> Message:
    text = (
        f"Project-Id-Version: curriculum\n{HEADERS[lang]}"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: 8bit\n"
    )
    return Message("", [text])


def read_catalogue() -> dict[str, Entry]:
    """Every message by key, from the two ``.po`` files."""
    if not po_path("en").exists():
        return {}
    english = {m.msgid: tuple(m.msgstr) for m in read_po(po_path("en")) if m.msgid}
    chinese = {m.msgctxt: m for m in read_po(po_path("zh_TW")) if m.msgctxt is not None}
    out = {}
    for key, en in english.items():
        zh = chinese.get(key)
        out[key] = Entry(en, zh.msgstr[0] if zh is not None else "")
    return out


def write_catalogue(entries: dict[str, Entry]) -> None:
    """Write both ``.po`` files (keys in order) and compile them."""
    en, zh = [_header("en")], [_header("zh_TW")]
    for key in sorted(entries):
        entry = entries[key]
        plural = key if len(entry.en) > 1 else None
        en.append(Message(key, list(entry.en), None, plural))
        forms = entry.en[1] if len(entry.en) > 1 else None
        zh.append(Message(entry.en[0], [entry.zh], key, forms))
    for lang, messages in (("en", en), ("zh_TW", zh)):
        po_path(lang).parent.mkdir(parents=True, exist_ok=True)
        po_path(lang).write_text(format_po(messages), encoding="utf-8")
    compile_all()


def compile_all() -> None:
    """Write each ``.mo`` from its ``.po``."""
    for lang in HEADERS:
        po_path(lang).with_suffix(".mo").write_bytes(mo_bytes(read_po(po_path(lang))))


def english_forms(text: str) -> tuple[str, ...]:
    """The old ``{s}`` plural trick as two forms: ``{n} course{s}`` → singular, plural."""
    if "{s}" not in text:
        return (text,)
    return (text.replace("{s}", ""), text.replace("{s}", "s"))


def dict_entries(source: str) -> dict[str, tuple[str, str]]:
    """The ``key: (English, zh-TW)`` entries of the dictionaries in Python ``source``."""
    out: dict[str, tuple[str, str]] = {}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Assign | ast.AnnAssign) or not isinstance(node.value, ast.Dict):
            continue
        target = node.targets[0] if isinstance(node, ast.Assign) else node.target
        prefix = PREFIXES.get(target.id, "") if isinstance(target, ast.Name) else ""
        for key, value in zip(node.value.keys, node.value.values, strict=True):
            if not isinstance(key, ast.Constant) or not isinstance(value, ast.Tuple):
                continue
            try:
                pair = ast.literal_eval(value)
            except ValueError:
                continue
            if len(pair) == 2 and all(isinstance(p, str) for p in pair):
                out[prefix + str(key.value)] = pair
    return out


def _git_show(ref: str, path: str) -> str:
    done = subprocess.run(
        ["git", "show", f"{ref}:{path}"], capture_output=True, text=True, check=False
    )
    return done.stdout if done.returncode == 0 else ""


def _dict_files(ref: str) -> list[str]:
    listed = subprocess.run(
        ["git", "ls-tree", "--name-only", ref, "curriculum/i18n/"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return sorted({*DICT_FILES, *(p for p in listed if p.endswith(".py"))})


def import_dicts(ref: str, base: str = BASE) -> list[str]:
    """Merge the dictionary entries of revision ``ref`` into the catalogue.

    Returns the lines of a report: keys added, keys changed, and keys both sides changed.
    """
    entries = read_catalogue()
    theirs: dict[str, tuple[str, str]] = {}
    before: dict[str, tuple[str, str]] = {}
    for path in _dict_files(ref):
        theirs |= dict_entries(_git_show(ref, path))
        before |= dict_entries(_git_show(base, path))
    report = []
    for key, (en, zh) in theirs.items():
        if before.get(key) == (en, zh):
            continue
        new = Entry(english_forms(en), zh)
        old = before.get(key)
        mine = entries.get(key)
        if mine is not None and old is not None and mine != Entry(english_forms(old[0]), old[1]):
            report.append(f"both changed, {ref}'s kept: {key}")
        report.append(f"{'changed' if key in entries else 'added'}: {key}")
        entries[key] = new
    write_catalogue(entries)
    return report


PREFIX = re.compile(r"[a-z]\w*\.[\w.]*")


def _message_key(node: ast.Call) -> str | None:
    """The literal key of ``t("key", ...)``, ``message(lang, "key", ...)``."""
    name = node.func.id if isinstance(node.func, ast.Name) else None
    position = {"t": 0, "message": 1, "change_message": 1}.get(name or "")
    if position is None or len(node.args) <= position:
        return None
    arg = node.args[position]
    return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None


WEB = "web."
"""The prefix of the web pages' keys: their code and templates say ``t("nav.home")``."""

TEMPLATE_CALL = re.compile(r"""\bt\(\s*["']([^"']+)["']""")


def code_strings(root: Path) -> tuple[set[str], set[str], set[str]]:
    """The string constants of the code under ``root`` (the build aside), the constant
    heads of its f-strings (``f"team.col.{k}"`` gives ``team.col.``) and the keys
    its message calls name; in the web pages (their modules and templates) each
    with the prefix ``web.``."""
    literals: set[str] = set()
    prefixes: set[str] = set()
    calls: set[str] = set()
    for path in root.rglob("*.py"):
        if path.parent.name == "i18n" and path.name != "__init__.py":
            continue  # the build itself
        pre = WEB if "web" in path.relative_to(root).parts else ""
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(_keyed(pre, node.value))
            elif isinstance(node, ast.Call) and (key := _message_key(node)) is not None:
                calls.add(_keyed(pre, key))
            elif isinstance(node, ast.JoinedStr) and node.values:
                head = node.values[0]
                if isinstance(head, ast.Constant) and isinstance(head.value, str):
                    prefixes.add(_keyed(pre, head.value))
    for path in (root / "web" / "templates").rglob("*.html"):
        for key in TEMPLATE_CALL.findall(path.read_text(encoding="utf-8")):
            # t("plan.frontier." ~ by): a head, as an f-string's
            (prefixes if key.endswith(".") else calls).add(WEB + key)
    return literals, prefixes, calls


def _keyed(prefix: str, text: str) -> str:
    """A web module's string as a key: with the prefix, unless it names the whole key
    already (``UsageError.keyed("web.err.reviewer")``, ``Phrase(f"web.plan.{name}")``)."""
    return text if text.startswith(WEB) else prefix + text


def problems(root: Path) -> list[str]:
    """What ``check`` reports: stale ``.mo``, untranslated or stale zh-TW, unused keys."""
    found = []
    for lang in HEADERS:
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != mo_bytes(read_po(po_path(lang))):
            found.append(f"{mo}: not compiled from its .po (run: python -m {MODULE} compile)")
    entries = read_catalogue()
    chinese = {m.msgctxt: m for m in read_po(po_path("zh_TW")) if m.msgctxt is not None}
    for key, entry in entries.items():
        zh = chinese.get(key)
        if zh is None or not entry.zh:
            found.append(f"{key}: no zh-TW translation")
        elif zh.msgid != entry.en[0] or zh.msgid_plural != (entry.en[1:] or [None])[0]:
            found.append(f"{key}: the zh-TW entry translates an older English text")
    found += [f"{key}: zh-TW only" for key in chinese.keys() - entries.keys()]
    literals, prefixes, calls = code_strings(root)
    used = {s for s in literals | calls if s in entries}
    helps, help_problems = _help_keys(entries)
    used |= helps
    found += help_problems
    used |= {f"{p}{s}" for s in literals for p in PREFIXES.values() if f"{p}{s}" in entries}
    for key in entries.keys() - used:
        if not any(key.startswith(p) for p in prefixes if PREFIX.fullmatch(p)):
            found.append(f"{key}: unused")
    for key in calls - entries.keys():
        if key not in entries and not any(f"{p}{key}" in entries for p in PREFIXES.values()):
            found.append(f"{key}: used in the code, not in the catalogue")
    return sorted(found)


def _help_keys(entries: dict[str, Entry]) -> tuple[set[str], list[str]]:
    """The ``help.*`` keys whose English is a help text of the command line (those are
    used), and a problem for each help text the catalogue does not translate."""
    from curriculum.cli import main as cli
    from curriculum.cli.help_words import help_texts

    texts = help_texts(cli)
    keys = {k: e.en[0] for k, e in entries.items() if k.startswith("help.")}
    known = set(keys.values())
    missing = [
        f"{place}: help text not in the catalogue (a help.* key)"
        for t, place in texts.items()
        if t not in known
    ]
    return {k for k, text in keys.items() if text in texts}, missing


def main(argv: list[str] | None = None) -> int:
    """The command line of the build."""
    parser = argparse.ArgumentParser(prog=f"python -m {MODULE}", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("compile", help="write the .mo files")
    sub.add_parser("check", help="exit 1 unless the catalogues are complete and compiled")
    merge = sub.add_parser("import", help="merge the dictionary entries of a git revision")
    merge.add_argument("ref")
    merge.add_argument("--base", default=BASE)
    args = parser.parse_args(argv)
    if args.command == "compile":
        compile_all()
        return 0
    if args.command == "import":
        for line in import_dicts(args.ref, args.base):
            print(line)
        return 0
    found = problems(Path(__file__).parents[1])
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
