//! Sentiment of one message, English and French: a lexicon-and-rules scorer
//! in the manner of VADER (Hutto & Gilbert, 2014), extended with French
//! negation, brand-directed complaint phrases, emoji, elongation and
//! capitals. Pure and deterministic; every score comes with its cues.

use super::lexicon::{Language, Lexicons};
use serde::Serialize;

/// The tone lives in `model` (the store keeps it); this module only
/// judges it.
pub use crate::model::Tone;
/// The old name, for the interface code.
pub use crate::model::Tone as Polarity;

/// A cue that moved the score, for explanations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cue {
    pub text: String,
    pub weight: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentiment {
    pub polarity: Tone,
    /// −1 (very negative) … +1 (very positive).
    pub score: f32,
    pub cues: Vec<Cue>,
}

/// Above these scores a message is positive, below minus these negative.
/// Social and brand-directed text is padded with politeness ("thanks",
/// "please", emoji), so English asks more of positive than of negative; the
/// French lexicon is smaller and its scores compressed. Measured with
/// `palabre eval` (see the README).
fn thresholds(lang: Language) -> (f32, f32) {
    match lang {
        Language::En => (0.45, 0.2),
        Language::Fr => (0.05, 0.05),
    }
}

/// VADER's normalisation constant.
const ALPHA: f32 = 15.0;
const BOOST: f32 = 0.293;
const CAPS_BOOST: f32 = 0.733;
const NEGATION: f32 = -0.74;

/// A token with what the scorer needs to know about it.
#[derive(Debug, Clone)]
struct Token<'a> {
    /// Lower case, elongations squeezed ("soooo" → "soo").
    norm: &'a str,
    caps: bool,
    elongated: bool,
    /// The word ends a clause (". ! ? ;" after it): negation does not
    /// reach past it ("for nothing. So annoying").
    ends_clause: bool,
}

/// Where a token's normalised text lies in the buffer `tokenize` fills
/// (one buffer per message rather than one string per word).
#[derive(Debug, Clone)]
struct Span {
    range: std::ops::Range<usize>,
    caps: bool,
    elongated: bool,
    ends_clause: bool,
}

fn has_run_of_three(word: &str) -> bool {
    let b = word.as_bytes();
    b.windows(3).any(|w| w[0] == w[1] && w[1] == w[2])
}

fn squeeze(word: &str) -> (String, bool) {
    let mut out = String::with_capacity(word.len());
    let mut run = 0;
    let mut prev = None;
    let mut elongated = false;
    for c in word.chars() {
        if Some(c) == prev {
            run += 1;
            if run >= 2 {
                elongated = true;
                continue;
            }
        } else {
            run = 0;
        }
        prev = Some(c);
        out.push(c);
    }
    (out, elongated)
}

/// Every run of a letter made one ("nuul" → "nul").
fn squeeze_to_one(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Lower case, elongations squeezed: a token ready for the lexicons,
/// written at the end of `buf`.
fn token(part: &str, buf: &mut String) -> Span {
    // Capitals: at least two letters, all upper case (no copy of the letters).
    let ascii = part.is_ascii();
    let (mut letters, mut upper) = (0usize, true);
    if ascii {
        for b in part.bytes().filter(u8::is_ascii_alphabetic) {
            letters += 1;
            upper &= b.is_ascii_uppercase();
        }
    } else {
        for c in part.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            upper &= c.is_uppercase();
        }
    }
    let caps = letters >= 2 && upper;
    let start = buf.len();
    if ascii {
        buf.extend(part.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        buf.push_str(&part.to_lowercase());
    }
    // Most words have no letter three times in a row: nothing to squeeze.
    let mut elongated = false;
    if has_run_of_three(&buf[start..]) {
        let squeezed;
        (squeezed, elongated) = squeeze(&buf[start..]);
        buf.truncate(start);
        buf.push_str(&squeezed);
    }
    Span {
        range: start..buf.len(),
        caps,
        elongated,
        ends_clause: false,
    }
}

/// The first `'` or `’` in `s` (a byte scan: most words have neither).
fn find_apostrophe(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len()).find(|&i| b[i] == b'\'' || (b[i] == 0xE2 && b[i + 1..].starts_with(&[0x80, 0x99])))
}

fn tokenize(text: &str, buf: &mut String) -> Vec<Span> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    for raw in text.split_whitespace() {
        // URLs and mentions carry no sentiment.
        if raw.starts_with("http://") || raw.starts_with("https://") || raw.starts_with('@') {
            continue;
        }
        // Emoticons are kept whole; words lose surrounding punctuation.
        let trimmed = if raw.chars().any(char::is_alphanumeric) {
            raw.trim_matches(|c: char| c.is_ascii_punctuation() && c != '\'' && c != '-')
        } else {
            raw
        };
        let piece = if trimmed.is_empty() { raw } else { trimmed };
        let piece = piece.trim_start_matches('#');
        // French elision: l'appli → appli, j'adore → adore, n'est → est (+negation cue).
        let mut rest = piece;
        while let Some(i) = find_apostrophe(rest) {
            let (head, tail) = rest.split_at(i);
            let tail = &tail[tail.chars().next().map_or(0, char::len_utf8)..];
            if head.chars().count() <= 2 && !tail.is_empty() {
                if head.eq_ignore_ascii_case("n") {
                    tokens.push(token("ne", buf));
                }
                rest = tail;
            } else {
                break;
            }
        }
        if !rest.is_empty() {
            tokens.push(token(rest, buf));
        }
        // Emoji inside a word ("génial😍") count on their own.
        if raw.is_ascii() || raw.chars().nth(1).is_none() {
            continue;
        }
        for c in raw
            .chars()
            .filter(|c| !c.is_ascii() && super::lexicon::is_emoji(*c))
        {
            let start = buf.len();
            buf.push(c);
            tokens.push(Span {
                range: start..buf.len(),
                caps: false,
                elongated: false,
                ends_clause: false,
            });
        }
        if raw.ends_with(['.', '!', '?', ';', '…'])
            && let Some(last) = tokens.last_mut()
        {
            last.ends_clause = true;
        }
    }
    tokens
}

/// Scores one message in `lang`.
pub fn score(text: &str, lang: Language, lex: &Lexicons) -> Sentiment {
    score_words(text, lang, lex).0
}

/// Scores one message and returns its normalised words too, so that other
/// scorers need not tokenize again.
pub fn score_words(text: &str, lang: Language, lex: &Lexicons) -> (Sentiment, Vec<String>) {
    score_words_with(text, lang, lex, true, |_, words| {
        words.iter().map(|w| w.to_string()).collect()
    })
}

/// `score_words`, with the cues only when `explain` (the queue's scores do
/// not show them; the same numbers either way); `then` reads the words.
pub(crate) fn score_words_with<R>(
    text: &str,
    lang: Language,
    lex: &Lexicons,
    explain: bool,
    then: impl FnOnce(&Sentiment, &[&str]) -> R,
) -> (Sentiment, R) {
    let mut buf = String::with_capacity(text.len());
    let spans = tokenize(text, &mut buf);
    let tokens: Vec<Token> = spans
        .into_iter()
        .map(|s| Token {
            norm: &buf[s.range],
            caps: s.caps,
            elongated: s.elongated,
            ends_clause: s.ends_clause,
        })
        .collect();
    // Capitals emphasise only when the message is not all capitals (a
    // lower-case letter is a letter).
    let mixed_case = text.chars().any(char::is_lowercase);
    let mut cues: Vec<Cue> = Vec::new();
    let mut valences: Vec<f32> = Vec::with_capacity(tokens.len());
    // Which valences are politeness ("thanks", "please", "merci"): they
    // soften nothing in a message that also complains.
    let mut polite: Vec<bool> = Vec::with_capacity(tokens.len());
    let words: Vec<&str> = tokens.iter().map(|t| t.norm).collect();
    let mut i = 0;
    while i < tokens.len() {
        // Multi-word phrases first (brand complaints: "still waiting", "toujours pas").
        if let Some((len, v, phrase)) = lex.phrase_at(lang, &words[i..]) {
            valences.push(v);
            polite.push(lex.is_polite(lang, phrase[0].as_str()));
            if explain {
                cues.push(Cue {
                    text: phrase.join(" "),
                    weight: v,
                });
            }
            valences.extend(std::iter::repeat_n(0.0, len - 1));
            polite.extend(std::iter::repeat_n(false, len - 1));
            i += len;
            continue;
        }
        let t = &tokens[i];
        // An elongated French word squeezed to two letters ("nuuuul" →
        // "nuul") may need one ("nul"). English keeps two ("goood" → "good"):
        // one more fallback there moved no held-out English figure.
        let valence = lex.valence(lang, t.norm).or_else(|| {
            (t.elongated && lang == Language::Fr)
                .then(|| lex.valence(lang, &squeeze_to_one(t.norm)))
                .flatten()
        });
        let Some(base) = valence else {
            valences.push(0.0);
            polite.push(false);
            i += 1;
            continue;
        };
        if lex.is_booster(lang, t.norm) {
            valences.push(0.0);
            polite.push(false);
            i += 1;
            continue;
        }
        let mut v = base;
        if t.caps && mixed_case {
            v += CAPS_BOOST * v.signum();
        }
        if t.elongated {
            v += BOOST * v.signum();
        }
        // Boosters and dampeners up to three words before.
        for back in 1..=3.min(i) {
            let prev = tokens[i - back].norm;
            if let Some(b) = lex.booster(lang, prev) {
                let scale = [1.0, 0.95, 0.9][back - 1];
                let mut b = b * scale;
                if tokens[i - back].caps && mixed_case {
                    b += CAPS_BOOST * b.signum();
                }
                v += b * v.signum();
            }
        }
        // Negation up to three words before ("not good", "pas terrible",
        // "ne … jamais bon"); "pas mal" style idioms are lexicon phrases.
        // French also negates after the verb: "je n'aime pas".
        // Within the clause only: "for nothing. So annoying" is not negated.
        let reach = (1..=3.min(i))
            .take_while(|back| !tokens[i - back].ends_clause)
            .count();
        let negated = (1..=reach).any(|back| lex.is_negation(lang, tokens[i - back].norm))
            || (lang == Language::Fr
                && i > 0
                && tokens[i - 1].norm == "ne"
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| lex.is_negation(lang, n.norm)));
        if negated {
            v *= NEGATION;
        }
        if explain {
            cues.push(Cue {
                text: t.norm.to_string(),
                weight: v,
            });
        }
        valences.push(v);
        polite.push(lex.is_polite(lang, t.norm));
        i += 1;
    }
    if valences.iter().zip(&polite).any(|(v, p)| !p && *v < -0.5) {
        for (v, _) in valences.iter_mut().zip(&polite).filter(|(_, p)| **p) {
            *v = v.min(0.0);
        }
        if explain {
            cues.retain(|c| {
                c.weight < 0.0 || !lex.is_polite(lang, c.text.split(' ').next().unwrap_or(""))
            });
        }
    }
    // Contrast: what follows "but"/"mais" weighs more than what precedes.
    if let Some(pos) = tokens.iter().position(|t| lex.is_contrast(lang, t.norm)) {
        for (j, v) in valences.iter_mut().enumerate() {
            if j < pos {
                *v *= 0.5;
            } else if j > pos {
                *v *= 1.5;
            }
        }
    }
    let mut sum: f32 = valences.iter().sum();
    // Exclamation marks amplify, up to four.
    let bangs = text.bytes().filter(|&b| b == b'!').count().min(4) as f32;
    if sum != 0.0 {
        sum += 0.292 * bangs * sum.signum();
    }
    let score = if sum == 0.0 {
        0.0
    } else {
        sum / (sum * sum + ALPHA).sqrt()
    };
    let score = score.clamp(-1.0, 1.0);
    let (positive, negative) = thresholds(lang);
    let polarity = if score >= positive {
        Tone::Positive
    } else if score <= -negative {
        Tone::Negative
    } else {
        Tone::Neutral
    };
    cues.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    cues.truncate(6);
    let sentiment = Sentiment {
        polarity,
        score,
        cues,
    };
    let rest = then(&sentiment, &words);
    (sentiment, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pol(text: &str, lang: Language) -> Tone {
        score(text, lang, Lexicons::get()).polarity
    }

    #[test]
    fn english_rules() {
        assert_eq!(pol("I love this kettle", Language::En), Tone::Positive);
        assert_eq!(
            pol("I do not love this kettle", Language::En),
            Tone::Negative
        );
        assert_eq!(
            pol("The order arrived on Tuesday", Language::En),
            Tone::Neutral
        );
        assert_eq!(
            pol("still waiting for my order", Language::En),
            Tone::Negative
        );
        assert_eq!(pol("never again", Language::En), Tone::Negative);
        assert_eq!(pol("😡😡", Language::En), Tone::Negative);
        assert_eq!(pol("thanks :)", Language::En), Tone::Positive);
        let good = score("good", Language::En, Lexicons::get()).score;
        let very = score("very good", Language::En, Lexicons::get()).score;
        let caps = score("it is GOOD", Language::En, Lexicons::get()).score;
        let long = score("goooood", Language::En, Lexicons::get()).score;
        assert!(very > good && caps > good, "{good} {very} {caps}");
        assert!(long >= good * 0.99, "{long}");
    }

    #[test]
    fn french_rules() {
        assert_eq!(pol("Service génial, merci !", Language::Fr), Tone::Positive);
        assert_eq!(pol("Ce n'est pas génial", Language::Fr), Tone::Negative);
        assert_eq!(pol("je n'aime pas du tout", Language::Fr), Tone::Negative);
        assert_eq!(
            pol("toujours pas reçu ma commande", Language::Fr),
            Tone::Negative
        );
        assert_eq!(pol("remboursez-moi", Language::Fr), Tone::Negative);
        assert_eq!(pol("pas mal du tout", Language::Fr), Tone::Positive);
        assert_eq!(pol("La commande part demain", Language::Fr), Tone::Neutral);
        let bien = score("c'est bien", Language::Fr, Lexicons::get()).score;
        let tres = score("c'est très bien", Language::Fr, Lexicons::get()).score;
        assert!(tres > bien);
    }

    #[test]
    fn cues_explain_the_score() {
        let s = score(
            "still waiting, this is a scam",
            Language::En,
            Lexicons::get(),
        );
        let cues: Vec<&str> = s.cues.iter().map(|c| c.text.as_str()).collect();
        assert!(
            cues.contains(&"scam") && cues.contains(&"still waiting"),
            "{cues:?}"
        );
    }

    #[test]
    fn elongated_words() {
        assert_eq!(pol("c'est nuuuul", Language::Fr), Tone::Negative);
        assert_eq!(pol("c'est NUUUUL", Language::Fr), Tone::Negative);
        assert_eq!(pol("gooooood morning", Language::En), Tone::Positive);
        assert_eq!(squeeze_to_one("nuul"), "nul");
    }

    #[test]
    fn french_without_accents_and_idioms() {
        assert_eq!(
            pol("tres decu par la commande", Language::Fr),
            Tone::Negative
        );
        assert_eq!(pol("c'est genial", Language::Fr), Tone::Positive);
        // "Le feu vert" is a go-ahead.
        assert_eq!(
            pol("Feu vert pour le nouveau parc solaire", Language::Fr),
            Tone::Positive
        );
        // The press is not "pressé".
        assert_eq!(
            pol("La Presse annonce le programme", Language::Fr),
            Tone::Neutral
        );
    }
}
