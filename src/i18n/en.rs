//! English.

use super::Lang;
use super::catalogue::*;
use super::format::en_n;

pub static EN: Catalogue = Catalogue {
    lang: Lang::En,
    formats: Formats {
        colon: ": ",
        decimal: ".",
        thousands: ",",
        group_from: 1_000,
        percent: "%",
        pad_minutes: true,
        unit_gap: "",
        second: "s",
        minute: "m",
        hour: "h",
        day: "d",
        month: "mo",
        kilo: "k",
        mega: "M",
        bytes: ["bytes", "kB", "MB", "GB", "TB"],
        minutes_word: "min",
        hours_word: "h",
        days_word: "days",
        weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        months: [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ],
        first_day: "1",
    },
    statuses: Statuses {
        new: "new",
        open: "open",
        waiting: "waiting",
        resolved: "resolved",
    },
    crisis_levels: CrisisLevels {
        none: "none",
        watch: "watch",
        potential: "potential",
        crisis: "crisis",
    },
    tones: Tones {
        negative: "negative",
        neutral: "neutral",
        positive: "positive",
    },
    sync_states: SyncStates {
        never: "waiting",
        syncing: "syncing…",
        ok: "ok",
        rate_limited: "rate-limited",
        rate_limited_until: |t| format!("rate-limited until {t}"),
        auth_failed: "auth failed",
        offline: "offline",
        error: "error",
    },
    views: Views {
        inbox: "Inbox",
        complaints: "Complaints",
        crisis: "Crisis",
        mine: "Mine",
        done: "Done",
    },
    reasons: Reasons {
        crisis: |level| format!("crisis level {level}"),
        waiting_past_target: |waited, target| {
            format!("waiting {waited} for our answer, past the {target} target")
        },
        waiting_within_target: |waited, target| {
            format!("waiting {waited} for our answer (target {target})")
        },
        waiting: "waiting for our answer",
        danger: "reports danger or harm (safety)",
        complaint: |share| format!("complaint ({share})"),
        negative: "negative tone",
        reach: |n| format!("author reach {n} followers"),
        busy: |n| format!("{n} messages from the public"),
        boost: |points| format!("raised by a rule ({points})"),
    },
    events: Events {
        nobody: "nobody",
        escalated_to: |to, note| format!("to {to}: {note}"),
        draft: |n| en_n(n, "character", "characters"),
        confirmed: "confirmed",
        corrected: "corrected",
        webhook: "webhook",
        command: "command",
        delivered: |code| format!("delivered (HTTP {code})"),
        done: "done",
        failed: "failed",
        attempts: |n| en_n(n, "attempt", "attempts"),
        hook_ok: |hook, target, answer, tries| format!("{hook} {target}: {answer} after {tries}"),
        hook_failed: |hook, target, tries, error| {
            format!("{hook} {target}: failed after {tries}: {error}")
        },
        detector: "palabre (crisis detector)",
        alert: |score, why| format!("crisis detector, score {score}: {why}"),
        alert_window: |weight, mentions, minutes, usual, chance| {
            format!(
                "{weight} weighted negative mentions ({mentions}) in the last {minutes} min against {usual} usual at this hour (a chance of 1 in 10^{chance})"
            )
        },
        danger_words: |words| format!("; danger words: {words}"),
    },
    line_problems: LineProblems {
        whole_line: "(line)",
        required: "is required",
        empty: "must not be empty",
        replies_to_itself: "a message cannot reply to itself",
        empty_parent: "must be null or a message id, not empty",
        empty_thread: "must be absent or a thread id, not empty",
        too_large: "is larger than any real count",
        not_a_language: |v| format!("`{v}` is not a language code such as \"fr\" or \"en\""),
        not_utf8: |at| format!("not valid UTF-8 (byte {at})"),
        not_json: |why| format!("not valid JSON: {why}"),
        text_after: |why| format!("unexpected text after the JSON object: {why}"),
    },
    event_kinds: EventKinds {
        status: "status",
        tag: "tag",
        untag: "untag",
        assign: "assign",
        crisis_flag: "crisis flag",
        escalation: "escalation",
        note: "note",
        reply_queued: "reply queued",
        reply_sent: "reply sent",
        reply_failed: "reply failed",
        draft_saved: "draft saved",
        edited: "edited",
        hook_ok: "hook done",
        hook_failed: "hook failed",
        sentiment: "sentiment",
    },
    queue: Queue {
        stats: "Stats",
        empty: "Nothing here. 1–5 switch views, / searches, c clears filters.",
        search: |q| format!("\"{q}\""),
        everywhere: "everywhere",
        unassigned: "unassigned",
        crisis_filter: |level| format!("crisis:{level}"),
        lang_filter: |code| format!("lang:{code}"),
        sla_breach: |id| format!("SLA #{id}"),
    },
    thread: Thread {
        none: "No conversation selected",
        escalated: "⚑ escalated",
        why_here: "Why here:",
        us: "(us)",
        followers: |short, n| match n {
            1 => "1 follower".to_string(),
            _ => format!("{short} followers"),
        },
        refused: "refused by the network (r to edit and queue it again)",
        sending: "sending",
        queued: "queued, waiting for a connector",
        by: |who, age| format!("by {who} · {age}"),
        escalation: |what, who, age| format!("escalated {what} · by {who} · {age}"),
        draft: "── draft ──",
    },
    bar: Bar {
        new_messages: |n| format!("{n} new"),
        no_accounts: "no accounts",
    },
    hints: Hints {
        open: "open",
        back: "back",
        reply: "reply",
        tags: "tags",
        crisis: "crisis",
        status: "status",
        assign: "assign",
        select: "select",
        search: "search",
        filter: "filter",
        commands: "commands",
        help: "help",
        quit: "quit",
        confirm: "confirm",
        cancel: "cancel",
        close: "close",
        scroll: "scroll",
        toggle: "toggle",
        new_tag: "new tag",
        set_level: "set level (with a reason)",
        escalate: "escalate",
        queue_reply: "queue the reply",
        keep_draft: "keep the draft",
        saved_replies: "saved replies",
        move_: "move",
        next_section: "next section",
        open_figure: "open these conversations",
        period: "period",
        dates: "dates",
        on_the_network: "on the network",
        contact: "contact",
    },
    key_names: KeyNames {
        enter: "Enter",
        esc: "Esc",
        space: "Space",
        home: "Home",
        end: "End",
        page_up: "PgUp",
        page_down: "PgDn",
    },
    actions: Actions {
        down: "Move down",
        up: "Move up",
        top: "Go to the top",
        bottom: "Go to the bottom",
        page_down: "Move down a page",
        page_up: "Move up a page",
        open: "Open the selected thread",
        back: "Back / close",
        next_pane: "Switch between queue and thread",
        reply: "Reply (Ctrl-s queues, Esc keeps the draft)",
        tags: "Tag criticism categories and free tags",
        crisis: "Set the crisis level with a reason",
        escalate: "Escalate to a contact with a note",
        assign: "Assign to someone (or round-robin, least-loaded)",
        take_next: "Take the next conversation nobody has",
        status: "Set the status",
        sentiment: "Correct the sentiment (teaches triage)",
        moderate: "On the network: hide, like, block, report…",
        hide: "Hide the latest comment on its network (u undoes)",
        like: "Like the latest message on its network (u undoes)",
        contact: "The author's contact card: every channel, notes, VIP",
        select: "Select for bulk actions",
        search: "Full-text search",
        filter: "Filter the queue",
        clear_filter: "Clear search and filters",
        view_inbox: "View: Inbox",
        view_complaints: "View: Complaints",
        view_crisis: "View: Crisis",
        view_mine: "View: Mine",
        view_done: "View: Done",
        stats: "Statistics: volume, response times, SLA",
        stats_period: "Stats: next period (today, 7 days, 30 days)",
        stats_range: "Stats: choose the dates",
        palette: "Command palette",
        help: "Show this help",
        undo: "Undo the last status, tag, assignee or crisis change",
        refresh: "Reload from the store",
        quit: "Quit",
    },
    commands: Commands {
        move_up: "Move up",
        move_down: "Move down",
        scroll_up: "Scroll up",
        scroll_down: "Scroll down",
        choose: "Choose",
        cancel: "Cancel",
        confirm: "Confirm",
        complete: "Complete the command (palette), search this view or everywhere",
        toggle_tag: "Toggle the tag on every target",
        new_tag: "New free tag",
        close: "Close",
        set_level: "Set the level (with a reason)",
        escalate: "Escalate to a contact",
        queue_reply: "Queue the reply in the outbox",
        keep_draft: "Keep the draft and close",
        saved_reply: "Insert a saved reply",
        editor: "Edit in $VISUAL / $EDITOR",
        top: "Go to the top",
        bottom: "Go to the bottom",
        previous_day: "Previous day",
        next_day: "Next day",
        next_section: "Next section",
        open_figure: "Open the conversations behind the figure",
        next_period: "Next period (today, 7 days, 30 days)",
        choose_dates: "Choose the dates",
        compute_again: "Compute again",
        show_help: "Show the help",
        back_to_queue: "Back to the queue",
        their_conversations: "Show their conversations in the queue",
        person_note: "Add a note on the person",
        vip: "Mark VIP, or take the mark off",
        block_list: "Put on the block list (rules act on it), or take off",
        link_handle: "Link a handle from another network to this person",
    },
    sections: Sections {
        picker: "In a list (status, filter, contact…)",
        prompt: "In a prompt (search, palette…)",
        tags: "In the tag pane",
        crisis: "In the crisis pane",
        reply: "In the reply editor",
        stats: "In the stats view",
        contact: "In a contact card",
        help: "In this help",
    },
    panes: Panes {
        keys: "Keys",
        status: "Status",
        filter_by: "Filter by",
        saved_replies: "Saved replies",
        escalate_to: "Escalate to",
        sentiment: "Sentiment",
        channel: "Channel",
        tag: "Tag",
        crisis_level: "Crisis level",
        assignee: "Assignee",
        unassigned: "Unassigned",
        language: "Language",
        clear_filters: "Clear all filters",
        search_in: |view| format!("Search in {view} (Tab: everywhere)"),
        search_everywhere: "Search every conversation (Tab: this view only)",
        assign_to: "Assign to (- for nobody)",
        new_tag: "New tag",
        crisis_reason: |level| format!("Reason for crisis level → {level}"),
        note_for: |to| format!("Note for {to}"),
        command: "Command",
        stats_dates: "Stats from … to (2026-11-01 2026-11-15)",
        on_the_network: "On the network",
        delete_our_reply: "Delete our reply?",
        report_reason: "Why report it to the network (spam, abuse…)",
        same_person_as: "The same person as",
        note_on: |handle| format!("Note on {handle}"),
    },
    tags: Tags {
        title: "Tags",
        conversations: |n| format!("{n} conversations"),
        free: "(free tag)",
        suggested: "★ suggested, with the words that suggest it",
        new_free_tag: |key| format!("{key}: new free tag"),
        learned: |p, n| format!("learned from your tags ({p}, {n} examples)"),
    },
    categories: Categories {
        product_defect: "Product defect",
        delivery: "Delivery",
        billing_price: "Billing and price",
        customer_service: "Customer service",
        outage_bug: "Outage or bug",
        safety: "Safety",
        ethics_reputation: "Ethics and reputation",
        misinformation: "Misinformation",
        abuse_troll: "Abuse or trolling",
        spam: "Spam",
    },
    crisis: Crisis {
        title: "Crisis",
        level: "Level",
        timeline: "Timeline",
        no_flag: "no flag yet",
        top_authors: "Top authors by reach",
        mentions_per_hour: "Mentions per hour",
        nothing_flagged: "no conversation is flagged",
        mentions_chart: |h| format!("Mentions per hour in flagged conversations ({h} h)"),
    },
    reply: Reply {
        title: "Reply",
        over_limit: "Over the limit: shorten before queueing",
        editing: "editing…",
        start: "type the reply; it is kept as a draft as you go",
        draft_saved: "draft saved",
        empty: "The reply is empty",
        too_long: |network, length, limit| format!("Too long for {network}: {length}/{limit}"),
        queued: "Reply queued in the outbox",
        draft_kept: "Draft kept",
        sent_as_written: |names, key| {
            format!("⚠ {names} is sent as written: {key} again to queue it")
        },
        unknown_variable: |names| format!("unknown variable {names} left as written"),
        empty_variable: |names| {
            format!("{names} is empty here and has no fallback (write {{name|fallback}})")
        },
        no_saved_replies: "No saved replies: add [[saved_replies]] to the config file",
    },
    metrics: Metrics {
        conversations: "Conversations",
        received: "Received",
        sent: "Sent",
        sent_by_rules: "Sent by rules",
        answered: "Answered",
        response_rate: "Response rate",
        first_response_median: "First response, median",
        first_response_p90: "First response, p90",
        first_response_mean: "First response, mean",
        next_reply_median: "Next reply, median",
        resolution_median: "Resolution, median",
        sla_checked: "SLA checked",
        sla_breaches: "SLA breaches",
        negative: "Negative",
        neutral: "Neutral",
        positive: "Positive",
        complaints: "Complaints",
        first_response_times: "First response times",
        daily_volume: "Daily volume by channel",
        engagement_rate: "Engagement rate",
        audience_growth: "Audience growth",
        never: "never",
        of: |n, total| format!("{n} of {total}"),
    },
    stats: Stats {
        title: "Stats",
        today: "today",
        week: "7 days",
        month: "30 days",
        chosen: "chosen dates",
        anchored: "(up to the latest activity)",
        computing: "Computing…",
        response_times: "First response times",
        first_response: "First response: median",
        median: "median",
        mean: "mean",
        negative_row: "neg.",
        day_in_out: |received, sent| format!("{received} in · {sent} out"),
        categories: "Top complaint categories",
        no_categories: "No tagged conversations in this period",
        all_on_time: "Every first response on time",
        late: |delay| format!("{delay} late"),
        never_answered: "never answered",
        due: |when| format!("due {when}"),
        no_figure: "No conversations behind this figure",
        dates_help: "Dates as 2026-11-01 2026-11-15 (first and last day)",
    },
    team: Team {
        away: "away",
        replying: |who, more| match more {
            0 => format!("✎ {who} is replying"),
            n => format!("✎ {who} is replying (+{n} here)"),
        },
        here: |who, more| match more {
            0 => format!("👁 {who} is here"),
            n => format!("👁 {who} and {n} more are here"),
        },
        reply_not_queued: "reply not queued",
        taken: |id| format!("#{id} is yours now"),
        nothing_to_take: "Nothing left to take here: every conversation of this view has someone",
    },
    flash: Flash {
        not_saved: "not saved",
        left_view: |id, status, undo| format!("#{id} is {status} now and left this view{undo}"),
        undo_hint: |key| format!(" · {key} undoes"),
        undone: |what| format!("undone: {what}"),
        nothing_to_undo: "nothing to undo",
        bulk: |changes, n| {
            format!(
                "{} on {}",
                en_n(changes, "change", "changes"),
                en_n(n, "conversation", "conversations")
            )
        },
        status_to: |status| format!("status → {status}"),
        crisis_to: |level| format!("crisis {level}"),
        conversations: |n| format!("{n} conversations"),
        hooks_done: "Escalation hooks done",
        hook_failed: |id, what| format!("#{id}: escalation hook failed: {what}"),
        no_contacts: "No escalation contacts: add [[contacts]] to the config file",
        nothing_to_filter: "Nothing to filter on yet",
        tag_needs_letters: "a tag needs letters or digits",
        tagged_as: |tag| format!("tagged `{tag}` (tags are lowercase, words joined by -)"),
        crisis_needs_reason: "A crisis flag needs a reason",
        no_theme: |name, themes| format!("no theme `{name}` (themes: {themes})"),
        no_language: |name| format!("no language `{name}` (en, fr)"),
        unknown_command: |text| format!("unknown command: {text}"),
        editor_empty: "EDITOR is empty",
        editor_failed: |program, status| {
            format!("{program} exited with {status}; the draft is unchanged")
        },
        editor_not_run: |program, error| format!("cannot run {program}: {error}"),
    },
    report: Report {
        html_lang: "en",
        title: "Palabre report",
        summary: "Summary",
        metric: "Metric",
        value: "Value",
        by_channel: "By channel",
        by_tag: "By tag",
        by_assignee: "By assignee",
        by_language: "By language",
        volume_by_day: "Volume by day",
        day: "Day",
        volume_by_hour: "Volume by hour",
        hour: "Hour",
        inbound_by_hour: "Inbound messages by hour",
        negative_by_day: "Negative share by day",
        within: "Within",
        conversations: "Conversations",
        none: "None.",
        conversation: "Conversation",
        channel: "Channel",
        first_message: "First message",
        due: "Due",
        answered: "Answered",
        backlog: "Open backlog by age",
        waiting: "Waiting",
        complaints_by_category: "Complaints by category",
        tag: "Tag",
        crisis_timeline: "Crisis timeline",
        nothing_flagged: "Nothing flagged or escalated.",
        when: "When",
        what: "What",
        by: "By",
        reason: "Reason",
        hour_before: "Inbound hour before",
        hour_after: "Hour after",
        flagged: |level| format!("crisis flag {level}"),
        escalated_to: |to| format!("escalation to {to}"),
        engagement: "Engagement and audience",
        our_replies: "Our replies",
        likes: "Likes",
        shares: "Shares",
        replies_to_ours: "Replies to our replies",
        engagements: "Engagements",
        account: "Account",
        start: "Start",
        end: "End",
        net: "Net",
        growth: "Growth",
        top_authors: "Top authors by reach",
        author: "Author",
        followers: "Followers",
        messages: "Messages",
        workload: "Workload",
        person: "Person",
        replies: "Replies",
        tags: "Tags",
        status_changes: "Status",
        assignments: "Assignments",
        crisis_flags: "Crisis flags",
        escalations: "Escalations",
        notes: "Notes",
        assigned: "Assigned",
        by_rules: |n| format!("{n} by rules"),
        answered_n: |n| format!("{n} answered"),
        of_checked: |n| format!("of {n} checked"),
        neutral_positive: |neutral, positive| format!("{neutral} neutral, {positive} positive"),
        engagements_n: |n| format!("{n} engagements"),
        seconds: |n| format!("{n} s"),
        period: |from, to, tz, hours| format!("{from} → {to} ({tz}); business hours: {hours}"),
        always_open: |tz| format!("every day, all day ({tz})"),
        holidays: |n| en_n(n, "holiday", "holidays"),
        generated: |at| {
            format!("Generated by Palabre at {at}. Definitions: see the README, section Analytics.")
        },
        unassigned: "(unassigned)",
    },
    cli: Cli {
        id: "ID",
        channel: "CHANNEL",
        status: "STATUS",
        priority_short: "PRI",
        messages_short: "MSGS",
        age: "AGE",
        author: "AUTHOR",
        text: "TEXT",
        no_match: "(no conversation matches)",
        nothing_yet: |hint| format!("(no conversations yet: {hint})"),
        demo_empty: |db| format!("the demo store {db} is empty"),
        demo_loaded: |db, what| format!("demo store {db}: {what}"),
        store_empty: |db| {
            format!(
                "the store {db} is empty; fill it with `palabre import FILE` or `palabre sync` (accounts in the config), or add --demo to any command to use the demo's store"
            )
        },
        store: "store",
        schema_version: "schema version",
        messages: "messages",
        conversations: "conversations",
        channels: "channels",
        languages: "languages",
        crisis: |level| format!("crisis {level}"),
        escalated: "escalated",
        priority: |n| format!("priority {n}"),
        message_count: |n| en_n(n, "message", "messages"),
        assigned_to: |who| format!("assigned to {who}"),
        tags: "tags",
        ago: |age| format!("{age} ago"),
        outbox: |status, who, age, error| format!("{status} reply by {who} ({age} ago){error}:"),
        outbox_statuses: OutboxStatuses {
            queued: "queued",
            sending: "sending",
            sent: "sent",
            failed: "failed",
            replaced: "replaced",
        },
        draft: |age| format!("draft ({age} ago):"),
        history: "history:",
        no_events: |id| format!("no events for conversation {id}"),
        nothing_to_change: |id| format!("#{id}: nothing to change"),
        queued_again: |id| format!("reply {id} queued again"),
        queue_head: |db, conversations, messages| {
            format!("{db} — {conversations} conversations, {messages} messages")
        },
        backup_done: |file, db, contents| format!("{file}: backup of {db} ({contents})"),
        restored: |db, file, contents| format!("{db}: restored from {file} ({contents})"),
        restore_undo: |safety, contents| {
            format!(
                "what the store held before is in {safety} ({contents}); `palabre restore` it to undo"
            )
        },
        contents: |conversations, messages, events, size| {
            format!("{conversations} conversations, {messages} messages, {events} events, {size}")
        },
        imported: |new, unchanged, updated, skipped| {
            format!("{new} new, {unchanged} unchanged, {updated} updated, {skipped} skipped")
        },
        ignored: |n| format!(", {n} ignored (not mentions, replies or comments)"),
        total: "total",
        skipped: "skipped",
        nothing_imported: "nothing imported from this file (use --skip-invalid to import the valid lines)",
        nothing_imported_because: |why| format!("nothing imported: {why}"),
        nothing_imported_native: |network| {
            format!(
                "nothing imported (expected a saved {network} response, see palabre import --help)"
            )
        },
        not_jsonl: "the file is one JSON document, not JSONL (one message per line); a saved network response is imported with --from NETWORK (see palabre import --help)",
        saved_response: |network, file| {
            format!(
                "this is a saved {network} response, not JSONL: import it with `palabre import --from {network} {file}`"
            )
        },
        saved_responses: |options, first, file| {
            format!(
                "this is a saved network response, not JSONL: import it with --from {options} (`palabre import --from {first} {file}`)"
            )
        },
        or: "or",
        give_a_file: "import: give at least one FILE, or - for standard input",
        search_lag: |lag| format!("search index: {lag}"),
        invalid_skipped: |n| format!("{} skipped", en_n(n, "invalid line", "invalid lines")),
        flagged_potential: |n| {
            format!(
                "crisis detector: {} flagged potential",
                en_n(n, "conversation", "conversations")
            )
        },
        network_said: "the network said",
        incomplete: |n| {
            if n.to_string() == "1" {
                "1 thread has more replies than this response holds".to_string()
            } else {
                format!("{n} threads have more replies than this response holds")
            }
        },
        config_ok: |file| format!("{file}: ok"),
        no_config: "no configuration file (defaults apply)",
        rules_ok: |file, n, names| format!("{file}: ok ({n} categories: {names})"),
        wrote: |file| format!("wrote {file}"),
        synced: |account, network, new, updated, unchanged, pages, sent, failed| {
            format!(
                "{account} ({network}): {new} new, {updated} updated, {unchanged} unchanged in {}; {sent} sent, {failed} failed",
                en_n(pages, "page", "pages")
            )
        },
        synced_actions: |done, failed| {
            format!(
                "; {} done, {failed} failed",
                en_n(done, "network action", "network actions")
            )
        },
        automation: |each| format!("automation: {each}"),
        rule_on: |rule, n| format!("rule {rule} on {}", en_n(n, "message", "messages")),
        sync_failed: |account, network, state, error, new| {
            format!("{account} ({network}): {state}: {error} ({new} new before it stopped)")
        },
        sync_busy: |account, network| {
            format!("{account} ({network}): another palabre is syncing it now; left to it")
        },
        accounts_failed: |n| format!("{} did not sync", en_n(n, "account", "accounts")),
        no_conversation: |reference| format!("no conversation {reference}"),
        cannot_open: |file, e| format!("{file}: cannot open: {e}"),
        cannot_read: |file, e| format!("{file}: cannot read: {e}"),
        no_account_named: |name| format!("no account named {name:?} in the configuration"),
        no_accounts: |file| format!("no accounts: add [[accounts]] blocks to {file}"),
        no_accounts_no_config: "no accounts: add [[accounts]] blocks to the configuration (see config.example.toml)",
        bad_bound: |flag, text| {
            format!(
                "{flag} {text:?}: expected a date like 2026-11-01 or an RFC 3339 time like 2026-11-01T09:00:00Z"
            )
        },
        empty_period: |from, to| {
            format!("the period is empty: --from ({from}) must come before --to ({to})")
        },
        unknown_lang: |l| format!("unknown language `{l}` (en or fr)"),
    },
    moderation: Moderation {
        verbs: ActionWords {
            hide: "hide the comment",
            unhide: "show the comment again",
            delete: "delete our reply",
            like: "like",
            unlike: "unlike",
            block: "block the author",
            unblock: "unblock the author",
            mute: "mute the author",
            unmute: "unmute the author",
            report: "report to the network",
        },
        done: ActionWords {
            hide: "hidden",
            unhide: "shown again",
            delete: "deleted",
            like: "liked",
            unlike: "like taken back",
            block: "author blocked",
            unblock: "author unblocked",
            mute: "author muted",
            unmute: "author unmuted",
            report: "reported",
        },
        refusals: Refusals {
            no_api: "this channel has no network API to act through",
            mastodon_hide: "Mastodon cannot hide a reply to our post: mute or block its author, or report it",
            reddit_mute: "Reddit mutes people only in a subreddit's modmail: block the author instead",
            youtube_rate: "the YouTube Data API cannot rate comments",
            youtube_unban: "the YouTube Data API cannot lift a ban: do it in YouTube Studio",
            youtube_mute: "YouTube has no muting: hold the comment for review or block (ban) the author",
            youtube_report: "comments.markAsSpam is no longer supported by the YouTube Data API: hide or block instead",
            x_report: "the X API offers no way to report a post",
            facebook_mute: "a Facebook Page cannot mute people: hide their comment or block them",
            facebook_report: "the Graph API offers no way to report a comment",
            instagram_like: "the Instagram API cannot like comments",
            instagram_block: "the Instagram API cannot block, restrict or mute accounts: hide the comment instead",
            instagram_report: "the Instagram API offers no way to report a comment",
        },
        undoes: |key| format!(" ({key} undoes)"),
        not_offered: |action| format!("— {action}: not offered by the network"),
        not_on: |action, networks| format!("{action} (not on {networks})"),
        refused: |network, why| format!("{network}: {why}"),
        delete_for_good: "Delete our latest reply on the network (it cannot be undone)",
        keep_it: "Keep it",
        report_needs_reason: "A report needs a reason (what is wrong with the message)",
        queued_on: |action, on, key| {
            format!("{action} queued on {on} · the next sync carries it out · {key} undoes")
        },
        cancelled_before: "taken back before it left: nothing is asked of the network",
        already: "already done or on its way",
        queued_for_sync: "queued for the next sync",
        sending: "sending",
        not_done: "not done",
        queued_event: |action, message, reason| {
            if reason.is_empty() {
                format!("{action} {message}")
            } else {
                format!("{action} {message}: {reason}")
            }
        },
        undoing: |n| format!(" (undoes action {n})"),
        done_event: |done, message| format!("{done}: {message}"),
        failed_event: |action, message, error| format!("{action} {message}: {error}"),
        cancelled_event: |action, message| format!("{action} {message}: cancelled before it left"),
        rule_event: |rule, message, did| format!("{rule} on {message}: {did}"),
        boost_event: |points| format!("priority {points}"),
        action_queued: "action queued",
        action_done: "action done",
        action_failed: "action failed",
        action_cancelled: "action cancelled",
        rule: "rule",
        rule_hook_ok: "rule hook",
        rule_hook_failed: "rule hook failed",
        priority: "priority",
    },
    contact: ContactCard {
        title: "Contact",
        loading: "Loading…",
        block_list: "⊘ block list",
        seen: |when, age| format!("{when} ({age})"),
        seen_line: |first, last, messages, conversations| {
            format!(
                "first seen {first} · last {last} · {} · {}",
                en_n(messages, "message", "messages"),
                en_n(conversations, "conversation", "conversations")
            )
        },
        by_week: "sentiment by week",
        by_month: "sentiment by month",
        latest: |mean, negative, positive| format!("latest {mean} · {negative} − · {positive} +"),
        maybe_also: |handles, key| format!("maybe also {handles} ({key} links)"),
        conversations: "Conversations",
        latest_messages: "Latest messages",
        notes_history: "Notes and history",
        nothing_yet: "nothing yet",
        their_conversations: "their conversations",
        note: "note",
        vip: "VIP",
        block_list_hint: "block list",
        link: "link",
        close: "close",
        no_public_message: "No message from the public here: no contact to show",
        no_lookalike: "No handle elsewhere looks like this person (palabre contact --link links any)",
        note_added: "Note added",
        marked_vip: "Marked VIP",
        vip_off: "VIP mark taken off",
        blocked_on: |key| {
            format!("On the block list (nothing is sent to a network: {key} blocks there)")
        },
        blocked_off: "Off the block list",
        linked: "Linked: one person",
        note_event: |text| format!("note: {text}"),
        vip_event: "marked VIP",
        vip_off_event: "VIP mark taken off",
        blocked_event: "put on the block list",
        unblocked_event: "taken off the block list",
        link_event: |handle, to| format!("linked {handle} to {to}"),
        unlink_event: |handle| format!("unlinked {handle}"),
    },
    cli_moderation: CliModeration {
        already: |conv, action| {
            format!("#{conv}: {action} is already done or on its way: nothing to change")
        },
        sync_carries_it: "(`palabre sync` carries it out, or the terminal UI's background sync)",
        already_undone: |conv, n| format!("#{conv}: action {n} is already undone"),
        queued_again: |n| format!("network action {n} queued again"),
        no_accounts: "no accounts configured (add [[accounts]] blocks; see config.example.toml)",
        accounts: "accounts:",
        never_synced: "never synced",
        table_head: "what each network lets Palabre do (✓ offered, ↺ can be undone, — not offered):",
        not_offered: "not offered:",
        network_actions: "network actions:",
        action_line: |n, action, message, author, status, who, age, error| {
            let error = if error.is_empty() {
                String::new()
            } else {
                format!(" — {error}")
            };
            format!("{n} {action} {message} ({author}) · {status} by {who} ({age} ago){error}")
        },
        statuses: ActionStatuses {
            queued: "queued",
            sending: "sending",
            done: "done",
            failed: "failed",
            cancelled: "cancelled",
        },
        no_saved_reply: |name| {
            format!("no saved reply named {name:?}: the configuration has none ([[saved_replies]])")
        },
        no_saved_reply_among: |name, names| {
            format!("no saved reply named {name:?} (saved replies: {names})")
        },
        saved_reply_refused: |name, why| {
            format!(
                "saved reply {name:?}: {why}; fix it in the configuration, or pass --anyway to send it as written"
            )
        },
        saved_reply_warning: |name, why| format!("warning: saved reply {name:?}: {why}"),
        text_or_saved: "reply: give a TEXT or --saved NAME",
        rules_ok: |file, n, names, rules, rule_names| {
            let rule_names = if rule_names.is_empty() {
                String::new()
            } else {
                format!(": {rule_names}")
            };
            format!(
                "{file}: ok ({n} categories: {names}; {}{rule_names})",
                en_n(rules, "automation rule", "automation rules")
            )
        },
        dry_run: |file, rules, examined, since| {
            let since = if since.is_empty() {
                String::new()
            } else {
                format!(" since {since}")
            };
            format!(
                "{file}: {}, a dry run over {} from the public{since} (nothing is changed)",
                en_n(rules, "automation rule", "automation rules"),
                en_n(examined, "message", "messages")
            )
        },
        rule_matched: |rule, file, line, n| {
            let matched = if n == 0 {
                "no message".to_string()
            } else {
                en_n(n, "message", "messages")
            };
            format!("rule {rule} ({file}:{line}): {matched}")
        },
        bad_since: |text| {
            format!("--since: `{text}` is neither a day (2026-11-01) nor an RFC 3339 time")
        },
        linked_to_no_one: |handle| format!("{handle} is linked to no one else"),
        vip: "VIP",
        blocked: "blocked",
        never: "never",
        seen: |first, last, messages, conversations| {
            format!(
                "first seen {first} · last seen {last} · {} in {}",
                en_n(messages, "message", "messages"),
                en_n(conversations, "conversation", "conversations")
            )
        },
        handles: "handles:",
        followers: |n| format!("{n} fol."),
        messages_short: |n| format!("{n} msg"),
        may_be_the_same: |handle| {
            format!(
                "may be the same person (not linked: palabre contact {handle} --link CHANNEL:HANDLE):"
            )
        },
        by_week: "sentiment by week:",
        by_month: "sentiment by month:",
        period: |n, negative, positive| {
            format!(
                "({}: {negative} negative, {positive} positive)",
                en_n(n, "message", "messages")
            )
        },
        conversations: "conversations:",
        newest_first: "messages (newest first):",
        and_more: |n| format!("… and {n} more (--json lists them all)"),
        notes_history: "notes and history:",
    },
};
