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

/// Collects diagnostics for one file, so that loading can report every problem at once.
#[derive(Debug)]
pub struct Collector<'a> {
    pub file: &'a str,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Collector<'a> {
    pub fn new(file: &'a str) -> Self {
        Self {
            file,
            diagnostics: Vec::new(),
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

    pub fn finish<T>(self, value: T) -> Result<T, LoadError> {
        if self.diagnostics.is_empty() {
            Ok(value)
        } else {
            Err(LoadError {
                diagnostics: self.diagnostics,
            })
        }
    }
}
