//! `palabre import --from NETWORK FILE.json`: saved native API responses
//! through the real binary, each run against a store of its own.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_palabre");

struct Sandbox {
    dir: tempfile::TempDir,
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    #[track_caller]
    fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "expected success\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", self.stdout, self.stderr))
    }
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temporary directory");
        for sub in ["home", "data", "config"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("sandbox directories");
        }
        Sandbox { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.root().join(name);
        std::fs::write(&path, text).expect("write input");
        path
    }

    fn run(&self, args: &[&str]) -> Run {
        let db = self.root().join("store.db");
        let output: Output = Command::new(BIN)
            .current_dir(self.root())
            .env_remove("PALABRE_DB")
            .env_remove("PALABRE_DEMO")
            .env_remove("PALABRE_USER")
            .env("USER", "tester")
            .env("HOME", self.root().join("home"))
            .env("XDG_DATA_HOME", self.root().join("data"))
            .env("XDG_CONFIG_HOME", self.root().join("config"))
            .env("NO_COLOR", "1")
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .expect("run palabre");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    fn message_count(&self) -> u64 {
        let info = self.run(&["info", "--json"]).ok().json();
        info["messages"].as_u64().unwrap_or(0)
    }
}

fn fixture(rel: &str) -> String {
    format!("{}/tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn sample(rel: &str) -> String {
    format!("{}/sample-data/native/{rel}", env!("CARGO_MANIFEST_DIR"))
}

/// Every fixture, with the options its network needs.
fn every_fixture() -> Vec<(&'static str, Vec<&'static str>, Vec<String>)> {
    vec![
        (
            "mastodon",
            vec!["--instance", "social.example", "--me", "kettlo"],
            vec![
                fixture("mastodon/notifications_page1.json"),
                fixture("mastodon/notifications_page2.json"),
                fixture("mastodon/context.json"),
            ],
        ),
        (
            "bluesky",
            vec!["--me", "kettlo.bsky.social"],
            vec![
                fixture("bluesky/notifications_page1.json"),
                fixture("bluesky/notifications_page2.json"),
                fixture("bluesky/thread.json"),
            ],
        ),
        (
            "reddit",
            vec!["--me", "kettlo_support"],
            vec![
                fixture("reddit/inbox_page1.json"),
                fixture("reddit/inbox_page2.json"),
            ],
        ),
        (
            "youtube",
            vec!["--me", "UCkettlo0000000000000000"],
            vec![
                fixture("youtube/comment_threads_page1.json"),
                fixture("youtube/comments_replies.json"),
            ],
        ),
        (
            "x",
            vec!["--me", "kettlo"],
            vec![
                fixture("x/mentions_page1.json"),
                fixture("x/mentions_page2.json"),
            ],
        ),
        (
            "facebook",
            vec!["--me", "104000000000001"],
            vec![
                fixture("facebook/comments_page1.json"),
                fixture("facebook/comments_page2.json"),
                fixture("facebook/feed.json"),
            ],
        ),
        (
            "instagram",
            vec!["--me", "kettlo"],
            vec![
                fixture("instagram/media_comments.json"),
                fixture("instagram/replies.json"),
            ],
        ),
    ]
}

fn import_args<'a>(network: &'a str, options: &'a [&'a str], files: &'a [String]) -> Vec<&'a str> {
    let mut args = vec!["import", "--from", network, "--json"];
    args.extend_from_slice(options);
    args.extend(files.iter().map(String::as_str));
    args
}

#[test]
fn every_network_imports_and_reimport_changes_nothing() {
    let s = Sandbox::new();
    let mut total = 0;
    for (network, options, files) in every_fixture() {
        let first = s.run(&import_args(network, &options, &files)).ok().json();
        let new = first["new"].as_u64().unwrap_or(0);
        assert!(new > 0, "{network}: nothing new: {first}");
        total += new;
        let again = s.run(&import_args(network, &options, &files)).ok().json();
        assert_eq!(again["new"], 0, "{network}: {again}");
        assert_eq!(again["updated"], 0, "{network}: {again}");
        assert!(
            again["unchanged"].as_u64().unwrap_or(0) >= new,
            "{network}: {again}"
        );
    }
    assert_eq!(s.message_count(), total);
}

#[test]
fn mastodon_notifications_then_context_make_one_thread() {
    let s = Sandbox::new();
    let out = s
        .run(&[
            "import",
            "--from",
            "mastodon",
            "--instance",
            "social.example",
            "--me",
            "kettlo",
            &fixture("mastodon/notifications_page1.json"),
            &fixture("mastodon/context.json"),
        ])
        .ok();
    assert!(out.stdout.contains("2 ignored"), "{}", out.stdout);
    let shown = s
        .run(&["show", "mastodon:113920655555555555", "--json"])
        .ok()
        .json();
    let messages = shown["messages"].as_array().cloned().unwrap_or_default();
    let ids: Vec<&str> = messages.iter().filter_map(|m| m["id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            "113920500000000001",
            "113920580000000001",
            "113920601877409112",
            "113920655555555555"
        ]
    );
    assert_eq!(messages[0]["direction"], "outbound");
    assert_eq!(messages[0]["author"]["handle"], "kettlo@social.example");
    assert_eq!(messages[3]["depth"], 3);
}

#[test]
fn our_own_replies_are_outbound() {
    let s = Sandbox::new();
    s.run(&[
        "import",
        "--from",
        "x",
        "--me",
        "kettlo",
        &fixture("x/mentions_page1.json"),
    ])
    .ok();
    let shown = s
        .run(&["show", "x:2114653117181338342", "--json"])
        .ok()
        .json();
    let directions: Vec<(&str, &str)> = shown["messages"]
        .as_array()
        .map(|ms| {
            ms.iter()
                .map(|m| {
                    (
                        m["id"].as_str().unwrap_or(""),
                        m["direction"].as_str().unwrap_or(""),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        directions,
        [
            ("2114624974679683556", "inbound"),
            ("2114647519471282387", "outbound"),
            ("2114653117181338342", "inbound"),
        ]
    );
    assert_eq!(shown["unanswered"], true, "our reply, then theirs: {shown}");
}

#[test]
fn a_missing_required_field_names_file_and_path_and_keeps_the_store_untouched() {
    let s = Sandbox::new();
    let good = fixture("mastodon/notifications_page1.json");
    s.write(
        "notifications.json",
        r#"[
  {"id":"1","type":"mention","created_at":"2026-01-01T00:00:00Z","status":{"id":"10","content":"<p>ok</p>","created_at":"2026-01-01T00:00:00Z","account":{"acct":"a@b.example"}}},
  {"id":"2","type":"favourite","created_at":"2026-01-01T00:00:00Z"},
  {"id":"3","type":"mention","created_at":"2026-01-01T00:00:00Z","status":{"id":"11","content":"","created_at":"2026-01-01T00:00:00Z","account":{"acct":"c@d.example"}}},
  {"id":"4","type":"mention","created_at":"2026-01-01T00:00:00Z","status":{"id":"12","content":"","created_at":"2026-01-01T00:00:00Z","account":{"display_name":"No acct","unknown_field":true}}}
]"#,
    );
    // A good file before the bad one is not imported either.
    let out = s.run(&["import", "--from", "mastodon", &good, "notifications.json"]);
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stderr
            .contains("notifications.json: [3].status.account.acct: missing field"),
        "{}",
        out.stderr
    );
    assert_eq!(s.message_count(), 0);

    s.write("broken.json", r#"{"notifications": ["#);
    let out = s.run(&["import", "--from", "bluesky", "broken.json"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("broken.json: (file): not valid JSON"),
        "{}",
        out.stderr
    );

    s.write(
        "inbox.json",
        r#"{"kind":"Listing","data":{"children":[{"kind":"t1","data":{"name":"t1_x","author":"a","body":"b"}}]}}"#,
    );
    let out = s.run(&["import", "--from", "reddit", "inbox.json"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("inbox.json: data.children[0].data.created_utc: missing field"),
        "{}",
        out.stderr
    );
    assert_eq!(s.message_count(), 0);
}

#[test]
fn unreadable_items_are_skipped_with_their_reason() {
    let s = Sandbox::new();
    let out = s
        .run(&[
            "import",
            "--from",
            "facebook",
            &fixture("facebook/comments_page1.json"),
        ])
        .ok();
    assert!(
        out.stderr
            .contains("data[2]: a comment without an id cannot be answered (skipped)"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("4 new"), "{}", out.stdout);
    assert!(out.stdout.contains("1 skipped"), "{}", out.stdout);
}

#[test]
fn options_need_a_network() {
    let s = Sandbox::new();
    let out = s.run(&["import", "--me", "kettlo", "x.json"]);
    assert_eq!(out.code, 2);
    let out = s.run(&["import", "--from", "myspace", "x.json"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("mastodon"), "{}", out.stderr);
}

#[test]
fn sample_native_pages_import() {
    let s = Sandbox::new();
    for (network, file, options) in [
        (
            "mastodon",
            "mastodon-notifications.json",
            &["--instance", "social.example", "--me", "kettlo"][..],
        ),
        (
            "bluesky",
            "bluesky-notifications.json",
            &["--me", "kettlo.bsky.social"][..],
        ),
        (
            "reddit",
            "reddit-inbox.json",
            &["--me", "kettlo_support"][..],
        ),
        (
            "youtube",
            "youtube-comment-threads.json",
            &["--me", "@Kettlo"][..],
        ),
        ("x", "x-mentions.json", &["--me", "kettlo"][..]),
        (
            "facebook",
            "facebook-comments.json",
            &["--me", "104000000000001"][..],
        ),
        (
            "instagram",
            "instagram-comments.json",
            &["--me", "kettlo"][..],
        ),
    ] {
        let path = sample(file);
        let files = [path];
        let report = s.run(&import_args(network, options, &files)).ok().json();
        assert!(report["new"].as_u64().unwrap_or(0) >= 2, "{file}: {report}");
        assert_eq!(report["skipped"], 0, "{file}: {report}");
    }
    let list = s.run(&["list", "--json"]).ok().json();
    let channels: std::collections::BTreeSet<&str> = list
        .as_array()
        .map(|cs| cs.iter().filter_map(|c| c["channel"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(channels.len(), 7, "{channels:?}");
}
