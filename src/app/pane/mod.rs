//! The panes drawn over the queue: each one's state and keys live in its own
//! file here, and its drawing in `ui/pane/` under the same name. A pane's
//! key handler takes the pane and returns what comes next, so that the
//! router in `update` puts the overlay back in one place.

pub mod contact;
pub mod crisis;
pub mod help;
pub mod picker;
pub mod prompt;
pub mod reply;
pub mod stats;
pub mod tags;

use super::effect::Effect;

pub use contact::ContactPane;
pub use crisis::{CrisisOverview, CrisisPane};
pub use help::HelpPane;
pub use picker::{Picker, PickerPurpose};
pub use prompt::{Prompt, PromptPurpose};
pub use reply::ReplyState;
pub use stats::{StatsPane, StatsRange, StatsSection};
pub use tags::TagPane;

/// What is drawn over the queue, at most one at a time.
pub enum Overlay {
    None,
    Stats(Box<StatsPane>),
    Help(HelpPane),
    Prompt(Prompt),
    Picker(Picker),
    Reply(Box<ReplyState>),
    Tags(TagPane),
    Crisis(CrisisPane),
    Contact(Box<ContactPane>),
}

impl Overlay {
    pub fn is_none(&self) -> bool {
        matches!(self, Overlay::None)
    }
}

/// What a key leaves open after a pane handled it.
pub enum Next<P> {
    /// The pane stays, changed or not.
    Stay(P),
    /// The pane closes: the queue shows.
    Close,
    /// Another overlay takes its place.
    Open(Overlay),
}

/// A key's outcome: what comes next, and the effects to carry out.
#[must_use]
pub struct Outcome<P> {
    pub next: Next<P>,
    pub effects: Vec<Effect>,
}

impl<P> Outcome<P> {
    pub fn stay(pane: P) -> Outcome<P> {
        Outcome {
            next: Next::Stay(pane),
            effects: Vec::new(),
        }
    }

    pub fn close() -> Outcome<P> {
        Outcome {
            next: Next::Close,
            effects: Vec::new(),
        }
    }

    pub fn open(overlay: Overlay) -> Outcome<P> {
        Outcome {
            next: Next::Open(overlay),
            effects: Vec::new(),
        }
    }

    pub fn with(mut self, effects: Vec<Effect>) -> Outcome<P> {
        self.effects.extend(effects);
        self
    }

    /// The same outcome for the overlay that holds the pane.
    pub fn map<Q>(self, f: impl FnOnce(P) -> Q) -> Outcome<Q> {
        Outcome {
            next: match self.next {
                Next::Stay(p) => Next::Stay(f(p)),
                Next::Close => Next::Close,
                Next::Open(o) => Next::Open(o),
            },
            effects: self.effects,
        }
    }
}

/// The queue itself has no pane to keep: one of its keys leaves nothing
/// open (`Close`) or opens an overlay.
pub enum NoPane {}

impl Outcome<NoPane> {
    /// Nothing open afterwards, these effects to carry out.
    pub fn queue(effects: Vec<Effect>) -> Outcome<NoPane> {
        Outcome::close().with(effects)
    }

    /// The same outcome from inside a pane (the palette runs queue actions).
    pub fn widen<P>(self) -> Outcome<P> {
        self.map(|never| match never {})
    }
}
