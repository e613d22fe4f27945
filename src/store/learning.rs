//! The models people teach by what they do: tagging a conversation with a
//! criticism category, removing one, correcting a sentiment. Lessons are
//! learned inside the transaction that records the person's change, so the
//! store never holds a tag without its lesson or a lesson without its tag;
//! a model that cannot be read starts afresh rather than refuse the tag.

use super::{Result, Store};
use crate::triage::learn::{
    self, BINARY, CATEGORY_MODEL, COMPLAINT_MODEL, Learned, NO_CATEGORY, NamedModel, SENTIMENT,
    SENTIMENT_MODEL,
};
use crate::triage::sentiment::Polarity;
use rusqlite::{Connection, OptionalExtension, params};
use std::sync::Arc;

/// The inbound messages of a conversation a lesson learns from (the latest).
const MESSAGES_PER_LESSON: i64 = 20;

/// What a person's change teaches.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lesson {
    /// A criticism category was added.
    Category(String),
    /// A criticism category was removed.
    NotCategory,
    /// The conversation's tone was set by a person.
    Sentiment(Polarity),
}

/// Whether a tag is a criticism category the models learn.
pub(crate) fn is_category(tag: &str) -> bool {
    crate::triage::categories::Rules::default()
        .names()
        .any(|n| n == tag)
}

fn load(conn: &Connection, name: &str) -> Result<Option<NamedModel>> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT weights FROM models WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?;
    Ok(bytes.and_then(|b| match NamedModel::from_bytes(&b) {
        Ok(m) => Some(m),
        Err(e) => {
            tracing::warn!("learned model {name} cannot be read ({e}); starting afresh");
            None
        }
    }))
}

fn save(conn: &Connection, name: &str, model: &NamedModel, at: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO models (name, revision, weights, updated_at) VALUES (?1, 1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET revision = revision + 1, weights = ?2, updated_at = ?3",
    )?
    .execute(params![name, model.to_bytes(), at])?;
    Ok(())
}

/// Texts (with language) of the latest inbound messages of a conversation.
fn inbound(conn: &Connection, conv: i64, limit: i64) -> Result<Vec<(String, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT text, lang FROM messages WHERE conv_id = ?1 AND direction = 'inbound'
         ORDER BY created_at DESC, id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![conv, limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

fn has_category(conn: &Connection, conv: i64) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT tag FROM conversation_tags WHERE conv_id = ?1")?;
    let tags = stmt.query_map([conv], |r| r.get::<_, String>(0))?;
    for t in tags {
        if is_category(&t?) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Ordinary messages to set against a category's examples: inbound ones,
/// from conversations with no category, that the rules do not read as
/// complaints. People tag what stands out; the rest of the stream is what
/// it stands out from. Picked at pseudo-random places, reproducibly.
fn ordinary(
    conn: &Connection,
    conv: i64,
    n: usize,
    seed: u64,
) -> Result<Vec<(String, Option<String>)>> {
    let max: i64 = conn.query_row("SELECT COALESCE(MAX(id), 0) FROM messages", [], |r| {
        r.get(0)
    })?;
    if max == 0 {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, conv_id, text, lang FROM messages
         WHERE id >= ?1 AND direction = 'inbound' AND conv_id != ?2 AND COALESCE(complaint, 0) < 0.3
         ORDER BY id LIMIT 8",
    )?;
    let mut out = Vec::new();
    let mut taken = std::collections::HashSet::new();
    let mut state = seed;
    for _ in 0..n * 3 {
        if out.len() >= n {
            break;
        }
        state = splitmix(state);
        let start = (state % max as u64) as i64 + 1;
        let rows: Vec<(i64, i64, String, Option<String>)> = stmt
            .query_map(params![start, conv], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<std::result::Result<_, _>>()?;
        for (id, other, text, lang) in rows {
            if !taken.contains(&id) && !has_category(conn, other)? {
                taken.insert(id);
                out.push((text, lang));
                break;
            }
        }
    }
    Ok(out)
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The three models, created empty when the store has none yet.
struct Models {
    sentiment: NamedModel,
    complaint: NamedModel,
    category: NamedModel,
    changed: [bool; 3],
}

impl Models {
    fn load(conn: &Connection) -> Result<Models> {
        Ok(Models {
            sentiment: load(conn, SENTIMENT_MODEL)?
                .unwrap_or_else(|| NamedModel::new(&SENTIMENT, 6)),
            complaint: load(conn, COMPLAINT_MODEL)?.unwrap_or_else(|| NamedModel::new(&BINARY, 6)),
            category: load(conn, CATEGORY_MODEL)?
                .unwrap_or_else(|| NamedModel::new(&[NO_CATEGORY], 6)),
            changed: [false; 3],
        })
    }

    fn save(&self, conn: &Connection, at: i64) -> Result<()> {
        let all = [
            (SENTIMENT_MODEL, &self.sentiment),
            (COMPLAINT_MODEL, &self.complaint),
            (CATEGORY_MODEL, &self.category),
        ];
        for ((name, model), changed) in all.into_iter().zip(self.changed) {
            if changed {
                save(conn, name, model, at)?;
            }
        }
        Ok(())
    }

    /// An example that is not a complaint and has no category.
    fn ordinary(&mut self, x: &learn::Features) {
        self.category.learn(x, NO_CATEGORY);
        self.complaint.learn(x, "false");
        self.changed[1] = true;
        self.changed[2] = true;
    }
}

/// Learns what `lessons` teach about conversation `conv` (inside the
/// caller's transaction).
pub(crate) fn teach(conn: &Connection, conv: i64, lessons: &[Lesson], at: i64) -> Result<()> {
    if lessons.is_empty() {
        return Ok(());
    }
    let mut models = Models::load(conn)?;
    for lesson in lessons {
        match lesson {
            Lesson::Category(category) => {
                let texts = inbound(conn, conv, MESSAGES_PER_LESSON)?;
                for (text, lang) in &texts {
                    let (_, x) = learn::features(text, lang.as_deref());
                    models.category.learn(&x, category);
                    models.complaint.learn(&x, "true");
                }
                let seed = models.category.model.seen() ^ (conv as u64).rotate_left(32);
                for (text, lang) in ordinary(conn, conv, texts.len(), seed)? {
                    let (_, x) = learn::features(&text, lang.as_deref());
                    models.ordinary(&x);
                }
                models.changed[1] = true;
                models.changed[2] = true;
            }
            Lesson::NotCategory => {
                if !has_category(conn, conv)? {
                    for (text, lang) in inbound(conn, conv, MESSAGES_PER_LESSON)? {
                        let (_, x) = learn::features(&text, lang.as_deref());
                        models.ordinary(&x);
                    }
                }
            }
            Lesson::Sentiment(p) => {
                // The tone shown is the latest inbound message's.
                if let Some((text, lang)) = inbound(conn, conv, 1)?.pop() {
                    let (_, x) = learn::features(&text, lang.as_deref());
                    models.sentiment.learn(&x, p.as_str());
                    models.changed[0] = true;
                    if *p == Polarity::Positive && !has_category(conn, conv)? {
                        models.ordinary(&x);
                    }
                }
            }
        }
    }
    models.save(conn, at)
}

impl Store {
    /// The learned models, loaded again only when someone saved a model.
    pub fn learned(&self) -> Result<Arc<Learned>> {
        let revision: i64 =
            self.conn
                .query_row("SELECT COALESCE(SUM(revision), 0) FROM models", [], |r| {
                    r.get(0)
                })?;
        if let Some((r, learned)) = &*self.learned.borrow()
            && *r == revision
        {
            return Ok(learned.clone());
        }
        let learned = Arc::new(Learned {
            sentiment: load(&self.conn, SENTIMENT_MODEL)?,
            complaint: load(&self.conn, COMPLAINT_MODEL)?,
            category: load(&self.conn, CATEGORY_MODEL)?,
        });
        *self.learned.borrow_mut() = Some((revision, learned.clone()));
        Ok(learned)
    }
}
