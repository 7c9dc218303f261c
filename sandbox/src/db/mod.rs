//! The SQLite database behind both systems: one connection, every write in a transaction.

pub mod bulk;
pub mod schema;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, Transaction};

/// The database. A single connection behind a mutex: SQLite serializes writers anyway, and a
/// call holds it only for microseconds, so concurrent requests are safe and still fast.
pub struct Db {
    conn: Mutex<Connection>,
}

impl Db {
    /// Opens (or creates) the database; `None` keeps it in memory.
    pub fn open(path: Option<&Path>) -> rusqlite::Result<Db> {
        let conn = match path {
            Some(path) => Connection::open(path)?,
            None => Connection::open_in_memory()?,
        };
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;",
        )?;
        conn.execute_batch(schema::SCHEMA)?;
        schema::create_indexes(&conn)?;
        // Every statement of the hot paths stays prepared.
        conn.set_prepared_statement_cache_capacity(256);
        // `ulower(x)`: Unicode lower case, so that LIKE filters ignore case in Cyrillic too,
        // as MySQL's utf8 collations do in Bitrix.
        conn.create_scalar_function(
            "ulower",
            1,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
            |ctx| {
                let text: Option<String> = ctx.get(0)?;
                Ok(text.map(|t| t.to_lowercase()))
            },
        )?;
        Ok(Db {
            conn: Mutex::new(conn),
        })
    }

    /// The connection, for reads.
    pub fn lock(&self) -> MutexGuard<'_, Connection> {
        // A poisoned lock means a panic happened while holding it; the connection itself is
        // still consistent (SQLite rolled back), so keep serving.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `work` in one transaction: all of it is written, or none.
    pub fn write<T, E>(&self, work: impl FnOnce(&Transaction) -> Result<T, E>) -> Result<T, E>
    where
        E: From<rusqlite::Error>,
    {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let out = work(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// True when the database holds no data set yet.
    pub fn is_empty(&self) -> rusqlite::Result<bool> {
        let conn = self.lock();
        let count: i64 = conn.query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?;
        Ok(count == 0)
    }
}

/// Deletes every row of every table.
pub fn clear(tx: &Transaction) -> rusqlite::Result<()> {
    for table in schema::TABLES {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    tx.execute("DELETE FROM sqlite_sequence", [])
        .or_else(|_| Ok::<usize, rusqlite::Error>(0))?;
    Ok(())
}

/// A value of the `meta` table.
pub fn meta(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    use rusqlite::OptionalExtension;
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}
