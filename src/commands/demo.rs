//! The demo: the bundled sample data in a store of its own, never the user's.

use super::{CmdResult, Context, Failure, Globals};
use crate::commands::import::summary;
use chrono::Utc;
use std::path::PathBuf;

pub fn demo_db() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("palabre").join("demo.db"))
}

/// Opens the demo store (creating it from the sample on first use; later runs
/// keep what was done in it, and re-importing the sample adds nothing).
pub fn prepare(globals: &Globals) -> Result<Context, Failure> {
    // Always the demo store: a store named by --db or PALABRE_DB is the
    // user's, and the sample data must never land in it.
    let mut globals = globals.clone();
    globals.db = Some(
        demo_db()
            .ok_or_else(|| Failure::input("cannot find a data directory for the demo store"))?,
    );
    let ctx = Context::new(&globals)?;
    let mut store = ctx.open_store()?;
    let report = crate::inbox::sample::load(&mut store, &ctx.actor, Utc::now())
        .map_err(|e| Failure::runtime(format!("the bundled sample data did not import: {e:?}")))?;
    if report.new > 0 {
        let t = ctx.lang.t();
        eprintln!(
            "{}",
            (t.cli.demo_loaded)(&ctx.db.display().to_string(), &summary(t, &report))
        );
    }
    Ok(ctx)
}

pub fn run(globals: &Globals) -> CmdResult {
    let ctx = prepare(globals)?;
    interactive(&ctx, globals)
}

/// The TUI when both ends are a terminal; the queue as text otherwise, so
/// that `palabre | less` and scripts still get something useful.
fn interactive(ctx: &Context, globals: &Globals) -> CmdResult {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        super::tui::run(ctx, globals.theme.as_deref(), globals.lang.as_deref())
    } else {
        print_queue(ctx)
    }
}

/// `palabre` with no subcommand, on the demo store when `demo` (`--demo`,
/// or `PALABRE_DEMO=1` as `.cargo/config.toml` sets for `cargo run`, unless
/// a store is named).
pub fn run_default(globals: &Globals, demo: bool) -> CmdResult {
    let ctx = if demo {
        prepare(globals)?
    } else {
        Context::new(globals)?
    };
    interactive(&ctx, globals)
}

fn print_queue(ctx: &Context) -> CmdResult {
    let store = ctx.open_store()?;
    let info = store.info()?;
    let t = ctx.lang.t();
    println!(
        "{}",
        (t.cli.queue_head)(
            &ctx.db.display().to_string(),
            info.conversations,
            info.messages
        )
    );
    let items = store.list(&crate::store::QueueFilter {
        limit: 40,
        ..Default::default()
    })?;
    print!(
        "{}",
        super::queue::render_table(t, &items, Utc::now(), super::queue::output_width())
    );
    Ok(())
}
