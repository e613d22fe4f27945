//! What each network lets us do to a message besides answering it: the
//! capability table. One entry per (network, action): the endpoint that
//! does it, the action that undoes it, and what happens after an answer
//! was lost (the outbox's exactly-once rule for that action); or why the
//! network does not offer it. The store refuses an action that is not
//! offered with that reason, the clients implement exactly what is
//! offered, `palabre accounts` and the README print the table.
//!
//! Pure data, below the store and the channels like `limits`.

use crate::i18n::Catalogue;
use crate::model::{ActionKind, Channel};
use serde::Serialize;

/// After a request whose answer was lost (a time-out once it left, a
/// server error), how the outbox makes sure it happens once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AfterLostAnswer {
    /// The request sets a state (hidden, liked, blocked): sending it again
    /// cannot do it twice.
    Repeat,
    /// The network is asked whether it happened before anything is sent
    /// again.
    LookUp,
    /// The network cannot say, and doing it twice would show (a report): a
    /// person decides, with `palabre retry-action`.
    AskPerson,
}

/// An action the network offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Offer {
    /// The request, as the network's documentation names it.
    pub endpoint: &'static str,
    /// The action that takes it back, if the network has one.
    pub undo: Option<ActionKind>,
    pub after_lost_answer: AfterLostAnswer,
}

/// Why a network does not offer an action; its words are the catalogue's
/// (`i18n::catalogue::Refusals`), one per variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NoApi,
    MastodonHide,
    RedditMute,
    YoutubeRate,
    YoutubeUnban,
    YoutubeMute,
    YoutubeReport,
    XReport,
    FacebookMute,
    FacebookReport,
    InstagramLike,
    InstagramBlock,
    InstagramReport,
}

impl Refusal {
    pub fn say(self, t: &Catalogue) -> &'static str {
        let w = &t.moderation.refusals;
        match self {
            Refusal::NoApi => w.no_api,
            Refusal::MastodonHide => w.mastodon_hide,
            Refusal::RedditMute => w.reddit_mute,
            Refusal::YoutubeRate => w.youtube_rate,
            Refusal::YoutubeUnban => w.youtube_unban,
            Refusal::YoutubeMute => w.youtube_mute,
            Refusal::YoutubeReport => w.youtube_report,
            Refusal::XReport => w.x_report,
            Refusal::FacebookMute => w.facebook_mute,
            Refusal::FacebookReport => w.facebook_report,
            Refusal::InstagramLike => w.instagram_like,
            Refusal::InstagramBlock => w.instagram_block,
            Refusal::InstagramReport => w.instagram_report,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capability {
    Offered(Offer),
    Refused(Refusal),
}

impl Capability {
    pub fn offered(&self) -> Option<&Offer> {
        match self {
            Capability::Offered(o) => Some(o),
            Capability::Refused(_) => None,
        }
    }
}

use ActionKind::*;
use AfterLostAnswer::{AskPerson, LookUp, Repeat};

const fn offer(
    endpoint: &'static str,
    undo: Option<ActionKind>,
    after: AfterLostAnswer,
) -> Capability {
    Capability::Offered(Offer {
        endpoint,
        undo,
        after_lost_answer: after,
    })
}

const fn refuse(why: Refusal) -> Capability {
    Capability::Refused(why)
}

const NO_API: Capability = refuse(Refusal::NoApi);

/// What `network` offers for `kind`.
pub fn capability(network: Channel, kind: ActionKind) -> Capability {
    match network {
        Channel::Mastodon => mastodon(kind),
        Channel::Bluesky => bluesky(kind),
        Channel::Reddit => reddit(kind),
        Channel::Youtube => youtube(kind),
        Channel::X => x(kind),
        Channel::Facebook => facebook(kind),
        Channel::Instagram => instagram(kind),
        Channel::Email | Channel::Other => NO_API,
    }
}

/// Mastodon's REST API (docs.joinmastodon.org/methods/): statuses,
/// accounts and reports.
fn mastodon(kind: ActionKind) -> Capability {
    match kind {
        Hide | Unhide => refuse(Refusal::MastodonHide),
        Delete => offer("DELETE /api/v1/statuses/:id", None, LookUp),
        Like => offer("POST /api/v1/statuses/:id/favourite", Some(Unlike), LookUp),
        Unlike => offer("POST /api/v1/statuses/:id/unfavourite", Some(Like), LookUp),
        Block => offer("POST /api/v1/accounts/:id/block", Some(Unblock), LookUp),
        Unblock => offer("POST /api/v1/accounts/:id/unblock", Some(Block), LookUp),
        Mute => offer("POST /api/v1/accounts/:id/mute", Some(Unmute), LookUp),
        Unmute => offer("POST /api/v1/accounts/:id/unmute", Some(Mute), LookUp),
        Report => offer("POST /api/v1/reports", None, AskPerson),
    }
}

/// Bluesky through the account's PDS (atproto lexicons).
fn bluesky(kind: ActionKind) -> Capability {
    match kind {
        Hide => offer(
            "app.bsky.feed.threadgate hiddenReplies (com.atproto.repo.putRecord)",
            Some(Unhide),
            LookUp,
        ),
        Unhide => offer(
            "app.bsky.feed.threadgate hiddenReplies (com.atproto.repo.putRecord)",
            Some(Hide),
            LookUp,
        ),
        Delete => offer(
            "com.atproto.repo.deleteRecord (app.bsky.feed.post)",
            None,
            Repeat,
        ),
        Like => offer(
            "com.atproto.repo.createRecord (app.bsky.feed.like)",
            Some(Unlike),
            LookUp,
        ),
        Unlike => offer(
            "com.atproto.repo.deleteRecord (app.bsky.feed.like)",
            Some(Like),
            Repeat,
        ),
        Block => offer(
            "com.atproto.repo.createRecord (app.bsky.graph.block)",
            Some(Unblock),
            LookUp,
        ),
        Unblock => offer(
            "com.atproto.repo.deleteRecord (app.bsky.graph.block)",
            Some(Block),
            Repeat,
        ),
        Mute => offer("app.bsky.graph.muteActor", Some(Unmute), Repeat),
        Unmute => offer("app.bsky.graph.unmuteActor", Some(Mute), Repeat),
        Report => offer("com.atproto.moderation.createReport", None, AskPerson),
    }
}

/// Reddit's OAuth API (www.reddit.com/dev/api) on oauth.reddit.com.
fn reddit(kind: ActionKind) -> Capability {
    match kind {
        Hide => offer("POST /api/remove (moderators)", Some(Unhide), Repeat),
        Unhide => offer("POST /api/approve (moderators)", Some(Hide), Repeat),
        Delete => offer("POST /api/del", None, Repeat),
        Like => offer("POST /api/vote dir=1", Some(Unlike), Repeat),
        Unlike => offer("POST /api/vote dir=0", Some(Like), Repeat),
        Block => offer("POST /api/block_user", Some(Unblock), Repeat),
        Unblock => offer("POST /api/unfriend type=enemy", Some(Block), Repeat),
        Mute | Unmute => refuse(Refusal::RedditMute),
        Report => offer("POST /api/report", None, AskPerson),
    }
}

/// The YouTube Data API v3.
fn youtube(kind: ActionKind) -> Capability {
    match kind {
        Hide => offer(
            "POST /youtube/v3/comments/setModerationStatus moderationStatus=heldForReview",
            Some(Unhide),
            Repeat,
        ),
        Unhide => offer(
            "POST /youtube/v3/comments/setModerationStatus moderationStatus=published",
            Some(Hide),
            Repeat,
        ),
        Delete => offer("DELETE /youtube/v3/comments", None, LookUp),
        Like | Unlike => refuse(Refusal::YoutubeRate),
        Block => offer(
            "POST /youtube/v3/comments/setModerationStatus moderationStatus=rejected banAuthor=true",
            None,
            Repeat,
        ),
        Unblock => refuse(Refusal::YoutubeUnban),
        Mute | Unmute => refuse(Refusal::YoutubeMute),
        Report => refuse(Refusal::YoutubeReport),
    }
}

/// The X API v2.
fn x(kind: ActionKind) -> Capability {
    match kind {
        Hide => offer(
            "PUT /2/tweets/:id/hidden {\"hidden\": true}",
            Some(Unhide),
            Repeat,
        ),
        Unhide => offer(
            "PUT /2/tweets/:id/hidden {\"hidden\": false}",
            Some(Hide),
            Repeat,
        ),
        Delete => offer("DELETE /2/tweets/:id", None, LookUp),
        Like => offer("POST /2/users/:id/likes", Some(Unlike), Repeat),
        Unlike => offer("DELETE /2/users/:id/likes/:tweet_id", Some(Like), Repeat),
        Block => offer("POST /2/users/:id/blocking", Some(Unblock), Repeat),
        Unblock => offer(
            "DELETE /2/users/:source_user_id/blocking/:target_user_id",
            Some(Block),
            Repeat,
        ),
        Mute => offer("POST /2/users/:id/muting", Some(Unmute), Repeat),
        Unmute => offer(
            "DELETE /2/users/:source_user_id/muting/:target_user_id",
            Some(Mute),
            Repeat,
        ),
        Report => refuse(Refusal::XReport),
    }
}

/// The Graph API for a Facebook Page.
fn facebook(kind: ActionKind) -> Capability {
    match kind {
        Hide => offer("POST /{comment-id} is_hidden=true", Some(Unhide), Repeat),
        Unhide => offer("POST /{comment-id} is_hidden=false", Some(Hide), Repeat),
        Delete => offer("DELETE /{comment-id}", None, LookUp),
        Like => offer("POST /{comment-id}/likes", Some(Unlike), Repeat),
        Unlike => offer("DELETE /{comment-id}/likes", Some(Like), Repeat),
        Block => offer("POST /{page-id}/blocked user=…", Some(Unblock), Repeat),
        Unblock => offer("DELETE /{page-id}/blocked user=…", Some(Block), Repeat),
        Mute | Unmute => refuse(Refusal::FacebookMute),
        Report => refuse(Refusal::FacebookReport),
    }
}

/// The Instagram Graph API (professional accounts).
fn instagram(kind: ActionKind) -> Capability {
    match kind {
        Hide => offer("POST /{ig-comment-id} hide=true", Some(Unhide), Repeat),
        Unhide => offer("POST /{ig-comment-id} hide=false", Some(Hide), Repeat),
        Delete => offer("DELETE /{ig-comment-id}", None, LookUp),
        Like | Unlike => refuse(Refusal::InstagramLike),
        Block | Unblock | Mute | Unmute => refuse(Refusal::InstagramBlock),
        Report => refuse(Refusal::InstagramReport),
    }
}

/// One row of the table, as `palabre accounts --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub network: Channel,
    pub action: ActionKind,
    pub offered: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undo: Option<ActionKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_lost_answer: Option<AfterLostAnswer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
}

/// The table for `network`, in the order of `ActionKind::ALL`.
pub fn rows(network: Channel) -> Vec<Row> {
    ActionKind::ALL
        .iter()
        .map(|&action| match capability(network, action) {
            Capability::Offered(o) => Row {
                network,
                action,
                offered: true,
                endpoint: Some(o.endpoint),
                undo: o.undo,
                after_lost_answer: Some(o.after_lost_answer),
                reason: None,
            },
            Capability::Refused(r) => Row {
                network,
                action,
                offered: false,
                endpoint: None,
                undo: None,
                after_lost_answer: None,
                // Machines read it in English, as `--json` always is.
                reason: Some(r.say(&crate::i18n::EN)),
            },
        })
        .collect()
}

/// The networks with an API, in the order of `Channel::ALL`.
pub fn networks() -> impl Iterator<Item = Channel> {
    Channel::ALL
        .iter()
        .copied()
        .filter(|c| !matches!(c, Channel::Email | Channel::Other))
}

/// The whole table as Markdown: a network per row, an action per column,
/// ✓ (with ↺ when it can be undone) or — (refused; the reasons below).
pub fn markdown() -> String {
    let mut out = String::from("| network |");
    for a in ActionKind::ALL {
        out.push_str(&format!(" {a} |"));
    }
    out.push_str("\n|---|");
    for _ in ActionKind::ALL {
        out.push_str("---|");
    }
    out.push('\n');
    for network in networks() {
        out.push_str(&format!("| {network} |"));
        for row in rows(network) {
            let cell = match (row.offered, row.undo) {
                (true, Some(_)) => " ✓ ↺ |",
                (true, None) => " ✓ |",
                (false, _) => " — |",
            };
            out.push_str(cell);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_pairs_are_symmetric_and_only_between_offered_actions() {
        for network in Channel::ALL {
            for kind in ActionKind::ALL {
                let Capability::Offered(o) = capability(*network, *kind) else {
                    continue;
                };
                if let Some(undo) = o.undo {
                    assert_eq!(kind.inverse(), Some(undo), "{network} {kind}");
                    let back = capability(*network, undo);
                    let back = back.offered().unwrap_or_else(|| panic!("{network} {undo}"));
                    assert_eq!(back.undo, Some(*kind), "{network} {undo}");
                }
            }
        }
    }

    #[test]
    fn the_issue_s_network_actions_are_where_the_networks_offer_them() {
        // Hide: Facebook is_hidden, Instagram hide, YouTube moderation, X hidden replies.
        for n in [
            Channel::Facebook,
            Channel::Instagram,
            Channel::Youtube,
            Channel::X,
        ] {
            assert!(capability(n, Hide).offered().is_some(), "{n}");
        }
        // Block or mute the author on Mastodon, Bluesky, Reddit, X.
        for n in [
            Channel::Mastodon,
            Channel::Bluesky,
            Channel::Reddit,
            Channel::X,
        ] {
            assert!(capability(n, Block).offered().is_some(), "{n}");
        }
        assert!(capability(Channel::X, Report).offered().is_none());
        let Capability::Refused(r) = capability(Channel::Mastodon, Hide) else {
            panic!()
        };
        assert!(r.say(&crate::i18n::EN).contains("Mastodon"));
        assert!(r.say(&crate::i18n::FR).contains("Mastodon"));
        assert!(capability(Channel::Email, Like).offered().is_none());
    }

    #[test]
    fn reports_are_never_sent_twice_by_themselves() {
        for network in Channel::ALL {
            if let Capability::Offered(o) = capability(*network, Report) {
                assert_eq!(o.after_lost_answer, AskPerson, "{network}");
            }
        }
    }
}

#[cfg(test)]
mod readme {
    /// The README prints the table this code holds, word for word.
    #[test]
    fn the_readme_shows_the_capability_table_of_the_code() {
        let readme = include_str!("../README.md");
        let table = super::markdown();
        assert!(
            readme.contains(&table),
            "README.md lacks the current table:\n{table}"
        );
    }
}
