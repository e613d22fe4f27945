//! The Graph clients against a local server.

use super::*;
use crate::channels::local_server::{Reply, Server, TOO_LATE, fixture, http, store};
use crate::inbox::sync::sync_account;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

const PAGE: &str = "104000000000001";
const FEED: &str = "/104000000000001/feed";
const P1: &str = "104000000000001_6724835090962438";
const NADIA: &str = "6724835090962438_9635445800000001";
const FB_REPLY: &str = "Bonjour Nadia, nous regardons votre dossier tout de suite. Pouvez-vous nous écrire en privé ? — Inès";
const IG_USER: &str = "17841400000000001";
const MEDIA: &str = "/17841400000000001/media";
const M1_COMMENTS: &str = "/17900000000000000/comments";
const IG_TOP: &str = "17890000000000009";
const IG_REPLY: &str = "Oui, en mode eco compte 4 minutes environ 🌿 — Sam";

fn entry(server: &Server, network: Channel, handle: &str, id: &str) -> AccountEntry {
    AccountEntry {
        name: format!("kettlo-{network}"),
        network,
        base_url: Some(server.url.clone()),
        handle: handle.into(),
        id: Some(id.into()),
        token_env: None,
        token_file: None,
        poll_seconds: None,
    }
}

pub(super) fn facebook(server: &Server) -> FacebookClient {
    FacebookClient::new(
        &entry(server, Channel::Facebook, "Kettlo", PAGE),
        &http(),
        Secret::new("test-token"),
    )
    .unwrap()
}

pub(super) fn instagram(server: &Server) -> InstagramClient {
    InstagramClient::new(
        &entry(server, Channel::Instagram, "kettlo", IG_USER),
        &http(),
        Secret::new("test-token"),
    )
    .unwrap()
}

fn feed(server: &Server, later: Arc<AtomicBool>) {
    server.handle(move |r| {
        if r.path != FEED {
            return None;
        }
        Some(match r.param("after") {
            Some("QVFIUkZAFRURFRUZ") => Reply::ok(fixture("facebook/feed_page2.json")),
            Some(_) => Reply::ok(r#"{"data":[]}"#),
            None if later.load(Ordering::SeqCst) => Reply::ok(fixture("facebook/feed_new.json")),
            None => Reply::ok(fixture("facebook/feed_page1.json")),
        })
    });
    server.handle(|r| {
        (r.path == format!("/{P1}/comments") && r.method == "GET")
            .then(|| Reply::ok(fixture("facebook/post_comments_more.json")))
    });
}

#[tokio::test]
async fn facebook_feed_pages_busy_posts_and_resume_without_duplicates() {
    let server = Server::start().await;
    let later = Arc::new(AtomicBool::new(false));
    feed(&server, later.clone());
    let db = store::temp();
    let fb = facebook(&server);

    let first = sync_account(&db.path, &fb, "test").await;
    assert_eq!(first.state.as_str(), "ok", "{first:?}");
    assert_eq!((first.pages, first.new), (2, 6), "{first:?}");
    let asked = server.requests_to("GET", FEED);
    assert_eq!(asked.len(), 2);
    assert_eq!(asked[1].param("after"), Some("QVFIUkZAFRURFRUZ"));
    let fields = asked[0].param("fields").unwrap();
    assert!(
        fields.contains("comments.filter(stream).order(reverse_chronological)"),
        "{fields}"
    );
    assert_eq!(asked[0].header("authorization"), Some("Bearer test-token"));
    // The busy post's other comments, from its nested edge's `after`.
    let more = server.requests_to("GET", &format!("/{P1}/comments"));
    assert_eq!(more.len(), 1);
    assert_eq!(more[0].param("after"), Some("QVFIUmFmdGVy2438"));
    assert_eq!(more[0].param("filter"), Some("stream"));
    assert_eq!(
        db.cursor("kettlo-facebook").as_deref(),
        Some("2026-10-26T16:40:00Z")
    );
    // A reply read flat joins its parent's conversation.
    let store = db.open();
    assert_eq!(
        store
            .resolve_conversation("facebook:6724835090962438_9635445700000002")
            .unwrap(),
        store
            .resolve_conversation("facebook:6724835090962438_9635445500000001")
            .unwrap()
    );
    drop(store);

    later.store(true, Ordering::SeqCst);
    let second = sync_account(&db.path, &fb, "test").await;
    assert_eq!((second.state.as_str(), second.new), ("ok", 1), "{second:?}");
    assert_eq!(
        server.requests_to("GET", FEED).len(),
        3,
        "stopped at an older post"
    );
    assert_eq!(
        server.requests_to("GET", &format!("/{P1}/comments")).len(),
        1
    );
    assert_eq!(
        db.cursor("kettlo-facebook").as_deref(),
        Some("2026-10-27T09:15:00Z")
    );
    let third = sync_account(&db.path, &fb, "test").await;
    assert_eq!((third.new, third.updated), (0, 0), "{third:?}");
    assert_eq!(db.message_count(), 7);
}

#[tokio::test]
async fn graph_errors_tokens_rate_limits_and_server_errors() {
    let db = store::temp();
    // A bad token comes as a 400 with code 190.
    let server = Server::start().await;
    server.on(
        "GET",
        FEED,
        vec![Reply::json(
            400,
            include_str!("../../../../tests/fixtures/facebook/error_token.json"),
        )],
    );
    let outcome = sync_account(&db.path, &facebook(&server), "test").await;
    assert_eq!(outcome.state.as_str(), "auth_failed", "{outcome:?}");
    // A 401 as well.
    let server = Server::start().await;
    server.on(
        "GET",
        FEED,
        vec![Reply::json(
            401,
            include_str!("../../../../tests/fixtures/facebook/error_token.json"),
        )],
    );
    let outcome = sync_account(&db.path, &facebook(&server), "test").await;
    assert_eq!(outcome.state.as_str(), "auth_failed", "{outcome:?}");

    // Code 32 with the usage header: rate-limited for the estimated time.
    let server = Server::start().await;
    server.on(
        "GET",
        FEED,
        vec![Reply::json(403, include_str!("../../../../tests/fixtures/facebook/error_rate_limit.json"))
            .header(
                "x-business-use-case-usage",
                r#"{"104000000000001":[{"type":"pages","call_count":100,"total_cputime":40,"total_time":45,"estimated_time_to_regain_access":7}]}"#,
            )],
    );
    let outcome = sync_account(&db.path, &facebook(&server), "test").await;
    assert_eq!(outcome.state.as_str(), "rate_limited", "{outcome:?}");
    let until = db
        .open()
        .account_states()
        .unwrap()
        .pop()
        .unwrap()
        .until
        .unwrap();
    let minutes = (until - Utc::now()).num_seconds();
    assert!((400..=420).contains(&minutes), "{minutes}");
    assert_eq!(server.requests().len(), 1);

    // 429 with Retry-After, then the page.
    let server = Server::start().await;
    server.on(
        "GET",
        FEED,
        vec![
            Reply::json(429, r#"{"error":{"message":"Too many calls","code":1}}"#)
                .header("retry-after", "1"),
            Reply::ok(fixture("facebook/feed_page2.json")),
        ],
    );
    let started = std::time::Instant::now();
    let outcome = sync_account(&db.path, &facebook(&server), "test").await;
    assert_eq!(
        (outcome.state.as_str(), outcome.new),
        ("ok", 1),
        "{outcome:?}"
    );
    assert!(started.elapsed() >= Duration::from_millis(900));

    // 500 then success.
    let server = Server::start().await;
    server.on(
        "GET",
        MEDIA,
        vec![
            Reply::json(500, r#"{"error":{"message":"An unknown error has occurred.","type":"OAuthException","code":1,"fbtrace_id":"Ab12"}}"#),
            Reply::ok(r#"{"data":[]}"#),
        ],
    );
    let outcome = sync_account(&db.path, &instagram(&server), "test").await;
    assert_eq!(outcome.state.as_str(), "ok", "{outcome:?}");
    assert_eq!(server.requests_to("GET", MEDIA).len(), 2);
}

async fn fb_queued(server: &Server) -> store::TempStore {
    feed(server, Arc::new(AtomicBool::new(true)));
    let db = store::temp();
    let outcome = sync_account(&db.path, &facebook(server), "test").await;
    assert_eq!(outcome.state.as_str(), "ok", "{outcome:?}");
    db.queue_reply(&format!("facebook:{NADIA}"), FB_REPLY);
    db
}

#[tokio::test]
async fn facebook_reply_once_and_found_after_a_timeout() {
    let server = Server::start().await;
    let path = format!("/{NADIA}/comments");
    server.on(
        "POST",
        &path,
        vec![Reply::ok(fixture("facebook/comment_created.json")).delayed(TOO_LATE)],
    );
    server.on(
        "GET",
        &path,
        vec![Reply::ok(fixture(
            "facebook/comment_replies_with_ours.json",
        ))],
    );
    let db = fb_queued(&server).await;
    let fb = facebook(&server);
    let lost = sync_account(&db.path, &fb, "test").await;
    assert_eq!(lost.state.as_str(), "offline", "{lost:?}");
    let posts = server.requests_to("POST", &path);
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0].form(),
        [("message".to_string(), FB_REPLY.to_string())]
    );
    let next = sync_account(&db.path, &fb, "test").await;
    assert_eq!((next.state.as_str(), next.sent), ("ok", 1), "{next:?}");
    assert_eq!(server.requests_to("POST", &path).len(), 1, "not sent twice");
    assert_eq!(
        db.outbox()[0].1.as_deref(),
        Some("6724835090962438_9635445800000002")
    );
}

#[tokio::test]
async fn facebook_reply_posted_or_refused() {
    let server = Server::start().await;
    let path = format!("/{NADIA}/comments");
    server.on(
        "POST",
        &path,
        vec![
            Reply::ok(fixture("facebook/comment_created.json")),
            Reply::json(
                400,
                include_str!("../../../../tests/fixtures/facebook/error_refused.json"),
            ),
        ],
    );
    let db = fb_queued(&server).await;
    let fb = facebook(&server);
    let outcome = sync_account(&db.path, &fb, "test").await;
    assert_eq!(outcome.sent, 1, "{outcome:?}");
    db.queue_reply(&format!("facebook:{NADIA}"), "Une autre réponse");
    let outcome = sync_account(&db.path, &fb, "test").await;
    assert_eq!(outcome.failed, 1, "{outcome:?}");
    let rows = db.outbox();
    assert_eq!(
        rows[0].1.as_deref(),
        Some("6724835090962438_9635445800000002")
    );
    assert_eq!(rows[1].0, "failed");
    assert_eq!(
        rows[1].2.as_deref(),
        Some("400: (#100) Error finding the requested comment")
    );
}

fn media(server: &Server, count: Arc<AtomicU64>) {
    server.handle(move |r| {
        (r.path == MEDIA).then(|| match count.load(Ordering::SeqCst) {
            7 => Reply::ok(fixture("instagram/media_more_comments.json")),
            _ => Reply::ok(fixture("instagram/media.json")),
        })
    });
    server.handle(|r| {
        (r.path == M1_COMMENTS).then(|| match r.param("after") {
            Some("QVFIUkxYdFZAqMExhY2NSTXo3") => {
                Reply::ok(fixture("instagram/comments_page2.json"))
            }
            _ => Reply::ok(fixture("instagram/media_comments.json")),
        })
    });
    server.handle(|r| {
        (r.path == format!("/{IG_TOP}/replies") && r.method == "GET")
            .then(|| Reply::ok(fixture("instagram/replies_page.json")))
    });
}

#[tokio::test]
async fn instagram_media_comments_replies_and_resume_without_duplicates() {
    let server = Server::start().await;
    let count = Arc::new(AtomicU64::new(6));
    media(&server, count.clone());
    let db = store::temp();
    let ig = instagram(&server);
    let first = sync_account(&db.path, &ig, "test").await;
    assert_eq!((first.state.as_str(), first.new), ("ok", 7), "{first:?}");
    let asked = server.requests_to("GET", M1_COMMENTS);
    assert_eq!(asked.len(), 2, "two pages of comments");
    assert_eq!(asked[1].param("after"), Some("QVFIUkxYdFZAqMExhY2NSTXo3"));
    assert!(asked[0].param("fields").unwrap().contains("replies{"));
    assert_eq!(
        server
            .requests_to("GET", &format!("/{IG_TOP}/replies"))
            .len(),
        1
    );
    // The medium without comments is not asked for any.
    assert!(
        server
            .requests_to("GET", "/17900000000000001/comments")
            .is_empty()
    );

    // Same counts: only the media list is read.
    let second = sync_account(&db.path, &ig, "test").await;
    assert_eq!((second.new, second.updated), (0, 0), "{second:?}");
    assert_eq!(server.requests_to("GET", M1_COMMENTS).len(), 2);
    // A count that moved: that medium's comments are read again.
    count.store(7, Ordering::SeqCst);
    let third = sync_account(&db.path, &ig, "test").await;
    assert_eq!(third.new, 0, "{third:?}");
    assert_eq!(server.requests_to("GET", M1_COMMENTS).len(), 4);
    assert_eq!(db.message_count(), 7);
}

#[tokio::test]
async fn instagram_reply_on_the_top_comment_once_even_after_a_timeout() {
    let server = Server::start().await;
    let path = format!("/{IG_TOP}/replies");
    server.on(
        "POST",
        &path,
        vec![Reply::ok(fixture("instagram/reply_created.json")).delayed(TOO_LATE)],
    );
    media(&server, Arc::new(AtomicU64::new(6)));
    let db = store::temp();
    let ig = instagram(&server);
    sync_account(&db.path, &ig, "test").await;
    // The latest inbound message is matin_calme's reply: the answer goes
    // under the top-level comment.
    db.queue_reply(&format!("instagram:{IG_TOP}"), IG_REPLY);
    let lost = sync_account(&db.path, &ig, "test").await;
    assert_eq!(lost.state.as_str(), "offline", "{lost:?}");
    let posts = server.requests_to("POST", &path);
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0].form(),
        [("message".to_string(), IG_REPLY.to_string())]
    );
    // The replies now hold ours.
    server.handle_first(|r| {
        (r.path == format!("/{IG_TOP}/replies") && r.method == "GET")
            .then(|| Reply::ok(fixture("instagram/replies_with_ours.json")))
    });
    let next = sync_account(&db.path, &ig, "test").await;
    assert_eq!((next.state.as_str(), next.sent), ("ok", 1), "{next:?}");
    assert_eq!(server.requests_to("POST", &path).len(), 1, "not sent twice");
    assert_eq!(db.outbox()[0].1.as_deref(), Some("17890000000000012"));
}
