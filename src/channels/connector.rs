//! What every network's client offers the supervisor: fetch a page of
//! inbound items since a cursor, send a reply, and find a reply that may
//! have been posted by an attempt whose answer was lost; carry out a
//! network action (hide, like, block…) and tell, after a lost answer,
//! whether it happened.

use super::http::ChannelError;
use crate::capabilities::{AfterLostAnswer, Capability, capability};
use crate::config::AccountEntry;
use crate::model::{ActionKind, ActionTarget, ReplyTarget};
use crate::model::{Channel, Message};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One page of inbound items (and the parents fetched to complete their
/// threads), and where the next fetch starts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fetched {
    pub messages: Vec<Message>,
    /// Stored with the page's messages, in one transaction. None: keep the
    /// stored cursor.
    pub cursor: Option<String>,
    /// Another page is waiting now.
    pub more: bool,
}

/// A reply leaving the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    pub outbox: i64,
    pub text: String,
    /// The same across attempts: networks that honour one (Mastodon's
    /// `Idempotency-Key`) post it once.
    pub idempotency_key: String,
    pub in_reply_to: Option<ReplyTarget>,
}

/// A reply the network accepted: its id there, and our copy of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub remote_id: String,
    pub message: Message,
}

/// A network action leaving the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct Act {
    pub id: i64,
    pub kind: ActionKind,
    /// The same across attempts: record keys derived from it make a retry
    /// land on the same record (Bluesky likes and blocks).
    pub idempotency_key: String,
    pub target: ActionTarget,
    /// A report's reason.
    pub reason: Option<String>,
    /// What the network made of the action this one takes back, when it
    /// said (the like record an unlike deletes).
    pub undoes_remote_id: Option<String>,
}

/// An action the network carried out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Acted {
    /// What it made, when undoing needs it (a record's uri, a report's id).
    pub remote_id: Option<String>,
}

/// Whether something whose answer was lost (an action; for the outbox's
/// rule, a reply too) happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup<T = Acted> {
    Done(T),
    /// It did not: send it.
    NotDone,
    /// The network cannot say, and doing it twice would show.
    Unknown,
}

/// The refusal of an action the network does not offer (the store refuses
/// to queue one: this is the last guard).
pub fn not_offered(network: Channel, kind: ActionKind) -> ChannelError {
    let message = match capability(network, kind) {
        Capability::Refused(_) => format!("{network} does not offer {kind}"),
        Capability::Offered(_) => format!("{kind} is not implemented by the {network} client"),
    };
    ChannelError::Refused { status: 0, message }
}

pub trait Connector: Send + Sync {
    fn account(&self) -> &AccountEntry;

    fn network(&self) -> Channel {
        self.account().network
    }

    /// How often `sync --watch` polls this account.
    fn pace(&self) -> Duration {
        Duration::from_secs(self.account().poll_seconds.unwrap_or(60).max(5))
    }

    /// Inbound items after `cursor` (`None`: the first sync of the account).
    fn fetch<'a>(&'a self, cursor: Option<&'a str>)
    -> BoxFuture<'a, Result<Fetched, ChannelError>>;

    fn send<'a>(&'a self, reply: &'a Outgoing) -> BoxFuture<'a, Result<Sent, ChannelError>>;

    /// After an ambiguous failure: the reply, if it was posted after all.
    fn find_sent<'a>(
        &'a self,
        reply: &'a Outgoing,
    ) -> BoxFuture<'a, Result<Option<Sent>, ChannelError>>;

    /// Carries out a network action. A network without it refuses with the
    /// capability table's reason.
    fn act<'a>(&'a self, act: &'a Act) -> BoxFuture<'a, Result<Acted, ChannelError>> {
        let network = self.network();
        Box::pin(async move { Err(not_offered(network, act.kind)) })
    }

    /// After an ambiguous failure: whether the action happened. By the
    /// capability table: an action that sets a state is sent again, one
    /// the network cannot be asked about waits for a person; a client
    /// whose table says `LookUp` asks its network.
    fn find_act<'a>(&'a self, act: &'a Act) -> BoxFuture<'a, Result<Lookup, ChannelError>> {
        let after = capability(self.network(), act.kind)
            .offered()
            .map(|o| o.after_lost_answer);
        Box::pin(async move {
            Ok(match after {
                Some(AfterLostAnswer::Repeat) => Lookup::NotDone,
                _ => Lookup::Unknown,
            })
        })
    }
}
