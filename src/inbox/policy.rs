//! The triage's judgement as the store asks for it (`store::Policy`):
//! priority and its reasons, waiting counted in business hours against each
//! channel's first-response target, and what people's changes teach.

use crate::analytics::hours::BusinessHours;
use crate::config::SlaSection;
use crate::model::{Channel, Overdue, PriorityInputs, Status};
use crate::store::{Classroom, Lesson, Policy, Result};
use chrono::{DateTime, Utc};

pub struct Triage {
    sla: SlaSection,
    hours: BusinessHours,
    /// The criticism categories the models learn (the built-in rules').
    categories: Vec<String>,
}

impl Triage {
    pub fn new(sla: SlaSection) -> Triage {
        let hours = BusinessHours::from_config(&sla);
        let categories = crate::triage::categories::Rules::default()
            .names()
            .map(str::to_string)
            .collect();
        Triage {
            sla,
            hours,
            categories,
        }
    }

    pub fn sla(&self) -> &SlaSection {
        &self.sla
    }
}

impl Default for Triage {
    fn default() -> Triage {
        Triage::new(SlaSection::default())
    }
}

impl Policy for Triage {
    fn priority(&self, inputs: &PriorityInputs) -> i64 {
        crate::triage::priority(inputs)
    }

    fn reasons(&self, inputs: &PriorityInputs) -> Vec<crate::model::Reason> {
        crate::triage::reasons(inputs)
    }

    fn overdue(
        &self,
        channel: Channel,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
        exact: bool,
    ) -> Overdue {
        let target_secs = i64::from(self.sla.target_minutes(channel)) * 60;
        // The ordering only needs the waiting up to the last step.
        let cap = if exact { i64::MAX } else { target_secs * 4 };
        Overdue {
            waited_secs: self.hours.between_at_most(since, now, cap),
            target_secs,
        }
    }

    fn next_step(
        &self,
        i: &PriorityInputs,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        // The signals of the messages fade as the conversation goes quiet.
        let fades = crate::triage::Freshness::next_step_in(i.quiet_secs)
            .map(|secs| now + chrono::Duration::seconds(secs));
        let waits = i
            .overdue
            .filter(|_| i.unanswered && i.status != Status::Resolved)
            .and_then(|o| {
                let ratio = o.waited_secs as f64 / o.target_secs.max(1) as f64;
                Overdue::STEPS
                    .iter()
                    .find(|step| **step > ratio)
                    .map(|step| {
                        self.hours
                            .add(since, (o.target_secs as f64 * step).ceil() as i64)
                            .max(now)
                    })
            });
        match (fades, waits) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn is_category(&self, tag: &str) -> bool {
        self.categories.iter().any(|c| c == tag)
    }

    fn teach(&self, lessons: &[Lesson], room: &mut dyn Classroom) -> Result<()> {
        super::learning::teach(room, lessons)
    }
}
