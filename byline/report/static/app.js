/* byline dossier: renders the views from the inline JSON data.
   Rule: article strings reach the DOM only through textContent / createTextNode; links are
   built only to "#..." routes or to http(s) URLs checked on the Python side. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("byline-data").textContent);
  var V = window.BylineViz;
  var docs = {}, ents = {}, claims = {};
  D.docs.forEach(function (d) { docs[d.id] = d; });
  D.entities.forEach(function (e) { ents[e.id] = e; });
  D.claims.forEach(function (c) { claims[c.id] = c; });

  function h(tag, props) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      var v = props[k];
      if (v === null || v === undefined || v === false) { return; }
      if (k === "class") { node.className = v; }
      else if (k === "text") { node.textContent = String(v); }
      else if (k === "href") {
        if (/^#/.test(v) || /^https?:\/\//i.test(v)) { node.setAttribute("href", v); }
      }
      else if (k === "onclick") { node.addEventListener("click", v); }
      else { node.setAttribute(k, String(v)); }
    });
    for (var i = 2; i < arguments.length; i++) { add(node, arguments[i]); }
    return node;
  }
  function add(node, child) {
    if (child === null || child === undefined || child === false) { return; }
    if (Array.isArray(child)) { child.forEach(function (c) { add(node, c); }); return; }
    node.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function badge(s) {
    return h("span", { "class": "badge", title: "distinct documents · independent origins" },
             plural(s.documents, "document") + " · " + plural(s.origins, "origin"));
  }
  function supportText(s) { return plural(s.documents, "document") + ", " + plural(s.origins, "origin"); }
  function status(st) { return h("span", { "class": "status " + st }, st); }
  function docName(id) { var d = docs[id]; return d ? (d.title || d.path || id) : id; }
  function docWhere(id) {
    var d = docs[id], parts = d ? [d.site, d.published].filter(Boolean) : [];
    return parts.length ? h("small", {}, " (" + parts.join(", ") + ")") : null;
  }
  function docLink(id, s, e) {
    return h("a", { href: "#doc/" + id + (s !== undefined ? "/" + s + "-" + e : ""), "class": "doc-link" },
             docName(id));
  }
  function entLink(id) {
    var e = ents[id];
    return e ? h("a", { href: "#claims/" + id, "class": "chip " + e.type }, e.name) : null;
  }
  function passage(p) {
    return h("blockquote", { "class": "passage" },
      h("span", { "class": "ctx" }, p.before),
      p.segs.map(function (s) { return s[1] ? h("mark", {}, s[0]) : s[0]; }),
      h("span", { "class": "ctx" }, p.after),
      h("cite", {}, "— ", docLink(p.doc, p.s, p.e), docWhere(p.doc)));
  }
  function section(id) { var s = document.getElementById("view-" + id); return s; }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }

  /* ---- overview */
  function overview() {
    var s = clear(section("overview"));
    var contested = D.claims.filter(function (c) { return c.status === "contested"; }).length;
    var stats = [["documents", D.docs.length], ["origins", D.origins.length], ["stories", D.stories.length],
                 ["entities", D.entities.length], ["claims", D.claims.length], ["contested claims", contested],
                 ["events", D.events.length]];
    s.appendChild(h("h2", {}, "The corpus"));
    s.appendChild(h("div", { "class": "stats" }, stats.map(function (x) {
      return h("div", { "class": "stat" }, h("b", {}, x[1]), h("span", {}, x[0]));
    })));
    if (D.stories.length) {
      s.appendChild(h("h3", {}, "Stories"));
      s.appendChild(h("ul", { "class": "stories" }, D.stories.map(function (st) {
        return h("li", {}, h("b", {}, st.label || st.id), " — ", plural(st.documents.length, "document"));
      })));
    }
    s.appendChild(h("h2", {}, "Main entities"));
    var top = D.entities.slice().sort(function (a, b) { return b.mentions - a.mentions; }).slice(0, 16);
    s.appendChild(h("div", { "class": "entities" }, top.map(function (e) {
      return h("a", { href: "#claims/" + e.id, "class": "entity-card " + e.type },
               h("b", {}, e.name), h("small", {}, e.type + " · " + plural(e.mentions, "mention") +
               " in " + plural(e.docs, "document")));
    })));
    s.appendChild(h("h2", {}, "Key figures"));
    var disputeOf = {};
    (D.disputes || []).forEach(function (d) { disputeOf[d.id] = d; });
    var figures = D.claims.filter(function (c) {
        return c.valueType === "quantity" && !c.duration && (!c.dispute || c.dispute === c.id);
      })
      .sort(function (a, b) { return b.support.origins - a.support.origins || b.support.documents - a.support.documents; })
      .slice(0, 12);
    s.appendChild(h("div", { "class": "cards" }, figures.map(function (c) {
      var d = c.dispute ? disputeOf[c.dispute] : null;
      if (d) {  /* one disputed figure: its values side by side, each with its support */
        return h("a", { href: "#contradictions", "class": "card contested" },
                 h("div", { "class": "figure" }, d.values.map(function (v) { return v.value; }).join(" | ")),
                 h("div", {}, (d.subjectName ? d.subjectName + " · " : "") + d.predicate),
                 h("small", {}, d.values.map(function (v) { return v.value + ": " + supportText(v.support); }).join("; ")),
                 status("contested"));
      }
      return h("a", { href: "#claim/" + c.id, "class": "card" + (c.status === "contested" ? " contested" : "") },
               h("div", { "class": "figure" }, c.value),
               h("div", {}, (c.subjectName ? c.subjectName + " · " : "") + c.predicate),
               badge(c.support), c.status === "contested" ? status("contested") : null);
    })));
    if (!figures.length) { s.appendChild(h("p", { "class": "empty" }, "No figures were found.")); }
  }

  /* ---- timeline */
  function timeline() {
    var s = clear(section("timeline"));
    s.appendChild(h("h2", {}, "Timeline"));
    if (!D.events.length) { s.appendChild(h("p", { "class": "empty" }, "No dated events.")); return; }
    var events = D.events.slice().sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : 0; });
    s.appendChild(h("ol", { "class": "timeline" }, events.map(function (v) {
      return h("li", { id: "event-" + v.id },
        h("time", {}, v.date), h("div", { "class": "event" },
          h("p", {}, v.summary), h("div", {}, v.entities.map(entLink), " ", badge(v.support)),
          h("details", {}, h("summary", {}, "Sources (" + v.passages.length + ")"), v.passages.map(passage))));
    })));
  }

  /* ---- network */
  var cy = null;
  function entityPanel(id, panel) {
    clear(panel);
    if (!id) { panel.appendChild(h("p", { "class": "hint" }, "Click an entity to focus on it.")); return; }
    var e = ents[id];
    panel.appendChild(h("h3", {}, e.name));
    panel.appendChild(h("p", {}, e.type + " · " + plural(e.mentions, "mention") + " in " + plural(e.docs, "document")));
    if (e.aliases.length) { panel.appendChild(h("p", {}, "Also: " + e.aliases.join(", "))); }
    var rels = D.relations.filter(function (r) { return r.source === id || r.target === id; });
    panel.appendChild(h("ul", {}, rels.map(function (r) {
      return h("li", {}, entLink(r.source), " " + r.type + " ", entLink(r.target), " ", badge(r.support),
               r.passages.length ? h("details", {}, h("summary", {}, "passage"), passage(r.passages[0])) : null);
    })));
    panel.appendChild(h("a", { href: "#claims/" + id }, "Claims about " + e.name));
  }
  function network() {
    if (cy) { cy.resize(); return; }
    cy = V.graph(D, document.getElementById("graph"), document.getElementById("graph-panel"), entityPanel);
  }

  /* ---- map */
  var mapDrawn = false;
  function mapView() {
    if (mapDrawn) { return; }
    mapDrawn = true;
    var s = clear(section("map"));
    s.appendChild(h("h2", {}, "Places mentioned"));
    var box = h("div", { id: "map", "class": "map" });
    s.appendChild(box);
    var world = JSON.parse(document.getElementById("byline-world").textContent);
    V.map(D, world, box, function (id) { location.hash = "#claims/" + id; });
    s.appendChild(h("table", { "class": "places" }, h("tr", {}, h("th", {}, "Place"), h("th", {}, "Kind"), h("th", {}, "Mentions")),
      D.places.map(function (p) {
        return h("tr", {}, h("td", {}, entLink(p.entity)), h("td", {}, p.kind), h("td", {}, p.mentions));
      })));
  }

  /* ---- claims */
  var claimState = { entity: "", predicate: "", status: "", minDocs: 0, text: "", sort: "support", desc: true, open: {} };
  var SORTS = {
    subject: function (c) { return c.subjectName.toLowerCase(); },
    predicate: function (c) { return c.predicate; },
    value: function (c) { return c.value; },
    status: function (c) { return c.status; },
    support: function (c) { return c.support.origins * 1e6 + c.support.documents; }
  };
  function select(name, options, value) {
    var sel = h("select", { name: name, "aria-label": name });
    sel.appendChild(h("option", { value: "" }, "any " + name));
    options.forEach(function (o) { sel.appendChild(h("option", { value: o[0], selected: o[0] === value ? "selected" : null }, o[1])); });
    sel.addEventListener("change", function () { claimState[name] = sel.value; claimRows(); });
    return sel;
  }
  function claimsView(focus) {
    var s = clear(section("claims"));
    if (focus && ents[focus]) { claimState.entity = focus; }
    if (focus && claims[focus]) { claimState.open[focus] = true; }
    s.appendChild(h("h2", {}, "Claims"));
    var subjects = {}, preds = {};
    D.claims.forEach(function (c) { if (c.subject) { subjects[c.subject] = c.subjectName; } preds[c.predicate] = 1; });
    var text = h("input", { type: "search", placeholder: "filter words", "aria-label": "filter words", value: claimState.text });
    text.addEventListener("input", function () { claimState.text = text.value.toLowerCase(); claimRows(); });
    var minDocs = h("input", { type: "number", min: 0, value: claimState.minDocs, "aria-label": "minimum documents" });
    minDocs.addEventListener("input", function () { claimState.minDocs = Number(minDocs.value) || 0; claimRows(); });
    s.appendChild(h("div", { "class": "filters" },
      select("entity", Object.keys(subjects).map(function (k) { return [k, subjects[k]]; })
        .sort(function (a, b) { return a[1].localeCompare(b[1]); }), claimState.entity),
      select("predicate", Object.keys(preds).sort().map(function (p) { return [p, p]; }), claimState.predicate),
      select("status", [["corroborated", "corroborated"], ["single-origin", "single-origin"], ["contested", "contested"]], claimState.status),
      h("label", {}, "min. documents ", minDocs), text));
    var head = h("tr", {}, [["subject", "Entity"], ["predicate", "Predicate"], ["value", "Value"], ["status", "Status"], ["support", "Support"]]
      .map(function (col) {
        return h("th", { "class": "sortable", "data-sort": col[0], onclick: function () {
          claimState.desc = claimState.sort === col[0] ? !claimState.desc : col[0] === "support";
          claimState.sort = col[0]; claimRows();
        } }, col[1]);
      }));
    s.appendChild(h("table", { "class": "claims" }, h("thead", {}, head), h("tbody", { id: "claim-rows" })));
    claimRows();
    if (focus && claims[focus]) {
      var row = document.getElementById("claim-" + focus);
      if (row) { row.scrollIntoView({ block: "center" }); }
    }
  }
  function claimRows() {
    var body = clear(document.getElementById("claim-rows")), st = claimState;
    var rows = D.claims.filter(function (c) {
      return (!st.entity || c.subject === st.entity || c.valueEntity === st.entity) &&
        (!st.predicate || c.predicate === st.predicate) && (!st.status || c.status === st.status) &&
        c.support.documents >= st.minDocs &&
        (!st.text || (c.text + " " + c.value + " " + c.subjectName).toLowerCase().indexOf(st.text) >= 0);
    });
    var key = SORTS[st.sort];
    rows.sort(function (a, b) { var x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (st.desc ? -1 : 1); });
    body.dataset.count = String(rows.length);
    rows.slice(0, 500).forEach(function (c) {
      var tr = h("tr", { id: "claim-" + c.id, "class": "claim " + c.status, tabindex: 0 },
        h("td", {}, c.subjectName || "—"), h("td", {}, c.predicate),
        h("td", {}, h("b", {}, c.value), h("div", { "class": "claim-text" }, c.text)),
        h("td", {}, status(c.status)), h("td", {}, badge(c.support)));
      var detail = h("tr", { "class": "claim-detail" }, h("td", { colspan: 5 },
        c.passages.map(passage),
        c.conflicts.length ? h("p", {}, "Contradicted by: ", c.conflicts.map(function (id) {
          return h("a", { href: "#claim/" + id }, (claims[id] ? claims[id].value : id) + " ");
        })) : null));
      detail.hidden = !st.open[c.id];
      function toggle() { st.open[c.id] = !st.open[c.id]; detail.hidden = !st.open[c.id]; }
      tr.addEventListener("click", toggle);
      tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { toggle(); } });
      body.appendChild(tr); body.appendChild(detail);
    });
    if (rows.length > 500) { body.appendChild(h("tr", {}, h("td", { colspan: 5 }, (rows.length - 500) + " more: narrow the filters."))); }
  }

  /* ---- sources */
  function sources() {
    var s = clear(section("sources"));
    s.appendChild(h("h2", {}, "Sources and their derivations"));
    var children = {}, placed = {};
    D.docs.forEach(function (d) {
      if (d.derived_from.length) {
        var p = d.derived_from[0].doc;
        (children[p] = children[p] || []).push({ doc: d.id, kind: d.derived_from[0].kind, score: d.derived_from[0].score });
      }
    });
    function node(id, kind, score, depth) {
      placed[id] = true;
      var d = docs[id];
      var kids = depth < 12 ? (children[id] || []).filter(function (k) { return !placed[k.doc]; }) : [];
      return h("li", { "data-doc": id },
        kind ? h("span", { "class": "kind " + kind }, kind + (score !== undefined ? " " + score : "")) : null,
        docLink(id), h("small", {}, " " + [d.site, d.published].filter(Boolean).join(" · ")),
        kids.length ? h("ul", {}, kids.map(function (k) { return node(k.doc, k.kind, k.score, depth + 1); })) : null);
    }
    var tree = h("ul", { "class": "tree" });
    D.origins.forEach(function (o) {
      var root = o.root || o.documents[0];
      var item = h("li", { "class": "origin", "data-origin": o.id }, h("b", {}, "Origin " + o.id + " · " + plural(o.documents.length, "document")));
      var inner = h("ul", {}, node(root, null, undefined, 0));
      o.documents.forEach(function (id) { if (!placed[id]) { inner.appendChild(node(id, "member", undefined, 0)); } });
      item.appendChild(inner); tree.appendChild(item);
    });
    var loose = D.docs.filter(function (d) { return !placed[d.id]; });
    loose.forEach(function (d) { tree.appendChild(node(d.id, null, undefined, 0)); });
    s.appendChild(tree);
  }

  /* ---- one document */
  function docView(id, range) {
    var s = clear(section("doc")), d = docs[id];
    if (!d) { s.appendChild(h("p", {}, "No such document.")); return; }
    s.appendChild(h("h2", { "class": "doc-title" }, d.title || d.path));
    var meta = h("dl", { "class": "meta" });
    [["Site", d.site], ["Published", d.published], ["File", d.path], ["Words", d.words], ["Origin", d.origin],
     ["Title as published", d.publishedTitle !== d.title ? d.publishedTitle : ""]].forEach(function (m) {
      if (m[1]) { meta.appendChild(h("dt", {}, m[0])); meta.appendChild(h("dd", {}, m[1])); }
    });
    if (d.rawUrl) {
      meta.appendChild(h("dt", {}, "URL"));
      meta.appendChild(h("dd", {}, d.url ? h("a", { href: d.url, rel: "noopener noreferrer nofollow", target: "_blank" }, d.url) : d.rawUrl));
    }
    if (d.derived_from.length) {
      meta.appendChild(h("dt", {}, "Derived from"));
      meta.appendChild(h("dd", {}, d.derived_from.map(function (x) {
        return h("span", {}, h("span", { "class": "kind " + x.kind }, x.kind), " ", docLink(x.doc), " ");
      })));
    }
    s.appendChild(meta);
    if (d.repairs.length) { s.appendChild(h("p", { "class": "hint" }, plural(d.repairs.length, "repair") + ": the spun words are struck through, the likely originals follow.")); }
    var cuts = [0, d.text.length], hit = null;
    if (range) { hit = range; cuts.push(range[0], range[1]); }
    d.repairs.forEach(function (r) { cuts.push(r.s, r.e); });
    cuts = cuts.filter(function (x, i, a) { return a.indexOf(x) === i; }).sort(function (a, b) { return a - b; });
    var body = h("div", { "class": "doc-text" }), mark = null;
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var rep = d.repairs.filter(function (r) { return r.s <= a && b <= r.e; })[0];
      var piece = rep ? h("span", { "class": "repair", title: "confidence " + rep.confidence + " (" + rep.method + ")" },
                          h("del", {}, d.text.slice(a, b)), a === rep.s ? h("ins", {}, rep.replacement) : null)
                      : document.createTextNode(d.text.slice(a, b));
      if (hit && hit[0] <= a && b <= hit[1] && a < b) {
        var m = h("mark", { "class": "hit" }, piece);
        if (!mark) { mark = m; }
        piece = m;
      }
      body.appendChild(piece);
    }
    s.appendChild(body);
    if (mark) { mark.scrollIntoView({ block: "center" }); }
  }

  /* ---- contradictions */
  function contradictions() {
    var s = clear(section("contradictions"));
    s.appendChild(h("h2", {}, "Contradictions"));
    var list = D.disputes || [];
    if (!list.length) { s.appendChild(h("p", { "class": "empty" }, "No contradictions were found.")); return; }
    list.forEach(function (d) {  /* one disputed figure, its values side by side */
      s.appendChild(h("h3", {}, (d.subjectName ? d.subjectName + " · " : "") + d.predicate));
      s.appendChild(h("div", { "class": "conflict" }, d.values.map(function (v) {
        return h("div", { "class": "side" }, h("a", { href: "#claim/" + v.claim, "class": "figure" }, v.value),
                 h("div", {}, supportText(v.support)), v.passages.map(passage));
      })));
    });
  }

  /* ---- routing */
  var RENDER = { overview: overview, timeline: timeline, network: network, map: mapView, sources: sources,
                 contradictions: contradictions };
  var done = {};
  function route() {
    var parts = (location.hash || "#overview").slice(1).split("/");
    var view = parts[0] === "claim" ? "claims" : parts[0];
    if (!section(view)) { view = "overview"; }
    Array.prototype.forEach.call(document.querySelectorAll(".view"), function (v) { v.hidden = v.id !== "view-" + view; });
    Array.prototype.forEach.call(document.querySelectorAll("#nav a"), function (a) {
      a.classList.toggle("active", a.dataset.view === view);
    });
    if (view === "doc") {
      var range = parts[2] ? parts[2].split("-").map(Number) : null;
      docView(parts[1], range);
    } else if (view === "claims") {
      claimsView(parts[1]);
    } else if (!done[view] || view === "network") {
      done[view] = true;
      RENDER[view]();
    }
    document.body.dataset.view = view;
  }
  window.addEventListener("hashchange", route);
  route();
  document.body.dataset.ready = "1";
})();
