//! Named actions: what a key does, with a description. The help overlay and
//! the command palette are generated from this table, never written twice.

use serde::Deserialize;

macro_rules! actions {
    ($($variant:ident => $name:literal, $en:literal, $fr:literal;)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
        pub enum Action { $($variant),+ }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];

            /// The name used in the config's `[keys]` table and the palette.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),+ }
            }

            pub fn describe(self, lang: crate::i18n::Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (Action::$variant, crate::i18n::Lang::En) => $en,
                        (Action::$variant, crate::i18n::Lang::Fr) => $fr,
                    )+
                }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)+ _ => None }
            }
        }
    };
}

actions! {
    Down => "down", "Move down", "Descendre";
    Up => "up", "Move up", "Monter";
    Top => "top", "Go to the top", "Aller en haut";
    Bottom => "bottom", "Go to the bottom", "Aller en bas";
    PageDown => "page-down", "Move down a page", "Page suivante";
    PageUp => "page-up", "Move up a page", "Page précédente";
    Open => "open", "Open the selected thread", "Ouvrir la conversation";
    Back => "back", "Back / close", "Retour / fermer";
    NextPane => "next-pane", "Switch between queue and thread", "Passer de la file au fil";
    Reply => "reply", "Reply (Ctrl-s queues, Esc keeps the draft)", "Répondre (Ctrl-s envoie en file, Échap garde le brouillon)";
    Tags => "tags", "Tag criticism categories and free tags", "Étiqueter (catégories de critique, étiquettes libres)";
    Crisis => "crisis", "Set the crisis level with a reason", "Niveau de crise avec une raison";
    Escalate => "escalate", "Escalate to a contact with a note", "Escalader vers un contact avec une note";
    Assign => "assign", "Assign to someone (or round-robin, least-loaded)", "Assigner à quelqu'un (ou round-robin, least-loaded)";
    TakeNext => "take-next", "Take the next conversation nobody has", "Prendre la prochaine conversation libre";
    Status => "status", "Set the status", "Changer le statut";
    Sentiment => "sentiment", "Correct the sentiment (teaches triage)", "Corriger le sentiment (instruit le tri)";
    Select => "select", "Select for bulk actions", "Sélectionner (actions groupées)";
    Search => "search", "Full-text search", "Recherche plein texte";
    Filter => "filter", "Filter the queue", "Filtrer la file";
    ClearFilter => "clear-filter", "Clear search and filters", "Effacer recherche et filtres";
    View1 => "view-inbox", "View: Inbox", "Vue : Boîte de réception";
    View2 => "view-complaints", "View: Complaints", "Vue : Réclamations";
    View3 => "view-crisis", "View: Crisis", "Vue : Crise";
    View4 => "view-mine", "View: Mine", "Vue : Les miennes";
    View5 => "view-done", "View: Done", "Vue : Traitées";
    Stats => "stats", "Statistics: volume, response times, SLA", "Statistiques : volume, délais, SLA";
    StatsPeriod => "stats-period", "Stats: next period (today, 7 days, 30 days)", "Stats : période suivante (aujourd'hui, 7 jours, 30 jours)";
    StatsRange => "stats-range", "Stats: choose the dates", "Stats : choisir les dates";
    Palette => "palette", "Command palette", "Palette de commandes";
    Help => "help", "Show this help", "Afficher cette aide";
    Undo => "undo", "Undo the last status, tag, assignee or crisis change", "Annuler le dernier statut, étiquette, assignation ou niveau de crise";
    Refresh => "refresh", "Reload from the store", "Recharger depuis la base";
    Quit => "quit", "Quit", "Quitter";
}
