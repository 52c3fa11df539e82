#![cfg(not(target_arch = "wasm32"))]
//! The demo district (domain::fixtures::district): every unit valid, the formations consistent
//! with the org tree, and the coverage figures, shell flags and gap list it shows on its day.

use starbranch::domain::fixtures::{demo, district};
use starbranch::domain::ledger::validate_record;
use starbranch::domain::org::{validate_member, validate_org};
use starbranch::domain::units::coverage::{self, GroupBy};
use starbranch::domain::units::formation::validate_formations;
use starbranch::domain::units::report::{coverage_report, Registry};
use starbranch::domain::units::shell::{self, DEFAULT_LIFE_MONTHS};
use starbranch::domain::units::unit::validate_unit;
use starbranch::domain::values::date::Date;

fn day() -> Date {
    let (y, m, d) = district::DISTRICT_DAY;
    Date::new(y, m, d).unwrap()
}

fn all_orgs() -> Vec<starbranch::domain::org::Org> {
    let mut orgs = demo::organisation().0;
    orgs.extend(district::district().orgs);
    orgs
}

#[test]
fn every_demo_record_passes_its_rules() {
    let d = district::district();
    let orgs = all_orgs();
    assert_eq!(d.units.len(), 40);
    for (i, unit) in d.units.iter().enumerate() {
        assert_eq!(unit.id, format!("demo-u{:02}", i + 1));
        let valid = validate_unit(unit.clone(), &d.units, day()).unwrap_or_else(|p| panic!("{}: {p:?}", unit.id));
        assert_eq!(&valid, unit, "the demo is stored in normal form");
    }
    assert_eq!(validate_formations(&d.units, &orgs), []);
    for org in &d.orgs {
        validate_org(org.clone(), &orgs, day()).unwrap_or_else(|p| panic!("{}: {p:?}", org.id));
    }
    for m in &d.members {
        validate_member(m.clone(), &orgs, day()).unwrap_or_else(|p| panic!("{}: {p:?}", m.id));
    }
    for record in &d.ledger {
        let roll: Vec<&str> = d.members.iter().filter(|m| m.branch == record.branch).map(|m| m.id.as_str()).collect();
        validate_record(record.clone(), &roll, day()).unwrap_or_else(|p| panic!("{}: {p:?}", record.id));
    }
}

#[test]
fn the_district_covers_every_state_of_the_registry() {
    use starbranch::domain::units::formation::{FormationKind, ModelLevel, Stage};
    use starbranch::domain::units::unit::{BusinessStatus, SubType, UnitKind};
    let units = district::district().units;
    let areas: std::collections::BTreeSet<&str> = units.iter().map(|u| u.area.as_str()).collect();
    assert_eq!(areas.len(), 4);
    for kind in UnitKind::ALL {
        assert!(units.iter().any(|u| u.kind() == kind), "{kind:?}");
    }
    for sub_type in SubType::ALL {
        assert!(units.iter().any(|u| u.sub_type == sub_type), "{sub_type:?}");
    }
    for status in BusinessStatus::ALL {
        assert!(units.iter().any(|u| u.status == status), "{status:?}");
    }
    for kind in FormationKind::ALL {
        assert!(units.iter().any(|u| u.formation.as_ref().map(|f| f.kind()) == Some(kind)), "{kind:?}");
    }
    assert!(units.iter().any(|u| u.formation.is_none()));
    for level in ModelLevel::ALL {
        assert!(units.iter().any(|u| matches!(u.stage, Stage::ModelSite { level: l, .. } if l == level)));
    }
    for stage in [Stage::NotFormed, Stage::Formed, Stage::Standardised] {
        assert!(units.iter().any(|u| u.stage == stage), "{stage:?}");
    }
    assert!(units.iter().any(|u| u.above_scale) && units.iter().any(|u| !u.above_scale));
    assert!(units.iter().any(|u| u.membership_elsewhere() > 0));
    assert!(units.iter().any(|u| u.mass_orgs.trade_union && u.mass_orgs.youth_league && u.mass_orgs.womens_federation));
    // The joint branches each hold 2–4 units of one area.
    let mut joint: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for unit in &units {
        if let Some(f) = unit.formation.as_ref().filter(|f| f.kind() == FormationKind::Joint) {
            joint.entry(f.org().unwrap()).or_default().push(&unit.area);
        }
    }
    assert_eq!(joint.len(), 4);
    for (org, areas) in joint {
        assert!((2..=4).contains(&areas.len()) && areas.iter().all(|a| *a == areas[0]), "{org}");
    }
}

fn share(numerator: u32, denominator: u32, percent: &str) -> serde_json::Value {
    serde_json::json!({ "numerator": numerator, "denominator": denominator, "percent": percent })
}

#[test]
fn coverage_flags_and_gaps_on_the_district_day() {
    let d = district::district();
    let registry =
        Registry { units: d.units.clone(), orgs: all_orgs(), members: d.members, ledger: d.ledger, decisions: vec![] };
    let report = serde_json::to_value(coverage_report(&registry, day(), DEFAULT_LIFE_MONTHS)).unwrap();
    assert_eq!(report["coverage"]["active"], 36);
    assert_eq!(report["coverage"]["org"], share(20, 36, "55.56"));
    assert_eq!(report["coverage"]["work"], share(26, 36, "72.22"));
    assert_eq!(report["above_scale"]["org"], share(4, 9, "44.44"));
    assert_eq!(report["above_scale"]["work"], share(6, 9, "66.67"));
    let areas: Vec<(&str, u64, u64, u64)> = report["by_area"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let n = |k: &str| a[k]["numerator"].as_u64().unwrap();
            (a["area"].as_str().unwrap(), a["active"].as_u64().unwrap(), n("org"), n("work"))
        })
        .collect();
    assert_eq!(areas, [("云溪街道", 9, 4, 6), ("星湖街道", 11, 7, 8), ("白塔乡", 7, 4, 5), ("金桥镇", 9, 5, 7)]);
    let shells: Vec<(&str, &str)> = report["shells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["org"].as_str().unwrap(), s["causes"][0]["cause"].as_str().unwrap()))
        .collect();
    assert_eq!(
        shells,
        [
            ("demo-lb04", "unit_closed"),
            ("demo-lb05", "too_few_members"),
            ("demo-lb06", "no_organisational_life"),
            ("demo-lj02", "unit_closed"),
        ]
    );
    assert!(report["shells"].as_array().unwrap().iter().all(|s| s["causes"].as_array().unwrap().len() == 1));

    let gaps = coverage::gaps(&d.units, day());
    let ids = |n: &[u32]| n.iter().map(|n| format!("demo-u{n:02}")).collect::<Vec<_>>();
    assert_eq!(gaps.members_without_organisation, ids(&[23, 25, 26, 27, 28, 29, 32, 34, 39]));
    assert_eq!(gaps.above_scale_uncovered, ids(&[29, 30, 40]));
    assert_eq!(gaps.standalone_candidates, ids(&[7, 26]));
    assert_eq!(coverage::coverage_by(&d.units, day(), GroupBy::Kind).len(), 3);
}

#[test]
fn the_trend_moves_with_the_year_s_status_changes() {
    let units = district::district().units;
    let trend = coverage::coverage_trend(&units, "2026-01".parse().unwrap(), "2026-11".parse().unwrap());
    let figures: Vec<(u32, u32, u32)> =
        trend.iter().map(|m| (m.coverage.org.0.numerator, m.coverage.work.0.numerator, m.coverage.active())).collect();
    // June: a new unit registers and the cooperatives' joint branch forms; August: an uncovered
    // unit is deregistered; September: a joint unit goes bankrupt; October: a standalone branch's
    // unit is deregistered and an instructor is assigned.
    assert_eq!(figures[0], (19, 24, 38));
    assert_eq!(figures[5], (22, 27, 39));
    assert_eq!(figures[7], (22, 27, 38));
    assert_eq!(figures[8], (21, 26, 37));
    assert_eq!(figures[9], (20, 26, 36));
    assert_eq!(figures[10], (20, 26, 36));
}

#[test]
fn the_screening_is_the_same_on_the_real_days_after_the_district_day() {
    let d = district::district();
    let orgs = all_orgs();
    // The same organisations for the same causes; only the window's first month moves.
    let on = |date: Date| {
        shell::screen(&d.units, &orgs, &d.members, &d.ledger, date, DEFAULT_LIFE_MONTHS)
            .into_iter()
            .map(|f| (f.org, f.causes.iter().map(std::mem::discriminant).collect::<Vec<_>>()))
            .collect::<Vec<_>>()
    };
    let first = on(day());
    assert_eq!(first.len(), 4);
    for later in ["2026-12-01", "2026-12-31"] {
        assert_eq!(on(later.parse().unwrap()), first, "{later}");
    }
}

#[test]
fn the_district_branches_are_rated_like_the_company_s() {
    use starbranch::domain::files::import::export_document;
    use starbranch::domain::rating::engine;
    use starbranch::domain::rating::rubric::Rubric;
    let rubric = Rubric::default_rubric();
    let (mut evaluations, five_haves) = demo::evaluations(&rubric);
    evaluations.extend(district::evaluations(&rubric));
    let json = export_document(&rubric, &all_orgs(), evaluations, five_haves).to_json();
    let doc = starbranch::domain::files::exchange::ExchangeDocument::parse(&json).unwrap();
    let q3 = engine::rate(&doc, "2026-Q3".parse().unwrap());
    assert_eq!((q3.len(), doc.evaluations.len()), (20, 19 * 11 + 6));
    assert!(q3.iter().all(|r| r.complete));
}

/// Every demo sheet agrees with the app's own rules: an automatic indicator whose score differs
/// from what the seeded ledger (and no key task) computes carries that computed value and a
/// written reason — the sheet shows no unexplained "自动计算：0 分" beside 9.5.
#[test]
fn demo_sheets_explain_every_score_that_differs_from_its_computed_one() {
    use starbranch::domain::fixtures::members_ratings;
    use starbranch::domain::rating::auto_score::{auto_scores, overrides_of, read_overrides, MemberShares};
    use starbranch::domain::rating::rubric::Rubric;
    use std::collections::BTreeMap;
    let rubric = Rubric::default_rubric();
    let (mut evaluations, _) = demo::evaluations(&rubric);
    evaluations.extend(district::evaluations(&rubric));
    let mut ledger = district::district().ledger;
    ledger.extend(members_ratings::members_ratings().ledger);
    let orgs = all_orgs();
    let mut overridden = 0;
    let mut agreeing = 0;
    for e in &evaluations {
        let category = orgs.iter().find(|o| o.id == e.branch).and_then(|o| o.category).unwrap();
        let autos = auto_scores(&rubric, category, &e.branch, e.month, &ledger, &[], &[], MemberShares::default());
        let kept = read_overrides(&e.extra);
        let reasons: BTreeMap<String, String> = kept.iter().map(|(k, o)| (k.clone(), o.reason.clone())).collect();
        let needed = overrides_of(&e.scores, &autos, &reasons)
            .unwrap_or_else(|missing| panic!("{} {}: no reason for {missing:?}", e.branch, e.month));
        assert_eq!(needed, kept, "{} {}", e.branch, e.month);
        overridden += kept.len();
        agreeing += autos.len() - kept.len();
        assert!(kept.values().all(|o| o.reason.contains("纸质") || o.reason.contains("书面")), "{kept:?}");
    }
    // Both cases occur: most demo scores are explained overrides, some equal the computed ones.
    assert!(overridden > 100 && agreeing > 0, "{overridden} overridden, {agreeing} agreeing");
}

mod exchange {
    use super::*;
    use starbranch::domain::files::exchange::{ExchangeDocument, FORMAT_VERSION};
    use starbranch::domain::files::import::{export_document, plan_import, ImportConflict, Stored};
    use starbranch::domain::org::{Org, OrgKind};
    use starbranch::domain::rating::rubric::Rubric;
    use starbranch::domain::units::formation::FormationProblem;
    use starbranch::domain::units::shell::{ShellAction, ShellDecision};
    use starbranch::domain::units::unit::UnitProblem;

    /// The demo as the app exports it: ratings, the district's units and one decision.
    pub fn document() -> ExchangeDocument {
        let rubric = Rubric::default_rubric();
        let (evaluations, five_haves) = demo::evaluations(&rubric);
        let mut doc = export_document(&rubric, &all_orgs(), evaluations, five_haves);
        doc.units = district::district().units;
        doc.shell_decisions = vec![ShellDecision {
            org: "demo-lb06".into(),
            decision: ShellAction::Rectify,
            reason: "限期恢复组织生活".into(),
            date: day(),
        }];
        doc
    }

    fn top() -> Vec<Org> {
        vec![Org {
            id: "top".into(),
            parent: None,
            kind: OrgKind::Committee,
            name: "接收党委".into(),
            category: None,
            secretary: String::new(),
            contact: String::new(),
            founded: None,
            archived: false,
        }]
    }

    #[test]
    fn the_app_writes_version_3_and_it_round_trips() {
        let doc = document();
        let json = doc.to_json();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["version"], FORMAT_VERSION);
        assert_eq!(FORMAT_VERSION, 3);
        assert_eq!(value["units"].as_array().unwrap().len(), 40);
        assert_eq!(value["units"][0]["formation"], serde_json::json!({ "kind": "standalone", "org": "demo-lb01" }));
        let parsed = ExchangeDocument::parse(&json).unwrap();
        assert_eq!(parsed, doc);
        assert!(parsed.extra.is_empty());

        // Into a new organisation: every branch is new, every unit and the decision stored.
        let plan = plan_import(&parsed, &top(), &Stored::default(), Some("top"), day()).unwrap();
        assert_eq!((plan.new_branches.len(), plan.new_units.len(), plan.shell_decisions.len()), (20, 40, 1));
        // Into the data it came from: nothing changes.
        let evaluations = parsed.evaluations.clone();
        let rubrics = [Rubric::default_rubric()];
        let stored = Stored {
            evaluations: &evaluations,
            rubrics: &rubrics,
            five_haves: &parsed.five_haves,
            units: &parsed.units,
            decisions: &parsed.shell_decisions,
            ..Stored::default()
        };
        let plan = plan_import(&parsed, &all_orgs(), &stored, None, day()).unwrap();
        assert!(plan.is_empty(), "{plan:?}");
        assert_eq!(plan.unchanged_units, 40);
    }

    #[test]
    fn a_version_1_document_reads_as_before_with_units_left_as_its_own_fields() {
        let mut value: serde_json::Value = serde_json::from_str(&document().to_json()).unwrap();
        value["version"] = 1.into();
        let parsed = ExchangeDocument::parse(&value.to_string()).unwrap();
        assert_eq!(parsed.version, 1);
        assert!(parsed.units.is_empty() && parsed.shell_decisions.is_empty());
        assert_eq!(parsed.extra["units"].as_array().unwrap().len(), 40);
        // Written back, a version-1 document is what it was.
        let again: serde_json::Value = serde_json::from_str(&parsed.to_json()).unwrap();
        assert_eq!(again, value);
        // A version 1 file whose own "units" field is not ours still reads.
        value["units"] = serde_json::json!("mine");
        assert!(ExchangeDocument::parse(&value.to_string()).is_ok());
        value["version"] = 4.into();
        assert!(ExchangeDocument::parse(&value.to_string()).is_err());
    }

    #[test]
    fn a_bad_unit_is_refused_with_the_located_problem() {
        // A record that is not a unit at all: the document names it.
        let mut value: serde_json::Value = serde_json::from_str(&document().to_json()).unwrap();
        value["units"][4]["employees"] = "many".into();
        let errors = ExchangeDocument::parse(&value.to_string()).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].record.to_string(), "unit #5 (demo-u05)");

        // A unit that breaks its rules, and a formation that does not fit: the import plan.
        let mut doc = document();
        doc.units[2].credit_code = "91150105MA0K000031".into();
        doc.units[3].full_members = 2;
        doc.units[3].party_members = 2;
        doc.units[3].membership_here = 2;
        let conflicts = plan_import(&doc, &top(), &Stored::default(), Some("top"), day()).unwrap_err();
        assert!(matches!(
            &conflicts[0],
            ImportConflict::InvalidUnit { id, problems, .. }
                if id == "demo-u03" && matches!(problems[..], [UnitProblem::CreditCode(_)])
        ));
        assert!(conflicts.contains(&ImportConflict::Formation(FormationProblem::TooFewForStandalone {
            unit: "demo-u04".into(),
            full: 2
        })));
        // A formation naming a branch the document does not carry.
        let mut doc = document();
        doc.units[0].formation =
            Some(starbranch::domain::units::formation::Formation::Standalone { org: "nowhere".into() });
        let conflicts = plan_import(&doc, &top(), &Stored::default(), Some("top"), day()).unwrap_err();
        assert_eq!(
            conflicts,
            [ImportConflict::Formation(FormationProblem::OrgMissing {
                unit: "demo-u01".into(),
                org: "nowhere".into()
            })]
        );
    }

    /// The demo as the app exports it with its instructors and requests (version 3).
    fn with_instructors() -> ExchangeDocument {
        let d = district::district();
        ExchangeDocument {
            instructors: d.instructors,
            assignments: d.assignments,
            instructor_reports: d.instructor_reports,
            year_end_reviews: d.year_end_reviews,
            requests: d.requests,
            ..document()
        }
    }

    #[test]
    fn a_version_3_document_carries_the_instructors_and_plans_each_record_in_full() {
        let doc = with_instructors();
        let json = doc.to_json();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["instructor_reports"][0]["month"], "2025-03");
        assert_eq!(value["year_end_reviews"].as_array().unwrap().len(), 5);
        let parsed = ExchangeDocument::parse(&json).unwrap();
        assert_eq!(parsed, doc);
        assert!(parsed.extra.is_empty());

        // Into a new organisation: every record new, each held to its rule on the day.
        let plan = plan_import(&parsed, &top(), &Stored::default(), Some("top"), day()).unwrap();
        let counts = |c: (usize, usize, usize)| c;
        assert_eq!(
            [
                counts((plan.instructors.new.len(), plan.instructors.changed.len(), plan.instructors.unchanged)),
                counts((plan.assignments.new.len(), plan.assignments.changed.len(), plan.assignments.unchanged)),
                counts((plan.instructor_reports.new.len(), 0, 0)),
                counts((plan.year_end_reviews.new.len(), 0, 0)),
                counts((plan.requests.new.len(), 0, 0)),
            ],
            [(8, 0, 0), (8, 0, 0), (130, 0, 0), (5, 0, 0), (16, 0, 0)]
        );
        assert_eq!(plan.instructor_reports.new, parsed.instructor_reports, "written as filed");

        // Into the data it came from: nothing changes. One changed request is one change.
        let evaluations = parsed.evaluations.clone();
        let rubrics = [Rubric::default_rubric()];
        let mut requests = parsed.requests.clone();
        requests[0].text = "旧的说法".into();
        let stored = Stored {
            evaluations: &evaluations,
            rubrics: &rubrics,
            five_haves: &parsed.five_haves,
            units: &parsed.units,
            decisions: &parsed.shell_decisions,
            instructors: &parsed.instructors,
            assignments: &parsed.assignments,
            instructor_reports: &parsed.instructor_reports,
            year_end_reviews: &parsed.year_end_reviews,
            requests: &requests,
        };
        let plan = plan_import(&parsed, &all_orgs(), &stored, None, day()).unwrap();
        assert_eq!((plan.requests.changed.len(), plan.requests.unchanged), (1, 15));
        assert_eq!((plan.instructor_reports.unchanged, plan.year_end_reviews.unchanged), (130, 5));
        let stored = Stored { requests: &parsed.requests, ..stored };
        assert!(plan_import(&parsed, &all_orgs(), &stored, None, day()).unwrap().is_empty());
    }

    #[test]
    fn a_version_2_document_keeps_such_fields_as_its_own_and_still_imports() {
        let mut value: serde_json::Value = serde_json::from_str(&with_instructors().to_json()).unwrap();
        value["version"] = 2.into();
        let parsed = ExchangeDocument::parse(&value.to_string()).unwrap();
        assert!(!parsed.has_instructor_records());
        assert_eq!(parsed.units.len(), 40, "version 2's own fields still read");
        assert_eq!(parsed.extra["instructors"].as_array().unwrap().len(), 8);
        let again: serde_json::Value = serde_json::from_str(&parsed.to_json()).unwrap();
        assert_eq!(again, value, "written back as it was");
        let plan = plan_import(&parsed, &top(), &Stored::default(), Some("top"), day()).unwrap();
        assert_eq!((plan.new_units.len(), plan.instructors.new.len()), (40, 0));
    }

    #[test]
    fn every_bad_record_is_located_and_nothing_is_planned() {
        use starbranch::domain::instructors::assignment::{Assignment, Role, Steps};
        use starbranch::domain::instructors::{Field, Problem as P};
        use starbranch::domain::requests;

        // A record that is not one of its kind, or twice in the document: the document names it.
        let mut value: serde_json::Value = serde_json::from_str(&with_instructors().to_json()).unwrap();
        value["instructors"][1]["gender"] = "unknown".into();
        value["requests"][3]["id"] = "demo-r01".into();
        let errors = ExchangeDocument::parse(&value.to_string()).unwrap_err();
        let located: Vec<String> = errors.iter().map(|e| e.record.to_string()).collect();
        assert_eq!(located, ["instructor #2 (demo-i02)", "request #4 (demo-r01)"], "{errors:?}");

        // Records that break their rules against the data they would join: every one listed.
        let mut doc = with_instructors();
        doc.instructors[0].name = " ".into();
        let ceased = Assignment {
            id: "x-a1".into(),
            instructor: "demo-i08".into(),
            units: vec!["demo-u04".into()],
            role: Role::Instructor,
            steps: Steps { requested_on: Some(day()), ..Steps::default() },
            ended: None,
        };
        doc.assignments.push(ceased);
        let later = doc.instructor_reports.iter_mut().find(|r| r.key() == "demo-a01|demo-u23|2026-11").unwrap();
        later.filed_on = "2026-12-05".parse().unwrap();
        let mut orphan = doc.instructor_reports[0].clone();
        orphan.assignment = "nope".into();
        doc.instructor_reports.push(orphan);
        doc.year_end_reviews[0].instructor = "ghost".into();
        doc.requests[0].unit = "nowhere".into();
        let conflicts = plan_import(&doc, &top(), &Stored::default(), Some("top"), day()).unwrap_err();
        assert_eq!(
            conflicts,
            [
                ImportConflict::InvalidInstructor {
                    id: "demo-i01".into(),
                    name: String::new(),
                    problems: vec![P::Required(Field::Name)]
                },
                ImportConflict::InvalidAssignment {
                    id: "x-a1".into(),
                    problems: vec![P::UnitCeased {
                        unit: "demo-u04".into(),
                        since: Some("2026-10-15".parse().unwrap())
                    }]
                },
                ImportConflict::ReportFiledLater {
                    key: "demo-a01|demo-u23|2026-11".into(),
                    filed_on: "2026-12-05".parse().unwrap()
                },
                ImportConflict::UnknownAssignment { key: "nope|demo-u23|2025-03".into() },
                ImportConflict::InvalidReview {
                    key: "ghost|2025".into(),
                    problems: vec![P::UnknownInstructor("ghost".into())]
                },
                ImportConflict::InvalidRequest {
                    id: "demo-r01".into(),
                    problems: vec![requests::Problem::UnknownUnit("nowhere".into())]
                },
            ]
        );
    }

    #[test]
    fn the_cli_reports_coverage_of_a_version_2_document() {
        let path = std::env::temp_dir().join(format!("sb-district-{}.json", std::process::id()));
        std::fs::write(&path, document().to_json()).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_starbranch"))
            .args(["coverage", path.to_str().unwrap(), "--date", "2026-11-30"])
            .output()
            .unwrap();
        std::fs::remove_file(&path).ok();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["coverage"]["org"], share(20, 36, "55.56"));
        assert_eq!(report["coverage"]["work"], share(26, 36, "72.22"));
        assert_eq!(report["by_area"].as_array().unwrap().len(), 4);
        assert_eq!((report["shells"].as_array().unwrap().len(), &report["screened"]), (0, &false.into()));
    }
}

/// The district's instructors and requests (domain::fixtures::instructors): every record valid
/// as the app would save it, consistent with the registry, and the figures the pages show on the
/// district's day.
mod instructors_demo {
    use super::*;
    use starbranch::domain::instructors::assignment::{validate_assignment, Role, Step};
    use starbranch::domain::instructors::instructor::{validate_instructor, Source, Status};
    use starbranch::domain::instructors::report::{missing_reports, validate_report, DEFAULT_DUE_DAY};
    use starbranch::domain::instructors::review::{tally, validate_review, Grade, Outcome, Pending, ResultRule};
    use starbranch::domain::instructors::summary::{commended, to_json, to_replace, year_summary, InstructorYear};
    use starbranch::domain::requests::{self, validate_request, Category, Status as RequestStatus, DEFAULT_DUE_DAYS};
    use starbranch::domain::units::formation::Formation;
    use starbranch::domain::values::period::Year;

    #[test]
    fn every_record_passes_the_rule_it_is_saved_by() {
        let d = district::district();
        assert_eq!(
            (d.instructors.len(), d.assignments.len(), d.instructor_reports.len(), d.year_end_reviews.len()),
            (8, 8, 130, 5)
        );
        assert_eq!(d.requests.len(), 16);
        for person in &d.instructors {
            let open = d.assignments.iter().filter(|a| a.instructor == person.id && a.is_open()).count();
            let valid =
                validate_instructor(person.clone(), open, day()).unwrap_or_else(|p| panic!("{}: {p:?}", person.id));
            assert_eq!(&valid, person, "stored in normal form");
        }
        for a in &d.assignments {
            let valid = validate_assignment(a.clone(), &d.instructors, &d.units, &d.assignments, day())
                .unwrap_or_else(|p| panic!("{}: {p:?}", a.id));
            assert_eq!(&valid, a);
        }
        for r in &d.instructor_reports {
            let a = d.assignments.iter().find(|a| a.id == r.assignment).unwrap();
            // A report is validated on the day it is filed (the rule sets that day).
            let valid = validate_report(r.clone(), a, r.filed_on).unwrap_or_else(|p| panic!("{}: {p:?}", r.key()));
            assert_eq!(&valid, r);
            assert!(r.filed_on <= day());
        }
        let mut keys: Vec<String> = d.instructor_reports.iter().map(|r| r.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), d.instructor_reports.len(), "one report per assignment, unit and month");
        for r in &d.year_end_reviews {
            assert!(d.instructors.iter().any(|i| i.id == r.instructor));
            assert_eq!(&validate_review(r.clone(), day()).unwrap_or_else(|p| panic!("{}: {p:?}", r.key())), r);
        }
        for r in &d.requests {
            assert_eq!(&validate_request(r.clone(), &d.units, day()).unwrap_or_else(|p| panic!("{}: {p:?}", r.id)), r);
            if let Some(id) = r.taken.as_ref().and_then(|t| t.instructor.as_ref()) {
                let person = d.instructors.iter().find(|i| &i.id == id).unwrap();
                assert_eq!(r.taken.as_ref().unwrap().by, person.name, "{}", r.id);
            }
        }
    }

    #[test]
    fn the_pool_and_its_assignments_cover_every_case_and_agree_with_the_registry() {
        let d = district::district();
        for source in Source::ALL {
            assert!(d.instructors.iter().any(|i| i.source == source), "{source:?}");
        }
        let departments: Vec<&str> =
            d.instructors.iter().filter(|i| i.source == Source::Department).map(|i| i.department.as_str()).collect();
        assert_eq!(departments, ["区发改局", "区工信局", "区商务局"]);
        let status = |id: &str| {
            let person = d.instructors.iter().find(|i| i.id == id).unwrap();
            person.status(d.assignments.iter().any(|a| a.instructor == id && a.is_active(day())), day())
        };
        let statuses: Vec<Status> = d.instructors.iter().map(|i| status(&i.id)).collect();
        use Status::*;
        assert_eq!(statuses, [OnDuty, OnDuty, OnDuty, OnDuty, Available, Available, Left, Available]);

        let a = |id: &str| d.assignments.iter().find(|a| a.id == id).unwrap();
        assert!(a("demo-a01").is_several() && !a("demo-a03").is_several());
        assert_eq!(a("demo-a05").role, Role::Secretary);
        assert_eq!((a("demo-a06").next_step(), a("demo-a07").next_step()), (Some(Step::Appointed), Some(Step::Signed)));
        assert!(a("demo-a08").ended.is_some() && !a("demo-a08").is_active(day()));
        // Every unit an instructor serves on the day is covered by 委派指导员 in that instructor's
        // name, and every such unit has its instructor.
        let name = |id: &str| d.instructors.iter().find(|i| i.id == id).unwrap().name.clone();
        let mut served = Vec::new();
        for a in d.assignments.iter().filter(|a| a.is_active(day()) && a.role == Role::Instructor) {
            for unit in &a.units {
                let unit = d.units.iter().find(|u| &u.id == unit).unwrap();
                assert_eq!(unit.formation, Some(Formation::Instructor { name: name(&a.instructor) }), "{}", unit.id);
                served.push(unit.id.as_str());
            }
        }
        served.sort();
        let covered: Vec<&str> = d
            .units
            .iter()
            .filter(|u| matches!(u.formation, Some(Formation::Instructor { .. })))
            .map(|u| u.id.as_str())
            .collect();
        assert_eq!(served, covered);
    }

    fn summary(year: i32) -> Vec<InstructorYear> {
        let d = district::district();
        let year = Year::new(year).unwrap();
        year_summary(
            year,
            &d.instructors,
            &d.assignments,
            &d.instructor_reports,
            &d.year_end_reviews,
            ResultRule::default(),
            DEFAULT_DUE_DAY,
            day(),
        )
    }

    /// (name, filed, owed, late, satisfaction rate in hundredths of a percent, result)
    type Row = (String, u32, u32, u32, Option<i64>, Option<Grade>);

    fn rows(summary: &[InstructorYear]) -> Vec<Row> {
        summary
            .iter()
            .map(|r| {
                let rate = r.tally.and_then(|t| t.rate().percent()).map(|p| p.hundredths());
                (r.name.clone(), r.filed, r.owed, r.late, rate, r.grade())
            })
            .collect()
    }

    #[test]
    fn the_2025_reviews_give_every_result_and_flag_a_replacement() {
        let year = summary(2025);
        let row = |name: &str, filed, owed, late, rate, grade| (name.to_string(), filed, owed, late, rate, grade);
        assert_eq!(
            rows(&year),
            [
                // 60 / 60 satisfied, but one of twelve reports missing: 称职, not 优秀.
                row("刘晓燕", 11, 12, 0, Some(10_000), Some(Grade::Competent)),
                // Served the whole year, left without a review.
                row("周海峰", 12, 12, 0, None, None),
                // 30 / 50: 不称职.
                row("郭斌", 5, 7, 1, Some(6_000), Some(Grade::Unfit)),
                // 45 / 50 = 90 %: 称职 although the leadership said 优秀.
                row("韩雪", 24, 24, 1, Some(9_000), Some(Grade::Competent)),
                // 59 / 60 = 98.33 %, every report in: 优秀.
                row("高志远", 20, 20, 0, Some(9_833), Some(Grade::Excellent)),
            ]
        );
        assert_eq!(year[1].outcome, None);
        assert_eq!((year[4].visits, year[4].services), (40, 30));
        assert_eq!(commended(&year).iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["高志远"]);
        let d = district::district();
        let replace: Vec<&str> = to_replace(&year, &d.assignments).iter().map(|a| a.id.as_str()).collect();
        assert_eq!(replace, ["demo-a05"]);
        let json = to_json(Year::new(2025).unwrap(), &year);
        assert_eq!(json["instructors"][4]["satisfaction_rate"], 98.33);
        assert_eq!(json["instructors"][1]["pending"], serde_json::json!(["review"]));
    }

    #[test]
    fn the_2026_year_so_far_has_late_and_missing_reports_and_a_review_under_way() {
        let year = summary(2026);
        let row = |name: &str, filed, owed, late| (name.to_string(), filed, owed, late, None, None);
        // 高志远's three forms so far are all satisfied; his result waits for the rest.
        let gao = ("高志远".to_string(), 22, 22, 0, Some(10_000), None);
        assert_eq!(rows(&year), [row("刘晓燕", 10, 11, 1), row("郭斌", 7, 10, 1), row("韩雪", 19, 20, 2), gao]);
        let d = district::district();
        let under_way = d.year_end_reviews.iter().find(|r| r.year.number() == 2026).unwrap();
        assert_eq!(tally(&under_way.responses).total(), 15);
        assert_eq!(
            year[3].outcome,
            Some(Outcome::Pending(vec![Pending::LeaderGrade, Pending::Responses { have: 3, need: 10 }]))
        );

        // What the dashboard lists: the reports past their due day and not filed.
        let missing: Vec<String> = missing_reports(&d.assignments, &d.instructor_reports, DEFAULT_DUE_DAY, day())
            .iter()
            .map(|o| format!("{} {} {}", o.month, o.instructor, o.unit))
            .collect();
        assert_eq!(
            missing,
            [
                "2026-08 demo-i04 demo-u06",
                "2026-09 demo-i04 demo-u06",
                "2026-10 demo-i02 demo-u25",
                "2026-10 demo-i03 demo-u27",
                "2026-10 demo-i04 demo-u06",
            ]
        );
    }

    #[test]
    fn requests_in_every_category_and_status_four_overdue() {
        let d = district::district();
        for category in Category::ALL {
            assert!(d.requests.iter().any(|r| r.category == category), "{category:?}");
        }
        let with = |status| d.requests.iter().filter(|r| r.status() == status).count();
        let by_status: Vec<usize> = RequestStatus::ALL.into_iter().map(with).collect();
        assert_eq!(by_status, [2, 2, 3, 1, 8]);
        let overdue: Vec<(&str, u32)> = d
            .requests
            .iter()
            .filter_map(|r| r.overdue(DEFAULT_DUE_DAYS, day()).map(|days| (r.id.as_str(), days)))
            .collect();
        assert_eq!(overdue, [("demo-r07", 75), ("demo-r08", 34), ("demo-r09", 18), ("demo-r10", 12)]);

        let counts = requests::counts(&d.requests, Year::new(2026).unwrap(), DEFAULT_DUE_DAYS, day());
        assert_eq!((counts.raised, counts.resolved, counts.open, counts.overdue), (15, 8, 8, 4));
        let categories: Vec<(u32, u32)> =
            counts.by_category.iter().map(|(_, raised, resolved)| (*raised, *resolved)).collect();
        assert_eq!(categories, [(2, 1), (2, 1), (3, 1), (2, 1), (2, 1), (2, 1), (2, 1)]);
        let departments: Vec<(&str, u32, u32)> =
            counts.by_department.iter().map(|(d, a, r)| (d.as_str(), *a, *r)).collect();
        assert_eq!(
            departments,
            [
                ("区人社局", 3, 2),
                ("区商务局", 2, 1),
                ("区工信局", 2, 1),
                ("区金融办", 2, 1),
                ("区住建局", 1, 0),
                ("区发改局", 1, 1),
                ("区市场监管局", 1, 1),
                ("区科技局", 1, 0),
            ]
        );
        assert_eq!(counts.by_month.len(), 11);
    }
}
