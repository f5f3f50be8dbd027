// Accord's progressive enhancement: everything works without it.
// "/" focuses the search box; "Copy" buttons copy a clause's address or a citation.
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var box = document.querySelector("main input[type=search]") || document.getElementById("site-q");
    if (!box) return;
    e.preventDefault();
    box.focus();
    box.select();
  });

  function copied(button, text) {
    var status = button.parentNode.querySelector(".copied");
    if (status) {
      status.textContent = text;
      return;
    }
    var label = button.textContent;
    button.textContent = text.length < 12 ? text : "Select and copy";
    setTimeout(function () { button.textContent = label; }, 2000);
  }

  // A copy button copies what is beside it: the link its data-copy-target
  // names, or the citation text (.cite-text) it follows.
  document.querySelectorAll("button.copy").forEach(function (button) {
    var sel = button.getAttribute("data-copy-target");
    var src = button.parentNode.querySelector(sel || ".cite-text");
    if (!src || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = src.getAttribute("data-copy") || src.href || src.textContent;
      navigator.clipboard.writeText(text).then(
        function () { copied(button, sel ? "Link copied." : "Copied"); },
        function () { copied(button, "Could not copy: select the text and copy it."); }
      );
    });
  });
})();
