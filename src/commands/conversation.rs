//! `palabre show`, `history`, and the commands that change a conversation.

use super::{CmdResult, Context, Failure, print_json};
use crate::i18n::Catalogue;
use crate::inbox::Store;
use crate::model::Event;
use crate::store::Change;
use crate::text::sanitize;
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
    let t = ctx.lang.t();
    let c = &t.cli;
    let s = &detail.summary;
    let now = Utc::now();
    let mut head = vec![
        format!("#{}", s.id),
        s.channel.to_string(),
        t.status(s.status).to_string(),
        (c.crisis)(t.crisis_level(s.crisis_level)),
    ];
    if s.escalated {
        head.push(c.escalated.to_string());
    }
    head.push((c.priority)(s.priority));
    head.push((c.message_count)(s.message_count));
    if let Some(a) = &s.assignee {
        head.push((c.assigned_to)(&sanitize(a)));
    }
    println!("{}", head.join(" · "));
    if !s.tags.is_empty() {
        println!("{}{}{}", c.tags, t.formats.colon, s.tags.join(", "));
    }
    if !s.reasons.is_empty() {
        let reasons: Vec<String> = s.reasons.iter().map(|r| t.reason(r)).collect();
        println!("{} {}", t.thread.why_here, reasons.join(" · "));
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
    let tz = ctx.config.sla.timezone;
    for m in &detail.messages {
        let indent = "  ".repeat(m.depth.min(8));
        let msg = &m.message;
        let who = match msg.direction {
            crate::model::Direction::Outbound => {
                format!("{} {}", sanitize(&msg.author.handle), t.thread.us)
            }
            crate::model::Direction::Inbound => format!(
                "{}{}",
                sanitize(&msg.author.handle),
                msg.author
                    .followers
                    .map(|f| format!(" · {}", (t.thread.followers)(&t.compact(f), f)))
                    .unwrap_or_default()
            ),
        };
        println!(
            "{indent}{who} · {} ({}) · ♥{} ⇄{}",
            t.when(msg.created_at, now, tz),
            (c.ago)(&t.age(msg.created_at, now)),
            t.compact(msg.metrics.likes),
            t.compact(msg.metrics.shares)
        );
        for line in sanitize(&msg.text).lines() {
            println!("{indent}  {line}");
        }
        println!();
    }
    for item in &detail.outbox {
        println!(
            "{}",
            (c.outbox)(
                t.outbox_status(item.status),
                &sanitize(t.actor(&item.actor)),
                &t.age(item.created_at, now),
                &item
                    .error
                    .as_deref()
                    .map(|e| format!(" — {}", sanitize(e)))
                    .unwrap_or_default()
            )
        );
        for line in sanitize(&item.text).lines() {
            println!("  {line}");
        }
        println!();
    }
    if !detail.actions.is_empty() {
        println!("{}", t.cli_moderation.network_actions);
        for a in &detail.actions {
            println!(
                "  {}",
                (t.cli_moderation.action_line)(
                    a.id,
                    a.kind.as_str(),
                    &sanitize(&a.message),
                    &sanitize(&a.author),
                    t.action_status(a.status),
                    &sanitize(&a.actor),
                    &t.age(a.created_at, now),
                    &a.error.as_deref().map(sanitize).unwrap_or_default()
                )
            );
        }
        println!();
    }
    if let Some(d) = &detail.draft {
        println!("{}", (c.draft)(&t.age(d.updated_at, now)));
        for line in sanitize(&d.text).lines() {
            println!("  {line}");
        }
        println!();
    }
    if !detail.events.is_empty() {
        println!("{}", c.history);
        print_events(t, tz, &detail.events);
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
    let t = ctx.lang.t();
    if events.is_empty() {
        println!("{}", (t.cli.no_events)(id));
    }
    print_events(t, ctx.config.sla.timezone, &events);
    Ok(())
}

/// Runs the escalation hooks for a recorded escalation and records what
/// each did. A hook's failure is an event and a warning, never an undo.
fn run_hooks(
    store: &mut Store,
    hooks: &crate::hooks::Hooks,
    escalation: &Event,
    ctx: &Context,
) -> Result<Vec<Event>, Failure> {
    let t = ctx.lang.t();
    let detail = store.conversation(escalation.conversation)?;
    let payload = crate::hooks::payload(&detail, escalation);
    let outcomes = crate::hooks::run_blocking(hooks, &payload)?;
    let mut written = Vec::new();
    for o in outcomes {
        if !o.ok {
            let kind = match o.hook {
                crate::hooks::HookKind::Command => t.events.command,
                crate::hooks::HookKind::Webhook => t.events.webhook,
            };
            let what = format!(
                "{kind} {}{}{}",
                sanitize(&o.target),
                t.formats.colon,
                sanitize(o.error.as_deref().unwrap_or(t.events.failed))
            );
            eprintln!(
                "palabre: {}",
                (t.flash.hook_failed)(escalation.conversation, &what)
            );
        }
        written.extend(store.apply(
            escalation.conversation,
            Change::HookResult {
                ok: o.ok,
                payload: o.event_payload(escalation.id),
            },
            &ctx.actor,
        )?);
    }
    Ok(written)
}

/// One line per event: when (on the business clock), who, what kind, what.
fn print_events(t: &Catalogue, tz: chrono_tz::Tz, events: &[Event]) {
    use unicode_width::UnicodeWidthStr;
    let width = |f: &dyn Fn(&Event) -> usize| events.iter().map(f).max().unwrap_or(0);
    let kind_width = width(&|e| t.event_kind(e.kind).width());
    let actor_width = width(&|e| sanitize(t.actor(&e.actor)).width()).clamp(12, 30);
    for e in events {
        let kind = t.event_kind(e.kind);
        let actor = crate::text::truncate(&sanitize(t.actor(&e.actor)), actor_width);
        println!(
            "  {}  {actor}{} {kind}{} {}",
            t.date_time(e.at, tz),
            " ".repeat(actor_width - actor.width()),
            " ".repeat(kind_width - kind.width()),
            sanitize(&t.event(e))
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
            events.extend(run_hooks(&mut store, hooks, &escalation, ctx)?);
        }
    }
    let summary = store
        .summaries(&[id])?
        .pop()
        .ok_or_else(|| Failure::runtime(format!("conversation {id} vanished")))?;
    if json {
        return print_json(&json!({"conversation": summary, "events": events}));
    }
    let t = ctx.lang.t();
    if events.is_empty() {
        println!("{}", (t.cli.nothing_to_change)(id));
    }
    for e in &events {
        println!("#{id}: {} {}", t.event_kind(e.kind), sanitize(&t.event(e)));
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
            let w = &ctx.lang.t().cli_moderation;
            Failure::input(if names.is_empty() {
                (w.no_saved_reply)(name)
            } else {
                (w.no_saved_reply_among)(name, &names.join(", "))
            })
        })?;
    let store = ctx.open_store()?;
    let id = resolve(ctx, &store, reference)?;
    let detail = store.conversation(id)?;
    drop(store);
    let rendered = crate::saved_replies::render_for(&saved.text, &detail, &ctx.actor);
    let w = &ctx.lang.t().cli_moderation;
    if let Some(warning) = rendered.warning(ctx.lang) {
        if !anyway {
            return Err(Failure::input((w.saved_reply_refused)(
                &saved.name,
                &warning,
            )));
        }
        eprintln!(
            "palabre: {}",
            (w.saved_reply_warning)(&saved.name, &warning)
        );
    }
    change(
        ctx,
        reference,
        Change::QueueReply {
            text: rendered.text,
            check: if anyway {
                crate::store::ReplyCheck::Anyway
            } else {
                crate::store::ReplyCheck::Once
            },
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
        Err(crate::store::StoreError::NoConversation(reference)) => {
            let t = ctx.lang.t();
            let missing = (t.cli.no_conversation)(&reference);
            if store.info().is_ok_and(|i| i.conversations == 0) {
                Err(Failure::input(format!(
                    "{missing}{}{}",
                    t.formats.colon,
                    super::queue::empty_store_hint(ctx)
                )))
            } else {
                Err(Failure::input(missing))
            }
        }
        Err(e) => Err(e.into()),
    }
}
