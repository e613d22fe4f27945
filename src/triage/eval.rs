//! `palabre eval`: scores labelled messages and measures accuracy, macro-F1,
//! per-class precision and recall, and the confusion matrix, for each label
//! present (sentiment, complaint, hostile).

use super::classify::analyze;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One labelled line of the evaluation format.
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    #[serde(default)]
    pub id: Option<String>,
    pub text: String,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub sentiment: Option<String>,
    #[serde(default)]
    pub complaint: Option<bool>,
    #[serde(default)]
    pub hostile: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassMetrics {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelMetrics {
    pub n: u64,
    pub accuracy: f64,
    pub macro_f1: f64,
    pub classes: BTreeMap<String, ClassMetrics>,
    /// gold class → predicted class → count
    pub confusion: BTreeMap<String, BTreeMap<String, u64>>,
    /// With `--learn`: the scores over the second half of the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second_half: Option<HalfMetrics>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HalfMetrics {
    pub n: u64,
    pub accuracy: f64,
    pub macro_f1: f64,
}

/// Gold and predicted class names, pairwise.
pub fn metrics(pairs: &[(String, String)], classes: &[&str]) -> LabelMetrics {
    let n = pairs.len() as u64;
    let mut confusion: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    for c in classes {
        confusion.insert(
            c.to_string(),
            classes.iter().map(|p| (p.to_string(), 0)).collect(),
        );
    }
    for (gold, pred) in pairs {
        *confusion
            .entry(gold.clone())
            .or_default()
            .entry(pred.clone())
            .or_default() += 1;
    }
    let correct = pairs.iter().filter(|(g, p)| g == p).count() as u64;
    let mut per_class = BTreeMap::new();
    for c in classes {
        let tp = pairs.iter().filter(|(g, p)| g == c && p == c).count() as f64;
        let predicted = pairs.iter().filter(|(_, p)| p == c).count() as f64;
        let support = pairs.iter().filter(|(g, _)| g == c).count() as f64;
        let precision = if predicted > 0.0 { tp / predicted } else { 0.0 };
        let recall = if support > 0.0 { tp / support } else { 0.0 };
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        per_class.insert(
            c.to_string(),
            ClassMetrics {
                precision,
                recall,
                f1,
                support: support as u64,
            },
        );
    }
    let present: Vec<&ClassMetrics> = per_class.values().filter(|m| m.support > 0).collect();
    let macro_f1 = if present.is_empty() {
        0.0
    } else {
        present.iter().map(|m| m.f1).sum::<f64>() / present.len() as f64
    };
    LabelMetrics {
        n,
        accuracy: if n > 0 {
            correct as f64 / n as f64
        } else {
            0.0
        },
        macro_f1,
        classes: per_class,
        confusion,
        second_half: None,
    }
}

/// Test-then-train: each message is scored by the rules blended with the
/// model learned so far, then the model learns its label, as a moderator's
/// corrections would teach it.
pub fn evaluate_learning(items: &[Labelled]) -> BTreeMap<String, LabelMetrics> {
    use super::learn::{BINARY, OnlineModel, SENTIMENT, argmax, blend};
    let mut models = [
        OnlineModel::new(3, 6),
        OnlineModel::new(2, 6),
        OnlineModel::new(2, 6),
    ];
    let mut pairs: [Vec<(String, String)>; 3] = Default::default();
    for item in items {
        let (a, x) = super::classify::analyze_with_features(&item.text, item.lang.as_deref());
        // The transformer tier's reading, when one is installed, stands
        // for the rules' tone (as in the queue's scores).
        let tier = (item.sentiment.is_some())
            .then(|| super::transformer::tier_probabilities(&item.text))
            .flatten()
            .filter(|_| a.danger.is_empty());
        let rules = [
            tier.map_or_else(
                || super::learn::rule_sentiment(a.sentiment.polarity),
                |p| p.to_vec(),
            ),
            vec![1.0 - a.complaint, a.complaint],
            vec![1.0 - a.hostile, a.hostile],
        ];
        let gold: [Option<usize>; 3] = [
            item.sentiment
                .as_deref()
                .and_then(|g| SENTIMENT.iter().position(|c| g.eq_ignore_ascii_case(c))),
            item.complaint.map(usize::from),
            item.hostile.map(usize::from),
        ];
        for k in 0..3 {
            let Some(label) = gold[k] else { continue };
            let p = blend(&rules[k], &models[k].probabilities(&x), models[k].seen());
            let names: &[&str] = if k == 0 { &SENTIMENT } else { &BINARY };
            pairs[k].push((names[label].to_string(), names[argmax(&p)].to_string()));
            models[k].learn(&x, label);
        }
    }
    let mut out = BTreeMap::new();
    for (k, name) in ["sentiment", "complaint", "hostile"].iter().enumerate() {
        if pairs[k].is_empty() {
            continue;
        }
        let classes: &[&str] = if k == 0 { &SENTIMENT } else { &BINARY };
        let mut m = metrics(&pairs[k], classes);
        let half = &pairs[k][pairs[k].len() / 2..];
        let h = metrics(half, classes);
        m.second_half = Some(HalfMetrics {
            n: h.n,
            accuracy: h.accuracy,
            macro_f1: h.macro_f1,
        });
        out.insert(name.to_string(), m);
    }
    out
}

/// The report: one entry per label present in the data.
pub fn evaluate(items: &[Labelled]) -> BTreeMap<String, LabelMetrics> {
    let mut sentiment = Vec::new();
    let mut complaint = Vec::new();
    let mut hostile = Vec::new();
    for item in items {
        let a = analyze(&item.text, item.lang.as_deref());
        if let Some(gold) = &item.sentiment {
            let tone = match super::transformer::tier_probabilities(&item.text) {
                Some(p) if a.danger.is_empty() => super::transformer::tone_of_probabilities(&p),
                _ => a.sentiment.polarity,
            };
            sentiment.push((gold.to_lowercase(), tone.as_str().to_string()));
        }
        if let Some(gold) = item.complaint {
            complaint.push((gold.to_string(), (a.complaint >= 0.5).to_string()));
        }
        if let Some(gold) = item.hostile {
            hostile.push((gold.to_string(), (a.hostile >= 0.5).to_string()));
        }
    }
    let mut out = BTreeMap::new();
    if !sentiment.is_empty() {
        out.insert(
            "sentiment".into(),
            metrics(&sentiment, &["negative", "neutral", "positive"]),
        );
    }
    if !complaint.is_empty() {
        out.insert("complaint".into(), metrics(&complaint, &["false", "true"]));
    }
    if !hostile.is_empty() {
        out.insert("hostile".into(), metrics(&hostile, &["false", "true"]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_by_hand() {
        let p = |g: &str, q: &str| (g.to_string(), q.to_string());
        // gold: t t f f ; pred: t f f t
        let m = metrics(
            &[
                p("true", "true"),
                p("true", "false"),
                p("false", "false"),
                p("false", "true"),
            ],
            &["false", "true"],
        );
        assert_eq!(m.n, 4);
        assert!((m.accuracy - 0.5).abs() < 1e-9);
        assert!((m.classes["true"].precision - 0.5).abs() < 1e-9);
        assert!((m.classes["true"].recall - 0.5).abs() < 1e-9);
        assert!((m.macro_f1 - 0.5).abs() < 1e-9);
        assert_eq!(m.confusion["true"]["false"], 1);
    }
}
