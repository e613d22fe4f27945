//! `cargo bench --bench analytics`: on a store of 1,000,000 messages, the
//! 30-day report (read, compute, render as JSON and HTML) and opening the
//! stats view (`S`, its 7-day report and the first frame).

#[path = "common/mod.rs"]
mod common;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use palabre::analytics::{self, render};
use palabre::app::App;
use palabre::app::keymap::Keymap;
use palabre::app::state::State;
use palabre::app::update::Msg;
use palabre::config::SlaSection;
use palabre::inbox::Store;
use palabre::ui::{self, Screen, i18n::Lang, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;

fn bench_analytics(c: &mut Criterion) {
    let db = common::store_path();
    // The generated messages end on 1 November 2026.
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap();
    let sla = SlaSection::default();
    let store = Store::open(&db).expect("open");
    let period = analytics::last_days(30, now, sla.timezone);
    let facts = store
        .analytics_facts(period.from, period.to, now)
        .expect("facts");
    let report = analytics::compute(&facts, period, &sla, now);
    eprintln!(
        "30 days: {} conversations, {} received, {} sent",
        facts.conversations.len(),
        report.overall.received,
        report.overall.sent
    );
    drop(facts);

    let mut group = c.benchmark_group("analytics");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("report_30_days_1m", |b| {
        b.iter(|| {
            let facts = store
                .analytics_facts(period.from, period.to, now)
                .expect("facts");
            let report = analytics::compute(&facts, period, &sla, now);
            let json = render::json(&report).expect("json");
            let html = render::html(&report, palabre::i18n::Lang::En);
            (json.len(), html.len())
        })
    });

    let theme = Theme::load("dark").expect("theme");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let state = State::new("bench".into(), Lang::En, "dark".into(), now);
    let mut app = App::new(Store::open(&db).expect("open"), state, Keymap::default()).expect("app");
    app.fixed_clock = Some(now);
    app.start();
    // Cold: nothing remembered, the report computed on the key press.
    group.bench_function("open_stats_view_1m", |b| {
        b.iter(|| {
            app.forget_stats();
            open_and_close(&mut app, &mut terminal, &theme);
        })
    });
    // As in the TUI: prefetched in the background at start (waited for here).
    app.prefetch = true;
    for effect in app.prefetch_stats() {
        if let palabre::app::effect::TerminalEffect::Background(job) = effect {
            app.handle(job.run_blocking());
        }
    }
    group.bench_function("open_stats_view_1m_prefetched", |b| {
        b.iter(|| {
            open_and_close(&mut app, &mut terminal, &theme);
        })
    });
    group.finish();
}

/// `S`, the frame it draws, then `Esc`.
fn open_and_close(app: &mut App, terminal: &mut Terminal<TestBackend>, theme: &Theme) {
    let stats = KeyEvent::new(KeyCode::Char('S'), KeyModifiers::NONE);
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    app.handle(Msg::Key(stats));
    terminal
        .draw(|f| {
            ui::draw(
                f,
                &Screen {
                    state: &app.state,
                    theme,
                    keymap: &app.keymap,
                },
            );
        })
        .expect("draw");
    app.handle(Msg::Key(esc));
}

criterion_group!(benches, bench_analytics);
criterion_main!(benches);
