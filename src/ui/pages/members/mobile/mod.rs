//! `/members/mobile?branch=…`: a branch's mobile members (流动党员) — who is away, where, and whether
//! their two-monthly report is due or overdue — with the form that registers a time away, and the
//! returned periods kept as history. `/members/mobile/:id` is one period: its reports, the form
//! that files one, and the return.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::domain::device::roles::Action;
use crate::domain::members::mobile::{MobileField, MobilePeriod, MobileProblem, PeriodDraft, ReportState};
use crate::domain::org::{Member, MemberStatus, Org};
use crate::i18n::{fill, Locale, K};
use crate::store::mobile as mobile_store;
use crate::store::{orgs as org_store, StoreError, WriteError};
use crate::ui::components::{AsyncView, BranchSelect, Done, EmptyState, FormField, MembersTabs, NotPermitted, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text::mobile as text;

mod period;

pub use period::MobilePeriodPage;

/// What the pages show, read together.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct MobileData {
    pub orgs: Vec<Org>,
    pub members: Vec<Member>,
    pub periods: Vec<MobilePeriod>,
}

impl MobileData {
    pub fn name(&self, member: &str) -> String {
        self.members.iter().find(|m| m.id == member).map_or_else(|| member.to_string(), |m| m.name.clone())
    }
}

pub(super) fn use_mobile_data() -> LocalResource<Result<MobileData, StoreError>> {
    let ctx = AppContext::get();
    LocalResource::new(move || {
        ctx.revision.track();
        async move {
            let db = db();
            Ok(MobileData {
                orgs: org_store::list_orgs(&db).await?,
                members: org_store::list_members(&db).await?,
                periods: mobile_store::list_periods(&db).await?,
            })
        }
    })
}

/// The line saying where a period's reporting stands.
pub(super) fn state_line(period: &MobilePeriod, locale: Locale) -> (String, bool) {
    match period.report_state(crate::store::today()) {
        ReportState::Returned => (
            fill(K::MmReturnedOn.text(locale), &[&period.returned_on.map(|d| d.to_string()).unwrap_or_default()]),
            false,
        ),
        ReportState::Due { due } => (fill(K::MmDueOn.text(locale), &[&due.to_string()]), false),
        ReportState::Overdue { due, days } => {
            (fill(K::MmOverdue.text(locale), &[&days.to_string(), &due.to_string()]), true)
        }
    }
}

/// The branch's mobile members.
#[component]
pub fn MobilePage() -> impl IntoView {
    let ctx = AppContext::get();
    let query = use_query_map();
    let data = use_mobile_data();
    view! {
        <section class="page">
            <MembersTabs />
            <h1>{tr(K::MmTitle)}</h1>
            <p class="hint">{tr(K::MmIntro)}</p>
            <AsyncView resource=data let:data>
                {
                    ctx.session.track();
                    let session_branch = ctx.session.with_untracked(|s| s.branch.clone());
                    let branch = query.read().get("branch").filter(|b| !b.is_empty()).or(session_branch);
                    view! { <BranchMobile data branch /> }
                }
            </AsyncView>
        </section>
    }
}

#[component]
fn BranchMobile(data: MobileData, branch: Option<String>) -> impl IntoView {
    let navigate = use_navigate();
    let on_pick = Callback::new(move |id: Option<String>| {
        navigate(&format!("/members/mobile?branch={}", id.unwrap_or_default()), Default::default());
    });
    let picker = view! { <BranchSelect orgs=data.orgs.clone() current=branch.clone() label=K::KindBranch testid="mobile-branch" on_pick /> };
    let Some(branch) = branch.filter(|b| data.orgs.iter().any(|o| o.id == *b)) else {
        return view! { <div class="toolbar">{picker}</div><EmptyState message=K::ChooseBranch /> }.into_any();
    };
    let ctx = AppContext::get();
    let mut periods: Vec<MobilePeriod> = data.periods.iter().filter(|p| p.branch == branch).cloned().collect();
    periods.sort_by_key(|p| std::cmp::Reverse(p.left_on));
    let (open, returned): (Vec<_>, Vec<_>) = periods.into_iter().partition(|p| p.is_open());
    let card = {
        let data = data.clone();
        move |p: MobilePeriod| {
            let name = data.name(&p.member);
            let href = format!("/members/mobile/{}", p.id);
            let line = {
                let p = p.clone();
                move || state_line(&p, ctx.locale.get())
            };
            let overdue = line().1;
            view! {
                <li class="mobile-item" data-testid="mobile-period" data-member=p.member.clone()>
                    <A href=href>{name}</A>
                    " · "{p.destination.clone()}" · "{move || fill(ctx.t(K::MmLeftOn), &[&p.left_on.to_string()])}
                    <span class:overdue=overdue class="mobile-state">{if overdue { "⚠ " } else { "" }}{move || line().0}</span>
                </li>
            }
        }
    };
    let open_empty = open.is_empty();
    view! {
        <div class="toolbar">{picker}</div>
        <section class="card" aria-labelledby="mobile-away">
            <h2 id="mobile-away">{tr(K::MmAway)}" "<span class="badge">{open.len()}</span></h2>
            {if open_empty {
                view! { <p class="hint">{tr(K::MmNoneAway)}</p> }.into_any()
            } else {
                view! { <ul class="queue-list">{open.into_iter().map(card.clone()).collect_view()}</ul> }.into_any()
            }}
        </section>
        <StartForm data=data.clone() branch=branch.clone() />
        {(!returned.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="mobile-returned">
                <h2 id="mobile-returned">{tr(K::MmReturnedList)}</h2>
                <ul class="queue-list">{returned.into_iter().map(card.clone()).collect_view()}</ul>
            </section>
        })}
    }
    .into_any()
}

#[component]
fn StartForm(data: MobileData, branch: String) -> impl IntoView {
    let ctx = AppContext::get();
    let may_edit = ctx.session.with_untracked(|s| s.may(Action::EditMembers(&branch)));
    let candidates: Vec<Member> = data
        .members
        .iter()
        .filter(|m| m.branch == branch && matches!(m.status, MemberStatus::Full | MemberStatus::Probationary))
        .cloned()
        .collect();
    let member = RwSignal::new(String::new());
    let certificate = RwSignal::new(String::new());
    let destination = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let left_on = RwSignal::new(String::new());
    let expected_return = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let host_org = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<MobileProblem>::new());
    let field_error =
        move |f: MobileField| Signal::derive(move || text::field_error(&problems.get(), f, ctx.locale.get()));
    let saving = Write::new(move |draft: PeriodDraft, locale: Locale| async move {
        let result = match draft.read(&crate::store::new_id()) {
            Ok(period) => mobile_store::save_period(&db(), period, crate::store::today()).await,
            Err(found) => Err(WriteError::Invalid(found)),
        };
        match result {
            Ok(_) => {
                problems.set(Vec::new());
                for s in [member, certificate, destination, address, left_on, expected_return, contact, host_org] {
                    s.set(String::new());
                }
                Done::Saved(K::MmSaved.text(locale).to_string())
            }
            Err(WriteError::Invalid(found)) => {
                problems.set(found);
                Done::Failed(K::ErrFixFields.text(locale).to_string())
            }
            Err(WriteError::Store(e)) => Done::Failed(crate::ui::text::store_error(&e, locale)),
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saving.run(PeriodDraft {
            member: member.get_untracked(),
            certificate: certificate.get_untracked(),
            destination: destination.get_untracked(),
            address: address.get_untracked(),
            left_on: left_on.get_untracked(),
            expected_return: expected_return.get_untracked(),
            contact: contact.get_untracked(),
            host_org: host_org.get_untracked(),
        });
    };
    let today = crate::store::today().to_string();
    view! {
        <section class="card" aria-labelledby="mobile-start">
            <h2 id="mobile-start">{tr(K::MmStartTitle)}</h2>
            {(!may_edit).then(|| view! { <NotPermitted message=K::RoleNeedOwnBranch /> })}
            <form class="form" novalidate=true data-testid="mobile-start-form" on:submit=on_submit>
                <div class="form-grid">
                    <FormField label=K::MmFMember id="mm-member" required=true error=field_error(MobileField::Member)>
                        <select id="mm-member" aria-describedby="mm-member-error" on:change=move |ev| member.set(event_target_value(&ev)) prop:value=move || member.get()>
                            <option value="">{tr(K::MmFMember)}</option>
                            {candidates.into_iter().map(|m| view! { <option value=m.id.clone()>{m.name.clone()}</option> }).collect_view()}
                        </select>
                    </FormField>
                    <FormField label=K::MmFCertificate id="mm-certificate" required=true error=field_error(MobileField::Certificate)>
                        <input id="mm-certificate" type="text" autocomplete="off" aria-describedby="mm-certificate-error" bind:value=certificate />
                    </FormField>
                    <FormField label=K::MmFDestination id="mm-destination" required=true error=field_error(MobileField::Destination)>
                        <input id="mm-destination" type="text" aria-describedby="mm-destination-error" bind:value=destination />
                    </FormField>
                    <FormField label=K::MmFAddress id="mm-address" error=field_error(MobileField::Address)>
                        <input id="mm-address" type="text" aria-describedby="mm-address-error" bind:value=address />
                    </FormField>
                    <FormField label=K::MmFLeftOn id="mm-left" required=true error=field_error(MobileField::LeftOn)>
                        <input id="mm-left" type="date" max=today.clone() aria-describedby="mm-left-error" bind:value=left_on />
                    </FormField>
                    <FormField label=K::MmFExpectedReturn id="mm-expected" error=field_error(MobileField::ExpectedReturn)>
                        <input id="mm-expected" type="date" aria-describedby="mm-expected-error" bind:value=expected_return />
                    </FormField>
                    <FormField label=K::MmFContact id="mm-contact" error=field_error(MobileField::Contact)>
                        <input id="mm-contact" type="text" autocomplete="off" aria-describedby="mm-contact-error" bind:value=contact />
                    </FormField>
                    <FormField label=K::MmFHostOrg id="mm-host" error=field_error(MobileField::HostOrg)>
                        <input id="mm-host" type="text" aria-describedby="mm-host-error" bind:value=host_org />
                    </FormField>
                </div>
                <div class="actions">
                    <button type="submit" class="btn btn-primary" data-testid="mobile-start-save" disabled=move || saving.pending() || !may_edit>{tr(K::MmStart)}</button>
                </div>
            </form>
        </section>
    }
}
