//! The help overlay: every action with its keys, generated from the key map.

use super::Outcome;
use crate::app::action::Action;
use crate::app::keymap::Keymap;
use crate::app::state::State;
use crossterm::event::{KeyCode, KeyEvent};

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
    match keymap.action(&key) {
        Some(Action::Down) => {
            pane.scroll = pane.scroll.saturating_add(1);
            Outcome::stay(pane)
        }
        Some(Action::Up) => {
            pane.scroll = pane.scroll.saturating_sub(1);
            Outcome::stay(pane)
        }
        Some(Action::Quit | Action::Help | Action::Back) => Outcome::close(),
        _ if key.code == KeyCode::Esc => Outcome::close(),
        _ => Outcome::stay(pane),
    }
}
