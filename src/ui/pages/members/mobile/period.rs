//! `/members/mobile/:id`: one time away — the details, the reports, the form that files one and
//! the return (confirmed: it ends the period and restores the member's status).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::{state_line, use_mobile_data, MobileData};
use crate::domain::device::roles::Action;
use crate::domain::members::mobile::{read_date, MobileField, MobilePeriod, MobileProblem, MobileReport, ReportForm};
use crate::i18n::{fill, Locale, K};
use crate::store::mobile as mobile_store;
use crate::store::WriteError;
use crate::ui::components::{AsyncView, ConfirmDialog, Done, EmptyState, FormField, MembersTabs, NotPermitted, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text::mobile as text;

/// One mobile period.
#[component]
pub fn MobilePeriodPage() -> impl IntoView {
    let params = use_params_map();
    let data = use_mobile_data();
    let ctx = AppContext::get();
    view! {
        <section class="page">
            <MembersTabs />
            <AsyncView resource=data let:data>
                {
                    ctx.session.track();
                    let id = params.read().get("id").unwrap_or_default();
                    match data.periods.iter().find(|p| p.id == id).cloned() {
                        Some(period) => view! { <PeriodView period data /> }.into_any(),
                        None => view! {
                            <EmptyState message=K::MmNotFound>
                                <A href="/members/mobile">{tr(K::MmBack)}</A>
                            </EmptyState>
                        }
                        .into_any(),
                    }
                }
            </AsyncView>
        </section>
    }
}

/// The outcome of a write on this page, in words.
fn outcome(
    result: Result<MobilePeriod, WriteError<Vec<MobileProblem>>>,
    problems: RwSignal<Vec<MobileProblem>>,
    saved: K,
    locale: Locale,
) -> Done {
    match result {
        Ok(_) => {
            problems.set(Vec::new());
            Done::Saved(saved.text(locale).to_string())
        }
        Err(WriteError::Invalid(found)) => {
            let whole: Vec<String> =
                found.iter().filter(|p| p.field().is_none()).map(|p| text::problem(p, locale)).collect();
            problems.set(found);
            Done::Failed(format!("{} {}", K::ErrFixFields.text(locale), whole.join(" ")).trim().to_string())
        }
        Err(WriteError::Store(e)) => Done::Failed(crate::ui::text::store_error(&e, locale)),
    }
}

#[component]
fn PeriodView(period: MobilePeriod, data: MobileData) -> impl IntoView {
    let ctx = AppContext::get();
    let may_edit = ctx.session.with_untracked(|s| s.may(Action::EditMembers(&period.branch))) && period.is_open();
    let name = data.name(&period.member);
    let today = crate::store::today();
    let id = StoredValue::new(period.id.clone());
    let back = format!("/members/mobile?branch={}", period.branch);
    let status_before = crate::ui::text::member_status(period.status_before);

    let report_date = RwSignal::new(today.to_string());
    let report_form = RwSignal::new(ReportForm::Written);
    let content = RwSignal::new(String::new());
    let returned_on = RwSignal::new(today.to_string());
    let problems = RwSignal::new(Vec::<MobileProblem>::new());
    let field_error =
        move |f: MobileField| Signal::derive(move || text::field_error(&problems.get(), f, ctx.locale.get()));

    let filing = Write::new(move |(date, form, content): (String, ReportForm, String), locale: Locale| async move {
        let mut found = Vec::new();
        let result = match read_date(&date, MobileField::ReportDate, true, &mut found) {
            Some(date) => {
                let report = MobileReport { date, form, content };
                mobile_store::add_report(&db(), &id.get_value(), report, crate::store::today()).await
            }
            None => Err(WriteError::Invalid(found)),
        };
        outcome(result, problems, K::MmReportSaved, locale)
    });
    let returning = Write::new(move |date: String, locale: Locale| async move {
        let mut found = Vec::new();
        let result = match read_date(&date, MobileField::ReturnedOn, true, &mut found) {
            Some(date) => mobile_store::return_member(&db(), &id.get_value(), date, crate::store::today()).await,
            None => Err(WriteError::Invalid(found)),
        };
        outcome(result, problems, K::MmReturned, locale)
    });
    let confirm = RwSignal::new(false);
    let confirm_body = {
        let name = name.clone();
        Signal::derive(move || fill(ctx.t(K::MmReturnBody), &[&name, &returned_on.get(), ctx.t(status_before)]))
    };
    let line = {
        let p = period.clone();
        move || state_line(&p, ctx.locale.get())
    };
    let overdue = line().1;
    let detail = |label: K, value: String| {
        let value = if value.is_empty() { "—".to_string() } else { value };
        view! { <div><dt>{tr(label)}</dt><dd>{value}</dd></div> }
    };
    let mut reports = period.reports.clone();
    reports.reverse();
    let no_reports = reports.is_empty();
    view! {
        <div class="page-head">
            <h1>{tr(K::MmTitle)}<span class="subtitle">{name.clone()}</span></h1>
            <A href=back attr:class="btn">{tr(K::MmBack)}</A>
        </div>
        <p class="hint mobile-status" class:overdue=overdue data-testid="mobile-state" aria-live="polite">{move || line().0}</p>
        <section class="card">
            <dl class="facts mobile-details">
                {detail(K::MmFCertificate, period.certificate.clone())}
                {detail(K::MmFDestination, period.destination.clone())}
                {detail(K::MmFAddress, period.address.clone())}
                {detail(K::MmFLeftOn, period.left_on.to_string())}
                {detail(K::MmFExpectedReturn, period.expected_return.map(|d| d.to_string()).unwrap_or_default())}
                {detail(K::MmFContact, period.contact.clone())}
                {detail(K::MmFHostOrg, period.host_org.clone())}
            </dl>
        </section>
        <section class="card" aria-labelledby="mobile-reports">
            <h2 id="mobile-reports">{tr(K::MmReports)}</h2>
            {if no_reports {
                view! { <p class="hint">{tr(K::MmNoReports)}</p> }.into_any()
            } else {
                view! {
                    <ul class="queue-list" data-testid="mobile-reports">
                        {reports.into_iter().map(|r| view! {
                            <li><strong>{r.date.to_string()}</strong>" · "{tr(text::form(r.form))}" · "{r.content}</li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        {(!may_edit && period.is_open()).then(|| view! { <NotPermitted message=K::RoleNeedOwnBranch /> })}
        {period.is_open().then(|| view! {
            <section class="card" aria-labelledby="mobile-file">
                <h2 id="mobile-file">{tr(K::MmFileReport)}</h2>
                <form class="form" novalidate=true data-testid="mobile-report-form" on:submit=move |ev| {
                    ev.prevent_default();
                    filing.run((report_date.get_untracked(), report_form.get_untracked(), content.get_untracked()));
                }>
                    <div class="form-grid">
                        <FormField label=K::MmFReportDate id="mm-report-date" required=true error=field_error(MobileField::ReportDate)>
                            <input id="mm-report-date" type="date" max=today.to_string() aria-describedby="mm-report-date-error" bind:value=report_date />
                        </FormField>
                        <FormField label=K::MmFReportForm id="mm-report-form">
                            <select id="mm-report-form" on:change=move |ev| report_form.set(if event_target_value(&ev) == "oral" { ReportForm::Oral } else { ReportForm::Written })>
                                {ReportForm::ALL.into_iter().map(|f| view! {
                                    <option value=if f == ReportForm::Oral { "oral" } else { "written" }>{tr(text::form(f))}</option>
                                }).collect_view()}
                            </select>
                        </FormField>
                        <FormField label=K::MmFReportContent id="mm-report-content" required=true error=field_error(MobileField::ReportContent)>
                            <textarea id="mm-report-content" rows="3" aria-describedby="mm-report-content-error" bind:value=content></textarea>
                        </FormField>
                    </div>
                    <div class="actions">
                        <button type="submit" class="btn btn-primary" data-testid="mobile-report-save" disabled=move || filing.pending() || !may_edit>{tr(K::MmFileReport)}</button>
                    </div>
                </form>
            </section>
            <section class="card" aria-labelledby="mobile-return">
                <h2 id="mobile-return">{tr(K::MmReturn)}</h2>
                <form class="form" novalidate=true on:submit=move |ev| {
                    ev.prevent_default();
                    confirm.set(true);
                }>
                    <div class="form-grid">
                        <FormField label=K::MmFReturnedOn id="mm-returned" required=true error=field_error(MobileField::ReturnedOn)>
                            <input id="mm-returned" type="date" max=today.to_string() aria-describedby="mm-returned-error" bind:value=returned_on />
                        </FormField>
                    </div>
                    <div class="actions">
                        <button type="submit" class="btn" data-testid="mobile-return" disabled=move || returning.pending() || !may_edit>{tr(K::MmReturn)}</button>
                    </div>
                </form>
                <ConfirmDialog open=confirm title=K::MmReturnConfirm body=confirm_body confirm_label=K::MmReturn
                    on_confirm=Callback::new(move |_| returning.run(returned_on.get_untracked())) />
            </section>
        })}
    }
}
