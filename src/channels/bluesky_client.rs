//! The Bluesky client, through the account's PDS (`base_url`, by default
//! `https://bsky.social`), which serves `app.bsky.*` for the AppView:
//! - a session from `com.atproto.server.createSession` with an app
//!   password, renewed with `com.atproto.server.refreshSession` when the
//!   access token expires (`400 ExpiredToken`, or a `401`);
//! - mentions, replies and quotes from `app.bsky.notification.listNotifications`,
//!   paged while a `cursor` comes back, down to what the last sync saw;
//! - missing parents from `app.bsky.feed.getPostThread`, follower counts
//!   from `app.bsky.actor.getProfiles` (25 actors a call);
//! - replies with `com.atproto.repo.createRecord` (`reply.root` and
//!   `reply.parent` strong refs, mention and link facets at UTF-8 byte
//!   offsets) under a record key derived from the outbox key, looked for
//!   after a lost answer with `com.atproto.repo.getRecord` (then in
//!   `app.bsky.feed.getAuthorFeed`).
//!
//! The stored cursor is the newest `indexedAt` seen; while a sync walks back
//! through older pages it also holds where the walk stands (a small JSON
//! object), so a crash resumes it.

use super::account::Secret;
use super::bluesky;
use super::connector::{Act, Acted, BoxFuture, Connector, Fetched, Lookup, Outgoing, Sent};
use super::http::{Answer, ChannelError, Http, Repeat};
use super::{Account, parse_time};
use crate::config::AccountEntry;
use crate::model::{Author, Channel, Direction, Message, MessageKind, Metrics};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use unicode_segmentation::UnicodeSegmentation;

pub const DEFAULT_BASE: &str = "https://bsky.social";
/// Notifications per page (the lexicon allows 1 to 100).
const PAGE: usize = 50;
/// `getProfiles` takes at most 25 actors.
const PROFILES: usize = 25;
/// What a post may hold, in graphemes.
pub const MAX_GRAPHEMES: usize = 300;
/// Post uris remembered between fetches (then forgotten, to bound memory).
const KNOWN: usize = 50_000;
/// Our recent posts looked through for a reply whose answer was lost.
const RECENT: usize = 50;

pub struct BlueskyClient {
    entry: AccountEntry,
    base: String,
    password: Secret,
    http: Http,
    account: Account,
    session: Mutex<Option<Session>>,
    /// Post uris whose thread this client already fetched or saw.
    known: Mutex<HashSet<String>>,
}

/// Tokens are never printed: no `Debug`.
#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Session {
    access_jwt: String,
    refresh_jwt: String,
    did: String,
    #[serde(default)]
    handle: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Cursor {
    /// The newest `indexedAt` stored before this walk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    since: Option<String>,
    /// The newest `indexedAt` this walk has seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    newest: Option<String>,
    /// The API's cursor of the next, older page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    page: Option<String>,
}

impl Cursor {
    fn read(stored: Option<&str>) -> Result<Cursor, ChannelError> {
        match stored.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(Cursor::default()),
            Some(s) if s.starts_with('{') => serde_json::from_str(s)
                .map_err(|e| ChannelError::Parse(format!("stored cursor: {e}"))),
            Some(at) => Ok(Cursor {
                since: Some(at.to_string()),
                ..Cursor::default()
            }),
        }
    }
}

/// Only what paging needs from a `listNotifications` page.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageTimes {
    notifications: Vec<NotificationTime>,
    #[serde(default)]
    cursor: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NotificationTime {
    uri: String,
    indexed_at: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Profiles {
    profiles: Vec<ProfileCount>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProfileCount {
    did: String,
    #[serde(default)]
    handle: String,
    #[serde(default)]
    followers_count: Option<u64>,
}

#[derive(Deserialize)]
struct Posts {
    posts: Vec<PostRef>,
}

#[derive(Deserialize)]
struct PostRef {
    uri: String,
    cid: String,
    #[serde(default)]
    record: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrongRef {
    pub uri: String,
    pub cid: String,
}

#[derive(Deserialize)]
struct Created {
    uri: String,
}

#[derive(Deserialize)]
struct AuthorFeed {
    feed: Vec<FeedItem>,
}

#[derive(Deserialize)]
struct FeedItem {
    post: FeedPost,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FeedPost {
    uri: String,
    #[serde(default)]
    record: Value,
    #[serde(default)]
    indexed_at: Option<String>,
}

#[derive(Deserialize)]
struct FoundRecord {
    uri: String,
    #[serde(default)]
    value: Value,
}

#[derive(Deserialize)]
struct Resolved {
    did: String,
}

fn is_expired(e: &ChannelError) -> bool {
    match e {
        ChannelError::Auth(_) => true,
        ChannelError::Refused {
            status: 400,
            message,
        } => {
            let m = message.to_ascii_lowercase();
            m.contains("expired")
        }
        _ => false,
    }
}

/// The reference PDS answers an expired access token with
/// `400 {"error":"ExpiredToken"}`: read as a refused token, to refresh.
fn expired_token(status: u16, _: &reqwest::header::HeaderMap, body: &[u8]) -> Option<ChannelError> {
    #[derive(Deserialize)]
    struct XrpcError {
        error: String,
        #[serde(default)]
        message: Option<String>,
    }
    let e: XrpcError = serde_json::from_slice(body).ok()?;
    (matches!(status, 400 | 401) && e.error == "ExpiredToken")
        .then(|| ChannelError::Auth(e.message.unwrap_or(e.error)))
}

/// The DID of an `at://did/collection/rkey` uri.
fn did_of(uri: &str) -> Option<&str> {
    uri.strip_prefix("at://")?
        .split('/')
        .next()
        .filter(|d| d.starts_with("did:"))
}

fn now_text() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl BlueskyClient {
    pub fn new(entry: AccountEntry, password: Secret, http: Http) -> Result<Self, String> {
        let base = entry
            .base_url
            .as_deref()
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .unwrap_or(DEFAULT_BASE)
            .trim_end_matches('/')
            .to_string();
        let handle = entry.handle.trim().trim_start_matches('@').to_string();
        if handle.is_empty() {
            return Err("a Bluesky account needs its handle (the createSession identifier)".into());
        }
        let mut me = vec![handle];
        if let Some(id) = &entry.id {
            me.push(id.clone());
        }
        Ok(BlueskyClient {
            account: Account { me, instance: None },
            entry,
            base,
            password,
            http,
            session: Mutex::new(None),
            known: Mutex::new(HashSet::new()),
        })
    }

    fn url(&self, nsid: &str) -> String {
        format!("{}/xrpc/{nsid}", self.base)
    }

    fn parse_error(e: super::ParseError) -> ChannelError {
        ChannelError::Parse(e.to_string())
    }

    fn current(&self) -> Option<Session> {
        self.session.lock().ok().and_then(|s| s.clone())
    }

    fn keep(&self, session: Session) {
        if let Ok(mut s) = self.session.lock() {
            *s = Some(session);
        }
    }

    async fn create_session(&self) -> Result<Session, ChannelError> {
        let body = serde_json::to_vec(&json!({
            "identifier": self.entry.handle.trim().trim_start_matches('@'),
            "password": self.password.expose(),
        }))
        .map_err(|e| ChannelError::Parse(e.to_string()))?;
        let url = self.url("com.atproto.server.createSession");
        let answer = self
            .http
            .send(
                |c| {
                    c.post(&url)
                        .header("content-type", "application/json")
                        .body(body.clone())
                },
                Repeat::Safe,
            )
            .await
            .map_err(|e| match e {
                // A wrong app password comes back as 401 AuthenticationRequired.
                ChannelError::Refused {
                    status: 400 | 401 | 403,
                    message,
                } => ChannelError::Auth(message),
                e => e,
            })?;
        let session: Session = answer.json()?;
        self.keep(session.clone());
        Ok(session)
    }

    /// A new access token from the refresh token, or a new session when the
    /// refresh token is no good either.
    async fn refresh(&self) -> Result<Session, ChannelError> {
        let Some(old) = self.current() else {
            return self.create_session().await;
        };
        let url = self.url("com.atproto.server.refreshSession");
        let answer = self
            .http
            .send(|c| c.post(&url).bearer_auth(&old.refresh_jwt), Repeat::Safe)
            .await;
        match answer {
            Ok(answer) => {
                let session: Session = answer.json()?;
                self.keep(session.clone());
                Ok(session)
            }
            Err(ChannelError::Auth(_) | ChannelError::Refused { status: 400, .. }) => {
                self.create_session().await
            }
            Err(e) => Err(e),
        }
    }

    async fn session(&self) -> Result<Session, ChannelError> {
        match self.current() {
            Some(s) => Ok(s),
            None => self.create_session().await,
        }
    }

    /// Sends an authenticated request; an expired access token is renewed
    /// once and the request sent again (it was refused, not carried out).
    async fn authed(
        &self,
        build: impl Fn(&reqwest::Client, &str) -> reqwest::RequestBuilder,
        repeat: Repeat,
    ) -> Result<Answer, ChannelError> {
        let session = self.session().await?;
        let first = self
            .http
            .send_with(|c| build(c, &session.access_jwt), repeat, expired_token)
            .await;
        match first {
            Err(e) if is_expired(&e) => {
                let session = self.refresh().await?;
                self.http
                    .send(|c| build(c, &session.access_jwt), repeat)
                    .await
            }
            other => other,
        }
    }

    async fn get(&self, nsid: &str, query: &[(&str, String)]) -> Result<Answer, ChannelError> {
        let url = self.url(nsid);
        self.authed(
            |c, token| {
                c.get(&url)
                    .query(query)
                    .bearer_auth(token)
                    .header("accept", "application/json")
            },
            Repeat::Safe,
        )
        .await
    }

    async fn fetch_page(&self, stored: Option<&str>) -> Result<Fetched, ChannelError> {
        let state = Cursor::read(stored)?;
        let floor = state.since.as_deref().and_then(parse_time);
        let mut query = vec![("limit", PAGE.to_string())];
        for reason in ["mention", "reply", "quote"] {
            query.push(("reasons", reason.to_string()));
        }
        if let Some(page) = &state.page {
            query.push(("cursor", page.clone()));
        }
        let answer = self
            .get("app.bsky.notification.listNotifications", &query)
            .await?;
        let times: PageTimes = answer.json()?;
        let parsed =
            bluesky::parse_notifications(&answer.body, &self.account).map_err(Self::parse_error)?;
        let indexed: HashMap<&str, Option<DateTime<Utc>>> = times
            .notifications
            .iter()
            .map(|n| (n.uri.as_str(), parse_time(&n.indexed_at)))
            .collect();
        // What the last sync already stored ends the walk.
        let reached = floor.is_some_and(|floor| {
            times
                .notifications
                .iter()
                .any(|n| parse_time(&n.indexed_at).is_some_and(|t| t <= floor))
        });
        let mut messages: Vec<Message> = parsed
            .messages
            .into_iter()
            .filter(
                |m| match (floor, indexed.get(m.id.as_str()).copied().flatten()) {
                    (Some(floor), Some(t)) => t >= floor,
                    _ => true,
                },
            )
            .collect();
        let newest = [state.newest.as_deref(), state.since.as_deref()]
            .into_iter()
            .flatten()
            .filter_map(parse_time)
            .chain(
                times
                    .notifications
                    .iter()
                    .filter_map(|n| parse_time(&n.indexed_at)),
            )
            .max();
        self.complete_threads(&mut messages).await?;
        self.add_followers(&mut messages).await?;
        let next = times.cursor.filter(|c| !c.trim().is_empty());
        let more = !reached && next.is_some() && next != state.page;
        let newest_text = newest.map(|t| t.to_rfc3339_opts(SecondsFormat::Millis, true));
        let cursor = if more {
            serde_json::to_string(&Cursor {
                since: state.since.clone(),
                newest: newest_text,
                page: next,
            })
            .ok()
        } else {
            newest_text.or(state.since)
        };
        Ok(Fetched {
            messages,
            cursor,
            more,
        })
    }

    /// Adds the ancestors of each reply whose parent is neither in the page
    /// nor known, from `getPostThread` (no replies below, parents above).
    async fn complete_threads(&self, messages: &mut Vec<Message>) -> Result<(), ChannelError> {
        let mut have: HashSet<String> = messages.iter().map(|m| m.id.clone()).collect();
        if let Ok(known) = self.known.lock() {
            have.extend(known.iter().cloned());
        }
        let mut extra = Vec::new();
        for message in messages.iter() {
            let Some(parent) = message.parent_id.clone() else {
                continue;
            };
            if have.contains(&parent) {
                continue;
            }
            let uri = message.id.clone();
            let answer = match self
                .get(
                    "app.bsky.feed.getPostThread",
                    &[("uri", uri.clone()), ("depth", "0".into())],
                )
                .await
            {
                Ok(a) => a,
                Err(ChannelError::Refused { status, message }) => {
                    tracing::debug!("thread of {uri}: {status}: {message}");
                    continue;
                }
                Err(e) => return Err(e),
            };
            let thread =
                bluesky::parse_thread(&answer.body, &self.account).map_err(Self::parse_error)?;
            for m in thread.messages {
                if m.id != uri && have.insert(m.id.clone()) {
                    extra.push(m);
                }
            }
        }
        extra.append(messages);
        *messages = extra;
        if let Ok(mut known) = self.known.lock() {
            if known.len() > KNOWN {
                known.clear();
            }
            known.extend(messages.iter().map(|m| m.id.clone()));
        }
        Ok(())
    }

    /// Follower counts, which notifications lack, 25 authors a request.
    async fn add_followers(&self, messages: &mut [Message]) -> Result<(), ChannelError> {
        let mut dids: Vec<String> = Vec::new();
        for m in messages.iter() {
            if let Some(did) = did_of(&m.id)
                && !dids.iter().any(|d| d == did)
            {
                dids.push(did.to_string());
            }
        }
        let mut counts: HashMap<String, u64> = HashMap::new();
        for chunk in dids.chunks(PROFILES) {
            let query: Vec<(&str, String)> = chunk.iter().map(|d| ("actors", d.clone())).collect();
            // Counts are a nicety: a refused lookup leaves them unknown.
            let answer = match self.get("app.bsky.actor.getProfiles", &query).await {
                Ok(a) => a,
                Err(ChannelError::Refused { status, message }) => {
                    tracing::debug!("getProfiles: {status}: {message}");
                    continue;
                }
                Err(e) => return Err(e),
            };
            let Ok(profiles) = answer.json::<Profiles>() else {
                continue;
            };
            for p in profiles.profiles {
                if let Some(n) = p.followers_count {
                    counts.insert(p.did.clone(), n);
                    if !p.handle.is_empty() {
                        counts.insert(p.handle.clone(), n);
                    }
                }
            }
        }
        for m in messages.iter_mut() {
            let n = did_of(&m.id)
                .and_then(|d| counts.get(d))
                .or_else(|| counts.get(&m.author.handle));
            if let Some(n) = n {
                m.author.followers = Some(*n);
            }
        }
        Ok(())
    }

    /// Strong refs of the post answered and of its thread's root, read from
    /// the network (the store keeps no cids).
    async fn reply_refs(&self, parent_uri: &str) -> Result<(StrongRef, StrongRef), ChannelError> {
        let answer = self
            .get(
                "app.bsky.feed.getPosts",
                &[("uris", parent_uri.to_string())],
            )
            .await?;
        let posts: Posts = answer.json()?;
        let Some(post) = posts.posts.into_iter().find(|p| p.uri == parent_uri) else {
            return Err(ChannelError::Refused {
                status: 404,
                message: format!("the post to answer is gone: {parent_uri} (not sent)"),
            });
        };
        let parent = StrongRef {
            uri: post.uri,
            cid: post.cid,
        };
        let root = post
            .record
            .get("reply")
            .and_then(|r| r.get("root"))
            .and_then(|r| serde_json::from_value::<StrongRef>(r.clone()).ok())
            .unwrap_or_else(|| parent.clone());
        Ok((root, parent))
    }

    async fn resolve(&self, handle: &str) -> Option<String> {
        let answer = self
            .get(
                "com.atproto.identity.resolveHandle",
                &[("handle", handle.to_string())],
            )
            .await
            .ok()?;
        answer.json::<Resolved>().ok().map(|r| r.did)
    }

    async fn send_reply(&self, reply: &Outgoing) -> Result<Sent, ChannelError> {
        let Some(target) = &reply.in_reply_to else {
            return Err(ChannelError::Refused {
                status: 400,
                message: "no post to answer (not sent)".into(),
            });
        };
        let graphemes = reply.text.graphemes(true).count();
        if graphemes > MAX_GRAPHEMES {
            return Err(ChannelError::Refused {
                status: 400,
                message: format!(
                    "the reply is too long for Bluesky: {graphemes} of {MAX_GRAPHEMES} graphemes (not sent)"
                ),
            });
        }
        let session = self.session().await?;
        let (root, parent) = self.reply_refs(&target.ext_id).await?;
        let mut facets = Vec::new();
        for span in find_facets(&reply.text) {
            let feature = match &span.kind {
                Facet::Link(uri) => json!({"$type": "app.bsky.richtext.facet#link", "uri": uri}),
                Facet::Mention(handle) => match self.resolve(handle).await {
                    Some(did) => json!({"$type": "app.bsky.richtext.facet#mention", "did": did}),
                    None => continue,
                },
            };
            facets.push(json!({
                "index": {"byteStart": span.start, "byteEnd": span.end},
                "features": [feature],
            }));
        }
        let created_at = now_text();
        let mut record = json!({
            "$type": "app.bsky.feed.post",
            "text": reply.text,
            "createdAt": created_at,
            "reply": {"root": root, "parent": parent},
        });
        if !facets.is_empty() {
            record["facets"] = Value::Array(facets);
        }
        let mut request = json!({
            "repo": session.did,
            "collection": "app.bsky.feed.post",
            "record": record,
        });
        if let Some(rkey) = stable_rkey(&reply.idempotency_key) {
            request["rkey"] = Value::String(rkey);
        }
        let body = serde_json::to_vec(&request).map_err(|e| ChannelError::Parse(e.to_string()))?;
        let url = self.url("com.atproto.repo.createRecord");
        let answer = self
            .authed(
                |c, token| {
                    c.post(&url)
                        .bearer_auth(token)
                        .header("content-type", "application/json")
                        .body(body.clone())
                },
                Repeat::Never,
            )
            .await?;
        let created: Created = answer.json()?;
        let handle = if session.handle.is_empty() {
            self.entry.handle.clone()
        } else {
            session.handle.clone()
        };
        let message = self.our_message(
            &created.uri,
            &handle,
            &reply.text,
            parse_time(&created_at).unwrap_or_else(Utc::now),
            &parent.uri,
            &root.uri,
        );
        Ok(Sent {
            remote_id: created.uri,
            message,
        })
    }

    fn our_message(
        &self,
        uri: &str,
        handle: &str,
        text: &str,
        created_at: DateTime<Utc>,
        parent: &str,
        root: &str,
    ) -> Message {
        let rkey = uri.rsplit('/').next().unwrap_or("");
        Message {
            channel: Channel::Bluesky,
            id: uri.to_string(),
            parent_id: Some(parent.to_string()),
            thread_id: Some(root.to_string()),
            kind: MessageKind::Reply,
            direction: Direction::Outbound,
            author: Author {
                handle: handle.to_string(),
                name: String::new(),
                followers: None,
                verified: false,
            },
            text: text.to_string(),
            lang: None,
            created_at,
            url: (!rkey.is_empty())
                .then(|| format!("https://bsky.app/profile/{handle}/post/{rkey}")),
            metrics: Metrics::default(),
            automated: false,
        }
    }

    async fn find_reply(&self, reply: &Outgoing) -> Result<Option<Sent>, ChannelError> {
        let Some(target) = &reply.in_reply_to else {
            return Ok(None);
        };
        let session = self.session().await?;
        let handle = if session.handle.is_empty() {
            self.entry.handle.clone()
        } else {
            session.handle.clone()
        };
        // The PDS knows at once whether the record exists.
        if let Some(rkey) = stable_rkey(&reply.idempotency_key) {
            let answer = self
                .get(
                    "com.atproto.repo.getRecord",
                    &[
                        ("repo", session.did.clone()),
                        ("collection", "app.bsky.feed.post".into()),
                        ("rkey", rkey),
                    ],
                )
                .await;
            match answer {
                Ok(answer) => {
                    let found: FoundRecord = answer.json()?;
                    let text = found
                        .value
                        .get("text")
                        .and_then(Value::as_str)
                        .unwrap_or("");
                    let root = found
                        .value
                        .get("reply")
                        .and_then(|r| r.get("root"))
                        .and_then(|p| p.get("uri"))
                        .and_then(Value::as_str)
                        .unwrap_or(target.ext_id.as_str())
                        .to_string();
                    let created_at = found
                        .value
                        .get("createdAt")
                        .and_then(Value::as_str)
                        .and_then(parse_time)
                        .unwrap_or_else(Utc::now);
                    let message = self.our_message(
                        &found.uri,
                        &handle,
                        text,
                        created_at,
                        &target.ext_id,
                        &root,
                    );
                    return Ok(Some(Sent {
                        remote_id: found.uri,
                        message,
                    }));
                }
                // RecordNotFound: look in the feed too, in case it was
                // posted under another key.
                Err(ChannelError::Refused { status: 400, .. }) => {}
                Err(e) => return Err(e),
            }
        }
        let answer = self
            .get(
                "app.bsky.feed.getAuthorFeed",
                &[
                    ("actor", session.did.clone()),
                    ("filter", "posts_with_replies".into()),
                    ("limit", RECENT.to_string()),
                ],
            )
            .await?;
        let feed: AuthorFeed = answer.json()?;
        let wanted = reply.text.trim();
        for item in feed.feed {
            let post = item.post;
            let text = post
                .record
                .get("text")
                .and_then(Value::as_str)
                .unwrap_or("");
            let reply_refs = post.record.get("reply");
            let parent = reply_refs
                .and_then(|r| r.get("parent"))
                .and_then(|p| p.get("uri"))
                .and_then(Value::as_str);
            if parent != Some(target.ext_id.as_str()) || text.trim() != wanted {
                continue;
            }
            let root = reply_refs
                .and_then(|r| r.get("root"))
                .and_then(|p| p.get("uri"))
                .and_then(Value::as_str)
                .unwrap_or(target.ext_id.as_str())
                .to_string();
            let created_at = post
                .record
                .get("createdAt")
                .and_then(Value::as_str)
                .and_then(parse_time)
                .or_else(|| post.indexed_at.as_deref().and_then(parse_time))
                .unwrap_or_else(Utc::now);
            let message =
                self.our_message(&post.uri, &handle, text, created_at, &target.ext_id, &root);
            return Ok(Some(Sent {
                remote_id: post.uri,
                message,
            }));
        }
        Ok(None)
    }
}

/// The record key of a reply, the same on every attempt, so that the PDS
/// (not the AppView, which indexes with a delay) says whether an attempt
/// whose answer was lost went through, and a second `createRecord` cannot
/// make a second post. A TID as the lexicon wants for posts: 53 bits of
/// microseconds (the time the reply was queued, read from the outbox key
/// `…-<millis>-<n>`, plus a sub-millisecond part from the key's hash), 10
/// bits of clock id (from the hash), in base32-sortable. `None` when the key
/// carries no plausible time.
pub fn stable_rkey(idempotency_key: &str) -> Option<String> {
    const ALPHABET: &[u8; 32] = b"234567abcdefghijklmnopqrstuvwxyz";
    let millis: u64 = idempotency_key.rsplit('-').nth(1)?.parse().ok()?;
    // 2020-01-01 to 2100-01-01.
    if !(1_577_836_800_000..4_102_444_800_000).contains(&millis) {
        return None;
    }
    // FNV-1a: stable across versions and platforms.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in idempotency_key.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let micros = millis * 1000 + (hash >> 20) % 1000;
    let value = (micros << 10) | (hash & 0x3ff);
    Some(
        (0..13)
            .map(|i| char::from(ALPHABET[((value >> (5 * (12 - i))) & 31) as usize]))
            .collect(),
    )
}

/// A part of a post's text that a facet decorates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// UTF-8 byte offsets, start inclusive, end exclusive.
    pub start: usize,
    pub end: usize,
    pub kind: Facet,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Facet {
    /// A handle, without its `@` (the facet itself names the DID).
    Mention(String),
    Link(String),
}

/// Mentions (`@handle.domain`) and links (`https://…`) in `text`, with
/// their UTF-8 byte offsets, as `app.bsky.richtext.facet` wants them.
pub fn find_facets(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut prev: Option<char> = None;
    let mut skip_to = 0usize;
    for (i, c) in text.char_indices() {
        if i < skip_to {
            prev = Some(c);
            continue;
        }
        let at_word_start = prev.is_none_or(|p| p.is_whitespace() || "([{\"'".contains(p));
        prev = Some(c);
        if !at_word_start {
            continue;
        }
        let rest = &text[i..];
        if rest.starts_with("https://") || rest.starts_with("http://") {
            let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let link = rest[..word_end].trim_end_matches(|c: char| ".,;:!?)]}\"'".contains(c));
            if link.len() > "https://".len() {
                spans.push(Span {
                    start: i,
                    end: i + link.len(),
                    kind: Facet::Link(link.to_string()),
                });
                skip_to = i + link.len();
            }
        } else if c == '@' {
            let handle_len = rest[1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
                .unwrap_or(rest.len() - 1);
            let handle = rest[1..1 + handle_len].trim_end_matches(['.', '-']);
            let labels: Vec<&str> = handle.split('.').collect();
            if labels.len() >= 2 && labels.iter().all(|l| !l.is_empty()) {
                spans.push(Span {
                    start: i,
                    end: i + 1 + handle.len(),
                    kind: Facet::Mention(handle.to_string()),
                });
                skip_to = i + 1 + handle.len();
            }
        }
    }
    spans
}

impl Connector for BlueskyClient {
    fn account(&self) -> &AccountEntry {
        &self.entry
    }

    fn fetch<'a>(
        &'a self,
        cursor: Option<&'a str>,
    ) -> BoxFuture<'a, Result<Fetched, ChannelError>> {
        Box::pin(self.fetch_page(cursor))
    }

    fn send<'a>(&'a self, reply: &'a Outgoing) -> BoxFuture<'a, Result<Sent, ChannelError>> {
        Box::pin(self.send_reply(reply))
    }

    fn find_sent<'a>(
        &'a self,
        reply: &'a Outgoing,
    ) -> BoxFuture<'a, Result<Option<Sent>, ChannelError>> {
        Box::pin(self.find_reply(reply))
    }

    fn act<'a>(&'a self, act: &'a Act) -> BoxFuture<'a, Result<Acted, ChannelError>> {
        Box::pin(self.act_on(act))
    }

    fn find_act<'a>(&'a self, act: &'a Act) -> BoxFuture<'a, Result<Lookup, ChannelError>> {
        Box::pin(self.find_act_of(act))
    }
}

mod actions;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_use_utf8_byte_offsets() {
        let text = "café ☕ @yuki.bsky.social voir https://kettlo.example/aura.";
        let spans = find_facets(text);
        assert_eq!(spans.len(), 2, "{spans:?}");
        let m = &spans[0];
        assert_eq!(m.kind, Facet::Mention("yuki.bsky.social".into()));
        // "café " is 6 bytes, "☕ " 4.
        assert_eq!((m.start, m.end), (10, 10 + 17));
        assert_eq!(
            &text.as_bytes()[m.start..m.end],
            "@yuki.bsky.social".as_bytes()
        );
        let l = &spans[1];
        assert_eq!(l.kind, Facet::Link("https://kettlo.example/aura".into()));
        assert_eq!(&text[l.start..l.end], "https://kettlo.example/aura");
        // Not a mention: an e-mail address, a bare @word.
        assert!(find_facets("write to a@b.example or @someone").is_empty());
    }

    #[test]
    fn reply_record_keys_are_stable_tids() {
        let key = "palabre-12-1793200000000-7";
        let rkey = stable_rkey(key).unwrap();
        assert_eq!(rkey, stable_rkey(key).unwrap(), "the same on every attempt");
        assert_ne!(rkey, stable_rkey("palabre-13-1793200000000-8").unwrap());
        assert_eq!(rkey.len(), 13);
        assert!("234567abcdefghij".contains(&rkey[..1]), "{rkey}");
        let alphabet = "234567abcdefghijklmnopqrstuvwxyz";
        assert!(rkey.chars().all(|c| alphabet.contains(c)), "{rkey}");
        // The time part decodes back to the queueing time.
        let value = rkey
            .chars()
            .fold(0u64, |v, c| (v << 5) | alphabet.find(c).unwrap() as u64);
        assert_eq!((value >> 10) / 1_000_000, 1_793_200_000);
        assert_eq!(stable_rkey("no-time-here"), None);
        assert_eq!(stable_rkey("palabre-1-12-1"), None);
    }

    #[test]
    fn stored_cursors_read_back() {
        assert_eq!(Cursor::read(None).unwrap(), Cursor::default());
        assert_eq!(
            Cursor::read(Some("2026-10-26T19:04:46.000Z"))
                .unwrap()
                .since
                .as_deref(),
            Some("2026-10-26T19:04:46.000Z")
        );
        let walk = Cursor {
            since: None,
            newest: Some("2026-10-26T19:04:46.000Z".into()),
            page: Some("abc".into()),
        };
        let text = serde_json::to_string(&walk).unwrap();
        assert_eq!(Cursor::read(Some(&text)).unwrap(), walk);
    }

    #[test]
    fn expired_tokens_are_told_from_other_refusals() {
        assert!(is_expired(&ChannelError::Refused {
            status: 400,
            message: "Token has expired".into()
        }));
        assert!(is_expired(&ChannelError::Auth("bad".into())));
        assert!(!is_expired(&ChannelError::Refused {
            status: 400,
            message: "Invalid record".into()
        }));
        assert_eq!(
            did_of("at://did:plc:abc/app.bsky.feed.post/3k"),
            Some("did:plc:abc")
        );
        assert_eq!(did_of("https://x"), None);
    }
}
