//! `palabre demo`, and no subcommand with or without `PALABRE_DEMO`.

use crate::support::{Out, Sandbox, five_messages, manifest_file};
use serde_json::json;
use std::path::Path;

fn sample_line_count() -> u64 {
    std::fs::read_to_string(manifest_file("sample-data/conversations.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count() as u64
}

#[track_caller]
fn assert_prints_the_demo_queue(out: &Out, demo_db: &Path, messages: u64) {
    let mut lines = out.stdout.lines();
    let title = lines.next().unwrap_or("");
    assert!(
        title.starts_with(&format!("{} — ", demo_db.display()))
            && title.ends_with(&format!(" conversations, {messages} messages")),
        "{title}"
    );
    let header = lines.next().unwrap_or("");
    for col in ["ID", "CHANNEL", "STATUS", "TEXT"] {
        assert!(header.contains(col), "{header}");
    }
    assert!(lines.count() > 0, "the queue is empty:\n{}", out.stdout);
}

#[test]
fn demo_imports_the_bundled_sample_once_and_prints_the_queue() {
    let s = Sandbox::new();
    let demo_db = s.data_home().join("palabre").join("demo.db");
    let n = sample_line_count();

    let first = s.bare(&["demo"]).ok();
    assert_eq!(
        first.stderr,
        format!(
            "demo store {}: {n} new, 0 unchanged, 0 updated, 0 skipped\n",
            demo_db.display()
        )
    );
    assert_prints_the_demo_queue(&first, &demo_db, n);
    let info = s
        .bare(&["--db", demo_db.to_str().unwrap(), "info", "--json"])
        .ok()
        .json();
    assert_eq!(info["messages"], n);

    let second = s.bare(&["demo"]).ok();
    assert_eq!(second.stderr, "", "the second run imported something");
    assert_prints_the_demo_queue(&second, &demo_db, n);
    assert_eq!(
        s.bare(&["--db", demo_db.to_str().unwrap(), "info", "--json"])
            .ok()
            .json(),
        info
    );
    // The user's own store is never created by the demo.
    assert!(!s.data_home().join("palabre").join("palabre.db").exists());
}

#[test]
fn demo_keeps_what_was_done_in_it() {
    let s = Sandbox::new();
    let demo_db = s.data_home().join("palabre").join("demo.db");
    s.bare(&["demo"]).ok();
    let db = demo_db.to_str().unwrap();
    s.bare(&["--db", db, "tag", "1", "kept"]).ok();
    s.bare(&["demo"]).ok();
    assert_eq!(
        s.bare(&["--db", db, "show", "1", "--json"]).ok().json()["tags"],
        json!(["kept"])
    );
}

#[test]
fn no_subcommand_with_palabre_demo_opens_the_demo() {
    let s = Sandbox::new();
    let demo_db = s.data_home().join("palabre").join("demo.db");
    let n = sample_line_count();
    let mut cmd = s.command();
    cmd.env("PALABRE_DEMO", "1");
    let first = s.exec(cmd, &[], None).ok();
    assert_eq!(
        first.stderr,
        format!(
            "demo store {}: {n} new, 0 unchanged, 0 updated, 0 skipped\n",
            demo_db.display()
        )
    );
    assert_prints_the_demo_queue(&first, &demo_db, n);

    let mut cmd = s.command();
    cmd.env("PALABRE_DEMO", "1");
    let second = s.exec(cmd, &[], None).ok();
    assert_eq!(second.stderr, "");
    assert_prints_the_demo_queue(&second, &demo_db, n);

    // `palabre demo` afterwards finds the same store and imports nothing.
    let third = s.bare(&["demo"]).ok();
    assert_eq!(third.stderr, "");
    assert_eq!(third.stdout.lines().next(), second.stdout.lines().next());
}

#[test]
fn no_subcommand_without_palabre_demo_shows_the_users_store() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let out = s.run(&[]).ok();
    assert_eq!(out.stderr, "");
    assert!(
        out.stdout.starts_with(&format!(
            "{} — 3 conversations, 5 messages\n",
            s.db().display()
        )),
        "{}",
        out.stdout
    );
    assert!(!s.data_home().join("palabre").join("demo.db").exists());
    // A store named with --db wins over PALABRE_DEMO.
    let mut cmd = s.command();
    cmd.env("PALABRE_DEMO", "1");
    let out = s.run_with(cmd, &[], None).ok();
    assert!(out.stdout.starts_with(&format!("{} — ", s.db().display())));
    assert!(!s.data_home().join("palabre").join("demo.db").exists());
}
