//! The stats view (`S`): the period's key figures, daily volume by channel,
//! the negative share, first response times, top categories and SLA
//! breaches. It draws the same `Report` as `palabre report`.

use crate::analytics::render::{duration, opt_duration, percent};
use crate::app::keymap::{Command, Section};
use crate::app::state::{StatsPane, StatsRange, StatsSection};
use crate::text::{one_line, truncate};
use crate::ui::Screen;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

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
    let lang = screen.state.lang;
    let theme = screen.theme;
    let range = match pane.range {
        StatsRange::Today => lang.pick("today", "aujourd'hui").to_string(),
        StatsRange::Week => lang.pick("7 days", "7 jours").to_string(),
        StatsRange::Month => lang.pick("30 days", "30 jours").to_string(),
        StatsRange::Custom(..) => lang.pick("chosen dates", "dates choisies").to_string(),
    };
    let span =
        pane.report
            .as_ref()
            .map_or_else(String::new, |r| match (r.days.first(), r.days.last()) {
                (Some(a), Some(b)) if a.date == b.date => a.date.format(" · %-d %b %Y").to_string(),
                (Some(a), Some(b)) => format!(
                    " · {} – {}",
                    a.date.format("%-d %b"),
                    b.date.format("%-d %b %Y")
                ),
                _ => String::new(),
            });
    let anchored = if pane.anchored {
        lang.pick(
            " (up to the latest activity)",
            " (jusqu'à la dernière activité)",
        )
    } else {
        ""
    };
    let title = format!(
        " {} · {range}{span}{anchored} ",
        lang.pick("Stats", "Statistiques")
    );
    let [top, middle, bottom] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Percentage(55),
        Constraint::Min(5),
    ])
    .areas(area);
    let block = crate::ui::pane_block(theme, &title, area.width, false);
    let inner = block.inner(top);
    frame.render_widget(block, top);
    let Some(report) = pane.report.as_deref() else {
        frame.render_widget(
            Paragraph::new(Span::styled(
                lang.pick("Computing…", "Calcul en cours…"),
                theme.muted,
            )),
            inner,
        );
        return;
    };
    let o = &report.overall;
    let kpi = |label: &str, value: String| {
        vec![
            Span::styled(format!("{label} "), theme.muted),
            Span::styled(value, theme.accent.add_modifier(Modifier::BOLD)),
            Span::raw("   "),
        ]
    };
    let mut first = Vec::new();
    first.extend(kpi(lang.pick("Received", "Reçus"), o.received.to_string()));
    first.extend(kpi(lang.pick("Sent", "Envoyés"), o.sent.to_string()));
    first.extend(kpi(
        lang.pick("Response rate", "Taux de réponse"),
        percent(o.response_rate),
    ));
    first.extend(kpi(
        lang.pick("SLA breaches", "Dépassements SLA"),
        format!(
            "{} {} {}",
            o.sla_breaches,
            lang.pick("of", "sur"),
            o.sla_checked
        ),
    ));
    let mut second = Vec::new();
    second.extend(kpi(
        lang.pick("First response: median", "Première réponse : médiane"),
        opt_duration(o.first_response_seconds.median),
    ));
    second.extend(kpi("p90", opt_duration(o.first_response_seconds.p90)));
    second.extend(kpi(
        lang.pick("mean", "moyenne"),
        opt_duration(o.first_response_seconds.mean),
    ));
    second.extend(kpi(
        lang.pick("Negative", "Négatifs"),
        percent(o.sentiment.negative_share()),
    ));
    frame.render_widget(
        Paragraph::new(vec![Line::from(first), Line::from(second)]),
        inner,
    );

    let [chart, times] =
        Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(middle);
    daily(frame, chart, screen, pane, report);
    response_times(frame, times, screen, report);
    let [cats, breaches] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(bottom);
    categories(frame, cats, screen, pane, report);
    sla(frame, breaches, screen, pane, report);
}

fn daily(
    frame: &mut Frame,
    area: Rect,
    screen: &Screen,
    pane: &StatsPane,
    report: &crate::analytics::Report,
) {
    let lang = screen.state.lang;
    let theme = screen.theme;
    let focused = pane.section == StatsSection::Days;
    let block = crate::ui::pane_block(
        theme,
        lang.pick(" Daily volume by channel ", " Volume quotidien par canal "),
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
        0 => format!("{:>w$} ", crate::ui::thread::followers(max), w = GUTTER - 1),
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
    // Day labels: the day of the month where there is room, the cursor's day
    // highlighted.
    let mut labels = String::new();
    let mut marks: Vec<Span> = vec![Span::raw(" ".repeat(GUTTER))];
    for (i, d) in days.iter().enumerate() {
        let label = d.date.format("%-d").to_string();
        let cell = if slot >= 3 || i % 3 == 0 {
            format!("{label:<slot$}")
        } else {
            " ".repeat(slot)
        };
        let cell = truncate(&cell, slot);
        let padded = format!("{cell:<slot$}");
        labels.push_str(&padded);
        marks.push(if start + i == cursor {
            Span::styled(padded, theme.selected)
        } else {
            Span::styled(padded, theme.muted)
        });
    }
    lines.push(Line::from(marks));
    // Negative share per day as a sparkline under the bars.
    let mut spark = vec![Span::styled(
        format!("{:<GUTTER$}", lang.pick("neg.", "nég.")),
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
            "{} · {} {} · {} {} ",
            d.date.format("%a %-d %b"),
            d.received,
            lang.pick("in", "reçus"),
            d.sent,
            lang.pick("out", "envoyés"),
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
        detail.push(Span::raw(format!("{ch} {n} ")));
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
    let lang = screen.state.lang;
    let theme = screen.theme;
    let block = crate::ui::pane_block(
        theme,
        lang.pick(" First response times ", " Délais de première réponse "),
        area.width,
        false,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let dist = &report.response_time_distribution;
    let max = dist.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let label_w = dist
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(0);
    let bar_room = (inner.width as usize).saturating_sub(label_w + 7);
    let mut lines: Vec<Line> = dist
        .iter()
        .map(|b| {
            let n = (b.count as usize * bar_room).div_ceil(max as usize);
            Line::from(vec![
                Span::styled(format!("{:<label_w$} ", b.label), theme.muted),
                Span::styled("█".repeat(n), theme.accent),
                Span::raw(format!(" {}", b.count)),
            ])
        })
        .collect();
    let o = &report.overall;
    lines.push(Line::default());
    for (label, value) in [
        (
            lang.pick("Next reply, median", "Réponse suivante, médiane"),
            o.next_reply_seconds.median,
        ),
        (
            lang.pick("Resolution, median", "Résolution, médiane"),
            o.resolution_seconds.median,
        ),
    ] {
        lines.push(Line::from(vec![
            Span::styled(format!("{label} "), theme.muted),
            Span::raw(opt_duration(value)),
        ]));
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
    let lang = screen.state.lang;
    let theme = screen.theme;
    let focused = pane.section == StatsSection::Categories;
    let block = crate::ui::pane_block(
        theme,
        lang.pick(" Top complaint categories ", " Principales catégories "),
        area.width,
        focused,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if report.categories.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                lang.pick(
                    "No tagged conversations in this period",
                    "Aucune conversation étiquetée sur la période",
                ),
                theme.muted,
            )),
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
                Span::raw(format!(" {}", c.conversations)),
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
    let lang = screen.state.lang;
    let theme = screen.theme;
    let focused = pane.section == StatsSection::Breaches;
    let title = format!(
        " {} ({}) ",
        lang.pick("SLA breaches", "Dépassements SLA"),
        report.sla_breach_list.len()
    );
    let block = crate::ui::pane_block(theme, &title, area.width, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if report.sla_breach_list.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                lang.pick(
                    "Every first response on time",
                    "Toutes les premières réponses à temps",
                ),
                theme.positive,
            )),
            inner,
        );
        return;
    }
    let tz: chrono_tz::Tz = report.period.timezone.parse().unwrap_or(chrono_tz::UTC);
    let cursor = pane.cursor(StatsSection::Breaches);
    let height = inner.height as usize;
    let start = list_window(report.sla_breach_list.len(), cursor, height);
    let now = report.generated_at;
    let lines: Vec<Line> = report
        .sla_breach_list
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, b)| {
            let late = b.responded_at.unwrap_or(now) - b.due_at;
            let answered = match b.responded_at {
                Some(_) => format!(
                    "{} {}",
                    duration(late.num_seconds()),
                    lang.pick("late", "de retard")
                ),
                None => lang.pick("never answered", "jamais répondu").to_string(),
            };
            let due = b.due_at.with_timezone(&tz).format("%-d %b %H:%M");
            let text = if inner.width >= 50 {
                format!(
                    "#{:<6} {:<9} {} {due} · {answered}",
                    b.conversation,
                    b.channel,
                    lang.pick("due", "échéance"),
                )
            } else {
                let late = match b.responded_at {
                    Some(_) => format!("+{}", duration(late.num_seconds())),
                    None => lang.pick("never", "jamais").to_string(),
                };
                format!("#{} {} {due} {late}", b.conversation, b.channel)
            };
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
    let l = |en, fr| screen.state.lang.pick(en, fr);
    super::hint(
        screen,
        Section::Stats,
        &[
            (
                &[
                    &[Command::Left, Command::Right],
                    &[Command::Down, Command::Up],
                ],
                l("move", "déplacer"),
            ),
            (
                &[&[Command::NextSection]],
                l("next section", "section suivante"),
            ),
            (
                &[&[Command::Choose]],
                l("open these conversations", "ouvrir ces conversations"),
            ),
            (&[&[Command::Period]], l("period", "période")),
            (&[&[Command::Dates]], l("dates", "dates")),
            (&[&[Command::Close]], l("back", "retour")),
        ],
    )
}
