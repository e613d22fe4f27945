//! The commands that change a conversation (`tag`, `untag`, `status`,
//! `assign`, `flag`, `escalate`, `note`, `sentiment`): their JSON and the
//! events they write.

use crate::support::{Sandbox, events, five_messages, keys, msg};
use serde_json::{Value, json};
use std::collections::BTreeSet;

#[test]
fn tag_and_untag_json_return_the_conversation_and_the_events_written() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("bluesky:b1").to_string();
    let out = s.json(&[
        "--as",
        "lea",
        "tag",
        &conv,
        "Needs Reply",
        "billing",
        "--json",
    ]);
    assert_eq!(keys(&out), BTreeSet::from(["conversation", "events"]));
    assert_eq!(
        out["conversation"]["tags"],
        json!(["billing", "needs-reply"])
    );
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "tag");
    assert_eq!(evs[0]["actor"], "lea");
    assert_eq!(evs[0]["payload"]["tags"], json!(["needs-reply", "billing"]));

    // Adding a tag that is there writes nothing.
    let out = s.json(&["tag", &conv, "BILLING", "--json"]);
    assert_eq!(out["events"], json!([]));
    assert_eq!(
        out["conversation"]["tags"],
        json!(["billing", "needs-reply"])
    );

    let out = s.json(&["untag", &conv, "needs reply", "absent", "--json"]);
    assert_eq!(out["conversation"]["tags"], json!(["billing"]));
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "untag");
    assert_eq!(evs[0]["payload"]["tags"], json!(["needs-reply"]));

    let out = s.json(&["untag", &conv, "absent", "--json"]);
    assert_eq!(out["events"], json!([]));
    // Every event written is in the history.
    let history = s.json(&["history", &conv, "--json"]);
    assert_eq!(history.as_array().unwrap().len(), 2);
}

#[test]
fn status_json_changes_the_status_once() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    let out = s.json(&["status", &conv, "resolved", "--json"]);
    assert_eq!(out["conversation"]["status"], "resolved");
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "status");
    assert_eq!(evs[0]["payload"]["from"], "new");
    assert_eq!(evs[0]["payload"]["to"], "resolved");
    let again = s.json(&["status", &conv, "resolved", "--json"]);
    assert_eq!(again["events"], json!([]));
    s.run(&["status", &conv, "closed"]).fails_with(2);
    assert_eq!(s.json(&["show", &conv, "--json"])["status"], "resolved");
}

#[test]
fn assign_json_sets_and_dash_clears_the_assignee() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    let out = s.json(&["assign", &conv, "lea", "--json"]);
    assert_eq!(out["conversation"]["assignee"], "lea");
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "assign");
    assert_eq!(evs[0]["payload"], json!({"from": null, "to": "lea"}));

    let out = s.json(&["assign", &conv, "lea", "--json"]);
    assert_eq!(out["events"], json!([]));

    let out = s.json(&["assign", &conv, "-", "--json"]);
    assert_eq!(out["conversation"]["assignee"], Value::Null);
    assert_eq!(
        events(&out)[0]["payload"],
        json!({"from": "lea", "to": null})
    );
}

#[test]
fn flag_json_records_the_level_and_the_reason() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("mastodon:m3").to_string();
    let out = s.json(&[
        "flag",
        &conv,
        "crisis",
        "--reason",
        "press picked it up",
        "--json",
    ]);
    assert_eq!(out["conversation"]["crisis_level"], "crisis");
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "crisis_flag");
    assert_eq!(
        evs[0]["payload"],
        json!({"from": "none", "to": "crisis", "reason": "press picked it up"})
    );
    // A crisis outranks everything else in the queue.
    assert_eq!(
        s.list_ids(&["--limit", "1"]),
        vec![conv.parse::<i64>().unwrap()]
    );
    // The reason is required.
    s.run(&["flag", &conv, "watch"]).fails_with(2);
    s.run(&["flag", &conv, "meltdown", "--reason", "x"])
        .fails_with(2);
}

#[test]
fn escalate_json_marks_the_conversation_escalated() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    let out = s.json(&[
        "escalate",
        &conv,
        "--to",
        "legal@kettlo.example",
        "--note",
        "threatens to sue",
        "--json",
    ]);
    assert_eq!(out["conversation"]["escalated"], true);
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "escalation");
    assert_eq!(
        evs[0]["payload"],
        json!({"to": "legal@kettlo.example", "note": "threatens to sue"})
    );
    // The note is optional, the contact is not.
    let out = s.json(&["escalate", &conv, "--to", "cm", "--json"]);
    assert_eq!(events(&out)[0]["payload"], json!({"to": "cm", "note": ""}));
    s.run(&["escalate", &conv]).fails_with(2);
}

#[test]
fn note_json_records_the_text() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    let before = s.json(&["show", &conv, "--json"]);
    let out = s.json(&["note", &conv, "customer is a journalist", "--json"]);
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "note");
    assert_eq!(evs[0]["payload"]["text"], "customer is a journalist");
    // A note changes no state.
    let after = out["conversation"].clone();
    let mut summary = before.clone();
    for k in [
        "messages",
        "draft",
        "events",
        "outbox",
        "actions",
        "learned_categories",
        "suggested_categories",
    ] {
        summary.as_object_mut().unwrap().remove(k);
    }
    assert_eq!(after, summary);
}

#[test]
fn changes_with_empty_values_are_refused() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    let before = s.snapshot();
    let cases: [(&[&str], &str); 4] = [
        (&["tag", &conv, "  "], "palabre: a tag must not be empty\n"),
        (&["note", &conv, " "], "palabre: a note must not be empty\n"),
        (
            &["reply", &conv, ""],
            "palabre: a reply must not be empty\n",
        ),
        (
            &["escalate", &conv, "--to", " "],
            "palabre: an escalation needs a contact\n",
        ),
    ];
    for (args, message) in cases {
        let out = s.run(args).fails_with(2);
        assert_eq!(out.stderr, message, "{args:?}");
    }
    assert_eq!(s.snapshot(), before);
}

#[test]
fn sentiment_corrects_the_tone_records_it_and_teaches_triage() {
    let s = Sandbox::new();
    s.import(
        "in.jsonl",
        &[msg(
            "reddit",
            "s1",
            None,
            "my order never arrived, still waiting",
            1,
        )],
    );
    let conv = s.conv("reddit:s1").to_string();
    let before = s.json(&["show", &conv, "--json"])["tone"].clone();
    let out = s.json(&["sentiment", &conv, "positive", "--json"]);
    assert_eq!(out["conversation"]["tone"], "positive");
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "sentiment");
    assert_eq!(evs[0]["payload"], json!({"from": before, "to": "positive"}));
    assert_eq!(
        s.list_ids(&["--sentiment", "positive"]),
        [conv.parse::<i64>().unwrap()]
    );
    let history = s.run(&["history", &conv]).ok().stdout;
    assert!(history.contains("→ positive (corrected)"), "{history}");
    // Saying it again confirms it.
    let out = s.json(&["sentiment", &conv, "positive", "--json"]);
    assert_eq!(events(&out)[0]["payload"]["from"], "positive");
    assert!(
        s.run(&["history", &conv])
            .ok()
            .stdout
            .contains("positive (confirmed)")
    );
    s.run(&["sentiment", &conv, "furious"]).fails_with(2);
}
