// curriculum workspace: progress of a plan, and the mapping editor's clicks and keys.
// Plain JavaScript, no library; every page works without it (plain forms).
"use strict";

function csrf() {
  return document.body.dataset.csrf;
}

function post(url, data) {
  data.set("csrf", csrf());
  return fetch(url, {
    method: "POST",
    headers: { Accept: "application/json", "X-CSRF-Token": csrf() },
    body: data,
    credentials: "same-origin",
  }).then((r) => r.json().then((body) => ({ status: r.status, body })));
}

function watchPlan(box) {
  const text = document.getElementById("progress-text");
  const bar = document.getElementById("progress-bar");
  const tick = () =>
    fetch(box.dataset.status, { credentials: "same-origin" })
      .then((r) => r.json())
      .then((job) => {
        if (job.state === "queued" || job.state === "running") {
          bar.value = job.elapsed;
          text.textContent =
            job.state === "queued" ? box.dataset.queued : box.dataset.running.replace("{s}", job.elapsed);
          setTimeout(tick, 500);
        } else {
          location.reload();
        }
      });
  setTimeout(tick, 300);
}

function editor(form) {
  const status = document.getElementById("edit-status");
  const cells = Array.from(form.querySelectorAll("button.cell"));
  if (cells.length) cells[0].tabIndex = 0;
  const width = cells.length / Math.max(1, form.querySelectorAll("tbody tr").length);
  const say = (message, bad) => {
    status.textContent = message;
    status.className = bad ? "bad" : "good";
  };
  const send = (value, extra) => {
    const data = new FormData();
    for (const name of ["catalogue", "standard"]) data.set(name, form.elements[name].value);
    data.set("version", form.dataset.version);
    data.set("cell", value);
    data.set("edit_id", crypto.randomUUID ? crypto.randomUUID() : String(Math.random()));
    for (const [k, v] of Object.entries(extra || {})) data.set(k, v);
    return post("/mapping/edit", data).then(({ status: code, body }) => {
      say(body.message, !body.ok);
      if (body.ok) {
        form.dataset.version = body.version;
        for (const change of body.changes) redraw(change);
      }
      const list = document.getElementById("problems");
      list.replaceChildren(...body.problems.map((p) => Object.assign(document.createElement("li"), { textContent: p })));
      return body;
    });
  };
  // An edit saved by this page or, since the page loaded, by another one.
  const redraw = (change) => {
    if (change.op === "level") {
      const select = form.elements[`level-${change.course}`];
      if (select) select.value = change.level === null ? "" : String(change.level);
      return;
    }
    const cell = cells.find((c) => c.dataset.course === change.course && c.dataset.item === change.item);
    if (!cell) return;
    const on = change.op === "claim";
    cell.setAttribute("aria-pressed", on ? "true" : "false");
    cell.textContent = on ? "●" : "";
    cell.value = `${on ? "unclaim" : "claim"} ${change.course} ${change.item}`;
  };
  const toggle = (cell) => send(cell.value);
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    event.preventDefault();
    if (button.classList.contains("cell")) toggle(button);
    else if (button.classList.contains("set-level")) {
      const course = button.value.split(" ")[1];
      send(button.value, { level: form.elements[`level-${course}`].value });
    } else if (button.classList.contains("accept")) send(button.value).then((b) => b.ok && location.reload());
    else if (button.id === "undo") {
      const data = new FormData();
      for (const name of ["catalogue", "standard"]) data.set(name, form.elements[name].value);
      data.set("version", form.dataset.version);
      data.set("undo", "1");
      data.set("edit_id", crypto.randomUUID ? crypto.randomUUID() : String(Math.random()));
      post("/mapping/edit", data).then(({ body }) => (body.ok ? location.reload() : say(body.message, true)));
    }
  });
  form.addEventListener("keydown", (event) => {
    const cell = event.target.closest("button.cell");
    if (!cell) return;
    const at = cells.indexOf(cell);
    const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: width, ArrowUp: -width };
    if (event.key in moves) {
      const next = cells[at + moves[event.key]];
      if (next) {
        cell.tabIndex = -1;
        next.tabIndex = 0;
        next.focus();
      }
      event.preventDefault();
    } else if (/^[0-9]$/.test(event.key)) {
      const course = cell.dataset.course;
      form.elements[`level-${course}`].value = event.key === "0" ? "" : event.key;
      send(`level ${course}`, { level: event.key === "0" ? "" : event.key });
      event.preventDefault();
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("progress");
  if (box) watchPlan(box);
  const form = document.getElementById("editor");
  if (form) editor(form);
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
  }
});
