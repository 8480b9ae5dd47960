// Starts the app from a file rather than an inline script, so the page's
// Content-Security-Policy (index.html) can forbid every inline script.
// Trunk writes the tag that loads this module (Trunk.toml `pattern_script`)
// with the hashed names of the wasm-bindgen glue and the wasm in data-js and
// data-wasm; the rest is what Trunk's own inline starter does.
const tag = document.querySelector('script[data-wasm]');
const { default: init } = await import(tag.dataset.js);
const wasm = await init({ module_or_path: tag.dataset.wasm });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
