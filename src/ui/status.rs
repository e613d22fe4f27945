//! The two bottom lines: the status bar (views, new messages, sync, who)
//! and the hint line (the keys that matter now, or the last flash).

use super::Screen;
use crate::app::action::Action;
use crate::app::state::SavedView;
use crate::text::{sanitize, truncate};
use chrono::Timelike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn status_bar(frame: &mut Frame, area: Rect, screen: &Screen) {
    let state = screen.state;
    let theme = screen.theme;
    let t = state.lang.t();
    let right = format!(" {} ", sanitize(&state.user));
    // Full view names when they fit, numbers and counts when the terminal is narrow.
    let views = |compact: bool| -> Vec<Span<'static>> {
        SavedView::ALL
            .iter()
            .enumerate()
            .map(|(i, view)| {
                let count = t.count(state.view_counts[i]);
                let label = if compact {
                    format!(" {}:{count} ", i + 1)
                } else {
                    format!(" {} {} {count} ", i + 1, view.label(state.lang))
                };
                let style = if *view == state.view {
                    theme.selected.add_modifier(Modifier::BOLD)
                } else {
                    theme.muted
                };
                Span::styled(label, style)
            })
            .collect()
    };
    let mut extra = Vec::new();
    if !state.marked.is_empty() {
        extra.push(Span::styled(
            format!(" ✓{} ", state.marked.len()),
            theme.accent,
        ));
    }
    if state.new_messages > 0 {
        extra.push(Span::styled(
            format!(" {} ", (t.bar.new_messages)(state.new_messages)),
            theme.warning.add_modifier(Modifier::BOLD),
        ));
    }
    // Each account's sync state; say so when there is none to sync.
    if state.sync.is_empty() {
        extra.push(Span::styled(
            format!(" ⇅ {} ", t.bar.no_accounts),
            theme.muted,
        ));
    }
    for account in &state.sync {
        // The end of a rate limit on the business clock, like every time shown.
        let until = account.until.map(|u| {
            let local = u.with_timezone(&state.timezone);
            format!("{:02}:{:02}", local.hour(), local.minute())
        });
        extra.push(Span::styled(
            format!(
                " ⇅ {}{}{} ",
                sanitize(&account.name),
                t.formats.colon,
                t.sync_state(account.state, until.as_deref())
            ),
            theme.muted,
        ));
    }
    extra.extend(team(state, theme));
    let width_of = |spans: &[Span]| spans.iter().map(|s| s.width()).sum::<usize>();
    let mut spans = views(false);
    if width_of(&spans) + width_of(&extra) + right.chars().count() > area.width as usize {
        spans = views(true);
    }
    spans.extend(extra);
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let pad = (area.width as usize).saturating_sub(used + right.chars().count());
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(right, theme.accent));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The others with Palabre open: ● online, ○ away, ✎#N replying in N.
fn team(state: &crate::app::state::State, theme: &super::theme::Theme) -> Vec<Span<'static>> {
    use crate::store::{Activity, PresenceState};
    let mut seen: Vec<&str> = Vec::new();
    let mut spans = Vec::new();
    for p in &state.team {
        if seen.contains(&p.who.as_str()) {
            continue;
        }
        seen.push(&p.who);
        let (mark, style) = match p.state {
            PresenceState::Online => ("●", theme.positive),
            PresenceState::Away => ("○", theme.muted),
        };
        let doing = match (p.activity, p.conversation) {
            (Activity::Replying, Some(c)) => format!(" ✎#{c}"),
            _ => String::new(),
        };
        let away = match p.state {
            PresenceState::Away => format!(" {}", state.lang.t().team.away),
            PresenceState::Online => String::new(),
        };
        spans.push(Span::styled(
            format!(" {mark} {}{away}{doing} ", truncate(&sanitize(&p.who), 16)),
            style,
        ));
    }
    spans
}

/// "Léa is replying", "Léa and Sam are here": who else is in conversation
/// `conv`, for the thread's and the reply's titles.
pub fn others_here(state: &crate::app::state::State, conv: i64) -> Option<String> {
    use crate::store::Activity;
    let others = state.others_in(conv);
    let first = others.first()?;
    let name = truncate(&sanitize(&first.who), 16);
    let team = &state.lang.t().team;
    let say = if first.activity == Activity::Replying {
        team.replying
    } else {
        team.here
    };
    Some(say(&name, others.len() - 1))
}

pub fn hint_line(frame: &mut Frame, area: Rect, screen: &Screen) {
    let state = screen.state;
    let theme = screen.theme;
    let t = state.lang.t();
    if let Some(flash) = &state.flash {
        return frame.render_widget(
            Paragraph::new(Span::styled(
                truncate(flash, area.width as usize),
                theme.warning,
            )),
            area,
        );
    }
    use crate::app::state::Overlay;
    let pane = match &state.overlay {
        Overlay::Reply(_) => Some(super::pane::reply::hint(screen)),
        Overlay::Tags(_) => Some(super::pane::tags::hint(screen)),
        Overlay::Crisis(_) => Some(super::pane::crisis::hint(screen)),
        Overlay::Prompt(_) => Some(super::pane::prompt::hint(screen)),
        Overlay::Picker(_) => Some(super::pane::picker::hint(screen)),
        Overlay::Help(_) => Some(super::pane::help::hint(screen)),
        Overlay::Stats(_) => Some(super::pane::stats::hint(screen)),
        Overlay::None => None,
    };
    let items: Vec<(u8, String)> = match pane {
        // A pane lists its keys most used first and its way out last: both
        // ends stay, the middle gives way.
        Some(text) => {
            let parts: Vec<&str> = text.split(" · ").collect();
            let last = parts.len().saturating_sub(1);
            parts
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let rank = if i == 0 || i == last { 0 } else { i as u8 };
                    (rank, p.to_string())
                })
                .collect()
        }
        None => {
            let h = &t.hints;
            let first = if state.focus == crate::app::state::Focus::Thread {
                (Action::Back, h.back)
            } else {
                (Action::Open, h.open)
            };
            // Lower ranks stay longer when the line is short: the way to
            // every other key (help) and out (quit) never go.
            let pairs = [
                (0, first),
                (1, (Action::Reply, h.reply)),
                (2, (Action::Tags, h.tags)),
                (3, (Action::Crisis, h.crisis)),
                (6, (Action::Status, h.status)),
                (7, (Action::Assign, h.assign)),
                (8, (Action::Select, h.select)),
                (4, (Action::Search, h.search)),
                (9, (Action::Filter, h.filter)),
                (5, (Action::Palette, h.commands)),
                (0, (Action::Help, h.help)),
                (0, (Action::Quit, h.quit)),
            ];
            pairs
                .iter()
                .filter_map(|(rank, (a, label))| {
                    screen
                        .keymap
                        .keys_in(*a, state.lang)
                        .first()
                        .map(|k| (*rank, format!("{k} {label}")))
                })
                .collect()
        }
    };
    let text = fit(items, area.width as usize);
    frame.render_widget(
        Paragraph::new(Span::styled(
            truncate(&text, area.width as usize),
            theme.muted,
        )),
        area,
    );
}

/// The items that fit in `width` columns, in their order, joined by ` · `:
/// while too long, the highest rank (the latest of equals) gives way.
pub fn fit(mut items: Vec<(u8, String)>, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let joined = |items: &[(u8, String)]| {
        items
            .iter()
            .map(|(_, s)| s.as_str())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    while items.len() > 1 && joined(&items).width() > width {
        let drop = items
            .iter()
            .enumerate()
            .max_by_key(|(i, (rank, _))| (*rank, *i))
            .map(|(i, _)| i)
            .unwrap_or(0);
        items.remove(drop);
    }
    joined(&items)
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn the_hint_line_drops_the_least_needed_keys_first_and_keeps_help_and_quit() {
        let items = vec![
            (0, "Enter open".to_string()),
            (1, "r reply".to_string()),
            (5, "s status".to_string()),
            (2, "/ search".to_string()),
            (0, "? help".to_string()),
            (0, "q quit".to_string()),
        ];
        assert_eq!(
            fit(items.clone(), 200),
            "Enter open · r reply · s status · / search · ? help · q quit"
        );
        assert_eq!(
            fit(items.clone(), 50),
            "Enter open · r reply · / search · ? help · q quit"
        );
        assert_eq!(fit(items.clone(), 30), "Enter open · ? help · q quit");
        assert!(fit(items, 5).len() <= 12, "one item at least");
    }
}
