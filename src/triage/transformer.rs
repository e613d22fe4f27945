//! The optional transformer tier: a sentiment model the user points to in
//! the configuration (`[triage.transformer]`), an ONNX file with its
//! `tokenizer.json`, run by ONNX Runtime loaded from a library at run time
//! (the `ort` crate's `load-dynamic`; the `onnxruntime` Python wheel ships
//! one). Nothing is downloaded: a model, a tokenizer or a library that is
//! not there is an error that names it.
//!
//! What a model must look like (what Hugging Face sentiment models exported
//! with `optimum-cli export onnx --task text-classification` look like):
//! inputs among `input_ids`, `attention_mask` and `token_type_ids`, 64-bit
//! integers shaped [batch, tokens] (`input_ids` required); one output of
//! 32-bit floats shaped [batch, labels], the logits (named `logits` when
//! there are several). The labels' order comes from the configuration or
//! from the `config.json` beside the model (`id2label`), each read as a
//! tone: "negative"/"neutral"/"positive" (or their prefixes, as in
//! "LABEL_NEG"), or star ratings ("1 star" … "5 stars").

use crate::model::Tone;
use ort::session::Session;
use ort::value::{Tensor, TensorElementType, ValueType};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// `[triage.transformer]` in the configuration.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransformerConfig {
    /// The ONNX model file.
    pub model: PathBuf,
    /// The model's tokenizer (`tokenizer.json`); default: beside the model.
    #[serde(default)]
    pub tokenizer: Option<PathBuf>,
    /// The ONNX Runtime library (`libonnxruntime.so`, `.dylib`, `.dll`);
    /// default: `ORT_DYLIB_PATH`, else the system's library path.
    #[serde(default)]
    pub runtime: Option<PathBuf>,
    /// The tone of each of the model's outputs, in order; default: the
    /// `id2label` of the `config.json` beside the model.
    #[serde(default)]
    pub labels: Option<Vec<String>>,
    /// Tokens read from a message at most (longer messages are cut).
    #[serde(default = "default_max_tokens")]
    pub max_tokens: usize,
}

fn default_max_tokens() -> usize {
    128
}

#[derive(Debug, thiserror::Error)]
pub enum TransformerError {
    #[error("the ONNX Runtime library {path}: {reason}")]
    Runtime { path: PathBuf, reason: String },
    #[error("the sentiment model {path}: {reason}")]
    Model { path: PathBuf, reason: String },
    #[error("the tokenizer {path}: {reason}")]
    Tokenizer { path: PathBuf, reason: String },
    #[error("the sentiment model's labels: {0}")]
    Labels(String),
    #[error("the sentiment model failed on a message: {0}")]
    Run(String),
}

/// Which tokenizer output feeds each model input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Feed {
    Ids,
    Mask,
    TypeIds,
}

pub struct Transformer {
    session: Mutex<Session>,
    tokenizer: tokenizers::Tokenizer,
    /// The model's inputs, in its order, and what feeds each.
    inputs: Vec<(String, Feed)>,
    output: String,
    /// The tone of each output.
    labels: Vec<Tone>,
    model: PathBuf,
}

impl std::fmt::Debug for Transformer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transformer")
            .field("model", &self.model)
            .field("labels", &self.labels)
            .finish()
    }
}

/// The library ONNX Runtime was loaded from: once per process.
static RUNTIME: OnceLock<PathBuf> = OnceLock::new();

fn load_runtime(configured: Option<&Path>) -> Result<(), TransformerError> {
    let path = configured
        .map(Path::to_path_buf)
        .or_else(|| {
            std::env::var_os("ORT_DYLIB_PATH")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| PathBuf::from(default_library()));
    if let Some(loaded) = RUNTIME.get() {
        if *loaded != path {
            return Err(TransformerError::Runtime {
                path,
                reason: format!(
                    "ONNX Runtime is already loaded from {} in this process",
                    loaded.display()
                ),
            });
        }
        return Ok(());
    }
    if path.components().count() > 1 && !path.exists() {
        return Err(TransformerError::Runtime {
            path,
            reason: "no such file (install the `onnxruntime` Python wheel and name its capi/libonnxruntime.so*, or set ORT_DYLIB_PATH)".into(),
        });
    }
    let builder = ort::init_from(&path).map_err(|e| TransformerError::Runtime {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    builder.with_name("palabre").commit();
    let _ = RUNTIME.set(path);
    Ok(())
}

fn default_library() -> &'static str {
    if cfg!(target_os = "windows") {
        "onnxruntime.dll"
    } else if cfg!(target_os = "macos") {
        "libonnxruntime.dylib"
    } else {
        "libonnxruntime.so"
    }
}

/// A label's tone: "negative", "NEG", "LABEL_NEUTRAL", "4 stars"…
fn tone_of(label: &str) -> Option<Tone> {
    let l = label.trim().to_lowercase();
    if let Some(stars) = l
        .strip_suffix(" stars")
        .or_else(|| l.strip_suffix(" star"))
        .and_then(|n| n.trim().parse::<u8>().ok())
    {
        return match stars {
            1 | 2 => Some(Tone::Negative),
            3 => Some(Tone::Neutral),
            4 | 5 => Some(Tone::Positive),
            _ => None,
        };
    }
    let l = l.strip_prefix("label_").unwrap_or(&l);
    if l.starts_with("neg") {
        Some(Tone::Negative)
    } else if l.starts_with("neu") {
        Some(Tone::Neutral)
    } else if l.starts_with("pos") {
        Some(Tone::Positive)
    } else {
        None
    }
}

fn labels_of(config: &TransformerConfig) -> Result<Vec<Tone>, TransformerError> {
    let names: Vec<String> = match &config.labels {
        Some(l) => l.clone(),
        None => {
            let beside = config.model.with_file_name("config.json");
            let text = std::fs::read_to_string(&beside).map_err(|e| {
                TransformerError::Labels(format!(
                    "no `labels` in [triage.transformer] and {} cannot be read ({e})",
                    beside.display()
                ))
            })?;
            #[derive(Deserialize)]
            struct HfConfig {
                id2label: std::collections::BTreeMap<String, String>,
            }
            let hf: HfConfig = serde_json::from_str(&text)
                .map_err(|e| TransformerError::Labels(format!("{}: {e}", beside.display())))?;
            let mut pairs: Vec<(usize, String)> = hf
                .id2label
                .into_iter()
                .map(|(k, v)| {
                    k.parse::<usize>().map(|k| (k, v)).map_err(|_| {
                        TransformerError::Labels(format!(
                            "{}: id2label key `{k}` is not a number",
                            beside.display()
                        ))
                    })
                })
                .collect::<Result<_, _>>()?;
            pairs.sort();
            pairs.into_iter().map(|(_, v)| v).collect()
        }
    };
    if names.len() < 2 {
        return Err(TransformerError::Labels(
            "a sentiment model needs at least two labels".into(),
        ));
    }
    names
        .iter()
        .map(|n| {
            tone_of(n).ok_or_else(|| {
                TransformerError::Labels(format!(
                    "`{n}` is not a tone (negative, neutral, positive or N stars); name each output's tone in `labels` of [triage.transformer]"
                ))
            })
        })
        .collect()
}

impl Transformer {
    /// Loads the runtime, the model and its tokenizer, and checks that the
    /// model takes tokens and gives one score a label.
    pub fn load(config: &TransformerConfig) -> Result<Transformer, TransformerError> {
        let model_err = |reason: String| TransformerError::Model {
            path: config.model.clone(),
            reason,
        };
        if !config.model.is_file() {
            return Err(model_err("no such file".into()));
        }
        let tokenizer_path = config
            .tokenizer
            .clone()
            .unwrap_or_else(|| config.model.with_file_name("tokenizer.json"));
        let mut tokenizer = tokenizers::Tokenizer::from_file(&tokenizer_path).map_err(|e| {
            TransformerError::Tokenizer {
                path: tokenizer_path.clone(),
                reason: e.to_string(),
            }
        })?;
        tokenizer
            .with_truncation(Some(tokenizers::TruncationParams {
                max_length: config.max_tokens.max(2),
                ..Default::default()
            }))
            .map_err(|e| TransformerError::Tokenizer {
                path: tokenizer_path.clone(),
                reason: e.to_string(),
            })?;
        let labels = labels_of(config)?;
        load_runtime(config.runtime.as_deref())?;
        let session = Session::builder()
            .and_then(|mut b| b.commit_from_file(&config.model))
            .map_err(|e| model_err(format!("ONNX Runtime cannot load it: {e}")))?;
        let is_tokens = |t: &ValueType| {
            t.tensor_type() == Some(TensorElementType::Int64)
                && t.tensor_shape().is_some_and(|s| s.len() == 2)
        };
        let mut inputs = Vec::new();
        for input in session.inputs() {
            let feed = match input.name() {
                "input_ids" => Feed::Ids,
                "attention_mask" => Feed::Mask,
                "token_type_ids" => Feed::TypeIds,
                other => {
                    return Err(model_err(format!(
                        "input `{other}` is not one of input_ids, attention_mask, token_type_ids (a text-classification export takes tokens)"
                    )));
                }
            };
            if !is_tokens(input.dtype()) {
                return Err(model_err(format!(
                    "input `{}` must be 64-bit integers shaped [batch, tokens], not {:?}",
                    input.name(),
                    input.dtype()
                )));
            }
            inputs.push((input.name().to_string(), feed));
        }
        if !inputs.iter().any(|(_, f)| *f == Feed::Ids) {
            return Err(model_err("it has no `input_ids` input".into()));
        }
        let outputs = session.outputs();
        let output = outputs
            .iter()
            .find(|o| o.name() == "logits")
            .or_else(|| (outputs.len() == 1).then(|| &outputs[0]))
            .ok_or_else(|| {
                model_err(format!("{} outputs and none named `logits`", outputs.len()))
            })?;
        let dtype = output.dtype();
        let shape = dtype.tensor_shape();
        if dtype.tensor_type() != Some(TensorElementType::Float32)
            || shape.is_none_or(|s| s.len() != 2)
        {
            return Err(model_err(format!(
                "output `{}` must be 32-bit floats shaped [batch, labels], not {dtype:?}",
                output.name()
            )));
        }
        if let Some(n) = shape.and_then(|s| s.get(1)).filter(|n| **n > 0)
            && *n as usize != labels.len()
        {
            return Err(model_err(format!(
                "output `{}` gives {n} scores but {} labels are named",
                output.name(),
                labels.len()
            )));
        }
        let output = output.name().to_string();
        Ok(Transformer {
            session: Mutex::new(session),
            tokenizer,
            inputs,
            output,
            labels,
            model: config.model.clone(),
        })
    }

    pub fn model(&self) -> &Path {
        &self.model
    }

    /// The probabilities of negative, neutral and positive.
    pub fn probabilities(&self, text: &str) -> Result<[f32; 3], TransformerError> {
        let encoding = self
            .tokenizer
            .encode(text, true)
            .map_err(|e| TransformerError::Run(format!("tokenizer: {e}")))?;
        let n = encoding.get_ids().len().max(1);
        let column = |feed: Feed| -> Vec<i64> {
            let values: Vec<i64> = match feed {
                Feed::Ids => encoding.get_ids().iter().map(|v| i64::from(*v)).collect(),
                Feed::Mask => encoding
                    .get_attention_mask()
                    .iter()
                    .map(|v| i64::from(*v))
                    .collect(),
                Feed::TypeIds => encoding
                    .get_type_ids()
                    .iter()
                    .map(|v| i64::from(*v))
                    .collect(),
            };
            if values.is_empty() { vec![0] } else { values }
        };
        let mut feeds = Vec::with_capacity(self.inputs.len());
        for (name, feed) in &self.inputs {
            let tensor = Tensor::from_array(([1usize, n], column(*feed)))
                .map_err(|e| TransformerError::Run(e.to_string()))?;
            feeds.push((std::borrow::Cow::from(name.as_str()), tensor.into_dyn()));
        }
        let mut session = self
            .session
            .lock()
            .map_err(|_| TransformerError::Run("the model's session was poisoned".into()))?;
        let outputs = session
            .run(feeds)
            .map_err(|e| TransformerError::Run(e.to_string()))?;
        let value = outputs
            .get(&self.output)
            .ok_or_else(|| TransformerError::Run(format!("no output `{}`", self.output)))?;
        let (_, logits) = value
            .try_extract_tensor::<f32>()
            .map_err(|e| TransformerError::Run(e.to_string()))?;
        if logits.len() != self.labels.len() {
            return Err(TransformerError::Run(format!(
                "{} scores for {} labels",
                logits.len(),
                self.labels.len()
            )));
        }
        Ok(tone_probabilities(logits, &self.labels))
    }
}

/// The tier the process scores with, once installed (`install`): every way
/// a message is scored (import, sync, the terminal UI, `eval`) asks here,
/// as ONNX Runtime itself is loaded once per process.
static TIER: OnceLock<Transformer> = OnceLock::new();

/// Makes `tier` the process's transformer tier. Refused (returning it)
/// when one is already installed.
pub fn install(tier: Transformer) -> Result<(), Box<Transformer>> {
    TIER.set(tier).map_err(Box::new)
}

/// The installed tier, if any.
pub fn installed() -> Option<&'static Transformer> {
    TIER.get()
}

/// The tier's [negative, neutral, positive] for `text`, if a tier is
/// installed and it could read the message (a failure is logged and the
/// rules decide alone).
pub fn tier_probabilities(text: &str) -> Option<[f32; 3]> {
    let tier = installed()?;
    match tier.probabilities(text) {
        Ok(p) => Some(p),
        Err(e) => {
            tracing::warn!("{e}; the rules score this message");
            None
        }
    }
}

/// The tone with the highest probability.
pub fn tone_of_probabilities(p: &[f32; 3]) -> Tone {
    let best = (0..3).fold(0, |b, i| if p[i] > p[b] { i } else { b });
    [Tone::Negative, Tone::Neutral, Tone::Positive][best]
}

/// Softmax over the logits, summed by tone: [negative, neutral, positive].
fn tone_probabilities(logits: &[f32], labels: &[Tone]) -> [f32; 3] {
    let max = logits.iter().copied().fold(f32::MIN, f32::max);
    let exp: Vec<f32> = logits.iter().map(|v| (v - max).exp()).collect();
    let sum: f32 = exp.iter().sum::<f32>().max(f32::MIN_POSITIVE);
    let mut out = [0.0f32; 3];
    for (p, tone) in exp.iter().zip(labels) {
        let i = match tone {
            Tone::Negative => 0,
            Tone::Neutral => 1,
            Tone::Positive => 2,
        };
        out[i] += p / sum;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_as_tones() {
        assert_eq!(tone_of("NEGATIVE"), Some(Tone::Negative));
        assert_eq!(tone_of("LABEL_NEU"), Some(Tone::Neutral));
        assert_eq!(tone_of("positive"), Some(Tone::Positive));
        assert_eq!(tone_of("1 star"), Some(Tone::Negative));
        assert_eq!(tone_of("3 stars"), Some(Tone::Neutral));
        assert_eq!(tone_of("5 stars"), Some(Tone::Positive));
        assert_eq!(tone_of("LABEL_0"), None);
        let p = tone_probabilities(
            &[0.0, 0.0, 2.0, 2.0],
            &[
                Tone::Negative,
                Tone::Negative,
                Tone::Positive,
                Tone::Positive,
            ],
        );
        assert!((p[0] + p[1] + p[2] - 1.0).abs() < 1e-5 && p[2] > p[0] && p[1] == 0.0);
    }

    #[test]
    fn a_missing_model_or_tokenizer_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let config = TransformerConfig {
            model: dir.path().join("nope.onnx"),
            tokenizer: None,
            runtime: None,
            labels: None,
            max_tokens: 128,
        };
        let e = Transformer::load(&config).unwrap_err().to_string();
        assert!(e.contains("nope.onnx") && e.contains("no such file"), "{e}");
        std::fs::write(dir.path().join("m.onnx"), b"not a model").unwrap();
        let e = Transformer::load(&TransformerConfig {
            model: dir.path().join("m.onnx"),
            ..config
        })
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("the tokenizer ") && e.contains("tokenizer.json"),
            "{e}"
        );
    }
}
