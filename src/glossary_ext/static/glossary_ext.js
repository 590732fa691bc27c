// glossary_ext: a term's definition, in place. It opens after a short hover (an
// intent, not a pass of the mouse on its way elsewhere), at once on keyboard
// focus and on tap; it closes on leaving, on blur, on Escape, on a tap on it or
// elsewhere. It stays in the window, below its link or above, never over it.
(() => {
  // How long a hover lasts before a definition opens (ms).
  const INTENT = 400;
  // Whether the last input was a pointer (not the keyboard), and a finger.
  let pointer = false;
  let touch = false;
  const terms = document.querySelectorAll(".glossary-term");
  const close = (term) => {
    clearTimeout(term.intent);
    term.classList.remove("glossary-open");
  };
  const open = (term) => {
    terms.forEach((t) => t !== term && close(t));
    const tip = term.querySelector(".glossary-tip");
    tip.style.left = "";
    tip.classList.remove("glossary-above");
    term.classList.add("glossary-open");
    const box = tip.getBoundingClientRect();
    const over = box.right - document.documentElement.clientWidth + 8;
    if (over > 0) tip.style.left = `${-Math.min(over, box.left - 8)}px`;
    // Above only when it does not fit below and does fit above.
    const link = term.firstElementChild.getBoundingClientRect();
    tip.classList.toggle("glossary-above", box.bottom > innerHeight && link.top > box.height + 8);
  };
  terms.forEach((term) => {
    term.addEventListener("mouseenter", () => {
      if (!touch) term.intent = setTimeout(() => open(term), INTENT);
    });
    term.addEventListener("mouseleave", () => close(term));
    term.addEventListener("focusin", () => pointer || open(term));
    term.addEventListener("focusout", () => close(term));
  });
  addEventListener("pointerdown", (e) => {
    pointer = true;
    touch = e.pointerType === "touch";
  }, true);
  addEventListener("keydown", (e) => {
    pointer = false;
    if (e.key === "Escape") terms.forEach(close);
  }, true);
  addEventListener("click", (e) => {
    const term = e.target.closest(".glossary-term");
    terms.forEach((t) => t !== term && close(t));
    if (!term) return;
    if (e.target.closest(".glossary-tip")) close(term);
    else if (touch && !term.classList.contains("glossary-open")) {
      // A first tap shows the definition, a second follows the link.
      e.preventDefault();
      open(term);
    }
  });
})();
