//! `palabre import`: the counts it prints, importing twice, updates, several
//! files, and standard input.

use crate::support::{Sandbox, five_messages, jsonl, msg};
use serde_json::json;

#[test]
fn importing_the_same_file_twice_reports_everything_unchanged() {
    let s = Sandbox::new();
    s.write("in.jsonl", &jsonl(&five_messages()));
    let first = s.run(&["import", "in.jsonl"]).ok();
    assert_eq!(
        first.stdout,
        "in.jsonl: 5 new, 0 unchanged, 0 updated, 0 skipped\n"
    );
    let before = s.snapshot();
    let second = s.run(&["import", "in.jsonl"]).ok();
    assert_eq!(
        second.stdout,
        "in.jsonl: 0 new, 5 unchanged, 0 updated, 0 skipped\n"
    );
    assert_eq!(second.stderr, "");
    assert_eq!(s.snapshot(), before, "a second import changed the store");
}

#[test]
fn import_json_prints_exactly_the_four_counts() {
    let s = Sandbox::new();
    s.write("in.jsonl", &jsonl(&five_messages()));
    let first = s.json(&["import", "in.jsonl", "--json"]);
    assert_eq!(
        first,
        json!({"new": 5, "updated": 0, "unchanged": 0, "skipped": 0})
    );
    let again = s.json(&["import", "--json", "in.jsonl"]);
    assert_eq!(
        again,
        json!({"new": 0, "updated": 0, "unchanged": 5, "skipped": 0})
    );
    // Several files: one JSON object with the totals, nothing else on stdout.
    s.write(
        "more.jsonl",
        &jsonl(&[msg("x", "x1", None, "where is my package", 30)]),
    );
    let both = s.json(&["import", "in.jsonl", "more.jsonl", "--json"]);
    assert_eq!(
        both,
        json!({"new": 1, "updated": 0, "unchanged": 5, "skipped": 0})
    );
}

#[test]
fn several_files_print_one_line_each_and_a_total() {
    let s = Sandbox::new();
    let lines = five_messages();
    s.write("a.jsonl", &jsonl(&lines[..2]));
    s.write("b.jsonl", &jsonl(&lines[2..]));
    let out = s.run(&["import", "a.jsonl", "b.jsonl", "a.jsonl"]).ok();
    assert_eq!(
        out.stdout,
        "a.jsonl: 2 new, 0 unchanged, 0 updated, 0 skipped\n\
         b.jsonl: 3 new, 0 unchanged, 0 updated, 0 skipped\n\
         a.jsonl: 0 new, 2 unchanged, 0 updated, 0 skipped\n\
         total: 5 new, 2 unchanged, 0 updated, 0 skipped\n"
    );
}

#[test]
fn changed_text_counts_as_one_update_and_writes_an_edited_event() {
    let s = Sandbox::new();
    let mut lines = five_messages();
    s.import("in.jsonl", &lines);
    let conv = s.conv("mastodon:m2");
    lines[1]["text"] = json!("same problem here, fixed by the new lid");
    s.write("in.jsonl", &jsonl(&lines));
    let report = s.json(&["--as", "importer", "import", "in.jsonl", "--json"]);
    assert_eq!(
        report,
        json!({"new": 0, "updated": 1, "unchanged": 4, "skipped": 0})
    );

    let history = s.json(&["history", &conv.to_string(), "--json"]);
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    let e = &history[0];
    assert_eq!(e["kind"], "edited");
    assert_eq!(e["actor"], "importer");
    assert_eq!(e["conversation"], conv);
    assert_eq!(e["payload"]["channel"], "mastodon");
    assert_eq!(e["payload"]["message"], "m2");
    assert_eq!(e["payload"]["old_text"], "same problem here");
    assert_eq!(
        e["payload"]["new_text"],
        "same problem here, fixed by the new lid"
    );
    assert_eq!(e["payload"]["source"], "in.jsonl");

    // The stored text and the search index follow the edit.
    let shown = s.json(&["show", "mastodon:m2", "--json"]);
    let m2 = shown["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "m2")
        .unwrap();
    assert_eq!(m2["text"], "same problem here, fixed by the new lid");
    assert_eq!(s.list_ids(&["--search", "lid"]), vec![conv]);
    assert_eq!(s.list_ids(&["--search", "fixed"]), vec![conv]);

    // Importing the edited file again changes nothing more.
    let again = s.json(&["import", "in.jsonl", "--json"]);
    assert_eq!(
        again,
        json!({"new": 0, "updated": 0, "unchanged": 5, "skipped": 0})
    );
    assert_eq!(
        s.json(&["history", &conv.to_string(), "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn changed_metrics_count_as_an_update_without_an_edited_event() {
    let s = Sandbox::new();
    let mut lines = five_messages();
    s.import("in.jsonl", &lines);
    lines[3]["metrics"]["likes"] = json!(40);
    s.write("in.jsonl", &jsonl(&lines));
    let report = s.json(&["import", "in.jsonl", "--json"]);
    assert_eq!(
        report,
        json!({"new": 0, "updated": 1, "unchanged": 4, "skipped": 0})
    );
    let shown = s.json(&["show", "bluesky:b1", "--json"]);
    assert_eq!(shown["messages"][0]["metrics"]["likes"], 40);
    assert_eq!(shown["events"], json!([]));
}

#[test]
fn the_same_id_on_two_channels_is_two_messages() {
    let s = Sandbox::new();
    s.import(
        "in.jsonl",
        &[
            msg("mastodon", "42", None, "on mastodon", 0),
            msg("bluesky", "42", None, "on bluesky", 1),
            msg("bluesky", "43", Some("42"), "reply on bluesky", 2),
        ],
    );
    let info = s.json(&["info", "--json"]);
    assert_eq!(info["messages"], 3);
    assert_eq!(info["conversations"], 2);
    assert_eq!(
        s.json(&["show", "mastodon:42", "--json"])["message_count"],
        1
    );
    assert_eq!(
        s.json(&["show", "bluesky:42", "--json"])["message_count"],
        2
    );
}

#[test]
fn import_dash_reads_standard_input() {
    let s = Sandbox::new();
    let input = jsonl(&five_messages());
    let out = s.run_stdin(&["import", "-"], &input).ok();
    assert_eq!(
        out.stdout,
        "<stdin>: 5 new, 0 unchanged, 0 updated, 0 skipped\n"
    );
    let out = s.run_stdin(&["import", "-", "--json"], &input).ok();
    assert_eq!(
        out.json(),
        json!({"new": 0, "updated": 0, "unchanged": 5, "skipped": 0})
    );
    // A file and standard input in one command.
    s.write("f.jsonl", &jsonl(&[msg("x", "x9", None, "from a file", 1)]));
    let extra = jsonl(&[msg("x", "x10", None, "from stdin", 2)]);
    let out = s.run_stdin(&["import", "f.jsonl", "-"], &extra).ok();
    assert_eq!(
        out.stdout,
        "f.jsonl: 1 new, 0 unchanged, 0 updated, 0 skipped\n\
         <stdin>: 1 new, 0 unchanged, 0 updated, 0 skipped\n\
         total: 2 new, 0 unchanged, 0 updated, 0 skipped\n"
    );
    assert_eq!(s.json(&["info", "--json"])["messages"], 7);
}

#[test]
fn an_invalid_line_on_standard_input_is_named_stdin() {
    let s = Sandbox::new();
    let input = format!(
        "{}\n{{\"channel\":\"myspace\"}}\n",
        msg("x", "1", None, "a", 0)
    );
    let out = s.run_stdin(&["import", "-"], &input).fails_with(2);
    assert!(
        out.stderr.starts_with("palabre: <stdin>:2: channel: "),
        "{}",
        out.stderr
    );
    assert_eq!(s.json(&["info", "--json"])["messages"], 0);
}
