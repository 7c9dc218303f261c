//! What differs between native targets (futures may cross threads) and `wasm32` (they may not).
//!
//! Natively every future and shared value of this crate is `Send + Sync`, so a client can be
//! used from a multi-threaded runtime. In the browser nothing is `Send` (JS values are not), so
//! the same bounds relax to nothing.

use std::future::Future;
use std::pin::Pin;

/// `Send` natively, nothing in `wasm32`.
///
/// ```
/// fn spawnable<F: std::future::Future + bitrix_rest::MaybeSend>(_: F) {}
/// spawnable(async {});
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSend: Send {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + ?Sized> MaybeSend for T {}

/// `Send` natively, nothing in `wasm32`.
///
/// ```
/// fn spawnable<F: std::future::Future + bitrix_rest::MaybeSend>(_: F) {}
/// spawnable(async {});
/// ```
#[cfg(target_arch = "wasm32")]
pub trait MaybeSend {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSend for T {}

/// `Sync` natively, nothing in `wasm32`.
///
/// ```
/// fn shareable<T: bitrix_rest::MaybeSync>(_: &T) {}
/// shareable(&1);
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSync: Sync {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Sync + ?Sized> MaybeSync for T {}

/// `Sync` natively, nothing in `wasm32`.
///
/// ```
/// fn shareable<T: bitrix_rest::MaybeSync>(_: &T) {}
/// shareable(&1);
/// ```
#[cfg(target_arch = "wasm32")]
pub trait MaybeSync {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSync for T {}

/// A boxed future: `Send` natively, not in `wasm32`.
///
/// ```
/// let f: bitrix_rest::BoxFuture<'static, u8> = Box::pin(async { 7 });
/// # drop(f);
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A boxed future: `Send` natively, not in `wasm32`.
///
/// ```
/// let f: bitrix_rest::BoxFuture<'static, u8> = Box::pin(async { 7 });
/// # drop(f);
/// ```
#[cfg(target_arch = "wasm32")]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Locks a mutex, ignoring poisoning: the state guarded here stays consistent even if a holder
/// panicked, because every critical section is a few plain assignments.
pub(crate) fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
