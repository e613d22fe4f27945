//! The English sentiment model shipped with Palabre: the logistic
//! regression of `learn` over hashed words and word pairs (no character
//! trigrams: it reads every imported English message, and they added a
//! third to the import's time for no better figure), with the rules'
//! scores as features, trained on TweetEval's sentiment
//! tweets (released without restrictions; see `lexicons/README.md`) by
//! `examples/train_sentiment.rs`. It reads English tone; French keeps the
//! rules' (no French sentiment data may be shipped). A danger report stays
//! negative and a complaint it reads as neutral is negative, as with the
//! rules.

use super::learn::{Features, OnlineModel};
use crate::model::Tone;
use std::sync::OnceLock;

const SENTIMENT_EN: &[u8] = include_bytes!("lexicons/sentiment_en.plm");

/// The shipped weights laid out for reading: a slot's three class weights
/// side by side (one memory access a feature, where `OnlineModel` keeps a
/// class's weights together for learning).
struct Shipped {
    bias: [f32; 3],
    dense: Vec<[f32; 3]>,
    weights: Vec<[f32; 3]>,
}

impl Shipped {
    fn of(m: &OnlineModel) -> Shipped {
        let (bias, dense, weights) = m.parts();
        let dense_len = dense.len() / 3;
        let dim = weights.len() / 3;
        Shipped {
            bias: [bias[0], bias[1], bias[2]],
            dense: (0..dense_len)
                .map(|j| [dense[j], dense[dense_len + j], dense[2 * dense_len + j]])
                .collect(),
            weights: (0..dim)
                .map(|i| [weights[i], weights[dim + i], weights[2 * dim + i]])
                .collect(),
        }
    }

    fn probabilities(&self, x: &Features) -> [f32; 3] {
        let mut z = self.bias;
        for (i, v) in x.sparse() {
            if let Some(w) = self.weights.get(*i) {
                for c in 0..3 {
                    z[c] += w[c] * v;
                }
            }
        }
        for (w, v) in self.dense.iter().zip(x.dense()) {
            for c in 0..3 {
                z[c] += w[c] * v;
            }
        }
        let max = z.iter().copied().fold(f32::MIN, f32::max);
        let e = z.map(|v| (v - max).exp());
        let sum: f32 = e.iter().sum();
        e.map(|v| v / sum)
    }
}

fn model() -> Option<&'static Shipped> {
    static MODEL: OnceLock<Option<Shipped>> = OnceLock::new();
    MODEL
        .get_or_init(|| match OnlineModel::from_shipped_bytes(SENTIMENT_EN) {
            Ok(m) if m.classes() == 3 => Some(Shipped::of(&m)),
            Ok(_) => {
                tracing::error!("the shipped English sentiment model has the wrong classes");
                None
            }
            Err(e) => {
                tracing::error!("the shipped English sentiment model cannot be read: {e}");
                None
            }
        })
        .as_ref()
}

/// [negative, neutral, positive] for an English message, from its words
/// (`triage::words`) and the rules' scores (`learn::dense` of the rules'
/// analysis).
pub fn english(words: &[String], dense: Vec<f32>) -> Option<[f32; 3]> {
    let model = model()?;
    Some(model.probabilities(&Features::words_of(words, dense)))
}

/// The tone: the most probable, except that a danger report is negative
/// and a complaint read as neutral is negative.
pub fn tone(p: &[f32; 3], danger: bool, complaint: f32) -> Tone {
    let tone = super::transformer::tone_of_probabilities(p);
    if danger || (tone == Tone::Neutral && complaint >= 0.5) {
        Tone::Negative
    } else {
        tone
    }
}

/// The score: positive minus negative probability (a danger report's at
/// most its rules' score).
pub fn score(p: &[f32; 3], danger: bool, rules: f32) -> f32 {
    let s = p[2] - p[0];
    if danger { s.min(rules) } else { s }
}
