//! `palabre crisis replay` and `scan`, and the crisis detector on import.

use crate::support::Sandbox;
use std::path::Path;

/// The real Lac-Mégantic curve from ../shared/data (present in development
/// and CI): an alert within 30 minutes of the onset and none before.
#[test]
fn crisis_replay_alerts_on_the_lac_megantic_onset_and_not_before() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/crisis/2013_Lac_Megantic_train_crash-tweetids_entire_period.csv");
    if !path.exists() {
        eprintln!("skipped: {} is not here", path.display());
        return;
    }
    let s = Sandbox::new();
    let out = s.json(&["crisis", "replay", path.to_str().unwrap(), "--json"]);
    assert_eq!(out["alerts_before_onset"], 0, "{out}");
    let delay = out["first_alert_delay_seconds"].as_i64().unwrap();
    assert!((0..=1800).contains(&delay), "{delay}");
}

#[test]
fn crisis_replay_reports_a_bad_timeline_with_file_and_line() {
    let s = Sandbox::new();
    s.write("t.csv", "Timestamp\n2026-11-07T13:00:00Z\nnot a time\n");
    let out = s.run(&["crisis", "replay", "t.csv"]).fails_with(2);
    assert!(out.stderr.contains("t.csv:3: timestamp:"), "{}", out.stderr);
}

#[test]
fn the_crisis_detector_flags_the_samples_burst_and_respects_a_dismissal() {
    let s = Sandbox::new();
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/conversations.jsonl"),
    )
    .unwrap();
    s.write("sample.jsonl", &sample);
    let out = s.run(&["import", "sample.jsonl"]).ok();
    assert!(out.stderr.contains("crisis detector:"), "{}", out.stderr);
    let flagged = s.json(&["list", "--crisis", "potential", "--limit", "0", "--json"]);
    let flagged = flagged.as_array().unwrap();
    assert!(flagged.len() >= 5, "{}", flagged.len());
    let conv = flagged[0]["id"].as_i64().unwrap().to_string();
    let history = s.json(&["history", &conv, "--json"]);
    let flag = history
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "crisis_flag")
        .unwrap();
    assert_eq!(flag["payload"]["rule"], "crisis-detector");
    assert!(
        flag["payload"]["reason"]
            .as_str()
            .unwrap()
            .contains("usual at this hour")
    );
    // A person dismisses it; the next scan leaves it alone.
    s.run(&["flag", &conv, "none", "--reason", "not about us"])
        .ok();
    s.run(&["crisis", "scan"]).ok();
    assert_eq!(s.json(&["show", &conv, "--json"])["crisis_level"], "none");
}
