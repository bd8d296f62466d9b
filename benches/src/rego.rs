//! The same checks in Rego (peers/dixian.rego), evaluated by Microsoft's `regorus` interpreter.

use crate::verdict::{Kind, Level, Verdicts};
use regorus::{Engine, Value};

const POLICY: &str = include_str!("../peers/dixian.rego");
const RULE: &str = "data.dixian.findings";

/// An engine with the policy loaded (done once, outside the timed code).
pub fn engine() -> Result<Engine, String> {
    let mut engine = Engine::new();
    engine
        .add_policy("dixian.rego".to_owned(), POLICY.to_owned())
        .map_err(|e| e.to_string())?;
    Ok(engine)
}

/// Input pre-built: the JSON document already turned into a regorus value.
pub fn input(json: &serde_json::Value) -> Value {
    Value::from(json.clone())
}

/// Evaluates the findings for a pre-built input.
pub fn check(engine: &mut Engine, input: &Value) -> Result<Value, String> {
    engine.set_input(input.clone());
    engine.eval_rule(RULE.to_owned()).map_err(|e| e.to_string())
}

/// Evaluates the findings from the JSON text (parsing included).
pub fn check_json(engine: &mut Engine, json: &str) -> Result<Value, String> {
    engine.set_input_json(json).map_err(|e| e.to_string())?;
    engine.eval_rule(RULE.to_owned()).map_err(|e| e.to_string())
}

/// The set of `[rule, kind, severity]` triples as verdicts.
pub fn verdicts(findings: &Value) -> Verdicts {
    let Ok(set) = findings.as_set() else {
        return Verdicts::new();
    };
    set.iter()
        .filter_map(|t| {
            let t = t.as_array().ok()?;
            let text = |i: usize| t.get(i).and_then(|v| v.as_string().ok());
            Some((
                text(0)?.to_string(),
                Kind::parse(text(1)?)?,
                Level::parse(text(2)?)?,
            ))
        })
        .collect()
}
