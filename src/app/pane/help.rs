//! The help overlay: every action with its keys, generated from the key map.

use super::Outcome;
use crate::app::keymap::{Command, Keymap, Section};
use crate::app::state::State;
use crossterm::event::KeyEvent;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HelpPane {
    pub scroll: u16,
}

pub fn key(
    mut pane: HelpPane,
    _state: &mut State,
    keymap: &Keymap,
    key: KeyEvent,
) -> Outcome<HelpPane> {
    match keymap.command(Section::Help, &key) {
        Some(Command::Down) => {
            pane.scroll = pane.scroll.saturating_add(1);
            Outcome::stay(pane)
        }
        Some(Command::Up) => {
            pane.scroll = pane.scroll.saturating_sub(1);
            Outcome::stay(pane)
        }
        Some(Command::Close) => Outcome::close(),
        _ => Outcome::stay(pane),
    }
}
