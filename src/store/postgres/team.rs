//! The team (see `store::team`): presence, the atomic "next", automatic
//! assignment, and the event log read back as notices.

use super::conversation::apply_in;
use super::{Postgres, Result, from_millis, notify};
use crate::store::team::{self, Activity, AutoAssign, Notice, Presence, PresenceState};
use crate::store::{Change, QueueFilter};
use chrono::{DateTime, Utc};

impl Postgres {
    pub fn set_presence(&mut self, p: &Presence) -> Result<()> {
        let before = self.conn.query_opt(
            "SELECT state, conv_id, activity FROM presence WHERE session = $1",
            &[&p.session],
        )?;
        let tx = self.conn.begin()?;
        tx.execute(
            "INSERT INTO presence (session, who, state, conv_id, activity, seen_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (session) DO UPDATE SET who = $2, state = $3, conv_id = $4,
                 activity = $5, seen_at = $6",
            &[
                &p.session,
                &p.who,
                &p.state.as_str(),
                &p.conversation,
                &p.activity.as_str(),
                &p.seen_at.timestamp_millis(),
            ],
        )?;
        // Only what others would see differently is announced: a heartbeat
        // is not news.
        let same = match &before {
            Some(r) => {
                r.try_get::<_, String>(0)? == p.state.as_str()
                    && r.try_get::<_, Option<i64>>(1)? == p.conversation
                    && r.try_get::<_, String>(2)? == p.activity.as_str()
            }
            None => false,
        };
        if !same {
            notify(&tx, 0, p.conversation.unwrap_or(0), &p.who, "presence")?;
        }
        tx.commit()
    }

    pub fn leave(&mut self, session: &str) -> Result<()> {
        let tx = self.conn.begin()?;
        let who: Option<String> = tx
            .query_opt(
                "DELETE FROM presence WHERE session = $1 RETURNING who",
                &[&session],
            )?
            .map(|r| r.try_get(0))
            .transpose()?;
        if let Some(who) = who {
            notify(&tx, 0, 0, &who, "presence")?;
        }
        tx.commit()
    }

    pub fn presence(&self, now: DateTime<Utc>) -> Result<Vec<Presence>> {
        let since = (now - team::PRESENCE_TIMEOUT).timestamp_millis();
        self.conn
            .query(
                "SELECT session, who, state, conv_id, activity, seen_at FROM presence
                 WHERE seen_at >= $1 ORDER BY who, session",
                &[&since],
            )?
            .iter()
            .map(|r| {
                Ok(Presence {
                    session: r.try_get(0)?,
                    who: r.try_get(1)?,
                    state: PresenceState::parse(&r.try_get::<_, String>(2)?),
                    conversation: r.try_get(3)?,
                    activity: Activity::parse(&r.try_get::<_, String>(4)?),
                    seen_at: from_millis(r.try_get(5)?),
                })
            })
            .collect()
    }

    /// Takes the highest conversation of `filter` that nobody has, for
    /// `who`: rows another moderator is taking at this instant are skipped,
    /// not waited for, so two never get the same one.
    pub fn take_next(
        &mut self,
        filter: &QueueFilter,
        who: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let filter = team::next_filter(filter);
        let (where_sql, params) = super::queue::where_clause(&filter);
        let tx = self.conn.begin()?;
        let id: Option<i64> = tx
            .query_opt(
                &format!(
                    "SELECT c.id FROM conversations c {where_sql}
                     ORDER BY {} LIMIT 1 FOR UPDATE SKIP LOCKED",
                    super::queue::ORDER
                ),
                &super::queue::refs(&params),
            )?
            .map(|r| r.try_get(0))
            .transpose()?;
        let Some(id) = id else {
            return Ok(None);
        };
        apply_in(
            &tx,
            self.policy.as_ref(),
            id,
            Change::Assign(Some(who.to_string())),
            who,
            now,
        )?;
        tx.commit()?;
        Ok(Some(id))
    }

    /// Assigns `conv` to a member of `team` chosen by `how`; returns who.
    pub fn assign_auto(
        &mut self,
        conv: i64,
        how: AutoAssign,
        team: &[String],
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<String>> {
        let conv = self.current_id(conv)?;
        let tx = self.conn.begin()?;
        // One automatic assignment at a time: the round's position and the
        // loads are read and moved together.
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&ASSIGN_LOCK])?;
        let chosen = match how {
            AutoAssign::LeastLoaded => {
                let loads = tx
                    .query(
                        "SELECT assignee, count(*) FROM conversations
                         WHERE assignee = ANY($1) AND status <> 'resolved' GROUP BY assignee",
                        &[&team],
                    )?
                    .iter()
                    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
                    .collect::<Result<Vec<(String, i64)>>>()?;
                team::least_loaded(team, &loads)
            }
            AutoAssign::RoundRobin => {
                let last: Option<String> = tx
                    .query_opt(
                        "SELECT actor FROM team_round WHERE name = 'round-robin'",
                        &[],
                    )?
                    .map(|r| r.try_get(0))
                    .transpose()?;
                let next = team::after(team, last.as_deref());
                if let Some(next) = &next {
                    tx.execute(
                        "INSERT INTO team_round (name, actor) VALUES ('round-robin', $1)
                         ON CONFLICT (name) DO UPDATE SET actor = $1",
                        &[next],
                    )?;
                }
                next
            }
        };
        let Some(chosen) = chosen else {
            return Ok(None);
        };
        apply_in(
            &tx,
            self.policy.as_ref(),
            conv,
            Change::Assign(Some(chosen.clone())),
            actor,
            now,
        )?;
        tx.commit()?;
        Ok(Some(chosen))
    }

    /// What happened after event `after`, oldest first (at most `limit`).
    pub fn notices_since(&self, after: i64, limit: usize) -> Result<Vec<Notice>> {
        self.conn
            .query(
                "SELECT id, conv_id, actor, kind FROM events WHERE id > $1 ORDER BY id LIMIT $2",
                &[&after, &(limit as i64)],
            )?
            .iter()
            .map(|r| {
                Ok(Notice {
                    event: r.try_get(0)?,
                    conversation: r.try_get(1)?,
                    actor: r.try_get(2)?,
                    kind: r.try_get(3)?,
                })
            })
            .collect()
    }

    pub fn last_event(&self) -> Result<i64> {
        self.conn
            .value("SELECT COALESCE(MAX(id), 0) FROM events", &[])
    }
}

const ASSIGN_LOCK: i64 = 0x0070_616c_6162_7267;
