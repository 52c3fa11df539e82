//! Member ratings as tables: 民主评议 sheets (grades, the handling 不合格 requires, the meeting's
//! ledger record and date, one appraisal per member and year, counts), 互评 (scores 0–100, the
//! mean's rounding, the talk threshold's edge) and the points ledger (attendance by kind, member
//! and year, manual items and deductions, the floor at 0, star thresholds' edges).
#![cfg(not(target_arch = "wasm32"))]

use starbranch::domain::ledger::{LedgerRecord, MeetingKind};
use starbranch::domain::members::appraisal::*;
use starbranch::domain::members::mutual::*;
use starbranch::domain::members::points::*;
use starbranch::domain::members::rating_problem::{Field, Problem};
use starbranch::domain::members::settings::MemberSettings;
use starbranch::domain::org::{Gender, Member, MemberStatus};
use starbranch::domain::values::date::Date;
use starbranch::domain::values::period::Year;
use starbranch::domain::values::points::Points;

use Appraisal::*;
use MeetingKind::{BranchAssembly, CommitteeMeeting, GroupMeeting, Other, PartyLecture, ThemeDay};

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

fn year(n: i32) -> Year {
    Year::new(n).unwrap()
}

fn half(text: &str) -> HalfYear {
    text.parse().unwrap()
}

const TODAY: &str = "2026-12-02";

fn member(id: &str, branch: &str, status: MemberStatus) -> Member {
    Member {
        id: id.into(),
        branch: branch.into(),
        name: format!("党员{id}"),
        gender: Gender::Female,
        birth: date("1980-01-01"),
        joined: date("2005-07-01"),
        position: "党员".into(),
        status,
    }
}

/// b1: m1 … m4 active, m5 transferred out; b2: n1.
fn roll() -> Vec<Member> {
    let mut roll: Vec<Member> = (1..=4).map(|i| member(&format!("m{i}"), "b1", MemberStatus::Full)).collect();
    roll.push(member("m5", "b1", MemberStatus::TransferredOut));
    roll.push(member("n1", "b2", MemberStatus::Full));
    roll
}

fn rec(id: &str, branch: &str, day: &str, kind: MeetingKind, attendees: &[&str]) -> LedgerRecord {
    LedgerRecord {
        id: id.into(),
        branch: branch.into(),
        date: date(day),
        kind,
        topic: "主题".into(),
        place: String::new(),
        host: String::new(),
        attendees: attendees.iter().map(|a| a.to_string()).collect(),
        absentees: vec![],
        minutes: String::new(),
        attachments: vec![],
    }
}

fn ledger() -> Vec<LedgerRecord> {
    vec![
        rec("dr2026", "b1", "2026-01-20", MeetingKind::DemocraticReview, &["m1", "m2", "m3", "m4"]),
        rec("dr2024", "b1", "2024-01-20", MeetingKind::DemocraticReview, &["m1"]),
        rec("other-branch", "b2", "2026-01-21", MeetingKind::DemocraticReview, &["n1"]),
        rec("assembly", "b1", "2026-01-10", BranchAssembly, &["m1"]),
        rec("future", "b1", "2027-01-10", MeetingKind::DemocraticReview, &["m1"]),
    ]
}

fn row(member: &str, grade: Option<Appraisal>, handling: Option<Handling>) -> AppraisalRow {
    AppraisalRow { member: member.into(), grade, handling, note: String::new() }
}

fn sheet(record: &str, rows: Vec<AppraisalRow>) -> DemocraticReview {
    DemocraticReview { branch: "b1".into(), year: year(2025), record: record.into(), rows }
}

fn check_review(review: DemocraticReview, stored: &[MemberAppraisal], expected: Result<usize, Vec<Problem>>) {
    let got = validate_review(&review, &roll(), &ledger(), stored, date(TODAY)).map(|a| a.len());
    assert_eq!(got, expected, "{review:?}");
}

// --- 民主评议 ---

#[test]
fn every_grade_is_accepted_and_unqualified_needs_handling() {
    for grade in [Excellent, Qualified, BasicallyQualified] {
        check_review(sheet("dr2026", vec![row("m1", Some(grade), None)]), &[], Ok(1));
    }
    check_review(
        sheet("dr2026", vec![row("m1", Some(Unqualified), None)]),
        &[],
        Err(vec![Problem::HandlingRequired("m1".into())]),
    );
    for handling in Handling::ALL {
        check_review(sheet("dr2026", vec![row("m1", Some(Unqualified), Some(handling))]), &[], Ok(1));
    }
}

#[test]
fn handling_and_note_are_kept_only_for_unqualified() {
    let mut good = row("m1", Some(Qualified), Some(Handling::Remove));
    good.note = "不应保留".into();
    let mut bad = row("m2", Some(Unqualified), Some(Handling::Rectify));
    bad.note = "  限期三个月改正  ".into();
    let saved = validate_review(&sheet("dr2026", vec![good, bad]), &roll(), &ledger(), &[], date(TODAY)).unwrap();
    assert_eq!((saved[0].handling, saved[0].note.as_str()), (None, ""));
    assert_eq!((saved[1].handling, saved[1].note.as_str()), (Some(Handling::Rectify), "限期三个月改正"));
    assert_eq!(saved[1].meeting, date("2026-01-20"));
    assert_eq!(saved[1].record, "dr2026");
    assert_eq!(saved[1].key(), "m2|2025");
    let mut long = row("m1", Some(Unqualified), Some(Handling::Rectify));
    long.note = "字".repeat(MAX_NOTE_CHARS + 1);
    check_review(sheet("dr2026", vec![long]), &[], Err(vec![Problem::NoteTooLong("m1".into(), MAX_NOTE_CHARS)]));
}

#[test]
fn the_meeting_is_a_review_record_of_the_branch_in_the_year_or_the_next_and_not_in_the_future() {
    let one = || vec![row("m1", Some(Qualified), None)];
    check_review(sheet("", one()), &[], Err(vec![Problem::Required(Field::Meeting)]));
    // Another branch's, an ordinary meeting, two years later, unknown.
    for record in ["other-branch", "assembly", "nope"] {
        check_review(sheet(record, one()), &[], Err(vec![Problem::NotAReviewRecord(record.into())]));
    }
    let review = DemocraticReview { year: year(2022), ..sheet("dr2024", one()) };
    check_review(review, &[], Err(vec![Problem::NotAReviewRecord("dr2024".into())]));
    // 2026's appraisal held in January 2027: a record dated after today.
    let review = DemocraticReview { year: year(2026), ..sheet("future", one()) };
    check_review(review, &[], Err(vec![Problem::InFuture(Field::Meeting)]));
    // The same year is fine too: 2026's appraisal at the record of 2026-01-20.
    check_review(DemocraticReview { year: year(2026), ..sheet("dr2026", one()) }, &[], Ok(1));
    // A year not begun.
    let review = DemocraticReview { year: year(2027), ..sheet("future", one()) };
    check_review(review, &[], Err(vec![Problem::NotBegun, Problem::InFuture(Field::Meeting)]));
}

#[test]
fn one_appraisal_per_member_and_year_on_the_roll() {
    check_review(
        sheet("dr2026", vec![row("m1", Some(Qualified), None), row("m1", Some(Excellent), None)]),
        &[],
        Err(vec![Problem::Twice("m1".into())]),
    );
    check_review(
        sheet("dr2026", vec![row("n1", Some(Qualified), None), row("ghost", Some(Qualified), None)]),
        &[],
        Err(vec![Problem::NotOnRoll("n1".into()), Problem::NotOnRoll("ghost".into())]),
    );
    // m2 appraised for 2025 by b2 before moving: refused; b1's own earlier save is replaced.
    let elsewhere = MemberAppraisal {
        member: "m2".into(),
        branch: "b2".into(),
        year: year(2025),
        grade: Qualified,
        meeting: date("2026-01-21"),
        record: "other-branch".into(),
        handling: None,
        note: String::new(),
    };
    let own = MemberAppraisal { member: "m1".into(), branch: "b1".into(), ..elsewhere.clone() };
    check_review(
        sheet("dr2026", vec![row("m1", Some(Excellent), None), row("m2", Some(Qualified), None)]),
        &[elsewhere.clone(), own.clone()],
        Err(vec![Problem::AppraisedElsewhere { member: "m2".into(), branch: "b2".into() }]),
    );
    // Another year of b2 does not count.
    let last_year = MemberAppraisal { year: year(2024), ..elsewhere };
    check_review(sheet("dr2026", vec![row("m2", Some(Qualified), None)]), &[last_year], Ok(1));
}

#[test]
fn ungraded_rows_are_skipped_but_something_must_be_graded_and_every_problem_comes_at_once() {
    check_review(sheet("dr2026", vec![row("m1", None, None), row("m2", Some(Qualified), None)]), &[], Ok(1));
    check_review(
        sheet("", vec![row("m1", None, None)]),
        &[],
        Err(vec![Problem::Required(Field::Meeting), Problem::NothingEntered]),
    );
    check_review(
        sheet("assembly", vec![row("m1", Some(Unqualified), None), row("x", Some(Qualified), None)]),
        &[],
        Err(vec![
            Problem::NotAReviewRecord("assembly".into()),
            Problem::HandlingRequired("m1".into()),
            Problem::NotOnRoll("x".into()),
        ]),
    );
}

#[test]
fn the_sheet_opens_with_the_active_roll_the_stored_grades_and_the_latest_record() {
    let fresh = review_sheet("b1", year(2025), &roll(), &[], &ledger());
    assert_eq!(fresh.record, "dr2026");
    assert_eq!(fresh.rows.iter().map(|r| r.member.as_str()).collect::<Vec<_>>(), ["m1", "m2", "m3", "m4"]);
    assert!(fresh.rows.iter().all(|r| r.grade.is_none()));
    let stored = validate_review(
        &sheet("dr2026", vec![row("m5", Some(BasicallyQualified), None), row("m1", Some(Excellent), None)]),
        &roll(),
        &ledger(),
        &[],
        date(TODAY),
    )
    .unwrap();
    let again = review_sheet("b1", year(2025), &roll(), &stored, &ledger());
    assert_eq!(again.rows.len(), 5, "m5 left but was appraised");
    assert_eq!(again.rows[0].grade, Some(Excellent));
    assert_eq!(again.rows[4].grade, Some(BasicallyQualified));
    // Clearing a stored grade deletes it on save.
    let mut cleared = again.clone();
    cleared.rows[0].grade = None;
    assert_eq!(cleared.cleared(&stored), ["m1|2025"]);
    assert!(again.cleared(&stored).is_empty());
    assert_eq!(review_sheet("b1", year(2030), &roll(), &[], &ledger()).record, "");
}

#[test]
fn counts_and_the_share_qualified_or_better() {
    let a = |member: &str, branch: &str, y: i32, grade| MemberAppraisal {
        member: member.into(),
        branch: branch.into(),
        year: year(y),
        grade,
        meeting: date("2026-01-20"),
        record: "dr2026".into(),
        handling: None,
        note: String::new(),
    };
    let all = vec![
        a("m1", "b1", 2025, Excellent),
        a("m2", "b1", 2025, Qualified),
        a("m3", "b1", 2025, BasicallyQualified),
        a("m4", "b1", 2025, Unqualified),
        a("m5", "b1", 2025, Qualified),
        a("m1", "b1", 2024, Unqualified),
        a("n1", "b2", 2025, Unqualified),
    ];
    let counts = appraisal_counts(&all, "b1", year(2025));
    assert_eq!((counts.excellent, counts.qualified, counts.basically_qualified, counts.unqualified), (1, 2, 1, 1));
    assert_eq!(counts.total(), 5);
    assert_eq!(counts.qualified_or_better().percent(), Some(Points::parse("60").unwrap()));
    assert_eq!(appraisal_counts(&all, "b3", year(2025)).qualified_or_better().percent(), None);
    assert!(Excellent < Unqualified, "best first");
    assert_eq!(Appraisal::from_code("basically_qualified"), Some(BasicallyQualified));
}

#[test]
fn stored_appraisal_json_is_stable() {
    let a = MemberAppraisal {
        member: "m4".into(),
        branch: "b1".into(),
        year: year(2025),
        grade: Unqualified,
        meeting: date("2026-01-20"),
        record: "dr2026".into(),
        handling: Some(Handling::PersuadeToLeave),
        note: "谈话后劝退".into(),
    };
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(
        json,
        r#"{"member":"m4","branch":"b1","year":"2025","grade":"unqualified","meeting":"2026-01-20","record":"dr2026","handling":"persuade_to_leave","note":"谈话后劝退"}"#
    );
    assert_eq!(serde_json::from_str::<MemberAppraisal>(&json).unwrap(), a);
}

// --- 互评 ---

fn p(text: &str) -> Points {
    Points::parse(text).unwrap()
}

#[test]
fn the_mean_is_to_the_hundredth_rounded_half_up() {
    let table: [(&[u32], Option<&str>); 6] = [
        (&[], None),
        (&[100], Some("100")),
        (&[60, 61, 61], Some("60.67")),
        (&[59, 60], Some("59.5")),
        (&[0, 0, 1], Some("0.33")),
        (&[1, 1, 0, 0, 0, 0, 0, 0], Some("0.25")),
    ];
    for (scores, expected) in table {
        assert_eq!(mutual_mean(scores), expected.map(p), "{scores:?}");
    }
    // 2 / 3 = 0.666… → 0.67; 1 / 8 = 0.125 → 0.13 (half up).
    assert_eq!(mutual_mean(&[1, 1, 0]), Some(p("0.67")));
    assert_eq!(mutual_mean(&[1, 0, 0, 0, 0, 0, 0, 0]), Some(p("0.13")));
}

#[test]
fn scores_are_whole_numbers_0_to_100_per_rater_or_a_summary_0_to_100() {
    let raters = |text: &str| parse_scores(text, EntryMode::Raters);
    assert_eq!(raters("85 90, 72、100；0"), Some(Scores::Raters { scores: vec![85, 90, 72, 100, 0] }));
    for bad in ["", "101", "-1", "85 abc", "85.5", "   "] {
        assert_eq!(raters(bad), None, "{bad:?}");
    }
    let summary = |text: &str| parse_scores(text, EntryMode::Summary);
    assert_eq!(summary(" 78.25 "), Some(Scores::Summary { mean: p("78.25") }));
    assert_eq!(summary("100"), Some(Scores::Summary { mean: p("100") }));
    assert_eq!(summary("0"), Some(Scores::Summary { mean: p("0") }));
    for bad in ["100.01", "-0.5", "78.125", "八十", "85 90"] {
        assert_eq!(summary(bad), None, "{bad:?}");
    }
}

fn mrow(member: &str, text: &str) -> MutualRow {
    MutualRow { member: member.into(), text: text.into() }
}

fn msheet(h: &str, mode: EntryMode, rows: Vec<MutualRow>) -> MutualSheet {
    MutualSheet { branch: "b1".into(), half: half(h), mode, rows }
}

#[test]
fn a_sheet_is_checked_row_by_row_with_every_problem() {
    let ok = validate_mutual(
        &msheet("2026-H1", EntryMode::Raters, vec![mrow("m1", "80 90"), mrow("m2", ""), mrow("m3", "55 58")]),
        &roll(),
        date(TODAY),
    )
    .unwrap();
    assert_eq!(ok.iter().map(|s| s.key()).collect::<Vec<_>>(), ["m1|2026-H1", "m3|2026-H1"]);
    assert_eq!(ok[1].mean(), Some(p("56.5")));
    assert_eq!(ok[0].raters(), Some(2));
    let bad = validate_mutual(
        &msheet(
            "2026-H2",
            EntryMode::Raters,
            vec![mrow("m1", "80 101"), mrow("m1", "80"), mrow("n1", "70"), mrow("m2", &"90 ".repeat(MAX_RATERS + 1))],
        ),
        &roll(),
        date(TODAY),
    );
    assert_eq!(
        bad,
        Err(vec![
            Problem::NotAScore("m1".into()),
            Problem::Twice("m1".into()),
            Problem::NotOnRoll("n1".into()),
            Problem::TooManyRaters("m2".into(), MAX_RATERS),
        ])
    );
    assert_eq!(
        validate_mutual(&msheet("2027-H1", EntryMode::Summary, vec![]), &roll(), date(TODAY)),
        Err(vec![Problem::NotBegun, Problem::NothingEntered])
    );
    // A half begins on its first day.
    assert!(validate_mutual(
        &msheet("2026-H2", EntryMode::Summary, vec![mrow("m1", "70")]),
        &roll(),
        date("2026-07-01")
    )
    .is_ok());
    assert_eq!(
        validate_mutual(&msheet("2026-H2", EntryMode::Summary, vec![mrow("m1", "70")]), &roll(), date("2026-06-30")),
        Err(vec![Problem::NotBegun])
    );
}

#[test]
fn below_the_threshold_is_flagged_exactly_at_it_is_not() {
    let score = |member: &str, scores: Scores| MutualScore {
        member: member.into(),
        branch: "b1".into(),
        half: half("2026-H1"),
        scores,
    };
    let all = vec![
        score("at", Scores::Raters { scores: vec![60, 60] }),
        score("just-below", Scores::Raters { scores: vec![59, 60, 60] }), // 59.67
        score("summary-below", Scores::Summary { mean: p("59.99") }),
        score("low", Scores::Raters { scores: vec![30] }),
        score("high", Scores::Summary { mean: p("95") }),
        score("empty", Scores::Raters { scores: vec![] }),
    ];
    let flagged = flagged_for_talk(&all, 60);
    assert_eq!(
        flagged.iter().map(|f| (f.member.as_str(), f.mean)).collect::<Vec<_>>(),
        [("low", p("30")), ("just-below", p("59.67")), ("summary-below", p("59.99"))]
    );
    assert!(flagged_for_talk(&all, 0).is_empty());
    assert_eq!(flagged_for_talk(&all, 100).len(), 5);
    assert_eq!(flagged_for_talk(&all, MemberSettings::default().talk_threshold), flagged);
}

#[test]
fn half_years_read_print_and_step() {
    assert_eq!(HalfYear::of(date("2026-06-30")).to_string(), "2026-H1");
    assert_eq!(HalfYear::of(date("2026-07-01")).to_string(), "2026-H2");
    assert_eq!(half("2026-H1").previous(), Some(half("2025-H2")));
    assert_eq!(half("2025-H2").next(), Some(half("2026-H1")));
    for bad in ["2026-H3", "2026H1", "2026-Q1", "26-H1"] {
        assert!(bad.parse::<HalfYear>().is_err(), "{bad}");
    }
    let stored = MutualScore {
        member: "m1".into(),
        branch: "b1".into(),
        half: half("2026-H1"),
        scores: Scores::Raters { scores: vec![80, 90] },
    };
    let json = serde_json::to_string(&stored).unwrap();
    assert_eq!(json, r#"{"member":"m1","branch":"b1","half":"2026-H1","entry":"raters","scores":[80,90]}"#);
    assert_eq!(serde_json::from_str::<MutualScore>(&json).unwrap(), stored);
    let summary = MutualScore { scores: Scores::Summary { mean: p("78.5") }, ..stored };
    let json = serde_json::to_string(&summary).unwrap();
    assert_eq!(json, r#"{"member":"m1","branch":"b1","half":"2026-H1","entry":"summary","mean":78.5}"#);
    assert_eq!(serde_json::from_str::<MutualScore>(&json).unwrap(), summary);
}

#[test]
fn the_mutual_sheet_opens_with_stored_texts_and_clears_what_is_emptied() {
    let stored = validate_mutual(
        &msheet("2026-H1", EntryMode::Summary, vec![mrow("m1", "70.5"), mrow("m5", "88")]),
        &roll(),
        date(TODAY),
    )
    .unwrap();
    let sheet = mutual_sheet("b1", half("2026-H1"), &roll(), &stored);
    assert_eq!(sheet.mode, EntryMode::Summary);
    assert_eq!(sheet.rows.len(), 5);
    assert_eq!((sheet.rows[0].text.as_str(), sheet.rows[4].text.as_str()), ("70.5", "88"));
    let mut emptied = sheet.clone();
    emptied.rows[4].text = " ".into();
    assert_eq!(emptied.cleared(&stored), ["m5|2026-H1"]);
    assert_eq!(mutual_sheet("b1", half("2026-H2"), &roll(), &stored).mode, EntryMode::Raters);
    assert_eq!(scores_text(&Scores::Raters { scores: vec![61, 60] }, EntryMode::Summary), "60.5");
}

// --- 积分 ---

fn points_ledger() -> Vec<LedgerRecord> {
    vec![
        rec("a1", "b1", "2026-01-10", BranchAssembly, &["m1", "m2"]),
        rec("c1", "b1", "2026-02-10", CommitteeMeeting, &["m1"]),
        rec("g1", "b1", "2026-03-10", GroupMeeting, &["m1", "m2"]),
        rec("l1", "b1", "2026-04-10", PartyLecture, &["m1"]),
        rec("t1", "b1", "2026-05-10", ThemeDay, &["m1"]),
        // Earn nothing: other kinds, other years.
        rec("d1", "b1", "2026-01-20", MeetingKind::DemocraticReview, &["m1", "m2"]),
        rec("o1", "b1", "2026-06-10", Other, &["m1"]),
        rec("t0", "b1", "2025-12-31", ThemeDay, &["m1"]),
        rec("t2", "b1", "2027-01-01", ThemeDay, &["m1"]),
        // Attended in another branch's ledger (before a transfer): it counts.
        rec("x1", "b2", "2026-07-01", ThemeDay, &["m1"]),
    ]
}

fn item(id: &str, member: &str, day: &str, kind: ItemKind, points: u32) -> PointsItem {
    PointsItem {
        id: id.into(),
        member: member.into(),
        branch: "b1".into(),
        date: date(day),
        kind,
        points,
        reason: "理由".into(),
    }
}

#[test]
fn attendance_counts_only_three_meetings_one_lecture_and_theme_days_of_the_year_present() {
    let ids = |member: &str, y: i32| {
        attended(member, year(y), &points_ledger()).iter().map(|r| r.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(ids("m1", 2026), ["a1", "c1", "g1", "l1", "t1", "x1"]);
    assert_eq!(ids("m2", 2026), ["a1", "g1"]);
    assert_eq!(ids("m1", 2025), ["t0"]);
    assert!(ids("m3", 2026).is_empty());
    let settings = MemberSettings::default();
    let m1 = year_points("m1", year(2026), &points_ledger(), &[], &settings);
    assert_eq!((m1.meetings, m1.attendance, m1.total), (6, 12, 12));
    let three = MemberSettings { attendance_points: 3, ..settings.clone() };
    assert_eq!(year_points("m1", year(2026), &points_ledger(), &[], &three).attendance, 18);
    let off = MemberSettings { attendance_points: 0, ..settings };
    assert_eq!(year_points("m1", year(2026), &points_ledger(), &[], &off).total, 0);
}

#[test]
fn manual_items_add_deductions_subtract_and_the_total_never_goes_below_zero() {
    let settings = MemberSettings::default();
    let items = vec![
        item("i1", "m2", "2026-03-01", ItemKind::Pioneer, 10),
        item("i2", "m2", "2026-04-01", ItemKind::Pledge, 5),
        item("i3", "m2", "2026-05-01", ItemKind::Volunteer, 3),
        item("i4", "m2", "2026-06-01", ItemKind::Other, 2),
        item("i5", "m2", "2026-07-01", ItemKind::Deduction, 6),
        item("i6", "m2", "2025-07-01", ItemKind::Pioneer, 50), // another year
        item("i7", "m1", "2026-07-01", ItemKind::Pioneer, 50), // another member
        item("i8", "m3", "2026-07-01", ItemKind::Deduction, 30),
        item("i9", "m3", "2026-08-01", ItemKind::Volunteer, 5),
    ];
    let m2 = year_points("m2", year(2026), &points_ledger(), &items, &settings);
    // 2 meetings × 2 = 4; + 10 + 5 + 3 + 2 = 20; − 6.
    assert_eq!((m2.attendance, m2.added, m2.deducted, m2.total), (4, 20, 6, 18));
    let m3 = year_points("m3", year(2026), &points_ledger(), &items, &settings);
    assert_eq!((m3.added, m3.deducted, m3.total, m3.stars), (5, 30, 0, 0));
    assert_eq!(items[4].signed(), -6);
    assert_eq!(items[0].signed(), 10);
}

#[test]
fn exactly_at_a_threshold_earns_the_star() {
    let thresholds = [20, 40, 60, 80, 100];
    for (points, stars) in
        [(0, 0), (19, 0), (20, 1), (39, 1), (40, 2), (59, 2), (60, 3), (79, 3), (80, 4), (99, 4), (100, 5), (1000, 5)]
    {
        assert_eq!(star_rating(points, &thresholds), stars, "{points}");
    }
    assert_eq!(star_rating(1, &[1, 2, 3, 4, 5]), 1);
    assert_eq!(star_rating(0, &[1, 2, 3, 4, 5]), 0);
}

#[test]
fn items_are_checked_with_every_problem() {
    let today = date(TODAY);
    assert!(validate_item(item("i", "m1", TODAY, ItemKind::Pioneer, 1), &roll(), today).is_ok());
    assert!(validate_item(item("i", "m1", TODAY, ItemKind::Deduction, MAX_ITEM_POINTS), &roll(), today).is_ok());
    let mut bad = item("i", "n1", "2026-12-03", ItemKind::Pioneer, 0);
    bad.reason = "   ".into();
    assert_eq!(
        validate_item(bad, &roll(), today),
        Err(vec![
            Problem::NotOnRoll("n1".into()),
            Problem::InFuture(Field::Date),
            Problem::PointsOutOfRange(MAX_ITEM_POINTS),
            Problem::Required(Field::Reason),
        ])
    );
    let mut long = item("i", "", TODAY, ItemKind::Pledge, MAX_ITEM_POINTS + 1);
    long.reason = "字".repeat(MAX_REASON_CHARS + 1);
    assert_eq!(
        validate_item(long, &roll(), today),
        Err(vec![
            Problem::Required(Field::Member),
            Problem::PointsOutOfRange(MAX_ITEM_POINTS),
            Problem::TooLong(Field::Reason, MAX_REASON_CHARS),
        ])
    );
}

#[test]
fn an_item_form_is_read_with_every_problem() {
    let today = date(TODAY);
    let draft = PointsItemDraft {
        member: "m1".into(),
        date: "2026-11-30".into(),
        kind: Some(ItemKind::Volunteer),
        points: "5".into(),
        reason: " 社区志愿服务 ".into(),
    };
    let read = draft.read("id1", "b1", &roll(), today).unwrap();
    assert_eq!((read.points, read.reason.as_str(), read.date), (5, "社区志愿服务", date("2026-11-30")));
    let bad = PointsItemDraft {
        member: String::new(),
        date: "2026-13-01".into(),
        kind: None,
        points: "5.5".into(),
        reason: String::new(),
    };
    assert_eq!(
        bad.read("id1", "b1", &roll(), today),
        Err(vec![
            Problem::Invalid(Field::Date),
            Problem::Invalid(Field::Points),
            Problem::Required(Field::Kind),
            Problem::Required(Field::Member),
            Problem::Required(Field::Reason),
        ])
    );
    let empty =
        PointsItemDraft { member: "m1".into(), reason: "x".into(), kind: Some(ItemKind::Other), ..Default::default() };
    assert_eq!(
        empty.read("id1", "b1", &roll(), today),
        Err(vec![Problem::Required(Field::Date), Problem::Required(Field::Points)])
    );
}

#[test]
fn the_star_list_orders_by_stars_then_points_then_name_and_skips_no_star() {
    let settings = MemberSettings { star_thresholds: [10, 20, 30, 40, 50], ..Default::default() };
    let items = vec![
        item("i1", "m2", "2026-03-01", ItemKind::Pioneer, 20), // 4 + 20 = 24 → 2 stars
        item("i2", "m3", "2026-03-01", ItemKind::Pioneer, 12), // 12 → 1 star
        item("i3", "m4", "2026-03-01", ItemKind::Volunteer, 9), // 9 → none
        item("i4", "m5", "2026-03-01", ItemKind::Volunteer, 24), // left, but has points: listed
    ];
    let all = branch_points("b1", year(2026), &roll(), &points_ledger(), &items, &settings);
    assert_eq!(all.len(), 5);
    let stars = star_members("b1", year(2026), &roll(), &points_ledger(), &items, &settings);
    assert_eq!(
        stars.iter().map(|s| (s.member.as_str(), s.points.total, s.points.stars)).collect::<Vec<_>>(),
        [("m2", 24, 2), ("m5", 24, 2), ("m1", 12, 1), ("m3", 12, 1)]
    );
    let none = branch_points("b1", year(2026), &roll(), &points_ledger(), &[], &settings);
    assert_eq!(none.len(), 4, "m5 left without points: not listed");
}

#[test]
fn stored_item_json_is_stable() {
    let i = item("i1", "m2", "2026-03-01", ItemKind::Deduction, 5);
    let json = serde_json::to_string(&i).unwrap();
    assert_eq!(
        json,
        r#"{"id":"i1","member":"m2","branch":"b1","date":"2026-03-01","kind":"deduction","points":5,"reason":"理由"}"#
    );
    assert_eq!(serde_json::from_str::<PointsItem>(&json).unwrap(), i);
}

// --- the demo ---

#[test]
fn the_demo_ratings_pass_their_own_rules_and_show_each_case() {
    use starbranch::domain::fixtures::{district, members_ratings};
    use starbranch::domain::ledger::validate_record;
    let d = district::district();
    let r = members_ratings::members_ratings();
    let today = date(TODAY);
    for record in &r.ledger {
        let roll: Vec<&str> = d.members.iter().filter(|m| m.branch == record.branch).map(|m| m.id.as_str()).collect();
        validate_record(record.clone(), &roll, today).unwrap_or_else(|p| panic!("{}: {p:?}", record.id));
        assert!(!d.ledger.iter().any(|l| l.id == record.id), "a new id");
    }
    let mut ledger = d.ledger.clone();
    ledger.extend(r.ledger.clone());
    for branch in ["demo-lb01", "demo-lb02"] {
        let mine: Vec<MemberAppraisal> = r.appraisals.iter().filter(|a| a.branch == branch).cloned().collect();
        let sheet = review_sheet(branch, year(2025), &d.members, &mine, &ledger);
        let saved = validate_review(&sheet, &d.members, &ledger, &[], today).unwrap();
        assert_eq!(saved, mine, "{branch}: the demo is what the sheet saves");
    }
    assert_eq!(appraisal_counts(&r.appraisals, "demo-lb02", year(2025)).unqualified, 1);
    let sheet = mutual_sheet("demo-lb01", half("2026-H1"), &d.members, &r.mutual);
    let saved = validate_mutual(&sheet, &d.members, today).unwrap();
    assert_eq!(saved, r.mutual);
    let flagged = flagged_for_talk(&r.mutual, MemberSettings::default().talk_threshold);
    assert_eq!(flagged.iter().map(|f| f.member.as_str()).collect::<Vec<_>>(), ["demo-lb01-m7"]);
    for item in &r.items {
        assert_eq!(validate_item(item.clone(), &d.members, today).as_ref(), Ok(item));
    }
    let stars = star_members("demo-lb01", year(2026), &d.members, &ledger, &r.items, &MemberSettings::default());
    let levels: Vec<(String, u32, u8)> =
        stars.iter().map(|s| (s.member.clone(), s.points.total, s.points.stars)).collect();
    assert_eq!(
        levels,
        [
            ("demo-lb01-m0".to_string(), 104, 5),
            ("demo-lb01-m1".to_string(), 64, 3),
            ("demo-lb01-m2".to_string(), 24, 1),
        ]
    );
    let m3 = year_points("demo-lb01-m3", year(2026), &ledger, &r.items, &MemberSettings::default());
    assert_eq!((m3.total, m3.stars), (19, 0), "one point short of a star");
    let m7 = year_points("demo-lb01-m7", year(2026), &ledger, &r.items, &MemberSettings::default());
    assert_eq!((m7.meetings, m7.deducted, m7.total), (1, 5, 0), "floored at 0");
}
