//! Priority as time passes (see `store::priority`): the waiting part grows
//! past the channel's target; a refresh touches only the conversations due.

use super::conn::Conn;
use super::{Postgres, Result, from_millis};
use crate::model::{Channel, CrisisLevel, PriorityInputs, Status, unanswered};
use crate::store::Policy;
use chrono::{DateTime, Utc};
use tokio_postgres::Row;

/// The oldest inbound message since our last reply, for `c`.
pub(super) const WAITING_SINCE: &str = "(SELECT MIN(w.created_at) FROM messages w
     WHERE w.conv_id = c.id AND w.direction = 'inbound'
       AND w.created_at > COALESCE(c.last_outbound_at, -9223372036854775808))";

pub(super) const PRIORITY_COLUMNS: &str = "c.status, c.crisis_level, c.last_inbound_at,
     c.last_outbound_at, c.max_followers, c.inbound_count, c.tone, c.complaint, c.channel,
     c.danger, c.boost";

/// The `PRIORITY_COLUMNS` of a row from `base`, waiting since `since`.
pub(super) fn inputs(
    r: &Row,
    base: usize,
    policy: &dyn Policy,
    since: Option<i64>,
    now: DateTime<Utc>,
    exact: bool,
) -> Result<PriorityInputs> {
    let channel: Channel = r
        .try_get::<_, String>(base + 8)?
        .parse()
        .unwrap_or(Channel::Other);
    Ok(PriorityInputs {
        status: r
            .try_get::<_, String>(base)?
            .parse()
            .unwrap_or(Status::Open),
        crisis: r
            .try_get::<_, String>(base + 1)?
            .parse()
            .unwrap_or(CrisisLevel::None),
        unanswered: unanswered(r.try_get(base + 2)?, r.try_get(base + 3)?),
        max_followers: r.try_get::<_, i64>(base + 4)?.max(0) as u64,
        inbound_count: r.try_get::<_, i64>(base + 5)?.max(0) as u64,
        negative: r.try_get::<_, Option<String>>(base + 6)?.as_deref() == Some("negative"),
        complaint: r.try_get::<_, f64>(base + 7)? as f32,
        danger: r.try_get(base + 9)?,
        quiet_secs: r
            .try_get::<_, Option<i64>>(base + 2)?
            .map(|t| ((now.timestamp_millis() - t) / 1000).max(0)),
        overdue: since.map(|s| policy.overdue(channel, from_millis(s), now, exact)),
        boost: r.try_get(base + 10)?,
    })
}

fn next_step(
    policy: &dyn Policy,
    i: &PriorityInputs,
    since: Option<i64>,
    now: DateTime<Utc>,
) -> i64 {
    since
        .and_then(|since| policy.next_step(i, from_millis(since), now))
        .map_or(i64::MAX, |t| t.timestamp_millis())
}

/// Recomputes one conversation's priority inside the caller's transaction.
pub(super) fn refresh_one(
    conn: &Conn,
    conv: i64,
    policy: &dyn Policy,
    now: DateTime<Utc>,
) -> Result<()> {
    let r = conn.query_one(
        &format!("SELECT {WAITING_SINCE}, {PRIORITY_COLUMNS} FROM conversations c WHERE c.id = $1"),
        &[&conv],
    )?;
    let since: Option<i64> = r.try_get(0)?;
    let i = inputs(&r, 1, policy, since, now, false)?;
    conn.execute(
        "UPDATE conversations SET priority = $2, next_step_at = $3 WHERE id = $1",
        &[
            &conv,
            &policy.priority(&i),
            &next_step(policy, &i, since, now),
        ],
    )?;
    Ok(())
}

impl Postgres {
    pub fn refresh_priorities(&mut self, now: DateTime<Utc>, limit: usize) -> Result<usize> {
        const SLICE: usize = 5_000;
        let mut done = 0;
        let mut after = (i64::MIN, i64::MIN);
        while done < limit {
            let want = SLICE.min(limit - done);
            let (n, last) = self.refresh_slice(now, want, after)?;
            done += n;
            match last {
                Some(last) if n == want => after = last,
                _ => break,
            }
        }
        Ok(done)
    }

    fn refresh_slice(
        &mut self,
        now: DateTime<Utc>,
        limit: usize,
        after: (i64, i64),
    ) -> Result<(usize, Option<(i64, i64)>)> {
        let policy = self.policy.clone();
        let policy = policy.as_ref();
        let now_ms = now.timestamp_millis();
        let tx = self.conn.begin()?;
        // SKIP LOCKED: a conversation someone is changing gets its priority
        // from that change; the refresh does not wait for it.
        let rows = tx.query(
            &format!(
                "SELECT c.id, c.priority, c.next_step_at, {WAITING_SINCE}, {PRIORITY_COLUMNS}
                 FROM conversations c
                 WHERE c.next_step_at <= $1 AND (c.next_step_at, c.id) > ($3, $4)
                 ORDER BY c.next_step_at, c.id LIMIT $2
                 FOR UPDATE SKIP LOCKED"
            ),
            &[&now_ms, &(limit as i64), &after.0, &after.1],
        )?;
        let mut ids = Vec::with_capacity(rows.len());
        let mut priorities = Vec::with_capacity(rows.len());
        let mut steps = Vec::with_capacity(rows.len());
        let mut last = None;
        for r in &rows {
            let since: Option<i64> = r.try_get(3)?;
            let i = inputs(r, 4, policy, since, now, false)?;
            let id: i64 = r.try_get(0)?;
            last = Some((r.try_get::<_, i64>(2)?, id));
            ids.push(id);
            priorities.push(policy.priority(&i));
            steps.push(next_step(policy, &i, since, now));
        }
        tx.execute(
            "UPDATE conversations c SET priority = u.priority, next_step_at = u.step
             FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS u(id, priority, step)
             WHERE c.id = u.id",
            &[&ids, &priorities, &steps],
        )?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('priorities_at', $1)
             ON CONFLICT (key) DO UPDATE SET value = $1",
            &[&now_ms],
        )?;
        tx.execute("SELECT nextval('changes')", &[])?;
        tx.commit()?;
        Ok((rows.len(), last))
    }

    pub fn priorities_refreshed_at(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(self
            .conn
            .query_opt("SELECT value FROM meta WHERE key = 'priorities_at'", &[])?
            .map(|r| r.try_get::<_, i64>(0))
            .transpose()?
            .map(from_millis))
    }
}
