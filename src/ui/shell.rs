//! The app root: start-up (open the database, load the demo on first start, restore the
//! language), then the header, navigation, language switch and routes.

use leptos::prelude::*;

use crate::domain::device::settings as setting_keys;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use wasm_bindgen::JsCast;

use super::components::{ReadOnlyBanner, RoleSwitch};
use super::context::{set_db, tr, AppContext};
use super::pages::dashboard::Dashboard;
use super::pages::instructors::{
    AppointmentLetter, AssignmentPage, InstructorEdit, InstructorNotice, InstructorReview, InstructorYear,
    InstructorsPage, ReportPage,
};
use super::pages::key_tasks::{BranchTasksPage, KeyTasksPage};
use super::pages::kiosk::Kiosk;
use super::pages::ledger::{BranchLedgerPage, LedgerOverviewPage, RecordPage};
use super::pages::members::ratings::{AppraisalPage, MutualPage, PointsPage, RatingsHome, StarsPage};
use super::pages::members::{
    DuesPage, MembersHome, MobilePage, MobilePeriodPage, PipelineNew, PipelinePage, PipelinePerson,
};
use super::pages::monthly::{MonthlyGrid, MonthlySheet};
use super::pages::orgs::{OrgEdit, OrgImport, Orgs};
use super::pages::packages::PackagesPage;
use super::pages::ratings::{BranchReport, Ratings};
use super::pages::requests::{RequestNew, RequestPage, RequestsPage};
use super::pages::rubric::RubricEditor;
use super::pages::settings::{self, Settings};
use super::pages::units::{CoveragePage, ShellsPage, UnitEdit, UnitImport, UnitsPage};
use super::text;
use crate::domain::device::kiosk;
use crate::domain::device::roles::Session;
use crate::i18n::{Locale, K};
use crate::store::{self, meta, StoreError};

struct Started {
    locale: Option<Locale>,
    session: Session,
    kiosk_locked: bool,
}

async fn start() -> Result<Started, StoreError> {
    let db = store::open_db(store::DB_NAME).await?;
    meta::seed_demo_if_empty(&db).await?;
    let locale = meta::get_setting(&db, setting_keys::LOCALE).await?.and_then(|tag| Locale::from_tag(&tag));
    let session = store::roles::session(&db).await?;
    let kiosk_locked = kiosk::is_locked(meta::get_setting(&db, setting_keys::KIOSK_LOCK).await?.as_deref());
    set_db(db);
    settings::request_persistence();
    Ok(Started { locale, session, kiosk_locked })
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let ctx = AppContext {
        locale: RwSignal::new(Locale::default()),
        revision: RwSignal::new(0),
        notice: RwSignal::new(None),
        session: RwSignal::new(Session::default()),
        kiosk_locked: RwSignal::new(false),
    };
    provide_context(ctx);
    Effect::new(move |_| {
        let locale = ctx.locale.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", locale.tag());
        }
        document().set_title(K::AppName.text(locale));
    });
    let startup = LocalResource::new(move || async move {
        let result = start().await;
        if let Ok(started) = &result {
            if let Some(locale) = started.locale {
                ctx.locale.set(locale);
            }
            ctx.session.set(started.session.clone());
            ctx.kiosk_locked.set(started.kiosk_locked);
        }
        result.map(|_| ())
    });
    move || match startup.get() {
        None => view! {
            <div class="splash" role="status" aria-live="polite">
                <span class="spinner" aria-hidden="true"></span>
                {tr(K::Loading)}
            </div>
        }
        .into_any(),
        Some(Err(error)) => view! {
            <div class="splash splash-error" role="alert">
                <h1>{tr(K::AppName)}</h1>
                <p>{move || text::store_error(&error, ctx.locale.get())}</p>
            </div>
        }
        .into_any(),
        Some(Ok(())) => view! { <Shell /> }.into_any(),
    }
}

#[component]
fn Shell() -> impl IntoView {
    view! {
        <Router>
            <Frame />
        </Router>
    }
}

/// The kiosk (`/kiosk`) fills the screen by itself, without the header and navigation; every
/// other route is shown in the app's layout. Only switching between the two re-renders. A
/// device held on the kiosk shows it whatever address was asked for (a reload, back/forward,
/// a typed address); the kiosk puts `/kiosk` back in the address bar.
#[component]
fn Frame() -> impl IntoView {
    let ctx = AppContext::get();
    let location = leptos_router::hooks::use_location();
    let on_kiosk = Memo::new(move |_| ctx.kiosk_locked.get() || location.pathname.with(|p| kiosk::is_kiosk_path(p)));
    // The e2e suite proves the recover screen on any page by loading it with this hash, once
    // it has armed the flag in this browser.
    Effect::new(move |_| {
        if location.hash.with(|h| h == "#test-panic") && super::recover::test_panic_armed() {
            panic!("test panic: {} is set", super::recover::TEST_PANIC_FLAG);
        }
    });
    move || if on_kiosk.get() { view! { <Kiosk /> }.into_any() } else { view! { <Layout /> }.into_any() }
}

/// The header keeps to one row: the short name, and below the width where every link fits
/// (style/main.css) a menu button that opens the navigation under the bar. Following a link or
/// pressing Escape closes it.
#[component]
fn Layout() -> impl IntoView {
    let menu_open = RwSignal::new(false);
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });
    view! {
            <a class="skip-link" href="#main">{tr(K::SkipToContent)}</a>
            <header
                class="app-header"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        menu_open.set(false);
                    }
                }
            >
                <A href="/" attr:class="brand" attr:title=tr(K::AppName)>
                    <span class="brand-star" aria-hidden="true">"★"</span>
                    <span class="brand-name">{tr(K::AppShortName)}</span>
                </A>
                <button
                    class="nav-toggle"
                    data-testid="nav-toggle"
                    aria-controls="app-nav"
                    aria-expanded=move || menu_open.get().to_string()
                    on:click=move |_| menu_open.update(|open| *open = !*open)
                >
                    <span aria-hidden="true">"☰"</span>
                    {tr(K::NavMenu)}
                </button>
                <nav
                    id="app-nav"
                    class="app-nav"
                    class:open=move || menu_open.get()
                    aria-label=tr(K::NavLabel)
                    on:click=move |_| menu_open.set(false)
                >
                    <A href="/" exact=true>{tr(K::NavDashboard)}</A>
                    <A href="/orgs">{tr(K::NavOrgs)}</A>
                    <A href="/members">{tr(K::NavMembers)}</A>
                    <A href="/units">{tr(K::NavUnits)}</A>
                    <A href="/monthly">{tr(K::NavMonthly)}</A>
                    <A href="/tasks">{tr(K::NavKeyTasks)}</A>
                    <A href="/quarterly">{tr(K::NavQuarterly)}</A>
                    <A href="/ledger">{tr(K::NavLedger)}</A>
                    <A href="/settings">{tr(K::NavSettings)}</A>
                </nav>
                <RoleSwitch />
                <LanguageSwitch />
            </header>
            <UpdateBanner />
            <ReadOnlyBanner />
            <NoticeBar />
            <main id="main" class="app-main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Dashboard />
                    <Route path=path!("/orgs") view=Orgs />
                    <Route path=path!("/orgs/new") view=OrgEdit />
                    <Route path=path!("/orgs/import") view=OrgImport />
                    <Route path=path!("/orgs/:id") view=OrgEdit />
                    <Route path=path!("/units") view=UnitsPage />
                    <Route path=path!("/units/new") view=UnitEdit />
                    <Route path=path!("/units/coverage") view=CoveragePage />
                    <Route path=path!("/units/shells") view=ShellsPage />
                    <Route path=path!("/units/import") view=UnitImport />
                    <Route path=path!("/units/:id") view=UnitEdit />
                    <Route path=path!("/instructors/notice") view=InstructorNotice />
                    <Route path=path!("/instructors/year") view=InstructorYear />
                    <Route path=path!("/instructors/year/:instructor") view=InstructorReview />
                    <Route path=path!("/instructors") view=InstructorsPage />
                    <Route path=path!("/instructors/new") view=InstructorEdit />
                    <Route path=path!("/instructors/:id") view=InstructorEdit />
                    <Route path=path!("/instructors/:id/assign") view=AssignmentPage />
                    <Route path=path!("/instructors/assignments/:assignment") view=AssignmentPage />
                    <Route path=path!("/instructors/assignments/:assignment/letter") view=AppointmentLetter />
                    <Route path=path!("/instructors/assignments/:assignment/report/:unit/:month") view=ReportPage />
                    <Route path=path!("/requests") view=RequestsPage />
                    <Route path=path!("/requests/new") view=RequestNew />
                    <Route path=path!("/requests/:id") view=RequestPage />
                    <Route path=path!("/members") view=MembersHome />
                    // members: pipeline (发展党员)
                    <Route path=path!("/members/pipeline") view=PipelinePage />
                    <Route path=path!("/members/pipeline/new") view=PipelineNew />
                    <Route path=path!("/members/pipeline/:id") view=PipelinePerson />

                    // members: mobile members (流动党员)
                    <Route path=path!("/members/mobile") view=MobilePage />
                    <Route path=path!("/members/mobile/:id") view=MobilePeriodPage />

                    // members: dues (党费)
                    <Route path=path!("/members/dues") view=DuesPage />

                    // members: ratings (民主评议, 互评, 星级党员)
                    <Route path=path!("/members/ratings") view=RatingsHome />
                    <Route path=path!("/members/ratings/:branch") view=AppraisalPage />
                    <Route path=path!("/members/ratings/:branch/mutual") view=MutualPage />
                    <Route path=path!("/members/ratings/:branch/points") view=PointsPage />
                    <Route path=path!("/members/ratings/:branch/stars") view=StarsPage />

                    <Route path=path!("/monthly") view=MonthlyGrid />
                    <Route path=path!("/monthly/:branch/:month") view=MonthlySheet />
                    <Route path=path!("/tasks") view=KeyTasksPage />
                    <Route path=path!("/tasks/:branch") view=BranchTasksPage />
                    <Route path=path!("/quarterly") view=Ratings />
                    <Route path=path!("/quarterly/:branch") view=BranchReport />
                    <Route path=path!("/ledger") view=LedgerOverviewPage />
                    <Route path=path!("/ledger/:branch") view=BranchLedgerPage />
                    <Route path=path!("/ledger/:branch/:record") view=RecordPage />
                    <Route path=path!("/packages") view=PackagesPage />
                    <Route path=path!("/settings") view=Settings />
                    <Route path=path!("/settings/rubric") view=RubricEditor />
                </Routes>
            </main>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let ctx = AppContext::get();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(locale) = Locale::from_tag(&event_target_value(&ev)) else { return };
        ctx.locale.set(locale);
        leptos::task::spawn_local(async move {
            if let Err(error) = meta::set_setting(&super::db(), setting_keys::LOCALE, locale.tag()).await {
                ctx.failure(text::store_error(&error, locale));
            }
        });
    };
    view! {
        <label class="lang-switch">
            <span class="visually-hidden">{tr(K::Language)}</span>
            <select on:change=on_change data-testid="language">
                {Locale::ALL
                    .into_iter()
                    .map(|locale| {
                        view! {
                            <option value=locale.tag() selected=move || ctx.locale.get() == locale>
                                {locale.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// Offers a newly installed version (announced by public/register-sw.js); the switch happens
/// only when the user accepts, so a page is never half old, half new.
#[component]
fn UpdateBanner() -> impl IntoView {
    let ready = RwSignal::new(false);
    let flag = js_sys::Reflect::get(&window(), &"starbranchUpdateReady".into()).ok();
    if flag.and_then(|v| v.as_bool()) == Some(true) {
        ready.set(true);
    }
    let handle = window_event_listener_untyped("starbranch:update", move |_| ready.set(true));
    on_cleanup(move || handle.remove());
    let apply = move |_| {
        let apply = js_sys::Reflect::get(&window(), &"starbranchApplyUpdate".into()).ok();
        if let Some(function) = apply.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
            let _ = function.call0(&wasm_bindgen::JsValue::NULL);
        }
    };
    view! {
        <Show when=move || ready.get()>
            <div class="notice-area">
                <div class="notice notice-update" role="status" data-testid="update-banner">
                    <span>{tr(K::UpdateReady)}</span>
                    <button class="btn btn-primary" on:click=apply>{tr(K::ReloadNow)}</button>
                </div>
            </div>
        </Show>
    }
}

#[component]
fn NoticeBar() -> impl IntoView {
    let ctx = AppContext::get();
    view! {
        <div class="notice-area" aria-live="polite">
            {move || {
                ctx.notice
                    .get()
                    .map(|notice| {
                        let class = if notice.is_error { "notice notice-error" } else { "notice notice-ok" };
                        let role = if notice.is_error { "alert" } else { "status" };
                        view! {
                            <div class=class role=role>
                                <span>{notice.text}</span>
                                <button class="btn-icon" on:click=move |_| ctx.notice.set(None) aria-label=tr(K::Dismiss)>
                                    "×"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{tr(K::NotFoundTitle)}</h1>
            <p>{tr(K::NotFoundBody)}</p>
            <A href="/">{tr(K::NavDashboard)}</A>
        </section>
    }
}
