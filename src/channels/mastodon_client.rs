//! The Mastodon client: mentions from `GET /api/v1/notifications`, threads
//! completed with `GET /api/v1/statuses/:id/context`, replies with
//! `POST /api/v1/statuses` (an `Idempotency-Key` header, the original's
//! visibility, its author mentioned), and the instance's own length limit
//! from `GET /api/v2/instance`.
//!
//! The stored cursor is the newest notification id seen: the next sync asks
//! for what is newer (`since_id`) and pages towards older items with the
//! `max_id` of the `Link` header until it reaches it. While such a walk is
//! under way the cursor also holds where it stands (a small JSON object), so
//! a crash resumes it instead of starting over.

use super::account::Secret;
use super::connector::{Act, Acted, BoxFuture, Connector, Fetched, Lookup, Outgoing, Sent};
use super::http::{Answer, ChannelError, Http, Repeat};
use super::{Account, mastodon};
use crate::config::AccountEntry;
use crate::model::{Direction, Message};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::Mutex;

/// Notifications per page (the API's default is 40, its maximum 80).
const PAGE: usize = 40;
/// `configuration.statuses.max_characters` when the instance does not say.
pub const DEFAULT_MAX_CHARACTERS: usize = 500;
/// What a link counts for (`characters_reserved_per_url`).
const URL_CHARACTERS: usize = 23;
/// Thread ids remembered between fetches (then forgotten, to bound memory).
const KNOWN: usize = 50_000;
/// Recent statuses of ours looked through for a reply whose answer was lost.
const RECENT: usize = 40;

pub struct MastodonClient {
    entry: AccountEntry,
    base: String,
    host: String,
    token: Secret,
    http: Http,
    instance: tokio::sync::OnceCell<InstanceInfo>,
    me_id: tokio::sync::OnceCell<String>,
    /// Status ids this client already holds the thread of: their replies'
    /// parents need no second context request.
    known: Mutex<HashSet<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Limits {
    max_characters: usize,
    per_url: usize,
}

/// What the instance says of itself: its length rules and its domain, the
/// one local accounts' `acct` lacks (it may differ from the API's host).
#[derive(Debug, Clone, PartialEq, Eq)]
struct InstanceInfo {
    limits: Limits,
    domain: Option<String>,
}

/// Where a sync stands. Stored as the plain newest id once a walk is done.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Cursor {
    /// The newest notification id stored before this walk began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    since_id: Option<String>,
    /// The newest notification id this walk has seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    newest: Option<String>,
    /// The next, older page of this walk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_id: Option<String>,
}

impl Cursor {
    fn read(stored: Option<&str>) -> Result<Cursor, ChannelError> {
        match stored.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(Cursor::default()),
            Some(s) if s.starts_with('{') => serde_json::from_str(s)
                .map_err(|e| ChannelError::Parse(format!("stored cursor: {e}"))),
            Some(id) => Ok(Cursor {
                since_id: Some(id.to_string()),
                ..Cursor::default()
            }),
        }
    }
}

/// The parts of a status a reply needs.
#[derive(Debug, Deserialize)]
struct Original {
    #[serde(default)]
    visibility: Option<String>,
    account: OriginalAccount,
}

#[derive(Debug, Deserialize)]
struct OriginalAccount {
    acct: String,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Instance {
    #[serde(default)]
    domain: Option<String>,
    #[serde(default)]
    configuration: Option<Configuration>,
}

#[derive(Debug, Deserialize)]
struct Configuration {
    #[serde(default)]
    statuses: Option<StatusesConfiguration>,
}

#[derive(Debug, Deserialize)]
struct StatusesConfiguration {
    #[serde(default)]
    max_characters: Option<usize>,
    #[serde(default)]
    characters_reserved_per_url: Option<usize>,
}

#[derive(Debug, Deserialize)]
struct CredentialAccount {
    #[serde(deserialize_with = "super::de::id")]
    id: String,
}

impl MastodonClient {
    /// `base_url` is the instance (`https://social.example`).
    pub fn new(entry: AccountEntry, token: Secret, http: Http) -> Result<Self, String> {
        let base = entry
            .base_url
            .as_deref()
            .map(|b| b.trim().trim_end_matches('/').to_string())
            .filter(|b| !b.is_empty())
            .ok_or("a Mastodon account needs base_url, the address of its instance")?;
        let host = base
            .split_once("://")
            .map_or(base.as_str(), |(_, rest)| rest)
            .split('/')
            .next()
            .unwrap_or("")
            .to_string();
        Ok(MastodonClient {
            entry,
            base,
            host,
            token,
            http,
            instance: tokio::sync::OnceCell::new(),
            me_id: tokio::sync::OnceCell::new(),
            known: Mutex::new(HashSet::new()),
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Answer, ChannelError> {
        let url = self.url(path);
        self.http
            .send(
                |c| {
                    c.get(&url)
                        .query(query)
                        .bearer_auth(self.token.expose())
                        .header("accept", "application/json")
                },
                Repeat::Safe,
            )
            .await
    }

    fn parse_error(e: super::ParseError) -> ChannelError {
        ChannelError::Parse(e.to_string())
    }

    /// The instance's rules and domain, read once (`GET /api/v2/instance`).
    async fn instance(&self) -> Result<&InstanceInfo, ChannelError> {
        self.instance
            .get_or_try_init(|| async {
                match self.get("/api/v2/instance", &[]).await {
                    Ok(answer) => {
                        let instance = answer.json::<Instance>().ok();
                        let statuses = instance
                            .as_ref()
                            .and_then(|i| i.configuration.as_ref())
                            .and_then(|c| c.statuses.as_ref());
                        Ok(InstanceInfo {
                            limits: Limits {
                                max_characters: statuses
                                    .and_then(|s| s.max_characters)
                                    .filter(|n| *n > 0)
                                    .unwrap_or(DEFAULT_MAX_CHARACTERS),
                                per_url: statuses
                                    .and_then(|s| s.characters_reserved_per_url)
                                    .unwrap_or(URL_CHARACTERS),
                            },
                            domain: instance
                                .and_then(|i| i.domain)
                                .map(|d| d.trim().to_string())
                                .filter(|d| !d.is_empty()),
                        })
                    }
                    // An older server without v2: the documented defaults.
                    Err(ChannelError::Refused { .. }) => Ok(InstanceInfo {
                        limits: Limits {
                            max_characters: DEFAULT_MAX_CHARACTERS,
                            per_url: URL_CHARACTERS,
                        },
                        domain: None,
                    }),
                    Err(e) => Err(e),
                }
            })
            .await
    }

    /// Who we are, for the parsers: our handle with and without the domain.
    async fn parser_account(&self) -> Result<Account, ChannelError> {
        let domain = self
            .instance()
            .await?
            .domain
            .clone()
            .unwrap_or_else(|| self.host.clone());
        let handle = self.entry.handle.trim().trim_start_matches('@').to_string();
        let mut me = vec![handle.clone()];
        if let Some((user, _)) = handle.split_once('@') {
            me.push(user.to_string());
        } else {
            me.push(format!("{handle}@{domain}"));
            me.push(format!("{handle}@{}", self.host));
        }
        if let Some(id) = &self.entry.id {
            me.push(id.clone());
        }
        Ok(Account {
            me,
            instance: Some(domain),
        })
    }

    async fn my_id(&self) -> Result<String, ChannelError> {
        if let Some(id) = &self.entry.id {
            return Ok(id.clone());
        }
        self.me_id
            .get_or_try_init(|| async {
                let answer = self.get("/api/v1/accounts/verify_credentials", &[]).await?;
                Ok::<_, ChannelError>(answer.json::<CredentialAccount>()?.id)
            })
            .await
            .cloned()
    }

    /// Adds the ancestors of every reply whose parent is neither in the page
    /// nor already known, one context request per thread.
    async fn complete_threads(
        &self,
        messages: &mut Vec<Message>,
        account: &Account,
    ) -> Result<(), ChannelError> {
        let mut have: HashSet<String> = messages.iter().map(|m| m.id.clone()).collect();
        if let Ok(known) = self.known.lock() {
            have.extend(known.iter().cloned());
        }
        let mut extra: Vec<Message> = Vec::new();
        for message in messages.iter_mut() {
            let Some(parent) = message.parent_id.clone() else {
                continue;
            };
            if have.contains(&parent) {
                continue;
            }
            let id = message.id.clone();
            let path = format!("/api/v1/statuses/{id}/context");
            let answer = match self.get(&path, &[]).await {
                Ok(a) => a,
                // Deleted or out of reach since: the mention stays alone.
                Err(ChannelError::Refused { status, message }) => {
                    tracing::debug!("context of {id}: {status}: {message}");
                    continue;
                }
                Err(e) => return Err(e),
            };
            let context =
                mastodon::parse_context(&answer.body, account).map_err(Self::parse_error)?;
            let by_id: std::collections::HashMap<&str, &Message> = context
                .messages
                .iter()
                .map(|m| (m.id.as_str(), m))
                .collect();
            // The chain of parents, up to the root.
            let mut next = Some(parent);
            let mut guard = 0;
            while let Some(p) = next.take() {
                guard += 1;
                if guard > 500 {
                    break;
                }
                let Some(m) = by_id.get(p.as_str()) else {
                    break;
                };
                if have.insert(m.id.clone()) {
                    extra.push((*m).clone());
                }
                next = m.parent_id.clone();
            }
            if let Some(root) = context.messages.first().and_then(|m| m.thread_id.clone()) {
                message.thread_id = Some(root);
            }
        }
        // Parents first, so that each reply finds its parent stored.
        extra.reverse();
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

    async fn fetch_page(&self, stored: Option<&str>) -> Result<Fetched, ChannelError> {
        let state = Cursor::read(stored)?;
        let mut query = vec![
            ("types[]", "mention".to_string()),
            ("limit", PAGE.to_string()),
        ];
        if let Some(since) = &state.since_id {
            query.push(("since_id", since.clone()));
        }
        if let Some(max) = &state.max_id {
            query.push(("max_id", max.clone()));
        }
        let answer = self.get("/api/v1/notifications", &query).await?;
        let items = serde_json::from_slice::<Vec<serde::de::IgnoredAny>>(&answer.body)
            .map(|v| v.len())
            .unwrap_or(0);
        let account = self.parser_account().await?;
        let mut parsed =
            mastodon::parse_notifications(&answer.body, &account).map_err(Self::parse_error)?;
        let link = answer.headers.get("link").and_then(|v| v.to_str().ok());
        mastodon::apply_link_header(&mut parsed.page, link);
        for s in &parsed.skipped {
            tracing::debug!("mastodon {}: {}: {}", self.entry.name, s.path, s.reason);
        }
        let newest = [state.newest.clone(), parsed.page.newest_id.clone()]
            .into_iter()
            .flatten()
            .max_by(|a, b| super::numeric_cmp(a, b));
        let mut messages = parsed.messages;
        self.complete_threads(&mut messages, &account).await?;
        // The walk goes on until a page comes back empty: a server may
        // answer fewer than `limit` items (its own maximum is lower) with
        // more after them, and what a stopped walk leaves is never fetched.
        let more = items > 0 && parsed.page.next.is_some() && parsed.page.next != state.max_id;
        let cursor = if more {
            serde_json::to_string(&Cursor {
                since_id: state.since_id.clone(),
                newest: newest.clone(),
                max_id: parsed.page.next.clone(),
            })
            .ok()
        } else {
            newest.or(state.since_id)
        };
        Ok(Fetched {
            messages,
            cursor,
            more,
        })
    }

    /// The text as posted: the author mentioned first unless the reply
    /// already names them.
    fn compose(text: &str, original: &Original, account: &Account) -> String {
        let full = mastodon::full_handle(
            &original.account.acct,
            original.account.url.as_deref(),
            account,
        );
        let short = original.account.acct.trim().trim_start_matches('@');
        let named = text.split_whitespace().any(|w| {
            let Some(w) = w
                .trim_start_matches(|c: char| "([\"'".contains(c))
                .strip_prefix('@')
            else {
                return false;
            };
            let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            w.eq_ignore_ascii_case(&full) || w.eq_ignore_ascii_case(short)
        });
        if named || full.is_empty() || account.is_me([full.as_str()]) {
            text.to_string()
        } else {
            format!("@{full} {text}")
        }
    }

    async fn send_reply(&self, reply: &Outgoing) -> Result<Sent, ChannelError> {
        let Some(target) = &reply.in_reply_to else {
            return Err(ChannelError::Refused {
                status: 422,
                message: "no message to answer (not sent)".into(),
            });
        };
        let answer = self
            .get(&format!("/api/v1/statuses/{}", target.ext_id), &[])
            .await?;
        let original: Original = answer.json()?;
        let account = self.parser_account().await?;
        let text = Self::compose(&reply.text, &original, &account);
        let limits = self.instance().await?.limits;
        let length = mastodon_length(&text, limits.per_url);
        if length > limits.max_characters {
            return Err(ChannelError::Refused {
                status: 422,
                message: format!(
                    "the reply is too long for {}: {length} of {} characters (not sent)",
                    self.host, limits.max_characters
                ),
            });
        }
        let visibility = original
            .visibility
            .clone()
            .unwrap_or_else(|| "public".into());
        let form = [
            ("status", text.as_str()),
            ("in_reply_to_id", target.ext_id.as_str()),
            ("visibility", visibility.as_str()),
        ];
        let url = self.url("/api/v1/statuses");
        let answer = self
            .http
            .send(
                |c| {
                    c.post(&url)
                        .bearer_auth(self.token.expose())
                        .header("Idempotency-Key", &reply.idempotency_key)
                        .header("accept", "application/json")
                        .form(&form)
                },
                Repeat::Never,
            )
            .await?;
        let mut message =
            mastodon::parse_status(&answer.body, &account).map_err(Self::parse_error)?;
        message.direction = Direction::Outbound;
        message.thread_id = target
            .thread_ext_id
            .clone()
            .or_else(|| target.root_ext_id.clone());
        Ok(Sent {
            remote_id: message.id.clone(),
            message,
        })
    }

    async fn find_reply(&self, reply: &Outgoing) -> Result<Option<Sent>, ChannelError> {
        let Some(target) = &reply.in_reply_to else {
            return Ok(None);
        };
        let id = self.my_id().await?;
        let answer = self
            .get(
                &format!("/api/v1/accounts/{id}/statuses"),
                &[
                    ("limit", RECENT.to_string()),
                    ("exclude_reblogs", "true".to_string()),
                ],
            )
            .await?;
        let account = self.parser_account().await?;
        let statuses =
            mastodon::parse_statuses(&answer.body, &account).map_err(Self::parse_error)?;
        let wanted = comparable(&reply.text);
        Ok(statuses
            .into_iter()
            .find(|m| {
                m.parent_id.as_deref() == Some(target.ext_id.as_str())
                    && comparable(&m.text) == wanted
            })
            .map(|mut message| {
                message.direction = Direction::Outbound;
                message.thread_id = target
                    .thread_ext_id
                    .clone()
                    .or_else(|| target.root_ext_id.clone());
                Sent {
                    remote_id: message.id.clone(),
                    message,
                }
            }))
    }
}

/// A status's length as Mastodon counts it: a link counts `per_url`
/// characters whatever its length, a mention of a remote account only its
/// `@user` part.
pub fn mastodon_length(text: &str, per_url: usize) -> usize {
    text.split_inclusive(char::is_whitespace)
        .map(|word| {
            let trimmed = word.trim_end();
            let space = word.chars().count() - trimmed.chars().count();
            if trimmed.starts_with("https://") || trimmed.starts_with("http://") {
                per_url + space
            } else if let Some(rest) = trimmed.strip_prefix('@')
                && let Some((user, _domain)) = rest.split_once('@')
            {
                1 + user.chars().count() + space
            } else {
                word.chars().count()
            }
        })
        .sum()
}

/// Text compared without the leading mentions and with spaces collapsed: our
/// copy and the instance's rendering of it differ in those only.
fn comparable(text: &str) -> String {
    text.split_whitespace()
        .skip_while(|w| w.starts_with('@'))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Connector for MastodonClient {
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
    fn lengths_count_links_and_remote_mentions_the_mastodon_way() {
        assert_eq!(mastodon_length("hello", 23), 5);
        assert_eq!(
            mastodon_length("see https://example.com/a/very/long/path/indeed ok", 23),
            4 + 23 + 3
        );
        assert_eq!(
            mastodon_length("@bertrand@piaille.example merci", 23),
            "@bertrand merci".chars().count()
        );
        assert_eq!(mastodon_length("日本語 ☕", 23), 5);
    }

    #[test]
    fn an_instance_is_required() {
        let entry = AccountEntry {
            name: "m".into(),
            network: crate::model::Channel::Mastodon,
            base_url: None,
            handle: "kettlo".into(),
            id: None,
            token_env: None,
            token_file: None,
            poll_seconds: None,
        };
        let http = Http::new(super::super::http::Policy::default()).unwrap();
        let err = MastodonClient::new(entry.clone(), Secret::new("t"), http.clone())
            .err()
            .unwrap();
        assert!(err.contains("base_url"), "{err}");
        let ok = MastodonClient::new(
            AccountEntry {
                base_url: Some("https://social.example/".into()),
                ..entry
            },
            Secret::new("t"),
            http,
        )
        .unwrap();
        assert_eq!(
            ok.url("/api/v1/notifications"),
            "https://social.example/api/v1/notifications"
        );
        assert_eq!(ok.host, "social.example");
    }

    #[test]
    fn stored_cursors_read_back() {
        assert_eq!(Cursor::read(None).unwrap(), Cursor::default());
        assert_eq!(
            Cursor::read(Some("34975862")).unwrap().since_id.as_deref(),
            Some("34975862")
        );
        let walk = Cursor {
            since_id: Some("1".into()),
            newest: Some("90".into()),
            max_id: Some("50".into()),
        };
        let text = serde_json::to_string(&walk).unwrap();
        assert_eq!(Cursor::read(Some(&text)).unwrap(), walk);
        assert!(Cursor::read(Some("{nope")).is_err());
    }

    fn original(acct: &str, visibility: &str) -> Original {
        serde_json::from_value(serde_json::json!({
            "visibility": visibility,
            "account": {"acct": acct, "url": "https://x.example/@a"}
        }))
        .unwrap()
    }

    #[test]
    fn the_author_is_mentioned_once() {
        let me = Account {
            me: vec!["kettlo".into(), "kettlo@social.example".into()],
            instance: Some("social.example".into()),
        };
        let remote = original("bertrand@piaille.example", "public");
        assert_eq!(
            MastodonClient::compose("Merci !", &remote, &me),
            "@bertrand@piaille.example Merci !"
        );
        assert_eq!(
            MastodonClient::compose("@Bertrand@piaille.example, merci !", &remote, &me),
            "@Bertrand@piaille.example, merci !"
        );
        // A local account: completed with our domain.
        let local = original("lea", "direct");
        assert_eq!(
            MastodonClient::compose("Bien reçu.", &local, &me),
            "@lea@social.example Bien reçu."
        );
        assert_eq!(local.visibility.as_deref(), Some("direct"));
        // The name as a plain word is not a mention.
        assert_eq!(
            MastodonClient::compose("Merci lea !", &local, &me),
            "@lea@social.example Merci lea !"
        );
        // Ourselves: no mention.
        let ours = original("kettlo", "public");
        assert_eq!(MastodonClient::compose("Suite :", &ours, &me), "Suite :");
    }

    #[test]
    fn comparison_ignores_leading_mentions_and_spacing() {
        assert_eq!(
            comparable("@bertrand@piaille.example  Vinaigre blanc,\n rincez deux fois."),
            comparable("Vinaigre blanc, rincez deux fois.")
        );
    }
}
