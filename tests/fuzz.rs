//! Fuzzing what comes from outside: the JSONL reader, each network's parser,
//! the config and rules files (criticism categories and automation rules),
//! and the sanitizer. Inputs are real files
//! (the sample, recorded API responses, the example config and rules) with
//! one part broken at random — a leaf replaced by a hostile value, bytes
//! flipped, the file cut short — so the parsers are driven deep rather
//! than stopped at the first byte. Each must answer with a value or an
//! error that names where, never panic.
//!
//! The number of cases per target is `PALABRE_FUZZ_CASES` (default 256), so
//! a longer run is one variable away: `PALABRE_FUZZ_CASES=20000 cargo test
//! --release --test fuzz`.

use palabre::channels::{Account, parse};
use palabre::model::Channel;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn cases() -> u32 {
    std::env::var("PALABRE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    })
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Values that break assumptions: wrong types, huge and negative numbers,
/// empty and enormous strings, terminal escapes, deep nesting.
fn hostile() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        Just(Value::from("")),
        "\\PC{0,40}".prop_map(Value::from),
        Just(Value::from("\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{202e}evil")),
        Just(Value::from("x".repeat(70_000))),
        Just(Value::from("2026-13-45T99:99:99Z")),
        Just(Value::from("1e400")),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every node of `v`, depth first, as JSON pointers.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let key = k.replace('~', "~0").replace('/', "~1");
                pointers(item, format!("{at}/{key}"), out);
            }
        }
        _ => {}
    }
}

/// How one input is broken.
#[derive(Debug, Clone)]
enum Break {
    /// The node at this index (modulo the count) becomes this value.
    Replace(usize, Value),
    /// The node is removed from its object or array.
    Remove(usize),
    /// These byte positions (modulo the length) get these bytes.
    Bytes(Vec<(usize, u8)>),
    /// Cut at this position (modulo the length).
    Cut(usize),
}

fn breaks() -> impl Strategy<Value = Break> {
    prop_oneof![
        4 => (any::<usize>(), hostile()).prop_map(|(i, v)| Break::Replace(i, v)),
        2 => any::<usize>().prop_map(Break::Remove),
        1 => prop::collection::vec((any::<usize>(), any::<u8>()), 1..6).prop_map(Break::Bytes),
        1 => any::<usize>().prop_map(Break::Cut),
    ]
}

fn broken(original: &[u8], how: &Break) -> Vec<u8> {
    match how {
        Break::Replace(i, _) | Break::Remove(i) => {
            let Ok(mut doc) = serde_json::from_slice::<Value>(original) else {
                return original.to_vec();
            };
            let mut all = Vec::new();
            pointers(&doc, String::new(), &mut all);
            let at = &all[i % all.len()];
            match how {
                Break::Replace(_, v) => {
                    if let Some(node) = doc.pointer_mut(at) {
                        *node = v.clone();
                    }
                }
                _ => {
                    if let Some((parent, last)) = at.rsplit_once('/')
                        && let Some(node) = doc.pointer_mut(parent)
                    {
                        match node {
                            Value::Object(m) => {
                                m.remove(&last.replace("~1", "/").replace("~0", "~"));
                            }
                            Value::Array(a) => {
                                if let Ok(k) = last.parse::<usize>()
                                    && k < a.len()
                                {
                                    a.remove(k);
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
            serde_json::to_vec(&doc).unwrap_or_default()
        }
        Break::Bytes(flips) => {
            let mut out = original.to_vec();
            if !out.is_empty() {
                let n = out.len();
                for (i, b) in flips {
                    out[i % n] = *b;
                }
            }
            out
        }
        Break::Cut(i) => original[..i % (original.len() + 1)].to_vec(),
    }
}

fn fixtures(network: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = repo("tests/fixtures").join(network);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

#[test]
fn network_parsers_answer_every_broken_response() {
    let networks = [
        Channel::Mastodon,
        Channel::Bluesky,
        Channel::Reddit,
        Channel::Youtube,
        Channel::X,
        Channel::Facebook,
        Channel::Instagram,
    ];
    let mut total = 0;
    for network in networks {
        let files = fixtures(network.as_str());
        assert!(!files.is_empty(), "no fixtures for {network}");
        let account = Account {
            me: vec!["kettlo".into(), "104000000000001".into()],
            instance: Some("mastodon.social".into()),
        };
        let mut runner = runner();
        runner
            .run(&(0..files.len(), breaks()), |(f, how)| {
                let input = broken(&files[f].1, &how);
                match parse(network, &input, &account) {
                    Ok(parsed) => {
                        for m in &parsed.messages {
                            prop_assert!(!m.id.is_empty(), "{network}: an empty id");
                        }
                    }
                    Err(e) => prop_assert!(!e.path.is_empty(), "{network}: {e}"),
                }
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{network}: {e}"));
        total += files.len();
    }
    assert!(total > 40);
}

#[test]
fn the_jsonl_reader_answers_every_broken_line() {
    let lines: Vec<&str> = palabre::inbox::sample::SAMPLE
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    runner()
        .run(&(0..lines.len(), breaks()), |(i, how)| {
            let input = broken(lines[i].as_bytes(), &how);
            let text = String::from_utf8_lossy(&input);
            match palabre::ingest::parse_line(&text, 7) {
                Ok(m) => {
                    prop_assert!(!m.id.trim().is_empty());
                    prop_assert!(!m.author.handle.trim().is_empty());
                }
                Err(e) => {
                    prop_assert_eq!(e.line, 7);
                    prop_assert!(!e.field.is_empty());
                    // A huge value is cut in the message.
                    prop_assert!(e.to_string().len() < 2_000, "{} bytes", e.to_string().len());
                }
            }
            Ok(())
        })
        .unwrap();
}

/// A whole broken file goes into a store in one transaction or not at all.
#[test]
fn a_broken_file_is_imported_whole_or_not_at_all() {
    let lines: Vec<&str> = palabre::inbox::sample::SAMPLE.lines().take(40).collect();
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config {
        cases: (cases() / 8).max(8),
        failure_persistence: None,
        ..Config::default()
    };
    config.max_shrink_iters = 16;
    let n = std::sync::atomic::AtomicUsize::new(0);
    TestRunner::new(config)
        .run(&(0..lines.len(), breaks()), |(i, how)| {
            let n = n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let path = dir.path().join(format!("s{n}.db"));
            let mut store = palabre::inbox::Store::open(&path).unwrap();
            let mut input: Vec<u8> = Vec::new();
            for (k, line) in lines.iter().enumerate() {
                if k == i {
                    input.extend(broken(line.as_bytes(), &how));
                } else {
                    input.extend(line.as_bytes());
                }
                input.push(b'\n');
            }
            let result = palabre::inbox::import::import_reader(
                &mut store,
                input.as_slice(),
                "broken.jsonl",
                "fuzz",
                &Default::default(),
                |_| {},
            );
            let stored = store.info().unwrap().messages;
            match result {
                Ok(outcome) => prop_assert_eq!(stored, outcome.report.new),
                Err(_) => prop_assert_eq!(stored, 0, "a failed file left messages behind"),
            }
            Ok(())
        })
        .unwrap();
}

/// Lines of a TOML file with one broken: removed, doubled, or its value
/// replaced by something of another type.
fn broken_toml(text: &str, line: usize, how: u8, value: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let i = line % lines.len().max(1);
    match how % 4 {
        0 => {
            lines.remove(i);
        }
        1 => {
            let again = lines[i].clone();
            lines.insert(i, again);
        }
        2 => {
            if let Some((key, _)) = lines[i].split_once('=') {
                lines[i] = format!("{key}= {value}");
            }
        }
        _ => lines[i].push_str(value),
    }
    lines.join("\n")
}

fn toml_values() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"\"".to_string()),
        Just("-1".to_string()),
        Just("99999999999999999999".to_string()),
        Just("[1, \"a\", {x = 1}]".to_string()),
        Just("{ nested = { deep = true } }".to_string()),
        Just("\"\\u001b[2J\"".to_string()),
        Just("\"25:99\"".to_string()),
        Just("\"(unclosed\"".to_string()),
        Just("[[".to_string()),
        "\\PC{0,20}",
    ]
}

#[test]
fn config_and_rules_files_answer_every_broken_line() {
    let dir = tempfile::tempdir().unwrap();
    for example in ["config.example.toml", "rules.example.toml"] {
        let text = std::fs::read_to_string(repo(example)).unwrap();
        let file = dir.path().join(example);
        runner()
            .run(
                &(any::<usize>(), any::<u8>(), toml_values()),
                |(line, how, value)| {
                    std::fs::write(&file, broken_toml(&text, line, how, &value)).unwrap();
                    let error = if example.starts_with("config") {
                        palabre::config::load(Some(&file))
                            .and_then(|(config, _)| {
                                palabre::inbox::Automation::from_config(&config, Some(&file))
                            })
                            .err()
                            .map(|e| e.to_string())
                    } else {
                        // Both kinds of rules the file holds.
                        palabre::triage::categories::Rules::load(&file)
                            .and_then(|categories| {
                                palabre::inbox::Automation::load_file(
                                    &file,
                                    &Default::default(),
                                    &categories,
                                )
                            })
                            .err()
                            .map(|e| e.to_string())
                    };
                    if let Some(e) = error {
                        prop_assert!(
                            e.contains(&file.display().to_string()),
                            "the error names the file: {}",
                            e
                        );
                    }
                    Ok(())
                },
            )
            .unwrap_or_else(|e| panic!("{example}: {e}"));
    }
}

#[test]
fn sanitized_text_holds_no_control_sequences() {
    let hostile_text = prop_oneof![
        "\\PC{0,60}",
        any::<String>(),
        prop::collection::vec(
            prop_oneof![
                Just("\u{1b}[31m".to_string()),
                Just("\u{1b}]0;title\u{7}".to_string()),
                Just("\u{1b}]8;;http://x\u{1b}\\".to_string()),
                Just("\u{9b}2J".to_string()),
                Just("\u{202e}".to_string()),
                Just("\u{2066}".to_string()),
                Just("\u{200b}".to_string()),
                Just("\r".to_string()),
                Just("\t".to_string()),
                Just("\u{7f}".to_string()),
                "[a-zé ]{0,6}",
            ],
            0..12
        )
        .prop_map(|parts| parts.concat()),
    ];
    runner()
        .run(&hostile_text, |input| {
            let once = palabre::text::sanitize(&input).into_owned();
            for c in once.chars() {
                prop_assert!(c == '\n' || !c.is_control(), "{:?} left in {:?}", c, once);
                prop_assert!(
                    !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'),
                    "bidi {:?} left",
                    c
                );
            }
            prop_assert_eq!(palabre::text::sanitize(&once).into_owned(), once);
            Ok(())
        })
        .unwrap();
}
