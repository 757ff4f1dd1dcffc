// propwatch workspace: small helpers shared by the pages (no external libraries).
"use strict";
function csrfToken() {
  const m = document.querySelector('meta[name="csrf-token"]');
  return m ? m.content : "";
}
