//! Palabre: a keyboard-driven community inbox for the terminal.
//!
//! Layers depend downwards only: `commands → {triage, store, ingest} → model`.

pub mod benchgen;
pub mod commands;
pub mod config;
pub mod ingest;
pub mod model;
pub mod store;
pub mod text;
pub mod triage;
