//! The store's side of learning: the models' saved weights, and the
//! examples a lesson learns from, read inside the transaction of the change
//! that teaches it (see `Policy::teach`), so that the store never holds a
//! tag without its lesson or a lesson without its tag.

use super::policy::{Classroom, Example, Policy};
use super::{Result, Sqlite};
use rusqlite::{Connection, OptionalExtension, params};

/// A conversation's lessons, taught over the store's transaction.
pub(super) struct Room<'a> {
    pub conn: &'a Connection,
    pub conv: i64,
    pub at: i64,
    pub policy: &'a dyn Policy,
}

impl Classroom for Room<'_> {
    fn conversation(&self) -> i64 {
        self.conv
    }

    fn load_model(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        weights(self.conn, name)
    }

    fn save_model(&mut self, name: &str, weights: &[u8]) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO models (name, revision, weights, updated_at) VALUES (?1, 1, ?2, ?3)
                 ON CONFLICT (name) DO UPDATE SET revision = revision + 1, weights = ?2, updated_at = ?3",
            )?
            .execute(params![name, weights, self.at])?;
        Ok(())
    }

    fn inbound(&mut self, limit: usize) -> Result<Vec<Example>> {
        inbound(self.conn, self.conv, limit as i64)
    }

    fn ordinary(&mut self, n: usize, seed: u64) -> Result<Vec<Example>> {
        ordinary(self.conn, self.policy, self.conv, n, seed)
    }

    fn has_category(&mut self) -> Result<bool> {
        has_category(self.conn, self.policy, self.conv)
    }
}

fn weights(conn: &Connection, name: &str) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT weights FROM models WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?)
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

fn has_category(conn: &Connection, policy: &dyn Policy, conv: i64) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT tag FROM conversation_tags WHERE conv_id = ?1")?;
    let tags = stmt.query_map([conv], |r| r.get::<_, String>(0))?;
    for t in tags {
        if policy.is_category(&t?) {
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
    policy: &dyn Policy,
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
            if !taken.contains(&id) && !has_category(conn, policy, other)? {
                taken.insert(id);
                out.push((text, lang));
                break;
            }
        }
    }
    Ok(out)
}

pub(crate) fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Sqlite {
    /// A learned model's saved weights, if any.
    pub fn model_weights(&self, name: &str) -> Result<Option<Vec<u8>>> {
        weights(&self.conn, name)
    }

    /// Grows whenever a model is saved: what a cache of the models keys on.
    pub fn models_revision(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(SUM(revision), 0) FROM models", [], |r| {
                r.get(0)
            })?)
    }
}
