//! Suggested criticism categories, from rules: each category has cue words
//! and phrases in English and French; a suggestion lists the cues that
//! matched. Suggestions never change a tag a person set: the UI shows them
//! beside the tags, and a person accepts them.

use serde::Serialize;

/// (category, cues). A cue matches a whole word, or a word prefix when it
/// ends with `*`.
pub const DEFAULT_RULES: &[(&str, &[&str])] = &[
    (
        "product-defect",
        &[
            "broken",
            "broke",
            "defect*",
            "faulty",
            "leak*",
            "crack*",
            "snapped",
            "stopped working",
            "doesn't work",
            "not working",
            "dead",
            "died",
            "jammed",
            "jams",
            "jamming",
            "stuck",
            "cassé*",
            "défectu*",
            "fuite",
            "fuit",
            "fissur*",
            "bloqué*",
            "marche plus",
            "fonctionne plus",
            "hs",
            "en panne",
            "lid",
            "couvercle",
            "grinder",
            "moulin",
        ],
    ),
    (
        "delivery",
        &[
            "deliver*",
            "shipping",
            "shipped",
            "parcel",
            "package",
            "courier",
            "tracking",
            "arrived",
            "never arrived",
            "lost",
            "late",
            "livraison",
            "livré*",
            "colis",
            "expédi*",
            "suivi",
            "transporteur",
            "reçu",
            "jamais reçu",
            "retard",
            "perdu",
            "relais",
        ],
    ),
    (
        "billing-price",
        &[
            "charged",
            "charge",
            "refund*",
            "invoice",
            "bill",
            "billed",
            "billing",
            "price*",
            "overpriced",
            "expensive",
            "payment",
            "paid",
            "debit*",
            "money back",
            "remboursement",
            "rembours*",
            "débité*",
            "prélev*",
            "factur*",
            "prix",
            "cher",
            "paiement",
            "payé",
            "hausse",
            "augmentation",
            "tarif*",
        ],
    ),
    (
        "customer-service",
        &[
            "customer service",
            "support",
            "agent",
            "no response",
            "no reply",
            "no answer",
            "on hold",
            "hold music",
            "rude",
            "ignored",
            "ignoring",
            "chat",
            "hotline",
            "service client",
            "sav",
            "conseiller*",
            "réponse",
            "aucune réponse",
            "répondez",
            "injoignable",
            "attente",
            "hotline",
            "mépris*",
        ],
    ),
    (
        "outage-bug",
        &[
            "app",
            "down",
            "outage",
            "bug*",
            "crash*",
            "error",
            "login",
            "log in",
            "firmware",
            "update",
            "server",
            "appli",
            "application",
            "panne",
            "plantage",
            "plante",
            "mise à jour",
            "connexion",
            "serveur",
            "bricked",
            "brick*",
        ],
    ),
    (
        "safety",
        &[
            "fire",
            "burn*",
            "melt*",
            "smoke",
            "overheat*",
            "hazard",
            "dangerous",
            "unsafe",
            "injur*",
            "recall",
            "shock",
            "feu",
            "brûl*",
            "fondu",
            "fondue",
            "fondre",
            "fumée",
            "surchauff*",
            "danger*",
            "blessé*",
            "rappel",
            "incendie",
            "électrocut*",
            "sécurité",
        ],
    ),
    (
        "ethics-reputation",
        &[
            "boycott*",
            "unethical",
            "greenwashing",
            "exploit*",
            "sweatshop",
            "lying",
            "liars",
            "shame",
            "cover up",
            "cover-up",
            "boycott",
            "honte",
            "scandale",
            "menteurs",
            "mensonge*",
            "éthique",
            "collab",
            "partenariat",
        ],
    ),
    (
        "misinformation",
        &[
            "fake news",
            "hoax",
            "rumor*",
            "rumour*",
            "misinformation",
            "not true",
            "false claim*",
            "fausse*",
            "fake",
            "intox",
            "rumeur*",
            "désinformation",
            "faux",
        ],
    ),
    (
        "abuse-troll",
        &[
            "idiot*", "stupid", "moron*", "clown*", "trash", "garbage", "losers", "connard*",
            "abruti*", "débile*", "crétin*", "nuls", "bouffon*", "clowns",
        ],
    ),
    (
        "spam",
        &[
            "crypto*",
            "bitcoin",
            "giveaway",
            "followers",
            "promo code",
            "click here",
            "dm me",
            "earn",
            "investment",
            "forex",
            "cliquez",
            "gagnez",
            "gratuit",
            "offre exclusive",
            "airdrop",
            "nft*",
        ],
    ),
];

/// The category of reports of danger or harm.
pub const SAFETY: &str = "safety";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub category: String,
    /// The cues that matched, as written in the message.
    pub reasons: Vec<String>,
}

/// A set of category rules: the built-in ones, with a user's file on top
/// (a category named there replaces the built-in cues; a new name adds a
/// category).
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    categories: Vec<(String, Vec<String>)>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            categories: DEFAULT_RULES
                .iter()
                .map(|(c, cues)| (c.to_string(), cues.iter().map(|q| q.to_string()).collect()))
                .collect(),
        }
    }
}

/// The rules file: `[[category]]` tables with `name` and `cues` (and
/// automation `[[rule]]` tables, which `inbox::automation` reads).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    category: Vec<CategoryRule>,
    #[serde(default)]
    #[allow(dead_code)]
    rule: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryRule {
    name: String,
    cues: Vec<String>,
}

impl Rules {
    /// Parses a rules file, with errors naming the file, line and key.
    pub fn parse(text: &str, file: &std::path::Path) -> Result<Rules, crate::config::ConfigError> {
        let parsed: RulesFile = crate::config::parse_as(text, file)?;
        // Line of the n-th `[[category]]` table, for errors about its values.
        let table_lines: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with("[[category]]"))
            .map(|(i, _)| i + 1)
            .collect();
        let invalid = |n: usize, key: &str, reason: String| crate::config::ConfigError::Invalid {
            file: file.to_path_buf(),
            line: table_lines.get(n).copied().unwrap_or(1),
            key: format!("category[{n}].{key}"),
            reason,
        };
        let mut rules = Rules::default();
        let mut seen: Vec<String> = Vec::new();
        for (n, rule) in parsed.category.into_iter().enumerate() {
            let name = crate::model::normalize_tag(&rule.name);
            if name.is_empty() {
                return Err(invalid(n, "name", "must not be empty".into()));
            }
            if seen.contains(&name) {
                return Err(invalid(n, "name", format!("`{name}` is defined twice")));
            }
            if rule.cues.is_empty() {
                return Err(invalid(n, "cues", "needs at least one cue".into()));
            }
            let mut cues = Vec::new();
            for cue in &rule.cues {
                let cue = cue.trim().to_lowercase();
                if cue.is_empty() || cue.split(' ').any(|w| w.is_empty() || w == "*") {
                    return Err(invalid(
                        n,
                        "cues",
                        format!("`{cue}` is not a cue (words, `*` only at a word's end)"),
                    ));
                }
                if cue
                    .split(' ')
                    .any(|w| w.trim_end_matches('*').contains('*'))
                {
                    return Err(invalid(
                        n,
                        "cues",
                        format!("`{cue}`: `*` may only end a word"),
                    ));
                }
                cues.push(cue);
            }
            seen.push(name.clone());
            match rules.categories.iter_mut().find(|(c, _)| *c == name) {
                Some((_, existing)) => *existing = cues,
                None => rules.categories.push((name, cues)),
            }
        }
        Ok(rules)
    }

    pub fn load(path: &std::path::Path) -> Result<Rules, crate::config::ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| crate::config::ConfigError::Read {
            file: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        Rules::parse(&text, path)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.categories.iter().map(|(c, _)| c.as_str())
    }

    /// The categories whose cues appear in `text`, most cues first.
    pub fn suggest(&self, text: &str) -> Vec<Suggestion> {
        let words: Vec<String> = super::words(text).collect();
        let mut out: Vec<Suggestion> = Vec::new();
        for (category, cues) in &self.categories {
            let mut reasons: Vec<String> = Vec::new();
            for cue in cues {
                let parts: Vec<&str> = cue.split(' ').collect();
                let hit = words.windows(parts.len()).find(|window| {
                    window
                        .iter()
                        .zip(&parts)
                        .all(|(w, p)| match p.strip_suffix('*') {
                            Some(prefix) => w.starts_with(prefix),
                            None => w == p,
                        })
                });
                if let Some(window) = hit {
                    let found = window.join(" ");
                    if !reasons.contains(&found) {
                        reasons.push(found);
                    }
                }
            }
            if !reasons.is_empty() {
                out.push(Suggestion {
                    category: category.clone(),
                    reasons,
                });
            }
        }
        out.sort_by_key(|s| std::cmp::Reverse(s.reasons.len()));
        // A report of danger or harm is a safety matter first, whatever the
        // safety cues of a rules file say.
        let danger = super::danger::in_text(text);
        if danger.is_danger(false) {
            let at = match out.iter().position(|s| s.category == SAFETY) {
                Some(at) => at,
                None => {
                    out.push(Suggestion {
                        category: SAFETY.to_string(),
                        reasons: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            let mut safety = out.remove(at);
            for cue in danger.cues {
                if !safety.reasons.iter().any(|r| super::danger::fold(r) == cue) {
                    safety.reasons.push(cue);
                }
            }
            out.insert(0, safety);
        }
        out
    }
}

/// Suggestions from the built-in rules.
pub fn suggest(text: &str) -> Vec<Suggestion> {
    Rules::default().suggest(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cats(text: &str) -> Vec<String> {
        suggest(text).into_iter().map(|s| s.category).collect()
    }

    #[test]
    fn rules_in_both_languages() {
        assert_eq!(
            cats("Mon colis n'est jamais arrivé, le suivi est bloqué")[0],
            "delivery"
        );
        assert!(
            cats("The base melted and started to smoke, fire hazard")
                .contains(&"safety".to_string())
        );
        assert!(cats("Débitée deux fois, remboursez-moi").contains(&"billing-price".to_string()));
        assert!(
            cats("App down again, login error since the update")
                .contains(&"outage-bug".to_string())
        );
        assert!(cats("Free crypto giveaway, click here").contains(&"spam".to_string()));
        assert!(
            cats("47 minutes d'attente au service client")
                .contains(&"customer-service".to_string())
        );
        assert!(cats("Lovely morning coffee").is_empty());
        let s = suggest("The lid cracked");
        assert_eq!(s[0].category, "product-defect");
        assert!(
            s[0].reasons.contains(&"cracked".to_string())
                && s[0].reasons.contains(&"lid".to_string())
        );
    }
}

#[cfg(test)]
mod rules_file_tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_rules_file_overrides_and_extends_with_line_accurate_errors() {
        let text = "[[category]]\nname = \"delivery\"\ncues = [\"carton\"]\n\n[[category]]\nname = \"Eco Claims\"\ncues = [\"greenwash*\"]\n";
        let rules = Rules::parse(text, Path::new("r.toml")).unwrap();
        assert_eq!(
            rules.suggest("le carton est arrivé")[0].category,
            "delivery"
        );
        assert!(
            rules
                .suggest("mon colis")
                .iter()
                .all(|s| s.category != "delivery"),
            "cues replaced"
        );
        assert!(
            rules
                .suggest("pure greenwashing")
                .iter()
                .any(|s| s.category == "eco-claims")
        );
        let bad = "[[category]]\nname = \"a\"\ncues = [\"x\"]\n[[category]]\nname = \"b\"\ncues = [\"bad*word\"]\n";
        let e = Rules::parse(bad, Path::new("r.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("r.toml:4: category[1].cues:"), "{e}");
        let e = Rules::parse(
            "[[category]]\nname = \"a\"\nkeys = 1\n",
            Path::new("r.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("r.toml:3:"), "{e}");
    }
}
