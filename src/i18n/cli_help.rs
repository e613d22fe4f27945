//! `palabre --help` in French. The English is the documentation of the
//! arguments in `main.rs` (clap reads it); here each command's description
//! and each argument's help in French, by command path (`config check`) and
//! argument id. A test walks the whole command tree: an argument or a
//! command added without its French fails it.

/// The French description of the command at `path` (`""` for `palabre`
/// itself), or of its argument `arg`.
pub fn french(path: &str, arg: Option<&str>) -> Option<&'static str> {
    let conversation = "La conversation : son numéro (comme dans `list`) ou CANAL:ID d'un de ses messages (x:1851234567890)";
    let json = "Écrire le résultat en JSON";
    let output = "Écrire dans ce fichier plutôt que sur la sortie standard";
    Some(match (path, arg) {
        ("", None) => "Une boîte de réception communautaire pour le terminal, au clavier",
        (_, Some("db")) => {
            "La base : un fichier (par défaut : $XDG_DATA_HOME/palabre/palabre.db), ou la base PostgreSQL d'une équipe, postgres://UTILISATEUR[:MOT-DE-PASSE]@HÔTE[:PORT]/BASE (ou postgresql:///BASE?host=/run/postgresql pour un socket local)"
        }
        (_, Some("demo")) => {
            "Utiliser la base de démonstration ($XDG_DATA_HOME/palabre/demo.db, remplie des données d'exemple à la première utilisation) plutôt que la vôtre. `cargo run` définit PALABRE_DEMO=1, qui fait de même sauf si --db est donné"
        }
        (_, Some("config")) => {
            "Le fichier de configuration (par défaut : $XDG_CONFIG_HOME/palabre/config.toml)"
        }
        (_, Some("actor")) => {
            "Qui agit, tel que les événements l'enregistrent (par défaut : le nom de connexion)"
        }
        (_, Some("theme")) => {
            "Le thème de couleurs de l'interface (dark, light, high-contrast, solarized, ou un fichier .toml)"
        }
        (_, Some("lang")) => "La langue de l'interface : en ou fr (par défaut : selon LANG)",
        ("import", None) => {
            "Importer des fichiers JSONL d'échange (`-` pour l'entrée standard), ou avec `--from RÉSEAU` des réponses enregistrées de l'API de ce réseau"
        }
        ("import", Some("files")) => "Les fichiers à importer, `-` pour l'entrée standard",
        ("import", Some("skip_invalid")) => {
            "Importer les lignes valides et lister chaque ligne invalide"
        }
        ("import", Some("from")) => {
            "Chaque FICHIER est une réponse enregistrée du point d'accès de liste de ce réseau (notifications ou contexte Mastodon, listNotifications ou getPostThread Bluesky, boîte de réception Reddit, commentThreads ou comments YouTube, mentions X, commentaires Facebook ou Instagram)"
        }
        ("import", Some("instance")) => {
            "Mastodon : l'instance d'où viennent les réponses, qui complète les comptes locaux (`kettlo` → `kettlo@HÔTE`)"
        }
        ("import", Some("me")) => {
            "Notre identifiant ou numéro de compte sur ce réseau (à répéter s'il y en a plusieurs) : ce qu'il a écrit est importé comme nos réponses"
        }
        ("info", None) => "Le nombre de messages et de conversations, les canaux et les langues",
        ("list", None) => "La file, par priorité puis ancienneté",
        ("list", Some("channel")) => {
            "Seulement ce réseau (mastodon, bluesky, reddit, youtube, x, facebook, instagram, email, other)"
        }
        ("list", Some("status")) => "Seulement ce statut : new, open, waiting, resolved",
        ("list", Some("tag")) => "Seulement les conversations qui ont cette étiquette",
        ("list", Some("crisis")) => "Seulement ce niveau de crise : none, watch, potential, crisis",
        ("list", Some("sentiment")) => {
            "La tonalité du dernier message reçu : negative, neutral, positive"
        }
        ("list", Some("assignee")) => {
            "Le nom d'une personne, ou `-` pour les conversations non assignées"
        }
        ("list", Some("search")) => {
            "Recherche plein texte dans le texte des messages et leurs auteurs"
        }
        ("list", Some("limit")) => "Au plus ce nombre de conversations",
        ("list", Some("offset")) => "Passer ce nombre de conversations d'abord (pour paginer)",
        ("show", None) => {
            "Une conversation : ses messages dans l'ordre du fil, son brouillon et son historique"
        }
        ("history", None) => "Les événements d'une conversation",
        ("tag", None) => "Ajouter des étiquettes à une conversation",
        ("untag", None) => "Retirer des étiquettes d'une conversation",
        ("tag" | "untag", Some("tags")) => {
            "Une ou plusieurs étiquettes (écrites comme `list` les montre : minuscules, tirets)"
        }
        ("status", None) => "Changer le statut d'une conversation (new, open, waiting, resolved)",
        ("status", Some("status")) => "new, open, waiting ou resolved",
        ("sentiment", None) => {
            "Corriger (ou confirmer) la tonalité du dernier message du public dans une conversation : negative, neutral ou positive. Le tri en tient compte"
        }
        ("sentiment", Some("sentiment")) => "negative, neutral ou positive",
        ("assign", None) => "Assigner une conversation à quelqu'un (`-` pour la désassigner)",
        ("assign", Some("who")) => "Le nom d'une personne, ou `-` pour désassigner",
        ("assign", Some("round_robin")) => {
            "Assigner au membre de l'équipe qui suit le dernier choisi ainsi (l'équipe : [team] members dans la configuration, sinon les personnes qui ont Palabre ouvert)"
        }
        ("assign", Some("least_loaded")) => {
            "Assigner au membre de l'équipe qui a le moins de conversations non résolues"
        }
        ("next", None) => {
            "Prendre la conversation la plus prioritaire que personne n'a (nouvelle ou ouverte) et se l'assigner, atomiquement : deux personnes n'ont jamais la même"
        }
        ("next", Some("channel")) => "Seulement sur ce canal",
        ("next", Some("tag")) => "Seulement les conversations qui ont cette étiquette",
        ("team", None) => "Qui a Palabre ouvert sur cette base, et ce que chacun fait",
        ("flag", None) => {
            "Changer le niveau de crise d'une conversation (none, watch, potential, crisis)"
        }
        ("flag", Some("level")) => "none, watch, potential ou crisis",
        ("flag", Some("reason")) => "Pourquoi, comme l'historique le montrera",
        ("escalate", None) => "Escalader une conversation vers un contact",
        ("escalate", Some("to")) => {
            "À qui elle va (un nom ou une adresse parmi les contacts de la configuration)"
        }
        ("escalate", Some("note")) => "Ce que ce contact doit savoir",
        ("note", None) => "Ajouter une note à l'historique d'une conversation",
        ("note", Some("text")) => "La note",
        ("reply", None) => {
            "Mettre une réponse en file d'envoi et passer la conversation en attente"
        }
        ("reply", Some("text")) => {
            "Le texte de la réponse (entre guillemets ; la limite de longueur du réseau s'applique)"
        }
        ("reply", Some("anyway")) => {
            "L'envoyer même si le message auquel elle répond a déjà une réponse (en file, en cours d'envoi ou envoyée, de quiconque) ; sans cela elle est refusée avec le statut de sortie 3"
        }
        ("retry", None) => {
            "Remettre en file une réponse que le réseau a refusée (son numéro dans `show`)"
        }
        ("retry", Some("outbox")) => {
            "Le numéro de la réponse dans la file d'envoi, tel que `show` le montre"
        }
        ("backup", None) => {
            "Une copie cohérente de toute la base (étiquettes, signalements, assignations, notes, brouillons, file d'envoi, historique), faite pendant que les autres continuent de travailler"
        }
        ("backup", Some("file")) => "Le fichier de sauvegarde à écrire (il ne doit pas exister)",
        ("restore", None) => {
            "Remplacer le contenu de la base par une sauvegarde. Ce qu'elle contenait est d'abord gardé à côté (`<base>.before-restore-<heure>`)"
        }
        ("restore", Some("file")) => "Un fichier écrit par `palabre backup`",
        ("export", None) => {
            "Écrire tous les messages en JSONL d'échange ou en CSV : les messages seulement, sans étiquettes, signalements, notes ni historique (voir `backup` pour ceux-là)"
        }
        ("export", Some("format")) => "jsonl (le format d'échange, réimportable) ou csv",
        ("sync", None) => {
            "Récupérer les nouveaux éléments de chaque compte et envoyer la file d'envoi"
        }
        ("sync", Some("watch")) => {
            "Continuer d'interroger chaque compte au rythme de son réseau (Ctrl-C arrête)"
        }
        ("sync", Some("account")) => "Seulement ce compte (son `name` dans la configuration)",
        ("report", None) => {
            "Les statistiques d'une période : volume, délais de réponse, SLA, tonalité, engagement. Les définitions sont dans le README"
        }
        ("report", Some("from")) => {
            "Premier jour (2026-11-01, jour entier dans le fuseau de [sla]) ou un instant RFC 3339. Par défaut : 30 jours avant --to"
        }
        ("report", Some("to")) => {
            "Dernier jour, inclus (ou un instant RFC 3339, exclu). Par défaut : aujourd'hui"
        }
        ("report", Some("format")) => {
            "md (Markdown), html, json ou csv ; md et html suivent --lang"
        }
        ("config", None) => "Commandes de configuration",
        ("config check", None) => "Vérifier un fichier de configuration sans rien démarrer",
        ("config check", Some("file")) => {
            "Le fichier à vérifier (par défaut : --config, puis $XDG_CONFIG_HOME/palabre/config.toml)"
        }
        ("rules", None) => "Règles des catégories de critique",
        ("rules check", None) => {
            "Vérifier un fichier de règles (par défaut : celui que nomme la configuration)"
        }
        ("rules check", Some("file")) => {
            "Le fichier de règles (par défaut : [triage] rules de la configuration)"
        }
        ("crisis", None) => "Outils de détection de crise",
        ("crisis scan", None) => {
            "Passer le détecteur de crise sur la base maintenant (les imports le font aussi) et mettre les conversations de chaque alerte au niveau potentiel"
        }
        ("crisis replay", None) => {
            "Rejouer une chronologie de crise (CSV, une date en tête de chaque ligne) mêlée à un trafic ordinaire, et écrire quand les alertes se déclenchent"
        }
        ("crisis replay", Some("timeline")) => {
            "Le CSV de la chronologie (une date en tête de chaque ligne, puis le texte)"
        }
        ("crisis replay", Some("sensitivity")) => "low, medium ou high",
        ("crisis replay", Some("seed")) => "La graine du trafic ordinaire généré",
        ("eval", None) => "Mesurer le tri sur du JSONL étiqueté (sentiment, complaint, hostile)",
        ("eval", Some("files")) => {
            "Fichiers JSONL étiquetés (`text`, `lang`, et les étiquettes `sentiment`, `complaint` ou `hostile`)"
        }
        ("eval", Some("learn")) => {
            "Tester puis apprendre : chaque étiquette est apprise après avoir été notée, et la seconde moitié du fichier est aussi mesurée"
        }
        ("bench-gen", None) => {
            "Écrire N messages d'échange déterministes pour les mesures de performance"
        }
        ("bench-gen", Some("n")) => "Combien de messages",
        ("bench-gen", Some("seed")) => "La même graine écrit les mêmes messages",
        ("tui", None) => {
            "Ouvrir l'interface du terminal sur la base (par défaut sans sous-commande)"
        }
        ("demo", None) => "Charger les données d'exemple dans la base de démonstration et l'ouvrir",
        ("help", None) => "Afficher cette aide ou celle des sous-commandes données",
        (_, Some("conversation")) => conversation,
        (_, Some("json")) => json,
        (_, Some("output")) => output,
        (_, Some("help")) => "Afficher l'aide",
        (_, Some("version")) => "Afficher la version",
        _ => return None,
    })
}
