//! `palabre contact HANDLE`: one person across channels — their handles,
//! conversations and messages, notes, VIP and blocked marks, first seen,
//! sentiment over time — and the changes people make to them.

use super::{CmdResult, Context, Failure, print_json};
use crate::inbox::contacts::{self, Card, Period};
use crate::model::{Channel, ContactMark};
use crate::text::{one_line, sanitize};
use chrono::Utc;

/// What to change before showing the card.
#[derive(Debug, Clone, Default)]
pub struct ContactChanges {
    pub note: Option<String>,
    pub vip: Option<bool>,
    pub blocked: Option<bool>,
    /// Other handles (`CHANNEL:HANDLE`) to link to this person.
    pub link: Vec<String>,
    pub unlink: bool,
}

pub fn run(ctx: &Context, typed: &str, changes: &ContactChanges, json: bool) -> CmdResult {
    let t = ctx.lang.t();
    let mut store = ctx.open_store()?;
    let (channel, handle) = contacts::resolve(&store, typed)?;
    let who = (channel, handle.as_str());
    let actor = ctx.actor.as_str();
    for other in &changes.link {
        let (c, h) = contacts::resolve(&store, other)
            .map_err(|e| Failure::input(format!("--link {other}: {e}")))?;
        store.link_contacts(who, (c, &h), actor)?;
    }
    if changes.unlink && !store.unlink_contact(who, actor)? {
        eprintln!(
            "palabre: {}",
            (t.cli_moderation.linked_to_no_one)(&format!("{channel}:{}", sanitize(&handle)))
        );
    }
    if let Some(on) = changes.vip {
        store.set_contact_mark(who, ContactMark::Vip, on, actor)?;
    }
    if let Some(on) = changes.blocked {
        store.set_contact_mark(who, ContactMark::Blocked, on, actor)?;
    }
    if let Some(text) = &changes.note {
        store.note_contact(who, text, actor)?;
    }
    let card = contacts::card(&store, channel, &handle, ctx.config.sla.timezone)?;
    if json {
        return print_json(&card);
    }
    print_card(t, &card, channel, &handle, ctx.config.sla.timezone);
    Ok(())
}

/// A bar of eight heights for a mean sentiment, −1 lowest.
fn bar(mean: f32) -> char {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let i = (((mean.clamp(-1.0, 1.0) + 1.0) / 2.0) * 7.0).round() as usize;
    BARS[i.min(7)]
}

fn print_card(
    t: &crate::i18n::Catalogue,
    card: &Card,
    channel: Channel,
    handle: &str,
    tz: chrono_tz::Tz,
) {
    let w = &t.cli_moderation;
    let c = &card.contact;
    let now = Utc::now();
    let name = c
        .name
        .clone()
        .or_else(|| c.handles.iter().find_map(|h| h.names.first().cloned()))
        .unwrap_or_else(|| handle.to_string());
    let mut marks = String::new();
    if c.vip {
        marks.push_str(&format!(" [{}]", w.vip));
    }
    if c.blocked {
        marks.push_str(&format!(" [{}]", w.blocked));
    }
    println!(
        "{} — {}{marks}",
        sanitize(&name),
        c.handles
            .iter()
            .map(|h| format!("{}:{}", h.channel, sanitize(&h.handle)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let when = |t: Option<chrono::DateTime<Utc>>| {
        t.map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_else(|| w.never.into())
    };
    println!(
        "{}",
        (w.seen)(
            &when(card.first_seen),
            &when(card.last_seen),
            c.messages.len() as u64,
            c.conversations.len() as u64
        )
    );
    println!();
    println!("{}", w.handles);
    for h in &c.handles {
        println!(
            "  {:<10} {:<24} {:<28} {:>9} {:>8}  {} → {}",
            h.channel.as_str(),
            sanitize(&one_line(&h.handle, 24)),
            sanitize(&one_line(&h.names.join(", "), 28)),
            h.followers
                .map(|f| (w.followers)(&t.count(f)))
                .unwrap_or_default(),
            (w.messages_short)(h.messages),
            when(h.first_at),
            when(h.last_at)
        );
    }
    if !c.suggestions.is_empty() {
        println!(
            "{}",
            (w.may_be_the_same)(&format!("{channel}:{}", sanitize(handle)))
        );
        for (ch, h) in &c.suggestions {
            println!("  {ch}:{}", sanitize(h));
        }
    }
    if !card.sentiment.is_empty() {
        println!();
        println!(
            "{}",
            match card.period {
                Period::Week => w.by_week,
                Period::Month => w.by_month,
            }
        );
        for p in &card.sentiment {
            println!(
                "  {}  {}  {}{}  {}",
                p.from,
                bar(p.mean),
                if p.mean < 0.0 { "-" } else { "+" },
                t.decimal(f64::from(p.mean.abs()), 2),
                (w.period)(p.messages, p.negative, p.positive)
            );
        }
    }
    if !card.summaries.is_empty() {
        println!();
        println!("{}", w.conversations);
        for s in &card.summaries {
            println!(
                "  #{:<5} {:<10} {:<9} {:>4}  {}",
                s.id,
                s.channel.as_str(),
                t.status(s.status),
                t.age(s.last_activity, now),
                sanitize(&one_line(&s.last_text, 60))
            );
        }
    }
    if !c.messages.is_empty() {
        println!();
        println!("{}", w.newest_first);
        for m in c.messages.iter().take(20) {
            let tone = match m.tone {
                Some(crate::model::Tone::Negative) => "−",
                Some(crate::model::Tone::Positive) => "+",
                _ => " ",
            };
            println!(
                "  {} {:<10} #{:<5} {tone} {}",
                m.at.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
                m.channel.as_str(),
                m.conversation,
                sanitize(&one_line(&m.text, 70))
            );
        }
        if c.messages.len() > 20 {
            println!("  {}", (w.and_more)((c.messages.len() - 20) as u64));
        }
    }
    if !c.history.is_empty() {
        println!();
        println!("{}", w.notes_history);
        for e in &c.history {
            println!(
                "  {} {:<12} {}",
                e.at.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
                sanitize(&e.actor),
                sanitize(&t.contact_event(e))
            );
        }
    }
}
