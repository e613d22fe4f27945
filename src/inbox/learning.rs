//! What people teach by what they do: tagging a conversation with a
//! criticism category, removing one, correcting a sentiment. The store gives
//! the examples and keeps the weights (see `store::Classroom`); the models
//! are the triage's. A model that cannot be read starts afresh rather than
//! refuse the tag.

use crate::model::Tone;
use crate::store::{Classroom, Lesson, Result};
use crate::triage::learn::{
    self, BINARY, CATEGORY_MODEL, COMPLAINT_MODEL, NO_CATEGORY, NamedModel, SENTIMENT,
    SENTIMENT_MODEL,
};

/// The inbound messages of a conversation a lesson learns from (the latest).
const MESSAGES_PER_LESSON: usize = 20;

fn load(room: &mut dyn Classroom, name: &str) -> Result<Option<NamedModel>> {
    Ok(room.load_model(name)?.and_then(|b| decode(name, &b)))
}

pub(super) fn decode(name: &str, bytes: &[u8]) -> Option<NamedModel> {
    match NamedModel::from_bytes(bytes) {
        Ok(m) => Some(m),
        Err(e) => {
            tracing::warn!("learned model {name} cannot be read ({e}); starting afresh");
            None
        }
    }
}

/// The three models, created empty when the store has none yet.
struct Models {
    sentiment: NamedModel,
    complaint: NamedModel,
    category: NamedModel,
    changed: [bool; 3],
}

impl Models {
    fn load(room: &mut dyn Classroom) -> Result<Models> {
        Ok(Models {
            sentiment: load(room, SENTIMENT_MODEL)?
                .unwrap_or_else(|| NamedModel::new(&SENTIMENT, 6)),
            complaint: load(room, COMPLAINT_MODEL)?.unwrap_or_else(|| NamedModel::new(&BINARY, 6)),
            category: load(room, CATEGORY_MODEL)?
                .unwrap_or_else(|| NamedModel::new(&[NO_CATEGORY], 6)),
            changed: [false; 3],
        })
    }

    fn save(&self, room: &mut dyn Classroom) -> Result<()> {
        let all = [
            (SENTIMENT_MODEL, &self.sentiment),
            (COMPLAINT_MODEL, &self.complaint),
            (CATEGORY_MODEL, &self.category),
        ];
        for ((name, model), changed) in all.into_iter().zip(self.changed) {
            if changed {
                room.save_model(name, &model.to_bytes())?;
            }
        }
        Ok(())
    }

    /// An example that is not a complaint and has no category.
    fn ordinary(&mut self, x: &learn::Features) {
        self.category.learn(x, NO_CATEGORY);
        self.complaint.learn(x, "false");
        self.changed[1] = true;
        self.changed[2] = true;
    }
}

/// Learns what `lessons` teach about the room's conversation (inside the
/// caller's transaction).
pub(super) fn teach(room: &mut dyn Classroom, lessons: &[Lesson]) -> Result<()> {
    if lessons.is_empty() {
        return Ok(());
    }
    let mut models = Models::load(room)?;
    for lesson in lessons {
        match lesson {
            Lesson::Category(category) => {
                let texts = room.inbound(MESSAGES_PER_LESSON)?;
                for (text, lang) in &texts {
                    let (_, x) = learn::features(text, lang.as_deref());
                    models.category.learn(&x, category);
                    models.complaint.learn(&x, "true");
                }
                let seed =
                    models.category.model.seen() ^ (room.conversation() as u64).rotate_left(32);
                for (text, lang) in room.ordinary(texts.len(), seed)? {
                    let (_, x) = learn::features(&text, lang.as_deref());
                    models.ordinary(&x);
                }
                models.changed[1] = true;
                models.changed[2] = true;
            }
            Lesson::NotCategory => {
                if !room.has_category()? {
                    for (text, lang) in room.inbound(MESSAGES_PER_LESSON)? {
                        let (_, x) = learn::features(&text, lang.as_deref());
                        models.ordinary(&x);
                    }
                }
            }
            Lesson::Sentiment(p) => {
                // The tone shown is the latest inbound message's.
                if let Some((text, lang)) = room.inbound(1)?.pop() {
                    let (_, x) = learn::features(&text, lang.as_deref());
                    models.sentiment.learn(&x, p.as_str());
                    models.changed[0] = true;
                    if *p == Tone::Positive && !room.has_category()? {
                        models.ordinary(&x);
                    }
                }
            }
        }
    }
    models.save(room)
}
