//! The sync supervisor runs the accounts: each one fetched page by page from its stored cursor
//! (the cursor committed with the page's messages, so a crash neither skips
//! nor repeats anything), then its outbox — replies, then network actions —
//! sent exactly once, by one rule for both (`deliver`). One failing
//! account never holds up the others: each runs in its own task with its
//! own connection to the store. Synced messages are scored and
//! crisis-scanned exactly as imported ones are.

use super::{Automation, Store};
use crate::channels::connector::{Act, Connector, Lookup, Outgoing, Sent};
use crate::channels::http::ChannelError;
use crate::config::SlaSection;
use crate::model::{ActionStatus, OutboxStatus, SyncState};
use crate::store::{ImportReport, PendingAction, PendingReply, StoreError};
use serde::Serialize;
use std::future::Future;
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
    /// Automation rules applied to this account's new messages.
    pub rules: u64,
    pub sent: u64,
    pub failed: u64,
    /// Network actions carried out, and refused (or left for a person).
    pub acted: u64,
    pub actions_failed: u64,
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

/// What each account's store is opened with: the response-time targets
/// that rank what arrives, and the automation rules it meets.
#[derive(Clone, Default)]
pub struct Settings {
    pub sla: SlaSection,
    pub automation: Arc<Automation>,
}

/// Syncs every account once, all at the same time, with the default
/// response-time targets and no rules.
pub async fn sync_all(
    db: &Path,
    connectors: Vec<Arc<dyn Connector>>,
    actor: &str,
) -> Vec<AccountOutcome> {
    sync_all_with(db, &Settings::default(), connectors, actor).await
}

/// Syncs every account once, all at the same time, with `settings`.
pub async fn sync_all_with(
    db: &Path,
    settings: &Settings,
    connectors: Vec<Arc<dyn Connector>>,
    actor: &str,
) -> Vec<AccountOutcome> {
    prepare(db);
    let mut tasks = Vec::new();
    for connector in connectors {
        let db = db.to_path_buf();
        let actor = actor.to_string();
        let settings = settings.clone();
        tasks.push(tokio::spawn(async move {
            sync_account_with(&db, &settings, connector.as_ref(), &actor).await
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
    settings: Settings,
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
        let settings = settings.clone();
        tasks.spawn(async move {
            loop {
                let outcome = sync_account_with(&db, &settings, connector.as_ref(), &actor).await;
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

/// Syncs one account with the default response-time targets and no rules.
pub async fn sync_account(db: &Path, connector: &dyn Connector, actor: &str) -> AccountOutcome {
    sync_account_with(db, &Settings::default(), connector, actor).await
}

pub async fn sync_account_with(
    db: &Path,
    settings: &Settings,
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
    let result = run(db, settings, connector, actor, &mut outcome).await;
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
    settings: &Settings,
    connector: &dyn Connector,
    actor: &str,
    outcome: &mut AccountOutcome,
) -> Result<(), SyncError> {
    let account = connector.account();
    let network = connector.network();
    let mut store = Store::open_with(db, settings.sla.clone())?;
    store.set_automation(settings.automation.clone());
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
    let after = store.arrived(&arrived)?;
    outcome.flagged += after.flagged as u64;
    outcome.rules += after.rules.len() as u64;
    // Send: each reply, then each network action, recorded as leaving
    // before it leaves.
    for reply in store.pending_replies(network)? {
        match send_one(&mut store, connector, actor, &reply).await? {
            true => outcome.sent += 1,
            false => outcome.failed += 1,
        }
    }
    for action in store.pending_actions(network)? {
        match act_one(&mut store, connector, actor, &action).await? {
            true => outcome.acted += 1,
            false => outcome.actions_failed += 1,
        }
    }
    Ok(())
}

/// How one outbox item (a reply or a network action) ended this time.
enum Delivered<T> {
    /// On the network: found there after a lost answer, or just sent.
    Done(T),
    /// Refused (by the network, or before leaving): kept, with the reason,
    /// for a person.
    Refused(String),
    /// An earlier attempt's answer was lost and the network cannot say
    /// whether it happened: a person decides.
    Unconfirmed,
}

/// The outbox's exactly-once rule, one for replies and actions. An item an
/// earlier attempt left `sending` may have gone out: `look` asks the
/// network before anything is sent again (found: done; not there: sent;
/// cannot say: a person decides). Then `leaving` records the attempt before
/// the request goes out (or refuses it, with a reason, before it leaves),
/// and `send` sends. A refusal is final; anything ambiguous (a time-out, an
/// outage, a rate limit) leaves the item `sending` for the next sync to
/// look up.
async fn deliver<T>(
    was_sending: bool,
    look: impl Future<Output = Result<Lookup<T>, ChannelError>>,
    leaving: impl FnOnce() -> Result<Result<(), String>, StoreError>,
    send: impl Future<Output = Result<T, ChannelError>>,
) -> Result<Delivered<T>, SyncError> {
    if was_sending {
        match look.await? {
            Lookup::Done(found) => return Ok(Delivered::Done(found)),
            Lookup::Unknown => return Ok(Delivered::Unconfirmed),
            Lookup::NotDone => {}
        }
    }
    if let Err(reason) = leaving()? {
        return Ok(Delivered::Refused(reason));
    }
    match send.await {
        Ok(done) => Ok(Delivered::Done(done)),
        Err(ChannelError::Refused { status, message }) => Ok(Delivered::Refused(if status == 0 {
            message
        } else {
            format!("{status}: {message}")
        })),
        Err(e) => Err(e.into()),
    }
}

/// Sends one reply exactly once. `Ok(true)`: it is on the network;
/// `Ok(false)`: refused (kept, with its error, for a person).
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
    let look = async {
        Ok(match connector.find_sent(&outgoing).await? {
            Some(sent) => Lookup::Done(sent),
            // Replies can always be looked for: not found is not posted.
            None => Lookup::NotDone,
        })
    };
    let leaving = || {
        if let Err(e) = crate::limits::check(reply.channel, &reply.text) {
            return Ok(Err(e));
        }
        store.mark_sending(reply.id).map(Ok)
    };
    let delivered = deliver(
        reply.status == OutboxStatus::Sending,
        look,
        leaving,
        connector.send(&outgoing),
    )
    .await?;
    match delivered {
        Delivered::Done(mut sent) => {
            sent.message.automated |= reply.automated;
            record_sent(store, actor, reply.id, &sent)?;
            Ok(true)
        }
        Delivered::Refused(reason) => {
            store.mark_failed(reply.id, actor, &reason)?;
            Ok(false)
        }
        // Not a state replies can be in: a reply is always looked for.
        Delivered::Unconfirmed => Ok(false),
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

/// Carries out one network action exactly once. `Ok(true)`: done on the
/// network; `Ok(false)`: refused, or unconfirmed after a lost answer (kept,
/// with why, for a person).
async fn act_one(
    store: &mut Store,
    connector: &dyn Connector,
    actor: &str,
    action: &PendingAction,
) -> Result<bool, SyncError> {
    let act = Act {
        id: action.id,
        kind: action.kind,
        idempotency_key: action.idempotency_key.clone(),
        target: action.target.clone(),
        reason: action.reason.clone(),
        undoes_remote_id: action.undoes_remote_id.clone(),
    };
    let delivered = deliver(
        action.status == ActionStatus::Sending,
        connector.find_act(&act),
        || store.mark_action_sending(action.id).map(Ok),
        connector.act(&act),
    )
    .await?;
    match delivered {
        Delivered::Done(acted) => {
            store.mark_action_done(action.id, acted.remote_id.as_deref(), actor)?;
            Ok(true)
        }
        Delivered::Refused(reason) => {
            store.mark_action_failed(action.id, actor, &reason)?;
            Ok(false)
        }
        Delivered::Unconfirmed => {
            store.mark_action_failed(
                action.id,
                actor,
                &format!(
                    "the answer was lost and {} cannot say whether the {} went through; `palabre retry-action {}` sends it again",
                    action.channel, action.kind, action.id
                ),
            )?;
            Ok(false)
        }
    }
}
