//! The SQLite database behind both systems: one connection, every write in a transaction.

pub mod bulk;
pub mod schema;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
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
        // `ulower(x)`: text folded as MySQL's utf8 collations compare it in Bitrix ([`fold`]),
        // so that LIKE filters ignore case in Cyrillic too. Registered first: the schema's
        // folded columns are computed with it.
        conn.create_scalar_function(
            "ulower",
            1,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
            |ctx| {
                Ok(match ctx.get_raw(0) {
                    ValueRef::Text(bytes) => Some(fold(&String::from_utf8_lossy(bytes))),
                    ValueRef::Integer(i) => Some(i.to_string()),
                    ValueRef::Real(f) => Some(f.to_string()),
                    ValueRef::Null | ValueRef::Blob(_) => None,
                })
            },
        )?;
        schema::create(&conn)?;
        schema::create_indexes(&conn)?;
        // Every statement of the hot paths stays prepared.
        conn.set_prepared_statement_cache_capacity(256);
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

/// Text as MySQL's utf8 collations compare it: lower case, `ё` read as `е` and accented Latin
/// letters as plain ones (the general and Unicode collations Bitrix runs on hold them equal, so
/// `зерна` finds `зёрна` and `avene` finds `Avène`).
pub fn fold(text: &str) -> String {
    text.to_lowercase()
        .replace('ё', "е")
        .chars()
        .map(|c| {
            ACCENTED
                .iter()
                .find(|(accented, _)| accented.contains(c))
                .map_or(c, |(_, plain)| *plain)
        })
        .collect()
}

/// Accented Latin letters (lower case) and the plain letter MySQL's collations read them as.
const ACCENTED: [(&str, char); 12] = [
    ("àáâãäåāă", 'a'),
    ("çćč", 'c'),
    ("ďđ", 'd'),
    ("èéêëēěę", 'e'),
    ("ìíîïī", 'i'),
    ("ñńň", 'n'),
    ("òóôõöøō", 'o'),
    ("ùúûüūů", 'u'),
    ("ýÿ", 'y'),
    ("śšş", 's'),
    ("źżž", 'z'),
    ("ř", 'r'),
];

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_folds_as_mysqls_collations_compare_it() {
        assert_eq!(fold("Зёрна"), "зерна");
        assert_eq!(fold("Avène L'ORÉAL Crème"), "avene l'oreal creme");
        // Cyrillic letters are their own: й is not и.
        assert_eq!(fold("Йод"), "йод");
    }

    #[test]
    fn a_database_file_of_an_older_schema_is_made_anew() {
        let path = std::env::temp_dir().join(format!("sandbox-schema-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        {
            let old = Connection::open(&path).unwrap();
            old.execute_batch(
                "CREATE TABLE products (side TEXT, id INTEGER, name TEXT); PRAGMA user_version = 1;",
            )
            .unwrap();
        }
        let db = Db::open(Some(&path)).unwrap();
        let conn = db.lock();
        conn.execute(
            "INSERT INTO products (side, id, iblock_id, name, date_create, timestamp_x)
             VALUES ('store', 1, 2, 'Кофе ЭСПРЕССО', '', '')",
            [],
        )
        .unwrap();
        let folded: String = conn
            .query_row("SELECT name_folded FROM products", [], |r| r.get(0))
            .unwrap();
        assert_eq!(folded, "кофе эспрессо");
        let version: i32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, schema::VERSION);
        drop(conn);
        drop(db);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
}
