//! Palabre: a keyboard-driven community inbox for the terminal.
//!
//! Layers depend downwards only: `ui → app → {triage, store, ingest, hooks, channels} → model`.

pub mod analytics;
pub mod app;
pub mod benchgen;
pub mod channels;
pub mod commands;
pub mod config;
pub mod hooks;
pub mod ingest;
pub mod limits;
pub mod model;
pub mod runtime;
pub mod store;
pub mod text;
pub mod triage;
pub mod ui;
