//! How the islands come alive: `<IslandScripts>` in the shell's `<head>`, in place of leptos's
//! `HydrationScripts islands=true`. It does what that one does for islands — marks the server
//! render as not hydrating (pages are server components; only islands opt in), and loads the
//! wasm bundle on idle, then calls `hydrate()` and each `<leptos-island>`'s exported function
//! (named by its `data-component`) with its element — with three differences measured with
//! Lighthouse (mobile) in `deploy/scripts/audit.sh`:
//!
//! - No `<link rel=preload>` of the JS and wasm. leptos adds them at high priority even in
//!   islands mode, where nothing runs before idle; on a slow connection the ~150 KB (gzip) wasm
//!   then competes with what the first paint needs, and Lighthouse counts its whole download into
//!   the page's LCP (1.7-2.0 s; ~1.0 s without).
//! - One island per task: hydrating them all in one task made one long task on the catalog
//!   (Total Blocking Time).
//! - No CSP nonce in `crossorigin` (leptos 0.8.23 writes it there, leptos issue #4843: an
//!   invalid value). The script carries the request's nonce, as leptos's does.
//!
//! Not supported (no island of ours needs them): islands that take `children`
//! (`<leptos-children>`), the islands router, wasm splitting, hashed file names.

use leptos::prelude::*;

#[component]
pub fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // The page around the islands is not hydrated: its resources are not serialized for the
    // browser, and islands switch hydration on for themselves while rendering.
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    let script = format!(
        "{LOADER}({:?}, {:?});",
        format!("{pkg}.js"),
        format!("{pkg}.wasm")
    );
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{script}</script> }
}

/// `(js, wasm) => …`: on idle, import the wasm-bindgen module, instantiate the wasm, run
/// `hydrate()`, then hydrate the islands in document order (outer before inner), yielding to the
/// browser between two.
const LOADER: &str = r#"((js, wasm) => {
  const whenIdle = (f) => ("requestIdleCallback" in window ? requestIdleCallback(f) : setTimeout(f, 1));
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  whenIdle(async () => {
    const bundle = await import(js);
    await bundle.default({ module_or_path: wasm });
    bundle.hydrate();
    for (const el of document.querySelectorAll("leptos-island")) {
      await nextTask();
      const island = bundle[el.dataset.component];
      if (island) await island(el);
      else console.error("no island " + el.dataset.component + " in " + js);
    }
  });
})"#;
