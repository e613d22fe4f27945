//! Idempotent import of interchange messages, one transaction per call site
//! (a file): nothing is visible, and nothing is kept, until `finish`.

use super::policy::Policy;
use super::search::Doc;
use super::{Result, Sqlite, to_millis};
use crate::model::{
    Channel, CrisisLevel, Direction, EventKind, Message, Scores, Status, ThreadHint, Tone,
    thread_hint,
};
use rusqlite::{Connection, OptionalExtension, params};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub skipped: u64,
}

impl ImportReport {
    pub fn add(&mut self, other: &ImportReport) {
        self.new += other.new;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.skipped += other.skipped;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    New,
    Updated,
    Unchanged,
}

/// The running totals of one conversation, kept in memory while importing and
/// written once at the end so that a large import does not rewrite the same
/// row (and its indexes) for every message.
#[derive(Debug, Clone)]
pub(super) struct ConvState {
    /// Set for conversations created by this import (not in the store yet).
    pub(super) root_key: Option<String>,
    pub(super) stored: bool,
    pub(super) complete: bool,
    pub(super) status: Status,
    pub(super) crisis: CrisisLevel,
    pub(super) escalated: bool,
    pub(super) message_count: i64,
    pub(super) inbound_count: i64,
    pub(super) first_at: i64,
    pub(super) last_activity: i64,
    pub(super) last_inbound_at: Option<i64>,
    pub(super) last_outbound_at: Option<i64>,
    pub(super) last_message_id: Option<i64>,
    pub(super) max_followers: i64,
    /// The language of the first message that gave one.
    pub(super) lang: Option<String>,
    /// The tone of the latest inbound message.
    pub(super) tone: Option<Tone>,
    pub(super) complaint: f64,
    /// An inbound message reports danger or harm.
    pub(super) danger: bool,
    /// Points rules added (stored conversations only).
    pub(super) boost: i64,
    /// Only for conversations new in this import: an assignee inherited
    /// from a merged conversation (stored ones keep theirs in the table).
    pub(super) assignee: Option<String>,
    pub(super) dirty: bool,
}

impl ConvState {
    fn unanswered(&self) -> bool {
        crate::model::unanswered(self.last_inbound_at, self.last_outbound_at)
    }

    /// A conversation new in this import, filed under `root_key`.
    pub(super) fn fresh(root_key: String, complete: bool) -> ConvState {
        ConvState {
            root_key: Some(root_key),
            stored: false,
            complete,
            status: Status::New,
            crisis: CrisisLevel::None,
            escalated: false,
            message_count: 0,
            inbound_count: 0,
            first_at: 0,
            last_activity: 0,
            last_inbound_at: None,
            last_outbound_at: None,
            last_message_id: None,
            max_followers: 0,
            lang: None,
            tone: None,
            complaint: 0.0,
            danger: false,
            boost: 0,
            assignee: None,
            dirty: true,
        }
    }

    /// Counts a new message (stored as `row`, at `created` ms) into the
    /// totals; returns the payload of the status event it causes, if any
    /// (our reply makes the conversation wait, their message reopens it).
    pub(super) fn absorb(
        &mut self,
        m: &Message,
        scores: Option<&Scores>,
        row: i64,
        created: i64,
    ) -> Option<String> {
        let reopen = m.direction == Direction::Inbound
            && matches!(self.status, Status::Waiting | Status::Resolved)
            && self.last_outbound_at.is_none_or(|o| created > o)
            && self.message_count > 0;
        self.message_count += 1;
        if self.lang.is_none() {
            self.lang = m
                .lang
                .as_deref()
                .and_then(|l| l.split(['-', '_']).next())
                .map(|l| l.to_ascii_lowercase());
        }
        if self.message_count == 1 || created < self.first_at {
            self.first_at = created;
        }
        if self.message_count == 1 || created >= self.last_activity {
            self.last_activity = created;
            self.last_message_id = Some(row);
        }
        match m.direction {
            Direction::Inbound => {
                if self.last_inbound_at.is_none_or(|t| created >= t) {
                    self.tone = scores.map(|s| s.tone);
                }
                if let Some(s) = scores {
                    self.complaint = self.complaint.max(f64::from(s.complaint));
                    self.danger |= s.danger;
                }
                self.inbound_count += 1;
                self.last_inbound_at =
                    Some(self.last_inbound_at.map_or(created, |t| t.max(created)));
                let f = m.author.followers.unwrap_or(0) as i64;
                self.max_followers = self.max_followers.max(f);
            }
            Direction::Outbound => {
                self.last_outbound_at =
                    Some(self.last_outbound_at.map_or(created, |t| t.max(created)));
            }
        }
        self.dirty = true;
        // Our own reply, newer than anything the other side said: we wait for
        // them. Their new message in a waiting or resolved conversation reopens it.
        let replied = m.direction == Direction::Outbound
            && matches!(self.status, Status::New | Status::Open)
            && self.last_inbound_at.is_some_and(|i| created >= i);
        let (to, reason, rule) = if replied {
            (Status::Waiting, "our reply was imported", "replied")
        } else if reopen {
            (Status::Open, "new inbound message", "reopen")
        } else {
            return None;
        };
        let from = std::mem::replace(&mut self.status, to);
        // The names are fixed words: no escaping needed.
        Some(format!(
            r#"{{"from":"{from}","to":"{to}","reason":"{reason}","rule":"{rule}"}}"#
        ))
    }

    /// Takes in the totals of `a`, merged into this conversation.
    pub(super) fn merge_totals(&mut self, a: &ConvState) {
        // The language of whichever side started first (decided before
        // first_at moves).
        let a_first =
            a.message_count > 0 && (self.message_count == 0 || a.first_at < self.first_at);
        if a_first && a.lang.is_some() {
            self.lang = a.lang.clone();
        }
        self.message_count += a.message_count;
        self.inbound_count += a.inbound_count;
        if a_first {
            self.first_at = a.first_at;
        }
        if a.last_activity > self.last_activity {
            self.last_activity = a.last_activity;
            self.last_message_id = a.last_message_id;
        }
        if a.last_inbound_at > self.last_inbound_at {
            self.tone = a.tone;
        }
        self.complaint = self.complaint.max(a.complaint);
        self.danger |= a.danger;
        self.boost = self.boost.max(a.boost);
        self.last_inbound_at = self.last_inbound_at.max(a.last_inbound_at);
        self.last_outbound_at = self.last_outbound_at.max(a.last_outbound_at);
        self.max_followers = self.max_followers.max(a.max_followers);

        self.lang = self.lang.take().or(a.lang.clone());
        self.crisis = self.crisis.max(a.crisis);
        self.escalated |= a.escalated;
        if self.status == Status::New && a.status != Status::New {
            self.status = a.status;
        }
        self.dirty = true;
    }

    /// Its rank, `now` (milliseconds) being when it is ranked.
    pub(super) fn priority(&self, policy: &dyn Policy, now: i64) -> i64 {
        policy.priority(&crate::model::PriorityInputs {
            status: self.status,
            crisis: self.crisis,
            unanswered: self.unanswered(),
            max_followers: self.max_followers.max(0) as u64,
            inbound_count: self.inbound_count.max(0) as u64,
            negative: self.tone == Some(Tone::Negative),
            complaint: self.complaint as f32,
            danger: self.danger,
            quiet_secs: self.last_inbound_at.map(|t| ((now - t) / 1000).max(0)),
            overdue: None,
            boost: self.boost,
        })
    }
}

pub struct Importer<'a> {
    /// The store's connection, inside the import's transaction (BEGIN in
    /// `importer`, COMMIT in `finish`, ROLLBACK when dropped unfinished).
    pub(super) tx: &'a Connection,
    /// The statements run for every message, prepared once.
    insert_message: rusqlite::Statement<'a>,
    insert_status_event: rusqlite::Statement<'a>,
    search: &'a super::search::SearchIndex,
    search_lag: &'a std::cell::RefCell<Option<String>>,
    search_pending: &'a std::cell::RefCell<Option<super::search::Pending>>,
    finished: bool,
    /// The import switched the store out of WAL (see `importer`).
    restore_wal: bool,
    actor: String,
    source: String,
    now: i64,
    report: ImportReport,
    /// Boxed: the map's table grows by copying, and a state is large.
    convs: HashMap<i64, Box<ConvState>>,
    /// (channel, message id) → conversation, for messages seen in this import.
    placed: Keyed<i64>,
    /// Root keys of conversations whose root message has not arrived yet.
    incomplete: KeySet,
    /// Conversations merged into another during this import.
    merged_into: HashMap<i64, i64>,
    /// Messages above this row id are new in this import (not in the
    /// search index yet, and not in the store before it).
    first_new_row: i64,
    /// root key → conversation, for conversations met in this import.
    keys: Keyed<i64>,
    next_conv: i64,
    /// Nothing to look up in the store: every parent and key is in memory.
    store_was_empty: bool,
    /// Ranks the conversations the import touches.
    policy: std::sync::Arc<dyn Policy>,
    /// The new messages' search index, built on another thread as they
    /// come (bulk imports); without it, `finish` catches the index up after
    /// committing.
    index_feed: Option<super::search::IndexFeed>,
    /// The largest message id this import inserted.
    last_new_row: i64,
    /// Whether to wait for another process's indexing after committing
    /// (a page of a sync does not: the next catch-up will index it).
    wait_for_index: bool,
    /// Indexes set aside for this import, made again by `finish`.
    set_aside: Vec<String>,
}

/// What `add_inner` asks of the search index for a message it stored.
enum Index {
    Nothing,
    /// A message new in this import; `replaces` the text it was sent
    /// with before, if it was.
    Doc {
        id: i64,
        replaces: Option<String>,
    },
}

/// Maps keyed by (channel, id), looked up with `Key` without building an
/// owned key for every message.
type Keyed<V> = hashbrown::HashMap<(Channel, String), V, rustc_hash::FxBuildHasher>;
type KeySet = hashbrown::HashSet<(Channel, String), rustc_hash::FxBuildHasher>;

/// A borrowed (channel, id): hashes and compares like the owned key.
#[derive(Hash)]
struct Key<'a>(Channel, &'a str);

impl hashbrown::Equivalent<(Channel, String)> for Key<'_> {
    fn equivalent(&self, key: &(Channel, String)) -> bool {
        self.0 == key.0 && self.1 == key.1
    }
}

pub(super) fn root_key(channel: Channel, key: &str) -> String {
    format!("{}:{}", channel.as_str(), key)
}

/// Moves the rows of `table` from merged conversations to where they went.
/// Written so that SQLite looks each merged conversation up in the table's
/// conv_id index rather than reading the whole index (which an UPDATE …
/// FROM the small temporary table did).
fn move_merged_sql(table: &str) -> String {
    format!(
        "UPDATE {table}
         SET conv_id = (SELECT into_id FROM temp.import_merged WHERE from_id = {table}.conv_id)
         WHERE conv_id IN (SELECT from_id FROM temp.import_merged)"
    )
}

/// Drops the named indexes (inside the caller's transaction) and returns
/// the SQL that makes them again.
fn drop_indexes(tx: &Connection, names: &[&str]) -> Result<Vec<String>> {
    let mut made = Vec::new();
    for name in names {
        let sql: Option<String> = tx
            .query_row(
                "SELECT sql FROM main.sqlite_schema WHERE type = 'index' AND name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(sql) = sql {
            tx.execute_batch(&format!(
                "DROP INDEX main.\"{}\"",
                name.replace('"', "\"\"")
            ))?;
            made.push(sql);
        }
    }
    Ok(made)
}

pub(super) fn split_root_key(key: &str) -> Option<(Channel, &str)> {
    let (channel, id) = key.split_once(':')?;
    Some((channel.parse().ok()?, id))
}

impl Sqlite {
    /// Starts an import. Drop the importer without `finish` to leave the store
    /// exactly as it was.
    pub fn importer(&mut self, actor: &str, source: &str) -> Result<Importer<'_>> {
        self.importer_with(actor, source, true)
    }

    /// An importer for a page of a sync: small, frequent, alongside readers,
    /// so it stays in WAL, and indexes for search after committing.
    pub fn sync_importer(&mut self, actor: &str, source: &str) -> Result<Importer<'_>> {
        self.importer_with(actor, source, false)
    }

    fn importer_with(&mut self, actor: &str, source: &str, bulk: bool) -> Result<Importer<'_>> {
        // The last import's search index first: its lock is the one this
        // import's index will take.
        self.settle_search();
        // A large import touches index pages all over the file: give it room.
        if bulk {
            self.conn
                .pragma_update(Some("main"), "cache_size", -1_048_576)?;
        }
        // (Pragmas name the main database: the search file is attached.)
        // When no other process has the store open, a rollback journal lets
        // the new pages be written once (WAL writes them twice: to the log,
        // then to the file). The switch fails harmlessly while another
        // process (the TUI, a sync) reads the store: then WAL it is.
        // Ask without waiting: if someone else has the store open, don't.
        self.conn.busy_timeout(std::time::Duration::ZERO)?;
        let restore_wal = bulk
            && self
                .conn
                .pragma_update_and_check(Some("main"), "journal_mode", "DELETE", |r| {
                    r.get::<_, String>(0)
                })
                .is_ok_and(|mode| mode.eq_ignore_ascii_case("delete"));
        self.conn.busy_timeout(super::BUSY_TIMEOUT)?;
        if restore_wal {
            // Outside WAL, only FULL syncing is safe against power loss.
            self.conn
                .pragma_update(Some("main"), "synchronous", "FULL")?;
        }
        if let Err(e) = self.conn.execute_batch("BEGIN IMMEDIATE") {
            if restore_wal {
                let _ = self.conn.pragma_update(Some("main"), "journal_mode", "WAL");
                let _ = self
                    .conn
                    .pragma_update(Some("main"), "synchronous", "NORMAL");
            }
            return Err(e.into());
        }
        // The store's lock first, then the index's: two imports never hold
        // one each while waiting for the other.
        let index_feed = if bulk {
            super::search::bulk(&self.path, super::search::store_marks(&self.conn)?)
        } else {
            None
        };
        let tx = &self.conn;
        let mut incomplete = KeySet::default();
        {
            let mut stmt = tx.prepare("SELECT root_key FROM conversations WHERE complete = 0")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let key: String = r.get(0)?;
                if let Some((channel, id)) = split_root_key(&key) {
                    incomplete.insert((channel, id.to_string()));
                }
            }
        }
        let first_new_row: i64 =
            tx.query_row("SELECT COALESCE(MAX(id), 0) FROM messages", [], |r| {
                r.get(0)
            })?;
        let last_conv: i64 = tx.query_row(
            "SELECT MAX(COALESCE((SELECT MAX(id) FROM conversations), 0),
                        COALESCE((SELECT value FROM meta WHERE key = 'last_conversation'), 0))",
            [],
            |r| r.get(0),
        )?;
        let store_was_empty: bool =
            tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM conversations)", [], |r| {
                r.get(0)
            })?;
        // Messages and status events come in the order of the file, their
        // conversations (and authors) all over the tables' indexes: into a
        // table with few rows, one sort at the end costs less than keeping
        // the index in order row by row (nothing reads it until `finish`).
        let mut set_aside = Vec::new();
        if bulk {
            for (table, indexes) in [
                ("messages", &["messages_conv", "messages_author"][..]),
                ("events", &["events_conv"][..]),
            ] {
                let rows: i64 = tx.query_row(
                    &format!("SELECT COALESCE(MAX(id), 0) FROM {table}"),
                    [],
                    |r| r.get(0),
                )?;
                if rows < 100_000 {
                    set_aside.extend(drop_indexes(tx, indexes)?);
                }
            }
        }
        let insert_message = tx.prepare(
            "INSERT INTO messages (conv_id, channel, ext_id, parent_ext_id, thread_ext_id, kind,
                direction, author_handle, author_name, author_followers, author_verified, text,
                lang, created_at, url, likes, shares, replies, sentiment, tone, complaint, automated)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                     ?19, ?20, ?21, ?22)
             ON CONFLICT (channel, ext_id) DO NOTHING",
        )?;
        let insert_status_event = tx.prepare(&format!(
            "INSERT INTO events (conv_id, at, actor, kind, payload) VALUES (?1, ?2, ?3, '{}', ?4)",
            EventKind::Status.as_str()
        ))?;
        Ok(Importer {
            insert_message,
            insert_status_event,
            finished: false,
            restore_wal,
            first_new_row,
            keys: Keyed::default(),
            next_conv: last_conv + 1,
            store_was_empty,
            tx,
            search: &self.search,
            search_lag: &self.search_lag,
            search_pending: &self.search_pending,
            actor: actor.to_string(),
            source: source.to_string(),
            now: to_millis(self.now.unwrap_or_else(chrono::Utc::now)),
            report: ImportReport::default(),
            convs: HashMap::default(),
            placed: Keyed::default(),
            incomplete,
            merged_into: HashMap::default(),
            policy: self.policy.clone(),
            index_feed,
            last_new_row: first_new_row,
            wait_for_index: bulk,
            set_aside,
        })
    }
}

impl Importer<'_> {
    pub fn report(&self) -> ImportReport {
        self.report
    }

    pub fn skip(&mut self) {
        self.report.skipped += 1;
    }

    fn resolve(&self, mut conv: i64) -> i64 {
        while let Some(next) = self.merged_into.get(&conv) {
            conv = *next;
        }
        conv
    }

    /// Adds a message with its triage scores (`None` for our own replies).
    pub fn add_scored(&mut self, m: &Message, scores: Option<&Scores>) -> Result<Outcome> {
        let (outcome, index) = self.add_inner(m, scores)?;
        if let Index::Doc { id, replaces } = index {
            self.feed(|| Doc::of(id, m, replaces));
        }
        Ok(outcome)
    }

    /// Sizes the import's maps for about `messages` messages, so that they
    /// do not grow (copying themselves) as the messages come. Only a hint:
    /// more or fewer is fine.
    pub fn expect_messages(&mut self, messages: usize) {
        // Cap the hint: it comes from a file's size.
        let messages = messages.min(50_000_000);
        self.placed
            .reserve(messages.saturating_sub(self.placed.len()));
        // Typical threads hold a few messages.
        let conversations = messages / 4;
        self.keys
            .reserve(conversations.saturating_sub(self.keys.len()));
        self.convs
            .reserve(conversations.saturating_sub(self.convs.len()));
    }

    /// `add_scored` for a message the caller is done with: its strings go
    /// to the search index as they are.
    pub fn add_owned(&mut self, m: Message, scores: Option<&Scores>) -> Result<Outcome> {
        let (outcome, index) = self.add_inner(&m, scores)?;
        if let Index::Doc { id, replaces } = index {
            self.feed(|| Doc {
                id,
                text: m.text,
                handle: m.author.handle,
                name: m.author.name,
                replaces,
            });
        }
        Ok(outcome)
    }

    fn feed(&mut self, doc: impl FnOnce() -> Doc) {
        if let Some(feed) = &mut self.index_feed
            && !feed.push(doc())
        {
            // The worker stopped: `finish` catches up instead.
            self.index_feed = None;
        }
    }

    fn add_inner(&mut self, m: &Message, scores: Option<&Scores>) -> Result<(Outcome, Index)> {
        // Most imported messages are new: try the insert first and look at
        // the stored copy only when the (channel, id) is already there.
        let outcome = if let Some(row) = self.insert_new(m, scores)? {
            self.last_new_row = self.last_new_row.max(row);
            (
                Outcome::New,
                Index::Doc {
                    id: row,
                    replaces: None,
                },
            )
        } else {
            let (row, conv, text, metrics, followers) = self
                .tx
                .prepare_cached(
                    "SELECT id, conv_id, text, likes, shares, replies, author_followers
                     FROM messages WHERE channel = ?1 AND ext_id = ?2",
                )?
                .query_row(params![m.channel.as_str(), m.id], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                        [
                            r.get::<_, i64>(3)?,
                            r.get::<_, i64>(4)?,
                            r.get::<_, i64>(5)?,
                        ],
                        r.get::<_, Option<i64>>(6)?,
                    ))
                })?;
            self.update_existing(m, scores, row, conv, &text, metrics, followers)?
        };
        match outcome.0 {
            Outcome::New => self.report.new += 1,
            Outcome::Updated => self.report.updated += 1,
            Outcome::Unchanged => self.report.unchanged += 1,
        }
        Ok(outcome)
    }

    #[allow(clippy::too_many_arguments)]
    fn update_existing(
        &mut self,
        m: &Message,
        scores: Option<&Scores>,
        row: i64,
        conv: i64,
        old_text: &str,
        old_metrics: [i64; 3],
        old_followers: Option<i64>,
    ) -> Result<(Outcome, Index)> {
        // Some sources cannot know the counts (a Bluesky notification has
        // none, a follower count comes from another call): no counts at all,
        // or no follower count, is "unknown" and keeps what is stored.
        let metrics = if m.metrics == crate::model::Metrics::default() {
            old_metrics
        } else {
            [
                m.metrics.likes as i64,
                m.metrics.shares as i64,
                m.metrics.replies as i64,
            ]
        };
        let followers = m.author.followers.map(|f| f as i64).or(old_followers);
        let text_changed = old_text != m.text;
        if !text_changed && metrics == old_metrics && followers == old_followers {
            return Ok((Outcome::Unchanged, Index::Nothing));
        }
        // Rows new in this import are not in the search index yet.
        let stored_before = row <= self.first_new_row;
        self.tx.execute(
            "UPDATE messages SET text = ?2, likes = ?3, shares = ?4, replies = ?5,
                    author_followers = ?6, sentiment = ?7, tone = ?8, complaint = ?9
             WHERE id = ?1",
            params![
                row,
                m.text,
                metrics[0],
                metrics[1],
                metrics[2],
                followers,
                scores.map(|s| s.sentiment),
                scores.map(|s| s.tone.as_str()),
                scores.map(|s| s.complaint)
            ],
        )?;
        let mut index = Index::Nothing;
        if text_changed && !stored_before {
            index = Index::Doc {
                id: row,
                replaces: Some(old_text.to_string()),
            };
        }
        if text_changed && stored_before {
            // The search index reads the new text when it catches up.
            self.tx
                .prepare_cached("INSERT INTO search_edits (message_id, old_text) VALUES (?1, ?2)")?
                .execute(params![row, old_text])?;
            let conv = self.resolve(conv);
            super::conversation::insert_event(
                self.tx,
                conv,
                self.now,
                &self.actor,
                EventKind::Edited,
                &json!({
                    "channel": m.channel,
                    "message": m.id,
                    "old_text": old_text,
                    "new_text": m.text,
                    "source": self.source,
                }),
            )?;
        }
        if let Some(f) = followers {
            let conv = self.resolve(conv);
            let state = self.load(conv)?;
            if f > state.max_followers {
                state.max_followers = f;
                state.dirty = true;
            }
        }
        Ok((Outcome::Updated, index))
    }

    /// Inserts `m` if its (channel, id) is not stored yet and returns its
    /// row; `None` if it is stored.
    fn insert_new(&mut self, m: &Message, scores: Option<&Scores>) -> Result<Option<i64>> {
        // Placing an already-stored message finds its existing conversation
        // (threading is deterministic); a conversation created here that ends
        // up empty is removed by `finish`.
        let conv = self.place(m)?;
        let created = to_millis(m.created_at);
        let row = {
            if self.insert_message.execute(params![
                conv,
                m.channel.as_str(),
                m.id,
                m.parent_id,
                m.thread_id,
                m.kind.as_str(),
                m.direction.as_str(),
                m.author.handle,
                m.author.name,
                m.author.followers.map(|f| f as i64),
                m.author.verified,
                m.text,
                m.lang,
                created,
                m.url,
                m.metrics.likes as i64,
                m.metrics.shares as i64,
                m.metrics.replies as i64,
                scores.map(|s| s.sentiment),
                scores.map(|s| s.tone.as_str()),
                scores.map(|s| s.complaint),
                m.automated,
            ])? == 0
            {
                return Ok(None);
            }
            self.tx.last_insert_rowid()
        };
        self.placed.insert((m.channel, m.id.clone()), conv);

        let state = self.load(conv)?;
        let transition = state.absorb(m, scores, row, created);
        if let Some(payload) = transition {
            self.insert_status_event
                .execute(params![conv, self.now, self.actor, payload])?;
        }
        // Replies that arrived before this message waited under its id: bring them in.
        if self.incomplete.contains(&Key(m.channel, &m.id)) {
            let orphan = self.conversation_by_key(m.channel, &m.id)?;
            if let Some(orphan) = orphan.filter(|o| *o != conv) {
                self.merge(orphan, conv)?;
            }
            self.incomplete.remove(&Key(m.channel, &m.id));
        }
        Ok(Some(row))
    }

    /// Finds or creates the conversation a new message belongs to. New
    /// conversations live in memory until `finish` writes them whole.
    fn place(&mut self, m: &Message) -> Result<i64> {
        let (key, complete) = match thread_hint(m) {
            ThreadHint::Explicit(t) => (t, true),
            ThreadHint::Root => (m.id.as_str(), true),
            ThreadHint::Parent(p) => {
                if let Some(conv) = self.placed.get(&Key(m.channel, p)) {
                    return Ok(self.resolve(*conv));
                }
                if !self.store_was_empty {
                    let stored: Option<i64> = self
                        .tx
                        .prepare_cached(
                            "SELECT conv_id FROM messages WHERE channel = ?1 AND ext_id = ?2",
                        )?
                        .query_row(params![m.channel.as_str(), p], |r| r.get(0))
                        .optional()?;
                    if let Some(conv) = stored {
                        return Ok(self.resolve(conv));
                    }
                }
                // The parent has not arrived: wait for it under its id.
                (p, false)
            }
        };
        let id = match self.conversation_by_key(m.channel, key)? {
            Some(id) => id,
            None => {
                let id = self.next_conv;
                self.next_conv += 1;
                self.convs.insert(
                    id,
                    Box::new(ConvState::fresh(root_key(m.channel, key), complete)),
                );
                if !complete {
                    self.incomplete.insert((m.channel, key.to_string()));
                }
                self.keys.insert((m.channel, key.to_string()), id);
                return Ok(id);
            }
        };
        if complete {
            // The root arrived for a conversation its replies had opened.
            let state = self.load(id)?;
            if !state.complete {
                state.complete = true;
                state.dirty = true;
            }
        }
        Ok(id)
    }

    /// The conversation filed under `key` in `channel`, from this import or
    /// the store.
    fn conversation_by_key(&mut self, channel: Channel, key: &str) -> Result<Option<i64>> {
        if let Some(id) = self.keys.get(&Key(channel, key)) {
            return Ok(Some(self.resolve(*id)));
        }
        if self.store_was_empty {
            return Ok(None);
        }
        let stored: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM conversations WHERE root_key = ?1")?
            .query_row([root_key(channel, key)], |r| r.get(0))
            .optional()?;
        if let Some(id) = stored {
            self.keys.insert((channel, key.to_string()), id);
        }
        Ok(stored.map(|id| self.resolve(id)))
    }

    fn load(&mut self, conv: i64) -> Result<&mut ConvState> {
        if !self.convs.contains_key(&conv) {
            let state = self.tx.query_row(
                "SELECT complete, status, crisis_level, escalated, message_count,
                        inbound_count, first_at, last_activity, last_inbound_at, last_outbound_at,
                        last_message_id, max_followers, lang, tone, complaint, danger, boost
                 FROM conversations WHERE id = ?1",
                [conv],
                |r| {
                    Ok(ConvState {
                        root_key: None,
                        stored: true,
                        complete: r.get(0)?,
                        status: r.get::<_, String>(1)?.parse().unwrap_or(Status::Open),
                        crisis: r.get::<_, String>(2)?.parse().unwrap_or(CrisisLevel::None),
                        escalated: r.get(3)?,
                        message_count: r.get(4)?,
                        inbound_count: r.get(5)?,
                        first_at: r.get(6)?,
                        last_activity: r.get(7)?,
                        last_inbound_at: r.get(8)?,
                        last_outbound_at: r.get(9)?,
                        last_message_id: r.get(10)?,
                        max_followers: r.get(11)?,
                        lang: r.get(12)?,
                        tone: r
                            .get::<_, Option<String>>(13)?
                            .and_then(|t| t.parse::<Tone>().ok()),
                        complaint: r.get(14)?,
                        danger: r.get(15)?,
                        boost: r.get(16)?,
                        assignee: None,
                        dirty: false,
                    })
                },
            )?;
            self.convs.insert(conv, Box::new(state));
        }
        self.convs
            .get_mut(&conv)
            .map(|s| &mut **s)
            .ok_or_else(|| super::StoreError::NoConversation(conv.to_string()))
    }

    /// Moves everything of `from` into `into`: messages, events, tags, and the
    /// draft (kept as a note if `into` has its own), then deletes `from`.
    fn merge(&mut self, from: i64, into: i64) -> Result<()> {
        let a = self.load(from)?.clone();
        self.load(into)?.merge_totals(&a);
        // Messages and events follow in `finish`, all merges in one pass:
        // one statement per merge would look up (or, during a bulk load
        // without the conversation index, scan) the messages every time.
        if !a.stored {
            // Only its messages and events exist yet: nothing else to move.
            self.convs.remove(&from);
            self.merged_into.insert(from, into);
            return Ok(());
        }
        let tx = &self.tx;
        tx.execute(
            "UPDATE outbox SET conv_id = ?2 WHERE conv_id = ?1",
            [from, into],
        )?;
        tx.execute(
            "UPDATE actions SET conv_id = ?2 WHERE conv_id = ?1",
            [from, into],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO conversation_tags (conv_id, tag)
             SELECT ?2, tag FROM conversation_tags WHERE conv_id = ?1",
            [from, into],
        )?;
        tx.execute("DELETE FROM conversation_tags WHERE conv_id = ?1", [from])?;
        let into_has_draft: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM drafts WHERE conv_id = ?1)",
            [into],
            |r| r.get(0),
        )?;
        if into_has_draft {
            let draft: Option<String> = tx
                .query_row("SELECT text FROM drafts WHERE conv_id = ?1", [from], |r| {
                    r.get(0)
                })
                .optional()?;
            if let Some(text) = draft {
                super::conversation::insert_event(
                    tx,
                    into,
                    self.now,
                    &self.actor,
                    EventKind::Note,
                    &json!({"text": text, "reason": "draft of a merged conversation"}),
                )?;
            }
            tx.execute("DELETE FROM drafts WHERE conv_id = ?1", [from])?;
        } else {
            tx.execute(
                "UPDATE drafts SET conv_id = ?2 WHERE conv_id = ?1",
                [from, into],
            )?;
        }
        // Keep the assignee of either side.
        if !self.convs.get(&into).is_some_and(|s| s.stored) {
            let assignee: Option<String> = tx.query_row(
                "SELECT assignee FROM conversations WHERE id = ?1",
                [from],
                |r| r.get(0),
            )?;
            if let Some(state) = self.convs.get_mut(&into) {
                state.assignee = state.assignee.take().or(assignee);
            }
        }
        let tx = &self.tx;
        tx.execute(
            "UPDATE conversations SET assignee = COALESCE(assignee, (SELECT assignee FROM conversations WHERE id = ?1))
             WHERE id = ?2",
            [from, into],
        )?;
        tx.execute("DELETE FROM conversations WHERE id = ?1", [from])?;
        tx.execute(
            "INSERT OR REPLACE INTO merged (from_id, into_id) VALUES (?1, ?2)",
            [from, into],
        )?;
        tx.execute(
            "UPDATE merged SET into_id = ?2 WHERE into_id = ?1",
            [from, into],
        )?;
        self.convs.remove(&from);
        self.merged_into.insert(from, into);
        Ok(())
    }

    /// When this import adds more conversations than the store holds,
    /// drops the conversations' secondary indexes and returns the SQL that
    /// makes them again (after the inserts, in the same transaction): one
    /// sort per index costs less than as many B-tree inserts in random
    /// order (measured on 320,000 new conversations: 1.5 s against 2.1 s).
    fn set_aside_conversation_indexes(&mut self) -> Result<Vec<String>> {
        let adding = self
            .convs
            .values()
            .filter(|s| s.dirty && !s.stored && s.message_count > 0)
            .count() as i64;
        if adding < 10_000 {
            return Ok(Vec::new());
        }
        let stored: i64 = self
            .tx
            .query_row("SELECT count(*) FROM conversations", [], |r| r.get(0))?;
        if adding <= stored {
            return Ok(Vec::new());
        }
        // Every index declared on the table (not the UNIQUE constraint's).
        let names: Vec<String> = self
            .tx
            .prepare(
                "SELECT name FROM main.sqlite_schema
                 WHERE type = 'index' AND tbl_name = 'conversations' AND sql IS NOT NULL",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        drop_indexes(self.tx, &names)
    }

    /// Moves the messages and events of every conversation merged during
    /// this import to where it ended up.
    fn move_merged(&mut self) -> Result<()> {
        if self.merged_into.is_empty() {
            return Ok(());
        }
        self.tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS import_merged (from_id INTEGER PRIMARY KEY, into_id INTEGER NOT NULL);
             DELETE FROM temp.import_merged;",
        )?;
        {
            let mut insert = self
                .tx
                .prepare("INSERT INTO temp.import_merged (from_id, into_id) VALUES (?1, ?2)")?;
            for from in self.merged_into.keys() {
                insert.execute([*from, self.resolve(*from)])?;
            }
        }
        for table in ["messages", "events"] {
            self.tx.execute(&move_merged_sql(table), [])?;
        }
        self.tx.execute_batch("DROP TABLE temp.import_merged")?;
        Ok(())
    }

    /// Writes the conversations' totals, indexes the new messages for
    /// search, and commits.
    pub fn finish(mut self) -> Result<ImportReport> {
        if let Some(feed) = &mut self.index_feed
            && !feed.flush()
        {
            self.index_feed = None;
        }
        let rebuilt = self.set_aside_conversation_indexes()?;
        {
            let mut insert = self.tx.prepare(
                "INSERT INTO conversations (id, root_key, channel, complete, status, crisis_level,
                    escalated, priority, message_count, inbound_count, first_at, last_activity,
                    last_inbound_at, last_outbound_at, last_message_id, max_followers, lang, assignee, tone,
                    complaint, danger)
                 VALUES (?1, ?19, ?20, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?21, ?16, ?17, ?18)",
            )?;
            let mut update = self.tx.prepare(
                "UPDATE conversations SET complete = ?2, status = ?3, crisis_level = ?4,
                    escalated = ?5, priority = ?6, message_count = ?7, inbound_count = ?8,
                    first_at = ?9, last_activity = ?10, last_inbound_at = ?11,
                    last_outbound_at = ?12, last_message_id = ?13, max_followers = ?14, lang = ?15,
                    tone = ?16, complaint = ?17, danger = ?18, next_step_at = 0
                 WHERE id = ?1",
            )?;
            let mut ids: Vec<i64> = self
                .convs
                .iter()
                .filter(|(_, s)| s.dirty)
                .map(|(id, _)| *id)
                .collect();
            // In id order: appends to the table's B-tree instead of splitting it.
            ids.sort_unstable();
            for id in ids {
                let Some(s) = self.convs.get(&id) else {
                    continue;
                };
                let values = params![
                    id,
                    s.complete,
                    s.status.as_str(),
                    s.crisis.as_str(),
                    s.escalated,
                    s.priority(self.policy.as_ref(), self.now),
                    s.message_count,
                    s.inbound_count,
                    s.first_at,
                    s.last_activity,
                    s.last_inbound_at,
                    s.last_outbound_at,
                    s.last_message_id,
                    s.max_followers,
                    s.lang,
                    s.tone.map(Tone::as_str),
                    s.complaint,
                    s.danger,
                ];
                match (&s.root_key, s.stored) {
                    (_, true) => {
                        update.execute(values)?;
                    }
                    (Some(key), false) if s.message_count > 0 => {
                        let channel = key.split(':').next().unwrap_or("other");
                        let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
                        all.push(key);
                        all.push(&channel);
                        all.push(&s.assignee);
                        insert.execute(all.as_slice())?;
                    }
                    _ => {}
                }
            }
        }
        for sql in rebuilt.iter().chain(&self.set_aside) {
            self.tx.execute_batch(sql)?;
        }
        self.move_merged()?;
        self.tx.execute(
            "INSERT INTO meta (key, value) VALUES ('last_conversation', ?1)
             ON CONFLICT (key) DO UPDATE SET value = max(value, ?1)",
            [self.next_conv - 1],
        )?;
        // Where the store stands, for the search index (nobody else can
        // write before the commit).
        let marks = super::search::store_marks(self.tx)?;
        self.tx.execute_batch("COMMIT")?;
        self.finished = true;
        // What is committed stays committed: from here on, a search index
        // that cannot follow is reported, not an error of the import.
        if let Some(feed) = self.index_feed.take() {
            // The index commits on its own thread while the caller goes on;
            // the store waits for it before its next search or import.
            let pending = feed.committed(self.first_new_row + 1, self.last_new_row, marks);
            *self.search_pending.borrow_mut() = Some(pending);
            *self.search_lag.borrow_mut() = None;
        } else {
            let wait = if self.wait_for_index {
                super::BUSY_TIMEOUT
            } else {
                std::time::Duration::ZERO
            };
            let lag = match self.search.catch_up(self.tx, wait) {
                // A page of a sync leaves it to the next catch-up.
                Ok(false) if !self.wait_for_index => None,
                caught_up => super::lag_after(caught_up),
            };
            *self.search_lag.borrow_mut() = lag;
        }
        Ok(self.report)
    }
}

impl Drop for Importer<'_> {
    fn drop(&mut self) {
        if !self.finished {
            // Nothing of an unfinished import is kept.
            let _ = self.tx.execute_batch("ROLLBACK");
        }
        if self.restore_wal {
            let _ = self.tx.pragma_update(Some("main"), "journal_mode", "WAL");
            let _ = self.tx.pragma_update(Some("main"), "synchronous", "NORMAL");
        }
    }
}

#[cfg(test)]
mod plan_tests {
    /// The move looks merged conversations up, whatever the store's size.
    #[test]
    fn moving_merged_rows_looks_them_up_by_conversation() {
        let dir = tempfile::tempdir().unwrap();
        let store =
            crate::inbox::Store::sqlite(&dir.path().join("s.db"), Default::default()).unwrap();
        store
            .conn
            .execute_batch(
                "CREATE TEMP TABLE import_merged (from_id INTEGER PRIMARY KEY, into_id INTEGER NOT NULL)",
            )
            .unwrap();
        for (table, index) in [("messages", "messages_conv"), ("events", "events_conv")] {
            let plan: Vec<String> = store
                .conn
                .prepare(&format!(
                    "EXPLAIN QUERY PLAN {}",
                    super::move_merged_sql(table)
                ))
                .unwrap()
                .query_map([], |r| r.get::<_, String>(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert!(
                plan.iter()
                    .any(|p| p.starts_with(&format!("SEARCH {table} "))
                        && p.contains(&format!("INDEX {index} (conv_id=?)"))),
                "{plan:?}"
            );
        }
    }
}
