//! `palabre sync [--watch]`: every account in the config, fetched from its
//! stored cursor, its outbox sent.

use super::{CmdResult, Context, Failure};
use crate::channels::http::{Http, Policy};
use crate::channels::{Connector, connect::connect};
use crate::inbox::sync::{self as supervisor, AccountOutcome};
use std::sync::Arc;

pub fn run(ctx: &Context, watch: bool, only: Option<&str>, json: bool) -> CmdResult {
    ctx.load_transformer()?;
    let accounts: Vec<_> = ctx
        .config
        .accounts
        .iter()
        .filter(|a| only.is_none_or(|n| a.name == n))
        .collect();
    let t = ctx.lang.t();
    if accounts.is_empty() {
        return Err(Failure::input(match (only, &ctx.config_path) {
            (Some(n), _) => (t.cli.no_account_named)(n),
            (None, Some(p)) => (t.cli.no_accounts)(&p.display().to_string()),
            (None, None) => t.cli.no_accounts_no_config.to_string(),
        }));
    }
    let settings = supervisor::Settings {
        sla: ctx.config.sla.clone(),
        automation: Arc::new(ctx.automation()?),
    };
    let http = Http::new(Policy::default()).map_err(|e| Failure::runtime(e.to_string()))?;
    let mut connectors: Vec<Arc<dyn Connector>> = Vec::new();
    let mut outcomes = Vec::new();
    for entry in accounts {
        match connect(entry, &http) {
            Ok(c) => connectors.push(c),
            // One account that cannot start does not stop the others.
            Err(e) => outcomes.push(AccountOutcome {
                account: entry.name.clone(),
                network: entry.network.as_str().to_string(),
                state: crate::model::SyncState::Error,
                error: Some(e.reason),
                ..AccountOutcome::default()
            }),
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::runtime(e.to_string()))?;
    if watch {
        for o in &outcomes {
            print_outcome(t, o, json);
        }
        let db = ctx.db.clone();
        let actor = ctx.actor.clone();
        runtime.block_on(supervisor::watch(
            db,
            settings.clone(),
            connectors,
            actor,
            move |o| print_outcome(t, &o, json),
            async {
                let _ = tokio::signal::ctrl_c().await;
            },
        ));
        return Ok(());
    }
    outcomes.extend(runtime.block_on(supervisor::sync_all_with(
        &ctx.db, &settings, connectors, &ctx.actor,
    )));
    if json {
        super::print_json(&outcomes)?;
    } else {
        for o in &outcomes {
            print_outcome(t, o, false);
        }
    }
    match outcomes
        .iter()
        .filter(|o| o.state != crate::model::SyncState::Ok)
        .count()
    {
        0 => Ok(()),
        n => Err(Failure::runtime((t.cli.accounts_failed)(n as u64))),
    }
}

fn print_outcome(t: &crate::i18n::Catalogue, o: &AccountOutcome, json: bool) {
    if json {
        if let Ok(line) = serde_json::to_string(o) {
            println!("{line}");
        }
        return;
    }
    let account = crate::text::sanitize(&o.account);
    if o.busy {
        println!("{}", (t.cli.sync_busy)(&account, &o.network));
        return;
    }
    match &o.error {
        None => println!(
            "{}{}",
            (t.cli.synced)(
                &account,
                &o.network,
                o.new,
                o.updated,
                o.unchanged,
                o.pages,
                o.sent,
                o.failed
            ),
            if o.acted + o.actions_failed > 0 {
                (t.cli.synced_actions)(o.acted, o.actions_failed)
            } else {
                String::new()
            }
        ),
        Some(e) => println!(
            "{}",
            (t.cli.sync_failed)(
                &account,
                &o.network,
                &t.sync_state(o.state, None),
                &crate::text::one_line(e, 200),
                o.new
            )
        ),
    }
}
