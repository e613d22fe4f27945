//! The embedded store through the `Database` trait: each method is the
//! SQLite implementation of the same name.

use super::database::{Database, Import};
use super::*;
use crate::model::{
    AnalyticsFacts, AudienceFact, Channel, ConversationDetail, ConversationSummary, Draft, Event,
    Message, OutboxItem, Scores, StoredMessage, SyncState,
};
use chrono::{DateTime, Utc};
use std::path::Path;
use std::sync::Arc;

impl Database for Sqlite {
    fn location(&self) -> String {
        self.path().display().to_string()
    }

    fn schema_version(&self) -> Result<i64> {
        Sqlite::schema_version(self)
    }

    fn data_version(&self) -> Result<i64> {
        Sqlite::data_version(self)
    }

    fn backup_to(&self, dest: &Path) -> Result<BackupSummary> {
        Sqlite::backup_to(self, dest)
    }

    fn restore_from(&mut self, src: &Path) -> Result<BackupSummary> {
        Sqlite::restore_from(self, src)
    }

    fn set_policy(&mut self, policy: Arc<dyn Policy>) {
        Sqlite::set_policy(self, policy)
    }

    fn set_now(&mut self, now: Option<DateTime<Utc>>) {
        Sqlite::set_now(self, now)
    }

    fn now(&self) -> DateTime<Utc> {
        self.now.unwrap_or_else(Utc::now)
    }

    fn set_mapped_reads(&mut self, on: bool) {
        Sqlite::set_mapped_reads(self, on)
    }

    fn current_id(&self, id: i64) -> Result<i64> {
        Sqlite::current_id(self, id)
    }

    fn resolve_conversation(&self, reference: &str) -> Result<i64> {
        Sqlite::resolve_conversation(self, reference)
    }

    fn list(&self, filter: &QueueFilter) -> Result<Vec<ConversationSummary>> {
        Sqlite::list(self, filter)
    }

    fn position(&self, filter: &QueueFilter, id: i64) -> Result<Option<usize>> {
        Sqlite::position(self, filter, id)
    }

    fn count(&self, filter: &QueueFilter) -> Result<u64> {
        Sqlite::count(self, filter)
    }

    fn summaries(&self, ids: &[i64]) -> Result<Vec<ConversationSummary>> {
        Sqlite::summaries(self, ids)
    }

    fn info(&self) -> Result<Info> {
        Sqlite::info(self)
    }

    fn search_lag(&self) -> Option<String> {
        Sqlite::search_lag(self)
    }

    fn known_tags(&self) -> Result<Vec<String>> {
        Sqlite::known_tags(self)
    }

    fn known_languages(&self) -> Result<Vec<String>> {
        Sqlite::known_languages(self)
    }

    fn known_assignees(&self) -> Result<Vec<String>> {
        Sqlite::known_assignees(self)
    }

    fn last_message_row(&self) -> Result<i64> {
        Sqlite::last_message_row(self)
    }

    fn refresh_priorities(&mut self, now: DateTime<Utc>, limit: usize) -> Result<usize> {
        Sqlite::refresh_priorities(self, now, limit)
    }

    fn priorities_refreshed_at(&self) -> Result<Option<DateTime<Utc>>> {
        Sqlite::priorities_refreshed_at(self)
    }

    fn apply_at(
        &mut self,
        conv: i64,
        change: Change,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Event>> {
        Sqlite::apply_at(self, conv, change, actor, now)
    }

    fn history(&self, conv: i64) -> Result<Vec<Event>> {
        Sqlite::history(self, conv)
    }

    fn draft(&self, conv: i64) -> Result<Option<Draft>> {
        Sqlite::draft(self, conv)
    }

    fn messages(&self, conv: i64) -> Result<Vec<StoredMessage>> {
        Sqlite::messages(self, conv)
    }

    fn conversation(&self, conv: i64) -> Result<ConversationDetail> {
        Sqlite::conversation(self, conv)
    }

    fn outbox(&self, conv: i64) -> Result<Vec<OutboxItem>> {
        Sqlite::outbox(self, conv)
    }

    fn crisis_activity(&self) -> Result<CrisisActivity> {
        Sqlite::crisis_activity(self)
    }

    fn negative_mentions(&self, since: DateTime<Utc>) -> Result<Vec<NegativeMention>> {
        Sqlite::negative_mentions(self, since)
    }

    fn latest_message_at(&self) -> Result<Option<DateTime<Utc>>> {
        Sqlite::latest_message_at(self)
    }

    fn crisis_dismissed(&self, conv: i64) -> Result<bool> {
        Sqlite::crisis_dismissed(self, conv)
    }

    fn importer(&mut self, actor: &str, source: &str) -> Result<Box<dyn Import + '_>> {
        Ok(Box::new(Sqlite::importer(self, actor, source)?))
    }

    fn sync_importer(&mut self, actor: &str, source: &str) -> Result<Box<dyn Import + '_>> {
        Ok(Box::new(Sqlite::sync_importer(self, actor, source)?))
    }

    fn for_each_message(&self, each: &mut dyn FnMut(i64, &Message) -> Result<()>) -> Result<()> {
        Sqlite::for_each_message(self, each)
    }

    fn model_weights(&self, name: &str) -> Result<Option<Vec<u8>>> {
        Sqlite::model_weights(self, name)
    }

    fn models_revision(&self) -> Result<i64> {
        Sqlite::models_revision(self)
    }

    fn analytics_facts(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<AnalyticsFacts> {
        Sqlite::analytics_facts(self, from, to, now)
    }

    fn record_audience(&mut self, fact: &AudienceFact) -> Result<()> {
        Sqlite::record_audience(self, fact)
    }

    fn account_cursor(&self, name: &str) -> Result<Option<String>> {
        Sqlite::account_cursor(self, name)
    }

    fn set_account_state(
        &mut self,
        name: &str,
        network: Channel,
        state: SyncState,
        detail: Option<&str>,
        until: Option<DateTime<Utc>>,
    ) -> Result<()> {
        Sqlite::set_account_state(self, name, network, state, detail, until)
    }

    fn account_states(&self) -> Result<Vec<AccountStatus>> {
        Sqlite::account_states(self)
    }

    fn pending_replies(&self, channel: Channel) -> Result<Vec<PendingReply>> {
        Sqlite::pending_replies(self, channel)
    }

    fn mark_sending(&mut self, outbox: i64) -> Result<()> {
        Sqlite::mark_sending(self, outbox)
    }

    fn mark_failed(&mut self, outbox: i64, actor: &str, error: &str) -> Result<()> {
        Sqlite::mark_failed(self, outbox, actor, error)
    }

    fn retry_reply(&mut self, outbox: i64) -> Result<()> {
        Sqlite::retry_reply(self, outbox)
    }
}

impl Import for Importer<'_> {
    fn add_scored(&mut self, m: &Message, scores: Option<&Scores>) -> Result<Outcome> {
        Importer::add_scored(self, m, scores)
    }

    fn add_owned(&mut self, m: Message, scores: Option<&Scores>) -> Result<Outcome> {
        Importer::add_owned(self, m, scores)
    }

    fn skip(&mut self) {
        Importer::skip(self)
    }

    fn expect_messages(&mut self, messages: usize) {
        Importer::expect_messages(self, messages)
    }

    fn report(&self) -> ImportReport {
        Importer::report(self)
    }

    fn set_cursor(&mut self, account: &str, network: Channel, cursor: &str) -> Result<()> {
        Importer::set_cursor(self, account, network, cursor)
    }

    fn mark_sent(&mut self, outbox: i64, remote_id: &str, actor: &str) -> Result<()> {
        Importer::mark_sent(self, outbox, remote_id, actor)
    }

    fn finish(self: Box<Self>) -> Result<ImportReport> {
        Importer::finish(*self)
    }
}
