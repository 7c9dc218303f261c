//! `bitrix-sandbox bench`: how many `crm.deal.get` calls a second the sandbox serves over
//! keep-alive loopback connections. The client is raw HTTP/1.1 on tokio sockets.

use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::{Sandbox, SandboxConfig, SandboxError, Seed};

/// What a bench run measured.
#[derive(Debug, Clone, Copy)]
pub struct BenchResult {
    /// How long the sandbox took to start with its data set (seed generated and loaded).
    pub started_in: Duration,
    pub requests: u64,
    pub failures: u64,
    pub elapsed: Duration,
}

impl BenchResult {
    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Runs `clients` connections for `duration` against a fresh sandbox with `seed`.
pub fn run(seed: Seed, clients: usize, duration: Duration) -> Result<BenchResult, SandboxError> {
    let starting = Instant::now();
    let sandbox = Sandbox::start(SandboxConfig {
        seed,
        rate_limit: None,
        ..SandboxConfig::default()
    })?;
    let started_in = starting.elapsed();
    let token = sandbox.issue_token(1);
    let host = sandbox
        .urls()
        .portal
        .trim_start_matches("http://")
        .to_string();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(SandboxError::Runtime)?;
    let result = runtime.block_on(async move {
        let deadline = Instant::now() + duration;
        let started = Instant::now();
        let tasks: Vec<_> = (0..clients)
            .map(|n| {
                let host = host.clone();
                let token = token.access_token.clone();
                tokio::spawn(async move { client(&host, &token, n as u64, deadline).await })
            })
            .collect();
        let mut requests = 0;
        let mut failures = 0;
        for task in tasks {
            if let Ok((ok, failed)) = task.await {
                requests += ok;
                failures += failed;
            }
        }
        BenchResult {
            started_in,
            requests,
            failures,
            elapsed: started.elapsed(),
        }
    });
    drop(sandbox);
    Ok(result)
}

/// One keep-alive connection asking for deals 1..=20 in turn until the deadline.
async fn client(host: &str, token: &str, offset: u64, deadline: Instant) -> (u64, u64) {
    let (mut ok, mut failed) = (0, 0);
    let Ok(stream) = TcpStream::connect(host).await else {
        return (0, 1);
    };
    let _ = stream.set_nodelay(true);
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    let mut n = offset;
    let mut line = String::new();
    let mut body = vec![];
    while Instant::now() < deadline {
        n += 1;
        let request = format!(
            "GET /rest/crm.deal.get.json?id={}&auth={token} HTTP/1.1\r\nHost: {host}\r\n\r\n",
            n % 20 + 1
        );
        if write.write_all(request.as_bytes()).await.is_err() {
            return (ok, failed + 1);
        }
        let mut status = 0;
        let mut length = 0usize;
        loop {
            line.clear();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return (ok, failed + 1),
                Ok(_) => {}
            }
            let trimmed = line.trim_end();
            if trimmed.is_empty() {
                break;
            }
            if let Some(code) = trimmed.strip_prefix("HTTP/1.1 ") {
                status = code.get(..3).and_then(|c| c.parse().ok()).unwrap_or(0);
            } else if let Some((name, value)) = trimmed.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        body.resize(length, 0);
        if reader.read_exact(&mut body).await.is_err() {
            return (ok, failed + 1);
        }
        if status == 200 { ok += 1 } else { failed += 1 }
    }
    (ok, failed)
}
