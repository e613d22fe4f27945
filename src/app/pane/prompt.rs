//! A one-line text prompt: search, assign, a free tag, a crisis reason, an
//! escalation note, the stats dates, and the command palette.

use super::{NoPane, Outcome, Overlay, StatsPane, StatsRange, stats};
use crate::app::action::Action;
use crate::app::effect::{Effect, StoreEffect, TerminalEffect};
use crate::app::keymap::{Command, Keymap, Section};
use crate::app::state::State;
use crate::app::update::{reset_view, run_action};
use crate::i18n::Lang;
use crate::model::CrisisLevel;
use crate::store::Change;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A one-line text prompt and what its text is for.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub purpose: PromptPurpose,
    pub text: String,
    /// The conversations it acts on, fixed when it opened (the selection
    /// may move underneath while it is open).
    pub targets: Vec<i64>,
    /// The text was filled in for the person (the last search): typing
    /// replaces it, as in any search box, and a move key keeps it.
    pub fresh: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PromptPurpose {
    /// In the current view, or in every conversation (Tab switches).
    Search {
        everywhere: bool,
    },
    Assign,
    FreeTag,
    CrisisReason(CrisisLevel),
    EscalateNote(String),
    Palette,
    /// Dates for the stats view it came from (and returns to on Esc).
    StatsRange(Box<StatsPane>),
}

impl Prompt {
    /// A prompt on the current targets, starting with `text`.
    pub fn new(state: &State, purpose: PromptPurpose, text: String) -> Prompt {
        Prompt {
            targets: state.targets(),
            purpose,
            text,
            fresh: false,
        }
    }

    /// Who to assign the targets to: their assignee, else me.
    pub fn assign(state: &State) -> Option<Prompt> {
        if state.targets().is_empty() {
            return None;
        }
        let current = state.current().and_then(|c| c.assignee.clone());
        Some(Prompt::new(
            state,
            PromptPurpose::Assign,
            current.unwrap_or_else(|| state.user.clone()),
        ))
    }
}

pub fn key(
    mut prompt: Prompt,
    state: &mut State,
    keymap: &Keymap,
    key: KeyEvent,
) -> Outcome<Prompt> {
    match keymap.command(Section::Prompt, &key) {
        Some(Command::Close) => match prompt.purpose {
            PromptPurpose::StatsRange(pane) => Outcome::open(Overlay::Stats(pane)),
            _ => Outcome::close(),
        },
        Some(Command::Complete) if prompt.purpose == PromptPurpose::Palette => {
            if let Some(first) = palette_candidates(state, &prompt.text).into_iter().next() {
                prompt.text = first;
            }
            Outcome::stay(prompt)
        }
        Some(Command::Complete) => {
            if let PromptPurpose::Search { everywhere } = &mut prompt.purpose {
                *everywhere = !*everywhere;
            }
            Outcome::stay(prompt)
        }
        Some(Command::Choose) => submit(prompt, state),
        // Any other key edits the text.
        _ => {
            let fresh = std::mem::take(&mut prompt.fresh);
            match key.code {
                KeyCode::Backspace if fresh => prompt.text.clear(),
                KeyCode::Backspace => {
                    prompt.text.pop();
                }
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    if fresh {
                        prompt.text.clear();
                    }
                    prompt.text.push(c);
                }
                _ => {}
            }
            Outcome::stay(prompt)
        }
    }
}

fn submit(prompt: Prompt, state: &mut State) -> Outcome<Prompt> {
    let text = prompt.text.trim().to_string();
    let targets = prompt.targets;
    let lang = state.lang;
    match prompt.purpose {
        PromptPurpose::StatsRange(pane) => match parse_range(&text) {
            Some((from, to)) => stats::open(StatsPane::new(StatsRange::Custom(from, to))).widen(),
            None => {
                state.flash = Some(lang.t().stats.dates_help.to_string());
                Outcome::stay(Prompt {
                    purpose: PromptPurpose::StatsRange(pane),
                    text,
                    targets: Vec::new(),
                    fresh: false,
                })
            }
        },
        PromptPurpose::Search { everywhere } => {
            state.refine.search = (!text.is_empty()).then_some(text);
            state.refine.everywhere = everywhere && state.refine.search.is_some();
            Outcome::close().with(reset_view(state))
        }
        PromptPurpose::Assign => {
            let how = match text.as_str() {
                "round-robin" => Some(crate::store::AutoAssign::RoundRobin),
                "least-loaded" => Some(crate::store::AutoAssign::LeastLoaded),
                _ => None,
            };
            if let Some(how) = how {
                return Outcome::close().with(vec![Effect::Store(StoreEffect::AssignAuto {
                    targets,
                    how,
                })]);
            }
            let who = (!text.is_empty() && text != "-").then_some(text);
            Outcome::close().with(vec![Effect::Store(StoreEffect::Apply {
                targets,
                change: Change::Assign(who),
            })])
        }
        PromptPurpose::FreeTag => {
            if text.is_empty() {
                return Outcome::close();
            }
            let spelled = crate::model::normalize_tag(&text);
            if spelled.is_empty() {
                state.flash = Some(format!("⚠ {}", lang.t().flash.tag_needs_letters));
                return Outcome::close();
            }
            if spelled != text {
                state.flash = Some((lang.t().flash.tagged_as)(&spelled));
            }
            Outcome::close().with(vec![Effect::Store(StoreEffect::Apply {
                targets,
                change: Change::Tag(vec![text]),
            })])
        }
        PromptPurpose::CrisisReason(level) => {
            if text.is_empty() && level != CrisisLevel::None {
                state.flash = Some(lang.t().flash.crisis_needs_reason.to_string());
                return Outcome::stay(Prompt::new(
                    state,
                    PromptPurpose::CrisisReason(level),
                    String::new(),
                ));
            }
            Outcome::close().with(vec![Effect::Store(StoreEffect::Apply {
                targets,
                change: Change::Flag {
                    level,
                    reason: text,
                },
            })])
        }
        PromptPurpose::EscalateNote(to) => {
            Outcome::close().with(vec![Effect::Store(StoreEffect::Apply {
                targets,
                change: Change::Escalate { to, note: text },
            })])
        }
        PromptPurpose::Palette => palette(state, &text).widen(),
    }
}

/// Runs what was typed in the palette: an action, `theme NAME`, `lang xx`.
fn palette(state: &mut State, text: &str) -> Outcome<NoPane> {
    let command = palette_candidates(state, text)
        .into_iter()
        .find(|c| c == text)
        .or_else(|| palette_candidates(state, text).into_iter().next());
    let Some(command) = command else {
        let text = crate::text::clip(text, 40);
        let flash = &state.lang.t().flash;
        let said = match text.split_once(' ') {
            Some(("theme", name)) => (flash.no_theme)(name, &state.themes.join(", ")),
            Some(("lang", name)) => (flash.no_language)(name),
            _ => (flash.unknown_command)(&text),
        };
        state.flash = Some(format!("⚠ {said}"));
        return Outcome::queue(Vec::new());
    };
    if let Some(name) = command.strip_prefix("theme ") {
        state.theme = name.to_string();
        return Outcome::queue(vec![Effect::Terminal(TerminalEffect::SetTheme(
            name.to_string(),
        ))]);
    }
    if let Some(lang) = command.strip_prefix("lang ") {
        state.lang = Lang::parse(lang).unwrap_or_default();
        return Outcome::queue(Vec::new());
    }
    match Action::from_name(&command) {
        Some(action) => run_action(state, action),
        None => Outcome::queue(Vec::new()),
    }
}

/// The palette's completions for what was typed: prefix matches first.
pub fn palette_candidates(state: &State, text: &str) -> Vec<String> {
    let mut all: Vec<String> = Action::ALL.iter().map(|a| a.name().to_string()).collect();
    all.extend(state.themes.iter().map(|t| format!("theme {t}")));
    all.extend(Lang::ALL.iter().map(|l| format!("lang {}", l.code())));
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
