//! `palabre reply`.

use crate::support::{Sandbox, events, five_messages, msg, str_of};
use std::collections::BTreeSet;

#[test]
fn reply_json_queues_the_reply_and_sets_waiting() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("bluesky:b1").to_string();
    let out = s.json(&["reply", &conv, "Hello, we're on it.\nLéa", "--json"]);
    assert_eq!(out["conversation"]["status"], "waiting");
    let evs = events(&out);
    assert_eq!(evs.len(), 2, "{evs:?}");
    assert_eq!(evs[0]["kind"], "reply_queued");
    assert_eq!(evs[0]["payload"]["text"], "Hello, we're on it.\nLéa");
    assert_eq!(evs[1]["kind"], "status");
    assert_eq!(evs[1]["payload"]["from"], "new");
    assert_eq!(evs[1]["payload"]["to"], "waiting");

    // A second reply to the same message is refused (someone may have
    // answered already: here, ourselves), and nothing is recorded…
    let refused = s.run(&["reply", &conv, "follow-up"]).fails_with(3);
    assert!(
        refused.stderr.contains("already replied to this message"),
        "{}",
        refused.stderr
    );
    // …unless asked for. Already waiting: only the reply is recorded, with
    // a key of its own.
    let out = s.json(&["reply", &conv, "follow-up", "--anyway", "--json"]);
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "reply_queued");
    assert_eq!(evs[0]["payload"]["text"], "follow-up");
    let history = s.json(&["history", &conv, "--json"]);
    let keys: BTreeSet<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["payload"].get("idempotency_key").is_some())
        .map(|e| str_of(&e["payload"]["idempotency_key"]))
        .collect();
    assert_eq!(keys.len(), 2, "{history}");
}

#[test]
fn reply_refuses_text_over_the_networks_limit() {
    let s = Sandbox::new();
    s.import("in.jsonl", &[msg("x", "q", None, "hello", 0)]);
    let out = s.run(&["reply", "x:q", &"a".repeat(281)]).fails_with(2);
    assert!(
        out.stderr.contains("too long for x: 281 of 280"),
        "{}",
        out.stderr
    );
    s.run(&["reply", "x:q", &"a".repeat(280)]).ok();
}
