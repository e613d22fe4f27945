//! The PostgreSQL schema, versioned like SQLite's: `schema_migrations`
//! lists the versions applied; each entry of `MIGRATIONS` moves a store
//! from version N to N+1. Never edit a migration that has shipped: add one.
//!
//! The tables mirror the embedded store's (same names, same meaning, times
//! as milliseconds since the epoch), so that both answer alike.

pub const MIGRATIONS: &[&str] = &[
    // 1: the embedded store's seven migrations at once, with search as a
    // generated tsvector (accents and case ignored), and the team's tables:
    // presence, and the sequence that counts changes.
    r#"
    CREATE EXTENSION IF NOT EXISTS unaccent;
    -- Words as the embedded search reads them: letters and digits, case
    -- and accents ignored, no stemming, French and English alike.
    CREATE TEXT SEARCH CONFIGURATION palabre (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION palabre
        ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword,
                          hword_asciipart, hword_part, hword_numpart
        WITH unaccent, simple;

    CREATE TABLE conversations (
        id               BIGINT PRIMARY KEY,
        root_key         TEXT NOT NULL UNIQUE,
        channel          TEXT NOT NULL,
        complete         BOOLEAN NOT NULL DEFAULT TRUE,
        status           TEXT NOT NULL DEFAULT 'new',
        assignee         TEXT,
        crisis_level     TEXT NOT NULL DEFAULT 'none',
        escalated        BOOLEAN NOT NULL DEFAULT FALSE,
        priority         BIGINT NOT NULL DEFAULT 0,
        message_count    BIGINT NOT NULL DEFAULT 0,
        inbound_count    BIGINT NOT NULL DEFAULT 0,
        first_at         BIGINT NOT NULL DEFAULT 0,
        last_activity    BIGINT NOT NULL DEFAULT 0,
        last_inbound_at  BIGINT,
        last_outbound_at BIGINT,
        last_message_id  BIGINT,
        max_followers    BIGINT NOT NULL DEFAULT 0,
        lang             TEXT,
        tone             TEXT,
        complaint        DOUBLE PRECISION NOT NULL DEFAULT 0,
        next_step_at     BIGINT NOT NULL DEFAULT 0
    );
    CREATE INDEX conversations_queue ON conversations (escalated DESC, priority DESC, last_activity, id);
    CREATE INDEX conversations_channel_status ON conversations (channel, status, escalated DESC, priority DESC, last_activity);
    CREATE INDEX conversations_incomplete ON conversations (complete) WHERE NOT complete;
    CREATE INDEX conversations_assignee ON conversations (assignee) WHERE assignee IS NOT NULL;
    CREATE INDEX conversations_unassigned ON conversations (escalated DESC, priority DESC, last_activity, id)
        WHERE assignee IS NULL AND status IN ('new', 'open');
    CREATE INDEX conversations_crisis ON conversations (crisis_level) WHERE crisis_level <> 'none';
    CREATE INDEX conversations_next_step ON conversations (next_step_at);

    CREATE TABLE merged (
        from_id BIGINT PRIMARY KEY,
        into_id BIGINT NOT NULL
    );

    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value BIGINT NOT NULL
    );

    CREATE TABLE messages (
        id               BIGINT PRIMARY KEY,
        conv_id          BIGINT NOT NULL,
        channel          TEXT NOT NULL,
        ext_id           TEXT NOT NULL,
        parent_ext_id    TEXT,
        thread_ext_id    TEXT,
        kind             TEXT NOT NULL,
        direction        TEXT NOT NULL,
        author_handle    TEXT NOT NULL,
        author_name      TEXT NOT NULL,
        author_followers BIGINT,
        author_verified  BOOLEAN NOT NULL DEFAULT FALSE,
        text             TEXT NOT NULL,
        lang             TEXT,
        created_at       BIGINT NOT NULL,
        url              TEXT,
        likes            BIGINT NOT NULL DEFAULT 0,
        shares           BIGINT NOT NULL DEFAULT 0,
        replies          BIGINT NOT NULL DEFAULT 0,
        sentiment        DOUBLE PRECISION,
        tone             TEXT,
        complaint        DOUBLE PRECISION,
        automated        BOOLEAN NOT NULL DEFAULT FALSE,
        -- What a search matches: the text and the author, cut into words
        -- the way the embedded index cuts them (punctuation, ASCII or not,
        -- separates words whatever the server's locale).
        search           tsvector GENERATED ALWAYS AS (to_tsvector('palabre'::regconfig,
            regexp_replace(text || ' ' || author_handle || ' ' || author_name,
                '[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\u00a0-\u00bf\u2000-\u206f\u3000-\u303f]+', ' ', 'g'))) STORED,
        UNIQUE (channel, ext_id)
    );
    CREATE INDEX messages_conv ON messages (conv_id, created_at);
    CREATE INDEX messages_search ON messages USING gin (search);

    CREATE TABLE conversation_tags (
        conv_id BIGINT NOT NULL,
        tag     TEXT NOT NULL,
        PRIMARY KEY (conv_id, tag)
    );
    CREATE INDEX conversation_tags_tag ON conversation_tags (tag, conv_id);

    CREATE TABLE events (
        id      BIGSERIAL PRIMARY KEY,
        conv_id BIGINT NOT NULL,
        at      BIGINT NOT NULL,
        actor   TEXT NOT NULL,
        kind    TEXT NOT NULL,
        payload TEXT NOT NULL
    );
    CREATE INDEX events_conv ON events (conv_id, id);

    CREATE TABLE drafts (
        conv_id    BIGINT PRIMARY KEY,
        text       TEXT NOT NULL,
        updated_at BIGINT NOT NULL
    );

    CREATE TABLE outbox (
        id              BIGSERIAL PRIMARY KEY,
        conv_id         BIGINT NOT NULL,
        in_reply_to     BIGINT,
        text            TEXT NOT NULL,
        actor           TEXT NOT NULL DEFAULT '',
        status          TEXT NOT NULL DEFAULT 'queued',
        idempotency_key TEXT NOT NULL UNIQUE,
        error           TEXT,
        created_at      BIGINT NOT NULL,
        updated_at      BIGINT NOT NULL,
        attempts        BIGINT NOT NULL DEFAULT 0,
        remote_id       TEXT,
        sent_at         BIGINT
    );
    CREATE INDEX outbox_status ON outbox (status, id);
    CREATE INDEX outbox_conv ON outbox (conv_id, id);

    CREATE TABLE audience (
        channel   TEXT NOT NULL,
        handle    TEXT NOT NULL,
        at        BIGINT NOT NULL,
        followers BIGINT NOT NULL,
        PRIMARY KEY (channel, handle, at)
    );

    CREATE TABLE models (
        name       TEXT PRIMARY KEY,
        revision   BIGINT NOT NULL,
        weights    BYTEA NOT NULL,
        updated_at BIGINT NOT NULL
    );

    CREATE TABLE accounts (
        name      TEXT PRIMARY KEY,
        network   TEXT NOT NULL,
        cursor    TEXT,
        state     TEXT NOT NULL DEFAULT 'never',
        detail    TEXT,
        until     BIGINT,
        synced_at BIGINT
    );

    -- Who has Palabre open, one row per running TUI (see store::team).
    CREATE TABLE presence (
        session      TEXT PRIMARY KEY,
        who          TEXT NOT NULL,
        state        TEXT NOT NULL,
        conv_id      BIGINT,
        activity     TEXT NOT NULL DEFAULT 'idle',
        seen_at      BIGINT NOT NULL
    );

    -- Where the automatic assignments stand (the last member a round-robin chose).
    CREATE TABLE team_round (
        name  TEXT PRIMARY KEY,
        actor TEXT NOT NULL
    );

    -- Counts commits that changed something (nextval is not undone by a
    -- rollback: at worst a reader reloads once for nothing).
    CREATE SEQUENCE changes;
    "#,
    // 2: a search gathers the conversations of its matching messages, then
    // ranks them: with the queue's order beside each id, that is an
    // index-only lookup per conversation instead of a visit to its row
    // (a rare word in a million messages: 64 ms → 20 ms).
    r#"
    CREATE INDEX conversations_order ON conversations (id) INCLUDE (escalated, priority, last_activity);
    "#,
    // 3: an inbound message of the conversation reports danger or harm
    // (fire, injury, recall…): the queue ranks a safety report high.
    r#"
    ALTER TABLE conversations ADD COLUMN danger BOOLEAN NOT NULL DEFAULT FALSE;
    "#,
    // 4: moderation, as the embedded store's migrations 10 to 12: network
    // actions with the outbox's life cycle; automation rules (a rule's
    // priority points, replies sent by rules, how far rules have run: a
    // store upgraded here has had its messages, rules start after them);
    // people across channels, linked by hand, and messages by author.
    r#"
    CREATE TABLE actions (
        id              BIGSERIAL PRIMARY KEY,
        conv_id         BIGINT NOT NULL,
        message_id      BIGINT NOT NULL,
        kind            TEXT NOT NULL,
        reason          TEXT,
        actor           TEXT NOT NULL,
        rule            TEXT,
        undoes          BIGINT,
        status          TEXT NOT NULL DEFAULT 'queued',
        idempotency_key TEXT NOT NULL UNIQUE,
        attempts        BIGINT NOT NULL DEFAULT 0,
        remote_id       TEXT,
        error           TEXT,
        created_at      BIGINT NOT NULL,
        updated_at      BIGINT NOT NULL,
        done_at         BIGINT
    );
    CREATE INDEX actions_status ON actions (status, id);
    CREATE INDEX actions_conv ON actions (conv_id, id);
    CREATE INDEX actions_message ON actions (message_id, kind);

    ALTER TABLE conversations ADD COLUMN boost BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE outbox ADD COLUMN automated BOOLEAN NOT NULL DEFAULT FALSE;
    INSERT INTO meta (key, value)
        VALUES ('automation_through', (SELECT COALESCE(MAX(id), 0) FROM messages))
        ON CONFLICT (key) DO UPDATE SET value = excluded.value;

    CREATE TABLE people (
        id         BIGSERIAL PRIMARY KEY,
        name       TEXT,
        vip        BOOLEAN NOT NULL DEFAULT FALSE,
        blocked    BOOLEAN NOT NULL DEFAULT FALSE,
        created_at BIGINT NOT NULL
    );
    -- A handle as `model::handle_key` writes it: lower-cased, without @.
    CREATE TABLE person_handles (
        channel   TEXT NOT NULL,
        handle    TEXT NOT NULL,
        person_id BIGINT NOT NULL,
        PRIMARY KEY (channel, handle)
    );
    CREATE INDEX person_handles_person ON person_handles (person_id);
    CREATE TABLE person_events (
        id        BIGSERIAL PRIMARY KEY,
        person_id BIGINT NOT NULL,
        at        BIGINT NOT NULL,
        actor     TEXT NOT NULL,
        kind      TEXT NOT NULL,
        payload   TEXT NOT NULL
    );
    CREATE INDEX person_events_person ON person_events (person_id, id);
    CREATE INDEX messages_author ON messages (lower(ltrim(author_handle, '@')), channel)
        WHERE direction = 'inbound';
    "#,
    // 5: the search vector is written by the importer (`import::SEARCH`),
    // from words it has already cut at punctuation: the server's regexp
    // took 8 of the 11 s a million messages' vectors cost. Same words, so
    // existing vectors stay as they are (a column's expression dropped
    // keeps its values, no rewrite).
    r#"
    DO $$ BEGIN
        IF current_setting('server_version_num')::int < 130000 THEN
            RAISE EXCEPTION 'palabre needs PostgreSQL 13 or later; this server is %',
                current_setting('server_version');
        END IF;
    END $$;
    ALTER TABLE messages ALTER COLUMN search DROP EXPRESSION;
    "#,
];

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}
