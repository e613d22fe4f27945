//! A one-line prompt at the bottom of the main area; the palette lists its
//! completions under it.

use super::popup;
use crate::app::keymap::{Command, Section};
use crate::app::state::{Prompt, PromptPurpose};
use crate::text::{sanitize, truncate};
use crate::ui::Screen;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, area: Rect, screen: &Screen, prompt: &Prompt) {
    let lang = screen.state.lang;
    let t = lang.t();
    let title = match &prompt.purpose {
        PromptPurpose::Search { everywhere: false } => {
            (t.panes.search_in)(screen.state.view.label(lang))
        }
        PromptPurpose::Search { everywhere: true } => t.panes.search_everywhere.to_string(),
        PromptPurpose::Assign => t.panes.assign_to.to_string(),
        PromptPurpose::FreeTag => t.panes.new_tag.to_string(),
        PromptPurpose::CrisisReason(level) => (t.panes.crisis_reason)(t.crisis_level(*level)),
        PromptPurpose::EscalateNote(to) => (t.panes.note_for)(&sanitize(to)),
        PromptPurpose::Palette => t.panes.command.to_string(),
        PromptPurpose::StatsRange(_) => t.panes.stats_dates.to_string(),
    };
    let matches = if prompt.purpose == PromptPurpose::Palette {
        crate::app::pane::prompt::palette_candidates(screen.state, &prompt.text)
    } else {
        Vec::new()
    };
    let height = 3 + matches.len().min(8) as u16;
    // Wide enough for its title.
    let width = area
        .width
        .saturating_sub(4)
        .min((title.width() as u16 + 6).max(70));
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + area.height.saturating_sub(height),
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    let block = popup(screen, format!(" {title} "));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    // Filled-in text shows selected: typing replaces it.
    let text_style = if prompt.fresh {
        screen.theme.selected
    } else {
        ratatui::style::Style::default()
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(
            truncate(
                &sanitize(&prompt.text),
                inner.width.saturating_sub(1) as usize,
            ),
            text_style,
        ),
        Span::styled("█", screen.theme.accent),
    ])];
    for m in matches.iter().take(8) {
        let description = crate::app::action::Action::from_name(m)
            .map(|a| a.describe(lang))
            .unwrap_or("");
        // Cut where the box ends, with a mark that it was cut.
        let room = (inner.width as usize).saturating_sub(18);
        lines.push(Line::from(vec![
            Span::styled(format!("{m:<18}"), screen.theme.accent),
            Span::styled(truncate(description, room), screen.theme.muted),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn hint(screen: &Screen) -> String {
    let h = &screen.state.lang.t().hints;
    super::hint(
        screen,
        Section::Prompt,
        &[
            (&[&[Command::Choose]], h.confirm),
            (&[&[Command::Close]], h.cancel),
        ],
    )
}
