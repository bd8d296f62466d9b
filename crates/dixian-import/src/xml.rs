//! The XML of `word/document.xml` as a stream of tags and text: what [`crate::docx`] needs and no more.
//! A Word document part has no DTD, no external entities and no namespaces that matter beyond the tag's
//! local name, so elements, text, character and the five predefined entity references, CDATA, comments
//! and processing instructions are all there is. Written here rather than taken from an XML crate to
//! keep the browser build within its size budget (the one reader of `document.xml`, `numbering.xml` and
//! the writer of tracked changes alike); end tags are checked against their start tags, so
//! broken XML is an error rather than a garbled text.

use std::ops::Range;

/// One piece of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event<'a> {
    /// A start tag, by local name (`w:p` → `p`).
    Start(&'a str),
    /// An end tag, by local name.
    End(&'a str),
    /// A self-closing tag (`<w:tab/>`), by local name.
    Empty(&'a str),
    /// Character data, references resolved and line ends normalised as XML 1.0 requires.
    Text(String),
}

/// The attributes of a start or self-closing tag, as written after its name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attributes<'a>(&'a str);

impl Attributes<'_> {
    /// The value of the attribute named `local` (`w:val` → `val`), references resolved.
    pub fn get(&self, local_name: &str) -> Option<String> {
        let mut rest = self.0;
        loop {
            let eq = rest.find('=')?;
            let name = rest.get(..eq)?.trim();
            let after = rest.get(eq + 1..)?.trim_start();
            let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let body = after.get(1..)?;
            let end = body.find(quote)?;
            if local(name) == local_name {
                return text(body.get(..end)?, 0).ok();
            }
            rest = body.get(end + 1..)?;
        }
    }
}

/// Reads `xml` into events, calling `on` for each. The error says what is wrong and the byte where.
pub fn read<'a>(xml: &'a str, mut on: impl FnMut(Event<'a>)) -> Result<(), String> {
    read_with_attributes(xml, |event, _| on(event))
}

/// As [`read`], with the attributes of each start and self-closing tag (empty for other events).
pub fn read_with_attributes<'a>(
    xml: &'a str,
    mut on: impl FnMut(Event<'a>, Attributes<'a>),
) -> Result<(), String> {
    read_with_ranges(xml, &mut |event, attributes, _| on(event, attributes))
}

/// As [`read_with_attributes`], with where each event is written in `xml` (the whole tag, the raw text),
/// for a writer that copies everything else as it was ([`crate::docx_revise`]). Not generic, so one
/// copy serves every reader.
pub fn read_with_ranges<'a>(
    xml: &'a str,
    on: &mut dyn FnMut(Event<'a>, Attributes<'a>, Range<usize>),
) -> Result<(), String> {
    let none = Attributes::default();
    let mut open: Vec<&'a str> = Vec::new();
    let mut at = 0;
    while at < xml.len() {
        let rest = xml.get(at..).unwrap_or("");
        let Some(lt) = rest.find('<') else {
            on(Event::Text(text(rest, at)?), none, at..xml.len());
            break;
        };
        if lt > 0 {
            on(
                Event::Text(text(rest.get(..lt).unwrap_or(""), at)?),
                none,
                at..at + lt,
            );
        }
        at += lt;
        let tag = xml.get(at..).unwrap_or("");
        let skip_to = |end: &str, what: &str| {
            tag.find(end)
                .map(|i| i + end.len())
                .ok_or_else(|| format!("第 {at} 字节处的{what}没有结束"))
        };
        if tag.starts_with("<?") {
            at += skip_to("?>", "处理指令")?;
        } else if tag.starts_with("<!--") {
            at += skip_to("-->", "注释")?;
        } else if let Some(cdata) = tag.strip_prefix("<![CDATA[") {
            let end = cdata
                .find("]]>")
                .ok_or_else(|| format!("第 {at} 字节处的 CDATA 没有结束"))?;
            let len = "<![CDATA[".len() + end + "]]>".len();
            on(
                Event::Text(newlines(cdata.get(..end).unwrap_or(""))),
                none,
                at..at + len,
            );
            at += len;
        } else if tag.starts_with("<!") {
            at += skip_to(">", "声明")?;
        } else {
            let len = tag_len(tag).ok_or_else(|| format!("第 {at} 字节处的标签没有结束"))?;
            let inner = tag.get(1..len - 1).unwrap_or("");
            if let Some(name) = inner.strip_prefix('/') {
                let name = name.trim();
                match open.pop() {
                    Some(start) if start == name => on(Event::End(local(name)), none, at..at + len),
                    Some(start) => {
                        return Err(format!(
                            "第 {at} 字节处的结束标签 </{name}> 与开始标签 <{start}> 不配对"
                        ));
                    }
                    None => return Err(format!("第 {at} 字节处的结束标签 </{name}> 多余")),
                }
            } else if let Some(inner) = inner.strip_suffix('/') {
                let name = name_of(inner);
                on(
                    Event::Empty(local(name)),
                    attributes(inner, name),
                    at..at + len,
                );
            } else {
                let name = name_of(inner);
                open.push(name);
                on(
                    Event::Start(local(name)),
                    attributes(inner, name),
                    at..at + len,
                );
            }
            at += len;
        }
    }
    match open.last() {
        Some(name) => Err(format!("标签 <{name}> 没有结束")),
        None => Ok(()),
    }
}

/// The length of the tag at the start of `s` (`<` to `>` inclusive), quotes respected.
fn tag_len(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// What follows the tag's name: its attributes.
fn attributes<'a>(inner: &'a str, name: &str) -> Attributes<'a> {
    Attributes(inner.get(name.len()..).unwrap_or(""))
}

/// The namespace prefix of the tag written at the start of `raw` (`<w:p …>` → `w:`).
pub fn prefix(raw: &str) -> &str {
    let name = name_of(
        raw.trim_start_matches(['<', '/'])
            .trim_end_matches(['>', '/']),
    );
    name.get(..name.len() - local(name).len()).unwrap_or("")
}

/// `text` with the five characters XML reserves written as references.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn name_of(inner: &str) -> &str {
    inner
        .split(|c: char| c.is_ascii_whitespace())
        .next()
        .unwrap_or("")
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

fn newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Character data with its references resolved.
fn text(raw: &str, at: usize) -> Result<String, String> {
    let raw = newlines(raw);
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw.as_str();
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        let semi = after
            .find(';')
            .filter(|&i| i <= 10)
            .ok_or_else(|| format!("第 {at} 字节后有未结束的实体引用“&”"))?;
        let name = after.get(..semi).unwrap_or("");
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse::<u32>))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        // Word writes no other entity; an unknown one is left out, as a reader without the DTD would.
        if let Some(c) = c {
            out.push(c);
        }
        rest = after.get(semi + 1..).unwrap_or("");
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn events(xml: &str) -> Result<Vec<Event<'_>>, String> {
        let mut out = Vec::new();
        read(xml, |e| out.push(e))?;
        Ok(out)
    }

    #[test]
    fn tags_text_references_and_cdata() {
        let xml = "<?xml version=\"1.0\"?><!-- c --><w:p a=\"x>y\"><w:t>A &amp; B&#x4E00;&#20108;\r\n</w:t><w:tab/><![CDATA[<i>]]></w:p>";
        assert_eq!(
            events(xml).unwrap(),
            vec![
                Event::Start("p"),
                Event::Start("t"),
                Event::Text("A & B一二\n".into()),
                Event::End("t"),
                Event::Empty("tab"),
                Event::Text("<i>".into()),
                Event::End("p"),
            ]
        );
    }

    #[test]
    fn broken_xml_is_an_error() {
        for bad in [
            "<w:document><w:p></w:document>",
            "<a>",
            "</a>",
            "<a b=\"1>",
            "<a>AT&T</a>",
            "<!-- open",
        ] {
            assert!(events(bad).is_err(), "{bad}");
        }
    }
}
