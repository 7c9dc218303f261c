//! OAuth tokens the portal issued: access tokens expire, refresh tokens give new pairs.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::Token;
use crate::rng;

#[derive(Debug, Clone)]
struct Grant {
    user_id: u64,
    expires: Instant,
}

/// What an access token stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenCheck {
    Valid(u64),
    Expired,
    Unknown,
}

#[derive(Debug)]
pub struct TokenStore {
    ttl: Mutex<Duration>,
    access: Mutex<HashMap<String, Grant>>,
    refresh: Mutex<HashMap<String, u64>>,
}

impl TokenStore {
    pub fn new(ttl: Duration) -> TokenStore {
        TokenStore {
            ttl: Mutex::new(ttl),
            access: Mutex::new(HashMap::new()),
            refresh: Mutex::new(HashMap::new()),
        }
    }

    pub fn ttl(&self) -> Duration {
        *lock(&self.ttl)
    }

    pub fn set_ttl(&self, ttl: Duration) {
        *lock(&self.ttl) = ttl;
    }

    /// A fresh pair for `user_id`.
    pub fn issue(&self, user_id: u64) -> Token {
        let ttl = self.ttl();
        let access_token = rng::secret(24);
        let refresh_token = rng::secret(24);
        lock(&self.access).insert(
            access_token.clone(),
            Grant {
                user_id,
                expires: Instant::now() + ttl,
            },
        );
        lock(&self.refresh).insert(refresh_token.clone(), user_id);
        Token {
            access_token,
            refresh_token,
            expires_in: ttl.as_secs(),
        }
    }

    pub fn check(&self, access_token: &str) -> TokenCheck {
        match lock(&self.access).get(access_token) {
            Some(g) if g.expires > Instant::now() => TokenCheck::Valid(g.user_id),
            Some(_) => TokenCheck::Expired,
            None => TokenCheck::Unknown,
        }
    }

    /// Trades a refresh token for a new pair; the old refresh token is spent.
    pub fn refresh(&self, refresh_token: &str) -> Option<(u64, Token)> {
        let user = lock(&self.refresh).remove(refresh_token)?;
        Some((user, self.issue(user)))
    }

    /// Every access token expires now (refresh tokens stay valid).
    pub fn expire_all(&self) {
        let past = Instant::now();
        for grant in lock(&self.access).values_mut() {
            grant.expires = past;
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Nothing panics while holding these locks; recover the data if that ever changes.
    m.lock().unwrap_or_else(|p| p.into_inner())
}
