//! What the analytics need for a period, read in a few passes.

use super::{Result, Sqlite, from_millis, to_millis};
use crate::model::{
    AnalyticsFacts, AudienceFact, Channel, ConversationFacts, Direction, Event, IdleWaiting,
    MessageFacts, Status,
};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use rustc_hash::FxHashMap;

/// Conversations active in a period: started before its end, and with a
/// message at or after its start.
const IN_PERIOD: &str = "c.first_at < ?2 AND c.last_activity >= ?1";

fn text<'a>(r: &'a rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'a str> {
    r.get_ref(i)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

impl Sqlite {
    /// Everything a report over [`from`, `to`) needs; `now` bounds the
    /// backlog when the period has not ended yet.
    pub fn analytics_facts(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<AnalyticsFacts> {
        let (from_ms, to_ms) = (to_millis(from), to_millis(to));
        // Reports read hundreds of thousands of rows: mapping the file spares
        // a copy of every page through read(2) (the stats view opens in
        // 280 ms instead of 300 on a million messages). Only while reading,
        // and not for reports computed in the background: every page mapped
        // counts in the process's resident memory (the terminal UI's went
        // from 200 MB to 640 MB).
        // The second connection (see `read_facts`) maps as this one does.
        let map = if self.mapped_reads { super::MAPPED } else { 0 };
        self.reading_mapped(true, || self.read_facts(from_ms, to_ms, now, map))
    }

    /// Large reads (reports, searches) go through memory-mapped files (see
    /// `reading_mapped`): off for a store reading in the background.
    pub fn set_mapped_reads(&mut self, on: bool) {
        self.mapped_reads = on;
    }

    fn read_facts(
        &self,
        from_ms: i64,
        to_ms: i64,
        now: DateTime<Utc>,
        map: i64,
    ) -> Result<AnalyticsFacts> {
        // Tags, events and the backlog are read on a second connection while
        // this one reads the messages: a report's time is mostly the store's.
        let second = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .ok();
        std::thread::scope(|scope| {
            let pending = second.map(|conn| {
                scope.spawn(move || {
                    conn.busy_timeout(super::BUSY_TIMEOUT)?;
                    conn.pragma_update(None, "mmap_size", map)?;
                    read_others(&conn, from_ms, to_ms, to_millis(now))
                })
            });
            let conversations = self.conversation_facts(from_ms, to_ms)?;
            let others = match pending.map(|h| h.join()) {
                Some(Ok(result)) => result?,
                // No second connection (or its thread failed): read here.
                _ => read_others(&self.conn, from_ms, to_ms, to_millis(now))?,
            };
            Ok(assemble(conversations, others))
        })
    }

    fn conversation_facts(&self, from_ms: i64, to_ms: i64) -> Result<Vec<ConversationFacts>> {
        let mut conversations: Vec<ConversationFacts> = Vec::new();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT c.id, c.channel, c.status, c.assignee, c.lang,
                    m.created_at, m.direction, m.automated, m.tone, m.complaint, m.author_handle,
                    m.author_followers, m.author_verified, m.likes, m.shares, m.replies
             FROM conversations c JOIN messages m ON m.conv_id = c.id
             WHERE {IN_PERIOD}
             ORDER BY c.id, m.created_at, m.id"
        ))?;
        let mut rows = stmt.query([from_ms, to_ms])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if conversations.last().is_none_or(|c| c.id != id) {
                conversations.push(ConversationFacts {
                    id,
                    // Unknown names cannot be written by this program; read
                    // them as `other` rather than failing a whole report.
                    channel: text(r, 1)?.parse().unwrap_or(Channel::Other),
                    status: text(r, 2)?.parse().unwrap_or(Status::Open),
                    tags: Vec::new(),
                    assignee: r.get(3)?,
                    lang: r.get(4)?,
                    messages: Vec::new(),
                });
            }
            let tone = match r.get::<_, Option<String>>(8)?.as_deref() {
                Some("negative") => Some(-1),
                Some("neutral") => Some(0),
                Some("positive") => Some(1),
                _ => None,
            };
            let count = |i: usize| -> Result<u64> { Ok(r.get::<_, i64>(i)?.max(0) as u64) };
            let message = MessageFacts {
                at: from_millis(r.get(5)?),
                direction: if text(r, 6)? == "outbound" {
                    Direction::Outbound
                } else {
                    Direction::Inbound
                },
                automated: r.get(7)?,
                tone,
                complaint: r.get::<_, Option<f64>>(9)?.unwrap_or(0.0) as f32,
                author: r.get(10)?,
                followers: r.get::<_, Option<i64>>(11)?.map(|f| f.max(0) as u64),
                verified: r.get(12)?,
                likes: count(13)?,
                shares: count(14)?,
                replies: count(15)?,
            };
            if let Some(c) = conversations.last_mut() {
                c.messages.push(message);
            }
        }
        drop(rows);
        Ok(conversations)
    }
}

/// What a report needs besides the messages.
pub(super) struct Others {
    pub(super) tags: Vec<(i64, String)>,
    pub(super) events: Vec<Event>,
    pub(super) audience: Vec<AudienceFact>,
    pub(super) idle_waiting: Vec<IdleWaiting>,
}

pub(super) fn assemble(
    mut conversations: Vec<ConversationFacts>,
    others: Others,
) -> AnalyticsFacts {
    let index: FxHashMap<i64, usize> = conversations
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    for (conv, tag) in others.tags {
        if let Some(&i) = index.get(&conv) {
            conversations[i].tags.push(tag);
        }
    }
    AnalyticsFacts {
        conversations,
        events: others.events,
        audience: others.audience,
        idle_waiting: others.idle_waiting,
    }
}

fn read_others(conn: &Connection, from_ms: i64, to_ms: i64, now_ms: i64) -> Result<Others> {
    let mut stmt = conn.prepare(&format!(
        "SELECT t.conv_id, t.tag FROM conversation_tags t JOIN conversations c ON c.id = t.conv_id
         WHERE {IN_PERIOD} ORDER BY t.conv_id, t.tag"
    ))?;
    let tags = stmt
        .query_map([from_ms, to_ms], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    // Status changes before the period tell how earlier conversations
    // stood; everything else only counts inside it.
    let mut stmt = conn.prepare(
        "SELECT id, conv_id, at, actor, kind, payload FROM events
         WHERE at < ?2 AND (at >= ?1 OR kind = 'status') ORDER BY at, id",
    )?;
    let mut rows = stmt.query([from_ms, to_ms])?;
    let mut events = Vec::new();
    while let Some(r) = rows.next()? {
        // A kind this version does not know (written by a newer one) is
        // left out of the numbers rather than failing the report.
        let Ok(kind) = text(r, 4)?.parse() else {
            continue;
        };
        events.push(Event {
            id: r.get(0)?,
            conversation: r.get(1)?,
            at: from_millis(r.get(2)?),
            actor: r.get(3)?,
            kind,
            payload: serde_json::from_str(text(r, 5)?).unwrap_or(serde_json::Value::Null),
        });
    }
    drop(rows);

    let mut stmt = conn
        .prepare("SELECT channel, handle, at, followers FROM audience WHERE at < ?1 ORDER BY at")?;
    let audience = stmt
        .query_map([to_ms], |r| {
            Ok(AudienceFact {
                channel: text(r, 0)?.parse().unwrap_or(Channel::Other),
                handle: r.get(1)?,
                at: from_millis(r.get(2)?),
                followers: r.get::<_, i64>(3)?.max(0) as u64,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Older conversations still waiting for us count in the backlog only:
    // read when their wait began, not their messages.
    // A wait that began a week or more before the end falls in the last
    // backlog bucket whatever its exact start: look that up only for the
    // others.
    let mut stmt = conn.prepare(
        "SELECT c.id, c.status,
                CASE WHEN c.last_inbound_at <= ?3 THEN c.last_inbound_at ELSE
                (SELECT MIN(m.created_at) FROM messages m
                 WHERE m.conv_id = c.id AND m.direction = 'inbound'
                   AND m.created_at > COALESCE(c.last_outbound_at, 0)) END
         FROM conversations c
         WHERE c.first_at < ?2 AND c.last_activity < ?1
           AND c.last_inbound_at > COALESCE(c.last_outbound_at, 0)",
    )?;
    let week_before_end = to_ms.min(now_ms) - 7 * 86_400_000;
    let idle_waiting = stmt
        .query_map([from_ms, to_ms, week_before_end], |r| {
            Ok(IdleWaiting {
                id: r.get(0)?,
                status: text(r, 1)?.parse().unwrap_or(Status::Open),
                since: from_millis(r.get::<_, Option<i64>>(2)?.unwrap_or(0)),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Others {
        tags,
        events,
        audience,
        idle_waiting,
    })
}

impl Sqlite {
    /// Records one observation of one of our accounts' follower count.
    pub fn record_audience(&mut self, fact: &AudienceFact) -> Result<()> {
        self.conn.execute(
            "INSERT INTO audience (channel, handle, at, followers) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (channel, handle, at) DO UPDATE SET followers = excluded.followers",
            rusqlite::params![
                fact.channel.as_str(),
                fact.handle,
                to_millis(fact.at),
                fact.followers as i64
            ],
        )?;
        Ok(())
    }
}
