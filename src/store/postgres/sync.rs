//! Connectors' accounts and the outbox (see `store::sync`): a reply is sent
//! exactly once, whichever moderator's Palabre sends it.

use super::conversation::{MESSAGE_COLUMNS, insert_event, message_from};
use super::{Postgres, Result, StoreError, from_millis};
use crate::model::{Channel, EventKind, Message, OutboxStatus, ReplyTarget, SyncState};
use crate::store::{AccountStatus, PendingReply};
use chrono::{DateTime, Utc};
use serde_json::json;

/// The advisory locks' class for accounts being synced.
const SYNC_LOCKS: i32 = 0x7061_6c61;

impl Postgres {
    /// Takes the account's syncing for as long as this connection lives:
    /// false when another moderator's palabre syncs it now. A session
    /// advisory lock, which the server releases when the connection ends,
    /// however it ends.
    pub fn claim_account(&self, name: &str) -> Result<bool> {
        self.conn.value(
            "SELECT pg_try_advisory_lock($1, hashtext($2))",
            &[&SYNC_LOCKS, &name],
        )
    }

    pub fn account_cursor(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_opt("SELECT cursor FROM accounts WHERE name = $1", &[&name])?
            .map(|r| r.try_get::<_, Option<String>>(0))
            .transpose()?
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
        let now = Utc::now().timestamp_millis();
        self.conn.execute(
            "INSERT INTO accounts (name, network, state, detail, until, synced_at)
             VALUES ($1, $2, $3, $4, $5, CASE WHEN $3 = 'ok' THEN $6::bigint END)
             ON CONFLICT (name) DO UPDATE SET network = $2, state = $3, detail = $4, until = $5,
                 synced_at = CASE WHEN $3 = 'ok' THEN $6::bigint ELSE accounts.synced_at END",
            &[
                &name,
                &network.as_str(),
                &state.as_str(),
                &detail,
                &until.map(|t| t.timestamp_millis()),
                &now,
            ],
        )?;
        self.conn.execute("SELECT nextval('changes')", &[])?;
        Ok(())
    }

    pub fn account_states(&self) -> Result<Vec<AccountStatus>> {
        self.conn
            .query(
                "SELECT name, network, state, detail, until, synced_at FROM accounts ORDER BY name",
                &[],
            )?
            .iter()
            .map(|r| {
                Ok(AccountStatus {
                    name: r.try_get(0)?,
                    network: r.try_get(1)?,
                    state: r
                        .try_get::<_, String>(2)?
                        .parse()
                        .unwrap_or(SyncState::Never),
                    detail: r.try_get(3)?,
                    until: r.try_get::<_, Option<i64>>(4)?.map(from_millis),
                    synced_at: r.try_get::<_, Option<i64>>(5)?.map(from_millis),
                })
            })
            .collect()
    }

    pub fn pending_replies(&self, channel: Channel) -> Result<Vec<PendingReply>> {
        self.conn
            .query(
                "SELECT o.id, o.conv_id, c.channel, o.text, o.idempotency_key, o.status, o.attempts,
                        m.ext_id, m.author_handle, m.thread_ext_id,
                        (SELECT r.ext_id FROM messages r WHERE r.conv_id = o.conv_id
                         AND r.parent_ext_id IS NULL ORDER BY r.created_at LIMIT 1),
                        o.automated
                 FROM outbox o JOIN conversations c ON c.id = o.conv_id
                 LEFT JOIN messages m ON m.id = o.in_reply_to
                 WHERE o.status IN ('queued', 'sending') AND c.channel = $1
                 ORDER BY o.id",
                &[&channel.as_str()],
            )?
            .iter()
            .map(|r| {
                let ext_id: Option<String> = r.try_get(7)?;
                Ok(PendingReply {
                    id: r.try_get(0)?,
                    conversation: r.try_get(1)?,
                    channel: r
                        .try_get::<_, String>(2)?
                        .parse()
                        .unwrap_or(Channel::Other),
                    text: r.try_get(3)?,
                    idempotency_key: r.try_get(4)?,
                    status: r
                        .try_get::<_, String>(5)?
                        .parse()
                        .unwrap_or(OutboxStatus::Queued),
                    attempts: r.try_get(6)?,
                    in_reply_to: match ext_id {
                        Some(ext_id) => Some(ReplyTarget {
                            ext_id,
                            author: r.try_get(8)?,
                            thread_ext_id: r.try_get(9)?,
                            root_ext_id: r.try_get(10)?,
                        }),
                        None => None,
                    },
                    automated: r.try_get(11)?,
                })
            })
            .collect()
    }

    pub fn mark_sending(&mut self, outbox: i64) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = $2
             WHERE id = $1 AND status IN ('queued', 'sending')",
            &[&outbox, &Utc::now().timestamp_millis()],
        )?;
        if changed == 0 {
            return Err(StoreError::Invalid(format!(
                "reply {outbox} is not waiting to be sent"
            )));
        }
        Ok(())
    }

    pub fn mark_failed(&mut self, outbox: i64, actor: &str, error: &str) -> Result<()> {
        let tx = self.conn.begin()?;
        let conv: i64 = tx.value("SELECT conv_id FROM outbox WHERE id = $1", &[&outbox])?;
        let now = Utc::now().timestamp_millis();
        tx.execute(
            "UPDATE outbox SET status = 'failed', error = $2, updated_at = $3 WHERE id = $1",
            &[&outbox, &error, &now],
        )?;
        insert_event(
            &tx,
            conv,
            now,
            actor,
            EventKind::ReplyFailed,
            &json!({"outbox": outbox, "error": error}),
        )?;
        tx.commit()
    }

    pub fn retry_reply(&mut self, outbox: i64) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE outbox SET status = 'queued', error = NULL, updated_at = $2
             WHERE id = $1 AND status = 'failed'",
            &[&outbox, &Utc::now().timestamp_millis()],
        )?;
        if changed == 0 {
            return Err(StoreError::Invalid(format!(
                "reply {outbox} has not failed: nothing to retry"
            )));
        }
        Ok(())
    }

    pub fn for_each_message(
        &self,
        each: &mut dyn FnMut(i64, &Message) -> Result<()>,
    ) -> Result<()> {
        // In pages by conversation: an export of millions never holds them all.
        let mut after = i64::MIN;
        loop {
            let rows = self.conn.query(
                &format!(
                    "SELECT conv_id, {MESSAGE_COLUMNS} FROM messages
                     WHERE conv_id IN (SELECT DISTINCT conv_id FROM messages WHERE conv_id > $1
                                       ORDER BY conv_id LIMIT 2000)
                     ORDER BY conv_id, created_at, id"
                ),
                &[&after],
            )?;
            if rows.is_empty() {
                return Ok(());
            }
            for r in &rows {
                let conv: i64 = r.try_get(0)?;
                each(conv, &message_from(r, 1)?)?;
                after = conv;
            }
        }
    }
}
