//! `dixian serve [--addr 127.0.0.1:8080] [--rules DIR]`: the checks over HTTP for union platforms, a
//! thin layer over the same calls as the CLI (see `crate::serve`). Stateless: every request carries its
//! contract; the rule set is loaded once at start. Prints `listening on http://ADDR` on stdout once the
//! socket is bound (port 0 picks a free port), then logs one line per request on stderr. Exit 2 when the
//! rules cannot be loaded or the address cannot be bound.

use crate::Common;
use crate::serve::{self, Limits};
use std::net::SocketAddr;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Args {
    /// The address to listen on (port 0: any free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Largest request body, in bytes (a YAML contract is refused above 2 MiB in any case).
    #[arg(long, default_value_t = Limits::DEFAULT.max_body)]
    max_body: usize,
    /// Most requests reading, waiting for or doing a check at once; more are refused with 503.
    #[arg(long, default_value_t = Limits::DEFAULT.max_concurrent)]
    max_concurrent: usize,
    /// Most files in one multipart request (POST /v1/stats).
    #[arg(long, default_value_t = Limits::DEFAULT.max_files)]
    max_files: usize,
    /// Longest a request may take, body upload included, in milliseconds (then 408).
    #[arg(long, default_value_t = Limits::DEFAULT.timeout_ms)]
    timeout_ms: u64,
    /// Threads that check contracts (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
}

pub fn run(common: &Common, args: &Args) -> u8 {
    let rules = match common.rule_set() {
        Ok(r) => r,
        Err(code) => return code,
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(false)
        .init();
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
    });
    let limits = Limits {
        max_body: args.max_body,
        max_concurrent: args.max_concurrent.max(1),
        max_files: args.max_files,
        timeout_ms: args.timeout_ms,
    };
    let checkers = match rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .thread_name(|i| format!("dixian-check-{i}"))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("无法启动检查线程：{e}");
            return 2;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads.clamp(1, 4))
        .enable_io()
        .enable_time()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("无法启动服务：{e}");
            return 2;
        }
    };
    let state = serve::State::new(rules, limits, Arc::new(checkers));
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(args.addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("无法监听 {}：{e}", args.addr);
                return 2;
            }
        };
        let bound = listener.local_addr().map_or(args.addr, |a| a);
        crate::output::outln!("listening on http://{bound}");
        tracing::info!(
            addr = %bound,
            max_body = limits.max_body,
            max_concurrent = limits.max_concurrent,
            max_files = limits.max_files,
            timeout_ms = limits.timeout_ms,
            threads,
            "dixian serve started"
        );
        match axum::serve(listener, serve::router(state)).await {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("服务中止：{e}");
                2
            }
        }
    })
}
