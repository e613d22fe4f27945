//! The team edition's store: one PostgreSQL database shared by several
//! moderators, with the embedded store's behaviour through the same trait.
//! One module per area, mirroring the SQLite modules; all of its SQL is here.
//!
//! Changes are announced with NOTIFY on the `palabre` channel in the
//! transaction that makes them (PostgreSQL delivers them at commit), so that
//! the other moderators' screens follow within a second (`listen`); the
//! event log is what a listener catches up from after a dropped connection.

mod actions;
mod analytics;
mod automation;
mod conn;
mod contacts;
mod conversation;
mod import;
mod learning;
mod listen;
mod priority;
mod queue;
mod schema;
mod sync;
mod team;
mod tls;

pub use conn::redact;
pub use listen::{Listener, listen};
pub use schema::latest_version;
pub use tls::SslMode;

use super::{Policy, Result, StoreError};
use chrono::{DateTime, TimeZone, Utc};
use conn::Conn;
use std::sync::Arc;

/// The NOTIFY channel every change is announced on.
pub const CHANNEL: &str = "palabre";

/// Whether `location` names a PostgreSQL server rather than a file.
pub fn is_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

pub struct Postgres {
    conn: Conn,
    url: String,
    policy: Arc<dyn Policy>,
    now: Option<DateTime<Utc>>,
}

/// Serialises migrations between processes opening the same database.
const MIGRATION_LOCK: i64 = 0x0070_616c_6162_7265;

impl Postgres {
    /// Connects to `url` and brings the schema up to date (the first open
    /// of an empty database creates it). A database written by a newer
    /// palabre is refused, never touched.
    pub fn open(url: &str, policy: Arc<dyn Policy>) -> Result<Postgres> {
        let conn = Conn::open(url)?;
        let store = Postgres {
            conn,
            url: url.to_string(),
            policy,
            now: None,
        };
        store.migrate()?;
        Ok(store)
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Where the store lives, for messages (without the password).
    pub fn location(&self) -> String {
        redact(&self.url)
    }

    /// The search index is the server's own, always up to date.
    pub fn search_lag(&self) -> Option<String> {
        None
    }

    /// A hint for the embedded store's files; the server decides here.
    pub fn set_mapped_reads(&mut self, _on: bool) {}

    /// A backup of a shared database is the server's business: pg_dump
    /// takes a consistent copy while the team works.
    pub fn backup_to(&self, _dest: &std::path::Path) -> Result<super::BackupSummary> {
        Err(StoreError::Invalid(format!(
            "{}: palabre backup copies the embedded store; for a PostgreSQL store use the server's tools: pg_dump --format=custom --file=palabre.dump '{}'",
            redact(&self.url),
            redact(&self.url)
        )))
    }

    pub fn restore_from(&mut self, _src: &std::path::Path) -> Result<super::BackupSummary> {
        Err(StoreError::Invalid(format!(
            "{}: palabre restore fills the embedded store; for a PostgreSQL store use pg_restore --clean --dbname='{}' palabre.dump",
            redact(&self.url),
            redact(&self.url)
        )))
    }

    fn migrate(&self) -> Result<()> {
        let supported = latest_version();
        let tx = self.conn.begin()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
        tx.batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version    BIGINT PRIMARY KEY,
                 applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
             )",
        )?;
        let found: i64 = tx.value(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            &[],
        )?;
        if found > supported {
            return Err(StoreError::TooNew {
                path: redact(&self.url).into(),
                found,
                supported,
            });
        }
        for version in found + 1..=supported {
            let sql = schema::MIGRATIONS[(version - 1) as usize];
            tx.batch(sql).map_err(|e| StoreError::Server {
                url: redact(&self.url),
                reason: format!("migration to schema version {version} failed: {e}"),
            })?;
            tx.execute(
                "INSERT INTO schema_migrations (version) VALUES ($1)",
                &[&version],
            )?;
        }
        tx.commit()
    }

    pub fn schema_version(&self) -> Result<i64> {
        self.conn.value(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            &[],
        )
    }

    /// Grows with every commit that changed something, from any process.
    pub fn data_version(&self) -> Result<i64> {
        self.conn.value("SELECT last_value FROM changes", &[])
    }

    pub fn set_policy(&mut self, policy: Arc<dyn Policy>) {
        self.policy = policy;
    }

    /// The store's clock: the fixed time, or now.
    pub fn clock(&self) -> DateTime<Utc> {
        self.now.unwrap_or_else(Utc::now)
    }

    pub fn set_now(&mut self, now: Option<DateTime<Utc>>) {
        self.now = now;
    }

    pub fn current_id(&self, id: i64) -> Result<i64> {
        Ok(self
            .conn
            .query_opt("SELECT into_id FROM merged WHERE from_id = $1", &[&id])?
            .map(|r| r.try_get(0))
            .transpose()?
            .unwrap_or(id))
    }

    pub fn resolve_conversation(&self, reference: &str) -> Result<i64> {
        let reference = reference.trim();
        let found: Option<i64> = if let Ok(id) = reference.parse::<i64>() {
            let id = self.current_id(id)?;
            self.conn
                .query_opt("SELECT id FROM conversations WHERE id = $1", &[&id])?
                .map(|r| r.try_get(0))
                .transpose()?
        } else if let Some((channel, ext)) = reference.split_once(':') {
            self.conn
                .query_opt(
                    "SELECT conv_id FROM messages WHERE channel = $1 AND ext_id = $2",
                    &[&channel.to_ascii_lowercase(), &ext],
                )?
                .map(|r| r.try_get(0))
                .transpose()?
        } else {
            None
        };
        found.ok_or_else(|| StoreError::NoConversation(reference.to_string()))
    }
}

/// Announces a change to the other processes, inside the transaction that
/// makes it (delivered at commit, dropped with a rollback), and counts it
/// for `data_version`.
pub(super) fn announce(conn: &Conn, event: i64, conv: i64, actor: &str, kind: &str) -> Result<()> {
    notify(conn, event, conv, actor, kind)?;
    conn.execute("SELECT nextval('changes')", &[])?;
    Ok(())
}

/// Tells the listeners without counting a change of the data (presence).
pub(super) fn notify(conn: &Conn, event: i64, conv: i64, actor: &str, kind: &str) -> Result<()> {
    let notice = super::team::Notice {
        event,
        conversation: conv,
        actor: actor.to_string(),
        kind: kind.to_string(),
    };
    let payload = serde_json::to_string(&notice)?;
    conn.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &payload])?;
    Ok(())
}

pub(crate) fn from_millis(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        StoreError::Postgres(postgres_message(&e))
    }
}

/// The server's own words when it sent any (they say what went wrong),
/// else the client's.
pub(super) fn postgres_message(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{}: {detail}", db.message()),
            None => db.message().to_string(),
        },
        // tokio-postgres says what failed (the TLS handshake, the
        // connection) and keeps why in its source: say both.
        None => {
            let mut said = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(cause) = source {
                let cause_said = cause.to_string();
                if !said.contains(&cause_said) {
                    said.push_str(": ");
                    said.push_str(&cause_said);
                }
                source = cause.source();
            }
            said
        }
    }
}
