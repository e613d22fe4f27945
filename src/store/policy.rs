//! What the store asks of the layer above it. The store keeps rows and the
//! numbers derived from them; how a conversation ranks, how much business
//! time it has waited and what a person's change teaches the models are the
//! triage's judgement, handed in by the service layer (`inbox`) so that
//! every backend shares one and none of them knows the triage.

use super::Result;
use crate::model::{Channel, Overdue, PriorityInputs, Tone};
use chrono::{DateTime, Utc};

pub trait Policy: Send + Sync {
    /// A conversation's rank in the queue, higher first.
    fn priority(&self, inputs: &PriorityInputs) -> i64;
    /// Why a conversation ranks where it does, for people.
    fn reasons(&self, inputs: &PriorityInputs) -> Vec<crate::model::Reason>;
    /// How long a conversation on `channel`, waiting since `since`, has
    /// waited by `now` against its target, in business time. Not `exact`:
    /// counted only as far as the ordering needs.
    fn overdue(
        &self,
        channel: Channel,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
        exact: bool,
    ) -> Overdue;
    /// When the waiting part of a priority next changes (None: never), for
    /// a conversation waiting since `since`.
    fn next_step(
        &self,
        inputs: &PriorityInputs,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>>;
    /// Whether a tag is a criticism category the models learn.
    fn is_category(&self, tag: &str) -> bool;
    /// Learns what a person's change teaches, from the examples `room`
    /// gives (inside the transaction that records the change, so that the
    /// store never holds a tag without its lesson).
    fn teach(&self, lessons: &[Lesson], room: &mut dyn Classroom) -> Result<()>;
}

/// What a person's change teaches.
#[derive(Debug, Clone, PartialEq)]
pub enum Lesson {
    /// A criticism category was added.
    Category(String),
    /// A criticism category was removed.
    NotCategory,
    /// The conversation's tone was set by a person.
    Sentiment(Tone),
}

/// A text and its language, as a lesson's example.
pub type Example = (String, Option<String>);

/// The store's side of a lesson, for one conversation, inside the
/// transaction of the change that teaches it.
pub trait Classroom {
    /// The conversation the lesson is about.
    fn conversation(&self) -> i64;
    /// A learned model's saved weights, if any.
    fn load_model(&mut self, name: &str) -> Result<Option<Vec<u8>>>;
    fn save_model(&mut self, name: &str, weights: &[u8]) -> Result<()>;
    /// The conversation's latest inbound messages, newest first.
    fn inbound(&mut self, limit: usize) -> Result<Vec<Example>>;
    /// Ordinary messages to set against the conversation's: inbound ones,
    /// from conversations with no category, not read as complaints, picked
    /// at reproducible pseudo-random places from `seed`.
    fn ordinary(&mut self, n: usize, seed: u64) -> Result<Vec<Example>>;
    /// Whether the conversation has a criticism category now.
    fn has_category(&mut self) -> Result<bool>;
}
