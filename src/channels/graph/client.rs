//! The Graph API clients: a Facebook Page's comments and an Instagram
//! professional account's comments, and replies to them.
//!
//! - Facebook: the page feed newest first with each post's latest comments
//!   nested (`comments.filter(stream).order(reverse_chronological)`), the
//!   rest of a busy post's comments with `/{post-id}/comments` and
//!   `paging.cursors.after`, down to the newest comment time of the previous
//!   round (the feed stops at the first post not updated since). Replies:
//!   `POST /{comment-id}/comments` with `message`.
//! - Instagram: the account's recent media (`/{ig-user-id}/media`); the
//!   comments (`/{media-id}/comments`, replies nested) of each medium whose
//!   `comments_count` moved since the last round, and `/{ig-comment-id}/replies`
//!   for long reply lists. Replies: `POST /{ig-comment-id}/replies` on the
//!   top-level comment (Instagram nests one level).
//!
//! The account's `id` is the page id or the Instagram user id; `base_url`,
//! when set, includes the API version (`https://graph.facebook.com/v21.0`).
//! Graph errors (`error.code`): 190 is a bad token; 4, 17, 32, 613 and the
//! 80001–80014 business limits are rate limits, lifted after the
//! `estimated_time_to_regain_access` of the usage headers.

use super::{parse_facebook_comments, parse_facebook_feed, parse_instagram_comments};
use crate::channels::account::Secret;
use crate::channels::client_util::{
    account_of, base_url, check_reply, comparable, parse_error, required_id,
};
use crate::channels::connector::{
    Act, Acted, BoxFuture, Connector, Fetched, Lookup, Outgoing, Sent,
};
use crate::channels::http::{ChannelError, Http, Repeat};
use crate::channels::{Account, Parsed, parse_time};
use crate::config::AccountEntry;
use crate::model::{Author, Channel, Direction, Message, MessageKind, Metrics};
use chrono::{DateTime, Utc};
use reqwest::header::HeaderMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

pub const DEFAULT_BASE: &str = "https://graph.facebook.com/v21.0";
const FB_COMMENT_FIELDS: &str =
    "id,message,created_time,from,like_count,comment_count,parent{id},permalink_url";
const IG_COMMENT_FIELDS: &str = "id,text,timestamp,username,from{id,username},like_count,parent_id";
/// Feed pages read in one round at most.
const MAX_FEED_PAGES: u32 = 4;
/// Pages of one object's comments read in one fetch at most.
const MAX_COMMENT_PAGES: usize = 20;
/// Media watched for new comments.
const MEDIA_WINDOW: &str = "50";

/// Graph's error answers that are not plain refusals.
fn classify(status: u16, headers: &HeaderMap, body: &[u8]) -> Option<ChannelError> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let error = v.get("error")?;
    let code = error.get("code").and_then(Value::as_i64)?;
    let message = error
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    match code {
        190 => Some(ChannelError::Auth(message)),
        4 | 17 | 32 | 613 | 80001..=80014 => {
            let minutes = regain_minutes(headers).unwrap_or(if status == 429 { 1 } else { 15 });
            Some(ChannelError::RateLimited {
                until: Utc::now() + chrono::Duration::minutes(minutes.max(1)),
            })
        }
        _ => None,
    }
}

/// The longest `estimated_time_to_regain_access` (minutes) in Graph's usage
/// headers (`X-Business-Use-Case-Usage`: {id: [{…}]}, `X-App-Usage`,
/// `X-Page-Usage`).
fn regain_minutes(headers: &HeaderMap) -> Option<i64> {
    let mut best: Option<i64> = None;
    for name in ["x-business-use-case-usage", "x-app-usage", "x-page-usage"] {
        let Some(v) = headers.get(name).and_then(|v| v.to_str().ok()) else {
            continue;
        };
        let Ok(json) = serde_json::from_str::<Value>(v) else {
            continue;
        };
        let mut stack = vec![&json];
        while let Some(node) = stack.pop() {
            match node {
                Value::Object(map) => {
                    if let Some(m) = map
                        .get("estimated_time_to_regain_access")
                        .and_then(Value::as_i64)
                    {
                        best = Some(best.map_or(m, |b| b.max(m)));
                    }
                    stack.extend(map.values());
                }
                Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
    }
    best.filter(|m| *m > 0)
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn json_string<T: Serialize>(value: &T) -> Result<String, ChannelError> {
    serde_json::to_string(value).map_err(|e| ChannelError::Parse(e.to_string()))
}

/// What both clients share: the account, the token, the requests.
struct Graph {
    entry: AccountEntry,
    http: Http,
    token: Secret,
    base: String,
    id: String,
    me: Account,
}

impl Graph {
    fn new(entry: &AccountEntry, http: &Http, token: Secret, what: &str) -> Result<Graph, String> {
        Ok(Graph {
            id: required_id(entry, what)?,
            base: base_url(entry, DEFAULT_BASE),
            me: account_of(entry),
            entry: entry.clone(),
            http: http.clone(),
            token,
        })
    }

    async fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<Vec<u8>, ChannelError> {
        let url = format!("{}/{path}", self.base);
        let answer = self
            .http
            .send_with(
                |c| c.get(&url).bearer_auth(self.token.expose()).query(query),
                Repeat::Safe,
                classify,
            )
            .await?;
        Ok(answer.body)
    }

    /// `POST /{object}/{edge}` with `message`: the new object's id.
    async fn post_message(&self, path: &str, text: &str) -> Result<String, ChannelError> {
        let url = format!("{}/{path}", self.base);
        let answer = self
            .http
            .send_with(
                |c| {
                    c.post(&url)
                        .bearer_auth(self.token.expose())
                        .form(&[("message", text)])
                },
                Repeat::Never,
                classify,
            )
            .await?;
        #[derive(Deserialize)]
        struct Created {
            #[serde(deserialize_with = "crate::channels::de::id")]
            id: String,
        }
        let created: Created = answer.json()?;
        Ok(created.id)
    }

    /// Pages of an edge read with `parse`, from `after`, until one holds
    /// something older than `since` or there is no next page.
    async fn pages(
        &self,
        path: &str,
        query: &[(&str, &str)],
        mut after: Option<String>,
        since: Option<DateTime<Utc>>,
        parse: fn(&[u8], &Account) -> Result<Parsed, crate::channels::ParseError>,
    ) -> Result<Vec<Message>, ChannelError> {
        let mut out = Vec::new();
        for _ in 0..MAX_COMMENT_PAGES {
            let mut q = query.to_vec();
            if let Some(a) = &after {
                q.push(("after", a));
            }
            let body = self.get(path, &q).await?;
            let parsed = parse(&body, &self.me).map_err(parse_error)?;
            let older = since.is_some_and(|s| parsed.messages.iter().any(|m| m.created_at < s));
            out.extend(parsed.messages);
            match parsed.page.next {
                Some(next) if !older => after = Some(next),
                _ => break,
            }
        }
        Ok(out)
    }

    fn our_reply(
        &self,
        network: Channel,
        id: &str,
        text: &str,
        parent: &str,
        thread: Option<String>,
    ) -> Message {
        let handle = self.entry.handle.trim_start_matches('@').to_string();
        Message {
            channel: network,
            id: id.to_string(),
            parent_id: Some(parent.to_string()),
            thread_id: thread,
            kind: MessageKind::Reply,
            direction: Direction::Outbound,
            author: Author {
                name: handle.clone(),
                handle,
                followers: None,
                verified: false,
            },
            text: text.to_string(),
            lang: None,
            created_at: Utc::now(),
            url: None,
            metrics: Metrics::default(),
            automated: false,
        }
    }
}

fn found(messages: Vec<Message>, text: &str) -> Option<Sent> {
    let want = comparable(text);
    messages
        .into_iter()
        .find(|m| m.direction == Direction::Outbound && comparable(&m.text) == want)
        .map(|message| Sent {
            remote_id: message.id.clone(),
            message,
        })
}

fn no_target() -> ChannelError {
    ChannelError::Refused {
        status: 0,
        message: "no comment to reply to".into(),
    }
}

// ---------------------------------------------------------------- Facebook

pub struct FacebookClient {
    graph: Graph,
}

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
struct FeedRound {
    /// The newest comment time of the round before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    since: Option<String>,
    /// `after` of the next feed page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    after: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    top: Option<String>,
    #[serde(default)]
    pages: u32,
}

impl FeedRound {
    fn read(cursor: Option<&str>) -> FeedRound {
        match cursor.map(str::trim) {
            None | Some("") => FeedRound::default(),
            Some(c) if c.starts_with('{') => serde_json::from_str(c).unwrap_or_default(),
            Some(time) => FeedRound {
                since: Some(time.to_string()),
                ..FeedRound::default()
            },
        }
    }
}

impl FacebookClient {
    pub fn new(entry: &AccountEntry, http: &Http, token: Secret) -> Result<FacebookClient, String> {
        Ok(FacebookClient {
            graph: Graph::new(entry, http, token, "page id")?,
        })
    }
}

fn fb_comments_query() -> Vec<(&'static str, &'static str)> {
    vec![
        ("fields", FB_COMMENT_FIELDS),
        ("filter", "stream"),
        ("order", "reverse_chronological"),
        ("limit", "100"),
    ]
}

impl Connector for FacebookClient {
    fn account(&self) -> &AccountEntry {
        &self.graph.entry
    }

    fn fetch<'a>(
        &'a self,
        cursor: Option<&'a str>,
    ) -> BoxFuture<'a, Result<Fetched, ChannelError>> {
        Box::pin(async move {
            let g = &self.graph;
            let mut round = FeedRound::read(cursor);
            let since = round.since.as_deref().and_then(parse_time);
            let fields = format!(
                "id,created_time,updated_time,permalink_url,comments.filter(stream).order(reverse_chronological).limit(100){{{FB_COMMENT_FIELDS}}}"
            );
            let path = format!("{}/feed", g.id);
            let ask = |after: Option<String>| {
                let (fields, path) = (fields.as_str(), path.as_str());
                async move {
                    let mut query = vec![("fields", fields), ("limit", "25")];
                    if let Some(after) = &after {
                        query.push(("after", after.as_str()));
                    }
                    g.get(path, &query).await
                }
            };
            let body = match ask(round.after.clone()).await {
                // A cursor Graph no longer takes: the round starts again
                // from its `since` (what is stored stays stored).
                Err(ChannelError::Refused { status: 400, .. }) if round.after.is_some() => {
                    round.after = None;
                    round.top = None;
                    round.pages = 0;
                    ask(None).await?
                }
                other => other?,
            };
            let parsed = parse_facebook_feed(&body, &g.me).map_err(parse_error)?;
            let feed: Value =
                serde_json::from_slice(&body).map_err(|e| ChannelError::Parse(e.to_string()))?;
            let posts = feed
                .get("data")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let updated = |post: &Value| {
                post.get("updated_time")
                    .or_else(|| post.get("created_time"))
                    .and_then(Value::as_str)
                    .and_then(parse_time)
            };
            let reached =
                since.is_some_and(|s| posts.iter().any(|p| updated(p).is_some_and(|u| u < s)));
            let mut messages = parsed.messages;
            // Busy posts: the rest of their comments, back to `since`.
            for post_id in &parsed.incomplete {
                let Some(post) = posts
                    .iter()
                    .find(|p| p.get("id").and_then(Value::as_str) == Some(post_id.as_str()))
                else {
                    continue;
                };
                if since.is_some_and(|s| updated(post).is_some_and(|u| u < s)) {
                    continue;
                }
                let nested_oldest = messages
                    .iter()
                    .filter(|m| m.id.split('_').next() == post_id.split('_').nth(1))
                    .map(|m| m.created_at)
                    .min();
                if since.is_some_and(|s| nested_oldest.is_some_and(|o| o < s)) {
                    continue;
                }
                let after = post
                    .pointer("/comments/paging/cursors/after")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                let path = format!("{post_id}/comments");
                let more = g
                    .pages(
                        &path,
                        &fb_comments_query(),
                        after,
                        since,
                        parse_facebook_comments,
                    )
                    .await?;
                messages.extend(more);
            }
            let top = [
                round.top.as_deref().and_then(parse_time),
                messages.iter().map(|m| m.created_at).max(),
                since,
            ]
            .into_iter()
            .flatten()
            .max();
            let pages = round.pages + 1;
            let next = parsed
                .page
                .next
                .filter(|_| !reached && pages < MAX_FEED_PAGES);
            let (cursor, more) = match next {
                Some(after) => {
                    let next = FeedRound {
                        since: round.since.clone(),
                        after: Some(after),
                        top: top.map(stamp),
                        pages,
                    };
                    (Some(json_string(&next)?), true)
                }
                None => (top.map(stamp), false),
            };
            Ok(Fetched {
                messages,
                cursor,
                more,
            })
        })
    }

    fn send<'a>(&'a self, reply: &'a Outgoing) -> BoxFuture<'a, Result<Sent, ChannelError>> {
        Box::pin(async move {
            check_reply(Channel::Facebook, &reply.text)?;
            let to = reply.in_reply_to.as_ref().ok_or_else(no_target)?;
            let g = &self.graph;
            let id = g
                .post_message(&format!("{}/comments", to.ext_id), &reply.text)
                .await?;
            Ok(Sent {
                message: g.our_reply(
                    Channel::Facebook,
                    &id,
                    &reply.text,
                    &to.ext_id,
                    to.thread_ext_id.clone(),
                ),
                remote_id: id,
            })
        })
    }

    fn find_sent<'a>(
        &'a self,
        reply: &'a Outgoing,
    ) -> BoxFuture<'a, Result<Option<Sent>, ChannelError>> {
        Box::pin(async move {
            let Some(to) = &reply.in_reply_to else {
                return Ok(None);
            };
            let g = &self.graph;
            let path = format!("{}/comments", to.ext_id);
            let body = g.get(&path, &fb_comments_query()).await?;
            let parsed = parse_facebook_comments(&body, &g.me).map_err(parse_error)?;
            Ok(found(parsed.messages, &reply.text))
        })
    }

    fn act<'a>(&'a self, act: &'a Act) -> BoxFuture<'a, Result<Acted, ChannelError>> {
        Box::pin(self.act_on(act))
    }

    fn find_act<'a>(&'a self, act: &'a Act) -> BoxFuture<'a, Result<Lookup, ChannelError>> {
        Box::pin(self.find_act_of(act))
    }
}

// --------------------------------------------------------------- Instagram

pub struct InstagramClient {
    graph: Graph,
}

/// The comment counts of the media watched, as of the last round.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
struct MediaCounts {
    #[serde(default)]
    counts: BTreeMap<String, u64>,
}

impl InstagramClient {
    pub fn new(
        entry: &AccountEntry,
        http: &Http,
        token: Secret,
    ) -> Result<InstagramClient, String> {
        Ok(InstagramClient {
            graph: Graph::new(entry, http, token, "Instagram user id")?,
        })
    }

    /// Instagram replies hang from the top-level comment.
    fn top_level(to: &crate::model::ReplyTarget) -> &str {
        to.thread_ext_id.as_deref().unwrap_or(&to.ext_id)
    }
}

fn ig_comments_query(fields: &str) -> Vec<(&str, &str)> {
    vec![("fields", fields), ("limit", "50")]
}

impl Connector for InstagramClient {
    fn account(&self) -> &AccountEntry {
        &self.graph.entry
    }

    fn fetch<'a>(
        &'a self,
        cursor: Option<&'a str>,
    ) -> BoxFuture<'a, Result<Fetched, ChannelError>> {
        Box::pin(async move {
            let g = &self.graph;
            let before: MediaCounts = cursor
                .filter(|c| c.trim_start().starts_with('{'))
                .and_then(|c| serde_json::from_str(c).ok())
                .unwrap_or_default();
            let path = format!("{}/media", g.id);
            let body = g
                .get(
                    &path,
                    &[
                        ("fields", "id,timestamp,comments_count,permalink"),
                        ("limit", MEDIA_WINDOW),
                    ],
                )
                .await?;
            #[derive(Deserialize)]
            struct Media {
                data: Vec<Medium>,
            }
            #[derive(Deserialize)]
            struct Medium {
                #[serde(deserialize_with = "crate::channels::de::id")]
                id: String,
                #[serde(default, deserialize_with = "crate::channels::de::count")]
                comments_count: u64,
            }
            let media: Media = serde_json::from_slice(&body)
                .map_err(|e| ChannelError::Parse(format!("media: {e}")))?;
            let with_replies = format!("{IG_COMMENT_FIELDS},replies{{{IG_COMMENT_FIELDS}}}");
            let mut messages = Vec::new();
            let mut now = MediaCounts::default();
            for medium in &media.data {
                now.counts.insert(medium.id.clone(), medium.comments_count);
                if medium.comments_count == 0
                    || before.counts.get(&medium.id) == Some(&medium.comments_count)
                {
                    continue;
                }
                let path = format!("{}/comments", medium.id);
                let q = ig_comments_query(&with_replies);
                let mut after: Option<String> = None;
                for _ in 0..MAX_COMMENT_PAGES {
                    let mut q = q.clone();
                    if let Some(a) = &after {
                        q.push(("after", a));
                    }
                    let body = g.get(&path, &q).await?;
                    let parsed = parse_instagram_comments(&body, &g.me).map_err(parse_error)?;
                    messages.extend(parsed.messages);
                    for comment in &parsed.incomplete {
                        let path = format!("{comment}/replies");
                        let rest = g
                            .pages(
                                &path,
                                &ig_comments_query(IG_COMMENT_FIELDS),
                                None,
                                None,
                                parse_instagram_comments,
                            )
                            .await?;
                        messages.extend(rest);
                    }
                    match parsed.page.next {
                        Some(next) => after = Some(next),
                        None => break,
                    }
                }
            }
            let mut seen = std::collections::HashSet::new();
            messages.retain(|m| seen.insert(m.id.clone()));
            Ok(Fetched {
                messages,
                cursor: Some(json_string(&now)?),
                more: false,
            })
        })
    }

    fn send<'a>(&'a self, reply: &'a Outgoing) -> BoxFuture<'a, Result<Sent, ChannelError>> {
        Box::pin(async move {
            check_reply(Channel::Instagram, &reply.text)?;
            let to = reply.in_reply_to.as_ref().ok_or_else(no_target)?;
            let g = &self.graph;
            let top = Self::top_level(to);
            let id = g
                .post_message(&format!("{top}/replies"), &reply.text)
                .await?;
            Ok(Sent {
                message: g.our_reply(
                    Channel::Instagram,
                    &id,
                    &reply.text,
                    top,
                    Some(top.to_string()),
                ),
                remote_id: id,
            })
        })
    }

    fn find_sent<'a>(
        &'a self,
        reply: &'a Outgoing,
    ) -> BoxFuture<'a, Result<Option<Sent>, ChannelError>> {
        Box::pin(async move {
            let Some(to) = &reply.in_reply_to else {
                return Ok(None);
            };
            let g = &self.graph;
            let path = format!("{}/replies", Self::top_level(to));
            let messages = g
                .pages(
                    &path,
                    &ig_comments_query(IG_COMMENT_FIELDS),
                    None,
                    None,
                    parse_instagram_comments,
                )
                .await?;
            Ok(found(messages, &reply.text))
        })
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
mod tests;
