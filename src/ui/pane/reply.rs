//! The reply editor over the lower half, with the network's length count.

use crate::app::keymap::{Command, Section};
use crate::app::state::ReplyState;
use crate::ui::Screen;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn draw(frame: &mut Frame, area: Rect, screen: &Screen, reply: &ReplyState) {
    let t = screen.state.lang.t();
    let theme = screen.theme;
    let height = (area.height / 2).max(8).min(area.height);
    let rect = Rect {
        x: area.x,
        y: area.y + area.height - height,
        width: area.width,
        height,
    };
    frame.render_widget(Clear, rect);
    let text = reply.text();
    let length = crate::limits::length(reply.channel, &text);
    let limit = crate::limits::limit(reply.channel);
    let over = limit.is_some_and(|l| length > l);
    let counter = match limit {
        Some(l) => format!(" {}/{} ", t.count(length as u64), t.count(l as u64)),
        None => format!(" {} ", t.count(length as u64)),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if over {
            theme.negative
        } else {
            theme.border_focus
        })
        .style(theme.base)
        .title(Span::styled(
            format!(
                " {} · #{} · {} ",
                t.reply.title, reply.conversation, reply.channel
            ),
            theme.accent,
        ))
        .title(
            Line::styled(
                crate::ui::status::others_here(screen.state, reply.conversation)
                    .map(|o| format!(" {o} "))
                    .unwrap_or_default(),
                theme.warning.add_modifier(Modifier::BOLD),
            )
            .right_aligned(),
        )
        .title_bottom(
            Line::styled(
                counter,
                if over {
                    theme.negative.add_modifier(Modifier::BOLD)
                } else {
                    theme.muted
                },
            )
            .right_aligned(),
        );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [editor_area, message] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(&reply.editor, editor_area);
    let note = match (&reply.error, over) {
        (Some(e), _) => Span::styled(e.clone(), theme.negative),
        (None, true) => Span::styled(t.reply.over_limit, theme.negative),
        (None, false) if reply.dirty => Span::styled(t.reply.editing, theme.muted),
        // Nothing typed and no draft: there is nothing saved to speak of.
        (None, false) if reply.text().trim().is_empty() => Span::styled(t.reply.start, theme.muted),
        (None, false) => Span::styled(t.reply.draft_saved, theme.muted),
    };
    frame.render_widget(Paragraph::new(note), message);
}

pub fn hint(screen: &Screen) -> String {
    let h = &screen.state.lang.t().hints;
    super::hint(
        screen,
        Section::Reply,
        &[
            (&[&[Command::Queue]], h.queue_reply),
            (&[&[Command::Close]], h.keep_draft),
            (&[&[Command::SavedReplies]], h.saved_replies),
            (&[&[Command::Editor]], "$EDITOR"),
        ],
    )
}
