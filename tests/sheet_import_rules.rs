//! Spreadsheet import of branches and members (docs/FORMAT.md §12): reading CSV and XLSX,
//! header auto-mapping in the three UI languages, row-level errors, and the plan.

use starbranch::domain::files::sheet_import::{
    self as si, auto_map, check_mapping, parse_date, plan, read, read_csv, Action, ImportKind, MappingProblem,
    ReadError, RowError, RowProblem, Sheet, Target, Value,
};
use starbranch::domain::files::table_export::{to_csv, to_xlsx, Cell, Table};
use starbranch::domain::fixtures::demo;
use starbranch::domain::org::{self, Gender, Member, MemberStatus, Org, OrgKind};
use starbranch::domain::values::date::Date;
use starbranch::domain::Category;
use starbranch::i18n::{Locale, K};

fn today() -> Date {
    Date::new(2026, 11, 27).unwrap()
}

fn ids() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("new-{n}")
    }
}

fn csv(text: &str) -> Sheet {
    read_csv(text.as_bytes()).expect("readable CSV")
}

fn plan_of(kind: ImportKind, sheet: &Sheet, orgs: &[Org], members: &[Member]) -> Result<si::Plan, Vec<RowError>> {
    let mapping = auto_map(kind, &sheet.headers);
    assert_eq!(check_mapping(kind, &mapping, sheet.headers.len()), vec![], "mapping of {:?}", sheet.headers);
    plan(kind, sheet, &mapping, si::Stored { orgs, members, units: &[] }, today(), &mut ids())
}

/// Applies a plan to the records, as the store does.
fn apply(plan: &si::Plan, orgs: &mut Vec<Org>, members: &mut Vec<Member>) {
    for c in &plan.orgs {
        orgs.retain(|o| o.id != c.after.id);
        orgs.push(c.after.clone());
    }
    for c in &plan.members {
        members.retain(|m| m.id != c.after.id);
        members.push(c.after.clone());
    }
}

fn problems(result: Result<si::Plan, Vec<RowError>>) -> Vec<(usize, Option<Target>, RowProblem)> {
    result.expect_err("expected row errors").into_iter().map(|e| (e.row, e.target, e.problem)).collect()
}

const ORGS_CSV: &str = "组织名称,层级,上级组织,支部类别,书记,联系方式,成立日期\r\n\
三车间党支部,党支部,生产党总支,生产类,王小明,13800000000,2024-05-01\r\n\
新区党总支,党总支,星城集团公司党委,,赵一,,2023/1/9\r\n\
新区第一党支部,,新区党总支,市场经营类,钱二,,\r\n";

// ── reading ─────────────────────────────────────────────────────────────────────────────────

#[test]
fn csv_is_read_with_and_without_a_byte_order_mark() {
    let plain = read(ORGS_CSV.as_bytes()).unwrap();
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(ORGS_CSV.as_bytes());
    let bom = read(&with_bom).unwrap();
    assert_eq!(plain, bom);
    assert_eq!(plain.headers[0], "组织名称");
    assert_eq!(plain.rows.len(), 3);
    assert_eq!(plain.rows[0].number, 2, "the header is row 1");
    assert_eq!(plain.rows[0].cells[0], Value::Text("三车间党支部".into()));
}

#[test]
fn csv_in_a_legacy_code_page_is_refused() {
    // "支部" in GBK: D6 A7 B2 BF — not UTF-8.
    let gbk = b"\xD6\xA7\xB2\xBF,name\r\n\xD6\xA7\xB2\xBF,x\r\n";
    assert_eq!(read(gbk), Err(ReadError::NotUtf8));
    // UTF-16 with its byte-order mark, as Excel's "Unicode text" writes.
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("姓名\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    assert_eq!(read(&utf16), Err(ReadError::NotUtf8));
}

#[test]
fn blank_rows_are_skipped_but_row_numbers_kept_and_quotes_honoured() {
    let sheet = csv("姓名,职务\n\n,\n\"张三, 李四\",\"说 \"\"好\"\"\"\n");
    assert_eq!(sheet.rows.len(), 1);
    assert_eq!(sheet.rows[0].number, 4);
    assert_eq!(sheet.rows[0].cells, vec![Value::Text("张三, 李四".into()), Value::Text("说 \"好\"".into())]);
}

#[test]
fn semicolon_and_tab_delimited_files_are_read() {
    assert_eq!(csv("姓名;性别\n张三;男\n").rows[0].cells.len(), 2);
    assert_eq!(csv("姓名\t性别\n张三\t男\n").rows[0].cells[1], Value::Text("男".into()));
}

#[test]
fn empty_header_only_damaged_and_old_xls_files_are_refused() {
    assert_eq!(read(b""), Err(ReadError::Empty));
    assert_eq!(read("\u{feff}\r\n".as_bytes()), Err(ReadError::Empty));
    assert_eq!(read("姓名,性别\r\n".as_bytes()), Err(ReadError::NoRows));
    assert!(matches!(read(b"PK\x03\x04garbage"), Err(ReadError::Unreadable(_))));
    assert_eq!(read(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), Err(ReadError::OldXls));
}

fn template(kind: ImportKind, locale: Locale) -> Table {
    let (headers, example): (Vec<K>, Vec<String>) = match kind {
        ImportKind::Orgs => (
            vec![
                K::ImpColOrgName,
                K::ImpColKind,
                K::ImpColParent,
                K::ImpColCategory,
                K::ImpColSecretary,
                K::ImpColContact,
                K::ImpColFounded,
            ],
            vec![
                K::ImpExBranchName.text(locale).into(),
                K::KindBranch.text(locale).into(),
                K::ImpExParentName.text(locale).into(),
                K::CatProduction.text(locale).into(),
                K::ImpExSecretary.text(locale).into(),
                "0731-12345678".into(),
                "2024-05-01".into(),
            ],
        ),
        ImportKind::Members => (
            vec![
                K::ImpColMemberName,
                K::ImpColBranch,
                K::ImpColGender,
                K::ImpColBirth,
                K::ImpColJoined,
                K::ImpColPosition,
                K::ImpColStatus,
            ],
            vec![
                K::ImpExMemberName.text(locale).into(),
                K::ImpExMemberBranch.text(locale).into(),
                K::GenderMale.text(locale).into(),
                "1990-03-15".into(),
                "2015-07-01".into(),
                K::ImpExPosition.text(locale).into(),
                K::StatusFull.text(locale).into(),
            ],
        ),
        ImportKind::Units => unreachable!("the units sheet has its own tests (units_import_rules.rs)"),
    };
    Table {
        title: "template".into(),
        headers: headers.iter().map(|k| k.text(locale).to_string()).collect(),
        rows: vec![example.into_iter().map(Cell::Text).collect()],
    }
}

#[test]
fn the_apps_own_xlsx_reads_back_identical_to_its_csv() {
    for kind in [ImportKind::Orgs, ImportKind::Members] {
        for locale in Locale::ALL {
            let table = template(kind, locale);
            let from_xlsx = read(&to_xlsx(&table).unwrap()).unwrap();
            let from_csv = read(&to_csv(&table)).unwrap();
            assert_eq!(from_xlsx, from_csv, "{kind:?} {locale:?}");
            assert_eq!(from_xlsx.headers, table.headers);
            let expected: Vec<Value> = table.rows[0]
                .iter()
                .map(|c| match c {
                    Cell::Text(t) => Value::Text(t.clone()),
                    _ => unreachable!(),
                })
                .collect();
            assert_eq!(from_xlsx.rows[0].cells, expected);
            assert_eq!(from_xlsx.rows[0].number, 2);
        }
    }
}

#[test]
fn xlsx_numbers_and_serial_dates_are_read() {
    let table = Table {
        title: "members".into(),
        headers: vec!["姓名".into(), "所在党支部".into(), "性别".into(), "出生日期".into(), "入党日期".into()],
        rows: vec![vec![
            Cell::text("张三"),
            Cell::text("一车间党支部"),
            Cell::text("男"),
            Cell::Number(32_947.0),
            Cell::text("2015/7/1"),
        ]],
    };
    let sheet = read(&to_xlsx(&table).unwrap()).unwrap();
    assert_eq!(sheet.rows[0].cells[3], Value::Number(32_947.0));
    assert_eq!(parse_date(&sheet.rows[0].cells[3]), Date::new(1990, 3, 15));
    let (orgs, members) = demo::organisation();
    let plan = plan_of(ImportKind::Members, &sheet, &orgs, &members).unwrap();
    assert_eq!(plan.members[0].after.birth, Date::new(1990, 3, 15).unwrap());
    assert_eq!(plan.members[0].after.joined, Date::new(2015, 7, 1).unwrap());
}

#[test]
fn xlsx_date_formatted_cells_escaped_text_and_gaps_are_read() {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    let iso = Format::new().set_num_format("yyyy-mm-dd");
    let number = Format::new().set_num_format("0.00");
    for (col, header) in ["姓名", "所在党支部", "性别", "出生日期", "入党日期", "职务"].iter().enumerate()
    {
        sheet.write_string(2, col as u16, *header).unwrap();
    }
    sheet.write_string(3, 0, "A&B <张>").unwrap();
    sheet.write_string(3, 1, "一车间党支部").unwrap();
    sheet.write_string(3, 2, "女").unwrap();
    sheet.write_number_with_format(3, 3, 32_947.0, &date).unwrap();
    sheet.write_number_with_format(3, 4, 42_186.0, &iso).unwrap();
    sheet.write_number_with_format(3, 5, 1.5, &number).unwrap();
    // Row 6 left empty, row 7 with a gap in column B.
    sheet.write_string(6, 0, "丙").unwrap();
    sheet.write_string(6, 2, "男").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let read = read(&bytes).unwrap();
    assert_eq!(read.headers[0], "姓名", "the first used row is the header");
    assert_eq!(read.rows.len(), 2);
    assert_eq!(read.rows[0].number, 4);
    assert_eq!(
        read.rows[0].cells,
        vec![
            Value::Text("A&B <张>".into()),
            Value::Text("一车间党支部".into()),
            Value::Text("女".into()),
            Value::Text("1990-03-15".into()),
            Value::Text("2015-07-01".into()),
            Value::Number(1.5),
        ]
    );
    assert_eq!(read.rows[1].number, 7);
    assert_eq!(read.rows[1].cells[1], Value::Text(String::new()));
    assert_eq!(read.rows[1].cells[2], Value::Text("男".into()));
}

#[test]
fn dates_in_the_accepted_forms() {
    let d = |s: &str| parse_date(&Value::Text(s.into()));
    let day = Date::new(2024, 5, 1);
    for text in [
        "2024-05-01",
        "2024/5/1",
        "2024/05/01",
        "2024.5.1",
        "2024-5-1",
        " 2024-05-01 ",
        "2024年5月1日",
        "2024-05-01 00:00:00",
    ] {
        assert_eq!(d(text), day, "{text}");
    }
    for text in ["2024-13-01", "2024-02-30", "01/05/2024", "24-5-1", "45413", "yesterday", "2024-05"] {
        assert_eq!(d(text), None, "{text}");
    }
    // Excel serials: 1 = 1900-01-01, 59 = 1900-02-28, 61 = 1900-03-01, 45413 = 2024-05-01.
    assert_eq!(si::serial_date(1.0), Date::new(1900, 1, 1));
    assert_eq!(si::serial_date(59.0), Date::new(1900, 2, 28));
    assert_eq!(si::serial_date(61.0), Date::new(1900, 3, 1));
    assert_eq!(si::serial_date(45_413.0), day);
    assert_eq!(si::serial_date(45_413.75), day, "a time of day is ignored");
    assert_eq!(si::serial_date(0.0), None);
}

// ── mapping ─────────────────────────────────────────────────────────────────────────────────

#[test]
fn template_headers_map_automatically_in_every_language() {
    for kind in [ImportKind::Orgs, ImportKind::Members] {
        for locale in Locale::ALL {
            let headers = template(kind, locale).headers;
            let mapping = auto_map(kind, &headers);
            for (i, target) in kind.targets().iter().enumerate() {
                assert_eq!(mapping.get(target), Some(&i), "{kind:?} {locale:?} {target:?} from {headers:?}");
            }
        }
    }
}

#[test]
fn headers_map_in_any_order_with_marks_spaces_and_case() {
    let headers: Vec<String> =
        ["备注", " 性别* ", "入黨日期", "NAME", "Date of Birth", "所在支部"].iter().map(|s| s.to_string()).collect();
    let mapping = auto_map(ImportKind::Members, &headers);
    assert_eq!(mapping.get(&Target::Gender), Some(&1));
    assert_eq!(mapping.get(&Target::Joined), Some(&2));
    assert_eq!(mapping.get(&Target::MemberName), Some(&3));
    assert_eq!(mapping.get(&Target::Birth), Some(&4));
    assert_eq!(mapping.get(&Target::Branch), Some(&5));
    assert_eq!(mapping.get(&Target::Position), None);
    assert!(check_mapping(ImportKind::Members, &mapping, headers.len()).is_empty());
}

#[test]
fn missing_and_doubled_columns_are_mapping_problems() {
    let headers: Vec<String> = ["姓名", "性别", "备注"].iter().map(|s| s.to_string()).collect();
    let mut mapping = auto_map(ImportKind::Members, &headers);
    let problems = check_mapping(ImportKind::Members, &mapping, headers.len());
    assert_eq!(
        problems,
        vec![
            MappingProblem::Missing(Target::Branch),
            MappingProblem::Missing(Target::Birth),
            MappingProblem::Missing(Target::Joined)
        ]
    );
    mapping.insert(Target::Branch, 2);
    mapping.insert(Target::Birth, 2);
    mapping.insert(Target::Joined, 7);
    let problems = check_mapping(ImportKind::Members, &mapping, headers.len());
    assert!(problems.contains(&MappingProblem::ColumnTwice(2)));
    assert!(problems.contains(&MappingProblem::NoSuchColumn(Target::Joined)));
}

#[test]
fn value_names_in_every_language_are_understood() {
    let categories = [
        (Category::Production, K::CatProduction),
        (Category::Auxiliary, K::CatAuxiliary),
        (Category::Administration, K::CatAdministration),
        (Category::Market, K::CatMarket),
        (Category::NonPublic, K::CatNonPublic),
    ];
    let statuses = [
        (MemberStatus::Full, K::StatusFull),
        (MemberStatus::Probationary, K::StatusProbationary),
        (MemberStatus::Mobile, K::StatusMobile),
        (MemberStatus::TransferredOut, K::StatusTransferredOut),
    ];
    let kinds = [
        (OrgKind::Committee, K::KindCommittee),
        (OrgKind::GeneralBranch, K::KindGeneralBranch),
        (OrgKind::Branch, K::KindBranch),
        (OrgKind::Group, K::KindGroup),
    ];
    for locale in Locale::ALL {
        for (c, key) in categories {
            assert_eq!(si::parse_category(key.text(locale)), Some(c), "{locale:?}");
            assert_eq!(si::parse_category(&key.text(locale).to_uppercase()), Some(c));
            assert_eq!(si::parse_category(c.code()), Some(c));
        }
        for (s, key) in statuses {
            assert_eq!(si::parse_status(key.text(locale)), Some(s), "{locale:?}");
        }
        for (k, key) in kinds {
            assert_eq!(si::parse_kind(key.text(locale)), Some(k), "{locale:?}");
            assert_eq!(si::parse_kind(k.code()), Some(k));
        }
        assert_eq!(si::parse_gender(K::GenderMale.text(locale)), Some(Gender::Male));
        assert_eq!(si::parse_gender(K::GenderFemale.text(locale)), Some(Gender::Female));
    }
    assert_eq!(si::parse_kind(""), Some(OrgKind::Branch), "an empty level is a branch");
    assert_eq!(si::parse_category("行政类"), None);
    assert_eq!(si::parse_gender("X"), None);
}

// ── planning: organisations ─────────────────────────────────────────────────────────────────

#[test]
fn orgs_plan_creates_under_stored_parents_and_rows_of_the_file() {
    let (orgs, members) = demo::organisation();
    let plan = plan_of(ImportKind::Orgs, &csv(ORGS_CSV), &orgs, &members).unwrap();
    assert_eq!(plan.count(Action::Create), 3);
    let by_name = |n: &str| plan.orgs.iter().find(|c| c.after.name == n).unwrap().after.clone();
    let third = by_name("三车间党支部");
    assert_eq!(third.parent.as_deref(), Some("demo-g1"));
    assert_eq!(third.kind, OrgKind::Branch);
    assert_eq!(third.category, Some(Category::Production));
    assert_eq!(third.secretary, "王小明");
    assert_eq!(third.founded, Date::new(2024, 5, 1));
    let general = by_name("新区党总支");
    assert_eq!(general.kind, OrgKind::GeneralBranch);
    assert_eq!(general.parent.as_deref(), Some("demo-c"));
    assert_eq!(general.founded, Date::new(2023, 1, 9));
    let first = by_name("新区第一党支部");
    assert_eq!(first.parent, Some(general.id.clone()), "a row of the file is a parent");
    assert_eq!(first.category, Some(Category::Market));
}

#[test]
fn parent_rows_may_come_after_their_children() {
    let (orgs, members) = demo::organisation();
    let text = "组织名称,层级,上级组织,支部类别\n子支部,党支部,新总支,生产类\n新总支,党总支,星城集团公司党委,\n";
    let plan = plan_of(ImportKind::Orgs, &csv(text), &orgs, &members).unwrap();
    assert_eq!(plan.orgs[0].after.parent, Some(plan.orgs[1].after.id.clone()));
}

#[test]
fn a_stored_committee_named_without_level_or_parent_is_updated_not_refused() {
    let (orgs, members) = demo::organisation();
    let top = orgs.iter().find(|o| o.parent.is_none()).unwrap().clone();
    let text = format!("组织名称,层级,上级组织,支部类别,书记\n{},,,,新书记\n", top.name);
    let plan = plan_of(ImportKind::Orgs, &csv(&text), &orgs, &members).unwrap();
    assert_eq!(plan.count(Action::Update), 1);
    let change = &plan.orgs[0];
    assert_eq!(change.after.id, top.id);
    assert_eq!(change.after.kind, OrgKind::Committee, "its level is kept");
    assert_eq!(change.after.secretary, "新书记");
    // Without a stored committee of that name, the parent is still required.
    assert!(plan_of(ImportKind::Orgs, &csv("组织名称,层级,上级组织,支部类别\n无名支部,,,生产类\n"), &orgs, &members)
        .is_err());
}

#[test]
fn importing_the_same_orgs_file_twice_changes_nothing() {
    let (mut orgs, mut members) = demo::organisation();
    let sheet = csv(ORGS_CSV);
    let first = plan_of(ImportKind::Orgs, &sheet, &orgs, &members).unwrap();
    apply(&first, &mut orgs, &mut members);
    let second = plan_of(ImportKind::Orgs, &sheet, &orgs, &members).unwrap();
    assert!(second.is_noop());
    assert_eq!(second.count(Action::Unchanged), 3);
    assert!(second.orgs.iter().all(|c| c.before.as_ref() == Some(&c.after)));
}

#[test]
fn a_stored_org_is_matched_by_name_under_its_parent_and_updated() {
    let (orgs, members) = demo::organisation();
    // The demo's 一车间党支部 (demo-b01) with a new secretary; spaces and case do not matter.
    let text = "组织名称,上级组织,支部类别,书记\n  一车间党支部 ,生产党总支,生产类,新书记\n一车间党支部,经营服务党总支,生产类,另一人\n";
    let plan = plan_of(ImportKind::Orgs, &csv(text), &orgs, &members).unwrap();
    assert_eq!(plan.orgs[0].action, Action::Update);
    assert_eq!(plan.orgs[0].after.id, "demo-b01");
    assert_eq!(plan.orgs[0].after.name, "一车间党支部", "the stored name is kept");
    assert_eq!(plan.orgs[0].after.secretary, "新书记");
    assert_eq!(
        plan.orgs[0].after.contact,
        orgs.iter().find(|o| o.id == "demo-b01").unwrap().contact,
        "an unmapped column keeps the value"
    );
    assert_eq!(plan.orgs[1].action, Action::Create, "the same name under another parent is another branch");

    let same = "组织名称,上级组织,支部类别\n一车间党支部,生产党总支,生产类\n";
    let plan = plan_of(ImportKind::Orgs, &csv(same), &orgs, &members).unwrap();
    assert_eq!(plan.orgs[0].action, Action::Unchanged);
}

#[test]
fn org_rows_report_every_problem_with_its_row_number() {
    let (mut orgs, members) = demo::organisation();
    orgs.iter_mut().find(|o| o.id == "demo-g2").unwrap().archived = true;
    orgs.iter_mut().find(|o| o.id == "demo-b04").unwrap().archived = true;
    let text = "组织名称,层级,上级组织,支部类别,成立日期\n\
        A支部,党支部,生产党总支,生产类,2024-02-30\n\
        ,党支部,生产党总支,生产类,\n\
        B支部,党支部,生产党总支,行政类,\n\
        C支部,党支部,不存在的党委,生产类,\n\
        A支部,党支部,生产党总支,辅助类,\n\
        D支部,支队,生产党总支,生产类,\n\
        E支部,党支部,,生产类,\n\
        F支部,党支部,经营服务党总支,生产类,\n\
        G支部,党支部,生产党总支,,\n\
        H支部,党支部,生产党总支,生产类,2099-01-01\n\
        一车间党支部,党总支,星城集团公司党委,,\n";
    let found = problems(plan_of(ImportKind::Orgs, &csv(text), &orgs, &members));
    assert_eq!(
        found,
        vec![
            (2, Some(Target::Founded), RowProblem::BadDate("2024-02-30".into())),
            (3, Some(Target::OrgName), RowProblem::Required),
            (4, Some(Target::Category), RowProblem::UnknownCategory("行政类".into())),
            (5, Some(Target::Parent), RowProblem::UnknownParent("不存在的党委".into())),
            (6, Some(Target::OrgName), RowProblem::Duplicate(2)),
            (7, Some(Target::OrgKind), RowProblem::UnknownKind("支队".into())),
            (8, Some(Target::Parent), RowProblem::Required),
            (9, Some(Target::Parent), RowProblem::ParentArchived("经营服务党总支".into())),
            (10, Some(Target::Category), RowProblem::Rule(org::Problem::CategoryRequired)),
            (11, Some(Target::Founded), RowProblem::Rule(org::Problem::InFuture)),
        ]
    );
    // Row 12 is fine on its own: a general branch 一车间党支部 directly under the committee.
    let archived = "组织名称,上级组织,支部类别\n后勤服务党支部,经营服务党总支,辅助类\n";
    let (mut orgs, members) = demo::organisation();
    orgs.iter_mut().find(|o| o.id == "demo-b04").unwrap().archived = true;
    assert_eq!(
        problems(plan_of(ImportKind::Orgs, &csv(archived), &orgs, &members)),
        vec![(2, Some(Target::OrgName), RowProblem::OrgArchived)]
    );
    let kind = "组织名称,层级,上级组织,支部类别\n一车间党支部,党小组,生产党总支,\n";
    let (orgs, members) = demo::organisation();
    assert_eq!(
        problems(plan_of(ImportKind::Orgs, &csv(kind), &orgs, &members)),
        vec![(2, Some(Target::OrgKind), RowProblem::KindMismatch(OrgKind::Branch))]
    );
}

#[test]
fn a_branch_at_the_root_or_a_circle_of_parents_is_refused() {
    let (orgs, members) = demo::organisation();
    let text = "组织名称,层级,上级组织,支部类别\n甲,党总支,乙,\n乙,党总支,甲,\n";
    let found = problems(plan_of(ImportKind::Orgs, &csv(text), &orgs, &members));
    assert_eq!(found.len(), 2);
    assert!(found
        .iter()
        .all(|(_, t, p)| *t == Some(Target::Parent) && *p == RowProblem::Rule(org::Problem::CycleInTree)));
    let under_branch = "组织名称,层级,上级组织,支部类别\n某总支,党总支,一车间党支部,\n";
    assert_eq!(
        problems(plan_of(ImportKind::Orgs, &csv(under_branch), &orgs, &members)),
        vec![(2, Some(Target::Parent), RowProblem::Rule(org::Problem::ParentKindNotAllowed))]
    );
}

// ── planning: members ───────────────────────────────────────────────────────────────────────

const MEMBERS_CSV: &str = "姓名,所在党支部,性别,出生日期,入党日期,职务,党员状态\n\
李明,一车间党支部,男,1990-03-15,2015/7/1,党员,正式党员\n\
王芳,二车间党支部,女,1995/10/2,2020-06-30,,预备党员\n\
赵强,市场营销党支部,M,1988-01-01,2010-01-01,委员,\n";

#[test]
fn members_plan_creates_and_is_idempotent() {
    let (mut orgs, mut members) = demo::organisation();
    let sheet = csv(MEMBERS_CSV);
    let plan = plan_of(ImportKind::Members, &sheet, &orgs, &members).unwrap();
    assert_eq!(plan.count(Action::Create), 3);
    let li = &plan.members[0].after;
    assert_eq!((li.branch.as_str(), li.gender, li.status), ("demo-b01", Gender::Male, MemberStatus::Full));
    assert_eq!(li.joined, Date::new(2015, 7, 1).unwrap());
    assert_eq!(plan.members[1].after.status, MemberStatus::Probationary);
    assert_eq!(plan.members[2].after.status, MemberStatus::Full, "an empty status is a full member");
    assert_eq!(plan.members[2].after.position, "委员");
    apply(&plan, &mut orgs, &mut members);
    let again = plan_of(ImportKind::Members, &sheet, &orgs, &members).unwrap();
    assert!(again.is_noop());
    assert_eq!(again.count(Action::Unchanged), 3);

    // A changed join date updates the member matched by name and birth date on the branch.
    let changed = MEMBERS_CSV.replace("2015/7/1", "2016-07-01");
    let update = plan_of(ImportKind::Members, &csv(&changed), &orgs, &members).unwrap();
    assert_eq!((update.count(Action::Update), update.count(Action::Unchanged)), (1, 2));
    assert_eq!(update.members[0].before.as_ref().unwrap().id, update.members[0].after.id);
}

#[test]
fn member_rows_report_every_problem_with_its_row_number() {
    let (mut orgs, members) = demo::organisation();
    orgs.iter_mut().find(|o| o.id == "demo-b08").unwrap().archived = true;
    let text = "姓名,所在党支部,性别,出生日期,入党日期,党员状态\n\
        甲,一车间党支部,男,1990-01-01,2015-01-01,\n\
        乙,不存在党支部,男,1990-01-01,2015-01-01,\n\
        丙,物业公司党支部,女,1990-01-01,2015-01-01,\n\
        丁,一车间党支部,未知,1990-13-01,,荣誉党员\n\
        甲,一车间党支部,男,1990-01-01,2016-01-01,\n\
        戊,一车间党支部,女,2000-01-01,1999-01-01,\n\
        己,生产党总支,女,1990-01-01,2015-01-01,\n";
    let found = problems(plan_of(ImportKind::Members, &csv(text), &orgs, &members));
    assert_eq!(
        found,
        vec![
            (3, Some(Target::Branch), RowProblem::UnknownBranch("不存在党支部".into())),
            (4, Some(Target::Branch), RowProblem::BranchArchived("物业公司党支部".into())),
            (5, Some(Target::Gender), RowProblem::UnknownGender("未知".into())),
            (5, Some(Target::Birth), RowProblem::BadDate("1990-13-01".into())),
            (5, Some(Target::Joined), RowProblem::Required),
            (5, Some(Target::Status), RowProblem::UnknownStatus("荣誉党员".into())),
            (6, Some(Target::MemberName), RowProblem::Duplicate(2)),
            (7, Some(Target::Joined), RowProblem::Rule(org::Problem::JoinedBeforeBirth)),
            (8, Some(Target::Branch), RowProblem::UnknownBranch("生产党总支".into())),
        ]
    );
}

#[test]
fn members_of_the_template_in_every_language_plan_cleanly() {
    let (orgs, members) = demo::organisation();
    // The zh-CN example names a demo branch; the others name a branch by its other-language name.
    let sheet = read(&to_xlsx(&template(ImportKind::Members, Locale::ZhCn)).unwrap()).unwrap();
    let plan = plan_of(ImportKind::Members, &sheet, &orgs, &members).unwrap();
    assert_eq!(plan.count(Action::Create), 1);
    for locale in [Locale::ZhTw, Locale::En] {
        let sheet = read(&to_csv(&template(ImportKind::Members, locale))).unwrap();
        let found = problems(plan_of(ImportKind::Members, &sheet, &orgs, &members));
        assert!(
            matches!(found.as_slice(), [(2, Some(Target::Branch), RowProblem::UnknownBranch(_))]),
            "{locale:?}: {found:?}"
        );
    }
}
