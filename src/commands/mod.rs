//! What each subcommand does, behind the argument parsing of `main.rs`.
//! Every command prints for people by default and JSON with `--json`.

pub mod actions;
pub mod backup;
pub mod contact;
pub mod conversation;
pub mod crisis;
pub mod demo;
pub mod eval;
pub mod export;
pub mod import;
pub mod queue;
pub mod report;
pub mod rules;
pub mod sync;
pub mod team;
pub mod tui;

use crate::config::{self, Config, ConfigError};
use crate::i18n::Lang;
use crate::inbox::Store;
use crate::store::StoreError;
use std::path::{Path, PathBuf};

/// A command's failure with the exit status it maps to: 2 for bad input
/// (a file, a line, an argument), 3 when someone else acted first (a
/// reply to a message already answered), 1 for everything else.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl Failure {
    pub fn input(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: message.into(),
        }
    }
    pub fn runtime(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        let code = match e {
            StoreError::NoConversation(_)
            | StoreError::Invalid(_)
            | StoreError::TooNew { .. }
            | StoreError::Open { .. } => 2,
            StoreError::Conflict(_) => 3,
            _ => 1,
        };
        Failure {
            code,
            message: e.to_string(),
        }
    }
}

impl From<ConfigError> for Failure {
    fn from(e: ConfigError) -> Self {
        Failure::input(e.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::runtime(e.to_string())
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Self {
        Failure::runtime(e.to_string())
    }
}

pub type CmdResult = Result<(), Failure>;

/// What every command needs: where the store is, who is acting, the config,
/// the language people read (`--lang`, the config's `[ui] lang`, the locale).
pub struct Context {
    pub db: PathBuf,
    pub actor: String,
    pub config: Config,
    pub config_path: Option<PathBuf>,
    pub lang: Lang,
}

/// Global options as parsed from the command line and environment.
#[derive(Debug, Clone, Default)]
pub struct Globals {
    pub db: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub actor: Option<String>,
    pub theme: Option<String>,
    pub lang: Option<String>,
}

impl Context {
    pub fn new(globals: &Globals) -> Result<Context, Failure> {
        let (config, config_path) = config::load(globals.config.as_deref())?;
        let lang = resolve_lang(globals.lang.as_deref(), config.ui.lang.as_deref())?;
        let db = globals
            .db
            .clone()
            .or_else(|| config.store.url.clone().map(PathBuf::from))
            .or_else(|| config.store.path.clone())
            .or_else(default_db)
            .ok_or_else(|| {
                Failure::input(
                    "cannot find a data directory for the store: give --db PATH or set PALABRE_DB",
                )
            })?;
        let actor = resolve_actor(globals.actor.as_deref(), config.user.as_deref());
        Ok(Context {
            db,
            actor,
            config,
            config_path,
            lang,
        })
    }

    /// Loads the transformer tier the configuration names, if any, for the
    /// process's scoring (import, sync, the terminal UI, eval). A model,
    /// tokenizer or library that cannot be used is an error naming it.
    pub fn load_transformer(&self) -> Result<(), Failure> {
        let Some(tier) = &self.config.triage.transformer else {
            return Ok(());
        };
        if crate::triage::transformer::installed().is_some() {
            return Ok(());
        }
        let loaded = crate::triage::transformer::Transformer::load(tier).map_err(|e| {
            Failure::input(format!(
                "[triage.transformer] in {}: {e}",
                self.config_path.as_deref().map_or_else(
                    || "the configuration".to_string(),
                    |p| p.display().to_string()
                )
            ))
        })?;
        tracing::info!("transformer tier: {}", loaded.model().display());
        // Installed once per process: a second load finds it in place.
        let _ = crate::triage::transformer::install(loaded);
        Ok(())
    }

    pub fn open_store(&self) -> Result<Store, Failure> {
        let mut store = Store::open(&self.db)?;
        store.set_sla(self.config.sla.clone());
        Ok(store)
    }

    /// The automation rules of the configuration (and its rules file).
    pub fn automation(&self) -> Result<crate::inbox::Automation, Failure> {
        Ok(crate::inbox::Automation::from_config(
            &self.config,
            self.config_path.as_deref(),
        )?)
    }

    /// The store for what brings messages in (import, sync, the demo): new
    /// messages meet the automation rules.
    pub fn open_inbox(&self) -> Result<Store, Failure> {
        let mut store = self.open_store()?;
        store.set_automation(std::sync::Arc::new(self.automation()?));
        Ok(store)
    }
}

/// `--lang`, then the config's `[ui] lang`, then the locale (`LC_ALL`,
/// `LC_MESSAGES`, `LANG`).
pub fn resolve_lang(explicit: Option<&str>, configured: Option<&str>) -> Result<Lang, Failure> {
    match explicit.or(configured) {
        Some(l) => {
            Lang::parse(l).ok_or_else(|| Failure::input((Lang::from_env().t().cli.unknown_lang)(l)))
        }
        None => Ok(Lang::from_env()),
    }
}

pub fn default_db() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("palabre").join("palabre.db"))
}

/// `--as NAME` (or `PALABRE_USER`, which clap folds into it), then the
/// config's `user`, then the login name.
pub fn resolve_actor(explicit: Option<&str>, configured: Option<&str>) -> String {
    // An empty value at any step means "not set": fall through to the next.
    let given = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    given(explicit.map(str::to_string))
        .or_else(|| given(configured.map(str::to_string)))
        .or_else(|| given(std::env::var("USER").ok()))
        .or_else(|| given(std::env::var("LOGNAME").ok()))
        .or_else(|| given(login_name()))
        .unwrap_or_else(|| "unknown".to_string())
}

/// The login name from the password database, for environments without
/// `USER` (cron, containers, tmux started by a service).
#[cfg(unix)]
fn login_name() -> Option<String> {
    // SAFETY: getpwuid returns a pointer into static storage or null; we copy
    // the name out at once and use no other passwd call meanwhile.
    unsafe {
        let pw = libc::getpwuid(libc::getuid());
        if pw.is_null() || (*pw).pw_name.is_null() {
            return None;
        }
        std::ffi::CStr::from_ptr((*pw).pw_name)
            .to_str()
            .ok()
            .map(str::to_string)
    }
}

#[cfg(not(unix))]
fn login_name() -> Option<String> {
    None
}

pub fn print_json<T: serde::Serialize>(value: &T) -> CmdResult {
    let text = serde_json::to_string_pretty(value)?;
    println!("{text}");
    Ok(())
}

/// What a configuration may hold that is not wrong but will surprise:
/// saved replies with variables Palabre does not know (they would be sent
/// as written). `FILE:LINE: KEY: reason`, like errors.
pub fn config_warnings(config: &Config, file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let mut out = Vec::new();
    for (i, reply) in config.saved_replies.iter().enumerate() {
        let unknown = crate::saved_replies::unknown_variables(&reply.text);
        if unknown.is_empty() {
            continue;
        }
        let key = format!("saved_replies[{i}].text");
        out.push(format!(
            "{}:{}: {key}: unknown variable {} (known: {})",
            file.display(),
            config::line_of_key(&text, &key),
            unknown
                .iter()
                .map(|u| format!("{{{u}}}"))
                .collect::<Vec<_>>()
                .join(", "),
            crate::saved_replies::VARIABLES
                .iter()
                .map(|(v, _)| *v)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out
}

/// Says on standard error what the end of an arrival did: conversations
/// the crisis detector flagged, rules applied.
pub fn report_arrival(t: &crate::i18n::Catalogue, arrived: &crate::inbox::Arrived) {
    if arrived.flagged > 0 {
        eprintln!("{}", (t.cli.flagged_potential)(arrived.flagged as u64));
    }
    if !arrived.rules.is_empty() {
        let mut by_rule: Vec<(&str, u64)> = Vec::new();
        for a in &arrived.rules {
            match by_rule.iter_mut().find(|(r, _)| *r == a.rule) {
                Some((_, n)) => *n += 1,
                None => by_rule.push((&a.rule, 1)),
            }
        }
        let each: Vec<String> = by_rule
            .iter()
            .map(|(r, n)| (t.cli.rule_on)(r, *n))
            .collect();
        eprintln!("{}", (t.cli.automation)(&each.join(", ")));
    }
}

/// `palabre config check`
pub fn config_check(path: Option<&Path>, json: bool, lang: Lang) -> CmdResult {
    let t = &lang.t().cli;
    let explicit = path.map(Path::to_path_buf);
    let target = explicit.clone().or_else(config::default_path);
    let result = match &target {
        Some(p) if explicit.is_some() || p.exists() => config::load(Some(p))
            .and_then(|(c, _)| tui::validate(&c, p).map(|_| Some((p.clone(), c)))),
        _ => Ok(None),
    };
    match result {
        Ok(checked) => {
            let warnings = checked
                .as_ref()
                .map(|(p, c)| config_warnings(c, p))
                .unwrap_or_default();
            let file = checked.map(|(p, _)| p);
            if json {
                let mut out = serde_json::json!({"ok": true, "file": file});
                if !warnings.is_empty() {
                    out["warnings"] = serde_json::json!(warnings);
                }
                print_json(&out)?;
            } else {
                for w in &warnings {
                    eprintln!("palabre: warning: {w}");
                }
                match file {
                    Some(f) => println!("{}", (t.config_ok)(&f.display().to_string())),
                    None => println!("{}", t.no_config),
                }
            }
            Ok(())
        }
        Err(e) => {
            if json {
                let detail = match &e {
                    ConfigError::Invalid {
                        file,
                        line,
                        key,
                        reason,
                    } => {
                        serde_json::json!({"ok": false, "file": file, "line": line, "key": key, "reason": reason})
                    }
                    ConfigError::Read { file, reason } => {
                        serde_json::json!({"ok": false, "file": file, "reason": reason})
                    }
                };
                print_json(&detail)?;
            }
            Err(e.into())
        }
    }
}
