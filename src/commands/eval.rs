//! `palabre eval FILE.jsonl...`

use super::{CmdResult, Failure, print_json};
use crate::triage::eval::{Labelled, evaluate};
use std::io::BufRead;

pub fn run(files: &[String], learn: bool, json: bool) -> CmdResult {
    let mut items = Vec::new();
    for file in files {
        let reader: Box<dyn BufRead> = if file == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            Box::new(std::io::BufReader::new(std::fs::File::open(file).map_err(
                |e| Failure::input(format!("{file}: cannot open: {e}")),
            )?))
        };
        for (i, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| Failure::input(format!("{file}:{}: {e}", i + 1)))?;
            if line.trim().is_empty() {
                continue;
            }
            let item: Labelled = serde_json::from_str(&line)
                .map_err(|e| Failure::input(format!("{file}:{}: {e}", i + 1)))?;
            items.push(item);
        }
    }
    if let Some(tier) = crate::triage::transformer::installed() {
        eprintln!(
            "sentiment read by the transformer tier: {}",
            tier.model().display()
        );
    }
    let report = if learn {
        crate::triage::eval::evaluate_learning(&items)
    } else {
        evaluate(&items)
    };
    if json {
        return print_json(&report);
    }
    for (label, m) in &report {
        println!(
            "{label}: n {}  accuracy {:.3}  macro-F1 {:.3}",
            m.n, m.accuracy, m.macro_f1
        );
        if let Some(h) = &m.second_half {
            println!(
                "  second half: n {}  accuracy {:.3}  macro-F1 {:.3}",
                h.n, h.accuracy, h.macro_f1
            );
        }
        println!(
            "  {:<10} {:>9} {:>7} {:>6} {:>7}",
            "class", "precision", "recall", "F1", "support"
        );
        for (class, c) in &m.classes {
            println!(
                "  {class:<10} {:>9.3} {:>7.3} {:>6.3} {:>7}",
                c.precision, c.recall, c.f1, c.support
            );
        }
        let classes: Vec<&String> = m.confusion.keys().collect();
        print!("  confusion (rows gold, columns predicted):\n  {:<10}", "");
        for c in &classes {
            print!(" {c:>9}");
        }
        println!();
        for g in &classes {
            print!("  {g:<10}");
            for p in &classes {
                print!(" {:>9}", m.confusion[*g].get(*p).copied().unwrap_or(0));
            }
            println!();
        }
        println!();
    }
    Ok(())
}
