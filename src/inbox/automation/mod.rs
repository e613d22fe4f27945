//! Automation rules: conditions on each new message from the public (words,
//! a regex, language, channel, kind, sentiment, complaint and hostility,
//! suggested category, the author's reach, verification, VIP and block
//! marks, business hours) and what to do when they hold (tag, assign — by
//! name or round-robin —, status, priority boost, escalate, hide on the
//! network, reply with a saved reply marked automated, run a hook).
//!
//! Rules run once on every message that arrives, however it arrives (an
//! import, a sync, the TUI's background sync): `Store::arrived` claims the
//! new messages from the store, which hands each out once. What a rule
//! does is recorded under `rule NAME`, with a `rule` event listing it.
//! `dry_run` says what the rules would have done, changing nothing.

pub mod rules;

pub use rules::Rule;

use super::Store;
use crate::analytics::hours::BusinessHours;
use crate::config::{Config, ConfigError, EscalationSection, RuleEntry, SlaSection};
use crate::model::{ActionKind, MarkedHandle, handle_key};
use crate::store::{ActRequest, Arrival, Change, Database, Result};
use crate::triage::categories;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::Path;

/// The rules in force, with what they need to judge a message.
pub struct Automation {
    rules: Vec<Rule>,
    hours: BusinessHours,
    categories: categories::Rules,
    /// The configuration's escalation hooks, for a rule's escalations.
    escalation_hooks: Option<crate::hooks::Hooks>,
}

impl Default for Automation {
    fn default() -> Automation {
        Automation::new(
            Vec::new(),
            &SlaSection::default(),
            categories::Rules::default(),
        )
    }
}

/// Messages claimed from the store at a time.
const BATCH: usize = 500;

/// What one rule did (or, in a dry run, would do) to one message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Applied {
    pub rule: String,
    pub conversation: i64,
    pub channel: crate::model::Channel,
    pub message: String,
    pub author: String,
    pub text: String,
    pub at: DateTime<Utc>,
    pub did: Vec<String>,
}

/// The rules part of a rules file (its `[[category]]` tables are the
/// triage's).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    #[allow(dead_code)]
    category: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    rule: Vec<RuleEntry>,
}

impl Automation {
    pub fn new(rules: Vec<Rule>, sla: &SlaSection, categories: categories::Rules) -> Automation {
        Automation {
            rules,
            hours: BusinessHours::from_config(sla),
            categories,
            escalation_hooks: None,
        }
    }

    /// Runs the configuration's escalation hooks after a rule escalates.
    pub fn with_escalation_hooks(mut self, hooks: Option<crate::hooks::Hooks>) -> Automation {
        self.escalation_hooks = hooks;
        self
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rules of the configuration (`[[rule]]`, written in `config_text`
    /// of `config_file`) then of its rules file (`[triage] rules`), checked.
    pub fn from_config(
        config: &Config,
        config_file: Option<&Path>,
    ) -> std::result::Result<Automation, ConfigError> {
        let categories = match &config.triage.rules {
            Some(path) => categories::Rules::load(path)?,
            None => categories::Rules::default(),
        };
        let mut rules = Vec::new();
        if !config.rule.is_empty() {
            let file = config_file.unwrap_or(Path::new("config"));
            let text = std::fs::read_to_string(file).unwrap_or_default();
            rules = rules::check(&config.rule, &text, file, &known(config, &categories))?;
        }
        if let Some(path) = &config.triage.rules {
            for rule in Self::load_file(path, config, &categories)? {
                if rules.iter().any(|r: &Rule| r.name == rule.name) {
                    return Err(ConfigError::Invalid {
                        file: path.clone(),
                        line: rule.line,
                        key: "rule.name".into(),
                        reason: format!("`{}` is also a rule of the configuration", rule.name),
                    });
                }
                rules.push(rule);
            }
        }
        let hooks = crate::hooks::Hooks::from_config(&config.escalation)
            .ok()
            .flatten();
        Ok(Automation::new(rules, &config.sla, categories).with_escalation_hooks(hooks))
    }

    /// The `[[rule]]` tables of a rules file, checked against `config`
    /// (its saved replies) and `categories`.
    pub fn load_file(
        path: &Path,
        config: &Config,
        categories: &categories::Rules,
    ) -> std::result::Result<Vec<Rule>, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Read {
            file: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let file: RulesFile = crate::config::parse_as(&text, path)?;
        rules::check(&file.rule, &text, path, &known(config, categories))
    }

    /// Which rules hold for `arrival`, in order, up to one that stops.
    fn matching<'a>(&'a self, arrival: &Arrival, marks: &[MarkedHandle]) -> Vec<&'a Rule> {
        let subject = Subject::new(arrival, marks);
        let mut out = Vec::new();
        for rule in &self.rules {
            if self.holds(&rule.when, &subject) {
                out.push(rule);
                if rule.then.stop {
                    break;
                }
            }
        }
        out
    }

    fn holds(&self, w: &rules::When, s: &Subject) -> bool {
        let m = &s.arrival.message;
        let any = |list: &[String], value: Option<&str>| {
            list.is_empty() || value.is_some_and(|v| list.iter().any(|x| x == v))
        };
        if !w.channel.is_empty() && !w.channel.contains(&m.channel) {
            return false;
        }
        if !w.kind.is_empty() && !w.kind.contains(&m.kind) {
            return false;
        }
        let lang = m
            .lang
            .as_deref()
            .map(|l| l.split(['-', '_']).next().unwrap_or("").to_lowercase());
        if !any(&w.lang, lang.as_deref()) {
            return false;
        }
        if !w.sentiment.is_empty() && !s.arrival.tone.is_some_and(|t| w.sentiment.contains(&t)) {
            return false;
        }
        if let Some(min) = w.complaint_at_least
            && s.arrival.complaint.unwrap_or(0.0) < min
        {
            return false;
        }
        let followers = m.author.followers.unwrap_or(0);
        if w.followers_at_least.is_some_and(|min| followers < min)
            || w.followers_below.is_some_and(|max| followers >= max)
        {
            return false;
        }
        if w.verified.is_some_and(|v| v != m.author.verified) {
            return false;
        }
        if w.vip.is_some_and(|v| v != s.vip) || w.blocked.is_some_and(|b| b != s.blocked) {
            return false;
        }
        if !w.authors.is_empty() {
            let key = handle_key(&m.author.handle);
            if !w
                .authors
                .iter()
                .any(|(c, h)| *h == key && c.is_none_or(|c| c == m.channel))
            {
                return false;
            }
        }
        if w.open_hours
            .is_some_and(|open| open != self.hours.is_open(m.created_at))
        {
            return false;
        }
        if !w.words.is_empty() && !w.words.iter().any(|cue| s.has_cue(cue)) {
            return false;
        }
        if w.regex.as_ref().is_some_and(|r| !r.is_match(&m.text)) {
            return false;
        }
        if let Some(min) = w.hostility_at_least
            && s.hostility() < min
        {
            return false;
        }
        if !w.category.is_empty() {
            let suggested = s.categories(&self.categories);
            if !w.category.iter().any(|c| suggested.contains(c)) {
                return false;
            }
        }
        true
    }
}

fn known<'a>(config: &'a Config, categories: &categories::Rules) -> rules::Known<'a> {
    rules::Known {
        saved_replies: &config.saved_replies,
        categories: categories.names().map(str::to_string).collect(),
        team: &config.team.members,
    }
}

/// The round a rule's round-robin takes turns in: the team's own (shared
/// with the `a` key's round-robin) or the rule's.
fn round(rule: &Rule) -> String {
    if rule.then.team_round {
        crate::store::AutoAssign::RoundRobin.rule().to_string()
    } else {
        format!("rule:{}", rule.name)
    }
}

/// A message as the conditions read it, with what is costly computed once
/// and only when a rule asks.
struct Subject<'a> {
    arrival: &'a Arrival,
    words: Vec<String>,
    vip: bool,
    blocked: bool,
    hostility: OnceCell<f32>,
    categories: OnceCell<Vec<String>>,
}

impl<'a> Subject<'a> {
    fn new(arrival: &'a Arrival, marks: &[MarkedHandle]) -> Subject<'a> {
        let key = handle_key(&arrival.message.author.handle);
        let mark = marks
            .iter()
            .find(|h| h.channel == arrival.message.channel && h.handle == key);
        Subject {
            arrival,
            words: crate::triage::words(&arrival.message.text).collect(),
            vip: mark.is_some_and(|m| m.vip),
            blocked: mark.is_some_and(|m| m.blocked),
            hostility: OnceCell::new(),
            categories: OnceCell::new(),
        }
    }

    /// A cue's words in a row (the last may be a prefix).
    fn has_cue(&self, cue: &[String]) -> bool {
        self.words.windows(cue.len()).any(|window| {
            window
                .iter()
                .zip(cue)
                .all(|(w, p)| match p.strip_suffix('*') {
                    Some(prefix) => w.starts_with(prefix),
                    None => w == p,
                })
        })
    }

    fn hostility(&self) -> f32 {
        *self.hostility.get_or_init(|| {
            let m = &self.arrival.message;
            crate::triage::classify::analyze(&m.text, m.lang.as_deref()).hostile
        })
    }

    fn categories(&self, rules: &categories::Rules) -> &Vec<String> {
        self.categories.get_or_init(|| {
            rules
                .suggest(&self.arrival.message.text)
                .into_iter()
                .map(|s| s.category)
                .collect()
        })
    }
}

/// What a dry run keeps in mind in place of the store: the turns it took
/// and the assignments it made.
#[derive(Default)]
struct Memory {
    turns: HashMap<String, usize>,
    assigned: HashMap<i64, String>,
}

/// Apply the rules, or only say what they would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Apply,
    DryRun,
}

/// Runs the rules on every message that arrived since they last ran, and
/// records what each did. Without rules, the messages are passed over (a
/// rule added later starts with the messages after it).
pub fn run<D: ?Sized + Database>(
    store: &mut Store<D>,
    automation: &Automation,
    now: DateTime<Utc>,
) -> Result<Vec<Applied>> {
    if automation.is_empty() {
        store.pass_arrivals()?;
        return Ok(Vec::new());
    }
    let mut applied = Vec::new();
    let mut memory = Memory::default();
    loop {
        let batch = store.claim_arrivals(BATCH)?;
        if batch.is_empty() {
            break;
        }
        let marks = store.marked_handles()?;
        for arrival in &batch {
            for rule in automation.matching(arrival, &marks) {
                applied.push(carry_out(
                    store,
                    automation,
                    rule,
                    arrival,
                    Mode::Apply,
                    now,
                    &mut memory,
                )?);
            }
        }
    }
    Ok(applied)
}

/// A dry run: how many messages the rules looked at, and what they would
/// have done.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DryRun {
    pub examined: u64,
    pub applied: Vec<Applied>,
}

/// What the rules would have done to the messages from the public written
/// since `since`, changing nothing (round-robins start from the first
/// person).
pub fn dry_run<D: ?Sized + Database>(
    store: &mut Store<D>,
    automation: &Automation,
    since: DateTime<Utc>,
) -> Result<DryRun> {
    let mut out = Vec::new();
    let mut examined = 0;
    let mut memory = Memory::default();
    let marks = store.marked_handles()?;
    let mut after = 0;
    loop {
        let batch = store.arrivals_since(since, after, BATCH)?;
        let Some(last) = batch.last() else { break };
        after = last.row;
        examined += batch.len() as u64;
        for arrival in &batch {
            for rule in automation.matching(arrival, &marks) {
                out.push(carry_out(
                    store,
                    automation,
                    rule,
                    arrival,
                    Mode::DryRun,
                    Utc::now(),
                    &mut memory,
                )?);
            }
        }
    }
    Ok(DryRun {
        examined,
        applied: out,
    })
}

/// Carries out (or describes) what `rule` does to `arrival`.
fn carry_out<D: ?Sized + Database>(
    store: &mut Store<D>,
    automation: &Automation,
    rule: &Rule,
    arrival: &Arrival,
    mode: Mode,
    now: DateTime<Utc>,
    memory: &mut Memory,
) -> Result<Applied> {
    let actor = format!("rule {}", rule.name);
    let conv = arrival.conversation;
    let m = &arrival.message;
    let t = &rule.then;
    let mut did: Vec<String> = Vec::new();
    let mut escalations = Vec::new();
    let step = |store: &mut Store<D>, change: Change, label: String, did: &mut Vec<String>| {
        if mode == Mode::DryRun {
            did.push(label);
            return Ok(Vec::new());
        }
        match store.apply_at(conv, change, &actor, now) {
            Ok(events) if events.is_empty() => {
                did.push(format!("{label} (already so)"));
                Ok(events)
            }
            Ok(events) => {
                did.push(label);
                Ok(events)
            }
            // One step refused (a network without hiding) does not stop the
            // others; the rule's event says why.
            Err(
                crate::store::StoreError::Invalid(why) | crate::store::StoreError::Conflict(why),
            ) => {
                did.push(format!("{label}: not done: {why}"));
                Ok(Vec::new())
            }
            Err(e) => Err(e),
        }
    };
    if !t.tag.is_empty() {
        let label = format!("tag +{}", t.tag.join(" +"));
        step(store, Change::Tag(t.tag.clone()), label, &mut did)?;
    }
    if t.assign.is_some() || !t.round_robin.is_empty() {
        let current = match memory.assigned.get(&conv) {
            Some(who) => Some(who.clone()),
            None => store.summaries(&[conv])?.pop().and_then(|s| s.assignee),
        };
        match current {
            Some(who) => did.push(format!("assign: kept {who}")),
            None => {
                let label = |who: &str| {
                    if t.round_robin.is_empty() {
                        format!("assign {who}")
                    } else {
                        format!("assign {who} (round-robin)")
                    }
                };
                match (&t.assign, mode) {
                    (Some(who), _) => {
                        if mode == Mode::DryRun {
                            memory.assigned.insert(conv, who.clone());
                        }
                        step(
                            store,
                            Change::Assign(Some(who.clone())),
                            label(who),
                            &mut did,
                        )?;
                    }
                    (None, Mode::DryRun) => {
                        let next = memory.turns.entry(round(rule)).or_insert(0);
                        let who = t.round_robin[*next % t.round_robin.len()].clone();
                        *next += 1;
                        did.push(label(&who));
                        memory.assigned.insert(conv, who);
                    }
                    // The turn is taken and the conversation assigned in
                    // one transaction: two processes never give the same turn.
                    (None, Mode::Apply) => {
                        let team = &t.round_robin;
                        match store.assign_in_turn(conv, &round(rule), team, &actor, now)? {
                            Some(who) => did.push(label(&who)),
                            None => did.push("assign: nobody in the round".into()),
                        }
                    }
                }
            }
        }
    }
    if let Some(status) = t.status {
        step(
            store,
            Change::Status(status),
            format!("status {status}"),
            &mut did,
        )?;
    }
    if let Some(points) = t.boost {
        step(
            store,
            Change::Boost(points),
            format!("boost {points:+}"),
            &mut did,
        )?;
    }
    if let Some((to, note)) = &t.escalate {
        let change = Change::Escalate {
            to: to.clone(),
            note: note.clone(),
        };
        let events = step(store, change, format!("escalate to {to}"), &mut did)?;
        escalations.extend(
            events
                .into_iter()
                .filter(|e| e.kind == crate::model::EventKind::Escalation),
        );
    }
    if t.hide {
        let change = Change::Act(ActRequest {
            message: Some(m.id.clone()),
            rule: Some(rule.name.clone()),
            ..ActRequest::new(ActionKind::Hide)
        });
        step(store, change, "hide".into(), &mut did)?;
    }
    if let Some((name, template)) = &t.reply {
        let summary = store.summaries(&[conv])?.pop();
        let rendered = crate::saved_replies::render(
            template,
            &crate::saved_replies::Fill {
                message: Some(m),
                conversation: summary.as_ref(),
                channel: Some(m.channel),
                agent: Some(&actor),
            },
        );
        match rendered.warning(crate::i18n::Lang::En) {
            Some(why) => did.push(format!("reply {name:?}: not sent: {why}")),
            None => {
                let change = Change::QueueAutoReply {
                    text: rendered.text,
                    rule: rule.name.clone(),
                    message: m.id.clone(),
                };
                step(store, change, format!("reply {name:?}"), &mut did)?;
            }
        }
    }
    if let Some(argv) = &t.hook {
        did.push(format!("hook {}", argv[0]));
    }
    if mode == Mode::Apply {
        store.apply_at(
            conv,
            Change::RuleApplied {
                rule: rule.name.clone(),
                message: m.id.clone(),
                did: did.clone(),
            },
            &actor,
            now,
        )?;
        if let Some(argv) = &t.hook {
            let payload = json!({
                "event": "rule",
                "rule": rule.name,
                "conversation": conv,
                "channel": m.channel,
                "message": {
                    "id": m.id, "author": m.author.handle, "name": m.author.name,
                    "followers": m.author.followers, "kind": m.kind, "lang": m.lang,
                    "text": m.text, "url": m.url, "created_at": m.created_at,
                },
                "did": did,
                "at": now,
            });
            run_rule_hook(store, conv, argv, &payload, &actor, now)?;
        }
        if let Some(hooks) = &automation.escalation_hooks {
            for e in &escalations {
                let detail = store.conversation(conv)?;
                let payload = crate::hooks::payload(&detail, e);
                for o in run_hooks(hooks, &payload) {
                    store.apply_at(
                        conv,
                        Change::HookResult {
                            ok: o.ok,
                            payload: o.event_payload(e.id),
                        },
                        &actor,
                        now,
                    )?;
                }
            }
        }
    }
    Ok(Applied {
        rule: rule.name.clone(),
        conversation: conv,
        channel: m.channel,
        message: m.id.clone(),
        author: m.author.handle.clone(),
        text: m.text.clone(),
        at: m.created_at,
        did,
    })
}

/// Runs hooks to the end on a thread of their own: the caller may be on an
/// async runtime (a sync), where a runtime cannot be started.
fn run_hooks(hooks: &crate::hooks::Hooks, payload: &Value) -> Vec<crate::hooks::HookOutcome> {
    let outcome = std::thread::scope(|s| {
        s.spawn(|| crate::hooks::run_blocking(hooks, payload))
            .join()
    });
    match outcome {
        Ok(Ok(outcomes)) => outcomes,
        Ok(Err(e)) => vec![crate::hooks::HookOutcome::not_run(&e.to_string())],
        Err(_) => vec![crate::hooks::HookOutcome::not_run(
            "the hook's thread stopped",
        )],
    }
}

/// A rule's hook: its command, given the application as JSON, retried like
/// the escalation hooks; what it did is an event of the conversation.
fn run_rule_hook<D: ?Sized + Database>(
    store: &mut Store<D>,
    conv: i64,
    argv: &[String],
    payload: &Value,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let section = EscalationSection {
        command: Some(argv.to_vec()),
        ..EscalationSection::default()
    };
    let outcomes = match crate::hooks::Hooks::from_config(&section) {
        Ok(Some(hooks)) => run_hooks(&hooks, payload),
        Ok(None) => Vec::new(),
        Err(e) => vec![crate::hooks::HookOutcome::not_run(&e.reason)],
    };
    for o in outcomes {
        let mut p = json!(o);
        p["rule"] = payload["rule"].clone();
        store.apply_at(
            conv,
            Change::RuleHookResult {
                ok: o.ok,
                payload: p,
            },
            actor,
            now,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
