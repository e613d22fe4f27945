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

pub fn draw(frame: &mut Frame, area: Rect, screen: &Screen, prompt: &Prompt) {
    let lang = screen.state.lang;
    let title = match &prompt.purpose {
        PromptPurpose::Search { everywhere: false } => {
            let view = screen.state.view.label(lang);
            match lang {
                crate::i18n::Lang::En => format!("Search in {view} (Tab: everywhere)"),
                crate::i18n::Lang::Fr => format!("Rechercher dans {view} (Tab : partout)"),
            }
        }
        PromptPurpose::Search { everywhere: true } => lang
            .pick(
                "Search every conversation (Tab: this view only)",
                "Rechercher partout (Tab : cette vue seulement)",
            )
            .to_string(),
        PromptPurpose::Assign => lang
            .pick("Assign to (- for nobody)", "Assigner à (- pour personne)")
            .to_string(),
        PromptPurpose::FreeTag => lang.pick("New tag", "Nouvelle étiquette").to_string(),
        PromptPurpose::CrisisReason(level) => format!(
            "{} → {level}",
            lang.pick("Reason for crisis level", "Raison du niveau de crise")
        ),
        PromptPurpose::EscalateNote(to) => {
            format!("{} {}", lang.pick("Note for", "Note pour"), sanitize(to))
        }
        PromptPurpose::Palette => lang.pick("Command", "Commande").to_string(),
        PromptPurpose::ReportReason => lang
            .pick(
                "Why report it to the network (spam, abuse…)",
                "Pourquoi le signaler au réseau (spam, abus…)",
            )
            .to_string(),
        PromptPurpose::ContactNote { handle, .. } => format!(
            "{} {}",
            lang.pick("Note on", "Note sur"),
            crate::text::sanitize(handle)
        ),
        PromptPurpose::StatsRange(_) => lang
            .pick(
                "Stats from … to (2026-11-01 2026-11-15)",
                "Statistiques du … au (2026-11-01 2026-11-15)",
            )
            .to_string(),
    };
    let matches = if prompt.purpose == PromptPurpose::Palette {
        crate::app::pane::prompt::palette_candidates(screen.state, &prompt.text)
    } else {
        Vec::new()
    };
    let height = 3 + matches.len().min(8) as u16;
    let width = area.width.saturating_sub(4).min(70);
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
        lines.push(Line::from(vec![
            Span::styled(format!("{m:<18}"), screen.theme.accent),
            Span::styled(description.to_string(), screen.theme.muted),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn hint(screen: &Screen) -> String {
    let l = |en, fr| screen.state.lang.pick(en, fr);
    super::hint(
        screen,
        Section::Prompt,
        &[
            (&[&[Command::Choose]], l("confirm", "valider")),
            (&[&[Command::Close]], l("cancel", "annuler")),
        ],
    )
}
