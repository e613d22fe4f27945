//! The crisis pane (`!`): a level with a reason, escalation, and what the
//! flagged conversations look like.

use super::{Outcome, Overlay, picker};
use crate::app::keymap::{Command, Keymap, Section};
use crate::app::state::State;
use crate::model::CrisisLevel;
use crossterm::event::KeyEvent;

#[derive(Debug, Clone, PartialEq)]
pub struct CrisisPane {
    pub cursor: usize,
    /// The conversations it acts on, fixed when it opened.
    pub targets: Vec<i64>,
}

/// What the crisis pane shows beside the levels.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CrisisOverview {
    /// Inbound messages per hour in flagged conversations, oldest first.
    pub hourly: Vec<u64>,
    /// When the first of those hours begins.
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    /// (handle, followers) of the widest-reaching authors in them.
    pub top_authors: Vec<(String, u64)>,
}

/// The pane for the targets, on the selected conversation's level.
pub fn open(state: &State) -> Option<CrisisPane> {
    if state.targets().is_empty() {
        return None;
    }
    let level = state
        .current()
        .map_or(CrisisLevel::None, |c| c.crisis_level);
    let cursor = CrisisLevel::ALL
        .iter()
        .position(|l| *l == level)
        .unwrap_or(0);
    Some(CrisisPane {
        targets: state.targets(),
        cursor,
    })
}

pub fn key(
    mut pane: CrisisPane,
    state: &mut State,
    keymap: &Keymap,
    key: KeyEvent,
) -> Outcome<CrisisPane> {
    match keymap.command(Section::Crisis, &key) {
        Some(Command::Close) => Outcome::close(),
        Some(Command::Down) => {
            pane.cursor = (pane.cursor + 1).min(CrisisLevel::ALL.len() - 1);
            Outcome::stay(pane)
        }
        Some(Command::Up) => {
            pane.cursor = pane.cursor.saturating_sub(1);
            Outcome::stay(pane)
        }
        Some(Command::Escalate) => match picker::escalate(state, pane.targets) {
            Some(p) => Outcome::open(Overlay::Picker(p)),
            None => Outcome::close(),
        },
        Some(Command::Choose) => {
            let level = CrisisLevel::ALL[pane.cursor.min(CrisisLevel::ALL.len() - 1)];
            Outcome::open(Overlay::Prompt(super::Prompt {
                targets: pane.targets,
                purpose: super::PromptPurpose::CrisisReason(level),
                text: String::new(),
                fresh: false,
            }))
        }
        _ => Outcome::stay(pane),
    }
}
