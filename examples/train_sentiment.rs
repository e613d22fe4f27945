//! Trains the English sentiment model Palabre ships
//! (`src/triage/lexicons/sentiment_en.plm`, read by `triage::shipped`):
//!
//! ```sh
//! cargo run --release --example train_sentiment -- \
//!     ../shared/data/sentiment-en.jsonl src/triage/lexicons/sentiment_en.plm
//! ```
//!
//! Input: the evaluation format (`text`, `lang`, `sentiment`), here
//! TweetEval's sentiment tweets, released without restrictions. Only data
//! whose licence allows shipping what is learned from it may be given.
//! Three passes in file order; deterministic.

use palabre::triage::classify::analyze_rules;
use palabre::triage::learn::{Features, OnlineModel, SENTIMENT, dense};
use std::io::BufRead;

/// Hashed weights smaller than this are left out of the file.
const PRUNE: f32 = 0.05;
const EPOCHS: usize = 3;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        return Err("usage: train_sentiment LABELLED.jsonl OUT.plm".into());
    };
    let mut examples = Vec::new();
    for (n, line) in std::io::BufReader::new(std::fs::File::open(input)?)
        .lines()
        .enumerate()
    {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("{input}:{}: {e}", n + 1))?;
        let (Some(text), Some(label)) = (v["text"].as_str(), v["sentiment"].as_str()) else {
            return Err(format!("{input}:{}: needs text and sentiment", n + 1).into());
        };
        let y = SENTIMENT
            .iter()
            .position(|c| c.eq_ignore_ascii_case(label))
            .ok_or_else(|| format!("{input}:{}: sentiment `{label}`", n + 1))?;
        let a = analyze_rules(text, v["lang"].as_str());
        let words: Vec<String> = palabre::triage::words(text).collect();
        examples.push((Features::words_of(&words, dense(&a)), y));
    }
    let mut model = OnlineModel::new(SENTIMENT.len(), 6);
    for _ in 0..EPOCHS {
        for (x, y) in &examples {
            model.learn(x, *y);
        }
    }
    let bytes = model.to_shipped_bytes(PRUNE);
    std::fs::write(output, &bytes)?;
    println!(
        "{} examples, {} passes: {} bytes to {output}",
        examples.len(),
        EPOCHS,
        bytes.len()
    );
    Ok(())
}
