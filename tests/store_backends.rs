//! The store's behaviour through its trait, on every backend: queue order
//! and filters, search (case and accents ignored, French and English),
//! threading, events, drafts, the outbox's exactly-once, analytics facts,
//! learning, priorities over time; and what a team needs: replies that
//! never collide, an atomic "next", automatic assignment, presence, the
//! event log. Where both backends run, they must also answer alike, value
//! for value (`both_backends_answer_alike`).

#[path = "common/backends.rs"]
mod backends;

use chrono::{DateTime, Duration, TimeZone, Utc};
use palabre::inbox::Store;
use palabre::model::{
    ActionKind, Author, Channel, ContactMark, CrisisLevel, Direction, EventKind, Message,
    MessageKind, Metrics, Status, Tone,
};
use palabre::store::{
    Activity, AutoAssign, Change, Presence, PresenceState, QueueFilter, ReplyCheck, StoreError,
};

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap() + Duration::minutes(minutes)
}

fn msg(channel: Channel, id: &str, parent: Option<&str>, minutes: i64, text: &str) -> Message {
    Message {
        channel,
        id: id.into(),
        parent_id: parent.map(str::to_string),
        thread_id: None,
        kind: if parent.is_some() {
            MessageKind::Reply
        } else {
            MessageKind::Mention
        },
        direction: Direction::Inbound,
        author: Author {
            handle: format!("@{id}"),
            name: "Zoé Martin".into(),
            followers: Some(10),
            verified: false,
        },
        text: text.into(),
        lang: Some("fr".into()),
        created_at: at(minutes),
        url: None,
        metrics: Metrics::default(),
        automated: false,
    }
}

fn conv(store: &Store, channel: Channel, id: &str) -> i64 {
    store
        .resolve_conversation(&format!("{channel}:{id}"))
        .unwrap()
}

fn all() -> QueueFilter {
    QueueFilter {
        limit: 100,
        ..Default::default()
    }
}

fn texts(store: &Store, filter: QueueFilter) -> Vec<String> {
    store
        .list(&filter)
        .unwrap()
        .into_iter()
        .map(|s| s.last_text)
        .collect()
}

#[test]
fn queue_order_and_filters() {
    for mut b in backends::each("queue_order_and_filters") {
        let store = &mut b.store;
        let mut famous = msg(Channel::X, "f", None, 0, "big account");
        famous.author.followers = Some(900_000);
        let mut en = msg(Channel::Mastodon, "e", None, 5, "lovely kettle");
        en.lang = Some("en-GB".into());
        store
            .import_messages(
                &[
                    msg(Channel::X, "q", None, 0, "quiet"),
                    famous,
                    msg(Channel::Youtube, "y", None, 0, "yt"),
                    en,
                ],
                "t",
                "x",
            )
            .unwrap();
        let yt = conv(store, Channel::Youtube, "y");
        let quiet = conv(store, Channel::X, "q");
        let kettle = conv(store, Channel::Mastodon, "e");
        store
            .apply(
                yt,
                Change::Escalate {
                    to: "boss".into(),
                    note: String::new(),
                },
                "lea",
            )
            .unwrap();
        store
            .apply(quiet, Change::Status(Status::Resolved), "lea")
            .unwrap();
        store
            .apply(kettle, Change::Tag(vec!["Praise".into()]), "lea")
            .unwrap();
        let order = texts(store, all());
        let place = |t: &str| order.iter().position(|o| o == t);
        assert_eq!(
            place("yt"),
            Some(0),
            "{}: escalated first: {order:?}",
            b.name
        );
        assert!(
            place("big account") < place("quiet"),
            "{}: then priority",
            b.name
        );
        assert_eq!(place("quiet"), Some(3), "{}: resolved last", b.name);
        assert_eq!(
            texts(
                store,
                QueueFilter {
                    channel: Some(Channel::X),
                    status: Some(Status::New),
                    ..all()
                }
            ),
            vec!["big account"],
            "{}",
            b.name
        );
        assert_eq!(
            texts(
                store,
                QueueFilter {
                    assignee: Some(None),
                    limit: 1,
                    ..Default::default()
                }
            ),
            vec!["yt"],
            "{}",
            b.name
        );
        assert_eq!(
            texts(
                store,
                QueueFilter {
                    tags_any: vec!["praise".into()],
                    ..all()
                }
            ),
            vec!["lovely kettle"],
            "{}",
            b.name
        );
        assert_eq!(
            texts(
                store,
                QueueFilter {
                    lang: Some("EN".into()),
                    ..all()
                }
            ),
            vec!["lovely kettle"],
            "{}: the primary language subtag",
            b.name
        );
        assert_eq!(
            texts(
                store,
                QueueFilter {
                    ids: Some(vec![quiet, yt]),
                    ..all()
                }
            ),
            vec!["yt", "quiet"],
            "{}: chosen ids, in the queue's order",
            b.name
        );
        assert_eq!(
            texts(
                store,
                QueueFilter {
                    statuses: vec![Status::Resolved],
                    pin_escalated: true,
                    ..all()
                }
            ),
            vec!["yt", "quiet"],
            "{}: escalated ones stay pinned",
            b.name
        );
        let x = QueueFilter {
            channel: Some(Channel::X),
            ..all()
        };
        assert_eq!(store.count(&x).unwrap(), 2, "{}", b.name);
        assert_eq!(
            store.position(&all(), quiet).unwrap(),
            Some(3),
            "{}",
            b.name
        );
        assert_eq!(store.position(&x, yt).unwrap(), None, "{}", b.name);
        let page = store
            .list(&QueueFilter {
                limit: 2,
                offset: 1,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(page.len(), 2, "{}", b.name);
        assert_eq!(page[0].last_text, order[1], "{}", b.name);
        let info = store.info().unwrap();
        assert_eq!((info.messages, info.conversations), (4, 4), "{}", b.name);
        assert_eq!(info.languages.get("fr"), Some(&3), "{}", b.name);
        assert_eq!(info.languages.get("en"), Some(&1), "{}", b.name);
        assert_eq!(store.known_tags().unwrap(), vec!["praise"], "{}", b.name);
        assert_eq!(
            store.known_languages().unwrap(),
            vec!["en", "fr"],
            "{}",
            b.name
        );
    }
}

#[test]
fn search_ignores_case_and_accents_in_french_and_english() {
    for mut b in backends::each("search_accents") {
        let store = &mut b.store;
        let mut kettle = msg(
            Channel::Bluesky,
            "b",
            None,
            1,
            "The lid CRACKED after two days; l’anse aussi",
        );
        kettle.author.handle = "@kettle.fan".into();
        kettle.lang = Some("en".into());
        store
            .import_messages(
                &[
                    msg(
                        Channel::X,
                        "a",
                        None,
                        0,
                        "Livraison très en retard, toujours rien reçu cet ÉTÉ",
                    ),
                    kettle,
                ],
                "t",
                "x",
            )
            .unwrap();
        let find = |q: &str| -> Vec<Channel> {
            store
                .list(&QueueFilter {
                    search: Some(q.into()),
                    ..all()
                })
                .unwrap()
                .into_iter()
                .map(|s| s.channel)
                .collect()
        };
        let name = b.name;
        assert_eq!(find("livraison"), vec![Channel::X], "{name}");
        assert_eq!(find("tres retard"), vec![Channel::X], "{name}: accents");
        assert_eq!(find("TRÈS"), vec![Channel::X], "{name}: case and accents");
        assert_eq!(find("recu"), vec![Channel::X], "{name}");
        assert_eq!(find("été"), vec![Channel::X], "{name}");
        assert_eq!(find("ete"), vec![Channel::X], "{name}");
        assert_eq!(find("crack"), vec![Channel::Bluesky], "{name}: prefix");
        assert_eq!(find("cracked lid"), vec![Channel::Bluesky], "{name}");
        assert_eq!(find("anse"), vec![Channel::Bluesky], "{name}: l’anse");
        assert_eq!(
            find("kettle.fan"),
            vec![Channel::Bluesky],
            "{name}: authors"
        );
        assert_eq!(
            find("zoe"),
            vec![Channel::X, Channel::Bluesky],
            "{name}: names"
        );
        assert!(find("livraison lid").is_empty(), "{name}: all words");
        assert!(
            find("cracke days").is_empty(),
            "{name}: only the last is a prefix"
        );
        for hostile in [
            "\"", "a AND", "NEAR(", "*", "-", "(((", "col:x", "'", "a & !b", "\\",
        ] {
            let _ = find(hostile);
        }
        assert_eq!(
            store
                .count(&QueueFilter {
                    search: Some("retard".into()),
                    ..Default::default()
                })
                .unwrap(),
            1,
            "{name}"
        );
    }
}

#[test]
fn replies_before_parents_end_in_one_thread_keeping_what_people_did() {
    for mut b in backends::each("replies_before_parents") {
        let store = &mut b.store;
        // The replies arrive first, in their own import: a conversation
        // waiting for its root, which people already work on.
        store
            .import_messages(
                &[
                    msg(Channel::Reddit, "c", Some("b"), 2, "third"),
                    msg(Channel::Reddit, "b", Some("a"), 1, "second"),
                ],
                "t",
                "1",
            )
            .unwrap();
        let orphan = conv(store, Channel::Reddit, "c");
        store
            .apply(orphan, Change::Tag(vec!["billing".into()]), "lea")
            .unwrap();
        store
            .apply(orphan, Change::Assign(Some("sam".into())), "lea")
            .unwrap();
        store
            .apply(orphan, Change::SaveDraft("Bonjour,".into()), "lea")
            .unwrap();
        store
            .import_messages(&[msg(Channel::Reddit, "a", None, 0, "first")], "t", "2")
            .unwrap();
        let whole = conv(store, Channel::Reddit, "a");
        assert_eq!(conv(store, Channel::Reddit, "c"), whole, "{}", b.name);
        assert_eq!(store.current_id(orphan).unwrap(), whole, "{}", b.name);
        let thread: Vec<(String, usize)> = store
            .messages(whole)
            .unwrap()
            .into_iter()
            .map(|m| (m.message.text, m.depth))
            .collect();
        assert_eq!(
            thread,
            vec![
                ("first".to_string(), 0),
                ("second".to_string(), 1),
                ("third".to_string(), 2)
            ],
            "{}",
            b.name
        );
        let s = store.summaries(&[whole]).unwrap().remove(0);
        assert_eq!(s.tags, vec!["billing"], "{}", b.name);
        assert_eq!(s.assignee.as_deref(), Some("sam"), "{}", b.name);
        assert_eq!(s.message_count, 3, "{}", b.name);
        assert_eq!(
            store.draft(whole).unwrap().map(|d| d.text).as_deref(),
            Some("Bonjour,"),
            "{}",
            b.name
        );
        assert_eq!(store.count(&all()).unwrap(), 1, "{}", b.name);
        let kinds: Vec<EventKind> = store
            .history(whole)
            .unwrap()
            .iter()
            .map(|e| e.kind)
            .collect();
        assert!(kinds.contains(&EventKind::Tag), "{}: {kinds:?}", b.name);
    }
}

#[test]
fn reimport_is_idempotent_and_edits_are_recorded() {
    for mut b in backends::each("reimport_edits") {
        let store = &mut b.store;
        let m = msg(Channel::Mastodon, "1", None, 0, "first words");
        let r = store
            .import_messages(std::slice::from_ref(&m), "t", "a")
            .unwrap();
        assert_eq!((r.new, r.updated, r.unchanged), (1, 0, 0), "{}", b.name);
        let r = store
            .import_messages(std::slice::from_ref(&m), "t", "a")
            .unwrap();
        assert_eq!((r.new, r.updated, r.unchanged), (0, 0, 1), "{}", b.name);
        let mut edited = m.clone();
        edited.text = "second words".into();
        edited.metrics.likes = 4;
        let r = store.import_messages(&[edited], "t", "b").unwrap();
        assert_eq!((r.new, r.updated), (0, 1), "{}", b.name);
        let c = conv(store, Channel::Mastodon, "1");
        let events = store.history(c).unwrap();
        let edit = events
            .iter()
            .find(|e| e.kind == EventKind::Edited)
            .unwrap_or_else(|| panic!("{}: an edit event: {events:?}", b.name));
        assert_eq!(edit.payload["old_text"], "first words", "{}", b.name);
        let found = |q: &str| {
            store
                .count(&QueueFilter {
                    search: Some(q.into()),
                    ..Default::default()
                })
                .unwrap()
        };
        assert_eq!((found("second"), found("first")), (1, 0), "{}", b.name);
        // A duplicate within one import, and a NUL from the internet.
        let mut dup = msg(Channel::Mastodon, "2", None, 1, "twice\0here");
        dup.metrics.likes = 1;
        let mut dup2 = dup.clone();
        dup2.metrics.likes = 2;
        let r = store.import_messages(&[dup, dup2], "t", "c").unwrap();
        assert_eq!((r.new, r.updated), (1, 1), "{}", b.name);
        let c2 = conv(store, Channel::Mastodon, "2");
        assert_eq!(
            store.messages(c2).unwrap()[0].message.metrics.likes,
            2,
            "{}",
            b.name
        );
    }
}

#[test]
fn every_change_writes_its_event_with_the_state() {
    for mut b in backends::each("changes_and_events") {
        let store = &mut b.store;
        store
            .import_messages(&[msg(Channel::X, "1", None, 0, "help")], "t", "x")
            .unwrap();
        let c = conv(store, Channel::X, "1");
        let now = at(10);
        let changes = [
            Change::Status(Status::Open),
            Change::Tag(vec!["Shipping".into(), "delay".into()]),
            Change::Untag(vec!["delay".into()]),
            Change::Assign(Some("lea".into())),
            Change::Flag {
                level: CrisisLevel::Watch,
                reason: "many".into(),
            },
            Change::Escalate {
                to: "boss".into(),
                note: "look".into(),
            },
            Change::Note("called".into()),
            Change::SaveDraft("Hello".into()),
            Change::Sentiment(Tone::Negative),
        ];
        for change in changes {
            assert!(
                !store
                    .apply_at(c, change.clone(), "lea", now)
                    .unwrap()
                    .is_empty(),
                "{}: {change:?} wrote an event",
                b.name
            );
        }
        // Nothing changes, nothing is written.
        assert!(
            store
                .apply_at(c, Change::Tag(vec!["shipping".into()]), "lea", now)
                .unwrap()
                .is_empty(),
            "{}",
            b.name
        );
        assert!(matches!(
            store.apply_at(c, Change::Tag(vec![" ".into()]), "lea", now),
            Err(StoreError::Invalid(_))
        ));
        let s = store.summaries(&[c]).unwrap().remove(0);
        assert_eq!(s.status, Status::Open, "{}", b.name);
        assert_eq!(s.tags, vec!["shipping"], "{}", b.name);
        assert_eq!(s.assignee.as_deref(), Some("lea"), "{}", b.name);
        assert_eq!(s.crisis_level, CrisisLevel::Watch, "{}", b.name);
        assert!(s.escalated, "{}", b.name);
        assert_eq!(s.tone, Some(Tone::Negative), "{}", b.name);
        let kinds: Vec<EventKind> = store.history(c).unwrap().iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            vec![
                EventKind::Status,
                EventKind::Tag,
                EventKind::Untag,
                EventKind::Assign,
                EventKind::CrisisFlag,
                EventKind::Escalation,
                EventKind::Note,
                EventKind::DraftSaved,
                EventKind::Sentiment
            ],
            "{}",
            b.name
        );
        assert!(
            store
                .history(c)
                .unwrap()
                .iter()
                .all(|e| e.at == now && e.actor == "lea"),
            "{}",
            b.name
        );
        assert!(store.models_revision().unwrap() > 0, "{}: a lesson", b.name);
        // A person's "none" after the detector is a dismissal it respects.
        store
            .apply(
                c,
                Change::Flag {
                    level: CrisisLevel::None,
                    reason: "fine".into(),
                },
                "lea",
            )
            .unwrap();
        assert!(store.crisis_dismissed(c).unwrap(), "{}", b.name);
    }
}

#[test]
fn the_outbox_sends_each_reply_exactly_once_and_never_two_to_one_message() {
    for mut b in backends::each("outbox_exactly_once") {
        // Another moderator, on another connection.
        let mut other = b.open_again();
        let store = &mut b.store;
        store
            .import_messages(&[msg(Channel::Mastodon, "1", None, 0, "hello?")], "t", "x")
            .unwrap();
        let c = conv(store, Channel::Mastodon, "1");
        let mark = store.conversation(c).unwrap().mark;
        let reply = |text: &str, check| Change::QueueReply {
            text: text.into(),
            check,
        };
        store
            .apply(c, reply("Hi!", ReplyCheck::Since(mark)), "lea")
            .unwrap();
        // The other moderator answers the same message.
        let refused = other.apply(c, reply("Hello there", ReplyCheck::Once), "sam");
        match refused {
            Err(StoreError::Conflict(why)) => {
                assert!(why.contains("lea already replied"), "{}: {why}", b.name)
            }
            other => panic!("{}: a second reply went through: {other:?}", b.name),
        }
        // A draft begun before the first reply is refused too, and kept.
        other
            .apply(c, Change::SaveDraft("Hello there".into()), "sam")
            .unwrap();
        let stale = other.apply(c, reply("Hello there", ReplyCheck::Since(mark)), "sam");
        assert!(matches!(stale, Err(StoreError::Conflict(_))), "{}", b.name);
        assert_eq!(
            other.draft(c).unwrap().map(|d| d.text).as_deref(),
            Some("Hello there"),
            "{}",
            b.name
        );
        let pending = store.pending_replies(Channel::Mastodon).unwrap();
        assert_eq!(pending.len(), 1, "{}", b.name);
        let id = pending[0].id;
        assert_eq!(
            pending[0].in_reply_to.as_ref().unwrap().ext_id,
            "1",
            "{}",
            b.name
        );
        store.mark_sending(id).unwrap();
        store.mark_failed(id, "sync", "HTTP 500").unwrap();
        assert!(store.pending_replies(Channel::Mastodon).unwrap().is_empty());
        assert!(
            store.mark_sending(id).is_err(),
            "{}: failed is not pending",
            b.name
        );
        // A refused reply is no answer: a new one may go.
        store.retry_reply(id).unwrap();
        assert!(store.retry_reply(id).is_err(), "{}", b.name);
        store.mark_sending(id).unwrap();
        {
            let mut importer = store.sync_importer("sync", "outbox").unwrap();
            let mut ours = msg(Channel::Mastodon, "r1", Some("1"), 5, "Hi!");
            ours.direction = Direction::Outbound;
            importer.add_scored(&ours, None).unwrap();
            importer.mark_sent(id, "r1", "sync").unwrap();
            importer.finish().unwrap();
        }
        assert!(store.pending_replies(Channel::Mastodon).unwrap().is_empty());
        assert!(store.outbox(c).unwrap().is_empty(), "{}: sent", b.name);
        let kinds: Vec<EventKind> = store.history(c).unwrap().iter().map(|e| e.kind).collect();
        for k in [
            EventKind::ReplyQueued,
            EventKind::ReplyFailed,
            EventKind::ReplySent,
        ] {
            assert_eq!(
                kinds.iter().filter(|x| **x == k).count(),
                1,
                "{}: {k:?} in {kinds:?}",
                b.name
            );
        }
        // The person who saw it and still wants a second word, says so.
        store
            .apply(c, reply("PS: see you", ReplyCheck::Anyway), "lea")
            .unwrap();
        // Their new message: a reply begun before it is checked again.
        let mark = store.conversation(c).unwrap().mark;
        store
            .import_messages(
                &[msg(Channel::Mastodon, "2", Some("r1"), 9, "thanks")],
                "t",
                "y",
            )
            .unwrap();
        match store.apply(c, reply("You're welcome", ReplyCheck::Since(mark)), "lea") {
            Err(StoreError::Conflict(why)) => assert!(why.contains("new message"), "{why}"),
            other => panic!("{}: {other:?}", b.name),
        }
        store
            .apply(c, reply("You're welcome", ReplyCheck::Once), "lea")
            .unwrap();
    }
}

#[test]
fn analytics_facts_and_learning() {
    for mut b in backends::each("analytics_learning") {
        let store = &mut b.store;
        let mut ours = msg(Channel::X, "o", Some("1"), 30, "Sorry, refund sent");
        ours.direction = Direction::Outbound;
        ours.author.handle = "@brand".into();
        ours.author.followers = Some(5000);
        store
            .import_messages(
                &[
                    msg(
                        Channel::X,
                        "1",
                        None,
                        0,
                        "Where is my refund? Terrible service",
                    ),
                    ours,
                    msg(Channel::Youtube, "2", None, 60, "great video"),
                ],
                "t",
                "x",
            )
            .unwrap();
        let c = conv(store, Channel::X, "1");
        store
            .apply_at(c, Change::Tag(vec!["billing-price".into()]), "lea", at(40))
            .unwrap();
        store
            .record_audience(&palabre::model::AudienceFact {
                channel: Channel::X,
                handle: "@brand".into(),
                at: at(50),
                followers: 5100,
            })
            .unwrap();
        let facts = store
            .analytics_facts(at(-60), at(24 * 60), at(24 * 60))
            .unwrap();
        assert_eq!(facts.conversations.len(), 2, "{}", b.name);
        let x = facts.conversations.iter().find(|f| f.id == c).unwrap();
        assert_eq!(x.messages.len(), 2, "{}", b.name);
        assert_eq!(x.tags, vec!["billing-price"], "{}", b.name);
        assert_eq!(x.messages[1].direction, Direction::Outbound, "{}", b.name);
        assert!(
            facts.events.iter().any(|e| e.kind == EventKind::Tag),
            "{}",
            b.name
        );
        assert_eq!(facts.audience.len(), 1, "{}", b.name);
        // The category was learned in the tag's transaction.
        assert!(store.models_revision().unwrap() > 0, "{}", b.name);
        let before = store.models_revision().unwrap();
        store
            .apply(c, Change::Sentiment(Tone::Negative), "lea")
            .unwrap();
        assert!(store.models_revision().unwrap() > before, "{}", b.name);
        assert!(store.learned().unwrap().category.is_some(), "{}", b.name);
    }
}

#[test]
fn waiting_raises_priority_as_time_passes() {
    for mut b in backends::each("priority_over_time") {
        let store = &mut b.store;
        store
            .import_messages(&[msg(Channel::X, "1", None, 0, "anyone?")], "t", "x")
            .unwrap();
        let c = conv(store, Channel::X, "1");
        store.refresh_priorities(at(1), 100).unwrap();
        let early = store.summaries(&[c]).unwrap()[0].priority;
        let looked = store.refresh_priorities(at(3 * 24 * 60), 100).unwrap();
        assert!(looked >= 1, "{}", b.name);
        let late = store.summaries(&[c]).unwrap()[0].priority;
        assert!(late > early, "{}: {early} → {late}", b.name);
        assert_eq!(
            store.priorities_refreshed_at().unwrap(),
            Some(at(3 * 24 * 60)),
            "{}",
            b.name
        );
    }
}

#[test]
fn next_assigns_each_conversation_to_one_moderator_only() {
    for mut b in backends::each("take_next") {
        let store = &mut b.store;
        let batch: Vec<Message> = (0..24)
            .map(|i| msg(Channel::X, &format!("n{i}"), None, i, "please help"))
            .collect();
        store.import_messages(&batch, "t", "x").unwrap();
        let first = store.list(&all()).unwrap()[0].id;
        let took = store
            .take_next(&QueueFilter::default(), "lea", at(100))
            .unwrap();
        assert_eq!(took, Some(first), "{}: the highest first", b.name);
        // Five moderators at once, each on a connection of their own.
        let location = b.location.clone();
        let taken: Vec<(String, i64)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..5)
                .map(|m| {
                    let location = location.clone();
                    s.spawn(move || {
                        let mut mine = Store::open(&location).unwrap();
                        let who = format!("mod{m}");
                        let mut got = Vec::new();
                        while let Some(id) = mine
                            .take_next(&QueueFilter::default(), &who, at(100))
                            .unwrap()
                        {
                            got.push((who.clone(), id));
                        }
                        got
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        assert_eq!(taken.len(), 23, "{}: every other conversation once", b.name);
        let mut ids: Vec<i64> = taken.iter().map(|(_, id)| *id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 23, "{}: nobody got one twice", b.name);
        for (who, id) in &taken {
            assert_eq!(
                store.summaries(&[*id]).unwrap()[0].assignee.as_ref(),
                Some(who),
                "{}",
                b.name
            );
        }
        assert_eq!(
            store
                .take_next(&QueueFilter::default(), "lea", at(100))
                .unwrap(),
            None
        );
    }
}

#[test]
fn round_robin_and_least_loaded_assignment() {
    for mut b in backends::each("auto_assign") {
        let store = &mut b.store;
        let batch: Vec<Message> = (0..5)
            .map(|i| msg(Channel::X, &format!("a{i}"), None, i, "hello"))
            .collect();
        store.import_messages(&batch, "t", "x").unwrap();
        let ids: Vec<i64> = store.list(&all()).unwrap().iter().map(|s| s.id).collect();
        let team = vec!["lea".to_string(), "sam".to_string(), "noa".to_string()];
        let rr: Vec<String> = ids[..4]
            .iter()
            .map(|id| {
                store
                    .assign_auto(*id, AutoAssign::RoundRobin, &team, "rules", at(10))
                    .unwrap()
                    .unwrap()
            })
            .collect();
        assert_eq!(rr, vec!["lea", "sam", "noa", "lea"], "{}", b.name);
        // lea has two, sam and noa one each: the first of the least loaded.
        store
            .apply(ids[1], Change::Status(Status::Resolved), "sam")
            .unwrap();
        let least = store
            .assign_auto(ids[4], AutoAssign::LeastLoaded, &team, "rules", at(10))
            .unwrap();
        assert_eq!(least.as_deref(), Some("sam"), "{}", b.name);
        let event = store.history(ids[4]).unwrap().pop().unwrap();
        assert_eq!(event.kind, EventKind::Assign, "{}", b.name);
        assert_eq!(event.actor, "rules", "{}", b.name);
        assert_eq!(
            store
                .assign_auto(ids[4], AutoAssign::RoundRobin, &[], "rules", at(10))
                .unwrap(),
            None,
            "{}: nobody to assign to",
            b.name
        );
    }
}

#[test]
fn presence_says_who_is_here_and_what_they_do() {
    for mut b in backends::each("presence") {
        let mut other = b.open_again();
        let store = &mut b.store;
        // The store keeps milliseconds.
        let now = chrono::DateTime::from_timestamp_millis(Utc::now().timestamp_millis()).unwrap();
        let lea = Presence {
            session: "lea@a:1".into(),
            who: "lea".into(),
            state: PresenceState::Online,
            conversation: Some(7),
            activity: Activity::Replying,
            seen_at: now,
        };
        store.set_presence(&lea).unwrap();
        let sam = Presence {
            session: "sam@b:2".into(),
            who: "sam".into(),
            state: PresenceState::Away,
            conversation: None,
            activity: Activity::Idle,
            seen_at: now - Duration::seconds(10),
        };
        other.set_presence(&sam).unwrap();
        assert_eq!(
            store.presence(now).unwrap(),
            vec![lea.clone(), sam.clone()],
            "{}",
            b.name
        );
        // A session not heard of for a while has gone (its process died).
        assert_eq!(
            store.presence(now + Duration::seconds(40)).unwrap(),
            vec![lea.clone()],
            "{}",
            b.name
        );
        other.leave("lea@a:1").unwrap();
        assert_eq!(store.presence(now).unwrap(), vec![sam], "{}", b.name);
    }
}

#[test]
fn the_event_log_tells_what_happened_since_a_point() {
    for mut b in backends::each("event_log") {
        let store = &mut b.store;
        store
            .import_messages(&[msg(Channel::X, "1", None, 0, "hi")], "t", "x")
            .unwrap();
        let c = conv(store, Channel::X, "1");
        let start = store.last_event().unwrap();
        store
            .apply(c, Change::Tag(vec!["a".into()]), "lea")
            .unwrap();
        store
            .apply(c, Change::Assign(Some("sam".into())), "lea")
            .unwrap();
        let notices = store.notices_since(start, 100).unwrap();
        let kinds: Vec<&str> = notices.iter().map(|n| n.kind.as_str()).collect();
        assert_eq!(kinds, vec!["tag", "assign"], "{}", b.name);
        assert!(
            notices
                .iter()
                .all(|n| n.conversation == c && n.actor == "lea")
        );
        assert_eq!(store.last_event().unwrap(), notices[1].event, "{}", b.name);
        assert_eq!(
            store.notices_since(start, 1).unwrap().len(),
            1,
            "{}",
            b.name
        );
    }
}

/// A bulk import large enough for the importer to set indexes aside and
/// build them again (and, on PostgreSQL, to send the messages with COPY and
/// refresh the planner's statistics): whole, threaded, searchable, and the
/// same on both backends.
#[test]
fn a_bulk_import_reads_the_same_on_both_backends() {
    let mut data = Vec::new();
    palabre::benchgen::generate(12_000, 3, &mut data).unwrap();
    let mut seen = Vec::new();
    for mut b in backends::each("bulk_import") {
        let store = &mut b.store;
        let outcome = palabre::inbox::import::import_reader(
            store,
            data.as_slice(),
            "bulk",
            "t",
            &palabre::inbox::ImportOptions::default(),
            |_| {},
        )
        .unwrap();
        assert_eq!(outcome.report.new, 12_000, "{}", b.name);
        // Again: nothing new.
        let again = palabre::inbox::import::import_reader(
            store,
            data.as_slice(),
            "bulk",
            "t",
            &palabre::inbox::ImportOptions::default(),
            |_| {},
        )
        .unwrap();
        assert_eq!(
            (again.report.new, again.report.unchanged),
            (0, 12_000),
            "{}",
            b.name
        );
        let info = store.info().unwrap();
        let page = store
            .list(&QueueFilter {
                limit: 20,
                ..Default::default()
            })
            .unwrap();
        let found = store
            .count(&QueueFilter {
                search: Some("remboursement".into()),
                ..Default::default()
            })
            .unwrap();
        assert!(found > 0, "{}", b.name);
        seen.push(format!(
            "{} {} {:?} {found}",
            info.messages,
            info.conversations,
            page.iter()
                .map(|s| (s.id, s.message_count))
                .collect::<Vec<_>>()
        ));
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "{seen:#?}");
}

/// Migrations are versioned on PostgreSQL as on SQLite: the first open
/// creates the schema at the latest version; a database written by a newer
/// palabre is refused, untouched.
#[test]
fn a_postgres_database_from_a_newer_palabre_is_refused_untouched() {
    let Some(b) = backends::postgres("newer_schema") else {
        return;
    };
    assert_eq!(
        b.store.schema_version().unwrap(),
        palabre::store::postgres::latest_version()
    );
    let server = palabre_test_server::postgres::shared().unwrap();
    let url = b.location.to_str().unwrap().to_string();
    let database = url.rsplit('/').next().unwrap();
    server
        .psql_on(
            database,
            "INSERT INTO schema_migrations (version) VALUES (999)",
        )
        .unwrap();
    match Store::open(&b.location) {
        Err(StoreError::TooNew { found, .. }) => assert_eq!(found, 999),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("a newer schema was opened"),
    }
    server
        .psql_on(
            database,
            "DELETE FROM schema_migrations WHERE version = 999",
        )
        .unwrap();
    assert!(Store::open(&b.location).is_ok());
}

/// The same morning on both backends gives the same answers, value for
/// value: queue, summaries, threads, history, analytics, learned weights.
#[test]
fn a_contact_card_suggests_the_same_name_elsewhere_through_the_search_index() {
    for mut b in backends::each("a_contact_card_suggests_the_same_name_elsewhere") {
        let store = &mut b.store;
        let mut x = msg(Channel::X, "juju_trbl", None, 0, "toujours pas de colis");
        x.author.name = "Julie Trébaol".into();
        let mut ig = msg(
            Channel::Instagram,
            "julie.trebaol",
            None,
            5,
            "j'adore la recette",
        );
        ig.author.name = "Julie Trébaol".into();
        // The same words in a message's text, by someone else: not her.
        let mut other = msg(Channel::Mastodon, "noa", None, 9, "Julie Trébaol a raison");
        other.author.name = "Noa B.".into();
        let mut namesake = msg(Channel::Bluesky, "jt", None, 12, "bonjour");
        namesake.author.name = "Julie Trébaol-Martin".into();
        store
            .import_messages(&[x, ig, other, namesake], "test", "test")
            .unwrap();
        let card = store.contact(Channel::X, "@juju_trbl").unwrap();
        assert_eq!(
            card.suggestions,
            [(Channel::Instagram, "@julie.trebaol".to_string())],
            "{}",
            b.name
        );
    }
}

#[test]
fn both_backends_answer_alike() {
    let mut sqlite = backends::sqlite();
    let Some(mut postgres) = backends::postgres("both_alike") else {
        return;
    };
    let a = morning(&mut sqlite.store);
    let b = morning(&mut postgres.store);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
    assert_eq!(a.len(), b.len());
}

fn morning(store: &mut Store) -> Vec<String> {
    store.set_now(Some(at(600)));
    let mut batch = Vec::new();
    for i in 0..40 {
        let channel = [
            Channel::X,
            Channel::Mastodon,
            Channel::Reddit,
            Channel::Youtube,
        ][i % 4];
        let text = [
            "Livraison en retard, c'est inadmissible",
            "Love the new kettle!",
            "Where is my refund? Worst service ever",
            "Question about the warranty",
        ][i % 4];
        let parent = (i >= 8 && i % 3 == 0).then(|| format!("m{}", i - 8));
        let mut m = msg(channel, &format!("m{i}"), None, i as i64 * 7, text);
        if let Some(p) = &parent {
            if let Some(root) = batch.iter().find(|x: &&Message| &x.id == p) {
                m.channel = root.channel;
            }
            m.parent_id = parent;
            m.kind = MessageKind::Reply;
        }
        m.author.followers = Some((i as u64 * 7919) % 50_000);
        m.lang = Some(if i % 4 == 0 { "fr" } else { "en" }.into());
        batch.push(m);
    }
    // Replies first, then the rest: threads are stitched together.
    let (replies, roots): (Vec<Message>, Vec<Message>) =
        batch.into_iter().partition(|m| m.parent_id.is_some());
    store.import_messages(&replies, "t", "1").unwrap();
    store.import_messages(&roots, "t", "2").unwrap();
    let ids: Vec<i64> = store.list(&all()).unwrap().iter().map(|s| s.id).collect();
    for (n, id) in ids.iter().enumerate() {
        let now = at(700 + n as i64);
        match n % 5 {
            0 => store.apply_at(*id, Change::Tag(vec!["billing-price".into()]), "lea", now),
            1 => store.apply_at(*id, Change::Assign(Some("sam".into())), "lea", now),
            2 => store.apply_at(*id, Change::Status(Status::Resolved), "sam", now),
            3 => store.apply_at(*id, Change::Sentiment(Tone::Positive), "lea", now),
            _ => store.apply_at(
                *id,
                Change::QueueReply {
                    text: "Merci !".into(),
                    check: ReplyCheck::Once,
                },
                "lea",
                now,
            ),
        }
        .unwrap();
    }
    // Moderation: a network action and its life, a rule's points, people.
    let arrivals = store.claim_arrivals(1000).unwrap();
    let x = store
        .list(&QueueFilter {
            channel: Some(Channel::X),
            ..all()
        })
        .unwrap()[0]
        .id;
    let like = Change::Act(palabre::store::ActRequest::new(ActionKind::Like));
    store.apply_at(x, like, "lea", at(800)).unwrap();
    let pending = store.pending_actions(Channel::X).unwrap();
    store.mark_action_sending(pending[0].id).unwrap();
    store
        .mark_action_done(pending[0].id, Some("like-1"), "sync")
        .unwrap();
    store
        .apply_at(x, Change::UndoAction(pending[0].id), "lea", at(801))
        .unwrap();
    store
        .apply_at(ids[2], Change::Boost(40), "rule vip", at(802))
        .unwrap();
    let author = (Channel::X, "@m0");
    store
        .set_contact_mark(author, ContactMark::Vip, true, "lea")
        .unwrap();
    store
        .note_contact(author, "asks every week", "lea")
        .unwrap();
    store
        .link_contacts(author, (Channel::Mastodon, "m1"), "lea")
        .unwrap();
    let mut card = store.contact(Channel::Mastodon, "@m1").unwrap();
    card.history.iter_mut().for_each(|e| e.at = at(0));
    store.refresh_priorities(at(2000), 1000).unwrap();
    let mut out = vec![
        format!(
            "{:?}",
            arrivals
                .iter()
                .map(|a| (a.row, a.conversation, &a.message.id))
                .collect::<Vec<_>>()
        ),
        format!("{:?}", store.pending_actions(Channel::X).unwrap()),
        format!("{card:?}"),
        format!("{:?}", store.marked_handles().unwrap()),
        format!("{:?}", store.list(&all()).unwrap()),
        format!(
            "{:?}",
            store
                .list(&QueueFilter {
                    search: Some("refund".into()),
                    ..all()
                })
                .unwrap()
        ),
        format!(
            "{:?}",
            palabre::store::Info {
                schema_version: 0,
                ..store.info().unwrap()
            }
        ),
        format!("{:?}", store.known_tags().unwrap()),
        format!("{:?}", store.crisis_activity().unwrap()),
    ];
    for id in &ids {
        let mut detail = store.conversation(*id).unwrap();
        // Event and outbox numbers are each store's own.
        for e in &mut detail.events {
            e.id = 0;
            if let Some(o) = e.payload.get_mut("outbox") {
                *o = 0.into();
            }
            if let Some(k) = e.payload.get_mut("idempotency_key") {
                *k = "".into();
            }
        }
        detail.outbox.iter_mut().for_each(|o| o.id = 0);
        detail.actions.iter_mut().for_each(|a| a.done_at = None);
        detail.mark.outbox = 0;
        out.push(format!("{detail:?}"));
    }
    let mut facts = store.analytics_facts(at(-600), at(5000), at(5000)).unwrap();
    facts.events.iter_mut().for_each(|e| {
        e.id = 0;
        e.payload = serde_json::Value::Null;
    });
    out.push(format!("{facts:?}"));
    for model in ["sentiment", "complaint", "category"] {
        out.push(format!(
            "{model}: {:?}",
            store.model_weights(model).unwrap()
        ));
    }
    out
}
