"""The Python package against the CLI: same reports, same errors, same letters and statistics.

Needs the `dixian` binary (DIXIAN_BIN, default target/debug/dixian) and runs from any directory."""

import ast
import inspect
import io
import json
import os
import pathlib
import subprocess
import threading
import zipfile

import pytest

import dixian

REPO = pathlib.Path(__file__).resolve().parents[3]
BIN = os.environ.get("DIXIAN_BIN", str(REPO / "target" / "debug" / "dixian"))
HUBEI = "fixtures/hubei-wuhan-logistics.yaml"


@pytest.fixture(autouse=True)
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)


def cli(*args):
    return subprocess.run([BIN, *args], cwd=REPO, capture_output=True, text=True).stdout


def fixtures():
    out = []
    for folder in ["fixtures", "fixtures/compliant", "fixtures/text", "fixtures/batch"]:
        names = sorted(
            n
            for n in os.listdir(REPO / folder)
            if n.endswith((".yaml", ".yml", ".txt", ".docx"))
            and not n.endswith(".expected.yaml")
            and n != "README.txt"
        )
        out += [f"{folder}/{n}" for n in names]
    return out


def test_there_are_fixtures_and_a_cli():
    assert len(fixtures()) > 50
    assert os.path.exists(BIN), f"build the CLI first (cargo build -p dixian-cli): {BIN}"


@pytest.mark.parametrize("path", fixtures())
def test_check_gives_the_clis_report_on_every_fixture(path):
    expected = json.loads(cli("check", "--format", "json", path))
    if "errors" in expected:
        with pytest.raises(dixian.ContractError) as caught:
            dixian.check(path)
        assert caught.value.errors == expected["errors"]
        assert isinstance(caught.value, ValueError)
    else:
        assert dixian.check(path) == expected
        assert dixian.check(pathlib.Path(path)) == expected


def test_check_reads_text_and_bytes_and_takes_options():
    text = (REPO / HUBEI).read_text(encoding="utf-8")
    from_text = dixian.check(text)
    assert from_text["contract"]["file"] == "合同.yaml"
    assert from_text["findings"] == dixian.check(HUBEI)["findings"]
    assert dixian.check(text.encode("utf-8"), filename="a.yaml")["contract"]["file"] == "a.yaml"
    beijing = dixian.check(HUBEI, region="北京", date="2022-01-01")
    assert beijing["contract"]["jurisdictions"] == ["全国", "北京"]
    assert beijing["contract"]["term"] == {"start": "2022-01-01", "end": "2022-01-01"}
    assert beijing["notes"], "the override is noted"
    doc = "fixtures/text/hubei-wuhan-logistics.txt"
    expected = json.loads(
        cli("check", "--format", "json", "--region", "湖北省襄阳市", "--term", "2022-01-01..2023-12-31", doc)
    )
    assert dixian.check(doc, region="湖北省襄阳市", term="2022-01-01..2023-12-31") == expected


def test_every_contract_error_is_located():
    with pytest.raises(dixian.ContractError) as bad_yaml:
        dixian.check("region: [\n", filename="x.yaml")
    e = bad_yaml.value.errors[0]
    assert e["file"] == "x.yaml" and e["line"] >= 1 and e["column"] >= 1 and e["message"]
    assert "x.yaml:" in str(bad_yaml.value)
    with pytest.raises(dixian.ContractError) as region:
        dixian.check(HUBEI, region="火星")
    assert "火星" in region.value.errors[0]["message"]
    with pytest.raises(dixian.ContractError) as date:
        dixian.check(HUBEI, date="yesterday")
    assert date.value.errors[0]["file"] == "options"
    with pytest.raises(dixian.ContractError):
        dixian.check("fixtures/no-such-contract.yaml\n")
    with pytest.raises(dixian.ContractError) as pdf:
        dixian.check(pathlib.Path("合同.pdf"))
    assert ".docx" in pdf.value.errors[0]["message"]
    with pytest.raises(TypeError):
        dixian.check(42)


# Inputs no reader accepts, each as a file name and its bytes: a .docx that is not a ZIP (or is empty),
# binary .txt, an empty .txt, UTF-16 and truncated UTF-8 YAML, YAML that is not a mapping, an alias
# to no anchor, and a contract over the size limit.
BAD_INPUTS = [
    ("not-zip.docx", b"PK\x03\x04 not a zip"),
    ("empty.docx", b""),
    ("binary.txt", b"\x00\x01\x02\x03garbage\x00"),
    ("empty.txt", b""),
    ("utf16.yaml", b"\xff\xfe\xfd"),
    ("truncated.yaml", b"region: \xe6\xb9\n"),
    ("list.yaml", b"- a\n- b\n"),
    ("alias.yaml", b"a: &x [*x]\n"),
    ("huge.yaml", b"x" * (3 * 1024 * 1024)),
]


@pytest.mark.parametrize("name,data", BAD_INPUTS, ids=[n for n, _ in BAD_INPUTS])
def test_bad_input_is_the_clis_located_error_never_a_panic(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    expected = json.loads(cli("check", "--format", "json", str(path)))
    assert expected["errors"], "the CLI refuses it too"
    # A panic crossing the boundary would be pyo3's PanicException, not a ContractError.
    with pytest.raises(dixian.ContractError) as from_path:
        dixian.check(str(path))
    assert from_path.value.errors == expected["errors"]
    with pytest.raises(dixian.ContractError) as from_bytes:
        dixian.check(data, filename=name)
    assert [e["message"] for e in from_bytes.value.errors] == [e["message"] for e in expected["errors"]]
    assert dixian.check_batch([path]) == [expected]
    with pytest.raises(dixian.ContractError):
        dixian.letter(path)
    if name.endswith((".docx", ".txt")):
        with pytest.raises(dixian.ContractError) as imported:
            dixian.import_document(path)
        assert imported.value.errors == expected["errors"]


def test_stats_count_what_cannot_be_read_as_the_cli_does(tmp_path):
    for name, data in BAD_INPUTS:
        (tmp_path / name).write_bytes(data)
    missing = str(tmp_path / "no-such-file.yaml")
    paths = [str(tmp_path), missing, "fixtures/batch"]
    stats = dixian.stats(paths)
    assert stats == json.loads(cli("stats", "--format", "json", *paths))
    assert stats["unreadable"]["count"] >= len(BAD_INPUTS) + 1
    with pytest.raises(dixian.RulesError):
        dixian.stats(paths, rules="fixtures/rules-broken")


def test_rules_load_on_top_of_the_builtin_ones():
    city = dixian.Rules("fixtures/rules-city")
    assert len(city) > len(dixian.Rules())
    expected = json.loads(cli("--rules", "fixtures/rules-city", "check", "--format", "json", HUBEI))
    assert dixian.check(HUBEI, rules=city) == expected
    assert dixian.check(HUBEI, rules="fixtures/rules-city") == expected
    with pytest.raises(dixian.RulesError) as broken:
        dixian.Rules("fixtures/rules-broken")
    assert broken.value.errors[0]["file"].endswith("city.dixian")
    assert broken.value.errors[0]["line"] >= 1
    with pytest.raises(dixian.RulesError):
        dixian.check(HUBEI, rules="fixtures/no-such-rules")


def test_check_batch_checks_in_parallel_in_order_and_goes_on_past_a_bad_file():
    paths = [p for p in fixtures() if p.startswith("fixtures/batch/")]
    expected = json.loads(cli("check", "--format", "json", *paths))
    assert dixian.check_batch(paths) == expected
    mixed = dixian.check_batch([HUBEI, "region: [", (REPO / HUBEI).read_bytes()])
    assert mixed[0] == dixian.check(HUBEI)
    assert mixed[1]["file"] == "合同-2.yaml" and mixed[1]["errors"]
    assert mixed[2]["findings"] == mixed[0]["findings"]
    # Many at once, from several Python threads too (the GIL is released while checking).
    many = [HUBEI] * 200
    results = []
    threads = [threading.Thread(target=lambda: results.append(dixian.check_batch(many))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 3 and all(r == [mixed[0]] * 200 for r in results)


def test_import_document_gives_the_contract_form():
    doc = "fixtures/text/hubei-table.docx"
    imported = dixian.import_document(doc)
    assert imported["yaml"] == cli("import", doc)
    assert imported["encoding"] == "docx"
    assert imported["region"] and imported["term"]["start"]
    from_bytes = dixian.import_document((REPO / doc).read_bytes(), filename="合同.docx")
    assert from_bytes["title"] == imported["title"]
    # The form checks as the document does.
    assert dixian.check(imported["yaml"])["findings"]
    with pytest.raises(TypeError):
        dixian.import_document(b"...")
    with pytest.raises(dixian.ContractError):
        dixian.import_document(HUBEI)
    with pytest.raises(dixian.ContractError) as term:
        dixian.import_document(doc, term="2024-01-01..2023-01-01")
    assert term.value.errors[0]["file"] == "options"


def test_letter_is_the_clis():
    report = dixian.check(HUBEI)
    assert dixian.letter(report) == cli("letter", HUBEI)
    assert dixian.letter(report, kind="提示函") == cli("letter", "--kind", "提示函", HUBEI)
    assert dixian.letter(HUBEI) == cli("letter", HUBEI)
    assert dixian.letter(dixian.check("fixtures/compliant/hubei.yaml")) is None
    with pytest.raises(dixian.ContractError):
        dixian.letter(report, kind="函")
    with pytest.raises(dixian.ContractError) as bad_format:
        dixian.letter(report, format="pdf")
    assert bad_format.value.errors[0]["file"] == "options"
    assert dixian.letter(report, format="txt") == cli("letter", "--format", "txt", HUBEI)
    with pytest.raises(TypeError):
        dixian.letter(dict(report))
    with pytest.raises(ValueError):
        dixian.letter(dixian.check(HUBEI, region="北京"))


def test_letter_as_word_document(tmp_path):
    report = dixian.check(HUBEI)
    docx = dixian.letter(report, format="docx")
    assert isinstance(docx, bytes) and docx.startswith(b"PK")
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        body = z.read("word/document.xml").decode("utf-8")
    # The employer the letter is addressed to, and a figure of the findings (the floor required).
    employer = report["contract"]["title"].removesuffix("女职工权益保护专项集体合同")
    assert employer and employer in body
    figures = [f["expected"] for f in report["findings"] if any(c.isdigit() for c in f["expected"])]
    assert figures and any(f in body for f in figures)
    # The same file as the CLI writes.
    out = tmp_path / "letter.docx"
    subprocess.run([BIN, "letter", "--format", "docx", "-o", str(out), HUBEI], cwd=REPO, check=True)
    assert docx == out.read_bytes()
    assert dixian.letter(dixian.check("fixtures/compliant/hubei.yaml"), format="docx") is None


def test_stats_are_the_clis():
    assert dixian.stats(["fixtures/batch"]) == json.loads(cli("stats", "--format", "json", "fixtures/batch"))
    assert dixian.stats("fixtures/batch")["files"] == dixian.stats(["fixtures/batch"])["files"]


def _parameters(node):
    """(name, kind, has a default) of a stub's parameters, in inspect's terms."""
    a = node.args
    kinds = inspect.Parameter
    positional = [(p, kinds.POSITIONAL_ONLY) for p in a.posonlyargs] + [
        (p, kinds.POSITIONAL_OR_KEYWORD) for p in a.args
    ]
    first_default = len(positional) - len(a.defaults)
    out = [(p.arg, kind, i >= first_default) for i, (p, kind) in enumerate(positional)]
    if a.vararg:
        out.append((a.vararg.arg, kinds.VAR_POSITIONAL, False))
    out += [(p.arg, kinds.KEYWORD_ONLY, d is not None) for p, d in zip(a.kwonlyargs, a.kw_defaults)]
    if a.kwarg:
        out.append((a.kwarg.arg, kinds.VAR_KEYWORD, False))
    return out


def _runtime_parameters(function):
    return [
        (p.name, p.kind, p.default is not inspect.Parameter.empty)
        for p in inspect.signature(function).parameters.values()
    ]


def test_the_type_stubs_ship_with_the_package_and_match_it():
    package = pathlib.Path(dixian.__file__).parent
    assert (package / "py.typed").is_file()
    stubs = ast.parse((package / "__init__.pyi").read_text(encoding="utf-8"))
    functions = {}
    classes = {}
    for node in stubs.body:
        if isinstance(node, ast.FunctionDef):
            functions.setdefault(node.name, []).append(node)
        elif isinstance(node, ast.ClassDef):
            classes[node.name] = node
    public = set(dixian.__all__) - {"__version__"}
    assert public == set(functions) | set(classes)
    for name, overloads in functions.items():
        runtime = _runtime_parameters(getattr(dixian, name))
        if len(overloads) == 1:
            assert _parameters(overloads[0]) == runtime, name
            continue
        # Overloads: each takes parameters the function takes, in its order, and together all of them.
        order = [p[0] for p in runtime]
        for overload in overloads:
            names = [p[0] for p in _parameters(overload)]
            assert names == sorted(names, key=order.index), name
        assert {p[0] for o in overloads for p in _parameters(o)} == set(order), name
    for name, node in classes.items():
        assert isinstance(getattr(dixian, name), type), name
        for method in (n for n in node.body if isinstance(n, ast.FunctionDef)):
            assert hasattr(getattr(dixian, name), method.name), f"{name}.{method.name}"
    assert issubclass(dixian.ContractError, ValueError) and issubclass(dixian.RulesError, ValueError)


def test_rules_in_force_and_regions():
    hubei = dixian.rules_in_force("湖北省武汉市", "2022-01-01")
    assert hubei["jurisdictions"] == ["全国", "湖北"]
    assert any(r["id"] == "湖北.产假" for r in hubei["rules"])
    assert dixian.rules_in_force("湖北")["date"]
    with pytest.raises(dixian.ContractError):
        dixian.rules_in_force("火星", "2022-01-01")
    with pytest.raises(dixian.ContractError):
        dixian.rules_in_force("湖北", "2022-13-01")
    names = [r["name"] for r in dixian.regions()["regions"]]
    assert "全国" in names and "湖北" in names
    city = dixian.Rules("fixtures/rules-city")
    assert len(dixian.rules_in_force("湖北省武汉市", "2024-01-01", rules=city)["rules"]) >= len(
        dixian.rules_in_force("湖北省武汉市", "2024-01-01")["rules"]
    )
