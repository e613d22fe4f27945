//! The status bar, the key hint, and the panes drawn over the main area.

use super::{Screen, centered};
use crate::app::action::Action;
use crate::app::state::{
    CATEGORIES, CrisisPane, Picker, Prompt, PromptPurpose, ReplyState, SavedView, TagPane,
};
use crate::model::CrisisLevel;
use crate::text::{sanitize, truncate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Sparkline, Wrap};

fn popup<'a>(screen: &Screen, title: String) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(screen.theme.border_focus)
        .style(screen.theme.base)
        .title(Span::styled(title, screen.theme.accent))
}

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
            Overlay::Reply(_) => state.lang.pick(
                "Ctrl-s queue the reply · Esc keep the draft · Ctrl-t saved replies · Ctrl-e $EDITOR",
                "Ctrl-s mettre en file · Échap garder le brouillon · Ctrl-t réponses enregistrées · Ctrl-e $EDITOR",
            ).to_string(),
            Overlay::Tags(_) => state.lang.pick("Space toggle · n new tag · Esc close", "Espace cocher · n nouvelle étiquette · Échap fermer").to_string(),
            Overlay::Crisis(_) => state.lang.pick("Enter set level (with a reason) · E escalate · Esc close", "Entrée choisir le niveau (avec raison) · E escalader · Échap fermer").to_string(),
            Overlay::Prompt(_) | Overlay::Picker(_) => state.lang.pick("Enter confirm · Esc cancel", "Entrée valider · Échap annuler").to_string(),
            Overlay::Help { .. } => state.lang.pick("j/k scroll · Esc close", "j/k défiler · Échap fermer").to_string(),
            Overlay::Stats(_) => {
                let key = |a: Action| screen.keymap.keys_for(a).first().cloned().unwrap_or_default();
                match state.lang {
                    crate::i18n::Lang::En => format!(
                        "←/→ j/k move · {} next section · Enter open these conversations · {} period · {} dates · Esc back",
                        key(Action::NextPane), key(Action::StatsPeriod), key(Action::StatsRange)
                    ),
                    crate::i18n::Lang::Fr => format!(
                        "←/→ j/k déplacer · {} section suivante · Entrée ouvrir ces conversations · {} période · {} dates · Échap retour",
                        key(Action::NextPane), key(Action::StatsPeriod), key(Action::StatsRange)
                    ),
                }
            }
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
                    .filter_map(|(a, label)| screen.keymap.keys_for(*a).first().map(|k| format!("{k} {label}")))
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

pub fn help(frame: &mut Frame, area: Rect, screen: &Screen, scroll: u16) {
    let state = screen.state;
    let rect = centered(area, 76, area.height.saturating_sub(2).max(8));
    frame.render_widget(Clear, rect);
    let block = popup(screen, format!(" {} ", state.lang.pick("Keys", "Touches")));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let lines: Vec<Line> = Action::ALL
        .iter()
        .map(|a| {
            let keys = screen.keymap.keys_for(*a).join(" ");
            Line::from(vec![
                Span::styled(format!("{keys:<16}"), screen.theme.accent),
                Span::raw(a.describe(state.lang).to_string()),
                Span::styled(format!("  :{}", a.name()), screen.theme.muted),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

pub fn prompt(frame: &mut Frame, area: Rect, screen: &Screen, prompt: &Prompt) {
    let lang = screen.state.lang;
    let title = match &prompt.purpose {
        PromptPurpose::Search => lang.pick("Search", "Rechercher").to_string(),
        PromptPurpose::Assign => lang
            .pick("Assign to (- for nobody)", "Assigner à (- pour personne)")
            .to_string(),
        PromptPurpose::FreeTag => lang.pick("New tag", "Nouvelle étiquette").to_string(),
        PromptPurpose::CrisisReason(level) => format!(
            "{} → {level}",
            lang.pick("Reason for crisis level", "Raison du niveau de crise")
        ),
        PromptPurpose::EscalateNote(to) => {
            format!("{} {}", lang.pick("Note for", "Note pour"), sanitize(to))
        }
        PromptPurpose::Palette => lang.pick("Command", "Commande").to_string(),
        PromptPurpose::StatsRange(_) => lang
            .pick(
                "Stats from … to (2026-11-01 2026-11-15)",
                "Statistiques du … au (2026-11-01 2026-11-15)",
            )
            .to_string(),
    };
    let matches = if prompt.purpose == PromptPurpose::Palette {
        crate::app::update::palette_candidates(screen.state, &prompt.text)
    } else {
        Vec::new()
    };
    let height = 3 + matches.len().min(8) as u16;
    let width = area.width.saturating_sub(4).min(70);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + area.height.saturating_sub(height),
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    let block = popup(screen, format!(" {title} "));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut lines = vec![Line::from(vec![
        Span::raw(truncate(
            &sanitize(&prompt.text),
            inner.width.saturating_sub(1) as usize,
        )),
        Span::styled("█", screen.theme.accent),
    ])];
    for m in matches.iter().take(8) {
        let description = crate::app::action::Action::from_name(m)
            .map(|a| a.describe(lang))
            .unwrap_or("");
        lines.push(Line::from(vec![
            Span::styled(format!("{m:<18}"), screen.theme.accent),
            Span::styled(description.to_string(), screen.theme.muted),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn picker(frame: &mut Frame, area: Rect, screen: &Screen, picker: &Picker) {
    use crate::app::state::PickerPurpose;
    let lang = screen.state.lang;
    let title = match &picker.purpose {
        PickerPurpose::Status => lang.pick("Status", "Statut").to_string(),
        PickerPurpose::FilterField => lang.pick("Filter by", "Filtrer par").to_string(),
        PickerPurpose::FilterValue(f) => f.clone(),
        PickerPurpose::SavedReply => lang
            .pick("Saved replies", "Réponses enregistrées")
            .to_string(),
        PickerPurpose::EscalateTo => lang.pick("Escalate to", "Escalader vers").to_string(),
        PickerPurpose::Sentiment => lang.pick("Sentiment", "Sentiment").to_string(),
    };
    let height = (picker.items.len() as u16 + 2).min(area.height);
    let rect = centered(area, 60, height);
    frame.render_widget(Clear, rect);
    let block = popup(screen, format!(" {title} "));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let visible = inner.height as usize;
    let first = picker.cursor.saturating_sub(visible.saturating_sub(1));
    let lines: Vec<Line> = picker
        .items
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, (label, _))| {
            let text = truncate(
                &sanitize(label).replace('\n', " "),
                inner.width.saturating_sub(2) as usize,
            );
            if i == picker.cursor {
                Line::styled(format!("▶ {text}"), screen.theme.selected)
            } else {
                Line::raw(format!("  {text}"))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn reply(frame: &mut Frame, area: Rect, screen: &Screen, reply: &ReplyState) {
    let lang = screen.state.lang;
    let theme = screen.theme;
    let height = (area.height / 2).max(8).min(area.height);
    let rect = Rect {
        x: area.x,
        y: area.y + area.height - height,
        width: area.width,
        height,
    };
    frame.render_widget(Clear, rect);
    let text = reply.text();
    let length = crate::limits::length(reply.channel, &text);
    let limit = crate::limits::limit(reply.channel);
    let over = limit.is_some_and(|l| length > l);
    let counter = match limit {
        Some(l) => format!(" {length}/{l} "),
        None => format!(" {length} "),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if over {
            theme.negative
        } else {
            theme.border_focus
        })
        .style(theme.base)
        .title(Span::styled(
            format!(
                " {} · #{} · {} ",
                lang.pick("Reply", "Réponse"),
                reply.conversation,
                reply.channel
            ),
            theme.accent,
        ))
        .title_bottom(
            Line::styled(
                counter,
                if over {
                    theme.negative.add_modifier(Modifier::BOLD)
                } else {
                    theme.muted
                },
            )
            .right_aligned(),
        );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [editor_area, message] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(&reply.editor, editor_area);
    let note = match (&reply.error, over) {
        (Some(e), _) => Span::styled(e.clone(), theme.negative),
        (None, true) => Span::styled(
            lang.pick(
                "Over the limit: shorten before queueing",
                "Trop long : raccourcissez avant d'envoyer",
            ),
            theme.negative,
        ),
        (None, false) if reply.dirty => Span::styled(lang.pick("editing…", "saisie…"), theme.muted),
        (None, false) => Span::styled(
            lang.pick("draft saved", "brouillon enregistré"),
            theme.muted,
        ),
    };
    frame.render_widget(Paragraph::new(note), message);
}

pub fn tags(frame: &mut Frame, area: Rect, screen: &Screen, pane: &TagPane) {
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
    lines.push(Line::styled(
        lang.pick(
            "n: new free tag · ★ suggested, with the words that suggest it",
            "n : nouvelle étiquette libre · ★ suggérée, avec les mots en cause",
        ),
        screen.theme.muted,
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn crisis(frame: &mut Frame, area: Rect, screen: &Screen, pane: &CrisisPane) {
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
            Span::styled(super::thread::followers(*followers), theme.muted),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), authors);
}
