//! The widget origin: the app's static files, as Bitrix24 hosts a static app.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

const DEMO_INDEX: &str = include_str!("assets/demo-app/index.html");
const DEMO_INSTALL: &str = include_str!("assets/demo-app/install.html");
const DEMO_SCRIPT: &str = include_str!("assets/demo-app/app.js");

/// MIME type by extension; `.wasm` must be `application/wasm` for streaming compilation.
pub fn mime(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The path under the root, refusing `..` and absolute parts.
fn resolve(root: &Path, uri_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(uri_path)
        .decode_utf8()
        .ok()?;
    let mut out = root.to_path_buf();
    for part in Path::new(decoded.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    Some(out)
}

fn file_response(status: StatusCode, mime: &'static str, body: Vec<u8>) -> Response {
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

pub async fn serve(State(state): State<Arc<AppState>>, uri: Uri) -> Response {
    state.stats.request("widget");
    let path = uri.path();
    let Some(root) = &state.widget_dir else {
        // No widget built: the demo app that exercises the frame protocol.
        return match path {
            "/" | "/index.html" => file_response(
                StatusCode::OK,
                "text/html; charset=utf-8",
                DEMO_INDEX.into(),
            ),
            "/install.html" => file_response(
                StatusCode::OK,
                "text/html; charset=utf-8",
                DEMO_INSTALL.into(),
            ),
            "/app.js" => file_response(
                StatusCode::OK,
                "text/javascript; charset=utf-8",
                DEMO_SCRIPT.into(),
            ),
            _ => file_response(
                StatusCode::NOT_FOUND,
                "text/plain; charset=utf-8",
                b"Not found".to_vec(),
            ),
        };
    };
    let Some(file) = resolve(root, path) else {
        return file_response(
            StatusCode::BAD_REQUEST,
            "text/plain; charset=utf-8",
            b"Bad path".to_vec(),
        );
    };
    match tokio::fs::read(&file).await {
        Ok(body) => file_response(StatusCode::OK, mime(&file), body),
        Err(_) => file_response(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            b"Not found".to_vec(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wasm_is_served_as_application_wasm() {
        assert_eq!(mime(Path::new("pkg/storelink_bg.wasm")), "application/wasm");
        assert_eq!(mime(Path::new("index.html")), "text/html; charset=utf-8");
    }

    #[test]
    fn paths_cannot_leave_the_root() {
        assert_eq!(resolve(Path::new("/srv/w"), "/../etc/passwd"), None);
        assert_eq!(
            resolve(Path::new("/srv/w"), "/a/b.js"),
            Some(PathBuf::from("/srv/w/a/b.js"))
        );
    }
}
