//! Who an event is recorded as: `--as`, then `PALABRE_USER`, then the
//! configuration, then the login name.

use crate::support::{LOGIN, Sandbox, events, five_messages, jsonl, str_of};
use serde_json::json;

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
