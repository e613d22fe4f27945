//! The two bottom lines: the status bar (views, new messages, sync, who)
//! and the hint line (the keys that matter now, or the last flash).

use super::Screen;
use crate::app::action::Action;
use crate::app::state::SavedView;
use crate::text::{sanitize, truncate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn status_bar(frame: &mut Frame, area: Rect, screen: &Screen) {
    let state = screen.state;
    let theme = screen.theme;
    let right = format!(" {} ", sanitize(&state.user));
    // Full view names when they fit, numbers and counts when the terminal is narrow.
    let views = |compact: bool| -> Vec<Span<'static>> {
        SavedView::ALL
            .iter()
            .enumerate()
            .map(|(i, view)| {
                let label = if compact {
                    format!(" {}:{} ", i + 1, state.view_counts[i])
                } else {
                    format!(
                        " {} {} {} ",
                        i + 1,
                        view.label(state.lang),
                        state.view_counts[i]
                    )
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
            format!(
                " {} {} ",
                state.new_messages,
                state.lang.pick("new", "nouveaux")
            ),
            theme.warning.add_modifier(Modifier::BOLD),
        ));
    }
    // Each account's sync state; say so when there is none to sync.
    if state.sync.is_empty() {
        extra.push(Span::styled(
            format!(" ⇅ {} ", state.lang.pick("no accounts", "aucun compte")),
            theme.muted,
        ));
    }
    for (account, status) in &state.sync {
        extra.push(Span::styled(
            format!(" ⇅ {account}: {status} "),
            theme.muted,
        ));
    }
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

pub fn hint_line(frame: &mut Frame, area: Rect, screen: &Screen) {
    let state = screen.state;
    let theme = screen.theme;
    let text = if let Some(flash) = &state.flash {
        return frame.render_widget(
            Paragraph::new(Span::styled(
                truncate(flash, area.width as usize),
                theme.warning,
            )),
            area,
        );
    } else {
        use crate::app::state::Overlay;
        match &state.overlay {
            Overlay::Reply(_) => super::pane::reply::hint(screen),
            Overlay::Tags(_) => super::pane::tags::hint(screen),
            Overlay::Crisis(_) => super::pane::crisis::hint(screen),
            Overlay::Prompt(_) => super::pane::prompt::hint(screen),
            Overlay::Picker(_) => super::pane::picker::hint(screen),
            Overlay::Help(_) => super::pane::help::hint(screen),
            Overlay::Stats(_) => super::pane::stats::hint(screen),
            Overlay::None => {
                let first = if state.focus == crate::app::state::Focus::Thread {
                    (Action::Back, state.lang.pick("back", "retour"))
                } else {
                    (Action::Open, state.lang.pick("open", "ouvrir"))
                };
                let pairs = [
                    first,
                    (Action::Reply, state.lang.pick("reply", "répondre")),
                    (Action::Tags, state.lang.pick("tags", "étiquettes")),
                    (Action::Crisis, state.lang.pick("crisis", "crise")),
                    (Action::Status, state.lang.pick("status", "statut")),
                    (Action::Assign, state.lang.pick("assign", "assigner")),
                    (Action::Select, state.lang.pick("select", "sélection")),
                    (Action::Search, state.lang.pick("search", "chercher")),
                    (Action::Filter, state.lang.pick("filter", "filtrer")),
                    (Action::Palette, state.lang.pick("commands", "commandes")),
                    (Action::Help, state.lang.pick("help", "aide")),
                    (Action::Quit, state.lang.pick("quit", "quitter")),
                ];
                pairs
                    .iter()
                    .filter_map(|(a, label)| {
                        screen
                            .keymap
                            .keys_for(*a)
                            .first()
                            .map(|k| format!("{k} {label}"))
                    })
                    .collect::<Vec<_>>()
                    .join(" · ")
            }
        }
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            truncate(&text, area.width as usize),
            theme.muted,
        )),
        area,
    );
}
