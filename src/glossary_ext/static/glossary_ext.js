// glossary_ext: CSS shows definitions on hover and focus; this adds tap
// (a first tap shows the definition, a second follows the link), Escape,
// and keeps the definition inside the viewport.
(() => {
  let touch = false;
  const terms = document.querySelectorAll(".glossary-term");
  const close = (except) => terms.forEach((t) => t !== except && t.classList.remove("glossary-open"));
  const place = (term) => {
    const tip = term.querySelector(".glossary-tip");
    tip.style.left = "";
    tip.classList.remove("glossary-above");
    const box = tip.getBoundingClientRect();
    const over = box.right - (document.documentElement.clientWidth - 8);
    if (over > 0) tip.style.left = `${-Math.min(over, box.left - 8)}px`;
    if (box.bottom > innerHeight && box.top - box.height > 0) tip.classList.add("glossary-above");
  };
  document.addEventListener("pointerdown", (e) => { touch = e.pointerType === "touch"; }, true);
  terms.forEach((term) => {
    const show = () => { term.classList.remove("glossary-closed"); place(term); };
    term.addEventListener("mouseenter", show);
    term.addEventListener("focusin", show);
    term.addEventListener("mouseleave", () => term.classList.remove("glossary-open"));
    term.querySelector("a").addEventListener("click", (e) => {
      if (!touch || term.classList.contains("glossary-open")) return;
      e.preventDefault();
      close(term);
      term.classList.add("glossary-open");
      show();
    });
  });
  document.addEventListener("click", (e) => {
    const tip = e.target.closest(".glossary-tip");
    if (tip) {
      tip.parentNode.classList.remove("glossary-open");
      tip.parentNode.classList.add("glossary-closed");
    } else if (!e.target.closest(".glossary-term")) close();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    terms.forEach((t) => { t.classList.remove("glossary-open"); t.classList.add("glossary-closed"); });
  });
})();
