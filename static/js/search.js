// dateline search: runs a query against the static index in the folder the form's
// data-index names, fetching only the files the query needs (meta.z, a dictionary
// file per word, a postings shard per term and per pair of neighbouring words, the
// fragment of each result shown). The file formats and the ranking are those of the
// README's Search section; the Go side (internal/search) writes them. No dependencies, no build step; every fetched file is kept in a Map.
(() => {
  'use strict';
  const holder = document.querySelector('[data-index]');
  const form = holder && (holder.matches('form') ? holder : holder.querySelector('form'));
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  const more = document.getElementById('search-more');
  if (!form || !status || !list) return;
  if (!('DecompressionStream' in window)) {
    status.textContent = 'Search needs a newer browser than this one.';
    return;
  }
  const base = holder.dataset.index;
  const input = form.elements.q;
  const K1 = 1.2, B = 0.75, HEADLINE = 1, PAGE = 20, EXPANSIONS = 8;
  const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
  const FOLD = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i' };
  const utf8 = new TextEncoder(), text = new TextDecoder();
  const files = new Map(); // path → promise of its parsed content (null: 404)
  let generation = 0, shown = null, timer = 0;

  // key is the key of a word, as the index makes it.
  const key = w => w.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþı]/g, c => FOLD[c]).replace(/['’]/g, '');

  // tokens returns the keys of the words of s, with where each word ends.
  const tokens = s => [...s.matchAll(WORD)].map(m => ({ key: key(m[0]), end: m.index + m[0].length }))
    .filter(t => t.key && utf8.encode(t.key).length <= 40);

  // load fetches a file of the index once; parse turns its inflated bytes into a value.
  function load(path, parse) {
    let p = files.get(path);
    if (!p) {
      p = fetch(base + path).then(async r => {
        if (r.status === 404) return null;
        if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
        if (!parse) return r.json();
        const body = new Response(r.body.pipeThrough(new DecompressionStream('deflate-raw')));
        return parse(new Uint8Array(await body.arrayBuffer()));
      });
      p.catch(() => files.delete(path)); // a network error is tried again next time
      files.set(path, p);
    }
    return p;
  }
  const json = b => JSON.parse(text.decode(b));
  const meta = () => load('meta.z', json).then(m => {
    if (!m || m.v !== 2) throw new Error('no search index of version 2');
    return m;
  });

  // uvarint reads a LEB128 number at r.i of r.b.
  function uvarint(r) {
    let x = 0, scale = 1, c;
    do {
      if (r.i >= r.b.length) throw new Error('damaged index file');
      c = r.b[r.i++];
      x += (c & 127) * scale;
      scale *= 128;
    } while (c & 128);
    return x;
  }

  // postingsList decodes a postings list at r; w and l only for a scored list.
  function postingsList(r, scored) {
    const n = uvarint(r), ids = new Array(n), w = scored && new Uint8Array(n), l = scored && new Uint8Array(n);
    for (let k = 0, id = 0; k < n; k++) {
      ids[k] = id += uvarint(r);
      if (scored) { w[k] = r.b[r.i++]; l[k] = r.b[r.i++]; }
    }
    return { ids, w, l };
  }

  // shard indexes a postings shard by term; lists are decoded when first asked for.
  function shard(b) {
    const terms = new Map(), r = { b, i: 0 };
    while (r.i < b.length) {
      const n = uvarint(r), term = text.decode(b.subarray(r.i, r.i + n));
      r.i += n;
      const kind = b[r.i++], df = uvarint(r), e = { kind, df, at: r.i };
      if (kind >= 2) e.file = uvarint(r);
      else postingsList(r, kind === 0);
      terms.set(term, e);
    }
    return { b, terms };
  }

  function fnv(s) {
    let h = 2166136261;
    for (const c of utf8.encode(s)) h = Math.imul(h ^ c, 16777619) >>> 0;
    return h;
  }

  // postings returns a term's {df, ids, w, l}, or null when no document holds it.
  async function postings(m, term) {
    const n = fnv(term) % m.shards, s = await load(`s/${n}.z`, shard), e = s && s.terms.get(term);
    if (!e) return null;
    if (!e.list) {
      const scored = e.kind === 0 || e.kind === 2;
      e.list = e.kind < 2 ? postingsList({ b: s.b, i: e.at }, scored)
        : load(`t/${n}-${e.file}.z`, b => postingsList({ b, i: 0 }, scored));
    }
    const list = await e.list;
    return list && { df: e.df, ...list };
  }

  // dictionary returns the entries of the dictionary file of k, and its prefix.
  async function dictionary(m, k) {
    const cs = [...k];
    let n = Math.min(2, cs.length);
    while (m.split.includes(cs.slice(0, n).join('')) && cs.length > n) n++;
    const p = cs.slice(0, n).join('');
    const hex = [...utf8.encode(p)].map(c => c.toString(16).padStart(2, '0')).join('');
    return { p, words: (await load(`w/${hex}.z`, json)) || {} };
  }

  // parse splits a query into words (each {key, part, prefix}, part numbering the stretches
  // between quotes) and quoted phrases (keys).
  function parse(q) {
    const words = [], phrases = [], parts = q.split('"');
    parts.forEach((part, i) => {
      const ts = tokens(part);
      if (i % 2 && ts.length > 1) phrases.push(ts.map(t => t.key));
      else ts.forEach(t => words.push({ key: t.key, part: i }));
    });
    const last = tokens(parts[parts.length - 1]).pop(), w = words[words.length - 1];
    if (parts.length % 2 && last && last.end === parts[parts.length - 1].length && [...last.key].length >= 2) w.prefix = true;
    return { words, phrases };
  }

  // another finds, for a word the archive never uses ("nitrates"), the entry of a word it
  // does use with the same stem: the longest stem of the file that the word starts with,
  // of 4 letters or more and at most 4 fewer than the word.
  function another(words, k) {
    let found = null;
    for (const e of Object.values(words)) {
      const st = e[0];
      if (st.length >= 4 && st.length >= k.length - 4 && k.startsWith(st) && (!found || st.length > found[0].length)) found = e;
    }
    return found;
  }

  // plan turns a query into requirements: groups of terms a document must hold one of,
  // and boosts, the biwords of the query's neighbouring words, which a document need not
  // hold but ranks higher for. It returns null when some word is in no document.
  async function plan(m, state) {
    const { words, phrases } = parse(state.q);
    const groups = [], boosts = [], marks = { stems: [], keys: new Set() };
    let before = null; // the word before, for boosts: {stem, part}
    const stem = async k => {
      if (k in m.stop) return m.stop[k];
      const e = (await dictionary(m, k)).words[k];
      return e ? e[0] : null;
    };
    for (const w of words) {
      if (w.key in m.stop) continue;
      const d = await dictionary(m, w.key), terms = new Set();
      const exact = d.words[w.key] || another(d.words, w.key);
      if (exact) terms.add(exact[0]);
      if (before && exact && before.part === w.part) boosts.push(before.stem + ' ' + exact[0]);
      before = exact && { stem: exact[0], part: w.part };
      if (w.prefix && !(d.p === w.key && m.split.includes(w.key))) {
        Object.keys(d.words).filter(k => k.startsWith(w.key) && k !== w.key)
          .sort((a, b) => d.words[b][1] - d.words[a][1] || a.length - b.length || (a < b ? -1 : 1))
          .slice(0, EXPANSIONS).forEach(k => { terms.add(d.words[k][0]); marks.keys.add(k); });
      }
      if (!terms.size) return null;
      marks.keys.add(w.key);
      if (exact) marks.stems.push(exact[0]);
      groups.push([...terms]);
    }
    for (const all of phrases) {
      // Biwords pair the words of a phrase but for its stopwords: "state of the union"
      // is "state union".
      const ks = all.filter(k => !(k in m.stop)), stems = await Promise.all(ks.map(stem));
      if (stems.includes(null)) return null;
      ks.forEach((k, i) => { marks.keys.add(k); marks.stems.push(stems[i]); });
      if (stems.length === 1) groups.push([stems[0]]);
      for (let i = 1; i < stems.length; i++) groups.push([stems[i - 1] + ' ' + stems[i]]);
    }
    if (state.topic) groups.push(['#topic:' + state.topic]);
    if (state.author) groups.push(['#author:' + state.author]);
    const seen = new Set(), distinct = g => !seen.has(g.join('\n')) && seen.add(g.join('\n'));
    return { groups: groups.filter(distinct), boosts: boosts.map(t => [t]).filter(distinct).flat(), marks };
  }

  // search returns the ids of the matching documents in the order shown, and what to mark.
  async function search(m, state) {
    const p = await plan(m, state);
    if (!p) return { ids: [], marks: null };
    const year = m.years.find(y => String(y[0]) === state.year);
    if (state.year && !year) return { ids: [], marks: p.marks };
    const [lists, boosts] = await Promise.all([Promise.all(p.groups.map(g => Promise.all(g.map(t => postings(m, t))))),
      Promise.all(p.boosts.map(t => postings(m, t)))]);
    const n = m.n, count = new Uint16Array(n), stamp = new Int32Array(n).fill(-1), score = new Float64Array(n);
    const add = t => {
      const idf = Math.log(1 + (n - t.df + 0.5) / (t.df + 0.5));
      t.ids.forEach((id, k) => {
        // The low 7 bits are the weighted frequency; the high bit, the headline's.
        const f = t.w[k] & 127, dl = 2 ** (t.l[k] / 8) - 1;
        score[id] += idf * (f * (K1 + 1) / (f + K1 * (1 - B + B * dl / m.avgdl)) + (t.w[k] & 128 ? HEADLINE : 0));
      });
    };
    let strict = 0;
    lists.forEach((g, gi) => {
      const found = g.filter(Boolean);
      if (!found.length) { strict = Infinity; return; }
      // A truncated list may leave out a document that holds the term: it cannot exclude.
      const truncated = found.some(t => t.ids.length < t.df);
      if (!truncated) strict++;
      for (const t of found) {
        if (t.w) add(t);
        if (!truncated) t.ids.forEach(id => { if (stamp[id] !== gi) { stamp[id] = gi; count[id]++; } });
      }
    });
    if (strict === Infinity) return { ids: [], marks: p.marks };
    const extra = boosts.filter(Boolean);
    extra.forEach(add);
    // When every word's list is cut short, any document in one of them, or holding two
    // of the words side by side, is a candidate.
    if (!strict) lists.flat().concat(extra).filter(Boolean).forEach(t => t.ids.forEach(id => { count[id] = 1; }));
    if (!lists.length && year) count.fill(1);
    const need = Math.max(strict, 1), ids = [];
    const [lo, hi] = year ? [year[1], year[2]] : [0, n - 1];
    for (let id = hi; id >= lo; id--) if (count[id] >= need) ids.push(id);
    if (state.sort !== 'newest') ids.sort((a, b) => score[b] - score[a] || b - a);
    return { ids, marks: p.marks };
  }

  // marked returns s with the words of the query in <mark>.
  function marked(s, marks) {
    const out = document.createDocumentFragment();
    let at = 0;
    for (const m of s.matchAll(WORD)) {
      const k = key(m[0]);
      // A stem of one or two letters would mark half the text: it marks only itself.
      if (!marks || !(marks.keys.has(k) || marks.stems.some(st => st.length > 2 ? k.startsWith(st) : k === st))) continue;
      out.append(s.slice(at, m.index));
      const mark = document.createElement('mark');
      mark.textContent = m[0];
      out.append(mark);
      at = m.index + m[0].length;
    }
    out.append(s.slice(at));
    return out;
  }

  function el(tag, cls, ...children) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    e.append(...children);
    return e;
  }

  function result(doc, marks) {
    const a = el('a', 'search-result-link', el('h2', 'search-result-title', marked(doc.h, marks)));
    a.href = doc.u;
    const time = el('time', '', doc.p);
    time.dateTime = doc.t;
    const info = el('p', 'search-result-meta', time);
    if (doc.b) {
      const sep = el('span', 'sep', ' · ');
      sep.setAttribute('aria-hidden', 'true');
      info.append(sep, el('span', 'search-result-byline', 'By ' + doc.b));
    }
    const li = el('li', 'search-result', a);
    if (doc.d) li.append(el('p', 'dek', marked(doc.d, marks)));
    li.append(info);
    return li;
  }

  // page renders the next PAGE results of the shown search, fetching their fragments.
  async function page(m, gen) {
    const ids = shown.ids.slice(shown.next, shown.next + PAGE);
    const blocks = await Promise.all(ids.map(id => load(`f/${Math.floor(id / m.frag)}.z`, json)));
    if (gen !== generation) return null;
    const items = ids.map((id, i) => blocks[i] && blocks[i][id % m.frag]).filter(Boolean).map(d => result(d, shown.marks));
    list.append(...items);
    shown.next += ids.length;
    if (more) more.hidden = shown.next >= shown.ids.length;
    return items[0];
  }

  function current() {
    const f = form.elements;
    return { q: input.value.trim() ? input.value : '', topic: f.topic?.value || '', author: f.author?.value || '',
      year: f.year?.value || '', sort: f.sort?.value === 'newest' ? 'newest' : 'relevance' };
  }

  function describe(m, state, n) {
    const name = (facets, slug) => (facets.find(f => f[1] === slug) || [slug])[0];
    let s = state.q ? `for “${state.q.trim()}”` : '';
    if (state.topic) s += ` in ${name(m.topics, state.topic)}`;
    if (state.author) s += ` by ${name(m.authors, state.author)}`;
    if (state.year) s += ` from ${state.year}`;
    return (n ? `${n.toLocaleString('en')} result${n === 1 ? '' : 's'} ` : 'No results ') + s.trim();
  }

  function keepURL(state) {
    const params = new URLSearchParams();
    for (const k of ['q', 'topic', 'author', 'year']) if (state[k]) params.set(k, state[k]);
    if (state.sort === 'newest') params.set('sort', 'newest');
    const qs = params.toString();
    history.replaceState(history.state, '', location.pathname + (qs ? '?' + qs : '') + location.hash);
  }

  async function run() {
    clearTimeout(timer);
    const gen = ++generation, state = current();
    keepURL(state);
    if (!state.q && !state.topic && !state.author && !state.year) {
      shown = null;
      list.replaceChildren();
      if (more) more.hidden = true;
      status.textContent = '';
      return;
    }
    status.textContent = 'Searching…';
    try {
      const m = await meta(), found = await search(m, state);
      if (gen !== generation) return;
      shown = { ...found, next: 0 };
      list.replaceChildren();
      await page(m, gen);
      if (gen === generation) status.textContent = describe(m, state, found.ids.length);
    } catch (err) {
      if (gen === generation) status.textContent = 'Search is not working right now. Please try again later.';
      console.error(err);
    }
  }

  function fill(select, facets, any) {
    if (!select) return;
    select.replaceChildren(new Option(any, ''), ...facets.map(([label, value, n]) =>
      new Option(n === undefined ? label : `${label} (${n.toLocaleString('en')})`, value)));
  }

  async function start() {
    const params = new URLSearchParams(location.search), f = form.elements;
    input.value = params.get('q') || '';
    try {
      const m = await meta();
      fill(f.topic, m.topics, 'Any topic');
      fill(f.author, m.authors, 'Any author');
      fill(f.year, m.years.map(y => [String(y[0]), String(y[0])]).reverse(), 'Any year');
    } catch (err) {
      console.error(err);
    }
    for (const name of ['topic', 'author', 'year', 'sort']) {
      const select = f[name], v = params.get(name);
      if (!select || !v) continue;
      // A filter the list leaves out (only the most used are offered) still applies.
      if (![...select.options].some(o => o.value === v)) select.append(new Option(v, v));
      select.value = v;
    }
    if (input.value || params.get('topic') || params.get('author') || params.get('year')) run();
  }

  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 150); });
  form.addEventListener('change', e => { if (e.target !== input) run(); });
  form.addEventListener('submit', e => { e.preventDefault(); run(); });
  if (more) {
    let paging = false;
    more.addEventListener('click', async () => {
      if (paging || !shown) return;
      paging = true;
      try {
        // Focus goes to the first new result, so a keyboard reader carries on from there.
        const first = await page(await meta(), generation);
        first?.querySelector('a').focus();
      } finally {
        paging = false;
      }
    });
  }
  start();
})();
