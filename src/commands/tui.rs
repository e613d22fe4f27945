//! `palabre` with no subcommand: the terminal UI on the store.

use super::{CmdResult, Context, Failure};
use crate::app::App;
use crate::app::keymap::Keymap;
use crate::app::state::{Contact, SavedReply, State};
use crate::ui::i18n::Lang;
use crate::ui::theme::Theme;

/// Builds the app for a context: state from the config, keys, theme.
pub fn build(
    ctx: &Context,
    theme: Option<&str>,
    lang: Option<&str>,
) -> Result<(App, Theme), Failure> {
    let config = &ctx.config;
    let lang = match lang.or(config.ui.lang.as_deref()) {
        Some(l) => Lang::parse(l)
            .ok_or_else(|| Failure::input(format!("unknown language `{l}` (en or fr)")))?,
        None => Lang::from_env(),
    };
    let theme_name = theme.or(config.ui.theme.as_deref()).unwrap_or("dark");
    let theme = Theme::load(theme_name).map_err(|e| Failure::input(e.to_string()))?;
    let keymap = Keymap::with_overrides(&config.keys).map_err(|e| {
        let file = ctx
            .config_path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "config".into());
        Failure::input(format!("{file}: {e}"))
    })?;
    let mut state = State::new(
        ctx.actor.clone(),
        lang,
        theme.name.clone(),
        chrono::Utc::now(),
    );
    state.contacts = config
        .contacts
        .iter()
        .map(|c| Contact {
            name: c.name.clone(),
            detail: c.detail.clone(),
        })
        .collect();
    state.saved_replies = config
        .saved_replies
        .iter()
        .map(|r| SavedReply {
            name: r.name.clone(),
            text: r.text.clone(),
        })
        .collect();
    state.themes = Theme::names();
    let store = ctx.open_store()?;
    let app = App::new(store, state, keymap)?;
    Ok((app, theme))
}

pub fn run(ctx: &Context, theme: Option<&str>, lang: Option<&str>) -> CmdResult {
    let (app, theme) = build(ctx, theme, lang)?;
    crate::runtime::run(app, crate::runtime::Options { theme })
        .map_err(|e| Failure::runtime(format!("terminal: {e}")))
}
