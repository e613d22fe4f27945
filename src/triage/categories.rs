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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub category: &'static str,
    /// The cues that matched, as written in the message.
    pub reasons: Vec<String>,
}

/// The categories whose cues appear in `text`, most cues first.
pub fn suggest(text: &str) -> Vec<Suggestion> {
    let words: Vec<String> = super::words(text).collect();
    let mut out: Vec<Suggestion> = Vec::new();
    for (category, cues) in DEFAULT_RULES {
        let mut reasons: Vec<String> = Vec::new();
        for cue in *cues {
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
            out.push(Suggestion { category, reasons });
        }
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.reasons.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cats(text: &str) -> Vec<&'static str> {
        suggest(text).into_iter().map(|s| s.category).collect()
    }

    #[test]
    fn rules_in_both_languages() {
        assert_eq!(
            cats("Mon colis n'est jamais arrivé, le suivi est bloqué")[0],
            "delivery"
        );
        assert!(cats("The base melted and started to smoke, fire hazard").contains(&"safety"));
        assert!(cats("Débitée deux fois, remboursez-moi").contains(&"billing-price"));
        assert!(cats("App down again, login error since the update").contains(&"outage-bug"));
        assert!(cats("Free crypto giveaway, click here").contains(&"spam"));
        assert!(cats("47 minutes d'attente au service client").contains(&"customer-service"));
        assert!(cats("Lovely morning coffee").is_empty());
        let s = suggest("The lid cracked");
        assert_eq!(s[0].category, "product-defect");
        assert!(
            s[0].reasons.contains(&"cracked".to_string())
                && s[0].reasons.contains(&"lid".to_string())
        );
    }
}
