//! What every test of the command line uses: the binary run in a sandbox of
//! its own, and interchange lines to import.

use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_palabre");

/// The login name every sandbox runs as (`USER`).
pub const LOGIN: &str = "login-name";

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    #[track_caller]
    pub fn ok(self) -> Out {
        assert_eq!(
            self.code, 0,
            "expected success\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn fails_with(self, code: i32) -> Out {
        assert_eq!(
            self.code, code,
            "expected exit status {code}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn json(&self) -> Value {
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
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temporary directory");
        for sub in ["home", "data", "config"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        Sandbox { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> PathBuf {
        self.root().join("store.db")
    }

    pub fn data_home(&self) -> PathBuf {
        self.root().join("data")
    }

    fn config_home(&self) -> PathBuf {
        self.root().join("config")
    }

    /// Writes `text` at `rel` (inside the sandbox) and returns the full path.
    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.root().join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(&path, text).unwrap();
        path
    }

    /// The binary with a clean environment and no `--db`.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.current_dir(self.root())
            .env_remove("PALABRE_DEMO")
            .env_remove("PALABRE_DB")
            .env_remove("PALABRE_USER")
            .env_remove("LOGNAME")
            // English unless a test asks for French (--lang or LANG).
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .env("USER", LOGIN)
            .env("HOME", self.root().join("home"))
            .env("XDG_DATA_HOME", self.data_home())
            .env("XDG_CONFIG_HOME", self.config_home())
            .env("NO_COLOR", "1");
        cmd
    }

    pub fn exec(&self, mut cmd: Command, args: &[&str], stdin: Option<&str>) -> Out {
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
    pub fn bare(&self, args: &[&str]) -> Out {
        self.exec(self.command(), args, None)
    }

    /// Runs with `--db STORE` then `args`.
    pub fn run(&self, args: &[&str]) -> Out {
        self.run_with(self.command(), args, None)
    }

    /// Runs with `--db STORE` then `args`, with `stdin` on standard input.
    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Out {
        self.run_with(self.command(), args, Some(stdin))
    }

    pub fn run_with(&self, cmd: Command, args: &[&str], stdin: Option<&str>) -> Out {
        let db = self.db();
        let mut all = vec!["--db", db.to_str().unwrap()];
        all.extend_from_slice(args);
        self.exec(cmd, &all, stdin)
    }

    /// Runs `args` (which should include `--json`), expects success, parses stdout.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> Value {
        self.run(args).ok().json()
    }

    /// Writes `lines` to `rel` and imports that file.
    #[track_caller]
    pub fn import(&self, rel: &str, lines: &[Value]) -> Out {
        self.write(rel, &jsonl(lines));
        self.run(&["import", rel]).ok()
    }

    /// The conversation number that `reference` resolves to.
    #[track_caller]
    pub fn conv(&self, reference: &str) -> i64 {
        self.json(&["show", reference, "--json"])["id"]
            .as_i64()
            .expect("numeric conversation id")
    }

    /// The ids of `list --json` with the given filters (all of them unless
    /// the filters say `--limit`).
    #[track_caller]
    pub fn list_ids(&self, filters: &[&str]) -> Vec<i64> {
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
    pub fn groups(&self) -> BTreeSet<BTreeSet<String>> {
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
    pub fn snapshot(&self) -> Value {
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

pub fn str_of(v: &Value) -> &str {
    v.as_str()
        .unwrap_or_else(|| panic!("expected a string, got {v}"))
}

/// One interchange line: an inbound message on `channel`, replying to
/// `parent` when given, written `minute` minutes after 10:00 on 2 November 2026.
pub fn msg(channel: &str, id: &str, parent: Option<&str>, text: &str, minute: u32) -> Value {
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
pub fn with(mut v: Value, f: impl FnOnce(&mut Value)) -> Value {
    f(&mut v);
    v
}

pub fn jsonl(lines: &[Value]) -> String {
    lines.iter().map(|v| format!("{v}\n")).collect()
}

/// Five messages in three conversations: a mastodon thread of three, a
/// bluesky root and a reddit root.
pub fn five_messages() -> Vec<Value> {
    vec![
        msg("mastodon", "m1", None, "my kettle lid is leaking", 0),
        msg("mastodon", "m2", Some("m1"), "same problem here", 5),
        msg("mastodon", "m3", Some("m2"), "did support answer you?", 9),
        msg("bluesky", "b1", None, "refund still not received", 12),
        msg("reddit", "r1", None, "love the grinder", 20),
    ]
}

pub fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("expected an object, got {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

#[track_caller]
pub fn assert_has_keys(v: &Value, expected: &[&str]) {
    let have = keys(v);
    for k in expected {
        assert!(have.contains(k), "missing key `{k}` in {v}");
    }
}

pub fn events(v: &Value) -> &Vec<Value> {
    v["events"]
        .as_array()
        .unwrap_or_else(|| panic!("no events array in {v}"))
}

pub fn manifest_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}
