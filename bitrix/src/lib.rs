#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

mod auth;
mod batch;
mod cancel;
mod client;
mod clock;
mod command;
pub mod encode;
mod envelope;
mod error;
mod limiter;
mod list;
pub mod methods;
pub mod models;
#[cfg(not(target_arch = "wasm32"))]
pub mod oauth;
mod platform;
mod retry;
mod transport;
pub mod value;

pub use auth::{Token, WebhookUrl};
pub use batch::{Batch, BatchResults, Handle, MAX_COMMANDS};
pub use cancel::{Cancel, CancelOnDrop, Cancelled, Registration};
pub use client::{Client, ClientBuilder};
#[cfg(target_arch = "wasm32")]
pub use clock::BrowserClock;
#[cfg(not(target_arch = "wasm32"))]
pub use clock::TokioClock;
pub use clock::{Clock, DefaultClock, ManualClock};
pub use command::Command;
pub use envelope::{Reply, Time};
pub use error::{Error, ErrorKind, RestCode};
pub use limiter::{LeakyBucket, RateLimit};
pub use list::{ListQuery, PAGE_SIZE};
pub use platform::{BoxFuture, MaybeSend, MaybeSync};
pub use retry::{Access, RetryPolicy};
#[cfg(target_arch = "wasm32")]
pub use transport::FetchTransport;
#[cfg(not(target_arch = "wasm32"))]
pub use transport::NativeTransport;
pub use transport::{
    DefaultTransport, FORM_CONTENT_TYPE, HttpRequest, HttpResponse, REQUEST_TIMEOUT, Transport,
    TransportError,
};
pub use value::Decimal;
