//! Invalid interchange lines: the file, line and field are named and nothing
//! of the file is kept, or with `--skip-invalid` every bad line is listed.

use crate::support::{Sandbox, five_messages, jsonl, msg, with};
use serde_json::{Value, json};

/// A store that already has data, and its snapshot.
fn store_with_data() -> (Sandbox, Value) {
    let s = Sandbox::new();
    s.import("seed.jsonl", &five_messages());
    let conv = s.conv("mastodon:m1").to_string();
    s.run(&["tag", &conv, "billing"]).ok();
    let snapshot = s.snapshot();
    (s, snapshot)
}

/// Five lines whose third is `bad`; the others are new messages, an update
/// to a stored message and a reply to a stored conversation, so that a
/// partial import would show.
fn five_lines_with_third(bad: &str) -> String {
    let good = [
        msg("x", "n1", None, "new root", 40),
        msg("mastodon", "m1", None, "edited text", 0),
        msg("mastodon", "n3", Some("m3"), "joins a stored thread", 41),
        msg("bluesky", "n4", None, "another new root", 42),
    ];
    format!(
        "{}\n{}\n{bad}\n{}\n{}\n",
        good[0], good[1], good[2], good[3]
    )
}

#[test]
fn an_invalid_line_stops_the_file_names_file_line_and_field_and_keeps_the_store() {
    let base = msg("x", "bad", None, "bad line", 50);
    let cases: Vec<(String, &str, &str)> = vec![
        (
            with(base.clone(), |v| v["channel"] = json!("myspace")).to_string(),
            "channel",
            "unknown variant `myspace`",
        ),
        (
            with(base.clone(), |v| {
                v.as_object_mut().unwrap().remove("created_at");
            })
            .to_string(),
            "created_at",
            "is required",
        ),
        ("{not json".to_string(), "(line)", "not valid JSON"),
        (
            with(base.clone(), |v| v["author"]["followers"] = json!(-3)).to_string(),
            "author.followers",
            "",
        ),
        (
            with(base, |v| v["created_at"] = json!("yesterday")).to_string(),
            "created_at",
            "",
        ),
    ];
    for (bad, field, reason) in cases {
        let (s, before) = store_with_data();
        s.write("in/batch.jsonl", &five_lines_with_third(&bad));
        let out = s.run(&["import", "in/batch.jsonl"]).fails_with(2);
        let first = out.stderr.lines().next().unwrap_or("");
        let expected = format!("palabre: in/batch.jsonl:3: {field}: {reason}");
        assert!(
            first.starts_with(&expected),
            "stderr line\n  {first}\ndoes not start with\n  {expected}"
        );
        assert!(
            out.stderr
                .contains("in/batch.jsonl: nothing imported from this file"),
            "{}",
            out.stderr
        );
        assert_eq!(out.stdout, "");
        assert_eq!(s.snapshot(), before, "the store changed for {field}");

        // --json does not change the failure.
        let out = s.run(&["import", "--json", "in/batch.jsonl"]).fails_with(2);
        assert_eq!(out.stdout, "");
        assert_eq!(s.snapshot(), before);
    }
}

#[test]
fn an_invalid_line_error_names_the_path_as_given() {
    let (s, before) = store_with_data();
    let absolute = s.write("deep/dir/in.jsonl", &five_lines_with_third("{oops"));
    let absolute = absolute.to_str().unwrap();
    let out = s.run(&["import", absolute]).fails_with(2);
    assert!(
        out.stderr
            .starts_with(&format!("palabre: {absolute}:3: (line): not valid JSON")),
        "{}",
        out.stderr
    );
    let out = s
        .run(&["import", "./deep/dir/../dir/in.jsonl"])
        .fails_with(2);
    assert!(
        out.stderr
            .starts_with("palabre: ./deep/dir/../dir/in.jsonl:3: (line): "),
        "{}",
        out.stderr
    );
    assert_eq!(s.snapshot(), before);
}

#[test]
fn line_numbers_count_blank_lines() {
    let s = Sandbox::new();
    let text = format!(
        "{}\n\n   \n{}\n{{\"channel\": \"myspace\"}}\n",
        msg("x", "1", None, "a", 0),
        msg("x", "2", None, "b", 1)
    );
    s.write("in.jsonl", &text);
    let out = s.run(&["import", "in.jsonl"]).fails_with(2);
    assert!(
        out.stderr.starts_with("palabre: in.jsonl:5: channel: "),
        "{}",
        out.stderr
    );
    assert_eq!(s.json(&["info", "--json"])["messages"], 0);
}

#[test]
fn skip_invalid_imports_the_valid_lines_and_lists_every_skipped_one() {
    let (s, _) = store_with_data();
    let good = |i: u32| msg("facebook", &format!("f{i}"), None, "fine", i).to_string();
    let text = [
        good(1),
        with(msg("x", "b2", None, "t", 2), |v| {
            v["channel"] = json!("myspace")
        })
        .to_string(),
        good(3),
        with(msg("x", "b4", None, "t", 4), |v| {
            v.as_object_mut().unwrap().remove("created_at");
        })
        .to_string(),
        good(5),
        "not json at all".to_string(),
        good(7),
    ]
    .join("\n");
    s.write("mixed.jsonl", &text);
    let before = s.json(&["info", "--json"])["messages"].as_u64().unwrap();

    let out = s.run(&["import", "--skip-invalid", "mixed.jsonl"]).ok();
    assert_eq!(
        out.stdout,
        "mixed.jsonl: 4 new, 0 unchanged, 0 updated, 3 skipped\n"
    );
    let skipped: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.ends_with("(skipped)"))
        .collect();
    assert_eq!(skipped.len(), 3, "{}", out.stderr);
    assert!(
        skipped[0].starts_with("mixed.jsonl:2: channel: "),
        "{skipped:?}"
    );
    assert!(
        skipped[1].starts_with("mixed.jsonl:4: created_at: is required"),
        "{skipped:?}"
    );
    assert!(
        skipped[2].starts_with("mixed.jsonl:6: (line): not valid JSON"),
        "{skipped:?}"
    );
    assert!(
        out.stderr.contains("3 invalid lines skipped"),
        "{}",
        out.stderr
    );
    assert_eq!(
        s.json(&["info", "--json"])["messages"].as_u64().unwrap(),
        before + 4
    );
    assert_eq!(s.list_ids(&["--channel", "facebook"]).len(), 4);

    // Again, with --json: the same skipped lines, counted.
    let out = s
        .run(&["import", "--skip-invalid", "--json", "mixed.jsonl"])
        .ok();
    assert_eq!(
        out.json(),
        json!({"new": 0, "updated": 0, "unchanged": 4, "skipped": 3})
    );
    assert_eq!(
        out.stderr
            .lines()
            .filter(|l| l.ends_with("(skipped)"))
            .count(),
        3
    );
}

#[test]
fn an_invalid_second_file_keeps_the_first_file_imported() {
    let s = Sandbox::new();
    s.write("first.jsonl", &jsonl(&five_messages()));
    s.write(
        "second.jsonl",
        &format!(
            "{}\n{}\n",
            msg("email", "e1", None, "valid but in a bad file", 60),
            with(msg("email", "e2", None, "t", 61), |v| {
                v["kind"] = json!("tweet");
            })
        ),
    );
    let out = s
        .run(&["import", "first.jsonl", "second.jsonl"])
        .fails_with(2);
    assert_eq!(
        out.stdout,
        "first.jsonl: 5 new, 0 unchanged, 0 updated, 0 skipped\n"
    );
    assert!(
        out.stderr.starts_with("palabre: second.jsonl:2: kind: "),
        "{}",
        out.stderr
    );
    let info = s.json(&["info", "--json"]);
    assert_eq!(info["messages"], 5);
    assert_eq!(info["channels"].get("email"), None);
    s.run(&["show", "email:e1"]).fails_with(2);
}

#[test]
fn an_invalid_line_after_the_first_thousand_rolls_back_the_whole_file() {
    let (s, before) = store_with_data();
    let generated = s.bare(&["bench-gen", "1500"]).ok().stdout;
    let mut lines: Vec<&str> = generated.lines().collect();
    assert_eq!(lines.len(), 1500);
    lines[1199] = "{\"channel\": \"myspace\"}";
    s.write("big.jsonl", &(lines.join("\n") + "\n"));
    let out = s.run(&["import", "big.jsonl"]).fails_with(2);
    assert!(
        out.stderr.starts_with("palabre: big.jsonl:1200: channel: "),
        "{}",
        out.stderr
    );
    assert_eq!(s.snapshot(), before);
}

#[test]
fn a_missing_input_file_is_an_input_error() {
    let s = Sandbox::new();
    s.write("ok.jsonl", &jsonl(&five_messages()));
    let out = s.run(&["import", "ok.jsonl", "nope.jsonl"]).fails_with(2);
    assert!(
        out.stderr.starts_with("palabre: nope.jsonl: cannot open: "),
        "{}",
        out.stderr
    );
    assert_eq!(s.json(&["info", "--json"])["messages"], 5);
}

#[test]
fn an_invalid_line_never_echoes_terminal_escapes() {
    let s = Sandbox::new();
    let line = msg("x", "q", None, "hello", 0).to_string().replace(
        "\"channel\":\"x\"",
        "\"channel\":\"\\u001b]0;PWNED\\u0007\\u001b[2J\"",
    );
    s.write("bad.jsonl", &format!("{line}\n"));
    let out = s.run(&["import", "bad.jsonl"]).fails_with(2);
    assert!(
        out.stderr.contains("bad.jsonl:1: channel:"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains('\u{1b}') && !out.stderr.contains('\u{7}'),
        "{:?}",
        out.stderr
    );
}
