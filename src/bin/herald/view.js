"use strict";
// Event cards light up their trigger and arguments in the text. Hover
// previews; a click pins one card until it is clicked again or another is.
// `heraldView(element)` binds the cards and triggers inside an element: the
// page binds itself on load, and `herald serve`'s page binds each result it
// inserts.
(function () {
  function each(key, fn) {
    document.querySelectorAll('[data-k~="' + key + '"]').forEach(fn);
  }
  function show(card, on) {
    each(card.dataset.t, function (el) { el.classList.toggle("hl-t", on); });
    (card.dataset.a || "").split(" ").filter(Boolean).forEach(function (key) {
      each(key, function (el) { el.classList.toggle("hl-a", on); });
    });
    card.classList.toggle("active", on);
  }
  var pinned = null;
  function select(card) {
    if (pinned && pinned !== card) { show(pinned, false); }
    if (pinned === card) { pinned = null; show(card, false); return; }
    pinned = card;
    show(card, true);
    var trigger = document.querySelector('.seg[data-k~="' + card.dataset.t + '"]');
    if (trigger) { trigger.scrollIntoView({ block: "nearest" }); }
  }
  function bind(root) {
    // A pinned card that was replaced is gone; forget it.
    if (pinned && !document.contains(pinned)) { pinned = null; }
    root.querySelectorAll(".card").forEach(function (card) {
      card.addEventListener("mouseenter", function () { if (!pinned) { show(card, true); } });
      card.addEventListener("mouseleave", function () { if (!pinned) { show(card, false); } });
      card.addEventListener("click", function () { select(card); });
      card.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(card); }
      });
    });
    root.querySelectorAll(".seg.trigger").forEach(function (seg) {
      seg.addEventListener("click", function () {
        var card = document.querySelector('.card[data-t="' + seg.dataset.trig + '"]');
        if (card) { select(card); card.scrollIntoView({ block: "nearest" }); }
      });
    });
  }
  window.heraldView = bind;
  bind(document);
})();
