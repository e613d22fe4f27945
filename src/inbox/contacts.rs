//! The contact card: one person across channels, as the store keeps them
//! (handles people linked, marks, notes), with what the inbox adds — their
//! conversations as the queue shows them, when they were first and last
//! seen, and their sentiment over time.
//!
//! How handles become one person: never by guessing. The same handle or
//! display name on another network is only suggested (`@alex` on X and
//! `alex` on Reddit are often two people, and merging them would mix their
//! histories, VIP marks and block marks, which automation rules act on); a
//! person links them (`palabre contact link`, `l` on the card).

use super::Store;
use crate::model::{Channel, ContactCard, ConversationSummary, handle_key};
use crate::store::{Database, Result, StoreError};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Serialize;

/// One period of a person's sentiment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentimentPoint {
    /// The first day of the period (a Monday for weeks, the 1st for months).
    pub from: NaiveDate,
    pub messages: u64,
    /// The mean sentiment of the period's messages, −1…1.
    pub mean: f32,
    pub negative: u64,
    pub positive: u64,
}

/// Weeks, or months when a person has written over more than half a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Week,
    Month,
}

/// A person's card, whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    #[serde(flatten)]
    pub contact: ContactCard,
    pub first_seen: Option<DateTime<Utc>>,
    pub last_seen: Option<DateTime<Utc>>,
    /// Their conversations, most recent activity first.
    pub summaries: Vec<ConversationSummary>,
    pub period: Period,
    /// Oldest first.
    pub sentiment: Vec<SentimentPoint>,
}

/// Points of sentiment kept at most.
const POINTS: usize = 26;

/// The card of the person behind `channel`/`handle`, with periods cut on
/// the clock of `tz`.
pub fn card<D: ?Sized + Database>(
    store: &Store<D>,
    channel: Channel,
    handle: &str,
    tz: chrono_tz::Tz,
) -> Result<Card> {
    let contact = store.contact(channel, handle)?;
    let first_seen = contact.handles.iter().filter_map(|h| h.first_at).min();
    let last_seen = contact.handles.iter().filter_map(|h| h.last_at).max();
    let mut summaries = store.summaries(&contact.conversations)?;
    summaries.sort_by_key(|s| std::cmp::Reverse(s.last_activity));
    let span = match (first_seen, last_seen) {
        (Some(a), Some(b)) => b - a,
        _ => Duration::zero(),
    };
    let period = if span > Duration::days(182) {
        Period::Month
    } else {
        Period::Week
    };
    let mut points: Vec<SentimentPoint> = Vec::new();
    let mut sums: Vec<f64> = Vec::new();
    let mut messages: Vec<_> = contact.messages.iter().collect();
    messages.sort_by_key(|m| m.at);
    for m in messages {
        let day = m.at.with_timezone(&tz).date_naive();
        let from = match period {
            Period::Week => day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
            Period::Month => day.with_day(1).unwrap_or(day),
        };
        if points.last().is_none_or(|p| p.from != from) {
            points.push(SentimentPoint {
                from,
                messages: 0,
                mean: 0.0,
                negative: 0,
                positive: 0,
            });
            sums.push(0.0);
        }
        let (Some(p), Some(sum)) = (points.last_mut(), sums.last_mut()) else {
            continue;
        };
        p.messages += 1;
        *sum += f64::from(m.sentiment.unwrap_or(0.0));
        match m.tone {
            Some(crate::model::Tone::Negative) => p.negative += 1,
            Some(crate::model::Tone::Positive) => p.positive += 1,
            _ => {}
        }
    }
    for (p, sum) in points.iter_mut().zip(&sums) {
        p.mean = (*sum / p.messages.max(1) as f64) as f32;
    }
    if points.len() > POINTS {
        points.drain(..points.len() - POINTS);
    }
    Ok(Card {
        contact,
        first_seen,
        last_seen,
        summaries,
        period,
        sentiment: points,
    })
}

/// What a typed handle names: `CHANNEL:HANDLE`, or a handle whose messages
/// are on one channel, or on several whose handles one person links.
pub fn resolve<D: ?Sized + Database>(store: &Store<D>, typed: &str) -> Result<(Channel, String)> {
    let typed = typed.trim();
    if let Some((c, h)) = typed.split_once(':')
        && let Ok(channel) = c.parse::<Channel>()
    {
        let authors = store.authors_named(h)?;
        return match authors.into_iter().find(|(ch, _)| *ch == channel) {
            Some(found) => Ok(found),
            None => Err(StoreError::Invalid(format!(
                "nobody wrote as {} on {channel}",
                crate::text::clip(h, 80)
            ))),
        };
    }
    let authors = store.authors_named(typed)?;
    match authors.as_slice() {
        [] => Err(StoreError::Invalid(format!(
            "nobody wrote as {} (give CHANNEL:HANDLE, e.g. x:juju_trbl)",
            crate::text::clip(typed, 80)
        ))),
        [one] => Ok(one.clone()),
        [first, rest @ ..] => {
            // Linked into one person: any of them names the person.
            let card = store.contact(first.0, &first.1)?;
            let linked = rest.iter().all(|(c, h)| {
                card.handles
                    .iter()
                    .any(|x| x.channel == *c && handle_key(&x.handle) == handle_key(h))
            });
            if linked {
                return Ok(first.clone());
            }
            Err(StoreError::Invalid(format!(
                "{} wrote on several networks, maybe as different people: name one ({})",
                crate::text::clip(typed, 80),
                authors
                    .iter()
                    .map(|(c, h)| format!("{c}:{h}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )))
        }
    }
}
