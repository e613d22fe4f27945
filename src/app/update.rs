//! The only place the app's state changes: `update(state, msg) -> effects`.
//! Pure: no store, no terminal, no clock (time arrives as `Msg::Tick`).
//! A key goes to the open pane (`pane/`) or, with none open, to the queue's
//! actions here.

use super::action::Action;
pub use super::effect::{Effect, StoreEffect, TerminalEffect};
use super::keymap::Keymap;
use super::pane::{self, HelpPane, Next, NoPane, Outcome, Overlay, Prompt, PromptPurpose};
use super::state::*;
use crate::model::{ConversationDetail, ConversationSummary, Status};
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
    /// `n` took a conversation (None: nothing left in the view).
    Taken(Result<Option<i64>, String>),
    /// Who else has Palabre open, and what they are doing.
    Team(Vec<crate::store::Presence>),
    /// Another process (an import, a sync) changed the store.
    StoreChanged {
        new_messages: u64,
    },
    /// A draft or a reply could not be written: the text must not be lost.
    ReplyNotSaved {
        conversation: i64,
        text: String,
        error: String,
        /// Refused because someone else replied or wrote first: the draft
        /// waits for the person to look and confirm.
        conflict: bool,
    },
    /// A command was carried out; `Err` carries the message to show.
    Done(Result<String, String>),
    /// A person's change was written: what to say, whether it was a bulk
    /// change (the marks are spent: a later key must not act on hidden
    /// conversations), and how to undo it.
    Applied {
        result: Result<String, String>,
        bulk: bool,
        undo: Option<Undo>,
    },
    EditorClosed {
        conversation: i64,
        text: Result<String, String>,
    },
    /// The stats report computed in the background came back.
    StatsReady(Box<super::effect::StatsReady>),
    /// The background refresh of waiting priorities is over: how many
    /// conversations it looked at.
    PrioritiesRefreshed(Result<usize, String>),
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
    /// The kept conversation is no longer in the view: its number and
    /// status now, so that the move of the selection is said.
    pub left: Option<(i64, Status)>,
    pub known_tags: Vec<String>,
    pub known_langs: Vec<String>,
    pub known_assignees: Vec<String>,
    /// Each account's sync state, for the status bar.
    pub sync: Vec<AccountSync>,
}

/// Typing that pauses this long saves the draft.
const DRAFT_PAUSE_MS: i64 = 800;

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
        Msg::QueueLoaded(load) => on_queue_loaded(state, keymap, *load),
        Msg::ThreadLoaded(detail) => {
            // The thread shown is the selected conversation's, or, while a
            // reply to one that left the view is open, that one's.
            let replying = match &state.overlay {
                Overlay::Reply(r) => Some(r.conversation),
                _ => None,
            };
            let current = state.current().map(|c| c.id);
            let show = match replying {
                Some(r) if current != Some(r) => detail.summary.id == r,
                _ => current == Some(detail.summary.id),
            };
            if show {
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
        Msg::Taken(Ok(Some(id))) => {
            state.flash = Some((state.lang.t().team.taken)(id));
            vec![Effect::Store(StoreEffect::LoadQueue {
                filter: state.filter(),
                offset: state.selected.saturating_sub(WINDOW / 2),
                keep: Some(id),
            })]
        }
        Msg::Taken(Ok(None)) => {
            state.flash = Some(state.lang.t().team.nothing_to_take.to_string());
            Vec::new()
        }
        Msg::Taken(Err(e)) => {
            state.flash = Some(format!("⚠ {e}"));
            Vec::new()
        }
        Msg::Team(others) => {
            state.team = others;
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
            conflict,
        } => {
            // Reopen (or keep) the editor with the text, still unsaved, and
            // do not quit with it.
            state.quit = false;
            match &mut state.overlay {
                Overlay::Reply(reply) if reply.conversation == conversation => {
                    reply.dirty = true;
                    reply.error = Some(error.clone());
                    reply.confirmed |= conflict;
                }
                _ => {
                    state.overlay = Overlay::Reply(pane::reply::unsaved(
                        state,
                        conversation,
                        &text,
                        error.clone(),
                        conflict,
                    ));
                }
            }
            let t = state.lang.t();
            if conflict {
                state.flash = Some(format!(
                    "⚠ {}{}{error}",
                    t.team.reply_not_queued, t.formats.colon
                ));
                // Show what the other person did, under the kept draft:
                // the conversation itself, even if it left the view.
                let mut effects = reload(state);
                effects.push(Effect::Store(StoreEffect::LoadThread(conversation)));
                return effects;
            }
            state.flash = Some(format!("⚠ {}{}{error}", t.flash.not_saved, t.formats.colon));
            Vec::new()
        }
        Msg::Applied { result, bulk, undo } => {
            if bulk {
                state.marked.clear();
            }
            if result.is_ok() && undo.is_some() {
                state.undo = undo;
            }
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
        } => vec![Effect::Store(StoreEffect::RecordHooks {
            conversation,
            escalation,
            outcomes,
        })],
        Msg::StatsReady(ready) => vec![Effect::Store(StoreEffect::KeepStats(ready))],
        // Its commit reaches the queue through the store poll, like any
        // other process's.
        Msg::PrioritiesRefreshed(_) => Vec::new(),
        Msg::EditorClosed { conversation, text } => {
            match (text, &mut state.overlay) {
                (Ok(text), Overlay::Reply(reply)) if reply.conversation == conversation => {
                    reply.editor = pane::reply::editor_with(&text);
                    reply.dirty = false;
                    return vec![Effect::Store(StoreEffect::SaveDraft { conversation, text })];
                }
                (Ok(text), _) => {
                    return vec![Effect::Store(StoreEffect::SaveDraft { conversation, text })];
                }
                (Err(e), _) => state.flash = Some(format!("⚠ {e}")),
            }
            Vec::new()
        }
    }
}

/// Reloads the queue around the selection, keeping the selected conversation.
pub fn reload(state: &State) -> Vec<Effect> {
    let offset = state.selected.saturating_sub(WINDOW / 2);
    vec![Effect::Store(StoreEffect::LoadQueue {
        filter: state.filter(),
        offset,
        keep: state.current().map(|c| c.id),
    })]
}

fn on_queue_loaded(state: &mut State, keymap: &Keymap, load: QueueLoad) -> Vec<Effect> {
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
    if let Some((id, status)) = load.left {
        let t = state.lang.t();
        // The undo key as bound, if any.
        let undo = match keymap.keys_in(Action::Undo, state.lang).first() {
            Some(key) if state.undo.is_some() => (t.flash.undo_hint)(key),
            _ => String::new(),
        };
        let note = (t.flash.left_view)(id, t.status(status), &undo);
        state.flash = Some(match state.flash.take() {
            Some(before) if !before.is_empty() => format!("{before} · {note}"),
            _ => note,
        });
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
        return vec![Effect::Store(StoreEffect::LoadQueue {
            filter: state.filter(),
            offset: state.selected.saturating_sub(WINDOW / 2),
            keep: None,
        })];
    }
    match state.current().map(|c| c.id) {
        // Load (or refresh: the data may have changed) the selected thread.
        Some(id) => vec![Effect::Store(StoreEffect::LoadThread(id))],
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
        return vec![Effect::Store(StoreEffect::SaveDraft {
            conversation: reply.conversation,
            text: reply.text(),
        })];
    }
    Vec::new()
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
        return vec![Effect::Store(StoreEffect::LoadQueue {
            filter: state.filter(),
            offset: index.saturating_sub(WINDOW / 2),
            keep: None,
        })];
    }
    state
        .current()
        .map(|c| vec![Effect::Store(StoreEffect::LoadThread(c.id))])
        .unwrap_or_default()
}

/// The router: a key goes to the open overlay's pane, else to the queue's
/// key map; the overlay that comes next is put back here, once.
fn on_key(state: &mut State, keymap: &Keymap, key: KeyEvent) -> Vec<Effect> {
    state.flash = None;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return quit(state);
    }
    let outcome = match std::mem::replace(&mut state.overlay, Overlay::None) {
        Overlay::None => match keymap.action(&key) {
            Some(action) => run_action(state, action).widen(),
            None => Outcome::close(),
        },
        Overlay::Reply(p) => pane::reply::key(p, state, keymap, key).map(Overlay::Reply),
        Overlay::Prompt(p) => pane::prompt::key(p, state, keymap, key).map(Overlay::Prompt),
        Overlay::Picker(p) => pane::picker::key(p, state, keymap, key).map(Overlay::Picker),
        Overlay::Tags(p) => pane::tags::key(p, state, keymap, key).map(Overlay::Tags),
        Overlay::Crisis(p) => pane::crisis::key(p, state, keymap, key).map(Overlay::Crisis),
        Overlay::Stats(p) => pane::stats::key(p, state, keymap, key).map(Overlay::Stats),
        Overlay::Help(p) => pane::help::key(p, state, keymap, key).map(Overlay::Help),
    };
    state.overlay = match outcome.next {
        Next::Stay(overlay) | Next::Open(overlay) => overlay,
        Next::Close => Overlay::None,
    };
    outcome.effects
}

fn quit(state: &mut State) -> Vec<Effect> {
    let mut effects = autosave(state, true);
    state.quit = true;
    effects.push(Effect::Terminal(TerminalEffect::Quit));
    effects
}

/// Carries out a named action in the normal mode (keys, palette).
pub fn run_action(state: &mut State, action: Action) -> Outcome<NoPane> {
    let queue = Outcome::queue;
    let opened = |overlay: Option<Overlay>| match overlay {
        Some(o) => Outcome::open(o),
        None => Outcome::close(),
    };
    match action {
        Action::Down if state.focus == Focus::Thread => {
            state.thread_scroll = state
                .thread_scroll
                .saturating_add(1)
                .min(state.thread_max_scroll);
            queue(Vec::new())
        }
        Action::Up if state.focus == Focus::Thread => {
            state.thread_scroll = state.thread_scroll.saturating_sub(1);
            queue(Vec::new())
        }
        Action::PageDown if state.focus == Focus::Thread => {
            state.thread_scroll = state
                .thread_scroll
                .saturating_add(state.page as u16)
                .min(state.thread_max_scroll);
            queue(Vec::new())
        }
        Action::PageUp if state.focus == Focus::Thread => {
            state.thread_scroll = state.thread_scroll.saturating_sub(state.page as u16);
            queue(Vec::new())
        }
        Action::Top if state.focus == Focus::Thread => {
            state.thread_scroll = 0;
            queue(Vec::new())
        }
        Action::Bottom if state.focus == Focus::Thread => {
            state.thread_scroll = state.thread_max_scroll;
            queue(Vec::new())
        }
        Action::Down => queue(move_to(state, state.selected + 1)),
        Action::Up => queue(move_to(state, state.selected.saturating_sub(1))),
        Action::Top => queue(move_to(state, 0)),
        Action::Bottom => queue(move_to(state, (state.total as usize).saturating_sub(1))),
        Action::PageDown => queue(move_to(state, state.selected + state.page)),
        Action::PageUp => queue(move_to(state, state.selected.saturating_sub(state.page))),
        Action::Open => {
            if state.current().is_some() {
                state.focus = Focus::Thread;
                state.new_messages = 0;
            }
            queue(Vec::new())
        }
        Action::Back => {
            if state.focus == Focus::Thread {
                state.focus = Focus::Queue;
            } else if !state.marked.is_empty() {
                state.marked.clear();
            } else if state.refine.ids.is_some() {
                // The conversations behind a figure: back to the figure.
                state.refine.ids = None;
                let effects = reset_view(state);
                return pane::stats::open(StatsPane::last(state)).with(effects);
            }
            queue(Vec::new())
        }
        Action::NextPane => {
            if state.current().is_some() {
                state.focus = match state.focus {
                    Focus::Queue => Focus::Thread,
                    Focus::Thread => Focus::Queue,
                };
            }
            queue(Vec::new())
        }
        Action::Reply => opened(pane::reply::open(state).map(Overlay::Reply)),
        Action::Stats | Action::StatsPeriod | Action::StatsRange => {
            pane::stats::open(StatsPane::last(state))
        }
        Action::Tags => opened(pane::tags::open(state).map(Overlay::Tags)),
        Action::Crisis => match pane::crisis::open(state) {
            Some(p) => {
                Outcome::open(Overlay::Crisis(p)).with(vec![Effect::Store(StoreEffect::LoadCrisis)])
            }
            None => queue(Vec::new()),
        },
        Action::Escalate => {
            let targets = state.targets();
            opened(pane::picker::escalate(state, targets).map(Overlay::Picker))
        }
        Action::Assign => opened(Prompt::assign(state).map(Overlay::Prompt)),
        Action::TakeNext => queue(vec![Effect::Store(StoreEffect::TakeNext {
            filter: state.filter(),
        })]),
        Action::Status => opened(pane::picker::status(state).map(Overlay::Picker)),
        Action::Sentiment => opened(pane::picker::sentiment(state).map(Overlay::Picker)),
        Action::Select => {
            if let Some(id) = state.current().map(|c| c.id) {
                if !state.marked.remove(&id) {
                    state.marked.insert(id);
                }
                return queue(move_to(state, state.selected + 1));
            }
            queue(Vec::new())
        }
        Action::Search => {
            let text = state.refine.search.clone().unwrap_or_default();
            let mut prompt = Prompt::new(
                state,
                PromptPurpose::Search {
                    everywhere: state.refine.everywhere,
                },
                text,
            );
            prompt.fresh = !prompt.text.is_empty();
            Outcome::open(Overlay::Prompt(prompt))
        }
        Action::Filter => Outcome::open(Overlay::Picker(pane::picker::filter(state))),
        Action::ClearFilter => {
            state.refine = Refinement::default();
            queue(reset_view(state))
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
            queue(reset_view(state))
        }
        Action::Palette => Outcome::open(Overlay::Prompt(Prompt::new(
            state,
            PromptPurpose::Palette,
            String::new(),
        ))),
        Action::Help => Outcome::open(Overlay::Help(HelpPane::default())),
        Action::Undo => match state.undo.take() {
            Some(undo) => queue(vec![Effect::Store(StoreEffect::Undo(undo))]),
            None => {
                state.flash = Some(state.lang.t().flash.nothing_to_undo.to_string());
                queue(Vec::new())
            }
        },
        Action::Refresh => queue(reload(state)),
        Action::Quit => queue(quit(state)),
    }
}

/// Back to the top of the queue after its filter changed.
pub fn reset_view(state: &mut State) -> Vec<Effect> {
    state.selected = 0;
    state.window_start = 0;
    state.marked.clear();
    state.focus = Focus::Queue;
    vec![Effect::Store(StoreEffect::LoadQueue {
        filter: state.filter(),
        offset: 0,
        keep: None,
    })]
}
