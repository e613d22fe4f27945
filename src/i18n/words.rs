//! The model's values in words: one exhaustive `match` per enum, so that a
//! new variant does not build until each language names it.

use super::Catalogue;
use crate::model::{
    ActionKind, ActionStage, ActionStatus, ContactEvent, CrisisLevel, DETECTOR_ACTOR,
    DetectorAlert, Event, EventDetail, EventKind, OutboxStatus, Reason, Status, SyncState, Tone,
};

fn action_words(w: &super::catalogue::ActionWords, k: ActionKind) -> &'static str {
    match k {
        ActionKind::Hide => w.hide,
        ActionKind::Unhide => w.unhide,
        ActionKind::Delete => w.delete,
        ActionKind::Like => w.like,
        ActionKind::Unlike => w.unlike,
        ActionKind::Block => w.block,
        ActionKind::Unblock => w.unblock,
        ActionKind::Mute => w.mute,
        ActionKind::Unmute => w.unmute,
        ActionKind::Report => w.report,
    }
}

impl Catalogue {
    pub fn status(&self, s: Status) -> &'static str {
        let w = &self.statuses;
        match s {
            Status::New => w.new,
            Status::Open => w.open,
            Status::Waiting => w.waiting,
            Status::Resolved => w.resolved,
        }
    }

    pub fn crisis_level(&self, l: CrisisLevel) -> &'static str {
        let w = &self.crisis_levels;
        match l {
            CrisisLevel::None => w.none,
            CrisisLevel::Watch => w.watch,
            CrisisLevel::Potential => w.potential,
            CrisisLevel::Crisis => w.crisis,
        }
    }

    pub fn tone(&self, t: Tone) -> &'static str {
        let w = &self.tones;
        match t {
            Tone::Negative => w.negative,
            Tone::Neutral => w.neutral,
            Tone::Positive => w.positive,
        }
    }

    /// An account's sync state, with the time a rate limit ends (already
    /// written as a clock).
    pub fn sync_state(&self, s: SyncState, until: Option<&str>) -> String {
        let w = &self.sync_states;
        match s {
            SyncState::Never => w.never.into(),
            SyncState::Syncing => w.syncing.into(),
            SyncState::Ok => w.ok.into(),
            SyncState::RateLimited => match until {
                Some(t) => (w.rate_limited_until)(t),
                None => w.rate_limited.into(),
            },
            SyncState::AuthFailed => w.auth_failed.into(),
            SyncState::Offline => w.offline.into(),
            SyncState::Error => w.error.into(),
        }
    }

    pub fn outbox_status(&self, s: OutboxStatus) -> &'static str {
        let w = &self.cli.outbox_statuses;
        match s {
            OutboxStatus::Queued => w.queued,
            OutboxStatus::Sending => w.sending,
            OutboxStatus::Sent => w.sent,
            OutboxStatus::Failed => w.failed,
            OutboxStatus::Replaced => w.replaced,
        }
    }

    pub fn event_kind(&self, k: EventKind) -> &'static str {
        let w = &self.event_kinds;
        match k {
            EventKind::Status => w.status,
            EventKind::Tag => w.tag,
            EventKind::Untag => w.untag,
            EventKind::Assign => w.assign,
            EventKind::CrisisFlag => w.crisis_flag,
            EventKind::Escalation => w.escalation,
            EventKind::Note => w.note,
            EventKind::ReplyQueued => w.reply_queued,
            EventKind::ReplySent => w.reply_sent,
            EventKind::ReplyFailed => w.reply_failed,
            EventKind::DraftSaved => w.draft_saved,
            EventKind::Edited => w.edited,
            EventKind::EscalationHookOk => w.hook_ok,
            EventKind::EscalationHookFailed => w.hook_failed,
            EventKind::Sentiment => w.sentiment,
            EventKind::ActionQueued => self.moderation.action_queued,
            EventKind::ActionDone => self.moderation.action_done,
            EventKind::ActionFailed => self.moderation.action_failed,
            EventKind::ActionCancelled => self.moderation.action_cancelled,
            EventKind::Rule => self.moderation.rule,
            EventKind::RuleHookOk => self.moderation.rule_hook_ok,
            EventKind::RuleHookFailed => self.moderation.rule_hook_failed,
            EventKind::Priority => self.moderation.priority,
        }
    }

    pub fn action_status(&self, s: ActionStatus) -> &'static str {
        let w = &self.cli_moderation.statuses;
        match s {
            ActionStatus::Queued => w.queued,
            ActionStatus::Sending => w.sending,
            ActionStatus::Done => w.done,
            ActionStatus::Failed => w.failed,
            ActionStatus::Cancelled => w.cancelled,
        }
    }

    /// What a network action does (menu, thread, history).
    pub fn action(&self, k: ActionKind) -> &'static str {
        action_words(&self.moderation.verbs, k)
    }

    /// What a network action did, once done.
    pub fn action_done(&self, k: ActionKind) -> &'static str {
        action_words(&self.moderation.done, k)
    }

    /// A person's event (their contact card's history).
    pub fn contact_event(&self, e: &ContactEvent) -> String {
        let w = &self.contact;
        let text = |k: &str| {
            e.payload
                .get(k)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let on = e.payload.get("on").and_then(|v| v.as_bool()) == Some(true);
        match e.kind.as_str() {
            "note" => (w.note_event)(&text("text")),
            "vip" if on => w.vip_event.into(),
            "vip" => w.vip_off_event.into(),
            "blocked" if on => w.blocked_event.into(),
            "blocked" => w.unblocked_event.into(),
            "link" => (w.link_event)(&text("handle"), &text("to")),
            "unlink" => (w.unlink_event)(&text("handle")),
            other => other.to_string(),
        }
    }

    /// A bad line of the interchange format: `LINE: FIELD: what is wrong`
    /// (the caller puts the file in front).
    pub fn line_error(&self, e: &crate::ingest::LineError) -> String {
        use crate::ingest::Problem;
        let w = &self.line_problems;
        let what = match &e.problem {
            Problem::Required => w.required.to_string(),
            Problem::Empty => w.empty.to_string(),
            Problem::RepliesToItself => w.replies_to_itself.to_string(),
            Problem::EmptyParent => w.empty_parent.to_string(),
            Problem::EmptyThread => w.empty_thread.to_string(),
            Problem::TooLarge => w.too_large.to_string(),
            Problem::NotALanguage(v) => (w.not_a_language)(v),
            Problem::NotUtf8(at) => (w.not_utf8)(*at),
            Problem::NotJson(why) => (w.not_json)(why),
            Problem::TextAfter(why) => (w.text_after)(why),
            Problem::Invalid(why) => why.clone(),
        };
        let field = if e.field == "(line)" {
            w.whole_line
        } else {
            e.field.as_str()
        };
        format!("{}: {field}{}{what}", e.line, self.formats.colon)
    }

    /// A built-in criticism category in words; none for other tags.
    pub fn category(&self, tag: &str) -> Option<&'static str> {
        let w = &self.categories;
        Some(match tag {
            "product-defect" => w.product_defect,
            "delivery" => w.delivery,
            "billing-price" => w.billing_price,
            "customer-service" => w.customer_service,
            "outage-bug" => w.outage_bug,
            "safety" => w.safety,
            "ethics-reputation" => w.ethics_reputation,
            "misinformation" => w.misinformation,
            "abuse-troll" => w.abuse_troll,
            "spam" => w.spam,
            _ => return None,
        })
    }

    /// Why the crisis detector raised an alert.
    pub fn alert(&self, a: &DetectorAlert) -> String {
        let w = &self.events;
        let danger = if a.danger.is_empty() {
            String::new()
        } else {
            (w.danger_words)(&a.danger.join(", "))
        };
        let why = (w.alert_window)(
            &self.decimal(a.weight, 1),
            a.mentions,
            a.window_minutes,
            &self.decimal(a.expected, 1),
            &self.decimal(a.surprise, 1),
        );
        (w.alert)(a.score, &format!("{why}{danger}"))
    }

    /// Who did something: a person's name as it is, the system's own
    /// actors in words.
    pub fn actor<'a>(&self, name: &'a str) -> &'a str {
        if name == DETECTOR_ACTOR {
            self.events.detector
        } else {
            name
        }
    }

    /// Why a conversation ranks where it does.
    pub fn reason(&self, r: &Reason) -> String {
        let w = &self.reasons;
        match *r {
            Reason::Crisis(level) => (w.crisis)(self.crisis_level(level)),
            Reason::Waiting(Some(o)) if o.waited_secs > o.target_secs => (w.waiting_past_target)(
                &self.duration(o.waited_secs),
                &self.duration(o.target_secs),
            ),
            Reason::Waiting(Some(o)) => (w.waiting_within_target)(
                &self.duration(o.waited_secs),
                &self.duration(o.target_secs),
            ),
            Reason::Waiting(None) => w.waiting.into(),
            Reason::Danger => w.danger.into(),
            Reason::Complaint(score) => (w.complaint)(&self.share(f64::from(score))),
            Reason::NegativeTone => w.negative.into(),
            Reason::Reach(followers) => (w.reach)(&self.compact(followers)),
            Reason::Busy(n) => (w.busy)(n),
            Reason::Boost(points) => (w.boost)(&format!("{points:+}")),
        }
    }

    /// One line saying what an event did: `new → resolved (duplicate)`,
    /// `+ delivery`, `to Legal: call them`, `webhook https://…: delivered
    /// (HTTP 200) after 2 attempts`.
    pub fn event(&self, e: &Event) -> String {
        let w = &self.events;
        let because = |reason: &Option<String>| {
            reason
                .as_deref()
                .map_or_else(String::new, |r| format!(" ({r})"))
        };
        let or_unknown = |s: Option<&'static str>| s.unwrap_or("?");
        match e.detail() {
            EventDetail::Status { from, to, reason } => format!(
                "{} → {}{}",
                or_unknown(from.map(|s| self.status(s))),
                or_unknown(to.map(|s| self.status(s))),
                because(&reason)
            ),
            EventDetail::Tags { added, tags } => {
                format!("{} {}", if added { "+" } else { "−" }, tags.join(", "))
            }
            EventDetail::Assign { from, to } => format!(
                "{} → {}",
                from.as_deref().unwrap_or(w.nobody),
                to.as_deref().unwrap_or(w.nobody)
            ),
            EventDetail::Crisis {
                from,
                to,
                reason,
                alert,
            } => format!(
                "{} → {}{}",
                or_unknown(from.map(|l| self.crisis_level(l))),
                or_unknown(to.map(|l| self.crisis_level(l))),
                because(&alert.as_ref().map(|a| self.alert(a)).or(reason))
            ),
            EventDetail::Escalation { to, note } => (w.escalated_to)(&to, &note),
            EventDetail::Note(text) | EventDetail::ReplyFailed(text) => text,
            EventDetail::Reply(text) => crate::text::one_line(&text, 60),
            EventDetail::Draft { chars } => (w.draft)(chars),
            EventDetail::Edited { channel, message } => format!("{channel} {message}"),
            EventDetail::Hook {
                ok,
                hook,
                target,
                attempts,
                status,
                error,
            } => {
                let kind = match hook.as_str() {
                    "webhook" => w.webhook,
                    "command" => w.command,
                    _ => hook.as_str(),
                };
                let tries = (w.attempts)(attempts);
                if ok {
                    let answer = match (hook.as_str(), status) {
                        ("webhook", Some(code)) => (w.delivered)(code),
                        _ => w.done.to_string(),
                    };
                    (w.hook_ok)(kind, &target, &answer, &tries)
                } else {
                    (w.hook_failed)(kind, &target, &tries, error.as_deref().unwrap_or(w.failed))
                }
            }
            EventDetail::Sentiment { from, to } if from == to => {
                format!("{} ({})", or_unknown(to.map(|t| self.tone(t))), w.confirmed)
            }
            EventDetail::Sentiment { from, to } => format!(
                "{} → {} ({})",
                or_unknown(from.map(|t| self.tone(t))),
                or_unknown(to.map(|t| self.tone(t))),
                w.corrected
            ),
            EventDetail::Action {
                stage,
                kind,
                message,
                reason,
                undoes,
                error,
            } => {
                let m = &self.moderation;
                let verb = kind.map_or("?", |k| self.action(k));
                match stage {
                    ActionStage::Queued => format!(
                        "{}{}",
                        (m.queued_event)(verb, &message, reason.as_deref().unwrap_or("")),
                        undoes.map(m.undoing).unwrap_or_default()
                    ),
                    ActionStage::Done => {
                        (m.done_event)(kind.map_or("?", |k| self.action_done(k)), &message)
                    }
                    ActionStage::Failed => {
                        (m.failed_event)(verb, &message, error.as_deref().unwrap_or(w.failed))
                    }
                    ActionStage::Cancelled => (m.cancelled_event)(verb, &message),
                }
            }
            EventDetail::Rule { rule, message, did } => {
                (self.moderation.rule_event)(&rule, &message, &did.join(", "))
            }
            EventDetail::Boost(points) => (self.moderation.boost_event)(&format!("{points:+}")),
        }
    }
}

/// Machine output (`--json`) keeps a reason as the English sentence it
/// always was.
impl serde::Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::EN.reason(self))
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;
    use crate::model::{CrisisLevel, Event, EventKind, Overdue, Reason};

    fn event(kind: EventKind, payload: serde_json::Value) -> Event {
        Event {
            id: 1,
            conversation: 1,
            at: chrono::Utc::now(),
            actor: "lea".into(),
            kind,
            payload,
        }
    }

    #[test]
    fn reasons_are_said_in_each_language() {
        let waiting = Reason::Waiting(Some(Overdue {
            waited_secs: 2 * 3600 + 10 * 60,
            target_secs: 3600,
        }));
        assert_eq!(
            Lang::En.t().reason(&waiting),
            "waiting 2h\u{a0}10m for our answer, past the 1h target"
        );
        assert_eq!(
            Lang::Fr.t().reason(&waiting),
            "attend notre réponse depuis 2\u{a0}h\u{a0}10\u{a0}min, au-delà de l'objectif de 1\u{a0}h"
        );
        assert_eq!(
            Lang::Fr.t().reason(&Reason::Crisis(CrisisLevel::Potential)),
            "niveau de crise\u{a0}: potentiel"
        );
        assert_eq!(
            Lang::Fr.t().reason(&Reason::Reach(120_350)),
            "auteur suivi par 120,3\u{a0}k abonnés"
        );
        assert_eq!(
            serde_json::to_value(Reason::Complaint(0.8)).unwrap(),
            "complaint (80%)"
        );
    }

    #[test]
    fn every_built_in_category_has_words_in_each_language() {
        for lang in Lang::ALL {
            for tag in crate::app::state::CATEGORIES {
                assert!(lang.t().category(tag).is_some(), "{tag} in {lang:?}");
            }
        }
    }

    #[test]
    fn events_are_said_in_each_language() {
        let flag = event(
            EventKind::CrisisFlag,
            serde_json::json!({"from": "none", "to": "potential", "reason": "many reports"}),
        );
        assert_eq!(Lang::En.t().event(&flag), "none → potential (many reports)");
        assert_eq!(
            Lang::Fr.t().event(&flag),
            "aucun → potentiel (many reports)"
        );
        let hook = event(
            EventKind::EscalationHookOk,
            serde_json::json!({"hook": "webhook", "target": "https://h.example", "attempts": 2, "status": 200}),
        );
        assert_eq!(
            Lang::En.t().event(&hook),
            "webhook https://h.example: delivered (HTTP 200) after 2 attempts"
        );
        assert_eq!(
            Lang::Fr.t().event(&hook),
            "webhook https://h.example\u{a0}: remis (HTTP 200) après 2 essais"
        );
        let assign = event(EventKind::Assign, serde_json::json!({"to": "lea"}));
        assert_eq!(Lang::Fr.t().event(&assign), "personne → lea");
    }
}
