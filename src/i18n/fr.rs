//! Français. Typographie : une espace insécable (`\u{a0}`) avant les deux
//! points et entre un nombre et son unité, une espace fine insécable
//! (`\u{202f}`) avant le point-virgule, le pourcentage et entre les groupes
//! de chiffres ; ainsi une ligne repliée ne laisse jamais « : » seul au début.

use super::Lang;
use super::catalogue::*;
use super::format::fr_n;

pub static FR: Catalogue = Catalogue {
    lang: Lang::Fr,
    formats: Formats {
        colon: "\u{a0}: ",
        decimal: ",",
        thousands: "\u{202f}",
        group_from: 10_000,
        percent: "\u{202f}%",
        pad_minutes: false,
        unit_gap: "\u{a0}",
        second: "s",
        minute: "min",
        hour: "h",
        day: "j",
        month: "mois",
        kilo: "k",
        mega: "M",
        bytes: ["octets", "ko", "Mo", "Go", "To"],
        minutes_word: "min",
        hours_word: "h",
        days_word: "jours",
        weekdays: ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
        months: [
            "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
            "nov.", "déc.",
        ],
        first_day: "1er",
    },
    statuses: Statuses {
        new: "nouvelle",
        open: "ouverte",
        waiting: "en attente",
        resolved: "résolue",
    },
    crisis_levels: CrisisLevels {
        none: "aucun",
        watch: "veille",
        potential: "potentiel",
        crisis: "crise",
    },
    tones: Tones {
        negative: "négatif",
        neutral: "neutre",
        positive: "positif",
    },
    sync_states: SyncStates {
        never: "en attente",
        syncing: "synchro…",
        ok: "ok",
        rate_limited: "limité",
        rate_limited_until: |t| format!("limité jusqu'à {t}"),
        auth_failed: "authentification refusée",
        offline: "hors ligne",
        error: "erreur",
    },
    views: Views {
        inbox: "Boîte",
        complaints: "Réclamations",
        crisis: "Crise",
        mine: "Les miennes",
        done: "Traitées",
    },
    reasons: Reasons {
        crisis: |level| format!("niveau de crise\u{a0}: {level}"),
        waiting_past_target: |waited, target| {
            format!("attend notre réponse depuis {waited}, au-delà de l'objectif de {target}")
        },
        waiting_within_target: |waited, target| {
            format!("attend notre réponse depuis {waited} (objectif\u{a0}: {target})")
        },
        waiting: "attend notre réponse",
        danger: "signale un danger ou un dommage (sécurité)",
        complaint: |share| format!("réclamation ({share})"),
        negative: "ton négatif",
        reach: |n| format!("auteur suivi par {n} abonnés"),
        busy: |n| format!("{n} messages du public"),
        boost: |points| format!("remontée par une règle ({points})"),
    },
    events: Events {
        nobody: "personne",
        escalated_to: |to, note| format!("vers {to}\u{a0}: {note}"),
        draft: |n| fr_n(n, "caractère", "caractères"),
        confirmed: "confirmée",
        corrected: "corrigée",
        webhook: "webhook",
        command: "commande",
        delivered: |code| format!("remis (HTTP {code})"),
        done: "fait",
        failed: "échec",
        attempts: |n| fr_n(n, "essai", "essais"),
        hook_ok: |hook, target, answer, tries| {
            format!("{hook} {target}\u{a0}: {answer} après {tries}")
        },
        hook_failed: |hook, target, tries, error| {
            format!("{hook} {target}\u{a0}: échec après {tries}\u{a0}: {error}")
        },
        detector: "palabre (détecteur de crise)",
        alert: |score, why| format!("détecteur de crise, score {score}\u{a0}: {why}"),
        alert_window: |weight, mentions, minutes, usual, chance| {
            format!(
                "{weight} mentions négatives pondérées ({mentions}) en {minutes}\u{a0}min, contre {usual} d'habitude à cette heure (une chance sur 10^{chance})"
            )
        },
        danger_words: |words| format!("\u{202f}; mots de danger\u{a0}: {words}"),
    },
    line_problems: LineProblems {
        whole_line: "(ligne)",
        required: "est obligatoire",
        empty: "ne doit pas être vide",
        replies_to_itself: "un message ne peut pas répondre à lui-même",
        empty_parent: "doit être null ou l'identifiant d'un message, pas vide",
        empty_thread: "doit être absent ou l'identifiant d'un fil, pas vide",
        too_large: "dépasse tout nombre réel",
        not_a_language: |v| {
            format!("`{v}` n'est pas un code de langue comme «\u{a0}fr\u{a0}» ou «\u{a0}en\u{a0}»")
        },
        not_utf8: |at| format!("pas de l'UTF-8 valide (octet {at})"),
        not_json: |why| format!("JSON invalide\u{a0}: {why}"),
        text_after: |why| format!("texte inattendu après l'objet JSON\u{a0}: {why}"),
    },
    event_kinds: EventKinds {
        status: "statut",
        tag: "étiquette",
        untag: "retrait d'étiquette",
        assign: "assignation",
        crisis_flag: "niveau de crise",
        escalation: "escalade",
        note: "note",
        reply_queued: "réponse en file",
        reply_sent: "réponse envoyée",
        reply_failed: "réponse refusée",
        draft_saved: "brouillon",
        edited: "modifié",
        hook_ok: "relais effectué",
        hook_failed: "relais en échec",
        sentiment: "tonalité",
    },
    queue: Queue {
        stats: "Statistiques",
        empty: "Rien ici. 1–5 changent de vue, / recherche, c efface les filtres.",
        search: |q| format!("«\u{a0}{q}\u{a0}»"),
        everywhere: "partout",
        unassigned: "non assignées",
        crisis_filter: |level| format!("crise\u{a0}: {level}"),
        lang_filter: |code| format!("langue\u{a0}: {code}"),
        sla_breach: |id| format!("SLA #{id}"),
    },
    thread: Thread {
        none: "Aucune conversation sélectionnée",
        escalated: "⚑ escaladée",
        why_here: "Pourquoi ici\u{a0}:",
        us: "(nous)",
        followers: |short, n| match n {
            0 | 1 => format!("{n} abonné"),
            _ => format!("{short} abonnés"),
        },
        refused: "refusée par le réseau (r pour la modifier et la renvoyer)",
        sending: "envoi en cours",
        queued: "en file, en attente d'un connecteur",
        by: |who, age| format!("par {who} · {age}"),
        escalation: |what, who, age| format!("escaladée {what} · par {who} · {age}"),
        draft: "── brouillon ──",
    },
    bar: Bar {
        new_messages: |n| fr_n(n, "nouveau", "nouveaux"),
        no_accounts: "aucun compte",
    },
    hints: Hints {
        open: "ouvrir",
        back: "retour",
        reply: "répondre",
        tags: "étiquettes",
        crisis: "crise",
        status: "statut",
        assign: "assigner",
        select: "sélection",
        search: "chercher",
        filter: "filtrer",
        commands: "commandes",
        help: "aide",
        quit: "quitter",
        confirm: "valider",
        cancel: "annuler",
        close: "fermer",
        scroll: "défiler",
        toggle: "cocher",
        new_tag: "nouvelle étiquette",
        set_level: "choisir le niveau (avec raison)",
        escalate: "escalader",
        queue_reply: "mettre en file",
        keep_draft: "garder le brouillon",
        saved_replies: "réponses enregistrées",
        move_: "déplacer",
        next_section: "section suivante",
        open_figure: "ouvrir ces conversations",
        period: "période",
        dates: "dates",
        on_the_network: "sur le réseau",
        contact: "contact",
    },
    key_names: KeyNames {
        enter: "Entrée",
        esc: "Échap",
        space: "Espace",
        home: "Début",
        end: "Fin",
        page_up: "PgPréc",
        page_down: "PgSuiv",
    },
    actions: Actions {
        down: "Descendre",
        up: "Monter",
        top: "Aller en haut",
        bottom: "Aller en bas",
        page_down: "Page suivante",
        page_up: "Page précédente",
        open: "Ouvrir la conversation",
        back: "Retour / fermer",
        next_pane: "Passer de la file au fil",
        reply: "Répondre (Ctrl-s met en file, Échap garde le brouillon)",
        tags: "Étiqueter (catégories de critique, étiquettes libres)",
        crisis: "Niveau de crise avec une raison",
        escalate: "Escalader vers un contact avec une note",
        assign: "Assigner (un nom, round-robin, least-loaded)",
        take_next: "Prendre la prochaine conversation libre",
        status: "Changer le statut",
        sentiment: "Corriger la tonalité (instruit le tri)",
        moderate: "Sur le réseau\u{a0}: masquer, aimer, bloquer, signaler…",
        hide: "Masquer le dernier commentaire sur son réseau (u annule)",
        like: "Aimer le dernier message sur son réseau (u annule)",
        contact: "La fiche contact de l'auteur\u{a0}: tous les canaux, notes, VIP",
        select: "Sélectionner (actions groupées)",
        search: "Recherche plein texte",
        filter: "Filtrer la file",
        clear_filter: "Effacer recherche et filtres",
        view_inbox: "Vue\u{a0}: Boîte de réception",
        view_complaints: "Vue\u{a0}: Réclamations",
        view_crisis: "Vue\u{a0}: Crise",
        view_mine: "Vue\u{a0}: Les miennes",
        view_done: "Vue\u{a0}: Traitées",
        stats: "Statistiques\u{a0}: volume, délais, SLA",
        stats_period: "Statistiques\u{a0}: période suivante (aujourd'hui, 7 jours, 30 jours)",
        stats_range: "Statistiques\u{a0}: choisir les dates",
        palette: "Palette de commandes",
        help: "Afficher cette aide",
        undo: "Annuler le dernier changement de statut, d'étiquette, d'assignation ou de niveau de crise",
        refresh: "Recharger depuis la base",
        quit: "Quitter",
    },
    commands: Commands {
        move_up: "Monter",
        move_down: "Descendre",
        scroll_up: "Défiler vers le haut",
        scroll_down: "Défiler vers le bas",
        choose: "Choisir",
        cancel: "Annuler",
        confirm: "Valider",
        complete: "Compléter la commande (palette), chercher ici ou partout",
        toggle_tag: "Cocher ou décocher l'étiquette",
        new_tag: "Nouvelle étiquette libre",
        close: "Fermer",
        set_level: "Choisir le niveau (avec raison)",
        escalate: "Escalader vers un contact",
        queue_reply: "Mettre la réponse en file d'envoi",
        keep_draft: "Garder le brouillon et fermer",
        saved_reply: "Insérer une réponse enregistrée",
        editor: "Modifier dans $VISUAL / $EDITOR",
        top: "Aller en haut",
        bottom: "Aller en bas",
        previous_day: "Jour précédent",
        next_day: "Jour suivant",
        next_section: "Section suivante",
        open_figure: "Ouvrir les conversations derrière le chiffre",
        next_period: "Période suivante (aujourd'hui, 7 jours, 30 jours)",
        choose_dates: "Choisir les dates",
        compute_again: "Recalculer",
        show_help: "Afficher l'aide",
        back_to_queue: "Retour à la file",
        their_conversations: "Afficher ses conversations dans la file",
        person_note: "Ajouter une note sur la personne",
        vip: "Marquer VIP, ou retirer la marque",
        block_list: "Mettre sur la liste de blocage (les règles s'en servent), ou retirer",
        link_handle: "Relier à cette personne un compte d'un autre réseau",
    },
    sections: Sections {
        picker: "Dans une liste (statut, filtre, contact…)",
        prompt: "Dans une saisie (recherche, palette…)",
        tags: "Dans les étiquettes",
        crisis: "Dans le volet de crise",
        reply: "Dans l'éditeur de réponse",
        stats: "Dans les statistiques",
        contact: "Dans une fiche contact",
        help: "Dans cette aide",
    },
    panes: Panes {
        keys: "Touches",
        status: "Statut",
        filter_by: "Filtrer par",
        saved_replies: "Réponses enregistrées",
        escalate_to: "Escalader vers",
        sentiment: "Tonalité",
        channel: "Canal",
        tag: "Étiquette",
        crisis_level: "Niveau de crise",
        assignee: "Assigné à",
        unassigned: "Non assignées",
        language: "Langue",
        clear_filters: "Effacer les filtres",
        search_in: |view| format!("Rechercher dans {view} (Tab\u{a0}: partout)"),
        search_everywhere: "Rechercher partout (Tab\u{a0}: cette vue seulement)",
        assign_to: "Assigner à (- pour personne)",
        new_tag: "Nouvelle étiquette",
        crisis_reason: |level| format!("Raison du niveau de crise → {level}"),
        note_for: |to| format!("Note pour {to}"),
        command: "Commande",
        stats_dates: "Statistiques du … au (2026-11-01 2026-11-15)",
        on_the_network: "Sur le réseau",
        delete_our_reply: "Supprimer notre réponse\u{a0}?",
        report_reason: "Pourquoi le signaler au réseau (spam, abus…)",
        same_person_as: "La même personne que",
        note_on: |handle| format!("Note sur {handle}"),
    },
    tags: Tags {
        title: "Étiquettes",
        conversations: |n| format!("{n} conversations"),
        free: "(libre)",
        suggested: "★ suggérée, avec les mots en cause",
        new_free_tag: |key| format!("{key}\u{a0}: nouvelle étiquette libre"),
        learned: |p, n| format!("apprise de vos étiquettes ({p}, {n} exemples)"),
    },
    categories: Categories {
        product_defect: "Défaut du produit",
        delivery: "Livraison",
        billing_price: "Facturation et prix",
        customer_service: "Service client",
        outage_bug: "Panne ou bug",
        safety: "Sécurité",
        ethics_reputation: "Éthique et réputation",
        misinformation: "Désinformation",
        abuse_troll: "Abus ou trolling",
        spam: "Spam",
    },
    crisis: Crisis {
        title: "Crise",
        level: "Niveau",
        timeline: "Chronologie",
        no_flag: "aucun signalement",
        top_authors: "Auteurs les plus suivis",
        mentions_per_hour: "Mentions par heure",
        nothing_flagged: "aucune conversation signalée",
        mentions_chart: |h| format!("Mentions par heure, conversations signalées ({h}\u{a0}h)"),
    },
    reply: Reply {
        title: "Réponse",
        over_limit: "Trop long\u{a0}: raccourcissez avant d'envoyer",
        editing: "saisie…",
        start: "tapez la réponse\u{a0}: elle est gardée en brouillon au fil de la saisie",
        draft_saved: "brouillon enregistré",
        empty: "La réponse est vide",
        too_long: |network, length, limit| {
            format!("Trop long pour {network}\u{a0}: {length}/{limit}")
        },
        queued: "Réponse placée dans la file d'envoi",
        draft_kept: "Brouillon conservé",
        sent_as_written: |names, key| {
            format!("⚠ {names} partira tel quel\u{a0}: {key} à nouveau pour l'envoyer")
        },
        unknown_variable: |names| format!("variable inconnue {names} laissée telle quelle"),
        empty_variable: |names| {
            format!("{names} est vide ici et n'a pas de valeur de repli (écrivez {{nom|repli}})")
        },
        no_saved_replies: "Aucune réponse enregistrée\u{a0}: ajoutez [[saved_replies]] au fichier de configuration",
    },
    metrics: Metrics {
        conversations: "Conversations",
        received: "Reçus",
        sent: "Envoyés",
        sent_by_rules: "Envoyés par des règles",
        answered: "Répondus",
        response_rate: "Taux de réponse",
        first_response_median: "Première réponse, médiane",
        first_response_p90: "Première réponse, p90",
        first_response_mean: "Première réponse, moyenne",
        next_reply_median: "Réponse suivante, médiane",
        resolution_median: "Résolution, médiane",
        sla_checked: "SLA vérifiés",
        sla_breaches: "Hors délai SLA",
        negative: "Négatifs",
        neutral: "Neutres",
        positive: "Positifs",
        complaints: "Réclamations",
        first_response_times: "Délais de première réponse",
        daily_volume: "Volume quotidien par canal",
        engagement_rate: "Taux d'engagement",
        audience_growth: "Croissance de l'audience",
        never: "jamais",
        of: |n, total| format!("{n} sur {total}"),
    },
    stats: Stats {
        title: "Statistiques",
        today: "aujourd'hui",
        week: "7 jours",
        month: "30 jours",
        chosen: "dates choisies",
        anchored: "(jusqu'à la dernière activité)",
        computing: "Calcul en cours…",
        response_times: "Délais de 1re réponse",
        first_response: "1re réponse, médiane",
        median: "médiane",
        mean: "moyenne",
        negative_row: "nég.",
        day_in_out: |received, sent| format!("{received} reçus · {sent} envoyés"),
        categories: "Principales catégories",
        no_categories: "Aucune conversation étiquetée sur la période",
        all_on_time: "Toutes les premières réponses à temps",
        late: |delay| format!("{delay} de retard"),
        never_answered: "jamais répondu",
        due: |when| format!("échéance {when}"),
        no_figure: "Aucune conversation derrière ce chiffre",
        dates_help: "Dates au format 2026-11-01 2026-11-15 (premier et dernier jour)",
    },
    team: Team {
        away: "absent",
        replying: |who, more| match more {
            0 => format!("✎ {who} répond"),
            n => format!("✎ {who} répond (+{n} ici)"),
        },
        here: |who, more| match more {
            0 => format!("👁 {who} regarde aussi"),
            n => format!("👁 {who} et {} regardent aussi", fr_n(n, "autre", "autres")),
        },
        reply_not_queued: "réponse non envoyée",
        taken: |id| format!("#{id} est à vous maintenant"),
        nothing_to_take: "Plus rien à prendre ici : chaque conversation de cette vue a quelqu'un",
    },
    flash: Flash {
        not_saved: "non enregistré",
        left_view: |id, status, undo| format!("#{id} est {status} et a quitté cette vue{undo}"),
        undo_hint: |key| format!(" · {key} annule"),
        undone: |what| format!("annulé\u{a0}: {what}"),
        nothing_to_undo: "rien à annuler",
        bulk: |changes, n| {
            format!(
                "{} sur {}",
                fr_n(changes, "modification", "modifications"),
                fr_n(n, "conversation", "conversations")
            )
        },
        status_to: |status| format!("statut → {status}"),
        crisis_to: |level| format!("niveau de crise → {level}"),
        conversations: |n| format!("{n} conversations"),
        hooks_done: "Relais d'escalade effectués",
        hook_failed: |id, what| format!("#{id}\u{a0}: échec du relais d'escalade\u{a0}: {what}"),
        no_contacts: "Aucun contact d'escalade\u{a0}: ajoutez [[contacts]] au fichier de configuration",
        nothing_to_filter: "Rien à filtrer pour l'instant",
        tag_needs_letters: "une étiquette demande des lettres ou des chiffres",
        tagged_as: |tag| format!("étiquette `{tag}` (en minuscules, mots reliés par -)"),
        crisis_needs_reason: "Un signalement de crise demande une raison",
        no_theme: |name, themes| format!("pas de thème `{name}` (thèmes\u{a0}: {themes})"),
        no_language: |name| format!("pas de langue `{name}` (en, fr)"),
        unknown_command: |text| format!("commande inconnue\u{a0}: {text}"),
        editor_empty: "EDITOR est vide",
        editor_failed: |program, status| {
            format!("{program} s'est arrêté ({status})\u{202f}; le brouillon est inchangé")
        },
        editor_not_run: |program, error| format!("impossible de lancer {program}\u{a0}: {error}"),
    },
    report: Report {
        html_lang: "fr",
        title: "Rapport Palabre",
        summary: "Synthèse",
        metric: "Indicateur",
        value: "Valeur",
        by_channel: "Par canal",
        by_tag: "Par étiquette",
        by_assignee: "Par personne assignée",
        by_language: "Par langue",
        volume_by_day: "Volume par jour",
        day: "Jour",
        volume_by_hour: "Volume par heure",
        hour: "Heure",
        inbound_by_hour: "Messages reçus par heure",
        negative_by_day: "Part négative par jour",
        within: "Délai",
        conversations: "Conversations",
        none: "Aucun.",
        conversation: "Conversation",
        channel: "Canal",
        first_message: "Premier message",
        due: "Échéance",
        answered: "Réponse",
        backlog: "Conversations ouvertes par ancienneté",
        waiting: "En attente depuis",
        complaints_by_category: "Réclamations par catégorie",
        tag: "Étiquette",
        crisis_timeline: "Chronologie de crise",
        nothing_flagged: "Aucun signalement ni escalade.",
        when: "Quand",
        what: "Quoi",
        by: "Par",
        reason: "Raison",
        hour_before: "Reçus l'heure d'avant",
        hour_after: "L'heure d'après",
        flagged: |level| format!("niveau de crise\u{a0}: {level}"),
        escalated_to: |to| format!("escalade vers {to}"),
        engagement: "Engagement et audience",
        our_replies: "Nos réponses",
        likes: "J'aime",
        shares: "Partages",
        replies_to_ours: "Réponses à nos réponses",
        engagements: "Interactions",
        account: "Compte",
        start: "Début",
        end: "Fin",
        net: "Solde",
        growth: "Croissance",
        top_authors: "Auteurs les plus suivis",
        author: "Auteur",
        followers: "Abonnés",
        messages: "Messages",
        workload: "Charge de travail",
        person: "Personne",
        replies: "Réponses",
        tags: "Étiquettes",
        status_changes: "Statuts",
        assignments: "Assignations",
        crisis_flags: "Signalements",
        escalations: "Escalades",
        notes: "Notes",
        assigned: "Assignées",
        by_rules: |n| format!("{n} par des règles"),
        answered_n: |n| format!("{n} répondus"),
        of_checked: |n| format!("sur {n} vérifiés"),
        neutral_positive: |neutral, positive| format!("{neutral} neutres, {positive} positifs"),
        engagements_n: |n| format!("{n} interactions"),
        seconds: |n| format!("{n}\u{a0}s"),
        period: |from, to, tz, hours| {
            format!("du {from} au {to} ({tz})\u{202f}; heures ouvrées\u{a0}: {hours}")
        },
        always_open: |tz| format!("tous les jours, toute la journée ({tz})"),
        holidays: |n| fr_n(n, "jour férié", "jours fériés"),
        generated: |at| {
            format!(
                "Produit par Palabre le {at}. Définitions\u{a0}: voir le README, section Analytics."
            )
        },
        unassigned: "(non assignées)",
    },
    cli: Cli {
        id: "N°",
        channel: "CANAL",
        status: "STATUT",
        priority_short: "PRIO",
        messages_short: "MSG",
        age: "ÂGE",
        author: "AUTEUR",
        text: "TEXTE",
        no_match: "(aucune conversation ne correspond)",
        nothing_yet: |hint| format!("(pas encore de conversation\u{a0}: {hint})"),
        demo_empty: |db| format!("la base de démonstration {db} est vide"),
        demo_loaded: |db, what| format!("base de démonstration {db}\u{a0}: {what}"),
        store_empty: |db| {
            format!(
                "la base {db} est vide\u{202f}; remplissez-la avec `palabre import FICHIER` ou `palabre sync` (comptes dans la configuration), ou ajoutez --demo à une commande pour utiliser la base de démonstration"
            )
        },
        store: "base",
        schema_version: "version du schéma",
        messages: "messages",
        conversations: "conversations",
        channels: "canaux",
        languages: "langues",
        crisis: |level| format!("niveau de crise\u{a0}: {level}"),
        escalated: "escaladée",
        priority: |n| format!("priorité {n}"),
        message_count: |n| fr_n(n, "message", "messages"),
        assigned_to: |who| format!("assignée à {who}"),
        tags: "étiquettes",
        ago: |age| format!("il y a {age}"),
        outbox: |status, who, age, error| {
            format!("réponse {status} par {who} (il y a {age}){error}\u{a0}:")
        },
        outbox_statuses: OutboxStatuses {
            queued: "en file",
            sending: "en cours d'envoi",
            sent: "envoyée",
            failed: "refusée",
            replaced: "remplacée",
        },
        draft: |age| format!("brouillon (il y a {age})\u{a0}:"),
        history: "historique\u{a0}:",
        no_events: |id| format!("aucun événement pour la conversation {id}"),
        nothing_to_change: |id| format!("#{id}\u{a0}: rien à changer"),
        queued_again: |id| format!("réponse {id} remise en file"),
        queue_head: |db, conversations, messages| {
            format!("{db} — {conversations} conversations, {messages} messages")
        },
        backup_done: |file, db, contents| format!("{file}\u{a0}: sauvegarde de {db} ({contents})"),
        restored: |db, file, contents| format!("{db}\u{a0}: restaurée depuis {file} ({contents})"),
        restore_undo: |safety, contents| {
            format!(
                "ce que la base contenait avant est dans {safety} ({contents})\u{202f}; `palabre restore` ce fichier pour annuler"
            )
        },
        contents: |conversations, messages, events, size| {
            format!(
                "{conversations} conversations, {messages} messages, {events} événements, {size}"
            )
        },
        imported: |new, unchanged, updated, skipped| {
            format!(
                "{new} nouveaux, {unchanged} inchangés, {updated} mis à jour, {skipped} écartés"
            )
        },
        ignored: |n| format!(", {n} ignorés (ni mentions, ni réponses, ni commentaires)"),
        total: "total",
        skipped: "écartée",
        nothing_imported: "rien d'importé de ce fichier (--skip-invalid importe les lignes valides)",
        nothing_imported_because: |why| format!("rien d'importé\u{a0}: {why}"),
        nothing_imported_native: |network| {
            format!(
                "rien d'importé (une réponse {network} enregistrée était attendue, voir palabre import --help)"
            )
        },
        not_jsonl: "ce fichier est un seul document JSON, pas du JSONL (un message par ligne)\u{202f}; une réponse d'un réseau s'importe avec --from RÉSEAU (voir palabre import --help)",
        saved_response: |network, file| {
            format!(
                "c'est une réponse {network} enregistrée, pas du JSONL\u{a0}: importez-la avec `palabre import --from {network} {file}`"
            )
        },
        saved_responses: |options, first, file| {
            format!(
                "c'est une réponse d'un réseau, pas du JSONL\u{a0}: importez-la avec --from {options} (`palabre import --from {first} {file}`)"
            )
        },
        or: "ou",
        give_a_file: "import\u{a0}: donnez au moins un FICHIER, ou - pour l'entrée standard",
        search_lag: |lag| format!("index de recherche\u{a0}: {lag}"),
        invalid_skipped: |n| fr_n(n, "ligne invalide écartée", "lignes invalides écartées"),
        flagged_potential: |n| {
            format!(
                "détecteur de crise\u{a0}: {} au niveau potentiel",
                fr_n(n, "conversation passée", "conversations passées")
            )
        },
        network_said: "le réseau a répondu",
        incomplete: |n| {
            format!(
                "{} plus de réponses que ce fichier n'en contient",
                fr_n(n, "fil a", "fils ont")
            )
        },
        config_ok: |file| format!("{file}\u{a0}: ok"),
        no_config: "pas de fichier de configuration (valeurs par défaut)",
        rules_ok: |file, n, names| format!("{file}\u{a0}: ok ({n} catégories\u{a0}: {names})"),
        wrote: |file| format!("{file} écrit"),
        synced: |account, network, new, updated, unchanged, pages, sent, failed| {
            format!(
                "{account} ({network})\u{a0}: {new} nouveaux, {updated} mis à jour, {unchanged} inchangés en {}\u{202f}; {sent} envoyées, {failed} refusées",
                fr_n(pages, "page", "pages")
            )
        },
        synced_actions: |done, failed| {
            format!(
                "\u{202f}; {} sur le réseau, {}",
                fr_n(done, "action faite", "actions faites"),
                fr_n(failed, "refusée", "refusées")
            )
        },
        automation: |each| format!("automatisation\u{a0}: {each}"),
        rule_on: |rule, n| format!("règle {rule} sur {}", fr_n(n, "message", "messages")),
        sync_failed: |account, network, state, error, new| {
            format!(
                "{account} ({network})\u{a0}: {state}\u{a0}: {error} ({new} nouveaux avant l'arrêt)"
            )
        },
        sync_busy: |account, network| {
            format!(
                "{account} ({network})\u{a0}: un autre palabre le synchronise en ce moment\u{202f}; il lui est laissé"
            )
        },
        accounts_failed: |n| fr_n(n, "compte non synchronisé", "comptes non synchronisés"),
        no_conversation: |reference| format!("aucune conversation {reference}"),
        cannot_open: |file, e| format!("{file}\u{a0}: impossible d'ouvrir\u{a0}: {e}"),
        cannot_read: |file, e| format!("{file}\u{a0}: impossible de lire\u{a0}: {e}"),
        no_account_named: |name| format!("aucun compte nommé {name:?} dans la configuration"),
        no_accounts: |file| format!("aucun compte\u{a0}: ajoutez des blocs [[accounts]] à {file}"),
        no_accounts_no_config: "aucun compte\u{a0}: ajoutez des blocs [[accounts]] à la configuration (voir config.example.toml)",
        bad_bound: |flag, text| {
            format!(
                "{flag} {text:?}\u{a0}: attendu une date comme 2026-11-01 ou un instant RFC 3339 comme 2026-11-01T09:00:00Z"
            )
        },
        empty_period: |from, to| {
            format!("la période est vide\u{a0}: --from ({from}) doit précéder --to ({to})")
        },
        unknown_lang: |l| format!("langue inconnue `{l}` (en ou fr)"),
    },
    moderation: Moderation {
        verbs: ActionWords {
            hide: "masquer le commentaire",
            unhide: "réafficher le commentaire",
            delete: "supprimer notre réponse",
            like: "aimer",
            unlike: "ne plus aimer",
            block: "bloquer l'auteur",
            unblock: "débloquer l'auteur",
            mute: "mettre l'auteur en sourdine",
            unmute: "retirer l'auteur de la sourdine",
            report: "signaler au réseau",
        },
        done: ActionWords {
            hide: "masqué",
            unhide: "réaffiché",
            delete: "supprimée",
            like: "aimé",
            unlike: "mention j'aime retirée",
            block: "auteur bloqué",
            unblock: "auteur débloqué",
            mute: "auteur en sourdine",
            unmute: "auteur réactivé",
            report: "signalé",
        },
        refusals: Refusals {
            no_api: "ce canal n'a pas d'API réseau pour agir",
            mastodon_hide: "Mastodon ne permet pas de masquer une réponse à notre message\u{a0}: mettez son auteur en sourdine, bloquez-le ou signalez-le",
            reddit_mute: "Reddit ne met en sourdine que dans la messagerie de modération d'un subreddit\u{a0}: bloquez plutôt l'auteur",
            youtube_rate: "l'API YouTube Data ne permet pas d'aimer un commentaire",
            youtube_unban: "l'API YouTube Data ne peut pas lever un bannissement\u{a0}: faites-le dans YouTube Studio",
            youtube_mute: "YouTube n'a pas de sourdine\u{a0}: retenez le commentaire pour examen ou bloquez (bannissez) l'auteur",
            youtube_report: "comments.markAsSpam n'est plus pris en charge par l'API YouTube Data\u{a0}: masquez ou bloquez plutôt",
            x_report: "l'API X ne permet pas de signaler un message",
            facebook_mute: "une Page Facebook ne peut pas mettre en sourdine\u{a0}: masquez le commentaire ou bloquez la personne",
            facebook_report: "l'API Graph ne permet pas de signaler un commentaire",
            instagram_like: "l'API Instagram ne permet pas d'aimer un commentaire",
            instagram_block: "l'API Instagram ne permet pas de bloquer, restreindre ou mettre en sourdine\u{a0}: masquez plutôt le commentaire",
            instagram_report: "l'API Instagram ne permet pas de signaler un commentaire",
        },
        undoes: |key| format!(" ({key} annule)"),
        not_offered: |action| format!("— {action}\u{a0}: le réseau ne le permet pas"),
        not_on: |action, networks| format!("{action} (pas sur {networks})"),
        refused: |network, why| format!("{network}\u{a0}: {why}"),
        delete_for_good: "Supprimer notre dernière réponse sur le réseau (irréversible)",
        keep_it: "La garder",
        report_needs_reason: "Un signalement demande une raison (ce qui ne va pas dans le message)",
        queued_on: |action, on, key| {
            format!("{action} en file sur {on} · la prochaine synchro s'en charge · {key} annule")
        },
        cancelled_before: "repris avant son départ\u{a0}: rien n'est demandé au réseau",
        already: "déjà fait ou en route",
        queued_for_sync: "en file pour la prochaine synchro",
        sending: "envoi",
        not_done: "non fait",
        queued_event: |action, message, reason| {
            if reason.is_empty() {
                format!("{action} {message}")
            } else {
                format!("{action} {message}\u{a0}: {reason}")
            }
        },
        undoing: |n| format!(" (annule l'action {n})"),
        done_event: |done, message| format!("{done}\u{a0}: {message}"),
        failed_event: |action, message, error| format!("{action} {message}\u{a0}: {error}"),
        cancelled_event: |action, message| {
            format!("{action} {message}\u{a0}: repris avant son départ")
        },
        rule_event: |rule, message, did| format!("{rule} sur {message}\u{a0}: {did}"),
        boost_event: |points| format!("priorité {points}"),
        action_queued: "action en file",
        action_done: "action faite",
        action_failed: "action refusée",
        action_cancelled: "action reprise",
        rule: "règle",
        rule_hook_ok: "crochet de règle",
        rule_hook_failed: "crochet de règle en échec",
        priority: "priorité",
    },
    contact: ContactCard {
        title: "Contact",
        loading: "Chargement…",
        block_list: "⊘ liste de blocage",
        seen: |when, age| format!("{when} ({age})"),
        seen_line: |first, last, messages, conversations| {
            format!(
                "vu la première fois {first} · dernière fois {last} · {} · {}",
                fr_n(messages, "message", "messages"),
                fr_n(conversations, "conversation", "conversations")
            )
        },
        by_week: "tonalité par semaine",
        by_month: "tonalité par mois",
        latest: |mean, negative, positive| format!("dernière {mean} · {negative} − · {positive} +"),
        maybe_also: |handles, key| format!("peut-être aussi {handles} ({key} relie)"),
        conversations: "Conversations",
        latest_messages: "Derniers messages",
        notes_history: "Notes et historique",
        nothing_yet: "rien pour l'instant",
        their_conversations: "ses conversations",
        note: "note",
        vip: "VIP",
        block_list_hint: "liste de blocage",
        link: "relier",
        close: "fermer",
        no_public_message: "Aucun message du public ici\u{a0}: pas de contact à afficher",
        no_lookalike: "Aucun compte ailleurs ne ressemble à cette personne (palabre contact --link en relie n'importe lequel)",
        note_added: "Note ajoutée",
        marked_vip: "Marqué VIP",
        vip_off: "Marque VIP retirée",
        blocked_on: |key| {
            format!(
                "Sur la liste de blocage (rien n'est envoyé au réseau\u{a0}: {key} bloque là-bas)"
            )
        },
        blocked_off: "Retiré de la liste de blocage",
        linked: "Reliés\u{a0}: une seule personne",
        note_event: |text| format!("note\u{a0}: {text}"),
        vip_event: "marqué VIP",
        vip_off_event: "marque VIP retirée",
        blocked_event: "mis sur la liste de blocage",
        unblocked_event: "retiré de la liste de blocage",
        link_event: |handle, to| format!("{handle} relié à {to}"),
        unlink_event: |handle| format!("{handle} détaché"),
    },
    cli_moderation: CliModeration {
        already: |conv, action| {
            format!("#{conv}\u{a0}: {action} est déjà fait ou en route\u{a0}: rien à changer")
        },
        sync_carries_it: "(`palabre sync` s'en charge, ou la synchro de fond de l'interface)",
        already_undone: |conv, n| format!("#{conv}\u{a0}: l'action {n} est déjà annulée"),
        queued_again: |n| format!("action réseau {n} remise en file"),
        no_accounts: "aucun compte configuré (ajoutez des blocs [[accounts]]\u{202f}; voir config.example.toml)",
        accounts: "comptes\u{a0}:",
        never_synced: "jamais synchronisé",
        table_head: "ce que chaque réseau permet à Palabre (✓ permis, ↺ annulable, — non permis)\u{a0}:",
        not_offered: "non permis\u{a0}:",
        network_actions: "actions sur le réseau\u{a0}:",
        action_line: |n, action, message, author, status, who, age, error| {
            let error = if error.is_empty() {
                String::new()
            } else {
                format!(" — {error}")
            };
            format!("{n} {action} {message} ({author}) · {status} par {who} (il y a {age}){error}")
        },
        statuses: ActionStatuses {
            queued: "en file",
            sending: "en cours d'envoi",
            done: "fait",
            failed: "refusé",
            cancelled: "annulé",
        },
        no_saved_reply: |name| {
            format!(
                "aucune réponse enregistrée nommée {name:?}\u{a0}: la configuration n'en a pas ([[saved_replies]])"
            )
        },
        no_saved_reply_among: |name, names| {
            format!(
                "aucune réponse enregistrée nommée {name:?} (réponses enregistrées\u{a0}: {names})"
            )
        },
        saved_reply_refused: |name, why| {
            format!(
                "réponse enregistrée {name:?}\u{a0}: {why}\u{202f}; corrigez-la dans la configuration, ou passez --anyway pour l'envoyer telle quelle"
            )
        },
        saved_reply_warning: |name, why| {
            format!("attention\u{a0}: réponse enregistrée {name:?}\u{a0}: {why}")
        },
        text_or_saved: "reply\u{a0}: donnez un TEXTE ou --saved NOM",
        rules_ok: |file, n, names, rules, rule_names| {
            let rule_names = if rule_names.is_empty() {
                String::new()
            } else {
                format!("\u{a0}: {rule_names}")
            };
            format!(
                "{file}\u{a0}: ok ({n} catégories\u{a0}: {names}\u{202f}; {}{rule_names})",
                fr_n(rules, "règle d'automatisation", "règles d'automatisation")
            )
        },
        dry_run: |file, rules, examined, since| {
            let since = if since.is_empty() {
                String::new()
            } else {
                format!(" depuis {since}")
            };
            format!(
                "{file}\u{a0}: {}, essai à blanc sur {} du public{since} (rien n'est modifié)",
                fr_n(rules, "règle d'automatisation", "règles d'automatisation"),
                fr_n(examined, "message", "messages")
            )
        },
        rule_matched: |rule, file, line, n| {
            let matched = if n == 0 {
                "aucun message".to_string()
            } else {
                fr_n(n, "message", "messages")
            };
            format!("règle {rule} ({file}:{line})\u{a0}: {matched}")
        },
        bad_since: |text| {
            format!("--since\u{a0}: `{text}` n'est ni un jour (2026-11-01) ni un instant RFC 3339")
        },
        linked_to_no_one: |handle| format!("{handle} n'est relié à personne d'autre"),
        vip: "VIP",
        blocked: "bloqué",
        never: "jamais",
        seen: |first, last, messages, conversations| {
            format!(
                "vu la première fois {first} · dernière fois {last} · {} dans {}",
                fr_n(messages, "message", "messages"),
                fr_n(conversations, "conversation", "conversations")
            )
        },
        handles: "comptes\u{a0}:",
        followers: |n| format!("{n} abonnés"),
        messages_short: |n| format!("{n} msg"),
        may_be_the_same: |handle| {
            format!(
                "peut-être la même personne (non reliée\u{a0}: palabre contact {handle} --link CANAL:COMPTE)\u{a0}:"
            )
        },
        by_week: "tonalité par semaine\u{a0}:",
        by_month: "tonalité par mois\u{a0}:",
        period: |n, negative, positive| {
            format!(
                "({}\u{a0}: {}, {})",
                fr_n(n, "message", "messages"),
                fr_n(negative, "négatif", "négatifs"),
                fr_n(positive, "positif", "positifs")
            )
        },
        conversations: "conversations\u{a0}:",
        newest_first: "messages (du plus récent)\u{a0}:",
        and_more: |n| format!("… et {n} de plus (--json les liste tous)"),
        notes_history: "notes et historique\u{a0}:",
    },
};
