//! Bulk loading for benchmarks and demo data: many rows per statement, written the
//! same way on both backends. Not for request paths, which go through the per-table
//! modules and their checks.

use crate::{Conn, StoreError};
use sqlx::Any;
use sqlx::any::AnyArguments;
use sqlx::query::Query;

/// One value of a bulk row.
#[derive(Debug, Clone)]
pub enum Value {
    Int(i64),
    Text(String),
    Null,
}

/// Bound values per statement. Well under both backends' limits, and small enough
/// that SQLite's parser, which looks named parameters up one by one, stays fast.
const MAX_PARAMS: usize = 4_000;

fn bind<'q>(
    query: Query<'q, Any, AnyArguments<'q>>,
    value: &Value,
) -> Query<'q, Any, AnyArguments<'q>> {
    match value {
        Value::Int(v) => query.bind(*v),
        Value::Text(v) => query.bind(v.clone()),
        Value::Null => query.bind(None::<i64>),
    }
}

/// Inserts `rows` into `table`, skipping rows that clash with an existing key.
pub async fn insert(
    db: &mut Conn,
    table: &str,
    columns: &[&str],
    rows: &[Vec<Value>],
) -> Result<(), StoreError> {
    let per_statement = (MAX_PARAMS / columns.len()).max(1);
    // SQLite takes anonymous `?` parameters in order; PostgreSQL needs `$n`.
    let anonymous = db.backend_name() == "SQLite";
    for chunk in rows.chunks(per_statement) {
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        let mut n = 0;
        for (i, _) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            sql.push('(');
            for c in 0..columns.len() {
                if c > 0 {
                    sql.push(',');
                }
                n += 1;
                if anonymous {
                    sql.push('?');
                } else {
                    sql.push_str(&format!("${n}"));
                }
            }
            sql.push(')');
        }
        sql.push_str(" ON CONFLICT DO NOTHING");
        let mut query = sqlx::query(&sql);
        for row in chunk {
            for value in row {
                query = bind(query, value);
            }
        }
        query.execute(&mut *db).await?;
    }
    Ok(())
}

/// Refreshes the planner's statistics after a bulk load, as autovacuum would later.
pub async fn analyze(db: &mut Conn) -> Result<(), StoreError> {
    sqlx::query("ANALYZE").execute(db).await?;
    Ok(())
}

/// Sets when every API token was last used. Benchmarks use it to present credentials
/// as a long-running server finds them: used more than a minute ago, so the next
/// request with each records its use, or used just now, so it does not.
pub async fn set_api_tokens_last_used(db: &mut Conn, at: i64) -> Result<u64, StoreError> {
    let done = sqlx::query("UPDATE api_tokens SET last_used_at = $1")
        .bind(at)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}
