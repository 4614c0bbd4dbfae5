// The search page's guard for Pagefind results: record text reaches the reader as text.
// Pagefind's UI puts each result's excerpt into the page with innerHTML. Pagefind escapes
// < and > in it but not &, so a brief that says "&lt;b&gt;" read as "<b>". The excerpt
// is rebuilt here from the page's own text, every word escaped, the matches still marked.
(function () {
  "use strict";

  function escapeText(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function pagefindEscaped(text) {
    return text.replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // excerpt: words of the text joined by spaces, as Pagefind escaped them, the matches in
  // <mark> (its own markup: the text's "<" are escaped, so a word that starts with
  // "<mark>" is a match). Find those words in the text; escape the words as they are.
  function textExcerpt(excerpt, words) {
    var shown = excerpt.split(" ");
    var marked = shown.map(function (word) {
      return /^<mark>[\s\S]*<\/mark>$/.test(word);
    });
    var bare = shown.map(function (word, i) {
      return marked[i] ? word.slice("<mark>".length, -"</mark>".length) : word;
    });
    for (var start = 0; start + bare.length <= words.length; start++) {
      var k = 0;
      while (k < bare.length && pagefindEscaped(words[start + k]) === bare[k]) k++;
      if (k === bare.length) {
        return bare
          .map(function (word, i) {
            var text = escapeText(words[start + i]);
            return marked[i] ? "<mark>" + text + "</mark>" : text;
          })
          .join(" ");
      }
    }
    // Not found (text segmented otherwise): Pagefind's text escaped once more, its marks kept.
    return excerpt
      .split(/(<\/?mark>)/)
      .map(function (part) {
        return /^<\/?mark>$/.test(part) ? part : escapeText(part);
      })
      .join("");
  }

  // processResult for PagefindUI: runs on each result before the UI shows it.
  function processResult(data) {
    var words = String(data.content || "").split(/[\r\n\s]+/g);
    data.excerpt = textExcerpt(String(data.excerpt || ""), words);
    (data.sub_results || []).forEach(function (sub) {
      sub.excerpt = textExcerpt(String(sub.excerpt || ""), words);
    });
    return data;
  }

  window.briefingSearch = { processResult: processResult };
})();
