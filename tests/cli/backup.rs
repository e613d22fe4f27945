//! `palabre backup` and `palabre restore`: everything people made survives,
//! unlike `export`.

use crate::support::*;

#[test]
fn a_restored_backup_keeps_tags_flags_assignees_notes_and_history() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages()).ok();
    let conv = s.conv("mastodon:m1").to_string();
    for args in [
        vec!["tag", &conv, "refund", "kettle"],
        vec!["assign", &conv, "léa"],
        vec!["flag", &conv, "watch", "--reason", "two in an hour"],
        vec!["note", &conv, "called them back"],
        vec!["status", &conv, "open"],
    ] {
        s.run(&args).ok();
    }
    let before = s.json(&["show", &conv, "--json"]);
    let out = s.run(&["backup", "b.palabre", "--json"]).ok().json();
    assert_eq!(out["conversations"], 3);
    assert_eq!(out["messages"], 5);

    // Export then re-import into a fresh store: the messages come back,
    // what people made does not — which is why backup exists.
    s.run(&["export", "-o", "all.jsonl"]).ok();
    let other = s.root().join("other.db");
    let other = other.to_str().unwrap();
    s.bare(&["--db", other, "import", "all.jsonl"]).ok();
    let exported = s
        .bare(&["--db", other, "show", "mastodon:m1", "--json"])
        .ok()
        .json();
    assert_eq!(exported["tags"], serde_json::json!([]));

    s.run(&["untag", &conv, "refund"]).ok();
    s.run(&["assign", &conv, "-"]).ok();
    s.import(
        "later.jsonl",
        &[msg("x", "z1", None, "zebra crossing outside the shop", 30)],
    )
    .ok();
    assert_eq!(s.list_ids(&["--search", "zebra"]).len(), 1);
    let restored = s.run(&["restore", "b.palabre"]).ok();
    assert!(
        restored.stdout.contains("restored from b.palabre"),
        "{}",
        restored.stdout
    );
    assert!(
        restored.stdout.contains(".before-restore-"),
        "{}",
        restored.stdout
    );
    let after = s.json(&["show", &conv, "--json"]);
    for key in [
        "tags",
        "assignee",
        "crisis_level",
        "status",
        "events",
        "messages",
    ] {
        assert_eq!(after[key], before[key], "{key}");
    }
    // The search index follows the restored store.
    assert!(s.list_ids(&["--search", "zebra"]).is_empty());
    assert_eq!(s.list_ids(&["--search", "kettle"]).len(), 1);

    // The content before the restore was kept, and restoring it undoes.
    let safety = std::fs::read_dir(s.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.contains(".before-restore-"))
        .expect("a safety copy beside the store");
    s.run(&["restore", &safety]).ok();
    let undone = s.json(&["show", &conv, "--json"]);
    assert_eq!(undone["assignee"], serde_json::Value::Null);
}

#[test]
fn backup_refuses_to_overwrite_and_restore_refuses_what_is_not_a_backup() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages()).ok();
    s.write("b.palabre", "precious");
    let out = s.run(&["backup", "b.palabre"]).fails_with(2);
    assert!(
        out.stderr.contains("b.palabre: already exists"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(s.root().join("b.palabre")).unwrap(),
        "precious"
    );

    let out = s.run(&["restore", "b.palabre"]).fails_with(2);
    assert!(
        out.stderr.contains("b.palabre: not a Palabre backup"),
        "{}",
        out.stderr
    );
    assert_eq!(s.list_ids(&[]).len(), 3, "nothing changed");
    let none = std::fs::read_dir(s.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .all(|e| !e.file_name().to_string_lossy().contains("before-restore"));
    assert!(none, "a refused restore makes no safety copy");
}
