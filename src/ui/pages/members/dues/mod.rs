//! `/members/dues?branch=…&month=YYYY-MM`: one branch's dues for one month on one screen — the
//! roll as a grid (due, paid, paid date; Tab or Enter to the next cell; "paid in full" per row and
//! for all), saved in one transaction; the month's and the year's collection rate; the members
//! with three or more unpaid months in a row, six or more prominently; the grid as .xlsx/.csv.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::domain::device::roles::Action;
use crate::domain::files::table_export::{Cell, Table};
use crate::domain::members::dues::{
    collection_rate, read_month, unpaid_streaks, yearly_collection_rate, yuan, Dues, DuesDraft, DuesField, DuesFlag,
    RowProblem, UnpaidStreak,
};
use crate::domain::org::{Member, Org};
use crate::domain::values::period::Month;
use crate::domain::values::points::Points;
use crate::domain::values::ratio::Ratio;
use crate::i18n::{fill, Locale, K};
use crate::store::dues::{self as dues_store};
use crate::store::{orgs as org_store, StoreError, WriteError};
use crate::ui::components::{
    AsyncView, BranchSelect, Done, EmptyState, ExportButtons, MembersTabs, NotPermitted, Write,
};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text::dues as text;

/// What the page shows, read together.
#[derive(Debug, Clone, PartialEq, Default)]
struct DuesData {
    orgs: Vec<Org>,
    members: Vec<Member>,
    dues: Vec<Dues>,
}

async fn load() -> Result<DuesData, StoreError> {
    let db = db();
    Ok(DuesData {
        orgs: org_store::list_orgs(&db).await?,
        members: org_store::list_members(&db).await?,
        dues: dues_store::list_dues(&db).await?,
    })
}

/// The dues page.
#[component]
pub fn DuesPage() -> impl IntoView {
    let ctx = AppContext::get();
    let query = use_query_map();
    let data = LocalResource::new(move || {
        ctx.revision.track();
        load()
    });
    view! {
        <section class="page">
            <MembersTabs />
            <h1>{tr(K::DuTitle)}</h1>
            <p class="hint">{tr(K::DuIntro)}</p>
            <AsyncView resource=data let:data>
                {
                    ctx.session.track();
                    let q = query.read();
                    let session_branch = ctx.session.with_untracked(|s| s.branch.clone());
                    let branch = q.get("branch").filter(|b| !b.is_empty()).or(session_branch);
                    let month = q.get("month").and_then(|m| m.parse().ok()).unwrap_or_else(crate::store::this_month);
                    view! { <DuesView data branch month /> }
                }
            </AsyncView>
        </section>
    }
}

#[component]
fn DuesView(data: DuesData, branch: Option<String>, month: Month) -> impl IntoView {
    let navigate = use_navigate();
    let go = {
        let navigate = navigate.clone();
        move |branch: Option<String>, month: Month| {
            let path = match branch {
                Some(b) => format!("/members/dues?branch={b}&month={month}"),
                None => format!("/members/dues?month={month}"),
            };
            navigate(&path, Default::default());
        }
    };
    let on_pick = {
        let go = go.clone();
        Callback::new(move |id: Option<String>| go(id, month))
    };
    let on_month = {
        let branch = branch.clone();
        move |ev: leptos::ev::Event| {
            if let Ok(m) = event_target_value(&ev).parse::<Month>() {
                go(branch.clone(), m);
            }
        }
    };
    let body = match branch.clone().filter(|b| data.orgs.iter().any(|o| o.id == *b)) {
        None => view! { <EmptyState message=K::ChooseBranch /> }.into_any(),
        Some(branch) => view! { <MonthGrid data=data.clone() branch month /> }.into_any(),
    };
    view! {
        <div class="toolbar">
            <BranchSelect orgs=data.orgs.clone() current=branch label=K::KindBranch testid="dues-branch" on_pick />
            <label class="inline-field">
                <span>{tr(K::DuMonth)}</span>
                <input type="month" data-testid="dues-month" value=month.to_string() max=crate::store::this_month().to_string() on:change=on_month />
            </label>
        </div>
        {body}
    }
}

/// One row of the grid: the member and the three cells as typed.
#[derive(Clone, Copy)]
struct Row {
    due: RwSignal<String>,
    paid: RwSignal<String>,
    paid_on: RwSignal<String>,
}

#[component]
fn MonthGrid(data: DuesData, branch: String, month: Month) -> impl IntoView {
    let ctx = AppContext::get();
    let may_edit = ctx.session.with_untracked(|s| s.may(Action::EditMembers(&branch)));
    let today = crate::store::today();
    let mut roll: Vec<Member> =
        data.members.iter().filter(|m| m.branch == branch && m.status.is_active()).cloned().collect();
    // The roll's order (as on the branch page): by the day they joined.
    roll.sort_by(|a, b| (a.joined, &a.id).cmp(&(b.joined, &b.id)));
    let rows: Vec<(Member, Row)> = roll
        .iter()
        .map(|m| {
            let stored = data.dues.iter().find(|d| d.member == m.id && d.month == month);
            let draft = match stored {
                Some(d) => DuesDraft::of(d),
                // A month not entered yet starts from the member's latest earlier amount due.
                None => {
                    let last = data.dues.iter().filter(|d| d.member == m.id && d.month < month).max_by_key(|d| d.month);
                    DuesDraft {
                        member: m.id.clone(),
                        due: last.map(|d| yuan(d.due)).unwrap_or_default(),
                        ..Default::default()
                    }
                }
            };
            let row = Row {
                due: RwSignal::new(draft.due),
                paid: RwSignal::new(draft.paid),
                paid_on: RwSignal::new(draft.paid_on),
            };
            (m.clone(), row)
        })
        .collect();
    let rows = StoredValue::new(rows);
    let problems = RwSignal::new(Vec::<RowProblem>::new());
    let month_rate = collection_rate(&data.dues, &branch, month);
    let year_rate = yearly_collection_rate(&data.dues, &branch, month.year(), month);
    let streaks = unpaid_streaks(&data.dues, &branch, month);
    let names = StoredValue::new(roll.iter().map(|m| (m.id.clone(), m.name.clone())).collect::<Vec<_>>());
    let name_of = move |id: &str| {
        names.with_value(|n| n.iter().find(|(m, _)| m == id).map_or_else(|| id.to_string(), |(_, n)| n.clone()))
    };
    let branch_name = data.orgs.iter().find(|o| o.id == branch).map(|o| o.name.clone()).unwrap_or_default();
    let branch = StoredValue::new(branch);

    let drafts = move || {
        rows.with_value(|rows| {
            rows.iter()
                .map(|(m, r)| DuesDraft {
                    member: m.id.clone(),
                    due: r.due.get_untracked(),
                    paid: r.paid.get_untracked(),
                    paid_on: r.paid_on.get_untracked(),
                })
                .collect::<Vec<_>>()
        })
    };
    let saving = Write::new(move |drafts: Vec<DuesDraft>, locale: Locale| async move {
        let branch = branch.get_value();
        let result = match read_month(&drafts, &branch, month) {
            Ok(rows) => dues_store::save_month(&db(), &branch, month, rows, crate::store::today()).await,
            Err(found) => Err(WriteError::Invalid(found)),
        };
        match result {
            Ok(written) => {
                problems.set(Vec::new());
                Done::Saved(fill(K::DuSaved.text(locale), &[&written.to_string()]))
            }
            Err(WriteError::Invalid(found)) => {
                let count = found.len();
                problems.set(found);
                Done::Failed(fill(K::DuErrRows.text(locale), &[&count.to_string()]))
            }
            Err(WriteError::Store(e)) => Done::Failed(crate::ui::text::store_error(&e, locale)),
        }
    });
    let cell_error = move |member: String, field: DuesField| {
        Signal::derive(move || {
            let locale = ctx.locale.get();
            let texts: Vec<String> = problems
                .get()
                .iter()
                .filter(|p| p.member == member && p.problem.field() == field)
                .map(|p| text::problem(&p.problem, locale))
                .collect();
            (!texts.is_empty()).then(|| texts.join(" "))
        })
    };
    let pay_in_full = move |row: Row| {
        let due = row.due.get_untracked();
        if due.trim().is_empty() {
            return;
        }
        row.paid.set(due);
        if row.paid_on.get_untracked().trim().is_empty() {
            let day = if Month::of(today) == month {
                today
            } else {
                month.last_day().filter(|d| *d <= today).unwrap_or(today)
            };
            row.paid_on.set(day.to_string());
        }
    };
    let all_paid = move |_| rows.with_value(|rows| rows.iter().for_each(|(_, r)| pay_in_full(*r)));

    let export_table = Signal::derive(move || {
        let locale = ctx.locale.get();
        let amount = |text: String| Points::parse(text.trim()).map_or(Cell::Text(text), Cell::Points);
        let headers = [K::DuMember, K::DuDue, K::DuPaid, K::DuPaidOn];
        Table {
            title: format!("{} {}", K::DuTitle.text(locale), month),
            headers: headers.iter().map(|k| k.text(locale).to_string()).collect(),
            rows: rows.with_value(|rows| {
                rows.iter()
                    .map(|(m, r)| {
                        vec![
                            Cell::text(m.name.clone()),
                            amount(r.due.get()),
                            amount(r.paid.get()),
                            Cell::text(r.paid_on.get()),
                        ]
                    })
                    .collect()
            }),
        }
    });
    let export_stem = Signal::derive(move || format!("{}-{}-{month}", ctx.t(K::DuExportFile), branch_name));

    let empty = roll.is_empty();
    view! {
        <div class="cards dues-rates" data-testid="dues-rates">
            <RateCard label=K::DuRateMonth ratio=month_rate testid="dues-rate-month" />
            <RateCard label=K::DuRateYear ratio=year_rate testid="dues-rate-year" />
        </div>
        <p class="hint">{tr(K::DuRateDefinition)}</p>
        <Flagged streaks name_of />
        {(!may_edit).then(|| view! { <NotPermitted message=K::RoleNeedOwnBranch /> })}
        {if empty {
            view! { <EmptyState message=K::DuNoMembers /> }.into_any()
        } else {
            view! {
                <form class="card dues-form" novalidate=true data-testid="dues-form" on:submit=move |ev| {
                    ev.prevent_default();
                    saving.run(drafts());
                }>
                    <div class="toolbar">
                        <button type="button" class="btn" data-testid="dues-all-paid" disabled=!may_edit on:click=all_paid>{tr(K::DuAllPaid)}</button>
                        <ExportButtons table=export_table file_stem=export_stem />
                    </div>
                    <div class="table-wrap" tabindex="0">
                        <table class="table dues-grid" data-testid="dues-grid">
                            <caption class="visually-hidden">{move || format!("{} {month}", ctx.t(K::DuTitle))}</caption>
                            <thead><tr>
                                <th scope="col">{tr(K::DuMember)}</th>
                                <th scope="col">{tr(K::DuDue)}</th>
                                <th scope="col">{tr(K::DuPaid)}</th>
                                <th scope="col">{tr(K::DuPaidOn)}</th>
                                <th scope="col">{tr(K::DuQuick)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.with_value(|rows| rows.iter().map(|(m, row)| {
                                    let row = *row;
                                    let id = m.id.clone();
                                    let member_error = cell_error(m.id.clone(), DuesField::Member);
                                    let name = m.name.clone();
                                    let label = move |k: K| format!("{} {}", name, ctx.t(k));
                                    let unpaid = move || {
                                        let due = Points::parse(row.due.get().trim()).unwrap_or(Points::ZERO);
                                        let paid = Points::parse(row.paid.get().trim()).unwrap_or(Points::ZERO);
                                        due > Points::ZERO && paid < due
                                    };
                                    let full_label = { let name = m.name.clone(); move || fill(ctx.t(K::DuPaidInFullOf), &[&name]) };
                                    view! {
                                        <tr data-member=id.clone() class:dues-unpaid=unpaid>
                                            <th scope="row">{m.name.clone()}
                                                {move || unpaid().then(|| view! { <span class="badge dues-unpaid-badge">{tr(K::DuUnpaid)}</span> })}
                                            </th>
                                            <GridCell value=row.due label=label.clone()(K::DuDue) mode="decimal" error=cell_error(id.clone(), DuesField::Due) may_edit testid="due" />
                                            <GridCell value=row.paid label=label.clone()(K::DuPaid) mode="decimal" error=cell_error(id.clone(), DuesField::Paid) may_edit testid="paid" />
                                            <GridCell value=row.paid_on label=label(K::DuPaidOn) mode="date" error=cell_error(id.clone(), DuesField::PaidOn) may_edit testid="paid-on" />
                                            <td>
                                                <button type="button" class="btn btn-small" data-testid="paid-in-full" aria-label=full_label disabled=!may_edit on:click=move |_| pay_in_full(row)>{tr(K::DuPaidInFull)}</button>
                                                {move || member_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view())}
                            </tbody>
                        </table>
                    </div>
                    <div class="actions">
                        <button type="submit" class="btn btn-primary dues-save" data-testid="dues-save" disabled=move || saving.pending() || !may_edit>{tr(K::DuSave)}</button>
                    </div>
                </form>
            }
            .into_any()
        }}
    }
}

/// One editable cell; Enter moves to the next cell (the save button after the last).
#[component]
fn GridCell(
    value: RwSignal<String>,
    label: String,
    mode: &'static str,
    error: Signal<Option<String>>,
    may_edit: bool,
    testid: &'static str,
) -> impl IntoView {
    let placeholder = if mode == "date" { "YYYY-MM-DD" } else { "0.00" };
    view! {
        <td class:cell-invalid=move || error.get().is_some()>
            <input
                class="dues-input"
                type="text"
                inputmode=if mode == "date" { "numeric" } else { "decimal" }
                autocomplete="off"
                placeholder=placeholder
                aria-label=label
                aria-invalid=move || error.get().is_some().to_string()
                data-testid=testid
                readonly=!may_edit
                bind:value=value
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Enter" {
                        ev.prevent_default();
                        focus_next(&ev);
                    }
                }
            />
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </td>
    }
}

fn focus_next(ev: &leptos::ev::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let Some(current) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { return };
    let Ok(list) = document().query_selector_all(".dues-input, .dues-save") else { return };
    let items: Vec<web_sys::HtmlElement> = (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect();
    if let Some(next) = items.iter().position(|e| *e == current).and_then(|pos| items.get(pos + 1)) {
        let _ = next.focus();
    }
}

#[component]
fn RateCard(label: K, ratio: Option<Ratio>, testid: &'static str) -> impl IntoView {
    let ctx = AppContext::get();
    let money = |fen: u32| yuan(Points::from_hundredths(fen.into()));
    view! {
        <div class="card stat" data-testid=testid>
            <span class="stat-value">{move || text::rate(ratio, ctx.locale.get())}</span>
            <span class="stat-label">{tr(label)}</span>
            {ratio.map(|r| view! { <span class="hint">{move || fill(ctx.t(K::DuRateOf), &[&money(r.numerator), &money(r.denominator)])}</span> })}
        </div>
    }
}

#[component]
fn Flagged(streaks: Vec<UnpaidStreak>, name_of: impl Fn(&str) -> String + 'static) -> impl IntoView {
    let ctx = AppContext::get();
    view! {
        <section class="card" aria-labelledby="dues-flagged-title" data-testid="dues-flagged">
            <h2 id="dues-flagged-title">{tr(K::DuFlaggedTitle)}" "<span class="badge badge-open">{streaks.len()}</span></h2>
            {if streaks.is_empty() {
                view! { <p class="hint">{tr(K::DuFlaggedNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="queue-list">
                        {streaks.into_iter().map(|s| {
                            let prominent = s.flag == DuesFlag::Prominent;
                            let line = move || fill(ctx.t(K::DuFlagged), &[&s.months.to_string(), &s.first.to_string(), &s.last.to_string(), &yuan(s.outstanding)]);
                            view! {
                                <li class:dues-prominent=prominent data-testid="dues-flag" data-flag=if prominent { "prominent" } else { "flagged" }>
                                    <strong>{name_of(&s.member)}</strong>" "
                                    <span class="overdue">"⚠ "{line}</span>
                                    {prominent.then(|| view! { <p class="dues-art9">{tr(K::DuProminent)}</p> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
