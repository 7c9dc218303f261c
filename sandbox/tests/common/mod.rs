//! A tiny blocking HTTP/1.1 client for the tests: enough to talk to the sandbox over real
//! sockets without pulling in an HTTP client crate.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use bitrix_sandbox::{Sandbox, SandboxConfig, Seed};
use serde_json::{Value, json};

pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub fn request(method: &str, url: &str, content_type: Option<&str>, body: &str) -> Answer {
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let mut stream = TcpStream::connect(host).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(ct) = content_type {
        head.push_str(&format!("Content-Type: {ct}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("write");
    stream.write_all(body.as_bytes()).expect("write body");
    let mut raw = vec![];
    stream.read_to_end(&mut raw).expect("read");
    parse(&raw)
}

fn parse(raw: &[u8]) -> Answer {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| {
            l.split_once(':')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        })
        .collect();
    if headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = vec![];
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&data[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
    out
}

pub fn get(url: &str) -> Answer {
    request("GET", url, None, "")
}

pub fn post_form(url: &str, body: &str) -> Answer {
    request("POST", url, Some("application/x-www-form-urlencoded"), body)
}

pub fn post_json(url: &str, body: &Value) -> Answer {
    request("POST", url, Some("application/json"), &body.to_string())
}

/// A demo sandbox without rate limiting (tests that need the limit turn it on).
pub fn sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig {
        rate_limit: None,
        ..SandboxConfig::default()
    })
    .expect("sandbox starts")
}

/// Calls a portal method with a fresh token of `user`, parameters as JSON.
pub fn portal_call(sandbox: &Sandbox, user: u64, method: &str, params: Value) -> Answer {
    let token = sandbox.issue_token(user);
    let mut params = params;
    params["auth"] = Value::String(token.access_token);
    post_json(
        &format!("{}/rest/{method}.json", sandbox.urls().portal),
        &params,
    )
}

/// Calls a store method through the store's webhook.
pub fn store_call(sandbox: &Sandbox, method: &str, params: Value) -> Answer {
    post_json(
        &format!("{}{method}.json", sandbox.urls().store_webhook),
        &params,
    )
}

/// Orders whose buyers wrote the same phone and e-mail in different ways, contacts with one
/// surname in two letter cases, deals titled `Заказ #…` in two letter cases.
pub fn buyers() -> Sandbox {
    let order = |id: u64, properties: Value| json!({"id": id, "status": "N", "basket": [{"productId": 0, "name": "Доставка", "price": 1, "quantity": 1}], "properties": properties});
    let seed = json!({
        "portal": {
            "contacts": [
                {"id": 1, "name": "Иван", "lastName": "Петров"},
                {"id": 2, "name": "Мария", "lastName": "ПЕТРОВА"},
                {"id": 3, "name": "Олег", "lastName": "Сидоров"}
            ],
            "deals": [
                {"id": 1, "title": "Заказ #7", "stage": "NEW"},
                {"id": 2, "title": "Заказ #75", "stage": "NEW"},
                {"id": 3, "title": "заказ #8", "stage": "NEW"},
                {"id": 4, "title": "Звонок", "stage": "NEW"}
            ]
        },
        "store": {
            "warehouses": [{"id": 1, "title": "Склад"}],
            "orders": [
                order(1, json!({"PHONE": "8 (916) 123-45-67", "EMAIL": "Ivan@Example.RU"})),
                order(2, json!({"PHONE": "+7 916 123-45-67"})),
                order(3, json!({"PHONE": "+79161234568"})),
                order(4, json!({"PHONE": "89161234567"})),
                order(5, json!({"EMAIL": "ivan@example.ru", "FIO": "Петров Иван"})),
                order(6, json!({"FIO": "ПЕТРОВА Мария"})),
                order(10, json!({})),
                order(11, json!({}))
            ]
        }
    });
    Sandbox::start(SandboxConfig {
        seed: Seed::Json(seed.to_string()),
        rate_limit: None,
        ..Default::default()
    })
    .unwrap()
}
