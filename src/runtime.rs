//! The terminal: setup and restore, and the event loop over key presses,
//! ticks and signals. Everything else happens in `app`.

use crate::app::App;
use crate::app::effect::TerminalEffect;
use crate::app::update::Msg;
use crate::ui::{self, Screen, theme::Theme};
use crossterm::event::{Event, EventStream, KeyEventKind};
use futures_util::StreamExt;
use ratatui::DefaultTerminal;
use std::time::Duration;

/// Restores the terminal on panic in any thread, before the report prints.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        previous(info);
    }));
}

pub struct Options {
    pub theme: Theme,
    /// Accounts synced in the background while the UI runs.
    pub sync: Option<BackgroundSync>,
}

pub struct BackgroundSync {
    pub db: std::path::PathBuf,
    /// What arriving conversations are ranked against.
    pub sla: crate::config::SlaSection,
    pub actor: String,
    pub connectors: Vec<std::sync::Arc<dyn crate::channels::Connector>>,
}

/// Runs the TUI until the user quits or the process gets SIGTERM/SIGHUP.
pub fn run(mut app: App, options: Options) -> std::io::Result<()> {
    install_panic_hook();
    // Escalation hooks write to commands that may not read: nothing in the
    // UI writes to a pipe, so EPIPE errors are all SIGPIPE could mean here.
    let _pipe = crate::hooks::SigpipeIgnored::new();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let mut terminal = ratatui::init();
    let mut options = options;
    if let Some(sync) = options.sync.take()
        && !sync.connectors.is_empty()
    {
        // Each commit of the sync shows up through the store's data version;
        // quitting drops the runtime, and an unfinished page rolls back.
        runtime.spawn(crate::inbox::sync::watch(
            sync.db,
            sync.sla,
            sync.connectors,
            sync.actor,
            |_| {},
            std::future::pending::<()>(),
        ));
    }
    let result = runtime.block_on(event_loop(&mut terminal, &mut app, options));
    app.leave();
    ratatui::restore();
    result
}

async fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mut options: Options,
) -> std::io::Result<()> {
    let mut events = EventStream::new();
    let mut notices = listener(app);
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    let mut poll = tokio::time::interval(Duration::from_millis(1000));
    #[cfg(unix)]
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    #[cfg(unix)]
    let mut hup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())?;

    // Results of work done off the UI thread come back here.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Finished>();
    let mut in_flight = 0usize;
    let size = terminal.size()?;
    app.handle(Msg::Resize {
        rows: ui::queue_rows(size.height),
    });
    let outward = app.start();
    let mut jobs = Jobs {
        tx: tx.clone(),
        in_flight: &mut in_flight,
    };
    carry_out(terminal, app, &mut options, &mut jobs, outward)?;
    draw(terminal, app, &options)?;

    loop {
        let outward = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) if key.kind != KeyEventKind::Release => {
                    app.note_input();
                    app.handle(Msg::Key(key))
                }
                Some(Ok(Event::Resize(_, h))) => app.handle(Msg::Resize { rows: ui::queue_rows(h) }),
                Some(Ok(_)) => Vec::new(),
                Some(Err(e)) => return Err(e),
                None => break,
            },
            _ = tick.tick() => {
                let now = chrono::Utc::now();
                let mut out = app.handle(Msg::Tick(now));
                out.extend(app.presence_tick(now));
                out
            }
            Some(notice) = next_notice(&mut notices) => app.remote(notice),
            _ = poll.tick() => app.poll_store(),
            Some(done) = rx.recv() => {
                jobs.finished(&done);
                app.handle(done.msg)
            }
            _ = term.recv() => quit_now(app),
            _ = hup.recv() => quit_now(app),
        };
        carry_out(terminal, app, &mut options, &mut jobs, outward)?;
        if app.state.quit {
            break;
        }
        draw(terminal, app, &options)?;
    }
    // Hooks still running: give them a moment so that their outcome is
    // recorded rather than lost with the process.
    let deadline = tokio::time::Instant::now() + QUIT_GRACE;
    while *jobs.in_flight > 0 {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some(done)) => {
                jobs.finished(&done);
                // Only their outcome is recorded now: nothing more is started.
                let _ = app.handle(done.msg);
            }
            _ => break,
        }
    }
    Ok(())
}

/// Other processes' changes as the server announces them (PostgreSQL's
/// LISTEN/NOTIFY); None for the embedded store, whose changes the poll of
/// its data version finds within a second.
fn listener(app: &App) -> Option<crate::store::postgres::Listener> {
    let location = app.store().path().to_str()?;
    if !crate::store::postgres::is_url(location) {
        return None;
    }
    let last = app.store().last_event().ok()?;
    crate::store::postgres::listen(location, last).ok()
}

/// The next notice, or never when there is no listener.
async fn next_notice(
    listener: &mut Option<crate::store::postgres::Listener>,
) -> Option<crate::store::Notice> {
    match listener {
        Some(l) => l.recv().await,
        None => std::future::pending().await,
    }
}

/// How long quitting waits for escalation hooks still running.
const QUIT_GRACE: Duration = Duration::from_secs(5);

/// Background work handed to tokio, and the way its results come back.
struct Jobs<'a> {
    tx: tokio::sync::mpsc::UnboundedSender<Finished>,
    /// Jobs that quitting waits for (`Job::must_finish`).
    in_flight: &'a mut usize,
}

/// A job's result, and whether quitting was waiting for it.
struct Finished {
    counted: bool,
    msg: Msg,
}

impl Jobs<'_> {
    fn start(&mut self, job: crate::app::effect::Job) {
        let counted = job.must_finish();
        if counted {
            *self.in_flight += 1;
        }
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let msg = job.run().await;
            let _ = tx.send(Finished { counted, msg });
        });
    }

    fn finished(&mut self, done: &Finished) {
        if done.counted {
            *self.in_flight = self.in_flight.saturating_sub(1);
        }
    }
}

/// A signal: save what the person typed, then leave.
fn quit_now(app: &mut App) -> Vec<TerminalEffect> {
    app.handle(Msg::Key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('c'),
        crossterm::event::KeyModifiers::CONTROL,
    )))
}

fn draw(terminal: &mut DefaultTerminal, app: &mut App, options: &Options) -> std::io::Result<()> {
    let mut viewport = ui::Viewport::default();
    terminal.draw(|frame| {
        let screen = Screen {
            state: &app.state,
            theme: &options.theme,
            keymap: &app.keymap,
        };
        viewport = ui::draw(frame, &screen);
    })?;
    if viewport.thread_max_scroll != app.state.thread_max_scroll {
        app.handle(Msg::Viewport {
            thread_max_scroll: viewport.thread_max_scroll,
        });
    }
    Ok(())
}

fn carry_out(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    options: &mut Options,
    jobs: &mut Jobs<'_>,
    effects: Vec<TerminalEffect>,
) -> std::io::Result<()> {
    for effect in effects {
        match effect {
            TerminalEffect::Background(job) => jobs.start(job),
            // `state.quit` decides: a failed save of the draft cancels quitting.
            TerminalEffect::Quit => {}
            TerminalEffect::SetTheme(name) => match Theme::load(&name) {
                Ok(theme) => options.theme = theme,
                Err(e) => app.state.flash = Some(format!("⚠ {e}")),
            },
            TerminalEffect::OpenEditor { conversation, text } => {
                let result = edit_externally(terminal, &text, app.state.lang);
                let more = app.handle(Msg::EditorClosed {
                    conversation,
                    text: result,
                });
                carry_out(terminal, app, options, jobs, more)?;
            }
        }
    }
    Ok(())
}

/// Runs `$VISUAL`/`$EDITOR` (default `vi`) on a temporary file, with the
/// terminal handed over. The command is split on spaces and run directly,
/// never through a shell.
fn edit_externally(
    terminal: &mut DefaultTerminal,
    text: &str,
    lang: crate::i18n::Lang,
) -> Result<String, String> {
    let t = &lang.t().flash;
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    let mut parts = editor.split_whitespace();
    let program = parts.next().ok_or(t.editor_empty)?.to_string();
    let args: Vec<String> = parts.map(str::to_string).collect();
    let file = tempfile::Builder::new()
        .prefix("palabre-reply-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| e.to_string())?;
    std::fs::write(file.path(), text).map_err(|e| e.to_string())?;
    ratatui::restore();
    let status = std::process::Command::new(&program)
        .args(&args)
        .arg(file.path())
        .status();
    *terminal = ratatui::init();
    let _ = terminal.clear();
    match status {
        Ok(s) if s.success() => std::fs::read_to_string(file.path())
            .map(|t| t.trim_end_matches('\n').to_string())
            .map_err(|e| e.to_string()),
        Ok(s) => Err((t.editor_failed)(
            &program,
            &s.code().map_or_else(|| s.to_string(), |c| c.to_string()),
        )),
        Err(e) => Err((t.editor_not_run)(&program, &e.to_string())),
    }
}
