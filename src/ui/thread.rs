//! The thread pane: the conversation's messages in reply order.

use super::Screen;
use crate::app::state::Focus;
use crate::model::Direction;
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

/// Lays out `parts` in lines of `width` columns, each part whole: the first
/// line starts with `first`, the next ones with `next`, without the ` · `
/// that joined the part to the one before.
fn flow<'a>(parts: Vec<Span<'a>>, first: &str, next: &str, width: usize) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    let mut line = vec![Span::raw(first.to_string())];
    let mut used = first.width();
    let mut fresh = true;
    for part in parts {
        if !fresh && used + part.width() > width {
            lines.push(Line::from(std::mem::take(&mut line)));
            line.push(Span::raw(next.to_string()));
            used = next.width();
            fresh = true;
        }
        let part = if fresh && used == next.width() && !lines.is_empty() {
            let text = part.content.trim_start_matches([' ', '·']).to_string();
            Span::styled(text, part.style)
        } else {
            part
        };
        used += part.width();
        line.push(part);
        fresh = false;
    }
    lines.push(Line::from(line));
    lines
}

/// Draws the thread; returns how far it can scroll (for `Msg::Viewport`).
pub fn draw(frame: &mut Frame, area: Rect, screen: &Screen) -> u16 {
    let state = screen.state;
    let theme = screen.theme;
    let lang = state.lang;
    let t = lang.t();
    let focused = state.focus == Focus::Thread && state.overlay.is_none();
    let Some(thread) = &state.thread else {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(Paragraph::new(t.thread.none).style(theme.muted), inner);
        return 0;
    };
    let s = &thread.summary;
    let title = format!(
        " #{} · {} · {}{}{}{} ",
        s.id,
        s.channel,
        t.status(s.status),
        s.assignee
            .as_deref()
            .map(|a| format!(" · @{}", sanitize(a)))
            .unwrap_or_default(),
        if s.escalated {
            format!(" · {}", t.thread.escalated)
        } else {
            String::new()
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
        let reasons: Vec<String> = s.reasons.iter().map(|r| t.reason(r)).collect();
        // A line that wraps breaks after a `·`, never before one.
        let why = format!("{} {}", t.thread.why_here, reasons.join("\u{a0}· "));
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
                    t.crisis_level(s.crisis_level)
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
        // Who, their reach, when, the reactions: each part whole, on the
        // next line (indented) when the width runs out.
        let mut parts = vec![Span::styled(
            who,
            if ours {
                theme.ours.add_modifier(Modifier::BOLD)
            } else {
                theme.accent
            },
        )];
        if ours {
            parts.push(Span::styled(format!(" {}", t.thread.us), theme.ours));
        } else if let Some(f) = msg.author.followers {
            parts.push(Span::styled(
                format!(
                    " · {}{}",
                    (t.thread.followers)(&t.compact(f), f),
                    if msg.author.verified { " ✓" } else { "" }
                ),
                theme.muted,
            ));
        }
        parts.push(Span::styled(
            format!(
                // The channel is the conversation's, in the title.
                " · {} ({})",
                t.when(msg.created_at, state.now, state.timezone),
                t.age(msg.created_at, state.now),
            ),
            theme.muted,
        ));
        parts.push(Span::styled(
            format!(
                " · ♥{} ⇄{}",
                t.compact(msg.metrics.likes),
                t.compact(msg.metrics.shares)
            ),
            theme.muted,
        ));
        lines.extend(flow(
            parts,
            &format!("{indent}{arrow}"),
            &"  ".repeat(depth + 1),
            width,
        ));
        let text_indent = "  ".repeat(depth + usize::from(depth > 0));
        let room = width.saturating_sub(text_indent.len()).max(10);
        for l in wrap(&sanitize(&msg.text), room) {
            lines.push(Line::from(format!("{text_indent}{l}")));
        }
        lines.push(Line::default());
    }
    for item in &thread.outbox {
        use crate::model::OutboxStatus;
        let (mark, style, what) = match item.status {
            OutboxStatus::Failed => ("✗", theme.negative, t.thread.refused),
            OutboxStatus::Sending => ("↗", theme.warning, t.thread.sending),
            _ => ("⏳", theme.warning, t.thread.queued),
        };
        let by = (t.thread.by)(
            &sanitize(t.actor(&item.actor)),
            &t.age(item.created_at, state.now),
        );
        for l in wrap(&format!("{mark} {what} · {by}"), width) {
            lines.push(Line::styled(l, style));
        }
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
                    "⚑ {}",
                    (t.thread.escalation)(
                        &sanitize(&t.event(e)),
                        &sanitize(t.actor(&e.actor)),
                        &t.age(e.at, state.now)
                    )
                ),
                theme.warning,
            ),
            EventKind::EscalationHookOk => {
                (format!("  ✓ {}", sanitize(&t.event(e))), theme.positive)
            }
            EventKind::EscalationHookFailed => {
                (format!("  ✗ {}", sanitize(&t.event(e))), theme.negative)
            }
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
        lines.push(Line::styled(t.thread.draft, theme.warning));
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
