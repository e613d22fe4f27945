//! `palabre next`, `palabre assign --round-robin|--least-loaded`, `palabre
//! team`: handing out work and seeing who is here.

use super::{CmdResult, Context, Failure, print_json};
use crate::store::{AutoAssign, PresenceState, QueueFilter};
use crate::text::sanitize;
use chrono::Utc;
use serde_json::json;

/// The team that automatic assignment chooses from: the config's
/// `[team] members`, else the people with Palabre open now.
pub fn members(ctx: &Context, store: &crate::inbox::Store) -> Result<Vec<String>, Failure> {
    if !ctx.config.team.members.is_empty() {
        return Ok(ctx.config.team.members.clone());
    }
    let mut here: Vec<String> = store
        .presence(Utc::now())?
        .into_iter()
        .map(|p| p.who)
        .collect();
    here.dedup();
    if here.is_empty() {
        return Err(Failure::input(
            "nobody to assign to: list the team in the config ([team] members = [\"lea\", \"sam\"]) or open Palabre",
        ));
    }
    Ok(here)
}

/// `palabre next`: takes the highest conversation nobody has.
pub fn next(ctx: &Context, filter: QueueFilter, json: bool) -> CmdResult {
    let mut store = ctx.open_store()?;
    let taken = store.take_next(&filter, &ctx.actor, Utc::now())?;
    let summary = match taken {
        Some(id) => store.summaries(&[id])?.pop(),
        None => None,
    };
    if json {
        return print_json(&json!({"assignee": ctx.actor, "conversation": summary}));
    }
    match summary {
        Some(s) => {
            println!(
                "#{} assigned to {} · {} · {} · priority {}",
                s.id,
                sanitize(&ctx.actor),
                s.channel,
                s.status,
                s.priority
            );
            println!("  {}: {}", sanitize(&s.last_author), sanitize(&s.last_text));
            Ok(())
        }
        None => {
            println!("nothing left: every conversation of this view has someone");
            Ok(())
        }
    }
}

/// `palabre assign CONV --round-robin|--least-loaded`.
pub fn assign_auto(ctx: &Context, reference: &str, how: AutoAssign, json: bool) -> CmdResult {
    let mut store = ctx.open_store()?;
    let id = store.resolve_conversation(reference)?;
    let team = members(ctx, &store)?;
    let chosen = store.assign_auto(id, how, &team, &ctx.actor, Utc::now())?;
    if json {
        return print_json(&json!({"conversation": id, "assignee": chosen, "rule": how.rule()}));
    }
    match chosen {
        Some(who) => println!("#{id}: assigned to {} ({})", sanitize(&who), how.rule()),
        None => println!("#{id}: nobody to assign to"),
    }
    Ok(())
}

/// `palabre team`: who has Palabre open, and what they are doing.
pub fn team(ctx: &Context, json: bool) -> CmdResult {
    let store = ctx.open_store()?;
    let here = store.presence(Utc::now())?;
    if json {
        return print_json(&here);
    }
    if here.is_empty() {
        println!("nobody has Palabre open");
    }
    for p in here {
        let state = match p.state {
            PresenceState::Online => "online",
            PresenceState::Away => "away",
        };
        let doing = match (p.activity, p.conversation) {
            (crate::store::Activity::Replying, Some(c)) => format!(" · replying in #{c}"),
            (crate::store::Activity::Viewing, Some(c)) => format!(" · viewing #{c}"),
            _ => String::new(),
        };
        println!("{:<16} {state}{doing}", sanitize(&p.who));
    }
    Ok(())
}
