//! `palabre bench-gen`.

use crate::support::Sandbox;
use serde_json::json;

#[test]
fn bench_gen_is_deterministic_and_imports_cleanly() {
    let s = Sandbox::new();
    let first = s.bare(&["bench-gen", "300"]).ok().stdout;
    let second = s.bare(&["bench-gen", "300"]).ok().stdout;
    assert_eq!(first, second);
    assert_eq!(first.lines().count(), 300);
    s.bare(&["bench-gen", "300", "--output", "gen.jsonl"]).ok();
    assert_eq!(
        std::fs::read_to_string(s.root().join("gen.jsonl")).unwrap(),
        first
    );
    let other_seed = s.bare(&["bench-gen", "300", "--seed", "2"]).ok().stdout;
    assert_ne!(other_seed, first);

    let report = s.json(&["import", "gen.jsonl", "--json"]);
    assert_eq!(
        report,
        json!({"new": 300, "updated": 0, "unchanged": 0, "skipped": 0})
    );
    let again = s.json(&["import", "gen.jsonl", "--json"]);
    assert_eq!(
        again,
        json!({"new": 0, "updated": 0, "unchanged": 300, "skipped": 0})
    );
    let info = s.json(&["info", "--json"]);
    assert_eq!(info["messages"], 300);
    let per_channel: u64 = info["channels"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(per_channel, 300);
    let conversations = info["conversations"].as_u64().unwrap();
    assert!(conversations > 1 && conversations < 300, "{info}");
    // Every conversation is listed and the counts add up.
    let queue = s.json(&["list", "--json", "--limit", "0"]);
    let queue = queue.as_array().unwrap();
    assert_eq!(queue.len() as u64, conversations);
    let total: u64 = queue
        .iter()
        .map(|c| c["message_count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 300);
}
