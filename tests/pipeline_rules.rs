//! The development pipeline's date rules as tables: 18 on the application date, a year from
//! 积极分子 to 发展对象, the public notices' full period, the probation's year and its one
//! extension of at most a year, the 培养联系人, the stages' order, every problem at once, and
//! the counts and due steps the pages and the CLI read.
#![cfg(not(target_arch = "wasm32"))]

use starbranch::domain::members::pipeline::{
    next_steps, overdue, roll_entry, stage_counts, take, validate_application, Application, Candidate, Context, Field,
    Move, Next, Notice, Problem, PublicNotice, Stage,
};
use starbranch::domain::members::pipeline_draft::{ApplicationDraft, MoveDraft, MoveKind};
use starbranch::domain::members::settings::MemberSettings;
use starbranch::domain::org::{Gender, Member, MemberStatus};
use starbranch::domain::values::date::Date;

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

const TODAY: &str = "2026-12-02";

fn member(id: &str, branch: &str, status: MemberStatus) -> Member {
    Member {
        id: id.into(),
        branch: branch.into(),
        name: format!("成员{id}"),
        gender: Gender::Female,
        birth: day("1980-01-01"),
        joined: day("2005-07-01"),
        position: "党员".into(),
        status,
    }
}

fn roll() -> Vec<Member> {
    vec![
        member("m1", "b1", MemberStatus::Full),
        member("m2", "b1", MemberStatus::Full),
        member("m3", "b1", MemberStatus::Probationary),
        member("m4", "b2", MemberStatus::Full),
        member("m5", "b1", MemberStatus::Mobile),
    ]
}

fn ctx(roll: &[Member]) -> Context<'_> {
    Context { today: day(TODAY), notice_days: 5, roll }
}

fn application(birth: &str, applied: &str) -> Application {
    Application {
        id: "c1".into(),
        branch: "b1".into(),
        name: "张三".into(),
        gender: Gender::Male,
        birth: day(birth),
        applied_on: day(applied),
    }
}

fn applicant() -> Candidate {
    validate_application(application("1998-05-01", "2023-03-01"), day(TODAY)).unwrap()
}

/// Takes the steps in order, each of which must pass.
fn through(steps: Vec<Move>) -> Candidate {
    let roll = roll();
    steps.into_iter().fold(applicant(), |c, step| take(&c, step, &ctx(&roll)).unwrap())
}

fn notice(start: &str, end: &str) -> PublicNotice {
    PublicNotice { start: day(start), end: day(end) }
}

fn activist_steps() -> Vec<Move> {
    vec![Move::Activist { on: day("2023-09-01"), contacts: ["m1".into(), "m2".into()] }]
}

fn candidate_steps() -> Vec<Move> {
    let mut steps = activist_steps();
    steps.push(Move::Candidate { on: day("2024-09-01") });
    steps.push(Move::Vetting { vetted: true, notice: Some(notice("2024-10-08", "2024-10-12")) });
    steps
}

fn probation_steps() -> Vec<Move> {
    let mut steps = candidate_steps();
    steps.push(Move::Probationary {
        meeting_on: day("2024-10-20"),
        approved_on: day("2024-11-10"),
        member: "new-m".into(),
    });
    steps
}

fn with_second_notice() -> Vec<Move> {
    let mut steps = probation_steps();
    steps.push(Move::SecondNotice(notice("2025-11-01", "2025-11-05")));
    steps
}

#[test]
fn applicant_must_be_eighteen_on_the_application_date() {
    // (birth, applied, accepted)
    let table = [
        ("2008-05-01", "2026-05-01", true),  // the 18th birthday itself
        ("2008-05-01", "2026-04-30", false), // the day before
        ("2008-02-29", "2026-02-28", true),  // leap day: 28 Feb of a common year
        ("2008-02-29", "2026-02-27", false),
        ("2004-02-29", "2022-02-28", true),
        ("2008-12-31", "2026-12-02", false),
        ("1990-01-01", "2026-12-02", true),
    ];
    for (birth, applied, accepted) in table {
        let result = validate_application(application(birth, applied), day(TODAY));
        assert_eq!(result.is_ok(), accepted, "{birth} applying {applied}: {result:?}");
        if !accepted {
            let eighteen = day(birth).add_years(18);
            assert_eq!(result.unwrap_err(), vec![Problem::TooYoung(eighteen)]);
        }
    }
}

#[test]
fn an_application_names_every_problem_at_once() {
    let app = Application { name: "  ".into(), branch: "".into(), ..application("2010-01-01", "2026-12-03") };
    assert_eq!(
        validate_application(app, day(TODAY)).unwrap_err(),
        vec![
            Problem::Required(Field::Name),
            Problem::Required(Field::Branch),
            Problem::InFuture(Field::AppliedOn),
            Problem::TooYoung(day("2028-01-01")),
        ]
    );
    let long = Application { name: "长".repeat(41), ..application("1990-01-01", "2026-01-01") };
    assert_eq!(validate_application(long, day(TODAY)).unwrap_err(), vec![Problem::TooLong(Field::Name, 40)]);
}

#[test]
fn contacts_must_be_two_different_full_members_of_the_same_branch() {
    let roll = roll();
    let table: [([&str; 2], Vec<Problem>); 7] = [
        (["m1", "m2"], vec![]),
        (["m1", "m3"], vec![Problem::ContactNotFull("m3".into())]),
        (["m5", "m2"], vec![Problem::ContactNotFull("m5".into())]),
        (["m1", "m4"], vec![Problem::ContactOtherBranch("m4".into())]),
        (["m1", "zz"], vec![Problem::UnknownContact("zz".into())]),
        (["m1", "m1"], vec![Problem::SameContact]),
        (["", ""], vec![Problem::Required(Field::Contacts)]),
    ];
    for (contacts, expected) in table {
        let step = Move::Activist { on: day("2023-09-01"), contacts: contacts.map(String::from) };
        let result = take(&applicant(), step, &ctx(&roll));
        match expected.is_empty() {
            true => assert!(result.is_ok(), "{contacts:?}: {result:?}"),
            false => assert_eq!(result.unwrap_err(), expected, "{contacts:?}"),
        }
    }
}

#[test]
fn activist_to_candidate_takes_at_least_a_year() {
    let roll = roll();
    let activist = through(activist_steps()); // activist on 2023-09-01
    for (on, accepted) in [("2024-09-01", true), ("2024-08-31", false), ("2026-01-01", true)] {
        let result = take(&activist, Move::Candidate { on: day(on) }, &ctx(&roll));
        assert_eq!(result.is_ok(), accepted, "{on}: {result:?}");
        if !accepted {
            assert_eq!(
                result.unwrap_err(),
                vec![Problem::TooSoon { field: Field::CandidateOn, earliest: day("2024-09-01") }]
            );
        }
    }
    // A leap-day activist may become a candidate on 28 February of the next year.
    let leap =
        take(&applicant(), Move::Activist { on: day("2024-02-29"), contacts: ["m1".into(), "m2".into()] }, &ctx(&roll))
            .unwrap();
    assert!(take(&leap, Move::Candidate { on: day("2025-02-28") }, &ctx(&roll)).is_ok());
    assert!(take(&leap, Move::Candidate { on: day("2025-02-27") }, &ctx(&roll)).is_err());
}

#[test]
fn a_notice_must_run_its_full_period_before_the_next_stage() {
    let roll = roll();
    let mut steps = activist_steps();
    steps.push(Move::Candidate { on: day("2024-09-01") });
    let candidate = through(steps);
    // Recording the first notice: it must run the setting's days, both ends counted.
    for (start, end, days, expected) in [
        ("2024-10-08", "2024-10-12", 5, None),
        ("2024-10-08", "2024-10-11", 5, Some(Problem::NoticeTooShort { notice: Notice::First, days: 5 })),
        ("2024-10-08", "2024-10-14", 7, None),
        ("2024-10-08", "2024-10-13", 7, Some(Problem::NoticeTooShort { notice: Notice::First, days: 7 })),
        ("2024-10-08", "2024-10-07", 5, Some(Problem::Before { field: Field::NoticeEnd, earlier: Field::NoticeStart })),
        (
            "2024-08-30",
            "2024-09-05",
            5,
            Some(Problem::Before { field: Field::NoticeStart, earlier: Field::CandidateOn }),
        ),
    ] {
        let c = Context { notice_days: days, ..ctx(&roll) };
        let result = take(&candidate, Move::Vetting { vetted: true, notice: Some(notice(start, end)) }, &c);
        assert_eq!(result.err().and_then(|p| p.into_iter().next()), expected, "{start}–{end} ({days} days)");
    }
    // The branch meeting: the day after the notice's last day is the first allowed.
    let vetted = through(candidate_steps()); // notice 2024-10-08 … 2024-10-12
    for (meeting, accepted) in [("2024-10-13", true), ("2024-10-12", false), ("2024-10-10", false)] {
        let step = Move::Probationary { meeting_on: day(meeting), approved_on: day("2024-11-10"), member: "n".into() };
        let result = take(&vetted, step, &ctx(&roll));
        assert_eq!(result.is_ok(), accepted, "{meeting}: {result:?}");
        if !accepted {
            assert_eq!(
                result.unwrap_err(),
                vec![Problem::NoticeNotOver { notice: Notice::First, from: day("2024-10-13") }]
            );
        }
    }
    // A notice recorded under a 5-day setting is too short once the committee asks for 7.
    let seven = Context { notice_days: 7, ..ctx(&roll) };
    let step = Move::Probationary { meeting_on: day("2024-10-20"), approved_on: day("2024-11-10"), member: "n".into() };
    assert_eq!(
        take(&vetted, step, &seven).unwrap_err(),
        vec![Problem::NoticeTooShort { notice: Notice::First, days: 7 }]
    );
}

#[test]
fn the_branch_meeting_needs_the_vetting_and_the_first_notice() {
    let roll = roll();
    let mut steps = activist_steps();
    steps.push(Move::Candidate { on: day("2024-09-01") });
    let bare = through(steps);
    let step = Move::Probationary { meeting_on: day("2024-10-20"), approved_on: day("2024-10-19"), member: "n".into() };
    assert_eq!(
        take(&bare, step, &ctx(&roll)).unwrap_err(),
        vec![
            Problem::Before { field: Field::ApprovedOn, earlier: Field::MeetingOn },
            Problem::NotVetted,
            Problem::NoticeMissing(Notice::First),
        ]
    );
}

#[test]
fn probation_is_a_year_from_the_approval_and_needs_the_second_notice() {
    let roll = roll();
    let probationary = through(probation_steps()); // approved 2024-11-10
    assert_eq!(probationary.full_from(), Some(day("2025-11-10")));
    assert_eq!(
        take(&probationary, Move::Full { on: day("2025-11-10") }, &ctx(&roll)).unwrap_err(),
        vec![Problem::NoticeMissing(Notice::Second)]
    );
    let noticed = through(with_second_notice()); // 2025-11-01 … 2025-11-05
    for (on, expected) in [
        ("2025-11-10", vec![]),
        ("2025-11-09", vec![Problem::TooSoon { field: Field::FullOn, earliest: day("2025-11-10") }]),
        ("2026-03-01", vec![]),
        ("2026-12-03", vec![Problem::InFuture(Field::FullOn)]),
    ] {
        let result = take(&noticed, Move::Full { on: day(on) }, &ctx(&roll));
        match expected.is_empty() {
            true => assert_eq!(result.unwrap().stage(), Stage::Full, "{on}"),
            false => assert_eq!(result.unwrap_err(), expected, "{on}"),
        }
    }
    // The second notice still running on the probation's end holds 转正 back.
    let mut steps = probation_steps();
    steps.push(Move::SecondNotice(notice("2025-11-08", "2025-11-12")));
    let late = through(steps);
    assert_eq!(
        take(&late, Move::Full { on: day("2025-11-10") }, &ctx(&roll)).unwrap_err(),
        vec![Problem::NoticeNotOver { notice: Notice::Second, from: day("2025-11-13") }]
    );
    assert!(take(&late, Move::Full { on: day("2025-11-13") }, &ctx(&roll)).is_ok());
}

#[test]
fn an_extension_is_at_most_a_year_and_only_once() {
    let roll = roll();
    let probationary = through(with_second_notice()); // probation ends 2025-11-10
    let extend = |until: &str| Move::Extend { on: day("2025-11-10"), until: day(until), reason: "考察".into() };
    for (until, expected) in [
        ("2026-11-10", None),
        ("2026-11-11", Some(Problem::ExtensionTooLong(day("2026-11-10")))),
        ("2026-05-10", None),
        ("2025-11-10", Some(Problem::ExtensionNotLater(day("2025-11-10")))),
    ] {
        let result = take(&probationary, extend(until), &ctx(&roll));
        assert_eq!(result.as_ref().err().map(|p| p[0].clone()), expected, "{until}");
    }
    let extended = take(&probationary, extend("2026-05-10"), &ctx(&roll)).unwrap();
    assert_eq!(extended.full_from(), Some(day("2026-05-10")));
    assert_eq!(take(&extended, extend("2026-06-10"), &ctx(&roll)).unwrap_err(), vec![Problem::AlreadyExtended]);
    assert_eq!(
        take(&extended, Move::Full { on: day("2026-05-09") }, &ctx(&roll)).unwrap_err(),
        vec![Problem::TooSoon { field: Field::FullOn, earliest: day("2026-05-10") }]
    );
    assert!(take(&extended, Move::Full { on: day("2026-05-10") }, &ctx(&roll)).is_ok());
    let no_reason = Move::Extend { on: day("2025-11-10"), until: day("2026-05-10"), reason: " ".into() };
    assert_eq!(take(&probationary, no_reason, &ctx(&roll)).unwrap_err(), vec![Problem::Required(Field::Reason)]);
}

#[test]
fn steps_follow_the_stages_in_order() {
    let roll = roll();
    let app = applicant();
    assert_eq!(
        take(&app, Move::Candidate { on: day("2024-09-01") }, &ctx(&roll)).unwrap_err(),
        vec![Problem::WrongStage { needs: Stage::Activist, at: Stage::Applicant }]
    );
    assert_eq!(
        take(&app, Move::Full { on: day("2026-01-01") }, &ctx(&roll)).unwrap_err(),
        vec![Problem::WrongStage { needs: Stage::Probationary, at: Stage::Applicant }]
    );
    let activist = through(activist_steps());
    let again = Move::Activist { on: day("2023-09-02"), contacts: ["m1".into(), "m2".into()] };
    assert_eq!(
        take(&activist, again, &ctx(&roll)).unwrap_err(),
        vec![Problem::WrongStage { needs: Stage::Applicant, at: Stage::Activist }]
    );
    let early = Move::Activist { on: day("2023-02-28"), contacts: ["m1".into(), "m2".into()] };
    assert_eq!(
        take(&app, early, &ctx(&roll)).unwrap_err(),
        vec![Problem::Before { field: Field::ActivistOn, earlier: Field::AppliedOn }]
    );
    let probationary = through(probation_steps());
    let cancelled =
        take(&probationary, Move::Cancel { on: day("2025-06-01"), reason: "违纪".into() }, &ctx(&roll)).unwrap();
    assert_eq!(
        take(&cancelled, Move::Full { on: day("2025-11-10") }, &ctx(&roll)).unwrap_err(),
        vec![Problem::IsCancelled]
    );
    let activist_cancel = Move::Cancel { on: day("2025-06-01"), reason: "x".into() };
    assert_eq!(
        take(&activist, activist_cancel, &ctx(&roll)).unwrap_err(),
        vec![Problem::WrongStage { needs: Stage::Probationary, at: Stage::Activist }]
    );
}

#[test]
fn the_roll_follows_the_pipeline() {
    let roll = roll();
    assert_eq!(roll_entry(&through(candidate_steps()), None), None);
    let probationary = through(probation_steps());
    let entry = roll_entry(&probationary, None).unwrap();
    assert_eq!(
        (entry.id.as_str(), entry.branch.as_str(), entry.status, entry.joined),
        ("new-m", "b1", MemberStatus::Probationary, day("2024-10-20"))
    );
    let mut edited = entry.clone();
    edited.position = "组织委员".into();
    let full = take(&through(with_second_notice()), Move::Full { on: day("2025-11-12") }, &ctx(&roll)).unwrap();
    let after = roll_entry(&full, Some(&edited)).unwrap();
    assert_eq!(
        (after.status, after.position.as_str(), after.joined),
        (MemberStatus::Full, "组织委员", day("2024-10-20"))
    );
    let cancelled =
        take(&probationary, Move::Cancel { on: day("2025-06-01"), reason: "违纪".into() }, &ctx(&roll)).unwrap();
    assert_eq!(roll_entry(&cancelled, Some(&entry)), None);
}

#[test]
fn counts_per_stage_on_a_day() {
    let roll = roll();
    let full = take(&through(with_second_notice()), Move::Full { on: day("2025-11-12") }, &ctx(&roll)).unwrap();
    let cancelled =
        take(&through(probation_steps()), Move::Cancel { on: day("2025-06-01"), reason: "违纪".into() }, &ctx(&roll))
            .unwrap();
    let people = [applicant(), through(activist_steps()), through(candidate_steps()), full, cancelled];
    let counts = stage_counts(&people, day(TODAY));
    assert_eq!((counts.by_stage, counts.cancelled, counts.total()), ([1, 1, 1, 0, 1], 1, 4));
    assert_eq!(counts.get(Stage::Full), 1);
    // A year earlier the 正式党员 was still probationary, the cancelled one too.
    let earlier = stage_counts(&people, day("2025-01-01"));
    assert_eq!((earlier.by_stage, earlier.cancelled), ([1, 1, 1, 2, 0], 0));
    // Before anyone applied.
    assert_eq!(stage_counts(&people, day("2023-02-28")).total(), 0);
}

#[test]
fn what_is_due_next_and_what_is_overdue() {
    let settings = MemberSettings::default();
    let steps = |c: &Candidate| next_steps(c, &settings).iter().map(|d| (d.step, d.from, d.by)).collect::<Vec<_>>();
    assert_eq!(steps(&applicant()), vec![(Next::Activist, Some(day("2023-03-01")), None)]);
    assert_eq!(steps(&through(activist_steps())), vec![(Next::Candidate, Some(day("2024-09-01")), None)]);
    let mut fresh = activist_steps();
    fresh.push(Move::Candidate { on: day("2024-09-01") });
    assert_eq!(
        steps(&through(fresh)),
        vec![(Next::Vetting, Some(day("2024-09-01")), None), (Next::FirstNotice, Some(day("2024-09-01")), None)]
    );
    assert_eq!(steps(&through(candidate_steps())), vec![(Next::Probationary, Some(day("2024-10-13")), None)]);
    let probationary = through(probation_steps());
    assert_eq!(
        steps(&probationary),
        vec![
            (Next::SecondNotice, Some(day("2024-11-10")), Some(day("2025-11-10"))),
            (Next::Full, Some(day("2025-11-10")), Some(day("2025-11-10"))),
        ]
    );
    // Overdue the day after the probation's end, not on it.
    assert!(overdue(&probationary, day("2025-11-10"), &settings).is_empty());
    let late: Vec<_> = overdue(&probationary, day("2025-11-11"), &settings).iter().map(|d| d.step).collect();
    assert_eq!(late, vec![Next::SecondNotice, Next::Full]);
    let noticed = through(with_second_notice());
    assert_eq!(steps(&noticed), vec![(Next::Full, Some(day("2025-11-10")), Some(day("2025-11-10")))]);
    let roll = roll();
    let full = take(&noticed, Move::Full { on: day("2025-11-12") }, &ctx(&roll)).unwrap();
    assert!(next_steps(&full, &settings).is_empty());
    assert!(overdue(&full, day(TODAY), &settings).is_empty());
}

#[test]
fn forms_read_every_field_they_need() {
    let draft = ApplicationDraft {
        branch: "b1".into(),
        name: "李四".into(),
        gender: None,
        birth: "1999-02-30".into(),
        applied_on: "".into(),
    };
    assert_eq!(
        draft.read("c9").unwrap_err(),
        vec![Problem::Invalid(Field::Birth), Problem::Required(Field::AppliedOn)]
    );
    let ok = ApplicationDraft { birth: "1999-02-28".into(), applied_on: "2026-01-05".into(), ..draft };
    assert_eq!(ok.read("c9").unwrap().gender, Gender::Male);
    let form = MoveDraft { on: "2024-10-20".into(), until: "bad".into(), ..Default::default() };
    assert_eq!(form.read(MoveKind::Probationary, "m").unwrap_err(), vec![Problem::Invalid(Field::ApprovedOn)]);
    assert_eq!(
        MoveDraft { vetted: true, ..Default::default() }.read(MoveKind::Vetting, "").unwrap(),
        Move::Vetting { vetted: true, notice: None }
    );
    let half = MoveDraft { notice_start: "2024-10-08".into(), ..Default::default() };
    assert_eq!(half.read(MoveKind::Vetting, "").unwrap_err(), vec![Problem::Required(Field::NoticeEnd)]);
    assert_eq!(
        MoveDraft::default().read(MoveKind::Extend, "").unwrap_err(),
        vec![Problem::Required(Field::ExtendedOn), Problem::Required(Field::ExtendedUntil)]
    );
    let step = MoveDraft { on: "2023-09-01".into(), contacts: [" m1 ".into(), "m2".into()], ..Default::default() }
        .read(MoveKind::Activist, "")
        .unwrap();
    assert_eq!(MoveKind::of(&step), MoveKind::Activist);
    assert_eq!(step, Move::Activist { on: day("2023-09-01"), contacts: ["m1".into(), "m2".into()] });
}

#[test]
fn the_record_round_trips_through_json() {
    let c = through(with_second_notice());
    let json = serde_json::to_string(&c).unwrap();
    let back: Candidate = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c);
    assert!(json.contains(r#""applied_on":"2023-03-01""#), "{json}");
    assert!(!json.contains("full_on"), "{json}");
}

#[test]
fn the_demo_has_every_stage_an_overdue_step_a_running_notice_and_one_ready_for_full() {
    use starbranch::domain::fixtures::{district::district, members_pipeline};
    let d = district();
    let people = members_pipeline::candidates(&d.members);
    assert_eq!(people.len(), 7, "every demo candidate passes the rules");
    let today = day(TODAY);
    let counts = stage_counts(&people, today);
    assert_eq!((counts.by_stage, counts.cancelled), ([1, 1, 1, 2, 1], 1));
    let settings = MemberSettings::default();
    let late: Vec<_> = people.iter().flat_map(|c| overdue(c, today, &settings)).map(|d| d.step).collect();
    assert_eq!(late, vec![Next::SecondNotice, Next::Full]);
    assert!(people.iter().any(|c| c.candidate.as_ref().and_then(|s| s.notice).is_some_and(|n| n.is_running(today))));
    let ready = people
        .iter()
        .filter(|c| {
            next_steps(c, &settings).iter().any(|d| d.step == Next::Full && d.is_ready(today) && !d.is_overdue(today))
        })
        .count();
    assert_eq!(ready, 1);
    let roll = members_pipeline::roll_members(&people);
    assert_eq!(
        roll.iter().map(|m| m.status).collect::<Vec<_>>(),
        [MemberStatus::Probationary, MemberStatus::Probationary, MemberStatus::Full]
    );
    assert!(roll.iter().all(|m| !d.members.iter().any(|x| x.id == m.id)), "new ids on the roll");
}
