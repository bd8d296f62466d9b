//! Errors that stop a contract or a rule set from being read. Each names the file, line and column.

use serde::Serialize;
use std::fmt;

/// One problem found while reading an input, located in its file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// A contract or rule set that cannot be used, with every problem found (loading reports them all).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    pub fn one(file: &str, line: u32, column: u32, message: impl Into<String>) -> Self {
        Self {
            diagnostics: vec![Diagnostic {
                file: file.to_owned(),
                line,
                column,
                message: message.into(),
            }],
        }
    }

    /// The first problem; a `LoadError` always holds at least one.
    pub fn first(&self) -> Option<&Diagnostic> {
        self.diagnostics.first()
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Most diagnostics kept for one load: past this, a file is wrong throughout and a longer list helps
/// nobody (and a generated file with a million bad lines must not produce a million messages).
pub const MAX_DIAGNOSTICS: usize = 100;

/// A bounded list of diagnostics: keeps the first [`MAX_DIAGNOSTICS`], counts the rest.
#[derive(Debug, Default)]
pub struct Diagnostics {
    kept: Vec<Diagnostic>,
    dropped: usize,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        if self.kept.len() < MAX_DIAGNOSTICS {
            self.kept.push(d);
        } else {
            self.dropped += 1;
        }
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        for d in ds {
            self.push(d);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// The kept diagnostics, with a last one saying how many more there were.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        let mut out = self.kept;
        if self.dropped > 0 {
            let (file, line, column) = out.last().map_or((String::new(), 1, 1), |d| {
                (d.file.clone(), d.line, d.column)
            });
            out.push(Diagnostic {
                file,
                line,
                column,
                message: format!(
                    "还有 {} 处问题未列出（只列出前 {MAX_DIAGNOSTICS} 处）",
                    self.dropped
                ),
            });
        }
        out
    }
}

/// Collects diagnostics for one file, so that loading can report every problem at once.
#[derive(Debug)]
pub struct Collector<'a> {
    pub file: &'a str,
    diagnostics: Diagnostics,
}

impl<'a> Collector<'a> {
    pub fn new(file: &'a str) -> Self {
        Self {
            file,
            diagnostics: Diagnostics::default(),
        }
    }

    pub fn push(&mut self, span: crate::source::Span, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            file: self.file.to_owned(),
            line: span.line,
            column: span.column,
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    pub fn into_error(self) -> LoadError {
        LoadError {
            diagnostics: self.diagnostics.into_vec(),
        }
    }

    pub fn finish<T>(self, value: T) -> Result<T, LoadError> {
        if self.diagnostics.is_empty() {
            Ok(value)
        } else {
            Err(self.into_error())
        }
    }
}
