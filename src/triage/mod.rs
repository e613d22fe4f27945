//! Scoring: sentiment, complaints, hostility and the queue's priority.
//! Pure and deterministic: no store, no clock.

pub mod categories;
pub mod classify;
pub mod crisis;
pub mod eval;
pub mod learn;
pub mod lexicon;
pub mod sentiment;

use crate::model::{CrisisLevel, Reason, Status};

/// Lower-case words of a message: letters and digits, with inner
/// apostrophes and hyphens ("l'appli", "rip-off"); punctuation and `#`/`@`
/// marks dropped.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
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
    let overdue = match i.overdue {
        Some(o) if i.unanswered && open => o.points(),
        _ => 0,
    };
    crisis + status + waiting + reach + activity + tone + complaint + overdue + i.boost
}

/// Why a conversation ranks where it does, strongest reason first (the
/// interface says them in its language: `i18n::words`).
pub fn reasons(i: &PriorityInputs) -> Vec<Reason> {
    let mut out = Vec::new();
    if i.crisis != CrisisLevel::None {
        out.push(Reason::Crisis(i.crisis));
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
            overdue: None,
            boost: 0,
        }
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
