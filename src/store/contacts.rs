//! People across channels. A person is one (channel, handle) until someone
//! links another handle to it; nothing is merged by guessing (the same
//! handle on two networks is often two people). A person row exists once
//! someone notes, marks, names or links them; its history is append-only.

use super::{Result, Sqlite, StoreError, from_millis, to_millis};
use crate::model::{
    Channel, ContactCard, ContactEvent, ContactHandle, ContactMark, ContactMessage, MarkedHandle,
    Tone, handle_key,
};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

/// The public's messages of a handle (`?2`, a `handle_key`) on a channel,
/// through the `messages_author` index.
const BY_AUTHOR: &str = "lower(ltrim(author_handle, '@')) = ?2 AND direction = 'inbound'
     AND channel = ?1";

/// A display name worth suggesting others by: two words or more (one
/// word, "Julie", is too many people).
pub(super) fn full_name(name: &str) -> bool {
    name.split_whitespace().count() >= 2
}

/// The most handles a card suggests.
pub(super) const SUGGESTIONS: usize = 10;

fn person_of(conn: &Connection, channel: Channel, key: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT person_id FROM person_handles WHERE channel = ?1 AND handle = ?2",
            params![channel.as_str(), key],
            |r| r.get(0),
        )
        .optional()?)
}

/// The person of a handle, created (with the handle) if there is none.
fn ensure_person(conn: &Connection, channel: Channel, key: &str, at: i64) -> Result<i64> {
    if let Some(p) = person_of(conn, channel, key)? {
        return Ok(p);
    }
    conn.execute("INSERT INTO people (created_at) VALUES (?1)", [at])?;
    let person = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO person_handles (channel, handle, person_id) VALUES (?1, ?2, ?3)",
        params![channel.as_str(), key, person],
    )?;
    Ok(person)
}

fn record(
    conn: &Connection,
    person: i64,
    at: i64,
    actor: &str,
    kind: &str,
    payload: &Value,
) -> Result<()> {
    conn.execute(
        "INSERT INTO person_events (person_id, at, actor, kind, payload) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![person, at, actor, kind, payload.to_string()],
    )?;
    Ok(())
}

fn named(channel: Channel, key: &str) -> String {
    format!("{channel}:{key}")
}

impl Sqlite {
    /// The stored authors a typed handle may mean: (channel, handle as the
    /// messages spell it), on any channel, `@` or not, any case.
    pub fn authors_named(&self, handle: &str) -> Result<Vec<(Channel, String)>> {
        let key = handle_key(handle);
        let mut stmt = self.conn.prepare_cached(
            // A handle written several ways is named as first seen.
            "SELECT channel, author_handle FROM messages
             WHERE lower(ltrim(author_handle, '@')) = ?1 AND direction = 'inbound'
             GROUP BY channel, author_handle
             ORDER BY channel, MIN(created_at), author_handle",
        )?;
        let rows = stmt.query_map([key.as_str()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out: Vec<(Channel, String)> = Vec::new();
        for row in rows {
            let (channel, handle) = row?;
            if let Ok(channel) = channel.parse::<Channel>()
                && !out
                    .iter()
                    .any(|(c, h)| *c == channel && handle_key(h) == handle_key(&handle))
            {
                out.push((channel, handle));
            }
        }
        Ok(out)
    }

    /// Everything about the person behind `channel`/`handle`: their linked
    /// handles, messages, conversations, marks and history.
    pub fn contact(&self, channel: Channel, handle: &str) -> Result<ContactCard> {
        let key = handle_key(handle);
        if key.is_empty() {
            return Err(StoreError::Invalid("an empty handle names nobody".into()));
        }
        let person = person_of(&self.conn, channel, &key)?;
        let (name, vip, blocked, keys) = match person {
            Some(p) => {
                let (name, vip, blocked): (Option<String>, bool, bool) = self.conn.query_row(
                    "SELECT name, vip, blocked FROM people WHERE id = ?1",
                    [p],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?;
                let mut stmt = self.conn.prepare_cached(
                    "SELECT channel, handle FROM person_handles WHERE person_id = ?1
                     ORDER BY channel, handle",
                )?;
                let keys = stmt
                    .query_map([p], |r| {
                        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?
                    .into_iter()
                    .filter_map(|(c, h)| Some((c.parse::<Channel>().ok()?, h)))
                    .collect::<Vec<_>>();
                (name, vip, blocked, keys)
            }
            None => (None, false, false, vec![(channel, key.clone())]),
        };
        let mut handles = Vec::new();
        let mut messages: Vec<ContactMessage> = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT conv_id, ext_id, text, created_at, tone, sentiment, url, author_handle,
                        author_name, author_followers, author_verified
                 FROM messages WHERE {BY_AUTHOR}
                 ORDER BY created_at DESC, id DESC"
            ))?;
            for (ch, k) in &keys {
                let mut h = ContactHandle {
                    channel: *ch,
                    handle: k.clone(),
                    names: Vec::new(),
                    followers: None,
                    verified: false,
                    messages: 0,
                    first_at: None,
                    last_at: None,
                };
                let mut spelled = None;
                let mut rows = stmt.query(params![ch.as_str(), k])?;
                while let Some(r) = rows.next()? {
                    let at = from_millis(r.get(3)?);
                    spelled.get_or_insert_with(|| r.get::<_, String>(7).unwrap_or_default());
                    let display: String = r.get(8)?;
                    if !display.trim().is_empty() && !h.names.contains(&display) {
                        h.names.push(display);
                    }
                    // Newest first: the first count seen is the latest.
                    if h.followers.is_none() {
                        h.followers = r.get::<_, Option<i64>>(9)?.map(|f| f.max(0) as u64);
                    }
                    h.verified |= r.get::<_, bool>(10)?;
                    h.messages += 1;
                    h.last_at = h.last_at.max(Some(at));
                    h.first_at = Some(h.first_at.map_or(at, |f| f.min(at)));
                    messages.push(ContactMessage {
                        conversation: r.get(0)?,
                        channel: *ch,
                        id: r.get(1)?,
                        text: r.get(2)?,
                        at,
                        tone: r
                            .get::<_, Option<String>>(4)?
                            .and_then(|t| t.parse::<Tone>().ok()),
                        sentiment: r.get::<_, Option<f64>>(5)?.map(|s| s as f32),
                        url: r.get(6)?,
                    });
                }
                if let Some(s) = spelled {
                    h.handle = s;
                }
                handles.push(h);
            }
        }
        messages.sort_by_key(|m| std::cmp::Reverse(m.at));
        let mut conversations: Vec<i64> = Vec::new();
        for m in &messages {
            if !conversations.contains(&m.conversation) {
                conversations.push(m.conversation);
            }
        }
        let history = match person {
            Some(p) => {
                let mut stmt = self.conn.prepare_cached(
                    "SELECT at, actor, kind, payload FROM person_events WHERE person_id = ?1 ORDER BY id",
                )?;
                let rows = stmt.query_map([p], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                })?;
                let mut out = Vec::new();
                for row in rows {
                    let (at, actor, kind, payload) = row?;
                    out.push(ContactEvent {
                        at: from_millis(at),
                        actor,
                        kind,
                        payload: serde_json::from_str(&payload)?,
                    });
                }
                out
            }
            None => Vec::new(),
        };
        let suggestions = self.suggestions(&handles)?;
        Ok(ContactCard {
            person,
            name,
            vip,
            blocked,
            handles,
            messages,
            conversations,
            history,
            suggestions,
        })
    }

    /// Handles elsewhere that may be the same person: the same handle, or
    /// a display name of theirs (of two words or more), on another channel,
    /// not linked yet.
    fn suggestions(&self, handles: &[ContactHandle]) -> Result<Vec<(Channel, String)>> {
        self.search_caught_up()?;
        let mine: Vec<(Channel, String)> = handles
            .iter()
            .map(|h| (h.channel, handle_key(&h.handle)))
            .collect();
        let mut out: Vec<(Channel, String)> = Vec::new();
        let mut push = |channel: String, handle: String| {
            let Ok(channel) = channel.parse::<Channel>() else {
                return;
            };
            let key = handle_key(&handle);
            if !mine.iter().any(|(c, k)| *c == channel && *k == key)
                && !out
                    .iter()
                    .any(|(c, h)| *c == channel && handle_key(h) == key)
            {
                out.push((channel, handle));
            }
        };
        for h in handles {
            let mut stmt = self.conn.prepare_cached(
                "SELECT DISTINCT channel, author_handle FROM messages
                 WHERE lower(ltrim(author_handle, '@')) = ?1 AND direction = 'inbound'
                   AND channel != ?2 ORDER BY channel, author_handle LIMIT 20",
            )?;
            let rows = stmt.query_map(params![handle_key(&h.handle), h.channel.as_str()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (c, handle) = row?;
                push(c, handle);
            }
            for name in h.names.iter().filter(|n| full_name(n)) {
                // The name's words through the search index, then the name
                // itself: no index on names (it would slow every import),
                // and a scan of a million messages takes seconds.
                let Some(words) = super::queue::fts_words(name) else {
                    continue;
                };
                let mut stmt = self.conn.prepare_cached(
                    "SELECT DISTINCT channel, author_handle FROM messages
                     WHERE id IN (SELECT rowid FROM search.messages_fts WHERE messages_fts MATCH ?3)
                       AND author_name = ?1 AND channel != ?2 AND direction = 'inbound'
                     ORDER BY channel, author_handle LIMIT 20",
                )?;
                let rows = stmt.query_map(params![name, h.channel.as_str(), words], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })?;
                for row in rows {
                    let (c, handle) = row?;
                    push(c, handle);
                }
            }
        }
        out.truncate(SUGGESTIONS);
        Ok(out)
    }

    /// Links `other` to the person of `handle`: one person from now on
    /// (their marks and history together).
    pub fn link_contacts(
        &mut self,
        handle: (Channel, &str),
        other: (Channel, &str),
        actor: &str,
    ) -> Result<bool> {
        let (a, b) = (handle_key(handle.1), handle_key(other.1));
        if a.is_empty() || b.is_empty() {
            return Err(StoreError::Invalid("an empty handle names nobody".into()));
        }
        let at = to_millis(self.clock());
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let pa = ensure_person(&tx, handle.0, &a, at)?;
        let changed = match person_of(&tx, other.0, &b)? {
            Some(pb) if pb == pa => false,
            None => {
                tx.execute(
                    "INSERT INTO person_handles (channel, handle, person_id) VALUES (?1, ?2, ?3)",
                    params![other.0.as_str(), b, pa],
                )?;
                true
            }
            Some(pb) => {
                // Two people become one: handles, marks, name and history.
                tx.execute(
                    "UPDATE person_handles SET person_id = ?1 WHERE person_id = ?2",
                    [pa, pb],
                )?;
                tx.execute(
                    "UPDATE people SET
                        vip = vip OR (SELECT vip FROM people WHERE id = ?2),
                        blocked = blocked OR (SELECT blocked FROM people WHERE id = ?2),
                        name = COALESCE(name, (SELECT name FROM people WHERE id = ?2))
                     WHERE id = ?1",
                    [pa, pb],
                )?;
                tx.execute(
                    "UPDATE person_events SET person_id = ?1 WHERE person_id = ?2",
                    [pa, pb],
                )?;
                tx.execute("DELETE FROM people WHERE id = ?1", [pb])?;
                true
            }
        };
        if changed {
            record(
                &tx,
                pa,
                at,
                actor,
                "link",
                &json!({"handle": named(other.0, &b), "to": named(handle.0, &a)}),
            )?;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Takes a handle out of its person: a person of its own again.
    pub fn unlink_contact(&mut self, handle: (Channel, &str), actor: &str) -> Result<bool> {
        let key = handle_key(handle.1);
        let at = to_millis(self.clock());
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let Some(person) = person_of(&tx, handle.0, &key)? else {
            return Ok(false);
        };
        let others: i64 = tx.query_row(
            "SELECT count(*) FROM person_handles WHERE person_id = ?1",
            [person],
            |r| r.get(0),
        )?;
        if others <= 1 {
            return Ok(false);
        }
        tx.execute(
            "DELETE FROM person_handles WHERE channel = ?1 AND handle = ?2",
            params![handle.0.as_str(), key],
        )?;
        record(
            &tx,
            person,
            at,
            actor,
            "unlink",
            &json!({"handle": named(handle.0, &key)}),
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// Sets or clears a mark on the person of `handle`. Whether it changed.
    pub fn set_contact_mark(
        &mut self,
        handle: (Channel, &str),
        mark: ContactMark,
        on: bool,
        actor: &str,
    ) -> Result<bool> {
        let key = handle_key(handle.1);
        if key.is_empty() {
            return Err(StoreError::Invalid("an empty handle names nobody".into()));
        }
        let at = to_millis(self.clock());
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let person = ensure_person(&tx, handle.0, &key, at)?;
        let column = match mark {
            ContactMark::Vip => "vip",
            ContactMark::Blocked => "blocked",
        };
        let changed = tx.execute(
            &format!("UPDATE people SET {column} = ?2 WHERE id = ?1 AND {column} != ?2"),
            params![person, on],
        )? == 1;
        if changed {
            record(&tx, person, at, actor, column, &json!({"on": on}))?;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// A note on the person of `handle`.
    pub fn note_contact(&mut self, handle: (Channel, &str), text: &str, actor: &str) -> Result<()> {
        let key = handle_key(handle.1);
        if text.trim().is_empty() || key.is_empty() {
            return Err(StoreError::Invalid("a note must not be empty".into()));
        }
        let at = to_millis(self.clock());
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let person = ensure_person(&tx, handle.0, &key, at)?;
        record(
            &tx,
            person,
            at,
            actor,
            "note",
            &json!({"text": text.trim()}),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Every handle of a person marked VIP or blocked.
    pub fn marked_handles(&self) -> Result<Vec<MarkedHandle>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.channel, h.handle, p.vip, p.blocked FROM person_handles h
             JOIN people p ON p.id = h.person_id WHERE p.vip OR p.blocked
             ORDER BY h.channel, h.handle",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, bool>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (channel, handle, vip, blocked) = row?;
            if let Ok(channel) = channel.parse() {
                out.push(MarkedHandle {
                    channel,
                    handle,
                    vip,
                    blocked,
                });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Author, Direction, Message, MessageKind, Metrics};
    use chrono::{TimeZone, Utc};

    fn m(channel: Channel, id: &str, handle: &str, name: &str, text: &str, day: u32) -> Message {
        Message {
            channel,
            id: id.into(),
            parent_id: None,
            thread_id: None,
            kind: MessageKind::Mention,
            direction: Direction::Inbound,
            author: Author {
                handle: handle.into(),
                name: name.into(),
                followers: Some(u64::from(day) * 10),
                verified: false,
            },
            text: text.into(),
            lang: Some("en".into()),
            created_at: Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap(),
            url: None,
            metrics: Metrics::default(),
            automated: false,
        }
    }

    fn store() -> (tempfile::TempDir, crate::inbox::Store<Sqlite>) {
        let dir = tempfile::tempdir().unwrap();
        let mut s =
            crate::inbox::Store::sqlite(&dir.path().join("s.db"), Default::default()).unwrap();
        s.import_messages(
            &[
                m(
                    Channel::X,
                    "x1",
                    "juju_trbl",
                    "Julie Trébaol",
                    "still no parcel",
                    1,
                ),
                m(
                    Channel::X,
                    "x2",
                    "Juju_Trbl",
                    "Julie T.",
                    "hello?? refund me",
                    3,
                ),
                m(
                    Channel::Instagram,
                    "i1",
                    "julie.trebaol",
                    "Julie Trébaol",
                    "love it",
                    2,
                ),
                m(Channel::Bluesky, "b1", "juju_trbl", "JT", "other person", 2),
                m(
                    Channel::Youtube,
                    "y1",
                    "@Sophie-ck2nq",
                    "Sophie",
                    "question",
                    2,
                ),
            ],
            "t",
            "t",
        )
        .unwrap();
        (dir, s)
    }

    #[test]
    fn a_card_gathers_a_handle_s_messages_and_suggests_without_linking() {
        let (_d, s) = store();
        let card = s.contact(Channel::X, "@JUJU_TRBL").unwrap();
        assert_eq!(card.person, None);
        assert_eq!(card.handles.len(), 1);
        let h = &card.handles[0];
        assert_eq!(h.messages, 2);
        assert_eq!(h.followers, Some(30), "the latest count");
        assert_eq!(h.names, ["Julie T.", "Julie Trébaol"]);
        assert_eq!(card.messages[0].id, "x2", "newest first");
        assert_eq!(card.conversations.len(), 2);
        let mut suggested = card.suggestions.clone();
        suggested.sort();
        assert_eq!(
            suggested,
            [
                (Channel::Bluesky, "juju_trbl".to_string()),
                (Channel::Instagram, "julie.trebaol".to_string())
            ]
        );
        // YouTube's handles carry an @: found either way.
        assert_eq!(
            s.contact(Channel::Youtube, "sophie-ck2nq")
                .unwrap()
                .messages
                .len(),
            1
        );
        assert_eq!(
            s.authors_named("juju_trbl").unwrap(),
            [
                (Channel::Bluesky, "juju_trbl".to_string()),
                (Channel::X, "juju_trbl".to_string())
            ]
        );
    }

    #[test]
    fn linking_notes_and_marks_make_one_person_with_a_history() {
        let (_d, mut s) = store();
        assert!(
            s.link_contacts(
                (Channel::X, "juju_trbl"),
                (Channel::Instagram, "julie.trebaol"),
                "lea"
            )
            .unwrap()
        );
        assert!(
            !s.link_contacts(
                (Channel::Instagram, "julie.trebaol"),
                (Channel::X, "JUJU_TRBL"),
                "lea"
            )
            .unwrap()
        );
        s.note_contact((Channel::Instagram, "julie.trebaol"), "prefers DMs", "lea")
            .unwrap();
        assert!(
            s.set_contact_mark((Channel::X, "juju_trbl"), ContactMark::Vip, true, "lea")
                .unwrap()
        );
        assert!(
            !s.set_contact_mark((Channel::X, "juju_trbl"), ContactMark::Vip, true, "lea")
                .unwrap()
        );
        let card = s.contact(Channel::Instagram, "julie.trebaol").unwrap();
        assert!(card.vip && !card.blocked);
        assert_eq!(card.handles.len(), 2);
        assert_eq!(card.messages.len(), 3);
        let kinds: Vec<&str> = card.history.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["link", "note", "vip"]);
        assert!(
            !card
                .suggestions
                .iter()
                .any(|(c, _)| *c == Channel::Instagram)
        );
        let marked = s.marked_handles().unwrap();
        assert_eq!(marked.len(), 2);
        assert!(marked.iter().all(|m| m.vip));
        // A second person with a mark of their own joins: marks add up.
        s.set_contact_mark(
            (Channel::Bluesky, "juju_trbl"),
            ContactMark::Blocked,
            true,
            "lea",
        )
        .unwrap();
        s.link_contacts(
            (Channel::X, "juju_trbl"),
            (Channel::Bluesky, "juju_trbl"),
            "lea",
        )
        .unwrap();
        let card = s.contact(Channel::Bluesky, "juju_trbl").unwrap();
        assert!(card.vip && card.blocked);
        assert_eq!(card.handles.len(), 3);
        // Unlinking takes one handle back out.
        assert!(
            s.unlink_contact((Channel::Bluesky, "juju_trbl"), "lea")
                .unwrap()
        );
        assert_eq!(s.contact(Channel::X, "juju_trbl").unwrap().handles.len(), 2);
        assert_eq!(
            s.contact(Channel::Bluesky, "juju_trbl").unwrap().person,
            None
        );
        assert!(
            s.note_contact((Channel::X, "juju_trbl"), "  ", "lea")
                .is_err()
        );
    }

    #[test]
    fn a_handle_s_messages_are_read_through_the_author_index() {
        let (_d, s) = store();
        let plan: Vec<String> = s
            .conn
            .prepare(&format!(
                "EXPLAIN QUERY PLAN SELECT id FROM messages WHERE {BY_AUTHOR}"
            ))
            .unwrap()
            .query_map(params!["x", "juju_trbl"], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            plan.iter().all(|p| !p.starts_with("SCAN messages")),
            "{plan:?}"
        );
    }
}
