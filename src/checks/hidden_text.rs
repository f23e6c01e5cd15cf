//! `doc.hidden-text`: characters that make what a reader sees differ from
//! what is stored: bidirectional controls, zero-width and tag characters,
//! soft hyphens, and words that mix scripts (a Cyrillic `а` in `shall`).

use unicode_security::confusable_detection::skeleton;

use super::{Check, Context};
use crate::diagnostic::{Diagnostic, Kind, Severity, Span};
use crate::rule::{RuleMeta, Scope};
use crate::text::{describe_hidden, escape_hidden, hidden_char, odd_letters, word_char};
use crate::verdict::Verdict;

pub const ID: &str = "doc.hidden-text";

pub const CHECK: Check = Check {
    meta: RuleMeta {
        id: ID,
        title: "Hidden or deceptive characters",
        default_severity: Severity::Error,
        decides: &[(Kind::Invalid, Verdict::Incomplete)],
        scope: Scope::Document,
        summary: "invisible characters, bidirectional controls or words mixing scripts",
        doc: "\
## What it checks
Every character of the file, front matter included, for:
- bidirectional controls (U+202A to U+202E, U+2066 to U+2069, the
  left-to-right and right-to-left marks): the order a reader sees is not
  the order the file stores (the \"Trojan Source\" technique);
- zero-width and invisible characters (U+200B ZERO WIDTH SPACE, joiners,
  U+2060 WORD JOINER, U+FEFF other than a byte order mark at the start);
- tag characters (U+E0000 to U+E007F), which carry invisible ASCII;
- soft hyphens (U+00AD), which split a word without showing;
- words that mix scripts, such as `shall` written with a Cyrillic `а`
  (U+0430): it looks the same, but it is not the word the template has.
  Script data is Unicode's (UTS #39); words of one script, and the mixes a
  writing system uses (Japanese), are fine.

A run of hidden characters is one finding naming each code point. Messages
and reports show such characters escaped (`<U+202E>`), never as they are.

## Why the state's review cares
The state, the other party and moulint must all read the same words. An
invisible character changes what a phrase is without changing how it
looks: a duty can read as intact while its stored words differ, or a
lookalike letter can make a required phrase a different word. A draft
with such characters is not finished: its verdict is `incomplete` until
they are removed. (It is not a redline: nothing shows a reviewer what
changed, so there is nothing to review; the characters must go.)

## Example
`The MCP sh<U+0430>ll refer Members` (a Cyrillic `а`) and `The MCP
shall<U+202E> refer` are each reported at the character.

## How to fix
Delete the invisible characters and retype the word with the lookalike
letter. Text pasted from a web page or a PDF often carries them; paste it
as plain text.",
    },
    run,
};

/// The code points of a run, each named, at most eight then how many more.
fn name_all(chars: &[char]) -> String {
    let mut distinct: Vec<char> = Vec::new();
    for &c in chars {
        if !distinct.contains(&c) {
            distinct.push(c);
        }
    }
    let mut s = distinct
        .iter()
        .take(8)
        .map(|&c| describe_hidden(c))
        .collect::<Vec<_>>()
        .join(", ");
    if distinct.len() > 8 {
        s.push_str(&format!(" and {} more", distinct.len() - 8));
    }
    s
}

fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let text = &ctx.doc.source.text;
    // Every hidden character and every lookalike letter is outside ASCII.
    if text.is_ascii() {
        return;
    }
    invisible(text, out);
    mixed_scripts(text, out);
}

/// Runs of hidden characters: one finding per run.
fn invisible(text: &str, out: &mut Vec<Diagnostic>) {
    let mut run: Option<(usize, usize, Vec<char>)> = None;
    let flush = |run: &mut Option<(usize, usize, Vec<char>)>, out: &mut Vec<Diagnostic>| {
        if let Some((start, end, chars)) = run.take() {
            out.push(finding(text, start, end, &chars));
        }
    };
    for (i, c) in non_ascii(text) {
        // A byte order mark opening the file is an encoding mark, not text.
        let hidden = hidden_char(c).is_some() && !(i == 0 && c == '\u{FEFF}');
        if hidden {
            match &mut run {
                Some((_, end, chars)) if *end == i => {
                    *end = i + c.len_utf8();
                    chars.push(c);
                }
                _ => {
                    flush(&mut run, out);
                    run = Some((i, i + c.len_utf8(), vec![c]));
                }
            }
        }
    }
    flush(&mut run, out);
}

fn finding(text: &str, start: usize, end: usize, chars: &[char]) -> Diagnostic {
    let tags: String = chars
        .iter()
        .filter_map(|&c| match c as u32 {
            0xE0020..=0xE007E => char::from_u32(c as u32 - 0xE0000),
            _ => None,
        })
        .collect();
    let what = if chars.len() == 1 {
        "a hidden character".to_string()
    } else {
        format!("{} hidden characters", chars.len())
    };
    let mut msg = format!("{what} in the text: {}", name_all(chars));
    if !tags.is_empty() {
        msg.push_str(&format!(" (tag characters spelling `{tags}`)"));
    }
    let bidi = chars
        .iter()
        .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'));
    let note = if bidi {
        "a bidirectional control shows the text in another order than the one stored: \
         what a reader sees is not what the MOU says"
    } else {
        "an invisible character changes the stored words without changing how they look"
    };
    // Where it sits, for the label: the word around it.
    let before = text[..start]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(start, |(i, _)| i);
    let after = text[end..]
        .char_indices()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(end, |(i, c)| end + i + c.len_utf8());
    let context = escape_hidden(&text[before..after]).into_owned();
    Diagnostic::new(ID, Kind::Invalid, Severity::Error, msg)
        .with_span(Span::from_range(start..end))
        .with_label(if context.len() > 60 {
            "hidden".to_string()
        } else {
            format!("hidden: `{context}`")
        })
        .with_help("delete the character; retype the text around it if it was pasted")
        .with_note(note)
}

/// Words whose letters come from more than one script.
fn mixed_scripts(text: &str, out: &mut Vec<Diagnostic>) {
    let check = |s: usize, e: usize, out: &mut Vec<Diagnostic>| {
        let word = &text[s..e];
        let odd = odd_letters(word);
        if odd.is_empty() {
            return;
        }
        let shown: String = word
            .chars()
            .map(|c| match odd.iter().any(|(o, _)| *o == c) {
                true => format!("<U+{:04X}>", c as u32),
                false => c.to_string(),
            })
            .collect();
        let mut names: Vec<String> = Vec::new();
        for (c, script) in &odd {
            let n = format!("U+{:04X} is a {script} letter", *c as u32);
            if !names.contains(&n) {
                names.push(n);
            }
        }
        let mut msg = format!("`{shown}` mixes scripts: {}", names.join(", "));
        let looks: String = skeleton(word).collect();
        if looks.is_ascii() && looks != word {
            msg.push_str(&format!("; it looks like `{looks}`"));
        }
        out.push(
            Diagnostic::new(ID, Kind::Invalid, Severity::Error, msg)
                .with_span(Span::from_range(s..e))
                .with_label("letters of another script")
                .with_help("retype the word with the letters of one script")
                .with_note(
                    "a lookalike letter makes a different word that reads the same: the \
                     text a reader sees is not the text the MOU holds",
                ),
        );
    };
    // Only a word with a letter outside ASCII can mix scripts: each such
    // letter's word (a run of word characters) is read once.
    let mut checked = 0;
    for (i, c) in non_ascii(text) {
        if i < checked || !word_char(c) {
            continue;
        }
        let start = text[..i]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| word_char(c))
            .last()
            .map_or(i, |(j, _)| j);
        let end = text[i..]
            .char_indices()
            .find(|&(_, c)| !word_char(c))
            .map_or(text.len(), |(j, _)| i + j);
        check(start, end, out);
        checked = end;
    }
}

/// The characters of `text` outside ASCII, with their offsets.
fn non_ascii(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let b = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        at += b[at..].iter().position(|&x| x >= 0x80)?;
        let c = text[at..].chars().next()?;
        let here = at;
        at += c.len_utf8();
        Some((here, c))
    })
}
