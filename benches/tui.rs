//! `cargo bench --bench tui`: the terminal UI on a store of 1,000,000
//! messages: the first frame after start, a key press to the redrawn frame,
//! and the resident memory afterwards. Uses the store built by
//! `cargo bench --bench store` under target/bench-data/ (builds it if absent).

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use palabre::app::App;
use palabre::app::keymap::Keymap;
use palabre::app::state::State;
use palabre::app::update::Msg;
use palabre::inbox::Store;
use palabre::ui::{self, Screen, i18n::Lang, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;

#[path = "common/mod.rs"]
mod common;
use common::store_path;

fn start(db: &Path) -> App {
    let store = Store::open(db).expect("open");
    let state = State::new("bench".into(), Lang::En, "dark".into(), chrono::Utc::now());
    let mut app = App::new(store, state, Keymap::default()).expect("app");
    app.handle(Msg::Resize {
        rows: ui::queue_rows(40),
    });
    app.start();
    app
}

fn frame(app: &App, theme: &Theme, terminal: &mut Terminal<TestBackend>) {
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
}

fn rss_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn bench_tui(c: &mut Criterion) {
    let db = store_path();
    let theme = Theme::load("dark").expect("theme");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");

    c.bench_function("first_frame_1m", |b| {
        b.iter(|| {
            let app = start(&db);
            frame(&app, &theme, &mut terminal);
        })
    });

    let mut app = start(&db);
    let down = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    let up = KeyEvent::new(KeyCode::Char('k'), KeyModifiers::NONE);
    let mut flip = false;
    c.bench_function("key_to_frame_1m", |b| {
        b.iter(|| {
            flip = !flip;
            app.handle(Msg::Key(if flip { down } else { up }));
            frame(&app, &theme, &mut terminal);
        })
    });
    // Paging far down crosses the in-memory window: the worst key press.
    let page = KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE);
    c.bench_function("page_down_to_frame_1m", |b| {
        b.iter(|| {
            app.handle(Msg::Key(page));
            frame(&app, &theme, &mut terminal);
        })
    });
    eprintln!(
        "resident memory: {} MiB now, {} MiB peak (VmRSS, VmHWM)",
        rss_kib("VmRSS:") / 1024,
        rss_kib("VmHWM:") / 1024
    );
}

criterion_group!(benches, bench_tui);
criterion_main!(benches);
