// glossary_ext: CSS shows a definition on hover and focus. This adds tap (a
// first tap shows the definition, a second follows the link), closing (Escape,
// a tap on the definition or elsewhere), and keeps the definition in the window.
(() => {
  let touch = false;
  const terms = document.querySelectorAll(".glossary-term");
  // "closed" hides a definition under the pointer or the focus, until shown again.
  const hide = (term) => {
    term.classList.remove("glossary-open");
    term.classList.add("glossary-closed");
  };
  const show = (term) => {
    const tip = term.querySelector(".glossary-tip");
    term.classList.remove("glossary-closed");
    tip.style.left = "";
    tip.classList.remove("glossary-above");
    const box = tip.getBoundingClientRect();
    const over = box.right - document.documentElement.clientWidth + 8;
    if (over > 0) tip.style.left = `${-Math.min(over, box.left - 8)}px`;
    tip.classList.toggle("glossary-above", box.bottom > innerHeight && box.top > box.height);
  };
  terms.forEach((term) => {
    term.addEventListener("mouseenter", () => show(term));
    term.addEventListener("focusin", () => show(term));
    term.addEventListener("mouseleave", () => term.classList.remove("glossary-open"));
  });
  addEventListener("pointerdown", (e) => { touch = e.pointerType === "touch"; }, true);
  addEventListener("click", (e) => {
    const term = e.target.closest(".glossary-term");
    terms.forEach((t) => t !== term && t.classList.remove("glossary-open"));
    if (!term) return;
    if (e.target.closest(".glossary-tip")) hide(term);
    else if (touch && !term.classList.contains("glossary-open")) {
      e.preventDefault();
      term.classList.add("glossary-open");
      show(term);
    }
  });
  addEventListener("keydown", (e) => e.key === "Escape" && terms.forEach(hide));
})();
