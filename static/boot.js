// Starts StoreLink's WebAssembly. Kept out of the HTML so the page needs no inline script (CSP).
import init from "./storelink.js";

init().catch((error) => {
  const root = document.getElementById("storelink");
  if (!root) return;
  const ru = (navigator.language || "").toLowerCase().startsWith("ru");
  root.setAttribute("data-state", "error");
  root.textContent = ru
    ? "StoreLink не запустился: браузер не смог загрузить WebAssembly. Обновите страницу или браузер."
    : "StoreLink could not start: the browser failed to load WebAssembly. Reload the page or update the browser.";
  console.error(error);
});
