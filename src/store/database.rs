//! The store's API as a trait, so that a second backend (PostgreSQL for
//! the team edition) offers exactly what the embedded one does, and the
//! story tests run against each (see `tests/store_story.rs`).

use super::{
    AccountStatus, Arrival, AutoAssign, BackupSummary, Change, CrisisActivity, ImportReport, Info,
    NegativeMention, Notice, Outcome, PendingAction, PendingReply, Policy, Presence, QueueFilter,
    ReplyMark, Result,
};
use crate::model::{
    ActionItem, AnalyticsFacts, AudienceFact, Channel, ContactCard, ContactMark,
    ConversationDetail, ConversationSummary, Draft, Event, MarkedHandle, Message, OutboxItem,
    Scores, StoredMessage, SyncState,
};
use chrono::{DateTime, Utc};
use std::path::Path;
use std::sync::Arc;

/// `Send`: a sync runs each account on its own task.
pub trait Database: Send {
    /// Where the store lives, for messages.
    fn location(&self) -> String;
    fn schema_version(&self) -> Result<i64>;
    /// Grows with every commit, from any process: what a reader polls.
    fn data_version(&self) -> Result<i64>;
    /// Writes a consistent copy of everything to `dest` (a new file) while
    /// others go on using the store.
    fn backup_to(&self, dest: &Path) -> Result<BackupSummary>;
    /// Replaces everything with the backup at `src` at once, after checking
    /// it; nothing changes when it is refused.
    fn restore_from(&mut self, src: &Path) -> Result<BackupSummary>;
    /// The judgement the store ranks conversations with.
    fn set_policy(&mut self, policy: Arc<dyn Policy>);
    /// Fixes the time the queue's reasons are computed for (None: now).
    fn set_now(&mut self, now: Option<DateTime<Utc>>);
    /// The store's clock: the time `set_now` fixed, or now. Imports and the
    /// crisis scan rank by it, so that a fixed clock ranks the same at
    /// every run.
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
    /// Whether large reads may map the store into memory (a hint).
    fn set_mapped_reads(&mut self, on: bool);

    // Conversations and the queue.
    /// The conversation a merged one now lives in.
    fn current_id(&self, id: i64) -> Result<i64>;
    /// A conversation from what a person typed: its number, or a message's
    /// id or URL.
    fn resolve_conversation(&self, reference: &str) -> Result<i64>;
    fn list(&self, filter: &QueueFilter) -> Result<Vec<ConversationSummary>>;
    fn position(&self, filter: &QueueFilter, id: i64) -> Result<Option<usize>>;
    fn count(&self, filter: &QueueFilter) -> Result<u64>;
    fn summaries(&self, ids: &[i64]) -> Result<Vec<ConversationSummary>>;
    fn info(&self) -> Result<Info>;
    /// Why search results may lag behind the last import, if they do.
    fn search_lag(&self) -> Option<String>;
    fn known_tags(&self) -> Result<Vec<String>>;
    fn known_languages(&self) -> Result<Vec<String>>;
    fn known_assignees(&self) -> Result<Vec<String>>;
    fn last_message_row(&self) -> Result<i64>;
    fn refresh_priorities(&mut self, now: DateTime<Utc>, limit: usize) -> Result<usize>;
    fn priorities_refreshed_at(&self) -> Result<Option<DateTime<Utc>>>;

    // One conversation.
    fn apply(&mut self, conv: i64, change: Change, actor: &str) -> Result<Vec<Event>> {
        self.apply_at(conv, change, actor, Utc::now())
    }
    fn apply_at(
        &mut self,
        conv: i64,
        change: Change,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Event>>;
    fn history(&self, conv: i64) -> Result<Vec<Event>>;
    fn draft(&self, conv: i64) -> Result<Option<Draft>>;
    fn messages(&self, conv: i64) -> Result<Vec<StoredMessage>>;
    /// The conversation whole (without learned suggestions: the inbox adds
    /// them).
    fn conversation(&self, conv: i64) -> Result<ConversationDetail>;
    fn outbox(&self, conv: i64) -> Result<Vec<OutboxItem>>;

    // Crisis.
    fn crisis_activity(&self) -> Result<CrisisActivity>;
    fn negative_mentions(&self, since: DateTime<Utc>) -> Result<Vec<NegativeMention>>;
    fn latest_message_at(&self) -> Result<Option<DateTime<Utc>>>;
    fn crisis_dismissed(&self, conv: i64) -> Result<bool>;

    // Imports.
    /// Starts an import; dropping it unfinished leaves the store as it was.
    fn importer(&mut self, actor: &str, source: &str) -> Result<Box<dyn Import + '_>>;
    /// An import for a page of a sync: small and frequent, alongside readers.
    fn sync_importer(&mut self, actor: &str, source: &str) -> Result<Box<dyn Import + '_>>;
    fn for_each_message(&self, each: &mut dyn FnMut(i64, &Message) -> Result<()>) -> Result<()>;

    // Learning.
    fn model_weights(&self, name: &str) -> Result<Option<Vec<u8>>>;
    fn models_revision(&self) -> Result<i64>;

    // Analytics.
    fn analytics_facts(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<AnalyticsFacts>;
    fn record_audience(&mut self, fact: &AudienceFact) -> Result<()>;

    // Accounts and the outbox.
    /// Takes the account's syncing while this store is open (false: another
    /// process syncs it now).
    fn claim_account(&self, name: &str) -> Result<bool>;
    fn account_cursor(&self, name: &str) -> Result<Option<String>>;
    fn set_account_state(
        &mut self,
        name: &str,
        network: Channel,
        state: SyncState,
        detail: Option<&str>,
        until: Option<DateTime<Utc>>,
    ) -> Result<()>;
    fn account_states(&self) -> Result<Vec<AccountStatus>>;
    fn pending_replies(&self, channel: Channel) -> Result<Vec<PendingReply>>;
    fn mark_sending(&mut self, outbox: i64) -> Result<()>;
    fn mark_failed(&mut self, outbox: i64, actor: &str, error: &str) -> Result<()>;
    fn retry_reply(&mut self, outbox: i64) -> Result<()>;

    // The team.
    /// Where a conversation stands for a reply beginning now.
    fn reply_mark(&self, conv: i64) -> Result<ReplyMark>;
    /// Says (again) that this session is here, and what it is doing.
    fn set_presence(&mut self, presence: &Presence) -> Result<()>;
    /// This session is gone.
    fn leave(&mut self, session: &str) -> Result<()>;
    /// The sessions heard of lately, by person.
    fn presence(&self, now: DateTime<Utc>) -> Result<Vec<Presence>>;
    /// Assigns the highest conversation of the view that nobody has to
    /// `who`, atomically: two moderators never take the same one.
    fn take_next(
        &mut self,
        filter: &QueueFilter,
        who: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>>;
    /// Assigns a conversation to a member of `team` chosen by `how`.
    fn assign_auto(
        &mut self,
        conv: i64,
        how: AutoAssign,
        team: &[String],
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<String>>;
    /// Assigns a conversation to the member of `team` after the one the
    /// round `round` last gave work to (the first when none, or when they
    /// left the team), moving the round in the same transaction: two
    /// processes never give the same turn. `AutoAssign::RoundRobin` is the
    /// round named `round-robin`; an automation rule keeps its own. None
    /// (nothing assigned) when `team` is empty.
    fn assign_in_turn(
        &mut self,
        conv: i64,
        round: &str,
        team: &[String],
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<String>>;
    /// The event log after event `after`, oldest first.
    fn notices_since(&self, after: i64, limit: usize) -> Result<Vec<Notice>>;
    fn last_event(&self) -> Result<i64>;

    // Network actions (queued by `Change::Act`), with the outbox's life cycle.
    /// The network actions on a conversation's messages, oldest first.
    fn actions(&self, conv: i64) -> Result<Vec<ActionItem>>;
    /// One network action and its conversation.
    fn action(&self, id: i64) -> Result<(i64, ActionItem)>;
    /// Actions waiting to go out on `channel` (queued, or left `sending`).
    fn pending_actions(&self, channel: Channel) -> Result<Vec<PendingAction>>;
    /// Recorded before the request leaves.
    fn mark_action_sending(&mut self, id: i64) -> Result<()>;
    /// The network did it; `remote_id` is what undoing it will need.
    fn mark_action_done(&mut self, id: i64, remote_id: Option<&str>, actor: &str) -> Result<()>;
    /// Refused, or not confirmed after a lost answer: kept for a person.
    fn mark_action_failed(&mut self, id: i64, actor: &str, error: &str) -> Result<()>;
    /// A failed action back in the queue, as it was.
    fn retry_action(&mut self, id: i64) -> Result<()>;

    // Automation rules.
    /// Up to `limit` messages from the public that arrived since the last
    /// claim, oldest first; each is handed out once, whichever process asks.
    fn claim_arrivals(&mut self, limit: usize) -> Result<Vec<Arrival>>;
    /// Marks every message as met by the rules without handing any out.
    fn pass_arrivals(&mut self) -> Result<()>;
    /// Messages from the public written since `since`, after row `after`,
    /// oldest row first (a dry run reads them page by page).
    fn arrivals_since(
        &self,
        since: DateTime<Utc>,
        after: i64,
        limit: usize,
    ) -> Result<Vec<Arrival>>;

    // Contacts: people across channels.
    /// The (channel, handle) pairs of the messages a typed handle may mean.
    fn authors_named(&self, handle: &str) -> Result<Vec<(Channel, String)>>;
    /// The person behind a handle: linked handles, messages, conversations,
    /// marks, history, and handles elsewhere that may be them.
    fn contact(&self, channel: Channel, handle: &str) -> Result<ContactCard>;
    /// Makes `other` one of the person of `handle`'s handles (merging two
    /// people). Whether anything changed.
    fn link_contacts(
        &mut self,
        handle: (Channel, &str),
        other: (Channel, &str),
        actor: &str,
    ) -> Result<bool>;
    /// Takes a handle out of its person. Whether anything changed.
    fn unlink_contact(&mut self, handle: (Channel, &str), actor: &str) -> Result<bool>;
    /// Sets or clears VIP or blocked on a person. Whether it changed.
    fn set_contact_mark(
        &mut self,
        handle: (Channel, &str),
        mark: ContactMark,
        on: bool,
        actor: &str,
    ) -> Result<bool>;
    fn note_contact(&mut self, handle: (Channel, &str), text: &str, actor: &str) -> Result<()>;
    /// Every handle of a person marked VIP or blocked.
    fn marked_handles(&self) -> Result<Vec<MarkedHandle>>;
}

/// One import, in one transaction: nothing is visible until `finish`.
pub trait Import {
    /// Adds a message with its triage scores (`None` for our own replies).
    fn add_scored(&mut self, m: &Message, scores: Option<&Scores>) -> Result<Outcome>;
    /// `add_scored` for a message the caller is done with.
    fn add_owned(&mut self, m: Message, scores: Option<&Scores>) -> Result<Outcome>;
    /// Counts a line the caller could not read.
    fn skip(&mut self);
    /// Sizes the import for about `messages` messages (only a hint).
    fn expect_messages(&mut self, messages: usize);
    fn report(&self) -> ImportReport;
    /// Moves an account's cursor with this import's messages.
    fn set_cursor(&mut self, account: &str, network: Channel, cursor: &str) -> Result<()>;
    /// Records an outbox reply as sent, with the message it became.
    fn mark_sent(&mut self, outbox: i64, remote_id: &str, actor: &str) -> Result<()>;
    /// Commits.
    fn finish(self: Box<Self>) -> Result<ImportReport>;
}
