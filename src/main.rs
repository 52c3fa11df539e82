//! Entry point of the web app: Trunk builds this binary for wasm32.

#[cfg(target_arch = "wasm32")]
fn main() {
    starbranch::ui::recover::install();
    leptos::mount::mount_to_body(starbranch::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("starbranch-app is the web app: build and serve it with `bash scripts/run.sh` (see README.md).");
}
