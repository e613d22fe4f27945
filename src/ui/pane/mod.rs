//! Each pane drawn over the main area, one file per pane, named like its
//! state and keys in `app/pane/`.

pub mod contact;
pub mod crisis;
pub mod help;
pub mod picker;
pub mod prompt;
pub mod reply;
pub mod stats;
pub mod tags;

use super::Screen;
use crate::app::keymap::{Command, Section};
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
        Overlay::Contact(c) => contact::draw(frame, area, screen, c),
    }
}

/// The hint line of a pane: `keys label` parts joined by " · ", each
/// command's first key from the key map, in the interface's language. A
/// part is a row of command groups (`←/→ j/k move`); a command without a
/// key is left out, and a part with none.
pub fn hint(screen: &Screen, section: Section, parts: &[(&[&[Command]], &str)]) -> String {
    let lang = screen.state.lang;
    let first = |c: &Command| {
        screen
            .keymap
            .command_keys(section, *c)
            .first()
            .map(|k| k.label_in(lang))
    };
    parts
        .iter()
        .filter_map(|(groups, label)| {
            let keys: Vec<String> = groups
                .iter()
                .map(|g| g.iter().filter_map(first).collect::<Vec<_>>().join("/"))
                .filter(|g| !g.is_empty())
                .collect();
            (!keys.is_empty()).then(|| format!("{} {label}", keys.join(" ")))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

pub fn popup<'a>(screen: &Screen, title: String) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(screen.theme.border_focus)
        .style(screen.theme.base)
        .title(Span::styled(title, screen.theme.accent))
}
