// glossary_ext: search excerpts leave out the definitions written next to links.
if (typeof Search !== "undefined" && Search.htmlToText) {
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (html, anchor) =>
    htmlToText(html.replace(/<span class="glossary-tip"[^>]*>[^<]*<\/span>/g, ""), anchor);
}
