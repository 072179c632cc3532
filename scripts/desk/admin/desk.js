/**
 * The editor's desk in the browser (served by scripts/desk/server.ts under `npm run dev` only):
 * starts Decap CMS with the configuration the desk makes from the content schema, adds the
 * widgets the schema needs (the date in its three forms, the slug, tags with suggestions), shows
 * the check's problems at their fields, keeps each open article's version so a save over someone
 * else's change is refused. The preview and the 部署 panel are publish.js's.
 */
(() => {
  // Decap waits for CMS.init (the configuration comes from /admin/api/config), and the proxy
  // backend needs no login: the desk answers only this machine.
  window.CMS_MANUAL_INIT = true;
  localStorage.setItem("decap-cms-user", JSON.stringify({ backendName: "proxy", name: "编辑" }));

  const API = "/admin/api/v1";
  /** path → the version of the file this tab opened (the backend's deskVersion). */
  const versions = new Map();

  // ---- problems at their fields ---------------------------------------------------------
  const style = document.createElement("style");
  style.textContent = `
    .desk-problems { list-style: none; margin: 0 0 6px; padding: 6px 10px; border-radius: 4px;
      background: #fdecea; color: #8a1c10; font-size: 14px; line-height: 1.5; }
    .desk-problems small { display: block; color: #5f2a24; }
    #desk-banner { position: fixed; left: 0; right: 0; bottom: 0; z-index: 10000; padding: 10px 16px;
      background: #fff4e5; color: #5c3b00; border-top: 1px solid #f0c36d; font: 14px/1.6 system-ui, sans-serif;
      max-height: 40vh; overflow: auto; }
    #desk-banner[hidden] { display: none; }
    #desk-banner button { float: right; }
    .desk-field { display: block; width: 100%; box-sizing: border-box; padding: 12px 14px; font-size: 15px;
      border: 2px solid #dfdfe3; border-radius: 0 5px 5px 5px; }
    .desk-row { display: flex; gap: 8px; align-items: center; margin: 6px 0; flex-wrap: wrap; }
    .desk-chip { background: #e8f0fe; border-radius: 12px; padding: 2px 10px; }
    .desk-chip button { border: 0; background: none; cursor: pointer; margin-left: 4px; }
    .desk-note { color: #555; font-size: 13px; }
  `;
  document.head.append(style);

  /** The field container of a top-level field, found by Decap's label (`<name>-field-<n>`). */
  function fieldLabel(name) {
    return document.querySelector(`label[for^="${CSS.escape(name)}-field-"]`);
  }

  function clearProblems() {
    for (const el of document.querySelectorAll(".desk-problems")) el.remove();
  }

  /** The check's problems (`{ field, message, hint }`) under each field's label. */
  function showProblems(problems) {
    clearProblems();
    const unplaced = [];
    for (const p of problems) {
      const name = String(p.field).split(".")[0];
      const label = fieldLabel(name === "front matter" || name === "yaml" ? "title" : name);
      if (!label) {
        unplaced.push(p);
        continue;
      }
      let list = label.parentElement.querySelector(`.desk-problems[data-field="${CSS.escape(name)}"]`);
      if (!list) {
        list = document.createElement("ul");
        list.className = "desk-problems";
        list.dataset.field = name;
        list.setAttribute("role", "alert");
        label.after(list);
      }
      const item = document.createElement("li");
      item.textContent = `${p.severity === "warning" ? "提醒:" : ""}${p.message}`;
      if (p.hint) {
        const hint = document.createElement("small");
        hint.textContent = `提示:${p.hint}`;
        item.append(hint);
      }
      list.append(item);
    }
    return unplaced;
  }

  function banner(lines) {
    let el = document.getElementById("desk-banner");
    if (!el) {
      el = document.createElement("div");
      el.id = "desk-banner";
      el.setAttribute("role", "status");
      document.body.append(el);
    }
    el.replaceChildren();
    if (!lines.length) return void (el.hidden = true);
    const close = document.createElement("button");
    close.textContent = "关闭";
    close.onclick = () => (el.hidden = true);
    el.append(close);
    for (const line of lines) {
      const p = document.createElement("div");
      p.textContent = line;
      el.append(p);
    }
    el.hidden = false;
  }

  // ---- the backend's answers ------------------------------------------------------------
  const fetch0 = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input.url;
    if (!url.endsWith(API) || !init || typeof init.body !== "string") return fetch0(input, init);
    const call = JSON.parse(init.body);
    if (call.action === "persistEntry") {
      // The version this tab opened: the backend refuses the save if the file changed since.
      const path = call.params.dataFiles[0].path;
      if (versions.has(path)) call.params.base = versions.get(path);
      init = { ...init, body: JSON.stringify(call) };
      clearProblems();
    }
    const res = await fetch0(input, init);
    const body = await res
      .clone()
      .json()
      .catch(() => undefined);
    const remember = (e) => e && e.file && e.file.deskVersion && versions.set(e.file.path, e.file.deskVersion);
    if (res.ok && Array.isArray(body)) body.forEach(remember);
    else if (res.ok && call.action === "getEntry") remember(body);
    if (call.action === "persistEntry") {
      if (res.ok) {
        versions.set(body.path, body.deskVersion);
        const unplaced = showProblems(body.problems || []);
        const others = (body.others || []).map((p) => `${p.file} 第 ${p.line} 行 ${p.label || p.field}:${p.message}`);
        banner([
          ...unplaced.map((p) => `提醒:${p.label || p.field}:${p.message}`),
          ...(others.length ? [`已保存。网站其他文件还有 ${others.length} 个错误(网站要等它们修好才能重新生成):`] : []),
          ...others,
        ]);
      } else if (body) {
        const unplaced = showProblems(body.problems || []);
        banner([
          `未保存:${body.conflict ? body.error : "请按字段下的提示修改后再保存。"}`,
          ...unplaced.map((p) => `${p.label || p.field}:${p.message}${p.hint ? `(提示:${p.hint})` : ""}`),
        ]);
      }
    }
    // An upload from the media page (outside any article: no field to show it at). Pictures
    // uploaded while editing come with the save, their problems at their field (above).
    if (call.action === "persistMedia" && !res.ok && body) banner([`图片未保存:${body.error}`]);
    return res;
  };

  // ---- widgets ----------------------------------------------------------------------------
  const plain = (v) => (v && typeof v.toJS === "function" ? v.toJS() : v);

  function register(CMS, config) {
    const h = window.h;
    const timeZone = config.desk.timeZone;

    /** "2026-03-18 09:30" in the site's time zone (what an editor types), for now. */
    const nowText = () => {
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat("en-CA", {
          timeZone,
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
        })
          .formatToParts(new Date())
          .map((p) => [p.type, p.value]),
      );
      return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
    };
    /** The documented form: "2026-03-18 09:30" is written 2026-03-18T09:30; anything else as typed. */
    const documented = (text) => text.trim().replace(/^(\d{4}-\d{2}-\d{2}) +(\d{2}:\d{2}(?::\d{2})?)$/, "$1T$2");

    // The date: a time (in the site's zone; a future one schedules the article), or "not known"
    // with what is known (docs/editing.md, "Dates").
    const DateControl = window.createClass({
      componentDidMount() {
        if (this.props.value === undefined || this.props.value === null || this.props.value === "")
          this.props.onChange(nowText());
      },
      render() {
        const value = plain(this.props.value);
        const unknown = value !== null && typeof value === "object";
        const change = (next) => this.props.onChange(next);
        // One of what is known of an unknown date (not before, note): empty leaves it out.
        const detail = (key, label, placeholder) =>
          h("input", {
            className: "desk-field",
            placeholder,
            "aria-label": label,
            value: value[key] || "",
            onChange: (e) => change({ ...value, [key]: e.target.value || undefined }),
          });
        const shown = typeof value === "string" ? value.replace("T", " ") : "";
        const scheduled =
          typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value) && documented(value) > nowText();
        return h(
          "div",
          { className: this.props.classNameWrapper },
          h(
            "label",
            { className: "desk-row" },
            h("input", {
              type: "checkbox",
              checked: unknown,
              onChange: (e) => change(e.target.checked ? {} : nowText()),
            }),
            "日期不详(原文未载明发布日期)",
          ),
          unknown
            ? h(
                "div",
                null,
                detail("notBefore", "不早于", "不早于(YYYY-MM-DD,可不填)"),
                detail("note", "说明", "说明:为何日期不详"),
              )
            : h("input", {
                id: this.props.forID,
                className: "desk-field",
                placeholder: "2026-03-18 09:30",
                value: shown,
                onChange: (e) => change(documented(e.target.value)),
                onFocus: this.props.setActiveStyle,
                onBlur: this.props.setInactiveStyle,
              }),
          scheduled
            ? h("div", { className: "desk-note" }, `定时发布:到 ${shown}(${timeZone})自动出现在网站上。`)
            : null,
        );
      },
    });
    CMS.registerWidget("desk-date", DateControl, () => null);

    // The slug: made from the title (pinyin, as `npm run new` does) until the editor types one;
    // fixed once the article exists (its URL is in feeds and search engines).
    const SlugControl = window.createClass({
      shouldComponentUpdate() {
        return true;
      },
      componentDidUpdate() {
        if (!this.props.entry.get("newRecord") || this.typed) return;
        const title = this.props.entry.getIn(["data", "title"]) || "";
        if (title === this.title) return;
        this.title = title;
        fetch(`/admin/api/slug?title=${encodeURIComponent(title)}`)
          .then((r) => r.json())
          .then(({ slug }) => {
            if (!this.typed && this.title === title && slug !== this.props.value) this.props.onChange(slug);
          });
      },
      render() {
        const fixed = !this.props.entry.get("newRecord");
        return h("input", {
          id: this.props.forID,
          className: "desk-field",
          // An existing article's slug is its file's name unless front matter says otherwise.
          value: this.props.value || (fixed ? this.props.entry.get("slug") : "") || "",
          readOnly: fixed,
          placeholder: "按标题自动生成",
          onChange: (e) => {
            this.typed = true;
            this.props.onChange(e.target.value);
          },
        });
      },
    });
    CMS.registerWidget("desk-slug", SlugControl, () => null);

    // Tags: chips, and an input suggesting the tags already in use.
    let suggestions = [];
    const loadTags = () =>
      fetch("/admin/api/tags")
        .then((r) => r.json())
        .then((t) => (suggestions = t));
    loadTags();
    const TagsControl = window.createClass({
      getInitialState() {
        return { text: "" };
      },
      render() {
        const tags = plain(this.props.value) || [];
        const add = () => {
          const parts = this.state.text
            .split(/[,,、]/)
            .map((t) => t.trim())
            .filter(Boolean);
          const next = [...tags, ...parts.filter((t) => !tags.includes(t))];
          this.setState({ text: "" });
          if (parts.length) this.props.onChange(next);
        };
        const listId = `${this.props.forID}-suggestions`;
        return h(
          "div",
          { className: this.props.classNameWrapper },
          h(
            "div",
            { className: "desk-row" },
            tags.map((tag) =>
              h(
                "span",
                { className: "desk-chip", key: tag },
                tag,
                h(
                  "button",
                  {
                    type: "button",
                    "aria-label": `删除标签 ${tag}`,
                    onClick: () => this.props.onChange(tags.filter((t) => t !== tag)),
                  },
                  "×",
                ),
              ),
            ),
          ),
          h("input", {
            id: this.props.forID,
            className: "desk-field",
            list: listId,
            placeholder: "输入标签,回车添加",
            value: this.state.text,
            onChange: (e) => this.setState({ text: e.target.value }),
            onKeyDown: (e) => {
              if (e.key === "Enter" || e.key === ",") {
                e.preventDefault();
                add();
              }
            },
            onBlur: add,
          }),
          h(
            "datalist",
            { id: listId },
            suggestions.filter((t) => !tags.includes(t)).map((t) => h("option", { key: t, value: t })),
          ),
        );
      },
    });
    CMS.registerWidget("desk-tags", TagsControl, () => null);

    // The body's picture form, in Chinese and as docs/editing.md reads a figure: the description
    // (alt) asked for first, the quoted title as the caption. Replaces Decap's English "image".
    CMS.registerEditorComponent({
      id: "image",
      label: "图片",
      pattern: /^!\[([^\]]*)\]\((.*?)(\s"([^"]*)")?\)$/,
      fromBlock: (m) => m && { image: m[2], alt: m[1], title: m[4] },
      toBlock: ({ alt, image, title }) =>
        `![${(alt || "").replace(/[[\]]/g, "")}](${image || ""}${title ? ` "${title.replace(/"/g, "'")}"` : ""})`,
      toPreview: ({ alt, image }, getAsset, fields) => {
        const imageField = fields && fields.find((f) => f.get("widget") === "image");
        return h("img", { src: getAsset(image, imageField) || "", alt: alt || "" });
      },
      fields: [
        { label: "图片", name: "image", widget: "image", choose_url: false, media_library: { allow_multiple: false } },
        { label: "图片描述(替代文字:给看不到图片的读者)", name: "alt", widget: "string" },
        { label: "图注(可不填)", name: "title", widget: "string" },
      ],
    });

    CMS.registerEventListener({ name: "postSave", handler: () => loadTags() });
    // A new article without a typed slug gets the title's (Decap names the file from it next).
    CMS.registerEventListener({
      name: "preSave",
      handler: async ({ entry }) => {
        if (!entry.get("newRecord") || entry.getIn(["data", "slug"])) return undefined;
        const title = entry.getIn(["data", "title"]) || "";
        const { slug } = await fetch(`/admin/api/slug?title=${encodeURIComponent(title)}`).then((r) => r.json());
        return slug ? entry.get("data").set("slug", slug) : undefined;
      },
    });
  }

  // ---- Decap's own words --------------------------------------------------------------------
  /**
   * Decap's Chinese (zh_Hans) where it speaks of its own machinery: "collections" (集合) become
   * the articles, the failed-save toast says where the reasons are instead of echoing the
   * backend's API_ERROR (the reasons are at the fields and in the banner, above). Merged into
   * what is registered, so other changes to the locale keep theirs.
   */
  const WORDS = {
    collection: {
      sidebar: { collections: "内容", allCollections: "全部内容", searchAll: "搜索全部文章…", searchIn: "搜索" },
      collectionTop: {
        newButton: "写新%{collectionLabel}",
        newButtonAriaLabel: "写一篇新%{collectionLabel}",
        searchResultsInCollection: "在“%{collection}”中搜索“%{searchTerm}”的结果",
      },
      entries: { noEntries: "还没有文章" },
    },
    editor: {
      editorToolbar: { backCollection: "返回%{collectionLabel}列表" },
      editorWidgets: {
        headingOptions: { headingTwo: "小标题", headingThree: "小标题(二级)", headingFour: "小标题(三级)" },
      },
    },
    ui: {
      toast: {
        onFailToPersist: "未保存:原因和改法写在相应的项下方,以及页面底部。",
        onFailToLoadEntries: "文章列表未能读取:请确认启动编辑台的窗口仍在运行。",
        onBackendDown: "编辑台暂时连不上:请确认编辑台的窗口仍在运行。",
      },
    },
  };

  function deskWords(CMS) {
    const merge = (base, over) => {
      const out = { ...base };
      for (const [key, value] of Object.entries(over))
        out[key] = value && typeof value === "object" ? merge((base && base[key]) || {}, value) : value;
      return out;
    };
    CMS.registerLocale("zh_Hans", merge(CMS.getLocale("zh_Hans") || {}, WORDS));
  }

  window.addEventListener("load", async () => {
    const config = await fetch("/admin/api/config").then((r) => r.json());
    deskWords(window.CMS);
    register(window.CMS, config);
    const { desk, ...decap } = config;
    window.CMS.init({ config: decap });
  });
})();
