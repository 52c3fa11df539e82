#![cfg(not(target_arch = "wasm32"))]
//! The rules of Party building in non-public units (两新组织) as tables: the credit code, the unit
//! record, formations and stages, coverage at dates, the gap list, shell screening and decisions,
//! plus properties of the check character and of coverage over random registries.

use proptest::prelude::*;
use starbranch::domain::ledger::{LedgerRecord, MeetingKind};
use starbranch::domain::org::{Gender, Member, MemberStatus, Org, OrgKind};
use starbranch::domain::units::coverage::*;
use starbranch::domain::units::credit_code::{self, check_character, CreditCode, CreditCodeProblem};
use starbranch::domain::units::formation::*;
use starbranch::domain::units::shell::*;
use starbranch::domain::units::unit::*;
use starbranch::domain::values::date::Date;
use starbranch::domain::values::period::{Month, Year};
use starbranch::domain::values::points::Points;
use starbranch::domain::Category;

use BusinessStatus::*;
use UnitField as F;
use UnitProblem as P;

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

fn month(text: &str) -> Month {
    text.parse().unwrap()
}

fn year(number: i32) -> Year {
    Year::new(number).unwrap()
}

fn pct(text: &str) -> Option<Points> {
    Some(Points::parse(text).unwrap())
}

const TODAY: &str = "2026-11-27";

// --- credit code ------------------------------------------------------------------------------

/// The example of GB 32100 itself, and codes whose check character was computed apart from this
/// crate (a few lines of Python over the same alphabet and weights), so the table does not only
/// agree with itself.
const VALID_CODES: [&str; 8] = [
    "91350100M000100Y43", // the standard's example
    "93150102MA0N3K7X49", // 工商 / 农民专业合作社, Hohhot
    "51150100MJ0000123W", // 民政 / 社会团体
    "52150105MJY1234561", // 民政 / 民办非企业单位
    "91150000701463622D",
    "Y1150100MA7L8QX2PR", // registration authority "other"
    "91150100MA0N000000", // Σ ≡ 0 (mod 31): 31 − 0 is written 0
    "911501000000000090", // the same, with a digit-only organisation code
];

#[test]
fn valid_codes_parse_in_normal_form() {
    for code in VALID_CODES {
        let parsed = CreditCode::parse(code).unwrap_or_else(|p| panic!("{code}: {p}"));
        assert_eq!(parsed.as_str(), code);
        assert_eq!(check_character(&code[..17]), code.chars().last(), "{code}");
    }
    for (typed, normal) in [
        ("91350100m000100y43", "91350100M000100Y43"),
        ("  91350100M000100Y43 \t", "91350100M000100Y43"),
        ("\u{3000}９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43"),
        ("９１３５０１００ｍ０００１００ｙ４３", "91350100M000100Y43"),
    ] {
        assert_eq!(CreditCode::parse(typed).map(|c| c.to_string()), Ok(normal.to_string()), "{typed:?}");
    }
}

#[test]
fn a_code_names_its_parts() {
    let code: CreditCode = "91350100M000100Y43".parse().unwrap();
    assert_eq!(code.registration_authority(), '9');
    assert_eq!(code.institution_type(), '1');
    assert_eq!(code.division(), "350100");
    assert_eq!(code.organisation_code(), "M000100Y4");
    assert_eq!(code.check(), '3');
    assert_eq!(serde_json::to_string(&code).unwrap(), "\"91350100M000100Y43\"");
    assert_eq!(serde_json::from_str::<CreditCode>("\"91350100m000100y43\"").unwrap(), code);
    assert!(serde_json::from_str::<CreditCode>("\"91350100M000100Y44\"").is_err());
}

#[test]
fn each_kind_of_malformed_code_is_named_precisely() {
    use CreditCodeProblem::*;
    for (text, expected) in [
        ("", Empty),
        ("   ", Empty),
        ("9135010", Length { found: 7 }),
        ("91350100M000100Y4", Length { found: 17 }),
        ("91350100M000100Y430", Length { found: 19 }),
        ("91350100M000100Y4３3", Length { found: 19 }),
        ("91350100M00010OY43", Character { position: 15, found: 'O' }),
        ("I1350100M000100Y43", Character { position: 1, found: 'I' }),
        ("91350100M0001Z0Y43", Character { position: 14, found: 'Z' }),
        ("91350100S000100Y43", Character { position: 9, found: 'S' }),
        ("91350100M000100V43", Character { position: 16, found: 'V' }),
        ("91350100M000100Y4-", Character { position: 18, found: '-' }),
        ("9135010 M000100Y43", Character { position: 8, found: ' ' }),
        ("91350100M000100党43", Character { position: 16, found: '党' }),
        ("91A50100M000100Y43", NotADigit { position: 3, found: 'A' }),
        ("9135010YM000100Y43", NotADigit { position: 8, found: 'Y' }),
        ("91350100M000100Y44", CheckCharacter { expected: '3', found: '4' }),
        ("91350100M000100Y4Y", CheckCharacter { expected: '3', found: 'Y' }),
        ("91350100M000100Y34", CheckCharacter { expected: '0', found: '4' }), // the last two swapped
        ("93150102MA0N3K7X40", CheckCharacter { expected: '9', found: '0' }),
    ] {
        assert_eq!(CreditCode::parse(text), Err(expected), "{text:?}");
    }
}

#[test]
fn the_check_character_needs_seventeen_code_characters() {
    assert_eq!(check_character("91350100M000100Y4"), Some('3'));
    assert_eq!(check_character("91350100M000100Y"), None);
    assert_eq!(check_character("91350100M000100Y43"), None);
    assert_eq!(check_character("91350100M000100O4"), None);
    assert_eq!(credit_code::WEIGHTS, std::array::from_fn(|i| 3u32.pow(i as u32) % 31));
}

/// 17 code characters with digits at positions 3–8.
fn first17() -> impl Strategy<Value = String> {
    let any = proptest::sample::select(credit_code::ALPHABET.chars().collect::<Vec<_>>());
    let digit = proptest::sample::select("0123456789".chars().collect::<Vec<_>>());
    (proptest::collection::vec(any.clone(), 2), proptest::collection::vec(digit, 6), proptest::collection::vec(any, 9))
        .prop_map(|(a, b, c)| a.into_iter().chain(b).chain(c).collect())
}

proptest! {
    #[test]
    fn a_computed_check_character_always_verifies(body in first17()) {
        let code = format!("{body}{}", check_character(&body).unwrap());
        prop_assert!(CreditCode::parse(&code).is_ok(), "{}", code);
    }

    #[test]
    fn every_single_wrong_character_is_caught(body in first17(), position in 0usize..18, shift in 1usize..31) {
        let code: Vec<char> = format!("{body}{}", check_character(&body).unwrap()).chars().collect();
        let alphabet: Vec<char> = credit_code::ALPHABET.chars().collect();
        let value = alphabet.iter().position(|&c| c == code[position]).unwrap();
        let mut typo = code.clone();
        typo[position] = alphabet[(value + shift) % 31];
        let typo: String = typo.into_iter().collect();
        prop_assert!(CreditCode::parse(&typo).is_err(), "{}", typo);
    }

    #[test]
    fn every_swap_of_different_neighbours_is_caught(body in first17(), position in 0usize..16) {
        let mut chars: Vec<char> = body.chars().collect();
        prop_assume!(chars[position] != chars[position + 1]);
        let check = check_character(&body).unwrap();
        chars.swap(position, position + 1);
        let swapped: String = chars.into_iter().chain([check]).collect();
        prop_assert!(CreditCode::parse(&swapped).is_err(), "{}", swapped);
    }
}

// --- the unit record --------------------------------------------------------------------------

/// An operating private enterprise with five members, registered in 2020, not covered.
fn unit(id: &str, name: &str, code: &str) -> Unit {
    Unit {
        id: id.into(),
        name: name.into(),
        credit_code: code.into(),
        sub_type: SubType::Private,
        industry: "制造业".into(),
        area: "新城街道".into(),
        employees: 120,
        above_scale: false,
        status: Operating,
        status_date: None,
        supervisor: String::new(),
        party_members: 5,
        full_members: 4,
        membership_here: 3,
        mass_orgs: MassOrgs::default(),
        registered: date("2020-01-01"),
        formation: None,
        formed_on: None,
        stage: Stage::NotFormed,
    }
}

fn registry() -> Vec<Unit> {
    vec![unit("u1", "呼和浩特甲乳业有限公司", VALID_CODES[0]), unit("u2", "新城区乙农牧民专业合作社", VALID_CODES[1])]
}

fn problems_of(candidate: Unit) -> Vec<UnitProblem> {
    validate_unit(candidate, &registry(), date(TODAY)).err().unwrap_or_default()
}

fn check_unit(edit: impl FnOnce(&mut Unit), expected: &[UnitProblem]) {
    let mut candidate = unit("new", "丙科技有限公司", VALID_CODES[2]);
    edit(&mut candidate);
    assert_eq!(problems_of(candidate), expected);
}

fn standalone(org: &str) -> Option<Formation> {
    Some(Formation::Standalone { org: org.into() })
}

fn joint(org: &str) -> Option<Formation> {
    Some(Formation::Joint { org: org.into() })
}

fn attached(org: &str) -> Option<Formation> {
    Some(Formation::Attached { org: org.into() })
}

fn instructor(name: &str) -> Option<Formation> {
    Some(Formation::Instructor { name: name.into() })
}

#[test]
fn a_valid_unit_is_accepted_trimmed_and_normalised() {
    let mut candidate = unit("new", "  丙科技有限公司 ", "  51150100mj0000123w ");
    candidate.industry = " 软件和信息技术服务业 ".into();
    candidate.area = " 新城街道".into();
    candidate.supervisor = " 市科协 ".into();
    candidate.status_date = Some(date("2024-01-01"));
    candidate.formation = Some(Formation::Instructor { name: " 王指导员 ".into() });
    candidate.formed_on = Some(date("2025-03-01"));
    let saved = validate_unit(candidate, &registry(), date(TODAY)).unwrap();
    assert_eq!(saved.name, "丙科技有限公司");
    assert_eq!(saved.credit_code, "51150100MJ0000123W");
    assert_eq!(
        (saved.industry.as_str(), saved.area.as_str(), saved.supervisor.as_str()),
        ("软件和信息技术服务业", "新城街道", "市科协")
    );
    assert_eq!(saved.status_date, None, "an operating unit's status date means nothing");
    assert_eq!(saved.formation, instructor("王指导员"));

    let mut uncovered = unit("new", "丙科技有限公司", VALID_CODES[2]);
    uncovered.formed_on = Some(date("2025-03-01"));
    assert_eq!(validate_unit(uncovered, &registry(), date(TODAY)).unwrap().formed_on, None);
}

#[test]
fn names_are_required_bounded_and_unique() {
    check_unit(|u| u.name = "  ".into(), &[P::Required(F::Name)]);
    check_unit(|u| u.name = "公".repeat(MAX_NAME_CHARS + 1), &[P::TooLong(F::Name, MAX_NAME_CHARS)]);
    check_unit(|u| u.name = "公".repeat(MAX_NAME_CHARS), &[]);
    check_unit(|u| u.name = " 呼和浩特甲乳业有限公司".into(), &[P::NameTaken { by: "u1".into() }]);
    check_unit(|u| u.name = "ABC 有限公司".into(), &[]);
    // Saving a unit under its own name and code is not a clash with itself.
    let mut again = registry()[0].clone();
    again.employees = 130;
    assert_eq!(problems_of(again), []);
}

#[test]
fn credit_codes_are_required_valid_and_unique() {
    check_unit(|u| u.credit_code = " ".into(), &[P::Required(F::CreditCode)]);
    check_unit(|u| u.credit_code = "9135".into(), &[P::CreditCode(CreditCodeProblem::Length { found: 4 })]);
    check_unit(
        |u| u.credit_code = "91350100M000100Y44".into(),
        &[P::CreditCode(CreditCodeProblem::CheckCharacter { expected: '3', found: '4' })],
    );
    check_unit(|u| u.credit_code = "91350100m000100y43".into(), &[P::CreditCodeTaken { by: "u1".into() }]);
    // The same rule for every kind: a cooperative or a social organisation has a code too.
    check_unit(
        |u| {
            u.sub_type = SubType::FarmerHerder;
            u.credit_code = String::new();
        },
        &[P::Required(F::CreditCode)],
    );
    check_unit(
        |u| {
            u.sub_type = SubType::Fellowship;
            u.credit_code = VALID_CODES[1].into();
        },
        &[P::CreditCodeTaken { by: "u2".into() }],
    );
}

#[test]
fn member_counts_must_fit_inside_the_party_members() {
    check_unit(|u| (u.party_members, u.full_members, u.membership_here) = (5, 5, 5), &[]);
    check_unit(|u| (u.party_members, u.full_members, u.membership_here) = (0, 0, 0), &[]);
    check_unit(|u| u.full_members = 6, &[P::FullAboveParty { full: 6, party: 5 }]);
    check_unit(|u| u.membership_here = 7, &[P::HereAboveParty { here: 7, party: 5 }]);
    let u = unit("x", "x", VALID_CODES[0]);
    assert_eq!(u.membership_elsewhere(), 2);
}

#[test]
fn a_status_other_than_operating_needs_a_real_date() {
    for status in [Suspended, Bankrupt, Restructured, Deregistered] {
        check_unit(|u| u.status = status, &[P::Required(F::StatusDate)]);
        check_unit(
            |u| {
                u.status = status;
                u.status_date = Some(date("2024-05-10"));
            },
            &[],
        );
    }
    check_unit(
        |u| {
            u.status = Deregistered;
            u.status_date = Some(date("2026-11-28"));
        },
        &[P::InFuture(F::StatusDate)],
    );
    check_unit(
        |u| {
            u.status = Deregistered;
            u.status_date = Some(date(TODAY));
        },
        &[],
    );
    check_unit(
        |u| {
            u.status = Bankrupt;
            u.status_date = Some(date("2019-12-31"));
        },
        &[P::BeforeRegistered(F::StatusDate)],
    );
    check_unit(|u| u.registered = date("2026-11-28"), &[P::InFuture(F::Registered)]);
}

#[test]
fn a_formation_needs_its_org_or_instructor_and_a_date() {
    check_unit(
        |u| {
            u.formation = standalone("b1");
            u.stage = Stage::Formed;
        },
        &[P::Required(F::FormedOn)],
    );
    check_unit(
        |u| {
            u.formation = joint(" ");
            u.formed_on = Some(date("2024-01-01"));
            u.stage = Stage::Formed;
        },
        &[P::Required(F::Formation)],
    );
    check_unit(
        |u| {
            u.formation = instructor("  ");
            u.formed_on = Some(date("2024-01-01"));
        },
        &[P::Required(F::Formation)],
    );
    check_unit(
        |u| {
            u.formation = instructor(&"王".repeat(MAX_TEXT_CHARS + 1));
            u.formed_on = Some(date("2024-01-01"));
        },
        &[P::TooLong(F::Formation, MAX_TEXT_CHARS)],
    );
    check_unit(
        |u| {
            u.formation = attached("c");
            u.formed_on = Some(date("2026-12-01"));
            u.stage = Stage::Formed;
        },
        &[P::InFuture(F::FormedOn)],
    );
    check_unit(
        |u| {
            u.formation = attached("c");
            u.formed_on = Some(date("2019-06-30"));
            u.stage = Stage::Formed;
        },
        &[P::BeforeRegistered(F::FormedOn)],
    );
}

#[test]
fn the_stage_follows_the_organisation() {
    let with = |formation: Option<Formation>, stage: Stage| {
        move |u: &mut Unit| {
            u.formed_on = formation.as_ref().map(|_| date("2024-01-01"));
            u.formation = formation;
            u.stage = stage;
        }
    };
    let model = |level, y| Stage::ModelSite { level, year: year(y) };
    check_unit(with(None, Stage::NotFormed), &[]);
    check_unit(with(None, Stage::Formed), &[P::StageNeedsOrganisation]);
    check_unit(with(None, model(ModelLevel::City, 2025)), &[P::StageNeedsOrganisation]);
    check_unit(with(instructor("王指导员"), Stage::NotFormed), &[]);
    check_unit(with(instructor("王指导员"), Stage::Standardised), &[P::StageNeedsOrganisation]);
    check_unit(with(standalone("b1"), Stage::NotFormed), &[P::StageBelowOrganisation]);
    check_unit(with(standalone("b1"), Stage::Formed), &[]);
    check_unit(with(joint("b3"), Stage::Standardised), &[]);
    check_unit(with(attached("c"), model(ModelLevel::Province, 2026)), &[]);
    check_unit(with(attached("c"), model(ModelLevel::County, 2027)), &[P::InFuture(F::Stage)]);
    check_unit(with(None, model(ModelLevel::County, 2027)), &[P::StageNeedsOrganisation, P::InFuture(F::Stage)]);
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut bad = unit("new", " 呼和浩特甲乳业有限公司 ", "91350100M000100Y4I");
    bad.industry = "业".repeat(MAX_TEXT_CHARS + 1);
    bad.area = "街".repeat(MAX_TEXT_CHARS + 1);
    bad.supervisor = "单".repeat(MAX_TEXT_CHARS + 1);
    bad.registered = date("2026-12-01");
    bad.status = Suspended;
    bad.party_members = 2;
    bad.full_members = 3;
    bad.membership_here = 4;
    bad.formation = instructor("");
    bad.stage = Stage::ModelSite { level: ModelLevel::City, year: year(2030) };
    let problems = problems_of(bad);
    assert_eq!(
        problems,
        [
            P::NameTaken { by: "u1".into() },
            P::CreditCode(CreditCodeProblem::Character { position: 18, found: 'I' }),
            P::TooLong(F::Industry, MAX_TEXT_CHARS),
            P::TooLong(F::Area, MAX_TEXT_CHARS),
            P::TooLong(F::Supervisor, MAX_TEXT_CHARS),
            P::InFuture(F::Registered),
            P::Required(F::StatusDate),
            P::FullAboveParty { full: 3, party: 2 },
            P::HereAboveParty { here: 4, party: 2 },
            P::Required(F::Formation),
            P::Required(F::FormedOn),
            P::StageNeedsOrganisation,
            P::InFuture(F::Stage),
        ]
    );
    let fields: Vec<UnitField> = problems.iter().map(UnitProblem::field).collect();
    assert_eq!(
        fields,
        [
            F::Name,
            F::CreditCode,
            F::Industry,
            F::Area,
            F::Supervisor,
            F::Registered,
            F::StatusDate,
            F::FullMembers,
            F::MembershipHere,
            F::Formation,
            F::FormedOn,
            F::Stage,
            F::Stage,
        ]
    );
}

#[test]
fn kinds_sub_types_and_statuses_have_stable_codes() {
    for sub in SubType::ALL {
        assert_eq!(SubType::from_code(sub.code()), Some(sub));
        assert_eq!(serde_json::to_string(&sub).unwrap(), format!("\"{}\"", sub.code()));
    }
    for kind in UnitKind::ALL {
        assert_eq!(UnitKind::from_code(kind.code()), Some(kind));
        assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.code()));
    }
    for status in BusinessStatus::ALL {
        assert_eq!(BusinessStatus::from_code(status.code()), Some(status));
        assert_eq!(serde_json::to_string(&status).unwrap(), format!("\"{}\"", status.code()));
    }
    for kind in FormationKind::ALL {
        assert_eq!(FormationKind::from_code(kind.code()), Some(kind));
    }
    for level in ModelLevel::ALL {
        assert_eq!(ModelLevel::from_code(level.code()), Some(level));
    }
    for action in ShellAction::ALL {
        assert_eq!(ShellAction::from_code(action.code()), Some(action));
        assert_eq!(serde_json::to_string(&action).unwrap(), format!("\"{}\"", action.code()));
    }
    use SubType::*;
    assert_eq!(UnitKind::Enterprise.sub_types(), [Private, ForeignFunded, Converted, Building, Market]);
    assert_eq!(UnitKind::SocialOrg.sub_types(), [Academic, TradeAssociation, Fellowship, OtherSocial]);
    assert_eq!(UnitKind::Cooperative.sub_types(), [FarmerHerder]);
    assert_eq!(SubType::from_code("nope"), None);
}

#[test]
fn a_unit_round_trips_through_json() {
    let mut u = unit("u9", "丁商贸有限公司", VALID_CODES[4]);
    u.status = Restructured;
    u.status_date = Some(date("2025-02-01"));
    u.mass_orgs = MassOrgs { trade_union: true, youth_league: false, womens_federation: true };
    u.formation = joint("b3");
    u.formed_on = Some(date("2021-07-01"));
    u.stage = Stage::ModelSite { level: ModelLevel::City, year: year(2025) };
    let json = serde_json::to_value(&u).unwrap();
    assert_eq!(json["formation"], serde_json::json!({"kind": "joint", "org": "b3"}));
    assert_eq!(json["stage"], serde_json::json!({"stage": "model_site", "level": "city", "year": "2025"}));
    assert_eq!(json["status"], "restructured");
    assert_eq!(serde_json::from_value::<Unit>(json).unwrap(), u);
    // Optional parts may be absent in stored records.
    let bare = serde_json::json!({
        "id": "u0", "name": "戊", "credit_code": VALID_CODES[5], "sub_type": "market", "employees": 3,
        "status": "operating", "party_members": 0, "full_members": 0, "membership_here": 0,
        "registered": "2022-02-02"
    });
    let bare: Unit = serde_json::from_value(bare).unwrap();
    assert_eq!((bare.kind(), bare.formation, bare.stage), (UnitKind::Enterprise, None, Stage::NotFormed));
}

// --- formations -------------------------------------------------------------------------------

fn org(id: &str, parent: Option<&str>, kind: OrgKind) -> Org {
    Org {
        id: id.into(),
        parent: parent.map(Into::into),
        kind,
        name: format!("{id} 党组织"),
        category: (kind == OrgKind::Branch).then_some(Category::Market),
        secretary: String::new(),
        contact: String::new(),
        founded: None,
        archived: false,
    }
}

/// 街道党工委 c with a general branch gb, branches b1–b3 and a party group g1 under b1, and an
/// archived branch bx.
fn orgs() -> Vec<Org> {
    let mut archived = org("bx", Some("c"), OrgKind::Branch);
    archived.archived = true;
    vec![
        org("c", None, OrgKind::Committee),
        org("gb", Some("c"), OrgKind::GeneralBranch),
        org("b1", Some("c"), OrgKind::Branch),
        org("b2", Some("gb"), OrgKind::Branch),
        org("b3", Some("c"), OrgKind::Branch),
        org("g1", Some("b1"), OrgKind::Group),
        archived,
    ]
}

fn covered(id: &str, formation: Option<Formation>, full: u32) -> Unit {
    let mut u = unit(id, id, VALID_CODES[0]);
    u.formation = formation;
    u.formed_on = Some(date("2021-01-01"));
    u.party_members = full + 1;
    u.full_members = full;
    u
}

fn check_formations(units: &[Unit], expected: &[FormationProblem]) {
    assert_eq!(validate_formations(units, &orgs()), expected);
}

#[test]
fn a_consistent_registry_has_no_formation_problems() {
    check_formations(
        &[
            covered("u1", standalone("b1"), 3),
            covered("u2", joint("b3"), 1),
            covered("u3", joint("b3"), 0),
            covered("u4", attached("c"), 2),
            covered("u5", attached("gb"), 0),
            // Attaching to another unit's standalone branch is how a small unit joins its host.
            covered("u6", attached("b1"), 1),
            covered("u7", instructor("王指导员"), 0),
            covered("u8", None, 0),
        ],
        &[],
    );
}

#[test]
fn a_standalone_branch_needs_three_full_members() {
    use FormationProblem::*;
    check_formations(&[covered("u1", standalone("b1"), 2)], &[TooFewForStandalone { unit: "u1".into(), full: 2 }]);
    check_formations(&[covered("u1", standalone("b1"), 0)], &[TooFewForStandalone { unit: "u1".into(), full: 0 }]);
    check_formations(&[covered("u1", standalone("b1"), MIN_STANDALONE_FULL_MEMBERS)], &[]);
    // The same members in a joint branch are fine: that is the way out.
    check_formations(&[covered("u1", joint("b3"), 2), covered("u2", joint("b3"), 2)], &[]);
}

#[test]
fn a_joint_branch_needs_two_units_and_a_standalone_one_is_not_shared() {
    use FormationProblem::*;
    let ids = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    check_formations(&[covered("u1", joint("b3"), 1)], &[JointTooFewUnits { org: "b3".into(), units: ids(&["u1"]) }]);
    check_formations(
        &[covered("u1", standalone("b1"), 3), covered("u2", standalone("b1"), 4)],
        &[StandaloneShared { org: "b1".into(), units: ids(&["u1", "u2"]) }],
    );
    check_formations(
        &[covered("u1", joint("b1"), 1), covered("u2", standalone("b1"), 4), covered("u3", joint("b1"), 1)],
        &[StandaloneShared { org: "b1".into(), units: ids(&["u1", "u2", "u3"]) }],
    );
}

#[test]
fn the_org_must_exist_open_and_of_the_right_level() {
    use FormationProblem::*;
    let missing = |unit: &str, org: &str| OrgMissing { unit: unit.into(), org: org.into() };
    let wrong = |unit: &str, org: &str, found| OrgWrongKind { unit: unit.into(), org: org.into(), found };
    check_formations(&[covered("u1", attached("nope"), 1)], &[missing("u1", "nope")]);
    check_formations(&[covered("u1", attached("bx"), 1)], &[missing("u1", "bx")]);
    check_formations(&[covered("u1", standalone("c"), 5)], &[wrong("u1", "c", OrgKind::Committee)]);
    check_formations(&[covered("u1", standalone("gb"), 5)], &[wrong("u1", "gb", OrgKind::GeneralBranch)]);
    check_formations(&[covered("u1", standalone("g1"), 5)], &[wrong("u1", "g1", OrgKind::Group)]);
    check_formations(&[covered("u1", attached("g1"), 1)], &[wrong("u1", "g1", OrgKind::Group)]);
    check_formations(
        &[covered("u1", joint("c"), 1), covered("u2", joint("c"), 1)],
        &[wrong("u1", "c", OrgKind::Committee), wrong("u2", "c", OrgKind::Committee)],
    );
}

#[test]
fn every_formation_problem_is_reported_at_once_and_tells_whom_it_involves() {
    use FormationProblem::*;
    let problems = validate_formations(
        &[
            covered("u1", standalone("b1"), 1),
            covered("u2", joint("bx"), 1),
            covered("u3", standalone("b1"), 5),
            covered("u4", joint("b3"), 2),
            covered("u5", instructor("王指导员"), 9),
        ],
        &orgs(),
    );
    assert_eq!(
        problems,
        [
            TooFewForStandalone { unit: "u1".into(), full: 1 },
            OrgMissing { unit: "u2".into(), org: "bx".into() },
            StandaloneShared { org: "b1".into(), units: vec!["u1".into(), "u3".into()] },
            JointTooFewUnits { org: "bx".into(), units: vec!["u2".into()] },
            JointTooFewUnits { org: "b3".into(), units: vec!["u4".into()] },
        ]
    );
    let involving = |unit: &str| problems.iter().filter(|p| p.involves(unit)).count();
    assert_eq!([involving("u1"), involving("u2"), involving("u3"), involving("u4"), involving("u5")], [2, 2, 1, 1, 0]);
}

#[test]
fn formations_know_their_kind_and_org() {
    assert_eq!(standalone("b1").unwrap().org(), Some("b1"));
    assert_eq!(instructor("王").unwrap().org(), None);
    assert_eq!(attached("c").unwrap().kind(), FormationKind::Attached);
    assert!(!FormationKind::Instructor.is_organisation());
    assert!(FormationKind::Joint.is_organisation());
    let mut u = unit("u", "u", VALID_CODES[0]);
    assert!(!u.has_organisation());
    u.formation = instructor("王");
    assert!(!u.has_organisation());
    u.formation = joint("b3");
    assert!(u.has_organisation());
}

// --- coverage ---------------------------------------------------------------------------------

struct Spec {
    id: &'static str,
    sub_type: SubType,
    area: &'static str,
    industry: &'static str,
    above_scale: bool,
    registered: &'static str,
    status: (BusinessStatus, Option<&'static str>),
    formation: Option<Formation>,
    formed_on: Option<&'static str>,
    members: (u32, u32),
}

fn build(spec: Spec) -> Unit {
    let mut u = unit(spec.id, spec.id, VALID_CODES[0]);
    u.sub_type = spec.sub_type;
    u.area = spec.area.into();
    u.industry = spec.industry.into();
    u.above_scale = spec.above_scale;
    u.registered = date(spec.registered);
    u.status = spec.status.0;
    u.status_date = spec.status.1.map(date);
    u.formation = spec.formation;
    u.formed_on = spec.formed_on.map(date);
    (u.party_members, u.full_members) = spec.members;
    u.membership_here = 0;
    u
}

/// A street's registry:
///
/// | unit | kind        | area          | industry     | registered | status              | formation (from)      | party/full |
/// |------|-------------|---------------|--------------|------------|---------------------|-----------------------|------------|
/// | a    | enterprise  | 新城街道      | 制造业       | 2020-01-01 | operating           | standalone (2021-06-01) | 6/5 — above scale |
/// | b    | social org  | 新城街道      | 商务服务业   | 2020-03-01 | operating           | instructor (2022-01-01) | 3/3        |
/// | c    | enterprise  | 海拉尔路街道  | 批发和零售业 | 2019-05-01 | operating           | —                     | 2/1 — above scale |
/// | d    | enterprise  | 海拉尔路街道  | 制造业       | 2018-01-01 | deregistered 2024-05-10 | joint b2 (2021-01-01) | 4/4        |
/// | e    | cooperative | 海拉尔路街道  | 农业         | 2024-07-01 | operating           | attached c (2024-07-01) | 1/1      |
/// | f    | enterprise  | "新城街道 "   | IT服务       | 2019-01-01 | suspended 2023-03-01 | —                    | 1/0        |
/// | g    | enterprise  | 海拉尔路街道  | it服务       | 2018-06-01 | restructured 2024-01-01 | joint b2 (2021-01-01) | 3/3     |
/// | h    | social org  | —             | —            | 2020-01-01 | operating           | —                     | 0/0        |
fn street() -> Vec<Unit> {
    use SubType::*;
    let spec = |id, sub_type, area, industry, registered| Spec {
        id,
        sub_type,
        area,
        industry,
        above_scale: false,
        registered,
        status: (Operating, None),
        formation: None,
        formed_on: None,
        members: (0, 0),
    };
    vec![
        build(Spec {
            above_scale: true,
            formation: standalone("b1"),
            formed_on: Some("2021-06-01"),
            members: (6, 5),
            ..spec("a", Private, "新城街道", "制造业", "2020-01-01")
        }),
        build(Spec {
            formation: instructor("王指导员"),
            formed_on: Some("2022-01-01"),
            members: (3, 3),
            ..spec("b", TradeAssociation, "新城街道", "商务服务业", "2020-03-01")
        }),
        build(Spec {
            above_scale: true,
            members: (2, 1),
            ..spec("c", Private, "海拉尔路街道", "批发和零售业", "2019-05-01")
        }),
        build(Spec {
            status: (Deregistered, Some("2024-05-10")),
            formation: joint("b2"),
            formed_on: Some("2021-01-01"),
            members: (4, 4),
            ..spec("d", Private, "海拉尔路街道", "制造业", "2018-01-01")
        }),
        build(Spec {
            formation: attached("c"),
            formed_on: Some("2024-07-01"),
            members: (1, 1),
            ..spec("e", FarmerHerder, "海拉尔路街道", "农业", "2024-07-01")
        }),
        build(Spec {
            status: (Suspended, Some("2023-03-01")),
            members: (1, 0),
            ..spec("f", Building, "新城街道 ", "IT服务", "2019-01-01")
        }),
        build(Spec {
            status: (Restructured, Some("2024-01-01")),
            formation: joint("b2"),
            formed_on: Some("2021-01-01"),
            members: (3, 3),
            ..spec("g", Converted, "海拉尔路街道", "it服务", "2018-06-01")
        }),
        build(spec("h", OtherSocial, "", "", "2020-01-01")),
    ]
}

/// (org numerator, work numerator, active, org %, work %)
type Figures = (u32, u32, u32, Option<Points>, Option<Points>);

fn figures(c: Coverage) -> Figures {
    assert_eq!(c.org.0.denominator, c.work.0.denominator);
    (c.org.0.numerator, c.work.0.numerator, c.active(), c.org.percent(), c.work.percent())
}

#[test]
fn coverage_counts_the_units_that_exist_on_the_day() {
    let units = street();
    for (day, expected) in [
        // Before anything was registered: no rate at all, not 0 %.
        ("2017-12-31", (0, 0, 0, None, None)),
        ("2018-01-01", (0, 0, 1, pct("0"), pct("0"))),
        // d and g have their joint branch; a's branch is not formed yet, b has no instructor yet.
        ("2021-05-31", (2, 2, 7, pct("28.57"), pct("28.57"))),
        ("2021-06-01", (3, 3, 7, pct("42.86"), pct("42.86"))),
        ("2022-01-01", (3, 4, 7, pct("42.86"), pct("57.14"))),
        // d is deregistered on 2024-05-10: still counted the day before, not from that day. The
        // suspended f and the restructured g stay: they still exist.
        ("2024-05-09", (3, 4, 7, pct("42.86"), pct("57.14"))),
        ("2024-05-10", (2, 3, 6, pct("33.33"), pct("50"))),
        ("2024-06-30", (2, 3, 6, pct("33.33"), pct("50"))),
        // e registers and is attached the same day.
        ("2024-07-01", (3, 4, 7, pct("42.86"), pct("57.14"))),
    ] {
        assert_eq!(figures(coverage(&units, date(day))), expected, "{day}");
    }
}

#[test]
fn a_unit_is_active_from_registration_until_it_ceases() {
    let units = street();
    let active = |id: &str, day: &str| is_active(units.iter().find(|u| u.id == id).unwrap(), date(day));
    assert!(!active("e", "2024-06-30"));
    assert!(active("e", "2024-07-01"));
    assert!(active("d", "2024-05-09"));
    assert!(!active("d", "2024-05-10"));
    assert!(active("f", TODAY), "suspended units stay");
    assert!(active("g", TODAY), "restructured units stay");
    let mut bankrupt = units[0].clone();
    (bankrupt.status, bankrupt.status_date) = (Bankrupt, Some(date("2025-01-01")));
    assert!(active("a", "2024-12-31") && is_active(&bankrupt, date("2024-12-31")));
    assert!(!is_active(&bankrupt, date("2025-01-01")));
    // A ceased status without its date (older data) counts as in effect.
    bankrupt.status_date = None;
    assert!(!is_active(&bankrupt, date("2021-01-01")));
    // An undated formation (older data) counts as in effect rather than vanishing.
    let mut undated = units[0].clone();
    undated.formed_on = None;
    assert_eq!(formation_at(&undated, date("2020-01-01")), standalone("b1").as_ref());
    assert_eq!(formation_at(&units[0], date("2021-05-31")), None);
}

#[test]
fn coverage_is_grouped_by_area_industry_and_kind() {
    let units = street();
    let on = date("2024-07-01");
    let groups = |by| coverage_by(&units, on, by).into_iter().map(|g| (g.key, figures(g.coverage))).collect::<Vec<_>>();
    let area = |s: &str| GroupKey::Area(s.into());
    // "新城街道 " is the same area as "新城街道"; d (deregistered) is in no group; h has no area.
    assert_eq!(
        groups(GroupBy::Area),
        [
            (area("新城街道"), (1, 2, 3, pct("33.33"), pct("66.67"))),
            (area("海拉尔路街道"), (2, 2, 3, pct("66.67"), pct("66.67"))),
            (area(""), (0, 0, 1, pct("0"), pct("0"))),
        ]
    );
    let industry = |s: &str| GroupKey::Industry(s.into());
    assert_eq!(
        groups(GroupBy::Industry),
        [
            (industry("IT服务"), (1, 1, 2, pct("50"), pct("50"))),
            (industry("农业"), (1, 1, 1, pct("100"), pct("100"))),
            (industry("制造业"), (1, 1, 1, pct("100"), pct("100"))),
            (industry("商务服务业"), (0, 1, 1, pct("0"), pct("100"))),
            (industry("批发和零售业"), (0, 0, 1, pct("0"), pct("0"))),
            (industry(""), (0, 0, 1, pct("0"), pct("0"))),
        ]
    );
    assert_eq!(
        groups(GroupBy::Kind),
        [
            (GroupKey::Kind(UnitKind::Enterprise), (2, 2, 4, pct("50"), pct("50"))),
            (GroupKey::Kind(UnitKind::SocialOrg), (0, 1, 2, pct("0"), pct("50"))),
            (GroupKey::Kind(UnitKind::Cooperative), (1, 1, 1, pct("100"), pct("100"))),
        ]
    );
    // Before e registered there is no cooperative group at all.
    let kinds: Vec<GroupKey> =
        coverage_by(&units, date("2024-06-30"), GroupBy::Kind).into_iter().map(|g| g.key).collect();
    assert_eq!(kinds, [GroupKey::Kind(UnitKind::Enterprise), GroupKey::Kind(UnitKind::SocialOrg)]);
    assert_eq!(figures(above_scale_coverage(&units, on)), (1, 1, 2, pct("50"), pct("50")));
    assert_eq!(figures(above_scale_coverage(&units, date("2019-12-31"))), (0, 0, 1, pct("0"), pct("0")));
}

#[test]
fn the_trend_reads_each_month_on_its_last_day() {
    let units = street();
    let trend = |from: &str, to: &str| {
        coverage_trend(&units, month(from), month(to))
            .into_iter()
            .map(|m| (m.month.to_string(), figures(m.coverage)))
            .collect::<Vec<_>>()
    };
    let row = |m: &str, f: Figures| (m.to_string(), f);
    assert_eq!(
        trend("2024-04", "2024-07"),
        [
            row("2024-04", (3, 4, 7, pct("42.86"), pct("57.14"))),
            row("2024-05", (2, 3, 6, pct("33.33"), pct("50"))),
            row("2024-06", (2, 3, 6, pct("33.33"), pct("50"))),
            row("2024-07", (3, 4, 7, pct("42.86"), pct("57.14"))),
        ]
    );
    assert_eq!(
        trend("2021-05", "2021-06"),
        [row("2021-05", (2, 2, 7, pct("28.57"), pct("28.57"))), row("2021-06", (3, 3, 7, pct("42.86"), pct("42.86")))]
    );
    assert_eq!(
        trend("2017-12", "2018-01"),
        [row("2017-12", (0, 0, 0, None, None)), row("2018-01", (0, 0, 1, pct("0"), pct("0")))]
    );
    assert_eq!(trend("2024-07", "2024-04"), []);
    assert_eq!(trend("2024-07", "2024-07").len(), 1);
    // A leap February ends on the 29th: a unit registered that day is in February's figure.
    let mut leap = units[7].clone();
    leap.registered = date("2024-02-29");
    let feb = coverage_trend(&[leap], month("2024-02"), month("2024-03"));
    assert_eq!(feb.iter().map(|m| m.coverage.active()).collect::<Vec<_>>(), [1, 1]);
}

#[test]
fn the_gap_list_names_the_units_behind_the_figures() {
    let units = street();
    let ids = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        gaps(&units, date("2024-07-01")),
        Gaps {
            // b has only an instructor, c and f nothing; h has no members.
            members_without_organisation: ids(&["b", "c", "f"]),
            // a is covered; c is not covered at all.
            above_scale_uncovered: ids(&["c"]),
            // b (instructor, 3 full) and g (joint, 3 full); d is gone.
            standalone_candidates: ids(&["b", "g"]),
        }
    );
    let before = gaps(&units, date("2024-05-09"));
    assert_eq!(before.standalone_candidates, ids(&["b", "d", "g"]));
    // Before a's branch was formed, a is an above-scale unit with members and no organisation.
    let early = gaps(&units, date("2021-05-31"));
    assert_eq!(early.members_without_organisation, ids(&["a", "b", "c", "f"]));
    assert_eq!(early.above_scale_uncovered, ids(&["a", "c"]));
    assert_eq!(early.standalone_candidates, ids(&["d", "g"]));
}

#[test]
fn a_ratio_is_exact_and_rounds_half_up() {
    let r = |n, d| Ratio { numerator: n, denominator: d }.percent();
    assert_eq!(r(1, 8), pct("12.5"));
    assert_eq!(r(1, 3), pct("33.33"));
    assert_eq!(r(2, 3), pct("66.67"));
    assert_eq!(r(1, 6), pct("16.67"));
    // 1/16 = 6.25 %, 1/1600 = 0.0625 % → 0.06; 1/800 = 0.125 % → 0.13 (half up).
    assert_eq!(r(1, 1600), pct("0.06"));
    assert_eq!(r(1, 800), pct("0.13"));
    assert_eq!(r(0, 5), pct("0"));
    assert_eq!(r(5, 5), pct("100"));
    assert_eq!(r(0, 0), None);
}

fn random_unit() -> impl Strategy<Value = Unit> {
    let formation = prop_oneof![
        Just(None),
        Just(standalone("b1")),
        Just(joint("b2")),
        Just(attached("c")),
        Just(instructor("王")),
    ];
    let status = proptest::sample::select(BusinessStatus::ALL.to_vec());
    let area = proptest::sample::select(vec!["甲街道", "乙镇", " 甲街道", ""]);
    (0u32..3650, formation, 0u32..3650, status, 0u32..3650, area, any::<bool>(), 0u32..6).prop_map(
        |(registered, formation, formed, status, status_after, area, above_scale, full)| {
            let day = |offset: u32| date("2016-01-01").add_days(offset.into()).unwrap();
            let mut u = unit("u", "u", VALID_CODES[0]);
            u.registered = day(registered);
            u.formed_on = formation.as_ref().map(|_| day(registered + formed));
            u.formation = formation;
            u.status = status;
            u.status_date = (status != Operating).then(|| day(registered + status_after));
            u.area = area.into();
            u.above_scale = above_scale;
            (u.party_members, u.full_members) = (full, full);
            u
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn coverage_is_bounded_and_its_groups_add_up(units in proptest::collection::vec(random_unit(), 0..25), offset in 0u32..7300) {
        let on = date("2016-01-01").add_days(offset.into()).unwrap();
        let total = coverage(&units, on);
        prop_assert!(total.org.0.numerator <= total.work.0.numerator);
        prop_assert!(total.work.0.numerator <= total.active());
        if let Some(p) = total.work.percent() {
            prop_assert!(Points::ZERO <= p && p <= Points::HUNDRED);
        }
        for by in [GroupBy::Area, GroupBy::Industry, GroupBy::Kind] {
            let groups = coverage_by(&units, on, by);
            let sum = |f: fn(&Coverage) -> u32| groups.iter().map(|g| f(&g.coverage)).sum::<u32>();
            prop_assert_eq!(sum(|c| c.org.0.numerator), total.org.0.numerator);
            prop_assert_eq!(sum(|c| c.work.0.numerator), total.work.0.numerator);
            prop_assert_eq!(sum(|c| c.active()), total.active());
            prop_assert!(groups.iter().all(|g| g.coverage.active() > 0));
        }
        prop_assert!(coverage_by(&units, on, GroupBy::Area).len() <= 3);
    }
}

// --- shell screening --------------------------------------------------------------------------

const D: &str = "2026-11-27";

fn member(id: &str, branch: &str, status: MemberStatus) -> Member {
    Member {
        id: id.into(),
        branch: branch.into(),
        name: id.into(),
        gender: Gender::Female,
        birth: date("1985-05-05"),
        joined: date("2010-07-01"),
        position: String::new(),
        status,
    }
}

/// `full` full members on `branch`, plus a probationary and a transferred-out one who never count.
fn roll(branch: &str, full: usize) -> Vec<Member> {
    let mut roll: Vec<Member> =
        (0..full).map(|i| member(&format!("{branch}-m{i}"), branch, MemberStatus::Full)).collect();
    roll.push(member(&format!("{branch}-p"), branch, MemberStatus::Probationary));
    roll.push(member(&format!("{branch}-t"), branch, MemberStatus::TransferredOut));
    roll
}

fn meeting(branch: &str, day: &str, kind: MeetingKind) -> LedgerRecord {
    LedgerRecord {
        id: format!("{branch}-{day}"),
        branch: branch.into(),
        date: date(day),
        kind,
        topic: "学习".into(),
        place: String::new(),
        host: String::new(),
        attendees: vec![],
        absentees: vec![],
        minutes: String::new(),
        attachments: vec![],
    }
}

/// Unit `id`, operating, covered by `formation` since 2021.
fn in_org(id: &str, formation: Option<Formation>) -> Unit {
    covered(id, formation, 3)
}

struct World {
    units: Vec<Unit>,
    orgs: Vec<Org>,
    members: Vec<Member>,
    ledger: Vec<LedgerRecord>,
}

impl World {
    /// u1 on its own branch b1 with three full members and a committee meeting last month.
    fn healthy() -> World {
        World {
            units: vec![in_org("u1", standalone("b1"))],
            orgs: orgs(),
            members: roll("b1", 3),
            ledger: vec![meeting("b1", "2026-10-20", MeetingKind::CommitteeMeeting)],
        }
    }

    fn screen(&self, months: u32) -> Vec<ShellFlag> {
        screen(&self.units, &self.orgs, &self.members, &self.ledger, date(D), months)
    }
}

fn flag(org: &str, causes: Vec<ShellCause>) -> ShellFlag {
    ShellFlag { org: org.into(), causes }
}

fn closed(unit: &str, status: BusinessStatus) -> ShellCause {
    ShellCause::UnitClosed { unit: unit.into(), status }
}

fn no_life(since: &str) -> ShellCause {
    ShellCause::NoOrganisationalLife { since: month(since) }
}

#[test]
fn a_working_organisation_is_not_flagged() {
    assert_eq!(World::healthy().screen(DEFAULT_LIFE_MONTHS), []);
}

#[test]
fn a_closed_unit_flags_its_organisation() {
    for (status, on, flagged) in [
        (Deregistered, "2026-10-01", true),
        (Bankrupt, "2026-11-27", true),
        (Restructured, "2025-01-01", true),
        // Not yet in effect on the screening day.
        (Bankrupt, "2026-11-28", false),
        // A suspended unit may reopen.
        (Suspended, "2026-01-01", false),
    ] {
        let mut world = World::healthy();
        (world.units[0].status, world.units[0].status_date) = (status, Some(date(on)));
        let expected = if flagged { vec![flag("b1", vec![closed("u1", status)])] } else { vec![] };
        assert_eq!(world.screen(DEFAULT_LIFE_MONTHS), expected, "{status:?} {on}");
    }
}

#[test]
fn too_few_full_members_flag_the_organisation() {
    for (full, flagged) in [(0, true), (2, true), (3, false), (7, false)] {
        let mut world = World::healthy();
        world.members = roll("b1", full);
        let expected =
            if flagged { vec![flag("b1", vec![ShellCause::TooFewMembers { full: full as u32 }])] } else { vec![] };
        assert_eq!(world.screen(DEFAULT_LIFE_MONTHS), expected, "{full} full members");
    }
}

#[test]
fn no_organisational_life_in_the_window_flags_the_organisation() {
    // On 2026-11-27 over three months the window runs from 2026-08-01.
    for (ledger, flagged) in [
        (vec![], true),
        (vec![meeting("b1", "2026-07-31", MeetingKind::BranchAssembly)], true),
        (vec![meeting("b1", "2026-08-01", MeetingKind::BranchAssembly)], false),
        (vec![meeting("b1", "2026-11-27", MeetingKind::PartyLecture)], false),
        (vec![meeting("b1", "2026-11-28", MeetingKind::PartyLecture)], true),
        (vec![meeting("b1", "2026-10-01", MeetingKind::Other)], true),
        (vec![meeting("b2", "2026-10-01", MeetingKind::ThemeDay)], true),
        (vec![meeting("b1", "2026-09-15", MeetingKind::DemocraticReview)], false),
        (vec![meeting("b1", "2026-09-15", MeetingKind::GroupMeeting)], false),
    ] {
        let mut world = World::healthy();
        let what = format!("{:?}", ledger.iter().map(|r| (r.date.to_string(), r.kind)).collect::<Vec<_>>());
        world.ledger = ledger;
        let expected = if flagged { vec![flag("b1", vec![no_life("2026-08")])] } else { vec![] };
        assert_eq!(world.screen(DEFAULT_LIFE_MONTHS), expected, "{what}");
    }
}

#[test]
fn the_window_is_whole_months_and_a_parameter() {
    let window = Window::new(date(D), 3);
    assert_eq!((window.since, window.from, window.to), (month("2026-08"), Some(date("2026-08-01")), date(D)));
    assert_eq!(Window::new(date("2026-02-10"), 3).since, month("2025-11"));
    assert_eq!(Window::new(date(D), 0).from, Some(date("2026-11-01")));
    assert_eq!(Window::new(date(D), 12).since, month("2025-11"));
    // Reaching back before 1900, every record counts.
    assert_eq!(Window::new(date("1900-03-01"), 5).from, None);
    assert!(Window::new(date("1900-03-01"), 5).contains(date("1900-01-01")));
    assert_eq!(Window::new(date(D), u32::MAX).since, month("1000-01"));

    let mut world = World::healthy();
    world.ledger = vec![meeting("b1", "2026-06-10", MeetingKind::BranchAssembly)];
    assert_eq!(world.screen(3), [flag("b1", vec![no_life("2026-08")])]);
    assert_eq!(world.screen(6), []);
    world.ledger = vec![meeting("b1", "2026-10-31", MeetingKind::BranchAssembly)];
    assert_eq!(world.screen(0), [flag("b1", vec![no_life("2026-11")])]);
    assert_eq!(world.screen(1), []);
}

#[test]
fn an_organisation_founded_inside_the_window_is_not_judged_on_its_life_yet() {
    for (founded, flagged) in
        [(Some("2026-09-01"), false), (Some("2026-08-01"), true), (Some("2019-01-01"), true), (None, true)]
    {
        let mut world = World::healthy();
        world.ledger.clear();
        world.orgs.iter_mut().find(|o| o.id == "b1").unwrap().founded = founded.map(date);
        let expected = if flagged { vec![flag("b1", vec![no_life("2026-08")])] } else { vec![] };
        assert_eq!(world.screen(DEFAULT_LIFE_MONTHS), expected, "{founded:?}");
    }
}

#[test]
fn all_causes_are_listed_together() {
    let mut world = World::healthy();
    (world.units[0].status, world.units[0].status_date) = (Deregistered, Some(date("2026-03-01")));
    world.members = roll("b1", 1);
    world.ledger = vec![meeting("b1", "2026-03-01", MeetingKind::BranchAssembly)];
    assert_eq!(
        world.screen(DEFAULT_LIFE_MONTHS),
        [flag("b1", vec![closed("u1", Deregistered), ShellCause::TooFewMembers { full: 1 }, no_life("2026-08")])]
    );
}

#[test]
fn joint_and_attached_organisations_are_screened_on_their_whole_roll() {
    let mut world = World {
        units: vec![
            in_org("u1", joint("b2")),
            in_org("u2", joint("b2")),
            in_org("u3", attached("gb")),
            in_org("u4", attached("c")),
            in_org("u5", instructor("王指导员")),
            in_org("u6", None),
        ],
        orgs: orgs(),
        members: [roll("b1", 2), roll("b2", 2), roll("b3", 1)].concat(),
        ledger: vec![meeting("b3", "2026-11-01", MeetingKind::ThemeDay)],
    };
    (world.units[1].status, world.units[1].status_date) = (Bankrupt, Some(date("2026-06-01")));
    (world.units[3].status, world.units[3].status_date) = (Restructured, Some(date("2026-06-01")));
    // b2 (under gb): one closed unit, two full members, no life. gb: b2's roll and ledger.
    // c: every branch under it — five full members, b3's theme day — but its unit restructured.
    assert_eq!(
        world.screen(DEFAULT_LIFE_MONTHS),
        [
            flag("b2", vec![closed("u2", Bankrupt), ShellCause::TooFewMembers { full: 2 }, no_life("2026-08")]),
            flag("gb", vec![ShellCause::TooFewMembers { full: 2 }, no_life("2026-08")]),
            flag("c", vec![closed("u4", Restructured)]),
        ]
    );
    world.members.extend(roll("b2", 3).into_iter().map(|m| Member { id: format!("{}x", m.id), ..m }));
    world.ledger.push(meeting("b2", "2026-09-09", MeetingKind::BranchAssembly));
    assert_eq!(
        world.screen(DEFAULT_LIFE_MONTHS),
        [flag("b2", vec![closed("u2", Bankrupt)]), flag("c", vec![closed("u4", Restructured)])]
    );
}

#[test]
fn only_real_organisations_covering_a_unit_on_the_day_are_screened() {
    let mut world = World::healthy();
    world.members.clear();
    world.ledger.clear();
    let flagged = || vec![flag("b1", vec![ShellCause::TooFewMembers { full: 0 }, no_life("2026-08")])];
    assert_eq!(world.screen(DEFAULT_LIFE_MONTHS), flagged());
    // A formation that takes effect after the day, or a unit registered after it, covers nothing yet.
    world.units[0].formed_on = Some(date("2026-11-28"));
    assert_eq!(world.screen(DEFAULT_LIFE_MONTHS), []);
    world.units[0].formed_on = Some(date("2021-01-01"));
    world.units[0].registered = date("2026-11-28");
    assert_eq!(world.screen(DEFAULT_LIFE_MONTHS), []);
    world.units[0].registered = date("2020-01-01");
    // An archived or unknown org is validate_formations' finding, not a shell.
    world.orgs.iter_mut().find(|o| o.id == "b1").unwrap().archived = true;
    assert_eq!(world.screen(DEFAULT_LIFE_MONTHS), []);
    world.units[0].formation = standalone("nope");
    assert_eq!(world.screen(DEFAULT_LIFE_MONTHS), []);
    // An instructor is no organisation, so there is nothing to screen.
    world.units[0].formation = instructor("王指导员");
    assert_eq!(world.screen(DEFAULT_LIFE_MONTHS), []);
}

#[test]
fn flags_come_in_the_order_of_their_first_unit() {
    let world = World {
        units: vec![in_org("u1", joint("b3")), in_org("u2", standalone("b1")), in_org("u3", joint("b3"))],
        orgs: orgs(),
        members: [roll("b1", 3), roll("b3", 3)].concat(),
        ledger: vec![],
    };
    let order: Vec<String> = world.screen(DEFAULT_LIFE_MONTHS).into_iter().map(|f| f.org).collect();
    assert_eq!(order, ["b3", "b1"]);
}

// --- decisions --------------------------------------------------------------------------------

fn decision(org: &str, action: ShellAction, reason: &str, day: &str) -> ShellDecision {
    ShellDecision { org: org.into(), decision: action, reason: reason.into(), date: date(day) }
}

#[test]
fn a_decision_needs_an_org_a_reason_and_a_past_date() {
    use DecisionProblem::*;
    let check = |d: ShellDecision, expected: &[DecisionProblem]| {
        assert_eq!(validate_decision(d, &orgs(), date(TODAY)).err().unwrap_or_default(), expected);
    };
    let saved =
        validate_decision(decision("b1", ShellAction::Rectify, "  限期整顿，补选书记  ", TODAY), &orgs(), date(TODAY));
    assert_eq!(saved.unwrap().reason, "限期整顿，补选书记");
    check(decision("b1", ShellAction::Keep, "企业停业整修，三个月后复工", "2026-01-01"), &[]);
    check(decision("bx", ShellAction::Dissolve, "企业注销，党组织撤销", "2026-01-01"), &[]);
    check(decision("b1", ShellAction::Keep, " \t ", TODAY), &[ReasonRequired]);
    check(
        decision("b1", ShellAction::Merge, &"因".repeat(MAX_REASON_CHARS + 1), TODAY),
        &[ReasonTooLong(MAX_REASON_CHARS)],
    );
    check(decision("b1", ShellAction::Merge, "并入联合党支部", "2026-11-28"), &[InFuture]);
    check(decision("nope", ShellAction::Merge, "并入联合党支部", TODAY), &[OrgMissing]);
    check(decision("nope", ShellAction::Keep, "", "2027-01-01"), &[OrgMissing, ReasonRequired, InFuture]);
    assert_eq!(
        [OrgMissing, ReasonRequired, ReasonTooLong(1), InFuture].map(DecisionProblem::field),
        [DecisionField::Org, DecisionField::Reason, DecisionField::Reason, DecisionField::Date]
    );
}

#[test]
fn a_flag_stays_open_until_a_decision_inside_the_window() {
    let flags = vec![
        flag("b1", vec![ShellCause::TooFewMembers { full: 1 }]),
        flag("b2", vec![no_life("2026-08")]),
        flag("b3", vec![closed("u3", Deregistered)]),
    ];
    let open = |decisions: &[ShellDecision], months| {
        open_flags(&flags, decisions, date(D), months).into_iter().map(|f| f.org.clone()).collect::<Vec<_>>()
    };
    assert_eq!(open(&[], DEFAULT_LIFE_MONTHS), ["b1", "b2", "b3"]);
    let decisions = [
        // On the window's first day: decided.
        decision("b1", ShellAction::Rectify, "整顿", "2026-08-01"),
        // The day before: too old, the flag is open again.
        decision("b2", ShellAction::Keep, "保留", "2026-07-31"),
        // After the screening day: not known then.
        decision("b3", ShellAction::Dissolve, "撤销", "2026-11-28"),
        // Another org's decision decides nothing here.
        decision("c", ShellAction::Keep, "保留", "2026-10-01"),
    ];
    assert_eq!(open(&decisions, DEFAULT_LIFE_MONTHS), ["b2", "b3"]);
    assert_eq!(open(&decisions, 4), ["b3"]);
    assert_eq!(open(&decisions, 0), ["b1", "b2", "b3"]);
    let keep_today = [decision("b3", ShellAction::Keep, "已核实", D)];
    assert_eq!(open(&keep_today, DEFAULT_LIFE_MONTHS), ["b1", "b2"]);
}

/// A formation whose organisation was dissolved (archived) or is gone covers nothing: the unit
/// leaves the covered counts and shows in the gap list; an instructor needs no organisation.
#[test]
fn coverage_counts_only_formations_whose_organisation_stands() {
    let on = date("2026-06-30");
    let units = [
        covered("u1", standalone("b1"), 3),
        covered("u2", standalone("bx"), 3), // bx is archived
        covered("u3", joint("gone"), 1),    // no such org
        covered("u4", instructor("王指导员"), 1),
    ];
    let live = with_live_formations(&units, &orgs());
    let formations: Vec<Option<&Formation>> = live.iter().map(|u| u.formation.as_ref()).collect();
    assert_eq!(formations, [units[0].formation.as_ref(), None, None, units[3].formation.as_ref()]);
    let figures = coverage(&live, on);
    assert_eq!(figures.org.0, Ratio { numerator: 1, denominator: 4 });
    assert_eq!(figures.work.0, Ratio { numerator: 2, denominator: 4 });
    // As stored, the dead formations would have counted.
    assert_eq!(coverage(&units, on).org.0.numerator, 3);
    let missing = gaps(&live, on).members_without_organisation;
    assert!(missing.iter().any(|u| u == "u2") && missing.iter().any(|u| u == "u3"), "{missing:?}");
}

#[test]
fn the_screening_window_setting_is_a_whole_number_of_months() {
    use starbranch::domain::units::shell::{life_months_or_default, parse_life_months, MAX_LIFE_MONTHS};
    for (typed, months) in [
        ("3", Some(3)),
        (" 6 ", Some(6)),
        ("1", Some(1)),
        ("24", Some(MAX_LIFE_MONTHS)),
        ("0", None),
        ("25", None),
        ("-1", None),
        ("2.5", None),
        ("", None),
        ("三", None),
    ] {
        assert_eq!(parse_life_months(typed), months, "{typed:?}");
    }
    assert_eq!(life_months_or_default(None), DEFAULT_LIFE_MONTHS);
    assert_eq!(life_months_or_default(Some("garbage")), DEFAULT_LIFE_MONTHS, "a bad stored value falls back");
    assert_eq!(life_months_or_default(Some("6")), 6);
}

// --- the registry list's filters ---------------------------------------------------------------

#[test]
fn the_registry_filters_by_every_field_and_sorts_by_area_then_name() {
    use starbranch::domain::units::filter::{areas, filter_units, industries, UnitFilter};
    let units = street();
    let ids = |filter: UnitFilter| filter_units(&units, &filter).into_iter().map(|u| u.id.clone()).collect::<Vec<_>>();
    let all = UnitFilter::default();
    assert_eq!(ids(all.clone()), ["a", "b", "f", "c", "d", "e", "g", "h"], "by area key, then name; no area last");
    let cases: Vec<(UnitFilter, Vec<&str>)> = vec![
        (UnitFilter { query: " A ".into(), ..all.clone() }, vec!["a"]),
        (UnitFilter { area: Some("新城街道".into()), ..all.clone() }, vec!["a", "b", "f"]),
        (UnitFilter { industry: Some("IT服务".into()), ..all.clone() }, vec!["f", "g"]),
        (UnitFilter { kind: Some(UnitKind::SocialOrg), ..all.clone() }, vec!["b", "h"]),
        (UnitFilter { status: Some(Deregistered), ..all.clone() }, vec!["d"]),
        (UnitFilter { formation: Some(Some(FormationKind::Joint)), ..all.clone() }, vec!["d", "g"]),
        (UnitFilter { formation: Some(None), ..all.clone() }, vec!["f", "c", "h"]),
        (
            UnitFilter {
                area: Some("海拉尔路街道".into()),
                formation: Some(Some(FormationKind::Joint)),
                ..all.clone()
            },
            vec!["d", "g"],
        ),
        (UnitFilter { query: "nothing like it".into(), ..all.clone() }, vec![]),
    ];
    for (filter, expected) in cases {
        assert_eq!(ids(filter.clone()), expected, "{filter:?}");
    }
    let mut coded = units.clone();
    coded[0].credit_code = VALID_CODES[3].into();
    let by_code = UnitFilter { query: VALID_CODES[3][..10].to_lowercase(), ..all };
    assert_eq!(filter_units(&coded, &by_code).len(), 1, "part of a credit code, any case, finds its unit");
    assert_eq!(areas(&units), ["新城街道", "海拉尔路街道"], "one spelling per area, empty left out");
    assert_eq!(industries(&units), ["IT服务", "农业", "制造业", "商务服务业", "批发和零售业"]);
}

// --- the unit form's draft ----------------------------------------------------------------------

#[test]
fn a_draft_reads_back_the_unit_it_was_made_of() {
    use starbranch::domain::units::draft::UnitDraft;
    for u in street() {
        assert_eq!(UnitDraft::of(&u).read(), Ok(u.clone()), "{}", u.id);
    }
    let mut model = unit("m", "示范企业", VALID_CODES[0]);
    model.formation = standalone("b1");
    model.formed_on = Some(date("2021-01-01"));
    model.stage = Stage::ModelSite { level: ModelLevel::City, year: Year::new(2024).unwrap() };
    assert_eq!(UnitDraft::of(&model).read(), Ok(model));
}

#[test]
fn a_draft_names_every_field_it_cannot_read() {
    use starbranch::domain::units::draft::{StageChoice, UnitDraft};
    let good = UnitDraft { registered: "2020-01-01".into(), ..UnitDraft::new("n".into()) };
    assert!(good.read().is_ok());
    let cases: Vec<(UnitDraft, Vec<UnitProblem>)> = vec![
        (UnitDraft { employees: "-3".into(), ..good.clone() }, vec![P::NotACount(F::Employees)]),
        (UnitDraft { party_members: "2.5".into(), ..good.clone() }, vec![P::NotACount(F::PartyMembers)]),
        (
            UnitDraft { full_members: "".into(), membership_here: "x".into(), ..good.clone() },
            vec![P::NotACount(F::FullMembers), P::NotACount(F::MembershipHere)],
        ),
        (UnitDraft { registered: " ".into(), ..good.clone() }, vec![P::Required(F::Registered)]),
        (UnitDraft { registered: "2020-02-30".into(), ..good.clone() }, vec![P::InvalidDate(F::Registered)]),
        (UnitDraft { status_date: "yesterday".into(), ..good.clone() }, vec![P::InvalidDate(F::StatusDate)]),
        (UnitDraft { stage: StageChoice::ModelSite, ..good.clone() }, vec![P::Required(F::Stage)]),
        (
            UnitDraft { stage: StageChoice::ModelSite, model_year: "二〇二四".into(), ..good.clone() },
            vec![P::InvalidDate(F::Stage)],
        ),
    ];
    for (draft, expected) in cases {
        assert_eq!(draft.read().err().unwrap_or_default(), expected, "{draft:?}");
    }
    let instructor = UnitDraft {
        formation: Some(FormationKind::Instructor),
        formation_org: "b1".into(),
        instructor: "李指导员".into(),
        ..good
    };
    assert_eq!(
        instructor.read().unwrap().formation,
        Some(Formation::Instructor { name: "李指导员".into() }),
        "only the target the mode needs is read"
    );
}

// --- the coverage page's overview -------------------------------------------------------------

#[test]
fn the_overview_bundles_the_figures_of_a_day_and_ends_its_trend_on_that_day() {
    use starbranch::domain::units::overview::{overview, TREND_MONTHS};
    let units = street();
    // The day before d is deregistered: the figures count it, though May's last day does not.
    let day = overview(&units, &orgs(), date("2024-05-09"));
    assert!(day.has_units);
    assert_eq!(figures(day.overall), (3, 4, 7, pct("42.86"), pct("57.14")));
    assert_eq!(figures(day.above_scale), figures(above_scale_coverage(&units, date("2024-05-09"))));
    assert_eq!(day.by_area, coverage_by(&units, date("2024-05-09"), GroupBy::Area));
    assert_eq!(day.by_industry, coverage_by(&units, date("2024-05-09"), GroupBy::Industry));
    assert_eq!(day.by_kind, coverage_by(&units, date("2024-05-09"), GroupBy::Kind));
    let months: Vec<String> = day.trend.iter().map(|m| m.month.to_string()).collect();
    assert_eq!(months.len(), TREND_MONTHS as usize);
    assert_eq!((months[0].as_str(), months[11].as_str()), ("2023-06", "2024-05"));
    assert_eq!(day.trend[11].coverage, day.overall, "the line ends on the figures of the day");
    assert_eq!(coverage_trend(&units, month("2024-05"), month("2024-05"))[0].coverage.active(), 6);
    assert_eq!(day.trend[10].coverage, coverage(&units, date("2024-04-30")));

    // From the 10th the figures change, d leaves the candidates.
    let after = overview(&units, &orgs(), date("2024-05-10"));
    assert_eq!(figures(after.overall), (2, 3, 6, pct("33.33"), pct("50")));
    let ids =
        |list: &[starbranch::domain::units::overview::GapUnit]| list.iter().map(|g| g.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&day.gaps.standalone_candidates), ["b", "d", "g"]);
    assert_eq!(ids(&after.gaps.standalone_candidates), ["b", "g"]);
}

#[test]
fn the_overview_gap_list_says_why_street_by_street() {
    use starbranch::domain::units::overview::{overview, GapUnit};
    let units = street();
    let day = overview(&units, &orgs(), date("2024-07-01"));
    // 新城街道 (b, and f written "新城街道 ") before 海拉尔路街道 (c).
    let b = GapUnit {
        id: "b".into(),
        name: "b".into(),
        area: "新城街道".into(),
        formation: Some(FormationKind::Instructor),
        party_members: 3,
        full_members: 3,
    };
    let f =
        GapUnit { id: "f".into(), name: "f".into(), formation: None, party_members: 1, full_members: 0, ..b.clone() };
    let c = GapUnit {
        id: "c".into(),
        name: "c".into(),
        area: "海拉尔路街道".into(),
        formation: None,
        party_members: 2,
        full_members: 1,
    };
    assert_eq!(day.gaps.members_without_organisation, [b.clone(), f, c.clone()]);
    assert_eq!(day.gaps.above_scale_uncovered, [c]);
    let g = &day.gaps.standalone_candidates[1];
    assert_eq!((g.id.as_str(), g.formation, g.full_members), ("g", Some(FormationKind::Joint), 3));
    assert!(!day.gaps.is_empty());
}

#[test]
fn the_overview_counts_a_dissolved_organisation_as_no_coverage_and_knows_an_empty_registry() {
    use starbranch::domain::units::overview::overview;
    let units = street();
    let mut dissolved = orgs();
    dissolved.iter_mut().filter(|o| o.id == "b1").for_each(|o| o.archived = true);
    let day = overview(&units, &dissolved, date("2024-07-01"));
    // a's own branch is archived: a is uncovered, and above scale.
    assert_eq!(figures(day.overall), (2, 3, 7, pct("28.57"), pct("42.86")));
    assert!(day.gaps.above_scale_uncovered.iter().any(|g| g.id == "a" && g.formation.is_none()));

    let empty = overview(&[], &orgs(), date("2024-07-01"));
    assert!(!empty.has_units);
    assert_eq!(figures(empty.overall), (0, 0, 0, None, None));
    assert!(empty.by_area.is_empty() && empty.gaps.is_empty());
    assert_eq!(empty.trend.len(), 12);
    // Units that all closed still make a registry: the page shows figures without a rate.
    let mut closed = street();
    closed.iter_mut().for_each(|u| (u.status, u.status_date) = (Deregistered, Some(date("2020-01-01"))));
    assert!(overview(&closed, &orgs(), date("2024-07-01")).has_units);
}
