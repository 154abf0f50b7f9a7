// Starts the app without an inline script (the page's CSP allows only its own files).
// Trunk writes the hashed names of the app's JS and wasm on this script tag.
const tag = document.querySelector('script[data-app-js]');
const base = document.baseURI;
try {
  const { default: init } = await import(new URL(tag.dataset.appJs, base).href);
  await init({ module_or_path: new URL(tag.dataset.appWasm, base) });
} catch (error) {
  const message = document.getElementById('boot-error');
  if (message) message.hidden = false;
  console.error(error);
}
