//! The tag pane: a check per tag across the targets, and the suggestions.

use super::popup;
use crate::app::keymap::{Command, Section};
use crate::app::state::{CATEGORIES, TagPane};
use crate::text::{sanitize, truncate};
use crate::ui::{Screen, centered};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

pub fn draw(frame: &mut Frame, area: Rect, screen: &Screen, pane: &TagPane) {
    let state = screen.state;
    let lang = state.lang;
    let targets = &pane.targets;
    let count = |tag: &str| {
        state
            .items
            .iter()
            .filter(|c| targets.contains(&c.id) && c.tags.iter().any(|t| t == tag))
            .count()
    };
    let rect = centered(area, 76, (pane.rows.len() as u16 + 4).min(area.height));
    frame.render_widget(Clear, rect);
    let title = if targets.len() > 1 {
        format!(
            " {} · {} {} ",
            lang.pick("Tags", "Étiquettes"),
            targets.len(),
            lang.pick("conversations", "conversations")
        )
    } else {
        format!(" {} ", lang.pick("Tags", "Étiquettes"))
    };
    let block = popup(screen, title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let visible = inner.height.saturating_sub(1) as usize;
    let first = pane.cursor.saturating_sub(visible.saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();
    for (i, tag) in pane.rows.iter().enumerate().skip(first).take(visible) {
        let n = count(tag);
        let check = if n == 0 {
            "[ ]"
        } else if n == targets.len() {
            "[x]"
        } else {
            "[-]"
        };
        let kind = if CATEGORIES.contains(&tag.as_str()) {
            ""
        } else {
            lang.pick("  (free tag)", "  (libre)")
        };
        let hint = pane
            .suggestions
            .iter()
            .find(|s| s.category == tag.as_str() && n == 0)
            .map(|s| format!("  ★ {}", s.reasons.join(", ")))
            .unwrap_or_default();
        let text = truncate(
            &format!("{check} {}{kind}{}", sanitize(tag), sanitize(&hint)),
            inner.width as usize,
        );
        lines.push(if i == pane.cursor {
            Line::styled(text, screen.theme.selected)
        } else {
            Line::raw(text)
        });
    }
    let suggested = lang.pick(
        "★ suggested, with the words that suggest it",
        "★ suggérée, avec les mots en cause",
    );
    // The key as bound: a rebinding that took `n` away must not be advertised.
    let footer = match screen
        .keymap
        .command_keys(Section::Tags, Command::NewTag)
        .first()
    {
        Some(k) => format!(
            "{}{} {} · {suggested}",
            k.label_in(lang),
            lang.pick(":", " :"),
            lang.pick("new free tag", "nouvelle étiquette libre")
        ),
        None => suggested.to_string(),
    };
    lines.push(Line::styled(footer, screen.theme.muted));
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn hint(screen: &Screen) -> String {
    let l = |en, fr| screen.state.lang.pick(en, fr);
    super::hint(
        screen,
        Section::Tags,
        &[
            (&[&[Command::Toggle]], l("toggle", "cocher")),
            (&[&[Command::NewTag]], l("new tag", "nouvelle étiquette")),
            (&[&[Command::Close]], l("close", "fermer")),
        ],
    )
}
