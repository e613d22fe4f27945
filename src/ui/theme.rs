//! Themes: flat TOML files in `themes/`, built in with `include_str!`, and
//! more in `$XDG_CONFIG_HOME/palabre/themes/`. `NO_COLOR` drops every colour
//! and keeps only bold, dim and reverse.

use crate::config::{ConfigError, parse_as};
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const BUILT_IN: &[(&str, &str)] = &[
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("solarized", include_str!("../../themes/solarized.toml")),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    fg: String,
    bg: String,
    muted: String,
    accent: String,
    border: String,
    border_focus: String,
    selected_fg: String,
    selected_bg: String,
    negative: String,
    positive: String,
    warning: String,
    crisis: String,
    ours: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    pub base: Style,
    pub muted: Style,
    pub accent: Style,
    pub border: Style,
    pub border_focus: Style,
    pub selected: Style,
    pub negative: Style,
    pub positive: Style,
    pub warning: Style,
    pub crisis: Style,
    pub ours: Style,
}

fn color(text: &str) -> Result<Color, String> {
    text.parse::<Color>()
        .map_err(|_| format!("`{text}` is not a colour (a name such as \"red\" or \"#rrggbb\")"))
}

impl Theme {
    pub fn parse(text: &str, file: &Path) -> Result<Theme, ConfigError> {
        let raw: ThemeFile = parse_as(text, file)?;
        let line_of = |key: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(key))
                .map_or(1, |i| i + 1)
        };
        let get = |key: &str, value: &str| {
            color(value).map_err(|reason| ConfigError::Invalid {
                file: file.to_path_buf(),
                line: line_of(key),
                key: key.to_string(),
                reason,
            })
        };
        let fg = get("fg", &raw.fg)?;
        let bg = get("bg", &raw.bg)?;
        let name = file
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        Ok(Theme {
            name,
            base: Style::default().fg(fg).bg(bg),
            muted: Style::default().fg(get("muted", &raw.muted)?),
            accent: Style::default()
                .fg(get("accent", &raw.accent)?)
                .add_modifier(Modifier::BOLD),
            border: Style::default().fg(get("border", &raw.border)?),
            border_focus: Style::default().fg(get("border_focus", &raw.border_focus)?),
            selected: Style::default()
                .fg(get("selected_fg", &raw.selected_fg)?)
                .bg(get("selected_bg", &raw.selected_bg)?),
            negative: Style::default().fg(get("negative", &raw.negative)?),
            positive: Style::default().fg(get("positive", &raw.positive)?),
            warning: Style::default().fg(get("warning", &raw.warning)?),
            crisis: Style::default()
                .fg(get("crisis", &raw.crisis)?)
                .add_modifier(Modifier::BOLD),
            ours: Style::default().fg(get("ours", &raw.ours)?),
        })
    }

    /// No colour at all: for `NO_COLOR` and terminals that cannot.
    pub fn monochrome() -> Theme {
        let plain = Style::default();
        Theme {
            name: "no-color".into(),
            base: plain,
            muted: plain.add_modifier(Modifier::DIM),
            accent: plain.add_modifier(Modifier::BOLD),
            border: plain,
            border_focus: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            negative: plain.add_modifier(Modifier::BOLD),
            positive: plain,
            warning: plain.add_modifier(Modifier::BOLD),
            crisis: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            ours: plain.add_modifier(Modifier::ITALIC),
        }
    }

    pub fn user_dir() -> Option<PathBuf> {
        dirs::config_dir().map(|d| d.join("palabre").join("themes"))
    }

    /// Every theme name: built-in and the user's.
    pub fn names() -> Vec<String> {
        let mut names: Vec<String> = BUILT_IN.iter().map(|(n, _)| n.to_string()).collect();
        if let Some(dir) = Theme::user_dir()
            && let Ok(entries) = std::fs::read_dir(dir)
        {
            for e in entries.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "toml")
                    && let Some(stem) = p.file_stem()
                {
                    let n = stem.to_string_lossy().to_string();
                    if !names.contains(&n) {
                        names.push(n);
                    }
                }
            }
        }
        names
    }

    /// Loads a theme by name (the user's directory first) or from a path.
    /// The theme to draw with: `NO_COLOR` wins over any theme, but a named
    /// theme must still exist and parse.
    pub fn load(name: &str) -> Result<Theme, ConfigError> {
        let theme = Theme::find(name)?;
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return Ok(Theme::monochrome());
        }
        Ok(theme)
    }

    /// Finds and parses a theme by name or path, whatever `NO_COLOR` says.
    pub fn find(name: &str) -> Result<Theme, ConfigError> {
        let as_path = Path::new(name);
        if name.ends_with(".toml") {
            let text = std::fs::read_to_string(as_path).map_err(|e| ConfigError::Read {
                file: as_path.to_path_buf(),
                reason: e.to_string(),
            })?;
            return Theme::parse(&text, as_path);
        }
        if let Some(dir) = Theme::user_dir() {
            let path = dir.join(format!("{name}.toml"));
            if let Ok(text) = std::fs::read_to_string(&path) {
                return Theme::parse(&text, &path);
            }
        }
        match BUILT_IN.iter().find(|(n, _)| *n == name) {
            Some((n, text)) => Theme::parse(text, Path::new(&format!("themes/{n}.toml"))),
            None => Err(ConfigError::Read {
                file: PathBuf::from(format!("{name}.toml")),
                reason: format!(
                    "no theme named `{name}` (available: {})",
                    Theme::names().join(", ")
                ),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_themes_parse() {
        for (name, text) in BUILT_IN {
            Theme::parse(text, Path::new(&format!("themes/{name}.toml"))).unwrap();
        }
    }

    #[test]
    fn a_bad_colour_names_file_line_and_key() {
        let text = BUILT_IN[0].1.replace("accent = ", "accent = \"blurple\" #");
        let err = Theme::parse(&text, Path::new("t.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("t.toml:") && err.contains(": accent: "),
            "{err}"
        );
        let err = Theme::parse("fg = 1\n", Path::new("t.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("t.toml:1"), "{err}");
    }
}
