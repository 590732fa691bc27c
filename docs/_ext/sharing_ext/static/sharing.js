// « Copier le lien », « Copier son texte » (the pitch): sharing_ext writes the buttons.
(() => {
  const status = document.createElement("p");
  status.className = "sharing-status";
  status.setAttribute("role", "status");
  (document.querySelector("[role=main]") || document.body).append(status);
  let timer;
  // Without a public address, the URLs are relative to the site's root (and the
  // pitch's start with "{site}/"): completed with the address the page is served from.
  const root = new URL(document.documentElement.dataset.content_root || "./", location.href).href;
  document.querySelectorAll("[data-url]").forEach((e) => (e.dataset.url = new URL(e.dataset.url, root).href));
  // The pitch as text/plain and text/html; promises keep the click's permission.
  const copyPitch = (source) => {
    const pitch = fetch(source).then((r) => (r.ok ? r.json() : Promise.reject(r)));
    const blob = (type, key) => pitch.then((p) => new Blob([p[key].replaceAll("{site}/", root)], { type }));
    const item = { "text/plain": blob("text/plain", "text"), "text/html": blob("text/html", "html") };
    return navigator.clipboard.write([new ClipboardItem(item)]);
  };
  document.addEventListener("click", async (event) => {
    const button = event.target.closest(".sharing-copy, .sharing-copy-pitch");
    if (!button) return;
    const { url, pitch } = button.dataset;
    try {
      await (pitch ? copyPitch(pitch) : navigator.clipboard.writeText(url));
      status.textContent = pitch ? "Texte copié" : "Lien copié";
    } catch {
      status.textContent = "Copie impossible";
    }
    clearTimeout(timer);
    timer = setTimeout(() => (status.textContent = ""), 2500);
  });
})();
