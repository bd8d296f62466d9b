//! Contract → facts: reading a contract (YAML) into the typed form rules are evaluated over.

mod keys;
mod model;
mod read;
mod schema;
mod skeleton;
mod value;

pub use crate::yaml::{
    MAX_ALIAS_REPLAYED_BYTES, MAX_ALIAS_REPLAYED_EVENTS, MAX_ALIASES, MAX_CONTRACT_BYTES,
    MAX_YAML_DEPTH, check_size,
};
pub use model::*;
pub use read::{MAX_CLAUSES, load_yaml};
pub use schema::{json_schema, json_schema_text};
pub use skeleton::skeleton;
pub use value::{accepts, term_value};

pub use crate::encoding::{decode_utf8, decode_utf8_owned};
