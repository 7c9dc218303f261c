//! Errors of starting and controlling a sandbox.

use thiserror::Error;

/// Why the sandbox could not start or do what it was asked.
#[derive(Debug, Error)]
pub enum SandboxError {
    #[error("cannot listen on {what} port {port}: {source}")]
    Bind {
        what: &'static str,
        port: u16,
        source: std::io::Error,
    },
    #[error("cannot start the runtime: {0}")]
    Runtime(std::io::Error),
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("cannot read seed file {path}: {source}")]
    SeedFile {
        path: String,
        source: std::io::Error,
    },
    #[error("seed is not valid JSON: {0}")]
    SeedJson(String),
    #[error("seed: {0}")]
    SeedInvalid(String),
    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: u64 },
    #[error("invalid edit: {0}")]
    InvalidEdit(String),
    #[error("the sandbox stopped")]
    Stopped,
}
