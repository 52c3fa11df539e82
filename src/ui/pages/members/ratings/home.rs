//! `/members/ratings`: every open branch with links to its appraisal, mutual scores and points,
//! and the committee's standards (talk threshold, points per meeting, star thresholds) — saved
//! through `save_settings` after [`MemberSettings::validate`].

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::device::roles::Action;
use crate::domain::members::settings::{MemberSettings, SettingsProblem};
use crate::domain::org::open_branches;
use crate::i18n::{fill, K};
use crate::store::member_ratings as ratings_store;
use crate::store::WriteError;
use crate::ui::components::{AsyncView, Done, EmptyState, MembersTabs, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::use_registry;
use crate::ui::text::member_ratings::settings_problem;

/// The page.
#[component]
pub fn RatingsHome() -> impl IntoView {
    let registry = use_registry();
    let ctx = AppContext::get();
    let settings = LocalResource::new(move || {
        ctx.revision.track();
        async move { ratings_store::settings(&db()).await }
    });
    view! {
        <section class="page mr-page">
            <MembersTabs />
            <h1>{tr(K::MrTitle)}</h1>
            <p class="hint">{tr(K::MrChooseHint)}</p>
            <AsyncView resource=registry let:registry>
                {
                    let branches = open_branches(&registry.orgs);
                    if branches.is_empty() {
                        view! { <EmptyState message=K::MrNoBranches /> }.into_any()
                    } else {
                        view! {
                            <section class="card" aria-labelledby="mr-branches-title">
                                <h2 id="mr-branches-title">{tr(K::MrBranchesTitle)}</h2>
                                <ul class="mr-branches" data-testid="mr-branches">
                                    {branches
                                        .into_iter()
                                        .map(|b| {
                                            let base = format!("/members/ratings/{}", b.id);
                                            let count = registry.members.iter().filter(|m| m.branch == b.id && m.status.is_active()).count();
                                            view! {
                                                <li data-branch=b.id.clone()>
                                                    <strong>{b.name.clone()}</strong>
                                                    <span class="hint">{move || fill(ctx.t(K::MrMemberCount), &[&count.to_string()])}</span>
                                                    <span class="mr-branch-links">
                                                        <A href=base.clone() attr:class="btn btn-small">{tr(K::MrTabAppraisal)}</A>
                                                        <A href=format!("{base}/mutual") attr:class="btn btn-small">{tr(K::MrTabMutual)}</A>
                                                        <A href=format!("{base}/points") attr:class="btn btn-small">{tr(K::MrTabPoints)}</A>
                                                    </span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                        .into_any()
                    }
                }
            </AsyncView>
            <AsyncView resource=settings let:settings>
                <SettingsForm settings />
            </AsyncView>
        </section>
    }
}

#[component]
fn SettingsForm(settings: MemberSettings) -> impl IntoView {
    let ctx = AppContext::get();
    let may = Signal::derive(move || ctx.may(Action::Configure));
    let talk = RwSignal::new(settings.talk_threshold.to_string());
    let attendance = RwSignal::new(settings.attendance_points.to_string());
    let stars: [RwSignal<String>; 5] = std::array::from_fn(|i| RwSignal::new(settings.star_thresholds[i].to_string()));
    let problems = RwSignal::new(Vec::<SettingsProblem>::new());
    let base = StoredValue::new(settings);
    let saving = Write::new(move |s: MemberSettings, locale| async move {
        match ratings_store::save_settings(&db(), s).await {
            Ok(_) => {
                problems.set(vec![]);
                Done::Saved(K::MrSettingsSaved.text(locale).to_string())
            }
            Err(WriteError::Invalid(found)) => {
                problems.set(found);
                Done::Failed(K::ErrFixFields.text(locale).to_string())
            }
            Err(WriteError::Store(e)) => Done::Failed(crate::ui::text::store_error(&e, locale)),
        }
    });
    let number = |s: RwSignal<String>| s.get_untracked().trim().parse::<u32>().ok();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A text that is not a whole number is refused as its field's problem, nothing written.
        let mut bad = Vec::new();
        let talk_threshold = number(talk).unwrap_or_else(|| {
            bad.push(SettingsProblem::TalkThreshold);
            0
        });
        let attendance_points = number(attendance).unwrap_or_else(|| {
            bad.push(SettingsProblem::AttendancePoints);
            0
        });
        let read: Vec<Option<u32>> = stars.iter().map(|s| number(*s)).collect();
        if read.iter().any(Option::is_none) {
            bad.push(SettingsProblem::StarThresholds);
        }
        if !bad.is_empty() {
            problems.set(bad);
            ctx.failure(ctx.t(K::ErrFixFields).to_string());
            return;
        }
        let star_thresholds = std::array::from_fn(|i| read[i].unwrap_or_default());
        saving.run(MemberSettings { talk_threshold, attendance_points, star_thresholds, ..base.get_value() });
    };
    let error = move |p: SettingsProblem| move || problems.get().contains(&p).then(|| ctx.t(settings_problem(p)));
    let invalid = move |p: SettingsProblem| move || problems.get().contains(&p).to_string();
    let star_labels = [K::MrStar1, K::MrStar2, K::MrStar3, K::MrStar4, K::MrStar5];
    view! {
        <section class="card" aria-labelledby="mr-settings-title">
            <h2 id="mr-settings-title">{tr(K::MrSettingsTitle)}</h2>
            {move || (!may.get()).then(|| view! { <p class="hint">{tr(K::MrSettingsReadOnly)}</p> })}
            <form class="mr-settings" on:submit=submit data-testid="mr-settings" novalidate>
                <fieldset disabled=move || !may.get() class="mr-settings-grid">
                    <div class="field">
                        <label for="mr-talk">{tr(K::MrTalkThreshold)}</label>
                        <input id="mr-talk" type="text" inputmode="numeric" bind:value=talk aria-invalid=invalid(SettingsProblem::TalkThreshold) aria-describedby="mr-talk-error" />
                        <p class="field-error" id="mr-talk-error" aria-live="polite">{error(SettingsProblem::TalkThreshold)}</p>
                    </div>
                    <div class="field">
                        <label for="mr-attendance">{tr(K::MrAttendancePoints)}</label>
                        <input id="mr-attendance" type="text" inputmode="numeric" bind:value=attendance aria-invalid=invalid(SettingsProblem::AttendancePoints) aria-describedby="mr-attendance-error" />
                        <p class="field-error" id="mr-attendance-error" aria-live="polite">{error(SettingsProblem::AttendancePoints)}</p>
                    </div>
                    {stars
                        .into_iter()
                        .zip(star_labels)
                        .enumerate()
                        .map(|(i, (value, label))| {
                            let id = format!("mr-star-{}", i + 1);
                            view! {
                                <div class="field">
                                    <label for=id.clone()>{tr(label)}</label>
                                    <input id=id type="text" inputmode="numeric" bind:value=value aria-invalid=invalid(SettingsProblem::StarThresholds) aria-describedby="mr-stars-error" />
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <p class="field-error" id="mr-stars-error" aria-live="polite">{error(SettingsProblem::StarThresholds)}</p>
                <Show when=move || may.get()>
                    <button type="submit" class="btn btn-primary" disabled=move || saving.pending() data-testid="mr-settings-save">{tr(K::MrSaveSettings)}</button>
                </Show>
            </form>
            <p class="hint">{move || fill(ctx.t(K::MrStarsRule), &base.with_value(|b| b.star_thresholds.map(|t| t.to_string())).each_ref().map(String::as_str))}</p>
        </section>
    }
}
