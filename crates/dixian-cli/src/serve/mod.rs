//! The HTTP service behind `dixian serve`: axum routes over the same calls as the CLI
//! (`dixian_core::api`, `dixian_import::api`), so a report over HTTP is byte for byte the one
//! `dixian check --format json` prints.
//!
//! - [`input`]: a request body (YAML, a document, or multipart with fields) → what to check;
//! - [`endpoints`]: one handler per route;
//! - [`guard`]: the request log line, the timeout and the concurrency limit;
//! - [`reply`]: JSON answers and the `{errors: […]}` shape of every refusal.

mod endpoints;
mod guard;
mod input;
mod reply;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use dixian_core::rules::RuleSet;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// The service's limits. Every one is a `dixian serve` option; the defaults are stated here once.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest request body in bytes.
    pub max_body: usize,
    /// Most requests on the checking routes at once (reading their body, queued or being checked).
    pub max_concurrent: usize,
    /// Most files in one multipart request.
    pub max_files: usize,
    /// Longest a request may take, upload included.
    pub timeout_ms: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        max_body: 8 * 1024 * 1024,
        max_concurrent: 256,
        max_files: 1_000,
        timeout_ms: 30_000,
    };
}

/// What every request shares: the rule set (loaded once), the limits, the permits of the concurrency
/// limit and the threads that check.
#[derive(Clone)]
pub struct State {
    rules: Arc<RuleSet>,
    limits: Limits,
    permits: Arc<Semaphore>,
    checkers: Arc<rayon::ThreadPool>,
}

impl State {
    pub fn new(rules: RuleSet, limits: Limits, checkers: Arc<rayon::ThreadPool>) -> Self {
        Self {
            rules: Arc::new(rules),
            limits,
            permits: Arc::new(Semaphore::new(limits.max_concurrent)),
            checkers,
        }
    }

    /// Runs CPU work on the checking threads, off the async ones, and waits for its answer.
    async fn on_checker<T: Send + 'static>(
        &self,
        work: impl FnOnce(&RuleSet) -> T + Send + 'static,
    ) -> Result<T, reply::ApiError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let rules = Arc::clone(&self.rules);
        self.checkers.spawn(move || {
            // The receiver is gone only when the request timed out; nobody is left to answer.
            let _ = tx.send(work(&rules));
        });
        rx.await.map_err(|_| reply::ApiError::internal())
    }
}

#[cfg(test)]
/// Every route the service answers, as written in `docs/openapi.json` (a test keeps them in step).
pub const ROUTES: &[(&str, &str)] = &[
    ("POST", "/v1/check"),
    ("POST", "/v1/import"),
    ("POST", "/v1/letter"),
    ("POST", "/v1/stats"),
    ("GET", "/v1/rules"),
    ("GET", "/v1/regions"),
    ("GET", "/healthz"),
    ("GET", "/openapi.json"),
];

/// The OpenAPI 3.1 description of the service, kept in the repository.
pub const OPENAPI: &str = include_str!("../../../../docs/openapi.json");

pub fn router(state: State) -> Router {
    let checking = Router::new()
        .route("/v1/check", post(endpoints::check))
        .route("/v1/import", post(endpoints::import))
        .route("/v1/letter", post(endpoints::letter))
        .route("/v1/stats", post(endpoints::stats))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::concurrency,
        ));
    Router::new()
        .merge(checking)
        .route("/v1/rules", get(endpoints::rules))
        .route("/v1/regions", get(endpoints::regions))
        .route("/healthz", get(endpoints::healthz))
        .route("/openapi.json", get(endpoints::openapi))
        .fallback(endpoints::not_found)
        .method_not_allowed_fallback(endpoints::method_not_allowed)
        .layer(DefaultBodyLimit::max(state.limits.max_body))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::timeout,
        ))
        .layer(axum::middleware::from_fn(guard::log))
        .with_state(state)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_openapi_document_lists_exactly_the_routes() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI).unwrap();
        let documented: BTreeSet<(String, String)> = doc["paths"]
            .as_object()
            .unwrap()
            .iter()
            .flat_map(|(path, ops)| {
                ops.as_object()
                    .unwrap()
                    .keys()
                    .map(|m| (m.to_uppercase(), path.clone()))
            })
            .collect();
        let served: BTreeSet<(String, String)> = ROUTES
            .iter()
            .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
            .collect();
        assert_eq!(documented, served);
    }
}
