//! Per-message analysis: language, sentiment, complaint and hostility, each
//! with the cues that produced it.

use super::lexicon::{Lang, Lexicons};
use super::sentiment::{self, Cue, Polarity, Sentiment};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub lang: &'static str,
    pub sentiment: Sentiment,
    /// 0…1: how much this reads as a complaint or criticism addressed to an organisation.
    pub complaint: f32,
    pub complaint_cues: Vec<String>,
    /// 0…1: offensive, abusive or hateful.
    pub hostile: f32,
    pub hostile_cues: Vec<String>,
}

/// The language when the message does not say: French or English (offline,
/// by whatlang); anything else is scored with the English lists.
pub fn detect_lang(text: &str) -> Lang {
    match whatlang::detect(text) {
        Some(info) if info.lang() == whatlang::Lang::Fra => Lang::Fr,
        _ => Lang::En,
    }
}

/// Team-written complaint cues: problems with products and service, and the
/// marks of a customer addressing a brand.
const COMPLAINT_EN: &[(&str, f32)] = &[
    ("refund", 1.2),
    ("broken", 1.2),
    ("still", 0.6),
    ("waiting", 0.8),
    ("never", 0.5),
    ("worst", 1.0),
    ("terrible", 0.8),
    ("disappointed", 1.0),
    ("fix", 0.8),
    ("issue", 0.9),
    ("issues", 0.9),
    ("problem", 0.9),
    ("problems", 0.9),
    ("wrong", 0.8),
    ("again", 0.4),
    ("charged", 1.0),
    ("cancel", 0.8),
    ("cancelled", 0.8),
    ("delayed", 1.0),
    ("late", 0.6),
    ("hours", 0.5),
    ("days", 0.4),
    ("weeks", 0.5),
    ("ridiculous", 1.0),
    ("unacceptable", 1.2),
    ("why", 0.5),
    ("nobody", 0.6),
    ("customer", 0.6),
    ("service", 0.5),
    ("support", 0.4),
    ("order", 0.5),
    ("delivery", 0.6),
    ("package", 0.5),
    ("received", 0.4),
    ("error", 0.8),
    ("crash", 0.9),
    ("crashes", 0.9),
    ("down", 0.4),
    ("working", 0.6),
    ("doesn't", 0.6),
    ("didn't", 0.5),
    ("won't", 0.5),
    ("can't", 0.4),
    ("not", 0.3),
    ("poor", 0.9),
    ("awful", 0.9),
    ("horrible", 0.9),
    ("rude", 1.0),
    ("scam", 1.1),
    ("overcharged", 1.2),
    ("stuck", 0.8),
    ("lost", 0.7),
    ("missing", 0.8),
    ("damaged", 1.0),
    ("faulty", 1.1),
    ("defective", 1.1),
    ("useless", 1.0),
    ("annoying", 0.8),
    ("frustrating", 1.0),
    ("fail", 0.9),
    ("failed", 0.9),
    ("help", 0.3),
    ("hold", 0.5),
    ("months", 0.4),
    ("complaint", 1.0),
    ("ruined", 1.0),
    ("sucks", 0.9),
    ("bad", 0.6),
];
const COMPLAINT_FR: &[(&str, f32)] = &[
    ("remboursement", 1.2),
    ("rembourser", 1.0),
    ("remboursez", 1.2),
    ("cassé", 1.2),
    ("toujours", 0.6),
    ("attente", 0.8),
    ("attends", 0.8),
    ("jamais", 0.5),
    ("pire", 1.0),
    ("problème", 0.9),
    ("panne", 1.0),
    ("retard", 1.0),
    ("commande", 0.5),
    ("colis", 0.6),
    ("livraison", 0.6),
    ("service", 0.5),
    ("client", 0.4),
    ("inadmissible", 1.2),
    ("honte", 1.0),
    ("pourquoi", 0.5),
    ("reçu", 0.4),
    ("bug", 0.9),
    ("marche", 0.4),
    ("fonctionne", 0.5),
    ("débité", 1.0),
    ("facture", 0.6),
    ("nul", 0.8),
    ("arnaque", 1.1),
    ("réponse", 0.5),
    ("déçu", 1.0),
    ("déçue", 1.0),
    ("scandale", 1.0),
    ("heures", 0.5),
    ("jours", 0.4),
    ("semaines", 0.5),
];

/// Team-written insults and slurs, French and English. Listed only to
/// recognise abuse.
const HOSTILE: &[&str] = &[
    "connard",
    "connards",
    "connasse",
    "salope",
    "salopes",
    "pute",
    "putes",
    "enculé",
    "enculés",
    "batard",
    "bâtard",
    "bâtards",
    "fdp",
    "ntm",
    "nique",
    "niquer",
    "abruti",
    "abrutis",
    "débile",
    "débiles",
    "attardé",
    "attardés",
    "attardée",
    "mongol",
    "mongols",
    "gogol",
    "crétin",
    "crétins",
    "idiot",
    "idiots",
    "imbécile",
    "imbéciles",
    "con",
    "cons",
    "conne",
    "merde",
    "raton",
    "ratons",
    "bougnoule",
    "bougnoules",
    "négro",
    "négros",
    "nègre",
    "nègres",
    "youpin",
    "pd",
    "pédé",
    "pédés",
    "tapette",
    "gouine",
    "sous-race",
    "crève",
    "crevez",
    "dégage",
    "dégagez",
    "gueule",
    "chienne",
    "chiennes",
    "porc",
    "porcs",
    "vermine",
    "parasites",
    "parasite",
    "racaille",
    "racailles",
    "bicot",
    "bicots",
    "chinetoque",
    "bamboula",
    "sale",
    "sales",
    "clandos",
    "envahisseurs",
    "islamistes",
    "terroristes",
    "retardé",
    "handicapé",
    "autiste",
    "idiot",
    "stupid",
    "moron",
    "morons",
    "retard",
    "retarded",
    "fuck",
    "fucking",
    "shit",
    "bitch",
    "asshole",
    "dumb",
    "loser",
    "trash",
    "scum",
    "cunt",
    "twat",
    "faggot",
    "nigger",
    "kill",
    "die",
];

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
}

/// Analyses one message. `lang` is the message's own language code if it
/// has one.
pub fn analyze(text: &str, lang: Option<&str>) -> Analysis {
    let lex = Lexicons::get();
    let lang = lang
        .map(Lang::from_code)
        .unwrap_or_else(|| detect_lang(text));
    let sentiment = sentiment::score(text, lang, lex);
    let (complaint, complaint_cues) = complaint_score(text, lang, &sentiment);
    let (hostile, hostile_cues) = hostile_score(text);
    Analysis {
        lang: match lang {
            Lang::En => "en",
            Lang::Fr => "fr",
        },
        sentiment,
        complaint,
        complaint_cues,
        hostile,
        hostile_cues,
    }
}

fn complaint_score(text: &str, lang: Lang, sentiment: &Sentiment) -> (f32, Vec<String>) {
    let cues_table = match lang {
        Lang::En => COMPLAINT_EN,
        Lang::Fr => COMPLAINT_FR,
    };
    let mut cues = Vec::new();
    // The prior: most messages are not complaints.
    let mut z = -0.9f32;
    let mut seen = std::collections::HashSet::new();
    for w in words(text) {
        if let Some((_, weight)) = cues_table.iter().find(|(c, _)| *c == w)
            && seen.insert(w.clone())
        {
            z += weight;
            cues.push(w);
        }
    }
    // Negative tone adds, positive tone takes away.
    z += -sentiment.score * 2.0;
    if sentiment.polarity == Polarity::Negative {
        cues.extend(
            sentiment
                .cues
                .iter()
                .filter(|c: &&Cue| c.weight < 0.0)
                .map(|c| c.text.clone()),
        );
    }
    // Addressed to someone (an @handle): complaints are.
    if text
        .split_whitespace()
        .any(|w| w.starts_with('@') && w.len() > 1)
    {
        z += 0.4;
    }
    if text.contains('?') {
        z += 0.2;
    }
    cues.dedup();
    (1.0 / (1.0 + (-z).exp()), cues)
}

fn hostile_score(text: &str) -> (f32, Vec<String>) {
    let cues: Vec<String> = words(text)
        .filter(|w| HOSTILE.contains(&w.as_str()))
        .collect();
    let score = match cues.len() {
        0 => 0.1,
        1 => 0.7,
        _ => 0.9,
    };
    (score, cues)
}

/// What the store keeps of an analysis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    pub tone: Polarity,
    pub sentiment: f32,
    pub complaint: f32,
}

impl Scores {
    pub fn of(text: &str, lang: Option<&str>) -> Scores {
        let a = analyze(text, lang);
        Scores {
            tone: a.sentiment.polarity,
            sentiment: a.sentiment.score,
            complaint: a.complaint,
        }
    }
}
