//! Cancelling in-flight calls, e.g. when the UI component that started them goes away.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use crate::platform::{MaybeSend, lock};

#[cfg(not(target_arch = "wasm32"))]
type Callback = Box<dyn FnOnce() + Send>;
#[cfg(target_arch = "wasm32")]
type Callback = Box<dyn FnOnce()>;

/// A cancellation flag shared by clones. A client bound to it with
/// [`Client::with_cancel`](crate::Client::with_cancel) stops every call once it is cancelled:
/// waits end, in-flight requests are aborted (the browser transport aborts its `fetch`), and the
/// calls fail with [`ErrorKind::Cancelled`](crate::ErrorKind::Cancelled).
///
/// ```
/// let cancel = bitrix_rest::Cancel::new();
/// let seen_by_a_call = cancel.clone();
/// assert!(!seen_by_a_call.is_cancelled());
/// cancel.cancel();
/// assert!(seen_by_a_call.is_cancelled());
/// ```
#[derive(Clone, Default)]
pub struct Cancel {
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    cancelled: bool,
    wakers: Vec<(u64, Waker)>,
    next_id: u64,
    callbacks: Vec<(u64, Callback)>,
}

impl std::fmt::Debug for Cancel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cancel")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

impl Cancel {
    /// A flag not yet cancelled.
    ///
    /// ```
    /// assert!(!bitrix_rest::Cancel::new().is_cancelled());
    /// ```
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Cancels: wakes every waiter and runs every registered abort callback (once).
    ///
    /// ```
    /// let c = bitrix_rest::Cancel::new();
    /// c.cancel();
    /// c.cancel(); // idempotent
    /// assert!(c.is_cancelled());
    /// ```
    pub fn cancel(&self) {
        let (wakers, callbacks) = {
            let mut s = lock(&self.state);
            if s.cancelled {
                return;
            }
            s.cancelled = true;
            (
                std::mem::take(&mut s.wakers),
                std::mem::take(&mut s.callbacks),
            )
        };
        wakers.into_iter().for_each(|(_, w)| w.wake());
        callbacks.into_iter().for_each(|(_, f)| f());
    }

    /// True once cancelled.
    ///
    /// ```
    /// assert!(!bitrix_rest::Cancel::new().is_cancelled());
    /// ```
    pub fn is_cancelled(&self) -> bool {
        lock(&self.state).cancelled
    }

    /// A future that completes when this flag is cancelled.
    ///
    /// ```
    /// # futures::executor::block_on(async {
    /// let c = bitrix_rest::Cancel::new();
    /// c.cancel();
    /// c.cancelled().await;
    /// # });
    /// ```
    pub fn cancelled(&self) -> Cancelled {
        Cancelled {
            cancel: self.clone(),
            slot: None,
        }
    }

    /// Runs `f` when cancelled (at once if already cancelled) unless the returned registration
    /// is dropped first. Transports use it to abort a request.
    ///
    /// ```
    /// use std::sync::{Arc, atomic::{AtomicBool, Ordering}};
    /// let c = bitrix_rest::Cancel::new();
    /// let hit = Arc::new(AtomicBool::new(false));
    /// let h = hit.clone();
    /// let _registration = c.on_cancel(move || h.store(true, Ordering::SeqCst));
    /// c.cancel();
    /// assert!(hit.load(Ordering::SeqCst));
    /// ```
    pub fn on_cancel(&self, f: impl FnOnce() + MaybeSend + 'static) -> Registration {
        let mut s = lock(&self.state);
        if s.cancelled {
            drop(s);
            f();
            return Registration { slot: None };
        }
        let id = s.next_id;
        s.next_id += 1;
        s.callbacks.push((id, Box::new(f)));
        Registration {
            slot: Some((self.clone(), id)),
        }
    }

    /// A guard that cancels this flag when dropped: keep it in a UI component's state so its
    /// calls stop when it unmounts.
    ///
    /// ```
    /// let c = bitrix_rest::Cancel::new();
    /// drop(c.guard());
    /// assert!(c.is_cancelled());
    /// ```
    pub fn guard(&self) -> CancelOnDrop {
        CancelOnDrop(self.clone())
    }
}

/// Cancels its [`Cancel`] when dropped.
///
/// ```
/// let c = bitrix_rest::Cancel::new();
/// { let _guard = c.guard(); }
/// assert!(c.is_cancelled());
/// ```
#[derive(Debug)]
pub struct CancelOnDrop(Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// A callback registered with [`Cancel::on_cancel`]; dropping it unregisters the callback.
///
/// ```
/// let c = bitrix_rest::Cancel::new();
/// let registration = c.on_cancel(|| panic!("not called: unregistered first"));
/// drop(registration);
/// c.cancel();
/// ```
#[derive(Debug)]
pub struct Registration {
    slot: Option<(Cancel, u64)>,
}

impl Drop for Registration {
    fn drop(&mut self) {
        if let Some((cancel, id)) = self.slot.take() {
            lock(&cancel.state).callbacks.retain(|(i, _)| *i != id);
        }
    }
}

/// The future of [`Cancel::cancelled`].
///
/// ```
/// # futures::executor::block_on(async {
/// let cancel = bitrix_rest::Cancel::new();
/// let waiting: bitrix_rest::Cancelled = cancel.cancelled();
/// cancel.cancel();
/// waiting.await;
/// # });
/// ```
#[derive(Debug)]
pub struct Cancelled {
    cancel: Cancel,
    /// The id of this future's waker in the shared list, once registered.
    slot: Option<u64>,
}

impl Future for Cancelled {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        let mut s = lock(&this.cancel.state);
        if s.cancelled {
            return Poll::Ready(());
        }
        let id = match this.slot {
            Some(id) => id,
            None => {
                let id = s.next_id;
                s.next_id += 1;
                this.slot = Some(id);
                id
            }
        };
        let waker = cx.waker().clone();
        match s.wakers.iter_mut().find(|(i, _)| *i == id) {
            Some((_, w)) => *w = waker,
            None => s.wakers.push((id, waker)),
        }
        Poll::Pending
    }
}

impl Drop for Cancelled {
    fn drop(&mut self) {
        if let Some(id) = self.slot {
            lock(&self.cancel.state).wakers.retain(|(i, _)| *i != id);
        }
    }
}
