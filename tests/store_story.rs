//! One story of a morning in the inbox, told through the store's trait
//! (`palabre::store::Database`) and the inbox service above it, run against
//! every backend the build has (`common/backends.rs`: SQLite, and
//! PostgreSQL on a server the test starts itself).

use chrono::{Duration, TimeZone, Utc};
use palabre::inbox::Store;
use palabre::model::{Channel, CrisisLevel, Message, Status, SyncState, Tone};
use palabre::store::{Change, QueueFilter};
use serde_json::json;

#[path = "common/backends.rs"]
mod backends;

fn message(id: &str, parent: Option<&str>, text: &str, minutes: i64, followers: u64) -> Message {
    let at = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap() + Duration::minutes(minutes);
    let line = json!({
        "channel": "mastodon",
        "id": id,
        "parent_id": parent,
        "kind": if parent.is_some() { "reply" } else { "mention" },
        "direction": "inbound",
        "author": {"handle": format!("@p{id}@example.social"), "name": format!("P {id}"),
                   "followers": followers, "verified": false},
        "text": text,
        "lang": "en",
        "created_at": at.to_rfc3339(),
        "metrics": {"likes": 0, "shares": 0, "replies": 0}
    });
    palabre::ingest::parse_line(&line.to_string(), 1).expect("a valid line")
}

fn story(store: &mut Store) {
    // Messages arrive: a thread of two, a complaint from a large account,
    // and a thank-you.
    let batch = [
        message("1", None, "How do I reset my kettle's timer?", 0, 40),
        message("2", Some("1"), "Still no answer, anyone?", 30, 40),
        message(
            "3",
            None,
            "Worst service ever, my refund never came. Terrible!",
            10,
            90_000,
        ),
        message("4", None, "Thanks, the new kettle is lovely", 20, 12),
    ];
    let report = store
        .import_messages(&batch, "lea", "morning.jsonl")
        .unwrap();
    assert_eq!((report.new, report.unchanged), (4, 0));
    // Importing again changes nothing.
    let again = store
        .import_messages(&batch, "lea", "morning.jsonl")
        .unwrap();
    assert_eq!((again.new, again.unchanged), (0, 4));

    // The queue: three conversations, the angry large account first.
    let all = QueueFilter {
        limit: 50,
        ..Default::default()
    };
    let queue = store.list(&all).unwrap();
    assert_eq!(queue.len(), 3);
    assert_eq!(store.count(&all).unwrap(), 3);
    let angry = store.resolve_conversation("mastodon:3").unwrap();
    let thread = store.resolve_conversation("mastodon:2").unwrap();
    assert_eq!(store.resolve_conversation("mastodon:1").unwrap(), thread);
    assert_eq!(queue[0].id, angry, "the complaint ranks first: {queue:?}");
    assert_eq!(queue[0].tone, Some(palabre::model::Tone::Negative));
    assert!(!queue[0].reasons.is_empty(), "the queue says why");
    assert_eq!(store.messages(thread).unwrap().len(), 2);

    // Search finds words, whatever their case.
    let found = store
        .list(&QueueFilter {
            search: Some("REFUND".into()),
            limit: 50,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.iter().map(|c| c.id).collect::<Vec<_>>(), vec![angry]);

    // People act: tag, assign, note, status; each change is an event.
    store
        .apply(angry, Change::Tag(vec!["Billing".into()]), "lea")
        .unwrap();
    store
        .apply(angry, Change::Assign(Some("sam".into())), "lea")
        .unwrap();
    store
        .apply(angry, Change::Note("called them back".into()), "lea")
        .unwrap();
    store
        .apply(thread, Change::Sentiment(Tone::Neutral), "lea")
        .unwrap();
    let summary = store.summaries(&[angry]).unwrap().remove(0);
    assert_eq!(summary.tags, vec!["billing".to_string()]);
    assert_eq!(summary.assignee.as_deref(), Some("sam"));
    assert!(store.known_tags().unwrap().contains(&"billing".to_string()));
    assert_eq!(store.known_assignees().unwrap(), vec!["sam".to_string()]);
    let kinds: Vec<String> = store
        .history(angry)
        .unwrap()
        .iter()
        .map(|e| e.kind.to_string())
        .collect();
    assert!(kinds.len() >= 3, "{kinds:?}");
    assert!(
        store.models_revision().unwrap() > 0,
        "a category tag teaches the models"
    );
    let mine = store
        .list(&QueueFilter {
            assignee: Some(Some("sam".into())),
            limit: 50,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(mine.len(), 1);

    // A draft survives, then the reply is queued for the outbox.
    store
        .apply(
            thread,
            Change::SaveDraft("Hold the button for".into()),
            "lea",
        )
        .unwrap();
    assert_eq!(
        store.draft(thread).unwrap().map(|d| d.text).as_deref(),
        Some("Hold the button for")
    );
    store
        .apply(
            thread,
            Change::QueueReply {
                text: "Hold the timer button for five seconds.".into(),
                check: Default::default(),
            },
            "lea",
        )
        .unwrap();
    let pending = store.pending_replies(Channel::Mastodon).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].conversation, thread);
    assert_eq!(
        pending[0].in_reply_to.as_ref().map(|t| t.ext_id.as_str()),
        Some("2")
    );
    store.mark_sending(pending[0].id).unwrap();
    // The reply comes back from the network as our message, and is sent.
    let mut ours = message(
        "5",
        Some("2"),
        "Hold the timer button for five seconds.",
        40,
        5,
    );
    ours.direction = palabre::model::Direction::Outbound;
    {
        let mut importer = store.sync_importer("lea", "outbox").unwrap();
        importer.add_scored(&ours, None).unwrap();
        importer
            .mark_sent(pending[0].id, "5", "lea")
            .expect("marked sent");
        importer.finish().unwrap();
    }
    assert!(store.pending_replies(Channel::Mastodon).unwrap().is_empty());
    let answered = store.summaries(&[thread]).unwrap().remove(0);
    assert!(!answered.unanswered, "our reply answers the thread");

    // A sync's cursor moves with its page, in one transaction.
    {
        let mut importer = store.sync_importer("lea", "sync main").unwrap();
        importer
            .add_scored(&message("6", None, "hello again", 50, 3), None)
            .unwrap();
        importer
            .set_cursor("main", Channel::Mastodon, "cursor-6")
            .unwrap();
        importer.finish().unwrap();
    }
    assert_eq!(
        store.account_cursor("main").unwrap().as_deref(),
        Some("cursor-6")
    );
    store
        .set_account_state("main", Channel::Mastodon, SyncState::Ok, None, None)
        .unwrap();
    assert_eq!(store.account_states().unwrap()[0].state, SyncState::Ok);

    // An import left unfinished leaves nothing behind.
    {
        let mut importer = store.importer("lea", "broken.jsonl").unwrap();
        importer
            .add_scored(&message("7", None, "never committed", 60, 1), None)
            .unwrap();
    }
    assert!(store.resolve_conversation("mastodon:7").is_err());

    // Resolving takes a conversation out of the open work.
    store
        .apply(angry, Change::Status(Status::Resolved), "sam")
        .unwrap();
    let open = store
        .list(&QueueFilter {
            statuses: vec![Status::New, Status::Open],
            limit: 50,
            ..Default::default()
        })
        .unwrap();
    assert!(open.iter().all(|c| c.id != angry));

    // The numbers for the boss.
    let from = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2026, 11, 3, 0, 0, 0).unwrap();
    let facts = store.analytics_facts(from, to, to).unwrap();
    assert_eq!(facts.conversations.len(), 4);

    // A person's crisis flag stands, and the detector never lowers it.
    store
        .apply(
            thread,
            Change::Flag {
                level: CrisisLevel::Watch,
                reason: "many asking".into(),
            },
            "lea",
        )
        .unwrap();
    palabre::inbox::crisis::scan(store, palabre::inbox::crisis::DETECTOR).unwrap();
    assert_eq!(
        store.summaries(&[thread]).unwrap()[0].crisis_level,
        CrisisLevel::Watch
    );
}

#[test]
fn a_morning_in_the_inbox_reads_the_same_on_every_backend() {
    for mut backend in backends::each("a_morning_in_the_inbox") {
        eprintln!("backend {}", backend.name);
        story(&mut backend.store);
    }
}
