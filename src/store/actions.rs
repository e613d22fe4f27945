//! Network actions in the store: queued by a change (`Change::Act`, in the
//! transaction of its event), then carried out by the outbox with the
//! replies' life cycle — `sending` committed before the request leaves,
//! `done` or `failed` after — so that each happens once.

use super::{Result, Sqlite, StoreError, from_millis, to_millis};
use crate::model::{
    ActionItem, ActionKind, ActionStatus, ActionTarget, Channel, Direction, EventKind,
};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

/// What a person (or a rule) asks the network to do to a message.
#[derive(Debug, Clone, PartialEq)]
pub struct ActRequest {
    pub kind: ActionKind,
    /// The network's id of the message; `None`: the latest message from the
    /// public (for `delete`, our latest reply; for an undoing kind, the
    /// message its counterpart last acted on).
    pub message: Option<String>,
    /// A report's reason.
    pub reason: Option<String>,
    /// The automation rule asking, if one is.
    pub rule: Option<String>,
}

impl ActRequest {
    pub fn new(kind: ActionKind) -> ActRequest {
        ActRequest {
            kind,
            message: None,
            reason: None,
            rule: None,
        }
    }
}

/// A network action the outbox must carry out.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingAction {
    pub id: i64,
    pub conversation: i64,
    pub channel: Channel,
    pub kind: ActionKind,
    pub reason: Option<String>,
    pub idempotency_key: String,
    /// Queued, or sending when an earlier attempt may have gone out.
    pub status: ActionStatus,
    pub attempts: i64,
    pub target: ActionTarget,
    /// What the network made of the action this one takes back (the like
    /// record an unlike deletes), if it said.
    pub undoes_remote_id: Option<String>,
}

/// The message an action acts on, as `queue` finds it.
struct Target {
    row: i64,
    ext_id: String,
    author: String,
    direction: Direction,
}

fn target_by_row(tx: &Connection, row: i64) -> Result<Option<Target>> {
    Ok(tx
        .query_row(
            "SELECT id, ext_id, author_handle, direction FROM messages WHERE id = ?1",
            [row],
            |r| {
                Ok(Target {
                    row: r.get(0)?,
                    ext_id: r.get(1)?,
                    author: r.get(2)?,
                    direction: r.get::<_, String>(3)?.parse().unwrap_or(Direction::Inbound),
                })
            },
        )
        .optional()?)
}

/// The message `request` names, or the one its kind defaults to.
fn find_target(tx: &Connection, conv: i64, request: &ActRequest) -> Result<Target> {
    let row: Option<i64> = match &request.message {
        Some(ext) => {
            let found = tx
                .query_row(
                    "SELECT id FROM messages WHERE conv_id = ?1 AND ext_id = ?2",
                    params![conv, ext.trim()],
                    |r| r.get(0),
                )
                .optional()?;
            if found.is_none() {
                return Err(StoreError::Invalid(format!(
                    "no message {} in conversation {conv}",
                    crate::text::clip(ext, 80)
                )));
            }
            found
        }
        None if request.kind.on_ours() => tx
            .query_row(
                "SELECT id FROM messages WHERE conv_id = ?1 AND direction = 'outbound'
                 ORDER BY created_at DESC, id DESC LIMIT 1",
                [conv],
                |r| r.get(0),
            )
            .optional()?,
        None => {
            // An undoing kind goes to the message its counterpart acted on.
            let counterpart = match request.kind.inverse() {
                Some(inverse) if request.kind.is_undoing() => tx
                    .query_row(
                        "SELECT message_id FROM actions WHERE conv_id = ?1 AND kind = ?2
                         AND status IN ('queued', 'sending', 'done') ORDER BY id DESC LIMIT 1",
                        params![conv, inverse.as_str()],
                        |r| r.get(0),
                    )
                    .optional()?,
                _ => None,
            };
            match counterpart {
                Some(row) => Some(row),
                None => tx
                    .query_row(
                        "SELECT id FROM messages WHERE conv_id = ?1 AND direction = 'inbound'
                         ORDER BY created_at DESC, id DESC LIMIT 1",
                        [conv],
                        |r| r.get(0),
                    )
                    .optional()?,
            }
        }
    };
    let Some(row) = row else {
        return Err(StoreError::Invalid(if request.kind.on_ours() {
            format!("no reply of ours in conversation {conv} to delete")
        } else {
            format!("no message from the public in conversation {conv} to act on")
        }));
    };
    target_by_row(tx, row)?.ok_or_else(|| StoreError::Invalid(format!("message {row} is gone")))
}

fn next_key(tx: &Connection, conv: i64, at: i64) -> Result<String> {
    let n: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM actions", [], |r| {
        r.get(0)
    })?;
    Ok(format!("palabre-act-{conv}-{at}-{n}"))
}

/// What `queue` wrote: the event's kind and payload, none when the action
/// changes nothing (the same one already waiting).
pub(super) type Written = Option<(EventKind, Value)>;

/// Queues `request` on a message of `conv` (inside the caller's
/// transaction), or, when its counterpart is still waiting to leave,
/// cancels that instead: hiding then showing again before the outbox ran
/// asks nothing of the network.
pub(super) fn queue(
    tx: &Connection,
    conv: i64,
    channel: Channel,
    request: &ActRequest,
    actor: &str,
    at: i64,
) -> Result<Written> {
    let kind = request.kind;
    // Why, in the person's language, is for the interface to say (it asks
    // `capabilities` before the store); this is the last guard.
    if crate::capabilities::capability(channel, kind)
        .offered()
        .is_none()
    {
        return Err(StoreError::Invalid(format!(
            "{channel} does not offer {kind} (`palabre accounts` lists what each network offers)"
        )));
    }
    let target = find_target(tx, conv, request)?;
    match (kind.on_ours(), target.direction) {
        (true, Direction::Inbound) => {
            return Err(StoreError::Invalid(format!(
                "only our own replies can be deleted; {} is {}'s",
                target.ext_id, target.author
            )));
        }
        (false, Direction::Outbound) => {
            return Err(StoreError::Invalid(format!(
                "{kind} acts on messages from the public; {} is ours",
                target.ext_id
            )));
        }
        _ => {}
    }
    let reason = request
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if kind == ActionKind::Report && reason.is_none() {
        return Err(StoreError::Invalid(
            "a report needs a reason (what is wrong with the message)".into(),
        ));
    }
    // The same action already on its way: nothing more to ask.
    let waiting: Option<i64> = tx
        .query_row(
            "SELECT id FROM actions WHERE message_id = ?1 AND kind = ?2
             AND status IN ('queued', 'sending') LIMIT 1",
            params![target.row, kind.as_str()],
            |r| r.get(0),
        )
        .optional()?;
    if waiting.is_some() {
        return Ok(None);
    }
    if let Some(inverse) = kind.inverse() {
        // Its counterpart has not left yet: take it back instead.
        let unsent: Option<i64> = tx
            .query_row(
                "SELECT id FROM actions WHERE message_id = ?1 AND kind = ?2 AND status = 'queued'
                 ORDER BY id DESC LIMIT 1",
                params![target.row, inverse.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = unsent {
            return cancel(tx, id, at).map(Some);
        }
        // Already in the state asked for (hidden twice): nothing to do.
        let last: Option<String> = tx
            .query_row(
                "SELECT kind FROM actions WHERE message_id = ?1 AND kind IN (?2, ?3)
                 AND status = 'done' ORDER BY id DESC LIMIT 1",
                params![target.row, kind.as_str(), inverse.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        // (An undoing kind with nothing of ours to take back still goes:
        // the network may have it from elsewhere, liked on a phone.)
        if last.as_deref() == Some(kind.as_str()) {
            return Ok(None);
        }
    }
    if kind == ActionKind::Delete {
        let deleted: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM actions WHERE message_id = ?1 AND kind = 'delete'
             AND status = 'done')",
            [target.row],
            |r| r.get(0),
        )?;
        if deleted {
            return Ok(None);
        }
    }
    let undoes: Option<i64> = match kind.inverse() {
        Some(inverse) if kind.is_undoing() => tx
            .query_row(
                "SELECT id FROM actions WHERE message_id = ?1 AND kind = ?2 AND status = 'done'
                 ORDER BY id DESC LIMIT 1",
                params![target.row, inverse.as_str()],
                |r| r.get(0),
            )
            .optional()?,
        _ => None,
    };
    let key = next_key(tx, conv, at)?;
    tx.execute(
        "INSERT INTO actions (conv_id, message_id, kind, reason, actor, rule, undoes, status,
             idempotency_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued', ?8, ?9, ?9)",
        params![
            conv,
            target.row,
            kind.as_str(),
            reason,
            actor,
            request.rule,
            undoes,
            key,
            at
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut payload = json!({
        "action": id,
        "kind": kind,
        "message": target.ext_id,
        "author": target.author,
        "idempotency_key": key,
    });
    if let Some(r) = reason {
        payload["reason"] = json!(r);
    }
    if let Some(rule) = &request.rule {
        payload["rule"] = json!(rule);
    }
    if let Some(u) = undoes {
        payload["undoes"] = json!(u);
    }
    Ok(Some((EventKind::ActionQueued, payload)))
}

fn cancel(tx: &Connection, id: i64, at: i64) -> Result<(EventKind, Value)> {
    let (kind, ext): (String, String) = tx.query_row(
        "SELECT a.kind, m.ext_id FROM actions a JOIN messages m ON m.id = a.message_id
         WHERE a.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    tx.execute(
        "UPDATE actions SET status = 'cancelled', updated_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    Ok((
        EventKind::ActionCancelled,
        json!({"action": id, "kind": kind, "message": ext}),
    ))
}

/// Takes back action `id` of `conv`: cancels it if it has not left, else
/// queues the action that undoes it on the same message.
pub(super) fn undo(
    tx: &Connection,
    conv: i64,
    channel: Channel,
    id: i64,
    actor: &str,
    at: i64,
) -> Result<Written> {
    let found: Option<(String, String, String)> = tx
        .query_row(
            "SELECT a.kind, a.status, m.ext_id FROM actions a JOIN messages m ON m.id = a.message_id
             WHERE a.id = ?1 AND a.conv_id = ?2",
            params![id, conv],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((kind, status, ext)) = found else {
        return Err(StoreError::Invalid(format!(
            "no action {id} in conversation {conv}"
        )));
    };
    let kind: ActionKind = kind
        .parse()
        .map_err(|e: crate::model::UnknownName| StoreError::Invalid(e.to_string()))?;
    let status: ActionStatus = status.parse().unwrap_or(ActionStatus::Failed);
    match status {
        ActionStatus::Queued => cancel(tx, id, at).map(Some),
        ActionStatus::Failed | ActionStatus::Cancelled => Err(StoreError::Invalid(format!(
            "action {id} ({kind}) was not carried out: nothing to undo"
        ))),
        ActionStatus::Sending | ActionStatus::Done => {
            let Some(inverse) = kind.inverse() else {
                return Err(StoreError::Invalid(format!(
                    "{kind} cannot be undone on {channel}"
                )));
            };
            let undo_offered = crate::capabilities::capability(channel, kind)
                .offered()
                .is_some_and(|o| o.undo == Some(inverse));
            if !undo_offered {
                return Err(StoreError::Invalid(format!(
                    "{kind} cannot be undone on {channel}: it does not offer {inverse}"
                )));
            }
            let request = ActRequest {
                message: Some(ext),
                ..ActRequest::new(inverse)
            };
            queue(tx, conv, channel, &request, actor, at)
        }
    }
}

const ACTION_COLUMNS: &str = "a.id, a.kind, a.status, m.ext_id, m.author_handle, a.actor, a.rule,
     a.reason, a.error, a.undoes, a.created_at, a.done_at";

fn item_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ActionItem> {
    Ok(ActionItem {
        id: r.get(0)?,
        kind: r.get::<_, String>(1)?.parse().unwrap_or(ActionKind::Report),
        status: r
            .get::<_, String>(2)?
            .parse()
            .unwrap_or(ActionStatus::Failed),
        message: r.get(3)?,
        author: r.get(4)?,
        actor: r.get(5)?,
        rule: r.get(6)?,
        reason: r.get(7)?,
        error: r.get(8)?,
        undoes: r.get(9)?,
        created_at: from_millis(r.get(10)?),
        done_at: r.get::<_, Option<i64>>(11)?.map(from_millis),
    })
}

impl Sqlite {
    /// The network actions on a conversation's messages, oldest first.
    pub fn actions(&self, conv: i64) -> Result<Vec<ActionItem>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ACTION_COLUMNS} FROM actions a JOIN messages m ON m.id = a.message_id
             WHERE a.conv_id = ?1 ORDER BY a.id"
        ))?;
        let rows = stmt.query_map([conv], item_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One action, wherever it is.
    pub fn action(&self, id: i64) -> Result<(i64, ActionItem)> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {ACTION_COLUMNS}, a.conv_id FROM actions a
                     JOIN messages m ON m.id = a.message_id WHERE a.id = ?1"
                ),
                [id],
                |r| Ok((r.get(12)?, item_from_row(r)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::Invalid(format!("no network action {id}")))
    }

    /// Actions waiting to go out on `channel`, oldest first: queued ones, and
    /// ones an earlier attempt left `sending`.
    pub fn pending_actions(&self, channel: Channel) -> Result<Vec<PendingAction>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.conv_id, a.kind, a.reason, a.idempotency_key, a.status, a.attempts,
                    m.ext_id, m.author_handle, m.thread_ext_id, m.url,
                    (SELECT r.ext_id FROM messages r WHERE r.conv_id = a.conv_id
                     AND r.parent_ext_id IS NULL ORDER BY r.created_at LIMIT 1),
                    (SELECT u.remote_id FROM actions u WHERE u.id = a.undoes)
             FROM actions a JOIN conversations c ON c.id = a.conv_id
             JOIN messages m ON m.id = a.message_id
             WHERE a.status IN ('queued', 'sending') AND c.channel = ?1
             ORDER BY a.id",
        )?;
        let rows = stmt.query_map([channel.as_str()], |r| {
            Ok(PendingAction {
                id: r.get(0)?,
                conversation: r.get(1)?,
                channel,
                kind: r.get::<_, String>(2)?.parse().unwrap_or(ActionKind::Report),
                reason: r.get(3)?,
                idempotency_key: r.get(4)?,
                status: r
                    .get::<_, String>(5)?
                    .parse()
                    .unwrap_or(ActionStatus::Queued),
                attempts: r.get(6)?,
                target: ActionTarget {
                    ext_id: r.get(7)?,
                    author: r.get(8)?,
                    thread_ext_id: r.get(9)?,
                    url: r.get(10)?,
                    root_ext_id: r.get(11)?,
                },
                undoes_remote_id: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Records that an action is about to leave: committed before the
    /// request, so that a crash or a time-out afterwards is known to be
    /// ambiguous.
    pub fn mark_action_sending(&mut self, id: i64) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE actions SET status = 'sending', attempts = attempts + 1, updated_at = ?2
             WHERE id = ?1 AND status IN ('queued', 'sending')",
            params![id, to_millis(self.clock())],
        )?;
        if changed == 0 {
            return Err(StoreError::Invalid(format!(
                "network action {id} is not waiting to be sent"
            )));
        }
        Ok(())
    }

    /// The network carried the action out (`remote_id`: what it made of it,
    /// when undoing needs it).
    pub fn mark_action_done(
        &mut self,
        id: i64,
        remote_id: Option<&str>,
        actor: &str,
    ) -> Result<()> {
        self.finish_action(id, actor, Ok(remote_id))
    }

    /// The network refused the action, or could not say whether it happened:
    /// it stays with the error, for a person to retry or leave.
    pub fn mark_action_failed(&mut self, id: i64, actor: &str, error: &str) -> Result<()> {
        self.finish_action(id, actor, Err(error))
    }

    fn finish_action(
        &mut self,
        id: i64,
        actor: &str,
        outcome: std::result::Result<Option<&str>, &str>,
    ) -> Result<()> {
        let now = to_millis(self.clock());
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let (conv, kind, ext): (i64, String, String) = tx
            .query_row(
                "SELECT a.conv_id, a.kind, m.ext_id FROM actions a
                 JOIN messages m ON m.id = a.message_id WHERE a.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::Invalid(format!("no network action {id}")))?;
        let (event, payload) = match outcome {
            Ok(remote) => {
                tx.execute(
                    "UPDATE actions SET status = 'done', remote_id = COALESCE(?2, remote_id),
                         error = NULL, done_at = ?3, updated_at = ?3 WHERE id = ?1",
                    params![id, remote, now],
                )?;
                let mut p = json!({"action": id, "kind": kind, "message": ext});
                if let Some(r) = remote {
                    p["remote_id"] = json!(r);
                }
                (EventKind::ActionDone, p)
            }
            Err(error) => {
                tx.execute(
                    "UPDATE actions SET status = 'failed', error = ?2, updated_at = ?3 WHERE id = ?1",
                    params![id, error, now],
                )?;
                (
                    EventKind::ActionFailed,
                    json!({"action": id, "kind": kind, "message": ext, "error": error}),
                )
            }
        };
        super::conversation::insert_event(&tx, conv, now, actor, event, &payload)?;
        tx.commit()?;
        Ok(())
    }

    /// A failed action goes back to the queue, as it was.
    pub fn retry_action(&mut self, id: i64) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE actions SET status = 'queued', error = NULL, updated_at = ?2
             WHERE id = ?1 AND status = 'failed'",
            params![id, to_millis(self.clock())],
        )?;
        if changed == 0 {
            return Err(StoreError::Invalid(format!(
                "network action {id} has not failed: nothing to retry"
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Author, Message, MessageKind, Metrics};
    use crate::store::Change;
    use chrono::{Duration, TimeZone, Utc};

    fn message(
        channel: Channel,
        id: &str,
        parent: Option<&str>,
        ours: bool,
        minutes: i64,
    ) -> Message {
        Message {
            channel,
            id: id.into(),
            parent_id: parent.map(str::to_string),
            thread_id: None,
            kind: MessageKind::Comment,
            direction: if ours {
                Direction::Outbound
            } else {
                Direction::Inbound
            },
            author: Author {
                handle: if ours {
                    "kettlo".into()
                } else {
                    format!("fan{id}")
                },
                ..Author::default()
            },
            text: format!("message {id}"),
            lang: Some("en".into()),
            created_at: Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
                + Duration::minutes(minutes),
            url: None,
            metrics: Metrics::default(),
            automated: false,
        }
    }

    /// A thread on `channel`: a comment, our reply, a second comment.
    fn thread(channel: Channel) -> (tempfile::TempDir, crate::inbox::Store<Sqlite>, i64) {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            crate::inbox::Store::sqlite(&dir.path().join("s.db"), Default::default()).unwrap();
        store
            .import_messages(
                &[
                    message(channel, "c1", None, false, 0),
                    message(channel, "r1", Some("c1"), true, 5),
                    message(channel, "c2", Some("r1"), false, 10),
                ],
                "t",
                "t",
            )
            .unwrap();
        let conv = store
            .resolve_conversation(&format!("{channel}:c1"))
            .unwrap();
        (dir, store, conv)
    }

    fn act(kind: ActionKind) -> Change {
        Change::Act(ActRequest::new(kind))
    }

    #[test]
    fn an_action_is_queued_with_its_event_and_waits_for_the_outbox() {
        let (_d, mut store, conv) = thread(Channel::Facebook);
        let events = store.apply(conv, act(ActionKind::Hide), "lea").unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].kind, EventKind::ActionQueued);
        assert_eq!(
            events[0].payload["message"], "c2",
            "the latest from the public"
        );
        let pending = store.pending_actions(Channel::Facebook).unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].kind, ActionKind::Hide);
        assert_eq!(pending[0].target.ext_id, "c2");
        assert_eq!(pending[0].target.author, "fanc2");
        assert_eq!(pending[0].target.root_ext_id.as_deref(), Some("c1"));
        assert!(store.pending_actions(Channel::X).unwrap().is_empty());
        // Asking again while it waits changes nothing.
        assert!(
            store
                .apply(conv, act(ActionKind::Hide), "lea")
                .unwrap()
                .is_empty()
        );
        let shown = store.conversation(conv).unwrap();
        assert_eq!(shown.actions.len(), 1);
        assert_eq!(shown.actions[0].status, ActionStatus::Queued);
        assert_eq!(shown.actions[0].actor, "lea");
    }

    #[test]
    fn an_action_the_network_does_not_offer_is_refused() {
        let (_d, mut store, conv) = thread(Channel::Mastodon);
        let e = store.apply(conv, act(ActionKind::Hide), "lea").unwrap_err();
        assert!(
            e.to_string().starts_with("mastodon does not offer hide"),
            "{e}"
        );
        let (_d, mut store, conv) = thread(Channel::X);
        let e = store
            .apply(conv, act(ActionKind::Report), "lea")
            .unwrap_err();
        assert!(e.to_string().contains("x does not offer report"), "{e}");
        assert!(
            store
                .history(conv)
                .unwrap()
                .iter()
                .all(|e| e.kind != EventKind::ActionQueued)
        );
    }

    #[test]
    fn delete_takes_our_reply_and_nothing_else_and_a_report_needs_a_reason() {
        let (_d, mut store, conv) = thread(Channel::Reddit);
        let events = store.apply(conv, act(ActionKind::Delete), "lea").unwrap();
        assert_eq!(events[0].payload["message"], "r1");
        let e = store
            .apply(
                conv,
                Change::Act(ActRequest {
                    message: Some("c1".into()),
                    ..ActRequest::new(ActionKind::Delete)
                }),
                "lea",
            )
            .unwrap_err();
        assert!(e.to_string().contains("only our own replies"), "{e}");
        let e = store
            .apply(
                conv,
                Change::Act(ActRequest {
                    message: Some("r1".into()),
                    ..ActRequest::new(ActionKind::Block)
                }),
                "lea",
            )
            .unwrap_err();
        assert!(e.to_string().contains("is ours"), "{e}");
        let e = store
            .apply(conv, act(ActionKind::Report), "lea")
            .unwrap_err();
        assert!(e.to_string().contains("needs a reason"), "{e}");
        let report = Change::Act(ActRequest {
            reason: Some("spam link".into()),
            ..ActRequest::new(ActionKind::Report)
        });
        let events = store.apply(conv, report, "lea").unwrap();
        assert_eq!(events[0].payload["reason"], "spam link");
        let e = store
            .apply(
                conv,
                Change::Act(ActRequest {
                    message: Some("nope".into()),
                    ..ActRequest::new(ActionKind::Like)
                }),
                "lea",
            )
            .unwrap_err();
        assert!(e.to_string().contains("no message nope"), "{e}");
    }

    #[test]
    fn the_life_cycle_of_an_action_is_recorded_and_undone_where_the_network_allows() {
        let (_d, mut store, conv) = thread(Channel::Bluesky);
        store.apply(conv, act(ActionKind::Like), "lea").unwrap();
        let id = store.pending_actions(Channel::Bluesky).unwrap()[0].id;
        store.mark_action_sending(id).unwrap();
        let again = store.pending_actions(Channel::Bluesky).unwrap();
        assert_eq!(
            (again[0].status, again[0].attempts),
            (ActionStatus::Sending, 1)
        );
        store
            .mark_action_done(id, Some("at://did:plc:me/app.bsky.feed.like/3abc"), "sync")
            .unwrap();
        assert!(store.pending_actions(Channel::Bluesky).unwrap().is_empty());
        // Liking what we liked: nothing to do.
        assert!(
            store
                .apply(conv, act(ActionKind::Like), "lea")
                .unwrap()
                .is_empty()
        );
        // Undo: the unlike goes to the same message, knowing the record.
        let events = store.apply(conv, Change::UndoAction(id), "lea").unwrap();
        assert_eq!(events[0].payload["kind"], "unlike");
        assert_eq!(events[0].payload["undoes"], id);
        let undo = &store.pending_actions(Channel::Bluesky).unwrap()[0];
        assert_eq!(undo.kind, ActionKind::Unlike);
        assert_eq!(
            undo.undoes_remote_id.as_deref(),
            Some("at://did:plc:me/app.bsky.feed.like/3abc")
        );
        // Undoing the unlike before it left cancels it: the network is not asked.
        let events = store
            .apply(conv, Change::UndoAction(undo.id), "lea")
            .unwrap();
        assert_eq!(events[0].kind, EventKind::ActionCancelled);
        assert!(store.pending_actions(Channel::Bluesky).unwrap().is_empty());
        // Failed, then retried as it was.
        store.apply(conv, act(ActionKind::Mute), "lea").unwrap();
        let mute = store.pending_actions(Channel::Bluesky).unwrap()[0].id;
        store.mark_action_sending(mute).unwrap();
        store
            .mark_action_failed(mute, "sync", "400: blocked by the PDS")
            .unwrap();
        let e = store
            .apply(conv, Change::UndoAction(mute), "lea")
            .unwrap_err();
        assert!(e.to_string().contains("not carried out"), "{e}");
        store.retry_action(mute).unwrap();
        assert!(store.retry_action(mute).is_err());
        assert_eq!(store.pending_actions(Channel::Bluesky).unwrap()[0].id, mute);
        let kinds: Vec<EventKind> = store
            .history(conv)
            .unwrap()
            .iter()
            .map(|e| e.kind)
            .collect();
        for k in [
            EventKind::ActionQueued,
            EventKind::ActionDone,
            EventKind::ActionCancelled,
            EventKind::ActionFailed,
        ] {
            assert!(kinds.contains(&k), "{k} in {kinds:?}");
        }
    }

    #[test]
    fn hiding_then_showing_before_the_outbox_ran_asks_nothing() {
        let (_d, mut store, conv) = thread(Channel::X);
        store.apply(conv, act(ActionKind::Hide), "lea").unwrap();
        let events = store.apply(conv, act(ActionKind::Unhide), "lea").unwrap();
        assert_eq!(events[0].kind, EventKind::ActionCancelled);
        assert!(store.pending_actions(Channel::X).unwrap().is_empty());
        // A ban on YouTube has no undo through the API.
        let (_d, mut store, conv) = thread(Channel::Youtube);
        store.apply(conv, act(ActionKind::Block), "lea").unwrap();
        let id = store.pending_actions(Channel::Youtube).unwrap()[0].id;
        store.mark_action_sending(id).unwrap();
        store.mark_action_done(id, None, "sync").unwrap();
        let e = store
            .apply(conv, Change::UndoAction(id), "lea")
            .unwrap_err();
        assert!(e.to_string().contains("it does not offer unblock"), "{e}");
    }
}
