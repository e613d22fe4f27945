//! Plain data shared by every layer: no SQL, no terminal, no network.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Declares a closed set of lowercase names with `as_str`, `FromStr`, `Display`
/// and `ALL`, so that the CLI, the store and the interchange format spell them
/// the same way.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                // Exact names only in data; the CLI's FromStr is more lenient.
                $name::ALL
                    .iter()
                    .find(|v| v.as_str() == text)
                    .copied()
                    .ok_or_else(|| serde::de::Error::unknown_variant(&text, &[$($text),+]))
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl FromStr for $name {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownName {
                        what: human_name(stringify!($name)),
                        got: crate::text::clip(s, 60),
                        expected: vec![$($text),+],
                    }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// `CrisisLevel` → `crisis level`: how a person calls the type.
fn human_name(ident: &str) -> String {
    let mut out = String::new();
    for (i, c) in ident.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// A value outside a closed set, with the accepted names for the error message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{got}` (expected one of: {})", expected.join(", "))]
pub struct UnknownName {
    pub what: String,
    pub got: String,
    pub expected: Vec<&'static str>,
}

named_enum!(
    /// The network a message came from.
    Channel {
        Mastodon => "mastodon",
        Bluesky => "bluesky",
        Reddit => "reddit",
        Youtube => "youtube",
        X => "x",
        Facebook => "facebook",
        Instagram => "instagram",
        Email => "email",
        Other => "other",
    }
);

named_enum!(
    MessageKind {
        Comment => "comment",
        Mention => "mention",
        Reply => "reply",
        Dm => "dm",
        Review => "review",
    }
);

named_enum!(
    /// `Outbound` messages are our own replies.
    Direction {
        Inbound => "inbound",
        Outbound => "outbound",
    }
);

named_enum!(
    Status {
        New => "new",
        Open => "open",
        Waiting => "waiting",
        Resolved => "resolved",
    }
);

named_enum!(
    /// Ordered: a higher level is more serious.
    CrisisLevel {
        None => "none",
        Watch => "watch",
        Potential => "potential",
        Crisis => "crisis",
    }
);

named_enum!(
    /// What an event records. History of a conversation = its events.
    EventKind {
        Status => "status",
        Tag => "tag",
        Untag => "untag",
        Assign => "assign",
        CrisisFlag => "crisis_flag",
        Escalation => "escalation",
        Note => "note",
        ReplyQueued => "reply_queued",
        ReplySent => "reply_sent",
        ReplyFailed => "reply_failed",
        DraftSaved => "draft_saved",
        Edited => "edited",
        EscalationHookOk => "escalation_hook_ok",
        EscalationHookFailed => "escalation_hook_failed",
        Sentiment => "sentiment",
        ActionQueued => "action_queued",
        ActionDone => "action_done",
        ActionFailed => "action_failed",
        ActionCancelled => "action_cancelled",
        Rule => "rule",
        RuleHookOk => "rule_hook_ok",
        RuleHookFailed => "rule_hook_failed",
        Priority => "priority",
    }
);

named_enum!(
    /// What Palabre can do to a message where it lives, besides answering
    /// it. Each network offers some of them (`crate::capabilities`).
    ActionKind {
        Hide => "hide",
        Unhide => "unhide",
        Delete => "delete",
        Like => "like",
        Unlike => "unlike",
        Block => "block",
        Unblock => "unblock",
        Mute => "mute",
        Unmute => "unmute",
        Report => "report",
    }
);

impl ActionKind {
    /// The action that takes this one back, where there is one.
    pub fn inverse(self) -> Option<ActionKind> {
        use ActionKind::*;
        match self {
            Hide => Some(Unhide),
            Unhide => Some(Hide),
            Like => Some(Unlike),
            Unlike => Some(Like),
            Block => Some(Unblock),
            Unblock => Some(Block),
            Mute => Some(Unmute),
            Unmute => Some(Mute),
            Delete | Report => None,
        }
    }

    /// Acts on the message's author rather than on the message.
    pub fn on_author(self) -> bool {
        use ActionKind::*;
        matches!(self, Block | Unblock | Mute | Unmute)
    }

    /// Only our own messages can take it (deleting).
    pub fn on_ours(self) -> bool {
        self == ActionKind::Delete
    }

    /// Takes back an earlier action of the opposite kind.
    pub fn is_undoing(self) -> bool {
        use ActionKind::*;
        matches!(self, Unhide | Unlike | Unblock | Unmute)
    }
}

named_enum!(
    /// Where a network action is on its way out, like a reply's
    /// `OutboxStatus`: `Sending` may have gone (looked up, or repeated when
    /// repeating is harmless, before a retry); `Failed` was refused, or
    /// could not be confirmed and waits for a person; `Cancelled` was taken
    /// back before it left.
    ActionStatus {
        Queued => "queued",
        Sending => "sending",
        Done => "done",
        Failed => "failed",
        Cancelled => "cancelled",
    }
);

named_enum!(
    /// Where a reply is on its way out. `Sending`: handed to the network,
    /// perhaps gone (looked up before a retry); `Failed`: refused by the
    /// network, kept for a person; `Replaced`: a failed reply a newer one
    /// took the place of.
    OutboxStatus {
        Queued => "queued",
        Sending => "sending",
        Sent => "sent",
        Failed => "failed",
        Replaced => "replaced",
    }
);

named_enum!(
    /// How an account's last sync went.
    SyncState {
        Never => "never",
        Syncing => "syncing",
        Ok => "ok",
        RateLimited => "rate_limited",
        AuthFailed => "auth_failed",
        Offline => "offline",
        Error => "error",
    }
);

// `named_enum!` variants take no attributes, so no `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for SyncState {
    fn default() -> SyncState {
        SyncState::Never
    }
}

fn inbound() -> Direction {
    Direction::Inbound
}

impl Channel {
    /// A short fixed-width badge for narrow displays.
    pub fn badge(self) -> &'static str {
        match self {
            Channel::Mastodon => "MA",
            Channel::Bluesky => "BS",
            Channel::Reddit => "RD",
            Channel::Youtube => "YT",
            Channel::X => "X ",
            Channel::Facebook => "FB",
            Channel::Instagram => "IG",
            Channel::Email => "EM",
            Channel::Other => "··",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Author {
    pub handle: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub followers: Option<u64>,
    #[serde(default)]
    pub verified: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Metrics {
    #[serde(default)]
    pub likes: u64,
    #[serde(default)]
    pub shares: u64,
    #[serde(default)]
    pub replies: u64,
}

impl Metrics {
    pub fn engagements(&self) -> u64 {
        self.likes + self.shares + self.replies
    }
}

/// One message as it travels between networks, files and the store
/// (the interchange format, one per JSONL line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub channel: Channel,
    pub id: String,
    pub parent_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<String>,
    pub kind: MessageKind,
    #[serde(default = "inbound")]
    pub direction: Direction,
    pub author: Author,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub metrics: Metrics,
    /// An outbound message sent by a rule or an auto-responder, not a person:
    /// analytics leave it out of response times.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub automated: bool,
}

/// A conversation as the queue shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConversationSummary {
    pub id: i64,
    pub channel: Channel,
    pub status: Status,
    pub tags: Vec<String>,
    pub crisis_level: CrisisLevel,
    pub escalated: bool,
    pub assignee: Option<String>,
    pub priority: i64,
    pub message_count: u64,
    pub unanswered: bool,
    pub first_at: DateTime<Utc>,
    pub last_activity: DateTime<Utc>,
    pub last_author: String,
    pub last_text: String,
    pub max_followers: u64,
    pub lang: Option<String>,
    /// Inbound messages since our last reply (all of them if we never replied).
    pub waiting_count: u64,
    /// The tone of the latest inbound message.
    pub tone: Option<Tone>,
    /// The strongest complaint score among the inbound messages, 0…1.
    pub complaint: f64,
    /// An inbound message reports danger or harm: a safety report.
    pub danger: bool,
    /// Why it ranks where it does, strongest first.
    pub reasons: Vec<Reason>,
}

/// A stored message with its place in the conversation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredMessage {
    #[serde(flatten)]
    pub message: Message,
    /// Nesting depth in the reply tree (0 for the root and for orphans).
    pub depth: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: i64,
    pub conversation: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub kind: EventKind,
    pub payload: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    pub text: String,
    pub updated_at: DateTime<Utc>,
}

/// Where a conversation stood when a person began a reply: the newest
/// message and the newest outbox reply in it. A reply checked against a
/// mark is refused when either has moved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReplyMark {
    pub message: i64,
    pub outbox: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConversationDetail {
    #[serde(flatten)]
    pub summary: ConversationSummary,
    pub messages: Vec<StoredMessage>,
    pub draft: Option<Draft>,
    pub events: Vec<Event>,
    /// Our replies not yet confirmed as posted (queued, sending, failed).
    pub outbox: Vec<OutboxItem>,
    /// Network actions on the conversation's messages (hide, like, block…),
    /// whatever their state, oldest first.
    pub actions: Vec<ActionItem>,
    /// Categories the model learned from people's tags suggests (never
    /// applied by themselves; the rules' suggestions come from the rules).
    pub learned_categories: Vec<LearnedCategory>,
    /// Categories the rules suggest for the inbound messages (never applied
    /// by themselves), with the words that suggest each.
    pub suggested_categories: Vec<SuggestedCategory>,
    /// Where it stood when loaded: a reply begun now is checked against it.
    #[serde(skip)]
    pub mark: ReplyMark,
}

/// A criticism category the rules suggest, with the words that matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuggestedCategory {
    pub category: String,
    pub reasons: Vec<String>,
}

/// A criticism category the model learned from people's tags suggests.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearnedCategory {
    pub category: String,
    /// The model's probability, 0…1.
    pub probability: f32,
    /// How many tagged messages taught it.
    pub examples: u64,
}

/// A reply in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutboxItem {
    pub id: i64,
    pub text: String,
    /// Who queued it.
    pub actor: String,
    pub status: OutboxStatus,
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A network action on one of a conversation's messages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionItem {
    pub id: i64,
    pub kind: ActionKind,
    pub status: ActionStatus,
    /// The network's id of the message it acts on, and its author.
    pub message: String,
    pub author: String,
    /// Who asked for it; for a rule, `rule NAME`.
    pub actor: String,
    pub rule: Option<String>,
    /// A report's reason.
    pub reason: Option<String>,
    pub error: Option<String>,
    /// The action it takes back.
    pub undoes: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_errors_list_choices() {
        for c in Channel::ALL {
            assert_eq!(c.as_str().parse::<Channel>().ok(), Some(*c));
        }
        let err = "myspace".parse::<Channel>().unwrap_err();
        assert!(err.to_string().contains("mastodon, bluesky"), "{err}");
        assert!(CrisisLevel::Crisis > CrisisLevel::Potential);
        assert!(CrisisLevel::Watch > CrisisLevel::None);
    }
}

/// What analytics read of a conversation: plain facts, no SQL, no text.
#[derive(Debug, Clone, PartialEq)]
pub struct ConversationFacts {
    pub id: i64,
    pub channel: Channel,
    pub status: Status,
    pub tags: Vec<String>,
    pub assignee: Option<String>,
    pub lang: Option<String>,
    /// In time order.
    pub messages: Vec<MessageFacts>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MessageFacts {
    pub at: DateTime<Utc>,
    pub direction: Direction,
    pub automated: bool,
    /// −1 negative, 0 neutral, 1 positive, as triage read it at import.
    pub tone: Option<i8>,
    pub complaint: f32,
    pub author: String,
    pub followers: Option<u64>,
    pub verified: bool,
    pub likes: u64,
    pub shares: u64,
    pub replies: u64,
}

/// One observation of one of our accounts' follower count.
#[derive(Debug, Clone, PartialEq)]
pub struct AudienceFact {
    pub channel: Channel,
    pub handle: String,
    pub at: DateTime<Utc>,
    pub followers: u64,
}

/// Everything a report over a period needs from the store.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnalyticsFacts {
    pub conversations: Vec<ConversationFacts>,
    /// Events up to the end of the period, in time order.
    pub events: Vec<Event>,
    pub audience: Vec<AudienceFact>,
    /// Conversations with nothing in the period that still wait for us: only
    /// what the backlog needs of them.
    pub idle_waiting: Vec<IdleWaiting>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IdleWaiting {
    pub id: i64,
    pub status: Status,
    /// The oldest inbound message since our last reply (when that is a week
    /// or more before the end of the period, a message at least that old).
    pub since: DateTime<Utc>,
}

/// How a message reads: the triage judges it, a person can correct it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Tone {
    Negative,
    Neutral,
    Positive,
}

impl Tone {
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Negative => "negative",
            Tone::Neutral => "neutral",
            Tone::Positive => "positive",
        }
    }
}

impl std::str::FromStr for Tone {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "negative" | "neg" => Ok(Tone::Negative),
            "neutral" | "neu" => Ok(Tone::Neutral),
            "positive" | "pos" => Ok(Tone::Positive),
            _ => Err(format!(
                "unknown sentiment `{s}` (expected one of: negative, neutral, positive)"
            )),
        }
    }
}

impl fmt::Display for Tone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One of a person's handles, as their messages show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactHandle {
    pub channel: Channel,
    /// As the messages spell it.
    pub handle: String,
    /// The display names it wrote under, most recent first.
    pub names: Vec<String>,
    pub followers: Option<u64>,
    pub verified: bool,
    pub messages: u64,
    pub first_at: Option<DateTime<Utc>>,
    pub last_at: Option<DateTime<Utc>>,
}

/// One of a person's messages, for their card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactMessage {
    pub conversation: i64,
    pub channel: Channel,
    pub id: String,
    pub text: String,
    pub at: DateTime<Utc>,
    pub tone: Option<Tone>,
    /// −1…1, as triage read it at import.
    pub sentiment: Option<f32>,
    pub url: Option<String>,
}

/// Something people did about a person: a note, a mark, a link.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactEvent {
    pub at: DateTime<Utc>,
    pub actor: String,
    /// note, vip, blocked, link, unlink, name
    pub kind: String,
    pub payload: serde_json::Value,
}

/// A person across channels: the handles people linked (one, until
/// someone links another), what they wrote, and what people noted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactCard {
    /// None until someone notes, marks, names or links them.
    pub person: Option<i64>,
    pub name: Option<String>,
    pub vip: bool,
    pub blocked: bool,
    pub handles: Vec<ContactHandle>,
    /// Newest first.
    pub messages: Vec<ContactMessage>,
    /// The conversations they wrote in, most recent activity first.
    pub conversations: Vec<i64>,
    pub history: Vec<ContactEvent>,
    /// Handles on other channels that may be the same person (the same
    /// handle or display name): never linked by themselves.
    pub suggestions: Vec<(Channel, String)>,
}

/// A person's mark, for automation rules and the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContactMark {
    Vip,
    Blocked,
}

/// A handle whose person carries a mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedHandle {
    pub channel: Channel,
    /// Lower case, without a leading `@`.
    pub handle: String,
    pub vip: bool,
    pub blocked: bool,
}

/// How a person's handle is compared: trimmed, lower case, without a
/// leading `@` (YouTube's handles carry one, others do not).
pub fn handle_key(handle: &str) -> String {
    handle.trim().trim_start_matches('@').to_lowercase()
}

/// The message a network action acts on, as its network knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionTarget {
    pub ext_id: String,
    pub author: String,
    pub thread_ext_id: Option<String>,
    pub root_ext_id: Option<String>,
    pub url: Option<String>,
}

/// Where a reply goes on its network: the message answered and its thread.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplyTarget {
    pub ext_id: String,
    pub author: String,
    pub thread_ext_id: Option<String>,
    pub root_ext_id: Option<String>,
}

/// Tags are compared and stored in one spelling: trimmed, lower case, inner
/// spaces as dashes.
pub fn normalize_tag(tag: &str) -> String {
    tag.split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase()
}

/// What a conversation's rank is computed from (the store reads it from
/// the row; the triage turns it into a number and reasons).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PriorityInputs {
    pub status: Status,
    pub crisis: CrisisLevel,
    /// Our side has not answered the latest inbound message.
    pub unanswered: bool,
    /// The largest following among the people writing in.
    pub max_followers: u64,
    pub inbound_count: u64,
    /// The latest inbound message reads as negative.
    pub negative: bool,
    /// The strongest complaint score among the inbound messages, 0…1.
    pub complaint: f32,
    /// An inbound message reports danger or harm: a safety report.
    pub danger: bool,
    /// Seconds since the latest inbound message (wall clock), when known:
    /// what a message says weighs less as it ages.
    pub quiet_secs: Option<i64>,
    /// How long the oldest unanswered message has waited, against the
    /// channel's first-response target (both in business seconds).
    pub overdue: Option<Overdue>,
    /// Points an automation rule added (`boost` in a rule's actions).
    pub boost: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overdue {
    pub waited_secs: i64,
    pub target_secs: i64,
}

/// Why a conversation ranks where it does ("Why here"), as values: each
/// language says it its own way (`i18n::words`). In JSON (`--json`) a
/// reason is the English sentence, as it always was.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reason {
    Crisis(CrisisLevel),
    /// An inbound message reports danger or harm (a safety report).
    Danger,
    /// Someone waits for our answer: how long in business time against the
    /// channel's target, when known.
    Waiting(Option<Overdue>),
    /// Triage reads the conversation as a complaint, with its score 0…1.
    Complaint(f32),
    NegativeTone,
    /// The widest-reaching author's followers.
    Reach(u64),
    /// Messages from the public in the conversation.
    Busy(u64),
    /// Points automation rules added.
    Boost(i64),
}

/// Who the crisis detector's flags are recorded as (the interface names it
/// in its language).
pub const DETECTOR_ACTOR: &str = "palabre (crisis detector)";

/// Why the crisis detector raised an alert, as values (stored with the flag
/// it set, beside its English sentence, so that each language says it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DetectorAlert {
    /// 0…100
    pub score: u8,
    /// Weighted negative mentions in the window.
    pub weight: f64,
    pub mentions: u64,
    pub window_minutes: i64,
    /// The weight usual at this hour.
    pub expected: f64,
    /// −log10 of the probability of such a window.
    pub surprise: f64,
    pub danger: Vec<String>,
}

/// What an event did, read from its payload: the values a person is shown
/// (`i18n::words` says them). Missing or unknown values read as `None`.
#[derive(Debug, Clone, PartialEq)]
pub enum EventDetail {
    Status {
        from: Option<Status>,
        to: Option<Status>,
        reason: Option<String>,
    },
    Tags {
        added: bool,
        tags: Vec<String>,
    },
    Assign {
        from: Option<String>,
        to: Option<String>,
    },
    Crisis {
        from: Option<CrisisLevel>,
        to: Option<CrisisLevel>,
        reason: Option<String>,
        /// Set by the crisis detector: why, as values.
        alert: Option<DetectorAlert>,
    },
    Escalation {
        to: String,
        note: String,
    },
    Note(String),
    /// A reply queued or sent: its text.
    Reply(String),
    /// A reply the network refused: why.
    ReplyFailed(String),
    Draft {
        chars: u64,
    },
    Edited {
        channel: String,
        message: String,
    },
    Hook {
        ok: bool,
        /// `webhook` or `command`.
        hook: String,
        target: String,
        attempts: u64,
        /// The webhook's HTTP status.
        status: Option<i64>,
        error: Option<String>,
    },
    Sentiment {
        from: Option<Tone>,
        to: Option<Tone>,
    },
    /// A network action: queued (`undoes` another), done, refused by the
    /// network (`error`), or cancelled before it left.
    Action {
        stage: ActionStage,
        kind: Option<ActionKind>,
        /// The message's network id.
        message: String,
        reason: Option<String>,
        undoes: Option<i64>,
        error: Option<String>,
    },
    /// An automation rule acted on a message: what it did, step by step,
    /// as recorded.
    Rule {
        rule: String,
        message: String,
        did: Vec<String>,
    },
    /// Points a rule added to the conversation's priority.
    Boost(i64),
}

/// Where a network action is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionStage {
    Queued,
    Done,
    Failed,
    Cancelled,
}

impl Event {
    /// The payload as values.
    pub fn detail(&self) -> EventDetail {
        let p = &self.payload;
        let text = |k: &str| p.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let opt = |k: &str| {
            p.get(k)
                .and_then(|v| v.as_str())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        fn parsed<T: FromStr>(p: &serde_json::Value, k: &str) -> Option<T> {
            p.get(k)
                .and_then(|v| v.as_str())
                .and_then(|s| s.parse().ok())
        }
        let tags = || {
            p.get("tags")
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|t| t.as_str())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default()
        };
        match self.kind {
            EventKind::Status => EventDetail::Status {
                from: parsed(p, "from"),
                to: parsed(p, "to"),
                reason: opt("reason"),
            },
            EventKind::Tag => EventDetail::Tags {
                added: true,
                tags: tags(),
            },
            EventKind::Untag => EventDetail::Tags {
                added: false,
                tags: tags(),
            },
            EventKind::Assign => EventDetail::Assign {
                from: opt("from"),
                to: opt("to"),
            },
            EventKind::CrisisFlag => EventDetail::Crisis {
                from: parsed(p, "from"),
                to: parsed(p, "to"),
                reason: opt("reason"),
                alert: p
                    .get("alert")
                    .and_then(|a| serde_json::from_value(a.clone()).ok()),
            },
            EventKind::Escalation => EventDetail::Escalation {
                to: text("to"),
                note: text("note"),
            },
            EventKind::Note => EventDetail::Note(text("text")),
            EventKind::ReplyQueued | EventKind::ReplySent => EventDetail::Reply(text("text")),
            EventKind::ReplyFailed => EventDetail::ReplyFailed(text("error")),
            EventKind::DraftSaved => EventDetail::Draft {
                chars: p.get("chars").and_then(|v| v.as_u64()).unwrap_or(0),
            },
            EventKind::Edited => EventDetail::Edited {
                channel: text("channel"),
                message: text("message"),
            },
            EventKind::EscalationHookOk
            | EventKind::EscalationHookFailed
            | EventKind::RuleHookOk
            | EventKind::RuleHookFailed => EventDetail::Hook {
                ok: matches!(
                    self.kind,
                    EventKind::EscalationHookOk | EventKind::RuleHookOk
                ),
                hook: opt("hook").unwrap_or_else(|| "hook".into()),
                target: text("target"),
                attempts: p.get("attempts").and_then(|v| v.as_u64()).unwrap_or(1),
                status: p.get("status").and_then(|v| v.as_i64()),
                error: opt("error"),
            },
            EventKind::Sentiment => EventDetail::Sentiment {
                from: parsed(p, "from"),
                to: parsed(p, "to"),
            },
            EventKind::ActionQueued
            | EventKind::ActionDone
            | EventKind::ActionFailed
            | EventKind::ActionCancelled => EventDetail::Action {
                stage: match self.kind {
                    EventKind::ActionQueued => ActionStage::Queued,
                    EventKind::ActionDone => ActionStage::Done,
                    EventKind::ActionFailed => ActionStage::Failed,
                    _ => ActionStage::Cancelled,
                },
                kind: parsed(p, "kind"),
                message: text("message"),
                reason: opt("reason"),
                undoes: p.get("undoes").and_then(|v| v.as_i64()),
                error: opt("error"),
            },
            EventKind::Rule => EventDetail::Rule {
                rule: text("rule"),
                message: text("message"),
                did: p
                    .get("did")
                    .and_then(|v| v.as_array())
                    .map(|a| {
                        a.iter()
                            .filter_map(|t| t.as_str())
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default(),
            },
            EventKind::Priority => {
                EventDetail::Boost(p.get("boost").and_then(|v| v.as_i64()).unwrap_or(0))
            }
        }
    }
}

/// Where a new message goes, before the store is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThreadHint<'a> {
    /// The source named the thread.
    Explicit(&'a str),
    /// A root: it starts its own thread.
    Root,
    /// A reply: it joins its parent's thread, or waits for the parent.
    Parent(&'a str),
}

pub fn thread_hint(m: &Message) -> ThreadHint<'_> {
    match (&m.thread_id, &m.parent_id) {
        (Some(t), _) => ThreadHint::Explicit(t),
        (None, None) => ThreadHint::Root,
        (None, Some(p)) => ThreadHint::Parent(p),
    }
}

/// What the store keeps of an analysis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    pub tone: Tone,
    pub sentiment: f32,
    pub complaint: f32,
    /// The message reports danger or harm (fire, injury, recall…).
    pub danger: bool,
}

/// Whether our side still owes an answer: the public's latest message is
/// newer than our latest reply (times in any one unit).
pub fn unanswered(last_inbound: Option<i64>, last_outbound: Option<i64>) -> bool {
    match (last_inbound, last_outbound) {
        (Some(i), Some(o)) => i > o,
        (Some(_), None) => true,
        _ => false,
    }
}
