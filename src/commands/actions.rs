//! `palabre act`, `undo-action`, `retry-action`: network actions through
//! the outbox; `palabre accounts`: the accounts and what each network
//! lets Palabre do (the capability table).

use super::{CmdResult, Context, print_json};
use crate::capabilities::{self, Capability};
use crate::model::{ActionKind, Channel};
use crate::store::{ActRequest, Change};
use crate::text::sanitize;
use serde_json::json;

/// `palabre act CONV ACTION`: queued for the next sync, like a reply.
pub fn act(ctx: &Context, reference: &str, request: ActRequest, json_out: bool) -> CmdResult {
    let t = ctx.lang.t();
    let mut store = ctx.open_store()?;
    let conv = store.resolve_conversation(reference)?;
    let kind = request.kind;
    // A network that does not offer it: why, in the person's language.
    if let Some(s) = store.summaries(&[conv])?.first()
        && let Capability::Refused(r) = capabilities::capability(s.channel, kind)
    {
        return Err(super::Failure::input(format!(
            "#{conv}: {}",
            (t.moderation.refused)(s.channel.as_str(), r.say(t))
        )));
    }
    let events = store.apply(conv, Change::Act(request), &ctx.actor)?;
    if json_out {
        return print_json(&json!({"conversation": conv, "events": events}));
    }
    if events.is_empty() {
        println!("{}", (t.cli_moderation.already)(conv, t.action(kind)));
    }
    for e in &events {
        println!(
            "#{conv}: {} {}",
            t.event_kind(e.kind),
            sanitize(&t.event(e))
        );
    }
    if events
        .iter()
        .any(|e| e.kind == crate::model::EventKind::ActionQueued)
    {
        println!("{}", t.cli_moderation.sync_carries_it);
    }
    Ok(())
}

/// `palabre undo-action N`: cancelled if it has not left, else its inverse
/// is queued.
pub fn undo(ctx: &Context, action: i64, json_out: bool) -> CmdResult {
    let t = ctx.lang.t();
    let mut store = ctx.open_store()?;
    let (conv, item) = store.action(action)?;
    // Done, and the network cannot take it back: why, in the person's
    // language (the store would refuse it too).
    if matches!(
        item.status,
        crate::model::ActionStatus::Done | crate::model::ActionStatus::Sending
    ) && let Some(inverse) = item.kind.inverse()
        && let Some(s) = store.summaries(&[conv])?.first()
        && let Capability::Refused(r) = capabilities::capability(s.channel, inverse)
    {
        return Err(super::Failure::input(format!(
            "#{conv}: {}",
            (t.moderation.refused)(s.channel.as_str(), r.say(t))
        )));
    }
    let events = store.apply(conv, Change::UndoAction(action), &ctx.actor)?;
    if json_out {
        return print_json(&json!({"conversation": conv, "events": events}));
    }
    if events.is_empty() {
        println!("{}", (t.cli_moderation.already_undone)(conv, action));
    }
    for e in &events {
        println!(
            "#{conv}: {} {}",
            t.event_kind(e.kind),
            sanitize(&t.event(e))
        );
    }
    Ok(())
}

/// `palabre retry-action N`: a failed (or unconfirmed) action queued again.
pub fn retry(ctx: &Context, action: i64, json_out: bool) -> CmdResult {
    let mut store = ctx.open_store()?;
    store.retry_action(action)?;
    if json_out {
        return print_json(&json!({"action": action, "status": "queued"}));
    }
    println!("{}", (ctx.lang.t().cli_moderation.queued_again)(action));
    Ok(())
}

/// `palabre accounts`: each configured account with its sync state, and
/// the capability table of every network.
pub fn accounts(ctx: &Context, json_out: bool) -> CmdResult {
    let t = ctx.lang.t();
    let w = &t.cli_moderation;
    let store = ctx.open_store()?;
    let states = store.account_states()?;
    let configured: Vec<serde_json::Value> = ctx
        .config
        .accounts
        .iter()
        .map(|a| {
            let state = states.iter().find(|s| s.name == a.name);
            json!({
                "name": a.name,
                "network": a.network,
                "handle": a.handle,
                "state": state.map(|s| s.state),
                "detail": state.and_then(|s| s.detail.clone()),
                "synced_at": state.and_then(|s| s.synced_at),
                "capabilities": capabilities::rows(a.network),
            })
        })
        .collect();
    if json_out {
        let networks: serde_json::Map<String, serde_json::Value> = capabilities::networks()
            .map(|n| {
                (
                    n.as_str().to_string(),
                    serde_json::to_value(capabilities::rows(n)).unwrap_or_default(),
                )
            })
            .collect();
        return print_json(&json!({"accounts": configured, "networks": networks}));
    }
    if ctx.config.accounts.is_empty() {
        println!("{}", w.no_accounts);
    } else {
        println!("{}", w.accounts);
        for a in &ctx.config.accounts {
            let state = states.iter().find(|s| s.name == a.name);
            println!(
                "  {:<20} {:<10} {:<24} {}",
                sanitize(&a.name),
                a.network,
                sanitize(&a.handle),
                state.map_or(w.never_synced.to_string(), |s| match &s.detail {
                    Some(d) => format!(
                        "{}{}{}",
                        t.sync_state(s.state, None),
                        t.formats.colon,
                        sanitize(&crate::text::one_line(d, 60))
                    ),
                    None => t.sync_state(s.state, None),
                })
            );
        }
    }
    println!();
    print!("{}", table(t));
    Ok(())
}

/// The capability table for people: a network per row, an action per
/// column, then why each missing one is missing.
pub fn table(t: &crate::i18n::Catalogue) -> String {
    let mut out = format!("{}\n", t.cli_moderation.table_head);
    out.push_str(&format!("  {:<10}", ""));
    for a in ActionKind::ALL {
        out.push_str(&format!("{:<8}", a.as_str()));
    }
    out.push('\n');
    // (network, reason, the actions it refuses for that reason)
    let mut refusals: Vec<(Channel, &str, Vec<&str>)> = Vec::new();
    for network in capabilities::networks() {
        out.push_str(&format!("  {:<10}", network.as_str()));
        for kind in ActionKind::ALL {
            let cell = match capabilities::capability(network, *kind) {
                Capability::Offered(o) if o.undo.is_some() => "✓ ↺",
                Capability::Offered(_) => "✓",
                Capability::Refused(r) => {
                    match refusals
                        .iter_mut()
                        .find(|(n, why, _)| *n == network && *why == r.say(t))
                    {
                        Some((_, _, kinds)) => kinds.push(kind.as_str()),
                        None => refusals.push((network, r.say(t), vec![kind.as_str()])),
                    }
                    "—"
                }
            };
            out.push_str(&format!("{cell:<8}"));
        }
        out.push('\n');
    }
    out.push_str(&format!("{}\n", t.cli_moderation.not_offered));
    for (network, reason, kinds) in refusals {
        out.push_str(&format!(
            "  {network} {}{}{reason}\n",
            kinds.join(", "),
            t.formats.colon
        ));
    }
    out
}
