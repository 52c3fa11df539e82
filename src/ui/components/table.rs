//! The app's data table: `table` plus the page's own classes, an optional hidden caption, one
//! header row, and the page's rows.

use leptos::prelude::*;

use crate::i18n::K;
use crate::ui::context::tr;

/// One header cell.
#[derive(Clone, Copy)]
pub struct Col {
    label: K,
    num: bool,
}

/// A text column.
pub fn col(label: K) -> Col {
    Col { label, num: false }
}

/// A number column (right-aligned).
pub fn num(label: K) -> Col {
    Col { label, num: true }
}

#[component]
pub fn Table(
    /// Classes after `table`.
    #[prop(optional)]
    class: &'static str,
    #[prop(optional)] testid: Option<&'static str>,
    /// A caption for screen readers.
    #[prop(optional, into)]
    caption: Option<Signal<String>>,
    cols: Vec<Col>,
    children: Children,
) -> impl IntoView {
    let class = if class.is_empty() { "table".to_string() } else { format!("table {class}") };
    view! {
        <table class=class data-testid=testid>
            {caption.map(|c| view! { <caption class="visually-hidden">{move || c.get()}</caption> })}
            <thead>
                <tr>
                    {cols
                        .into_iter()
                        .map(|c| view! { <th scope="col" class=c.num.then_some("num")>{tr(c.label)}</th> })
                        .collect_view()}
                </tr>
            </thead>
            <tbody>{children()}</tbody>
        </table>
    }
}
