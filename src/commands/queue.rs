//! `palabre info` and `palabre list`.

use super::{CmdResult, Context, print_json};
use crate::model::ConversationSummary;
use crate::store::QueueFilter;
use crate::text::age;
use crate::text::one_line;
use chrono::{DateTime, Utc};

pub fn info(ctx: &Context, json: bool) -> CmdResult {
    let store = ctx.open_store()?;
    let info = store.info()?;
    if json {
        return print_json(&info);
    }
    println!("store          {}", ctx.db.display());
    println!("schema version {}", info.schema_version);
    println!("messages       {}", info.messages);
    println!("conversations  {}", info.conversations);
    let join = |m: &std::collections::BTreeMap<String, u64>| {
        m.iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!("channels       {}", join(&info.channels));
    println!("languages      {}", join(&info.languages));
    Ok(())
}

pub fn list(ctx: &Context, filter: &QueueFilter, json: bool) -> CmdResult {
    let mut store = ctx.open_store()?;
    refresh_priorities(&mut store, Utc::now());
    let items = store.list(filter)?;
    if json {
        return print_json(&items);
    }
    print!("{}", render_table(&items, Utc::now(), output_width()));
    if items.is_empty() {
        if store.info().is_ok_and(|i| i.conversations == 0) {
            println!("(no conversations yet: {})", empty_store_hint(ctx));
        } else {
            println!("(no conversation matches)");
        }
    }
    Ok(())
}

/// What to do with an empty store.
pub fn empty_store_hint(ctx: &Context) -> String {
    let demo = super::demo::demo_db().is_some_and(|d| d == ctx.db);
    if demo {
        return format!("the demo store {} is empty", ctx.db.display());
    }
    format!(
        "the store {} is empty; fill it with `palabre import FILE` or `palabre sync` (accounts in the config), or add --demo to any command to use the demo's store",
        ctx.db.display()
    )
}

/// Waiting conversations climb the queue as their target passes: bring
/// the priorities whose waiting points changed up to date (a bounded number
/// per call, so that listing stays fast after a large import, when nearly
/// every conversation is due; the TUI catches up in the background). Each
/// one is a write: 500 took `list` from under 10 ms to 40–60 ms on a
/// million messages, 100 takes 10–30. A store that cannot be written
/// (read-only, busy) lists as it is.
pub fn refresh_priorities(store: &mut crate::inbox::Store, now: chrono::DateTime<Utc>) {
    if let Err(e) = store.refresh_priorities(now, 100) {
        tracing::warn!("priorities not refreshed: {e}");
    }
}

/// The terminal's width, or a wide page when the output goes to a file or pipe.
pub fn output_width() -> usize {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        crossterm::terminal::size()
            .map_or(120, |(w, _)| w as usize)
            .max(60)
    } else {
        160
    }
}

/// The queue as a fixed-width table for a terminal `width` columns wide.
pub fn render_table(items: &[ConversationSummary], now: DateTime<Utc>, width: usize) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:>6}  {:<9} {:<8} {:>4} {:>4} {:>5}  {:<18} TEXT",
        "ID", "CHANNEL", "STATUS", "PRI", "MSGS", "AGE", "AUTHOR"
    );
    for c in items {
        let marks = format!(
            "{}{}{}",
            if c.escalated { "⚑" } else { "" },
            match c.crisis_level {
                crate::model::CrisisLevel::None => "",
                crate::model::CrisisLevel::Watch => "◔",
                crate::model::CrisisLevel::Potential => "◑",
                crate::model::CrisisLevel::Crisis => "●",
            },
            if c.unanswered { "•" } else { "" },
        );
        let tags = if c.tags.is_empty() {
            String::new()
        } else {
            format!("[{}] ", c.tags.join(","))
        };
        let prefix = format!(
            "{:>6}  {:<9} {:<8} {:>4} {:>4} {:>5}  {:<18} ",
            c.id,
            c.channel.as_str(),
            c.status.as_str(),
            c.priority,
            c.message_count,
            age(c.last_activity, now),
            one_line(&c.last_author, 18),
        );
        let room = width.saturating_sub(prefix.chars().count()).max(24);
        let _ = writeln!(
            out,
            "{prefix}{}",
            one_line(
                &format!(
                    "{marks}{}{tags}{}",
                    if marks.is_empty() { "" } else { " " },
                    c.last_text
                ),
                room
            )
        );
    }
    out
}
