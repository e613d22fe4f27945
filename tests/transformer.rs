//! The transformer tier on a tiny ONNX model the test writes: loaded with
//! ONNX Runtime from its library at run time, it reads messages, its
//! reading becomes the queue's tone, `eval` measures it, and a model that
//! is not a sentiment model, a missing file or a missing library gets an
//! error that names it. One test, in order: ONNX Runtime is loaded once per
//! process.

mod tier;

use palabre::model::Tone;
use palabre::triage::transformer::{self, Transformer, TransformerConfig};

fn config(model: std::path::PathBuf, runtime: &std::path::Path) -> TransformerConfig {
    TransformerConfig {
        model,
        tokenizer: None,
        runtime: Some(runtime.to_path_buf()),
        labels: None,
        max_tokens: 64,
    }
}

fn error(c: &TransformerConfig) -> String {
    Transformer::load(c).unwrap_err().to_string()
}

#[test]
fn the_transformer_tier_reads_messages_and_refuses_what_it_cannot_use() {
    let Some(runtime) = tier::runtime() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let good = tier::write_model_dir(&dir.path().join("good"), &tier::sentiment_model(false));

    // A library that is not there, before any is loaded.
    let missing = dir.path().join("lib/libonnxruntime.so");
    let e = error(&TransformerConfig {
        runtime: Some(missing.clone()),
        ..config(good.clone(), &runtime)
    });
    assert!(
        e.contains("ONNX Runtime library") && e.contains(&missing.display().to_string()),
        "{e}"
    );

    // The model reads its words; its labels come from config.json.
    let t = Transformer::load(&config(good.clone(), &runtime)).unwrap();
    let best = |text: &str| transformer::tone_of_probabilities(&t.probabilities(text).unwrap());
    assert_eq!(best("zorbly zorbly"), Tone::Positive);
    assert_eq!(best("BLECH, blech"), Tone::Negative);
    assert_eq!(best("meh"), Tone::Neutral);
    let p = t.probabilities("zorbly").unwrap();
    assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4, "{p:?}");
    // A long message is cut to max_tokens, not refused.
    assert_eq!(best(&"good ".repeat(5000)), Tone::Positive);
    assert_eq!(best(""), best("[UNK]"));

    // Labels named in the configuration win, in their order.
    let swapped = Transformer::load(&TransformerConfig {
        labels: Some(vec!["positive".into(), "neutral".into(), "negative".into()]),
        ..config(good.clone(), &runtime)
    })
    .unwrap();
    assert_eq!(
        transformer::tone_of_probabilities(&swapped.probabilities("zorbly").unwrap()),
        Tone::Negative
    );

    // What it cannot use, each named.
    let e = error(&TransformerConfig {
        labels: Some(vec!["negative".into(), "positive".into()]),
        ..config(good.clone(), &runtime)
    });
    assert!(e.contains("gives 3 scores but 2 labels"), "{e}");
    let e = error(&TransformerConfig {
        labels: Some(vec!["LABEL_0".into(), "LABEL_1".into(), "LABEL_2".into()]),
        ..config(good.clone(), &runtime)
    });
    assert!(e.contains("`LABEL_0` is not a tone"), "{e}");
    let image = tier::write_model_dir(&dir.path().join("image"), &tier::image_model());
    let e = error(&config(image.clone(), &runtime));
    assert!(
        e.contains(&image.display().to_string()) && e.contains("input `pixels` is not one of"),
        "{e}"
    );
    let rank3 = tier::write_model_dir(&dir.path().join("rank3"), &tier::sentiment_model(true));
    let e = error(&config(rank3, &runtime));
    assert!(
        e.contains("must be 32-bit floats shaped [batch, labels]"),
        "{e}"
    );
    let garbage = tier::write_model_dir(&dir.path().join("garbage"), b"\x08\x01garbage");
    let e = error(&config(garbage, &runtime));
    assert!(e.contains("ONNX Runtime cannot load it"), "{e}");
    let e = error(&config(dir.path().join("none.onnx"), &runtime));
    assert!(e.contains("none.onnx: no such file"), "{e}");
    let no_config = dir.path().join("bare");
    std::fs::create_dir_all(&no_config).unwrap();
    std::fs::copy(&good, no_config.join("model.onnx")).unwrap();
    std::fs::write(no_config.join("tokenizer.json"), tier::tokenizer_json()).unwrap();
    let e = error(&config(no_config.join("model.onnx"), &runtime));
    assert!(
        e.contains("no `labels`") && e.contains("config.json"),
        "{e}"
    );

    // Installed, it decides the queue's tone; a danger report stays negative.
    let learned = palabre::triage::learn::Learned::default();
    assert_eq!(learned.scores("zorbly", Some("en")).tone, Tone::Neutral);
    transformer::install(t).unwrap();
    let s = learned.scores("zorbly", Some("en"));
    assert_eq!(s.tone, Tone::Positive);
    assert!(s.sentiment > 0.5, "{s:?}");
    assert_eq!(
        learned.scores("this is good but blech blech", None).tone,
        Tone::Negative
    );
    let fire = learned.scores("zorbly zorbly, the kettle caught fire", Some("en"));
    assert!(fire.danger && fire.tone == Tone::Negative, "{fire:?}");

    // eval measures the tier.
    let items: Vec<palabre::triage::eval::Labelled> = [
        ("zorbly", "positive"),
        ("blech", "negative"),
        ("meh", "neutral"),
    ]
    .iter()
    .map(|(text, gold)| {
        serde_json::from_value(serde_json::json!({"text": text, "lang": "en", "sentiment": gold}))
            .unwrap()
    })
    .collect();
    let report = palabre::triage::eval::evaluate(&items);
    assert_eq!(report["sentiment"].accuracy, 1.0);
    let learning = palabre::triage::eval::evaluate_learning(&items);
    assert_eq!(learning["sentiment"].accuracy, 1.0);
}
