//! Each pane drawn over the main area, one file per pane, named like its
//! state and keys in `app/pane/`.

pub mod crisis;
pub mod help;
pub mod picker;
pub mod prompt;
pub mod reply;
pub mod stats;
pub mod tags;

use super::Screen;
use crate::app::state::Overlay;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

/// Draws the open overlay over `area` (the stats view is drawn in its place
/// instead, by `ui::draw`).
pub fn draw(frame: &mut Frame, area: Rect, screen: &Screen) {
    match &screen.state.overlay {
        Overlay::None | Overlay::Stats(_) => {}
        Overlay::Help(p) => help::draw(frame, area, screen, p),
        Overlay::Prompt(p) => prompt::draw(frame, area, screen, p),
        Overlay::Picker(p) => picker::draw(frame, area, screen, p),
        Overlay::Reply(r) => reply::draw(frame, area, screen, r),
        Overlay::Tags(t) => tags::draw(frame, area, screen, t),
        Overlay::Crisis(c) => crisis::draw(frame, area, screen, c),
    }
}

pub fn popup<'a>(screen: &Screen, title: String) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(screen.theme.border_focus)
        .style(screen.theme.base)
        .title(Span::styled(title, screen.theme.accent))
}
