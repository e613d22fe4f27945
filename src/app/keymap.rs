//! Keys → actions, with defaults from DESIGN.md and overrides from the
//! config's `[keys]` table (`action-name = ["key", ...]`).

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{BTreeMap, HashMap};

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

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: HashMap<Key, Action>,
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
        Keymap { bindings }
    }
}

impl Keymap {
    /// Defaults with the config's overrides: an action named in `[keys]`
    /// gets exactly the keys listed (its default keys are dropped).
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> Result<Keymap, String> {
        let mut map = Keymap::default();
        for (name, keys) in overrides {
            let action = Action::from_name(name).ok_or_else(|| {
                format!(
                    "keys.{name}: unknown action (one of: {})",
                    Action::ALL
                        .iter()
                        .map(|a| a.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
            map.bindings.retain(|_, a| *a != action);
            for k in keys {
                let key = Key::parse(k).map_err(|e| format!("keys.{name}: {e}"))?;
                map.bindings.insert(key, action);
            }
        }
        Ok(map)
    }

    pub fn action(&self, e: &KeyEvent) -> Option<Action> {
        self.bindings.get(&Key::from_event(e)).copied()
    }

    /// The keys bound to an action, for help and hints, in a stable order.
    pub fn keys_for(&self, action: Action) -> Vec<String> {
        let mut keys: Vec<String> = self
            .bindings
            .iter()
            .filter(|(_, a)| **a == action)
            .map(|(k, _)| k.label())
            .collect();
        // The order of DEFAULTS first (Enter before l), then the rest.
        let defaults: Vec<String> = DEFAULTS
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, ks)| {
                ks.iter()
                    .filter_map(|k| Key::parse(k).ok())
                    .map(|k| k.label())
                    .collect()
            })
            .unwrap_or_default();
        keys.sort_by_key(|k| {
            (
                defaults.iter().position(|d| d == k).unwrap_or(usize::MAX),
                k.clone(),
            )
        });
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_replace_an_actions_keys() {
        let mut o = BTreeMap::new();
        o.insert("quit".to_string(), vec!["Ctrl-q".to_string()]);
        let map = Keymap::with_overrides(&o).unwrap();
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(map.action(&q), None);
        assert_eq!(map.action(&ctrl_q), Some(Action::Quit));
        o.insert("fly".to_string(), vec!["f".to_string()]);
        assert!(Keymap::with_overrides(&o).unwrap_err().contains("keys.fly"));
    }
}
