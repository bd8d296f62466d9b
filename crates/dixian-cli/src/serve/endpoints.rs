//! One handler per route. Each reads its request (see [`super::input`]), runs the same call as the
//! CLI on a checking thread, and answers JSON — or `{errors}` with the status that fits.

use super::input::{Fields, Kind, OneContract, Submission};
use super::reply::{self, ApiError};
use super::{OPENAPI, State};
use crate::batch::Checked;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dixian_core::api::letter::{self, LetterRequest};
use dixian_core::api::{self, Answer, OPTIONS_FILE};
use dixian_core::rules::RuleSet;
use dixian_core::{LoadError, region};
use dixian_import::Overrides;
use dixian_import::api::{self as import, Refusal};
use serde::{Deserialize, Serialize};

type Extracted = axum::extract::State<State>;

/// A region option the rules do not know: 422 before any work is done.
fn known_region(set: &RuleSet, region_name: Option<&str>) -> Result<(), ApiError> {
    match region_name.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => region::resolve(set, r)
            .map(|_| ())
            .map_err(|e| ApiError::unknown_region_option(e.message)),
        None => Ok(()),
    }
}

/// A document's options, read as the CLI reads its flags; a region the rules do not know is a 422.
fn overrides(set: &RuleSet, fields: &Fields) -> Result<Overrides, ApiError> {
    known_region(set, fields.region.as_deref())?;
    fields.given().overrides().map_err(ApiError::unreadable)
}

/// `POST /v1/check`: the report, byte for byte what `dixian check --format json FILE` prints.
pub async fn check(
    axum::extract::State(state): Extracted,
    contract: OneContract,
) -> Result<Response, ApiError> {
    let (upload, given, size) = (contract.upload, contract.fields.given(), contract.size);
    let json = state
        .on_checker(move |set| {
            import::check_given(set, &upload.file, upload.bytes, &given).map(|r| r.to_json())
        })
        .await?
        .map_err(|r| refused(r).with_size(size))?;
    Ok(reply::json(StatusCode::OK, format!("{json}\n"), size))
}

fn refused(refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::Unreadable(e) => ApiError::unreadable(e),
        Refusal::UnknownRegion(e) => ApiError::unknown_region(e),
    }
}

/// `POST /v1/import`: a .docx/.txt document's contract form (the YAML `dixian import` prints).
pub async fn import(
    axum::extract::State(state): Extracted,
    OneContract {
        upload,
        kind,
        fields,
        size,
    }: OneContract,
) -> Result<Response, ApiError> {
    let sized = |e: ApiError| e.with_size(size);
    if kind != Kind::Document {
        return Err(sized(ApiError::unsupported(
            "导入只接受 .docx 或 .txt 文件；YAML 合同可直接检查",
        )));
    }
    let overrides = overrides(&state.rules, &fields).map_err(sized)?;
    let form = state
        .on_checker(move |set| {
            import::import_bytes(set, &upload.file, &upload.bytes, &overrides)
                .map(|imported| import::contract_form(set, &imported))
                .map_err(ApiError::unreadable)
        })
        .await?
        .map_err(sized)?;
    Ok(reply::typed(
        StatusCode::OK,
        "application/yaml; charset=utf-8",
        form.into_bytes(),
        size,
    ))
}

/// `POST /v1/letter?format=md|txt|docx&kind=…`: the draft letter, named for download; 204 when there
/// is no finding (no letter is needed).
pub async fn letter(
    axum::extract::State(state): Extracted,
    OneContract {
        upload,
        fields,
        size,
        ..
    }: OneContract,
) -> Result<Response, ApiError> {
    let sized = |e: ApiError| e.with_size(size);
    let request = LetterRequest::parse(fields.kind.as_deref(), fields.format.as_deref())
        .map_err(|e| sized(ApiError::unreadable(e)))?;
    let overrides = overrides(&state.rules, &fields).map_err(sized)?;
    let file = upload.file.clone();
    let drafted = state
        .on_checker(move |set| {
            let (contract, report) =
                import::check_bytes_or_refusal(set, &upload.file, upload.bytes, &overrides)
                    .map_err(refused)?;
            letter::letter(set, &contract, &report, request).map_err(ApiError::failed)
        })
        .await?
        .map_err(sized)?;
    Ok(match drafted {
        Some(d) => reply::letter(d, &file, size),
        None => reply::typed(StatusCode::NO_CONTENT, "text/plain", Vec::new(), size),
    })
}

/// `POST /v1/stats`: statistics over every file of a multipart form, as `dixian stats --format json`
/// gives them; a file that cannot be read is counted as unreadable, the others still checked.
pub async fn stats(
    axum::extract::State(state): Extracted,
    submission: Submission,
) -> Result<Response, ApiError> {
    let size = submission.size();
    let sized = |e: ApiError| e.with_size(size);
    let overrides = overrides(&state.rules, &submission.fields).map_err(sized)?;
    let uploads = submission.uploads;
    let pool = std::sync::Arc::clone(&state.checkers);
    let json = state
        .on_checker(move |set| {
            pool.install(|| {
                let stats = crate::commands::stats::tally(set, &uploads, |u| Checked {
                    file: u.file.clone(),
                    result: import::check_bytes(set, &u.file, u.bytes.clone(), &overrides),
                });
                dixian_core::render::stats::json(&stats)
            })
        })
        .await?;
    Ok(reply::json(StatusCode::OK, format!("{json}\n"), size))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesQuery {
    region: Option<String>,
    date: Option<String>,
}

/// `GET /v1/rules?region=&date=`: the rules in force in a region (default: the root, 全国) on a date
/// (default: today).
pub async fn rules(
    axum::extract::State(state): Extracted,
    q: Result<Query<RulesQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = q.map_err(|e| {
        ApiError::unreadable(LoadError::one(
            OPTIONS_FILE,
            0,
            0,
            format!("查询参数有误：{e}（可用：region、date）"),
        ))
    })?;
    let set = &state.rules;
    let root = set
        .jurisdictions
        .iter()
        .find(|j| j.parent.is_none())
        .map(|j| j.name.clone());
    let region_name = q.region.filter(|r| !r.trim().is_empty()).or(root);
    let region_name = region_name.unwrap_or_default();
    known_region(set, Some(&region_name))?;
    let date = q
        .date
        .unwrap_or_else(|| super::super::commands::rules::today().to_string());
    match api::rules_in_force_with(set, &region_name, &date) {
        Answer::Success(v) => Ok(reply::json_value(&v)),
        Answer::Failure { errors } => Err(ApiError::unreadable(LoadError {
            diagnostics: errors,
        })),
    }
}

/// `GET /v1/regions`.
pub async fn regions(axum::extract::State(state): Extracted) -> Response {
    reply::json_value(&api::regions_with(&state.rules))
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    version: &'static str,
    rules: usize,
}

/// `GET /healthz`: up, with the version and how many rules are loaded.
pub async fn healthz(axum::extract::State(state): Extracted) -> Response {
    reply::json_value(&Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        rules: state.rules.rules.len(),
    })
}

/// `GET /openapi.json`.
pub async fn openapi() -> Response {
    reply::json(StatusCode::OK, OPENAPI.to_owned(), 0)
}

pub async fn not_found(request: Request) -> Response {
    ApiError::request(
        StatusCode::NOT_FOUND,
        format!(
            "没有这个地址：{}（可用的接口见 /openapi.json）",
            request.uri().path()
        ),
    )
    .into_response()
}

pub async fn method_not_allowed(request: Request) -> Response {
    ApiError::request(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{} 不接受 {} 请求", request.uri().path(), request.method()),
    )
    .into_response()
}
