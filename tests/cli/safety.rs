//! A report of danger or harm, as a user meets it: imported with `palabre
//! import` into a store of month-old conversations, it reads as negative,
//! as a complaint, as `safety`, is flagged `watch` when its author is large
//! or verified, and comes first in the queue.

use crate::support::{Sandbox, str_of};
use chrono::{Duration, SecondsFormat, Utc};
use serde_json::{Value, json};

fn line(id: &str, text: &str, lang: &str, followers: u64, verified: bool, age: Duration) -> Value {
    json!({
        "channel": "x",
        "id": id,
        "parent_id": null,
        "kind": "mention",
        "author": {"handle": format!("@{id}"), "name": id, "followers": followers, "verified": verified},
        "text": text,
        "lang": lang,
        "created_at": (Utc::now() - age).to_rfc3339_opts(SecondsFormat::Secs, true),
        "url": null,
        "metrics": {"likes": 3, "shares": 1, "replies": 0}
    })
}

/// A month of ordinary complaints from large accounts, waiting long past
/// their target.
fn month_old() -> Vec<Value> {
    let texts = [
        "@kettlo still waiting for my refund, this is unacceptable",
        "worst customer service ever, three weeks and no answer",
        "Toujours pas reçu ma commande, c'est une honte",
        "livraison en retard, colis perdu, service client injoignable",
        "the app is down again and nobody answers",
    ];
    (0..40)
        .map(|i| {
            line(
                &format!("old{i}"),
                texts[i % texts.len()],
                if i % 5 >= 2 && i % 5 <= 3 { "fr" } else { "en" },
                500_000,
                true,
                Duration::days(30) + Duration::hours(i as i64),
            )
        })
        .collect()
}

fn import(s: &Sandbox, name: &str, lines: &[Value]) {
    s.import(name, lines).ok();
}

#[test]
fn the_kettle_on_fire_reads_as_a_safety_complaint_and_tops_the_queue() {
    let s = Sandbox::new();
    import(&s, "old.jsonl", &month_old());
    let kettle = line(
        "k1",
        "ma bouilloire Aura a pris feu ce matin, la cuisine est noircie. Rappel immédiat !",
        "fr",
        99_000,
        true,
        Duration::minutes(3),
    );
    // No language given: the triage finds French by itself.
    let kettle = crate::support::with(kettle, |v| {
        v.as_object_mut().unwrap().remove("lang");
    });
    import(&s, "kettle.jsonl", &[kettle]);
    let conv = s.conv("x:k1").to_string();
    let show = s.json(&["show", &conv, "--json"]);
    assert_eq!(show["tone"], "negative", "{show}");
    assert!(show["complaint"].as_f64().unwrap() >= 0.5, "{show}");
    assert_eq!(show["danger"], true);
    assert_eq!(show["suggested_categories"][0]["category"], "safety");
    assert_eq!(show["crisis_level"], "watch", "{show}");
    let flag = show["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "crisis_flag")
        .unwrap();
    assert!(str_of(&flag["payload"]["reason"]).contains("feu"), "{flag}");
    assert!(
        show["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| str_of(r).contains("danger")),
        "{show}"
    );
    // First in the queue, over a month of waiting complaints.
    let list = s.json(&["list", "--json"]);
    assert_eq!(list[0]["id"].as_i64().unwrap().to_string(), conv, "{list}");
    // And as a person reads it.
    let out = s.run(&["show", &conv]).ok();
    assert!(out.stdout.contains("crisis watch"), "{}", out.stdout);
    assert!(
        out.stdout.contains("triage: tone negative · complaint")
            && out.stdout.contains("reports danger or harm (safety)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("suggested categories: safety (feu"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_small_accounts_danger_report_ranks_high_without_a_crisis_flag() {
    let s = Sandbox::new();
    import(&s, "old.jsonl", &month_old());
    import(
        &s,
        "small.jsonl",
        &[line(
            "s1",
            "the toaster caught fire and burnt my son's hand",
            "en",
            40,
            false,
            Duration::minutes(10),
        )],
    );
    let conv = s.conv("x:s1");
    let show = s.json(&["show", &conv.to_string(), "--json"]);
    assert_eq!(show["crisis_level"], "none", "one report, small reach");
    assert_eq!(show["danger"], true);
    assert_eq!(s.list_ids(&[])[0], conv);
}

#[test]
fn a_person_who_dismisses_the_watch_is_not_overruled() {
    let s = Sandbox::new();
    let report = line(
        "v1",
        "My charger melted and the socket is black, it could have burned the house down",
        "en",
        250_000,
        false,
        Duration::minutes(5),
    );
    import(&s, "a.jsonl", std::slice::from_ref(&report));
    let conv = s.conv("x:v1").to_string();
    assert_eq!(s.json(&["show", &conv, "--json"])["crisis_level"], "watch");
    s.run(&["flag", &conv, "none", "--reason", "a competitor's charger"])
        .ok();
    // Another arrival runs the scan again.
    import(
        &s,
        "b.jsonl",
        &[line("v2", "hello", "en", 1, false, Duration::minutes(1))],
    );
    assert_eq!(s.json(&["show", &conv, "--json"])["crisis_level"], "none");
}
