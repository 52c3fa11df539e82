//! The first worksheet of an XLSX workbook (Office Open XML) read with zip and quick-xml:
//! workbook → its first sheet, shared strings, cell styles.

use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use std::io::Cursor;

use super::read::{serial_date, ReadError, Sheet, Value};

fn unreadable(reason: impl std::fmt::Display) -> ReadError {
    ReadError::Unreadable(reason.to_string())
}

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// How far a workbook's parts may inflate in all: far above a real workbook's (a 50 MB .xlsx of
/// text inflates some five to ten times), far below what would exhaust a browser tab's memory.
pub const MAX_INFLATED_BYTES: u64 = 256 * 1024 * 1024;

/// A part of the package as text, `None` when absent. Inflating stops at what is left of
/// `budget`, so a zip bomb is refused after that many bytes instead of filling the memory.
fn part(zip: &mut Zip<'_>, name: &str, budget: &mut u64) -> Result<Option<String>, ReadError> {
    let name = name.trim_start_matches('/');
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(unreadable(e)),
    };
    let mut bytes = Vec::new();
    file.take(budget.saturating_add(1)).read_to_end(&mut bytes).map_err(unreadable)?;
    let read = bytes.len() as u64;
    if read > *budget {
        return Err(ReadError::Inflates);
    }
    *budget -= read;
    String::from_utf8(bytes).map(Some).map_err(unreadable)
}

fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
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
                if let (Some(id), Some(code)) =
                    (attr(e, "numFmtId").and_then(|v| v.parse().ok()), attr(e, "formatCode"))
                {
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
    read_within(bytes, MAX_INFLATED_BYTES)
}

/// [`read`], the parts inflating to at most `budget` bytes in all.
fn read_within(bytes: &[u8], mut budget: u64) -> Result<Sheet, ReadError> {
    let budget = &mut budget;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    let workbook =
        part(&mut zip, "xl/workbook.xml", budget)?.ok_or_else(|| unreadable("no workbook in the package"))?;
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
    if let (Some(id), Some(rels)) = (first_sheet, part(&mut zip, "xl/_rels/workbook.xml.rels", budget)?) {
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
    let sheet = part(&mut zip, &path, budget)?.ok_or_else(|| unreadable("no worksheet in the workbook"))?;
    let strings = match part(&mut zip, "xl/sharedStrings.xml", budget)? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    let dates = match part(&mut zip, "xl/styles.xml", budget)? {
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
                let number =
                    attr(e, "r").and_then(|r| r.parse().ok()).unwrap_or_else(|| rows.last().map_or(1, |(n, _)| n + 1));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A real workbook whose shared strings inflate to about 2.4 MB from a few kilobytes.
    fn compressible() -> Vec<u8> {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.write_string(0, 0, "名称").expect("header");
        // Excel's cells hold at most 32,767 characters, and equal strings are stored once.
        for row in 1..=80u32 {
            sheet.write_string(row, 0, format!("{row}{}", "0".repeat(30_000))).expect("cell");
        }
        workbook.save_to_buffer().expect("workbook")
    }

    #[test]
    fn inflating_stops_at_the_budget() {
        let bytes = compressible();
        assert!(bytes.len() < 64 * 1024, "{} bytes", bytes.len());
        assert_eq!(read_within(&bytes, 1024 * 1024), Err(ReadError::Inflates));
        let sheet = read_within(&bytes, 8 * 1024 * 1024).expect("within the budget");
        assert_eq!(sheet.headers, ["名称"]);
        assert_eq!(read(&bytes).map(|s| s.rows.len()), Ok(80));
    }
}
