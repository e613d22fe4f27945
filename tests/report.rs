//! `palabre report` on a small hand-built store whose figures were computed
//! by hand (business hours Monday–Friday 9:00–17:00 in Paris; X 30 min,
//! everything else 60 min).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_palabre");

struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(BIN)
            .current_dir(self.dir.path())
            .env_remove("PALABRE_DEMO")
            .env_remove("PALABRE_DB")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .env("USER", "tester")
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .arg("--db")
            .arg(self.path("store.db"))
            .arg("--config")
            .arg(self.path("config.toml"))
            .args(args)
            .output()
            .expect("run palabre");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "palabre {args:?}: {err}");
        out
    }
}

const CONFIG: &str = r#"
[sla]
timezone = "Europe/Paris"
days = ["mon", "tue", "wed", "thu", "fri"]
hours = "09:00-17:00"

[sla.first_response_minutes]
default = 60
x = 30
"#;

#[allow(clippy::too_many_arguments)]
fn line(
    channel: &str,
    id: &str,
    parent: Option<&str>,
    outbound: bool,
    at: &str,
    followers: u64,
    likes: u64,
    extra: &str,
) -> String {
    let author = if outbound { "kettlo" } else { "someone" };
    format!(
        r#"{{"channel": "{channel}", "id": "{id}", "parent_id": {}, "kind": "{}", "direction": "{}", "author": {{"handle": "{author}", "name": "N", "followers": {followers}, "verified": false}}, "text": "message {id}", "lang": "fr", "created_at": "{at}", "metrics": {{"likes": {likes}, "shares": {}, "replies": {}}}{extra}}}"#,
        parent.map_or("null".to_string(), |p| format!("\"{p}\"")),
        if parent.is_some() { "reply" } else { "mention" },
        if outbound { "outbound" } else { "inbound" },
        u64::from(likes == 3),
        u64::from(likes == 3),
    )
}

fn hand_built() -> Sandbox {
    let s = Sandbox::new();
    std::fs::write(s.path("config.toml"), CONFIG).unwrap();
    let lines = [
        // A (x): Friday 16:45 Paris; answered Monday 9:16, one minute late.
        line("x", "a1", None, false, "2026-11-20T15:45:00Z", 10, 0, ""),
        line(
            "x",
            "a2",
            Some("a1"),
            true,
            "2026-11-23T08:16:00Z",
            2000,
            0,
            "",
        ),
        // B (x): Saturday 11:00; due Monday 9:30, answered 9:20.
        line("x", "b1", None, false, "2026-11-21T10:00:00Z", 10, 0, ""),
        line(
            "x",
            "b2",
            Some("b1"),
            true,
            "2026-11-23T08:20:00Z",
            2000,
            0,
            "",
        ),
        // C (facebook): our post first, then a comment at 10:00 answered at
        // 10:30, then a second comment never answered.
        line(
            "facebook",
            "c0",
            None,
            true,
            "2026-11-17T08:00:00Z",
            1000,
            10,
            "",
        ),
        line(
            "facebook",
            "c1",
            Some("c0"),
            false,
            "2026-11-17T09:00:00Z",
            10,
            0,
            "",
        ),
        line(
            "facebook",
            "c2",
            Some("c1"),
            true,
            "2026-11-17T09:30:00Z",
            1010,
            3,
            "",
        ),
        line(
            "facebook",
            "c3",
            Some("c0"),
            false,
            "2026-11-17T10:00:00Z",
            10,
            0,
            "",
        ),
        // D (mastodon): Wednesday 16:30, never answered.
        line(
            "mastodon",
            "d1",
            None,
            false,
            "2026-11-18T15:30:00Z",
            10,
            0,
            "",
        ),
        // E (email): an auto-reply at once, a person two hours later.
        line("email", "e1", None, false, "2026-11-19T12:00:00Z", 0, 0, ""),
        line(
            "email",
            "e2",
            Some("e1"),
            true,
            "2026-11-19T12:01:00Z",
            0,
            0,
            r#", "automated": true"#,
        ),
        line(
            "email",
            "e3",
            Some("e1"),
            true,
            "2026-11-19T14:00:00Z",
            0,
            0,
            "",
        ),
        // F (bluesky): Monday 00:30 Paris is Sunday 23:30 UTC.
        line(
            "bluesky",
            "f1",
            None,
            false,
            "2026-11-15T23:30:00Z",
            10,
            0,
            "",
        ),
        line(
            "bluesky",
            "f2",
            Some("f1"),
            true,
            "2026-11-16T08:45:00Z",
            500,
            1,
            "",
        ),
        // G (reddit): Sunday 23:30 Paris, the period's last hour; never answered.
        line(
            "reddit",
            "g1",
            None,
            false,
            "2026-11-22T22:30:00Z",
            10,
            0,
            "",
        ),
        // H (reddit): Monday 00:30 Paris, after the period.
        line(
            "reddit",
            "h1",
            None,
            false,
            "2026-11-22T23:30:00Z",
            10,
            0,
            "",
        ),
    ];
    std::fs::write(s.path("hand.jsonl"), lines.join("\n") + "\n").unwrap();
    s.ok(&["import", "hand.jsonl"]);
    s
}

fn report(s: &Sandbox) -> Value {
    let out = s.ok(&[
        "report",
        "--from",
        "2026-11-16",
        "--to",
        "2026-11-22",
        "--format",
        "json",
    ]);
    serde_json::from_str(&out).unwrap()
}

#[test]
fn hand_computed_figures() {
    let s = hand_built();
    let r = report(&s);
    assert_eq!(r["received"], 8);
    assert_eq!(r["sent"], 5);
    assert_eq!(r["sent_automated"], 1);
    assert_eq!(r["answered"], 5);
    assert_eq!(r["response_rate"], 0.625);
    // First responses: C 1800, E 7200 (not the auto-reply), F 33300,
    // B 166800, A 232260; D and G never answered.
    let frt = &r["first_response_seconds"];
    assert_eq!(frt["count"], 5);
    assert_eq!(frt["median"], 33300);
    assert_eq!(frt["p90"], 206076);
    assert_eq!(frt["mean"], 88272);
    // Next replies inside the period: C 1800, E 7200, F 33300.
    assert_eq!(r["next_reply_seconds"]["count"], 3);
    assert_eq!(r["next_reply_seconds"]["median"], 7200);
    // Breaches: A (due Monday 9:15, answered 9:16), D, E (due 14:00 Paris,
    // answered 15:00), G; B, C and F on time.
    assert_eq!(r["sla_checked"], 7);
    assert_eq!(r["sla_breaches"], 4);
    let breached: Vec<i64> = r["sla_breach_list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["conversation"].as_i64().unwrap())
        .collect();
    assert_eq!(breached.len(), 4);
    let a = &r["sla_breach_list"][2];
    assert_eq!(a["channel"], "x");
    assert_eq!(a["due_at"], "2026-11-23T08:15:00Z");
    assert_eq!(a["responded_at"], "2026-11-23T08:16:00Z");

    let x = &r["by_channel"]["x"];
    assert_eq!(
        (x["received"].as_u64(), x["answered"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(x["response_rate"], 1.0);
    assert_eq!(x["sla_breaches"], 1);
    assert_eq!(x["first_response_seconds"]["median"], 199530);
    assert_eq!(r["by_channel"]["facebook"]["sent"], 2);
    assert_eq!(r["by_channel"]["facebook"]["response_rate"], 0.5);
    assert!(r["by_channel"].get("reddit").is_some());

    // Days are cut at Paris midnight.
    let days: Vec<(String, u64)> = r["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["date"].as_str().unwrap().to_string(),
                d["received"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        days,
        [
            ("2026-11-16", 1),
            ("2026-11-17", 2),
            ("2026-11-18", 1),
            ("2026-11-19", 1),
            ("2026-11-20", 1),
            ("2026-11-21", 1),
            ("2026-11-22", 1)
        ]
        .map(|(d, n)| (d.to_string(), n))
    );

    // Waiting at the end of the period (Sunday 24:00 Paris).
    let backlog: Vec<u64> = r["backlog"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .collect();
    assert_eq!(backlog, [1, 0, 0, 2, 2, 0]);

    // Engagement on our replies: 10 + (3+1+1) + 1 likes, shares and replies;
    // rate = mean(10/1000, 5/1010, 1/500) × 100.
    let e = &r["engagement"];
    assert_eq!(e["replies"], 5);
    assert_eq!(e["engagements"], 16);
    assert_eq!(e["rate"], 0.565);
    // Facebook's followers went from 1000 to 1010 within the period.
    assert_eq!(r["audience"]["growth_rate"], 1.0);
    assert_eq!(r["audience"]["accounts"][0]["net"], 10);
}

#[test]
fn tags_and_assignees_split_the_figures() {
    let s = hand_built();
    let list: Value = serde_json::from_str(&s.ok(&["list", "--json"])).unwrap();
    let id_of = |channel: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|c| c["channel"] == channel)
            .map(|c| c["id"].to_string())
            .unwrap()
    };
    s.ok(&["tag", &id_of("facebook"), "billing"]);
    s.ok(&["assign", &id_of("mastodon"), "lea"]);
    let r = report(&s);
    assert_eq!(r["by_tag"]["billing"]["received"], 2);
    assert_eq!(r["by_tag"]["billing"]["answered"], 1);
    assert_eq!(r["categories"][0]["tag"], "billing");
    assert_eq!(r["categories"][0]["conversations"], 1);
    assert_eq!(r["by_assignee"]["lea"]["received"], 1);
    assert_eq!(r["by_assignee"]["lea"]["sla_breaches"], 1);
    assert_eq!(r["by_assignee"]["(unassigned)"]["received"], 7);
    assert_eq!(r["by_lang"]["fr"]["received"], 8);
}

/// The same figures in every format.
#[test]
fn formats_agree() {
    let s = hand_built();
    let base = ["report", "--from", "2026-11-16", "--to", "2026-11-22"];
    let with = |f: &str| s.ok(&[&base[..], &["--format", f]].concat());
    let csv = with("csv");
    for row in [
        "overall,,received,8",
        "overall,,response_rate,0.625",
        "overall,,first_response_seconds.median,33300",
        "overall,,sla_breaches,4",
        "channel,x,first_response_seconds.median,199530",
        "day,2026-11-17,received,2",
    ] {
        assert!(csv.lines().any(|l| l == row), "{row} not in\n{csv}");
    }
    let md = with("md");
    assert!(md.contains("| Response rate | 62.50% |"), "{md}");
    assert!(
        md.contains("| First response, median | 9h\u{a0}15m (33300 s) |"),
        "{md}"
    );
    assert!(md.contains("| SLA breaches | 4 |"), "{md}");
    let html = with("html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<b>62.50%</b>") && html.contains("<b>9h\u{a0}15m</b>"));
    assert!(html.contains("<svg") && !html.contains("<script"));
    assert!(!html.contains("http://") && !html.contains("https://"));
}

/// A report in French: its words, dates and numbers; the machine formats
/// do not change with the language.
#[test]
fn reports_in_french() {
    let s = hand_built();
    let base = ["report", "--from", "2026-11-16", "--to", "2026-11-22"];
    let with =
        |lang: &str, f: &str| s.ok(&[&["--lang", lang][..], &base[..], &["--format", f]].concat());
    let md = with("fr", "md");
    assert!(md.starts_with("# Rapport Palabre"), "{md}");
    assert!(md.contains("| Taux de réponse | 62,50\u{202f}% |"), "{md}");
    assert!(
        md.contains("| Première réponse, médiane | 9\u{a0}h\u{a0}15\u{a0}min (33300\u{a0}s) |"),
        "{md}"
    );
    assert!(md.contains("| lun. 16 nov. 2026 |"), "{md}");
    assert!(md.contains("heures ouvrées"), "{md}");
    for english in ["Response rate", "Summary", "never", "Mon ", " days"] {
        assert!(!md.contains(english), "{english} in\n{md}");
    }
    let html = with("fr", "html");
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert!(
        html.contains("<b>62,50\u{202f}%</b>") && html.contains("<b>9\u{a0}h\u{a0}15\u{a0}min</b>")
    );
    assert!(html.contains("Produit par Palabre le"), "{html}");
    assert_eq!(with("fr", "csv"), with("en", "csv"));
    let json = |lang: &str| {
        let mut v: serde_json::Value = serde_json::from_str(&with(lang, "json")).unwrap();
        v["generated_at"] = serde_json::Value::Null;
        v
    };
    assert_eq!(json("fr"), json("en"));
}

#[test]
fn bad_dates_and_empty_periods_are_refused() {
    let s = hand_built();
    let (code, _, err) = s.run(&["report", "--from", "16/11/2026"]);
    assert_eq!(code, 2);
    assert!(err.contains("--from \"16/11/2026\""), "{err}");
    let (code, _, err) = s.run(&["report", "--from", "2026-11-20", "--to", "2026-11-10"]);
    assert_eq!(code, 2);
    assert!(err.contains("period is empty"), "{err}");
}

#[test]
fn sla_config_errors_name_the_key() {
    let s = Sandbox::new();
    for (text, key) in [
        ("[sla]\ntimezone = \"Mars/Olympus\"\n", "sla.timezone"),
        ("[sla]\nhours = \"17:00-09:00\"\n", "sla.hours"),
        ("[sla]\ndays = [\"funday\"]\n", "sla.days"),
        (
            "[sla.first_response_minutes]\ntwitter = 30\n",
            "sla.first_response_minutes",
        ),
    ] {
        std::fs::write(s.path("config.toml"), text).unwrap();
        let (code, _, err) = s.run(&["config", "check"]);
        assert_eq!(code, 2, "{text}");
        assert!(err.contains(key), "{text}: {err}");
    }
}

#[test]
fn report_written_to_a_file() {
    let s = hand_built();
    let target: &Path = &s.path("out.html");
    s.ok(&["report", "--format", "html", "-o", target.to_str().unwrap()]);
    let html = std::fs::read_to_string(target).unwrap();
    assert!(html.contains("</html>"));
}
