//! Reading a file's bytes into a [`Sheet`]: CSV (UTF-8, BOM allowed) or the first worksheet of
//! an XLSX workbook; legacy .xls and other formats are refused by their magic bytes.

use super::{xlsx, MAX_BYTES};
use crate::domain::files::table_export::unescape_formula;
use crate::domain::values::date::Date;

/// One cell as read from the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text (everything in a CSV; strings and dates in an XLSX).
    Text(String),
    /// A number in an XLSX cell (an Excel serial date where a date is expected).
    Number(f64),
}

impl Value {
    /// The cell as text, numbers without a needless `.0`.
    pub fn text(&self) -> String {
        match self {
            Value::Text(text) => text.trim().to_string(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
        }
    }

    pub(super) fn is_blank(&self) -> bool {
        matches!(self, Value::Text(t) if t.trim().is_empty())
    }
}

/// One data row with its row number in the spreadsheet (the header is row 1 of a CSV).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Row number as a spreadsheet program shows it.
    pub number: usize,
    /// Cells left to right; a short row reads as empty cells.
    pub cells: Vec<Value>,
}

/// A file's first worksheet: the header row and the non-blank rows below it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// The first row's texts.
    pub headers: Vec<String>,
    /// Data rows; entirely blank rows are left out (their numbers skipped).
    pub rows: Vec<Row>,
}

impl Sheet {
    pub(super) fn from_rows(rows: impl IntoIterator<Item = (usize, Vec<Value>)>) -> Result<Sheet, ReadError> {
        let mut rows = rows.into_iter().filter(|(_, cells)| !cells.iter().all(Value::is_blank));
        let (_, header) = rows.next().ok_or(ReadError::Empty)?;
        let headers: Vec<String> = header.iter().map(Value::text).collect();
        let rows: Vec<Row> = rows.map(|(number, cells)| Row { number, cells }).collect();
        if rows.is_empty() {
            return Err(ReadError::NoRows);
        }
        Ok(Sheet { headers, rows })
    }
}

/// Why a file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// Larger than [`MAX_BYTES`].
    #[error("the file is larger than 50 MB")]
    TooLarge,
    /// A CSV that is not UTF-8 (a legacy code page such as GBK, or UTF-16).
    #[error("the CSV file is not UTF-8: save it as \"CSV UTF-8\"")]
    NotUtf8,
    /// Not a CSV or XLSX file, or a damaged one (the reason in English, for the command line).
    #[error("the spreadsheet cannot be read: {0}")]
    Unreadable(String),
    /// An old binary `.xls` workbook.
    #[error("an old .xls workbook: save it as .xlsx")]
    OldXls,
    /// An XLSX whose parts inflate beyond [`super::xlsx::MAX_INFLATED_BYTES`]: damaged, or a zip
    /// bomb.
    #[error("the workbook inflates to more than 256 MB")]
    Inflates,
    /// Nothing in it at all.
    #[error("the file is empty")]
    Empty,
    /// A header but no data row.
    #[error("the file has a header row but no data rows")]
    NoRows,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0";

/// Reads a spreadsheet file by its content: a ZIP container is read as XLSX, anything else as
/// CSV. An old binary `.xls` is refused as unreadable.
pub fn read(bytes: &[u8]) -> Result<Sheet, ReadError> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ReadError::TooLarge);
    }
    if bytes.starts_with(ZIP_MAGIC) {
        read_xlsx(bytes)
    } else if bytes.starts_with(OLE_MAGIC) {
        Err(ReadError::OldXls)
    } else {
        read_csv(bytes)
    }
}

/// Reads a CSV: UTF-8 with or without a byte-order mark, RFC 4180 quoting; the delimiter is
/// the comma, or the semicolon or tab when the header row has more of those.
pub fn read_csv(bytes: &[u8]) -> Result<Sheet, ReadError> {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)?;
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (first.matches(char::from(*d)).count(), *d == b','))
        .unwrap_or(b',');
    // Line ends as LF only: the reader's line count (the row numbers) then holds for CRLF files.
    let text = text.replace("\r\n", "\n");
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // A spreadsheet shows a record as one row however many lines its quoted fields span, and
    // an empty line as an empty row (the reader skips those).
    let mut extra_lines = 0;
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Unreadable(e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        // A cell the app escaped on export (`'=…`) reads back as the text it was.
        let cells = record.iter().map(|f| Value::Text(unescape_formula(f).to_string())).collect();
        rows.push((line - extra_lines, cells));
        extra_lines += record.iter().map(|f| f.matches('\n').count()).sum::<usize>();
    }
    Sheet::from_rows(rows)
}

/// Reads the first worksheet of an XLSX workbook (Office Open XML, read with zip and quick-xml:
/// workbook → its first sheet, shared strings, cell styles). Date-formatted cells become
/// `YYYY-MM-DD` text, other numbers stay numbers, formulas give their cached value.
pub fn read_xlsx(bytes: &[u8]) -> Result<Sheet, ReadError> {
    xlsx::read(bytes)
}

/// The date of an Excel serial number (1900 date system: 1 = 1900-01-01, with Excel's phantom
/// 1900-02-29 as 60; a time of day is ignored).
pub fn serial_date(serial: f64) -> Option<Date> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let serial = serial.floor() as i64;
    // Days since 1899-12-30 are right from 1900-03-01 (serial 61); before it Excel counts a
    // 29 February that never was.
    let days = if serial < 61 { serial + 1 } else { serial };
    let (y, m, d) = civil_from_days(days - 25_569); // 1899-12-30 is 25 569 days before 1970-01-01
    Date::new(y, m, d)
}

/// Year, month, day of a day count from 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

/// A date cell: `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.M.D`, `YYYY年M月D日` (a time after a space is
/// ignored), or an Excel serial number in an XLSX.
pub fn parse_date(value: &Value) -> Option<Date> {
    match value {
        Value::Number(n) => serial_date(*n),
        Value::Text(text) => {
            let text = text.trim();
            let text = text.split_whitespace().next().unwrap_or("");
            let text = text.replace(['年', '月'], "-").replace('日', "");
            let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
            let [y, m, d] = parts.as_slice() else { return None };
            let digits = |s: &str, min: usize, max: usize| {
                (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
            };
            if !(digits(y, 4, 4) && digits(m, 1, 2) && digits(d, 1, 2)) {
                return None;
            }
            Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
    }
}
