//! Schema migrations. `PRAGMA user_version` holds the number of migrations
//! applied; each entry of `MIGRATIONS` moves a store from version N to N+1.
//! Never edit a migration that has shipped: add a new one.

pub const MIGRATIONS: &[&str] = &[
    // 1: conversations, messages with full-text search, tags, events, drafts, outbox.
    r#"
    CREATE TABLE conversations (
        -- Numbers are allocated by the importer above meta.last_conversation,
        -- so a number once seen never names another conversation.
        id               INTEGER PRIMARY KEY,
        root_key         TEXT NOT NULL UNIQUE,
        channel          TEXT NOT NULL,
        complete         INTEGER NOT NULL DEFAULT 1,
        status           TEXT NOT NULL DEFAULT 'new',
        assignee         TEXT,
        crisis_level     TEXT NOT NULL DEFAULT 'none',
        escalated        INTEGER NOT NULL DEFAULT 0,
        priority         INTEGER NOT NULL DEFAULT 0,
        message_count    INTEGER NOT NULL DEFAULT 0,
        inbound_count    INTEGER NOT NULL DEFAULT 0,
        first_at         INTEGER NOT NULL DEFAULT 0,
        last_activity    INTEGER NOT NULL DEFAULT 0,
        last_inbound_at  INTEGER,
        last_outbound_at INTEGER,
        last_message_id  INTEGER,
        max_followers    INTEGER NOT NULL DEFAULT 0,
        lang             TEXT,
        -- The tone of the latest inbound message: negative, neutral, positive.
        tone             TEXT,
        -- The strongest complaint score among inbound messages, 0…1.
        complaint        REAL NOT NULL DEFAULT 0
    );
    CREATE INDEX conversations_queue ON conversations (escalated DESC, priority DESC, last_activity);
    CREATE INDEX conversations_channel_status ON conversations (channel, status, escalated DESC, priority DESC, last_activity);
    CREATE INDEX conversations_incomplete ON conversations (complete) WHERE complete = 0;
    CREATE INDEX conversations_assignee ON conversations (assignee) WHERE assignee IS NOT NULL;
    CREATE INDEX conversations_crisis ON conversations (crisis_level) WHERE crisis_level != 'none';

    -- A conversation merged into another (its replies arrived before its
    -- root's parent): its number keeps leading to where it went.
    CREATE TABLE merged (
        from_id INTEGER PRIMARY KEY,
        into_id INTEGER NOT NULL
    );

    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE messages (
        id               INTEGER PRIMARY KEY,
        conv_id          INTEGER NOT NULL REFERENCES conversations (id),
        channel          TEXT NOT NULL,
        ext_id           TEXT NOT NULL,
        parent_ext_id    TEXT,
        thread_ext_id    TEXT,
        kind             TEXT NOT NULL,
        direction        TEXT NOT NULL,
        author_handle    TEXT NOT NULL,
        author_name      TEXT NOT NULL,
        author_followers INTEGER,
        author_verified  INTEGER NOT NULL DEFAULT 0,
        text             TEXT NOT NULL,
        lang             TEXT,
        created_at       INTEGER NOT NULL,
        url              TEXT,
        likes            INTEGER NOT NULL DEFAULT 0,
        shares           INTEGER NOT NULL DEFAULT 0,
        replies          INTEGER NOT NULL DEFAULT 0,
        -- Triage at import: sentiment −1…1, its class, complaint 0…1.
        sentiment        REAL,
        tone             TEXT,
        complaint        REAL,
        UNIQUE (channel, ext_id)
    );
    CREATE INDEX messages_conv ON messages (conv_id, created_at);

    CREATE VIRTUAL TABLE messages_fts USING fts5 (
        text, author_handle, author_name,
        content = 'messages', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        -- Searches are words and prefixes, all required, ranked by the queue's
        -- own priority: no positions or sizes needed, a smaller, faster index.
        detail = none, columnsize = 0
    );

    CREATE TABLE conversation_tags (
        conv_id INTEGER NOT NULL REFERENCES conversations (id),
        tag     TEXT NOT NULL,
        PRIMARY KEY (conv_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX conversation_tags_tag ON conversation_tags (tag, conv_id);

    CREATE TABLE events (
        id      INTEGER PRIMARY KEY,
        conv_id INTEGER NOT NULL REFERENCES conversations (id),
        at      INTEGER NOT NULL,
        actor   TEXT NOT NULL,
        kind    TEXT NOT NULL,
        payload TEXT NOT NULL
    );
    CREATE INDEX events_conv ON events (conv_id, id);

    CREATE TABLE drafts (
        conv_id    INTEGER PRIMARY KEY REFERENCES conversations (id),
        text       TEXT NOT NULL,
        updated_at INTEGER NOT NULL
    );

    CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY,
        conv_id         INTEGER NOT NULL REFERENCES conversations (id),
        in_reply_to     INTEGER REFERENCES messages (id),
        text            TEXT NOT NULL,
        actor           TEXT NOT NULL DEFAULT '',
        status          TEXT NOT NULL DEFAULT 'queued',
        idempotency_key TEXT NOT NULL UNIQUE,
        error           TEXT,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL
    );
    CREATE INDEX outbox_status ON outbox (status, id);
    "#,
    // 2: analytics — replies sent by rules or auto-responders (left out of
    // response times), and our accounts' follower counts over time.
    r#"
    ALTER TABLE messages ADD COLUMN automated INTEGER NOT NULL DEFAULT 0;

    -- One row per observation of one of our accounts' follower count (the
    -- author of our own replies, or a connector's profile fetch).
    CREATE TABLE audience (
        channel   TEXT NOT NULL,
        handle    TEXT NOT NULL,
        at        INTEGER NOT NULL,
        followers INTEGER NOT NULL,
        PRIMARY KEY (channel, handle, at)
    ) WITHOUT ROWID;
    "#,
    // 3: the models learned from people's tags and sentiment corrections
    // (triage::learn). Needs nothing from migrations after 1.
    r#"
    CREATE TABLE models (
        name       TEXT PRIMARY KEY,
        -- Raised at every save: a reader keeps its loaded copy while the
        -- sum of revisions stays the same.
        revision   INTEGER NOT NULL,
        -- triage::learn::NamedModel::to_bytes: class names, then only the
        -- hashed weights that ever moved, with their AdaGrad sums.
        weights    BLOB NOT NULL,
        updated_at INTEGER NOT NULL
    );
    "#,
    // 4: connectors — each account's cursor and state, and what the outbox
    // needs to send a reply exactly once.
    r#"
    CREATE TABLE accounts (
        name      TEXT PRIMARY KEY,
        network   TEXT NOT NULL,
        -- Opaque to the store: where the account's next fetch starts. Written
        -- in the transaction that stores the messages it produced.
        cursor    TEXT,
        -- ok, syncing, rate_limited, auth_failed, offline, error
        state     TEXT NOT NULL DEFAULT 'never',
        detail    TEXT,
        -- Rate-limited (or out of quota) until this instant.
        until     INTEGER,
        synced_at INTEGER
    );
    -- sending: recorded before the request leaves; a reply found in this
    -- state after a crash or a timeout is looked for on the network before
    -- it is sent again.
    ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE outbox ADD COLUMN remote_id TEXT;
    ALTER TABLE outbox ADD COLUMN sent_at INTEGER;
    "#,
    // 5: priority grows while a conversation waits past its target. The
    // instant its waiting points next change (0: to be computed; a far
    // future: not waiting), so that a refresh touches only those.
    r#"
    ALTER TABLE conversations ADD COLUMN next_step_at INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX conversations_next_step ON conversations (next_step_at);
    "#,
    // 6: full-text search moves to a file of its own (store::search), which
    // an import fills on another core while this one is written. The index
    // is rebuilt there from the messages on first use.
    r#"
    DROP TABLE messages_fts;
    -- Messages whose text changed after they may have been indexed, in the
    -- order of the changes: the index catches up from the last it saw, and
    -- forgets the old text (its index keeps no copy of the texts).
    CREATE TABLE search_edits (
        seq        INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL,
        old_text   TEXT NOT NULL
    );
    -- Which store an index belongs to: a search file left beside another
    -- store (or a new store at the same path) is rebuilt, not trusted.
    INSERT OR IGNORE INTO meta (key, value) VALUES ('store_id', abs(random() % 9007199254740991) + 1);
    "#,
    // 7: a search finds message ids; their conversations come from this
    // narrow index (a few bytes a message, in id order, as the search's ids
    // are) rather than from the messages' pages, scattered over the file.
    r#"
    CREATE INDEX messages_id_conv ON messages (id, conv_id);
    "#,
    // 8: the team — who has Palabre open and what they are doing (several
    // processes on one machine share the file), where the round-robin
    // assignment stands, and a conversation's replies by conversation
    // (checked before each new reply).
    r#"
    CREATE TABLE presence (
        session  TEXT PRIMARY KEY,
        who      TEXT NOT NULL,
        state    TEXT NOT NULL,
        conv_id  INTEGER,
        activity TEXT NOT NULL DEFAULT 'idle',
        seen_at  INTEGER NOT NULL
    );
    CREATE TABLE team_round (
        name  TEXT PRIMARY KEY,
        actor TEXT NOT NULL
    );
    CREATE INDEX outbox_conv ON outbox (conv_id, id);
    "#,
    // 9: an inbound message of the conversation reports danger or harm
    // (fire, injury, recall…): the queue ranks a safety report high.
    r#"
    ALTER TABLE conversations ADD COLUMN danger INTEGER NOT NULL DEFAULT 0;
    "#,
    // 10: network actions (hide, delete our reply, like, block, mute,
    // report…) on their way out, with the outbox's life cycle: recorded as
    // leaving before the request goes out, looked up (or repeated when
    // repeating is harmless) after an ambiguous failure.
    r#"
    CREATE TABLE actions (
        id              INTEGER PRIMARY KEY,
        conv_id         INTEGER NOT NULL REFERENCES conversations (id),
        -- The message acted on (for block and mute: its author).
        message_id      INTEGER NOT NULL REFERENCES messages (id),
        -- hide, unhide, delete, like, unlike, block, unblock, mute, unmute, report
        kind            TEXT NOT NULL,
        -- A report's reason.
        reason          TEXT,
        actor           TEXT NOT NULL,
        -- The automation rule that asked for it, if one did.
        rule            TEXT,
        -- The action it takes back (unhide after hide…).
        undoes          INTEGER REFERENCES actions (id),
        -- queued, sending, done, failed, cancelled
        status          TEXT NOT NULL DEFAULT 'queued',
        idempotency_key TEXT NOT NULL UNIQUE,
        attempts        INTEGER NOT NULL DEFAULT 0,
        -- What the network made of it, when undoing needs it (a like or
        -- block record's uri on Bluesky).
        remote_id       TEXT,
        error           TEXT,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        done_at         INTEGER
    );
    CREATE INDEX actions_status ON actions (status, id);
    CREATE INDEX actions_conv ON actions (conv_id, id);
    "#,
    // 11: automation rules — the points a rule added to a conversation's
    // priority, replies sent by rules (marked automated once sent), and how
    // far rules have run: each
    // message above `automation_through` meets the rules once. A store
    // upgraded here has had its messages already: rules start after them.
    r#"
    ALTER TABLE conversations ADD COLUMN boost INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE outbox ADD COLUMN automated INTEGER NOT NULL DEFAULT 0;
    INSERT OR REPLACE INTO meta (key, value)
        VALUES ('automation_through', (SELECT COALESCE(MAX(id), 0) FROM messages));
    "#,
    // 12: contacts — a person is one or more (channel, handle) linked by
    // people (never guessed), with marks (VIP, blocked) and a history of
    // notes and changes. The card reads a person's messages by author.
    r#"
    CREATE TABLE people (
        id         INTEGER PRIMARY KEY,
        name       TEXT,
        vip        INTEGER NOT NULL DEFAULT 0,
        blocked    INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
    );
    -- A handle as stored in messages.author_handle, lower-cased, without @.
    CREATE TABLE person_handles (
        channel   TEXT NOT NULL,
        handle    TEXT NOT NULL,
        person_id INTEGER NOT NULL REFERENCES people (id),
        PRIMARY KEY (channel, handle)
    ) WITHOUT ROWID;
    CREATE INDEX person_handles_person ON person_handles (person_id);
    -- note, vip, blocked, link, unlink, name: append-only, like events.
    CREATE TABLE person_events (
        id        INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES people (id),
        at        INTEGER NOT NULL,
        actor     TEXT NOT NULL,
        kind      TEXT NOT NULL,
        payload   TEXT NOT NULL
    );
    CREATE INDEX person_events_person ON person_events (person_id, id);
    -- The public's messages by author, as `model::handle_key` writes a
    -- handle (lower case, no @; ASCII folding, as NOCASE would): a third
    -- cheaper to build at the end of a bulk import than a NOCASE index over
    -- every message, and only the public's messages have a contact card.
    CREATE INDEX messages_author ON messages (lower(ltrim(author_handle, '@')))
        WHERE direction = 'inbound';
    "#,
];

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}
