//! `/requests/:id`: one request — who raised it, what about, how long it has been open — its
//! progress from 点单 to 办结, the form of its next step, and for the committee the corrections:
//! its own fields, taking back the last step, deleting one raised by mistake.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::form::RequestForm;
use super::step_form::{Offered, StepForm};
use super::{days_cell, status_chip};
use crate::domain::device::roles::Action;
use crate::domain::requests::{Request, RequestDraft, StepKind};
use crate::i18n::{fill, K};
use crate::store::{self, instructors as instructor_store, requests as request_store};
use crate::ui::components::{AsyncView, ConfirmDialog, Done, EmptyState, LiangxinTabs, NotPermitted, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::{use_requests, RequestData};
use crate::ui::text::{self as text_maps, requests as text};

/// A request's page.
#[component]
pub fn RequestPage() -> impl IntoView {
    let params = use_params_map();
    let data = use_requests();
    let ctx = AppContext::get();
    // The instructors the 领单 step offers; without the pool (or if it cannot be read) a name is
    // typed instead, so the page never waits on it.
    let pool = LocalResource::new(move || async move {
        let today = store::today();
        instructor_store::load(&db())
            .await
            .map(|d| {
                d.instructors.into_iter().filter(|i| i.in_pool(today)).map(|i| (i.id, i.name)).collect::<Vec<Offered>>()
            })
            .unwrap_or_default()
    });
    view! {
        <section class="page request-page">
            <LiangxinTabs />
            <AsyncView resource=data let:data>
                {
                    ctx.session.track();
                    let id = params.read().get("id").unwrap_or_default();
                    match data.request(&id).cloned() {
                        Some(request) => view! { <RequestView request data=data.clone() pool /> }.into_any(),
                        None => view! {
                            <EmptyState message=K::RqNotFound>
                                <A href="/requests">{tr(K::RqBackToList)}</A>
                            </EmptyState>
                        }
                        .into_any(),
                    }
                }
            </AsyncView>
        </section>
    }
}

#[component]
fn RequestView(request: Request, data: RequestData, pool: LocalResource<Vec<Offered>>) -> impl IntoView {
    let ctx = AppContext::get();
    let navigate = use_navigate();
    let may_edit = ctx.session.with_untracked(|s| s.may(Action::EditUnits));
    let today = store::today();
    let unit_name = data.unit_name(&request.unit);
    let area = data.unit(&request.unit).map(|u| u.area.clone()).unwrap_or_default();
    let status = request.status();
    let editing = RwSignal::new(false);
    let confirm_undo = RwSignal::new(false);
    let confirm_delete = RwSignal::new(false);
    let mut departments: Vec<String> =
        data.requests.iter().filter_map(|r| r.accepted.as_ref().map(|a| a.department.clone())).collect();
    departments.sort();
    departments.dedup();

    let undo_name = unit_name.clone();
    let undoing = Write::new(move |request: Request, locale| {
        let name = undo_name.clone();
        async move {
            let step = request.last_step();
            match request_store::save_request(&db(), request.without_last_step(), store::today()).await {
                Ok(_) => Done::Saved(fill(
                    K::RqUndone.text(locale),
                    &[step.map_or("", |s| text::step(s).text(locale)), &name],
                )),
                Err(e) => Done::Failed(text::request_error(&e, &[], locale)),
            }
        }
    });
    let delete_name = unit_name.clone();
    let deleting = Write::new(move |id: String, locale| {
        let navigate = navigate.clone();
        let name = delete_name.clone();
        async move {
            match request_store::delete_request(&db(), &id).await {
                Ok(_) => {
                    navigate("/requests", Default::default());
                    Done::Saved(fill(K::RqDeleted.text(locale), &[&name]))
                }
                Err(e) => Done::Failed(text_maps::store_error(&e, locale)),
            }
        }
    });
    let undo = {
        let request = request.clone();
        Callback::new(move |()| undoing.run(request.clone()))
    };
    let delete = {
        let id = request.id.clone();
        Callback::new(move |()| deleting.run(id.clone()))
    };
    let undo_body = {
        let last = request.last_step();
        let before = request.without_last_step().status();
        Signal::derive(move || {
            let step = last.map_or("", |s| ctx.t(text::step(s)));
            fill(ctx.t(K::RqUndoBody), &[step, ctx.t(text::status(before))])
        })
    };
    let delete_body = {
        let name = unit_name.clone();
        Signal::derive(move || fill(ctx.t(K::RqDeleteBody), &[&name]))
    };
    let has_last = request.last_step().is_some();
    let due = request.due(data.due_days).map(|d| d.to_string()).unwrap_or_default();
    let units = data.units.clone();
    let form_units = data.units.clone();
    let form_request = request.clone();
    let step_request = request.clone();
    let step_name = unit_name.clone();

    view! {
        <div class="page-head">
            <h1>{tr(K::RqDetailTitle)}<span class="subtitle">{unit_name.clone()}</span></h1>
            <A href="/requests" attr:class="btn">{tr(K::RqBackToList)}</A>
        </div>
        {(!may_edit).then(|| view! { <NotPermitted message=K::RoleNeedAdmin /> })}
        <div class="grid-2 rq-overview">
        <section class="card rq-summary" aria-labelledby="rq-summary-title" data-testid="request-summary" data-status=status.code()>
            <h2 id="rq-summary-title" class="visually-hidden">{tr(K::RqDetailTitle)}</h2>
            <dl class="facts">
                <dt>{tr(K::RqUnit)}</dt>
                <dd>
                    <A href=format!("/units/{}", request.unit)>{unit_name.clone()}</A>
                    {(!area.is_empty()).then(|| view! { <span class="hint">" · "{area}</span> })}
                </dd>
                <dt>{tr(K::RqCategory)}</dt>
                <dd>{tr(text::category(request.category))}</dd>
                <dt>{tr(K::RqStatus)}</dt>
                <dd data-testid="request-status">{status_chip(status)}</dd>
                <dt>{tr(K::RqRaisedOn)}</dt>
                <dd>{request.raised_on.to_string()}</dd>
                <dt>{tr(K::RqDueOn)}</dt>
                <dd>{due}</dd>
                <dt>{tr(K::RqDaysOpen)}</dt>
                <dd>{days_cell(request.days_open(today), request.overdue(data.due_days, today))}</dd>
            </dl>
            <h3>{tr(K::RqText)}</h3>
            <p class="rq-text" data-testid="request-text">{request.text.clone()}</p>
        </section>
        <Timeline request=request.clone() />
        </div>
        {(may_edit && !request.next_steps().is_empty()).then(|| {
            let request = step_request.clone();
            let units = units.clone();
            let name = step_name.clone();
            let departments = departments.clone();
            // Shown once the pool is read (a moment), so the form is not drawn twice.
            move || {
                pool.get().map(|instructors| view! {
                    <StepForm request=request.clone() units=units.clone() instructors departments=departments.clone() unit_name=name.clone() />
                })
            }
        })}
        {may_edit.then(|| view! {
            <section class="card rq-corrections" aria-labelledby="rq-corrections-title">
                <h2 id="rq-corrections-title" class="visually-hidden">{tr(K::RqEdit)}</h2>
                <Show
                    when=move || editing.get()
                    fallback=move || view! {
                        <div class="actions">
                            <button type="button" class="btn" data-testid="request-edit" on:click=move |_| editing.set(true)>{tr(K::RqEdit)}</button>
                            {has_last.then(|| view! {
                                <button type="button" class="btn" data-testid="request-undo" on:click=move |_| confirm_undo.set(true) disabled=move || undoing.pending()>{tr(K::RqUndo)}</button>
                            })}
                            <button type="button" class="btn btn-danger-outline" data-testid="request-delete" on:click=move |_| confirm_delete.set(true) disabled=move || deleting.pending()>{tr(K::RqDelete)}</button>
                        </div>
                    }
                >
                    <h2>{tr(K::RqEditTitle)}</h2>
                    <RequestForm
                        draft=RequestDraft::of(&form_request)
                        base=form_request.clone()
                        units=form_units.clone()
                        is_new=false
                        on_done=Callback::new(move |()| editing.set(false))
                    />
                </Show>
            </section>
        })}
        <ConfirmDialog open=confirm_undo title=K::RqUndoTitle body=undo_body confirm_label=K::RqUndo on_confirm=undo />
        <ConfirmDialog open=confirm_delete title=K::RqDeleteTitle body=delete_body confirm_label=K::RqDelete on_confirm=delete />
    }
}

/// The steps taken, each with its day and what it says, and the one it waits for.
#[component]
fn Timeline(request: Request) -> impl IntoView {
    let ctx = AppContext::get();
    let waiting = request.next_steps().first().copied();
    let entry = |key: K, step: &'static str, on: String, detail: Option<String>, note: Option<String>| {
        view! {
            <li class="rq-step rq-step-done" data-step=step>
                <span class="rq-step-mark" aria-hidden="true"></span>
                <div class="rq-step-body">
                    <p class="rq-step-head"><strong>{tr(key)}</strong>" "<time>{on}</time></p>
                    {detail.map(|d| view! { <p class="rq-step-detail">{d}</p> })}
                    {note.filter(|n| !n.is_empty()).map(|n| view! { <p class="rq-step-note">{n}</p> })}
                </div>
            </li>
        }
    };
    let taken = request.taken.clone().map(|t| {
        let by = if t.instructor.is_some() { format!("{} · {}", t.by, ctx.t(K::RqIsInstructor)) } else { t.by };
        entry(K::RqStepTake, "take", t.on.to_string(), Some(by), None)
    });
    view! {
        <section class="card rq-timeline-card" aria-labelledby="rq-timeline-title">
            <h2 id="rq-timeline-title">{tr(K::RqTimeline)}</h2>
            <ol class="rq-timeline" data-testid="request-timeline">
                {entry(K::RqStepRaise, "raise", request.raised_on.to_string(), None, None)}
                {request.accepted.clone().map(|a| entry(K::RqStepAccept, "accept", a.on.to_string(), Some(a.department), None))}
                {taken}
                {request.consultation.clone().map(|s| entry(K::RqStepConsult, "consult", s.on.to_string(), None, Some(s.text)))}
                {request.resolved.clone().map(|s| entry(K::RqStepResolve, "resolve", s.on.to_string(), None, Some(s.text)))}
                {waiting.map(|k: StepKind| view! {
                    <li class="rq-step rq-step-waiting" data-step=k.code()>
                        <span class="rq-step-mark" aria-hidden="true"></span>
                        <div class="rq-step-body">
                            <p class="rq-step-head">{move || fill(ctx.t(K::RqWaitingFor), &[ctx.t(text::step(k))])}</p>
                        </div>
                    </li>
                })}
            </ol>
        </section>
    }
}
