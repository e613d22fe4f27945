//! The X client against a local server: paging, parents, errors, resume,
//! and replies sent exactly once.

use super::*;
use crate::channels::local_server::{Reply, Server, TOO_LATE, fixture, http, store};
use crate::inbox::sync::sync_account;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

const ME: &str = "1400000000000000001";
const MENTIONS: &str = "/2/users/1400000000000000001/mentions";
const TIMELINE: &str = "/2/users/1400000000000000001/tweets";
const PAGE1_NEXT: &str = "7140dibdnow9c7btw3z2vwioavpvutgzrzm9icis4ndix";
const PAGE1_NEWEST: &str = "2114653117181338342";
const PAGE3_NEWEST: &str = "2114800000000000005";
const REPLY: &str = "Bonjour Bruno, on regarde KT-88311 tout de suite. — Inès";

pub(super) fn client(server: &Server) -> XClient {
    let entry = AccountEntry {
        name: "kettlo-x".into(),
        network: Channel::X,
        base_url: Some(format!("{}/", server.url)),
        handle: "kettlo".into(),
        id: Some(ME.into()),
        token_env: None,
        token_file: None,
        poll_seconds: None,
    };
    XClient::new(&entry, &http(), Secret::new("test-token")).unwrap()
}

/// Mentions as X pages them: page 1 then 2 on the first sync, page 3 after
/// page 1's newest, nothing after page 3's.
pub(super) fn mentions(server: &Server) {
    server.handle(|r| {
        if r.path != MENTIONS {
            return None;
        }
        let page = match (r.param("since_id"), r.param("pagination_token")) {
            (_, Some(PAGE1_NEXT)) => "x/mentions_page2.json",
            (None, None) => "x/mentions_page1.json",
            (Some(PAGE1_NEWEST), None) => "x/mentions_page3.json",
            _ => return Some(Reply::ok(r#"{"meta":{"result_count":0}}"#)),
        };
        Some(Reply::ok(fixture(page)))
    });
    server.handle(|r| {
        (r.path == "/2/tweets" && r.method == "GET").then(|| match r.param("ids") {
            Some("2114647519471282387") => Reply::ok(fixture("x/tweets_lookup.json")),
            _ => Reply::ok(fixture("x/tweets_lookup_missing.json")),
        })
    });
}

#[tokio::test]
async fn pages_parents_and_resume_without_duplicates() {
    let server = Server::start().await;
    mentions(&server);
    let db = store::temp();
    let x = client(&server);

    let first = sync_account(&db.path, &x, "test").await;
    assert_eq!(first.state.as_str(), "ok", "{first:?}");
    assert_eq!((first.pages, first.new), (2, 5), "{first:?}");
    let asked = server.requests_to("GET", MENTIONS);
    assert_eq!(asked.len(), 2);
    assert_eq!(asked[0].param("since_id"), None);
    assert_eq!(asked[0].param("pagination_token"), None);
    assert_eq!(asked[1].param("pagination_token"), Some(PAGE1_NEXT));
    for r in &asked {
        assert_eq!(r.header("authorization"), Some("Bearer test-token"));
        assert_eq!(
            r.param("expansions"),
            Some("author_id,referenced_tweets.id,in_reply_to_user_id")
        );
        let fields = r.param("tweet.fields").unwrap();
        for f in [
            "conversation_id",
            "created_at",
            "public_metrics",
            "referenced_tweets",
        ] {
            assert!(fields.split(',').any(|x| x == f), "{fields}");
        }
        assert_eq!(r.param("user.fields"), Some(USER_FIELDS));
    }
    // Page 1's threads were complete: nothing looked up.
    assert!(server.requests_to("GET", "/2/tweets").is_empty());
    assert_eq!(db.cursor("kettlo-x").as_deref(), Some(PAGE1_NEWEST));

    // The next poll asks from the stored newest id; the reply's parent
    // came along, its grandparent is looked up.
    let second = sync_account(&db.path, &x, "test").await;
    assert_eq!(second.state.as_str(), "ok", "{second:?}");
    assert_eq!(second.new, 2, "{second:?}");
    let asked = server.requests_to("GET", MENTIONS);
    assert_eq!(asked[2].param("since_id"), Some(PAGE1_NEWEST));
    let lookups = server.requests_to("GET", "/2/tweets");
    assert_eq!(lookups.len(), 1);
    assert_eq!(lookups[0].param("ids"), Some("2114647519471282387"));
    assert_eq!(db.cursor("kettlo-x").as_deref(), Some(PAGE3_NEWEST));

    // A restart: nothing new, nothing stored twice.
    let third = sync_account(&db.path, &x, "test").await;
    assert_eq!((third.new, third.updated), (0, 0), "{third:?}");
    assert_eq!(
        server.requests_to("GET", MENTIONS)[3].param("since_id"),
        Some(PAGE3_NEWEST)
    );
    assert_eq!(db.message_count(), 7);
    // The thread hangs together: the new reply is in Julie's conversation.
    let store = db.open();
    assert_eq!(
        store.resolve_conversation("x:2114800000000000005").unwrap(),
        store.resolve_conversation("x:2114624974679683556").unwrap()
    );
}

#[tokio::test]
async fn a_crash_between_pages_goes_on_from_the_stored_page() {
    let server = Server::start().await;
    let page2_up = Arc::new(AtomicBool::new(false));
    let up = page2_up.clone();
    server.handle(move |r| {
        (r.param("pagination_token") == Some(PAGE1_NEXT) && !up.load(Ordering::SeqCst))
            .then(|| Reply::json(503, r#"{"title":"Service Unavailable"}"#))
    });
    mentions(&server);
    let db = store::temp();
    let x = client(&server);

    let first = sync_account(&db.path, &x, "test").await;
    assert_eq!(first.state.as_str(), "error", "{first:?}");
    assert_eq!(first.new, 4, "page 1 was committed");
    let cursor = db.cursor("kettlo-x").unwrap();
    assert!(cursor.contains(PAGE1_NEXT), "{cursor}");

    page2_up.store(true, Ordering::SeqCst);
    let before = server.requests_to("GET", MENTIONS).len();
    let second = sync_account(&db.path, &x, "test").await;
    assert_eq!(second.state.as_str(), "ok", "{second:?}");
    assert_eq!((second.new, second.pages), (1, 1), "{second:?}");
    let asked = &server.requests_to("GET", MENTIONS)[before..];
    assert_eq!(asked[0].param("pagination_token"), Some(PAGE1_NEXT));
    // The round's newest id is the next since_id.
    assert_eq!(db.cursor("kettlo-x").as_deref(), Some(PAGE1_NEWEST));
    assert_eq!(db.message_count(), 5);
}

#[tokio::test]
async fn bad_token_rate_limits_and_server_errors() {
    // 401: the account's token is refused.
    let server = Server::start().await;
    server.on(
        "GET",
        MENTIONS,
        vec![Reply::json(
            401,
            include_str!("../../../../tests/fixtures/x/error_401.json"),
        )],
    );
    let db = store::temp();
    let outcome = sync_account(&db.path, &client(&server), "test").await;
    assert_eq!(outcome.state.as_str(), "auth_failed", "{outcome:?}");
    assert!(!outcome.error.unwrap_or_default().contains("test-token"));

    // 429 with Retry-After: waited out, then the page.
    let server = Server::start().await;
    server.on(
        "GET",
        MENTIONS,
        vec![
            Reply::json(
                429,
                include_str!("../../../../tests/fixtures/x/error_429.json"),
            )
            .header("retry-after", "1")
            .header("x-rate-limit-remaining", "0"),
            Reply::ok(fixture("x/mentions_page2.json")),
        ],
    );
    let started = std::time::Instant::now();
    let outcome = sync_account(&db.path, &client(&server), "test").await;
    assert_eq!(
        (outcome.state.as_str(), outcome.new),
        ("ok", 1),
        "{outcome:?}"
    );
    assert!(started.elapsed() >= Duration::from_millis(900));

    // 429 with only X's reset time, far off: the account waits until then.
    let server = Server::start().await;
    let reset = chrono::Utc::now().timestamp() + 900;
    server.on(
        "GET",
        MENTIONS,
        vec![
            Reply::json(
                429,
                include_str!("../../../../tests/fixtures/x/error_429.json"),
            )
            .header("x-rate-limit-limit", "450")
            .header("x-rate-limit-remaining", "0")
            .header("x-rate-limit-reset", reset.to_string()),
        ],
    );
    let outcome = sync_account(&db.path, &client(&server), "test").await;
    assert_eq!(outcome.state.as_str(), "rate_limited", "{outcome:?}");
    let state = db.open().account_states().unwrap().pop().unwrap();
    assert_eq!(state.until.map(|t| t.timestamp()), Some(reset));

    // 500 then success.
    let server = Server::start().await;
    server.on(
        "GET",
        MENTIONS,
        vec![
            Reply::json(500, r#"{"title":"Internal Server Error"}"#),
            Reply::ok(r#"{"meta":{"result_count":0}}"#),
        ],
    );
    let outcome = sync_account(&db.path, &client(&server), "test").await;
    assert_eq!(outcome.state.as_str(), "ok", "{outcome:?}");
    assert_eq!(server.requests_to("GET", MENTIONS).len(), 2);
}

/// A store holding page 3's thread, with a reply queued to Bruno.
async fn queued(server: &Server) -> store::TempStore {
    server.handle(|r| {
        (r.path == MENTIONS).then(|| match r.param("since_id") {
            None => Reply::ok(fixture("x/mentions_page3.json")),
            Some(_) => Reply::ok(r#"{"meta":{"result_count":0}}"#),
        })
    });
    mentions(server);
    let db = store::temp();
    let outcome = sync_account(&db.path, &client(server), "test").await;
    assert_eq!(outcome.state.as_str(), "ok", "{outcome:?}");
    db.queue_reply("x:2114800000000000005", REPLY);
    db
}

#[tokio::test]
async fn a_reply_is_posted_once_as_documented() {
    let server = Server::start().await;
    server.on(
        "POST",
        "/2/tweets",
        vec![Reply::json(
            201,
            include_str!("../../../../tests/fixtures/x/create_tweet.json"),
        )],
    );
    let db = queued(&server).await;
    let x = client(&server);
    let outcome = sync_account(&db.path, &x, "test").await;
    assert_eq!((outcome.sent, outcome.failed), (1, 0), "{outcome:?}");
    let posts = server.requests_to("POST", "/2/tweets");
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0].json(),
        serde_json::json!({"text": REPLY, "reply": {"in_reply_to_tweet_id": "2114800000000000005"}})
    );
    assert_eq!(posts[0].header("content-type"), Some("application/json"));
    assert_eq!(posts[0].header("authorization"), Some("Bearer test-token"));
    assert_eq!(
        db.outbox(),
        [(
            "sent".to_string(),
            Some("2114900000000000077".to_string()),
            None
        )]
    );
    // Our reply is in the conversation, outbound.
    let store = db.open();
    assert_eq!(
        store.resolve_conversation("x:2114900000000000077").unwrap(),
        store.resolve_conversation("x:2114800000000000005").unwrap()
    );
    drop(store);
    let again = sync_account(&db.path, &x, "test").await;
    assert_eq!(again.sent, 0);
    assert_eq!(server.requests_to("POST", "/2/tweets").len(), 1);
}

#[tokio::test]
async fn a_timeout_after_the_post_arrived_is_found_not_sent_twice() {
    let server = Server::start().await;
    server.on(
        "POST",
        "/2/tweets",
        vec![
            Reply::json(
                201,
                include_str!("../../../../tests/fixtures/x/create_tweet.json"),
            )
            .delayed(TOO_LATE),
        ],
    );
    server.on(
        "GET",
        TIMELINE,
        vec![Reply::ok(fixture("x/user_tweets.json"))],
    );
    let db = queued(&server).await;
    let x = client(&server);

    let lost = sync_account(&db.path, &x, "test").await;
    assert_eq!(lost.state.as_str(), "offline", "{lost:?}");
    assert_eq!(db.outbox()[0].0, "sending");

    let next = sync_account(&db.path, &x, "test").await;
    assert_eq!((next.state.as_str(), next.sent), ("ok", 1), "{next:?}");
    assert_eq!(
        server.requests_to("POST", "/2/tweets").len(),
        1,
        "not sent twice"
    );
    assert_eq!(server.requests_to("GET", TIMELINE).len(), 1);
    assert_eq!(
        db.outbox(),
        [(
            "sent".to_string(),
            Some("2114900000000000077".to_string()),
            None
        )]
    );
}

#[tokio::test]
async fn a_refused_reply_keeps_the_networks_error() {
    let server = Server::start().await;
    server.on(
        "POST",
        "/2/tweets",
        vec![Reply::json(
            403,
            include_str!("../../../../tests/fixtures/x/error_403_reply.json"),
        )],
    );
    let db = queued(&server).await;
    let outcome = sync_account(&db.path, &client(&server), "test").await;
    assert_eq!((outcome.sent, outcome.failed), (0, 1), "{outcome:?}");
    let (status, remote, error) = db.outbox().pop().unwrap();
    assert_eq!((status.as_str(), remote), ("failed", None));
    assert_eq!(
        error.as_deref(),
        Some("403: You attempted to reply to a Tweet that is deleted or not visible to you.")
    );
}

#[tokio::test]
async fn the_weighted_length_is_checked_before_anything_leaves() {
    let server = Server::start().await;
    let x = client(&server);
    let reply = Outgoing {
        outbox: 1,
        // 141 CJK characters weigh 282.
        text: "漢".repeat(141),
        idempotency_key: "k".into(),
        in_reply_to: Some(crate::model::ReplyTarget {
            ext_id: "1".into(),
            author: "a".into(),
            thread_ext_id: None,
            root_ext_id: None,
        }),
    };
    let err = x.send(&reply).await.unwrap_err();
    assert!(err.to_string().contains("282 of 280"), "{err}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_thousand_mentions_in_ten_pages_are_stored_once() {
    let server = Server::start().await;
    server.handle(|r| {
        if r.path != MENTIONS {
            return None;
        }
        if r.param("since_id").is_some() {
            return Some(Reply::ok(r#"{"meta":{"result_count":0}}"#));
        }
        let page: u64 = r
            .param("pagination_token")
            .and_then(|t| t.strip_prefix("p"))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let tweets: Vec<serde_json::Value> = (0..100u64)
            .map(|i| {
                let id = 2_200_000_000_000_000_000u64 - page * 100 - i;
                serde_json::json!({
                    "id": id.to_string(),
                    "text": format!("@kettlo commande {id} toujours pas arrivée, c'est long"),
                    "author_id": format!("{}", 1000 + (i % 37)),
                    "conversation_id": id.to_string(),
                    "created_at": format!("2026-10-{:02}T{:02}:{:02}:00.000Z", 27 - page, 23 - i / 60 % 24, i % 60),
                    "lang": "fr",
                    "public_metrics": {"retweet_count": 0, "reply_count": 0, "like_count": i % 5, "quote_count": 0}
                })
            })
            .collect();
        let users: Vec<serde_json::Value> = (0..37)
            .map(|u| serde_json::json!({"id": format!("{}", 1000 + u), "username": format!("client{u}"), "name": format!("Client {u}"), "verified": false, "public_metrics": {"followers_count": u * 10}}))
            .collect();
        let mut meta = serde_json::json!({"result_count": 100});
        if page < 9 {
            meta["next_token"] = format!("p{}", page + 1).into();
        }
        Some(Reply::ok(
            serde_json::json!({"data": tweets, "includes": {"users": users}, "meta": meta}).to_string(),
        ))
    });
    let db = store::temp();
    let x = client(&server);
    let started = std::time::Instant::now();
    let outcome = sync_account(&db.path, &x, "test").await;
    let elapsed = started.elapsed();
    assert_eq!((outcome.pages, outcome.new), (10, 1000), "{outcome:?}");
    assert_eq!(db.message_count(), 1000);
    // The issue's target is 10 such accounts under 5 s (release build).
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    let again = sync_account(&db.path, &x, "test").await;
    assert_eq!(again.new, 0);
    assert_eq!(db.message_count(), 1000);
}
