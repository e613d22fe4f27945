//! The Bluesky client against a local server on 127.0.0.1 playing the PDS,
//! through the supervisor and a store in a temporary directory.

mod common;

use common::{Reply, Request, Server, entry, fixture, http};
use palabre::channels::ChannelError;
use palabre::channels::account::Secret;
use palabre::channels::bluesky_client::BlueskyClient;
use palabre::channels::connector::{Connector, Outgoing};
use palabre::inbox::Store;
use palabre::inbox::sync::{AccountOutcome, sync_account};
use palabre::model::Channel;
use palabre::model::ReplyTarget;
use palabre::store::Change;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const PASSWORD: &str = "abcd-efgh-ijkl-mnop";
const ME: &str = "did:plc:kettlo4example0000000000";
const ROOT: &str = "at://did:plc:kettlo4example0000000000/app.bsky.feed.post/3l6oveex3ii2l";
const MIRNA: &str = "at://did:plc:mirna5example000000000000/app.bsky.feed.post/3mysg2h2sa4ne";
const REPLY: &str =
    "@mirnaodd.bsky.social 70–80 °C for sencha, 2 min: https://kettlo.example/sencha ☕";

fn client(server: &Server, timeout: Duration) -> BlueskyClient {
    BlueskyClient::new(
        entry(Channel::Bluesky, &server.url, "kettlo.bsky.social"),
        Secret::new(PASSWORD),
        http(timeout),
    )
    .unwrap()
}

async fn sync(db: &Path, c: &BlueskyClient) -> AccountOutcome {
    sync_account(db, c, "tester").await
}

fn db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("palabre.db");
    (dir, path)
}

fn session_token(name: &str) -> String {
    let s: Value = serde_json::from_str(&fixture(name)).unwrap();
    s["accessJwt"].as_str().unwrap().to_string()
}

/// The PDS's state: a notification list, the live access token, and what
/// was posted.
struct Pds {
    notifications: Vec<Value>,
    /// Items per page, whatever `limit` asks (short pages).
    page: usize,
    access: String,
    posted: u32,
}

type Shared = Arc<Mutex<Pds>>;

/// A mention notification from a distinct author, indexed `i` minutes after
/// a fixed time.
fn mention(i: u32) -> Value {
    let did = format!("did:plc:fan{i:05}example0000000000");
    let at = format!(
        "2026-10-{:02}T{:02}:{:02}:00.000Z",
        1 + i / 1440,
        (i / 60) % 24,
        i % 60
    );
    json!({
        "uri": format!("at://{did}/app.bsky.feed.post/3mys{i:05}aa2c"),
        "cid": format!("bafyreifan{i:05}"),
        "author": {"did": did, "handle": format!("fan{i}.bsky.social"), "displayName": format!("Fan {i}"),
                   "labels": [], "createdAt": "2024-01-01T00:00:00.000Z"},
        "reason": "mention",
        "record": {"$type": "app.bsky.feed.post", "text": format!("@kettlo.bsky.social question {i} 🫖"),
                   "createdAt": at, "langs": ["en"],
                   "facets": [{"index": {"byteStart": 0, "byteEnd": 19},
                               "features": [{"$type": "app.bsky.richtext.facet#mention", "did": ME}]}]},
        "isRead": false,
        "indexedAt": at,
        "labels": []
    })
}

fn authorized(pds: &Shared, r: &Request) -> Option<Reply> {
    let want = format!("Bearer {}", pds.lock().unwrap().access);
    match r.header("authorization") {
        Some(h) if h == want => None,
        Some(h) if h.ends_with("access-1") || h.ends_with("access-2") => {
            Some(Reply::json(400, fixture("bluesky/expired_token.json")))
        }
        _ => Some(Reply::json(
            401,
            r#"{"error":"AuthenticationRequired","message":"Authentication Required"}"#,
        )),
    }
}

/// `listNotifications` newest first; the cursor is the last item's
/// `indexedAt`, as the AppView's is.
fn list(pds: &Shared, r: &Request) -> Reply {
    assert_eq!(r.params("reasons"), ["mention", "reply", "quote"]);
    let p = pds.lock().unwrap();
    let mut items = p.notifications.clone();
    items.sort_by(|a, b| b["indexedAt"].as_str().cmp(&a["indexedAt"].as_str()));
    if let Some(c) = r.param("cursor") {
        items.retain(|n| n["indexedAt"].as_str().unwrap() < c);
    }
    let page: Vec<Value> = items.iter().take(p.page).cloned().collect();
    let mut body =
        json!({"notifications": page, "seenAt": "2026-10-26T00:00:00.000Z", "priority": false});
    if items.len() > p.page {
        body["cursor"] = page.last().unwrap()["indexedAt"].clone();
    }
    Reply::ok(serde_json::to_vec(&body).unwrap())
}

fn profiles(r: &Request) -> Reply {
    let actors = r.params("actors");
    assert!(
        !actors.is_empty() && actors.len() <= 25,
        "{} actors",
        actors.len()
    );
    let list: Vec<Value> = actors
        .iter()
        .map(|did| {
            let n = did.len() as u64 * 10;
            json!({"did": did, "handle": "someone.bsky.social", "followersCount": n, "followsCount": 1, "postsCount": 2})
        })
        .collect();
    let fixed: Value = serde_json::from_str(&fixture("bluesky/get_profiles.json")).unwrap();
    let mut all: Vec<Value> = fixed["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| actors.iter().any(|a| p["did"] == *a))
        .cloned()
        .collect();
    let rest: Vec<Value> = list
        .into_iter()
        .filter(|p| !all.iter().any(|q| q["did"] == p["did"]))
        .collect();
    all.extend(rest);
    Reply::ok(serde_json::to_vec(&json!({"profiles": all})).unwrap())
}

/// A PDS on `state`; `extra` answers first.
async fn pds(
    state: Shared,
    mut extra: impl FnMut(&Shared, &Request) -> Option<Reply> + Send + 'static,
) -> Server {
    let server = Server::start().await;
    let shared = state.clone();
    server.handle(move |r| extra(&shared, r));
    server.handle(move |r| Some(answer(&state, r)));
    server
}

/// What the PDS answers when `extra` does not.
fn answer(state: &Shared, r: &Request) -> Reply {
    let nsid = r.path.trim_start_matches("/xrpc/");
    if nsid == "com.atproto.server.createSession" {
        let body = r.json();
        if body["identifier"] != "kettlo.bsky.social" || body["password"] != PASSWORD {
            return Reply::json(401, fixture("bluesky/auth_required.json"));
        }
        state.lock().unwrap().access = session_token("bluesky/create_session.json");
        return Reply::ok(fixture("bluesky/create_session.json"));
    }
    if nsid == "com.atproto.server.refreshSession" {
        assert!(r.header("authorization").unwrap().ends_with("refresh-1"));
        state.lock().unwrap().access = session_token("bluesky/refresh_session.json");
        return Reply::ok(fixture("bluesky/refresh_session.json"));
    }
    if let Some(refused) = authorized(state, r) {
        return refused;
    }
    match nsid {
        "app.bsky.notification.listNotifications" => list(state, r),
        "app.bsky.actor.getProfiles" => profiles(r),
        "app.bsky.feed.getPostThread" if r.param("uri") == Some(MIRNA) => {
            Reply::ok(fixture("bluesky/thread_parent.json"))
        }
        "app.bsky.feed.getPosts" if r.param("uris") == Some(MIRNA) => {
            Reply::ok(fixture("bluesky/get_posts.json"))
        }
        "com.atproto.identity.resolveHandle" => Reply::ok(fixture("bluesky/resolve_handle.json")),
        "com.atproto.repo.createRecord" => {
            state.lock().unwrap().posted += 1;
            Reply::ok(fixture("bluesky/create_record.json"))
        }
        "com.atproto.repo.getRecord" => {
            assert_eq!(r.param("repo"), Some(ME));
            assert_eq!(r.param("collection"), Some("app.bsky.feed.post"));
            if state.lock().unwrap().posted > 0 {
                Reply::ok(fixture("bluesky/get_record.json"))
            } else {
                Reply::json(400, fixture("bluesky/record_not_found.json"))
            }
        }
        "app.bsky.feed.getAuthorFeed" => {
            if state.lock().unwrap().posted > 0 {
                Reply::ok(fixture("bluesky/author_feed.json"))
            } else {
                Reply::ok(r#"{"feed":[]}"#)
            }
        }
        _ => Reply::json(
            400,
            r#"{"error":"InvalidRequest","message":"Unexpected request"}"#,
        ),
    }
}

fn state(notifications: Vec<Value>, page: usize) -> Shared {
    Arc::new(Mutex::new(Pds {
        notifications,
        page,
        access: String::new(),
        posted: 0,
    }))
}

fn count_messages(db: &Path) -> usize {
    let store = Store::open(db).unwrap();
    (1..=5000)
        .filter_map(|c| store.messages(c).ok())
        .map(|m| m.len())
        .sum()
}

#[tokio::test]
async fn pages_while_a_cursor_comes_back_then_resumes_at_the_newest_seen() {
    let st = state((0..70).map(mention).collect(), 30);
    let server = pds(st.clone(), |_, _| None).await;
    let (_dir, db) = db();
    let o = sync(&db, &client(&server, Duration::from_secs(5))).await;
    assert_eq!(o.state.as_str(), "ok", "{o:?}");
    assert_eq!((o.new, o.pages), (70, 3), "{o:?}");
    let sessions = server.requests_to("POST", "/xrpc/com.atproto.server.createSession");
    assert_eq!(sessions.len(), 1, "one session for the whole sync");
    assert_eq!(
        sessions[0].json(),
        json!({"identifier": "kettlo.bsky.social", "password": PASSWORD})
    );
    let asks = server.requests_to("GET", "/xrpc/app.bsky.notification.listNotifications");
    assert_eq!(asks.len(), 3);
    assert_eq!(asks[0].param("cursor"), None);
    // Short pages (30 of the 50 asked for) do not stop the walk.
    assert_eq!(asks[0].param("limit"), Some("50"));
    assert_eq!(asks[1].param("cursor"), Some("2026-10-01T00:40:00.000Z"));
    assert_eq!(asks[2].param("cursor"), Some("2026-10-01T00:10:00.000Z"));
    let token = format!("Bearer {}", session_token("bluesky/create_session.json"));
    assert!(
        asks.iter()
            .all(|a| a.header("authorization") == Some(token.as_str()))
    );
    // Follower counts, 25 actors a call at most.
    let profile_calls = server.requests_to("GET", "/xrpc/app.bsky.actor.getProfiles");
    assert_eq!(
        profile_calls.len(),
        5,
        "25 + 5, 25 + 5 and 10 for pages of 30, 30, 10"
    );
    let store = Store::open(&db).unwrap();
    let conv = store
        .resolve_conversation(
            "bluesky:at://did:plc:fan00007example0000000000/app.bsky.feed.post/3mys00007aa2c",
        )
        .unwrap();
    let m = &store.messages(conv).unwrap()[0].message;
    assert_eq!(m.author.handle, "fan7.bsky.social");
    assert_eq!(
        m.author.followers,
        Some(330),
        "ten per character of the DID"
    );
    assert_eq!(m.text, "@kettlo.bsky.social question 7 🫖");
    assert_eq!(
        store.account_cursor("bluesky-test").unwrap().as_deref(),
        Some("2026-10-01T01:09:00.000Z")
    );
    drop(store);

    // A restart: a new client (a new session), three newer mentions.
    st.lock()
        .unwrap()
        .notifications
        .extend((70..73).map(mention));
    let o = sync(&db, &client(&server, Duration::from_secs(5))).await;
    assert_eq!((o.state.as_str(), o.new, o.pages), ("ok", 3, 1), "{o:?}");
    let o = sync(&db, &client(&server, Duration::from_secs(5))).await;
    assert_eq!((o.state.as_str(), o.new, o.updated), ("ok", 0, 0), "{o:?}");
    assert_eq!(count_messages(&db), 73);
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.account_cursor("bluesky-test").unwrap().as_deref(),
        Some("2026-10-01T01:12:00.000Z")
    );
}

#[tokio::test]
async fn a_walk_cut_short_resumes_from_its_api_cursor() {
    let st = state((0..70).map(mention).collect(), 30);
    let broken = Arc::new(Mutex::new(true));
    let b = broken.clone();
    let server = pds(st, move |_, r| {
        (*b.lock().unwrap() && r.param("cursor").is_some()).then(|| {
            Reply::json(
                502,
                r#"{"error":"UpstreamFailure","message":"Upstream Failure"}"#,
            )
        })
    })
    .await;
    let (_dir, db) = db();
    let o = sync(&db, &client(&server, Duration::from_secs(5))).await;
    assert_ne!(o.state.as_str(), "ok");
    assert_eq!(o.new, 30);
    *broken.lock().unwrap() = false;
    let o = sync(&db, &client(&server, Duration::from_secs(5))).await;
    assert_eq!(
        (o.state.as_str(), o.new, o.unchanged),
        ("ok", 40, 0),
        "{o:?}"
    );
    let last = server.requests_to("GET", "/xrpc/app.bsky.notification.listNotifications");
    assert!(
        last.iter()
            .any(|a| a.param("cursor") == Some("2026-10-01T00:40:00.000Z"))
    );
    assert_eq!(count_messages(&db), 70);
}

#[tokio::test]
async fn replies_bring_their_parents_and_the_page_its_counts() {
    let page: Value = serde_json::from_str(&fixture("bluesky/notifications_page1.json")).unwrap();
    let st = state(page["notifications"].as_array().unwrap().clone(), 50);
    let server = pds(st, |_, _| None).await;
    let (_dir, db) = db();
    let o = sync(&db, &client(&server, Duration::from_secs(5))).await;
    assert_eq!(o.state.as_str(), "ok", "{o:?}");
    assert_eq!(
        o.new, 4,
        "a reply, a mention, a quote and the reply's parent: {o:?}"
    );
    let threads = server.requests_to("GET", "/xrpc/app.bsky.feed.getPostThread");
    assert_eq!(threads.len(), 1);
    assert_eq!(threads[0].param("uri"), Some(MIRNA));
    let store = Store::open(&db).unwrap();
    let conv = store
        .resolve_conversation(&format!("bluesky:{MIRNA}"))
        .unwrap();
    assert_eq!(
        store
            .resolve_conversation(&format!("bluesky:{ROOT}"))
            .unwrap(),
        conv
    );
    let thread = store.messages(conv).unwrap();
    assert_eq!(thread[0].message.id, ROOT);
    assert_eq!(thread[1].message.author.followers, Some(412));
}

#[tokio::test]
async fn an_expired_access_token_is_refreshed_once() {
    let st = state((0..3).map(mention).collect(), 50);
    let server = pds(st.clone(), |s, r| {
        // The access token expires right after the session is created.
        if r.path.ends_with("listNotifications")
            && r.header("authorization")
                .is_some_and(|h| h.ends_with("access-1"))
        {
            s.lock().unwrap().access = "expired".into();
        }
        None
    })
    .await;
    let (_dir, db) = db();
    let o = sync(&db, &client(&server, Duration::from_secs(5))).await;
    assert_eq!((o.state.as_str(), o.new), ("ok", 3), "{o:?}");
    let refresh = server.requests_to("POST", "/xrpc/com.atproto.server.refreshSession");
    assert_eq!(refresh.len(), 1);
    assert_eq!(
        server
            .requests_to("POST", "/xrpc/com.atproto.server.createSession")
            .len(),
        1
    );
    let last = server.requests_to("GET", "/xrpc/app.bsky.notification.listNotifications");
    assert!(
        last.last()
            .unwrap()
            .header("authorization")
            .unwrap()
            .ends_with("access-2")
    );
}

#[tokio::test]
async fn a_wrong_app_password_is_auth_failed() {
    let server = Server::start().await;
    server.handle(|_| Some(Reply::json(401, fixture("bluesky/auth_required.json"))));
    let (_dir, db) = db();
    let o = sync(&db, &client(&server, Duration::from_secs(5))).await;
    assert_eq!(o.state.as_str(), "auth_failed", "{o:?}");
    assert_eq!(
        o.error.as_deref(),
        Some("authentication failed: Invalid identifier or password")
    );
    assert!(!format!("{o:?}").contains(PASSWORD));
}

#[tokio::test]
async fn a_429_with_retry_after_and_a_500_are_waited_out() {
    let st = state((0..2).map(mention).collect(), 50);
    let calls = Arc::new(Mutex::new(0));
    let c2 = calls.clone();
    let server = pds(st, move |_, r| {
        if !r.path.ends_with("listNotifications") {
            return None;
        }
        let mut n = c2.lock().unwrap();
        *n += 1;
        match *n {
            1 => Some(
                Reply::json(429, fixture("bluesky/rate_limited.json"))
                    .header("retry-after", "1")
                    .header("ratelimit-limit", "3000")
                    .header("ratelimit-remaining", "0"),
            ),
            2 => Some(Reply::json(
                500,
                r#"{"error":"InternalServerError","message":"Internal Server Error"}"#,
            )),
            _ => None,
        }
    })
    .await;
    let (_dir, db) = db();
    let started = std::time::Instant::now();
    let o = sync(&db, &client(&server, Duration::from_secs(5))).await;
    assert_eq!((o.state.as_str(), o.new), ("ok", 2), "{o:?}");
    assert!(started.elapsed() >= Duration::from_millis(900));
    assert_eq!(*calls.lock().unwrap(), 3);
}

/// A store holding Mirna's reply (and its parent) with a reply queued to it.
async fn queued(db: &Path, text: &str) -> i64 {
    let page: Value = serde_json::from_str(&fixture("bluesky/notifications_page1.json")).unwrap();
    let only: Vec<Value> = page["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["uri"] == MIRNA)
        .cloned()
        .collect();
    let server = pds(state(only, 50), |_, _| None).await;
    let o = sync(db, &client(&server, Duration::from_secs(5))).await;
    assert_eq!((o.state.as_str(), o.new), ("ok", 2), "{o:?}");
    let mut store = Store::open(db).unwrap();
    let conv = store
        .resolve_conversation(&format!("bluesky:{MIRNA}"))
        .unwrap();
    store
        .apply(
            conv,
            Change::QueueReply {
                text: text.into(),
                check: Default::default(),
            },
            "tester",
        )
        .unwrap();
    conv
}

#[tokio::test]
async fn a_reply_is_a_post_record_with_strong_refs_and_byte_facets() {
    let (_dir, db) = db();
    let conv = queued(&db, REPLY).await;
    let st = state(vec![], 50);
    let server = pds(st.clone(), |_, _| None).await;
    let o = sync(&db, &client(&server, Duration::from_secs(5))).await;
    assert_eq!((o.state.as_str(), o.sent, o.failed), ("ok", 1, 0), "{o:?}");
    let create = &server.requests_to("POST", "/xrpc/com.atproto.repo.createRecord")[0];
    assert_eq!(create.header("content-type"), Some("application/json"));
    let body = create.json();
    assert_eq!(body["repo"], ME);
    // A TID record key, the same on any retry.
    let rkey = body["rkey"].as_str().unwrap();
    assert_eq!(rkey.len(), 13, "{rkey}");
    assert_eq!(body["collection"], "app.bsky.feed.post");
    let record = &body["record"];
    assert_eq!(record["$type"], "app.bsky.feed.post");
    assert_eq!(record["text"], REPLY);
    assert!(chrono::DateTime::parse_from_rfc3339(record["createdAt"].as_str().unwrap()).is_ok());
    assert_eq!(
        record["reply"],
        json!({
            "root": {"uri": ROOT, "cid": "bafyreiaroot0000000000000000000000000000000000000000000000"},
            "parent": {"uri": MIRNA, "cid": "bafyreimirna000000000000000000000000000000000000000000000"}
        })
    );
    // "–" and "°" are multi-byte: the link starts at byte 53, not char 50.
    let link_start = REPLY.find("https://").unwrap();
    assert_eq!(link_start, 53);
    assert_eq!(REPLY[..link_start].chars().count(), 50);
    assert_eq!(
        record["facets"],
        json!([
            {"index": {"byteStart": 0, "byteEnd": 21},
             "features": [{"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:mirna5example000000000000"}]},
            {"index": {"byteStart": 53, "byteEnd": 53 + "https://kettlo.example/sencha".len()},
             "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://kettlo.example/sencha"}]}
        ])
    );
    let resolve = server.requests_to("GET", "/xrpc/com.atproto.identity.resolveHandle");
    assert_eq!(resolve[0].param("handle"), Some("mirnaodd.bsky.social"));
    let store = Store::open(&db).unwrap();
    assert!(store.pending_replies(Channel::Bluesky).unwrap().is_empty());
    let thread = store.messages(conv).unwrap();
    let ours = thread
        .iter()
        .find(|m| m.message.id.ends_with("3mysk2vxq4c2a"))
        .expect("our reply in the thread");
    assert_eq!(ours.message.parent_id.as_deref(), Some(MIRNA));
    drop(store);
    let o = sync(&db, &client(&server, Duration::from_secs(5))).await;
    assert_eq!(o.sent, 0);
    assert_eq!(st.lock().unwrap().posted, 1);
}

#[tokio::test]
async fn a_timeout_after_the_record_arrived_is_found_in_our_feed() {
    let (_dir, db) = db();
    let conv = queued(&db, REPLY).await;
    let st = state(vec![], 50);
    let server = pds(st.clone(), |s, r| {
        r.path.ends_with("createRecord").then(|| {
            s.lock().unwrap().posted += 1;
            Reply::ok(fixture("bluesky/create_record.json")).delayed(Duration::from_secs(2))
        })
    })
    .await;
    let o = sync(&db, &client(&server, Duration::from_millis(500))).await;
    assert_eq!((o.state.as_str(), o.sent), ("offline", 0), "{o:?}");
    let o = sync(&db, &client(&server, Duration::from_millis(500))).await;
    assert_eq!((o.state.as_str(), o.sent), ("ok", 1), "{o:?}");
    assert_eq!(st.lock().unwrap().posted, 1, "not sent twice");
    // Asked of the PDS under the key the lost attempt used.
    let sent_key =
        server.requests_to("POST", "/xrpc/com.atproto.repo.createRecord")[0].json()["rkey"]
            .as_str()
            .unwrap()
            .to_string();
    let lookups = server.requests_to("GET", "/xrpc/com.atproto.repo.getRecord");
    assert_eq!(lookups.len(), 1);
    assert_eq!(lookups[0].param("rkey"), Some(sent_key.as_str()));
    assert!(
        server
            .requests_to("GET", "/xrpc/app.bsky.feed.getAuthorFeed")
            .is_empty()
    );
    let store = Store::open(&db).unwrap();
    assert!(store.pending_replies(Channel::Bluesky).unwrap().is_empty());
    assert!(
        store
            .messages(conv)
            .unwrap()
            .iter()
            .any(|m| m.message.id.ends_with("3mysk2vxq4c2a"))
    );
}

#[tokio::test]
async fn a_refused_reply_keeps_its_text_and_the_network_error() {
    let (_dir, db) = db();
    let conv = queued(&db, "merci !").await;
    let server = pds(state(vec![], 50), |_, r| {
        r.path
            .ends_with("createRecord")
            .then(|| Reply::json(400, fixture("bluesky/invalid_record.json")))
    })
    .await;
    let o = sync(&db, &client(&server, Duration::from_secs(5))).await;
    assert_eq!((o.state.as_str(), o.failed), ("ok", 1), "{o:?}");
    let store = Store::open(&db).unwrap();
    let outbox = store.outbox(conv).unwrap();
    assert_eq!(outbox[0].status.as_str(), "failed");
    assert_eq!(outbox[0].text, "merci !");
    assert_eq!(
        outbox[0].error.as_deref(),
        Some(
            "400: Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes"
        )
    );
}

#[tokio::test]
async fn three_hundred_graphemes_are_checked_before_anything_is_sent() {
    let server = pds(state(vec![], 50), |_, _| None).await;
    let c = client(&server, Duration::from_secs(5));
    let reply = Outgoing {
        outbox: 1,
        // 301 graphemes, each of several code points.
        text: "e\u{301}".repeat(301),
        idempotency_key: "k".into(),
        in_reply_to: Some(ReplyTarget {
            ext_id: MIRNA.into(),
            author: "mirnaodd.bsky.social".into(),
            thread_ext_id: Some(ROOT.into()),
            root_ext_id: Some(ROOT.into()),
        }),
    };
    let err = c.send(&reply).await.unwrap_err();
    match err {
        ChannelError::Refused { message, .. } => {
            assert!(message.contains("301 of 300"), "{message}")
        }
        e => panic!("{e}"),
    }
    assert!(server.requests().is_empty());
    // 300 go out.
    let ok = Outgoing {
        text: "e\u{301}".repeat(300),
        ..reply
    };
    assert!(c.send(&ok).await.is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn palabre_sync_reads_the_account_from_the_config() {
    let server = pds(state((0..4).map(mention).collect(), 50), |_, _| None).await;
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("bsky.token");
    std::fs::write(&token, format!("{PASSWORD}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&token, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[[accounts]]\nname = \"kettlo-bsky\"\nnetwork = \"bluesky\"\nbase_url = \"{}\"\nhandle = \"kettlo.bsky.social\"\ntoken_file = \"{}\"\n",
            server.url,
            token.display()
        ),
    )
    .unwrap();
    let db = dir.path().join("palabre.db");
    let (config2, db2) = (config.clone(), db.clone());
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_palabre"))
            .args([
                "--db",
                db2.to_str().unwrap(),
                "--config",
                config2.to_str().unwrap(),
            ])
            .args(["sync", "--json"])
            .env_remove("PALABRE_DB")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(!stdout.contains(PASSWORD) && !stderr.contains(PASSWORD));
    let outcomes: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(outcomes[0]["account"], "kettlo-bsky");
    assert_eq!(outcomes[0]["state"], "ok");
    assert_eq!(outcomes[0]["new"], 4);
    assert_eq!(count_messages(&db), 4);
}

#[tokio::test]
async fn a_reply_posted_under_another_key_is_found_in_our_feed() {
    let st = state(vec![], 50);
    st.lock().unwrap().posted = 1;
    let server = pds(st, |_, r| {
        r.path
            .ends_with("getRecord")
            .then(|| Reply::json(400, fixture("bluesky/record_not_found.json")))
    })
    .await;
    let c = client(&server, Duration::from_secs(5));
    let reply = Outgoing {
        outbox: 1,
        text: REPLY.into(),
        idempotency_key: "palabre-1-1793200000000-1".into(),
        in_reply_to: Some(ReplyTarget {
            ext_id: MIRNA.into(),
            author: "mirnaodd.bsky.social".into(),
            thread_ext_id: Some(ROOT.into()),
            root_ext_id: Some(ROOT.into()),
        }),
    };
    let sent = c
        .find_sent(&reply)
        .await
        .unwrap()
        .expect("found in the feed");
    assert!(sent.remote_id.ends_with("3mysk2vxq4c2a"));
    assert_eq!(sent.message.parent_id.as_deref(), Some(MIRNA));
    assert_eq!(sent.message.thread_id.as_deref(), Some(ROOT));
    let feed = server.requests_to("GET", "/xrpc/app.bsky.feed.getAuthorFeed");
    assert_eq!(feed[0].param("actor"), Some(ME));
    assert_eq!(feed[0].param("filter"), Some("posts_with_replies"));
    // Another text to the same post is not ours.
    let other = Outgoing {
        text: "something else".into(),
        ..reply
    };
    assert!(c.find_sent(&other).await.unwrap().is_none());
}

#[tokio::test]
async fn refused_follower_counts_do_not_stop_the_sync() {
    let server = pds(state((0..2).map(mention).collect(), 50), |_, r| {
        r.path.ends_with("getProfiles").then(|| {
            Reply::json(
                400,
                r#"{"error":"InvalidRequest","message":"Error: actors must contain at most 25 items"}"#,
            )
        })
    })
    .await;
    let (_dir, db) = db();
    let o = sync(&db, &client(&server, Duration::from_secs(5))).await;
    assert_eq!((o.state.as_str(), o.new), ("ok", 2), "{o:?}");
    let store = Store::open(&db).unwrap();
    let conv = store
        .resolve_conversation(
            "bluesky:at://did:plc:fan00001example0000000000/app.bsky.feed.post/3mys00001aa2c",
        )
        .unwrap();
    assert_eq!(
        store.messages(conv).unwrap()[0].message.author.followers,
        None
    );
}
