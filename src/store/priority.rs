//! The part of priority that grows while a conversation waits: how long the
//! oldest unanswered message has waited, in business time, against its
//! channel's first-response target. Import and changes write the rest; this
//! refresh adds the waiting as time passes.

use super::policy::Policy;
use super::{Result, Sqlite, from_millis, to_millis};
use crate::model::{Channel, CrisisLevel, Overdue, PriorityInputs, Status, unanswered};
use chrono::{DateTime, Utc};
use rusqlite::params;

/// The SQL of the oldest inbound message since our last reply, for `c`.
pub(super) const WAITING_SINCE: &str = "(SELECT MIN(w.created_at) FROM messages w
     WHERE w.conv_id = c.id AND w.direction = 'inbound'
       AND w.created_at > COALESCE(c.last_outbound_at, -9223372036854775808))";

/// How long a conversation has waited against its target. `exact`: the whole
/// wait (for reasons shown to people); otherwise counted only as far as the
/// last priority step, which is all the ordering needs.
pub(super) fn overdue(
    policy: &dyn Policy,
    channel: Channel,
    since: Option<i64>,
    now: DateTime<Utc>,
    exact: bool,
) -> Option<Overdue> {
    Some(policy.overdue(channel, from_millis(since?), now, exact))
}

/// A conversation's priority from its row: the columns of `PRIORITY_COLUMNS`.
pub(super) const PRIORITY_COLUMNS: &str = "c.status, c.crisis_level, c.last_inbound_at,
     c.last_outbound_at, c.max_followers, c.inbound_count, c.tone, c.complaint, c.channel,
     c.danger, c.boost";

pub(super) fn inputs(
    r: &rusqlite::Row<'_>,
    base: usize,
    now: DateTime<Utc>,
    overdue_of: impl Fn(Channel) -> Option<Overdue>,
) -> rusqlite::Result<PriorityInputs> {
    let inbound: Option<i64> = r.get(base + 2)?;
    let outbound: Option<i64> = r.get(base + 3)?;
    let channel: Channel = r
        .get::<_, String>(base + 8)?
        .parse()
        .unwrap_or(Channel::Other);
    Ok(PriorityInputs {
        status: r.get::<_, String>(base)?.parse().unwrap_or(Status::Open),
        crisis: r
            .get::<_, String>(base + 1)?
            .parse()
            .unwrap_or(CrisisLevel::None),
        unanswered: unanswered(inbound, outbound),
        max_followers: r.get::<_, i64>(base + 4)?.max(0) as u64,
        inbound_count: r.get::<_, i64>(base + 5)?.max(0) as u64,
        negative: r.get::<_, Option<String>>(base + 6)?.as_deref() == Some("negative"),
        complaint: r.get::<_, f64>(base + 7)? as f32,
        danger: r.get(base + 9)?,
        quiet_secs: quiet_secs(inbound, now),
        overdue: overdue_of(channel),
        boost: r.get(base + 10)?,
    })
}

/// Seconds since the latest inbound message (in milliseconds), if any.
pub(super) fn quiet_secs(last_inbound: Option<i64>, now: DateTime<Utc>) -> Option<i64> {
    last_inbound.map(|t| ((to_millis(now) - t) / 1000).max(0))
}

/// Not waiting, or past the last step: nothing will change with time.
pub(super) const NEVER: i64 = i64::MAX;

/// When the waiting points of a conversation next change.
pub(super) fn next_step(
    policy: &dyn Policy,
    i: &PriorityInputs,
    since: Option<i64>,
    now: DateTime<Utc>,
) -> i64 {
    since
        .and_then(|since| policy.next_step(i, from_millis(since), now))
        .map_or(NEVER, to_millis)
}

impl Sqlite {
    /// The judgement the store ranks conversations with.
    pub fn set_policy(&mut self, policy: std::sync::Arc<dyn Policy>) {
        self.policy = policy;
    }

    /// The store's clock: the fixed time, or now.
    pub fn clock(&self) -> DateTime<Utc> {
        self.now.unwrap_or_else(Utc::now)
    }

    /// Fixes the time the queue's reasons are computed for (None: now).
    pub fn set_now(&mut self, now: Option<DateTime<Utc>>) {
        self.now = now;
    }

    /// Recomputes the priority of the conversations whose waiting points
    /// change by `now` (at most `limit` of them, the longest due first).
    /// Returns how many were looked at.
    pub fn refresh_priorities(&mut self, now: DateTime<Utc>, limit: usize) -> Result<usize> {
        // In slices, each its own transaction: after a large import every
        // conversation is due, and one transaction over all of them would
        // hold the store (and its pages in memory) for seconds.
        const SLICE: usize = 5_000;
        let mut done = 0;
        // Where the last slice stopped, in (next_step_at, id) order: a
        // conversation rescheduled for `now` itself comes round once more
        // at most.
        let mut after = (i64::MIN, i64::MIN);
        while done < limit {
            let want = SLICE.min(limit - done);
            let (n, last) = self.refresh_priorities_once(now, want, after)?;
            done += n;
            match last {
                Some(last) if n == want => after = last,
                _ => break,
            }
        }
        Ok(done)
    }

    /// One slice of `refresh_priorities`: how many it looked at, and the
    /// (next_step_at, id) of the last.
    fn refresh_priorities_once(
        &mut self,
        now: DateTime<Utc>,
        limit: usize,
        after: (i64, i64),
    ) -> Result<(usize, Option<(i64, i64)>)> {
        let policy = self.policy.clone();
        let policy = policy.as_ref();
        let now_ms = to_millis(now);
        let tx = self.conn.unchecked_transaction()?;
        let rows: Vec<(i64, i64, i64, i64, i64)> = {
            let mut stmt = tx.prepare(&format!(
                "SELECT c.id, c.priority, c.next_step_at, {WAITING_SINCE}, {PRIORITY_COLUMNS}
                 FROM conversations c
                 WHERE c.next_step_at <= ?1 AND (c.next_step_at, c.id) > (?3, ?4)
                 ORDER BY c.next_step_at, c.id LIMIT ?2"
            ))?;
            let rows = stmt.query_map(params![now_ms, limit as i64, after.0, after.1], |r| {
                let since: Option<i64> = r.get(3)?;
                let i = inputs(r, 4, now, |channel| {
                    overdue(policy, channel, since, now, false)
                })?;
                let next = next_step(policy, &i, since, now);
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    policy.priority(&i),
                    next,
                    r.get::<_, i64>(2)?,
                ))
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        {
            let mut update = tx.prepare(
                "UPDATE conversations SET priority = ?2, next_step_at = ?3 WHERE id = ?1",
            )?;
            let mut schedule =
                tx.prepare("UPDATE conversations SET next_step_at = ?2 WHERE id = ?1")?;
            for (id, stored, fresh, next, _) in &rows {
                if stored != fresh {
                    update.execute(params![id, fresh, next])?;
                } else {
                    schedule.execute(params![id, next])?;
                }
            }
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('priorities_at', ?1)
             ON CONFLICT (key) DO UPDATE SET value = ?1",
            [now_ms],
        )?;
        tx.commit()?;
        Ok((rows.len(), rows.last().map(|r| (r.4, r.0))))
    }

    /// When priorities were last refreshed for the passing of time.
    pub fn priorities_refreshed_at(&self) -> Result<Option<DateTime<Utc>>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'priorities_at'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
            .map(from_millis))
    }
}
