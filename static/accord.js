// Accord's progressive enhancement: everything works without it.
// "/" focuses the search box; "Copy link" buttons copy a clause's address.
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
    if (status) status.textContent = text;
  }

  document.querySelectorAll("button.copy").forEach(function (button) {
    var link = button.parentNode.querySelector(button.getAttribute("data-copy-target"));
    if (!link || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(link.getAttribute("data-copy") || link.href).then(
        function () { copied(button, "Link copied."); },
        function () { copied(button, "Could not copy: select the link and copy it."); }
      );
    });
  });
})();
