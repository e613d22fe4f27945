//! Idempotent import (see `store::import`), in one transaction: new
//! messages stream to the server with COPY, the conversations' totals are
//! kept in memory (`ConvState`, shared with the embedded store) and written
//! once at the end. Threading, merging and reopening follow the embedded
//! importer step by step; only the SQL differs.

use super::conn::{Conn, Tx};
use super::conversation::insert_event;
use super::{Postgres, Result, StoreError, announce};
use crate::model::{
    Channel, CrisisLevel, EventKind, Message, Scores, Status, ThreadHint, thread_hint,
};
use crate::store::import::{ConvState, root_key, split_root_key};
use crate::store::{Import, ImportReport, Outcome, Policy};
use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap as HashMap;
use serde_json::json;
use std::fmt::Write as _;
use std::sync::Arc;

/// Imports take turns (as SQLite's single writer makes them): message and
/// conversation numbers are handed out by the importer.
const IMPORT_LOCK: i64 = 0x0070_616c_6162_7266;

/// Rows gathered before they are sent with COPY.
const COPY_ROWS: usize = 20_000;

/// A message's search vector from its words (`search_words`): case and
/// accents ignored by the `palabre` configuration, without positions (no
/// search looks at where a word is; the vectors are a third smaller).
const SEARCH: &str = "strip(to_tsvector('palabre'::regconfig, {words}))";

/// What separates words, as a regular expression of the server's: the
/// class `separates` tests.
pub(super) const SEPARATORS: &str =
    r"[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\u00a0-\u00bf\u2000-\u206f\u3000-\u303f]+";

/// The messages' columns a COPY sends, in order.
const MESSAGE_COLUMNS: &str = "id, conv_id, channel, ext_id, parent_ext_id, thread_ext_id, kind,
    direction, author_handle, author_name, author_followers, author_verified, text, lang,
    created_at, url, likes, shares, replies, sentiment, tone, complaint, automated";

/// From this many new messages on, an import refreshes the statistics.
const ANALYZE_FROM: u64 = 10_000;

/// Below this many stored messages, a bulk import sets the messages'
/// secondary indexes aside and builds them once at the end.
const SET_ASIDE_BELOW: i64 = 100_000;

type Keyed<V> = hashbrown::HashMap<(Channel, String), V, rustc_hash::FxBuildHasher>;
type KeySet = hashbrown::HashSet<(Channel, String), rustc_hash::FxBuildHasher>;

#[derive(Hash)]
struct Key<'a>(Channel, &'a str);

impl hashbrown::Equivalent<(Channel, String)> for Key<'_> {
    fn equivalent(&self, key: &(Channel, String)) -> bool {
        self.0 == key.0 && self.1 == key.1
    }
}

pub struct PgImporter<'a> {
    tx: Option<Tx<'a>>,
    policy: Arc<dyn Policy>,
    actor: String,
    source: String,
    now: i64,
    report: ImportReport,
    convs: HashMap<i64, Box<ConvState>>,
    placed: Keyed<i64>,
    incomplete: KeySet,
    merged_into: HashMap<i64, i64>,
    keys: Keyed<i64>,
    next_conv: i64,
    next_row: i64,
    /// Messages above this row are new in this import.
    first_new_row: i64,
    store_was_empty: bool,
    /// New messages not sent yet, as COPY text.
    messages: String,
    buffered: usize,
    /// Status events not sent yet, as COPY text.
    events: String,
    /// Indexes set aside, made again by `finish`.
    set_aside: Vec<String>,
    /// Whether the connection's staging table is there (and empty).
    staged: bool,
}

impl Postgres {
    pub fn importer(&mut self, actor: &str, source: &str) -> Result<PgImporter<'_>> {
        let now = self.clock();
        PgImporter::start(&self.conn, self.policy.clone(), actor, source, true, now)
    }

    pub fn sync_importer(&mut self, actor: &str, source: &str) -> Result<PgImporter<'_>> {
        let now = self.clock();
        PgImporter::start(&self.conn, self.policy.clone(), actor, source, false, now)
    }
}

impl<'a> PgImporter<'a> {
    fn start(
        conn: &'a Conn,
        policy: Arc<dyn Policy>,
        actor: &str,
        source: &str,
        bulk: bool,
        now: DateTime<Utc>,
    ) -> Result<PgImporter<'a>> {
        let tx = conn.begin()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&IMPORT_LOCK])?;
        let mut incomplete = KeySet::default();
        for r in tx.query("SELECT root_key FROM conversations WHERE NOT complete", &[])? {
            let key: String = r.try_get(0)?;
            if let Some((channel, id)) = split_root_key(&key) {
                incomplete.insert((channel, id.to_string()));
            }
        }
        let first_new_row: i64 = tx.value("SELECT COALESCE(MAX(id), 0) FROM messages", &[])?;
        let last_conv: i64 = tx.value(
            "SELECT GREATEST(COALESCE((SELECT MAX(id) FROM conversations), 0),
                             COALESCE((SELECT value FROM meta WHERE key = 'last_conversation'), 0))",
            &[],
        )?;
        let store_was_empty: bool =
            tx.value("SELECT NOT EXISTS (SELECT 1 FROM conversations)", &[])?;
        let mut set_aside = Vec::new();
        if bulk && first_new_row < SET_ASIDE_BELOW {
            for (name, made) in secondary_indexes(&tx, "messages")? {
                tx.batch(&format!("DROP INDEX \"{name}\""))?;
                set_aside.push(made);
            }
        }
        Ok(PgImporter {
            tx: Some(tx),
            policy,
            actor: actor.to_string(),
            source: source.to_string(),
            now: now.timestamp_millis(),
            report: ImportReport::default(),
            convs: HashMap::default(),
            placed: Keyed::default(),
            incomplete,
            merged_into: HashMap::default(),
            keys: Keyed::default(),
            next_conv: last_conv + 1,
            next_row: first_new_row + 1,
            first_new_row,
            store_was_empty,
            messages: String::new(),
            buffered: 0,
            events: String::new(),
            set_aside,
            staged: false,
        })
    }

    fn tx(&self) -> &Conn {
        // Only `finish` takes the transaction, and it consumes the importer.
        self.tx.as_deref().unwrap_or_else(|| unreachable!())
    }

    fn resolve(&self, mut conv: i64) -> i64 {
        while let Some(next) = self.merged_into.get(&conv) {
            conv = *next;
        }
        conv
    }

    fn add_inner(&mut self, m: &Message, scores: Option<&Scores>) -> Result<Outcome> {
        let outcome = if self.insert_new(m, scores)? {
            Outcome::New
        } else {
            self.flush()?;
            let r = self.tx().query_one(
                "SELECT id, conv_id, text, likes, shares, replies, author_followers
                 FROM messages WHERE channel = $1 AND ext_id = $2",
                &[&m.channel.as_str(), &m.id],
            )?;
            self.update_existing(
                m,
                scores,
                r.try_get(0)?,
                r.try_get(1)?,
                &r.try_get::<_, String>(2)?,
                [r.try_get(3)?, r.try_get(4)?, r.try_get(5)?],
                r.try_get(6)?,
            )?
        };
        match outcome {
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
    ) -> Result<Outcome> {
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
        let text = storable(&m.text);
        let text_changed = old_text != text;
        if !text_changed && metrics == old_metrics && followers == old_followers {
            return Ok(Outcome::Unchanged);
        }
        let stored_before = row <= self.first_new_row;
        self.tx().execute(
            &format!(
                "UPDATE messages SET text = $2, likes = $3, shares = $4, replies = $5,
                    author_followers = $6, sentiment = $7, tone = $8, complaint = $9,
                    search = {}
                 WHERE id = $1",
                // Edits are rare: the server cuts the words, from the
                // author as stored.
                SEARCH.replace(
                    "{words}",
                    &format!(
                        "regexp_replace($2 || ' ' || author_handle || ' ' || author_name, '{SEPARATORS}', ' ', 'g')"
                    )
                )
            ),
            &[
                &row,
                &text,
                &metrics[0],
                &metrics[1],
                &metrics[2],
                &followers,
                &scores.map(|s| f64::from(s.sentiment)),
                &scores.map(|s| s.tone.as_str()),
                &scores.map(|s| f64::from(s.complaint)),
            ],
        )?;
        if text_changed && stored_before {
            let conv = self.resolve(conv);
            insert_event(
                self.tx(),
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
        Ok(Outcome::Updated)
    }

    /// Adds `m` if its (channel, id) is not stored yet; false if it is.
    fn insert_new(&mut self, m: &Message, scores: Option<&Scores>) -> Result<bool> {
        if self.placed.contains_key(&Key(m.channel, &m.id)) {
            return Ok(false);
        }
        if !self.store_was_empty
            && self
                .tx()
                .query_opt(
                    "SELECT 1 FROM messages WHERE channel = $1 AND ext_id = $2",
                    &[&m.channel.as_str(), &m.id],
                )?
                .is_some()
        {
            return Ok(false);
        }
        let conv = self.place(m)?;
        let row = self.next_row;
        self.next_row += 1;
        let created = m.created_at.timestamp_millis();
        copy_message(&mut self.messages, row, conv, m, scores, created);
        self.buffered += 1;
        self.placed.insert((m.channel, m.id.clone()), conv);
        let state = self.load(conv)?;
        if let Some(payload) = state.absorb(m, scores, row, created) {
            let kind = EventKind::Status.as_str();
            let line = [
                conv.to_string(),
                self.now.to_string(),
                escape(&self.actor),
                kind.to_string(),
                escape(&payload),
            ]
            .join("\t");
            self.events.push_str(&line);
            self.events.push('\n');
        }
        if self.incomplete.contains(&Key(m.channel, &m.id)) {
            let orphan = self.conversation_by_key(m.channel, &m.id)?;
            if let Some(orphan) = orphan.filter(|o| *o != conv) {
                self.merge(orphan, conv)?;
            }
            self.incomplete.remove(&Key(m.channel, &m.id));
        }
        if self.buffered >= COPY_ROWS {
            self.flush()?;
        }
        Ok(true)
    }

    /// Sends the gathered messages and status events. The messages go
    /// with COPY to a staging table of the connection's own (temporary:
    /// never written to the server's log, unseen by others and by pg_dump,
    /// made once per connection), then into `messages` with their search
    /// vectors, computed by the server from the words sent beside them.
    fn flush(&mut self) -> Result<()> {
        // The events first: the messages go on while the next are gathered.
        if !self.events.is_empty() {
            let data = std::mem::take(&mut self.events).into_bytes();
            self.tx().copy_in(
                "COPY events (conv_id, at, actor, kind, payload) FROM STDIN",
                data,
            )?;
        }
        if self.buffered > 0 {
            if !self.staged {
                self.tx().batch(&format!(
                    "CREATE TEMPORARY TABLE IF NOT EXISTS palabre_import AS
                     SELECT {MESSAGE_COLUMNS}, ''::text AS words FROM messages WITH NO DATA;
                     TRUNCATE palabre_import"
                ))?;
                self.staged = true;
            }
            let data = std::mem::take(&mut self.messages).into_bytes();
            self.tx().copy_behind(
                &format!("COPY palabre_import ({MESSAGE_COLUMNS}, words) FROM STDIN"),
                data,
                format!(
                    "INSERT INTO messages ({MESSAGE_COLUMNS}, search)
                     SELECT {MESSAGE_COLUMNS}, {} FROM palabre_import;
                     TRUNCATE palabre_import",
                    SEARCH.replace("{words}", "words")
                ),
            )?;
            self.buffered = 0;
        }
        Ok(())
    }

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
                        .tx()
                        .query_opt(
                            "SELECT conv_id FROM messages WHERE channel = $1 AND ext_id = $2",
                            &[&m.channel.as_str(), &p],
                        )?
                        .map(|r| r.try_get(0))
                        .transpose()?;
                    if let Some(conv) = stored {
                        return Ok(self.resolve(conv));
                    }
                }
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
            let state = self.load(id)?;
            if !state.complete {
                state.complete = true;
                state.dirty = true;
            }
        }
        Ok(id)
    }

    fn conversation_by_key(&mut self, channel: Channel, key: &str) -> Result<Option<i64>> {
        if let Some(id) = self.keys.get(&Key(channel, key)) {
            return Ok(Some(self.resolve(*id)));
        }
        if self.store_was_empty {
            return Ok(None);
        }
        let stored: Option<i64> = self
            .tx()
            .query_opt(
                "SELECT id FROM conversations WHERE root_key = $1",
                &[&root_key(channel, key)],
            )?
            .map(|r| r.try_get(0))
            .transpose()?;
        if let Some(id) = stored {
            self.keys.insert((channel, key.to_string()), id);
        }
        Ok(stored.map(|id| self.resolve(id)))
    }

    fn load(&mut self, conv: i64) -> Result<&mut ConvState> {
        if !self.convs.contains_key(&conv) {
            let r = self.tx().query_one(
                "SELECT complete, status, crisis_level, escalated, message_count,
                        inbound_count, first_at, last_activity, last_inbound_at, last_outbound_at,
                        last_message_id, max_followers, lang, tone, complaint, danger, boost
                 FROM conversations WHERE id = $1",
                &[&conv],
            )?;
            let mut state = ConvState::fresh(String::new(), r.try_get(0)?);
            state.root_key = None;
            state.stored = true;
            state.status = r.try_get::<_, String>(1)?.parse().unwrap_or(Status::Open);
            state.crisis = r
                .try_get::<_, String>(2)?
                .parse()
                .unwrap_or(CrisisLevel::None);
            state.escalated = r.try_get(3)?;
            state.message_count = r.try_get(4)?;
            state.inbound_count = r.try_get(5)?;
            state.first_at = r.try_get(6)?;
            state.last_activity = r.try_get(7)?;
            state.last_inbound_at = r.try_get(8)?;
            state.last_outbound_at = r.try_get(9)?;
            state.last_message_id = r.try_get(10)?;
            state.max_followers = r.try_get(11)?;
            state.lang = r.try_get(12)?;
            state.tone = super::conversation::tone(r.try_get(13)?);
            state.complaint = r.try_get(14)?;
            state.danger = r.try_get(15)?;
            state.boost = r.try_get(16)?;
            state.dirty = false;
            self.convs.insert(conv, Box::new(state));
        }
        self.convs
            .get_mut(&conv)
            .map(|s| &mut **s)
            .ok_or_else(|| StoreError::NoConversation(conv.to_string()))
    }

    fn merge(&mut self, from: i64, into: i64) -> Result<()> {
        let a = self.load(from)?.clone();
        self.load(into)?.merge_totals(&a);
        if !a.stored {
            self.convs.remove(&from);
            self.merged_into.insert(from, into);
            return Ok(());
        }
        let tx = self.tx();
        tx.execute(
            "UPDATE outbox SET conv_id = $2 WHERE conv_id = $1",
            &[&from, &into],
        )?;
        tx.execute(
            "UPDATE actions SET conv_id = $2 WHERE conv_id = $1",
            &[&from, &into],
        )?;
        tx.execute(
            "INSERT INTO conversation_tags (conv_id, tag)
             SELECT $2, tag FROM conversation_tags WHERE conv_id = $1 ON CONFLICT DO NOTHING",
            &[&from, &into],
        )?;
        tx.execute("DELETE FROM conversation_tags WHERE conv_id = $1", &[&from])?;
        let into_has_draft: bool = tx.value(
            "SELECT EXISTS (SELECT 1 FROM drafts WHERE conv_id = $1)",
            &[&into],
        )?;
        if into_has_draft {
            let draft: Option<String> = tx
                .query_opt("SELECT text FROM drafts WHERE conv_id = $1", &[&from])?
                .map(|r| r.try_get(0))
                .transpose()?;
            if let Some(text) = draft {
                insert_event(
                    tx,
                    into,
                    self.now,
                    &self.actor,
                    EventKind::Note,
                    &json!({"text": text, "reason": "draft of a merged conversation"}),
                )?;
            }
            tx.execute("DELETE FROM drafts WHERE conv_id = $1", &[&from])?;
        } else {
            tx.execute(
                "UPDATE drafts SET conv_id = $2 WHERE conv_id = $1",
                &[&from, &into],
            )?;
        }
        if !self.convs.get(&into).is_some_and(|s| s.stored) {
            let assignee: Option<String> = self
                .tx()
                .value("SELECT assignee FROM conversations WHERE id = $1", &[&from])?;
            if let Some(state) = self.convs.get_mut(&into) {
                state.assignee = state.assignee.take().or(assignee);
            }
        }
        let tx = self.tx();
        tx.execute(
            "UPDATE conversations SET assignee = COALESCE(assignee, (SELECT assignee FROM conversations WHERE id = $1))
             WHERE id = $2",
            &[&from, &into],
        )?;
        tx.execute("DELETE FROM conversations WHERE id = $1", &[&from])?;
        tx.execute(
            "INSERT INTO merged (from_id, into_id) VALUES ($1, $2)
             ON CONFLICT (from_id) DO UPDATE SET into_id = $2",
            &[&from, &into],
        )?;
        tx.execute(
            "UPDATE merged SET into_id = $2 WHERE into_id = $1",
            &[&from, &into],
        )?;
        self.convs.remove(&from);
        self.merged_into.insert(from, into);
        Ok(())
    }

    fn finish_inner(&mut self) -> Result<()> {
        self.flush()?;
        // Conversations: the new ones with COPY, the stored ones in one UPDATE.
        let mut ids: Vec<i64> = self
            .convs
            .iter()
            .filter(|(_, s)| s.dirty)
            .map(|(id, _)| *id)
            .collect();
        ids.sort_unstable();
        let mut new = String::new();
        let mut updates: Vec<(i64, &ConvState)> = Vec::new();
        for id in &ids {
            let Some(s) = self.convs.get(id) else {
                continue;
            };
            match (&s.root_key, s.stored) {
                (_, true) => updates.push((*id, s)),
                (Some(key), false) if s.message_count > 0 => {
                    let channel = key.split(':').next().unwrap_or("other");
                    let fields = [
                        id.to_string(),
                        escape(key),
                        escape(channel),
                        bool_text(s.complete).into(),
                        s.status.as_str().into(),
                        s.crisis.as_str().into(),
                        bool_text(s.escalated).into(),
                        s.priority(self.policy.as_ref(), self.now).to_string(),
                        s.message_count.to_string(),
                        s.inbound_count.to_string(),
                        s.first_at.to_string(),
                        s.last_activity.to_string(),
                        opt(s.last_inbound_at),
                        opt(s.last_outbound_at),
                        opt(s.last_message_id),
                        s.max_followers.to_string(),
                        s.lang.as_deref().map_or(NULL.into(), escape),
                        s.assignee.as_deref().map_or(NULL.into(), escape),
                        s.tone.map_or(NULL.into(), |t| t.as_str().to_string()),
                        s.complaint.to_string(),
                        bool_text(s.danger).into(),
                    ];
                    new.push_str(&fields.join("\t"));
                    new.push('\n');
                }
                _ => {}
            }
        }
        // Many new conversations into a small table: one sort per index at
        // the end costs less than keeping seven indexes in order row by row.
        let adding = new.lines().count() as i64;
        let stored: i64 = self.tx().value("SELECT count(*) FROM conversations", &[])?;
        if adding >= 10_000 && adding > stored {
            let indexes = secondary_indexes(self.tx(), "conversations")?;
            for (name, _) in &indexes {
                self.tx().batch(&format!("DROP INDEX \"{name}\""))?;
            }
            self.set_aside
                .extend(indexes.into_iter().map(|(_, made)| made));
        }
        if !new.is_empty() {
            self.tx().copy_in(
                "COPY conversations (id, root_key, channel, complete, status, crisis_level,
                    escalated, priority, message_count, inbound_count, first_at, last_activity,
                    last_inbound_at, last_outbound_at, last_message_id, max_followers, lang,
                    assignee, tone, complaint, danger) FROM STDIN",
                new.into_bytes(),
            )?;
        }
        for (id, s) in &updates {
            self.tx().execute(
                "UPDATE conversations SET complete = $2, status = $3, crisis_level = $4,
                    escalated = $5, priority = $6, message_count = $7, inbound_count = $8,
                    first_at = $9, last_activity = $10, last_inbound_at = $11,
                    last_outbound_at = $12, last_message_id = $13, max_followers = $14, lang = $15,
                    tone = $16, complaint = $17, danger = $18, next_step_at = 0
                 WHERE id = $1",
                &[
                    id,
                    &s.complete,
                    &s.status.as_str(),
                    &s.crisis.as_str(),
                    &s.escalated,
                    &s.priority(self.policy.as_ref(), self.now),
                    &s.message_count,
                    &s.inbound_count,
                    &s.first_at,
                    &s.last_activity,
                    &s.last_inbound_at,
                    &s.last_outbound_at,
                    &s.last_message_id,
                    &s.max_followers,
                    &s.lang,
                    &s.tone.map(|t| t.as_str()),
                    &s.complaint,
                    &s.danger,
                ],
            )?;
        }
        if !self.merged_into.is_empty() {
            let from: Vec<i64> = self.merged_into.keys().copied().collect();
            let into: Vec<i64> = from.iter().map(|f| self.resolve(*f)).collect();
            for table in ["messages", "events"] {
                self.tx().execute(
                    &format!(
                        "UPDATE {table} t SET conv_id = m.into_id
                         FROM unnest($1::bigint[], $2::bigint[]) AS m(from_id, into_id)
                         WHERE t.conv_id = m.from_id"
                    ),
                    &[&from, &into],
                )?;
            }
        }
        for sql in std::mem::take(&mut self.set_aside) {
            self.tx().batch(&sql)?;
        }
        self.tx().execute(
            "INSERT INTO meta (key, value) VALUES ('last_conversation', $1)
             ON CONFLICT (key) DO UPDATE SET value = GREATEST(meta.value, $1)",
            &[&(self.next_conv - 1)],
        )?;
        let report = self.report;
        if report.new + report.updated > 0 {
            announce(self.tx(), 0, 0, &self.actor, "import")?;
        }
        Ok(())
    }
}

impl Import for PgImporter<'_> {
    fn add_scored(&mut self, m: &Message, scores: Option<&Scores>) -> Result<Outcome> {
        self.add_inner(m, scores)
    }

    fn add_owned(&mut self, m: Message, scores: Option<&Scores>) -> Result<Outcome> {
        self.add_inner(&m, scores)
    }

    fn skip(&mut self) {
        self.report.skipped += 1;
    }

    fn expect_messages(&mut self, messages: usize) {
        let messages = messages.min(50_000_000);
        self.placed
            .reserve(messages.saturating_sub(self.placed.len()));
        let conversations = messages / 4;
        self.keys
            .reserve(conversations.saturating_sub(self.keys.len()));
        self.convs
            .reserve(conversations.saturating_sub(self.convs.len()));
    }

    fn report(&self) -> ImportReport {
        self.report
    }

    fn set_cursor(&mut self, account: &str, network: Channel, cursor: &str) -> Result<()> {
        self.tx().execute(
            "INSERT INTO accounts (name, network, cursor) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO UPDATE SET cursor = $3",
            &[&account, &network.as_str(), &cursor],
        )?;
        Ok(())
    }

    fn mark_sent(&mut self, outbox: i64, remote_id: &str, actor: &str) -> Result<()> {
        let conv: i64 = self
            .tx()
            .value("SELECT conv_id FROM outbox WHERE id = $1", &[&outbox])?;
        let now = chrono::Utc::now().timestamp_millis();
        self.tx().execute(
            "UPDATE outbox SET status = 'sent', remote_id = $2, sent_at = $3, error = NULL,
                 updated_at = $3 WHERE id = $1",
            &[&outbox, &remote_id, &now],
        )?;
        insert_event(
            self.tx(),
            conv,
            now,
            actor,
            EventKind::ReplySent,
            &json!({"outbox": outbox, "remote_id": remote_id}),
        )?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<ImportReport> {
        self.finish_inner()?;
        if let Some(tx) = self.tx.take() {
            let conn = tx.conn();
            tx.commit()?;
            // After a large import the planner's statistics are stale, and
            // the conversations' pages not marked all-visible, until
            // autovacuum comes round: the queue's plans need both now.
            // The import is committed whatever these say: at worst the
            // plans wait for autovacuum. (VACUUM runs alone, outside any
            // transaction block.)
            if self.report.new >= ANALYZE_FROM {
                for sql in [
                    "VACUUM (ANALYZE) conversations",
                    "ANALYZE messages",
                    "ANALYZE events",
                ] {
                    let _ = conn.batch(sql);
                }
            }
        }
        Ok(self.report)
    }
}

/// The indexes of `table` that no constraint needs (name, and the SQL that
/// makes it again): an import may set them aside inside its transaction.
fn secondary_indexes(tx: &Conn, table: &str) -> Result<Vec<(String, String)>> {
    tx.query(
        "SELECT i.relname::text, pg_get_indexdef(i.oid) FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE t.relname = $1 AND n.nspname = current_schema()
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
         ORDER BY 1",
        &[&table],
    )?
    .iter()
    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
    .collect()
}

const NULL: &str = "\\N";

fn bool_text(b: bool) -> &'static str {
    if b { "t" } else { "f" }
}

fn opt(v: Option<i64>) -> String {
    v.map_or(NULL.into(), |v| v.to_string())
}

/// Text as PostgreSQL keeps it: it cannot hold NUL, which the embedded
/// store keeps; a NUL from the internet becomes U+FFFD.
fn storable(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\0') {
        s.replace('\0', "\u{FFFD}").into()
    } else {
        s.into()
    }
}

/// A value in COPY's text format.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn copy_message(
    out: &mut String,
    row: i64,
    conv: i64,
    m: &Message,
    scores: Option<&Scores>,
    created: i64,
) {
    let text = |o: Option<&str>| o.map_or(NULL.to_string(), escape);
    let float = |o: Option<f32>| o.map_or(NULL.to_string(), |v| f64::from(v).to_string());
    let _ = writeln!(
        out,
        "{row}\t{conv}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{created}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        m.channel.as_str(),
        escape(&m.id),
        text(m.parent_id.as_deref()),
        text(m.thread_id.as_deref()),
        m.kind.as_str(),
        m.direction.as_str(),
        escape(&m.author.handle),
        escape(&m.author.name),
        opt(m.author.followers.map(|f| f as i64)),
        bool_text(m.author.verified),
        escape(&m.text),
        text(m.lang.as_deref()),
        text(m.url.as_deref()),
        m.metrics.likes as i64,
        m.metrics.shares as i64,
        m.metrics.replies as i64,
        float(scores.map(|s| s.sentiment)),
        text(scores.map(|s| s.tone.as_str())),
        float(scores.map(|s| s.complaint)),
        bool_text(m.automated),
        escape(&search_words(&[&m.text, &m.author.handle, &m.author.name])),
    );
}

/// What a message's search vector is made from: its text, handle and name
/// with every run of punctuation (ASCII, Latin-1, general, CJK) turned into
/// one space, so that the server's parser sees the words the embedded
/// index sees ("user@example.org" is three words, not an address).
fn search_words(fields: &[&str]) -> String {
    let mut out = String::with_capacity(fields.iter().map(|f| f.len() + 1).sum());
    let mut gap = false;
    for (i, field) in fields.iter().enumerate() {
        // The fields are joined by a space, itself punctuation.
        let spaced = (i > 0).then_some(' ');
        for c in spaced.into_iter().chain(field.chars()) {
            let c = if c == '\0' { '\u{FFFD}' } else { c };
            if separates(c) {
                if !gap {
                    out.push(' ');
                    gap = true;
                }
            } else {
                out.push(c);
                gap = false;
            }
        }
    }
    out
}

/// Whether `c` is in `SEPARATORS` (migration 1's class).
fn separates(c: char) -> bool {
    matches!(c as u32, 0x01..=0x2f | 0x3a..=0x40 | 0x5b..=0x60 | 0x7b..=0x7f | 0xa0..=0xbf | 0x2000..=0x206f | 0x3000..=0x303f)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words the importer cuts are the ones the server's expression
    /// (migration 1's generated column, the edits' UPDATE) cuts: every
    /// character up to the CJK block's end, one by one, and real text.
    #[test]
    fn the_importer_cuts_words_where_the_server_does() {
        let Some(server) = palabre_test_server::postgres::shared_or_skip(
            "the_importer_cuts_words_where_the_server_does",
        ) else {
            return;
        };
        let conn = Conn::open(&server.database("words").unwrap()).unwrap();
        let every: String = (1u32..0x3100)
            .filter_map(char::from_u32)
            .flat_map(|c| ['a', c])
            .collect();
        let samples = [
            (every.as_str(), "h", "n"),
            (
                "Écrivez à sav@kettlo.fr — « remboursé ? » l'été\n\t2 000,50 €…",
                "@léa@piaille.example",
                "Léa  Ng",
            ),
            ("「返金」はまだ？😡 ", "user_1", ""),
            ("", "", ""),
        ];
        for (text, handle, name) in samples {
            let server_cut: String = conn
                .value(
                    &format!("SELECT regexp_replace($1 || ' ' || $2 || ' ' || $3, '{SEPARATORS}', ' ', 'g')"),
                    &[&text, &handle, &name],
                )
                .unwrap();
            assert_eq!(search_words(&[text, handle, name]), server_cut, "{handle}");
        }
    }
}
