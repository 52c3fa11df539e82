//! The browser's clock and random ids, the only inputs of a write that are not the user's.

/// Current time as an ISO-8601 UTC string, for history entries.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Minutes east of UTC of this browser's zone at the moment `iso` (daylight saving as it was
/// then), so a stored UTC moment can be shown in local time; the current offset for a text
/// the browser cannot read as a moment.
pub fn offset_minutes_at(iso: &str) -> i32 {
    let west = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso)).get_timezone_offset();
    let west = if west.is_nan() { js_sys::Date::new_0().get_timezone_offset() } else { west };
    -(west as i32)
}

/// Today's local calendar date, for "not in the future" rules.
pub fn today() -> crate::domain::values::date::Date {
    let now = js_sys::Date::new_0();
    crate::domain::values::date::Date::new(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
    .unwrap_or_else(|| crate::domain::values::date::Date::new(2026, 1, 1).expect("constant date"))
}

/// The month today falls in.
pub fn this_month() -> crate::domain::values::period::Month {
    crate::domain::values::period::Month::of(today())
}

/// A fresh unique id (UUID v4 from the browser's CSPRNG).
pub fn new_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("id-{}", js_sys::Date::now() as u64))
}
