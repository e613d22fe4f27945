//! `palabre info`.

use crate::support::{Sandbox, five_messages, keys, msg, with};
use serde_json::json;
use std::collections::BTreeSet;

#[test]
fn info_json_counts_messages_conversations_channels_and_languages() {
    let s = Sandbox::new();
    let empty = s.json(&["info", "--json"]);
    assert_eq!(
        keys(&empty),
        BTreeSet::from([
            "messages",
            "conversations",
            "channels",
            "languages",
            "schema_version"
        ])
    );
    assert_eq!(empty["messages"], 0);
    assert_eq!(empty["conversations"], 0);
    assert_eq!(empty["channels"], json!({}));
    assert_eq!(empty["languages"], json!({}));
    assert!(empty["schema_version"].as_i64().unwrap() >= 1);

    let mut lines = five_messages();
    lines[3]["lang"] = json!("fr");
    lines[4]["lang"] = json!("pt-BR");
    lines[0].as_object_mut().unwrap().remove("lang");
    s.import("in.jsonl", &lines);
    let info = s.json(&["info", "--json"]);
    assert_eq!(info["messages"], 5);
    assert_eq!(info["conversations"], 3);
    assert_eq!(
        info["channels"],
        json!({"mastodon": 3, "bluesky": 1, "reddit": 1})
    );
    assert_eq!(
        info["languages"],
        json!({"en": 2, "fr": 1, "pt": 1, "und": 1})
    );
    assert_eq!(info["schema_version"], empty["schema_version"]);
}

#[test]
fn info_groups_languages_by_primary_subtag_whatever_the_separator() {
    let s = Sandbox::new();
    s.import(
        "in.jsonl",
        &[
            with(msg("x", "1", None, "a", 0), |v| v["lang"] = json!("pt-BR")),
            with(msg("x", "2", None, "b", 1), |v| v["lang"] = json!("pt_BR")),
        ],
    );
    assert_eq!(s.json(&["info", "--json"])["languages"], json!({"pt": 2}));
}
