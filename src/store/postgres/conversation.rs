//! Commands on one conversation (see `store::conversation`): each change
//! writes its event with the new state, in one transaction that holds the
//! conversation's row, so that two moderators acting at once take turns.

use super::conn::Conn;
use super::{Postgres, Result, StoreError, announce, from_millis};
use crate::model::{
    Channel, ConversationDetail, CrisisLevel, Draft, Event, EventKind, Message, OutboxItem,
    OutboxStatus, Status, StoredMessage, Tone, normalize_tag,
};
use crate::store::team::{self, ReplyCheck, ReplyMark};
use crate::store::{Change, Lesson};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use tokio_postgres::Row;

pub(super) fn insert_event(
    conn: &Conn,
    conv: i64,
    at: i64,
    actor: &str,
    kind: EventKind,
    payload: &Value,
) -> Result<i64> {
    let id: i64 = conn.value(
        "INSERT INTO events (conv_id, at, actor, kind, payload) VALUES ($1, $2, $3, $4, $5)
         RETURNING id",
        &[&conv, &at, &actor, &kind.as_str(), &payload.to_string()],
    )?;
    announce(conn, id, conv, actor, kind.as_str())?;
    Ok(id)
}

impl Postgres {
    pub fn apply_at(
        &mut self,
        conv: i64,
        change: Change,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Event>> {
        let conv = self.current_id(conv)?;
        let tx = self.conn.begin()?;
        let written = apply_in(&tx, self.policy.as_ref(), conv, change, actor, now)?;
        tx.commit()?;
        Ok(written)
    }

    pub fn history(&self, conv: i64) -> Result<Vec<Event>> {
        self.conn
            .query(
                "SELECT id, conv_id, at, actor, kind, payload FROM events WHERE conv_id = $1 ORDER BY id",
                &[&conv],
            )?
            .iter()
            .map(event_from)
            .collect()
    }

    pub fn draft(&self, conv: i64) -> Result<Option<Draft>> {
        self.conn
            .query_opt(
                "SELECT text, updated_at FROM drafts WHERE conv_id = $1",
                &[&conv],
            )?
            .map(|r| {
                Ok(Draft {
                    text: r.try_get(0)?,
                    updated_at: from_millis(r.try_get(1)?),
                })
            })
            .transpose()
    }

    pub fn messages(&self, conv: i64) -> Result<Vec<StoredMessage>> {
        let flat = self
            .conn
            .query(
                &format!(
                    "SELECT {MESSAGE_COLUMNS} FROM messages WHERE conv_id = $1 ORDER BY created_at, id"
                ),
                &[&conv],
            )?
            .iter()
            .map(|r| message_from(r, 0))
            .collect::<Result<Vec<_>>>()?;
        Ok(crate::store::conversation::thread_order(flat))
    }

    pub fn conversation(&self, conv: i64) -> Result<ConversationDetail> {
        let summary = self
            .summaries(&[conv])?
            .pop()
            .ok_or_else(|| StoreError::NoConversation(conv.to_string()))?;
        Ok(ConversationDetail {
            summary,
            messages: self.messages(conv)?,
            learned_categories: Vec::new(),
            suggested_categories: Vec::new(),
            draft: self.draft(conv)?,
            events: self.history(conv)?,
            outbox: self.outbox(conv)?,
            mark: self.reply_mark(conv)?,
            actions: self.actions(conv)?,
        })
    }

    pub fn outbox(&self, conv: i64) -> Result<Vec<OutboxItem>> {
        self.conn
            .query(
                "SELECT id, text, actor, status, error, created_at FROM outbox
                 WHERE conv_id = $1 AND status NOT IN ('sent', 'replaced') ORDER BY id",
                &[&conv],
            )?
            .iter()
            .map(|r| {
                Ok(OutboxItem {
                    id: r.try_get(0)?,
                    text: r.try_get(1)?,
                    actor: r.try_get(2)?,
                    status: r
                        .try_get::<_, String>(3)?
                        .parse()
                        .unwrap_or(OutboxStatus::Queued),
                    error: r.try_get(4)?,
                    created_at: from_millis(r.try_get(5)?),
                })
            })
            .collect()
    }

    /// Where the conversation stands for a reply beginning now.
    pub fn reply_mark(&self, conv: i64) -> Result<ReplyMark> {
        mark(&self.conn, conv)
    }
}

fn mark(conn: &Conn, conv: i64) -> Result<ReplyMark> {
    let r = conn.query_one(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM messages WHERE conv_id = $1),
                (SELECT COALESCE(MAX(id), 0) FROM outbox WHERE conv_id = $1)",
        &[&conv],
    )?;
    Ok(ReplyMark {
        message: r.try_get(0)?,
        outbox: r.try_get(1)?,
    })
}

pub(super) fn event_from(r: &Row) -> Result<Event> {
    let id: i64 = r.try_get(0)?;
    let kind: String = r.try_get(4)?;
    let payload: String = r.try_get(5)?;
    Ok(Event {
        id,
        conversation: r.try_get(1)?,
        at: from_millis(r.try_get(2)?),
        actor: r.try_get(3)?,
        kind: kind
            .parse()
            .map_err(|e| StoreError::Invalid(format!("event {id}: {e}")))?,
        payload: serde_json::from_str(&payload)?,
    })
}

/// Applies a change inside the caller's transaction, holding the
/// conversation's row until it commits.
pub(super) fn apply_in(
    tx: &Conn,
    policy: &dyn crate::store::Policy,
    conv: i64,
    change: Change,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Event>> {
    let at = now.timestamp_millis();
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
    let row = tx
        .query_opt(
            "SELECT status, crisis_level, assignee, channel FROM conversations WHERE id = $1 FOR UPDATE",
            &[&conv],
        )?
        .ok_or_else(|| StoreError::NoConversation(conv.to_string()))?;
    let status: String = row.try_get(0)?;
    let crisis: String = row.try_get(1)?;
    let assignee: Option<String> = row.try_get(2)?;
    let channel: Channel = row
        .try_get::<_, String>(3)?
        .parse()
        .unwrap_or(Channel::Other);
    let mut written = Vec::new();
    let mut lessons: Vec<Lesson> = Vec::new();
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
                    "UPDATE conversations SET status = $2 WHERE id = $1",
                    &[&conv, &to.as_str()],
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
                    "INSERT INTO conversation_tags (conv_id, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    &[&conv, &tag],
                )? == 1
                {
                    added.push(tag);
                }
            }
            lessons.extend(
                added
                    .iter()
                    .filter(|t| policy.is_category(t))
                    .map(|t| Lesson::Category(t.clone())),
            );
            if !added.is_empty() {
                event(EventKind::Tag, json!({"tags": added}))?;
            }
        }
        Change::Untag(tags) => {
            let mut removed = Vec::new();
            for tag in tags.iter().map(|t| normalize_tag(t)) {
                if tx.execute(
                    "DELETE FROM conversation_tags WHERE conv_id = $1 AND tag = $2",
                    &[&conv, &tag],
                )? == 1
                {
                    removed.push(tag);
                }
            }
            if removed.iter().any(|t| policy.is_category(t)) {
                lessons.push(Lesson::NotCategory);
            }
            if !removed.is_empty() {
                event(EventKind::Untag, json!({"tags": removed}))?;
            }
        }
        Change::Assign(to) => {
            let to = to.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
            if assignee != to {
                tx.execute(
                    "UPDATE conversations SET assignee = $2 WHERE id = $1",
                    &[&conv, &to],
                )?;
                event(EventKind::Assign, json!({"from": assignee, "to": to}))?;
            }
        }
        Change::Flag { level, reason } => {
            tx.execute(
                "UPDATE conversations SET crisis_level = $2 WHERE id = $1",
                &[&conv, &level.as_str()],
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
            // From calm, or from a lower level the detector itself set.
            let by_rule = current != CrisisLevel::None
                && current < level
                && tx
                    .query_opt(
                        "SELECT (payload::jsonb ->> 'rule') IS NOT NULL FROM events
                         WHERE conv_id = $1 AND kind = 'crisis_flag' ORDER BY id DESC LIMIT 1",
                        &[&conv],
                    )?
                    .is_some_and(|r| r.get::<_, bool>(0));
            if current < level && (current == CrisisLevel::None || by_rule) {
                tx.execute(
                    "UPDATE conversations SET crisis_level = $2 WHERE id = $1",
                    &[&conv, &level.as_str()],
                )?;
                event(
                    EventKind::CrisisFlag,
                    crate::store::conversation::detector_payload(&crisis, level, &reason, alert),
                )?;
            }
        }
        Change::Escalate { to, note } => {
            if to.trim().is_empty() {
                return Err(StoreError::Invalid("an escalation needs a contact".into()));
            }
            tx.execute(
                "UPDATE conversations SET escalated = TRUE WHERE id = $1",
                &[&conv],
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
                .query_opt("SELECT text FROM drafts WHERE conv_id = $1", &[&conv])?
                .map(|r| r.try_get(0))
                .transpose()?;
            if old.as_deref() != Some(text.as_str()) {
                if text.is_empty() {
                    tx.execute("DELETE FROM drafts WHERE conv_id = $1", &[&conv])?;
                } else {
                    tx.execute(
                        "INSERT INTO drafts (conv_id, text, updated_at) VALUES ($1, $2, $3)
                         ON CONFLICT (conv_id) DO UPDATE SET text = $2, updated_at = $3",
                        &[&conv, &text, &at],
                    )?;
                }
                event(
                    EventKind::DraftSaved,
                    json!({"chars": text.chars().count()}),
                )?;
            }
        }
        Change::QueueReply { text, check } => {
            let queued = queue_reply(tx, conv, channel, &status, &text, actor, at, check, None)?;
            for (kind, payload) in queued {
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
            let check = ReplyCheck::Once;
            let queued = queue_reply(tx, conv, channel, &status, &text, actor, at, check, by)?;
            for (kind, payload) in queued {
                event(kind, payload)?;
            }
        }
        Change::Act(request) => {
            if let Some((kind, payload)) =
                super::actions::queue(tx, conv, channel, &request, actor, at)?
            {
                event(kind, payload)?;
            }
        }
        Change::UndoAction(id) => {
            if let Some((kind, payload)) = super::actions::undo(tx, conv, channel, id, actor, at)? {
                event(kind, payload)?;
            }
        }
        Change::Boost(points) => {
            if points != 0 {
                tx.execute(
                    "UPDATE conversations SET boost = boost + $2 WHERE id = $1",
                    &[&conv, &points],
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
            let latest = tx.query_opt(
                "SELECT id, tone FROM messages WHERE conv_id = $1 AND direction = 'inbound'
                 ORDER BY created_at DESC, id DESC LIMIT 1",
                &[&conv],
            )?;
            let Some(latest) = latest else {
                return Err(StoreError::Invalid(
                    "no message from the public to correct the sentiment of".into(),
                ));
            };
            let message: i64 = latest.try_get(0)?;
            let from: Option<String> = latest.try_get(1)?;
            tx.execute(
                "UPDATE messages SET tone = $2 WHERE id = $1",
                &[&message, &to.as_str()],
            )?;
            tx.execute(
                "UPDATE conversations SET tone = $2 WHERE id = $1",
                &[&conv, &to.as_str()],
            )?;
            event(EventKind::Sentiment, json!({"from": from, "to": to}))?;
            lessons.push(Lesson::Sentiment(to));
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
        super::priority::refresh_one(tx, conv, policy, now)?;
    }
    Ok(written)
}

/// Queues a reply (see the embedded store's `queue_reply`): the events to
/// record. `rule`: a rule sends it, to the message that set it off (its
/// network id), and it is marked automated.
#[allow(clippy::too_many_arguments)]
fn queue_reply(
    tx: &Conn,
    conv: i64,
    channel: Channel,
    status: &str,
    text: &str,
    actor: &str,
    at: i64,
    check: ReplyCheck,
    rule: Option<(&str, &str)>,
) -> Result<Vec<(EventKind, Value)>> {
    if text.trim().is_empty() {
        return Err(StoreError::Invalid("a reply must not be empty".into()));
    }
    crate::store::conversation::check_length(channel, text)?;
    let named: Option<i64> = match rule {
        Some((_, message)) => tx
            .query_opt(
                "SELECT id FROM messages WHERE conv_id = $1 AND ext_id = $2",
                &[&conv, &message],
            )?
            .map(|r| r.try_get(0))
            .transpose()?,
        None => None,
    };
    let in_reply_to: Option<i64> = match named {
        Some(id) => Some(id),
        None => tx
            .query_opt(
                "SELECT id FROM messages WHERE conv_id = $1 AND direction = 'inbound'
                 ORDER BY created_at DESC, id DESC LIMIT 1",
                &[&conv],
            )?
            .map(|r| r.try_get(0))
            .transpose()?,
    };
    check_collision(tx, conv, in_reply_to, check)?;
    let next: i64 = tx.value("SELECT nextval('outbox_id_seq')", &[])?;
    let key = format!("palabre-{conv}-{at}-{next}");
    tx.execute(
        "INSERT INTO outbox (id, conv_id, in_reply_to, text, actor, status, idempotency_key,
             created_at, updated_at, automated)
         VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7, $7, $8)",
        &[
            &next,
            &conv,
            &in_reply_to,
            &text,
            &actor,
            &key,
            &at,
            &rule.is_some(),
        ],
    )?;
    tx.execute(
        "UPDATE outbox SET status = 'replaced', updated_at = $2
         WHERE conv_id = $1 AND status = 'failed' AND id <> $3",
        &[&conv, &at, &next],
    )?;
    let mut events = Vec::new();
    let mut queued = json!({"outbox": next, "text": text, "idempotency_key": key});
    if let Some((rule, _)) = rule {
        queued["rule"] = json!(rule);
        queued["automated"] = json!(true);
    } else {
        // A person's reply replaces their draft; a rule's leaves it alone.
        tx.execute("DELETE FROM drafts WHERE conv_id = $1", &[&conv])?;
    }
    events.push((EventKind::ReplyQueued, queued));
    if status != Status::Waiting.as_str() {
        tx.execute(
            "UPDATE conversations SET status = 'waiting' WHERE id = $1",
            &[&conv],
        )?;
        events.push((
            EventKind::Status,
            json!({"from": status, "to": Status::Waiting, "reason": "reply queued"}),
        ));
    }
    Ok(events)
}

/// Refuses a second reply to the same message, and (with a mark) a reply
/// to a conversation that moved since the draft began. The caller holds the
/// conversation's row: whoever queues first wins, the other is told.
fn check_collision(
    tx: &Conn,
    conv: i64,
    in_reply_to: Option<i64>,
    check: ReplyCheck,
) -> Result<()> {
    if check == ReplyCheck::Anyway {
        return Ok(());
    }
    let earlier = tx.query_opt(
        "SELECT actor, created_at FROM outbox
         WHERE conv_id = $1 AND in_reply_to IS NOT DISTINCT FROM $2
           AND status IN ('queued', 'sending', 'sent')
         ORDER BY id DESC LIMIT 1",
        &[&conv, &in_reply_to],
    )?;
    if let Some(r) = earlier {
        return Err(StoreError::Conflict(team::already_replied(
            &r.try_get::<_, String>(0)?,
            from_millis(r.try_get(1)?),
        )));
    }
    if let ReplyCheck::Since(seen) = check {
        let now = mark(tx, conv)?;
        if let Some(what) = crate::store::conversation::what_moved(seen, now) {
            return Err(StoreError::Conflict(team::changed_since(what)));
        }
    }
    Ok(())
}

pub(super) const MESSAGE_COLUMNS: &str = "channel, ext_id, parent_ext_id, thread_ext_id, kind, direction, author_handle,
     author_name, author_followers, author_verified, text, lang, created_at, url, likes, shares, replies, automated";

/// Reads the `MESSAGE_COLUMNS` of a row, starting at column `base`.
pub(super) fn message_from(r: &Row, base: usize) -> Result<Message> {
    fn named<T: std::str::FromStr<Err = crate::model::UnknownName>>(
        r: &Row,
        i: usize,
    ) -> Result<T> {
        r.try_get::<_, String>(i)?
            .parse()
            .map_err(|e: crate::model::UnknownName| StoreError::Invalid(e.to_string()))
    }
    let count = |i: usize| -> Result<u64> { Ok(r.try_get::<_, i64>(base + i)?.max(0) as u64) };
    Ok(Message {
        channel: named(r, base)?,
        id: r.try_get(base + 1)?,
        parent_id: r.try_get(base + 2)?,
        thread_id: r.try_get(base + 3)?,
        kind: named(r, base + 4)?,
        direction: named(r, base + 5)?,
        author: crate::model::Author {
            handle: r.try_get(base + 6)?,
            name: r.try_get(base + 7)?,
            followers: r
                .try_get::<_, Option<i64>>(base + 8)?
                .map(|f| f.max(0) as u64),
            verified: r.try_get(base + 9)?,
        },
        text: r.try_get(base + 10)?,
        lang: r.try_get(base + 11)?,
        created_at: from_millis(r.try_get(base + 12)?),
        url: r.try_get(base + 13)?,
        metrics: crate::model::Metrics {
            likes: count(14)?,
            shares: count(15)?,
            replies: count(16)?,
        },
        automated: r.try_get(base + 17)?,
    })
}

/// A tone column as the model names it.
pub(super) fn tone(s: Option<String>) -> Option<Tone> {
    s.and_then(|t| t.parse().ok())
}
