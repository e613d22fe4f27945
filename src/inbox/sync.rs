//! The sync supervisor runs the accounts: each one fetched page by page from its stored cursor
//! (the cursor committed with the page's messages, so a crash neither skips
//! nor repeats anything), then its outbox sent exactly once. One failing
//! account never holds up the others: each runs in its own task with its
//! own connection to the store. Synced messages are scored and
//! crisis-scanned exactly as imported ones are.

use super::Store;
use crate::channels::connector::{Connector, Outgoing, Sent};
use crate::channels::http::ChannelError;
use crate::config::SlaSection;
use crate::model::{OutboxStatus, SyncState};
use crate::store::{ImportReport, PendingReply, StoreError};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What one account's sync did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AccountOutcome {
    pub account: String,
    pub network: String,
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub pages: u64,
    /// Conversations the crisis scan flagged after this account's messages.
    pub flagged: u64,
    pub sent: u64,
    pub failed: u64,
    /// Another process was syncing the account: left to it, nothing done.
    pub busy: bool,
    pub state: SyncState,
    pub error: Option<String>,
}

#[derive(Debug, thiserror::Error)]
enum SyncError {
    #[error("{0}")]
    Channel(#[from] ChannelError),
    #[error("{0}")]
    Store(#[from] StoreError),
    /// Another process syncs the account now.
    #[error("busy")]
    Busy,
}

/// Syncs every account once, all at the same time, with the default
/// response-time targets.
pub async fn sync_all(
    db: &Path,
    connectors: Vec<Arc<dyn Connector>>,
    actor: &str,
) -> Vec<AccountOutcome> {
    sync_all_with(db, &SlaSection::default(), connectors, actor).await
}

/// Syncs every account once, all at the same time, ranking what arrives
/// against `sla`.
pub async fn sync_all_with(
    db: &Path,
    sla: &SlaSection,
    connectors: Vec<Arc<dyn Connector>>,
    actor: &str,
) -> Vec<AccountOutcome> {
    prepare(db);
    let mut tasks = Vec::new();
    for connector in connectors {
        let db = db.to_path_buf();
        let actor = actor.to_string();
        let sla = sla.clone();
        tasks.push(tokio::spawn(async move {
            sync_account_with(&db, &sla, connector.as_ref(), &actor).await
        }));
    }
    let mut outcomes = Vec::new();
    for task in tasks {
        match task.await {
            Ok(outcome) => outcomes.push(outcome),
            Err(e) => outcomes.push(AccountOutcome {
                state: SyncState::Error,
                error: Some(format!("the account's task stopped: {e}")),
                ..AccountOutcome::default()
            }),
        }
    }
    outcomes
}

/// Polls every account at its own pace until `stop` resolves.
pub async fn watch(
    db: PathBuf,
    sla: SlaSection,
    connectors: Vec<Arc<dyn Connector>>,
    actor: String,
    report: impl Fn(AccountOutcome) + Send + Sync + 'static,
    stop: impl std::future::Future<Output = ()>,
) {
    prepare(&db);
    let report = Arc::new(report);
    let mut tasks = tokio::task::JoinSet::new();
    for connector in connectors {
        let (db, actor, report) = (db.clone(), actor.clone(), report.clone());
        let sla = sla.clone();
        tasks.spawn(async move {
            loop {
                let outcome = sync_account_with(&db, &sla, connector.as_ref(), &actor).await;
                // A rate limit or a quota decides the next poll, not the pace.
                let wait = match Store::open(&db)
                    .ok()
                    .and_then(|s| s.account_states().ok())
                    .and_then(|states| {
                        states
                            .into_iter()
                            .find(|s| s.name == connector.account().name)
                    })
                    .and_then(|s| s.until)
                {
                    Some(until) if until > chrono::Utc::now() => (until - chrono::Utc::now())
                        .to_std()
                        .unwrap_or(connector.pace()),
                    _ => connector.pace(),
                };
                report(outcome);
                tokio::time::sleep(wait).await;
            }
        });
    }
    stop.await;
    tasks.abort_all();
}

/// Creates and migrates the store once, before the accounts' tasks open it
/// all at once: concurrent first opens race on the schema (two run the same
/// migration, or one finds the file locked while another sets it up). An
/// error here is left for each account to report.
fn prepare(db: &Path) {
    if let Err(e) = Store::open(db) {
        tracing::warn!("opening the store before syncing: {e}");
    }
}

/// Syncs one account with the default response-time targets.
pub async fn sync_account(db: &Path, connector: &dyn Connector, actor: &str) -> AccountOutcome {
    sync_account_with(db, &SlaSection::default(), connector, actor).await
}

pub async fn sync_account_with(
    db: &Path,
    sla: &SlaSection,
    connector: &dyn Connector,
    actor: &str,
) -> AccountOutcome {
    let account = connector.account();
    let mut outcome = AccountOutcome {
        account: account.name.clone(),
        network: connector.network().as_str().to_string(),
        state: SyncState::Ok,
        ..AccountOutcome::default()
    };
    let result = run(db, sla, connector, actor, &mut outcome).await;
    let (state, detail, until) = match &result {
        Ok(()) => (SyncState::Ok, None, None),
        Err(SyncError::Channel(e)) => (e.state(), Some(e.to_string()), e.until()),
        Err(SyncError::Store(e)) => (SyncState::Error, Some(e.to_string()), None),
        // The account's state is the other process's to say.
        Err(SyncError::Busy) => {
            outcome.busy = true;
            return outcome;
        }
    };
    if let Ok(mut store) = Store::open(db) {
        let _ = store.set_account_state(
            &account.name,
            connector.network(),
            state,
            detail.as_deref(),
            until,
        );
    }
    if detail.is_some() {
        tracing::warn!(
            "account {}: {}",
            account.name,
            detail.as_deref().unwrap_or("")
        );
    }
    outcome.state = state;
    outcome.error = detail;
    outcome
}

async fn run(
    db: &Path,
    sla: &SlaSection,
    connector: &dyn Connector,
    actor: &str,
    outcome: &mut AccountOutcome,
) -> Result<(), SyncError> {
    let account = connector.account();
    let network = connector.network();
    let mut store = Store::open_with(db, sla.clone())?;
    // One process at a time per account, on every machine of the team:
    // two would fetch the same pages and, worse, send the same reply.
    if !store.claim_account(&account.name)? {
        return Err(SyncError::Busy);
    }
    store.set_account_state(&account.name, network, SyncState::Syncing, None, None)?;
    let mut arrived = ImportReport::default();
    // Fetch: every page committed with the cursor after it.
    loop {
        let cursor = store.account_cursor(&account.name)?;
        let page = connector.fetch(cursor.as_deref()).await?;
        let source = format!("sync {}", account.name);
        let learned = store.learned()?;
        let mut importer = store.sync_importer(actor, &source)?;
        for m in &page.messages {
            importer.add_scored(m, learned.scores_for(m).as_ref())?;
        }
        if let Some(next) = &page.cursor {
            importer.set_cursor(&account.name, network, next)?;
        }
        let report: ImportReport = importer.finish()?;
        outcome.new += report.new;
        outcome.updated += report.updated;
        outcome.unchanged += report.unchanged;
        outcome.pages += 1;
        arrived.add(&report);
        // A page that moves nothing on ends the loop even if it says more.
        if !page.more || page.cursor.is_none() || page.cursor == cursor {
            break;
        }
    }
    // Scanned once the pages are in: a crisis shows across them.
    outcome.flagged += store.arrived(&arrived)? as u64;
    // Send: each reply recorded as leaving before it leaves.
    for reply in store.pending_replies(network)? {
        match send_one(&mut store, connector, actor, &reply).await? {
            true => outcome.sent += 1,
            false => outcome.failed += 1,
        }
    }
    Ok(())
}

/// Sends one reply exactly once. `Ok(true)`: it is on the network;
/// `Ok(false)`: the network refused it (kept, with its error, for a person).
async fn send_one(
    store: &mut Store,
    connector: &dyn Connector,
    actor: &str,
    reply: &PendingReply,
) -> Result<bool, SyncError> {
    let outgoing = Outgoing {
        outbox: reply.id,
        text: reply.text.clone(),
        idempotency_key: reply.idempotency_key.clone(),
        in_reply_to: reply.in_reply_to.clone(),
    };
    // An earlier attempt may have gone out: look before sending again.
    if reply.status == OutboxStatus::Sending
        && let Some(sent) = connector.find_sent(&outgoing).await?
    {
        record_sent(store, actor, reply.id, &sent)?;
        return Ok(true);
    }
    if let Err(e) = crate::limits::check(reply.channel, &reply.text) {
        store.mark_failed(reply.id, actor, &e)?;
        return Ok(false);
    }
    store.mark_sending(reply.id)?;
    match connector.send(&outgoing).await {
        Ok(sent) => {
            record_sent(store, actor, reply.id, &sent)?;
            Ok(true)
        }
        Err(ChannelError::Refused { status, message }) => {
            store.mark_failed(reply.id, actor, &format!("{status}: {message}"))?;
            Ok(false)
        }
        // Ambiguous, offline, rate-limited: it stays `sending`, and the next
        // sync looks for it before trying again.
        Err(e) => Err(e.into()),
    }
}

fn record_sent(store: &mut Store, actor: &str, outbox: i64, sent: &Sent) -> Result<(), StoreError> {
    let mut importer = store.sync_importer(actor, "outbox")?;
    // Our own reply: nothing to score.
    importer.add_scored(&sent.message, None)?;
    importer.mark_sent(outbox, &sent.remote_id, actor)?;
    importer.finish()?;
    Ok(())
}
