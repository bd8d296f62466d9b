"""dixian (底线): check women workers' special collective contracts (女职工权益保护专项集体合同)
against the legal floors in force for their region and dates.

    import dixian
    report = dixian.check("contract.yaml")          # a path, or the YAML text itself
    print(report["findings"][0]["message"])

A report is exactly the JSON `dixian check --format json` prints, as Python objects. Contracts are
YAML, or .docx/.txt documents (told apart by the file name). The work is done in Rust with the GIL
released; `check_batch` checks many contracts in parallel.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _dixian
from ._dixian import Rules, __version__

__all__ = [
    "ContractError",
    "Report",
    "Rules",
    "RulesError",
    "check",
    "check_batch",
    "import_document",
    "letter",
    "regions",
    "rules_in_force",
    "stats",
    "__version__",
]

DEFAULT_FILE = "合同.yaml"


class ContractError(ValueError):
    """A contract (or an option) that cannot be used. ``errors`` lists every problem found, each a
    dict {file, line, column, message} (line and column 1-based; 0 for an option)."""

    def __init__(self, errors: List[Dict[str, Any]]):
        self.errors = errors
        super().__init__("\n".join(_located(e) for e in errors))


class RulesError(ValueError):
    """Rule files that cannot be loaded; ``errors`` as for :class:`ContractError`."""

    def __init__(self, errors: List[Dict[str, Any]]):
        self.errors = errors
        super().__init__("\n".join(_located(e) for e in errors))


def _located(e: Dict[str, Any]) -> str:
    return f"{e['file']}:{e['line']}:{e['column']}: {e['message']}"


class Report(dict):
    """The report of one contract: a dict, exactly the CLI's JSON. It remembers the contract it
    came from, so that :func:`letter` can draft the letter for it."""

    _contract: Tuple[str, Optional[bytes]]
    _options: Dict[str, Any]


Contract = Union[str, bytes, "os.PathLike[str]"]


def _input(contract: Contract, filename: Optional[str] = None) -> Tuple[str, Optional[bytes]]:
    """(name, bytes): bytes None means “read the file at name” (in Rust, with the CLI's checks)."""
    if isinstance(contract, os.PathLike):
        path = os.fspath(contract)
        return (path if isinstance(path, str) else os.fsdecode(path), None)
    if isinstance(contract, bytes):
        return (filename or DEFAULT_FILE, contract)
    if isinstance(contract, str):
        if "\n" not in contract and os.path.isfile(contract):
            return (contract, None)
        return (filename or DEFAULT_FILE, contract.encode("utf-8"))
    raise TypeError(f"a contract is a path, YAML text or bytes, not {type(contract).__name__}")


def _rules(rules: Union[None, Rules, str, "os.PathLike[str]"]) -> Optional[Rules]:
    if rules is None or isinstance(rules, Rules):
        return rules
    return Rules(os.fspath(rules))


def _options(
    region: Optional[str] = None,
    date: Optional[str] = None,
    signed: Optional[str] = None,
    term: Optional[str] = None,
    rules: Union[None, Rules, str, "os.PathLike[str]"] = None,
) -> Dict[str, Any]:
    """What the Rust calls take with a contract: every key, None when not given."""
    return dict(region=region, date=date, signed=signed, term=term, rules=_rules(rules))


def check(
    text_or_path: Contract,
    *,
    region: Optional[str] = None,
    date: Optional[str] = None,
    rules: Union[None, Rules, str, "os.PathLike[str]"] = None,
    filename: Optional[str] = None,
    signed: Optional[str] = None,
    term: Optional[str] = None,
) -> Report:
    """Checks one contract: a path (YAML, .docx or .txt), or YAML text/bytes. ``region`` checks it
    under another region, ``date`` (YYYY-MM-DD) on one day only; ``rules`` is a :class:`Rules` or a
    directory of rule files loaded on top of the built-in ones. For documents, ``signed`` and
    ``term`` (START..END) supply what the text lacks. Raises :class:`ContractError`."""
    source = _input(text_or_path, filename)
    options = _options(region=region, date=date, signed=signed, term=term, rules=rules)
    report = Report(json.loads(_dixian.check(source, options)))
    report._contract = source
    report._options = options
    return report


def check_batch(
    contracts: Iterable[Contract],
    *,
    region: Optional[str] = None,
    date: Optional[str] = None,
    rules: Union[None, Rules, str, "os.PathLike[str]"] = None,
) -> List[Dict[str, Any]]:
    """Checks many contracts in parallel (all cores, the GIL released). Returns one dict per
    contract, in order: its report, or ``{schema_version, file, errors}`` when it cannot be read —
    one bad contract never stops the others. Texts are named 合同-1.yaml, 合同-2.yaml … in order."""
    inputs = [
        _input(c, None if not isinstance(c, (str, bytes)) else f"合同-{i + 1}.yaml")
        for i, c in enumerate(contracts)
    ]
    out = _dixian.check_batch(inputs, _options(region=region, date=date, rules=rules))
    return [json.loads(text) for text in out]


def import_document(
    path_or_bytes: Union[bytes, str, "os.PathLike[str]"],
    *,
    filename: Optional[str] = None,
    region: Optional[str] = None,
    signed: Optional[str] = None,
    term: Optional[str] = None,
    date: Optional[str] = None,
    rules: Union[None, Rules, str, "os.PathLike[str]"] = None,
) -> Dict[str, Any]:
    """Reads a .docx/.txt contract. Returns {file, encoding, yaml, title, region, signed, term,
    notes}: ``yaml`` is the contract form `dixian import` prints, for review (and ``check``).
    Bytes need ``filename`` (its extension says .docx or .txt)."""
    if isinstance(path_or_bytes, bytes):
        if not filename:
            raise TypeError("import_document(bytes) needs filename= (ending in .docx or .txt)")
        source: Tuple[str, Optional[bytes]] = (filename, path_or_bytes)
    else:
        source = (os.fspath(path_or_bytes), None)
    options = _options(region=region, signed=signed, term=term, date=date, rules=rules)
    return json.loads(_dixian.import_document(source, options))


def letter(
    report: Union[Report, Contract],
    kind: Optional[str] = None,
    format: str = "md",
) -> Optional[Union[str, bytes]]:
    """The union's draft letter (提示函, 整改意见书 or 处理建议书; default by the highest severity
    found) for a report returned by :func:`check` — or for a contract given directly. ``format`` is
    ``"md"`` (Markdown, the default) or ``"txt"``, returned as ``str``, or ``"docx"``: the bytes of a
    Word document laid out as an official letter (GB/T 9704), to write to a ``.docx`` file. Returns
    None when there is no finding (no letter is needed). A kind or format not understood raises
    :class:`ContractError`."""
    if isinstance(report, Report):
        source, options = report._contract, dict(report._options)
    elif isinstance(report, dict):
        raise TypeError("letter() needs the report dixian.check returned (it keeps the contract)")
    else:
        source, options = _input(report), _options()
    if not source[0].lower().endswith((".docx", ".txt", ".text")):
        # A YAML contract's letter is drafted from the contract as written.
        if options["region"] or options["date"]:
            raise ValueError("letter() drafts from the contract as written: check it without region/date")
    return _dixian.letter(source, kind, format, options)


def stats(
    paths: Iterable[Union[str, "os.PathLike[str]"]],
    *,
    rules: Union[None, Rules, str, "os.PathLike[str]"] = None,
) -> Dict[str, Any]:
    """Statistics over contract files and directories, as `dixian stats --format json`: unreadable
    files are counted, the rest still checked (in parallel, the GIL released)."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    return json.loads(_dixian.stats([os.fspath(p) for p in paths], rules=_rules(rules)))


def rules_in_force(
    region: str,
    date: Optional[str] = None,
    *,
    rules: Union[None, Rules, str, "os.PathLike[str]"] = None,
) -> Dict[str, Any]:
    """The rules in force in ``region`` on ``date`` (YYYY-MM-DD, default today): {jurisdictions,
    date, rules, notes}. An unknown region or a bad date raises :class:`ContractError`."""
    return json.loads(_dixian.rules_in_force(region, date, rules=_rules(rules)))


def regions(*, rules: Union[None, Rules, str, "os.PathLike[str]"] = None) -> Dict[str, Any]:
    """The regions the rules know: {regions: [{name, parent, names, cities}]}."""
    return json.loads(_dixian.regions(rules=_rules(rules)))
