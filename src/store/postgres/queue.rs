//! The queue (see `store::queue`): conversations filtered and ordered for
//! work, paged from the server; full-text search with PostgreSQL's own
//! index (the `search` column: words, case and accents ignored).

use super::conversation::tone;
use super::{Postgres, Result, from_millis};
use crate::model::{Channel, ConversationSummary, CrisisLevel, Status};
use crate::store::{CrisisActivity, Info, NegativeMention, QueueFilter};
use std::collections::{BTreeMap, HashMap};
use tokio_postgres::types::ToSql;

type Param = Box<dyn ToSql + Sync + Send>;

/// What a person typed as a tsquery that cannot be a syntax error: the
/// words the embedded search finds (letters and digits), all required, the
/// last one as a prefix.
pub(super) fn ts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("'{w}'"))
        .collect();
    if words.is_empty() {
        return None;
    }
    Some(format!("{}:*", words.join(" & ")))
}

/// The WHERE clause of `filter` and its parameters ($1…).
pub(super) fn where_clause(filter: &QueueFilter) -> (String, Vec<Param>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut params: Vec<Param> = Vec::new();
    let bind = |params: &mut Vec<Param>, p: Param| -> String {
        params.push(p);
        format!("${}", params.len())
    };
    if let Some(c) = filter.channel {
        let p = bind(&mut params, Box::new(c.as_str().to_string()));
        clauses.push(format!("c.channel = {p}"));
    }
    if let Some(s) = filter.status {
        let p = bind(&mut params, Box::new(s.as_str().to_string()));
        clauses.push(format!("c.status = {p}"));
    }
    if let Some(level) = filter.crisis {
        let p = bind(&mut params, Box::new(level.as_str().to_string()));
        clauses.push(format!("c.crisis_level = {p}"));
    }
    match &filter.assignee {
        Some(Some(who)) => {
            let p = bind(&mut params, Box::new(who.clone()));
            clauses.push(format!("c.assignee = {p}"));
        }
        Some(None) => clauses.push("c.assignee IS NULL".into()),
        None => {}
    }
    if let Some(tag) = &filter.tag {
        let p = bind(&mut params, Box::new(crate::model::normalize_tag(tag)));
        clauses.push(format!(
            "EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conv_id = c.id AND t.tag = {p})"
        ));
    }
    if !filter.statuses.is_empty() {
        let list: Vec<String> = filter
            .statuses
            .iter()
            .map(|s| s.as_str().to_string())
            .collect();
        let p = bind(&mut params, Box::new(list));
        clauses.push(format!("c.status = ANY({p})"));
    }
    if !filter.crisis_any.is_empty() {
        let list: Vec<String> = filter
            .crisis_any
            .iter()
            .map(|s| s.as_str().to_string())
            .collect();
        let p = bind(&mut params, Box::new(list));
        clauses.push(format!("c.crisis_level = ANY({p})"));
    }
    if !filter.tags_any.is_empty() {
        let list: Vec<String> = filter
            .tags_any
            .iter()
            .map(|t| crate::model::normalize_tag(t))
            .collect();
        let p = bind(&mut params, Box::new(list));
        let tagged =
            format!("c.id IN (SELECT t.conv_id FROM conversation_tags t WHERE t.tag = ANY({p}))");
        clauses.push(match filter.or_complaint_at_least {
            Some(min) => {
                let m = bind(&mut params, Box::new(min));
                format!("({tagged} OR c.complaint >= {m})")
            }
            None => tagged,
        });
    }
    if let Some(tone) = filter.tone {
        let p = bind(&mut params, Box::new(tone.as_str().to_string()));
        clauses.push(format!("c.tone = {p}"));
    }
    if let Some(lang) = &filter.lang {
        let p = bind(&mut params, Box::new(lang.to_ascii_lowercase()));
        clauses.push(format!("c.lang = {p}"));
    }
    if let Some(ids) = &filter.ids {
        let p = bind(&mut params, Box::new(ids.clone()));
        clauses.push(format!("c.id = ANY({p})"));
    }
    if let Some(q) = filter.search.as_deref().map(ts_query) {
        match q {
            Some(q) => {
                let p = bind(&mut params, Box::new(q));
                clauses.push(format!(
                    "EXISTS (SELECT 1 FROM messages m WHERE m.conv_id = c.id
                        AND m.search @@ to_tsquery('palabre', {p}))"
                ));
            }
            None => clauses.push("FALSE".into()),
        }
    }
    let condition = if clauses.is_empty() {
        None
    } else {
        Some(clauses.join(" AND "))
    };
    let sql = match (condition, filter.pin_escalated) {
        (None, _) => String::new(),
        (Some(c), false) => format!("WHERE {c}"),
        (Some(c), true) => format!("WHERE (c.escalated AND c.status <> 'resolved') OR ({c})"),
    };
    (sql, params)
}

pub(super) fn refs(params: &[Param]) -> Vec<&(dyn ToSql + Sync)> {
    params
        .iter()
        .map(|p| p.as_ref() as &(dyn ToSql + Sync))
        .collect()
}

/// The queue's order.
pub(super) const ORDER: &str = "c.escalated DESC, c.priority DESC, c.last_activity, c.id";

impl Postgres {
    pub fn list(&self, filter: &QueueFilter) -> Result<Vec<ConversationSummary>> {
        let (where_sql, params) = where_clause(filter);
        let limit = if filter.limit == 0 {
            "ALL".to_string()
        } else {
            filter.limit.to_string()
        };
        let ids: Vec<i64> = self
            .conn
            .query(
                &format!(
                    "SELECT c.id FROM conversations c {where_sql} ORDER BY {ORDER}
                     LIMIT {limit} OFFSET {}",
                    filter.offset
                ),
                &refs(&params),
            )?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<std::result::Result<_, _>>()?;
        self.summaries(&ids)
    }

    pub fn position(&self, filter: &QueueFilter, id: i64) -> Result<Option<usize>> {
        let (where_sql, mut params) = where_clause(filter);
        let cond = if where_sql.is_empty() {
            "WHERE".to_string()
        } else {
            format!("{where_sql} AND")
        };
        params.push(Box::new(id));
        let n = params.len();
        let in_view = self.conn.query_opt(
            &format!(
                "SELECT c.escalated, c.priority, c.last_activity FROM conversations c {cond} c.id = ${n}"
            ),
            &refs(&params),
        )?;
        let Some(key) = in_view else {
            return Ok(None);
        };
        let (escalated, priority, last_activity): (bool, i64, i64) =
            (key.try_get(0)?, key.try_get(1)?, key.try_get(2)?);
        params.push(Box::new(escalated));
        params.push(Box::new(priority));
        params.push(Box::new(last_activity));
        let before: i64 = self.conn.value(
            &format!(
                "SELECT count(*) FROM conversations c {cond}
                 (c.escalated > ${e} OR (c.escalated = ${e} AND (c.priority > ${p}
                   OR (c.priority = ${p} AND (c.last_activity, c.id) < (${l}, ${n})))))",
                e = n + 1,
                p = n + 2,
                l = n + 3,
            ),
            &refs(&params),
        )?;
        Ok(Some(before.max(0) as usize))
    }

    pub fn count(&self, filter: &QueueFilter) -> Result<u64> {
        let (where_sql, params) = where_clause(filter);
        let n: i64 = self.conn.value(
            &format!("SELECT count(*) FROM conversations c {where_sql}"),
            &refs(&params),
        )?;
        Ok(n.max(0) as u64)
    }

    pub fn summaries(&self, ids: &[i64]) -> Result<Vec<ConversationSummary>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids = ids.to_vec();
        let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
        for r in self.conn.query(
            "SELECT conv_id, tag FROM conversation_tags WHERE conv_id = ANY($1) ORDER BY tag",
            &[&ids],
        )? {
            tags.entry(r.try_get(0)?).or_default().push(r.try_get(1)?);
        }
        let rows = self.conn.query(
            &format!(
                "SELECT c.id, c.channel, c.status, c.crisis_level, c.escalated, c.assignee, c.priority,
                        c.message_count, c.last_inbound_at, c.last_outbound_at, c.first_at,
                        c.last_activity, c.max_followers, m.author_handle, m.text, c.lang,
                        (SELECT count(*) FROM messages w WHERE w.conv_id = c.id AND w.direction = 'inbound'
                            AND w.created_at > COALESCE(c.last_outbound_at, -9223372036854775808)),
                        {WAITING_SINCE}, {PRIORITY_COLUMNS}
                 FROM conversations c LEFT JOIN messages m ON m.id = c.last_message_id
                 WHERE c.id = ANY($1)",
                WAITING_SINCE = super::priority::WAITING_SINCE,
                PRIORITY_COLUMNS = super::priority::PRIORITY_COLUMNS,
            ),
            &[&ids],
        )?;
        let policy = self.policy.as_ref();
        let now = self.now.unwrap_or_else(chrono::Utc::now);
        let mut by_id: HashMap<i64, ConversationSummary> = HashMap::new();
        for r in rows {
            let id: i64 = r.try_get(0)?;
            let since: Option<i64> = r.try_get(17)?;
            let inputs = super::priority::inputs(&r, 18, policy, since, now, true)?;
            let summary = ConversationSummary {
                id,
                channel: r.try_get::<_, String>(1)?.parse().unwrap_or(Channel::Other),
                status: r.try_get::<_, String>(2)?.parse().unwrap_or(Status::Open),
                tags: tags.remove(&id).unwrap_or_default(),
                crisis_level: r
                    .try_get::<_, String>(3)?
                    .parse()
                    .unwrap_or(CrisisLevel::None),
                escalated: r.try_get(4)?,
                assignee: r.try_get(5)?,
                priority: r.try_get(6)?,
                message_count: r.try_get::<_, i64>(7)?.max(0) as u64,
                unanswered: inputs.unanswered,
                first_at: from_millis(r.try_get(10)?),
                last_activity: from_millis(r.try_get(11)?),
                max_followers: r.try_get::<_, i64>(12)?.max(0) as u64,
                last_author: r.try_get::<_, Option<String>>(13)?.unwrap_or_default(),
                last_text: r.try_get::<_, Option<String>>(14)?.unwrap_or_default(),
                lang: r.try_get(15)?,
                waiting_count: r.try_get::<_, i64>(16)?.max(0) as u64,
                tone: tone(r.try_get(24)?),
                complaint: f64::from(inputs.complaint),
                danger: inputs.danger,
                reasons: policy.reasons(&inputs),
            };
            by_id.insert(id, summary);
        }
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    pub fn info(&self) -> Result<Info> {
        let messages: i64 = self.conn.value("SELECT count(*) FROM messages", &[])?;
        let conversations: i64 = self.conn.value("SELECT count(*) FROM conversations", &[])?;
        let group = |sql: &str| -> Result<BTreeMap<String, u64>> {
            let mut out = BTreeMap::new();
            for r in self.conn.query(sql, &[])? {
                out.insert(r.try_get(0)?, r.try_get::<_, i64>(1)?.max(0) as u64);
            }
            Ok(out)
        };
        Ok(Info {
            messages: messages.max(0) as u64,
            conversations: conversations.max(0) as u64,
            channels: group("SELECT channel, count(*) FROM messages GROUP BY channel")?,
            languages: group(
                "SELECT COALESCE(lower(split_part(replace(lang, '_', '-'), '-', 1)), 'und'), count(*)
                 FROM messages GROUP BY 1",
            )?,
            schema_version: self.schema_version()?,
        })
    }

    pub fn known_tags(&self) -> Result<Vec<String>> {
        self.strings(
            "SELECT tag FROM conversation_tags GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 200",
        )
    }

    pub fn known_languages(&self) -> Result<Vec<String>> {
        self.strings("SELECT DISTINCT lang FROM conversations WHERE lang IS NOT NULL ORDER BY lang")
    }

    pub fn known_assignees(&self) -> Result<Vec<String>> {
        self.strings(
            "SELECT DISTINCT assignee FROM conversations WHERE assignee IS NOT NULL ORDER BY assignee",
        )
    }

    fn strings(&self, sql: &str) -> Result<Vec<String>> {
        self.conn
            .query(sql, &[])?
            .iter()
            .map(|r| r.try_get(0).map_err(Into::into))
            .collect()
    }

    pub fn last_message_row(&self) -> Result<i64> {
        self.conn
            .value("SELECT COALESCE(MAX(id), 0) FROM messages", &[])
    }

    pub fn crisis_activity(&self) -> Result<CrisisActivity> {
        let flagged = "SELECT id FROM conversations WHERE crisis_level <> 'none'";
        let latest: Option<i64> = self.conn.value(
            &format!(
                "SELECT MAX(created_at) FROM messages WHERE direction = 'inbound' AND conv_id IN ({flagged})"
            ),
            &[],
        )?;
        let Some(latest) = latest else {
            return Ok(CrisisActivity::default());
        };
        const HOUR: i64 = 3_600_000;
        let start = latest - 47 * HOUR - latest.rem_euclid(HOUR);
        let mut hourly = vec![0u64; 48];
        for r in self.conn.query(
            &format!(
                "SELECT (created_at - $1) / {HOUR}, count(*) FROM messages
                 WHERE direction = 'inbound' AND created_at >= $1 AND conv_id IN ({flagged}) GROUP BY 1"
            ),
            &[&start],
        )? {
            let slot: i64 = r.try_get(0)?;
            if let Some(cell) = usize::try_from(slot).ok().and_then(|s| hourly.get_mut(s)) {
                *cell = r.try_get::<_, i64>(1)?.max(0) as u64;
            }
        }
        let top_authors = self
            .conn
            .query(
                &format!(
                    "SELECT author_handle, MAX(COALESCE(author_followers, 0)) AS f FROM messages
                     WHERE direction = 'inbound' AND conv_id IN ({flagged})
                     GROUP BY author_handle ORDER BY f DESC, author_handle LIMIT 5"
                ),
                &[],
            )?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get::<_, i64>(1)?.max(0) as u64)))
            .collect::<Result<Vec<_>>>()?;
        Ok(CrisisActivity {
            hourly,
            from: chrono::DateTime::from_timestamp_millis(start),
            top_authors,
        })
    }

    pub fn negative_mentions(
        &self,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<NegativeMention>> {
        self.conn
            .query(
                "SELECT conv_id, created_at, COALESCE(author_followers, 0), author_verified, text FROM messages
                 WHERE direction = 'inbound' AND created_at >= $1 AND (tone = 'negative' OR complaint >= 0.5)
                 ORDER BY created_at, id",
                &[&since.timestamp_millis()],
            )?
            .iter()
            .map(|r| {
                Ok(NegativeMention {
                    conv_id: r.try_get(0)?,
                    at: from_millis(r.try_get(1)?),
                    followers: r.try_get::<_, i64>(2)?.max(0) as u64,
                    verified: r.try_get(3)?,
                    text: r.try_get(4)?,
                })
            })
            .collect()
    }

    pub fn latest_message_at(&self) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        let t: Option<i64> = self
            .conn
            .value("SELECT MAX(last_activity) FROM conversations", &[])?;
        Ok(t.map(from_millis))
    }

    pub fn crisis_dismissed(&self, conv: i64) -> Result<bool> {
        self.conn.value(
            "SELECT EXISTS (SELECT 1 FROM events WHERE conv_id = $1 AND kind = 'crisis_flag'
                 AND payload::jsonb ->> 'to' = 'none' AND payload::jsonb ->> 'rule' IS NULL)",
            &[&conv],
        )
    }
}
