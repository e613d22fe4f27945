//! Commands on one conversation: every change writes its event in the same
//! transaction as the new state, so history and state never disagree.

use super::{Result, Sqlite, StoreError, from_millis, to_millis};
use crate::model::{
    ConversationDetail, CrisisLevel, Draft, Event, EventKind, Message, Status, StoredMessage,
    normalize_tag,
};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};
use std::collections::HashMap;

/// Something a person (or a rule) does to a conversation.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Status(Status),
    Tag(Vec<String>),
    Untag(Vec<String>),
    Assign(Option<String>),
    Flag {
        level: CrisisLevel,
        reason: String,
    },
    /// The crisis detector raises a conversation to `level` (`watch` for
    /// one danger report from a large account, `potential` for a burst):
    /// from calm, or from a lower level it set itself; it never lowers a
    /// level, nor touches one a person set.
    DetectorFlag {
        level: CrisisLevel,
        /// In English, as machines (`--json`, reports' CSV) have always read it.
        reason: String,
        /// The same, as values the interface says in its language.
        alert: Option<crate::model::DetectorAlert>,
    },
    Escalate {
        to: String,
        note: String,
    },
    Note(String),
    /// What an escalation hook did (`payload` as `hooks::HookOutcome`
    /// records it); the escalation itself stands either way.
    HookResult {
        ok: bool,
        payload: Value,
    },
    SaveDraft(String),
    QueueReply {
        text: String,
        /// What the reply is checked against (see `team::ReplyCheck`).
        check: super::team::ReplyCheck,
    },
    /// A person says what the tone of the conversation (its latest message
    /// from the public) really is; the learned sentiment model learns it.
    Sentiment(crate::model::Tone),
    /// A network action on one of the conversation's messages, queued in
    /// the outbox (refused when the network does not offer it).
    Act(super::ActRequest),
    /// Takes a network action back: cancelled if it has not left, else its
    /// inverse is queued (unhide after hide).
    UndoAction(i64),
    /// A reply an automation rule sends (a saved reply) to the message that
    /// set it off (its network id), marked automated.
    QueueAutoReply {
        text: String,
        rule: String,
        message: String,
    },
    /// Points added to the conversation's priority by a rule.
    Boost(i64),
    /// An automation rule acted on one of the conversation's messages.
    RuleApplied {
        rule: String,
        message: String,
        did: Vec<String>,
    },
    /// What a rule's hook did (`payload` as `hooks::HookOutcome` records it).
    RuleHookResult {
        ok: bool,
        payload: Value,
    },
}

fn channel_of(tx: &Connection, conv: i64) -> Result<crate::model::Channel> {
    Ok(tx
        .query_row(
            "SELECT channel FROM conversations WHERE id = ?1",
            [conv],
            |r| r.get::<_, String>(0),
        )?
        .parse()
        .unwrap_or(crate::model::Channel::Other))
}

pub(crate) fn insert_event(
    conn: &Connection,
    conv: i64,
    at: i64,
    actor: &str,
    kind: EventKind,
    payload: &Value,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO events (conv_id, at, actor, kind, payload) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![conv, at, actor, kind.as_str(), payload.to_string()])?;
    Ok(conn.last_insert_rowid())
}

impl Sqlite {
    /// Applies a change and records it. Returns the events written (none when
    /// the change changes nothing, e.g. adding a tag already there).
    pub fn apply(&mut self, conv: i64, change: Change, actor: &str) -> Result<Vec<Event>> {
        self.apply_at(conv, change, actor, Utc::now())
    }

    pub fn apply_at(
        &mut self,
        conv: i64,
        change: Change,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Event>> {
        // A conversation merged since the person opened it: act on where it went.
        let conv = self.current_id(conv)?;
        let policy = self.policy.clone();
        // IMMEDIATE: take the write lock first, so that a concurrent writer
        // makes us wait (busy timeout) instead of failing half-way.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let written = apply_in(&tx, policy.as_ref(), conv, change, actor, now)?;
        tx.commit()?;
        Ok(written)
    }

    pub fn history(&self, conv: i64) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, conv_id, at, actor, kind, payload FROM events WHERE conv_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([conv], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut events = Vec::new();
        for row in rows {
            let (id, conversation, at, actor, kind, payload) = row?;
            events.push(Event {
                id,
                conversation,
                at: from_millis(at),
                actor,
                kind: kind
                    .parse()
                    .map_err(|e| StoreError::Invalid(format!("event {id}: {e}")))?,
                payload: serde_json::from_str(&payload)?,
            });
        }
        Ok(events)
    }

    pub fn draft(&self, conv: i64) -> Result<Option<Draft>> {
        Ok(self
            .conn
            .query_row(
                "SELECT text, updated_at FROM drafts WHERE conv_id = ?1",
                [conv],
                |r| {
                    Ok(Draft {
                        text: r.get(0)?,
                        updated_at: from_millis(r.get(1)?),
                    })
                },
            )
            .optional()?)
    }

    /// The messages of a conversation in reply order: each reply under its
    /// parent, siblings by time; messages whose parent is missing come at the
    /// top level in time order.
    pub fn messages(&self, conv: i64) -> Result<Vec<StoredMessage>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM messages WHERE conv_id = ?1 ORDER BY created_at, id",
            MESSAGE_COLUMNS
        ))?;
        let flat = stmt
            .query_map([conv], message_from_row)?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(thread_order(flat))
    }

    pub fn conversation(&self, conv: i64) -> Result<ConversationDetail> {
        let summary = self
            .summaries(&[conv])?
            .pop()
            .ok_or_else(|| StoreError::NoConversation(conv.to_string()))?;
        let messages = self.messages(conv)?;
        Ok(ConversationDetail {
            summary,
            messages,
            // The inbox fills in what the learned models suggest.
            learned_categories: Vec::new(),
            suggested_categories: Vec::new(),
            draft: self.draft(conv)?,
            events: self.history(conv)?,
            outbox: self.outbox(conv)?,
            mark: self.reply_mark(conv)?,
            actions: self.actions(conv)?,
        })
    }

    /// Where the conversation stands for a reply beginning now.
    pub fn reply_mark(&self, conv: i64) -> Result<super::ReplyMark> {
        mark(&self.conn, conv)
    }

    /// Replies of a conversation still in the outbox (not sent yet, or failed).
    pub fn outbox(&self, conv: i64) -> Result<Vec<crate::model::OutboxItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, text, actor, status, error, created_at FROM outbox
             WHERE conv_id = ?1 AND status NOT IN ('sent', 'replaced') ORDER BY id",
        )?;
        let rows = stmt.query_map([conv], |r| {
            Ok(crate::model::OutboxItem {
                id: r.get(0)?,
                text: r.get(1)?,
                actor: r.get(2)?,
                status: r
                    .get::<_, String>(3)?
                    .parse()
                    .unwrap_or(crate::model::OutboxStatus::Queued),
                error: r.get(4)?,
                created_at: from_millis(r.get(5)?),
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }
}

/// Applies a change inside the caller's write transaction (see `apply_at`).
pub(super) fn apply_in(
    tx: &Connection,
    policy: &dyn super::Policy,
    conv: i64,
    change: Change,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Event>> {
    let at = to_millis(now);
    // Notes, drafts, network actions and rule records change nothing
    // priority reads.
    let reprioritize = !matches!(
        change,
        Change::Note(_)
            | Change::SaveDraft(_)
            | Change::Act(_)
            | Change::UndoAction(_)
            | Change::RuleApplied { .. }
            | Change::RuleHookResult { .. }
    );
    let (status, crisis, assignee): (String, String, Option<String>) = tx
        .query_row(
            "SELECT status, crisis_level, assignee FROM conversations WHERE id = ?1",
            [conv],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| StoreError::NoConversation(conv.to_string()))?;
    let mut written = Vec::new();
    let mut lessons: Vec<super::Lesson> = Vec::new();
    let mut event = |kind: EventKind, payload: Value| -> Result<()> {
        let id = insert_event(tx, conv, at, actor, kind, &payload)?;
        written.push(Event {
            id,
            conversation: conv,
            at: from_millis(at),
            actor: actor.to_string(),
            kind,
            payload,
        });
        Ok(())
    };
    match change {
        Change::Status(to) => {
            if status != to.as_str() {
                tx.execute(
                    "UPDATE conversations SET status = ?2 WHERE id = ?1",
                    params![conv, to.as_str()],
                )?;
                event(EventKind::Status, json!({"from": status, "to": to}))?;
            }
        }
        Change::Tag(tags) | Change::Untag(tags)
            if tags.iter().all(|t| normalize_tag(t).is_empty()) =>
        {
            return Err(StoreError::Invalid("a tag must not be empty".into()));
        }
        Change::Tag(tags) => {
            let mut added = Vec::new();
            for tag in tags
                .iter()
                .map(|t| normalize_tag(t))
                .filter(|t| !t.is_empty())
            {
                if tx.execute(
                    "INSERT OR IGNORE INTO conversation_tags (conv_id, tag) VALUES (?1, ?2)",
                    params![conv, tag],
                )? == 1
                {
                    added.push(tag);
                }
            }
            lessons.extend(
                added
                    .iter()
                    .filter(|t| policy.is_category(t))
                    .map(|t| super::Lesson::Category(t.clone())),
            );
            if !added.is_empty() {
                event(EventKind::Tag, json!({"tags": added}))?;
            }
        }
        Change::Untag(tags) => {
            let mut removed = Vec::new();
            for tag in tags.iter().map(|t| normalize_tag(t)) {
                if tx.execute(
                    "DELETE FROM conversation_tags WHERE conv_id = ?1 AND tag = ?2",
                    params![conv, tag],
                )? == 1
                {
                    removed.push(tag);
                }
            }
            if removed.iter().any(|t| policy.is_category(t)) {
                lessons.push(super::Lesson::NotCategory);
            }
            if !removed.is_empty() {
                event(EventKind::Untag, json!({"tags": removed}))?;
            }
        }
        Change::Assign(who) => {
            let who = who.map(|w| w.trim().to_string()).filter(|w| !w.is_empty());
            if who != assignee {
                tx.execute(
                    "UPDATE conversations SET assignee = ?2 WHERE id = ?1",
                    params![conv, who],
                )?;
                event(EventKind::Assign, json!({"from": assignee, "to": who}))?;
            }
        }
        Change::Flag { level, reason } => {
            tx.execute(
                "UPDATE conversations SET crisis_level = ?2 WHERE id = ?1",
                params![conv, level.as_str()],
            )?;
            event(
                EventKind::CrisisFlag,
                json!({"from": crisis, "to": level, "reason": reason}),
            )?;
        }
        Change::DetectorFlag {
            level,
            reason,
            alert,
        } => {
            let current: CrisisLevel = crisis.parse().unwrap_or(CrisisLevel::None);
            // The latest level was set by the detector, not a person.
            let by_rule = || -> Result<bool> {
                Ok(tx
                    .query_row(
                        "SELECT json_extract(payload, '$.rule') IS NOT NULL FROM events
                         WHERE conv_id = ?1 AND kind = 'crisis_flag' ORDER BY id DESC LIMIT 1",
                        [conv],
                        |r| r.get::<_, bool>(0),
                    )
                    .optional()?
                    .unwrap_or(false))
            };
            if current < level && (current == CrisisLevel::None || by_rule()?) {
                tx.execute(
                    "UPDATE conversations SET crisis_level = ?2 WHERE id = ?1",
                    params![conv, level.as_str()],
                )?;
                event(
                    EventKind::CrisisFlag,
                    detector_payload(&crisis, level, &reason, alert),
                )?;
            }
        }
        Change::Escalate { to, note } => {
            if to.trim().is_empty() {
                return Err(StoreError::Invalid("an escalation needs a contact".into()));
            }
            tx.execute(
                "UPDATE conversations SET escalated = 1 WHERE id = ?1",
                [conv],
            )?;
            event(EventKind::Escalation, json!({"to": to, "note": note}))?;
        }
        Change::Note(text) => {
            if text.trim().is_empty() {
                return Err(StoreError::Invalid("a note must not be empty".into()));
            }
            event(EventKind::Note, json!({"text": text}))?;
        }
        Change::HookResult { ok, payload } => {
            let kind = if ok {
                EventKind::EscalationHookOk
            } else {
                EventKind::EscalationHookFailed
            };
            event(kind, payload)?;
        }
        Change::SaveDraft(text) => {
            let old: Option<String> = tx
                .query_row("SELECT text FROM drafts WHERE conv_id = ?1", [conv], |r| {
                    r.get(0)
                })
                .optional()?;
            if old.as_deref() != Some(text.as_str()) {
                if text.is_empty() {
                    tx.execute("DELETE FROM drafts WHERE conv_id = ?1", [conv])?;
                } else {
                    tx.execute(
                        "INSERT INTO drafts (conv_id, text, updated_at) VALUES (?1, ?2, ?3)
                             ON CONFLICT (conv_id) DO UPDATE SET text = ?2, updated_at = ?3",
                        params![conv, text, at],
                    )?;
                }
                event(
                    EventKind::DraftSaved,
                    json!({"chars": text.chars().count()}),
                )?;
            }
        }
        Change::QueueReply { text, check } => {
            for (kind, payload) in queue_reply(tx, conv, &status, &text, actor, at, check, None)? {
                event(kind, payload)?;
            }
        }
        Change::QueueAutoReply {
            text,
            rule,
            message,
        } => {
            // A rule never answers a message someone already answered.
            let by = Some((rule.as_str(), message.as_str()));
            let check = super::ReplyCheck::Once;
            for (kind, payload) in queue_reply(tx, conv, &status, &text, actor, at, check, by)? {
                event(kind, payload)?;
            }
        }
        Change::Act(request) => {
            if let Some((kind, payload)) =
                super::actions::queue(tx, conv, channel_of(tx, conv)?, &request, actor, at)?
            {
                event(kind, payload)?;
            }
        }
        Change::UndoAction(id) => {
            if let Some((kind, payload)) =
                super::actions::undo(tx, conv, channel_of(tx, conv)?, id, actor, at)?
            {
                event(kind, payload)?;
            }
        }
        Change::Boost(points) => {
            if points != 0 {
                tx.execute(
                    "UPDATE conversations SET boost = boost + ?2 WHERE id = ?1",
                    params![conv, points],
                )?;
                event(EventKind::Priority, json!({"boost": points}))?;
            }
        }
        Change::RuleApplied { rule, message, did } => {
            event(
                EventKind::Rule,
                json!({"rule": rule, "message": message, "did": did}),
            )?;
        }
        Change::RuleHookResult { ok, payload } => {
            let kind = if ok {
                EventKind::RuleHookOk
            } else {
                EventKind::RuleHookFailed
            };
            event(kind, payload)?;
        }
        Change::Sentiment(to) => {
            let latest: Option<(i64, Option<String>)> = tx
                .query_row(
                    "SELECT id, tone FROM messages WHERE conv_id = ?1 AND direction = 'inbound'
                         ORDER BY created_at DESC, id DESC LIMIT 1",
                    [conv],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((message, from)) = latest else {
                return Err(StoreError::Invalid(
                    "no message from the public to correct the sentiment of".into(),
                ));
            };
            tx.execute(
                "UPDATE messages SET tone = ?2 WHERE id = ?1",
                params![message, to.as_str()],
            )?;
            tx.execute(
                "UPDATE conversations SET tone = ?2 WHERE id = ?1",
                params![conv, to.as_str()],
            )?;
            // A confirmation teaches as much as a correction.
            event(EventKind::Sentiment, json!({"from": from, "to": to}))?;
            lessons.push(super::Lesson::Sentiment(to));
        }
    }
    if !lessons.is_empty() {
        policy.teach(
            &lessons,
            &mut super::learning::Room {
                conn: tx,
                conv,
                at,
                policy,
            },
        )?;
    }
    if reprioritize {
        refresh_priority(tx, conv, policy, now)?;
    }
    Ok(written)
}

pub(crate) const MESSAGE_COLUMNS: &str = "channel, ext_id, parent_ext_id, thread_ext_id, kind, direction, author_handle,
     author_name, author_followers, author_verified, text, lang, created_at, url, likes, shares, replies, automated";

pub(crate) fn message_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Message> {
    message_from_row_at(r, 0)
}

/// Reads the `MESSAGE_COLUMNS` of a row, starting at column `base`.
pub(crate) fn message_from_row_at(r: &rusqlite::Row<'_>, base: usize) -> rusqlite::Result<Message> {
    fn named<T: std::str::FromStr<Err = crate::model::UnknownName>>(
        r: &rusqlite::Row<'_>,
        i: usize,
    ) -> rusqlite::Result<T> {
        r.get::<_, String>(i)?
            .parse()
            .map_err(|e: crate::model::UnknownName| {
                rusqlite::Error::FromSqlConversionFailure(
                    i,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })
    }
    let count =
        |i: usize| -> rusqlite::Result<u64> { Ok(r.get::<_, i64>(base + i)?.max(0) as u64) };
    Ok(Message {
        channel: named(r, base)?,
        id: r.get(base + 1)?,
        parent_id: r.get(base + 2)?,
        thread_id: r.get(base + 3)?,
        kind: named(r, base + 4)?,
        direction: named(r, base + 5)?,
        author: crate::model::Author {
            handle: r.get(base + 6)?,
            name: r.get(base + 7)?,
            followers: r.get::<_, Option<i64>>(base + 8)?.map(|f| f.max(0) as u64),
            verified: r.get(base + 9)?,
        },
        text: r.get(base + 10)?,
        lang: r.get(base + 11)?,
        created_at: from_millis(r.get(base + 12)?),
        url: r.get(base + 13)?,
        metrics: crate::model::Metrics {
            likes: count(14)?,
            shares: count(15)?,
            replies: count(16)?,
        },
        automated: r.get(base + 17)?,
    })
}

/// Depth-first over the reply tree, children in time order.
pub(crate) fn thread_order(flat: Vec<Message>) -> Vec<StoredMessage> {
    let index: HashMap<&str, usize> = flat
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); flat.len()];
    let mut roots = Vec::new();
    for (i, m) in flat.iter().enumerate() {
        match m.parent_id.as_deref().and_then(|p| index.get(p)) {
            Some(&parent) if parent != i => children[parent].push(i),
            _ => roots.push(i),
        }
    }
    let mut order = Vec::with_capacity(flat.len());
    let mut seen = vec![false; flat.len()];
    let mut stack: Vec<(usize, usize)> = roots.into_iter().rev().map(|i| (i, 0)).collect();
    while let Some((i, depth)) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        order.push((i, depth));
        stack.extend(children[i].iter().rev().map(|&c| (c, depth + 1)));
    }
    // A parent cycle leaves messages unreached: show them rather than lose them.
    for (i, s) in seen.iter().enumerate() {
        if !s {
            order.push((i, 0));
        }
    }
    let mut slots: Vec<Option<Message>> = flat.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(i, depth)| {
            slots[i]
                .take()
                .map(|message| StoredMessage { message, depth })
        })
        .collect()
}

fn refresh_priority(
    conn: &Connection,
    conv: i64,
    policy: &dyn super::Policy,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    use super::priority::{PRIORITY_COLUMNS, WAITING_SINCE, inputs, next_step, overdue};
    let (inputs, since) = conn.query_row(
        &format!("SELECT {WAITING_SINCE}, {PRIORITY_COLUMNS} FROM conversations c WHERE c.id = ?1"),
        [conv],
        |r| {
            let since: Option<i64> = r.get(0)?;
            Ok((
                inputs(r, 1, now, |channel| {
                    overdue(policy, channel, since, now, false)
                })?,
                since,
            ))
        },
    )?;
    conn.execute(
        "UPDATE conversations SET priority = ?2, next_step_at = ?3 WHERE id = ?1",
        params![
            conv,
            policy.priority(&inputs),
            next_step(policy, &inputs, since, now)
        ],
    )?;
    Ok(())
}

fn mark(conn: &Connection, conv: i64) -> Result<super::ReplyMark> {
    Ok(conn.query_row(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM messages WHERE conv_id = ?1),
                (SELECT COALESCE(MAX(id), 0) FROM outbox WHERE conv_id = ?1)",
        [conv],
        |r| {
            Ok(super::ReplyMark {
                message: r.get(0)?,
                outbox: r.get(1)?,
            })
        },
    )?)
}

/// What the crisis detector's flag records: its English reason, and the
/// same as values the interface says in its language.
pub(crate) fn detector_payload(
    from: &str,
    to: CrisisLevel,
    reason: &str,
    alert: Option<crate::model::DetectorAlert>,
) -> Value {
    let mut payload = json!({"from": from, "to": to, "reason": reason, "rule": "crisis-detector"});
    if let Some(alert) = alert {
        payload["alert"] = json!(alert);
    }
    payload
}

/// The network's own limit, whoever queues (TUI, CLI, script).
pub(crate) fn check_length(channel: crate::model::Channel, text: &str) -> Result<()> {
    let length = crate::limits::length(channel, text);
    if let Some(limit) = crate::limits::limit(channel)
        && length > limit
    {
        return Err(StoreError::Invalid(format!(
            "the reply is too long for {channel}: {length} of {limit}"
        )));
    }
    Ok(())
}

/// What came into a conversation since `seen`, in words, if anything.
pub(crate) fn what_moved(seen: super::ReplyMark, now: super::ReplyMark) -> Option<&'static str> {
    match (now.message > seen.message, now.outbox > seen.outbox) {
        (_, true) => Some("someone queued a reply"),
        (true, false) => Some("a new message arrived"),
        (false, false) => None,
    }
}

/// Refuses a second reply to the same message, and (with a mark) a reply
/// to a conversation that moved since the draft began.
fn check_collision(
    tx: &Connection,
    conv: i64,
    in_reply_to: Option<i64>,
    check: super::ReplyCheck,
) -> Result<()> {
    use super::ReplyCheck;
    if check == ReplyCheck::Anyway {
        return Ok(());
    }
    let earlier: Option<(String, i64)> = tx
        .query_row(
            "SELECT actor, created_at FROM outbox
             WHERE conv_id = ?1 AND in_reply_to IS ?2 AND status IN ('queued', 'sending', 'sent')
             ORDER BY id DESC LIMIT 1",
            params![conv, in_reply_to],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((actor, at)) = earlier {
        return Err(StoreError::Conflict(super::team::already_replied(
            &actor,
            from_millis(at),
        )));
    }
    if let ReplyCheck::Since(seen) = check
        && let Some(what) = what_moved(seen, mark(tx, conv)?)
    {
        return Err(StoreError::Conflict(super::team::changed_since(what)));
    }
    Ok(())
}

/// Queues a reply in the outbox (inside the caller's transaction) and sets
/// the conversation waiting: the events to record. It answers the latest
/// message from the public; `rule`: a rule sends it, to the message that
/// set the rule off (its network id), and the message it becomes is marked
/// automated.
#[allow(clippy::too_many_arguments)]
fn queue_reply(
    tx: &Connection,
    conv: i64,
    status: &str,
    text: &str,
    actor: &str,
    at: i64,
    check: super::ReplyCheck,
    rule: Option<(&str, &str)>,
) -> Result<Vec<(EventKind, Value)>> {
    if text.trim().is_empty() {
        return Err(StoreError::Invalid("a reply must not be empty".into()));
    }
    check_length(channel_of(tx, conv)?, text)?;
    let named: Option<i64> = match rule {
        Some((_, message)) => tx
            .query_row(
                "SELECT id FROM messages WHERE conv_id = ?1 AND ext_id = ?2",
                params![conv, message],
                |r| r.get(0),
            )
            .optional()?,
        None => None,
    };
    let in_reply_to: Option<i64> = match named {
        Some(id) => Some(id),
        None => tx
            .query_row(
                "SELECT id FROM messages WHERE conv_id = ?1 AND direction = 'inbound'
                 ORDER BY created_at DESC, id DESC LIMIT 1",
                [conv],
                |r| r.get(0),
            )
            .optional()?,
    };
    // The write lock is held (IMMEDIATE): whoever queues first wins, the
    // other is told.
    check_collision(tx, conv, in_reply_to, check)?;
    let key = format!(
        "palabre-{conv}-{at}-{}",
        tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM outbox", [], |r| r
            .get::<_, i64>(0))?
    );
    tx.execute(
        "INSERT INTO outbox (conv_id, in_reply_to, text, actor, status, idempotency_key, created_at,
             updated_at, automated)
         VALUES (?1, ?2, ?3, ?6, 'queued', ?4, ?5, ?5, ?7)",
        params![conv, in_reply_to, text, key, at, actor, rule.is_some()],
    )?;
    let outbox_id = tx.last_insert_rowid();
    // A new reply takes the place of the ones the network refused (their
    // text stays in the history).
    tx.execute(
        "UPDATE outbox SET status = 'replaced', updated_at = ?2
         WHERE conv_id = ?1 AND status = 'failed' AND id != ?3",
        params![conv, at, outbox_id],
    )?;
    let mut events = Vec::new();
    let mut queued = json!({"outbox": outbox_id, "text": text, "idempotency_key": key});
    if let Some((rule, _)) = rule {
        queued["rule"] = json!(rule);
        queued["automated"] = json!(true);
    } else {
        // A person's reply replaces their draft; a rule's leaves it alone.
        tx.execute("DELETE FROM drafts WHERE conv_id = ?1", [conv])?;
    }
    events.push((EventKind::ReplyQueued, queued));
    if status != Status::Waiting.as_str() {
        tx.execute(
            "UPDATE conversations SET status = 'waiting' WHERE id = ?1",
            [conv],
        )?;
        events.push((
            EventKind::Status,
            json!({"from": status, "to": Status::Waiting, "reason": "reply queued"}),
        ));
    }
    Ok(events)
}
