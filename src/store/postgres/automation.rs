//! What automation rules need (see `store::automation`): the messages that
//! arrived since the rules last ran, each handed out once however many
//! moderators import and sync at the same time, and the same for a dry run.

use super::conversation::{MESSAGE_COLUMNS, message_from, tone};
use super::{Postgres, Result};
use crate::store::Arrival;
use chrono::{DateTime, Utc};
use tokio_postgres::Row;

const THROUGH: &str = "automation_through";

/// Serialises the claims of every process on the database.
const CLAIM_LOCK: i64 = 0x0070_616c_6172_7276;

fn arrival_from(r: &Row) -> Result<Arrival> {
    Ok(Arrival {
        row: r.try_get(0)?,
        conversation: r.try_get(1)?,
        tone: tone(r.try_get(2)?),
        sentiment: r.try_get::<_, Option<f64>>(3)?.map(|s| s as f32),
        complaint: r.try_get::<_, Option<f64>>(4)?.map(|c| c as f32),
        message: message_from(r, 5)?,
    })
}

fn columns() -> String {
    format!("id, conv_id, tone, sentiment, complaint, {MESSAGE_COLUMNS}")
}

impl Postgres {
    pub fn claim_arrivals(&mut self, limit: usize) -> Result<Vec<Arrival>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let tx = self.conn.begin()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&CLAIM_LOCK])?;
        let through: i64 = tx
            .query_opt("SELECT value FROM meta WHERE key = $1", &[&THROUGH])?
            .map(|r| r.try_get(0))
            .transpose()?
            .unwrap_or(0);
        let arrivals = tx
            .query(
                &format!(
                    "SELECT {} FROM messages WHERE id > $1 AND direction = 'inbound'
                     ORDER BY id LIMIT $2",
                    columns()
                ),
                &[&through, &limit],
            )?
            .iter()
            .map(arrival_from)
            .collect::<Result<Vec<_>>>()?;
        // A full batch stops at its last message; a short one covers
        // everything there is (our own replies after it included).
        let next = if arrivals.len() as i64 >= limit {
            arrivals.last().map_or(through, |a| a.row)
        } else {
            tx.value("SELECT COALESCE(MAX(id), 0) FROM messages", &[])?
        };
        if next != through {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = $2",
                &[&THROUGH, &next],
            )?;
        }
        tx.commit()?;
        Ok(arrivals)
    }

    pub fn pass_arrivals(&mut self) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ($1, (SELECT COALESCE(MAX(id), 0) FROM messages))
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&THROUGH],
        )?;
        Ok(())
    }

    pub fn arrivals_since(
        &self,
        since: DateTime<Utc>,
        after: i64,
        limit: usize,
    ) -> Result<Vec<Arrival>> {
        self.conn
            .query(
                &format!(
                    "SELECT {} FROM messages WHERE id > $1 AND created_at >= $2
                     AND direction = 'inbound' ORDER BY id LIMIT $3",
                    columns()
                ),
                &[
                    &after,
                    &since.timestamp_millis(),
                    &i64::try_from(limit).unwrap_or(i64::MAX),
                ],
            )?
            .iter()
            .map(arrival_from)
            .collect()
    }
}
