//! `bitrix-sandbox`: run the sandbox for a person or a script, or benchmark it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use bitrix_sandbox::{Sandbox, SandboxConfig, Seed, bench};

const USAGE: &str =
    "usage: bitrix-sandbox [--widget-dir DIR] [--seed demo|large|FILE.json] [--db PATH]
                      [--widget-port N] [--portal-port N] [--store-port N] [--token-ttl SECS]
                      [--no-rate-limit] [--install-app OPTIONS.json] [--urls-file PATH]
       bitrix-sandbox bench [--seed demo|large] [--clients N] [--seconds N]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.first().map(String::as_str) == Some("bench") {
        run_bench(&args[1..])
    } else {
        run_server(&args)
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bitrix-sandbox: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Pairs of `--name value`, and flags.
struct Args<'a> {
    items: &'a [String],
    at: usize,
}

impl<'a> Args<'a> {
    fn next(&mut self) -> Option<&'a str> {
        let item = self.items.get(self.at)?;
        self.at += 1;
        Some(item)
    }

    fn value(&mut self, name: &str) -> Result<&'a str, String> {
        self.next()
            .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
    }

    fn number<T: std::str::FromStr>(&mut self, name: &str) -> Result<T, String> {
        let text = self.value(name)?;
        text.parse()
            .map_err(|_| format!("{name}: {text:?} is not a number"))
    }
}

fn run_server(items: &[String]) -> Result<(), String> {
    let mut config = SandboxConfig {
        widget_port: 8080,
        portal_port: 8081,
        store_port: 8082,
        ..SandboxConfig::default()
    };
    let mut urls_file: Option<PathBuf> = None;
    let mut args = Args { items, at: 0 };
    while let Some(arg) = args.next() {
        match arg {
            "--widget-dir" => config.widget_dir = Some(PathBuf::from(args.value(arg)?)),
            "--seed" => config.seed = Seed::parse(args.value(arg)?),
            "--db" => config.db = Some(PathBuf::from(args.value(arg)?)),
            "--widget-port" => config.widget_port = args.number(arg)?,
            "--portal-port" => config.portal_port = args.number(arg)?,
            "--store-port" => config.store_port = args.number(arg)?,
            "--token-ttl" => config.token_ttl = Duration::from_secs(args.number(arg)?),
            "--no-rate-limit" => config.rate_limit = None,
            "--install-app" => {
                let path = args.value(arg)?;
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("cannot read {path}: {e}"))?;
                config.install_app =
                    Some(serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?);
            }
            "--urls-file" => urls_file = Some(PathBuf::from(args.value(arg)?)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    let starting = std::time::Instant::now();
    let sandbox = Sandbox::start(config).map_err(|e| e.to_string())?;
    let urls = sandbox.urls();
    println!(
        "bitrix-sandbox is running (ready in {:.2} s)",
        starting.elapsed().as_secs_f64()
    );
    println!("  widget   {}", urls.widget);
    println!("  portal   {}", urls.portal);
    println!("  store    {}", urls.store);
    println!("  store webhook   {}", urls.store_webhook);
    println!("  portal webhook  {}", urls.portal_webhook);
    println!("  deals (admin)   {}/crm/deal/?user=1&lang=ru", urls.portal);
    println!("  deals (rep)     {}/crm/deal/?user=2&lang=ru", urls.portal);
    println!(
        "  app page        {}/marketplace/app/storelink/?user=1",
        urls.portal
    );
    println!("  control         {}/_sandbox/stats", urls.portal);
    println!("Ctrl-C stops it.");
    if let Some(path) = urls_file {
        let text = serde_json::to_string_pretty(urls).map_err(|e| e.to_string())?;
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime
        .block_on(tokio::signal::ctrl_c())
        .map_err(|e| e.to_string())?;
    println!("stopping");
    drop(sandbox);
    Ok(())
}

fn run_bench(items: &[String]) -> Result<(), String> {
    let mut seed = Seed::Demo;
    let mut clients = 8usize;
    let mut seconds = 3u64;
    let mut args = Args { items, at: 0 };
    while let Some(arg) = args.next() {
        match arg {
            "--seed" => seed = Seed::parse(args.value(arg)?),
            "--clients" => clients = args.number(arg)?,
            "--seconds" => seconds = args.number(arg)?,
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    println!("bench: crm.deal.get over {clients} keep-alive loopback connections for {seconds} s");
    let result =
        bench::run(seed, clients, Duration::from_secs(seconds)).map_err(|e| e.to_string())?;
    println!(
        "bench: the sandbox started (data set generated and loaded) in {:.2} s",
        result.started_in.as_secs_f64()
    );
    println!(
        "bench: {} requests ({} failed) in {:.2} s = {:.0} requests/s",
        result.requests,
        result.failures,
        result.elapsed.as_secs_f64(),
        result.per_second()
    );
    Ok(())
}
