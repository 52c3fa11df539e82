//! `/members/pipeline/:id`: one person's way through the pipeline — the steps recorded with their
//! dates, what may come next from when and by when, and the form of the next step. A refused step
//! shows every problem at its field and writes nothing; 预备党员 puts the person on the roll and
//! 转正 makes them a full member, in the same transaction (`store::pipeline::take_step`).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::{use_pipeline, PipelineView};
use crate::domain::device::roles::Action;
use crate::domain::members::pipeline::{next_steps, Candidate, Field, Problem, Stage};
use crate::domain::members::pipeline_draft::{MoveDraft, MoveKind};
use crate::domain::org::MemberStatus;
use crate::i18n::{fill, K};
use crate::store::{self, pipeline as pipeline_store};
use crate::ui::components::{AsyncView, Done, EmptyState, FormField, MembersTabs, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text::pipeline as text;

/// The page.
#[component]
pub fn PipelinePerson() -> impl IntoView {
    let data = use_pipeline();
    let params = use_params_map();
    view! {
        <section class="page members-page">
            <MembersTabs />
            <AsyncView resource=data let:data>
                {move || {
                    let id = params.read().get("id").unwrap_or_default();
                    match data.candidates.iter().find(|c| c.id == id).cloned() {
                        Some(candidate) => view! { <Person data=data.clone() candidate /> }.into_any(),
                        None => view! { <EmptyState message=K::PlNotFound /> }.into_any(),
                    }
                }}
            </AsyncView>
        </section>
    }
}

/// The steps that may be taken at a stage, in the order offered.
fn kinds(candidate: &Candidate) -> Vec<MoveKind> {
    if candidate.cancelled.is_some() {
        return Vec::new();
    }
    match candidate.stage() {
        Stage::Applicant => vec![MoveKind::Activist],
        Stage::Activist => vec![MoveKind::Candidate],
        Stage::Candidate => vec![MoveKind::Vetting, MoveKind::Probationary],
        Stage::Probationary => vec![MoveKind::SecondNotice, MoveKind::Full, MoveKind::Extend, MoveKind::Cancel],
        Stage::Full => Vec::new(),
    }
}

/// The field a kind's first date is.
fn on_field(kind: MoveKind) -> Field {
    match kind {
        MoveKind::Activist => Field::ActivistOn,
        MoveKind::Candidate => Field::CandidateOn,
        MoveKind::Probationary => Field::MeetingOn,
        MoveKind::Extend => Field::ExtendedOn,
        MoveKind::Full => Field::FullOn,
        MoveKind::Cancel => Field::CancelledOn,
        MoveKind::Vetting | MoveKind::SecondNotice => Field::NoticeStart,
    }
}

#[component]
fn Person(data: PipelineView, candidate: Candidate) -> impl IntoView {
    let ctx = AppContext::get();
    let today = store::today();
    let steps = next_steps(&candidate, &data.settings);
    let branch_name = data.branch_name(&candidate.branch);
    let may = ctx.may(Action::EditMembers(&candidate.branch)) || ctx.may(Action::EditOrgs);
    let on_roll = candidate.member.as_ref().and_then(|id| data.members.iter().find(|m| &m.id == id)).cloned();
    let c = candidate.clone();
    let notice_text = move |n: crate::domain::members::pipeline::PublicNotice| {
        fill(ctx.t(K::PlNoticeRange), &[&n.start.to_string(), &n.end.to_string()])
    };
    view! {
        <div class="page-head">
            <h1>{candidate.name.clone()}</h1>
            <A href=format!("/members/pipeline?branch={}", candidate.branch) attr:class="btn">{tr(K::PlBack)}</A>
        </div>
        <p class="hint">
            {branch_name}" · "
            {if candidate.cancelled.is_some() {
                view! { <span class="badge badge-muted" data-testid="pl-stage">{tr(K::PlCancelledBadge)}</span> }.into_any()
            } else {
                view! { <span class="chip" data-testid="pl-stage">{tr(text::stage(candidate.stage()))}</span> }.into_any()
            }}
            {on_roll.map(|m| view! {
                " · "
                <A href=format!("/orgs/{}", m.branch) attr:data-testid="pl-on-roll">{tr(K::PlOnRoll)}</A>
            })}
        </p>
        <div class="grid-2">
            <section class="card" aria-labelledby="pl-timeline">
                <h2 id="pl-timeline">{tr(K::PlTimeline)}</h2>
                <dl class="pl-timeline" data-testid="pl-timeline">
                    <dt>{tr(K::PlStageApplicant)}</dt>
                    <dd>{c.applied_on.to_string()}</dd>
                    {c.activist.clone().map(|a| {
                        let names: Vec<String> = a.contacts.iter().map(|id| data.members.iter().find(|m| &m.id == id).map_or(id.clone(), |m| m.name.clone())).collect();
                        view! {
                            <dt>{tr(K::PlStageActivist)}</dt>
                            <dd>{a.on.to_string()}" · "{tr(K::PlFieldContacts)}{tr(K::ColonSep)}{move || crate::ui::text::join_list(&names, ctx.locale.get())}</dd>
                        }
                    })}
                    {c.candidate.clone().map(|s| view! {
                        <dt>{tr(K::PlStageCandidate)}</dt>
                        <dd>
                            {s.on.to_string()}" · "
                            {tr(if s.vetted { K::PlVettedDone } else { K::PlVettedOpen })}
                            {s.notice.map(|n| format!(" · {}", notice_text(n)))}
                        </dd>
                    })}
                    {c.probation.clone().map(|p| view! {
                        <dt>{tr(K::PlStageProbationary)}</dt>
                        <dd>
                            {p.meeting_on.to_string()}" / "{p.approved_on.to_string()}
                            {p.notice.map(|n| format!(" · {}", notice_text(n)))}
                            {p.extension.map(|e| view! { " · "{move || fill(ctx.t(K::PlExtendedTo), &[&e.until.to_string(), &e.reason])}})}
                        </dd>
                    })}
                    {c.full_on.map(|d| view! { <dt>{tr(K::PlStageFull)}</dt><dd>{d.to_string()}</dd> })}
                    {c.cancelled.clone().map(|x| view! { <dt>{tr(K::PlCancelledBadge)}</dt><dd>{x.on.to_string()}{tr(K::ColonSep)}{x.reason}</dd> })}
                </dl>
            </section>
            <section class="card" aria-labelledby="pl-next">
                <h2 id="pl-next">{tr(K::PlNextTitle)}</h2>
                {if steps.is_empty() {
                    view! { <p data-testid="pl-next-list">{tr(K::PlNothingNext)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="pl-next" data-testid="pl-next-list">
                            {steps.iter().map(|d| {
                                let overdue = d.is_overdue(today);
                                let state = if overdue { K::PlOverdue } else if d.is_ready(today) { K::PlReady } else { K::PlWaiting };
                                view! {
                                    <li>
                                        <strong>{tr(text::next(d.step))}</strong>
                                        {d.from.map(|f| format!(" · {} {f}", ctx.t(K::PlColFrom)))}
                                        {d.by.map(|b| format!(" · {} {b}", ctx.t(K::PlColBy)))}
                                        " "<span class=if overdue { "badge badge-danger" } else { "badge badge-muted" }>{tr(state)}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </div>
        {(may && !kinds(&candidate).is_empty()).then(|| view! { <StepForm data=data.clone() candidate=candidate.clone() /> })}
    }
}

#[component]
fn StepForm(data: PipelineView, candidate: Candidate) -> impl IntoView {
    let ctx = AppContext::get();
    let offered = kinds(&candidate);
    let kind = RwSignal::new(offered[0]);
    let on = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let contact_a = RwSignal::new(String::new());
    let contact_b = RwSignal::new(String::new());
    let vetted = RwSignal::new(candidate.candidate.as_ref().is_some_and(|s| s.vetted));
    let notice_start = RwSignal::new(String::new());
    let notice_end = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let error = move |f: Field| Signal::derive(move || problems.with(|p| text::field_error(p, f, ctx.locale.get())));
    let on_error = Signal::derive(move || {
        let f = on_field(kind.get());
        problems.with(|p| text::field_error(p, f, ctx.locale.get()))
    });
    let until_error = Signal::derive(move || {
        let f = if kind.get() == MoveKind::Extend { Field::ExtendedUntil } else { Field::ApprovedOn };
        problems.with(|p| text::field_error(p, f, ctx.locale.get()))
    });
    let id = candidate.id.clone();
    let name = candidate.name.clone();
    let saving = Write::new(move |(kind, draft): (MoveKind, MoveDraft), locale| {
        let id = id.clone();
        let name = name.clone();
        async move {
            let shown: Vec<Field> = match kind {
                MoveKind::Activist => vec![Field::ActivistOn, Field::Contacts],
                MoveKind::Candidate => vec![Field::CandidateOn],
                MoveKind::Vetting => vec![Field::Vetted, Field::NoticeStart, Field::NoticeEnd],
                MoveKind::Probationary => vec![Field::MeetingOn, Field::ApprovedOn],
                MoveKind::SecondNotice => vec![Field::NoticeStart, Field::NoticeEnd],
                MoveKind::Extend => vec![Field::ExtendedOn, Field::ExtendedUntil, Field::Reason],
                MoveKind::Full => vec![Field::FullOn],
                MoveKind::Cancel => vec![Field::CancelledOn, Field::Reason],
            };
            let result = match draft.read(kind, &store::new_id()) {
                Ok(step) => pipeline_store::take_step(&db(), &id, step, store::today()).await,
                Err(found) => Err(store::WriteError::Invalid(found)),
            };
            match result {
                Ok(_) => {
                    problems.set(Vec::new());
                    Done::Saved(fill(K::PlStepSaved.text(locale), &[&name, text::move_kind(kind).text(locale)]))
                }
                Err(e) => {
                    let message = text::save_error(&e, &shown, locale);
                    if let store::WriteError::Invalid(found) = e {
                        problems.set(found);
                    }
                    Done::Failed(message)
                }
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = MoveDraft {
            on: on.get_untracked(),
            until: until.get_untracked(),
            contacts: [contact_a.get_untracked(), contact_b.get_untracked()],
            vetted: vetted.get_untracked(),
            notice_start: notice_start.get_untracked(),
            notice_end: notice_end.get_untracked(),
            reason: reason.get_untracked(),
        };
        saving.run((kind.get_untracked(), draft));
    };
    let full_members: Vec<(String, String)> = data
        .members
        .iter()
        .filter(|m| m.branch == candidate.branch && m.status == MemberStatus::Full)
        .map(|m| (m.id.clone(), m.name.clone()))
        .collect();
    let full_members = StoredValue::new(full_members);
    let contact_select = move |n: usize, value: RwSignal<String>| {
        let select_id = format!("pl-contact-{n}");
        view! {
            <div class="field">
                <label for=select_id.clone()>{move || fill(ctx.t(K::PlContact), &[&n.to_string()])}</label>
                <select id=select_id aria-describedby="pl-contacts-error" on:change=move |ev| value.set(event_target_value(&ev))>
                    <option value="" selected=move || value.get().is_empty()>{tr(K::PlChooseMember)}</option>
                    {full_members.get_value().into_iter().map(|(id, name)| {
                        let chosen = id.clone();
                        view! { <option value=id selected=move || value.get() == chosen>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let today = store::today().to_string();
    let several = offered.len() > 1;
    view! {
        <form class="card form" on:submit=submit novalidate=true data-testid="pl-step-form">
            <h2>{tr(K::PlStepLegend)}</h2>
            {several.then(|| view! {
                <fieldset class="pl-kinds">
                    <legend class="visually-hidden">{tr(K::PlStepLegend)}</legend>
                    {offered.iter().map(|k| {
                        let k = *k;
                        view! {
                            <label>
                                <input type="radio" name="pl-kind" checked=move || kind.get() == k
                                    data-testid=format!("pl-kind-{}", k.code())
                                    on:change=move |_| { kind.set(k); problems.set(Vec::new()); } />
                                {tr(text::move_kind(k))}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            {(!several).then(|| view! { <p><strong>{tr(text::move_kind(offered[0]))}</strong></p> })}
            <div class="form-grid">
                {move || {
                    let k = kind.get();
                    let today = today.clone();
                    (!matches!(k, MoveKind::Vetting | MoveKind::SecondNotice)).then(|| view! {
                        <FormField label=text::field(on_field(k)) id="pl-on" error=on_error required=true>
                            <input id="pl-on" type="date" bind:value=on max=today aria-describedby="pl-on-error" />
                        </FormField>
                    })
                }}
                {move || {
                    let k = kind.get();
                    let label = if k == MoveKind::Extend { K::PlFieldExtendedUntil } else { K::PlFieldApprovedOn };
                    matches!(k, MoveKind::Probationary | MoveKind::Extend).then(|| view! {
                        <FormField label=label id="pl-until" error=until_error required=true>
                            <input id="pl-until" type="date" bind:value=until aria-describedby="pl-until-error" />
                        </FormField>
                    })
                }}
                <Show when=move || kind.get() == MoveKind::Activist>
                    {contact_select(1, contact_a)}
                    {contact_select(2, contact_b)}
                    <p class="field-error" id="pl-contacts-error" role="alert">{move || error(Field::Contacts).get()}</p>
                    {full_members.with_value(|m| m.is_empty()).then(|| view! { <p class="hint">{tr(K::PlNoFullMembers)}</p> })}
                </Show>
                <Show when=move || kind.get() == MoveKind::Vetting>
                    <div class="field">
                        <label class="check">
                            <input type="checkbox" bind:checked=vetted data-testid="pl-vetted" />
                            {tr(K::PlFieldVetted)}
                        </label>
                        <p class="field-error" role="alert">{move || error(Field::Vetted).get()}</p>
                    </div>
                </Show>
                <Show when=move || matches!(kind.get(), MoveKind::Vetting | MoveKind::SecondNotice)>
                    <FormField label=K::PlFieldNoticeStart id="pl-notice-start" error=error(Field::NoticeStart)>
                        <input id="pl-notice-start" type="date" bind:value=notice_start aria-describedby="pl-notice-start-error" />
                    </FormField>
                    <FormField label=K::PlFieldNoticeEnd id="pl-notice-end" error=error(Field::NoticeEnd)>
                        <input id="pl-notice-end" type="date" bind:value=notice_end aria-describedby="pl-notice-end-error" />
                    </FormField>
                </Show>
                <Show when=move || matches!(kind.get(), MoveKind::Extend | MoveKind::Cancel)>
                    <FormField label=K::PlFieldReason id="pl-reason" error=error(Field::Reason) required=true>
                        <input id="pl-reason" type="text" bind:value=reason aria-describedby="pl-reason-error" />
                    </FormField>
                </Show>
            </div>
            <div class="actions">
                <button type="submit" class="btn btn-primary" disabled=move || saving.pending() data-testid="pl-step-save">{tr(K::PlStepSave)}</button>
            </div>
        </form>
    }
}
