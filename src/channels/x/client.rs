//! The X API v2 client: mentions since the stored newest id, missing
//! parents looked up, replies posted once.
//!
//! A round of paging goes from the newest mention back to `since_id` with
//! `pagination_token`; while it lasts the cursor holds the round's state
//! (`since`, `token`, `top`), committed with each page, so a restart goes
//! on where it stopped. When the round ends the cursor is the newest
//! mention's id, the next poll's `since_id`.

use super::{parse_lookup, parse_timeline};
use crate::channels::account::Secret;
use crate::channels::client_util::{
    account_of, base_url, check_reply, comparable, parse_error, required_id,
};
use crate::channels::connector::{
    Act, Acted, BoxFuture, Connector, Fetched, Lookup, Outgoing, Sent,
};
use crate::channels::http::{ChannelError, Http, Repeat};
use crate::channels::round::Round;
use crate::channels::{Account, Parsed};
use crate::config::AccountEntry;
use crate::model::{Author, Channel, Direction, Message, MessageKind, Metrics};
use serde::Deserialize;
use std::collections::HashSet;

pub const DEFAULT_BASE: &str = "https://api.x.com";
const EXPANSIONS: &str = "author_id,referenced_tweets.id,in_reply_to_user_id";
const TWEET_FIELDS: &str =
    "conversation_id,created_at,public_metrics,referenced_tweets,lang,author_id,note_tweet";
const USER_FIELDS: &str = "public_metrics,verified,username,name";
/// Parents of parents are looked up this many levels up at most.
const PARENT_LEVELS: usize = 3;

pub struct XClient {
    entry: AccountEntry,
    http: Http,
    token: Secret,
    base: String,
    user_id: String,
    me: Account,
}

impl XClient {
    pub fn new(entry: &AccountEntry, http: &Http, token: Secret) -> Result<XClient, String> {
        Ok(XClient {
            user_id: required_id(entry, "user id (the number, not the @handle)")?,
            base: base_url(entry, DEFAULT_BASE),
            me: account_of(entry),
            entry: entry.clone(),
            http: http.clone(),
            token,
        })
    }

    async fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<Vec<u8>, ChannelError> {
        let url = format!("{}{path}", self.base);
        let answer = self
            .http
            .send(
                |c| c.get(&url).bearer_auth(self.token.expose()).query(query),
                Repeat::Safe,
            )
            .await?;
        Ok(answer.body)
    }

    async fn mentions(&self, round: &Round) -> Result<Parsed, ChannelError> {
        let path = format!("/2/users/{}/mentions", self.user_id);
        let mut query = vec![
            ("max_results", "100"),
            ("expansions", EXPANSIONS),
            ("tweet.fields", TWEET_FIELDS),
            ("user.fields", USER_FIELDS),
        ];
        if let Some(since) = &round.since {
            query.push(("since_id", since));
        }
        if let Some(token) = &round.next {
            query.push(("pagination_token", token));
        }
        let body = self.get(&path, &query).await?;
        parse_timeline(&body, &self.me).map_err(parse_error)
    }

    /// Looks up the parents the page names but does not hold (and theirs,
    /// a few levels up), so that each thread is complete.
    async fn complete_threads(&self, messages: &mut Vec<Message>) -> Result<(), ChannelError> {
        let mut asked: HashSet<String> = HashSet::new();
        for _ in 0..PARENT_LEVELS {
            let have: HashSet<&str> = messages.iter().map(|m| m.id.as_str()).collect();
            let mut missing: Vec<String> = Vec::new();
            for m in messages.iter() {
                if let Some(p) = &m.parent_id
                    && !have.contains(p.as_str())
                    && !asked.contains(p)
                    && !missing.contains(p)
                {
                    missing.push(p.clone());
                }
            }
            missing.truncate(100);
            if missing.is_empty() {
                break;
            }
            asked.extend(missing.iter().cloned());
            let ids = missing.join(",");
            let body = self
                .get(
                    "/2/tweets",
                    &[
                        ("ids", ids.as_str()),
                        ("expansions", EXPANSIONS),
                        ("tweet.fields", TWEET_FIELDS),
                        ("user.fields", USER_FIELDS),
                    ],
                )
                .await?;
            let parsed = parse_lookup(&body, &self.me).map_err(parse_error)?;
            for w in &parsed.warnings {
                tracing::debug!("account {}: parent lookup: {w}", self.entry.name);
            }
            let known: HashSet<String> = messages.iter().map(|m| m.id.clone()).collect();
            messages.extend(
                parsed
                    .messages
                    .into_iter()
                    .filter(|m| !known.contains(&m.id)),
            );
        }
        Ok(())
    }

    fn our_reply(&self, id: &str, text: &str, to: &crate::model::ReplyTarget) -> Message {
        Message {
            channel: Channel::X,
            id: id.to_string(),
            parent_id: Some(to.ext_id.clone()),
            thread_id: to.thread_ext_id.clone(),
            kind: MessageKind::Reply,
            direction: Direction::Outbound,
            author: Author {
                handle: self.entry.handle.trim_start_matches('@').to_string(),
                name: self.entry.handle.trim_start_matches('@').to_string(),
                followers: None,
                verified: false,
            },
            text: text.to_string(),
            lang: None,
            created_at: chrono::Utc::now(),
            url: Some(format!(
                "https://x.com/{}/status/{id}",
                self.entry.handle.trim_start_matches('@')
            )),
            metrics: Metrics::default(),
            automated: false,
        }
    }
}

#[derive(Deserialize)]
struct Created {
    data: CreatedData,
}

#[derive(Deserialize)]
struct CreatedData {
    #[serde(deserialize_with = "crate::channels::de::id")]
    id: String,
    #[serde(default)]
    text: Option<String>,
}

impl Connector for XClient {
    fn account(&self) -> &AccountEntry {
        &self.entry
    }

    fn fetch<'a>(
        &'a self,
        cursor: Option<&'a str>,
    ) -> BoxFuture<'a, Result<Fetched, ChannelError>> {
        Box::pin(async move {
            let mut round = Round::read(cursor);
            let parsed = match self.mentions(&round).await {
                // A pagination token X no longer takes: the round starts
                // again from its `since_id` (what is stored stays stored).
                Err(ChannelError::Refused { status: 400, .. }) if round.next.is_some() => {
                    round.next = None;
                    round.top = None;
                    self.mentions(&round).await?
                }
                other => other?,
            };
            if round.next.is_none() {
                round.top = parsed.page.newest_id.clone();
            }
            let mut messages = parsed.messages;
            self.complete_threads(&mut messages).await?;
            let (cursor, more) = match parsed.page.next {
                Some(token) => {
                    let next = Round {
                        next: Some(token),
                        ..round
                    };
                    (Some(next.to_cursor()?), true)
                }
                None => (round.top.or(round.since), false),
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
            check_reply(Channel::X, &reply.text)?;
            let Some(to) = &reply.in_reply_to else {
                return Err(ChannelError::Refused {
                    status: 0,
                    message: "no post to reply to".into(),
                });
            };
            let body = serde_json::json!({
                "text": reply.text,
                "reply": {"in_reply_to_tweet_id": to.ext_id},
            })
            .to_string();
            let url = format!("{}/2/tweets", self.base);
            let answer = self
                .http
                .send(
                    |c| {
                        c.post(&url)
                            .bearer_auth(self.token.expose())
                            .header(reqwest::header::CONTENT_TYPE, "application/json")
                            .body(body.clone())
                    },
                    Repeat::Never,
                )
                .await?;
            let created: Created = answer.json()?;
            let text = created.data.text.unwrap_or_else(|| reply.text.clone());
            Ok(Sent {
                message: self.our_reply(&created.data.id, &text, to),
                remote_id: created.data.id,
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
            let path = format!("/2/users/{}/tweets", self.user_id);
            let body = self
                .get(
                    &path,
                    &[
                        ("max_results", "100"),
                        ("expansions", EXPANSIONS),
                        ("tweet.fields", TWEET_FIELDS),
                        ("user.fields", USER_FIELDS),
                    ],
                )
                .await?;
            let parsed = parse_timeline(&body, &self.me).map_err(parse_error)?;
            let want = comparable(&reply.text);
            let found = parsed.messages.into_iter().find(|m| {
                m.parent_id.as_deref() == Some(to.ext_id.as_str()) && comparable(&m.text) == want
            });
            Ok(found.map(|mut message| {
                message.direction = Direction::Outbound;
                Sent {
                    remote_id: message.id.clone(),
                    message,
                }
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
