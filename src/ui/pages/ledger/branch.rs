//! `/ledger/:branch`: one branch's month — obligations, calendar, records and attendance.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::{month_from_query, percent, state_badge, BranchPicker, MonthPicker};
use crate::domain::device::roles::Action;
use crate::domain::ledger::{self, Frequency, LedgerRecord, ObligationState};
use crate::domain::org::{Member, Org, OrgKind};
use crate::domain::values::date::{days_in_month, Date};
use crate::domain::values::period::Month;
use crate::domain::values::points::Points;
use crate::i18n::{fill, K};
use crate::store::ledger::{self as ledger_store, BranchLedger};
use crate::store::{today, StoreError};
use crate::ui::components::{col, EmptyState, Loading, StoreErrorNotice, Table as DataTable};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

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
pub(super) fn BranchLedgerView(ledger: BranchLedger, orgs: Vec<Org>, month: Month) -> impl IntoView {
    let ctx = AppContext::get();
    let today = today();
    let branch = ledger.branch.clone();
    let base = format!("/ledger/{}", branch.id);
    let may_edit = ctx.session.with_untracked(|s| s.may(Action::EditLedger(&branch.id))) && !branch.archived;
    let new_href = format!("{base}/new?date={}", ledger::default_record_date(month, today));
    let year = month.year();
    let year_records: Vec<LedgerRecord> =
        ledger.records.iter().filter(|r| r.date.year() == year.number()).cloned().collect();
    let obligations = ledger::obligations(&ledger.rules, month, &ledger.records, today);
    let month_records: Vec<LedgerRecord> =
        ledger.records.iter().filter(|r| Month::of(r.date) == month).cloned().collect();
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

pub(super) fn state_class(state: ObligationState) -> &'static str {
    match state {
        ObligationState::Done => "done",
        ObligationState::Due => "due",
        ObligationState::Overdue => "overdue",
        ObligationState::NotYetDue => "later",
    }
}

#[component]
pub(super) fn Calendar(month: Month, records: Vec<LedgerRecord>, base: String) -> impl IntoView {
    let ctx = AppContext::get();
    let (year, number) = (month.year().number(), month.number());
    let days = days_in_month(year, number);
    let offset = Date::new(year, number, 1).map_or(0, |d| usize::from(d.weekday()));
    let today = today();
    let empty = records.is_empty();
    let weekdays =
        move || ctx.t(K::LgWeekdays).split(',').map(|d| view! { <span>{d.to_string()}</span> }).collect_view();
    let cells = (1..=days)
        .map(|day| {
            let of_day: Vec<LedgerRecord> = records.iter().filter(|r| r.date.day() == day).cloned().collect();
            let is_today = today.year() == year && today.month() == number && today.day() == day;
            // Only the first day is placed: the others follow it. Empty sets nothing.
            let column = if day == 1 { (offset + 1).to_string() } else { String::new() };
            let busy = !of_day.is_empty();
            let base = base.clone();
            view! {
                <li class="cal-day" class:cal-today=is_today class:cal-busy=busy style:grid-column-start=column>
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
pub(super) fn RecordTable(records: Vec<LedgerRecord>, base: String, highlight: Month) -> impl IntoView {
    let ctx = AppContext::get();
    if records.is_empty() {
        return view! { <EmptyState message=K::LgNoRecordsYear /> }.into_any();
    }
    view! {
        <div class="table-wrap" tabindex="0">
            <DataTable
                class="ledger-records"
                testid="ledger-records"
                cols=vec![
                    col(K::LgDate),
                    col(K::LgKind).class("wide-only"),
                    col(K::LgTopic),
                    col(K::LgRate).class("num"),
                    col(K::LgAttachmentsColumn).class("num wide-only"),
                ]
            >
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
            </DataTable>
        </div>
    }
    .into_any()
}

#[component]
pub(super) fn AttendanceTable(records: Vec<LedgerRecord>, members: Vec<Member>, threshold: Points) -> impl IntoView {
    let table = ledger::attendance_by_member(&records);
    if table.is_empty() {
        return view! { <p class="hint">{tr(K::LgNoAttendance)}</p> }.into_any();
    }
    // Roll order (secretary first, then by joining), then anyone listed who has since left.
    let mut order: Vec<(String, String)> =
        ledger::roll_order(&members).into_iter().map(|m| (m.id.clone(), m.name.clone())).collect();
    for id in table.keys() {
        if !order.iter().any(|(m, _)| m == id) {
            order.push((id.clone(), id.clone()));
        }
    }
    let rows: Vec<_> = order.into_iter().filter_map(|(id, name)| Some((name, *table.get(&id)?))).collect();
    view! {
        <div class="table-wrap" tabindex="0">
            <DataTable
                class="ledger-attendance"
                testid="ledger-attendance"
                cols=vec![col(K::MemberName), col(K::LgAttendedCount).class("num"), col(K::LgAbsentCount).class("num"), col(K::LgRate).class("num")]
            >
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
            </DataTable>
        </div>
    }
    .into_any()
}
