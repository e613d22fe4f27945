//! Backups: a consistent copy of the store taken while others keep using it,
//! and putting one back. Unlike `export` (the messages only), a backup holds
//! everything people made: tags, flags, assignees, notes, drafts, the outbox,
//! the history, learned models, sync cursors.
//!
//! The search index is not in a backup: it holds nothing a person made and
//! is rebuilt when it finds itself ahead of a restored store (see `search`).

use super::{Result, Sqlite, StoreError, schema};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What a backup file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupSummary {
    pub file: PathBuf,
    pub schema_version: i64,
    pub conversations: i64,
    pub messages: i64,
    pub events: i64,
    pub bytes: u64,
}

impl Sqlite {
    /// Writes a consistent copy of the store to `dest`, which must not
    /// exist. The copy is made in a temporary file beside `dest`, checked,
    /// synced and only then renamed: `dest` is a whole backup or absent.
    pub fn backup_to(&self, dest: &Path) -> Result<BackupSummary> {
        if dest.exists() {
            return Err(StoreError::Invalid(format!(
                "{}: already exists; remove it or choose another file",
                dest.display()
            )));
        }
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let io = |e: std::io::Error| StoreError::Invalid(format!("{}: {e}", dest.display()));
        let temp = tempfile::Builder::new()
            .prefix(".palabre-backup-")
            .tempfile_in(&dir)
            .map_err(io)?
            .into_temp_path();
        // VACUUM INTO wants a file that does not exist yet; the name stays
        // ours because the directory entry was ours a moment ago.
        std::fs::remove_file(&temp).map_err(io)?;
        let temp_text = temp.to_str().ok_or_else(|| {
            StoreError::Invalid(format!("{}: the path is not UTF-8", dest.display()))
        })?;
        // One read transaction: a snapshot however many writers go on.
        self.conn.execute("VACUUM main INTO ?1", [temp_text])?;
        let summary = summarise(&temp, dest)?;
        // VACUUM INTO does not sync what it wrote.
        std::fs::File::open(&temp)
            .and_then(|f| f.sync_all())
            .map_err(io)?;
        temp.persist(dest).map_err(|e| io(e.error))?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(BackupSummary {
            file: dest.to_path_buf(),
            ..summary
        })
    }

    /// Replaces the store's whole content with the backup at `src`, in one
    /// transaction: readers see the store before or after, never between.
    /// The backup is checked first; a file that is not a sound Palabre
    /// store (or one from a newer Palabre) is refused and nothing changes.
    /// The caller reopens the store afterwards so that an older backup's
    /// schema is brought up to date.
    pub fn restore_from(&mut self, src: &Path) -> Result<BackupSummary> {
        let summary = inspect_backup(src)?;
        let source = open_read_only(src)?;
        let backup = rusqlite::backup::Backup::new_with_names(
            &source,
            rusqlite::MAIN_DB,
            &mut self.conn,
            rusqlite::MAIN_DB,
        )?;
        // All pages in one step: one write transaction on the store.
        match backup.step(-1)? {
            rusqlite::backup::StepResult::Done => {}
            other => {
                return Err(StoreError::Invalid(format!(
                    "{}: the store was busy while restoring ({other:?}); nothing was changed, try again",
                    src.display()
                )));
            }
        }
        Ok(summary)
    }
}

fn open_read_only(path: &Path) -> Result<Connection> {
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    })
}

/// Checks that `path` is a sound Palabre store this version can open, and
/// says what it holds.
pub fn inspect_backup(path: &Path) -> Result<BackupSummary> {
    if !path.is_file() {
        return Err(StoreError::Invalid(format!(
            "{}: no such backup file",
            path.display()
        )));
    }
    summarise(path, path)
}

/// `file` is where the copy is now, `named` what to call it in messages.
fn summarise(file: &Path, named: &Path) -> Result<BackupSummary> {
    let not_ours = |why: String| {
        StoreError::Invalid(format!("{}: not a Palabre backup: {why}", named.display()))
    };
    let conn = open_read_only(file)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| not_ours(e.to_string()))?;
    if version > schema::latest_version() {
        return Err(StoreError::TooNew {
            path: named.to_path_buf(),
            found: version,
            supported: schema::latest_version(),
        });
    }
    let has = |table: &str| -> rusqlite::Result<bool> {
        conn.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n > 0)
    };
    for table in ["conversations", "messages", "events", "meta"] {
        if !has(table).map_err(|e| not_ours(e.to_string()))? {
            return Err(not_ours(format!("it has no `{table}` table")));
        }
    }
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| not_ours(e.to_string()))?;
    if check != "ok" {
        return Err(StoreError::Invalid(format!(
            "{}: the backup is damaged: {check}",
            named.display()
        )));
    }
    let count = |table: &str| -> Result<i64> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    Ok(BackupSummary {
        file: named.to_path_buf(),
        schema_version: version,
        conversations: count("conversations")?,
        messages: count("messages")?,
        events: count("events")?,
        bytes: std::fs::metadata(file)?.len(),
    })
}
