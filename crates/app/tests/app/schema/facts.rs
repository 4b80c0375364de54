//! Each backend's schema, read from its own catalog, as a set of facts worded alike
//! for both: tables, columns with their type family, NOT NULL and default, primary
//! keys, unique and other indexes by their columns, and foreign keys with their
//! ON DELETE action. Two schemas agree when their facts are the same.

use hearth_testkit::sqlx::{self, Connection};
use std::collections::{BTreeMap, BTreeSet};

/// One statement about a schema, e.g. `column users.email: text NOT NULL`.
pub type Facts = BTreeSet<String>;

/// What the SQLite database at `url` says of its schema. The full-text indexes (FTS5 virtual tables and the shadow tables
/// that hold them) are left out: they are SQLite's search engine, as the
/// `search_vector` columns and their GIN indexes are PostgreSQL's
/// (`KNOWN_DIFFERENCES`).
pub async fn sqlite(url: &str) -> Facts {
    let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master t WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' \
         AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.type = 'table' \
                         AND v.sql LIKE 'CREATE VIRTUAL TABLE%' \
                         AND (t.name = v.name OR t.name LIKE v.name || '\\_%' ESCAPE '\\')) \
         ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let mut primary_keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut facts = Facts::new();
    let mut foreign_keys = Vec::new();
    for table in &tables {
        facts.insert(format!("table {table}"));
        let columns: Vec<(String, String, bool, Option<String>, i64)> = sqlx::query_as(
            "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($1)",
        )
        .bind(table)
        .fetch_all(&mut conn)
        .await
        .unwrap();
        let mut key: Vec<(i64, String)> = columns
            .iter()
            .filter(|c| c.4 > 0)
            .map(|c| (c.4, c.0.clone()))
            .collect();
        key.sort();
        let key: Vec<String> = key.into_iter().map(|(_, name)| name).collect();
        for (name, declared, not_null, default, _) in &columns {
            let family = sqlite_family(declared);
            // An INTEGER PRIMARY KEY is the rowid, which is never NULL; any other key
            // column of SQLite takes NULL unless declared NOT NULL.
            let rowid =
                key.len() == 1 && key[0] == *name && declared.eq_ignore_ascii_case("INTEGER");
            facts.insert(column(
                table,
                name,
                family,
                *not_null || rowid,
                default.as_deref(),
            ));
        }
        if !key.is_empty() {
            facts.insert(format!("primary key {table} ({})", key.join(", ")));
        }
        primary_keys.insert(table.clone(), key);

        let indexes: Vec<(String, bool, String, bool)> =
            sqlx::query_as("SELECT name, \"unique\", origin, partial FROM pragma_index_list($1)")
                .bind(table)
                .fetch_all(&mut conn)
                .await
                .unwrap();
        for (index, unique, origin, partial) in indexes {
            if origin == "pk" {
                continue;
            }
            let columns: Vec<Option<String>> =
                sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&index)
                    .fetch_all(&mut conn)
                    .await
                    .unwrap();
            let columns: Vec<String> = columns
                .into_iter()
                .map(|c| c.unwrap_or_else(|| "<expression>".to_owned()))
                .collect();
            facts.insert(index_fact(table, unique, &columns, partial));
        }

        let keys: Vec<(i64, String, String, Option<String>, String)> = sqlx::query_as(
            "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list($1) \
             ORDER BY id, seq",
        )
        .bind(table)
        .fetch_all(&mut conn)
        .await
        .unwrap();
        let mut by_id: BTreeMap<i64, SqliteForeignKey> = BTreeMap::new();
        for (id, target, from, to, on_delete) in keys {
            let key = by_id.entry(id).or_insert_with(|| SqliteForeignKey {
                table: table.clone(),
                target,
                from: Vec::new(),
                to: Vec::new(),
                on_delete,
            });
            key.from.push(from);
            key.to.push(to);
        }
        foreign_keys.extend(by_id.into_values());
    }
    // `REFERENCES users` without columns names the referenced table's primary key.
    for key in foreign_keys {
        let to: Vec<String> = if key.to.iter().all(Option::is_none) {
            primary_keys.get(&key.target).cloned().unwrap_or_default()
        } else {
            key.to.into_iter().flatten().collect()
        };
        facts.insert(foreign_key(
            &key.table,
            &key.from,
            &key.target,
            &to,
            &key.on_delete,
        ));
    }
    facts
}

/// One foreign key as `pragma_foreign_key_list` gives it, a row per column.
struct SqliteForeignKey {
    table: String,
    target: String,
    from: Vec<String>,
    /// `None` where the key names no column: the target's primary key.
    to: Vec<Option<String>>,
    on_delete: String,
}

/// What the PostgreSQL database at `url` says of its schema.
pub async fn postgres(url: &str) -> Facts {
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    let mut facts = Facts::new();
    let columns: Vec<(String, String, String, bool, Option<String>)> = sqlx::query_as(
        "SELECT c.table_name::text, c.column_name::text, c.data_type::text, \
         c.is_nullable = 'NO', c.column_default::text \
         FROM information_schema.columns c JOIN information_schema.tables t \
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' \
         AND c.table_name <> '_sqlx_migrations'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    for (table, name, data_type, not_null, default) in columns {
        facts.insert(format!("table {table}"));
        let family = postgres_family(&data_type);
        facts.insert(column(&table, &name, family, not_null, default.as_deref()));
    }

    // Key columns in index order; an expression has no attribute.
    let indexes: Vec<(String, bool, bool, bool, String)> = sqlx::query_as(
        "SELECT t.relname::text, ix.indisunique, ix.indisprimary, ix.indpred IS NOT NULL, \
           array_to_string(ARRAY( \
             SELECT COALESCE(a.attname::text, '<expression>') \
             FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, n) \
             LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum \
             WHERE k.n <= ix.indnkeyatts ORDER BY k.n), ',') \
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_namespace ns ON ns.oid = t.relnamespace \
         WHERE ns.nspname = current_schema() AND t.relname <> '_sqlx_migrations'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    for (table, unique, primary, partial, columns) in indexes {
        let columns: Vec<String> = columns.split(',').map(str::to_owned).collect();
        if primary {
            facts.insert(format!("primary key {table} ({})", columns.join(", ")));
        } else {
            facts.insert(index_fact(&table, unique, &columns, partial));
        }
    }

    let keys: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT cl.relname::text, \
           array_to_string(ARRAY( \
             SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n) \
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum \
             ORDER BY k.n), ','), \
           rf.relname::text, \
           array_to_string(ARRAY( \
             SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n) \
             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum \
             ORDER BY k.n), ','), \
           CASE c.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' \
             WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END \
         FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid \
         JOIN pg_class rf ON rf.oid = c.confrelid \
         JOIN pg_namespace ns ON ns.oid = cl.relnamespace \
         WHERE c.contype = 'f' AND ns.nspname = current_schema()",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    for (table, from, target, to, on_delete) in keys {
        let from: Vec<String> = from.split(',').map(str::to_owned).collect();
        let to: Vec<String> = to.split(',').map(str::to_owned).collect();
        facts.insert(foreign_key(&table, &from, &target, &to, &on_delete));
    }
    facts
}

fn column(table: &str, name: &str, family: &str, not_null: bool, default: Option<&str>) -> String {
    let mut fact = format!("column {table}.{name}: {family}");
    if not_null {
        fact.push_str(" NOT NULL");
    }
    if let Some(default) = default.and_then(normalized_default) {
        fact.push_str(&format!(" DEFAULT {default}"));
    }
    fact
}

fn index_fact(table: &str, unique: bool, columns: &[String], partial: bool) -> String {
    format!(
        "{} {table} ({}){}",
        if unique { "unique index" } else { "index" },
        columns.join(", "),
        if partial { " partial" } else { "" }
    )
}

fn foreign_key(
    table: &str,
    from: &[String],
    target: &str,
    to: &[String],
    on_delete: &str,
) -> String {
    format!(
        "foreign key {table} ({}) -> {target} ({}) ON DELETE {}",
        from.join(", "),
        to.join(", "),
        on_delete.to_ascii_uppercase()
    )
}

/// SQLite's type affinity rules, with BOOLEAN told apart from other numbers.
fn sqlite_family(declared: &str) -> &'static str {
    let declared = declared.to_ascii_uppercase();
    let has = |part: &str| declared.contains(part);
    if has("INT") {
        "integer"
    } else if has("CHAR") || has("CLOB") || has("TEXT") {
        "text"
    } else if has("BLOB") || declared.is_empty() {
        "bytes"
    } else if has("REAL") || has("FLOA") || has("DOUB") {
        "real"
    } else if has("BOOL") {
        "boolean"
    } else {
        "numeric"
    }
}

/// SQLite keeps every integer in 64 bits, so only `bigint` is the same family:
/// a 32-bit column would refuse on PostgreSQL what SQLite stores.
fn postgres_family(data_type: &str) -> &'static str {
    match data_type {
        "bigint" => "integer",
        "integer" | "smallint" => "integer (32-bit)",
        "text" | "character varying" | "character" => "text",
        "bytea" => "bytes",
        "real" | "double precision" => "real",
        "boolean" => "boolean",
        "numeric" => "numeric",
        _ => "other",
    }
}

/// A default as both backends would write it: PostgreSQL's casts (`'x'::text`) and
/// wrapping parentheses go, a quoted number is a number, and `NULL` is no default.
fn normalized_default(raw: &str) -> Option<String> {
    let mut value = raw.trim().to_owned();
    loop {
        let before = value.clone();
        if let Some(cast) = value.rfind("::")
            && value[cast + 2..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '_')
        {
            value.truncate(cast);
        }
        if value.starts_with('(') && value.ends_with(')') {
            value = value[1..value.len() - 1].trim().to_owned();
        }
        if value == before {
            break;
        }
    }
    if value.eq_ignore_ascii_case("null") {
        return None;
    }
    if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\''))
        && inner.parse::<f64>().is_ok()
    {
        return Some(inner.to_owned());
    }
    Some(value)
}

#[test]
fn defaults_read_alike_from_both_backends() {
    for (sqlite, postgres) in [
        ("'visible'", "'visible'::text"),
        ("0", "0"),
        ("-1", "'-1'::bigint"),
        ("''", "''::text"),
        ("(0)", "0"),
    ] {
        assert_eq!(normalized_default(sqlite), normalized_default(postgres));
    }
    assert_eq!(normalized_default("NULL"), None);
    assert_eq!(normalized_default("NULL::text"), None);
}
