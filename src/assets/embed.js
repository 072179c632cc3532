// Drop-in embed of the association's news: <ceramics-news> shows the latest articles (of one
// category with category="news", of one tag with tag="陶瓷"; limit="5" of them), the best matches of
// a search with query="会员企业 展会", or, with article="<slug>", one article.
// No dependencies; shadow DOM keeps the host page's styles out and ours in. Data: the JSON API.
(() => {
  // The script's own origin serves the API. The host page may hold markup it did not write: a
  // named element (<img name="currentScript">) shadows document.currentScript, so the getter is
  // read from Document.prototype, must give a <script>, and that script must be an /embed.js;
  // else the page's /embed.js script; else the page's own origin.
  const isEmbed = (node) =>
    node instanceof HTMLScriptElement && httpUrl(node.src) !== null && new URL(node.src).pathname === "/embed.js";
  function ownScript() {
    const getter = Object.getOwnPropertyDescriptor(Document.prototype, "currentScript");
    const current = getter && getter.get ? getter.get.call(document) : null;
    if (isEmbed(current)) return current;
    const scripts = Document.prototype.querySelectorAll.call(document, "script[src]");
    return Array.prototype.find.call(scripts, isEmbed) || null;
  }
  // Only http(s) URLs become links: an API answer (or whoever answers in its place) could say
  // javascript:… and run script on the host page.
  function httpUrl(value, base) {
    try {
      const url = new URL(value, base);
      return url.protocol === "https:" || url.protocol === "http:" ? url : null;
    } catch {
      return null;
    }
  }
  const script = ownScript();
  const BASE = script ? new URL(script.src).origin : location.origin;
  const STYLE = `
:host { display: block; font: 15px/1.7 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f1b16; }
.box { border: 1px solid #e4ddd2; border-radius: 8px; background: #fff; padding: 12px 16px; }
h2 { font-size: 15px; margin: 0 0 8px; color: #8a2c1c; }
ul { list-style: none; margin: 0; padding: 0; }
li + li { border-top: 1px solid #f0ebe3; }
li { padding: 8px 0; }
a { color: #1f1b16; text-decoration: none; font-weight: 600; }
a:hover, a:focus-visible { color: #8a2c1c; text-decoration: underline; }
.meta { color: #5e564c; font-size: 13px; }
p { margin: 4px 0 0; }
.more { display: inline-block; margin-top: 8px; font-weight: 400; color: #8a2c1c; }
.error { color: #5e564c; }`;

  let SHEET = null;

  function dateText(published) {
    if (published.known) {
      const [y, m, d] = published.date.slice(0, 10).split("-").map(Number);
      return `${y}年${m}月${d}日`;
    }
    return "发布日期不详";
  }

  function el(tag, props, children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children || []) node.append(child);
    return node;
  }

  class CeramicsNews extends HTMLElement {
    static get observedAttributes() {
      return ["category", "limit", "article", "query", "tag"];
    }
    connectedCallback() {
      if (!this.shadowRoot) this.attachShadow({ mode: "open" });
      this.load();
    }
    attributeChangedCallback() {
      if (this.shadowRoot) this.load();
    }
    async load() {
      const root = this.shadowRoot;
      const article = this.getAttribute("article");
      const query = this.getAttribute("query");
      const path = article
        ? `/api/v1/articles/${encodeURIComponent(article)}`
        : query
          ? "/api/v1/search"
          : "/api/v1/articles";
      const url = new URL(path, BASE);
      if (!article) {
        url.searchParams.set("limit", this.getAttribute("limit") || "5");
        if (query) url.searchParams.set("q", query);
        for (const name of ["category", "tag"]) {
          const value = this.getAttribute(name);
          if (value && !(query && name === "tag")) url.searchParams.set(name, value);
        }
      }
      const box = el("div", { className: "box" });
      // A constructed stylesheet where the browser has them: a page whose Content Security Policy
      // allows no inline <style> (this site's own /embed page among them) still styles the element.
      if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === "function") {
        if (!SHEET) {
          SHEET = new CSSStyleSheet();
          SHEET.replaceSync(STYLE);
        }
        root.adoptedStyleSheets = [SHEET];
        root.replaceChildren(box);
      } else {
        root.replaceChildren(el("style", { textContent: STYLE }), box);
      }
      box.append(el("p", { className: "meta", textContent: "加载中…" }));
      let message;
      try {
        const res = await fetch(url, { headers: { accept: "application/json" } });
        const body = await res.json();
        if (res.ok) {
          box.replaceChildren(...(article ? this.one(body) : this.list(body)));
          return;
        }
        message = this.refusal(res.status, body, { article, query }) || `无法加载文章(${body.detail || res.status})。`;
      } catch (error) {
        message = `无法加载文章(${error.message})。`;
      }
      box.replaceChildren(
        el("p", { className: "error", textContent: message }),
        el("a", {
          className: "more",
          href: BASE + "/",
          target: "_blank",
          rel: "noopener",
          textContent: "访问网站 →",
        }),
      );
    }
    // What the site refused, named by the attribute the embedder wrote (issue 31: an attribute
    // with a value the site does not know shows why, never a blank box). The API's problem
    // (RFC 9457) names a bad parameter in invalid_params; a filter matching nothing is a 404.
    refusal(status, body, { article, query }) {
      const param = body && Array.isArray(body.invalid_params) && body.invalid_params[0];
      const attribute = (name) => `${name}="${this.getAttribute(name)}"`;
      if (param && param.name === "limit") return `${attribute("limit")}:应为 1 到 50 之间的整数。`;
      if (param && param.name === "category") {
        const known = Array.isArray(param.allowed) ? `(可用:${param.allowed.join("、")})` : "";
        return `${attribute("category")}:不是本站的栏目${known}。`;
      }
      if (param && param.name === "q") return `${attribute("query")}:无法搜索这些词(${param.reason})。`;
      if (status !== 404) return null;
      if (article) return `${attribute("article")}:本站没有这篇已发布的文章。`;
      if (!query && this.getAttribute("tag")) return `${attribute("tag")}:本站没有带这个标签的文章。`;
      return null;
    }
    // A link to `url` if it is an http(s) URL, else the text alone.
    link(url, props) {
      const safe = httpUrl(url, BASE);
      if (!safe) return el("span", { className: props.className || "", textContent: props.textContent });
      return el("a", { ...props, href: safe.href, target: "_blank", rel: "noopener" });
    }
    item(a, withSummary) {
      return el("li", {}, [
        this.link(a.url, { textContent: a.title }),
        el("div", { className: "meta", textContent: `${dateText(a.published)} · ${a.category.name}` }),
        ...(withSummary ? [el("p", { textContent: a.summary })] : []),
      ]);
    }
    list(body) {
      const items = body.data.map((a) => this.item(a, false));
      const query = this.getAttribute("query");
      const tag = this.getAttribute("tag");
      const heading = query ? `搜索:${query}` : tag ? `标签:${tag}` : "最新文章";
      return [
        el("h2", { textContent: `佛山市禅城区陶瓷行业协会 · ${heading}` }),
        items.length ? el("ul", {}, items) : el("p", { className: "meta", textContent: "暂无文章。" }),
        el("a", {
          className: "more",
          href: query
            ? `${BASE}/search?q=${encodeURIComponent(query)}`
            : tag
              ? `${BASE}/tags/${encodeURIComponent(tag)}`
              : BASE + "/",
          target: "_blank",
          rel: "noopener",
          textContent: "更多 →",
        }),
      ];
    }
    one(a) {
      return [
        el("ul", {}, [this.item(a, true)]),
        ...(httpUrl(a.url, BASE) ? [this.link(a.url, { className: "more", textContent: "阅读全文 →" })] : []),
      ];
    }
  }

  if (!customElements.get("ceramics-news")) customElements.define("ceramics-news", CeramicsNews);
})();
