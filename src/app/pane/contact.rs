//! The contact card (`C`): the author of the selected conversation's latest
//! message across channels — handles, conversations, messages, sentiment
//! over time, notes, VIP and block-list marks — with keys to note, mark,
//! link another handle, and show their conversations in the queue.

use super::{Outcome, Overlay, Picker, PickerPurpose, Prompt, PromptPurpose};
use crate::app::effect::{ContactChange, Effect, StoreEffect};
use crate::app::keymap::{Command, Keymap, Section};
use crate::app::state::{Figure, FigureLabel, State};
use crate::app::update::reset_view;
use crate::inbox::contacts::Card;
use crate::model::{Channel, ContactMark, Direction};
use crossterm::event::KeyEvent;

#[derive(Debug, Clone, PartialEq)]
pub struct ContactPane {
    pub channel: Channel,
    pub handle: String,
    /// None while it loads.
    pub card: Option<Box<Card>>,
    /// The selected conversation of the card.
    pub cursor: usize,
}

impl ContactPane {
    /// The pane for a handle, its card to load.
    pub fn loading(channel: Channel, handle: String) -> (ContactPane, Effect) {
        let load = Effect::Store(StoreEffect::LoadContact {
            channel,
            handle: handle.clone(),
        });
        (
            ContactPane {
                channel,
                handle,
                card: None,
                cursor: 0,
            },
            load,
        )
    }
}

/// The card of the selected conversation's latest author from the public.
pub fn open(state: &mut State) -> Outcome<super::NoPane> {
    let author = state
        .thread
        .as_ref()
        .filter(|t| state.current().is_some_and(|c| c.id == t.summary.id))
        .and_then(|t| {
            t.messages
                .iter()
                .rev()
                .find(|m| m.message.direction == Direction::Inbound)
                .map(|m| (m.message.channel, m.message.author.handle.clone()))
        });
    match author {
        Some((channel, handle)) => {
            let (pane, load) = ContactPane::loading(channel, handle);
            Outcome::open(Overlay::Contact(Box::new(pane))).with(vec![load])
        }
        None => {
            state.flash = Some(state.lang.t().contact.no_public_message.to_string());
            Outcome::close()
        }
    }
}

pub fn key(
    mut pane: Box<ContactPane>,
    state: &mut State,
    keymap: &Keymap,
    key: KeyEvent,
) -> Outcome<Box<ContactPane>> {
    let who = (pane.channel, pane.handle.clone());
    let change = |change: ContactChange| {
        Effect::Store(StoreEffect::ContactChange {
            channel: who.0,
            handle: who.1.clone(),
            change,
        })
    };
    let conversations = pane.card.as_ref().map_or(0, |c| c.summaries.len());
    match keymap.command(Section::Contact, &key) {
        Some(Command::Close) => Outcome::close(),
        Some(Command::Down) => {
            pane.cursor = (pane.cursor + 1).min(conversations.saturating_sub(1));
            Outcome::stay(pane)
        }
        Some(Command::Up) => {
            pane.cursor = pane.cursor.saturating_sub(1);
            Outcome::stay(pane)
        }
        Some(Command::Choose) => {
            let Some(card) = &pane.card else {
                return Outcome::stay(pane);
            };
            let mut ids: Vec<i64> = card.summaries.iter().map(|s| s.id).collect();
            // The selected one first: it is where the person was looking.
            if let Some(pos) = (pane.cursor < ids.len()).then_some(pane.cursor) {
                let chosen = ids.remove(pos);
                ids.insert(0, chosen);
            }
            if ids.is_empty() {
                return Outcome::stay(pane);
            }
            state.refine = Default::default();
            let label = FigureLabel {
                figure: Figure::Person,
                tag: pane.handle.clone(),
            };
            state.refine.ids = Some((label, ids));
            state.refine.contact = Some((pane.channel, pane.handle.clone()));
            Outcome::close().with(reset_view(state))
        }
        Some(Command::Vip) => {
            let on = !pane.card.as_ref().is_some_and(|c| c.contact.vip);
            Outcome::stay(pane).with(vec![change(ContactChange::Mark(ContactMark::Vip, on))])
        }
        Some(Command::BlockList) => {
            let on = !pane.card.as_ref().is_some_and(|c| c.contact.blocked);
            Outcome::stay(pane).with(vec![change(ContactChange::Mark(ContactMark::Blocked, on))])
        }
        Some(Command::Note) => Outcome::open(Overlay::Prompt(Prompt {
            purpose: PromptPurpose::ContactNote {
                channel: pane.channel,
                handle: pane.handle.clone(),
            },
            text: String::new(),
            targets: Vec::new(),
            fresh: false,
        })),
        Some(Command::Link) => {
            let suggestions = pane
                .card
                .as_ref()
                .map(|c| c.contact.suggestions.clone())
                .unwrap_or_default();
            if suggestions.is_empty() {
                state.flash = Some(state.lang.t().contact.no_lookalike.to_string());
                return Outcome::stay(pane);
            }
            Outcome::open(Overlay::Picker(Picker {
                purpose: PickerPurpose::LinkContact {
                    channel: pane.channel,
                    handle: pane.handle.clone(),
                },
                items: suggestions
                    .iter()
                    .map(|(c, h)| (format!("{c}:{h}"), format!("{c}:{h}")))
                    .collect(),
                cursor: 0,
                targets: Vec::new(),
            }))
        }
        _ => Outcome::stay(pane),
    }
}
