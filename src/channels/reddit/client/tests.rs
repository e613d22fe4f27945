//! The Reddit client against a local server.

use super::*;
use crate::channels::local_server::{Reply, Server, TOO_LATE, fixture, http, store};
use crate::inbox::sync::sync_account;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

const INBOX: &str = "/message/inbox";
const COMMENTS: &str = "/user/kettlo_support/comments";
const PAGE1_NEWEST: &str = "t1_o4mx2v1";
const PAGE3_NEWEST: &str = "t1_o4q9k2m";
const REPLY: &str = "Sorry to hear that! Could you DM us your order number? We'll sort out a replacement & a 230V adapter. — Sam";

pub(super) fn client(server: &Server) -> RedditClient {
    let entry = AccountEntry {
        name: "kettlo-reddit".into(),
        network: Channel::Reddit,
        base_url: Some(server.url.clone()),
        handle: "u/kettlo_support".into(),
        id: None,
        token_env: None,
        token_file: None,
        poll_seconds: None,
    };
    RedditClient::new(&entry, &http(), Secret::new("test-token")).unwrap()
}

/// The first sync sees pages 1 and 2; later ones see page 3 (two new items
/// on top of what page 1 held).
fn inbox(server: &Server, later: Arc<AtomicBool>) {
    server.handle(move |r| {
        if r.path != INBOX {
            return None;
        }
        Some(match r.param("after") {
            Some("t4_2k9xyz1") => Reply::ok(fixture("reddit/inbox_page2.json")),
            Some(_) => {
                Reply::ok(r#"{"kind":"Listing","data":{"after":null,"before":null,"children":[]}}"#)
            }
            None if later.load(Ordering::SeqCst) => Reply::ok(fixture("reddit/inbox_page3.json")),
            None => Reply::ok(fixture("reddit/inbox_page1.json")),
        })
    });
}

#[tokio::test]
async fn pages_back_to_the_newest_seen_and_resumes_without_duplicates() {
    let server = Server::start().await;
    let later = Arc::new(AtomicBool::new(false));
    inbox(&server, later.clone());
    let db = store::temp();
    let reddit = client(&server);

    let first = sync_account(&db.path, &reddit, "test").await;
    assert_eq!(first.state.as_str(), "ok", "{first:?}");
    assert_eq!((first.pages, first.new), (2, 6), "{first:?}");
    let asked = server.requests_to("GET", INBOX);
    assert_eq!(asked.len(), 2);
    assert_eq!(asked[0].param("after"), None);
    assert_eq!(asked[1].param("after"), Some("t4_2k9xyz1"));
    for r in &asked {
        assert_eq!(r.header("authorization"), Some("Bearer test-token"));
        assert_eq!(r.param("mark"), Some("false"));
        assert_eq!(r.param("limit"), Some("100"));
        assert!(
            r.header("user-agent")
                .unwrap()
                .ends_with("(by /u/kettlo_support)"),
            "{:?}",
            r.header("user-agent")
        );
    }
    assert_eq!(db.cursor("kettlo-reddit").as_deref(), Some(PAGE1_NEWEST));

    // New items on top: read down to the newest seen, not one page further.
    later.store(true, Ordering::SeqCst);
    let second = sync_account(&db.path, &reddit, "test").await;
    assert_eq!((second.state.as_str(), second.new), ("ok", 2), "{second:?}");
    assert_eq!(second.unchanged, 0, "stopped at the newest seen");
    let asked = server.requests_to("GET", INBOX);
    assert_eq!(asked.len(), 3, "no page after the newest seen");
    assert_eq!(db.cursor("kettlo-reddit").as_deref(), Some(PAGE3_NEWEST));

    // A restart: nothing new, nothing twice.
    let third = sync_account(&db.path, &reddit, "test").await;
    assert_eq!(
        (third.new, third.updated, third.unchanged),
        (0, 0, 0),
        "{third:?}"
    );
    assert_eq!(db.message_count(), 8);
    assert_eq!(db.cursor("kettlo-reddit").as_deref(), Some(PAGE3_NEWEST));
}

#[tokio::test]
async fn a_crash_between_pages_goes_on_from_the_stored_page() {
    let server = Server::start().await;
    let page2_up = Arc::new(AtomicBool::new(false));
    let up = page2_up.clone();
    server.handle(move |r| {
        (r.param("after") == Some("t4_2k9xyz1") && !up.load(Ordering::SeqCst))
            .then(|| Reply::json(500, r#"{"message": "Internal Server Error", "error": 500}"#))
    });
    inbox(&server, Arc::new(AtomicBool::new(false)));
    let db = store::temp();
    let reddit = client(&server);
    let first = sync_account(&db.path, &reddit, "test").await;
    assert_eq!((first.state.as_str(), first.new), ("error", 5), "{first:?}");
    page2_up.store(true, Ordering::SeqCst);
    let before = server.requests_to("GET", INBOX).len();
    let second = sync_account(&db.path, &reddit, "test").await;
    assert_eq!((second.state.as_str(), second.new), ("ok", 1), "{second:?}");
    let asked = &server.requests_to("GET", INBOX)[before..];
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].param("after"), Some("t4_2k9xyz1"));
    assert_eq!(db.cursor("kettlo-reddit").as_deref(), Some(PAGE1_NEWEST));
    assert_eq!(db.message_count(), 6);
}

#[tokio::test]
async fn bad_token_rate_limits_and_server_errors() {
    let db = store::temp();
    let server = Server::start().await;
    server.on(
        "GET",
        INBOX,
        vec![Reply::json(
            401,
            r#"{"message": "Unauthorized", "error": 401}"#,
        )],
    );
    let outcome = sync_account(&db.path, &client(&server), "test").await;
    assert_eq!(outcome.state.as_str(), "auth_failed", "{outcome:?}");
    assert_eq!(
        outcome.error.as_deref(),
        Some("authentication failed: Unauthorized")
    );

    let server = Server::start().await;
    server.on(
        "GET",
        INBOX,
        vec![
            Reply::json(429, r#"{"message": "Too Many Requests", "error": 429}"#)
                .header("retry-after", "1")
                .header("x-ratelimit-used", "100")
                .header("x-ratelimit-remaining", "0.0")
                .header("x-ratelimit-reset", "1"),
            Reply::ok(fixture("reddit/inbox_page2.json")),
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

    // Reddit's reset is in seconds from now.
    let server = Server::start().await;
    server.on(
        "GET",
        INBOX,
        vec![
            Reply::json(429, r#"{"message": "Too Many Requests", "error": 429}"#)
                .header("x-ratelimit-remaining", "0.0")
                .header("x-ratelimit-reset", "420"),
        ],
    );
    let outcome = sync_account(&db.path, &client(&server), "test").await;
    assert_eq!(outcome.state.as_str(), "rate_limited", "{outcome:?}");
    let until = db
        .open()
        .account_states()
        .unwrap()
        .pop()
        .unwrap()
        .until
        .unwrap();
    let ahead = (until - chrono::Utc::now()).num_seconds();
    assert!((400..=420).contains(&ahead), "{ahead}");

    let server = Server::start().await;
    server.on(
        "GET",
        INBOX,
        vec![
            Reply::json(502, "<html>Bad Gateway</html>"),
            Reply::ok(fixture("reddit/inbox_page2.json")),
        ],
    );
    let outcome = sync_account(&db.path, &client(&server), "test").await;
    assert_eq!(outcome.state.as_str(), "ok", "{outcome:?}");
    assert_eq!(server.requests_to("GET", INBOX).len(), 2);
}

/// A store holding page 3, with a reply queued to beanqueen_'s comment.
async fn queued(server: &Server) -> store::TempStore {
    inbox(server, Arc::new(AtomicBool::new(true)));
    let db = store::temp();
    let outcome = sync_account(&db.path, &client(server), "test").await;
    assert_eq!(outcome.state.as_str(), "ok", "{outcome:?}");
    db.queue_reply("reddit:t1_o4q9k2m", REPLY);
    db
}

#[tokio::test]
async fn a_reply_is_posted_once_as_documented() {
    let server = Server::start().await;
    server.on(
        "POST",
        "/api/comment",
        vec![Reply::ok(fixture("reddit/comment_response.json"))],
    );
    let db = queued(&server).await;
    let reddit = client(&server);
    let outcome = sync_account(&db.path, &reddit, "test").await;
    assert_eq!((outcome.sent, outcome.failed), (1, 0), "{outcome:?}");
    let posts = server.requests_to("POST", "/api/comment");
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0].header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let mut form = posts[0].form();
    form.sort();
    assert_eq!(
        form,
        [
            ("api_type".to_string(), "json".to_string()),
            ("text".to_string(), REPLY.to_string()),
            ("thing_id".to_string(), "t1_o4q9k2m".to_string()),
        ]
    );
    assert_eq!(
        db.outbox(),
        [("sent".to_string(), Some("t1_o4qb7xe".to_string()), None)]
    );
    let store = db.open();
    assert_eq!(
        store.resolve_conversation("reddit:t1_o4qb7xe").unwrap(),
        store.resolve_conversation("reddit:t1_o4q9k2m").unwrap()
    );
    drop(store);
    sync_account(&db.path, &reddit, "test").await;
    assert_eq!(server.requests_to("POST", "/api/comment").len(), 1);
}

#[tokio::test]
async fn errors_inside_a_200_are_refusals() {
    let server = Server::start().await;
    server.on(
        "POST",
        "/api/comment",
        vec![Reply::ok(fixture("reddit/comment_locked.json"))],
    );
    let db = queued(&server).await;
    let outcome = sync_account(&db.path, &client(&server), "test").await;
    assert_eq!((outcome.sent, outcome.failed), (0, 1), "{outcome:?}");
    let (status, remote, error) = db.outbox().pop().unwrap();
    assert_eq!((status.as_str(), remote), ("failed", None));
    assert_eq!(
        error.as_deref(),
        Some("200: THREAD_LOCKED: Comments are locked. (parent)")
    );
}

#[tokio::test]
async fn a_ratelimit_error_waits_and_keeps_the_reply() {
    let server = Server::start().await;
    server.on(
        "POST",
        "/api/comment",
        vec![
            Reply::ok(fixture("reddit/comment_ratelimit.json")),
            Reply::ok(fixture("reddit/comment_response.json")),
        ],
    );
    server.on(
        "GET",
        COMMENTS,
        vec![Reply::ok(
            r#"{"kind":"Listing","data":{"after":null,"before":null,"children":[]}}"#,
        )],
    );
    let db = queued(&server).await;
    let reddit = client(&server);
    let outcome = sync_account(&db.path, &reddit, "test").await;
    assert_eq!(outcome.state.as_str(), "rate_limited", "{outcome:?}");
    let until = db
        .open()
        .account_states()
        .unwrap()
        .pop()
        .unwrap()
        .until
        .unwrap();
    assert!((until - chrono::Utc::now()).num_seconds() > 500);
    assert_eq!(db.outbox()[0].0, "sending");
    // Later: not found among our comments, so sent.
    let outcome = sync_account(&db.path, &reddit, "test").await;
    assert_eq!(outcome.sent, 1, "{outcome:?}");
    assert_eq!(server.requests_to("GET", COMMENTS).len(), 1);
    assert_eq!(server.requests_to("POST", "/api/comment").len(), 2);
}

#[tokio::test]
async fn a_timeout_after_the_comment_arrived_is_found_not_sent_twice() {
    let server = Server::start().await;
    server.on(
        "POST",
        "/api/comment",
        vec![Reply::ok(fixture("reddit/comment_response.json")).delayed(TOO_LATE)],
    );
    server.on(
        "GET",
        COMMENTS,
        vec![Reply::ok(fixture("reddit/user_comments.json"))],
    );
    let db = queued(&server).await;
    let reddit = client(&server);
    let lost = sync_account(&db.path, &reddit, "test").await;
    assert_eq!(lost.state.as_str(), "offline", "{lost:?}");
    assert_eq!(db.outbox()[0].0, "sending");
    let next = sync_account(&db.path, &reddit, "test").await;
    assert_eq!((next.state.as_str(), next.sent), ("ok", 1), "{next:?}");
    assert_eq!(
        server.requests_to("POST", "/api/comment").len(),
        1,
        "not sent twice"
    );
    let asked = server.requests_to("GET", COMMENTS);
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].param("sort"), Some("new"));
    assert_eq!(
        db.outbox(),
        [("sent".to_string(), Some("t1_o4qb7xe".to_string()), None)]
    );
}

#[tokio::test]
async fn a_lost_answer_to_a_private_message_is_found_among_sent_messages() {
    const DM_REPLY: &str = "Bonjour Marco, oui : la garantie couvre 2 ans. Envoyez-nous une photo de la fuite & votre facture. — Sam";
    let server = Server::start().await;
    server.on(
        "POST",
        "/api/comment",
        vec![Reply::ok(fixture("reddit/message_reply_response.json")).delayed(TOO_LATE)],
    );
    server.on(
        "GET",
        "/message/sent",
        vec![Reply::ok(fixture("reddit/sent_messages.json"))],
    );
    inbox(&server, Arc::new(AtomicBool::new(true)));
    let db = store::temp();
    let reddit = client(&server);
    sync_account(&db.path, &reddit, "test").await;
    db.queue_reply("reddit:t4_2kb7q1z", DM_REPLY);
    let lost = sync_account(&db.path, &reddit, "test").await;
    assert_eq!(lost.state.as_str(), "offline", "{lost:?}");
    assert_eq!(
        server.requests_to("POST", "/api/comment")[0]
            .form_value("thing_id")
            .as_deref(),
        Some("t4_2kb7q1z")
    );
    let next = sync_account(&db.path, &reddit, "test").await;
    assert_eq!((next.state.as_str(), next.sent), ("ok", 1), "{next:?}");
    assert_eq!(
        server.requests_to("POST", "/api/comment").len(),
        1,
        "not sent twice"
    );
    assert!(server.requests_to("GET", COMMENTS).is_empty());
    assert_eq!(db.outbox()[0].1.as_deref(), Some("t4_2kb9z0a"));
    let store = db.open();
    assert_eq!(
        store.resolve_conversation("reddit:t4_2kb9z0a").unwrap(),
        store.resolve_conversation("reddit:t4_2kb7q1z").unwrap()
    );
}
