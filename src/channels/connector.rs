//! What every network's client offers the supervisor: fetch a page of
//! inbound items since a cursor, send a reply, and find a reply that may
//! have been posted by an attempt whose answer was lost.

use super::http::ChannelError;
use crate::config::AccountEntry;
use crate::model::ReplyTarget;
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
}
