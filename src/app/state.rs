//! Everything the screen shows, as plain data. Only `update` changes it.

use crate::i18n::Lang;
use crate::model::{Channel, ConversationDetail, ConversationSummary, CrisisLevel, Status};
use crate::store::QueueFilter;
use chrono::{DateTime, Utc};
use ratatui_textarea::TextArea;
use std::collections::BTreeSet;

/// The criticism categories of the tag pane, as stored tags.
pub const CATEGORIES: &[&str] = &[
    "product-defect",
    "delivery",
    "billing-price",
    "customer-service",
    "outage-bug",
    "safety",
    "ethics-reputation",
    "misinformation",
    "abuse-troll",
    "spam",
];

/// Rows kept in memory around the selection; the rest stays in the store.
pub const WINDOW: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SavedView {
    Inbox,
    Complaints,
    Crisis,
    Mine,
    Done,
}

impl SavedView {
    pub const ALL: [SavedView; 5] = [
        SavedView::Inbox,
        SavedView::Complaints,
        SavedView::Crisis,
        SavedView::Mine,
        SavedView::Done,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (SavedView::Inbox, Lang::En) => "Inbox",
            (SavedView::Inbox, Lang::Fr) => "Boîte",
            (SavedView::Complaints, Lang::En) => "Complaints",
            (SavedView::Complaints, Lang::Fr) => "Réclamations",
            (SavedView::Crisis, _) => match lang {
                Lang::En => "Crisis",
                Lang::Fr => "Crise",
            },
            (SavedView::Mine, Lang::En) => "Mine",
            (SavedView::Mine, Lang::Fr) => "Les miennes",
            (SavedView::Done, Lang::En) => "Done",
            (SavedView::Done, Lang::Fr) => "Traitées",
        }
    }

    /// The filter behind the view, for `user`.
    pub fn filter(self, user: &str) -> QueueFilter {
        let mut f = QueueFilter {
            pin_escalated: true,
            ..Default::default()
        };
        match self {
            SavedView::Inbox => f.statuses = vec![Status::New, Status::Open],
            SavedView::Complaints => {
                f.statuses = vec![Status::New, Status::Open, Status::Waiting];
                f.tags_any = CATEGORIES
                    .iter()
                    .filter(|c| **c != "spam")
                    .map(|c| c.to_string())
                    .collect();
                // Complaints nobody has tagged yet belong here too.
                f.or_complaint_at_least = Some(0.5);
            }
            SavedView::Crisis => {
                f.crisis_any = vec![
                    CrisisLevel::Watch,
                    CrisisLevel::Potential,
                    CrisisLevel::Crisis,
                ]
            }
            SavedView::Mine => {
                f.assignee = Some(Some(user.to_string()));
                f.statuses = vec![Status::New, Status::Open, Status::Waiting];
            }
            SavedView::Done => {
                f.statuses = vec![Status::Resolved];
                f.pin_escalated = false;
            }
        }
        f
    }
}

/// Extra conditions a person adds on top of a view with `f` or `/`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Refinement {
    pub search: Option<String>,
    pub channel: Option<Channel>,
    pub status: Option<Status>,
    pub tag: Option<String>,
    pub crisis: Option<CrisisLevel>,
    /// `Some(None)`: unassigned.
    pub assignee: Option<Option<String>>,
    pub lang: Option<String>,
    pub tone: Option<crate::triage::sentiment::Polarity>,
    /// Exactly these conversations, opened from a figure of the stats view,
    /// with what they are ("7 Nov", "#delivery", "SLA breaches").
    pub ids: Option<(String, Vec<i64>)>,
}

impl Refinement {
    pub fn is_empty(&self) -> bool {
        *self == Refinement::default()
    }

    pub fn apply(&self, mut f: QueueFilter) -> QueueFilter {
        if let Some((_, ids)) = &self.ids {
            // A figure's conversations, whatever the view's statuses.
            f = QueueFilter {
                ids: Some(ids.clone()),
                ..QueueFilter::default()
            };
        }
        if self.search.is_some() {
            f.search = self.search.clone();
        }
        if self.channel.is_some() {
            f.channel = self.channel;
        }
        if let Some(s) = self.status {
            f.statuses.clear();
            f.status = Some(s);
        }
        if self.tag.is_some() {
            f.tag = self.tag.clone();
        }
        if let Some(c) = self.crisis {
            f.crisis_any = vec![c];
        }
        if self.assignee.is_some() {
            f.assignee = self.assignee.clone();
        }
        if self.lang.is_some() {
            f.lang = self.lang.clone();
        }
        if self.tone.is_some() {
            f.tone = self.tone;
        }
        f
    }

    /// A short description for the status bar: `x · new · "refund"`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some((label, ids)) = &self.ids {
            parts.push(format!("{label} ({})", ids.len()));
        }
        if let Some(c) = self.channel {
            parts.push(c.as_str().to_string());
        }
        if let Some(s) = self.status {
            parts.push(s.as_str().to_string());
        }
        if let Some(t) = &self.tag {
            parts.push(format!("#{t}"));
        }
        if let Some(c) = self.crisis {
            parts.push(format!("crisis:{c}"));
        }
        match &self.assignee {
            Some(Some(a)) => parts.push(format!("@{a}")),
            Some(None) => parts.push("unassigned".into()),
            None => {}
        }
        if let Some(l) = &self.lang {
            parts.push(format!("lang:{l}"));
        }
        if let Some(t) = self.tone {
            parts.push(t.as_str().to_string());
        }
        if let Some(q) = &self.search {
            parts.push(format!("\"{q}\""));
        }
        parts.join(" · ")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Queue,
    Thread,
}

/// A one-line text prompt and what its text is for.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub purpose: PromptPurpose,
    pub text: String,
    /// The conversations it acts on, fixed when it opened (the selection
    /// may move underneath while it is open).
    pub targets: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PromptPurpose {
    Search,
    Assign,
    FreeTag,
    CrisisReason(CrisisLevel),
    EscalateNote(String),
    Palette,
    /// Dates for the stats view it came from (and returns to on Esc).
    StatsRange(Box<StatsPane>),
}

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

pub struct ReplyState {
    pub conversation: i64,
    pub channel: Channel,
    pub editor: TextArea<'static>,
    /// Typed since the last save.
    pub dirty: bool,
    pub last_edit: DateTime<Utc>,
    pub error: Option<String>,
}

impl ReplyState {
    pub fn text(&self) -> String {
        self.editor.lines().join("\n")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TagPane {
    /// Categories first, then the free tags of the targets.
    pub rows: Vec<String>,
    pub cursor: usize,
    /// Categories triage suggests for the selected conversation, with the
    /// cues that matched; a person decides.
    pub suggestions: Vec<crate::triage::categories::Suggestion>,
    /// The conversations it acts on, fixed when it opened.
    pub targets: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CrisisPane {
    pub cursor: usize,
    /// The conversations it acts on, fixed when it opened.
    pub targets: Vec<i64>,
}

/// What the crisis pane shows beside the levels.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CrisisOverview {
    /// Inbound messages per hour in flagged conversations, oldest first.
    pub hourly: Vec<u64>,
    /// (handle, followers) of the widest-reaching authors in them.
    pub top_authors: Vec<(String, u64)>,
}

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

pub enum Overlay {
    None,
    Stats(Box<StatsPane>),
    Help { scroll: u16 },
    Prompt(Prompt),
    Picker(Picker),
    Reply(Box<ReplyState>),
    Tags(TagPane),
    Crisis(CrisisPane),
}

impl Overlay {
    pub fn is_none(&self) -> bool {
        matches!(self, Overlay::None)
    }
}

/// Contacts to escalate to and saved replies are the config's own entries.
pub use crate::config::{ContactEntry as Contact, SavedReplyEntry as SavedReply};

pub struct State {
    pub user: String,
    pub lang: Lang,
    pub theme: String,
    pub now: DateTime<Utc>,
    pub view: SavedView,
    pub refine: Refinement,
    pub view_counts: [u64; 5],
    /// Total conversations in the current view.
    pub total: u64,
    /// Absolute index of `items[0]` in the view.
    pub window_start: usize,
    pub items: Vec<ConversationSummary>,
    /// Absolute index of the selected row.
    pub selected: usize,
    pub marked: BTreeSet<i64>,
    pub focus: Focus,
    pub thread: Option<ConversationDetail>,
    pub thread_scroll: u16,
    /// How far the thread can scroll, as the last frame measured it.
    pub thread_max_scroll: u16,
    pub overlay: Overlay,
    pub crisis: CrisisOverview,
    /// Messages that arrived since the user last looked at the queue.
    pub new_messages: u64,
    pub flash: Option<String>,
    pub contacts: Vec<Contact>,
    pub saved_replies: Vec<SavedReply>,
    pub themes: Vec<String>,
    pub sync: Vec<(String, String)>,
    pub quit: bool,
    pub known_tags: Vec<String>,
    pub known_langs: Vec<String>,
    pub known_assignees: Vec<String>,
    /// Criticism category rules (built in, or the user's file).
    pub rules: crate::triage::categories::Rules,
    /// Rows the queue pane shows, set by the runtime on resize.
    pub page: usize,
    /// Where the stats view was when a figure was opened: `S` returns there.
    pub last_stats: Option<(StatsRange, StatsSection, [usize; 3])>,
}

impl State {
    pub fn new(user: String, lang: Lang, theme: String, now: DateTime<Utc>) -> State {
        State {
            user,
            lang,
            theme,
            now,
            view: SavedView::Inbox,
            refine: Refinement::default(),
            view_counts: [0; 5],
            total: 0,
            window_start: 0,
            items: Vec::new(),
            selected: 0,
            marked: BTreeSet::new(),
            focus: Focus::Queue,
            thread: None,
            thread_scroll: 0,
            thread_max_scroll: u16::MAX,
            overlay: Overlay::None,
            crisis: CrisisOverview::default(),
            new_messages: 0,
            flash: None,
            contacts: Vec::new(),
            saved_replies: Vec::new(),
            themes: Vec::new(),
            sync: Vec::new(),
            quit: false,
            known_tags: Vec::new(),
            known_langs: Vec::new(),
            known_assignees: Vec::new(),
            rules: Default::default(),
            page: 20,
            last_stats: None,
        }
    }

    pub fn filter(&self) -> QueueFilter {
        let mut f = self.refine.apply(self.view.filter(&self.user));
        // Escalations are pinned in every view, but a search or a filter
        // shows exactly what it asked for.
        if !self.refine.is_empty() {
            f.pin_escalated = false;
        }
        f
    }

    pub fn current(&self) -> Option<&ConversationSummary> {
        self.selected
            .checked_sub(self.window_start)
            .and_then(|i| self.items.get(i))
    }

    /// The conversations an action applies to: the marked ones, else the
    /// selected one.
    pub fn targets(&self) -> Vec<i64> {
        if self.marked.is_empty() {
            self.current().map(|c| vec![c.id]).unwrap_or_default()
        } else {
            self.marked.iter().copied().collect()
        }
    }
}
