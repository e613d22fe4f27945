//! Sentiment of one message, English and French: a lexicon-and-rules scorer
//! in the manner of VADER (Hutto & Gilbert, 2014), extended with French
//! negation, brand-directed complaint phrases, emoji, elongation and
//! capitals. Pure and deterministic; every score comes with its cues.

use super::lexicon::{Lang, Lexicons};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Negative,
    Neutral,
    Positive,
}

impl Polarity {
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Negative => "negative",
            Polarity::Neutral => "neutral",
            Polarity::Positive => "positive",
        }
    }
}

impl std::str::FromStr for Polarity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "negative" | "neg" => Ok(Polarity::Negative),
            "neutral" | "neu" => Ok(Polarity::Neutral),
            "positive" | "pos" => Ok(Polarity::Positive),
            _ => Err(format!(
                "unknown sentiment `{s}` (expected one of: negative, neutral, positive)"
            )),
        }
    }
}

impl fmt::Display for Polarity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A cue that moved the score, for explanations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cue {
    pub text: String,
    pub weight: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentiment {
    pub polarity: Polarity,
    /// −1 (very negative) … +1 (very positive).
    pub score: f32,
    pub cues: Vec<Cue>,
}

/// Above these scores a message is positive, below minus these negative.
/// Social and brand-directed text is padded with politeness ("thanks",
/// "please", emoji), so English asks more of positive than of negative; the
/// French lexicon is smaller and its scores compressed. Measured with
/// `palabre eval` (see the README).
fn thresholds(lang: Lang) -> (f32, f32) {
    match lang {
        Lang::En => (0.45, 0.2),
        Lang::Fr => (0.05, 0.05),
    }
}

/// VADER's normalisation constant.
const ALPHA: f32 = 15.0;
const BOOST: f32 = 0.293;
const CAPS_BOOST: f32 = 0.733;
const NEGATION: f32 = -0.74;

/// A token with what the scorer needs to know about it.
#[derive(Debug, Clone)]
struct Token {
    /// Lower case, elongations squeezed ("soooo" → "soo").
    norm: String,
    caps: bool,
    elongated: bool,
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

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for raw in text.split_whitespace() {
        // URLs and mentions carry no sentiment.
        if raw.starts_with("http://") || raw.starts_with("https://") || raw.starts_with('@') {
            continue;
        }
        // Emoticons are kept whole; words lose surrounding punctuation.
        let trimmed = raw.trim_matches(|c: char| {
            !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-')
                && c.is_ascii_punctuation()
                && raw.chars().any(char::is_alphanumeric)
        });
        let piece = if trimmed.is_empty() { raw } else { trimmed };
        let piece = piece.trim_start_matches('#');
        // French elision: l'appli → appli, j'adore → adore, n'est → est (+negation cue).
        let mut parts: Vec<&str> = Vec::new();
        let mut rest = piece;
        while let Some(i) = rest.find(['\'', '’']) {
            let (head, tail) = rest.split_at(i);
            let tail = &tail[tail.chars().next().map_or(0, char::len_utf8)..];
            if head.chars().count() <= 2 && !tail.is_empty() {
                if head.eq_ignore_ascii_case("n") {
                    parts.push("ne");
                }
                rest = tail;
            } else {
                break;
            }
        }
        parts.push(rest);
        for part in parts {
            if part.is_empty() {
                continue;
            }
            let letters: Vec<char> = part.chars().filter(|c| c.is_alphabetic()).collect();
            let caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
            let lower = part.to_lowercase();
            // Most words have no letter three times in a row: skip the copy.
            let (norm, elongated) = if has_run_of_three(&lower) {
                squeeze(&lower)
            } else {
                (lower, false)
            };
            tokens.push(Token {
                norm,
                caps,
                elongated,
            });
        }
        // Emoji inside a word ("génial😍") count on their own.
        let alone = raw.chars().nth(1).is_none();
        for c in raw
            .chars()
            .filter(|c| !c.is_ascii() && super::lexicon::is_emoji(*c))
        {
            if !alone {
                tokens.push(Token {
                    norm: c.to_string(),
                    caps: false,
                    elongated: false,
                });
            }
        }
    }
    tokens
}

/// Scores one message in `lang`.
pub fn score(text: &str, lang: Lang, lex: &Lexicons) -> Sentiment {
    score_words(text, lang, lex).0
}

/// Scores one message and returns its normalised words too, so that other
/// scorers need not tokenize again.
pub fn score_words(text: &str, lang: Lang, lex: &Lexicons) -> (Sentiment, Vec<String>) {
    let tokens = tokenize(text);
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    // Capitals emphasise only when the message is not all capitals.
    let mixed_case = letters.iter().any(|c| c.is_lowercase());
    let mut cues: Vec<Cue> = Vec::new();
    let mut valences: Vec<f32> = Vec::with_capacity(tokens.len());
    let words: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
    let mut i = 0;
    while i < tokens.len() {
        // Multi-word phrases first (brand complaints: "still waiting", "toujours pas").
        if let Some((len, v, phrase)) = lex.phrase_at(lang, &words[i..]) {
            valences.push(v);
            cues.push(Cue {
                text: phrase.to_string(),
                weight: v,
            });
            valences.extend(std::iter::repeat_n(0.0, len - 1));
            i += len;
            continue;
        }
        let t = &tokens[i];
        let Some(base) = lex.valence(lang, &t.norm) else {
            valences.push(0.0);
            i += 1;
            continue;
        };
        if lex.is_booster(lang, &t.norm) {
            valences.push(0.0);
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
            let prev = &tokens[i - back].norm;
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
        let negated = (1..=3.min(i)).any(|back| lex.is_negation(lang, &tokens[i - back].norm))
            || (lang == Lang::Fr
                && i > 0
                && tokens[i - 1].norm == "ne"
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| lex.is_negation(lang, &n.norm)));
        if negated {
            v *= NEGATION;
        }
        cues.push(Cue {
            text: t.norm.clone(),
            weight: v,
        });
        valences.push(v);
        i += 1;
    }
    // Contrast: what follows "but"/"mais" weighs more than what precedes.
    if let Some(pos) = tokens.iter().position(|t| lex.is_contrast(lang, &t.norm)) {
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
    let bangs = text.matches('!').count().min(4) as f32;
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
        Polarity::Positive
    } else if score <= -negative {
        Polarity::Negative
    } else {
        Polarity::Neutral
    };
    cues.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    cues.truncate(6);
    let words = tokens.into_iter().map(|t| t.norm).collect();
    (
        Sentiment {
            polarity,
            score,
            cues,
        },
        words,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pol(text: &str, lang: Lang) -> Polarity {
        score(text, lang, Lexicons::get()).polarity
    }

    #[test]
    fn english_rules() {
        assert_eq!(pol("I love this kettle", Lang::En), Polarity::Positive);
        assert_eq!(
            pol("I do not love this kettle", Lang::En),
            Polarity::Negative
        );
        assert_eq!(
            pol("The order arrived on Tuesday", Lang::En),
            Polarity::Neutral
        );
        assert_eq!(
            pol("still waiting for my order", Lang::En),
            Polarity::Negative
        );
        assert_eq!(pol("never again", Lang::En), Polarity::Negative);
        assert_eq!(pol("😡😡", Lang::En), Polarity::Negative);
        assert_eq!(pol("thanks :)", Lang::En), Polarity::Positive);
        let good = score("good", Lang::En, Lexicons::get()).score;
        let very = score("very good", Lang::En, Lexicons::get()).score;
        let caps = score("it is GOOD", Lang::En, Lexicons::get()).score;
        let long = score("goooood", Lang::En, Lexicons::get()).score;
        assert!(very > good && caps > good, "{good} {very} {caps}");
        assert!(long >= good * 0.99, "{long}");
    }

    #[test]
    fn french_rules() {
        assert_eq!(pol("Service génial, merci !", Lang::Fr), Polarity::Positive);
        assert_eq!(pol("Ce n'est pas génial", Lang::Fr), Polarity::Negative);
        assert_eq!(pol("je n'aime pas du tout", Lang::Fr), Polarity::Negative);
        assert_eq!(
            pol("toujours pas reçu ma commande", Lang::Fr),
            Polarity::Negative
        );
        assert_eq!(pol("remboursez-moi", Lang::Fr), Polarity::Negative);
        assert_eq!(pol("pas mal du tout", Lang::Fr), Polarity::Positive);
        assert_eq!(pol("La commande part demain", Lang::Fr), Polarity::Neutral);
        let bien = score("c'est bien", Lang::Fr, Lexicons::get()).score;
        let tres = score("c'est très bien", Lang::Fr, Lexicons::get()).score;
        assert!(tres > bien);
    }

    #[test]
    fn cues_explain_the_score() {
        let s = score("still waiting, this is a scam", Lang::En, Lexicons::get());
        let cues: Vec<&str> = s.cues.iter().map(|c| c.text.as_str()).collect();
        assert!(
            cues.contains(&"scam") && cues.contains(&"still waiting"),
            "{cues:?}"
        );
    }
}
