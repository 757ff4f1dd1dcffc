// propwatch workspace: small helpers shared by the pages (no external libraries).
// Actions go through the JSON API with the session's CSRF token; text from the server is
// only ever inserted with textContent.
"use strict";

function csrfToken() {
  const m = document.querySelector('meta[name="csrf-token"]');
  return m ? m.content : "";
}

/** fetch() a JSON API route; resolves to the parsed body, rejects with the API's message. */
async function api(method, url, body) {
  const headers = { "Accept": "application/json", "X-CSRF-Token": csrfToken() };
  const options = { method: method, headers: headers, credentials: "same-origin" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(url, options);
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  if (!response.ok) {
    let message = response.status + " " + response.statusText;
    if (data && data.detail) {
      message = typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail);
    }
    throw new Error(message);
  }
  return data;
}

// -- media: blurred until an analyst reveals it ------------------------------------------------
function showMedia(slot, placeholder, media) {
  const box = document.createElement("div");
  box.className = "media-revealed";
  const title = document.createElement("strong");
  title.textContent = "Media reference";
  box.appendChild(title);
  const list = document.createElement("dl");
  const entries = media && typeof media === "object" ? Object.entries(media) : [];
  for (const [key, value] of entries) {
    if (key === "blurred" || value === null || value === undefined || value === "") continue;
    const dt = document.createElement("dt");
    dt.textContent = key;
    const dd = document.createElement("dd");
    const text = typeof value === "object" ? JSON.stringify(value) : String(value);
    const bdi = document.createElement("bdi");
    bdi.textContent = text.length > 2000 ? text.slice(0, 2000) + "…" : text;
    dd.appendChild(bdi);
    list.append(dt, dd);
  }
  if (!list.childElementCount) {
    const p = document.createElement("p");
    p.textContent = "The export holds no reference for this media.";
    box.appendChild(p);
  }
  box.appendChild(list);
  slot.replaceChildren(box);
  if (placeholder) placeholder.classList.add("revealed");
}

document.addEventListener("click", async (event) => {
  const button = event.target.closest("#reveal-media");
  if (!button) return;
  const slot = document.getElementById("media-slot");
  const placeholder = document.getElementById("media-placeholder");
  button.disabled = true;
  try {
    const data = await api("POST", "/api/items/" + encodeURIComponent(button.dataset.item) + "/reveal");
    showMedia(slot, placeholder, data && data.media !== undefined ? data.media : data);
    button.hidden = true;
  } catch (err) {
    slot.textContent = "Could not reveal: " + err.message;
    button.disabled = false;
  }
});

// -- labels: confirm or reject a detection --------------------------------------------------
document.addEventListener("click", async (event) => {
  const button = event.target.closest(".label-confirm, .label-reject");
  if (!button) return;
  const row = button.closest(".label-row");
  if (!row) return;
  const decision = button.classList.contains("label-confirm") ? "confirm" : "reject";
  const status = row.querySelector(".label-status");
  const noteInput = row.querySelector(".label-note");
  const body = { item: Number(row.dataset.item), label: row.dataset.label, decision: decision };
  if (noteInput && noteInput.value.trim()) body.note = noteInput.value.trim();
  const buttons = row.querySelectorAll("button");
  buttons.forEach((b) => { b.disabled = true; });
  row.classList.remove("label-error");
  try {
    await api("POST", "/api/labels", body);
    row.classList.add("label-done");
    row.dataset.decision = decision;
    buttons.forEach((b) => { b.setAttribute("aria-pressed", String(b === button)); });
    if (status) status.textContent = decision === "confirm" ? "confirmed" : "rejected";
  } catch (err) {
    row.classList.add("label-error");
    if (status) status.textContent = "failed: " + err.message;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
});

// -- alert inbox: mark seen / closed --------------------------------------------------------
document.addEventListener("click", async (event) => {
  const button = event.target.closest(".alert-status");
  if (!button) return;
  const item = button.closest(".alert");
  if (!item) return;
  const wanted = button.dataset.status;
  const actions = item.querySelectorAll(".alert-status");
  actions.forEach((b) => { b.disabled = true; });
  const state = item.querySelector(".alert-state");
  try {
    await api("PATCH", "/api/alerts/" + encodeURIComponent(item.dataset.id), { status: wanted });
    const before = item.dataset.status;
    item.classList.remove("status-" + before);
    item.classList.add("status-" + wanted);
    item.dataset.status = wanted;
    if (state) state.textContent = wanted;
    actions.forEach((b) => { b.hidden = b.dataset.status === wanted; b.disabled = false; });
    const badge = document.getElementById("alert-badge");
    if (badge && before !== wanted && (before === "new" || wanted === "new")) {
      const count = Math.max(0, Number(badge.textContent) + (wanted === "new" ? 1 : -1));
      badge.textContent = String(count);
      badge.hidden = count === 0;
    }
  } catch (err) {
    if (state) state.textContent = "failed: " + err.message;
    actions.forEach((b) => { b.disabled = false; });
  }
});
