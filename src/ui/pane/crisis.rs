//! The crisis pane: the levels, the flag timeline, mentions per hour and
//! the widest-reaching authors.

use super::popup;
use crate::app::keymap::{Command, Section};
use crate::app::state::CrisisPane;
use crate::model::CrisisLevel;
use crate::text::{sanitize, truncate};
use crate::ui::{Screen, centered};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Sparkline, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, screen: &Screen, pane: &CrisisPane) {
    let state = screen.state;
    let theme = screen.theme;
    let t = state.lang.t();
    let width = area.width.saturating_sub(2).min(104);
    let rect = centered(area, width, area.height.saturating_sub(2).clamp(10, 24));
    frame.render_widget(Clear, rect);
    let block = popup(screen, format!(" {} ", t.crisis.title));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    // Levels and the chart on top; below, the timeline takes the width it
    // needs and the authors a column of their own.
    let [top, bottom] = Layout::vertical([Constraint::Length(7), Constraint::Min(3)]).areas(inner);
    let [levels, chart] =
        Layout::horizontal([Constraint::Length(16), Constraint::Min(20)]).areas(top);
    let authors_width = if inner.width >= 90 { 34 } else { 26 };
    let [timeline, authors] =
        Layout::horizontal([Constraint::Min(30), Constraint::Length(authors_width)]).areas(bottom);

    let current = state
        .current()
        .map(|c| c.crisis_level)
        .unwrap_or(CrisisLevel::None);
    let mut lines = vec![Line::styled(t.crisis.level, theme.accent)];
    for (i, level) in CrisisLevel::ALL.iter().enumerate() {
        let mark = if *level == current { "●" } else { "○" };
        let text = format!("{mark} {}", t.crisis_level(*level));
        lines.push(if i == pane.cursor {
            Line::styled(text, theme.selected)
        } else {
            Line::raw(text)
        });
    }
    frame.render_widget(Paragraph::new(lines), levels);

    draw_chart(frame, chart, screen);

    let mut lines = vec![Line::styled(t.crisis.timeline, theme.accent)];
    if let Some(thread) = &state.thread {
        let events: Vec<_> = thread
            .events
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    crate::model::EventKind::CrisisFlag | crate::model::EventKind::Escalation
                )
            })
            .collect();
        if events.is_empty() {
            lines.push(Line::styled(t.crisis.no_flag, theme.muted));
        }
        for e in events.iter().rev().take(6) {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{} ", t.when(e.at, state.now, state.timezone)),
                    theme.muted,
                ),
                Span::styled(format!("{} ", sanitize(t.actor(&e.actor))), theme.accent),
                Span::raw(sanitize(&t.event(e)).into_owned()),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), timeline);

    let mut lines = vec![Line::styled(t.crisis.top_authors, theme.accent)];
    // The count right-aligned in a column of its own, so that a long
    // handle is cut before it, never run into it.
    const COUNT: usize = 7;
    let handle_width = (authors_width as usize).saturating_sub(COUNT + 2);
    for (handle, followers) in &state.crisis.top_authors {
        lines.push(Line::from(vec![
            Span::raw(format!(
                " {:<handle_width$}",
                truncate(&sanitize(handle), handle_width)
            )),
            Span::styled(format!("{:>COUNT$}", t.compact(*followers)), theme.muted),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), authors);
}

/// Mentions per hour, the latest hours where the width is short, over an
/// axis of clock times.
fn draw_chart(frame: &mut Frame, area: Rect, screen: &Screen) {
    let state = screen.state;
    let theme = screen.theme;
    let t = state.lang.t();
    let [title, spark, axis] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let hourly = &state.crisis.hourly;
    if hourly.is_empty() {
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled(t.crisis.mentions_per_hour, theme.accent),
                Line::styled(t.crisis.nothing_flagged, theme.muted),
            ]),
            area,
        );
        return;
    }
    let shown = hourly.len().min(area.width as usize);
    let data = &hourly[hourly.len() - shown..];
    frame.render_widget(
        Paragraph::new(Span::styled(
            truncate(&(t.crisis.mentions_chart)(shown), area.width as usize),
            theme.accent,
        )),
        title,
    );
    frame.render_widget(Sparkline::default().data(data).style(theme.crisis), spark);
    let Some(from) = state.crisis.from else {
        return;
    };
    use chrono::Timelike;
    let first = from + chrono::Duration::hours((hourly.len() - shown) as i64);
    let hour = |i: usize| {
        let t = (first + chrono::Duration::hours(i as i64)).with_timezone(&state.timezone);
        format!("{:02}h", t.hour())
    };
    // A tick every six hours where the clock says so, a label where it fits.
    let words = state.lang.t();
    let mut line = vec![' '; shown];
    for i in 0..shown {
        let t = (first + chrono::Duration::hours(i as i64)).with_timezone(&state.timezone);
        if t.hour().is_multiple_of(6) {
            let label: Vec<char> = if t.hour() == 0 {
                words.weekday_day_month(t.date_naive()).chars().collect()
            } else {
                hour(i).chars().collect()
            };
            if i + label.len() <= shown && line[i..i + label.len()].iter().all(|c| *c == ' ') {
                line[i..i + label.len()].copy_from_slice(&label);
            }
        }
    }
    frame.render_widget(
        Paragraph::new(Span::styled(
            line.into_iter().collect::<String>(),
            theme.muted,
        )),
        axis,
    );
}

pub fn hint(screen: &Screen) -> String {
    let h = &screen.state.lang.t().hints;
    super::hint(
        screen,
        Section::Crisis,
        &[
            (&[&[Command::Choose]], h.set_level),
            (&[&[Command::Escalate]], h.escalate),
            (&[&[Command::Close]], h.close),
        ],
    )
}
