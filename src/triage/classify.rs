//! Per-message analysis: language, sentiment, complaint and hostility, each
//! with the cues that produced it.

use super::lexicon::{Language, Lexicons};
use super::sentiment::{self, Cue, Sentiment, Tone};
use super::words;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub lang: &'static str,
    pub sentiment: Sentiment,
    /// 0…1: how much this reads as a complaint or criticism addressed to an organisation.
    pub complaint: f32,
    pub complaint_cues: Vec<String>,
    /// 0…1: offensive, abusive or hateful.
    pub hostile: f32,
    pub hostile_cues: Vec<String>,
    /// The danger or harm the message reports ("pris feu", "burnt"), if
    /// it reports one (see `danger`): a safety report.
    pub danger: Vec<String>,
}

/// The language when the message does not say: French or English;
/// anything else is scored with the English lists. Function words decide
/// when they clearly point one way (most messages); whatlang's trigrams
/// decide the rest. Measured on the labelled sets in `../shared/data`: more
/// often right than whatlang alone (EN complaints 95.8% against 93.1%, EN
/// sentiment 95.4% against 93.5%, FR hostility 99.2% against 98.8%), and
/// about four times faster on a million messages.
pub fn detect_lang(text: &str) -> Language {
    if let Some(lang) = Lexicons::get().function_word_lang(text) {
        return lang;
    }
    // Only the two languages we score: much cheaper than asking among all.
    static DETECTOR: std::sync::OnceLock<whatlang::Detector> = std::sync::OnceLock::new();
    let detector = DETECTOR.get_or_init(|| {
        whatlang::Detector::with_allowlist(vec![whatlang::Lang::Eng, whatlang::Lang::Fra])
    });
    match detector.detect_lang(text) {
        Some(whatlang::Lang::Fra) => Language::Fr,
        _ => Language::En,
    }
}

/// Analyses one message. `lang` is the message's own language code if it
/// has one. English tone is the shipped model's reading (`shipped`) of the
/// words and the rules' scores; French tone is the rules'.
pub fn analyze(text: &str, lang: Option<&str>) -> Analysis {
    analyze_with_features(text, lang).0
}

/// `analyze`, with the features the learned models read: the words and the
/// rules' own scores (`learn::dense` of `analyze_rules`), which the shipped
/// English model reads too.
pub fn analyze_with_features(text: &str, lang: Option<&str>) -> (Analysis, super::learn::Features) {
    let mut a = analyze_rules(text, lang);
    let dense = super::learn::dense(&a);
    let x = super::learn::Features::of(text, dense.clone());
    if a.lang == "en"
        && let Some(p) = super::shipped::english(&words(text).collect::<Vec<_>>(), dense)
    {
        let danger = !a.danger.is_empty();
        a.sentiment.polarity = super::shipped::tone(&p, danger, a.complaint);
        a.sentiment.score = super::shipped::score(&p, danger, a.sentiment.score);
    }
    (a, x)
}

/// `analyze` by the rules alone: lexicons, danger, complaint cues (what the
/// shipped model reads besides the words).
pub fn analyze_rules(text: &str, lang: Option<&str>) -> Analysis {
    let lex = Lexicons::get();
    let lang = lang
        .map(Language::from_code)
        .unwrap_or_else(|| detect_lang(text));
    let (mut sentiment, (found, (complaint, complaint_cues))) =
        sentiment::score_words_with(text, lang, lex, true, |sentiment, words| {
            let found = danger_in(words, sentiment);
            let complaint = complaint_score(text, words, lang, sentiment, &found, true);
            (found, complaint)
        });
    mark_danger(&mut sentiment, &found, true);
    mark_complaint(&mut sentiment, complaint);
    let (hostile, hostile_cues) = hostile_score(text);
    Analysis {
        lang: match lang {
            Language::En => "en",
            Language::Fr => "fr",
        },
        sentiment,
        complaint,
        complaint_cues,
        hostile,
        hostile_cues,
        danger: found.map(|f| f.cues).unwrap_or_default(),
    }
}

/// The danger the words report, if they report one.
fn danger_in(words: &[&str], sentiment: &Sentiment) -> Option<super::danger::Found> {
    let found = super::danger::scan(words.iter().copied());
    found
        .is_danger(sentiment.polarity == Tone::Negative)
        .then_some(found)
}

/// A message that reports danger or harm reads as negative, however
/// politely it is put ("thanks, my kettle caught fire").
fn mark_danger(sentiment: &mut Sentiment, found: &Option<super::danger::Found>, explain: bool) {
    let Some(found) = found else { return };
    sentiment.score = sentiment.score.min(DANGER_SCORE);
    sentiment.polarity = Tone::Negative;
    if explain {
        sentiment.cues.insert(
            0,
            Cue {
                text: format!("danger: {}", found.cues.join(", ")),
                weight: DANGER_SCORE * 4.0,
            },
        );
    }
}

/// A complaint addressed to an organisation that does not read as praise
/// is negative ("@airline 3 hours on the tarmac, no information"): brand
/// complaints often name the problem without a sentiment word. The score
/// stays the lexicon's.
fn mark_complaint(sentiment: &mut Sentiment, complaint: f32) {
    if complaint >= 0.5 && sentiment.polarity == Tone::Neutral {
        sentiment.polarity = Tone::Negative;
    }
}

/// The sentiment score of a danger report at most: clearly negative.
const DANGER_SCORE: f32 = -0.6;

/// The scores alone, without the cues that explain them: what the queue
/// keeps for every imported message. The same numbers as `analyze`.
pub fn scores(text: &str, lang: Option<&str>) -> Scores {
    let lex = Lexicons::get();
    let lang = lang
        .map(Language::from_code)
        .unwrap_or_else(|| detect_lang(text));
    let (mut sentiment, (found, complaint)) =
        sentiment::score_words_with(text, lang, lex, false, |sentiment, words| {
            let found = danger_in(words, sentiment);
            let complaint = complaint_score(text, words, lang, sentiment, &found, false).0;
            (found, complaint)
        });
    mark_danger(&mut sentiment, &found, false);
    mark_complaint(&mut sentiment, complaint);
    if lang == Language::En {
        // One pass over the words for the hostility score and the model.
        let words: Vec<String> = words(text).collect();
        let dense = super::learn::dense_of(&sentiment, complaint, hostile_of(&words).0, false);
        if let Some(p) = super::shipped::english(&words, dense) {
            let danger = found.is_some();
            sentiment.polarity = super::shipped::tone(&p, danger, complaint);
            sentiment.score = super::shipped::score(&p, danger, sentiment.score);
        }
    }
    Scores {
        tone: sentiment.polarity,
        sentiment: sentiment.score,
        complaint,
        danger: found.is_some(),
    }
}

fn complaint_score(
    text: &str,
    words: &[&str],
    lang: Language,
    sentiment: &Sentiment,
    danger: &Option<super::danger::Found>,
    explain: bool,
) -> (f32, Vec<String>) {
    let lex = Lexicons::get();
    // Each cue word counts once.
    let mut found: Vec<&str> = Vec::new();
    // The prior: most messages are not complaints.
    let mut z = -0.9f32;
    for w in words {
        let w = w.trim_end_matches(|c: char| c.is_ascii_punctuation());
        if let Some(weight) = lex.complaint_cue(lang, w)
            && !found.contains(&w)
        {
            z += weight;
            found.push(w);
        }
    }
    // Negative tone adds, positive tone takes away; a danger report is a
    // complaint whatever its tone.
    z += match danger {
        Some(_) => 3.0 + sentiment.score.abs(),
        None => -sentiment.score * 2.0,
    };
    let mut cues: Vec<String> = Vec::new();
    if explain {
        if let Some(d) = danger {
            cues.extend(d.cues.iter().cloned());
        }
        cues.extend(found.iter().map(|w| w.to_string()));
    }
    if explain && sentiment.polarity == Tone::Negative {
        cues.extend(
            sentiment
                .cues
                .iter()
                .filter(|c: &&Cue| c.weight < 0.0)
                .map(|c| c.text.clone()),
        );
    }
    // Addressed to someone (an @handle: a word starting with @): complaints are.
    let addressed = text.match_indices('@').any(|(i, _)| {
        text[..i]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
            && text[i + 1..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace())
    });
    if addressed {
        z += 0.4;
    }
    if text.contains('?') {
        z += 0.2;
    }
    // Waiting counted in hours or days, not being able to, having called or
    // asked for a repair: the marks of a customer with a problem.
    if has_duration(words) {
        z += 0.5;
    }
    if words.iter().any(|w| lex.is_inability(lang, w)) {
        z += 0.4;
    }
    if words.iter().any(|w| lex.is_remedy(lang, w)) {
        z += 0.4;
    }
    // Negative feelings about nothing an organisation sells or does
    // ("RIP Stan", "that ref's call was terrible") are not complaints: the
    // tone counts little without a cue of a product or service, or when
    // the message is addressed to no one.
    if danger.is_none() {
        let negative = sentiment.score.min(0.0);
        if found.is_empty() && !to_customer_service(text) {
            z += negative * 1.5;
        }
        if !addressed {
            z += negative;
        }
    }
    cues.dedup();
    (1.0 / (1.0 + (-z).exp()), cues)
}

/// Addressed to a customer-service account ("@AppleSupport",
/// "@ZARA_Care", "@FC_Help", "@SNCF_SAV"): negativity there is about the
/// service.
fn to_customer_service(text: &str) -> bool {
    const MARKS: &[&str] = &["support", "help", "care", "service", "svc", "sav", "client"];
    text.match_indices('@').any(|(i, _)| {
        let handle: String = text[i + 1..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .flat_map(char::to_lowercase)
            .collect();
        MARKS.iter().any(|m| handle.contains(m))
    })
}

/// "3 hours", "2 weeks", "45min", "3 jours": how long something has taken.
fn has_duration(words: &[&str]) -> bool {
    const UNITS: &[&str] = &[
        "min", "mins", "minutes", "hour", "hours", "hrs", "hr", "h", "day", "days", "week",
        "weeks", "wks", "month", "months", "year", "years", "heure", "heures", "jour", "jours",
        "semaine", "semaines", "mois", "an", "ans",
    ];
    let number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    words
        .windows(2)
        .any(|w| number(w[0]) && UNITS.contains(&w[1]))
        || words.iter().any(|w| {
            let digits = w.bytes().take_while(u8::is_ascii_digit).count();
            digits > 0 && digits < w.len() && UNITS.contains(&&w[digits..])
        })
}

fn hostile_score(text: &str) -> (f32, Vec<String>) {
    let words: Vec<String> = words(text).collect();
    hostile_of(&words)
}

/// `hostile_score` from the message's words (`triage::words`).
fn hostile_of(words: &[String]) -> (f32, Vec<String>) {
    let lex = Lexicons::get();
    let cues: Vec<String> = words
        .iter()
        .filter(|w| lex.is_hostile(w))
        .cloned()
        .collect();
    let score = match cues.len() {
        0 => 0.1,
        1 => 0.7,
        _ => 0.9,
    };
    (score, cues)
}

pub use crate::model::Scores;

impl Scores {
    /// Our own replies are not triaged: nothing to detect in them.
    pub fn for_message(m: &crate::model::Message) -> Option<Scores> {
        (m.direction == crate::model::Direction::Inbound)
            .then(|| Scores::of(&m.text, m.lang.as_deref()))
    }

    pub fn of(text: &str, lang: Option<&str>) -> Scores {
        scores(text, lang)
    }
}
