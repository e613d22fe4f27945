//! The queue pane: one conversation per two lines.

use super::Screen;
use crate::app::state::Focus;
use crate::model::{ConversationSummary, CrisisLevel, Status};
use crate::text::{one_line, truncate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub const ROW_HEIGHT: u16 = 2;

pub fn crisis_mark(level: CrisisLevel) -> &'static str {
    match level {
        CrisisLevel::None => " ",
        CrisisLevel::Watch => "◔",
        CrisisLevel::Potential => "◑",
        CrisisLevel::Crisis => "●",
    }
}

/// Column widths of the rows on screen.
#[derive(Clone, Copy)]
struct Widths {
    status: usize,
    age: usize,
}

pub fn draw(frame: &mut Frame, area: Rect, screen: &Screen) {
    let state = screen.state;
    let theme = screen.theme;
    let focused = state.focus == Focus::Queue && state.overlay.is_none();
    let t = state.lang.t();
    let title = format!(
        " {} · {}{} ",
        if state.refine.ids.is_some() {
            // A figure opened from the stats view ignores the saved view.
            t.queue.stats
        } else {
            state.view.label(state.lang)
        },
        t.count(state.total),
        if state.refine.is_empty() {
            String::new()
        } else {
            format!(" · {}", state.refine.describe(state.lang))
        }
    );
    let block = super::pane_block(theme, &title, area.width, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if state.items.is_empty() {
        frame.render_widget(
            Paragraph::new(t.queue.empty)
                .style(theme.muted)
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let rows = (inner.height / ROW_HEIGHT).max(1) as usize;
    // Keep the selection visible, scrolling by whole rows.
    let local = state.selected.saturating_sub(state.window_start);
    let first = local.saturating_sub(rows.saturating_sub(1)).min(local);
    let first = if local < rows { 0 } else { first };
    // The status column as wide as the language's longest status, so that
    // it does not move while scrolling; the age column as wide as the ages
    // shown need (four columns at least), so that months never get cut.
    let widths = Widths {
        status: Status::ALL
            .iter()
            .map(|s| t.status(*s).width())
            .max()
            .unwrap_or(8),
        age: state
            .items
            .iter()
            .skip(first)
            .take(rows)
            .map(|c| t.age(c.last_activity, state.now).width())
            .max()
            .unwrap_or(0)
            .max(4),
    };
    let mut lines: Vec<Line> = Vec::new();
    for (i, item) in state.items.iter().enumerate().skip(first).take(rows) {
        let selected = state.window_start + i == state.selected;
        // The mark is the public's tone: not shown when the latest word is ours.
        let tone = item.tone.filter(|_| item.unanswered);
        lines.extend(row(
            item,
            tone,
            selected,
            state.marked.contains(&item.id),
            inner.width as usize,
            widths,
            screen,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn row<'a>(
    c: &ConversationSummary,
    tone: Option<crate::model::Tone>,
    selected: bool,
    marked: bool,
    width: usize,
    widths: Widths,
    screen: &Screen,
) -> [Line<'a>; 2] {
    let theme = screen.theme;
    let state = screen.state;
    let base = if selected {
        theme.selected
    } else {
        Style::default()
    };
    let mark = match (selected, marked) {
        (_, true) => "✓",
        (true, false) => "▶",
        _ => " ",
    };
    let t = state.lang.t();
    let age = t.age(c.last_activity, state.now);
    let status = t.status(c.status);
    let (status_w, age_w) = (widths.status, widths.age);
    let pin = if c.escalated { "⚑" } else { " " };
    // Unread: messages from the other side since our last reply.
    let unread = if c.waiting_count > 0 && c.status != Status::Resolved {
        format!("✉{}", c.waiting_count.min(999))
    } else {
        String::new()
    };
    // Right side: crisis, escalation, status, unread, count, age.
    let right = format!(
        " {}{} {:<status_w$} {:>4} {:>3} {:>age_w$}",
        crisis_mark(c.crisis_level),
        pin,
        status,
        unread,
        c.message_count,
        age
    );
    let left_room = width.saturating_sub(right.width() + 5);
    let author = one_line(&c.last_author, left_room.min(24));
    let pad = left_room.saturating_sub(author.width());
    let crisis_style = match c.crisis_level {
        CrisisLevel::None => base,
        CrisisLevel::Watch => base.patch(theme.warning),
        _ => base.patch(theme.crisis),
    };
    let line1 = Line::from(vec![
        Span::styled(mark.to_string(), base.patch(theme.accent)),
        Span::styled(
            format!("{} ", c.channel.badge()),
            base.patch(theme.muted).add_modifier(Modifier::BOLD),
        ),
        Span::styled(author, base.add_modifier(Modifier::BOLD)),
        Span::styled(" ".repeat(pad + 1), base),
        Span::styled(right, crisis_style),
    ]);
    let tags = if c.tags.is_empty() {
        String::new()
    } else {
        format!(" #{}", c.tags.join(" #"))
    };
    let tag_room = (width / 3).min(tags.width());
    let text_room = width.saturating_sub(4 + tag_room);
    let text = one_line(&c.last_text, text_room);
    let pad = text_room.saturating_sub(text.width());
    // The tone of the latest message: − negative, + positive.
    use crate::model::Tone;
    let (tone_mark, tone_style) = match tone {
        Some(Tone::Negative) => ("−", theme.negative),
        Some(Tone::Positive) => ("+", theme.positive),
        _ => (" ", theme.muted),
    };
    let line2 = Line::from(vec![
        Span::styled("  ", base),
        Span::styled(
            tone_mark,
            base.patch(tone_style).add_modifier(Modifier::BOLD),
        ),
        Span::styled(" ", base),
        Span::styled(text, base.patch(theme.muted)),
        Span::styled(" ".repeat(pad), base),
        Span::styled(truncate(&tags, tag_room), base.patch(theme.warning)),
    ]);
    [line1, line2]
}
