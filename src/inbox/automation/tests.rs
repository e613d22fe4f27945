//! Automation rules through the inbox: parsed from TOML with lines, run on
//! what arrives, recorded under their names.

use super::*;
use crate::config::{ConfigError, SavedReplyEntry};
use crate::model::{
    Author, Channel, ContactMark, EventKind, Message, MessageKind, Metrics, Status,
};
use chrono::TimeZone;
use std::sync::Arc;

fn message(channel: Channel, id: &str, handle: &str, text: &str, followers: u64) -> Message {
    Message {
        channel,
        id: id.into(),
        parent_id: None,
        thread_id: None,
        kind: MessageKind::Mention,
        direction: Direction::Inbound,
        author: Author {
            handle: handle.into(),
            name: "Julie Trébaol".into(),
            followers: Some(followers),
            verified: followers > 50_000,
        },
        text: text.into(),
        lang: None,
        created_at: Utc.with_ymd_and_hms(2026, 11, 2, 9, 30, 0).unwrap(),
        url: None,
        metrics: Metrics::default(),
        automated: false,
    }
}

use crate::model::Direction;

fn saved() -> Vec<SavedReplyEntry> {
    vec![
        SavedReplyEntry {
            name: "Ack".into(),
            text: "Hi {author.first_name|there}, we're on it (#{conversation.id}).".into(),
        },
        SavedReplyEntry {
            name: "Broken".into(),
            text: "Order {order.number}".into(),
        },
    ]
}

fn parse(text: &str) -> std::result::Result<Vec<Rule>, ConfigError> {
    #[derive(serde::Deserialize)]
    struct File {
        rule: Vec<RuleEntry>,
    }
    let file: File = crate::config::parse_as(text, Path::new("r.toml"))?;
    let cats = categories::Rules::default();
    let saved = saved();
    let team = ["ana".to_string(), "bo".to_string()];
    rules::check(
        &file.rule,
        text,
        Path::new("r.toml"),
        &rules::Known {
            saved_replies: &saved,
            categories: cats.names().map(str::to_string).collect(),
            team: &team,
        },
    )
}

fn automation(text: &str) -> Arc<Automation> {
    Arc::new(Automation::new(
        parse(text).unwrap(),
        &SlaSection::default(),
        categories::Rules::default(),
    ))
}

fn store_with(text: &str) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    store.set_automation(automation(text));
    (dir, store)
}

fn arrive(store: &mut Store, messages: &[Message]) -> Vec<Applied> {
    let report = store.import_messages(messages, "import", "t").unwrap();
    store.arrived(&report).unwrap().rules
}

fn conv(store: &Store, channel: Channel, id: &str) -> i64 {
    store
        .resolve_conversation(&format!("{channel}:{id}"))
        .unwrap()
}

#[test]
fn a_matching_rule_tags_assigns_boosts_and_records_itself_once() {
    let rules = r#"
[[rule]]
name = "refunds"
[rule.when]
words = ["refund*", "money back"]
channel = ["x", "bluesky"]
[rule.then]
tag = ["billing-price", "refund"]
assign = "lea"
status = "open"
boost = 50
"#;
    let (_d, mut store) = store_with(rules);
    let applied = arrive(
        &mut store,
        &[
            message(Channel::X, "1", "juju", "I want my money back now", 10),
            message(Channel::X, "2", "zed", "Lovely kettle", 10),
            message(Channel::Reddit, "3", "bob", "refund please", 10),
        ],
    );
    assert_eq!(applied.len(), 1, "{applied:?}");
    assert_eq!(applied[0].message, "1");
    let c = conv(&store, Channel::X, "1");
    let s = store.summaries(&[c]).unwrap().pop().unwrap();
    assert_eq!(s.tags, ["billing-price", "refund"]);
    assert_eq!(s.assignee.as_deref(), Some("lea"));
    assert_eq!(s.status, Status::Open);
    assert!(
        s.reasons.contains(&crate::model::Reason::Boost(50)),
        "{:?}",
        s.reasons
    );
    let plain = store
        .summaries(&[conv(&store, Channel::X, "2")])
        .unwrap()
        .pop()
        .unwrap();
    assert!(s.priority >= plain.priority + 50);
    let history = store.history(c).unwrap();
    let by_rule: Vec<EventKind> = history
        .iter()
        .filter(|e| e.actor == "rule refunds")
        .map(|e| e.kind)
        .collect();
    for k in [
        EventKind::Tag,
        EventKind::Assign,
        EventKind::Status,
        EventKind::Priority,
        EventKind::Rule,
    ] {
        assert!(by_rule.contains(&k), "{k} in {by_rule:?}");
    }
    let rule_event = history.iter().find(|e| e.kind == EventKind::Rule).unwrap();
    assert_eq!(rule_event.payload["rule"], "refunds");
    assert_eq!(rule_event.payload["message"], "1");
    // Importing again (and any later arrival) does not run it twice.
    assert!(
        arrive(
            &mut store,
            &[message(
                Channel::X,
                "1",
                "juju",
                "I want my money back now",
                10
            )]
        )
        .is_empty()
    );
    assert!(arrive(&mut store, &[message(Channel::X, "4", "amy", "hello", 1)]).is_empty());
    let rule_events = store
        .history(c)
        .unwrap()
        .iter()
        .filter(|e| e.kind == EventKind::Rule)
        .count();
    assert_eq!(rule_events, 1);
}

#[test]
fn every_kind_of_condition_holds_or_not() {
    let rules = r#"
[[rule]]
name = "regex"
[rule.when]
regex = "(?i)order\\s*#?\\d{6}"
[rule.then]
tag = ["has-order"]

[[rule]]
name = "lang-kind"
[rule.when]
lang = "fr"
kind = ["mention", "dm"]
[rule.then]
tag = ["fr-mention"]

[[rule]]
name = "angry"
[rule.when]
sentiment = "negative"
complaint_at_least = 0.5
[rule.then]
tag = ["angry"]

[[rule]]
name = "hostile"
[rule.when]
hostility_at_least = 0.6
[rule.then]
tag = ["hostile"]

[[rule]]
name = "delivery"
[rule.when]
category = "delivery"
[rule.then]
tag = ["delivery-rule"]

[[rule]]
name = "reach"
[rule.when]
followers_at_least = 10000
followers_below = 100000
verified = true
[rule.then]
tag = ["reach"]

[[rule]]
name = "listed"
[rule.when]
authors = ["bluesky:@Listed.bsky.social", "anywhere"]
[rule.then]
tag = ["listed"]
"#;
    let (_d, mut store) = store_with(rules);
    let mut fr = message(Channel::X, "fr", "a", "Bonjour, où est ma commande ?", 10);
    fr.lang = Some("fr-FR".into());
    arrive(
        &mut store,
        &[
            message(Channel::X, "order", "b", "Where is ORDER #123456?", 10),
            fr,
            message(
                Channel::X,
                "angry",
                "c",
                "@kettlo still no refund after 3 weeks, terrible service, I am furious",
                10,
            ),
            message(
                Channel::X,
                "hostile",
                "d",
                "bande de connards incompétents",
                10,
            ),
            message(
                Channel::X,
                "parcel",
                "e",
                "my parcel never arrived, tracking stuck",
                10,
            ),
            message(Channel::X, "big", "f", "hi", 60_000),
            message(Channel::X, "huge", "g", "hi", 500_000),
            message(Channel::Bluesky, "l1", "listed.bsky.social", "hi", 1),
            message(Channel::X, "l2", "listed.bsky.social", "hi", 1),
            message(Channel::Reddit, "l3", "Anywhere", "hi", 1),
        ],
    );
    let tags = |id: &str| {
        let c = store.resolve_conversation(&conv_ref(id)).unwrap();
        store.summaries(&[c]).unwrap().pop().unwrap().tags
    };
    fn conv_ref(id: &str) -> String {
        match id {
            "l1" => "bluesky:l1".into(),
            "l3" => "reddit:l3".into(),
            other => format!("x:{other}"),
        }
    }
    assert_eq!(tags("order"), ["has-order"]);
    assert_eq!(tags("fr"), ["fr-mention"]);
    assert!(
        tags("angry").contains(&"angry".to_string()),
        "{:?}",
        tags("angry")
    );
    assert!(
        tags("hostile").contains(&"hostile".to_string()),
        "{:?}",
        tags("hostile")
    );
    assert!(
        tags("parcel").contains(&"delivery-rule".to_string()),
        "{:?}",
        tags("parcel")
    );
    assert_eq!(tags("big"), ["reach"]);
    assert!(tags("huge").is_empty(), "below 100 000 only");
    assert_eq!(tags("l1"), ["listed"]);
    assert!(tags("l2").is_empty(), "listed on bluesky only");
    assert_eq!(tags("l3"), ["listed"]);
}

#[test]
fn vip_and_block_lists_round_robin_hide_reply_and_stop() {
    let rules = r#"
[[rule]]
name = "blocked-out"
[rule.when]
blocked = true
[rule.then]
hide = true
stop = true

[[rule]]
name = "team"
[rule.when]
vip = false
[rule.then]
round_robin = ["lea", "marc", "ines"]
reply = "ack"

[[rule]]
name = "vips"
[rule.when]
vip = true
[rule.then]
tag = ["vip"]
"#;
    let (_d, mut store) = store_with(rules);
    store
        .set_contact_mark(
            (Channel::Facebook, "troll"),
            ContactMark::Blocked,
            true,
            "lea",
        )
        .unwrap();
    store
        .set_contact_mark((Channel::Facebook, "star"), ContactMark::Vip, true, "lea")
        .unwrap();
    let applied = arrive(
        &mut store,
        &[
            message(Channel::Facebook, "t", "Troll", "spam spam", 1),
            message(Channel::Facebook, "s", "star", "hello", 1),
            message(Channel::Facebook, "a", "amy", "hello", 1),
            message(Channel::Facebook, "b", "bob", "hello", 1),
            message(Channel::Facebook, "c", "cy", "hello", 1),
            message(Channel::Facebook, "d", "dee", "hello", 1),
        ],
    );
    // The blocked author's comment is hidden, and later rules skip it.
    let t = conv(&store, Channel::Facebook, "t");
    let actions = store.conversation(t).unwrap().actions;
    assert_eq!(actions.len(), 1);
    assert_eq!(
        (actions[0].kind, actions[0].rule.as_deref()),
        (ActionKind::Hide, Some("blocked-out"))
    );
    assert!(applied.iter().filter(|a| a.message == "t").count() == 1);
    // VIPs get their rule, not the team's.
    let s = conv(&store, Channel::Facebook, "s");
    assert_eq!(store.summaries(&[s]).unwrap()[0].tags, ["vip"]);
    // The team in turn, each answered with the saved reply, automated.
    let who: Vec<Option<String>> = ["a", "b", "c", "d"]
        .iter()
        .map(|id| {
            let c = conv(&store, Channel::Facebook, id);
            store.summaries(&[c]).unwrap().pop().unwrap().assignee
        })
        .collect();
    assert_eq!(
        who,
        [Some("lea"), Some("marc"), Some("ines"), Some("lea")].map(|w| w.map(str::to_string))
    );
    let a = conv(&store, Channel::Facebook, "a");
    let detail = store.conversation(a).unwrap();
    assert_eq!(detail.outbox.len(), 1);
    assert_eq!(
        detail.outbox[0].text,
        format!("Hi Julie, we're on it (#{a}).")
    );
    assert_eq!(detail.outbox[0].actor, "rule team");
    let pending = store.pending_replies(Channel::Facebook).unwrap();
    assert!(pending.iter().all(|p| p.automated));
}

#[test]
fn a_refused_step_is_said_and_the_rest_is_done_and_hooks_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hook.json");
    let rules = format!(
        r#"
[[rule]]
name = "mastodon-hide"
[rule.when]
channel = "mastodon"
[rule.then]
hide = true
tag = ["seen"]
hook = ["tee", "{}"]
"#,
        out.display()
    );
    let (_d, mut store) = store_with(&rules);
    arrive(
        &mut store,
        &[message(
            Channel::Mastodon,
            "m",
            "bertrand@piaille.example",
            "hello",
            1,
        )],
    );
    let c = conv(&store, Channel::Mastodon, "m");
    let history = store.history(c).unwrap();
    let rule = history.iter().find(|e| e.kind == EventKind::Rule).unwrap();
    let did: Vec<&str> = rule.payload["did"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d.as_str())
        .collect();
    assert!(
        did.iter()
            .any(|d| d.starts_with("hide: not done: mastodon does not offer hide")),
        "{did:?}"
    );
    assert!(did.contains(&"tag +seen"), "{did:?}");
    let hook = history.iter().find(|e| e.kind == EventKind::RuleHookOk);
    assert!(hook.is_some(), "{history:#?}");
    let sent: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(sent["event"], "rule");
    assert_eq!(sent["rule"], "mastodon-hide");
    assert_eq!(sent["message"]["author"], "bertrand@piaille.example");
}

#[test]
fn messages_that_came_while_no_rule_was_set_never_meet_rules_later() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut store = Store::open(&path).unwrap();
    arrive(&mut store, &[message(Channel::X, "old", "a", "refund", 1)]);
    store.set_automation(automation(
        "[[rule]]\nname = \"r\"\n[rule.when]\nwords = \"refund\"\n[rule.then]\ntag = \"x\"\n",
    ));
    let applied = arrive(&mut store, &[message(Channel::X, "new", "b", "refund", 1)]);
    assert_eq!(
        applied
            .iter()
            .map(|a| a.message.as_str())
            .collect::<Vec<_>>(),
        ["new"]
    );
    // A dry run reads everything since a date and changes nothing.
    let before = store
        .history(conv(&store, Channel::X, "old"))
        .unwrap()
        .len();
    let auto = store.automation();
    let dry = dry_run(&mut store, &auto, DateTime::<Utc>::UNIX_EPOCH).unwrap();
    assert_eq!(dry.examined, 2);
    assert_eq!(dry.applied.len(), 2);
    assert_eq!(dry.applied[0].did, ["tag +x"]);
    assert_eq!(
        store
            .history(conv(&store, Channel::X, "old"))
            .unwrap()
            .len(),
        before
    );
}

#[test]
fn bad_rules_name_the_file_the_line_and_the_key() {
    let cases: &[(&str, &str)] = &[
        (
            "[[rule]]\nname = \"a\"\n[rule.when]\nregex = \"(unclosed\"\n[rule.then]\ntag = \"x\"\n",
            "r.toml:4: rule[0].when.regex: not a regular expression",
        ),
        (
            "[[rule]]\nname = \"a\"\n[rule.then]\ntag = \"x\"\n\n[[rule]]\nname = \"a\"\n[rule.then]\ntag = \"y\"\n",
            "r.toml:7: rule[1].name: `a` is defined twice",
        ),
        (
            "[[rule]]\nname = \"a\"\n[rule.when]\nsentiment = \"grumpy\"\n[rule.then]\ntag = \"x\"\n",
            "r.toml:4: rule[0].when.sentiment: unknown sentiment `grumpy`",
        ),
        (
            "[[rule]]\nname = \"a\"\n[rule.when]\ncomplaint_at_least = 3\n[rule.then]\ntag = \"x\"\n",
            "r.toml:4: rule[0].when.complaint_at_least: 3 is not between 0 and 1",
        ),
        (
            "[[rule]]\nname = \"a\"\n[rule.when]\ncategory = \"weather\"\n[rule.then]\ntag = \"x\"\n",
            "r.toml:4: rule[0].when.category: unknown category `weather`",
        ),
        (
            "[[rule]]\nname = \"a\"\n[rule.then]\nreply = \"Nope\"\n",
            "r.toml:4: rule[0].then.reply: no saved reply named `Nope` (saved replies: Ack, Broken)",
        ),
        (
            "[[rule]]\nname = \"a\"\n[rule.then]\nreply = \"broken\"\n",
            "r.toml:4: rule[0].then.reply: saved reply `Broken` uses unknown variable {order.number}",
        ),
        (
            "[[rule]]\nname = \"a\"\n[rule.then]\nassign = \"lea\"\nround_robin = [\"marc\"]\n",
            "r.toml:5: rule[0].then.round_robin: give assign or round_robin, not both",
        ),
        (
            "[[rule]]\nname = \"a\"\n[rule.when]\nwords = \"x\"\n[rule.then]\n",
            "r.toml:5: rule[0].then: does nothing",
        ),
        (
            "[[rule]]\nname = \"a\"\n[rule.when]\nhours = \"lunch\"\n[rule.then]\ntag = \"x\"\n",
            "r.toml:4: rule[0].when.hours: `lunch` (expected open or closed",
        ),
        (
            "[[rule]]\nname = \"a\"\n[rule.when]\nchannel = \"myspace\"\n[rule.then]\ntag = \"x\"\n",
            "r.toml:4: rule[0].when.channel: unknown variant `myspace`",
        ),
        (
            "[[rule]]\nname = \"a\"\n[rule.when]\nwordz = \"x\"\n[rule.then]\ntag = \"x\"\n",
            "r.toml:4: rule[0].when.wordz: unknown key",
        ),
        (
            "[[rule]]\nname = \"a\"\n[rule.then]\nboost = 5000\n",
            "r.toml:4: rule[0].then.boost: 5000: give points between",
        ),
        (
            "[[rule]]\nname = \"a\"\n[rule.then]\nhook = []\n",
            "r.toml:4: rule[0].then.hook: needs the program first",
        ),
    ];
    for (text, want) in cases {
        let e = parse(text).unwrap_err().to_string();
        assert!(e.starts_with(want), "{e}\n  wanted: {want}");
    }
}

#[test]
fn business_hours_decide_open_and_closed() {
    let rules = "[[rule]]\nname = \"night\"\n[rule.when]\nhours = \"closed\"\n[rule.then]\ntag = \"night\"\n";
    let sla: SlaSection = toml::from_str(
        "timezone = \"Europe/Paris\"\ndays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\nhours = \"09:00-18:00\"\n",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    store.set_automation(Arc::new(Automation::new(
        parse(rules).unwrap(),
        &sla,
        categories::Rules::default(),
    )));
    let mut day = message(Channel::X, "day", "a", "hi", 1);
    day.created_at = Utc.with_ymd_and_hms(2026, 11, 3, 10, 0, 0).unwrap(); // 11:00 in Paris, a Tuesday
    let mut night = message(Channel::X, "night", "b", "hi", 1);
    night.created_at = Utc.with_ymd_and_hms(2026, 11, 3, 20, 0, 0).unwrap(); // 21:00
    let mut sunday = message(Channel::X, "sunday", "c", "hi", 1);
    sunday.created_at = Utc.with_ymd_and_hms(2026, 11, 8, 10, 0, 0).unwrap();
    let applied = arrive(&mut store, &[day, night, sunday]);
    let mut hit: Vec<&str> = applied.iter().map(|a| a.message.as_str()).collect();
    hit.sort();
    assert_eq!(hit, ["night", "sunday"]);
}
