//! The units sheet (docs/FORMAT.md §13): the 两新 unit registry from a spreadsheet — values in
//! the three UI languages, matching by credit code, row-numbered problems (the unit's own rules
//! and the formations over the registry as it will be), and the export read back unchanged.

use starbranch::domain::files::sheet_import::{
    self as si, auto_map, check_mapping, parse_business_status, parse_formation, parse_model_level, parse_stage,
    parse_sub_type, parse_unit_kind, plan, read, read_csv, unit_cells, Action, ImportKind, RowError, RowProblem, Sheet,
    Stored, Target, UnitCell, UnitColumn, UnitRowProblem,
};
use starbranch::domain::files::table_export::{to_csv, to_xlsx, Cell, Table};
use starbranch::domain::org::{Org, OrgKind};
use starbranch::domain::units::credit_code::check_character;
use starbranch::domain::units::draft::StageChoice;
use starbranch::domain::units::formation::{Formation, FormationKind, FormationProblem, ModelLevel, Stage};
use starbranch::domain::units::unit::{BusinessStatus, SubType, Unit, UnitKind, UnitProblem};
use starbranch::domain::values::date::Date;
use starbranch::domain::values::period::Year;
use starbranch::i18n::{Locale, K};

fn today() -> Date {
    Date::new(2026, 11, 27).unwrap()
}

/// A valid credit code ending in `n` (its check character computed).
fn code(n: u32) -> String {
    let first = format!("91150100MA{n:07}");
    format!("{first}{}", check_character(&first).unwrap())
}

fn org(id: &str, kind: OrgKind, name: &str, archived: bool) -> Org {
    Org {
        id: id.into(),
        parent: (kind != OrgKind::Committee).then(|| "c".to_string()),
        kind,
        name: name.into(),
        category: (kind == OrgKind::Branch).then_some(starbranch::domain::Category::NonPublic),
        secretary: String::new(),
        contact: String::new(),
        founded: None,
        archived,
    }
}

fn orgs() -> Vec<Org> {
    vec![
        org("c", OrgKind::Committee, "街道党工委", false),
        org("b1", OrgKind::Branch, "甲公司党支部", false),
        org("b2", OrgKind::Branch, "商圈联合党支部", false),
        org("b3", OrgKind::Branch, "旧党支部", true),
    ]
}

fn ids() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("new-{n}")
    }
}

fn plan_of(sheet: &Sheet, units: &[Unit]) -> Result<si::Plan, Vec<RowError>> {
    let mapping = auto_map(ImportKind::Units, &sheet.headers);
    assert_eq!(check_mapping(ImportKind::Units, &mapping, sheet.headers.len()), vec![], "{:?}", sheet.headers);
    let orgs = orgs();
    plan(ImportKind::Units, sheet, &mapping, Stored { orgs: &orgs, members: &[], units }, today(), &mut ids())
}

fn csv(text: &str) -> Sheet {
    read_csv(text.as_bytes()).expect("readable CSV")
}

fn problems(result: Result<si::Plan, Vec<RowError>>) -> Vec<(usize, Option<UnitColumn>, RowProblem)> {
    let col = |t: Option<Target>| match t {
        Some(Target::Unit(c)) => Some(c),
        _ => None,
    };
    result.expect_err("expected row errors").into_iter().map(|e| (e.row, col(e.target), e.problem)).collect()
}

fn apply(plan: &si::Plan, units: &mut Vec<Unit>) {
    for c in &plan.units {
        units.retain(|u| u.id != c.after.id);
        units.push(c.after.clone());
    }
}

const HEAD: &str =
    "单位名称,统一社会信用代码,细分类型,成立日期,党员人数,其中正式党员,组建方式,党组织,组建日期,工作阶段";

fn units_csv(rows: &[String]) -> Sheet {
    csv(&format!("{HEAD}\r\n{}\r\n", rows.join("\r\n")))
}

fn good_rows() -> Vec<String> {
    vec![
        format!("甲公司,{},私营企业,2015-03-01,5,4,单独建,甲公司党支部,2020-07-01,已规范", code(1)),
        format!("乙商行,{},个体,2018-01-01,1,1,,,,", code(2)).replace("个体", "private"),
        format!("丙协会,{},Trade association,2019/5/6,0,0,attached,街道党工委,2024-01-01,", code(3)),
    ]
}

#[test]
fn a_new_file_creates_and_the_same_file_again_changes_nothing() {
    let sheet = units_csv(&good_rows());
    let first = plan_of(&sheet, &[]).expect("valid");
    assert_eq!(first.count(Action::Create), 3);
    assert!(first.warnings.is_empty());
    let jia = &first.units[0].after;
    assert_eq!(jia.formation, Some(Formation::Standalone { org: "b1".into() }), "the org by its name");
    assert_eq!(jia.stage, Stage::Standardised);
    assert_eq!(first.units[1].after.stage, Stage::NotFormed, "empty stage without an org is 未组建");
    assert_eq!(first.units[2].after.sub_type, SubType::TradeAssociation, "English names are read");

    let mut units = Vec::new();
    apply(&first, &mut units);
    let again = plan_of(&sheet, &units).expect("valid");
    assert!(again.is_noop(), "{:?}", again.units.iter().map(|c| c.action).collect::<Vec<_>>());
    assert_eq!(again.count(Action::Unchanged), 3);

    let mut rows = good_rows();
    rows[1] = rows[1].replace(",1,1,", ",2,2,");
    let changed = plan_of(&units_csv(&rows), &units).expect("valid");
    assert_eq!((changed.count(Action::Update), changed.count(Action::Unchanged)), (1, 2));
    assert_eq!(changed.units[1].after.id, units[1].id, "matched by credit code, id kept");
}

#[test]
fn every_problem_has_its_row_and_column() {
    let rows = vec![
        format!("甲公司,{},私营企业,2015-03-01,五,4,单独建,甲公司党支部,2020-07-01,已规范", code(1)),
        format!("乙商行,{}X,未知类型,,1,1,,,,", &code(2)[..17]),
        format!("丙协会,{},行业协会,2019-05-06,3,3,联合建,没有这个支部,2024-01-01,已组建", code(3)),
        format!("丁协会,{},行业协会,2019-05-06,3,3,,,,", code(3)),
        format!("丙协会,{},行业协会,2019-05-06,3,3,挂靠建,旧党支部,2024-01-01,已组建", code(4)),
    ];
    let found = problems(plan_of(&units_csv(&rows), &[]));
    let expect_at = |row: usize, col: UnitColumn| {
        assert!(found.iter().any(|(r, c, _)| *r == row && *c == Some(col)), "row {row} {col:?} in {found:#?}");
    };
    expect_at(2, UnitColumn::PartyMembers);
    assert!(found.contains(&(
        2,
        Some(UnitColumn::PartyMembers),
        RowProblem::Unit(UnitRowProblem::BadCount("五".into()))
    )));
    expect_at(3, UnitColumn::SubType);
    assert!(found.contains(&(3, Some(UnitColumn::Registered), RowProblem::Required)));
    assert!(found.contains(&(
        4,
        Some(UnitColumn::FormationOrg),
        RowProblem::Unit(UnitRowProblem::UnknownOrg("没有这个支部".into()))
    )));
    assert!(found.contains(&(5, Some(UnitColumn::CreditCode), RowProblem::Duplicate(4))));
    assert!(found.contains(&(6, Some(UnitColumn::Name), RowProblem::Duplicate(4))));
    assert!(found.contains(&(
        6,
        Some(UnitColumn::FormationOrg),
        RowProblem::Unit(UnitRowProblem::OrgArchived("旧党支部".into()))
    )));
    let rows: Vec<usize> = found.iter().map(|(r, _, _)| *r).collect();
    assert!(rows.windows(2).all(|w| w[0] <= w[1]), "in row order");
}

#[test]
fn a_bad_credit_code_and_the_rules_of_the_record_are_row_problems() {
    let mut bad = code(9);
    bad.replace_range(17.., if bad.ends_with('0') { "1" } else { "0" });
    let rows = vec![
        format!("甲公司,{bad},私营企业,2015-03-01,2,3,,,,"),
        format!("乙公司,{},私营企业,2099-01-01,0,0,,,,已组建", code(2)),
    ];
    let found = problems(plan_of(&units_csv(&rows), &[]));
    assert!(found.iter().any(|(r, c, p)| *r == 2
        && *c == Some(UnitColumn::CreditCode)
        && matches!(p, RowProblem::Unit(UnitRowProblem::Rule(UnitProblem::CreditCode(_))))));
    assert!(found.contains(&(
        2,
        Some(UnitColumn::FullMembers),
        RowProblem::Unit(UnitRowProblem::Rule(UnitProblem::FullAboveParty { full: 3, party: 2 }))
    )));
    assert!(found.iter().any(|(r, c, _)| *r == 3 && *c == Some(UnitColumn::Registered)));
    assert!(found.contains(&(
        3,
        Some(UnitColumn::Stage),
        RowProblem::Unit(UnitRowProblem::Rule(UnitProblem::StageNeedsOrganisation))
    )));
}

#[test]
fn formations_are_checked_over_the_registry_as_it_will_be() {
    // A standalone branch with two full members is refused; one unit alone on a joint branch is
    // a warning, and the file imports.
    let rows = vec![format!("甲公司,{},私营企业,2015-03-01,2,2,单独建,甲公司党支部,2020-07-01,", code(1))];
    let found = problems(plan_of(&units_csv(&rows), &[]));
    assert_eq!(
        found,
        vec![(
            2,
            Some(UnitColumn::Formation),
            RowProblem::Unit(UnitRowProblem::Formation(FormationProblem::TooFewForStandalone {
                unit: "甲公司".into(),
                full: 2
            }))
        )]
    );

    let rows = vec![format!("甲商行,{},私营企业,2015-03-01,1,1,联合建,商圈联合党支部,2020-07-01,", code(1))];
    let alone = plan_of(&units_csv(&rows), &[]).expect("a warning only");
    assert_eq!(alone.count(Action::Create), 1);
    assert_eq!(alone.warnings.len(), 1);
    assert_eq!(
        alone.warnings[0].problem,
        RowProblem::Unit(UnitRowProblem::Formation(FormationProblem::JointTooFewUnits {
            org: "商圈联合党支部".into(),
            units: vec!["甲商行".into()]
        }))
    );
    let mut rows = rows;
    rows.push(format!("乙商行,{},私营企业,2016-03-01,1,0,联合建,商圈联合党支部,2021-07-01,", code(2)));
    assert!(plan_of(&units_csv(&rows), &[]).expect("valid").warnings.is_empty(), "two units: no warning");

    // A standalone branch that a stored unit already holds is shared: refused.
    let mut stored = Vec::new();
    let first = plan_of(
        &units_csv(&[format!("甲公司,{},私营企业,2015-03-01,5,4,单独建,甲公司党支部,2020-07-01,", code(1))]),
        &[],
    );
    apply(&first.unwrap(), &mut stored);
    stored[0].id = "u1".into();
    let rows = vec![format!("乙公司,{},私营企业,2015-03-01,5,4,单独建,甲公司党支部,2020-07-01,", code(2))];
    let found = problems(plan_of(&units_csv(&rows), &stored));
    assert!(matches!(
        &found[..],
        [(
            2,
            Some(UnitColumn::FormationOrg),
            RowProblem::Unit(UnitRowProblem::Formation(FormationProblem::StandaloneShared { .. }))
        )]
    ));
}

#[test]
fn the_ui_names_of_every_value_are_read_in_every_language() {
    for locale in [Locale::ZhCn, Locale::ZhTw, Locale::En] {
        let t = |k: K| k.text(locale);
        for kind in UnitKind::ALL {
            assert_eq!(parse_unit_kind(t(kind_key(kind))), Some(kind), "{locale:?}");
            assert_eq!(parse_unit_kind(kind.code()), Some(kind));
        }
        for sub in SubType::ALL {
            assert_eq!(parse_sub_type(t(sub_key(sub))), Some(sub), "{locale:?} {sub:?}");
            assert_eq!(parse_sub_type(sub.code()), Some(sub));
        }
        for status in BusinessStatus::ALL {
            assert_eq!(parse_business_status(t(status_key(status))), Some(status), "{locale:?}");
            assert_eq!(parse_business_status(status.code()), Some(status));
        }
        for f in FormationKind::ALL.map(Some).into_iter().chain([None]) {
            assert_eq!(parse_formation(t(formation_key(f))), Some(f), "{locale:?}");
        }
        for s in StageChoice::ALL {
            assert_eq!(parse_stage(t(stage_key(s))), Some(s), "{locale:?}");
            assert_eq!(parse_stage(s.code()), Some(s));
        }
        for l in ModelLevel::ALL {
            assert_eq!(parse_model_level(t(level_key(l))), Some(l), "{locale:?}");
            assert_eq!(parse_model_level(l.code()), Some(l));
        }
        let headers: Vec<String> = UnitColumn::ALL.iter().map(|&c| t(header_key(c)).to_string()).collect();
        let mapping = auto_map(ImportKind::Units, &headers);
        for (i, c) in UnitColumn::ALL.iter().enumerate() {
            assert_eq!(mapping.get(&Target::Unit(*c)), Some(&i), "{locale:?}: header of {c:?}");
        }
    }
}

// The UI's words, as src/ui/text/units.rs has them (that module builds for wasm32 only).
fn kind_key(k: UnitKind) -> K {
    match k {
        UnitKind::Enterprise => K::UnEnterprise,
        UnitKind::SocialOrg => K::UnSocialOrg,
        UnitKind::Cooperative => K::UnCooperative,
    }
}

fn sub_key(s: SubType) -> K {
    match s {
        SubType::Private => K::UnSubPrivate,
        SubType::ForeignFunded => K::UnSubForeign,
        SubType::Converted => K::UnSubConverted,
        SubType::Building => K::UnSubBuilding,
        SubType::Market => K::UnSubMarket,
        SubType::Academic => K::UnSubAcademic,
        SubType::TradeAssociation => K::UnSubTrade,
        SubType::Fellowship => K::UnSubFellowship,
        SubType::OtherSocial => K::UnSubOtherSocial,
        SubType::FarmerHerder => K::UnSubFarmer,
    }
}

fn status_key(s: BusinessStatus) -> K {
    match s {
        BusinessStatus::Operating => K::UnStOperating,
        BusinessStatus::Suspended => K::UnStSuspended,
        BusinessStatus::Bankrupt => K::UnStBankrupt,
        BusinessStatus::Restructured => K::UnStRestructured,
        BusinessStatus::Deregistered => K::UnStDeregistered,
    }
}

fn formation_key(f: Option<FormationKind>) -> K {
    match f {
        Some(FormationKind::Standalone) => K::UnFmStandalone,
        Some(FormationKind::Joint) => K::UnFmJoint,
        Some(FormationKind::Attached) => K::UnFmAttached,
        Some(FormationKind::Instructor) => K::UnFmInstructor,
        None => K::UnFmNone,
    }
}

fn stage_key(s: StageChoice) -> K {
    match s {
        StageChoice::NotFormed => K::UnStgNotFormed,
        StageChoice::Formed => K::UnStgFormed,
        StageChoice::Standardised => K::UnStgStandardised,
        StageChoice::ModelSite => K::UnStgModel,
    }
}

fn level_key(l: ModelLevel) -> K {
    match l {
        ModelLevel::County => K::UnLvCounty,
        ModelLevel::City => K::UnLvCity,
        ModelLevel::Province => K::UnLvProvince,
    }
}

fn header_key(c: UnitColumn) -> K {
    match c {
        UnitColumn::Name => K::UnName,
        UnitColumn::CreditCode => K::UnCreditCode,
        UnitColumn::Kind => K::UnKind,
        UnitColumn::SubType => K::UnSubType,
        UnitColumn::Industry => K::UnIndustry,
        UnitColumn::Area => K::UnArea,
        UnitColumn::Employees => K::UnEmployees,
        UnitColumn::AboveScale => K::UnAboveScale,
        UnitColumn::Status => K::UnStatus,
        UnitColumn::StatusDate => K::UnStatusDate,
        UnitColumn::Supervisor => K::UnSupervisor,
        UnitColumn::PartyMembers => K::UnPartyMembers,
        UnitColumn::FullMembers => K::UnFullMembers,
        UnitColumn::MembershipHere => K::UnMembershipHere,
        UnitColumn::TradeUnion => K::UnTradeUnion,
        UnitColumn::YouthLeague => K::UnYouthLeague,
        UnitColumn::WomensFederation => K::UnWomens,
        UnitColumn::Registered => K::UnRegistered,
        UnitColumn::Formation => K::UnFormation,
        UnitColumn::FormationOrg => K::UnFormationOrg,
        UnitColumn::Instructor => K::UnInstructorName,
        UnitColumn::FormedOn => K::UnFormedOn,
        UnitColumn::Stage => K::UnStage,
        UnitColumn::ModelLevel => K::UnModelLevel,
        UnitColumn::ModelYear => K::UnModelYear,
    }
}

fn word(cell: UnitCell, locale: Locale) -> Cell {
    let t = |k: K| Cell::text(k.text(locale));
    match cell {
        UnitCell::Text(s) => Cell::Text(s),
        UnitCell::Count(n) => Cell::Number(n.into()),
        UnitCell::YesNo(b) => t(if b { K::UnImpYes } else { K::UnImpNo }),
        UnitCell::Date(d) => d.map_or(Cell::Empty, |d| Cell::text(d.to_string())),
        UnitCell::Kind(k) => t(kind_key(k)),
        UnitCell::SubType(s) => t(sub_key(s)),
        UnitCell::Status(s) => t(status_key(s)),
        UnitCell::Formation(f) => t(formation_key(f)),
        UnitCell::Stage(s) => t(stage_key(s)),
        UnitCell::Level(l) => l.map_or(Cell::Empty, |l| t(level_key(l))),
        UnitCell::Year(y) => y.map_or(Cell::Empty, |y| Cell::Number(y.into())),
    }
}

fn registry() -> Vec<Unit> {
    let base = |id: &str, name: &str, n: u32| Unit {
        id: id.into(),
        name: name.into(),
        credit_code: code(n),
        sub_type: SubType::Private,
        industry: "零售".into(),
        area: "东街道".into(),
        employees: 40,
        above_scale: true,
        status: BusinessStatus::Operating,
        status_date: None,
        supervisor: String::new(),
        party_members: 5,
        full_members: 4,
        membership_here: 3,
        mass_orgs: Default::default(),
        registered: Date::new(2012, 4, 5).unwrap(),
        formation: None,
        formed_on: None,
        stage: Stage::NotFormed,
    };
    let mut a = base("u1", "甲公司", 1);
    a.formation = Some(Formation::Standalone { org: "b1".into() });
    a.formed_on = Date::new(2020, 7, 1);
    a.stage = Stage::ModelSite { level: ModelLevel::City, year: Year::new(2024).unwrap() };
    a.mass_orgs.trade_union = true;
    let mut b = base("u2", "乙商行", 2);
    b.sub_type = SubType::Fellowship;
    b.formation = Some(Formation::Joint { org: "b2".into() });
    b.formed_on = Date::new(2021, 1, 1);
    b.stage = Stage::Formed;
    b.status = BusinessStatus::Suspended;
    b.status_date = Date::new(2025, 3, 1);
    b.supervisor = "民政局".into();
    let mut c = base("u3", "丙合作社", 3);
    c.sub_type = SubType::FarmerHerder;
    c.formation = Some(Formation::Joint { org: "b2".into() });
    c.formed_on = Date::new(2021, 1, 1);
    c.stage = Stage::Formed;
    let mut d = base("u4", "丁商行", 4);
    d.formation = Some(Formation::Instructor { name: "王指导员".into() });
    d.formed_on = Date::new(2023, 2, 1);
    d.above_scale = false;
    vec![a, b, c, d]
}

#[test]
fn the_export_reads_back_unchanged_in_every_language_as_csv_and_xlsx() {
    let units = registry();
    let orgs = orgs();
    for locale in [Locale::ZhCn, Locale::ZhTw, Locale::En] {
        let table = Table {
            title: "units".into(),
            headers: UnitColumn::ALL.iter().map(|&c| header_key(c).text(locale).to_string()).collect(),
            rows: si::export_order(&units)
                .into_iter()
                .map(|u| unit_cells(u, &orgs).into_iter().map(|c| word(c, locale)).collect())
                .collect(),
        };
        for bytes in [to_csv(&table), to_xlsx(&table).unwrap()] {
            let sheet = read(&bytes).unwrap();
            let plan = plan_of(&sheet, &units).unwrap_or_else(|e| panic!("{locale:?}: {e:#?}"));
            assert_eq!(plan.count(Action::Unchanged), units.len(), "{locale:?}: {:#?}", plan.units);
            assert!(plan.warnings.is_empty());
        }
    }
}

#[test]
fn a_model_site_needs_its_level_and_year() {
    let head = "单位名称,统一社会信用代码,细分类型,成立日期,党员人数,其中正式党员,组建方式,党组织,组建日期,工作阶段,示范点级别,命名年份";
    let row = |level: &str, year: &str| {
        format!(
            "{head}\r\n甲公司,{},私营企业,2015-03-01,5,4,单独建,甲公司党支部,2020-07-01,示范点,{level},{year}\r\n",
            code(1)
        )
    };
    let ok = plan_of(&csv(&row("市级", "2024")), &[]).unwrap();
    assert_eq!(ok.units[0].after.stage, Stage::ModelSite { level: ModelLevel::City, year: Year::new(2024).unwrap() });
    let found = problems(plan_of(&csv(&row("", "24")), &[]));
    assert!(found.contains(&(2, Some(UnitColumn::ModelLevel), RowProblem::Required)), "{found:?}");
    assert!(found.iter().any(|(r, c, _)| *r == 2 && *c == Some(UnitColumn::ModelYear)), "{found:?}");
    let future = problems(plan_of(&csv(&row("省级", "2031")), &[]));
    assert!(future.contains(&(
        2,
        Some(UnitColumn::ModelYear),
        RowProblem::Unit(UnitRowProblem::Rule(UnitProblem::InFuture(
            starbranch::domain::units::unit::UnitField::Stage
        )))
    )));
}
