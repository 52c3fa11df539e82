//! `/ledger`: every branch's obligations of a month.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{month_from_query, BranchPicker, MonthPicker};
use crate::domain::files::table_export::{Cell, Table};
use crate::domain::ledger::{self, LedgerRecord, ObligationState};
use crate::domain::org;
use crate::domain::values::period::Month;
use crate::i18n::{fill, K};
use crate::store::ledger::{self as ledger_store, LedgerOverview};
use crate::store::today;
use crate::ui::components::{col, AsyncView, EmptyState, ExportButtons, Table as DataTable};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

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
            <AsyncView resource=data let:data>
                <Overview data month=month.get() />
            </AsyncView>
        </section>
    }
}

#[component]
pub(super) fn Overview(data: LedgerOverview, month: Month) -> impl IntoView {
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
            (
                branch,
                count(ObligationState::Done),
                obligations.len(),
                count(ObligationState::Overdue),
                count(ObligationState::Due),
                in_month,
            )
        })
        .collect();
    // The month's table as a spreadsheet: done and required as two numbers (a "2/3" cell would
    // become a date in Excel).
    let export_rows: Vec<(String, usize, usize, usize, usize, usize)> = rows
        .iter()
        .map(|(b, done, required, overdue, due, in_month)| {
            (b.name.clone(), *done, *required, *overdue, *due, *in_month)
        })
        .collect();
    let export_table = Signal::derive(move || {
        let locale = ctx.locale.get();
        let headers =
            [K::Branch, K::LgDoneColumn, K::LgRequiredColumn, K::LgOverdueColumn, K::LgDueColumn, K::LgRecordsInMonth];
        let count = |n: usize| Cell::Number(n as f64);
        Table {
            title: format!(
                "{} {}",
                K::ExportFileLedger.text(locale),
                text::period(crate::domain::values::period::Period::Month(month), locale)
            ),
            headers: headers.iter().map(|k| k.text(locale).to_string()).collect(),
            rows: export_rows
                .iter()
                .map(|(name, done, required, overdue, due, in_month)| {
                    vec![
                        Cell::text(name),
                        count(*done),
                        count(*required),
                        count(*overdue),
                        count(*due),
                        count(*in_month),
                    ]
                })
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
            <DataTable
                testid="ledger-overview-table"
                caption=Signal::derive(move || text::period(crate::domain::values::period::Period::Month(month), ctx.locale.get()))
                cols=vec![
                    col(K::Branch),
                    col(K::LgDoneColumn).class("num"),
                    col(K::LgOverdueColumn).class("num"),
                    col(K::LgDueColumn).class("num wide-only"),
                    col(K::LgRecordsInMonth).class("num wide-only"),
                ]
            >
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
            </DataTable>
        </div>
    }
    .into_any()
}
