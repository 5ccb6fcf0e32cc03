/* Klantbeleving: glossary-aware search.
 *
 * Material's search matches by prefix and stem, so "cult" finds pages about "cultuur" first.
 * When the query equals a term, an alias or a listed word form (ignoring case, surrounding
 * punctuation and extra spaces), this script shows that term's definition card above the
 * ordinary results. The table comes from assets/begrippen.json (generated at build time from
 * docs/begrippen/); normalise() must stay identical to klantbeleving.searchpin.normalise_query.
 * Text is set with textContent only: names and definitions never become markup.
 */
(function () {
  "use strict";
  var input = document.querySelector("[data-md-component=search-query]");
  var pin = document.querySelector("[data-kb-component=search-pin]");
  var configEl = document.getElementById("__config");
  if (!input || !pin || !configEl) return;
  var base = new URL(JSON.parse(configEl.textContent).base.replace(/\/?$/, "/"), location.href);
  var table = null;
  var loading = null;

  function load() {
    if (!loading) {
      loading = fetch(new URL("assets/begrippen.json", base))
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; })
        .then(function (data) { table = data || { names: {}, terms: {} }; });
    }
    return loading;
  }

  var EDGE = /^[\s"'\u2018\u2019\u201c\u201d.,;:!?]+|[\s"'\u2018\u2019\u201c\u201d.,;:!?]+$/g;
  function normalise(text) {
    return text.replace(EDGE, "").split(/\s+/).filter(Boolean).join(" ").toLowerCase();
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function clear() {
    pin.hidden = true;
    pin.textContent = "";
  }

  function render() {
    var slug = table && Object.prototype.hasOwnProperty.call(table.names, normalise(input.value))
      ? table.names[normalise(input.value)] : null;
    var term = slug && table.terms[slug];
    if (!term) { clear(); return; }
    if (pin.getAttribute("data-kb-term") === slug && !pin.hidden) return;
    pin.textContent = "";
    var link = element("a", "kb-search-pin__link");
    link.href = new URL(term.url, base).href;
    link.setAttribute("data-term", slug);
    link.appendChild(element("span", "kb-search-pin__kicker", "Begrip"));
    link.appendChild(element("span", "kb-search-pin__term", term.term));
    if (term.aliases && term.aliases.length) {
      link.appendChild(element("span", "kb-search-pin__aliases", "Ook: " + term.aliases.join(", ")));
    }
    if (term.short) link.appendChild(element("span", "kb-search-pin__short", term.short));
    pin.appendChild(link);
    pin.setAttribute("data-kb-term", slug);
    pin.hidden = false;
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", function () { load().then(render); });
  if (input.form) input.form.addEventListener("reset", function () { pin.removeAttribute("data-kb-term"); clear(); });
  if (input.value) load().then(render);
})();
