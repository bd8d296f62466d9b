//! dixian for Python: a thin layer over the calls the CLI and `dixian serve` make
//! (`dixian_core::api`, `dixian_import::api`). Values cross as JSON text, parsed by the `dixian`
//! package (python/dixian/__init__.py), so a report in Python is exactly what
//! `dixian check --format json` prints. Every refusal is raised as the package's `ContractError` or
//! `RulesError` with its located errors; nothing panics across the boundary, and the
//! GIL is released while contracts are read and checked.
#![forbid(unsafe_code)]

use dixian_core::api::letter::{self as letters, LetterFormat, LetterRequest};
use dixian_core::api::{self, Answer};
use dixian_core::report::Unreadable;
use dixian_core::rules::RuleSet;
use dixian_core::stats::Stats;
use dixian_core::{Diagnostic, LoadError, Report};
use dixian_import::api::{self as import, Given, Refusal};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The package's exception `class_name` (ContractError or RulesError) carrying `errors` as a list of
/// {file, line, column, message} dicts.
fn refused(py: Python<'_>, class_name: &str, errors: &[Diagnostic]) -> PyErr {
    let raise = || -> PyResult<PyErr> {
        let json = serde_json::to_string(errors).unwrap_or_default();
        let list = py.import("json")?.call_method1("loads", (json,))?;
        let class = py.import("dixian")?.getattr(class_name)?;
        Ok(PyErr::from_value(class.call1((list,))?))
    };
    raise().unwrap_or_else(|e| e)
}

fn contract_error(py: Python<'_>) -> impl Fn(LoadError) -> PyErr + '_ {
    move |e| refused(py, "ContractError", &e.diagnostics)
}

/// A rule set: the built-in rules, or a directory of rule files loaded on top of them.
#[pyclass(frozen, module = "dixian._dixian")]
struct Rules {
    set: Arc<RuleSet>,
    dir: Option<String>,
}

#[pymethods]
impl Rules {
    #[new]
    #[pyo3(signature = (dir=None))]
    fn new(py: Python<'_>, dir: Option<PathBuf>) -> PyResult<Self> {
        let loaded = py.detach(|| import::rule_set(dir.as_deref()));
        match loaded {
            Ok(set) => Ok(Rules {
                set: Arc::new(set),
                dir: dir.map(|d| d.display().to_string()),
            }),
            Err(e) => Err(refused(py, "RulesError", &e.diagnostics)),
        }
    }

    /// How many rules are loaded.
    fn __len__(&self) -> usize {
        self.set.rules.len()
    }

    fn __repr__(&self) -> String {
        match &self.dir {
            Some(d) => format!("Rules({d:?}: {} rules)", self.set.rules.len()),
            None => format!("Rules(built-in: {} rules)", self.set.rules.len()),
        }
    }
}

/// The rule set to use: the caller's, or the built-in one (loaded once per process).
fn rule_set(py: Python<'_>, rules: Option<&Rules>) -> PyResult<Arc<RuleSet>> {
    if let Some(r) = rules {
        return Ok(Arc::clone(&r.set));
    }
    static BUILTIN: std::sync::OnceLock<Result<Arc<RuleSet>, LoadError>> =
        std::sync::OnceLock::new();
    BUILTIN
        .get_or_init(|| api::builtin().map(|s| Arc::new(s.clone())))
        .clone()
        .map_err(|e| refused(py, "RulesError", &e.diagnostics))
}

/// A contract as the package passes it: its name, and its bytes (or `None`: read the file `name`).
type Input = (String, Option<Vec<u8>>);

fn bytes_of((file, data): Input) -> Result<(String, Vec<u8>), LoadError> {
    match data {
        Some(b) => Ok((file, b)),
        None => {
            let bytes = import::read_file(Path::new(&file))?;
            Ok((file, bytes))
        }
    }
}

/// Checks one contract as the CLI does (see `dixian_import::api::check_given`).
fn check_input(set: &RuleSet, input: Input, given: &Given) -> Result<Report, LoadError> {
    if let Some(why) = import::unreadable_format(&input.0) {
        return Err(LoadError::one(&input.0, 1, 1, why));
    }
    let (file, bytes) = bytes_of(input)?;
    import::check_given(set, &file, bytes, given).map_err(Refusal::into_error)
}

/// The options a call passes with a contract: the package's dict (`_options` in __init__.py), None
/// when not given (what each means: `dixian_import::api::Given`), and the rules to check with (None:
/// the built-in ones).
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct Options {
    region: Option<String>,
    date: Option<String>,
    signed: Option<String>,
    term: Option<String>,
    rules: Option<Py<Rules>>,
}

impl Options {
    /// The rule set, and the options for `dixian_import::api`.
    fn split(self, py: Python<'_>) -> PyResult<(Arc<RuleSet>, Given)> {
        let set = rule_set(py, self.rules.as_ref().map(|r| r.get()))?;
        let given = Given {
            region: self.region,
            date: self.date,
            signed: self.signed,
            term: self.term,
        };
        Ok((set, given))
    }
}

/// The report of one contract, as JSON.
#[pyfunction]
fn check(py: Python<'_>, input: Input, options: Options) -> PyResult<String> {
    let (set, given) = options.split(py)?;
    py.detach(|| check_input(&set, input, &given).map(|r| r.to_json()))
        .map_err(contract_error(py))
}

/// Reports of many contracts, checked in parallel with the GIL released: for each input, the report's
/// JSON, or that of `{schema_version, file, errors}` when it cannot be read (as the CLI's JSON array).
#[pyfunction]
fn check_batch(py: Python<'_>, inputs: Vec<Input>, options: Options) -> PyResult<Vec<String>> {
    let (set, opts) = options.split(py)?;
    Ok(py.detach(|| {
        inputs
            .into_par_iter()
            .map(|input| {
                let file = input.0.clone();
                match check_input(&set, input, &opts) {
                    Ok(report) => report.to_json(),
                    Err(e) => Unreadable::new(&file, &e).to_json(),
                }
            })
            .collect()
    }))
}

/// A document read into the contract form: JSON of {file, encoding, yaml, title, region, signed, term,
/// notes}.
#[pyfunction]
fn import_document(py: Python<'_>, input: Input, options: Options) -> PyResult<String> {
    let (set, opts) = options.split(py)?;
    py.detach(|| {
        let overrides = opts.overrides()?;
        let (file, bytes) = bytes_of(input)?;
        let imported = import::import_bytes(&set, &file, &bytes, &overrides)?;
        let c = &imported.contract;
        let notes: Vec<serde_json::Value> = imported
            .notes
            .iter()
            .map(|n| serde_json::json!({"clause": n.clause, "line": n.line, "message": n.message}))
            .collect();
        Ok(serde_json::json!({
            "file": file,
            "encoding": imported.encoding,
            "yaml": import::contract_form(&set, &imported),
            "title": c.title,
            "region": c.region,
            "signed": c.signed.map(|d| d.to_string()),
            "term": {"start": c.term.start.to_string(), "end": c.term.end.to_string()},
            "notes": notes,
        })
        .to_string())
    })
    .map_err(contract_error(py))
}

/// The draft letter for a contract's findings (`dixian_core::api::letter`): Markdown or plain text as
/// `str`, a Word document as `bytes`, or `None` when there is no finding.
#[pyfunction]
fn letter(
    py: Python<'_>,
    input: Input,
    kind: Option<String>,
    format: Option<String>,
    options: Options,
) -> PyResult<Option<Py<PyAny>>> {
    let (set, opts) = options.split(py)?;
    let request =
        LetterRequest::parse(kind.as_deref(), format.as_deref()).map_err(contract_error(py))?;
    let drafted = py
        .detach(|| {
            let overrides = opts.overrides()?;
            if let Some(why) = import::unreadable_format(&input.0) {
                return Err(LoadError::one(&input.0, 1, 1, why));
            }
            let (file, bytes) = bytes_of(input)?;
            let (contract, report) = import::check_bytes(&set, &file, bytes, &overrides)?;
            letters::letter(&set, &contract, &report, request)
        })
        .map_err(contract_error(py))?;
    let Some(drafted) = drafted else {
        return Ok(None);
    };
    Ok(Some(match drafted.format {
        LetterFormat::Docx => PyBytes::new(py, &drafted.bytes).into_any().unbind(),
        LetterFormat::Md | LetterFormat::Txt => {
            PyString::new(py, &String::from_utf8_lossy(&drafted.bytes))
                .into_any()
                .unbind()
        }
    }))
}

/// Statistics over contract files and directories (as `dixian stats --format json`), in parallel with
/// the GIL released; a file that cannot be read is counted, the rest still checked.
#[pyfunction]
#[pyo3(signature = (paths, rules=None))]
fn stats(py: Python<'_>, paths: Vec<PathBuf>, rules: Option<&Rules>) -> PyResult<String> {
    let set = rule_set(py, rules)?;
    Ok(py.detach(|| {
        let overrides = Given::default().overrides().unwrap_or_default();
        let files = import::contract_files(&paths);
        let stats = files
            .par_iter()
            .fold(Stats::default, |mut s, path| {
                match import::check_path(&set, path, &overrides) {
                    Ok((_, report)) => s.add_report(&report, &set.vocabulary),
                    Err(e) => s.add_unreadable(&path.display().to_string(), &e),
                }
                s
            })
            .reduce(Stats::default, Stats::merge)
            .finish();
        dixian_core::render::stats::json(&stats)
    }))
}

/// The rules in force in a region on a date, as JSON.
#[pyfunction]
#[pyo3(signature = (region, date=None, rules=None))]
fn rules_in_force(
    py: Python<'_>,
    region: &str,
    date: Option<String>,
    rules: Option<&Rules>,
) -> PyResult<String> {
    let set = rule_set(py, rules)?;
    let date = date.unwrap_or_else(|| import::today().to_string());
    match api::rules_in_force_with(&set, region, &date) {
        Answer::Success(v) => Ok(serde_json::to_string(&v).unwrap_or_default()),
        Answer::Failure { errors } => Err(refused(py, "ContractError", &errors)),
    }
}

/// The regions the rules know, as JSON.
#[pyfunction]
#[pyo3(signature = (rules=None))]
fn regions(py: Python<'_>, rules: Option<&Rules>) -> PyResult<String> {
    let set = rule_set(py, rules)?;
    Ok(serde_json::to_string(&api::regions_with(&set)).unwrap_or_default())
}

#[pymodule]
fn _dixian(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<Rules>()?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(check_batch, m)?)?;
    m.add_function(wrap_pyfunction!(import_document, m)?)?;
    m.add_function(wrap_pyfunction!(letter, m)?)?;
    m.add_function(wrap_pyfunction!(stats, m)?)?;
    m.add_function(wrap_pyfunction!(rules_in_force, m)?)?;
    m.add_function(wrap_pyfunction!(regions, m)?)?;
    Ok(())
}
