//! The tag pane (`t`): criticism categories and free tags, toggled on every
//! target at once, with the categories triage suggests.

use super::{Outcome, Overlay, Prompt, PromptPurpose};
use crate::app::effect::{Effect, StoreEffect};
use crate::app::keymap::{Command, Keymap, Section};
use crate::app::state::{CATEGORIES, State};
use crate::i18n::Lang;
use crate::model::Direction;
use crate::store::Change;
use crossterm::event::KeyEvent;

#[derive(Debug, Clone, PartialEq)]
pub struct TagPane {
    /// Categories first, then the free tags of the targets.
    pub rows: Vec<String>,
    pub cursor: usize,
    /// Categories triage suggests for the selected conversation, with the
    /// cues that matched; a person decides.
    pub suggestions: Vec<crate::triage::categories::Suggestion>,
    /// The conversations it acts on, fixed when it opened.
    pub targets: Vec<i64>,
}

/// The pane for the targets, if there are any.
pub fn open(state: &State) -> Option<TagPane> {
    if state.targets().is_empty() {
        return None;
    }
    Some(TagPane {
        targets: state.targets(),
        rows: rows(state),
        cursor: 0,
        suggestions: suggestions(state),
    })
}

pub fn key(
    mut pane: TagPane,
    state: &mut State,
    keymap: &Keymap,
    key: KeyEvent,
) -> Outcome<TagPane> {
    match keymap.command(Section::Tags, &key) {
        Some(Command::Close) => Outcome::close(),
        Some(Command::Down) => {
            pane.cursor = (pane.cursor + 1).min(pane.rows.len().saturating_sub(1));
            Outcome::stay(pane)
        }
        Some(Command::Up) => {
            pane.cursor = pane.cursor.saturating_sub(1);
            Outcome::stay(pane)
        }
        Some(Command::Toggle) => {
            let Some(tag) = pane.rows.get(pane.cursor).cloned() else {
                return Outcome::stay(pane);
            };
            let targets = pane.targets.clone();
            // Toggle: if every target has it, remove it; otherwise add it to all.
            let all_have = targets.iter().all(|id| {
                state
                    .items
                    .iter()
                    .find(|c| c.id == *id)
                    .is_some_and(|c| c.tags.contains(&tag))
            });
            let change = if all_have {
                Change::Untag(vec![tag])
            } else {
                Change::Tag(vec![tag])
            };
            Outcome::stay(pane).with(vec![Effect::Store(StoreEffect::Apply { targets, change })])
        }
        Some(Command::NewTag) => Outcome::open(Overlay::Prompt(Prompt {
            targets: pane.targets,
            purpose: PromptPurpose::FreeTag,
            text: String::new(),
            fresh: false,
        })),
        _ => Outcome::stay(pane),
    }
}

/// Categories suggested for the current thread's inbound messages: by the
/// rules, with the words that matched, and by the model learned from
/// people's tags. A suggestion is only ever shown, never applied.
fn suggestions(state: &State) -> Vec<crate::triage::categories::Suggestion> {
    let Some(thread) = &state.thread else {
        return Vec::new();
    };
    let text: Vec<&str> = thread
        .messages
        .iter()
        .filter(|m| m.message.direction == Direction::Inbound)
        .map(|m| m.message.text.as_str())
        .collect();
    let mut out = state.rules.suggest(&text.join("\n"));
    let lang: Lang = state.lang;
    for learned in &thread.learned_categories {
        let t = lang.t();
        let reason = (t.tags.learned)(&t.share(f64::from(learned.probability)), learned.examples);
        match out.iter_mut().find(|s| s.category == learned.category) {
            Some(s) => s.reasons.push(reason),
            None => out.push(crate::triage::categories::Suggestion {
                category: learned.category.clone(),
                reasons: vec![reason],
            }),
        }
    }
    out
}

/// Categories first, then free tags already on the targets.
fn rows(state: &State) -> Vec<String> {
    let mut rows: Vec<String> = CATEGORIES.iter().map(|c| c.to_string()).collect();
    let targets = state.targets();
    for item in &state.items {
        if targets.contains(&item.id) {
            for t in &item.tags {
                if !rows.contains(t) {
                    rows.push(t.clone());
                }
            }
        }
    }
    rows
}
