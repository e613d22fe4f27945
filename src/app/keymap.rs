//! Keys → actions, with defaults from DESIGN.md and overrides from the
//! config's `[keys]` table (`action-name = ["key", ...]`), and inside each
//! pane keys → that pane's commands (`[keys.picker]`, like yazi's keymap
//! sections). A pane's moves and closing follow the global actions unless
//! the pane names its own keys, so rebinding `down` moves pickers too.

use super::action::Action;
use crate::config::{KeyEntry, KeysSection};
use crate::i18n::Lang;
use crate::i18n::catalogue::Commands;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{HashMap, HashSet};
/// A key as written in the config and shown in help: `j`, `G`, `Enter`,
/// `Ctrl-s`, `PageDown`, `?`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub fn from_event(e: &KeyEvent) -> Key {
        // Shift is folded into the character itself ('G', '?').
        Key {
            code: e.code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
        }
    }

    pub fn parse(text: &str) -> Result<Key, String> {
        let (ctrl, rest) = match text
            .strip_prefix("Ctrl-")
            .or_else(|| text.strip_prefix("ctrl-"))
        {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let code = match rest {
            "Enter" | "enter" => KeyCode::Enter,
            "Esc" | "esc" => KeyCode::Esc,
            "Tab" | "tab" => KeyCode::Tab,
            "BackTab" => KeyCode::BackTab,
            "Up" | "up" => KeyCode::Up,
            "Down" | "down" => KeyCode::Down,
            "Left" | "left" => KeyCode::Left,
            "Right" | "right" => KeyCode::Right,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Space" | "space" => KeyCode::Char(' '),
            s if s.chars().count() == 1 => KeyCode::Char(s.chars().next().unwrap_or(' ')),
            s if s.starts_with('F') && s[1..].parse::<u8>().is_ok() => {
                KeyCode::F(s[1..].parse().unwrap_or(1))
            }
            _ => {
                return Err(format!(
                    "`{text}` is not a key (examples: j, G, Enter, Esc, Ctrl-s, PageDown)"
                ));
            }
        };
        Ok(Key { code, ctrl })
    }

    /// The label in the interface's language (`Entrée`, `Échap` in French).
    pub fn label_in(&self, lang: Lang) -> String {
        let names = &lang.t().key_names;
        let word = match self.code {
            KeyCode::Enter => names.enter,
            KeyCode::Esc => names.esc,
            KeyCode::Char(' ') => names.space,
            KeyCode::Home => names.home,
            KeyCode::End => names.end,
            KeyCode::PageUp => names.page_up,
            KeyCode::PageDown => names.page_down,
            _ => return self.label(),
        };
        if self.ctrl {
            format!("Ctrl-{word}")
        } else {
            word.to_string()
        }
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "S-Tab".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            _ => "?".to_string(),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// A key map section: one per pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Picker,
    Prompt,
    Tags,
    Crisis,
    Reply,
    Stats,
    Help,
}

/// What a key does inside a pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Up,
    Down,
    Top,
    Bottom,
    Left,
    Right,
    Choose,
    Close,
    Toggle,
    NewTag,
    Escalate,
    NextSection,
    Period,
    Dates,
    Refresh,
    Help,
    Queue,
    Editor,
    SavedReplies,
    Complete,
}

/// A command of a section: its name in the config, what it does, its own
/// default keys and the global actions whose keys it also takes.
pub struct CommandSpec {
    pub command: Command,
    pub name: &'static str,
    /// Its description's field in the catalogue.
    pub words: fn(&Commands) -> &'static str,
    pub keys: &'static [&'static str],
    pub inherit: &'static [Action],
}

const fn cmd(
    command: Command,
    name: &'static str,
    words: fn(&Commands) -> &'static str,
    keys: &'static [&'static str],
    inherit: &'static [Action],
) -> CommandSpec {
    CommandSpec {
        command,
        name,
        words,
        keys,
        inherit,
    }
}

const UP: CommandSpec = cmd(Command::Up, "up", |t| t.move_up, &[], &[Action::Up]);
const DOWN: CommandSpec = cmd(Command::Down, "down", |t| t.move_down, &[], &[Action::Down]);

const PICKER: &[CommandSpec] = &[
    UP,
    DOWN,
    cmd(Command::Choose, "choose", |t| t.choose, &["Enter"], &[]),
    cmd(Command::Close, "close", |t| t.cancel, &["Esc"], &[]),
];
const PROMPT: &[CommandSpec] = &[
    cmd(Command::Choose, "confirm", |t| t.confirm, &["Enter"], &[]),
    cmd(Command::Close, "cancel", |t| t.cancel, &["Esc"], &[]),
    cmd(Command::Complete, "complete", |t| t.complete, &["Tab"], &[]),
];
const TAGS: &[CommandSpec] = &[
    UP,
    DOWN,
    cmd(
        Command::Toggle,
        "toggle",
        |t| t.toggle_tag,
        &["Space", "Enter"],
        &[],
    ),
    cmd(Command::NewTag, "new-tag", |t| t.new_tag, &["n"], &[]),
    cmd(
        Command::Close,
        "close",
        |t| t.close,
        &["Esc"],
        &[Action::Tags],
    ),
];
const CRISIS: &[CommandSpec] = &[
    UP,
    DOWN,
    cmd(Command::Choose, "choose", |t| t.set_level, &["Enter"], &[]),
    cmd(
        Command::Escalate,
        "escalate",
        |t| t.escalate,
        &[],
        &[Action::Escalate],
    ),
    cmd(
        Command::Close,
        "close",
        |t| t.close,
        &["Esc"],
        &[Action::Crisis],
    ),
];
const REPLY: &[CommandSpec] = &[
    cmd(Command::Queue, "queue", |t| t.queue_reply, &["Ctrl-s"], &[]),
    cmd(Command::Close, "close", |t| t.keep_draft, &["Esc"], &[]),
    cmd(
        Command::SavedReplies,
        "saved-replies",
        |t| t.saved_reply,
        &["Ctrl-t"],
        &[],
    ),
    cmd(Command::Editor, "editor", |t| t.editor, &["Ctrl-e"], &[]),
];
const STATS: &[CommandSpec] = &[
    UP,
    DOWN,
    cmd(Command::Top, "top", |t| t.top, &[], &[Action::Top]),
    cmd(
        Command::Bottom,
        "bottom",
        |t| t.bottom,
        &[],
        &[Action::Bottom],
    ),
    cmd(
        Command::Left,
        "left",
        |t| t.previous_day,
        &["Left", "h"],
        &[],
    ),
    cmd(
        Command::Right,
        "right",
        |t| t.next_day,
        &["Right", "l"],
        &[],
    ),
    cmd(
        Command::NextSection,
        "next-section",
        |t| t.next_section,
        &[],
        &[Action::NextPane],
    ),
    cmd(
        Command::Choose,
        "open",
        |t| t.open_figure,
        &[],
        &[Action::Open],
    ),
    cmd(
        Command::Period,
        "period",
        |t| t.next_period,
        &[],
        &[Action::StatsPeriod],
    ),
    cmd(
        Command::Dates,
        "dates",
        |t| t.choose_dates,
        &[],
        &[Action::StatsRange],
    ),
    cmd(
        Command::Refresh,
        "refresh",
        |t| t.compute_again,
        &[],
        &[Action::Refresh],
    ),
    cmd(Command::Help, "help", |t| t.show_help, &[], &[Action::Help]),
    cmd(
        Command::Close,
        "close",
        |t| t.back_to_queue,
        &[],
        &[Action::Back, Action::Stats, Action::Quit],
    ),
];
const HELP: &[CommandSpec] = &[
    cmd(Command::Up, "up", |t| t.scroll_up, &[], &[Action::Up]),
    cmd(
        Command::Down,
        "down",
        |t| t.scroll_down,
        &[],
        &[Action::Down],
    ),
    cmd(
        Command::Close,
        "close",
        |t| t.close,
        &["Esc"],
        &[Action::Quit, Action::Help, Action::Back],
    ),
];

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Picker,
        Section::Prompt,
        Section::Tags,
        Section::Crisis,
        Section::Reply,
        Section::Stats,
        Section::Help,
    ];

    /// The table's name in the config: `[keys.picker]`.
    pub fn name(self) -> &'static str {
        match self {
            Section::Picker => "picker",
            Section::Prompt => "prompt",
            Section::Tags => "tags",
            Section::Crisis => "crisis",
            Section::Reply => "reply",
            Section::Stats => "stats",
            Section::Help => "help",
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        let t = &lang.t().sections;
        match self {
            Section::Picker => t.picker,
            Section::Prompt => t.prompt,
            Section::Tags => t.tags,
            Section::Crisis => t.crisis,
            Section::Reply => t.reply,
            Section::Stats => t.stats,
            Section::Help => t.help,
        }
    }

    pub fn commands(self) -> &'static [CommandSpec] {
        match self {
            Section::Picker => PICKER,
            Section::Prompt => PROMPT,
            Section::Tags => TAGS,
            Section::Crisis => CRISIS,
            Section::Reply => REPLY,
            Section::Stats => STATS,
            Section::Help => HELP,
        }
    }

    fn from_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.name() == name)
    }
}

impl CommandSpec {
    pub fn describe(&self, lang: Lang) -> &'static str {
        (self.words)(&lang.t().commands)
    }
}

/// A bad entry of the `[keys]` table: which one, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    /// `keys.fly`, `keys.picker.down`.
    pub key: String,
    pub reason: String,
}

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}: {}", self.key, self.reason)
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: HashMap<Key, Action>,
    sections: HashMap<Section, SectionKeys>,
}

/// A section's bindings, and each command's keys in the order help shows.
#[derive(Debug, Clone, Default)]
struct SectionKeys {
    bindings: HashMap<Key, Command>,
    order: HashMap<Command, Vec<Key>>,
}

pub const DEFAULTS: &[(Action, &[&str])] = &[
    (Action::Down, &["j", "Down"]),
    (Action::Up, &["k", "Up"]),
    (Action::Top, &["g", "Home"]),
    (Action::Bottom, &["G", "End"]),
    (Action::PageDown, &["PageDown", "Ctrl-d"]),
    (Action::PageUp, &["PageUp", "Ctrl-u"]),
    (Action::Open, &["Enter", "l", "Right"]),
    (Action::Back, &["Esc", "h", "Left"]),
    (Action::NextPane, &["Tab"]),
    (Action::Reply, &["r"]),
    (Action::Tags, &["t"]),
    (Action::Crisis, &["!"]),
    (Action::Escalate, &["E"]),
    (Action::Assign, &["a"]),
    (Action::TakeNext, &["n"]),
    (Action::Status, &["s"]),
    (Action::Sentiment, &["T"]),
    (Action::Select, &["x"]),
    (Action::Search, &["/"]),
    (Action::Filter, &["f"]),
    (Action::ClearFilter, &["c"]),
    (Action::View1, &["1"]),
    (Action::View2, &["2"]),
    (Action::View3, &["3"]),
    (Action::View4, &["4"]),
    (Action::View5, &["5"]),
    (Action::Stats, &["S"]),
    (Action::StatsPeriod, &["p"]),
    (Action::StatsRange, &["d"]),
    (Action::Palette, &[":"]),
    (Action::Help, &["?"]),
    (Action::Undo, &["u"]),
    (Action::Refresh, &["Ctrl-r"]),
    (Action::Quit, &["q"]),
];

impl Default for Keymap {
    fn default() -> Self {
        let mut bindings = HashMap::new();
        for (action, keys) in DEFAULTS {
            for k in *keys {
                if let Ok(key) = Key::parse(k) {
                    bindings.insert(key, *action);
                }
            }
        }
        let mut map = Keymap {
            bindings,
            sections: HashMap::new(),
        };
        map.build_sections(&HashSet::new(), &HashMap::new());
        map
    }
}

/// How strongly a key is bound to a pane command: a key someone chose
/// beats a default, whichever table it was chosen in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    /// A global action's default key that the command follows.
    InheritedDefault,
    /// The pane's own default.
    Default,
    /// A key the config gave a global action that the command follows.
    InheritedChosen,
    /// A key the config gave the command in the pane's table.
    Chosen,
}

impl Keymap {
    /// Defaults with the config's overrides: an action or pane command named
    /// in `[keys]` gets exactly the keys listed (its default keys are dropped).
    pub fn with_overrides(overrides: &KeysSection) -> Result<Keymap, KeyError> {
        let mut map = Keymap::default();
        let mut rebound = HashSet::new();
        let mut panes: HashMap<(Section, Command), Vec<Key>> = HashMap::new();
        for (name, entry) in &overrides.0 {
            let error = |reason: String| KeyError {
                key: format!("keys.{name}"),
                reason,
            };
            match (entry, Section::from_name(name)) {
                (KeyEntry::Keys(keys), None) => {
                    let action = Action::from_name(name).ok_or_else(|| {
                        error(format!(
                            "unknown action (one of: {}; or a pane: {})",
                            Action::ALL
                                .iter()
                                .map(|a| a.name())
                                .collect::<Vec<_>>()
                                .join(", "),
                            section_names()
                        ))
                    })?;
                    map.bindings.retain(|_, a| *a != action);
                    rebound.insert(action);
                    for k in keys {
                        let key = Key::parse(k).map_err(error)?;
                        map.bindings.insert(key, action);
                    }
                }
                (KeyEntry::Keys(_), Some(section)) => {
                    return Err(error(format!(
                        "a pane's keys are a table: [keys.{}] with one of {}",
                        section.name(),
                        command_names(section)
                    )));
                }
                (KeyEntry::Pane(_), None) => {
                    return Err(error(format!("not a pane (one of: {})", section_names())));
                }
                (KeyEntry::Pane(commands), Some(section)) => {
                    for (cname, keys) in commands {
                        let error = |reason: String| KeyError {
                            key: format!("keys.{name}.{cname}"),
                            reason,
                        };
                        let spec = section
                            .commands()
                            .iter()
                            .find(|c| c.name == cname)
                            .ok_or_else(|| {
                                error(format!(
                                    "unknown command of this pane (one of: {})",
                                    command_names(section)
                                ))
                            })?;
                        let keys = keys
                            .iter()
                            .map(|k| Key::parse(k).map_err(error))
                            .collect::<Result<Vec<_>, _>>()?;
                        panes.insert((section, spec.command), keys);
                    }
                }
            }
        }
        map.build_sections(&rebound, &panes);
        Ok(map)
    }

    /// Binds every pane's commands from the global bindings (already with
    /// their overrides) and the panes' own overrides.
    fn build_sections(
        &mut self,
        rebound: &HashSet<Action>,
        chosen: &HashMap<(Section, Command), Vec<Key>>,
    ) {
        self.sections.clear();
        for section in Section::ALL {
            let mut candidates: Vec<(Command, Vec<(Key, Rank)>)> = Vec::new();
            for spec in section.commands() {
                let keys: Vec<(Key, Rank)> = match chosen.get(&(section, spec.command)) {
                    Some(keys) => keys.iter().map(|k| (*k, Rank::Chosen)).collect(),
                    None => {
                        let own = spec
                            .keys
                            .iter()
                            .filter_map(|k| Key::parse(k).ok())
                            .map(|k| (k, Rank::Default));
                        let inherited = spec.inherit.iter().flat_map(|a| {
                            let rank = if rebound.contains(a) {
                                Rank::InheritedChosen
                            } else {
                                Rank::InheritedDefault
                            };
                            self.keys_of(*a).into_iter().map(move |k| (k, rank))
                        });
                        own.chain(inherited).collect()
                    }
                };
                candidates.push((spec.command, keys));
            }
            let mut best: HashMap<Key, (Command, Rank)> = HashMap::new();
            for (command, keys) in &candidates {
                for (key, rank) in keys {
                    // Equal ranks: the first command listed keeps the key.
                    if best.get(key).is_none_or(|(_, r)| r < rank) {
                        best.insert(*key, (*command, *rank));
                    }
                }
            }
            let mut keys = SectionKeys::default();
            for (command, candidates) in candidates {
                let mut order: Vec<Key> = Vec::new();
                for (key, _) in candidates {
                    if best.get(&key).is_some_and(|(c, _)| *c == command) && !order.contains(&key) {
                        order.push(key);
                    }
                }
                keys.order.insert(command, order);
            }
            keys.bindings = best.into_iter().map(|(k, (c, _))| (k, c)).collect();
            self.sections.insert(section, keys);
        }
    }

    pub fn action(&self, e: &KeyEvent) -> Option<Action> {
        self.bindings.get(&Key::from_event(e)).copied()
    }

    /// What a key does in a pane.
    pub fn command(&self, section: Section, e: &KeyEvent) -> Option<Command> {
        self.sections
            .get(&section)?
            .bindings
            .get(&Key::from_event(e))
            .copied()
    }

    /// The keys of a pane's command, its own first, for hints and help.
    pub fn command_keys(&self, section: Section, command: Command) -> &[Key] {
        self.sections
            .get(&section)
            .and_then(|s| s.order.get(&command))
            .map_or(&[], Vec::as_slice)
    }

    /// The keys bound to an action in a stable order: that of DEFAULTS
    /// first (Enter before l), then the rest.
    fn keys_of(&self, action: Action) -> Vec<Key> {
        let defaults: Vec<Key> = DEFAULTS
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, ks)| ks.iter().filter_map(|k| Key::parse(k).ok()).collect())
            .unwrap_or_default();
        let mut keys: Vec<Key> = self
            .bindings
            .iter()
            .filter(|(_, a)| **a == action)
            .map(|(k, _)| *k)
            .collect();
        keys.sort_by_key(|k| {
            (
                defaults.iter().position(|d| d == k).unwrap_or(usize::MAX),
                k.label(),
            )
        });
        keys
    }

    /// The keys bound to an action, for help and hints, in a stable order.
    pub fn keys_for(&self, action: Action) -> Vec<String> {
        self.keys_of(action).iter().map(Key::label).collect()
    }

    /// The same, named in the interface's language (`Entrée`, `Échap`).
    pub fn keys_in(&self, action: Action, lang: Lang) -> Vec<String> {
        self.keys_of(action)
            .iter()
            .map(|k| k.label_in(lang))
            .collect()
    }
}

fn section_names() -> String {
    Section::ALL
        .iter()
        .map(|s| s.name())
        .collect::<Vec<_>>()
        .join(", ")
}

fn command_names(section: Section) -> String {
    section
        .commands()
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn keys(entries: &[(&str, &[&str])]) -> KeysSection {
        KeysSection(
            entries
                .iter()
                .map(|(n, ks)| {
                    (
                        n.to_string(),
                        KeyEntry::Keys(ks.iter().map(|k| k.to_string()).collect()),
                    )
                })
                .collect(),
        )
    }

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn overrides_replace_an_actions_keys() {
        let map = Keymap::with_overrides(&keys(&[("quit", &["Ctrl-q"])])).unwrap();
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(map.action(&q), None);
        assert_eq!(map.action(&ctrl_q), Some(Action::Quit));
        let e =
            Keymap::with_overrides(&keys(&[("quit", &["Ctrl-q"]), ("fly", &["f"])])).unwrap_err();
        assert_eq!(e.key, "keys.fly");
    }

    #[test]
    fn pane_defaults_are_todays_keys() {
        let map = Keymap::default();
        let labels = |s: Section, c: Command| -> Vec<String> {
            map.command_keys(s, c).iter().map(Key::label).collect()
        };
        assert_eq!(labels(Section::Picker, Command::Down), ["j", "↓"]);
        assert_eq!(labels(Section::Picker, Command::Choose), ["Enter"]);
        assert_eq!(labels(Section::Tags, Command::Toggle), ["Space", "Enter"]);
        assert_eq!(labels(Section::Tags, Command::Close), ["Esc", "t"]);
        assert_eq!(labels(Section::Crisis, Command::Escalate), ["E"]);
        assert_eq!(labels(Section::Reply, Command::Queue), ["Ctrl-s"]);
        // Along the bars h and l move; Esc, S and q leave.
        assert_eq!(labels(Section::Stats, Command::Left), ["←", "h"]);
        assert_eq!(labels(Section::Stats, Command::Close), ["Esc", "S", "q"]);
        assert_eq!(labels(Section::Stats, Command::Choose), ["Enter"]);
        assert_eq!(
            labels(Section::Help, Command::Close),
            ["Esc", "q", "?", "h", "←"]
        );
    }

    #[test]
    fn panes_follow_a_rebound_action_and_their_own_table() {
        let map = Keymap::with_overrides(&keys(&[("down", &["n"])])).unwrap();
        for section in [
            Section::Picker,
            Section::Tags,
            Section::Crisis,
            Section::Help,
        ] {
            assert_eq!(
                map.command(section, &press('n')),
                Some(Command::Down),
                "{section:?}"
            );
            assert_eq!(map.command(section, &press('j')), None, "{section:?}");
        }
        // The tag pane's `n` was a default: the key someone chose wins.
        assert!(map.command_keys(Section::Tags, Command::NewTag).is_empty());

        let mut o = keys(&[("down", &["n"])]);
        o.0.insert(
            "tags".into(),
            KeyEntry::Pane(BTreeMap::from([("new-tag".into(), vec!["+".into()])])),
        );
        let map = Keymap::with_overrides(&o).unwrap();
        assert_eq!(
            map.command(Section::Tags, &press('+')),
            Some(Command::NewTag)
        );
        assert_eq!(map.command(Section::Tags, &press('n')), Some(Command::Down));
    }

    #[test]
    fn bad_pane_entries_name_the_key() {
        let pane = |section: &str, command: &str, key: &str| {
            KeysSection(BTreeMap::from([(
                section.to_string(),
                KeyEntry::Pane(BTreeMap::from([(
                    command.to_string(),
                    vec![key.to_string()],
                )])),
            )]))
        };
        let e = Keymap::with_overrides(&pane("picker", "down", "Ctrl-")).unwrap_err();
        assert_eq!(e.key, "keys.picker.down");
        assert!(e.reason.contains("is not a key"), "{e}");
        let e = Keymap::with_overrides(&pane("picker", "fly", "f")).unwrap_err();
        assert_eq!(e.key, "keys.picker.fly");
        assert!(e.reason.contains("choose"), "{e}");
        let e = Keymap::with_overrides(&pane("pickr", "down", "n")).unwrap_err();
        assert_eq!(e.key, "keys.pickr");
        let e = Keymap::with_overrides(&keys(&[("picker", &["n"])])).unwrap_err();
        assert_eq!(e.key, "keys.picker");
    }

    #[test]
    fn the_example_configs_keys_are_valid() {
        let text = include_str!("../../config.example.toml");
        let uncommented: String = text
            .lines()
            .map(|l| {
                l.strip_prefix("# ")
                    .filter(|r| r.contains(" = ") || r.starts_with('['))
                    .unwrap_or(l)
            })
            .collect::<Vec<_>>()
            .join("\n");
        let c = crate::config::parse(&uncommented, std::path::Path::new("example")).unwrap();
        Keymap::with_overrides(&c.keys).unwrap();
    }
}
