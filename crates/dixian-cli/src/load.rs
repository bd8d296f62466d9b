//! Loading the rule set (built-in, optionally with a directory on top), finding the contract files
//! under the paths given, and reading them: the same code the server and the Python package use
//! (`dixian_import::api`).

pub use dixian_import::api::{
    contract_files as expand_contracts, read_rule_dir, read_text, rule_set, yaml_files as expand,
};
