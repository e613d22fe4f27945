//! A list to choose from, centred over the main area.

use super::popup;
use crate::app::keymap::{Command, Section};
use crate::app::state::Picker;
use crate::text::{sanitize, truncate};
use crate::ui::{Screen, centered};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

pub fn draw(frame: &mut Frame, area: Rect, screen: &Screen, picker: &Picker) {
    use crate::app::state::PickerPurpose;
    let t = &screen.state.lang.t().panes;
    let title = match &picker.purpose {
        PickerPurpose::Status => t.status,
        PickerPurpose::FilterField => t.filter_by,
        PickerPurpose::FilterValue(f) => match f.as_str() {
            "channel" => t.channel,
            "status" => t.status,
            "tag" => t.tag,
            "crisis" => t.crisis_level,
            "assignee" => t.assignee,
            "lang" => t.language,
            _ => t.sentiment,
        },
        PickerPurpose::SavedReply => t.saved_replies,
        PickerPurpose::EscalateTo => t.escalate_to,
        PickerPurpose::Sentiment => t.sentiment,
    };
    let height = (picker.items.len() as u16 + 2).min(area.height);
    let rect = centered(area, 60, height);
    frame.render_widget(Clear, rect);
    let block = popup(screen, format!(" {title} "));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let visible = inner.height as usize;
    let first = picker.cursor.saturating_sub(visible.saturating_sub(1));
    let lines: Vec<Line> = picker
        .items
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, (label, _))| {
            let text = truncate(
                &sanitize(label).replace('\n', " "),
                inner.width.saturating_sub(2) as usize,
            );
            if i == picker.cursor {
                Line::styled(format!("▶ {text}"), screen.theme.selected)
            } else {
                Line::raw(format!("  {text}"))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn hint(screen: &Screen) -> String {
    let h = &screen.state.lang.t().hints;
    super::hint(
        screen,
        Section::Picker,
        &[
            (&[&[Command::Choose]], h.confirm),
            (&[&[Command::Close]], h.cancel),
        ],
    )
}
