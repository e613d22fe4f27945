//! Facebook Pages and Instagram, both through the Graph API.
//!
//! - Facebook: `/{object-id}/comments` (`{data: [{id, message, created_time,
//!   from?, like_count, comment_count, parent?}], paging: {cursors: {before,
//!   after}, next?}}`), with replies nested as a `comments` edge when asked
//!   for; and a page feed whose posts carry a `comments` edge.
//! - Instagram: `/{ig-media-id}/comments` and `/{ig-comment-id}/replies`
//!   (`{data: [{id, text, timestamp, username?, from?, like_count, parent_id?,
//!   replies?: {data}}]}`).
//!
//! Timestamps look like `2024-01-01T10:00:00+0000`. A comment without `from`
//! (the API leaves it out unless the page token may see the person) is by an
//! unknown author; an item without `id` cannot be answered or deduplicated
//! and is skipped with the reason.

mod client;
pub use client::{FacebookClient, InstagramClient};

use super::{Account, ParseError, Parsed, de};
use crate::model::{Author, Channel, Message, MessageKind, Metrics};
use serde::Deserialize;
use serde_json::Value;

/// Replies nest one or two levels on both networks.
const MAX_DEPTH: usize = 8;

#[derive(Debug, Deserialize)]
struct Edge {
    data: Vec<Value>,
    #[serde(default)]
    paging: Option<Paging>,
}

#[derive(Debug, Deserialize)]
struct Paging {
    #[serde(default)]
    cursors: Option<Cursors>,
    #[serde(default)]
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Cursors {
    #[serde(default)]
    before: Option<String>,
    #[serde(default)]
    after: Option<String>,
}

#[derive(Debug, Deserialize)]
struct FbComment {
    #[serde(default, deserialize_with = "de::opt_id")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    message: String,
    created_time: String,
    #[serde(default)]
    from: Option<FbFrom>,
    #[serde(default, deserialize_with = "de::count")]
    like_count: u64,
    #[serde(default, deserialize_with = "de::opt_count")]
    comment_count: Option<u64>,
    #[serde(default)]
    parent: Option<IdOnly>,
    #[serde(default)]
    permalink_url: Option<String>,
    #[serde(default)]
    comments: Option<Edge>,
}

#[derive(Debug, Deserialize)]
struct FbFrom {
    #[serde(default, deserialize_with = "de::opt_id")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    name: String,
}

#[derive(Debug, Deserialize)]
struct IdOnly {
    #[serde(default, deserialize_with = "de::opt_id")]
    id: Option<String>,
}

#[derive(Debug, Deserialize)]
struct IgComment {
    #[serde(default, deserialize_with = "de::opt_id")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    text: String,
    timestamp: String,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    from: Option<IgFrom>,
    #[serde(default, deserialize_with = "de::count")]
    like_count: u64,
    #[serde(default, deserialize_with = "de::opt_id")]
    parent_id: Option<String>,
    #[serde(default)]
    replies: Option<Edge>,
}

#[derive(Debug, Deserialize)]
struct IgFrom {
    #[serde(default, deserialize_with = "de::opt_id")]
    id: Option<String>,
    #[serde(default)]
    username: Option<String>,
}

const UNKNOWN: &str = "[unknown]";

/// Where a comment sits: the comment it answers and the top of its thread,
/// when the nesting of the page tells.
#[derive(Clone, Copy)]
struct Place<'a> {
    parent: Option<&'a str>,
    thread: Option<&'a str>,
}

fn page_of(edge: &Edge, parsed: &mut Parsed) {
    let paging = edge.paging.as_ref();
    let cursors = paging.and_then(|p| p.cursors.as_ref());
    // Graph: "If not included, this is the last page" — a page may still
    // carry an `after` cursor then.
    let more = paging.is_some_and(|p| super::non_empty(p.next.as_deref()).is_some());
    parsed.page.next = cursors
        .and_then(|c| super::non_empty(c.after.as_deref()))
        .filter(|_| more)
        .map(str::to_string);
    parsed.page.prev = cursors
        .and_then(|c| super::non_empty(c.before.as_deref()))
        .map(str::to_string);
}

/// A Facebook comments page, or a page feed whose posts carry a `comments`
/// edge (told apart by [`looks_like_feed`]).
pub fn parse_facebook_comments(bytes: &[u8], account: &Account) -> Result<Parsed, ParseError> {
    super::expect_top(bytes, b'{', "an object {data, paging}")?;
    let edge: Edge = super::from_slice(bytes)?;
    let mut parsed = Parsed::default();
    page_of(&edge, &mut parsed);
    if looks_like_feed(&edge.data) {
        read_feed(&edge, account, &mut parsed)?;
    } else {
        let top = Place {
            parent: None,
            thread: None,
        };
        read_fb_list(&edge.data, "data", top, 0, account, &mut parsed)?;
    }
    parsed.dedup();
    Ok(parsed)
}

/// A page feed (`/{page-id}/feed?fields=…,comments{…}`): only the posts'
/// comments become messages (the posts are ours and each top-level comment
/// starts its own conversation).
pub fn parse_facebook_feed(bytes: &[u8], account: &Account) -> Result<Parsed, ParseError> {
    super::expect_top(bytes, b'{', "an object {data, paging}")?;
    let edge: Edge = super::from_slice(bytes)?;
    let mut parsed = Parsed::default();
    page_of(&edge, &mut parsed);
    read_feed(&edge, account, &mut parsed)?;
    parsed.dedup();
    Ok(parsed)
}

/// Feed posts carry a `comments` edge but none of a comment's own fields
/// (`parent`, `comment_count`, `like_count`); a post also has no `message`
/// requirement, so it may lack `created_time`.
fn looks_like_feed(items: &[Value]) -> bool {
    let with_comments: Vec<&Value> = items
        .iter()
        .filter(|i| i.get("comments").is_some())
        .collect();
    !with_comments.is_empty()
        && with_comments.iter().all(|i| {
            ["parent", "comment_count", "like_count"]
                .iter()
                .all(|k| i.get(k).is_none())
        })
}

fn read_feed(edge: &Edge, account: &Account, parsed: &mut Parsed) -> Result<(), ParseError> {
    for (i, post) in edge.data.iter().enumerate() {
        let Some(comments) = post.get("comments") else {
            continue;
        };
        let path = format!("data[{i}].comments");
        let comments: Edge = super::from_value(comments, &path)?;
        let top = Place {
            parent: None,
            thread: None,
        };
        read_fb_list(
            &comments.data,
            &format!("{path}.data"),
            top,
            0,
            account,
            parsed,
        )?;
        if comments
            .paging
            .as_ref()
            .is_some_and(|p| super::non_empty(p.next.as_deref()).is_some())
            && let Some(id) = post.get("id").and_then(Value::as_str)
        {
            parsed.incomplete.push(id.to_string());
        }
    }
    Ok(())
}

fn read_fb_list(
    items: &[Value],
    path: &str,
    place: Place<'_>,
    depth: usize,
    account: &Account,
    parsed: &mut Parsed,
) -> Result<(), ParseError> {
    for (i, item) in items.iter().enumerate() {
        let path = format!("{path}[{i}]");
        let mut comment: FbComment = super::from_value(item, &path)?;
        let from_link = comment.permalink_url.as_deref().and_then(permalink_ids);
        let id = comment
            .id
            .clone()
            .filter(|id| !id.trim().is_empty())
            .or_else(|| from_link.as_ref().map(|l| l.id.clone()));
        let Some(id) = id else {
            parsed.skip(path, "a comment without an id cannot be answered");
            continue;
        };
        // A flat page asked without `parent`: the link names the comment a
        // reply answers.
        if comment.parent.is_none()
            && place.parent.is_none()
            && let Some(parent) = from_link.and_then(|l| l.parent)
        {
            comment.parent = Some(IdOnly { id: Some(parent) });
        }
        let message = fb_message(&comment, &id, place, account, &path)?;
        parsed.push(message);
        if let Some(replies) = &comment.comments
            && depth < MAX_DEPTH
        {
            let thread = place.thread.unwrap_or(&id);
            let below = Place {
                parent: Some(&id),
                thread: Some(thread),
            };
            read_fb_list(
                &replies.data,
                &format!("{path}.comments.data"),
                below,
                depth + 1,
                account,
                parsed,
            )?;
            if comment
                .comment_count
                .is_some_and(|n| n > replies.data.len() as u64)
            {
                parsed.incomplete.push(id.clone());
            }
        }
    }
    Ok(())
}

/// What a comment's `permalink_url` says about it when the page was asked
/// without `id`: `…/posts/POST?comment_id=C` is comment `POST_C` (the
/// Graph API's own form), `…&reply_comment_id=R` a reply `POST_R` to it.
#[derive(Debug, PartialEq, Eq)]
struct LinkIds {
    id: String,
    parent: Option<String>,
}

fn permalink_ids(link: &str) -> Option<LinkIds> {
    let url = reqwest::Url::parse(link).ok()?;
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let query = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .filter(|v| numeric(v))
    };
    let comment = query("comment_id")?;
    let reply = query("reply_comment_id");
    // The post: `/PAGE/posts/POST`, `/PAGE/videos/POST`, or
    // `permalink.php?story_fbid=POST`; obfuscated `pfbid…` ids tell nothing.
    let segments: Vec<&str> = url.path_segments().map(|s| s.collect()).unwrap_or_default();
    let post = segments
        .windows(2)
        .find(|w| matches!(w[0], "posts" | "videos" | "photos" | "reel") && numeric(w[1]))
        .map(|w| w[1].to_string())
        .or_else(|| query("story_fbid"))
        .or_else(|| query("fbid"));
    let full = |c: &str| match &post {
        Some(p) => format!("{p}_{c}"),
        None => c.to_string(),
    };
    Some(match reply {
        Some(r) => LinkIds {
            id: full(&r),
            parent: Some(full(&comment)),
        },
        None => LinkIds {
            id: full(&comment),
            parent: None,
        },
    })
}

fn fb_message(
    c: &FbComment,
    id: &str,
    place: Place<'_>,
    account: &Account,
    path: &str,
) -> Result<Message, ParseError> {
    let created_at = super::required_time(&c.created_time, &format!("{path}.created_time"))?;
    let parent_id = c
        .parent
        .as_ref()
        .and_then(|p| p.id.clone())
        .or_else(|| place.parent.map(str::to_string))
        .filter(|p| p != id);
    let (handle, name, from_id) = match &c.from {
        Some(from) => {
            let name = from.name.clone();
            let handle = super::non_empty(Some(&name))
                .or(super::non_empty(from.id.as_deref()))
                .unwrap_or(UNKNOWN)
                .to_string();
            (handle, name, from.id.clone().unwrap_or_default())
        }
        None => (UNKNOWN.to_string(), String::new(), String::new()),
    };
    let thread_id = match (place.thread, &parent_id) {
        (Some(t), _) => Some(t.to_string()),
        (None, None) => Some(id.to_string()),
        // A flat listing (`filter=stream`): the parent chain tells.
        (None, Some(_)) => None,
    };
    Ok(Message {
        channel: Channel::Facebook,
        id: id.to_string(),
        kind: if parent_id.is_some() {
            MessageKind::Reply
        } else {
            MessageKind::Comment
        },
        parent_id,
        thread_id,
        direction: account.direction([from_id.as_str(), name.as_str()]),
        author: Author {
            handle,
            name,
            followers: None,
            verified: false,
        },
        text: c.message.clone(),
        lang: None,
        created_at,
        url: super::non_empty(c.permalink_url.as_deref()).map(str::to_string),
        metrics: Metrics {
            likes: c.like_count,
            shares: 0,
            replies: c.comment_count.unwrap_or(0),
        },
        automated: false,
    })
}

/// An Instagram comments page (`/{ig-media-id}/comments`, replies nested
/// under `replies` when asked for) or replies page (`/{ig-comment-id}/replies`).
pub fn parse_instagram_comments(bytes: &[u8], account: &Account) -> Result<Parsed, ParseError> {
    super::expect_top(bytes, b'{', "an object {data, paging}")?;
    let edge: Edge = super::from_slice(bytes)?;
    let mut parsed = Parsed::default();
    page_of(&edge, &mut parsed);
    let top = Place {
        parent: None,
        thread: None,
    };
    read_ig_list(&edge.data, "data", top, 0, account, &mut parsed)?;
    parsed.dedup();
    Ok(parsed)
}

fn read_ig_list(
    items: &[Value],
    path: &str,
    place: Place<'_>,
    depth: usize,
    account: &Account,
    parsed: &mut Parsed,
) -> Result<(), ParseError> {
    for (i, item) in items.iter().enumerate() {
        let path = format!("{path}[{i}]");
        let comment: IgComment = super::from_value(item, &path)?;
        let Some(id) = comment.id.clone().filter(|id| !id.trim().is_empty()) else {
            parsed.skip(path, "a comment without an id cannot be answered");
            continue;
        };
        let replies = comment.replies.as_ref().map_or(&[][..], |r| &r.data[..]);
        let message = ig_message(&comment, &id, place, replies.len() as u64, account, &path)?;
        parsed.push(message);
        if !replies.is_empty() && depth < MAX_DEPTH {
            // Instagram replies all hang from the top-level comment.
            let thread = place.thread.unwrap_or(&id);
            let below = Place {
                parent: Some(&id),
                thread: Some(thread),
            };
            read_ig_list(
                replies,
                &format!("{path}.replies.data"),
                below,
                depth + 1,
                account,
                parsed,
            )?;
        }
        if comment
            .replies
            .as_ref()
            .and_then(|r| r.paging.as_ref())
            .is_some_and(|p| super::non_empty(p.next.as_deref()).is_some())
        {
            parsed.incomplete.push(id.clone());
        }
    }
    Ok(())
}

fn ig_message(
    c: &IgComment,
    id: &str,
    place: Place<'_>,
    replies: u64,
    account: &Account,
    path: &str,
) -> Result<Message, ParseError> {
    let created_at = super::required_time(&c.timestamp, &format!("{path}.timestamp"))?;
    let username = super::non_empty(c.username.as_deref())
        .or_else(|| {
            c.from
                .as_ref()
                .and_then(|f| super::non_empty(f.username.as_deref()))
        })
        .map(str::to_string);
    let from_id = c
        .from
        .as_ref()
        .and_then(|f| f.id.clone())
        .unwrap_or_default();
    let parent_id = c
        .parent_id
        .clone()
        .or_else(|| place.parent.map(str::to_string))
        .filter(|p| p != id);
    let thread_id = match (place.thread, &parent_id) {
        (Some(t), _) => Some(t.to_string()),
        (None, None) => Some(id.to_string()),
        // `/replies` of one comment: that comment is the top of the thread.
        (None, Some(p)) => Some(p.clone()),
    };
    let handle = username.clone().unwrap_or_else(|| UNKNOWN.to_string());
    Ok(Message {
        channel: Channel::Instagram,
        id: id.to_string(),
        kind: if parent_id.is_some() {
            MessageKind::Reply
        } else {
            MessageKind::Comment
        },
        parent_id,
        thread_id,
        direction: account.direction([handle.as_str(), from_id.as_str()]),
        author: Author {
            handle,
            name: username.unwrap_or_default(),
            followers: None,
            verified: false,
        },
        text: c.text.clone(),
        lang: None,
        created_at,
        url: None,
        metrics: Metrics {
            likes: c.like_count,
            shares: 0,
            replies,
        },
        automated: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::testing::{at, find, fixture};
    use crate::model::Direction;

    fn page() -> Account {
        Account {
            me: vec!["104000000000001".into()],
            instance: None,
        }
    }

    #[test]
    fn a_page_asked_without_id_takes_the_ids_from_the_permalinks() {
        let with =
            parse_facebook_comments(&fixture("facebook/comments_page1.json"), &page()).unwrap();
        let mut json: serde_json::Value =
            serde_json::from_slice(&fixture("facebook/comments_page1.json")).unwrap();
        fn strip(items: &mut serde_json::Value) {
            for c in items.as_array_mut().into_iter().flatten() {
                if c.get("permalink_url").is_some() {
                    c.as_object_mut().unwrap().remove("id");
                }
                if let Some(replies) = c.pointer_mut("/comments/data") {
                    strip(replies);
                }
            }
        }
        strip(&mut json["data"]);
        let bytes = serde_json::to_vec(&json).unwrap();
        let without = parse_facebook_comments(&bytes, &page()).unwrap();
        let linked: Vec<&Message> = with
            .messages
            .iter()
            .filter(|m| m.url.as_deref().is_some_and(|u| u.contains("comment_id=")))
            .collect();
        assert!(!linked.is_empty());
        for m in linked {
            let again = find(&without, &m.id);
            assert_eq!((&again.parent_id, &again.text), (&m.parent_id, &m.text));
        }
    }

    #[test]
    fn permalinks_name_comments_and_replies() {
        let ids = |l| permalink_ids(l).map(|l| (l.id, l.parent));
        assert_eq!(
            ids("https://www.facebook.com/kettlo/posts/6724835090962438?comment_id=96354"),
            Some(("6724835090962438_96354".into(), None))
        );
        assert_eq!(
            ids("https://www.facebook.com/kettlo/posts/67248/?comment_id=11&reply_comment_id=22"),
            Some(("67248_22".into(), Some("67248_11".into())))
        );
        assert_eq!(
            ids("https://www.facebook.com/permalink.php?story_fbid=555&id=104&comment_id=7"),
            Some(("555_7".into(), None))
        );
        assert_eq!(
            ids("https://www.facebook.com/kettlo/posts/pfbid02xYz?comment_id=7"),
            Some(("7".into(), None))
        );
        assert_eq!(ids("https://www.facebook.com/kettlo/posts/67248"), None);
        assert_eq!(ids("not a link"), None);
    }

    #[test]
    fn facebook_comments_with_nested_replies() {
        let parsed =
            parse_facebook_comments(&fixture("facebook/comments_page1.json"), &page()).unwrap();
        assert_eq!(parsed.messages.len(), 4, "{:#?}", parsed.messages);
        let c = find(&parsed, "6724835090962438_9635445215556731");
        assert_eq!(c.channel, Channel::Facebook);
        assert_eq!(c.kind, MessageKind::Comment);
        assert_eq!(c.parent_id, None);
        assert_eq!(c.thread_id.as_deref(), Some(c.id.as_str()));
        assert_eq!(c.author.handle, "Nadine Perrot");
        assert_eq!(c.author.name, "Nadine Perrot");
        assert_eq!(
            c.text,
            "Toujours pas remboursée de ma bouilloire renvoyée le 2 octobre !!! 89,90€ c'est pas rien"
        );
        assert_eq!(c.created_at, at("2026-10-26T13:07:26Z"));
        assert_eq!(
            c.url.as_deref(),
            Some(
                "https://www.facebook.com/kettlo/posts/6724835090962438?comment_id=9635445215556731"
            )
        );
        assert_eq!(c.metrics.likes, 4);
        assert_eq!(c.metrics.replies, 2);

        let ours = find(&parsed, "6724835090962438_9635445299999999");
        assert_eq!(ours.direction, Direction::Outbound);
        assert_eq!(ours.kind, MessageKind::Reply);
        assert_eq!(ours.parent_id.as_deref(), Some(c.id.as_str()));
        assert_eq!(ours.thread_id.as_deref(), Some(c.id.as_str()));

        // No `from`: an unknown author.
        let anon = find(&parsed, "6724835090962438_9635445311111111");
        assert_eq!(anon.author.handle, "[unknown]");
        assert_eq!(anon.author.name, "");
        assert_eq!(anon.direction, Direction::Inbound);
        assert_eq!(anon.text, "Пожалуйста, ответьте 🙏 & merci");

        // No `id`: skipped with the reason.
        assert_eq!(parsed.skipped.len(), 1);
        assert_eq!(parsed.skipped[0].path, "data[2]");
        // The first comment said 2 replies, only 1 came: fetch the rest.
        assert_eq!(parsed.incomplete, ["6724835090962438_9635445215556731"]);
        assert_eq!(
            parsed.page.next.as_deref(),
            Some("WTI5dGJXVnVkRjlqZAFhKemIzSTZANVFl3TlRRNU9USXlNVEU0TmpnPQZDZD")
        );
        assert_eq!(
            parsed.page.prev.as_deref(),
            Some("QVFIUmxtY2dDMEVUeWtHblpHMmpZAUk9")
        );
    }

    #[test]
    fn facebook_flat_replies_and_last_page() {
        let parsed =
            parse_facebook_comments(&fixture("facebook/comments_page2.json"), &page()).unwrap();
        assert_eq!(parsed.page.next, None, "no paging.next: last page");
        let reply = find(&parsed, "6724835090962438_9635445400000000");
        assert_eq!(
            reply.parent_id.as_deref(),
            Some("6724835090962438_9635445311111111")
        );
        assert_eq!(reply.thread_id, None);
        assert_eq!(reply.kind, MessageKind::Reply);
    }

    #[test]
    fn facebook_feed_reads_the_posts_comments() {
        let parsed = parse_facebook_comments(&fixture("facebook/feed.json"), &page()).unwrap();
        assert_eq!(parsed.messages.len(), 2);
        assert!(
            parsed
                .messages
                .iter()
                .all(|m| m.kind == MessageKind::Comment)
        );
        assert!(
            parsed
                .messages
                .iter()
                .all(|m| !m.id.starts_with("104000000000001_"))
        );
    }

    #[test]
    fn instagram_comments_with_replies() {
        let me = Account {
            me: vec!["kettlo".into()],
            instance: None,
        };
        let parsed =
            parse_instagram_comments(&fixture("instagram/media_comments.json"), &me).unwrap();
        assert_eq!(parsed.messages.len(), 4);
        let top = find(&parsed, "17762437010945491");
        assert_eq!(top.channel, Channel::Instagram);
        assert_eq!(top.kind, MessageKind::Comment);
        assert_eq!(top.author.handle, "thecozyflat");
        assert_eq!(
            top.text,
            "obsessed with the sage green Aura 😍 it matches my whole kitchen #kettlo"
        );
        assert_eq!(top.created_at, at("2026-10-26T09:51:14Z"));
        assert_eq!(top.metrics.likes, 6);
        assert_eq!(top.metrics.replies, 1);
        assert_eq!(top.url, None);
        let reply = find(&parsed, "17036959914890459");
        assert_eq!(reply.direction, Direction::Outbound);
        assert_eq!(reply.parent_id.as_deref(), Some("17762437010945491"));
        assert_eq!(reply.thread_id.as_deref(), Some("17762437010945491"));
        // Only `from.username` given.
        let from = find(&parsed, "17890000000000002");
        assert_eq!(from.author.handle, "cafe_lumiere");
        // Neither username nor from (the default fields).
        let bare = find(&parsed, "17890000000000003");
        assert_eq!(bare.author.handle, "[unknown]");
        assert_eq!(parsed.skipped.len(), 1);
        assert_eq!(
            parsed.page.next.as_deref(),
            Some("QVFIUkxYdFZAqMExhY2NSTXo3")
        );
    }

    #[test]
    fn instagram_replies_page_and_errors() {
        let parsed =
            parse_instagram_comments(&fixture("instagram/replies.json"), &Account::default())
                .unwrap();
        assert_eq!(parsed.messages.len(), 2);
        for m in &parsed.messages {
            assert_eq!(m.parent_id.as_deref(), Some("17762437010945491"));
            assert_eq!(m.thread_id.as_deref(), Some("17762437010945491"));
        }
        let e =
            parse_instagram_comments(br#"{"data":[{"id":"1","text":"x"}]}"#, &Account::default())
                .unwrap_err();
        assert_eq!(e.to_string(), "data[0].timestamp: missing field");
        let e = parse_facebook_comments(br#"{"paging":{}}"#, &Account::default()).unwrap_err();
        assert_eq!(e.to_string(), "data: missing field");
    }
}
