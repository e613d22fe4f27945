//! The help overlay: every action, its keys from the key map, its name.

use super::popup;
use crate::app::action::Action;
use crate::app::keymap::{Command, Section};
use crate::app::state::HelpPane;
use crate::text::truncate;
use crate::ui::{Screen, centered};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The keys' column: as wide as this, descriptions after it.
const KEYS: usize = 16;

pub fn draw(frame: &mut Frame, area: Rect, screen: &Screen, pane: &HelpPane) {
    let scroll = pane.scroll;
    let state = screen.state;
    let rect = centered(area, 76, area.height.saturating_sub(2).max(8));
    frame.render_widget(Clear, rect);
    let block = popup(screen, format!(" {} ", state.lang.t().panes.keys));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for a in Action::ALL {
        let keys = screen.keymap.keys_in(*a, state.lang).join(" ");
        lines.extend(row(
            screen,
            &keys,
            a.describe(state.lang),
            &format!(":{}", a.name()),
            width,
        ));
    }
    // Then each pane's own keys, below the fold of a full-height help: they
    // are found by scrolling, the actions stay the first page.
    for section in Section::ALL {
        lines.push(Line::default());
        lines.push(Line::default());
        lines.push(Line::styled(section.title(state.lang), screen.theme.accent));
        for spec in section.commands() {
            let keys: Vec<String> = screen
                .keymap
                .command_keys(section, spec.command)
                .iter()
                .map(|k| k.label_in(state.lang))
                .collect();
            lines.extend(row(
                screen,
                &keys.join(" "),
                spec.describe(state.lang),
                &format!("{}.{}", section.name(), spec.name),
                width,
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

/// One help row: the keys, then what they do and the command's name,
/// wrapped at word boundaries under the description (never cut in a word).
fn row<'a>(screen: &Screen, keys: &str, what: &str, name: &str, width: usize) -> Vec<Line<'a>> {
    let room = width.saturating_sub(KEYS).max(12);
    // The name goes on the description's last line when it fits there.
    let mut text = crate::ui::thread::wrap(what, room);
    let last = text.last().map_or(0, |l| l.width());
    let name_on_own_line = last + 2 + name.width() > room;
    if name_on_own_line {
        text.push(String::new());
    }
    let count = text.len();
    text.into_iter()
        .enumerate()
        .map(|(i, part)| {
            let lead = if i == 0 {
                format!("{:<KEYS$}", truncate(keys, KEYS - 1))
            } else {
                " ".repeat(KEYS)
            };
            let mut spans = vec![
                Span::styled(lead, screen.theme.accent),
                Span::raw(part.clone()),
            ];
            if i + 1 == count {
                let gap = if part.is_empty() { "" } else { "  " };
                spans.push(Span::styled(format!("{gap}{name}"), screen.theme.muted));
            }
            Line::from(spans)
        })
        .collect()
}

pub fn hint(screen: &Screen) -> String {
    let h = &screen.state.lang.t().hints;
    super::hint(
        screen,
        Section::Help,
        &[
            (&[&[Command::Down, Command::Up]], h.scroll),
            (&[&[Command::Close]], h.close),
        ],
    )
}
