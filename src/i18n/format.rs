//! Numbers, percentages, durations, ages and dates in a language's style,
//! from its `Formats`. One function per kind of value, used everywhere, so
//! that a count or a delay reads the same in the queue, the stats view, the
//! reports and the command line.

use super::Catalogue;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;

impl Catalogue {
    /// An exact count with its digits grouped: `12,345`, `12 345`.
    pub fn count(&self, n: u64) -> String {
        let digits = n.to_string();
        if n < self.formats.group_from {
            return digits;
        }
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(self.formats.thousands);
            }
            out.push(c);
        }
        out
    }

    /// A signed count (`+10`, `−3`), for gains and losses.
    pub fn signed(&self, n: i64) -> String {
        let sign = match n {
            0 => "",
            n if n > 0 => "+",
            _ => "−",
        };
        format!("{sign}{}", self.count(n.unsigned_abs()))
    }

    /// A count short enough for a column: exact below a thousand, then
    /// `120.3k` / `120,3 k`, `1.2M` / `1,2 M`. Followers, chart scales: the
    /// same number reads the same everywhere it is short.
    pub fn compact(&self, n: u64) -> String {
        let f = &self.formats;
        let (value, unit) = match n {
            0..=999 => return n.to_string(),
            1_000..=999_949 => (n as f64 / 1e3, f.kilo),
            _ => (n as f64 / 1e6, f.mega),
        };
        let text = self.decimal(value, 1);
        let text = text
            .strip_suffix(&format!("{}0", f.decimal))
            .map_or(text.clone(), str::to_string);
        format!("{text}{}{unit}", f.unit_gap)
    }

    /// A number with `places` decimals and the language's decimal mark.
    pub fn decimal(&self, value: f64, places: usize) -> String {
        let text = format!("{value:.places$}");
        match text.split_once('.') {
            Some((whole, fraction)) => {
                let whole = whole
                    .parse::<u64>()
                    .map_or(whole.to_string(), |w| self.count(w));
                format!("{whole}{}{fraction}", self.formats.decimal)
            }
            None => text.parse::<u64>().map_or(text.clone(), |w| self.count(w)),
        }
    }

    /// A 0…1 rate as a percentage with two decimals (`62.50%`, `62,50 %`);
    /// a dash when there is nothing to measure.
    pub fn percent(&self, rate: Option<f64>) -> String {
        self.points(rate.map(|r| r * 100.0))
    }

    /// An already-multiplied percentage (engagement, growth), two decimals.
    pub fn points(&self, value: Option<f64>) -> String {
        value.map_or_else(
            || "—".to_string(),
            |v| format!("{}{}", self.decimal(v, 2), self.formats.percent),
        )
    }

    /// A 0…1 share as a whole percentage (`87%`, `87 %`), for a score.
    pub fn share(&self, rate: f64) -> String {
        format!("{:.0}{}", rate * 100.0, self.formats.percent)
    }

    /// A delay in its two largest units: `45s`, `12m 05s`, `3h 04m`,
    /// `2d 03h` (`3 h 4 min`, `2 j 3 h` in French); a lower unit that is
    /// zero is left out (`1h`, `2 j`). One value: its parts are joined by
    /// no-break spaces, so a wrapped line never splits it.
    pub fn duration(&self, secs: i64) -> String {
        let f = &self.formats;
        let s = secs.max(0);
        let unit = |n: i64, u: &str| format!("{n}{}{u}", f.unit_gap);
        let pair = |big: i64, bu: &str, small: i64, su: &str| {
            if small == 0 {
                unit(big, bu)
            } else if f.pad_minutes {
                format!("{}\u{a0}{small:02}{}{su}", unit(big, bu), f.unit_gap)
            } else {
                format!("{}\u{a0}{}", unit(big, bu), unit(small, su))
            }
        };
        match s {
            0..60 => unit(s, f.second),
            60..3600 => pair(s / 60, f.minute, s % 60, f.second),
            3600..86_400 => pair(s / 3600, f.hour, (s % 3600) / 60, f.minute),
            _ => pair(s / 86_400, f.day, (s % 86_400) / 3600, f.hour),
        }
    }

    /// A delay, or a dash when there is none.
    pub fn opt_duration(&self, secs: Option<i64>) -> String {
        secs.map_or_else(|| "—".to_string(), |s| self.duration(s))
    }

    /// How long ago, in the largest unit that fits: `3m`, `5h`, `2d`, `4mo`
    /// (`3 min`, `5 h`, `2 j`, `4 mois`).
    pub fn age(&self, then: DateTime<Utc>, now: DateTime<Utc>) -> String {
        let f = &self.formats;
        let secs = (now - then).num_seconds().max(0);
        let (n, unit) = match secs {
            0..=59 => (secs, f.second),
            60..=3599 => (secs / 60, f.minute),
            3600..=86_399 => (secs / 3600, f.hour),
            86_400..=2_591_999 => (secs / 86_400, f.day),
            _ => (secs / 2_592_000, f.month),
        };
        format!("{n}{}{unit}", f.unit_gap)
    }

    /// The widest age `age` writes (`23h`, `59 min`, `11 mois`), for a
    /// column of them.
    pub fn age_width(&self) -> usize {
        use unicode_width::UnicodeWidthStr;
        let now = Utc::now();
        [59, 59 * 60, 23 * 3600, 29 * 86_400, 330 * 86_400]
            .iter()
            .map(|s| self.age(now - chrono::Duration::seconds(*s), now).width())
            .max()
            .unwrap_or(4)
    }

    /// `9 Nov`, `9 nov.`, `1er nov.`
    pub fn day_month(&self, date: NaiveDate) -> String {
        let day = if date.day() == 1 {
            self.formats.first_day.to_string()
        } else {
            date.day().to_string()
        };
        format!("{day} {}", self.formats.months[date.month0() as usize])
    }

    /// `Mon 9 Nov`, `lun. 9 nov.`
    pub fn weekday_day_month(&self, date: NaiveDate) -> String {
        format!(
            "{} {}",
            self.formats.weekdays[date.weekday().num_days_from_monday() as usize],
            self.day_month(date)
        )
    }

    /// `9 Nov 2026`, `9 nov. 2026`
    pub fn day_month_year(&self, date: NaiveDate) -> String {
        format!("{} {}", self.day_month(date), date.year())
    }

    /// `Mon 9 Nov 2026`, `lun. 9 nov. 2026`
    pub fn full_date(&self, date: NaiveDate) -> String {
        format!(
            "{} {}",
            self.formats.weekdays[date.weekday().num_days_from_monday() as usize],
            self.day_month_year(date)
        )
    }

    /// Two days as a span: `9 Nov 2026`, `1 – 7 Nov 2026`… written whole
    /// on each side (`28 Oct – 3 Nov 2026`), the year once.
    pub fn day_span(&self, from: NaiveDate, to: NaiveDate) -> String {
        if from == to {
            return self.day_month_year(from);
        }
        if from.year() == to.year() {
            format!("{} – {}", self.day_month(from), self.day_month_year(to))
        } else {
            format!(
                "{} – {}",
                self.day_month_year(from),
                self.day_month_year(to)
            )
        }
    }

    /// An instant on the clock of `tz`, whole: `9 Nov 2026 14:05`.
    pub fn date_time(&self, t: DateTime<Utc>, tz: Tz) -> String {
        let local = t.with_timezone(&tz);
        format!(
            "{} {:02}:{:02}",
            self.day_month_year(local.date_naive()),
            local.hour(),
            local.minute()
        )
    }

    /// An instant on the clock of `tz`, short: `9 Nov 14:05`.
    pub fn day_time(&self, t: DateTime<Utc>, tz: Tz) -> String {
        let local = t.with_timezone(&tz);
        format!(
            "{} {:02}:{:02}",
            self.day_month(local.date_naive()),
            local.hour(),
            local.minute()
        )
    }

    /// When something happened, as a clock on the wall says it in `tz`:
    /// the time alone today (`08:58`), the day and time this year
    /// (`Mon 9 Nov 19:05`, `lun. 9 nov. 19:05`), the full date before.
    pub fn when(&self, then: DateTime<Utc>, now: DateTime<Utc>, tz: Tz) -> String {
        let (t, n) = (then.with_timezone(&tz), now.with_timezone(&tz));
        let clock = format!("{:02}:{:02}", t.hour(), t.minute());
        if t.date_naive() == n.date_naive() {
            clock
        } else if t.year() == n.year() {
            format!("{} {clock}", self.weekday_day_month(t.date_naive()))
        } else {
            format!("{} {clock}", self.day_month_year(t.date_naive()))
        }
    }

    /// A range of delays for a histogram: `≤ 15 min`, `15–60 min`, `1–4 h`,
    /// `1–3 days`, `> 3 days`. `from` and `to` in seconds (`to` None: no
    /// end); `to_included`: whether the upper bound belongs to the range.
    pub fn delay_range(&self, from: i64, to: Option<i64>, to_included: bool) -> String {
        let f = &self.formats;
        // The largest unit both bounds are whole in.
        let units = [
            (86_400, f.days_word),
            (3600, f.hours_word),
            (60, f.minutes_word),
        ];
        let whole = |secs: &[i64]| {
            units
                .iter()
                .find(|(size, _)| secs.iter().all(|s| s % size == 0))
                .copied()
                .unwrap_or((60, f.minutes_word))
        };
        match (from, to) {
            (0, Some(to)) => {
                let (size, word) = whole(&[to]);
                let sign = if to_included { "≤" } else { "<" };
                format!("{sign} {}\u{a0}{word}", to / size)
            }
            (from, Some(to)) => {
                let (size, word) = whole(&[from, to]);
                format!("{}–{}\u{a0}{word}", from / size, to / size)
            }
            (from, None) => {
                let (size, word) = whole(&[from]);
                let sign = if to_included { ">" } else { "≥" };
                format!("{sign} {}\u{a0}{word}", from / size)
            }
        }
    }
}

/// `1 message`, `3 messages` (English: one is singular, zero is not).
pub(crate) fn en_n(n: impl std::fmt::Display, one: &str, many: &str) -> String {
    let n = n.to_string();
    let word = if n == "1" { one } else { many };
    format!("{n} {word}")
}

/// `0 message`, `1 message`, `3 messages` (French: zero and one are singular).
pub(crate) fn fr_n(n: impl std::fmt::Display, one: &str, many: &str) -> String {
    let n = n.to_string();
    let word = if n == "0" || n == "1" { one } else { many };
    format!("{n} {word}")
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;
    use chrono::{NaiveDate, TimeZone, Utc};

    #[test]
    fn counts_group_and_shorten_in_each_language() {
        let (en, fr) = (Lang::En.t(), Lang::Fr.t());
        assert_eq!(en.count(120_350), "120,350");
        assert_eq!(fr.count(120_350), "120\u{202f}350");
        assert_eq!(fr.count(1_234), "1234");
        assert_eq!(en.count(999), "999");
        assert_eq!(en.compact(120_350), "120.3k");
        assert_eq!(fr.compact(120_350), "120,3\u{a0}k");
        assert_eq!(en.compact(2_000), "2k");
        assert_eq!(fr.compact(1_250_000), "1,2\u{a0}M");
        assert_eq!(en.compact(999_990), "1M");
        assert_eq!(en.compact(42), "42");
        assert_eq!(en.signed(-3), "−3");
    }

    #[test]
    fn percentages_and_durations_follow_the_language() {
        let (en, fr) = (Lang::En.t(), Lang::Fr.t());
        assert_eq!(en.percent(Some(0.625)), "62.50%");
        assert_eq!(fr.percent(Some(0.125)), "12,50\u{202f}%");
        assert_eq!(fr.percent(None), "—");
        assert_eq!(fr.share(0.87), "87\u{202f}%");
        assert_eq!(en.duration(9 * 3600 + 15 * 60), "9h\u{a0}15m");
        assert_eq!(fr.duration(2 * 3600 + 10 * 60), "2\u{a0}h\u{a0}10\u{a0}min");
        assert_eq!(en.duration(3600), "1h");
        assert_eq!(fr.duration(45), "45\u{a0}s");
        assert_eq!(fr.duration(2 * 86_400 + 3 * 3600), "2\u{a0}j\u{a0}3\u{a0}h");
        assert_eq!(en.duration(12 * 60 + 5), "12m\u{a0}05s");
    }

    #[test]
    fn dates_and_ages_read_as_each_language_writes_them() {
        let (en, fr) = (Lang::En.t(), Lang::Fr.t());
        let now = Utc.with_ymd_and_hms(2026, 11, 10, 12, 0, 0).unwrap();
        let paris = chrono_tz::Europe::Paris;
        let today = Utc.with_ymd_and_hms(2026, 11, 10, 7, 58, 0).unwrap();
        assert_eq!(en.when(today, now, paris), "08:58");
        let monday = Utc.with_ymd_and_hms(2026, 11, 9, 18, 5, 0).unwrap();
        assert_eq!(en.when(monday, now, paris), "Mon 9 Nov 19:05");
        assert_eq!(fr.when(monday, now, paris), "lun. 9 nov. 19:05");
        let last_year = Utc.with_ymd_and_hms(2025, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(
            fr.when(last_year, now, chrono_tz::UTC),
            "31 déc. 2025 23:30"
        );
        // Late on New Year’s Eve in UTC is already this year in Paris.
        assert_eq!(en.when(last_year, now, paris), "Thu 1 Jan 00:30");
        let first = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let seventh = NaiveDate::from_ymd_opt(2026, 11, 7).unwrap();
        assert_eq!(fr.day_span(first, seventh), "1er nov. – 7 nov. 2026");
        assert_eq!(en.day_span(first, first), "1 Nov 2026");
        assert_eq!(
            fr.age(now - chrono::Duration::minutes(3), now),
            "3\u{a0}min"
        );
        assert_eq!(en.age(now - chrono::Duration::days(2), now), "2d");
    }

    #[test]
    fn delay_ranges_name_their_bounds_in_whole_units() {
        let (en, fr) = (Lang::En.t(), Lang::Fr.t());
        assert_eq!(en.delay_range(0, Some(900), true), "≤ 15\u{a0}min");
        assert_eq!(en.delay_range(900, Some(3600), true), "15–60\u{a0}min");
        assert_eq!(en.delay_range(3600, Some(4 * 3600), true), "1–4\u{a0}h");
        assert_eq!(
            fr.delay_range(86_400, Some(3 * 86_400), true),
            "1–3\u{a0}jours"
        );
        assert_eq!(en.delay_range(3 * 86_400, None, true), "> 3\u{a0}days");
        assert_eq!(en.delay_range(7 * 86_400, None, false), "≥ 7\u{a0}days");
        assert_eq!(en.delay_range(0, Some(3600), false), "< 1\u{a0}h");
    }

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(super::en_n(1, "message", "messages"), "1 message");
        assert_eq!(super::en_n(0, "message", "messages"), "0 messages");
        assert_eq!(
            super::en_n("1,204", "message", "messages"),
            "1,204 messages"
        );
        assert_eq!(super::fr_n(0, "message", "messages"), "0 message");
        assert_eq!(super::fr_n(2, "message", "messages"), "2 messages");
    }
}
