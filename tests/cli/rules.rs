//! `palabre rules check`.

use crate::support::Sandbox;
use std::path::Path;

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
fn rules_check_names_the_line_and_key_of_a_bad_automation_rule() {
    let s = Sandbox::new();
    s.write(
        "r.toml",
        "[[category]]\nname = \"eco\"\ncues = [\"green\"]\n\n[[rule]]\nname = \"scam\"\n[rule.when]\nregex = \"(free|gratuit\"\n[rule.then]\nhide = true\n",
    );
    let out = s.run(&["rules", "check", "r.toml"]).fails_with(2);
    assert!(
        out.stderr
            .contains("r.toml:8: rule[0].when.regex: not a regular expression"),
        "{}",
        out.stderr
    );
    // The same mistake in the configuration file itself.
    s.write(
        "c.toml",
        "user = \"lea\"\n\n[[rule]]\nname = \"x\"\n[rule.then]\nstatus = \"closed\"\n",
    );
    let out = s.run(&["config", "check", "c.toml"]).fails_with(2);
    assert!(
        out.stderr
            .contains("c.toml:6: rule[0].then.status: unknown variant `closed`"),
        "{}",
        out.stderr
    );
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules.example.toml");
    let out = s.run(&["rules", "check", example.to_str().unwrap()]).ok();
    assert!(
        out.stdout.contains("automation rules: vip-first"),
        "{}",
        out.stdout
    );
}

#[test]
fn rules_test_is_a_dry_run_and_imports_apply_the_configured_rules_once() {
    use crate::support::{msg, with};
    let s = Sandbox::new();
    let rules = "[[rule]]\nname = \"refunds\"\n[rule.when]\nwords = [\"refund*\"]\n[rule.then]\ntag = \"refund\"\nround_robin = [\"lea\", \"marc\"]\n";
    s.write("r.toml", rules);
    s.import(
        "old.jsonl",
        &[
            msg("x", "a", None, "where is my refund", 0),
            with(msg("x", "b", None, "refunded at last, thanks", 30), |m| {
                m["created_at"] = "2026-11-03T10:00:00Z".into()
            }),
            msg("x", "c", None, "nice kettle", 40),
        ],
    );
    let out = s.json(&["rules", "test", "r.toml", "--json"]);
    assert_eq!(out["examined"], 3);
    let rule = &out["rules"][0];
    assert_eq!(
        (rule["name"].as_str(), rule["line"].as_i64()),
        (Some("refunds"), Some(2))
    );
    assert_eq!(rule["matched"], 2);
    assert_eq!(
        rule["applications"][0]["did"][1],
        "assign lea (round-robin)"
    );
    assert_eq!(
        rule["applications"][1]["did"][1],
        "assign marc (round-robin)"
    );
    let since = s.json(&["rules", "test", "r.toml", "--since", "2026-11-03", "--json"]);
    assert_eq!(
        (
            since["examined"].as_i64(),
            since["rules"][0]["matched"].as_i64()
        ),
        (Some(1), Some(1))
    );
    let text = s.run(&["rules", "test", "r.toml"]).ok().stdout;
    assert!(
        text.contains("rule refunds (r.toml:2): 2 messages"),
        "{text}"
    );
    assert!(text.contains("nothing is changed"), "{text}");
    // Nothing changed: no tag, no assignee.
    assert!(
        s.json(&["show", "x:a", "--json"])["tags"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Configured, the rules meet what is imported next — once.
    s.write("c.toml", "[triage]\nrules = \"r.toml\"\n");
    let out = s
        .run(&["--config", "c.toml", "import", "new.jsonl"])
        .fails_with(2);
    assert!(out.stderr.contains("new.jsonl"), "{}", out.stderr);
    s.write(
        "new.jsonl",
        &crate::support::jsonl(&[msg("x", "d", None, "refund please", 50)]),
    );
    let out = s.run(&["--config", "c.toml", "import", "new.jsonl"]).ok();
    assert!(
        out.stderr.contains("automation: rule refunds on 1 message"),
        "{}",
        out.stderr
    );
    let shown = s.json(&["show", "x:d", "--json"]);
    assert_eq!(shown["tags"], serde_json::json!(["refund"]));
    assert_eq!(shown["assignee"], "lea");
    let history = s.run(&["history", "x:d"]).ok().stdout;
    assert!(history.contains("rule refunds"), "{history}");
    // The messages already there were not touched, and a re-import runs nothing.
    assert!(
        s.json(&["show", "x:a", "--json"])["tags"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let out = s.run(&["--config", "c.toml", "import", "new.jsonl"]).ok();
    assert!(!out.stderr.contains("automation"), "{}", out.stderr);
}
