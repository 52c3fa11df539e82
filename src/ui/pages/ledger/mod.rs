//! The e-ledger (电子台账): every branch's month at a glance (`/ledger`), one branch's month,
//! calendar, records and attendance (`/ledger/:branch`), and the record form with attendance,
//! minutes and attachments (`/ledger/:branch/new`, `/ledger/:branch/:record`).
//!
//! What is due, done or overdue comes from [`ledger::obligations`] under the active rubric's
//! ledger rules; attendance from [`ledger::attendance_by_member`]. Files are shown through object
//! URLs, each revoked when the form goes away.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use wasm_bindgen::JsCast;

use crate::domain::values::date::{days_in_month, Date};
use crate::domain::device::roles::Action;
use crate::domain::ledger::{
    self, Absence, AttachmentProblem, Frequency, LedgerField, LedgerProblem, LedgerProblems, LedgerRecord, MeetingKind,
    ObligationState, MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES, MAX_MINUTES_CHARS, MAX_SHORT_TEXT_CHARS, MAX_TOPIC_CHARS,
};
use crate::domain::org::{self, Member, Org, OrgKind};
use crate::domain::values::period::Month;
use crate::domain::values::points::Points;
use crate::i18n::{fill, Locale, K};
use crate::store::ledger::{self as ledger_store, BranchLedger, LedgerError, LedgerOverview, NewAttachment, StoredAttachment};
use crate::store::{new_id, today, StoreError};
use crate::domain::files::table_export::{Cell, Table};
use crate::ui::components::{BranchSelect, ConfirmDialog, EmptyState, ExportButtons, FormField, Loading, NotPermitted, StoreErrorNotice};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

fn state_key(state: ObligationState) -> K {
    match state {
        ObligationState::Done => K::LgStateDone,
        ObligationState::Due => K::LgStateDue,
        ObligationState::Overdue => K::LgStateOverdue,
        ObligationState::NotYetDue => K::LgStateNotYetDue,
    }
}

/// The state as a word with an icon, so it never rests on colour alone.
fn state_badge(state: ObligationState) -> impl IntoView {
    let (class, icon) = match state {
        ObligationState::Done => ("ob-badge ob-done", "✓"),
        ObligationState::Due => ("ob-badge ob-due", "○"),
        ObligationState::Overdue => ("ob-badge ob-overdue", "!"),
        ObligationState::NotYetDue => ("ob-badge ob-later", "…"),
    };
    view! {
        <span class=class>
            <span class="ob-icon" aria-hidden="true">{icon}</span>
            {tr(state_key(state))}
        </span>
    }
}

/// A file size as people read it: `340 KB`, `1.3 MB`, `5 MB`. Rounded up, so a file just over
/// a limit never reads as the limit itself.
pub fn file_size(bytes: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    let b = bytes as f64;
    if b >= MB {
        let text = format!("{:.1}", (b / MB * 10.0).ceil() / 10.0);
        format!("{} MB", text.strip_suffix(".0").unwrap_or(&text))
    } else {
        format!("{} KB", ((b / 1024.0).ceil() as u64).max(1))
    }
}

fn percent(rate: Option<Points>) -> String {
    rate.map_or_else(|| "—".to_string(), |p| format!("{p}%"))
}



fn month_from_query() -> Memo<Month> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("month").and_then(|m| m.parse().ok()).unwrap_or_else(crate::store::this_month))
}

/// Month picker: previous and next as links, any month through the input.
#[component]
fn MonthPicker(month: Month, base: String) -> impl IntoView {
    let navigate = use_navigate();
    let href = {
        let base = base.clone();
        move |m: Option<Month>| m.map(|m| format!("{base}?month={m}"))
    };
    let previous = href(month.previous());
    let next = href(month.next());
    let on_change = move |ev: leptos::ev::Event| {
        if let Ok(m) = event_target_value(&ev).parse::<Month>() {
            navigate(&format!("{base}?month={m}"), Default::default());
        }
    };
    view! {
        <div class="month-picker">
            {previous.map(|href| view! { <A href=href attr:class="btn" attr:aria-label=tr(K::LgPrevMonth)>"‹"</A> })}
            <label class="inline-field">
                <span>{tr(K::Month)}</span>
                <input type="month" value=month.to_string() on:change=on_change data-testid="ledger-month" />
            </label>
            {next.map(|href| view! { <A href=href attr:class="btn" attr:aria-label=tr(K::LgNextMonth)>"›"</A> })}
        </div>
    }
}

/// Branch picker: opens the chosen branch's ledger in the same month.
#[component]
fn BranchPicker(orgs: Vec<Org>, current: Option<String>, month: Month) -> impl IntoView {
    let navigate = use_navigate();
    let on_pick = Callback::new(move |id: Option<String>| {
        let path = match id {
            None => format!("/ledger?month={month}"),
            Some(id) => format!("/ledger/{id}?month={month}"),
        };
        navigate(&path, Default::default());
    });
    view! { <BranchSelect orgs current label=K::Branch testid="ledger-branch-picker" on_pick /> }
}

// ── /ledger ──────────────────────────────────────────────────────────────────────────────────

/// The page at `/ledger?month=…`: every branch's obligations of the month.
#[component]
pub fn LedgerOverviewPage() -> impl IntoView {
    let ctx = AppContext::get();
    let month = month_from_query();
    let data = LocalResource::new(move || {
        ctx.revision.track();
        async move { ledger_store::load_overview(&db()).await }
    });
    view! {
        <section class="page" data-testid="ledger-overview">
            <header class="page-intro">
                <h1>{tr(K::NavLedger)}</h1>
                <p class="hint">{tr(K::LgIntro)}</p>
            </header>
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <StoreErrorNotice error /> }.into_any(),
                Some(Ok(data)) => view! { <Overview data month=month.get() /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Overview(data: LedgerOverview, month: Month) -> impl IntoView {
    let ctx = AppContext::get();
    let today = today();
    let list = org::open_branches(&data.orgs);
    if list.is_empty() {
        return view! { <EmptyState message=K::LgNoBranches /> }.into_any();
    }
    let rows: Vec<_> = list
        .into_iter()
        .map(|branch| {
            let records: Vec<LedgerRecord> = data.records.iter().filter(|r| r.branch == branch.id).cloned().collect();
            let obligations = ledger::obligations(&data.rules, month, &records, today);
            let count = |state: ObligationState| obligations.iter().filter(|o| o.state == state).count();
            let in_month = records.iter().filter(|r| Month::of(r.date) == month).count();
            (branch, count(ObligationState::Done), obligations.len(), count(ObligationState::Overdue), count(ObligationState::Due), in_month)
        })
        .collect();
    // The month's table as a spreadsheet: done and required as two numbers (a "2/3" cell would
    // become a date in Excel).
    let export_rows: Vec<(String, usize, usize, usize, usize, usize)> =
        rows.iter().map(|(b, done, required, overdue, due, in_month)| (b.name.clone(), *done, *required, *overdue, *due, *in_month)).collect();
    let export_table = Signal::derive(move || {
        let locale = ctx.locale.get();
        let headers = [K::Branch, K::LgDoneColumn, K::LgRequiredColumn, K::LgOverdueColumn, K::LgDueColumn, K::LgRecordsInMonth];
        let count = |n: usize| Cell::Number(n as f64);
        Table {
            title: format!("{} {}", K::ExportFileLedger.text(locale), text::period(crate::domain::values::period::Period::Month(month), locale)),
            headers: headers.iter().map(|k| k.text(locale).to_string()).collect(),
            rows: export_rows
                .iter()
                .map(|(name, done, required, overdue, due, in_month)| vec![Cell::text(name), count(*done), count(*required), count(*overdue), count(*due), count(*in_month)])
                .collect(),
        }
    });
    let export_stem = Signal::derive(move || format!("{}-{month}", ctx.t(K::ExportFileLedger)));
    view! {
        <div class="toolbar">
            <BranchPicker orgs=data.orgs.clone() current=None month />
            <MonthPicker month base="/ledger".to_string() />
            <ExportButtons table=export_table file_stem=export_stem />
        </div>
        <div class="table-wrap" tabindex="0">
            <table class="table" data-testid="ledger-overview-table">
                <caption class="visually-hidden">{move || text::period(crate::domain::values::period::Period::Month(month), ctx.locale.get())}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(K::Branch)}</th>
                        <th scope="col" class="num">{tr(K::LgDoneColumn)}</th>
                        <th scope="col" class="num">{tr(K::LgOverdueColumn)}</th>
                        <th scope="col" class="num wide-only">{tr(K::LgDueColumn)}</th>
                        <th scope="col" class="num wide-only">{tr(K::LgRecordsInMonth)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(branch, done, required, overdue, due, in_month)| {
                            let href = format!("/ledger/{}?month={month}", branch.id);
                            let name = branch.name.clone();
                            let label = move || fill(ctx.t(K::LgOpenLedgerOf), &[&name]);
                            view! {
                                <tr>
                                    <td class="nowrap"><A href=href attr:aria-label=label>{branch.name.clone()}</A></td>
                                    <td class="num">{format!("{done}/{required}")}</td>
                                    <td class="num">
                                        {if overdue > 0 {
                                            view! {
                                                <span class="ob-badge ob-overdue">
                                                    <span class="ob-icon" aria-hidden="true">"!"</span>
                                                    {overdue}" "{tr(K::LgStateOverdue)}
                                                </span>
                                            }
                                                .into_any()
                                        } else {
                                            view! { <span>"0"</span> }.into_any()
                                        }}
                                    </td>
                                    <td class="num wide-only">{due}</td>
                                    <td class="num wide-only">{in_month}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

// ── /ledger/:branch ──────────────────────────────────────────────────────────────────────────

/// The page at `/ledger/:branch?month=…`.
#[component]
pub fn BranchLedgerPage() -> impl IntoView {
    let ctx = AppContext::get();
    let params = use_params_map();
    let month = month_from_query();
    let data = LocalResource::new(move || {
        ctx.revision.track();
        let branch = params.read().get("branch").unwrap_or_default();
        async move {
            let db = db();
            let ledger = ledger_store::load_branch(&db, &branch).await?;
            let orgs = crate::store::orgs::list_orgs(&db).await?;
            Ok::<_, StoreError>((ledger, orgs))
        }
    });
    move || {
        // A role switch re-renders the page with the new role's actions.
        ctx.session.track();
        match data.get() {
        None => view! { <section class="page"><Loading /></section> }.into_any(),
        Some(Err(error)) => view! { <section class="page"><StoreErrorNotice error /></section> }.into_any(),
        Some(Ok((Some(ledger), orgs))) if ledger.branch.kind == OrgKind::Branch => {
            view! { <BranchLedgerView ledger orgs month=month.get() /> }.into_any()
        }
        Some(Ok(_)) => view! {
            <section class="page">
                <h1>{tr(K::NavLedger)}</h1>
                <EmptyState message=K::OrgNotFound>
                    <A href="/ledger" attr:class="btn">{tr(K::LgAllBranches)}</A>
                </EmptyState>
            </section>
        }
        .into_any(),
    }
    }
}

#[component]
fn BranchLedgerView(ledger: BranchLedger, orgs: Vec<Org>, month: Month) -> impl IntoView {
    let ctx = AppContext::get();
    let today = today();
    let branch = ledger.branch.clone();
    let base = format!("/ledger/{}", branch.id);
    let may_edit = ctx.session.with_untracked(|s| s.may(Action::EditLedger(&branch.id))) && !branch.archived;
    let new_href = format!("{base}/new?date={}", ledger::default_record_date(month, today));
    let year = month.year();
    let year_records: Vec<LedgerRecord> = ledger.records.iter().filter(|r| r.date.year() == year.number()).cloned().collect();
    let obligations = ledger::obligations(&ledger.rules, month, &ledger.records, today);
    let month_records: Vec<LedgerRecord> = ledger.records.iter().filter(|r| Month::of(r.date) == month).cloned().collect();
    let threshold = ledger.rules.threshold();
    let records_by_id = StoredValue::new(ledger.records.clone());
    let month_name = move || text::period(crate::domain::values::period::Period::Month(month), ctx.locale.get());
    let year_text = year.to_string();
    let year_text2 = year_text.clone();

    let obligation_items = obligations
        .into_iter()
        .map(|o| {
            let window = (o.frequency != Frequency::Monthly).then(|| (o.window.first.to_string(), o.window.last.to_string()));
            let held: Vec<LedgerRecord> = records_by_id.with_value(|all| o.held.iter().filter_map(|id| all.iter().find(|r| &r.id == id).cloned()).collect());
            let record_href = format!("{base}/new?kind={}&date={}", o.kind.code(), ledger::default_record_date(month, today));
            let can_record = matches!(o.state, ObligationState::Due | ObligationState::Overdue) && may_edit;
            let kind = o.kind;
            view! {
                <li class=format!("ob ob-state-{}", state_class(o.state)) data-kind=o.kind.code()>
                    {state_badge(o.state)}
                    <span class="ob-kind">{tr(text::meeting_kind(o.kind))}</span>
                    <span class="ob-freq">
                        {tr(text::frequency(o.frequency))}
                        {window.map(|(first, last)| view! { " · "{move || fill(ctx.t(K::LgPeriodWindow), &[&first, &last])} })}
                    </span>
                    <span class="ob-held">
                        {if held.is_empty() {
                            view! { <span class="hint">{tr(K::LgNotHeldYet)}</span> }.into_any()
                        } else {
                            held.into_iter()
                                .map(|r| {
                                    let href = format!("{base}/{}", r.id);
                                    view! { <A href=href attr:class="ob-record">{r.date.to_string()}" "{r.topic.clone()}</A> }
                                })
                                .collect_view()
                                .into_any()
                        }}
                        {can_record.then(|| view! {
                            <A href=record_href attr:class="btn btn-small" attr:aria-label=move || format!("{} · {}", ctx.t(K::LgNewRecord), ctx.t(text::meeting_kind(kind)))>
                                "+ "{tr(K::LgNewRecord)}
                            </A>
                        })}
                    </span>
                </li>
            }
        })
        .collect_view();
    let no_obligations = ledger.rules.frequencies.is_empty();

    view! {
        <section class="page" data-testid="ledger-branch">
            <div class="page-head">
                <h1>{tr(K::NavLedger)}<span class="subtitle">{branch.name.clone()}</span></h1>
                <div class="head-actions">
                    {may_edit.then(|| view! { <A href=new_href attr:class="btn btn-primary">"+ "{tr(K::LgNewRecord)}</A> })}
                    <A href=format!("/ledger?month={month}") attr:class="btn">{tr(K::LgAllBranches)}</A>
                </div>
            </div>
            <div class="toolbar">
                <BranchPicker orgs current=Some(branch.id.clone()) month />
                <MonthPicker month base=base.clone() />
            </div>
            {branch.archived.then(|| view! { <p class="notice" role="status">{tr(K::LgBranchUnavailable)}</p> })}
            <div class="ledger-month">
                <section class="card" aria-labelledby="ledger-obligations">
                    <h2 id="ledger-obligations">{tr(K::LgObligationsTitle)}<span class="subtitle">{month_name}</span></h2>
                    <p class="hint">{tr(K::LgObligationsHint)}</p>
                    {if no_obligations {
                        view! { <p class="hint">{tr(K::LgNoObligations)}</p> }.into_any()
                    } else {
                        view! { <ul class="obligations" data-testid="obligations">{obligation_items}</ul> }.into_any()
                    }}
                </section>
                <section class="card" aria-labelledby="ledger-calendar">
                    <h2 id="ledger-calendar">{tr(K::LgCalendarTitle)}<span class="subtitle">{month_name}</span></h2>
                    <Calendar month records=month_records base=base.clone() />
                </section>
            </div>
            <section class="card" aria-labelledby="ledger-records">
                <h2 id="ledger-records">{move || fill(ctx.t(K::LgRecordsTitle), &[&year_text])}</h2>
                <RecordTable records=year_records.clone() base=base.clone() highlight=month />
            </section>
            <section class="card" aria-labelledby="ledger-attendance">
                <h2 id="ledger-attendance">{move || fill(ctx.t(K::LgAttendanceTitle), &[&year_text2])}</h2>
                <p class="hint">{move || fill(ctx.t(K::LgAttendanceTableHint), &[&threshold.to_string()])}</p>
                <AttendanceTable records=year_records members=ledger.members threshold />
            </section>
        </section>
    }
}

fn state_class(state: ObligationState) -> &'static str {
    match state {
        ObligationState::Done => "done",
        ObligationState::Due => "due",
        ObligationState::Overdue => "overdue",
        ObligationState::NotYetDue => "later",
    }
}

#[component]
fn Calendar(month: Month, records: Vec<LedgerRecord>, base: String) -> impl IntoView {
    let ctx = AppContext::get();
    let (year, number) = (month.year().number(), month.number());
    let days = days_in_month(year, number);
    let offset = Date::new(year, number, 1).map_or(0, |d| usize::from(d.weekday()));
    let today = today();
    let empty = records.is_empty();
    let weekdays = move || ctx.t(K::LgWeekdays).split(',').map(|d| view! { <span>{d.to_string()}</span> }).collect_view();
    let cells = (1..=days)
        .map(|day| {
            let of_day: Vec<LedgerRecord> = records.iter().filter(|r| r.date.day() == day).cloned().collect();
            let is_today = today.year() == year && today.month() == number && today.day() == day;
            let style = (day == 1).then(|| format!("grid-column-start: {}", offset + 1));
            let busy = !of_day.is_empty();
            let base = base.clone();
            view! {
                <li class="cal-day" class:cal-today=is_today class:cal-busy=busy style=style>
                    <span class="cal-date">{day}</span>
                    {of_day
                        .into_iter()
                        .map(|r| {
                            let href = format!("{base}/{}", r.id);
                            let kind = r.kind;
                            let date = r.date.to_string();
                            let topic = r.topic.clone();
                            let label = move || format!("{date} {}:{topic}", ctx.t(text::meeting_kind(kind)));
                            view! {
                                <A href=href attr:class=format!("cal-record kind-{}", r.kind.code()) attr:aria-label=label attr:title=r.topic.clone()>
                                    <span class="cal-record-text">{tr(text::meeting_kind(r.kind))}</span>
                                </A>
                            }
                        })
                        .collect_view()}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="ledger-cal-head" aria-hidden="true">{weekdays}</div>
        <ol class="ledger-cal" data-testid="ledger-calendar">{cells}</ol>
        {empty.then(|| view! { <p class="hint">{tr(K::LgNoRecordsMonth)}</p> })}
    }
}

#[component]
fn RecordTable(records: Vec<LedgerRecord>, base: String, highlight: Month) -> impl IntoView {
    let ctx = AppContext::get();
    if records.is_empty() {
        return view! { <EmptyState message=K::LgNoRecordsYear /> }.into_any();
    }
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="table ledger-records" data-testid="ledger-records">
                <thead>
                    <tr>
                        <th scope="col">{tr(K::LgDate)}</th>
                        <th scope="col" class="wide-only">{tr(K::LgKind)}</th>
                        <th scope="col">{tr(K::LgTopic)}</th>
                        <th scope="col" class="num">{tr(K::LgRate)}</th>
                        <th scope="col" class="num wide-only">{tr(K::LgAttachmentsColumn)}</th>
                    </tr>
                </thead>
                <tbody>
                    {records
                        .into_iter()
                        .map(|r| {
                            let href = format!("{base}/{}", r.id);
                            let topic = r.topic.clone();
                            let label = move || fill(ctx.t(K::LgOpenRecordOf), &[&topic]);
                            let rate = ledger::attendance_rate(&r);
                            let counts = format!("{}/{}", r.attendees.len(), r.attendees.len() + r.absentees.len());
                            view! {
                                <tr class:in-month=Month::of(r.date) == highlight>
                                    <td class="nowrap">
                                        {r.date.to_string()}
                                        <span class="narrow-only hint">{tr(text::meeting_kind(r.kind))}</span>
                                    </td>
                                    <td class="wide-only">{tr(text::meeting_kind(r.kind))}</td>
                                    <td class="topic"><A href=href attr:aria-label=label>{r.topic.clone()}</A></td>
                                    <td class="num">{percent(rate)}<span class="hint rate-counts">" ("{counts}")"</span></td>
                                    <td class="num wide-only">{r.attachments.len()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn AttendanceTable(records: Vec<LedgerRecord>, members: Vec<Member>, threshold: Points) -> impl IntoView {
    let table = ledger::attendance_by_member(&records);
    if table.is_empty() {
        return view! { <p class="hint">{tr(K::LgNoAttendance)}</p> }.into_any();
    }
    // Roll order (secretary first, then by joining), then anyone listed who has since left.
    let mut order: Vec<(String, String)> = ledger::roll_order(&members).into_iter().map(|m| (m.id.clone(), m.name.clone())).collect();
    for id in table.keys() {
        if !order.iter().any(|(m, _)| m == id) {
            order.push((id.clone(), id.clone()));
        }
    }
    let rows: Vec<_> = order.into_iter().filter_map(|(id, name)| Some((name, *table.get(&id)?))).collect();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="table ledger-attendance" data-testid="ledger-attendance">
                <thead>
                    <tr>
                        <th scope="col">{tr(K::MemberName)}</th>
                        <th scope="col" class="num">{tr(K::LgAttendedCount)}</th>
                        <th scope="col" class="num">{tr(K::LgAbsentCount)}</th>
                        <th scope="col" class="num">{tr(K::LgRate)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(name, tally)| {
                            let rate = tally.rate();
                            let low = rate.is_some_and(|r| r < threshold);
                            view! {
                                <tr>
                                    <td class="nowrap">{name}</td>
                                    <td class="num">{tally.attended}</td>
                                    <td class="num">{tally.absent}</td>
                                    <td class="num" class:rate-low=low>
                                        {percent(rate)}
                                        {low.then(|| view! { <span class="rate-flag">" ▼ "{tr(K::LgBelowThreshold)}</span> })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

// ── /ledger/:branch/new, /ledger/:branch/:record ─────────────────────────────────────────────

type FormData = (Option<BranchLedger>, Option<LedgerRecord>, Vec<StoredAttachment>);

/// The record form at `/ledger/:branch/new?date=&kind=` and `/ledger/:branch/:record`.
#[component]
pub fn RecordPage() -> impl IntoView {
    let params = use_params_map();
    // Not tied to the revision counter: a write elsewhere must not reset a form being filled in.
    let data = LocalResource::new(move || {
        let branch = params.read().get("branch").unwrap_or_default();
        let record = params.read().get("record").unwrap_or_default();
        async move {
            let db = db();
            let ledger = ledger_store::load_branch(&db, &branch).await?;
            if record == "new" {
                return Ok::<FormData, StoreError>((ledger, None, Vec::new()));
            }
            let stored = ledger_store::get_record(&db, &record).await?.filter(|r| r.branch == branch);
            let files = match &stored {
                Some(_) => ledger_store::record_attachments(&db, &record).await?,
                None => Vec::new(),
            };
            Ok((ledger, stored, files))
        }
    });
    let ctx = AppContext::get();
    move || {
        // A role switch re-renders the form with the new role's rights.
        ctx.session.track();
        let is_new = params.read().get("record").as_deref() == Some("new");
        match data.get() {
            None => view! { <section class="page"><Loading /></section> }.into_any(),
            Some(Err(error)) => view! { <section class="page"><StoreErrorNotice error /></section> }.into_any(),
            Some(Ok((Some(ledger), record, files))) if ledger.branch.kind == OrgKind::Branch && (is_new || record.is_some()) => {
                view! { <RecordForm ledger record files /> }.into_any()
            }
            Some(Ok((ledger, _, _))) => {
                let message = if ledger.is_some() { K::LgRecordNotFound } else { K::OrgNotFound };
                let back = ledger.map_or_else(|| "/ledger".to_string(), |l| format!("/ledger/{}", l.branch.id));
                view! {
                    <section class="page">
                        <h1>{tr(K::NavLedger)}</h1>
                        <EmptyState message>
                            <A href=back attr:class="btn">{tr(K::NavLedger)}</A>
                        </EmptyState>
                    </section>
                }
                .into_any()
            }
        }
    }
}

/// One member's line in the attendance list.
#[derive(Clone)]
struct RollRow {
    id: String,
    name: String,
    on_roll: bool,
    present: RwSignal<bool>,
    absent: RwSignal<bool>,
    reason: RwSignal<String>,
}

/// A file shown in the form: stored, or chosen and waiting for Save.
#[derive(Clone, Debug, PartialEq)]
struct FileItem {
    id: String,
    name: String,
    mime: String,
    size: u64,
    url: String,
    pending: bool,
}

impl FileItem {
    fn is_image(&self) -> bool {
        self.mime.to_ascii_lowercase().starts_with("image/")
    }
}

fn object_url(blob: &web_sys::Blob) -> String {
    web_sys::Url::create_object_url_with_blob(blob).unwrap_or_default()
}

fn revoke(url: &str) {
    if !url.is_empty() {
        let _ = web_sys::Url::revoke_object_url(url);
    }
}

/// The sentence for a file that cannot be attached.
fn attachment_problem(name: &str, problem: &AttachmentProblem, locale: Locale) -> String {
    match problem {
        AttachmentProblem::Empty => fill(K::LgErrFileEmpty.text(locale), &[name]),
        AttachmentProblem::TooLarge { size, max } => fill(K::LgErrFileTooLarge.text(locale), &[name, &file_size(*size), &file_size(*max)]),
        AttachmentProblem::UnsupportedType(mime) => {
            let mime = if mime.trim().is_empty() { "?" } else { mime.as_str() };
            fill(K::LgErrFileType.text(locale), &[name, mime])
        }
    }
}

/// The sentence for one ledger problem; members and files are named, not shown by id.
fn problem_text(field: LedgerField, problem: &LedgerProblem, member: &dyn Fn(&str) -> String, file: &dyn Fn(&str) -> String, locale: Locale) -> String {
    let with = |key: K, arg: &str| fill(key.text(locale), &[arg]);
    match problem {
        LedgerProblem::Required if field == LedgerField::Attendees => K::LgErrAttendeesRequired.text(locale).to_string(),
        LedgerProblem::Required => K::ErrRequired.text(locale).to_string(),
        LedgerProblem::TooLong(max) => with(K::ErrTooLong, &max.to_string()),
        LedgerProblem::InFuture => K::ErrInFuture.text(locale).to_string(),
        LedgerProblem::NotAMember(id) => with(K::LgErrNotAMember, &member(id)),
        LedgerProblem::ListedTwice(id) => with(K::LgErrListedTwice, &member(id)),
        LedgerProblem::PresentAndAbsent(id) => with(K::LgErrPresentAndAbsent, &member(id)),
        LedgerProblem::ReasonRequired(id) => with(K::LgErrReasonRequired, &member(id)),
        LedgerProblem::TooMany(max) => with(K::LgErrTooMany, &max.to_string()),
        LedgerProblem::Attachment { id, problem } => attachment_problem(&file(id), problem, locale),
        LedgerProblem::DuplicateAttachment(id) => with(K::LgErrDuplicateFile, &file(id)),
    }
}

/// Moves focus to the first field marked invalid, once the marks are drawn, so a long form
/// saved from its bottom shows what to fix.
fn focus_first_problem() {
    request_animation_frame(|| {
        let selector = ".field-invalid input:not([type=checkbox]), .field-invalid select, .field-invalid textarea, \
                        .roll.field-invalid input, .field-invalid .file-button input";
        let Ok(Some(element)) = document().query_selector(selector) else { return };
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    });
}

#[component]
fn RecordForm(ledger: BranchLedger, record: Option<LedgerRecord>, files: Vec<StoredAttachment>) -> impl IntoView {
    let ctx = AppContext::get();
    let navigate = use_navigate();
    let query = use_query_map();
    let is_new = record.is_none();
    let branch = ledger.branch.clone();
    let base = format!("/ledger/{}", branch.id);

    let start = record.clone().unwrap_or_else(|| {
        let q = query.read_untracked();
        LedgerRecord {
            id: new_id(),
            branch: branch.id.clone(),
            date: q.get("date").and_then(|d| d.parse().ok()).unwrap_or_else(today),
            kind: q.get("kind").and_then(|k| MeetingKind::from_code(&k)).unwrap_or(MeetingKind::CommitteeMeeting),
            topic: String::new(),
            place: String::new(),
            host: String::new(),
            attendees: Vec::new(),
            absentees: Vec::new(),
            minutes: String::new(),
            attachments: Vec::new(),
        }
    });
    let back = format!("{base}?month={}", Month::of(start.date));
    let date = RwSignal::new(start.date.to_string());
    let kind = RwSignal::new(start.kind);
    let topic = RwSignal::new(start.topic.clone());
    let place = RwSignal::new(start.place.clone());
    let host = RwSignal::new(start.host.clone());
    let minutes = RwSignal::new(start.minutes.clone());

    let rows: Vec<RollRow> = ledger::roll_call(&ledger.members, &start.attendees, &start.absentees)
        .into_iter()
        .map(|entry| RollRow {
            id: entry.id,
            name: entry.name,
            on_roll: entry.on_roll,
            present: RwSignal::new(false),
            absent: RwSignal::new(false),
            reason: RwSignal::new(String::new()),
        })
        .collect();
    for row in &rows {
        row.present.set(start.attendees.contains(&row.id));
        if let Some(absence) = start.absentees.iter().find(|a| a.member == row.id) {
            row.absent.set(true);
            row.reason.set(absence.reason.clone());
        }
    }
    let rows = StoredValue::new(rows);
    let names = StoredValue::new(rows.with_value(|r| r.iter().map(|r| (r.id.clone(), r.name.clone())).collect::<Vec<_>>()));
    let member_name = move |id: &str| names.with_value(|n| n.iter().find(|(m, _)| m == id).map(|(_, name)| name.clone()).unwrap_or_else(|| id.to_string()));

    // Files: object URLs are made once and revoked when they leave the list or the form goes.
    let urls = StoredValue::new(Vec::<String>::new());
    let initial: Vec<FileItem> = files
        .iter()
        .map(|f| {
            let url = object_url(&f.blob);
            urls.update_value(|u| u.push(url.clone()));
            FileItem { id: f.meta.id.clone(), name: f.meta.name.clone(), mime: f.meta.mime.clone(), size: f.meta.size, url, pending: false }
        })
        .collect();
    let file_list = RwSignal::new(initial);
    let pending = StoredValue::new_local(Vec::<NewAttachment>::new());
    let removed = RwSignal::new(Vec::<String>::new());
    let all_file_names = StoredValue::new(files.iter().map(|f| (f.meta.id.clone(), f.meta.name.clone())).collect::<Vec<_>>());
    on_cleanup(move || {
        urls.with_value(|list| list.iter().for_each(|u| revoke(u)));
    });

    let problems = RwSignal::new(LedgerProblems::new());
    let date_problem = RwSignal::new(None::<K>);
    let pick_notes = RwSignal::new(Vec::<(String, AttachmentProblem)>::new());
    let too_many = RwSignal::new(false);
    let branch_gone = RwSignal::new(false);
    let saving = RwSignal::new(false);

    let field_error = move |field: LedgerField| {
        Signal::derive(move || {
            let locale = ctx.locale.get();
            let file_name = |id: &str| all_file_names.with_value(|n| n.iter().find(|(f, _)| f == id).map(|(_, name)| name.clone()).unwrap_or_else(|| id.to_string()));
            let mut texts: Vec<String> = problems.with(|list| {
                list.iter()
                    .filter(|p| p.field == field || (field == LedgerField::Attendees && p.field == LedgerField::Absentees))
                    .map(|p| problem_text(p.field, &p.problem, &member_name, &file_name, locale))
                    .collect()
            });
            if field == LedgerField::Date {
                if let Some(key) = date_problem.get() {
                    texts.insert(0, key.text(locale).to_string());
                }
            }
            if field == LedgerField::Attachments {
                texts.extend(pick_notes.get().iter().map(|(name, p)| attachment_problem(name, p, locale)));
                if too_many.get() {
                    texts.push(fill(K::LgErrTooMany.text(locale), &[&MAX_ATTACHMENTS.to_string()]));
                }
            }
            (!texts.is_empty()).then(|| texts.join(" "))
        })
    };

    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(list) = input.files() else { return };
        let mut notes = Vec::new();
        let mut over = false;
        for i in 0..list.length() {
            let Some(file) = list.item(i) else { continue };
            let (name, mime, size) = (file.name(), file.type_(), file.size() as u64);
            if let Err(problem) = ledger::check_attachment(size, &mime) {
                notes.push((name, problem));
                continue;
            }
            if file_list.with_untracked(Vec::len) >= MAX_ATTACHMENTS {
                over = true;
                break;
            }
            let blob: web_sys::Blob = file.into();
            let url = object_url(&blob);
            urls.update_value(|u| u.push(url.clone()));
            let id = new_id();
            all_file_names.update_value(|n| n.push((id.clone(), name.clone())));
            file_list.update(|l| l.push(FileItem { id: id.clone(), name: name.clone(), mime: mime.clone(), size, url, pending: true }));
            pending.update_value(|p| p.push(NewAttachment { id, name, mime, blob }));
        }
        pick_notes.set(notes);
        too_many.set(over);
        // Lets the same file be chosen again after removing it.
        input.set_value("");
    };
    let remove_file = move |item: FileItem| {
        file_list.update(|l| l.retain(|f| f.id != item.id));
        if item.pending {
            pending.update_value(|p| p.retain(|f| f.id != item.id));
        } else {
            removed.update(|r| r.push(item.id.clone()));
        }
        revoke(&item.url);
        urls.update_value(|u| u.retain(|x| *x != item.url));
        too_many.set(false);
    };

    let (record_id, record_branch) = (start.id.clone(), start.branch.clone());
    let build = move || {
        let (attendees, absentees) = rows.with_value(|rows| {
            let attendees: Vec<String> = rows.iter().filter(|r| r.present.get_untracked()).map(|r| r.id.clone()).collect();
            let absentees: Vec<Absence> = rows
                .iter()
                .filter(|r| !r.present.get_untracked() && r.absent.get_untracked())
                .map(|r| Absence { member: r.id.clone(), reason: r.reason.get_untracked() })
                .collect();
            (attendees, absentees)
        });
        LedgerRecord {
            id: record_id.clone(),
            branch: record_branch.clone(),
            date: start.date,
            kind: kind.get_untracked(),
            topic: topic.get_untracked(),
            place: place.get_untracked(),
            host: host.get_untracked(),
            attendees,
            absentees,
            minutes: minutes.get_untracked(),
            attachments: Vec::new(),
        }
    };

    let save = {
        let navigate = navigate.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if saving.get_untracked() {
                return;
            }
            let locale = ctx.locale.get_untracked();
            let mut candidate = build();
            let text = date.get_untracked();
            let parsed = text.trim().parse::<Date>();
            branch_gone.set(false);
            match parsed {
                Ok(d) => {
                    candidate.date = d;
                    date_problem.set(None);
                }
                Err(_) => {
                    // Every other problem is shown too, from the same rule the store applies.
                    date_problem.set(Some(if text.trim().is_empty() { K::ErrRequired } else { K::ErrInvalidDate }));
                    let roll: Vec<String> = rows.with_value(|r| r.iter().map(|r| r.id.clone()).collect());
                    candidate.date = today();
                    problems.set(ledger::validate_record(candidate, &roll, today()).err().unwrap_or_default());
                    ctx.failure(K::ErrFixFields.text(locale).to_string());
                    focus_first_problem();
                    return;
                }
            }
            let added = pending.with_value(|p| p.clone());
            let dropped = removed.get_untracked();
            let navigate = navigate.clone();
            saving.set(true);
            spawn_local(async move {
                let result = ledger_store::save_record(&db(), candidate, added, &dropped, today()).await;
                saving.set(false);
                match result {
                    Ok(saved) => {
                        problems.set(Vec::new());
                        ctx.success(fill(K::LgSaved.text(locale), &[&saved.topic]));
                        ctx.changed();
                        let month = Month::of(saved.date);
                        navigate(&format!("/ledger/{}?month={month}", saved.branch), Default::default());
                    }
                    Err(LedgerError::Invalid(found)) => {
                        problems.set(found);
                        ctx.failure(K::ErrFixFields.text(locale).to_string());
                        focus_first_problem();
                    }
                    Err(LedgerError::BranchUnavailable) => {
                        branch_gone.set(true);
                        ctx.failure(K::LgBranchUnavailable.text(locale).to_string());
                    }
                    Err(LedgerError::Store(error)) => ctx.failure(text::store_error(&error, locale)),
                }
            });
        }
    };

    let confirm_open = RwSignal::new(false);
    let delete_body = {
        let topic = start.topic.clone();
        let day = start.date.to_string();
        let count = files.len();
        Signal::derive(move || fill(ctx.t(K::LgDeleteBody), &[&topic, &day, &count.to_string()]))
    };
    let on_delete = {
        let id = start.id.clone();
        let back = back.clone();
        Callback::new(move |_: ()| {
            let id = id.clone();
            let back = back.clone();
            let navigate = navigate.clone();
            spawn_local(async move {
                let locale = ctx.locale.get_untracked();
                match ledger_store::delete_record(&db(), &id).await {
                    Ok(deleted) => {
                        ctx.success(fill(K::LgDeleted.text(locale), &[&deleted.topic]));
                        ctx.changed();
                        navigate(&back, Default::default());
                    }
                    Err(error) => ctx.failure(text::store_error(&error, locale)),
                }
            });
        })
    };

    let all_present = move |_| {
        rows.with_value(|rows| {
            for row in rows.iter().filter(|r| r.on_roll) {
                row.present.set(true);
                row.absent.set(false);
            }
        })
    };
    let summary = move || {
        let (present, absent) = rows.with_value(|rows| {
            (rows.iter().filter(|r| r.present.get()).count(), rows.iter().filter(|r| !r.present.get() && r.absent.get()).count())
        });
        let rate = ledger::attendance_share(present, absent);
        fill(ctx.t(K::LgPresentCount), &[&present.to_string(), &absent.to_string(), &percent(rate)])
    };
    let attendance_error = field_error(LedgerField::Attendees);
    let attachments_error = field_error(LedgerField::Attachments);
    let title = if is_new { K::LgNewRecordTitle } else { K::LgEditRecordTitle };
    let accept = ledger::ATTACHMENT_TYPES.join(",");
    let has_roll = rows.with_value(|r| !r.is_empty());
    let may_edit = ctx.session.with_untracked(|s| s.may(Action::EditLedger(&branch.id)));
    let archived = branch.archived;

    view! {
        <section class="page" data-testid="ledger-record">
            <div class="page-head">
                <h1>{tr(title)}<span class="subtitle">{branch.name.clone()}</span></h1>
                <A href=back.clone() attr:class="btn">{tr(K::NavLedger)}</A>
            </div>
            {move || (archived || branch_gone.get()).then(|| view! { <p class="notice notice-error" role="alert">{tr(K::LgBranchUnavailable)}</p> })}
            {(!may_edit).then(|| view! { <NotPermitted message=K::RoleNeedOwnBranch /> })}
            <form class="page" on:submit=save novalidate=true data-testid="ledger-form">
                <section class="card">
                    <div class="form-grid">
                        <FormField label=K::LgDate id="ledger-date" error=field_error(LedgerField::Date) required=true>
                            <input id="ledger-date" type="date" bind:value=date aria-describedby="ledger-date-error" max=today().to_string() />
                        </FormField>
                        <FormField label=K::LgKind id="ledger-kind">
                            <select id="ledger-kind" on:change=move |ev| {
                                if let Some(k) = MeetingKind::from_code(&event_target_value(&ev)) {
                                    kind.set(k);
                                }
                            }>
                                {MeetingKind::ALL
                                    .into_iter()
                                    .map(|k| view! { <option value=k.code() selected=move || kind.get() == k>{tr(text::meeting_kind(k))}</option> })
                                    .collect_view()}
                            </select>
                        </FormField>
                    </div>
                    <FormField label=K::LgTopic id="ledger-topic" error=field_error(LedgerField::Topic) required=true>
                        <input id="ledger-topic" type="text" bind:value=topic aria-describedby="ledger-topic-error" maxlength=MAX_TOPIC_CHARS.to_string() autocomplete="off" />
                    </FormField>
                    <div class="form-grid">
                        <FormField label=K::LgPlace id="ledger-place" error=field_error(LedgerField::Place)>
                            <input id="ledger-place" type="text" bind:value=place aria-describedby="ledger-place-error" maxlength=MAX_SHORT_TEXT_CHARS.to_string() />
                        </FormField>
                        <FormField label=K::LgHost id="ledger-host" error=field_error(LedgerField::Host)>
                            <input id="ledger-host" type="text" bind:value=host aria-describedby="ledger-host-error" maxlength=MAX_SHORT_TEXT_CHARS.to_string() />
                        </FormField>
                    </div>
                </section>

                <fieldset class="card roll" class:field-invalid=move || attendance_error.get().is_some() aria-describedby="ledger-attendance-hint ledger-attendance-error">
                    <legend>{tr(K::LgAttendance)}<span class="required" aria-hidden="true">" *"</span></legend>
                    <p class="hint" id="ledger-attendance-hint">{tr(K::LgAttendanceHint)}</p>
                    {if has_roll {
                        view! {
                            <div class="roll-head">
                                <button type="button" class="btn btn-small" on:click=all_present data-testid="all-present">{tr(K::LgAllPresent)}</button>
                                <span class="roll-summary" aria-live="polite">{summary}</span>
                            </div>
                            <ul class="roll-list" data-testid="roll">
                                {rows.get_value().into_iter().map(|row| view! { <RollLine row /> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    } else {
                        view! { <EmptyState message=K::LgNoMembers /> }.into_any()
                    }}
                    <p class="field-error" id="ledger-attendance-error" role="alert" aria-live="polite">{move || attendance_error.get()}</p>
                </fieldset>

                <section class="card">
                    <FormField label=K::LgMinutes id="ledger-minutes" error=field_error(LedgerField::Minutes)>
                        <textarea id="ledger-minutes" rows="8" bind:value=minutes aria-describedby="ledger-minutes-error" maxlength=MAX_MINUTES_CHARS.to_string()></textarea>
                    </FormField>
                </section>

                <section class="card" class:field-invalid=move || attachments_error.get().is_some() aria-labelledby="ledger-files-title">
                    <h2 id="ledger-files-title">{tr(K::LgAttachments)}</h2>
                    <p class="hint" id="ledger-files-hint">
                        {move || fill(ctx.t(K::LgAttachHint), &[&file_size(MAX_ATTACHMENT_BYTES), &MAX_ATTACHMENTS.to_string()])}
                    </p>
                    <label class="btn file-button">
                        "+ "{tr(K::LgChooseFiles)}
                        <input type="file" class="visually-hidden" multiple=true accept=accept on:change=on_pick
                            aria-describedby="ledger-files-hint ledger-files-error" data-testid="ledger-files" />
                    </label>
                    <p class="field-error" id="ledger-files-error" role="alert" aria-live="polite">{move || attachments_error.get()}</p>
                    <Show when=move || !file_list.with(Vec::is_empty) fallback=|| view! { <p class="hint">{tr(K::LgNoAttachments)}</p> }>
                        <ul class="file-list" data-testid="attachments">
                            <For each=move || file_list.get() key=|f| f.id.clone() let(item)>
                                <FileCard item=item.clone() on_remove=Callback::new(move |_: ()| remove_file(item.clone())) />
                            </For>
                        </ul>
                    </Show>
                </section>

                <div class="actions sticky-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || saving.get() || archived || !may_edit data-testid="ledger-save">{tr(K::Save)}</button>
                    <A href=back.clone() attr:class="btn">{tr(K::Cancel)}</A>
                    {(!is_new && may_edit).then(|| view! {
                        <button type="button" class="btn btn-danger-outline push-end" on:click=move |_| confirm_open.set(true) data-testid="ledger-delete">
                            {tr(K::LgDelete)}
                        </button>
                    })}
                </div>
            </form>
            <ConfirmDialog open=confirm_open title=K::LgDeleteTitle body=delete_body confirm_label=K::LgDelete on_confirm=on_delete />
        </section>
    }
}

#[component]
fn RollLine(row: RollRow) -> impl IntoView {
    let ctx = AppContext::get();
    let present_id = format!("present-{}", row.id);
    let present_for = present_id.clone();
    let absent_id = format!("absent-{}", row.id);
    let reason_id = format!("reason-{}", row.id);
    let name = row.name.clone();
    let name_for_absent = name.clone();
    let name_for_reason = name.clone();
    let (present, absent, reason) = (row.present, row.absent, row.reason);
    view! {
        <li class="roll-line" class:is-present=move || present.get() class:is-absent=move || !present.get() && absent.get()>
            <label class="check" for=present_for>
                <input id=present_id type="checkbox" bind:checked=present on:change=move |_| {
                    if present.get_untracked() {
                        absent.set(false);
                    }
                } />
                <span class="roll-name">{name}</span>
                {(!row.on_roll).then(|| view! { <span class="badge badge-muted">{tr(K::LgNotOnRoll)}</span> })}
            </label>
            <Show when=move || !present.get()>
                <label class="check check-absent" for=absent_id.clone()>
                    <input id=absent_id.clone() type="checkbox" bind:checked=absent
                        aria-label={
                            let name = name_for_absent.clone();
                            move || fill(ctx.t(K::LgAbsentOf), &[&name])
                        } />
                    <span aria-hidden="true">{tr(K::LgAbsent)}</span>
                </label>
            </Show>
            <Show when=move || !present.get() && absent.get()>
                <input id=reason_id.clone() type="text" class="roll-reason" bind:value=reason
                    placeholder=move || ctx.t(K::LgReasonPlaceholder)
                    aria-label={
                        let name = name_for_reason.clone();
                        move || fill(ctx.t(K::LgReasonOf), &[&name])
                    } />
            </Show>
        </li>
    }
}

#[component]
fn FileCard(item: FileItem, on_remove: Callback<()>) -> impl IntoView {
    let ctx = AppContext::get();
    let name = item.name.clone();
    let (n1, n2, n3) = (name.clone(), name.clone(), name.clone());
    let kind_label = if item.is_image() { None } else { Some(item.mime.rsplit('/').next().unwrap_or("file").to_ascii_uppercase()) };
    view! {
        <li class="file-card" class:file-pending=item.pending data-testid="attachment">
            {match kind_label {
                None => view! {
                    <a class="file-thumb" href=item.url.clone() target="_blank" rel="noopener" aria-label=move || fill(ctx.t(K::LgViewImageOf), &[&n1])>
                        <img src=item.url.clone() alt=name.clone() loading="lazy" />
                    </a>
                }
                .into_any(),
                Some(label) => view! { <span class="file-thumb file-icon" aria-hidden="true">{label}</span> }.into_any(),
            }}
            <span class="file-meta">
                <span class="file-name" title=name.clone()>{name.clone()}</span>
                <span class="hint">
                    {file_size(item.size)}
                    {item.pending.then(|| view! { " · "<span class="file-unsaved">{tr(K::LgUnsaved)}</span> })}
                </span>
            </span>
            <span class="file-actions">
                <a class="btn btn-small" href=item.url.clone() download=name.clone() aria-label=move || fill(ctx.t(K::LgDownloadOf), &[&n2])>{tr(K::LgDownload)}</a>
                <button type="button" class="btn btn-small btn-danger-outline" on:click=move |_| on_remove.run(()) aria-label=move || fill(ctx.t(K::LgRemoveFileOf), &[&n3])>
                    {tr(K::Remove)}
                </button>
            </span>
        </li>
    }
}
