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
    let lang = state.lang;
    let rect = centered(area, 84, area.height.saturating_sub(2).clamp(10, 22));
    frame.render_widget(Clear, rect);
    let block = popup(screen, format!(" {} ", lang.pick("Crisis", "Crise")));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [left, right] =
        Layout::horizontal([Constraint::Length(30), Constraint::Min(20)]).areas(inner);
    let current = state
        .current()
        .map(|c| c.crisis_level)
        .unwrap_or(CrisisLevel::None);
    let mut lines = vec![Line::styled(lang.pick("Level", "Niveau"), theme.accent)];
    for (i, level) in CrisisLevel::ALL.iter().enumerate() {
        let mark = if *level == current { "●" } else { "○" };
        let text = format!("{mark} {level}");
        lines.push(if i == pane.cursor {
            Line::styled(text, theme.selected)
        } else {
            Line::raw(text)
        });
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        lang.pick("Timeline", "Chronologie"),
        theme.accent,
    ));
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
            lines.push(Line::styled(
                lang.pick("no flag yet", "aucun signalement"),
                theme.muted,
            ));
        }
        for e in events.iter().rev().take(6) {
            let what = crate::text::describe(e);
            lines.push(Line::raw(truncate(
                &format!(
                    "{} {} {}",
                    e.at.format("%d/%m %H:%M"),
                    sanitize(&e.actor),
                    sanitize(&what)
                ),
                29,
            )));
        }
    }
    frame.render_widget(Paragraph::new(lines), left);

    let [spark_title, spark, authors] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(4),
        Constraint::Min(1),
    ])
    .areas(right);
    frame.render_widget(
        Paragraph::new(Span::styled(
            lang.pick(
                "Mentions per hour in flagged conversations (48 h)",
                "Mentions par heure, conversations signalées (48 h)",
            ),
            theme.accent,
        )),
        spark_title,
    );
    frame.render_widget(
        Sparkline::default()
            .data(&state.crisis.hourly)
            .style(theme.crisis),
        spark,
    );
    let mut lines = vec![Line::styled(
        lang.pick("Top authors by reach", "Auteurs les plus suivis"),
        theme.accent,
    )];
    for (handle, followers) in &state.crisis.top_authors {
        lines.push(Line::from(vec![
            Span::raw(format!("{:<24}", truncate(&sanitize(handle), 24))),
            Span::styled(crate::ui::thread::followers(*followers), theme.muted),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), authors);
}

pub fn hint(screen: &Screen) -> String {
    let l = |en, fr| screen.state.lang.pick(en, fr);
    super::hint(
        screen,
        Section::Crisis,
        &[
            (
                &[&[Command::Choose]],
                l(
                    "set level (with a reason)",
                    "choisir le niveau (avec raison)",
                ),
            ),
            (&[&[Command::Escalate]], l("escalate", "escalader")),
            (&[&[Command::Close]], l("close", "fermer")),
        ],
    )
}
