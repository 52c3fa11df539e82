//! Spreadsheet exports (docs/FORMAT.md §10): CSV bytes as Excel needs them, XLSX a real workbook.

use std::io::{Cursor, Read};

use starbranch::domain::files::table_export::{sheet_name, to_csv, to_xlsx, Cell, Table, BOM};
use starbranch::domain::values::points::Points;

fn table(headers: &[&str], rows: Vec<Vec<Cell>>) -> Table {
    Table {
        title: "季度评星 2026 第三季度".into(), headers: headers.iter().map(|h| h.to_string()).collect(), rows
    }
}

fn text(s: &str) -> Cell {
    Cell::text(s)
}

/// The CSV without its BOM, as text.
fn csv_text(t: &Table) -> String {
    let bytes = to_csv(t);
    assert!(bytes.starts_with(BOM), "no BOM");
    String::from_utf8(bytes[BOM.len()..].to_vec()).expect("UTF-8")
}

/// A tiny RFC 4180 reader: records of fields, quotes undone.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("bare LF outside quotes"),
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quote");
    assert!(field.is_empty() && record.is_empty(), "last record without CRLF");
    records
}

fn check_csv(cells: Vec<Cell>, expected_line: &str) {
    let t = table(&["a", "b", "c"], vec![cells]);
    assert_eq!(csv_text(&t), format!("a,b,c\r\n{expected_line}\r\n"));
}

/// The files of an XLSX (a zip), by name.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("entry");
            let mut text = String::new();
            file.read_to_string(&mut text).expect("XML text");
            (file.name().expect("entry name").to_string(), text)
        })
        .collect()
}

fn part<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
    &files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} missing")).1
}

#[test]
fn csv_starts_with_the_utf8_bom() {
    let bytes = to_csv(&table(&["名次"], vec![]));
    assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF]);
}

#[test]
fn csv_ends_every_record_with_crlf() {
    assert_eq!(
        csv_text(&table(&["a", "b"], vec![vec![text("1"), text("2")], vec![text("3"), text("4")]])),
        "a,b\r\n1,2\r\n3,4\r\n"
    );
}

#[test]
fn csv_quotes_commas() {
    check_csv(vec![text("x,y"), text("z"), Cell::Empty], r#""x,y",z,"#);
}

#[test]
fn csv_doubles_quotes() {
    check_csv(vec![text(r#"say "hi""#), Cell::Empty, Cell::Empty], r#""say ""hi""",,"#);
}

#[test]
fn csv_quotes_line_breaks() {
    check_csv(vec![text("one\ntwo"), text("three\r\nfour"), text("plain")], "\"one\ntwo\",\"three\r\nfour\",plain");
}

#[test]
fn csv_leaves_cjk_punctuation_unquoted() {
    // Chinese commas and semicolons are not field separators.
    check_csv(
        vec![text("缺 2026-08、2026-09;否决"), text("一车间党支部"), text("★★★")],
        "缺 2026-08、2026-09;否决,一车间党支部,★★★",
    );
}

#[test]
fn csv_numbers_and_scores_as_shown() {
    check_csv(vec![Cell::Number(3.0), Cell::Points(Points::from_hundredths(9040)), Cell::Number(2.5)], "3,90.40,2.5");
    check_csv(
        vec![Cell::Points(Points::from_hundredths(-150)), Cell::Points(Points::from_hundredths(5)), Cell::Empty],
        "-1.50,0.05,",
    );
}

#[test]
fn csv_pads_short_rows_to_the_header() {
    check_csv(vec![text("only")], "only,,");
}

#[test]
fn csv_round_trips_cjk_and_awkward_text() {
    let rows = vec![
        vec![
            Cell::Number(1.0),
            text("一车间党支部"),
            text("生产类"),
            Cell::Points(Points::from_hundredths(9512)),
            text("★★★★★"),
        ],
        vec![
            Cell::Empty,
            text("機關第二黨支部"),
            text("綜合管理類"),
            Cell::Empty,
            text("缺 2026-09;\"五有\"未达标,封顶\n第二行"),
        ],
    ];
    let t = table(&["名次", "党支部", "类别", "得分", "备注"], rows);
    let records = parse_csv(&csv_text(&t));
    assert_eq!(records.len(), 3);
    assert_eq!(records[0], ["名次", "党支部", "类别", "得分", "备注"]);
    assert_eq!(records[1], ["1", "一车间党支部", "生产类", "95.12", "★★★★★"]);
    assert_eq!(records[2], ["", "機關第二黨支部", "綜合管理類", "", "缺 2026-09;\"五有\"未达标,封顶\n第二行"]);
}

#[test]
fn csv_of_a_table_without_rows_is_the_header() {
    assert_eq!(csv_text(&table(&["名次", "党支部"], vec![])), "名次,党支部\r\n");
}

#[test]
fn sheet_names_follow_excels_rules() {
    assert_eq!(sheet_name("季度评星 2026 第三季度"), "季度评星 2026 第三季度");
    assert_eq!(sheet_name("a/b\\c[d]e:f*g?h"), "a b c d e f g h");
    assert_eq!(sheet_name("'quoted'"), "quoted");
    assert_eq!(sheet_name("  "), "Sheet1");
    let long = "月度评价".repeat(10);
    assert_eq!(sheet_name(&long).chars().count(), 31);
    assert_eq!(sheet_name(&format!("{} y", "x".repeat(30))), "x".repeat(30));
}

#[test]
fn xlsx_is_a_zip_with_the_named_sheet() {
    let t = table(
        &["名次", "党支部", "得分"],
        vec![vec![Cell::Number(1.0), text("一车间党支部"), Cell::Points(Points::from_hundredths(9040))]],
    );
    let bytes = to_xlsx(&t).expect("xlsx");
    assert!(bytes.starts_with(b"PK"));
    let files = unzip(&bytes);
    assert!(part(&files, "xl/workbook.xml").contains(r#"<sheet name="季度评星 2026 第三季度""#));
    let strings = part(&files, "xl/sharedStrings.xml");
    for s in ["名次", "党支部", "得分", "一车间党支部"] {
        assert!(strings.contains(&format!("<t>{s}</t>")), "{s} not in shared strings");
    }
}

#[test]
fn xlsx_writes_numbers_as_numbers_and_scores_with_two_decimals() {
    let t = table(&["名次", "得分"], vec![vec![Cell::Number(2.0), Cell::Points(Points::from_hundredths(9040))]]);
    let files = unzip(&to_xlsx(&t).expect("xlsx"));
    let sheet = part(&files, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<v>2</v>"), "{sheet}");
    assert!(sheet.contains("<v>90.4</v>"), "{sheet}");
    assert!(part(&files, "xl/styles.xml").contains(r#"formatCode="0.00""#));
}

#[test]
fn xlsx_header_is_bold_and_frozen_and_columns_have_widths() {
    let t = table(&["名次", "党支部"], vec![vec![Cell::Number(1.0), text("一车间党支部")]]);
    let files = unzip(&to_xlsx(&t).expect("xlsx"));
    let sheet = part(&files, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#), "{sheet}");
    assert!(sheet.contains("<cols>"), "{sheet}");
    assert!(part(&files, "xl/styles.xml").contains("<b/>"));
}

#[test]
fn column_widths_count_wide_characters_twice_within_bounds() {
    let t = table(
        &["名次", "党支部", "备注"],
        vec![vec![Cell::Number(1.0), text("一车间党支部"), text(&"长".repeat(100))]],
    );
    assert_eq!(t.column_widths(), vec![6.0, 14.0, 60.0]);
}

#[test]
fn xlsx_of_a_table_without_rows_is_still_a_workbook() {
    let t = table(&["名次", "党支部"], vec![]);
    let files = unzip(&to_xlsx(&t).expect("xlsx"));
    assert!(part(&files, "xl/worksheets/sheet1.xml").contains("<sheetData>"));
    assert!(part(&files, "xl/sharedStrings.xml").contains("<t>党支部</t>"));
}

#[test]
fn xlsx_survives_an_unusable_title() {
    let t = Table { title: "[]:*?/\\".into(), headers: vec!["a".into()], rows: vec![] };
    let files = unzip(&to_xlsx(&t).expect("xlsx"));
    assert!(part(&files, "xl/workbook.xml").contains(r#"<sheet name="Sheet1""#));
}

/// Text a spreadsheet would run as a formula, and text that only looks close to it.
const HOSTILE: [&str; 12] = [
    "=1+1",
    "+SUM(A1:A9)",
    "-2+3",
    "@cmd",
    "\tindented",
    "\r=after a return",
    "=HYPERLINK(\"http://example.invalid\",\"点我\")",
    "'=already quoted",
    "''-twice",
    "'plain apostrophe",
    "a=b",
    "一车间党支部",
];

#[test]
fn formula_text_is_escaped_in_csv_and_reads_back_as_it_was() {
    use starbranch::domain::files::sheet_import::{read, Value};
    let t = table(&["名称"], HOSTILE.iter().map(|h| vec![text(h)]).collect());
    let records = parse_csv(&csv_text(&t));
    for (record, original) in records[1..].iter().zip(HOSTILE) {
        let field = &record[0];
        // OWASP: nothing a spreadsheet would evaluate starts a field.
        assert!(!field.starts_with(['=', '+', '-', '@', '\t', '\r']), "{field:?}");
        let formula_like = original.trim_start_matches('\'').starts_with(['=', '+', '-', '@', '\t', '\r']);
        assert_eq!(field == original, !formula_like, "{original:?} → {field:?}");
    }
    // Read back by the app's own reader (every import goes through it): the same text.
    let sheet = read(&to_csv(&t)).expect("readable");
    let read_back: Vec<Value> = sheet.rows.iter().map(|r| r.cells[0].clone()).collect();
    let expected: Vec<Value> = HOSTILE.iter().map(|h| Value::Text(h.to_string())).collect();
    assert_eq!(read_back, expected);
}

#[test]
fn xlsx_keeps_formula_text_as_typed_strings() {
    let t = table(&["名称"], HOSTILE.iter().map(|h| vec![text(h)]).collect());
    let files = unzip(&to_xlsx(&t).expect("xlsx"));
    let sheet = part(&files, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"), "no formula cell: {sheet}");
    let strings = part(&files, "xl/sharedStrings.xml");
    assert!(strings.contains("=1+1") && strings.contains("+SUM(A1:A9)"), "{strings}");
}
