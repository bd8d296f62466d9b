pub mod check;
pub mod import;
