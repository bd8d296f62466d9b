//! The statistics as an Excel workbook: a sheet per table, header row frozen, autofilter on, columns
//! as wide as their longest entry (a Chinese character counts two).

use super::tables::{Cell, Table, display_width};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// Columns never grow wider than this many half-width characters; longer text wraps.
const WIDEST: usize = 60;

fn cell_width(c: &Cell) -> usize {
    match c {
        Cell::Text(s) => display_width(s),
        number => number.text().len(),
    }
}

fn write_table(sheet: &mut Worksheet, t: &Table) -> Result<(), XlsxError> {
    let header = Format::new().set_bold().set_background_color("#DDE5EE");
    let percent = Format::new().set_num_format("0.00");
    let wrap = Format::new().set_text_wrap();
    sheet.set_name(t.name)?;
    let mut widths: Vec<usize> = t.headers.iter().map(|h| display_width(h)).collect();
    for (col, h) in (0u16..).zip(&t.headers) {
        sheet.write_string_with_format(0, col, *h, &header)?;
    }
    for (row, cells) in (1u32..).zip(&t.rows) {
        for (col, c) in (0u16..).zip(cells) {
            if let Some(w) = widths.get_mut(usize::from(col)) {
                *w = (*w).max(cell_width(c));
            }
            match c {
                Cell::Text(s) if display_width(s) > WIDEST => {
                    sheet.write_string_with_format(row, col, s, &wrap)?
                }
                Cell::Text(s) => sheet.write_string(row, col, s)?,
                // Counts are far below 2^53, so they are exact as spreadsheet numbers.
                Cell::Count(n) => sheet.write_number(row, col, *n as f64)?,
                Cell::Percent(p) => sheet.write_number_with_format(row, col, *p, &percent)?,
            };
        }
    }
    for (col, w) in (0u16..).zip(&widths) {
        // Room for the autofilter's arrow beside the header.
        let w = (*w).min(WIDEST) + 4;
        sheet.set_column_width(col, u32::try_from(w).unwrap_or(64))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(t.rows.len()).unwrap_or(u32::MAX);
    let last_col = u16::try_from(t.headers.len().saturating_sub(1)).unwrap_or(0);
    sheet.autofilter(0, 0, last_row, last_col)?;
    Ok(())
}

/// Writes the tables, one sheet each in the order given, to `path`.
pub fn write(tables: &[Table], path: &Path) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    for t in tables {
        write_table(book.add_worksheet(), t)?;
    }
    book.save(path)
}
