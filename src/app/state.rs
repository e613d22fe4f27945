//! Everything the screen shows, as plain data. Only `update` changes it.

use crate::i18n::Lang;
use crate::model::{Channel, ConversationDetail, ConversationSummary, CrisisLevel, Status};
use crate::store::QueueFilter;
use chrono::{DateTime, Utc};
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
        let t = &lang.t().views;
        match self {
            SavedView::Inbox => t.inbox,
            SavedView::Complaints => t.complaints,
            SavedView::Crisis => t.crisis,
            SavedView::Mine => t.mine,
            SavedView::Done => t.done,
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
    /// The search looks in every conversation, not only the view's.
    pub everywhere: bool,
    pub channel: Option<Channel>,
    pub status: Option<Status>,
    pub tag: Option<String>,
    pub crisis: Option<CrisisLevel>,
    /// `Some(None)`: unassigned.
    pub assignee: Option<Option<String>>,
    pub lang: Option<String>,
    pub tone: Option<crate::model::Tone>,
    /// Exactly these conversations, opened from a figure of the stats view,
    /// with what they are (a day, `#delivery`, an SLA breach).
    pub ids: Option<(FigureLabel, Vec<i64>)>,
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
        if self.everywhere && self.search.is_some() {
            f = QueueFilter::default();
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

    /// A short description for the queue's title: `x · new · "refund"`.
    pub fn describe(&self, lang: Lang) -> String {
        let t = lang.t();
        let mut parts = Vec::new();
        if let Some((label, ids)) = &self.ids {
            parts.push(format!("{} ({})", label.words(lang), ids.len()));
        }
        if let Some(c) = self.channel {
            parts.push(c.as_str().to_string());
        }
        if let Some(s) = self.status {
            parts.push(t.status(s).to_string());
        }
        if let Some(tag) = &self.tag {
            parts.push(format!("#{tag}"));
        }
        if let Some(c) = self.crisis {
            parts.push((t.queue.crisis_filter)(t.crisis_level(c)));
        }
        match &self.assignee {
            Some(Some(a)) => parts.push(format!("@{a}")),
            Some(None) => parts.push(t.queue.unassigned.into()),
            None => {}
        }
        if let Some(l) = &self.lang {
            parts.push((t.queue.lang_filter)(l));
        }
        if let Some(tone) = self.tone {
            parts.push(t.tone(tone).to_string());
        }
        if let Some(q) = &self.search {
            parts.push((t.queue.search)(q));
            if self.everywhere {
                parts.push(t.queue.everywhere.into());
            }
        }
        parts.join(" · ")
    }
}

/// The figure of the stats view whose conversations the queue shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Day(chrono::NaiveDate),
    Category,
    Breach(i64),
}

/// What a figure is, for the queue's title: a day, `#delivery`, an SLA breach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureLabel {
    pub figure: Figure,
    /// The category's tag.
    pub tag: String,
}

impl FigureLabel {
    pub fn words(&self, lang: Lang) -> String {
        let t = lang.t();
        match self.figure {
            Figure::Day(d) => t.weekday_day_month(d),
            Figure::Category => format!("#{}", self.tag),
            Figure::Breach(id) => (t.queue.sla_breach)(id),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Queue,
    Thread,
}

// Each pane's state lives with its keys in `pane/`; `app::state` still names
// everything the screen shows, for the ui, the tests and the benchmarks.
pub use super::pane::{
    CrisisOverview, CrisisPane, HelpPane, Overlay, Picker, PickerPurpose, Prompt, PromptPurpose,
    ReplyState, StatsPane, StatsRange, StatsSection, TagPane,
};

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
    pub sync: Vec<AccountSync>,
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
    /// What puts the last change back as it was (`u`).
    pub undo: Option<Undo>,
    /// Where times are shown in (the business time zone of the config).
    pub timezone: chrono_tz::Tz,
    /// The others with Palabre open on this store (not this session).
    pub team: Vec<crate::store::Presence>,
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
            undo: None,
            timezone: chrono_tz::UTC,
            team: Vec::new(),
        }
    }

    /// The others in conversation `conv`, the ones replying first.
    pub fn others_in(&self, conv: i64) -> Vec<&crate::store::Presence> {
        let mut here: Vec<&crate::store::Presence> = self
            .team
            .iter()
            .filter(|p| p.conversation == Some(conv) && p.who != self.user)
            .collect();
        here.sort_by_key(|p| p.activity != crate::store::Activity::Replying);
        here.dedup_by(|a, b| a.who == b.who);
        here
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

/// An account's sync state, for the status bar.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountSync {
    pub name: String,
    pub state: crate::model::SyncState,
    /// When a rate limit ends.
    pub until: Option<DateTime<Utc>>,
}

/// The changes that put conversations back as they were before the last
/// change a person made here; undoing is itself a change, in the history.
#[derive(Debug, Clone, PartialEq)]
pub struct Undo {
    /// What it undoes, for the flash ("status → resolved (#141)"), in the
    /// language of the moment it was made.
    pub what: String,
    pub steps: Vec<(i64, crate::store::Change)>,
}
