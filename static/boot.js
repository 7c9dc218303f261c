// Starts StoreLink's WebAssembly. Kept out of the HTML so the page needs no inline script (CSP).
// The deal tab's bundle loads first; it loads the admin bundle (app page, settings, installer)
// only when the portal opened one of those. Every file is asked with the app's version
// ({{VERSION}}, filled in by the build), so a browser never pairs a cached file of one version
// with another's.
import init from "./storelink.js?v={{VERSION}}";

const versioned = (file) => new URL(`${file}?v={{VERSION}}`, import.meta.url);

const ru = (navigator.language || "").toLowerCase().startsWith("ru");

function failed(error) {
  const root = document.getElementById("storelink");
  if (root) {
    root.setAttribute("data-state", "error");
    root.textContent = ru
      ? "StoreLink не запустился: браузер не смог загрузить WebAssembly. Обновите страницу или браузер."
      : "StoreLink could not start: the browser failed to load WebAssembly. Reload the page or update the browser.";
  }
  console.error(error);
}

// The admin pages' stylesheet, loaded with their bundle (a failed sheet leaves them plain).
function adminStyles() {
  return new Promise((done) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = "storelink_admin.css?v={{VERSION}}";
    link.onload = link.onerror = done;
    document.head.append(link);
  });
}

globalThis.storelinkLoadAdmin = () =>
  Promise.all([import("./storelink_admin.js?v={{VERSION}}"), adminStyles()])
    .then(([admin]) => admin.default({ module_or_path: versioned("storelink_admin_bg.wasm") }))
    .catch(failed);

init({ module_or_path: versioned("storelink_bg.wasm") }).catch(failed);
