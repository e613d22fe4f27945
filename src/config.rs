//! The configuration file: one TOML file, every key documented in
//! `config.example.toml`. Errors name the file, the line and the key.

use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Who you are in events when neither `--as` nor `PALABRE_USER` says.
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub store: StoreSection,
    #[serde(default)]
    pub ui: UiSection,
    /// Key bindings: action name → keys, and a table per pane
    /// (`[keys.picker]`: command → keys). See `palabre` help (`?`) for names.
    #[serde(default)]
    pub keys: KeysSection,
    #[serde(default)]
    pub contacts: Vec<ContactEntry>,
    #[serde(default)]
    pub saved_replies: Vec<SavedReplyEntry>,
    #[serde(default)]
    pub triage: TriageSection,
    #[serde(default)]
    pub sla: SlaSection,
    #[serde(default)]
    pub escalation: EscalationSection,
    /// The networks' accounts to sync: one [[accounts]] block each.
    #[serde(default)]
    pub accounts: Vec<AccountEntry>,
    /// Automation rules, one [[rule]] block each (a rules file may hold
    /// more: `[triage] rules`).
    #[serde(default)]
    pub rule: Vec<RuleEntry>,
    #[serde(default)]
    pub team: TeamSection,
}

/// The moderators automatic assignment hands work to.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamSection {
    /// Names as they act (`--as`, `user`), in round-robin order. Empty:
    /// the people with Palabre open.
    #[serde(default)]
    pub members: Vec<String>,
}

/// An automation rule as written: conditions on a new message from the
/// public, and what to do when they all hold. Checked (regexes, names,
/// saved replies) by `inbox::automation`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleEntry {
    /// Unique: what the rule does is recorded under `rule NAME`.
    pub name: String,
    #[serde(default)]
    pub when: WhenEntry,
    pub then: ThenEntry,
}

/// A rule's conditions: every one given must hold; a list holds when any
/// of its values does.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhenEntry {
    /// Words, phrases or word prefixes (`rembours*`), as category cues.
    #[serde(default, deserialize_with = "one_or_many")]
    pub words: Vec<String>,
    /// A regular expression on the text (Rust syntax; `(?i)` ignores case).
    #[serde(default)]
    pub regex: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub lang: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub channel: Vec<crate::model::Channel>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub kind: Vec<crate::model::MessageKind>,
    /// negative, neutral, positive.
    #[serde(default, deserialize_with = "one_or_many")]
    pub sentiment: Vec<String>,
    #[serde(default)]
    pub complaint_at_least: Option<f64>,
    #[serde(default)]
    pub hostility_at_least: Option<f64>,
    /// Criticism categories the message's cues suggest.
    #[serde(default, deserialize_with = "one_or_many")]
    pub category: Vec<String>,
    #[serde(default)]
    pub followers_at_least: Option<u64>,
    #[serde(default)]
    pub followers_below: Option<u64>,
    #[serde(default)]
    pub verified: Option<bool>,
    /// The author's person is marked VIP (or, false, is not).
    #[serde(default)]
    pub vip: Option<bool>,
    /// The author's person is on the block list.
    #[serde(default)]
    pub blocked: Option<bool>,
    /// Handles, `CHANNEL:HANDLE` or a handle on any channel.
    #[serde(default, deserialize_with = "one_or_many")]
    pub authors: Vec<String>,
    /// `open` or `closed`: the business hours of `[sla]`.
    #[serde(default)]
    pub hours: Option<String>,
}

/// What a rule does, in this order.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThenEntry {
    #[serde(default, deserialize_with = "one_or_many")]
    pub tag: Vec<String>,
    /// Assign to this person (only a conversation nobody has yet).
    #[serde(default)]
    pub assign: Option<String>,
    /// Assign to these people in turn (only a conversation nobody has yet);
    /// `"team"`: the `[team]` members.
    #[serde(default, deserialize_with = "one_or_many")]
    pub round_robin: Vec<String>,
    #[serde(default)]
    pub status: Option<crate::model::Status>,
    /// Points added to the conversation's priority.
    #[serde(default)]
    pub boost: Option<i64>,
    /// Escalate to this contact, with `note`.
    #[serde(default)]
    pub escalate: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Hide the message on its network.
    #[serde(default)]
    pub hide: bool,
    /// Answer with this saved reply (its name), marked automated.
    #[serde(default)]
    pub reply: Option<String>,
    /// A command (its arguments, never a shell) given the application as
    /// JSON on its standard input.
    #[serde(default)]
    pub hook: Option<Vec<String>>,
    /// Later rules do not run on this message.
    #[serde(default)]
    pub stop: bool,
}

/// A value or a list of values (`lang = "fr"` or `lang = ["fr", "en"]`).
fn one_or_many<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    let value = toml::Value::deserialize(d)?;
    let expected = || serde::de::Error::custom("expected a value or a list of values");
    match value {
        toml::Value::Array(items) => items
            .into_iter()
            .map(|v| T::deserialize(v).map_err(serde::de::Error::custom))
            .collect(),
        one => T::deserialize(one)
            .map(|v| vec![v])
            .map_err(|e| match e.message().is_empty() {
                true => expected(),
                false => serde::de::Error::custom(e.message()),
            }),
    }
}

/// The `[keys]` table as written: an action's keys (`down = ["j"]`) or a
/// pane's own table (`[keys.picker]`). Names are checked by the key map,
/// which knows them; here only the shapes are.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct KeysSection(pub std::collections::BTreeMap<String, KeyEntry>);

impl KeysSection {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum KeyEntry {
    /// An action's keys.
    Keys(Vec<String>),
    /// A pane's commands and their keys.
    Pane(std::collections::BTreeMap<String, Vec<String>>),
}

impl<'de> Deserialize<'de> for KeyEntry {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<KeyEntry, D::Error> {
        struct Entry;
        impl<'de> serde::de::Visitor<'de> for Entry {
            type Value = KeyEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of keys, or a table of a pane's commands")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<KeyEntry, A::Error> {
                Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(KeyEntry::Keys)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<KeyEntry, A::Error> {
                std::collections::BTreeMap::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )
                .map(KeyEntry::Pane)
            }
        }
        // Untagged would say "did not match any variant"; this names both shapes.
        de.deserialize_any(Entry)
    }
}

/// One of our accounts on a network. Its token is read from an environment
/// variable or a file readable by its owner only; it is never stored,
/// logged or shown.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountEntry {
    /// A name of your choice, unique: cursors and states are kept under it.
    pub name: String,
    pub network: crate::model::Channel,
    /// The server, where it varies (a Mastodon instance, a Bluesky PDS) or
    /// to point a network at another address.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Our own handle there: our messages are told apart by it.
    pub handle: String,
    /// The network's id of our account, page or channel, where its API needs
    /// it (X user id, YouTube channel id, Facebook page id, Instagram user id).
    #[serde(default)]
    pub id: Option<String>,
    /// The environment variable holding the token (or app password).
    #[serde(default)]
    pub token_env: Option<String>,
    /// A file holding the token, with permissions 0600.
    #[serde(default)]
    pub token_file: Option<PathBuf>,
    /// Seconds between polls with `palabre sync --watch` and in the TUI;
    /// default from the network's pace.
    #[serde(default)]
    pub poll_seconds: Option<u64>,
}

/// Business hours and first-response targets: SLA breaches and the waiting
/// part of the queue's priority are counted against them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaSection {
    /// An IANA time zone ("Europe/Paris"); days and hours are read in it, and
    /// reports cut days at its midnight.
    #[serde(default = "utc", deserialize_with = "de_timezone")]
    pub timezone: chrono_tz::Tz,
    /// Open days: "mon" … "sun".
    #[serde(default = "every_day", deserialize_with = "de_days")]
    pub days: Vec<chrono::Weekday>,
    /// Opening hours on open days, "09:00-17:00"; "00:00-24:00" is all day.
    #[serde(default = "all_day", deserialize_with = "de_hours")]
    pub hours: OpenHours,
    /// Dates ("2026-12-25") that are closed even on an open day.
    #[serde(default)]
    pub holidays: Vec<chrono::NaiveDate>,
    /// First-response target in business minutes, per channel; `default`
    /// applies to channels not named.
    #[serde(default = "default_targets", deserialize_with = "de_targets")]
    pub first_response_minutes: std::collections::BTreeMap<String, u32>,
}

impl Default for SlaSection {
    fn default() -> Self {
        SlaSection {
            timezone: utc(),
            days: every_day(),
            hours: all_day(),
            holidays: Vec::new(),
            first_response_minutes: default_targets(),
        }
    }
}

impl SlaSection {
    /// The first-response target for `channel`, in business minutes.
    pub fn target_minutes(&self, channel: crate::model::Channel) -> u32 {
        self.first_response_minutes
            .get(channel.as_str())
            .or_else(|| self.first_response_minutes.get("default"))
            .copied()
            .unwrap_or(DEFAULT_TARGET_MINUTES)
    }
}

/// Opening hours as seconds after local midnight; `close` may be 86 400.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenHours {
    pub open: u32,
    pub close: u32,
}

const DEFAULT_TARGET_MINUTES: u32 = 60;

fn utc() -> chrono_tz::Tz {
    chrono_tz::UTC
}

fn every_day() -> Vec<chrono::Weekday> {
    use chrono::Weekday::*;
    vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun]
}

fn all_day() -> OpenHours {
    OpenHours {
        open: 0,
        close: 86_400,
    }
}

fn default_targets() -> std::collections::BTreeMap<String, u32> {
    [("default".to_string(), DEFAULT_TARGET_MINUTES)].into()
}

fn de_timezone<'de, D: serde::Deserializer<'de>>(d: D) -> Result<chrono_tz::Tz, D::Error> {
    let name = String::deserialize(d)?;
    name.parse().map_err(|_| {
        serde::de::Error::custom(format!(
            "unknown time zone {name:?}; use an IANA name such as \"Europe/Paris\" or \"UTC\""
        ))
    })
}

fn de_days<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<chrono::Weekday>, D::Error> {
    let names = Vec::<String>::deserialize(d)?;
    if names.is_empty() {
        return Err(serde::de::Error::custom("at least one open day is needed"));
    }
    names
        .iter()
        .map(|n| {
            n.parse::<chrono::Weekday>().map_err(|_| {
                serde::de::Error::custom(format!(
                    "unknown day {n:?}; expected mon, tue, wed, thu, fri, sat or sun"
                ))
            })
        })
        .collect()
}

fn de_hours<'de, D: serde::Deserializer<'de>>(d: D) -> Result<OpenHours, D::Error> {
    let text = String::deserialize(d)?;
    parse_hours(&text).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "{text:?} is not an opening range like \"09:00-17:00\" (opening before closing, up to 24:00)"
        ))
    })
}

pub fn parse_hours(text: &str) -> Option<OpenHours> {
    let clock = |t: &str| -> Option<u32> {
        let (h, m) = t.trim().split_once(':')?;
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 3600 + m * 60)
    };
    let (a, b) = text.split_once('-')?;
    let (open, close) = (clock(a)?, clock(b)?);
    (open < close).then_some(OpenHours { open, close })
}

fn de_targets<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<String, u32>, D::Error> {
    let map = std::collections::BTreeMap::<String, u32>::deserialize(d)?;
    for (key, minutes) in &map {
        if key != "default" && key.parse::<crate::model::Channel>().is_err() {
            return Err(serde::de::Error::custom(format!(
                "unknown channel {key:?}; expected default or one of {}",
                crate::model::Channel::ALL
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        if *minutes == 0 {
            return Err(serde::de::Error::custom(format!(
                "{key}: a target of 0 minutes cannot be met"
            )));
        }
    }
    Ok(map)
}

/// What to run when a conversation is escalated: a command (argv, never a
/// shell) given the escalation as JSON on its standard input, and/or a
/// webhook that receives the same JSON by POST.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationSection {
    #[serde(default)]
    pub command: Option<Vec<String>>,
    #[serde(default)]
    pub webhook: Option<String>,
    /// Extra request headers for the webhook (e.g. an authorization token);
    /// their values are never written to events or logs.
    #[serde(default)]
    pub headers: std::collections::BTreeMap<String, String>,
    /// Tries in all, for each hook, before giving up (1 = no retry).
    #[serde(default = "default_attempts")]
    pub attempts: u32,
    /// The wait before the second try, doubled before each further one.
    #[serde(default = "default_backoff_ms")]
    pub backoff_ms: u64,
    /// How long one try may take before it is abandoned.
    #[serde(default = "default_timeout_secs")]
    pub timeout_secs: u64,
}

fn default_attempts() -> u32 {
    3
}

fn default_backoff_ms() -> u64 {
    500
}

fn default_timeout_secs() -> u64 {
    10
}

impl Default for EscalationSection {
    fn default() -> Self {
        EscalationSection {
            command: None,
            webhook: None,
            headers: Default::default(),
            attempts: default_attempts(),
            backoff_ms: default_backoff_ms(),
            timeout_secs: default_timeout_secs(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriageSection {
    /// A rules file for criticism categories (see `rules.example.toml`);
    /// `palabre rules check` validates it.
    #[serde(default)]
    pub rules: Option<PathBuf>,
    /// The optional transformer tier: an ONNX sentiment model, its
    /// tokenizer and the ONNX Runtime library (see the README).
    #[serde(default)]
    pub transformer: Option<crate::triage::transformer::TransformerConfig>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiSection {
    /// A built-in theme (dark, light, high-contrast, solarized), one in the
    /// user's themes directory, or a path to a `.toml` file.
    #[serde(default)]
    pub theme: Option<String>,
    /// `en` or `fr`; default from `LANG`.
    #[serde(default)]
    pub lang: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactEntry {
    pub name: String,
    /// How to reach them (shown in the picker and recorded in the event).
    #[serde(default)]
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedReplyEntry {
    pub name: String,
    /// May use variables (`{author.name}`, `{conversation.id}`… see
    /// `saved_replies::VARIABLES`), each with a fallback after a bar
    /// (`{author.first_name|there}`); `{{` and `}}` write braces.
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreSection {
    /// The store file; `--db` and `PALABRE_DB` take precedence.
    #[serde(default)]
    pub path: Option<PathBuf>,
    /// The team's shared store on a PostgreSQL server
    /// (`postgres://USER@HOST/DB`); before `path`, after `--db`.
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{file}: cannot read: {reason}")]
    Read { file: PathBuf, reason: String },
    #[error("{file}:{line}: {key}: {reason}")]
    Invalid {
        file: PathBuf,
        line: usize,
        key: String,
        reason: String,
    },
}

/// Where the configuration is read from when `--config` is not given.
pub fn default_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("palabre").join("config.toml"))
}

/// Loads the file at `explicit`, or the default file if it exists, or the
/// defaults. A file named explicitly must exist.
pub fn load(explicit: Option<&Path>) -> Result<(Config, Option<PathBuf>), ConfigError> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match default_path() {
            Some(p) if p.exists() => p,
            _ => return Ok((Config::default(), None)),
        },
    };
    let text = std::fs::read_to_string(&path).map_err(|e| ConfigError::Read {
        file: path.clone(),
        reason: e.to_string(),
    })?;
    let config = parse(&text, &path)?;
    Ok((config, Some(path)))
}

pub fn parse(text: &str, file: &Path) -> Result<Config, ConfigError> {
    parse_as::<Config>(text, file)
}

/// Deserializes any TOML document with errors naming file, line and key
/// (themes and rules files use it too).
pub fn parse_as<T: serde::de::DeserializeOwned>(text: &str, file: &Path) -> Result<T, ConfigError> {
    let invalid =
        |span: Option<std::ops::Range<usize>>, key: String, reason: String| ConfigError::Invalid {
            file: file.to_path_buf(),
            line: span.map_or(1, |s| line_of(text, s.start)),
            key,
            reason,
        };
    let de = toml::de::Deserializer::parse(text)
        .map_err(|e| invalid(e.span(), "(syntax)".into(), e.message().trim().to_string()))?;
    serde_path_to_error::deserialize(de).map_err(|e| {
        let mut key = e.path().to_string();
        let inner = e.into_inner();
        let mut reason = inner.message().trim().to_string();
        if let Some(rest) = reason.strip_prefix("unknown field `") {
            // The path stops at the table holding the unknown key: add the key.
            // The path already ends with the unknown key's name.
            reason = format!(
                "unknown key{}",
                rest.split_once(',')
                    .map_or(String::new(), |(_, r)| format!(";{r}"))
            );
        }
        if key == "." || key.is_empty() {
            key = "(file)".into();
        }
        invalid(inner.span(), key, reason)
    })
}

/// The line of the value at `path` in a TOML document (`rule[2].when.regex`,
/// `saved_replies[0].text`), from toml's spans; the line of the deepest part
/// of the path that exists, 1 when none does. For errors found after
/// deserializing (a bad regex, an unknown saved reply).
pub fn line_of_key(text: &str, path: &str) -> usize {
    let Ok(doc) = toml::de::DeTable::parse(text) else {
        return 1;
    };
    let mut span: Option<std::ops::Range<usize>> = None;
    let mut table = Some(doc.get_ref());
    for part in path.split('.') {
        let (key, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        let found = table
            .and_then(|t| t.iter().find(|(k, _)| k.get_ref().as_ref() == key))
            .map(|(_, v)| v);
        let Some(mut current) = found else { break };
        span = Some(current.span());
        for index in indexes
            .split(['[', ']'])
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse::<usize>().ok())
        {
            match current.get_ref().get(index) {
                Some(item) => {
                    current = item;
                    span = Some(current.span());
                }
                None => break,
            }
        }
        table = match current.get_ref() {
            toml::de::DeValue::Table(t) => Some(t),
            _ => None,
        };
    }
    span.map_or(1, |s| line_of(text, s.start))
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> ConfigError {
        parse(text, Path::new("c.toml")).unwrap_err()
    }

    #[test]
    fn the_example_file_is_valid_and_complete() {
        let text = include_str!("../config.example.toml");
        // Every key is shown commented out; uncommented, the file must parse.
        let uncommented: String = text
            .lines()
            .map(|l| {
                l.strip_prefix("# ")
                    .filter(|r| r.contains(" = ") || r.starts_with('['))
                    .unwrap_or(l)
            })
            .collect::<Vec<_>>()
            .join("\n");
        let c = parse(&uncommented, Path::new("config.example.toml")).unwrap();
        assert!(c.user.is_some() && c.store.path.is_some(), "{c:?}");
        assert!(c.ui.theme.is_some() && c.ui.lang.is_some(), "{c:?}");
        assert!(
            !c.keys.is_empty() && !c.contacts.is_empty() && !c.saved_replies.is_empty(),
            "{c:?}"
        );
        assert_eq!(c.accounts.len(), 1, "{c:?}");
        assert!(c.accounts[0].token_env.is_some() && c.accounts[0].id.is_some());
        let e = &c.escalation;
        assert!(
            e.command.is_some() && e.webhook.is_some() && !e.headers.is_empty(),
            "{c:?}"
        );
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let e = err("user = \"lea\"\n[store]\npath = \"/tmp/x\"\ncolour = 3\n");
        assert_eq!(
            e.to_string(),
            "c.toml:4: store.colour: unknown key; expected `path` or `url`"
        );
    }

    #[test]
    fn wrong_type_names_line_and_key() {
        let e = err("\n\nuser = 12\n");
        match e {
            ConfigError::Invalid { line, key, .. } => assert_eq!((line, key.as_str()), (3, "user")),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn keys_take_lists_and_pane_tables_and_wrong_shapes_name_the_key() {
        let c = parse(
            "[keys]\ndown = [\"n\"]\n[keys.picker]\nchoose = [\"Space\"]\n",
            Path::new("c.toml"),
        )
        .unwrap();
        assert_eq!(c.keys.0["down"], KeyEntry::Keys(vec!["n".into()]));
        match &c.keys.0["picker"] {
            KeyEntry::Pane(p) => assert_eq!(p["choose"], ["Space"]),
            other => panic!("{other:?}"),
        }
        let e = err("[keys]\nquit = \"q\"\n");
        match e {
            ConfigError::Invalid {
                line, key, reason, ..
            } => {
                assert_eq!((line, key.as_str()), (2, "keys.quit"));
                assert!(reason.contains("a list of keys"), "{reason}");
            }
            other => panic!("{other}"),
        }
        let e = err("[keys]\n\n[keys.tags]\ntoggle = \"y\"\n");
        match e {
            ConfigError::Invalid { line, key, .. } => {
                assert_eq!((line, key.as_str()), (4, "keys.tags.toggle"))
            }
            other => panic!("{other}"),
        }
    }

    #[test]
    fn a_key_s_line_comes_from_toml_s_spans() {
        let text = "user = \"lea\"\n\n[[rule]]\nname = \"a\"\n[rule.when]\nwords = [\"x\"]\n\n[[rule]]\nname = \"b\"\n[rule.when]\nregex = \"(\"\n";
        assert_eq!(line_of_key(text, "user"), 1);
        assert_eq!(line_of_key(text, "rule[0].when.words"), 6);
        assert_eq!(line_of_key(text, "rule[1].when.regex"), 11);
        assert_eq!(line_of_key(text, "rule[1].name"), 9);
        // A missing key: the deepest part that exists.
        assert_eq!(line_of_key(text, "rule[1].when.lang"), 10);
        assert_eq!(line_of_key("x = [", "x"), 1);
    }

    #[test]
    fn syntax_error_names_line() {
        let e = err("user = \"lea\"\n[store\n");
        assert!(matches!(e, ConfigError::Invalid { line: 2, .. }), "{e}");
    }
}
