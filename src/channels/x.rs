//! X API v2: `GET /2/users/:id/mentions` (and any v2 timeline page) with
//! `expansions=author_id,referenced_tweets.id`: `{data: [tweet], includes:
//! {users, tweets}, meta: {newest_id, oldest_id, result_count, next_token},
//! errors?}`.
//!
//! The parent is the `replied_to` referenced tweet, the thread is
//! `conversation_id`. Authors come from `includes.users`; one missing there
//! (suspended, deleted) is an unknown author, not an error. Parents that
//! `includes.tweets` holds become messages too, so a thread is complete as
//! far as the page knows it. `errors` next to partial data are warnings.

mod client;
pub use client::XClient;

use super::{Account, ParseError, Parsed, de};
use crate::model::{Author, Channel, Message, MessageKind, Metrics};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;

#[derive(Debug, Deserialize)]
struct Timeline {
    #[serde(default)]
    data: Vec<Tweet>,
    #[serde(default)]
    includes: Includes,
    // Always there in a timeline, even for an empty page (`{"meta":
    // {"result_count": 0}}`); a lookup (`GET /2/tweets?ids=`) has none.
    #[serde(default)]
    meta: Option<Meta>,
    #[serde(default)]
    errors: Vec<Value>,
}

#[derive(Debug, Deserialize)]
struct Tweet {
    #[serde(deserialize_with = "de::id")]
    id: String,
    text: String,
    #[serde(default, deserialize_with = "de::opt_id")]
    author_id: Option<String>,
    #[serde(default, deserialize_with = "de::opt_id")]
    conversation_id: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    referenced_tweets: Vec<Reference>,
    #[serde(default)]
    public_metrics: TweetMetrics,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    note_tweet: Option<NoteTweet>,
}

#[derive(Debug, Deserialize)]
struct Reference {
    #[serde(rename = "type")]
    kind: String,
    #[serde(deserialize_with = "de::id")]
    id: String,
}

#[derive(Debug, Default, Deserialize)]
struct TweetMetrics {
    #[serde(default, deserialize_with = "de::count")]
    like_count: u64,
    #[serde(default, deserialize_with = "de::count")]
    retweet_count: u64,
    #[serde(default, deserialize_with = "de::count")]
    reply_count: u64,
    #[serde(default, deserialize_with = "de::count")]
    quote_count: u64,
}

/// The full text of a post longer than 280 characters.
#[derive(Debug, Deserialize)]
struct NoteTweet {
    #[serde(default, deserialize_with = "de::text")]
    text: String,
}

#[derive(Debug, Default, Deserialize)]
struct Includes {
    #[serde(default)]
    users: Vec<User>,
    #[serde(default)]
    tweets: Vec<Value>,
}

#[derive(Debug, Deserialize)]
struct User {
    #[serde(deserialize_with = "de::id")]
    id: String,
    username: String,
    #[serde(default, deserialize_with = "de::text")]
    name: String,
    #[serde(default)]
    verified: bool,
    #[serde(default)]
    public_metrics: Option<UserMetrics>,
}

#[derive(Debug, Deserialize)]
struct UserMetrics {
    #[serde(default, deserialize_with = "de::opt_count")]
    followers_count: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
struct Meta {
    #[serde(default, deserialize_with = "de::opt_id")]
    newest_id: Option<String>,
    #[serde(default, deserialize_with = "de::opt_id")]
    oldest_id: Option<String>,
    #[serde(default)]
    next_token: Option<String>,
    #[serde(default)]
    previous_token: Option<String>,
}

/// A v2 timeline page. `page.next` is `meta.next_token` (for
/// `pagination_token`), `page.newest_id` is `meta.newest_id` (for `since_id`
/// on the next poll).
pub fn parse_timeline(bytes: &[u8], account: &Account) -> Result<Parsed, ParseError> {
    parse_page(bytes, account, true)
}

/// A posts lookup (`GET /2/tweets?ids=…`): the same shape without `meta`;
/// ids not found are in `errors` (warnings).
pub fn parse_lookup(bytes: &[u8], account: &Account) -> Result<Parsed, ParseError> {
    parse_page(bytes, account, false)
}

fn parse_page(bytes: &[u8], account: &Account, timeline: bool) -> Result<Parsed, ParseError> {
    super::expect_top(bytes, b'{', "an object {data, includes, meta}")?;
    let page: Timeline = super::from_slice(bytes)?;
    if timeline && page.meta.is_none() {
        return Err(ParseError::new("meta", "missing field"));
    }
    let timeline = page;
    let users: HashMap<&str, &User> = timeline
        .includes
        .users
        .iter()
        .map(|u| (u.id.as_str(), u))
        .collect();
    let mut parsed = Parsed::default();
    for (i, tweet) in timeline.data.iter().enumerate() {
        let message = to_message(tweet, &users, account, &format!("data[{i}]"))?;
        parsed.push(message);
    }
    // Parents the page brought along complete their threads.
    let parents: std::collections::HashSet<&str> = timeline
        .data
        .iter()
        .flat_map(|t| &t.referenced_tweets)
        .filter(|r| r.kind == "replied_to")
        .map(|r| r.id.as_str())
        .collect();
    for (i, value) in timeline.includes.tweets.iter().enumerate() {
        let path = format!("includes.tweets[{i}]");
        let is_parent = value
            .get("id")
            .and_then(Value::as_str)
            .is_some_and(|id| parents.contains(id));
        if !is_parent {
            continue;
        }
        // Expanded tweets are context: one we cannot read is left out, it
        // does not make the page unreadable.
        let read = super::from_value::<Tweet>(value, &path)
            .and_then(|tweet| to_message(&tweet, &users, account, &path));
        match read {
            Ok(message) => parsed.push(message),
            Err(e) => parsed.skip(path, e.to_string()),
        }
    }
    for e in &timeline.errors {
        let field = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("");
        let title = super::non_empty(Some(field("title"))).unwrap_or("error");
        parsed
            .warnings
            .push(format!("{title}: {}", field("detail")));
    }
    let meta = timeline.meta.unwrap_or_default();
    parsed.page.newest_id = meta.newest_id.or_else(|| {
        timeline
            .data
            .iter()
            .map(|t| t.id.as_str())
            .max_by(|a, b| super::numeric_cmp(a, b))
            .map(str::to_string)
    });
    parsed.page.oldest_id = meta.oldest_id.or_else(|| {
        timeline
            .data
            .iter()
            .map(|t| t.id.as_str())
            .min_by(|a, b| super::numeric_cmp(a, b))
            .map(str::to_string)
    });
    parsed.page.next = super::non_empty(meta.next_token.as_deref()).map(str::to_string);
    parsed.page.prev = super::non_empty(meta.previous_token.as_deref()).map(str::to_string);
    parsed.dedup();
    Ok(parsed)
}

/// X ids since 2010 are snowflakes: milliseconds since X's epoch in the
/// bits above the 22 low ones.
fn snowflake_time(id: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    const EPOCH_MS: i64 = 1_288_834_974_657;
    let id: u64 = id.trim().parse().ok()?;
    let ms = i64::try_from(id >> 22).ok()?.checked_add(EPOCH_MS)?;
    // Older, sequential ids carry no time.
    (id >> 22 > 0)
        .then(|| chrono::DateTime::from_timestamp_millis(ms))
        .flatten()
}

fn to_message(
    tweet: &Tweet,
    users: &HashMap<&str, &User>,
    account: &Account,
    path: &str,
) -> Result<Message, ParseError> {
    if tweet.id.trim().is_empty() {
        return Err(ParseError::new(format!("{path}.id"), "must not be empty"));
    }
    let created_at = match &tweet.created_at {
        Some(t) => super::required_time(t, &format!("{path}.created_at"))?,
        // Without `tweet.fields=created_at` the time is still in the id.
        None => snowflake_time(&tweet.id).ok_or_else(|| {
            ParseError::new(
                format!("{path}.created_at"),
                "missing, and the id is not a time-ordered (snowflake) id to read it from; request tweet.fields=created_at",
            )
        })?,
    };
    let user = tweet.author_id.as_deref().and_then(|id| users.get(id));
    let author = match user {
        Some(u) => Author {
            handle: u.username.clone(),
            name: u.name.clone(),
            followers: u.public_metrics.as_ref().and_then(|m| m.followers_count),
            verified: u.verified,
        },
        None => Author {
            // Suspended or deleted: the id is all that is left.
            handle: tweet
                .author_id
                .clone()
                .unwrap_or_else(|| "[unknown]".to_string()),
            name: String::new(),
            followers: None,
            verified: false,
        },
    };
    let direction = account.direction([
        author.handle.as_str(),
        tweet.author_id.as_deref().unwrap_or(""),
    ]);
    let parent_id = tweet
        .referenced_tweets
        .iter()
        .find(|r| r.kind == "replied_to")
        .map(|r| r.id.clone())
        .filter(|p| *p != tweet.id);
    let text = match &tweet.note_tweet {
        Some(note) if !note.text.trim().is_empty() => &note.text,
        _ => &tweet.text,
    };
    let url = match user {
        Some(u) => format!("https://x.com/{}/status/{}", u.username, tweet.id),
        None => format!("https://x.com/i/web/status/{}", tweet.id),
    };
    let m = &tweet.public_metrics;
    Ok(Message {
        channel: Channel::X,
        id: tweet.id.clone(),
        kind: if parent_id.is_some() {
            MessageKind::Reply
        } else {
            MessageKind::Mention
        },
        parent_id,
        thread_id: tweet.conversation_id.clone(),
        direction,
        author,
        // X escapes &, < and > in post text.
        text: super::decode_entities(text),
        lang: super::language(tweet.lang.as_deref()),
        created_at,
        url: Some(url),
        metrics: Metrics {
            likes: m.like_count,
            shares: m.retweet_count.saturating_add(m.quote_count),
            replies: m.reply_count,
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
            me: vec!["kettlo".into()],
            instance: None,
        }
    }

    #[test]
    fn mentions_page_with_expansions() {
        let parsed = parse_timeline(&fixture("x/mentions_page1.json"), &me()).unwrap();
        let ids: Vec<&str> = parsed.messages.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "2114653117181338342",
                "2114630000000000001",
                "2114624974679683556",
                "2114647519471282387"
            ]
        );
        let m = find(&parsed, "2114624974679683556");
        assert_eq!(m.channel, Channel::X);
        assert_eq!(m.kind, MessageKind::Mention);
        assert_eq!(m.parent_id, None);
        assert_eq!(m.thread_id.as_deref(), Some("2114624974679683556"));
        assert_eq!(m.author.handle, "juju_trbl");
        assert_eq!(m.author.name, "Julie Trébaol");
        assert_eq!(m.author.followers, Some(412));
        assert!(!m.author.verified);
        assert_eq!(
            m.text,
            "@kettlo commande passée le 15, toujours rien. Le suivi dit \"en préparation\" & rien <depuis 9 jours>. #Kettlo"
        );
        assert_eq!(m.lang.as_deref(), Some("fr"));
        assert_eq!(m.created_at, at("2026-10-26T07:47:36.000Z"));
        assert_eq!(
            m.url.as_deref(),
            Some("https://x.com/juju_trbl/status/2114624974679683556")
        );
        assert_eq!(
            m.metrics,
            Metrics {
                likes: 5,
                shares: 1,
                replies: 1
            }
        );
        // Our reply, from includes.tweets, completes the thread.
        let ours = find(&parsed, "2114647519471282387");
        assert_eq!(ours.direction, Direction::Outbound);
        assert!(ours.author.verified);
        assert_eq!(ours.parent_id.as_deref(), Some("2114624974679683556"));
        let reply = find(&parsed, "2114653117181338342");
        assert_eq!(reply.kind, MessageKind::Reply);
        assert_eq!(reply.parent_id.as_deref(), Some("2114647519471282387"));
        assert_eq!(reply.thread_id.as_deref(), Some("2114624974679683556"));
        // A suspended author is unknown, not an error.
        let gone = find(&parsed, "2114630000000000001");
        assert_eq!(gone.author.handle, "1700000000000000999");
        assert_eq!(gone.author.name, "");
        assert_eq!(
            gone.url.as_deref(),
            Some("https://x.com/i/web/status/2114630000000000001")
        );
        assert_eq!(
            gone.text,
            "ケトルの蓋が壊れました。交換できますか？ @kettlo"
        );
        assert_eq!(gone.lang.as_deref(), Some("ja"));

        assert_eq!(parsed.warnings.len(), 1);
        assert!(
            parsed.warnings[0].starts_with("Not Found Error"),
            "{:?}",
            parsed.warnings
        );
        assert_eq!(
            parsed.page.newest_id.as_deref(),
            Some("2114653117181338342")
        );
        assert_eq!(
            parsed.page.oldest_id.as_deref(),
            Some("2114624974679683556")
        );
        assert_eq!(
            parsed.page.next.as_deref(),
            Some("7140dibdnow9c7btw3z2vwioavpvutgzrzm9icis4ndix")
        );
    }

    #[test]
    fn last_page_and_empty_page() {
        let parsed = parse_timeline(&fixture("x/mentions_page2.json"), &me()).unwrap();
        assert_eq!(parsed.page.next, None);
        assert_eq!(parsed.messages.len(), 1);
        // note_tweet holds the whole text of a long post.
        assert!(parsed.messages[0].text.ends_with("fin du message."));
        let empty = parse_timeline(br#"{"meta":{"result_count":0}}"#, &me()).unwrap();
        assert!(empty.messages.is_empty());
        assert_eq!(empty.page.newest_id, None);
    }

    #[test]
    fn a_page_without_created_at_takes_the_time_from_the_snowflake_id() {
        // Ids as X makes them: milliseconds since its epoch, then worker
        // and sequence bits.
        let times = ["2026-10-26T07:47:36.452Z", "2019-01-01T00:00:00.001Z"];
        let data: Vec<serde_json::Value> = times
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let ms = at(t).timestamp_millis() - 1_288_834_974_657;
                let id = ((ms as u64) << 22) | (0b10101 << 12) | i as u64;
                serde_json::json!({"id": id.to_string(), "text": "@kettlo allo ?", "author_id": "9"})
            })
            .collect();
        let page = serde_json::json!({"data": data, "meta": {"result_count": 2}});
        let parsed = parse_timeline(&serde_json::to_vec(&page).unwrap(), &me()).unwrap();
        let got: Vec<_> = parsed.messages.iter().map(|m| m.created_at).collect();
        let want: Vec<_> = times.iter().map(|t| at(t)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn missing_text_names_its_path() {
        let json = br#"{"data":[{"id":"1","created_at":"2026-01-01T00:00:00.000Z"}]}"#;
        let e = parse_timeline(json, &me()).unwrap_err();
        assert_eq!(e.to_string(), "data[0].text: missing field");
        let json = br#"{"data":[{"id":"1","text":"hi"}],"meta":{"result_count":1}}"#;
        let e = parse_timeline(json, &me()).unwrap_err();
        assert_eq!(e.path, "data[0].created_at");
        let e = parse_timeline(br#"{"data":[]}"#, &me()).unwrap_err();
        assert_eq!(e.to_string(), "meta: missing field");
    }
}
