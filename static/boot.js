// Starts StoreLink's WebAssembly. Kept out of the HTML so the page needs no inline script (CSP).
// The deal tab's bundle loads first; it loads the admin bundle (app page, settings, installer)
// only when the portal opened one of those.
import init from "./storelink.js";

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
    link.href = "storelink_admin.css";
    link.onload = link.onerror = done;
    document.head.append(link);
  });
}

globalThis.storelinkLoadAdmin = () =>
  Promise.all([import("./storelink_admin.js"), adminStyles()])
    .then(([admin]) => admin.default())
    .catch(failed);

init().catch(failed);
