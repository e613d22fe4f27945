use super::*;
use crate::model::{
    Author, Channel, CrisisLevel, Direction, EventKind, Message, MessageKind, Metrics, Status,
};
use chrono::{Duration, TimeZone, Utc};

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
        created_at: Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
            + Duration::minutes(minutes),
        url: None,
        metrics: Metrics::default(),
        automated: false,
    }
}

fn temp_store() -> (tempfile::TempDir, crate::inbox::Store<Sqlite>) {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::inbox::Store::sqlite(&dir.path().join("s.db"), Default::default()).unwrap();
    (dir, store)
}

fn conv_of(store: &Sqlite, channel: Channel, id: &str) -> i64 {
    store
        .resolve_conversation(&format!("{channel}:{id}"))
        .unwrap()
}

fn assert_consistent(store: &Sqlite) {
    let bad: i64 = store
        .conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(bad, 0, "foreign keys broken");
    let empty: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM conversations c WHERE message_count != (SELECT count(*) FROM messages m WHERE m.conv_id = c.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(empty, 0, "message counts disagree with messages");
    // An import sets some indexes aside while it writes: all are back.
    let indexes: Vec<String> = store
        .conn
        .prepare("SELECT name FROM main.sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for index in [
        "messages_conv",
        "messages_id_conv",
        "events_conv",
        "conversations_queue",
        "conversations_channel_status",
        "conversations_incomplete",
        "conversations_assignee",
        "conversations_crisis",
        "conversations_next_step",
    ] {
        assert!(
            indexes.iter().any(|i| i == index),
            "{index} missing: {indexes:?}"
        );
    }
    store
        .search
        .integrity()
        .unwrap_or_else(|e| panic!("fts integrity: {e}"));
    assert!(
        !store.search.behind(&store.conn).unwrap(),
        "the search index follows the store"
    );
}

#[test]
fn reimport_is_idempotent_and_edits_are_recorded() {
    let (_d, mut store) = temp_store();
    let batch = vec![
        msg(Channel::X, "1", None, 0, "colis jamais arrivé"),
        msg(Channel::X, "2", Some("1"), 5, "pareil pour moi"),
    ];
    let r = store.import_messages(&batch, "lea", "a.jsonl").unwrap();
    assert_eq!((r.new, r.unchanged, r.updated), (2, 0, 0));
    let r = store.import_messages(&batch, "lea", "a.jsonl").unwrap();
    assert_eq!((r.new, r.unchanged, r.updated), (0, 2, 0));
    assert_eq!(store.info().unwrap().conversations, 1);

    let mut edited = batch.clone();
    edited[1].text = "pareil, remboursement demandé".into();
    let r = store.import_messages(&edited, "lea", "b.jsonl").unwrap();
    assert_eq!((r.new, r.unchanged, r.updated), (0, 1, 1));
    let conv = conv_of(&store, Channel::X, "1");
    let events = store.history(conv).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind, EventKind::Edited);
    assert_eq!(events[0].payload["old_text"], "pareil pour moi");
    let find = |q: &str| {
        store
            .list(&QueueFilter {
                search: Some(q.into()),
                ..Default::default()
            })
            .unwrap()
            .len()
    };
    assert_eq!(find("remboursement"), 1, "new text is searchable");
    assert_eq!(find("pareil demande"), 1);
    assert_eq!(find("moi"), 0, "old text is forgotten");
    assert_consistent(&store);
}

#[test]
fn a_source_without_counts_keeps_the_stored_ones() {
    let (_d, mut store) = temp_store();
    let mut counted = msg(
        Channel::Bluesky,
        "at://a/app.bsky.feed.post/1",
        None,
        0,
        "hi",
    );
    counted.metrics = Metrics {
        likes: 4,
        shares: 1,
        replies: 2,
    };
    counted.author.followers = Some(640);
    store
        .import_messages(&[counted.clone()], "lea", "thread.json")
        .unwrap();
    // A notification of the same post knows neither counts nor followers.
    let mut bare = counted.clone();
    bare.metrics = Metrics::default();
    bare.author.followers = None;
    let r = store
        .import_messages(&[bare], "lea", "notifications.json")
        .unwrap();
    assert_eq!((r.new, r.unchanged, r.updated), (0, 1, 0));
    let conv = conv_of(&store, Channel::Bluesky, "at://a/app.bsky.feed.post/1");
    let detail = store.conversation(conv).unwrap();
    assert_eq!(detail.messages[0].message.metrics, counted.metrics);
    assert_eq!(detail.messages[0].message.author.followers, Some(640));
}

#[test]
fn replies_before_parents_end_in_one_thread_in_any_order() {
    // root ← a ← b ← c, and root ← d: every permutation of arrival.
    let all = [
        msg(Channel::Reddit, "root", None, 0, "root"),
        msg(Channel::Reddit, "a", Some("root"), 1, "a"),
        msg(Channel::Reddit, "b", Some("a"), 2, "b"),
        msg(Channel::Reddit, "c", Some("b"), 3, "c"),
        msg(Channel::Reddit, "d", Some("root"), 4, "d"),
    ];
    let mut orders: Vec<Vec<usize>> = Vec::new();
    permutations(&mut (0..all.len()).collect(), 0, &mut orders);
    for order in orders {
        for split in [false, true] {
            let (_d, mut store) = temp_store();
            let batch: Vec<Message> = order.iter().map(|&i| all[i].clone()).collect();
            if split {
                // One message per import: parents arrive in later transactions.
                for m in &batch {
                    store
                        .import_messages(std::slice::from_ref(m), "t", "x")
                        .unwrap();
                }
            } else {
                store.import_messages(&batch, "t", "x").unwrap();
            }
            let info = store.info().unwrap();
            assert_eq!(
                (info.messages, info.conversations),
                (5, 1),
                "order {order:?} split {split}"
            );
            let conv = conv_of(&store, Channel::Reddit, "c");
            let shape: Vec<(String, usize)> = store
                .messages(conv)
                .unwrap()
                .into_iter()
                .map(|m| (m.message.id, m.depth))
                .collect();
            let expected: Vec<(String, usize)> =
                [("root", 0), ("a", 1), ("b", 2), ("c", 3), ("d", 1)]
                    .iter()
                    .map(|(i, d)| (i.to_string(), *d))
                    .collect();
            assert_eq!(shape, expected, "order {order:?}");
            let summary = store.summaries(&[conv]).unwrap().remove(0);
            assert_eq!(summary.message_count, 5);
            assert_eq!(summary.first_at, all[0].created_at);
            assert_eq!(summary.last_activity, all[4].created_at);
            assert_consistent(&store);
        }
    }
}

fn permutations(items: &mut Vec<usize>, k: usize, out: &mut Vec<Vec<usize>>) {
    if k == items.len() {
        out.push(items.clone());
        return;
    }
    for i in k..items.len() {
        items.swap(k, i);
        permutations(items, k + 1, out);
        items.swap(k, i);
    }
}

#[test]
fn a_merged_orphan_keeps_what_people_did() {
    let (_d, mut store) = temp_store();
    store
        .import_messages(
            &[msg(
                Channel::X,
                "child",
                Some("parent"),
                5,
                "où est ma commande",
            )],
            "t",
            "x",
        )
        .unwrap();
    let orphan = conv_of(&store, Channel::X, "child");
    store
        .apply(orphan, Change::Tag(vec!["delivery".into()]), "lea")
        .unwrap();
    store
        .apply(
            orphan,
            Change::SaveDraft("Bonjour, nous regardons".into()),
            "lea",
        )
        .unwrap();
    store
        .import_messages(
            &[msg(Channel::X, "parent", None, 0, "commande 123")],
            "t",
            "x",
        )
        .unwrap();
    let conv = conv_of(&store, Channel::X, "parent");
    assert_eq!(conv, conv_of(&store, Channel::X, "child"));
    let detail = store.conversation(conv).unwrap();
    assert_eq!(detail.summary.tags, vec!["delivery"]);
    assert_eq!(
        detail.draft.map(|d| d.text).as_deref(),
        Some("Bonjour, nous regardons")
    );
    assert!(detail.events.iter().any(|e| e.kind == EventKind::Tag));
    assert_eq!(store.info().unwrap().conversations, 1);
    // The old number still leads there: a person who had it open loses nothing.
    assert_eq!(
        store.resolve_conversation(&orphan.to_string()).unwrap(),
        conv
    );
    let events = store
        .apply(
            orphan,
            Change::SaveDraft("suite du brouillon".into()),
            "lea",
        )
        .unwrap();
    assert_eq!(events[0].conversation, conv);
    assert_eq!(
        store.draft(conv).unwrap().unwrap().text,
        "suite du brouillon"
    );
    assert_consistent(&store);
}

#[test]
fn events_of_a_conversation_merged_within_one_import_follow_it() {
    // Our reply to a reply whose parent has not arrived sets the orphan
    // conversation waiting (an event); the missing link then arrives in the
    // same file and the orphan merges into the root's conversation.
    // root ← a ← b ← ours, delivered b, ours, root, a.
    let mut ours = msg(Channel::X, "ours", Some("b"), 10, "nous regardons");
    ours.direction = Direction::Outbound;
    let batch = vec![
        msg(Channel::X, "b", Some("a"), 5, "toujours rien"),
        ours,
        msg(Channel::X, "parent", None, 0, "commande 123"),
        msg(Channel::X, "a", Some("parent"), 2, "où est ma commande"),
    ];
    let (_d, mut store) = temp_store();
    store.import_messages(&batch, "t", "x").unwrap();
    assert_eq!(store.info().unwrap().conversations, 1);
    let conv = conv_of(&store, Channel::X, "parent");
    let events = store.history(conv).unwrap();
    assert!(
        events.iter().any(|e| e.kind == EventKind::Status),
        "the status event moved with the messages: {events:?}"
    );
    let stray: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM events WHERE conv_id NOT IN (SELECT id FROM conversations)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stray, 0, "no event points to a conversation that is gone");
    assert_consistent(&store);
}

#[test]
fn explicit_thread_ids_group_without_parents() {
    let (_d, mut store) = temp_store();
    let mut a = msg(Channel::X, "10", Some("9"), 0, "a");
    a.thread_id = Some("1".into());
    let mut b = msg(Channel::X, "11", Some("5"), 1, "b");
    b.thread_id = Some("1".into());
    store.import_messages(&[a, b], "t", "x").unwrap();
    assert_eq!(store.info().unwrap().conversations, 1);
    assert_consistent(&store);
}

#[test]
fn every_change_writes_state_and_event_together() {
    let (_d, mut store) = temp_store();
    store
        .import_messages(&[msg(Channel::Mastodon, "1", None, 0, "bonjour")], "t", "x")
        .unwrap();
    let conv = conv_of(&store, Channel::Mastodon, "1");
    let changes = vec![
        (Change::Status(Status::Open), EventKind::Status),
        (
            Change::Tag(vec!["Product Defect".into(), "billing".into()]),
            EventKind::Tag,
        ),
        (Change::Untag(vec!["billing".into()]), EventKind::Untag),
        (Change::Assign(Some("sam".into())), EventKind::Assign),
        (
            Change::Flag {
                level: CrisisLevel::Potential,
                reason: "brûlure".into(),
            },
            EventKind::CrisisFlag,
        ),
        (
            Change::Escalate {
                to: "legal".into(),
                note: "photos".into(),
            },
            EventKind::Escalation,
        ),
        (Change::Note("appelé le client".into()), EventKind::Note),
        (Change::SaveDraft("Bonjour".into()), EventKind::DraftSaved),
        (
            Change::QueueReply {
                text: "Bonjour, désolés".into(),
                check: Default::default(),
            },
            EventKind::ReplyQueued,
        ),
    ];
    for (change, kind) in changes {
        let events = store.apply(conv, change, "lea").unwrap();
        assert_eq!(events[0].kind, kind);
        assert_eq!(events[0].actor, "lea");
    }
    let s = store.summaries(&[conv]).unwrap().remove(0);
    assert_eq!(s.tags, vec!["product-defect"]);
    assert_eq!(s.assignee.as_deref(), Some("sam"));
    assert_eq!(s.crisis_level, CrisisLevel::Potential);
    assert!(s.escalated);
    assert_eq!(
        s.status,
        Status::Waiting,
        "queueing a reply waits for the customer"
    );
    assert_eq!(
        store.draft(conv).unwrap(),
        None,
        "the queued reply consumed the draft"
    );
    // Repeating a change that changes nothing records nothing.
    assert!(
        store
            .apply(conv, Change::Tag(vec!["product-defect".into()]), "lea")
            .unwrap()
            .is_empty()
    );

    // If the event cannot be written, the state does not change either.
    store.conn.execute_batch("CREATE TRIGGER no_events BEFORE INSERT ON events BEGIN SELECT RAISE(FAIL, 'disk full'); END").unwrap();
    assert!(
        store
            .apply(conv, Change::Status(Status::Resolved), "lea")
            .is_err()
    );
    assert!(
        store
            .apply(conv, Change::Tag(vec!["x".into()]), "lea")
            .is_err()
    );
    let s = store.summaries(&[conv]).unwrap().remove(0);
    assert_eq!(s.status, Status::Waiting);
    assert_eq!(s.tags, vec!["product-defect"]);
}

#[test]
fn an_inbound_message_reopens_a_waiting_conversation() {
    let (_d, mut store) = temp_store();
    store
        .import_messages(&[msg(Channel::X, "1", None, 0, "help")], "t", "x")
        .unwrap();
    let conv = conv_of(&store, Channel::X, "1");
    store
        .apply(conv, Change::Status(Status::Resolved), "lea")
        .unwrap();
    store
        .import_messages(
            &[msg(Channel::X, "2", Some("1"), 60, "still broken")],
            "t",
            "x",
        )
        .unwrap();
    let s = store.summaries(&[conv]).unwrap().remove(0);
    assert_eq!(s.status, Status::Open);
    let last = store.history(conv).unwrap().pop().unwrap();
    assert_eq!(last.payload["reason"], "new inbound message");
}

#[test]
fn every_migration_upgrades_an_older_store() {
    for version in 0..latest_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let conn = open_at_version(&path, version);
        if version >= 1 {
            conn.execute_batch(
                "INSERT INTO conversations (id, root_key, channel, message_count) VALUES (1, 'x:1', 'x', 1);
                 INSERT INTO messages (conv_id, channel, ext_id, kind, direction, author_handle, author_name, text, created_at)
                 VALUES (1, 'x', '1', 'mention', 'inbound', '@a', 'A', 'kept across upgrades', 0);",
            )
            .unwrap();
        }
        drop(conn);
        let store = crate::inbox::Store::sqlite(&path, Default::default()).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            latest_version(),
            "from version {version}"
        );
        if version >= 1 {
            assert_eq!(store.info().unwrap().messages, 1);
            assert_eq!(
                found(&store, "upgrades"),
                1,
                "searchable after upgrading from version {version}"
            );
        }
    }
}

fn found(store: &Sqlite, q: &str) -> usize {
    store
        .list(&QueueFilter {
            search: Some(q.into()),
            ..Default::default()
        })
        .unwrap()
        .len()
}

/// Opens the store at `path`, imports `messages` and closes it again.
fn import_at(path: &std::path::Path, messages: &[Message]) {
    let mut store = crate::inbox::Store::sqlite(path, Default::default()).unwrap();
    store.import_messages(messages, "t", "x").unwrap();
}

/// Removes a SQLite file and its journals.
fn remove_db(path: &std::path::Path) {
    for ext in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
}

#[test]
fn a_missing_or_foreign_search_index_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let index = search_path(&path);
    import_at(
        &path,
        &[
            msg(Channel::X, "1", None, 0, "kettle lid cracked"),
            msg(Channel::X, "2", Some("1"), 1, "colis jamais arrivé"),
        ],
    );
    assert!(index.exists(), "the index lives beside the store");
    // Deleted: rebuilt from the store at the next search.
    remove_db(&index);
    {
        let store = crate::inbox::Store::sqlite(&path, Default::default()).unwrap();
        assert_eq!(found(&store, "kettle"), 1);
        assert_eq!(found(&store, "colis"), 1);
        assert_consistent(&store);
    }
    // Another store's index left at this path is not trusted.
    let other = dir.path().join("o.db");
    import_at(&other, &[msg(Channel::X, "9", None, 0, "zebra crossing")]);
    remove_db(&index);
    std::fs::copy(search_path(&other), &index).unwrap();
    let store = crate::inbox::Store::sqlite(&path, Default::default()).unwrap();
    assert_eq!(found(&store, "zebra"), 0, "nothing of the other store");
    assert_eq!(found(&store, "kettle"), 1);
    assert_consistent(&store);
}

#[test]
fn a_new_store_beside_an_old_index_starts_it_again() {
    // The store deleted to start over, its index left behind.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    import_at(
        &path,
        &[
            msg(Channel::X, "1", None, 0, "old kettle"),
            msg(Channel::X, "2", Some("1"), 1, "old lid"),
        ],
    );
    remove_db(&path);
    import_at(&path, &[msg(Channel::X, "1", None, 0, "new grinder")]);
    let store = crate::inbox::Store::sqlite(&path, Default::default()).unwrap();
    assert_eq!(found(&store, "old"), 0);
    assert_eq!(found(&store, "grinder"), 1);
    assert_consistent(&store);
}

#[test]
fn an_index_left_behind_catches_up_before_a_search() {
    // The index as it was before the last import (a crash between the
    // store's commit and the index's, or an index restored from a copy).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let index = search_path(&path);
    let old = dir.path().join("old-index");
    import_at(&path, &[msg(Channel::X, "1", None, 0, "first words")]);
    std::fs::copy(&index, &old).unwrap();
    import_at(
        &path,
        &[
            msg(Channel::X, "1", None, 0, "edited words"),
            msg(Channel::X, "2", Some("1"), 1, "a later reply"),
        ],
    );
    remove_db(&index);
    std::fs::copy(&old, &index).unwrap();
    let store = crate::inbox::Store::sqlite(&path, Default::default()).unwrap();
    assert_eq!(found(&store, "later"), 1, "new messages are indexed");
    assert_eq!(found(&store, "edited"), 1, "new texts are indexed");
    assert_eq!(found(&store, "first"), 0, "old texts are forgotten");
    assert_consistent(&store);
}

#[test]
fn edits_made_while_another_process_holds_the_index_are_caught_up() {
    let (dir, mut store) = temp_store();
    store
        .import_messages(&[msg(Channel::X, "1", None, 0, "first words")], "t", "x")
        .unwrap();
    // Another process indexing: a sync page does not wait for it.
    let holder = rusqlite::Connection::open(search_path(&dir.path().join("s.db"))).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    for text in ["second words", "third words"] {
        let mut importer = store.sync_importer("t", "sync").unwrap();
        importer
            .add_scored(&msg(Channel::X, "1", None, 0, text), None)
            .unwrap();
        importer.finish().unwrap();
    }
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(found(&store, "third"), 1);
    assert_eq!(found(&store, "second"), 0);
    assert_eq!(found(&store, "first"), 0);
    assert_consistent(&store);
}

#[test]
fn a_bulk_import_writes_without_wal_and_indexes_as_it_goes() {
    let (_d, mut store) = temp_store();
    {
        let mut importer = store.importer("t", "x").unwrap();
        let mode: String = importer
            .tx
            .pragma_query_value(Some("main"), "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(
            mode, "delete",
            "alone, the store is written once, not twice"
        );
        // A size hint far off the mark changes nothing.
        importer.expect_messages(1);
        importer
            .add_scored(&msg(Channel::X, "1", None, 0, "draft wording"), None)
            .unwrap();
        importer
            .add_owned(msg(Channel::X, "2", Some("1"), 1, "a reply"), None)
            .unwrap();
        // The same message again in the same file, edited, its strings
        // handed over to the index.
        importer
            .add_owned(msg(Channel::X, "1", None, 0, "final wording"), None)
            .unwrap();
        importer.finish().unwrap();
    }
    assert_eq!(found(&store, "final"), 1);
    assert_eq!(found(&store, "draft"), 0);
    assert_eq!(found(&store, "reply"), 1);
    assert_consistent(&store);
}

#[test]
fn an_import_while_another_process_indexes_is_indexed_once_it_is_done() {
    let (dir, mut store) = temp_store();
    let index = search_path(&dir.path().join("s.db"));
    let holder = rusqlite::Connection::open(&index).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(1500));
        holder.execute_batch("ROLLBACK").unwrap();
    });
    store
        .import_messages(&[msg(Channel::X, "1", None, 0, "patient words")], "t", "x")
        .unwrap();
    release.join().unwrap();
    assert_eq!(store.search_lag(), None);
    assert_eq!(found(&store, "patient"), 1);
    assert_consistent(&store);
}

#[test]
fn a_store_from_a_newer_palabre_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let conn = open_at_version(&path, latest_version());
    conn.pragma_update(None, "user_version", latest_version() + 1)
        .unwrap();
    drop(conn);
    let err = crate::inbox::Store::sqlite(&path, Default::default())
        .err()
        .unwrap();
    let text = err.to_string();
    assert!(
        text.contains("schema version") && text.contains("upgrade palabre"),
        "{text}"
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, latest_version() + 1);
}

#[test]
fn a_search_for_a_common_word_pages_like_one_for_a_rare_word() {
    // Enough matches that a page walks the queue instead of gathering
    // every match: the pages must be the same as the whole ordered list's.
    let (_d, mut store) = temp_store();
    let channels = [Channel::X, Channel::Mastodon, Channel::Reddit];
    let messages: Vec<Message> = (0..6_000)
        .map(|i| {
            let mut m = msg(
                channels[i % 3],
                &format!("m{i}"),
                (i % 4 == 3).then(|| format!("m{}", i - 1)).as_deref(),
                (i as i64 * 7919) % 10_000,
                if i % 2 == 0 {
                    "common words everywhere"
                } else {
                    "common words and a rarity"
                },
            );
            m.author.followers = Some((i as u64 * 104_729) % 50_000);
            m
        })
        .collect();
    store.import_messages(&messages, "t", "x").unwrap();
    use super::queue::SearchPlan::{Gather, Walk};
    for (q, channel, plan) in [
        ("common", None, Walk),
        ("comm", None, Walk),
        ("common words", Some(Channel::Mastodon), Walk),
        ("rarity", None, Gather),
        ("rarity", Some(Channel::Reddit), Gather),
    ] {
        let filter = QueueFilter {
            search: Some(q.into()),
            channel,
            ..Default::default()
        };
        // (The list first: it waits for the index the import is building.)
        let all: Vec<i64> = store.list(&filter).unwrap().iter().map(|c| c.id).collect();
        assert_eq!(store.search_plan(&filter).unwrap(), plan, "{q}");
        assert!(all.len() > 500, "{q}: {}", all.len());
        for (offset, limit) in [(0, 50), (0, 1), (120, 50), (all.len() - 10, 50)] {
            let page: Vec<i64> = store
                .list(&QueueFilter {
                    offset,
                    limit,
                    ..filter.clone()
                })
                .unwrap()
                .iter()
                .map(|c| c.id)
                .collect();
            let end = (offset + limit).min(all.len());
            assert_eq!(page, all[offset..end], "{q} {channel:?} {offset}+{limit}");
        }
    }
}

#[test]
fn full_text_search_over_text_and_authors() {
    let (_d, mut store) = temp_store();
    let mut b = msg(
        Channel::Bluesky,
        "b",
        None,
        1,
        "The lid cracked after two days",
    );
    b.author.handle = "@kettle.fan".into();
    store
        .import_messages(
            &[
                msg(
                    Channel::X,
                    "a",
                    None,
                    0,
                    "Livraison très en retard, toujours rien reçu",
                ),
                b,
            ],
            "t",
            "x",
        )
        .unwrap();
    let find = |q: &str| -> Vec<Channel> {
        store
            .list(&QueueFilter {
                search: Some(q.into()),
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|s| s.channel)
            .collect()
    };
    assert_eq!(find("livraison"), vec![Channel::X]);
    assert_eq!(
        find("tres retard"),
        vec![Channel::X],
        "accents do not matter"
    );
    assert_eq!(find("recu"), vec![Channel::X]);
    assert_eq!(
        find("crack"),
        vec![Channel::Bluesky],
        "the last word is a prefix"
    );
    assert_eq!(
        find("kettle.fan"),
        vec![Channel::Bluesky],
        "authors are searchable"
    );
    assert!(find("livraison lid").is_empty(), "all words must match");
    for hostile in ["\"", "a AND", "NEAR(", "*", "-", "(((", "col:x"] {
        let _ = find(hostile);
    }
    assert!(find("").is_empty() || find("").len() == 2);
}

#[test]
fn queue_order_and_filters() {
    let (_d, mut store) = temp_store();
    let mut famous = msg(Channel::X, "f", None, 0, "big account");
    famous.author.followers = Some(900_000);
    store
        .import_messages(
            &[
                msg(Channel::X, "q", None, 0, "quiet"),
                famous,
                msg(Channel::Youtube, "y", None, 0, "yt"),
            ],
            "t",
            "x",
        )
        .unwrap();
    let yt = conv_of(&store, Channel::Youtube, "y");
    let quiet = conv_of(&store, Channel::X, "q");
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
    let order: Vec<String> = store
        .list(&QueueFilter::default())
        .unwrap()
        .into_iter()
        .map(|s| s.last_text)
        .collect();
    assert_eq!(
        order,
        vec!["yt", "big account", "quiet"],
        "escalated first, then priority"
    );
    let only = |f: QueueFilter| {
        store
            .list(&f)
            .unwrap()
            .into_iter()
            .map(|s| s.last_text)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        only(QueueFilter {
            channel: Some(Channel::X),
            status: Some(Status::New),
            ..Default::default()
        }),
        vec!["big account"]
    );
    assert_eq!(
        only(QueueFilter {
            assignee: Some(None),
            limit: 1,
            ..Default::default()
        }),
        vec!["yt"]
    );
    assert_eq!(
        store
            .count(&QueueFilter {
                channel: Some(Channel::X),
                ..Default::default()
            })
            .unwrap(),
        2
    );
}

#[test]
fn an_import_leaves_the_store_in_wal_mode_whether_or_not_another_process_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mode = |s: &Sqlite| -> String {
        s.conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap()
    };
    let mut alone = crate::inbox::Store::sqlite(&path, Default::default()).unwrap();
    alone
        .import_messages(&[msg(Channel::X, "1", None, 0, "a")], "t", "x")
        .unwrap();
    assert_eq!(mode(&alone), "wal");
    // A reader elsewhere (the TUI): the import stays in WAL and the reader sees it.
    let reader = crate::inbox::Store::sqlite(&path, Default::default()).unwrap();
    assert_eq!(reader.info().unwrap().messages, 1);
    alone
        .import_messages(&[msg(Channel::X, "2", Some("1"), 1, "b")], "t", "x")
        .unwrap();
    assert_eq!(mode(&alone), "wal");
    assert_eq!(reader.info().unwrap().messages, 2);
    // A failed import (dropped unfinished) keeps nothing and restores WAL.
    drop(reader);
    {
        let mut importer = alone.importer("t", "x").unwrap();
        importer
            .add_scored(&msg(Channel::X, "3", None, 2, "c"), None)
            .unwrap();
    }
    assert_eq!(mode(&alone), "wal");
    assert_eq!(alone.info().unwrap().messages, 2);
    assert_consistent(&alone);
}

#[test]
fn the_tone_of_the_latest_inbound_message_is_kept_and_filterable() {
    let (_d, mut store) = temp_store();
    let mut ours = msg(Channel::X, "2", Some("1"), 5, "Désolés, on regarde");
    ours.direction = Direction::Outbound;
    store
        .import_messages(
            &[
                msg(Channel::X, "1", None, 0, "Génial, merci beaucoup !"),
                ours,
                msg(
                    Channel::X,
                    "3",
                    Some("2"),
                    9,
                    "Toujours rien reçu, c'est une honte",
                ),
                msg(Channel::Bluesky, "b", None, 0, "Merci, parfait"),
            ],
            "t",
            "x",
        )
        .unwrap();
    let x = conv_of(&store, Channel::X, "1");
    assert_eq!(
        store.summaries(&[x]).unwrap()[0].tone,
        Some(crate::model::Tone::Negative)
    );
    use crate::model::Tone;
    let only = |tone| {
        store
            .list(&QueueFilter {
                tone: Some(tone),
                ..Default::default()
            })
            .unwrap()
            .len()
    };
    assert_eq!(
        (
            only(Tone::Negative),
            only(Tone::Positive),
            only(Tone::Neutral)
        ),
        (1, 1, 0)
    );
}

#[test]
fn corrections_and_category_tags_are_learned_in_the_same_transaction() {
    use crate::model::Tone;
    let dir = tempfile::tempdir().unwrap();
    let mut store =
        crate::inbox::Store::sqlite(&dir.path().join("s.db"), Default::default()).unwrap();
    let mut messages = Vec::new();
    for i in 0..12 {
        let text = if i < 4 {
            format!("the grinder makes a rattling noise {i}")
        } else {
            format!("nice chat with friends over coffee {i}")
        };
        messages.push(msg(Channel::X, &format!("m{i}"), None, i, &text));
    }
    store.import_messages(&messages, "t", "test").unwrap();
    assert!(
        store.learned().unwrap().sentiment.is_none(),
        "nothing taught yet"
    );
    let conv = store.resolve_conversation("x:m0").unwrap();
    store
        .apply(conv, Change::Sentiment(Tone::Negative), "lea")
        .unwrap();
    let learned = store.learned().unwrap();
    let sentiment = learned.sentiment.as_ref().unwrap();
    assert_eq!(sentiment.model.count(0), 1, "one negative example");
    // A tag that is a criticism category teaches the category and
    // complaint models, set against ordinary messages of the store.
    store
        .apply(
            conv,
            Change::Tag(vec!["product-defect".into(), "vip".into()]),
            "lea",
        )
        .unwrap();
    let learned = store.learned().unwrap();
    let category = learned.category.as_ref().unwrap();
    let pd = category.index("product-defect").unwrap();
    assert_eq!(category.model.count(pd), 1);
    assert_eq!(
        category.model.count(0),
        1,
        "one ordinary message set against it"
    );
    assert!(
        category.index("vip").is_none(),
        "free tags are not categories"
    );
    // A failed change rolls its lesson back with it.
    let seen = store
        .learned()
        .unwrap()
        .sentiment
        .as_ref()
        .unwrap()
        .model
        .seen();
    assert!(
        store
            .apply(999, Change::Sentiment(Tone::Positive), "lea")
            .is_err()
    );
    assert_eq!(
        store
            .learned()
            .unwrap()
            .sentiment
            .as_ref()
            .unwrap()
            .model
            .seen(),
        seen
    );
    // A store of an earlier version gains the table and keeps its data.
    assert_eq!(store.schema_version().unwrap(), latest_version());
}

#[test]
fn waiting_past_the_channel_target_raises_priority_as_time_passes() {
    let (_d, mut store) = temp_store();
    let mut sla = crate::config::SlaSection::default();
    sla.first_response_minutes.insert("x".into(), 30);
    store.set_sla(sla);
    // Same text, same author reach; one on X (30 min target), one on
    // Mastodon (60 min by default). Both arrive at minute 0.
    let x = msg(Channel::X, "x1", None, 0, "Where is my order?");
    let m = msg(Channel::Mastodon, "m1", None, 0, "Where is my order?");
    store.import_messages(&[x, m], "t", "t").unwrap();
    let (cx, cm) = (
        conv_of(&store, Channel::X, "x1"),
        conv_of(&store, Channel::Mastodon, "m1"),
    );
    let start = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let priority = |store: &Sqlite, id: i64| {
        store
            .list(&QueueFilter {
                limit: 10,
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .find(|c| c.id == id)
            .unwrap()
            .priority
    };
    store
        .refresh_priorities(start + Duration::minutes(5), usize::MAX)
        .unwrap();
    let (px0, pm0) = (priority(&store, cx), priority(&store, cm));
    // 45 minutes on: X is past its target, Mastodon not yet.
    let later = start + Duration::minutes(45);
    assert!(store.refresh_priorities(later, usize::MAX).unwrap() >= 1);
    let (px1, pm1) = (priority(&store, cx), priority(&store, cm));
    assert!(px1 > px0, "{px0} → {px1}");
    assert!(px1 > pm1, "x {px1} vs mastodon {pm1}");
    // Nothing is due again before the next step: a refresh touches nothing.
    assert_eq!(store.refresh_priorities(later, usize::MAX).unwrap(), 0);
    let _ = pm0;
    // The reasons say so (computed for now, which is long after).
    let item = store
        .list(&QueueFilter {
            limit: 10,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .find(|c| c.id == cx)
        .unwrap();
    assert!(
        item.reasons.iter().any(|r| matches!(
            r,
            crate::model::Reason::Waiting(Some(o)) if o.target_secs == 30 * 60 && o.waited_secs > o.target_secs
        )),
        "{:?}",
        item.reasons
    );
    // Our reply ends the waiting points.
    let mut reply = msg(Channel::X, "x2", Some("x1"), 50, "Sorry, checking now");
    reply.direction = Direction::Outbound;
    store.import_messages(&[reply], "t", "t").unwrap();
    store
        .refresh_priorities(later + Duration::minutes(10), usize::MAX)
        .unwrap();
    assert!(priority(&store, cx) < px1);
}

#[test]
fn a_refresh_after_a_large_import_goes_through_every_conversation_in_slices() {
    let (_d, mut store) = temp_store();
    // More conversations than one slice, all due (a fresh import).
    let batch: Vec<Message> = (0..12_000)
        .map(|i| {
            msg(
                Channel::X,
                &format!("c{i}"),
                None,
                i % 600,
                "Where is my order?",
            )
        })
        .collect();
    store.import_messages(&batch, "t", "t").unwrap();
    let due = |store: &Sqlite| -> i64 {
        store
            .conn
            .query_row(
                "SELECT count(*) FROM conversations WHERE next_step_at = 0",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(due(&store), 12_000);
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 10, 0, 0).unwrap();
    // A limit stops it where asked.
    assert_eq!(store.refresh_priorities(now, 7_000).unwrap(), 7_000);
    assert_eq!(due(&store), 5_000);
    // Without one, it goes through the rest, each at most twice, and ends.
    let looked = store.refresh_priorities(now, usize::MAX).unwrap();
    assert!((5_000..=10_000).contains(&looked), "{looked}");
    assert_eq!(due(&store), 0);
    assert_consistent(&store);
}

#[test]
fn a_refused_reply_keeps_its_text_and_can_be_retried_or_replaced() {
    let (_d, mut store) = temp_store();
    store
        .import_messages(&[msg(Channel::X, "q", None, 0, "help?")], "t", "t")
        .unwrap();
    let conv = conv_of(&store, Channel::X, "q");
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 10, 0, 0).unwrap();
    store
        .apply_at(
            conv,
            Change::QueueReply {
                text: "On it!".into(),
                check: Default::default(),
            },
            "lea",
            now,
        )
        .unwrap();
    let pending = store.pending_replies(Channel::X).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].in_reply_to.as_ref().unwrap().ext_id, "q");
    let id = pending[0].id;
    store.mark_sending(id).unwrap();
    store
        .mark_failed(id, "sync", "403: You are not permitted to reply")
        .unwrap();
    let outbox = store.outbox(conv).unwrap();
    assert_eq!(outbox[0].status, crate::model::OutboxStatus::Failed);
    assert_eq!(outbox[0].text, "On it!");
    assert_eq!(
        outbox[0].error.as_deref(),
        Some("403: You are not permitted to reply")
    );
    assert!(store.pending_replies(Channel::X).unwrap().is_empty());
    let last = store.history(conv).unwrap().pop().unwrap();
    assert_eq!(last.kind, EventKind::ReplyFailed);
    // Retried as it was…
    store.retry_reply(id).unwrap();
    assert_eq!(store.pending_replies(Channel::X).unwrap()[0].attempts, 1);
    assert!(
        store.retry_reply(id).is_err(),
        "only a failed reply is retried"
    );
    // …or replaced by an edited one.
    store.mark_sending(id).unwrap();
    store.mark_failed(id, "sync", "refused again").unwrap();
    store
        .apply_at(
            conv,
            Change::QueueReply {
                text: "On it! (edited)".into(),
                check: Default::default(),
            },
            "lea",
            now,
        )
        .unwrap();
    let outbox = store.outbox(conv).unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].text, "On it! (edited)");
    assert_eq!(outbox[0].status, crate::model::OutboxStatus::Queued);
}

/// Everything a person made on a conversation, to compare before and after.
fn made_by_people(store: &Sqlite, conv: i64) -> String {
    let d = store.conversation(conv).unwrap();
    let history: Vec<String> = store
        .history(conv)
        .unwrap()
        .iter()
        .map(|e| format!("{:?} {} {}", e.kind, e.actor, e.payload))
        .collect();
    format!(
        "{:?} {:?} {:?} {:?} {:?}\n{}",
        d.summary.status,
        d.summary.tags,
        d.summary.crisis_level,
        d.summary.assignee,
        store.draft(conv).unwrap().map(|d| d.text),
        history.join("\n")
    )
}

#[test]
fn a_backup_restores_everything_people_made_and_search_follows() {
    let (dir, mut store) = temp_store();
    store
        .import_messages(
            &[
                msg(Channel::X, "1", None, 0, "kettle lid cracked"),
                msg(
                    Channel::X,
                    "2",
                    Some("1"),
                    1,
                    "still waiting for the refund",
                ),
                msg(Channel::Mastodon, "3", None, 2, "colis jamais arrivé"),
            ],
            "t",
            "x",
        )
        .unwrap();
    let conv = conv_of(&store, Channel::X, "1");
    for change in [
        Change::Tag(vec!["refund".into(), "kettle".into()]),
        Change::Assign(Some("léa".into())),
        Change::Flag {
            level: CrisisLevel::Watch,
            reason: "two in an hour".into(),
        },
        Change::Note("called them back".into()),
        Change::SaveDraft("Bonjour, nous regardons".into()),
        Change::Status(Status::Open),
    ] {
        store.apply(conv, change, "zoé").unwrap();
    }
    let before = made_by_people(&store, conv);
    // A reader in the middle of a transaction does not stop the backup.
    let reader = Connection::open(dir.path().join("s.db")).unwrap();
    reader
        .execute_batch("BEGIN; SELECT count(*) FROM messages;")
        .unwrap();
    let file = dir.path().join("b.palabre");
    let summary = store.backup_to(&file).unwrap();
    reader.execute_batch("COMMIT").unwrap();
    assert_eq!((summary.conversations, summary.messages), (2, 3));
    assert!(summary.events >= 6, "{summary:?}");
    assert!(
        store.backup_to(&file).is_err(),
        "an existing file is never overwritten"
    );

    // Later work, then the restore takes the store back to the backup.
    store
        .apply(conv, Change::Untag(vec!["refund".into()]), "zoé")
        .unwrap();
    store
        .apply(conv, Change::Status(Status::Resolved), "zoé")
        .unwrap();
    store
        .import_messages(&[msg(Channel::X, "4", None, 9, "zebra crossing")], "t", "x")
        .unwrap();
    assert_eq!(found(&store, "zebra"), 1);
    store.restore_from(&file).unwrap();
    drop(store);
    let store = crate::inbox::Store::sqlite(&dir.path().join("s.db"), Default::default()).unwrap();
    assert_eq!(made_by_people(&store, conv), before);
    assert_eq!(store.info().unwrap().messages, 3);
    assert_eq!(
        found(&store, "zebra"),
        0,
        "the index forgets what the backup lacks"
    );
    assert_eq!(found(&store, "kettle"), 1);
    assert_eq!(found(&store, "colis"), 1);
    assert_consistent(&store);
    let mode: String = store
        .conn
        .pragma_query_value(Some("main"), "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode.to_lowercase(), "wal");
}

#[test]
fn a_file_that_is_not_a_backup_is_refused_and_nothing_changes() {
    let (dir, mut store) = temp_store();
    store
        .import_messages(
            &[msg(Channel::X, "1", None, 0, "kettle lid cracked")],
            "t",
            "x",
        )
        .unwrap();
    let conv = conv_of(&store, Channel::X, "1");
    store
        .apply(conv, Change::Tag(vec!["kettle".into()]), "zoé")
        .unwrap();
    let before = made_by_people(&store, conv);

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database at all, just words".repeat(200)).unwrap();
    let other = dir.path().join("other.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    let newer = dir.path().join("newer.db");
    {
        let c = Connection::open(&newer).unwrap();
        c.execute_batch(
            "CREATE TABLE conversations(x); CREATE TABLE messages(x);
             CREATE TABLE events(x); CREATE TABLE meta(x);",
        )
        .unwrap();
        c.pragma_update(None, "user_version", latest_version() + 1)
            .unwrap();
    }
    for (file, says) in [
        (&text, "not a Palabre backup"),
        (&other, "no `conversations` table"),
        (&newer, "upgrade palabre"),
        (&dir.path().join("missing.db"), "no such backup file"),
    ] {
        let e = store.restore_from(file).unwrap_err().to_string();
        assert!(e.contains(says), "{e}");
        assert!(
            e.contains(&file.display().to_string()),
            "names the file: {e}"
        );
    }
    assert_eq!(made_by_people(&store, conv), before);
    assert_eq!(found(&store, "kettle"), 1);
}
