//! The help overlay: every action, its keys from the key map, its name.

use super::popup;
use crate::app::action::Action;
use crate::app::keymap::{Command, Key, Section};
use crate::app::state::HelpPane;
use crate::ui::{Screen, centered};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn draw(frame: &mut Frame, area: Rect, screen: &Screen, pane: &HelpPane) {
    let scroll = pane.scroll;
    let state = screen.state;
    let rect = centered(area, 76, area.height.saturating_sub(2).max(8));
    frame.render_widget(Clear, rect);
    let block = popup(screen, format!(" {} ", state.lang.pick("Keys", "Touches")));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut lines: Vec<Line> = Action::ALL
        .iter()
        .map(|a| {
            let keys = screen.keymap.keys_for(*a).join(" ");
            Line::from(vec![
                Span::styled(format!("{keys:<16}"), screen.theme.accent),
                Span::raw(a.describe(state.lang).to_string()),
                Span::styled(format!("  :{}", a.name()), screen.theme.muted),
            ])
        })
        .collect();
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
                .map(Key::label)
                .collect();
            let keys = keys.join(" ");
            lines.push(Line::from(vec![
                Span::styled(format!("{keys:<16}"), screen.theme.accent),
                Span::raw(spec.describe(state.lang).to_string()),
                Span::styled(
                    format!("  {}.{}", section.name(), spec.name),
                    screen.theme.muted,
                ),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

pub fn hint(screen: &Screen) -> String {
    let l = |en, fr| screen.state.lang.pick(en, fr);
    super::hint(
        screen,
        Section::Help,
        &[
            (&[&[Command::Down, Command::Up]], l("scroll", "défiler")),
            (&[&[Command::Close]], l("close", "fermer")),
        ],
    )
}
