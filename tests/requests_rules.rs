//! Enterprise requests (企业有话说) as the pages use them: which step comes next and how one is
//! taken back, the 点单 and step forms read into a request with every problem at once, the
//! list's filters, and what the kiosk may show.
#![cfg(not(target_arch = "wasm32"))]

use starbranch::domain::device::kiosk::{Board, KioskSettings, PublicRequests};
use starbranch::domain::fixtures::district::district;
use starbranch::domain::rating::dataset::RatingsData;
use starbranch::domain::requests::{
    filter_requests, Accepted, Category, Field, Problem, Request, RequestDraft, RequestFilter, Status, Step, StepDraft,
    StepKind, Taken,
};
use starbranch::domain::units::unit::Unit;
use starbranch::domain::values::date::Date;
use starbranch::domain::values::period::Year;

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

fn today() -> Date {
    day("2026-12-02")
}

fn units() -> Vec<Unit> {
    district().units
}

fn raised(id: &str, unit: &str, on: &str) -> Request {
    Request::raise(id, unit, Category::Financing, "需要对接贷款贴息政策", day(on))
}

fn accepted(r: Request, on: &str) -> Request {
    Request { accepted: Some(Accepted { department: "区金融办".into(), on: day(on) }), ..r }
}

fn taken(r: Request, on: &str) -> Request {
    Request { taken: Some(Taken { by: "王建国".into(), instructor: None, on: day(on) }), ..r }
}

fn consulted(r: Request, on: &str) -> Request {
    Request { consultation: Some(Step { on: day(on), text: "联席会商".into() }), ..r }
}

fn resolved(r: Request, on: &str) -> Request {
    Request { resolved: Some(Step { on: day(on), text: "已落实贴息".into() }), ..r }
}

fn step(kind: StepKind, name: &str, text: &str, on: &str) -> StepDraft {
    StepDraft { kind, name: name.into(), instructor: None, text: text.into(), on: on.into() }
}

#[test]
fn the_next_steps_follow_the_status_and_the_last_one_can_be_taken_back() {
    let r = raised("r1", "demo-u01", "2026-11-02");
    let cases: Vec<(Request, Vec<StepKind>, Option<StepKind>)> = vec![
        (r.clone(), vec![StepKind::Accept], None),
        (accepted(r.clone(), "2026-11-03"), vec![StepKind::Take, StepKind::Consult], Some(StepKind::Accept)),
        (
            taken(accepted(r.clone(), "2026-11-03"), "2026-11-04"),
            vec![StepKind::Resolve, StepKind::Consult],
            Some(StepKind::Take),
        ),
        (consulted(accepted(r.clone(), "2026-11-03"), "2026-11-05"), vec![StepKind::Resolve], Some(StepKind::Consult)),
        (
            resolved(taken(accepted(r.clone(), "2026-11-03"), "2026-11-04"), "2026-11-09"),
            vec![],
            Some(StepKind::Resolve),
        ),
    ];
    for (request, next, last) in cases {
        assert_eq!(request.next_steps(), next, "{:?}", request.status());
        assert_eq!(request.last_step(), last, "{:?}", request.status());
    }
    let done = resolved(taken(accepted(r.clone(), "2026-11-03"), "2026-11-04"), "2026-11-09");
    assert_eq!(done.without_last_step().status(), Status::Taken);
    assert_eq!(done.without_last_step().without_last_step().without_last_step(), r);
    assert_eq!(r.without_last_step(), r);
}

#[test]
fn days_open_run_to_the_resolution_or_to_today() {
    let r = raised("r1", "demo-u01", "2026-11-02");
    assert_eq!(r.days_open(today()), 30);
    assert_eq!(resolved(taken(accepted(r.clone(), "2026-11-03"), "2026-11-04"), "2026-11-09").days_open(today()), 7);
    assert_eq!(r.days_open(day("2026-11-01")), 0, "never negative");
}

#[test]
fn status_and_step_codes_round_trip() {
    for s in Status::ALL {
        assert_eq!(Status::from_code(s.code()), Some(s));
    }
    for s in StepKind::ALL {
        assert_eq!(StepKind::from_code(s.code()), Some(s));
    }
    assert_eq!(Status::from_code("nope"), None);
}

fn read(draft: RequestDraft, base: &Request) -> Result<Request, Vec<Problem>> {
    draft.read(base, &units(), today())
}

#[test]
fn the_raise_form_reports_every_problem_at_once() {
    let base = Request::raise("new", "", Category::Other, "", today());
    let form = |unit: &str, text: &str, on: &str| RequestDraft {
        unit: unit.into(),
        category: Category::Labour,
        text: text.into(),
        raised_on: on.into(),
    };
    let cases: Vec<(RequestDraft, Vec<Problem>)> = vec![
        (
            form("", "", ""),
            vec![Problem::Required(Field::RaisedOn), Problem::Required(Field::Unit), Problem::Required(Field::Text)],
        ),
        (form("demo-u01", "招工难", "2026-13-40"), vec![Problem::InvalidDate(Field::RaisedOn)]),
        (form("demo-u01", "招工难", "2026-12-03"), vec![Problem::InFuture(Field::RaisedOn)]),
        (form("gone", "招工难", "2026-12-01"), vec![Problem::UnknownUnit("gone".into())]),
    ];
    for (draft, expected) in cases {
        assert_eq!(read(draft.clone(), &base).unwrap_err(), expected, "{draft:?}");
    }
    let saved = read(form("demo-u01", "  招工难，需要对接职业院校 ", "2026-11-20"), &base).unwrap();
    assert_eq!(
        (saved.id.as_str(), saved.unit.as_str(), saved.category, saved.text.as_str(), saved.raised_on),
        ("new", "demo-u01", Category::Labour, "招工难，需要对接职业院校", day("2026-11-20"))
    );
}

#[test]
fn correcting_a_request_keeps_its_steps_and_checks_them_against_the_new_date() {
    let base = taken(accepted(raised("r1", "demo-u01", "2026-11-02"), "2026-11-03"), "2026-11-04");
    let draft = RequestDraft { text: "贴息政策咨询".into(), ..RequestDraft::of(&base) };
    let saved = read(draft.clone(), &base).unwrap();
    assert_eq!((saved.text.as_str(), saved.taken.clone()), ("贴息政策咨询", base.taken.clone()));
    let later = RequestDraft { raised_on: "2026-11-10".into(), ..draft.clone() };
    assert_eq!(
        read(later, &base).unwrap_err(),
        vec![Problem::Before { field: Field::AcceptedOn, earlier: Field::RaisedOn }]
    );
    // An unreadable date stands in as today without blaming the steps after it.
    let cleared = RequestDraft { raised_on: "".into(), ..draft };
    assert_eq!(read(cleared, &base).unwrap_err(), vec![Problem::Required(Field::RaisedOn)]);
}

#[test]
fn a_step_form_takes_the_step_or_says_what_is_wrong() {
    let r = accepted(raised("r1", "demo-u01", "2026-11-02"), "2026-11-03");
    let apply = |request: &Request, draft: StepDraft| draft.apply(request, &units(), today());
    let cases: Vec<(Request, StepDraft, Result<Status, Vec<Problem>>)> = vec![
        (
            raised("r1", "demo-u01", "2026-11-02"),
            step(StepKind::Accept, " 区人社局 ", "", "2026-11-02"),
            Ok(Status::Accepted),
        ),
        (
            raised("r1", "demo-u01", "2026-11-02"),
            step(StepKind::Accept, "", "", "2026-11-01"),
            Err(vec![
                Problem::Required(Field::Department),
                Problem::Before { field: Field::AcceptedOn, earlier: Field::RaisedOn },
            ]),
        ),
        (r.clone(), step(StepKind::Take, "王建国", "", "2026-11-05"), Ok(Status::Taken)),
        (r.clone(), step(StepKind::Take, "王建国", "", ""), Err(vec![Problem::Required(Field::TakenOn)])),
        (r.clone(), step(StepKind::Consult, "", "", "2026-11-06"), Ok(Status::Consulting)),
        (
            r.clone(),
            step(StepKind::Resolve, "", "已办", "2026-11-06"),
            Err(vec![Problem::OutOfOrder { step: Field::ResolvedOn, needs: Field::TakenOn }]),
        ),
        (
            taken(r.clone(), "2026-11-05"),
            step(StepKind::Resolve, "", " ", "2026-11-04"),
            Err(vec![
                Problem::Required(Field::ResolutionText),
                Problem::Before { field: Field::ResolvedOn, earlier: Field::TakenOn },
            ]),
        ),
        (
            taken(r.clone(), "2026-11-05"),
            step(StepKind::Resolve, "", "已落实", "2026-12-03"),
            Err(vec![Problem::InFuture(Field::ResolvedOn)]),
        ),
        (taken(r.clone(), "2026-11-05"), step(StepKind::Resolve, "", "已落实", "2026-11-30"), Ok(Status::Resolved)),
    ];
    for (request, draft, expected) in cases {
        assert_eq!(apply(&request, draft.clone()).map(|r| r.status()), expected, "{draft:?}");
    }
    let with_instructor =
        StepDraft { instructor: Some("i7".into()), ..step(StepKind::Take, "李红", "", "2026-11-05") };
    let saved = apply(&r, with_instructor).unwrap();
    assert_eq!(saved.taken, Some(Taken { by: "李红".into(), instructor: Some("i7".into()), on: day("2026-11-05") }));
    assert_eq!(StepDraft::new(StepKind::Consult, today()).on, "2026-12-02");
}

#[test]
fn the_list_filters_by_text_status_category_and_overdue_newest_first() {
    let units = units();
    let (first, second) = (&units[0], &units[1]);
    let mut labour = accepted(raised("b", &second.id, "2026-11-25"), "2026-11-26");
    labour.category = Category::Labour;
    let all = vec![
        raised("a", &first.id, "2026-11-02"),
        labour,
        resolved(taken(accepted(raised("c", &first.id, "2026-10-01"), "2026-10-02"), "2026-10-03"), "2026-10-20"),
        raised("d", "deleted-unit", "2026-11-30"),
    ];
    let ids = |filter: RequestFilter| -> Vec<String> {
        filter_requests(&all, &units, &filter, 15, today()).into_iter().map(|r| r.id.clone()).collect()
    };
    let f = RequestFilter::default;
    let cases: Vec<(RequestFilter, Vec<&str>)> = vec![
        (f(), vec!["d", "b", "a", "c"]),
        (RequestFilter { query: first.name.to_uppercase(), ..f() }, vec!["a", "c"]),
        (RequestFilter { query: second.area.clone(), ..f() }, units_in(&units, &second.area, &all)),
        (RequestFilter { status: Some(Status::Resolved), ..f() }, vec!["c"]),
        (RequestFilter { status: Some(Status::Accepted), ..f() }, vec!["b"]),
        (RequestFilter { category: Some(Category::Labour), ..f() }, vec!["b"]),
        (RequestFilter { overdue_only: true, ..f() }, vec!["a"]),
        (RequestFilter { query: "没有这个单位".into(), ..f() }, vec![]),
    ];
    for (filter, expected) in cases {
        assert_eq!(ids(filter.clone()), expected, "{filter:?}");
    }
}

/// The ids among `all`, in list order, whose unit lies in `area`.
fn units_in<'a>(units: &[Unit], area: &str, all: &'a [Request]) -> Vec<&'a str> {
    let mut hits: Vec<&Request> =
        all.iter().filter(|r| units.iter().any(|u| u.id == r.unit && u.area.contains(area))).collect();
    hits.sort_by_key(|r| std::cmp::Reverse(r.raised_on));
    hits.into_iter().map(|r| r.id.as_str()).collect()
}

#[test]
fn the_kiosk_shows_the_years_counts_and_nothing_of_a_request() {
    assert_eq!(PublicRequests::of(&[], today()), None);
    let all = vec![
        raised("a", "demo-u01", "2026-11-02"),
        resolved(taken(accepted(raised("b", "demo-u02", "2025-12-20"), "2025-12-21"), "2025-12-22"), "2026-01-05"),
        resolved(taken(accepted(raised("c", "demo-u03", "2026-03-01"), "2026-03-02"), "2026-03-03"), "2026-03-20"),
        raised("d", "demo-u04", "2025-06-01"),
    ];
    let shown = PublicRequests::of(&all, today()).unwrap();
    assert_eq!(shown, PublicRequests { year: Year::new(2026).unwrap(), raised: 2, resolved: 2, open: 2 });
    let board = Board::build(&RatingsData::default(), KioskSettings::default(), today(), &[], &[]);
    assert_eq!(board.requests, None);
    assert_eq!(board.with_requests(&all).requests, Some(shown));
    let text = format!("{shown:?}");
    for r in &all {
        assert!(!text.contains(&r.text) && !text.contains(&r.unit), "{} leaked", r.id);
    }
}
