//! Analytics facts (see `store::analytics`): the rows the reports are
//! computed from, read in one snapshot.

use super::{Postgres, Result, from_millis};
use crate::model::{
    AnalyticsFacts, AudienceFact, Channel, ConversationFacts, Direction, Event, IdleWaiting,
    MessageFacts, Status,
};
use crate::store::analytics::{Others, assemble};
use chrono::{DateTime, Utc};

const IN_PERIOD: &str = "c.first_at < $2 AND c.last_activity >= $1";

impl Postgres {
    pub fn analytics_facts(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<AnalyticsFacts> {
        let (from_ms, to_ms) = (from.timestamp_millis(), to.timestamp_millis());
        // One snapshot for every read: the figures agree with each other
        // while others work.
        let tx = self.conn.begin()?;
        tx.batch("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")?;
        let mut conversations: Vec<ConversationFacts> = Vec::new();
        for r in tx.query(
            &format!(
                "SELECT c.id, c.channel, c.status, c.assignee, c.lang,
                        m.created_at, m.direction, m.automated, m.tone, m.complaint, m.author_handle,
                        m.author_followers, m.author_verified, m.likes, m.shares, m.replies
                 FROM conversations c JOIN messages m ON m.conv_id = c.id
                 WHERE {IN_PERIOD}
                 ORDER BY c.id, m.created_at, m.id"
            ),
            &[&from_ms, &to_ms],
        )? {
            let id: i64 = r.try_get(0)?;
            if conversations.last().is_none_or(|c| c.id != id) {
                conversations.push(ConversationFacts {
                    id,
                    channel: r
                        .try_get::<_, String>(1)?
                        .parse()
                        .unwrap_or(Channel::Other),
                    status: r.try_get::<_, String>(2)?.parse().unwrap_or(Status::Open),
                    tags: Vec::new(),
                    assignee: r.try_get(3)?,
                    lang: r.try_get(4)?,
                    messages: Vec::new(),
                });
            }
            let tone = match r.try_get::<_, Option<String>>(8)?.as_deref() {
                Some("negative") => Some(-1),
                Some("neutral") => Some(0),
                Some("positive") => Some(1),
                _ => None,
            };
            let count = |i: usize| -> Result<u64> { Ok(r.try_get::<_, i64>(i)?.max(0) as u64) };
            let message = MessageFacts {
                at: from_millis(r.try_get(5)?),
                direction: if r.try_get::<_, String>(6)? == "outbound" {
                    Direction::Outbound
                } else {
                    Direction::Inbound
                },
                automated: r.try_get(7)?,
                tone,
                complaint: r.try_get::<_, Option<f64>>(9)?.unwrap_or(0.0) as f32,
                author: r.try_get(10)?,
                followers: r
                    .try_get::<_, Option<i64>>(11)?
                    .map(|f| f.max(0) as u64),
                verified: r.try_get(12)?,
                likes: count(13)?,
                shares: count(14)?,
                replies: count(15)?,
            };
            if let Some(c) = conversations.last_mut() {
                c.messages.push(message);
            }
        }
        let tags = tx
            .query(
                &format!(
                    "SELECT t.conv_id, t.tag FROM conversation_tags t JOIN conversations c ON c.id = t.conv_id
                     WHERE {IN_PERIOD} ORDER BY t.conv_id, t.tag"
                ),
                &[&from_ms, &to_ms],
            )?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect::<Result<Vec<_>>>()?;
        let mut events = Vec::new();
        for r in tx.query(
            "SELECT id, conv_id, at, actor, kind, payload FROM events
             WHERE at < $2 AND (at >= $1 OR kind = 'status') ORDER BY at, id",
            &[&from_ms, &to_ms],
        )? {
            let Ok(kind) = r.try_get::<_, String>(4)?.parse() else {
                continue;
            };
            events.push(Event {
                id: r.try_get(0)?,
                conversation: r.try_get(1)?,
                at: from_millis(r.try_get(2)?),
                actor: r.try_get(3)?,
                kind,
                payload: serde_json::from_str(&r.try_get::<_, String>(5)?)
                    .unwrap_or(serde_json::Value::Null),
            });
        }
        let audience = tx
            .query(
                "SELECT channel, handle, at, followers FROM audience WHERE at < $1 ORDER BY at",
                &[&to_ms],
            )?
            .iter()
            .map(|r| {
                Ok(AudienceFact {
                    channel: r.try_get::<_, String>(0)?.parse().unwrap_or(Channel::Other),
                    handle: r.try_get(1)?,
                    at: from_millis(r.try_get(2)?),
                    followers: r.try_get::<_, i64>(3)?.max(0) as u64,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let week_before_end = to_ms.min(now.timestamp_millis()) - 7 * 86_400_000;
        let idle_waiting = tx
            .query(
                "SELECT c.id, c.status,
                        CASE WHEN c.last_inbound_at <= $3 THEN c.last_inbound_at ELSE
                        (SELECT MIN(m.created_at) FROM messages m
                         WHERE m.conv_id = c.id AND m.direction = 'inbound'
                           AND m.created_at > COALESCE(c.last_outbound_at, 0)) END
                 FROM conversations c
                 WHERE c.first_at < $2 AND c.last_activity < $1
                   AND c.last_inbound_at > COALESCE(c.last_outbound_at, 0)",
                &[&from_ms, &to_ms, &week_before_end],
            )?
            .iter()
            .map(|r| {
                Ok(IdleWaiting {
                    id: r.try_get(0)?,
                    status: r.try_get::<_, String>(1)?.parse().unwrap_or(Status::Open),
                    since: from_millis(r.try_get::<_, Option<i64>>(2)?.unwrap_or(0)),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        tx.commit()?;
        Ok(assemble(
            conversations,
            Others {
                tags,
                events,
                audience,
                idle_waiting,
            },
        ))
    }

    pub fn record_audience(&mut self, fact: &AudienceFact) -> Result<()> {
        self.conn.execute(
            "INSERT INTO audience (channel, handle, at, followers) VALUES ($1, $2, $3, $4)
             ON CONFLICT (channel, handle, at) DO UPDATE SET followers = excluded.followers",
            &[
                &fact.channel.as_str(),
                &fact.handle,
                &fact.at.timestamp_millis(),
                &(fact.followers as i64),
            ],
        )?;
        Ok(())
    }
}
