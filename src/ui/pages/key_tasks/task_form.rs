//! The committee's form for a new or edited task.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{branch_name, parse_date, slot_error, store_failure, task_indicators, task_problems, Problem, Slot};
use crate::domain::key_task::{self, KeyTask, TaskField, TaskFieldProblem};
use crate::domain::org;
use crate::domain::values::points::Points;
use crate::i18n::{fill, K};
use crate::store::key_tasks::{self as task_store, TaskBoard, TaskError, TaskRefusal};
use crate::ui::components::{Done, FormField, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

#[component]
pub(super) fn TaskForm(
    task: KeyTask,
    is_new: bool,
    board: TaskBoard,
    editing: RwSignal<Option<KeyTask>>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let title = RwSignal::new(task.title.clone());
    let description = RwSignal::new(task.description.clone());
    let due = RwSignal::new(if is_new { String::new() } else { task.due.to_string() });
    let points = RwSignal::new(if is_new { String::new() } else { task.points.to_string() });
    let indicator = RwSignal::new(task.indicator.clone());
    let problems = RwSignal::new(Vec::<Problem>::new());
    // The form opens above the list: take the focus there, which also scrolls it into view.
    let first_field = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = first_field.get() {
            let _ = input.focus();
        }
    });

    // Open branches, then any the task still lists that have been archived since.
    let mut choices: Vec<(String, String, bool)> =
        org::open_branches(&board.orgs).into_iter().map(|o| (o.id, o.name, false)).collect();
    for id in &task.branches {
        if !choices.iter().any(|(c, _, _)| c == id) {
            choices.push((id.clone(), branch_name(&board.orgs, id), true));
        }
    }
    let choice_ids: Vec<String> = choices.iter().map(|(id, _, _)| id.clone()).collect();
    let selected = RwSignal::new(task.branches.clone());
    let all_selected = {
        let ids = choice_ids.clone();
        move || !ids.is_empty() && ids.iter().all(|id| selected.with(|s| s.contains(id)))
    };
    let toggle = {
        let ids = choice_ids.clone();
        move |id: String, on: bool| {
            selected.update(|s| {
                s.retain(|x| *x != id);
                if on {
                    s.push(id);
                }
                // Keep the tree order, whatever the order of clicks.
                s.sort_by_key(|x| ids.iter().position(|i| i == x).unwrap_or(usize::MAX));
            });
        }
    };
    let set_all = {
        let ids = choice_ids.clone();
        move |on: bool| selected.set(if on { ids.clone() } else { Vec::new() })
    };

    let indicators = task_indicators(&board.rubric);
    let no_indicator = indicators.is_empty();
    let rubric = board.rubric.clone();
    let orgs = StoredValue::new(board.orgs.clone());
    let error = move |slot: Slot| slot_error(problems, orgs, slot);
    let mut open_ids: Vec<String> = org::open_branches(&board.orgs).into_iter().map(|o| o.id).collect();
    open_ids.extend(task.branches.iter().cloned());

    let saving = Write::new(move |candidate: KeyTask, locale| async move {
        match task_store::save_task(&db(), candidate).await {
            Ok(saved) => {
                problems.set(Vec::new());
                editing.set(None);
                let key = if is_new { K::KtCreated } else { K::KtSaved };
                Done::Saved(fill(key.text(locale), &[&saved.title]))
            }
            Err(e) => {
                match &e {
                    TaskError::Invalid(TaskRefusal::Problems(p)) => problems.set(task_problems(p.clone())),
                    TaskError::Invalid(TaskRefusal::Completed(ids)) => {
                        problems.set(vec![Problem::Completed(ids.clone())])
                    }
                    TaskError::Store(_) => {}
                }
                Done::Failed(match &e {
                    TaskError::Invalid(TaskRefusal::Completed(_)) => K::ErrFixFields.text(locale).to_string(),
                    other => orgs.with_value(|orgs| store_failure(other, orgs, locale)),
                })
            }
        }
    });
    let on_submit = {
        let task = task.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if saving.pending_untracked() {
                return;
            }
            let mut found = Vec::new();
            let due_date = parse_date(&due.get_untracked(), Slot::Due).map_err(|p| found.push(p)).ok();
            let points_value =
                Points::parse(&points.get_untracked()).map_err(|_| found.push(Problem::PointsInvalid)).ok();
            let candidate = KeyTask {
                title: title.get_untracked(),
                description: description.get_untracked(),
                branches: selected.get_untracked(),
                due: due_date.unwrap_or(task.due),
                points: points_value.unwrap_or(Points::from_hundredths(1)),
                indicator: indicator.get_untracked(),
                ..task.clone()
            };
            if let Err(domain) = key_task::validate_task(candidate.clone(), &open_ids, &rubric) {
                // A points value that did not parse has its own message already.
                let keep = |p: &TaskFieldProblem| points_value.is_some() || p.field != TaskField::Points;
                found.extend(task_problems(domain.into_iter().filter(keep).collect()));
            }
            let locale = ctx.locale.get_untracked();
            if !found.is_empty() {
                problems.set(found);
                ctx.failure(K::ErrFixFields.text(locale).to_string());
                return;
            }
            saving.run(candidate);
        }
    };

    let branches_error = error(Slot::Branches);
    let heading = if is_new { K::KtNewTask } else { K::KtEditTask };
    view! {
        <form class="subform kt-form" on:submit=on_submit novalidate=true data-testid="task-form" aria-labelledby="task-form-title">
            <h2 id="task-form-title">{tr(heading)}</h2>
            <div class="form-grid">
                <FormField label=K::KtTitle id="task-title" error=error(Slot::Title) required=true>
                    <input id="task-title" type="text" node_ref=first_field bind:value=title aria-describedby="task-title-error" autocomplete="off" maxlength="200" />
                </FormField>
                <FormField label=K::Indicator id="task-indicator" error=error(Slot::Indicator) required=true>
                    <select id="task-indicator" aria-describedby="task-indicator-error task-indicator-hint" on:change=move |ev| indicator.set(event_target_value(&ev))>
                        <option value="" selected=move || indicator.get().is_empty()>{tr(K::KtChooseIndicator)}</option>
                        {indicators
                            .into_iter()
                            .map(|i| {
                                let id = i.id.clone();
                                let is = id.clone();
                                let max = i.max.to_string();
                                view! {
                                    <option value=id selected=move || indicator.get() == is>
                                        {move || fill(ctx.t(K::KtOptionMax), &[text::localized(&i.name, ctx.locale.get()), &max])}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <span class="hint kt-field-hint" id="task-indicator-hint">
                        {if no_indicator {
                            view! {
                                {tr(K::KtNoIndicator)}" "
                                <A href="/settings/rubric">{tr(K::EditRubric)}</A>
                            }
                                .into_any()
                        } else {
                            view! { {tr(K::KtIndicatorHint)} }.into_any()
                        }}
                    </span>
                </FormField>
                <FormField label=K::DueDate id="task-due" error=error(Slot::Due) required=true>
                    <input id="task-due" type="date" bind:value=due aria-describedby="task-due-error" />
                </FormField>
                <FormField label=K::Points id="task-points" error=error(Slot::Points) required=true>
                    <input id="task-points" type="text" inputmode="decimal" bind:value=points aria-describedby="task-points-error" autocomplete="off" />
                </FormField>
            </div>
            <FormField label=K::KtDescription id="task-description" error=error(Slot::Description)>
                <textarea id="task-description" rows="3" bind:value=description aria-describedby="task-description-error"></textarea>
            </FormField>
            <fieldset class="field kt-branch-pick" class:field-invalid=move || branches_error.get().is_some() aria-describedby="task-branches-error">
                <legend>{tr(K::KtBranches)}<span class="required" aria-hidden="true">" *"</span></legend>
                <label class="check kt-all">
                    <input type="checkbox" prop:checked=all_selected.clone() on:change=move |ev| set_all(event_target_checked(&ev)) data-testid="task-all-branches" />
                    {tr(K::KtAllBranches)}
                </label>
                <div class="kt-checks">
                    {choices
                        .into_iter()
                        .map(|(id, name, archived)| {
                            let toggle = toggle.clone();
                            let checked_id = id.clone();
                            let label = move || if archived { fill(ctx.t(K::KtArchivedBranch), &[&name]) } else { name.clone() };
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        value=id.clone()
                                        prop:checked=move || selected.with(|s| s.contains(&checked_id))
                                        on:change=move |ev| toggle(id.clone(), event_target_checked(&ev))
                                    />
                                    {label}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                <p class="field-error" id="task-branches-error" role="alert" aria-live="polite">{move || branches_error.get()}</p>
            </fieldset>
            <div class="actions">
                <button type="submit" class="btn btn-primary" disabled=move || saving.pending()>{tr(K::Save)}</button>
                <button type="button" class="btn" on:click=move |_| editing.set(None)>{tr(K::Cancel)}</button>
            </div>
        </form>
    }
}
