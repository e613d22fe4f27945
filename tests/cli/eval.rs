//! `palabre eval`.

use crate::support::Sandbox;
use serde_json::json;

#[test]
fn eval_reports_each_label_present_and_learn_adds_the_second_half() {
    let s = Sandbox::new();
    let mut lines = String::new();
    for i in 0..40 {
        let (text, complaint) = if i % 2 == 0 {
            (
                "@brand my order never arrived, still waiting for a refund",
                true,
            )
        } else {
            ("lovely weather for a coffee on the terrace", false)
        };
        lines.push_str(&format!(
            "{}\n",
            json!({"id": i.to_string(), "text": text, "lang": "en", "complaint": complaint})
        ));
    }
    s.write("e.jsonl", &lines);
    let out = s.json(&["eval", "e.jsonl", "--json"]);
    assert!(out.get("sentiment").is_none() && out.get("hostile").is_none());
    assert_eq!(out["complaint"]["n"], 40);
    assert!(
        out["complaint"]["macro_f1"].as_f64().unwrap() > 0.9,
        "{out}"
    );
    assert!(out["complaint"].get("second_half").is_none());
    let out = s.json(&["eval", "e.jsonl", "--learn", "--json"]);
    assert_eq!(out["complaint"]["second_half"]["n"], 20);
    assert!(
        out["complaint"]["classes"]["true"]["recall"]
            .as_f64()
            .is_some()
    );
}
