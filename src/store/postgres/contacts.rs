//! People across channels (see `store::contacts`): linked by hand, never
//! by guessing; marks and an append-only history.

use super::conn::Conn;
use super::{Postgres, Result, StoreError, from_millis};
use crate::model::{
    Channel, ContactCard, ContactEvent, ContactHandle, ContactMark, ContactMessage, MarkedHandle,
    handle_key,
};
use serde_json::{Value, json};

/// Messages of a handle on a channel, either spelling of a leading `@`
/// (the `messages_author` index).
const BY_AUTHOR: &str = "lower(ltrim(author_handle, '@')) = $2 AND channel = $1";

/// Serialises the changes to people (linking two people reads both).
const PEOPLE_LOCK: i64 = 0x0070_616c_7065_6f70;

fn person_of(conn: &Conn, channel: Channel, key: &str) -> Result<Option<i64>> {
    conn.query_opt(
        "SELECT person_id FROM person_handles WHERE channel = $1 AND handle = $2",
        &[&channel.as_str(), &key],
    )?
    .map(|r| r.try_get(0))
    .transpose()
    .map_err(Into::into)
}

fn ensure_person(conn: &Conn, channel: Channel, key: &str, at: i64) -> Result<i64> {
    if let Some(p) = person_of(conn, channel, key)? {
        return Ok(p);
    }
    let person: i64 = conn.value(
        "INSERT INTO people (created_at) VALUES ($1) RETURNING id",
        &[&at],
    )?;
    conn.execute(
        "INSERT INTO person_handles (channel, handle, person_id) VALUES ($1, $2, $3)",
        &[&channel.as_str(), &key, &person],
    )?;
    Ok(person)
}

fn record(
    conn: &Conn,
    person: i64,
    at: i64,
    actor: &str,
    kind: &str,
    payload: &Value,
) -> Result<()> {
    conn.execute(
        "INSERT INTO person_events (person_id, at, actor, kind, payload) VALUES ($1, $2, $3, $4, $5)",
        &[&person, &at, &actor, &kind, &payload.to_string()],
    )?;
    Ok(())
}

fn named(channel: Channel, key: &str) -> String {
    format!("{channel}:{key}")
}

/// (channel, handle) rows, each author once whatever its spelling.
fn distinct_authors(rows: Vec<tokio_postgres::Row>) -> Result<Vec<(Channel, String)>> {
    let mut out: Vec<(Channel, String)> = Vec::new();
    for r in rows {
        let (channel, handle): (String, String) = (r.try_get(0)?, r.try_get(1)?);
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

impl Postgres {
    pub fn authors_named(&self, handle: &str) -> Result<Vec<(Channel, String)>> {
        let key = handle_key(handle);
        distinct_authors(self.conn.query(
            // A handle written several ways is named as first seen.
            "SELECT channel, author_handle FROM messages
             WHERE lower(ltrim(author_handle, '@')) = $1 AND direction = 'inbound'
             GROUP BY channel, author_handle
             ORDER BY channel COLLATE \"C\", MIN(created_at), author_handle COLLATE \"C\"",
            &[&key],
        )?)
    }

    pub fn contact(&self, channel: Channel, handle: &str) -> Result<ContactCard> {
        let key = handle_key(handle);
        if key.is_empty() {
            return Err(StoreError::Invalid("an empty handle names nobody".into()));
        }
        let person = person_of(&self.conn, channel, &key)?;
        let (name, vip, blocked, keys) = match person {
            Some(p) => {
                let r = self
                    .conn
                    .query_one("SELECT name, vip, blocked FROM people WHERE id = $1", &[&p])?;
                let keys = self
                    .conn
                    .query(
                        "SELECT channel, handle FROM person_handles WHERE person_id = $1
                         ORDER BY channel, handle",
                        &[&p],
                    )?
                    .iter()
                    .map(|r| Ok((r.try_get::<_, String>(0)?, r.try_get::<_, String>(1)?)))
                    .collect::<Result<Vec<_>>>()?
                    .into_iter()
                    .filter_map(|(c, h)| Some((c.parse::<Channel>().ok()?, h)))
                    .collect::<Vec<_>>();
                (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, keys)
            }
            None => (None, false, false, vec![(channel, key.clone())]),
        };
        let mut handles = Vec::new();
        let mut messages: Vec<ContactMessage> = Vec::new();
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
            let rows = self.conn.query(
                &format!(
                    "SELECT conv_id, ext_id, text, created_at, tone, sentiment, url, author_handle,
                            author_name, author_followers, author_verified
                     FROM messages WHERE {BY_AUTHOR} AND direction = 'inbound'
                     ORDER BY created_at DESC, id DESC"
                ),
                &[&ch.as_str(), k],
            )?;
            let mut spelled = None;
            for r in &rows {
                let at = from_millis(r.try_get(3)?);
                if spelled.is_none() {
                    spelled = Some(r.try_get::<_, String>(7)?);
                }
                let display: String = r.try_get(8)?;
                if !display.trim().is_empty() && !h.names.contains(&display) {
                    h.names.push(display);
                }
                if h.followers.is_none() {
                    h.followers = r.try_get::<_, Option<i64>>(9)?.map(|f| f.max(0) as u64);
                }
                h.verified |= r.try_get::<_, bool>(10)?;
                h.messages += 1;
                h.last_at = h.last_at.max(Some(at));
                h.first_at = Some(h.first_at.map_or(at, |f| f.min(at)));
                messages.push(ContactMessage {
                    conversation: r.try_get(0)?,
                    channel: *ch,
                    id: r.try_get(1)?,
                    text: r.try_get(2)?,
                    at,
                    tone: super::conversation::tone(r.try_get(4)?),
                    sentiment: r.try_get::<_, Option<f64>>(5)?.map(|s| s as f32),
                    url: r.try_get(6)?,
                });
            }
            if let Some(s) = spelled {
                h.handle = s;
            }
            handles.push(h);
        }
        messages.sort_by_key(|m| std::cmp::Reverse(m.at));
        let mut conversations: Vec<i64> = Vec::new();
        for m in &messages {
            if !conversations.contains(&m.conversation) {
                conversations.push(m.conversation);
            }
        }
        let history = match person {
            Some(p) => self
                .conn
                .query(
                    "SELECT at, actor, kind, payload FROM person_events WHERE person_id = $1
                     ORDER BY id",
                    &[&p],
                )?
                .iter()
                .map(|r| {
                    Ok(ContactEvent {
                        at: from_millis(r.try_get(0)?),
                        actor: r.try_get(1)?,
                        kind: r.try_get(2)?,
                        payload: serde_json::from_str(&r.try_get::<_, String>(3)?)?,
                    })
                })
                .collect::<Result<Vec<_>>>()?,
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

    /// Handles elsewhere that may be the same person (see the embedded
    /// store's).
    fn suggestions(&self, handles: &[ContactHandle]) -> Result<Vec<(Channel, String)>> {
        let mine: Vec<(Channel, String)> = handles
            .iter()
            .map(|h| (h.channel, handle_key(&h.handle)))
            .collect();
        let mut found = Vec::new();
        for h in handles {
            found.extend(distinct_authors(self.conn.query(
                "SELECT channel, author_handle FROM (SELECT DISTINCT channel, author_handle FROM messages
                 WHERE lower(ltrim(author_handle, '@')) = $1 AND channel <> $2
                   AND direction = 'inbound') d
                 ORDER BY channel COLLATE \"C\", author_handle COLLATE \"C\" LIMIT 20",
                &[&handle_key(&h.handle), &h.channel.as_str()],
            )?)?);
            for name in h
                .names
                .iter()
                .filter(|n| crate::store::contacts::full_name(n))
            {
                // The name's words through the search index, then the name
                // itself (no index on names: it would slow every import).
                let Some(words) = super::queue::ts_query(name) else {
                    continue;
                };
                found.extend(distinct_authors(self.conn.query(
                    "SELECT channel, author_handle FROM (SELECT DISTINCT channel, author_handle FROM messages
                     WHERE search @@ to_tsquery('palabre', $3)
                       AND author_name = $1 AND channel <> $2 AND direction = 'inbound') d
                     ORDER BY channel COLLATE \"C\", author_handle COLLATE \"C\" LIMIT 20",
                    &[name, &h.channel.as_str(), &words],
                )?)?);
            }
        }
        let mut out: Vec<(Channel, String)> = Vec::new();
        for (channel, handle) in found {
            let key = handle_key(&handle);
            if !mine.iter().any(|(c, k)| *c == channel && *k == key)
                && !out
                    .iter()
                    .any(|(c, h)| *c == channel && handle_key(h) == key)
            {
                out.push((channel, handle));
            }
        }
        out.truncate(crate::store::contacts::SUGGESTIONS);
        Ok(out)
    }

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
        let at = self.clock().timestamp_millis();
        let tx = self.conn.begin()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PEOPLE_LOCK])?;
        let pa = ensure_person(&tx, handle.0, &a, at)?;
        let changed = match person_of(&tx, other.0, &b)? {
            Some(pb) if pb == pa => false,
            None => {
                tx.execute(
                    "INSERT INTO person_handles (channel, handle, person_id) VALUES ($1, $2, $3)",
                    &[&other.0.as_str(), &b, &pa],
                )?;
                true
            }
            Some(pb) => {
                tx.execute(
                    "UPDATE person_handles SET person_id = $1 WHERE person_id = $2",
                    &[&pa, &pb],
                )?;
                tx.execute(
                    "UPDATE people p SET vip = p.vip OR o.vip, blocked = p.blocked OR o.blocked,
                         name = COALESCE(p.name, o.name)
                     FROM people o WHERE p.id = $1 AND o.id = $2",
                    &[&pa, &pb],
                )?;
                tx.execute(
                    "UPDATE person_events SET person_id = $1 WHERE person_id = $2",
                    &[&pa, &pb],
                )?;
                tx.execute("DELETE FROM people WHERE id = $1", &[&pb])?;
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

    pub fn unlink_contact(&mut self, handle: (Channel, &str), actor: &str) -> Result<bool> {
        let key = handle_key(handle.1);
        let at = self.clock().timestamp_millis();
        let tx = self.conn.begin()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PEOPLE_LOCK])?;
        let Some(person) = person_of(&tx, handle.0, &key)? else {
            return Ok(false);
        };
        let others: i64 = tx.value(
            "SELECT count(*) FROM person_handles WHERE person_id = $1",
            &[&person],
        )?;
        if others <= 1 {
            return Ok(false);
        }
        tx.execute(
            "DELETE FROM person_handles WHERE channel = $1 AND handle = $2",
            &[&handle.0.as_str(), &key],
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
        let at = self.clock().timestamp_millis();
        let tx = self.conn.begin()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PEOPLE_LOCK])?;
        let person = ensure_person(&tx, handle.0, &key, at)?;
        let column = match mark {
            ContactMark::Vip => "vip",
            ContactMark::Blocked => "blocked",
        };
        let changed = tx.execute(
            &format!("UPDATE people SET {column} = $2 WHERE id = $1 AND {column} <> $2"),
            &[&person, &on],
        )? == 1;
        if changed {
            record(&tx, person, at, actor, column, &json!({"on": on}))?;
        }
        tx.commit()?;
        Ok(changed)
    }

    pub fn note_contact(&mut self, handle: (Channel, &str), text: &str, actor: &str) -> Result<()> {
        let key = handle_key(handle.1);
        if text.trim().is_empty() || key.is_empty() {
            return Err(StoreError::Invalid("a note must not be empty".into()));
        }
        let at = self.clock().timestamp_millis();
        let tx = self.conn.begin()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PEOPLE_LOCK])?;
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

    pub fn marked_handles(&self) -> Result<Vec<MarkedHandle>> {
        let mut out = Vec::new();
        for r in self.conn.query(
            "SELECT h.channel, h.handle, p.vip, p.blocked FROM person_handles h
             JOIN people p ON p.id = h.person_id WHERE p.vip OR p.blocked
             ORDER BY h.channel COLLATE \"C\", h.handle COLLATE \"C\"",
            &[],
        )? {
            if let Ok(channel) = r.try_get::<_, String>(0)?.parse() {
                out.push(MarkedHandle {
                    channel,
                    handle: r.try_get(1)?,
                    vip: r.try_get(2)?,
                    blocked: r.try_get(3)?,
                });
            }
        }
        Ok(out)
    }
}
