//! The interface speaks English and French: every word it shows people (the
//! terminal UI, the reports, the command line's prose) comes from one
//! catalogue per language. Below `app` and `ui` both, above `model`: the
//! store and the triage hand over typed values (a status, a `Reason`, an
//! event), and the catalogue turns them into words.
//!
//! ```text
//! i18n/
//!   mod.rs        Lang: which language, from --lang, the config or the locale
//!   catalogue.rs  Catalogue: every message, named and grouped by where it shows
//!   en.rs, fr.rs  the two languages, each one `static Catalogue`
//!   format.rs     numbers, percentages, durations, ages and dates in a language's style
//!   words.rs      model values in words: statuses, levels, tones, reasons, events
//!   cli_help.rs   `palabre --help` in French (the English is main.rs's doc comments)
//! ```
//!
//! Use: `let t = lang.t();` then `t.thread.why_here`, `(t.flash.undone)(&what)`,
//! `t.duration(secs)`, `t.status(status)`.
//!
//! To add a message (a new pane, a new flash, a new error):
//! 1. add a field to the right group in `catalogue.rs` (a new group for a
//!    new pane), with a comment saying what its arguments are;
//!    `&'static str` for words, `fn(..) -> String` when values go inside:
//!    a language puts them where its grammar wants, and each argument comes
//!    already formatted (`t.count(n)`, `t.duration(s)`), or as a `u64` when
//!    the language needs the number for a plural;
//! 2. fill it in `en.rs` and `fr.rs` — the build fails until both have it,
//!    there is no silent fallback to English;
//! 3. use it; never `format!` words of the interface in place.
//!
//! A new enum shown to people gets one field per variant (like `Statuses`)
//! and one exhaustive `match` to pick it (here in `words.rs` for `model`
//! types, next to the enum for the app's own, like `Action::describe`), so
//! that a new variant cannot go unnamed. French typography: a no-break
//! space (`\u{a0}`) before `:` and between a number and its unit, a narrow
//! one (`\u{202f}`) before `;`, `%` and between digit groups.

pub mod catalogue;
pub mod cli_help;
mod en;
pub mod format;
mod fr;
pub mod words;

pub use catalogue::Catalogue;
pub use en::EN;
pub use fr::FR;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// From a name (`fr`, `en`) or a locale (`fr_FR.UTF-8`); English otherwise.
    pub fn parse(text: &str) -> Option<Lang> {
        let primary = text
            .split(['_', '-', '.'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Lang::Fr),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// `LC_ALL`, then `LC_MESSAGES`, then `LANG`, as POSIX orders them.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::parse(&v))
            .unwrap_or(Lang::En)
    }

    /// The language as its code (`en`, `fr`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Every message of the interface in this language.
    pub fn t(self) -> &'static Catalogue {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }
}
