// Progressive enhancement of the share box: reading never needs this script.
// Web Share API where the browser has it; otherwise "copy link" through the Clipboard API.
for (const box of document.querySelectorAll("[data-share-url]")) {
  const url = box.getAttribute("data-share-url");
  const title = box.getAttribute("data-share-title") || document.title;
  const status = box.querySelector("[data-share-status]");
  const native = box.querySelector("[data-share-native]");
  const copy = box.querySelector("[data-share-copy]");
  if (native && navigator.share) {
    native.hidden = false;
    native.addEventListener("click", () => navigator.share({ title, url }).catch(() => {}));
  }
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(url);
        if (status) status.textContent = "链接已复制";
      } catch {
        if (status) status.textContent = "复制失败,请手动复制上面的链接";
      }
    });
  }
}
