//! Spreadsheet exports (docs/FORMAT.md §10): a table the user sees — already filtered, sorted and
//! worded in their language by the page — as CSV or XLSX bytes.
//!
//! Pure: the page builds a [`Table`] from the rows it renders, this module only encodes it, so
//! both encodings are tested natively. CSV is UTF-8 with a byte-order mark (Excel otherwise reads
//! it in the system's legacy code page and garbles Chinese), RFC 4180 quoting and CRLF line ends.
//! XLSX is written by `rust_xlsxwriter`: one sheet, bold frozen header row, numbers as numbers.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::domain::values::points::Points;

/// A table as shown on screen: a title (the sheet's name), column headers and rows of cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// What the table is, e.g. "季度评星 2026 第三季度"; names the XLSX sheet.
    pub title: String,
    /// Column headers, in the user's language.
    pub headers: Vec<String>,
    /// Rows in display order; a short row is padded with empty cells.
    pub rows: Vec<Vec<Cell>>,
}

/// One cell of a [`Table`].
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, written as it is.
    Text(String),
    /// A plain number (a rank, a count).
    Number(f64),
    /// A score: written with its two decimals exactly as on screen (`90.40`).
    Points(Points),
    /// Nothing (an unranked branch's rank, an unscored month).
    Empty,
}

impl Cell {
    /// A text cell.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    /// A number cell, or empty for `None`.
    pub fn number_or_empty(value: Option<impl Into<f64>>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Number(v.into()))
    }

    /// A score cell, or empty for `None`.
    pub fn points_or_empty(value: Option<Points>) -> Cell {
        value.map_or(Cell::Empty, Cell::Points)
    }

    /// The cell as CSV field text (before quoting).
    fn csv_text(&self) -> String {
        match self {
            Cell::Text(text) => escape_formula(text).into_owned(),
            Cell::Number(n) => format_number(*n),
            Cell::Points(p) => format_points(*p),
            Cell::Empty => String::new(),
        }
    }

    /// Width of the cell's text in "characters" as a spreadsheet shows them: CJK and other
    /// wide characters count twice.
    fn display_width(&self) -> usize {
        self.csv_text().lines().map(text_width).max().unwrap_or(0)
    }
}

/// What a spreadsheet program takes for the start of a formula (or, for tab and carriage
/// return, lets one through): OWASP's list for CSV injection.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as a CSV may carry it: one that a spreadsheet would run as a formula (a branch
/// named `=HYPERLINK(…)`, a reason `-1+1`) gets a leading apostrophe, which Excel and WPS show as
/// text and do not display — OWASP's rule. Text whose apostrophes already precede such a
/// character gets one more, so that reading back ([`unescape_formula`]) is exact. Other text is
/// left as it is. XLSX needs none of this: its cells are typed strings.
pub fn escape_formula(text: &str) -> std::borrow::Cow<'_, str> {
    if text.trim_start_matches('\'').starts_with(FORMULA_STARTS) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The reverse of [`escape_formula`], for reading a CSV back: the apostrophe before a formula
/// character goes, so a file the app wrote imports the same text it exported.
pub fn unescape_formula(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => text,
    }
}

/// UTF-8 byte-order mark, so Excel opens the CSV as UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Longest sheet name Excel accepts.
pub const MAX_SHEET_NAME: usize = 31;

/// The table as CSV: UTF-8 with a BOM, RFC 4180 quoting, CRLF after every record (the header
/// included), one record per row padded to the header's width.
pub fn to_csv(table: &Table) -> Vec<u8> {
    let width = table.width();
    let mut out = String::new();
    push_record(&mut out, table.headers.iter().map(|h| h.as_str()).map(String::from), width);
    for row in &table.rows {
        push_record(&mut out, row.iter().map(Cell::csv_text), width);
    }
    let mut bytes = BOM.to_vec();
    bytes.extend_from_slice(out.as_bytes());
    bytes
}

/// The table as an XLSX workbook: one worksheet named by [`sheet_name`], a bold header row
/// frozen in place, numbers as numbers (scores with two decimals), columns as wide as their
/// widest text within reason.
pub fn to_xlsx(table: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold();
    let score = Format::new().set_num_format("0.00");
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name(&table.title))?;
    for (col, text) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, column(col)?, text, &header)?;
    }
    for (r, cells) in table.rows.iter().enumerate() {
        let row = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (col, cell) in cells.iter().enumerate() {
            let col = column(col)?;
            match cell {
                Cell::Text(text) => {
                    sheet.write_string(row, col, text)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(row, col, *n)?;
                }
                Cell::Points(p) => {
                    sheet.write_number_with_format(row, col, p.to_f64(), &score)?;
                }
                Cell::Empty => {}
            }
        }
    }
    for (col, width) in table.column_widths().into_iter().enumerate() {
        sheet.set_column_width(column(col)?, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}

/// A worksheet name from a title: Excel's forbidden `[]:*?/\` become spaces, leading and
/// trailing apostrophes and spaces go, at most [`MAX_SHEET_NAME`] characters, and "Sheet1"
/// for nothing left.
pub fn sheet_name(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() { ' ' } else { c })
        .collect();
    let name: String =
        cleaned.trim_matches(|c: char| c == '\'' || c.is_whitespace()).chars().take(MAX_SHEET_NAME).collect();
    let name = name.trim_end_matches(|c: char| c == '\'' || c.is_whitespace()).to_string();
    if name.is_empty() {
        "Sheet1".to_string()
    } else {
        name
    }
}

impl Table {
    /// Number of columns: the header's, or the longest row's if longer.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).chain([self.headers.len()]).max().unwrap_or(0)
    }

    /// Each column's width in spreadsheet characters: its widest cell plus a margin, between
    /// 6 and 60, so short columns stay readable and long remarks do not push everything away.
    pub fn column_widths(&self) -> Vec<f64> {
        (0..self.width())
            .map(|col| {
                let header = self.headers.get(col).map_or(0, |h| text_width(h));
                let cells = self.rows.iter().filter_map(|r| r.get(col)).map(Cell::display_width);
                let widest = cells.chain([header]).max().unwrap_or(0);
                (widest as f64 + 2.0).clamp(6.0, 60.0)
            })
            .collect()
    }
}

/// Appends one CSV record of `width` fields (missing ones empty) and its CRLF.
fn push_record(out: &mut String, fields: impl Iterator<Item = String>, width: usize) {
    let mut fields = fields.chain(std::iter::repeat(String::new())).take(width).peekable();
    while let Some(field) = fields.next() {
        push_field(out, &field);
        if fields.peek().is_some() {
            out.push(',');
        }
    }
    out.push_str("\r\n");
}

/// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// A number without a needless fraction: `3`, `2.5`.
fn format_number(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// A score with its two decimals, as the tables show it: `90.40`.
fn format_points(p: Points) -> String {
    let sign = if p.hundredths() < 0 { "-" } else { "" };
    let magnitude = p.hundredths().unsigned_abs();
    format!("{sign}{}.{:02}", magnitude / 100, magnitude % 100)
}

/// Approximate display width: East Asian wide characters count two.
fn text_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x2605..=0x2606 | 0x20000..=0x3FFFD)
}

/// A column index as rust_xlsxwriter wants it.
fn column(index: usize) -> Result<u16, XlsxError> {
    u16::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}
