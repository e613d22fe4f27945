//! Learning from the moderator: an online multinomial logistic regression
//! over hashed word, word-pair and character n-grams, with the rules' own
//! scores as features. It starts knowing nothing and is blended with the
//! rules until it has seen enough examples. Everything stays local.

use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};

const BITS: u32 = 18;
const DIM: usize = 1 << BITS;

/// Features: sparse hashed n-grams plus a few dense rule scores.
#[derive(Debug, Clone, Default)]
pub struct Features {
    sparse: Vec<(usize, f32)>,
    dense: Vec<f32>,
}

fn slot(kind: u8, text: &str) -> usize {
    let mut h = FxHasher::default();
    kind.hash(&mut h);
    text.hash(&mut h);
    (h.finish() as usize) & (DIM - 1)
}

/// Each pair of neighbouring words, hashed (`buf` is scratch space).
fn push_pairs(words: &[String], buf: &mut String, sparse: &mut Vec<(usize, f32)>) {
    for pair in words.windows(2) {
        buf.clear();
        buf.push_str(&pair[0]);
        buf.push(' ');
        buf.push_str(&pair[1]);
        sparse.push((slot(2, buf), 1.0));
    }
}

impl Features {
    /// The hashed slots and their values.
    pub fn sparse(&self) -> &[(usize, f32)] {
        &self.sparse
    }

    /// The rules' scores.
    pub fn dense(&self) -> &[f32] {
        &self.dense
    }

    /// Unit length (at most): long messages do not shout.
    fn normalised(mut sparse: Vec<(usize, f32)>, dense: Vec<f32>) -> Features {
        let norm = (sparse.iter().map(|(_, v)| v * v).sum::<f32>())
            .sqrt()
            .max(1.0);
        for (_, v) in sparse.iter_mut() {
            *v /= norm;
        }
        Features { sparse, dense }
    }

    /// Words and word pairs only, without character trigrams: a third of
    /// the features, for the model shipped with Palabre, which reads every
    /// imported English message.
    pub fn words_of(words: &[String], dense: Vec<f32>) -> Features {
        let mut sparse: Vec<(usize, f32)> = Vec::with_capacity(words.len() * 2);
        let mut buf = String::new();
        for w in words {
            sparse.push((slot(0, w), 1.0));
        }
        push_pairs(words, &mut buf, &mut sparse);
        Features::normalised(sparse, dense)
    }

    /// `dense` are the rules' scores for this message (same order every time).
    pub fn of(text: &str, dense: Vec<f32>) -> Features {
        let words: Vec<String> = super::words(text).collect();
        let mut sparse: Vec<(usize, f32)> = Vec::with_capacity(words.len() * 6);
        // One buffer for every n-gram: the same strings (and so the same
        // hashed slots) as before, without an allocation for each.
        let mut buf = String::new();
        let mut padded: Vec<char> = Vec::new();
        for w in &words {
            sparse.push((slot(0, w), 1.0));
            padded.clear();
            padded.push('<');
            padded.extend(w.chars());
            padded.push('>');
            for tri in padded.windows(3) {
                buf.clear();
                buf.extend(tri);
                sparse.push((slot(1, &buf), 0.5));
            }
        }
        push_pairs(&words, &mut buf, &mut sparse);
        Features::normalised(sparse, dense)
    }
}

/// One classifier over `classes` labels.
#[derive(Debug, Clone, PartialEq)]
pub struct OnlineModel {
    classes: usize,
    dense_len: usize,
    weights: Vec<f32>,
    dense_weights: Vec<f32>,
    bias: Vec<f32>,
    seen: u64,
    /// Examples learned of each class.
    counts: Vec<u64>,
    /// The base step of AdaGrad.
    rate: f32,
    /// AdaGrad's sums of squared gradients, one for each weight: a word
    /// seen often takes ever smaller steps, a rare one still moves.
    acc: Vec<f32>,
    dense_acc: Vec<f32>,
    bias_acc: Vec<f32>,
}

impl OnlineModel {
    pub fn new(classes: usize, dense_len: usize) -> OnlineModel {
        OnlineModel {
            classes,
            dense_len,
            weights: vec![0.0; classes * DIM],
            dense_weights: vec![0.0; classes * dense_len],
            bias: vec![0.0; classes],
            seen: 0,
            counts: vec![0; classes],
            rate: 0.2,
            acc: vec![0.0; classes * DIM],
            dense_acc: vec![0.0; classes * dense_len],
            bias_acc: vec![0.0; classes],
        }
    }

    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// The biases, the dense weights and the hashed weights, each class's
    /// after the other's.
    pub fn parts(&self) -> (&[f32], &[f32], &[f32]) {
        (&self.bias, &self.dense_weights, &self.weights)
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Examples learned of class `c`.
    pub fn count(&self, c: usize) -> u64 {
        self.counts.get(c).copied().unwrap_or(0)
    }

    /// How many examples the model may claim when blended: the rarest
    /// class's count for each class. A model taught only one answer (every
    /// tag says "complaint") has learned a base rate, not a distinction, and
    /// gets no say.
    pub fn balanced_seen(&self) -> u64 {
        self.counts.iter().copied().min().unwrap_or(0) * self.classes as u64
    }

    /// A new class, knowing nothing yet (a category met for the first time).
    pub fn add_class(&mut self) -> usize {
        self.classes += 1;
        self.weights.resize(self.classes * DIM, 0.0);
        self.acc.resize(self.classes * DIM, 0.0);
        self.dense_weights
            .resize(self.classes * self.dense_len, 0.0);
        self.dense_acc.resize(self.classes * self.dense_len, 0.0);
        self.bias.push(0.0);
        self.bias_acc.push(0.0);
        self.counts.push(0);
        self.classes - 1
    }

    pub fn probabilities(&self, x: &Features) -> Vec<f32> {
        let mut z: Vec<f32> = (0..self.classes)
            .map(|c| {
                let mut s = self.bias[c];
                for (i, v) in &x.sparse {
                    s += self.weights[c * DIM + i] * v;
                }
                for (j, v) in x.dense.iter().enumerate().take(self.dense_len) {
                    s += self.dense_weights[c * self.dense_len + j] * v;
                }
                s
            })
            .collect();
        let max = z.iter().copied().fold(f32::MIN, f32::max);
        let mut sum = 0.0;
        for v in z.iter_mut() {
            *v = (*v - max).exp();
            sum += *v;
        }
        z.iter().map(|v| v / sum).collect()
    }

    /// One step of AdaGrad on the cross-entropy: each weight's step shrinks
    /// with the gradients it has already had, which suits sparse text
    /// features far better than one decaying rate for all.
    pub fn learn(&mut self, x: &Features, label: usize) {
        if label >= self.classes {
            return;
        }
        if self.acc.len() != self.weights.len() {
            // A shipped model learning on: its AdaGrad sums start afresh.
            self.acc.resize(self.weights.len(), 0.0);
        }
        let p = self.probabilities(x);
        self.seen += 1;
        self.counts[label] += 1;
        // Examples of a rarer class weigh more: every class counts in
        // macro-F1, and in a moderator's eyes.
        let balance = (self.seen as f32 / (self.classes as f32 * self.counts[label] as f32))
            .sqrt()
            .clamp(0.3, 4.0);
        let rate = self.rate;
        for (c, pc) in p.iter().enumerate() {
            let g = (pc - if c == label { 1.0 } else { 0.0 }) * balance;
            step(&mut self.bias[c], &mut self.bias_acc[c], g, rate);
            for (i, v) in &x.sparse {
                let k = c * DIM + i;
                step(&mut self.weights[k], &mut self.acc[k], g * v, rate);
            }
            for (j, v) in x.dense.iter().enumerate().take(self.dense_len) {
                let k = c * self.dense_len + j;
                step(
                    &mut self.dense_weights[k],
                    &mut self.dense_acc[k],
                    g * v,
                    rate,
                );
            }
        }
    }
}

fn step(w: &mut f32, acc: &mut f32, g: f32, rate: f32) {
    *acc += g * g;
    *w -= rate * g / (*acc + 1e-3).sqrt();
}

const MAGIC: &[u8; 4] = b"PLM2";
const SHIPPED_MAGIC: &[u8; 4] = b"PLS1";

impl OnlineModel {
    /// The weights alone, for a model shipped with Palabre: what `learn`
    /// needs to go on learning (the AdaGrad sums, the counts) is left out,
    /// and so are hashed weights smaller than `prune`.
    pub fn to_shipped_bytes(&self, prune: f32) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(SHIPPED_MAGIC);
        put_varint(&mut out, self.classes as u64);
        put_varint(&mut out, self.dense_len as u64);
        for v in self.bias.iter().chain(&self.dense_weights) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        let kept: Vec<usize> = (0..self.weights.len())
            .filter(|i| self.weights[*i].abs() >= prune)
            .collect();
        put_varint(&mut out, kept.len() as u64);
        let mut last = 0usize;
        for i in kept {
            put_varint(&mut out, (i - last) as u64);
            out.extend_from_slice(&self.weights[i].to_le_bytes());
            last = i;
        }
        out
    }

    /// Reads `to_shipped_bytes`; anything malformed is an error.
    pub fn from_shipped_bytes(bytes: &[u8]) -> Result<OnlineModel, String> {
        let mut r = Reader { bytes, at: 0 };
        let (classes, dense_len) = r.header(SHIPPED_MAGIC, "a shipped palabre model")?;
        let mut m = OnlineModel::new(classes, dense_len);
        for v in m.bias.iter_mut().chain(m.dense_weights.iter_mut()) {
            *v = r.f32()?;
        }
        let kept = r.varint()?;
        let mut index = 0usize;
        for _ in 0..kept {
            index = r.next_index(index)?;
            *m.weights.get_mut(index).ok_or("index out of range")? = r.f32()?;
        }
        if r.at != bytes.len() {
            return Err("trailing bytes".into());
        }
        // No AdaGrad sums: only for reading, not for learning on.
        m.acc = Vec::new();
        Ok(m)
    }
}

impl OnlineModel {
    /// A compact form for the store: only the hashed weights that ever
    /// moved, as (gap from the previous index as a varint, weight, AdaGrad
    /// sum) triples.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        put_varint(&mut out, self.classes as u64);
        put_varint(&mut out, self.dense_len as u64);
        put_varint(&mut out, self.seen);
        out.extend_from_slice(&self.rate.to_le_bytes());
        for c in &self.counts {
            put_varint(&mut out, *c);
        }
        for v in self
            .bias
            .iter()
            .chain(&self.bias_acc)
            .chain(&self.dense_weights)
            .chain(&self.dense_acc)
        {
            out.extend_from_slice(&v.to_le_bytes());
        }
        let kept = self.acc.iter().filter(|a| **a > 0.0).count();
        put_varint(&mut out, kept as u64);
        let mut last = 0usize;
        for (i, a) in self.acc.iter().enumerate() {
            if *a > 0.0 {
                put_varint(&mut out, (i - last) as u64);
                out.extend_from_slice(&self.weights[i].to_le_bytes());
                out.extend_from_slice(&a.to_le_bytes());
                last = i;
            }
        }
        out
    }

    /// Reads `to_bytes`; anything malformed is an error, never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<OnlineModel, String> {
        let mut r = Reader { bytes, at: 0 };
        let (classes, dense_len) = r.header(MAGIC, "a palabre model")?;
        let seen = r.varint()?;
        let rate = r.f32()?;
        let mut m = OnlineModel::new(classes, dense_len);
        m.seen = seen;
        m.rate = rate;
        for c in m.counts.iter_mut() {
            *c = r.varint()?;
        }
        for v in m
            .bias
            .iter_mut()
            .chain(m.bias_acc.iter_mut())
            .chain(m.dense_weights.iter_mut())
            .chain(m.dense_acc.iter_mut())
        {
            *v = r.f32()?;
        }
        let kept = r.varint()?;
        let mut index = 0usize;
        for _ in 0..kept {
            index = r.next_index(index)?;
            let w = r.f32()?;
            let a = r.f32()?;
            *m.weights.get_mut(index).ok_or("index out of range")? = w;
            *m.acc.get_mut(index).ok_or("index out of range")? = a;
        }
        if r.at != bytes.len() {
            return Err("trailing bytes".into());
        }
        Ok(m)
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self.at.checked_add(n).ok_or("truncated")?;
        let s = self.bytes.get(self.at..end).ok_or("truncated")?;
        self.at = end;
        Ok(s)
    }
    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err("varint too long".into())
    }
    /// The magic bytes, then the numbers of classes and dense features.
    fn header(&mut self, magic: &[u8; 4], what: &str) -> Result<(usize, usize), String> {
        if self.take(4)? != magic {
            return Err(format!("not {what}"));
        }
        Ok((
            self.small(64, "classes")?,
            self.small(64, "dense features")?,
        ))
    }

    /// A sparse index stored as the gap from the previous one.
    fn next_index(&mut self, previous: usize) -> Result<usize, String> {
        previous
            .checked_add(usize::try_from(self.varint()?).map_err(|_| "index too large")?)
            .ok_or_else(|| "index too large".to_string())
    }

    fn small(&mut self, max: u64, what: &str) -> Result<usize, String> {
        match self.varint()? {
            v if v <= max => Ok(v as usize),
            v => Err(format!("{v} {what}")),
        }
    }
    fn f32(&mut self) -> Result<f32, String> {
        let b = self.take(4)?;
        let v = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        if v.is_finite() {
            Ok(v)
        } else {
            Err("weight is not a number".into())
        }
    }
}

/// A model with the names of its classes, as kept in the store.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedModel {
    pub labels: Vec<String>,
    pub model: OnlineModel,
}

impl NamedModel {
    pub fn new(labels: &[&str], dense_len: usize) -> NamedModel {
        NamedModel {
            labels: labels.iter().map(|l| l.to_string()).collect(),
            model: OnlineModel::new(labels.len(), dense_len),
        }
    }

    pub fn index(&self, label: &str) -> Option<usize> {
        self.labels.iter().position(|l| l == label)
    }

    /// Learns one example; a label not met before becomes a new class.
    pub fn learn(&mut self, x: &Features, label: &str) {
        let c = match self.index(label) {
            Some(c) => c,
            None => {
                self.labels.push(label.to_string());
                self.model.add_class()
            }
        };
        self.model.learn(x, c);
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        put_varint(&mut out, self.labels.len() as u64);
        for l in &self.labels {
            put_varint(&mut out, l.len() as u64);
            out.extend_from_slice(l.as_bytes());
        }
        out.extend_from_slice(&self.model.to_bytes());
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<NamedModel, String> {
        let mut r = Reader { bytes, at: 0 };
        let n = r.small(64, "labels")?;
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            let len = r.small(200, "bytes in a label")?;
            labels.push(
                String::from_utf8(r.take(len)?.to_vec()).map_err(|_| "a label is not UTF-8")?,
            );
        }
        let model = OnlineModel::from_bytes(&bytes[r.at..])?;
        if model.classes != labels.len() {
            return Err("labels and classes disagree".into());
        }
        Ok(NamedModel { labels, model })
    }
}

/// The classes of the sentiment model, and of the yes/no ones.
pub const SENTIMENT: [&str; 3] = ["negative", "neutral", "positive"];
pub const BINARY: [&str; 2] = ["false", "true"];
/// The category model's class for "no criticism category".
pub const NO_CATEGORY: &str = "none";
/// The store's names for the models it keeps.
pub const SENTIMENT_MODEL: &str = "sentiment";
pub const COMPLAINT_MODEL: &str = "complaint";
pub const CATEGORY_MODEL: &str = "category";
/// Examples of a category (and of none) before the model suggests it.
pub const MIN_CATEGORY_EXAMPLES: u64 = 3;
/// The model's probability for a category before it is suggested.
const SUGGEST_AT: f32 = 0.5;

/// The rules' scores that every model sees beside the n-grams, in this order.
pub fn dense(a: &super::classify::Analysis) -> Vec<f32> {
    dense_of(&a.sentiment, a.complaint, a.hostile, a.lang == "fr")
}

/// `dense` from its parts.
pub fn dense_of(
    sentiment: &super::sentiment::Sentiment,
    complaint: f32,
    hostile: f32,
    french: bool,
) -> Vec<f32> {
    use super::sentiment::Tone;
    let pol = sentiment.polarity;
    vec![
        sentiment.score,
        complaint,
        hostile,
        f32::from(u8::from(pol == Tone::Negative)),
        f32::from(u8::from(pol == Tone::Positive)),
        f32::from(u8::from(french)),
    ]
}

/// The features of a message, with its analysis.
pub fn features(text: &str, lang: Option<&str>) -> (super::classify::Analysis, Features) {
    // The rules' scores, as the models have always read them.
    super::classify::analyze_with_features(text, lang)
}

/// The rules' sentiment as probabilities over `SENTIMENT`.
pub fn rule_sentiment(p: super::sentiment::Tone) -> Vec<f32> {
    SENTIMENT
        .iter()
        .map(|c| if *c == p.as_str() { 0.8 } else { 0.1 })
        .collect()
}

/// The models the moderators have taught, as loaded from the store.
#[derive(Debug, Clone, Default)]
pub struct Learned {
    pub sentiment: Option<NamedModel>,
    pub complaint: Option<NamedModel>,
    pub category: Option<NamedModel>,
}

impl Learned {
    /// Scores for the queue: the rules blended with what people taught, in
    /// the same way as `palabre eval --learn`.
    pub fn scores(&self, text: &str, lang: Option<&str>) -> super::classify::Scores {
        use super::classify::Scores;
        fn trusted(m: &Option<NamedModel>) -> Option<&NamedModel> {
            m.as_ref().filter(|m| m.model.balanced_seen() > 0)
        }
        let (sentiment, complaint) = (trusted(&self.sentiment), trusted(&self.complaint));
        let tier = super::transformer::tier_probabilities;
        if sentiment.is_none() && complaint.is_none() {
            let mut scores = Scores::of(text, lang);
            if let Some(p) = tier(text) {
                apply_tier(&mut scores, &p);
            }
            return scores;
        }
        let (a, x) = features(text, lang);
        let mut scores = Scores {
            tone: a.sentiment.polarity,
            sentiment: a.sentiment.score,
            complaint: a.complaint,
            danger: !a.danger.is_empty(),
        };
        // What the moderators taught is blended with the transformer tier's
        // reading when there is one, with the rules' otherwise.
        let prior = match tier(text) {
            Some(p) => {
                apply_tier(&mut scores, &p);
                p.to_vec()
            }
            None => rule_sentiment(scores.tone),
        };
        if let Some(m) = sentiment {
            let model: Vec<f32> = SENTIMENT
                .iter()
                .map(|c| m.index(c).map_or(0.0, |i| m.model.probabilities(&x)[i]))
                .collect();
            let p = blend(&prior, &model, m.model.balanced_seen());
            scores.tone = match argmax(&p) {
                // What people taught does not talk a safety report out of
                // being one.
                _ if scores.danger => super::sentiment::Tone::Negative,
                0 => super::sentiment::Tone::Negative,
                1 => super::sentiment::Tone::Neutral,
                _ => super::sentiment::Tone::Positive,
            };
        }
        if let Some(m) = complaint
            && let Some(yes) = m.index("true")
        {
            let p_yes = m.model.probabilities(&x)[yes];
            let p = blend(
                &[1.0 - scores.complaint, scores.complaint],
                &[1.0 - p_yes, p_yes],
                m.model.balanced_seen(),
            );
            scores.complaint = if scores.danger {
                p[1].max(scores.complaint)
            } else {
                p[1]
            }
            .clamp(0.0, 1.0);
        }
        scores
    }

    /// `scores` for a message; our own replies are not triaged.
    pub fn scores_for(&self, m: &crate::model::Message) -> Option<super::classify::Scores> {
        (m.direction == crate::model::Direction::Inbound)
            .then(|| self.scores(&m.text, m.lang.as_deref()))
    }

    /// The categories the learned model suggests for any of `texts`, most
    /// probable first.
    pub fn categories<'a>(
        &self,
        texts: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    ) -> Vec<crate::model::LearnedCategory> {
        let Some(m) = &self.category else {
            return Vec::new();
        };
        let none = m.index(NO_CATEGORY);
        if none.is_none_or(|n| m.model.count(n) < MIN_CATEGORY_EXAMPLES) {
            // Without ordinary messages to compare with, every message
            // would look like the only category it knows.
            return Vec::new();
        }
        let mut best: Vec<f32> = vec![0.0; m.labels.len()];
        for (text, lang) in texts {
            let (_, x) = features(text, lang);
            for (b, p) in best.iter_mut().zip(m.model.probabilities(&x)) {
                *b = b.max(p);
            }
        }
        let mut out: Vec<crate::model::LearnedCategory> = best
            .iter()
            .enumerate()
            .filter(|(c, p)| {
                Some(*c) != none && **p >= SUGGEST_AT && m.model.count(*c) >= MIN_CATEGORY_EXAMPLES
            })
            .map(|(c, p)| crate::model::LearnedCategory {
                category: m.labels[c].clone(),
                probability: *p,
                examples: m.model.count(c),
            })
            .collect();
        out.sort_by(|a, b| b.probability.total_cmp(&a.probability));
        out
    }
}

/// The transformer tier's reading decides the tone and the score (positive
/// minus negative probability); a danger report stays negative.
pub fn apply_tier(scores: &mut super::classify::Scores, p: &[f32; 3]) {
    scores.sentiment = if scores.danger {
        scores.sentiment.min(p[2] - p[0])
    } else {
        p[2] - p[0]
    };
    if !scores.danger {
        scores.tone = super::transformer::tone_of_probabilities(p);
    }
}

/// Blends the rules' probabilities with the model's: the model earns its
/// say with the examples it has learned from.
pub fn blend(rules: &[f32], model: &[f32], seen: u64) -> Vec<f32> {
    let trust = seen as f32 / (seen as f32 + 150.0);
    rules
        .iter()
        .zip(model)
        .map(|(r, m)| (1.0 - trust) * r + trust * m)
        .collect()
}

pub fn argmax(p: &[f32]) -> usize {
    p.iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map_or(0, |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_rule_online() {
        let mut m = OnlineModel::new(2, 0);
        let examples = [
            ("my parcel never came", 1),
            ("lovely coffee this morning", 0),
        ];
        for _ in 0..30 {
            for (t, y) in examples {
                m.learn(&Features::of(t, vec![]), y);
            }
        }
        assert_eq!(
            argmax(&m.probabilities(&Features::of("parcel never came again", vec![]))),
            1
        );
        assert_eq!(
            argmax(&m.probabilities(&Features::of("coffee this morning", vec![]))),
            0
        );
        let p = blend(&[0.9, 0.1], &[0.1, 0.9], 0);
        assert!(p[0] > 0.89);
    }

    #[test]
    fn scores_blend_what_people_taught_once_they_taught_every_answer() {
        use crate::model::Tone;
        // People keep reading "laggy" (no lexicon word) as negative.
        let text = "the app is laggy today";
        let rules = Learned::default().scores(text, Some("en"));
        assert_eq!(rules.tone, Tone::Neutral);
        let mut m = NamedModel::new(&SENTIMENT, 6);
        let examples = [
            ("the app is laggy again", "negative"),
            ("so laggy this week", "negative"),
            ("the site is up today", "neutral"),
            ("thanks, great service", "positive"),
        ];
        let mut one_sided = m.clone();
        for _ in 0..100 {
            let (_, x) = features(examples[0].0, Some("en"));
            one_sided.learn(&x, "negative");
        }
        let learned = Learned {
            sentiment: Some(one_sided),
            ..Learned::default()
        };
        assert_eq!(
            learned.scores(text, Some("en")),
            rules,
            "taught one answer only: no say"
        );
        for _ in 0..60 {
            for (t, label) in examples {
                let (_, x) = features(t, Some("en"));
                m.learn(&x, label);
            }
        }
        let learned = Learned {
            sentiment: Some(m),
            ..Learned::default()
        };
        let s = learned.scores(text, Some("en"));
        assert_eq!(s.tone, Tone::Negative);
        assert_eq!(s.sentiment, rules.sentiment, "the lexicon score stays");
    }

    #[test]
    fn a_model_survives_the_store_format_and_refuses_garbage() {
        let mut m = NamedModel::new(&["none"], 2);
        for _ in 0..3 {
            m.learn(
                &Features::of("my parcel never came", vec![0.1, 0.2]),
                "delivery",
            );
            m.learn(&Features::of("nice coffee", vec![0.3, 0.0]), "none");
        }
        assert_eq!(m.labels, ["none", "delivery"]);
        assert_eq!(
            (m.model.count(0), m.model.count(1), m.model.balanced_seen()),
            (3, 3, 6)
        );
        let bytes = m.to_bytes();
        // Sparse: a few hundred weights, not two classes of 2^18.
        assert!(bytes.len() < 10_000, "{}", bytes.len());
        let back = NamedModel::from_bytes(&bytes).unwrap();
        assert_eq!(back, m);
        for cut in [0, 1, 5, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                NamedModel::from_bytes(&bytes[..cut]).is_err(),
                "cut at {cut}"
            );
        }
        let mut bad = bytes.clone();
        bad.push(0);
        assert!(NamedModel::from_bytes(&bad).is_err());
    }
}
