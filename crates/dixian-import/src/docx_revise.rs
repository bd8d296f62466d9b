//! A `.docx` revised as Word tracked changes: each edit of the document's plain text (as
//! [`crate::docx::text`] reads it) becomes `w:del` around the words struck and `w:ins` around the words
//! added, author “dixian”, dated. Only the runs an edit touches are rewritten (split where the edit
//! starts and ends, each piece keeping its run's formatting); every other byte of `document.xml`, and
//! every other entry of the package, is copied as it was.

use crate::docx::MAX_DOCUMENT_XML_BYTES;
use crate::xml::{self, Event};
use dixian_core::LoadError;
use dixian_core::fix::TextEdit;

/// One piece of a run's content.
#[derive(Clone, Debug)]
enum Item {
    /// The text of a `w:t`.
    Text(String),
    /// Any other child (a tab, a break, a drawing), as written, with the character it reads as.
    Other { xml: String, reads: Option<char> },
}

/// A visible run: where it is in the XML, its opening tag and formatting, and its content.
#[derive(Clone, Debug)]
struct Run {
    start: usize,
    end: usize,
    open: String,
    /// `w:` (or whatever prefix the document uses for the WordprocessingML namespace).
    prefix: String,
    rpr: String,
    items: Vec<Item>,
    /// Inside an earlier tracked insertion (another reviewer's).
    inserted: bool,
    /// That insertion's opening tag, when the run is its direct child: words struck there are
    /// deleted inside it, and words added close it, stand in an insertion of their own, and open it
    /// again.
    within: Option<String>,
}

#[derive(Clone, Debug, Default)]
struct Paragraph {
    runs: Vec<Run>,
    in_table: bool,
    /// Where the paragraph's XML ends.
    end: usize,
    /// The `w:p` tag's prefix (`w:`).
    prefix: String,
    /// Its properties (`w:pPr`) as written, or empty.
    ppr: String,
    /// For a paragraph in a table, where the outermost table ends.
    table_end: Option<usize>,
    /// For a paragraph in a table, where its (innermost) row starts, and its whole range once read.
    row_start: Option<usize>,
    row: Option<(usize, usize)>,
    /// Where its (innermost) cell starts.
    cell: Option<usize>,
}

impl Paragraph {
    /// The visible characters, each with its run and item.
    fn chars(&self) -> Vec<(char, usize, usize)> {
        let mut out = Vec::new();
        for (ri, run) in self.runs.iter().enumerate() {
            for (ii, item) in run.items.iter().enumerate() {
                match item {
                    Item::Text(t) => out.extend(t.chars().map(|c| (c, ri, ii))),
                    Item::Other { reads: Some(c), .. } => out.push((*c, ri, ii)),
                    Item::Other { .. } => {}
                }
            }
        }
        out
    }
}

/// Elements whose text the reader of the document does not see (as in [`crate::docx`]).
const HIDDEN: [&str; 5] = ["del", "moveFrom", "instrText", "delText", "Fallback"];

/// The paragraphs of `document.xml` with their visible runs, in document order.
fn paragraphs(xml: &str) -> Result<Vec<Paragraph>, String> {
    let mut done = Vec::new();
    let mut open: Vec<Paragraph> = Vec::new();
    let (mut hidden, mut inserted, mut tables) = (0usize, 0usize, 0usize);
    // How deep the reader is, and the open insertions with the depth of their children.
    let mut depth = 0usize;
    let mut insertions: Vec<(String, usize)> = Vec::new();
    // The first paragraph of the outermost open table, and where the open paragraph's pPr starts.
    let mut table_from = 0usize;
    // The starts of the open rows and cells.
    let (mut rows, mut cells): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let mut ppr_from: Option<usize> = None;
    let mut run: Option<Run> = None;
    // Inside a run: the depth of the child being captured and where it started.
    let mut child: Option<(usize, usize)> = None;
    let mut text: Option<String> = None;
    let mut rpr_from: Option<usize> = None;
    xml::read_with_ranges(xml, &mut |event, _, range| {
        let (before, after) = (range.start, range.end);
        let slice = || xml.get(range.clone()).unwrap_or("").to_owned();
        let prefix = || xml::prefix(xml.get(range.clone()).unwrap_or("")).to_owned();
        match event {
            Event::Start(name) => {
                depth += 1;
                if let Some((depth, _)) = child.as_mut() {
                    *depth += 1;
                    return;
                }
                if HIDDEN.contains(&name) {
                    hidden += 1;
                }
                match name {
                    "p" => open.push(Paragraph {
                        in_table: tables > 0,
                        prefix: prefix(),
                        row_start: rows.last().copied(),
                        cell: cells.last().copied(),
                        ..Paragraph::default()
                    }),
                    "tr" => rows.push(before),
                    "tc" => cells.push(before),
                    "pPr" if run.is_none() && !open.is_empty() => ppr_from = Some(before),
                    "tbl" => {
                        if tables == 0 {
                            table_from = done.len();
                        }
                        tables += 1;
                    }
                    "ins" => {
                        inserted += 1;
                        insertions.push((slice(), depth + 1));
                    }
                    "r" if hidden == 0 && run.is_none() => {
                        let within = insertions
                            .last()
                            .filter(|(_, children)| *children == depth)
                            .map(|(open, _)| open.clone());
                        run = Some(Run {
                            start: before,
                            end: after,
                            open: slice(),
                            prefix: prefix(),
                            rpr: String::new(),
                            items: Vec::new(),
                            inserted: inserted > 0,
                            within,
                        });
                    }
                    "rPr" if run.is_some() => rpr_from = Some(before),
                    "t" if run.is_some() && hidden == 0 => text = Some(String::new()),
                    _ if run.is_some() && rpr_from.is_none() && text.is_none() => {
                        child = Some((1, before));
                    }
                    _ => {}
                }
            }
            Event::End(name) => {
                depth = depth.saturating_sub(1);
                if let Some((depth, from)) = child.as_mut() {
                    *depth -= 1;
                    if *depth == 0 {
                        let from = *from;
                        child = None;
                        if let Some(r) = run.as_mut() {
                            r.items.push(Item::Other {
                                xml: xml.get(from..after).unwrap_or("").to_owned(),
                                reads: None,
                            });
                        }
                    }
                    return;
                }
                if HIDDEN.contains(&name) {
                    hidden = hidden.saturating_sub(1);
                }
                match name {
                    "p" => {
                        if let Some(mut p) = open.pop() {
                            p.end = after;
                            done.push(p);
                        }
                    }
                    "pPr" => {
                        if let (Some(from), Some(p)) = (ppr_from.take(), open.last_mut()) {
                            p.ppr = xml.get(from..after).unwrap_or("").to_owned();
                        }
                    }
                    "tr" => {
                        if let Some(start) = rows.pop() {
                            for p in done.iter_mut().filter(|p| p.row_start == Some(start)) {
                                p.row = Some((start, after));
                            }
                        }
                    }
                    "tc" => {
                        cells.pop();
                    }
                    "tbl" => {
                        tables = tables.saturating_sub(1);
                        if tables == 0 {
                            for p in done.iter_mut().skip(table_from) {
                                p.table_end = Some(after);
                            }
                        }
                    }
                    "ins" => {
                        inserted = inserted.saturating_sub(1);
                        insertions.pop();
                    }
                    "rPr" => {
                        if let (Some(from), Some(r)) = (rpr_from.take(), run.as_mut()) {
                            r.rpr = xml.get(from..after).unwrap_or("").to_owned();
                        }
                    }
                    "t" => {
                        if let (Some(t), Some(r)) = (text.take(), run.as_mut()) {
                            r.items.push(Item::Text(t));
                        }
                    }
                    "r" => {
                        if let Some(mut r) = run.take() {
                            r.end = after;
                            if let Some(p) = open.last_mut() {
                                p.runs.push(r);
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(name) => {
                if child.is_some() || rpr_from.is_some() {
                    return;
                }
                match (name, run.as_mut()) {
                    ("rPr", Some(r)) => r.rpr = slice(),
                    ("pPr", None) => {
                        if let Some(p) = open.last_mut() {
                            p.ppr = slice();
                        }
                    }
                    ("p", None) => done.push(Paragraph {
                        in_table: tables > 0,
                        end: after,
                        prefix: prefix(),
                        row_start: rows.last().copied(),
                        cell: cells.last().copied(),
                        ..Paragraph::default()
                    }),
                    (_, Some(r)) if hidden == 0 => {
                        let reads = match name {
                            "tab" => Some('\t'),
                            "br" | "cr" => Some('\n'),
                            "noBreakHyphen" => Some('-'),
                            _ => None,
                        };
                        r.items.push(Item::Other {
                            xml: slice(),
                            reads,
                        });
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let (Some(s), None) = (text.as_mut(), child) {
                    s.push_str(&t);
                }
            }
        }
    })?;
    Ok(done)
}

/// Where each paragraph's text starts in the document's plain text, found in order; `None` for a
/// paragraph whose text is not there as read (an empty one).
///
/// A paragraph the writer reads otherwise than the reader (words in a text box or a ruby, which the
/// reader shows and the writer leaves as they are) is not found, and looking for it reads the rest
/// of the document: thousands of them took minutes. So the searches that find nothing may read
/// twice the text in all; after that, a paragraph is looked for only just past the last one found.
fn locate(
    plain: &str,
    paragraphs: &[Paragraph],
    chars: &[Vec<(char, usize, usize)>],
) -> Vec<Option<(usize, String)>> {
    const NEAR: usize = 256;
    let mut cursor = 0;
    let mut budget = plain.len().saturating_mul(2);
    paragraphs
        .iter()
        .zip(chars)
        .map(|(p, chars)| {
            let text: String = chars.iter().map(|c| c.0).collect();
            let shown = if p.in_table {
                text.trim()
            } else {
                text.as_str()
            };
            if shown.is_empty() {
                return None;
            }
            let rest = plain.get(cursor..)?;
            let mut limit = if budget > 0 {
                rest.len()
            } else {
                rest.len().min(shown.len() + NEAR)
            };
            while !rest.is_char_boundary(limit) {
                limit -= 1;
            }
            let Some(found) = rest.get(..limit).and_then(|r| r.find(shown)) else {
                budget = budget.saturating_sub(limit);
                return None;
            };
            let at = cursor + found;
            cursor = at + shown.len();
            let lead = text.len() - text.trim_start().len();
            let lead = if p.in_table { lead } else { 0 };
            Some((at - lead, text))
        })
        .collect()
}

/// The revision marks of one paragraph: per visible character whether it is struck, and what is
/// inserted after which character (`None`: before the first).
#[derive(Default)]
struct Marks {
    struck: Vec<bool>,
    inserts: Vec<(Option<usize>, String)>,
}

impl Marks {
    /// The words inserted after character `after` (`None`: before the first), in the order of the
    /// edits. `inserts` must be sorted by where they go (stably, so the order of the edits stays).
    fn inserted(&self, after: Option<usize>) -> impl Iterator<Item = &str> {
        let from = self.inserts.partition_point(|(a, _)| *a < after);
        self.inserts
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(move |(a, _)| *a == after)
            .map(|(_, words)| words.as_str())
    }
}

/// Writes the tracked changes into `document.xml`; returns the new XML and which edits were made
/// (their indices).
pub fn revise_xml(
    xml: &str,
    plain: &str,
    edits: &[TextEdit],
    date: &str,
) -> Result<(String, Vec<usize>), String> {
    let paragraphs = paragraphs(xml)?;
    // Each paragraph's characters, read once: every edit and every run looks them up, and read for
    // each, a paragraph of thousands of runs (a contract on one line) took minutes.
    let chars: Vec<Vec<(char, usize, usize)>> = paragraphs.iter().map(Paragraph::chars).collect();
    let located = locate(plain, &paragraphs, &chars);
    // The located paragraphs in the order they start, and where each of their characters starts.
    let mut starts: Vec<(usize, usize)> = located
        .iter()
        .enumerate()
        .filter_map(|(pi, l)| Some((l.as_ref()?.0, pi)))
        .collect();
    dixian_core::sort::sort_by_key(&mut starts, |s| s.0);
    let offsets: Vec<Vec<usize>> = located
        .iter()
        .map(|l| {
            l.as_ref()
                .map(|(_, text)| text.char_indices().map(|(i, _)| i).collect())
                .unwrap_or_default()
        })
        .collect();
    let mut marks: Vec<Marks> = chars
        .iter()
        .map(|c| Marks {
            struck: vec![false; c.len()],
            inserts: Vec::new(),
        })
        .collect();
    let mut applied = Vec::new();
    let mut next_id = max_id(xml).saturating_add(1);
    let mut replacements: Vec<(usize, usize, String)> = Vec::new();
    for (k, e) in edits.iter().enumerate() {
        if let Some(model) = e.with.strip_prefix('\n').filter(|_| e.start == e.end) {
            // The clause's indent, when typed as spaces (　　第四条…), stays the new paragraph's.
            let indent: String = model
                .chars()
                .take_while(|c| matches!(c, ' ' | '\u{3000}'))
                .collect();
            let words = format!("{indent}{}", model.trim());
            if let Some((at, new)) = new_paragraph(
                xml,
                &paragraphs,
                &located,
                e.start,
                &words,
                date,
                &mut next_id,
            ) {
                replacements.push((at, at, new));
                applied.push(k);
            }
            continue;
        }
        let fits = |&(_, pi): &(usize, usize)| {
            let (at, text) = located.get(pi)?.as_ref()?;
            let (s, end) = (e.start.checked_sub(*at)?, e.end.checked_sub(*at)?);
            (end <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(end)).then(
                || {
                    let starts = offsets.get(pi).map_or(&[][..], Vec::as_slice);
                    let char_at = |b: usize| starts.partition_point(|&o| o < b);
                    (pi, char_at(s), char_at(end))
                },
            )
        };
        // The last paragraph starting at or before the edit, or the one before it where the edit is
        // at the point where one ends and the other starts (the earlier takes it).
        let last = starts.partition_point(|(at, _)| *at <= e.start);
        let found = starts
            .get(last.saturating_sub(2)..last)
            .unwrap_or_default()
            .iter()
            .find_map(fits);
        let Some((pi, s, end)) = found else { continue };
        let (Some(m), Some(p), Some(chars)) =
            (marks.get_mut(pi), paragraphs.get(pi), chars.get(pi))
        else {
            continue;
        };
        // Words in another reviewer's insertion are revised only where the insertion can be split
        // around the new words (the run is its direct child).
        let touches_insertion = (s..end.max(s + 1)).filter_map(|i| chars.get(i)).any(|c| {
            p.runs
                .get(c.1)
                .is_some_and(|r| r.inserted && r.within.is_none())
        });
        if touches_insertion {
            continue;
        }
        for i in s..end {
            if let Some(b) = m.struck.get_mut(i) {
                *b = true;
            }
        }
        if !e.with.is_empty() {
            m.inserts.push((end.checked_sub(1), e.with.clone()));
        }
        applied.push(k);
    }
    for ((p, m), chars) in paragraphs.iter().zip(&mut marks).zip(&chars) {
        if !m.struck.contains(&true) && m.inserts.is_empty() {
            continue;
        }
        dixian_core::sort::sort_by_key(&mut m.inserts, |i| i.0);
        // Each run's characters: the paragraph's come run by run, so a run's are one range.
        let mut ranges = vec![0..0; p.runs.len()];
        for (i, c) in chars.iter().enumerate() {
            if let Some(r) = ranges.get_mut(c.1) {
                if r.start == r.end {
                    r.start = i;
                }
                r.end = i + 1;
            }
        }
        for (ri, (run, mine)) in p.runs.iter().zip(ranges).enumerate() {
            let struck = m
                .struck
                .get(mine.clone())
                .is_some_and(|s| s.contains(&true));
            let first_run_with_text = chars.first().map(|c| c.1) == Some(ri);
            let inserts_here = (first_run_with_text && m.inserted(None).next().is_some())
                || mine.clone().any(|i| m.inserted(Some(i)).next().is_some());
            if !struck && !inserts_here {
                continue;
            }
            let new = rewrite_run(run, mine, m, first_run_with_text, date, &mut next_id);
            replacements.push((run.start, run.end, new));
        }
    }
    dixian_core::sort::sort_by_key(&mut replacements, |r| r.0);
    let mut out = String::with_capacity(xml.len() + 4096);
    let mut copied = 0;
    for (s, e, new) in replacements {
        out.push_str(xml.get(copied..s).unwrap_or(""));
        out.push_str(&new);
        copied = e;
    }
    out.push_str(xml.get(copied..).unwrap_or(""));
    Ok((out, applied))
}

/// A paragraph of its own for a model clause inserted at `point` of the plain text (the end of a
/// line): after the paragraph ending there; when that paragraph is in a table, in a row of its own
/// after the paragraph's row (the clause's cell holds the words, the other cells are left empty),
/// or after the whole table when the row is the table's last. It takes the properties of the
/// paragraph it follows (so a numbered clause is followed by the next number); after a table, those
/// of the body paragraph before the table without its numbering. The paragraph mark, the row and the
/// words are tracked insertions, so rejecting them leaves the document as it was. Returns where it
/// goes and its XML.
fn new_paragraph(
    xml: &str,
    paragraphs: &[Paragraph],
    located: &[Option<(usize, String)>],
    point: usize,
    text: &str,
    date: &str,
    next_id: &mut u64,
) -> Option<(usize, String)> {
    let pi = located
        .iter()
        .rposition(|l| l.as_ref().is_some_and(|(at, _)| *at <= point))?;
    let anchor = paragraphs.get(pi)?;
    if let Some((row_start, row_end)) = anchor.row.filter(|&(_, end)| !last_row(xml, end)) {
        if let Some(row) = new_row(
            xml,
            paragraphs,
            anchor,
            (row_start, row_end),
            text,
            date,
            next_id,
        ) {
            return Some((row_end, row));
        }
    }
    let (at, like, numbered) = match anchor.table_end {
        Some(end) => {
            let body = paragraphs
                .get(..pi)?
                .iter()
                .zip(located)
                .rposition(|(p, l)| !p.in_table && l.is_some())
                .and_then(|i| paragraphs.get(i));
            (end, body.unwrap_or(anchor), false)
        }
        None => (anchor.end, anchor, true),
    };
    let w = if like.prefix.is_empty() {
        anchor.prefix.as_str()
    } else {
        like.prefix.as_str()
    };
    Some((
        at,
        paragraph_xml(like, w, numbered, Some(text), date, next_id),
    ))
}

/// A new paragraph formatted as `like` (without its section break, its own revision of its
/// properties and, unless `numbered`, its numbering), holding `text` if any; its mark and its words
/// are tracked insertions.
fn paragraph_xml(
    like: &Paragraph,
    w: &str,
    numbered: bool,
    text: Option<&str>,
    date: &str,
    next_id: &mut u64,
) -> String {
    let mark = revision(w, "ins", next_id, date) + "/>";
    let mut ppr = like.ppr.clone();
    for drop in ["sectPr", "pPrChange"] {
        ppr = without(&ppr, w, drop);
    }
    if !numbered {
        ppr = without(&ppr, w, "numPr");
    }
    let mut out = format!("<{w}p>");
    out.push_str(&with_inserted_mark(&ppr, w, &mark));
    if let Some(text) = text {
        out.push_str(&revision(w, "ins", next_id, date));
        out.push_str(&format!("><{w}r>"));
        if let Some(r) = like.runs.last() {
            out.push_str(&without(&r.rpr, w, "rPrChange"));
        }
        out.push_str(&format!("<{w}t xml:space=\"preserve\">"));
        out.push_str(&xml::escape(text));
        out.push_str(&format!("</{w}t></{w}r></{w}ins>"));
    }
    out.push_str(&format!("</{w}p>"));
    out
}

/// Whether the row ending at `end` is its table's last.
fn last_row(xml: &str, end: usize) -> bool {
    let rest = xml.get(end..).unwrap_or("").trim_start();
    rest.strip_prefix("</")
        .is_some_and(|t| t.split('>').next().is_some_and(|tag| tag.ends_with("tbl")))
}

/// A row like the row `range` holding the anchor paragraph: its row properties and each cell's
/// properties kept, the anchor's cell holding the model clause and every other cell an empty
/// paragraph, the row itself a tracked insertion. `None` for a row this does not rebuild (a table
/// inside a cell, content controls around the cells).
fn new_row(
    xml: &str,
    paragraphs: &[Paragraph],
    anchor: &Paragraph,
    (row_start, row_end): (usize, usize),
    text: &str,
    date: &str,
    next_id: &mut u64,
) -> Option<String> {
    let row = xml.get(row_start..row_end)?;
    let w = anchor.prefix.as_str();
    // The row's own children: properties (as written) and cells (start, tcPr).
    let mut depth = 0usize;
    let (mut tr_pr, mut tbl_pr_ex) = (String::new(), String::new());
    let mut cells: Vec<(usize, String)> = Vec::new();
    let mut open_child: Option<(&str, usize)> = None;
    let mut plain = true;
    xml::read_with_ranges(row, &mut |event, _, range| match event {
        Event::Start(name) => {
            depth += 1;
            match (depth, name) {
                (2, "tc") => cells.push((row_start + range.start, String::new())),
                (2, "trPr" | "tblPrEx") | (3, "tcPr") => open_child = Some((name, range.start)),
                (2, "tr" | "bookmarkStart" | "bookmarkEnd") | (1, "tr") => {}
                (2, _) => plain = false,
                (_, "tbl") => plain = false,
                _ => {}
            }
        }
        Event::End(name) => {
            if let Some((open, from)) = open_child.filter(|(open, _)| *open == name) {
                if (depth == 2 && open != "tcPr") || (depth == 3 && open == "tcPr") {
                    let whole = row.get(from..range.end).unwrap_or("").to_owned();
                    match open {
                        "trPr" => tr_pr = whole,
                        "tblPrEx" => tbl_pr_ex = whole,
                        _ => {
                            if let Some(c) = cells.last_mut() {
                                c.1 = whole;
                            }
                        }
                    }
                    open_child = None;
                }
            }
            depth = depth.saturating_sub(1);
        }
        Event::Empty(name) => match (depth, name) {
            (1, "trPr") => tr_pr = row.get(range).unwrap_or("").to_owned(),
            (2, "tcPr") => {
                if let Some(c) = cells.last_mut() {
                    c.1 = row.get(range).unwrap_or("").to_owned();
                }
            }
            (1, "tc" | "sdt" | "customXml") => plain = false,
            _ => {}
        },
        Event::Text(_) => {}
    })
    .ok()?;
    if !plain || cells.is_empty() || !cells.iter().any(|(at, _)| Some(*at) == anchor.cell) {
        return None;
    }
    let mark = revision(w, "ins", next_id, date) + "/>";
    let mut tr_pr = without(&without(&tr_pr, w, "ins"), w, "del");
    tr_pr = without(&tr_pr, w, "trPrChange");
    let tr_pr = match tr_pr.rfind(&format!("</{w}trPr>")) {
        Some(i) => format!("{}{mark}{}", tr_pr.get(..i)?, tr_pr.get(i..)?),
        None => format!("<{w}trPr>{mark}</{w}trPr>"),
    };
    let mut out = format!("<{w}tr>{tbl_pr_ex}{tr_pr}");
    for (at, tc_pr) in &cells {
        let words = (Some(*at) == anchor.cell).then_some(text);
        let like = if words.is_some() {
            anchor
        } else {
            paragraphs
                .iter()
                .find(|p| p.cell == Some(*at))
                .unwrap_or(anchor)
        };
        let p = paragraph_xml(like, w, false, words, date, next_id);
        out.push_str(&format!("<{w}tc>"));
        out.push_str(tc_pr);
        out.push_str(&p);
        out.push_str(&format!("</{w}tc>"));
    }
    out.push_str(&format!("</{w}tr>"));
    Some(out)
}

/// The opening of a tracked change by dixian, `<w:ins w:id="7" w:author="dixian" w:date="…"`, without
/// its closing `>` or `/>`; the id taken from `next_id`, which moves on.
fn revision(w: &str, tag: &str, next_id: &mut u64, date: &str) -> String {
    let id = *next_id;
    *next_id = next_id.saturating_add(1);
    format!("<{w}{tag} {w}id=\"{id}\" {w}author=\"dixian\" {w}date=\"{date}\"")
}

/// `xml` without its `<w:name …>…</w:name>` or `<w:name/>` elements.
fn without(xml: &str, w: &str, name: &str) -> String {
    let open = format!("<{w}{name}");
    let close = format!("</{w}{name}>");
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = rest.get(i + open.len()..).unwrap_or("");
        if !after.starts_with([' ', '>', '/']) {
            out.push_str(rest.get(..i + open.len()).unwrap_or(""));
            rest = after;
            continue;
        }
        out.push_str(rest.get(..i).unwrap_or(""));
        let tag_end = after.find('>').map_or(after.len(), |j| j + 1);
        let self_closing = after.get(..tag_end).is_some_and(|t| t.ends_with("/>"));
        rest = if self_closing {
            after.get(tag_end..).unwrap_or("")
        } else {
            after
                .find(&close)
                .and_then(|j| after.get(j + close.len()..))
                .unwrap_or("")
        };
    }
    out.push_str(rest);
    out
}

/// Paragraph properties with the paragraph mark marked as inserted (`w:ins` first in its `w:rPr`).
fn with_inserted_mark(ppr: &str, w: &str, mark: &str) -> String {
    let empty = format!("<{w}pPr/>");
    if ppr.is_empty() || ppr == empty {
        return format!("<{w}pPr><{w}rPr>{mark}</{w}rPr></{w}pPr>");
    }
    let rpr_open = format!("<{w}rPr>");
    let rpr_empty = format!("<{w}rPr/>");
    if let Some(i) = ppr.find(&rpr_open) {
        let at = i + rpr_open.len();
        return format!(
            "{}{mark}{}",
            ppr.get(..at).unwrap_or(""),
            ppr.get(at..).unwrap_or("")
        );
    }
    if let Some(i) = ppr.find(&rpr_empty) {
        return format!(
            "{}<{w}rPr>{mark}</{w}rPr>{}",
            ppr.get(..i).unwrap_or(""),
            ppr.get(i + rpr_empty.len()..).unwrap_or("")
        );
    }
    let close = format!("</{w}pPr>");
    match ppr.rfind(&close) {
        Some(i) => format!(
            "{}<{w}rPr>{mark}</{w}rPr>{close}",
            ppr.get(..i).unwrap_or("")
        ),
        None => ppr.to_owned(),
    }
}

/// The largest `w:id` in the document, so revision ids do not collide with bookmarks or comments.
fn max_id(xml: &str) -> u64 {
    xml.match_indices(":id=\"")
        .filter_map(|(i, m)| {
            let rest = xml.get(i + m.len()..)?;
            rest.get(..rest.find('"')?)?.parse::<u64>().ok()
        })
        .max()
        .unwrap_or(0)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Piece {
    Kept,
    Struck,
}

/// One run rewritten as kept, struck (`w:del`) and inserted (`w:ins`) pieces, each with the run's
/// formatting.
fn rewrite_run(
    run: &Run,
    mine: std::ops::Range<usize>,
    m: &Marks,
    first: bool,
    date: &str,
    next_id: &mut u64,
) -> String {
    let w = run.prefix.as_str();
    let mut out = String::new();
    let mut piece: Vec<Item> = Vec::new();
    let mut kind = Piece::Kept;
    let flush = |out: &mut String, piece: &mut Vec<Item>, kind: Piece, next_id: &mut u64| {
        if piece.is_empty() {
            return;
        }
        let body = items_xml(w, piece, kind == Piece::Struck);
        let r = format!("{}{}{}</{w}r>", run.open, run.rpr, body);
        match kind {
            Piece::Kept => out.push_str(&r),
            Piece::Struck => {
                out.push_str(&revision(w, "del", next_id, date));
                out.push('>');
                out.push_str(&r);
                out.push_str(&format!("</{w}del>"));
            }
        }
        piece.clear();
    };
    let insert = |out: &mut String, text: &str, next_id: &mut u64| {
        let escaped = xml::escape(text);
        // Inside another reviewer's insertion: close it, add ours, and open it again.
        if run.within.is_some() {
            out.push_str(&format!("</{w}ins>"));
        }
        out.push_str(&revision(w, "ins", next_id, date));
        out.push('>');
        out.push_str(&run.open);
        out.push_str(&run.rpr);
        out.push_str(&format!("<{w}t xml:space=\"preserve\">"));
        out.push_str(&escaped);
        out.push_str(&format!("</{w}t></{w}r></{w}ins>"));
        if let Some(open) = &run.within {
            out.push_str(&with_id(open, w, *next_id));
            *next_id = next_id.saturating_add(1);
        }
    };
    if first {
        for text in m.inserted(None) {
            insert(&mut out, text, next_id);
        }
    }
    // Walk the run's items, splitting text items at the paragraph characters they hold.
    let mut char_iter = mine;
    for item in &run.items {
        match item {
            Item::Text(t) => {
                for c in t.chars() {
                    let i = char_iter.next();
                    let k = if i.is_some_and(|i| m.struck.get(i) == Some(&true)) {
                        Piece::Struck
                    } else {
                        Piece::Kept
                    };
                    if k != kind {
                        flush(&mut out, &mut piece, kind, next_id);
                        kind = k;
                    }
                    match piece.last_mut() {
                        Some(Item::Text(s)) => s.push(c),
                        _ => piece.push(Item::Text(c.to_string())),
                    }
                    if let Some(i) = i {
                        for text in m.inserted(Some(i)) {
                            flush(&mut out, &mut piece, kind, next_id);
                            insert(&mut out, text, next_id);
                        }
                    }
                }
            }
            Item::Other { reads, .. } => {
                let i = if reads.is_some() {
                    char_iter.next()
                } else {
                    None
                };
                let k = if i.is_some_and(|i| m.struck.get(i) == Some(&true)) {
                    Piece::Struck
                } else {
                    kind
                };
                if k != kind {
                    flush(&mut out, &mut piece, kind, next_id);
                    kind = k;
                }
                piece.push(item.clone());
                if let Some(i) = i {
                    for text in m.inserted(Some(i)) {
                        flush(&mut out, &mut piece, kind, next_id);
                        insert(&mut out, text, next_id);
                    }
                }
            }
        }
    }
    flush(&mut out, &mut piece, kind, next_id);
    out
}

/// An opening tag with its `w:id` set to `id` (a reopened insertion needs an id of its own).
fn with_id(open: &str, w: &str, id: u64) -> String {
    let attr = format!("{w}id=\"");
    let Some(at) = open.find(&attr) else {
        return open.to_owned();
    };
    let from = at + attr.len();
    let rest = open.get(from..).unwrap_or("");
    let to = rest.find('"').map_or(from, |i| from + i);
    format!(
        "{}{id}{}",
        open.get(..from).unwrap_or(""),
        open.get(to..).unwrap_or("")
    )
}

/// A run's content: text as `w:t` (or `w:delText` when struck), other children as written.
fn items_xml(w: &str, items: &[Item], struck: bool) -> String {
    let tag = if struck { "delText" } else { "t" };
    items
        .iter()
        .map(|item| match item {
            Item::Text(t) => format!(
                "<{w}{tag} xml:space=\"preserve\">{}</{w}{tag}>",
                xml::escape(t)
            ),
            Item::Other { xml, .. } => xml.clone(),
        })
        .collect()
}

/// The `.docx` with the edits as tracked changes; every other entry copied as stored.
pub fn revise(
    file: &str,
    bytes: &[u8],
    plain: &str,
    edits: &[TextEdit],
    date: &str,
) -> Result<(Vec<u8>, Vec<usize>), LoadError> {
    let fail = |why: String| LoadError::one(file, 1, 1, format!("无法写出修订稿：{why}"));
    let xml = crate::unzip::read_entry(bytes, "word/document.xml", MAX_DOCUMENT_XML_BYTES)
        .map_err(|e| fail(e.message()))?;
    let xml = String::from_utf8(xml).map_err(|e| fail(e.to_string()))?;
    let (revised, applied) = revise_xml(&xml, plain, edits, date).map_err(fail)?;
    let out = crate::rezip::replace(bytes, "word/document.xml", revised.as_bytes())
        .map_err(|e| fail(e.message()))?;
    Ok((out, applied))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Revision ids follow the document's largest `w:id`, whatever it is: at the largest number
    /// they stay there rather than overflow.
    #[test]
    fn ids_after_the_largest_do_not_overflow() {
        let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:bookmarkStart w:id="18446744073709551615" w:name="a"/><w:r><w:t>产假128天</w:t></w:r></w:p></w:body></w:document>"#;
        let edit = TextEdit {
            start: "产假".len(),
            end: "产假128".len(),
            with: "158".to_owned(),
        };
        let (revised, made) =
            revise_xml(xml, "产假128天", &[edit], "2026-12-05T17:00:00Z").unwrap();
        assert_eq!(made, vec![0]);
        assert!(
            revised.contains(r#"<w:del w:id="18446744073709551615""#),
            "{revised}"
        );
        assert!(
            revised.contains("<w:delText xml:space=\"preserve\">128</w:delText>"),
            "{revised}"
        );
    }

    /// The text a reader of the revised XML sees: tracked deletions left out, insertions kept.
    fn shown(xml: &str) -> String {
        let mut out = String::new();
        let mut deleted = 0;
        crate::xml::read(xml, |e| match e {
            Event::Start("del") => deleted += 1,
            Event::End("del") => deleted -= 1,
            Event::End("p") => out.push('\n'),
            Event::Text(t) if deleted == 0 => out.push_str(&t),
            _ => {}
        })
        .unwrap();
        out
    }

    /// A contract on one line, every character its own run (as some converters write it), and a
    /// paragraph before it that the writer reads otherwise than the reader (a ruby): each edit is
    /// made where it belongs, two at one point in the order given.
    #[test]
    fn edits_in_a_paragraph_of_one_character_runs() {
        let plain = "甲注乙\n第六条 产假128天，哺乳时间30分钟";
        let runs: String = "第六条 产假128天，哺乳时间30分钟"
            .chars()
            .map(|c| format!("<w:r><w:t xml:space=\"preserve\">{c}</w:t></w:r>"))
            .collect();
        let xml = format!(
            r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>甲</w:t><w:ruby><w:rt><w:r><w:t>注</w:t></w:r></w:rt></w:ruby><w:t>乙</w:t></w:r></w:p><w:p>{runs}</w:p></w:body></w:document>"#
        );
        let at = |words: &str| plain.find(words).unwrap();
        let edit = |start: usize, end: usize, with: &str| TextEdit {
            start,
            end,
            with: with.to_owned(),
        };
        let edits = [
            edit(at("128"), at("128") + 3, "158"),
            edit(at("30"), at("30") + 2, "60"),
            edit(plain.len(), plain.len(), "；"),
            edit(plain.len(), plain.len(), "每日两次"),
        ];
        let (revised, made) = revise_xml(&xml, plain, &edits, "2026-12-05T17:00:00Z").unwrap();
        assert_eq!(made, vec![0, 1, 2, 3]);
        assert_eq!(
            shown(&revised),
            "甲注乙\n第六条 产假158天，哺乳时间60分钟；每日两次\n"
        );
    }
}
