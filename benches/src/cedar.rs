//! The same checks in Cedar (peers/dixian.cedar), evaluated by `cedar-policy`'s authorizer: each
//! policy permits on one failure, so the response's reasons are the findings.

use crate::verdict::{Kind, Level, Verdicts};
use cedar_policy::{
    Authorizer, Context, Entities, EntityUid, PolicyId, PolicySet, Request, Response,
};
use std::str::FromStr;

const POLICIES: &str = include_str!("../peers/dixian.cedar");

/// Everything built once, outside the timed code.
pub struct Peer {
    policies: PolicySet,
    authorizer: Authorizer,
    entities: Entities,
    principal: EntityUid,
    action: EntityUid,
    resource: EntityUid,
}

impl Peer {
    pub fn new() -> Result<Self, String> {
        let parsed = PolicySet::from_str(POLICIES).map_err(|e| e.to_string())?;
        // Name each policy by its @id, so a reason reads as rule|kind|severity.
        let mut policies = PolicySet::new();
        for p in parsed.policies() {
            let id = p.annotation("id").ok_or("a policy has no @id")?;
            policies
                .add(p.new_id(PolicyId::new(id)))
                .map_err(|e| e.to_string())?;
        }
        let uid = |s: &str| EntityUid::from_str(s).map_err(|e| e.to_string());
        Ok(Self {
            policies,
            authorizer: Authorizer::new(),
            entities: Entities::empty(),
            principal: uid(r#"Union::"女职工委员会""#)?,
            action: uid(r#"Action::"check""#)?,
            resource: uid(r#"Contract::"c""#)?,
        })
    }

    /// A request with the contract's facts as context (the pre-built input).
    pub fn request(&self, json: &serde_json::Value) -> Result<Request, String> {
        let context = Context::from_json_value(json.clone(), None).map_err(|e| e.to_string())?;
        self.request_with(context)
    }

    fn request_with(&self, context: Context) -> Result<Request, String> {
        Request::new(
            self.principal.clone(),
            self.action.clone(),
            self.resource.clone(),
            context,
            None,
        )
        .map_err(|e| e.to_string())
    }

    /// Evaluates a pre-built request.
    pub fn check(&self, request: &Request) -> Response {
        self.authorizer
            .is_authorized(request, &self.policies, &self.entities)
    }

    /// Evaluates from the JSON text (context parsing and request building included).
    pub fn check_json(&self, json: &str) -> Result<Response, String> {
        let context = Context::from_json_str(json, None).map_err(|e| e.to_string())?;
        Ok(self.check(&self.request_with(context)?))
    }
}

/// The reasons (policy ids `rule|kind|severity`) as verdicts.
pub fn verdicts(response: &Response) -> Verdicts {
    response
        .diagnostics()
        .reason()
        .filter_map(|id| {
            let id: &str = id.as_ref();
            let mut parts = id.split('|');
            Some((
                parts.next()?.to_owned(),
                Kind::parse(parts.next()?)?,
                Level::parse(parts.next()?)?,
            ))
        })
        .collect()
}
