//! Multi-row inserts for loading data sets: rows are buffered and written `ROWS` at a time by
//! one cached `INSERT … VALUES (…), (…), …` statement, so the per-statement work (and the
//! `AUTOINCREMENT` bookkeeping, done once per statement) is shared by many rows.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, params_from_iter};

/// Rows per statement: 64 rows of up to 20 columns stay far below SQLite's variable limit.
const ROWS: usize = 64;

/// A buffered insert into one table. Call [`Bulk::finish`] to write the last rows.
pub struct Bulk<'c> {
    conn: &'c Connection,
    /// `INSERT INTO t (a, b, c) VALUES`
    head: &'static str,
    /// One row's values: `(?, ?, 'store', ?)`.
    row: &'static str,
    columns: usize,
    pending: Vec<Sql>,
}

impl<'c> Bulk<'c> {
    /// `head` is `INSERT INTO table (columns) VALUES`, `row` one row's tuple with a `?` for
    /// every value [`Bulk::push`] gives (literals allowed).
    pub fn new(conn: &'c Connection, head: &'static str, row: &'static str) -> Bulk<'c> {
        let columns = row.matches('?').count();
        Bulk {
            conn,
            head,
            row,
            columns,
            pending: Vec::with_capacity(columns * ROWS),
        }
    }

    /// Adds one row; its values in the order of the row's `?`s.
    pub fn push<const N: usize>(&mut self, values: [Sql; N]) -> rusqlite::Result<()> {
        debug_assert_eq!(N, self.columns, "{}", self.head);
        self.pending.extend(values);
        if self.pending.len() >= self.columns * ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> rusqlite::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows = self.pending.len() / self.columns.max(1);
        let sql = format!("{} {}", self.head, vec![self.row; rows].join(", "));
        self.conn
            .prepare_cached(&sql)?
            .execute(params_from_iter(self.pending.drain(..)))?;
        Ok(())
    }

    /// Writes what is still buffered.
    pub fn finish(mut self) -> rusqlite::Result<()> {
        self.flush()
    }
}

/// Text or NULL.
pub fn text(value: Option<impl Into<String>>) -> Sql {
    value.map_or(Sql::Null, |v| Sql::Text(v.into()))
}

/// An integer or NULL.
pub fn int(value: Option<u64>) -> Sql {
    value.map_or(Sql::Null, |v| Sql::Integer(v as i64))
}

/// `Y` / `N`.
pub fn yes_no(flag: bool) -> Sql {
    Sql::Text(if flag { "Y" } else { "N" }.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_beyond_one_statement_are_all_written_in_order() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, side TEXT, n INTEGER, label TEXT)")
            .unwrap();
        let mut bulk = Bulk::new(
            &conn,
            "INSERT INTO t (side, n, label) VALUES",
            "('x', ?, ?)",
        );
        for n in 0..(ROWS as i64 * 2 + 5) {
            bulk.push([Sql::Integer(n), text((n % 2 == 0).then(|| format!("n{n}")))])
                .unwrap();
        }
        bulk.finish().unwrap();
        let (count, first_gap, last): (i64, i64, String) = conn
            .query_row(
                "SELECT COUNT(*), SUM(id - 1 <> n), (SELECT label FROM t ORDER BY id DESC LIMIT 1) FROM t WHERE side = 'x'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(count, ROWS as i64 * 2 + 5);
        assert_eq!(first_gap, 0, "rows keep their order");
        assert_eq!(last, format!("n{}", ROWS * 2 + 4));
    }
}
