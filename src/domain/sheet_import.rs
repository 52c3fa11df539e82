//! Spreadsheet import of the registry (docs/FORMAT.md §12): Party organisations (党支部 and the
//! upper orgs they hang under) or members (党员) from a `.csv` or `.xlsx` file.
//!
//! Pure: the page hands over the file's bytes, this module reads them into a [`Sheet`] (first
//! row = header), proposes a [`Mapping`] of the file's columns onto the model's fields from the
//! header names (zh-CN, zh-TW, English), and [`plan`]s the import against the records already
//! stored — every row either valid or reported with its spreadsheet row number, then each record
//! marked as created, updated or unchanged. The store writes a plan in one transaction.
//!
//! Matching (so importing the same file twice changes nothing): an organisation is the existing
//! one with the same name ([`name_key`]) under the same parent; a member is the one with the same
//! name and birth date on the same branch. A mapped column replaces the stored value (an empty
//! cell clears an optional one); an unmapped column leaves it as it is.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;

use super::category::Category;
use super::date::Date;
use super::org::{self, name_key, Gender, Member, MemberStatus, Org, OrgKind};

/// Largest file read, in bytes (50 MiB); the page refuses larger ones before reading them.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;

/// What a file holds: one kind of record per file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportKind {
    /// Party organisations: branches and, as needed, their committees and general branches.
    Orgs,
    /// Party members on the branches' rolls.
    Members,
}

impl ImportKind {
    /// The fields a file of this kind may fill, in template order.
    pub fn targets(self) -> &'static [Target] {
        match self {
            ImportKind::Orgs => &[
                Target::OrgName,
                Target::OrgKind,
                Target::Parent,
                Target::Category,
                Target::Secretary,
                Target::Contact,
                Target::Founded,
            ],
            ImportKind::Members => &[
                Target::MemberName,
                Target::Branch,
                Target::Gender,
                Target::Birth,
                Target::Joined,
                Target::Position,
                Target::Status,
            ],
        }
    }

    /// Stable code (URLs, test ids).
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Orgs => "orgs",
            ImportKind::Members => "members",
        }
    }
}

/// A field of the model a column can be mapped onto.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// Organisation name.
    OrgName,
    /// Level: committee, general branch, branch (default), group.
    OrgKind,
    /// Parent organisation, by name; empty for a top-level committee.
    Parent,
    /// Branch category (required for branches).
    Category,
    /// Secretary's name.
    Secretary,
    /// Contact.
    Contact,
    /// Founding date.
    Founded,
    /// Member's name.
    MemberName,
    /// The member's branch, by name.
    Branch,
    /// Gender.
    Gender,
    /// Birth date.
    Birth,
    /// Date of joining the Party.
    Joined,
    /// Position in the branch (free text).
    Position,
    /// Membership status (default: full member).
    Status,
}

impl Target {
    /// Whether a file must have a column for this field.
    pub fn required(self) -> bool {
        matches!(
            self,
            Target::OrgName | Target::Parent | Target::Category | Target::MemberName | Target::Branch | Target::Gender | Target::Birth | Target::Joined
        )
    }

    /// Stable code (test ids, select names).
    pub fn code(self) -> &'static str {
        match self {
            Target::OrgName => "org_name",
            Target::OrgKind => "org_kind",
            Target::Parent => "parent",
            Target::Category => "category",
            Target::Secretary => "secretary",
            Target::Contact => "contact",
            Target::Founded => "founded",
            Target::MemberName => "member_name",
            Target::Branch => "branch",
            Target::Gender => "gender",
            Target::Birth => "birth",
            Target::Joined => "joined",
            Target::Position => "position",
            Target::Status => "status",
        }
    }

    /// Header names recognised for this field (compared through [`header_key`]): the template's
    /// headers in the three UI languages and the usual variants.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Target::OrgName => &["组织名称", "組織名稱", "党组织名称", "黨組織名稱", "党组织", "黨組織", "支部名称", "支部名稱", "党支部名称", "黨支部名稱", "名称", "名稱", "Organisation name", "Organization name", "Organisation", "Organization", "Name", "Branch name", "党支部", "黨支部", "Party branch"],
            Target::OrgKind => &["层级", "層級", "组织类型", "組織類型", "类型", "類型", "Level", "Kind", "Type"],
            Target::Parent => &["上级组织", "上級組織", "上级党组织", "上級黨組織", "上级", "上級", "Parent organisation", "Parent organization", "Parent"],
            Target::Category => &["支部类别", "支部類別", "类别", "類別", "Category", "Branch category"],
            Target::Secretary => &["支部书记", "支部書記", "书记", "書記", "Secretary", "Branch secretary"],
            Target::Contact => &["联系方式", "聯絡方式", "聯繫方式", "联系电话", "聯絡電話", "電話", "电话", "Contact", "Phone"],
            Target::Founded => &["成立日期", "成立時間", "成立时间", "Founded", "Founding date", "Date founded"],
            Target::MemberName => &["姓名", "党员姓名", "黨員姓名", "Name", "Member name", "Member"],
            Target::Branch => &["所在党支部", "所在黨支部", "所在支部", "党支部", "黨支部", "支部", "Party branch", "Branch"],
            Target::Gender => &["性别", "性別", "Gender", "Sex"],
            Target::Birth => &["出生日期", "出生年月", "Birth date", "Date of birth", "Birth", "Born"],
            Target::Joined => &["入党日期", "入黨日期", "入党时间", "入黨時間", "Joined", "Join date", "Date joined", "Date of joining"],
            Target::Position => &["职务", "職務", "党内职务", "黨內職務", "Position", "Role"],
            Target::Status => &["党员状态", "黨員狀態", "状态", "狀態", "Status", "Membership status"],
        }
    }
}

/// A header compared loosely: trimmed, lower case, without white space, asterisks (a "required"
/// mark) and a trailing colon.
pub fn header_key(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '\u{FF0A}' | ':' | '\u{FF1A}'))
        .flat_map(char::to_lowercase)
        .collect()
}

// ── reading ─────────────────────────────────────────────────────────────────────────────────

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

    fn is_blank(&self) -> bool {
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
    fn from_rows(rows: impl IntoIterator<Item = (usize, Vec<Value>)>) -> Result<Sheet, ReadError> {
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
    /// Not a CSV or XLSX file, or a damaged one (the reason in English).
    #[error("the spreadsheet cannot be read: {0}")]
    Unreadable(String),
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
        Err(ReadError::Unreadable("an old .xls workbook; save it as .xlsx".into()))
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
    let delimiter = [b',', b';', b'\t'].into_iter().max_by_key(|d| (first.matches(char::from(*d)).count(), *d == b',')).unwrap_or(b',');
    // Line ends as LF only: the reader's line count (the row numbers) then holds for CRLF files.
    let text = text.replace("\r\n", "\n");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // A spreadsheet shows a record as one row however many lines its quoted fields span, and
    // an empty line as an empty row (the reader skips those).
    let mut extra_lines = 0;
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Unreadable(e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        rows.push((line - extra_lines, record.iter().map(|f| Value::Text(f.to_string())).collect()));
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

mod xlsx {
    use std::io::Read;

    use quick_xml::events::{BytesStart, Event};
    use quick_xml::Reader;

    use super::{serial_date, Cursor, ReadError, Sheet, Value};

    fn unreadable(reason: impl std::fmt::Display) -> ReadError {
        ReadError::Unreadable(reason.to_string())
    }

    type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

    /// A part of the package as text, `None` when absent.
    fn part(zip: &mut Zip<'_>, name: &str) -> Result<Option<String>, ReadError> {
        let name = name.trim_start_matches('/');
        let mut file = match zip.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(unreadable(e)),
        };
        let mut text = String::new();
        file.read_to_string(&mut text).map_err(unreadable)?;
        Ok(Some(text))
    }

    fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
        e.attributes().flatten().find(|a| a.key.local_name().as_ref() == local).and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
    }

    fn local(e: &BytesStart<'_>) -> String {
        e.local_name().as_ref().to_string()
    }

    /// Walks a part's events; text (entity references resolved) goes to `text`.
    fn walk(xml: &str, mut on: impl FnMut(Tag<'_>)) -> Result<(), ReadError> {
        let mut reader = Reader::from_str(xml);
        loop {
            match reader.read_event().map_err(unreadable)? {
                Event::Start(e) => on(Tag::Start(&e)),
                Event::Empty(e) => {
                    on(Tag::Start(&e));
                    on(Tag::End(local(&e)));
                }
                Event::End(e) => on(Tag::End(e.local_name().as_ref().to_string())),
                Event::Text(t) => on(Tag::Text(t.xml10_content().as_ref())),
                Event::CData(t) => on(Tag::Text(t.xml10_content().as_ref())),
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref().map_err(unreadable)? {
                        Some(c) => c.to_string(),
                        None => match r.as_ref() {
                            "amp" => "&".into(),
                            "lt" => "<".into(),
                            "gt" => ">".into(),
                            "quot" => "\"".into(),
                            "apos" => "'".into(),
                            other => format!("&{other};"),
                        },
                    };
                    on(Tag::Text(&resolved));
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    enum Tag<'a> {
        Start(&'a BytesStart<'a>),
        End(String),
        Text(&'a str),
    }

    /// Shared strings: each `<si>`'s `<t>` texts joined (rich-text runs), phonetic runs left out.
    fn shared_strings(xml: &str) -> Result<Vec<String>, ReadError> {
        let mut out = Vec::new();
        let (mut in_t, mut in_phonetic) = (false, false);
        walk(xml, |tag| match tag {
            Tag::Start(e) => match local(e).as_str() {
                "si" => out.push(String::new()),
                "t" => in_t = true,
                "rPh" => in_phonetic = true,
                _ => {}
            },
            Tag::End(name) => match name.as_str() {
                "t" => in_t = false,
                "rPh" => in_phonetic = false,
                _ => {}
            },
            Tag::Text(text) => {
                if in_t && !in_phonetic {
                    if let Some(last) = out.last_mut() {
                        last.push_str(text);
                    }
                }
            }
        })?;
        Ok(out)
    }

    /// Whether a number format shows a date: Excel's built-in date formats, or a format code
    /// with a day, month or year outside quotes and brackets (and not only a duration).
    fn is_date_format(id: u32, code: Option<&str>) -> bool {
        if matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58) {
            return true;
        }
        let Some(code) = code else { return false };
        let mut plain = String::new();
        let (mut quoted, mut bracket) = (false, false);
        for c in code.chars() {
            match c {
                '"' => quoted = !quoted,
                '[' if !quoted => bracket = true,
                ']' if !quoted => bracket = false,
                _ if !quoted && !bracket => plain.push(c.to_ascii_lowercase()),
                _ => {}
            }
        }
        plain.contains('y') || plain.contains('d') || (plain.contains('m') && !plain.contains('h') && !plain.contains('s'))
    }

    /// For each cell style (`cellXfs`), whether it formats a date.
    fn date_styles(xml: &str) -> Result<Vec<bool>, ReadError> {
        let mut formats: Vec<(u32, String)> = Vec::new();
        let mut styles = Vec::new();
        let mut in_xfs = false;
        walk(xml, |tag| match tag {
            Tag::Start(e) => match local(e).as_str() {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (attr(e, "numFmtId").and_then(|v| v.parse().ok()), attr(e, "formatCode")) {
                        formats.push((id, code));
                    }
                }
                "cellXfs" => in_xfs = true,
                "xf" if in_xfs => {
                    let id: u32 = attr(e, "numFmtId").and_then(|v| v.parse().ok()).unwrap_or(0);
                    let code = formats.iter().find(|(i, _)| *i == id).map(|(_, c)| c.as_str());
                    styles.push(is_date_format(id, code));
                }
                _ => {}
            },
            Tag::End(name) => {
                if name == "cellXfs" {
                    in_xfs = false;
                }
            }
            Tag::Text(_) => {}
        })?;
        Ok(styles)
    }

    /// Column index (0-based) of a cell reference such as `AB12`.
    fn column_of(reference: &str) -> Option<usize> {
        let letters: Vec<u8> = reference.bytes().take_while(u8::is_ascii_alphabetic).collect();
        if letters.is_empty() {
            return None;
        }
        Some(letters.iter().fold(0usize, |n, c| n * 26 + usize::from(c.to_ascii_uppercase() - b'A') + 1) - 1)
    }

    fn row_of(reference: &str) -> Option<usize> {
        reference.trim_start_matches(|c: char| c.is_ascii_alphabetic()).parse().ok()
    }

    pub(super) fn read(bytes: &[u8]) -> Result<Sheet, ReadError> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
        let workbook = part(&mut zip, "xl/workbook.xml")?.ok_or_else(|| unreadable("no workbook in the package"))?;
        let (mut first_sheet, mut date1904) = (None, false);
        walk(&workbook, |tag| {
            if let Tag::Start(e) = tag {
                match local(e).as_str() {
                    "sheet" if first_sheet.is_none() => first_sheet = attr(e, "id"),
                    "workbookPr" => date1904 = matches!(attr(e, "date1904").as_deref(), Some("1" | "true")),
                    _ => {}
                }
            }
        })?;
        let mut target = None;
        if let (Some(id), Some(rels)) = (first_sheet, part(&mut zip, "xl/_rels/workbook.xml.rels")?) {
            walk(&rels, |tag| {
                if let Tag::Start(e) = tag {
                    if local(e) == "Relationship" && attr(e, "Id").as_deref() == Some(id.as_str()) {
                        target = attr(e, "Target");
                    }
                }
            })?;
        }
        let path = match target {
            Some(t) if t.starts_with('/') => t,
            Some(t) => format!("xl/{t}"),
            None => "xl/worksheets/sheet1.xml".to_string(),
        };
        let sheet = part(&mut zip, &path)?.ok_or_else(|| unreadable("no worksheet in the workbook"))?;
        let strings = match part(&mut zip, "xl/sharedStrings.xml")? {
            Some(xml) => shared_strings(&xml)?,
            None => Vec::new(),
        };
        let dates = match part(&mut zip, "xl/styles.xml")? {
            Some(xml) => date_styles(&xml)?,
            None => Vec::new(),
        };

        let mut rows: Vec<(usize, Vec<Value>)> = Vec::new();
        // The cell being read: column, type, style, value text, inline text.
        let mut cell: Option<(usize, String, usize, String)> = None;
        let (mut in_v, mut in_t) = (false, false);
        let mut bad = None;
        walk(&sheet, |tag| match tag {
            Tag::Start(e) => match local(e).as_str() {
                "row" => {
                    let number = attr(e, "r").and_then(|r| r.parse().ok()).unwrap_or_else(|| rows.last().map_or(1, |(n, _)| n + 1));
                    rows.push((number, Vec::new()));
                }
                "c" => {
                    let reference = attr(e, "r").unwrap_or_default();
                    let next = rows.last().map_or(0, |(_, cells)| cells.len());
                    let col = column_of(&reference).unwrap_or(next);
                    if rows.is_empty() {
                        rows.push((row_of(&reference).unwrap_or(1), Vec::new()));
                    }
                    let style = attr(e, "s").and_then(|s| s.parse().ok()).unwrap_or(0);
                    cell = Some((col, attr(e, "t").unwrap_or_default(), style, String::new()));
                }
                "v" => in_v = true,
                "t" => in_t = true,
                _ => {}
            },
            Tag::Text(text) => {
                if let Some((_, _, _, value)) = cell.as_mut() {
                    if in_v || in_t {
                        value.push_str(text);
                    }
                }
            }
            Tag::End(name) => match name.as_str() {
                "v" => in_v = false,
                "t" => in_t = false,
                "c" => {
                    let Some((col, kind, style, raw)) = cell.take() else { return };
                    let value = match kind.as_str() {
                        "s" => match raw.trim().parse::<usize>().ok().and_then(|i| strings.get(i)) {
                            Some(s) => Value::Text(s.clone()),
                            None => {
                                bad = Some("a shared string is missing");
                                Value::Text(String::new())
                            }
                        },
                        "str" | "inlineStr" | "e" => Value::Text(raw),
                        "b" => Value::Text(if raw.trim() == "1" { "true".into() } else { "false".into() }),
                        _ if raw.trim().is_empty() => Value::Text(String::new()),
                        _ => match raw.trim().parse::<f64>() {
                            Ok(n) if dates.get(style).copied().unwrap_or(false) => {
                                let serial = if date1904 { n + 1462.0 } else { n };
                                serial_date(serial).map_or(Value::Number(n), |d| Value::Text(d.to_string()))
                            }
                            Ok(n) => Value::Number(n),
                            Err(_) => Value::Text(raw),
                        },
                    };
                    if let Some((_, cells)) = rows.last_mut() {
                        if cells.len() <= col {
                            cells.resize(col + 1, Value::Text(String::new()));
                        }
                        cells[col] = value;
                    }
                }
                _ => {}
            },
        })?;
        if let Some(reason) = bad {
            return Err(unreadable(reason));
        }
        Sheet::from_rows(rows)
    }
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
            let digits = |s: &str, min: usize, max: usize| (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
            if !(digits(y, 4, 4) && digits(m, 1, 2) && digits(d, 1, 2)) {
                return None;
            }
            Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
    }
}

// ── mapping ─────────────────────────────────────────────────────────────────────────────────

/// Which column (0-based) fills which field; a field absent is not imported.
pub type Mapping = BTreeMap<Target, usize>;

/// The mapping proposed from the header names: each field takes the first column whose header
/// is one of its [`Target::aliases`], a column serving one field only.
pub fn auto_map(kind: ImportKind, headers: &[String]) -> Mapping {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    let mut mapping = Mapping::new();
    let mut used = vec![false; headers.len()];
    for &target in kind.targets() {
        let aliases: Vec<String> = target.aliases().iter().map(|a| header_key(a)).collect();
        // The most specific alias first, so "党支部" goes to the member's branch, not its name.
        let found = aliases.iter().find_map(|alias| keys.iter().enumerate().position(|(i, k)| !used[i] && k == alias));
        if let Some(col) = found {
            used[col] = true;
            mapping.insert(target, col);
        }
    }
    mapping
}

/// What is wrong with a mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappingProblem {
    /// A required field has no column.
    Missing(Target),
    /// One column chosen for two fields.
    ColumnTwice(usize),
    /// A column beyond the header.
    NoSuchColumn(Target),
}

/// Every problem of a mapping for a file with `width` header columns.
pub fn check_mapping(kind: ImportKind, mapping: &Mapping, width: usize) -> Vec<MappingProblem> {
    let mut problems: Vec<MappingProblem> = kind
        .targets()
        .iter()
        .filter(|t| t.required() && !mapping.contains_key(t))
        .map(|&t| MappingProblem::Missing(t))
        .collect();
    let mut seen = HashMap::new();
    for (&target, &col) in mapping {
        if !kind.targets().contains(&target) {
            continue;
        }
        if col >= width {
            problems.push(MappingProblem::NoSuchColumn(target));
        } else if seen.insert(col, target).is_some() && !problems.contains(&MappingProblem::ColumnTwice(col)) {
            problems.push(MappingProblem::ColumnTwice(col));
        }
    }
    problems
}

// ── values ──────────────────────────────────────────────────────────────────────────────────

fn value_key(text: &str) -> String {
    name_key(text).replace(['_', '-'], " ")
}

/// An org level from its name in any UI language or its code; empty is a branch.
pub fn parse_kind(text: &str) -> Option<OrgKind> {
    let key = value_key(text);
    let table: [(OrgKind, &[&str]); 4] = [
        (OrgKind::Committee, &["党委", "黨委", "party committee", "committee"]),
        (OrgKind::GeneralBranch, &["党总支", "黨總支", "总支", "總支", "general branch"]),
        (OrgKind::Branch, &["", "党支部", "黨支部", "支部", "party branch", "branch"]),
        (OrgKind::Group, &["党小组", "黨小組", "小组", "小組", "party group", "group"]),
    ];
    table.into_iter().find(|(_, names)| names.contains(&key.as_str())).map(|(kind, _)| kind)
}

/// A branch category from its name in any UI language (with or without 类) or its code.
pub fn parse_category(text: &str) -> Option<Category> {
    let key = value_key(text);
    let table: [(Category, &[&str]); 5] = [
        (Category::Production, &["生产类", "生產類", "生产", "生產", "production"]),
        (Category::Auxiliary, &["辅助类", "輔助類", "辅助", "輔助", "auxiliary"]),
        (Category::Administration, &["综合管理类", "綜合管理類", "综合管理", "綜合管理", "administration"]),
        (Category::Market, &["市场经营类", "市場經營類", "市场经营", "市場經營", "market operations", "market"]),
        (Category::NonPublic, &["非公改制类", "非公改制類", "非公改制", "non public / restructured", "non public", "restructured"]),
    ];
    table.into_iter().find(|(_, names)| names.contains(&key.as_str())).map(|(c, _)| c)
}

/// A gender: 男/女, male/female, M/F.
pub fn parse_gender(text: &str) -> Option<Gender> {
    match value_key(text).as_str() {
        "男" | "male" | "m" => Some(Gender::Male),
        "女" | "female" | "f" => Some(Gender::Female),
        _ => None,
    }
}

/// A membership status from its name in any UI language (short forms too) or its code.
pub fn parse_status(text: &str) -> Option<MemberStatus> {
    let key = value_key(text);
    let table: [(MemberStatus, &[&str]); 4] = [
        (MemberStatus::Full, &["正式党员", "正式黨員", "正式", "full member", "full"]),
        (MemberStatus::Probationary, &["预备党员", "預備黨員", "预备", "預備", "probationary member", "probationary"]),
        (MemberStatus::Mobile, &["流动党员", "流動黨員", "流动", "流動", "mobile member", "mobile"]),
        (MemberStatus::TransferredOut, &["已转出", "已轉出", "转出", "轉出", "transferred out"]),
    ];
    table.into_iter().find(|(_, names)| names.contains(&key.as_str())).map(|(s, _)| s)
}

// ── planning ────────────────────────────────────────────────────────────────────────────────

/// What a row's problem is; the page words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// A required value is empty.
    Required,
    /// Not a date in an accepted form (the text as found).
    BadDate(String),
    /// Not a known level.
    UnknownKind(String),
    /// Not a known category.
    UnknownCategory(String),
    /// Not a known gender.
    UnknownGender(String),
    /// Not a known status.
    UnknownStatus(String),
    /// No organisation of this name, stored or in the file.
    UnknownParent(String),
    /// The parent of this name is archived.
    ParentArchived(String),
    /// Several organisations have this name.
    AmbiguousParent(String),
    /// No branch of this name.
    UnknownBranch(String),
    /// The branch of this name is archived.
    BranchArchived(String),
    /// Several branches have this name.
    AmbiguousBranch(String),
    /// The same record again; the number of the row where it first appears.
    Duplicate(usize),
    /// The matching stored organisation is archived (restore it first).
    OrgArchived,
    /// The matching stored organisation is of another level.
    KindMismatch(OrgKind),
    /// A rule of the registry (too long, in the future, joined too young, parent level …).
    Rule(org::Problem),
}

/// One problem of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The spreadsheet row number.
    pub row: usize,
    /// The field (and so the column), if the problem belongs to one.
    pub target: Option<Target>,
    /// What.
    pub problem: RowProblem,
}

/// What an import does to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// A new record.
    Create,
    /// A stored record changes.
    Update,
    /// A stored record stays as it is.
    Unchanged,
}

/// One organisation of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgChange {
    /// Spreadsheet row.
    pub row: usize,
    /// Create, update or unchanged.
    pub action: Action,
    /// The stored record, for an update or unchanged.
    pub before: Option<Org>,
    /// The record as it will be.
    pub after: Org,
}

/// One member of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberChange {
    /// Spreadsheet row.
    pub row: usize,
    /// Create, update or unchanged.
    pub action: Action,
    /// The stored record, for an update or unchanged.
    pub before: Option<Member>,
    /// The record as it will be.
    pub after: Member,
}

/// Everything an import writes, in the file's order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// Organisations, one per row of an organisations file.
    pub orgs: Vec<OrgChange>,
    /// Members, one per row of a members file.
    pub members: Vec<MemberChange>,
}

impl Plan {
    /// How many records the import creates, updates, leaves unchanged.
    pub fn count(&self, action: Action) -> usize {
        self.orgs.iter().filter(|c| c.action == action).count() + self.members.iter().filter(|c| c.action == action).count()
    }

    /// Whether the import would change nothing.
    pub fn is_noop(&self) -> bool {
        self.count(Action::Create) == 0 && self.count(Action::Update) == 0
    }
}

struct Cells<'a> {
    row: &'a Row,
    mapping: &'a Mapping,
}

impl Cells<'_> {
    /// The mapped cell, `None` if the field is not mapped.
    fn get(&self, target: Target) -> Option<Value> {
        let col = *self.mapping.get(&target)?;
        Some(self.row.cells.get(col).cloned().unwrap_or(Value::Text(String::new())))
    }

    fn text(&self, target: Target) -> Option<String> {
        self.get(target).map(|v| v.text())
    }
}

/// Plans an import: every row checked — all problems of all rows returned at once, by row — and
/// otherwise each record created, updated or unchanged against `orgs` and `members` (see the
/// module's matching rules). `new_id` names each record created.
pub fn plan(
    kind: ImportKind,
    sheet: &Sheet,
    mapping: &Mapping,
    orgs: &[Org],
    members: &[Member],
    today: Date,
    new_id: &mut dyn FnMut() -> String,
) -> Result<Plan, Vec<RowError>> {
    let mut errors = Vec::new();
    let plan = match kind {
        ImportKind::Orgs => Plan { orgs: plan_orgs(sheet, mapping, orgs, today, new_id, &mut errors), members: Vec::new() },
        ImportKind::Members => Plan { orgs: Vec::new(), members: plan_members(sheet, mapping, orgs, members, today, new_id, &mut errors) },
    };
    if errors.is_empty() {
        Ok(plan)
    } else {
        errors.sort_by_key(|e| (e.row, e.target.map(|t| kind.targets().iter().position(|x| *x == t).unwrap_or(99)).unwrap_or(100)));
        errors.dedup();
        Err(errors)
    }
}

fn org_target(field: org::Field, member: bool) -> Option<Target> {
    use org::Field as F;
    match (field, member) {
        (F::Name, false) => Some(Target::OrgName),
        (F::Name, true) => Some(Target::MemberName),
        (F::Parent, _) => Some(Target::Parent),
        (F::Category, _) => Some(Target::Category),
        (F::Founded, _) => Some(Target::Founded),
        (F::Birth, _) => Some(Target::Birth),
        (F::Joined, _) => Some(Target::Joined),
        (F::Branch, _) => Some(Target::Branch),
        (F::Record, _) => None,
    }
}

/// Where a row of an organisations file goes: its parent, its id, the stored record it matches.
type Placed = (Option<String>, String, Option<Org>);

struct OrgRow {
    row: usize,
    /// A value of the row is wrong: it still names a parent for other rows, but is not planned.
    bad: bool,
    name: String,
    kind: OrgKind,
    kind_given: bool,
    parent: String,
    category: Option<Option<Category>>,
    secretary: Option<String>,
    contact: Option<String>,
    founded: Option<Option<Date>>,
}

fn plan_orgs(sheet: &Sheet, mapping: &Mapping, orgs: &[Org], today: Date, new_id: &mut dyn FnMut() -> String, errors: &mut Vec<RowError>) -> Vec<OrgChange> {
    let mut parsed: Vec<OrgRow> = Vec::new();
    for row in &sheet.rows {
        let cells = Cells { row, mapping };
        let errors_before = errors.len();
        let mut err = |target: Target, problem: RowProblem| errors.push(RowError { row: row.number, target: Some(target), problem });
        let name = cells.text(Target::OrgName).unwrap_or_default();
        if name.is_empty() {
            err(Target::OrgName, RowProblem::Required);
        }
        let kind_text = cells.text(Target::OrgKind).unwrap_or_default();
        let kind = parse_kind(&kind_text).unwrap_or_else(|| {
            err(Target::OrgKind, RowProblem::UnknownKind(kind_text.clone()));
            OrgKind::Branch
        });
        let parent = cells.text(Target::Parent).unwrap_or_default();
        // A row with neither level nor parent may name a stored top-level committee (updating
        // its secretary, say): that is not a branch missing its parent.
        let names_stored_top = kind_text.is_empty()
            && orgs.iter().any(|o| o.parent.is_none() && name_key(&o.name) == name_key(&name));
        if parent.is_empty() && kind != OrgKind::Committee && !names_stored_top {
            err(Target::Parent, RowProblem::Required);
        }
        let category = cells.text(Target::Category).map(|text| {
            if text.is_empty() {
                None
            } else {
                let found = parse_category(&text);
                if found.is_none() {
                    err(Target::Category, RowProblem::UnknownCategory(text));
                }
                found
            }
        });
        let founded = cells.get(Target::Founded).map(|value| {
            if value.is_blank() {
                None
            } else {
                let found = parse_date(&value);
                if found.is_none() {
                    err(Target::Founded, RowProblem::BadDate(value.text()));
                }
                found
            }
        });
        if name.is_empty() {
            continue;
        }
        parsed.push(OrgRow {
            row: row.number,
            bad: errors.len() > errors_before,
            name,
            kind,
            kind_given: !kind_text.is_empty(),
            parent,
            category,
            secretary: cells.text(Target::Secretary),
            contact: cells.text(Target::Contact),
            founded,
        });
    }

    // The same name under the same parent twice: the later rows are duplicates.
    let mut first: HashMap<(String, String), usize> = HashMap::new();
    parsed.retain(|r| match first.get(&(name_key(&r.parent), name_key(&r.name))) {
        Some(&row) => {
            errors.push(RowError { row: r.row, target: Some(Target::OrgName), problem: RowProblem::Duplicate(row) });
            false
        }
        None => {
            first.insert((name_key(&r.parent), name_key(&r.name)), r.row);
            true
        }
    });

    // Parents by name, among the stored organisations and the file's rows; a row waits while
    // a row of the file it may hang under is not placed yet.
    let mut placed: Vec<Option<Placed>> = vec![None; parsed.len()];
    let mut failed = vec![false; parsed.len()];
    loop {
        let mut progress = false;
        for i in 0..parsed.len() {
            if placed[i].is_some() || failed[i] {
                continue;
            }
            let r = &parsed[i];
            let parent = if r.parent.is_empty() {
                None
            } else {
                let key = name_key(&r.parent);
                let in_file: Vec<usize> = (0..parsed.len()).filter(|&j| j != i && name_key(&parsed[j].name) == key).collect();
                if in_file.iter().any(|&j| placed[j].is_none() && !failed[j]) {
                    continue;
                }
                let mut ids: Vec<String> = orgs.iter().filter(|o| !o.archived && name_key(&o.name) == key).map(|o| o.id.clone()).collect();
                ids.extend(in_file.iter().filter_map(|&j| placed[j].as_ref().map(|(_, id, _)| id.clone())));
                ids.sort();
                ids.dedup();
                match ids.len() {
                    1 => Some(ids.remove(0)),
                    0 => {
                        let archived = orgs.iter().any(|o| o.archived && name_key(&o.name) == key);
                        let problem = if archived { RowProblem::ParentArchived(r.parent.clone()) } else { RowProblem::UnknownParent(r.parent.clone()) };
                        errors.push(RowError { row: r.row, target: Some(Target::Parent), problem });
                        failed[i] = true;
                        progress = true;
                        continue;
                    }
                    _ => {
                        errors.push(RowError { row: r.row, target: Some(Target::Parent), problem: RowProblem::AmbiguousParent(r.parent.clone()) });
                        failed[i] = true;
                        progress = true;
                        continue;
                    }
                }
            };
            let key = name_key(&r.name);
            let existing = orgs.iter().find(|o| o.parent == parent && name_key(&o.name) == key);
            let (id, before) = match existing {
                Some(o) if o.archived => {
                    errors.push(RowError { row: r.row, target: Some(Target::OrgName), problem: RowProblem::OrgArchived });
                    failed[i] = true;
                    progress = true;
                    continue;
                }
                Some(o) => (o.id.clone(), Some(o.clone())),
                None => (new_id(), None),
            };
            placed[i] = Some((parent, id, before));
            progress = true;
        }
        if !progress {
            break;
        }
    }
    for (i, r) in parsed.iter().enumerate() {
        if placed[i].is_none() && !failed[i] {
            // Rows of the file that hang under one another in a circle.
            errors.push(RowError { row: r.row, target: Some(Target::Parent), problem: RowProblem::Rule(org::Problem::CycleInTree) });
        }
    }

    // The records as they will be, then each checked by the registry's rules against the
    // registry as it will be.
    let mut changes: Vec<OrgChange> = Vec::new();
    for (i, r) in parsed.iter().enumerate() {
        let Some((parent, id, before)) = placed[i].clone() else { continue };
        if r.bad {
            continue;
        }
        if let Some(b) = &before {
            if r.kind_given && b.kind != r.kind {
                errors.push(RowError { row: r.row, target: Some(Target::OrgKind), problem: RowProblem::KindMismatch(b.kind) });
                continue;
            }
        }
        let base = before.clone().unwrap_or(Org {
            id: id.clone(),
            parent: parent.clone(),
            kind: r.kind,
            name: r.name.trim().to_string(),
            category: None,
            secretary: String::new(),
            contact: String::new(),
            founded: None,
            archived: false,
        });
        let after = Org {
            category: r.category.unwrap_or(base.category),
            secretary: r.secretary.clone().unwrap_or(base.secretary.clone()),
            contact: r.contact.clone().unwrap_or(base.contact.clone()),
            founded: r.founded.unwrap_or(base.founded),
            ..base
        };
        let action = match &before {
            None => Action::Create,
            Some(_) => Action::Update,
        };
        changes.push(OrgChange { row: r.row, action, before, after });
    }
    let mut projected: Vec<Org> = orgs.iter().filter(|o| !changes.iter().any(|c| c.before.as_ref().is_some_and(|b| b.id == o.id))).cloned().collect();
    projected.extend(changes.iter().map(|c| c.after.clone()));
    let mut checked = Vec::with_capacity(changes.len());
    for mut change in changes {
        match org::validate_org(change.after.clone(), &projected, today) {
            Ok(org) => {
                if change.before.as_ref() == Some(&org) {
                    change.action = Action::Unchanged;
                }
                change.after = org;
                checked.push(change);
            }
            Err(problems) => errors.extend(problems.into_iter().map(|p| RowError { row: change.row, target: org_target(p.field, false), problem: RowProblem::Rule(p.problem) })),
        }
    }
    checked
}

fn plan_members(
    sheet: &Sheet,
    mapping: &Mapping,
    orgs: &[Org],
    members: &[Member],
    today: Date,
    new_id: &mut dyn FnMut() -> String,
    errors: &mut Vec<RowError>,
) -> Vec<MemberChange> {
    let mut first: HashMap<(String, String, Date), usize> = HashMap::new();
    let mut changes = Vec::new();
    for row in &sheet.rows {
        let cells = Cells { row, mapping };
        let before_count = errors.len();
        let mut err = |target: Target, problem: RowProblem| errors.push(RowError { row: row.number, target: Some(target), problem });
        let name = cells.text(Target::MemberName).unwrap_or_default();
        if name.is_empty() {
            err(Target::MemberName, RowProblem::Required);
        }
        let branch_name = cells.text(Target::Branch).unwrap_or_default();
        let branch = if branch_name.is_empty() {
            err(Target::Branch, RowProblem::Required);
            None
        } else {
            let key = name_key(&branch_name);
            let named: Vec<&Org> = orgs.iter().filter(|o| o.kind == OrgKind::Branch && name_key(&o.name) == key).collect();
            let open: Vec<&&Org> = named.iter().filter(|o| !o.archived).collect();
            match (open.len(), named.len()) {
                (1, _) => Some(open[0].id.clone()),
                (0, 0) => {
                    err(Target::Branch, RowProblem::UnknownBranch(branch_name.clone()));
                    None
                }
                (0, _) => {
                    err(Target::Branch, RowProblem::BranchArchived(branch_name.clone()));
                    None
                }
                _ => {
                    err(Target::Branch, RowProblem::AmbiguousBranch(branch_name.clone()));
                    None
                }
            }
        };
        let gender_text = cells.text(Target::Gender).unwrap_or_default();
        let gender = if gender_text.is_empty() {
            err(Target::Gender, RowProblem::Required);
            None
        } else {
            let g = parse_gender(&gender_text);
            if g.is_none() {
                err(Target::Gender, RowProblem::UnknownGender(gender_text));
            }
            g
        };
        let mut date = |target: Target| {
            let value = cells.get(target).unwrap_or(Value::Text(String::new()));
            if value.is_blank() {
                err(target, RowProblem::Required);
                return None;
            }
            let date = parse_date(&value);
            if date.is_none() {
                err(target, RowProblem::BadDate(value.text()));
            }
            date
        };
        let birth = date(Target::Birth);
        let joined = date(Target::Joined);
        let status = cells.text(Target::Status).filter(|s| !s.is_empty()).map(|text| {
            let s = parse_status(&text);
            if s.is_none() {
                errors.push(RowError { row: row.number, target: Some(Target::Status), problem: RowProblem::UnknownStatus(text) });
            }
            s
        });
        if errors.len() > before_count {
            continue;
        }
        let (Some(branch), Some(gender), Some(birth), Some(joined)) = (branch, gender, birth, joined) else { continue };
        let key = (branch.clone(), name_key(&name), birth);
        if let Some(&first_row) = first.get(&key) {
            errors.push(RowError { row: row.number, target: Some(Target::MemberName), problem: RowProblem::Duplicate(first_row) });
            continue;
        }
        first.insert(key, row.number);
        let before = members.iter().find(|m| m.branch == branch && m.birth == birth && name_key(&m.name) == name_key(&name)).cloned();
        let after = Member {
            id: before.as_ref().map_or_else(&mut *new_id, |b| b.id.clone()),
            branch,
            name: before.as_ref().map_or_else(|| name.clone(), |b| b.name.clone()),
            gender,
            birth,
            joined,
            position: cells.text(Target::Position).or_else(|| before.as_ref().map(|b| b.position.clone())).unwrap_or_default(),
            status: status.flatten().or(before.as_ref().map(|b| b.status)).unwrap_or(MemberStatus::Full),
        };
        match org::validate_member(after, orgs, today) {
            Ok(after) => {
                let action = match &before {
                    None => Action::Create,
                    Some(b) if *b == after => Action::Unchanged,
                    Some(_) => Action::Update,
                };
                changes.push(MemberChange { row: row.number, action, before, after });
            }
            Err(problems) => errors.extend(problems.into_iter().map(|p| RowError { row: row.number, target: org_target(p.field, true), problem: RowProblem::Rule(p.problem) })),
        }
    }
    changes
}
