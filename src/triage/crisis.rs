//! Crisis detection over the stream of negative mentions: a sliding window
//! compared with a baseline that knows the hour of the day and the day of
//! the week, weighted by author reach and danger words, with a cool-down
//! between alerts. Pure: events in, alerts out.

use chrono::{DateTime, Datelike, Duration, Timelike, Utc};
use serde::Serialize;
use std::collections::VecDeque;

/// How eagerly the detector alerts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sensitivity {
    Low,
    Medium,
    High,
}

impl Sensitivity {
    /// How improbable the window must be under the baseline, as −log10 of
    /// the Poisson tail probability (5 means one chance in 100,000).
    fn surprise(self) -> f64 {
        match self {
            Sensitivity::Low => 7.0,
            Sensitivity::Medium => 5.0,
            Sensitivity::High => 3.5,
        }
    }
}

/// −log10 P(X ≥ k) for X ~ Poisson(λ): how surprising k events are.
pub fn poisson_surprise(k: u64, lambda: f64) -> f64 {
    if k == 0 {
        return 0.0;
    }
    let lambda = lambda.max(1e-9);
    // Sum the tail in log space: terms from k upwards until negligible.
    let ln_term = |i: u64| -lambda + i as f64 * lambda.ln() - ln_factorial(i);
    let first = ln_term(k);
    let mut sum = 1.0;
    let mut ratio = 1.0;
    for i in k + 1..k + 400 {
        ratio *= lambda / i as f64;
        sum += ratio;
        if ratio < 1e-12 {
            break;
        }
    }
    let ln_p = (first + sum.ln()).min(0.0);
    // When λ is large the tail is near 1: no surprise.
    -ln_p / std::f64::consts::LN_10
}

fn ln_factorial(n: u64) -> f64 {
    (1..=n).map(|i| (i as f64).ln()).sum()
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub window: Duration,
    pub cooldown: Duration,
    pub sensitivity: Sensitivity,
    /// Fewer weighted mentions than this in the window never alert.
    pub min_weight: f64,
    /// History needed before alerting (a baseline needs days to mean anything).
    pub warmup: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window: Duration::minutes(30),
            cooldown: Duration::hours(3),
            sensitivity: Sensitivity::Medium,
            min_weight: 4.0,
            warmup: Duration::days(3),
        }
    }
}

/// Followers from which an account is large: its danger report alone is
/// worth watching.
pub const LARGE_ACCOUNT: u64 = 10_000;

/// One negative mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub at: DateTime<Utc>,
    pub followers: u64,
    pub verified: bool,
    /// Danger words found in it ("fire", "brûlé", …).
    pub danger: Vec<String>,
}

impl Mention {
    pub fn plain(at: DateTime<Utc>) -> Mention {
        Mention {
            at,
            followers: 0,
            verified: false,
            danger: Vec::new(),
        }
    }

    /// Reach and danger make a mention count for more than one: a report
    /// of danger or harm counts as three more.
    pub fn weight(&self) -> f64 {
        let reach = (self.followers as f64 + 1.0).log10() / 4.0;
        1.0 + reach.min(1.5)
            + if self.verified { 0.5 } else { 0.0 }
            + if self.danger.is_empty() { 0.0 } else { 3.0 }
    }

    /// A danger report from a large or verified account: worth watching by
    /// itself, before any burst.
    pub fn watch_alone(&self) -> bool {
        !self.danger.is_empty() && (self.verified || self.followers >= LARGE_ACCOUNT)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alert {
    pub at: DateTime<Utc>,
    /// 0…100
    pub score: u8,
    pub window_weight: f64,
    pub mentions: usize,
    pub expected: f64,
    /// −log10 of the probability of such a window under the baseline.
    pub surprise: f64,
    /// The window's length in minutes.
    pub window_minutes: i64,
    /// Danger words in the window's mentions.
    pub danger: Vec<String>,
    /// In English, for the replay tool; the interface says it from the
    /// values above.
    pub explanation: String,
}

/// Hour-of-week buckets: 0 = Monday 00:00 UTC.
const BUCKETS: usize = 7 * 24;

pub struct Detector {
    settings: Settings,
    window: VecDeque<(DateTime<Utc>, f64)>,
    window_weight: f64,
    /// Weighted mentions seen in each hour-of-week bucket, and how many
    /// such hours have passed.
    bucket_weight: [f64; BUCKETS],
    bucket_hours: [u32; BUCKETS],
    first: Option<DateTime<Utc>>,
    /// The hour being counted (start), and its weight so far.
    current_hour: Option<DateTime<Utc>>,
    current_weight: f64,
    last_alert: Option<DateTime<Utc>>,
    /// Σw and Σw² over all mentions: weighted counts vary more than plain
    /// counts, by the factor Σw²/Σw.
    sum_w: f64,
    sum_w2: f64,
}

fn bucket(t: DateTime<Utc>) -> usize {
    t.weekday().num_days_from_monday() as usize * 24 + t.hour() as usize
}

fn hour_start(t: DateTime<Utc>) -> DateTime<Utc> {
    t - Duration::minutes(t.minute() as i64)
        - Duration::seconds(t.second() as i64)
        - Duration::nanoseconds(t.nanosecond() as i64)
}

impl Detector {
    pub fn new(settings: Settings) -> Detector {
        Detector {
            settings,
            window: VecDeque::new(),
            window_weight: 0.0,
            bucket_weight: [0.0; BUCKETS],
            bucket_hours: [0; BUCKETS],
            first: None,
            current_hour: None,
            current_weight: 0.0,
            last_alert: None,
            sum_w: 0.0,
            sum_w2: 0.0,
        }
    }

    /// Closes the hours between the last mention and `until` into the baseline.
    fn roll_hours(&mut self, until: DateTime<Utc>) {
        let target = hour_start(until);
        let Some(mut hour) = self.current_hour else {
            self.current_hour = Some(target);
            return;
        };
        while hour < target {
            let b = bucket(hour);
            self.bucket_weight[b] += self.current_weight;
            self.bucket_hours[b] += 1;
            self.current_weight = 0.0;
            hour += Duration::hours(1);
        }
        self.current_hour = Some(target);
    }

    /// The usual weight per hour at `t`: the same hour of the same kind of
    /// day, with the same weekday counting as its evidence allows.
    fn expected_per_hour(&self, t: DateTime<Utc>) -> (f64, f64) {
        let h = t.hour() as usize;
        let b = bucket(t);
        let mut all_w = 0.0;
        let mut all_n = 0u32;
        // The hour and its neighbours, on days of the same kind (weekdays or
        // weekends): activity changes smoothly through the day, and two
        // weeks give few samples of one hour of one weekday.
        let weekend = b / 24 >= 5;
        for d in (0..7).filter(|d| (*d >= 5) == weekend) {
            for dh in [23, 0, 1] {
                let hh = (h + dh) % 24;
                all_w += self.bucket_weight[d * 24 + hh];
                all_n += self.bucket_hours[d * 24 + hh];
            }
        }
        // One hour of prior at the overall rate: an hour never seen busy is
        // rare, not impossible, to see busy, and few samples are not biased.
        let total_w: f64 = self.bucket_weight.iter().sum();
        let total_n: u32 = self.bucket_hours.iter().sum();
        // At least one mention an hour: a quiet stream's rare mentions are
        // not evidence that a handful at once is a crisis.
        let prior = ((total_w + 1.0) / (total_n as f64 + 1.0)).max(1.0);
        let day_mean = (all_w + prior) / (all_n as f64 + 1.0);
        // The same weekday counts as much as its evidence allows.
        let n_same = self.bucket_hours[b] as f64;
        let same_mean = if n_same > 0.0 {
            self.bucket_weight[b] / n_same
        } else {
            day_mean
        };
        let trust = n_same / (n_same + 3.0);
        let mean = (1.0 - trust) * day_mean + trust * same_mean;
        (mean, all_n as f64)
    }

    /// Feeds one mention (in time order); returns an alert if it tips the
    /// window over the baseline.
    pub fn push(&mut self, m: &Mention) -> Option<Alert> {
        self.first.get_or_insert(m.at);
        self.roll_hours(m.at);
        let w = m.weight();
        self.sum_w += w;
        self.sum_w2 += w * w;
        self.current_weight += w;
        self.window.push_back((m.at, w));
        self.window_weight += w;
        while let Some((t, w)) = self.window.front().copied() {
            if m.at - t > self.settings.window {
                self.window.pop_front();
                self.window_weight -= w;
            } else {
                break;
            }
        }
        let warmed = self.first.is_some_and(|f| m.at - f >= self.settings.warmup);
        let cooling = self
            .last_alert
            .is_some_and(|a| m.at - a < self.settings.cooldown);
        if !warmed || cooling || self.window_weight < self.settings.min_weight {
            return None;
        }
        let (per_hour, _) = self.expected_per_hour(m.at);
        let fraction = self.settings.window.num_seconds() as f64 / 3600.0;
        let expected = per_hour * fraction;
        // Scale weights back to counts with Poisson-like spread.
        let dispersion = if self.sum_w > 0.0 {
            (self.sum_w2 / self.sum_w).max(1.0)
        } else {
            1.0
        };
        let observed = (self.window_weight / dispersion).floor() as u64;
        let surprise = poisson_surprise(observed, expected / dispersion);
        // A window is tested at every mention: a busy stream tests many
        // more windows, so the bar rises with the expected count (a
        // Bonferroni-style correction for repeated tests).
        let threshold = self.settings.sensitivity.surprise() + expected.max(1.0).log10();
        if surprise < threshold {
            return None;
        }
        self.last_alert = Some(m.at);
        let z = surprise;
        let score = (100.0 * (1.0 - (-(surprise / threshold)).exp()))
            .round()
            .clamp(0.0, 100.0) as u8;
        let mut danger: Vec<&String> = self.window_danger(m);
        danger.dedup();
        let explanation = format!(
            "{:.1} weighted negative mentions ({}) in the last {} min against {:.1} usual at this hour (a chance of 1 in 10^{:.1}){}",
            self.window_weight,
            self.window.len(),
            self.settings.window.num_minutes(),
            expected,
            z,
            if danger.is_empty() {
                String::new()
            } else {
                format!(
                    "; danger words: {}",
                    danger
                        .iter()
                        .map(|d| d.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        );
        Some(Alert {
            at: m.at,
            score,
            window_weight: self.window_weight,
            mentions: self.window.len(),
            expected,
            surprise: z,
            window_minutes: self.settings.window.num_minutes(),
            danger: danger.iter().map(|d| d.to_string()).collect(),
            explanation,
        })
    }

    fn window_danger<'a>(&self, m: &'a Mention) -> Vec<&'a String> {
        m.danger.iter().collect()
    }
}

/// splitmix64, for reproducible background traffic.
struct Rng(u64);

impl Rng {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Normal background traffic between `start` and `end`: for each hour, a
/// Poisson number of mentions with the mean of that hour of the week in
/// `rhythm` (mentions per hour, hour-of-week from Monday 00:00 UTC).
pub fn background(
    rhythm: &[f64; BUCKETS],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    seed: u64,
) -> Vec<Mention> {
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    let mut hour = hour_start(start);
    while hour < end {
        let lambda = rhythm[bucket(hour)].max(0.0);
        // Knuth's Poisson sampler: fine for small means.
        let limit = (-lambda).exp();
        let mut k = 0;
        let mut p = rng.next_f64();
        while p > limit && k < 200 {
            k += 1;
            p *= rng.next_f64();
        }
        for _ in 0..k {
            let at = hour + Duration::seconds((rng.next_f64() * 3600.0) as i64);
            if at >= start && at < end {
                out.push(Mention::plain(at));
            }
        }
        hour += Duration::hours(1);
    }
    out.sort_by_key(|m| m.at);
    out
}

/// Negative mentions per hour of the week in a set of timestamps, averaged
/// over the weeks they span.
pub fn rhythm_of(times: &[DateTime<Utc>]) -> [f64; BUCKETS] {
    let mut counts = [0.0; BUCKETS];
    let (Some(first), Some(last)) = (times.iter().min(), times.iter().max()) else {
        return counts;
    };
    let weeks = ((*last - *first).num_hours() as f64 / (24.0 * 7.0)).max(1.0);
    for t in times {
        counts[bucket(*t)] += 1.0;
    }
    for c in counts.iter_mut() {
        *c /= weeks;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn flat_rhythm(per_hour: f64) -> [f64; BUCKETS] {
        [per_hour; BUCKETS]
    }

    #[test]
    fn quiet_weeks_raise_nothing_and_a_burst_alerts_quickly() {
        let start = Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap();
        let end = start + Duration::days(14);
        let mut d = Detector::new(Settings::default());
        for m in background(&flat_rhythm(1.5), start, end, 3) {
            assert!(d.push(&m).is_none(), "false alert at {}", m.at);
        }
        let onset = end + Duration::hours(1);
        let mut fired = None;
        for i in 0..30 {
            if let Some(a) = d.push(&Mention::plain(onset + Duration::minutes(i * 2))) {
                fired = Some(a);
                break;
            }
        }
        let alert = fired.expect("the burst must alert");
        assert!(alert.at - onset <= Duration::minutes(30), "{alert:?}");
        assert!(alert.score > 0 && alert.explanation.contains("chance of 1 in"));
    }

    #[test]
    fn cooldown_holds_back_a_second_alert() {
        let start = Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap();
        let mut d = Detector::new(Settings {
            warmup: Duration::zero(),
            ..Default::default()
        });
        let alerts = (0..60)
            .filter_map(|i| d.push(&Mention::plain(start + Duration::minutes(i))))
            .count();
        assert_eq!(alerts, 1);
    }

    #[test]
    fn surprise_grows_with_the_count() {
        assert!(poisson_surprise(4, 0.1) > 5.0);
        assert!(poisson_surprise(2, 1.0) < 1.0);
        assert!(poisson_surprise(10, 0.5) > poisson_surprise(5, 0.5));
        assert_eq!(poisson_surprise(0, 3.0), 0.0);
    }

    #[test]
    fn reach_and_danger_weigh_more() {
        let t = Utc::now();
        let plain = Mention::plain(t).weight();
        let big = Mention {
            followers: 1_000_000,
            verified: true,
            danger: vec!["fire".into()],
            ..Mention::plain(t)
        }
        .weight();
        assert!(big > plain * 2.0);
    }
}

/// The danger or harm a message reports (see `danger`): fire, burns,
/// injury, recall… in English or French. Empty when it reports none.
/// A negative mention that names a disaster (CrisisLex's terms, less
/// those as common outside one) counts as one too.
pub fn danger_words(text: &str) -> Vec<String> {
    let found = super::danger::in_text(text);
    // Mentions reach the detector because they read as negative.
    if found.is_danger(true) {
        return found.cues;
    }
    static WORDS: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        CRISISLEX
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.contains(' ') && !CRISISLEX_COMMON.contains(l))
            .collect()
    });
    let mut found: Vec<String> = super::words(text)
        .filter(|w| words.contains(w.as_str()))
        .collect();
    found.dedup();
    found
}

/// Single-word CrisisLex terms (MIT, see lexicons/README.md).
const CRISISLEX: &str = include_str!("lexicons/crisis_terms.txt");

/// CrisisLex terms as common in a brand's mentions outside any disaster.
const CRISISLEX_COMMON: &[&str] = &[
    "stream",
    "events",
    "safety",
    "military",
    "levy",
    "nursing",
    "authorities",
    "investigation",
    "warning",
    "massive",
    "dramatic",
    "impacted",
    "affected",
    "relief",
    "donate",
    "volunteers",
    "braces",
    "enforcement",
    "magnitude",
    "recover",
    "rebuild",
    "rebuilt",
    "arrest",
    "soldier",
    "troops",
    "residents",
    "footage",
    "dozens",
    "crisis",
    "storm",
    "praying",
    "prayers",
    "saddened",
    "cleanup",
    "surviving",
    "survivor",
    "aftermath",
    "recede",
    "imminent",
    "attack",
    "rescue",
    "redcross",
    "responders",
    "rescuers",
    "terror",
    "emergency",
];

#[cfg(test)]
mod volume_tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn busy_steady_traffic_raises_nothing() {
        let start = Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap();
        let mut d = Detector::new(Settings::default());
        let mentions = background(&[150.0; BUCKETS], start, start + Duration::days(21), 9);
        let alerts: Vec<Alert> = mentions.iter().filter_map(|m| d.push(m)).collect();
        assert!(
            alerts.is_empty(),
            "{} alerts, first: {:?}",
            alerts.len(),
            alerts.first().map(|a| &a.explanation)
        );
    }
}
