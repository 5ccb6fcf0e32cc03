/* Klantbeleving: the site's search dialog.
 *
 * The index is Pagefind's (pagefind/, written by the build after the HTML): its script, the Dutch
 * index chunks and the fragments of the shown results are fetched only once the dialog opens and a
 * query needs them. Above the results, when the query equals a term, an alias or a listed word form
 * (ignoring case, surrounding punctuation and extra spaces), that term's definition card is pinned;
 * the table comes from assets/begrippen.json (klantbeleving.searchpin; normalise() must stay
 * identical to searchpin.normalise_query). Names, titles and metadata are set with textContent;
 * Pagefind's excerpts are rebuilt from their text and <mark> elements only.
 */
(function () {
  "use strict";
  const dialog = document.querySelector("[data-kb-search]");
  const configEl = document.getElementById("__config");
  if (!dialog || !configEl || typeof dialog.showModal !== "function") return;
  const input = dialog.querySelector("[data-kb-search-input]");
  const pin = dialog.querySelector("[data-kb-component=search-pin]");
  const list = dialog.querySelector("[data-kb-search-results]");
  const status = dialog.querySelector("[data-kb-search-status]");
  const more = dialog.querySelector("[data-kb-search-more]");
  const selects = Array.from(dialog.querySelectorAll("[data-kb-filter]"));
  const filterCount = dialog.querySelector("[data-kb-filter-count]");
  const base = new URL(JSON.parse(configEl.textContent).base.replace(/\/?$/, "/"), location.href);

  const PAGE = 10; // results loaded and shown at a time
  const SUB_RESULTS = 3; // sections shown under a long page
  const LABELS = { type: "Alle", writer: "Alle", year: "Alle" }; // the label above says which
  let opener = null;
  let pagefind = null; // the loading module (a promise), once the dialog has opened
  let terms = null; // the glossary table (a promise)
  let current = null; // {search, shown, skip} of the latest query
  let serial = 0; // stale answers (an earlier keystroke) are dropped

  // --- Loading -------------------------------------------------------------------------------

  function loadTerms() {
    if (!terms) {
      terms = fetch(new URL("assets/begrippen.json", base))
        .then((r) => (r.ok ? r.json() : null))
        .catch(() => null)
        .then((data) => data || { names: {}, terms: {} });
    }
    return terms;
  }

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(async (pf) => {
        await pf.options({
          baseUrl: base.pathname,
          excerptLength: 24,
          // Titles and writers' names weigh more than running text; short term pages do not beat
          // chapters only for being short.
          ranking: { pageLength: 0.5, termSimilarity: 2.0, metaWeights: { title: 6.0, writer: 3.0 } },
        });
        await pf.init();
        return pf;
      });
      pagefind.then(fillFilters).catch(() => {});
    }
    return pagefind;
  }

  // --- The glossary card ---------------------------------------------------------------------

  const EDGE = /^[\s"'\u2018\u2019\u201c\u201d.,;:!?]+|[\s"'\u2018\u2019\u201c\u201d.,;:!?]+$/g;
  function normalise(text) {
    return text.replace(EDGE, "").split(/\s+/).filter(Boolean).join(" ").toLowerCase();
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  /** The pinned term's URL (absolute), or null when the query names no term. */
  function renderPin(table) {
    const key = normalise(input.value);
    const slug = Object.prototype.hasOwnProperty.call(table.names, key) ? table.names[key] : null;
    const term = slug && table.terms[slug];
    if (!term) {
      pin.hidden = true;
      pin.textContent = "";
      pin.removeAttribute("data-kb-term");
      return null;
    }
    const url = new URL(term.url, base).href;
    if (pin.getAttribute("data-kb-term") !== slug) {
      pin.textContent = "";
      const link = element("a", "kb-search-pin__link");
      link.href = url;
      link.setAttribute("data-term", slug);
      link.appendChild(element("span", "kb-search-pin__kicker", "Begrip"));
      link.appendChild(element("span", "kb-search-pin__term", term.term));
      if (term.aliases && term.aliases.length) {
        link.appendChild(element("span", "kb-search-pin__aliases", "Ook: " + term.aliases.join(", ")));
      }
      if (term.short) link.appendChild(element("span", "kb-search-pin__short", term.short));
      pin.appendChild(link);
      pin.setAttribute("data-kb-term", slug);
    }
    pin.hidden = false;
    return url;
  }

  // --- Filters -------------------------------------------------------------------------------

  const COLLATOR = new Intl.Collator("nl");
  async function fillFilters(pf) {
    const available = await pf.filters();
    for (const select of selects) {
      const key = select.getAttribute("data-kb-filter");
      const values = Object.keys(available[key] || {});
      values.sort(key === "year" ? (a, b) => COLLATOR.compare(b, a) : COLLATOR.compare);
      select.textContent = "";
      select.appendChild(new Option(LABELS[key], ""));
      for (const value of values) select.appendChild(new Option(value + " (" + available[key][value] + ")", value));
    }
  }

  function chosenFilters() {
    const filters = {};
    for (const select of selects) {
      if (select.value) filters[select.getAttribute("data-kb-filter")] = select.value;
    }
    return filters;
  }

  // --- Results -------------------------------------------------------------------------------

  /** Pagefind's excerpt (entities encoded, matches in <mark>) as nodes: text and <mark> only. */
  function excerptNodes(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    const out = document.createDocumentFragment();
    for (const node of Array.from(template.content.childNodes)) {
      if (node.nodeName === "MARK") out.appendChild(element("mark", "", node.textContent));
      else out.appendChild(document.createTextNode(node.textContent));
    }
    return out;
  }

  function metaLine(meta) {
    return [meta.type, meta.writer, meta.month].filter(Boolean).join(" · ");
  }

  function renderResult(data) {
    const item = element("li", "kb-search__result");
    item.setAttribute("data-kb-result", "");
    const link = element("a", "kb-search__link");
    link.href = data.url;
    const title = element("span", "kb-search__result-title", data.meta.title || data.url);
    title.setAttribute("data-kb-result-title", "");
    link.appendChild(title);
    const meta = element("span", "kb-search__result-meta", metaLine(data.meta));
    meta.setAttribute("data-kb-result-meta", "");
    link.appendChild(meta);
    const excerpt = element("span", "kb-search__excerpt");
    excerpt.appendChild(excerptNodes(data.excerpt || ""));
    link.appendChild(excerpt);
    item.appendChild(link);
    const sections = (data.sub_results || []).filter((s) => s.anchor && s.anchor.element !== "h1").slice(0, SUB_RESULTS);
    if (sections.length > 1 || (sections.length === 1 && data.sub_results.length > 1)) {
      const sub = element("ul", "kb-search__sections");
      sub.setAttribute("aria-label", "Secties");
      for (const section of sections) {
        const li = element("li", "kb-search__section");
        const a = element("a", "kb-search__section-link");
        a.href = section.url;
        a.appendChild(element("span", "kb-search__section-title", section.title));
        const text = element("span", "kb-search__excerpt");
        text.appendChild(excerptNodes(section.excerpt || ""));
        a.appendChild(text);
        li.appendChild(a);
        sub.appendChild(li);
      }
      item.appendChild(sub);
    }
    return item;
  }

  function count(n) {
    return n === 1 ? "1 resultaat" : n + " resultaten";
  }

  async function showMore(token) {
    const state = current;
    const next = state.results.slice(state.shown, state.shown + PAGE);
    state.shown += next.length;
    // All fragments are requested at once; each result is shown, in order, as soon as it is there.
    for (const loading of next.map((r) => r.data())) {
      const data = await loading;
      if (token !== serial) return;
      if (data.url === state.skip) {
        state.skipped = true; // the pinned term's own page: the card stands for it
        continue;
      }
      list.appendChild(renderResult(data));
    }
    more.hidden = state.shown >= state.results.length;
  }

  async function run() {
    const token = ++serial;
    const query = input.value.trim();
    const filters = chosenFilters();
    const filtered = Object.keys(filters).length > 0;
    filterCount.textContent = filtered ? "(" + Object.keys(filters).length + ")" : "";
    const table = await loadTerms();
    if (token !== serial) return;
    const pinned = renderPin(table);
    if (!query && !filtered) {
      list.textContent = "";
      more.hidden = true;
      status.textContent = "Typ een woord, een begrip of een naam.";
      return;
    }
    let pf;
    try {
      pf = await loadPagefind();
    } catch (error) {
      status.textContent = "Zoeken is nu niet beschikbaar.";
      return;
    }
    const search = await pf.search(query || null, { filters });
    if (token !== serial || !search) return;
    const skip = pinned ? new URL(pinned).pathname : null;
    const results = search.results;
    current = { results, shown: 0, skip, skipped: false };
    list.textContent = "";
    await showMore(token);
    if (token !== serial) return;
    const total = results.length - (current.skipped ? 1 : 0);
    const quoted = query ? " voor ‘" + query + "’" : "";
    if (total) status.textContent = count(total) + quoted;
    else status.textContent = (pinned ? "Geen andere resultaten" : "Geen resultaten") + quoted
      + (filtered ? " met deze filters" : "") + ".";
  }

  // --- Opening, closing, keys ----------------------------------------------------------------

  function open() {
    if (dialog.open) return;
    opener = document.activeElement;
    dialog.showModal();
    input.focus();
    input.select();
    loadTerms();
    loadPagefind().catch(() => {
      status.textContent = "Zoeken is nu niet beschikbaar.";
    });
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  dialog.addEventListener("close", () => {
    if (opener && typeof opener.focus === "function") opener.focus();
    opener = null;
  });

  /** The links the arrow keys walk: the card, then each result and its sections. */
  function stops() {
    return Array.from(dialog.querySelectorAll(".kb-search-pin:not([hidden]) a, [data-kb-search-results] a"));
  }

  /** Tab and Shift+Tab stay within the dialog. */
  function tabbables() {
    return Array.from(dialog.querySelectorAll("input, select, button, summary, a[href]"))
      .filter((el) => !el.disabled && !el.closest("[hidden]") && el.getClientRects().length > 0);
  }

  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Tab") {
      const all = tabbables();
      const first = all[0];
      const last = all[all.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        last.focus();
        event.preventDefault();
      } else if (!event.shiftKey && document.activeElement === last) {
        first.focus();
        event.preventDefault();
      }
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const target = document.activeElement;
    if (target && target.tagName === "SELECT") return;
    const links = stops();
    if (!links.length) return;
    const at = links.indexOf(target);
    if (target === input || at >= 0) {
      event.preventDefault();
      if (event.key === "ArrowDown") links[Math.min(at + 1, links.length - 1)].focus();
      else if (at <= 0) input.focus();
      else links[at - 1].focus();
    }
  });

  input.addEventListener("input", run);
  for (const select of selects) select.addEventListener("change", run);
  more.addEventListener("click", () => showMore(serial));
  dialog.querySelector("[data-kb-search-close]").addEventListener("click", close);
  dialog.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    const first = stops()[0];
    if (first) first.click();
  });
  // A click on the backdrop (outside the dialog's box) closes it.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) close();
  });
  for (const button of document.querySelectorAll("[data-kb-search-open]")) button.addEventListener("click", open);

  /** Whether a key goes into a field (as Material decides: a checkbox or radio button takes no text). */
  function typing(el) {
    if (!el || !el.tagName) return false;
    if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
    return el.tagName === "INPUT" && !/^(button|checkbox|hidden|image|radio|range|reset|submit)$/i.test(el.type);
  }

  document.addEventListener("keydown", (event) => {
    if (dialog.open || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== "/" && event.key !== "s" && event.key !== "S") return;
    if (typing(event.target)) return;
    event.preventDefault();
    open();
  });
})();
