//! `palabre crisis replay TIMELINE.csv`: replays a crisis's timestamps mixed
//! into normal background traffic (with the sample data's rhythm) and
//! prints when the detector alerts.

use super::{CmdResult, Failure, print_json};
use crate::triage::crisis::Sensitivity;
use chrono::{DateTime, Duration, Utc};
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

pub fn replay(path: &str, sensitivity: Sensitivity, seed: u64, json_out: bool) -> CmdResult {
    let timeline = read_timeline(path)?;
    let onset = timeline[0];
    let crate::inbox::crisis::Replay { stream, alerts } =
        crate::inbox::crisis::replay(&timeline, sensitivity, seed);
    let before = alerts.iter().filter(|a| a.at < onset).count();
    let first_after = alerts.iter().find(|a| a.at >= onset);
    if json_out {
        return print_json(&json!({
            "onset": onset,
            "timeline_mentions": timeline.len(),
            "background_mentions": stream - timeline.len(),
            "alerts": alerts,
            "alerts_before_onset": before,
            "first_alert_delay_seconds": first_after.map(|a| (a.at - onset).num_seconds()),
        }));
    }
    println!(
        "{} mentions from {path} (onset {}), mixed into {} background mentions over the 14 days before",
        timeline.len(),
        onset.format("%Y-%m-%d %H:%M:%S UTC"),
        stream - timeline.len()
    );
    for a in &alerts {
        let delay = a.at - onset;
        let when = if delay < Duration::zero() {
            format!("{} before the onset", crate::i18n::EN.age(a.at, onset))
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
