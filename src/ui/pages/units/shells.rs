//! The screening for shell organisations (`/units/shells`): every organisation covering a unit
//! that `shell::screen` flags on the chosen day, each cause in words, the committee's decision
//! per flag (a dissolution archives the organisation, after a confirmation), and the decisions
//! on record.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::device::roles::Action;
use crate::domain::units::shell::{DecisionField, ShellAction, ShellDecision, ShellFlag};
use crate::domain::values::date::Date;
use crate::i18n::{fill, K};
use crate::store::units::{self as unit_store, Screening, ShellError, ShellRefusal};
use crate::store::{self, StoreError};
use crate::ui::components::LiangxinTabs;
use crate::ui::components::{col, AsyncView, ConfirmDialog, Done, EmptyState, Table, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::{use_unit_registry, UnitRegistry};
use crate::ui::text::units as text;

/// What the page shows for one day.
#[derive(Clone, Debug, PartialEq)]
struct Shells {
    screening: Screening,
    months: u32,
    names: UnitRegistry,
}

/// The screening page.
#[component]
pub fn ShellsPage() -> impl IntoView {
    let ctx = AppContext::get();
    let day = RwSignal::new(store::today().to_string());
    let registry = use_unit_registry();
    let screening = LocalResource::new(move || {
        ctx.revision.track();
        let day = day.get();
        async move {
            let db = db();
            let date: Date = day.parse().unwrap_or_else(|_| store::today());
            let months = unit_store::shell_life_months(&db).await?;
            Ok::<_, StoreError>((unit_store::screening(&db, date, months).await?, months))
        }
    });
    let data = LocalResource::new(move || async move {
        let (screening, months) = screening.await?;
        let names = registry.await?;
        Ok::<_, StoreError>(Shells { screening, months, names })
    });
    view! {
        <section class="page">
            <LiangxinTabs />
            <div class="page-head">
                <h1>{tr(K::UnShellsTitle)}</h1>
                <label class="inline-field">
                    <span>{tr(K::UnScreeningDay)}</span>
                    <input type="date" bind:value=day max=store::today().to_string() data-testid="shell-day" />
                </label>
            </div>
            <AsyncView resource=data let:data>
                <ShellList data />
            </AsyncView>
        </section>
    }
}

#[component]
fn ShellList(data: Shells) -> impl IntoView {
    let ctx = AppContext::get();
    let Shells { screening, months, names } = data;
    let open_orgs: Vec<String> = screening.open.iter().map(|f| f.org.clone()).collect();
    let summary = fill(
        ctx.t(K::UnScreeningSummary),
        &[&screening.flags.len().to_string(), &screening.open.len().to_string(), &months.to_string()],
    );
    let names = StoredValue::new(names);
    let decisions = screening.decisions.clone();
    view! {
        <p class="hint" data-testid="shell-summary">
            {summary}" "
            <Show when=move || ctx.may(Action::Configure)>
                <A href="/settings">{tr(K::UnWindowChange)}</A>
            </Show>
        </p>
        {if screening.flags.is_empty() {
            view! { <EmptyState message=K::UnNoFlags /> }.into_any()
        } else {
            view! {
                <ul class="shell-list" data-testid="shell-flags">
                    {screening
                        .flags
                        .into_iter()
                        .map(|flag| {
                            let open = open_orgs.contains(&flag.org);
                            let last = decisions.iter().rev().find(|d| d.org == flag.org).cloned();
                            view! { <FlagCard flag open last names /> }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
        <DecisionHistory decisions names />
    }
}

#[component]
fn FlagCard(
    flag: ShellFlag,
    open: bool,
    last: Option<ShellDecision>,
    names: StoredValue<UnitRegistry>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let org = flag.org.clone();
    let org_name = names.with_value(|n| n.name_of(&org));
    let causes = flag.causes.clone();
    let action = RwSignal::new(ShellAction::Rectify);
    let reason = RwSignal::new(String::new());
    let date = RwSignal::new(store::today().to_string());
    let error = RwSignal::new(None::<ShellError>);
    let confirm = RwSignal::new(false);
    let problem_of = move |field: DecisionField| {
        move || match error.get() {
            Some(ShellError::Invalid(ShellRefusal::Problems(problems))) => {
                let texts: Vec<String> = problems
                    .iter()
                    .filter(|p| p.field() == field)
                    .map(|p| text::decision_problem(*p, ctx.locale.get()))
                    .collect();
                (!texts.is_empty()).then(|| texts.join(" "))
            }
            _ => None,
        }
    };
    let deciding = Write::new(move |decision: ShellDecision, locale| async move {
        match unit_store::record_shell_decision(&db(), decision, store::today()).await {
            Ok(saved) => {
                error.set(None);
                reason.set(String::new());
                Done::Saved(fill(K::UnDecisionSaved.text(locale), &[text::shell_action(saved.decision).text(locale)]))
            }
            Err(e) => {
                let message = text::shell_error(&e, locale);
                error.set(Some(e));
                Done::Failed(message)
            }
        }
    });
    let record = {
        let org = org.clone();
        Callback::new(move |()| {
            // The date picker gives a real date or nothing; nothing means the default, today.
            let day = date.get_untracked().parse().unwrap_or_else(|_| store::today());
            deciding.run(ShellDecision {
                org: org.clone(),
                decision: action.get_untracked(),
                reason: reason.get_untracked(),
                date: day,
            });
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if action.get_untracked() == ShellAction::Dissolve {
            confirm.set(true);
        } else {
            record.run(());
        }
    };
    let confirm_body = {
        let name = org_name.clone();
        Signal::derive(move || fill(ctx.t(K::UnDissolveBody), &[&name]))
    };
    let id = format!("shell-{}", org);
    view! {
        <li class="card shell-card" class:shell-open=open data-testid="shell-flag">
            <div class="page-head">
                <h2><A href=format!("/orgs/{}", org)>{org_name.clone()}</A></h2>
                {if open {
                    view! { <span class="badge badge-open">{tr(K::UnFlagOpen)}</span> }.into_any()
                } else {
                    view! { <span class="badge badge-published">{tr(K::UnFlagDecided)}</span> }.into_any()
                }}
            </div>
            <ul class="causes">
                {causes
                    .into_iter()
                    .map(|c| view! { <li>{move || names.with_value(|n| text::shell_cause(&c, &|id| n.name_of(id), ctx.locale.get()))}</li> })
                    .collect_view()}
            </ul>
            {last.map(|d| view! {
                <p class="hint">
                    {move || fill(ctx.t(K::UnLastDecision), &[&d.date.to_string(), ctx.t(text::shell_action(d.decision)), &d.reason])}
                </p>
            })}
            <Show when=move || ctx.may(Action::Decide)>
                <form class="decide-form" novalidate on:submit=on_submit>
                    <label class="inline-field" for=format!("{id}-action")>
                        <span>{tr(K::UnDecision)}</span>
                        <select id=format!("{id}-action") on:change=move |ev| {
                            if let Some(a) = ShellAction::from_code(&event_target_value(&ev)) {
                                action.set(a);
                            }
                        }>
                            {ShellAction::ALL
                                .into_iter()
                                .map(|a| view! { <option value=a.code() selected=move || action.get() == a>{tr(text::shell_action(a))}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <label class="inline-field grow" for=format!("{id}-reason")>
                        <span>{tr(K::UnReason)}<span class="required" aria-hidden="true">" *"</span></span>
                        <input id=format!("{id}-reason") type="text" bind:value=reason maxlength="500"
                            aria-invalid=move || problem_of(DecisionField::Reason)().is_some().to_string()
                            aria-describedby=format!("{id}-error") />
                    </label>
                    <label class="inline-field" for=format!("{id}-date")>
                        <span>{tr(K::UnDecisionDate)}</span>
                        <input id=format!("{id}-date") type="date" bind:value=date max=store::today().to_string() />
                    </label>
                    <button type="submit" class="btn btn-primary" disabled=move || deciding.pending()>{tr(K::UnRecordDecision)}</button>
                    <p class="field-error" id=format!("{id}-error") role="alert">
                        {move || [problem_of(DecisionField::Reason)(), problem_of(DecisionField::Date)(), problem_of(DecisionField::Org)()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" ")}
                        {move || match error.get() {
                            Some(e @ ShellError::Invalid(ShellRefusal::Archive(_))) => Some(text::shell_error(&e, ctx.locale.get())),
                            _ => None,
                        }}
                    </p>
                </form>
            </Show>
            <ConfirmDialog open=confirm title=K::UnDissolveTitle body=confirm_body confirm_label=K::UnActDissolve on_confirm=record />
        </li>
    }
}

#[component]
fn DecisionHistory(decisions: Vec<ShellDecision>, names: StoredValue<UnitRegistry>) -> impl IntoView {
    let ctx = AppContext::get();
    if decisions.is_empty() {
        return ().into_any();
    }
    let mut decisions = decisions;
    decisions.sort_by_key(|d| std::cmp::Reverse(d.date));
    view! {
        <section aria-labelledby="decisions-title">
            <h2 id="decisions-title">{tr(K::UnDecisionsTitle)}</h2>
            <div class="table-wrap" tabindex="0">
                <Table testid="shell-decisions" cols=vec![col(K::UnDecisionDate), col(K::UnFormationOrg), col(K::UnDecision), col(K::UnReason)]>
                    {decisions
                        .into_iter()
                        .map(|d| view! {
                            <tr>
                                <td class="nowrap">{d.date.to_string()}</td>
                                <td>{names.with_value(|n| n.name_of(&d.org))}</td>
                                <td>{move || ctx.t(text::shell_action(d.decision))}</td>
                                <td>{d.reason.clone()}</td>
                            </tr>
                        })
                        .collect_view()}
                </Table>
            </div>
        </section>
    }
    .into_any()
}
