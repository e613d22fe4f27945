//! The thread pane: the conversation's messages in reply order.

use super::Screen;
use crate::app::state::Focus;
use crate::model::Direction;
use crate::text::age;
use crate::text::sanitize;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Splits `text` into lines of at most `width` columns, at spaces where it
/// can, inside words where it must (URLs, CJK).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(4);
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split(' ') {
            let w = word.width();
            let gap = usize::from(!line.is_empty());
            if used + gap + w <= width {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                used += gap + w;
                continue;
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width {
                    out.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        out.push(line);
    }
    out
}

pub fn followers(n: u64) -> String {
    match n {
        0..=999 => n.to_string(),
        1_000..=999_999 => format!("{:.1}k", n as f64 / 1e3).replace(".0k", "k"),
        _ => format!("{:.1}M", n as f64 / 1e6).replace(".0M", "M"),
    }
}

/// Draws the thread; returns how far it can scroll (for `Msg::Viewport`).
pub fn draw(frame: &mut Frame, area: Rect, screen: &Screen) -> u16 {
    let state = screen.state;
    let theme = screen.theme;
    let lang = state.lang;
    let focused = state.focus == Focus::Thread && state.overlay.is_none();
    let Some(thread) = &state.thread else {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(
            Paragraph::new(lang.pick("No conversation selected", "Aucune conversation"))
                .style(theme.muted),
            inner,
        );
        return 0;
    };
    let s = &thread.summary;
    let title = format!(
        " #{} · {} · {}{}{}{} ",
        s.id,
        s.channel,
        super::queue::status_label(s.status, lang),
        s.assignee
            .as_deref()
            .map(|a| format!(" · @{}", sanitize(a)))
            .unwrap_or_default(),
        if s.escalated {
            lang.pick(" · ⚑ escalated", " · ⚑ escaladée")
        } else {
            ""
        },
        super::status::others_here(state, s.id)
            .map(|o| format!(" · {o}"))
            .unwrap_or_default(),
    );
    let block = super::pane_block(theme, &title, area.width, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    if !s.reasons.is_empty() {
        let why = format!(
            "{} {}",
            lang.pick("Why here:", "Pourquoi ici :"),
            s.reasons.join(" · ")
        );
        for l in wrap(&why, width) {
            lines.push(Line::styled(l, theme.muted));
        }
        if s.tags.is_empty() && s.crisis_level == crate::model::CrisisLevel::None {
            lines.push(Line::default());
        }
    }
    if !s.tags.is_empty() || s.crisis_level != crate::model::CrisisLevel::None {
        let mut spans = Vec::new();
        if s.crisis_level != crate::model::CrisisLevel::None {
            spans.push(Span::styled(
                format!(
                    "{} {} ",
                    super::queue::crisis_mark(s.crisis_level),
                    s.crisis_level
                ),
                theme.crisis,
            ));
        }
        if !s.tags.is_empty() {
            spans.push(Span::styled(
                format!("#{}", s.tags.join(" #")),
                theme.warning,
            ));
        }
        lines.push(Line::from(spans));
        lines.push(Line::default());
    }
    for m in &thread.messages {
        let msg = &m.message;
        let depth = m.depth.min(6);
        let indent = "  ".repeat(depth);
        let arrow = if depth > 0 { "↳ " } else { "" };
        let ours = msg.direction == Direction::Outbound;
        let who = sanitize(&msg.author.handle).to_string();
        let mut meta = vec![
            Span::raw(format!("{indent}{arrow}")),
            Span::styled(
                who,
                if ours {
                    theme.ours.add_modifier(Modifier::BOLD)
                } else {
                    theme.accent
                },
            ),
        ];
        if ours {
            meta.push(Span::styled(lang.pick(" (us)", " (nous)"), theme.ours));
        } else if let Some(f) = msg.author.followers {
            meta.push(Span::styled(
                format!(
                    " · {} {}{}",
                    followers(f),
                    lang.pick("followers", "abonnés"),
                    if msg.author.verified { " ✓" } else { "" }
                ),
                theme.muted,
            ));
        }
        meta.push(Span::styled(
            format!(
                // The channel is the conversation's, in the title.
                " · {} ({}) · ♥{} ⇄{}",
                crate::text::when(msg.created_at, state.now, state.timezone, lang),
                age(msg.created_at, state.now),
                msg.metrics.likes,
                msg.metrics.shares
            ),
            theme.muted,
        ));
        lines.push(Line::from(meta));
        let text_indent = "  ".repeat(depth + usize::from(depth > 0));
        let room = width.saturating_sub(text_indent.len()).max(10);
        for l in wrap(&sanitize(&msg.text), room) {
            lines.push(Line::from(format!("{text_indent}{l}")));
        }
        lines.push(Line::default());
    }
    for item in &thread.outbox {
        let (mark, style, what) = match item.status.as_str() {
            "failed" => (
                "✗",
                theme.negative,
                lang.pick(
                    "refused by the network (r to edit and queue it again)",
                    "refusée par le réseau (r pour la modifier et la renvoyer)",
                ),
            ),
            "sending" => ("↗", theme.warning, lang.pick("sending", "envoi")),
            _ => (
                "⏳",
                theme.warning,
                lang.pick(
                    "queued, waiting for a connector",
                    "en file, en attente d'un connecteur",
                ),
            ),
        };
        lines.push(Line::styled(
            format!(
                "{mark} {} · {} {} · {}",
                what,
                lang.pick("by", "par"),
                sanitize(&item.actor),
                age(item.created_at, state.now)
            ),
            style,
        ));
        if let Some(e) = &item.error {
            lines.push(Line::styled(format!("  {}", sanitize(e)), theme.negative));
        }
        for l in wrap(&sanitize(&item.text), width.saturating_sub(2)) {
            lines.push(Line::styled(format!("  {l}"), theme.ours));
        }
        lines.push(Line::default());
    }
    // Escalations and what their hooks did: a failed hook must be seen.
    for e in &thread.events {
        use crate::model::EventKind;
        let (line, style) = match e.kind {
            EventKind::Escalation => (
                format!(
                    "⚑ {} {} · {} {} · {}",
                    lang.pick("escalated", "escaladée"),
                    sanitize(&crate::text::describe(e)),
                    lang.pick("by", "par"),
                    sanitize(&e.actor),
                    age(e.at, state.now)
                ),
                theme.warning,
            ),
            EventKind::EscalationHookOk => (
                format!("  ✓ {}", sanitize(&crate::text::describe(e))),
                theme.positive,
            ),
            EventKind::EscalationHookFailed => (
                format!("  ✗ {}", sanitize(&crate::text::describe(e))),
                theme.negative,
            ),
            _ => continue,
        };
        for l in wrap(&line, width) {
            lines.push(Line::styled(l, style));
        }
    }
    if thread.events.iter().any(|e| {
        matches!(
            e.kind,
            crate::model::EventKind::Escalation
                | crate::model::EventKind::EscalationHookOk
                | crate::model::EventKind::EscalationHookFailed
        )
    }) {
        lines.push(Line::default());
    }
    if let Some(d) = &thread.draft {
        lines.push(Line::styled(
            lang.pick("── draft ──", "── brouillon ──"),
            theme.warning,
        ));
        for l in wrap(&sanitize(&d.text), width) {
            lines.push(Line::styled(l, theme.muted));
        }
    }
    let max_scroll = lines
        .len()
        .saturating_sub(inner.height as usize)
        .min(u16::MAX as usize) as u16;
    let scroll = state.thread_scroll.min(max_scroll);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
    max_scroll
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_long_words_and_keeps_columns() {
        let lines = wrap(&"a".repeat(25), 10);
        assert_eq!(lines, vec!["a".repeat(10), "a".repeat(10), "a".repeat(5)]);
        for l in wrap("漢字漢字漢字 emoji 👍👍👍👍👍👍", 7) {
            assert!(l.width() <= 7, "{l}");
        }
        assert_eq!(wrap("one two three", 8), vec!["one two", "three"]);
    }
}
