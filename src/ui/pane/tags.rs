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
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, area: Rect, screen: &Screen, pane: &TagPane) {
    let state = screen.state;
    let lang = state.lang;
    let t = lang.t();
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
            " {} · {} ",
            t.tags.title,
            (t.tags.conversations)(targets.len() as u64)
        )
    } else {
        format!(" {} ", t.tags.title)
    };
    let block = popup(screen, title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let visible = inner.height.saturating_sub(1) as usize;
    let first = pane.cursor.saturating_sub(visible.saturating_sub(1));
    // Tags in a column, what a built-in category is in words beside it.
    let tag_width = pane
        .rows
        .iter()
        .map(|r| sanitize(r).width())
        .max()
        .unwrap_or(0)
        .min(24);
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
        let kind = match t.category(tag) {
            Some(words) if CATEGORIES.contains(&tag.as_str()) => words,
            _ if CATEGORIES.contains(&tag.as_str()) => "",
            _ => t.tags.free,
        };
        let hint = pane
            .suggestions
            .iter()
            .find(|s| s.category == tag.as_str() && n == 0)
            .map(|s| format!("  ★ {}", s.reasons.join(", ")))
            .unwrap_or_default();
        let name = truncate(&sanitize(tag), tag_width);
        let pad = " ".repeat(tag_width - name.width());
        let text = truncate(
            &format!("{check} {name}{pad}  {kind}{}", sanitize(&hint)),
            inner.width as usize,
        );
        lines.push(if i == pane.cursor {
            Line::styled(text, screen.theme.selected)
        } else {
            Line::raw(text)
        });
    }
    let suggested = t.tags.suggested;
    // The key as bound: a rebinding that took `n` away must not be advertised.
    let footer = match screen
        .keymap
        .command_keys(Section::Tags, Command::NewTag)
        .first()
    {
        Some(k) => format!("{} · {suggested}", (t.tags.new_free_tag)(&k.label_in(lang))),
        None => suggested.to_string(),
    };
    lines.push(Line::styled(footer, screen.theme.muted));
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn hint(screen: &Screen) -> String {
    let h = &screen.state.lang.t().hints;
    super::hint(
        screen,
        Section::Tags,
        &[
            (&[&[Command::Toggle]], h.toggle),
            (&[&[Command::NewTag]], h.new_tag),
            (&[&[Command::Close]], h.close),
        ],
    )
}
