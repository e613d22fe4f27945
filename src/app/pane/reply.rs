//! The reply editor (`r`): a multi-line editor with the network's length
//! count; the draft is kept when typing pauses, on Esc and on quit.

use super::{Outcome, Overlay, picker};
use crate::app::effect::{Effect, StoreEffect, TerminalEffect};
use crate::app::keymap::{Command, Keymap, Section};
use crate::app::state::State;
use crate::model::{Channel, ConversationDetail, Direction};
use crate::store::{Change, ReplyCheck, ReplyMark};
use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;
use ratatui_textarea::{TextArea, WrapMode};

pub struct ReplyState {
    pub conversation: i64,
    pub channel: Channel,
    pub editor: TextArea<'static>,
    /// Typed since the last save.
    pub dirty: bool,
    pub last_edit: DateTime<Utc>,
    pub error: Option<String>,
    /// Where the conversation stood when the reply began: queueing is
    /// refused if someone replied or wrote since (see `ReplyCheck`).
    pub mark: ReplyMark,
    /// The person was told someone else acted first: the next queue sends
    /// anyway.
    pub confirmed: bool,
}

impl ReplyState {
    pub fn text(&self) -> String {
        self.editor.lines().join("\n")
    }
}

pub fn editor_with(text: &str) -> TextArea<'static> {
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

/// The editor on the selected thread, with its draft; none until the
/// thread of the selected conversation is loaded.
pub fn open(state: &State) -> Option<Box<ReplyState>> {
    let thread = state.thread.as_ref()?;
    if state.current().is_none_or(|c| c.id != thread.summary.id) {
        return None;
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
    Some(Box::new(ReplyState {
        conversation: thread.summary.id,
        channel: thread.summary.channel,
        editor: editor_with(&text),
        dirty: false,
        last_edit: state.now,
        error: None,
        mark: thread.mark,
        confirmed: false,
    }))
}

/// The editor again with text that could not be written, still unsaved;
/// `conflict`: someone else acted first, and the next queue sends anyway.
pub fn unsaved(
    state: &State,
    conversation: i64,
    text: &str,
    error: String,
    conflict: bool,
) -> Box<ReplyState> {
    let channel = state
        .items
        .iter()
        .find(|c| c.id == conversation)
        .map(|c| c.channel)
        .or_else(|| state.thread.as_ref().map(|t| t.summary.channel))
        .unwrap_or(Channel::Other);
    Box::new(ReplyState {
        conversation,
        channel,
        editor: editor_with(text),
        dirty: true,
        last_edit: state.now,
        error: Some(error),
        mark: state
            .thread
            .as_ref()
            .filter(|t| t.summary.id == conversation)
            .map(|t| t.mark)
            .unwrap_or_default(),
        confirmed: conflict,
    })
}

pub fn key(
    mut reply: Box<ReplyState>,
    state: &mut State,
    keymap: &Keymap,
    key: KeyEvent,
) -> Outcome<Box<ReplyState>> {
    let lang = state.lang;
    match keymap.command(Section::Reply, &key) {
        Some(Command::Close) => {
            let effects = if reply.dirty || reply.text().is_empty() {
                vec![Effect::Store(StoreEffect::SaveDraft {
                    conversation: reply.conversation,
                    text: reply.text(),
                })]
            } else {
                Vec::new()
            };
            if !reply.text().trim().is_empty() {
                state.flash = Some(lang.t().reply.draft_kept.to_string());
            }
            Outcome::close().with(effects)
        }
        Some(Command::Queue) => {
            let text = reply.text();
            let length = crate::limits::length(reply.channel, &text);
            if text.trim().is_empty() {
                reply.error = Some(lang.t().reply.empty.to_string());
                return Outcome::stay(reply);
            }
            if let Some(limit) = crate::limits::limit(reply.channel)
                && length > limit
            {
                let t = lang.t();
                reply.error = Some((t.reply.too_long)(
                    reply.channel.as_str(),
                    &t.count(length as u64),
                    &t.count(limit as u64),
                ));
                return Outcome::stay(reply);
            }
            state.flash = Some(lang.t().reply.queued.to_string());
            Outcome::close().with(vec![Effect::Store(StoreEffect::Apply {
                targets: vec![reply.conversation],
                change: Change::QueueReply {
                    text,
                    check: if reply.confirmed {
                        ReplyCheck::Anyway
                    } else {
                        ReplyCheck::Since(reply.mark)
                    },
                },
            })])
        }
        Some(Command::Editor) => {
            let effects = vec![Effect::Terminal(TerminalEffect::OpenEditor {
                conversation: reply.conversation,
                text: reply.text(),
            })];
            Outcome::stay(reply).with(effects)
        }
        Some(Command::SavedReplies) => {
            if state.saved_replies.is_empty() {
                reply.error = Some(lang.t().reply.no_saved_replies.to_string());
                return Outcome::stay(reply);
            }
            // The picker replaces the reply overlay; keep the reply's text as a draft first.
            Outcome::open(Overlay::Picker(picker::saved_replies(state))).with(vec![Effect::Store(
                StoreEffect::SaveDraft {
                    conversation: reply.conversation,
                    text: reply.text(),
                },
            )])
        }
        _ => {
            reply.error = None;
            if reply.editor.input(key) {
                reply.dirty = true;
                reply.last_edit = state.now;
            }
            Outcome::stay(reply)
        }
    }
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
