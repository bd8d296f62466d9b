//! The floor for end-to-end time: the same contract YAML read by serde-saphyr into a plain serde
//! struct — no spans, no vocabulary, no checks. dixian's own reading cannot be cheaper than this.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::collections::BTreeMap;
use std::fmt;

/// Any scalar as written (`158天`, `是`, `true`, `50`).
#[derive(Debug)]
pub enum Scalar {
    Text(String),
    Bool(bool),
    Number(f64),
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scalar")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
pub struct PlainContract {
    pub title: Option<String>,
    pub region: String,
    pub term: PlainTerm,
    pub workforce: Option<PlainWorkforce>,
    pub clauses: Vec<PlainClause>,
}

#[derive(Debug, Deserialize)]
pub struct PlainTerm {
    pub start: Scalar,
    pub end: Scalar,
}

#[derive(Debug, Deserialize)]
pub struct PlainWorkforce {
    pub total: u32,
    pub women: u32,
}

#[derive(Debug, Deserialize)]
pub struct PlainClause {
    pub id: Scalar,
    pub topic: Option<String>,
    pub text: Option<String>,
    pub terms: Option<BTreeMap<String, Scalar>>,
}

/// Reads `yaml` into the plain struct.
pub fn parse(yaml: &str) -> Result<PlainContract, serde_saphyr::Error> {
    serde_saphyr::from_str(yaml)
}
