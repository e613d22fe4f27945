//! The YouTube Data API v3 client: comment threads newest first
//! (`commentThreads.list`, `order=time`) down to the newest comment time of
//! the previous round, the rest of long reply lists with
//! `comments.list?parentId=`, replies with `comments.insert`.
//!
//! The account's `id` is our channel id (`UC…`: every thread related to the
//! channel) or one video's id. The cursor is the newest `publishedAt` seen;
//! while a round pages back it holds the round (`since`, `page`, `top`).
//!
//! Running out of quota (403 `quotaExceeded` or `dailyLimitExceeded`) is
//! `ChannelError::Quota` until the next midnight, Pacific time, when the
//! quota resets: that account waits, the others go on.
//!
//! A new reply to an old thread is seen when its thread comes back in the
//! first pages (YouTube lists threads by time, not documented as by latest
//! activity); a thread further back is read again only by a first sync.

use super::parse_list;
use crate::channels::account::Secret;
use crate::channels::client_util::{
    account_of, base_url, check_reply, comparable, parse_error, required_id,
};
use crate::channels::connector::{
    Act, Acted, BoxFuture, Connector, Fetched, Lookup, Outgoing, Sent,
};
use crate::channels::http::{ChannelError, Http, Repeat};
use crate::channels::round::Round;
use crate::channels::{Account, parse_time};
use crate::config::AccountEntry;
use crate::model::{Channel, Direction, Message};
use chrono::{DateTime, TimeZone, Utc};
use reqwest::header::HeaderMap;
use serde_json::{Value, json};
use std::collections::HashMap;

pub const DEFAULT_BASE: &str = "https://www.googleapis.com";
/// Pages of one thread's replies read at most in one fetch.
const MAX_REPLY_PAGES: usize = 20;

pub struct YoutubeClient {
    entry: AccountEntry,
    http: Http,
    token: Secret,
    base: String,
    /// `allThreadsRelatedToChannelId` or `videoId`.
    filter: (&'static str, String),
    me: Account,
}

/// When the daily quota comes back: midnight in California.
pub fn next_pacific_midnight(now: DateTime<Utc>) -> DateTime<Utc> {
    use chrono_tz::America::Los_Angeles;
    let today = now.with_timezone(&Los_Angeles).date_naive();
    today
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|t| Los_Angeles.from_local_datetime(&t).earliest())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now + chrono::Duration::hours(24))
}

/// Google's error reasons that are limits rather than refusals.
fn classify(status: u16, _headers: &HeaderMap, body: &[u8]) -> Option<ChannelError> {
    if status != 403 && status != 429 {
        return None;
    }
    let v: Value = serde_json::from_slice(body).ok()?;
    let reasons: Vec<&str> = v
        .pointer("/error/errors")
        .and_then(Value::as_array)
        .map(|errors| {
            errors
                .iter()
                .filter_map(|e| e.get("reason").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default();
    if reasons
        .iter()
        .any(|r| matches!(*r, "quotaExceeded" | "dailyLimitExceeded"))
    {
        return Some(ChannelError::Quota {
            until: next_pacific_midnight(Utc::now()),
        });
    }
    if reasons
        .iter()
        .any(|r| matches!(*r, "rateLimitExceeded" | "userRateLimitExceeded"))
    {
        return Some(ChannelError::RateLimited {
            until: Utc::now() + chrono::Duration::seconds(60),
        });
    }
    None
}

/// The top-level comment a reply must name: YouTube replies hang from it,
/// never from another reply (whose id is `TOP.REPLY`).
fn top_level(id: &str) -> &str {
    id.split('.').next().unwrap_or(id)
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl YoutubeClient {
    pub fn new(entry: &AccountEntry, http: &Http, token: Secret) -> Result<YoutubeClient, String> {
        let id = required_id(entry, "channel id (UC…) or a video id")?;
        let filter = if id.starts_with("UC") {
            ("allThreadsRelatedToChannelId", id)
        } else {
            ("videoId", id)
        };
        Ok(YoutubeClient {
            base: base_url(entry, DEFAULT_BASE),
            me: account_of(entry),
            filter,
            entry: entry.clone(),
            http: http.clone(),
            token,
        })
    }

    async fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<Vec<u8>, ChannelError> {
        let url = format!("{}/youtube/v3/{path}", self.base);
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

    /// Every reply of a thread, page by page.
    async fn replies(&self, parent: &str) -> Result<Vec<Message>, ChannelError> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        for _ in 0..MAX_REPLY_PAGES {
            let mut query = vec![
                ("part", "snippet"),
                ("parentId", parent),
                ("maxResults", "100"),
            ];
            if let Some(t) = &token {
                query.push(("pageToken", t));
            }
            let body = self.get("comments", &query).await?;
            let parsed = parse_list(&body, &self.me).map_err(parse_error)?;
            out.extend(parsed.messages);
            match parsed.page.next {
                Some(next) => token = Some(next),
                None => break,
            }
        }
        Ok(out)
    }
}

impl Connector for YoutubeClient {
    fn account(&self) -> &AccountEntry {
        &self.entry
    }

    fn pace(&self) -> std::time::Duration {
        // 10,000 units a day: a list costs 1, a reply 50.
        std::time::Duration::from_secs(self.entry.poll_seconds.unwrap_or(300).max(5))
    }

    fn fetch<'a>(
        &'a self,
        cursor: Option<&'a str>,
    ) -> BoxFuture<'a, Result<Fetched, ChannelError>> {
        Box::pin(async move {
            let mut round = Round::read(cursor);
            let since = round.since.as_deref().and_then(parse_time);
            let ask = |page: Option<String>| async move {
                let mut query = vec![
                    ("part", "snippet,replies"),
                    (self.filter.0, self.filter.1.as_str()),
                    ("maxResults", "100"),
                    ("order", "time"),
                ];
                if let Some(page) = &page {
                    query.push(("pageToken", page.as_str()));
                }
                self.get("commentThreads", &query).await
            };
            let body = match ask(round.next.clone()).await {
                // A page token YouTube no longer takes (invalidPageToken):
                // the round starts again from its `since`.
                Err(ChannelError::Refused { status: 400, .. }) if round.next.is_some() => {
                    round.next = None;
                    round.top = None;
                    ask(None).await?
                }
                other => other?,
            };
            let parsed = parse_list(&body, &self.me).map_err(parse_error)?;
            // Each thread's latest activity on the page.
            let mut activity: HashMap<String, DateTime<Utc>> = HashMap::new();
            for m in &parsed.messages {
                let thread = m.thread_id.clone().unwrap_or_else(|| m.id.clone());
                let at = activity.entry(thread).or_insert(m.created_at);
                *at = (*at).max(m.created_at);
            }
            let older = |thread: &str| {
                since.is_some_and(|s| activity.get(thread).is_some_and(|at| *at < s))
            };
            let reached = activity.keys().any(|t| older(t));
            let mut messages = parsed.messages.clone();
            for thread in &parsed.incomplete {
                if !older(thread) {
                    messages.extend(self.replies(thread).await?);
                }
            }
            let newest = messages.iter().map(|m| m.created_at).max();
            let top = [round.top.as_deref().and_then(parse_time), newest, since]
                .into_iter()
                .flatten()
                .max();
            let (cursor, more) = match parsed.page.next.filter(|_| !reached) {
                Some(page) => {
                    let next = Round {
                        since: round.since.clone(),
                        next: Some(page),
                        top: top.map(stamp),
                    };
                    (Some(next.to_cursor()?), true)
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
            check_reply(Channel::Youtube, &reply.text)?;
            let Some(to) = &reply.in_reply_to else {
                return Err(ChannelError::Refused {
                    status: 0,
                    message: "no comment to reply to".into(),
                });
            };
            let body = json!({
                "snippet": {"parentId": top_level(&to.ext_id), "textOriginal": reply.text}
            })
            .to_string();
            let url = format!("{}/youtube/v3/comments", self.base);
            let answer = self
                .http
                .send_with(
                    |c| {
                        c.post(&url)
                            .bearer_auth(self.token.expose())
                            .query(&[("part", "snippet")])
                            .header(reqwest::header::CONTENT_TYPE, "application/json")
                            .body(body.clone())
                    },
                    Repeat::Never,
                    classify,
                )
                .await?;
            let comment: Value = answer.json()?;
            let list = serde_json::to_vec(&json!({"items": [comment]}))
                .map_err(|e| ChannelError::Parse(e.to_string()))?;
            let parsed = parse_list(&list, &self.me).map_err(parse_error)?;
            let Some(mut message) = parsed.messages.into_iter().next() else {
                return Err(ChannelError::Parse("the new comment is missing".into()));
            };
            message.direction = Direction::Outbound;
            Ok(Sent {
                remote_id: message.id.clone(),
                message,
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
            let want = comparable(&reply.text);
            let found = self
                .replies(top_level(&to.ext_id))
                .await?
                .into_iter()
                .find(|m| m.direction == Direction::Outbound && comparable(&m.text) == want);
            Ok(found.map(|message| Sent {
                remote_id: message.id.clone(),
                message,
            }))
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
