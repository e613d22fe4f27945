//! `palabre info` and `palabre list`.

use super::{CmdResult, Context, print_json};
use crate::i18n::Catalogue;
use crate::model::ConversationSummary;
use crate::store::QueueFilter;
use crate::text::one_line;
use chrono::{DateTime, Utc};
use unicode_width::UnicodeWidthStr;

pub fn info(ctx: &Context, json: bool) -> CmdResult {
    let store = ctx.open_store()?;
    let info = store.info()?;
    if json {
        return print_json(&info);
    }
    let t = ctx.lang.t();
    let c = &t.cli;
    let join = |m: &std::collections::BTreeMap<String, u64>| {
        m.iter()
            .map(|(k, v)| format!("{k} {}", t.count(*v)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rows = [
        (c.store, ctx.db.display().to_string()),
        (c.schema_version, info.schema_version.to_string()),
        (c.messages, t.count(info.messages)),
        (c.conversations, t.count(info.conversations)),
        (c.channels, join(&info.channels)),
        (c.languages, join(&info.languages)),
    ];
    let width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    for (k, v) in rows {
        println!("{k}{} {v}", " ".repeat(width - k.width()));
    }
    Ok(())
}

pub fn list(ctx: &Context, filter: &QueueFilter, json: bool) -> CmdResult {
    let mut store = ctx.open_store()?;
    refresh_priorities(&mut store, Utc::now());
    let items = store.list(filter)?;
    if json {
        return print_json(&items);
    }
    let t = ctx.lang.t();
    print!("{}", render_table(t, &items, Utc::now(), output_width()));
    if items.is_empty() {
        if store.info().is_ok_and(|i| i.conversations == 0) {
            println!("{}", (t.cli.nothing_yet)(&empty_store_hint(ctx)));
        } else {
            println!("{}", t.cli.no_match);
        }
    }
    Ok(())
}

/// What to do with an empty store.
pub fn empty_store_hint(ctx: &Context) -> String {
    let t = &ctx.lang.t().cli;
    let db = ctx.db.display().to_string();
    if super::demo::demo_db().is_some_and(|d| d == ctx.db) {
        return (t.demo_empty)(&db);
    }
    (t.store_empty)(&db)
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
pub fn render_table(
    t: &Catalogue,
    items: &[ConversationSummary],
    now: DateTime<Utc>,
    width: usize,
) -> String {
    use std::fmt::Write;
    let c = &t.cli;
    // Left-aligned to a width in columns (`{:<w$}` counts characters).
    let pad =
        |text: &str, w: usize| format!("{text}{}", " ".repeat(w.saturating_sub(text.width())));
    let right =
        |text: &str, w: usize| format!("{}{text}", " ".repeat(w.saturating_sub(text.width())));
    let status_w = crate::model::Status::ALL
        .iter()
        .map(|s| t.status(*s).width())
        .chain([c.status.width()])
        .max()
        .unwrap_or(8);
    let age_w = t.age_width().max(c.age.width()).max(5);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  {} {} {} {} {}  {} {}",
        right(c.id, 6),
        pad(c.channel, 9),
        pad(c.status, status_w),
        right(c.priority_short, 4),
        right(c.messages_short, 4),
        right(c.age, age_w),
        pad(c.author, 18),
        c.text
    );
    for conv in items {
        let marks = format!(
            "{}{}{}",
            if conv.escalated { "⚑" } else { "" },
            match conv.crisis_level {
                crate::model::CrisisLevel::None => "",
                crate::model::CrisisLevel::Watch => "◔",
                crate::model::CrisisLevel::Potential => "◑",
                crate::model::CrisisLevel::Crisis => "●",
            },
            if conv.unanswered { "•" } else { "" },
        );
        let tags = if conv.tags.is_empty() {
            String::new()
        } else {
            format!("[{}] ", conv.tags.join(","))
        };
        let author = one_line(&conv.last_author, 18);
        let prefix = format!(
            "{}  {} {} {} {} {}  {} ",
            right(&conv.id.to_string(), 6),
            pad(conv.channel.as_str(), 9),
            pad(t.status(conv.status), status_w),
            right(&conv.priority.to_string(), 4),
            right(&t.count(conv.message_count), 4),
            right(&t.age(conv.last_activity, now), age_w),
            pad(&author, 18),
        );
        let room = width.saturating_sub(prefix.width()).max(24);
        let _ = writeln!(
            out,
            "{prefix}{}",
            one_line(
                &format!(
                    "{marks}{}{tags}{}",
                    if marks.is_empty() { "" } else { " " },
                    conv.last_text
                ),
                room
            )
        );
    }
    out
}
