//! The HTML the public page is made of. The page is published on the open
//! web and every value in it comes from a document someone else wrote, so
//! everything goes through here: text and attribute values are escaped,
//! only `http://` and `https://` addresses become links, and the page
//! carries a Content-Security-Policy that forbids scripts and every load.

use std::fmt::Write as _;

pub use crate::emit::redline::html::escape;

/// No script, no load of any kind; the inline style only. `base-uri` and
/// `form-action` are not covered by `default-src`.
pub const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const CSS: &str = "\
:root{color-scheme:light}
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#111;max-width:64rem;margin:2rem auto;padding:0 1rem;overflow-wrap:anywhere}
h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:1px solid #999;margin-top:2rem}h3{font-size:1.05rem}
table{border-collapse:collapse;margin:.6rem 0 1.2rem;width:100%}
th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f2f2f2}
.meta{color:#555;font-size:.9rem}
.none{color:#a00}.later{color:#777}.problem{color:#a00}
nav a{margin-right:1rem}
";

/// A whole page: `title` and `body` (already HTML).
pub fn page(title: &str, body: &str) -> String {
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        o,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
    );
    o.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(o, "<title>{}</title>", escape(title));
    let _ = writeln!(o, "<style>\n{CSS}</style>\n</head>\n<body>");
    o.push_str(body);
    o.push_str("</body>\n</html>\n");
    o
}

/// `url` when it is an address a reader may follow: `http://` or
/// `https://` (any case), with no space or control character anywhere (a
/// browser drops those, which could turn `java\tscript:` into a scheme).
pub fn web_address(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    let scheme = lower.starts_with("http://") || lower.starts_with("https://");
    let clean = !u.chars().any(|c| c.is_whitespace() || c.is_control());
    let host = u
        .split_once("://")
        .is_some_and(|(_, rest)| !rest.is_empty());
    (scheme && clean && host).then_some(u)
}

/// `text` linked to `url` when the address is a web address; otherwise
/// the text alone, then the address as text, so nothing is lost and
/// nothing unsafe is clickable.
pub fn link(url: &str, text: &str) -> String {
    match web_address(url) {
        Some(u) => format!(
            "<a href=\"{}\" rel=\"noopener noreferrer nofollow\">{}</a>",
            escape(u),
            escape(text)
        ),
        None if url.trim() == text.trim() => {
            format!(
                "{} <span class=\"problem\">(not a web address: not linked)</span>",
                escape(text)
            )
        }
        None => format!(
            "{} <span class=\"problem\">(<code>{}</code> is not a web address: not linked)</span>",
            escape(text),
            escape(url)
        ),
    }
}

/// A link to another page of the site (a name the site made itself).
pub fn local(name: &str, text: &str) -> String {
    format!("<a href=\"{}\">{}</a>", escape(name), escape(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_links() {
        assert!(web_address("https://example.org/mou.pdf").is_some());
        assert!(web_address("HTTP://example.org").is_some());
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>",
            "java\tscript:alert(1)",
            "https://exa mple.org",
            "https://",
            "//example.org",
            "file:///etc/passwd",
            "vbscript:x",
            "https\u{0}://x",
        ] {
            assert!(web_address(bad).is_none(), "{bad:?}");
        }
        let l = link("javascript:alert(1)", "the MOU");
        assert!(!l.contains("href"), "{l}");
        let l = link("https://e.org/?a=\"><script>", "<b>x</b>");
        assert!(!l.contains("<script>") && !l.contains("<b>"), "{l}");
        assert!(l.contains("&quot;&gt;&lt;script&gt;"), "{l}");
    }

    #[test]
    fn the_page_forbids_scripts_and_escapes_its_title() {
        let p = page("<script>alert(1)</script>", "");
        assert!(p.contains("default-src 'none'"));
        assert!(!p.contains("<script>"));
    }
}
