//! The current user: `user.current`.

use serde_json::Value;

use super::handler;
use crate::models::app::User;
use crate::{Clock, Command, Error, Transport};

/// `user.current`.
///
/// ```
/// assert_eq!(bitrix_rest::methods::users::current().method(), "user.current");
/// ```
pub fn current() -> Command<User> {
    Command::decoded("user.current", Value::Null)
}

handler!(
    /// Users. Reach it with [`Client::users`](crate::Client::users).
    users => users::Users
);

impl<T: Transport, C: Clock> Users<'_, T, C> {
    /// The user the token or webhook belongs to.
    ///
    /// ```no_run
    /// # async fn run(client: bitrix_rest::Client) -> Result<(), bitrix_rest::Error> {
    /// let me = client.users().current().await?;
    /// println!("{} {}", me.name, me.last_name);
    /// # Ok(()) }
    /// ```
    pub async fn current(self) -> Result<User, Error> {
        self.client.send(current()).await
    }
}
