//! The e-ledger's rules as tables: record validation, attachments, attendance, meeting windows,
//! the month's obligations and the 组织生活 score, plus properties over random ledgers.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use starbranch::domain::ledger::*;
use starbranch::domain::rating::rubric::Rubric;
use starbranch::domain::values::date::Date;
use starbranch::domain::values::period::Month;
use starbranch::domain::values::points::Points;

use LedgerField as F;
use LedgerProblem as P;
use MeetingKind::*;
use ObligationState::*;

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

fn month(text: &str) -> Month {
    text.parse().unwrap()
}

fn p(text: &str) -> Points {
    Points::parse(text).unwrap()
}

const TODAY: &str = "2026-03-15";

/// The branch's roll: m0 … m39.
fn roll() -> Vec<String> {
    (0..40).map(|i| format!("m{i}")).collect()
}

/// A record with `present` attendees (m0 …) followed by `absent` absentees, each with a reason.
fn rec(id: &str, day: &str, kind: MeetingKind, present: usize, absent: usize) -> LedgerRecord {
    LedgerRecord {
        id: id.into(),
        branch: "b1".into(),
        date: date(day),
        kind,
        topic: "学习贯彻全会精神".into(),
        place: "三楼会议室".into(),
        host: "张书记".into(),
        attendees: (0..present).map(|i| format!("m{i}")).collect(),
        absentees: (present..present + absent)
            .map(|i| Absence { member: format!("m{i}"), reason: "病假".into() })
            .collect(),
        minutes: "会议记录".into(),
        attachments: vec![],
    }
}

fn attachment(id: &str, mime: &str, size: u64) -> AttachmentMeta {
    AttachmentMeta { id: id.into(), name: format!("{id}.bin"), mime: mime.into(), size }
}

fn problems_of(record: LedgerRecord) -> Vec<(LedgerField, LedgerProblem)> {
    match validate_record(record, &roll(), date(TODAY)) {
        Ok(_) => vec![],
        Err(problems) => problems.into_iter().map(|p| (p.field, p.problem)).collect(),
    }
}

fn check(edit: impl FnOnce(&mut LedgerRecord), expected: &[(LedgerField, LedgerProblem)]) {
    let mut record = rec("r1", "2026-03-01", CommitteeMeeting, 5, 1);
    edit(&mut record);
    assert_eq!(problems_of(record), expected);
}

// --- validation -------------------------------------------------------------------------------

#[test]
fn a_valid_record_is_accepted_and_trimmed() {
    let mut record = rec("r1", TODAY, ThemeDay, 3, 1);
    record.topic = "  主题党日 ".into();
    record.absentees[0].reason = " 出差 ".into();
    let saved = validate_record(record, &roll(), date(TODAY)).unwrap();
    assert_eq!(saved.topic, "主题党日");
    assert_eq!(saved.absentees[0].reason, "出差");
}

#[test]
fn the_roll_may_be_given_as_str_slices() {
    let ids = ["m0", "m1"];
    let record = rec("r1", TODAY, ThemeDay, 2, 0);
    assert!(validate_record(record, &ids, date(TODAY)).is_ok());
}

#[test]
fn texts_dates_and_branch() {
    check(|r| r.topic = "   ".into(), &[(F::Topic, P::Required)]);
    check(|r| r.topic = "题".repeat(MAX_TOPIC_CHARS), &[]);
    check(|r| r.topic = "题".repeat(MAX_TOPIC_CHARS + 1), &[(F::Topic, P::TooLong(100))]);
    check(|r| r.place = "地".repeat(61), &[(F::Place, P::TooLong(60))]);
    check(|r| r.host = "人".repeat(61), &[(F::Host, P::TooLong(60))]);
    check(|r| r.minutes = "记".repeat(20_001), &[(F::Minutes, P::TooLong(20_000))]);
    check(|r| r.place = String::new(), &[]);
    check(|r| r.branch = " ".into(), &[(F::Branch, P::Required)]);
    check(|r| r.date = date("2026-03-15"), &[]);
    check(|r| r.date = date("2026-03-16"), &[(F::Date, P::InFuture)]);
}

#[test]
fn attendees_and_absentees() {
    let absence = |member: &str, reason: &str| Absence { member: member.into(), reason: reason.into() };
    check(|r| r.attendees.clear(), &[(F::Attendees, P::Required)]);
    check(|r| r.attendees.push("x9".into()), &[(F::Attendees, P::NotAMember("x9".into()))]);
    check(|r| r.attendees.push("m0".into()), &[(F::Attendees, P::ListedTwice("m0".into()))]);
    check(|r| r.absentees.push(absence("m1", "事假")), &[(F::Absentees, P::PresentAndAbsent("m1".into()))]);
    check(|r| r.absentees[0].reason = "  ".into(), &[(F::Absentees, P::ReasonRequired("m5".into()))]);
    check(|r| r.absentees.push(absence("m5", "病假")), &[(F::Absentees, P::ListedTwice("m5".into()))]);
    check(
        |r| r.absentees.push(absence("x8", "")),
        &[(F::Absentees, P::NotAMember("x8".into())), (F::Absentees, P::ReasonRequired("x8".into()))],
    );
    // Nobody expected is absent: a rate of 100 %.
    check(|r| r.absentees.clear(), &[]);
}

#[test]
fn attachments_in_a_record() {
    check(|r| r.attachments = vec![attachment("a", "image/png", 1_000)], &[]);
    check(
        |r| r.attachments = vec![attachment("a", "image/png", 1), attachment("a", "application/pdf", 1)],
        &[(F::Attachments, P::DuplicateAttachment("a".into()))],
    );
    check(
        |r| r.attachments = vec![attachment("a", "text/html", 10)],
        &[(
            F::Attachments,
            P::Attachment { id: "a".into(), problem: AttachmentProblem::UnsupportedType("text/html".into()) },
        )],
    );
    let many: Vec<_> = (0..=MAX_ATTACHMENTS).map(|i| attachment(&format!("a{i}"), "image/jpeg", 10)).collect();
    check(|r| r.attachments = many, &[(F::Attachments, P::TooMany(20))]);
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut record = rec("r1", "2027-01-01", GroupMeeting, 0, 1);
    record.topic = String::new();
    record.absentees[0].reason = String::new();
    record.attachments = vec![attachment("a", "image/png", MAX_ATTACHMENT_BYTES + 1)];
    assert_eq!(
        problems_of(record),
        [
            (F::Date, P::InFuture),
            (F::Topic, P::Required),
            (F::Attendees, P::Required),
            (F::Absentees, P::ReasonRequired("m0".into())),
            (
                F::Attachments,
                P::Attachment {
                    id: "a".into(),
                    problem: AttachmentProblem::TooLarge { size: 5 * 1024 * 1024 + 1, max: 5 * 1024 * 1024 }
                }
            ),
        ]
    );
}

#[test]
fn attachment_checks() {
    use AttachmentProblem::*;
    let table: &[(u64, &str, Result<(), AttachmentProblem>)] = &[
        (1, "image/png", Ok(())),
        (MAX_ATTACHMENT_BYTES, "image/jpeg", Ok(())),
        (MAX_ATTACHMENT_BYTES + 1, "image/jpeg", Err(TooLarge { size: 5_242_881, max: 5_242_880 })),
        (0, "image/png", Err(Empty)),
        (10, "image/JPEG", Ok(())),
        (10, "application/pdf; charset=binary", Ok(())),
        (10, "image/webp", Ok(())),
        (10, "image/gif", Ok(())),
        (10, "image/svg+xml", Err(UnsupportedType("image/svg+xml".into()))),
        (10, "text/plain", Err(UnsupportedType("text/plain".into()))),
        (10, "", Err(UnsupportedType(String::new()))),
        // The type is checked first: a huge video is refused for what it is.
        (u64::MAX, "video/mp4", Err(UnsupportedType("video/mp4".into()))),
    ];
    for (size, mime, expected) in table {
        assert_eq!(&check_attachment(*size, mime), expected, "{size} {mime}");
    }
}

#[test]
fn records_round_trip_and_old_ones_load() {
    let mut record = rec("r1", "2026-03-01", PartyLecture, 2, 1);
    record.attachments = vec![attachment("a", "application/pdf", 42)];
    let json = serde_json::to_string(&record).unwrap();
    assert!(json.contains("\"kind\":\"party_lecture\""), "{json}");
    assert_eq!(serde_json::from_str::<LedgerRecord>(&json).unwrap(), record);
    let minimal = r#"{"id":"r","branch":"b1","date":"2026-03-01","kind":"theme_day","topic":"t"}"#;
    let loaded: LedgerRecord = serde_json::from_str(minimal).unwrap();
    assert!(loaded.attendees.is_empty() && loaded.minutes.is_empty());
}

// --- attendance -------------------------------------------------------------------------------

#[test]
fn attendance_rates_are_exact_hundredths_rounded_half_up() {
    let table: &[(usize, usize, Option<&str>)] = &[
        (8, 2, Some("80")),
        (7, 0, Some("100")),
        (0, 3, Some("0")),
        (2, 1, Some("66.67")),
        (1, 2, Some("33.33")),
        (1, 5, Some("16.67")),
        (1, 7, Some("12.5")),
        // 1/32 = 3.125 %: the half goes up.
        (1, 31, Some("3.13")),
        // 3/32 = 9.375 %.
        (3, 29, Some("9.38")),
        (0, 0, None),
    ];
    for &(present, absent, expected) in table {
        let record = rec("r", TODAY, ThemeDay, present, absent);
        assert_eq!(attendance_rate(&record), expected.map(p), "{present}/{absent}");
    }
}

#[test]
fn member_attendance_over_records() {
    let records = [
        rec("r1", "2026-01-05", ThemeDay, 3, 2), // m0–m2 present, m3, m4 absent
        rec("r2", "2026-02-05", ThemeDay, 4, 1), // m0–m3 present, m4 absent
        rec("r3", "2026-03-05", ThemeDay, 1, 0), // m0 present; m4 not expected
    ];
    let tally = member_attendance(&records, "m3");
    assert_eq!((tally.attended, tally.absent, tally.rate()), (1, 1, Some(p("50"))));
    let tally = member_attendance(&records, "m0");
    assert_eq!((tally.attended, tally.absent, tally.rate()), (3, 0, Some(p("100"))));
    let tally = member_attendance(&records, "m4");
    assert_eq!((tally.attended, tally.absent, tally.rate()), (0, 2, Some(p("0"))));
    assert_eq!(member_attendance(&records, "m9").rate(), None);

    let table = attendance_by_member(&records);
    assert_eq!(table.len(), 5);
    assert_eq!(table["m3"], member_attendance(&records, "m3"));
    assert_eq!(table["m1"].rate(), Some(p("100")));
    let two_of_three = MemberAttendance { attended: 2, absent: 1 };
    assert_eq!(two_of_three.rate(), Some(p("66.67")));
}

// --- windows and rules ------------------------------------------------------------------------

#[test]
fn windows_are_calendar_periods() {
    let table = [
        (Frequency::Monthly, "2026-05", "2026-05", "2026-05"),
        (Frequency::Quarterly, "2026-01", "2026-01", "2026-03"),
        (Frequency::Quarterly, "2026-03", "2026-01", "2026-03"),
        (Frequency::Quarterly, "2026-11", "2026-10", "2026-12"),
        (Frequency::HalfYearly, "2026-06", "2026-01", "2026-06"),
        (Frequency::HalfYearly, "2026-07", "2026-07", "2026-12"),
        (Frequency::Yearly, "2026-08", "2026-01", "2026-12"),
    ];
    for (frequency, viewed, first, last) in table {
        let window = frequency.window(month(viewed));
        assert_eq!((window.first, window.last), (month(first), month(last)), "{frequency:?} {viewed}");
    }
    let q1 = Frequency::Quarterly.window(month("2026-02"));
    assert!(q1.contains(date("2026-01-01")) && q1.contains(date("2026-03-31")));
    assert!(!q1.contains(date("2025-12-31")) && !q1.contains(date("2026-04-01")));
}

#[test]
fn default_rules_follow_the_customary_rhythm() {
    let rules = LedgerRules::default();
    let table = [
        (BranchAssembly, Some(Frequency::Quarterly)),
        (CommitteeMeeting, Some(Frequency::Monthly)),
        (GroupMeeting, Some(Frequency::Monthly)),
        (PartyLecture, Some(Frequency::Quarterly)),
        (ThemeDay, Some(Frequency::Monthly)),
        (DemocraticReview, Some(Frequency::Yearly)),
        (Other, None),
    ];
    for (kind, frequency) in table {
        assert_eq!(rules.frequency(kind), frequency, "{kind:?}");
    }
    assert_eq!(rules.threshold(), p("80"));
    assert_eq!(rules.submit_day, 5);
    assert_eq!(rules.submission_due(month("2026-03")), Some(date("2026-04-05")));
    assert_eq!(rules.submission_due(month("2026-12")), Some(date("2027-01-05")));
    let bad = LedgerRules { submit_day: 0, ..rules };
    assert_eq!(bad.submission_due(month("2026-03")), None);
}

#[test]
fn the_default_rubric_carries_the_rules_and_old_rubrics_load() {
    let rubric = Rubric::default_rubric();
    assert_eq!(rubric.ledger, LedgerRules::default());
    let mut stored = serde_json::to_value(&rubric).unwrap();
    stored.as_object_mut().unwrap().remove("ledger");
    let loaded: Rubric = serde_json::from_value(stored).unwrap();
    assert_eq!(loaded, rubric);
    // Rubrics travel through the exchange format without the ledger rules: it has no field.
    let exchanged = starbranch::domain::files::exchange::ExchangeRubric::from_rubric(&rubric);
    assert_eq!(exchanged.to_rubric().ledger, LedgerRules::default());
}

#[test]
fn rubric_validation_checks_threshold_and_submit_day() {
    let errors = |threshold: u8, day: u8| -> Vec<String> {
        let mut rubric = Rubric::default_rubric();
        rubric.ledger.attendance_threshold_percent = threshold;
        rubric.ledger.submit_day = day;
        match rubric.validate() {
            Ok(()) => vec![],
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        }
    };
    assert_eq!(errors(0, 1), Vec::<String>::new());
    assert_eq!(errors(100, 28), Vec::<String>::new());
    assert_eq!(errors(101, 5), ["rubric default, ledger.attendance_threshold_percent: 101 exceeds its maximum 100"]);
    assert_eq!(errors(80, 29), ["rubric default, ledger.submit_day: 29 exceeds its maximum 28"]);
    assert_eq!(errors(80, 0), ["rubric default, ledger.submit_day: the submit day must be a day from 1 to 28"]);
}

// --- obligations ------------------------------------------------------------------------------

fn states(viewed: &str, today: &str, records: &[LedgerRecord]) -> Vec<(MeetingKind, ObligationState)> {
    obligations(&LedgerRules::default(), month(viewed), records, date(today))
        .into_iter()
        .map(|o| (o.kind, o.state))
        .collect()
}

/// Q1 2026: a branch assembly in January, the monthly meetings in January only, a Party lecture
/// on 5 March.
fn q1() -> Vec<LedgerRecord> {
    vec![
        rec("assembly", "2026-01-10", BranchAssembly, 9, 1),
        rec("committee-jan", "2026-01-12", CommitteeMeeting, 5, 0),
        rec("group-jan", "2026-01-15", GroupMeeting, 4, 0),
        rec("theme-jan", "2026-01-20", ThemeDay, 8, 2),
        rec("lecture", "2026-03-05", PartyLecture, 9, 0),
    ]
}

#[test]
fn obligations_in_the_current_month() {
    assert_eq!(
        states("2026-02", "2026-02-15", &q1()),
        [
            (BranchAssembly, Done),
            (CommitteeMeeting, Due),
            (GroupMeeting, Due),
            (PartyLecture, Due),
            (ThemeDay, Due),
            (DemocraticReview, Due),
        ]
    );
}

#[test]
fn obligations_of_a_past_month_as_they_stood_at_its_end() {
    // January from March: the monthly meetings were held; the lecture was still due in January.
    assert_eq!(
        states("2026-01", "2026-03-15", &q1()),
        [
            (BranchAssembly, Done),
            (CommitteeMeeting, Done),
            (GroupMeeting, Done),
            (PartyLecture, Due),
            (ThemeDay, Done),
            (DemocraticReview, Due),
        ]
    );
    // February from March: its monthly meetings are overdue; the March lecture does not count
    // for February.
    assert_eq!(
        states("2026-02", "2026-03-01", &q1()),
        [
            (BranchAssembly, Done),
            (CommitteeMeeting, Overdue),
            (GroupMeeting, Overdue),
            (PartyLecture, Due),
            (ThemeDay, Overdue),
            (DemocraticReview, Due),
        ]
    );
}

#[test]
fn quarterly_obligations_end_with_the_quarter() {
    let mut records = q1();
    records.retain(|r| r.id != "lecture");
    let lecture = |today: &str| {
        let all = obligations(&LedgerRules::default(), month("2026-03"), &records, date(today));
        all.into_iter().find(|o| o.kind == PartyLecture).unwrap().state
    };
    assert_eq!(lecture("2026-03-31"), Due);
    assert_eq!(lecture("2026-04-01"), Overdue);
    assert_eq!(lecture("2026-02-28"), NotYetDue);
}

#[test]
fn obligations_name_the_window_and_the_records() {
    let mut records = q1();
    records.push(rec("assembly-2", "2026-02-03", BranchAssembly, 9, 1));
    records.push(rec("assembly-2025", "2025-12-20", BranchAssembly, 9, 1));
    let all = obligations(&LedgerRules::default(), month("2026-02"), &records, date("2026-02-15"));
    let assembly = &all[0];
    assert_eq!(assembly.kind, BranchAssembly);
    assert_eq!(assembly.frequency, Frequency::Quarterly);
    assert_eq!((assembly.window.first, assembly.window.last), (month("2026-01"), month("2026-03")));
    assert_eq!(assembly.held, ["assembly", "assembly-2"]);
    let review = all.iter().find(|o| o.kind == DemocraticReview).unwrap();
    assert_eq!((review.window.first, review.window.last), (month("2026-01"), month("2026-12")));
}

#[test]
fn a_future_month_is_not_yet_due_unless_already_done() {
    let mut records = q1();
    records.retain(|r| r.date <= date("2026-02-15"));
    assert_eq!(
        states("2026-03", "2026-02-15", &records),
        [
            (BranchAssembly, Done),
            (CommitteeMeeting, NotYetDue),
            (GroupMeeting, NotYetDue),
            (PartyLecture, NotYetDue),
            (ThemeDay, NotYetDue),
            (DemocraticReview, NotYetDue),
        ]
    );
}

#[test]
fn kinds_not_in_the_rules_are_never_obligations() {
    let rules = LedgerRules { frequencies: [(Other, Frequency::HalfYearly)].into(), ..LedgerRules::default() };
    let all = obligations(&rules, month("2026-05"), &q1(), date("2026-05-02"));
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].kind, all[0].state), (Other, Due));
    assert_eq!(all[0].window.last, month("2026-06"));
}

// --- the 组织生活 score -------------------------------------------------------------------------

fn score(viewed: &str, records: &[LedgerRecord], max: &str) -> (Points, Vec<LedgerReason>) {
    let s = ledger_score(&LedgerRules::default(), month(viewed), records, p(max));
    (s.points, s.reasons)
}

/// All three monthly meetings of `m` (YYYY-MM), each with `present` of 10 attending.
fn monthly(m: &str, present: usize) -> Vec<LedgerRecord> {
    [CommitteeMeeting, GroupMeeting, ThemeDay]
        .into_iter()
        .map(|kind| rec(&format!("{m}-{}", kind.code()), &format!("{m}-10"), kind, present, 10 - present))
        .collect()
}

#[test]
fn which_meetings_a_month_requires() {
    let rules = LedgerRules::default();
    let required = |m: &str| ledger_score(&rules, month(m), &[], p("10")).required;
    let monthly_kinds = vec![CommitteeMeeting, GroupMeeting, ThemeDay];
    assert_eq!(required("2026-01"), monthly_kinds);
    assert_eq!(required("2026-02"), monthly_kinds);
    let quarter_end = vec![BranchAssembly, CommitteeMeeting, GroupMeeting, PartyLecture, ThemeDay];
    assert_eq!(required("2026-03"), quarter_end);
    assert_eq!(required("2026-06"), quarter_end);
    let year_end = [quarter_end.clone(), vec![DemocraticReview]].concat();
    assert_eq!(required("2026-12"), year_end);
}

#[test]
fn full_points_when_everything_is_held_with_enough_attendance() {
    assert_eq!(score("2026-01", &monthly("2026-01", 10), "10"), (p("10"), vec![]));
    // Exactly at the threshold: 8 of 10 is 80 %.
    assert_eq!(score("2026-01", &monthly("2026-01", 8), "10"), (p("10"), vec![]));
}

#[test]
fn a_missing_meeting_costs_its_share() {
    let mut records = monthly("2026-01", 10);
    records.retain(|r| r.kind != GroupMeeting);
    // 10 × 2/3 = 6.666… → 6.67.
    assert_eq!(score("2026-01", &records, "10"), (p("6.67"), vec![LedgerReason::Missing(GroupMeeting)]));
    // A meeting in another month does not count for this one.
    records.push(rec("group-feb", "2026-02-01", GroupMeeting, 10, 0));
    assert_eq!(score("2026-01", &records, "10").0, p("6.67"));
    assert_eq!(
        score("2026-01", &[], "10"),
        (
            p("0"),
            vec![
                LedgerReason::Missing(CommitteeMeeting),
                LedgerReason::Missing(GroupMeeting),
                LedgerReason::Missing(ThemeDay),
            ]
        )
    );
}

#[test]
fn low_attendance_earns_its_share_in_proportion() {
    let mut records = monthly("2026-01", 10);
    // 6 of 10 = 60 % against 80 %: three quarters of a third → 10 × (1 + 1 + 0.75) / 3 = 9.1666….
    records[2] = rec("theme", "2026-01-20", ThemeDay, 6, 4);
    assert_eq!(score("2026-01", &records, "10"), (p("9.17"), vec![LedgerReason::LowAttendance(ThemeDay, p("60"))]));
    // 7 of 9 = 77.78 %, just under: 10 × (16000 + 7778) / 24000 = 9.9075 → 9.91.
    records[2] = rec("theme", "2026-01-20", ThemeDay, 7, 2);
    assert_eq!(score("2026-01", &records, "10"), (p("9.91"), vec![LedgerReason::LowAttendance(ThemeDay, p("77.78"))]));
}

#[test]
fn the_best_record_of_a_kind_counts() {
    let mut records = monthly("2026-01", 10);
    records.push(rec("theme-2", "2026-01-25", ThemeDay, 1, 9));
    assert_eq!(score("2026-01", &records, "10"), (p("10"), vec![]));
}

#[test]
fn a_shortfall_never_rounds_up_to_full_points() {
    let mut records = monthly("2026-01", 10);
    records[2] = rec("theme", "2026-01-20", ThemeDay, 7, 2);
    // 0.5 × 23778 / 24000 = 0.4954 would round to 0.5; it stays one hundredth short.
    let (points, reasons) = score("2026-01", &records, "0.5");
    assert_eq!(points, p("0.49"));
    assert_eq!(reasons.len(), 1);
}

#[test]
fn a_quarterly_meeting_held_early_counts_at_the_quarter_end() {
    let mut records = monthly("2026-03", 10);
    records.push(rec("assembly", "2026-01-10", BranchAssembly, 9, 1));
    records.push(rec("lecture", "2026-02-27", PartyLecture, 10, 0));
    assert_eq!(score("2026-03", &records, "10"), (p("10"), vec![]));
    // …but not in the first two months, where it is not scored at all.
    assert_eq!(score("2026-01", &monthly("2026-01", 10), "10"), (p("10"), vec![]));
    // Held in the previous quarter, it does not count for this one: 10 × 4/5 = 8.
    records[3] = rec("assembly", "2025-12-30", BranchAssembly, 9, 1);
    assert_eq!(score("2026-03", &records, "10"), (p("8"), vec![LedgerReason::Missing(BranchAssembly)]));
}

#[test]
fn the_yearly_review_is_scored_in_december() {
    let mut records = monthly("2026-12", 10);
    records.push(rec("assembly", "2026-10-10", BranchAssembly, 9, 1));
    records.push(rec("lecture", "2026-11-27", PartyLecture, 10, 0));
    // 10 × 5/6 = 8.333… → 8.33.
    assert_eq!(score("2026-12", &records, "10"), (p("8.33"), vec![LedgerReason::Missing(DemocraticReview)]));
    records.push(rec("review", "2026-04-02", DemocraticReview, 10, 0));
    assert_eq!(score("2026-12", &records, "10"), (p("10"), vec![]));
}

#[test]
fn custom_rules() {
    let nothing = LedgerRules { frequencies: Default::default(), ..LedgerRules::default() };
    let s = ledger_score(&nothing, month("2026-01"), &[], p("10"));
    assert_eq!((s.points, s.required, s.reasons), (p("10"), vec![], vec![]));

    let any_attendance = LedgerRules { attendance_threshold_percent: 0, ..LedgerRules::default() };
    let s = ledger_score(&any_attendance, month("2026-01"), &monthly("2026-01", 0), p("10"));
    assert_eq!((s.points, s.reasons), (p("10"), vec![]));

    let half_yearly = LedgerRules {
        frequencies: [(Other, Frequency::HalfYearly)].into(),
        attendance_threshold_percent: 100,
        ..LedgerRules::default()
    };
    let records = [rec("other", "2026-02-01", Other, 9, 1)];
    let s = ledger_score(&half_yearly, month("2026-06"), &records, p("5"));
    // 90 % against 100 %: 5 × 0.9 = 4.5.
    assert_eq!((s.points, s.reasons), (p("4.5"), vec![LedgerReason::LowAttendance(Other, p("90"))]));
    assert_eq!(ledger_score(&half_yearly, month("2026-05"), &records, p("5")).points, p("5"));
}

// --- properties -------------------------------------------------------------------------------

fn record_strategy() -> impl Strategy<Value = LedgerRecord> {
    (prop::sample::select(MeetingKind::ALL.to_vec()), 1_u8..=12, 1_u8..=28, 0_usize..=12, 0_usize..=12).prop_map(
        |(kind, m, d, present, absent)| {
            let day = Date::new(2026, m, d).unwrap().to_string();
            rec(&format!("{kind:?}-{m}-{d}"), &day, kind, present, absent)
        },
    )
}

proptest! {
    #[test]
    fn ledger_score_is_between_0_and_max_and_full_only_without_reasons(
        mut records in prop::collection::vec(record_strategy(), 0..25),
        // Meetings of the scored month with mostly good attendance, so that near-full scores —
        // where rounding could hide a shortfall — come up often.
        in_month in prop::collection::vec(
            (prop::sample::select(MeetingKind::ALL.to_vec()), 1_usize..=20, 0_usize..=4),
            0..8,
        ),
        m in 1_u8..=12,
        max in prop_oneof![1_i64..=50, 1_i64..=10_000],
        threshold in prop_oneof![0_u8..=100, 75_u8..=100],
    ) {
        for (i, (kind, present, absent)) in in_month.into_iter().enumerate() {
            let day = Date::new(2026, m, 28).unwrap().to_string();
            records.push(rec(&format!("in-month-{i}"), &day, kind, present, absent));
        }
        let rules = LedgerRules { attendance_threshold_percent: threshold, ..LedgerRules::default() };
        let max = Points::from_hundredths(max);
        let s = ledger_score(&rules, Month::new(2026, m).unwrap(), &records, max);
        prop_assert!(s.points >= Points::ZERO && s.points <= max, "{:?}", s);
        prop_assert_eq!(s.points == max, s.reasons.is_empty(), "{:?}", s);
        prop_assert!(s.reasons.len() <= s.required.len());
    }

    #[test]
    fn more_attendance_never_lowers_the_score(
        records in prop::collection::vec(record_strategy(), 1..25),
        pick in any::<prop::sample::Index>(),
        m in 1_u8..=12,
    ) {
        let rules = LedgerRules::default();
        let month = Month::new(2026, m).unwrap();
        let before = ledger_score(&rules, month, &records, p("10")).points;
        let mut better = records.clone();
        let record = &mut better[pick.index(records.len())];
        if let Some(absence) = record.absentees.pop() {
            record.attendees.push(absence.member);
        }
        prop_assert!(ledger_score(&rules, month, &better, p("10")).points >= before);
    }

    #[test]
    fn attendance_rate_is_the_exact_share_rounded(present in 0_usize..200, absent in 0_usize..200) {
        let record = rec("r", TODAY, ThemeDay, present, absent);
        match attendance_rate(&record) {
            None => prop_assert_eq!(present + absent, 0),
            Some(rate) => {
                let total = (present + absent) as i64;
                // |rate × total − 100 × present| ≤ half a hundredth × total, in hundredths.
                let error = rate.hundredths() * total * 2 - 20_000 * present as i64;
                prop_assert!(error.abs() <= total, "{present}/{absent}: {rate}");
                prop_assert!(rate >= Points::ZERO && rate <= Points::HUNDRED);
            }
        }
    }
}

fn roll_member(
    id: &str,
    name: &str,
    position: &str,
    joined: &str,
    status: starbranch::domain::org::MemberStatus,
) -> starbranch::domain::org::Member {
    starbranch::domain::org::Member {
        id: id.into(),
        branch: "b1".into(),
        name: name.into(),
        gender: starbranch::domain::org::Gender::Female,
        birth: date("1980-01-01"),
        joined: date(joined),
        position: position.into(),
        status,
    }
}

#[test]
fn the_roll_call_lists_active_members_secretary_first_then_former_ones_the_record_names() {
    use starbranch::domain::org::MemberStatus::*;
    let members = [
        roll_member("a", "甲", "党员", "2010-05-01", Full),
        roll_member("s", "书记", "支部书记", "2015-01-01", Full),
        roll_member("p", "乙", "党员", "2005-01-01", Probationary),
        roll_member("t", "丙", "党员", "2001-01-01", TransferredOut),
        roll_member("u", "丁", "党员", "2000-01-01", TransferredOut),
    ];
    let order: Vec<&str> = roll_order(&members).iter().map(|m| m.id.as_str()).collect();
    assert_eq!(order, ["s", "p", "a", "u", "t"]);

    // A new record: only the active members.
    let fresh: Vec<(String, bool)> = roll_call(&members, &[], &[]).into_iter().map(|e| (e.id, e.on_roll)).collect();
    assert_eq!(fresh, [("s".into(), true), ("p".into(), true), ("a".into(), true)]);

    // An old record naming a transferred member and one no longer known keeps both, off the roll.
    let absent = [Absence { member: "gone".into(), reason: "出差".into() }];
    let old = roll_call(&members, &["t".to_string()], &absent);
    let lines: Vec<(&str, &str, bool)> = old.iter().map(|e| (e.id.as_str(), e.name.as_str(), e.on_roll)).collect();
    assert_eq!(
        lines,
        [("s", "书记", true), ("p", "乙", true), ("a", "甲", true), ("t", "丙", false), ("gone", "gone", false)]
    );
}

#[test]
fn attendance_share_and_a_new_record_date() {
    for (present, absent, expected) in [(0, 0, None), (3, 0, Some("100")), (2, 1, Some("66.67")), (0, 4, Some("0"))] {
        assert_eq!(attendance_share(present, absent), expected.map(p), "{present} present, {absent} absent");
    }
    for (m, today, expected) in [
        ("2026-02", "2026-03-15", "2026-02-01"), // a past month starts on its 1st
        ("2026-03", "2026-03-15", "2026-03-15"), // this month: today
        ("2026-04", "2026-03-15", "2026-03-15"), // never in the future
        ("2025-12", "2026-01-01", "2025-12-01"),
    ] {
        assert_eq!(default_record_date(month(m), date(today)), date(expected), "{m} on {today}");
    }
}
