//! `palabre contact HANDLE`: one person across channels.

use crate::support::{Sandbox, msg, str_of, with};
use serde_json::Value;

fn by(channel: &str, id: &str, handle: &str, name: &str, text: &str, minute: u32) -> Value {
    with(msg(channel, id, None, text, minute), |m| {
        m["author"]["handle"] = handle.into();
        m["author"]["name"] = name.into();
    })
}

#[test]
fn a_card_shows_a_person_and_links_are_made_by_hand() {
    let s = Sandbox::new();
    s.import(
        "in.jsonl",
        &[
            by(
                "x",
                "x1",
                "juju_trbl",
                "Julie Trébaol",
                "still no parcel, refund me",
                0,
            ),
            by(
                "x",
                "x2",
                "juju_trbl",
                "Julie Trébaol",
                "hello?? anyone",
                90,
            ),
            by(
                "instagram",
                "i1",
                "julie.trebaol",
                "Julie Trébaol",
                "love the colours",
                30,
            ),
            by("bluesky", "b1", "juju_trbl", "JT", "another juju", 40),
        ],
    );
    // The same handle on two networks: which one is asked.
    let out = s.run(&["contact", "juju_trbl"]).fails_with(2);
    assert!(
        out.stderr.contains("bluesky:juju_trbl, x:juju_trbl"),
        "{}",
        out.stderr
    );
    let card = s.json(&["contact", "x:@JUJU_TRBL", "--json"]);
    assert_eq!(card["person"], Value::Null);
    assert_eq!(card["handles"].as_array().unwrap().len(), 1);
    assert_eq!(card["messages"].as_array().unwrap().len(), 2);
    assert_eq!(card["first_seen"], "2026-11-02T10:00:00Z");
    assert_eq!(card["summaries"].as_array().unwrap().len(), 2);
    assert_eq!(card["period"], "week");
    assert_eq!(card["sentiment"][0]["messages"], 2);
    let mut suggested: Vec<String> = card["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{}:{}", str_of(&p[0]), str_of(&p[1])))
        .collect();
    suggested.sort();
    assert_eq!(suggested, ["bluesky:juju_trbl", "instagram:julie.trebaol"]);
    // Linked, noted and marked: one person with a history.
    let card = s.json(&[
        "contact",
        "x:juju_trbl",
        "--link",
        "instagram:julie.trebaol",
        "--vip",
        "--note",
        "prefers DMs",
        "--json",
    ]);
    assert_eq!(card["vip"], true);
    assert_eq!(card["handles"].as_array().unwrap().len(), 2);
    assert_eq!(card["messages"].as_array().unwrap().len(), 3);
    let kinds: Vec<&str> = card["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| str_of(&e["kind"]))
        .collect();
    assert_eq!(kinds, ["link", "vip", "note"]);
    assert_eq!(card["history"][0]["actor"], "login-name");
    // Any linked handle opens the same person; the text card says it all.
    let text = s.run(&["contact", "julie.trebaol"]).ok().stdout;
    assert!(
        text.starts_with("Julie Trébaol — instagram:julie.trebaol, x:juju_trbl [VIP]"),
        "{text}"
    );
    for part in [
        "first seen 2026-11-02 10:00",
        "sentiment by week:",
        "note: prefers DMs",
        "may be the same person",
        "bluesky:juju_trbl",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    // Unlinked again; the block list; nobody is nobody.
    let card = s.json(&[
        "contact",
        "instagram:julie.trebaol",
        "--unlink",
        "--blocked",
        "--json",
    ]);
    assert_eq!(card["handles"].as_array().unwrap().len(), 1);
    assert_eq!(card["blocked"], true);
    let out = s.run(&["contact", "nobody_here"]).fails_with(2);
    assert!(
        out.stderr.contains("nobody wrote as nobody_here"),
        "{}",
        out.stderr
    );
}
