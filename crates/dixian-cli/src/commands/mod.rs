//! One file per command; each parses its own arguments and returns the exit code.

pub mod check;
pub mod explain;
pub mod fix;
pub mod import;
pub mod init;
pub mod letter;
pub mod rules;
pub mod serve;
pub mod stats;
pub mod test;
