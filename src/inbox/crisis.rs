//! The crisis scan: after new messages arrive (by import or sync), the
//! detector runs over the store's recent negative mentions and flags the
//! conversations of each alert's window as `potential`, unless a person
//! dismissed them.

use super::Store;
use crate::store::{Database, Result};
use crate::triage::crisis::{Detector, Mention, Settings, danger_words};
use chrono::{DateTime, Duration, Utc};

/// Who the detector's flags are recorded as.
pub const DETECTOR: &str = "palabre (crisis detector)";

/// Runs the crisis detector over the store's recent negative mentions and
/// flags the conversations of each alert's window as `potential` (unless a
/// person dismissed them). Returns the number of conversations flagged.
pub fn scan<D: ?Sized + Database>(store: &mut Store<D>, actor: &str) -> Result<usize> {
    let Some(latest) = store.latest_message_at()? else {
        return Ok(0);
    };
    // Three weeks: two of baseline, one to watch.
    let mentions = store.negative_mentions(latest - Duration::days(21))?;
    let settings = Settings::default();
    let window = settings.window;
    let mut detector = Detector::new(settings);
    let mut recent: std::collections::VecDeque<(DateTime<Utc>, i64)> = Default::default();
    let mut flagged = 0;
    // After an alert, every negative mention until the cool-down ends belongs
    // to the same episode: its conversation is involved too.
    let mut episode_until: Option<DateTime<Utc>> = None;
    let cooldown = Settings::default().cooldown;
    let mut flag = |store: &mut Store<D>, conv: i64, reason: &str| -> Result<()> {
        let calm = store
            .summaries(&[conv])?
            .first()
            .is_some_and(|s| s.crisis_level == crate::model::CrisisLevel::None);
        if calm
            && !store.crisis_dismissed(conv)?
            && !store
                .apply_at(
                    conv,
                    crate::store::Change::DetectorFlag {
                        reason: reason.to_string(),
                    },
                    actor,
                    Utc::now(),
                )?
                .is_empty()
        {
            flagged += 1;
        }
        Ok(())
    };
    let mut last_reason = String::new();
    for m in &mentions {
        while recent.front().is_some_and(|(t, _)| m.at - *t > window) {
            recent.pop_front();
        }
        // A heated thread is not a crisis: each conversation counts once
        // per window.
        let repeat = recent.iter().any(|(_, c)| *c == m.conv_id);
        recent.push_back((m.at, m.conv_id));
        if episode_until.is_some_and(|until| m.at <= until) {
            flag(store, m.conv_id, &last_reason)?;
        }
        if repeat {
            continue;
        }
        let mention = Mention {
            at: m.at,
            followers: m.followers,
            verified: m.verified,
            danger: danger_words(&m.text),
        };
        let Some(alert) = detector.push(&mention) else {
            continue;
        };
        last_reason = format!(
            "crisis detector, score {}: {}",
            alert.score, alert.explanation
        );
        episode_until = Some(alert.at + cooldown);
        let mut convs: Vec<i64> = recent.iter().map(|(_, c)| *c).collect();
        convs.sort_unstable();
        convs.dedup();
        for conv in convs {
            flag(store, conv, &last_reason)?;
        }
    }
    Ok(flagged)
}
