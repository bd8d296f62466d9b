//! A bounded load run against `dixian serve` on loopback (`benches/serve_load.sh` builds and runs it):
//! starts the server (the binary given, `--addr 127.0.0.1:0`), sends REQUESTS `POST /v1/check` with
//! CONCURRENCY in flight, each a generated contract (`dixian_core::synth`, the benchmarks' generator),
//! checks that every one was answered 200 with a report, and prints throughput, latency percentiles
//! and the server's peak RSS. Stops by itself.
//!
//!   load DIXIAN_BINARY [REQUESTS=20000] [CONCURRENCY=64] [CONTRACTS=1000]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use dixian_core::synth::{Options, contract};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::io::BufRead;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn arg(n: usize, default: usize) -> usize {
    std::env::args()
        .nth(n)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

/// The server's peak resident set (VmHWM), in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// CPU time (user + system) a process has used so far, in seconds, from /proc/PID/stat.
fn cpu_seconds(pid: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command name in parentheses: state is field 3, utime 14 and stime 15.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    let per_second = Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok()?.trim().parse::<f64>().ok())
        .unwrap_or(100.0);
    Some(ticks as f64 / per_second)
}

fn main() {
    let binary = std::env::args().nth(1).expect("DIXIAN_BINARY");
    let requests = arg(2, 20_000);
    let concurrency = arg(3, 64);
    let n_contracts = arg(4, 1_000);
    let options = Options {
        seed: 42,
        ..Options::default()
    };
    let contracts: Arc<Vec<Bytes>> = Arc::new(
        (0..n_contracts as u64)
            .map(|i| Bytes::from(contract(options, i)))
            .collect(),
    );
    let mean_size = contracts.iter().map(Bytes::len).sum::<usize>() / contracts.len().max(1);

    let mut server = Command::new(&binary)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start dixian serve");
    let mut line = String::new();
    std::io::BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line.trim().trim_start_matches("listening on ").to_owned();
    let pid = server.id();
    let idle_rss = peak_rss_kib(pid);

    // The client: one thread, so the server keeps the cores it would have in production.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (elapsed, mut latencies, failures) = runtime.block_on(async {
        let client = Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(concurrency)
            .build_http::<Full<Bytes>>();
        let next = Arc::new(AtomicUsize::new(0));
        let started = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..concurrency {
            let (client, next, contracts, addr) = (
                client.clone(),
                Arc::clone(&next),
                Arc::clone(&contracts),
                addr.clone(),
            );
            tasks.push(tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut failures = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= requests {
                        break;
                    }
                    let body = contracts[i % contracts.len()].clone();
                    let request = Request::post(format!("{addr}/v1/check"))
                        .header("content-type", "application/yaml")
                        .body(Full::new(body))
                        .unwrap();
                    let sent = Instant::now();
                    let answer = match client.request(request).await {
                        Ok(r) => {
                            let status = r.status();
                            r.into_body()
                                .collect()
                                .await
                                .map(|b| (status, b.to_bytes()))
                                .map_err(|e| e.to_string())
                        }
                        Err(e) => Err(e.to_string()),
                    };
                    latencies.push(sent.elapsed());
                    match answer {
                        Ok((StatusCode::OK, body))
                            if body.starts_with(b"{\n  \"schema_version\"") => {}
                        Ok((status, body)) => failures.push(format!(
                            "request {i}: {status} {}",
                            String::from_utf8_lossy(&body[..body.len().min(200)])
                        )),
                        Err(e) => failures.push(format!("request {i}: {e}")),
                    }
                }
                (latencies, failures)
            }));
        }
        let mut all = Vec::with_capacity(requests);
        let mut failures = Vec::new();
        for t in tasks {
            let (l, f) = t.await.unwrap();
            all.extend(l);
            failures.extend(f);
        }
        (started.elapsed(), all, failures)
    });
    let peak = peak_rss_kib(pid);
    let server_cpu = cpu_seconds(&pid.to_string());
    let client_cpu = cpu_seconds("self");
    let _ = server.kill();
    let _ = server.wait();

    latencies.sort();
    let pct = |p: f64| -> Duration {
        let i = ((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1);
        latencies.get(i).copied().unwrap_or_default()
    };
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "requests {requests}, concurrency {concurrency}, {n_contracts} distinct contracts (mean {mean_size} bytes), cores {}",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "answered {} of {requests}: {} ok, {} failed",
        latencies.len(),
        latencies.len() - failures.len(),
        failures.len()
    );
    for f in failures.iter().take(5) {
        println!("  {f}");
    }
    println!(
        "wall {:.3} s, throughput {:.0} requests/s",
        elapsed.as_secs_f64(),
        requests as f64 / elapsed.as_secs_f64()
    );
    println!(
        "latency p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms(pct(0.50)),
        ms(pct(0.90)),
        ms(pct(0.99)),
        ms(pct(1.0))
    );
    println!(
        "server peak RSS {} KiB (idle after start {} KiB)",
        peak.map_or("n/a".to_owned(), |k| k.to_string()),
        idle_rss.map_or("n/a".to_owned(), |k| k.to_string())
    );
    // Client and server share the cores: what each took says how much of the machine the server had.
    if let (Some(server), Some(client)) = (server_cpu, client_cpu) {
        println!(
            "CPU: server {server:.2} s ({:.0} µs per request), client {client:.2} s (contract generation included)",
            server * 1e6 / requests as f64
        );
    }
    if !failures.is_empty() || latencies.len() != requests {
        std::process::exit(1);
    }
}
