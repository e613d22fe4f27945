//! `palabre` with no subcommand: the terminal UI on the store.

use super::{CmdResult, Context, Failure};
use crate::app::App;
use crate::app::keymap::Keymap;
use crate::app::state::State;
use crate::i18n::Lang;
use crate::ui::theme::Theme;

/// Builds the app for a context: state from the config, keys, theme.
/// Checks what serde alone cannot — `[keys]`, `ui.lang`, `ui.theme`,
/// `[escalation]` — with the file, line and key of the first mistake.
pub fn validate(
    config: &crate::config::Config,
    file: &std::path::Path,
) -> Result<(), crate::config::ConfigError> {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| {
                let l = l.trim_start();
                l.starts_with(needle) && l[needle.len()..].trim_start().starts_with(['=', '.'])
            })
            .map_or(1, |i| i + 1)
    };
    let invalid = |key: &str, line_key: &str, reason: String| crate::config::ConfigError::Invalid {
        file: file.to_path_buf(),
        line: line_of(line_key),
        key: key.to_string(),
        reason,
    };
    if let Some(l) = &config.ui.lang
        && Lang::parse(l).is_none()
    {
        return Err(invalid(
            "ui.lang",
            "lang",
            format!("`{l}` is not a language of the interface (en or fr)"),
        ));
    }
    if let Some(t) = &config.ui.theme
        && let Err(e) = Theme::load(t)
    {
        return Err(invalid("ui.theme", "theme", e.to_string()));
    }
    // Automation rules, here and in the rules file (when it is there: a
    // missing one stops what loads it), each mistake with its line.
    let rules_file_missing = config.triage.rules.as_ref().is_some_and(|p| !p.exists());
    if rules_file_missing {
        let mut without = config.clone();
        without.triage.rules = None;
        crate::inbox::Automation::from_config(&without, Some(file))?;
    } else {
        crate::inbox::Automation::from_config(config, Some(file))?;
    }
    if let Err(e) = crate::hooks::Hooks::from_config(&config.escalation) {
        let field = e.key.rsplit('.').next().unwrap_or("escalation").to_string();
        return Err(invalid(&e.key, &field, e.reason));
    }
    if let Err(e) = Keymap::with_overrides(&config.keys) {
        let line = match e.key.trim_start_matches("keys.").split_once('.') {
            // `[keys.picker]` then `down = …`; else the table's own line.
            Some((pane, command)) => {
                let lines: Vec<&str> = text.lines().collect();
                let header = lines
                    .iter()
                    .position(|l| l.trim() == format!("[keys.{pane}]"));
                header.map_or_else(
                    || line_of(pane),
                    |h| {
                        lines[h + 1..]
                            .iter()
                            .take_while(|l| !l.trim_start().starts_with('['))
                            .position(|l| {
                                let l = l.trim_start();
                                l.starts_with(command)
                                    && l[command.len()..].trim_start().starts_with('=')
                            })
                            .map_or(h + 1, |n| h + n + 2)
                    },
                )
            }
            None => line_of(e.key.trim_start_matches("keys.")),
        };
        return Err(crate::config::ConfigError::Invalid {
            file: file.to_path_buf(),
            line,
            key: e.key,
            reason: e.reason,
        });
    }
    // Accounts: cursors are kept under their names, and each needs a network
    // with an API and a token source. The token itself is read at sync time.
    // The line of `field` in the `i`-th [[accounts]] block (else the block).
    let account_line = |i: usize, field: &str| -> usize {
        let lines: Vec<&str> = text.lines().collect();
        let Some(start) = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with("[[accounts]]"))
            .nth(i)
            .map(|(n, _)| n)
        else {
            return 1;
        };
        lines[start + 1..]
            .iter()
            .take_while(|l| !l.trim_start().starts_with('['))
            .position(|l| {
                let l = l.trim_start();
                l.starts_with(field) && l[field.len()..].trim_start().starts_with('=')
            })
            .map_or(start + 1, |n| start + n + 2)
    };
    let account_invalid =
        |i: usize, field: &str, reason: String| crate::config::ConfigError::Invalid {
            file: file.to_path_buf(),
            line: account_line(i, field),
            key: format!("accounts[{i}].{field}"),
            reason,
        };
    let mut names = std::collections::BTreeSet::new();
    for (i, a) in config.accounts.iter().enumerate() {
        if !names.insert(a.name.as_str()) {
            return Err(account_invalid(
                i,
                "name",
                format!("two accounts are named {:?}", a.name),
            ));
        }
        if !crate::channels::NETWORKS.contains(&a.network) {
            return Err(account_invalid(
                i,
                "network",
                format!("{} has no API to sync from", a.network),
            ));
        }
        if a.token_env.is_none() && a.token_file.is_none() {
            return Err(account_invalid(
                i,
                "token_env",
                "no token: set token_env or token_file".into(),
            ));
        }
    }
    Ok(())
}

pub fn build(
    ctx: &Context,
    theme: Option<&str>,
    lang: Option<&str>,
) -> Result<(App, Theme), Failure> {
    let config = &ctx.config;
    if let Some(file) = &ctx.config_path {
        validate(config, file)?;
    }
    let lang: Lang = super::resolve_lang(lang, config.ui.lang.as_deref())?;
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
    state.contacts = config.contacts.clone();
    state.timezone = config.sla.timezone;
    state.saved_replies = config.saved_replies.clone();
    state.themes = Theme::names();
    if let Some(path) = &config.triage.rules {
        state.rules = crate::triage::categories::Rules::load(path)
            .map_err(|e| Failure::input(e.to_string()))?;
    }
    let store = ctx.open_store()?;
    let mut app = App::new(store, state, keymap)?;
    app.sla = config.sla.clone();
    app.prefetch = true;
    app.team_members = config.team.members.clone();
    app.hooks = crate::hooks::Hooks::from_config(&config.escalation)
        .map_err(|e| Failure::input(format!("config: {}: {}", e.key, e.reason)))?
        .map(std::sync::Arc::new);
    Ok((app, theme))
}

pub fn run(ctx: &Context, theme: Option<&str>, lang: Option<&str>) -> CmdResult {
    ctx.load_transformer()?;
    let (mut app, theme) = build(ctx, theme, lang)?;
    app.join(crate::app::team::session_name(&ctx.actor));
    let sync = background_sync(ctx)?;
    crate::runtime::run(app, crate::runtime::Options { theme, sync })
        .map_err(|e| Failure::runtime(format!("terminal: {e}")))
}

/// The configured accounts' clients. One that cannot start (no token, no
/// client for its network) is shown in the status bar with its reason
/// instead of stopping the others.
fn background_sync(ctx: &Context) -> Result<Option<crate::runtime::BackgroundSync>, Failure> {
    use crate::channels::http::{Http, Policy};
    if ctx.config.accounts.is_empty() {
        return Ok(None);
    }
    let http = Http::new(Policy::default()).map_err(|e| Failure::runtime(e.to_string()))?;
    let mut store = ctx.open_store()?;
    let mut connectors = Vec::new();
    for entry in &ctx.config.accounts {
        match crate::channels::connect::connect(entry, &http) {
            Ok(c) => connectors.push(c),
            Err(e) => {
                store.set_account_state(
                    &entry.name,
                    entry.network,
                    crate::model::SyncState::Error,
                    Some(&e.reason),
                    None,
                )?;
            }
        }
    }
    Ok(Some(crate::runtime::BackgroundSync {
        db: ctx.db.clone(),
        settings: crate::inbox::sync::Settings {
            sla: ctx.config.sla.clone(),
            automation: std::sync::Arc::new(ctx.automation()?),
        },
        actor: ctx.actor.clone(),
        connectors,
    }))
}
