/* The site's search, on top of Material's.
 *
 * 1. Search on demand. Material starts its search worker and fetches the search index on every first page view,
 * and fetches the sitemaps behind the language links, whether or not the reader uses them.
 * Loaded before Material's bundle, this script holds those back until the reader shows intent:
 * focus on or pointer over the search (or its button), Material's search keys (/ s f), or the
 * language switch for the sitemaps. Material's own code is unchanged: it gets an ordinary
 * Worker object and ordinary requests, which simply start later.
 * 2. No dead ends. When the search finds nothing, the search help (overrides/partials/
 * search-help.html: support e-mail, phone, start page) shows below Material's own line.
 * 3. The start page's search entry opens the search in place.
 * 4. Forgiving search. A query word that no page has (typo, umlaut written out) is looked up
 * again as the reader probably meant it (search-forgiving.js, loaded on intent with the worker),
 * and the result list says what was searched instead.
 */
(() => {
  "use strict";

  const waiting = { search: [], sitemap: [] };
  const released = { search: false, sitemap: false };

  const whenReleased = (kind, start) => (released[kind] ? start() : waiting[kind].push(start));
  const release = (kind) => {
    if (released[kind]) return;
    released[kind] = true;
    waiting[kind].splice(0).forEach((start) => start());
  };

  const kindOf = (url) => {
    const path = new URL(String(url), location.href).pathname;
    if (/\/search\/search_index\.json$/.test(path)) return "search";
    if (/\/sitemap\.xml$/.test(path)) return location.protocol === "file:" ? "never" : "sitemap";
    return null;
  };

  /* Requests: the search index and the sitemaps wait (a sitemap from file:// never loads). */
  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.onDemandKind = kindOf(url);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    const kind = this.onDemandKind;
    if (!kind) return send.apply(this, args);
    if (kind !== "never") whenReleased(kind, () => send.apply(this, args));
  };

  /* The forgiving search (search-forgiving.js) loads on intent too, once, before the worker starts;
     without it (a failed load) queries go to Material's worker as they are. */
  const FORGIVING = new URL("search-forgiving.js", document.currentScript.src);
  const PLAIN = { send: () => false, receive: () => false, stop() {} };
  let forgiving = null;
  const loadForgiving = () => (forgiving ||= new Promise((resolve) => {
    const script = document.createElement("script");
    script.src = FORGIVING;
    script.onload = script.onerror = () => resolve(window.spForgivingSearch);
    document.head.append(script);
  }));

  /* The search worker: a stand-in that starts the real worker on intent and passes messages on,
     queries through the forgiving search. */
  const RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!/search/.test(String(url))) return new RealWorker(url, options);
    const standIn = new EventTarget();
    let queue = [];
    let worker = null;
    let search = PLAIN;
    const route = (message, transfer) => search.send(message) || worker.postMessage(message, transfer);
    standIn.postMessage = (message, transfer) => (worker ? route(message, transfer) : queue.push([message, transfer]));
    standIn.terminate = () => (search.stop(), worker ? worker.terminate() : (queue = []));
    whenReleased("search", () => loadForgiving().then((forgivingSearch) => {
      worker = new RealWorker(url, options);
      search = forgivingSearch?.((message) => worker.postMessage(message),
        (data) => standIn.dispatchEvent(new MessageEvent("message", { data }))) ?? PLAIN;
      for (const type of ["message", "error", "messageerror"]) {
        worker.addEventListener(type, (event) => (type === "message" && search.receive(event.data))
          || standIn.dispatchEvent(type === "error" ? new ErrorEvent(type, event)
            : new MessageEvent(type, { data: event.data })));
      }
      queue.splice(0).forEach(([message, transfer]) => route(message, transfer));
    }));
    return standIn;
  };

  /* Intent. */
  const SEARCH = ".md-search, label[for='__search'], [data-md-component='search']";
  const SWITCH = ".md-select";
  const onIntent = (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest(SEARCH) || target?.id === "__search") release("search");
    if (target?.closest(SWITCH)) release("sitemap");
  };
  for (const type of ["focusin", "pointerover", "touchstart", "change"]) {
    document.addEventListener(type, onIntent, { capture: true, passive: true });
  }
  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof Element && event.target.closest("input, textarea, select, [contenteditable]");
    if (!typing && ["/", "s", "f", "S", "F"].includes(event.key)) release("search");
  }, { capture: true, passive: true });

  /* No dead ends: show the search help while Material reports "no results". The forgiving
     search's note goes below Material's line (no links: Material's arrow keys walk links). */
  document.addEventListener("DOMContentLoaded", () => {
    const help = document.querySelector("[data-sp-search-help]");
    const note = document.querySelector("[data-sp-search-instead]");
    const meta = document.querySelector(".md-search-result__meta");
    const config = document.getElementById("__config");
    if (!help || !note || !meta || !config) return;
    const none = JSON.parse(config.textContent).translations["search.result.none"];
    meta.after(note);
    // After the result list, not inside it: Material's arrow keys walk every link in there.
    meta.closest(".md-search-result").after(help);
    new MutationObserver(() => {
      help.hidden = meta.textContent.trim() !== none;
    }).observe(meta, { childList: true, characterData: true, subtree: true });
  });

  /* The start page's search entry (overrides/start.html) opens the search in place, focused:
     inside the click, so a phone shows its keyboard. Modified clicks keep the link's ?q= . */
  document.addEventListener("click", (event) => {
    const entry = event.target instanceof Element && event.target.closest("a.sp-search-entry__link");
    const field = document.querySelector("input.md-search__input");
    const toggle = document.getElementById("__search");
    if (!entry || !field || !toggle || event.button !== 0
        || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    field.focus();
    if (!toggle.checked) toggle.click(); // Material opens the search on the focus a moment later
  });
})();
