//! Automation rules from the configuration and a rules file, checked
//! before anything runs: a mistake is `FILE:LINE: KEY: reason`, the line
//! from toml's spans (`config::line_of_key`).

use crate::config::{ConfigError, RuleEntry, SavedReplyEntry};
use crate::model::{Channel, MessageKind, Status, Tone, handle_key};
use std::path::Path;

/// A checked rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    pub when: When,
    pub then: Then,
    /// Where it was written, for people.
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Clone, Default)]
pub struct When {
    /// Each cue as words (a prefix when the last ends with `*`).
    pub words: Vec<Vec<String>>,
    pub regex: Option<regex::Regex>,
    /// Primary language subtags, lower case.
    pub lang: Vec<String>,
    pub channel: Vec<Channel>,
    pub kind: Vec<MessageKind>,
    pub sentiment: Vec<Tone>,
    pub complaint_at_least: Option<f32>,
    pub hostility_at_least: Option<f32>,
    pub category: Vec<String>,
    pub followers_at_least: Option<u64>,
    pub followers_below: Option<u64>,
    pub verified: Option<bool>,
    pub vip: Option<bool>,
    pub blocked: Option<bool>,
    /// (channel or any, handle key)
    pub authors: Vec<(Option<Channel>, String)>,
    /// Some(true): only in business hours; Some(false): only outside.
    pub open_hours: Option<bool>,
}

impl When {
    /// Needs the hostility score (computed only for rules that ask).
    pub fn needs_hostility(&self) -> bool {
        self.hostility_at_least.is_some()
    }
}

#[derive(Debug, Clone, Default)]
pub struct Then {
    pub tag: Vec<String>,
    pub assign: Option<String>,
    pub round_robin: Vec<String>,
    /// `round_robin = "team"`: the configuration's team, in the turn the
    /// `a` key's round-robin also takes (else the rule keeps its own).
    pub team_round: bool,
    pub status: Option<Status>,
    pub boost: Option<i64>,
    pub escalate: Option<(String, String)>,
    pub hide: bool,
    /// The saved reply: its name and template.
    pub reply: Option<(String, String)>,
    pub hook: Option<Vec<String>>,
    pub stop: bool,
}

/// What a rule may refer to, from the configuration.
pub struct Known<'a> {
    pub saved_replies: &'a [SavedReplyEntry],
    /// Criticism categories (built in and the rules file's).
    pub categories: Vec<String>,
    /// `[team] members`, for `round_robin = "team"`.
    pub team: &'a [String],
}

/// The largest boost a rule may give (a crisis is worth 400 points).
const MAX_BOOST: i64 = 1000;

/// Checks `entries`, written in `text` (the file `file`) as `[[rule]]`.
pub fn check(
    entries: &[RuleEntry],
    text: &str,
    file: &Path,
    known: &Known,
) -> Result<Vec<Rule>, ConfigError> {
    let mut rules: Vec<Rule> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let invalid = |key: &str, reason: String| {
            let key = format!("rule[{i}].{key}");
            ConfigError::Invalid {
                file: file.to_path_buf(),
                line: crate::config::line_of_key(text, &key),
                key,
                reason,
            }
        };
        let name = entry.name.trim().to_string();
        if name.is_empty() {
            return Err(invalid("name", "must not be empty".into()));
        }
        if rules.iter().any(|r| r.name == name) {
            return Err(invalid("name", format!("`{name}` is defined twice")));
        }
        let when = check_when(entry, known, &invalid)?;
        let then = check_then(entry, known, &invalid)?;
        rules.push(Rule {
            name,
            when,
            then,
            file: file.display().to_string(),
            line: crate::config::line_of_key(text, &format!("rule[{i}].name")),
        });
    }
    Ok(rules)
}

fn check_when(
    entry: &RuleEntry,
    known: &Known,
    invalid: &dyn Fn(&str, String) -> ConfigError,
) -> Result<When, ConfigError> {
    let w = &entry.when;
    let mut when = When::default();
    for cue in &w.words {
        let cue = cue.trim().to_lowercase();
        let parts: Vec<String> = cue.split_whitespace().map(str::to_string).collect();
        if parts.is_empty()
            || parts
                .iter()
                .any(|p| p == "*" || p.trim_end_matches('*').contains('*'))
        {
            return Err(invalid(
                "when.words",
                format!("`{cue}` is not a cue (words, `*` only at a word's end)"),
            ));
        }
        when.words.push(parts);
    }
    if let Some(r) = &w.regex {
        when.regex = Some(
            regex::RegexBuilder::new(r)
                .size_limit(1 << 20)
                .build()
                .map_err(|e| {
                    invalid(
                        "when.regex",
                        format!(
                            "not a regular expression: {}",
                            crate::text::one_line(&e.to_string(), 200)
                        ),
                    )
                })?,
        );
    }
    for l in &w.lang {
        let primary = l
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_lowercase();
        if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(invalid(
                "when.lang",
                format!("`{l}` is not a language code (fr, en, pt-BR…)"),
            ));
        }
        when.lang.push(primary);
    }
    when.channel = w.channel.clone();
    when.kind = w.kind.clone();
    for s in &w.sentiment {
        when.sentiment.push(
            s.parse::<Tone>()
                .map_err(|e| invalid("when.sentiment", e))?,
        );
    }
    let share = |key: &str, v: Option<f64>| -> Result<Option<f32>, ConfigError> {
        match v {
            Some(x) if !(0.0..=1.0).contains(&x) => {
                Err(invalid(key, format!("{x} is not between 0 and 1")))
            }
            other => Ok(other.map(|x| x as f32)),
        }
    };
    when.complaint_at_least = share("when.complaint_at_least", w.complaint_at_least)?;
    when.hostility_at_least = share("when.hostility_at_least", w.hostility_at_least)?;
    for c in &w.category {
        let c = crate::model::normalize_tag(c);
        if !known.categories.contains(&c) {
            return Err(invalid(
                "when.category",
                format!(
                    "unknown category `{c}` (known: {})",
                    known.categories.join(", ")
                ),
            ));
        }
        when.category.push(c);
    }
    if let (Some(low), Some(high)) = (w.followers_at_least, w.followers_below)
        && low >= high
    {
        return Err(invalid(
            "when.followers_below",
            format!("{high} is not above followers_at_least ({low}): nobody matches"),
        ));
    }
    when.followers_at_least = w.followers_at_least;
    when.followers_below = w.followers_below;
    when.verified = w.verified;
    when.vip = w.vip;
    when.blocked = w.blocked;
    for a in &w.authors {
        let (channel, handle) = match a.split_once(':') {
            Some((c, h)) => match c.parse::<Channel>() {
                Ok(c) => (Some(c), h),
                // A Mastodon handle has no channel prefix but may hold `@`s; a
                // `:` that is not a channel is part of nothing we know.
                Err(e) => return Err(invalid("when.authors", e.to_string())),
            },
            None => (None, a.as_str()),
        };
        let key = handle_key(handle);
        if key.is_empty() {
            return Err(invalid(
                "when.authors",
                "an empty handle names nobody".into(),
            ));
        }
        when.authors.push((channel, key));
    }
    when.open_hours = match w.hours.as_deref().map(str::trim) {
        None => None,
        Some("open") => Some(true),
        Some("closed") => Some(false),
        Some(other) => {
            return Err(invalid(
                "when.hours",
                format!("`{other}` (expected open or closed: the business hours of [sla])"),
            ));
        }
    };
    Ok(when)
}

fn check_then(
    entry: &RuleEntry,
    known: &Known,
    invalid: &dyn Fn(&str, String) -> ConfigError,
) -> Result<Then, ConfigError> {
    let t = &entry.then;
    let mut then = Then {
        tag: t
            .tag
            .iter()
            .map(|x| crate::model::normalize_tag(x))
            .filter(|x| !x.is_empty())
            .collect(),
        status: t.status,
        hide: t.hide,
        stop: t.stop,
        ..Then::default()
    };
    if t.tag.len() != then.tag.len() {
        return Err(invalid("then.tag", "a tag must not be empty".into()));
    }
    if t.assign.is_some() && !t.round_robin.is_empty() {
        return Err(invalid(
            "then.round_robin",
            "give assign or round_robin, not both".into(),
        ));
    }
    if let Some(who) = &t.assign {
        let who = who.trim();
        if who.is_empty() {
            return Err(invalid("then.assign", "must name someone".into()));
        }
        then.assign = Some(who.to_string());
    }
    if t.round_robin.iter().any(|p| p.trim().is_empty()) {
        return Err(invalid(
            "then.round_robin",
            "a name must not be empty".into(),
        ));
    }
    then.round_robin = t.round_robin.iter().map(|p| p.trim().to_string()).collect();
    if then.round_robin == ["team"] {
        if known.team.is_empty() {
            return Err(invalid(
                "then.round_robin",
                "\"team\" takes [team] members from the configuration, and it names nobody".into(),
            ));
        }
        then.round_robin = known.team.to_vec();
        then.team_round = true;
    }
    if let Some(b) = t.boost {
        if b == 0 || b.abs() > MAX_BOOST {
            return Err(invalid(
                "then.boost",
                format!("{b}: give points between -{MAX_BOOST} and {MAX_BOOST}, not 0"),
            ));
        }
        then.boost = Some(b);
    }
    match (&t.escalate, &t.note) {
        (Some(to), note) if !to.trim().is_empty() => {
            then.escalate = Some((to.trim().to_string(), note.clone().unwrap_or_default()));
        }
        (Some(_), _) => return Err(invalid("then.escalate", "must name a contact".into())),
        (None, Some(_)) => {
            return Err(invalid(
                "then.note",
                "a note goes with escalate (the note of the escalation)".into(),
            ));
        }
        (None, None) => {}
    }
    if let Some(name) = &t.reply {
        let Some(saved) = known
            .saved_replies
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case(name.trim()))
        else {
            let names: Vec<&str> = known
                .saved_replies
                .iter()
                .map(|r| r.name.as_str())
                .collect();
            return Err(invalid(
                "then.reply",
                if names.is_empty() {
                    format!(
                        "no saved reply named `{name}`: the configuration has no [[saved_replies]]"
                    )
                } else {
                    format!(
                        "no saved reply named `{name}` (saved replies: {})",
                        names.join(", ")
                    )
                },
            ));
        };
        let unknown = crate::saved_replies::unknown_variables(&saved.text);
        if !unknown.is_empty() {
            return Err(invalid(
                "then.reply",
                format!(
                    "saved reply `{}` uses unknown variable {}: a rule would send it as written",
                    saved.name,
                    unknown
                        .iter()
                        .map(|u| format!("{{{u}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        then.reply = Some((saved.name.clone(), saved.text.clone()));
    }
    if let Some(argv) = &t.hook {
        if argv.first().is_none_or(|p| p.trim().is_empty()) {
            return Err(invalid(
                "then.hook",
                "needs the program first, e.g. [\"notify\", \"--json\"]".into(),
            ));
        }
        then.hook = Some(argv.clone());
    }
    let does_something = !then.tag.is_empty()
        || then.assign.is_some()
        || !then.round_robin.is_empty()
        || then.status.is_some()
        || then.boost.is_some()
        || then.escalate.is_some()
        || then.hide
        || then.reply.is_some()
        || then.hook.is_some()
        || then.stop;
    if !does_something {
        return Err(invalid(
            "then",
            "does nothing: give tag, assign, round_robin, status, boost, escalate, hide, reply, hook or stop".into(),
        ));
    }
    Ok(then)
}
