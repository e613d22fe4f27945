//! The terminal UI driven by key presses, without a terminal: `update`
//! through `App` on a real store, and every pane rendered to a `TestBackend`
//! at 80×24 and 120×40 with a fixed clock.

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use palabre::app::App;
use palabre::app::keymap::Keymap;
use palabre::app::state::{Contact, Focus, Overlay, SavedReply, State};
use palabre::app::update::Msg;
use palabre::inbox::Store;
use palabre::inbox::sample::SAMPLE;
use palabre::inbox::{ImportOptions, import::import_reader};
use palabre::model::{EventKind, Status};
use palabre::store::Change;
use palabre::ui::{self, Screen, i18n::Lang, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn clock() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 10, 12, 0, 0).unwrap()
}

struct Harness {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
    app: App,
    theme: Theme,
}

fn harness_with(lang: Lang, extra: &str) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut store = Store::open(&db).unwrap();
    // Ranked on the fixed clock from the import on.
    store.set_now(Some(clock()));
    let data = format!("{SAMPLE}{extra}");
    import_reader(
        &mut store,
        data.as_bytes(),
        "sample",
        "test",
        &ImportOptions::default(),
        |_| {},
    )
    .unwrap();
    let mut state = State::new("lea".into(), lang, "dark".into(), clock());
    state.contacts = vec![Contact {
        name: "Legal".into(),
        detail: "legal@kettlo.example".into(),
    }];
    state.saved_replies = vec![SavedReply {
        name: "Sorry".into(),
        text: "Hello {first_name}, sorry about this ({channel}).".into(),
    }];
    state.themes = vec!["dark".into(), "light".into()];
    let mut app = App::new(store, state, Keymap::default()).unwrap();
    app.fixed_clock = Some(clock());
    app.handle(Msg::Resize { rows: 18 });
    app.start();
    let theme = Theme::load("dark").unwrap();
    Harness {
        _dir: dir,
        db,
        app,
        theme,
    }
}

fn harness() -> Harness {
    harness_with(Lang::En, "")
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

impl Harness {
    fn press(&mut self, k: KeyEvent) {
        self.app.handle(Msg::Key(k));
    }
    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.press(key(KeyCode::Char(c)));
        }
    }
    /// Draws a frame and, like the runtime, feeds its measurements back.
    fn render(&mut self, w: u16, h: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut viewport = ui::Viewport::default();
        terminal
            .draw(|f| {
                viewport = ui::draw(
                    f,
                    &Screen {
                        state: &self.app.state,
                        theme: &self.theme,
                        keymap: &self.app.keymap,
                    },
                );
            })
            .unwrap();
        self.app.handle(Msg::Viewport {
            thread_max_scroll: viewport.thread_max_scroll,
        });
        let buffer = terminal.backend().buffer().clone();
        let mut out = String::new();
        for y in 0..h {
            let mut line = String::new();
            for x in 0..w {
                line.push_str(buffer[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
    /// Moves down to the first conversation on `channel`.
    fn select_channel(&mut self, channel: palabre::model::Channel) {
        while self.app.state.current().unwrap().channel != channel {
            let before = self.app.state.selected;
            self.keys("j");
            assert_ne!(before, self.app.state.selected, "no {channel} conversation");
        }
    }
    fn selected_id(&self) -> i64 {
        self.app.state.current().unwrap().id
    }
    fn other_store(&self) -> Store {
        Store::open(&self.db).unwrap()
    }
}

#[test]
fn moving_through_the_queue_loads_each_thread() {
    let mut h = harness();
    assert_eq!(h.app.state.selected, 0);
    let first = h.selected_id();
    h.keys("jj");
    assert_eq!(h.app.state.selected, 2);
    assert_eq!(
        h.app.state.thread.as_ref().unwrap().summary.id,
        h.selected_id()
    );
    h.press(key(KeyCode::Up));
    assert_eq!(h.app.state.selected, 1);
    h.keys("G");
    assert_eq!(h.app.state.selected as u64, h.app.state.total - 1);
    h.keys("g");
    assert_eq!(h.selected_id(), first);
    h.press(key(KeyCode::Enter));
    assert_eq!(h.app.state.focus, Focus::Thread);
    h.keys("jjj");
    assert_eq!(h.app.state.thread_scroll, 3, "j scrolls the open thread");
    h.press(key(KeyCode::Esc));
    assert_eq!(h.app.state.focus, Focus::Queue);
}

#[test]
fn tagging_toggles_and_records_events() {
    let mut h = harness();
    let id = h.selected_id();
    h.keys("t");
    assert!(matches!(h.app.state.overlay, Overlay::Tags(_)));
    h.keys("j ");
    let detail = h.other_store().conversation(id).unwrap();
    assert_eq!(detail.summary.tags, vec!["delivery"]);
    h.keys(" ");
    assert!(
        h.other_store()
            .conversation(id)
            .unwrap()
            .summary
            .tags
            .is_empty(),
        "space again removes it"
    );
    h.keys("n");
    h.keys("vip");
    h.press(key(KeyCode::Enter));
    let detail = h.other_store().conversation(id).unwrap();
    assert_eq!(detail.summary.tags, vec!["vip"]);
    // What the person did (the import may have recorded status changes).
    let kinds: Vec<EventKind> = detail
        .events
        .iter()
        .filter(|e| e.actor == "lea")
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        vec![EventKind::Tag, EventKind::Untag, EventKind::Tag]
    );
    assert!(
        detail
            .events
            .iter()
            .all(|e| e.actor == "lea" || e.kind == EventKind::Status)
    );
}

#[test]
fn the_tag_pane_suggests_categories_with_reasons_and_never_tags_by_itself() {
    let mut h = harness();
    // A conversation about the overheating kettle (the sample's crisis).
    h.keys("/");
    h.keys("fondre socle");
    h.press(key(KeyCode::Enter));
    let id = h.selected_id();
    h.keys("t");
    let suggested: Vec<&str> = match &h.app.state.overlay {
        Overlay::Tags(p) => p.suggestions.iter().map(|s| s.category.as_str()).collect(),
        _ => panic!("tag pane"),
    };
    assert!(suggested.contains(&"safety"), "{suggested:?}");
    assert!(h.render(120, 40).contains("★"));
    assert!(
        h.other_store()
            .conversation(id)
            .unwrap()
            .summary
            .tags
            .is_empty(),
        "suggestions are not tags"
    );
}

#[test]
fn an_open_pane_keeps_acting_on_the_conversation_it_was_opened_for() {
    let mut h = harness();
    let a = h.selected_id();
    h.keys("j");
    let b = h.selected_id();
    for id in [a, b] {
        h.other_store()
            .apply(
                id,
                palabre::store::Change::Tag(vec!["delivery".into()]),
                "lea",
            )
            .unwrap();
    }
    h.app.poll_store();
    // Filter on the tag: both are there.
    h.keys("fjj");
    h.press(key(KeyCode::Enter));
    h.press(key(KeyCode::Enter)); // `delivery`, the only tag in use
    assert_eq!(h.app.state.total, 2);
    let first = h.selected_id();
    let other = if first == a { b } else { a };
    h.keys("tj "); // untag `delivery`: `first` leaves the view, the selection moves
    assert_ne!(h.selected_id(), first);
    h.keys(" "); // toggles `first` again, not the newly selected one
    let store = h.other_store();
    assert_eq!(
        store.conversation(first).unwrap().summary.tags,
        vec!["delivery"]
    );
    assert_eq!(
        store.conversation(other).unwrap().summary.tags,
        vec!["delivery"]
    );
    assert!(
        store
            .history(other)
            .unwrap()
            .iter()
            .all(|e| e.kind != EventKind::Untag)
    );
}

#[test]
fn bulk_tagging_applies_to_every_selected_conversation() {
    let mut h = harness();
    let a = h.selected_id();
    h.keys("x");
    let b = h.selected_id();
    h.keys("x");
    assert_eq!(h.app.state.marked.len(), 2);
    h.keys("t ");
    let store = h.other_store();
    for id in [a, b] {
        assert_eq!(
            store.conversation(id).unwrap().summary.tags,
            vec!["product-defect"],
            "conversation {id}"
        );
    }
    h.press(key(KeyCode::Esc));
    h.press(key(KeyCode::Esc));
    assert!(h.app.state.marked.is_empty(), "Esc clears the selection");
}

#[test]
fn a_draft_is_saved_when_typing_pauses_and_on_escape() {
    let mut h = harness();
    let id = h.selected_id();
    h.keys("r");
    h.keys("Bonjour");
    assert_eq!(
        h.other_store().draft(id).unwrap(),
        None,
        "not saved while typing"
    );
    h.app
        .handle(Msg::Tick(clock() + chrono::Duration::seconds(2)));
    assert_eq!(h.other_store().draft(id).unwrap().unwrap().text, "Bonjour");
    h.press(key(KeyCode::Enter));
    h.keys("merci");
    h.press(key(KeyCode::Esc));
    assert_eq!(
        h.other_store().draft(id).unwrap().unwrap().text,
        "Bonjour\nmerci"
    );
    // Reopening the reply brings the draft back.
    h.keys("r");
    match &h.app.state.overlay {
        Overlay::Reply(r) => assert_eq!(r.text(), "Bonjour\nmerci"),
        _ => panic!("reply pane should be open"),
    }
}

#[test]
fn a_draft_that_cannot_be_saved_stays_in_the_editor() {
    let mut h = harness();
    let id = h.selected_id();
    let blocker = rusqlite::Connection::open(&h.db).unwrap();
    blocker
        .execute_batch(
            "CREATE TRIGGER no_drafts BEFORE INSERT ON drafts BEGIN SELECT RAISE(FAIL, 'disk full'); END;
             CREATE TRIGGER no_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(FAIL, 'disk full'); END;",
        )
        .unwrap();
    h.keys("r");
    h.keys("ne pas perdre");
    h.press(key(KeyCode::Esc));
    match &h.app.state.overlay {
        Overlay::Reply(r) => assert_eq!(r.text(), "ne pas perdre"),
        _ => panic!("the unsaved draft must come back to the editor"),
    }
    // Queueing fails too: the text stays.
    h.press(ctrl('s'));
    assert!(matches!(&h.app.state.overlay, Overlay::Reply(r) if r.text() == "ne pas perdre"));
    // Quitting with an unsaved draft does not quit.
    h.press(ctrl('c'));
    assert!(!h.app.state.quit);
    blocker
        .execute_batch("DROP TRIGGER no_drafts; DROP TRIGGER no_outbox;")
        .unwrap();
    h.press(key(KeyCode::Esc));
    assert_eq!(
        h.other_store().draft(id).unwrap().unwrap().text,
        "ne pas perdre"
    );
}

#[test]
fn quitting_saves_the_draft() {
    let mut h = harness();
    let id = h.selected_id();
    h.keys("r");
    h.keys("à suivre");
    h.press(ctrl('c'));
    assert!(h.app.state.quit);
    assert_eq!(h.other_store().draft(id).unwrap().unwrap().text, "à suivre");
}

#[test]
fn queueing_a_reply_sets_waiting_and_refuses_over_the_limit() {
    let mut h = harness();
    // On X: 280 weighted characters.
    h.select_channel(palabre::model::Channel::X);
    let id = h.selected_id();
    h.keys("a");
    h.press(key(KeyCode::Enter));
    h.keys("r");
    h.keys(&"a".repeat(281));
    h.press(ctrl('s'));
    match &h.app.state.overlay {
        Overlay::Reply(r) => assert!(
            r.error.as_deref().unwrap_or("").contains("281/280"),
            "{:?}",
            r.error
        ),
        _ => panic!("over the limit, the pane stays open"),
    }
    h.press(key(KeyCode::Backspace));
    h.press(ctrl('s'));
    assert!(h.app.state.overlay.is_none());
    assert!(h.render(120, 40).contains("Reply queued in the outbox"));
    // Waiting conversations leave the Inbox; Mine still has it, with the queued reply.
    h.keys("4");
    assert_eq!(h.selected_id(), id);
    h.press(key(KeyCode::Enter));
    h.keys("G");
    let screen = h.render(120, 40);
    assert!(
        screen.contains("queued, waiting for a connector"),
        "{screen}"
    );
    let detail = h.other_store().conversation(id).unwrap();
    assert_eq!(detail.summary.status, Status::Waiting);
    assert_eq!(detail.outbox.len(), 1);
    assert_eq!(detail.outbox[0].actor, "lea");
    assert!(
        detail
            .events
            .iter()
            .any(|e| e.kind == EventKind::ReplyQueued)
    );
    assert_eq!(detail.draft, None);
}

#[test]
fn saved_replies_fill_their_placeholders() {
    let mut h = harness();
    h.select_channel(palabre::model::Channel::Mastodon);
    h.keys("r");
    h.press(ctrl('t'));
    h.press(key(KeyCode::Enter));
    match &h.app.state.overlay {
        Overlay::Reply(r) => {
            let text = r.text();
            assert!(
                text.starts_with("Hello ") && text.ends_with("(mastodon)."),
                "{text}"
            );
            assert!(!text.contains('{'), "{text}");
        }
        _ => panic!("reply pane should be open"),
    }
}

/// Thirty days at 80 columns: bars one column wide, the day numbers every
/// few days, whole.
#[test]
fn narrow_bars_keep_their_day_numbers_whole() {
    let mut h = harness();
    h.keys("S");
    h.keys("p");
    let screen = h.render(80, 24);
    assert!(screen.contains("30 days"), "{screen}");
    let labels = screen
        .lines()
        .find(|l| l.contains("│     ") && l.chars().any(|c| c.is_ascii_digit()) && !l.contains('█'))
        .unwrap_or_default();
    assert!(!labels.contains('…'), "{screen}");
}

#[test]
fn escape_from_the_saved_replies_goes_back_to_the_editor_with_its_text() {
    let mut h = harness();
    h.keys("r");
    h.keys("Bonjour");
    h.press(ctrl('t'));
    assert!(matches!(h.app.state.overlay, Overlay::Picker(_)));
    h.press(key(KeyCode::Esc));
    match &h.app.state.overlay {
        Overlay::Reply(r) => assert_eq!(r.text(), "Bonjour"),
        _ => panic!("the editor did not come back"),
    }
}

#[test]
fn saved_reply_variables_fill_with_fallbacks_and_an_unknown_one_is_said_before_sending() {
    let mut h = harness();
    h.app.state.saved_replies = vec![SavedReply {
        name: "Order".into(),
        text: "Hi {author.first_name|there}, about #{conversation.id}: your order {order.number}?"
            .into(),
    }];
    h.select_channel(palabre::model::Channel::Mastodon);
    let conv = h.app.state.current().unwrap().id;
    h.keys("r");
    h.press(ctrl('t'));
    h.press(key(KeyCode::Enter));
    let Overlay::Reply(r) = &h.app.state.overlay else {
        panic!("reply pane should be open");
    };
    let text = r.text();
    assert!(
        text.starts_with("Hi ") && !text.starts_with("Hi there"),
        "{text}"
    );
    assert!(text.contains(&format!("about #{conv}:")), "{text}");
    assert!(text.ends_with("your order {order.number}?"), "{text}");
    assert!(
        r.error
            .as_deref()
            .is_some_and(|e| e.contains("{order.number}")),
        "{:?}",
        r.error
    );
    // Queueing warns first; the same text again goes as written.
    h.press(ctrl('s'));
    let Overlay::Reply(r) = &h.app.state.overlay else {
        panic!("the warning keeps the editor open");
    };
    assert!(
        r.error
            .as_deref()
            .is_some_and(|e| e.contains("Ctrl-s again")),
        "{:?}",
        r.error
    );
    assert!(h.app.store().conversation(conv).unwrap().outbox.is_empty());
    assert!(h.render(80, 24).contains("{order.number}"));
    h.press(ctrl('s'));
    assert!(h.app.state.overlay.is_none());
    let outbox = h.app.store().conversation(conv).unwrap().outbox;
    assert_eq!(outbox.len(), 1);
    assert!(outbox[0].text.contains("{order.number}"));
}

#[test]
fn search_and_views_change_the_queue() {
    let mut h = harness();
    let inbox = h.app.state.total;
    h.keys("/");
    h.keys("rappel");
    h.press(key(KeyCode::Enter));
    let found = h.app.state.total;
    assert!(found > 0 && found < inbox, "{found} of {inbox}");
    assert!(h.render(120, 40).contains("\"rappel\""));
    h.keys("c");
    assert_eq!(h.app.state.total, inbox);
    // Flag one as a crisis: the Crisis view counts it.
    h.keys("!");
    h.keys("jj");
    h.press(key(KeyCode::Enter));
    h.keys("burns reported");
    h.press(key(KeyCode::Enter));
    assert_eq!(h.app.state.view_counts[2], 1);
    h.keys("3");
    assert_eq!(h.app.state.total, 1);
    h.keys("5");
    assert_eq!(h.app.state.total, 0);
}

#[test]
fn a_new_search_replaces_the_last_one_and_can_look_everywhere() {
    let mut h = harness();
    // Resolve one that mentions "rappel": the Inbox no longer shows it.
    h.keys("/");
    h.keys("rappel");
    h.press(key(KeyCode::Enter));
    let in_inbox = h.app.state.total;
    assert!(in_inbox > 1);
    let resolved = h.selected_id();
    h.keys("s");
    h.keys("jjj");
    h.press(key(KeyCode::Enter));
    assert_eq!(h.app.state.total, in_inbox - 1);
    // `/` again starts with the last search, selected: typing replaces it.
    h.keys("/");
    let screen = h.render(120, 40);
    assert!(
        screen.contains("Search in Inbox (Tab: everywhere)"),
        "{screen}"
    );
    h.keys("remboursement");
    match &h.app.state.overlay {
        palabre::app::state::Overlay::Prompt(p) => assert_eq!(p.text, "remboursement"),
        _ => panic!("the search prompt is not open"),
    }
    // Backspace on the filled-in text clears it; then typing edits as usual.
    h.press(key(KeyCode::Esc));
    h.keys("/");
    h.press(key(KeyCode::Backspace));
    h.keys("rappel");
    // Tab: every conversation, resolved ones too, and the bar says so.
    h.press(key(KeyCode::Tab));
    assert!(h.render(120, 40).contains("Search every conversation"));
    h.press(key(KeyCode::Enter));
    assert!(
        h.app.state.total >= in_inbox,
        "waiting and resolved ones too"
    );
    assert!(h.app.state.items.iter().any(|c| c.id == resolved));
    assert!(h.render(120, 40).contains("\"rappel\" · everywhere"));
}

#[test]
fn escalated_conversations_are_pinned_in_every_view() {
    let mut h = harness();
    h.keys("G");
    let id = h.selected_id();
    h.keys("E");
    h.press(key(KeyCode::Enter));
    h.keys("photos of a burn");
    h.press(key(KeyCode::Enter));
    assert_eq!(
        (h.app.state.selected, h.selected_id()),
        (0, id),
        "pinned at the top, still selected"
    );
    for view in ["2", "3", "4"] {
        h.keys(view);
        assert_eq!(
            h.app.state.items.first().map(|c| c.id),
            Some(id),
            "view {view}"
        );
    }
    let events = h.other_store().history(id).unwrap();
    let e = events
        .iter()
        .find(|e| e.kind == EventKind::Escalation)
        .unwrap();
    assert_eq!(e.payload["to"], "Legal");
    assert_eq!(e.payload["note"], "photos of a burn");
}

#[test]
fn status_and_assign_from_the_keyboard() {
    let mut h = harness();
    let id = h.selected_id();
    h.keys("a");
    h.press(key(KeyCode::Enter));
    assert_eq!(h.selected_id(), id);
    h.keys("s");
    h.keys("jjj");
    h.press(key(KeyCode::Enter));
    assert_ne!(
        h.app.state.current().map(|c| c.id),
        Some(id),
        "resolved leaves the inbox"
    );
    let s = h.other_store().conversation(id).unwrap().summary;
    assert_eq!(s.status, Status::Resolved);
    assert_eq!(s.assignee.as_deref(), Some("lea"));
}

#[test]
fn resolving_says_where_the_conversation_went_and_u_undoes_it() {
    let mut h = harness();
    let id = h.selected_id();
    let before = h.other_store().conversation(id).unwrap().summary;
    h.keys("s");
    h.keys("jjj");
    h.press(key(KeyCode::Enter));
    assert_ne!(h.selected_id(), id);
    let flash = h.app.state.flash.clone().unwrap_or_default();
    assert!(
        flash.contains(&format!(
            "#{id} is resolved now and left this view · u undoes"
        )),
        "{flash}"
    );
    h.keys("u");
    let after = h.other_store().conversation(id).unwrap().summary;
    assert_eq!(after.status, before.status);
    let flash = h.app.state.flash.clone().unwrap_or_default();
    assert!(flash.starts_with("undone: status → resolved"), "{flash}");
    // The undo is in the history, after the change it undoes.
    let history = h.other_store().history(id).unwrap();
    let statuses: Vec<String> = history
        .iter()
        .filter(|e| e.kind == palabre::model::EventKind::Status)
        .map(|e| e.payload.to_string())
        .collect();
    assert!(statuses.len() >= 2, "{statuses:?}");
    h.keys("u");
    assert_eq!(h.app.state.flash.as_deref(), Some("nothing to undo"));

    // Tags, an assignee and a crisis level come back too, on marked ones as well.
    let first = h.selected_id();
    h.keys("xj");
    let second = h.selected_id();
    h.keys("x");
    let was: Vec<_> = [first, second]
        .iter()
        .map(|&c| h.other_store().conversation(c).unwrap().summary)
        .collect();
    h.keys("a");
    h.press(key(KeyCode::Enter));
    for c in [first, second] {
        assert_eq!(
            h.other_store()
                .conversation(c)
                .unwrap()
                .summary
                .assignee
                .as_deref(),
            Some("lea")
        );
    }
    h.keys("u");
    for (c, was) in [first, second].iter().zip(&was) {
        assert_eq!(
            h.other_store().conversation(*c).unwrap().summary.assignee,
            was.assignee
        );
    }
}

#[test]
fn small_things_a_newcomer_notices() {
    let mut h = harness();
    // A new tag spelled otherwise than typed says how it was saved.
    h.keys("t");
    h.keys("n");
    h.keys("Late Parcel");
    h.press(key(KeyCode::Enter));
    let id = h.selected_id();
    let tags = h.other_store().conversation(id).unwrap().summary.tags;
    assert!(tags.contains(&"late-parcel".to_string()), "{tags:?}");
    assert_eq!(
        h.app.state.flash.as_deref(),
        Some("tagged `late-parcel` (tags are lowercase, words joined by -)")
    );
    h.press(key(KeyCode::Esc));
    // An unknown theme lists the themes there are.
    h.keys(":theme nope");
    h.press(key(KeyCode::Enter));
    assert_eq!(
        h.app.state.flash.as_deref(),
        Some("⚠ no theme `nope` (themes: dark, light)")
    );
    // A reply not yet typed does not claim a saved draft.
    h.keys("r");
    let screen = h.render(120, 40);
    assert!(!screen.contains("draft saved"), "{screen}");
    assert!(screen.contains("kept as a draft as you go"), "{screen}");
}

#[test]
fn filters_narrow_the_view() {
    let mut h = harness();
    h.keys("f");
    h.press(key(KeyCode::Enter)); // channel
    h.keys("jjj"); // youtube
    h.press(key(KeyCode::Enter));
    assert!(h.app.state.total > 0);
    assert!(
        h.app
            .state
            .items
            .iter()
            .all(|c| c.channel == palabre::model::Channel::Youtube)
    );
    h.keys("c");
    h.keys("f");
    h.keys("jjjjjjj"); // sentiment
    h.press(key(KeyCode::Enter));
    h.press(key(KeyCode::Enter)); // negative
    assert!(h.app.state.total > 0);
    assert!(
        h.app
            .state
            .items
            .iter()
            .all(|c| c.tone == Some(palabre::model::Tone::Negative))
    );
    assert!(h.render(120, 40).contains(" − "), "negative markers show");
    h.keys("c");
    h.keys("f");
    h.keys("jjjjjj"); // language
    h.press(key(KeyCode::Enter));
    h.press(key(KeyCode::Enter));
    let lang = h.app.state.refine.lang.clone().unwrap();
    assert!(
        h.app
            .state
            .items
            .iter()
            .all(|c| c.lang.as_deref() == Some(lang.as_str()))
    );
}

#[test]
fn the_palette_completes_and_runs_actions() {
    let mut h = harness();
    h.keys(":");
    h.keys("the");
    h.press(key(KeyCode::Tab));
    match &h.app.state.overlay {
        Overlay::Prompt(p) => assert_eq!(p.text, "theme dark"),
        _ => panic!("palette should be open"),
    }
    h.press(key(KeyCode::Esc));
    h.keys(":help");
    h.press(key(KeyCode::Enter));
    assert!(matches!(h.app.state.overlay, Overlay::Help { .. }));
    // Every action is in the help, on its first page or by scrolling.
    let mut seen = h.render(120, 40);
    for _ in 0..20 {
        h.keys("j");
        seen.push_str(&h.render(120, 40));
    }
    for action in palabre::app::action::Action::ALL {
        assert!(seen.contains(action.describe(Lang::En)), "{action:?}");
    }
}

#[test]
fn live_updates_keep_the_selection_and_count_new_messages() {
    let mut h = harness();
    h.keys("jjj");
    let id = h.selected_id();
    let line = r#"{"channel":"x","id":"999000","parent_id":null,"kind":"mention","author":{"handle":"newcomer","name":"N","followers":2000000,"verified":true},"text":"brand new","created_at":"2026-11-10T11:00:00Z"}"#;
    let mut other = h.other_store();
    import_reader(
        &mut other,
        line.as_bytes(),
        "live",
        "test",
        &ImportOptions::default(),
        |_| {},
    )
    .unwrap();
    h.app.poll_store();
    assert_eq!(
        h.selected_id(),
        id,
        "the selection stays on the same conversation"
    );
    assert_eq!(h.app.state.new_messages, 1);
    assert!(h.render(120, 40).contains("1 new"));
}

#[test]
fn hostile_text_is_neutralised_and_long_text_wraps() {
    let hostile = "\n{\"channel\":\"x\",\"id\":\"666\",\"parent_id\":null,\"kind\":\"mention\",\"author\":{\"handle\":\"evil\\u001b[31m\",\"name\":\"E\",\"followers\":99000000,\"verified\":false},\"text\":\"pwn\\u001b]0;title\\u0007ed \\u202eevil\\u0000 漢字👍🏽e\\u0301 \",\"created_at\":\"2026-11-09T23:00:00Z\"}\n";
    let long = format!(
        "{{\"channel\":\"reddit\",\"id\":\"t1_long\",\"parent_id\":null,\"kind\":\"comment\",\"author\":{{\"handle\":\"verbose\",\"name\":\"V\",\"followers\":98000000,\"verified\":false}},\"text\":\"{}END\",\"created_at\":\"2026-11-09T22:00:00Z\"}}\n",
        "word ".repeat(2000)
    );
    let mut h = harness_with(Lang::En, &format!("{hostile}{long}"));
    // Safety reports rank above it: go to the hostile message.
    let i = h
        .app
        .state
        .items
        .iter()
        .position(|c| c.last_author.starts_with("evil"))
        .unwrap();
    for _ in 0..i {
        h.keys("j");
    }
    let screen = h.render(120, 40);
    assert!(
        !screen.contains('\u{1b}') && !screen.contains('\u{202e}') && !screen.contains('\u{7}')
    );
    assert!(screen.contains("pwned"), "{screen}");
    for _ in 0..i {
        h.keys("k");
    }
    // The long message: its end is reachable by scrolling.
    let i = h
        .app
        .state
        .items
        .iter()
        .position(|c| c.last_author == "verbose")
        .unwrap();
    for _ in 0..i {
        h.keys("j");
    }
    h.press(key(KeyCode::Enter));
    assert!(!h.render(120, 40).contains("END"));
    for _ in 0..200 {
        h.keys("j");
    }
    assert!(h.render(120, 40).contains("END"));
    for line in h.render(80, 24).lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
}

#[test]
fn french_interface() {
    let mut h = harness_with(Lang::Fr, "");
    let screen = h.render(120, 40);
    assert!(
        screen.contains("Boîte") && screen.contains("répondre"),
        "{screen}"
    );
}

#[test]
fn network_actions_from_the_menu_and_keys_show_in_the_thread_and_undo() {
    use palabre::model::{ActionKind, ActionStatus, Channel};
    let mut h = harness();
    h.select_channel(Channel::X);
    let id = h.selected_id();
    h.keys("m");
    let Overlay::Picker(p) = &h.app.state.overlay else {
        panic!("the network menu should be open");
    };
    let labels: Vec<&str> = p.items.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels[0], "hide the comment (u undoes)");
    assert!(
        labels
            .iter()
            .any(|l| l.starts_with("— report to the network: not offered")),
        "{labels:?}"
    );
    let screen = h.render(80, 24);
    assert!(screen.contains("On the network"), "{screen}");
    h.press(key(KeyCode::Enter));
    let detail = h.other_store().conversation(id).unwrap();
    assert_eq!(detail.actions.len(), 1);
    assert_eq!(
        (
            detail.actions[0].kind,
            detail.actions[0].status,
            detail.actions[0].actor.as_str()
        ),
        (ActionKind::Hide, ActionStatus::Queued, "lea")
    );
    assert!(
        h.app
            .state
            .flash
            .as_deref()
            .is_some_and(|f| f.contains("hide the comment queued on #")),
        "{:?}",
        h.app.state.flash
    );
    h.press(key(KeyCode::Enter));
    let screen = h.render(120, 40);
    assert!(
        screen.contains("hide the comment · queued for the next sync · by lea"),
        "{screen}"
    );
    // u takes it back before it leaves: cancelled, and gone from the thread.
    h.keys("u");
    let detail = h.other_store().conversation(id).unwrap();
    assert_eq!(detail.actions[0].status, ActionStatus::Cancelled);
    assert!(!h.render(120, 40).contains("hide the comment · queued"));
    // L likes in one key; a report asks why first.
    h.keys("L");
    h.keys("m");
    let Overlay::Picker(p) = &h.app.state.overlay else {
        panic!("menu");
    };
    let block = p.items.iter().position(|(_, v)| v == "block").unwrap();
    for _ in 0..block {
        h.keys("j");
    }
    h.press(key(KeyCode::Enter));
    let kinds: Vec<ActionKind> = h
        .other_store()
        .conversation(id)
        .unwrap()
        .actions
        .iter()
        .map(|a| a.kind)
        .collect();
    assert_eq!(
        kinds,
        [ActionKind::Hide, ActionKind::Like, ActionKind::Block]
    );
    // Deleting asks first, Keep is the default.
    h.keys("m");
    let Overlay::Picker(p) = &h.app.state.overlay else {
        panic!("menu");
    };
    let delete = p.items.iter().position(|(_, v)| v == "delete").unwrap();
    for _ in 0..delete {
        h.keys("j");
    }
    h.press(key(KeyCode::Enter));
    let Overlay::Picker(p) = &h.app.state.overlay else {
        panic!("the confirmation should be open");
    };
    assert_eq!(p.cursor, 1);
    h.press(key(KeyCode::Enter));
    assert_eq!(h.other_store().conversation(id).unwrap().actions.len(), 3);
}

#[test]
fn a_network_that_does_not_offer_an_action_says_why_and_bulk_acts_where_it_can() {
    use palabre::model::Channel;
    let mut h = harness();
    h.select_channel(Channel::Mastodon);
    let mastodon = h.selected_id();
    h.keys("H");
    assert!(
        h.app
            .state
            .flash
            .as_deref()
            .is_some_and(|f| f.contains("mastodon: Mastodon cannot hide a reply")),
        "{:?}",
        h.app.state.flash
    );
    assert!(
        h.other_store()
            .conversation(mastodon)
            .unwrap()
            .actions
            .is_empty()
    );
    // In French too.
    h.app.state.lang = Lang::Fr;
    h.keys("H");
    assert!(
        h.app
            .state
            .flash
            .as_deref()
            .is_some_and(|f| f.contains("Mastodon ne permet pas")),
        "{:?}",
        h.app.state.flash
    );
    h.app.state.lang = Lang::En;
    // Marked with an X conversation: hidden there, refused here, both said.
    h.keys("x");
    h.keys("g");
    h.select_channel(Channel::X);
    let x = h.selected_id();
    h.keys("x");
    h.keys("H");
    let flash = h.app.state.flash.clone().unwrap_or_default();
    assert!(
        flash.contains("hide the comment queued on 2 conversations"),
        "{flash}"
    );
    assert!(
        flash.contains("mastodon: Mastodon cannot hide a reply"),
        "{flash}"
    );
    assert_eq!(h.other_store().conversation(x).unwrap().actions.len(), 1);
    assert!(h.app.state.marked.is_empty(), "the marks are spent");
}

#[test]
fn the_contact_card_opens_from_the_thread_marks_notes_and_lists_the_conversations() {
    use palabre::model::Channel;
    let mut h = harness();
    h.select_channel(Channel::X);
    h.press(key(KeyCode::Enter));
    let author = {
        let t = h.app.state.thread.as_ref().unwrap();
        t.messages
            .iter()
            .rev()
            .find(|m| m.message.direction == palabre::model::Direction::Inbound)
            .unwrap()
            .message
            .author
            .handle
            .clone()
    };
    h.keys("C");
    let Overlay::Contact(pane) = &h.app.state.overlay else {
        panic!("the contact card should be open");
    };
    let card = pane.card.as_ref().expect("the card is loaded");
    assert_eq!(card.contact.handles[0].handle, author);
    assert!(!card.summaries.is_empty());
    let screen = h.render(120, 40);
    assert!(
        screen.contains("Conversations") && screen.contains("first seen"),
        "{screen}"
    );
    h.keys("v");
    h.keys("n");
    h.keys("prefers DMs");
    h.press(key(KeyCode::Enter));
    let Overlay::Contact(pane) = &h.app.state.overlay else {
        panic!("the note goes back to the card");
    };
    let card = pane.card.as_ref().unwrap();
    assert!(card.contact.vip);
    assert_eq!(card.contact.history.last().unwrap().kind, "note");
    let conversations = card.summaries.len();
    assert!(h.render(80, 24).contains("prefers DMs"));
    // Enter: their conversations in the queue; Esc: back to the card.
    h.press(key(KeyCode::Enter));
    assert!(h.app.state.overlay.is_none());
    assert_eq!(h.app.state.total as usize, conversations);
    assert!(h.render(120, 40).contains(&format!("@{author}")));
    h.press(key(KeyCode::Esc));
    assert!(matches!(h.app.state.overlay, Overlay::Contact(_)));
    h.press(key(KeyCode::Esc));
    assert!(h.app.state.overlay.is_none());
    assert_eq!(h.app.state.total, h.app.state.view_counts[0]);
    // The store has the person as marked, for rules and the command line.
    let store = h.other_store();
    assert!(store.contact(Channel::X, &author).unwrap().vip);
}

/// Every pane at both sizes, with the fixed clock: (name, screen).
fn every_pane(lang: Lang) -> Vec<(String, String)> {
    let mut h = harness_with(lang, "");
    let sizes = [(80u16, 24u16), (120, 40)];
    let mut shots: Vec<(String, String)> = Vec::new();
    let mut shoot = |h: &mut Harness, name: &str| {
        for (w, hh) in sizes {
            shots.push((format!("{name}_{w}x{hh}"), h.render(w, hh)));
        }
    };
    shoot(&mut h, "queue");
    h.press(key(KeyCode::Enter));
    shoot(&mut h, "thread");
    h.press(key(KeyCode::Esc));
    h.keys("r");
    h.keys("Bonjour Ninon, nous sommes désolés.");
    shoot(&mut h, "reply");
    h.press(key(KeyCode::Esc));
    h.keys("t");
    shoot(&mut h, "tags");
    h.press(key(KeyCode::Esc));
    h.keys("!");
    shoot(&mut h, "crisis");
    h.press(key(KeyCode::Esc));
    h.keys("?");
    shoot(&mut h, "help");
    h.press(key(KeyCode::Esc));
    h.keys(":st");
    shoot(&mut h, "palette");
    h.press(key(KeyCode::Esc));
    h.keys("s");
    shoot(&mut h, "status_picker");
    h.press(key(KeyCode::Esc));
    h.keys("m");
    shoot(&mut h, "network_picker");
    h.press(key(KeyCode::Esc));
    h.keys("C");
    shoot(&mut h, "contact");
    h.press(key(KeyCode::Esc));
    h.keys("S");
    shoot(&mut h, "stats");
    shots
}

#[test]
fn snapshots_of_every_pane() {
    for (name, screen) in every_pane(Lang::En) {
        insta::assert_snapshot!(name, screen);
    }
}

/// The same panes in French: every word, date and number in French.
#[test]
fn snapshots_of_every_pane_in_french() {
    // An English date ("Mon 9 Nov"), not a message beginning "Mon article".
    let english_day = regex::Regex::new(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d").unwrap();
    for (name, screen) in every_pane(Lang::Fr) {
        // Words only the English interface uses (the messages themselves
        // are the public's, in both languages).
        for english in [
            "Why here",
            "followers",
            "waiting",
            "Received",
            "Response rate",
            "never",
            " Nov ",
            " days",
            "Move down",
            "Keys",
            "Timeline",
            "Level",
            "draft",
            "Reply",
            "Stats ·",
            "Inbox",
        ] {
            assert!(
                !screen.contains(english),
                "{name}: `{english}` in\n{screen}"
            );
        }
        assert!(
            !english_day.is_match(&screen),
            "{name}: an English date in\n{screen}"
        );
        insta::assert_snapshot!(format!("fr_{name}"), screen);
    }
}

#[test]
fn the_stats_view_shows_the_report_and_opens_its_figures() {
    use palabre::app::state::{StatsRange, StatsSection};
    let mut h = harness();
    // Tag the first conversation so that a category exists.
    let first = h.app.state.current().unwrap().id;
    h.keys("t");
    h.press(key(KeyCode::Char(' ')));
    h.press(key(KeyCode::Esc));
    h.keys("S");
    let Overlay::Stats(pane) = &h.app.state.overlay else {
        panic!("the stats view is not open");
    };
    assert_eq!(pane.range, StatsRange::Week);
    let report = pane.report.clone().expect("the report is computed");
    // The week ends on the clock's day (the store is fresh).
    assert_eq!(report.days.len(), 7);
    assert_eq!(report.days.last().unwrap().date.to_string(), "2026-11-10");
    let screen = h.render(120, 40);
    assert!(
        screen.contains(&format!("Received {}", report.overall.received)),
        "{screen}"
    );
    assert!(screen.contains(&Lang::En.t().percent(report.overall.response_rate)));

    // The same figures as `palabre report` for those days.
    let store = Store::open(&h.db).unwrap();
    let period = palabre::analytics::days(report.days[0].date, report.days[6].date, chrono_tz::UTC);
    let facts = store
        .analytics_facts(period.from, period.to, clock())
        .unwrap();
    let again = palabre::analytics::compute(&facts, period, &Default::default(), clock());
    assert_eq!(again.overall, report.overall);
    // Prefetched in the background, the same report.
    h.press(key(KeyCode::Esc));
    h.app.prefetch = true;
    h.app.prefetch_stats();
    h.keys("S");
    let Overlay::Stats(pane) = &h.app.state.overlay else {
        panic!("the stats view is not open");
    };
    assert_eq!(pane.report.as_deref(), Some(&*report));

    // Enter on 7 November (three days left of the last): exactly the
    // conversations with a message that day.
    h.press(key(KeyCode::Left));
    h.press(key(KeyCode::Left));
    h.press(key(KeyCode::Left));
    h.press(key(KeyCode::Enter));
    let day = &report.days[3];
    assert_eq!(day.date.to_string(), "2026-11-07");
    assert!(h.app.state.overlay.is_none());
    assert_eq!(h.app.state.total as usize, day.conversations.len());
    assert!(
        h.app
            .state
            .items
            .iter()
            .all(|c| day.conversations.contains(&c.id))
    );
    let screen = h.render(120, 40);
    assert!(screen.contains("Stats · 52 · Sat 7 Nov (52)"), "{screen}");
    // Esc leaves the list for the figure it came from.
    h.press(key(KeyCode::Esc));
    let Overlay::Stats(pane) = &h.app.state.overlay else {
        panic!("Esc did not go back to the stats view");
    };
    assert_eq!(pane.cursor(StatsSection::Days), 3);
    assert!(h.app.state.refine.ids.is_none());
    h.press(key(KeyCode::Esc));
    assert!(h.app.state.overlay.is_none());
    assert_eq!(h.app.state.total, h.app.state.view_counts[0]);

    // S returns to the same place; Tab to the categories; Enter opens the
    // tagged conversation.
    h.keys("S");
    let Overlay::Stats(pane) = &h.app.state.overlay else {
        panic!("the stats view is not open");
    };
    assert_eq!(pane.cursor(StatsSection::Days), 3);
    h.press(key(KeyCode::Tab));
    h.press(key(KeyCode::Enter));
    assert_eq!(h.app.state.total, 1);
    assert_eq!(h.app.state.current().map(|c| c.id), Some(first));

    // A breach opens that conversation's thread, not every breach.
    h.keys("S");
    h.press(key(KeyCode::Tab));
    h.press(key(KeyCode::Down));
    h.press(key(KeyCode::Enter));
    let breaches = &report.sla_breach_list;
    assert_eq!(h.app.state.total, 1);
    assert_eq!(
        h.app.state.current().map(|c| c.id),
        Some(breaches[1].conversation)
    );
    assert_eq!(h.app.state.focus, palabre::app::state::Focus::Thread);

    // Periods: p cycles, d takes dates; Esc gets back to the queue.
    h.keys("1S");
    h.keys("p");
    let Overlay::Stats(pane) = &h.app.state.overlay else {
        panic!("the stats view is not open");
    };
    assert_eq!(pane.range, StatsRange::Month);
    assert_eq!(pane.report.as_ref().unwrap().days.len(), 30);
    h.keys("d");
    for _ in 0..30 {
        h.press(key(KeyCode::Backspace));
    }
    h.keys("2026-11-07 2026-11-08");
    h.press(key(KeyCode::Enter));
    let Overlay::Stats(pane) = &h.app.state.overlay else {
        panic!("the stats view is not open");
    };
    let report = pane.report.as_ref().unwrap();
    assert_eq!(report.days.len(), 2);
    assert_eq!(report.overall.received, 127);
    h.keys("d");
    h.keys("x");
    h.press(key(KeyCode::Enter));
    assert!(h.app.state.flash.is_some());
    h.press(key(KeyCode::Esc));
    assert!(matches!(h.app.state.overlay, Overlay::Stats(_)));
    h.press(key(KeyCode::Esc));
    assert!(h.app.state.overlay.is_none());
}

#[test]
fn escalation_hooks_run_off_the_ui_thread_and_their_outcome_shows_in_the_thread() {
    use palabre::app::effect::{HooksJob, Job, TerminalEffect};
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let landed = dir.path().join("hook.json");
    let hooks = palabre::hooks::Hooks::from_config(&palabre::config::EscalationSection {
        command: Some(vec!["tee".into(), landed.display().to_string()]),
        ..Default::default()
    })
    .unwrap()
    .unwrap();
    h.app.hooks = Some(std::sync::Arc::new(hooks.clone()));
    let id = h.selected_id();
    h.keys("E");
    h.press(key(KeyCode::Enter));
    h.keys("legal threat");
    // The key press records the escalation and hands the hook to the runtime.
    let outward = h.app.handle(Msg::Key(key(KeyCode::Enter)));
    let Some(TerminalEffect::Background(Job::Hooks(HooksJob {
        conversation,
        escalation,
        payload,
        ..
    }))) = outward
        .into_iter()
        .find(|e| matches!(e, TerminalEffect::Background(Job::Hooks(_))))
    else {
        panic!("no hook to run");
    };
    assert_eq!(conversation, id);
    assert_eq!(payload["note"], "legal threat");
    assert!(!landed.exists(), "nothing runs on the UI thread");
    // What the runtime's task does, then reports back.
    let outcomes = palabre::hooks::run_blocking(&hooks, &payload).unwrap();
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&landed).unwrap()).unwrap();
    assert_eq!(written["to"], "Legal");
    h.app.handle(Msg::HooksDone {
        conversation,
        escalation,
        outcomes,
    });
    let thread = h.app.state.thread.as_ref().unwrap();
    let e = thread
        .events
        .iter()
        .find(|e| e.kind == EventKind::EscalationHookOk)
        .expect("the outcome is in the thread's events");
    assert_eq!(e.payload["escalation"], escalation);
    assert!(
        Lang::En.t().event(e).starts_with("command tee: done"),
        "{}",
        Lang::En.t().event(e)
    );
    // The first conversation is a long thread (a safety report ranks
    // first): a tall screen shows its history under the messages.
    let screen = h.render(120, 90);
    assert!(
        screen.contains("⚑ escalated to Legal: legal threat")
            && screen.contains("✓ command tee: done after 1 attempt"),
        "{screen}"
    );
}

#[test]
fn a_failed_escalation_hook_is_flashed_and_recorded() {
    let mut h = harness();
    let id = h.selected_id();
    h.app.handle(Msg::HooksDone {
        conversation: id,
        escalation: 0,
        outcomes: vec![palabre::hooks::HookOutcome {
            hook: palabre::hooks::HookKind::Webhook,
            target: "https://hooks.example".into(),
            ok: false,
            attempts: 3,
            status: Some(503),
            error: Some("the webhook answered 503 Service Unavailable".into()),
        }],
    });
    let flash = h.app.state.flash.clone().unwrap_or_default();
    assert!(
        flash.contains("escalation hook failed") && flash.contains("503"),
        "{flash}"
    );
    let events = h.other_store().history(id).unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.kind == EventKind::EscalationHookFailed)
    );
}

/// One inbound mention on Mastodon, as an interchange line.
fn mention(id: &str, text: &str, minute: u32) -> String {
    format!(
        "{}\n",
        serde_json::json!({
            "channel": "mastodon", "id": id, "parent_id": null, "kind": "mention",
            "author": {"handle": format!("u{id}"), "name": "U", "followers": 10},
            "text": text, "lang": "en",
            "created_at": format!("2026-11-09T10:{minute:02}:00Z"),
        })
    )
}

#[test]
fn tags_teach_a_model_whose_suggestions_never_replace_a_persons_tag() {
    // A complaint the built-in rules have no cue for: a taste of plastic.
    let taught = [
        "the espresso tastes of plastic",
        "every cup tastes like plastic now",
        "a strong plastic taste in my coffee",
        "my tea tastes of plastic, awful",
        "plastic taste again this morning",
        "why does the water taste like plastic",
    ];
    let mut extra = String::new();
    for (i, t) in taught.iter().enumerate() {
        extra.push_str(&mention(&format!("taught{i}"), t, i as u32));
    }
    extra.push_str(&mention("new", "the coffee has a plastic taste", 30));
    extra.push_str(&mention(
        "calm",
        "lovely walk by the river this morning",
        31,
    ));
    let mut h = harness_with(Lang::En, &extra);
    let id_of = |h: &Harness, ext: &str| {
        h.other_store()
            .resolve_conversation(&format!("mastodon:{ext}"))
            .unwrap()
    };
    let new = id_of(&h, "new");
    let rules_only = h.other_store().conversation(new).unwrap();
    assert!(
        rules_only.learned_categories.is_empty(),
        "nothing learned yet"
    );
    assert!(
        palabre::triage::categories::suggest(&rules_only.messages[0].message.text).is_empty(),
        "the rules alone suggest nothing here"
    );
    let mut store = h.other_store();
    for i in 0..taught.len() {
        let conv = id_of(&h, &format!("taught{i}"));
        store
            .apply(conv, Change::Tag(vec!["product-defect".into()]), "lea")
            .unwrap();
    }
    let detail = store.conversation(new).unwrap();
    assert_eq!(
        detail
            .learned_categories
            .iter()
            .map(|c| c.category.as_str())
            .collect::<Vec<_>>(),
        ["product-defect"],
        "{:?}",
        detail.learned_categories
    );
    // Ordinary messages are not pulled in.
    let calm = id_of(&h, "calm");
    assert!(
        store
            .conversation(calm)
            .unwrap()
            .learned_categories
            .is_empty()
    );
    // In the tag pane: suggested, with the reason, and not a tag.
    h.keys("/");
    h.keys("plastic taste coffee");
    h.press(key(KeyCode::Enter));
    // The tagged look-alikes may rank above it (tagging refreshed their
    // waiting points): walk down to it.
    for _ in 0..10 {
        if h.selected_id() == new {
            break;
        }
        h.keys("j");
    }
    assert_eq!(h.selected_id(), new);
    h.keys("t");
    let reasons: Vec<String> = match &h.app.state.overlay {
        Overlay::Tags(p) => p
            .suggestions
            .iter()
            .filter(|s| s.category == "product-defect")
            .flat_map(|s| s.reasons.clone())
            .collect(),
        _ => panic!("tag pane"),
    };
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("learned from your tags")),
        "{reasons:?}"
    );
    assert!(h.render(120, 40).contains("★ learned from your tags"));
    h.press(key(KeyCode::Esc));
    assert!(
        h.other_store()
            .conversation(new)
            .unwrap()
            .summary
            .tags
            .is_empty()
    );
    // A person who sees it otherwise: their tag stands, the suggestion
    // stays a suggestion.
    store
        .apply(new, Change::Tag(vec!["delivery".into()]), "lea")
        .unwrap();
    assert_eq!(
        h.other_store().conversation(new).unwrap().summary.tags,
        ["delivery"],
        "the person's tag stands, the suggestion is not applied"
    );
}

#[test]
fn each_accounts_sync_state_shows_in_the_status_bar() {
    let mut h = harness();
    assert!(h.render(120, 40).contains("⇅ no accounts"));
    // What a sync (another process, or the background task) records.
    let mut other = h.other_store();
    other
        .set_account_state(
            "kettlo-x",
            palabre::model::Channel::X,
            palabre::model::SyncState::AuthFailed,
            Some("401: Unauthorized"),
            None,
        )
        .unwrap();
    other
        .set_account_state(
            "kettlo-bsky",
            palabre::model::Channel::Bluesky,
            palabre::model::SyncState::Ok,
            None,
            None,
        )
        .unwrap();
    h.app.poll_store();
    let screen = h.render(120, 40);
    assert!(screen.contains("⇅ kettlo-x: auth failed"), "{screen}");
    assert!(screen.contains("⇅ kettlo-bsky: ok"), "{screen}");
    assert!(!screen.contains("no accounts"));
}

/// The key map `palabre` builds from a config file's `[keys]` table.
fn keymap_from(config: &str) -> Keymap {
    let config = palabre::config::parse(config, std::path::Path::new("c.toml")).unwrap();
    Keymap::with_overrides(&config.keys).unwrap()
}

#[test]
fn rebinding_down_moves_pickers_and_the_tag_pane_too() {
    let mut h = harness();
    h.app.keymap = keymap_from("[keys]\ndown = [\"n\"]\n");
    let first = h.app.state.selected;
    h.keys("n");
    assert_eq!(h.app.state.selected, first + 1, "the queue");
    h.keys("s");
    let picker = |h: &Harness| match &h.app.state.overlay {
        Overlay::Picker(p) => p.cursor,
        _ => panic!("the status picker is not open"),
    };
    let opened_on = picker(&h);
    h.keys("n");
    assert_eq!(picker(&h), opened_on + 1, "the picker");
    h.keys("j");
    assert_eq!(picker(&h), opened_on + 1, "j no longer moves");
    h.press(key(KeyCode::Esc));
    h.keys("t");
    h.keys("nn");
    match &h.app.state.overlay {
        Overlay::Tags(p) => assert_eq!(p.cursor, 2, "the tag pane"),
        _ => panic!("the tag pane is not open"),
    }
}

#[test]
fn the_help_and_the_hint_line_show_the_keys_bound() {
    let mut h = harness();
    h.app.keymap = keymap_from("[keys]\ndown = [\"n\"]\n[keys.tags]\ntoggle = [\"y\"]\n");
    h.keys("?");
    let screen = h.render(120, 40);
    assert!(
        screen.contains("│n               Move down  :down"),
        "{screen}"
    );
    assert_eq!(screen.lines().last(), Some("n/k scroll · Esc close"));
    // The panes' own keys follow the actions.
    for _ in 0..34 {
        h.keys("n");
    }
    let screen = h.render(120, 40);
    assert!(
        screen.contains("│n               Move down  picker.down"),
        "{screen}"
    );
    h.press(key(KeyCode::Esc));
    h.keys("S");
    let screen = h.render(120, 40);
    assert!(
        screen
            .lines()
            .last()
            .unwrap()
            .starts_with("←/→ n/k move · "),
        "{screen}"
    );
    h.press(key(KeyCode::Esc));
    // `n` moves now, so the tag pane's new-tag default went to it: the hint
    // says what is left.
    h.keys("t");
    let screen = h.render(120, 40);
    assert_eq!(screen.lines().last(), Some("y toggle · Esc close"));
    assert!(
        !screen.contains("new free tag") && screen.contains("│★ suggested, with the words"),
        "{screen}"
    );
    let id = h.selected_id();
    h.keys("ny");
    assert_eq!(
        h.other_store().conversation(id).unwrap().summary.tags,
        vec!["delivery"]
    );
}

#[test]
fn pane_hints_are_generated_with_french_key_names() {
    let mut h = harness_with(Lang::Fr, "");
    h.keys("t");
    let screen = h.render(120, 40);
    assert_eq!(
        screen.lines().last(),
        Some("Espace cocher · n nouvelle étiquette · Échap fermer")
    );
    h.press(key(KeyCode::Esc));
    h.keys("!");
    let screen = h.render(120, 40);
    assert_eq!(
        screen.lines().last(),
        Some("Entrée choisir le niveau (avec raison) · E escalader · Échap fermer")
    );
}

/// The background jobs among the effects handed to the runtime.
fn jobs(effects: Vec<palabre::app::effect::TerminalEffect>) -> Vec<palabre::app::effect::Job> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            palabre::app::effect::TerminalEffect::Background(job) => Some(job),
            _ => None,
        })
        .collect()
}

#[test]
fn the_stats_prefetch_is_a_job_whose_report_comes_back_as_a_message() {
    use palabre::app::effect::Job;
    let mut h = harness();
    h.app.prefetch = true;
    let mut prefetch = jobs(h.app.prefetch_stats());
    assert!(
        matches!(prefetch.as_slice(), [Job::Stats(_)]),
        "{prefetch:?}"
    );
    assert!(jobs(h.app.prefetch_stats()).is_empty(), "one at a time");
    // Opened before the report is back: the view waits for it rather than
    // computing it again on the UI thread.
    h.keys("S");
    let Overlay::Stats(pane) = &h.app.state.overlay else {
        panic!("the stats view is not open");
    };
    assert!(pane.report.is_none());
    assert!(h.render(120, 40).contains("Computing…"));
    let msg = prefetch.remove(0).run_blocking();
    assert!(
        matches!(&msg, Msg::StatsReady(r) if r.report.is_some()),
        "{msg:?}"
    );
    h.app.handle(msg);
    let Overlay::Stats(pane) = &h.app.state.overlay else {
        panic!("the stats view is not open");
    };
    let prefetched = pane.report.clone().expect("the message fills the view");
    // The same report as one computed on demand.
    h.press(key(KeyCode::Esc));
    h.app.forget_stats();
    h.keys("S");
    let Overlay::Stats(pane) = &h.app.state.overlay else {
        panic!("the stats view is not open");
    };
    assert_eq!(pane.report.as_ref(), Some(&prefetched));
    h.press(key(KeyCode::Esc));
    assert!(
        jobs(h.app.prefetch_stats()).is_empty(),
        "nothing changed: nothing to compute"
    );
}

#[test]
fn the_priority_refresh_is_a_job_whose_result_comes_back_as_a_message() {
    use palabre::app::effect::Job;
    let mut h = harness();
    h.app.prefetch = true;
    // Three days on, unanswered conversations have climbed.
    h.app.fixed_clock = Some(clock() + chrono::Duration::days(3));
    let id = h.selected_id();
    let before = h.other_store().conversation(id).unwrap().summary.priority;
    let mut refresh: Vec<Job> = jobs(h.app.poll_store())
        .into_iter()
        .filter(|j| matches!(j, Job::Priorities(_)))
        .collect();
    assert_eq!(refresh.len(), 1);
    assert!(
        !jobs(h.app.poll_store())
            .iter()
            .any(|j| matches!(j, Job::Priorities(_))),
        "once a minute"
    );
    let msg = refresh.remove(0).run_blocking();
    let Msg::PrioritiesRefreshed(Ok(looked_at)) = &msg else {
        panic!("{msg:?}");
    };
    assert!(*looked_at > 0);
    h.app.handle(msg);
    assert_ne!(
        h.other_store().conversation(id).unwrap().summary.priority,
        before
    );
    // Its commit reaches the queue through the store poll.
    h.app.poll_store();
    let shown = h
        .app
        .state
        .items
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.priority);
    assert_eq!(
        shown,
        Some(h.other_store().conversation(id).unwrap().summary.priority)
    );
}

#[test]
fn escalation_hooks_are_a_job_whose_outcome_comes_back_as_a_message() {
    use palabre::app::effect::Job;
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let landed = dir.path().join("hook.json");
    let hooks = palabre::hooks::Hooks::from_config(&palabre::config::EscalationSection {
        command: Some(vec!["tee".into(), landed.display().to_string()]),
        ..Default::default()
    })
    .unwrap()
    .unwrap();
    h.app.hooks = Some(std::sync::Arc::new(hooks));
    let id = h.selected_id();
    h.keys("E");
    h.press(key(KeyCode::Enter));
    h.keys("recall notice");
    let mut hooks = jobs(h.app.handle(Msg::Key(key(KeyCode::Enter))));
    assert!(matches!(hooks.as_slice(), [Job::Hooks(_)]), "{hooks:?}");
    assert!(hooks[0].must_finish(), "quitting waits for it");
    assert!(!landed.exists(), "nothing runs on the UI thread");
    let msg = hooks.remove(0).run_blocking();
    assert!(
        matches!(&msg, Msg::HooksDone { conversation, outcomes, .. }
            if *conversation == id && outcomes.iter().all(|o| o.ok)),
        "{msg:?}"
    );
    assert!(landed.exists());
    h.app.handle(msg);
    assert!(
        h.other_store()
            .history(id)
            .unwrap()
            .iter()
            .any(|e| e.kind == EventKind::EscalationHookOk)
    );
}
