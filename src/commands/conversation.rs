//! `palabre show`, `history`, and the commands that change a conversation.

use super::{CmdResult, Context, Failure, print_json};
use crate::inbox::Store;
use crate::model::Event;
use crate::store::Change;
use crate::text::{age, describe, sanitize};
use chrono::Utc;
use serde_json::json;

pub fn show(ctx: &Context, reference: &str, json: bool) -> CmdResult {
    let store = ctx.open_store()?;
    let id = resolve(ctx, &store, reference)?;
    let detail = store.conversation(id)?;
    if json {
        return print_json(&detail);
    }
    let s = &detail.summary;
    let now = Utc::now();
    println!(
        "#{} · {} · {} · crisis {}{} · priority {} · {} message(s){}",
        s.id,
        s.channel,
        s.status,
        s.crisis_level,
        if s.escalated { " · escalated" } else { "" },
        s.priority,
        s.message_count,
        s.assignee
            .as_deref()
            .map(|a| format!(" · assigned to {a}"))
            .unwrap_or_default(),
    );
    if !s.tags.is_empty() {
        println!("tags: {}", s.tags.join(", "));
    }
    println!();
    for m in &detail.messages {
        let indent = "  ".repeat(m.depth.min(8));
        let msg = &m.message;
        let who = match msg.direction {
            crate::model::Direction::Outbound => format!("{} (us)", sanitize(&msg.author.handle)),
            crate::model::Direction::Inbound => format!(
                "{}{}",
                sanitize(&msg.author.handle),
                msg.author
                    .followers
                    .map(|f| format!(" · {f} followers"))
                    .unwrap_or_default()
            ),
        };
        println!(
            "{indent}{who} · {} ago · ♥{} ⇄{}",
            age(msg.created_at, now),
            msg.metrics.likes,
            msg.metrics.shares
        );
        for line in sanitize(&msg.text).lines() {
            println!("{indent}  {line}");
        }
        println!();
    }
    for item in &detail.outbox {
        println!(
            "{} reply by {} ({} ago){}:",
            item.status,
            sanitize(&item.actor),
            age(item.created_at, now),
            item.error
                .as_deref()
                .map(|e| format!(" — {}", sanitize(e)))
                .unwrap_or_default()
        );
        for line in sanitize(&item.text).lines() {
            println!("  {line}");
        }
        println!();
    }
    if !detail.actions.is_empty() {
        println!("network actions:");
        for a in &detail.actions {
            println!(
                "  {} {} {} ({}) · {} by {} ({} ago){}",
                a.id,
                a.kind,
                sanitize(&a.message),
                sanitize(&a.author),
                a.status,
                sanitize(&a.actor),
                age(a.created_at, now),
                a.error
                    .as_deref()
                    .map(|e| format!(" — {}", sanitize(e)))
                    .unwrap_or_default()
            );
        }
        println!();
    }
    if let Some(d) = &detail.draft {
        println!("draft ({} ago):", age(d.updated_at, now));
        for line in sanitize(&d.text).lines() {
            println!("  {line}");
        }
        println!();
    }
    if !detail.events.is_empty() {
        println!("history:");
        print_events(&detail.events);
    }
    Ok(())
}

pub fn history(ctx: &Context, reference: &str, json: bool) -> CmdResult {
    let store = ctx.open_store()?;
    let id = resolve(ctx, &store, reference)?;
    let events = store.history(id)?;
    if json {
        return print_json(&events);
    }
    if events.is_empty() {
        println!("no events for conversation {id}");
    }
    print_events(&events);
    Ok(())
}

/// Runs the escalation hooks for a recorded escalation and records what
/// each did. A hook's failure is an event and a warning, never an undo.
fn run_hooks(
    store: &mut Store,
    hooks: &crate::hooks::Hooks,
    escalation: &Event,
    actor: &str,
) -> Result<Vec<Event>, Failure> {
    let detail = store.conversation(escalation.conversation)?;
    let payload = crate::hooks::payload(&detail, escalation);
    let outcomes = crate::hooks::run_blocking(hooks, &payload)?;
    let mut written = Vec::new();
    for o in outcomes {
        if !o.ok {
            eprintln!(
                "palabre: escalation hook failed ({} {}): {}",
                serde_json::to_value(o.hook)?.as_str().unwrap_or("hook"),
                sanitize(&o.target),
                sanitize(o.error.as_deref().unwrap_or(""))
            );
        }
        written.extend(store.apply(
            escalation.conversation,
            Change::HookResult {
                ok: o.ok,
                payload: o.event_payload(escalation.id),
            },
            actor,
        )?);
    }
    Ok(written)
}

fn print_events(events: &[Event]) {
    for e in events {
        println!(
            "  {}  {:<12} {:<13} {}",
            e.at.format("%Y-%m-%d %H:%M:%S"),
            sanitize(&e.actor),
            e.kind.as_str(),
            sanitize(&describe(e))
        );
    }
}

/// `tag`, `untag`, `status`, `assign`, `flag`, `escalate`, `note`, `reply`.
pub fn change(ctx: &Context, reference: &str, change: Change, json: bool) -> CmdResult {
    // A hook that cannot work is refused before anything is recorded.
    let hooks = match change {
        Change::Escalate { .. } => crate::hooks::Hooks::from_config(&ctx.config.escalation)
            .map_err(|e| {
                let file = ctx
                    .config_path
                    .as_ref()
                    .map_or("config".into(), |p| p.display().to_string());
                Failure::input(format!("{file}: {}: {}", e.key, e.reason))
            })?,
        _ => None,
    };
    let mut store: Store = ctx.open_store()?;
    let id = resolve(ctx, &store, reference)?;
    let mut events = store.apply(id, change, &ctx.actor)?;
    if let Some(hooks) = &hooks {
        let escalations: Vec<Event> = events
            .iter()
            .filter(|e| e.kind == crate::model::EventKind::Escalation)
            .cloned()
            .collect();
        for escalation in escalations {
            events.extend(run_hooks(&mut store, hooks, &escalation, &ctx.actor)?);
        }
    }
    let summary = store
        .summaries(&[id])?
        .pop()
        .ok_or_else(|| Failure::runtime(format!("conversation {id} vanished")))?;
    if json {
        return print_json(&json!({"conversation": summary, "events": events}));
    }
    if events.is_empty() {
        println!("#{id}: nothing to change");
    }
    for e in &events {
        println!("#{id}: {} {}", e.kind.as_str(), sanitize(&describe(e)));
    }
    Ok(())
}

/// `palabre reply CONV --saved NAME`: the saved reply, filled for the
/// conversation. An unknown variable, or an empty one without a fallback,
/// stops it (with what to fix) unless `anyway`.
pub fn reply_saved(
    ctx: &Context,
    reference: &str,
    name: &str,
    anyway: bool,
    json: bool,
) -> CmdResult {
    let saved = ctx
        .config
        .saved_replies
        .iter()
        .find(|r| r.name.eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| {
            let names: Vec<&str> = ctx
                .config
                .saved_replies
                .iter()
                .map(|r| r.name.as_str())
                .collect();
            Failure::input(if names.is_empty() {
                format!(
                    "no saved reply named {name:?}: the configuration has none ([[saved_replies]])"
                )
            } else {
                format!(
                    "no saved reply named {name:?} (saved replies: {})",
                    names.join(", ")
                )
            })
        })?;
    let store = ctx.open_store()?;
    let id = resolve(ctx, &store, reference)?;
    let detail = store.conversation(id)?;
    drop(store);
    let rendered = crate::saved_replies::render_for(&saved.text, &detail, &ctx.actor);
    if let Some(warning) = rendered.warning(crate::i18n::Lang::En) {
        if !anyway {
            return Err(Failure::input(format!(
                "saved reply {:?}: {warning}; fix it in the configuration, or pass --anyway to send it as written",
                saved.name
            )));
        }
        eprintln!("palabre: warning: saved reply {:?}: {warning}", saved.name);
    }
    change(
        ctx,
        reference,
        Change::QueueReply {
            text: rendered.text,
        },
        json,
    )
}

/// A conversation named on the command line; in an empty store, the error
/// says how to fill it (a newcomer who just ran the demo is looking at
/// their own, still empty, store).
fn resolve(ctx: &Context, store: &crate::inbox::Store, reference: &str) -> Result<i64, Failure> {
    match store.resolve_conversation(reference) {
        Ok(id) => Ok(id),
        Err(e @ crate::store::StoreError::NoConversation(_))
            if store.info().is_ok_and(|i| i.conversations == 0) =>
        {
            Err(Failure::input(format!(
                "{e}: {}",
                super::queue::empty_store_hint(ctx)
            )))
        }
        Err(e) => Err(e.into()),
    }
}
