//! The stores through the `Database` trait: each method is the backend's
//! own implementation of the same name (SQLite's in `store/*.rs`,
//! PostgreSQL's in `store/postgres/`).

use super::database::{Database, Import};
use super::*;
use crate::model::{
    AnalyticsFacts, AudienceFact, Channel, ConversationDetail, ConversationSummary, Draft, Event,
    Message, OutboxItem, Scores, StoredMessage, SyncState,
};
use chrono::{DateTime, Utc};
use std::path::Path;
use std::sync::Arc;

/// The trait's methods as the backend's own (inherent) methods of the same
/// name: every backend offers the whole API, checked by the compiler.
macro_rules! by_inherent_methods {
    ($store:ty) => {
        impl Database for $store {
            fn location(&self) -> String {
                <$store>::location(self)
            }

            fn schema_version(&self) -> Result<i64> {
                <$store>::schema_version(self)
            }

            fn data_version(&self) -> Result<i64> {
                <$store>::data_version(self)
            }

            fn backup_to(&self, dest: &Path) -> Result<BackupSummary> {
                <$store>::backup_to(self, dest)
            }

            fn restore_from(&mut self, src: &Path) -> Result<BackupSummary> {
                <$store>::restore_from(self, src)
            }

            fn set_policy(&mut self, policy: Arc<dyn Policy>) {
                <$store>::set_policy(self, policy)
            }

            fn set_now(&mut self, now: Option<DateTime<Utc>>) {
                <$store>::set_now(self, now)
            }

            fn now(&self) -> DateTime<Utc> {
                <$store>::clock(self)
            }

            fn set_mapped_reads(&mut self, on: bool) {
                <$store>::set_mapped_reads(self, on)
            }

            fn current_id(&self, id: i64) -> Result<i64> {
                <$store>::current_id(self, id)
            }

            fn resolve_conversation(&self, reference: &str) -> Result<i64> {
                <$store>::resolve_conversation(self, reference)
            }

            fn list(&self, filter: &QueueFilter) -> Result<Vec<ConversationSummary>> {
                <$store>::list(self, filter)
            }

            fn position(&self, filter: &QueueFilter, id: i64) -> Result<Option<usize>> {
                <$store>::position(self, filter, id)
            }

            fn count(&self, filter: &QueueFilter) -> Result<u64> {
                <$store>::count(self, filter)
            }

            fn summaries(&self, ids: &[i64]) -> Result<Vec<ConversationSummary>> {
                <$store>::summaries(self, ids)
            }

            fn info(&self) -> Result<Info> {
                <$store>::info(self)
            }

            fn search_lag(&self) -> Option<String> {
                <$store>::search_lag(self)
            }

            fn known_tags(&self) -> Result<Vec<String>> {
                <$store>::known_tags(self)
            }

            fn known_languages(&self) -> Result<Vec<String>> {
                <$store>::known_languages(self)
            }

            fn known_assignees(&self) -> Result<Vec<String>> {
                <$store>::known_assignees(self)
            }

            fn last_message_row(&self) -> Result<i64> {
                <$store>::last_message_row(self)
            }

            fn refresh_priorities(&mut self, now: DateTime<Utc>, limit: usize) -> Result<usize> {
                <$store>::refresh_priorities(self, now, limit)
            }

            fn priorities_refreshed_at(&self) -> Result<Option<DateTime<Utc>>> {
                <$store>::priorities_refreshed_at(self)
            }

            fn apply_at(
                &mut self,
                conv: i64,
                change: Change,
                actor: &str,
                now: DateTime<Utc>,
            ) -> Result<Vec<Event>> {
                <$store>::apply_at(self, conv, change, actor, now)
            }

            fn history(&self, conv: i64) -> Result<Vec<Event>> {
                <$store>::history(self, conv)
            }

            fn draft(&self, conv: i64) -> Result<Option<Draft>> {
                <$store>::draft(self, conv)
            }

            fn messages(&self, conv: i64) -> Result<Vec<StoredMessage>> {
                <$store>::messages(self, conv)
            }

            fn conversation(&self, conv: i64) -> Result<ConversationDetail> {
                <$store>::conversation(self, conv)
            }

            fn outbox(&self, conv: i64) -> Result<Vec<OutboxItem>> {
                <$store>::outbox(self, conv)
            }

            fn crisis_activity(&self) -> Result<CrisisActivity> {
                <$store>::crisis_activity(self)
            }

            fn negative_mentions(&self, since: DateTime<Utc>) -> Result<Vec<NegativeMention>> {
                <$store>::negative_mentions(self, since)
            }

            fn latest_message_at(&self) -> Result<Option<DateTime<Utc>>> {
                <$store>::latest_message_at(self)
            }

            fn crisis_dismissed(&self, conv: i64) -> Result<bool> {
                <$store>::crisis_dismissed(self, conv)
            }

            fn importer(&mut self, actor: &str, source: &str) -> Result<Box<dyn Import + '_>> {
                Ok(Box::new(<$store>::importer(self, actor, source)?))
            }

            fn sync_importer(&mut self, actor: &str, source: &str) -> Result<Box<dyn Import + '_>> {
                Ok(Box::new(<$store>::sync_importer(self, actor, source)?))
            }

            fn for_each_message(
                &self,
                each: &mut dyn FnMut(i64, &Message) -> Result<()>,
            ) -> Result<()> {
                <$store>::for_each_message(self, each)
            }

            fn model_weights(&self, name: &str) -> Result<Option<Vec<u8>>> {
                <$store>::model_weights(self, name)
            }

            fn models_revision(&self) -> Result<i64> {
                <$store>::models_revision(self)
            }

            fn analytics_facts(
                &self,
                from: DateTime<Utc>,
                to: DateTime<Utc>,
                now: DateTime<Utc>,
            ) -> Result<AnalyticsFacts> {
                <$store>::analytics_facts(self, from, to, now)
            }

            fn record_audience(&mut self, fact: &AudienceFact) -> Result<()> {
                <$store>::record_audience(self, fact)
            }

            fn claim_account(&self, name: &str) -> Result<bool> {
                <$store>::claim_account(self, name)
            }

            fn account_cursor(&self, name: &str) -> Result<Option<String>> {
                <$store>::account_cursor(self, name)
            }

            fn set_account_state(
                &mut self,
                name: &str,
                network: Channel,
                state: SyncState,
                detail: Option<&str>,
                until: Option<DateTime<Utc>>,
            ) -> Result<()> {
                <$store>::set_account_state(self, name, network, state, detail, until)
            }

            fn account_states(&self) -> Result<Vec<AccountStatus>> {
                <$store>::account_states(self)
            }

            fn pending_replies(&self, channel: Channel) -> Result<Vec<PendingReply>> {
                <$store>::pending_replies(self, channel)
            }

            fn mark_sending(&mut self, outbox: i64) -> Result<()> {
                <$store>::mark_sending(self, outbox)
            }

            fn mark_failed(&mut self, outbox: i64, actor: &str, error: &str) -> Result<()> {
                <$store>::mark_failed(self, outbox, actor, error)
            }

            fn retry_reply(&mut self, outbox: i64) -> Result<()> {
                <$store>::retry_reply(self, outbox)
            }

            fn reply_mark(&self, conv: i64) -> Result<ReplyMark> {
                Self::reply_mark(self, conv)
            }

            fn set_presence(&mut self, presence: &Presence) -> Result<()> {
                Self::set_presence(self, presence)
            }

            fn leave(&mut self, session: &str) -> Result<()> {
                Self::leave(self, session)
            }

            fn presence(&self, now: DateTime<Utc>) -> Result<Vec<Presence>> {
                Self::presence(self, now)
            }

            fn take_next(
                &mut self,
                filter: &QueueFilter,
                who: &str,
                now: DateTime<Utc>,
            ) -> Result<Option<i64>> {
                Self::take_next(self, filter, who, now)
            }

            fn assign_auto(
                &mut self,
                conv: i64,
                how: AutoAssign,
                team: &[String],
                actor: &str,
                now: DateTime<Utc>,
            ) -> Result<Option<String>> {
                Self::assign_auto(self, conv, how, team, actor, now)
            }

            fn assign_in_turn(
                &mut self,
                conv: i64,
                round: &str,
                team: &[String],
                actor: &str,
                now: DateTime<Utc>,
            ) -> Result<Option<String>> {
                Self::assign_in_turn(self, conv, round, team, actor, now)
            }

            fn notices_since(&self, after: i64, limit: usize) -> Result<Vec<Notice>> {
                Self::notices_since(self, after, limit)
            }

            fn last_event(&self) -> Result<i64> {
                Self::last_event(self)
            }

            fn actions(&self, conv: i64) -> Result<Vec<crate::model::ActionItem>> {
                <$store>::actions(self, conv)
            }

            fn action(&self, id: i64) -> Result<(i64, crate::model::ActionItem)> {
                <$store>::action(self, id)
            }

            fn pending_actions(&self, channel: Channel) -> Result<Vec<PendingAction>> {
                <$store>::pending_actions(self, channel)
            }

            fn mark_action_sending(&mut self, id: i64) -> Result<()> {
                <$store>::mark_action_sending(self, id)
            }

            fn mark_action_done(
                &mut self,
                id: i64,
                remote_id: Option<&str>,
                actor: &str,
            ) -> Result<()> {
                <$store>::mark_action_done(self, id, remote_id, actor)
            }

            fn mark_action_failed(&mut self, id: i64, actor: &str, error: &str) -> Result<()> {
                <$store>::mark_action_failed(self, id, actor, error)
            }

            fn retry_action(&mut self, id: i64) -> Result<()> {
                <$store>::retry_action(self, id)
            }

            fn claim_arrivals(&mut self, limit: usize) -> Result<Vec<Arrival>> {
                <$store>::claim_arrivals(self, limit)
            }

            fn pass_arrivals(&mut self) -> Result<()> {
                <$store>::pass_arrivals(self)
            }

            fn arrivals_since(
                &self,
                since: DateTime<Utc>,
                after: i64,
                limit: usize,
            ) -> Result<Vec<Arrival>> {
                <$store>::arrivals_since(self, since, after, limit)
            }

            fn authors_named(&self, handle: &str) -> Result<Vec<(Channel, String)>> {
                <$store>::authors_named(self, handle)
            }

            fn contact(&self, channel: Channel, handle: &str) -> Result<crate::model::ContactCard> {
                <$store>::contact(self, channel, handle)
            }

            fn link_contacts(
                &mut self,
                handle: (Channel, &str),
                other: (Channel, &str),
                actor: &str,
            ) -> Result<bool> {
                <$store>::link_contacts(self, handle, other, actor)
            }

            fn unlink_contact(&mut self, handle: (Channel, &str), actor: &str) -> Result<bool> {
                <$store>::unlink_contact(self, handle, actor)
            }

            fn set_contact_mark(
                &mut self,
                handle: (Channel, &str),
                mark: crate::model::ContactMark,
                on: bool,
                actor: &str,
            ) -> Result<bool> {
                <$store>::set_contact_mark(self, handle, mark, on, actor)
            }

            fn note_contact(
                &mut self,
                handle: (Channel, &str),
                text: &str,
                actor: &str,
            ) -> Result<()> {
                <$store>::note_contact(self, handle, text, actor)
            }

            fn marked_handles(&self) -> Result<Vec<crate::model::MarkedHandle>> {
                <$store>::marked_handles(self)
            }
        }
    };
}

by_inherent_methods!(Sqlite);
by_inherent_methods!(super::Postgres);

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
