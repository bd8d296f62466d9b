//! What wraps every request: one structured log line, the timeout, and (on the checking routes) the
//! concurrency limit — taken before the body is read, so that at most `max_concurrent` bodies are in
//! memory at once, and refused at once (503) rather than queued without end.

use super::State;
use super::reply::{ApiError, ContractSize};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::{Duration, Instant};

/// Logs method, path, status, duration and contract size — never the contract's text.
pub async fn log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let size = response
        .extensions_mut()
        .remove::<ContractSize>()
        .map_or(0, |s| s.0);
    let micros = started.elapsed().as_micros();
    tracing::info!(
        method = %method,
        path = %path,
        status = response.status().as_u16(),
        duration_us = u64::try_from(micros).unwrap_or(u64::MAX),
        contract_bytes = size,
        "request"
    );
    response
}

/// Answers 408 when a request (upload included) takes longer than the limit.
pub async fn timeout(
    axum::extract::State(state): axum::extract::State<State>,
    request: Request,
    next: Next,
) -> Response {
    let ms = state.limits.timeout_ms;
    match tokio::time::timeout(Duration::from_millis(ms), next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::timed_out(ms).into_response(),
    }
}

/// Holds one permit for the whole request; none left → 503 with `Retry-After`.
pub async fn concurrency(
    axum::extract::State(state): axum::extract::State<State>,
    request: Request,
    next: Next,
) -> Response {
    let Ok(_permit) = state.permits.clone().try_acquire_owned() else {
        return ApiError::busy(state.limits.max_concurrent).into_response();
    };
    next.run(request).await
}
