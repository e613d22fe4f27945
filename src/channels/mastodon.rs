//! Mastodon: `GET /api/v1/notifications` (an array of Notification; paging
//! by the `Link` header's `max_id`/`min_id`) and
//! `GET /api/v1/statuses/:id/context` (`{ancestors, descendants}`).
//!
//! Message ids are status ids; the parent is `in_reply_to_id`; HTML content
//! becomes text with mentions written out as full `@user@host`.

use super::{Account, Page, ParseError, Parsed, de};
use crate::model::{Author, Channel, Message, MessageKind, Metrics};
use serde::Deserialize;

/// Notification types that carry something to answer.
const KEPT: &[&str] = &["mention", "quote"];

#[derive(Debug, Deserialize)]
struct Notification {
    #[serde(deserialize_with = "de::id")]
    id: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    status: Option<Status>,
}

#[derive(Debug, Deserialize)]
struct Status {
    #[serde(deserialize_with = "de::id")]
    id: String,
    #[serde(default, deserialize_with = "de::opt_id")]
    in_reply_to_id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    content: String,
    #[serde(default, deserialize_with = "de::text")]
    spoiler_text: String,
    created_at: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    uri: Option<String>,
    #[serde(default)]
    visibility: Option<String>,
    #[serde(default)]
    language: Option<String>,
    account: MastoAccount,
    #[serde(default, deserialize_with = "de::count")]
    favourites_count: u64,
    #[serde(default, deserialize_with = "de::count")]
    reblogs_count: u64,
    #[serde(default, deserialize_with = "de::count")]
    replies_count: u64,
    #[serde(default)]
    mentions: Vec<Mention>,
}

#[derive(Debug, Deserialize)]
struct MastoAccount {
    #[serde(default, deserialize_with = "de::opt_id")]
    id: Option<String>,
    acct: String,
    #[serde(default, deserialize_with = "de::text")]
    display_name: String,
    #[serde(default, deserialize_with = "de::opt_count")]
    followers_count: Option<u64>,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Mention {
    #[serde(default, deserialize_with = "de::text")]
    url: String,
    #[serde(default, deserialize_with = "de::text")]
    acct: String,
}

#[derive(Debug, Deserialize)]
struct Context {
    ancestors: Vec<Status>,
    descendants: Vec<Status>,
}

/// A notifications page (`GET /api/v1/notifications`). Mentions (and quotes)
/// become messages; other types are counted in `ignored`. Without the
/// response's `Link` header, `page.next` is the oldest notification id (what
/// the header's `max_id` would say); see [`apply_link_header`].
pub fn parse_notifications(bytes: &[u8], account: &Account) -> Result<Parsed, ParseError> {
    super::expect_top(bytes, b'[', "an array of notifications")?;
    let notifications: Vec<Notification> = super::from_slice(bytes)?;
    let mut parsed = Parsed::default();
    for (i, n) in notifications.iter().enumerate() {
        track_id(&mut parsed.page, &n.id);
        if !KEPT.contains(&n.kind.as_str()) {
            parsed.ignored += 1;
            continue;
        }
        let Some(status) = &n.status else {
            parsed.skip(
                format!("[{i}].status"),
                format!("a {} notification without its status (deleted?)", n.kind),
            );
            continue;
        };
        let message = to_message(status, None, account, &format!("[{i}].status"))?;
        parsed.push(message);
    }
    parsed.page.next = parsed.page.oldest_id.clone();
    parsed.page.prev = parsed.page.newest_id.clone();
    parsed.dedup();
    Ok(parsed)
}

/// A thread (`GET /api/v1/statuses/:id/context`): every ancestor and
/// descendant, all filed under the thread's root (the first ancestor, or,
/// when there is none, the status the descendants answer).
pub fn parse_context(bytes: &[u8], account: &Account) -> Result<Parsed, ParseError> {
    super::expect_top(bytes, b'{', "a context object {ancestors, descendants}")?;
    let context: Context = super::from_slice(bytes)?;
    let root = match context.ancestors.first() {
        Some(first) => Some(first.id.clone()),
        None => {
            // The focal status is not in the response: it is the parent
            // that the descendants name but do not contain.
            let ids: std::collections::HashSet<&str> =
                context.descendants.iter().map(|s| s.id.as_str()).collect();
            context
                .descendants
                .iter()
                .filter_map(|s| s.in_reply_to_id.as_deref())
                .find(|p| !ids.contains(p))
                .map(str::to_string)
        }
    };
    let mut parsed = Parsed::default();
    for (list, statuses) in [
        ("ancestors", &context.ancestors),
        ("descendants", &context.descendants),
    ] {
        for (i, status) in statuses.iter().enumerate() {
            let message = to_message(status, root.as_deref(), account, &format!("{list}[{i}]"))?;
            parsed.push(message);
        }
    }
    parsed.dedup();
    Ok(parsed)
}

/// One status (`GET /api/v1/statuses/:id`, the answer of
/// `POST /api/v1/statuses`), as a message of no known thread.
pub fn parse_status(bytes: &[u8], account: &Account) -> Result<Message, ParseError> {
    super::expect_top(bytes, b'{', "a status object")?;
    let status: Status = super::from_slice(bytes)?;
    to_message(&status, None, account, "(status)")
}

/// A list of statuses (`GET /api/v1/accounts/:id/statuses`), newest first.
pub fn parse_statuses(bytes: &[u8], account: &Account) -> Result<Vec<Message>, ParseError> {
    super::expect_top(bytes, b'[', "an array of statuses")?;
    let statuses: Vec<Status> = super::from_slice(bytes)?;
    statuses
        .iter()
        .enumerate()
        .map(|(i, s)| to_message(s, None, account, &format!("[{i}]")))
        .collect()
}

/// Cursors from a Mastodon `Link` header:
/// `<https://host/api/v1/notifications?max_id=7>; rel="next", <…?min_id=9>; rel="prev"`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkCursors {
    /// `max_id` of the `rel="next"` link (older items).
    pub max_id: Option<String>,
    /// `min_id` (or `since_id`) of the `rel="prev"` link (newer items).
    pub min_id: Option<String>,
}

pub fn parse_link_header(value: &str) -> LinkCursors {
    let mut cursors = LinkCursors::default();
    for part in value.split(',') {
        let Some((target, params)) = part.split_once('>') else {
            continue;
        };
        let url = target.trim().trim_start_matches('<');
        let rel = params
            .split(';')
            .filter_map(|p| p.trim().strip_prefix("rel="))
            .map(|r| r.trim_matches('"'))
            .next()
            .unwrap_or("");
        let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
        let param = |name: &str| {
            query
                .split('&')
                .filter_map(|kv| kv.split_once('='))
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
                .filter(|v| !v.is_empty())
        };
        for rel in rel.split_whitespace() {
            match rel {
                "next" => cursors.max_id = param("max_id"),
                "prev" => cursors.min_id = param("min_id").or_else(|| param("since_id")),
                _ => {}
            }
        }
    }
    cursors
}

/// Replaces the page's cursors with the ones of the response's `Link`
/// header: no `rel="next"` means there is no older page.
pub fn apply_link_header(page: &mut Page, header: Option<&str>) {
    let cursors = header.map(parse_link_header).unwrap_or_default();
    page.next = cursors.max_id;
    if cursors.min_id.is_some() {
        page.prev = cursors.min_id;
    }
}

fn track_id(page: &mut Page, id: &str) {
    use std::cmp::Ordering::*;
    if page
        .newest_id
        .as_deref()
        .is_none_or(|n| super::numeric_cmp(id, n) == Greater)
    {
        page.newest_id = Some(id.to_string());
    }
    if page
        .oldest_id
        .as_deref()
        .is_none_or(|o| super::numeric_cmp(id, o) == Less)
    {
        page.oldest_id = Some(id.to_string());
    }
}

/// `acct` is `user@host` for remote accounts and only `user` for local ones.
pub(crate) fn full_handle(acct: &str, profile_url: Option<&str>, account: &Account) -> String {
    let acct = acct.trim().trim_start_matches('@');
    if acct.contains('@') {
        return acct.to_string();
    }
    let host = super::non_empty(account.instance.as_deref())
        .map(|h| {
            h.trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_string()
        })
        .or_else(|| profile_url.and_then(host_of));
    match host {
        Some(host) if !acct.is_empty() => format!("{acct}@{host}"),
        _ => acct.to_string(),
    }
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| host.to_string())
}

fn to_message(
    status: &Status,
    thread: Option<&str>,
    account: &Account,
    path: &str,
) -> Result<Message, ParseError> {
    // A status without an id cannot be told apart from another one.
    if status.id.trim().is_empty() {
        return Err(ParseError::new(format!("{path}.id"), "must not be empty"));
    }
    let created_at = super::required_time(&status.created_at, &format!("{path}.created_at"))?;
    let a = &status.account;
    let handle = full_handle(&a.acct, a.url.as_deref(), account);
    if handle.is_empty() {
        return Err(ParseError::new(
            format!("{path}.account.acct"),
            "must not be empty",
        ));
    }
    let direction = account.direction([
        handle.as_str(),
        a.acct.as_str(),
        a.id.as_deref().unwrap_or(""),
    ]);
    let mention = |href: &str| {
        status
            .mentions
            .iter()
            .find(|m| m.url == href)
            .map(|m| format!("@{}", full_handle(&m.acct, Some(&m.url), account)))
    };
    let body = super::html::convert(&status.content, &mention);
    // A content warning is part of what the author wrote.
    let text = match super::non_empty(Some(&status.spoiler_text)) {
        Some(cw) => format!("CW: {}\n\n{body}", super::decode_entities(cw)),
        None => body,
    };
    let kind = if status.visibility.as_deref() == Some("direct") {
        MessageKind::Dm
    } else if status.in_reply_to_id.is_some() {
        MessageKind::Reply
    } else {
        MessageKind::Mention
    };
    let parent_id = status.in_reply_to_id.clone().filter(|p| *p != status.id);
    Ok(Message {
        channel: Channel::Mastodon,
        id: status.id.clone(),
        parent_id,
        thread_id: thread.map(str::to_string),
        kind,
        direction,
        author: Author {
            handle,
            name: a.display_name.clone(),
            followers: a.followers_count,
            verified: false,
        },
        text,
        lang: super::language(status.language.as_deref()),
        created_at,
        url: super::non_empty(status.url.as_deref())
            .or(super::non_empty(status.uri.as_deref()))
            .map(str::to_string),
        metrics: Metrics {
            likes: status.favourites_count,
            shares: status.reblogs_count,
            replies: status.replies_count,
        },
        automated: false,
    })
}

#[cfg(test)]
mod found_by_fuzzing {
    use super::*;

    /// `PALABRE_FUZZ_CASES=200000` found a notification whose status id was
    /// an empty string going through as a message with an empty id.
    #[test]
    fn a_status_with_an_empty_id_is_refused_with_its_path() {
        let page = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/mastodon/notifications_page2.json"
        ))
        .unwrap();
        let mut doc: serde_json::Value = serde_json::from_str(&page).unwrap();
        doc[0]["status"]["id"] = serde_json::Value::from("");
        let bytes = serde_json::to_vec(&doc).unwrap();
        let e = parse_notifications(&bytes, &Account::default()).unwrap_err();
        assert_eq!(e.path, "[0].status.id", "{e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::testing::{at, find, fixture};
    use crate::model::Direction;

    fn me() -> Account {
        Account {
            me: vec!["kettlo".into()],
            instance: Some("social.example".into()),
        }
    }

    #[test]
    fn notifications_page_becomes_messages() {
        let parsed =
            parse_notifications(&fixture("mastodon/notifications_page1.json"), &me()).unwrap();
        assert_eq!(parsed.messages.len(), 3, "{:#?}", parsed.messages);
        assert_eq!(parsed.ignored, 2, "a favourite and a follow");
        let m = find(&parsed, "113920560143226041");
        assert_eq!(m.channel, Channel::Mastodon);
        assert_eq!(m.parent_id, None);
        assert_eq!(m.thread_id, None);
        assert_eq!(m.kind, MessageKind::Mention);
        assert_eq!(m.direction, Direction::Inbound);
        assert_eq!(m.author.handle, "bertrand@piaille.example");
        assert_eq!(m.author.name, "Bertrand Aubry");
        assert_eq!(m.author.followers, Some(187));
        assert_eq!(
            m.text,
            "@kettlo@social.example question : on détartre l'Aura comment ? Vinaigre & eau ok ?\n\nIci l'eau c'est <calcaire>"
        );
        assert_eq!(m.lang.as_deref(), Some("fr"));
        assert_eq!(m.created_at, at("2026-10-26T16:14:15.630Z"));
        assert_eq!(
            m.url.as_deref(),
            Some("https://piaille.example/@bertrand/113920560143226041")
        );
        assert_eq!(
            m.metrics,
            Metrics {
                likes: 1,
                shares: 2,
                replies: 3
            }
        );
        // A local account completed with the instance host; a reply.
        let r = find(&parsed, "113920601877409112");
        assert_eq!(r.author.handle, "lea@social.example");
        assert_eq!(r.kind, MessageKind::Reply);
        assert_eq!(r.parent_id.as_deref(), Some("113920580000000001"));
        assert_eq!(r.text, "@kettlo@social.example 日本語のテキスト ☕ merci !");
        // A direct message with a content warning.
        let d = find(&parsed, "113920702334455667");
        assert_eq!(d.kind, MessageKind::Dm);
        assert!(d.text.starts_with("CW: commande\n\n"), "{}", d.text);
        assert_eq!(d.lang, None);
        assert_eq!(d.author.followers, None, "hidden count");

        assert_eq!(parsed.page.newest_id.as_deref(), Some("34975862"));
        assert_eq!(parsed.page.oldest_id.as_deref(), Some("34975535"));
        assert_eq!(parsed.page.next.as_deref(), Some("34975535"));
        assert_eq!(parsed.page.newest_at, Some(at("2026-10-26T18:02:00.000Z")));
    }

    #[test]
    fn second_page_and_deleted_status() {
        let parsed =
            parse_notifications(&fixture("mastodon/notifications_page2.json"), &me()).unwrap();
        assert_eq!(parsed.messages.len(), 1);
        assert_eq!(parsed.skipped.len(), 1);
        assert_eq!(parsed.skipped[0].path, "[1].status");
        let m = &parsed.messages[0];
        // Our own reply (local acct) is outbound.
        assert_eq!(m.direction, Direction::Outbound);
        assert_eq!(m.author.handle, "kettlo@social.example");
    }

    #[test]
    fn context_files_everything_under_the_root() {
        let parsed = parse_context(&fixture("mastodon/context.json"), &me()).unwrap();
        let ids: Vec<&str> = parsed.messages.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "113920500000000001",
                "113920580000000001",
                "113920601877409112",
                "113920655555555555"
            ]
        );
        for m in &parsed.messages {
            assert_eq!(m.thread_id.as_deref(), Some("113920500000000001"));
        }
        let root = find(&parsed, "113920500000000001");
        assert_eq!(root.parent_id, None);
        assert_eq!(root.direction, Direction::Outbound);
        let nested = find(&parsed, "113920655555555555");
        assert_eq!(nested.parent_id.as_deref(), Some("113920601877409112"));
        assert_eq!(nested.author.handle, "marc@mastodon.example");
    }

    #[test]
    fn context_without_ancestors_roots_at_the_focal_status() {
        let json = br#"{"ancestors":[],"descendants":[
            {"id":"2","in_reply_to_id":"1","content":"<p>a</p>","created_at":"2026-01-01T00:00:00Z","account":{"acct":"a@b.example"}},
            {"id":"3","in_reply_to_id":"2","content":"<p>b</p>","created_at":"2026-01-01T00:01:00Z","account":{"acct":"c@d.example"}}]}"#;
        let parsed = parse_context(json, &Account::default()).unwrap();
        assert!(
            parsed
                .messages
                .iter()
                .all(|m| m.thread_id.as_deref() == Some("1"))
        );
    }

    #[test]
    fn missing_acct_is_an_error_with_its_path() {
        let json = br#"[{"id":"5","type":"mention","created_at":"2026-01-01T00:00:00Z","status":{"id":"9","content":"","created_at":"2026-01-01T00:00:00Z","account":{"display_name":"x"}}}]"#;
        let e = parse_notifications(json, &me()).unwrap_err();
        assert_eq!(e.to_string(), "[0].status.account.acct: missing field");
        let json = br#"[{"id":"5","type":"mention","status":{"id":"9","created_at":"someday","account":{"acct":"a"}}}]"#;
        let e = parse_notifications(json, &me()).unwrap_err();
        assert_eq!(e.path, "[0].status.created_at");
        let e = parse_context(br#"{"ancestors":[]}"#, &me()).unwrap_err();
        assert_eq!(e.to_string(), "descendants: missing field");
        let e = parse_notifications(br#"{"ancestors":[]}"#, &me()).unwrap_err();
        assert_eq!(e.path, "(file)");
        assert!(e.reason.contains("found an object"), "{e}");
    }

    #[test]
    fn link_header_cursors() {
        let header = r#"<https://mastodon.example/api/v1/notifications?max_id=34975535>; rel="next", <https://mastodon.example/api/v1/notifications?min_id=34975861>; rel="prev""#;
        assert_eq!(
            parse_link_header(header),
            LinkCursors {
                max_id: Some("34975535".into()),
                min_id: Some("34975861".into())
            }
        );
        let mut page = Page {
            next: Some("1".into()),
            ..Page::default()
        };
        apply_link_header(&mut page, None);
        assert_eq!(page.next, None);
        assert_eq!(parse_link_header("garbage"), LinkCursors::default());
    }
}
