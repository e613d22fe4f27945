//! `palabre list`: the queue's JSON, its filters, search and paging.

use crate::support::{Sandbox, assert_has_keys, five_messages, msg, with};
use serde_json::{Value, json};

#[test]
fn list_json_items_have_the_queue_fields() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let queue = s.json(&["list", "--json"]);
    let queue = queue.as_array().unwrap();
    assert_eq!(queue.len(), 3);
    for item in queue {
        assert_has_keys(
            item,
            &[
                "id",
                "channel",
                "status",
                "tags",
                "crisis_level",
                "assignee",
                "message_count",
                "last_activity",
            ],
        );
        assert_eq!(item["status"], "new");
        assert_eq!(item["tags"], json!([]));
        assert_eq!(item["crisis_level"], "none");
        assert_eq!(item["assignee"], Value::Null);
    }
    let mastodon = queue.iter().find(|c| c["channel"] == "mastodon").unwrap();
    assert_eq!(mastodon["message_count"], 3);
    assert_eq!(mastodon["last_activity"], "2026-11-02T10:09:00Z");
    let reddit = queue.iter().find(|c| c["channel"] == "reddit").unwrap();
    assert_eq!(reddit["message_count"], 1);
    assert_eq!(reddit["last_activity"], "2026-11-02T10:20:00Z");
    // An empty store lists nothing.
    let empty = Sandbox::new();
    assert_eq!(empty.json(&["list", "--json"]), json!([]));
}

/// The five messages plus an x conversation, with states set:
/// returns (mastodon, bluesky, reddit, x) conversation numbers.
fn queue_fixture(s: &Sandbox) -> (i64, i64, i64, i64) {
    let mut lines = five_messages();
    lines.push(with(msg("x", "x1", None, "where is my package", 30), |v| {
        v["author"]["handle"] = json!("parcel_hunter");
    }));
    s.import("in.jsonl", &lines);
    let ids = (
        s.conv("mastodon:m1"),
        s.conv("bluesky:b1"),
        s.conv("reddit:r1"),
        s.conv("x:x1"),
    );
    let (m, b, r, x) = (
        ids.0.to_string(),
        ids.1.to_string(),
        ids.2.to_string(),
        ids.3.to_string(),
    );
    s.run(&["tag", &m, "Product Defect", "lid"]).ok();
    s.run(&["tag", &b, "billing"]).ok();
    s.run(&["status", &b, "open"]).ok();
    s.run(&["status", &r, "resolved"]).ok();
    s.run(&["flag", &m, "potential", "--reason", "many reports"])
        .ok();
    s.run(&["flag", &x, "watch", "--reason", "angry"]).ok();
    s.run(&["assign", &b, "lea"]).ok();
    s.run(&["assign", &x, "sam"]).ok();
    ids
}

fn sorted(mut v: Vec<i64>) -> Vec<i64> {
    v.sort_unstable();
    v
}

#[test]
fn list_filters_by_channel_and_status() {
    let s = Sandbox::new();
    let (m, b, r, x) = queue_fixture(&s);
    assert_eq!(s.list_ids(&["--channel", "mastodon"]), vec![m]);
    assert_eq!(s.list_ids(&["--channel", "x"]), vec![x]);
    assert_eq!(s.list_ids(&["--channel", "youtube"]), Vec::<i64>::new());
    assert_eq!(sorted(s.list_ids(&["--status", "new"])), sorted(vec![m, x]));
    assert_eq!(s.list_ids(&["--status", "open"]), vec![b]);
    assert_eq!(s.list_ids(&["--status", "resolved"]), vec![r]);
    assert_eq!(
        s.list_ids(&["--status", "open", "--channel", "bluesky"]),
        vec![b]
    );
    assert_eq!(
        s.list_ids(&["--status", "open", "--channel", "reddit"]),
        Vec::<i64>::new()
    );
    for item in s
        .json(&["list", "--json", "--status", "new"])
        .as_array()
        .unwrap()
    {
        assert_eq!(item["status"], "new");
    }
    // A value outside the closed set is a usage error.
    s.run(&["list", "--channel", "myspace"]).fails_with(2);
    s.run(&["list", "--status", "closed"]).fails_with(2);
}

#[test]
fn list_filters_by_tag_and_crisis() {
    let s = Sandbox::new();
    let (m, b, _, x) = queue_fixture(&s);
    assert_eq!(s.list_ids(&["--tag", "billing"]), vec![b]);
    // Tags are normalised the same way when filtering.
    assert_eq!(s.list_ids(&["--tag", "product-defect"]), vec![m]);
    assert_eq!(s.list_ids(&["--tag", "  Product   Defect "]), vec![m]);
    assert_eq!(s.list_ids(&["--tag", "nothing"]), Vec::<i64>::new());
    assert_eq!(s.list_ids(&["--crisis", "potential"]), vec![m]);
    assert_eq!(s.list_ids(&["--crisis", "watch"]), vec![x]);
    assert_eq!(s.list_ids(&["--crisis", "crisis"]), Vec::<i64>::new());
    assert_eq!(s.list_ids(&["--crisis", "none"]).len(), 2);
    assert_eq!(
        s.list_ids(&["--crisis", "potential", "--tag", "lid"]),
        vec![m]
    );
    s.run(&["list", "--crisis", "meltdown"]).fails_with(2);
}

#[test]
fn list_filters_by_assignee_and_dash_for_unassigned() {
    let s = Sandbox::new();
    let (m, b, r, x) = queue_fixture(&s);
    assert_eq!(s.list_ids(&["--assignee", "lea"]), vec![b]);
    assert_eq!(s.list_ids(&["--assignee", "sam"]), vec![x]);
    assert_eq!(s.list_ids(&["--assignee", "nobody"]), Vec::<i64>::new());
    assert_eq!(sorted(s.list_ids(&["--assignee", "-"])), sorted(vec![m, r]));
    for item in s
        .json(&["list", "--json", "--assignee", "-"])
        .as_array()
        .unwrap()
    {
        assert_eq!(item["assignee"], Value::Null);
    }
}

#[test]
fn list_search_matches_message_text_and_authors() {
    let s = Sandbox::new();
    let (m, b, _, x) = queue_fixture(&s);
    // A word of any message of the conversation, not only the last one.
    assert_eq!(s.list_ids(&["--search", "kettle"]), vec![m]);
    assert_eq!(s.list_ids(&["--search", "support"]), vec![m]);
    assert_eq!(s.list_ids(&["--search", "refund"]), vec![b]);
    // Case-insensitive, the last word as a prefix, every word required.
    assert_eq!(s.list_ids(&["--search", "REFUND STILL"]), vec![b]);
    assert_eq!(s.list_ids(&["--search", "packa"]), vec![x]);
    assert_eq!(
        s.list_ids(&["--search", "refund kettle"]),
        Vec::<i64>::new()
    );
    // Authors' handles.
    assert_eq!(s.list_ids(&["--search", "parcel_hunter"]), vec![x]);
    // Query syntax is never an error.
    assert_eq!(s.list_ids(&["--search", "\"(*"]), Vec::<i64>::new());
    assert_eq!(s.list_ids(&["--search", "NOT AND"]), Vec::<i64>::new());
    assert_eq!(
        s.list_ids(&["--search", "kettle", "--channel", "bluesky"]),
        Vec::<i64>::new()
    );
}

#[test]
fn list_limit_and_offset_page_the_queue_in_priority_order() {
    let s = Sandbox::new();
    let (_, b, _, _) = queue_fixture(&s);
    s.run(&["escalate", &b.to_string(), "--to", "legal"]).ok();
    let all = s.json(&["list", "--json", "--limit", "0"]);
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 4);
    // Escalated first, then by priority.
    assert_eq!(all[0]["id"], b);
    for pair in all[1..].windows(2) {
        assert!(
            pair[0]["priority"].as_i64() >= pair[1]["priority"].as_i64(),
            "{pair:?}"
        );
    }
    let ids: Vec<i64> = all.iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!(s.list_ids(&["--limit", "2"]), ids[..2]);
    let page = s.json(&["list", "--json", "--limit", "2"]);
    assert_eq!(page.as_array().unwrap().len(), 2);
    let page = s.json(&["list", "--json", "--limit", "2", "--offset", "2"]);
    let page: Vec<i64> = page
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(page, ids[2..]);
    let one = s.json(&["list", "--json", "--limit", "1", "--status", "new"]);
    assert_eq!(one.as_array().unwrap().len(), 1);
}
