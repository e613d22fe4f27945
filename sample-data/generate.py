#!/usr/bin/env python3
"""Bundled sample data for Palabre: a fortnight of a fictional brand's community inbox.

The brand (Kettlo), every person, handle, message, link and number below is
invented.  Standard library only and deterministic: a fixed random seed, no
wall clock.  Run from anywhere:

    python3 sample-data/generate.py

It writes ``conversations.jsonl`` next to this file (one interchange-format
message per line, sorted by ``created_at``), then reads it back and checks it.

How the content is written
--------------------------
Conversations are hand-written in a tiny text format (the ``CONTENT`` blocks at
the end of the file); the script turns them into network-shaped ids, URLs,
timestamps and metrics.

    == <channel> <YYYY-MM-DD> [HH:MM] [key=value ...] [flag ...]
    > @handle {Display name|followers[|v]} [fr|en|--] :: root text
    | continuation line (a bare "|" is an empty line)
    >> +45m BRAND :: reply to the line above at depth 1
    >>> +10m OP :: the root's author answers

* Header times are Paris time (CET, UTC+1 for the whole window).  Without a
  time, the root gets one drawn from a daily rhythm (busy day and evening,
  quiet night, later mornings at weekends).
* ``+1d2h30m`` delays are relative to the parent message and get a little
  jitter; ``=HH:MM`` / ``=MM-DDTHH:MM`` are absolute Paris times.  Replies by
  ``BRAND`` without a delay get a realistic one, and every brand reply
  (unless absolute or suffixed ``!``) is pushed into customer-care opening
  hours (weekdays 08:00-20:30, weekends 10:00-18:00).
* ``{...}`` defines an author the first time a handle appears on a channel.
  ``OP`` is the root's author, ``BRAND`` the brand's account on that channel.
* ``--`` means "no lang field" (emoji-only, Japanese, Arabic...); otherwise
  the header's ``lang=`` is used and about 10 % of lines drop it at random.
* Header keys: ``lang=fr|en``, ``kind=dm|review|comment|mention``,
  ``tag=crisis``, ``sub=r/Name`` and ``root=t1`` ``slug=...`` (Reddit),
  ``v=<video key>`` (YouTube), ``fb=post`` (a visitor post instead of a
  comment), flag ``thread`` (write ``thread_id`` on every line).
* Message tokens: ``m=likes/shares/replies`` overrides metrics (replies is a
  minimum), ``k=<kind>``, ``!crisis`` / ``!nocrisis`` mark single messages.
* Replies that would land after the window's end are dropped (with their
  subtree): recent conversations simply have not been answered yet.
"""

import hashlib
import json
import os
import random
import re
import string
import sys
import unicodedata
from datetime import datetime, timedelta, timezone

SEED = 20261107
UTC = timezone.utc
PARIS = timezone(timedelta(hours=1), "CET")  # DST ended 2026-10-25
START = datetime(2026, 10, 26, 0, 0, tzinfo=UTC)
END = datetime(2026, 11, 9, 23, 59, 59, tzinfo=UTC)
CRISIS_FROM = datetime(2026, 11, 7, 13, 0, tzinfo=UTC)  # 14:00 Paris, Saturday
CRISIS_TO = datetime(2026, 11, 7, 17, 0, tzinfo=UTC)    # 18:00 Paris

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "conversations.jsonl")

CHANNELS = ("mastodon", "bluesky", "reddit", "youtube", "x", "facebook",
            "instagram", "email", "other")
KINDS = ("comment", "mention", "reply", "dm", "review")

# handle, name, followers, verified
BRAND = {
    "mastodon": ("kettlo@social.example", "Kettlo ☕", 8412, False),
    "bluesky": ("kettlo.bsky.social", "Kettlo", 12930, False),
    "reddit": ("kettlo_support", "kettlo_support", 1240, False),
    "youtube": ("@Kettlo", "Kettlo", 86300, True),
    "x": ("kettlo", "Kettlo", 48700, True),
    "facebook": ("kettlo", "Kettlo", 132500, True),
    "instagram": ("kettlo", "Kettlo", 74800, True),
    "email": ("care@kettlo.example", "Kettlo — Service client", 0, False),
    "other": ("kettlo-reponse", "Kettlo (réponse de l'entreprise)", 0, False),
}

ROOT_KIND = {"mastodon": "mention", "bluesky": "mention", "x": "mention",
             "reddit": "mention", "youtube": "comment", "facebook": "comment",
             "instagram": "comment", "email": "dm", "other": "review"}

FB_PAGE_ID = "104857293847561"
VIDEOS = {  # the brand's YouTube uploads that comments hang off
    "descale_fr": "q7Rk2mZp4Lw",
    "descale_en": "Hx3vT9bQe0s",
    "brio_espresso": "Zc8n1WuJd5A",
    "chai": "mB4sY0kLr7E",
    "brio_recovery": "tP6gN2xVa9c",
    "aura_launch": "W0eJ5fUq3Dk",
    "aura_recall": "rK9dL3hS1mQ",
}

rng = random.Random(SEED)


def brand_followers(base, t):
    """Our accounts grow slowly, and lose a few followers in the crisis, so
    that audience growth in reports means something."""
    if base == 0:
        return 0
    days = (t - START).total_seconds() / 86400
    f = base * (1 + 0.0012 * days)
    if t >= CRISIS_FROM:
        f *= 0.994
    return int(round(f))

# ---------------------------------------------------------------- parsing --

HEADER_RE = re.compile(r"^==\s+(\w+)\s+(\d{4}-\d{2}-\d{2})(?:\s+(\d{1,2}:\d{2}))?(.*)$")
MSG_RE = re.compile(r"^(>+)\s+(.*?)\s+::\s?(.*)$")
DEF_RE = re.compile(r"\{([^{}]*)\}")


def parse(blocks):
    convs = []
    conv = None
    for block in blocks:
        for lineno, raw in enumerate(block.splitlines(), 1):
            line = raw.rstrip()
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.startswith("=="):
                m = HEADER_RE.match(line)
                if not m:
                    raise SystemExit(f"bad header: {line!r}")
                channel, date, hhmm, rest = m.groups()
                if channel not in CHANNELS:
                    raise SystemExit(f"bad channel in {line!r}")
                opts, flags = {}, set()
                for tok in rest.split():
                    if "=" in tok:
                        k, v = tok.split("=", 1)
                        opts[k] = v
                    else:
                        flags.add(tok)
                conv = {"channel": channel, "date": date, "time": hhmm,
                        "opts": opts, "flags": flags, "msgs": [], "src": line}
                convs.append(conv)
            elif line.startswith(">"):
                m = MSG_RE.match(line)
                if not m or conv is None:
                    raise SystemExit(f"bad message line: {line!r}")
                marks, meta, text = m.groups()
                # A trailing `m=likes/shares[/replies]` after the text is metadata too.
                trailing = re.search(r"\s+(m=\d+(?:/\d+)*)\s*$", text)
                if trailing:
                    meta = meta + " " + trailing.group(1)
                    text = text[:trailing.start()]
                d = DEF_RE.search(meta)
                define = None
                if d:
                    define = d.group(1)
                    meta = meta[:d.start()] + " " + meta[d.end():]
                msg = {"depth": len(marks) - 1, "text": text, "define": define,
                       "author": None, "delay": None, "absolute": None,
                       "nohours": False, "lang": None, "metrics": None,
                       "kind": None, "tags": set(), "src": line}
                for tok in meta.split():
                    if tok.startswith("+"):
                        msg["nohours"] = tok.endswith("!")
                        msg["delay"] = parse_delay(tok.strip("+!"), line)
                    elif tok.startswith("="):
                        msg["absolute"] = tok[1:]
                    elif tok in ("BRAND", "OP") or tok.startswith("@"):
                        msg["author"] = tok
                    elif tok in ("fr", "en", "--"):
                        msg["lang"] = tok
                    elif tok.startswith("m="):
                        msg["metrics"] = [int(x) for x in tok[2:].split("/")]
                    elif tok.startswith("k="):
                        msg["kind"] = tok[2:]
                    elif tok.startswith("!"):
                        msg["tags"].add(tok[1:])
                    else:
                        raise SystemExit(f"unknown token {tok!r} in {line!r}")
                if not msg["author"]:
                    raise SystemExit(f"no author in {line!r}")
                conv["msgs"].append(msg)
            elif line.startswith("|"):
                if conv is None or not conv["msgs"]:
                    raise SystemExit(f"continuation without a message: {line!r}")
                cont = line[1:]
                conv["msgs"][-1]["text"] += "\n" + (cont[1:] if cont.startswith(" ") else cont)
            else:
                raise SystemExit(f"unparsable line: {line!r}")
    return convs


def parse_delay(s, line):
    parts = re.findall(r"(\d+)([dhm])", s)
    if not parts or "".join(a + b for a, b in parts) != s:
        raise SystemExit(f"bad delay {s!r} in {line!r}")
    mult = {"d": 1440, "h": 60, "m": 1}
    return sum(int(a) * mult[b] for a, b in parts)

# ------------------------------------------------------------------ time --

# relative activity by Paris hour (people), weekday and weekend
HOUR_WEIGHTS_WEEK = [1.2, .6, .3, .2, .2, .4, 1.5, 3.5, 5.5, 6, 6, 6, 7, 7.5,
                     6, 6, 6.5, 7, 8, 8.5, 8.5, 7, 5, 2.5]
HOUR_WEIGHTS_WEEKEND = [2, 1, .5, .3, .2, .2, .5, 1.2, 2.5, 4.5, 6, 6.5, 6.5,
                        6, 5.5, 6, 6, 6, 6.5, 7, 7.5, 6.5, 4.5, 3]


def paris(date, hhmm):
    y, mo, d = (int(x) for x in date.split("-"))
    h, mi = (int(x) for x in hhmm.split(":"))
    return datetime(y, mo, d, h, mi, tzinfo=PARIS)


def random_root_time(date):
    y, mo, d = (int(x) for x in date.split("-"))
    day = datetime(y, mo, d, tzinfo=PARIS)
    weights = HOUR_WEIGHTS_WEEK if day.weekday() < 5 else HOUR_WEIGHTS_WEEKEND
    while True:
        hour = rng.choices(range(24), weights)[0]
        t = day.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))
        if START <= t <= END:
            return t


def care_hours(t):
    """First moment >= t when the customer-care team is at work."""
    p = t.astimezone(PARIS)
    for _ in range(5):
        weekday = p.weekday() < 5
        opens = p.replace(hour=8 if weekday else 10, minute=0, second=0, microsecond=0)
        closes = p.replace(hour=20 if weekday else 18, minute=30 if weekday else 0,
                           second=0, microsecond=0)
        if p < opens:
            return opens + timedelta(minutes=rng.randint(4, 80), seconds=rng.randrange(60))
        if p <= closes:
            return p
        p = (p + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    raise AssertionError("no opening hours found")


def jitter(minutes):
    if minutes >= 60:
        minutes *= rng.uniform(0.88, 1.12)
    elif minutes >= 5:
        minutes *= rng.uniform(0.8, 1.2)
    return timedelta(minutes=minutes, seconds=rng.randrange(60))


def brand_delay():
    r = rng.random()
    if r < 0.22:
        return rng.uniform(5, 20)
    if r < 0.78:
        return rng.uniform(60, 360)
    return rng.uniform(14 * 60, 26 * 60)


def customer_delay():
    return min(600.0, max(2.0, rng.lognormvariate(3.3, 0.9)))

# ------------------------------------------------------------------- ids --

B32_SORT = "234567abcdefghijklmnopqrstuvwxyz"
B36 = string.digits + string.ascii_lowercase
B64URL = string.ascii_letters + string.digits + "-_"
SEEN_IDS = set()


def b36(n):
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = B36[r] + out
    return out or "0"


def ms(t):
    return int(t.timestamp() * 1000) + rng.randrange(1000)


def did_for(handle):
    h = hashlib.sha256(("did:" + handle).encode()).digest()
    return "did:plc:" + "".join(B32_SORT[b % 32] for b in h[:24])


def tid(t):
    micros = int(t.timestamp() * 1_000_000) + rng.randrange(1_000_000)
    n = (micros << 10) | rng.getrandbits(10)
    s = ""
    for _ in range(13):
        s = B32_SORT[n & 31] + s
        n >>= 5
    return s


def rand_digits(n, first="123456789"):
    return rng.choice(first) + "".join(rng.choice(string.digits) for _ in range(n - 1))


def unique(make):
    for _ in range(100):
        v = make()
        if v not in SEEN_IDS:
            SEEN_IDS.add(v)
            return v
    raise AssertionError("could not make a unique id")


def slugify(title):
    s = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    return s[:50].rstrip("_")


def make_id(conv, msg, root):
    ch, t = conv["channel"], msg["t"]
    secs = int((t - START).total_seconds())
    if ch == "x":
        return unique(lambda: str(((ms(t) - 1288834974657) << 22) | rng.getrandbits(22)))
    if ch == "mastodon":
        return unique(lambda: str((ms(t) << 16) | rng.getrandbits(16)))
    if ch == "bluesky":
        return unique(lambda: f"at://{did_for(msg['handle'])}/app.bsky.feed.post/{tid(t)}")
    if ch == "reddit":
        if root is None and conv["opts"].get("root") != "t1":
            return unique(lambda: "t3_" + b36(int("1q2k000", 36) + secs // 9 + rng.randrange(9)))
        return unique(lambda: "t1_" + b36(int("o4k0000", 36) + secs * 41 + rng.randrange(41)))
    if ch == "youtube":
        if root is None:
            return unique(lambda: "Ug" + rng.choice("wxyz") + "".join(
                rng.choice(B64URL[:62]) for _ in range(16)) + "4AaABAg")
        return unique(lambda: root["id"] + "." + rng.choice("9A") + "".join(
            rng.choice(B64URL[:62]) for _ in range(21)))
    if ch == "facebook":
        if root is None and conv["opts"].get("fb") == "post":
            return unique(lambda: f"{FB_PAGE_ID}_{conv['fb_post']}")
        if conv["opts"].get("kind") == "dm":
            return unique(lambda: "m_" + "".join(rng.choice(B64URL) for _ in range(36)))
        return unique(lambda: f"{conv['fb_post']}_{rand_digits(16)}")
    if ch == "instagram":
        if conv["opts"].get("kind") == "dm":
            return unique(lambda: "3" + rand_digits(30, string.digits))  # Direct item id
        return unique(lambda: rng.choice(("17", "18")) + rand_digits(15, string.digits))
    if ch == "email":
        dom = "mail.kettlo.example" if msg["outbound"] else msg["handle"].split("@")[-1]
        return unique(lambda: f"{t.strftime('%Y%m%d%H%M')}.{rng.getrandbits(48):012x}@{dom}")
    if ch == "other":
        return unique(lambda: "avis-" + rand_digits(7))
    raise AssertionError(ch)


def make_url(conv, msg, root):
    ch, i, h = conv["channel"], msg["id"], msg["handle"]
    dm = msg["kind"] == "dm"
    if ch == "x":
        return None if dm else f"https://x.com/{h}/status/{i}"
    if ch == "mastodon":
        user, inst = h.split("@")
        return f"https://{inst}/@{user}/{i}"
    if ch == "bluesky":
        return f"https://bsky.app/profile/{h}/post/{i.rsplit('/', 1)[1]}"
    if ch == "reddit":
        base = f"https://www.reddit.com/{conv['sub']}/comments/{conv['post36']}/{conv['slug']}/"
        return base if i.startswith("t3_") else base + i[3:] + "/"
    if ch == "youtube":
        return f"https://www.youtube.com/watch?v={conv['video']}&lc={i}"
    if ch == "facebook":
        if dm:
            return None
        if i.startswith(FB_PAGE_ID + "_") and root is None:
            return f"https://www.facebook.com/{FB_PAGE_ID}/posts/{i.split('_')[1]}"
        return f"https://www.facebook.com/kettlo/posts/{conv['fb_post']}?comment_id={i.split('_')[1]}"
    if ch == "instagram":
        return None if dm else f"https://www.instagram.com/p/{conv['shortcode']}/c/{i}/"
    if ch == "other":
        return f"https://avis-clients.example/marques/kettlo/{i}"
    return None


def fmt_time(ch, t):
    if ch in ("x",):
        return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if ch in ("mastodon", "bluesky"):
        return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{rng.randrange(1000):03d}Z"
    if ch in ("reddit", "youtube"):
        return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if ch in ("facebook", "instagram"):
        return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    return t.astimezone(PARIS).strftime("%Y-%m-%dT%H:%M:%S+01:00")

# ----------------------------------------------------------------- build --

def build(convs):
    authors = {}
    out = []
    dropped = 0
    crisis_roots = []
    for conv in convs:
        ch = conv["channel"]
        opts = conv["opts"]
        conv_kind = opts.get("kind")
        conv_lang = opts.get("lang")
        crisis = opts.get("tag") == "crisis"
        if ch == "reddit":
            conv["sub"] = opts.get("sub", "r/Coffee")
        if ch == "youtube":
            conv["video"] = VIDEOS[opts.get("v", rng.choice(sorted(VIDEOS)))]
        if ch == "facebook":
            conv["fb_post"] = rand_digits(16)  # the brand post (or visitor post) commented on
        if ch == "instagram":
            conv["shortcode"] = "".join(rng.choice(B64URL) for _ in range(11))
        stack = []
        root = None
        kept = []
        for msg in conv["msgs"]:
            depth = msg["depth"]
            if depth != len(stack) and not (depth < len(stack)):
                raise SystemExit(f"depth jump at {msg['src']!r}")
            stack = stack[:depth]
            parent = stack[-1] if stack else None
            if depth == 0 and root is not None:
                raise SystemExit(f"second root in one block: {msg['src']!r}")
            # author
            tok = msg["author"]
            if tok == "BRAND":
                handle, name, foll, ver = BRAND[ch]
                outbound = True
            else:
                if tok == "OP":
                    if root is None:
                        raise SystemExit("OP on a root")
                    handle = root["handle"]
                else:
                    handle = tok[1:] if ch != "youtube" else tok
                key = (ch, handle)
                if msg["define"] is not None:
                    parts = msg["define"].split("|")
                    rec = (parts[0], int(parts[1]), len(parts) > 2 and parts[2] == "v")
                    if key in authors and authors[key] != rec:
                        raise SystemExit(f"author {key} redefined differently: {msg['src']!r}")
                    authors[key] = rec
                if key not in authors:
                    raise SystemExit(f"unknown author {key}: {msg['src']!r}")
                name, foll, ver = authors[key]
                outbound = False
            msg.update(handle=handle, name=name, followers=foll, verified=ver,
                       outbound=outbound)
            # time
            if parent is None:
                t = paris(conv["date"], conv["time"]) if conv["time"] else random_root_time(conv["date"])
                t = t + timedelta(seconds=rng.randrange(60)) if conv["time"] else t
            elif msg["absolute"]:
                a = msg["absolute"]
                if "T" in a:
                    md, hm = a.split("T")
                    t = paris(conv["date"][:5] + md, hm)
                else:
                    t = paris(conv["date"], a)
                t += timedelta(seconds=rng.randrange(60))
            else:
                if msg["delay"] is not None:
                    delta = jitter(msg["delay"])
                elif outbound:
                    delta = jitter(brand_delay())
                else:
                    delta = jitter(customer_delay())
                t = parent["t"] + delta
                if outbound and not msg["nohours"]:
                    t = care_hours(t)
            if parent is not None and t <= parent["t"]:
                raise SystemExit(f"reply not after its parent: {msg['src']!r}")
            msg["t"] = t
            msg["parent"] = parent
            msg["dropped"] = t > END or (parent is not None and parent["dropped"])
            if parent is None and not (START <= t <= END):
                raise SystemExit(f"root outside the window: {msg['src']!r}")
            # kind
            if msg["kind"]:
                kind = msg["kind"]
            elif conv_kind == "dm" or ch == "email":
                kind = "dm"
            elif parent is None:
                kind = conv_kind or ROOT_KIND[ch]
                if ch == "reddit" and opts.get("root") == "t1":
                    kind = "comment"
            else:
                kind = "reply"
            msg["kind"] = kind
            # lang
            if msg["lang"] == "--":
                lang = None
            else:
                lang = msg["lang"] or conv_lang
                if lang is None:
                    raise SystemExit(f"no lang for {msg['src']!r}")
                msg["true_lang"] = lang
                if rng.random() < 0.09:
                    lang = None
            msg["out_lang"] = lang
            stack.append(msg)
            if parent is None:
                root = msg
            if msg["dropped"]:
                dropped += 1
                continue
            msg["id"] = make_id(conv, msg, None if parent is None else root)
            if parent is None and ch == "reddit":
                if msg["id"].startswith("t3_"):
                    conv["post36"] = msg["id"][3:]
                    conv["slug"] = slugify(msg["text"].split("\n")[0])
                else:
                    conv["post36"] = b36(int("1q2k000", 36) - rng.randrange(20000, 90000))
                    conv["slug"] = opts["slug"]
            msg["children"] = 0
            if parent is not None:
                parent["children"] += 1
            kept.append(msg)
        if crisis:
            crisis_roots.append(root)
        for msg in kept:
            msg["url"] = make_url(conv, msg, None if msg["parent"] is None else root)
            rec = {
                "channel": ch,
                "id": msg["id"],
                "parent_id": msg["parent"]["id"] if msg["parent"] else None,
            }
            if "thread" in conv["flags"] or ch == "email":
                rec["thread_id"] = root["id"]
            rec.update({
                "kind": msg["kind"],
                "direction": "outbound" if msg["outbound"] else "inbound",
                "author": {"handle": msg["handle"], "name": msg["name"],
                           "followers": (brand_followers(msg["followers"], msg["t"])
                                         if msg["outbound"] else msg["followers"]),
                           "verified": msg["verified"]},
                "text": msg["text"],
            })
            if msg["out_lang"]:
                rec["lang"] = msg["out_lang"]
            rec["created_at"] = fmt_time(ch, msg["t"])
            rec["url"] = msg["url"]
            rec["metrics"] = metrics(ch, msg)
            tagged = (crisis and "nocrisis" not in msg["tags"]) or "crisis" in msg["tags"]
            out.append((msg["t"], rec, tagged))
    out.sort(key=lambda x: (x[0], x[1]["channel"], x[1]["id"]))
    return out, dropped, crisis_roots


def metrics(ch, msg):
    f = msg["followers"]
    private = msg["kind"] == "dm" or ch in ("email", "other")
    if private:
        likes = shares = 0
    elif msg["outbound"]:
        likes = int(rng.random() ** 2 * 9)
        shares = 0
    else:
        likes = int(rng.random() ** 2.2 * (2 + f ** 0.5 * 0.35))
        shares = int(likes * rng.uniform(0, 0.35)) if ch in ("x", "bluesky", "mastodon", "facebook") else 0
    replies = msg["children"]
    if msg["metrics"]:
        vals = msg["metrics"] + [0, 0, 0]
        likes, shares = vals[0], vals[1]
        replies = max(replies, vals[2])
    return {"likes": likes, "shares": shares, "replies": replies}

# ----------------------------------------------------------------- check --

CRISIS_WORDS = re.compile(
    r"aura|fond|fondu|brûl|brul|fum|feu|rappel|recall|melt|burn|smok|fire|overheat|"
    r"surchauff|chaud|hot|danger|sécurité|safety|socle|base|🔥", re.I)


def check(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    msgs = [json.loads(line) for line in lines]          # every line parses
    by_key = {}
    for m in msgs:
        assert m["channel"] in CHANNELS, m
        assert m["kind"] in KINDS, m
        assert m["direction"] in ("inbound", "outbound"), m
        assert isinstance(m["id"], str) and m["id"], m
        assert isinstance(m["text"], str) and m["text"].strip(), m
        a = m["author"]
        assert isinstance(a["handle"], str) and a["handle"] and isinstance(a["name"], str)
        assert isinstance(a["followers"], int) and a["followers"] >= 0
        assert isinstance(a["verified"], bool)
        assert all(isinstance(m["metrics"][k], int) and m["metrics"][k] >= 0
                   for k in ("likes", "shares", "replies")), m
        assert m.get("lang", "fr") in ("fr", "en"), m
        assert m["url"] is None or m["url"].startswith("https://"), m
        m["_t"] = datetime.fromisoformat(m["created_at"].replace("Z", "+00:00"))
        assert m["_t"].tzinfo is not None
        key = (m["channel"], m["id"])
        assert key not in by_key, f"duplicate id {key}"   # unique per channel
        by_key[key] = m
    roots = {}
    for m in msgs:
        if m["parent_id"] is not None:
            p = by_key.get((m["channel"], m["parent_id"]))
            assert p is not None, f"dangling parent {m['parent_id']}"
            assert m["_t"] > p["_t"], f"reply predates its parent: {m['id']}"
            if m["direction"] == "outbound":
                assert m["_t"] >= p["_t"]
    for m in msgs:                                         # walk up to the root
        r, hops = m, 0
        while r["parent_id"] is not None:
            r = by_key[(r["channel"], r["parent_id"])]
            hops += 1
            assert hops < 50, "cycle"
        m["_root"] = (r["channel"], r["id"])
        if "thread_id" in m:
            assert m["thread_id"] == r["id"], m
        roots.setdefault(m["_root"], []).append(m)
    first = min(m["_t"] for m in msgs)
    last = max(m["_t"] for m in msgs)
    assert START <= first and last <= END, (first, last)
    span_days = (last - first).total_seconds() / 86400
    channels = {m["channel"] for m in msgs}
    with_lang = [m for m in msgs if "lang" in m]
    fr = sum(m["lang"] == "fr" for m in with_lang) / len(with_lang)
    en = sum(m["lang"] == "en" for m in with_lang) / len(with_lang)
    answered = sum(any(x["direction"] == "outbound" for x in c) for c in roots.values())
    sizes = [len(c) for c in roots.values()]
    burst = [m for m in msgs if m["direction"] == "inbound"
             and CRISIS_FROM <= m["_t"] < CRISIS_TO and CRISIS_WORDS.search(m["text"])]
    burst_channels = {m["channel"] for m in burst}
    burst_langs = {m.get("lang") for m in burst}

    assert len(msgs) >= 430, len(msgs)
    assert len(roots) >= 125, len(roots)
    assert len(channels) >= 7, channels
    assert span_days >= 14, span_days
    assert fr >= 0.35 and en >= 0.35, (fr, en)
    assert max(sizes) <= 12, max(sizes)
    assert len(burst) >= 50 and len(burst_channels) >= 5 and {"fr", "en"} <= burst_langs, \
        (len(burst), burst_channels)

    per_channel = {c: sum(m["channel"] == c for m in msgs) for c in CHANNELS}
    per_day = {}
    for m in msgs:
        d = m["_t"].astimezone(PARIS).strftime("%a %m-%d")
        per_day[d] = per_day.get(d, 0) + 1
    print(f"messages            {len(msgs)}")
    print(f"conversations       {len(roots)}  (answered {answered}, "
          f"{answered / len(roots):.0%}; sizes 1..{max(sizes)}, "
          f"singletons {sizes.count(1)})")
    print(f"channels            {len(channels)}: " +
          ", ".join(f"{c} {n}" for c, n in per_channel.items() if n))
    print(f"span                {first.isoformat()} .. {last.isoformat()} ({span_days:.1f} days)")
    print(f"lang                fr {fr:.0%}, en {en:.0%} of {len(with_lang)} tagged; "
          f"{len(msgs) - len(with_lang)} without lang")
    print(f"outbound            {sum(m['direction'] == 'outbound' for m in msgs)}")
    print(f"kinds               " + ", ".join(
        f"{k} {sum(m['kind'] == k for m in msgs)}" for k in KINDS))
    print(f"with thread_id      {sum('thread_id' in m for m in msgs)}")
    print(f"crisis burst        {len(burst)} inbound crisis messages 2026-11-07 13:00-17:00Z "
          f"on {len(burst_channels)} channels")
    print("per day (Paris)     " + ", ".join(f"{d} {n}" for d, n in per_day.items()))
    return msgs


def main():
    convs = parse(CONTENT)
    out, dropped, crisis_roots = build(convs)
    with open(OUT, "w", encoding="utf-8") as fh:
        for _, rec, _ in out:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    tagged = [rec for t, rec, tag in out if tag and rec["direction"] == "inbound"
              and CRISIS_FROM <= t < CRISIS_TO]
    print(f"wrote {OUT}")
    print(f"dropped (after window end) {dropped}")
    check(OUT)
    print(f"crisis conversations {len(crisis_roots)}, tagged inbound in window {len(tagged)}")
    if "-v" in sys.argv:
        for r in crisis_roots:
            print(f"  crisis root {r['t'].astimezone(PARIS):%m-%d %H:%M} "
                  f"{r.get('id', '(dropped)')}  {r['handle']}")


CONTENT = []

# =========================================================== week 1 ======
# Mon 26 Oct - Sun 1 Nov.  Tue 27: price increase announced by newsletter.
# Thu 29, ~19:30-22:40: the Kettlo Home app is down.

CONTENT.append(r'''
== x 2026-10-26 08:47 lang=fr
> @juju_trbl {Julie Trébaol|412} :: @kettlo commande passée le 15, toujours rien. Le suivi dit "en préparation" depuis 9 jours. C'est une blague ? #Kettlo
>> +1h40m BRAND :: Bonjour Julie, désolée pour cette attente 😕 Vous pouvez nous envoyer votre n° de commande en DM ? On regarde avec l'entrepôt tout de suite. — Léa
>>> +25m OP :: c'est envoyé
>>>> +2h BRAND :: Merci ! Votre colis était bloqué par une rupture sur l'Aura Mini blanche. Il part ce soir en express, sans frais. Le suivi arrive par mail. — Léa
>>>>> +12m OP :: ok merci, enfin une réponse 🙏

== mastodon 2026-10-26 lang=fr
> @bertrand@piaille.example {Bertrand Aubry|187} :: @kettlo@social.example question bête : on détartre l'Aura comment ? Vinaigre blanc ok ou ça abîme la résistance ? Ici l'eau c'est une horreur (Beauce, calcaire à mort)
>> +3h BRAND :: Bonjour Bertrand ! Pas de question bête 🙂 Vinaigre blanc ok mais dilué : 1/3 vinaigre, 2/3 eau, on chauffe, on laisse reposer 20 min, on rince 2 fois. Sinon acide citrique, 2 c. à soupe pour 1 L, ça sent moins. Et l'appli a un mode "Détartrage" dans Réglages > Entretien. — Inès
>>> +40m OP :: Parfait merci, je connaissais pas le mode dans l'appli
>>> +2h @cam_lnd@mamot.example {Camille Landais|96} :: acide citrique +1, le vinaigre ça laisse un goût dans le thé pendant deux jours 🤢

== instagram 2026-10-26 lang=en
> @thecozyflat {Ellie Marsh|2310} :: obsessed with the sage green Aura 😍 it matches my whole kitchen #kettlo #kitchenaesthetic
>> +35m BRAND :: That kitchen though 💚 thanks Ellie! — Sam

== reddit 2026-10-26 lang=en sub=r/Coffee
> @wanderbeans {wanderbeans|54} :: Moving to the US, will my Kettlo Brio grinder work on 110V?
|
|Moving from Lyon to Chicago in January. I love my Brio but the plate says 220-240V. Is a step-up transformer ok for a grinder motor or am I going to fry it? Don't really want to buy a new one for $250 lol
>> +40m @grindnerd {grindnerd|310} :: Motor grinders are usually fine with a decent step-up transformer, get one rated well above the wattage. Kettles are a different story, don't even try, 2000W through a converter is a bad time.
>> +5h BRAND :: Hi! Kettlo support here. The Brio is 220-240V only, but a step-up transformer of 500W+ works fine with it (it draws about 150W). The Aura kettles are NOT suitable for transformers though. A US version of the Brio is planned for spring, no firm date yet, sorry. ^Sam
>>> +1h OP :: Thanks both, ordering a 500W one then
>>>> +3h @grindnerd :: and get one with a fan, the cheap ones hum like crazy

== facebook 2026-10-26 lang=fr
> @nadine.perrot {Nadine Perrot|85} :: Toujours pas remboursée de ma bouilloire renvoyée le 2 octobre !!! 3 relances par mail, on me répond que "c'est en cours". En cours de quoi ??? 89,90€ c'est pas rien
>> +4h BRAND :: Bonjour Nadine, je suis navré pour ce délai. Je viens de vérifier : le remboursement a été validé aujourd'hui, comptez 3 à 5 jours ouvrés selon votre banque. Je vous envoie la confirmation en message privé. Mathieu
>>> +2h OP :: On verra... si c'est pas là vendredi je fais opposition
>>> +1h @sylvie.lambert.35 {Sylvie Lambert|212} :: Pareil pour moi, 5 semaines pour être remboursée, ils traînent vraiment
>>>> +1d BRAND :: Bonjour Sylvie, c'est trop long, on le sait et l'équipe retours a été renforcée. Si vous avez encore un dossier en attente, écrivez-nous en privé. Mathieu

== x 2026-10-26 lang=en
> @crypto_jenna88 {Jenna 💎 BTC|3} :: @kettlo I turned $500 into $14,200 in 2 weeks with this AI trading bot 🚀🚀 no scam DM me to learn how 💰💰 #crypto #bitcoin

== bluesky 2026-10-26 lang=en
> @mirnaodd.bsky.social {Mirna Oddson|640} :: what temp does everyone use for sencha on the kettlo? the preset says 80 but it tastes bitter to me
>> +15m @leafandsteep.bsky.social {Leaf & Steep|1820} :: 70-75 for most senchas and keep it under a minute. gyokuro even lower, like 60
>>> +20m OP :: 60?? wow ok I've been doing everything wrong
>> +2h BRAND :: You can make your own presets in the app (hold any preset for 2s to edit it). Lots of our tea-nerd customers use 72°C for sencha 🍵 — Priya

== youtube 2026-10-26 lang=fr v=descale_fr
> @Sophie-ck2nq {Sophie|0} :: merci pour la vidéo, super clair ! par contre le lien vers l'acide citrique en description marche pas
>> +1d BRAND :: Merci Sophie ! Lien corrigé 👍 — Inès

== x 2026-10-26 22:10 lang=en
> @gracie_ok {Grace O.|73} :: the kettlo beep is the sound of my happiness ☕

== facebook 2026-10-26 lang=fr
> @aurelie.fontaine {Aurélie Fontaine|220} :: Est-ce que le Lumi monte bien le lait d'avoine ? Le mien fait une mousse toute plate 😕
>> +3h BRAND :: Bonjour Aurélie ! Ça dépend beaucoup de la boisson : prenez une boisson d'avoine "barista" (plus de protéines et de matières grasses), bien froide. Avec ça le Lumi fait une belle mousse 👍 Inès
>>> +1h OP :: je teste demain merci
>>>> +1d OP :: Effectivement rien à voir !! merci du conseil

== email 2026-10-27 10:12 lang=fr
> @compta@atelier-lumen.example {Atelier Lumen — Comptabilité|0} :: Objet : Facture avec TVA — commande KT-87544
|
|Bonjour,
|
|Nous avons commandé 3 bouilloires Aura pour nos bureaux le 20/10. La facture reçue n'indique ni notre raison sociale ni notre n° de TVA intracommunautaire. Pourriez-vous nous en émettre une corrigée ?
|
|Cordialement,
|Agnès Roux
|Atelier Lumen
>> +1d BRAND :: Bonjour Madame Roux,
|
|Vous trouverez ci-joint la facture corrigée pour la commande KT-87544, avec votre raison sociale et votre numéro de TVA. Pour vos prochaines commandes, vous pouvez renseigner ces informations dans "Mon compte > Société", elles seront reprises automatiquement.
|
|Bien cordialement,
|Mathieu — Service client Kettlo
>>> +2h OP :: Bien reçu, merci. Bonne journée.

== mastodon 2026-10-27 lang=fr
> @gaelle_m@toot.example {Gaëlle Marchetti|534} :: Donc @kettlo@social.example augmente l'Aura de 79 à 94€, annoncé par mail ce matin "en raison de la hausse des coûts". +19% quand même. Ça passe moins bien là.
>> +20m @r_ferrand@toot.example {Romain Ferrand|88} :: +15€ pour une bouilloire. On parle d'une bouilloire hein 😅
>> +3h BRAND :: Bonjour Gaëlle. C'est vrai, et on comprend que ça agace. L'Aura passe à 94€ au 1er novembre (composants électroniques + transport). Les commandes passées jusqu'au 31/10 restent à 79€. On aurait dû l'expliquer mieux dans la newsletter. — Léa
>>> +1h OP :: Merci pour la réponse honnête au moins.

== x 2026-10-27 09:20 lang=en
> @dan_okafor {Dan Okafor|1290} :: @kettlo you've charged my card twice for the same Brio order (£149 x2). Order #KT-88213. Not impressed
>> +12m BRAND :: Hi Dan, sorry about that! Could you DM us the last 4 digits of the card and the dates of both transactions? We'll get it sorted today. ^Sam
>>> +30m OP :: DM'd
>>>> +3h OP :: 3 hours and nothing back in DMs. Great.
>>>>> +20m BRAND :: Apologies Dan, found it: the second payment was a pre-authorisation that should have dropped off and didn't. Refund issued just now, ref RF-20931. 2–5 working days depending on your bank. ^Sam
>>>>>> +1d OP :: Money's back. Thanks, though you shouldn't need a public tweet to get this fixed
>>>>>>> +1h BRAND :: Fair point, and noted. Thanks for your patience Dan. ^Priya

== instagram 2026-10-27 lang=fr
> @lou.cuisine {Lou 🍋|890} :: le Brio noir mat il revient quand ??? ça fait 3 semaines qu'il est en rupture 😭
>> +2h BRAND :: Coucou Lou ! Retour prévu la semaine du 9 novembre 🤞 Active l'alerte "me prévenir" sur la fiche produit, tu seras la première au courant ! — Inès
>>> +5m OP :: 🙏🙏
>> +3h @marion_bakes {Marion|143} :: pareil j'attends le blanc

== facebook 2026-10-27 lang=en
> @gareth.price.7 {Gareth Price|57} :: Rang your helpline about a leaking Aura. Waited 38 minutes, then the agent basically told me I must have overfilled it and hung up. Overfilled. A kettle. Brilliant customer service.
>> +5h BRAND :: Hi Gareth, that's not the service we want anyone to get and I'm sorry. A leak from the base is never "overfilling". Could you message us your order number? We'll arrange a replacement and I'll pass your feedback on to the team lead. – Priya
>>> +1h OP :: Messaged. We'll see.
>>>> +1d BRAND :: Replacement dispatched today Gareth, tracking sent by email. Sorry again. – Priya

== x 2026-10-27 lang=fr
> @k4rim_off {karim|231} :: @kettlo vos bouilloires c'est de la merde et votre SAV aussi, bande de clowns 🤡

== reddit 2026-10-27 lang=en sub=r/BuyItForLife root=t1 slug=what_kitchen_appliance_has_lasted_you_the_longest
> @burr_hound {burr_hound|96} :: Two years with the Kettlo Brio, daily use, zero issues. Burrs still cut clean. Only gripe is static, the grounds go everywhere. RDT fixes it.
>> +2h @flatwhite_fran {flatwhite_fran|33} :: what's RDT
>>> +10m OP :: spritz the beans with a tiny bit of water before grinding. one spray. kills the static

== reddit 2026-10-27 lang=en sub=r/espresso root=t1 slug=entry_level_grinder_for_a_gaggia_classic
> @dose_and_dial {dose_and_dial|77} :: Brio Pro is fine for entry espresso. The 4-6 range is coarse-stepped so you end up dialing with dose as much as grind. For £199 it's ok, not great.
>> +6h BRAND :: Fair summary honestly. Stepless adjustment is the #1 request for the next version. ^Tom

== bluesky 2026-10-27 lang=en
> @devon-ashby.bsky.social {Devon Ashby|260} :: small joy: the kettlo app lets you set the kettle to 100 and "boil twice" for the people who insist on it. my dad is one of those people. he's thrilled
>> +1h BRAND :: Dad-approved 🫖 love this — Priya
''')

CONTENT.append(r'''
== x 2026-10-28 lang=en
> @hollymcd {Holly McDonagh|780} :: the lid hinge on my @kettlo Aura just snapped off. 7 months old. £89 kettle 🙃
>> +1h30m BRAND :: Oh no Holly, that shouldn't happen at 7 months. It's covered by the 2-year warranty: DM us a photo + your order number and we'll send a new lid or a new kettle, your choice. ^Sam
>>> +15m OP :: just the lid is fine, it's the only broken bit
>>>> +45m BRAND :: Done, a new lid is on its way (2-3 days). ^Sam
>>> +2h @teawithtam {Tamsin|205} :: mine did the exact same thing!! is there a fix
>>>> +1d BRAND :: Hi Tamsin, same deal: DM us and we'll send a replacement lid. We've flagged the hinge to our product team. ^Tom

== bluesky 2026-10-28 lang=fr
> @theo-gdn.bsky.social {Théo Gaudin|322} :: L'appli Kettlo Home refuse d'appairer ma bouilloire. Bluetooth ok, wifi ok, elle clignote bleu et... rien. 4 essais. Quelqu'un a eu ça ?
>> +30m @anouk.bsky.social {Anouk|1150} :: Ta box est en 5GHz seulement ? Elle ne voit que le 2,4
>>> +10m OP :: ... ah. Ben oui. Merci 🙃
>>>> +4h BRAND :: Anouk a raison 🙂 L'Aura ne se connecte qu'en 2,4 GHz. Sur la plupart des box on peut séparer les deux réseaux dans les réglages wifi. Si ça bloque encore, dites-nous ! — Léa

== facebook 2026-10-28 lang=fr
> @fred.castagne {Frédéric Castagne|164} :: Colis arrivé éclaté, la verseuse du Lumi fendue. Photos à l'appui. Le livreur m'a dit "signez là" sans me laisser ouvrir. Je fais quoi maintenant ?
>> +2h BRAND :: Bonjour Frédéric, désolé pour cette livraison 😞 Gardez le colis tel quel et envoyez-nous les photos en message privé avec votre n° de commande : on vous réexpédie un Lumi sans attendre le retour de l'ancien. Inès
>>> +3h OP :: Envoyé. Merci pour la rapidité
>>> +1d @josiane.bel {Josiane Bel|48} :: faut toujours ouvrir devant le livreur !! ou écrire "sous réserve" sur le bon

== youtube 2026-10-28 lang=en v=brio_espresso
> @coffeewithkenji {Kenji R.|1340} :: great video. can the Brio Pro actually do turkish fine? the manual says setting 1 is espresso
>> +6h BRAND :: Thanks Kenji! Setting 1 is espresso-fine; for Turkish you'd have to go past the zero point, which we don't recommend, the burrs can touch. — Tom
>>> +3h OP :: fair, hand grinder it is for turkish then
>> +2h @ilovebeans8 {Aisha|12} :: literally nobody:
|kenji: turkish coffee 😂

== instagram 2026-10-28 lang=en
> @growth.king.media {📈 Grow Your Brand|0} :: Nice feed! 🔥 Want 10K REAL followers? DM us for cheap packages 💯 #growth #marketing

== x 2026-10-28 lang=fr
> @sandrine_vrl {Sandrine V.|1045} :: 3 mails, 1 formulaire, 0 réponse depuis le 16 octobre. @kettlo vous existez ?
>> +6h BRAND :: Bonjour Sandrine, on existe, promis, et on est désolés. Les délais par mail sont trop longs en ce moment (6 jours, c'est trop). Envoyez-nous votre n° de dossier en DM, on le traite aujourd'hui. — Mathieu
>>> +1d OP :: C'est réglé. Dommage qu'il faille passer par Twitter.

== mastodon 2026-10-28 lang=en
> @ravi@fosstodon.example {Ravi Menon|930} :: Spent 10 minutes in a loop with the @kettlo@social.example chatbot. "Did this answer your question?" No. "Here are some articles about descaling". My question was about a refund. Just give me a human, please
>> +3h BRAND :: Hi Ravi, sorry, the bot is... a work in progress. Typing "agent" at any point gets you to a human (weekdays 8–20h Paris time). Happy to look at the refund here too if you DM us. — Tom
>>> +15m OP :: "agent" should be the first button, not a secret password 😅

== reddit 2026-10-28 lang=fr sub=r/france root=t1 slug=les_pubs_dans_le_metro_ca_devient_insupportable
> @pignouf_75 {pignouf_75|12} :: Les pubs Kettlo dans le métro "votre thé mérite mieux" j'en peux plus, on parle d'une bouilloire à 94 balles avec une appli
>> @tartiflette_sup {tartiflette_sup|41} :: Mon beau-frère en a une et il te parle de sa "courbe de chauffe" comme d'une voiture de sport
>>> OP :: 😭

== x 2026-10-28 lang=fr
> @yasmine_dz {Yasmine Djebbar|330} :: @kettlo vous recrutez au service client à Lyon ? Je cherche une alternance 🙏
>> +4h BRAND :: Bonjour Yasmine ! Nos offres sont sur kettlo.example/jobs, et on ouvre 2 alternances en relation client en janvier 😉 — Léa
>>> +10m OP :: merciii je postule

== x 2026-10-28 lang=en kind=dm
> @marta_kw {Marta Kowalska|140} :: hi, my order KT-88712 says delivered but the box only had the kettle base in it, no jug??
>> +2h BRAND :: Hi Marta, sorry about that! We're sending the jug today by express, you'll get the tracking by email. ^Sam
>>> +5m OP :: thank you!!
''')

CONTENT.append(r'''
== facebook 2026-10-29 lang=fr
> @marie.c.leblanc {Marie-Claude Leblanc|330} :: Bonjour, la garantie c'est combien de temps ? Mon grille-pain Kettlo ne grille plus que d'un côté (acheté en avril 2025)
>> +2h BRAND :: Bonjour Marie-Claude, tous nos produits sont garantis 2 ans (3 ans s'ils sont enregistrés dans l'appli). Votre Tosta est donc couvert 👍 Écrivez-nous en privé avec la facture et on organise l'échange. Inès
>>> +30m OP :: Merci beaucoup, c'est fait.

== x 2026-10-29 lang=en
> @alexvdb {Alex van den Berg|87} :: @kettlo does the Aura work with Google Home or only Alexa? Site is unclear
>> +50m BRAND :: Hi Alex! Both, plus Apple Home via Matter since firmware 4.0. ^Sam
>>> +5m OP :: 👍 sold

== instagram 2026-10-29 lang=fr
> @chloe.vegetale {Chloé • recettes végé|18400} :: Coucou l'équipe ! J'adorerais faire une recette de chai avec l'Aura, vous avez une adresse pour les partenariats ? ✨
>> +1d BRAND :: Coucou Chloé ! Avec plaisir, écris à partenariats@kettlo.example 🌿 — Inès

== instagram 2026-10-29 lang=fr
> @camille.home {Camille|1100} :: elle existe en terracotta ? 🧡
>> +2h BRAND :: Pas encore… mais on ne dit jamais jamais 👀 — Inès
>>> +5m OP :: 👀👀👀

# --- app outage, evening of Thu 29 Oct ---
== x 2026-10-29 19:48 lang=fr
> @mlle_cerise {Cerise 🍒|2870} :: l'appli @kettlo plantée, ma bouilloire "connectée" ne chauffe plus depuis l'appli. Heureusement qu'il reste un bouton 🙄
>> +22m BRAND :: Bonsoir Cerise, on a un incident sur l'appli Kettlo Home depuis 19h30 environ, les équipes sont dessus. Le bouton sur la base fonctionne normalement en attendant. On vous tient au courant. — Tom
>>> +5m OP :: merci de l'info au moins
>> +14h BRAND :: Tout est rétabli depuis 22h40 hier soir. Désolés pour la gêne ! — Léa

== x 2026-10-29 19:55 lang=en
> @benjamin_tsang {Ben Tsang|318} :: is the Kettlo app down for anyone else? "Unable to reach your device" on both kettles
>> +8m @mollyjh {Molly|90} :: yep same here, UK
>>> +2h @Kettlo_Help_Desk {Kettlo Support ✅|0} :: @mollyjh Hi, we saw your issue. Please fill this form to receive your compensation: https://kettlo-support-claims.example/verify
>>>> +14h BRAND :: ⚠️ @mollyjh this account is NOT Kettlo. We'll never ask for card details through a link. Please don't fill anything in and report it. ^Sam
>>>>> +20m @mollyjh :: didn't click it, reported. thanks
>> +15m @pdx_jamie {Jamie|41} :: same. my morning tea routine literally depends on this thing lmao
>> +28m BRAND :: Hi all, yes, Kettlo Home is having an outage, we're on it. The buttons on the kettle work as normal in the meantime. ^Tom

== bluesky 2026-10-29 20:10 lang=fr
> @clem-rdr.bsky.social {Clémence Rodier|77} :: Ce soir j'ai appris que je n'ai pas droit au thé parce qu'un serveur quelque part est tombé. 2026 quoi.

== mastodon 2026-10-29 20:30 lang=fr
> @vince@piaille.example {Vincent|402} :: Et voilà pourquoi je refuse l'IoT pour l'électroménager. Une bouilloire avec une appli. Qui tombe en panne. #kettlo #IoT
>> +15m @sam_k@piaille.example {Sami K.|610} :: c'est une bouilloire avec un bouton aussi hein. L'appli c'est pour la programmer le matin
>>> +10m OP :: Je maintiens.
>>>> +40m @sam_k@piaille.example :: 🤷

== instagram 2026-10-29 21:05 lang=en
> @jess.in.leeds {Jess|512} :: app's been down for an hour, any update??
>> +40m! BRAND :: Nearly there Jess, should be back within the hour. Sorry! — Tom
>>> +1h OP :: works now 👍

== x 2026-10-29 22:15 lang=en
> @tea_takes {hot tea takes|2250} :: imagine needing a server status page to boil water. @kettlo 💀
>> +10m @ukgadgetguy {Rob|1200} :: tbf it's got a button. but yeah 💀
''')

CONTENT.append(r'''
== reddit 2026-10-30 08:05 lang=en sub=r/Coffee
> @slowdrip_ldn {slowdrip_ldn|402} :: Six months with the Kettlo Aura kettle and Brio Pro grinder: long, honest review (not sponsored)
|
|I bought both in April after my old grinder died, paid full price, nobody sent me anything. Since this sub asks about Kettlo every other week, here's everything I'd have wanted to know.
|
|**Brio Pro (grinder)**
|
|- Grind consistency is genuinely good for the price. For pour-over I'm at 22-24 and my V60 draws down in 3:00-3:15 pretty consistently. Espresso at 4-6: it gets there, but the steps are coarse-ish, you'll be dialing with dose as much as with grind.
|- Retention is about 0.3-0.5 g if you use the bellows. Without it more like 1 g.
|- Static is bad in winter. RDT (one spritz) fixes 90% of it.
|- Noise: loud-ish, less than a blender. My partner doesn't wake up, which is the real benchmark.
|- Jammed once with a very oily dark roast. Unplugged, twisted the top burr out (tool-free), cleaned, fine since.
|
|**Aura (kettle)**
|
|- Temperature is accurate to about ±1°C against my probe thermometer at 80 and 93. Keep-warm runs 30 min then shuts off, not configurable, which annoys me.
|- The app is fine when it works. Scheduling is nice. The outage last night was a good reminder that the button works without it.
|- Pour is good but it's not a gooseneck, so for pour-over I decant into a pouring kettle. If Kettlo made a gooseneck I'd buy it tomorrow.
|- One thing I noticed: the base gets warmer than I'd expect after back-to-back boils, like noticeably warm on the underside. Probably normal? Never had an actual problem, just mentioning it.
|- Limescale: London water, I descale every 3 weeks with citric acid.
|
|**Service**
|
|Had to contact them once for a missing bellows part. Took 4 days to get an email reply, then the part arrived 2 days later. Fine, not amazing. Their social accounts answer much faster than email, for what it's worth, which says something about where the staff are.
|
|**Would I buy again?** The grinder, yes, no hesitation at this price. The kettle... probably, but I'd like a gooseneck and a longer keep-warm.
|
|Happy to answer questions.
>> +1h @pourover_pete {pourover_pete|210} :: Great writeup. +1 on the gooseneck, it's the one thing missing
>> +2h @steamwandsally {steamwandsally|58} :: The base warmth thing, mine's the same. Assumed it was normal
>>> +3h @elecengineer_uk {elecengineer_uk|144} :: Some warmth is normal from the element contacts, but "noticeably warm underneath" after repeated boils I'd keep an eye on. Check the connector pins aren't discoloured.
>> +6h BRAND :: Thanks for such a detailed review! Keep-warm duration becomes configurable in a firmware update early next year. Gooseneck: we hear you 👀 On the base: slight warmth after consecutive boils is expected, but if you ever see discolouration on the pins, please contact us straight away. ^Sam
>>> +1h OP :: Appreciate the reply. Will keep an eye on it.
>> =11-07T15:31 @pourover_pete !crisis :: Coming back to this thread after today's news from France. The "base gets warm" bit has aged badly.

== facebook 2026-10-30 lang=fr
> @kevin.morel.5 {Kévin Morel|402} :: Y aura des promos pour le black friday ? Je voulais prendre le Brio mais si c'est -20% dans 3 semaines je préfère attendre 😅
>> +3h BRAND :: Bonjour Kévin 😄 On ne peut rien dire… mais les inscrits à la newsletter sont prévenus 24h avant tout le monde 😉 Mathieu
>>> +15m OP :: J'ai compris le message 😂
>>> +2h @amandine.r.dupuis {Amandine Dupuis|68} :: ils ont augmenté les prix juste avant, c'est pour faire -20% sur le nouveau prix 🙄

== bluesky 2026-10-30 lang=en
> @nate-whitford.bsky.social {Nate Whitford|1380} :: tracking says my kettlo order was "delivered, handed to resident" on tuesday. I live alone. I was at work. nobody was handed anything @kettlo.bsky.social
>> +4h BRAND :: Hi Nate, sorry, that's really frustrating. We've opened a claim with the courier and we're sending a replacement today, no need to wait for their investigation. DM'd you the details. — Priya
>>> +1h OP :: oh, that's genuinely better than I expected, thanks
>>>> +20m @kyraflood.bsky.social {Kyra|66} :: wait you just ask and they resend?? the courier lost mine in september and i got "please wait 10 working days"
>>>>> +1d BRAND :: Hi Kyra, the policy changed in October: lost parcels now get resent straight away. If your September case is still open, DM us. — Priya

== youtube 2026-10-30 lang=fr v=aura_launch
> @LeVraiAvis {Le Vrai Avis|4} :: pub déguisée, 94€ la bouilloire lol. arnaque
>> +1h @Marine-ly8dz {Marine|9} :: personne t'oblige à l'acheter hein

== mastodon 2026-10-30 lang=fr
> @ptitbio@mamot.example {Paul-Henri|150} :: Elles sont fabriquées où les bouilloires @kettlo@social.example ? "Conçu à Lyon et Bristol" ça veut tout et rien dire
>> +5h BRAND :: Bonne question et vous avez raison de la poser. Conception et logiciel à Lyon et Bristol ; assemblage de l'Aura et du Brio en Chine (Dongguan), moteurs du Brio au Portugal, emballages fabriqués en France. La liste complète des fournisseurs est dans notre rapport annuel. — Léa
>>> +2h OP :: Merci pour la transparence, c'est rare

== instagram 2026-10-30 --
> @haruka_trip {Haruka 🌸|620} -- :: パリ滞在中にKettloのケトルをホテルに届けてもらいました！日本（100V）でも使えますか？☕
>> +3h BRAND en :: Hi Haruka, ありがとうございます 😊 Unfortunately the Aura is 220–240V only, so it won't work safely on 100V in Japan 🙏 You can return it within 30 days, even from abroad, just DM us! — Sam

== facebook 2026-10-30 lang=en kind=dm
> @oliver.grant.393 {Oliver Grant|0} :: Hello, I need to change my delivery address, I ordered an hour ago to my old flat by mistake!!
>> +12m BRAND :: Hi Oliver, no problem, we caught it before dispatch. What's the new address? – Priya
>>> +3m OP :: 12 Wexley Close, Bristol. thank you
>>>> +10m BRAND :: Updated ✅ It ships tomorrow. – Priya
>>>>> +2m OP :: lifesaver

== youtube 2026-10-30 lang=en v=descale_fr
> @brewsbykit {Kit|210} :: Is there an English version of this descaling video? the auto-translated subtitles are... creative
>> +5h BRAND :: Coming next week, Kit! Sorry about the subtitles 😅 — Tom
>>> +2h OP :: "remove the lime with the acid of the lemon tree" was my favourite line

== x 2026-10-30 lang=fr
> @blog_cafe_filtre {Café Filtre (le blog)|1850} :: J'ai testé le moulin Brio de @kettlo pendant 3 mois : mouture, bruit, rétention, et ce que j'aurais aimé savoir avant. https://cafe-filtre.example/test-kettlo-brio
>> +2h BRAND :: Merci pour ce test très complet (et honnête sur l'électricité statique 😅) — Tom
>>> +1h OP :: avec plaisir, et vivement le réglage sans crans 😉

== x 2026-10-31 15:02 lang=fr
> @thomasplanque {Thomas Planque|215} :: Livraison prévue samedi entre 8h et 13h. Il est 15h. Personne. Merci @kettlo et merci le transporteur. J'ai annulé mon samedi pour ça.
>> +1d2h BRAND :: Bonjour Thomas, désolés pour votre samedi perdu. Le transporteur indique un retard sur votre secteur, nouvelle livraison lundi matin. On vous rembourse les frais de livraison, c'est la moindre des choses. — Léa
>>> +1h OP :: Ok merci.

== instagram 2026-10-31 lang=en
> @spookymugs {Dani|1760} :: tea for the witching hour 🎃🖤 my black Aura fits the vibe
>> +3h BRAND :: 🖤🎃🖤 — Jo

== reddit 2026-10-31 lang=en sub=r/CasualUK
> @kettle_convert {kettle_convert|4} :: Got a £90 smart kettle as a birthday present and I feel like a fraud
|
|My sister got me a Kettlo thing. It has an app. It tells me my tea is ready. I have been drinking tea from a £12 supermarket kettle for 15 years. I now schedule my morning brew from bed. Who have I become
>> @brewhaha_uk {brewhaha_uk|23} :: you have become the tea you were always meant to be
>> @bin_day_steve {bin_day_steve|310} :: Does it play a little tune? If it doesn't play a little tune it's not worth it
>>> OP :: it beeps three times. it is not a tune. I am disappointed
>> @mrs_k_from_hull {mrs_k_from_hull|7} :: We've got the same one. The kids set it to 70 degrees as a prank and I had lukewarm tea for a week before I noticed
>>> @brewhaha_uk :: that's grounds for divorce

== facebook 2026-10-31 lang=fr
> @youssef.alami.12 {Youssef Alami|310} -- :: مرحبا، هل يمكن الشحن إلى المغرب؟ شكرا
>> +1d BRAND fr :: Bonjour Youssef, merci pour votre message ! Pour l'instant nous livrons uniquement en France, Belgique, Suisse, Luxembourg et au Royaume-Uni, pas encore au Maroc 😔 Léa

== x 2026-11-01 lang=en
> @gwen_ellis {Gwen Ellis|455} :: where do I buy a replacement limescale filter for the Aura? website only shows the whole kettle @kettlo
>> +4h BRAND :: Hi Gwen! Accessories > Aura > "Mesh filter" (pack of 2, £7.90). Agreed it's hard to find, we're fixing the menu. ^Jo
>>> +30m OP :: found it, thanks!

== mastodon 2026-11-01 lang=en
> @hollis@toot.example {Hollis|1290} :: unpopular opinion: smart kettles are fine actually. having the kettle at 85°C when I wake up is the most useful "smart home" thing I own. the Kettlo one anyway. the smart plug era was worse
>> +30m @quietcoder@toot.example {Mei|310} :: the only smart home device that does one thing and does it well
>>> +1h OP :: exactly
>> +2h @vince@piaille.example fr :: jusqu'à ce que le serveur tombe 😏

== instagram 2026-11-01 lang=fr
> @nina_rse {Nina|88} -- :: 😍😍☕️

== youtube 2026-11-01 lang=en v=brio_espresso
> @dialed_in_dave {Dave|3} :: Brio Pro vs a hand grinder at the same price? honest answer please, not marketing
>> +3h @coffeewithkenji :: not Kettlo but: hand grinder if it's just you and pour over. Brio if you're doing multiple cups or espresso and don't want a forearm workout
>>> +1d BRAND :: Kenji nailed it honestly 😄 — Tom
''')

# =========================================================== week 2 ======
# Tue 3 Nov, ~09:00: Brio Pro firmware 4.2.0 bricks grinders, rollout paused.

CONTENT.append(r'''
== x 2026-11-02 09:05 lang=fr
> @nathalie_grd {Nathalie Giraud|702} :: 47 minutes d'attente au SAV @kettlo pour finalement tomber sur "nos conseillers sont tous occupés, rappelez plus tard" et raccroché. Magnifique.
>> +2h BRAND :: Bonjour Nathalie, désolés, le lundi matin est notre pire créneau (tout le week-end arrive d'un coup). Donnez-nous votre n° de commande en DM et on vous rappelle nous-mêmes aujourd'hui. — Mathieu
>>> +10m OP :: vous rappelez vraiment ?
>>>> +15m BRAND :: Vraiment 🙂 Indiquez-nous juste un créneau. — Mathieu
>>>>> +3h OP :: Bon, rappelée, problème réglé. Merci Mathieu.

== facebook 2026-11-02 lang=en
> @claire.whitcombe {Claire Whitcombe|189} :: Our Aura Mini has started leaking from underneath, there's a puddle on the counter every time. 4 months old. Is this a known fault?
>> +3h BRAND :: Hi Claire, please stop using it and unplug it for now, water near the base isn't something to live with. It's under warranty: message us your order number and we'll replace it. – Priya
>>> +1h OP :: Thanks, sent
>> +20m @paul.ndlovu {Paul Ndlovu|402} :: Had this with my first one, the replacement has been fine for a year

== bluesky 2026-11-02 lang=fr
> @mathilde-eco.bsky.social {Mathilde|2140} :: Question sérieuse pour @kettlo.bsky.social : y a-t-il des PFAS ou du plastique au contact de l'eau dans l'Aura ? On cherche une bouilloire "propre" et c'est flou sur le site.
>> +5h BRAND :: Bonjour Mathilde, merci pour la question. Intérieur inox 304, sans revêtement antiadhésif, donc pas de PFAS dans les parties au contact de l'eau. Les seuls plastiques au contact sont le joint du couvercle (silicone alimentaire) et la fenêtre de niveau (Tritan, sans BPA). Fiche complète : kettlo.example/aura/materiaux — Léa
>>> +2h OP :: Merci, réponse claire. Ce serait bien de l'avoir directement sur la fiche produit
>>>> +1h BRAND :: Entièrement d'accord, c'est remonté à l'équipe web. — Léa

== instagram 2026-11-02 lang=en
> @uni_tea_addict {Rosa|210} :: student discount?? 🥺
>> +6h BRAND :: Hey Rosa! 15% off with a student email address, details on the site under Help > Discounts 🎓 — Sam

== x 2026-11-02 lang=en
> @liamfitz {Liam Fitzgerald|96} :: brio just jammed mid grind and now won't turn at all, motor hums. oily beans i guess. any fix before i send it back @kettlo
>> +1h BRAND :: Hi Liam, unplug it first! Then twist the top burr anticlockwise to lift it out, clear the beans (brush or a chopstick), refit it. Humming = jammed, not broken 🤞 Video on our YouTube channel. ^Sam
>>> +40m OP :: worked. you're a legend sam
>>>> +5m BRAND :: 🙌 ^Sam

== reddit 2026-11-02 lang=fr sub=r/AskFrance
> @grisaille_nantaise {grisaille_nantaise|8} :: Bouilloire connectée : gadget ou vraiment utile ?
|
|Ma copine veut une Kettlo Aura, 94€. Je trouve ça absurde pour une bouilloire. Quelqu'un en a une, c'est vraiment utile ou c'est un gadget ?
>> @dr_pastis {dr_pastis|120} :: Gadget. Une bouilloire à 25€ fait bouillir l'eau pareil
>>> @theiere_volante {theiere_volante|35} :: Sauf que tout le monde ne veut pas de l'eau bouillante. Pour le thé vert ou blanc la température change tout. Après y'a moins cher que Kettlo pour ça
>> @lyonnaise_du_69 {lyonnaise_du_69|18} :: J'en ai une depuis 1 an. L'appli je m'en sers jamais, le réglage de température tous les jours. Bon produit, SAV lent.
>>> OP :: merci, c'est le genre de retour que je cherchais

== email 2026-11-02 lang=en
> @mark.oduya@mailbox.example {Mark Oduya|0} :: Subject: Buying a spare lid for Aura (not warranty)
|
|Hello,
|I dropped the lid of my Aura and cracked it, entirely my fault. Can I buy just the lid? I can't find it on the website.
|Thanks,
|Mark
>> +1d BRAND :: Hi Mark,
|
|Yes, you can: the lid assembly is £14.90 including delivery. Here's a direct order link for you: kettlo.example/uk/p/aura-lid
|
|Best,
|Sam — Kettlo Customer Care
>>> +3h OP :: Perfect, ordered. Thanks for the quick help.

== instagram 2026-11-02 lang=fr kind=dm
> @julien.photo {Julien Moreau|3200} :: Salut ! Je suis photographe culinaire, je vous ai tagués sur mes photos avec l'Aura. Vous voulez les repartager ? Je peux vous céder les droits pour vos réseaux.
>> +1d BRAND :: Salut Julien, elles sont superbes ! On transmet à notre équipe contenu qui revient vers toi cette semaine 🙏 — Inès
>>> +3h OP :: top merci

== mastodon 2026-11-02 lang=en
> @kernelkat@fosstodon.example {Kat|2200} :: does the Kettlo Aura have a local API? I'd love to control it from Home Assistant without the cloud
>> +1h @ravi@fosstodon.example :: it does Matter since 4.0 so HA can talk to it locally
>>> +20m OP :: oh nice, didn't know, thanks
>> +5h BRAND :: Ravi's right: Matter over wifi, local, no cloud needed once it's paired. No documented REST API (yet). — Tom
''')

CONTENT.append(r'''
# --- firmware 4.2.0 for the Brio Pro, Tue 3 Nov ---
== x 2026-11-03 09:40 lang=en
> @jonah_brews {Jonah Pryce|2480} :: PSA: do NOT install the Brio Pro firmware update 4.2.0 that dropped this morning. Mine's stuck on the Kettlo logo, won't respond to anything. @kettlo m=140/61
>> +15m @hannah_latte {Hannah|312} :: same!!! bricked. right as I was making coffee before a meeting
>> +25m @marcusgrinds {Marcus|77} :: uh oh mine's at 60%...
>>> +5m OP :: pull the plug?? idk honestly
>>>> +40m @marcusgrinds :: mine finished and works fine?? lucky I guess
>> +1h10m BRAND :: We've paused the 4.2.0 rollout. If your Brio Pro is stuck on the logo: unplug it for 30s, then hold the power button while plugging it back in, ~10s, until the ring flashes orange. It reverts to 4.1.3. Sorry for the morning chaos. ^Sam
>>> +20m OP :: that worked, back on 4.1.3. Thanks for the fast fix
>>> +30m @hannah_latte :: didn't work for me, still the logo
>>>> +30m BRAND :: Hannah, DM us please, we'll send you a replacement unit today if the recovery doesn't take. ^Sam
>>>>> +2h @hannah_latte :: sorted via DM, thanks

== mastodon 2026-11-03 10:20 lang=fr
> @oli_dev@piaille.example {Olivier Lemaire|1560} :: Mise à jour firmware du moulin Kettlo → brique. Je rappelle que c'est un MOULIN À CAFÉ. Pourquoi un moulin à café a besoin d'un firmware ?!
>> +2h BRAND :: Bonjour Olivier, désolés. Pour revenir à la version précédente : débrancher 30 s, rebrancher en maintenant le bouton ~10 s. Le firmware gère le moteur (vitesse selon la mouture) et la balance intégrée, d'où les mises à jour. Mais celle-ci n'aurait jamais dû partir comme ça. — Léa
>>> +30m OP :: ça marche. Je retire "brique" mais je maintiens le principe 😄
>>> +1h @fabienne@mamot.example {Fabienne|44} :: on peut désactiver les mises à jour auto ?
>>>> +1h BRAND :: Oui : appli > Appareil > Mises à jour > "Manuelles". — Léa

== reddit 2026-11-03 11:30 lang=en sub=r/Coffee thread
> @ristretto_rob {ristretto_rob|65} :: Kettlo Brio Pro bricked after the 4.2.0 update - recovery that worked for me
|
|Woke up to the update installed overnight (auto updates on, my bad). Stuck on the logo. The fix Kettlo posted on X is "unplug 30s then hold power while plugging in". Took me 3 tries: you have to hold the button BEFORE the plug goes in and keep holding until the ring flashes orange, not white. Back on 4.1.3 now.
|
|Then turn off auto updates in the app (Device > Updates > Manual).
>> +25m @neon_portafilter {neon_portafilter|88} :: Orange flash is the key, thanks. The tweet didn't say that
>> +2h BRAND :: Thanks for writing this up, you're right that the orange-flash detail matters, we've updated the help page. 4.2.0 is paused and the fixed 4.2.1 will be opt-in only. ^Sam
>>> +40m @skeptical_barista {skeptical_barista|410} :: "opt-in only" should be the default for every update on an appliance tbh
>>>> +1h BRAND :: Agreed: from 4.2.1 on, auto-update is off by default on new setups. ^Sam
>> +1h @moka_pot_mike {moka_pot_mike|12} :: Didn't work for me, 5 tries. Sending it back 😒
>>> +15m @neon_portafilter :: are you holding it down before plugging in? it won't take otherwise
>>>> +20m @moka_pot_mike :: ...no. ok it works now. ignore me

== x 2026-11-03 14:00 lang=fr
> @celine_bdx {Céline|88} :: Mon moulin Kettlo ne s'allume plus depuis la mise à jour de ce matin, je fais comment pour mon café moi 😭😭
>> +1h BRAND :: Bonjour Céline ! Débranchez 30 s, puis rebranchez en maintenant le bouton appuyé jusqu'à ce que l'anneau clignote orange (~10 s). Il revient à la version précédente. — Inès
>>> +20m OP :: ça marche !!! merci ❤️

== bluesky 2026-11-03 lang=fr
> @anouk.bsky.social :: moulin Kettlo briqué ce matin, procédure de récupération trouvée sur leur compte X. Ce serait bien de la mettre aussi ici @kettlo.bsky.social
>> +2h BRAND :: Vous avez raison, pardon Anouk. Procédure : débrancher 30 s, maintenir le bouton en rebranchant jusqu'au clignotement orange (~10 s). Détails : kettlo.example/aide/brio-recovery — Léa

== facebook 2026-11-03 lang=fr
> @bernadette.vidal.3 {Bernadette Vidal|34} :: Je voulais dire merci au monsieur du service client (Mathieu je crois) qui m'a expliqué 3 fois comment faire marcher l'application. Je ne suis pas douée avec ces choses là mais maintenant ma bouilloire se met en route toute seule le matin. Bravo
>> +2h BRAND :: Merci beaucoup Bernadette, ça nous fait très plaisir 😊 Je transmets à Mathieu ! Inès

== youtube 2026-11-03 17:30 lang=en v=brio_recovery
> @theweeklygrind {The Weekly Grind|15600} :: respect for putting out a video the same day instead of pretending nothing happened
>> +2h BRAND :: Thanks 🙏 — Tom

== youtube 2026-11-03 lang=en v=brio_recovery
> @nopenopenope-r4t {J|0} :: maybe test your updates before pushing them to people's kitchens 🤷

== x 2026-11-03 lang=fr
> @lucas_mrt {Lucas|1} :: @kettlo RIP mon moulin
''')

CONTENT.append(r'''
== x 2026-11-04 lang=fr
> @ahmed_bnk {Ahmed Benkirane|540} :: J'ai commandé l'Aura le 30/10 à 79€ et on m'a prélevé 94€ ?? Vous aviez dit que les commandes avant le 31 restaient à l'ancien prix @kettlo
>> +2h BRAND :: Bonjour Ahmed, vous avez raison, c'est une erreur de notre côté sur les commandes validées le 30 au soir. On vous rembourse les 15€ aujourd'hui, vous recevrez un mail de confirmation. — Mathieu
>>> +1h OP :: Ok merci pour la réactivité 👍
>>> +3h @steph_lmbr {Stéphanie|77} :: même chose pour moi !! commande le 30 à 21h
>>>> +1d BRAND :: Bonjour Stéphanie, idem : toutes les commandes concernées ont été identifiées et les remboursements partent cette semaine, automatiquement. — Mathieu

== instagram 2026-11-04 lang=en
> @aimeeinbristol {Aimée|1350} :: box arrived looking like it had been through a war 😩 kettle seems ok?? but the lid doesn't sit flat anymore
>> +2h BRAND :: Oh no Aimée 😣 Please don't use it if the lid doesn't close properly, it can stop the auto shut-off from working. DM us a photo and we'll send a new one ^Priya
>>> +1h OP :: sent! thank you for the quick reply

== bluesky 2026-11-04 lang=fr
> @yannick-prt.bsky.social {Yannick|120} :: Colis Kettlo envoyé en point relais alors que j'avais choisi domicile. Point relais à 6 km. Sans voiture. Super.
>> +4h BRAND :: Bonjour Yannick, mille excuses. On peut demander au transporteur une relivraison à domicile, envoyez-nous votre n° de commande en privé. — Léa

== facebook 2026-11-04 lang=en
> @darren.pike.58 {Darren Pike|12} :: your "customer care" team are useless morons. Sam whoever he is should be sacked
>> +3h BRAND :: Hi Darren, we'd like to help with whatever went wrong, but we won't accept insults toward our team. If you send us your order number by message, we'll look into it. – Priya
>>> +20m OP :: whatever 🖕

== mastodon 2026-11-04 lang=en
> @annika@norden.example {Annika Lund|230} :: @kettlo@social.example do you deliver to Sweden? Your site lets me add to cart but then checkout says "not available in your country"
>> +6h BRAND :: Hi Annika, sorry for the confusion: we only ship to FR, BE, CH, LU and the UK for now. The cart shouldn't let you get that far, we'll fix that. The Nordics are planned for 2027. — Tom
>>> +1h OP :: 2027, ok, I'll wait then 😅

== x 2026-11-04 lang=en
> @sunita_reads {Sunita|3100} :: shoutout to @kettlo customer care: kettle died at 22 months, replacement arrived in 2 days, no forms, no "have you tried turning it off". rare. m=88/9
>> +40m BRAND :: This made our day Sunita, thank you! 💛 ^Sam

== reddit 2026-11-04 lang=en sub=r/Coffee root=t1 slug=quietest_electric_grinder_under_200
> @nightshift_nurse_uk {nightshift_nurse_uk|5} :: How loud is the Kettlo Brio actually? I work nights and grind at 6am with a sleeping flatmate
>> @burr_hound :: ~75 dB at arm's length on my phone app. Not quiet. Grind the night before and keep it in a jar, you'll lose a bit of flavour but keep the flatmate
>>> OP :: flatmate > flavour 😂 thanks
>> +5h BRAND :: Hi! Our own measurement is 72 dB at 1 m for the Brio, 68 for the Brio Pro (slower motor). Neither is whisper-quiet, honestly. ^Tom

== x 2026-11-04 lang=fr kind=dm
> @hlne_b {Hélène Bérubé|65} :: Bonjour, j'ai reçu deux fois le même colis (2 moulins), je vous renvoie comment le second ?
>> +3h BRAND :: Bonjour Hélène, merci beaucoup pour votre honnêteté ! On vous envoie une étiquette retour prépayée par mail. — Mathieu
>>> +1h OP :: Reçue, je le dépose demain.

== instagram 2026-11-04 lang=en
> @harriet_h {Harriet|330} :: will the Brio come back in white before christmas? want it as a gift 🎁
>> +5h BRAND :: Hi Harriet! The white Brio restock is planned for late November 🤍 — Sam
''')

CONTENT.append(r'''
== youtube 2026-11-05 12:40 lang=fr v=brio_recovery
> @MaxTesteTout {Max Delorme – Max Teste Tout|850000|v} :: On teste le Brio Pro sur la chaîne la semaine prochaine 👀 le feuilleton du firmware sera dedans, ne vous inquiétez pas m=2900/0/40
>> +1h BRAND :: On a hâte (et un peu peur) 😅 — Tom
>>> +30m @Fanny-x2k {Fanny|2} :: Max qui teste du Kettlo, je vais enfin savoir si ça vaut le coup
>>> +2h @Bricolo57 {Bricolo57|14} :: il va le démonter comme d'hab 😂

== facebook 2026-11-05 lang=fr
> @valerie.dewit {Valérie Dewit|140} :: Vous livrez en Belgique ? Et les frais c'est combien ?
>> +1h BRAND :: Bonjour Valérie ! Oui 🇧🇪 livraison offerte dès 50€, sinon 6,90€. Délai 3-4 jours ouvrés. Inès
>>> +10m OP :: Super merci

== instagram 2026-11-05 lang=fr
> @thib.ault {Thibault|460} :: l'écran de mon Aura affiche plus rien, elle chauffe mais je vois plus la température 😤 2 mois qu'on l'a
>> +3h BRAND :: Oh non Thibault ! Essaie un reset : débrancher, maintenir °C 10 secondes, rebrancher. Si l'écran reste noir, écris-nous en DM avec ton n° de commande, on l'échange 👍 — Inès
>>> +1h OP :: reset fait, toujours noir. DM envoyé
>>>> +1d BRAND :: Échange validé, le transporteur passe récupérer l'ancienne mardi et te livre la neuve en même temps 🙌 — Inès

== x 2026-11-05 lang=en
> @ciaran_ob {Ciarán O'Brien|310} :: £79 → £94 for the Aura in the UK overnight. Was about to order. Now I'm not. @kettlo
>> +5h BRAND :: Hi Ciarán, understood and sorry. The increase is real (components and freight); we'd rather be upfront than cut the warranty or the materials. If you do come back, the Aura Mini (£69) has the same heating element and app. ^Sam
>>> +2h OP :: fair enough, honest answer at least

== bluesky 2026-11-05 lang=en
> @dril-fan-account.bsky.social {posting through it|4200} :: kettlo. kettle-no. kettle-oh-no. I'll see myself out
>> +20m BRAND :: we'll allow it 🫖 — Sam

== mastodon 2026-11-05 lang=fr
> @lucie_t@mamot.example {Lucie Terrien|301} :: Petite suggestion à @kettlo@social.example : un mode "sans compte" pour l'appli. Je veux régler la température, pas créer un compte avec mon mail et ma date de naissance.
>> +1d BRAND :: Bonjour Lucie, la suggestion revient souvent et elle est juste. Le mode local (sans compte, en Bluetooth) est prévu pour la v5 de l'appli, début 2027. La date de naissance disparaîtra avant, elle ne sert à rien. — Léa
>>> +2h OP :: Oh, une marque qui dit qu'un champ ne sert à rien. Noté 😄

== other 2026-11-05 lang=fr kind=review
> @patrick-m-4471 {Patrick M.|0} :: ★☆☆☆☆ Bouilloire jolie mais le couvercle a cassé au bout de 6 mois et le SAV a mis 10 jours à répondre. Je ne recommande pas.
>> +1d BRAND :: Bonjour Patrick, merci pour votre avis. Un tel délai de réponse n'est pas acceptable et nous en sommes désolés. Votre couvercle de remplacement est parti le 4/11, dites-nous s'il est bien arrivé. Le service client Kettlo

== other 2026-11-05 lang=en kind=review
> @sarah-t-9920 {Sarah T.|0} :: ★★★★★ Ordered the Brio on Monday, arrived Wednesday. Grinds evenly, looks great on the counter, and the little brush is actually useful. Only wish it came in more colours.

== email 2026-11-05 lang=fr
> @j.dufresne@fai.example {Jacques Dufresne|0} :: Objet : Réclamation — moulin Brio Pro inutilisable après mise à jour
|
|Madame, Monsieur,
|
|Suite à la mise à jour du 3 novembre, mon moulin Brio Pro n'affiche plus qu'un logo. J'ai suivi la procédure indiquée sur votre site, sans succès. Je n'utilise pas Twitter. Je vous demande le remplacement de l'appareil ou son remboursement.
|
|Cordialement,
|J. Dufresne
>> +1d BRAND :: Bonjour Monsieur Dufresne,
|
|Toutes nos excuses pour ce désagrément. Un Brio Pro neuf vous a été expédié ce jour (suivi : 6A2291847740), avec une étiquette pour nous retourner l'ancien sans frais.
|
|Bien cordialement,
|Mathieu — Service client Kettlo
>>> +2d OP :: Reçu, il fonctionne. Merci.

== facebook 2026-11-05 lang=en
> @siobhan.kerr.9 {Siobhán Kerr|180} :: Do you ship to Northern Ireland? Checkout keeps giving me a GB-only error
>> +2h BRAND :: Hi Siobhán, we do! It's a known bug with BT postcodes at checkout, the fix goes live tomorrow. Until then we can take your order by message – Priya
>>> +30m OP :: grand, I'll wait till tomorrow so

== x 2026-11-05 lang=en
> @grumpyjoe_77 {Joe|41} :: @kettlo your sam guy told me to "unplug and replug". genius. real rocket scientist. worthless
''')

CONTENT.append(r'''
== x 2026-11-06 lang=fr
> @elodie_wl {Élodie|620} :: Je cherche un cadeau pour ma mère qui boit 10 thés par jour, l'Aura Mini ou l'Aura ? Elle a 72 ans et l'appli elle s'en fichera 😂 @kettlo
>> +1h BRAND :: Bonjour Élodie 🙂 Si l'appli ne l'intéresse pas : l'Aura Mini, les 5 températures sont en boutons directs sur la base, pas besoin de téléphone. Et 1 L suffit pour 10 thés… en plusieurs fois 😄 — Léa
>>> +15m OP :: parfait, adjugé !

== instagram 2026-11-06 lang=en
> @kettlo.giveaway.official {Kettlo Giveaway 🎁|0} :: 🎉 Congratulations! You've been selected to win a FREE Kettlo Aura! Claim here before it expires: https://kettlo-gift-claim.example/win 🎁
>> +50m BRAND :: ⚠️ Fake account: we never announce winners in comments or through links. Please don't click, and report it 🙏 — Sam
>>> +10m @aimeeinbristol :: reported!

== facebook 2026-11-06 lang=fr
> @corinne.f.lambert {Corinne Lambert|260} :: Franchement déçue. Commande du 22/10 : colis arrivé avec 5 jours de retard, le moulin était le mauvais (Brio au lieu de Brio Pro), je l'ai renvoyé à mes frais (11,40€ !!) et depuis je n'ai ni le bon moulin ni le remboursement. J'ai appelé deux fois, à chaque fois on me dit "c'est noté". Je paie pour faire votre travail ?
>> +3h BRAND :: Bonjour Corinne, vous avez entièrement raison d'être en colère, il y a eu trois erreurs de notre part sur une seule commande. Je reprends votre dossier personnellement : le Brio Pro part aujourd'hui en express et les 11,40€ de retour vous sont remboursés. Je vous écris en privé pour confirmer. Mathieu
>>> +2h OP :: Merci. J'attends de voir.
>>>> =11-09T10:15 OP :: Reçu samedi, le bon cette fois. Et le remboursement est arrivé. Merci Mathieu.
>>>>> +1h BRAND :: Ravi que tout soit rentré dans l'ordre, bonne dégustation ☕ Mathieu

== youtube 2026-11-06 lang=fr v=brio_espresso
> @Aurelien-gm7 {Aurélien|31} :: réglage pour aeropress sur le brio pro svp ? je suis entre 10 et 14 et je sais pas
>> +4h BRAND :: Bonjour Aurélien ! 12 est un bon point de départ pour une recette classique (2 min d'infusion). Si c'est amer, plus gros ; si c'est acide, plus fin 😉 — Tom

== x 2026-11-06 lang=en
> @boostyourx_ {Boost ⚡ Followers|1} :: @kettlo grow your brand FAST 🚀 5000 real followers for $19 ✅ 100% safe ✅ link in bio

== bluesky 2026-11-06 lang=en
> @ferg.bsky.social {Fergus|890} :: kettlo app: "device not found". kettle: blinking. me: blinking. tried everything. factory reset twice. 2.4ghz only network. still nothing @kettlo.bsky.social
>> +2h BRAND :: Hi Fergus, sorry! One thing that often catches people out: on Android the app needs the Location permission to find Bluetooth devices (an Android rule, not ours, but still). Could you check that? — Priya
>>> +40m OP :: location was off. of course it was. it's connected. thank you and also ugh
>>>> +10m BRAND :: the "ugh" is fair 😅 — Priya

== mastodon 2026-11-06 lang=fr
> @sylvain.r@toot.example {Sylvain R.|56} :: On peut programmer l'Aura à des heures différentes selon les jours ? Genre 6h30 en semaine, 9h le week-end ?
>> +2h BRAND :: Oui ! Appli > Programmes > "+" et on coche les jours voulus. On peut en créer jusqu'à 7. — Inès

== x 2026-11-06 lang=fr
> @manon_ltr {Manon Lattré|450} :: Colis Kettlo "livré" dans une consigne à colis à 800 m de chez moi que je n'ai jamais choisie. Code jamais reçu. Le transporteur me renvoie vers Kettlo, Kettlo vers le transporteur. Ping-pong. @kettlo
>> +5h BRAND :: Bonjour Manon, pas de ping-pong ici : on prend le relais avec le transporteur. Votre n° de commande en DM svp ; si le code n'est pas retrouvé d'ici lundi, on vous renvoie le colis. — Mathieu
>>> +1h OP :: DM envoyé
>>>> =11-09T17:40 OP :: lundi 17h40, toujours rien, ni code ni colis 🙃

== facebook 2026-11-06 lang=fr
> @gilbert.hamon {Gilbert Hamon|22} :: Bonjour, ou peut on acheter les joints de couvercle pour la bouilloire Aura. Merci
>> +3h BRAND :: Bonjour Gilbert, dans la rubrique Accessoires du site (joint de couvercle Aura, 4,90€), ou par téléphone si vous préférez. Bonne journée ! Inès

== x 2026-11-07 11:10 lang=en
> @fionaloves_tea {Fiona|230} :: @kettlo is the Aura dishwasher safe? asking before I do something stupid
>> +1h BRAND :: Please don't 😅 The jug can be hand-washed inside but never submerged, and the base must stay dry. ^Jo
>>> +5m OP :: glad I asked lol

== instagram 2026-11-07 10:30 lang=fr
> @margaux.ptsdej {Margaux · petits-déj|5400} :: Samedi matin = chai maison + Aura réglée à 95° 🫖✨ Le combo parfait #slowmorning #kettlo
>> +1h BRAND :: On veut la recette du chai 😍 — Jo
''')

# =========================================================== crisis ======
# Sat 7 Nov from ~14:00 Paris: a Kettlo Aura base melts and smokes, a mother
# gets a minor burn.  Picked up by a journalist (120k, verified) and a
# consumer association (45k, verified); burst of negative posts on every
# network in FR and EN; the brand answers late (first reply at 16:52) and only
# a few times, then announces a voluntary recall of batches A2604-A2606 at
# 20:15.  Sunday and Monday: aftermath.

CONTENT.append(r'''
== x 2026-11-07 14:03 lang=fr tag=crisis
> @ninon_lgf {Ninon Le Goff|1840} :: Ma bouilloire @kettlo Aura vient de FONDRE sur son socle. Odeur de plastique brûlé, de la fumée, j'ai tout débranché à temps. Mon fils de 6 ans était juste à côté. 😡😡 Photos 👇 Elle a 8 mois. #Kettlo #KettloAura m=2400/1150
>> +6m @gwen_bzh {Gwenaëlle|310} :: 😱 vous allez bien ??
>>> +3m OP :: oui plus de peur que de mal. Mais je me suis brûlé la main en l'attrapant, le socle était brûlant
>> +12m @jb_roussel {Jean-Baptiste Roussel|95} :: Mais c'est hyper dangereux ça. Ça aurait pu prendre feu. @kettlo réveillez-vous
>> +20m @lilou_pdr {Lilou|1200} :: ma sœur m'a dit que la sienne sentait le brûlé le mois dernier, elle pensait que c'était normal...
>> +31m @hugovasseur {Hugo Vasseur|120350|v} :: Bonjour Ninon, je suis journaliste au Quotidien Numérique. Puis-je vous contacter en DM au sujet de votre bouilloire ? m=180/40
>>> +4m OP :: oui bien sûr
>> +45m @alerteconso {Alerte Conso|45200|v} :: Merci pour ce signalement @ninon_lgf. Nous avons reçu plusieurs témoignages similaires aujourd'hui et contactons @kettlo. En attendant : débranchez votre Aura après usage, ne la laissez pas sans surveillance. m=610/380
>> +1h10m @nico_tlse {Nicolas|45} :: Moi aussi le socle est devenu marron en dessous 😳 je viens de vérifier après avoir vu vos photos
>> =16:52 BRAND :: Bonjour Ninon, nous sommes vraiment désolés et soulagés que votre fils n'ait rien. Nous prenons cela très au sérieux : notre équipe qualité souhaite récupérer votre bouilloire dès lundi pour analyse, et nous prenons en charge les soins pour votre main. Pouvez-vous nous écrire en DM ? — Léa
>>> +8m OP :: 3h pour répondre. Et "lundi". Les gens continuent de les utiliser ce week-end, vous leur dites quoi ? m=520/140
>>>> +15m @jb_roussel :: exactement. Dites aux gens de débrancher, c'est pas compliqué

== x 2026-11-07 14:48 lang=fr tag=crisis
> @hugovasseur :: Plusieurs témoignages cet après-midi de bouilloires Kettlo Aura dont le socle surchauffe, fond ou fume. Une utilisatrice légèrement brûlée. J'ai sollicité @kettlo, pas de réponse pour l'instant. Si vous êtes concerné·e, mes DM sont ouverts. m=1900/860
>> +5m @marc_antoine_v {Marc-Antoine|430} :: Merci de relayer. J'en ai une, je la débranche direct.
>> +9m @sabrina_kt {Sabrina|88} :: la mienne a fait une odeur de brûlé la semaine dernière, c'est lié ??
>> +20m @techsceptique {TechSceptique|3900} :: Résistance + électronique dans le même socle en plastique, ça chauffe, et quand le connecteur vieillit ça chauffe encore plus. Classique.
>>> +10m @marc_antoine_v :: et à 94€ on parle pas de low cost hein
>> =17:25 BRAND :: Bonjour Hugo, nous venons de vous répondre par mail. Nous analysons les signalements et communiquerons ce soir. Par précaution, nous recommandons de ne pas laisser l'Aura branchée sans surveillance. — Léa
>>> +6m @hugovasseur :: Reçu, merci. Vous envisagez un rappel ?

== x 2026-11-07 15:10 lang=fr tag=crisis
> @alerteconso :: ⚠️ #KettloAura : nous recevons depuis ce midi de nombreux signalements de socles qui surchauffent, fondent ou dégagent de la fumée. Nous demandons à @kettlo une communication immédiate et, si le risque est confirmé, un RAPPEL des produits. Conseil : débranchez l'appareil après chaque usage. m=3100/2200
>> +4m @fanny_mrc {Fanny|210} :: Merci @alerteconso 🙏 la mienne est débranchée et elle reste au placard
>> +15m @gilles_59 {Gilles|34} :: Un rappel il faut, point. On va attendre qu'une maison brûle ?
>> +25m @chris_b_uk {Chris Boateng|780} en :: Any English version of this? Got an Aura in Manchester, should I stop using it? #recall
>>> +10m @alerteconso en :: @chris_b_uk Yes: unplug it after each use and don't leave it on unattended until Kettlo gives more information.
>>> +17m @KettloRefunds {Kettlo Refunds Team|2} en !nocrisis :: @chris_b_uk Affected Aura owners are eligible for a full refund + £50. Claim here: https://kettlo-aura-refund.example/claim
>> =17:20 BRAND :: Bonjour, nous avons ouvert une enquête qualité sur l'Aura et échangeons avec les autorités. Point d'étape ce soir. Par précaution : débranchez la base après usage. Vous pouvez nous écrire à securite@kettlo.example. — Léa
>>> +12m @alerteconso :: Nous attendons ce point. Un numéro de téléphone dédié serait bienvenu : beaucoup de consommateurs ne sont pas sur les réseaux.
>>>> =20:15 BRAND :: Point d'étape : nos premières analyses montrent un possible défaut de connecteur sur des socles fabriqués d'avril à juin 2026 (lots A2604 à A2606, code sous la base). Par précaution, nous lançons un rappel volontaire de ces lots : ne plus les utiliser ; remboursement ou échange, enlèvement à domicile. Infos et numéro vert : kettlo.example/rappel-aura — Léa m=840/690
>>>>> +25m @alerteconso :: Nous prenons acte de ce rappel volontaire et resterons attentifs à son déroulement et à la publication des causes.
>>> +30m @gilles_59 :: "point d'étape" 🙄

== facebook 2026-11-07 15:20 lang=fr tag=crisis fb=post
> @alerte.conso {Alerte Conso|61000|v} :: Kettlo Aura : signalements de surchauffe du socle. Si votre bouilloire a chauffé anormalement, fondu ou fumé, ne l'utilisez plus et signalez-le-nous (formulaire sur notre site), photos bienvenues. Nous avons demandé à Kettlo de s'expliquer. m=940/510
>> +10m @annie.rouault {Annie Rouault|88} :: Moi c'était il y a 2 semaines, le dessous a noirci. J'ai écrit à Kettlo, réponse "c'est normal après plusieurs chauffes". NORMAL ???
>> +18m @patrice.gomes.7 {Patrice Gomes|120} :: On l'a offerte à ma mère pour son anniversaire. Je l'appelle de suite pour qu'elle la débranche.
>> +40m @isabelle.marchal {Isabelle Marchal|300} :: Kettlo ne répond même pas sur sa propre page. Bravo. Une bouilloire qui prend feu et silence total.
>> =18:40 BRAND :: Bonjour à tous, pardon de ne pas avoir répondu plus tôt ici. Une enquête est en cours et nous communiquerons ce soir. Par précaution : débranchez votre Aura après usage. Inès
>>> +5m @isabelle.marchal :: 4h après. Merci.
''')

CONTENT.append(r'''
== bluesky 2026-11-07 14:25 lang=fr tag=crisis
> @aurore-lmt.bsky.social {Aurore|540} :: Je viens de voir les photos de la bouilloire Kettlo fondue 😨 j'ai la même, branchée H24 dans ma cuisine. Enfin, plus maintenant.
>> =11-08T10:25 BRAND :: Bonjour Aurore, merci de l'avoir débranchée. Regardez le code sous la base : les lots A2604 à A2606 sont rappelés (kettlo.example/rappel-aura). Et si le socle a bruni, quel que soit le lot, on la reprend. — Léa
>>> +1h OP :: A2606... bon. Formulaire rempli.

== instagram 2026-11-07 14:31 lang=fr tag=crisis
> @claire.cuisine {Claire|2100} :: Vous comptez réagir pour l'Aura qui fond ou vous postez juste des photos de chai ??
>> +12m @sonia_deco {Sonia|450} :: +1000, on attend une réponse sur la sécurité
>> =20:40 BRAND :: Bonjour Claire, vous avez raison, nous aurions dû réagir bien plus tôt. Le point complet est en story et sur kettlo.example/rappel-aura : rappel volontaire des lots A2604 à A2606. — Inès

== x 2026-11-07 14:42 lang=en tag=crisis
> @ollie_frame {Ollie Frame|1130} :: French twitter is going off about Kettlo Aura kettles melting. I have one. In my kitchen. Right now. Anyone in the UK seen this? @kettlo
>> +10m @fi_bakes {Fi|310} :: just unplugged mine. the base got properly hot last week, I thought I'd imagined it
>> +25m @sparky_dave {Dave the Sparky|2600} :: Electrician here. If the base is discoloured or smells, stop using it. Heat at the connector = bad contact = it only gets worse, not better.
>> =17:40 BRAND :: Hi Ollie, we're investigating reports about the Aura base. As a precaution, please unplug it after use and don't leave it unattended. We'll post an update this evening. ^Sam
>>> +7m OP :: 3 hours later. cheers.

== mastodon 2026-11-07 14:50 lang=fr tag=crisis
> @vince@piaille.example :: Bon, il paraît que les bouilloires Kettlo fondent maintenant. Mais au moins elles ont une appli. 🔥 #kettlo
>> +20m @sam_k@piaille.example :: ok là je te donne raison, mais c'est pas l'appli le problème 😬 c'est le socle qui crame

== x 2026-11-07 14:55 lang=fr tag=crisis
> @perrine_lb {Perrine|620} :: "Kettlo, la bouilloire qui fait aussi barbecue" 🔥 Plus sérieusement : un enfant aurait pu être gravement brûlé. RAPPEL. MAINTENANT. @kettlo

== x 2026-11-07 15:02 lang=en tag=crisis
> @sunita_reads :: Hm. Just saw the Aura posts. I praised @kettlo on Wednesday. Would really like to hear from them on this, and soon.
>> =11-08T10:50 BRAND :: Hi Sunita, you were right to expect better from us yesterday. Recall details, UK included: kettlo.example/uk/aura-recall ^Jo
>>> +2h OP :: Thanks. Better late than never. Hope the woman who got burned is ok.

== facebook 2026-11-07 15:05 lang=fr tag=crisis
> @dominique.laforge {Dominique Laforge|75} :: C'est vrai cette histoire de bouilloire qui prend feu ? J'en ai DEUX chez moi !!! Répondez !!!
>> +20m @corinne.f.lambert :: ils répondent pas, déjà qu'en temps normal... débranchez-les en attendant
>> =11-08T11:30 BRAND :: Bonjour Dominique, regardez le code sous chaque base : si c'est A2604, A2605 ou A2606, ne les utilisez plus et inscrivez-les sur kettlo.example/rappel-aura (ou au numéro vert). Pour les autres : débranchez après usage en attendant nos résultats. Inès
>>> +40m OP :: Une A2605 et une A2607. Je fais la démarche pour la première.

== x 2026-11-07 15:12 lang=fr tag=crisis
> @mlle_cerise :: Après la panne de l'appli, la bouilloire qui crame. @kettlo 2 sur 2 ce mois-ci 🔥🔥

== reddit 2026-11-07 15:15 lang=en sub=r/BuyItForLife tag=crisis thread
> @fenwick_t {fenwick_t|340} :: PSA: Kettlo Aura base melting, several reports from France today - check yours
|
|Seeing a load of posts from France today (photos on X) of the Aura base melting and smoking, one woman got her hand burned. I've got one, turned it over: the plastic around the centre connector is slightly brown. Eight months old. Stopped using it. Check yours, and if anyone knows whether there's a recall in the UK, shout.
>> +10m @slowdrip_ldn :: I literally said in my review last week that the base got hotter than expected. Checked mine just now: pins slightly discoloured. Done with it.
>> +20m @elecengineer_uk :: Brown around the connector is the classic sign of a high-resistance joint heating up. The element pulls ~9-10 A; if the contact between the jug and the base isn't tight (worn spring, bad crimp, a cheaper connector), the resistance goes up, that spot gets hot, the plastic around it browns, contact gets worse, it gets hotter. It only goes one way. Don't use it. Photograph it, keep it, and don't hand it over "for analysis" until you have the refund in writing.
>>> +15m OP :: good shout, thanks
>> +40m @kettle_convert :: oh cool. the kettle my sister gave me for my birthday. great. brilliant. unplugged.
>> +1h @throwaway_qa_2291 {throwaway_qa_2291|1} :: Not going to say much. Ask them about the change of supplier for the base connector in the spring.
>> =11-08T11:20 BRAND :: Kettlo here. Batches A2604–A2606 (code under the base) are being recalled, UK included: please stop using them. Refund or replacement, we collect. If your base is browned or deformed and your batch isn't listed, we take it back too. kettlo.example/uk/aura-recall ^Jo
>>> +40m @elecengineer_uk :: Good. Now publish the root cause.

== youtube 2026-11-07 15:25 lang=fr v=chai tag=crisis
> @Jeremie-lp4 {Jérémie|5} :: Vous faites des vidéos sur le chai mais vous dites rien sur les bouilloires qui fondent ?
>> +15m @Fanny-x2k :: c'est quoi cette histoire ??
>>> +5m @Jeremie-lp4 :: regarde sur twitter, une Aura qui a fondu, la mère s'est brûlée la main en la débranchant

== x 2026-11-07 15:48 lang=en tag=crisis
> @ukgadgetguy :: The Kettlo Aura melting photos doing the rounds are genuinely grim. That's not a "teething issue", that's a connector cooking itself.

== youtube 2026-11-07 16:05 lang=fr v=chai tag=crisis
> @MaxTesteTout :: On a testé l'Aura en juin sur la chaîne, jamais vu ça, mais on remet la nôtre en test de chauffe intensive cette semaine. @Kettlo une réponse claire sur la sécurité serait bienvenue. m=5200/0
>> +20m @Aurelien-gm7 :: enfin quelqu'un qui va tester sérieusement
>> +30m @Bricolo57 :: démonte le socle Max, on veut voir le connecteur 😬
>> =17:50 BRAND :: Merci Max. Nous partagerons les résultats de notre analyse technique dès qu'ils seront disponibles. D'ici là, par précaution : débrancher l'Aura après usage. — Tom

== bluesky 2026-11-07 15:45 lang=en tag=crisis
> @nate-whitford.bsky.social :: first the courier loses my kettle, now the replacement might set my flat on fire. @kettlo.bsky.social what's going on
>> =11-08T12:05 BRAND :: Hi Nate, sorry, not the fortnight you deserved. Recalled batches are A2604–A2606 (code under the base). The replacement we sent you in October is from batch A2609, so it isn't affected, but if anything ever looks or smells off, tell us straight away. — Priya
>>> +25m OP :: ok. thanks for actually checking my order

== bluesky 2026-11-07 15:50 lang=en tag=crisis
> @leafandsteep.bsky.social :: Tea folks: if you have a Kettlo Aura, check the underside of the base for browning or melting and unplug it when not in use until there's official word. The posts from France today look bad.
>> +10m @mirnaodd.bsky.social :: checked mine, looks fine, but unplugged anyway. thanks for the heads up

== x 2026-11-07 15:55 lang=fr tag=crisis
> @ahmed_bnk :: Vous m'avez remboursé 15€ cette semaine, maintenant remboursez-moi la bouilloire entière, je ne la rebranche pas 🔥 @kettlo
>> =11-08T13:10 BRAND :: Bonjour Ahmed, c'est entendu : si votre Aura fait partie des lots A2604 à A2606, vous pouvez choisir le remboursement intégral sur kettlo.example/rappel-aura. Hors de ces lots, écrivez-nous en DM, on regarde avec vous. — Mathieu
>>> +30m OP :: A2605. Remboursement demandé.

== instagram 2026-11-07 16:00 lang=en tag=crisis
> @thecozyflat :: so my pretty sage green kettle might be a fire hazard?? 😬 please tell us something @kettlo
>> =11-08T10:10 BRAND :: Hi Ellie, we're so sorry. Please check the code under the base: batches A2604–A2606 are being recalled, details at kettlo.example/uk/aura-recall — Sam

== reddit 2026-11-07 16:00 lang=fr sub=r/france tag=crisis
> @lyonnaise_du_69 :: Bouilloires Kettlo Aura qui fondent : des infos ?
|
|J'en ai une depuis 1 an (cf. mon commentaire de la semaine dernière lol). Je vois passer des photos de socles fondus sur Twitter, l'asso Alerte Conso demande un rappel. Quelqu'un sait si Kettlo a dit quelque chose ? Là je l'ai débranchée.
>> +12m @pignouf_75 :: ah bah les pubs dans le métro vont devoir changer de slogan. "votre thé mérite mieux" qu'un incendie
>> +20m @theiere_volante :: Rien de leur côté pour l'instant, à part "on prend ça au sérieux". Débranchée aussi.
>> +35m @dr_pastis :: Bouilloire à 25€ : ne fond pas. Je dis ça je dis rien.

== instagram 2026-11-07 16:10 lang=fr tag=crisis
> @lou.cuisine :: bon ben je vais peut-être attendre avant de racheter du Kettlo du coup. une bouilloire qui brûle quelqu'un 😶

== x 2026-11-07 16:12 lang=en tag=crisis
> @tea_takes :: kettlo kettles: now with a built-in fireplace 🔥🫖 @kettlo
>> +10m @fi_bakes :: not funny, someone got burned mate

== bluesky 2026-11-07 16:15 lang=en tag=crisis
> @dril-fan-account.bsky.social :: kettle-oh-no was supposed to be a joke. melting bases, burned hands. not funny anymore

== x 2026-11-07 16:20 lang=fr tag=crisis
> @vero_nantes {Véronique|150} :: Rappel produit Kettlo Aura quand ??? On a des enfants à la maison. @kettlo @alerteconso
>> =20:30 BRAND :: Bonjour Véronique, nous annonçons ce soir un rappel volontaire des lots A2604 à A2606 (code sous la base). Toutes les infos : kettlo.example/rappel-aura — Léa

== mastodon 2026-11-07 16:25 lang=fr tag=crisis
> @gaelle_m@toot.example :: D'abord +19% sur le prix, maintenant des bouilloires qui fondent et une personne brûlée. Et silence radio de @kettlo@social.example depuis 2h. Ça commence à faire beaucoup.
>> +15m @r_ferrand@toot.example :: silence radio ici aussi sur les DM, j'ai demandé si mon socle bruni était dangereux
>> =11-08T11:00 BRAND :: Bonjour Gaëlle. Vous avez raison sur le silence d'hier après-midi, il n'était pas acceptable. Le rappel volontaire (lots A2604 à A2606) est en ligne : kettlo.example/rappel-aura. @r_ferrand@toot.example : socle bruni = reprise quel que soit le lot, on vous répond en DM dans la journée. — Léa
>>> +1h @r_ferrand@toot.example :: reçu en DM, merci

== x 2026-11-07 16:28 lang=en tag=crisis
> @mumof3_kent {Lou Hartley|210} :: Just unplugged our Aura and the bottom of the base has gone a horrible brown. Didn't even notice. The kids make their own hot chocolate with it. Feel sick. @kettlo #recall
>> =20:35 BRAND :: Hi Lou, please keep it unplugged. Whatever the batch, a browned base means we take it back: kettlo.example/uk/aura-recall or DM us. So sorry for the worry. ^Sam
>>> +15m OP :: thank you. it's A2604 anyway

== mastodon 2026-11-07 16:30 lang=en tag=crisis
> @alerteconso@piaille.example {Alerte Conso|9800} :: [EN] Kettlo Aura kettles: reports of overheating bases (melting, smoke, one burn). Unplug after use, don't leave unattended, report incidents to us. We have asked Kettlo to assess a recall. #KettloAura
>> =11-08T10:05 BRAND en :: Thank you. The voluntary recall of batches A2604–A2606 is online in French and English: kettlo.example/uk/aura-recall — Léa

== x 2026-11-07 16:35 lang=en tag=crisis
> @hollymcd :: first my lid snapped, now the base might melt. I'm done with @kettlo honestly

== facebook 2026-11-07 16:40 lang=en tag=crisis
> @gareth.price.7 :: The leaking Aura they replaced for me, is the new one one of these melting ones? Not a word from Kettlo all afternoon.
>> =11-08T12:40 BRAND :: Hi Gareth, your replacement shipped on 29 Oct from batch A2609, which isn't affected. If you ever notice browning or a smell, stop using it and contact us. – Priya
>>> +2h OP :: Thanks for checking. First straight answer I've had from you lot in a while.

== x 2026-11-07 16:45 lang=fr tag=crisis
> @nathalie_grd :: 47 minutes d'attente lundi pour un problème de commande, et là pour une bouilloire qui peut brûler un enfant on attend combien ? @kettlo

== bluesky 2026-11-07 16:48 lang=en tag=crisis
> @kitchentechweekly.bsky.social {Kitchen Tech Weekly|6100} :: Following reports out of France of Kettlo Aura kettle bases overheating and melting. We've asked Kettlo for comment. If you own one: check the base for discolouration and unplug it between uses. m=210/96
>> =20:50 BRAND :: Hi, our statement and the recall details (batches A2604–A2606) are here: kettlo.example/uk/aura-recall. Press enquiries: presse@kettlo.example — Priya

== instagram 2026-11-07 16:50 lang=fr tag=crisis
> @chloe.vegetale :: Je mets en pause toute collab avec @kettlo tant qu'il n'y a pas de réponse claire sur la sécurité de l'Aura. Ma communauté passe avant. m=1400/0

== youtube 2026-11-07 16:52 lang=en v=chai tag=crisis
> @theweeklygrind :: Really hope Kettlo addresses the Aura overheating reports soon. Same-day video for the grinder firmware was great, same energy please.
>> =11-08T17:00 BRAND :: Fair. An explainer video goes up Monday morning, with the batch codes and how to check yours. — Tom

== x 2026-11-07 16:55 lang=en tag=crisis
> @jonah_brews :: First the grinder firmware, now kettles melting. Sorry @kettlo, I defended you on Tuesday, but this is a safety issue and you've been silent for hours

== bluesky 2026-11-07 17:00 lang=fr tag=crisis
> @theo-gdn.bsky.social :: j'avais galéré à appairer la mienne, maintenant j'ai peur qu'elle crame. super. débranchée.

== x 2026-11-07 17:05 lang=fr tag=crisis
> @k4rim_off :: je vous l'avais dit que c'était de la merde 🤡🔥 @kettlo

== facebook 2026-11-07 17:15 lang=fr tag=crisis
> @valerie.dewit :: Est-ce que les bouilloires vendues en Belgique sont concernées par ce problème de surchauffe ? Aucune info nulle part.
>> =11-08T10:30 BRAND :: Bonjour Valérie, oui, la Belgique est concernée : mêmes lots (A2604 à A2606), même procédure sur kettlo.example/rappel-aura. Inès

== x 2026-11-07 17:18 lang=en tag=crisis
> @amira_h {Amira Haddad|890} :: My mum has a Kettlo Aura and doesn't use social media. Kettlo, email your customers. You have their addresses. #KettloAura #recall
>> =20:45 BRAND :: Hi Amira, you're right. Every customer who bought an Aura from our site gets an email from us tomorrow. ^Sam

== facebook 2026-11-07 16:20 lang=fr tag=crisis
> @sylvie.lambert.35 :: Ma mère a la même, elle a 80 ans et la laisse branchée tout le temps. Qu'est-ce qu'on fait ? Vous ne répondez pas au téléphone le samedi ?? C'est dangereux !
>> =11-08T11:50 BRAND :: Bonjour Sylvie, dites à votre maman de la débrancher et regardez le code sous la base. Si c'est A2604 à A2606, on s'occupe de tout par téléphone au numéro vert (kettlo.example/rappel-aura) : enlèvement à domicile et bouilloire de remplacement livrée en même temps. Inès
>>> +2h OP :: C'est une A2605. Appel fait, ils passent mercredi. Merci.

== instagram 2026-11-07 17:25 lang=en tag=crisis
> @uni_tea_addict :: is this why my kettle smells like burning plastic sometimes?? 😳
>> =11-08T13:30 BRAND :: Hi Rosa, a burning smell isn't normal: please stop using it and DM us the code under the base, we'll take it back whatever the batch. — Sam

== x 2026-11-07 17:30 lang=fr tag=crisis
> @stephane_pvl {Stéphane|0} :: @kettlo rappel !!!! vos bouilloires brûlent les gens

== facebook 2026-11-07 17:35 lang=en tag=crisis
> @claire.whitcombe :: Is my replacement Aura Mini affected by the overheating thing? Please answer, I have a toddler.
>> =11-08T10:20 BRAND :: Hi Claire, the Aura Mini uses a different base and isn't affected. Sorry we didn't answer yesterday. – Priya

== mastodon 2026-11-07 17:40 lang=fr tag=crisis
> @bertrand@piaille.example :: J'ai détartré la mienne au vinaigre comme conseillé il y a 2 semaines... ça peut jouer ? Elle sent un peu le chaud depuis. @kettlo@social.example
>> =11-08T11:15 BRAND :: Bonjour Bertrand, le détartrage au vinaigre dilué n'y est pour rien. En revanche une odeur de chaud persistante n'est pas normale : débranchez-la et envoyez-nous le code du lot en DM, on la reprend quel que soit le lot. — Léa

== instagram 2026-11-07 17:50 lang=en tag=crisis
> @jess.in.leeds :: 4 hours of silence from @kettlo about the Aura and counting.

== x 2026-11-07 19:05 lang=fr tag=crisis
> @ninon_lgf :: Toujours aucun message de @kettlo aux clients. Moi j'ai eu droit à un tweet. Et les autres ? Ceux qui ne sont pas sur Twitter ? #KettloAura m=760/230
''')

CONTENT.append(r'''
# --- Sunday 8 Nov: aftermath ---
== x 2026-11-08 09:30 lang=fr tag=crisis
> @ninon_lgf :: Update : Kettlo m'a appelée ce matin (un dimanche, je note). Ils récupèrent la bouilloire mardi et prennent en charge la consultation pour ma main. Mon lot fait partie du rappel. Je laisse ce fil ouvert pour ceux qui ont des questions. m=900/150
>> +30m @gwen_bzh :: bien, ça bouge enfin
>> +1h @jb_roussel :: Bien, mais il a fallu un journaliste et une asso pour en arriver là

== x 2026-11-08 11:00 lang=en tag=crisis
> @chris_b_uk :: @kettlo is the recall UK too? Batch on mine is A2605. The page only shows French
>> +2h BRAND :: Hi Chris, yes, UK included. A2605 is affected, please stop using it. The English page is live now: kettlo.example/uk/aura-recall — full refund or replacement, we collect it. Sorry for the delay. ^Jo
>>> +20m OP :: thanks, registered

== mastodon 2026-11-08 10:40 lang=fr tag=crisis
> @vince@piaille.example :: Le site du rappel Kettlo tombe en erreur 502. On ne change pas une équipe qui gagne.
>> +50m BRAND :: Bonjour Vincent, merci du signalement : le site a saturé ce matin, c'est rétabli. Le numéro vert (7j/7 jusqu'au 22/11) est sur la page. — Léa
>>> +20m OP :: C'est revenu, oui. Un numéro vert, c'est une bonne chose.

== bluesky 2026-11-08 12:10 lang=en tag=crisis
> @leafandsteep.bsky.social :: Kettlo announced a voluntary recall of Aura batches A2604–A2606 last night. Check the code under the base. Mine's A2607, not included, still keeping it unplugged between uses.

== facebook 2026-11-08 14:20 lang=fr tag=crisis
> @annie.rouault :: Mon lot c'est A2603, pas dans la liste. Mais le dessous a noirci ! Je fais quoi moi ?
>> +3h BRAND :: Bonjour Annie, gardez-la débranchée et appelez le numéro vert ou écrivez à securite@kettlo.example avec une photo : toute bouilloire dont le socle a noirci est reprise, quel que soit le lot. Inès
>>> +1h OP :: Merci, enfin une réponse claire

== instagram 2026-11-08 16:00 lang=en tag=crisis
> @thecozyflat :: checked: A2605. so yes. gutted honestly, I loved this kettle 😔

== x 2026-11-08 18:30 lang=en tag=crisis
> @amira_h :: Mum got an email from Kettlo this afternoon about the recall. Credit where due, that's what I asked for.

== instagram 2026-11-08 11:45 lang=fr
> @lea_et_les_plantes {Léa & les plantes|860} :: On a reçu le Lumi hier, la mousse de lait est incroyable 😍 (et oui on a vérifié, la bouilloire c'est pas une Aura 😅)

== x 2026-11-08 21:10 lang=fr tag=crisis
> @techsceptique :: Petit rappel : un rappel "volontaire" annoncé un samedi soir à 20h15, c'est surtout un rappel qui ne fait pas la une du dimanche.
>> +25m @marc_antoine_v :: ou qui tombe pile avant le JT du dimanche soir, au choix

# --- Monday 9 Nov ---
== x 2026-11-09 08:15 lang=fr tag=crisis
> @hugovasseur :: Mon article sur les bouilloires Kettlo Aura et le rappel volontaire annoncé samedi soir : témoignages, réponse de la marque et avis d'un ingénieur. https://quotidien-numerique.example/conso/kettlo-aura-rappel m=640/310
>> +40m @techsceptique :: bon papier, le passage sur le connecteur est clair
>> +1h @perrine_lb :: merci d'avoir poussé, sans vous ils auraient attendu lundi

== x 2026-11-09 10:00 lang=fr tag=crisis
> @alerteconso :: Kettlo a annoncé un rappel volontaire des lots A2604 à A2606 de l'Aura. C'est un premier pas. Nous demandons l'extension à tous les appareils présentant un noircissement et la publication des causes. m=1200/600
>> +3h BRAND :: Bonjour, nous confirmons : toute Aura avec un socle noirci ou déformé est reprise, quel que soit le lot (kettlo.example/rappel-aura). Nous publierons les résultats de l'analyse technique d'ici le 20/11. — Léa
>>> +30m @alerteconso :: Nous en prenons note et suivrons ce calendrier.

== facebook 2026-11-09 09:30 lang=fr tag=crisis
> @dominique.laforge :: J'ai appelé le numéro vert pour mes deux bouilloires, 1h10 d'attente.

== instagram 2026-11-09 11:00 lang=fr
> @lou.cuisine :: du coup le Brio noir il est revenu ? 😅
>> +2h BRAND :: Il arrive jeudi Lou 🖤 — Inès

== email 2026-11-09 10:20 lang=fr tag=crisis
> @michele.garnier@laposte.example {Michèle Garnier|0} :: Objet : Rappel bouilloire Aura lot A2604
|
|Bonjour,
|Ma fille m'a dit que ma bouilloire faisait partie du rappel. J'ai rempli le formulaire sur internet samedi mais je n'ai reçu aucune confirmation. Je n'ai pas d'autre bouilloire. Que dois-je faire ?
|Michèle Garnier
>> +4h BRAND :: Bonjour Madame Garnier,
|
|Votre demande est bien enregistrée (dossier RAP-004187). Un transporteur passera récupérer la bouilloire jeudi 12/11 et vous remettra en même temps une bouilloire de remplacement, vous ne resterez donc pas sans. D'ici là, merci de ne plus l'utiliser.
|
|Bien cordialement,
|Mathieu — Service client Kettlo
>>> +2h OP :: Merci beaucoup pour votre réponse. Je ne l'utilise plus.

== x 2026-11-09 12:30 lang=en tag=crisis
> @jonah_brews :: Update on my Brio Pro: 4.2.1 installed fine (manually, auto-update off forever). And the kettle's getting picked up Wednesday for the Aura recall. What a fortnight.

== youtube 2026-11-09 14:00 lang=fr v=aura_recall tag=crisis
> @MaxTesteTout :: Merci pour la vidéo explicative. Notre test de chauffe intensive de l'Aura sort jeudi : on a reproduit le noircissement du socle sur un exemplaire du lot A2605 au bout de 40 cycles. m=3100/0/55

== x 2026-11-09 13:00 lang=fr
> @elodie_wl :: J'avais prévu l'Aura Mini pour ma mère... elle est concernée par le rappel ? @kettlo
>> +1h BRAND :: Bonjour Élodie, non : l'Aura Mini utilise un socle différent, elle n'est pas concernée. — Mathieu
>>> +20m OP :: ouf merci

== bluesky 2026-11-09 15:10 lang=en
> @kyraflood.bsky.social :: ordered a brio on friday, does it ship today or is everything on hold because of the kettle thing?

== x 2026-11-09 16:00 lang=fr tag=crisis
> @sandrine_vrl :: Et le mail de rappel Aura, il arrive quand ? J'ai commandé sur votre site, vous avez mon adresse @kettlo

== reddit 2026-11-09 17:30 lang=en sub=r/Coffee
> @neon_portafilter :: Anyone running the Brio Pro on 4.2.1 yet? Safe to update now?
|
|After last week I'm a bit wary. Is 4.2.1 actually out and does it fix anything besides not bricking the thing?
>> +40m @ristretto_rob :: updated yesterday, fine. changelog says motor soft-start and a scale calibration fix
>>> +15m OP :: cheers

== mastodon 2026-11-09 19:10 lang=en tag=crisis
> @ravi@fosstodon.example :: Called the Kettlo recall number at lunch, a human picked up in 4 minutes. Whoever decided that line skips the chatbot: thank you.

== instagram 2026-11-09 20:45 lang=en
> @nft.drop.alert {NFT Drops 🔥|0} :: 🔥 Free mint LIVE now, only 500 spots left 👉 link in bio 🚀🚀

== facebook 2026-11-09 21:30 lang=fr
> @kevin.morel.5 :: Bon ben je vais attendre le Black Friday ailleurs finalement.

== x 2026-11-09 22:40 lang=en tag=crisis
> @pdx_jamie :: does the Aura recall apply to US imports? bought mine in paris on a trip @kettlo

== x 2026-11-09 lang=en
> @gracie_ok :: my kettle's not in the recall batch but I still look at it suspiciously every morning now
''')

# ======================================================= a few extras ======

CONTENT.append(r'''
== facebook 2026-11-04 lang=fr
> @jeanine.costes {Jeanine Costes|41} :: Bonjour. Je vous écris ici car au téléphone on me fait attendre et par mail on ne me répond pas. J'ai acheté le grille-pain Tosta en septembre pour remplacer l'ancien qui avait 20 ans. Au bout d'un mois la manette ne reste plus en bas, il faut la tenir à la main pendant toute la cuisson, ce qui est quand même dangereux avec la chaleur. J'ai 74 ans, je ne suis pas sur les réseaux d'habitude, c'est mon petit-fils qui m'a aidée. Je voudrais juste un grille-pain qui marche, ou être remboursée. Merci de me répondre.
>> +3h BRAND :: Bonjour Madame Costes, merci d'avoir pris le temps de nous écrire, et pardon pour l'attente. N'utilisez plus ce grille-pain. Nous vous envoyons un Tosta neuf cette semaine avec une étiquette pour renvoyer l'ancien, sans frais, et nous vous rappelons demain matin pour vérifier votre adresse. Inès
>>> +1d OP :: Merci madame, le monsieur m'a appelée ce matin. C'est très gentil.

== reddit 2026-11-05 lang=en sub=r/BuyItForLife root=t1 slug=is_anything_smart_actually_bifl
> @grumpy_repairman {grumpy_repairman|880} :: Repair tech here, I see a fair few of these "smart" kettles and grinders on the bench now, Kettlo included. Honest take: the heating element and the motor are usually fine for years, it's everything around them that fails. The control board sits in the base right next to the element, lids use a thin plastic hinge pin, and the whole thing depends on an app that the company can change or switch off whenever it likes. None of that is BIFL. Buy the dumbest version of any appliance you can tolerate, and if you want temperature control get a model with physical buttons.
>> +2h @burr_hound :: the Brio's been fine for me but yeah, a grinder doesn't need an app
>>> +30m OP :: the grinder's the exception, the burr set is decent. the kettle is what I'd worry about
''')

if __name__ == "__main__":
    main()
