//! A list to choose from: a status, a filter and its value, a saved reply,
//! a contact to escalate to, a sentiment.

use super::{Outcome, Overlay, Prompt, PromptPurpose, reply};
use crate::app::effect::{Effect, StoreEffect};
use crate::app::keymap::{Command, Keymap, Section};
use crate::app::state::{Refinement, State};
use crate::app::update::reset_view;
use crate::model::{CrisisLevel, Status};
use crate::store::Change;
use crossterm::event::KeyEvent;

/// A list to choose from.
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    pub purpose: PickerPurpose,
    pub items: Vec<(String, String)>,
    pub cursor: usize,
    /// The conversations it acts on, fixed when it opened.
    pub targets: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PickerPurpose {
    Status,
    FilterField,
    FilterValue(String),
    SavedReply,
    EscalateTo,
    Sentiment,
}

/// The statuses, on the selected conversation's.
pub fn status(state: &State) -> Option<Picker> {
    if state.targets().is_empty() {
        return None;
    }
    let current = state.current().map(|c| c.status);
    Some(Picker {
        targets: state.targets(),
        purpose: PickerPurpose::Status,
        items: Status::ALL
            .iter()
            .map(|s| {
                (
                    state.lang.t().status(*s).to_string(),
                    s.as_str().to_string(),
                )
            })
            .collect(),
        cursor: current
            .and_then(|s| Status::ALL.iter().position(|x| *x == s))
            .unwrap_or(0),
    })
}

/// The three tones, on the latest message's.
pub fn sentiment(state: &State) -> Option<Picker> {
    use crate::model::Tone;
    const ALL: [Tone; 3] = [Tone::Negative, Tone::Neutral, Tone::Positive];
    if state.targets().is_empty() {
        return None;
    }
    let current = state.current().and_then(|c| c.tone);
    let label = |p: Tone| {
        let mark = match p {
            Tone::Negative => "−",
            Tone::Neutral => "·",
            Tone::Positive => "+",
        };
        format!("{mark} {}", state.lang.t().tone(p))
    };
    Some(Picker {
        targets: state.targets(),
        purpose: PickerPurpose::Sentiment,
        items: ALL
            .iter()
            .map(|p| (label(*p), p.as_str().to_string()))
            .collect(),
        cursor: current
            .and_then(|t| ALL.iter().position(|p| *p == t))
            .unwrap_or(1),
    })
}

/// What to filter the queue on.
pub fn filter(state: &State) -> Picker {
    let t = &state.lang.t().panes;
    let fields = [
        ("channel", t.channel),
        ("status", t.status),
        ("tag", t.tag),
        ("crisis", t.crisis_level),
        ("assignee", t.assignee),
        ("unassigned", t.unassigned),
        ("lang", t.language),
        ("sentiment", t.sentiment),
        ("clear", t.clear_filters),
    ];
    Picker {
        targets: state.targets(),
        purpose: PickerPurpose::FilterField,
        items: fields
            .iter()
            .map(|(k, l)| (l.to_string(), k.to_string()))
            .collect(),
        cursor: 0,
    }
}

/// The config's saved replies.
pub fn saved_replies(state: &State) -> Picker {
    Picker {
        targets: state.targets(),
        purpose: PickerPurpose::SavedReply,
        items: state
            .saved_replies
            .iter()
            .map(|r| (r.name.clone(), r.text.clone()))
            .collect(),
        cursor: 0,
    }
}

/// The contacts to escalate `targets` to; none (and a word why) without
/// targets or contacts.
pub fn escalate(state: &mut State, targets: Vec<i64>) -> Option<Picker> {
    if targets.is_empty() {
        return None;
    }
    if state.contacts.is_empty() {
        state.flash = Some(state.lang.t().flash.no_contacts.to_string());
        return None;
    }
    Some(Picker {
        targets,
        purpose: PickerPurpose::EscalateTo,
        items: state
            .contacts
            .iter()
            .map(|c| (format!("{} — {}", c.name, c.detail), c.name.clone()))
            .collect(),
        cursor: 0,
    })
}

pub fn key(
    mut picker: Picker,
    state: &mut State,
    keymap: &Keymap,
    key: KeyEvent,
) -> Outcome<Picker> {
    match keymap.command(Section::Picker, &key) {
        // The saved replies were opened from the editor: back to it.
        Some(Command::Close) if picker.purpose == PickerPurpose::SavedReply => {
            match reply::open(state) {
                Some(pane) => Outcome::open(Overlay::Reply(pane)),
                None => Outcome::close(),
            }
        }
        Some(Command::Close) => Outcome::close(),
        Some(Command::Down) => {
            picker.cursor = (picker.cursor + 1).min(picker.items.len().saturating_sub(1));
            Outcome::stay(picker)
        }
        Some(Command::Up) => {
            picker.cursor = picker.cursor.saturating_sub(1);
            Outcome::stay(picker)
        }
        Some(Command::Choose) => {
            let Some((_, value)) = picker.items.get(picker.cursor).cloned() else {
                return Outcome::close();
            };
            choose(state, picker.purpose, value, picker.targets)
        }
        _ => Outcome::stay(picker),
    }
}

fn choose(
    state: &mut State,
    purpose: PickerPurpose,
    value: String,
    targets: Vec<i64>,
) -> Outcome<Picker> {
    match purpose {
        PickerPurpose::Status => match value.parse::<Status>() {
            Ok(s) => Outcome::close().with(vec![Effect::Store(StoreEffect::Apply {
                targets,
                change: Change::Status(s),
            })]),
            Err(_) => Outcome::close(),
        },
        PickerPurpose::Sentiment => match value.parse() {
            Ok(p) => Outcome::close().with(vec![Effect::Store(StoreEffect::Apply {
                targets,
                change: Change::Sentiment(p),
            })]),
            Err(_) => Outcome::close(),
        },
        PickerPurpose::EscalateTo => Outcome::open(Overlay::Prompt(Prompt {
            targets,
            purpose: PromptPurpose::EscalateNote(value),
            text: String::new(),
            fresh: false,
        })),
        PickerPurpose::SavedReply => {
            let Some(thread) = &state.thread else {
                return Outcome::close();
            };
            let filled = reply::fill_placeholders(&value, thread);
            let existing = thread
                .draft
                .as_ref()
                .map(|d| d.text.clone())
                .unwrap_or_default();
            let Some(mut pane) = reply::open(state) else {
                return Outcome::close();
            };
            let text = if existing.trim().is_empty() {
                filled
            } else {
                format!("{existing}\n{filled}")
            };
            pane.editor = reply::editor_with(&text);
            pane.dirty = true;
            pane.last_edit = state.now;
            Outcome::open(Overlay::Reply(pane))
        }
        PickerPurpose::FilterField => {
            let t = state.lang.t();
            let values: Vec<(String, String)> = match value.as_str() {
                "channel" => crate::model::Channel::ALL
                    .iter()
                    .map(|c| (c.as_str().into(), c.as_str().into()))
                    .collect(),
                "status" => Status::ALL
                    .iter()
                    .map(|s| (t.status(*s).into(), s.as_str().into()))
                    .collect(),
                "tag" => state
                    .known_tags
                    .iter()
                    .map(|t| (t.clone(), t.clone()))
                    .collect(),
                "sentiment" => {
                    use crate::model::Tone;
                    [Tone::Negative, Tone::Neutral, Tone::Positive]
                        .iter()
                        .map(|tone| (t.tone(*tone).into(), tone.as_str().into()))
                        .collect()
                }
                "crisis" => CrisisLevel::ALL
                    .iter()
                    .map(|l| (t.crisis_level(*l).into(), l.as_str().into()))
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
                    return Outcome::close().with(reset_view(state));
                }
                _ => {
                    state.refine = Refinement::default();
                    return Outcome::close().with(reset_view(state));
                }
            };
            if values.is_empty() {
                state.flash = Some(t.flash.nothing_to_filter.to_string());
                return Outcome::close();
            }
            Outcome::open(Overlay::Picker(Picker {
                targets: state.targets(),
                purpose: PickerPurpose::FilterValue(value),
                items: values,
                cursor: 0,
            }))
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
            Outcome::close().with(reset_view(state))
        }
    }
}
