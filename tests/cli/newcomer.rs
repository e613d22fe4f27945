//! What a newcomer meets first: the demo's store from any command, an empty
//! store that says how to fill it, errors in plain words.

use crate::support::*;

#[test]
fn every_command_reaches_the_demo_store_with_demo_or_palabre_demo() {
    let s = Sandbox::new();
    let shown = s.bare(&["--demo", "show", "141", "--json"]).ok().json();
    assert_eq!(shown["id"], 141);
    let mut cmd = s.command();
    cmd.env("PALABRE_DEMO", "1");
    let again = s.exec(cmd, &["show", "141", "--json"], None).ok().json();
    assert_eq!(again["id"], 141);
    // The user's own store was never created or touched.
    assert!(!s.data_home().join("palabre").join("palabre.db").exists());
    let out = s.bare(&["--demo", "--db", "x.db", "list"]).fails_with(2);
    assert!(out.stderr.contains("--demo"), "{}", out.stderr);
}

#[test]
fn the_demo_looks_like_a_live_morning() {
    let s = Sandbox::new();
    let list = s
        .bare(&["--demo", "list", "--json", "--limit", "0"])
        .ok()
        .json();
    let newest = list
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["last_activity"].as_str())
        .filter_map(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .max()
        .expect("times in the demo queue");
    let age = chrono::Utc::now() - newest.with_timezone(&chrono::Utc);
    assert!(
        age < chrono::Duration::hours(1),
        "the newest message is {age} old"
    );
}

#[test]
fn an_empty_store_says_how_to_fill_it() {
    let s = Sandbox::new();
    let out = s.run(&["list"]).ok();
    assert!(out.stdout.contains("palabre import FILE"), "{}", out.stdout);
    assert!(out.stdout.contains("--demo"), "{}", out.stdout);
    let out = s.run(&["show", "141"]).fails_with(2);
    assert!(out.stderr.contains("no conversation 141"), "{}", out.stderr);
    assert!(out.stderr.contains("is empty"), "{}", out.stderr);
    // Once something is there, a missing one is just missing.
    s.import("in.jsonl", &five_messages()).ok();
    let out = s.run(&["show", "141"]).fails_with(2);
    assert!(!out.stderr.contains("is empty"), "{}", out.stderr);
}

#[test]
fn errors_speak_of_what_people_know_and_cut_huge_values() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages()).ok();
    let out = s
        .run(&["flag", "1", "bogus", "--reason", "x"])
        .fails_with(2);
    assert!(
        out.stderr.contains("unknown crisis level `bogus`"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("CrisisLevel"), "{}", out.stderr);

    let huge = "x".repeat(300_000);
    let line = with(msg("x", "h1", None, "hi", 0), |v| {
        v["channel"] = huge.clone().into()
    });
    s.write("huge.jsonl", &jsonl(&[line]));
    let out = s.run(&["import", "huge.jsonl"]).fails_with(2);
    assert!(
        out.stderr
            .contains("huge.jsonl:1: channel: unknown variant"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("(300000 characters)"), "{}", out.stderr);
    assert!(
        out.stderr.len() < 1_000,
        "{} bytes of error",
        out.stderr.len()
    );
}

#[test]
fn a_saved_network_response_imported_without_from_names_the_network() {
    let s = Sandbox::new();
    let file = manifest_file("tests/fixtures/x/mentions_page1.json");
    let out = s.run(&["import", file.to_str().unwrap()]).fails_with(2);
    assert!(
        out.stderr.contains(
            "this is a saved x response, not JSONL: import it with `palabre import --from x"
        ),
        "{}",
        out.stderr
    );
    // A one-line JSONL mistake stays a JSONL error.
    s.write("bad.jsonl", "{\"channel\": \"x\"}\n");
    let out = s.run(&["import", "bad.jsonl"]).fails_with(2);
    assert!(!out.stderr.contains("--from"), "{}", out.stderr);
}

#[test]
fn config_check_takes_the_file_to_check() {
    let s = Sandbox::new();
    let good = s.write("good.toml", "user = \"zoé\"\n");
    let out = s.bare(&["config", "check", good.to_str().unwrap()]).ok();
    assert!(out.stdout.contains("good.toml: ok"), "{}", out.stdout);
    s.write(
        "bad.toml",
        "user = \"zoé\"\n[sla]\nfirst_response = \"soon\"\n",
    );
    let out = s.bare(&["config", "check", "bad.toml"]).fails_with(2);
    assert!(out.stderr.contains("bad.toml:"), "{}", out.stderr);
}
