//! The crisis scan: after new messages arrive (by import or sync), the
//! detector runs over the store's recent negative mentions and flags the
//! conversations of each alert's window as `potential`, and a report of
//! danger or harm from a large or verified account as `watch` by itself,
//! unless a person dismissed them.

use super::Store;
use crate::model::CrisisLevel;
use crate::store::{Database, Result};
use crate::triage::crisis::{
    Alert, Detector, Mention, Sensitivity, Settings, background, danger_words,
};
use chrono::{DateTime, Datelike, Duration, Timelike, Utc};

/// Who the detector's flags are recorded as.
pub const DETECTOR: &str = crate::model::DETECTOR_ACTOR;

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
    let mut flag = |store: &mut Store<D>,
                    conv: i64,
                    level: CrisisLevel,
                    (reason, alert): &(String, Option<crate::model::DetectorAlert>)|
     -> Result<()> {
        let below = store
            .summaries(&[conv])?
            .first()
            .is_some_and(|s| s.crisis_level < level);
        let now = store.now();
        if below
            && !store.crisis_dismissed(conv)?
            && !store
                .apply_at(
                    conv,
                    crate::store::Change::DetectorFlag {
                        level,
                        reason: reason.clone(),
                        alert: alert.clone(),
                    },
                    actor,
                    now,
                )?
                .is_empty()
        {
            flagged += 1;
        }
        Ok(())
    };
    let mut last_reason = (String::new(), None);
    for m in &mentions {
        while recent.front().is_some_and(|(t, _)| m.at - *t > window) {
            recent.pop_front();
        }
        // A heated thread is not a crisis: each conversation counts once
        // per window.
        let repeat = recent.iter().any(|(_, c)| *c == m.conv_id);
        recent.push_back((m.at, m.conv_id));
        if episode_until.is_some_and(|until| m.at <= until) {
            flag(store, m.conv_id, CrisisLevel::Potential, &last_reason)?;
        }
        let mention = Mention {
            at: m.at,
            followers: m.followers,
            verified: m.verified,
            danger: danger_words(&m.text),
        };
        if mention.watch_alone() {
            let reason = format!(
                "crisis detector: a report of danger or harm ({}) from {}",
                mention.danger.join(", "),
                if m.verified {
                    format!("a verified account with {} followers", m.followers)
                } else {
                    format!("an account with {} followers", m.followers)
                }
            );
            flag(store, m.conv_id, CrisisLevel::Watch, &(reason, None))?;
        }
        if repeat {
            continue;
        }
        let Some(alert) = detector.push(&mention) else {
            continue;
        };
        last_reason = (
            format!(
                "crisis detector, score {}: {}",
                alert.score, alert.explanation
            ),
            Some(crate::model::DetectorAlert {
                score: alert.score,
                weight: alert.window_weight,
                mentions: alert.mentions as u64,
                window_minutes: alert.window_minutes,
                expected: alert.expected,
                surprise: alert.surprise,
                danger: alert.danger.clone(),
            }),
        );
        episode_until = Some(alert.at + cooldown);
        let mut convs: Vec<i64> = recent.iter().map(|(_, c)| *c).collect();
        convs.sort_unstable();
        convs.dedup();
        for conv in convs {
            flag(store, conv, CrisisLevel::Potential, &last_reason)?;
        }
    }
    Ok(flagged)
}

/// Inbound messages per hour of the week in the bundled sample, each hour of
/// the day taken as the median over days of the same kind (weekday or
/// weekend), so that the sample's own crisis day does not count as normal.
fn sample_rhythm() -> [f64; 168] {
    let times: Vec<DateTime<Utc>> = super::sample::SAMPLE
        .lines()
        .filter_map(|l| crate::ingest::parse_line(l, 0).ok())
        .filter(|m| m.direction == crate::model::Direction::Inbound)
        .map(|m| m.created_at)
        .collect();
    let (Some(first), Some(last)) = (times.iter().min(), times.iter().max()) else {
        return [0.0; 168];
    };
    let days = (*last - *first).num_days() + 1;
    // counts[day][hour]
    let mut counts = vec![[0u32; 24]; days as usize];
    for t in &times {
        let d = (*t - *first).num_days() as usize;
        if let Some(row) = counts.get_mut(d) {
            row[t.hour() as usize] += 1;
        }
    }
    let weekend = |d: usize| {
        let day = *first + Duration::days(d as i64);
        day.weekday().num_days_from_monday() >= 5
    };
    let median = |mut v: Vec<u32>| -> f64 {
        if v.is_empty() {
            return 0.0;
        }
        v.sort_unstable();
        let n = v.len();
        if n % 2 == 1 {
            v[n / 2] as f64
        } else {
            (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0
        }
    };
    let mut rhythm = [0.0; 168];
    for (slot, r) in rhythm.iter_mut().enumerate() {
        let (dow, hour) = (slot / 24, slot % 24);
        let same_kind = (0..counts.len()).filter(|d| weekend(*d) == (dow >= 5));
        // At least a trickle: quiet hours still see the odd message.
        *r = median(same_kind.map(|d| counts[d][hour]).collect()).max(0.2);
    }
    rhythm
}

/// What the detector made of a crisis's timeline mixed into two weeks of
/// ordinary traffic.
pub struct Replay {
    /// Mentions in the replayed stream, the timeline's included.
    pub stream: usize,
    pub alerts: Vec<Alert>,
}

/// Replays `timeline` (sorted, not empty) mixed into background traffic with
/// the sample data's rhythm over the 14 days before it.
pub fn replay(timeline: &[DateTime<Utc>], sensitivity: Sensitivity, seed: u64) -> Replay {
    let Some((&onset, &last)) = timeline.first().zip(timeline.last()) else {
        return Replay {
            stream: 0,
            alerts: Vec::new(),
        };
    };
    let end = last + Duration::hours(1);
    let start = onset - Duration::days(14);
    let mut stream = background(&sample_rhythm(), start, end, seed);
    stream.extend(timeline.iter().map(|t| Mention::plain(*t)));
    stream.sort_by_key(|m| m.at);
    let mut detector = Detector::new(Settings {
        sensitivity,
        ..Default::default()
    });
    let alerts = stream.iter().filter_map(|m| detector.push(m)).collect();
    Replay {
        stream: stream.len(),
        alerts,
    }
}
