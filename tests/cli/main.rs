//! Integration tests of the `palabre` command line: every test runs the real
//! binary against a store of its own, in a sandbox whose home, data and
//! configuration directories are temporary, so that nothing of the machine
//! running the tests leaks in (`support`). One module per command or theme,
//! in one test target so that the binary links once.

mod support;
#[path = "../tier/mod.rs"]
mod tier;

mod actions;
mod actor;
mod backup;
mod bench_gen;
mod changes;
mod config;
mod contact;
mod crisis;
mod demo;
mod escalation;
mod eval;
mod export;
mod import;
mod info;
mod invalid_lines;
mod list;
mod newcomer;
mod references;
mod reply;
mod rules;
mod safety;
mod schema;
mod show;
mod threading;
mod transformer;
