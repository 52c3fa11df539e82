//! `/members/ratings/:branch[?year=2025]`: the branch's 民主评议党员 of a year on one sheet — the
//! meeting chosen among the branch's 民主评议 ledger records, a grade per member and, for 不合格,
//! the handling with a note. The whole sheet is saved through `save_review` in one transaction;
//! a refused one writes nothing and shows each problem on its member's row. Saving a sheet that
//! clears stored grades asks first.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{year_from_query, BranchFrame, Loaded, YearPicker};
use crate::domain::device::roles::Action;
use crate::domain::members::appraisal::{
    appraisal_counts, review_records, review_sheet, Appraisal, AppraisalRow, DemocraticReview, Handling,
};
use crate::domain::members::rating_problem::Field;
use crate::domain::values::period::Year;
use crate::i18n::{fill, K};
use crate::store::member_ratings::{self as ratings_store, RatingsError};
use crate::store::{self, WriteError};
use crate::ui::components::{col, ConfirmDialog, Done, EmptyState, Table, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text::member_ratings::{self as text, year_name};
use crate::ui::text::units::percent_text;

/// The page.
#[component]
pub fn AppraisalPage() -> impl IntoView {
    // The appraisal of a year is held early in the next one, so the page opens on last year.
    let last_year = Year::new(store::today().year() - 1).unwrap_or_else(|| store::this_month().year());
    let year = year_from_query(last_year);
    view! {
        <BranchFrame class="mr-appraisal-page" let:loaded>
            {move || view! { <Sheet loaded=loaded.clone() year=year.get() /> }}
        </BranchFrame>
    }
}

/// One member's row as the page holds it.
#[derive(Clone, Copy)]
struct Row {
    member: StoredValue<String>,
    name: StoredValue<String>,
    grade: RwSignal<Option<Appraisal>>,
    handling: RwSignal<Option<Handling>>,
    note: RwSignal<String>,
}

#[component]
fn Sheet(loaded: Loaded, year: Year) -> impl IntoView {
    let ctx = AppContext::get();
    let branch = loaded.branch.clone();
    let base = format!("/members/ratings/{}", branch.id);
    let may = ctx.may(Action::EditMembers(&branch.id)) && !branch.archived;
    let data = &loaded.data;
    let sheet = review_sheet(&branch.id, year, &data.roll, &data.appraisals, &data.ledger);
    let records: Vec<(String, String)> = review_records(&branch.id, year, &data.ledger)
        .into_iter()
        .map(|r| (r.id.clone(), format!("{} {}", r.date, r.topic)))
        .collect();
    let counts = appraisal_counts(&data.appraisals, &branch.id, year);
    let stored = StoredValue::new(data.appraisals.clone());
    let names = StoredValue::new(loaded.clone());
    let record = RwSignal::new(sheet.record.clone());
    let rows: Vec<Row> = sheet
        .rows
        .iter()
        .map(|r| Row {
            member: StoredValue::new(r.member.clone()),
            name: StoredValue::new(loaded.name(&r.member)),
            grade: RwSignal::new(r.grade),
            handling: RwSignal::new(r.handling),
            note: RwSignal::new(r.note.clone()),
        })
        .collect();
    let rows = StoredValue::new(rows);
    let error = RwSignal::new(None::<RatingsError>);
    let branch_id = StoredValue::new(branch.id.clone());
    let build = move || DemocraticReview {
        branch: branch_id.get_value(),
        year,
        record: record.get_untracked(),
        rows: rows.with_value(|rows| {
            rows.iter()
                .map(|r| AppraisalRow {
                    member: r.member.get_value(),
                    grade: r.grade.get_untracked(),
                    handling: r.handling.get_untracked(),
                    note: r.note.get_untracked(),
                })
                .collect()
        }),
    };
    let saving = Write::new(move |review: DemocraticReview, locale| async move {
        match ratings_store::save_review(&db(), &review, store::today()).await {
            Ok(saved) => {
                error.set(None);
                Done::Saved(fill(K::MrAppraisalSaved.text(locale), &[&saved.len().to_string()]))
            }
            Err(e) => {
                let message = names.with_value(|n| text::error(&e, &|id| n.name(id), locale));
                error.set(Some(e));
                Done::Failed(message)
            }
        }
    });
    let confirm = RwSignal::new(false);
    let clearing = RwSignal::new(0usize);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.pending_untracked() {
            return;
        }
        let review = build();
        let cleared = stored.with_value(|s| review.cleared(s)).len();
        if cleared > 0 {
            clearing.set(cleared);
            confirm.set(true);
        } else {
            saving.run(review);
        }
    };
    let on_confirm = Callback::new(move |_| saving.run(build()));
    let problems_of = move |member: Option<String>| {
        let locale = ctx.locale.get();
        let Some(WriteError::Invalid(problems)) = error.get() else { return None };
        let texts: Vec<String> = problems
            .iter()
            .filter(|p| p.member().map(str::to_string) == member)
            .filter(|p| member.is_some() || p.field() == Some(Field::Meeting) || p.field().is_none())
            .map(|p| names.with_value(|n| text::problem(p, &|id| n.name(id), locale)))
            .collect();
        (!texts.is_empty()).then(|| texts.join(" "))
    };
    let meeting_error = Signal::derive(move || problems_of(None));
    let has_records = !records.is_empty();
    let ledger_href = format!("/ledger/{}", branch.id);
    let title = {
        let name = branch.name.clone();
        move || fill(ctx.t(K::MrAppraisalTitle), &[&name, &year_name(year, ctx.locale.get())])
    };
    let no_rows = sheet.rows.is_empty();
    view! {
        <div class="page-head">
            <h1>{title}</h1>
            <YearPicker year base=base.clone() />
        </div>
        <Counts counts />
        {(!may).then(|| view! { <p class="hint" data-testid="mr-read-only">{tr(K::MrReadOnly)}</p> })}
        {if no_rows {
            view! { <EmptyState message=K::MrNoMembers /> }.into_any()
        } else {
            view! {
                <form class="card mr-sheet" on:submit=submit novalidate data-testid="mr-appraisal-form">
                    <fieldset disabled=!may>
                        <div class="field" class:field-invalid=move || meeting_error.get().is_some()>
                            <label for="mr-meeting">{tr(K::MrMeeting)}<span class="required" aria-hidden="true">" *"</span></label>
                            <select id="mr-meeting" data-testid="mr-meeting" aria-describedby="mr-meeting-error"
                                aria-invalid=move || meeting_error.get().is_some().to_string()
                                on:change=move |ev| record.set(event_target_value(&ev))>
                                <option value="" selected=record.get_untracked().is_empty()>"—"</option>
                                {records.iter().map(|(id, label)| {
                                    let selected = record.get_untracked() == *id;
                                    view! { <option value=id.clone() selected=selected>{label.clone()}</option> }
                                }).collect_view()}
                            </select>
                            <p class="field-error" id="mr-meeting-error" role="alert" aria-live="polite">{move || meeting_error.get()}</p>
                            {(!has_records).then(|| view! {
                                <p class="hint warn" data-testid="mr-no-meeting">{tr(K::MrNoMeeting)}" "<A href=ledger_href.clone()>{tr(K::MrToLedger)}</A></p>
                            })}
                        </div>
                        <div class="table-wrap" tabindex="0">
                            <Table class="table-compact mr-table" testid="mr-appraisal-table" cols=vec![col(K::MrMember), col(K::MrGrade), col(K::MrHandling), col(K::MrNote)]>
                                {rows.get_value().into_iter().map(|row| view! { <GradeRow row problems_of /> }).collect_view()}
                            </Table>
                        </div>
                    </fieldset>
                    {may.then(|| view! {
                        <div class="actions">
                            <button type="submit" class="btn btn-primary" disabled=move || saving.pending() data-testid="mr-appraisal-save">{tr(K::MrSaveAppraisal)}</button>
                        </div>
                    })}
                </form>
            }
            .into_any()
        }}
        <ConfirmDialog open=confirm title=K::MrClearTitle
            body=Signal::derive(move || fill(ctx.t(K::MrClearBody), &[&clearing.get().to_string()]))
            confirm_label=K::MrClearConfirm on_confirm />
    }
}

#[component]
fn GradeRow(
    row: Row,
    problems_of: impl Fn(Option<String>) -> Option<String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let ctx = AppContext::get();
    let member = row.member.get_value();
    let name = row.name.get_value();
    let id = format!("mr-grade-{member}");
    let error_id = format!("mr-row-error-{member}");
    let message = {
        let member = member.clone();
        Signal::derive(move || problems_of(Some(member.clone())))
    };
    let unqualified = move || row.grade.get() == Some(Appraisal::Unqualified);
    let name_for = |k: K| {
        let name = name.clone();
        move || fill(ctx.t(k), &[&name])
    };
    view! {
        <tr data-member=member.clone() class:row-invalid=move || message.get().is_some()>
            <th scope="row">
                {name.clone()}
                <p class="field-error" id=error_id.clone() aria-live="polite">{move || message.get()}</p>
            </th>
            <td>
                <select id=id aria-label=name_for(K::MrGradeFor) data-testid="mr-grade" aria-describedby=error_id.clone()
                    on:change=move |ev| row.grade.set(Appraisal::from_code(&event_target_value(&ev)))>
                    <option value="" selected=row.grade.get_untracked().is_none()>{tr(K::MrNotGraded)}</option>
                    {Appraisal::ALL.into_iter().map(|g| view! {
                        <option value=g.code() selected=row.grade.get_untracked() == Some(g)>{tr(text::grade(g))}</option>
                    }).collect_view()}
                </select>
            </td>
            <td>
                <select aria-label=name_for(K::MrHandlingFor) data-testid="mr-handling" disabled=move || !unqualified()
                    aria-invalid=move || (unqualified() && message.get().is_some()).to_string() aria-describedby=error_id.clone()
                    on:change=move |ev| row.handling.set(Handling::from_code(&event_target_value(&ev)))>
                    <option value="" selected=row.handling.get_untracked().is_none()>{tr(K::MrHandlingChoose)}</option>
                    {Handling::ALL.into_iter().map(|h| view! {
                        <option value=h.code() selected=row.handling.get_untracked() == Some(h)>{tr(text::handling(h))}</option>
                    }).collect_view()}
                </select>
            </td>
            <td>
                <input type="text" aria-label=name_for(K::MrNoteFor) data-testid="mr-note" disabled=move || !unqualified()
                    bind:value=row.note maxlength="200" />
            </td>
        </tr>
    }
}

/// The saved grades of the year: the counts per grade as a bar each, and the share 合格 or better.
#[component]
fn Counts(counts: crate::domain::members::appraisal::AppraisalCounts) -> impl IntoView {
    let ctx = AppContext::get();
    let total = counts.total();
    if total == 0 {
        return view! { <p class="hint" data-testid="mr-counts">{tr(K::MrCountsNone)}</p> }.into_any();
    }
    let share = percent_text(counts.qualified_or_better());
    view! {
        <section class="card mr-counts" aria-labelledby="mr-counts-title" data-testid="mr-counts">
            <h2 id="mr-counts-title">{tr(K::MrCountsTitle)}</h2>
            <ul class="mr-bars" aria-label=tr(K::MrGradeChart)>
                {Appraisal::ALL.into_iter().map(|g| {
                    let n = counts.of(g);
                    let width = format!("{}%", n * 100 / total);
                    view! {
                        <li class=format!("mr-bar mr-bar-{}", g.code())>
                            <span class="mr-bar-label">{tr(text::grade(g))}</span>
                            <span class="mr-bar-track" aria-hidden="true"><span class="mr-bar-fill" style:width=width></span></span>
                            <span class="mr-bar-count" data-grade=g.code()>{n}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p data-testid="mr-share">{move || fill(ctx.t(K::MrQualifiedShare), &[&share])}</p>
        </section>
    }
    .into_any()
}
