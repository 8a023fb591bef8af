// Progressive enhancement only: every page works without this file.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("govuk-frontend-supported");
  initAll();
}

// Staff sessions end after a period without activity: warn a minute before, and let the person stay.
const timeoutSeconds = Number(document.body.dataset.sessionTimeout || 0);
const dialog = document.getElementById("session-timeout");
if (timeoutSeconds > 60 && dialog && typeof dialog.showModal === "function") {
  let timer;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => dialog.showModal(), (timeoutSeconds - 60) * 1000);
  };
  dialog.querySelector("form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (response.ok) {
      dialog.close();
      schedule();
    } else {
      form.submit();
    }
  });
  schedule();
}
