//! The document the Rego and Cedar peers read: a generated contract's facts as JSON.
//!
//! `{"women": 96, "quantities": {"产假": 158000, …}, "promised": ["性骚扰防治", …], "refused": […]}` —
//! quantities in thousandths of the vocabulary's unit (the generator writes each term in its unit).

use dixian_core::synth::{Spec, Value};
use serde_json::{Map, json};

pub fn json(spec: &Spec) -> serde_json::Value {
    let mut quantities = Map::new();
    let (mut promised, mut refused) = (Vec::new(), Vec::new());
    for (name, value) in spec.terms() {
        match value {
            Value::Quantity { milli, .. } => {
                quantities.insert(name.to_owned(), json!(milli));
            }
            Value::Commitment(true) => promised.push(name),
            Value::Commitment(false) => refused.push(name),
        }
    }
    json!({
        "women": spec.women,
        "quantities": quantities,
        "promised": promised,
        "refused": refused,
    })
}
