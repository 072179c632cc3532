/**
 * 复制到公众号: on an article's page at the desk, a button that copies the saved article as rich
 * text (text/html with inline styles only, and text/plain beside it) for pasting into the 公众号's
 * editor. The HTML comes from the desk (/admin/api/wechat, scripts/desk/wechat.ts), made as
 * `npm run wechat` makes it. A file of its own, loaded by index.html from the desk's origin (the
 * desk's CSP allows no inline script).
 */
(() => {
  const ENTRY = /^#\/collections\/articles\/entries\/([a-z0-9-]+)$/;

  const style = document.createElement("style");
  style.textContent = `
    #wechat-copy { position: fixed; right: 16px; bottom: 16px; z-index: 10001; display: flex; gap: 8px;
      align-items: center; font: 14px/1.6 system-ui, sans-serif; }
    #wechat-copy[hidden] { display: none; }
    #wechat-copy button { padding: 8px 16px; border: 0; border-radius: 5px; background: #07c160; color: #fff;
      font: inherit; font-weight: 600; cursor: pointer; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
    #wechat-copy button:disabled { opacity: .6; cursor: progress; }
    #wechat-copy [role=status]:not(:empty) { max-width: 28rem; padding: 6px 10px; border-radius: 5px;
      background: #fff; color: #1f1b16; box-shadow: 0 2px 6px rgba(0,0,0,.15); }
    #wechat-copy [role=status].failed { background: #fdecea; color: #8a1c10; }
  `;
  document.head.append(style);

  const box = document.createElement("div");
  box.id = "wechat-copy";
  box.hidden = true;
  const status = document.createElement("p");
  status.setAttribute("role", "status");
  status.style.margin = "0";
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "复制到公众号";
  button.title = "复制已保存的版本,粘贴到公众号的编辑器里";
  box.append(status, button);

  const slug = () => ENTRY.exec(location.hash)?.[1];
  function place() {
    if (!box.isConnected) document.body.append(box);
    box.hidden = !slug();
    if (box.hidden) say("");
  }

  function say(text, failed = false) {
    status.textContent = text;
    status.classList.toggle("failed", failed);
  }

  /** The desk's WeChat rendering of the saved article, or its error in Chinese. */
  async function rendering(name) {
    const answer = await fetch(`/admin/api/wechat?slug=${encodeURIComponent(name)}`, { cache: "no-store" });
    const body = await answer.json().catch(() => ({ error: `编辑台的回答不可读(HTTP ${answer.status})` }));
    if (!answer.ok) throw new Error(body.error ?? `HTTP ${answer.status}`);
    return body;
  }

  button.addEventListener("click", async () => {
    const name = slug();
    if (!name) return;
    if (typeof ClipboardItem === "undefined" || !navigator.clipboard?.write) {
      say("这个浏览器不能复制带格式的文字,请用 Chrome 或 Edge 打开编辑台,或用 npm run wechat。", true);
      return;
    }
    button.disabled = true;
    say("正在生成公众号版本…");
    // The clipboard is written in the click itself, with the content still on its way (a promise per
    // type), so the browser's user-activation check holds however long the desk takes to answer.
    const ready = rendering(name);
    const blob = (type, key) => ready.then((r) => new Blob([r[key]], { type }));
    try {
      await navigator.clipboard.write([
        new ClipboardItem({ "text/html": blob("text/html", "html"), "text/plain": blob("text/plain", "text") }),
      ]);
      const r = await ready;
      say(
        `已复制《${r.title}》(已保存的版本)。到公众号的编辑器里粘贴;` +
          `${r.notes ? `文中 ${r.notes} 个链接已改成文末注释,` : ""}图片粘贴后请确认都已显示。`,
      );
    } catch (e) {
      const reason = await ready.then(
        () => e.message,
        (err) => err.message,
      );
      say(`没有复制:${reason}`, true);
    } finally {
      button.disabled = false;
    }
  });

  addEventListener("hashchange", place);
  if (document.body) place();
  else addEventListener("DOMContentLoaded", place);
})();
