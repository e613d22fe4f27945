//! What syncing needs from the store: each account's cursor and state, and
//! the outbox's way to send a reply exactly once.

use super::{Importer, Result, Sqlite, StoreError, from_millis, to_millis};
use crate::model::{Channel, EventKind, OutboxStatus, ReplyTarget, SyncState};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::json;

/// How an account's last sync went, as the status bar and `palabre sync`
/// show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountStatus {
    pub name: String,
    pub network: String,
    pub state: SyncState,
    pub detail: Option<String>,
    pub until: Option<DateTime<Utc>>,
    pub synced_at: Option<DateTime<Utc>>,
}

/// A reply the outbox must send.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingReply {
    pub id: i64,
    pub conversation: i64,
    pub channel: Channel,
    pub text: String,
    pub idempotency_key: String,
    /// Queued, or sending when an earlier attempt may have gone out.
    pub status: OutboxStatus,
    pub attempts: i64,
    /// The message it answers: its network id, author and root.
    pub in_reply_to: Option<ReplyTarget>,
    /// Sent by an automation rule: the message it becomes is marked
    /// automated (left out of response times).
    pub automated: bool,
}

impl Sqlite {
    /// Takes the account's syncing for as long as this store is open:
    /// false when another process (a moderator's TUI, a `palabre sync`)
    /// syncs it now, so that two never fetch the same pages or send the
    /// same reply. A lock file beside the store, which the system releases
    /// when the process ends, however it ends.
    pub fn claim_account(&self, name: &str) -> Result<bool> {
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let mut file_name = self.path.as_os_str().to_os_string();
        file_name.push(format!("-sync-{safe}.lock"));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&file_name)
            .map_err(|e| {
                StoreError::Invalid(format!(
                    "{}: cannot lock the account {name} for syncing: {e}",
                    std::path::Path::new(&file_name).display()
                ))
            })?;
        use std::os::fd::AsRawFd;
        // SAFETY: flock on a descriptor this function owns.
        let taken = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
        if taken {
            self.claims.borrow_mut().push(file);
        }
        Ok(taken)
    }

    pub fn account_cursor(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT cursor FROM accounts WHERE name = ?1", [name], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()?
            .flatten())
    }

    pub fn set_account_state(
        &mut self,
        name: &str,
        network: Channel,
        state: SyncState,
        detail: Option<&str>,
        until: Option<DateTime<Utc>>,
    ) -> Result<()> {
        let now = to_millis(Utc::now());
        self.conn.execute(
            "INSERT INTO accounts (name, network, state, detail, until, synced_at)
             VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?3 = 'ok' THEN ?6 END)
             ON CONFLICT (name) DO UPDATE SET network = ?2, state = ?3, detail = ?4, until = ?5,
                 synced_at = CASE WHEN ?3 = 'ok' THEN ?6 ELSE synced_at END",
            params![
                name,
                network.as_str(),
                state.as_str(),
                detail,
                until.map(to_millis),
                now
            ],
        )?;
        Ok(())
    }

    pub fn account_states(&self) -> Result<Vec<AccountStatus>> {
        let mut stmt = self.conn.prepare(
            "SELECT name, network, state, detail, until, synced_at FROM accounts ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(AccountStatus {
                name: r.get(0)?,
                network: r.get(1)?,
                state: r.get::<_, String>(2)?.parse().unwrap_or(SyncState::Never),
                detail: r.get(3)?,
                until: r.get::<_, Option<i64>>(4)?.map(from_millis),
                synced_at: r.get::<_, Option<i64>>(5)?.map(from_millis),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Replies waiting to be sent on `channel`, oldest first: queued ones,
    /// and ones an earlier attempt left `sending`.
    pub fn pending_replies(&self, channel: Channel) -> Result<Vec<PendingReply>> {
        let mut stmt = self.conn.prepare(
            "SELECT o.id, o.conv_id, c.channel, o.text, o.idempotency_key, o.status, o.attempts,
                    m.ext_id, m.author_handle, m.thread_ext_id,
                    (SELECT r.ext_id FROM messages r WHERE r.conv_id = o.conv_id
                     AND r.parent_ext_id IS NULL ORDER BY r.created_at LIMIT 1),
                    o.automated
             FROM outbox o JOIN conversations c ON c.id = o.conv_id
             LEFT JOIN messages m ON m.id = o.in_reply_to
             WHERE o.status IN ('queued', 'sending') AND c.channel = ?1
             ORDER BY o.id",
        )?;
        let rows = stmt.query_map([channel.as_str()], |r| {
            let ext_id: Option<String> = r.get(7)?;
            Ok(PendingReply {
                id: r.get(0)?,
                conversation: r.get(1)?,
                channel: r
                    .get::<_, String>(2)?
                    .parse()
                    .unwrap_or(crate::model::Channel::Other),
                text: r.get(3)?,
                idempotency_key: r.get(4)?,
                status: r
                    .get::<_, String>(5)?
                    .parse()
                    .unwrap_or(OutboxStatus::Queued),
                attempts: r.get(6)?,
                in_reply_to: match ext_id {
                    Some(ext_id) => Some(ReplyTarget {
                        ext_id,
                        author: r.get(8)?,
                        thread_ext_id: r.get(9)?,
                        root_ext_id: r.get(10)?,
                    }),
                    None => None,
                },
                automated: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Records that a reply is about to leave. Committed before the request,
    /// so that a crash or a timeout afterwards is known to be ambiguous.
    pub fn mark_sending(&mut self, outbox: i64) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ?2
             WHERE id = ?1 AND status IN ('queued', 'sending')",
            params![outbox, to_millis(Utc::now())],
        )?;
        if changed == 0 {
            return Err(StoreError::Invalid(format!(
                "reply {outbox} is not waiting to be sent"
            )));
        }
        Ok(())
    }

    /// The network refused the reply: it stays in the outbox with the
    /// network's error, to be edited or retried by a person.
    pub fn mark_failed(&mut self, outbox: i64, actor: &str, error: &str) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        let conv: i64 =
            tx.query_row("SELECT conv_id FROM outbox WHERE id = ?1", [outbox], |r| {
                r.get(0)
            })?;
        let now = Utc::now();
        tx.execute(
            "UPDATE outbox SET status = 'failed', error = ?2, updated_at = ?3 WHERE id = ?1",
            params![outbox, error, to_millis(now)],
        )?;
        super::conversation::insert_event(
            &tx,
            conv,
            to_millis(now),
            actor,
            EventKind::ReplyFailed,
            &json!({"outbox": outbox, "error": error}),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// A failed reply goes back to the queue (its text unchanged).
    pub fn retry_reply(&mut self, outbox: i64) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE outbox SET status = 'queued', error = NULL, updated_at = ?2
             WHERE id = ?1 AND status = 'failed'",
            params![outbox, to_millis(Utc::now())],
        )?;
        if changed == 0 {
            return Err(StoreError::Invalid(format!(
                "reply {outbox} has not failed: nothing to retry"
            )));
        }
        Ok(())
    }
}

impl Importer<'_> {
    /// Stores where `account`'s next fetch starts, in the transaction of the
    /// messages this page produced: a crash loses both or neither.
    pub fn set_cursor(&mut self, account: &str, network: Channel, cursor: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO accounts (name, network, cursor) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET cursor = ?3",
            params![account, network.as_str(), cursor],
        )?;
        Ok(())
    }

    /// Records a reply as sent, in the transaction that stores our copy of it.
    pub fn mark_sent(&mut self, outbox: i64, remote_id: &str, actor: &str) -> Result<()> {
        let conv: i64 =
            self.tx
                .query_row("SELECT conv_id FROM outbox WHERE id = ?1", [outbox], |r| {
                    r.get(0)
                })?;
        let now = Utc::now();
        self.tx.execute(
            "UPDATE outbox SET status = 'sent', remote_id = ?2, sent_at = ?3, error = NULL,
                 updated_at = ?3 WHERE id = ?1",
            params![outbox, remote_id, to_millis(now)],
        )?;
        super::conversation::insert_event(
            self.tx,
            conv,
            to_millis(now),
            actor,
            EventKind::ReplySent,
            &json!({"outbox": outbox, "remote_id": remote_id}),
        )?;
        Ok(())
    }
}

#[cfg(test)]
impl Sqlite {
    /// (status, remote id, error) of every outbox row, in order.
    pub(crate) fn outbox_rows_for_tests(&self) -> Vec<(String, Option<String>, Option<String>)> {
        let mut stmt = self
            .conn
            .prepare("SELECT status, remote_id, error FROM outbox ORDER BY id")
            .expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("query")
            .collect::<rusqlite::Result<Vec<_>>>()
            .expect("rows")
    }

    pub(crate) fn message_count_for_tests(&self) -> i64 {
        self.conn
            .query_row("SELECT COUNT(*) FROM messages", [], |r| r.get(0))
            .expect("count")
    }
}
