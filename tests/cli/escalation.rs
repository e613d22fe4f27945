//! Escalation hooks: a webhook and a command after `palabre escalate`.

use crate::support::{LOGIN, Sandbox, events, five_messages, msg, str_of};
use palabre_test_server::{Reply, Server};
use serde_json::{Value, json};

/// The webhook's path: often a token, never to be recorded.
const HOOK: &str = "/hook/s3cr3t-path";

/// A webhook on 127.0.0.1 (the scripted test server, on a runtime of its
/// own that serves as long as it lives) answering `POST HOOK` with the given
/// statuses in order, the last one repeating. Returns the runtime, the
/// server, and the webhook's URL.
fn webhook_server(statuses: &[u16]) -> (tokio::runtime::Runtime, Server, String) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(Server::start());
    server.on(
        "POST",
        HOOK,
        statuses
            .iter()
            .map(|&status| Reply::json(status, ""))
            .collect(),
    );
    let url = format!("{}{HOOK}", server.url);
    (runtime, server, url)
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
    let (_runtime, server, url) = webhook_server(&[500, 200]);
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
    let got = server.requests();
    assert_eq!(got.len(), 2, "one failure, one retry");
    let body: Value = serde_json::from_str(std::str::from_utf8(&got[1].body).unwrap()).unwrap();
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
    let hook = &got[1];
    let header = |name: &str| hook.header(name).unwrap_or("").to_ascii_lowercase();
    assert_eq!(header("content-type"), "application/json", "{hook:?}");
    assert_eq!(header("authorization"), "bearer tok-123", "{hook:?}");
    assert_eq!(
        header("idempotency-key"),
        format!("palabre-escalation-{}", body["id"]),
        "{hook:?}"
    );
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
    assert!(history.contains("hook done"), "{history}");
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
