"""The fast YAML path and parallel file loading give exactly what the plain ones give."""

from __future__ import annotations

import pytest
import yaml
from conftest import COURSES, STANDARDS

import curriculum.io.parallel as parallel
from curriculum.errors import DataFileError
from curriculum.io.fastyaml import load_yaml
from curriculum.io.loaders import load_catalogue

SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 1.5\nc: true\nd: ~\ng: '007'\n",
        "i: [1, -2, +3, 0]\nl: .inf\nm: null\nn: ''\no:\n",
        "j: {<<: {x: 1}, y: 2}\n",
        "- &a [1, K01]\n- *a\n",
        "x",
        "",
        "code: ＫＯ１\ncovers: {BAS1499-001v4: [K01, S02]}\nhours: 3.5\n",
        "!!str 12: !!int '3'\n",
    ],
)
def test_same_result_as_pyyaml(text):
    assert load_yaml(text) == yaml.load(text, Loader=SAFE)


def test_yaml_1_1_surprises_stay_text():
    """Where PyYAML follows YAML 1.1, the fast loader keeps the text (issue 11, point 6)."""
    text = "a: 0012\nb: yes\nc: 1:30\nd: 2024-01-01\ne: 0x1F\nf: 1_000\ng: [00, off]\nh: True\n"
    assert load_yaml(text) == {
        "a": "0012",
        "b": "yes",
        "c": "1:30",
        "d": "2024-01-01",
        "e": "0x1F",
        "f": "1_000",
        "g": ["00", "off"],
        "h": True,
    }
    assert yaml.load(text, Loader=SAFE)["a"] == 10  # what PyYAML gives


@pytest.mark.parametrize(
    "path", [COURSES / "example-provider.yaml", STANDARDS / "BAS1499-001v4.yaml"]
)
def test_same_result_on_the_shipped_data(path):
    text = path.read_text(encoding="utf-8")
    assert load_yaml(text) == yaml.load(text, Loader=SAFE)


def test_errors_are_pyyaml_errors():
    with pytest.raises(yaml.YAMLError):
        load_yaml("a: [1, 2\n")
    with pytest.raises(yaml.YAMLError):
        load_yaml("? [1, 2]\n: 3\n")


def test_parallel_loading_keeps_order_and_errors(tmp_path, monkeypatch):
    good = (COURSES / "example-provider.yaml").read_text(encoding="utf-8")
    paths = []
    for n in range(10):
        path = tmp_path / f"c{n}.yaml"
        path.write_text(good.replace("code: ", f"code: X{n}-") if n != 4 else "courses: [", "utf-8")
        paths.append(path)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    pooled = parallel.load_files(load_catalogue, paths)
    alone = [parallel._call(load_catalogue, p) for p in paths]
    assert isinstance(pooled[4], DataFileError) and str(pooled[4]) == str(alone[4])
    assert [c for n, c in enumerate(pooled) if n != 4] == [c for n, c in enumerate(alone) if n != 4]
    assert pooled[0].courses[0].code.startswith("X0-")


@pytest.mark.parametrize(
    "text",
    [
        '{"code": "K01", "hours": 3.5, "n": 12, "x": null, "t": true, "l": []}',
        ' [1, -2, "007", {"a": {"b": ["\\u00e9", "\\/"]}}]',
        '{"covers": {"BAS1499-001v4": ["K01", "S02"]}, "name": "客服"}',
    ],
)
def test_json_is_read_by_the_json_module_with_the_same_result(text, monkeypatch):
    expected = load_yaml(" " + text.lstrip() + "\n# comment: YAML only\n")
    import curriculum.io.fastyaml as fastyaml

    def no_yaml(*args, **kwargs):
        raise AssertionError("a JSON document went to the YAML parser")

    monkeypatch.setattr(fastyaml, "_CachingLoader", no_yaml)
    assert load_yaml(text) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"a": 1, "a": 2}', "given twice"),
        ("[" * 300 + "]" * 300, "nested more than"),
    ],
)
def test_json_that_yaml_refuses_is_refused_the_same_way(text, problem):
    with pytest.raises(yaml.YAMLError, match=problem):
        load_yaml(text)


def test_json_constants_are_read_as_yaml_reads_them():
    assert load_yaml('{"a": NaN}') == {"a": "NaN"}


def test_json_numbers_with_an_exponent_are_numbers():
    assert load_yaml('{"a": 1e3, "b": -2E-1}') == {"a": 1000.0, "b": -0.2}
