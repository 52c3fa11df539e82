//! `/kiosk` (大屏展示): a read-only, full-screen display for a meeting room or a corridor that
//! rotates through the latest ratings, the category rankings, the leaders' radar charts, this
//! month's e-ledger activity, the commendation list and 两新 coverage with the year's enterprise
//! requests — and the Settings section
//! that chooses the screens and the interval.
//!
//! It runs for days, so only the current screen is mounted (the previous one is unmounted and
//! disposed), every timer and listener is cleared on cleanup, and nothing is ever appended. It
//! reloads its data each time the rotation wraps around and after any write in this tab
//! (`ctx.revision`), so new data appears without a reload. Only branch names and secretaries'
//! names are shown: the screens receive [`kiosk::PublicBranch`] values (and area counts,
//! [`kiosk::PublicCoverage`]), and members are never read at all.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::domain::device::kiosk::{self, Board, Screen};
use crate::domain::device::settings;
use crate::domain::values::period::{Month, Period};
use crate::i18n::{fill, K};
use crate::store::StoreError;
use crate::store::{self, ledger as ledger_store, meta, ratings, requests as request_store, units as unit_store};
use crate::ui::components::{AdminPinDialog, Loading, StoreErrorNotice};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

async fn load_board() -> Result<Board, StoreError> {
    let db = db();
    let data = ratings::load(&db).await?;
    let settings = kiosk::KioskSettings::from_json(meta::get_setting(&db, settings::KIOSK).await?.as_deref());
    let today = store::today();
    // This month and the one before: the board shows last month's until this month has a record.
    let this_month = Month::of(today);
    let mut records = ledger_store::list_month(&db, this_month).await?;
    if let Some(previous) = this_month.previous() {
        records.extend(ledger_store::list_month(&db, previous).await?);
    }
    let units = unit_store::list_units(&db).await?;
    let requests = request_store::list_requests(&db).await?;
    Ok(Board::build(&data, settings, today, &records, &units).with_requests(&requests))
}

/// A timer handle shared by the code that sets it and the cleanup that clears it.
type Slot<H> = Arc<Mutex<Option<H>>>;

fn clear_interval(slot: &Slot<IntervalHandle>) {
    if let Some(handle) = slot.lock().ok().and_then(|mut h| h.take()) {
        handle.clear();
    }
}

fn clear_timeout(slot: &Slot<TimeoutHandle>) {
    if let Some(handle) = slot.lock().ok().and_then(|mut h| h.take()) {
        handle.clear();
    }
}

/// The kiosk page at `/kiosk[?interval_ms=N]`, mounted outside the app's header and navigation.
#[component]
pub fn Kiosk() -> impl IntoView {
    let ctx = AppContext::get();
    // The address bar says /kiosk whatever was asked for: the router never finishes a
    // navigation whose routes were unmounted by the switch to the kiosk (a link from Settings),
    // and a held device may have been sent anywhere (back/forward, a typed address).
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        let asked = location.pathname.get();
        if kiosk::is_kiosk_path(&asked) {
            // Entered by a link: its own history entry, so "back" lands on the page it came
            // from, which is held here again.
            hold_address(&location.search.get(), true);
        } else {
            hold_address("", false);
        }
    });
    // Showing the kiosk makes this browser a kiosk display until it is left with the PIN.
    if !ctx.kiosk_locked.get_untracked() {
        ctx.kiosk_locked.set(true);
        leptos::task::spawn_local(async move {
            if let Err(e) = meta::set_setting(&db(), settings::KIOSK_LOCK, kiosk::LOCK_ON).await {
                ctx.failure(text::store_error(&e, ctx.locale.get_untracked()));
            }
        });
    }
    let query = use_query_map();
    // ?interval_ms= and ?idle_ms= speed the display up (tests, demonstrations); ?screen= starts
    // on a named screen.
    let (override_ms, idle_ms, first) = query.with_untracked(|q| {
        (
            kiosk::interval_override(q.get("interval_ms").as_deref()),
            kiosk::interval_override(q.get("idle_ms").as_deref()).unwrap_or(kiosk::IDLE_RESUME_MS),
            q.get("screen").and_then(|name| Screen::ALL.into_iter().find(|s| s.name() == name)),
        )
    });
    // Bumped when the rotation wraps around: the data is read again.
    let reload = RwSignal::new(0_u64);
    let resource = LocalResource::new(move || {
        reload.track();
        ctx.revision.track();
        load_board()
    });
    // Keeps the last board while a reload is under way, and only changes (re-rendering the
    // current screen) when the data did.
    let board = Memo::new(move |previous: Option<&Option<Result<Board, StoreError>>>| match resource.get() {
        Some(result) => Some(result),
        None => previous.cloned().flatten(),
    });
    let rotation = Memo::new(move |_| {
        board.with(|b| match b {
            Some(Ok(b)) => b.rotation(),
            _ => Screen::ALL.to_vec(),
        })
    });
    let interval_ms = Memo::new(move |_| {
        override_ms.unwrap_or_else(|| {
            board.with(|b| match b {
                Some(Ok(b)) => b.settings.interval_secs,
                _ => kiosk::KioskSettings::default().interval_secs,
            }) * 1000
        })
    });
    let index = RwSignal::new(0_usize);
    // The first screen asked for, once the rotation (from the stored settings) is known.
    let started = StoredValue::new(first.is_none());
    Effect::new(move |_| {
        let rotation = rotation.get();
        if board.with(|b| b.is_some()) && !started.get_value() {
            started.set_value(true);
            if let Some(at) = first.and_then(|f| rotation.iter().position(|s| *s == f)) {
                index.set(at);
            }
        }
    });
    let rotations = RwSignal::new(0_u64);
    let paused = RwSignal::new(false);
    let screen = Memo::new(move |_| rotation.with(|r| r[index.get() % r.len().max(1)]));

    let advance = move |forward: bool| {
        let len = rotation.with_untracked(|r| r.len());
        let (next, wrapped) = kiosk::step(len, index.get_untracked(), forward);
        index.set(next);
        if wrapped {
            reload.update(|n| *n += 1);
        }
    };

    // The rotation: one interval, replaced when the interval or the pause changes.
    let ticker: Slot<IntervalHandle> = Arc::new(Mutex::new(None));
    {
        let ticker = ticker.clone();
        Effect::new(move |_| {
            let ms = interval_ms.get();
            let paused = paused.get();
            clear_interval(&ticker);
            if !paused {
                let tick = move || {
                    if rotations.try_update(|n| *n += 1).is_some() {
                        advance(true);
                    }
                };
                if let Ok(handle) = set_interval_with_handle(tick, Duration::from_millis(u64::from(ms))) {
                    if let Ok(mut slot) = ticker.lock() {
                        *slot = Some(handle);
                    }
                }
            }
        });
    }

    // Idle: after `idle_ms` without pointer or key input a paused kiosk rotates again.
    let idle: Slot<TimeoutHandle> = Arc::new(Mutex::new(None));
    let rearm_idle = {
        let idle = idle.clone();
        Callback::new(move |()| {
            clear_timeout(&idle);
            if paused.get_untracked() {
                let resume = move || {
                    let _ = paused.try_set(false);
                };
                if let Ok(handle) = set_timeout_with_handle(resume, Duration::from_millis(u64::from(idle_ms))) {
                    if let Ok(mut slot) = idle.lock() {
                        *slot = Some(handle);
                    }
                }
            }
        })
    };
    let manual = move |forward: bool| {
        paused.set(true);
        advance(forward);
        rearm_idle.run(());
    };
    let toggle_pause = move |_| {
        paused.update(|p| *p = !*p);
        rearm_idle.run(());
    };
    let leave_open = RwSignal::new(false);
    let input = window_event_listener(leptos::ev::pointerdown, move |_| rearm_idle.run(()));
    let moved = window_event_listener(leptos::ev::pointermove, move |_| {
        if paused.get_untracked() {
            rearm_idle.run(());
        }
    });
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if leave_open.get_untracked() {
            return;
        }
        match ev.key().as_str() {
            "ArrowRight" => manual(true),
            "ArrowLeft" => manual(false),
            _ => rearm_idle.run(()),
        }
    });
    on_cleanup(move || {
        clear_interval(&ticker);
        clear_timeout(&idle);
        input.remove();
        moved.remove();
        keys.remove();
    });

    let subtitle = move || {
        let locale = ctx.locale.get();
        board.with(|b| {
            let Some(Ok(b)) = b else { return String::new() };
            match screen.get() {
                Screen::Ledger if b.ledger_is_last_month() => {
                    fill(K::KioskLedgerLastMonth.text(locale), &[&text::period(Period::Month(b.month), locale)])
                }
                Screen::Ledger => text::period(Period::Month(b.month), locale),
                Screen::Coverage => fill(K::KioskCoverageOn.text(locale), &[&b.today.to_string()]),
                Screen::Commendations => match b.commend_period {
                    Some(p) if b.commend_published => fill(K::KioskPublished.text(locale), &[&text::period(p, locale)]),
                    Some(p) => fill(K::KioskNotPublished.text(locale), &[&text::period(p, locale)]),
                    None => String::new(),
                },
                _ => b.period.map(|p| text::period(p, locale)).unwrap_or_default(),
            }
        })
    };
    let position = move || {
        let len = rotation.with(|r| r.len()).max(1);
        fill(ctx.t(K::KioskScreenOf), &[&(index.get() % len + 1).to_string(), &len.to_string()])
    };

    view! {
        <div
            class="kiosk"
            data-testid="kiosk"
            data-rotations=move || rotations.get().to_string()
            data-screen=move || screen.get().name()
            data-paused=move || paused.get().to_string()
        >
            <header class="kiosk-head">
                <span class="kiosk-brand"><span class="brand-star" aria-hidden="true">"★"</span>{tr(K::AppName)}</span>
                <h1 class="kiosk-title">{move || ctx.t(text::kiosk_screen(screen.get()))}</h1>
                <span class="kiosk-subtitle">{subtitle}</span>
            </header>
            // aria-live="off": a screen reader is not told about every rotation.
            <main class="kiosk-stage" aria-live="off" aria-label=tr(K::KioskTitle)>
                {move || match board.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(error)) => view! { <StoreErrorNotice error /> }.into_any(),
                    Some(Ok(b)) => {
                        let current = screen.get();
                        view! {
                            <div class="kiosk-screen" data-testid=format!("kiosk-{}", current.name())>
                                {render_screen(current, b)}
                            </div>
                        }
                        .into_any()
                    }
                }}
            </main>
            <nav class="kiosk-controls" aria-label=tr(K::KioskControls)>
                <span class="kiosk-position">{position}</span>
                <ol class="kiosk-dots" aria-hidden="true">
                    {move || {
                        let current = index.get() % rotation.with(|r| r.len()).max(1);
                        rotation.get().into_iter().enumerate().map(|(i, s)| view! {
                            <li class:active=i == current data-dot=s.name()></li>
                        }).collect_view()
                    }}
                </ol>
                <span class="kiosk-paused" role="status">
                    {move || paused.get().then(|| fill(ctx.t(K::KioskPausedHint), &[&(idle_ms / 1000).to_string()]))}
                </span>
                <button class="btn kiosk-btn" data-testid="kiosk-prev" aria-label=tr(K::KioskPrev) title=tr(K::KioskPrev) on:click=move |_| manual(false)>
                    <span aria-hidden="true">"◀"</span>
                </button>
                <button
                    class="btn kiosk-btn"
                    data-testid="kiosk-pause"
                    aria-pressed=move || paused.get().to_string()
                    aria-label=move || ctx.t(if paused.get() { K::KioskResume } else { K::KioskPause })
                    title=move || ctx.t(if paused.get() { K::KioskResume } else { K::KioskPause })
                    on:click=toggle_pause
                >
                    <span aria-hidden="true">{move || if paused.get() { "▶" } else { "❚❚" }}</span>
                </button>
                <button class="btn kiosk-btn" data-testid="kiosk-next" aria-label=tr(K::KioskNext) title=tr(K::KioskNext) on:click=move |_| manual(true)>
                    <span aria-hidden="true">"▶"</span>
                </button>
                <LeaveKiosk open=leave_open />
            </nav>
        </div>
    }
}

/// Puts `/kiosk` (with the kiosk's own query) in the address bar when it says anything else: as
/// a new history entry or in place of the current one.
fn hold_address(search: &str, push: bool) {
    let Some(window) = web_sys::window() else { return };
    let shown = window.location().pathname().unwrap_or_default();
    let Some(to) = kiosk::held_route(&shown, true) else { return };
    let url = if search.is_empty() { to.to_string() } else { format!("{to}?{}", search.trim_start_matches('?')) };
    if let Ok(history) = window.history() {
        let none = wasm_bindgen::JsValue::NULL;
        let _ = if push {
            history.push_state_with_url(&none, "", Some(&url))
        } else {
            history.replace_state_with_url(&none, "", Some(&url))
        };
    }
}

/// Leaving the kiosk: the only way out, guarded by the administrator's PIN when one is set
/// (a plain confirmation otherwise, so a passer-by does not leave it by one tap).
#[component]
fn LeaveKiosk(open: RwSignal<bool>) -> impl IntoView {
    let ctx = AppContext::get();
    let navigate = use_navigate();
    // The lock is cleared in storage before the page leaves, so a reload right after leaving
    // does not bring the kiosk back; if the write fails the kiosk stays and says why.
    let leave = Callback::new(move |()| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match meta::set_setting(&db(), settings::KIOSK_LOCK, kiosk::LOCK_OFF).await {
                Ok(()) => {
                    ctx.kiosk_locked.set(false);
                    navigate("/", Default::default());
                }
                Err(e) => ctx.failure(text::store_error(&e, ctx.locale.get_untracked())),
            }
        });
    });
    view! {
        <button class="btn kiosk-btn kiosk-leave" data-testid="kiosk-leave" on:click=move |_| open.set(true)>
            {tr(K::KioskLeave)}
        </button>
        <AdminPinDialog open title=K::KioskLeaveTitle on_ok=leave />
    }
}

mod screens;

use screens::render_screen;
