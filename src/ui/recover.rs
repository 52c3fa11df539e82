//! The recover screen: what a panic leaves instead of a dead page.
//!
//! The release build aborts on panic, so after the hook nothing of the app runs again — no
//! Leptos, no event handler in wasm. The screen is therefore plain DOM built inside the hook,
//! and everything on it works without the app: links that reload (the app starts afresh and the
//! data in IndexedDB is untouched), one of them to the backup section of Settings, and on a
//! kiosk a `<meta http-equiv="refresh">` that reloads by itself.

use wasm_bindgen::JsCast;

use crate::domain::device::kiosk;
use crate::i18n::{Locale, K};

/// Seconds before a kiosk reloads by itself.
pub const KIOSK_RELOAD_SECONDS: u32 = 10;

/// The localStorage key that arms the test-only panic route (`/__test/panic`): the e2e suite
/// sets it to prove the recover screen; nobody else has a reason to.
pub const TEST_PANIC_FLAG: &str = "starbranch-test-panic";

/// Chains the recover screen after the console message of `console_error_panic_hook`.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show();
    }));
}

/// Whether the test-only panic route is armed in this browser.
pub fn test_panic_armed() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(TEST_PANIC_FLAG).ok().flatten())
        .is_some_and(|v| v == "1")
}

fn show() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    // A second panic (the screen itself failing) must not stack screens.
    if document.get_element_by_id("recover").is_some() {
        return;
    }
    let root = document.document_element();
    let locale =
        root.as_ref().and_then(|r| r.get_attribute("lang")).and_then(|tag| Locale::from_tag(&tag)).unwrap_or_default();
    let path = document.location().and_then(|l| l.pathname().ok()).unwrap_or_default();
    let on_kiosk = kiosk::is_kiosk_path(&path) || document.query_selector(".kiosk").ok().flatten().is_some();
    let t = |key: K| key.text(locale);

    let element = |tag: &str, class: &str, text: &str| {
        let el = document.create_element(tag).ok()?;
        if !class.is_empty() {
            el.set_class_name(class);
        }
        el.set_text_content(Some(text));
        Some(el)
    };
    let Some(screen) = element("div", "recover", "") else { return };
    screen.set_id("recover");
    let _ = screen.set_attribute("role", "alertdialog");
    let _ = screen.set_attribute("aria-modal", "true");
    let _ = screen.set_attribute("aria-labelledby", "recover-title");
    let _ = screen.set_attribute("aria-describedby", "recover-body");
    let _ = screen.set_attribute("data-testid", "recover");
    let Some(panel) = element("div", "recover-panel", "") else { return };
    let Some(title) = element("h1", "", t(K::RecoverTitle)) else { return };
    title.set_id("recover-title");
    let Some(body) = element("p", "", t(K::RecoverBody)) else { return };
    body.set_id("recover-body");
    let _ = panel.append_child(&title);
    let _ = panel.append_child(&body);
    if on_kiosk {
        let text = crate::i18n::fill(t(K::RecoverKiosk), &[&KIOSK_RELOAD_SECONDS.to_string()]);
        if let Some(note) = element("p", "recover-note", &text) {
            let _ = panel.append_child(&note);
        }
        if let (Some(head), Ok(meta)) = (document.head(), document.create_element("meta")) {
            let _ = meta.set_attribute("http-equiv", "refresh");
            let _ = meta.set_attribute("content", &KIOSK_RELOAD_SECONDS.to_string());
            let _ = head.append_child(&meta);
        }
    }
    let Some(actions) = element("div", "actions", "") else { return };
    for (href, label, class) in
        [(path.as_str(), K::RecoverReload, "btn btn-primary"), ("/settings#backup-title", K::RecoverBackup, "btn")]
    {
        if let Some(link) = element("a", class, t(label)) {
            let _ = link.set_attribute("href", if href.is_empty() { "/" } else { href });
            let _ = actions.append_child(&link);
        }
    }
    let _ = panel.append_child(&actions);
    let _ = screen.append_child(&panel);
    if let Some(body) = document.body() {
        let _ = body.append_child(&screen);
    }
    // Keyboard users land on the way out.
    if let Some(first) =
        screen.query_selector("a").ok().flatten().and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = first.focus();
    }
}
