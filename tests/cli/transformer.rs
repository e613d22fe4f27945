//! The transformer tier through the binary: named in the configuration,
//! it reads the messages `import` scores and `eval` measures; a model that
//! cannot be used stops the command with an error naming the file and the
//! configuration, before anything is written.

use crate::support::{Sandbox, msg};
use crate::tier;

fn configure(s: &Sandbox, model: &std::path::Path, runtime: &std::path::Path) {
    s.write(
        "config/palabre/config.toml",
        &format!(
            "[triage.transformer]\nmodel = {:?}\nruntime = {:?}\n",
            model.display().to_string(),
            runtime.display().to_string()
        ),
    );
}

#[test]
fn import_and_eval_read_with_the_configured_model() {
    let Some(runtime) = tier::runtime() else {
        return;
    };
    let s = Sandbox::new();
    let model = tier::write_model_dir(&s.root().join("model"), &tier::sentiment_model(false));
    configure(&s, &model, &runtime);
    s.import(
        "in.jsonl",
        &[
            msg("x", "z1", None, "zorbly zorbly", 0),
            msg("x", "b1", None, "blech", 1),
        ],
    )
    .ok();
    let tone = |r: &str| s.json(&["show", r, "--json"])["tone"].clone();
    assert_eq!(tone("x:z1"), "positive");
    assert_eq!(tone("x:b1"), "negative");
    s.write(
        "gold.jsonl",
        "{\"text\": \"zorbly\", \"lang\": \"en\", \"sentiment\": \"positive\"}\n{\"text\": \"meh\", \"lang\": \"en\", \"sentiment\": \"neutral\"}\n",
    );
    let out = s.run(&["eval", "gold.jsonl"]).ok();
    assert!(out.stderr.contains("transformer tier"), "{}", out.stderr);
    assert!(out.stdout.contains("accuracy 1.000"), "{}", out.stdout);
}

#[test]
fn a_model_that_cannot_be_used_stops_the_import_before_anything_is_written() {
    let Some(runtime) = tier::runtime() else {
        return;
    };
    let s = Sandbox::new();
    let image = tier::write_model_dir(&s.root().join("image"), &tier::image_model());
    configure(&s, &image, &runtime);
    s.write(
        "in.jsonl",
        &crate::support::jsonl(&[msg("x", "a", None, "hello", 0)]),
    );
    let out = s.run(&["import", "in.jsonl"]).fails_with(2);
    assert!(
        out.stderr.contains("[triage.transformer]")
            && out.stderr.contains("image/model.onnx")
            && out.stderr.contains("input `pixels`"),
        "{}",
        out.stderr
    );
    configure(&s, &s.root().join("nowhere/model.onnx"), &runtime);
    let out = s.run(&["import", "in.jsonl"]).fails_with(2);
    assert!(
        out.stderr.contains("nowhere/model.onnx: no such file"),
        "{}",
        out.stderr
    );
    // Commands that do not score still work.
    let list = s.run(&["list"]).ok();
    assert!(
        list.stdout.contains("no conversations yet"),
        "{}",
        list.stdout
    );
}
