//! How well the shipped English model does on tweets it was not trained
//! on: k-fold cross-validation of `train_sentiment` (same features, passes
//! and pruning), scored as the triage decides the tone (a danger report
//! negative, a complaint read as neutral negative), against the rules alone.
//!
//! ```sh
//! cargo run --release --example cv_sentiment -- ../shared/data/sentiment-en.jsonl [PRUNE] [K]
//! ```

use palabre::triage::classify::analyze_rules;
use palabre::triage::eval::metrics;
use palabre::triage::learn::{Features, OnlineModel, SENTIMENT, dense};
use palabre::triage::shipped::tone;
use std::io::BufRead;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let input = args
        .first()
        .ok_or("usage: cv_sentiment LABELLED.jsonl [PRUNE] [K]")?;
    let prune: f32 = args.get(1).map_or(Ok(0.05), |v| v.parse())?;
    let k: usize = args.get(2).map_or(Ok(5), |v| v.parse())?;
    let mut items = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(input)?).lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let text = v["text"].as_str().ok_or("text")?;
        let label = v["sentiment"].as_str().ok_or("sentiment")?;
        let y = SENTIMENT.iter().position(|c| *c == label).ok_or("label")?;
        let a = analyze_rules(text, v["lang"].as_str());
        let words: Vec<String> = palabre::triage::words(text).collect();
        let x = Features::words_of(&words, dense(&a));
        items.push((x, y, a));
    }
    let (mut model_pairs, mut rule_pairs) = (Vec::new(), Vec::new());
    let mut neutral_only = Vec::new();
    for fold in 0..k {
        let mut m = OnlineModel::new(3, 6);
        for _ in 0..3 {
            for (i, (x, y, _)) in items.iter().enumerate() {
                if i % k != fold {
                    m.learn(x, *y);
                }
            }
        }
        let m = OnlineModel::from_shipped_bytes(&m.to_shipped_bytes(prune))?;
        for (i, (x, y, a)) in items.iter().enumerate() {
            if i % k == fold {
                let p = m.probabilities(x);
                let t = tone(&[p[0], p[1], p[2]], !a.danger.is_empty(), a.complaint);
                model_pairs.push((SENTIMENT[*y].to_string(), t.as_str().to_string()));
                let n = if a.sentiment.polarity == palabre::model::Tone::Neutral {
                    t
                } else {
                    a.sentiment.polarity
                };
                neutral_only.push((SENTIMENT[*y].to_string(), n.as_str().to_string()));
                rule_pairs.push((
                    SENTIMENT[*y].to_string(),
                    a.sentiment.polarity.as_str().to_string(),
                ));
            }
        }
    }
    let (m, r) = (
        metrics(&model_pairs, &SENTIMENT),
        metrics(&rule_pairs, &SENTIMENT),
    );
    println!(
        "{k}-fold, prune {prune}: shipped model macro-F1 {:.3} (accuracy {:.3}); rules alone {:.3} ({:.3})",
        m.macro_f1, m.accuracy, r.macro_f1, r.accuracy
    );
    let no = metrics(&neutral_only, &SENTIMENT);
    println!("model only where the rules say neutral: {:.3}", no.macro_f1);
    Ok(())
}
