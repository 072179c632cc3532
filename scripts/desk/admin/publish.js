/**
 * The desk's saving and publishing, said plainly (served by scripts/desk/server.ts after desk.js):
 * - Decap's 发布 words become what they do here: a save writes to this computer (已保存(本机));
 *   readers see it only after a deploy;
 * - the preview follows the save: the pane reloads the page once the site serves a build made
 *   after the save was written: /__preview/version reports the content version the backend
 *   computed for the save (backend.ts), or any version other than the one served just before the
 *   save was sent (the build's code differs from the desk's, say). A new article's frame waits for
 *   it instead of showing 页面不存在;
 * - the 部署 panel runs the deploy (deploy.ts), shows its steps and result, what is saved but not
 *   yet deployed, and the deleted articles that can still be restored (trash.ts).
 */
(() => {
  const API = "/admin/api/v1";

  // ---- words -------------------------------------------------------------------------------
  // Merged over Decap's own zh_Hans phrases (CMS.registerLocale replaces a locale whole).
  const WORDS = {
    editor: {
      editorToolbar: {
        publish: "保存",
        publishing: "正在保存…",
        published: "已保存(本机)",
        publishNow: "保存到本机",
        publishAndCreateNew: "保存,然后新建",
        publishAndDuplicate: "保存,然后复制",
        changesSaved: "已保存(本机)",
        unsavedChanges: "有未保存的修改",
        deletePublishedEntry: "删除文章",
        deleteEntry: "删除文章",
      },
      editor: {
        onPublishing: "保存到这台电脑?(读者要等部署之后才能看到)",
        onDeletePublishedEntry: "删除这篇文章?部署之前,可以在“部署”面板里恢复。",
        onDeleteWithUnsavedChanges: "删除这篇文章(连同没保存的修改)?部署之前,可以在“部署”面板里恢复已保存的版本。",
      },
    },
    ui: {
      toast: {
        entrySaved: "已保存(本机)",
        entryPublished: "已保存(本机)。读者要等部署之后才能看到:点右上方的“部署”。",
        entryDeleted: "已删除(本机)。部署之前可以在“部署”面板里恢复。",
      },
    },
  };
  const merge = (base, over) => {
    const out = { ...base };
    for (const [k, v] of Object.entries(over))
      out[k] = v && typeof v === "object" && base && typeof base[k] === "object" ? merge(base[k], v) : v;
    return out;
  };

  // ---- the preview follows the save ---------------------------------------------------------
  /** file slug → { phase: "waiting" | "live" | "blocked", token } (token changes reload the frame) */
  const views = new Map();
  const changed = () => window.dispatchEvent(new Event("desk-preview"));
  const fileSlug = (path) => String(path).replace(/^.*\//, "").replace(/\.md$/, "");

  const servedVersion = () =>
    fetch("/__preview/version", { cache: "no-store" })
      .then((r) => (r.ok ? r.text() : ""))
      .catch(() => "");

  /**
   * Waits until the site serves the save (content version `version`, or a version other than
   * `before`, read before the save was sent), then reloads the preview of `slug`.
   */
  async function follow(slug, version, before, fresh) {
    const last = views.get(slug);
    // fresh: a new article, not on the site before this save (its frame would show 页面不存在).
    const view = { phase: "waiting", token: last?.token ?? 0, since: Date.now(), fresh: fresh && !last?.token };
    views.set(slug, view);
    changed();
    while (views.get(slug) === view) {
      const served = await servedVersion();
      // "<render version>:<content version>" (src/routes/preview.ts)
      if (served && (served.split(":").pop() === version || (before && served !== before))) {
        view.phase = "live";
        view.token = Date.now();
        changed();
        return;
      }
      if (Date.now() - view.since > 20_000 && !view.slow) {
        view.slow = true;
        changed();
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  // ---- the backend's answers ----------------------------------------------------------------
  const fetch1 = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input.url;
    if (!url.endsWith(API) || !init || typeof init.body !== "string") return fetch1(input, init);
    const call = JSON.parse(init.body);
    // What the site serves before this save is written: a rebuild after it includes the save.
    const before = call.action === "persistEntry" ? await servedVersion() : undefined;
    const res = await fetch1(input, init);
    if (!res.ok) return res;
    const body = await res
      .clone()
      .json()
      .catch(() => undefined);
    if (call.action === "persistEntry" && body && body.path) {
      const slug = fileSlug(body.path);
      const fresh = Boolean(call.params && call.params.options && call.params.options.newEntry);
      if (body.contentVersion) void follow(slug, body.contentVersion, before, fresh);
      else {
        // Another file's error stops the site's rebuild (desk.js lists it): nothing to wait for.
        const last = views.get(slug);
        views.set(slug, { phase: "blocked", token: last?.token ?? 0, fresh: fresh && !last?.token });
        changed();
      }
    }
    if (call.action === "deleteFiles" && body && Array.isArray(body.trashed)) {
      for (const item of body.trashed) if (item.path.endsWith(".md")) deleted(item);
    }
    return res;
  };

  // ---- the page ----------------------------------------------------------------------------
  const style = document.createElement("style");
  style.textContent = `
    #desk-deploy-open { position: fixed; top: 10px; right: 230px; z-index: 10001; padding: 8px 16px;
      border: 0; border-radius: 5px; background: #3a69c7; color: #fff; font: 600 15px/1.2 system-ui, sans-serif;
      cursor: pointer; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
    #desk-deploy-open .count { margin-left: 6px; background: #ffd666; color: #4a3500; border-radius: 10px;
      padding: 1px 7px; font-size: 13px; }
    #desk-deploy { width: min(760px, 94vw); max-height: 88vh; border: 0; border-radius: 8px; padding: 0;
      font: 15px/1.6 system-ui, sans-serif; color: #222; box-shadow: 0 8px 30px rgba(0,0,0,.3); }
    #desk-deploy::backdrop { background: rgba(0,0,0,.35); }
    #desk-deploy > div { padding: 18px 24px 24px; }
    #desk-deploy h2 { margin: 0 0 6px; font-size: 20px; }
    #desk-deploy h3 { margin: 18px 0 4px; font-size: 16px; }
    #desk-deploy .close { float: right; }
    #desk-deploy .lead { color: #444; margin: 0 0 8px; }
    #desk-deploy section { border: 1px solid #e2e2e8; border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
    #desk-deploy ul { margin: 4px 0; padding-left: 22px; }
    #desk-deploy .steps { list-style: none; padding: 0; }
    #desk-deploy .steps li::before { display: inline-block; width: 1.6em; content: "○"; }
    #desk-deploy .steps li[data-state="done"]::before { content: "✓"; color: #1b7f3a; }
    #desk-deploy .steps li[data-state="running"]::before { content: "…"; color: #3a69c7; }
    #desk-deploy .steps li[data-state="failed"]::before { content: "✗"; color: #b3261e; }
    #desk-deploy .result { padding: 8px 12px; border-radius: 5px; margin: 8px 0; }
    #desk-deploy .result[data-state="done"] { background: #e6f4ea; }
    #desk-deploy .result[data-state="failed"], #desk-deploy .result[data-state="login"] { background: #fdecea; }
    #desk-deploy pre { max-height: 180px; overflow: auto; background: #f6f6f8; padding: 8px; font-size: 12px;
      white-space: pre-wrap; }
    #desk-deploy button.go { padding: 6px 14px; margin: 6px 8px 0 0; }
    #desk-undo { position: fixed; left: 50%; transform: translateX(-50%); bottom: 70px; z-index: 10002;
      background: #333; color: #fff; padding: 10px 16px; border-radius: 6px; font: 15px/1.5 system-ui, sans-serif; }
    #desk-undo button { margin-left: 12px; }
  `;
  document.head.append(style);

  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) node.append(c);
    return node;
  };
  const when = (iso) =>
    new Date(iso).toLocaleString("zh-CN", { dateStyle: "medium", timeStyle: "short", hour12: false });

  async function restore(id) {
    const res = await fetch1(API, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ action: "restoreDeleted", params: { id } }),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) return body.error || `恢复失败(${res.status})`;
    // Decap reads the list once: start again on it, with the restored article in it.
    location.hash = "#/collections/articles";
    location.reload();
    return undefined;
  }

  /** 恢复 for a deleted article: restores it (the list starts again on it), or hands `failed` why not. */
  const restoreButton = (item, failed) =>
    el("button", {
      type: "button",
      textContent: "恢复",
      onclick: async () => {
        const error = await restore(item.id);
        if (error) failed(error);
      },
    });

  /** After a delete: what was deleted, and 恢复 right there. */
  function deleted(item) {
    document.getElementById("desk-undo")?.remove();
    const note = el("div", { id: "desk-undo", role: "status" }, `已删除《${item.title || item.path}》(本机)。`);
    note.append(
      restoreButton(item, (error) => (note.textContent = error)),
      el("button", { type: "button", textContent: "关闭", onclick: () => note.remove() }),
    );
    document.body.append(note);
  }

  // ---- the 部署 panel ---------------------------------------------------------------------
  let dialog;
  let polling;

  async function refresh() {
    const state = await fetch1("/admin/api/deploy", { cache: "no-store" }).then((r) => r.json());
    render(state);
    clearTimeout(polling);
    if (state.progress.state === "running") polling = setTimeout(refresh, 1000);
    const count = state.environments.find((e) => e.env === "production");
    const n = count ? count.added.length + count.changed.length + count.removed.length : 0;
    const badge = document.querySelector("#desk-deploy-open .count");
    if (badge) {
      badge.textContent = n ? `${n} 篇未部署` : "";
      badge.hidden = !n;
    }
    return state;
  }

  async function start(env) {
    const res = await fetch1("/admin/api/deploy", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ env }),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) window.alert(body.error || `部署没有开始(${res.status})`);
    await refresh();
  }

  function pendingList(env) {
    const rows = [
      ...env.added.map((a) => `新文章:${a.title || a.path}`),
      ...env.changed.map((a) => `修改:${a.title || a.path}`),
      ...env.removed.map((a) => `删除:${a.path.replace(/^content\/articles\//, "")}`),
    ];
    const note = env.lastDeploy
      ? `上次从这台电脑部署:${when(env.lastDeploy.at)}(${env.lastDeploy.origin}/)`
      : "这台电脑还没有部署过到这里:下面列出的是网站文件夹里的全部文章。";
    return el(
      "div",
      { className: "pending" },
      el("p", { className: "lead" }, note),
      rows.length || env.otherFiles
        ? el(
            "div",
            {},
            el("strong", {}, "已保存但还没部署(读者还看不到):"),
            el(
              "ul",
              {},
              rows.map((r) => el("li", {}, r)),
              env.otherFiles ? el("li", {}, `另有 ${env.otherFiles} 个图片或设置文件`) : null,
            ),
          )
        : el("p", {}, "已保存的内容都已部署:读者看到的就是这里保存的。"),
    );
  }

  function progressView(p) {
    if (p.state === "idle") return null;
    const label = p.env === "production" ? "正式网站" : "试运行网站";
    const stepState = (i) => {
      const n = i + 1;
      if (p.state === "done") return "done";
      if (p.state === "login") return "todo";
      if (n < p.step) return "done";
      if (n === p.step) return p.state === "failed" ? "failed" : "running";
      return "todo";
    };
    return el(
      "section",
      { className: "progress", "aria-live": "polite" },
      el("h3", {}, p.state === "running" ? `正在部署到${label}…` : `部署到${label}`),
      el(
        "ol",
        { className: "steps" },
        p.steps.map((s, i) => {
          const li = el("li", {}, `${i + 1}. ${s.label}`);
          li.dataset.state = stepState(i);
          return li;
        }),
      ),
      p.message
        ? (() => {
            const box = el(
              "div",
              { className: "result" },
              p.message.map((m) => el("div", {}, m)),
            );
            box.dataset.state = p.state;
            if (p.url)
              box.append(
                el("div", {}, "网址:", el("a", { href: p.url, target: "_blank", rel: "noopener", textContent: p.url })),
              );
            return box;
          })()
        : null,
      p.log.length
        ? el(
            "details",
            { open: p.state === "failed" },
            el("summary", {}, "详细记录"),
            el("pre", { textContent: p.log.join("\n") }),
          )
        : null,
    );
  }

  function render(state) {
    const body = dialog.querySelector("div");
    const running = state.progress.state === "running";
    const parts = [
      el("button", { type: "button", className: "close", textContent: "关闭", onclick: () => dialog.close() }),
      el("h2", {}, "部署:把已保存的文章放到网站上"),
      el(
        "p",
        { className: "lead" },
        "在编辑台“保存”只保存在这台电脑上(本机预览可以看到)。读者要等“部署”之后才能看到。" +
          "部署会先检查全部文章,有错误就不部署;完成后网站立即更新。",
      ),
      progressView(state.progress),
      state.environments.map((env) =>
        el(
          "section",
          { className: "env" },
          el("h3", {}, env.label),
          pendingList(env),
          el("button", {
            type: "button",
            className: "go",
            disabled: running,
            textContent: `部署到${env.env === "production" ? "正式网站" : "试运行网站"}`,
            onclick: () => start(env.env),
          }),
        ),
      ),
      el("h3", {}, "已删除的文章(部署到正式网站之前可以恢复)"),
      state.trash.length
        ? el(
            "ul",
            { className: "trash" },
            state.trash.map((item) => {
              const li = el("li", {}, `${item.title || item.path}(${when(item.deletedAt)} 删除) `);
              li.append(restoreButton(item, (error) => li.append(el("div", { role: "alert" }, error))));
              return li;
            }),
          )
        : el("p", {}, "没有。"),
    ];
    body.replaceChildren(...parts.flat().filter(Boolean));
  }

  function panel() {
    dialog = el("dialog", { id: "desk-deploy", "aria-label": "部署" }, el("div"));
    document.body.append(dialog);
    const open = el("button", { id: "desk-deploy-open", type: "button" }, "部署");
    open.append(el("span", { className: "count", hidden: true }));
    open.onclick = async () => {
      dialog.showModal();
      await refresh();
    };
    document.body.append(open);
    void refresh().catch(() => undefined);
  }

  window.addEventListener("load", () => {
    const CMS = window.CMS;
    const h = window.h;
    CMS.registerLocale("zh_Hans", merge(CMS.getLocale("zh_Hans") || {}, WORDS));

    // The real page from the dev server (drafts and scheduled articles included and marked), as
    // saved: reloaded when the site serves the save. Decap's preview pane is a frame of its own:
    // the desk's stylesheet does not reach it, hence the inline styles.
    const noteStyle = { margin: "0 0 8px", padding: "6px 10px", borderRadius: "4px", font: "14px/1.5 sans-serif" };
    const Preview = window.createClass({
      componentDidMount() {
        this.listener = () => this.forceUpdate();
        window.addEventListener("desk-preview", this.listener);
      },
      componentWillUnmount() {
        window.removeEventListener("desk-preview", this.listener);
      },
      render() {
        const entry = this.props.entry;
        const file = entry.get("slug");
        const view = file ? views.get(file) : undefined;
        const note = (text, background = "#eef3fb") =>
          h("p", { className: "desk-preview-note", role: "status", style: { ...noteStyle, background } }, text);
        if (entry.get("newRecord") || !file) return note("保存后,这里显示本机网站上的页面。");
        const slug = entry.getIn(["data", "slug"]) || file;
        const frame =
          view && view.fresh && view.phase !== "live"
            ? null
            : h("iframe", {
                key: `${slug}-${view ? view.token : 0}`,
                title: "本机网站上的页面",
                style: { width: "100%", height: "100vh", border: 0 },
                src: `/admin/preview/articles/${encodeURIComponent(slug)}`,
              });
        let text = "本机网站上的页面(已保存的版本;部署之后读者才能看到)。";
        let background = "#eef3fb";
        if (view && view.phase === "waiting") {
          text = view.slow
            ? "已保存(本机)。本机网站重新生成比平时慢,请稍候…"
            : "已保存(本机)。本机网站正在重新生成,预览稍后自动更新…";
          background = "#fff4e5";
        } else if (view && view.phase === "blocked") {
          text = "已保存(本机),但网站其他文件有错误,本机网站暂不更新(见页面下方的提示)。";
          background = "#fdecea";
        }
        return h("div", null, note(text, background), frame);
      },
    });
    CMS.registerPreviewTemplate("articles", Preview);
    panel();
  });
})();
