//! Named actions: what a key does, with a description. The help overlay and
//! the command palette are generated from this table, never written twice.
//! Each action names its description's field in the catalogue
//! (`i18n::catalogue::Actions`): a new action needs it in every language.

use serde::Deserialize;

macro_rules! actions {
    ($($variant:ident => $name:literal, $words:ident;)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
        pub enum Action { $($variant),+ }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];

            /// The name used in the config's `[keys]` table and the palette.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),+ }
            }

            /// What it does, from the catalogue (`i18n::catalogue::Actions`).
            pub fn describe(self, lang: crate::i18n::Lang) -> &'static str {
                let words = &lang.t().actions;
                match self { $(Action::$variant => words.$words),+ }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)+ _ => None }
            }
        }
    };
}

actions! {
    Down => "down", down;
    Up => "up", up;
    Top => "top", top;
    Bottom => "bottom", bottom;
    PageDown => "page-down", page_down;
    PageUp => "page-up", page_up;
    Open => "open", open;
    Back => "back", back;
    NextPane => "next-pane", next_pane;
    Reply => "reply", reply;
    Tags => "tags", tags;
    Crisis => "crisis", crisis;
    Escalate => "escalate", escalate;
    Assign => "assign", assign;
    TakeNext => "take-next", take_next;
    Status => "status", status;
    Sentiment => "sentiment", sentiment;
    Select => "select", select;
    Search => "search", search;
    Filter => "filter", filter;
    ClearFilter => "clear-filter", clear_filter;
    View1 => "view-inbox", view_inbox;
    View2 => "view-complaints", view_complaints;
    View3 => "view-crisis", view_crisis;
    View4 => "view-mine", view_mine;
    View5 => "view-done", view_done;
    Stats => "stats", stats;
    StatsPeriod => "stats-period", stats_period;
    StatsRange => "stats-range", stats_range;
    Palette => "palette", palette;
    Help => "help", help;
    Undo => "undo", undo;
    Refresh => "refresh", refresh;
    Quit => "quit", quit;
}
