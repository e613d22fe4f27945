//! The `palabre` command: parses arguments and starts the right mode.

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use palabre::commands::{self, CmdResult, Context, Failure, Globals, export, import, queue};
use palabre::i18n::Lang;
use palabre::model::{Channel, CrisisLevel, Status};
use palabre::store::{Change, QueueFilter};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "palabre",
    version,
    about = "A keyboard-driven community inbox for the terminal"
)]
struct Cli {
    /// The store: a file (default: $XDG_DATA_HOME/palabre/palabre.db), or a
    /// team's PostgreSQL database as postgres://USER[:PASSWORD]@HOST[:PORT]/DB
    /// (or postgresql:///DB?host=/run/postgresql for a local socket).
    #[arg(long, global = true, env = "PALABRE_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// Use the demo's store ($XDG_DATA_HOME/palabre/demo.db, filled with the
    /// bundled sample data on first use) instead of your own. `cargo run`
    /// sets PALABRE_DEMO=1, which does the same unless --db is given.
    #[arg(long, global = true, conflicts_with = "db")]
    demo: bool,
    /// The configuration file (default: $XDG_CONFIG_HOME/palabre/config.toml).
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Who is acting, as recorded in events (default: the login name).
    #[arg(long = "as", global = true, env = "PALABRE_USER", value_name = "NAME")]
    actor: Option<String>,
    /// The colour theme for the terminal UI (dark, light, high-contrast, solarized, or a .toml file).
    #[arg(long, global = true, value_name = "NAME")]
    theme: Option<String>,
    /// The interface language: en or fr (default: from LANG).
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Import interchange JSONL files (`-` for standard input), or with
    /// `--from NETWORK` saved native API responses of that network.
    Import {
        /// Files to import, `-` for standard input.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<String>,
        /// Import the valid lines and list every invalid one.
        #[arg(long, conflicts_with = "from")]
        skip_invalid: bool,
        /// Each FILE is one saved response of this network's listing endpoint
        /// (Mastodon notifications or context, Bluesky listNotifications or
        /// getPostThread, Reddit inbox, YouTube commentThreads or comments,
        /// X mentions, Facebook or Instagram comments).
        #[arg(long, value_name = "NETWORK", value_parser = clap::builder::PossibleValuesParser::new(
            palabre::channels::NETWORKS.iter().map(|c| c.as_str())))]
        from: Option<String>,
        /// Mastodon: the instance the responses came from, which completes
        /// local accounts (`kettlo` → `kettlo@HOST`).
        #[arg(long, value_name = "HOST", requires = "from")]
        instance: Option<String>,
        /// Our own handle or account id on that network (repeat for several):
        /// what it wrote is imported as our replies.
        #[arg(long = "me", value_name = "HANDLE", requires = "from")]
        me: Vec<String>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Counts of messages, conversations, channels and languages.
    Info {
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The queue, by priority then age.
    List(ListArgs),
    /// A conversation with its messages in thread order, its draft and its history.
    Show {
        /// The conversation: its number (as in `list`) or CHANNEL:ID of one of its
        /// messages (x:1851234567890).
        conversation: String,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The events of a conversation.
    History {
        /// The conversation: its number (as in `list`) or CHANNEL:ID of one of its
        /// messages (x:1851234567890).
        conversation: String,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add tags to a conversation.
    Tag {
        /// The conversation: its number (as in `list`) or CHANNEL:ID of one of its
        /// messages (x:1851234567890).
        conversation: String,
        /// One or more tags (spelled as `list` shows them: lowercase, dashes).
        #[arg(required = true)]
        tags: Vec<String>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Remove tags from a conversation.
    Untag {
        /// The conversation: its number (as in `list`) or CHANNEL:ID of one of its
        /// messages (x:1851234567890).
        conversation: String,
        /// One or more tags (spelled as `list` shows them: lowercase, dashes).
        #[arg(required = true)]
        tags: Vec<String>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Set a conversation's status (new, open, waiting, resolved).
    Status {
        /// The conversation: its number (as in `list`) or CHANNEL:ID of one of its
        /// messages (x:1851234567890).
        conversation: String,
        /// new, open, waiting or resolved.
        status: Status,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Correct (or confirm) the sentiment of a conversation's latest message
    /// from the public: negative, neutral or positive. Triage learns from it.
    Sentiment {
        /// The conversation: its number (as in `list`) or CHANNEL:ID of one of its
        /// messages (x:1851234567890).
        conversation: String,
        /// negative, neutral or positive.
        sentiment: palabre::model::Tone,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Assign a conversation to someone (`-` to unassign).
    Assign {
        /// The conversation: its number (as in `list`) or CHANNEL:ID of one of its
        /// messages (x:1851234567890).
        conversation: String,
        /// A person's name, or `-` to unassign.
        #[arg(required_unless_present_any = ["round_robin", "least_loaded"])]
        who: Option<String>,
        /// Assign to the next member of the team after the last one chosen
        /// this way (the team: [team] members in the config, else the
        /// people with Palabre open).
        #[arg(long, conflicts_with_all = ["who", "least_loaded"])]
        round_robin: bool,
        /// Assign to the member of the team with the fewest conversations
        /// not resolved.
        #[arg(long, conflicts_with = "who")]
        least_loaded: bool,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Take the highest-priority conversation nobody has (new or open) and
    /// assign it to yourself, atomically: two moderators never get the same.
    Next {
        /// Only from this channel.
        #[arg(long)]
        channel: Option<Channel>,
        /// Only conversations with this tag.
        #[arg(long)]
        tag: Option<String>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Who has Palabre open on this store, and what they are doing.
    Team {
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Set a conversation's crisis level (none, watch, potential, crisis).
    Flag {
        /// The conversation: its number (as in `list`) or CHANNEL:ID of one of its
        /// messages (x:1851234567890).
        conversation: String,
        /// none, watch, potential or crisis.
        level: CrisisLevel,
        /// Why, as the history will show it.
        #[arg(long, required = true)]
        reason: String,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Escalate a conversation to a contact.
    Escalate {
        /// The conversation: its number (as in `list`) or CHANNEL:ID of one of its
        /// messages (x:1851234567890).
        conversation: String,
        /// Who it goes to (a name or an address from the config's contacts).
        #[arg(long, required = true)]
        to: String,
        /// What they should know.
        #[arg(long, default_value = "")]
        note: String,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add a note to a conversation's history.
    Note {
        /// The conversation: its number (as in `list`) or CHANNEL:ID of one of its
        /// messages (x:1851234567890).
        conversation: String,
        /// The note.
        text: String,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Queue a reply in the outbox and set the conversation to waiting.
    Reply {
        /// The conversation: its number (as in `list`) or CHANNEL:ID of one of its
        /// messages (x:1851234567890).
        conversation: String,
        /// The reply's text (quote it; the network's length limit applies).
        #[arg(required_unless_present = "saved", conflicts_with = "saved")]
        text: Option<String>,
        /// A saved reply of the configuration (its name), its variables filled
        /// for this conversation ({author.name}, {conversation.id}…).
        #[arg(long, value_name = "NAME")]
        saved: Option<String>,
        /// Queue it even when the message it answers already has a reply
        /// (queued, being sent or sent, by anyone), or when a saved reply's
        /// variable is unknown or empty (sent as written); without it such a
        /// reply is refused with exit status 3.
        #[arg(long)]
        anyway: bool,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Queue a network action on one of a conversation's messages: hide,
    /// unhide, delete (our reply), like, unlike, block, unblock, mute, unmute
    /// (the author), report. The next `palabre sync` carries it out; a
    /// network that does not offer it refuses it now, with its reason
    /// (`palabre accounts` lists what each offers).
    Act {
        /// The conversation: its number (as in `list`) or CHANNEL:ID of one of its
        /// messages (x:1851234567890).
        conversation: String,
        /// hide, unhide, delete, like, unlike, block, unblock, mute, unmute or report.
        action: palabre::model::ActionKind,
        /// The message's network id (default: the latest from the public; for
        /// delete, our latest reply).
        #[arg(long, value_name = "ID")]
        message: Option<String>,
        /// Why (required for report).
        #[arg(long)]
        reason: Option<String>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Take back a network action (its number in `show`): cancelled if it has
    /// not left yet, else its inverse is queued (unhide after hide), where
    /// the network allows.
    UndoAction {
        /// The action's number, as `show` lists it.
        action: i64,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Queue again a network action that failed or could not be confirmed.
    RetryAction {
        /// The action's number, as `show` lists it.
        action: i64,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// A person across channels: their handles, conversations and messages,
    /// first seen, sentiment over time, notes, VIP and blocked marks. Other
    /// handles are linked to them by hand (--link), never guessed: the card
    /// suggests handles elsewhere that may be them.
    Contact {
        /// A handle (juju_trbl, @juju_trbl) or CHANNEL:HANDLE (x:juju_trbl).
        handle: String,
        /// Add a note on the person.
        #[arg(long)]
        note: Option<String>,
        /// Mark them VIP (automation rules can act on it).
        #[arg(long, conflicts_with = "no_vip")]
        vip: bool,
        /// Take the VIP mark off.
        #[arg(long)]
        no_vip: bool,
        /// Put them on the block list (rules can act on it; nothing is sent
        /// to a network: `palabre act CONV block` does that).
        #[arg(long, conflicts_with = "no_blocked")]
        blocked: bool,
        /// Take them off the block list.
        #[arg(long)]
        no_blocked: bool,
        /// Link another handle (CHANNEL:HANDLE) to this person; repeatable.
        #[arg(long, value_name = "CHANNEL:HANDLE")]
        link: Vec<String>,
        /// Take this handle out of the person it is linked to.
        #[arg(long)]
        unlink: bool,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The configured accounts with their sync state, and what each network
    /// lets Palabre do (hide, delete, like, block, mute, report).
    Accounts {
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Queue again a reply the network refused (its number in `show`).
    Retry {
        /// The reply's outbox number, as `show` lists it.
        outbox: i64,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// A consistent copy of the whole store (tags, flags, assignees, notes,
    /// drafts, outbox, history), taken while others keep working.
    Backup {
        /// The backup file to write (must not exist).
        file: PathBuf,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Replace the store's content with a backup. What it held before is
    /// first saved beside it (`<store>.before-restore-<time>`).
    Restore {
        /// A file written by `palabre backup`.
        file: PathBuf,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write every message as interchange JSONL or CSV: the messages only,
    /// without tags, flags, notes or history (see `backup` for those).
    Export {
        /// jsonl (the interchange format, re-importable) or csv.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: export::Format,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Fetch every account's new items and send the outbox.
    Sync {
        /// Keep polling each account at its network's pace (Ctrl-C stops).
        #[arg(long)]
        watch: bool,
        /// Only this account (its `name` in the configuration).
        #[arg(long)]
        account: Option<String>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Analytics for a period: volume, response times, SLA, sentiment,
    /// engagement. Definitions are in the README.
    Report {
        /// First day (2026-11-01, whole day in the [sla] time zone) or an
        /// RFC 3339 time. Default: 30 days before --to.
        #[arg(long)]
        from: Option<String>,
        /// Last day, included (or an RFC 3339 time, excluded). Default: today.
        #[arg(long)]
        to: Option<String>,
        /// md (Markdown), html, json or csv.
        #[arg(long, value_enum, default_value = "md")]
        format: commands::report::Format,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Configuration commands.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Rules files: criticism categories and automation rules.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Crisis detection tools.
    Crisis {
        #[command(subcommand)]
        command: CrisisCommand,
    },
    /// Measure triage on labelled JSONL (sentiment, complaint, hostile).
    Eval {
        /// Labelled JSONL files (`text`, `lang`, and `sentiment`, `complaint`
        /// or `hostile` labels).
        #[arg(value_name = "FILE", required = true)]
        files: Vec<String>,
        /// Test-then-train: learn each label after scoring it, and report the
        /// second half of the file too.
        #[arg(long)]
        learn: bool,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write N deterministic interchange messages for benchmarks.
    BenchGen {
        /// How many messages.
        n: u64,
        /// The same seed writes the same messages.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Open the terminal UI on the store (the default without a subcommand).
    Tui,
    /// Load the bundled sample data into the demo store and open it.
    Demo,
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Validate a rules file — its [[category]] and [[rule]] tables — (default:
    /// the one named in the config).
    Check {
        /// The rules file (default: the config's [triage] rules).
        file: Option<PathBuf>,
    },
    /// A dry run of a file's automation rules over the store: what each rule
    /// would have done to which message. Nothing is changed.
    Test {
        /// The rules file.
        file: PathBuf,
        /// Only messages written since this day (2026-11-01, in the [sla]
        /// time zone) or RFC 3339 time (default: all).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum CrisisCommand {
    /// Run the crisis detector over the store now (imports run it too) and
    /// flag the conversations of each alert as potential.
    Scan,
    /// Replay a crisis timeline (CSV, a timestamp first on each row) mixed into
    /// normal background traffic, and print when alerts fire.
    Replay {
        /// The timeline CSV (a timestamp first on each row, then the text).
        timeline: String,
        /// low, medium or high
        #[arg(long, default_value = "medium")]
        sensitivity: String,
        /// Seed of the generated background traffic.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Validate a configuration file without starting anything.
    Check {
        /// The file to check (default: --config, then
        /// $XDG_CONFIG_HOME/palabre/config.toml).
        file: Option<PathBuf>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
struct ListArgs {
    /// Only this network (mastodon, bluesky, reddit, youtube, x, facebook,
    /// instagram, email, other).
    #[arg(long)]
    channel: Option<Channel>,
    /// Only this status: new, open, waiting, resolved.
    #[arg(long)]
    status: Option<Status>,
    /// Only conversations with this tag.
    #[arg(long)]
    tag: Option<String>,
    /// Only this crisis level: none, watch, potential, crisis.
    #[arg(long)]
    crisis: Option<CrisisLevel>,
    /// The tone of the latest inbound message: negative, neutral, positive.
    #[arg(long)]
    sentiment: Option<palabre::model::Tone>,
    /// Someone's name, or `-` for unassigned conversations.
    #[arg(long)]
    assignee: Option<String>,
    /// Full-text search over message text and authors.
    #[arg(long)]
    search: Option<String>,
    /// At most this many conversations.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Skip this many first (for paging).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

fn unassign(who: &str) -> Option<String> {
    let who = who.trim();
    (!(who.is_empty() || who == "-")).then(|| who.to_string())
}

fn run(cli: Cli) -> CmdResult {
    let globals = Globals {
        db: cli.db,
        config: cli.config,
        actor: cli.actor,
        theme: cli.theme,
        lang: cli.lang,
    };
    let demo =
        cli.demo || (globals.db.is_none() && std::env::var("PALABRE_DEMO").is_ok_and(|v| v == "1"));
    let Some(command) = cli.command else {
        return commands::demo::run_default(&globals, demo);
    };
    let ctx = || {
        if demo {
            commands::demo::prepare(&globals)
        } else {
            Context::new(&globals)
        }
    };
    match command {
        Command::Import {
            files,
            skip_invalid,
            from: Some(network),
            instance,
            me,
            json,
        } => {
            debug_assert!(!skip_invalid);
            let network: Channel = network
                .parse()
                .map_err(|e| Failure::input(format!("{e}")))?;
            let account = palabre::channels::Account { me, instance };
            import::run_native(&ctx()?, &files, network, &account, json)
        }
        Command::Import {
            files,
            skip_invalid,
            json,
            ..
        } => import::run(
            &ctx()?,
            &files,
            &palabre::inbox::ImportOptions {
                skip_invalid,
                ..Default::default()
            },
            json,
        ),
        Command::Info { json } => queue::info(&ctx()?, json),
        Command::List(a) => {
            let filter = QueueFilter {
                channel: a.channel,
                status: a.status,
                tag: a.tag,
                crisis: a.crisis,
                assignee: a.assignee.as_deref().map(unassign),
                search: a.search,
                limit: a.limit,
                offset: a.offset,
                tone: a.sentiment,
                ..Default::default()
            };
            queue::list(&ctx()?, &filter, a.json)
        }
        Command::Show { conversation, json } => {
            commands::conversation::show(&ctx()?, &conversation, json)
        }
        Command::History { conversation, json } => {
            commands::conversation::history(&ctx()?, &conversation, json)
        }
        Command::Tag {
            conversation,
            tags,
            json,
        } => commands::conversation::change(&ctx()?, &conversation, Change::Tag(tags), json),
        Command::Untag {
            conversation,
            tags,
            json,
        } => commands::conversation::change(&ctx()?, &conversation, Change::Untag(tags), json),
        Command::Status {
            conversation,
            status,
            json,
        } => commands::conversation::change(&ctx()?, &conversation, Change::Status(status), json),
        Command::Sentiment {
            conversation,
            sentiment,
            json,
        } => commands::conversation::change(
            &ctx()?,
            &conversation,
            Change::Sentiment(sentiment),
            json,
        ),
        Command::Assign {
            conversation,
            who,
            round_robin,
            least_loaded,
            json,
        } => match (who, round_robin, least_loaded) {
            (_, true, _) => commands::team::assign_auto(
                &ctx()?,
                &conversation,
                palabre::store::AutoAssign::RoundRobin,
                json,
            ),
            (_, _, true) => commands::team::assign_auto(
                &ctx()?,
                &conversation,
                palabre::store::AutoAssign::LeastLoaded,
                json,
            ),
            (who, _, _) => commands::conversation::change(
                &ctx()?,
                &conversation,
                Change::Assign(unassign(who.as_deref().unwrap_or("-"))),
                json,
            ),
        },
        Command::Next { channel, tag, json } => commands::team::next(
            &ctx()?,
            palabre::store::QueueFilter {
                channel,
                tag,
                ..Default::default()
            },
            json,
        ),
        Command::Team { json } => commands::team::team(&ctx()?, json),
        Command::Flag {
            conversation,
            level,
            reason,
            json,
        } => commands::conversation::change(
            &ctx()?,
            &conversation,
            Change::Flag { level, reason },
            json,
        ),
        Command::Escalate {
            conversation,
            to,
            note,
            json,
        } => commands::conversation::change(
            &ctx()?,
            &conversation,
            Change::Escalate { to, note },
            json,
        ),
        Command::Note {
            conversation,
            text,
            json,
        } => commands::conversation::change(&ctx()?, &conversation, Change::Note(text), json),
        Command::Reply {
            conversation,
            text,
            saved,
            anyway,
            json,
        } => match (text, saved) {
            (Some(text), _) => commands::conversation::change(
                &ctx()?,
                &conversation,
                Change::QueueReply {
                    text,
                    check: if anyway {
                        palabre::store::ReplyCheck::Anyway
                    } else {
                        palabre::store::ReplyCheck::Once
                    },
                },
                json,
            ),
            (None, Some(name)) => {
                commands::conversation::reply_saved(&ctx()?, &conversation, &name, anyway, json)
            }
            (None, None) => Err(Failure::input(ctx()?.lang.t().cli_moderation.text_or_saved)),
        },
        Command::Act {
            conversation,
            action,
            message,
            reason,
            json,
        } => commands::actions::act(
            &ctx()?,
            &conversation,
            palabre::store::ActRequest {
                message,
                reason,
                ..palabre::store::ActRequest::new(action)
            },
            json,
        ),
        Command::UndoAction { action, json } => commands::actions::undo(&ctx()?, action, json),
        Command::RetryAction { action, json } => commands::actions::retry(&ctx()?, action, json),
        Command::Accounts { json } => commands::actions::accounts(&ctx()?, json),
        Command::Contact {
            handle,
            note,
            vip,
            no_vip,
            blocked,
            no_blocked,
            link,
            unlink,
            json,
        } => commands::contact::run(
            &ctx()?,
            &handle,
            &commands::contact::ContactChanges {
                note,
                vip: (vip || no_vip).then_some(vip),
                blocked: (blocked || no_blocked).then_some(blocked),
                link,
                unlink,
            },
            json,
        ),
        Command::Retry { outbox, json } => {
            let ctx = ctx()?;
            let mut store = ctx.open_store()?;
            store.retry_reply(outbox)?;
            if json {
                commands::print_json(&serde_json::json!({"outbox": outbox, "status": "queued"}))
            } else {
                println!("{}", (ctx.lang.t().cli.queued_again)(outbox));
                Ok(())
            }
        }
        Command::Backup { file, json } => commands::backup::backup(&ctx()?, &file, json),
        Command::Restore { file, json } => commands::backup::restore(&ctx()?, &file, json),
        Command::Export { format, output } => export::run(&ctx()?, format, output.as_deref()),
        Command::Sync {
            watch,
            account,
            json,
        } => commands::sync::run(&ctx()?, watch, account.as_deref(), json),
        Command::Report {
            from,
            to,
            format,
            output,
        } => commands::report::run(
            &ctx()?,
            from.as_deref(),
            to.as_deref(),
            format,
            output.as_deref(),
        ),
        Command::Config {
            command: ConfigCommand::Check { file, json },
        } => commands::config_check(
            file.as_deref().or(globals.config.as_deref()),
            json,
            commands::resolve_lang(globals.lang.as_deref(), None)?,
        ),
        Command::BenchGen { n, seed, output } => {
            let sink: Box<dyn std::io::Write> = match &output {
                Some(p) => Box::new(
                    std::fs::File::create(p)
                        .map_err(|e| Failure::input(format!("{}: {e}", p.display())))?,
                ),
                None => Box::new(std::io::stdout().lock()),
            };
            let mut out = std::io::BufWriter::new(sink);
            palabre::benchgen::generate(n, seed, &mut out)?;
            std::io::Write::flush(&mut out)?;
            Ok(())
        }
        Command::Demo => commands::demo::run(&globals),
        Command::Eval { files, learn, json } => {
            // The configured transformer tier is measured too.
            Context::new(&globals)?.load_transformer()?;
            commands::eval::run(&files, learn, json)
        }
        Command::Rules {
            command: RulesCommand::Check { file },
        } => {
            let ctx = ctx()?;
            let file = match file {
                Some(f) => f,
                None => ctx.config.triage.rules.clone().ok_or_else(|| {
                    Failure::input("rules check: give a FILE, or set [triage] rules in the config")
                })?,
            };
            commands::rules::check(&ctx, &file)
        }
        Command::Rules {
            command: RulesCommand::Test { file, since, json },
        } => commands::rules::test(&ctx()?, &file, since.as_deref(), json),
        Command::Crisis {
            command: CrisisCommand::Scan,
        } => {
            let ctx = ctx()?;
            let mut store = ctx.open_store()?;
            let n = palabre::inbox::crisis::scan(&mut store, palabre::inbox::crisis::DETECTOR)?;
            println!("{}", (ctx.lang.t().cli.flagged_potential)(n as u64));
            Ok(())
        }
        Command::Crisis {
            command:
                CrisisCommand::Replay {
                    timeline,
                    sensitivity,
                    seed,
                    json,
                },
        } => {
            let sensitivity = match sensitivity.as_str() {
                "low" => palabre::triage::crisis::Sensitivity::Low,
                "medium" => palabre::triage::crisis::Sensitivity::Medium,
                "high" => palabre::triage::crisis::Sensitivity::High,
                other => {
                    return Err(Failure::input(format!(
                        "--sensitivity: `{other}` (expected low, medium or high)"
                    )));
                }
            };
            commands::crisis::replay(&timeline, sensitivity, seed, json)
        }
        Command::Tui => {
            commands::tui::run(&ctx()?, globals.theme.as_deref(), globals.lang.as_deref())
        }
    }
}

/// The language of `--help`: `--lang` if given, else the locale (the
/// config is not read yet).
fn lang_of_args() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let given = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .map(str::to_string)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned()).flatten())
    });
    given
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_else(Lang::from_env)
}

/// The command tree in `lang`, built (clap adds its `help` subcommands when
/// it builds: they are named after that).
fn localized_built(lang: Lang) -> clap::Command {
    fn help_subcommands(mut cmd: clap::Command) -> clap::Command {
        let about = palabre::i18n::cli_help::french("help", None).unwrap_or_default();
        let subs: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        for name in subs {
            cmd = if name == "help" {
                cmd.mut_subcommand(&name, |h| {
                    let inner: Vec<String> = h
                        .get_subcommands()
                        .map(|s| s.get_name().to_string())
                        .collect();
                    inner.into_iter().fold(h.about(about), |h, n| {
                        h.mut_subcommand(n, |c| c.about(None::<&str>))
                    })
                })
            } else {
                cmd.mut_subcommand(&name, help_subcommands)
            };
        }
        cmd
    }
    let mut cmd = localized(Cli::command(), "", lang);
    if lang == Lang::En {
        return cmd;
    }
    cmd.build();
    help_subcommands(cmd)
}

/// The command tree with its descriptions in `lang` (English is the doc
/// comments above; French comes from `i18n::cli_help`).
fn localized(cmd: clap::Command, path: &str, lang: Lang) -> clap::Command {
    use clap::{Arg, ArgAction};
    if lang == Lang::En {
        return cmd;
    }
    let french = palabre::i18n::cli_help::french;
    let mut cmd = cmd;
    if let Some(about) = french(path, None) {
        cmd = cmd.about(about).long_about(None);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    // `mut_arg` puts the argument it changes last: positionals keep their
    // place only with their index written down first.
    let positionals: Vec<String> = cmd
        .get_positionals()
        .map(|a| a.get_id().to_string())
        .collect();
    for (n, id) in positionals.iter().enumerate() {
        cmd = cmd.mut_arg(id, |a| {
            if a.get_index().is_some() {
                a
            } else {
                a.index(n + 1)
            }
        });
    }
    for id in ids {
        if let Some(help) = french(path, Some(&id)) {
            cmd = cmd.mut_arg(&id, |a| {
                // clap's own notes are English: written here instead.
                let mut help = help.to_string();
                // Headings as French writes them (clap adds the colon).
                let heading = if a.is_positional() {
                    "Arguments\u{a0}"
                } else {
                    "Options\u{a0}"
                };
                let a = a.help_heading(heading);
                if let Some(var) = a.get_env() {
                    help.push_str(&format!(" [variable\u{a0}: {}]", var.to_string_lossy()));
                }
                let a = a.hide_env(true);
                if !a.get_action().takes_values() {
                    return a.help(help).long_help(None);
                }
                let defaults: Vec<String> = a
                    .get_default_values()
                    .iter()
                    .map(|v| v.to_string_lossy().into_owned())
                    .filter(|v| !v.is_empty())
                    .collect();
                if !defaults.is_empty() {
                    help.push_str(&format!(" [par défaut\u{a0}: {}]", defaults.join(", ")));
                }
                let values: Vec<String> = a
                    .get_possible_values()
                    .iter()
                    .filter(|v| !v.is_hide_set())
                    .map(|v| v.get_name().to_string())
                    .collect();
                if !values.is_empty() {
                    help.push_str(&format!(" [valeurs\u{a0}: {}]", values.join(", ")));
                }
                a.help(help)
                    .long_help(None)
                    .hide_default_value(true)
                    .hide_possible_values(true)
            });
        }
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| localized(s, &sub_path, lang));
    }
    cmd = cmd
        .help_template(
            "{before-help}{about-with-newline}\nUtilisation\u{a0}: {usage}\n\n{all-args}{after-help}",
        )
        .subcommand_help_heading("Commandes\u{a0}")
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .help_heading("Options\u{a0}")
                .action(ArgAction::Help)
                .help(french(path, Some("help")).unwrap_or_default()),
        );
    if path.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .help_heading("Options\u{a0}")
                .action(ArgAction::Version)
                .help(french(path, Some("version")).unwrap_or_default()),
        );
    }
    cmd
}

fn main() {
    // Die quietly on a closed pipe (`palabre list | head`) like other Unix tools.
    // SAFETY: called first thing, before any thread exists.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let lang = lang_of_args();
    let matches = localized_built(lang).get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    if let Err(f) = run(cli) {
        eprintln!("palabre: {}", f.message);
        std::process::exit(f.code);
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// Every command and argument has its French description.
    #[test]
    fn every_argument_of_every_subcommand_is_described_in_french() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let french = palabre::i18n::cli_help::french;
            if french(path, None).is_none() {
                missing.push(format!("`{path}`"));
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if french(path, Some(id)).is_none() {
                    missing.push(format!("`{path}` {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                // clap's `help` lists the commands again, named above.
                if sub.get_name() == "help" {
                    if sub
                        .get_about()
                        .is_none_or(|a| a.to_string().contains("Print"))
                    {
                        missing.push(format!("`{path} help`"));
                    }
                    continue;
                }
                let sub_path = if path.is_empty() {
                    sub.get_name().to_string()
                } else {
                    format!("{path} {}", sub.get_name())
                };
                walk(sub, &sub_path, missing);
            }
        }
        let mut missing = Vec::new();
        let mut cmd = super::localized_built(palabre::i18n::Lang::Fr);
        walk(&cmd, "", &mut missing);
        assert!(missing.is_empty(), "no French for: {missing:#?}");
        let help = cmd
            .find_subcommand_mut("report")
            .unwrap()
            .render_help()
            .to_string();
        assert!(
            help.contains("Utilisation\u{a0}:") && help.contains("par défaut\u{a0}: md"),
            "{help}"
        );
        assert!(!help.contains("Print help"), "{help}");
    }

    /// `palabre SUBCOMMAND --help` describes every argument it takes.
    #[test]
    fn every_argument_of_every_subcommand_is_described() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_about().is_none() {
                    missing.push(format!("{path} {} (no description)", sub.get_name()));
                }
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "palabre", &mut missing);
        assert!(missing.is_empty(), "undescribed: {missing:#?}");
    }
}
