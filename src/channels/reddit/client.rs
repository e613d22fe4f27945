//! The Reddit client (OAuth bearer on `oauth.reddit.com`): the inbox
//! newest first down to the newest item of the previous round, replies with
//! `POST /api/comment`.
//!
//! The cursor is the newest fullname seen; while a round pages back with
//! `after`, it holds the round (`seen`, `after`, `top`), committed with each
//! page, so a restart goes on where it stopped. The inbox is read with
//! `mark=false`: syncing does not mark anything read for the people who use
//! Reddit itself. `/message/unread` is a subset of the inbox that empties
//! when someone reads on reddit.com, so the inbox is what is polled.

use super::parse_listing;
use crate::channels::account::Secret;
use crate::channels::client_util::{account_of, base_url, check_reply, comparable, parse_error};
use crate::channels::connector::{Act, Acted, BoxFuture, Connector, Fetched, Outgoing, Sent};
use crate::channels::http::{ChannelError, Http, Repeat};
use crate::channels::round::Round;
use crate::channels::{Account, Parsed};
use crate::config::AccountEntry;
use crate::model::{Channel, Direction};
use serde::Deserialize;
use serde_json::{Value, json};

pub const DEFAULT_BASE: &str = "https://oauth.reddit.com";

pub struct RedditClient {
    entry: AccountEntry,
    http: Http,
    token: Secret,
    base: String,
    user: String,
    user_agent: String,
    me: Account,
}

#[derive(Deserialize)]
struct CommentAnswer {
    json: CommentJson,
}

#[derive(Deserialize)]
struct CommentJson {
    #[serde(default)]
    errors: Vec<Vec<Value>>,
    #[serde(default)]
    ratelimit: Option<f64>,
    #[serde(default)]
    data: Option<Things>,
}

#[derive(Deserialize)]
struct Things {
    #[serde(default)]
    things: Vec<Value>,
}

impl RedditClient {
    pub fn new(entry: &AccountEntry, http: &Http, token: Secret) -> Result<RedditClient, String> {
        let user = entry
            .handle
            .trim()
            .trim_start_matches('@')
            .trim_start_matches("u/")
            .trim_start_matches("/u/")
            .to_string();
        if user.is_empty() {
            return Err("reddit needs our username as `handle`".into());
        }
        Ok(RedditClient {
            base: base_url(entry, DEFAULT_BASE),
            // Reddit asks for <platform>:<app>:<version> (by /u/<user>).
            user_agent: format!("cli:palabre:{} (by /u/{user})", env!("CARGO_PKG_VERSION")),
            me: Account {
                me: vec![user.clone()],
                ..account_of(entry)
            },
            user,
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
                |c| {
                    c.get(&url)
                        .bearer_auth(self.token.expose())
                        .header(reqwest::header::USER_AGENT, &self.user_agent)
                        .query(query)
                },
                Repeat::Safe,
            )
            .await?;
        Ok(answer.body)
    }

    /// A Listing's children up to (not including) `seen`, and whether
    /// `seen` was on the page.
    fn cut_at(body: &[u8], seen: Option<&str>) -> Result<(Vec<u8>, bool), ChannelError> {
        let Some(seen) = seen else {
            return Ok((body.to_vec(), false));
        };
        let mut listing: Value =
            serde_json::from_slice(body).map_err(|e| ChannelError::Parse(e.to_string()))?;
        let Some(children) = listing
            .pointer_mut("/data/children")
            .and_then(Value::as_array_mut)
        else {
            // Not a Listing: the parser says what is wrong with it.
            return Ok((body.to_vec(), false));
        };
        let Some(at) = children
            .iter()
            .position(|c| c.pointer("/data/name").and_then(Value::as_str) == Some(seen))
        else {
            return Ok((body.to_vec(), false));
        };
        children.truncate(at);
        let bytes = serde_json::to_vec(&listing).map_err(|e| ChannelError::Parse(e.to_string()))?;
        Ok((bytes, true))
    }

    /// A Listing of the given things, read by the inbox parser.
    fn read_things(&self, things: Vec<Value>) -> Result<Parsed, ChannelError> {
        let listing =
            json!({"kind": "Listing", "data": {"after": null, "before": null, "children": things}});
        let bytes = serde_json::to_vec(&listing).map_err(|e| ChannelError::Parse(e.to_string()))?;
        parse_listing(&bytes, &self.me).map_err(parse_error)
    }
}

impl Connector for RedditClient {
    fn account(&self) -> &AccountEntry {
        &self.entry
    }

    fn fetch<'a>(
        &'a self,
        cursor: Option<&'a str>,
    ) -> BoxFuture<'a, Result<Fetched, ChannelError>> {
        Box::pin(async move {
            let round = Round::read(cursor);
            let mut query = vec![("limit", "100"), ("mark", "false")];
            if let Some(after) = &round.next {
                query.push(("after", after));
            }
            let body = self.get("/message/inbox", &query).await?;
            let (page, reached) = Self::cut_at(&body, round.since.as_deref())?;
            let parsed = parse_listing(&page, &self.me).map_err(parse_error)?;
            let top = match &round.next {
                Some(_) => round.top.clone(),
                None => parsed.page.newest_id.clone(),
            };
            let (cursor, more) = match parsed.page.next.filter(|_| !reached) {
                Some(after) => {
                    let next = Round {
                        since: round.since.clone(),
                        next: Some(after),
                        top: top.clone(),
                    };
                    (Some(next.to_cursor()?), true)
                }
                None => (top.or(round.since), false),
            };
            Ok(Fetched {
                messages: parsed.messages,
                cursor,
                more,
            })
        })
    }

    fn send<'a>(&'a self, reply: &'a Outgoing) -> BoxFuture<'a, Result<Sent, ChannelError>> {
        Box::pin(async move {
            check_reply(Channel::Reddit, &reply.text)?;
            let Some(to) = &reply.in_reply_to else {
                return Err(ChannelError::Refused {
                    status: 0,
                    message: "no comment or message to reply to".into(),
                });
            };
            let url = format!("{}/api/comment", self.base);
            let form = [
                ("api_type", "json"),
                ("text", reply.text.as_str()),
                ("thing_id", to.ext_id.as_str()),
            ];
            let answer = self
                .http
                .send(
                    |c| {
                        c.post(&url)
                            .bearer_auth(self.token.expose())
                            .header(reqwest::header::USER_AGENT, &self.user_agent)
                            .form(&form)
                    },
                    Repeat::Never,
                )
                .await?;
            let posted: CommentAnswer = answer.json()?;
            // Refusals come with status 200, inside `json.errors`:
            // [[CODE, message, field], …].
            if let Some(first) = posted.json.errors.first() {
                let part = |i: usize| first.get(i).and_then(Value::as_str).unwrap_or("");
                if part(0) == "RATELIMIT" {
                    let wait = posted.json.ratelimit.unwrap_or(60.0).clamp(1.0, 86_400.0);
                    return Err(ChannelError::RateLimited {
                        until: chrono::Utc::now()
                            + chrono::Duration::milliseconds((wait * 1000.0) as i64),
                    });
                }
                let message = match part(2) {
                    "" => format!("{}: {}", part(0), part(1)),
                    field => format!("{}: {} ({field})", part(0), part(1)),
                };
                return Err(ChannelError::Refused {
                    status: answer.status,
                    message,
                });
            }
            let things = posted.json.data.map(|d| d.things).unwrap_or_default();
            let parsed = self.read_things(things)?;
            let Some(mut message) = parsed.messages.into_iter().next() else {
                return Err(ChannelError::Parse(
                    "json.data.things: the new comment is missing".into(),
                ));
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
            // An answer to a private message is a message we sent; to a
            // comment, one of our comments.
            let body = if to.ext_id.starts_with("t4_") {
                self.get("/message/sent", &[("limit", "100")]).await?
            } else {
                let path = format!("/user/{}/comments", self.user);
                self.get(&path, &[("limit", "100"), ("sort", "new")])
                    .await?
            };
            let parsed = parse_listing(&body, &self.me).map_err(parse_error)?;
            let want = comparable(&reply.text);
            Ok(parsed
                .messages
                .into_iter()
                .find(|m| {
                    m.parent_id.as_deref() == Some(to.ext_id.as_str())
                        && comparable(&m.text) == want
                })
                .map(|mut message| {
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
}

mod actions;
#[cfg(test)]
mod tests;
