//! Property tests: scoring never panics and stays in range on any text a
//! network could send — control characters, combining marks, right-to-left
//! scripts, emoji sequences, words thousands of characters long.

use chrono::{Duration, TimeZone, Utc};
use palabre::triage::categories;
use palabre::triage::classify::{Scores, analyze};
use palabre::triage::crisis::{Detector, Mention, Settings, danger_words};
use palabre::triage::learn::{Features, OnlineModel, blend};
use palabre::triage::lexicon::{Language, Lexicons};
use palabre::triage::sentiment::score_words;
use proptest::prelude::*;

/// Characters that break naive text code, mixed with ordinary ones.
fn awkward_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        1 => Just(' '),
        1 => Just('\''),
        1 => Just('-'),
        1 => Just('!'),
        1 => Just('?'),
        1 => Just('@'),
        1 => Just('#'),
        // C0 and C1 controls, escape included.
        1 => proptest::char::range('\u{0}', '\u{1f}'),
        1 => proptest::char::range('\u{7f}', '\u{9f}'),
        // Combining marks.
        1 => proptest::char::range('\u{300}', '\u{36f}'),
        // Hebrew and Arabic, and bidi overrides and isolates.
        1 => proptest::char::range('\u{5d0}', '\u{5ea}'),
        1 => proptest::char::range('\u{627}', '\u{64a}'),
        1 => proptest::char::range('\u{202a}', '\u{202e}'),
        1 => proptest::char::range('\u{2066}', '\u{2069}'),
        // Zero-width joiners, variation selectors, emoji and their modifiers.
        1 => Just('\u{200d}'),
        1 => Just('\u{fe0f}'),
        1 => proptest::char::range('\u{1f600}', '\u{1f64f}'),
        1 => proptest::char::range('\u{1f3fb}', '\u{1f3ff}'),
        1 => proptest::char::range('\u{1f1e6}', '\u{1f1ff}'),
        // Letters that change length when lower-cased (İ), accented Latin.
        1 => Just('İ'),
        1 => proptest::char::range('À', 'ÿ'),
        1 => any::<char>(),
    ]
}

fn awkward_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::collection::vec(awkward_char(), 0..200)
            .prop_map(|c| c.into_iter().collect::<String>()),
        1 => any::<String>(),
        // One very long word, elongated ("noooo…"), or a long run of one emoji.
        1 => (awkward_char(), 1000usize..20_000)
            .prop_map(|(c, n)| std::iter::repeat_n(c, n).collect::<String>()),
        // Real cues with awkward characters around them.
        1 => (proptest::collection::vec(awkward_char(), 0..20), proptest::sample::select(vec![
            "never arrived", "toujours pas", "remboursez-moi", "not bad", "ne marche pas",
            "STILL WAITING!!!", "j'adore", "fire hazard", "💔😡", "n'est pas génial",
        ]))
            .prop_map(|(c, cue)| {
                let noise: String = c.into_iter().collect();
                format!("{noise}{cue}{noise}")
            }),
    ]
}

fn in_range(x: f32, lo: f32, hi: f32) -> bool {
    x.is_finite() && (lo..=hi).contains(&x)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn analysis_stays_in_range(text in awkward_text(), lang in proptest::option::of(prop_oneof![
        Just("en".to_string()), Just("fr".to_string()), Just("xx".to_string()), Just(String::new())
    ])) {
        let a = analyze(&text, lang.as_deref());
        prop_assert!(in_range(a.sentiment.score, -1.0, 1.0), "sentiment {}", a.sentiment.score);
        prop_assert!(in_range(a.complaint, 0.0, 1.0), "complaint {}", a.complaint);
        prop_assert!(in_range(a.hostile, 0.0, 1.0), "hostile {}", a.hostile);
        prop_assert!(a.lang == "en" || a.lang == "fr");
        let s = Scores::of(&text, lang.as_deref());
        prop_assert_eq!(s.tone, a.sentiment.polarity);
        prop_assert!(in_range(s.sentiment, -1.0, 1.0) && in_range(s.complaint, 0.0, 1.0));
    }

    #[test]
    fn sentiment_words_stay_in_range_in_both_languages(text in awkward_text()) {
        for lang in [Language::En, Language::Fr] {
            let (s, _) = score_words(&text, lang, Lexicons::get());
            prop_assert!(in_range(s.score, -1.0, 1.0), "{lang:?} {}", s.score);
            prop_assert!(s.cues.iter().all(|c| c.weight.is_finite()));
        }
    }

    #[test]
    fn category_suggestions_come_with_reasons(text in awkward_text()) {
        for s in categories::suggest(&text) {
            prop_assert!(!s.reasons.is_empty());
            prop_assert!(categories::Rules::default().names().any(|n| n == s.category));
        }
    }

    #[test]
    fn the_learned_model_gives_probabilities(text in awkward_text(), label in 0usize..3) {
        let mut m = OnlineModel::new(3, 2);
        let x = Features::of(&text, vec![0.5, -0.5]);
        m.learn(&x, label);
        let p = blend(&[0.8, 0.1, 0.1], &m.probabilities(&x), m.seen());
        prop_assert!(p.iter().all(|v| in_range(*v, 0.0, 1.0)), "{p:?}");
        prop_assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-3, "{p:?}");
    }
}

proptest! {
    // Each case feeds hundreds of mentions: fewer cases, as much coverage.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_crisis_score_stays_between_0_and_100(
        texts in proptest::collection::vec(awkward_text(), 1..8),
        gaps in proptest::collection::vec(0i64..600, 1..400),
        followers in proptest::collection::vec(any::<u64>(), 1..8),
        verified in any::<bool>(),
    ) {
        let start = Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap();
        // Quick settings so that short runs can alert at all.
        let mut d = Detector::new(Settings {
            warmup: Duration::hours(1),
            min_weight: 1.0,
            ..Settings::default()
        });
        let danger: Vec<Vec<String>> = texts.iter().map(|t| danger_words(t)).collect();
        let mut at = start;
        for (i, gap) in gaps.iter().enumerate() {
            at += Duration::seconds(*gap);
            let m = Mention {
                at,
                followers: followers[i % followers.len()],
                verified,
                danger: danger[i % danger.len()].clone(),
            };
            prop_assert!(m.weight().is_finite() && m.weight() >= 1.0);
            if let Some(alert) = d.push(&m) {
                prop_assert!(alert.score <= 100, "{alert:?}");
                prop_assert!(alert.surprise.is_finite() && alert.window_weight.is_finite());
            }
        }
    }
}
