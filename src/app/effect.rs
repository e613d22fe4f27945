//! What `update` asks for, of two kinds: reads and writes against the store,
//! carried out by `App`, and what only the runtime can do (the terminal, the
//! editor, work off the UI thread). Each kind is matched in one place:
//! `App::execute` and `runtime::carry_out`.
//!
//! Background work is a `Job`: its result comes back as a `Msg`, so a test
//! runs it with `Job::run_blocking` and feeds the message back.

use super::pane::StatsRange;
use super::update::Msg;
use crate::inbox::Store;
use crate::store::{Change, QueueFilter};
use chrono::{DateTime, Utc};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub enum Effect {
    Store(StoreEffect),
    Terminal(TerminalEffect),
}

/// Reads and writes against the store; each may answer with a message.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreEffect {
    LoadQueue {
        filter: QueueFilter,
        offset: usize,
        keep: Option<i64>,
    },
    LoadThread(i64),
    LoadCrisis,
    LoadStats(StatsRange),
    Apply {
        targets: Vec<i64>,
        change: Change,
    },
    SaveDraft {
        conversation: i64,
        text: String,
    },
    /// Assign the highest conversation of the view nobody has to the user.
    TakeNext {
        filter: QueueFilter,
    },
    /// Assign to a member of the team chosen by a rule.
    AssignAuto {
        targets: Vec<i64>,
        how: crate::store::AutoAssign,
    },
    /// Put back what the last change changed.
    Undo(super::state::Undo),
    /// Record what the hooks did in the conversation's history.
    RecordHooks {
        conversation: i64,
        escalation: i64,
        outcomes: Vec<crate::hooks::HookOutcome>,
    },
    /// Keep a report computed in the background, and show it if the stats
    /// view is waiting for it.
    KeepStats(Box<StatsReady>),
}

/// What the runtime carries out: the terminal and what lies beyond it.
#[derive(Debug, Clone)]
pub enum TerminalEffect {
    /// Hand the terminal to `$VISUAL`/`$EDITOR` with the reply's text.
    OpenEditor {
        conversation: i64,
        text: String,
    },
    SetTheme(String),
    /// Work off the UI thread; its result comes back as a message.
    Background(Job),
    Quit,
}

/// Work that must not hold the UI thread.
#[derive(Debug, Clone)]
pub enum Job {
    /// The stats view's report, computed ahead so that `S` opens at once.
    Stats(StatsJob),
    /// Waiting conversations climb as their targets pass: their priorities
    /// are recomputed on another connection, whose commit the store poll
    /// then notices like any other process's.
    Priorities(PrioritiesJob),
    /// An escalation's commands and webhooks.
    Hooks(HooksJob),
}

/// What a remembered report is good for: the data's generation, the range
/// and the days it covered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StatsKey {
    pub generation: u64,
    pub range: StatsRange,
    pub period: crate::analytics::Period,
}

#[derive(Debug, Clone)]
pub struct StatsJob {
    pub key: StatsKey,
    pub anchored: bool,
    pub db: PathBuf,
    pub sla: crate::config::SlaSection,
    pub now: DateTime<Utc>,
}

/// A report computed in the background; none if it could not be.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsReady {
    pub key: StatsKey,
    pub anchored: bool,
    pub report: Option<Box<crate::analytics::Report>>,
}

#[derive(Debug, Clone)]
pub struct PrioritiesJob {
    pub db: PathBuf,
    pub sla: crate::config::SlaSection,
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct HooksJob {
    pub hooks: Arc<crate::hooks::Hooks>,
    pub conversation: i64,
    pub escalation: i64,
    pub payload: serde_json::Value,
}

impl Job {
    /// Whether quitting waits a moment for it: a hook's outcome is recorded
    /// in the history, a report or a refresh can be done again next time.
    pub fn must_finish(&self) -> bool {
        match self {
            Job::Hooks(_) => true,
            Job::Stats(_) | Job::Priorities(_) => false,
        }
    }

    /// Runs it to the end on this thread (tests; the runtime uses `run`).
    pub fn run_blocking(self) -> Msg {
        match self {
            Job::Stats(job) => Msg::StatsReady(Box::new(job.run())),
            Job::Priorities(job) => Msg::PrioritiesRefreshed(job.run()),
            Job::Hooks(job) => {
                let outcomes = crate::hooks::run_blocking(&job.hooks, &job.payload)
                    .unwrap_or_else(|e| vec![not_run(&e.to_string())]);
                job.done(outcomes)
            }
        }
    }

    /// Runs it on the async runtime: hooks as a task (they time out and
    /// retry with tokio), the rest on a thread of its own that nobody
    /// waits for at exit.
    pub async fn run(self) -> Msg {
        match self {
            Job::Hooks(job) => {
                let outcomes = job.hooks.run(&job.payload).await;
                job.done(outcomes)
            }
            blocking @ (Job::Stats(_) | Job::Priorities(_)) => {
                let lost = blocking.lost();
                let (tx, rx) = tokio::sync::oneshot::channel();
                std::thread::spawn(move || {
                    let _ = tx.send(blocking.run_blocking());
                });
                rx.await.unwrap_or(lost)
            }
        }
    }

    /// The message for a job whose thread died before answering.
    fn lost(&self) -> Msg {
        match self {
            Job::Stats(job) => Msg::StatsReady(Box::new(StatsReady {
                key: job.key,
                anchored: job.anchored,
                report: None,
            })),
            Job::Priorities(_) => {
                Msg::PrioritiesRefreshed(Err("the refresh stopped before the end".into()))
            }
            Job::Hooks(job) => job.clone().done(vec![not_run("the hooks stopped")]),
        }
    }
}

impl StatsJob {
    fn run(self) -> StatsReady {
        let report = (|| {
            let mut store = Store::open(&self.db).ok()?;
            // Nobody waits for it: not worth the resident memory.
            store.set_mapped_reads(false);
            let period = self.key.period;
            let facts = store
                .analytics_facts(period.from, period.to, self.now)
                .ok()?;
            Some(Box::new(crate::analytics::compute(
                &facts, period, &self.sla, self.now,
            )))
        })();
        StatsReady {
            key: self.key,
            anchored: self.anchored,
            report,
        }
    }
}

impl PrioritiesJob {
    /// How many conversations were looked at.
    fn run(self) -> Result<usize, String> {
        let mut store = Store::open(&self.db).map_err(|e| e.to_string())?;
        store.set_sla(self.sla);
        store.refresh_priorities(self.now, usize::MAX).map_err(|e| {
            tracing::warn!("priorities not refreshed: {e}");
            e.to_string()
        })
    }
}

impl HooksJob {
    fn done(self, outcomes: Vec<crate::hooks::HookOutcome>) -> Msg {
        Msg::HooksDone {
            conversation: self.conversation,
            escalation: self.escalation,
            outcomes,
        }
    }
}

/// An outcome saying the hooks could not run at all.
fn not_run(why: &str) -> crate::hooks::HookOutcome {
    crate::hooks::HookOutcome {
        hook: crate::hooks::HookKind::Command,
        target: String::new(),
        ok: false,
        attempts: 0,
        status: None,
        error: Some(format!("not run: {why}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runtime's way: on a thread of its own, the answer awaited.
    #[test]
    fn a_blocking_job_run_on_the_async_runtime_answers_with_its_message() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        Store::open(&db).unwrap();
        let now = chrono::Utc::now();
        let job = Job::Stats(StatsJob {
            key: StatsKey {
                generation: 7,
                range: StatsRange::Week,
                period: crate::analytics::last_days(7, now, chrono_tz::UTC),
            },
            anchored: false,
            db,
            sla: Default::default(),
            now,
        });
        assert!(!job.must_finish());
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        match rt.block_on(job.run()) {
            Msg::StatsReady(ready) => {
                assert_eq!(ready.key.generation, 7);
                assert_eq!(ready.report.map(|r| r.days.len()), Some(7));
            }
            other => panic!("{other:?}"),
        }
    }
}
