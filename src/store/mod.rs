//! The only place with SQL. Everything the app needs from the store is a named
//! query or command here, so that another backend can implement the same API.

mod actions;
pub(crate) mod analytics;
mod automation;
mod backend;
mod backup;
mod contacts;
pub(crate) mod conversation;
mod database;
mod export;
mod import;
pub(crate) mod learning;
mod policy;
pub mod postgres;
mod priority;
mod queue;
mod schema;
mod search;
mod sync;
pub mod team;

pub use actions::{ActRequest, PendingAction};
pub use automation::Arrival;
pub use backup::{BackupSummary, inspect_backup};
pub use conversation::Change;
pub use database::{Database, Import};
pub use import::{ImportReport, Importer, Outcome};
pub use policy::{Classroom, Example, Lesson, Policy};
pub use postgres::Postgres;
pub use queue::{CrisisActivity, Info, NegativeMention, QueueFilter};
pub use schema::latest_version;
pub use search::path_for as search_path;
pub use sync::{AccountStatus, PendingReply};
pub use team::{Activity, AutoAssign, Notice, Presence, PresenceState, ReplyCheck, ReplyMark};

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot open the store: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "{path}: this store has schema version {found}, but this palabre only knows up to version {supported}; upgrade palabre to open it"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path}: migration to schema version {version} failed: {source}")]
    Migration {
        path: PathBuf,
        version: i64,
        source: rusqlite::Error,
    },
    #[error("{path}: cannot open the search index: {source}")]
    Search {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{url}: {reason}")]
    Server { url: String, reason: String },
    #[error("store: {0}")]
    Postgres(String),
    /// Someone else changed the conversation first (see `team::ReplyCheck`).
    #[error("{0}")]
    Conflict(String),
    #[error("no conversation {0}")]
    NoConversation(String),
    #[error("{0}")]
    Invalid(String),
    #[error("store: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("store: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// How long a writer waits for another process's transaction to end.
pub(crate) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The embedded store: one SQLite file, and its search index beside it.
pub struct Sqlite {
    /// The store, with the search file attached read-only as `search`.
    conn: Connection,
    /// Writes the search file (see `search`).
    search: search::SearchIndex,
    /// Why the search index could not follow the last import, if so.
    search_lag: std::cell::RefCell<Option<String>>,
    /// The last import's search index, still committing on its thread.
    search_pending: std::cell::RefCell<Option<search::Pending>>,
    path: PathBuf,
    /// Ranks conversations and says what people's changes teach.
    policy: std::sync::Arc<dyn Policy>,
    /// A fixed "now" for what the store computes as of now (tests, demos
    /// with a fixed clock); the real time otherwise.
    now: Option<DateTime<Utc>>,
    /// Large reads go through memory-mapped files (see `reading_mapped`).
    mapped_reads: bool,
    /// The accounts this store syncs now (`claim_account`): their lock files.
    claims: std::cell::RefCell<Vec<std::fs::File>>,
    /// Who is here (`team`): a file of its own beside the store, opened on
    /// first use, so that a heartbeat is not a commit of the store's.
    presence: std::cell::OnceCell<Connection>,
}

/// How much of the store a large read maps into memory (see
/// `Sqlite::reading_mapped`).
const MAPPED: i64 = 1 << 30;

impl Sqlite {
    /// Runs `read` with the store and its search index mapped into memory
    /// when `large` and mapped reads are on. A read touching tens of
    /// thousands of pages scattered over the file (a search for a common
    /// word, a report) then spares a read(2) copy and a cache page for each:
    /// a search in a fresh process takes half the time. Only while reading:
    /// every mapped page counts in the process's resident memory.
    pub(crate) fn reading_mapped<T>(
        &self,
        large: bool,
        read: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        if !(large && self.mapped_reads) {
            return read();
        }
        self.conn.pragma_update(Some("main"), "mmap_size", MAPPED)?;
        // The index is attached only when its file could be opened.
        let search = self
            .conn
            .pragma_update(Some("search"), "mmap_size", MAPPED)
            .is_ok();
        let out = read();
        if search {
            let _ = self.conn.pragma_update(Some("search"), "mmap_size", 0);
        }
        self.conn.pragma_update(Some("main"), "mmap_size", 0)?;
        out
    }

    /// Opens (creating if needed) the store at `path` and brings its schema up
    /// to date. A store written by a newer palabre is refused, never touched.
    pub fn open(path: &Path, policy: std::sync::Arc<dyn Policy>) -> Result<Sqlite> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)?;
        }
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        // URIs are on (to attach the search file read-only): a relative
        // path that happens to start with `file:` stays a path.
        let given = if path.is_relative() && path.to_string_lossy().starts_with("file:") {
            Path::new(".").join(path)
        } else {
            path.to_path_buf()
        };
        let conn = Connection::open_with_flags(
            &given,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // A store from a newer palabre is refused before anything is set on
        // it: not even its journal mode changes.
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(open_err)?;
        if found > schema::latest_version() {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found,
                supported: schema::latest_version(),
            });
        }
        // Larger pages: shallower B-trees for a store of millions of messages.
        // Only takes effect on a new, empty file.
        conn.pragma_update(None, "page_size", 8192)
            .map_err(open_err)?;
        // WAL lets the TUI read while an import or a sync writes from another process.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        // Foreign keys are declared for the reader of the schema but not
        // enforced: the store's own code keeps them (its tests check with
        // `PRAGMA foreign_key_check`), and a bulk import must not pay a
        // lookup per message for it. (The bundled SQLite turns them on.)
        conn.pragma_update(None, "foreign_keys", "OFF")
            .map_err(open_err)?;
        conn.pragma_update(None, "cache_size", -65536)
            .map_err(open_err)?;
        conn.pragma_update(None, "temp_store", "MEMORY")
            .map_err(open_err)?;
        // The search file: written by its own connection, read through
        // this one. Read-only here so that this connection's write
        // transactions never lock it (an import's indexing thread writes it).
        let search_file = search::path_for(&given);
        let search_err = |source| StoreError::Search {
            path: search_file.clone(),
            source,
        };
        let search = search::SearchIndex::open(&search_file).map_err(&search_err)?;
        let mut store = Sqlite {
            conn,
            search,
            search_lag: Default::default(),
            search_pending: Default::default(),
            claims: Default::default(),
            presence: Default::default(),
            path: path.to_path_buf(),
            policy,
            now: None,
            mapped_reads: true,
        };
        store.migrate()?;
        store
            .conn
            .execute(
                "ATTACH DATABASE ?1 AS search",
                [search::read_only_uri(&search_file)],
            )
            .map_err(&search_err)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the store lives, for messages.
    pub fn location(&self) -> String {
        self.path.display().to_string()
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    fn migrate(&mut self) -> Result<()> {
        let found = self.schema_version()?;
        let supported = schema::latest_version();
        if found > supported {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found,
                supported,
            });
        }
        for version in found + 1..=supported {
            let sql = schema::MIGRATIONS[(version - 1) as usize];
            let path = self.path.clone();
            let err = |source| StoreError::Migration {
                path: path.clone(),
                version,
                source,
            };
            // Another process may be upgrading the same store: take the
            // write lock first, then see where it stands.
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(err)?;
            let now: i64 = tx
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .map_err(err)?;
            if now >= version {
                continue;
            }
            tx.execute_batch(sql).map_err(err)?;
            tx.pragma_update(None, "user_version", version)
                .map_err(err)?;
            tx.commit().map_err(err)?;
        }
        Ok(())
    }

    /// The conversation a number now stands for: itself, or the one it was
    /// merged into.
    pub fn current_id(&self, id: i64) -> Result<i64> {
        let into: Option<i64> = self
            .conn
            .query_row("SELECT into_id FROM merged WHERE from_id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(into.unwrap_or(id))
    }

    /// Resolves what a person typed for a conversation: its number, or
    /// `channel:message-id` of any message in it.
    pub fn resolve_conversation(&self, reference: &str) -> Result<i64> {
        let reference = reference.trim();
        let found: Option<i64> = if let Ok(id) = reference.parse::<i64>() {
            let id = self.current_id(id)?;
            self.conn
                .query_row("SELECT id FROM conversations WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?
        } else if let Some((channel, ext)) = reference.split_once(':') {
            self.conn
                .query_row(
                    "SELECT conv_id FROM messages WHERE channel = ?1 AND ext_id = ?2",
                    [channel.to_ascii_lowercase().as_str(), ext],
                    |r| r.get(0),
                )
                .optional()?
        } else {
            None
        };
        found.ok_or_else(|| StoreError::NoConversation(reference.to_string()))
    }

    /// Waits for the last import's search index to commit; if it could
    /// not, catches the index up from here.
    fn settle_search(&self) {
        let Some(pending) = self.search_pending.borrow_mut().take() else {
            return;
        };
        if pending.wait().is_ok() {
            return;
        }
        *self.search_lag.borrow_mut() = lag_after(self.search.catch_up(&self.conn, BUSY_TIMEOUT));
    }

    /// A cheap fingerprint of the store's content that changes whenever any
    /// process commits; the UI polls it to notice imports from elsewhere.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }
}

/// What to tell people after a catch-up of the search index (`Ok(false)`:
/// another process held it), `None` when it is up to date.
fn lag_after(caught_up: Result<bool>) -> Option<String> {
    match caught_up {
        Ok(true) => None,
        Ok(false) => Some(
            "another process is indexing; search will include the new messages once it is done"
                .to_string(),
        ),
        Err(e) => Some(e.to_string()),
    }
}

impl Drop for Sqlite {
    /// An import's search index may still be committing: it is not left
    /// half done when the store closes.
    fn drop(&mut self) {
        self.settle_search();
    }
}

/// The store keeps instants as milliseconds since the epoch (UTC).
pub(crate) fn to_millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub(crate) fn from_millis(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

#[cfg(test)]
pub(crate) fn open_at_version(path: &Path, version: i64) -> Connection {
    let conn = Connection::open(path).unwrap();
    for v in 1..=version {
        conn.execute_batch(schema::MIGRATIONS[(v - 1) as usize])
            .unwrap();
        conn.pragma_update(None, "user_version", v).unwrap();
    }
    conn
}

#[cfg(test)]
mod tests;
