//! Threading: replies that arrive before their root, orphans, merged
//! conversations, and a waiting conversation reopened.

use crate::support::{Sandbox, events, msg, str_of, with};
use serde_json::{Value, json};

#[track_caller]
fn assert_one_thread_of_three(s: &Sandbox) {
    let queue = s.json(&["list", "--json"]);
    let queue = queue.as_array().unwrap();
    assert_eq!(queue.len(), 1, "{queue:?}");
    assert_eq!(queue[0]["message_count"], 3);
    let shown = s.json(&["show", &queue[0]["id"].to_string(), "--json"]);
    let order: Vec<(&str, u64)> = shown["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (str_of(&m["id"]), m["depth"].as_u64().unwrap()))
        .collect();
    assert_eq!(order, vec![("root", 0), ("reply", 1), ("reply2", 2)]);
}

fn thread_of_three() -> [Value; 3] {
    [
        msg("mastodon", "root", None, "the root", 0),
        msg("mastodon", "reply", Some("root"), "a reply", 1),
        msg(
            "mastodon",
            "reply2",
            Some("reply"),
            "a reply to the reply",
            2,
        ),
    ]
}

#[test]
fn replies_before_their_root_in_one_file_make_one_conversation() {
    let [root, reply, reply2] = thread_of_three();
    let orders = [
        [&reply, &reply2, &root],
        [&reply2, &reply, &root],
        [&reply, &root, &reply2],
        [&reply2, &root, &reply],
        [&root, &reply2, &reply],
        [&root, &reply, &reply2],
    ];
    for order in orders {
        let s = Sandbox::new();
        let lines: Vec<Value> = order.iter().map(|v| (*v).clone()).collect();
        s.import("in.jsonl", &lines);
        assert_one_thread_of_three(&s);
    }
}

#[test]
fn replies_before_their_root_across_imports_make_one_conversation() {
    let [root, reply, reply2] = thread_of_three();
    for order in [[&reply2, &reply, &root], [&reply, &reply2, &root]] {
        let s = Sandbox::new();
        for (i, line) in order.iter().enumerate() {
            s.import(&format!("part{i}.jsonl"), &[(*line).clone()]);
        }
        assert_one_thread_of_three(&s);
        assert_eq!(s.json(&["info", "--json"])["conversations"], 1);
    }
}

#[test]
fn show_orders_replies_depth_first_with_siblings_by_time() {
    let s = Sandbox::new();
    s.import(
        "in.jsonl",
        &[
            msg("reddit", "a1", Some("root"), "first answer", 1),
            msg("reddit", "b", Some("root"), "second answer", 2),
            msg("reddit", "a", Some("root"), "earliest answer", 0),
            msg("reddit", "a2", Some("a"), "answer to the earliest", 3),
            msg("reddit", "root", None, "question", 0),
        ],
    );
    let shown = s.json(&["show", "reddit:root", "--json"]);
    let order: Vec<(&str, u64)> = shown["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (str_of(&m["id"]), m["depth"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        order,
        vec![("root", 0), ("a", 1), ("a2", 2), ("a1", 1), ("b", 1)]
    );
}

#[test]
fn a_reply_whose_parent_never_arrives_stays_a_conversation_of_its_own() {
    let s = Sandbox::new();
    s.import(
        "in.jsonl",
        &[
            msg("youtube", "c2", Some("missing"), "orphan", 0),
            msg("youtube", "c3", Some("c2"), "reply to the orphan", 1),
            msg("youtube", "other", None, "unrelated", 2),
        ],
    );
    let shown = s.json(&["show", "youtube:c3", "--json"]);
    assert_eq!(shown["message_count"], 2);
    let depths: Vec<u64> = shown["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["depth"].as_u64().unwrap())
        .collect();
    assert_eq!(depths, vec![0, 1]);
    assert_eq!(s.json(&["info", "--json"])["conversations"], 2);
}

#[test]
fn a_merged_conversation_number_is_never_reused() {
    let s = Sandbox::new();
    let [_, reply, reply2] = thread_of_three();
    s.import("a.jsonl", &[reply2]);
    let orphan = s.conv("mastodon:reply2");
    // `reply` opens a conversation of its own (its root is missing) and the
    // orphan waiting under its id is merged into it.
    s.import("b.jsonl", &[reply]);
    let merged = s.conv("mastodon:reply2");
    assert_ne!(merged, orphan);
    assert_eq!(s.conv("mastodon:reply"), merged);
    assert_eq!(s.json(&["info", "--json"])["conversations"], 1);
    // The old number leads to where it went (someone may have it open).
    assert_eq!(
        s.json(&["show", &orphan.to_string(), "--json"])["id"],
        merged
    );
    s.import("c.jsonl", &[msg("x", "later", None, "a new one", 30)]);
    let later = s.conv("x:later");
    assert!(later > merged && later != orphan, "{later}");
}

#[test]
fn a_new_inbound_message_reopens_a_waiting_conversation() {
    let s = Sandbox::new();
    s.import("a.jsonl", &[msg("x", "q", None, "any news?", 0)]);
    let conv = s.conv("x:q");
    s.run(&["reply", &conv.to_string(), "checking"]).ok();
    assert_eq!(s.json(&["show", "x:q", "--json"])["status"], "waiting");
    s.import(
        "b.jsonl",
        &[with(msg("x", "q2", Some("q"), "still nothing", 600), |v| {
            v["created_at"] = json!("2099-01-01T00:00:00Z");
        })],
    );
    let shown = s.json(&["show", "x:q", "--json"]);
    assert_eq!(shown["status"], "open");
    let last = events(&shown).last().unwrap().clone();
    assert_eq!(last["kind"], "status");
    assert_eq!(last["payload"]["from"], "waiting");
    assert_eq!(last["payload"]["to"], "open");
}

#[test]
fn merging_an_orphan_conversation_keeps_its_assignee() {
    let s = Sandbox::new();
    let [_, reply, reply2] = thread_of_three();
    s.import("a.jsonl", &[reply2]);
    let orphan = s.conv("mastodon:reply2").to_string();
    s.run(&["assign", &orphan, "lea"]).ok();
    s.run(&["tag", &orphan, "vip"]).ok();
    // `reply` starts a new conversation (its root is missing) and the orphan
    // waiting under its id is merged into it.
    s.import("b.jsonl", &[reply]);
    let merged = s.json(&["show", "mastodon:reply2", "--json"]);
    assert_eq!(merged["message_count"], 2);
    assert_eq!(merged["tags"], json!(["vip"]));
    assert_eq!(
        merged["assignee"], "lea",
        "history says assigned, state does not"
    );
}
