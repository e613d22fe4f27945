//! Messages that arrive by sync are treated like imported ones: scored, and
//! crisis-scanned. A burst of angry mentions fetched from a local Mastodon
//! server, after two quiet weeks in the store, raises a crisis alert.

#[macro_use]
mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::{Backend, Reply, Server, entry, fixture, http};
use palabre::channels::account::Secret;
use palabre::channels::mastodon_client::MastodonClient;
use palabre::inbox::Store;
use palabre::inbox::sync::sync_account;
use palabre::model::{Channel, CrisisLevel, EventKind};
use palabre::store::QueueFilter;
use serde_json::{Value, json};

const ME_ID: &str = "109313213313131";

fn burst_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 26, 10, 0, 0).unwrap()
}

/// A mention notification from `user{n}`, `minutes` into the burst.
fn angry_mention(n: u64, minutes: i64) -> Value {
    let at = (burst_start() + Duration::minutes(minutes)).to_rfc3339();
    let account = json!({
        "id": format!("77{n}"), "username": format!("user{n}"), "acct": format!("user{n}@remote.example"),
        "display_name": format!("User {n}"), "locked": false, "bot": false,
        "created_at": "2023-01-01T00:00:00.000Z", "note": "", "url": format!("https://remote.example/@user{n}"),
        "avatar": "", "avatar_static": "", "header": "", "header_static": "",
        "followers_count": 200 + n, "following_count": 3, "statuses_count": 40,
        "last_status_at": "2026-10-26", "emojis": [], "fields": []
    });
    json!({
        "id": (9000 + n).to_string(),
        "type": "mention",
        "created_at": at,
        "account": account,
        "status": {
            "id": (50_000 + n).to_string(),
            "created_at": at,
            "in_reply_to_id": null, "in_reply_to_account_id": null,
            "sensitive": false, "spoiler_text": "", "visibility": "public", "language": "en",
            "uri": format!("https://remote.example/users/user{n}/statuses/{}", 50_000 + n),
            "url": format!("https://remote.example/@user{n}/{}", 50_000 + n),
            "replies_count": 0, "reblogs_count": 3, "favourites_count": 1,
            "content": "<p><span class=\"h-card\"><a href=\"https://social.example/@kettlo\" class=\"u-url mention\">@<span>kettlo</span></a></span> my kettle caught fire this morning, the handle melted and burned my hand. Terrible, dangerous product, never again!</p>",
            "account": account,
            "media_attachments": [],
            "mentions": [{"id": ME_ID, "username": "kettlo", "url": "https://social.example/@kettlo", "acct": "kettlo"}],
            "tags": [], "emojis": [], "card": null, "poll": null
        }
    })
}

/// Two weeks of the ordinary grumbling every brand gets: two complaints a
/// day, each its own conversation.
fn quiet_weeks() -> Vec<palabre::model::Message> {
    (0..28)
        .map(|i| {
            let at = burst_start() - Duration::days(14) + Duration::hours(12 * i);
            let line = json!({
                "channel": "x", "id": format!("q{i}"), "kind": "mention", "direction": "inbound",
                "author": {"handle": format!("grumbler{i}"), "name": "G", "followers": 30, "verified": false},
                "text": "my order is late again, terrible service",
                "lang": "en", "created_at": at.to_rfc3339(),
                "metrics": {"likes": 0, "shares": 0, "replies": 0}
            });
            palabre::ingest::parse_line(&line.to_string(), i as usize + 1).unwrap()
        })
        .collect()
}

on_both_backends!(a_burst_of_mentions_synced_from_mastodon_raises_a_crisis_alert);

async fn a_burst_of_mentions_synced_from_mastodon_raises_a_crisis_alert(backend: Backend) {
    let Some((_store, db)) =
        backend.fresh("a_burst_of_mentions_synced_from_mastodon_raises_a_crisis_alert")
    else {
        return;
    };
    {
        let mut store = Store::open(&db).unwrap();
        let quiet = store
            .import_messages(&quiet_weeks(), "tester", "history.jsonl")
            .unwrap();
        assert_eq!(quiet.new, 28);
        assert_eq!(
            store.arrived(&quiet).unwrap().flagged,
            0,
            "two quiet weeks are no crisis"
        );
    }
    // Twenty-five people within twenty-five minutes.
    let burst: Vec<Value> = (0..25).rev().map(|n| angry_mention(n, n as i64)).collect();
    let server = Server::start().await;
    server.handle(move |r| {
        Some(match (r.method.as_str(), r.path.as_str()) {
            ("GET", "/api/v1/notifications")
                if r.param("max_id").is_none() && r.param("min_id").is_none() =>
            {
                Reply::ok(serde_json::to_vec(&burst).unwrap())
            }
            ("GET", "/api/v1/notifications") => Reply::ok("[]"),
            ("GET", "/api/v2/instance") => Reply::ok(fixture("mastodon/instance_v2.json")),
            ("GET", "/api/v1/accounts/verify_credentials") => {
                Reply::ok(fixture("mastodon/verify_credentials.json"))
            }
            _ => Reply::json(404, r#"{"error":"Record not found"}"#),
        })
    });
    let client = MastodonClient::new(
        entry(Channel::Mastodon, &server.url, "kettlo"),
        Secret::new("mastodon-test-token"),
        http(std::time::Duration::from_secs(5)),
    )
    .unwrap();
    let outcome = sync_account(&db, &client, "tester").await;
    assert_eq!(outcome.state.as_str(), "ok", "{outcome:?}");
    assert_eq!(outcome.new, 25, "{outcome:?}");
    assert!(
        outcome.flagged > 0,
        "the sync ran the crisis scan: {outcome:?}"
    );

    let store = Store::open(&db).unwrap();
    let flagged = store
        .list(&QueueFilter {
            channel: Some(Channel::Mastodon),
            crisis: Some(CrisisLevel::Potential),
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(flagged.len() as u64, outcome.flagged, "{flagged:?}");
    // Scored like an import: negative, and a complaint.
    assert!(
        flagged
            .iter()
            .all(|c| c.tone == Some(palabre::model::Tone::Negative))
    );
    // The alert says why, in the history, by the detector's name.
    let history = store.history(flagged[0].id).unwrap();
    let flag = history
        .iter()
        .find(|e| e.kind == EventKind::CrisisFlag)
        .expect("a crisis flag event");
    assert_eq!(flag.actor, palabre::inbox::crisis::DETECTOR);
    assert!(
        flag.payload.to_string().contains("crisis detector"),
        "{:?}",
        flag.payload
    );
    // None of the quiet weeks' conversations is dragged in.
    let x_flagged = store
        .list(&QueueFilter {
            channel: Some(Channel::X),
            crisis: Some(CrisisLevel::Potential),
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    assert!(x_flagged.is_empty(), "{x_flagged:?}");
    drop(store);

    // Synced again: nothing new, nothing flagged twice.
    let again = sync_account(&db, &client, "tester").await;
    assert_eq!((again.new, again.flagged), (0, 0), "{again:?}");
    let store = Store::open(&db).unwrap();
    let flags = store
        .history(flagged[0].id)
        .unwrap()
        .iter()
        .filter(|e| e.kind == EventKind::CrisisFlag)
        .count();
    assert_eq!(flags, 1);
    assert_eq!(store.info().unwrap().messages, 28 + 25);
}
