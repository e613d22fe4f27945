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

impl Features {
    /// `dense` are the rules' scores for this message (same order every time).
    pub fn of(text: &str, dense: Vec<f32>) -> Features {
        let words: Vec<String> = super::words(text).collect();
        let mut sparse: Vec<(usize, f32)> = Vec::with_capacity(words.len() * 6);
        for w in &words {
            sparse.push((slot(0, w), 1.0));
            let padded: Vec<char> = format!("<{w}>").chars().collect();
            for tri in padded.windows(3) {
                sparse.push((slot(1, &tri.iter().collect::<String>()), 0.5));
            }
        }
        for pair in words.windows(2) {
            sparse.push((slot(2, &format!("{} {}", pair[0], pair[1])), 1.0));
        }
        let norm = (sparse.iter().map(|(_, v)| v * v).sum::<f32>())
            .sqrt()
            .max(1.0);
        for (_, v) in sparse.iter_mut() {
            *v /= norm;
        }
        Features { sparse, dense }
    }
}

/// One classifier over `classes` labels.
#[derive(Debug, Clone)]
pub struct OnlineModel {
    classes: usize,
    dense_len: usize,
    weights: Vec<f32>,
    dense_weights: Vec<f32>,
    bias: Vec<f32>,
    seen: u64,
    rate: f32,
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
            rate: 0.5,
        }
    }

    pub fn seen(&self) -> u64 {
        self.seen
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

    /// One step of stochastic gradient descent on the cross-entropy.
    pub fn learn(&mut self, x: &Features, label: usize) {
        let p = self.probabilities(x);
        self.seen += 1;
        // A slowly decaying rate: quick to start, stable later.
        let rate = self.rate / (1.0 + self.seen as f32 / 2000.0).sqrt();
        for (c, pc) in p.iter().enumerate() {
            let g = pc - if c == label { 1.0 } else { 0.0 };
            self.bias[c] -= rate * g;
            for (i, v) in &x.sparse {
                self.weights[c * DIM + i] -= rate * g * v;
            }
            for (j, v) in x.dense.iter().enumerate().take(self.dense_len) {
                self.dense_weights[c * self.dense_len + j] -= rate * g * v;
            }
        }
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
}
