//! Drawing. Every function here only reads the state.

pub mod i18n;
pub mod pane;
pub mod queue;
pub mod status;
pub mod theme;
pub mod thread;

use crate::app::keymap::Keymap;
use crate::app::state::{Focus, Overlay, State};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use theme::Theme;

/// Below this width the queue and the thread take turns on the full width.
pub const WIDE: u16 = 100;

pub struct Screen<'a> {
    pub state: &'a State,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
}

/// The number of queue rows that fit in a terminal of `height` lines.
pub fn queue_rows(height: u16) -> usize {
    (height.saturating_sub(4) / queue::ROW_HEIGHT).max(1) as usize
}

/// Draws the whole screen from the state. Returns what the layout measured
/// (how far the thread can scroll), which the runtime feeds back as
/// `Msg::Viewport` so that scrolling stops at the end.
pub fn draw(frame: &mut Frame, screen: &Screen) -> Viewport {
    let area = frame.area();
    frame.render_widget(
        ratatui::widgets::Block::default().style(screen.theme.base),
        area,
    );
    let [main, status, hint] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let state = screen.state;
    let mut max_scroll = 0;
    // The stats view, or the dates prompt it opened (drawn over it).
    let stats = match &state.overlay {
        Overlay::Stats(pane) => Some(pane),
        Overlay::Prompt(crate::app::state::Prompt {
            purpose: crate::app::state::PromptPurpose::StatsRange(pane),
            ..
        }) => Some(pane),
        _ => None,
    };
    if let Some(pane) = stats {
        pane::stats::draw(frame, main, screen, pane);
    } else if area.width >= WIDE {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)])
                .areas(main);
        queue::draw(frame, left, screen);
        max_scroll = thread::draw(frame, right, screen);
    } else if state.focus == Focus::Thread && state.thread.is_some() {
        max_scroll = thread::draw(frame, main, screen);
    } else {
        queue::draw(frame, main, screen);
    }
    status::status_bar(frame, status, screen);
    status::hint_line(frame, hint, screen);
    pane::draw(frame, main, screen);
    Viewport {
        thread_max_scroll: max_scroll,
    }
}

/// Measurements of the last frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Viewport {
    pub thread_max_scroll: u16,
}

/// The bordered frame of a main pane, its title cut to fit, the border
/// highlighted when the pane has the focus.
pub fn pane_block<'a>(
    theme: &Theme,
    title: &str,
    width: u16,
    focused: bool,
) -> ratatui::widgets::Block<'a> {
    ratatui::widgets::Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
        .title(ratatui::text::Span::styled(
            crate::text::truncate(title, width.saturating_sub(4) as usize),
            theme.accent,
        ))
}

/// A centred rectangle `w`×`h` inside `area`, clipped to it.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
