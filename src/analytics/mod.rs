//! Analytics: what the work achieved over a period, from the store's facts.
//! `metrics` computes one `Report`; `render` writes it as Markdown, CSV, JSON
//! or a self-contained HTML page; the stats view draws the same `Report`.

pub mod hours;
pub mod metrics;
pub mod render;

pub use metrics::{Period, Report, compute};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant local midnight starts `date` in `tz`.
pub fn start_of(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    tz.from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

/// The whole days `from` … `to` (both included) in `tz`.
pub fn days(from: NaiveDate, to: NaiveDate, tz: Tz) -> Period {
    Period {
        from: start_of(from, tz),
        to: start_of(to + Duration::days(1), tz),
    }
}

/// The `n` days ending with the day of `anchor` (today when it is now).
pub fn last_days(n: i64, anchor: DateTime<Utc>, tz: Tz) -> Period {
    let today = anchor.with_timezone(&tz).date_naive();
    days(today - Duration::days(n.max(1) - 1), today, tz)
}

/// Reads a bound as given on the command line: a date (`2026-11-01`, a
/// whole day in the business time zone) or an RFC 3339 instant.
pub fn parse_bound(text: &str) -> Option<Bound> {
    let text = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(Bound::Day(d));
    }
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| Bound::Instant(t.with_timezone(&Utc)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Day(NaiveDate),
    Instant(DateTime<Utc>),
}

impl Bound {
    /// As the start of a period: a day starts at its midnight.
    pub fn as_start(self, tz: Tz) -> DateTime<Utc> {
        match self {
            Bound::Day(d) => start_of(d, tz),
            Bound::Instant(t) => t,
        }
    }

    /// As the end of a period: a day is included whole.
    pub fn as_end(self, tz: Tz) -> DateTime<Utc> {
        match self {
            Bound::Day(d) => start_of(d + Duration::days(1), tz),
            Bound::Instant(t) => t,
        }
    }
}
