//! Danger and harm: a message that reports fire, burns, smoke, melting, an
//! explosion, an electric shock, poisoning, an injury, a child hurt, a
//! recall or a lawsuit, in English or French, inflected or in slang ("a
//! pris feu", "crame", "fondu", "intox", "caught fire", "shocked me").
//! Such a message is a safety report whatever its other words say: the
//! sentiment reads it as negative, the complaint score as a complaint, the
//! categories as `safety`, the queue and the crisis detector weigh it
//! heavily. Team-written lists; matched on lower-case words with accents
//! folded, so "brule", "brûlé" and "BRÛLÉE" are one word.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// How a cue counts: one strong cue is a danger report by itself; a weak
/// one ("recall", "hospital", "dangerous") only beside another cue or in a
/// message that already reads as negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    Weak,
    Strong,
}

/// What the words around a cue must (not) be: the slang and the other
/// senses of the danger words ("this song is fire", "I was shocked to
/// read", "as I recall", "la fondue savoyarde", "c'est le feu").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Guard {
    None,
    /// "fire": not the slang ("is fire", "so fire") nor "fire sale".
    Fire,
    /// "shock": electric ("electric shock", "shocked me", "got shocked").
    Shock,
    /// "hurt": a body or a person hurt ("got hurt", "hurt my son").
    Hurt,
    /// "recall": not "I recall", "as I recall".
    Recall,
    /// "melt": not a heart melting, not a "meltdown".
    Melt,
    /// "feu": not "feu vert/rouge", "feu d'artifice", "c'est le feu".
    Feu,
    /// "fondue": the verb ("a fondu", "est fondue"), not the dish.
    Fondue,
    /// "plainte": "porter plainte", "déposer plainte".
    Plainte,
    /// "explosé": not "explosé de rire".
    Rire,
    /// "sick": "got sick", "made me sick" from food.
    Sick,
    /// "sue": "sue you", "will sue", not the name.
    Sue,
}

struct Cue {
    /// Folded (lower case, no accents); a trailing `*` matches a prefix.
    word: &'static str,
    strength: Strength,
    guard: Guard,
    /// Words starting like the stem that are not it ("explore", "blessed").
    except: &'static [&'static str],
}

const fn cue(word: &'static str, strength: Strength) -> Cue {
    Cue {
        word,
        strength,
        guard: Guard::None,
        except: &[],
    }
}

const fn guarded(word: &'static str, strength: Strength, guard: Guard) -> Cue {
    Cue {
        word,
        strength,
        guard,
        except: &[],
    }
}

const fn except(word: &'static str, strength: Strength, except: &'static [&'static str]) -> Cue {
    Cue {
        word,
        strength,
        guard: Guard::None,
        except,
    }
}

use Strength::{Strong, Weak};

const CUES: &[Cue] = &[
    // Fire and heat.
    guarded("fire", Strong, Guard::Fire),
    guarded("fires", Strong, Guard::Fire),
    cue("flame*", Strong),
    cue("ablaze", Strong),
    cue("blaze", Strong),
    cue("inferno", Strong),
    except("burn*", Strong, &["burnout", "burner", "burnley"]),
    cue("scald*", Strong),
    cue("scorch*", Strong),
    cue("singed", Strong),
    cue("charred", Strong),
    cue("combust*", Strong),
    cue("carbonis*", Strong),
    cue("noirci*", Weak),
    cue("swollen", Weak),
    cue("blister*", Weak),
    except("smok*", Strong, &["smoker", "smokey"]),
    guarded("melt*", Strong, Guard::Melt),
    cue("overheat*", Strong),
    cue("sparks", Strong),
    cue("sparked", Strong),
    cue("sparking", Strong),
    cue("explod*", Strong),
    cue("explosi*", Strong),
    guarded("feu", Strong, Guard::Feu),
    cue("feux", Weak),
    cue("incendi*", Strong),
    except("brul*", Strong, &["brulant"]),
    cue("crame", Strong),
    cue("cramee", Strong),
    cue("cramees", Strong),
    cue("crames", Strong),
    cue("cramer", Strong),
    cue("crament", Strong),
    cue("cramai*", Strong),
    cue("crama", Strong),
    cue("fumee*", Strong),
    cue("fumait", Strong),
    cue("fumant*", Weak),
    cue("fondu", Strong),
    cue("fondus", Strong),
    guarded("fondue", Strong, Guard::Fondue),
    guarded("fondues", Strong, Guard::Fondue),
    cue("fondre", Weak),
    cue("surchauff*", Strong),
    cue("etincelle*", Strong),
    cue("court-circuit*", Strong),
    guarded("explose", Strong, Guard::Rire),
    guarded("explosee", Strong, Guard::Rire),
    guarded("exploser", Weak, Guard::Rire),
    // Electricity.
    cue("electrocut*", Strong),
    except("electris*", Strong, &["electrisant", "electrisante"]),
    guarded("shock", Strong, Guard::Shock),
    guarded("shocked", Strong, Guard::Shock),
    guarded("shocks", Strong, Guard::Shock),
    cue("zapped", Weak),
    cue("decharge", Weak),
    cue("monoxide", Strong),
    cue("monoxyde", Strong),
    // Poison and sickness.
    cue("poison*", Strong),
    cue("empoisonn*", Strong),
    cue("intox*", Strong),
    cue("toxic", Weak),
    cue("toxique*", Weak),
    cue("vomi*", Strong),
    cue("diarrh*", Weak),
    cue("anaphyla*", Strong),
    cue("allergic", Weak),
    cue("allergique", Weak),
    guarded("sick", Weak, Guard::Sick),
    cue("choking", Weak),
    cue("suffocat*", Strong),
    cue("etouff*", Weak),
    // Injury.
    cue("injur*", Strong),
    guarded("hurt", Strong, Guard::Hurt),
    guarded("hurts", Strong, Guard::Hurt),
    except("blesse*", Strong, &["blessed", "blessing"]),
    cue("blessure*", Strong),
    cue("bleed*", Weak),
    cue("saign*", Weak),
    cue("hospital*", Weak),
    cue("hopital", Weak),
    cue("hospitalis*", Strong),
    cue("urgences", Weak),
    cue("ambulance", Weak),
    cue("samu", Weak),
    cue("pompiers", Weak),
    cue("firefighter*", Weak),
    // Recall and law.
    guarded("recall", Strong, Guard::Recall),
    guarded("recalled", Strong, Guard::Recall),
    guarded("recalls", Strong, Guard::Recall),
    cue("rappel", Weak),
    cue("rappels", Weak),
    cue("lawsuit*", Strong),
    cue("suing", Strong),
    guarded("sue", Strong, Guard::Sue),
    cue("lawyer*", Weak),
    cue("attorney*", Weak),
    cue("proces", Weak),
    guarded("plainte", Strong, Guard::Plainte),
    cue("avocat", Weak),
    // What makes the rest dangerous.
    cue("danger", Weak),
    cue("dangers", Weak),
    cue("dangerous", Weak),
    cue("dangereux", Weak),
    cue("dangereuse*", Weak),
    cue("hazard*", Weak),
    cue("unsafe", Weak),
];

/// Two-word phrases, each a strong cue.
const PHRASES: &[(&str, &str)] = &[
    ("gas", "leak"),
    ("fuite", "gaz"),
    ("class", "action"),
    ("legal", "action"),
    ("action", "justice"),
    ("poursuites", "judiciaires"),
    ("threw", "up"),
    ("throwing", "up"),
    ("blew", "up"),
];

/// Accents folded, lower case: "Brûlée" → "brulee".
pub(crate) fn fold(word: &str) -> std::borrow::Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return std::borrow::Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        out.push(match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'û' | 'ù' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ÿ' => 'y',
            '’' => '\'',
            c => c,
        });
    }
    std::borrow::Cow::Owned(out)
}

/// The cues by the first three bytes of their word: one lookup a word.
fn index() -> &'static HashMap<&'static [u8], Vec<&'static Cue>> {
    static INDEX: OnceLock<HashMap<&'static [u8], Vec<&'static Cue>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: HashMap<&'static [u8], Vec<&'static Cue>> = HashMap::default();
        for c in CUES {
            m.entry(&c.word.as_bytes()[..3]).or_default().push(c);
        }
        m
    })
}

fn matches(cue: &Cue, word: &str) -> bool {
    let hit = match cue.word.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => word == cue.word,
    };
    hit && !cue.except.iter().any(|e| word.starts_with(e))
}

fn any_of(word: Option<&str>, list: &[&str]) -> bool {
    word.is_some_and(|w| list.contains(&w))
}

const PEOPLE: &[&str] = &[
    "me",
    "us",
    "him",
    "her",
    "them",
    "my",
    "our",
    "his",
    "their",
    "myself",
    "himself",
    "herself",
    "themselves",
    "son",
    "daughter",
    "kid",
    "kids",
    "child",
    "children",
    "baby",
    "toddler",
    "wife",
    "husband",
    "hand",
    "hands",
    "finger",
    "fingers",
    "arm",
    "leg",
    "foot",
    "eye",
    "eyes",
    "face",
    "head",
    "back",
    "skin",
    "dog",
    "cat",
    "someone",
    "somebody",
    "people",
];

/// Whether the words around `words[i]` keep the cue's danger sense.
fn guard_holds(guard: Guard, words: &[std::borrow::Cow<'_, str>], i: usize) -> bool {
    let at = |k: isize| -> Option<&str> {
        let j = i as isize + k;
        (j >= 0).then(|| words.get(j as usize).map(|w| w.as_ref()))?
    };
    match guard {
        Guard::None => true,
        Guard::Fire => {
            !any_of(
                at(-1),
                &[
                    "is", "was", "so", "straight", "pure", "lowkey", "absolute", "thats", "that's",
                    "its", "it's", "be", "sounds", "looks", "lookin", "looking", "damn", "fuego",
                    "hella", "kinda", "been",
                ],
            ) && !any_of(at(1), &["sale", "sales", "emoji", "tv", "stick", "fighter"])
        }
        Guard::Shock => {
            any_of(
                at(-1),
                &[
                    "electric",
                    "electrical",
                    "got",
                    "get",
                    "getting",
                    "gave",
                    "an",
                ],
            ) || any_of(at(1), PEOPLE)
        }
        Guard::Hurt => {
            any_of(
                at(-1),
                &[
                    "got",
                    "get",
                    "gets",
                    "getting",
                    "badly",
                    "seriously",
                    "been",
                    "were",
                    "was",
                ],
            ) || any_of(at(1), PEOPLE)
                || any_of(
                    at(-2),
                    &["son", "daughter", "kid", "child", "baby", "toddler"],
                )
        }
        Guard::Recall => !any_of(
            at(-1),
            &[
                "i", "we", "you", "don't", "dont", "can't", "cant", "as", "to", "not", "i'd",
            ],
        ),
        Guard::Melt => {
            let heart = |w: Option<&str>| any_of(w, &["heart", "hearts", "heartt"]);
            !heart(at(-1)) && !heart(at(1)) && !heart(at(2)) && !words[i].starts_with("meltdown")
        }
        Guard::Feu => {
            let slang = any_of(at(-1), &["le", "du"])
                && any_of(at(-2), &["est", "c'est", "etait", "trop", "grave"]);
            let other_sense = any_of(
                at(1),
                &[
                    "vert",
                    "rouge",
                    "orange",
                    "d'artifice",
                    "artifice",
                    "follet",
                ],
            ) || (at(1) == Some("de") && at(2) == Some("dieu"))
                || any_of(at(-1), &["coin", "cessez"]);
            !(slang || other_sense)
        }
        Guard::Fondue => any_of(
            at(-1),
            &[
                "a",
                "est",
                "ai",
                "ont",
                "sont",
                "etait",
                "completement",
                "toute",
                "entierement",
                "carrement",
                "totalement",
                "avait",
            ],
        ),
        Guard::Plainte => any_of(
            at(-1),
            &[
                "porter",
                "porte",
                "portons",
                "porterai",
                "porterons",
                "deposer",
                "depose",
                "deposons",
                "deposerai",
            ],
        ),
        Guard::Rire => !(at(1) == Some("de") && at(2) == Some("rire")),
        Guard::Sick => {
            any_of(
                at(-1),
                &["got", "get", "getting", "became", "made", "makes", "very"],
            ) || any_of(at(-2), &["made", "makes", "got"])
        }
        Guard::Sue => {
            any_of(
                at(-1),
                &[
                    "will", "gonna", "to", "i'll", "ill", "and", "could", "should",
                ],
            ) || any_of(at(1), &["you", "them", "your", "their", "the", "for"])
        }
    }
}

/// The danger cues in a message's words, with how strong the strongest is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    pub cues: Vec<String>,
    pub strong: usize,
    pub weak: usize,
}

impl Found {
    /// A danger report: a strong cue, two cues, or a weak cue in a message
    /// that reads as negative without it.
    pub fn is_danger(&self, negative: bool) -> bool {
        self.strong > 0 || self.weak >= 2 || (self.weak > 0 && negative)
    }
}

/// The danger cues among `words` (lower case; elisions may be attached:
/// "l'incendie" counts as "incendie").
pub fn scan<'a>(words: impl IntoIterator<Item = &'a str>) -> Found {
    let folded: Vec<std::borrow::Cow<'a, str>> = words
        .into_iter()
        .map(|w| {
            // French elision: the word after the apostrophe.
            let w = match w.rfind(['\'', '’']) {
                Some(i) if i <= 2 && w.len() > i + 1 => {
                    &w[i + w[i..].chars().next().map_or(1, char::len_utf8)..]
                }
                _ => w,
            };
            fold(w)
        })
        .collect();
    let index = index();
    let mut found = Found::default();
    for (i, w) in folded.iter().enumerate() {
        let b = w.as_bytes();
        if b.len() < 3 {
            continue;
        }
        if let Some(next) = folded.get(i + 1)
            && let Some((a, c)) = PHRASES
                .iter()
                .find(|(a, c)| *a == w.as_ref() && *c == next.as_ref())
        {
            found.cues.push(format!("{a} {c}"));
            found.strong += 1;
            continue;
        }
        let Some(cues) = index.get(&b[..3]) else {
            continue;
        };
        if let Some(c) = cues
            .iter()
            .find(|c| matches(c, w) && guard_holds(c.guard, &folded, i))
        {
            if !found.cues.iter().any(|f| f == w.as_ref()) {
                found.cues.push(w.to_string());
            }
            match c.strength {
                Strength::Strong => found.strong += 1,
                Strength::Weak => found.weak += 1,
            }
        }
    }
    found
}

/// The danger cues of a text (any language), as found.
pub fn in_text(text: &str) -> Found {
    let words: Vec<String> = super::words(text).collect();
    scan(words.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn danger(text: &str) -> bool {
        in_text(text).is_danger(false)
    }

    /// Reports of danger or harm, as people write them.
    const REPORTS: &[&str] = &[
        "ma bouilloire Aura a pris feu ce matin, la cuisine est noircie. Rappel immédiat !",
        "la bouilloire qui crame",
        "le chargeur a cramé dans la nuit",
        "ça sent le cramé, la prise a fondu",
        "la poignée a fondu",
        "Mon fils s'est BRÛLÉ avec la vapeur",
        "mon gosse s'est brulé la main",
        "brulure au 2e degré à cause du couvercle",
        "intox alimentaire après votre salade",
        "on a été intoxiqués par vos moules",
        "mon chien a été empoisonné par vos croquettes",
        "de la fumée sortait du grille-pain",
        "y'a de la fumée qui sort de la box",
        "la batterie a explosé dans mon sac",
        "ma trottinette a pris feu dans le garage",
        "j'ai pris une décharge, électrocuté par la prise",
        "électrisée en touchant la porte du four",
        "ma fille s'est blessée avec la lame",
        "mon bébé s'est blessé, le lit pliant s'est effondré",
        "la prise surchauffe et fait des étincelles",
        "le câble est carbonisé",
        "je vais porter plainte contre vous",
        "the kettle caught fire this morning",
        "my phone literally caught on fire",
        "the e-bike battery went up in flames",
        "My charger melted overnight",
        "the pan melted my countertop",
        "the toaster burnt my hand",
        "burned my fingers on the handle, no warning at all",
        "this hairdryer shocked me",
        "got electrocuted by your lamp",
        "the battery exploded",
        "my son got hurt by the broken latch",
        "got food poisoning from your chicken",
        "your burger made me sick, threw up all night",
        "smoke coming out of the microwave",
        "my air fryer started smoking",
        "it overheated and scorched the counter",
        "sparks flew out of the outlet",
        "the heater is overheating and sparking",
        "we will sue you",
        "class action incoming",
        "Your scooter INJURED my daughter",
        "RECALL THIS NOW, it's dangerous",
    ];

    #[test]
    fn reports_of_harm_in_both_languages() {
        for text in REPORTS {
            assert!(danger(text), "{text}: {:?}", in_text(text));
        }
    }

    #[test]
    fn a_report_reads_as_a_negative_safety_complaint() {
        use crate::model::Tone;
        for text in REPORTS {
            let a = super::super::classify::analyze(text, None);
            assert_eq!(a.sentiment.polarity, Tone::Negative, "{text}");
            assert!(a.complaint >= 0.5, "{text}: {}", a.complaint);
            assert!(!a.danger.is_empty(), "{text}");
            let s = super::super::classify::Scores::of(text, None);
            assert!(s.danger && s.tone == Tone::Negative && s.complaint == a.complaint);
            assert_eq!(
                super::super::categories::suggest(text)[0].category,
                "safety",
                "{text}"
            );
        }
        // Politeness does not make it positive.
        let a = super::super::classify::analyze(
            "Thanks a lot, love the design, but the kettle caught fire 🙂",
            Some("en"),
        );
        assert_eq!(a.sentiment.polarity, Tone::Negative);
    }

    #[test]
    fn slang_and_other_senses_are_not_danger() {
        for text in [
            "this new album is fire",
            "that beat is so fire 🔥",
            "c'est le feu ce concert",
            "feu vert pour le projet",
            "on a fait une fondue savoyarde",
            "I was shocked to see the price",
            "as I recall, you promised a refund",
            "my heart melted when I saw it",
            "this puppy melts my heart",
            "God bless you all, blessed to have you",
            "explore our new collection",
            "j'ai explosé de rire",
            "burnout at work again",
            "I don't recall ordering this",
        ] {
            assert!(!danger(text), "{text}: {:?}", in_text(text));
        }
    }

    #[test]
    fn a_weak_cue_needs_company() {
        let recall = in_text("Rappel : les soldes commencent demain");
        assert!(!recall.is_danger(false));
        assert!(recall.is_danger(true));
        assert!(danger("dangerous product, recall it now"));
    }
}
