//! Business time: when a first-response target falls due, counting only the
//! open hours of open days in the configured time zone.

use crate::config::SlaSection;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::BTreeSet;

/// A calendar of open time, read from the `[sla]` section.
#[derive(Debug, Clone)]
pub struct BusinessHours {
    tz: Tz,
    open_days: [bool; 7],
    open: u32,
    close: u32,
    holidays: BTreeSet<NaiveDate>,
}

/// Ten years of closed days in a row mean a calendar that never opens.
const MAX_DAYS: i64 = 3660;

impl BusinessHours {
    pub fn from_config(sla: &SlaSection) -> BusinessHours {
        let mut open_days = [false; 7];
        for d in &sla.days {
            open_days[d.num_days_from_monday() as usize] = true;
        }
        BusinessHours {
            tz: sla.timezone,
            open_days,
            open: sla.hours.open,
            close: sla.hours.close,
            holidays: sla.holidays.iter().copied().collect(),
        }
    }

    pub fn timezone(&self) -> Tz {
        self.tz
    }

    /// Every day, all day: business time is wall-clock time.
    pub fn always_open(&self) -> bool {
        self.open_days.iter().all(|d| *d)
            && self.open == 0
            && self.close == 86_400
            && self.holidays.is_empty()
    }

    fn is_open_day(&self, date: NaiveDate) -> bool {
        self.open_days[date.weekday().num_days_from_monday() as usize]
            && !self.holidays.contains(&date)
    }

    /// A local wall-clock time as an instant; in a DST gap, the first instant
    /// after it, so that a window never vanishes.
    fn instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.tz.from_local_datetime(&local).earliest() {
            Some(t) => t.with_timezone(&Utc),
            None => {
                let later = local + Duration::hours(1);
                self.tz
                    .from_local_datetime(&later)
                    .earliest()
                    .map_or_else(|| later.and_utc(), |t| t.with_timezone(&Utc))
            }
        }
    }

    /// The open window of `date`, if it is an open day.
    fn window(&self, date: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        if !self.is_open_day(date) {
            return None;
        }
        let at = |secs: u32| {
            let day = date + Duration::days(i64::from(secs / 86_400));
            let rest = secs % 86_400;
            day.and_hms_opt(rest / 3600, (rest % 3600) / 60, 0)
                .map(|t| self.instant(t))
        };
        Some((at(self.open)?, at(self.close)?))
    }

    /// Whether `t` falls in open time (automation rules' `hours`).
    pub fn is_open(&self, t: DateTime<Utc>) -> bool {
        if self.always_open() {
            return true;
        }
        let date = t.with_timezone(&self.tz).date_naive();
        self.window(date)
            .is_some_and(|(open, close)| open <= t && t < close)
    }

    /// The instant at which `seconds` of open time have passed since `start`.
    /// A message that arrives while closed starts counting at the next opening.
    pub fn add(&self, start: DateTime<Utc>, seconds: i64) -> DateTime<Utc> {
        if self.always_open() {
            return start + Duration::seconds(seconds.max(0));
        }
        let mut left = seconds.max(0);
        let mut date = start.with_timezone(&self.tz).date_naive() - Duration::days(1);
        for _ in 0..MAX_DAYS {
            if let Some((open, close)) = self.window(date) {
                let from = open.max(start);
                if from < close {
                    let available = (close - from).num_seconds();
                    if left <= available {
                        return from + Duration::seconds(left);
                    }
                    left -= available;
                }
            }
            date += Duration::days(1);
        }
        start + Duration::seconds(seconds)
    }

    /// Open seconds between `a` and `b` (0 when `b` is not after `a`).
    pub fn between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> i64 {
        self.between_at_most(a, b, i64::MAX)
    }

    /// Like `between`, but stops counting past `cap` (a caller that only
    /// needs to know whether a wait passed a bound need not walk months).
    pub fn between_at_most(&self, a: DateTime<Utc>, b: DateTime<Utc>, cap: i64) -> i64 {
        if b <= a {
            return 0;
        }
        if self.always_open() {
            return (b - a).num_seconds().min(cap);
        }
        let mut total = 0;
        let mut date = a.with_timezone(&self.tz).date_naive() - Duration::days(1);
        let last = b.with_timezone(&self.tz).date_naive();
        while date <= last {
            if let Some((open, close)) = self.window(date) {
                let (from, to) = (open.max(a), close.min(b));
                if from < to {
                    total += (to - from).num_seconds();
                }
            }
            if total >= cap {
                return cap;
            }
            date += Duration::days(1);
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{OpenHours, SlaSection};
    use chrono::Weekday::*;

    fn office(tz: Tz) -> BusinessHours {
        BusinessHours::from_config(&SlaSection {
            timezone: tz,
            days: vec![Mon, Tue, Wed, Thu, Fri],
            hours: OpenHours {
                open: 9 * 3600,
                close: 17 * 3600,
            },
            holidays: vec![NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()],
            ..SlaSection::default()
        })
    }

    fn paris(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Paris
            .with_ymd_and_hms(y, mo, d, h, mi, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn friday_afternoon_runs_into_monday_morning() {
        let h = office(chrono_tz::Europe::Paris);
        // Friday 16:45 + 30 min: 15 on Friday, 15 on Monday.
        let due = h.add(paris(2026, 11, 20, 16, 45), 30 * 60);
        assert_eq!(due, paris(2026, 11, 23, 9, 15));
        assert_eq!(
            h.between(paris(2026, 11, 20, 16, 45), paris(2026, 11, 23, 9, 16)),
            31 * 60
        );
    }

    #[test]
    fn a_message_on_the_weekend_starts_counting_on_monday() {
        let h = office(chrono_tz::Europe::Paris);
        assert_eq!(
            h.add(paris(2026, 11, 21, 11, 0), 30 * 60),
            paris(2026, 11, 23, 9, 30)
        );
        assert_eq!(
            h.between(paris(2026, 11, 21, 11, 0), paris(2026, 11, 22, 20, 0)),
            0
        );
    }

    #[test]
    fn holidays_are_closed() {
        let h = office(chrono_tz::Europe::Paris);
        // Thursday 24 Dec 16:30 + 1 h: 30 min on the 24th, Friday 25th closed.
        assert_eq!(
            h.add(paris(2026, 12, 24, 16, 30), 3600),
            paris(2026, 12, 28, 9, 30)
        );
    }

    #[test]
    fn hours_are_read_in_the_configured_time_zone() {
        let h = office(chrono_tz::America::New_York);
        // 21:50 UTC on a Monday is 16:50 in New York (EST): 10 min left.
        let start = Utc.with_ymd_and_hms(2026, 11, 23, 21, 50, 0).unwrap();
        let due = h.add(start, 20 * 60);
        assert_eq!(due, Utc.with_ymd_and_hms(2026, 11, 24, 14, 10, 0).unwrap());
    }

    #[test]
    fn daylight_saving_changes_keep_local_hours() {
        let h = office(chrono_tz::Europe::Paris);
        // Friday 27 March 2026 16:30 CET; Monday 30 March is CEST (UTC+2).
        let due = h.add(paris(2026, 3, 27, 16, 30), 3600);
        assert_eq!(due, paris(2026, 3, 30, 9, 30));
        assert_eq!(due, Utc.with_ymd_and_hms(2026, 3, 30, 7, 30, 0).unwrap());
    }

    #[test]
    fn always_open_is_wall_clock_time() {
        let h = BusinessHours::from_config(&SlaSection::default());
        assert!(h.always_open());
        let start = Utc.with_ymd_and_hms(2026, 11, 21, 23, 50, 0).unwrap();
        assert_eq!(h.add(start, 3600), start + Duration::hours(1));
        assert_eq!(h.between(start, start + Duration::hours(30)), 30 * 3600);
    }
}
