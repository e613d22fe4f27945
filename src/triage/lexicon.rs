//! Word lists for sentiment: VADER's English lexicon (MIT) and Pattern's
//! French lexicon (PDDL), shipped in `lexicons/` with their origin and
//! licences, plus lists written by the team (emoji, boosters, negations,
//! brand-directed phrases) in this file. Loaded once, on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    /// From a language code; anything but French is scored as English
    /// (emoji, emoticons and loanwords still count).
    pub fn from_code(code: &str) -> Lang {
        if code.to_ascii_lowercase().starts_with("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }
}

const VADER_EN: &str = include_str!("lexicons/vader_en.tsv");
const PATTERN_FR: &str = include_str!("lexicons/pattern_fr.tsv");

/// Team-written: emoji valences on VADER's −4…4 scale.
const EMOJI: &[(&str, f32)] = &[
    ("😡", -3.0),
    ("🤬", -3.2),
    ("😠", -2.6),
    ("😤", -2.0),
    ("😞", -2.0),
    ("😢", -2.0),
    ("😭", -2.2),
    ("😱", -2.0),
    ("😒", -1.6),
    ("🙄", -1.6),
    ("👎", -2.2),
    ("💩", -2.0),
    ("😩", -2.0),
    ("😫", -2.0),
    ("😖", -1.8),
    ("😔", -1.6),
    ("😕", -1.2),
    ("😳", -0.8),
    ("🤮", -2.6),
    ("🤢", -2.2),
    ("💔", -2.4),
    ("😀", 2.0),
    ("😃", 2.0),
    ("😄", 2.2),
    ("😁", 2.0),
    ("😊", 2.2),
    ("🙂", 1.2),
    ("😍", 3.0),
    ("🥰", 3.0),
    ("😘", 2.2),
    ("❤", 2.6),
    ("❤️", 2.6),
    ("💖", 2.6),
    ("💕", 2.4),
    ("👍", 2.0),
    ("👏", 2.2),
    ("🙌", 2.2),
    ("🎉", 2.4),
    ("🥳", 2.6),
    ("✨", 1.4),
    ("🙏", 1.4),
    ("💯", 1.8),
    ("😎", 1.6),
    ("🤩", 2.8),
    ("😂", 1.0),
    ("🤣", 1.0),
    ("😅", 0.4),
    ("😉", 1.2),
    ("🔥", 1.0),
    ("⭐", 1.6),
    ("🌟", 1.8),
    ("☕", 0.4),
];

/// Team-written English additions: brand and social-media vocabulary VADER
/// lacks, and phrases whose words mislead one by one.
const EN_WORDS: &[(&str, f32)] = &[
    ("refund", -1.2),
    ("broken", -2.0),
    ("faulty", -2.2),
    ("defective", -2.4),
    ("scam", -3.0),
    ("rip-off", -2.8),
    ("ripoff", -2.8),
    ("overcharged", -2.4),
    ("unacceptable", -2.8),
    ("useless", -2.4),
    ("unresponsive", -2.0),
    ("cancelled", -1.2),
    ("delayed", -1.6),
    ("late", -1.0),
    ("missing", -1.4),
    ("lost", -1.6),
    ("damaged", -2.0),
    ("leaking", -1.8),
    ("crashes", -1.8),
    ("crashed", -1.8),
    ("bricked", -2.6),
    ("ignored", -1.8),
    ("rude", -2.2),
    ("disappointing", -2.2),
    ("worst", -3.1),
    ("waiting", -0.6),
    ("outage", -2.0),
    ("down", -0.6),
    ("recall", -1.6),
    ("dangerous", -2.6),
    ("unsafe", -2.6),
    ("burned", -2.2),
    ("burnt", -2.0),
    ("melted", -2.2),
    ("smoke", -1.2),
    ("fixed", 1.4),
    ("sorted", 1.4),
    ("resolved", 1.6),
    ("thanks", 1.8),
    ("thx", 1.6),
    ("ty", 1.2),
    ("legend", 2.2),
    ("lifesaver", 2.4),
    ("recommend", 1.8),
    ("obsessed", 1.6),
    ("stoked", 2.4),
];

const EN_PHRASES: &[(&[&str], f32)] = &[
    (&["still", "waiting"], -2.2),
    (&["still", "not"], -1.6),
    (&["still", "no"], -1.8),
    (&["never", "again"], -2.6),
    (&["no", "response"], -2.0),
    (&["no", "reply"], -2.0),
    (&["no", "answer"], -2.0),
    (&["not", "working"], -2.0),
    (&["doesn't", "work"], -2.0),
    (&["does", "not", "work"], -2.0),
    (&["stopped", "working"], -2.2),
    (&["waste", "of", "money"], -2.8),
    (&["waste", "of", "time"], -2.4),
    (&["want", "a", "refund"], -2.2),
    (&["where", "is", "my"], -1.4),
    (&["on", "hold"], -1.4),
    (&["customer", "service"], 0.0),
    (&["thank", "you"], 2.0),
    (&["well", "done"], 2.2),
    (&["kind", "of"], 0.0),
    (&["sort", "of"], 0.0),
    (&["no", "problem"], 1.2),
    (&["no", "worries"], 1.2),
    (&["not", "bad"], 1.2),
    (&["fed", "up"], -2.2),
    (&["sick", "of"], -2.2),
    (&["how", "long"], -0.8),
    (&["any", "update"], -0.8),
];

/// Team-written French words, completing Pattern's list (mostly adjectives)
/// with the verbs and nouns of customer complaints and social media.
const FR_WORDS: &[(&str, f32)] = &[
    ("merci", 1.8),
    ("bravo", 2.4),
    ("top", 2.0),
    ("génial", 3.0),
    ("géniale", 3.0),
    ("super", 2.2),
    ("parfait", 2.8),
    ("parfaite", 2.8),
    ("adore", 2.6),
    ("j'adore", 2.6),
    ("aime", 1.6),
    ("love", 2.4),
    ("content", 1.8),
    ("contente", 1.8),
    ("ravi", 2.4),
    ("ravie", 2.4),
    ("félicitations", 2.6),
    ("excellent", 3.0),
    ("excellente", 3.0),
    ("efficace", 1.8),
    ("rapide", 1.2),
    ("réglé", 1.4),
    ("résolu", 1.6),
    ("nul", -2.4),
    ("nulle", -2.4),
    ("naze", -2.2),
    ("arnaque", -3.0),
    ("arnaqueurs", -3.0),
    ("honte", -2.6),
    ("honteux", -2.6),
    ("scandale", -2.8),
    ("scandaleux", -2.8),
    ("inadmissible", -2.8),
    ("inacceptable", -2.8),
    ("déçu", -2.2),
    ("déçue", -2.2),
    ("déception", -2.2),
    ("décevant", -2.2),
    ("colère", -2.4),
    ("énervé", -2.2),
    ("énervée", -2.2),
    ("marre", -2.2),
    ("galère", -1.8),
    ("cassé", -2.0),
    ("cassée", -2.0),
    ("panne", -1.8),
    ("bug", -1.6),
    ("bugue", -1.8),
    ("plante", -1.4),
    ("retard", -1.6),
    ("perdu", -1.4),
    ("abîmé", -2.0),
    ("défectueux", -2.4),
    ("fuite", -1.6),
    ("remboursement", -1.0),
    ("remboursez", -2.2),
    ("remboursez-moi", -2.6),
    ("rembourser", -1.2),
    ("débité", -1.2),
    ("prélevé", -1.0),
    ("attente", -0.8),
    ("attendre", -0.8),
    ("injoignable", -2.2),
    ("dangereux", -2.6),
    ("dangereuse", -2.6),
    ("brûlé", -2.2),
    ("brûlée", -2.2),
    ("fondu", -2.0),
    ("fumée", -1.2),
    ("rappel", -1.0),
    ("pire", -2.8),
    ("horrible", -3.0),
    ("catastrophe", -2.8),
    ("lamentable", -2.8),
    ("pathétique", -2.6),
    ("mépris", -2.4),
    ("méprisant", -2.4),
    ("triste", -2.0),
    ("malheureusement", -1.4),
    ("hélas", -1.4),
    ("bof", -1.2),
    ("mdr", 1.0),
    ("lol", 1.0),
    ("ptdr", 1.0),
    ("bisous", 1.8),
    ("cool", 1.8),
    ("sympa", 1.8),
    ("chouette", 2.0),
    ("magnifique", 3.0),
    ("beau", 2.0),
    ("belle", 2.0),
    ("bon", 1.6),
    ("bonne", 1.6),
    ("bien", 1.4),
    ("mal", -1.6),
    ("mauvais", -2.2),
    ("mauvaise", -2.2),
    ("problème", -1.6),
    ("problèmes", -1.6),
    ("souci", -1.4),
    ("soucis", -1.4),
    ("plainte", -1.8),
    ("escroc", -3.0),
    ("escrocs", -3.0),
    ("voleurs", -3.0),
    ("menteurs", -2.8),
    ("mensonge", -2.4),
    ("peur", -1.8),
    ("espoir", 1.4),
    ("bonheur", 2.6),
    ("réussite", 2.4),
    ("victoire", 2.2),
    ("soutien", 1.6),
    ("courage", 1.6),
    ("honneur", 1.8),
    ("mort", -2.6),
    ("morts", -2.6),
    ("drame", -2.6),
    ("tragédie", -3.0),
    ("crise", -1.8),
    ("échec", -2.4),
    ("danger", -2.2),
    ("menace", -2.0),
    ("violence", -2.8),
    ("attaque", -2.0),
];

const FR_PHRASES: &[(&[&str], f32)] = &[
    (&["toujours", "pas"], -2.2),
    (&["toujours", "rien"], -2.4),
    (&["toujours", "aucune"], -2.2),
    (&["jamais", "reçu"], -2.4),
    (&["plus", "jamais"], -2.6),
    (&["aucune", "réponse"], -2.2),
    (&["pas", "de", "réponse"], -2.0),
    (&["ne", "fonctionne", "plus"], -2.2),
    (&["ne", "marche", "plus"], -2.2),
    (&["marche", "pas"], -2.0),
    (&["fonctionne", "pas"], -2.0),
    (&["pas", "mal"], 1.4),
    (&["pas", "terrible"], -1.6),
    (&["service", "client"], 0.0),
    (&["merci", "beaucoup"], 2.6),
    (&["en", "attente"], -1.2),
    (&["se", "foutent"], -2.6),
    (&["foutez", "de"], -2.4),
    (&["c'est", "quoi", "ce"], -1.6),
    (&["ras", "le", "bol"], -2.6),
    (&["il", "faut"], 0.0),
];

const EN_BOOSTERS: &[(&str, f32)] = &[
    ("absolutely", 0.293),
    ("amazingly", 0.293),
    ("awfully", 0.293),
    ("completely", 0.293),
    ("considerably", 0.293),
    ("decidedly", 0.293),
    ("deeply", 0.293),
    ("enormously", 0.293),
    ("entirely", 0.293),
    ("especially", 0.293),
    ("exceptionally", 0.293),
    ("extremely", 0.293),
    ("fabulously", 0.293),
    ("greatly", 0.293),
    ("highly", 0.293),
    ("hugely", 0.293),
    ("incredibly", 0.293),
    ("intensely", 0.293),
    ("majorly", 0.293),
    ("more", 0.293),
    ("most", 0.293),
    ("particularly", 0.293),
    ("purely", 0.293),
    ("quite", 0.293),
    ("really", 0.293),
    ("remarkably", 0.293),
    ("so", 0.293),
    ("substantially", 0.293),
    ("thoroughly", 0.293),
    ("totally", 0.293),
    ("tremendously", 0.293),
    ("uber", 0.293),
    ("unbelievably", 0.293),
    ("unusually", 0.293),
    ("utterly", 0.293),
    ("very", 0.293),
    ("super", 0.293),
    ("such", 0.293),
    ("almost", -0.293),
    ("barely", -0.293),
    ("hardly", -0.293),
    ("less", -0.293),
    ("little", -0.293),
    ("marginally", -0.293),
    ("occasionally", -0.293),
    ("partly", -0.293),
    ("scarcely", -0.293),
    ("slightly", -0.293),
    ("somewhat", -0.293),
];

const FR_BOOSTERS: &[(&str, f32)] = &[
    ("très", 0.293),
    ("trop", 0.293),
    ("vraiment", 0.293),
    ("tellement", 0.293),
    ("hyper", 0.293),
    ("extrêmement", 0.293),
    ("complètement", 0.293),
    ("totalement", 0.293),
    ("absolument", 0.293),
    ("vachement", 0.293),
    ("grave", 0.293),
    ("si", 0.293),
    ("tant", 0.293),
    ("carrément", 0.293),
    ("franchement", 0.293),
    ("super", 0.293),
    ("ultra", 0.293),
    ("peu", -0.293),
    ("légèrement", -0.293),
    ("presque", -0.293),
    ("plutôt", -0.15),
];

const EN_NEGATIONS: &[&str] = &[
    "not",
    "no",
    "never",
    "none",
    "nobody",
    "nothing",
    "neither",
    "nor",
    "nowhere",
    "without",
    "cannot",
    "can't",
    "cant",
    "don't",
    "dont",
    "doesn't",
    "doesnt",
    "didn't",
    "didnt",
    "isn't",
    "isnt",
    "aren't",
    "arent",
    "wasn't",
    "wasnt",
    "weren't",
    "won't",
    "wont",
    "wouldn't",
    "shouldn't",
    "couldn't",
    "haven't",
    "hasn't",
    "hadn't",
    "ain't",
    "aint",
    "nope",
];
const FR_NEGATIONS: &[&str] = &[
    "pas",
    "jamais",
    "rien",
    "aucun",
    "aucune",
    "personne",
    "ni",
    "sans",
    "guère",
    "nullement",
];

pub struct Lexicons {
    en: HashMap<String, f32>,
    fr: HashMap<String, f32>,
    en_phrases: Vec<(Vec<String>, f32)>,
    fr_phrases: Vec<(Vec<String>, f32)>,
    en_boosters: HashMap<&'static str, f32>,
    fr_boosters: HashMap<&'static str, f32>,
}

pub fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F300..=0x1FAFF | 0x2600..=0x27BF)
}

impl Lexicons {
    pub fn get() -> &'static Lexicons {
        static LEX: OnceLock<Lexicons> = OnceLock::new();
        LEX.get_or_init(Lexicons::load)
    }

    fn load() -> Lexicons {
        let mut en: HashMap<String, f32> = HashMap::with_capacity(8000);
        for line in VADER_EN.lines() {
            let mut parts = line.split('\t');
            if let (Some(word), Some(v)) = (
                parts.next(),
                parts.next().and_then(|v| v.trim().parse::<f32>().ok()),
            ) {
                en.insert(word.to_string(), v);
            }
        }
        let mut fr: HashMap<String, f32> = HashMap::with_capacity(4000);
        for line in PATTERN_FR.lines() {
            let mut parts = line.split('\t');
            let word = parts.next();
            let polarity = parts.next().and_then(|v| v.trim().parse::<f32>().ok());
            if let (Some(word), Some(p)) = (word, polarity) {
                // Pattern's polarity is −1…1; VADER's scale is −4…4.
                if p != 0.0 {
                    fr.insert(word.to_string(), p * 3.0);
                }
            }
        }
        for (w, v) in EN_WORDS {
            en.insert(w.to_string(), *v);
        }
        for (w, v) in FR_WORDS {
            fr.insert(w.to_string(), *v);
        }
        for (e, v) in EMOJI {
            en.insert(e.to_string(), *v);
            fr.insert(e.to_string(), *v);
        }
        // Emoticons work in any language.
        for (k, v) in en
            .iter()
            .filter(|(k, _)| !k.chars().any(char::is_alphabetic))
        {
            fr.entry(k.clone()).or_insert(*v);
        }
        let phrases = |list: &[(&[&str], f32)]| {
            let mut p: Vec<(Vec<String>, f32)> = list
                .iter()
                .map(|(ws, v)| (ws.iter().map(|w| w.to_string()).collect(), *v))
                .collect();
            // Longest first, so "does not work" wins over "not".
            p.sort_by_key(|(ws, _)| std::cmp::Reverse(ws.len()));
            p
        };
        Lexicons {
            en,
            fr,
            en_phrases: phrases(EN_PHRASES),
            fr_phrases: phrases(FR_PHRASES),
            en_boosters: EN_BOOSTERS.iter().copied().collect(),
            fr_boosters: FR_BOOSTERS.iter().copied().collect(),
        }
    }

    pub fn valence(&self, lang: Lang, word: &str) -> Option<f32> {
        let table = match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        };
        table.get(word).copied().or_else(|| {
            // Plural or feminine forms fall back to the base word.
            word.strip_suffix('s')
                .or_else(|| word.strip_suffix('e'))
                .and_then(|w| table.get(w).copied())
        })
    }

    pub fn booster(&self, lang: Lang, word: &str) -> Option<f32> {
        match lang {
            Lang::En => self.en_boosters.get(word).copied(),
            Lang::Fr => self.fr_boosters.get(word).copied(),
        }
    }

    pub fn is_booster(&self, lang: Lang, word: &str) -> bool {
        self.booster(lang, word).is_some()
    }

    pub fn is_negation(&self, lang: Lang, word: &str) -> bool {
        match lang {
            Lang::En => EN_NEGATIONS.contains(&word) || word.ends_with("n't"),
            Lang::Fr => FR_NEGATIONS.contains(&word),
        }
    }

    pub fn is_contrast(&self, lang: Lang, word: &str) -> bool {
        match lang {
            Lang::En => matches!(word, "but" | "however" | "although" | "though"),
            Lang::Fr => matches!(word, "mais" | "cependant" | "pourtant" | "toutefois"),
        }
    }

    /// The phrase starting at `words[0]`, if any: (length, valence, text).
    pub fn phrase_at(&self, lang: Lang, words: &[&str]) -> Option<(usize, f32, String)> {
        let phrases = match lang {
            Lang::En => &self.en_phrases,
            Lang::Fr => &self.fr_phrases,
        };
        phrases
            .iter()
            .find(|(ws, _)| ws.len() <= words.len() && ws.iter().zip(words).all(|(a, b)| a == b))
            .map(|(ws, v)| (ws.len(), *v, ws.join(" ")))
    }
}
