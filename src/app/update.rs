//! The only place the app's state changes: `update(state, msg) -> effects`.
//! Pure: no store, no terminal, no clock (time arrives as `Msg::Tick`).

use super::action::Action;
use super::keymap::Keymap;
use super::state::*;
use crate::i18n::Lang;
use crate::model::{ConversationDetail, ConversationSummary, CrisisLevel, Direction, Status};
use crate::store::{Change, QueueFilter};
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

/// Everything that can happen to the app.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Tick(DateTime<Utc>),
    /// The queue pane now shows this many rows.
    /// What the last frame measured.
    Viewport {
        thread_max_scroll: u16,
    },
    Resize {
        rows: usize,
    },
    QueueLoaded(Box<QueueLoad>),
    ThreadLoaded(Box<ConversationDetail>),
    CrisisLoaded(CrisisOverview),
    StatsLoaded {
        range: StatsRange,
        report: Box<crate::analytics::Report>,
        anchored: bool,
    },
    /// Another process (an import, a sync) changed the store.
    StoreChanged {
        new_messages: u64,
    },
    /// A draft or a reply could not be written: the text must not be lost.
    ReplyNotSaved {
        conversation: i64,
        text: String,
        error: String,
    },
    /// A change to several marked conversations was carried out: the marks
    /// are spent (a later key must not act on hidden conversations).
    BulkDone(Result<String, String>),
    /// A command was carried out; `Err` carries the message to show.
    Done(Result<String, String>),
    EditorClosed {
        conversation: i64,
        text: Result<String, String>,
    },
    /// The escalation hooks of an escalation came back.
    HooksDone {
        conversation: i64,
        escalation: i64,
        outcomes: Vec<crate::hooks::HookOutcome>,
    },
}

#[derive(Debug)]
pub struct QueueLoad {
    pub total: u64,
    pub window_start: usize,
    pub items: Vec<ConversationSummary>,
    pub view_counts: [u64; 5],
    /// Keep this conversation selected if it is still in the view.
    pub keep: Option<i64>,
    pub known_tags: Vec<String>,
    pub known_langs: Vec<String>,
    pub known_assignees: Vec<String>,
    /// Each account's sync state, for the status bar.
    pub sync: Vec<(String, String)>,
}

/// What the runtime must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadQueue {
        filter: QueueFilter,
        offset: usize,
        keep: Option<i64>,
    },
    LoadThread(i64),
    LoadCrisis,
    LoadStats(StatsRange),
    Apply {
        targets: Vec<i64>,
        change: Change,
    },
    SaveDraft {
        conversation: i64,
        text: String,
    },
    OpenEditor {
        conversation: i64,
        text: String,
    },
    SetTheme(String),
    /// Run the escalation hooks of a recorded escalation, off the UI thread.
    RunHooks {
        conversation: i64,
        escalation: i64,
        payload: serde_json::Value,
    },
    /// Record what the hooks did in the conversation's history.
    RecordHooks {
        conversation: i64,
        escalation: i64,
        outcomes: Vec<crate::hooks::HookOutcome>,
    },
    Quit,
}

/// Typing that pauses this long saves the draft.
const DRAFT_PAUSE_MS: i64 = 800;

fn tr(lang: Lang, en: &str, fr: &str) -> String {
    lang.pick(en, fr).to_string()
}

pub fn update(state: &mut State, keymap: &Keymap, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => on_key(state, keymap, key),
        Msg::Tick(now) => {
            state.now = now;
            autosave(state, false)
        }
        Msg::Resize { rows } => {
            state.page = rows.max(1);
            Vec::new()
        }
        Msg::Viewport { thread_max_scroll } => {
            state.thread_max_scroll = thread_max_scroll;
            state.thread_scroll = state.thread_scroll.min(thread_max_scroll);
            Vec::new()
        }
        Msg::QueueLoaded(load) => on_queue_loaded(state, *load),
        Msg::ThreadLoaded(detail) => {
            if state.current().is_some_and(|c| c.id == detail.summary.id) {
                let same = state
                    .thread
                    .as_ref()
                    .is_some_and(|t| t.summary.id == detail.summary.id);
                if !same {
                    state.thread_scroll = 0;
                }
                state.thread = Some(*detail);
            }
            Vec::new()
        }
        Msg::CrisisLoaded(overview) => {
            state.crisis = overview;
            Vec::new()
        }
        Msg::StatsLoaded {
            range,
            report,
            anchored,
        } => {
            if let Overlay::Stats(pane) = &mut state.overlay
                && pane.range == range
            {
                pane.report = Some(report);
                pane.anchored = anchored;
            }
            Vec::new()
        }
        Msg::StoreChanged { new_messages } => {
            state.new_messages += new_messages;
            reload(state)
        }
        Msg::ReplyNotSaved {
            conversation,
            text,
            error,
        } => {
            // Reopen (or keep) the editor with the text, still unsaved, and
            // do not quit with it.
            state.quit = false;
            match &mut state.overlay {
                Overlay::Reply(reply) if reply.conversation == conversation => {
                    reply.dirty = true;
                    reply.error = Some(error.clone());
                }
                _ => {
                    let channel = state
                        .items
                        .iter()
                        .find(|c| c.id == conversation)
                        .map(|c| c.channel)
                        .or_else(|| state.thread.as_ref().map(|t| t.summary.channel))
                        .unwrap_or(crate::model::Channel::Other);
                    state.overlay = Overlay::Reply(Box::new(ReplyState {
                        conversation,
                        channel,
                        editor: editor_with(&text),
                        dirty: true,
                        last_edit: state.now,
                        error: Some(error.clone()),
                    }));
                }
            }
            state.flash = Some(format!(
                "⚠ {}: {error}",
                tr(state.lang, "not saved", "non enregistré")
            ));
            Vec::new()
        }
        Msg::BulkDone(result) => {
            state.marked.clear();
            update(state, keymap, Msg::Done(result))
        }
        Msg::Done(result) => {
            match result {
                Ok(text) if !text.is_empty() => state.flash = Some(text),
                Ok(_) => {}
                Err(e) => state.flash = Some(format!("⚠ {e}")),
            }
            reload(state)
        }
        Msg::HooksDone {
            conversation,
            escalation,
            outcomes,
        } => vec![Effect::RecordHooks {
            conversation,
            escalation,
            outcomes,
        }],
        Msg::EditorClosed { conversation, text } => {
            match (text, &mut state.overlay) {
                (Ok(text), Overlay::Reply(reply)) if reply.conversation == conversation => {
                    reply.editor = editor_with(&text);
                    reply.dirty = false;
                    return vec![Effect::SaveDraft { conversation, text }];
                }
                (Ok(text), _) => return vec![Effect::SaveDraft { conversation, text }],
                (Err(e), _) => state.flash = Some(format!("⚠ {e}")),
            }
            Vec::new()
        }
    }
}

/// Reloads the queue around the selection, keeping the selected conversation.
pub fn reload(state: &State) -> Vec<Effect> {
    let offset = state.selected.saturating_sub(WINDOW / 2);
    vec![Effect::LoadQueue {
        filter: state.filter(),
        offset,
        keep: state.current().map(|c| c.id),
    }]
}

fn on_queue_loaded(state: &mut State, load: QueueLoad) -> Vec<Effect> {
    state.total = load.total;
    state.window_start = load.window_start;
    state.items = load.items;
    state.view_counts = load.view_counts;
    state.known_tags = load.known_tags;
    state.known_langs = load.known_langs;
    state.known_assignees = load.known_assignees;
    state.sync = load.sync;
    if let Some(keep) = load.keep
        && let Some(i) = state.items.iter().position(|c| c.id == keep)
    {
        state.selected = state.window_start + i;
    }
    if state.total == 0 {
        state.selected = 0;
    } else if state.selected >= state.total as usize {
        state.selected = state.total as usize - 1;
    }
    // A selection outside the loaded window needs another page.
    let in_window = state.selected >= state.window_start
        && state.selected < state.window_start + state.items.len();
    if !in_window && state.total > 0 {
        return vec![Effect::LoadQueue {
            filter: state.filter(),
            offset: state.selected.saturating_sub(WINDOW / 2),
            keep: None,
        }];
    }
    match state.current().map(|c| c.id) {
        // Load (or refresh: the data may have changed) the selected thread.
        Some(id) => vec![Effect::LoadThread(id)],
        None => {
            state.thread = None;
            Vec::new()
        }
    }
}

fn autosave(state: &mut State, now_anyway: bool) -> Vec<Effect> {
    let now = state.now;
    if let Overlay::Reply(reply) = &mut state.overlay
        && reply.dirty
        && (now_anyway || (now - reply.last_edit).num_milliseconds() >= DRAFT_PAUSE_MS)
    {
        reply.dirty = false;
        return vec![Effect::SaveDraft {
            conversation: reply.conversation,
            text: reply.text(),
        }];
    }
    Vec::new()
}

fn editor_with(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(str::to_string).collect()
    };
    let mut editor = TextArea::new(lines);
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
    editor.move_cursor(ratatui_textarea::CursorMove::End);
    editor
}

fn move_to(state: &mut State, index: usize) -> Vec<Effect> {
    if state.total == 0 {
        return Vec::new();
    }
    let index = index.min(state.total as usize - 1);
    if index == state.selected {
        return Vec::new();
    }
    state.selected = index;
    state.thread_scroll = 0;
    let in_window = index >= state.window_start && index < state.window_start + state.items.len();
    if !in_window {
        return vec![Effect::LoadQueue {
            filter: state.filter(),
            offset: index.saturating_sub(WINDOW / 2),
            keep: None,
        }];
    }
    state
        .current()
        .map(|c| vec![Effect::LoadThread(c.id)])
        .unwrap_or_default()
}

fn on_key(state: &mut State, keymap: &Keymap, key: KeyEvent) -> Vec<Effect> {
    state.flash = None;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return quit(state);
    }
    match std::mem::replace(&mut state.overlay, Overlay::None) {
        Overlay::None => {}
        Overlay::Reply(reply) => return reply_key(state, reply, key),
        Overlay::Prompt(prompt) => return prompt_key(state, prompt, key),
        Overlay::Picker(picker) => return picker_key(state, picker, key),
        Overlay::Tags(pane) => return tags_key(state, keymap, pane, key),
        Overlay::Crisis(pane) => return crisis_key(state, keymap, pane, key),
        Overlay::Stats(pane) => return stats_key(state, keymap, pane, key),
        Overlay::Help { scroll } => {
            let action = keymap.action(&key);
            match action {
                Some(Action::Down) => {
                    state.overlay = Overlay::Help {
                        scroll: scroll.saturating_add(1),
                    }
                }
                Some(Action::Up) => {
                    state.overlay = Overlay::Help {
                        scroll: scroll.saturating_sub(1),
                    }
                }
                Some(Action::Quit) | Some(Action::Help) | Some(Action::Back) => {}
                _ if key.code == KeyCode::Esc => {}
                _ => state.overlay = Overlay::Help { scroll },
            }
            return Vec::new();
        }
    }
    match keymap.action(&key) {
        Some(action) => run_action(state, action),
        None => Vec::new(),
    }
}

fn quit(state: &mut State) -> Vec<Effect> {
    let mut effects = autosave(state, true);
    state.quit = true;
    effects.push(Effect::Quit);
    effects
}

/// Carries out a named action in the normal mode (keys, palette).
pub fn run_action(state: &mut State, action: Action) -> Vec<Effect> {
    let lang = state.lang;
    match action {
        Action::Down if state.focus == Focus::Thread => {
            state.thread_scroll = state
                .thread_scroll
                .saturating_add(1)
                .min(state.thread_max_scroll);
            Vec::new()
        }
        Action::Up if state.focus == Focus::Thread => {
            state.thread_scroll = state.thread_scroll.saturating_sub(1);
            Vec::new()
        }
        Action::PageDown if state.focus == Focus::Thread => {
            state.thread_scroll = state
                .thread_scroll
                .saturating_add(state.page as u16)
                .min(state.thread_max_scroll);
            Vec::new()
        }
        Action::PageUp if state.focus == Focus::Thread => {
            state.thread_scroll = state.thread_scroll.saturating_sub(state.page as u16);
            Vec::new()
        }
        Action::Top if state.focus == Focus::Thread => {
            state.thread_scroll = 0;
            Vec::new()
        }
        Action::Bottom if state.focus == Focus::Thread => {
            state.thread_scroll = state.thread_max_scroll;
            Vec::new()
        }
        Action::Down => move_to(state, state.selected + 1),
        Action::Up => move_to(state, state.selected.saturating_sub(1)),
        Action::Top => move_to(state, 0),
        Action::Bottom => move_to(state, (state.total as usize).saturating_sub(1)),
        Action::PageDown => move_to(state, state.selected + state.page),
        Action::PageUp => move_to(state, state.selected.saturating_sub(state.page)),
        Action::Open => {
            if state.current().is_some() {
                state.focus = Focus::Thread;
                state.new_messages = 0;
            }
            Vec::new()
        }
        Action::Back => {
            if state.focus == Focus::Thread {
                state.focus = Focus::Queue;
            } else if !state.marked.is_empty() {
                state.marked.clear();
            }
            Vec::new()
        }
        Action::NextPane => {
            if state.current().is_some() {
                state.focus = match state.focus {
                    Focus::Queue => Focus::Thread,
                    Focus::Thread => Focus::Queue,
                };
            }
            Vec::new()
        }
        Action::Reply => open_reply(state),
        Action::Stats | Action::StatsPeriod | Action::StatsRange => {
            let mut pane = StatsPane::new(StatsRange::Week);
            if let Some((range, section, cursor)) = state.last_stats {
                pane.range = range;
                pane.section = section;
                pane.cursor = cursor;
            }
            open_stats(state, pane)
        }
        Action::Tags => {
            if state.targets().is_empty() {
                return Vec::new();
            }
            state.overlay = Overlay::Tags(TagPane {
                targets: state.targets(),
                rows: tag_rows(state),
                cursor: 0,
                suggestions: suggestions(state),
            });
            Vec::new()
        }
        Action::Crisis => {
            if state.targets().is_empty() {
                return Vec::new();
            }
            let level = state
                .current()
                .map_or(CrisisLevel::None, |c| c.crisis_level);
            let cursor = CrisisLevel::ALL
                .iter()
                .position(|l| *l == level)
                .unwrap_or(0);
            state.overlay = Overlay::Crisis(CrisisPane {
                targets: state.targets(),
                cursor,
            });
            vec![Effect::LoadCrisis]
        }
        Action::Escalate => {
            let targets = state.targets();
            open_escalate(state, targets)
        }
        Action::Assign => {
            if state.targets().is_empty() {
                return Vec::new();
            }
            let current = state.current().and_then(|c| c.assignee.clone());
            state.overlay = Overlay::Prompt(Prompt {
                targets: state.targets(),
                purpose: PromptPurpose::Assign,
                text: current.unwrap_or_else(|| state.user.clone()),
            });
            Vec::new()
        }
        Action::Status => {
            if state.targets().is_empty() {
                return Vec::new();
            }
            let current = state.current().map(|c| c.status);
            state.overlay = Overlay::Picker(Picker {
                targets: state.targets(),
                purpose: PickerPurpose::Status,
                items: Status::ALL
                    .iter()
                    .map(|s| (s.as_str().to_string(), s.as_str().to_string()))
                    .collect(),
                cursor: current
                    .and_then(|s| Status::ALL.iter().position(|x| *x == s))
                    .unwrap_or(0),
            });
            Vec::new()
        }
        Action::Sentiment => {
            if state.targets().is_empty() {
                return Vec::new();
            }
            use crate::triage::sentiment::Polarity;
            const ALL: [Polarity; 3] = [Polarity::Negative, Polarity::Neutral, Polarity::Positive];
            let current = state.current().and_then(|c| c.tone.clone());
            let label = |p: Polarity| match p {
                Polarity::Negative => tr(state.lang, "− negative", "− négatif"),
                Polarity::Neutral => tr(state.lang, "· neutral", "· neutre"),
                Polarity::Positive => tr(state.lang, "+ positive", "+ positif"),
            };
            state.overlay = Overlay::Picker(Picker {
                targets: state.targets(),
                purpose: PickerPurpose::Sentiment,
                items: ALL
                    .iter()
                    .map(|p| (label(*p), p.as_str().to_string()))
                    .collect(),
                cursor: current
                    .and_then(|t| ALL.iter().position(|p| p.as_str() == t))
                    .unwrap_or(1),
            });
            Vec::new()
        }
        Action::Select => {
            if let Some(id) = state.current().map(|c| c.id) {
                if !state.marked.remove(&id) {
                    state.marked.insert(id);
                }
                return move_to(state, state.selected + 1);
            }
            Vec::new()
        }
        Action::Search => {
            state.overlay = Overlay::Prompt(Prompt {
                targets: state.targets(),
                purpose: PromptPurpose::Search,
                text: state.refine.search.clone().unwrap_or_default(),
            });
            Vec::new()
        }
        Action::Filter => {
            let fields = [
                ("channel", tr(lang, "Channel", "Canal")),
                ("status", tr(lang, "Status", "Statut")),
                ("tag", tr(lang, "Tag", "Étiquette")),
                ("crisis", tr(lang, "Crisis level", "Niveau de crise")),
                ("assignee", tr(lang, "Assignee", "Assigné à")),
                ("unassigned", tr(lang, "Unassigned", "Non assignées")),
                ("lang", tr(lang, "Language", "Langue")),
                ("sentiment", tr(lang, "Sentiment", "Tonalité")),
                (
                    "clear",
                    tr(lang, "Clear all filters", "Effacer les filtres"),
                ),
            ];
            state.overlay = Overlay::Picker(Picker {
                targets: state.targets(),
                purpose: PickerPurpose::FilterField,
                items: fields
                    .iter()
                    .map(|(k, l)| (l.clone(), k.to_string()))
                    .collect(),
                cursor: 0,
            });
            Vec::new()
        }
        Action::ClearFilter => {
            state.refine = Refinement::default();
            reset_view(state)
        }
        Action::View1 | Action::View2 | Action::View3 | Action::View4 | Action::View5 => {
            let i = [
                Action::View1,
                Action::View2,
                Action::View3,
                Action::View4,
                Action::View5,
            ]
            .iter()
            .position(|a| *a == action)
            .unwrap_or(0);
            state.view = SavedView::ALL[i];
            state.refine = Refinement::default();
            reset_view(state)
        }
        Action::Palette => {
            state.overlay = Overlay::Prompt(Prompt {
                targets: state.targets(),
                purpose: PromptPurpose::Palette,
                text: String::new(),
            });
            Vec::new()
        }
        Action::Help => {
            state.overlay = Overlay::Help { scroll: 0 };
            Vec::new()
        }
        Action::Refresh => reload(state),
        Action::Quit => quit(state),
    }
}

fn open_stats(state: &mut State, pane: StatsPane) -> Vec<Effect> {
    let range = pane.range;
    state.overlay = Overlay::Stats(Box::new(pane));
    vec![Effect::LoadStats(range)]
}

fn stats_key(
    state: &mut State,
    keymap: &Keymap,
    mut pane: Box<StatsPane>,
    key: KeyEvent,
) -> Vec<Effect> {
    let section = pane.section;
    let i = section.index();
    let len = pane.len(section);
    let cursor = pane.cursor(section);
    // Along the bars, left and right move (elsewhere they mean back and open).
    let step = match key.code {
        KeyCode::Left | KeyCode::Char('h') => Some(-1),
        KeyCode::Right | KeyCode::Char('l') => Some(1),
        _ => None,
    };
    if let Some(step) = step {
        if section == StatsSection::Days {
            pane.cursor[i] = cursor
                .saturating_add_signed(step)
                .min(len.saturating_sub(1));
        }
        state.overlay = Overlay::Stats(pane);
        return Vec::new();
    }
    match keymap.action(&key) {
        Some(Action::Back | Action::Stats | Action::Quit) => Vec::new(),
        Some(Action::Down) => {
            pane.cursor[i] = (cursor + 1).min(len.saturating_sub(1));
            state.overlay = Overlay::Stats(pane);
            Vec::new()
        }
        Some(Action::Up) => {
            pane.cursor[i] = cursor.saturating_sub(1);
            state.overlay = Overlay::Stats(pane);
            Vec::new()
        }
        Some(Action::Top) => {
            pane.cursor[i] = 0;
            state.overlay = Overlay::Stats(pane);
            Vec::new()
        }
        Some(Action::Bottom) => {
            pane.cursor[i] = len.saturating_sub(1);
            state.overlay = Overlay::Stats(pane);
            Vec::new()
        }
        Some(Action::NextPane) => {
            pane.section = StatsSection::ALL[(i + 1) % StatsSection::ALL.len()];
            state.overlay = Overlay::Stats(pane);
            Vec::new()
        }
        Some(Action::StatsPeriod) => open_stats(state, StatsPane::new(pane.range.next())),
        Some(Action::Refresh) => open_stats(state, StatsPane::new(pane.range)),
        Some(Action::StatsRange) => {
            let text = pane.report.as_ref().map_or_else(String::new, |r| {
                let first = r
                    .days
                    .first()
                    .map(|d| d.date.to_string())
                    .unwrap_or_default();
                let last = r
                    .days
                    .last()
                    .map(|d| d.date.to_string())
                    .unwrap_or_default();
                format!("{first} {last}")
            });
            state.overlay = Overlay::Prompt(Prompt {
                purpose: PromptPurpose::StatsRange(pane),
                text,
                targets: Vec::new(),
            });
            Vec::new()
        }
        Some(Action::Open) => open_figure(state, pane),
        Some(Action::Help) => {
            state.overlay = Overlay::Help { scroll: 0 };
            Vec::new()
        }
        _ => {
            state.overlay = Overlay::Stats(pane);
            Vec::new()
        }
    }
}

/// Two dates, "2026-11-01 2026-11-15" (or with "..", "→", "to" between).
pub fn parse_range(text: &str) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let dates: Vec<chrono::NaiveDate> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '→')
        .flat_map(|part| part.split(".."))
        .filter(|p| !p.is_empty() && *p != "to" && *p != "au")
        .map(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
        .collect::<Option<Vec<_>>>()?;
    match dates.as_slice() {
        [one] => Some((*one, *one)),
        [a, b] if a <= b => Some((*a, *b)),
        _ => None,
    }
}

/// Enter on a day, a category or a breach: the queue shows exactly the
/// conversations behind that figure.
fn open_figure(state: &mut State, pane: Box<StatsPane>) -> Vec<Effect> {
    let section = pane.section;
    let cursor = pane.cursor(section);
    let figure = pane.report.as_ref().and_then(|r| match section {
        StatsSection::Days => r.days.get(cursor).map(|d| {
            (
                d.date.format("%Y-%m-%d").to_string(),
                d.conversations.clone(),
                None,
            )
        }),
        StatsSection::Categories => r
            .categories
            .get(cursor)
            .map(|c| (format!("#{}", c.tag), c.ids.iter().copied().collect(), None)),
        StatsSection::Breaches => r.sla_breach_list.get(cursor).map(|b| {
            (
                "SLA".to_string(),
                r.sla_breach_list.iter().map(|b| b.conversation).collect(),
                Some(b.conversation),
            )
        }),
    });
    match figure {
        Some((label, ids, keep)) if !ids.is_empty() => {
            state.last_stats = Some((pane.range, pane.section, pane.cursor));
            state.refine = Refinement {
                ids: Some((label, ids)),
                ..Refinement::default()
            };
            state.selected = 0;
            state.window_start = 0;
            state.marked.clear();
            state.focus = Focus::Queue;
            vec![Effect::LoadQueue {
                filter: state.filter(),
                offset: 0,
                keep,
            }]
        }
        _ => {
            state.flash = Some(tr(
                state.lang,
                "No conversations behind this figure",
                "Aucune conversation derrière ce chiffre",
            ));
            state.overlay = Overlay::Stats(pane);
            Vec::new()
        }
    }
}

fn reset_view(state: &mut State) -> Vec<Effect> {
    state.selected = 0;
    state.window_start = 0;
    state.marked.clear();
    state.focus = Focus::Queue;
    vec![Effect::LoadQueue {
        filter: state.filter(),
        offset: 0,
        keep: None,
    }]
}

fn open_reply(state: &mut State) -> Vec<Effect> {
    let Some(thread) = &state.thread else {
        return Vec::new();
    };
    if state.current().is_none_or(|c| c.id != thread.summary.id) {
        return Vec::new();
    }
    // The draft; else a reply the network refused, to edit and queue again.
    let text = thread
        .draft
        .as_ref()
        .map(|d| d.text.clone())
        .or_else(|| {
            thread
                .outbox
                .iter()
                .rev()
                .find(|o| o.status == crate::model::OutboxStatus::Failed)
                .map(|o| o.text.clone())
        })
        .unwrap_or_default();
    state.overlay = Overlay::Reply(Box::new(ReplyState {
        conversation: thread.summary.id,
        channel: thread.summary.channel,
        editor: editor_with(&text),
        dirty: false,
        last_edit: state.now,
        error: None,
    }));
    Vec::new()
}

fn open_escalate(state: &mut State, targets: Vec<i64>) -> Vec<Effect> {
    if targets.is_empty() {
        return Vec::new();
    }
    if state.contacts.is_empty() {
        state.flash = Some(tr(
            state.lang,
            "No escalation contacts: add [[contacts]] to the config file",
            "Aucun contact d'escalade : ajoutez [[contacts]] au fichier de configuration",
        ));
        return Vec::new();
    }
    state.overlay = Overlay::Picker(Picker {
        targets,
        purpose: PickerPurpose::EscalateTo,
        items: state
            .contacts
            .iter()
            .map(|c| (format!("{} — {}", c.name, c.detail), c.name.clone()))
            .collect(),
        cursor: 0,
    });
    Vec::new()
}

/// Categories suggested for the current thread's inbound messages: by the
/// rules, with the words that matched, and by the model learned from
/// people's tags. A suggestion is only ever shown, never applied.
fn suggestions(state: &State) -> Vec<crate::triage::categories::Suggestion> {
    let Some(thread) = &state.thread else {
        return Vec::new();
    };
    let text: Vec<&str> = thread
        .messages
        .iter()
        .filter(|m| m.message.direction == Direction::Inbound)
        .map(|m| m.message.text.as_str())
        .collect();
    let mut out = state.rules.suggest(&text.join("\n"));
    for learned in &thread.learned_categories {
        let reason = format!(
            "{} ({:.0}%, {} {})",
            tr(
                state.lang,
                "learned from your tags",
                "appris de vos étiquettes"
            ),
            learned.probability * 100.0,
            learned.examples,
            tr(state.lang, "examples", "exemples"),
        );
        match out.iter_mut().find(|s| s.category == learned.category) {
            Some(s) => s.reasons.push(reason),
            None => out.push(crate::triage::categories::Suggestion {
                category: learned.category.clone(),
                reasons: vec![reason],
            }),
        }
    }
    out
}

/// Categories first, then free tags already on the targets.
fn tag_rows(state: &State) -> Vec<String> {
    let mut rows: Vec<String> = CATEGORIES.iter().map(|c| c.to_string()).collect();
    let targets = state.targets();
    for item in &state.items {
        if targets.contains(&item.id) {
            for t in &item.tags {
                if !rows.contains(t) {
                    rows.push(t.clone());
                }
            }
        }
    }
    rows
}

/// Fills a saved reply's placeholders for the conversation being answered.
pub fn fill_placeholders(template: &str, thread: &ConversationDetail) -> String {
    let last_inbound = thread
        .messages
        .iter()
        .rev()
        .find(|m| m.message.direction == Direction::Inbound)
        .map(|m| &m.message);
    let author = last_inbound
        .map(|m| m.author.handle.clone())
        .unwrap_or_default();
    let first_name = last_inbound
        .map(|m| {
            let name = if m.author.name.trim().is_empty() {
                &m.author.handle
            } else {
                &m.author.name
            };
            name.trim_start_matches('@')
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string()
        })
        .unwrap_or_default();
    template
        .replace("{author}", &author)
        .replace("{first_name}", &first_name)
        .replace("{channel}", thread.summary.channel.as_str())
}

fn reply_key(state: &mut State, mut reply: Box<ReplyState>, key: KeyEvent) -> Vec<Effect> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc => {
            let effects = if reply.dirty || reply.text().is_empty() {
                vec![Effect::SaveDraft {
                    conversation: reply.conversation,
                    text: reply.text(),
                }]
            } else {
                Vec::new()
            };
            if !reply.text().trim().is_empty() {
                state.flash = Some(tr(state.lang, "Draft kept", "Brouillon conservé"));
            }
            effects
        }
        KeyCode::Char('s') if ctrl => {
            let text = reply.text();
            let length = crate::limits::length(reply.channel, &text);
            if text.trim().is_empty() {
                reply.error = Some(tr(state.lang, "The reply is empty", "La réponse est vide"));
                state.overlay = Overlay::Reply(reply);
                return Vec::new();
            }
            if let Some(limit) = crate::limits::limit(reply.channel)
                && length > limit
            {
                reply.error = Some(match state.lang {
                    Lang::En => format!("Too long for {}: {length}/{limit}", reply.channel),
                    Lang::Fr => format!("Trop long pour {} : {length}/{limit}", reply.channel),
                });
                state.overlay = Overlay::Reply(reply);
                return Vec::new();
            }
            state.flash = Some(tr(
                state.lang,
                "Reply queued in the outbox",
                "Réponse placée dans la file d'envoi",
            ));
            vec![Effect::Apply {
                targets: vec![reply.conversation],
                change: Change::QueueReply { text },
            }]
        }
        KeyCode::Char('e') if ctrl => {
            let effects = vec![Effect::OpenEditor {
                conversation: reply.conversation,
                text: reply.text(),
            }];
            state.overlay = Overlay::Reply(reply);
            effects
        }
        KeyCode::Char('t') if ctrl => {
            if state.saved_replies.is_empty() {
                reply.error = Some(tr(
                    state.lang,
                    "No saved replies: add [[saved_replies]] to the config file",
                    "Aucune réponse enregistrée : ajoutez [[saved_replies]] au fichier de configuration",
                ));
                state.overlay = Overlay::Reply(reply);
                return Vec::new();
            }
            // The picker replaces the reply overlay; keep the reply's text as a draft first.
            let conversation = reply.conversation;
            let text = reply.text();
            state.overlay = Overlay::Picker(Picker {
                targets: state.targets(),
                purpose: PickerPurpose::SavedReply,
                items: state
                    .saved_replies
                    .iter()
                    .map(|r| (r.name.clone(), r.text.clone()))
                    .collect(),
                cursor: 0,
            });
            vec![Effect::SaveDraft { conversation, text }]
        }
        _ => {
            reply.error = None;
            if reply.editor.input(key) {
                reply.dirty = true;
                reply.last_edit = state.now;
            }
            state.overlay = Overlay::Reply(reply);
            Vec::new()
        }
    }
}

/// The palette's completions for what was typed: prefix matches first.
pub fn palette_candidates(state: &State, text: &str) -> Vec<String> {
    let mut all: Vec<String> = super::action::Action::ALL
        .iter()
        .map(|a| a.name().to_string())
        .collect();
    all.extend(state.themes.iter().map(|t| format!("theme {t}")));
    all.extend(["lang en".to_string(), "lang fr".to_string()]);
    let text = text.trim();
    let mut starts: Vec<String> = all
        .iter()
        .filter(|c| c.starts_with(text))
        .cloned()
        .collect();
    let contains = all
        .iter()
        .filter(|c| !c.starts_with(text) && c.contains(text))
        .cloned();
    starts.extend(contains);
    starts
}

fn prompt_key(state: &mut State, mut prompt: Prompt, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Esc => {
            if let PromptPurpose::StatsRange(pane) = prompt.purpose {
                state.overlay = Overlay::Stats(pane);
            }
            Vec::new()
        }
        KeyCode::Backspace => {
            prompt.text.pop();
            state.overlay = Overlay::Prompt(prompt);
            Vec::new()
        }
        KeyCode::Tab if prompt.purpose == PromptPurpose::Palette => {
            if let Some(first) = palette_candidates(state, &prompt.text).into_iter().next() {
                prompt.text = first;
            }
            state.overlay = Overlay::Prompt(prompt);
            Vec::new()
        }
        KeyCode::Enter => submit_prompt(state, prompt),
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
            prompt.text.push(c);
            state.overlay = Overlay::Prompt(prompt);
            Vec::new()
        }
        _ => {
            state.overlay = Overlay::Prompt(prompt);
            Vec::new()
        }
    }
}

fn submit_prompt(state: &mut State, prompt: Prompt) -> Vec<Effect> {
    let text = prompt.text.trim().to_string();
    let targets = prompt.targets.clone();
    match prompt.purpose {
        PromptPurpose::StatsRange(pane) => match parse_range(&text) {
            Some((from, to)) => open_stats(state, StatsPane::new(StatsRange::Custom(from, to))),
            None => {
                state.flash = Some(tr(
                    state.lang,
                    "Dates as 2026-11-01 2026-11-15 (first and last day)",
                    "Dates au format 2026-11-01 2026-11-15 (premier et dernier jour)",
                ));
                state.overlay = Overlay::Prompt(Prompt {
                    purpose: PromptPurpose::StatsRange(pane),
                    text,
                    targets: Vec::new(),
                });
                Vec::new()
            }
        },
        PromptPurpose::Search => {
            state.refine.search = (!text.is_empty()).then_some(text);
            reset_view(state)
        }
        PromptPurpose::Assign => {
            let who = (!text.is_empty() && text != "-").then_some(text);
            vec![Effect::Apply {
                targets,
                change: Change::Assign(who),
            }]
        }
        PromptPurpose::FreeTag => {
            if text.is_empty() {
                return Vec::new();
            }
            vec![Effect::Apply {
                targets,
                change: Change::Tag(vec![text]),
            }]
        }
        PromptPurpose::CrisisReason(level) => {
            if text.is_empty() && level != CrisisLevel::None {
                state.flash = Some(tr(
                    state.lang,
                    "A crisis flag needs a reason",
                    "Un signalement de crise demande une raison",
                ));
                state.overlay = Overlay::Prompt(Prompt {
                    targets: state.targets(),
                    purpose: PromptPurpose::CrisisReason(level),
                    text: String::new(),
                });
                return Vec::new();
            }
            vec![Effect::Apply {
                targets,
                change: Change::Flag {
                    level,
                    reason: text,
                },
            }]
        }
        PromptPurpose::EscalateNote(to) => vec![Effect::Apply {
            targets,
            change: Change::Escalate { to, note: text },
        }],
        PromptPurpose::Palette => {
            let command = palette_candidates(state, &text)
                .into_iter()
                .find(|c| *c == text)
                .or_else(|| palette_candidates(state, &text).into_iter().next());
            let Some(command) = command else {
                state.flash = Some(format!(
                    "⚠ {}: {text}",
                    tr(state.lang, "unknown command", "commande inconnue")
                ));
                return Vec::new();
            };
            if let Some(name) = command.strip_prefix("theme ") {
                state.theme = name.to_string();
                return vec![Effect::SetTheme(name.to_string())];
            }
            if let Some(lang) = command.strip_prefix("lang ") {
                state.lang = if lang == "fr" { Lang::Fr } else { Lang::En };
                return Vec::new();
            }
            match Action::from_name(&command) {
                Some(action) => run_action(state, action),
                None => Vec::new(),
            }
        }
    }
}

fn picker_key(state: &mut State, mut picker: Picker, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Esc => Vec::new(),
        KeyCode::Down | KeyCode::Char('j') => {
            picker.cursor = (picker.cursor + 1).min(picker.items.len().saturating_sub(1));
            state.overlay = Overlay::Picker(picker);
            Vec::new()
        }
        KeyCode::Up | KeyCode::Char('k') => {
            picker.cursor = picker.cursor.saturating_sub(1);
            state.overlay = Overlay::Picker(picker);
            Vec::new()
        }
        KeyCode::Enter => {
            let Some((_, value)) = picker.items.get(picker.cursor).cloned() else {
                return Vec::new();
            };
            choose(state, picker.purpose, value, picker.targets)
        }
        _ => {
            state.overlay = Overlay::Picker(picker);
            Vec::new()
        }
    }
}

fn choose(
    state: &mut State,
    purpose: PickerPurpose,
    value: String,
    targets: Vec<i64>,
) -> Vec<Effect> {
    match purpose {
        PickerPurpose::Status => match value.parse::<Status>() {
            Ok(s) => vec![Effect::Apply {
                targets,
                change: Change::Status(s),
            }],
            Err(_) => Vec::new(),
        },
        PickerPurpose::Sentiment => match value.parse() {
            Ok(p) => vec![Effect::Apply {
                targets,
                change: Change::Sentiment(p),
            }],
            Err(_) => Vec::new(),
        },
        PickerPurpose::EscalateTo => {
            state.overlay = Overlay::Prompt(Prompt {
                targets,
                purpose: PromptPurpose::EscalateNote(value),
                text: String::new(),
            });
            Vec::new()
        }
        PickerPurpose::SavedReply => {
            let Some(thread) = &state.thread else {
                return Vec::new();
            };
            let filled = fill_placeholders(&value, thread);
            let existing = thread
                .draft
                .as_ref()
                .map(|d| d.text.clone())
                .unwrap_or_default();
            open_reply(state);
            if let Overlay::Reply(reply) = &mut state.overlay {
                let text = if existing.trim().is_empty() {
                    filled
                } else {
                    format!("{existing}\n{filled}")
                };
                reply.editor = editor_with(&text);
                reply.dirty = true;
                reply.last_edit = state.now;
            }
            Vec::new()
        }
        PickerPurpose::FilterField => {
            let values: Vec<(String, String)> = match value.as_str() {
                "channel" => crate::model::Channel::ALL
                    .iter()
                    .map(|c| (c.as_str().into(), c.as_str().into()))
                    .collect(),
                "status" => Status::ALL
                    .iter()
                    .map(|s| (s.as_str().into(), s.as_str().into()))
                    .collect(),
                "tag" => state
                    .known_tags
                    .iter()
                    .map(|t| (t.clone(), t.clone()))
                    .collect(),
                "sentiment" => ["negative", "neutral", "positive"]
                    .iter()
                    .map(|t| (t.to_string(), t.to_string()))
                    .collect(),
                "crisis" => CrisisLevel::ALL
                    .iter()
                    .map(|s| (s.as_str().into(), s.as_str().into()))
                    .collect(),
                "lang" => state
                    .known_langs
                    .iter()
                    .map(|t| (t.clone(), t.clone()))
                    .collect(),
                "assignee" => {
                    let mut people = state.known_assignees.clone();
                    if !people.contains(&state.user) {
                        people.insert(0, state.user.clone());
                    }
                    people.into_iter().map(|p| (p.clone(), p)).collect()
                }
                "unassigned" => {
                    state.refine.assignee = Some(None);
                    return reset_view(state);
                }
                _ => {
                    state.refine = Refinement::default();
                    return reset_view(state);
                }
            };
            if values.is_empty() {
                state.flash = Some(tr(
                    state.lang,
                    "Nothing to filter on yet",
                    "Rien à filtrer pour l'instant",
                ));
                return Vec::new();
            }
            state.overlay = Overlay::Picker(Picker {
                targets: state.targets(),
                purpose: PickerPurpose::FilterValue(value),
                items: values,
                cursor: 0,
            });
            Vec::new()
        }
        PickerPurpose::FilterValue(field) => {
            match field.as_str() {
                "channel" => state.refine.channel = value.parse().ok(),
                "status" => state.refine.status = value.parse().ok(),
                "tag" => state.refine.tag = Some(value),
                "crisis" => state.refine.crisis = value.parse().ok(),
                "assignee" => state.refine.assignee = Some(Some(value)),
                "lang" => state.refine.lang = Some(value),
                "sentiment" => state.refine.tone = value.parse().ok(),
                _ => {}
            }
            reset_view(state)
        }
    }
}

fn tags_key(state: &mut State, keymap: &Keymap, mut pane: TagPane, key: KeyEvent) -> Vec<Effect> {
    let action = keymap.action(&key);
    match (key.code, action) {
        (KeyCode::Esc, _) | (_, Some(Action::Tags)) => Vec::new(),
        (_, Some(Action::Down)) => {
            pane.cursor = (pane.cursor + 1).min(pane.rows.len().saturating_sub(1));
            state.overlay = Overlay::Tags(pane);
            Vec::new()
        }
        (_, Some(Action::Up)) => {
            pane.cursor = pane.cursor.saturating_sub(1);
            state.overlay = Overlay::Tags(pane);
            Vec::new()
        }
        (KeyCode::Char(' '), _) | (KeyCode::Enter, _) => {
            let Some(tag) = pane.rows.get(pane.cursor).cloned() else {
                state.overlay = Overlay::Tags(pane);
                return Vec::new();
            };
            let targets = pane.targets.clone();
            // Toggle: if every target has it, remove it; otherwise add it to all.
            let all_have = targets.iter().all(|id| {
                state
                    .items
                    .iter()
                    .find(|c| c.id == *id)
                    .is_some_and(|c| c.tags.contains(&tag))
            });
            let change = if all_have {
                Change::Untag(vec![tag])
            } else {
                Change::Tag(vec![tag])
            };
            state.overlay = Overlay::Tags(pane);
            vec![Effect::Apply { targets, change }]
        }
        (KeyCode::Char('n'), _) => {
            state.overlay = Overlay::Prompt(Prompt {
                targets: pane.targets,
                purpose: PromptPurpose::FreeTag,
                text: String::new(),
            });
            Vec::new()
        }
        _ => {
            state.overlay = Overlay::Tags(pane);
            Vec::new()
        }
    }
}

fn crisis_key(
    state: &mut State,
    keymap: &Keymap,
    mut pane: CrisisPane,
    key: KeyEvent,
) -> Vec<Effect> {
    let action = keymap.action(&key);
    match (key.code, action) {
        (KeyCode::Esc, _) | (_, Some(Action::Crisis)) => Vec::new(),
        (_, Some(Action::Down)) => {
            pane.cursor = (pane.cursor + 1).min(CrisisLevel::ALL.len() - 1);
            state.overlay = Overlay::Crisis(pane);
            Vec::new()
        }
        (_, Some(Action::Up)) => {
            pane.cursor = pane.cursor.saturating_sub(1);
            state.overlay = Overlay::Crisis(pane);
            Vec::new()
        }
        (_, Some(Action::Escalate)) => open_escalate(state, pane.targets),
        (KeyCode::Enter, _) => {
            let level = CrisisLevel::ALL[pane.cursor.min(CrisisLevel::ALL.len() - 1)];
            state.overlay = Overlay::Prompt(Prompt {
                targets: pane.targets,
                purpose: PromptPurpose::CrisisReason(level),
                text: String::new(),
            });
            Vec::new()
        }
        _ => {
            state.overlay = Overlay::Crisis(pane);
            Vec::new()
        }
    }
}
