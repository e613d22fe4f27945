//! Integration tests of the `palabre` command line: every test runs the real
//! binary against a store of its own, in a sandbox whose home, data and
//! configuration directories are temporary, so that nothing of the machine
//! running the tests leaks in.

use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_palabre");
/// The login name every sandbox runs as (`USER`).
const LOGIN: &str = "login-name";

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// What one run of the binary produced.
#[derive(Debug)]
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Out {
    #[track_caller]
    fn ok(self) -> Out {
        assert_eq!(
            self.code, 0,
            "expected success\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    fn fails_with(self, code: i32) -> Out {
        assert_eq!(
            self.code, code,
            "expected exit status {code}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e})\n--- stdout\n{}\n--- stderr\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

/// A temporary directory holding the store, `HOME`, `XDG_DATA_HOME`,
/// `XDG_CONFIG_HOME`, and input files; it is also the working directory of
/// every run, so relative input paths resolve inside it.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temporary directory");
        for sub in ["home", "data", "config"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        Sandbox { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn db(&self) -> PathBuf {
        self.root().join("store.db")
    }

    fn data_home(&self) -> PathBuf {
        self.root().join("data")
    }

    fn config_home(&self) -> PathBuf {
        self.root().join("config")
    }

    /// Writes `text` at `rel` (inside the sandbox) and returns the full path.
    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.root().join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(&path, text).unwrap();
        path
    }

    /// The binary with a clean environment and no `--db`.
    fn command(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.current_dir(self.root())
            .env_remove("PALABRE_DEMO")
            .env_remove("PALABRE_DB")
            .env_remove("PALABRE_USER")
            .env_remove("LOGNAME")
            .env("USER", LOGIN)
            .env("HOME", self.root().join("home"))
            .env("XDG_DATA_HOME", self.data_home())
            .env("XDG_CONFIG_HOME", self.config_home())
            .env("NO_COLOR", "1");
        cmd
    }

    fn exec(&self, mut cmd: Command, args: &[&str], stdin: Option<&str>) -> Out {
        cmd.args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            });
        let mut child = cmd.spawn().expect("run palabre");
        let writer = stdin.map(|text| {
            let mut pipe = child.stdin.take().unwrap();
            let text = text.to_string();
            std::thread::spawn(move || {
                // The binary may stop reading early (a bad line): ignore EPIPE.
                let _ = pipe.write_all(text.as_bytes());
            })
        });
        let output = child.wait_with_output().expect("wait for palabre");
        if let Some(w) = writer {
            w.join().unwrap();
        }
        Out {
            code: output
                .status
                .code()
                .expect("palabre was killed by a signal"),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Runs with exactly `args` (no `--db`).
    fn bare(&self, args: &[&str]) -> Out {
        self.exec(self.command(), args, None)
    }

    /// Runs with `--db STORE` then `args`.
    fn run(&self, args: &[&str]) -> Out {
        self.run_with(self.command(), args, None)
    }

    /// Runs with `--db STORE` then `args`, with `stdin` on standard input.
    fn run_stdin(&self, args: &[&str], stdin: &str) -> Out {
        self.run_with(self.command(), args, Some(stdin))
    }

    fn run_with(&self, cmd: Command, args: &[&str], stdin: Option<&str>) -> Out {
        let db = self.db();
        let mut all = vec!["--db", db.to_str().unwrap()];
        all.extend_from_slice(args);
        self.exec(cmd, &all, stdin)
    }

    /// Runs `args` (which should include `--json`), expects success, parses stdout.
    #[track_caller]
    fn json(&self, args: &[&str]) -> Value {
        self.run(args).ok().json()
    }

    /// Writes `lines` to `rel` and imports that file.
    #[track_caller]
    fn import(&self, rel: &str, lines: &[Value]) -> Out {
        self.write(rel, &jsonl(lines));
        self.run(&["import", rel]).ok()
    }

    /// The conversation number that `reference` resolves to.
    #[track_caller]
    fn conv(&self, reference: &str) -> i64 {
        self.json(&["show", reference, "--json"])["id"]
            .as_i64()
            .expect("numeric conversation id")
    }

    /// The ids of `list --json` with the given filters (all of them unless
    /// the filters say `--limit`).
    #[track_caller]
    fn list_ids(&self, filters: &[&str]) -> Vec<i64> {
        let mut args = vec!["list", "--json"];
        if !filters.contains(&"--limit") {
            args.extend_from_slice(&["--limit", "0"]);
        }
        args.extend_from_slice(filters);
        self.json(&args)
            .as_array()
            .expect("list --json is an array")
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect()
    }

    /// Each conversation as the set of `channel:id` of its messages.
    fn groups(&self) -> BTreeSet<BTreeSet<String>> {
        self.list_ids(&[])
            .into_iter()
            .map(|id| {
                self.json(&["show", &id.to_string(), "--json"])["messages"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| format!("{}:{}", str_of(&m["channel"]), str_of(&m["id"])))
                    .collect()
            })
            .collect()
    }

    /// Everything observable about the store: counts, the queue, the history
    /// of every conversation, and every message.
    fn snapshot(&self) -> Value {
        let queue = self.json(&["list", "--json", "--limit", "0"]);
        let histories: Vec<Value> = queue
            .as_array()
            .unwrap()
            .iter()
            .map(|c| self.json(&["history", &c["id"].to_string(), "--json"]))
            .collect();
        json!({
            "info": self.json(&["info", "--json"]),
            "queue": queue,
            "histories": histories,
            "export": self.run(&["export", "--format", "jsonl"]).ok().stdout,
        })
    }
}

fn str_of(v: &Value) -> &str {
    v.as_str()
        .unwrap_or_else(|| panic!("expected a string, got {v}"))
}

/// One interchange line: an inbound message on `channel`, replying to
/// `parent` when given, written `minute` minutes after 10:00 on 2 November 2026.
fn msg(channel: &str, id: &str, parent: Option<&str>, text: &str, minute: u32) -> Value {
    json!({
        "channel": channel,
        "id": id,
        "parent_id": parent,
        "kind": if parent.is_some() { "reply" } else { "mention" },
        "direction": "inbound",
        "author": {
            "handle": format!("user_{id}"),
            "name": format!("User {id}"),
            "followers": 10,
            "verified": false
        },
        "text": text,
        "lang": "en",
        "created_at": format!("2026-11-02T{:02}:{:02}:00Z", 10 + minute / 60, minute % 60),
        "url": null,
        "metrics": {"likes": 1, "shares": 0, "replies": 0}
    })
}

/// `v` changed by `f`.
fn with(mut v: Value, f: impl FnOnce(&mut Value)) -> Value {
    f(&mut v);
    v
}

fn jsonl(lines: &[Value]) -> String {
    lines.iter().map(|v| format!("{v}\n")).collect()
}

/// Five messages in three conversations: a mastodon thread of three, a
/// bluesky root and a reddit root.
fn five_messages() -> Vec<Value> {
    vec![
        msg("mastodon", "m1", None, "my kettle lid is leaking", 0),
        msg("mastodon", "m2", Some("m1"), "same problem here", 5),
        msg("mastodon", "m3", Some("m2"), "did support answer you?", 9),
        msg("bluesky", "b1", None, "refund still not received", 12),
        msg("reddit", "r1", None, "love the grinder", 20),
    ]
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("expected an object, got {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

#[track_caller]
fn assert_has_keys(v: &Value, expected: &[&str]) {
    let have = keys(v);
    for k in expected {
        assert!(have.contains(k), "missing key `{k}` in {v}");
    }
}

fn events(v: &Value) -> &Vec<Value> {
    v["events"]
        .as_array()
        .unwrap_or_else(|| panic!("no events array in {v}"))
}

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

fn manifest_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

// ---------------------------------------------------------------------------
// 1. Import idempotency
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// 2. Threading
// ---------------------------------------------------------------------------

#[track_caller]
fn assert_one_thread_of_three(s: &Sandbox) {
    let queue = s.json(&["list", "--json"]);
    let queue = queue.as_array().unwrap();
    assert_eq!(queue.len(), 1, "{queue:?}");
    assert_eq!(queue[0]["message_count"], 3);
    let shown = s.json(&["show", &queue[0]["id"].to_string(), "--json"]);
    let order: Vec<(&str, u64)> = shown["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (str_of(&m["id"]), m["depth"].as_u64().unwrap()))
        .collect();
    assert_eq!(order, vec![("root", 0), ("reply", 1), ("reply2", 2)]);
}

fn thread_of_three() -> [Value; 3] {
    [
        msg("mastodon", "root", None, "the root", 0),
        msg("mastodon", "reply", Some("root"), "a reply", 1),
        msg(
            "mastodon",
            "reply2",
            Some("reply"),
            "a reply to the reply",
            2,
        ),
    ]
}

#[test]
fn replies_before_their_root_in_one_file_make_one_conversation() {
    let [root, reply, reply2] = thread_of_three();
    let orders = [
        [&reply, &reply2, &root],
        [&reply2, &reply, &root],
        [&reply, &root, &reply2],
        [&reply2, &root, &reply],
        [&root, &reply2, &reply],
        [&root, &reply, &reply2],
    ];
    for order in orders {
        let s = Sandbox::new();
        let lines: Vec<Value> = order.iter().map(|v| (*v).clone()).collect();
        s.import("in.jsonl", &lines);
        assert_one_thread_of_three(&s);
    }
}

#[test]
fn replies_before_their_root_across_imports_make_one_conversation() {
    let [root, reply, reply2] = thread_of_three();
    for order in [[&reply2, &reply, &root], [&reply, &reply2, &root]] {
        let s = Sandbox::new();
        for (i, line) in order.iter().enumerate() {
            s.import(&format!("part{i}.jsonl"), &[(*line).clone()]);
        }
        assert_one_thread_of_three(&s);
        assert_eq!(s.json(&["info", "--json"])["conversations"], 1);
    }
}

#[test]
fn show_orders_replies_depth_first_with_siblings_by_time() {
    let s = Sandbox::new();
    s.import(
        "in.jsonl",
        &[
            msg("reddit", "a1", Some("root"), "first answer", 1),
            msg("reddit", "b", Some("root"), "second answer", 2),
            msg("reddit", "a", Some("root"), "earliest answer", 0),
            msg("reddit", "a2", Some("a"), "answer to the earliest", 3),
            msg("reddit", "root", None, "question", 0),
        ],
    );
    let shown = s.json(&["show", "reddit:root", "--json"]);
    let order: Vec<(&str, u64)> = shown["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (str_of(&m["id"]), m["depth"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        order,
        vec![("root", 0), ("a", 1), ("a2", 2), ("a1", 1), ("b", 1)]
    );
}

#[test]
fn a_reply_whose_parent_never_arrives_stays_a_conversation_of_its_own() {
    let s = Sandbox::new();
    s.import(
        "in.jsonl",
        &[
            msg("youtube", "c2", Some("missing"), "orphan", 0),
            msg("youtube", "c3", Some("c2"), "reply to the orphan", 1),
            msg("youtube", "other", None, "unrelated", 2),
        ],
    );
    let shown = s.json(&["show", "youtube:c3", "--json"]);
    assert_eq!(shown["message_count"], 2);
    let depths: Vec<u64> = shown["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["depth"].as_u64().unwrap())
        .collect();
    assert_eq!(depths, vec![0, 1]);
    assert_eq!(s.json(&["info", "--json"])["conversations"], 2);
}

#[test]
fn a_merged_conversation_number_is_never_reused() {
    let s = Sandbox::new();
    let [_, reply, reply2] = thread_of_three();
    s.import("a.jsonl", &[reply2]);
    let orphan = s.conv("mastodon:reply2");
    // `reply` opens a conversation of its own (its root is missing) and the
    // orphan waiting under its id is merged into it.
    s.import("b.jsonl", &[reply]);
    let merged = s.conv("mastodon:reply2");
    assert_ne!(merged, orphan);
    assert_eq!(s.conv("mastodon:reply"), merged);
    assert_eq!(s.json(&["info", "--json"])["conversations"], 1);
    // The old number leads to where it went (someone may have it open).
    assert_eq!(
        s.json(&["show", &orphan.to_string(), "--json"])["id"],
        merged
    );
    s.import("c.jsonl", &[msg("x", "later", None, "a new one", 30)]);
    let later = s.conv("x:later");
    assert!(later > merged && later != orphan, "{later}");
}

#[test]
fn a_new_inbound_message_reopens_a_waiting_conversation() {
    let s = Sandbox::new();
    s.import("a.jsonl", &[msg("x", "q", None, "any news?", 0)]);
    let conv = s.conv("x:q");
    s.run(&["reply", &conv.to_string(), "checking"]).ok();
    assert_eq!(s.json(&["show", "x:q", "--json"])["status"], "waiting");
    s.import(
        "b.jsonl",
        &[with(msg("x", "q2", Some("q"), "still nothing", 600), |v| {
            v["created_at"] = json!("2099-01-01T00:00:00Z");
        })],
    );
    let shown = s.json(&["show", "x:q", "--json"]);
    assert_eq!(shown["status"], "open");
    let last = events(&shown).last().unwrap().clone();
    assert_eq!(last["kind"], "status");
    assert_eq!(last["payload"]["from"], "waiting");
    assert_eq!(last["payload"]["to"], "open");
}

// ---------------------------------------------------------------------------
// 3. Invalid lines
// ---------------------------------------------------------------------------

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
        out.stderr.contains("3 invalid line(s) skipped"),
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

// ---------------------------------------------------------------------------
// 4. Standard input
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// 5. JSON of every subcommand
// ---------------------------------------------------------------------------

#[test]
fn info_json_counts_messages_conversations_channels_and_languages() {
    let s = Sandbox::new();
    let empty = s.json(&["info", "--json"]);
    assert_eq!(
        keys(&empty),
        BTreeSet::from([
            "messages",
            "conversations",
            "channels",
            "languages",
            "schema_version"
        ])
    );
    assert_eq!(empty["messages"], 0);
    assert_eq!(empty["conversations"], 0);
    assert_eq!(empty["channels"], json!({}));
    assert_eq!(empty["languages"], json!({}));
    assert!(empty["schema_version"].as_i64().unwrap() >= 1);

    let mut lines = five_messages();
    lines[3]["lang"] = json!("fr");
    lines[4]["lang"] = json!("pt-BR");
    lines[0].as_object_mut().unwrap().remove("lang");
    s.import("in.jsonl", &lines);
    let info = s.json(&["info", "--json"]);
    assert_eq!(info["messages"], 5);
    assert_eq!(info["conversations"], 3);
    assert_eq!(
        info["channels"],
        json!({"mastodon": 3, "bluesky": 1, "reddit": 1})
    );
    assert_eq!(
        info["languages"],
        json!({"en": 2, "fr": 1, "pt": 1, "und": 1})
    );
    assert_eq!(info["schema_version"], empty["schema_version"]);
}

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

#[test]
fn show_json_has_the_summary_messages_draft_and_events() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("mastodon:m1");
    s.run(&[
        "--as",
        "lea",
        "note",
        &conv.to_string(),
        "called the customer",
    ])
    .ok();
    let shown = s.json(&["show", &conv.to_string(), "--json"]);
    assert_has_keys(
        &shown,
        &[
            "id",
            "channel",
            "status",
            "tags",
            "crisis_level",
            "assignee",
            "message_count",
            "last_activity",
            "messages",
            "draft",
            "events",
        ],
    );
    assert_eq!(shown["id"], conv);
    assert_eq!(shown["draft"], Value::Null);
    let messages = shown["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 3);
    // Each message is the interchange message plus its depth.
    let first = &messages[0];
    let original = &five_messages()[0];
    for k in keys(original) {
        assert_eq!(first[k], original[k], "field {k}");
    }
    assert_eq!(first["depth"], 0);
    let evs = events(&shown);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "note");
    assert_eq!(evs[0]["actor"], "lea");
    assert_eq!(evs[0]["payload"]["text"], "called the customer");
    assert_has_keys(
        &evs[0],
        &["id", "conversation", "at", "actor", "kind", "payload"],
    );
}

#[test]
fn tag_and_untag_json_return_the_conversation_and_the_events_written() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("bluesky:b1").to_string();
    let out = s.json(&[
        "--as",
        "lea",
        "tag",
        &conv,
        "Needs Reply",
        "billing",
        "--json",
    ]);
    assert_eq!(keys(&out), BTreeSet::from(["conversation", "events"]));
    assert_eq!(
        out["conversation"]["tags"],
        json!(["billing", "needs-reply"])
    );
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "tag");
    assert_eq!(evs[0]["actor"], "lea");
    assert_eq!(evs[0]["payload"]["tags"], json!(["needs-reply", "billing"]));

    // Adding a tag that is there writes nothing.
    let out = s.json(&["tag", &conv, "BILLING", "--json"]);
    assert_eq!(out["events"], json!([]));
    assert_eq!(
        out["conversation"]["tags"],
        json!(["billing", "needs-reply"])
    );

    let out = s.json(&["untag", &conv, "needs reply", "absent", "--json"]);
    assert_eq!(out["conversation"]["tags"], json!(["billing"]));
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "untag");
    assert_eq!(evs[0]["payload"]["tags"], json!(["needs-reply"]));

    let out = s.json(&["untag", &conv, "absent", "--json"]);
    assert_eq!(out["events"], json!([]));
    // Every event written is in the history.
    let history = s.json(&["history", &conv, "--json"]);
    assert_eq!(history.as_array().unwrap().len(), 2);
}

#[test]
fn status_json_changes_the_status_once() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    let out = s.json(&["status", &conv, "resolved", "--json"]);
    assert_eq!(out["conversation"]["status"], "resolved");
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "status");
    assert_eq!(evs[0]["payload"]["from"], "new");
    assert_eq!(evs[0]["payload"]["to"], "resolved");
    let again = s.json(&["status", &conv, "resolved", "--json"]);
    assert_eq!(again["events"], json!([]));
    s.run(&["status", &conv, "closed"]).fails_with(2);
    assert_eq!(s.json(&["show", &conv, "--json"])["status"], "resolved");
}

#[test]
fn assign_json_sets_and_dash_clears_the_assignee() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    let out = s.json(&["assign", &conv, "lea", "--json"]);
    assert_eq!(out["conversation"]["assignee"], "lea");
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "assign");
    assert_eq!(evs[0]["payload"], json!({"from": null, "to": "lea"}));

    let out = s.json(&["assign", &conv, "lea", "--json"]);
    assert_eq!(out["events"], json!([]));

    let out = s.json(&["assign", &conv, "-", "--json"]);
    assert_eq!(out["conversation"]["assignee"], Value::Null);
    assert_eq!(
        events(&out)[0]["payload"],
        json!({"from": "lea", "to": null})
    );
}

#[test]
fn flag_json_records_the_level_and_the_reason() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("mastodon:m3").to_string();
    let out = s.json(&[
        "flag",
        &conv,
        "crisis",
        "--reason",
        "press picked it up",
        "--json",
    ]);
    assert_eq!(out["conversation"]["crisis_level"], "crisis");
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "crisis_flag");
    assert_eq!(
        evs[0]["payload"],
        json!({"from": "none", "to": "crisis", "reason": "press picked it up"})
    );
    // A crisis outranks everything else in the queue.
    assert_eq!(
        s.list_ids(&["--limit", "1"]),
        vec![conv.parse::<i64>().unwrap()]
    );
    // The reason is required.
    s.run(&["flag", &conv, "watch"]).fails_with(2);
    s.run(&["flag", &conv, "meltdown", "--reason", "x"])
        .fails_with(2);
}

#[test]
fn escalate_json_marks_the_conversation_escalated() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    let out = s.json(&[
        "escalate",
        &conv,
        "--to",
        "legal@kettlo.example",
        "--note",
        "threatens to sue",
        "--json",
    ]);
    assert_eq!(out["conversation"]["escalated"], true);
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "escalation");
    assert_eq!(
        evs[0]["payload"],
        json!({"to": "legal@kettlo.example", "note": "threatens to sue"})
    );
    // The note is optional, the contact is not.
    let out = s.json(&["escalate", &conv, "--to", "cm", "--json"]);
    assert_eq!(events(&out)[0]["payload"], json!({"to": "cm", "note": ""}));
    s.run(&["escalate", &conv]).fails_with(2);
}

#[test]
fn note_json_records_the_text() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    let before = s.json(&["show", &conv, "--json"]);
    let out = s.json(&["note", &conv, "customer is a journalist", "--json"]);
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "note");
    assert_eq!(evs[0]["payload"]["text"], "customer is a journalist");
    // A note changes no state.
    let after = out["conversation"].clone();
    let mut summary = before.clone();
    for k in [
        "messages",
        "draft",
        "events",
        "outbox",
        "learned_categories",
    ] {
        summary.as_object_mut().unwrap().remove(k);
    }
    assert_eq!(after, summary);
}

#[test]
fn reply_json_queues_the_reply_and_sets_waiting() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("bluesky:b1").to_string();
    let out = s.json(&["reply", &conv, "Hello, we're on it.\nLéa", "--json"]);
    assert_eq!(out["conversation"]["status"], "waiting");
    let evs = events(&out);
    assert_eq!(evs.len(), 2, "{evs:?}");
    assert_eq!(evs[0]["kind"], "reply_queued");
    assert_eq!(evs[0]["payload"]["text"], "Hello, we're on it.\nLéa");
    assert_eq!(evs[1]["kind"], "status");
    assert_eq!(evs[1]["payload"]["from"], "new");
    assert_eq!(evs[1]["payload"]["to"], "waiting");

    // Already waiting: only the reply is recorded, with a key of its own.
    let out = s.json(&["reply", &conv, "follow-up", "--json"]);
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "reply_queued");
    assert_eq!(evs[0]["payload"]["text"], "follow-up");
    let history = s.json(&["history", &conv, "--json"]);
    let keys: BTreeSet<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["payload"].get("idempotency_key").is_some())
        .map(|e| str_of(&e["payload"]["idempotency_key"]))
        .collect();
    assert_eq!(keys.len(), 2, "{history}");
}

#[test]
fn history_json_lists_every_event_in_order() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    assert_eq!(s.json(&["history", &conv, "--json"]), json!([]));
    s.run(&["tag", &conv, "vip"]).ok();
    s.run(&["assign", &conv, "lea"]).ok();
    s.run(&["status", &conv, "open"]).ok();
    s.run(&["note", &conv, "n"]).ok();
    s.run(&["escalate", &conv, "--to", "pr"]).ok();
    let history = s.json(&["history", &conv, "--json"]);
    let history = history.as_array().unwrap();
    let kinds: Vec<&str> = history.iter().map(|e| str_of(&e["kind"])).collect();
    assert_eq!(kinds, ["tag", "assign", "status", "note", "escalation"]);
    let ids: Vec<i64> = history.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    for e in history {
        assert_eq!(e["conversation"].to_string(), conv);
        assert_eq!(e["actor"], LOGIN);
        assert!(
            str_of(&e["at"]).ends_with('Z') && str_of(&e["at"]).contains('T'),
            "{e}"
        );
    }
    // The same as the events of show.
    assert_eq!(
        s.json(&["show", &conv, "--json"])["events"],
        Value::Array(history.clone())
    );
}

#[test]
fn event_kinds_in_json_are_spelled_as_in_the_store() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    s.run(&["flag", &conv, "watch", "--reason", "r"]).ok();
    s.run(&["reply", &conv, "hi"]).ok();
    let text = s.run(&["history", &conv]).ok().stdout;
    assert!(text.contains("crisis_flag") && text.contains("reply_queued"));
    let history = s.json(&["history", &conv, "--json"]);
    let kinds: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| str_of(&e["kind"]))
        .collect();
    assert_eq!(kinds, ["crisis_flag", "reply_queued", "status"]);
}

#[test]
fn changes_with_empty_values_are_refused() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    let before = s.snapshot();
    let cases: [(&[&str], &str); 4] = [
        (&["tag", &conv, "  "], "palabre: a tag must not be empty\n"),
        (&["note", &conv, " "], "palabre: a note must not be empty\n"),
        (
            &["reply", &conv, ""],
            "palabre: a reply must not be empty\n",
        ),
        (
            &["escalate", &conv, "--to", " "],
            "palabre: an escalation needs a contact\n",
        ),
    ];
    for (args, message) in cases {
        let out = s.run(args).fails_with(2);
        assert_eq!(out.stderr, message, "{args:?}");
    }
    assert_eq!(s.snapshot(), before);
}

// ---------------------------------------------------------------------------
// 6. Actor
// ---------------------------------------------------------------------------

fn actor_of_note(s: &Sandbox, conv: &str, env_user: Option<&str>, extra: &[&str]) -> String {
    let mut cmd = s.command();
    if let Some(u) = env_user {
        cmd.env("PALABRE_USER", u);
    }
    let mut args: Vec<&str> = extra.to_vec();
    args.extend_from_slice(&["note", conv, "who am I", "--json"]);
    let out = s.run_with(cmd, &args, None).ok().json();
    str_of(&events(&out)[0]["actor"]).to_string()
}

#[test]
fn the_actor_is_as_then_palabre_user_then_config_then_login() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    let config = s.write("cfg/user.toml", "user = \"from-config\"\n");
    let config = config.to_str().unwrap();
    let with_config = ["--config", config];
    let with_all = ["--config", config, "--as", "from-flag"];

    assert_eq!(
        actor_of_note(&s, &conv, Some("from-env"), &with_all),
        "from-flag"
    );
    assert_eq!(
        actor_of_note(&s, &conv, Some("from-env"), &with_config),
        "from-env"
    );
    assert_eq!(actor_of_note(&s, &conv, None, &with_config), "from-config");
    assert_eq!(actor_of_note(&s, &conv, None, &[]), LOGIN);

    // The default configuration file ($XDG_CONFIG_HOME/palabre/config.toml).
    s.write("config/palabre/config.toml", "user = \"default-config\"\n");
    assert_eq!(actor_of_note(&s, &conv, None, &[]), "default-config");
    assert_eq!(actor_of_note(&s, &conv, None, &["--as", "flag"]), "flag");

    let history = s.json(&["history", &conv, "--json"]);
    let actors: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| str_of(&e["actor"]))
        .collect();
    assert_eq!(
        actors,
        [
            "from-flag",
            "from-env",
            "from-config",
            LOGIN,
            "default-config",
            "flag"
        ]
    );
}

#[test]
fn imports_record_the_actor_in_their_events() {
    let s = Sandbox::new();
    let mut lines = five_messages();
    s.import("in.jsonl", &lines);
    lines[4]["text"] = json!("hate the grinder now");
    s.write("in.jsonl", &jsonl(&lines));
    let mut cmd = s.command();
    cmd.env("PALABRE_USER", "sync-bot");
    s.run_with(cmd, &["import", "in.jsonl"], None).ok();
    let history = s.json(&["history", "reddit:r1", "--json"]);
    assert_eq!(history[0]["kind"], "edited");
    assert_eq!(history[0]["actor"], "sync-bot");
}

// ---------------------------------------------------------------------------
// 7. Export
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// 8. Configuration
// ---------------------------------------------------------------------------

#[test]
fn config_unknown_key_is_reported_with_file_line_and_key() {
    let s = Sandbox::new();
    s.write(
        "cfg/unknown.toml",
        "user = \"lea\"\n[store]\npath = \"/tmp/x.db\"\ncolour = 3\n",
    );
    let out = s
        .bare(&["--config", "cfg/unknown.toml", "config", "check"])
        .fails_with(2);
    assert!(
        out.stderr
            .starts_with("palabre: cfg/unknown.toml:4: store.colour: unknown key"),
        "{}",
        out.stderr
    );
    s.write(
        "cfg/top.toml",
        "# comment\nuser = \"lea\"\n\nnickname = \"x\"\n",
    );
    let out = s
        .bare(&["--config", "cfg/top.toml", "config", "check"])
        .fails_with(2);
    assert!(
        out.stderr
            .starts_with("palabre: cfg/top.toml:4: nickname: unknown key"),
        "{}",
        out.stderr
    );
}

#[test]
fn config_wrong_type_is_reported_with_file_line_and_key() {
    let s = Sandbox::new();
    s.write("user.toml", "\n\nuser = 12\n");
    let out = s
        .bare(&["--config", "user.toml", "config", "check"])
        .fails_with(2);
    assert!(
        out.stderr.starts_with("palabre: user.toml:3: user: "),
        "{}",
        out.stderr
    );
    s.write("path.toml", "[store]\n\npath = 3\n");
    let out = s
        .bare(&["--config", "path.toml", "config", "check"])
        .fails_with(2);
    assert!(
        out.stderr.starts_with("palabre: path.toml:3: store.path: "),
        "{}",
        out.stderr
    );
}

#[test]
fn config_check_json_reports_the_file_line_key_and_reason() {
    let s = Sandbox::new();
    s.write("bad.toml", "user = \"lea\"\nstore = 5\n");
    let out = s
        .bare(&["--config", "bad.toml", "config", "check", "--json"])
        .fails_with(2);
    let v = out.json();
    assert_eq!(v["ok"], false);
    assert_eq!(v["file"], "bad.toml");
    assert_eq!(v["line"], 2);
    assert_eq!(v["key"], "store");
    assert!(!str_of(&v["reason"]).is_empty());
    assert!(out.stderr.starts_with("palabre: bad.toml:2: store: "));

    s.write("good.toml", "user = \"lea\"\n");
    let v = s
        .bare(&["--config", "good.toml", "config", "check", "--json"])
        .ok()
        .json();
    assert_eq!(v, json!({"ok": true, "file": "good.toml"}));

    // No file anywhere: the defaults apply.
    let v = s.bare(&["config", "check", "--json"]).ok().json();
    assert_eq!(v, json!({"ok": true, "file": null}));
    let out = s.bare(&["config", "check"]).ok();
    assert_eq!(out.stdout, "no configuration file (defaults apply)\n");
}

#[test]
fn config_check_reads_the_default_file_under_xdg_config_home() {
    let s = Sandbox::new();
    let path = s.write("config/palabre/config.toml", "user = 3\n");
    let out = s.bare(&["config", "check"]).fails_with(2);
    assert!(
        out.stderr
            .starts_with(&format!("palabre: {}:1: user: ", path.display())),
        "{}",
        out.stderr
    );
    // Every command that needs the configuration stops on it.
    s.run(&["info"]).fails_with(2);
}

#[test]
fn the_example_config_uncommented_passes_the_check() {
    let s = Sandbox::new();
    let example = std::fs::read_to_string(manifest_file("config.example.toml")).unwrap();
    let uncommented: String = example
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.contains(" = ") || rest.starts_with('[') => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        uncommented.lines().any(|l| l.starts_with("user = ")),
        "the example has no `# user = ` line to uncomment"
    );
    assert!(
        uncommented.lines().any(|l| l.starts_with("path = ")),
        "the example has no `# path = ` line to uncomment"
    );
    s.write("example.toml", &uncommented);
    let out = s
        .bare(&["--config", "example.toml", "config", "check"])
        .ok();
    assert_eq!(out.stdout, "example.toml: ok\n");
    let v = s
        .bare(&["--config", "example.toml", "config", "check", "--json"])
        .ok()
        .json();
    assert_eq!(v, json!({"ok": true, "file": "example.toml"}));
    // As given, with everything commented out, it passes too.
    s.write("as-shipped.toml", &example);
    s.bare(&["--config", "as-shipped.toml", "config", "check"])
        .ok();
}

#[test]
fn a_missing_or_invalid_config_file_stops_every_command() {
    let s = Sandbox::new();
    let out = s
        .bare(&["--config", "absent.toml", "config", "check"])
        .fails_with(2);
    assert!(
        out.stderr
            .starts_with("palabre: absent.toml: cannot read: "),
        "{}",
        out.stderr
    );
    s.run(&["--config", "absent.toml", "info"]).fails_with(2);
    s.write("bad.toml", "[store]\nthing = 1\n");
    let out = s.run(&["--config", "bad.toml", "list"]).fails_with(2);
    assert!(
        out.stderr.starts_with("palabre: bad.toml:2: store.thing: "),
        "{}",
        out.stderr
    );
    assert!(!s.db().exists(), "the store was created despite the error");
}

#[test]
fn the_store_path_comes_from_db_then_the_config() {
    let s = Sandbox::new();
    let configured = s.root().join("configured.db");
    s.write(
        "cfg.toml",
        &format!("[store]\npath = {:?}\n", configured.to_str().unwrap()),
    );
    s.write("in.jsonl", &jsonl(&five_messages()));
    s.bare(&["--config", "cfg.toml", "import", "in.jsonl"]).ok();
    let info = s
        .bare(&["--config", "cfg.toml", "info", "--json"])
        .ok()
        .json();
    assert_eq!(info["messages"], 5);
    assert!(configured.exists());
    // --db wins over the configuration.
    assert_eq!(
        s.run(&["--config", "cfg.toml", "info", "--json"])
            .ok()
            .json()["messages"],
        0
    );
}

// ---------------------------------------------------------------------------
// 9. Schema version
// ---------------------------------------------------------------------------

#[test]
fn a_store_from_a_newer_palabre_is_refused_and_left_untouched() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let supported = s.json(&["info", "--json"])["schema_version"]
        .as_i64()
        .unwrap();
    let newer = supported + 5;
    {
        let conn = rusqlite::Connection::open(s.db()).unwrap();
        conn.pragma_update(None, "user_version", newer).unwrap();
    }
    let bytes = std::fs::read(s.db()).unwrap();
    let commands: [&[&str]; 5] = [
        &["info"],
        &["list", "--json"],
        &["import", "in.jsonl"],
        &["tag", "1", "x"],
        &["export"],
    ];
    for args in commands {
        let out = s.run(args).fails_with(2);
        assert!(
            out.stderr.contains(&format!(
                "this store has schema version {newer}, but this palabre only knows up to version {supported}"
            )),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stderr.contains("upgrade palabre"), "{}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
        assert_eq!(
            std::fs::read(s.db()).unwrap(),
            bytes,
            "{args:?} changed the store file"
        );
    }
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, newer);
}

// ---------------------------------------------------------------------------
// 10. Conversation references
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// 11. bench-gen
// ---------------------------------------------------------------------------

#[test]
fn bench_gen_is_deterministic_and_imports_cleanly() {
    let s = Sandbox::new();
    let first = s.bare(&["bench-gen", "300"]).ok().stdout;
    let second = s.bare(&["bench-gen", "300"]).ok().stdout;
    assert_eq!(first, second);
    assert_eq!(first.lines().count(), 300);
    s.bare(&["bench-gen", "300", "--output", "gen.jsonl"]).ok();
    assert_eq!(
        std::fs::read_to_string(s.root().join("gen.jsonl")).unwrap(),
        first
    );
    let other_seed = s.bare(&["bench-gen", "300", "--seed", "2"]).ok().stdout;
    assert_ne!(other_seed, first);

    let report = s.json(&["import", "gen.jsonl", "--json"]);
    assert_eq!(
        report,
        json!({"new": 300, "updated": 0, "unchanged": 0, "skipped": 0})
    );
    let again = s.json(&["import", "gen.jsonl", "--json"]);
    assert_eq!(
        again,
        json!({"new": 0, "updated": 0, "unchanged": 300, "skipped": 0})
    );
    let info = s.json(&["info", "--json"]);
    assert_eq!(info["messages"], 300);
    let per_channel: u64 = info["channels"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(per_channel, 300);
    let conversations = info["conversations"].as_u64().unwrap();
    assert!(conversations > 1 && conversations < 300, "{info}");
    // Every conversation is listed and the counts add up.
    let queue = s.json(&["list", "--json", "--limit", "0"]);
    let queue = queue.as_array().unwrap();
    assert_eq!(queue.len() as u64, conversations);
    let total: u64 = queue
        .iter()
        .map(|c| c["message_count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 300);
}

// ---------------------------------------------------------------------------
// 12. Demo
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Known bugs: these describe the intended behaviour and fail today.
// ---------------------------------------------------------------------------

#[test]

fn merging_an_orphan_conversation_keeps_its_assignee() {
    let s = Sandbox::new();
    let [_, reply, reply2] = thread_of_three();
    s.import("a.jsonl", &[reply2]);
    let orphan = s.conv("mastodon:reply2").to_string();
    s.run(&["assign", &orphan, "lea"]).ok();
    s.run(&["tag", &orphan, "vip"]).ok();
    // `reply` starts a new conversation (its root is missing) and the orphan
    // waiting under its id is merged into it.
    s.import("b.jsonl", &[reply]);
    let merged = s.json(&["show", "mastodon:reply2", "--json"]);
    assert_eq!(merged["message_count"], 2);
    assert_eq!(merged["tags"], json!(["vip"]));
    assert_eq!(
        merged["assignee"], "lea",
        "history says assigned, state does not"
    );
}

#[test]

fn info_groups_languages_by_primary_subtag_whatever_the_separator() {
    let s = Sandbox::new();
    s.import(
        "in.jsonl",
        &[
            with(msg("x", "1", None, "a", 0), |v| v["lang"] = json!("pt-BR")),
            with(msg("x", "2", None, "b", 1), |v| v["lang"] = json!("pt_BR")),
        ],
    );
    assert_eq!(s.json(&["info", "--json"])["languages"], json!({"pt": 2}));
}

/// The real Lac-Mégantic curve from ../shared/data (present in development
/// and CI): an alert within 30 minutes of the onset and none before.
#[test]
fn crisis_replay_alerts_on_the_lac_megantic_onset_and_not_before() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/crisis/2013_Lac_Megantic_train_crash-tweetids_entire_period.csv");
    if !path.exists() {
        eprintln!("skipped: {} is not here", path.display());
        return;
    }
    let s = Sandbox::new();
    let out = s.json(&["crisis", "replay", path.to_str().unwrap(), "--json"]);
    assert_eq!(out["alerts_before_onset"], 0, "{out}");
    let delay = out["first_alert_delay_seconds"].as_i64().unwrap();
    assert!((0..=1800).contains(&delay), "{delay}");
}

#[test]
fn crisis_replay_reports_a_bad_timeline_with_file_and_line() {
    let s = Sandbox::new();
    s.write("t.csv", "Timestamp\n2026-11-07T13:00:00Z\nnot a time\n");
    let out = s.run(&["crisis", "replay", "t.csv"]).fails_with(2);
    assert!(out.stderr.contains("t.csv:3: timestamp:"), "{}", out.stderr);
}

#[test]
fn reply_refuses_text_over_the_networks_limit() {
    let s = Sandbox::new();
    s.import("in.jsonl", &[msg("x", "q", None, "hello", 0)]);
    let out = s.run(&["reply", "x:q", &"a".repeat(281)]).fails_with(2);
    assert!(
        out.stderr.contains("too long for x: 281 of 280"),
        "{}",
        out.stderr
    );
    s.run(&["reply", "x:q", &"a".repeat(280)]).ok();
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

#[test]
fn config_check_validates_keys_language_and_theme() {
    let s = Sandbox::new();
    for (text, line, key) in [
        ("[keys]\nquit = [\"q\"]\nfly = [\"f\"]\n", 3, "keys.fly"),
        ("[keys]\nquit = [\"Ctrl-\"]\n", 2, "keys.quit"),
        ("\n[ui]\nlang = \"de\"\n", 3, "ui.lang"),
        ("[ui]\ntheme = \"no-such-theme\"\n", 2, "ui.theme"),
    ] {
        s.write("c.toml", text);
        let out = s
            .run(&["--config", "c.toml", "config", "check"])
            .fails_with(2);
        assert!(
            out.stderr.contains(&format!("c.toml:{line}: {key}: ")),
            "{text:?}: {}",
            out.stderr
        );
    }
}

#[test]
fn config_check_names_a_bad_key_in_a_panes_table() {
    let s = Sandbox::new();
    for (text, line, key) in [
        (
            "[keys]\ndown = [\"n\"]\n\n[keys.picker]\nchoose = [\"Enter\"]\nclose = [\"Ctrl-\"]\n",
            6,
            "keys.picker.close",
        ),
        ("[keys.tags]\nfly = [\"f\"]\n", 2, "keys.tags.fly"),
        ("[keys.pickr]\ndown = [\"n\"]\n", 1, "keys.pickr"),
    ] {
        s.write("c.toml", text);
        let out = s
            .run(&["--config", "c.toml", "config", "check"])
            .fails_with(2);
        assert!(
            out.stderr.contains(&format!("c.toml:{line}: {key}: ")),
            "{text:?}: {}",
            out.stderr
        );
    }
    s.write(
        "c.toml",
        "[keys]\ndown = [\"n\"]\n[keys.tags]\ntoggle = [\"y\"]\n",
    );
    s.run(&["--config", "c.toml", "config", "check"]).ok();
}

#[test]
fn the_crisis_detector_flags_the_samples_burst_and_respects_a_dismissal() {
    let s = Sandbox::new();
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/conversations.jsonl"),
    )
    .unwrap();
    s.write("sample.jsonl", &sample);
    let out = s.run(&["import", "sample.jsonl"]).ok();
    assert!(out.stderr.contains("crisis detector:"), "{}", out.stderr);
    let flagged = s.json(&["list", "--crisis", "potential", "--limit", "0", "--json"]);
    let flagged = flagged.as_array().unwrap();
    assert!(flagged.len() >= 5, "{}", flagged.len());
    let conv = flagged[0]["id"].as_i64().unwrap().to_string();
    let history = s.json(&["history", &conv, "--json"]);
    let flag = history
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "crisis_flag")
        .unwrap();
    assert_eq!(flag["payload"]["rule"], "crisis-detector");
    assert!(
        flag["payload"]["reason"]
            .as_str()
            .unwrap()
            .contains("usual at this hour")
    );
    // A person dismisses it; the next scan leaves it alone.
    s.run(&["flag", &conv, "none", "--reason", "not about us"])
        .ok();
    s.run(&["crisis", "scan"]).ok();
    assert_eq!(s.json(&["show", &conv, "--json"])["crisis_level"], "none");
}

#[test]
fn rules_check_accepts_the_example_and_names_the_line_of_a_mistake() {
    let s = Sandbox::new();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules.example.toml");
    let out = s.run(&["rules", "check", example.to_str().unwrap()]).ok();
    assert!(out.stdout.contains("eco-claims"), "{}", out.stdout);
    s.write("r.toml", "[[category]]\nname = \"a\"\ncues = [\"x\"]\n\n[[category]]\nname = \"a\"\ncues = [\"y\"]\n");
    let out = s.run(&["rules", "check", "r.toml"]).fails_with(2);
    assert!(
        out.stderr
            .contains("r.toml:5: category[1].name: `a` is defined twice"),
        "{}",
        out.stderr
    );
}

#[test]
fn eval_reports_each_label_present_and_learn_adds_the_second_half() {
    let s = Sandbox::new();
    let mut lines = String::new();
    for i in 0..40 {
        let (text, complaint) = if i % 2 == 0 {
            (
                "@brand my order never arrived, still waiting for a refund",
                true,
            )
        } else {
            ("lovely weather for a coffee on the terrace", false)
        };
        lines.push_str(&format!(
            "{}\n",
            json!({"id": i.to_string(), "text": text, "lang": "en", "complaint": complaint})
        ));
    }
    s.write("e.jsonl", &lines);
    let out = s.json(&["eval", "e.jsonl", "--json"]);
    assert!(out.get("sentiment").is_none() && out.get("hostile").is_none());
    assert_eq!(out["complaint"]["n"], 40);
    assert!(
        out["complaint"]["macro_f1"].as_f64().unwrap() > 0.9,
        "{out}"
    );
    assert!(out["complaint"].get("second_half").is_none());
    let out = s.json(&["eval", "e.jsonl", "--learn", "--json"]);
    assert_eq!(out["complaint"]["second_half"]["n"], 20);
    assert!(
        out["complaint"]["classes"]["true"]["recall"]
            .as_f64()
            .is_some()
    );
}

// ---------------------------------------------------------------------------
// Escalation hooks
// ---------------------------------------------------------------------------

/// One request as the test server received it.
#[derive(Debug)]
struct Received {
    head: String,
    body: String,
}

/// A webhook on 127.0.0.1 that answers the given statuses in order, one
/// connection each, then stops. The handle returns what it received.
fn webhook_server(statuses: &[u16]) -> (String, std::thread::JoinHandle<Vec<Received>>) {
    use std::io::{BufRead, BufReader, Read};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook/s3cr3t-path", listener.local_addr().unwrap());
    let statuses = statuses.to_vec();
    let handle = std::thread::spawn(move || {
        let mut got = Vec::new();
        for status in statuses {
            let Ok((stream, _)) = listener.accept() else {
                break;
            };
            stream
                .set_read_timeout(Some(std::time::Duration::from_secs(10)))
                .unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = String::new();
            let mut length = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some((name, value)) = line.split_once(':')
                    && name.eq_ignore_ascii_case("content-length")
                {
                    length = value.trim().parse().unwrap_or(0);
                }
                head.push_str(&line);
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let mut stream = stream;
            write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            got.push(Received {
                head,
                body: String::from_utf8(body).unwrap(),
            });
        }
        got
    });
    (url, handle)
}

fn write_config(s: &Sandbox, escalation: &str) {
    s.write(
        "config/palabre/config.toml",
        &format!("[escalation]\nbackoff_ms = 10\ntimeout_secs = 5\n{escalation}"),
    );
}

fn hook_events(s: &Sandbox, conv: &str) -> Vec<Value> {
    s.json(&["history", conv, "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| str_of(&e["kind"]).starts_with("escalation"))
        .cloned()
        .collect()
}

#[test]
fn an_escalation_is_posted_to_the_webhook_retried_after_a_500_and_recorded() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    s.run(&["tag", &conv, "billing-price"]).ok();
    let (url, server) = webhook_server(&[500, 200]);
    write_config(
        &s,
        &format!("webhook = \"{url}\"\n[escalation.headers]\nAuthorization = \"Bearer tok-123\"\n"),
    );
    let out = s
        .run(&[
            "escalate",
            &conv,
            "--to",
            "Legal",
            "--note",
            "threatens to sue",
            "--json",
        ])
        .ok();
    let got = server.join().unwrap();
    assert_eq!(got.len(), 2, "one failure, one retry");
    let body: Value = serde_json::from_str(&got[1].body).unwrap();
    assert_eq!(
        got[0].body, got[1].body,
        "a retry sends the same escalation"
    );
    assert_eq!(body["event"], "escalation");
    assert_eq!(body["conversation"].to_string(), conv);
    assert_eq!(body["channel"], "reddit");
    assert_eq!(body["to"], "Legal");
    assert_eq!(body["note"], "threatens to sue");
    assert_eq!(body["actor"], LOGIN);
    assert_eq!(body["tags"], json!(["billing-price"]));
    assert_eq!(body["crisis_level"], "none");
    let messages = body["messages"].as_array().unwrap();
    assert!(!messages.is_empty() && messages.len() <= 5, "{body}");
    assert!(
        messages
            .iter()
            .all(|m| m["text"].is_string() && m["author"].is_string())
    );
    let head = got[1].head.to_ascii_lowercase();
    assert!(head.contains("content-type: application/json"), "{head}");
    assert!(head.contains("authorization: bearer tok-123"), "{head}");
    assert!(head.contains(&format!(
        "idempotency-key: palabre-escalation-{}",
        body["id"]
    )));
    // The command's JSON has the escalation and the hook's outcome.
    let out = out.json();
    let kinds: Vec<&str> = events(&out).iter().map(|e| str_of(&e["kind"])).collect();
    assert_eq!(kinds, ["escalation", "escalation_hook_ok"]);
    let recorded = hook_events(&s, &conv);
    let ok = &recorded[1];
    assert_eq!(ok["kind"], "escalation_hook_ok");
    assert_eq!(ok["payload"]["attempts"], 2);
    assert_eq!(ok["payload"]["status"], 200);
    assert_eq!(ok["payload"]["escalation"], recorded[0]["id"]);
    // Neither the URL's path (often a token) nor a header value is recorded.
    let history = s.run(&["history", &conv]).ok().stdout;
    assert!(history.contains("escalation_hook_ok"), "{history}");
    assert!(
        history.contains("delivered (HTTP 200) after 2 attempts"),
        "{history}"
    );
    let all = format!("{history}{}", s.json(&["history", &conv, "--json"]));
    assert!(!all.contains("s3cr3t") && !all.contains("tok-123"), "{all}");
}

#[test]
fn an_escalation_goes_to_a_command_as_json_on_its_standard_input() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    let landed = s.root().join("escalation.json");
    write_config(
        &s,
        &format!("command = [\"tee\", \"{}\"]\n", landed.display()),
    );
    s.run(&["escalate", &conv, "--to", "PR", "--note", "press"])
        .ok();
    let body: Value = serde_json::from_str(&std::fs::read_to_string(&landed).unwrap()).unwrap();
    assert_eq!(body["to"], "PR");
    assert_eq!(body["note"], "press");
    assert_eq!(body["conversation"].to_string(), conv);
    let recorded = hook_events(&s, &conv);
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[1]["kind"], "escalation_hook_ok");
    assert_eq!(recorded[1]["payload"]["hook"], "command");
    assert_eq!(recorded[1]["payload"]["target"], "tee");
}

#[test]
fn a_command_that_does_not_read_its_input_does_not_kill_palabre() {
    let s = Sandbox::new();
    // More than a pipe holds, so that writing waits for a reader that leaves.
    let mut long = msg("reddit", "long", None, "", 1);
    long["text"] = json!("kettle ".repeat(40_000));
    s.import("in.jsonl", &[long]);
    let conv = s.conv("reddit:long").to_string();
    write_config(&s, "command = [\"true\"]\n");
    s.run(&["escalate", &conv, "--to", "Legal"]).ok();
    let recorded = hook_events(&s, &conv);
    assert_eq!(recorded.len(), 2, "{recorded:?}");
    assert_eq!(recorded[1]["kind"], "escalation_hook_ok");
}

#[test]
fn a_failing_hook_is_recorded_and_the_escalation_stands() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    // A port nobody listens on: bound, then closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    write_config(
        &s,
        &format!(
            "attempts = 2\ncommand = [\"palabre-no-such-program\"]\nwebhook = \"http://127.0.0.1:{port}/x\"\n"
        ),
    );
    let out = s.run(&["escalate", &conv, "--to", "Legal"]).ok();
    assert!(
        out.stderr.contains("escalation hook failed"),
        "{}",
        out.stderr
    );
    assert_eq!(s.json(&["show", &conv, "--json"])["escalated"], true);
    let recorded = hook_events(&s, &conv);
    let kinds: Vec<&str> = recorded.iter().map(|e| str_of(&e["kind"])).collect();
    assert_eq!(
        kinds,
        [
            "escalation",
            "escalation_hook_failed",
            "escalation_hook_failed"
        ]
    );
    let by = |hook: &str| {
        recorded
            .iter()
            .find(|e| e["payload"]["hook"] == hook)
            .unwrap_or_else(|| panic!("no {hook} event: {recorded:?}"))["payload"]
            .clone()
    };
    // A program that does not exist is not worth a second try; a refused
    // connection is.
    assert_eq!(by("command")["attempts"], 1);
    assert!(str_of(&by("command")["error"]).contains("palabre-no-such-program"));
    assert_eq!(by("webhook")["attempts"], 2);
    assert!(
        str_of(&by("webhook")["error"])
            .to_lowercase()
            .contains("connect"),
        "{recorded:?}"
    );
    let history = s.run(&["history", &conv]).ok().stdout;
    assert!(history.contains("failed after 2 attempts"), "{history}");
}

#[test]
fn a_wrong_escalation_setting_is_named_by_config_check() {
    let s = Sandbox::new();
    write_config(&s, "attempts = 0\ncommand = [\"true\"]\n");
    let out = s.bare(&["config", "check"]).fails_with(2);
    assert!(out.stderr.contains("escalation.attempts"), "{}", out.stderr);
}

// ---------------------------------------------------------------------------
// Sentiment corrections
// ---------------------------------------------------------------------------

#[test]
fn sentiment_corrects_the_tone_records_it_and_teaches_triage() {
    let s = Sandbox::new();
    s.import(
        "in.jsonl",
        &[msg(
            "reddit",
            "s1",
            None,
            "my order never arrived, still waiting",
            1,
        )],
    );
    let conv = s.conv("reddit:s1").to_string();
    let before = s.json(&["show", &conv, "--json"])["tone"].clone();
    let out = s.json(&["sentiment", &conv, "positive", "--json"]);
    assert_eq!(out["conversation"]["tone"], "positive");
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["kind"], "sentiment");
    assert_eq!(evs[0]["payload"], json!({"from": before, "to": "positive"}));
    assert_eq!(
        s.list_ids(&["--sentiment", "positive"]),
        [conv.parse::<i64>().unwrap()]
    );
    let history = s.run(&["history", &conv]).ok().stdout;
    assert!(history.contains("→ positive (corrected)"), "{history}");
    // Saying it again confirms it.
    let out = s.json(&["sentiment", &conv, "positive", "--json"]);
    assert_eq!(events(&out)[0]["payload"]["from"], "positive");
    assert!(
        s.run(&["history", &conv])
            .ok()
            .stdout
            .contains("positive (confirmed)")
    );
    s.run(&["sentiment", &conv, "furious"]).fails_with(2);
}

#[test]
fn config_check_names_a_bad_account() {
    let s = Sandbox::new();
    s.write(
        "a.toml",
        "[[accounts]]\nname = \"mail\"\nnetwork = \"email\"\nhandle = \"care@kettlo.example\"\ntoken_env = \"T\"\n",
    );
    let out = s
        .bare(&["--config", "a.toml", "config", "check"])
        .fails_with(2);
    assert!(
        out.stderr
            .starts_with("palabre: a.toml:3: accounts[0].network: email has no API to sync from"),
        "{}",
        out.stderr
    );
    s.write(
        "b.toml",
        "[[accounts]]\nname = \"k\"\nnetwork = \"x\"\nhandle = \"kettlo\"\ntoken_env = \"T\"\n\n[[accounts]]\nname = \"k\"\nnetwork = \"reddit\"\nhandle = \"kettlo\"\ntoken_env = \"T\"\n",
    );
    let out = s
        .bare(&["--config", "b.toml", "config", "check"])
        .fails_with(2);
    assert!(
        out.stderr
            .contains("accounts[1].name: two accounts are named \"k\""),
        "{}",
        out.stderr
    );
    s.write(
        "c.toml",
        "[[accounts]]\nname = \"k\"\nnetwork = \"mastodon\"\nhandle = \"kettlo\"\n",
    );
    let out = s
        .bare(&["--config", "c.toml", "config", "check"])
        .fails_with(2);
    assert!(out.stderr.contains("no token"), "{}", out.stderr);
}
