//! Report → output: text for people (`human`), SARIF for code-review tools (`sarif`), the union's
//! letters (`letter`), batch statistics (`stats`) and rule listings (`rules`). JSON is `Report::to_json`.
//! Renderers live here, not in the CLI, so the wasm build and embedders produce the same output.

pub mod human;
pub mod lang;
pub mod letter;
#[cfg(feature = "docx")]
pub mod letter_docx;
pub mod rules;
pub mod sarif;
pub mod stats;
pub mod words;

pub use lang::Lang;
