//! A team on one store: real `palabre` processes at once (replies that never
//! collide, "next" that never hands one conversation to two people), live
//! updates from one process's change to another's screen through LISTEN/NOTIFY
//! (and the catch-up after a dropped connection), presence in the TUI, and a
//! draft kept when someone replied first.

#[path = "common/backends.rs"]
mod backends;

use chrono::Utc;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use palabre::app::App;
use palabre::app::keymap::Keymap;
use palabre::app::state::{Overlay, State};
use palabre::app::update::Msg;
use palabre::inbox::Store;
use palabre::model::{Channel, Message};
use palabre::store::postgres::{Listener, listen};
use palabre::store::{Activity, Change, Notice, Presence, PresenceState, QueueFilter, ReplyCheck};
use palabre::ui::i18n::Lang;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn message(id: &str, parent: Option<&str>, text: &str) -> Message {
    let line = serde_json::json!({
        "channel": "mastodon",
        "id": id,
        "parent_id": parent,
        "kind": if parent.is_some() { "reply" } else { "mention" },
        "author": {"handle": format!("@p{id}@example.social"), "name": format!("P {id}"),
                   "followers": 10, "verified": false},
        "text": text,
        "lang": "en",
        "created_at": "2026-11-02T09:00:00Z",
    });
    palabre::ingest::parse_line(&line.to_string(), 1).expect("a valid line")
}

fn palabre(db: &std::path::Path, who: &str, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_palabre"));
    c.arg("--db")
        .arg(db)
        .args(["--as", who])
        .args(args)
        .env_remove("PALABRE_DEMO")
        .env_remove("PALABRE_DB")
        .env_remove("PALABRE_USER")
        // No config of the machine's: an empty folder of our own.
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("palabre-team-test-no-config"),
        )
        .stdin(Stdio::null());
    c
}

/// Many moderators press "send" on the same message at the same instant,
/// each in a process of their own: exactly one reply is queued, the others
/// are told who answered (exit status 3), and nothing else changes.
#[test]
fn two_moderators_can_never_send_two_replies_to_the_same_message_by_accident() {
    for mut b in backends::each("reply_race") {
        b.store
            .import_messages(&[message("1", None, "Is anyone there?")], "t", "x")
            .unwrap();
        let conv = b.store.resolve_conversation("mastodon:1").unwrap();
        const PROCESSES: usize = 12;
        let children: Vec<_> = (0..PROCESSES)
            .map(|i| {
                palabre(
                    &b.location,
                    &format!("mod{i}"),
                    &["reply", &conv.to_string(), &format!("Hello from mod{i}")],
                )
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start palabre")
            })
            .collect();
        let outputs: Vec<_> = children
            .into_iter()
            .map(|c| c.wait_with_output().expect("palabre ran"))
            .collect();
        let won: Vec<_> = outputs.iter().filter(|o| o.status.success()).collect();
        assert_eq!(
            won.len(),
            1,
            "{}: exactly one reply goes: {:?}",
            b.name,
            outputs
                .iter()
                .map(|o| String::from_utf8_lossy(&o.stderr).to_string())
                .collect::<Vec<_>>()
        );
        for lost in outputs.iter().filter(|o| !o.status.success()) {
            let err = String::from_utf8_lossy(&lost.stderr);
            assert_eq!(lost.status.code(), Some(3), "{}: {err}", b.name);
            assert!(err.contains("already replied"), "{}: {err}", b.name);
        }
        let pending = b.store.pending_replies(Channel::Mastodon).unwrap();
        assert_eq!(pending.len(), 1, "{}: one reply in the outbox", b.name);
        let queued = b
            .store
            .history(conv)
            .unwrap()
            .into_iter()
            .filter(|e| e.kind == palabre::model::EventKind::ReplyQueued)
            .count();
        assert_eq!(queued, 1, "{}", b.name);
        // Who lost may still say more, knowingly.
        let again = palabre(
            &b.location,
            "mod0",
            &["reply", &conv.to_string(), "PS", "--anyway"],
        )
        .output()
        .unwrap();
        assert!(again.status.success(), "{}: {again:?}", b.name);
    }
}

/// Five moderators each run `palabre next` until nothing is left: every
/// conversation goes to exactly one of them.
#[test]
fn next_in_many_processes_hands_each_conversation_out_once() {
    for mut b in backends::each("next_processes") {
        let batch: Vec<Message> = (0..15)
            .map(|i| message(&format!("n{i}"), None, "help please"))
            .collect();
        b.store.import_messages(&batch, "t", "x").unwrap();
        let children: Vec<_> = (0..5)
            .map(|m| {
                let db = b.location.clone();
                std::thread::spawn(move || {
                    let who = format!("mod{m}");
                    let mut got = Vec::new();
                    loop {
                        let out = palabre(&db, &who, &["next", "--json"]).output().unwrap();
                        assert!(out.status.success(), "{out:?}");
                        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                        match v["conversation"]["id"].as_i64() {
                            Some(id) => got.push(id),
                            None => return got,
                        }
                    }
                })
            })
            .collect();
        let mut all: Vec<i64> = children
            .into_iter()
            .flat_map(|c| c.join().unwrap())
            .collect();
        assert_eq!(all.len(), 15, "{}", b.name);
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 15, "{}: nobody got one twice", b.name);
        assert_eq!(
            b.store
                .count(&QueueFilter {
                    assignee: Some(None),
                    ..Default::default()
                })
                .unwrap(),
            0,
            "{}",
            b.name
        );
    }
}

fn app_on(location: &std::path::Path, user: &str) -> App {
    let store = Store::open(location).unwrap();
    let state = State::new(user.into(), Lang::En, "dark".into(), Utc::now());
    let mut app = App::new(store, state, Keymap::default()).unwrap();
    app.handle(Msg::Resize { rows: 18 });
    app.start();
    app
}

/// The next notice within `wait`.
fn notice_within(listener: &mut Listener, wait: Duration) -> Option<Notice> {
    let deadline = Instant::now() + wait;
    while Instant::now() < deadline {
        if let Some(n) = listener.try_recv() {
            return Some(n);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    None
}

/// Notices until one of `kind` comes (within `wait`), fed to `app`.
fn feed_until(app: &mut App, listener: &mut Listener, kind: &str, wait: Duration) -> bool {
    let deadline = Instant::now() + wait;
    while let Some(n) = notice_within(listener, deadline.saturating_duration_since(Instant::now()))
    {
        let done = n.kind == kind;
        app.remote(n);
        if done {
            return true;
        }
    }
    false
}

/// Léa tags, replies and assigns on her machine; Sam's screen, fed by the
/// notification listener, shows each within a second.
#[test]
fn a_tag_a_reply_and_an_assignment_on_one_machine_show_on_another_within_a_second() {
    let Some(mut lea) = backends::postgres("live_updates") else {
        return;
    };
    lea.store
        .import_messages(&[message("1", None, "Where is my order?")], "t", "x")
        .unwrap();
    let conv = lea.store.resolve_conversation("mastodon:1").unwrap();
    let mut sam = app_on(&lea.location, "sam");
    let url = lea.location.to_str().unwrap().to_string();
    let mut listener = listen(&url, sam.store().last_event().unwrap()).unwrap();
    // The listener is connected once a first notice comes through.
    lea.store
        .apply(conv, Change::Note("warming up".into()), "lea")
        .unwrap();
    assert!(feed_until(
        &mut sam,
        &mut listener,
        "note",
        Duration::from_secs(5)
    ));

    let started = Instant::now();
    lea.store
        .apply(conv, Change::Tag(vec!["shipping".into()]), "lea")
        .unwrap();
    assert!(feed_until(
        &mut sam,
        &mut listener,
        "tag",
        Duration::from_secs(1)
    ));
    assert_eq!(sam.state.items[0].tags, vec!["shipping"]);
    lea.store
        .apply(conv, Change::Assign(Some("lea".into())), "lea")
        .unwrap();
    assert!(feed_until(
        &mut sam,
        &mut listener,
        "assign",
        Duration::from_secs(1)
    ));
    assert_eq!(sam.state.items[0].assignee.as_deref(), Some("lea"));
    lea.store
        .apply(
            conv,
            Change::QueueReply {
                text: "It left this morning.".into(),
                check: ReplyCheck::Once,
            },
            "lea",
        )
        .unwrap();
    assert!(feed_until(
        &mut sam,
        &mut listener,
        "reply_queued",
        Duration::from_secs(1)
    ));
    // Answered, it waits for them now: it leaves Sam's inbox.
    assert!(
        sam.state.items.iter().all(|c| c.id != conv),
        "{:?}",
        sam.state.items
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "three changes, each within a second: {:?}",
        started.elapsed()
    );
}

/// The listener's connection drops (a restart, a network cut) while Léa
/// works: once it is back, it catches up from the event log.
#[test]
fn after_a_dropped_connection_the_listener_catches_up_from_the_event_log() {
    let Some(mut lea) = backends::postgres("live_catch_up") else {
        return;
    };
    let server = palabre_test_server::postgres::shared().unwrap();
    lea.store
        .import_messages(&[message("1", None, "Hello?")], "t", "x")
        .unwrap();
    let conv = lea.store.resolve_conversation("mastodon:1").unwrap();
    let url = lea.location.to_str().unwrap().to_string();
    let database = url.rsplit('/').next().unwrap().to_string();
    let mut listener = listen(&url, lea.store.last_event().unwrap()).unwrap();
    assert_eq!(
        notice_within(&mut listener, Duration::from_secs(5)).map(|n| n.kind),
        Some("listening".into())
    );
    lea.store
        .apply(conv, Change::Note("hello".into()), "lea")
        .unwrap();
    assert_eq!(
        notice_within(&mut listener, Duration::from_secs(5)).map(|n| n.kind),
        Some("note".into())
    );
    // Every connection to the database is cut; Léa's store connects again
    // and works at once, before the listener is back.
    server.disconnect_all(&database).unwrap();
    let mut lea = Store::open(&lea.location).unwrap();
    lea.apply(conv, Change::Assign(Some("lea".into())), "lea")
        .unwrap();
    lea.apply(conv, Change::Tag(vec!["late".into()]), "lea")
        .unwrap();
    let mut kinds = Vec::new();
    while let Some(n) = notice_within(&mut listener, Duration::from_secs(5)) {
        let resync = n.kind == "resync";
        kinds.push(n.kind);
        if resync || kinds.len() > 10 {
            break;
        }
    }
    assert!(kinds.contains(&"assign".to_string()), "{kinds:?}");
    assert!(kinds.contains(&"tag".to_string()), "{kinds:?}");
    // Each once: caught up, or heard live, never both.
    assert_eq!(kinds.iter().filter(|k| *k == "tag").count(), 1, "{kinds:?}");
}

/// Sam's screen says "lea is replying" in the conversation Léa answers,
/// and the status bar lists who is online or away.
#[test]
fn the_tui_shows_who_is_here_and_who_is_replying() {
    for mut b in backends::each("presence_tui") {
        b.store
            .import_messages(&[message("1", None, "Hello?")], "t", "x")
            .unwrap();
        let conv = b.store.resolve_conversation("mastodon:1").unwrap();
        let mut lea = app_on(&b.location, "lea");
        lea.join("lea@one:1".into());
        let mut sam = app_on(&b.location, "sam");
        sam.join("sam@two:2".into());
        // Léa opens the reply editor on the conversation.
        lea.handle(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
        lea.handle(Msg::Key(KeyEvent::new(
            KeyCode::Char('r'),
            KeyModifiers::NONE,
        )));
        assert!(matches!(lea.state.overlay, Overlay::Reply(_)), "{}", b.name);
        lea.presence_tick(Utc::now());
        sam.presence_tick(Utc::now());
        sam.remote(Notice {
            event: 0,
            conversation: conv,
            actor: "lea".into(),
            kind: "presence".into(),
        });
        let here: Vec<(&str, Activity)> = sam
            .state
            .team
            .iter()
            .map(|p| (p.who.as_str(), p.activity))
            .collect();
        assert_eq!(here, vec![("lea", Activity::Replying)], "{}", b.name);
        sam.handle(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
        let screen = render(&sam);
        assert!(screen.contains("lea is replying"), "{}:\n{screen}", b.name);
        assert!(screen.contains("● lea ✎#"), "{}:\n{screen}", b.name);
        // Away after a while without keys; gone after quitting.
        b.store
            .set_presence(&Presence {
                session: "noa@three:3".into(),
                who: "noa".into(),
                state: PresenceState::Away,
                conversation: None,
                activity: Activity::Idle,
                seen_at: Utc::now(),
            })
            .unwrap();
        lea.leave();
        sam.remote(Notice {
            event: 0,
            conversation: 0,
            actor: "lea".into(),
            kind: "presence".into(),
        });
        let screen = render(&sam);
        assert!(screen.contains("○ noa away"), "{}:\n{screen}", b.name);
        assert!(!screen.contains("lea is replying"), "{}:\n{screen}", b.name);
    }
}

/// Léa began a reply; Sam replied first. Her Ctrl-s is refused with who
/// replied, her text stays in the editor, and a second Ctrl-s sends it.
#[test]
fn a_reply_begun_before_someone_elses_is_kept_and_asks_first() {
    for mut b in backends::each("reply_conflict_tui") {
        b.store
            .import_messages(&[message("1", None, "Refund?")], "t", "x")
            .unwrap();
        let conv = b.store.resolve_conversation("mastodon:1").unwrap();
        let mut lea = app_on(&b.location, "lea");
        lea.handle(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
        lea.handle(Msg::Key(KeyEvent::new(
            KeyCode::Char('r'),
            KeyModifiers::NONE,
        )));
        for c in "On its way".chars() {
            lea.handle(Msg::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
        b.store
            .apply(
                conv,
                Change::QueueReply {
                    text: "Sent today".into(),
                    check: ReplyCheck::Once,
                },
                "sam",
            )
            .unwrap();
        let send = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        lea.handle(Msg::Key(send));
        match &lea.state.overlay {
            Overlay::Reply(r) => {
                assert_eq!(r.text(), "On its way", "{}", b.name);
                let why = r.error.clone().unwrap_or_default();
                assert!(why.contains("sam already replied"), "{}: {why}", b.name);
            }
            _ => panic!("{}: the draft must stay open", b.name),
        }
        assert_eq!(b.store.pending_replies(Channel::Mastodon).unwrap().len(), 1);
        // Under her draft, the thread shows Sam's reply (the conversation
        // left her inbox: it waits for them now).
        let thread = lea.state.thread.as_ref().expect("the thread");
        assert_eq!(thread.summary.id, conv, "{}", b.name);
        assert!(
            thread
                .outbox
                .iter()
                .any(|o| o.text == "Sent today" && o.actor == "sam"),
            "{}: {:?}",
            b.name,
            thread.outbox
        );
        // She has seen it, and sends hers anyway.
        lea.handle(Msg::Key(send));
        assert!(matches!(lea.state.overlay, Overlay::None), "{}", b.name);
        let texts: Vec<String> = b
            .store
            .pending_replies(Channel::Mastodon)
            .unwrap()
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(texts, vec!["Sent today", "On its way"], "{}", b.name);
    }
}

fn render(app: &App) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let theme = palabre::ui::theme::Theme::load("dark").unwrap();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| {
            palabre::ui::draw(
                frame,
                &palabre::ui::Screen {
                    state: &app.state,
                    theme: &theme,
                    keymap: &app.keymap,
                },
            );
        })
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// While another process holds the embedded store's write lock (a large
/// import), a heartbeat gives up at once instead of freezing the screen.
#[test]
fn a_presence_heartbeat_never_waits_long_for_the_file() {
    let mut b = backends::sqlite();
    let me = Presence {
        session: "lea@one:1".into(),
        who: "lea".into(),
        state: PresenceState::Online,
        conversation: None,
        activity: Activity::Idle,
        seen_at: Utc::now(),
    };
    // An import holding the store's write lock does not hold presence up:
    // presence has a file of its own.
    let importer = rusqlite::Connection::open(&b.location).unwrap();
    importer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    b.store.set_presence(&me).unwrap();
    assert!(started.elapsed() < Duration::from_secs(1));
    importer.execute_batch("COMMIT").unwrap();
    // Another session writing its own heartbeat for long: skipped at once.
    let mut presence_file = b.location.clone().into_os_string();
    presence_file.push("-presence");
    let other = rusqlite::Connection::open(&presence_file).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    assert!(b.store.set_presence(&me).is_err());
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    other.execute_batch("COMMIT").unwrap();
    b.store.set_presence(&me).unwrap();
    assert_eq!(
        b.store.presence(Utc::now()).unwrap(),
        vec![Presence {
            seen_at: chrono::DateTime::from_timestamp_millis(me.seen_at.timestamp_millis())
                .unwrap(),
            ..me
        }]
    );
}

/// A heartbeat every 15 s from each session is no news for the others'
/// screens: presence alone never makes another TUI read its queue again,
/// on either backend; a real change still does at once.
#[test]
fn presence_alone_never_reloads_another_screen() {
    for mut lea in backends::each("presence_alone_never_reloads") {
        lea.store
            .import_messages(&[message("1", None, "Where is my order?")], "t", "x")
            .unwrap();
        let conv = lea.store.resolve_conversation("mastodon:1").unwrap();
        let mut sam = app_on(&lea.location, "sam");
        sam.poll_store();
        let before = sam.reloads();
        for n in 0..5 {
            let now = Utc::now() + chrono::Duration::seconds(15 * n);
            lea.store
                .set_presence(&Presence {
                    session: "lea@one:1".into(),
                    who: "lea".into(),
                    state: PresenceState::Online,
                    conversation: (n % 2 == 1).then_some(conv),
                    activity: if n % 2 == 1 {
                        Activity::Replying
                    } else {
                        Activity::Viewing
                    },
                    seen_at: now,
                })
                .unwrap();
            sam.poll_store();
            // What PostgreSQL's listener hands the TUI for a heartbeat.
            sam.remote(Notice {
                event: 0,
                conversation: conv,
                actor: "lea".into(),
                kind: "presence".into(),
            });
        }
        assert_eq!(sam.reloads(), before, "{}: reloaded for presence", lea.name);
        // Sam still sees who is here.
        let team = sam.store().presence(Utc::now()).unwrap();
        assert_eq!(team.len(), 1, "{}", lea.name);
        lea.store.leave("lea@one:1").unwrap();
        sam.poll_store();
        assert_eq!(sam.reloads(), before, "{}: reloaded for a leave", lea.name);
        // A tag is news: read at the next poll.
        lea.store
            .apply(conv, Change::Tag(vec!["shipping".into()]), "lea")
            .unwrap();
        sam.poll_store();
        assert!(sam.reloads() > before, "{}", lea.name);
        assert_eq!(sam.state.items[0].tags, vec!["shipping"], "{}", lea.name);
    }
}
