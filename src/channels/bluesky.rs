//! Bluesky: `app.bsky.notification.listNotifications` (`{notifications,
//! cursor}`) and `app.bsky.feed.getPostThread` (`{thread}` with `parent` and
//! `replies`, where any node may be a `#notFoundPost` or `#blockedPost`).
//!
//! Message ids are at-uris; the parent and the thread come from the post
//! record's `reply.parent` and `reply.root` strong refs. Follower counts come
//! later from `app.bsky.actor.getProfiles`, so they stay unknown here.

use super::{Account, ParseError, Parsed, de};
use crate::model::{Author, Channel, Message, MessageKind, Metrics};
use serde::Deserialize;
use serde_json::Value;

/// Notification reasons that carry something to answer.
const KEPT: &[&str] = &["mention", "reply", "quote"];

#[derive(Debug, Deserialize)]
struct NotificationsPage {
    notifications: Vec<Notification>,
    #[serde(default)]
    cursor: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    uri: String,
    author: Profile,
    reason: String,
    record: Value,
    indexed_at: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Profile {
    did: String,
    handle: String,
    #[serde(default, deserialize_with = "de::text")]
    display_name: String,
    #[serde(default, deserialize_with = "de::opt_count")]
    followers_count: Option<u64>,
    #[serde(default)]
    verification: Option<Verification>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Verification {
    #[serde(default)]
    verified_status: Option<String>,
}

/// An `app.bsky.feed.post` record.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PostRecord {
    #[serde(default, deserialize_with = "de::text")]
    text: String,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    reply: Option<ReplyRef>,
    #[serde(default)]
    langs: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ReplyRef {
    root: StrongRef,
    parent: StrongRef,
}

#[derive(Debug, Deserialize)]
struct StrongRef {
    uri: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PostView {
    uri: String,
    author: Profile,
    record: Value,
    #[serde(default)]
    indexed_at: Option<String>,
    #[serde(default, deserialize_with = "de::count")]
    reply_count: u64,
    #[serde(default, deserialize_with = "de::count")]
    repost_count: u64,
    #[serde(default, deserialize_with = "de::count")]
    like_count: u64,
    #[serde(default, deserialize_with = "de::count")]
    quote_count: u64,
}

#[derive(Debug, Deserialize)]
struct ThreadResponse {
    thread: Value,
}

/// A `listNotifications` page: mentions, replies and quotes become messages;
/// likes, reposts, follows and the rest are counted in `ignored`.
/// `page.next` is the response's `cursor`: keep paging while one comes back,
/// even after a short page.
pub fn parse_notifications(bytes: &[u8], account: &Account) -> Result<Parsed, ParseError> {
    super::expect_top(bytes, b'{', "an object {notifications, cursor}")?;
    let page: NotificationsPage = super::from_slice(bytes)?;
    let mut parsed = Parsed::default();
    for (i, n) in page.notifications.iter().enumerate() {
        if !KEPT.contains(&n.reason.as_str()) {
            parsed.ignored += 1;
            continue;
        }
        let path = format!("notifications[{i}]");
        let record: PostRecord = super::from_value(&n.record, &format!("{path}.record"))?;
        let message = to_message(
            &n.uri,
            &n.author,
            &record,
            Some(&n.indexed_at),
            Metrics::default(),
            account,
            &path,
        )?;
        parsed.push(message);
    }
    parsed.page.next = super::non_empty(page.cursor.as_deref()).map(str::to_string);
    parsed.dedup();
    Ok(parsed)
}

/// A `getPostThread` response: the post, its ancestors (`parent` chain) and
/// every reply below it. Deleted and blocked posts are listed in `skipped`.
pub fn parse_thread(bytes: &[u8], account: &Account) -> Result<Parsed, ParseError> {
    super::expect_top(bytes, b'{', "an object {thread}")?;
    let response: ThreadResponse = super::from_slice(bytes)?;
    let mut parsed = Parsed::default();
    // Ancestors first (oldest first), then the post and its replies.
    let mut ancestors = Vec::new();
    let mut node = response.thread.get("parent");
    let mut path = "thread.parent".to_string();
    while let Some(n) = node.filter(|n| !n.is_null()) {
        ancestors.push((n, path.clone()));
        node = n.get("parent");
        path.push_str(".parent");
    }
    for (n, path) in ancestors.iter().rev() {
        visit(n, path, false, account, &mut parsed)?;
    }
    visit(&response.thread, "thread", true, account, &mut parsed)?;
    parsed.dedup();
    Ok(parsed)
}

/// Reads one thread node (and, with `descend`, its replies, recursively).
fn visit(
    node: &Value,
    path: &str,
    descend: bool,
    account: &Account,
    parsed: &mut Parsed,
) -> Result<(), ParseError> {
    let kind = node.get("$type").and_then(Value::as_str).unwrap_or("");
    let uri = node.get("uri").and_then(Value::as_str).unwrap_or("?");
    if kind.ends_with("#notFoundPost") || node.get("notFound") == Some(&Value::Bool(true)) {
        parsed.skip(path, format!("post not found (deleted?): {uri}"));
        return Ok(());
    }
    if kind.ends_with("#blockedPost") || node.get("blocked") == Some(&Value::Bool(true)) {
        parsed.skip(path, format!("blocked post: {uri}"));
        return Ok(());
    }
    let Some(post) = node.get("post") else {
        parsed.skip(path, format!("not a post view ({kind})"));
        return Ok(());
    };
    let post_path = format!("{path}.post");
    let view: PostView = super::from_value(post, &post_path)?;
    let record: PostRecord = super::from_value(&view.record, &format!("{post_path}.record"))?;
    let metrics = Metrics {
        likes: view.like_count,
        shares: view.repost_count.saturating_add(view.quote_count),
        replies: view.reply_count,
    };
    let message = to_message(
        &view.uri,
        &view.author,
        &record,
        view.indexed_at.as_deref(),
        metrics,
        account,
        &post_path,
    )?;
    parsed.push(message);
    if descend && let Some(replies) = node.get("replies").and_then(Value::as_array) {
        for (i, reply) in replies.iter().enumerate() {
            visit(
                reply,
                &format!("{path}.replies[{i}]"),
                true,
                account,
                parsed,
            )?;
        }
    }
    Ok(())
}

fn to_message(
    uri: &str,
    author: &Profile,
    record: &PostRecord,
    indexed_at: Option<&str>,
    metrics: Metrics,
    account: &Account,
    path: &str,
) -> Result<Message, ParseError> {
    if uri.trim().is_empty() {
        return Err(ParseError::new(format!("{path}.uri"), "must not be empty"));
    }
    // The author's clock may be anything; the AppView's indexing time is the
    // fallback when the record's own time cannot be read.
    let created_at = match record
        .created_at
        .as_deref()
        .and_then(super::parse_time)
        .or_else(|| indexed_at.and_then(super::parse_time))
    {
        Some(t) => t,
        None => {
            return Err(ParseError::new(
                format!("{path}.record.createdAt"),
                "missing or not a date and time (and no indexedAt)",
            ));
        }
    };
    let handle = if author.handle.trim().is_empty() || author.handle == "handle.invalid" {
        author.did.clone()
    } else {
        author.handle.clone()
    };
    let rkey = uri.rsplit('/').next().unwrap_or("");
    let url = (!rkey.is_empty()).then(|| format!("https://bsky.app/profile/{handle}/post/{rkey}"));
    let (parent_id, thread_id, kind) = match &record.reply {
        Some(reply) => (
            Some(reply.parent.uri.clone()).filter(|p| p != uri),
            Some(reply.root.uri.clone()),
            MessageKind::Reply,
        ),
        None => (None, Some(uri.to_string()), MessageKind::Mention),
    };
    Ok(Message {
        channel: Channel::Bluesky,
        id: uri.to_string(),
        parent_id,
        thread_id,
        kind,
        direction: account.direction([author.handle.as_str(), author.did.as_str()]),
        author: Author {
            handle,
            name: author.display_name.clone(),
            followers: author.followers_count,
            verified: author
                .verification
                .as_ref()
                .and_then(|v| v.verified_status.as_deref())
                == Some("valid"),
        },
        text: record.text.clone(),
        lang: record
            .langs
            .iter()
            .find_map(|l| super::language(Some(l.as_str()))),
        created_at,
        url,
        metrics,
        automated: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::testing::{at, find, fixture};
    use crate::model::Direction;

    const ROOT: &str = "at://did:plc:kettlo4example0000000000/app.bsky.feed.post/3l6oveex3ii2l";
    const MIRNA: &str = "at://did:plc:mirna5example000000000000/app.bsky.feed.post/3mysg2h2sa4ne";

    fn me() -> Account {
        Account {
            me: vec!["kettlo.bsky.social".into()],
            instance: None,
        }
    }

    #[test]
    fn notifications_keep_mentions_replies_and_quotes() {
        let parsed =
            parse_notifications(&fixture("bluesky/notifications_page1.json"), &me()).unwrap();
        assert_eq!(parsed.ignored, 2, "a like and a follow");
        assert_eq!(parsed.messages.len(), 3);
        let m = find(&parsed, MIRNA);
        assert_eq!(m.channel, Channel::Bluesky);
        assert_eq!(m.kind, MessageKind::Reply);
        assert_eq!(m.parent_id.as_deref(), Some(ROOT));
        assert_eq!(m.thread_id.as_deref(), Some(ROOT));
        assert_eq!(m.author.handle, "mirnaodd.bsky.social");
        assert_eq!(m.author.name, "Mirna Oddson");
        assert_eq!(m.author.followers, None);
        assert_eq!(
            m.text,
            "@kettlo.bsky.social what temp for sencha? the preset says 80 & it tastes bitter 🍵"
        );
        assert_eq!(m.lang.as_deref(), Some("en"));
        assert_eq!(m.created_at, at("2026-10-26T19:04:45.920Z"));
        assert_eq!(
            m.url.as_deref(),
            Some("https://bsky.app/profile/mirnaodd.bsky.social/post/3mysg2h2sa4ne")
        );
        assert_eq!(m.direction, Direction::Inbound);

        let mention = parsed
            .messages
            .iter()
            .find(|m| m.author.handle == "yuki.bsky.social")
            .unwrap();
        assert_eq!(mention.kind, MessageKind::Mention);
        assert_eq!(mention.parent_id, None);
        assert_eq!(mention.thread_id.as_deref(), Some(mention.id.as_str()));
        assert_eq!(mention.text, "ケトルの新色かわいい @kettlo.bsky.social");
        assert_eq!(mention.lang.as_deref(), Some("ja"));

        // A quote, with an invalid handle: the DID stands in.
        let quote = parsed
            .messages
            .iter()
            .find(|m| m.author.handle.starts_with("did:"))
            .unwrap();
        assert_eq!(quote.kind, MessageKind::Mention);
        assert_eq!(quote.author.name, "");
        assert!(quote.url.as_deref().unwrap().contains("/profile/did:plc:"));

        assert_eq!(
            parsed.page.next.as_deref(),
            Some("2026-10-26T19:04:46.000Z")
        );
        assert_eq!(parsed.page.newest_id, None);
    }

    #[test]
    fn last_page_has_no_cursor() {
        let parsed =
            parse_notifications(&fixture("bluesky/notifications_page2.json"), &me()).unwrap();
        assert_eq!(parsed.page.next, None);
        assert_eq!(parsed.messages.len(), 1);
        // createdAt unreadable: indexedAt is used.
        assert_eq!(
            parsed.messages[0].created_at,
            at("2026-10-25T08:00:01.000Z")
        );
    }

    #[test]
    fn thread_with_parents_nested_replies_and_missing_posts() {
        let parsed = parse_thread(&fixture("bluesky/thread.json"), &me()).unwrap();
        let ids: Vec<&str> = parsed
            .messages
            .iter()
            .map(|m| m.id.rsplit('/').next().unwrap())
            .collect();
        assert_eq!(
            ids,
            [
                "3l6oveex3ii2l",
                "3mysg2h2sa4ne",
                "3mysh7kq2ab2c",
                "3mysj5nn3cd4e"
            ]
        );
        let root = find(&parsed, ROOT);
        assert_eq!(root.direction, Direction::Outbound);
        assert_eq!(root.thread_id.as_deref(), Some(ROOT));
        assert_eq!(
            root.metrics,
            Metrics {
                likes: 31,
                shares: 5,
                replies: 4
            }
        );
        let ours = parsed
            .messages
            .iter()
            .find(|m| m.id.ends_with("3mysh7kq2ab2c"))
            .unwrap();
        assert_eq!(ours.direction, Direction::Outbound);
        assert_eq!(ours.parent_id.as_deref(), Some(MIRNA));
        assert!(
            parsed
                .messages
                .iter()
                .all(|m| m.thread_id.as_deref() == Some(ROOT))
        );
        assert_eq!(parsed.skipped.len(), 2, "{:?}", parsed.skipped);
        assert!(parsed.skipped[0].reason.starts_with("post not found"));
        assert!(parsed.skipped[1].reason.starts_with("blocked post"));
    }

    #[test]
    fn a_missing_author_handle_names_its_path() {
        let json = br#"{"notifications":[{"uri":"at://x/app.bsky.feed.post/1","cid":"c","author":{"did":"did:plc:x"},"reason":"mention","record":{"text":"hi","createdAt":"2026-01-01T00:00:00Z"},"isRead":false,"indexedAt":"2026-01-01T00:00:00Z"}]}"#;
        let e = parse_notifications(json, &me()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "notifications[0].author.handle: missing field"
        );
        let json = br#"{"notifications":[{"uri":"at://x/app.bsky.feed.post/1","cid":"c","author":{"did":"d","handle":"h"},"reason":"reply","record":{"text":"hi","reply":{"root":{"cid":"c"},"parent":{"uri":"u","cid":"c"}}},"isRead":false,"indexedAt":"2026-01-01T00:00:00Z"}]}"#;
        let e = parse_notifications(json, &me()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "notifications[0].record.reply.root.uri: missing field"
        );
    }
}
