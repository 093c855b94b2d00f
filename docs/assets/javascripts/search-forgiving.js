/* Forgiving search: typos and umlauts written out, between Material's search and its worker.
 *
 * Loaded by search.js when the reader shows intent to search, before the search worker starts;
 * search.js's stand-in Worker hands it Material's messages (send) and the worker's (receive).
 *
 * The query goes to the worker unchanged first, so exact words rank as before. A word that
 * matched nothing (Material's result marks each query word found or not) is then looked up
 * again, each way a probe query of its own: with umlauts and ß written the other way
 * (DIN 5007-2: ä = ae, ö = oe, ü = ue, ß = ss), else by lunr's edit distance, taking the word
 * lunr matched in its best hit. The query runs again with those words, and that result goes to
 * Material, with the note "Ergebnisse für „...“" below Material's count.
 * Edit distance by length, as Elasticsearch's "AUTO" fuzziness does it: none below ONE_EDIT
 * letters (a short word is one edit from too many others), one edit from ONE_EDIT letters, two
 * from TWO_EDITS letters, and two only when the query found nothing even with one: two edits
 * turn ordinary words the site does not use into others ("erstellen" into "Stellen").
 */
(() => {
  "use strict";

  const SETUP = 0, QUERY = 2, RESULT = 3;
  const ONE_EDIT = 5, TWO_EDITS = 9; // shortest words with one and two edits
  const SPELLINGS = [["ä", "ae"], ["ö", "oe"], ["ü", "ue"], ["ß", "ss"]];
  const LUNR_SYNTAX = /[*~^+":]|(^|\s)-/; // the reader's own lunr query is left alone
  const showInstead = (query) => {
    const note = document.querySelector("[data-sp-search-instead]");
    if (note) note.textContent = query ? note.dataset.spSearchInstead.replace("{query}", query) : "";
  };

  /* "aendern" -> ["ändern"], "straße" -> ["strasse"]: the word's other DIN 5007-2 spellings. */
  const otherSpellings = (word) => {
    let spellings = [word];
    for (const [umlaut, written] of SPELLINGS) {
      for (const [from, to] of [[umlaut, written], [written, umlaut]]) {
        spellings = spellings.flatMap((spelling) => {
          const [first, ...rest] = spelling.split(from); // each occurrence either way
          return rest.reduce((ways, part) => ways.flatMap((way) => [way + from + part, way + to + part]), [first]);
        });
      }
    }
    return [...new Set(spellings)].filter((spelling) => spelling !== word).slice(0, 16);
  };

  /* The first word lunr matched in a result item (Material marks them), title first. */
  const firstMatch = (item) => {
    for (const field of ["title", "keywords", "parts", "text"]) {
      const html = document.createElement("template");
      html.innerHTML = item?.[field] || "";
      const mark = html.content.querySelector("mark");
      if (mark) return mark.textContent;
    }
  };

  const forgivingSearch = (post, deliver) => {
    const pending = [];
    let separator = /\s+/;
    let latest = null;
    const ask = (query) => new Promise((resolve) => {
      pending.push(resolve);
      post({ type: QUERY, data: query });
    });
    const best = async (query) => (await ask(query)).items[0]?.[0];

    /* The word as the reader probably meant it, or nothing: its other spelling, else the word
       lunr finds within that many edits (from its other spellings too, for one edit). */
    const correction = async (word, edits) => {
      const spellings = otherSpellings(word);
      const item = spellings.length && await best(spellings.join(" "));
      const spelling = item && spellings.find((way) => item.terms[way]);
      if (spelling || word.length < (edits > 1 ? TWO_EDITS : ONE_EDIT)) return spelling;
      // No template literals in the site's scripts: jsmin (helpsite/pipeline/assets.py) drops their spaces.
      return firstMatch(await best([word, ...(edits > 1 ? [] : spellings)].map((way) => way + "~" + edits).join(" ")));
    };

    /* Material's result for the query, and the query searched instead, if any. */
    const answer = async (query) => {
      let result = await ask(query);
      if (LUNR_SYNTAX.test(query)) return [result];
      const typed = query.split(separator).filter(Boolean);
      let words = typed;
      for (const edits of [1, 2]) {
        const items = result.items.flat();
        if (edits > 1 && items.length) break; // two edits only when one found nothing
        const fixed = [];
        for (const [at, word] of words.entries()) {
          const term = word.toLowerCase();
          const unknown = word === typed[at] && !items.some((item) => item.terms[term])
            && (!items.length || items.some((item) => term in item.terms)); // not a stop word
          const found = unknown && await correction(term, edits);
          // In the reader's case: "fernwatung" -> "fernwartung", "Teamviever" -> "TeamViewer"
          fixed.push(!found ? word : word === term ? found.toLowerCase() : found[0].toUpperCase() + found.slice(1));
        }
        if (fixed.join(" ") !== words.join(" ")) result = await ask((words = fixed).join(" "));
      }
      return words === typed ? [result] : [result, words.join(" ")];
    };

    return {
      /* Material's message: false when it is for the worker as it is. */
      send(message) {
        if (message?.type === SETUP) separator = new RegExp(message.data.config.separator);
        if (message?.type !== QUERY) return false;
        latest = message;
        answer(message.data).then(([data, instead]) => {
          if (latest !== message) return; // the reader typed on: only the newest result counts
          showInstead(instead);
          deliver({ type: RESULT, data });
        });
        return true;
      },
      /* The worker's message: true when it answered one of our queries. */
      receive(data) {
        if (data?.type !== RESULT || !pending.length) return false;
        pending.shift()(data.data);
        return true;
      },
      stop: () => pending.splice(0),
    };
  };

  window.spForgivingSearch = forgivingSearch;
})();
