// The embed builder's form (/embed, src/render/html/embed-builder.ts): keeps the live
// <ceramics-news> element, the snippet and the API URL in step with the choices, and copies them.
// The page shows the default snippet without this script. URLs are built with URL and
// URLSearchParams from the bases the page gives (content/urls.ts on the site's origin); the
// snippet's attribute values are escaped as HTML.
(() => {
  const form = document.getElementById("builder");
  if (!form) return;
  const preview = document.getElementById("builder-preview");
  const snippetOut = document.getElementById("builder-snippet");
  const apiOut = document.getElementById("builder-api");
  const error = document.getElementById("builder-error");
  const status = document.getElementById("builder-status");
  const attr = (value) =>
    value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

  // The choices as the element's attributes, in the order the snippet shows them; or why not.
  function choice() {
    const data = new FormData(form);
    const kind = data.get("kind") || "latest";
    const limitText = String(data.get("limit") || "").trim();
    if (!/^[0-9]+$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 50) {
      return { problem: "篇数应为 1 到 50 之间的整数。" };
    }
    const attributes = [];
    if (kind === "category") attributes.push(["category", String(data.get("category") || "")]);
    if (kind === "tag") {
      if (!data.get("tag")) return { problem: "本站还没有标签。" };
      attributes.push(["tag", String(data.get("tag"))]);
    }
    if (kind === "query") {
      const query = String(data.get("query") || "").trim();
      if (!query) return { problem: "请填写搜索词,例如:陶瓷。" };
      attributes.push(["query", query]);
    }
    attributes.push(["limit", String(Number(limitText))]);
    return { kind, attributes };
  }

  function apiUrl({ kind, attributes }) {
    const url = new URL(form.dataset[kind === "query" ? "search" : "articles"]);
    for (const [name, value] of attributes) url.searchParams.set(name === "query" ? "q" : name, value);
    return url.href;
  }

  function update() {
    // Only the chosen kind's field is shown.
    const kind = new FormData(form).get("kind");
    for (const field of form.querySelectorAll("[data-for]")) field.hidden = field.dataset.for !== kind;
    const chosen = choice();
    error.hidden = !chosen.problem;
    error.textContent = chosen.problem || "";
    if (chosen.problem) return;
    const tag = `<ceramics-news ${chosen.attributes.map(([n, v]) => `${n}="${attr(v)}"`).join(" ")}></ceramics-news>`;
    const snippet = `<script src="${attr(form.dataset.script)}" defer></script>\n${tag}`;
    // The same choice again (a field left without a change): the element is not loaded twice.
    if (snippet === snippetOut.textContent) return;
    const element = document.createElement("ceramics-news");
    for (const [name, value] of chosen.attributes) element.setAttribute(name, value);
    preview.querySelector("ceramics-news").replaceWith(element);
    snippetOut.textContent = snippet;
    apiOut.textContent = apiUrl(chosen);
    status.textContent = "";
  }

  let timer;
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, 300);
  });
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());
  update();

  for (const button of document.querySelectorAll("[data-copy]")) {
    if (!navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      const text = document.getElementById(button.dataset.copy).textContent;
      try {
        await navigator.clipboard.writeText(text);
        status.textContent = button.dataset.copy === "builder-api" ? "API 地址已复制" : "嵌入代码已复制";
      } catch {
        status.textContent = "复制失败,请选中上面的文字手动复制";
      }
    });
  }
})();
