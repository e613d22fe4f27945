//! Every message of the interface, named: one field per message, grouped by
//! where it shows. A language is one `static` value of `Catalogue` (`en.rs`,
//! `fr.rs`), so a message missing in one of them does not compile.
//!
//! Plain words are `&'static str`. A message with values in it is a
//! function, so that each language puts them where its grammar wants; the
//! values come already written in the language's style (numbers,
//! durations, dates: see `format.rs`), never as raw numbers to format.

/// How a language writes numbers, units, days and months.
pub struct Formats {
    /// `.` or `,`.
    pub decimal: &'static str,
    /// Between a name and what follows it: `: ` or a no-break space, `:`, a space.
    pub colon: &'static str,
    /// Between groups of three digits: `,` or a narrow no-break space.
    pub thousands: &'static str,
    /// The smallest number written in groups (French leaves `1000` whole).
    pub group_from: u64,
    /// After a number: `%` or a narrow no-break space and `%`.
    pub percent: &'static str,
    /// The lower unit of a duration on two digits (`3h 04m`) or not (`3 h 4 min`).
    pub pad_minutes: bool,
    /// Between a number and a short unit: nothing (`3h`) or a no-break space (`3 h`).
    pub unit_gap: &'static str,
    /// Short units for ages and durations.
    pub second: &'static str,
    pub minute: &'static str,
    pub hour: &'static str,
    pub day: &'static str,
    pub month: &'static str,
    /// Thousands and millions in a short count (`120.3k`).
    pub kilo: &'static str,
    pub mega: &'static str,
    /// Sizes: bytes, then kilo-, mega-, giga-, terabytes.
    pub bytes: [&'static str; 5],
    /// Units in words, for ranges (`1–3 days`), always after a no-break space.
    pub minutes_word: &'static str,
    pub hours_word: &'static str,
    pub days_word: &'static str,
    /// Monday first.
    pub weekdays: [&'static str; 7],
    pub months: [&'static str; 12],
    /// How the first day of a month is written (`1er` in French).
    pub first_day: &'static str,
}

pub struct Statuses {
    pub new: &'static str,
    pub open: &'static str,
    pub waiting: &'static str,
    pub resolved: &'static str,
}

pub struct CrisisLevels {
    pub none: &'static str,
    pub watch: &'static str,
    pub potential: &'static str,
    pub crisis: &'static str,
}

pub struct Tones {
    pub negative: &'static str,
    pub neutral: &'static str,
    pub positive: &'static str,
}

/// An account's sync state in the status bar.
pub struct SyncStates {
    pub never: &'static str,
    pub syncing: &'static str,
    pub ok: &'static str,
    pub rate_limited: &'static str,
    /// (time)
    pub rate_limited_until: fn(&str) -> String,
    pub auth_failed: &'static str,
    pub offline: &'static str,
    pub error: &'static str,
}

/// The saved views (keys 1–5).
pub struct Views {
    pub inbox: &'static str,
    pub complaints: &'static str,
    pub crisis: &'static str,
    pub mine: &'static str,
    pub done: &'static str,
}

/// Why a conversation ranks where it does ("Why here").
pub struct Reasons {
    /// (crisis level)
    pub crisis: fn(&str) -> String,
    /// (waited, target)
    pub waiting_past_target: fn(&str, &str) -> String,
    /// (waited, target)
    pub waiting_within_target: fn(&str, &str) -> String,
    pub waiting: &'static str,
    pub danger: &'static str,
    /// (percentage)
    pub complaint: fn(&str) -> String,
    pub negative: &'static str,
    /// (followers, short count)
    pub reach: fn(&str) -> String,
    /// (messages)
    pub busy: fn(u64) -> String,
    /// (signed points)
    pub boost: fn(&str) -> String,
}

/// What an event did, in the history and the timelines.
pub struct Events {
    pub nobody: &'static str,
    /// (contact, note)
    pub escalated_to: fn(&str, &str) -> String,
    /// (characters)
    pub draft: fn(u64) -> String,
    pub confirmed: &'static str,
    pub corrected: &'static str,
    pub webhook: &'static str,
    pub command: &'static str,
    /// (HTTP status)
    pub delivered: fn(i64) -> String,
    pub done: &'static str,
    pub failed: &'static str,
    /// (attempts)
    pub attempts: fn(u64) -> String,
    /// (hook, target, what it answered, attempts)
    pub hook_ok: fn(&str, &str, &str, &str) -> String,
    /// (hook, target, attempts, error)
    pub hook_failed: fn(&str, &str, &str, &str) -> String,
    /// The crisis detector, as an actor.
    pub detector: &'static str,
    /// Its alert: (score, why).
    pub alert: fn(u8, &str) -> String,
    /// (weighted mentions, mentions, minutes, usual weight, 10^surprise)
    pub alert_window: fn(&str, u64, i64, &str, &str) -> String,
    /// (danger words)
    pub danger_words: fn(&str) -> String,
}

/// What is wrong with a line of the interchange format (the JSON reader's
/// own words, English, come after `not_json` and as they are).
pub struct LineProblems {
    /// In place of a field when the whole line is wrong.
    pub whole_line: &'static str,
    pub required: &'static str,
    pub empty: &'static str,
    pub replies_to_itself: &'static str,
    pub empty_parent: &'static str,
    pub empty_thread: &'static str,
    pub too_large: &'static str,
    /// (the value)
    pub not_a_language: fn(&str) -> String,
    /// (byte)
    pub not_utf8: fn(usize) -> String,
    /// (the reader's words)
    pub not_json: fn(&str) -> String,
    pub text_after: fn(&str) -> String,
}

/// Event kinds as a word (`palabre history`).
pub struct EventKinds {
    pub status: &'static str,
    pub tag: &'static str,
    pub untag: &'static str,
    pub assign: &'static str,
    pub crisis_flag: &'static str,
    pub escalation: &'static str,
    pub note: &'static str,
    pub reply_queued: &'static str,
    pub reply_sent: &'static str,
    pub reply_failed: &'static str,
    pub draft_saved: &'static str,
    pub edited: &'static str,
    pub hook_ok: &'static str,
    pub hook_failed: &'static str,
    pub sentiment: &'static str,
}

/// The queue pane and its title.
pub struct Queue {
    pub stats: &'static str,
    pub empty: &'static str,
    /// Refinements in the title: (what was searched).
    pub search: fn(&str) -> String,
    pub everywhere: &'static str,
    pub unassigned: &'static str,
    /// (crisis level)
    pub crisis_filter: fn(&str) -> String,
    /// (language code)
    pub lang_filter: fn(&str) -> String,
    /// A figure of the stats view opened in the queue: the SLA breach of
    /// (conversation).
    pub sla_breach: fn(i64) -> String,
}

/// The thread pane.
pub struct Thread {
    pub none: &'static str,
    pub escalated: &'static str,
    pub why_here: &'static str,
    pub us: &'static str,
    /// (short count, count): `120.3k followers`.
    pub followers: fn(&str, u64) -> String,
    pub refused: &'static str,
    pub sending: &'static str,
    pub queued: &'static str,
    /// (who, age)
    pub by: fn(&str, &str) -> String,
    /// (contact and note, who, age)
    pub escalation: fn(&str, &str, &str) -> String,
    pub draft: &'static str,
}

/// The status bar.
pub struct Bar {
    /// (messages)
    pub new_messages: fn(u64) -> String,
    pub no_accounts: &'static str,
}

/// Short labels after a key on the hint line.
pub struct Hints {
    pub open: &'static str,
    pub back: &'static str,
    pub reply: &'static str,
    pub tags: &'static str,
    pub crisis: &'static str,
    pub status: &'static str,
    pub assign: &'static str,
    pub select: &'static str,
    pub search: &'static str,
    pub filter: &'static str,
    pub commands: &'static str,
    pub help: &'static str,
    pub quit: &'static str,
    pub confirm: &'static str,
    pub cancel: &'static str,
    pub close: &'static str,
    pub scroll: &'static str,
    pub toggle: &'static str,
    pub new_tag: &'static str,
    pub set_level: &'static str,
    pub escalate: &'static str,
    pub queue_reply: &'static str,
    pub keep_draft: &'static str,
    pub saved_replies: &'static str,
    pub move_: &'static str,
    pub next_section: &'static str,
    pub open_figure: &'static str,
    pub period: &'static str,
    pub dates: &'static str,
    pub on_the_network: &'static str,
    pub contact: &'static str,
}

/// Key names that are words.
pub struct KeyNames {
    pub enter: &'static str,
    pub esc: &'static str,
    pub space: &'static str,
    pub home: &'static str,
    pub end: &'static str,
    pub page_up: &'static str,
    pub page_down: &'static str,
}

/// What each action does (help, palette). One field per `app::Action`.
pub struct Actions {
    pub down: &'static str,
    pub up: &'static str,
    pub top: &'static str,
    pub bottom: &'static str,
    pub page_down: &'static str,
    pub page_up: &'static str,
    pub open: &'static str,
    pub back: &'static str,
    pub next_pane: &'static str,
    pub reply: &'static str,
    pub tags: &'static str,
    pub crisis: &'static str,
    pub escalate: &'static str,
    pub assign: &'static str,
    pub take_next: &'static str,
    pub status: &'static str,
    pub sentiment: &'static str,
    pub moderate: &'static str,
    pub hide: &'static str,
    pub like: &'static str,
    pub contact: &'static str,
    pub select: &'static str,
    pub search: &'static str,
    pub filter: &'static str,
    pub clear_filter: &'static str,
    pub view_inbox: &'static str,
    pub view_complaints: &'static str,
    pub view_crisis: &'static str,
    pub view_mine: &'static str,
    pub view_done: &'static str,
    pub stats: &'static str,
    pub stats_period: &'static str,
    pub stats_range: &'static str,
    pub palette: &'static str,
    pub help: &'static str,
    pub undo: &'static str,
    pub refresh: &'static str,
    pub quit: &'static str,
}

/// What each pane command does (help). Named by what it does: the same
/// key command reads differently in different panes.
pub struct Commands {
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub scroll_up: &'static str,
    pub scroll_down: &'static str,
    pub choose: &'static str,
    pub cancel: &'static str,
    pub confirm: &'static str,
    pub complete: &'static str,
    pub toggle_tag: &'static str,
    pub new_tag: &'static str,
    pub close: &'static str,
    pub set_level: &'static str,
    pub escalate: &'static str,
    pub queue_reply: &'static str,
    pub keep_draft: &'static str,
    pub saved_reply: &'static str,
    pub editor: &'static str,
    pub top: &'static str,
    pub bottom: &'static str,
    pub previous_day: &'static str,
    pub next_day: &'static str,
    pub next_section: &'static str,
    pub open_figure: &'static str,
    pub next_period: &'static str,
    pub choose_dates: &'static str,
    pub compute_again: &'static str,
    pub show_help: &'static str,
    pub back_to_queue: &'static str,
    /// The contact card's.
    pub their_conversations: &'static str,
    pub person_note: &'static str,
    pub vip: &'static str,
    pub block_list: &'static str,
    pub link_handle: &'static str,
}

/// The help's section titles, one per pane.
pub struct Sections {
    pub picker: &'static str,
    pub prompt: &'static str,
    pub tags: &'static str,
    pub crisis: &'static str,
    pub reply: &'static str,
    pub stats: &'static str,
    pub contact: &'static str,
    pub help: &'static str,
}

/// The help overlay, the pickers and the prompts.
pub struct Panes {
    pub keys: &'static str,
    pub status: &'static str,
    pub filter_by: &'static str,
    pub saved_replies: &'static str,
    pub escalate_to: &'static str,
    pub sentiment: &'static str,
    /// Filter fields.
    pub channel: &'static str,
    pub tag: &'static str,
    pub crisis_level: &'static str,
    pub assignee: &'static str,
    pub unassigned: &'static str,
    pub language: &'static str,
    pub clear_filters: &'static str,
    /// (view)
    pub search_in: fn(&str) -> String,
    pub search_everywhere: &'static str,
    pub assign_to: &'static str,
    pub new_tag: &'static str,
    /// (level)
    pub crisis_reason: fn(&str) -> String,
    /// (contact)
    pub note_for: fn(&str) -> String,
    pub command: &'static str,
    pub stats_dates: &'static str,
    /// Network actions' picker, the delete confirmation, a report's reason.
    pub on_the_network: &'static str,
    pub delete_our_reply: &'static str,
    pub report_reason: &'static str,
    /// The contact card's: linking a handle, (handle) for a note.
    pub same_person_as: &'static str,
    pub note_on: fn(&str) -> String,
}

/// The tag pane.
pub struct Tags {
    pub title: &'static str,
    /// (conversations)
    pub conversations: fn(u64) -> String,
    pub free: &'static str,
    pub suggested: &'static str,
    /// (key)
    pub new_free_tag: fn(&str) -> String,
    /// (probability, examples)
    pub learned: fn(&str, u64) -> String,
}

/// The built-in criticism categories in words (their tags stay as they
/// are: people filter and report on them by tag).
pub struct Categories {
    pub product_defect: &'static str,
    pub delivery: &'static str,
    pub billing_price: &'static str,
    pub customer_service: &'static str,
    pub outage_bug: &'static str,
    pub safety: &'static str,
    pub ethics_reputation: &'static str,
    pub misinformation: &'static str,
    pub abuse_troll: &'static str,
    pub spam: &'static str,
}

/// The crisis pane.
pub struct Crisis {
    pub title: &'static str,
    pub level: &'static str,
    pub timeline: &'static str,
    pub no_flag: &'static str,
    pub top_authors: &'static str,
    pub mentions_per_hour: &'static str,
    pub nothing_flagged: &'static str,
    /// (hours shown)
    pub mentions_chart: fn(usize) -> String,
}

/// The reply editor.
pub struct Reply {
    pub title: &'static str,
    pub over_limit: &'static str,
    pub editing: &'static str,
    pub start: &'static str,
    pub draft_saved: &'static str,
    pub empty: &'static str,
    /// (network, length, limit)
    pub too_long: fn(&str, &str, &str) -> String,
    pub queued: &'static str,
    pub draft_kept: &'static str,
    pub no_saved_replies: &'static str,
    /// A variable left in the text: (the variables, the queue key).
    pub sent_as_written: fn(&str, &str) -> String,
    /// A saved reply's variables: (the variables).
    pub unknown_variable: fn(&str) -> String,
    pub empty_variable: fn(&str) -> String,
}

/// Figures shared by the stats view and the reports.
pub struct Metrics {
    pub conversations: &'static str,
    pub received: &'static str,
    pub sent: &'static str,
    pub sent_by_rules: &'static str,
    pub answered: &'static str,
    pub response_rate: &'static str,
    pub first_response_median: &'static str,
    pub first_response_p90: &'static str,
    pub first_response_mean: &'static str,
    pub next_reply_median: &'static str,
    pub resolution_median: &'static str,
    pub sla_checked: &'static str,
    pub sla_breaches: &'static str,
    pub negative: &'static str,
    pub neutral: &'static str,
    pub positive: &'static str,
    pub complaints: &'static str,
    pub first_response_times: &'static str,
    pub daily_volume: &'static str,
    pub engagement_rate: &'static str,
    pub audience_growth: &'static str,
    pub never: &'static str,
    /// (value, of) `4 of 7`.
    pub of: fn(&str, &str) -> String,
}

/// The stats view.
pub struct Stats {
    pub title: &'static str,
    pub today: &'static str,
    pub week: &'static str,
    pub month: &'static str,
    pub chosen: &'static str,
    pub anchored: &'static str,
    pub computing: &'static str,
    /// The response times' box (short: it shares the width).
    pub response_times: &'static str,
    pub first_response: &'static str,
    pub median: &'static str,
    pub mean: &'static str,
    /// The negative row under the bars (at most 4 columns).
    pub negative_row: &'static str,
    /// (received, sent) on the cursor's day.
    pub day_in_out: fn(&str, &str) -> String,
    pub categories: &'static str,
    pub no_categories: &'static str,
    pub all_on_time: &'static str,
    /// (delay)
    pub late: fn(&str) -> String,
    pub never_answered: &'static str,
    /// (when)
    pub due: fn(&str) -> String,
    pub no_figure: &'static str,
    pub dates_help: &'static str,
}

/// Flashes on the hint line after something happened.
pub struct Flash {
    pub not_saved: &'static str,
    /// (conversation, status, undo key or "")
    pub left_view: fn(i64, &str, &str) -> String,
    /// (undo key)
    pub undo_hint: fn(&str) -> String,
    /// (what)
    pub undone: fn(&str) -> String,
    pub nothing_to_undo: &'static str,
    /// (changes, conversations)
    pub bulk: fn(u64, u64) -> String,
    /// Undo: (status), (level), (conversations).
    pub status_to: fn(&str) -> String,
    pub crisis_to: fn(&str) -> String,
    pub conversations: fn(u64) -> String,
    pub hooks_done: &'static str,
    /// (conversation, what failed)
    pub hook_failed: fn(i64, &str) -> String,
    pub no_contacts: &'static str,
    pub nothing_to_filter: &'static str,
    pub tag_needs_letters: &'static str,
    /// (the tag as stored)
    pub tagged_as: fn(&str) -> String,
    pub crisis_needs_reason: &'static str,
    /// (name, themes)
    pub no_theme: fn(&str, &str) -> String,
    /// (name)
    pub no_language: fn(&str) -> String,
    /// (what was typed)
    pub unknown_command: fn(&str) -> String,
    pub editor_empty: &'static str,
    /// (program, exit status)
    pub editor_failed: fn(&str, &str) -> String,
    /// (program, error)
    pub editor_not_run: fn(&str, &str) -> String,
}

/// `palabre report` in Markdown and HTML (CSV and JSON keep their
/// machine names).
pub struct Report {
    /// `en`, `fr`: the page's language.
    pub html_lang: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub metric: &'static str,
    pub value: &'static str,
    pub by_channel: &'static str,
    pub by_tag: &'static str,
    pub by_assignee: &'static str,
    pub by_language: &'static str,
    pub volume_by_day: &'static str,
    pub day: &'static str,
    pub volume_by_hour: &'static str,
    pub hour: &'static str,
    pub inbound_by_hour: &'static str,
    pub negative_by_day: &'static str,
    pub within: &'static str,
    pub conversations: &'static str,
    pub none: &'static str,
    pub conversation: &'static str,
    pub channel: &'static str,
    pub first_message: &'static str,
    pub due: &'static str,
    pub answered: &'static str,
    pub backlog: &'static str,
    pub waiting: &'static str,
    pub complaints_by_category: &'static str,
    pub tag: &'static str,
    pub crisis_timeline: &'static str,
    pub nothing_flagged: &'static str,
    pub when: &'static str,
    pub what: &'static str,
    pub by: &'static str,
    pub reason: &'static str,
    pub hour_before: &'static str,
    pub hour_after: &'static str,
    /// (level)
    pub flagged: fn(&str) -> String,
    /// (contact)
    pub escalated_to: fn(&str) -> String,
    pub engagement: &'static str,
    pub our_replies: &'static str,
    pub likes: &'static str,
    pub shares: &'static str,
    pub replies_to_ours: &'static str,
    pub engagements: &'static str,
    pub account: &'static str,
    pub start: &'static str,
    pub end: &'static str,
    pub net: &'static str,
    pub growth: &'static str,
    pub top_authors: &'static str,
    pub author: &'static str,
    pub followers: &'static str,
    pub messages: &'static str,
    pub workload: &'static str,
    pub person: &'static str,
    pub replies: &'static str,
    pub tags: &'static str,
    pub status_changes: &'static str,
    pub assignments: &'static str,
    pub crisis_flags: &'static str,
    pub escalations: &'static str,
    pub notes: &'static str,
    pub assigned: &'static str,
    /// KPI notes: (sent by rules), (answered), (checked), (neutral, positive), (engagements).
    pub by_rules: fn(&str) -> String,
    pub answered_n: fn(&str) -> String,
    pub of_checked: fn(&str) -> String,
    pub neutral_positive: fn(&str, &str) -> String,
    pub engagements_n: fn(&str) -> String,
    /// (seconds) beside a duration.
    pub seconds: fn(&str) -> String,
    /// (from, to, time zone, business hours)
    pub period: fn(&str, &str, &str, &str) -> String,
    /// (time zone)
    pub always_open: fn(&str) -> String,
    /// (holidays)
    pub holidays: fn(u64) -> String,
    /// (time)
    pub generated: fn(&str) -> String,
    /// The unassigned group's name.
    pub unassigned: &'static str,
}

/// What the command line prints for people (`--json` keeps machine names).
pub struct Cli {
    /// Table headers of `palabre list`.
    pub id: &'static str,
    pub channel: &'static str,
    pub status: &'static str,
    pub priority_short: &'static str,
    pub messages_short: &'static str,
    pub age: &'static str,
    pub author: &'static str,
    pub text: &'static str,
    pub no_match: &'static str,
    /// (what to do)
    pub nothing_yet: fn(&str) -> String,
    /// (store)
    pub demo_empty: fn(&str) -> String,
    /// (store, what the sample brought)
    pub demo_loaded: fn(&str, &str) -> String,
    /// (store)
    pub store_empty: fn(&str) -> String,
    /// `palabre info`.
    pub store: &'static str,
    pub schema_version: &'static str,
    pub messages: &'static str,
    pub conversations: &'static str,
    pub channels: &'static str,
    pub languages: &'static str,
    /// `palabre show`: (level), (priority), (messages), (assignee), (age).
    pub crisis: fn(&str) -> String,
    pub escalated: &'static str,
    pub priority: fn(i64) -> String,
    pub message_count: fn(u64) -> String,
    pub assigned_to: fn(&str) -> String,
    pub tags: &'static str,
    pub ago: fn(&str) -> String,
    /// (status, who, age, error or "")
    pub outbox: fn(&str, &str, &str, &str) -> String,
    pub outbox_statuses: OutboxStatuses,
    /// (age)
    pub draft: fn(&str) -> String,
    pub history: &'static str,
    /// (conversation)
    pub no_events: fn(i64) -> String,
    pub nothing_to_change: fn(i64) -> String,
    /// (outbox number)
    pub queued_again: fn(i64) -> String,
    /// (store, the queue's size): the first line of `palabre` in a pipe.
    pub queue_head: fn(&str, u64, u64) -> String,
    /// `palabre backup`/`restore`: (file, store, contents).
    pub backup_done: fn(&str, &str, &str) -> String,
    pub restored: fn(&str, &str, &str) -> String,
    /// (safety copy, contents)
    pub restore_undo: fn(&str, &str) -> String,
    /// (conversations, messages, events, size)
    pub contents: fn(u64, u64, u64, &str) -> String,
    /// Imports: (new, unchanged, updated, skipped), (ignored), (threads).
    pub imported: fn(u64, u64, u64, u64) -> String,
    pub ignored: fn(u64) -> String,
    pub total: &'static str,
    pub skipped: &'static str,
    /// Why nothing of a file was imported.
    pub nothing_imported: &'static str,
    /// (why)
    pub nothing_imported_because: fn(&str) -> String,
    /// (network)
    pub nothing_imported_native: fn(&str) -> String,
    pub not_jsonl: &'static str,
    /// (network, file)
    pub saved_response: fn(&str, &str) -> String,
    /// (the --from options, the first network, file)
    pub saved_responses: fn(&str, &str, &str) -> String,
    pub or: &'static str,
    pub give_a_file: &'static str,
    /// (lag)
    pub search_lag: fn(&str) -> String,
    /// (lines)
    pub invalid_skipped: fn(u64) -> String,
    /// (conversations)
    pub flagged_potential: fn(u64) -> String,
    pub network_said: &'static str,
    pub incomplete: fn(u64) -> String,
    /// (file)
    pub config_ok: fn(&str) -> String,
    pub no_config: &'static str,
    /// (file, categories, their names)
    pub rules_ok: fn(&str, u64, &str) -> String,
    /// (file)
    pub wrote: fn(&str) -> String,
    /// Sync: (account, network, new, updated, unchanged, pages, sent, failed).
    pub synced: fn(&str, &str, u64, u64, u64, u64, u64, u64) -> String,
    /// (network actions done, failed), after `synced`.
    pub synced_actions: fn(u64, u64) -> String,
    /// Automation rules after an import or a sync: (each rule's count).
    pub automation: fn(&str) -> String,
    /// (rule, messages)
    pub rule_on: fn(&str, u64) -> String,
    /// (account, network, state, error, new before it stopped)
    pub sync_failed: fn(&str, &str, &str, &str, u64) -> String,
    /// (account, network): another process syncs it now.
    pub sync_busy: fn(&str, &str) -> String,
    /// (accounts)
    pub accounts_failed: fn(u64) -> String,
    /// Errors: (conversation as given), (what to do).
    pub no_conversation: fn(&str) -> String,
    /// (file, error)
    pub cannot_open: fn(&str, &str) -> String,
    pub cannot_read: fn(&str, &str) -> String,
    /// (account)
    pub no_account_named: fn(&str) -> String,
    /// (config file)
    pub no_accounts: fn(&str) -> String,
    pub no_accounts_no_config: &'static str,
    /// (option, value)
    pub bad_bound: fn(&str, &str) -> String,
    /// (from, to)
    pub empty_period: fn(&str, &str) -> String,
    /// (language)
    pub unknown_lang: fn(&str) -> String,
}

/// The outbox's states in `palabre show`.
pub struct OutboxStatuses {
    pub queued: &'static str,
    pub sending: &'static str,
    pub sent: &'static str,
    pub failed: &'static str,
    pub replaced: &'static str,
}

/// One language: every message of the interface.
pub struct Catalogue {
    pub lang: super::Lang,
    pub formats: Formats,
    pub statuses: Statuses,
    pub crisis_levels: CrisisLevels,
    pub tones: Tones,
    pub sync_states: SyncStates,
    pub views: Views,
    pub reasons: Reasons,
    pub events: Events,
    pub event_kinds: EventKinds,
    pub line_problems: LineProblems,
    pub queue: Queue,
    pub thread: Thread,
    pub bar: Bar,
    pub hints: Hints,
    pub key_names: KeyNames,
    pub actions: Actions,
    pub commands: Commands,
    pub sections: Sections,
    pub panes: Panes,
    pub tags: Tags,
    pub categories: Categories,
    pub crisis: Crisis,
    pub reply: Reply,
    pub metrics: Metrics,
    pub stats: Stats,
    pub flash: Flash,
    pub report: Report,
    pub cli: Cli,
    pub team: Team,
    pub moderation: Moderation,
    pub contact: ContactCard,
    pub cli_moderation: CliModeration,
}

/// A network action's state (`model::ActionStatus`) in `palabre show`.
pub struct ActionStatuses {
    pub queued: &'static str,
    pub sending: &'static str,
    pub done: &'static str,
    pub failed: &'static str,
    pub cancelled: &'static str,
}

/// What the command line prints for network actions, saved replies,
/// automation rules and contacts (`--json` keeps machine names).
pub struct CliModeration {
    /// `palabre act`: (conversation, action)
    pub already: fn(i64, &str) -> String,
    pub sync_carries_it: &'static str,
    /// `undo-action`: (conversation, action number)
    pub already_undone: fn(i64, i64) -> String,
    /// `retry-action`: (action number)
    pub queued_again: fn(i64) -> String,
    /// `palabre accounts`.
    pub no_accounts: &'static str,
    pub accounts: &'static str,
    pub never_synced: &'static str,
    pub table_head: &'static str,
    pub not_offered: &'static str,
    /// `palabre show`.
    pub network_actions: &'static str,
    /// (number, action, message, author, state, who, age, error or "")
    pub action_line: fn(i64, &str, &str, &str, &str, &str, &str, &str) -> String,
    pub statuses: ActionStatuses,
    /// `reply --saved`: (name), (name, the saved replies).
    pub no_saved_reply: fn(&str) -> String,
    pub no_saved_reply_among: fn(&str, &str) -> String,
    /// (name, what is wrong)
    pub saved_reply_refused: fn(&str, &str) -> String,
    pub saved_reply_warning: fn(&str, &str) -> String,
    pub text_or_saved: &'static str,
    /// `rules check`: (file, categories, their names, rules, their names or "").
    pub rules_ok: fn(&str, u64, &str, u64, &str) -> String,
    /// `rules test`: (file, rules, messages examined, since or "").
    pub dry_run: fn(&str, u64, u64, &str) -> String,
    /// (rule, file, line, messages)
    pub rule_matched: fn(&str, &str, usize, u64) -> String,
    /// (what was typed)
    pub bad_since: fn(&str) -> String,
    /// `palabre contact`: (handle)
    pub linked_to_no_one: fn(&str) -> String,
    pub vip: &'static str,
    pub blocked: &'static str,
    pub never: &'static str,
    /// (first seen, last seen, messages, conversations)
    pub seen: fn(&str, &str, u64, u64) -> String,
    pub handles: &'static str,
    /// (followers)
    pub followers: fn(&str) -> String,
    /// (messages)
    pub messages_short: fn(u64) -> String,
    /// (this handle)
    pub may_be_the_same: fn(&str) -> String,
    pub by_week: &'static str,
    pub by_month: &'static str,
    /// (messages, negative, positive)
    pub period: fn(u64, u64, u64) -> String,
    pub conversations: &'static str,
    pub newest_first: &'static str,
    /// (more)
    pub and_more: fn(u64) -> String,
    pub notes_history: &'static str,
}

/// A network action (`model::ActionKind`) in words: one field per kind.
pub struct ActionWords {
    pub hide: &'static str,
    pub unhide: &'static str,
    pub delete: &'static str,
    pub like: &'static str,
    pub unlike: &'static str,
    pub block: &'static str,
    pub unblock: &'static str,
    pub mute: &'static str,
    pub unmute: &'static str,
    pub report: &'static str,
}

/// Why a network does not offer an action (`capabilities::Refusal`).
pub struct Refusals {
    pub no_api: &'static str,
    pub mastodon_hide: &'static str,
    pub reddit_mute: &'static str,
    pub youtube_rate: &'static str,
    pub youtube_unban: &'static str,
    pub youtube_mute: &'static str,
    pub youtube_report: &'static str,
    pub x_report: &'static str,
    pub facebook_mute: &'static str,
    pub facebook_report: &'static str,
    pub instagram_like: &'static str,
    pub instagram_block: &'static str,
    pub instagram_report: &'static str,
}

/// Network actions: the menu, the thread pane, flashes and the history.
pub struct Moderation {
    /// What each does (menu, thread pane, history).
    pub verbs: ActionWords,
    /// What each did, once done.
    pub done: ActionWords,
    pub refusals: Refusals,
    /// In the menu after an action the network can take back: (undo key).
    pub undoes: fn(&str) -> String,
    /// (action) no target's network offers it.
    pub not_offered: fn(&str) -> String,
    /// (action, the networks that do not offer it)
    pub not_on: fn(&str, &str) -> String,
    /// (network, why)
    pub refused: fn(&str, &str) -> String,
    pub delete_for_good: &'static str,
    pub keep_it: &'static str,
    pub report_needs_reason: &'static str,
    /// (action, `#12` or N conversations, undo key)
    pub queued_on: fn(&str, &str, &str) -> String,
    pub cancelled_before: &'static str,
    pub already: &'static str,
    /// In the thread under a message.
    pub queued_for_sync: &'static str,
    pub sending: &'static str,
    pub not_done: &'static str,
    /// History lines: (action, message, reason or "")…
    pub queued_event: fn(&str, &str, &str) -> String,
    /// (action number)
    pub undoing: fn(i64) -> String,
    /// (what it did, message)
    pub done_event: fn(&str, &str) -> String,
    /// (action, message, error)
    pub failed_event: fn(&str, &str, &str) -> String,
    /// (action, message)
    pub cancelled_event: fn(&str, &str) -> String,
    /// An automation rule: (rule, message, what it did).
    pub rule_event: fn(&str, &str, &str) -> String,
    /// Points a rule added: (signed points).
    pub boost_event: fn(&str) -> String,
    pub action_queued: &'static str,
    pub action_done: &'static str,
    pub action_failed: &'static str,
    pub action_cancelled: &'static str,
    pub rule: &'static str,
    pub rule_hook_ok: &'static str,
    pub rule_hook_failed: &'static str,
    pub priority: &'static str,
}

/// The contact card.
pub struct ContactCard {
    pub title: &'static str,
    pub loading: &'static str,
    pub block_list: &'static str,
    /// (when it was, how long ago)
    pub seen: fn(&str, &str) -> String,
    /// (first seen, last seen, messages, conversations)
    pub seen_line: fn(&str, &str, u64, u64) -> String,
    pub by_week: &'static str,
    pub by_month: &'static str,
    /// (mean of the latest period, negative messages, positive ones)
    pub latest: fn(&str, u64, u64) -> String,
    /// (handles, link key)
    pub maybe_also: fn(&str, &str) -> String,
    pub conversations: &'static str,
    pub latest_messages: &'static str,
    pub notes_history: &'static str,
    pub nothing_yet: &'static str,
    /// Hints.
    pub their_conversations: &'static str,
    pub note: &'static str,
    pub vip: &'static str,
    pub block_list_hint: &'static str,
    pub link: &'static str,
    pub close: &'static str,
    /// Flashes.
    pub no_public_message: &'static str,
    pub no_lookalike: &'static str,
    pub note_added: &'static str,
    pub marked_vip: &'static str,
    pub vip_off: &'static str,
    /// (the network actions' key)
    pub blocked_on: fn(&str) -> String,
    pub blocked_off: &'static str,
    pub linked: &'static str,
    /// Their history: (text), (handle, linked to), (handle).
    pub note_event: fn(&str) -> String,
    pub vip_event: &'static str,
    pub vip_off_event: &'static str,
    pub blocked_event: &'static str,
    pub unblocked_event: &'static str,
    pub link_event: fn(&str, &str) -> String,
    pub unlink_event: fn(&str) -> String,
}

/// The team: who else is here, collisions, handing out work.
pub struct Team {
    /// In the status bar after a name.
    pub away: &'static str,
    /// (who, how many more are here): in the thread's and the reply's titles.
    pub replying: fn(&str, usize) -> String,
    /// (who, how many more are here)
    pub here: fn(&str, usize) -> String,
    /// Before why a reply was refused (someone replied first).
    pub reply_not_queued: &'static str,
    /// (conversation) after `n`.
    pub taken: fn(i64) -> String,
    pub nothing_to_take: &'static str,
}
