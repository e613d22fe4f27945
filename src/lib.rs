//! Palabre: a keyboard-driven community inbox for the terminal.
//!
//! Layers depend downwards only: `ui → app → {triage, store, ingest, hooks, channels} → model`;
//! `i18n` (the interface languages) is a leaf every layer may use.

pub mod analytics;
pub mod app;
pub mod benchgen;
pub mod capabilities;
pub mod channels;
pub mod commands;
pub mod config;
pub mod hooks;
pub mod i18n;
pub mod inbox;
pub mod ingest;
pub mod limits;
pub mod model;
pub mod runtime;
pub mod saved_replies;
pub mod store;
pub mod text;
pub mod triage;
pub mod ui;

/// mimalloc for everything built on the library (the binary, its tests and
/// benchmarks): an import allocates on one thread and frees on another,
/// which the system allocator served with contended locks (measured: the
/// import of a million messages took 4 s longer with it).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
