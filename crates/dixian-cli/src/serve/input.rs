//! A request → what to check: the contract files it carries (a raw body, or the file parts of a
//! multipart form) and its options (query parameters, or the form's text fields, which win).
//!
//! A raw body is YAML (`application/yaml`, `text/yaml`, or no type), document text (`text/plain`) or a
//! Word file (the .docx media type); `?file=NAME` names it, and its extension then decides. Form-encoded
//! bodies are refused (curl's `-d` strips the newlines YAML needs), as is any other type (415).

use super::State;
use super::reply::ApiError;
use axum::extract::{FromRequest, Multipart, Query, Request};
use axum::http::{StatusCode, header};
use dixian_core::LoadError;
use dixian_core::api::OPTIONS_FILE;
use dixian_import::api::Given;
use serde::Deserialize;

/// The options a request may carry; each endpoint reads those that concern it (see docs/openapi.json).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fields {
    /// The contract's name in the report and in error messages (and, for a raw body, its type).
    pub file: Option<String>,
    /// Check under this region (YAML: instead of the contract's; documents: when the text lacks it).
    pub region: Option<String>,
    /// YAML: check one day only. Documents: the day a text that states no term is checked on.
    pub date: Option<String>,
    /// Signing date of a document, YYYY-MM-DD.
    pub signed: Option<String>,
    /// Term of a document, START..END.
    pub term: Option<String>,
    /// The letter's kind: 提示函, 整改意见书 or 处理建议书.
    pub kind: Option<String>,
    /// The letter's format: md (default) or docx.
    pub format: Option<String>,
}

impl Fields {
    /// The options that go with a contract, for `dixian_import::api`.
    pub fn given(&self) -> Given {
        Given {
            region: self.region.clone(),
            date: self.date.clone(),
            signed: self.signed.clone(),
            term: self.term.clone(),
        }
    }
}

/// One contract file carried by the request.
pub struct Upload {
    pub file: String,
    pub bytes: Vec<u8>,
}

/// How a contract file is read, from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Yaml,
    Document,
}

impl Upload {
    /// YAML or document by the file's extension; anything else is refused (415).
    pub fn kind(&self) -> Result<Kind, ApiError> {
        let lower = self.file.to_ascii_lowercase();
        if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            Ok(Kind::Yaml)
        } else if dixian_import::api::is_document(&self.file) {
            Ok(Kind::Document)
        } else if let Some(why) = dixian_import::api::unreadable_format(&self.file) {
            Err(ApiError::unsupported(why))
        } else {
            Err(ApiError::unsupported(format!(
                "不支持的文件类型：“{}”；合同应为 .yaml/.yml、.docx 或 .txt 文件",
                self.file
            )))
        }
    }
}

/// Every contract file and option of a request (the extractor of `POST /v1/stats`).
pub struct Submission {
    pub uploads: Vec<Upload>,
    pub fields: Fields,
}

impl FromRequest<State> for Submission {
    type Rejection = ApiError;

    /// The query's options, then the body — a raw contract, or a form whose fields win — within the
    /// limits.
    async fn from_request(request: Request, state: &State) -> Result<Self, ApiError> {
        let Query(fields) = Query::<Fields>::try_from_uri(request.uri()).map_err(|e| {
            ApiError::unreadable(LoadError::one(
                OPTIONS_FILE,
                0,
                0,
                format!("查询参数有误：{e}"),
            ))
        })?;
        read(
            request,
            fields,
            state.limits.max_body,
            state.limits.max_files,
        )
        .await
    }
}

/// The one contract of a single-contract request, of a kind dixian reads (the extractor of `POST
/// /v1/check`, `/v1/import` and `/v1/letter`).
pub struct OneContract {
    pub upload: Upload,
    pub kind: Kind,
    pub fields: Fields,
    /// Bytes of contract, for the log.
    pub size: usize,
}

impl FromRequest<State> for OneContract {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &State) -> Result<Self, ApiError> {
        let (upload, fields) = Submission::from_request(request, state).await?.single()?;
        let size = upload.bytes.len();
        let kind = upload.kind().map_err(|e| e.with_size(size))?;
        Ok(Self {
            upload,
            kind,
            fields,
            size,
        })
    }
}

impl Submission {
    /// The one contract of a single-contract request.
    pub fn single(mut self) -> Result<(Upload, Fields), ApiError> {
        match self.uploads.len() {
            1 => match self.uploads.pop() {
                Some(u) => Ok((u, self.fields)),
                None => Err(no_contract()),
            },
            0 => Err(no_contract()),
            n => Err(ApiError::request(
                StatusCode::BAD_REQUEST,
                format!("一次只能提交一份合同（收到 {n} 份）；多份合同的统计请用 /v1/stats"),
            )),
        }
    }

    /// Bytes of contract the request carried (for the log).
    pub fn size(&self) -> usize {
        self.uploads.iter().map(|u| u.bytes.len()).sum()
    }
}

fn no_contract() -> ApiError {
    ApiError::request(
        StatusCode::BAD_REQUEST,
        "请求中没有合同：请在请求体中提交 YAML 合同，或以 multipart 表单的 file 字段上传文件",
    )
}

const YAML_TYPES: &[&str] = &[
    "application/yaml",
    "application/x-yaml",
    "text/yaml",
    "text/x-yaml",
];
const DOCX_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// Reads the request's contract files and options within the body limit.
pub async fn read(
    request: Request,
    query: Fields,
    max_body: usize,
    max_files: usize,
) -> Result<Submission, ApiError> {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max_body as u64) {
        return Err(over_limit(max_body));
    }
    let media_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    if media_type == "multipart/form-data" {
        return read_form(request, query, max_body, max_files).await;
    }
    let default_name = if media_type.is_empty() || YAML_TYPES.contains(&media_type.as_str()) {
        dixian_core::api::DEFAULT_FILE
    } else if media_type == "text/plain" {
        "合同.txt"
    } else if media_type == DOCX_TYPE {
        "合同.docx"
    } else if media_type == "application/x-www-form-urlencoded" {
        return Err(ApiError::unsupported(
            "请求体是表单编码（curl -d 会删去换行）：请用 --data-binary 提交，并注明 Content-Type: application/yaml",
        ));
    } else {
        return Err(ApiError::unsupported(format!(
            "不支持的内容类型“{media_type}”：应为 application/yaml、text/plain、.docx 或 multipart/form-data"
        )));
    };
    let bytes = axum::body::to_bytes(request.into_body(), max_body)
        .await
        .map_err(|e| body_error(&e, max_body))?;
    let file = query
        .file
        .clone()
        .unwrap_or_else(|| default_name.to_owned());
    Ok(Submission {
        uploads: vec![Upload {
            file,
            bytes: bytes.to_vec(),
        }],
        fields: query,
    })
}

async fn read_form(
    request: Request,
    mut fields: Fields,
    max_body: usize,
    max_files: usize,
) -> Result<Submission, ApiError> {
    let mut form = Multipart::from_request(request, &())
        .await
        .map_err(|e| ApiError::request(StatusCode::BAD_REQUEST, format!("表单无法读取：{e}")))?;
    let mut uploads = Vec::new();
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| form_error(e, max_body))?
    {
        let name = field.name().unwrap_or("").to_owned();
        if let Some(file) = field.file_name().map(str::to_owned) {
            if uploads.len() >= max_files {
                return Err(ApiError::too_large(format!(
                    "文件过多：一次最多 {max_files} 个文件"
                )));
            }
            let bytes = field.bytes().await.map_err(|e| form_error(e, max_body))?;
            uploads.push(Upload {
                file,
                bytes: bytes.to_vec(),
            });
            continue;
        }
        let value = field.text().await.map_err(|e| form_error(e, max_body))?;
        let slot = match name.as_str() {
            "file" => &mut fields.file,
            "region" => &mut fields.region,
            "date" => &mut fields.date,
            "signed" => &mut fields.signed,
            "term" => &mut fields.term,
            "kind" => &mut fields.kind,
            "format" => &mut fields.format,
            other => {
                return Err(ApiError::request(
                    StatusCode::BAD_REQUEST,
                    format!(
                        "表单字段“{other}”无法识别（可用：file、region、date、signed、term、kind、format）"
                    ),
                ));
            }
        };
        *slot = Some(value);
    }
    Ok(Submission { uploads, fields })
}

fn over_limit(max_body: usize) -> ApiError {
    ApiError::too_large(format!("请求体过大：上限 {max_body} 字节"))
}

fn body_error(e: &axum::Error, max_body: usize) -> ApiError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if err.is::<http_body_util::LengthLimitError>() {
            return over_limit(max_body);
        }
        source = err.source();
    }
    ApiError::request(StatusCode::BAD_REQUEST, format!("请求体无法读取：{e}"))
}

fn form_error(e: axum::extract::multipart::MultipartError, max_body: usize) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return over_limit(max_body);
    }
    ApiError::request(StatusCode::BAD_REQUEST, format!("表单无法读取：{e}"))
}
