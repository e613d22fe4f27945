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
    let mut detail = store.conversation(id)?;
    if let Some(path) = &ctx.config.triage.rules {
        let rules = crate::triage::categories::Rules::load(path)?;
        detail.suggested_categories = crate::inbox::suggested(&rules, &detail.messages);
    }
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
    println!("{}", triage_line(s));
    if !detail.suggested_categories.is_empty() {
        println!(
            "suggested categories: {}",
            detail
                .suggested_categories
                .iter()
                .map(|c| format!("{} ({})", c.category, sanitize(&c.reasons.join(", "))))
                .collect::<Vec<_>>()
                .join(" · ")
        );
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

/// How the triage reads the conversation: tone, complaint, danger.
fn triage_line(s: &crate::model::ConversationSummary) -> String {
    let mut parts = vec![format!(
        "tone {}",
        s.tone.map_or("none", crate::model::Tone::as_str)
    )];
    parts.push(format!(
        "complaint {:.0}%{}",
        s.complaint * 100.0,
        if s.complaint >= 0.5 {
            ""
        } else {
            " (not a complaint)"
        }
    ));
    if s.danger {
        parts.push("reports danger or harm (safety)".to_string());
    }
    format!("triage: {}", parts.join(" · "))
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
