//! `palabre export --format jsonl|csv`

use super::{CmdResult, Context, Failure};
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Jsonl,
    Csv,
}

pub fn run(ctx: &Context, format: Format, output: Option<&std::path::Path>) -> CmdResult {
    let store = ctx.open_store()?;
    let sink: Box<dyn Write> = match output {
        Some(p) => Box::new(
            std::fs::File::create(p)
                .map_err(|e| Failure::input(format!("{}: {e}", p.display())))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::new(sink);
    match format {
        Format::Jsonl => {
            store.for_each_message(&mut |_, m| {
                serde_json::to_writer(&mut out, m)?;
                out.write_all(b"\n")?;
                Ok(())
            })?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "conversation",
                "channel",
                "id",
                "parent_id",
                "thread_id",
                "kind",
                "direction",
                "author_handle",
                "author_name",
                "author_followers",
                "author_verified",
                "text",
                "lang",
                "created_at",
                "url",
                "likes",
                "shares",
                "replies",
            ])
            .map_err(|e| Failure::runtime(e.to_string()))?;
            store.for_each_message(&mut |conv: i64, m: &crate::model::Message| {
                w.write_record([
                    conv.to_string(),
                    m.channel.to_string(),
                    m.id.clone(),
                    m.parent_id.clone().unwrap_or_default(),
                    m.thread_id.clone().unwrap_or_default(),
                    m.kind.to_string(),
                    m.direction.to_string(),
                    m.author.handle.clone(),
                    m.author.name.clone(),
                    m.author
                        .followers
                        .map(|f| f.to_string())
                        .unwrap_or_default(),
                    m.author.verified.to_string(),
                    m.text.clone(),
                    m.lang.clone().unwrap_or_default(),
                    m.created_at
                        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                    m.url.clone().unwrap_or_default(),
                    m.metrics.likes.to_string(),
                    m.metrics.shares.to_string(),
                    m.metrics.replies.to_string(),
                ])
                .map_err(|e| crate::store::StoreError::Io(std::io::Error::other(e)))
            })?;
            w.flush()?;
        }
    }
    out.flush()?;
    Ok(())
}
