//! The YouTube client against a local server.

use super::*;
use crate::channels::Connector;
use crate::channels::local_server::{Reply, Server, TOO_LATE, fixture, http, store};
use crate::inbox::sync::{sync_account, sync_all};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

const CHANNEL: &str = "UCkettlo0000000000000000";
const THREADS: &str = "/youtube/v3/commentThreads";
const COMMENTS: &str = "/youtube/v3/comments";
const LONG_THREAD: &str = "UgxhM1bCbpl7cIz32dA4AaABAg";
const NEW_THREAD: &str = "UgzNewThread00000000005AaABAg";
const REPLY: &str = "Bonjour Léa, ce n'est pas normal : écrivez-nous à support@kettlo.example avec votre numéro de série. — Sam";

fn client_named(server: &Server, name: &str) -> YoutubeClient {
    let entry = AccountEntry {
        name: name.into(),
        network: Channel::Youtube,
        base_url: Some(server.url.clone()),
        handle: "@Kettlo".into(),
        id: Some(CHANNEL.into()),
        token_env: None,
        token_file: None,
        poll_seconds: None,
    };
    YoutubeClient::new(&entry, &http(), Secret::new("test-token")).unwrap()
}

pub(super) fn client(server: &Server) -> YoutubeClient {
    client_named(server, "kettlo-yt")
}

/// Pages 1 and 2 on the first sync; a new thread on top of the long one
/// afterwards.
fn threads(server: &Server, later: Arc<AtomicBool>) {
    server.handle(move |r| {
        if r.path != THREADS {
            return None;
        }
        Some(match r.param("pageToken") {
            Some("QURTSl9pMnBWc0ZfQ3dV") => {
                Reply::ok(fixture("youtube/comment_threads_page2.json"))
            }
            Some(_) => Reply::ok(r#"{"kind":"youtube#commentThreadListResponse","items":[]}"#),
            None if later.load(Ordering::SeqCst) => {
                Reply::ok(fixture("youtube/comment_threads_new.json"))
            }
            None => Reply::ok(fixture("youtube/comment_threads_page1.json")),
        })
    });
    server.handle(|r| {
        (r.path == COMMENTS && r.method == "GET").then(|| match r.param("parentId") {
            Some(LONG_THREAD) => Reply::ok(fixture("youtube/comments_replies.json")),
            Some(NEW_THREAD) => Reply::ok(fixture("youtube/comments_replies_with_ours.json")),
            _ => Reply::ok(r#"{"kind":"youtube#commentListResponse","items":[]}"#),
        })
    });
}

#[test]
fn quota_comes_back_at_midnight_in_california() {
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    // Winter: UTC-8.
    assert_eq!(
        next_pacific_midnight(at("2026-11-25T12:00:00Z")),
        at("2026-11-26T08:00:00Z")
    );
    // Summer: UTC-7, and still the 30th in California.
    assert_eq!(
        next_pacific_midnight(at("2026-07-01T06:30:00Z")),
        at("2026-07-01T07:00:00Z")
    );
}

#[tokio::test]
async fn threads_pages_long_reply_lists_and_resume_without_duplicates() {
    let server = Server::start().await;
    let later = Arc::new(AtomicBool::new(false));
    threads(&server, later.clone());
    let db = store::temp();
    let yt = client(&server);

    let first = sync_account(&db.path, &yt, "test").await;
    assert_eq!(first.state.as_str(), "ok", "{first:?}");
    // Page 1: 5 comments, and the long thread's 2 other replies; page 2: 2.
    assert_eq!((first.pages, first.new), (2, 9), "{first:?}");
    let asked = server.requests_to("GET", THREADS);
    assert_eq!(asked.len(), 2);
    for r in &asked {
        assert_eq!(r.header("authorization"), Some("Bearer test-token"));
        assert_eq!(r.param("part"), Some("snippet,replies"));
        assert_eq!(r.param("allThreadsRelatedToChannelId"), Some(CHANNEL));
        assert_eq!(r.param("order"), Some("time"));
        assert_eq!(r.param("maxResults"), Some("100"));
    }
    assert_eq!(asked[0].param("pageToken"), None);
    assert_eq!(asked[1].param("pageToken"), Some("QURTSl9pMnBWc0ZfQ3dV"));
    let replies = server.requests_to("GET", COMMENTS);
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0].param("parentId"), Some(LONG_THREAD));
    assert_eq!(replies[0].param("part"), Some("snippet"));
    // The newest comment seen (a reply fetched with comments.list).
    assert_eq!(
        db.cursor("kettlo-yt").as_deref(),
        Some("2026-10-28T17:30:00Z")
    );

    // A new thread on top: read down to the first older thread only.
    later.store(true, Ordering::SeqCst);
    let second = sync_account(&db.path, &yt, "test").await;
    assert_eq!((second.state.as_str(), second.new), ("ok", 1), "{second:?}");
    assert_eq!(server.requests_to("GET", THREADS).len(), 3);
    assert_eq!(
        server.requests_to("GET", COMMENTS).len(),
        1,
        "the long thread has not moved: its replies are not read again"
    );
    assert_eq!(
        db.cursor("kettlo-yt").as_deref(),
        Some("2026-10-29T10:00:00Z")
    );

    let third = sync_account(&db.path, &yt, "test").await;
    assert_eq!((third.new, third.updated), (0, 0), "{third:?}");
    assert_eq!(db.message_count(), 10);
}

#[tokio::test]
async fn out_of_quota_stops_that_account_until_midnight_only() {
    let spent = Server::start().await;
    spent.on(
        "GET",
        THREADS,
        vec![Reply::json(
            403,
            include_str!("../../../../tests/fixtures/youtube/error_quota.json"),
        )],
    );
    let fine = Server::start().await;
    threads(&fine, Arc::new(AtomicBool::new(false)));
    let db = store::temp();
    let accounts: Vec<Arc<dyn Connector>> = vec![
        Arc::new(client_named(&spent, "spent")),
        Arc::new(client_named(&fine, "fine")),
    ];
    let outcomes = sync_all(&db.path, accounts, "test").await;
    let spent_outcome = outcomes.iter().find(|o| o.account == "spent").unwrap();
    let fine_outcome = outcomes.iter().find(|o| o.account == "fine").unwrap();
    assert_eq!(
        spent_outcome.state.as_str(),
        "rate_limited",
        "{spent_outcome:?}"
    );
    assert!(
        spent_outcome
            .error
            .as_deref()
            .unwrap()
            .starts_with("quota exceeded until"),
        "{spent_outcome:?}"
    );
    assert_eq!(spent.requests().len(), 1, "a quota is not retried");
    assert_eq!((fine_outcome.state.as_str(), fine_outcome.new), ("ok", 9));
    let states = db.open().account_states().unwrap();
    let until = states.iter().find(|s| s.name == "spent").unwrap().until;
    assert_eq!(until, Some(next_pacific_midnight(Utc::now())));
    assert_eq!(
        states.iter().find(|s| s.name == "fine").unwrap().until,
        None
    );
}

#[tokio::test]
async fn bad_token_rate_limits_and_server_errors() {
    let db = store::temp();
    let server = Server::start().await;
    server.on(
        "GET",
        THREADS,
        vec![Reply::json(
            401,
            include_str!("../../../../tests/fixtures/youtube/error_401.json"),
        )],
    );
    let outcome = sync_account(&db.path, &client(&server), "test").await;
    assert_eq!(outcome.state.as_str(), "auth_failed", "{outcome:?}");

    let server = Server::start().await;
    server.on(
        "GET",
        THREADS,
        vec![
            Reply::json(
                429,
                r#"{"error":{"code":429,"message":"Too Many Requests"}}"#,
            )
            .header("retry-after", "1"),
            Reply::ok(fixture("youtube/comment_threads_page2.json")),
        ],
    );
    let started = std::time::Instant::now();
    let outcome = sync_account(&db.path, &client(&server), "test").await;
    assert_eq!(
        (outcome.state.as_str(), outcome.new),
        ("ok", 2),
        "{outcome:?}"
    );
    assert!(started.elapsed() >= Duration::from_millis(900));

    let server = Server::start().await;
    server.on(
        "GET",
        THREADS,
        vec![
            Reply::json(503, r#"{"error":{"code":503,"message":"The service is currently unavailable.","status":"UNAVAILABLE"}}"#),
            Reply::ok(fixture("youtube/comment_threads_page2.json")),
        ],
    );
    let outcome = sync_account(&db.path, &client(&server), "test").await;
    assert_eq!(outcome.state.as_str(), "ok", "{outcome:?}");
    assert_eq!(server.requests_to("GET", THREADS).len(), 2);
}

/// A store holding the new thread, with a reply to Léa queued.
async fn queued(server: &Server) -> store::TempStore {
    threads(server, Arc::new(AtomicBool::new(true)));
    let db = store::temp();
    let outcome = sync_account(&db.path, &client(server), "test").await;
    assert_eq!(outcome.state.as_str(), "ok", "{outcome:?}");
    db.queue_reply(&format!("youtube:{NEW_THREAD}"), REPLY);
    db
}

#[tokio::test]
async fn a_reply_is_inserted_once_as_documented() {
    let server = Server::start().await;
    server.on(
        "POST",
        COMMENTS,
        vec![Reply::ok(fixture("youtube/comments_insert.json"))],
    );
    let db = queued(&server).await;
    let yt = client(&server);
    let outcome = sync_account(&db.path, &yt, "test").await;
    assert_eq!((outcome.sent, outcome.failed), (1, 0), "{outcome:?}");
    let posts = server.requests_to("POST", COMMENTS);
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].param("part"), Some("snippet"));
    assert_eq!(
        posts[0].json(),
        serde_json::json!({"snippet": {"parentId": NEW_THREAD, "textOriginal": REPLY}})
    );
    assert_eq!(
        db.outbox(),
        [(
            "sent".to_string(),
            Some("UgzNewThread00000000005AaABAg.AJAb7Qz0000000000000".to_string()),
            None
        )]
    );
    sync_account(&db.path, &yt, "test").await;
    assert_eq!(server.requests_to("POST", COMMENTS).len(), 1);
}

#[tokio::test]
async fn a_timeout_after_the_insert_arrived_is_found_not_sent_twice() {
    let server = Server::start().await;
    server.on(
        "POST",
        COMMENTS,
        vec![Reply::ok(fixture("youtube/comments_insert.json")).delayed(TOO_LATE)],
    );
    let db = queued(&server).await;
    let yt = client(&server);
    let lost = sync_account(&db.path, &yt, "test").await;
    assert_eq!(lost.state.as_str(), "offline", "{lost:?}");
    let next = sync_account(&db.path, &yt, "test").await;
    assert_eq!((next.state.as_str(), next.sent), ("ok", 1), "{next:?}");
    assert_eq!(
        server.requests_to("POST", COMMENTS).len(),
        1,
        "not sent twice"
    );
    let looked = server.requests_to("GET", COMMENTS);
    assert!(
        looked
            .iter()
            .any(|r| r.param("parentId") == Some(NEW_THREAD))
    );
    assert_eq!(
        db.outbox()[0].1.as_deref(),
        Some("UgzNewThread00000000005AaABAg.AJAb7Qz0000000000000")
    );
}

#[tokio::test]
async fn a_quota_on_insert_keeps_the_reply_and_a_refusal_fails_it() {
    let server = Server::start().await;
    // Our reply is not among the thread's replies.
    server.handle(|r| {
        (r.path == COMMENTS && r.method == "GET")
            .then(|| Reply::ok(r#"{"kind":"youtube#commentListResponse","items":[]}"#))
    });
    server.on(
        "POST",
        COMMENTS,
        vec![
            Reply::json(
                403,
                include_str!("../../../../tests/fixtures/youtube/error_quota.json"),
            ),
            Reply::json(
                403,
                include_str!("../../../../tests/fixtures/youtube/error_comments_disabled.json"),
            ),
        ],
    );
    let db = queued(&server).await;
    let yt = client(&server);
    let spent = sync_account(&db.path, &yt, "test").await;
    assert_eq!(spent.state.as_str(), "rate_limited", "{spent:?}");
    assert_eq!(db.outbox()[0].0, "sending");
    // Once the quota is back: looked for, not found, sent, refused.
    let next = sync_account(&db.path, &yt, "test").await;
    assert_eq!((next.sent, next.failed), (0, 1), "{next:?}");
    assert_eq!(server.requests_to("POST", COMMENTS).len(), 2);
    let (status, _, error) = db.outbox().pop().unwrap();
    assert_eq!(status, "failed");
    assert!(error.unwrap().starts_with("403: The video identified by"));
}

#[tokio::test]
async fn a_stale_page_token_starts_the_round_again() {
    let server = Server::start().await;
    server.handle(|r| {
        (r.path == THREADS && r.param("pageToken") == Some("stale")).then(|| {
            Reply::json(
                400,
                r#"{"error":{"code":400,"message":"The request specifies an invalid page token.","errors":[{"message":"The request specifies an invalid page token.","domain":"youtube.parameter","reason":"invalidPageToken","location":"pageToken","locationType":"parameter"}]}}"#,
            )
        })
    });
    threads(&server, Arc::new(AtomicBool::new(true)));
    let yt = client(&server);
    let cursor = r#"{"since":"2026-10-28T17:30:00Z","page":"stale","top":"2026-10-29T00:00:00Z"}"#;
    let page = yt.fetch(Some(cursor)).await.unwrap();
    let asked = server.requests_to("GET", THREADS);
    assert_eq!(asked.len(), 2);
    assert_eq!(asked[1].param("pageToken"), None);
    assert!(page.messages.iter().any(|m| m.id == NEW_THREAD));
    assert_eq!(page.cursor.as_deref(), Some("2026-10-29T10:00:00Z"));
    assert!(!page.more);
}
