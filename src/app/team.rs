//! The team inside the TUI: this session's presence (written when it
//! changes and as a heartbeat), the others' (read every few seconds, and at
//! once when the server says someone moved), and the changes other
//! processes announce (`Notice`), which reload what is on screen.

use super::App;
use super::effect::TerminalEffect;
use super::state::Overlay;
use super::update::Msg;
use crate::store::{Activity, AutoAssign, Notice, Presence, PresenceState};
use chrono::{DateTime, Utc};
use std::time::{Duration, Instant};

/// Nobody at the keys for this long: away.
pub const AWAY_AFTER: Duration = Duration::from_secs(5 * 60);
/// A presence unchanged is said again this often (others drop a session
/// not heard of for `store::team::PRESENCE_TIMEOUT`).
const HEARTBEAT: Duration = Duration::from_secs(15);
/// The others' presence is read this often (and at once when the server
/// announces a change; the embedded store has no announcements).
const READ_TEAM: Duration = Duration::from_secs(2);

/// What others see of a session: its state, conversation and activity.
type Said = (PresenceState, Option<i64>, Activity);

/// What this session last said, and when.
#[derive(Default)]
pub(super) struct Here {
    pub session: String,
    pub last_input: Option<Instant>,
    written: Option<(Said, Instant)>,
    read: Option<Instant>,
}

/// One name per running Palabre: the person, the machine, the process.
pub fn session_name(user: &str) -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname writes a
    // NUL-terminated name into it (or fails, and we use "localhost").
    let host = if unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0 {
        let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
        String::from_utf8_lossy(&buf[..end]).into_owned()
    } else {
        "localhost".to_string()
    };
    format!("{user}@{host}:{}", std::process::id())
}

impl App {
    /// A key was pressed: the person is at the keys.
    pub fn note_input(&mut self) {
        self.here.last_input = Some(Instant::now());
    }

    /// What this session shows the others now.
    fn presence_now(&self, now: DateTime<Utc>) -> Presence {
        let state = if self
            .here
            .last_input
            .is_some_and(|t| t.elapsed() >= AWAY_AFTER)
        {
            PresenceState::Away
        } else {
            PresenceState::Online
        };
        let (conversation, activity) = match (&self.state.overlay, &self.state.thread) {
            (Overlay::Reply(reply), _) => (Some(reply.conversation), Activity::Replying),
            (_, Some(thread)) => (Some(thread.summary.id), Activity::Viewing),
            _ => (None, Activity::Idle),
        };
        Presence {
            session: self.here.session.clone(),
            who: self.state.user.clone(),
            state,
            conversation,
            activity,
            seen_at: now,
        }
    }

    /// Says where this session is when that changed (or as a heartbeat),
    /// and reads the others' every few seconds. Called on every tick.
    pub fn presence_tick(&mut self, now: DateTime<Utc>) -> Vec<TerminalEffect> {
        if self.here.session.is_empty() {
            return Vec::new();
        }
        let me = self.presence_now(now);
        let key = (me.state, me.conversation, me.activity);
        let due = match &self.here.written {
            Some((said, at)) => *said != key || at.elapsed() >= HEARTBEAT,
            None => true,
        };
        // A store that cannot be written (read-only, gone) only loses
        // presence: the inbox goes on.
        if due && self.store.set_presence(&me).is_ok() {
            self.here.written = Some((key, Instant::now()));
        }
        if self.here.read.is_none_or(|t| t.elapsed() >= READ_TEAM) {
            return self.read_team(now);
        }
        Vec::new()
    }

    fn read_team(&mut self, now: DateTime<Utc>) -> Vec<TerminalEffect> {
        self.here.read = Some(Instant::now());
        match self.store.presence(now) {
            Ok(all) => {
                let others = all
                    .into_iter()
                    .filter(|p| p.session != self.here.session)
                    .collect();
                self.handle(Msg::Team(others))
            }
            Err(_) => Vec::new(),
        }
    }

    /// Another process changed something (LISTEN/NOTIFY): reload what is
    /// on screen now rather than at the next poll.
    pub fn remote(&mut self, notice: Notice) -> Vec<TerminalEffect> {
        if notice.kind == "presence" {
            return self.read_team(chrono::Utc::now());
        }
        let mut out = self.poll_store();
        if notice.kind == "resync" {
            out.extend(self.read_team(chrono::Utc::now()));
        }
        out
    }

    /// This session is leaving: the others see it go at once.
    pub fn leave(&mut self) {
        if !self.here.session.is_empty() {
            let _ = self.store.leave(&self.here.session);
        }
    }

    /// Assigns each target by `how` over the team; says to whom.
    pub(super) fn assign_auto(&mut self, targets: &[i64], how: AutoAssign) -> Msg {
        self.cache = None;
        self.generation += 1;
        let now = self.fixed_clock.unwrap_or_else(chrono::Utc::now);
        let team = if self.team_members.is_empty() {
            let mut here: Vec<String> = self.state.team.iter().map(|p| p.who.clone()).collect();
            here.push(self.state.user.clone());
            here.sort();
            here.dedup();
            here
        } else {
            self.team_members.clone()
        };
        let mut chosen = Vec::new();
        for id in targets {
            match self
                .store
                .assign_auto(*id, how, &team, &self.state.user, now)
            {
                Ok(Some(who)) => chosen.push(format!("#{id} → {who}")),
                Ok(None) => {}
                Err(e) => return Msg::Done(Err(e.to_string())),
            }
        }
        Msg::Applied {
            result: Ok(format!("{} ({})", chosen.join(", "), how.rule())),
            bulk: targets.len() > 1,
            undo: None,
        }
    }

    /// Starts saying where this session is (the TUI does; tests may not).
    pub fn join(&mut self, session: String) {
        self.here.session = session;
        self.here.last_input = Some(Instant::now());
    }
}
