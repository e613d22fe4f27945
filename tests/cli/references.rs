//! Conversation references: a number, or `channel:message-id` of any of its
//! messages.

use crate::support::{Sandbox, five_messages, msg};
use serde_json::json;

#[test]
fn an_unknown_conversation_is_an_input_error() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let before = s.snapshot();
    let cases: [&[&str]; 8] = [
        &["show", "999"],
        &["show", "999", "--json"],
        &["history", "999"],
        &["tag", "999", "x"],
        &["status", "999", "open"],
        &["show", "mastodon:nope"],
        &["note", "nope:m1", "x"],
        &["show", "m1"],
    ];
    for args in cases {
        let out = s.run(args).fails_with(2);
        assert_eq!(
            out.stderr,
            format!("palabre: no conversation {}\n", args[1]),
            "{args:?}"
        );
        assert_eq!(out.stdout, "");
    }
    assert_eq!(s.snapshot(), before);
}

#[test]
fn channel_colon_message_id_references_any_message_of_a_conversation() {
    let s = Sandbox::new();
    s.import(
        "in.jsonl",
        &[
            msg("mastodon", "m1", None, "root", 0),
            msg("mastodon", "m2", Some("m1"), "reply", 1),
            msg("email", "<id:with:colons@mail>", None, "mail", 2),
        ],
    );
    let conv = s.conv("mastodon:m1");
    assert_eq!(s.conv("mastodon:m2"), conv);
    assert_eq!(s.conv("MASTODON:m2"), conv);
    assert_eq!(s.conv(&conv.to_string()), conv);
    let out = s.json(&["tag", "mastodon:m2", "via-reference", "--json"]);
    assert_eq!(out["conversation"]["id"], conv);
    assert_eq!(out["conversation"]["tags"], json!(["via-reference"]));
    let email = s.json(&["show", "email:<id:with:colons@mail>", "--json"]);
    assert_eq!(email["messages"][0]["id"], "<id:with:colons@mail>");
    assert_ne!(email["id"], conv);
    // The human view works with a reference too.
    let out = s.run(&["show", "mastodon:m2"]).ok();
    assert!(
        out.stdout.starts_with(&format!("#{conv} · mastodon · new")),
        "{}",
        out.stdout
    );
}
