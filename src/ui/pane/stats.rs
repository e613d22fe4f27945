//! The stats view (`S`): the period's key figures, daily volume by channel,
//! the negative share, first response times, top categories and SLA
//! breaches. It draws the same `Report` as `palabre report`.

use crate::app::keymap::{Command, Section};
use crate::app::state::{StatsPane, StatsRange, StatsSection};
use crate::text::{one_line, truncate};
use crate::ui::Screen;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// Series colours for channels, in the order of the legend.
const PALETTE: &[Color] = &[
    Color::Cyan,
    Color::Magenta,
    Color::Yellow,
    Color::Green,
    Color::Blue,
    Color::Red,
    Color::LightCyan,
    Color::LightMagenta,
    Color::LightYellow,
];
/// Without colour, channels are told apart by shade.
const SHADES: &[char] = &['█', '▓', '▒', '░'];
const SPARKS: &[char] = &['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

fn series(screen: &Screen, i: usize) -> (Style, char) {
    if screen.theme.name == "no-color" {
        (Style::default(), SHADES[i % SHADES.len()])
    } else {
        (Style::default().fg(PALETTE[i % PALETTE.len()]), '█')
    }
}

pub fn draw(frame: &mut Frame, area: Rect, screen: &Screen, pane: &StatsPane) {
    let t = screen.state.lang.t();
    let theme = screen.theme;
    let range = match pane.range {
        StatsRange::Today => t.stats.today,
        StatsRange::Week => t.stats.week,
        StatsRange::Month => t.stats.month,
        StatsRange::Custom(..) => t.stats.chosen,
    };
    let span =
        pane.report
            .as_ref()
            .map_or_else(String::new, |r| match (r.days.first(), r.days.last()) {
                (Some(a), Some(b)) => format!(" · {}", t.day_span(a.date, b.date)),
                _ => String::new(),
            });
    let anchored = if pane.anchored {
        format!(" {}", t.stats.anchored)
    } else {
        String::new()
    };
    let title = format!(" {} · {range}{span}{anchored} ", t.stats.title);
    // The key figures, each label with its value, in as many lines as the
    // width needs (a figure is never cut).
    let kpis = pane
        .report
        .as_deref()
        .map(|r| key_figures(screen, r, area.width.saturating_sub(2) as usize))
        .unwrap_or_default();
    let [top, middle, bottom] = Layout::vertical([
        Constraint::Length(kpis.len().max(2) as u16 + 2),
        Constraint::Percentage(55),
        Constraint::Min(5),
    ])
    .areas(area);
    let block = crate::ui::pane_block(theme, &title, area.width, false);
    let inner = block.inner(top);
    frame.render_widget(block, top);
    let Some(report) = pane.report.as_deref() else {
        frame.render_widget(
            Paragraph::new(Span::styled(t.stats.computing, theme.muted)),
            inner,
        );
        return;
    };
    frame.render_widget(Paragraph::new(kpis), inner);

    let [chart, times] =
        Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(middle);
    daily(frame, chart, screen, pane, report);
    response_times(frame, times, screen, report);
    let [cats, breaches] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(bottom);
    categories(frame, cats, screen, pane, report);
    sla(frame, breaches, screen, pane, report);
}

/// The period's key figures: volumes on the first lines, first responses on
/// the next, each group flowed into lines of `width` columns.
fn key_figures<'a>(
    screen: &Screen,
    report: &crate::analytics::Report,
    width: usize,
) -> Vec<Line<'a>> {
    let t = screen.state.lang.t();
    let theme = screen.theme;
    let o = &report.overall;
    let m = &t.metrics;
    let volumes = vec![
        (m.received, t.count(o.received)),
        (m.sent, t.count(o.sent)),
        (m.response_rate, t.percent(o.response_rate)),
        (
            m.sla_breaches,
            (m.of)(&t.count(o.sla_breaches), &t.count(o.sla_checked)),
        ),
    ];
    let times = vec![
        (
            t.stats.first_response,
            t.opt_duration(o.first_response_seconds.median),
        ),
        ("p90", t.opt_duration(o.first_response_seconds.p90)),
        (t.stats.mean, t.opt_duration(o.first_response_seconds.mean)),
        (m.negative, t.percent(o.sentiment.negative_share())),
    ];
    const GAP: usize = 3;
    let mut lines = Vec::new();
    for group in [volumes, times] {
        let mut line: Vec<Span> = Vec::new();
        let mut used = 0;
        for (label, value) in group {
            let w = label.width() + 1 + value.width();
            if used > 0 && used + GAP + w > width {
                lines.push(Line::from(std::mem::take(&mut line)));
                used = 0;
            }
            if used > 0 {
                line.push(Span::raw(" ".repeat(GAP)));
                used += GAP;
            }
            line.push(Span::styled(format!("{label} "), theme.muted));
            line.push(Span::styled(
                value,
                theme.accent.add_modifier(Modifier::BOLD),
            ));
            used += w;
        }
        lines.push(Line::from(line));
    }
    lines
}

fn daily(
    frame: &mut Frame,
    area: Rect,
    screen: &Screen,
    pane: &StatsPane,
    report: &crate::analytics::Report,
) {
    let t = screen.state.lang.t();
    let theme = screen.theme;
    let focused = pane.section == StatsSection::Days;
    let block = crate::ui::pane_block(
        theme,
        &format!(" {} ", t.metrics.daily_volume),
        area.width,
        focused,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 5 || inner.width < 8 || report.days.is_empty() {
        return;
    }
    let channels: Vec<&String> = report.by_channel.keys().collect();
    // Under the bars: day labels, the negative share, the cursor's day (two
    // lines when the legend needs them).
    let below = if inner.height >= 10 { 4 } else { 3 };
    let bars_height = inner.height.saturating_sub(below) as usize;
    // A left gutter holds the scale and the name of the negative row, so
    // that every row below the bars lines up with them.
    const GUTTER: usize = 5;
    let width = (inner.width as usize).saturating_sub(GUTTER).max(1);
    // Bars as wide as fit, at least one column each; a long range scrolls
    // with the cursor.
    let slot = (width / report.days.len()).clamp(1, 12);
    let visible = (width / slot).min(report.days.len());
    let cursor = pane.cursor(StatsSection::Days);
    let start = (cursor + 1)
        .saturating_sub(visible)
        .min(report.days.len() - visible);
    let days = &report.days[start..start + visible];
    let max = days.iter().map(|d| d.received).max().unwrap_or(0).max(1);
    let bar_w = if slot >= 3 { slot - 1 } else { slot };
    let mut rows: Vec<Vec<Span>> = vec![Vec::new(); bars_height];
    for (i, d) in days.iter().enumerate() {
        // Cells from the bottom, channel by channel, rounded so the column
        // height matches the total.
        let total_cells = (d.received as usize * bars_height).div_ceil(max as usize);
        let mut cells: Vec<(Style, char)> = Vec::with_capacity(total_cells);
        let mut acc = 0u64;
        for (ci, ch) in channels.iter().enumerate() {
            let v = d.by_channel.get(*ch).copied().unwrap_or(0);
            if v == 0 {
                continue;
            }
            acc += v;
            let upto = (acc as usize * total_cells).div_ceil(d.received.max(1) as usize);
            while cells.len() < upto {
                cells.push(series(screen, ci));
            }
        }
        let selected = start + i == cursor;
        for (row, line) in rows.iter_mut().enumerate() {
            let level = bars_height - row;
            let (style, glyph) = if level <= cells.len() {
                cells[level - 1]
            } else {
                (Style::default(), ' ')
            };
            let style = if selected && glyph == ' ' && focused {
                theme.selected
            } else {
                style
            };
            line.push(Span::styled(glyph.to_string().repeat(bar_w), style));
            if slot > bar_w {
                line.push(Span::raw(" ".repeat(slot - bar_w)));
            }
        }
    }
    let scale = |row: usize| match row {
        0 => format!("{:>w$} ", t.compact(max), w = GUTTER - 1),
        r if r + 1 == bars_height => format!("{:>w$} ", 0, w = GUTTER - 1),
        _ => " ".repeat(GUTTER),
    };
    let mut lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .map(|(row, mut spans)| {
            spans.insert(0, Span::styled(scale(row), theme.muted));
            Line::from(spans)
        })
        .collect();
    // Day labels: the day of the month under its bar, every few days when
    // the bars are narrower than the numbers (never cut), the cursor's day
    // highlighted.
    let mut row = vec![' '; days.len() * slot];
    let every = 3usize.div_ceil(slot).max(1);
    for (i, d) in days.iter().enumerate() {
        let label: Vec<char> = d.date.format("%-d").to_string().chars().collect();
        let at = i * slot;
        let fits = at + label.len() <= row.len()
            && row[at.saturating_sub(1)..at + label.len()]
                .iter()
                .all(|c| *c == ' ');
        if (i % every == 0 || start + i == cursor) && fits {
            row[at..at + label.len()].copy_from_slice(&label);
        }
    }
    let mut marks: Vec<Span> = vec![Span::raw(" ".repeat(GUTTER))];
    for (i, cell) in row.chunks(slot).enumerate() {
        let text: String = cell.iter().collect();
        marks.push(if start + i == cursor {
            Span::styled(text, theme.selected)
        } else {
            Span::styled(text, theme.muted)
        });
    }
    lines.push(Line::from(marks));
    // Negative share per day as a sparkline under the bars.
    let mut spark = vec![Span::styled(
        format!("{:<GUTTER$}", t.stats.negative_row),
        theme.muted,
    )];
    let cells: String = days
        .iter()
        .map(|d| {
            let c = d.sentiment.negative_share().map_or(' ', |s| {
                SPARKS[((s * (SPARKS.len() - 1) as f64).round() as usize).min(SPARKS.len() - 1)]
            });
            format!("{:<slot$}", c)
        })
        .collect();
    spark.push(Span::styled(cells, theme.negative));
    lines.push(Line::from(spark));
    // The cursor's day in words, then the legend.
    let d = &report.days[cursor.min(report.days.len() - 1)];
    let mut detail = vec![Span::styled(
        format!(
            "{} · {} ",
            t.weekday_day_month(d.date),
            (t.stats.day_in_out)(&t.count(d.received), &t.count(d.sent)),
        ),
        theme.accent,
    )];
    for (ci, ch) in channels.iter().enumerate() {
        let (style, glyph) = series(screen, ci);
        let n = d.by_channel.get(*ch).copied().unwrap_or(0);
        if n == 0 {
            continue;
        }
        detail.push(Span::styled(glyph.to_string(), style));
        detail.push(Span::raw(format!("{ch} {} ", t.count(n))));
    }
    lines.push(Line::from(detail));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn response_times(
    frame: &mut Frame,
    area: Rect,
    screen: &Screen,
    report: &crate::analytics::Report,
) {
    let t = screen.state.lang.t();
    let theme = screen.theme;
    let block = crate::ui::pane_block(
        theme,
        &format!(" {} ", t.stats.response_times),
        area.width,
        false,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let dist = &report.response_time_distribution;
    let max = dist.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let labels: Vec<String> = dist
        .iter()
        .map(|b| t.delay_range(b.from, b.to, b.to_included))
        .collect();
    let label_w = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let bar_room = (inner.width as usize).saturating_sub(label_w + 7);
    let mut lines: Vec<Line> = dist
        .iter()
        .zip(&labels)
        .map(|(b, label)| {
            let n = (b.count as usize * bar_room).div_ceil(max as usize);
            Line::from(vec![
                Span::styled(format!("{label:<label_w$} "), theme.muted),
                Span::styled("█".repeat(n), theme.accent),
                Span::raw(format!(" {}", t.count(b.count))),
            ])
        })
        .collect();
    let o = &report.overall;
    lines.push(Line::default());
    for (label, value) in [
        (t.metrics.next_reply_median, o.next_reply_seconds.median),
        (t.metrics.resolution_median, o.resolution_seconds.median),
    ] {
        let value = t.opt_duration(value);
        // The value under its label when both do not fit on one line.
        if label.width() + 1 + value.width() <= inner.width as usize {
            lines.push(Line::from(vec![
                Span::styled(format!("{label} "), theme.muted),
                Span::raw(value),
            ]));
        } else {
            lines.push(Line::styled(label, theme.muted));
            lines.push(Line::from(format!("  {value}")));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn list_window(len: usize, cursor: usize, height: usize) -> usize {
    if height == 0 {
        return 0;
    }
    (cursor + 1)
        .saturating_sub(height)
        .min(len.saturating_sub(height))
}

fn categories(
    frame: &mut Frame,
    area: Rect,
    screen: &Screen,
    pane: &StatsPane,
    report: &crate::analytics::Report,
) {
    let t = screen.state.lang.t();
    let theme = screen.theme;
    let focused = pane.section == StatsSection::Categories;
    let block = crate::ui::pane_block(
        theme,
        &format!(" {} ", t.stats.categories),
        area.width,
        focused,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if report.categories.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(t.stats.no_categories, theme.muted))
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let cursor = pane.cursor(StatsSection::Categories);
    let height = inner.height as usize;
    let start = list_window(report.categories.len(), cursor, height);
    let max = report.categories[0].conversations.max(1);
    let name_w = (inner.width as usize / 2).max(8);
    let bar_room = (inner.width as usize).saturating_sub(name_w + 6);
    let lines: Vec<Line> = report
        .categories
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, c)| {
            let n = (c.conversations as usize * bar_room).div_ceil(max as usize);
            let name = format!("{:<name_w$}", one_line(&c.tag, name_w));
            let row = Line::from(vec![
                Span::raw(name),
                Span::styled("█".repeat(n), theme.warning),
                Span::raw(format!(" {}", t.count(c.conversations))),
            ]);
            if focused && i == cursor {
                row.style(theme.selected)
            } else {
                row
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn sla(
    frame: &mut Frame,
    area: Rect,
    screen: &Screen,
    pane: &StatsPane,
    report: &crate::analytics::Report,
) {
    let t = screen.state.lang.t();
    let theme = screen.theme;
    let focused = pane.section == StatsSection::Breaches;
    let title = format!(
        " {} ({}) ",
        t.metrics.sla_breaches,
        t.count(report.sla_breach_list.len() as u64)
    );
    let block = crate::ui::pane_block(theme, &title, area.width, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if report.sla_breach_list.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(t.stats.all_on_time, theme.positive))
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let tz: chrono_tz::Tz = report.period.timezone.parse().unwrap_or(chrono_tz::UTC);
    let cursor = pane.cursor(StatsSection::Breaches);
    let height = inner.height as usize;
    let start = list_window(report.sla_breach_list.len(), cursor, height);
    let shown = || {
        report
            .sla_breach_list
            .iter()
            .enumerate()
            .skip(start)
            .take(height)
    };
    // Each row in words (`due 4 Nov 09:14 · 1h 44m late`), or short
    // (`4 Nov 09:14 +1h 44m`) when one of them would not fit: one form for
    // the whole list, so that its columns line up.
    let wide = |b: &crate::analytics::metrics::Breach| {
        let answered = match b.responded_at {
            Some(at) => (t.stats.late)(&t.duration((at - b.due_at).num_seconds())),
            None => t.stats.never_answered.to_string(),
        };
        format!(
            "#{:<6} {:<9} {} · {answered}",
            b.conversation,
            b.channel,
            (t.stats.due)(&t.day_time(b.due_at, tz)),
        )
    };
    let short = |b: &crate::analytics::metrics::Breach| {
        let late = match b.responded_at {
            Some(at) => format!("+{}", t.duration((at - b.due_at).num_seconds())),
            None => t.metrics.never.to_string(),
        };
        format!(
            "#{} {} {} {late}",
            b.conversation,
            b.channel,
            t.day_time(b.due_at, tz)
        )
    };
    let fits = shown().all(|(_, b)| wide(b).width() <= inner.width as usize);
    let lines: Vec<Line> = shown()
        .map(|(i, b)| {
            let text = if fits { wide(b) } else { short(b) };
            let row = Line::from(truncate(&text, inner.width as usize));
            if focused && i == cursor {
                row.style(theme.selected)
            } else {
                row.style(if b.responded_at.is_none() {
                    theme.negative
                } else {
                    Style::default()
                })
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn hint(screen: &Screen) -> String {
    let h = &screen.state.lang.t().hints;
    super::hint(
        screen,
        Section::Stats,
        &[
            (
                &[
                    &[Command::Left, Command::Right],
                    &[Command::Down, Command::Up],
                ],
                h.move_,
            ),
            (&[&[Command::NextSection]], h.next_section),
            (&[&[Command::Choose]], h.open_figure),
            (&[&[Command::Period]], h.period),
            (&[&[Command::Dates]], h.dates),
            (&[&[Command::Close]], h.back),
        ],
    )
}
