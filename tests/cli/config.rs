//! The configuration file and `palabre config check`.

use crate::support::{Sandbox, five_messages, jsonl, manifest_file, str_of};
use serde_json::json;

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
