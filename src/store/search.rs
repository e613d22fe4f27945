//! Full-text search over message text and authors (FTS5), kept in a file of
//! its own beside the store: `<store>-search`.
//!
//! Why a second file: SQLite lets one writer at a time into a file, and
//! indexing a million messages costs as much as storing them. In its own
//! file the index is built on the other core while the store's writer
//! inserts the messages (`BulkIndex`). It holds nothing a person made: it
//! records how far it has indexed the store (`messages_through`, the last
//! message id; `edits_through`, the last `search_edits` entry), and whoever
//! finds it behind catches it up. A missing, stale or foreign index (another
//! store's, or one ahead of a store restored from a backup) is rebuilt.

use super::Result;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// The search file's own schema version (`PRAGMA user_version`).
const VERSION: i64 = 1;

const SCHEMA: &str = r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO meta (key, value) VALUES
        ('store_id', 0), ('messages_through', 0), ('edits_through', 0);
    -- Contentless: the text stays in the store; a search returns message ids.
    -- Searches are words and prefixes, all required, ranked by the queue's
    -- own priority: no positions or sizes needed, a smaller, faster index.
    -- (To forget a message's old text, the store keeps that text in
    -- search_edits.)
    CREATE VIRTUAL TABLE messages_fts USING fts5 (
        text, author_handle, author_name,
        content = '',
        tokenize = 'unicode61 remove_diacritics 2',
        detail = none, columnsize = 0
    );
    -- Segments are merged 16 at a time rather than 4: each term's entries
    -- are rewritten about half as often, and a search still reads at most
    -- 16 segments a level (measured on a million messages: building the
    -- index 4.3 s instead of 5.5 s, searches unchanged). Terms gather in
    -- 2 MB of memory between segments, which stays in the processor's cache.
    INSERT INTO messages_fts (messages_fts, rank) VALUES ('automerge', 16);
    INSERT INTO messages_fts (messages_fts, rank) VALUES ('crisismerge', 64);
    INSERT INTO messages_fts (messages_fts, rank) VALUES ('hashsize', 2097152);
"#;

/// The search index of the store at `store`.
pub fn path_for(store: &Path) -> PathBuf {
    let mut name = store.as_os_str().to_owned();
    name.push("-search");
    PathBuf::from(name)
}

/// `path` as an SQLite URI that opens it read-only.
pub(super) fn read_only_uri(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/._~-".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?mode=ro");
    uri
}

/// How far an index has gone, or where a store stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    store_id: i64,
    messages: i64,
    edits: i64,
}

/// Where the store stands now, in one read transaction of `store`.
pub(super) fn store_marks(store: &Connection) -> Result<Marks> {
    Ok(store.query_row(
        "SELECT (SELECT value FROM meta WHERE key = 'store_id'),
                (SELECT COALESCE(MAX(id), 0) FROM messages),
                (SELECT COALESCE(MAX(seq), 0) FROM search_edits)",
        [],
        |r| {
            Ok(Marks {
                store_id: r.get::<_, Option<i64>>(0)?.unwrap_or(0),
                messages: r.get(1)?,
                edits: r.get(2)?,
            })
        },
    )?)
}

/// A connection that writes the search file.
pub(super) struct SearchIndex {
    conn: Connection,
}

impl SearchIndex {
    /// Opens the search file, creating it (or recreating one this palabre
    /// cannot read: it is derived data) as needed.
    pub fn open(path: &Path) -> rusqlite::Result<SearchIndex> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(super::BUSY_TIMEOUT)?;
        conn.pragma_update(None, "page_size", 8192)?;
        // Readers (the store's connections) search while an import indexes.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // Losing the last commits to a power cut costs a catch-up, not data.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "cache_size", -65536)?;
        let index = SearchIndex { conn };
        let version: i64 = index
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version != VERSION {
            index.create()?;
        }
        Ok(index)
    }

    fn create(&self) -> rusqlite::Result<()> {
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?;
        // Another process may have created it meanwhile.
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version != VERSION {
            tx.execute_batch(
                "DROP TABLE IF EXISTS messages_fts;
                 DROP TABLE IF EXISTS meta;",
            )?;
            tx.execute_batch(SCHEMA)?;
            tx.pragma_update(None, "user_version", VERSION)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Takes the index's write lock, waiting at most `wait`; `false` if
    /// another process holds it longer.
    fn lock(&self, wait: Duration) -> Result<bool> {
        self.conn.busy_timeout(wait)?;
        self.conn.execute_batch("BEGIN")?;
        // A write first: the lock is taken before anything is read, so that
        // what is read next cannot change under us.
        let taken = self.conn.execute(
            "UPDATE meta SET value = value WHERE key = 'messages_through'",
            [],
        );
        self.conn.busy_timeout(super::BUSY_TIMEOUT)?;
        match taken {
            Ok(_) => Ok(true),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy =>
            {
                self.conn.execute_batch("ROLLBACK")?;
                Ok(false)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e.into())
            }
        }
    }

    fn marks(&self) -> Result<Marks> {
        let get = |key: &str| -> Result<i64> {
            Ok(self
                .conn
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()?
                .unwrap_or(0))
        };
        Ok(Marks {
            store_id: get("store_id")?,
            messages: get("messages_through")?,
            edits: get("edits_through")?,
        })
    }

    fn set_marks(&self, m: Marks) -> Result<()> {
        let mut set = self
            .conn
            .prepare_cached("UPDATE meta SET value = ?2 WHERE key = ?1")?;
        set.execute(params!["store_id", m.store_id])?;
        set.execute(params!["messages_through", m.messages])?;
        set.execute(params!["edits_through", m.edits])?;
        Ok(())
    }

    fn insert(&self, id: i64, text: &str, handle: &str, name: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO messages_fts (rowid, text, author_handle, author_name)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, text, handle, name])?;
        Ok(())
    }

    /// Removes message `id` as it was indexed: a contentless index needs
    /// the very values it was given.
    fn forget(&self, id: i64, text: &str, handle: &str, name: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO messages_fts (messages_fts, rowid, text, author_handle, author_name)
                 VALUES ('delete', ?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, text, handle, name])?;
        Ok(())
    }

    /// Indexes the store's messages with `from < id <= to`, as `store`
    /// reads them now.
    fn index_range(&self, store: &Connection, from: i64, to: i64) -> Result<()> {
        if from >= to {
            return Ok(());
        }
        let mut rows = store.prepare_cached(
            "SELECT id, text, author_handle, author_name FROM messages
             WHERE id > ?1 AND id <= ?2",
        )?;
        let mut rows = rows.query([from, to])?;
        while let Some(r) = rows.next()? {
            let (text, handle, name): (String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
            self.insert(r.get(0)?, &text, &handle, &name)?;
        }
        Ok(())
    }

    /// Inside the lock: the index's marks against a store standing at
    /// `theirs`. A new index (store 0) is bound to this store as it is; one
    /// that belongs to another store, or comes from this store's future
    /// (the store was restored from a copy), starts again (`true`).
    fn fitted(&self, theirs: Marks) -> Result<(Marks, bool)> {
        let ours = self.marks()?;
        if (ours.store_id == 0 || ours.store_id == theirs.store_id)
            && ours.messages <= theirs.messages
            && ours.edits <= theirs.edits
        {
            return Ok((ours, false));
        }
        self.conn.execute(
            "INSERT INTO messages_fts (messages_fts) VALUES ('delete-all')",
            [],
        )?;
        let fresh = Marks {
            store_id: theirs.store_id,
            messages: 0,
            edits: 0,
        };
        self.set_marks(fresh)?;
        Ok((fresh, true))
    }

    /// Inside the lock: brings the index to where `store` stands. `have`
    /// is a range of message ids this transaction has already indexed (a
    /// bulk import's own messages).
    fn catch_up_locked(&self, store: &Connection, have: Option<(i64, i64)>) -> Result<()> {
        // One snapshot of the store for everything read below.
        let read = store.unchecked_transaction()?;
        let theirs = store_marks(store)?;
        let (ours, reset) = self.fitted(theirs)?;
        let have = if reset { None } else { have };
        match have {
            Some((first, last)) => {
                self.index_range(store, ours.messages, first - 1)?;
                self.index_range(store, last.max(ours.messages), theirs.messages)?;
            }
            None => self.index_range(store, ours.messages, theirs.messages)?,
        }
        // Messages whose text changed after they were indexed. Edits are
        // taken in order, so the index holds the text before the first
        // edit it has not seen.
        let indexed_before = |id: i64| {
            id <= ours.messages || have.is_some_and(|(first, last)| (first..=last).contains(&id))
        };
        let mut edited: Vec<(i64, String)> = Vec::new();
        {
            let mut edits = store.prepare_cached(
                "SELECT message_id, old_text FROM search_edits
                 WHERE seq > ?1 AND seq <= ?2 ORDER BY seq",
            )?;
            let mut rows = edits.query([ours.edits, theirs.edits])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                if indexed_before(id) && !edited.iter().any(|(e, _)| *e == id) {
                    edited.push((id, r.get(1)?));
                }
            }
        }
        for (id, old_text) in edited {
            let (handle, name): (String, String) = store
                .prepare_cached("SELECT author_handle, author_name FROM messages WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            self.forget(id, &old_text, &handle, &name)?;
            self.index_range(store, id - 1, id)?;
        }
        self.set_marks(theirs)?;
        read.finish()?;
        Ok(())
    }

    /// Brings the index up to what `store` has committed. `Ok(false)` when
    /// another process held the index longer than `wait`: that process, or
    /// the next catch-up, will index what is missing.
    pub fn catch_up(&self, store: &Connection, wait: Duration) -> Result<bool> {
        if !self.lock(wait)? {
            return Ok(false);
        }
        match self.catch_up_locked(store, None) {
            Ok(()) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(true)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Whether the index is behind `store` (cheap: three lookups).
    pub fn behind(&self, store: &Connection) -> Result<bool> {
        let theirs = store_marks(store)?;
        Ok(self.marks()? != theirs)
    }

    #[cfg(test)]
    pub fn integrity(&self) -> Result<()> {
        self.conn.execute(
            "INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')",
            [],
        )?;
        Ok(())
    }
}

/// Messages for the bulk index, a batch at a time. A batch holds the
/// messages' own strings, moved from the importer rather than copied: the
/// index lags behind the import (it yields to it), and copies made for a
/// backlog of hundreds of thousands of messages cost more than the moves.
/// Emptied batches come back to the importer to be filled again.
#[derive(Default)]
pub struct Docs {
    docs: Vec<Doc>,
}

/// One message's searched text: what it says, its author's handle and name.
pub struct Doc {
    pub id: i64,
    pub text: String,
    pub handle: String,
    pub name: String,
    /// Sent before in this import with this other text.
    pub replaces: Option<String>,
}

impl Doc {
    pub fn of(id: i64, m: &crate::model::Message, replaces: Option<String>) -> Doc {
        Doc {
            id,
            text: m.text.clone(),
            handle: m.author.handle.clone(),
            name: m.author.name.clone(),
            replaces,
        }
    }
}

impl Docs {
    fn len(&self) -> usize {
        self.docs.len()
    }
}

enum Command {
    Docs(Docs),
    /// Everything is sent: write out what is in memory while the store's
    /// writer finishes.
    Flush,
    /// The store committed this import's messages, ids `first..=last`,
    /// and stood at `store`: catch up on anything else and commit.
    Committed {
        first: i64,
        last: i64,
        store: Marks,
    },
}

/// Documents per message sent to the worker.
const DOCS_PER_SEND: usize = 1024;

/// Starts indexing an import into the store at `store` (standing `at`,
/// in the import's transaction) on a thread of its own, which works at a lower priority than the import's parser and
/// writer: it takes the time they leave, and catches up when they are done.
/// `None` when another process is indexing: the import then catches up
/// after it commits.
pub fn bulk(store: &Path, at: Marks) -> Option<IndexFeed> {
    let index = SearchIndex::open(&path_for(store)).ok()?;
    if !index.lock(Duration::from_millis(500)).ok()? {
        return None;
    }
    // An index left by another store starts again now, not after this
    // import has filled it.
    if index.fitted(at).is_err() {
        let _ = index.conn.execute_batch("ROLLBACK");
        return None;
    }
    let (send, receive) = mpsc::channel();
    let (done_send, done) = mpsc::sync_channel(1);
    let (emptied, reuse) = mpsc::channel();
    let worker = IndexWorker {
        index,
        receive,
        done: done_send,
        emptied,
        store: store.to_path_buf(),
        outcome: None,
    };
    std::thread::Builder::new()
        .name("search-index".into())
        .spawn(move || {
            lower_priority();
            worker.finish();
        })
        .ok()?;
    Some(IndexFeed {
        send: Some(send),
        done,
        reuse,
        pending: Docs::default(),
    })
}

/// Lowers the calling thread's scheduling priority (Linux threads have
/// their own nice value), so that it runs on what others leave.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority on the calling thread's own id, plain integers.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 10);
    }
}

/// The importer's side of a bulk index.
pub struct IndexFeed {
    send: Option<mpsc::Sender<Command>>,
    done: mpsc::Receiver<Result<()>>,
    /// Batches the worker has emptied.
    reuse: mpsc::Receiver<Docs>,
    pending: Docs,
}

impl IndexFeed {
    /// Queues a message's text for the index; `false` once the worker
    /// stopped.
    pub fn push(&mut self, doc: Doc) -> bool {
        if self.pending.docs.capacity() == 0 {
            self.pending.docs.reserve_exact(DOCS_PER_SEND);
        }
        self.pending.docs.push(doc);
        if self.pending.len() >= DOCS_PER_SEND {
            return self.send_pending();
        }
        true
    }

    fn send_pending(&mut self) -> bool {
        if self.pending.len() == 0 {
            return self.send.is_some();
        }
        let next = self.reuse.try_recv().unwrap_or_default();
        let docs = std::mem::replace(&mut self.pending, next);
        self.send
            .as_ref()
            .is_some_and(|s| s.send(Command::Docs(docs)).is_ok())
    }

    /// Everything is queued: the worker writes out what it holds in memory.
    pub fn flush(&mut self) -> bool {
        self.send_pending()
            && self
                .send
                .as_ref()
                .is_some_and(|s| s.send(Command::Flush).is_ok())
    }

    /// The store committed messages `first..=last` and stood at `store`
    /// (read in the import's transaction): the worker catches up on the
    /// rest and commits, while the caller goes on.
    pub fn committed(mut self, first: i64, last: i64, store: Marks) -> Pending {
        let sent = self.send_pending()
            && self
                .send
                .take()
                .is_some_and(|s| s.send(Command::Committed { first, last, store }).is_ok());
        Pending {
            done: sent.then_some(self.done),
        }
    }
}

/// A bulk index finishing after its import committed.
pub struct Pending {
    done: Option<mpsc::Receiver<Result<()>>>,
}

impl Pending {
    /// Waits for the index to commit.
    pub fn wait(self) -> Result<()> {
        let stopped =
            || super::StoreError::Invalid("the search index stopped during the import".into());
        match self.done {
            Some(done) => done.recv().unwrap_or_else(|_| Err(stopped())),
            None => Err(stopped()),
        }
    }
}

/// The indexing thread's state: the search file's write lock and its open
/// transaction, which commits only after the store's. Dropping the feed
/// without `committed` (the import was abandoned) rolls it back.
struct IndexWorker {
    index: SearchIndex,
    receive: mpsc::Receiver<Command>,
    done: mpsc::SyncSender<Result<()>>,
    emptied: mpsc::Sender<Docs>,
    store: PathBuf,
    /// Set once the import committed or was abandoned.
    outcome: Option<Result<bool>>,
}

impl IndexWorker {
    /// Indexes the messages as they come, until the import commits (then
    /// commits too) or is abandoned (then rolls back).
    fn finish(mut self) {
        while self.outcome.is_none() {
            match self.receive.recv() {
                Ok(command) => self.handle(command),
                Err(_) => self.outcome = Some(Ok(false)),
            }
        }
        let result = match self.outcome.take() {
            Some(Ok(true)) => self
                .index
                .conn
                .execute_batch("COMMIT")
                .map_err(Into::into)
                .inspect(|()| {
                    // The whole index went through the write-ahead log: copy
                    // it into the file now rather than leave every reader
                    // looking through the log (best effort: a reader's
                    // snapshot may hold part of it back).
                    let _ = self
                        .index
                        .conn
                        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
                }),
            Some(Err(e)) => {
                let _ = self.index.conn.execute_batch("ROLLBACK");
                Err(e)
            }
            _ => self
                .index
                .conn
                .execute_batch("ROLLBACK")
                .map_err(Into::into),
        };
        let _ = self.done.send(result);
    }

    fn handle(&mut self, command: Command) {
        match self.run(command) {
            Ok(Some(commit)) => self.outcome = Some(Ok(commit)),
            Ok(None) => {}
            Err(e) => self.outcome = Some(Err(e)),
        }
    }

    fn run(&mut self, command: Command) -> Result<Option<bool>> {
        match command {
            Command::Docs(mut docs) => {
                for d in docs.docs.drain(..) {
                    if let Some(old) = &d.replaces {
                        self.index.forget(d.id, old, &d.handle, &d.name)?;
                    }
                    self.index.insert(d.id, &d.text, &d.handle, &d.name)?;
                }
                let _ = self.emptied.send(docs);
                Ok(None)
            }
            Command::Flush => {
                // FTS5 writes its in-memory terms at a savepoint.
                self.index
                    .conn
                    .execute_batch("SAVEPOINT flush; RELEASE flush")?;
                Ok(None)
            }
            Command::Committed { first, last, store } => {
                // Usually nothing else happened: the index stood where this
                // import started, and no message changed text since.
                let ours = self.index.marks()?;
                if (ours.store_id == 0 || ours.store_id == store.store_id)
                    && ours.messages == first - 1
                    && ours.edits == store.edits
                    && store.messages == last.max(first - 1)
                {
                    self.index.set_marks(store)?;
                    return Ok(Some(true));
                }
                // Otherwise read the store: a connection of our own, open
                // only while it reads (the store's belongs to the importer).
                let store = Connection::open_with_flags(
                    &self.store,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                store.busy_timeout(super::BUSY_TIMEOUT)?;
                let have = (first <= last).then_some((first, last));
                self.index.catch_up_locked(&store, have)?;
                Ok(Some(true))
            }
        }
    }
}
