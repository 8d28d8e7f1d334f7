// Conveniences only: every page works without this script.
// Hovering or focusing a speaker in the side panel outlines their words in the text.
(function () {
  "use strict";
  var panel = document.querySelector(".panel");
  if (!panel) { return; }
  function mark(id, on) {
    var nodes = document.querySelectorAll('.v[data-attribution="' + CSS.escape(id) + '"], .content[data-attribution="' + CSS.escape(id) + '"]');
    for (var i = 0; i < nodes.length; i++) { nodes[i].classList.toggle("lit", on); }
  }
  function handler(on) {
    return function (event) {
      var item = event.target.closest && event.target.closest("[data-attribution]");
      if (item && panel.contains(item)) { mark(item.getAttribute("data-attribution"), on); }
    };
  }
  panel.addEventListener("mouseover", handler(true));
  panel.addEventListener("mouseout", handler(false));
  panel.addEventListener("focusin", handler(true));
  panel.addEventListener("focusout", handler(false));
  // Escape hides a claim's reason shown on keyboard focus.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.activeElement && document.activeElement.classList.contains("ul")) {
      document.activeElement.blur();
    }
  });
}());
