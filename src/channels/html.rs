//! The small HTML the networks send (Mastodon statuses, YouTube's
//! `textDisplay`) turned into plain text: paragraphs and line breaks become
//! newlines, character references are decoded, tags go, and every piece of
//! text stays (a link's full address is its text; nothing is summarised).
//! Sanitising for the terminal happens at draw time, not here.

/// Converts an HTML fragment to plain text.
pub fn html_to_text(html: &str) -> String {
    convert(html, &|_| None)
}

/// Like [`html_to_text`], with mention links (`<a class="mention" href=…>`)
/// rewritten by `mention`, given the link's address: Mastodon shows
/// `@user`, we keep the full `@user@host` the address stands for.
pub(crate) fn convert(html: &str, mention: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = Writer::default();
    let mut rest = html;
    // Inside a mention link we replaced: its own text is dropped.
    let mut skipping_anchor = false;
    let mut pre = 0usize;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if !skipping_anchor {
                out.text(rest, pre > 0);
            }
            break;
        };
        if lt > 0 && !skipping_anchor {
            out.text(&rest[..lt], pre > 0);
        }
        let after = &rest[lt..];
        if let Some(body) = after.strip_prefix("<!--") {
            rest = match body.find("-->") {
                Some(end) => &body[end + 3..],
                None => "",
            };
            continue;
        }
        let starts_tag = after[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        let end = after.find('>');
        let (Some(end), true) = (end, starts_tag) else {
            // A lone `<` is text (well-formed HTML would have escaped it).
            if !skipping_anchor {
                out.text("<", pre > 0);
            }
            rest = &after[1..];
            continue;
        };
        let tag = Tag::parse(&after[1..end]);
        rest = &after[end + 1..];
        match (tag.name.as_str(), tag.closing) {
            ("a", false) => {
                let is_mention = tag
                    .attr("class")
                    .is_some_and(|c| c.split_whitespace().any(|c| c == "mention"))
                    && !tag
                        .attr("class")
                        .is_some_and(|c| c.split_whitespace().any(|c| c == "hashtag"));
                if is_mention && let Some(handle) = tag.attr("href").and_then(|h| mention(&h)) {
                    out.text(&handle, true);
                    skipping_anchor = true;
                }
            }
            ("a", true) => skipping_anchor = false,
            ("br", _) => out.newline(),
            ("p", _) => out.block(2),
            ("pre", closing) => {
                out.block(1);
                pre = if closing {
                    pre.saturating_sub(1)
                } else {
                    pre + 1
                };
            }
            ("li", false) => {
                out.block(1);
                out.text("- ", true);
            }
            (
                "div" | "blockquote" | "ul" | "ol" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                | "tr" | "hr",
                _,
            ) => out.block(1),
            _ => {}
        }
    }
    out.finish()
}

#[derive(Default)]
struct Writer {
    out: String,
    /// Newlines owed before the next text (a block boundary).
    pending: usize,
    /// The last character written is collapsible white space.
    space: bool,
}

impl Writer {
    fn text(&mut self, raw: &str, verbatim: bool) {
        let decoded = super::decode_entities(raw);
        for c in decoded.chars() {
            // Source line breaks and runs of spaces are layout, not content,
            // except inside <pre>. (A decoded no-break space is content.)
            if !verbatim && matches!(c, ' ' | '\n' | '\t' | '\r' | '\u{c}') {
                if !self.out.is_empty() && !self.space && self.pending == 0 {
                    self.out.push(' ');
                    self.space = true;
                }
                continue;
            }
            if c == '\r' {
                continue;
            }
            self.flush_pending();
            self.out.push(c);
            self.space = c == ' ' || c == '\n';
        }
    }

    fn flush_pending(&mut self) {
        if self.pending == 0 {
            return;
        }
        if !self.out.is_empty() {
            while self.out.ends_with(' ') {
                self.out.pop();
            }
            let have = self.out.len() - self.out.trim_end_matches('\n').len();
            for _ in have..self.pending {
                self.out.push('\n');
            }
        }
        self.pending = 0;
    }

    fn newline(&mut self) {
        self.flush_pending();
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        self.out.push('\n');
        self.space = true;
    }

    fn block(&mut self, newlines: usize) {
        self.pending = self.pending.max(newlines);
    }

    fn finish(self) -> String {
        let text: Vec<&str> = self.out.lines().map(str::trim_end).collect();
        text.join("\n").trim_matches('\n').to_string()
    }
}

struct Tag {
    name: String,
    closing: bool,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn parse(inner: &str) -> Tag {
        let inner = inner.trim().trim_end_matches('/');
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, inner),
        };
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let name = inner[..name_end].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut rest = &inner[name_end..];
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() {
                break;
            }
            let key_end = rest
                .find(|c: char| c.is_whitespace() || c == '=')
                .unwrap_or(rest.len());
            let key = rest[..key_end].to_ascii_lowercase();
            rest = rest[key_end..].trim_start();
            let value = if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start();
                let (value, remaining) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let body = &after[1..];
                        match body.find(q) {
                            Some(end) => (&body[..end], &body[end + 1..]),
                            None => (body, ""),
                        }
                    }
                    _ => {
                        let end = after.find(char::is_whitespace).unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                rest = remaining;
                super::decode_entities(value)
            } else {
                String::new()
            };
            if key.is_empty() {
                // Stray characters: move on rather than loop forever.
                rest = rest.get(1..).unwrap_or("");
                continue;
            }
            attrs.push((key, value));
        }
        Tag {
            name,
            closing,
            attrs,
        }
    }

    fn attr(&self, key: &str) -> Option<String> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_breaks_and_entities() {
        assert_eq!(
            html_to_text("<p>Bonjour &amp; merci&#33;</p><p>Ligne 1<br>Ligne 2<br />fin</p>"),
            "Bonjour & merci!\n\nLigne 1\nLigne 2\nfin"
        );
        assert_eq!(
            html_to_text("l&#39;eau &lt;3 &quot;ok&quot; caf&eacute;"),
            "l'eau <3 \"ok\" café"
        );
        assert_eq!(html_to_text("a\n   b"), "a b");
        assert_eq!(html_to_text("2 < 3 and 4 > 1"), "2 < 3 and 4 > 1");
        assert_eq!(html_to_text(""), "");
    }

    #[test]
    fn links_keep_their_whole_address() {
        let html = r#"<p>voir <a href="https://kettlo.example/aide/detartrage" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="ellipsis">kettlo.example/aide/detart</span><span class="invisible">rage</span></a> et <a href="https://social.example/tags/Kettlo" class="mention hashtag" rel="tag">#<span>Kettlo</span></a></p>"#;
        assert_eq!(
            html_to_text(html),
            "voir https://kettlo.example/aide/detartrage et #Kettlo"
        );
    }

    #[test]
    fn mentions_become_full_handles() {
        let html = r#"<p><span class="h-card" translate="no"><a href="https://social.example/@kettlo" class="u-url mention">@<span>kettlo</span></a></span> salut</p>"#;
        let text = convert(html, &|href| {
            (href == "https://social.example/@kettlo").then(|| "@kettlo@social.example".into())
        });
        assert_eq!(text, "@kettlo@social.example salut");
        // Unknown mentions keep their text.
        assert_eq!(html_to_text(html), "@kettlo salut");
    }

    #[test]
    fn broken_markup_never_loses_text() {
        assert_eq!(html_to_text("<p>unclosed <b>bold"), "unclosed bold");
        assert_eq!(html_to_text("a <b"), "a <b");
        assert_eq!(html_to_text("<!-- hidden -->shown"), "shown");
        assert_eq!(html_to_text("<a href=\"x\">link"), "link");
        assert_eq!(
            html_to_text("<ul><li>one</li><li>two</li></ul>"),
            "- one\n- two"
        );
        assert_eq!(html_to_text("<pre>a\n  b</pre>"), "a\n  b");
        assert_eq!(
            html_to_text("emoji ☕ 日本語 &#x1F44D;"),
            "emoji ☕ 日本語 👍"
        );
    }
}
