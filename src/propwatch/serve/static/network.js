// propwatch channel network: a small force-directed layout drawn on <canvas>, no libraries.
// Data: GET /api/graph/channels -> {nodes: [{id, name, known, messages, pagerank, community}],
// edges: [{source, target, weight, kinds}]}. Node size: PageRank; colour: community; hollow:
// a channel known only from references. Drag nodes, drag the background to pan, wheel to
// zoom, hover for details, click a stored channel to list its propaganda items.
// Names from the data are drawn with fillText or set with textContent, never as HTML.
"use strict";
(function () {
  const canvas = document.getElementById("network-canvas");
  if (!canvas) return;
  const ctx = canvas.getContext("2d");
  const status = document.getElementById("network-status");
  const tip = document.getElementById("network-tip");
  const table = document.querySelector("#network-list tbody");
  const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
    "#332288", "#882255", "#117733", "#999933", "#44AA99", "#AA4499"];
  const NO_COMMUNITY = "#9aa0a6";
  const MAX_NODES = 400;
  const MAX_EDGES = 3000;
  const LABELLED = 12;

  let nodes = [];
  let edges = [];
  let view = { x: 0, y: 0, k: 1 }; // screen = world * k + (x, y), in CSS pixels
  let alpha = 0;
  let ticks = 0;
  let frame = 0;
  let hover = null;
  let drag = null; // {node, moved} or {pan: true, sx, sy, vx, vy, moved}
  let touched = false; // the user moved the view: do not refit

  function colour(node) {
    if (node.community === null || node.community === undefined) return NO_COMMUNITY;
    return COLOURS[(Number(node.community) - 1 + COLOURS.length * 100) % COLOURS.length];
  }

  function setStatus(text) { if (status) status.textContent = text; }

  function sourceUrl() {
    const params = new URLSearchParams();
    if (canvas.dataset.since) params.set("since", canvas.dataset.since);
    if (canvas.dataset.until) params.set("until", canvas.dataset.until);
    params.set("max_nodes", String(MAX_NODES));
    return (canvas.dataset.src || "/api/graph/channels") + "?" + params.toString();
  }

  // -- data ----------------------------------------------------------------------------------
  function prepare(data) {
    const raw = data && Array.isArray(data.nodes) ? data.nodes : [];
    const list = raw
      .filter((n) => n && typeof n.id === "string")
      .map((n) => ({
        id: n.id,
        name: typeof n.name === "string" && n.name ? n.name : n.id,
        known: n.known !== false,
        messages: Number(n.messages) || 0,
        pagerank: Number(n.pagerank) || 0,
        community: n.community === null || n.community === undefined ? null : Number(n.community),
        x: 0, y: 0, vx: 0, vy: 0, r: 4, fixed: false, degree: 0,
      }))
      .sort((a, b) => b.pagerank - a.pagerank)
      .slice(0, MAX_NODES);
    const byId = new Map(list.map((n) => [n.id, n]));
    const rawEdges = data && Array.isArray(data.edges) ? data.edges : [];
    const links = [];
    for (const e of rawEdges) {
      if (links.length >= MAX_EDGES) break;
      const s = e && byId.get(e.source);
      const t = e && byId.get(e.target);
      if (!s || !t || s === t) continue;
      links.push({ s: s, t: t, weight: Math.max(1, Number(e.weight) || 1), kinds: e.kinds || {} });
      s.degree += 1;
      t.degree += 1;
    }
    const top = list.length ? Math.max(...list.map((n) => n.pagerank)) || 1 : 1;
    const golden = Math.PI * (3 - Math.sqrt(5));
    list.forEach((n, i) => {
      n.r = 4 + 22 * Math.sqrt(n.pagerank / top);
      const radius = 14 * Math.sqrt(i + 1);
      n.x = radius * Math.cos(i * golden);
      n.y = radius * Math.sin(i * golden);
    });
    return [list, links];
  }

  // -- layout --------------------------------------------------------------------------------
  function tick() {
    const n = nodes.length;
    const repulse = 900;
    for (let i = 0; i < n; i++) {
      const a = nodes[i];
      for (let j = i + 1; j < n; j++) {
        const b = nodes[j];
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = Math.random() - 0.5; dy = Math.random() - 0.5; d2 = 0.5; }
        if (d2 > 250000) continue;
        const f = (repulse * alpha) / d2;
        const d = Math.sqrt(d2);
        const fx = (dx / d) * f;
        const fy = (dy / d) * f;
        a.vx -= fx; a.vy -= fy;
        b.vx += fx; b.vy += fy;
      }
    }
    for (const e of edges) {
      const dx = e.t.x - e.s.x;
      const dy = e.t.y - e.s.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const rest = 40 + e.s.r + e.t.r;
      const strength = 0.06 * Math.min(3, 1 + Math.log(e.weight)) * alpha;
      const f = ((d - rest) / d) * strength;
      const bias = e.s.degree / (e.s.degree + e.t.degree);
      e.t.vx -= dx * f * bias; e.t.vy -= dy * f * bias;
      e.s.vx += dx * f * (1 - bias); e.s.vy += dy * f * (1 - bias);
    }
    for (const node of nodes) {
      node.vx -= node.x * 0.012 * alpha;
      node.vy -= node.y * 0.012 * alpha;
      if (node.fixed) { node.vx = 0; node.vy = 0; continue; }
      node.vx *= 0.6; node.vy *= 0.6;
      node.x += Math.max(-50, Math.min(50, node.vx));
      node.y += Math.max(-50, Math.min(50, node.vy));
    }
    alpha *= 0.985;
    ticks += 1;
  }

  function run() {
    if (frame) return;
    const step = () => {
      for (let i = 0; i < 3 && alpha > 0.01; i++) tick();
      if (!touched) fit();
      draw();
      if (alpha > 0.01) frame = requestAnimationFrame(step);
      else frame = 0;
    };
    frame = requestAnimationFrame(step);
  }

  function heat(value) { alpha = Math.max(alpha, value); run(); }

  // -- view ----------------------------------------------------------------------------------
  function size() {
    const rect = canvas.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    const w = Math.max(200, Math.round(rect.width));
    const h = Math.max(200, Math.round(rect.height));
    if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
    }
    return { w: w, h: h, ratio: ratio };
  }

  function fit() {
    if (!nodes.length) return;
    const { w, h } = size();
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const n of nodes) {
      minX = Math.min(minX, n.x - n.r); maxX = Math.max(maxX, n.x + n.r);
      minY = Math.min(minY, n.y - n.r); maxY = Math.max(maxY, n.y + n.r);
    }
    const pad = 30;
    const k = Math.min((w - 2 * pad) / Math.max(1, maxX - minX), (h - 2 * pad) / Math.max(1, maxY - minY), 3);
    view.k = Math.max(0.05, k);
    view.x = w / 2 - ((minX + maxX) / 2) * view.k;
    view.y = h / 2 - ((minY + maxY) / 2) * view.k;
  }

  function toWorld(px, py) { return { x: (px - view.x) / view.k, y: (py - view.y) / view.k }; }

  function pointer(event) {
    const rect = canvas.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  function nodeAt(px, py) {
    const p = toWorld(px, py);
    let best = null;
    let bestD = Infinity;
    for (const n of nodes) {
      const d = Math.hypot(n.x - p.x, n.y - p.y);
      const reach = n.r + 4 / view.k;
      if (d <= reach && d < bestD) { best = n; bestD = d; }
    }
    return best;
  }

  // -- drawing -------------------------------------------------------------------------------
  function label(text) { return text.length > 40 ? text.slice(0, 39) + "…" : text; }

  function draw() {
    const { w, h, ratio } = size();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.save();
    ctx.translate(view.x, view.y);
    ctx.scale(view.k, view.k);
    const maxW = edges.reduce((m, e) => Math.max(m, e.weight), 1);
    for (const e of edges) {
      const near = hover && (e.s === hover || e.t === hover);
      ctx.strokeStyle = near ? "rgba(11,92,173,0.85)" : "rgba(80,90,100," + (0.15 + 0.45 * e.weight / maxW) + ")";
      ctx.lineWidth = (0.6 + 3 * Math.sqrt(e.weight / maxW)) / view.k;
      const dx = e.t.x - e.s.x;
      const dy = e.t.y - e.s.y;
      const d = Math.hypot(dx, dy) || 1;
      const ex = e.t.x - (dx / d) * e.t.r;
      const ey = e.t.y - (dy / d) * e.t.r;
      ctx.beginPath();
      ctx.moveTo(e.s.x, e.s.y);
      ctx.lineTo(ex, ey);
      ctx.stroke();
      const head = 6 / view.k;
      const angle = Math.atan2(dy, dx);
      ctx.beginPath();
      ctx.moveTo(ex, ey);
      ctx.lineTo(ex - head * Math.cos(angle - 0.4), ey - head * Math.sin(angle - 0.4));
      ctx.lineTo(ex - head * Math.cos(angle + 0.4), ey - head * Math.sin(angle + 0.4));
      ctx.closePath();
      ctx.fillStyle = ctx.strokeStyle;
      ctx.fill();
    }
    for (const n of nodes) {
      ctx.beginPath();
      ctx.arc(n.x, n.y, n.r, 0, 2 * Math.PI);
      if (n.known) {
        ctx.fillStyle = colour(n);
        ctx.fill();
        ctx.lineWidth = (n === hover ? 3 : 1) / view.k;
        ctx.strokeStyle = "#1f2933";
        ctx.stroke();
      } else {
        ctx.fillStyle = "#ffffff";
        ctx.fill();
        ctx.lineWidth = (n === hover ? 3.5 : 2) / view.k;
        ctx.strokeStyle = colour(n);
        ctx.stroke();
      }
    }
    ctx.restore();
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    nodes.forEach((n, i) => {
      if (i >= LABELLED && n !== hover) return;
      const sx = n.x * view.k + view.x + n.r * view.k + 4;
      const sy = n.y * view.k + view.y;
      const text = label(n.name);
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(text, sx, sy);
      ctx.fillStyle = n === hover ? "#0b5cad" : "#1d1d1f";
      ctx.fillText(text, sx, sy);
    });
    canvas.dataset.nodes = String(nodes.length);
    canvas.dataset.edges = String(edges.length);
  }

  function showTip(node, px, py) {
    if (!tip) return;
    if (!node) { tip.hidden = true; return; }
    const name = document.createElement("bdi");
    name.textContent = node.name;
    const lines = [
      node.id !== node.name ? node.id : null,
      node.known ? node.messages + " messages stored" : "seen only through references",
      "PageRank " + node.pagerank.toFixed(4) +
        (node.community ? " · community " + node.community : ""),
      node.degree + " link" + (node.degree === 1 ? "" : "s") + " shown",
    ].filter(Boolean);
    tip.replaceChildren(name);
    for (const line of lines) {
      const div = document.createElement("div");
      div.textContent = line;
      tip.appendChild(div);
    }
    tip.hidden = false;
    const wrap = canvas.getBoundingClientRect();
    tip.style.left = Math.min(px + 14, wrap.width - 200) + "px";
    tip.style.top = (py + 14) + "px";
  }

  function fillTable() {
    if (!table) return;
    const rows = nodes.slice(0, 30).map((n) => {
      const tr = document.createElement("tr");
      const cells = [n.name, String(n.messages), n.pagerank.toFixed(4),
        n.community ? String(n.community) : "—", n.known ? "yes" : "no"];
      cells.forEach((value, i) => {
        const td = document.createElement("td");
        if (i === 0) {
          const bdi = document.createElement("bdi");
          bdi.textContent = value;
          td.appendChild(bdi);
        } else {
          td.textContent = value;
          if (i < 4) td.className = "n";
        }
        tr.appendChild(td);
      });
      return tr;
    });
    table.replaceChildren(...rows);
  }

  // -- interaction ---------------------------------------------------------------------------
  canvas.addEventListener("pointerdown", (event) => {
    const p = pointer(event);
    const node = nodeAt(p.x, p.y);
    canvas.setPointerCapture(event.pointerId);
    canvas.classList.add("dragging");
    if (node) {
      drag = { node: node, moved: false, sx: p.x, sy: p.y };
      node.fixed = true;
    } else {
      drag = { pan: true, sx: p.x, sy: p.y, vx: view.x, vy: view.y, moved: false };
    }
  });

  canvas.addEventListener("pointermove", (event) => {
    const p = pointer(event);
    if (drag) {
      if (Math.hypot(p.x - drag.sx, p.y - drag.sy) > 3) drag.moved = true;
      if (!drag.moved) return;
      touched = true;
      if (drag.node) {
        const w = toWorld(p.x, p.y);
        drag.node.x = w.x;
        drag.node.y = w.y;
        heat(0.3);
      } else {
        view.x = drag.vx + (p.x - drag.sx);
        view.y = drag.vy + (p.y - drag.sy);
      }
      draw();
      showTip(drag.node || null, p.x, p.y);
      return;
    }
    const found = nodeAt(p.x, p.y);
    if (found !== hover) {
      hover = found;
      canvas.style.cursor = found ? "pointer" : "";
      draw();
    }
    showTip(found, p.x, p.y);
  });

  function release(event) {
    if (!drag) return;
    const ended = drag;
    drag = null;
    canvas.classList.remove("dragging");
    if (canvas.hasPointerCapture(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
    if (ended.node && !ended.moved) {
      ended.node.fixed = false;
      if (ended.node.known) {
        const params = new URLSearchParams({ channel: ended.node.id, label: "propaganda" });
        window.location.assign("/search?" + params.toString());
      }
    }
  }
  canvas.addEventListener("pointerup", release);
  canvas.addEventListener("pointercancel", release);
  canvas.addEventListener("pointerleave", () => {
    if (!drag && hover) { hover = null; draw(); }
    showTip(null, 0, 0);
  });

  canvas.addEventListener("wheel", (event) => {
    event.preventDefault();
    touched = true;
    const p = pointer(event);
    const factor = Math.exp(-event.deltaY * 0.0015);
    const k = Math.max(0.05, Math.min(20, view.k * factor));
    view.x = p.x - ((p.x - view.x) / view.k) * k;
    view.y = p.y - ((p.y - view.y) / view.k) * k;
    view.k = k;
    draw();
  }, { passive: false });

  const reset = document.getElementById("network-reset");
  if (reset) {
    reset.addEventListener("click", () => {
      touched = false;
      nodes.forEach((n) => { n.fixed = false; });
      fit();
      heat(0.5);
    });
  }

  window.addEventListener("resize", () => { if (!touched) fit(); draw(); });

  // -- start ---------------------------------------------------------------------------------
  async function load() {
    try {
      const response = await fetch(sourceUrl(), {
        credentials: "same-origin", headers: { "Accept": "application/json" },
      });
      if (!response.ok) throw new Error(response.status + " " + response.statusText);
      const data = await response.json();
      [nodes, edges] = prepare(data);
      for (let i = 0; i < 60; i++) { alpha = 1; tick(); }
      alpha = 0.6;
      fit();
      draw();
      fillTable();
      const more = data && data.truncated ? " (the best by PageRank; more exist)" : "";
      setStatus(nodes.length + " channels" + more + ", " + edges.length + " links.");
      if (!nodes.length) setStatus("No channels in this period.");
      run();
    } catch (err) {
      nodes = [];
      edges = [];
      canvas.dataset.nodes = "0";
      canvas.dataset.error = "1";
      setStatus("Could not load the network: " + err.message);
    }
  }
  load();
})();
