//! Network actions (see `store::actions`): queued by a change in its
//! transaction, carried out by the outbox with the replies' life cycle.

use super::conn::{Conn, Params};
use super::conversation::insert_event;
use super::{Postgres, Result, StoreError, from_millis};
use crate::model::{
    ActionItem, ActionKind, ActionStatus, ActionTarget, Channel, Direction, EventKind,
};
use crate::store::actions::{ActRequest, PendingAction, Written};
use serde_json::json;
use tokio_postgres::Row;

/// The first column of the row `sql` finds, if it finds one.
fn first(conn: &Conn, sql: &str, params: &Params<'_>) -> Result<Option<i64>> {
    conn.query_opt(sql, params)?
        .map(|r| r.try_get(0))
        .transpose()
        .map_err(Into::into)
}

/// The message an action acts on.
struct Target {
    row: i64,
    ext_id: String,
    author: String,
    direction: Direction,
}

fn target_by_row(tx: &Conn, row: i64) -> Result<Option<Target>> {
    tx.query_opt(
        "SELECT id, ext_id, author_handle, direction FROM messages WHERE id = $1",
        &[&row],
    )?
    .map(|r| {
        Ok(Target {
            row: r.try_get(0)?,
            ext_id: r.try_get(1)?,
            author: r.try_get(2)?,
            direction: r
                .try_get::<_, String>(3)?
                .parse()
                .unwrap_or(Direction::Inbound),
        })
    })
    .transpose()
}

/// The message `request` names, or the one its kind defaults to (as the
/// embedded store finds it).
fn find_target(tx: &Conn, conv: i64, request: &ActRequest) -> Result<Target> {
    let latest_inbound = "SELECT id FROM messages WHERE conv_id = $1 AND direction = 'inbound'
                          ORDER BY created_at DESC, id DESC LIMIT 1";
    let row = match &request.message {
        Some(ext) => {
            let found = first(
                tx,
                "SELECT id FROM messages WHERE conv_id = $1 AND ext_id = $2",
                &[&conv, &ext.trim()],
            )?;
            if found.is_none() {
                return Err(StoreError::Invalid(format!(
                    "no message {} in conversation {conv}",
                    crate::text::clip(ext, 80)
                )));
            }
            found
        }
        None if request.kind.on_ours() => first(
            tx,
            "SELECT id FROM messages WHERE conv_id = $1 AND direction = 'outbound'
             ORDER BY created_at DESC, id DESC LIMIT 1",
            &[&conv],
        )?,
        None => {
            let counterpart = match request.kind.inverse() {
                Some(inverse) if request.kind.is_undoing() => first(
                    tx,
                    "SELECT message_id FROM actions WHERE conv_id = $1 AND kind = $2
                     AND status IN ('queued', 'sending', 'done') ORDER BY id DESC LIMIT 1",
                    &[&conv, &inverse.as_str()],
                )?,
                _ => None,
            };
            match counterpart {
                Some(row) => Some(row),
                None => first(tx, latest_inbound, &[&conv])?,
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

/// Queues `request` (inside the caller's transaction, which holds the
/// conversation's row), or cancels its counterpart still waiting to leave.
pub(super) fn queue(
    tx: &Conn,
    conv: i64,
    channel: Channel,
    request: &ActRequest,
    actor: &str,
    at: i64,
) -> Result<Written> {
    let kind = request.kind;
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
    let waiting = first(
        tx,
        "SELECT id FROM actions WHERE message_id = $1 AND kind = $2
         AND status IN ('queued', 'sending') LIMIT 1",
        &[&target.row, &kind.as_str()],
    )?;
    if waiting.is_some() {
        return Ok(None);
    }
    if let Some(inverse) = kind.inverse() {
        let unsent = first(
            tx,
            "SELECT id FROM actions WHERE message_id = $1 AND kind = $2 AND status = 'queued'
             ORDER BY id DESC LIMIT 1",
            &[&target.row, &inverse.as_str()],
        )?;
        if let Some(id) = unsent {
            return cancel(tx, id, at).map(Some);
        }
        let last: Option<String> = tx
            .query_opt(
                "SELECT kind FROM actions WHERE message_id = $1 AND kind IN ($2, $3)
                 AND status = 'done' ORDER BY id DESC LIMIT 1",
                &[&target.row, &kind.as_str(), &inverse.as_str()],
            )?
            .map(|r| r.try_get(0))
            .transpose()?;
        if last.as_deref() == Some(kind.as_str()) {
            return Ok(None);
        }
    }
    if kind == ActionKind::Delete {
        let deleted: bool = tx.value(
            "SELECT EXISTS (SELECT 1 FROM actions WHERE message_id = $1 AND kind = 'delete'
             AND status = 'done')",
            &[&target.row],
        )?;
        if deleted {
            return Ok(None);
        }
    }
    let undoes = match kind.inverse() {
        Some(inverse) if kind.is_undoing() => first(
            tx,
            "SELECT id FROM actions WHERE message_id = $1 AND kind = $2 AND status = 'done'
             ORDER BY id DESC LIMIT 1",
            &[&target.row, &inverse.as_str()],
        )?,
        _ => None,
    };
    let id: i64 = tx.value("SELECT nextval('actions_id_seq')", &[])?;
    let key = format!("palabre-act-{conv}-{at}-{id}");
    tx.execute(
        "INSERT INTO actions (id, conv_id, message_id, kind, reason, actor, rule, undoes, status,
             idempotency_key, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', $9, $10, $10)",
        &[
            &id,
            &conv,
            &target.row,
            &kind.as_str(),
            &reason,
            &actor,
            &request.rule,
            &undoes,
            &key,
            &at,
        ],
    )?;
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

fn cancel(tx: &Conn, id: i64, at: i64) -> Result<(EventKind, serde_json::Value)> {
    let r = tx.query_one(
        "SELECT a.kind, m.ext_id FROM actions a JOIN messages m ON m.id = a.message_id
         WHERE a.id = $1",
        &[&id],
    )?;
    let (kind, ext): (String, String) = (r.try_get(0)?, r.try_get(1)?);
    tx.execute(
        "UPDATE actions SET status = 'cancelled', updated_at = $2 WHERE id = $1",
        &[&id, &at],
    )?;
    Ok((
        EventKind::ActionCancelled,
        json!({"action": id, "kind": kind, "message": ext}),
    ))
}

/// Takes back action `id` of `conv` (see `store::actions::undo`).
pub(super) fn undo(
    tx: &Conn,
    conv: i64,
    channel: Channel,
    id: i64,
    actor: &str,
    at: i64,
) -> Result<Written> {
    let found = tx.query_opt(
        "SELECT a.kind, a.status, m.ext_id FROM actions a JOIN messages m ON m.id = a.message_id
         WHERE a.id = $1 AND a.conv_id = $2",
        &[&id, &conv],
    )?;
    let Some(r) = found else {
        return Err(StoreError::Invalid(format!(
            "no action {id} in conversation {conv}"
        )));
    };
    let kind: ActionKind = r
        .try_get::<_, String>(0)?
        .parse()
        .map_err(|e: crate::model::UnknownName| StoreError::Invalid(e.to_string()))?;
    let status: ActionStatus = r
        .try_get::<_, String>(1)?
        .parse()
        .unwrap_or(ActionStatus::Failed);
    let ext: String = r.try_get(2)?;
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

fn item_from(r: &Row) -> Result<ActionItem> {
    Ok(ActionItem {
        id: r.try_get(0)?,
        kind: r
            .try_get::<_, String>(1)?
            .parse()
            .unwrap_or(ActionKind::Report),
        status: r
            .try_get::<_, String>(2)?
            .parse()
            .unwrap_or(ActionStatus::Failed),
        message: r.try_get(3)?,
        author: r.try_get(4)?,
        actor: r.try_get(5)?,
        rule: r.try_get(6)?,
        reason: r.try_get(7)?,
        error: r.try_get(8)?,
        undoes: r.try_get(9)?,
        created_at: from_millis(r.try_get(10)?),
        done_at: r.try_get::<_, Option<i64>>(11)?.map(from_millis),
    })
}

impl Postgres {
    pub fn actions(&self, conv: i64) -> Result<Vec<ActionItem>> {
        self.conn
            .query(
                &format!(
                    "SELECT {ACTION_COLUMNS} FROM actions a JOIN messages m ON m.id = a.message_id
                     WHERE a.conv_id = $1 ORDER BY a.id"
                ),
                &[&conv],
            )?
            .iter()
            .map(item_from)
            .collect()
    }

    pub fn action(&self, id: i64) -> Result<(i64, ActionItem)> {
        let r = self
            .conn
            .query_opt(
                &format!(
                    "SELECT {ACTION_COLUMNS}, a.conv_id FROM actions a
                     JOIN messages m ON m.id = a.message_id WHERE a.id = $1"
                ),
                &[&id],
            )?
            .ok_or_else(|| StoreError::Invalid(format!("no network action {id}")))?;
        Ok((r.try_get(12)?, item_from(&r)?))
    }

    pub fn pending_actions(&self, channel: Channel) -> Result<Vec<PendingAction>> {
        self.conn
            .query(
                "SELECT a.id, a.conv_id, a.kind, a.reason, a.idempotency_key, a.status, a.attempts,
                        m.ext_id, m.author_handle, m.thread_ext_id, m.url,
                        (SELECT r.ext_id FROM messages r WHERE r.conv_id = a.conv_id
                         AND r.parent_ext_id IS NULL ORDER BY r.created_at LIMIT 1),
                        (SELECT u.remote_id FROM actions u WHERE u.id = a.undoes)
                 FROM actions a JOIN conversations c ON c.id = a.conv_id
                 JOIN messages m ON m.id = a.message_id
                 WHERE a.status IN ('queued', 'sending') AND c.channel = $1
                 ORDER BY a.id",
                &[&channel.as_str()],
            )?
            .iter()
            .map(|r| {
                Ok(PendingAction {
                    id: r.try_get(0)?,
                    conversation: r.try_get(1)?,
                    channel,
                    kind: r
                        .try_get::<_, String>(2)?
                        .parse()
                        .unwrap_or(ActionKind::Report),
                    reason: r.try_get(3)?,
                    idempotency_key: r.try_get(4)?,
                    status: r
                        .try_get::<_, String>(5)?
                        .parse()
                        .unwrap_or(ActionStatus::Queued),
                    attempts: r.try_get(6)?,
                    target: ActionTarget {
                        ext_id: r.try_get(7)?,
                        author: r.try_get(8)?,
                        thread_ext_id: r.try_get(9)?,
                        url: r.try_get(10)?,
                        root_ext_id: r.try_get(11)?,
                    },
                    undoes_remote_id: r.try_get(12)?,
                })
            })
            .collect()
    }

    /// Committed before the request leaves (see the embedded store's).
    pub fn mark_action_sending(&mut self, id: i64) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE actions SET status = 'sending', attempts = attempts + 1, updated_at = $2
             WHERE id = $1 AND status IN ('queued', 'sending')",
            &[&id, &self.clock().timestamp_millis()],
        )?;
        if changed == 0 {
            return Err(StoreError::Invalid(format!(
                "network action {id} is not waiting to be sent"
            )));
        }
        Ok(())
    }

    pub fn mark_action_done(
        &mut self,
        id: i64,
        remote_id: Option<&str>,
        actor: &str,
    ) -> Result<()> {
        self.finish_action(id, actor, Ok(remote_id))
    }

    pub fn mark_action_failed(&mut self, id: i64, actor: &str, error: &str) -> Result<()> {
        self.finish_action(id, actor, Err(error))
    }

    fn finish_action(
        &mut self,
        id: i64,
        actor: &str,
        outcome: std::result::Result<Option<&str>, &str>,
    ) -> Result<()> {
        let tx = self.conn.begin()?;
        let r = tx
            .query_opt(
                "SELECT a.conv_id, a.kind, m.ext_id FROM actions a
                 JOIN messages m ON m.id = a.message_id WHERE a.id = $1 FOR UPDATE OF a",
                &[&id],
            )?
            .ok_or_else(|| StoreError::Invalid(format!("no network action {id}")))?;
        let (conv, kind, ext): (i64, String, String) =
            (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
        let now = self.clock().timestamp_millis();
        let (event, payload) = match outcome {
            Ok(remote) => {
                tx.execute(
                    "UPDATE actions SET status = 'done', remote_id = COALESCE($2, remote_id),
                         error = NULL, done_at = $3, updated_at = $3 WHERE id = $1",
                    &[&id, &remote, &now],
                )?;
                let mut p = json!({"action": id, "kind": kind, "message": ext});
                if let Some(r) = remote {
                    p["remote_id"] = json!(r);
                }
                (EventKind::ActionDone, p)
            }
            Err(error) => {
                tx.execute(
                    "UPDATE actions SET status = 'failed', error = $2, updated_at = $3 WHERE id = $1",
                    &[&id, &error, &now],
                )?;
                (
                    EventKind::ActionFailed,
                    json!({"action": id, "kind": kind, "message": ext, "error": error}),
                )
            }
        };
        insert_event(&tx, conv, now, actor, event, &payload)?;
        tx.commit()?;
        Ok(())
    }

    pub fn retry_action(&mut self, id: i64) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE actions SET status = 'queued', error = NULL, updated_at = $2
             WHERE id = $1 AND status = 'failed'",
            &[&id, &self.clock().timestamp_millis()],
        )?;
        if changed == 0 {
            return Err(StoreError::Invalid(format!(
                "network action {id} has not failed: nothing to retry"
            )));
        }
        Ok(())
    }
}
