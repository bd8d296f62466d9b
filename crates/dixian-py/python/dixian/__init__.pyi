import os
from typing import Any, Dict, Iterable, List, Literal, Optional, Union, overload

__version__: str

Contract = Union[str, bytes, os.PathLike[str]]
RulesArg = Union[None, "Rules", str, os.PathLike[str]]

class ContractError(ValueError):
    errors: List[Dict[str, Any]]
    def __init__(self, errors: List[Dict[str, Any]]) -> None: ...

class RulesError(ValueError):
    errors: List[Dict[str, Any]]
    def __init__(self, errors: List[Dict[str, Any]]) -> None: ...

class Report(Dict[str, Any]): ...

class Rules:
    def __init__(self, dir: Union[None, str, os.PathLike[str]] = None) -> None: ...
    def __len__(self) -> int: ...

def check(
    text_or_path: Contract,
    *,
    region: Optional[str] = None,
    date: Optional[str] = None,
    rules: RulesArg = None,
    filename: Optional[str] = None,
    signed: Optional[str] = None,
    term: Optional[str] = None,
) -> Report: ...
def check_batch(
    contracts: Iterable[Contract],
    *,
    region: Optional[str] = None,
    date: Optional[str] = None,
    rules: RulesArg = None,
) -> List[Dict[str, Any]]: ...
def import_document(
    path_or_bytes: Union[bytes, str, os.PathLike[str]],
    *,
    filename: Optional[str] = None,
    region: Optional[str] = None,
    signed: Optional[str] = None,
    term: Optional[str] = None,
    date: Optional[str] = None,
    rules: RulesArg = None,
) -> Dict[str, Any]: ...
@overload
def letter(
    report: Union[Report, Contract],
    kind: Optional[str] = None,
    format: Literal["md", "txt"] = "md",
) -> Optional[str]: ...
@overload
def letter(
    report: Union[Report, Contract],
    kind: Optional[str],
    format: Literal["docx"],
) -> Optional[bytes]: ...
@overload
def letter(
    report: Union[Report, Contract],
    kind: Optional[str] = None,
    *,
    format: Literal["docx"],
) -> Optional[bytes]: ...
def stats(
    paths: Iterable[Union[str, os.PathLike[str]]],
    *,
    rules: RulesArg = None,
) -> Dict[str, Any]: ...
def rules_in_force(region: str, date: Optional[str] = None, *, rules: RulesArg = None) -> Dict[str, Any]: ...
def regions(*, rules: RulesArg = None) -> Dict[str, Any]: ...
