//! The store's side of learning (see `store::learning`): saved weights, and
//! a lesson's examples read inside the transaction of the change.

use super::conn::Conn;
use super::{Postgres, Result};
use crate::store::{Classroom, Example, Policy};

pub(super) struct Room<'a> {
    pub conn: &'a Conn,
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
        self.conn.execute(
            "INSERT INTO models (name, revision, weights, updated_at) VALUES ($1, 1, $2, $3)
             ON CONFLICT (name) DO UPDATE SET revision = models.revision + 1, weights = $2, updated_at = $3",
            &[&name, &weights, &self.at],
        )?;
        Ok(())
    }

    fn inbound(&mut self, limit: usize) -> Result<Vec<Example>> {
        examples(self.conn.query(
            "SELECT text, lang FROM messages WHERE conv_id = $1 AND direction = 'inbound'
                 ORDER BY created_at DESC, id DESC LIMIT $2",
            &[&self.conv, &(limit as i64)],
        )?)
    }

    fn ordinary(&mut self, n: usize, seed: u64) -> Result<Vec<Example>> {
        ordinary(self.conn, self.policy, self.conv, n, seed)
    }

    fn has_category(&mut self) -> Result<bool> {
        has_category(self.conn, self.policy, self.conv)
    }
}

fn examples(rows: Vec<tokio_postgres::Row>) -> Result<Vec<Example>> {
    rows.iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect()
}

fn weights(conn: &Conn, name: &str) -> Result<Option<Vec<u8>>> {
    conn.query_opt("SELECT weights FROM models WHERE name = $1", &[&name])?
        .map(|r| r.try_get(0))
        .transpose()
        .map_err(Into::into)
}

fn has_category(conn: &Conn, policy: &dyn Policy, conv: i64) -> Result<bool> {
    for r in conn.query(
        "SELECT tag FROM conversation_tags WHERE conv_id = $1",
        &[&conv],
    )? {
        if policy.is_category(&r.try_get::<_, String>(0)?) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Ordinary messages at reproducible pseudo-random places, as the embedded
/// store picks them (same seed, same places).
fn ordinary(
    conn: &Conn,
    policy: &dyn Policy,
    conv: i64,
    n: usize,
    seed: u64,
) -> Result<Vec<Example>> {
    let max: i64 = conn.value("SELECT COALESCE(MAX(id), 0) FROM messages", &[])?;
    if max == 0 {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut taken = std::collections::HashSet::new();
    let mut state = seed;
    for _ in 0..n * 3 {
        if out.len() >= n {
            break;
        }
        state = crate::store::learning::splitmix(state);
        let start = (state % max as u64) as i64 + 1;
        let rows = conn.query(
            "SELECT id, conv_id, text, lang FROM messages
             WHERE id >= $1 AND direction = 'inbound' AND conv_id <> $2 AND COALESCE(complaint, 0) < 0.3
             ORDER BY id LIMIT 8",
            &[&start, &conv],
        )?;
        for r in rows {
            let id: i64 = r.try_get(0)?;
            if !taken.contains(&id) && !has_category(conn, policy, r.try_get(1)?)? {
                taken.insert(id);
                out.push((r.try_get(2)?, r.try_get(3)?));
                break;
            }
        }
    }
    Ok(out)
}

impl Postgres {
    pub fn model_weights(&self, name: &str) -> Result<Option<Vec<u8>>> {
        weights(&self.conn, name)
    }

    pub fn models_revision(&self) -> Result<i64> {
        self.conn
            .value("SELECT COALESCE(SUM(revision), 0)::bigint FROM models", &[])
    }
}
