//! Saved replies are templates: `{author.name}`, `{conversation.id}`…
//! filled from the conversation being answered, with a fallback after a bar
//! for when the value is unknown or empty (`{author.first_name|there}`).
//! `{{` and `}}` write braces. A variable Palabre does not know stays in the
//! text as written and is reported, so that a person (or `config check`)
//! sees it before anything is sent.

use crate::model::{Author, Channel, ConversationSummary, Message};
use serde::Serialize;

/// The variables a saved reply may use, with what each holds.
pub const VARIABLES: &[(&str, &str)] = &[
    ("author.handle", "the handle of the person answered"),
    ("author.name", "their display name"),
    (
        "author.first_name",
        "the first word of their name (else of their handle)",
    ),
    ("author.followers", "their follower count"),
    ("conversation.id", "the conversation's number"),
    ("conversation.channel", "its network"),
    ("conversation.status", "its status"),
    ("conversation.assignee", "who it is assigned to"),
    ("conversation.tags", "its tags, comma-separated"),
    ("message.id", "the network's id of the message answered"),
    ("message.url", "its link"),
    ("agent.name", "who is replying (the actor)"),
    ("channel", "the network (as conversation.channel)"),
    ("author", "the handle (as author.handle)"),
    ("first_name", "the first name (as author.first_name)"),
];

/// What a template is filled from: the message answered and its
/// conversation, and who answers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fill<'a> {
    pub message: Option<&'a Message>,
    pub conversation: Option<&'a ConversationSummary>,
    pub channel: Option<Channel>,
    pub agent: Option<&'a str>,
}

/// A filled template and what needs a person's eye.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Rendered {
    pub text: String,
    /// Variables Palabre does not know: left in the text as written.
    pub unknown: Vec<String>,
    /// Known variables with nothing to put and no fallback: left out.
    pub empty: Vec<String>,
}

impl Rendered {
    pub fn is_clean(&self) -> bool {
        self.unknown.is_empty() && self.empty.is_empty()
    }

    /// One line for a person: what is wrong, in their language.
    pub fn warning(&self, lang: crate::i18n::Lang) -> Option<String> {
        let t = &lang.t().reply;
        let list = |v: &[String]| {
            v.iter()
                .map(|n| format!("{{{n}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !self.unknown.is_empty() {
            Some((t.unknown_variable)(&list(&self.unknown)))
        } else if !self.empty.is_empty() {
            Some((t.empty_variable)(&list(&self.empty)))
        } else {
            None
        }
    }
}

pub fn is_known(name: &str) -> bool {
    VARIABLES.iter().any(|(v, _)| *v == name)
}

fn first_name(author: &Author) -> String {
    let name = if author.name.trim().is_empty() {
        &author.handle
    } else {
        &author.name
    };
    name.trim()
        .trim_start_matches('@')
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_string()
}

fn value(name: &str, fill: &Fill) -> String {
    let author = fill.message.map(|m| &m.author);
    let conv = fill.conversation;
    let channel = fill
        .channel
        .or(conv.map(|c| c.channel))
        .or(fill.message.map(|m| m.channel));
    match name {
        "author.handle" | "author" => author.map(|a| a.handle.clone()).unwrap_or_default(),
        "author.name" => author
            .map(|a| a.name.trim().to_string())
            .unwrap_or_default(),
        "author.first_name" | "first_name" => author.map(first_name).unwrap_or_default(),
        "author.followers" => author
            .and_then(|a| a.followers)
            .map(|f| f.to_string())
            .unwrap_or_default(),
        "conversation.id" => conv.map(|c| c.id.to_string()).unwrap_or_default(),
        "conversation.channel" | "channel" => channel.map(|c| c.to_string()).unwrap_or_default(),
        "conversation.status" => conv.map(|c| c.status.to_string()).unwrap_or_default(),
        "conversation.assignee" => conv.and_then(|c| c.assignee.clone()).unwrap_or_default(),
        "conversation.tags" => conv.map(|c| c.tags.join(", ")).unwrap_or_default(),
        "message.id" => fill.message.map(|m| m.id.clone()).unwrap_or_default(),
        "message.url" => fill.message.and_then(|m| m.url.clone()).unwrap_or_default(),
        "agent.name" => fill.agent.unwrap_or("").to_string(),
        _ => String::new(),
    }
}

/// A placeholder at the start of `s` (just after its `{`): its name, its
/// fallback, and how many bytes it takes up to and with the `}`.
fn placeholder(s: &str) -> Option<(&str, Option<&str>, usize)> {
    let end = s.find('}')?;
    let inner = &s[..end];
    let (name, fallback) = match inner.split_once('|') {
        Some((n, f)) => (n, Some(f)),
        None => (inner, None),
    };
    let name_ok = !name.is_empty()
        && name.split('.').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        && name.starts_with(|c: char| c.is_ascii_alphabetic());
    if !name_ok || fallback.is_some_and(|f| f.contains('{')) {
        return None;
    }
    Some((name, fallback, end + 1))
}

/// Fills `template` from `fill`.
pub fn render(template: &str, fill: &Fill) -> Rendered {
    let mut out = Rendered::default();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.text.push_str(&rest[..i]);
        let at = &rest[i..];
        if at.starts_with("{{") || at.starts_with("}}") {
            out.text.push_str(&at[..1]);
            rest = &at[2..];
            continue;
        }
        if let Some(after) = at.strip_prefix('}') {
            out.text.push('}');
            rest = after;
            continue;
        }
        match placeholder(&at[1..]) {
            Some((name, fallback, len)) => {
                let whole = &at[..len + 1];
                if !is_known(name) {
                    out.text.push_str(whole);
                    if !out.unknown.iter().any(|u| u == name) {
                        out.unknown.push(name.to_string());
                    }
                } else {
                    let v = value(name, fill);
                    match (v.trim().is_empty(), fallback) {
                        (false, _) => out.text.push_str(&v),
                        (true, Some(f)) => out.text.push_str(f),
                        (true, None) => {
                            if !out.empty.iter().any(|u| u == name) {
                                out.empty.push(name.to_string());
                            }
                        }
                    }
                }
                rest = &at[len + 1..];
            }
            None => {
                out.text.push('{');
                rest = &at[1..];
            }
        }
    }
    out.text.push_str(rest);
    out
}

/// Fills `template` for a reply in `thread`: from its latest message from
/// the public, by `agent`.
pub fn render_for(
    template: &str,
    thread: &crate::model::ConversationDetail,
    agent: &str,
) -> Rendered {
    let last_inbound = thread
        .messages
        .iter()
        .rev()
        .find(|m| m.message.direction == crate::model::Direction::Inbound)
        .map(|m| &m.message);
    render(
        template,
        &Fill {
            message: last_inbound,
            conversation: Some(&thread.summary),
            channel: Some(thread.summary.channel),
            agent: Some(agent),
        },
    )
}

/// The placeholders still in a text about to be sent (a template filled
/// from nothing, or typed by hand): what a person should see first.
pub fn leftovers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let at = &rest[i..];
        if let Some(after) = at.strip_prefix("{{") {
            rest = after;
            continue;
        }
        match placeholder(&at[1..]) {
            Some((name, _, len)) => {
                if !found.iter().any(|f: &String| f == name) {
                    found.push(name.to_string());
                }
                rest = &at[len + 1..];
            }
            None => rest = &at[1..],
        }
    }
    found
}

/// The variables of `template` Palabre does not know (for `config check`).
pub fn unknown_variables(template: &str) -> Vec<String> {
    render(template, &Fill::default()).unknown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CrisisLevel, Direction, MessageKind, Metrics, Status};
    use chrono::Utc;

    fn message(name: &str) -> Message {
        Message {
            channel: Channel::X,
            id: "2114624974679683556".into(),
            parent_id: None,
            thread_id: None,
            kind: MessageKind::Mention,
            direction: Direction::Inbound,
            author: Author {
                handle: "juju_trbl".into(),
                name: name.into(),
                followers: Some(412),
                verified: false,
            },
            text: "still nothing".into(),
            lang: None,
            created_at: Utc::now(),
            url: Some("https://x.com/juju_trbl/status/2114624974679683556".into()),
            metrics: Metrics::default(),
            automated: false,
        }
    }

    fn conversation() -> ConversationSummary {
        ConversationSummary {
            id: 141,
            channel: Channel::X,
            status: Status::Open,
            tags: vec!["delivery".into(), "urgent".into()],
            crisis_level: CrisisLevel::None,
            escalated: false,
            assignee: Some("lea".into()),
            priority: 0,
            message_count: 1,
            unanswered: true,
            first_at: Utc::now(),
            last_activity: Utc::now(),
            last_author: String::new(),
            last_text: String::new(),
            max_followers: 0,
            lang: None,
            waiting_count: 1,
            tone: None,
            complaint: 0.0,
            danger: false,
            reasons: Vec::new(),
        }
    }

    #[test]
    fn variables_fill_from_the_conversation_with_fallbacks() {
        let m = message("Julie Trébaol");
        let c = conversation();
        let fill = Fill {
            message: Some(&m),
            conversation: Some(&c),
            channel: None,
            agent: Some("Inès"),
        };
        let r = render(
            "Hello {author.first_name|there}, re #{conversation.id} ({conversation.tags}) on {channel}: {message.url} — {agent.name} {{ok}}",
            &fill,
        );
        assert!(r.is_clean(), "{r:?}");
        assert_eq!(
            r.text,
            "Hello Julie, re #141 (delivery, urgent) on x: https://x.com/juju_trbl/status/2114624974679683556 — Inès {ok}"
        );
        // No name: the fallback; no fallback: left out and said.
        let nameless = message("");
        let fill = Fill {
            message: Some(&nameless),
            ..fill
        };
        assert_eq!(render("Hi {author.name|there}!", &fill).text, "Hi there!");
        let r = render("Hi {author.name}!", &fill);
        assert_eq!(
            (r.text.as_str(), r.empty.as_slice()),
            ("Hi !", &["author.name".to_string()][..])
        );
        assert!(
            r.warning(crate::i18n::Lang::En)
                .unwrap()
                .contains("no fallback")
        );
        // The first name falls back on the handle.
        assert_eq!(render("{author.first_name}", &fill).text, "juju_trbl");
    }

    #[test]
    fn an_unknown_variable_stays_as_written_and_is_reported() {
        let r = render(
            "Order {order.number|?} for {author.nmae}, {not a variable} }",
            &Fill::default(),
        );
        assert_eq!(
            r.text,
            "Order {order.number|?} for {author.nmae}, {not a variable} }"
        );
        assert_eq!(r.unknown, ["order.number", "author.nmae"]);
        assert!(
            r.warning(crate::i18n::Lang::Fr)
                .unwrap()
                .contains("variable inconnue")
        );
        assert_eq!(
            leftovers("Hi {author.name}, {{literal}} and {x|y}"),
            ["author.name", "x"]
        );
        assert!(leftovers("a { b } {1x}").is_empty());
        assert_eq!(
            unknown_variables("{first_name} {author} {channel} {foo}"),
            ["foo"]
        );
    }
}
