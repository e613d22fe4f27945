//! Reddit: `/message/inbox` and `/message/unread`, a Listing
//! (`{kind: "Listing", data: {after, before, children: [{kind, data}]}}`) of
//! `t1` comments (replies to our posts and comments, username mentions) and
//! `t4` private messages.
//!
//! Message ids are fullnames (`t1_…`, `t4_…`) so that `parent_id` matches
//! them. An inbox comment does not carry its submission's `link_id`: the
//! submission comes from the `context` path
//! (`/r/SUB/comments/LINKID/slug/COMMENTID/?context=3`) and files the comment
//! under `t3_LINKID`. Messages thread under `first_message_name`. Bodies stay
//! markdown.

mod client;
pub use client::RedditClient;

use super::{Account, ParseError, Parsed, de};
use crate::model::{Author, Channel, Message, MessageKind, Metrics};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

/// Replies to a message nest Listings; real conversations are shallow.
const MAX_DEPTH: usize = 32;

#[derive(Debug, Deserialize)]
struct Listing {
    data: ListingData,
}

#[derive(Debug, Deserialize)]
struct ListingData {
    #[serde(default, deserialize_with = "de::opt_id")]
    after: Option<String>,
    #[serde(default, deserialize_with = "de::opt_id")]
    before: Option<String>,
    children: Vec<Thing>,
}

#[derive(Debug, Deserialize)]
struct Thing {
    kind: String,
    data: Value,
}

#[derive(Debug, Deserialize)]
struct Item {
    name: String,
    #[serde(default)]
    author: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    body: String,
    #[serde(default, deserialize_with = "de::text")]
    subject: String,
    created_utc: f64,
    #[serde(default, deserialize_with = "de::text")]
    context: String,
    #[serde(default, deserialize_with = "de::opt_id")]
    parent_id: Option<String>,
    #[serde(default, deserialize_with = "de::opt_id")]
    link_id: Option<String>,
    #[serde(default, deserialize_with = "de::opt_id")]
    first_message_name: Option<String>,
    #[serde(default)]
    subreddit: Option<String>,
    #[serde(default)]
    permalink: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "de::count")]
    score: u64,
    #[serde(default)]
    replies: Value,
}

/// An inbox Listing. `page.next` is `data.after` (the next, older page),
/// `page.prev` is `data.before`, `page.newest_id` the first item's fullname.
pub fn parse_listing(bytes: &[u8], account: &Account) -> Result<Parsed, ParseError> {
    super::expect_top(bytes, b'{', "a Listing object {kind, data}")?;
    let listing: Listing = super::from_slice(bytes)?;
    let mut parsed = Parsed::default();
    let children = &listing.data.children;
    parsed.page.newest_id = first_name(children);
    parsed.page.oldest_id = first_name(children.iter().rev());
    visit(children, "data.children", 0, account, &mut parsed)?;
    parsed.page.next = listing.data.after;
    parsed.page.prev = listing.data.before;
    parsed.dedup();
    Ok(parsed)
}

fn first_name<'a>(things: impl IntoIterator<Item = &'a Thing>) -> Option<String> {
    things
        .into_iter()
        .find_map(|t| t.data.get("name").and_then(Value::as_str))
        .map(str::to_string)
}

fn visit(
    children: &[Thing],
    path: &str,
    depth: usize,
    account: &Account,
    parsed: &mut Parsed,
) -> Result<(), ParseError> {
    for (i, thing) in children.iter().enumerate() {
        let path = format!("{path}[{i}]");
        let kind = match thing.kind.as_str() {
            "t1" => Kind::Comment,
            "t4" => Kind::Message,
            _ => {
                parsed.ignored += 1;
                continue;
            }
        };
        let item: Item = super::from_value(&thing.data, &format!("{path}.data"))?;
        let message = to_message(&item, kind, account, &format!("{path}.data"))?;
        parsed.push(message);
        // A message's `replies` is a Listing of the rest of its conversation
        // (or an empty string).
        if let Value::Object(_) = item.replies
            && depth < MAX_DEPTH
        {
            let replies: Listing =
                super::from_value(&item.replies, &format!("{path}.data.replies"))?;
            visit(
                &replies.data.children,
                &format!("{path}.data.replies.data.children"),
                depth + 1,
                account,
                parsed,
            )?;
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Kind {
    Comment,
    Message,
}

fn time(seconds: f64, path: &str) -> Result<DateTime<Utc>, ParseError> {
    let whole = seconds.floor();
    let nanos = ((seconds - whole) * 1e9).round().clamp(0.0, 999_999_999.0) as u32;
    (seconds.is_finite() && whole.abs() < 1e15)
        .then(|| DateTime::from_timestamp(whole as i64, nanos))
        .flatten()
        .ok_or_else(|| ParseError::new(path, format!("{seconds} is not a time")))
}

/// The submission id from a comment's context path.
fn link_from_context(context: &str) -> Option<String> {
    let path = context.split(['?', '#']).next().unwrap_or("");
    let mut parts = path.split('/').filter(|p| !p.is_empty());
    parts.find(|p| *p == "comments")?;
    let link = parts.next()?;
    (!link.is_empty() && link.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| format!("t3_{link}"))
}

fn to_message(
    item: &Item,
    kind: Kind,
    account: &Account,
    path: &str,
) -> Result<Message, ParseError> {
    if item.name.trim().is_empty() {
        return Err(ParseError::new(format!("{path}.name"), "must not be empty"));
    }
    let created_at = time(item.created_utc, &format!("{path}.created_utc"))?;
    // Reddit escapes &, < and > in bodies (unless asked for raw_json).
    let body = super::decode_entities(&item.body);
    let author = match super::non_empty(item.author.as_deref()) {
        Some(a) => a.to_string(),
        None => match super::non_empty(item.subreddit.as_deref()) {
            // Messages from a subreddit's moderators have no author.
            Some(sub) => format!("r/{sub}"),
            None => "[deleted]".to_string(),
        },
    };
    let bare_id = item
        .name
        .split_once('_')
        .map_or(item.name.as_str(), |(_, id)| id);
    let (message_kind, parent_id, thread_id, text, url) = match kind {
        Kind::Comment => {
            let thread = link_from_context(&item.context).or_else(|| item.link_id.clone());
            let mention = item.kind.as_deref() == Some("username_mention");
            let context_path = item.context.split(['?', '#']).next().unwrap_or("");
            let url = super::non_empty(Some(context_path))
                .or(super::non_empty(item.permalink.as_deref()))
                .map(|p| {
                    if p.starts_with("http") {
                        p.to_string()
                    } else {
                        format!("https://www.reddit.com{p}")
                    }
                });
            (
                if mention {
                    MessageKind::Mention
                } else {
                    MessageKind::Reply
                },
                item.parent_id.clone(),
                thread,
                body,
                url,
            )
        }
        Kind::Message => {
            let root = item.first_message_name.is_none();
            // The subject is part of what a new conversation says.
            let text = match (root, super::non_empty(Some(&item.subject))) {
                (true, Some(subject)) => {
                    format!("{}\n\n{body}", super::decode_entities(subject))
                }
                _ => body,
            };
            (
                MessageKind::Dm,
                item.parent_id.clone(),
                Some(
                    item.first_message_name
                        .clone()
                        .unwrap_or_else(|| item.name.clone()),
                ),
                text,
                Some(format!("https://www.reddit.com/message/messages/{bare_id}")),
            )
        }
    };
    Ok(Message {
        channel: Channel::Reddit,
        id: item.name.clone(),
        parent_id: parent_id.filter(|p| *p != item.name),
        thread_id,
        kind: message_kind,
        direction: account.direction([author.as_str()]),
        author: Author {
            handle: author.clone(),
            name: author,
            followers: None,
            verified: false,
        },
        text,
        lang: None,
        created_at,
        url,
        metrics: Metrics {
            likes: item.score,
            shares: 0,
            replies: 0,
        },
        automated: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::testing::{at, find, fixture};
    use crate::model::Direction;

    fn me() -> Account {
        Account {
            me: vec!["kettlo_support".into()],
            instance: None,
        }
    }

    #[test]
    fn inbox_comments_and_messages() {
        let parsed = parse_listing(&fixture("reddit/inbox_page1.json"), &me()).unwrap();
        assert_eq!(parsed.messages.len(), 5, "{:#?}", parsed.messages);
        let c = find(&parsed, "t1_o4mx2v1");
        assert_eq!(c.channel, Channel::Reddit);
        assert_eq!(c.kind, MessageKind::Reply);
        assert_eq!(c.parent_id.as_deref(), Some("t1_o4mtx47"));
        assert_eq!(c.thread_id.as_deref(), Some("t3_1q2k4kk"));
        assert_eq!(c.author.handle, "wanderbeans");
        assert_eq!(c.author.name, "wanderbeans");
        assert_eq!(c.author.followers, None);
        assert_eq!(
            c.text,
            "Thanks both, ordering a 500W one then & a **fan** model > cheap ones"
        );
        assert_eq!(c.created_at, at("2026-10-27T09:12:55Z"));
        assert_eq!(
            c.url.as_deref(),
            Some(
                "https://www.reddit.com/r/Coffee/comments/1q2k4kk/moving_to_the_us_will_my_kettlo_brio_grinder_work/o4mx2v1/"
            )
        );
        assert_eq!(c.metrics.likes, 3);
        assert_eq!(c.direction, Direction::Inbound);

        let top = find(&parsed, "t1_o4lck3t");
        assert_eq!(top.parent_id.as_deref(), Some("t3_1q2k4kk"));
        assert_eq!(top.thread_id.as_deref(), Some("t3_1q2k4kk"));

        let mention = find(&parsed, "t1_o4p0abc");
        assert_eq!(mention.kind, MessageKind::Mention);
        assert_eq!(mention.author.handle, "[deleted]");
        assert_eq!(mention.thread_id.as_deref(), Some("t3_1q3zz9x"));

        let dm = find(&parsed, "t4_2k9xyz1");
        assert_eq!(dm.kind, MessageKind::Dm);
        assert_eq!(dm.parent_id, None);
        assert_eq!(dm.thread_id.as_deref(), Some("t4_2k9xyz1"));
        assert_eq!(
            dm.text,
            "Commande KT-88120\n\nBonjour, ma commande n'est pas arrivée 😕 merci de regarder"
        );
        assert_eq!(
            dm.url.as_deref(),
            Some("https://www.reddit.com/message/messages/2k9xyz1")
        );
        // The conversation's later messages nest in `replies`.
        let answer = find(&parsed, "t4_2ka0001");
        assert_eq!(answer.direction, Direction::Outbound);
        assert_eq!(answer.parent_id.as_deref(), Some("t4_2k9xyz1"));
        assert_eq!(answer.thread_id.as_deref(), Some("t4_2k9xyz1"));
        assert_eq!(answer.text, "Bonjour, on regarde tout de suite. — Sam");

        assert_eq!(parsed.page.next.as_deref(), Some("t4_2k9xyz1"));
        assert_eq!(parsed.page.prev, None);
        assert_eq!(parsed.page.newest_id.as_deref(), Some("t1_o4mx2v1"));
    }

    #[test]
    fn last_page_and_moderator_message() {
        let parsed = parse_listing(&fixture("reddit/inbox_page2.json"), &me()).unwrap();
        assert_eq!(parsed.page.next, None);
        assert_eq!(parsed.messages.len(), 1);
        let m = &parsed.messages[0];
        assert_eq!(m.author.handle, "r/Coffee");
        assert_eq!(m.kind, MessageKind::Dm);
    }

    #[test]
    fn missing_created_utc_names_its_path() {
        let json = br#"{"kind":"Listing","data":{"after":null,"before":null,"children":[{"kind":"t1","data":{"name":"t1_a","author":"x","body":"hi"}}]}}"#;
        let e = parse_listing(json, &me()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "data.children[0].data.created_utc: missing field"
        );
    }

    #[test]
    fn context_paths() {
        assert_eq!(
            link_from_context("/r/Coffee/comments/1q2k4kk/slug/o4mx2v1/?context=3").as_deref(),
            Some("t3_1q2k4kk")
        );
        assert_eq!(link_from_context(""), None);
        assert_eq!(link_from_context("/message/messages/abc"), None);
    }
}
