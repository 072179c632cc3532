/**
 * The desk's article list, a page at a time (issue 30, the desk at archive size): Decap's own
 * list view fetches every article to sort, filter, group or search (listAllEntries), so the desk
 * shows this list in its place (Decap's page is hidden while it shows), and the server
 * (backend.ts entriesPage) searches, filters, sorts and pages. Decap's hidden list is given no
 * rows. Opening an article, creating one and saving stay Decap's.
 */
(() => {
  const API = "/admin/api/v1";
  const SIZE = 50;
  const STATES = ["草稿", "定时发布", "已发布"];
  const SORTS = [
    ["newest", "最新的在前"],
    ["oldest", "最早的在前"],
    ["title", "按标题"],
    ["section", "按栏目"],
  ];

  // Decap's hidden list view asks for every article (entriesByFolder): it gets none, since it is
  // never seen (its rows would only repeat this list's), and opening an article reads that one.
  const fetch0 = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = typeof input === "string" ? input : input.url;
    if (url.endsWith(API) && init && typeof init.body === "string") {
      const call = JSON.parse(init.body);
      if (call.action === "entriesByFolder" && call.params && call.params.size === undefined)
        init = { ...init, body: JSON.stringify({ ...call, params: { ...call.params, size: 0 } }) };
    }
    return fetch0(input, init);
  };

  const style = document.createElement("style");
  style.textContent = `
    html.desk-list-on #nc-root { display: none; }
    html.desk-list-on body { background: #eff0f4; }
    #desk-list { font: 15px/1.6 system-ui, sans-serif; color: #313d3e; }
    #desk-list .desk-list-in { max-width: 1000px; margin: 24px auto; padding: 0 16px; }
    #desk-list form { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin: 12px 0; }
    #desk-list input, #desk-list select, #desk-list button, #desk-list .desk-new { font: inherit; padding: 6px 10px;
      border: 1px solid #c8ccd1; border-radius: 4px; background: #fff; }
    #desk-list input[type=search] { flex: 1 1 240px; }
    #desk-list .desk-new { background: #3a69c7; color: #fff; text-decoration: none; border-color: #3a69c7; }
    #desk-list table { width: 100%; border-collapse: collapse; background: #fff; border-radius: 5px; }
    #desk-list th, #desk-list td { text-align: left; padding: 8px 12px; border-bottom: 1px solid #eee; }
    #desk-list td a { color: #313d3e; font-weight: 600; text-decoration: none; }
    #desk-list td a:hover { text-decoration: underline; }
    #desk-list nav { display: flex; gap: 12px; align-items: center; margin: 12px 0; }
  `;
  document.head.append(style);

  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  };

  const state = { cursor: 0, query: "", state: "", section: "", sort: "newest" };
  let sections = [];
  let panel;
  let asked = 0;

  function build() {
    const search = el("input", { type: "search", name: "query", placeholder: "按标题搜索", ariaLabel: "按标题搜索" });
    const byState = el(
      "select",
      { name: "state", ariaLabel: "状态" },
      el("option", { value: "", textContent: "全部状态" }),
      ...STATES.map((s) => el("option", { value: s, textContent: s })),
    );
    const bySection = el(
      "select",
      { name: "section", ariaLabel: "栏目" },
      el("option", { value: "", textContent: "全部栏目" }),
    );
    const sort = el(
      "select",
      { name: "sort", ariaLabel: "排序" },
      ...SORTS.map(([v, t]) => el("option", { value: v, textContent: t })),
    );
    const form = el(
      "form",
      { role: "search" },
      search,
      byState,
      bySection,
      sort,
      el("button", { type: "submit", textContent: "搜索" }),
      el("a", { className: "desk-new", href: "#/collections/articles/new", textContent: "写新文章" }),
    );
    let typing;
    const apply = () => {
      Object.assign(state, {
        cursor: 0,
        query: search.value,
        state: byState.value,
        section: bySection.value,
        sort: sort.value,
      });
      load();
    };
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      apply();
    });
    search.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(apply, 300);
    });
    for (const s of [byState, bySection, sort]) s.addEventListener("change", apply);

    const rows = el("tbody");
    const table = el(
      "table",
      {},
      el("thead", {}, el("tr", {}, el("th", { textContent: "标题 · 栏目 · 发布时间 · 状态" }))),
      rows,
    );
    const prev = el("button", { type: "button", textContent: "上一页", name: "prev" });
    const next = el("button", { type: "button", textContent: "下一页", name: "next" });
    const count = el("span", { className: "desk-list-count", role: "status" });
    const page = (to) => () => {
      if (to() === null) return;
      state.cursor = to();
      load();
    };
    panel = el(
      "section",
      { id: "desk-list", ariaLabel: "文章列表" },
      el(
        "div",
        { className: "desk-list-in" },
        el("h1", { textContent: "文章" }),
        form,
        table,
        el("nav", {}, prev, count, next),
      ),
    );
    Object.assign(panel, { rows, prev, next, count, bySection });
    prev.addEventListener("click", () => page(() => panel.prevAt)());
    next.addEventListener("click", () => page(() => panel.nextAt)());
  }

  async function load() {
    const mine = ++asked;
    panel.count.textContent = "正在读取…";
    const res = await fetch0(API, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ action: "entriesPage", params: { ...state, size: SIZE } }),
    });
    const body = await res.json().catch(() => ({}));
    if (mine !== asked) return; // a later search or page has been asked for since
    if (!res.ok) {
      panel.count.textContent = `读取文章列表失败:${body.error || res.status}`;
      return;
    }
    state.cursor = body.cursor;
    panel.prevAt = body.prev;
    panel.nextAt = body.next;
    panel.prev.disabled = body.prev === null;
    panel.next.disabled = body.next === null;
    panel.rows.replaceChildren(
      ...body.entries.map((e) =>
        el(
          "tr",
          {},
          // As Decap's list summarised each article (config.ts summary).
          el(
            "td",
            {},
            el("a", {
              href: `#/collections/articles/entries/${encodeURIComponent(e.slug)}`,
              textContent: [e.title, e.category, e.date, e.state].join(" · "),
            }),
          ),
        ),
      ),
    );
    panel.count.textContent = body.total
      ? `第 ${body.cursor + 1}–${body.cursor + body.entries.length} 篇,共 ${body.total} 篇`
      : "没有符合条件的文章";
  }

  /** The list is shown where Decap would show its own: the collection, its search, the start. */
  const isList = () =>
    /^#\/(collections\/articles\/?(filter\/.*)?|search\/.*)?$/.test(location.hash) || location.hash === "";

  function route() {
    if (!panel) return;
    const show = isList();
    const was = panel.isConnected;
    // Out of the page while an article is open, so its words never mix with the editor's. Before
    // Decap's root when shown: the list is what an editor (and a search of the page) meets first.
    if (show && !was) document.body.prepend(panel);
    if (!show) panel.remove();
    document.documentElement.classList.toggle("desk-list-on", show);
    // Back from an article: the list again, as it was, with any save in it.
    if (show && !was) load();
  }

  async function start() {
    const config = await fetch0("/admin/api/config").then((r) => r.json());
    // The section's field is the front matter's `category`.
    const sectionField = config.collections[0].fields.find((f) => f.name === "category");
    sections = (sectionField && sectionField.options) || [];
    build();
    panel.bySection.append(...sections.map((s) => el("option", { value: s, textContent: s })));
    addEventListener("hashchange", route);
    route();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
