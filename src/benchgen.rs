//! `palabre bench-gen N`: deterministic interchange messages with realistic
//! thread shapes, text lengths and channel mix, for benchmarks.

use crate::model::{Author, Channel, Direction, Message, MessageKind, Metrics};
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::io::Write;

/// splitmix64: tiny, fast and stable across versions, so the same N always
/// gives the same file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const EN: &[&str] = &[
    "the",
    "to",
    "my",
    "and",
    "i",
    "a",
    "is",
    "it",
    "you",
    "for",
    "of",
    "on",
    "this",
    "not",
    "have",
    "with",
    "your",
    "me",
    "but",
    "so",
    "order",
    "delivery",
    "still",
    "waiting",
    "refund",
    "kettle",
    "grinder",
    "app",
    "broken",
    "love",
    "great",
    "thanks",
    "why",
    "when",
    "support",
    "help",
    "please",
    "package",
    "late",
    "charged",
    "twice",
    "price",
    "lid",
    "leaking",
    "update",
    "firmware",
    "coffee",
    "morning",
    "customer",
    "service",
    "answer",
    "days",
    "week",
    "never",
    "again",
    "amazing",
    "quality",
    "return",
    "label",
    "tracking",
    "number",
    "account",
    "password",
    "works",
    "perfect",
    "noise",
    "warranty",
    "replacement",
    "store",
    "shipping",
    "colour",
    "black",
    "steel",
    "cable",
];
const FR: &[&str] = &[
    "le",
    "de",
    "je",
    "la",
    "et",
    "pas",
    "mon",
    "un",
    "est",
    "les",
    "pour",
    "que",
    "vous",
    "une",
    "ma",
    "en",
    "ça",
    "des",
    "sur",
    "il",
    "commande",
    "livraison",
    "toujours",
    "attente",
    "remboursement",
    "bouilloire",
    "moulin",
    "appli",
    "cassé",
    "merci",
    "super",
    "pourquoi",
    "quand",
    "service",
    "client",
    "aide",
    "colis",
    "retard",
    "débité",
    "deux",
    "fois",
    "prix",
    "couvercle",
    "fuite",
    "mise",
    "jour",
    "café",
    "matin",
    "réponse",
    "jours",
    "semaine",
    "jamais",
    "plus",
    "génial",
    "qualité",
    "retour",
    "étiquette",
    "suivi",
    "numéro",
    "compte",
    "fonctionne",
    "parfait",
    "bruit",
    "garantie",
    "remplacement",
    "magasin",
    "expédition",
    "couleur",
    "noir",
    "inox",
    "câble",
];
const EMOJI: &[&str] = &["🙂", "😡", "👍", "☕", "🔥", "😤", "❤️", "🤔"];

/// Word frequencies in real text follow Zipf's law: a few words are
/// everywhere, most are rare. The top ranks are real words of the language,
/// the long tail pseudo-words, so that searches hit realistic numbers of rows.
struct Vocabulary {
    cumulative: Vec<f64>,
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ru", "ta", "vo", "pe", "si", "da", "bu", "fi", "go", "le", "ma", "no",
    "pa", "ri", "so", "tu", "va", "ze", "cha", "tri", "bel", "mon", "par", "ste", "lin", "dor",
];
const VOCABULARY: usize = 30_000;

impl Vocabulary {
    fn new() -> Vocabulary {
        let mut total = 0.0;
        let cumulative = (1..=VOCABULARY)
            .map(|rank| {
                total += 1.0 / (rank as f64).powf(1.07);
                total
            })
            .collect();
        Vocabulary { cumulative }
    }

    fn rank(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        self.cumulative.partition_point(|c| *c < x)
    }

    fn word(&self, rank: usize, fr: bool, out: &mut String) {
        let real = if fr { FR } else { EN };
        if rank < real.len() {
            out.push_str(real[rank]);
            return;
        }
        let mut n = rank;
        loop {
            out.push_str(SYLLABLES[n % SYLLABLES.len()]);
            n /= SYLLABLES.len();
            if n == 0 {
                break;
            }
        }
    }
}

fn sentence(rng: &mut Rng, vocabulary: &Vocabulary, fr: bool, words: usize) -> String {
    let mut s = String::with_capacity(words * 8);
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        let rank = vocabulary.rank(rng);
        vocabulary.word(rank, fr, &mut s);
    }
    if rng.chance(25) {
        s.push(' ');
        let emoji: &str = rng.pick::<&str>(EMOJI);
        s.push_str(emoji);
    }
    s
}

fn ext_id(channel: Channel, n: u64) -> String {
    match channel {
        Channel::Mastodon => format!("{}", 110_000_000_000_000_000u64 + n * 7919),
        Channel::Bluesky => format!(
            "at://did:plc:bench{:06}/app.bsky.feed.post/3k{n:010}",
            n % 997
        ),
        Channel::Reddit => format!("t1_{n:x}"),
        Channel::Youtube => format!("Ugx{n:016x}"),
        Channel::X => format!("{}", 1_700_000_000_000_000_000u64 + n),
        Channel::Facebook => format!("1045_{n}"),
        Channel::Instagram => format!("{}", 17_900_000_000_000_000u64 + n),
        Channel::Email => format!("<{n}@mail.example>"),
        Channel::Other => format!("other-{n}"),
    }
}

/// Writes `n` messages. Conversations are 1–14 messages (most short), with
/// nested replies, our replies after minutes to days, and about one reply in
/// a hundred written before its parent, as networks deliver them.
pub fn generate(n: u64, seed: u64, out: &mut impl Write) -> std::io::Result<()> {
    let mut rng = Rng(seed ^ 0x0050_414C_4142_5245);
    let vocabulary = Vocabulary::new();
    let end: DateTime<Utc> = Utc
        .with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let span_secs: i64 = 60 * 24 * 3600;
    let mut written = 0u64;
    let mut counter = 0u64;
    let channels = [
        (Channel::X, 22),
        (Channel::Instagram, 18),
        (Channel::Facebook, 16),
        (Channel::Youtube, 12),
        (Channel::Reddit, 10),
        (Channel::Mastodon, 9),
        (Channel::Bluesky, 9),
        (Channel::Email, 3),
        (Channel::Other, 1),
    ];
    while written < n {
        let mut roll = rng.below(100);
        let channel = channels
            .iter()
            .find(|(_, w)| {
                if roll < *w {
                    true
                } else {
                    roll -= w;
                    false
                }
            })
            .map_or(Channel::X, |(c, _)| *c);
        let fr = rng.chance(45);
        // Geometric-ish size: most threads are short, a few are long.
        let mut size = 1;
        while size < 14 && rng.chance(68) {
            size += 1;
        }
        let size = size.min((n - written) as usize);
        let start = end - Duration::seconds(span_secs)
            + Duration::seconds(rng.below(span_secs as u64) as i64);
        let mut thread: Vec<Message> = Vec::with_capacity(size);
        let mut t = start;
        for i in 0..size {
            counter += 1;
            let outbound = i > 0 && rng.chance(35);
            let parent = if i == 0 {
                None
            } else if rng.chance(70) {
                Some(thread[i - 1].id.clone())
            } else {
                Some(thread[rng.below(i as u64) as usize].id.clone())
            };
            t += Duration::seconds(if outbound {
                *rng.pick(&[300i64, 1800, 7200, 20000, 90000]) + rng.below(600) as i64
            } else {
                60 + rng.below(14_400) as i64
            });
            let long = rng.chance(10);
            let words = 4 + rng.below(if long { 70 } else { 22 }) as usize;
            let followers = match rng.below(1000) {
                0 => 500_000 + rng.below(2_000_000),
                1..=20 => 10_000 + rng.below(90_000),
                _ => rng.below(3000),
            };
            let author = if outbound {
                Author {
                    handle: "@palabre_brand".into(),
                    name: "Brand care".into(),
                    followers: Some(48_000),
                    verified: true,
                }
            } else {
                let who = rng.below(200_000);
                Author {
                    handle: format!("@user{who}"),
                    name: format!("User {who}"),
                    followers: if rng.chance(95) {
                        Some(followers)
                    } else {
                        None
                    },
                    verified: followers > 100_000,
                }
            };
            let id = ext_id(channel, counter);
            thread.push(Message {
                channel,
                url: Some(format!("https://{}.example/{}", channel.as_str(), counter)),
                id,
                parent_id: parent,
                thread_id: None,
                kind: match (i, outbound, channel) {
                    (_, true, _) => MessageKind::Reply,
                    (0, _, Channel::Email) => MessageKind::Dm,
                    (0, _, Channel::X | Channel::Mastodon | Channel::Bluesky) => {
                        MessageKind::Mention
                    }
                    (0, _, _) => MessageKind::Comment,
                    _ => MessageKind::Reply,
                },
                direction: if outbound {
                    Direction::Outbound
                } else {
                    Direction::Inbound
                },
                author,
                text: sentence(&mut rng, &vocabulary, fr, words),
                lang: if rng.chance(85) {
                    Some(if fr { "fr" } else { "en" }.into())
                } else {
                    None
                },
                created_at: t,
                metrics: Metrics {
                    likes: rng.below(40),
                    shares: rng.below(6),
                    replies: rng.below(4),
                },
                automated: false,
            });
        }
        if size > 2 && rng.chance(3) {
            // Deliver the last reply before the others.
            let last = thread.pop();
            if let Some(last) = last {
                thread.insert(1, last);
            }
        }
        for m in &thread {
            serde_json::to_writer(&mut *out, m)?;
            out.write_all(b"\n")?;
        }
        written += size as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn same_n_same_output_and_valid_lines() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        super::generate(500, 1, &mut a).unwrap();
        super::generate(500, 1, &mut b).unwrap();
        assert_eq!(a, b);
        let text = String::from_utf8(a).unwrap();
        assert_eq!(text.lines().count(), 500);
        for (i, line) in text.lines().enumerate() {
            crate::ingest::parse_line(line, i + 1).unwrap();
        }
    }
}
