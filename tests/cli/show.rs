//! `palabre show` and `palabre history`.

use crate::support::{LOGIN, Sandbox, assert_has_keys, events, five_messages, keys, str_of};
use serde_json::{Value, json};

#[test]
fn show_json_has_the_summary_messages_draft_and_events() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("mastodon:m1");
    s.run(&[
        "--as",
        "lea",
        "note",
        &conv.to_string(),
        "called the customer",
    ])
    .ok();
    let shown = s.json(&["show", &conv.to_string(), "--json"]);
    assert_has_keys(
        &shown,
        &[
            "id",
            "channel",
            "status",
            "tags",
            "crisis_level",
            "assignee",
            "message_count",
            "last_activity",
            "messages",
            "draft",
            "events",
        ],
    );
    assert_eq!(shown["id"], conv);
    assert_eq!(shown["draft"], Value::Null);
    let messages = shown["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 3);
    // Each message is the interchange message plus its depth.
    let first = &messages[0];
    let original = &five_messages()[0];
    for k in keys(original) {
        assert_eq!(first[k], original[k], "field {k}");
    }
    assert_eq!(first["depth"], 0);
    let evs = events(&shown);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "note");
    assert_eq!(evs[0]["actor"], "lea");
    assert_eq!(evs[0]["payload"]["text"], "called the customer");
    assert_has_keys(
        &evs[0],
        &["id", "conversation", "at", "actor", "kind", "payload"],
    );
}

#[test]
fn history_json_lists_every_event_in_order() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    assert_eq!(s.json(&["history", &conv, "--json"]), json!([]));
    s.run(&["tag", &conv, "vip"]).ok();
    s.run(&["assign", &conv, "lea"]).ok();
    s.run(&["status", &conv, "open"]).ok();
    s.run(&["note", &conv, "n"]).ok();
    s.run(&["escalate", &conv, "--to", "pr"]).ok();
    let history = s.json(&["history", &conv, "--json"]);
    let history = history.as_array().unwrap();
    let kinds: Vec<&str> = history.iter().map(|e| str_of(&e["kind"])).collect();
    assert_eq!(kinds, ["tag", "assign", "status", "note", "escalation"]);
    let ids: Vec<i64> = history.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    for e in history {
        assert_eq!(e["conversation"].to_string(), conv);
        assert_eq!(e["actor"], LOGIN);
        assert!(
            str_of(&e["at"]).ends_with('Z') && str_of(&e["at"]).contains('T'),
            "{e}"
        );
    }
    // The same as the events of show.
    assert_eq!(
        s.json(&["show", &conv, "--json"])["events"],
        Value::Array(history.clone())
    );
}

#[test]
fn event_kinds_in_json_are_spelled_as_in_the_store() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    s.run(&["flag", &conv, "watch", "--reason", "r"]).ok();
    s.run(&["reply", &conv, "hi"]).ok();
    // People read the kinds as words, in their language; JSON keeps the
    // store's names.
    let text = s.run(&["history", &conv]).ok().stdout;
    assert!(
        text.contains("crisis flag") && text.contains("reply queued"),
        "{text}"
    );
    let text = s.run(&["--lang", "fr", "history", &conv]).ok().stdout;
    assert!(
        text.contains("niveau de crise") && text.contains("réponse en file"),
        "{text}"
    );
    assert!(text.contains("aucun → veille (r)"), "{text}");
    let history = s.json(&["history", &conv, "--json"]);
    let kinds: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| str_of(&e["kind"]))
        .collect();
    assert_eq!(kinds, ["crisis_flag", "reply_queued", "status"]);
}
