//! Escalation hooks: after an escalation is recorded, a configured command
//! receives it as JSON on its standard input and/or a webhook receives it by
//! POST, retried with exponential backoff. Each hook's outcome comes back as
//! a `HookOutcome` for the caller to record as an event; nothing here touches
//! the store or the terminal.

use crate::config::EscalationSection;
use crate::model::{ConversationDetail, Event};
use serde::Serialize;
use serde_json::{Value, json};
use std::time::Duration;

/// How many of the latest messages travel with an escalation.
const MESSAGES: usize = 5;
/// What is kept of a command's standard error in a failure event.
const STDERR_CHARS: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HookKind {
    Command,
    Webhook,
}

/// What one hook did, tries included.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HookOutcome {
    pub hook: HookKind,
    /// The program, or the webhook's scheme, host and port: a URL's path
    /// and query often hold a token, so they are never shown.
    pub target: String,
    pub ok: bool,
    pub attempts: u32,
    /// The HTTP status or the exit status of the last try, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl HookOutcome {
    /// An outcome saying the hooks could not run at all.
    pub fn not_run(why: &str) -> HookOutcome {
        HookOutcome {
            hook: HookKind::Command,
            target: String::new(),
            ok: false,
            attempts: 0,
            status: None,
            error: Some(format!("not run: {why}")),
        }
    }

    /// The payload of the event that records it.
    pub fn event_payload(&self, escalation: i64) -> Value {
        let mut v = json!(self);
        v["escalation"] = json!(escalation);
        v
    }
}

/// The configured hooks, checked once.
#[derive(Debug, Clone)]
pub struct Hooks {
    command: Option<Vec<String>>,
    webhook: Option<Webhook>,
    attempts: u32,
    backoff: Duration,
    timeout: Duration,
}

#[derive(Debug, Clone)]
struct Webhook {
    url: reqwest::Url,
    headers: reqwest::header::HeaderMap,
}

/// A configuration mistake: the key and what is wrong with it (never the
/// value of a header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookConfigError {
    pub key: String,
    pub reason: String,
}

impl Hooks {
    /// `None` when no hook is configured.
    pub fn from_config(c: &EscalationSection) -> Result<Option<Hooks>, HookConfigError> {
        let err = |key: &str, reason: String| HookConfigError {
            key: format!("escalation.{key}"),
            reason,
        };
        if let Some(argv) = &c.command
            && argv.first().is_none_or(|p| p.trim().is_empty())
        {
            return Err(err(
                "command",
                "needs the program first, e.g. [\"notify\", \"--json\"]".into(),
            ));
        }
        let webhook = match &c.webhook {
            None => None,
            Some(text) => {
                let url = reqwest::Url::parse(text.trim())
                    .map_err(|e| err("webhook", format!("not a URL: {e}")))?;
                if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
                    return Err(err("webhook", "must be an http:// or https:// URL".into()));
                }
                let mut headers = reqwest::header::HeaderMap::new();
                for (name, value) in &c.headers {
                    let n = reqwest::header::HeaderName::from_bytes(name.as_bytes())
                        .map_err(|_| err(&format!("headers.{name}"), "not a header name".into()))?;
                    let mut v = reqwest::header::HeaderValue::from_str(value).map_err(|_| {
                        err(
                            &format!("headers.{name}"),
                            "not a valid header value".into(),
                        )
                    })?;
                    v.set_sensitive(true);
                    headers.insert(n, v);
                }
                Some(Webhook { url, headers })
            }
        };
        if !c.headers.is_empty() && webhook.is_none() {
            return Err(err("headers", "headers need a webhook".into()));
        }
        if !(1..=10).contains(&c.attempts) {
            return Err(err("attempts", "must be between 1 and 10".into()));
        }
        if c.backoff_ms > 60_000 {
            return Err(err("backoff_ms", "at most 60000 (one minute)".into()));
        }
        if !(1..=300).contains(&c.timeout_secs) {
            return Err(err("timeout_secs", "must be between 1 and 300".into()));
        }
        if c.command.is_none() && webhook.is_none() {
            return Ok(None);
        }
        Ok(Some(Hooks {
            command: c.command.clone(),
            webhook,
            attempts: c.attempts,
            backoff: Duration::from_millis(c.backoff_ms),
            timeout: Duration::from_secs(c.timeout_secs),
        }))
    }

    /// Runs every configured hook (at the same time) and reports each.
    pub async fn run(&self, payload: &Value) -> Vec<HookOutcome> {
        let body = payload.to_string();
        let key = format!(
            "palabre-escalation-{}",
            payload.get("id").and_then(Value::as_i64).unwrap_or(0)
        );
        let command = async {
            match &self.command {
                Some(argv) => Some(
                    self.retry(HookKind::Command, || run_command(argv, &body, self.timeout))
                        .await,
                ),
                None => None,
            }
        };
        let webhook = async {
            match &self.webhook {
                Some(w) => Some(
                    self.retry(HookKind::Webhook, || post(w, &body, &key, self.timeout))
                        .await,
                ),
                None => None,
            }
        };
        let (c, w) = tokio::join!(command, webhook);
        let mut out: Vec<HookOutcome> = c.into_iter().chain(w).collect();
        for o in &mut out {
            o.target = match o.hook {
                HookKind::Command => self
                    .command
                    .as_ref()
                    .and_then(|a| a.first())
                    .cloned()
                    .unwrap_or_default(),
                HookKind::Webhook => self
                    .webhook
                    .as_ref()
                    .map(|w| origin(&w.url))
                    .unwrap_or_default(),
            };
        }
        out
    }

    /// Tries `once` until it succeeds, fails for good, or the tries are spent.
    async fn retry<F, Fut>(&self, hook: HookKind, mut once: F) -> HookOutcome
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Try>,
    {
        let mut wait = self.backoff;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = once().await;
            let again = matches!(&result, Try::Failed { retry: true, .. });
            if !again || attempt >= self.attempts {
                let (ok, status, error) = match result {
                    Try::Done { status } => (true, status, None),
                    Try::Failed { status, error, .. } => (false, status, Some(error)),
                };
                return HookOutcome {
                    hook,
                    target: String::new(),
                    ok,
                    attempts: attempt,
                    status,
                    error,
                };
            }
            tokio::time::sleep(wait).await;
            wait = wait.saturating_mul(2);
        }
    }
}

/// One try's result.
enum Try {
    Done {
        status: Option<i64>,
    },
    Failed {
        status: Option<i64>,
        error: String,
        /// Worth trying again (a passing failure, not a refusal).
        retry: bool,
    },
}

/// Scheme, host and port only.
fn origin(url: &reqwest::Url) -> String {
    let mut s = format!("{}://{}", url.scheme(), url.host_str().unwrap_or(""));
    if let Some(port) = url.port() {
        s.push_str(&format!(":{port}"));
    }
    s
}

async fn run_command(argv: &[String], body: &str, timeout: Duration) -> Try {
    use tokio::io::AsyncWriteExt;
    let Some((program, args)) = argv.split_first() else {
        return Try::Failed {
            status: None,
            error: "no program".into(),
            retry: false,
        };
    };
    let spawned = tokio::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        // Not found, not executable: trying again would not help.
        Err(e) => {
            return Try::Failed {
                status: None,
                error: format!("cannot run {program}: {e}"),
                retry: false,
            };
        }
    };
    let body = body.as_bytes().to_vec();
    let stdin = child.stdin.take();
    let run = async move {
        if let Some(mut stdin) = stdin {
            // A command that does not read its input closes the pipe early:
            // that is its business, not a failure of ours.
            let _ = stdin.write_all(&body).await;
            let _ = stdin.shutdown().await;
        }
        child.wait_with_output().await
    };
    match tokio::time::timeout(timeout, run).await {
        Err(_) => Try::Failed {
            status: None,
            error: format!("{program} did not finish within {}s", timeout.as_secs()),
            retry: true,
        },
        Ok(Err(e)) => Try::Failed {
            status: None,
            error: format!("{program}: {e}"),
            retry: true,
        },
        Ok(Ok(out)) if out.status.success() => Try::Done {
            status: out.status.code().map(i64::from),
        },
        Ok(Ok(out)) => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let last = stderr.lines().rev().find(|l| !l.trim().is_empty());
            let mut error = match out.status.code() {
                Some(code) => format!("{program} exited with status {code}"),
                None => format!("{program} was killed by a signal"),
            };
            if let Some(line) = last {
                error.push_str(": ");
                error.extend(line.trim().chars().take(STDERR_CHARS));
            }
            Try::Failed {
                status: out.status.code().map(i64::from),
                error,
                retry: true,
            }
        }
    }
}

async fn post(w: &Webhook, body: &str, key: &str, timeout: Duration) -> Try {
    let client = match reqwest::Client::builder()
        .timeout(timeout)
        .user_agent(concat!("palabre/", env!("CARGO_PKG_VERSION")))
        // A redirect could carry the body (and headers) elsewhere.
        .redirect(reqwest::redirect::Policy::none())
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            return Try::Failed {
                status: None,
                error: error_text(e),
                retry: false,
            };
        }
    };
    let sent = client
        .post(w.url.clone())
        .headers(w.headers.clone())
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("Idempotency-Key", key)
        .body(body.to_string())
        .send()
        .await;
    match sent {
        Ok(r) if r.status().is_success() => Try::Done {
            status: Some(i64::from(r.status().as_u16())),
        },
        Ok(r) => {
            let status = r.status();
            Try::Failed {
                status: Some(i64::from(status.as_u16())),
                error: format!("the webhook answered {status}"),
                retry: status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS,
            }
        }
        Err(e) => {
            // Connection refused, reset, timed out: the server may be back soon.
            let retry = (e.is_connect() || e.is_timeout() || e.is_request()) && !e.is_builder();
            Try::Failed {
                status: None,
                error: error_text(e),
                retry,
            }
        }
    }
}

/// The error and its causes, without the URL (its path may hold a token).
fn error_text(e: reqwest::Error) -> String {
    let e = e.without_url();
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

/// The JSON an escalation travels as: the conversation, the escalation event
/// and the latest messages.
pub fn payload(detail: &ConversationDetail, escalation: &Event) -> Value {
    let s = &detail.summary;
    let p = &escalation.payload;
    let mut messages: Vec<&crate::model::Message> =
        detail.messages.iter().map(|m| &m.message).collect();
    messages.sort_by_key(|m| m.created_at);
    let latest: Vec<Value> = messages
        .iter()
        .rev()
        .take(MESSAGES)
        .rev()
        .map(|m| {
            json!({
                "author": m.author.handle,
                "name": m.author.name,
                "direction": m.direction,
                "text": m.text,
                "url": m.url,
                "created_at": m.created_at,
            })
        })
        .collect();
    json!({
        "event": "escalation",
        "id": escalation.id,
        "conversation": s.id,
        "channel": s.channel,
        "status": s.status,
        "crisis_level": s.crisis_level,
        "tags": s.tags,
        "to": p.get("to").cloned().unwrap_or(Value::Null),
        "note": p.get("note").cloned().unwrap_or(Value::Null),
        "actor": escalation.actor,
        "at": escalation.at,
        "messages": latest,
    })
}

/// Runs the hooks to the end from synchronous code (the command line).
pub fn run_blocking(hooks: &Hooks, payload: &Value) -> std::io::Result<Vec<HookOutcome>> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let _pipe = SigpipeIgnored::new();
    Ok(rt.block_on(hooks.run(payload)))
}

/// While it lives, writing to a pipe whose reader has gone is an error
/// (EPIPE) rather than death by SIGPIPE: a hook command that exits without
/// reading its input must not kill palabre. `main` restores the default
/// death elsewhere so that `palabre list | head` ends quietly.
pub struct SigpipeIgnored {
    #[cfg(unix)]
    previous: libc::sighandler_t,
}

impl SigpipeIgnored {
    pub fn new() -> SigpipeIgnored {
        // SAFETY: signal() only swaps the disposition of SIGPIPE; the
        // previous one is put back on drop.
        #[cfg(unix)]
        unsafe {
            SigpipeIgnored {
                previous: libc::signal(libc::SIGPIPE, libc::SIG_IGN),
            }
        }
        #[cfg(not(unix))]
        SigpipeIgnored {}
    }
}

impl Default for SigpipeIgnored {
    fn default() -> Self {
        SigpipeIgnored::new()
    }
}

impl Drop for SigpipeIgnored {
    fn drop(&mut self) {
        #[cfg(unix)]
        if self.previous != libc::SIG_ERR {
            // SAFETY: as in `new`.
            unsafe {
                libc::signal(libc::SIGPIPE, self.previous);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section() -> EscalationSection {
        EscalationSection::default()
    }

    #[test]
    fn configuration_mistakes_name_the_key_and_never_a_header_value() {
        assert!(Hooks::from_config(&section()).unwrap().is_none());
        let e = Hooks::from_config(&EscalationSection {
            command: Some(vec![]),
            ..section()
        })
        .unwrap_err();
        assert_eq!(e.key, "escalation.command");
        let e = Hooks::from_config(&EscalationSection {
            webhook: Some("ftp://x".into()),
            ..section()
        })
        .unwrap_err();
        assert_eq!(e.key, "escalation.webhook");
        let e = Hooks::from_config(&EscalationSection {
            webhook: Some("https://h.example/x".into()),
            headers: [("Authorization".into(), "Bearer s3cr3t\n".into())].into(),
            ..section()
        })
        .unwrap_err();
        assert!(!format!("{e:?}").contains("s3cr3t"), "{e:?}");
        let e = Hooks::from_config(&EscalationSection {
            command: Some(vec!["true".into()]),
            attempts: 0,
            ..section()
        })
        .unwrap_err();
        assert_eq!(e.key, "escalation.attempts");
    }

    #[test]
    fn the_origin_hides_path_and_query() {
        let url = reqwest::Url::parse("https://hooks.example:8443/services/T0/B1/tok?x=1").unwrap();
        assert_eq!(origin(&url), "https://hooks.example:8443");
    }

    #[test]
    fn a_failing_command_is_retried_then_reported_with_its_stderr() {
        let hooks = Hooks::from_config(&EscalationSection {
            command: Some(vec![
                "sh".into(),
                "-c".into(),
                "cat >/dev/null; echo nope >&2; exit 3".into(),
            ]),
            attempts: 2,
            backoff_ms: 1,
            ..section()
        })
        .unwrap()
        .unwrap();
        let out = run_blocking(&hooks, &json!({"id": 1})).unwrap();
        assert_eq!(out.len(), 1);
        let o = &out[0];
        assert!(!o.ok && o.attempts == 2 && o.status == Some(3), "{o:?}");
        assert!(o.error.as_deref().unwrap_or("").ends_with("nope"), "{o:?}");
        assert_eq!(o.target, "sh");
    }
}
