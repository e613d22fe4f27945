//! `palabre export` in JSON lines and CSV, and an export imported again.

use crate::support::{Sandbox, keys, msg, str_of, with};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// Parses RFC 4180 CSV: quoted fields may hold commas, quotes and newlines.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            c => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field in CSV");
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// Messages with everything that could be lost on the way: out-of-order
/// threads, an orphan thread, an explicit thread id, an outbound reply,
/// metrics, no language, and text with commas, quotes and newlines.
fn tricky_messages() -> Vec<Value> {
    vec![
        msg("mastodon", "t3", Some("t2"), "reply to reply", 3),
        msg("mastodon", "t2", Some("t1"), "reply", 2),
        msg("mastodon", "t1", None, "root", 1),
        msg(
            "reddit",
            "o2",
            Some("gone"),
            "orphan, its parent never came",
            4,
        ),
        msg("reddit", "o3", Some("o2"), "under the orphan", 5),
        with(
            msg("youtube", "y1", None, "in an explicit thread", 6),
            |v| {
                v["thread_id"] = json!("video-77");
            },
        ),
        with(msg("youtube", "y2", None, "same video", 7), |v| {
            v["thread_id"] = json!("video-77");
        }),
        with(
            msg("x", "out", Some("t1"), "x reply, other channel", 8),
            |v| {
                v["direction"] = json!("outbound");
                v["kind"] = json!("reply");
                v["author"]["verified"] = json!(true);
                v["metrics"] = json!({"likes": 3, "shares": 2, "replies": 1});
                v["url"] = json!("https://x.com/kettlo/status/1");
            },
        ),
        with(msg("email", "<a,b@mail>", None, "placeholder", 9), |v| {
            v["text"] =
                json!("Hello, team\n\"quoted\", with commas,\r\nand a last line; é 漢字 👍");
            v["author"]["name"] = json!("Doe, \"JD\" John");
            v.as_object_mut().unwrap().remove("lang");
            v["author"]["followers"] = Value::Null;
        }),
    ]
}

#[test]
fn jsonl_export_imports_into_an_empty_store_as_the_same_conversations() {
    let s = Sandbox::new();
    s.import("in.jsonl", &tricky_messages());
    let generated = s.bare(&["bench-gen", "120", "--seed", "7"]).ok().stdout;
    s.write("gen.jsonl", &generated);
    s.run(&["import", "gen.jsonl"]).ok();
    let exported = s.run(&["export", "--format", "jsonl"]).ok().stdout;
    assert_eq!(exported.lines().count(), 129);

    let copy = Sandbox::new();
    copy.write("export.jsonl", &exported);
    let report = copy.json(&["import", "export.jsonl", "--json"]);
    assert_eq!(
        report,
        json!({"new": 129, "updated": 0, "unchanged": 0, "skipped": 0})
    );
    assert_eq!(copy.json(&["info", "--json"]), s.json(&["info", "--json"]));
    assert_eq!(copy.groups(), s.groups());
    // Exporting the copy gives the same messages.
    let again = copy.run(&["export"]).ok().stdout;
    let as_set = |t: &str| -> BTreeSet<String> {
        t.lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap().to_string())
            .collect()
    };
    assert_eq!(as_set(&again), as_set(&exported));
}

#[test]
fn jsonl_export_keeps_every_field_and_awkward_text_intact() {
    let s = Sandbox::new();
    let input = tricky_messages();
    s.import("in.jsonl", &input);
    let exported = s.run(&["export"]).ok().stdout;
    let lines: Vec<Value> = exported
        .lines()
        .map(|l| serde_json::from_str(l).expect("each exported line is JSON"))
        .collect();
    assert_eq!(lines.len(), input.len());
    for original in &input {
        let out = lines
            .iter()
            .find(|l| l["channel"] == original["channel"] && l["id"] == original["id"])
            .unwrap_or_else(|| panic!("{} missing from the export", original["id"]));
        for k in keys(original) {
            assert_eq!(out[k], original[k], "field {k} of {}", original["id"]);
        }
    }
    // Writing to a file gives the same bytes.
    s.run(&["export", "--output", "out.jsonl"]).ok();
    assert_eq!(
        std::fs::read_to_string(s.root().join("out.jsonl")).unwrap(),
        exported
    );
}

#[test]
fn csv_export_has_a_header_and_one_record_per_message() {
    let s = Sandbox::new();
    let input = tricky_messages();
    s.import("in.jsonl", &input);
    let text = s.run(&["export", "--format", "csv"]).ok().stdout;
    let records = parse_csv(&text);
    assert_eq!(records.len(), 1 + input.len(), "{text}");
    let header = &records[0];
    for col in [
        "conversation",
        "channel",
        "id",
        "parent_id",
        "text",
        "created_at",
    ] {
        assert!(header.iter().any(|h| h == col), "no {col} in {header:?}");
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for r in &records[1..] {
        assert_eq!(r.len(), header.len(), "{r:?}");
    }
    // The awkward text comes back whole, with its comma, quotes and newlines.
    let email = records[1..]
        .iter()
        .find(|r| r[col("id")] == "<a,b@mail>")
        .expect("email row");
    assert_eq!(email[col("channel")], "email");
    assert_eq!(email[col("text")], str_of(&input[8]["text"]));
    assert_eq!(email[col("author_name")], "Doe, \"JD\" John");
    // The conversation column groups messages as `show` does.
    let conv_of = |id: &str| {
        records[1..].iter().find(|r| r[col("id")] == id).unwrap()[col("conversation")].clone()
    };
    assert_eq!(conv_of("t3"), s.conv("mastodon:t1").to_string());
    assert_eq!(conv_of("t3"), conv_of("t1"));
    assert_eq!(conv_of("o3"), conv_of("o2"));
    assert_eq!(conv_of("y1"), conv_of("y2"));
    assert_ne!(conv_of("out"), conv_of("t1"));
    // An empty store still has the header.
    let empty = Sandbox::new();
    let text = empty.run(&["export", "--format", "csv"]).ok().stdout;
    assert_eq!(parse_csv(&text).len(), 1);
}
