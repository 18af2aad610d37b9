/* The lineage page: draws the embedded graph with vis-network, filters, search and the side panel.
 * Every text from the data is written with textContent: document titles are never parsed as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("lineage-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var hiddenKinds = new Set();
  var hiddenRelations = new Set();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !hiddenKinds.has(n.kind); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return !hiddenRelations.has(e.rel); } });
  var container = document.getElementById("lineage-graph");
  var state = { drawn: false, drawnAt: null, draws: 0 };
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  window.lineage = {
    nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, network: network, state: state,
    focus: data.focus, select: selectNode, find: findNode
  };
  network.on("afterDrawing", function () {
    state.draws += 1;
    if (!state.drawn) { state.drawn = true; state.drawnAt = performance.now(); }
  });

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
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
    showNode(id);
    return true;
  }

  network.on("click", function (p) {
    if (p.nodes.length) { showNode(p.nodes[0]); } else if (p.edges.length) { showEdge(p.edges[0]); }
  });

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
