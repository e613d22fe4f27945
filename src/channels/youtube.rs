//! YouTube Data API v3: `commentThreads.list` (`{items: [commentThread],
//! nextPageToken}`, each thread a `topLevelComment` and the first of its
//! `replies.comments`) and `comments.list?parentId=` (`{items: [comment]}`,
//! the rest of a long reply list).
//!
//! A thread's id is its top-level comment's id; replies carry `parentId`.
//! Text is `textOriginal` when the API gives it (only to the comment's
//! author, it says), else `textDisplay` turned from HTML into text.

mod client;
pub use client::{YoutubeClient, next_pacific_midnight};

use super::{Account, ParseError, Parsed, de};
use crate::model::{Author, Channel, Message, MessageKind, Metrics};
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListResponse {
    #[serde(default)]
    next_page_token: Option<String>,
    items: Vec<Value>,
}

#[derive(Debug, Deserialize)]
struct CommentThread {
    id: String,
    snippet: ThreadSnippet,
    #[serde(default)]
    replies: Option<Replies>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ThreadSnippet {
    #[serde(default)]
    video_id: Option<String>,
    top_level_comment: Comment,
    #[serde(default, deserialize_with = "de::count")]
    total_reply_count: u64,
}

#[derive(Debug, Deserialize)]
struct Replies {
    #[serde(default)]
    comments: Vec<Value>,
}

#[derive(Debug, Deserialize)]
struct Comment {
    id: String,
    snippet: CommentSnippet,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CommentSnippet {
    #[serde(default, deserialize_with = "de::text")]
    author_display_name: String,
    #[serde(default)]
    author_channel_id: Option<ChannelId>,
    #[serde(default)]
    video_id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    text_display: String,
    #[serde(default)]
    text_original: Option<String>,
    #[serde(default, deserialize_with = "de::opt_id")]
    parent_id: Option<String>,
    #[serde(default, deserialize_with = "de::count")]
    like_count: u64,
    published_at: String,
}

#[derive(Debug, Deserialize)]
struct ChannelId {
    #[serde(default, deserialize_with = "de::text")]
    value: String,
}

/// A `commentThreads.list` or `comments.list` page (told apart by each
/// item's shape). `page.next` is `nextPageToken`; threads whose replies
/// were not all included are listed in `incomplete`.
pub fn parse_list(bytes: &[u8], account: &Account) -> Result<Parsed, ParseError> {
    super::expect_top(bytes, b'{', "a list response object {items, nextPageToken}")?;
    let response: ListResponse = super::from_slice(bytes)?;
    let mut parsed = Parsed::default();
    for (i, item) in response.items.iter().enumerate() {
        let path = format!("items[{i}]");
        let is_thread = item.get("kind").and_then(Value::as_str) == Some("youtube#commentThread")
            || item
                .get("snippet")
                .is_some_and(|s| s.get("topLevelComment").is_some());
        if is_thread {
            let thread: CommentThread = super::from_value(item, &path)?;
            read_thread(&thread, &path, account, &mut parsed)?;
        } else {
            let comment: Comment = super::from_value(item, &path)?;
            let thread = comment.snippet.parent_id.clone();
            let message = to_message(&comment, thread.as_deref(), None, 0, account, &path)?;
            parsed.push(message);
        }
    }
    parsed.page.next = super::non_empty(response.next_page_token.as_deref()).map(str::to_string);
    parsed.dedup();
    Ok(parsed)
}

fn read_thread(
    thread: &CommentThread,
    path: &str,
    account: &Account,
    parsed: &mut Parsed,
) -> Result<(), ParseError> {
    let top = &thread.snippet.top_level_comment;
    let video = thread.snippet.video_id.as_deref();
    // The thread's id and its top-level comment's id are the same; the
    // comment's is what replies name as their parent.
    let root = top.id.as_str();
    let message = to_message(
        top,
        Some(root),
        video,
        thread.snippet.total_reply_count,
        account,
        &format!("{path}.snippet.topLevelComment"),
    )?;
    parsed.push(message);
    let replies = thread.replies.as_ref().map_or(&[][..], |r| &r.comments[..]);
    for (j, reply) in replies.iter().enumerate() {
        let reply_path = format!("{path}.replies.comments[{j}]");
        let comment: Comment = super::from_value(reply, &reply_path)?;
        let message = to_message(&comment, Some(root), video, 0, account, &reply_path)?;
        parsed.push(message);
    }
    if thread.snippet.total_reply_count > replies.len() as u64 {
        parsed.incomplete.push(thread.id.clone());
    }
    Ok(())
}

fn to_message(
    comment: &Comment,
    thread: Option<&str>,
    video: Option<&str>,
    replies: u64,
    account: &Account,
    path: &str,
) -> Result<Message, ParseError> {
    if comment.id.trim().is_empty() {
        return Err(ParseError::new(format!("{path}.id"), "must not be empty"));
    }
    let s = &comment.snippet;
    let created_at = super::required_time(&s.published_at, &format!("{path}.snippet.publishedAt"))?;
    let channel_id = s
        .author_channel_id
        .as_ref()
        .map_or("", |c| c.value.as_str());
    let handle = super::non_empty(Some(&s.author_display_name))
        .or(super::non_empty(Some(channel_id)))
        .unwrap_or("[unknown]")
        .to_string();
    let text = match super::non_empty(s.text_original.as_deref()) {
        Some(_) => s.text_original.clone().unwrap_or_default(),
        None => super::html_to_text(&s.text_display),
    };
    let parent_id = s.parent_id.clone().filter(|p| *p != comment.id);
    let video = super::non_empty(s.video_id.as_deref()).or(super::non_empty(video));
    Ok(Message {
        channel: Channel::Youtube,
        id: comment.id.clone(),
        kind: if parent_id.is_some() {
            MessageKind::Reply
        } else {
            MessageKind::Comment
        },
        thread_id: thread
            .map(str::to_string)
            .or_else(|| parent_id.is_none().then(|| comment.id.clone())),
        parent_id,
        direction: account.direction([s.author_display_name.as_str(), channel_id]),
        author: Author {
            handle,
            name: s.author_display_name.clone(),
            followers: None,
            verified: false,
        },
        text,
        lang: None,
        created_at,
        url: video.map(|v| format!("https://www.youtube.com/watch?v={v}&lc={}", comment.id)),
        metrics: Metrics {
            likes: s.like_count,
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

    const TOP: &str = "UgypSpQokG24H7KbM0w4AaABAg";

    fn me() -> Account {
        Account {
            me: vec!["UCkettlo0000000000000000".into()],
            instance: None,
        }
    }

    #[test]
    fn comment_threads_with_replies() {
        let parsed = parse_list(&fixture("youtube/comment_threads_page1.json"), &me()).unwrap();
        assert_eq!(parsed.messages.len(), 5);
        let top = find(&parsed, TOP);
        assert_eq!(top.channel, Channel::Youtube);
        assert_eq!(top.kind, MessageKind::Comment);
        assert_eq!(top.parent_id, None);
        assert_eq!(top.thread_id.as_deref(), Some(TOP));
        assert_eq!(top.author.handle, "@Sophie-ck2nq");
        assert_eq!(top.author.name, "@Sophie-ck2nq");
        assert_eq!(
            top.text,
            "merci pour la vidéo, super clair ! par contre le lien vers l'acide citrique en description marche pas"
        );
        assert_eq!(top.created_at, at("2026-10-26T13:08:10Z"));
        assert_eq!(
            top.url.as_deref(),
            Some("https://www.youtube.com/watch?v=q7Rk2mZp4Lw&lc=UgypSpQokG24H7KbM0w4AaABAg")
        );
        assert_eq!(top.metrics.likes, 1);
        assert_eq!(top.metrics.replies, 1);
        assert_eq!(top.direction, Direction::Inbound);

        let reply = find(&parsed, "UgypSpQokG24H7KbM0w4AaABAg.AJ6BbHpwPZNzZEuGZLiFo8");
        assert_eq!(reply.kind, MessageKind::Reply);
        assert_eq!(reply.parent_id.as_deref(), Some(TOP));
        assert_eq!(reply.thread_id.as_deref(), Some(TOP));
        assert_eq!(reply.direction, Direction::Outbound);
        assert_eq!(reply.text, "Merci Sophie ! Lien corrigé 👍 — Inès");

        // textOriginal absent: textDisplay's HTML becomes text.
        let html = find(&parsed, "UgxhM1bCbpl7cIz32dA4AaABAg");
        assert_eq!(
            html.text,
            "great video. can the Brio Pro do turkish fine?\nthe manual says \"setting 1\" is espresso & 1:30 shows it"
        );
        // A comment whose author channel is gone.
        let gone = find(&parsed, "UgzDeletedAuthor0000000AaABAg");
        assert_eq!(gone.author.handle, "[unknown]");
        assert_eq!(gone.text, "Кофемолка отличная, но шумная 😅");

        assert_eq!(parsed.incomplete, ["UgxhM1bCbpl7cIz32dA4AaABAg"]);
        assert_eq!(parsed.page.next.as_deref(), Some("QURTSl9pMnBWc0ZfQ3dV"));
        assert_eq!(parsed.page.newest_at, Some(at("2026-10-28T16:40:00Z")));
    }

    #[test]
    fn comments_list_of_replies() {
        let parsed = parse_list(&fixture("youtube/comments_replies.json"), &me()).unwrap();
        assert_eq!(parsed.messages.len(), 2);
        for m in &parsed.messages {
            assert_eq!(m.kind, MessageKind::Reply);
            assert_eq!(m.parent_id.as_deref(), Some("UgxhM1bCbpl7cIz32dA4AaABAg"));
            assert_eq!(m.thread_id.as_deref(), Some("UgxhM1bCbpl7cIz32dA4AaABAg"));
        }
        assert_eq!(parsed.page.next, None);
    }

    #[test]
    fn missing_published_at_names_its_path() {
        let json = br#"{"items":[{"kind":"youtube#commentThread","id":"T","snippet":{"topLevelComment":{"id":"T","snippet":{"textDisplay":"x"}}}}]}"#;
        let e = parse_list(json, &me()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "items[0].snippet.topLevelComment.snippet.publishedAt: missing field"
        );
    }
}
