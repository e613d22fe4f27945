//! `palabre act`, `undo-action`, `retry-action` and `accounts`: network
//! actions queued in the outbox, refused with the network's reason, and the
//! capability table.

use crate::support::{Sandbox, events, five_messages, msg, str_of};

#[test]
fn an_action_is_queued_shown_and_undone_before_it_leaves() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let conv = s.conv("reddit:r1").to_string();
    let out = s.json(&["act", &conv, "hide", "--json"]);
    let evs = events(&out);
    assert_eq!(evs.len(), 1, "{out}");
    assert_eq!(evs[0]["kind"], "action_queued");
    assert_eq!(evs[0]["payload"]["kind"], "hide");
    assert_eq!(evs[0]["payload"]["message"], "r1");
    let action = evs[0]["payload"]["action"].as_i64().unwrap();
    // In the conversation (show) and its history.
    let shown = s.json(&["show", &conv, "--json"]);
    let actions = shown["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["status"], "queued");
    assert_eq!(actions[0]["actor"], "login-name");
    let text = s.run(&["show", &conv]).ok().stdout;
    assert!(
        text.contains("network actions:") && text.contains("hide r1"),
        "{text}"
    );
    // Asking again changes nothing; undoing before it left cancels it.
    let again = s.json(&["act", &conv, "hide", "--json"]);
    assert!(events(&again).is_empty());
    let undone = s.json(&["undo-action", &action.to_string(), "--json"]);
    assert_eq!(events(&undone)[0]["kind"], "action_cancelled");
    let history = s.run(&["history", &conv]).ok().stdout;
    assert!(history.contains("action cancelled"), "{history}");
    // Not failed: nothing to retry.
    let out = s.run(&["retry-action", &action.to_string()]).fails_with(2);
    assert!(out.stderr.contains("has not failed"), "{}", out.stderr);
}

#[test]
fn an_action_a_network_does_not_offer_is_refused_with_its_reason() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let out = s.run(&["act", "mastodon:m1", "hide"]).fails_with(2);
    assert!(
        out.stderr
            .contains("mastodon: Mastodon cannot hide a reply to our post"),
        "{}",
        out.stderr
    );
    // In French, the same reason in French.
    let out = s
        .run(&["--lang", "fr", "act", "mastodon:m1", "hide"])
        .fails_with(2);
    assert!(
        out.stderr
            .contains("Mastodon ne permet pas de masquer une réponse"),
        "{}",
        out.stderr
    );
    s.import("x.jsonl", &[msg("x", "t1", None, "hello", 30)]);
    let out = s
        .run(&["act", "x:t1", "report", "--reason", "spam"])
        .fails_with(2);
    assert!(out.stderr.contains("no way to report"), "{}", out.stderr);
    // A report needs a reason where it is offered.
    let out = s.run(&["act", "bluesky:b1", "report"]).fails_with(2);
    assert!(out.stderr.contains("needs a reason"), "{}", out.stderr);
    let out = s.json(&[
        "act",
        "bluesky:b1",
        "report",
        "--reason",
        "spam link",
        "--json",
    ]);
    assert_eq!(events(&out)[0]["payload"]["reason"], "spam link");
    // Only our own replies are deleted; an unknown action is named.
    let out = s
        .run(&["act", "reddit:r1", "delete", "--message", "r1"])
        .fails_with(2);
    assert!(
        out.stderr.contains("only our own replies"),
        "{}",
        out.stderr
    );
    let out = s.run(&["act", "reddit:r1", "nuke"]).fails_with(2);
    assert!(
        out.stderr.contains("hide, unhide, delete"),
        "{}",
        out.stderr
    );
    for e in s
        .json(&["history", "mastodon:m1", "--json"])
        .as_array()
        .unwrap()
    {
        assert_ne!(str_of(&e["kind"]), "action_queued");
    }
}

#[test]
fn accounts_prints_the_capability_table_of_every_network() {
    let s = Sandbox::new();
    let out = s.json(&["accounts", "--json"]);
    assert_eq!(out["accounts"], serde_json::json!([]));
    let networks = out["networks"].as_object().unwrap();
    assert_eq!(networks.len(), 7, "{out}");
    let x = networks["x"].as_array().unwrap();
    let hide = x.iter().find(|r| r["action"] == "hide").unwrap();
    assert_eq!(hide["offered"], true);
    assert_eq!(hide["undo"], "unhide");
    assert_eq!(hide["after_lost_answer"], "repeat");
    assert!(str_of(&hide["endpoint"]).contains("/2/tweets/:id/hidden"));
    let report = x.iter().find(|r| r["action"] == "report").unwrap();
    assert_eq!(report["offered"], false);
    assert!(str_of(&report["reason"]).contains("no way to report"));
    let text = s.run(&["accounts"]).ok().stdout;
    assert!(text.contains("not offered:"), "{text}");
    assert!(
        text.contains("instagram like, unlike: the Instagram API cannot like comments"),
        "{text}"
    );
    // A configured account carries its network's table.
    s.write(
        "c.toml",
        "[[accounts]]\nname = \"kx\"\nnetwork = \"x\"\nhandle = \"kettlo\"\nid = \"1\"\ntoken_env = \"NOPE\"\n",
    );
    let out = s.json(&["--config", "c.toml", "accounts", "--json"]);
    assert_eq!(out["accounts"][0]["name"], "kx");
    assert_eq!(
        out["accounts"][0]["capabilities"].as_array().unwrap().len(),
        10
    );
}
