//! `palabre crisis replay TIMELINE.csv`: replays a crisis's timestamps mixed
//! into normal background traffic (with the sample data's rhythm) and
//! prints when the detector alerts.

use super::{CmdResult, Failure, print_json};
use crate::triage::crisis::{Detector, Mention, Sensitivity, Settings, background};
use chrono::{DateTime, Datelike, Duration, Timelike, Utc};
use serde_json::json;

/// Reads the first column of each row as a time: RFC 3339, or Twitter's
/// `Sat Jul 06 07:17:37 +0000 2013`. A header row is skipped.
pub fn read_timeline(path: &str) -> Result<Vec<DateTime<Utc>>, Failure> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| Failure::input(format!("{path}: {e}")))?;
    let mut times = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| Failure::input(format!("{path}:{}: {e}", i + 1)))?;
        let Some(cell) = record.get(0) else { continue };
        let parsed = DateTime::parse_from_rfc3339(cell)
            .or_else(|_| DateTime::parse_from_str(cell, "%a %b %d %H:%M:%S %z %Y"))
            .map(|t| t.with_timezone(&Utc));
        match parsed {
            Ok(t) => times.push(t),
            Err(_) if i == 0 => {} // a header
            Err(_) => {
                return Err(Failure::input(format!(
                    "{path}:{}: timestamp: `{cell}` is neither RFC 3339 nor like `Sat Jul 06 07:17:37 +0000 2013`",
                    i + 1
                )));
            }
        }
    }
    times.sort();
    if times.is_empty() {
        return Err(Failure::input(format!("{path}: no timestamps")));
    }
    Ok(times)
}

/// Inbound messages per hour of the week in the bundled sample, each hour of
/// the day taken as the median over days of the same kind (weekday or
/// weekend), so that the sample's own crisis day does not count as normal.
pub fn sample_rhythm() -> [f64; 168] {
    let times: Vec<DateTime<Utc>> = super::demo::SAMPLE
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

pub fn replay(path: &str, sensitivity: Sensitivity, seed: u64, json_out: bool) -> CmdResult {
    let timeline = read_timeline(path)?;
    let onset = timeline[0];
    let end = *timeline.last().unwrap_or(&onset) + Duration::hours(1);
    let start = onset - Duration::days(14);
    let mut stream = background(&sample_rhythm(), start, end, seed);
    stream.extend(timeline.iter().map(|t| Mention::plain(*t)));
    stream.sort_by_key(|m| m.at);
    let mut detector = Detector::new(Settings {
        sensitivity,
        ..Default::default()
    });
    let alerts: Vec<_> = stream.iter().filter_map(|m| detector.push(m)).collect();
    let before = alerts.iter().filter(|a| a.at < onset).count();
    let first_after = alerts.iter().find(|a| a.at >= onset);
    if json_out {
        return print_json(&json!({
            "onset": onset,
            "timeline_mentions": timeline.len(),
            "background_mentions": stream.len() - timeline.len(),
            "alerts": alerts,
            "alerts_before_onset": before,
            "first_alert_delay_seconds": first_after.map(|a| (a.at - onset).num_seconds()),
        }));
    }
    println!(
        "{} mentions from {path} (onset {}), mixed into {} background mentions over the 14 days before",
        timeline.len(),
        onset.format("%Y-%m-%d %H:%M:%S UTC"),
        stream.len() - timeline.len()
    );
    for a in &alerts {
        let delay = a.at - onset;
        let when = if delay < Duration::zero() {
            format!("{} before the onset", crate::text::age(a.at, onset))
        } else {
            format!("{} min after the onset", delay.num_minutes())
        };
        println!(
            "ALERT {} ({when}) score {}: {}",
            a.at.format("%Y-%m-%d %H:%M:%S"),
            a.score,
            a.explanation
        );
    }
    println!(
        "{} alert(s) before the onset; first alert {}",
        before,
        match first_after {
            Some(a) => format!("{} min after the onset", (a.at - onset).num_minutes()),
            None => "never".into(),
        }
    );
    Ok(())
}
