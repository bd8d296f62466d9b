//! The letter as a Word document laid out as a Chinese official letter (GB/T 9704—2012): A4, margins
//! 37/35/28/26 mm, the title in 方正小标宋简体 (黑体 where it is not installed) 二号 centred, the body in
//! 仿宋 三号 at a fixed line pitch giving 22 lines a page. The words are `Letter`'s, as in the Markdown.

use super::letter::Letter;
use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType,
};

/// Twentieths of a point per millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;
const PAGE_WIDTH_MM: f64 = 210.0;
const PAGE_HEIGHT_MM: f64 = 297.0;
const MARGIN_TOP_MM: f64 = 37.0;
const MARGIN_BOTTOM_MM: f64 = 35.0;
const MARGIN_LEFT_MM: f64 = 28.0;
const MARGIN_RIGHT_MM: f64 = 26.0;
const LINES_PER_PAGE: f64 = 22.0;
/// 二号 and 三号 in half-points, as Word counts font sizes.
const TITLE_SIZE: usize = 44;
const BODY_SIZE: usize = 32;
const TITLE_FONT: &str = "方正小标宋简体";
const TITLE_FALLBACK: &str = "黑体";
const BODY_FONT: &str = "仿宋";
const HEADING_FONT: &str = "黑体";

fn twips(mm: f64) -> i32 {
    (mm * TWIPS_PER_MM).round() as i32
}

/// The fixed line pitch that puts 22 lines in the type area.
fn line_pitch() -> i32 {
    let area = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM;
    (area * TWIPS_PER_MM / LINES_PER_PAGE).floor() as i32
}

fn fonts(name: &str) -> RunFonts {
    RunFonts::new().east_asia(name).ascii(name).hi_ansi(name)
}

fn body_run(text: &str) -> Run {
    Run::new()
        .add_text(text)
        .size(BODY_SIZE)
        .fonts(fonts(BODY_FONT))
}

fn fixed(p: Paragraph) -> Paragraph {
    p.line_spacing(
        LineSpacing::new()
            .line(line_pitch())
            .line_rule(LineSpacingType::Exact),
    )
}

/// A body paragraph indented by two characters, as official letters are.
fn body(text: &str) -> Paragraph {
    fixed(Paragraph::new().add_run(body_run(text))).indent(
        None,
        Some(SpecialIndentType::FirstLine(BODY_SIZE as i32 * 20)),
        None,
        None,
    )
}

fn flush(text: &str) -> Paragraph {
    fixed(Paragraph::new().add_run(body_run(text)))
}

fn right(text: &str) -> Paragraph {
    flush(text).align(AlignmentType::Right)
}

fn heading(text: &str) -> Paragraph {
    fixed(
        Paragraph::new().add_run(
            Run::new()
                .add_text(text)
                .size(BODY_SIZE)
                .fonts(fonts(HEADING_FONT)),
        ),
    )
    .indent(
        None,
        Some(SpecialIndentType::FirstLine(BODY_SIZE as i32 * 20)),
        None,
        None,
    )
}

fn title(text: &str) -> Paragraph {
    // The fallback font is named for Latin runs; Word substitutes a missing East Asian font by its
    // own table, so 黑体 is what a machine without 小标宋 shows when the font is named first.
    let fonts = RunFonts::new()
        .east_asia(TITLE_FONT)
        .ascii(TITLE_FALLBACK)
        .hi_ansi(TITLE_FALLBACK);
    Paragraph::new()
        .add_run(Run::new().add_text(text).size(TITLE_SIZE).fonts(fonts))
        .align(AlignmentType::Center)
        .line_spacing(
            LineSpacing::new()
                .line(line_pitch() * 3 / 2)
                .line_rule(LineSpacingType::Exact),
        )
}

impl Letter {
    /// The letter as the bytes of a .docx file.
    pub fn docx(&self) -> Result<Vec<u8>, String> {
        let mut doc = Docx::new()
            .page_size(twips(PAGE_WIDTH_MM) as u32, twips(PAGE_HEIGHT_MM) as u32)
            .page_margin(
                PageMargin::new()
                    .top(twips(MARGIN_TOP_MM))
                    .bottom(twips(MARGIN_BOTTOM_MM))
                    .left(twips(MARGIN_LEFT_MM))
                    .right(twips(MARGIN_RIGHT_MM))
                    .header(0)
                    .footer(0)
                    .gutter(0),
            )
            .default_fonts(fonts(BODY_FONT))
            .default_size(BODY_SIZE)
            .add_paragraph(title(self.kind.title()))
            .add_paragraph(flush(""))
            .add_paragraph(right(&self.number))
            .add_paragraph(flush(&self.addressee))
            .add_paragraph(body(&self.opening));
        for (n, item) in self.numbered() {
            doc = doc.add_paragraph(heading(&format!("{n}{}", item.heading)));
            for line in &item.lines {
                doc = doc.add_paragraph(body(line));
            }
        }
        doc = doc
            .add_paragraph(body(&self.request))
            .add_paragraph(flush(""))
            .add_paragraph(right(&self.signature))
            .add_paragraph(right(&self.date));
        if let Some(cc) = &self.copy_to {
            doc = doc.add_paragraph(flush("")).add_paragraph(flush(cc));
        }
        doc = doc
            .add_paragraph(flush(""))
            .add_paragraph(flush(&format!("（{}）", self.note)));
        let mut bytes = std::io::Cursor::new(Vec::new());
        doc.build()
            .pack(&mut bytes)
            .map_err(|e| format!("无法生成 Word 文件：{e}"))?;
        Ok(bytes.into_inner())
    }
}
