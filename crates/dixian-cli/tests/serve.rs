//! `dixian serve` end to end: the real binary on an ephemeral loopback port, a real HTTP client
//! (hyper), and the CLI's own output as the expected answer wherever the two overlap.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_dixian");

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A running `dixian serve`, killed when dropped.
struct Server {
    child: Child,
    addr: String,
    log: PathBuf,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let log = std::env::temp_dir().join(format!(
            "dixian-serve-{}-{}.log",
            std::process::id(),
            extra.join("_").replace(['/', '-'], "")
        ));
        let mut child = Command::new(BIN)
            .current_dir(repo())
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .to_owned();
        Server { child, addr, log }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

struct Answer {
    status: StatusCode,
    content_type: String,
    headers: hyper::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }
    /// The first error's message, for refusals.
    fn error(&self) -> String {
        self.json()["errors"][0]["message"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

async fn send(server: &Server, method: Method, path: &str, ctype: &str, body: Vec<u8>) -> Answer {
    let client: Client<HttpConnector, Full<Bytes>> =
        Client::builder(TokioExecutor::new()).build_http();
    let mut req = Request::builder()
        .method(method)
        .uri(format!("http://{}{path}", server.addr));
    if !ctype.is_empty() {
        req = req.header("content-type", ctype);
    }
    let response = client
        .request(req.body(Full::new(Bytes::from(body))).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        content_type,
        headers,
        body: body.to_vec(),
    }
}

async fn get(server: &Server, path: &str) -> Answer {
    send(server, Method::GET, path, "", Vec::new()).await
}

async fn post_yaml(server: &Server, path: &str, body: &[u8]) -> Answer {
    send(
        server,
        Method::POST,
        path,
        "application/yaml",
        body.to_vec(),
    )
    .await
}

/// A multipart form: files (name, bytes) under `file`, then text fields.
fn form(files: &[(&str, Vec<u8>)], fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "dixian-test-boundary-7d3f";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend(format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        ).as_bytes());
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    for (name, value) in fields {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post_form(
    server: &Server,
    path: &str,
    files: &[(&str, Vec<u8>)],
    fields: &[(&str, &str)],
) -> Answer {
    let (ctype, body) = form(files, fields);
    send(server, Method::POST, path, &ctype, body).await
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(repo().join(rel)).unwrap()
}

/// What the CLI prints (stdout) for `args`, run from the repository root.
fn cli(args: &[&str]) -> String {
    let out = Command::new(BIN)
        .current_dir(repo())
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// Every contract fixture, relative to the repository root: YAML and documents.
fn fixtures() -> Vec<String> {
    let mut out = Vec::new();
    for dir in [
        "fixtures",
        "fixtures/compliant",
        "fixtures/text",
        "fixtures/batch",
    ] {
        let mut names: Vec<String> = std::fs::read_dir(repo().join(dir))
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| {
                [".yaml", ".yml", ".txt", ".docx"]
                    .iter()
                    .any(|x| n.ends_with(x))
                    && !n.ends_with(".expected.yaml")
                    && n != "README.txt"
            })
            .map(|n| format!("{dir}/{n}"))
            .collect();
        names.sort();
        out.extend(names);
    }
    assert!(out.len() > 50, "fixtures not found: {out:?}");
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn reports_are_byte_identical_to_the_clis_json_for_every_fixture() {
    let server = Server::start(&[]);
    for rel in fixtures() {
        let expected = cli(&["check", "--format", "json", &rel]);
        let got = if rel.ends_with(".yaml") || rel.ends_with(".yml") {
            post_yaml(&server, &format!("/v1/check?file={rel}"), &read(&rel)).await
        } else {
            post_form(&server, "/v1/check", &[(&rel, read(&rel))], &[]).await
        };
        let cli_json: Value = serde_json::from_str(&expected).unwrap();
        if cli_json.get("errors").is_some() {
            // Unreadable: the CLI's errors, refused with a status (never a 500).
            assert!(
                got.status == StatusCode::BAD_REQUEST
                    || got.status == StatusCode::UNPROCESSABLE_ENTITY,
                "{rel}: {}",
                got.status
            );
            assert_eq!(got.json()["errors"], cli_json["errors"], "{rel}");
        } else {
            assert_eq!(got.status, StatusCode::OK, "{rel}: {}", got.text());
            assert_eq!(got.content_type, "application/json");
            assert_eq!(got.text(), expected, "{rel}");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn options_and_documents_fields_apply() {
    let server = Server::start(&[]);
    let yaml = read("fixtures/hubei-wuhan-logistics.yaml");
    let beijing = post_yaml(&server, "/v1/check?region=北京&date=2022-01-01", &yaml).await;
    let report = beijing.json();
    assert_eq!(beijing.status, StatusCode::OK);
    assert_eq!(report["contract"]["jurisdictions"][1], "北京");
    assert_eq!(report["contract"]["term"]["start"], "2022-01-01");
    // Multipart fields for a document: the region and term the text lacks.
    let text = read("fixtures/text/hubei-wuhan-logistics.txt");
    let expected = cli(&[
        "check",
        "--format",
        "json",
        "--region",
        "湖北省襄阳市",
        "--term",
        "2022-01-01..2023-12-31",
        "fixtures/text/hubei-wuhan-logistics.txt",
    ]);
    let got = post_form(
        &server,
        "/v1/check",
        &[("fixtures/text/hubei-wuhan-logistics.txt", text.clone())],
        &[
            ("region", "湖北省襄阳市"),
            ("term", "2022-01-01..2023-12-31"),
        ],
    )
    .await;
    assert_eq!(got.text(), expected);
    // A raw text body is read as a document.
    let raw = send(&server, Method::POST, "/v1/check", "text/plain", text).await;
    assert_eq!(raw.status, StatusCode::OK);
    assert_eq!(raw.json()["contract"]["file"], "合同.txt");
    // A raw docx body too.
    let docx = send(
        &server,
        Method::POST,
        "/v1/check?file=宜昌.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        read("fixtures/text/hubei-table.docx"),
    )
    .await;
    assert_eq!(docx.json()["contract"]["file"], "宜昌.docx");
}

#[tokio::test(flavor = "multi_thread")]
async fn import_letter_and_stats_answer_as_the_cli_does() {
    let server = Server::start(&[]);
    let doc = "fixtures/text/hubei-table.docx";
    let imported = post_form(&server, "/v1/import", &[(doc, read(doc))], &[]).await;
    assert_eq!(imported.status, StatusCode::OK);
    assert!(imported.content_type.starts_with("application/yaml"));
    assert_eq!(imported.text(), cli(&["import", doc]));

    let yaml = "fixtures/hubei-wuhan-logistics.yaml";
    let letter = post_yaml(&server, &format!("/v1/letter?file={yaml}"), &read(yaml)).await;
    assert_eq!(letter.status, StatusCode::OK);
    assert!(letter.content_type.starts_with("text/markdown"));
    assert_eq!(letter.text(), cli(&["letter", yaml]));
    let reminder = post_yaml(
        &server,
        &format!("/v1/letter?file={yaml}&kind=提示函&format=md"),
        &read(yaml),
    )
    .await;
    assert_eq!(reminder.text(), cli(&["letter", "--kind", "提示函", yaml]));
    let compliant = "fixtures/compliant/hubei.yaml";
    let none = post_yaml(&server, "/v1/letter", &read(compliant)).await;
    assert_eq!(none.status, StatusCode::NO_CONTENT);
    assert!(none.body.is_empty());
    let bad_kind = post_yaml(&server, "/v1/letter?kind=函", &read(yaml)).await;
    assert_eq!(bad_kind.status, StatusCode::BAD_REQUEST);
    assert!(bad_kind.error().contains("不是函件种类"));
    let bad_format = post_yaml(&server, "/v1/letter?format=pdf", &read(yaml)).await;
    assert_eq!(bad_format.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad_format.json()["errors"][0]["file"], "options");
    let text = post_yaml(
        &server,
        &format!("/v1/letter?file={yaml}&format=txt"),
        &read(yaml),
    )
    .await;
    assert!(text.content_type.starts_with("text/plain"));
    assert_eq!(text.text(), cli(&["letter", "--format", "txt", yaml]));

    let batch: Vec<String> = fixtures()
        .into_iter()
        .filter(|f| f.starts_with("fixtures/batch/"))
        .collect();
    let files: Vec<(&str, Vec<u8>)> = batch.iter().map(|f| (f.as_str(), read(f))).collect();
    let stats = post_form(&server, "/v1/stats", &files, &[]).await;
    assert_eq!(stats.status, StatusCode::OK);
    let mut args = vec!["stats", "--format", "json", "--quiet"];
    args.extend(batch.iter().map(String::as_str));
    assert_eq!(stats.text(), cli(&args));
    assert!(stats.json()["unreadable"]["count"].as_u64().unwrap() > 0);
}

fn percent_decoded(text: &str) -> String {
    let mut bytes = Vec::new();
    let mut rest = text.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let hex = std::str::from_utf8(&tail[..2]).unwrap();
            bytes.push(u8::from_str_radix(hex, 16).unwrap());
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_letter_as_a_word_document() {
    let server = Server::start(&[]);
    let yaml = "fixtures/hubei-wuhan-logistics.yaml";
    let answer = post_yaml(
        &server,
        &format!("/v1/letter?file={yaml}&format=docx"),
        &read(yaml),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.content_type,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let disposition = answer.headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment; "), "{disposition}");
    // The file name the CLI gives the letter (its kind from the worst finding), in RFC 5987's form.
    let encoded = disposition
        .split_once("filename*=UTF-8''")
        .map(|(_, name)| name)
        .unwrap();
    assert_eq!(
        percent_decoded(encoded),
        "hubei-wuhan-logistics-处理建议书.docx"
    );
    assert!(answer.body.starts_with(b"PK"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(answer.body.clone())).unwrap();
    let mut body = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut body)
        .unwrap();
    // Addressed to the employer, with the figures the findings require.
    let report: Value = serde_json::from_str(&cli(&["check", "--format", "json", yaml])).unwrap();
    let title = report["contract"]["title"].as_str().unwrap();
    let employer = title.strip_suffix("女职工权益保护专项集体合同").unwrap();
    assert!(body.contains(employer));
    let figures: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["expected"].as_str())
        .filter(|e| e.chars().any(|c| c.is_ascii_digit()))
        .collect();
    assert!(!figures.is_empty() && figures.iter().all(|f| body.contains(f)));

    // A document in a form, with its kind asked for, gives a Word letter too.
    let doc = "fixtures/text/hubei-table.docx";
    let form = post_form(
        &server,
        "/v1/letter",
        &[(doc, read(doc))],
        &[("format", "docx"), ("kind", "提示函")],
    )
    .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.starts_with(b"PK"));
    let name = form.headers["content-disposition"].to_str().unwrap();
    assert!(name.contains("filename=\"letter.docx\""), "{name}");
    // No finding: no letter, whatever the format.
    let compliant = read("fixtures/compliant/hubei.yaml");
    let none = post_yaml(&server, "/v1/letter?format=docx", &compliant).await;
    assert_eq!(none.status, StatusCode::NO_CONTENT);
}

#[tokio::test(flavor = "multi_thread")]
async fn rules_regions_and_health() {
    let server = Server::start(&[]);
    let health = get(&server, "/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.json()["status"], "ok");
    let regions = get(&server, "/v1/regions").await.json();
    let root: Vec<&Value> = regions["regions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["parent"].is_null())
        .collect();
    assert_eq!(root.len(), 1);
    assert_eq!(root[0]["name"], "全国");
    assert!(regions["regions"].as_array().unwrap().len() > 30);
    let hubei = get(&server, "/v1/rules?region=湖北省武汉市&date=2022-01-01").await;
    assert_eq!(hubei.status, StatusCode::OK);
    let hubei = hubei.json();
    assert_eq!(hubei["jurisdictions"], serde_json::json!(["全国", "湖北"]));
    assert!(
        hubei["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "湖北.产假")
    );
    let national = get(&server, "/v1/rules").await.json();
    assert_eq!(national["jurisdictions"], serde_json::json!(["全国"]));
    let bad_date = get(&server, "/v1/rules?region=湖北&date=2022-13-01").await;
    assert_eq!(bad_date.status, StatusCode::BAD_REQUEST);
    let unknown = get(&server, "/v1/rules?region=火星").await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let stray = get(&server, "/v1/rules?regoin=湖北").await;
    assert_eq!(stray.status, StatusCode::BAD_REQUEST);
    assert!(stray.error().contains("regoin"));
}

#[tokio::test(flavor = "multi_thread")]
async fn extra_rules_load_on_top() {
    let server = Server::start(&["--rules", "fixtures/rules-city"]);
    let health = get(&server, "/healthz").await.json();
    let builtin = Server::start(&[]);
    let base = get(&builtin, "/healthz").await.json();
    assert!(health["rules"].as_u64().unwrap() > base["rules"].as_u64().unwrap());
    // A broken rules directory: the server does not start (exit 2, the error on stderr).
    let out = Command::new(BIN)
        .current_dir(repo())
        .args([
            "--rules",
            "fixtures/rules-broken",
            "serve",
            "--addr",
            "127.0.0.1:0",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("city.dixian"));
}

#[tokio::test(flavor = "multi_thread")]
async fn every_error_status_with_located_json() {
    let server = Server::start(&["--max-body", "4000", "--max-files", "2"]);
    let yaml = read("fixtures/hubei-wuhan-logistics.yaml");
    // 400: unreadable contract, located.
    let bad = post_yaml(&server, "/v1/check?file=a.yaml", b"region: [\n").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let e = &bad.json()["errors"][0];
    assert_eq!(e["file"], "a.yaml");
    assert!(e["line"].as_u64().unwrap() >= 1 && e["column"].as_u64().unwrap() >= 1);
    // 400: a bad option, a stray form field, no contract at all.
    let date = post_yaml(&server, "/v1/check?date=yesterday", &yaml).await;
    assert_eq!(date.status, StatusCode::BAD_REQUEST);
    assert_eq!(date.json()["errors"][0]["file"], "options");
    let stray = post_form(
        &server,
        "/v1/check",
        &[("a.yaml", yaml.clone())],
        &[("regoin", "湖北")],
    )
    .await;
    assert_eq!(stray.status, StatusCode::BAD_REQUEST);
    let empty = post_form(&server, "/v1/check", &[], &[("region", "湖北")]).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    let two = post_form(
        &server,
        "/v1/check",
        &[("a.yaml", yaml.clone()), ("b.yaml", yaml.clone())],
        &[],
    )
    .await;
    assert_eq!(two.status, StatusCode::BAD_REQUEST);
    // 413: over the body limit, declared or not; more files than allowed.
    let big = vec![b'#'; 5000];
    let over = post_yaml(&server, "/v1/check", &big).await;
    assert_eq!(over.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(over.error().contains("4000"));
    let files = vec![
        ("a.yaml", b"a: 1".to_vec()),
        ("b.yaml", b"a: 1".to_vec()),
        ("c.yaml", b"a: 1".to_vec()),
    ];
    let many = post_form(&server, "/v1/stats", &files, &[]).await;
    assert_eq!(many.status, StatusCode::PAYLOAD_TOO_LARGE);
    let big_form = post_form(&server, "/v1/stats", &[("a.yaml", big.clone())], &[]).await;
    assert_eq!(big_form.status, StatusCode::PAYLOAD_TOO_LARGE);
    // 415: a type dixian does not read, a file it does not read, a form-encoded body.
    let pdf = send(
        &server,
        Method::POST,
        "/v1/check",
        "application/pdf",
        yaml.clone(),
    )
    .await;
    assert_eq!(pdf.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let named = post_form(&server, "/v1/check", &[("合同.pdf", yaml.clone())], &[]).await;
    assert_eq!(named.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let curl_d = send(
        &server,
        Method::POST,
        "/v1/check",
        "application/x-www-form-urlencoded",
        yaml.clone(),
    )
    .await;
    assert_eq!(curl_d.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(curl_d.error().contains("--data-binary"));
    let import_yaml = post_form(&server, "/v1/import", &[("a.yaml", yaml.clone())], &[]).await;
    assert_eq!(import_yaml.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // 422: an unknown region, asked for or written in the contract.
    let asked = post_yaml(&server, "/v1/check?region=火星", &yaml).await;
    assert_eq!(asked.status, StatusCode::UNPROCESSABLE_ENTITY);
    let written = String::from_utf8(yaml.clone())
        .unwrap()
        .replace("湖北省武汉市", "火星");
    let stated = post_yaml(&server, "/v1/check", written.as_bytes()).await;
    assert_eq!(stated.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(stated.json()["errors"][0]["line"].as_u64().unwrap() > 0);
    // The same on every route that takes a contract: a letter, an import, statistics.
    let letter = post_yaml(&server, "/v1/letter", written.as_bytes()).await;
    assert_eq!(letter.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(letter.json()["errors"], stated.json()["errors"]);
    let letter_asked = post_yaml(&server, "/v1/letter?region=火星", &yaml).await;
    assert_eq!(letter_asked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(letter_asked.json()["errors"][0]["file"], "options");
    let txt = b"\xe5\xa5\xb3\xe8\x81\x8c\xe5\xb7\xa5".to_vec();
    for path in ["/v1/import", "/v1/stats"] {
        let asked = post_form(
            &server,
            path,
            &[("a.txt", txt.clone())],
            &[("region", "火星")],
        )
        .await;
        assert_eq!(asked.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        assert!(asked.error().contains("火星"), "{path}: {}", asked.error());
    }
    // 404 and 405, as JSON too.
    assert_eq!(
        get(&server, "/v2/check").await.status,
        StatusCode::NOT_FOUND
    );
    let wrong = get(&server, "/v1/check").await;
    assert_eq!(wrong.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(wrong.json()["errors"].is_array());
    // Garbage in a document never gives a 500.
    let junk = post_form(
        &server,
        "/v1/check",
        &[("x.docx", vec![0x50, 0x4b, 3, 4, 0, 0])],
        &[],
    )
    .await;
    assert_eq!(junk.status, StatusCode::BAD_REQUEST);
}

/// Sends a request whose body never finishes; the connection is held open until dropped.
fn hold_open(server: &Server) -> std::net::TcpStream {
    let mut s = std::net::TcpStream::connect(&server.addr).unwrap();
    s.write_all(
        b"POST /v1/check HTTP/1.1\r\nHost: t\r\nContent-Type: application/yaml\r\nContent-Length: 1000\r\n\r\nregion: ",
    )
    .unwrap();
    s
}

#[tokio::test(flavor = "multi_thread")]
async fn the_concurrency_limit_refuses_with_503_and_frees_its_permit() {
    // A long request timeout, so the held request keeps its permit however slow a loaded machine is.
    let server = Server::start(&["--max-concurrent", "1", "--timeout-ms", "120000"]);
    let yaml = read("fixtures/hubei-wuhan-logistics.yaml");
    let mut held = hold_open(&server);
    let mut refused = None;
    // Polls for up to 20 s: on a loaded machine (CI, parallel builds) answers can be slow. A check
    // that got through may have taken the permit before the held request arrived (which was then
    // the one refused): hold a fresh one and try again.
    for _ in 0..1000 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        let a = post_yaml(&server, "/v1/check", &yaml).await;
        if a.status == StatusCode::SERVICE_UNAVAILABLE {
            refused = Some(a);
            break;
        }
        held = hold_open(&server);
    }
    let refused = refused.expect("no 503 while the only permit was held");
    assert!(refused.error().contains("上限"));
    // Reads are not limited.
    assert_eq!(get(&server, "/healthz").await.status, StatusCode::OK);
    drop(held);
    let mut ok = false;
    // Polls for up to 20 s: on a loaded machine (CI, parallel builds) answers can be slow.
    for _ in 0..1000 {
        if post_yaml(&server, "/v1/check", &yaml).await.status == StatusCode::OK {
            ok = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(ok, "the permit was not given back");
}

#[test]
fn a_request_that_takes_too_long_gets_408() {
    let server = Server::start(&["--timeout-ms", "300"]);
    let mut held = hold_open(&server);
    let mut answer = String::new();
    held.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("请求超时"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_log_has_one_structured_line_per_request_and_never_the_text() {
    let server = Server::start(&[]);
    let yaml = read("fixtures/hubei-wuhan-logistics.yaml");
    post_yaml(&server, "/v1/check", &yaml).await;
    post_yaml(&server, "/v1/check?region=火星", &yaml).await;
    // The log is written as requests end; wait for both lines.
    let mut log = String::new();
    // Polls for up to 20 s: on a loaded machine (CI, parallel builds) answers can be slow.
    for _ in 0..1000 {
        log = server.log();
        if log.matches("path=/v1/check").count() >= 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let size = format!("contract_bytes={}", yaml.len());
    assert!(
        log.contains("method=POST path=/v1/check status=200"),
        "{log}"
    );
    assert!(log.contains("status=422"), "{log}");
    assert!(log.contains(&size), "{log}");
    assert!(log.contains("duration_us="), "{log}");
    assert!(
        !log.contains("武汉某某物流"),
        "the contract's text reached the log"
    );
}

/// Checks `value` against a JSON Schema of the subset docs/openapi.json uses ($ref, type, properties,
/// required, additionalProperties, items, enum, const, oneOf); returns what does not match.
fn violations(doc: &Value, schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/components/schemas/");
        return violations(doc, &doc["components"]["schemas"][name], value, at, out);
    }
    if let Some(alternatives) = schema.get("oneOf").and_then(Value::as_array) {
        let fitting = alternatives
            .iter()
            .filter(|alt| {
                let mut inner = Vec::new();
                violations(doc, alt, value, at, &mut inner);
                inner.is_empty()
            })
            .count();
        if fitting != 1 {
            out.push(format!(
                "{at}: {value} fits {fitting} of the oneOf alternatives"
            ));
        }
        return;
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            other => vec![other.as_str().unwrap()],
        };
        let fits = types.iter().any(|t| match *t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_u64() || value.is_i64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            _ => false,
        });
        if !fits {
            out.push(format!("{at}: {value} is not {types:?}"));
            return;
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            out.push(format!("{at}: {value} not in {allowed:?}"));
        }
    }
    if let Some(c) = schema.get("const") {
        if c != value {
            out.push(format!("{at}: {value} is not {c}"));
        }
    }
    if let (Some(props), Some(obj)) = (schema.get("properties"), value.as_object()) {
        for name in schema["required"].as_array().into_iter().flatten() {
            if !obj.contains_key(name.as_str().unwrap()) {
                out.push(format!("{at}: missing {name}"));
            }
        }
        for (k, v) in obj {
            match props.get(k) {
                Some(s) => violations(doc, s, v, &format!("{at}.{k}"), out),
                None if schema["additionalProperties"] == Value::Bool(false) => {
                    out.push(format!("{at}: {k} is not in the schema"))
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        for (i, v) in arr.iter().enumerate() {
            violations(doc, items, v, &format!("{at}[{i}]"), out);
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_openapi_document_is_served_and_matches_every_answer() {
    let server = Server::start(&[]);
    let served = get(&server, "/openapi.json").await;
    let doc: Value = serde_json::from_slice(&read("docs/openapi.json")).unwrap();
    assert_eq!(served.json(), doc);
    assert_eq!(doc["openapi"], "3.1.0");
    // Every documented route answers (no 404/405).
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let a = send(&server, m, path, "application/yaml", Vec::new()).await;
            assert!(
                a.status != StatusCode::NOT_FOUND && a.status != StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}: {}",
                a.status
            );
        }
    }
    let schema = |path: &str, method: &str, status: &str| {
        doc["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]
            .clone()
    };
    let yaml = read("fixtures/sichuan-chengdu-food.yaml");
    let docx = (
        "fixtures/text/hubei-table.docx",
        read("fixtures/text/hubei-table.docx"),
    );
    let cases: Vec<(&str, &str, &str, Answer)> = vec![
        (
            "/v1/check",
            "post",
            "200",
            post_yaml(&server, "/v1/check", &yaml).await,
        ),
        (
            "/v1/check",
            "post",
            "200",
            post_form(&server, "/v1/check", std::slice::from_ref(&docx), &[]).await,
        ),
        (
            "/v1/check",
            "post",
            "400",
            post_yaml(&server, "/v1/check", b"x: [").await,
        ),
        (
            "/v1/check",
            "post",
            "422",
            post_yaml(&server, "/v1/check?region=火星", &yaml).await,
        ),
        (
            "/v1/stats",
            "post",
            "200",
            post_form(
                &server,
                "/v1/stats",
                &[docx.clone(), ("s.yaml", yaml.clone())],
                &[],
            )
            .await,
        ),
        (
            "/v1/stats",
            "post",
            "422",
            post_form(
                &server,
                "/v1/stats",
                std::slice::from_ref(&docx),
                &[("region", "火星")],
            )
            .await,
        ),
        (
            "/v1/letter",
            "post",
            "422",
            post_yaml(&server, "/v1/letter?region=火星", &yaml).await,
        ),
        (
            "/v1/rules",
            "get",
            "200",
            get(&server, "/v1/rules?region=四川&date=2024-01-01").await,
        ),
        (
            "/v1/rules",
            "get",
            "422",
            get(&server, "/v1/rules?region=火星").await,
        ),
        (
            "/v1/regions",
            "get",
            "200",
            get(&server, "/v1/regions").await,
        ),
        ("/healthz", "get", "200", get(&server, "/healthz").await),
    ];
    for (path, method, status, answer) in cases {
        assert_eq!(answer.status.as_str(), status, "{method} {path}");
        let mut out = Vec::new();
        violations(
            &doc,
            &schema(path, method, status),
            &answer.json(),
            "$",
            &mut out,
        );
        assert!(out.is_empty(), "{method} {path} {status}: {out:#?}");
    }
}
