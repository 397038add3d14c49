/* byline dossier: the network (Cytoscape.js) and the offline map (SVG from world-atlas).
   Article strings only ever reach the DOM as text nodes or Cytoscape labels (canvas text). */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var COLORS = { PERSON: "#c0392b", ORG: "#2c6fbb", GPE: "#27875a", LOC: "#27875a",
                 FAC: "#7a8b2c", NORP: "#8e44ad", EVENT: "#d4811f" };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function graphElements(D, maxNodes) {
    var used = {}, score = {}, edges = [];
    D.entities.forEach(function (e) { score[e.id] = e.mentions; });
    function link(id, src, tgt, label, kind) {
      if (!(src in score) || !(tgt in score) || src === tgt) { return; }
      used[src] = true; used[tgt] = true;
      edges.push({ data: { id: id, source: src, target: tgt, label: label, kind: kind } });
    }
    D.relations.forEach(function (r) { link(r.id, r.source, r.target, r.type, "relation"); });
    D.claims.forEach(function (c) {
      if (c.valueType === "entity" && c.subject && c.valueEntity) {
        link(c.id, c.subject, c.valueEntity, c.predicate, "claim");
      }
    });
    var ranked = D.entities.slice().sort(function (a, b) {
      return (used[b.id] ? 1 : 0) - (used[a.id] ? 1 : 0) || b.mentions - a.mentions;
    });
    var keep = {}, nodes = [];
    ranked.slice(0, maxNodes).forEach(function (e, i) {
      if (!used[e.id] && i >= 40) { return; }
      keep[e.id] = true;
      nodes.push({ data: { id: e.id, label: e.name, type: e.type, mentions: e.mentions,
                           size: 14 + 6 * Math.sqrt(e.mentions) } });
    });
    edges = edges.filter(function (x) { return keep[x.data.source] && keep[x.data.target]; });
    return { nodes: nodes, edges: edges };
  }

  function graph(D, container, panel, onEntity) {
    var els = graphElements(D, 250);
    var cy = cytoscape({
      container: container,
      elements: els.nodes.concat(els.edges),
      style: [
        { selector: "node", style: {
            "background-color": function (n) { return COLORS[n.data("type")] || "#777"; },
            "label": "data(label)", "font-size": 10, "color": "#222",
            "text-valign": "bottom", "text-margin-y": 3,
            "width": "data(size)", "height": "data(size)" } },
        { selector: "edge", style: {
            "width": 1.5, "line-color": "#9aa5b1", "target-arrow-color": "#9aa5b1",
            "target-arrow-shape": "triangle", "curve-style": "bezier",
            "label": "data(label)", "font-size": 8, "color": "#556", "text-rotation": "autorotate" } },
        { selector: "edge[kind = 'claim']", style: { "line-style": "dashed" } },
        { selector: ".faded", style: { "opacity": 0.12 } },
        { selector: "node.focus", style: { "border-width": 3, "border-color": "#111" } }
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000,
                idealEdgeLength: 80, numIter: 600 }
    });
    var tip = el("div", "graph-tip");
    tip.hidden = true;
    container.appendChild(tip);
    cy.on("mouseover", "node", function (evt) {
      var n = evt.target, pos = evt.renderedPosition;
      tip.textContent = n.data("label") + " (" + n.data("type") + ", " + n.data("mentions") + " mentions)";
      tip.style.left = (pos.x + 12) + "px";
      tip.style.top = (pos.y + 12) + "px";
      tip.hidden = false;
    });
    cy.on("mouseout", "node", function () { tip.hidden = true; });
    cy.on("tap", "node", function (evt) {
      var n = evt.target;
      cy.elements().addClass("faded").removeClass("focus");
      n.closedNeighborhood().removeClass("faded");
      n.addClass("focus");
      onEntity(n.id(), panel);
    });
    cy.on("tap", function (evt) {
      if (evt.target === cy) {
        cy.elements().removeClass("faded").removeClass("focus");
        onEntity(null, panel);
      }
    });
    container.bylineGraph = cy;  /* for tests and the console */
    container.dataset.nodes = String(cy.nodes().length);
    container.dataset.edges = String(cy.edges().length);
    return cy;
  }

  function project(p) { return [(p[0] + 180) * 960 / 360, (90 - p[1]) * 480 / 180]; }

  function ringsOf(geometry) {
    if (!geometry) { return []; }
    if (geometry.type === "Polygon") { return [geometry.coordinates]; }
    if (geometry.type === "MultiPolygon") { return geometry.coordinates; }
    return [];
  }

  /* Rings crossing the antimeridian continue past 180° (clipped by the view) instead of
     drawing a line across the whole map. */
  function unwrap(ring) {
    var shift = 0, prev = null;
    return ring.map(function (p) {
      if (prev !== null) {
        var d = p[0] + shift - prev;
        if (d > 180) { shift -= 360; } else if (d < -180) { shift += 360; }
      }
      prev = p[0] + shift;
      return [prev, p[1]];
    });
  }

  function pathData(polygons) {
    var parts = [];
    polygons.forEach(function (poly) {
      poly.forEach(function (ring) {
        parts.push("M" + unwrap(ring).map(function (p) {
          var q = project(p);
          return q[0].toFixed(1) + "," + q[1].toFixed(1);
        }).join("L") + "Z");
      });
    });
    return parts.join("");
  }

  function centroid(polygons) {
    var best = null, bestArea = -1;
    polygons.forEach(function (poly) {
      var ring = poly[0].map(project), a = 0, cx = 0, cy = 0;
      for (var i = 0; i < ring.length - 1; i++) {
        var f = ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
        a += f; cx += (ring[i][0] + ring[i + 1][0]) * f; cy += (ring[i][1] + ring[i + 1][1]) * f;
      }
      if (Math.abs(a) > bestArea && a !== 0) { bestArea = Math.abs(a); best = [cx / (3 * a), cy / (3 * a)]; }
    });
    return best;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  function map(D, world, container, onPlace) {
    var features = topojson.feature(world, world.objects.countries).features;
    var byIso = {}, max = 1;
    D.places.forEach(function (p) {
      max = Math.max(max, p.mentions);
      if (p.kind === "country") { byIso[p.iso] = p; }
    });
    var root = svg("svg", { viewBox: "0 0 960 400", role: "img", "aria-label": "Map of the places mentioned" });
    root.appendChild(svg("rect", { x: 0, y: 0, width: 960, height: 400, "class": "sea" }));
    var centres = {};
    features.forEach(function (f) {
      if (f.id === "010") { return; }  /* Antarctica: no news happens off the view */
      var polys = ringsOf(f.geometry);
      var path = svg("path", { d: pathData(polys), "class": "land" });
      path.setAttribute("data-name", f.properties.name);
      if (f.id !== undefined) { path.setAttribute("data-iso", f.id); }
      var place = byIso[f.id];
      var title = svg("title");
      title.textContent = f.properties.name + (place ? " — " + place.mentions + " mentions" : "");
      path.appendChild(title);
      if (place) {
        path.setAttribute("class", "land mentioned");
        path.style.fillOpacity = String(0.35 + 0.65 * place.mentions / max);
        centres[f.id] = centroid(polys);
      }
      root.appendChild(path);
    });
    var markers = D.places.map(function (p) {
      var at = p.kind === "country" ? centres[p.iso] : project([p.lon, p.lat]);
      return at ? { p: p, at: at } : null;
    }).filter(Boolean).sort(function (a, b) { return b.p.mentions - a.p.mentions; });
    markers.forEach(function (m) {
      var c = svg("circle", { cx: m.at[0].toFixed(1), cy: m.at[1].toFixed(1),
                              r: (3 + 2.5 * Math.sqrt(m.p.mentions)).toFixed(1),
                              "class": "marker " + m.p.kind });
      c.setAttribute("data-entity", m.p.entity);
      var t = svg("title");
      t.textContent = m.p.name + " — " + m.p.mentions + " mentions in " + m.p.docs + " documents";
      c.appendChild(t);
      c.addEventListener("click", function () { onPlace(m.p.entity); });
      root.appendChild(c);
    });
    container.appendChild(root);
    container.dataset.markers = String(markers.length);
    return markers.length;
  }

  window.BylineViz = { graph: graph, map: map, el: el };
})();
