/* The lineage page: draws the embedded graph with vis-network, filters, search and the side panel.
 * Every text from the data is written with textContent: document titles are never parsed as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("lineage-data").textContent);
  // Group nodes ("12 dự án") stand for their members until opened; the members are in the data all along.
  var nodes = new vis.DataSet(data.nodes.concat(data.groups || []));
  var edges = new vis.DataSet(data.edges.concat(data.group_edges || []));
  var hiddenKinds = new Set();
  var hiddenRelations = new Set();
  var opened = new Set();
  var groupOf = {};
  nodes.forEach(function (n) { if (n.member_of) { groupOf[n.id] = n.member_of; } });
  // A member is drawn once its group is opened, under the group, linked to it; its own relations are
  // drawn as the group's (one edge per neighbour and relation, with the count) and listed in its panel.
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) { return !hiddenKinds.has(n.kind) && (!n.member_of || opened.has(n.member_of)); }
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      if (e.group_link) { return opened.has(e.from); }
      return !hiddenRelations.has(e.rel) && !groupOf[e.from] && !groupOf[e.to];
    }
  });
  var container = document.getElementById("lineage-graph");
  var state = { drawn: false, drawnAt: null, draws: 0, routed: 0, crossings: 0, viewed: false };
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  window.lineage = {
    nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, network: network, state: state,
    focus: data.focus, select: selectNode, find: findNode, open: openGroup, close: closeGroup,
    route: route, boxes: nodeBoxes
  };
  var routing = false;
  network.on("afterDrawing", function () {
    state.draws += 1;
    if (routing) { return; }
    if (!state.routed) {  // sizes are known once drawn: route, then open the view (once)
      var first = !state.viewed;
      state.viewed = true;
      routing = true;
      try { route(); } finally { routing = false; }
      if (first) { openView(); }
      return;
    }
    if (!state.drawn) { state.drawn = true; state.drawnAt = performance.now(); }
  });

  // ---- edge routing: no edge runs through a node it does not touch ------------------------------
  // Each edge is tried straight, then curved (vis-network's curvedCW / curvedCCW, growing roundness);
  // the first shape whose curve clears every other node's box is kept.
  var PAD = 4, CELL = 160;
  var SHAPES = [{ enabled: false }];
  [0.02, 0.05, 0.08, 0.12, 0.17, 0.23, 0.3, 0.4, 0.5, 0.62, 0.75, 0.9, 1.05, 1.25, 1.5].forEach(function (r) {
    SHAPES.push({ enabled: true, type: "curvedCW", roundness: r });
    SHAPES.push({ enabled: true, type: "curvedCCW", roundness: r });
    if (r <= 1) {
      SHAPES.push({ enabled: true, type: "vertical", roundness: r });
      SHAPES.push({ enabled: true, type: "horizontal", roundness: r });
      SHAPES.push({ enabled: true, type: "cubicBezier", forceDirection: "vertical", roundness: r });
      SHAPES.push({ enabled: true, type: "cubicBezier", forceDirection: "horizontal", roundness: r });
    }
  });

  function nodeBoxes(pad) {
    var list = [];
    nodeView.getIds().forEach(function (id) {
      var b = network.getBoundingBox(id);
      if (b) { list.push({ id: id, l: b.left - pad, r: b.right + pad, t: b.top - pad, b: b.bottom + pad }); }
    });
    return list;
  }

  function gridOf(boxes) {
    var cells = {};
    boxes.forEach(function (box) {
      for (var i = Math.floor(box.l / CELL); i <= Math.floor(box.r / CELL); i++) {
        for (var j = Math.floor(box.t / CELL); j <= Math.floor(box.b / CELL); j++) {
          (cells[i + "," + j] = cells[i + "," + j] || []).push(box);
        }
      }
    });
    return cells;
  }

  function viaPoint(f, t, smooth) {  // vis-network's control point of a quadratic (static) edge
    if (smooth.type === "vertical") {
      var up = (1 - smooth.roundness) * Math.abs(f.y - t.y);
      return { x: f.x, y: t.y + (f.y < t.y ? -up : up) };
    }
    if (smooth.type === "horizontal") {
      var side = (1 - smooth.roundness) * Math.abs(f.x - t.x);
      return { x: t.x + (f.x < t.x ? -side : side), y: f.y };
    }
    var dx = t.x - f.x, dy = f.y - t.y, radius = Math.sqrt(dx * dx + dy * dy), r = smooth.roundness;
    var turn = smooth.type === "curvedCW" ? 0.5 * r + 0.5 : -0.5 * r + 0.5;
    var angle = (Math.atan2(dy, dx) + turn * Math.PI) % (2 * Math.PI);
    return { x: f.x + (0.5 * r + 0.5) * radius * Math.sin(angle), y: f.y + (0.5 * r + 0.5) * radius * Math.cos(angle) };
  }

  function cubicVia(f, t, smooth) {  // vis-network's two control points of a cubicBezier edge
    var dx = f.x - t.x, dy = f.y - t.y, r = smooth.roundness;
    if (smooth.forceDirection === "horizontal") {
      return [{ x: f.x - r * dx, y: f.y }, { x: t.x + r * dx, y: t.y }];
    }
    return [{ x: f.x, y: f.y - r * dy }, { x: t.x, y: t.y + r * dy }];
  }

  function curve(f, t, smooth) {
    if (!smooth.enabled) { return [f, t]; }
    var n = 32, pts = [], i, s;
    if (smooth.type === "cubicBezier") {
      var c = cubicVia(f, t, smooth);
      for (i = 0; i <= n; i++) {
        s = i / n;
        var k0 = Math.pow(1 - s, 3), k1 = 3 * s * (1 - s) * (1 - s), k2 = 3 * s * s * (1 - s), k3 = s * s * s;
        pts.push({ x: k0 * f.x + k1 * c[0].x + k2 * c[1].x + k3 * t.x, y: k0 * f.y + k1 * c[0].y + k2 * c[1].y + k3 * t.y });
      }
      return pts;
    }
    var v = viaPoint(f, t, smooth);
    for (i = 0; i <= n; i++) {
      s = i / n;
      var a = (1 - s) * (1 - s), b = 2 * (1 - s) * s, q = s * s;
      pts.push({ x: a * f.x + b * v.x + q * t.x, y: a * f.y + b * v.y + q * t.y });
    }
    return pts;
  }

  function segmentHits(p, q, box) {  // Liang-Barsky: does segment pq meet the box?
    var t0 = 0, t1 = 1, dx = q.x - p.x, dy = q.y - p.y;
    var checks = [[-dx, p.x - box.l], [dx, box.r - p.x], [-dy, p.y - box.t], [dy, box.b - p.y]];
    for (var i = 0; i < 4; i++) {
      var pp = checks[i][0], qq = checks[i][1];
      if (pp === 0) { if (qq < 0) { return false; } continue; }
      var r = qq / pp;
      if (pp < 0) { if (r > t1) { return false; } if (r > t0) { t0 = r; } } else { if (r < t0) { return false; } if (r < t1) { t1 = r; } }
    }
    return true;
  }

  function crossings(pts, from, to, cells) {  // the ids of the nodes the curve runs through
    var hit = new Set();
    for (var k = 1; k < pts.length; k++) {
      var p = pts[k - 1], q = pts[k];
      for (var i = Math.floor(Math.min(p.x, q.x) / CELL); i <= Math.floor(Math.max(p.x, q.x) / CELL); i++) {
        for (var j = Math.floor(Math.min(p.y, q.y) / CELL); j <= Math.floor(Math.max(p.y, q.y) / CELL); j++) {
          (cells[i + "," + j] || []).forEach(function (box) {
            if (box.id !== from && box.id !== to && !hit.has(box.id) && segmentHits(p, q, box)) { hit.add(box.id); }
          });
        }
      }
    }
    return hit;
  }

  function bestShape(e, pos, cells) {  // the first shape that clears every node, else the one that hits fewest
    var f = pos[e.from], t = pos[e.to], best = { shape: SHAPES[0], hits: new Set(), size: Infinity };
    for (var i = 0; i < SHAPES.length && best.size > 0; i++) {
      var pts = curve(f, t, SHAPES[i]), hits = crossings(pts, e.from, e.to, cells);
      if (hits.size < best.size) { best = { shape: SHAPES[i], hits: hits, size: hits.size, box: extent(pts) }; }
    }
    return best;
  }

  function extent(pts) {
    var box = { l: Infinity, r: -Infinity, t: Infinity, b: -Infinity };
    pts.forEach(function (p) {
      box.l = Math.min(box.l, p.x); box.r = Math.max(box.r, p.x); box.t = Math.min(box.t, p.y); box.b = Math.max(box.b, p.y);
    });
    return box;
  }

  function overlaps(a, boxes) {
    return boxes.some(function (b) { return b.id !== a.id && a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b; });
  }

  // Where no shape clears an edge, the node in its way moves sideways (never onto another node) when
  // that leaves fewer crossings over the whole page.
  var NUDGES = [];
  [0, -30, 30, -50, 50].forEach(function (dy) {
    [60, -60, 120, -120, 180, -180, 260, -260, 360, -360, 480, -480, 640, -640, 840, -840].forEach(function (dx) { NUDGES.push([dx, dy]); });
  });
  // A bound on the work (moves tried), not on the time: the same page is drawn the same on any machine.
  var MAX_TRIALS = 4000;
  function untangle(list, pos, boxes, plan) {
    var moves = {}, cells = gridOf(boxes), focus = new Set(data.focus), trials = 0;
    function total(p) { return list.reduce(function (n, e) { return n + p[e.id].size; }, 0); }
    for (var round = 0; round < 6; round++) {
      var bad = list.filter(function (e) { return plan[e.id].size > 0; });
      if (!bad.length) { break; }
      var improved = false;
      bad.forEach(function (e) {
        Array.from(plan[e.id].hits).concat([e.to, e.from]).forEach(function (id) {
          if (focus.has(id) || !plan[e.id].size || trials >= MAX_TRIALS) { return; }
          var index = boxes.findIndex(function (b) { return b.id === id; }), box = boxes[index];
          for (var k = 0; k < NUDGES.length && trials < MAX_TRIALS; k++) {
            var dx = NUDGES[k][0], dy = NUDGES[k][1];
            var moved = { id: id, l: box.l + dx, r: box.r + dx, t: box.t + dy, b: box.b + dy };
            if (overlaps(moved, boxes)) { continue; }
            trials += 1;
            var tryBoxes = boxes.slice(); tryBoxes[index] = moved;
            var tryCells = gridOf(tryBoxes), tryPos = Object.assign({}, pos), tryPlan = Object.assign({}, plan);
            tryPos[id] = { x: pos[id].x + dx, y: pos[id].y + dy };
            list.forEach(function (x) {  // only edges the move can change: its own, the ones it blocked,
              var now = plan[x.id];      // and the ones its new place blocks
              var near = now.box.l <= moved.r && moved.l <= now.box.r && now.box.t <= moved.b && moved.t <= now.box.b;
              if (x.from === id || x.to === id || now.hits.has(id) || (near &&
                  crossings(curve(tryPos[x.from], tryPos[x.to], now.shape), x.from, x.to, tryCells).size !== now.size)) {
                tryPlan[x.id] = bestShape(x, tryPos, tryCells);
              }
            });
            if (total(tryPlan) < total(plan)) {
              boxes[index] = moved; pos[id] = tryPos[id]; cells = tryCells; moves[id] = tryPos[id];
              list.forEach(function (x) { plan[x.id] = tryPlan[x.id]; });
              improved = true;
              break;
            }
          }
        });
      });
      if (!improved) { break; }
    }
    state.trials = trials;
    return moves;
  }

  // vis-network measures a node (and so its box) only when it draws it: on screen and, for its label,
  // above the label's draw threshold. Draw everything once, labels included, then go back to the view.
  function measureAll() {
    var view = { position: network.getViewPosition(), scale: network.getScale() };
    network.setOptions({ nodes: { scaling: { label: { drawThreshold: 0 } } } });
    network.fit({ animation: false });
    network.redraw();
    network.setOptions({ nodes: { scaling: { label: { drawThreshold: LABEL_THRESHOLD } } } });
    return view;
  }
  var LABEL_THRESHOLD = 5;  // vis-network's default
  // Above these many drawn edges, nodes are not moved aside / edges are not routed (pages stay fast).
  var UNTANGLE_MAX_EDGES = 600, ROUTE_MAX_EDGES = 600;

  function route() {
    var started = performance.now(), pos = network.getPositions(), list = [];
    edgeView.forEach(function (e) { if (pos[e.from] && pos[e.to] && e.from !== e.to) { list.push(e); } });
    if (list.length > ROUTE_MAX_EDGES) {  // a very big page stays fast: edges straight, as drawn
      state.routed += 1;
      state.crossings = null;  // not checked
      network.redraw();
      return;
    }
    var view = measureAll(), boxes = nodeBoxes(PAD), cells = gridOf(boxes), plan = {}, changes = [];
    var t1 = performance.now();
    list.forEach(function (e) { plan[e.id] = bestShape(e, pos, cells); });
    var t2 = performance.now();
    var moves = list.length <= UNTANGLE_MAX_EDGES ? untangle(list, pos, boxes, plan) : {};
    state.timing = { measure: Math.round(t1 - started), shapes: Math.round(t2 - t1), untangle: Math.round(performance.now() - t2) };
    var moved = Object.keys(moves).map(function (id) { return { id: id, x: moves[id].x, y: moves[id].y }; });
    list.forEach(function (e) {
      var best = plan[e.id].shape, now = e.smooth || {};
      if (now.enabled !== best.enabled || now.type !== best.type || now.roundness !== best.roundness ||
          now.forceDirection !== best.forceDirection) {
        changes.push({ id: e.id, smooth: best });
      }
    });
    state.routed += 1;
    state.routeMs = performance.now() - started;
    state.crossings = list.reduce(function (n, e) { return n + plan[e.id].size; }, 0);
    network.moveTo({ position: view.position, scale: view.scale, animation: false });
    if (moved.length) { nodes.update(moved); }
    if (changes.length) { edges.update(changes); }
    if (!moved.length && !changes.length) { network.redraw(); }
  }

  // Open on the focus with its direct neighbours (bases, agencies, groups), readable at any size.
  var MIN_SCALE = 0.6;
  function openView() {
    var focus = data.focus.filter(function (id) { return nodeView.get(id); });
    if (!focus.length) { network.fit({ animation: false }); return; }
    var near = focus.concat(network.getConnectedNodes(focus[0]));
    network.fit({ nodes: near, animation: false });
    if (network.getScale() < MIN_SCALE) {
      network.moveTo({ position: network.getPositions([focus[0]])[focus[0]], scale: MIN_SCALE, animation: false });
    }
  }

  // ---- groups -------------------------------------------------------------------------------------
  // Opened members fan out under their group, below everything drawn, on two interleaved arcs (centred
  // under the group, at the bottom of the page): each line to a member passes between the inner ones.
  var MIN_ANGLE = 0.6, HALF_WIDTH = 130, RING = 110;
  function openGroup(id) {
    var g = nodes.get(id);
    if (!g || !g.is_group || opened.has(id)) { return false; }
    var bottom = -Infinity;
    nodeBoxes(0).forEach(function (b) { bottom = Math.max(bottom, b.b); });
    var n = g.members.length, spread = Math.PI - 2 * MIN_ANGLE;
    var step = n > 1 ? spread / (n - 1) : 0;
    var inner = Math.max(220, step ? HALF_WIDTH / step : 0), apex = Math.max(g.y, bottom);  // under it all
    var moved = g.members.map(function (m, i) {
      var angle = n > 1 ? MIN_ANGLE + i * step : Math.PI / 2, r = inner + (i % 2) * RING;
      return { id: m, x: g.x + r * Math.cos(angle), y: apex + r * Math.sin(angle) };
    });
    nodes.update(moved);
    opened.add(id);
    refresh();
    network.fit({ nodes: [id].concat(g.members), animation: false });  // the group and what it holds
    if (network.getScale() > 1) { network.moveTo({ scale: 1, animation: false }); }
    return true;
  }

  function closeGroup(id) {
    if (!opened.delete(id)) { return false; }
    refresh();
    return true;
  }

  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    state.routed = 0;  // route again once the new nodes are drawn
    network.redraw();
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } }

  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, "");
  }

  // ---- side panel -------------------------------------------------------------------------------
  var details = document.getElementById("lineage-details");

  function detailList(pairs) {
    var dl = el("dl");
    pairs.forEach(function (p) { dl.appendChild(el("dt", p[0])); dl.appendChild(el("dd", p[1])); });
    return dl;
  }

  function nodeLink(id, text) {
    var n = nodes.get(id);
    var a = el("a", text || (n ? n.label : id), "node-link");
    a.setAttribute("role", "button");
    a.addEventListener("click", function () { selectNode(id); });
    return a;
  }

  function edgeItem(e, outgoing) {
    var li = el("li");
    li.appendChild(el("strong", (outgoing ? "" : "← ") + e.rel_label + (outgoing ? " → " : " ")));
    li.appendChild(nodeLink(outgoing ? e.to : e.from));
    if (e.quote) { li.appendChild(el("span", "“" + e.quote + "”", "quote")); }
    if (e.note) { li.appendChild(el("span", e.note, "source")); }
    if (e.where) { li.appendChild(el("span", e.where, "source")); }
    return li;
  }

  function showNode(id) {
    var n = nodes.get(id);
    if (!n) { return; }
    clear(details);
    details.appendChild(el("h2", "Chi tiết"));
    details.appendChild(el("h3", n.label));
    details.appendChild(detailList(n.details));
    if (n.status_text) { details.appendChild(statusBlock(n)); }
    var out = edges.get({ filter: function (e) { return e.from === id; } });
    var inc = edges.get({ filter: function (e) { return e.to === id; } });
    [[out, true, "Quan hệ đi"], [inc, false, "Quan hệ đến"]].forEach(function (group) {
      if (!group[0].length) { return; }
      details.appendChild(el("h2", group[2] + " (" + group[0].length + ")"));
      var ul = el("ul", null, "links");
      group[0].forEach(function (e) { ul.appendChild(edgeItem(e, group[1])); });
      details.appendChild(ul);
    });
  }

  // the status as `lineage status` computes it: sentence, chain of replacements, sources
  function statusBlock(n) {
    var box = el("div", null, "status-block status-" + n.status.replace(/ /g, "-"));
    box.appendChild(el("h2", "Tình trạng hiệu lực (ngày " + n.as_of + ")"));
    box.appendChild(el("p", n.status_text, "status-text"));
    if (n.chain && n.chain.length) {
      var chain = el("p", "Chuỗi thay thế: ", "status-chain");
      n.chain.forEach(function (d, i) {
        if (i) { chain.appendChild(el("span", " → ")); }
        chain.appendChild(nodes.get(d.key) ? nodeLink(d.key, d.label) : el("span", d.label));
      });
      box.appendChild(chain);
    }
    if (n.status_sources && n.status_sources.length) {
      box.appendChild(el("h2", "Nguồn (" + n.status_sources.length + ")"));
      var ul = el("ul", null, "links status-sources");
      n.status_sources.forEach(function (src) {
        var li = el("li");
        li.appendChild(el("strong", src.what + (src.date ? " (từ " + src.date + ")" : "")));
        if (src.quote) { li.appendChild(el("span", "“" + src.quote + "”", "quote")); }
        if (/^https?:\/\//.test(src.url)) {
          var a = el("a", src.url, "source");
          a.href = src.url; a.target = "_blank"; a.rel = "noopener noreferrer";
          li.appendChild(a);
        } else if (src.where) { li.appendChild(el("span", src.where, "source")); }
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    return box;
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return; }
    clear(details);
    details.appendChild(el("h2", "Chi tiết quan hệ"));
    var h = el("h3");
    h.appendChild(nodeLink(e.from));
    h.appendChild(el("span", " — " + e.rel_label + " → "));
    h.appendChild(nodeLink(e.to));
    details.appendChild(h);
    details.appendChild(detailList(e.details));
  }

  function selectNode(id) {
    var n = nodes.get(id);
    if (!n) { return false; }
    if (hiddenKinds.has(n.kind)) { setKindVisible(n.kind, true); }
    if (groupOf[id] && !opened.has(groupOf[id])) { openGroup(groupOf[id]); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
    showNode(id);
    return true;
  }

  network.on("click", function (p) {
    if (p.nodes.length) {
      var n = nodes.get(p.nodes[0]);
      if (n && n.is_group) { openGroup(n.id); showGroup(n); } else { showNode(p.nodes[0]); }
    } else if (p.edges.length) { showEdge(p.edges[0]); }
  });

  function showGroup(g) {  // the opened group's members in the panel, and a way to fold them again
    clear(details);
    details.appendChild(el("h2", "Chi tiết"));
    details.appendChild(el("h3", g.label));
    details.appendChild(detailList(g.details));
    var ul = el("ul", null, "links");
    g.members.forEach(function (m) { var li = el("li"); li.appendChild(nodeLink(m)); ul.appendChild(li); });
    details.appendChild(ul);
    var fold = el("a", "Thu gọn nhóm", "node-link group-close");
    fold.setAttribute("role", "button");
    fold.addEventListener("click", function () { closeGroup(g.id); });
    details.appendChild(fold);
  }

  // ---- search -----------------------------------------------------------------------------------
  var numbers = document.getElementById("lineage-numbers");
  nodes.forEach(function (n) {
    if (n.number) { var o = document.createElement("option"); o.value = n.number; numbers.appendChild(o); }
  });

  function findNode(text) {
    var q = fold(text);
    if (!q) { return null; }
    var exact = null, partial = null;
    nodes.forEach(function (n) {
      var keys = [fold(n.number), fold(n.label)];
      if (keys.indexOf(q) >= 0) { exact = exact || n.id; } else if (keys.some(function (k) { return k && k.indexOf(q) >= 0; })) {
        partial = partial || n.id;
      }
    });
    return exact || partial;
  }

  var status = document.getElementById("lineage-search-status");
  document.getElementById("lineage-search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = document.getElementById("lineage-search-input").value;
    var id = findNode(text);
    status.textContent = id ? "" : "Không tìm thấy “" + text + "” trong sơ đồ này.";
    if (id) { selectNode(id); }
  });

  // ---- legend and filters -----------------------------------------------------------------------
  var kindBoxes = {};

  function setKindVisible(kind, visible) {
    if (visible) { hiddenKinds.delete(kind); } else { hiddenKinds.add(kind); }
    if (kindBoxes[kind]) { kindBoxes[kind].checked = visible; }
    nodeView.refresh();
  }

  function legendRow(list, swatch, label, count, onChange) {
    var li = el("li");
    var lab = el("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () { onChange(box.checked); });
    lab.appendChild(box);
    lab.appendChild(swatch);
    lab.appendChild(el("span", label));
    li.appendChild(lab);
    li.appendChild(el("span", count, "count"));
    list.appendChild(li);
    return box;
  }

  var kindList = document.getElementById("lineage-kinds");
  data.kinds.forEach(function (k) {
    var sw = el("span", null, "swatch " + k.shape);
    sw.style.backgroundColor = k.color;
    sw.style.borderColor = k.border;
    if (k.id === "agency") { sw.style.borderRadius = "4px"; }
    if (k.shape === "triangle") { sw.style.backgroundColor = "transparent"; sw.style.borderBottomColor = k.color; }
    kindBoxes[k.id] = legendRow(kindList, sw, k.label, k.count, function (on) { setKindVisible(k.id, on); });
    kindBoxes[k.id].dataset.kind = k.id;
  });

  var relList = document.getElementById("lineage-relations");
  data.relations.forEach(function (r) {
    var sw = el("span", null, "line" + (r.dashed ? " dashed" : ""));
    sw.style.borderTopColor = r.color;
    var box = legendRow(relList, sw, r.label, r.count, function (on) {
      if (on) { hiddenRelations.delete(r.type); } else { hiddenRelations.add(r.type); }
      edgeView.refresh();
    });
    box.dataset.relation = r.type;
  });

  var statusList = document.getElementById("lineage-statuses");
  (data.statuses || []).forEach(function (st) {
    var li = el("li");
    li.appendChild(el("span", st.mark, "status-mark"));
    li.appendChild(el("span", st.label));
    li.appendChild(el("span", st.count, "count"));
    li.dataset.status = st.status;
    statusList.appendChild(li);
  });
  document.getElementById("lineage-status-legend").hidden = !(data.statuses || []).length;

  if (data.focus.length) { showNode(data.focus[0]); network.selectNodes([data.focus[0]]); }
})();
