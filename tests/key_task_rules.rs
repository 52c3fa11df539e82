//! Key tasks (重点工作任务) as tables: validation, points by completion date, the month's
//! indicator score and the overdue list, plus properties over random tasks.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use starbranch::domain::key_task::*;
use starbranch::domain::rating::rubric::Rubric;
use starbranch::domain::values::date::Date;
use starbranch::domain::values::period::Month;
use starbranch::domain::values::points::Points;

use TaskField as F;
use TaskOutcome::*;
use TaskProblem as P;

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

fn month(text: &str) -> Month {
    text.parse().unwrap()
}

fn p(text: &str) -> Points {
    Points::parse(text).unwrap()
}

const INDICATOR: &str = "perf.key_tasks";

fn task(id: &str, due: &str, points: &str, branches: &[&str]) -> KeyTask {
    KeyTask {
        id: id.into(),
        title: format!("任务 {id}"),
        description: "按期完成并上传佐证材料".into(),
        branches: branches.iter().map(|b| b.to_string()).collect(),
        due: date(due),
        points: p(points),
        indicator: INDICATOR.into(),
    }
}

fn done(task: &str, branch: &str, on: &str) -> Completion {
    Completion { task: task.into(), branch: branch.into(), done_on: date(on), evidence: "党委〔2026〕3号".into() }
}

// --- validation -------------------------------------------------------------------------------

const OPEN: [&str; 3] = ["b1", "b2", "b3"];

fn task_problems(edit: impl FnOnce(&mut KeyTask)) -> Vec<(TaskField, TaskProblem)> {
    let mut candidate = task("t1", "2026-03-20", "5", &["b1", "b2"]);
    edit(&mut candidate);
    match validate_task(candidate, &OPEN, &Rubric::default_rubric()) {
        Ok(_) => vec![],
        Err(problems) => problems.into_iter().map(|p| (p.field, p.problem)).collect(),
    }
}

#[test]
fn a_valid_task_is_accepted_and_trimmed() {
    let mut candidate = task("t1", "2020-01-01", "10", &["b3"]);
    candidate.title = "  安全生产月 ".into();
    let saved = validate_task(candidate, &OPEN, &Rubric::default_rubric()).unwrap();
    assert_eq!(saved.title, "安全生产月");
}

/// An edit of a valid task and the problems it should cause.
type Row = (Box<dyn FnOnce(&mut KeyTask)>, Vec<(TaskField, TaskProblem)>);

#[test]
fn task_validation_table() {
    let table: Vec<Row> = vec![
        (Box::new(|_| {}), vec![]),
        (Box::new(|t| t.title = " ".into()), vec![(F::Title, P::Required)]),
        (Box::new(|t| t.title = "题".repeat(101)), vec![(F::Title, P::TooLong(100))]),
        (Box::new(|t| t.description = String::new()), vec![]),
        (Box::new(|t| t.description = "述".repeat(2_001)), vec![(F::Description, P::TooLong(2_000))]),
        (Box::new(|t| t.branches.clear()), vec![(F::Branches, P::Required)]),
        (Box::new(|t| t.branches.push("b9".into())), vec![(F::Branches, P::NotABranch("b9".into()))]),
        (Box::new(|t| t.branches.push("b1".into())), vec![(F::Branches, P::ListedTwice("b1".into()))]),
        (Box::new(|t| t.points = p("0")), vec![(F::Points, P::NotPositive)]),
        (Box::new(|t| t.points = p("-1")), vec![(F::Points, P::NotPositive)]),
        (Box::new(|t| t.points = p("10")), vec![]),
        (Box::new(|t| t.points = p("10.01")), vec![(F::Points, P::AboveIndicatorMax(p("10")))]),
        (Box::new(|t| t.indicator = " ".into()), vec![(F::Indicator, P::Required)]),
        (Box::new(|t| t.indicator = "perf.nope".into()), vec![(F::Indicator, P::UnknownIndicator("perf.nope".into()))]),
        (
            Box::new(|t| t.indicator = "mgmt.org_life".into()),
            vec![(F::Indicator, P::NotKeyTaskIndicator("mgmt.org_life".into()))],
        ),
    ];
    for (row, (edit, expected)) in table.into_iter().enumerate() {
        assert_eq!(task_problems(edit), expected, "row {row}");
    }
}

#[test]
fn every_task_problem_at_once() {
    let got = task_problems(|t| {
        t.title.clear();
        t.branches = vec!["b9".into()];
        t.points = p("0");
    });
    assert_eq!(got, [(F::Title, P::Required), (F::Branches, P::NotABranch("b9".into())), (F::Points, P::NotPositive),]);
}

#[test]
fn completion_validation_table() {
    let assigned = task("t1", "2026-03-20", "5", &["b1", "b2"]);
    let check = |completion: Completion, expected: &[(TaskField, TaskProblem)]| {
        let got = match validate_completion(completion, &assigned, date("2026-03-25")) {
            Ok(_) => vec![],
            Err(problems) => problems.into_iter().map(|p| (p.field, p.problem)).collect(),
        };
        assert_eq!(got, expected);
    };
    check(done("t1", "b1", "2026-03-25"), &[]);
    check(done("t1", "b1", "2026-03-26"), &[(F::DoneOn, P::InFuture)]);
    check(done("t1", "b3", "2026-03-01"), &[(F::Branches, P::NotAssigned)]);
    check(done("t2", "b1", "2026-03-01"), &[(F::Branches, P::NotAssigned)]);
    let mut no_evidence = done("t1", "b2", "2026-03-01");
    no_evidence.evidence = "  ".into();
    check(no_evidence, &[(F::Evidence, P::Required)]);
    let trimmed = validate_completion(
        Completion { evidence: " 照片 ".into(), ..done("t1", "b2", "2026-03-01") },
        &assigned,
        date("2026-03-25"),
    );
    assert_eq!(trimmed.unwrap().evidence, "照片");
}

// --- points of one task -----------------------------------------------------------------------

#[test]
fn points_by_completion_date() {
    let t = task("t1", "2026-03-20", "5", &["b1"]);
    let table: &[(Option<&str>, TaskOutcome, &str)] = &[
        (Some("2026-03-01"), OnTime, "5"),
        (Some("2026-03-19"), OnTime, "5"),
        // Done on the due date: on time.
        (Some("2026-03-20"), OnTime, "5"),
        // Late by one day: half.
        (Some("2026-03-21"), Late, "2.5"),
        (Some("2026-03-31"), Late, "2.5"),
        // Not done by the end of the due month: nothing.
        (Some("2026-04-01"), Missed, "0"),
        (None, Missed, "0"),
        // Reported early (done before the month began) still counts as on time.
        (Some("2026-02-27"), OnTime, "5"),
    ];
    for &(on, outcome, points) in table {
        let completion = on.map(|d| done("t1", "b1", d));
        assert_eq!(task_outcome(&t, completion.as_ref()), outcome, "{on:?}");
        assert_eq!(task_points(&t, completion.as_ref(), month("2026-03")), p(points), "{on:?}");
    }
}

#[test]
fn half_points_round_half_up_to_the_hundredth() {
    let table = [
        ("2.25", "1.13"),
        ("2.5", "1.25"),
        ("0.05", "0.03"),
        ("0.01", "0.01"),
        ("3.33", "1.67"),
        ("9.99", "5"),
        ("10", "5"),
    ];
    for (full, half) in table {
        let t = task("t1", "2026-03-20", full, &["b1"]);
        let late = done("t1", "b1", "2026-03-21");
        assert_eq!(task_points(&t, Some(&late), month("2026-03")), p(half), "{full}");
    }
}

#[test]
fn a_task_is_scored_only_in_its_due_month() {
    let t = task("t1", "2026-03-20", "5", &["b1"]);
    let on_time = done("t1", "b1", "2026-02-10");
    assert_eq!(task_points(&t, Some(&on_time), month("2026-02")), p("0"));
    assert_eq!(task_points(&t, Some(&on_time), month("2026-03")), p("5"));
    assert_eq!(task_points(&t, Some(&on_time), month("2026-04")), p("0"));
    assert_eq!(task_points(&t, Some(&on_time), month("2027-03")), p("0"));
}

#[test]
fn a_task_due_on_the_last_day_of_a_month_cannot_be_late() {
    let t = task("t1", "2026-03-31", "5", &["b1"]);
    let next_day = done("t1", "b1", "2026-04-01");
    assert_eq!(task_outcome(&t, Some(&next_day)), Missed);
    assert_eq!(task_points(&t, Some(&next_day), month("2026-03")), p("0"));
    assert_eq!(task_points(&t, Some(&next_day), month("2026-04")), p("0"));
}

// --- the indicator's score --------------------------------------------------------------------

fn march_tasks() -> Vec<KeyTask> {
    let mut other_indicator = task("t4", "2026-03-05", "5", &["b1"]);
    other_indicator.indicator = "perf.other".into();
    vec![
        task("t2", "2026-03-25", "5", &["b1"]),
        task("t1", "2026-03-10", "3", &["b1", "b2"]),
        task("t3", "2026-04-10", "5", &["b1"]),
        other_indicator,
        task("t5", "2026-03-10", "5", &["b2"]),
    ]
}

#[test]
fn the_month_sums_the_branch_tasks_due_in_it() {
    let completions = [
        done("t1", "b1", "2026-03-12"), // late: 1.5
        done("t2", "b1", "2026-03-25"), // on the due date: 5
        done("t3", "b1", "2026-03-01"), // due in April: not this month
        done("t5", "b2", "2026-03-01"), // another branch
    ];
    let s = key_task_score(&march_tasks(), &completions, "b1", month("2026-03"), INDICATOR, p("10"));
    assert_eq!(s.points, p("6.5"));
    assert_eq!(
        s.tasks,
        [
            TaskScore { task: "t1".into(), outcome: Late, points: p("1.5") },
            TaskScore { task: "t2".into(), outcome: OnTime, points: p("5") },
        ]
    );
    let s = key_task_score(&march_tasks(), &completions, "b2", month("2026-03"), INDICATOR, p("10"));
    assert_eq!(s.points, p("5"));
    assert_eq!(s.tasks.iter().map(|t| t.outcome).collect::<Vec<_>>(), [Missed, OnTime]);
}

#[test]
fn the_sum_is_capped_at_the_indicator_maximum() {
    let tasks = [task("t1", "2026-03-10", "6", &["b1"]), task("t2", "2026-03-11", "6", &["b1"])];
    let completions = [done("t1", "b1", "2026-03-10"), done("t2", "b1", "2026-03-11")];
    let s = key_task_score(&tasks, &completions, "b1", month("2026-03"), INDICATOR, p("10"));
    assert_eq!(s.points, p("10"));
    assert_eq!(s.tasks.iter().map(|t| t.points).sum::<Points>(), p("12"));
}

#[test]
fn a_month_without_tasks_earns_the_maximum() {
    let s = key_task_score(&march_tasks(), &[], "b1", month("2026-05"), INDICATOR, p("10"));
    assert_eq!((s.points, s.tasks.len()), (p("10"), 0));
    let s = key_task_score(&march_tasks(), &[], "b3", month("2026-03"), INDICATOR, p("10"));
    assert_eq!((s.points, s.tasks.len()), (p("10"), 0));
}

#[test]
fn the_earliest_completion_counts() {
    let tasks = [task("t1", "2026-03-10", "4", &["b1"])];
    let completions = [done("t1", "b1", "2026-03-15"), done("t1", "b1", "2026-03-09")];
    let s = key_task_score(&tasks, &completions, "b1", month("2026-03"), INDICATOR, p("10"));
    assert_eq!((s.points, s.tasks[0].outcome), (p("4"), OnTime));
}

// --- overdue ----------------------------------------------------------------------------------

#[test]
fn overdue_lists_past_due_assignments_without_completion() {
    let tasks = [
        task("t2", "2026-03-25", "5", &["b1"]),
        task("t1", "2026-03-10", "3", &["b1", "b2"]),
        task("t6", "2026-03-21", "3", &["b3"]),
        task("t0", "2026-02-10", "3", &["b2"]),
    ];
    let completions = [done("t1", "b1", "2026-03-12"), done("t0", "b2", "2026-02-01")];
    let today = date("2026-03-21");
    assert_eq!(overdue(&tasks, &completions, today), [("t1".to_string(), "b2".to_string())]);
    // A day later t6 (due yesterday) joins; oldest due date first.
    let later = overdue(&tasks, &completions, date("2026-03-26"));
    let pairs: Vec<(&str, &str)> = later.iter().map(|(t, b)| (t.as_str(), b.as_str())).collect();
    assert_eq!(pairs, [("t1", "b2"), ("t6", "b3"), ("t2", "b1")]);
    assert!(overdue(&tasks, &completions, date("2026-03-10")).is_empty());
}

// --- properties -------------------------------------------------------------------------------

fn task_strategy() -> impl Strategy<Value = (KeyTask, Option<Completion>)> {
    (1_i64..=2_000, 1_u8..=12, 1_u8..=28, prop::option::of((1_u8..=12, 1_u8..=28)), any::<bool>()).prop_map(
        |(points, m, d, completion, mine)| {
            let due = Date::new(2026, m, d).unwrap().to_string();
            let id = format!("t{m}-{d}-{points}");
            let t = task(&id, &due, "1", &["b1", "b2"]);
            let t = KeyTask { points: Points::from_hundredths(points), ..t };
            let branch = if mine { "b1" } else { "b2" };
            let c = completion.map(|(cm, cd)| done(&id, branch, &Date::new(2026, cm, cd).unwrap().to_string()));
            (t, c)
        },
    )
}

proptest! {
    #[test]
    fn scores_stay_within_0_and_max(
        pairs in prop::collection::vec(task_strategy(), 0..12),
        m in 1_u8..=12,
        max in 1_i64..=2_000,
    ) {
        let (tasks, completions): (Vec<KeyTask>, Vec<Option<Completion>>) = pairs.into_iter().unzip();
        let completions: Vec<Completion> = completions.into_iter().flatten().collect();
        let max = Points::from_hundredths(max);
        let month = Month::new(2026, m).unwrap();
        let s = key_task_score(&tasks, &completions, "b1", month, INDICATOR, max);
        prop_assert!(s.points >= Points::ZERO && s.points <= max);
        let sum: Points = s.tasks.iter().map(|t| t.points).sum();
        prop_assert_eq!(s.points, if s.tasks.is_empty() { max } else { sum.min(max) });
    }

    #[test]
    fn a_task_earns_full_half_or_nothing(pair in task_strategy(), m in 1_u8..=12) {
        let (task, completion) = pair;
        let month = Month::new(2026, m).unwrap();
        let points = task_points(&task, completion.as_ref(), month);
        let half = task.points.mul_div(1, 2).unwrap();
        prop_assert!(points == Points::ZERO || points == task.points || points == half);
        // Finishing earlier never earns less.
        if let Some(c) = &completion {
            let earlier = Completion { done_on: Date::new(2026, 1, 1).unwrap(), ..c.clone() };
            prop_assert!(task_points(&task, Some(&earlier), month) >= points);
        }
    }
}

/// `task_state` is the one rule the task pages and the dashboard's overdue list both read.
#[test]
fn a_branch_task_state_on_a_given_day() {
    use starbranch::domain::key_task::{task_state, TaskState::*};
    let t = task("t1", "2026-03-20", "4", &["b1"]);
    let table: [(Option<&str>, &str, _); 7] = [
        (None, "2026-03-19", Pending),
        (None, "2026-03-20", Pending), // due today is not overdue yet
        (None, "2026-03-21", Overdue),
        (Some("2026-03-20"), "2026-04-01", OnTime),
        (Some("2026-03-25"), "2026-04-01", Late),
        (Some("2026-04-02"), "2026-04-03", TooLate),
        (Some("2026-03-01"), "2026-03-02", OnTime),
    ];
    for (done_on, today, expected) in table {
        let completion = done_on.map(|d| done("t1", "b1", d));
        assert_eq!(task_state(&t, completion.as_ref(), date(today)), expected, "done {done_on:?}, today {today}");
    }
    // The overdue list is exactly the Overdue states.
    let tasks = [t.clone(), task("t2", "2026-03-10", "2", &["b1", "b2"])];
    let completions = [done("t2", "b2", "2026-03-09")];
    assert_eq!(
        overdue(&tasks, &completions, date("2026-03-21")),
        [("t2".to_string(), "b1".to_string()), ("t1".to_string(), "b1".to_string())]
    );
}
