//! What a team shares beyond the inbox itself: who is here and what they
//! are doing (presence), how a reply is checked against what others did
//! since it began (collisions), and how work is handed out (assignment).
//! The types are the backends' common language; each backend stores them.

use chrono::{DateTime, Utc};
use serde::Serialize;

pub use crate::model::ReplyMark;

/// How a reply is checked before it is queued.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ReplyCheck {
    /// Refused when the message it answers already has a reply queued,
    /// being sent or sent (by anyone): never two replies by accident.
    #[default]
    Once,
    /// As `Once`, and refused when a message or a reply came into the
    /// conversation after the mark (the draft began before it).
    Since(ReplyMark),
    /// Queued whatever happened: the person saw what changed and confirmed.
    Anyway,
}

/// Online: active in the last few minutes; away: Palabre open, nobody at
/// the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PresenceState {
    Online,
    Away,
}

impl PresenceState {
    pub fn as_str(self) -> &'static str {
        match self {
            PresenceState::Online => "online",
            PresenceState::Away => "away",
        }
    }

    pub fn parse(s: &str) -> PresenceState {
        if s == "away" {
            PresenceState::Away
        } else {
            PresenceState::Online
        }
    }
}

/// What a person does in the conversation they have open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    Idle,
    Viewing,
    Replying,
}

impl Activity {
    pub fn as_str(self) -> &'static str {
        match self {
            Activity::Idle => "idle",
            Activity::Viewing => "viewing",
            Activity::Replying => "replying",
        }
    }

    pub fn parse(s: &str) -> Activity {
        match s {
            "viewing" => Activity::Viewing,
            "replying" => Activity::Replying,
            _ => Activity::Idle,
        }
    }
}

/// One running Palabre, as the others see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Presence {
    /// One per process: `who@host:pid`.
    pub session: String,
    pub who: String,
    pub state: PresenceState,
    pub conversation: Option<i64>,
    pub activity: Activity,
    pub seen_at: DateTime<Utc>,
}

/// A session not heard of for this long has gone (its process died).
pub const PRESENCE_TIMEOUT: chrono::Duration = chrono::Duration::seconds(45);

/// How `assign_auto` picks the moderator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AutoAssign {
    /// The next member after the one the last round-robin chose.
    RoundRobin,
    /// The member with the fewest conversations not resolved.
    LeastLoaded,
}

impl AutoAssign {
    pub fn rule(self) -> &'static str {
        match self {
            AutoAssign::RoundRobin => "round-robin",
            AutoAssign::LeastLoaded => "least-loaded",
        }
    }
}

/// A change committed by someone, as the event log keeps it: what another
/// process needs to know to show it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Notice {
    /// The event's id (0 for presence, which has no event).
    pub event: i64,
    pub conversation: i64,
    pub actor: String,
    pub kind: String,
}

/// The least loaded of `team` (ties: the first in the team's order).
pub(crate) fn least_loaded(team: &[String], loads: &[(String, i64)]) -> Option<String> {
    team.iter()
        .min_by_key(|m| {
            loads
                .iter()
                .find(|(who, _)| who == *m)
                .map_or(0, |(_, n)| *n)
        })
        .cloned()
}

/// The member after `last` in `team` (the first when `last` is not in it).
pub(crate) fn after(team: &[String], last: Option<&str>) -> Option<String> {
    if team.is_empty() {
        return None;
    }
    let next = last
        .and_then(|l| team.iter().position(|m| m == l))
        .map_or(0, |i| (i + 1) % team.len());
    team.get(next).cloned()
}

/// Says who answered first, for the person whose reply was refused.
pub(crate) fn already_replied(actor: &str, at: DateTime<Utc>) -> String {
    format!(
        "{actor} already replied to this message ({}): look at the thread; send again to reply anyway",
        at.format("%H:%M:%S UTC")
    )
}

/// Says what came since the reply began.
pub(crate) fn changed_since(what: &str) -> String {
    format!(
        "the conversation changed since you began this reply ({what}): your draft is kept; look at the thread and send again to reply anyway"
    )
}

/// The embedded store's side: the same tables in the file that every
/// process on the machine shares.
mod sqlite {
    use super::*;
    use crate::store::conversation::apply_in;
    use crate::store::{Change, QueueFilter, Result, Sqlite, from_millis, to_millis};
    use rusqlite::{OptionalExtension, params};

    /// The member of `team` after the one the round `name` gave work to
    /// last, and the round moved to them (inside the caller's transaction).
    fn next_in_round(
        tx: &rusqlite::Connection,
        name: &str,
        team: &[String],
    ) -> Result<Option<String>> {
        let last: Option<String> = tx
            .query_row(
                "SELECT actor FROM team_round WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        let next = after(team, last.as_deref());
        if let Some(next) = &next {
            tx.execute(
                "INSERT INTO team_round (name, actor) VALUES (?1, ?2)
                 ON CONFLICT (name) DO UPDATE SET actor = ?2",
                [name, next],
            )?;
        }
        Ok(next)
    }

    /// How long a presence write waits for another process's heartbeat.
    const PRESENCE_WAIT: std::time::Duration = std::time::Duration::from_millis(50);

    /// The presence file of the store at `store`.
    pub fn presence_path(store: &std::path::Path) -> std::path::PathBuf {
        let mut name = store.as_os_str().to_owned();
        name.push("-presence");
        name.into()
    }

    impl Sqlite {
        /// Presence lives in a file of its own (`<store>-presence`): a
        /// heartbeat every 15 s is then no commit of the store's, which
        /// every other process on the machine would take for new data and
        /// reload its screen for; nor does it wait behind an import that
        /// holds the store's write lock. It is what people are doing now,
        /// nothing to back up.
        fn presence_file(&self) -> Result<&rusqlite::Connection> {
            if let Some(conn) = self.presence.get() {
                return Ok(conn);
            }
            let path = presence_path(&self.path);
            let open_err = |source| crate::store::StoreError::Open {
                path: path.clone(),
                source,
            };
            let conn = rusqlite::Connection::open(&path).map_err(open_err)?;
            conn.busy_timeout(PRESENCE_WAIT).map_err(open_err)?;
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(open_err)?;
            conn.pragma_update(None, "synchronous", "OFF")
                .map_err(open_err)?;
            conn.execute_batch(
                "CREATE TABLE IF NOT EXISTS presence (
                     session  TEXT PRIMARY KEY,
                     who      TEXT NOT NULL,
                     state    TEXT NOT NULL,
                     conv_id  INTEGER,
                     activity TEXT NOT NULL DEFAULT 'idle',
                     seen_at  INTEGER NOT NULL
                 )",
            )
            .map_err(open_err)?;
            Ok(self.presence.get_or_init(|| conn))
        }

        /// A heartbeat waits a moment for another process's, else it is
        /// skipped and said again at the next one: it never holds the screen.
        pub fn set_presence(&mut self, p: &Presence) -> Result<()> {
            self.presence_file()?.execute(
                "INSERT INTO presence (session, who, state, conv_id, activity, seen_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (session) DO UPDATE SET who = ?2, state = ?3, conv_id = ?4,
                     activity = ?5, seen_at = ?6",
                params![
                    p.session,
                    p.who,
                    p.state.as_str(),
                    p.conversation,
                    p.activity.as_str(),
                    to_millis(p.seen_at)
                ],
            )?;
            Ok(())
        }

        pub fn leave(&mut self, session: &str) -> Result<()> {
            self.presence_file()?
                .execute("DELETE FROM presence WHERE session = ?1", [session])?;
            Ok(())
        }

        pub fn presence(&self, now: DateTime<Utc>) -> Result<Vec<Presence>> {
            let mut stmt = self.presence_file()?.prepare_cached(
                "SELECT session, who, state, conv_id, activity, seen_at FROM presence
                 WHERE seen_at >= ?1 ORDER BY who, session",
            )?;
            let rows = stmt.query_map([to_millis(now - PRESENCE_TIMEOUT)], |r| {
                Ok(Presence {
                    session: r.get(0)?,
                    who: r.get(1)?,
                    state: PresenceState::parse(&r.get::<_, String>(2)?),
                    conversation: r.get(3)?,
                    activity: Activity::parse(&r.get::<_, String>(4)?),
                    seen_at: from_millis(r.get(5)?),
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        }

        /// Takes the highest conversation of `filter` that nobody has, for
        /// `who`, under the file's write lock: two processes never take the
        /// same one.
        pub fn take_next(
            &mut self,
            filter: &QueueFilter,
            who: &str,
            now: DateTime<Utc>,
        ) -> Result<Option<i64>> {
            let filter = next_filter(filter);
            let (where_sql, params) = crate::store::queue::where_clause(&filter);
            let policy = self.policy.clone();
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let id: Option<i64> = tx
                .query_row(
                    &format!(
                        "SELECT c.id FROM conversations c {where_sql}
                         ORDER BY c.escalated DESC, c.priority DESC, c.last_activity, c.id LIMIT 1"
                    ),
                    rusqlite::params_from_iter(params.iter()),
                    |r| r.get(0),
                )
                .optional()?;
            let Some(id) = id else {
                return Ok(None);
            };
            apply_in(
                &tx,
                policy.as_ref(),
                id,
                Change::Assign(Some(who.to_string())),
                who,
                now,
            )?;
            tx.commit()?;
            Ok(Some(id))
        }

        pub fn assign_auto(
            &mut self,
            conv: i64,
            how: AutoAssign,
            team: &[String],
            actor: &str,
            now: DateTime<Utc>,
        ) -> Result<Option<String>> {
            let conv = self.current_id(conv)?;
            let policy = self.policy.clone();
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let chosen = match how {
                AutoAssign::LeastLoaded => {
                    let mut loads = Vec::new();
                    for member in team {
                        let n: i64 = tx.query_row(
                            "SELECT count(*) FROM conversations WHERE assignee = ?1 AND status != 'resolved'",
                            [member],
                            |r| r.get(0),
                        )?;
                        loads.push((member.clone(), n));
                    }
                    least_loaded(team, &loads)
                }
                AutoAssign::RoundRobin => next_in_round(&tx, how.rule(), team)?,
            };
            let Some(chosen) = chosen else {
                return Ok(None);
            };
            apply_in(
                &tx,
                policy.as_ref(),
                conv,
                Change::Assign(Some(chosen.clone())),
                actor,
                now,
            )?;
            tx.commit()?;
            Ok(Some(chosen))
        }

        pub fn assign_in_turn(
            &mut self,
            conv: i64,
            round: &str,
            team: &[String],
            actor: &str,
            now: DateTime<Utc>,
        ) -> Result<Option<String>> {
            let conv = self.current_id(conv)?;
            let policy = self.policy.clone();
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let Some(chosen) = next_in_round(&tx, round, team)? else {
                return Ok(None);
            };
            apply_in(
                &tx,
                policy.as_ref(),
                conv,
                Change::Assign(Some(chosen.clone())),
                actor,
                now,
            )?;
            tx.commit()?;
            Ok(Some(chosen))
        }

        pub fn notices_since(&self, after: i64, limit: usize) -> Result<Vec<Notice>> {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, conv_id, actor, kind FROM events WHERE id > ?1 ORDER BY id LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![after, limit as i64], |r| {
                Ok(Notice {
                    event: r.get(0)?,
                    conversation: r.get(1)?,
                    actor: r.get(2)?,
                    kind: r.get(3)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        }

        pub fn last_event(&self) -> Result<i64> {
            Ok(self
                .conn
                .query_row("SELECT COALESCE(MAX(id), 0) FROM events", [], |r| r.get(0))?)
        }
    }
}

/// The view "next" takes from: unassigned, waiting for us (new or open)
/// unless the view names its statuses.
pub(crate) fn next_filter(filter: &crate::store::QueueFilter) -> crate::store::QueueFilter {
    let mut filter = filter.clone();
    filter.assignee = Some(None);
    filter.pin_escalated = false;
    filter.limit = 0;
    filter.offset = 0;
    if filter.statuses.is_empty() && filter.status.is_none() {
        filter.statuses = vec![crate::model::Status::New, crate::model::Status::Open];
    }
    filter
}
