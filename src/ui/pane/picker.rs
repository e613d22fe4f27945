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
    let lang = screen.state.lang;
    let title = match &picker.purpose {
        PickerPurpose::Status => lang.pick("Status", "Statut").to_string(),
        PickerPurpose::FilterField => lang.pick("Filter by", "Filtrer par").to_string(),
        PickerPurpose::FilterValue(f) => f.clone(),
        PickerPurpose::SavedReply => lang
            .pick("Saved replies", "Réponses enregistrées")
            .to_string(),
        PickerPurpose::EscalateTo => lang.pick("Escalate to", "Escalader vers").to_string(),
        PickerPurpose::Sentiment => lang.pick("Sentiment", "Sentiment").to_string(),
        PickerPurpose::Network => lang.pick("On the network", "Sur le réseau").to_string(),
        PickerPurpose::ConfirmDelete => lang
            .pick("Delete our reply?", "Supprimer notre réponse ?")
            .to_string(),
        PickerPurpose::LinkContact { .. } => lang
            .pick("The same person as", "La même personne que")
            .to_string(),
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
    let l = |en, fr| screen.state.lang.pick(en, fr);
    super::hint(
        screen,
        Section::Picker,
        &[
            (&[&[Command::Choose]], l("confirm", "valider")),
            (&[&[Command::Close]], l("cancel", "annuler")),
        ],
    )
}
