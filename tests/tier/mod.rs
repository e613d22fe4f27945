//! What the transformer tier's tests share: tiny ONNX sentiment models
//! written here as protobuf bytes (no Python needed to make them), a word
//! tokenizer for them, and where ONNX Runtime is.
//!
//! The model: logits = Σ over tokens of embedding[token] × attention_mask,
//! three labels (negative, neutral, positive), so each word of the tiny
//! vocabulary pushes one tone.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The tiny vocabulary and the tone each word pushes (0 negative, 1
/// neutral, 2 positive). "zorbly" and "blech" are in no lexicon: only the
/// model knows them.
pub const VOCAB: &[(&str, Option<usize>)] = &[
    ("[UNK]", None),
    ("zorbly", Some(2)),
    ("blech", Some(0)),
    ("meh", Some(1)),
    ("good", Some(2)),
    ("bad", Some(0)),
    ("the", None),
    ("kettle", None),
    ("caught", None),
    ("fire", None),
];

/// The ONNX Runtime library, from `ORT_DYLIB_PATH` or the `onnxruntime`
/// Python wheel. None (after saying so loudly) when it cannot be found and
/// `PALABRE_REQUIRE_ORT` is unset; with it set (CI), a missing library fails.
pub fn runtime() -> Option<PathBuf> {
    let found = std::env::var_os("ORT_DYLIB_PATH")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .or_else(from_python_wheel);
    if found.is_none() {
        let required = std::env::var_os("PALABRE_REQUIRE_ORT").is_some_and(|v| !v.is_empty());
        assert!(
            !required,
            "PALABRE_REQUIRE_ORT is set but no ONNX Runtime library was found: set ORT_DYLIB_PATH or `pip install onnxruntime`"
        );
        eprintln!(
            "\n*** SKIPPED: the transformer tier's test needs ONNX Runtime (set ORT_DYLIB_PATH, or `pip install onnxruntime`); set PALABRE_REQUIRE_ORT=1 to make this a failure ***\n"
        );
    }
    found
}

fn from_python_wheel() -> Option<PathBuf> {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import glob, os, onnxruntime; d = os.path.join(os.path.dirname(onnxruntime.__file__), 'capi'); print(sorted(glob.glob(os.path.join(d, 'libonnxruntime.so*')) + glob.glob(os.path.join(d, 'libonnxruntime*.dylib')))[0])",
        ])
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    (out.status.success() && path.is_file()).then_some(path)
}

// --- protobuf, as much as ONNX needs -------------------------------------

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn key(out: &mut Vec<u8>, field: u32, wire: u8) {
    varint(out, (u64::from(field) << 3) | u64::from(wire));
}

fn int(out: &mut Vec<u8>, field: u32, v: i64) {
    key(out, field, 0);
    varint(out, v as u64);
}

fn bytes(out: &mut Vec<u8>, field: u32, b: &[u8]) {
    key(out, field, 2);
    varint(out, b.len() as u64);
    out.extend_from_slice(b);
}

fn string(out: &mut Vec<u8>, field: u32, s: &str) {
    bytes(out, field, s.as_bytes());
}

const FLOAT: i64 = 1;
const INT64: i64 = 7;

/// A dimension: a number, or a name (dynamic).
pub enum Dim {
    N(i64),
    Named(&'static str),
}

fn value_info(name: &str, elem: i64, dims: &[Dim]) -> Vec<u8> {
    let mut shape = Vec::new();
    for d in dims {
        let mut dim = Vec::new();
        match d {
            Dim::N(n) => int(&mut dim, 1, *n),
            Dim::Named(s) => string(&mut dim, 2, s),
        }
        bytes(&mut shape, 1, &dim);
    }
    let mut tensor = Vec::new();
    int(&mut tensor, 1, elem);
    bytes(&mut tensor, 2, &shape);
    let mut ty = Vec::new();
    bytes(&mut ty, 1, &tensor);
    let mut vi = Vec::new();
    string(&mut vi, 1, name);
    bytes(&mut vi, 2, &ty);
    vi
}

fn float_tensor(name: &str, dims: &[i64], values: &[f32]) -> Vec<u8> {
    let mut t = Vec::new();
    for d in dims {
        int(&mut t, 1, *d);
    }
    int(&mut t, 2, FLOAT);
    string(&mut t, 8, name);
    let raw: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
    bytes(&mut t, 9, &raw);
    t
}

fn int64_tensor(name: &str, values: &[i64]) -> Vec<u8> {
    let mut t = Vec::new();
    int(&mut t, 1, values.len() as i64);
    int(&mut t, 2, INT64);
    string(&mut t, 8, name);
    let raw: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
    bytes(&mut t, 9, &raw);
    t
}

fn node(op: &str, inputs: &[&str], outputs: &[&str], attrs: &[(&str, i64)]) -> Vec<u8> {
    let mut n = Vec::new();
    for i in inputs {
        string(&mut n, 1, i);
    }
    for o in outputs {
        string(&mut n, 2, o);
    }
    string(&mut n, 4, op);
    for (name, v) in attrs {
        let mut a = Vec::new();
        string(&mut a, 1, name);
        int(&mut a, 3, *v);
        int(&mut a, 20, 2); // AttributeType INT
        bytes(&mut n, 5, &a);
    }
    n
}

struct Graph {
    nodes: Vec<Vec<u8>>,
    initializers: Vec<Vec<u8>>,
    inputs: Vec<Vec<u8>>,
    outputs: Vec<Vec<u8>>,
}

fn model(g: Graph) -> Vec<u8> {
    let mut graph = Vec::new();
    for n in &g.nodes {
        bytes(&mut graph, 1, n);
    }
    string(&mut graph, 2, "palabre-test");
    for i in &g.initializers {
        bytes(&mut graph, 5, i);
    }
    for i in &g.inputs {
        bytes(&mut graph, 11, i);
    }
    for o in &g.outputs {
        bytes(&mut graph, 12, o);
    }
    let mut opset = Vec::new();
    string(&mut opset, 1, "");
    int(&mut opset, 2, 13);
    let mut m = Vec::new();
    int(&mut m, 1, 8); // IR version 8 (opset 13 is within it)
    string(&mut m, 2, "palabre tests");
    bytes(&mut m, 7, &graph);
    bytes(&mut m, 8, &opset);
    m
}

fn embedding() -> Vec<f32> {
    let mut e = Vec::new();
    for (_, tone) in VOCAB {
        for label in 0..3 {
            e.push(if *tone == Some(label) { 2.0 } else { 0.0 });
        }
    }
    e
}

/// The sentiment model: `input_ids` and `attention_mask` in, `logits` out.
/// `logits_rank3` leaves out the sum over tokens (a wrong output shape).
pub fn sentiment_model(logits_rank3: bool) -> Vec<u8> {
    let batch = || Dim::Named("batch");
    let seq = || Dim::Named("sequence");
    let mut nodes = vec![
        node("Gather", &["embedding", "input_ids"], &["e"], &[]),
        node("Cast", &["attention_mask"], &["m"], &[("to", FLOAT)]),
        node("Unsqueeze", &["m", "axis_last"], &["m3"], &[]),
        node("Mul", &["e", "m3"], &["em"], &[]),
    ];
    let output = if logits_rank3 {
        nodes.push(node("Identity", &["em"], &["logits"], &[]));
        value_info("logits", FLOAT, &[batch(), seq(), Dim::N(3)])
    } else {
        nodes.push(node(
            "ReduceSum",
            &["em", "axis_tokens"],
            &["logits"],
            &[("keepdims", 0)],
        ));
        value_info("logits", FLOAT, &[batch(), Dim::N(3)])
    };
    model(Graph {
        nodes,
        initializers: vec![
            float_tensor("embedding", &[VOCAB.len() as i64, 3], &embedding()),
            int64_tensor("axis_last", &[2]),
            int64_tensor("axis_tokens", &[1]),
        ],
        inputs: vec![
            value_info("input_ids", INT64, &[batch(), seq()]),
            value_info("attention_mask", INT64, &[batch(), seq()]),
        ],
        outputs: vec![output],
    })
}

/// A model that takes an image, not tokens.
pub fn image_model() -> Vec<u8> {
    model(Graph {
        nodes: vec![node("Identity", &["pixels"], &["logits"], &[])],
        initializers: vec![],
        inputs: vec![value_info(
            "pixels",
            FLOAT,
            &[Dim::Named("batch"), Dim::N(3)],
        )],
        outputs: vec![value_info(
            "logits",
            FLOAT,
            &[Dim::Named("batch"), Dim::N(3)],
        )],
    })
}

/// The tokenizer of `VOCAB`: lower case, split on white space and
/// punctuation, unknown words as [UNK].
pub fn tokenizer_json() -> String {
    let vocab: serde_json::Map<String, serde_json::Value> = VOCAB
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (w.to_string(), serde_json::json!(i)))
        .collect();
    serde_json::json!({
        "version": "1.0",
        "truncation": null,
        "padding": null,
        "added_tokens": [],
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": null,
        "decoder": null,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "[UNK]"}
    })
    .to_string()
}

/// A model directory as an export leaves it: model.onnx, tokenizer.json and
/// config.json (its id2label).
pub fn write_model_dir(dir: &Path, model_bytes: &[u8]) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let model = dir.join("model.onnx");
    std::fs::write(&model, model_bytes).unwrap();
    std::fs::write(dir.join("tokenizer.json"), tokenizer_json()).unwrap();
    std::fs::write(
        dir.join("config.json"),
        r#"{"id2label": {"0": "negative", "1": "neutral", "2": "positive"}}"#,
    )
    .unwrap();
    model
}
