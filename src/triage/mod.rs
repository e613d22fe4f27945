//! Scoring: sentiment, complaints, hostility and the queue's priority.
//! Pure and deterministic: no store, no clock.

pub mod categories;
pub mod classify;
pub mod crisis;
pub mod danger;
pub mod eval;
pub mod learn;
pub mod lexicon;
pub mod sentiment;
pub mod shipped;
pub mod transformer;

use crate::model::{CrisisLevel, Reason, Status};

/// Lower-case words of a message: letters and digits, with inner
/// apostrophes and hyphens ("l'appli", "rip-off"); punctuation and `#`/`@`
/// marks dropped.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
}

pub use crate::model::{Overdue, PriorityInputs};

impl Overdue {
    /// Waiting ÷ target at which the points change.
    pub const STEPS: [f64; 4] = [0.5, 1.0, 2.0, 4.0];

    /// Points for waiting: a few while within the target, more the further
    /// past it. In steps, so that a queue reordered as time passes moves
    /// only the conversations that crossed one.
    pub fn points(self) -> i64 {
        let ratio = self.waited_secs as f64 / self.target_secs.max(1) as f64;
        match ratio {
            r if r < 0.5 => 0,
            r if r < 1.0 => 15,
            r if r < 2.0 => 40,
            r if r < 4.0 => 60,
            _ => 80,
        }
    }
}

pub use crate::model::unanswered;

/// How much of what a conversation's messages say still counts, by how
/// long it has been quiet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Freshness(f64);

impl Freshness {
    /// Quiet seconds at which the weight steps down, and the weights.
    pub const STEPS: [(i64, f64); 3] = [(3 * 86_400, 0.6), (7 * 86_400, 0.4), (30 * 86_400, 0.25)];

    pub fn of(quiet_secs: Option<i64>) -> Freshness {
        let quiet = quiet_secs.unwrap_or(0);
        Freshness(
            Self::STEPS
                .iter()
                .rev()
                .find(|(at, _)| quiet >= *at)
                .map_or(1.0, |(_, w)| *w),
        )
    }

    fn scale(self, points: i64) -> i64 {
        (points as f64 * self.0).round() as i64
    }

    /// Seconds from now until the weight next steps down, if it will.
    pub fn next_step_in(quiet_secs: Option<i64>) -> Option<i64> {
        let quiet = quiet_secs?;
        Self::STEPS
            .iter()
            .map(|(at, _)| *at)
            .find(|at| *at > quiet)
            .map(|at| at - quiet)
    }
}

/// What a report of danger or harm adds to a conversation's rank.
pub const DANGER_POINTS: i64 = 200;

/// A conversation's rank in the queue: higher first. Crisis outranks
/// everything, then whether someone is waiting for us, then reach.
pub fn priority(i: &PriorityInputs) -> i64 {
    let crisis = match i.crisis {
        CrisisLevel::Crisis => 400,
        CrisisLevel::Potential => 250,
        CrisisLevel::Watch => 100,
        CrisisLevel::None => 0,
    };
    let status = match i.status {
        Status::New => 100,
        Status::Open => 80,
        Status::Waiting => 20,
        Status::Resolved => 0,
    };
    let waiting = if i.unanswered && i.status != Status::Resolved {
        60
    } else {
        0
    };
    // Reach grows by orders of magnitude: 10 points per tenfold, at most 70.
    let reach = ((i.max_followers as f64 + 1.0).log10() * 10.0)
        .round()
        .min(70.0) as i64;
    let activity = (i.inbound_count.min(20) as i64) * 2;
    let open = i.status != Status::Resolved;
    let tone = if i.negative && open { 30 } else { 0 };
    let complaint = if open {
        (i.complaint.clamp(0.0, 1.0) * 40.0).round() as i64
    } else {
        0
    };
    let fresh = Freshness::of(i.quiet_secs);
    let overdue = match i.overdue {
        Some(o) if i.unanswered && open => o.points(),
        _ => 0,
    };
    // A safety report comes before everything but a crisis: more than the
    // most a month of waiting earns.
    let danger = if i.danger && open { DANGER_POINTS } else { 0 };
    // What the messages say (their tone, a complaint, a danger, the
    // detector's flags) is news while fresh and fades in steps as the
    // conversation goes quiet, so that a safety report of this morning
    // outranks last month's; a crisis a person declared does not fade, and
    // waiting (`overdue`) keeps growing.
    let signals = match i.crisis {
        CrisisLevel::Crisis => crisis + fresh.scale(danger + tone + complaint),
        _ => fresh.scale(crisis + danger + tone + complaint),
    };
    signals + status + waiting + reach + activity + overdue + i.boost
}

/// Why a conversation ranks where it does, strongest reason first (the
/// interface says them in its language: `i18n::words`).
pub fn reasons(i: &PriorityInputs) -> Vec<Reason> {
    let mut out = Vec::new();
    if i.crisis != CrisisLevel::None {
        out.push(Reason::Crisis(i.crisis));
    }
    if i.danger {
        out.push(Reason::Danger);
    }
    if i.unanswered && i.status != Status::Resolved {
        out.push(Reason::Waiting(i.overdue));
    }
    if i.complaint >= 0.5 {
        out.push(Reason::Complaint(i.complaint));
    }
    if i.negative {
        out.push(Reason::NegativeTone);
    }
    if i.max_followers >= 10_000 {
        out.push(Reason::Reach(i.max_followers));
    }
    if i.inbound_count >= 5 {
        out.push(Reason::Busy(i.inbound_count));
    }
    if i.boost != 0 {
        out.push(Reason::Boost(i.boost));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> PriorityInputs {
        PriorityInputs {
            status: Status::New,
            crisis: CrisisLevel::None,
            unanswered: true,
            max_followers: 100,
            inbound_count: 1,
            negative: false,
            complaint: 0.0,
            danger: false,
            quiet_secs: None,
            overdue: None,
            boost: 0,
        }
    }

    #[test]
    fn a_fresh_safety_report_outranks_a_month_of_waiting() {
        let month = 30 * 86_400;
        let old_complaint = PriorityInputs {
            crisis: CrisisLevel::Potential,
            max_followers: 5_000_000,
            inbound_count: 20,
            negative: true,
            complaint: 1.0,
            danger: true,
            quiet_secs: Some(month),
            overdue: Some(Overdue {
                waited_secs: month,
                target_secs: 3600,
            }),
            ..base()
        };
        let kettle = PriorityInputs {
            crisis: CrisisLevel::Watch,
            max_followers: 99_000,
            negative: true,
            complaint: 0.9,
            danger: true,
            quiet_secs: Some(60),
            overdue: Some(Overdue {
                waited_secs: 60,
                target_secs: 3600,
            }),
            ..base()
        };
        assert!(priority(&kettle) > priority(&old_complaint));
        // Even unflagged, from a small account, over last month's
        // complaints from large ones.
        let small = PriorityInputs {
            crisis: CrisisLevel::None,
            max_followers: 40,
            ..kettle
        };
        assert!(
            priority(&small)
                > priority(&PriorityInputs {
                    crisis: CrisisLevel::None,
                    danger: false,
                    ..old_complaint
                })
        );
        assert!(
            priority(&small)
                > priority(&PriorityInputs {
                    danger: false,
                    ..small
                }) + 150
        );
        assert_eq!(reasons(&small)[0], Reason::Danger);
        // A crisis a person declared does not fade.
        let declared = |quiet| {
            priority(&PriorityInputs {
                crisis: CrisisLevel::Crisis,
                quiet_secs: Some(quiet),
                ..base()
            })
        };
        assert_eq!(declared(0), declared(month));
        // The signals fade in steps, and say when they next step down.
        assert_eq!(Freshness::next_step_in(Some(86_400)), Some(2 * 86_400));
        assert_eq!(Freshness::next_step_in(Some(40 * 86_400)), None);
        assert!(
            priority(&PriorityInputs {
                quiet_secs: Some(4 * 86_400),
                ..kettle
            }) < priority(&kettle)
        );
    }

    #[test]
    fn crisis_and_waiting_people_rank_first() {
        let calm = priority(&base());
        let crisis = priority(&PriorityInputs {
            crisis: CrisisLevel::Potential,
            ..base()
        });
        let answered = priority(&PriorityInputs {
            unanswered: false,
            ..base()
        });
        let resolved = priority(&PriorityInputs {
            status: Status::Resolved,
            ..base()
        });
        let famous = priority(&PriorityInputs {
            max_followers: 1_000_000,
            ..base()
        });
        assert!(crisis > famous && famous > calm && calm > answered && answered > resolved);
        let complaint = priority(&PriorityInputs {
            complaint: 0.9,
            negative: true,
            ..base()
        });
        assert!(complaint > calm);
        assert!(
            reasons(&PriorityInputs {
                complaint: 0.9,
                negative: true,
                ..base()
            })
            .iter()
            .any(|r| matches!(r, Reason::Complaint(_)))
        );
    }
}
