//! The numbers of a report, computed from the store's facts for a period.
//! Every figure a report or the stats view shows comes from `Report`, so
//! they agree by construction. Definitions are in the README ("Analytics").

use super::hours::BusinessHours;
use crate::config::SlaSection;
use crate::model::{AnalyticsFacts, Channel, ConversationFacts, Direction, EventKind, Status};
use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A half-open interval [from, to).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Stats {
    pub count: u64,
    /// Whole seconds; none when there is nothing to measure.
    pub median: Option<i64>,
    pub p90: Option<i64>,
    pub mean: Option<i64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Sentiment {
    pub negative: u64,
    pub neutral: u64,
    pub positive: u64,
}

impl Sentiment {
    fn add(&mut self, tone: Option<i8>) {
        match tone {
            Some(t) if t < 0 => self.negative += 1,
            Some(0) => self.neutral += 1,
            Some(_) => self.positive += 1,
            None => {}
        }
    }

    pub fn total(&self) -> u64 {
        self.negative + self.neutral + self.positive
    }

    /// Negative messages ÷ messages with a tone, 0…1.
    pub fn negative_share(&self) -> Option<f64> {
        (self.total() > 0).then(|| ratio(self.negative, self.total()))
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Engagement {
    /// Our replies in the period (by people and by rules).
    pub replies: u64,
    pub likes: u64,
    pub shares: u64,
    /// Replies our replies received.
    pub comments: u64,
    /// likes + shares + comments.
    pub engagements: u64,
    /// Mean over our replies whose account's follower count is known of
    /// engagements ÷ followers × 100.
    pub rate: Option<f64>,
    #[serde(skip)]
    rate_sum: f64,
    #[serde(skip)]
    rate_n: u64,
}

/// The same figures overall and for each channel, tag, assignee, language.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Conversations with an inbound message in the period.
    pub conversations: u64,
    pub received: u64,
    /// Our messages in the period, automated ones included.
    pub sent: u64,
    pub sent_automated: u64,
    /// Inbound messages of the period that one of our people replied to after.
    pub answered: u64,
    /// answered ÷ received, 0…1.
    pub response_rate: Option<f64>,
    pub first_response_seconds: Stats,
    pub next_reply_seconds: Stats,
    pub resolution_seconds: Stats,
    /// Conversations started in the period whose first-response target has
    /// been met or missed (the others are still within it).
    pub sla_checked: u64,
    pub sla_breaches: u64,
    pub sentiment: Sentiment,
    /// Inbound messages triage read as complaints (score ≥ 0.5).
    pub complaints: u64,
    pub engagement: Engagement,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Day {
    pub date: NaiveDate,
    pub received: u64,
    pub sent: u64,
    pub by_channel: BTreeMap<String, u64>,
    pub sentiment: Sentiment,
    /// Conversations with an inbound message that day, in ascending order.
    #[serde(skip)]
    pub conversations: Vec<i64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Hour {
    pub hour: u32,
    pub received: u64,
    pub sent: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Bucket {
    /// A stable name for machines (JSON, CSV); people read the bounds below
    /// in their language.
    pub label: String,
    pub count: u64,
    /// The range in seconds: from (0: the first), to (None: no end).
    #[serde(skip)]
    pub from: i64,
    #[serde(skip)]
    pub to: Option<i64>,
    /// Whether `to` belongs to this range (first responses) or to the next
    /// one (the backlog's ages).
    #[serde(skip)]
    pub to_included: bool,
    #[serde(skip)]
    pub conversations: BTreeSet<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breach {
    pub conversation: i64,
    pub channel: String,
    pub first_inbound_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    /// None: never answered.
    pub responded_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Category {
    pub tag: String,
    pub conversations: u64,
    #[serde(skip)]
    pub ids: BTreeSet<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrisisMoment {
    pub at: DateTime<Utc>,
    pub conversation: i64,
    pub kind: String,
    pub actor: String,
    /// The level set, or whom it was escalated to.
    pub detail: String,
    pub reason: String,
    /// The crisis detector's reason as values, when it set the level.
    #[serde(skip)]
    pub alert: Option<crate::model::DetectorAlert>,
    /// Inbound messages in the hour before and the hour after.
    pub inbound_hour_before: u64,
    pub inbound_hour_after: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountGrowth {
    pub channel: String,
    pub handle: String,
    pub start: u64,
    pub end: u64,
    pub net: i64,
    /// net ÷ start × 100.
    pub growth_rate: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Audience {
    pub accounts: Vec<AccountGrowth>,
    /// Σ net ÷ Σ start × 100 over the accounts above.
    pub growth_rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Author {
    pub channel: String,
    pub handle: String,
    pub followers: u64,
    pub verified: bool,
    pub messages: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Workload {
    pub person: String,
    pub replies: u64,
    pub tags: u64,
    pub status_changes: u64,
    pub assignments: u64,
    pub crisis_flags: u64,
    pub escalations: u64,
    pub notes: u64,
    /// Conversations of the period assigned to them now.
    pub assigned: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodInfo {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub timezone: String,
    /// The business hours in words for machines (English, stable); people
    /// read `open` in their language.
    pub business_hours: String,
    #[serde(skip)]
    pub open: OpenTimes,
}

/// When the business is open, as values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OpenTimes {
    pub always: bool,
    pub days: Vec<chrono::Weekday>,
    /// Seconds after midnight.
    pub opens: u32,
    pub closes: u32,
    pub holidays: usize,
}

impl OpenTimes {
    pub fn of(sla: &SlaSection) -> OpenTimes {
        OpenTimes {
            always: BusinessHours::from_config(sla).always_open(),
            days: sla.days.clone(),
            opens: sla.hours.open,
            closes: sla.hours.close,
            holidays: sla.holidays.len(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub period: PeriodInfo,
    pub generated_at: DateTime<Utc>,
    #[serde(flatten)]
    pub overall: Summary,
    pub by_channel: BTreeMap<String, Summary>,
    pub by_tag: BTreeMap<String, Summary>,
    pub by_assignee: BTreeMap<String, Summary>,
    pub by_lang: BTreeMap<String, Summary>,
    pub days: Vec<Day>,
    pub hours: Vec<Hour>,
    pub response_time_distribution: Vec<Bucket>,
    pub sla_breach_list: Vec<Breach>,
    pub backlog: Vec<Bucket>,
    pub categories: Vec<Category>,
    pub crisis: Vec<CrisisMoment>,
    pub audience: Audience,
    pub top_authors: Vec<Author>,
    pub workload: Vec<Workload>,
}

/// What one conversation contributes to the period.
#[derive(Default)]
struct Contribution {
    active: bool,
    received: u64,
    sent: u64,
    sent_automated: u64,
    answered: u64,
    first_response: Option<i64>,
    first: Option<FirstResponse>,
    next_replies: Vec<i64>,
    resolution: Option<i64>,
    sla: Option<bool>,
    sentiment: Sentiment,
    complaints: u64,
    engagement: Engagement,
}

#[derive(Default)]
struct Acc {
    summary: Summary,
    first: Vec<i64>,
    next: Vec<i64>,
    resolution: Vec<i64>,
}

impl Acc {
    fn add(&mut self, c: &Contribution) {
        let s = &mut self.summary;
        s.conversations += u64::from(c.active);
        s.received += c.received;
        s.sent += c.sent;
        s.sent_automated += c.sent_automated;
        s.answered += c.answered;
        if let Some(breached) = c.sla {
            s.sla_checked += 1;
            s.sla_breaches += u64::from(breached);
        }
        s.sentiment.negative += c.sentiment.negative;
        s.sentiment.neutral += c.sentiment.neutral;
        s.sentiment.positive += c.sentiment.positive;
        s.complaints += c.complaints;
        let (e, f) = (&mut s.engagement, &c.engagement);
        e.replies += f.replies;
        e.likes += f.likes;
        e.shares += f.shares;
        e.comments += f.comments;
        e.engagements += f.engagements;
        e.rate_sum += f.rate_sum;
        e.rate_n += f.rate_n;
        self.first.extend(c.first_response);
        self.next.extend(&c.next_replies);
        self.resolution.extend(c.resolution);
    }

    fn finish(mut self) -> Summary {
        let s = &mut self.summary;
        s.response_rate = (s.received > 0).then(|| round4(ratio(s.answered, s.received)));
        s.first_response_seconds = stats(&mut self.first);
        s.next_reply_seconds = stats(&mut self.next);
        s.resolution_seconds = stats(&mut self.resolution);
        s.engagement.rate = (s.engagement.rate_n > 0)
            .then(|| round4(s.engagement.rate_sum / s.engagement.rate_n as f64));
        self.summary
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    a as f64 / b as f64
}

/// Rates are kept to four decimals so that every format prints the same number.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Median, 90th percentile (linear interpolation between closest ranks) and
/// mean, rounded to whole seconds.
pub fn stats(values: &mut [i64]) -> Stats {
    if values.is_empty() {
        return Stats::default();
    }
    values.sort_unstable();
    let q = |p: f64| -> i64 {
        let pos = p * (values.len() - 1) as f64;
        let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
        let v = values[lo] as f64 + (values[hi] - values[lo]) as f64 * (pos - lo as f64);
        v.round() as i64
    };
    let mean = values.iter().map(|v| *v as f64).sum::<f64>() / values.len() as f64;
    Stats {
        count: values.len() as u64,
        median: Some(q(0.5)),
        p90: Some(q(0.9)),
        mean: Some(mean.round() as i64),
    }
}

/// First-response time buckets: upper bounds in seconds.
const RESPONSE_BUCKETS: &[(i64, &str)] = &[
    (15 * 60, "≤ 15 min"),
    (3600, "15–60 min"),
    (4 * 3600, "1–4 h"),
    (24 * 3600, "4–24 h"),
    (3 * 86_400, "1–3 days"),
    (i64::MAX, "> 3 days"),
];

const BACKLOG_BUCKETS: &[(i64, &str)] = &[
    (3600, "< 1 h"),
    (4 * 3600, "1–4 h"),
    (24 * 3600, "4–24 h"),
    (3 * 86_400, "1–3 days"),
    (7 * 86_400, "3–7 days"),
    (i64::MAX, "≥ 7 days"),
];

fn bucket_index(buckets: &[(i64, &str)], secs: i64, inclusive: bool) -> usize {
    buckets
        .iter()
        .position(|(limit, _)| {
            if inclusive {
                secs <= *limit
            } else {
                secs < *limit
            }
        })
        .unwrap_or(buckets.len() - 1)
}

fn empty_buckets(buckets: &[(i64, &str)], to_included: bool) -> Vec<Bucket> {
    buckets
        .iter()
        .enumerate()
        .map(|(i, (limit, label))| Bucket {
            label: (*label).to_string(),
            from: if i == 0 { 0 } else { buckets[i - 1].0 },
            to: (*limit != i64::MAX).then_some(*limit),
            to_included,
            ..Bucket::default()
        })
        .collect()
}

/// (channel, handle) of an inbound author, borrowed from the facts.
type AuthorKey<'a> = (Channel, &'a str);
/// (most followers seen, verified, messages in the period).
type AuthorReach = (u64, bool, u64);

fn channel_index(channel: Channel) -> usize {
    Channel::ALL.iter().position(|c| *c == channel).unwrap_or(0)
}

/// Actors that are rules, not people (their names are in parentheses).
fn is_rule(actor: &str) -> bool {
    actor.contains('(') && actor.ends_with(')')
}

pub fn describe_hours(sla: &SlaSection) -> String {
    let hours = BusinessHours::from_config(sla);
    if hours.always_open() {
        return format!("every day, all day ({})", sla.timezone);
    }
    let clock = |s: u32| format!("{:02}:{:02}", s / 3600, (s % 3600) / 60);
    let days: Vec<String> = sla
        .days
        .iter()
        .map(|d| d.to_string().to_lowercase())
        .collect();
    format!(
        "{} {}–{} ({}){}",
        days.join(" "),
        clock(sla.hours.open),
        clock(sla.hours.close),
        sla.timezone,
        if sla.holidays.is_empty() {
            String::new()
        } else {
            format!(", {} holidays", sla.holidays.len())
        }
    )
}

pub fn compute(
    facts: &AnalyticsFacts,
    period: Period,
    sla: &SlaSection,
    now: DateTime<Utc>,
) -> Report {
    let hours = BusinessHours::from_config(sla);
    let tz = sla.timezone;
    let in_period = |t: DateTime<Utc>| t >= period.from && t < period.to;
    let local_date = |t: DateTime<Utc>| t.with_timezone(&tz).date_naive();
    let first_day = local_date(period.from);
    let last_day = local_date(period.to - Duration::milliseconds(1)).max(first_day);
    let mut days: Vec<Day> = first_day
        .iter_days()
        .take_while(|d| *d <= last_day)
        .map(|date| Day {
            date,
            ..Day::default()
        })
        .collect();
    let mut by_hour: Vec<Hour> = (0..24)
        .map(|hour| Hour {
            hour,
            ..Hour::default()
        })
        .collect();
    let mut distribution = empty_buckets(RESPONSE_BUCKETS, true);
    let mut backlog = empty_buckets(BACKLOG_BUCKETS, false);
    let mut overall = Acc::default();
    // Keys borrow from the facts: a report reads hundreds of thousands of
    // messages, and allocating per message would cost more than the rest.
    let mut groups: [FxHashMap<&str, Acc>; 4] = Default::default();
    let mut breaches = Vec::new();
    let mut categories: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
    let mut authors: FxHashMap<AuthorKey, AuthorReach> = FxHashMap::default();
    let mut day_channels: Vec<[u64; Channel::ALL.len()]> =
        vec![[0; Channel::ALL.len()]; days.len()];
    let mut observations: Vec<(&str, &str, DateTime<Utc>, u64)> = facts
        .audience
        .iter()
        .map(|a| (a.channel.as_str(), a.handle.as_str(), a.at, a.followers))
        .collect();

    // The latest status change before the end of the period, per conversation.
    let mut status_at_end: BTreeMap<i64, (Status, DateTime<Utc>)> = BTreeMap::new();
    for e in &facts.events {
        if e.kind == EventKind::Status
            && let Some(to) = e.payload.get("to").and_then(|v| v.as_str())
            && let Ok(status) = to.parse::<Status>()
        {
            status_at_end.insert(e.conversation, (status, e.at));
        }
    }
    let end = period.to.min(now);

    for conv in &facts.conversations {
        let c = contribution(conv, period, &hours, sla, now, status_at_end.get(&conv.id));
        // Per-message series.
        for m in &conv.messages {
            if m.direction == Direction::Outbound
                && let Some(f) = m.followers.filter(|f| *f > 0)
            {
                observations.push((conv.channel.as_str(), m.author.as_str(), m.at, f));
            }
            if !in_period(m.at) {
                continue;
            }
            let local = m.at.with_timezone(&tz);
            let index = usize::try_from((local.date_naive() - first_day).num_days()).ok();
            let day = index.and_then(|i| days.get_mut(i));
            let hour = &mut by_hour[local.hour() as usize];
            if m.direction == Direction::Inbound {
                hour.received += 1;
                if let (Some(day), Some(i)) = (day, index) {
                    day.received += 1;
                    day_channels[i][channel_index(conv.channel)] += 1;
                    day.sentiment.add(m.tone);
                    if day.conversations.last() != Some(&conv.id) {
                        day.conversations.push(conv.id);
                    }
                }
                let author = authors
                    .entry((conv.channel, m.author.as_str()))
                    .or_default();
                author.0 = author.0.max(m.followers.unwrap_or(0));
                author.1 |= m.verified;
                author.2 += 1;
            } else {
                hour.sent += 1;
                if let Some(day) = day {
                    day.sent += 1;
                }
            }
        }
        if let Some(secs) = c.first_response {
            let b = &mut distribution[bucket_index(RESPONSE_BUCKETS, secs, true)];
            b.count += 1;
            b.conversations.insert(conv.id);
        }
        if let Some(f) = &c.first
            && c.sla == Some(true)
        {
            breaches.push(Breach {
                conversation: conv.id,
                channel: conv.channel.as_str().to_string(),
                first_inbound_at: f.since,
                due_at: f.due,
                responded_at: f.responded,
            });
        }
        if let Some(age) = waiting_at(conv, end, now, status_at_end.get(&conv.id)) {
            let b = &mut backlog[bucket_index(BACKLOG_BUCKETS, age, false)];
            b.count += 1;
            b.conversations.insert(conv.id);
        }
        if c.active {
            for tag in &conv.tags {
                categories.entry(tag.clone()).or_default().insert(conv.id);
            }
        }
        overall.add(&c);
        groups[0].entry(conv.channel.as_str()).or_default().add(&c);
        for tag in &conv.tags {
            groups[1].entry(tag.as_str()).or_default().add(&c);
        }
        groups[2]
            .entry(conv.assignee.as_deref().unwrap_or("(unassigned)"))
            .or_default()
            .add(&c);
        groups[3]
            .entry(conv.lang.as_deref().unwrap_or("(unknown)"))
            .or_default()
            .add(&c);
    }

    for idle in &facts.idle_waiting {
        let status = if end >= now {
            idle.status
        } else {
            status_at_end.get(&idle.id).map_or(Status::New, |(s, _)| *s)
        };
        if status != Status::Resolved && idle.since < end {
            let b = &mut backlog
                [bucket_index(BACKLOG_BUCKETS, (end - idle.since).num_seconds(), false)];
            b.count += 1;
            b.conversations.insert(idle.id);
        }
    }

    // Groups only list what the period touched.
    let finish = |map: FxHashMap<&str, Acc>| -> BTreeMap<String, Summary> {
        map.into_iter()
            .map(|(k, acc)| (k.to_string(), acc.finish()))
            .filter(|(_, s)| s.conversations > 0 || s.sent > 0)
            .collect()
    };
    let [by_channel, by_tag, by_assignee, by_lang] = groups;

    // Volume around crisis moments: only read when there are some.
    let has_crisis = facts.events.iter().any(|e| {
        in_period(e.at) && matches!(e.kind, EventKind::CrisisFlag | EventKind::Escalation)
    });
    let mut inbound_times: Vec<DateTime<Utc>> = if has_crisis {
        facts
            .conversations
            .iter()
            .flat_map(|c| c.messages.iter())
            .filter(|m| m.direction == Direction::Inbound)
            .map(|m| m.at)
            .collect()
    } else {
        Vec::new()
    };
    inbound_times.sort_unstable();
    let count_between = |a: DateTime<Utc>, b: DateTime<Utc>| -> u64 {
        (inbound_times.partition_point(|t| *t < b) - inbound_times.partition_point(|t| *t < a))
            as u64
    };
    let crisis = facts
        .events
        .iter()
        .filter(|e| in_period(e.at))
        .filter(|e| matches!(e.kind, EventKind::CrisisFlag | EventKind::Escalation))
        .map(|e| {
            let text = |k: &str| {
                e.payload
                    .get(k)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            CrisisMoment {
                at: e.at,
                conversation: e.conversation,
                kind: e.kind.as_str().to_string(),
                actor: e.actor.clone(),
                detail: text("to"),
                reason: if e.kind == EventKind::Escalation {
                    text("note")
                } else {
                    text("reason")
                },
                alert: match e.detail() {
                    crate::model::EventDetail::Crisis { alert, .. } => alert,
                    _ => None,
                },
                inbound_hour_before: count_between(e.at - Duration::hours(1), e.at),
                inbound_hour_after: count_between(e.at, e.at + Duration::hours(1)),
            }
        })
        .collect();

    let mut workload: BTreeMap<String, Workload> = BTreeMap::new();
    for e in facts.events.iter().filter(|e| in_period(e.at)) {
        if is_rule(&e.actor) {
            continue;
        }
        let w = workload.entry(e.actor.clone()).or_insert_with(|| Workload {
            person: e.actor.clone(),
            ..Workload::default()
        });
        match e.kind {
            EventKind::ReplyQueued => w.replies += 1,
            EventKind::Tag | EventKind::Untag => w.tags += 1,
            EventKind::Status => w.status_changes += 1,
            EventKind::Assign => w.assignments += 1,
            EventKind::CrisisFlag => w.crisis_flags += 1,
            EventKind::Escalation => w.escalations += 1,
            EventKind::Note => w.notes += 1,
            _ => {}
        }
    }
    for conv in &facts.conversations {
        if let Some(who) = &conv.assignee
            && conv
                .messages
                .iter()
                .any(|m| m.direction == Direction::Inbound && in_period(m.at))
        {
            workload
                .entry(who.clone())
                .or_insert_with(|| Workload {
                    person: who.clone(),
                    ..Workload::default()
                })
                .assigned += 1;
        }
    }

    let mut categories: Vec<Category> = categories
        .into_iter()
        .map(|(tag, ids)| Category {
            tag,
            conversations: ids.len() as u64,
            ids,
        })
        .collect();
    categories.sort_by(|a, b| {
        b.conversations
            .cmp(&a.conversations)
            .then(a.tag.cmp(&b.tag))
    });

    for (day, counts) in days.iter_mut().zip(&day_channels) {
        for (channel, n) in Channel::ALL.iter().zip(counts) {
            if *n > 0 {
                day.by_channel.insert(channel.as_str().to_string(), *n);
            }
        }
    }
    // The ten widest-reaching authors, without sorting all of them.
    let mut ranked: Vec<(AuthorKey, AuthorReach)> = authors.into_iter().collect();
    let order = |a: &(AuthorKey, AuthorReach), b: &(AuthorKey, AuthorReach)| {
        b.1.0
            .cmp(&a.1.0)
            .then(b.1.2.cmp(&a.1.2))
            .then(a.0.1.cmp(b.0.1))
            .then(a.0.0.as_str().cmp(b.0.0.as_str()))
    };
    if ranked.len() > 10 {
        ranked.select_nth_unstable_by(10, order);
        ranked.truncate(10);
    }
    ranked.sort_by(order);
    let top_authors: Vec<Author> = ranked
        .into_iter()
        .map(
            |((channel, handle), (followers, verified, messages))| Author {
                channel: channel.as_str().to_string(),
                handle: handle.to_string(),
                followers,
                verified,
                messages,
            },
        )
        .collect();
    breaches.sort_by_key(|b| (b.first_inbound_at, b.conversation));

    Report {
        period: PeriodInfo {
            from: period.from,
            to: period.to,
            timezone: tz.to_string(),
            business_hours: describe_hours(sla),
            open: OpenTimes::of(sla),
        },
        generated_at: now,
        overall: overall.finish(),
        by_channel: finish(by_channel),
        by_tag: finish(by_tag),
        by_assignee: finish(by_assignee),
        by_lang: finish(by_lang),
        days,
        hours: by_hour,
        response_time_distribution: distribution,
        sla_breach_list: breaches,
        backlog,
        categories,
        crisis,
        audience: audience(observations, period),
        top_authors,
        workload: workload.into_values().collect(),
    }
}

fn human_reply(m: &crate::model::MessageFacts) -> bool {
    m.direction == Direction::Outbound && !m.automated
}

fn first_inbound(conv: &ConversationFacts) -> Option<DateTime<Utc>> {
    conv.messages
        .iter()
        .find(|m| m.direction == Direction::Inbound)
        .map(|m| m.at)
}

/// The first-response facts of a conversation whose first inbound message
/// is in the period.
fn sla_detail(
    conv: &ConversationFacts,
    period: Period,
    hours: &BusinessHours,
    sla: &SlaSection,
) -> Option<FirstResponse> {
    let since = first_inbound(conv).filter(|t| *t >= period.from && *t < period.to)?;
    let due = hours.add(since, i64::from(sla.target_minutes(conv.channel)) * 60);
    let responded = conv
        .messages
        .iter()
        .find(|m| human_reply(m) && m.at >= since)
        .map(|m| m.at);
    Some(FirstResponse {
        since,
        due,
        responded,
    })
}

/// A conversation's first inbound message, when the target falls due, and
/// our first reply.
#[derive(Clone, Copy)]
struct FirstResponse {
    since: DateTime<Utc>,
    due: DateTime<Utc>,
    responded: Option<DateTime<Utc>>,
}

/// How long the conversation has been waiting for us at `end`, if it is.
fn waiting_at(
    conv: &ConversationFacts,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
    last_status: Option<&(Status, DateTime<Utc>)>,
) -> Option<i64> {
    let status = if end >= now {
        conv.status
    } else {
        last_status.map_or(Status::New, |(s, _)| *s)
    };
    if status == Status::Resolved {
        return None;
    }
    let mut oldest_unanswered = None;
    for m in conv.messages.iter().take_while(|m| m.at < end) {
        if human_reply(m) {
            oldest_unanswered = None;
        } else if m.direction == Direction::Inbound && oldest_unanswered.is_none() {
            oldest_unanswered = Some(m.at);
        }
    }
    oldest_unanswered.map(|t| (end - t).num_seconds().max(0))
}

fn contribution(
    conv: &ConversationFacts,
    period: Period,
    hours: &BusinessHours,
    sla: &SlaSection,
    now: DateTime<Utc>,
    last_status: Option<&(Status, DateTime<Utc>)>,
) -> Contribution {
    let in_period = |t: DateTime<Utc>| t >= period.from && t < period.to;
    let mut c = Contribution::default();
    let last_reply = conv
        .messages
        .iter()
        .rev()
        .find(|m| human_reply(m))
        .map(|m| m.at);
    let mut waiting_since: Option<DateTime<Utc>> = None;
    for m in &conv.messages {
        if m.direction == Direction::Inbound {
            waiting_since.get_or_insert(m.at);
            if in_period(m.at) {
                c.active = true;
                c.received += 1;
                c.sentiment.add(m.tone);
                c.complaints += u64::from(m.complaint >= 0.5);
                c.answered += u64::from(last_reply.is_some_and(|r| r >= m.at));
            }
            continue;
        }
        if in_period(m.at) {
            c.sent += 1;
            c.sent_automated += u64::from(m.automated);
            let e = &mut c.engagement;
            e.replies += 1;
            e.likes += m.likes;
            e.shares += m.shares;
            e.comments += m.replies;
            let engagements = m.likes + m.shares + m.replies;
            e.engagements += engagements;
            if let Some(f) = m.followers.filter(|f| *f > 0) {
                e.rate_sum += engagements as f64 / f as f64 * 100.0;
                e.rate_n += 1;
            }
        }
        if !m.automated
            && let Some(since) = waiting_since.take()
            && in_period(m.at)
        {
            c.next_replies.push((m.at - since).num_seconds());
        }
    }
    c.first = sla_detail(conv, period, hours, sla);
    if let Some(FirstResponse {
        since,
        due,
        responded,
    }) = c.first
    {
        c.first_response = responded.map(|r| (r - since).num_seconds());
        if let Some(r) = responded {
            c.sla = Some(r > due);
        } else if now > due {
            c.sla = Some(true);
        }
        if let Some((Status::Resolved, at)) = last_status
            && *at >= since
        {
            c.resolution = Some((*at - since).num_seconds());
        }
    }
    c
}

/// Follower growth per account between the first and last observation the
/// period allows: the latest one at or before its start (else the first one
/// inside it) and the latest one inside it.
fn audience(mut obs: Vec<(&str, &str, DateTime<Utc>, u64)>, period: Period) -> Audience {
    obs.sort();
    let mut accounts = Vec::new();
    let mut i = 0;
    while i < obs.len() {
        let j = i + obs[i..]
            .iter()
            .take_while(|o| o.0 == obs[i].0 && o.1 == obs[i].1)
            .count();
        let series = &obs[i..j];
        let start = series
            .iter()
            .rev()
            .find(|o| o.2 <= period.from)
            .or_else(|| {
                series
                    .iter()
                    .find(|o| o.2 >= period.from && o.2 < period.to)
            });
        let end = series.iter().rev().find(|o| o.2 < period.to);
        if let (Some(s), Some(e)) = (start, end)
            && e.2 > s.2
            && e.2 >= period.from
        {
            let net = e.3 as i64 - s.3 as i64;
            accounts.push(AccountGrowth {
                channel: s.0.to_string(),
                handle: s.1.to_string(),
                start: s.3,
                end: e.3,
                net,
                growth_rate: (s.3 > 0).then(|| round4(net as f64 / s.3 as f64 * 100.0)),
            });
        }
        i = j;
    }
    let start: u64 = accounts.iter().map(|a| a.start).sum();
    let net: i64 = accounts.iter().map(|a| a.net).sum();
    Audience {
        growth_rate: (start > 0).then(|| round4(net as f64 / start as f64 * 100.0)),
        accounts,
    }
}
