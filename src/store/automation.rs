//! What automation rules need from the store: the messages that arrived
//! since the rules last ran, each handed out once however many processes
//! import and sync at the same time; the same messages for a dry run.

use super::conversation::{MESSAGE_COLUMNS, message_from_row_at};
use super::{Result, Sqlite, to_millis};
use crate::model::{Message, Tone};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

/// A message from the public as the rules see it: with its conversation
/// and the scores triage gave it at import.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrival {
    /// The message's row: arrivals come in this order.
    pub row: i64,
    pub conversation: i64,
    pub message: Message,
    pub tone: Option<Tone>,
    /// −1…1.
    pub sentiment: Option<f32>,
    /// 0…1.
    pub complaint: Option<f32>,
}

/// The columns of an `Arrival`, from `messages` alone.
fn arrival_columns() -> String {
    format!("id, conv_id, tone, sentiment, complaint, {MESSAGE_COLUMNS}")
}

fn arrival_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Arrival> {
    Ok(Arrival {
        row: r.get(0)?,
        conversation: r.get(1)?,
        tone: r
            .get::<_, Option<String>>(2)?
            .and_then(|t| t.parse::<Tone>().ok()),
        sentiment: r.get::<_, Option<f64>>(3)?.map(|s| s as f32),
        complaint: r.get::<_, Option<f64>>(4)?.map(|c| c as f32),
        message: message_from_row_at(r, 5)?,
    })
}

const THROUGH: &str = "automation_through";

impl Sqlite {
    /// Hands out up to `limit` messages from the public that arrived since
    /// the last claim, oldest first, and moves the mark past them in the
    /// same transaction: two processes never get the same message.
    pub fn claim_arrivals(&mut self, limit: usize) -> Result<Vec<Arrival>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let through: i64 = tx
            .query_row("SELECT value FROM meta WHERE key = ?1", [THROUGH], |r| {
                r.get(0)
            })
            .optional()?
            .unwrap_or(0);
        let arrivals = {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {} FROM messages WHERE id > ?1 AND direction = 'inbound' ORDER BY id LIMIT ?2",
                arrival_columns()
            ))?;
            let rows = stmt.query_map(
                params![through, i64::try_from(limit).unwrap_or(i64::MAX)],
                arrival_from_row,
            )?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        // A full batch stops at its last message; a short one covers
        // everything there is (our own replies after it included).
        let next = if arrivals.len() >= limit {
            arrivals.last().map_or(through, |a| a.row)
        } else {
            tx.query_row("SELECT COALESCE(MAX(id), 0) FROM messages", [], |r| {
                r.get(0)
            })?
        };
        if next != through {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = ?2",
                params![THROUGH, next],
            )?;
        }
        tx.commit()?;
        Ok(arrivals)
    }

    /// Moves the mark past every message without handing any out: what
    /// arrives while no rule is configured never meets the rules later.
    pub fn pass_arrivals(&mut self) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, (SELECT COALESCE(MAX(id), 0) FROM messages))
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [THROUGH],
        )?;
        Ok(())
    }

    /// Messages from the public written since `since`, after row `after`,
    /// oldest row first, at most `limit`: a dry run's input, page by page.
    pub fn arrivals_since(
        &self,
        since: DateTime<Utc>,
        after: i64,
        limit: usize,
    ) -> Result<Vec<Arrival>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM messages WHERE id > ?1 AND created_at >= ?2 AND direction = 'inbound'
             ORDER BY id LIMIT ?3",
            arrival_columns()
        ))?;
        let rows = stmt.query_map(
            params![
                after,
                to_millis(since),
                i64::try_from(limit).unwrap_or(i64::MAX)
            ],
            arrival_from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Author, Channel, Direction, Message, MessageKind, Metrics};
    use chrono::{TimeZone, Utc};

    fn m(id: &str, minutes: i64, ours: bool) -> Message {
        Message {
            channel: Channel::X,
            id: id.into(),
            parent_id: None,
            thread_id: None,
            kind: MessageKind::Mention,
            direction: if ours {
                Direction::Outbound
            } else {
                Direction::Inbound
            },
            author: Author {
                handle: format!("a{id}"),
                ..Author::default()
            },
            text: "terrible service, refund me".into(),
            lang: Some("en".into()),
            created_at: Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
                + chrono::Duration::minutes(minutes),
            url: None,
            metrics: Metrics::default(),
            automated: false,
        }
    }

    #[test]
    fn each_arrival_is_handed_out_once_and_passing_skips_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let mut store = crate::inbox::Store::sqlite(&path, Default::default()).unwrap();
        store
            .import_messages(
                &[m("1", 0, false), m("2", 1, true), m("3", 2, false)],
                "t",
                "t",
            )
            .unwrap();
        let first = store.claim_arrivals(1).unwrap();
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].message.id, "1");
        assert!(first[0].complaint.is_some() && first[0].tone.is_some());
        // Another connection (another process) gets what is left.
        let mut other = crate::inbox::Store::sqlite(&path, Default::default()).unwrap();
        let rest = other.claim_arrivals(10).unwrap();
        assert_eq!(
            rest.iter()
                .map(|a| a.message.id.as_str())
                .collect::<Vec<_>>(),
            ["3"],
            "ours is never handed out"
        );
        assert!(store.claim_arrivals(10).unwrap().is_empty());
        store
            .import_messages(&[m("4", 3, false)], "t", "t")
            .unwrap();
        store.pass_arrivals().unwrap();
        assert!(store.claim_arrivals(10).unwrap().is_empty());
        // The dry run reads them all again, from a time.
        let since = Utc.with_ymd_and_hms(2026, 11, 2, 9, 2, 0).unwrap();
        let ids: Vec<String> = store
            .arrivals_since(since, 0, 10)
            .unwrap()
            .into_iter()
            .map(|a| a.message.id)
            .collect();
        assert_eq!(ids, ["3", "4"]);
    }
}
