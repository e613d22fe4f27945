//! The contact card over the main area: who the person is on every channel,
//! their marks, first and last seen, sentiment over time, their
//! conversations (one selected), latest messages, notes and history, and
//! handles elsewhere that may be them.

use super::popup;
use crate::app::keymap::{Command, Section};
use crate::app::state::ContactPane;
use crate::inbox::contacts::Period;
use crate::model::Tone;
use crate::text::{sanitize, truncate};
use crate::ui::{Screen, centered};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// A bar of eight heights for a mean sentiment, −1 lowest.
fn bar(mean: f32) -> char {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let i = (((mean.clamp(-1.0, 1.0) + 1.0) / 2.0) * 7.0).round() as usize;
    BARS[i.min(7)]
}

pub fn draw(frame: &mut Frame, area: Rect, screen: &Screen, pane: &ContactPane) {
    let state = screen.state;
    let theme = screen.theme;
    let lang = state.lang;
    let t = lang.t();
    let w = &t.contact;
    let width = area.width.saturating_sub(2).min(110);
    let Some(card) = &pane.card else {
        let rect = centered(area, width, 5);
        frame.render_widget(Clear, rect);
        let block = popup(screen, format!(" {} ", sanitize(&pane.handle)));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        frame.render_widget(Paragraph::new(w.loading).style(theme.muted), inner);
        return;
    };
    // As tall as what it shows, within the screen.
    let two_columns = width.saturating_sub(2) >= 90;
    let conversations = card.summaries.len() as u16 + 1;
    let messages = card.contact.messages.len().min(8) as u16 + 1;
    let history = card.contact.history.len().clamp(1, 6) as u16 + 1;
    let body = if two_columns {
        conversations.max(messages + 1 + history)
    } else {
        conversations.min(12) + messages + 1 + history
    };
    let head = 6 + u16::from(!card.contact.suggestions.is_empty());
    let rect = centered(
        area,
        width,
        (head + body + 2).clamp(10, area.height.saturating_sub(2).max(10)),
    );
    frame.render_widget(Clear, rect);
    let c = &card.contact;
    let name = c
        .name
        .clone()
        .or_else(|| c.handles.iter().find_map(|h| h.names.first().cloned()))
        .unwrap_or_else(|| pane.handle.clone());
    let block = popup(screen, format!(" {} ", sanitize(&name)));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = inner.width as usize;
    let now = state.now;
    let tz = state.timezone;

    // The head: marks and handles, seen, sentiment.
    let mut head: Vec<Line> = Vec::new();
    let mut marks: Vec<Span> = Vec::new();
    if c.vip {
        marks.push(Span::styled("★ VIP  ", theme.warning));
    }
    if c.blocked {
        marks.push(Span::styled(format!("{}  ", w.block_list), theme.negative));
    }
    let handles = c
        .handles
        .iter()
        .map(|h| {
            format!(
                "{}:{}{}",
                h.channel,
                sanitize(&h.handle),
                h.followers
                    .map(|f| format!(" ({})", (t.thread.followers)(&t.compact(f), f)))
                    .unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    marks.push(Span::raw(handles));
    head.push(Line::from(marks));
    let seen = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|at| (w.seen)(&lang.t().when(at, now, tz), &lang.t().age(at, now)))
            .unwrap_or_else(|| "—".into())
    };
    let seen_line = (w.seen_line)(
        &seen(card.first_seen),
        &seen(card.last_seen),
        c.messages.len() as u64,
        c.conversations.len() as u64,
    );
    for l in crate::ui::thread::wrap(&seen_line, width) {
        head.push(Line::styled(l, theme.muted));
    }
    if !card.sentiment.is_empty() {
        let bars: String = card.sentiment.iter().map(|p| bar(p.mean)).collect();
        let last = card.sentiment.last().map_or(0.0, |p| p.mean);
        let (negative, positive) = card
            .sentiment
            .iter()
            .fold((0, 0), |(n, p), s| (n + s.negative, p + s.positive));
        head.push(Line::from(vec![
            Span::styled(
                format!(
                    "{} ",
                    match card.period {
                        Period::Week => w.by_week,
                        Period::Month => w.by_month,
                    }
                ),
                theme.muted,
            ),
            Span::styled(
                bars,
                if last < -0.05 {
                    theme.negative
                } else if last > 0.05 {
                    theme.positive
                } else {
                    theme.accent
                },
            ),
            Span::styled(
                format!(
                    "  {}",
                    (w.latest)(
                        &format!(
                            "{}{}",
                            if last < 0.0 { "−" } else { "+" },
                            t.decimal(f64::from(last.abs()), 2)
                        ),
                        negative,
                        positive
                    )
                ),
                theme.muted,
            ),
        ]));
    }
    if !c.suggestions.is_empty() {
        let keys = screen
            .keymap
            .command_keys(Section::Contact, Command::Link)
            .first()
            .map(|k| k.label_in(lang))
            .unwrap_or_default();
        head.push(Line::styled(
            truncate(
                &(w.maybe_also)(
                    &c.suggestions
                        .iter()
                        .map(|(ch, h)| format!("{ch}:{}", sanitize(h)))
                        .collect::<Vec<_>>()
                        .join(", "),
                    &keys,
                ),
                width,
            ),
            theme.muted,
        ));
    }
    let head_height = head.len() as u16 + 1;
    let [top, body] =
        Layout::vertical([Constraint::Length(head_height), Constraint::Min(3)]).areas(inner);
    frame.render_widget(Paragraph::new(head), top);

    // Below: conversations (the selection), then messages and notes beside
    // them when there is room, under them when not.
    let (left, right) = if inner.width >= 90 {
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .spacing(2)
            .areas(body);
        (l, Some(r))
    } else {
        (body, None)
    };
    let mut conv_lines = vec![Line::styled(w.conversations, theme.accent)];
    let room = left.width as usize;
    let visible = (left.height as usize).saturating_sub(1).max(1);
    let first = pane.cursor.saturating_sub(visible.saturating_sub(1));
    for (i, s) in card.summaries.iter().enumerate().skip(first).take(visible) {
        let text = truncate(
            &format!(
                "{} #{} {} {} {}",
                if i == pane.cursor { "▶" } else { " " },
                s.id,
                s.channel.badge(),
                t.status(s.status),
                sanitize(&s.last_text).replace('\n', " ")
            ),
            room,
        );
        conv_lines.push(if i == pane.cursor {
            Line::styled(text, theme.selected)
        } else {
            Line::raw(text)
        });
    }
    let mut other: Vec<Line> = vec![Line::styled(w.latest_messages, theme.accent)];
    let other_room = right.map_or(room, |r| r.width as usize);
    for m in c.messages.iter().take(8) {
        let (mark, style) = match m.tone {
            Some(Tone::Negative) => ("−", theme.negative),
            Some(Tone::Positive) => ("+", theme.positive),
            _ => (" ", theme.muted),
        };
        other.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::styled(format!("{:>4} ", t.age(m.at, now)), theme.muted),
            Span::raw(truncate(
                &sanitize(&m.text).replace('\n', " "),
                other_room.saturating_sub(7),
            )),
        ]));
    }
    other.push(Line::default());
    other.push(Line::styled(w.notes_history, theme.accent));
    if c.history.is_empty() {
        other.push(Line::styled(w.nothing_yet, theme.muted));
    }
    for e in c.history.iter().rev().take(6) {
        other.push(Line::raw(truncate(
            &format!(
                "{} {}{}{}",
                t.when(e.at, now, tz),
                sanitize(&e.actor),
                t.formats.colon,
                sanitize(&t.contact_event(e))
            ),
            other_room,
        )));
    }
    match right {
        Some(r) => {
            frame.render_widget(Paragraph::new(conv_lines), left);
            frame.render_widget(Paragraph::new(other), r);
        }
        None => {
            // One column: the conversations take what they need (at least
            // a few rows), the rest follows.
            let wanted = (card.summaries.len() as u16 + 1)
                .min(left.height / 2)
                .max(3);
            let [a, b] =
                Layout::vertical([Constraint::Length(wanted), Constraint::Min(1)]).areas(left);
            frame.render_widget(Paragraph::new(conv_lines), a);
            frame.render_widget(Paragraph::new(other), b);
        }
    }
}

pub fn hint(screen: &Screen) -> String {
    let w = &screen.state.lang.t().contact;
    super::hint(
        screen,
        Section::Contact,
        &[
            (&[&[Command::Choose]], w.their_conversations),
            (&[&[Command::Note]], w.note),
            (&[&[Command::Vip]], w.vip),
            (&[&[Command::BlockList]], w.block_list_hint),
            (&[&[Command::Link]], w.link),
            (&[&[Command::Close]], w.close),
        ],
    )
}
