//! The stats view (`S`): one report for a period, whose figures open the
//! conversations behind them.

use super::{HelpPane, NoPane, Outcome, Overlay, Prompt, PromptPurpose};
use crate::app::effect::{Effect, StoreEffect};
use crate::app::keymap::{Command, Keymap, Section};
use crate::app::state::{Focus, Refinement, State};
use crossterm::event::KeyEvent;

/// The period the stats view covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsRange {
    Today,
    Week,
    Month,
    /// Both days included.
    Custom(chrono::NaiveDate, chrono::NaiveDate),
}

impl StatsRange {
    /// The next preset (a custom range goes back to the first).
    pub fn next(self) -> StatsRange {
        match self {
            StatsRange::Today => StatsRange::Week,
            StatsRange::Week => StatsRange::Month,
            _ => StatsRange::Today,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsSection {
    Days,
    Categories,
    Breaches,
}

impl StatsSection {
    pub const ALL: [StatsSection; 3] = [
        StatsSection::Days,
        StatsSection::Categories,
        StatsSection::Breaches,
    ];

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The stats view: one report for the chosen period.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsPane {
    pub range: StatsRange,
    /// None while it is being computed.
    pub report: Option<Box<crate::analytics::Report>>,
    /// The presets end on the day of the latest activity when the store has
    /// received nothing for more than a day (an archive, the demo).
    pub anchored: bool,
    pub section: StatsSection,
    /// The cursor of each section.
    pub cursor: [usize; 3],
}

impl StatsPane {
    pub fn new(range: StatsRange) -> StatsPane {
        StatsPane {
            range,
            report: None,
            anchored: false,
            section: StatsSection::Days,
            cursor: [usize::MAX, 0, 0],
        }
    }

    /// Where the view was when a figure was opened, else the last week.
    pub fn last(state: &State) -> StatsPane {
        let mut pane = StatsPane::new(StatsRange::Week);
        if let Some((range, section, cursor)) = state.last_stats {
            pane.range = range;
            pane.section = section;
            pane.cursor = cursor;
        }
        pane
    }

    /// How many rows the section holds.
    pub fn len(&self, section: StatsSection) -> usize {
        self.report.as_ref().map_or(0, |r| match section {
            StatsSection::Days => r.days.len(),
            StatsSection::Categories => r.categories.len(),
            StatsSection::Breaches => r.sla_breach_list.len(),
        })
    }

    /// The selected row of a section, kept inside it.
    pub fn cursor(&self, section: StatsSection) -> usize {
        self.cursor[section.index()].min(self.len(section).saturating_sub(1))
    }
}

/// Shows the pane and asks for its report.
pub fn open(pane: StatsPane) -> Outcome<NoPane> {
    let range = pane.range;
    Outcome::open(Overlay::Stats(Box::new(pane)))
        .with(vec![Effect::Store(StoreEffect::LoadStats(range))])
}

pub fn key(
    mut pane: Box<StatsPane>,
    state: &mut State,
    keymap: &Keymap,
    key: KeyEvent,
) -> Outcome<Box<StatsPane>> {
    let section = pane.section;
    let i = section.index();
    let len = pane.len(section);
    let cursor = pane.cursor(section);
    let command = keymap.command(Section::Stats, &key);
    // Along the bars, left and right move (elsewhere they do nothing).
    let step = match command {
        Some(Command::Left) => Some(-1),
        Some(Command::Right) => Some(1),
        _ => None,
    };
    if let Some(step) = step {
        if section == StatsSection::Days {
            pane.cursor[i] = cursor
                .saturating_add_signed(step)
                .min(len.saturating_sub(1));
        }
        return Outcome::stay(pane);
    }
    match command {
        Some(Command::Close) => Outcome::close(),
        Some(Command::Down) => {
            pane.cursor[i] = (cursor + 1).min(len.saturating_sub(1));
            Outcome::stay(pane)
        }
        Some(Command::Up) => {
            pane.cursor[i] = cursor.saturating_sub(1);
            Outcome::stay(pane)
        }
        Some(Command::Top) => {
            pane.cursor[i] = 0;
            Outcome::stay(pane)
        }
        Some(Command::Bottom) => {
            pane.cursor[i] = len.saturating_sub(1);
            Outcome::stay(pane)
        }
        Some(Command::NextSection) => {
            pane.section = StatsSection::ALL[(i + 1) % StatsSection::ALL.len()];
            Outcome::stay(pane)
        }
        Some(Command::Period) => open(StatsPane::new(pane.range.next())).widen(),
        Some(Command::Refresh) => open(StatsPane::new(pane.range)).widen(),
        Some(Command::Dates) => {
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
            Outcome::open(Overlay::Prompt(Prompt {
                purpose: PromptPurpose::StatsRange(pane),
                text,
                targets: Vec::new(),
                fresh: false,
            }))
        }
        Some(Command::Choose) => open_figure(pane, state),
        Some(Command::Help) => Outcome::open(Overlay::Help(HelpPane::default())),
        _ => Outcome::stay(pane),
    }
}

/// Enter on a day, a category or a breach: the queue shows exactly the
/// conversations behind that figure.
fn open_figure(pane: Box<StatsPane>, state: &mut State) -> Outcome<Box<StatsPane>> {
    let section = pane.section;
    let cursor = pane.cursor(section);
    use crate::app::state::{Figure, FigureLabel};
    let label = |figure, tag: &str| FigureLabel {
        figure,
        tag: tag.to_string(),
    };
    let figure = pane.report.as_ref().and_then(|r| match section {
        StatsSection::Days => r.days.get(cursor).map(|d| {
            (
                label(Figure::Day(d.date), ""),
                d.conversations.clone(),
                None,
            )
        }),
        StatsSection::Categories => r.categories.get(cursor).map(|c| {
            (
                label(Figure::Category, &c.tag),
                c.ids.iter().copied().collect(),
                None,
            )
        }),
        // One breach is one conversation: its thread, not the whole list.
        StatsSection::Breaches => r.sla_breach_list.get(cursor).map(|b| {
            (
                label(Figure::Breach(b.conversation), ""),
                vec![b.conversation],
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
            state.focus = if section == StatsSection::Breaches {
                Focus::Thread
            } else {
                Focus::Queue
            };
            Outcome::close().with(vec![Effect::Store(StoreEffect::LoadQueue {
                filter: state.filter(),
                offset: 0,
                keep,
            })])
        }
        _ => {
            state.flash = Some(state.lang.t().stats.no_figure.to_string());
            Outcome::stay(pane)
        }
    }
}
