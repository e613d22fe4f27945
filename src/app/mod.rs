//! The application: state, actions, keys, the pure `update`, and `App`, which
//! carries out the store's effects so that a key press can be tested end to
//! end without a terminal; the terminal's effects go back to the runtime.

pub mod action;
pub mod effect;
pub mod keymap;
pub mod pane;
pub mod state;
pub mod team;
pub mod update;

use crate::inbox::Store;
use crate::store::QueueFilter;
use effect::{
    Effect, HooksJob, Job, PrioritiesJob, StatsJob, StatsKey, StatsReady, StoreEffect,
    TerminalEffect,
};
use keymap::Keymap;
use state::{CrisisOverview, SavedView, State, WINDOW};
use update::{Msg, QueueLoad, update};

pub struct App {
    pub state: State,
    pub keymap: Keymap,
    store: Store,
    last_row: i64,
    data_version: i64,
    /// Tests fix the time that changes are recorded at.
    pub fixed_clock: Option<chrono::DateTime<chrono::Utc>>,
    /// Business hours and targets for the stats view.
    pub sla: crate::config::SlaSection,
    /// Compute the stats view's report in the background when data changes.
    pub prefetch: bool,
    /// Bumped by every change to the data (ours or another process's): a
    /// remembered report is only good for the generation it was made in.
    generation: u64,
    stats_cache: Option<StatsCache>,
    last_prefetch: Option<std::time::Instant>,
    last_priorities: Option<std::time::Instant>,
    /// Counts and lists that only change with the data, recomputed after a
    /// change (scrolling through a million conversations must not count
    /// them again on every page).
    cache: Option<Cached>,
    /// The escalation hooks from the config, if any.
    pub hooks: Option<std::sync::Arc<crate::hooks::Hooks>>,
    /// Runtime effects raised while carrying out a store effect (the hooks
    /// of an escalation just recorded).
    raised: Vec<TerminalEffect>,
    /// This session's presence, as the team sees it.
    here: team::Here,
    /// Who automatic assignment chooses from (the config's `[team]
    /// members`; empty: the people with Palabre open).
    pub team_members: Vec<String>,
}

struct Cached {
    view_counts: [u64; 5],
    known_tags: Vec<String>,
    known_langs: Vec<String>,
    known_assignees: Vec<String>,
    sync: Vec<state::AccountSync>,
    /// Totals per filter (by its `Debug` text, without limit and offset).
    totals: std::collections::HashMap<String, u64>,
}

impl App {
    pub fn new(store: Store, state: State, keymap: Keymap) -> crate::store::Result<App> {
        let last_row = store.last_message_row()?;
        let data_version = store.data_version()?;
        Ok(App {
            state,
            keymap,
            store,
            last_row,
            data_version,
            fixed_clock: None,
            sla: Default::default(),
            prefetch: false,
            generation: 0,
            stats_cache: None,
            last_prefetch: None,
            last_priorities: None,
            cache: None,
            hooks: None,
            raised: Vec::new(),
            here: Default::default(),
            team_members: Vec::new(),
        })
    }

    /// How many times what is on screen was read again from the store
    /// (another process's change, one of this session's own).
    pub fn reloads(&self) -> u64 {
        self.generation
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Loads the first view, and starts computing the stats view's report.
    pub fn start(&mut self) -> Vec<TerminalEffect> {
        let effects = update::reload(&self.state);
        let mut outward = self.run(effects);
        outward.extend(self.prefetch_stats());
        outward
    }

    /// Feeds one message through `update` and carries out the effects that
    /// touch the store, until none is left. Returns the effects that belong
    /// to the runtime (quit, external editor, theme, background work).
    pub fn handle(&mut self, msg: Msg) -> Vec<TerminalEffect> {
        let effects = update(&mut self.state, &self.keymap, msg);
        self.run(effects)
    }

    fn run(&mut self, mut effects: Vec<Effect>) -> Vec<TerminalEffect> {
        let mut outward = Vec::new();
        let mut guard = 0;
        while !effects.is_empty() && guard < 64 {
            guard += 1;
            let mut next = Vec::new();
            for effect in effects {
                match effect {
                    Effect::Store(effect) => {
                        if let Some(msg) = self.execute(effect) {
                            next.extend(update(&mut self.state, &self.keymap, msg));
                        }
                    }
                    Effect::Terminal(effect) => outward.push(effect),
                }
                outward.append(&mut self.raised);
            }
            effects = next;
        }
        outward
    }

    /// Carries out one store effect; what it found or failed to do comes
    /// back as a message.
    fn execute(&mut self, effect: StoreEffect) -> Option<Msg> {
        let result = match effect {
            StoreEffect::LoadQueue {
                filter,
                offset,
                keep,
            } => self.load_queue(filter, offset, keep),
            StoreEffect::LoadThread(id) => self
                .store
                .conversation(id)
                .map(|d| Some(Msg::ThreadLoaded(Box::new(d)))),
            StoreEffect::LoadCrisis => self.store.crisis_activity().map(|a| {
                Some(Msg::CrisisLoaded(CrisisOverview {
                    hourly: a.hourly,
                    from: a.from,
                    top_authors: a.top_authors,
                }))
            }),
            StoreEffect::LoadStats(range) => self.load_stats(range),
            StoreEffect::Apply {
                targets,
                change: change @ crate::store::Change::Act(_),
            } => Ok(Some(self.act(&targets, change))),
            StoreEffect::Apply { targets, change } => {
                self.cache = None;
                self.generation += 1;
                let undo = self.undo_of(&targets, &change);
                let mut written = 0;
                let mut failure = None;
                let mut conflict = false;
                let now = self.fixed_clock.unwrap_or_else(chrono::Utc::now);
                for id in &targets {
                    match self
                        .store
                        .apply_at(*id, change.clone(), &self.state.user, now)
                    {
                        Ok(events) => {
                            written += events.len();
                            self.raise_hooks(&events);
                        }
                        Err(e) => {
                            conflict |= matches!(e, crate::store::StoreError::Conflict(_));
                            failure = Some(e.to_string());
                        }
                    }
                }
                // A reply that could not be queued comes back to the editor.
                if let (Some(e), crate::store::Change::QueueReply { text, .. }, [conversation]) =
                    (&failure, &change, targets.as_slice())
                {
                    return Some(Msg::ReplyNotSaved {
                        conversation: *conversation,
                        text: text.clone(),
                        error: e.clone(),
                        conflict,
                    });
                }
                let outcome = match failure {
                    Some(e) => Err(e),
                    None if targets.len() > 1 => Ok((self.state.lang.t().flash.bulk)(
                        written as u64,
                        targets.len() as u64,
                    )),
                    None => Ok(String::new()),
                };
                Ok(Some(Msg::Applied {
                    result: outcome,
                    bulk: targets.len() > 1,
                    undo,
                }))
            }
            StoreEffect::Undo(undo) => {
                self.cache = None;
                self.generation += 1;
                let now = self.fixed_clock.unwrap_or_else(chrono::Utc::now);
                let failed = undo
                    .steps
                    .into_iter()
                    .filter_map(|(id, change)| {
                        self.store.apply_at(id, change, &self.state.user, now).err()
                    })
                    .map(|e| e.to_string())
                    .next();
                let said = match failed {
                    Some(e) => Err(e),
                    None => Ok((self.state.lang.t().flash.undone)(&undo.what)),
                };
                Ok(Some(Msg::Done(said)))
            }
            StoreEffect::SaveDraft { conversation, text } => {
                let now = self.fixed_clock.unwrap_or_else(chrono::Utc::now);
                match self.store.apply_at(
                    conversation,
                    crate::store::Change::SaveDraft(text.clone()),
                    &self.state.user,
                    now,
                ) {
                    // Show the saved draft in the thread (and in the reply pane when reopened).
                    Ok(_)
                        if self
                            .state
                            .thread
                            .as_ref()
                            .is_some_and(|t| t.summary.id == conversation) =>
                    {
                        self.store
                            .conversation(conversation)
                            .map(|d| Some(Msg::ThreadLoaded(Box::new(d))))
                    }
                    Ok(_) => Ok(None),
                    // Not saved: the text goes back to the editor, nothing is lost.
                    Err(e) => Ok(Some(Msg::ReplyNotSaved {
                        conversation,
                        text,
                        error: e.to_string(),
                        conflict: false,
                    })),
                }
            }
            StoreEffect::RecordHooks {
                conversation,
                escalation,
                outcomes,
            } => self.record_hooks(conversation, escalation, outcomes),
            StoreEffect::KeepStats(ready) => Ok(self.keep_stats(*ready)),
            StoreEffect::LoadContact { channel, handle } => {
                self.load_contact(channel, handle, None)
            }
            StoreEffect::ContactChange {
                channel,
                handle,
                change,
            } => self.change_contact(channel, handle, change),
            StoreEffect::TakeNext { filter } => {
                self.cache = None;
                self.generation += 1;
                let now = self.fixed_clock.unwrap_or_else(chrono::Utc::now);
                Ok(Some(Msg::Taken(
                    self.store
                        .take_next(&filter, &self.state.user, now)
                        .map_err(|e| e.to_string()),
                )))
            }
            StoreEffect::AssignAuto { targets, how } => Ok(Some(self.assign_auto(&targets, how))),
        };
        result.unwrap_or_else(|e| Some(Msg::Done(Err(e.to_string()))))
    }

    /// The changes that would put `targets` back as they are now, for the
    /// kinds of change a person can take back here (status, tags,
    /// assignee, crisis level); None for the others (a queued reply, an
    /// escalation: they leave the building).
    fn undo_of(&self, targets: &[i64], change: &crate::store::Change) -> Option<state::Undo> {
        use crate::model::normalize_tag;
        use crate::store::Change;
        let before = self.store.summaries(targets).ok()?;
        let mut steps = Vec::new();
        for c in &before {
            let step = match change {
                Change::Status(to) if c.status != *to => Some(Change::Status(c.status)),
                Change::Tag(tags) => {
                    let added: Vec<String> = tags
                        .iter()
                        .map(|t| normalize_tag(t))
                        .filter(|t| !t.is_empty() && !c.tags.contains(t))
                        .collect();
                    (!added.is_empty()).then_some(Change::Untag(added))
                }
                Change::Untag(tags) => {
                    let removed: Vec<String> = tags
                        .iter()
                        .map(|t| normalize_tag(t))
                        .filter(|t| c.tags.contains(t))
                        .collect();
                    (!removed.is_empty()).then_some(Change::Tag(removed))
                }
                Change::Assign(who) if c.assignee != *who => {
                    Some(Change::Assign(c.assignee.clone()))
                }
                Change::Flag { level, .. } if c.crisis_level != *level => Some(Change::Flag {
                    level: c.crisis_level,
                    reason: match self.state.lang {
                        crate::i18n::Lang::En => "undo".to_string(),
                        crate::i18n::Lang::Fr => "annulation".to_string(),
                    },
                }),
                _ => None,
            };
            if let Some(step) = step {
                steps.push((c.id, step));
            }
        }
        if steps.is_empty() {
            return None;
        }
        let t = self.state.lang.t();
        let on = match before.as_slice() {
            [one] => format!("#{}", one.id),
            many => (t.flash.conversations)(many.len() as u64),
        };
        let what = match change {
            Change::Status(to) => (t.flash.status_to)(t.status(*to)),
            // Tags as they are stored, not as they were typed.
            Change::Tag(tags) | Change::Untag(tags) => {
                let sign = if matches!(change, Change::Tag(_)) {
                    "+"
                } else {
                    "−"
                };
                tags.iter()
                    .map(|t| format!("{sign}{}", normalize_tag(t)))
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            Change::Assign(Some(who)) => format!("→ {who}"),
            Change::Assign(None) => "→ −".to_string(),
            Change::Flag { level, .. } => (t.flash.crisis_to)(t.crisis_level(*level)),
            _ => String::new(),
        };
        Some(state::Undo {
            what: format!("{what} ({on})"),
            steps,
        })
    }

    /// Queues a network action on each target and says how it went: how
    /// many were queued, and why a network refused it. Its undo takes back
    /// each action queued.
    fn act(&mut self, targets: &[i64], change: crate::store::Change) -> Msg {
        self.cache = None;
        self.generation += 1;
        let crate::store::Change::Act(request) = &change else {
            return Msg::Done(Ok(String::new()));
        };
        let kind = request.kind;
        let lang = self.state.lang;
        let now = self.fixed_clock.unwrap_or_else(chrono::Utc::now);
        let mut steps = Vec::new();
        let mut queued = 0;
        let mut cancelled = 0;
        let mut already = 0;
        let mut refusals: Vec<String> = Vec::new();
        // A network that does not offer it is said in the interface's
        // language, without asking the store.
        let channels: std::collections::HashMap<i64, crate::model::Channel> = self
            .store
            .summaries(targets)
            .unwrap_or_default()
            .into_iter()
            .map(|s| (s.id, s.channel))
            .collect();
        for id in targets {
            if let Some(channel) = channels.get(id)
                && let crate::capabilities::Capability::Refused(r) =
                    crate::capabilities::capability(*channel, kind)
            {
                let why = (lang.t().moderation.refused)(channel.as_str(), r.say(lang.t()));
                if !refusals.contains(&why) {
                    refusals.push(why);
                }
                continue;
            }
            match self
                .store
                .apply_at(*id, change.clone(), &self.state.user, now)
            {
                Ok(events) if events.is_empty() => already += 1,
                Ok(events) => {
                    for e in &events {
                        let action = e.payload.get("action").and_then(|a| a.as_i64());
                        match (e.kind, action) {
                            (crate::model::EventKind::ActionQueued, Some(a)) => {
                                queued += 1;
                                steps.push((e.conversation, crate::store::Change::UndoAction(a)));
                            }
                            (crate::model::EventKind::ActionCancelled, _) => cancelled += 1,
                            _ => {}
                        }
                    }
                }
                Err(e) => {
                    let why = e.to_string();
                    if !refusals.contains(&why) {
                        refusals.push(why);
                    }
                }
            }
        }
        let t = lang.t();
        let w = &t.moderation;
        let on = match targets {
            [one] => format!("#{one}"),
            many => (t.flash.conversations)(many.len() as u64),
        };
        let mut said = Vec::new();
        if queued > 0 {
            let undo_key = self
                .keymap
                .keys_in(action::Action::Undo, lang)
                .first()
                .cloned()
                .unwrap_or_default();
            said.push((w.queued_on)(t.action(kind), &on, &undo_key));
        }
        if cancelled > 0 {
            said.push(w.cancelled_before.to_string());
        }
        if already > 0 && queued + cancelled == 0 {
            said.push(w.already.to_string());
        }
        let result = if refusals.is_empty() {
            Ok(said.join(" · "))
        } else {
            said.extend(refusals);
            Err(said.join(" · "))
        };
        let undo = (!steps.is_empty()).then(|| state::Undo {
            what: format!("{} ({on})", t.action(kind)),
            steps,
        });
        Msg::Applied {
            result,
            bulk: targets.len() > 1,
            undo,
        }
    }

    /// The card of a handle; `said`, what a change just did.
    fn load_contact(
        &mut self,
        channel: crate::model::Channel,
        handle: String,
        said: Option<String>,
    ) -> crate::store::Result<Option<Msg>> {
        let card =
            crate::inbox::contacts::card(&self.store, channel, &handle, self.state.timezone)?;
        Ok(Some(Msg::ContactLoaded {
            card: Box::new(card),
            channel,
            handle,
            said,
        }))
    }

    fn change_contact(
        &mut self,
        channel: crate::model::Channel,
        handle: String,
        change: effect::ContactChange,
    ) -> crate::store::Result<Option<Msg>> {
        use crate::model::ContactMark;
        use effect::ContactChange;
        let lang = self.state.lang;
        let w = &lang.t().contact;
        let actor = self.state.user.clone();
        let who = (channel, handle.as_str());
        let said = match change {
            ContactChange::Note(text) => {
                self.store.note_contact(who, &text, &actor)?;
                w.note_added.to_string()
            }
            ContactChange::Mark(mark, on) => {
                self.store.set_contact_mark(who, mark, on, &actor)?;
                match (mark, on) {
                    (ContactMark::Vip, true) => w.marked_vip.to_string(),
                    (ContactMark::Vip, false) => w.vip_off.to_string(),
                    (ContactMark::Blocked, true) => {
                        let key = self
                            .keymap
                            .keys_in(action::Action::Moderate, lang)
                            .first()
                            .cloned()
                            .unwrap_or_default();
                        (w.blocked_on)(&key)
                    }
                    (ContactMark::Blocked, false) => w.blocked_off.to_string(),
                }
            }
            ContactChange::Link(other, other_handle) => {
                self.store
                    .link_contacts(who, (other, &other_handle), &actor)?;
                w.linked.to_string()
            }
        };
        self.load_contact(channel, handle, Some(said))
    }

    /// Asks the runtime to run the hooks of each escalation just recorded.
    fn raise_hooks(&mut self, events: &[crate::model::Event]) {
        if self.hooks.is_none() {
            return;
        }
        for e in events
            .iter()
            .filter(|e| e.kind == crate::model::EventKind::Escalation)
        {
            match self.store.conversation(e.conversation) {
                Ok(detail) => {
                    let Some(hooks) = self.hooks.clone() else {
                        return;
                    };
                    self.raised
                        .push(TerminalEffect::Background(Job::Hooks(HooksJob {
                            hooks,
                            conversation: e.conversation,
                            escalation: e.id,
                            payload: crate::hooks::payload(&detail, e),
                        })))
                }
                // Recorded so that the person sees the hook did not run.
                Err(err) => {
                    let _ = self.record_hooks(
                        e.conversation,
                        e.id,
                        vec![crate::hooks::HookOutcome {
                            hook: crate::hooks::HookKind::Command,
                            target: String::new(),
                            ok: false,
                            attempts: 0,
                            status: None,
                            error: Some(format!("not run: {err}")),
                        }],
                    );
                }
            }
        }
    }

    fn record_hooks(
        &mut self,
        conversation: i64,
        escalation: i64,
        outcomes: Vec<crate::hooks::HookOutcome>,
    ) -> crate::store::Result<Option<Msg>> {
        self.cache = None;
        let now = self.fixed_clock.unwrap_or_else(chrono::Utc::now);
        let t = self.state.lang.t();
        let mut failed = Vec::new();
        for o in &outcomes {
            if !o.ok {
                failed.push(format!(
                    "{} {}{}{}",
                    match o.hook {
                        crate::hooks::HookKind::Command => t.events.command,
                        crate::hooks::HookKind::Webhook => t.events.webhook,
                    },
                    o.target,
                    t.formats.colon,
                    o.error.as_deref().unwrap_or(t.events.failed)
                ));
            }
            self.store.apply_at(
                conversation,
                crate::store::Change::HookResult {
                    ok: o.ok,
                    payload: o.event_payload(escalation),
                },
                &self.state.user,
                now,
            )?;
        }
        let outcome = if failed.is_empty() {
            Ok(t.flash.hooks_done.to_string())
        } else {
            Err((t.flash.hook_failed)(conversation, &failed.join("; ")))
        };
        Ok(Some(Msg::Done(outcome)))
    }

    fn load_queue(
        &mut self,
        filter: QueueFilter,
        offset: usize,
        keep: Option<i64>,
    ) -> crate::store::Result<Option<Msg>> {
        self.store.set_now(self.fixed_clock);
        if self.cache.is_none() {
            let mut view_counts = [0u64; 5];
            for (i, view) in SavedView::ALL.iter().enumerate() {
                view_counts[i] = self.store.count(&view.filter(&self.state.user))?;
            }
            self.cache = Some(Cached {
                view_counts,
                known_tags: self.store.known_tags()?,
                known_langs: self.store.known_languages()?,
                known_assignees: self.store.known_assignees()?,
                sync: self
                    .store
                    .account_states()?
                    .iter()
                    .map(|a| state::AccountSync {
                        name: a.name.clone(),
                        state: a.state,
                        until: a.until,
                    })
                    .collect(),
                totals: Default::default(),
            });
        }
        let key = format!(
            "{:?}",
            QueueFilter {
                limit: 0,
                offset: 0,
                ..filter.clone()
            }
        );
        let cached_total = self
            .cache
            .as_ref()
            .and_then(|c| c.totals.get(&key).copied());
        let total = match cached_total {
            Some(t) => t,
            None => {
                let t = self.store.count(&filter)?;
                if let Some(c) = self.cache.as_mut() {
                    c.totals.insert(key, t);
                }
                t
            }
        };
        // The kept conversation may have moved (escalated, resolved…): follow it.
        let kept_at = keep
            .map(|id| self.store.position(&filter, id))
            .transpose()?
            .flatten();
        let left = match (keep, kept_at) {
            (Some(id), None) => self
                .store
                .summaries(&[id])?
                .first()
                .map(|c| (c.id, c.status)),
            _ => None,
        };
        let offset = match kept_at {
            Some(pos) if pos < offset || pos >= offset + WINDOW => pos.saturating_sub(WINDOW / 2),
            _ => offset,
        };
        let offset = offset.min((total as usize).saturating_sub(1));
        let items = self.store.list(&QueueFilter {
            limit: WINDOW,
            offset,
            ..filter
        })?;
        let Some(cache) = self.cache.as_ref() else {
            return Ok(None);
        };
        Ok(Some(Msg::QueueLoaded(Box::new(QueueLoad {
            total,
            window_start: offset,
            items,
            view_counts: cache.view_counts,
            keep,
            left,
            known_tags: cache.known_tags.clone(),
            known_langs: cache.known_langs.clone(),
            known_assignees: cache.known_assignees.clone(),
            sync: cache.sync.clone(),
        }))))
    }

    /// The period a stats range covers now. The presets end today, or on
    /// the day of the latest activity when the store has received nothing
    /// for a day (an archive, the demo): an empty chart helps no one.
    fn stats_period(
        &self,
        range: state::StatsRange,
        now: chrono::DateTime<chrono::Utc>,
    ) -> crate::store::Result<(crate::analytics::Period, bool)> {
        use crate::analytics;
        use state::StatsRange;
        let tz = self.sla.timezone;
        let latest = self.store.latest_message_at()?;
        let stale = latest.filter(|l| now - *l > chrono::Duration::days(1));
        let anchor = stale.unwrap_or(now);
        let period = match range {
            StatsRange::Today => analytics::last_days(1, anchor, tz),
            StatsRange::Week => analytics::last_days(7, anchor, tz),
            StatsRange::Month => analytics::last_days(30, anchor, tz),
            StatsRange::Custom(from, to) => analytics::days(from, to, tz),
        };
        Ok((
            period,
            stale.is_some() && !matches!(range, StatsRange::Custom(..)),
        ))
    }

    /// The report behind the stats view: the one prefetched or computed last
    /// if nothing changed since, else computed now. One being prefetched for
    /// the same days is waited for: its `StatsReady` fills the view.
    fn load_stats(&mut self, range: state::StatsRange) -> crate::store::Result<Option<Msg>> {
        let now = self.fixed_clock.unwrap_or_else(chrono::Utc::now);
        let (period, anchored) = self.stats_period(range, now)?;
        let key = StatsKey {
            generation: self.generation,
            range,
            period,
        };
        let report = match self.stats_cache.take() {
            Some(StatsCache::Ready(k, report)) if k == key => report,
            Some(StatsCache::Pending(k)) if k == key => {
                self.stats_cache = Some(StatsCache::Pending(k));
                return Ok(None);
            }
            _ => {
                let facts = self.store.analytics_facts(period.from, period.to, now)?;
                Box::new(crate::analytics::compute(&facts, period, &self.sla, now))
            }
        };
        self.stats_cache = Some(StatsCache::Ready(key, report.clone()));
        Ok(Some(Msg::StatsLoaded {
            range,
            report,
            anchored,
        }))
    }

    /// Keeps a report that came back from the background if the data has
    /// not changed since, and shows it in a stats view waiting for it.
    fn keep_stats(&mut self, ready: StatsReady) -> Option<Msg> {
        let pending = matches!(&self.stats_cache, Some(StatsCache::Pending(k)) if *k == ready.key);
        if pending {
            self.stats_cache = None;
        }
        let waiting = matches!(&self.state.overlay,
            state::Overlay::Stats(p) if p.range == ready.key.range && p.report.is_none());
        match ready.report {
            Some(report) if ready.key.generation == self.generation => {
                self.stats_cache = Some(StatsCache::Ready(ready.key, report.clone()));
                waiting.then_some(Msg::StatsLoaded {
                    range: ready.key.range,
                    report,
                    anchored: ready.anchored,
                })
            }
            // Stale, or not computed: a waiting view computes it now.
            _ if waiting => self
                .load_stats(ready.key.range)
                .unwrap_or_else(|e| Some(Msg::Done(Err(e.to_string())))),
            _ => None,
        }
    }

    /// Asks for the stats view's default report to be computed off the UI
    /// thread, so that `S` opens at once on a large store. Its result comes
    /// back as `Msg::StatsReady`.
    pub fn prefetch_stats(&mut self) -> Vec<TerminalEffect> {
        // One at a time.
        let busy = matches!(&self.stats_cache, Some(StatsCache::Pending(_)));
        if !self.prefetch || busy {
            return Vec::new();
        }
        let now = self.fixed_clock.unwrap_or_else(chrono::Utc::now);
        let range = self
            .state
            .last_stats
            .map_or(state::StatsRange::Week, |(r, _, _)| r);
        let Ok((period, anchored)) = self.stats_period(range, now) else {
            return Vec::new();
        };
        let key = StatsKey {
            generation: self.generation,
            range,
            period,
        };
        if matches!(&self.stats_cache, Some(StatsCache::Ready(k, _)) if *k == key) {
            return Vec::new();
        }
        self.stats_cache = Some(StatsCache::Pending(key));
        self.last_prefetch = Some(std::time::Instant::now());
        vec![TerminalEffect::Background(Job::Stats(StatsJob {
            key,
            anchored,
            db: self.store.path().to_path_buf(),
            sla: self.sla.clone(),
            now,
        }))]
    }

    /// Forgets the remembered report (benchmarks measure a cold start).
    pub fn forget_stats(&mut self) {
        self.stats_cache = None;
    }

    /// Notices commits from other processes (an import, a sync) and reloads
    /// without moving the selection. Cheap enough to call every tick.
    pub fn poll_store(&mut self) -> Vec<TerminalEffect> {
        let mut outward = Vec::new();
        // Waiting conversations climb as their targets pass: refreshed once
        // a minute on another connection (after a large import it can take
        // a while); its commit shows up below like any other process's.
        if self.prefetch
            && self
                .last_priorities
                .is_none_or(|t| t.elapsed() >= std::time::Duration::from_secs(60))
        {
            self.last_priorities = Some(std::time::Instant::now());
            outward.push(TerminalEffect::Background(Job::Priorities(PrioritiesJob {
                db: self.store.path().to_path_buf(),
                sla: self.sla.clone(),
                now: self.fixed_clock.unwrap_or_else(chrono::Utc::now),
            })));
        }
        let Ok(version) = self.store.data_version() else {
            return outward;
        };
        if version == self.data_version {
            return outward;
        }
        self.data_version = version;
        self.cache = None;
        self.generation += 1;
        // A busy sync changes the store every second: refresh the stats
        // view's report at a calmer pace.
        if self
            .last_prefetch
            .is_none_or(|t| t.elapsed() >= std::time::Duration::from_secs(30))
        {
            outward.extend(self.prefetch_stats());
        }
        let last = self.store.last_message_row().unwrap_or(self.last_row);
        let new_messages = (last - self.last_row).max(0) as u64;
        self.last_row = last;
        outward.extend(self.handle(Msg::StoreChanged { new_messages }));
        outward
    }
}

enum StatsCache {
    Ready(StatsKey, Box<crate::analytics::Report>),
    /// Being computed in the background.
    Pending(StatsKey),
}
