//! The queue: conversations filtered and ordered for work, paged from the
//! store (never loaded whole).

use super::{Result, Sqlite, from_millis};
use crate::model::{Channel, ConversationSummary, CrisisLevel, Status};
use rusqlite::OptionalExtension;
use rusqlite::types::Value as SqlValue;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueFilter {
    pub channel: Option<Channel>,
    pub status: Option<Status>,
    pub tag: Option<String>,
    pub crisis: Option<CrisisLevel>,
    /// `Some(None)` asks for unassigned conversations.
    pub assignee: Option<Option<String>>,
    pub search: Option<String>,
    /// Any of these statuses (empty: any status).
    pub statuses: Vec<Status>,
    /// Any of these crisis levels (empty: any level).
    pub crisis_any: Vec<CrisisLevel>,
    /// At least one of these tags (empty: no condition).
    pub tags_any: Vec<String>,
    /// With `tags_any`: also conversations whose complaint score reaches this.
    pub or_complaint_at_least: Option<f64>,
    /// The conversation's language (primary subtag, e.g. `fr`).
    pub lang: Option<String>,
    /// The tone of the latest inbound message.
    pub tone: Option<crate::model::Tone>,
    /// Exactly these conversations (a figure of the stats view, opened).
    pub ids: Option<Vec<i64>>,
    /// Escalated conversations not yet resolved appear whatever the filter.
    pub pin_escalated: bool,
    pub limit: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Info {
    pub messages: u64,
    pub conversations: u64,
    pub channels: BTreeMap<String, u64>,
    pub languages: BTreeMap<String, u64>,
    pub schema_version: i64,
}

/// Turns what a person typed into an FTS5 query that cannot be a syntax
/// error: every word is a quoted phrase, all must match, the last one as a
/// prefix so results come while typing.
pub fn fts_query(input: &str) -> Option<String> {
    fts_words(input).map(|q| q + "*")
}

/// The same query with every word whole (no prefix).
pub(super) fn fts_words(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '@' && c != '#')
        .flat_map(|w| w.split(['\'', '@', '#']))
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl Sqlite {
    /// Before a search: the index catches up on what other processes (or a
    /// crash between the store's commit and the index's) left unindexed.
    /// It waits a little for another process's import; if that one still
    /// holds the index, the search runs on what is indexed.
    fn search_ready(&self, filter: &QueueFilter) -> Result<()> {
        if filter.search.is_none() {
            return Ok(());
        }
        self.search_caught_up()
    }

    /// The search index caught up before a read that goes through it.
    pub(super) fn search_caught_up(&self) -> Result<()> {
        self.settle_search();
        if self.search.behind(&self.conn)? {
            self.search
                .catch_up(&self.conn, std::time::Duration::from_millis(300))?;
        }
        Ok(())
    }

    /// Why the search index could not follow the last import, if it could
    /// not (the import itself is committed).
    pub fn search_lag(&self) -> Option<String> {
        self.settle_search();
        self.search_lag.borrow().clone()
    }

    /// Conversations matching `filter`, escalated first, then by priority,
    /// then the longest waiting.
    pub fn list(&self, filter: &QueueFilter) -> Result<Vec<ConversationSummary>> {
        self.search_ready(filter)?;
        self.reading_mapped(filter.search.is_some(), || self.list_ready(filter))
    }

    fn list_ready(&self, filter: &QueueFilter) -> Result<Vec<ConversationSummary>> {
        let plan = if filter.limit > 0 {
            self.search_plan(filter)?
        } else {
            SearchPlan::Gather
        };
        let (where_sql, params) = where_clause_with(filter, plan);
        let limit = if filter.limit == 0 {
            -1
        } else {
            filter.limit as i64
        };
        let sql = format!(
            "SELECT c.id FROM conversations c {where_sql}
             ORDER BY c.escalated DESC, c.priority DESC, c.last_activity, c.id
             LIMIT {limit} OFFSET {}",
            filter.offset
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let ids = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                r.get::<_, i64>(0)
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        self.summaries(&ids)
    }

    /// Where conversation `id` stands in the ordered view, if it is in it.
    pub fn position(&self, filter: &QueueFilter, id: i64) -> Result<Option<usize>> {
        self.search_ready(filter)?;
        self.reading_mapped(filter.search.is_some(), || self.position_ready(filter, id))
    }

    fn position_ready(&self, filter: &QueueFilter, id: i64) -> Result<Option<usize>> {
        let (where_sql, mut params) = where_clause(filter);
        let key: Option<(i64, i64, i64)> = self
            .conn
            .query_row(
                "SELECT escalated, priority, last_activity FROM conversations WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((escalated, priority, last_activity)) = key else {
            return Ok(None);
        };
        let in_view: bool = {
            let cond = if where_sql.is_empty() {
                "WHERE".to_string()
            } else {
                format!("{where_sql} AND")
            };
            params.push(id.into());
            let sql = format!(
                "SELECT EXISTS (SELECT 1 FROM conversations c {cond} c.id = ?{})",
                params.len()
            );
            self.conn
                .prepare_cached(&sql)?
                .query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?
        };
        if !in_view {
            return Ok(None);
        }
        params.pop();
        let cond = if where_sql.is_empty() {
            "WHERE".to_string()
        } else {
            format!("{where_sql} AND")
        };
        let n = params.len();
        params.extend([
            (-escalated).into(),
            (-priority).into(),
            last_activity.into(),
            id.into(),
        ]);
        let sql = format!(
            "SELECT count(*) FROM conversations c {cond}
             (-c.escalated, -c.priority, c.last_activity, c.id) < (?{}, ?{}, ?{}, ?{})",
            n + 1,
            n + 2,
            n + 3,
            n + 4
        );
        let before: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?;
        Ok(Some(before.max(0) as usize))
    }

    pub fn count(&self, filter: &QueueFilter) -> Result<u64> {
        self.search_ready(filter)?;
        let (where_sql, params) = where_clause(filter);
        let sql = format!("SELECT count(*) FROM conversations c {where_sql}");
        let n: i64 = self.reading_mapped(filter.search.is_some(), || {
            Ok(self
                .conn
                .prepare_cached(&sql)?
                .query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?)
        })?;
        Ok(n as u64)
    }

    /// Summaries of the given conversations, in the given order.
    pub fn summaries(&self, ids: &[i64]) -> Result<Vec<ConversationSummary>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = ids
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
        {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT conv_id, tag FROM conversation_tags WHERE conv_id IN ({list}) ORDER BY tag"
            ))?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (id, tag) = row?;
                tags.entry(id).or_default().push(tag);
            }
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT c.id, c.channel, c.status, c.crisis_level, c.escalated, c.assignee, c.priority,
                    c.message_count, c.last_inbound_at, c.last_outbound_at, c.first_at,
                    c.last_activity, c.max_followers, m.author_handle, m.text, c.lang,
                    (SELECT count(*) FROM messages w WHERE w.conv_id = c.id AND w.direction = 'inbound'
                        AND w.created_at > COALESCE(c.last_outbound_at, -9223372036854775808)),
                    c.tone, c.inbound_count, c.complaint, {}, c.danger, c.boost
             FROM conversations c LEFT JOIN messages m ON m.id = c.last_message_id
             WHERE c.id IN ({list})",
            super::priority::WAITING_SINCE
        ))?;
        let policy = self.policy.as_ref();
        let now = self.now.unwrap_or_else(chrono::Utc::now);
        let mut by_id: HashMap<i64, ConversationSummary> = HashMap::new();
        let rows = stmt.query_map([], |r| {
            let inbound: Option<i64> = r.get(8)?;
            let outbound: Option<i64> = r.get(9)?;
            Ok(ConversationSummary {
                id: r.get(0)?,
                channel: r.get::<_, String>(1)?.parse().unwrap_or(Channel::Other),
                status: r.get::<_, String>(2)?.parse().unwrap_or(Status::Open),
                tags: Vec::new(),
                crisis_level: r.get::<_, String>(3)?.parse().unwrap_or(CrisisLevel::None),
                escalated: r.get(4)?,
                assignee: r.get(5)?,
                priority: r.get(6)?,
                message_count: r.get::<_, i64>(7)?.max(0) as u64,
                unanswered: crate::model::unanswered(inbound, outbound),
                first_at: from_millis(r.get(10)?),
                last_activity: from_millis(r.get(11)?),
                max_followers: r.get::<_, i64>(12)?.max(0) as u64,
                last_author: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
                last_text: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
                lang: r.get(15)?,
                waiting_count: r.get::<_, i64>(16)?.max(0) as u64,
                // A tone this version does not know reads as none.
                tone: r
                    .get::<_, Option<String>>(17)?
                    .and_then(|t| t.parse::<crate::model::Tone>().ok()),
                complaint: r.get::<_, f64>(19).unwrap_or(0.0),
                danger: r.get(21).unwrap_or(false),
                reasons: Vec::new(),
            })
            .map(|mut summary| {
                summary.reasons = policy.reasons(&crate::model::PriorityInputs {
                    status: summary.status,
                    crisis: summary.crisis_level,
                    unanswered: summary.unanswered,
                    max_followers: summary.max_followers,
                    inbound_count: r.get::<_, i64>(18).unwrap_or(0).max(0) as u64,
                    negative: summary.tone == Some(crate::model::Tone::Negative),
                    complaint: summary.complaint as f32,
                    danger: summary.danger,
                    quiet_secs: super::priority::quiet_secs(r.get(8).unwrap_or(None), now),
                    overdue: super::priority::overdue(
                        policy,
                        summary.channel,
                        r.get(20).unwrap_or(None),
                        now,
                        true,
                    ),
                    boost: r.get(22).unwrap_or(0),
                });
                summary
            })
        })?;
        for row in rows {
            let mut s = row?;
            s.tags = tags.remove(&s.id).unwrap_or_default();
            by_id.insert(s.id, s);
        }
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    pub fn info(&self) -> Result<Info> {
        let messages: i64 = self
            .conn
            .query_row("SELECT count(*) FROM messages", [], |r| r.get(0))?;
        let conversations: i64 =
            self.conn
                .query_row("SELECT count(*) FROM conversations", [], |r| r.get(0))?;
        let group = |sql: &str| -> Result<BTreeMap<String, u64>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
            let mut out = BTreeMap::new();
            for row in rows {
                let (k, n) = row?;
                out.insert(k, n.max(0) as u64);
            }
            Ok(out)
        };
        Ok(Info {
            messages: messages.max(0) as u64,
            conversations: conversations.max(0) as u64,
            channels: group("SELECT channel, count(*) FROM messages GROUP BY channel")?,
            languages: group(
                "SELECT COALESCE(lower(substr(replace(lang, '_', '-'), 1, instr(replace(lang, '_', '-') || '-', '-') - 1)), 'und'), count(*)
                 FROM messages GROUP BY 1",
            )?,
            schema_version: self.schema_version()?,
        })
    }
}

/// How a search finds its conversations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum SearchPlan {
    /// The matching messages' conversations, gathered then sorted: the
    /// cost follows the number of matches.
    Gather,
    /// The queue in its order, keeping the conversations with a matching
    /// message until the page is full: for words in a large share of the
    /// messages, whose conversations would take long to gather and sort.
    Walk,
}

/// From this many matching messages on, a page of results walks the queue.
const WALK_FROM_HITS: i64 = 5_000;

impl Sqlite {
    pub(super) fn search_plan(&self, filter: &QueueFilter) -> Result<SearchPlan> {
        let Some(Some(q)) = filter.search.as_deref().map(fts_query) else {
            return Ok(SearchPlan::Gather);
        };
        let mut count = self.conn.prepare_cached(
            "SELECT count(*) FROM (SELECT 1 FROM search.messages_fts
             WHERE messages_fts MATCH ?1 LIMIT ?2)",
        )?;
        let mut many = |q: &str| -> Result<bool> {
            let hits: i64 = count.query_row(rusqlite::params![q, WALK_FROM_HITS], |r| r.get(0))?;
            Ok(hits >= WALK_FROM_HITS)
        };
        // The last word as a whole word first: its matches come as they
        // are read, while a prefix merges every word it begins before the
        // first (50 ms for "the" on a million messages).
        let whole = q.strip_suffix('*').unwrap_or(&q);
        Ok(if many(whole)? || many(&q)? {
            SearchPlan::Walk
        } else {
            SearchPlan::Gather
        })
    }
}

pub(super) fn where_clause(filter: &QueueFilter) -> (String, Vec<SqlValue>) {
    where_clause_with(filter, SearchPlan::Gather)
}

fn where_clause_with(filter: &QueueFilter, plan: SearchPlan) -> (String, Vec<SqlValue>) {
    let mut clauses = Vec::new();
    let mut params: Vec<SqlValue> = Vec::new();
    if let Some(c) = filter.channel {
        params.push(c.as_str().to_string().into());
        clauses.push(format!("c.channel = ?{}", params.len()));
    }
    if let Some(s) = filter.status {
        params.push(s.as_str().to_string().into());
        clauses.push(format!("c.status = ?{}", params.len()));
    }
    if let Some(level) = filter.crisis {
        params.push(level.as_str().to_string().into());
        clauses.push(format!("c.crisis_level = ?{}", params.len()));
    }
    match &filter.assignee {
        Some(Some(who)) => {
            params.push(who.clone().into());
            clauses.push(format!("c.assignee = ?{}", params.len()));
        }
        Some(None) => clauses.push("c.assignee IS NULL".into()),
        None => {}
    }
    if let Some(tag) = &filter.tag {
        params.push(crate::model::normalize_tag(tag).into());
        clauses.push(format!(
            "EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conv_id = c.id AND t.tag = ?{})",
            params.len()
        ));
    }
    let mut list = |column: &str, values: Vec<String>, params: &mut Vec<SqlValue>| {
        if values.is_empty() {
            return;
        }
        let start = params.len() + 1;
        params.extend(values.into_iter().map(SqlValue::from));
        let marks: Vec<String> = (start..=params.len()).map(|i| format!("?{i}")).collect();
        clauses.push(format!("{column} IN ({})", marks.join(", ")));
    };
    list(
        "c.status",
        filter
            .statuses
            .iter()
            .map(|s| s.as_str().to_string())
            .collect(),
        &mut params,
    );
    list(
        "c.crisis_level",
        filter
            .crisis_any
            .iter()
            .map(|s| s.as_str().to_string())
            .collect(),
        &mut params,
    );
    list(
        "c.id IN (SELECT t.conv_id FROM conversation_tags t WHERE t.tag",
        filter
            .tags_any
            .iter()
            .map(|t| crate::model::normalize_tag(t))
            .collect(),
        &mut params,
    );
    if !filter.tags_any.is_empty()
        && let Some(last) = clauses.last_mut()
    {
        last.push(')');
        // Or what triage reads as a complaint, tagged or not yet.
        if let Some(min) = filter.or_complaint_at_least {
            *last = format!("({last} OR c.complaint >= {min})");
        }
    }
    if let Some(tone) = filter.tone {
        params.push(tone.as_str().to_string().into());
        clauses.push(format!("c.tone = ?{}", params.len()));
    }
    if let Some(lang) = &filter.lang {
        params.push(lang.to_ascii_lowercase().into());
        clauses.push(format!("c.lang = ?{}", params.len()));
    }
    if let Some(ids) = &filter.ids {
        // One JSON parameter, whatever the number of conversations.
        params.push(
            serde_json::to_string(ids)
                .unwrap_or_else(|_| "[]".into())
                .into(),
        );
        clauses.push(format!(
            "c.id IN (SELECT value FROM json_each(?{}))",
            params.len()
        ));
    }
    if let Some(q) = filter.search.as_deref().map(fts_query) {
        match q {
            Some(q) => {
                params.push(q.into());
                let hits = format!(
                    "(SELECT rowid FROM search.messages_fts WHERE messages_fts MATCH ?{})",
                    params.len()
                );
                clauses.push(match plan {
                    SearchPlan::Gather => format!(
                        "c.id IN (SELECT m.conv_id FROM messages m INDEXED BY messages_id_conv
                            WHERE m.id IN {hits})"
                    ),
                    SearchPlan::Walk => format!(
                        "EXISTS (SELECT 1 FROM messages m INDEXED BY messages_conv
                            WHERE m.conv_id = c.id AND m.id IN {hits})"
                    ),
                });
            }
            None => clauses.push("0".into()),
        }
    }
    let condition = if clauses.is_empty() {
        None
    } else {
        Some(clauses.join(" AND "))
    };
    match (condition, filter.pin_escalated) {
        (None, _) => (String::new(), params),
        (Some(c), false) => (format!("WHERE {c}"), params),
        (Some(c), true) => (
            format!("WHERE (c.escalated = 1 AND c.status != 'resolved') OR ({c})"),
            params,
        ),
    }
}

/// What the crisis pane shows: activity in flagged conversations.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CrisisActivity {
    /// Inbound messages per hour over the 48 hours before the latest one.
    pub hourly: Vec<u64>,
    /// When the first hour of `hourly` begins.
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    pub top_authors: Vec<(String, u64)>,
}

impl Sqlite {
    /// Tags in use, most used first.
    pub fn known_tags(&self) -> Result<Vec<String>> {
        self.strings(
            "SELECT tag FROM conversation_tags GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 200",
        )
    }

    pub fn known_languages(&self) -> Result<Vec<String>> {
        self.strings("SELECT DISTINCT lang FROM conversations WHERE lang IS NOT NULL ORDER BY lang")
    }

    pub fn known_assignees(&self) -> Result<Vec<String>> {
        self.strings("SELECT DISTINCT assignee FROM conversations WHERE assignee IS NOT NULL ORDER BY assignee")
    }

    fn strings(&self, sql: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// The newest message row: messages above it arrived later.
    pub fn last_message_row(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM messages", [], |r| {
                r.get(0)
            })?)
    }

    pub fn crisis_activity(&self) -> Result<CrisisActivity> {
        let flagged = "SELECT id FROM conversations WHERE crisis_level != 'none'";
        let latest: Option<i64> = self.conn.query_row(
            &format!("SELECT MAX(created_at) FROM messages WHERE direction = 'inbound' AND conv_id IN ({flagged})"),
            [],
            |r| r.get(0),
        )?;
        let Some(latest) = latest else {
            return Ok(CrisisActivity::default());
        };
        const HOUR: i64 = 3_600_000;
        let start = latest - 47 * HOUR - (latest % HOUR);
        let mut hourly = vec![0u64; 48];
        {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT (created_at - ?1) / {HOUR}, count(*) FROM messages
                 WHERE direction = 'inbound' AND created_at >= ?1 AND conv_id IN ({flagged}) GROUP BY 1"
            ))?;
            let rows =
                stmt.query_map([start], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
            for row in rows {
                let (slot, n) = row?;
                if let Some(cell) = usize::try_from(slot).ok().and_then(|s| hourly.get_mut(s)) {
                    *cell = n.max(0) as u64;
                }
            }
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT author_handle, MAX(COALESCE(author_followers, 0)) AS f FROM messages
             WHERE direction = 'inbound' AND conv_id IN ({flagged})
             GROUP BY author_handle ORDER BY f DESC LIMIT 5"
        ))?;
        let top_authors = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as u64))
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(CrisisActivity {
            hourly,
            from: chrono::DateTime::from_timestamp_millis(start),
            top_authors,
        })
    }
}

/// A negative inbound mention, for the crisis detector.
pub struct NegativeMention {
    pub conv_id: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub followers: u64,
    pub verified: bool,
    pub text: String,
}

impl Sqlite {
    /// Inbound messages that read as negative or as complaints, oldest
    /// first, since `since`.
    pub fn negative_mentions(
        &self,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<NegativeMention>> {
        let mut stmt = self.conn.prepare(
            "SELECT conv_id, created_at, COALESCE(author_followers, 0), author_verified, text FROM messages
             WHERE direction = 'inbound' AND created_at >= ?1 AND (tone = 'negative' OR complaint >= 0.5)
             ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map([super::to_millis(since)], |r| {
            Ok(NegativeMention {
                conv_id: r.get(0)?,
                at: from_millis(r.get(1)?),
                followers: r.get::<_, i64>(2)?.max(0) as u64,
                verified: r.get(3)?,
                text: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// The newest message time, if any.
    pub fn latest_message_at(&self) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        let t: Option<i64> = self
            .conn
            // The conversations' latest activity is the same instant
            // from a table a fraction of the size.
            .query_row("SELECT MAX(last_activity) FROM conversations", [], |r| {
                r.get(0)
            })?;
        Ok(t.map(from_millis))
    }

    /// Whether a person has set this conversation's crisis level by hand to
    /// `none` after a rule flagged it: a dismissal the detector respects.
    pub fn crisis_dismissed(&self, conv: i64) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM events WHERE conv_id = ?1 AND kind = 'crisis_flag'
                 AND json_extract(payload, '$.to') = 'none' AND json_extract(payload, '$.rule') IS NULL)",
            [conv],
            |r| r.get(0),
        )?)
    }
}
