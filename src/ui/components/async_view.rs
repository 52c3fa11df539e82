//! A page section that waits for its data: the loading line, then the storage failure in words,
//! or the content.

use leptos::prelude::*;

use super::{Loading, StoreErrorNotice};
use crate::store::StoreError;

/// Shows `children(data)` once `resource` has loaded.
#[component]
pub fn AsyncView<T, V, F>(resource: LocalResource<Result<T, StoreError>>, children: F) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <StoreErrorNotice error /> }.into_any(),
        Some(Ok(data)) => children(data).into_any(),
    }
}
