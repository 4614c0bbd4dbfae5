// Material's search downloads its whole index (search/search_index.json) as soon as a
// page loads, whether or not the reader searches. This holds that one request until the
// reader turns to the search box (a tap or click on it, focus in it, the f, s or /
// keys that open it), so reading a brief does not download the index.
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = /[?&]q=/.test(window.location.search);

  function release() {
    wanted = true;
    var now = held;
    held = [];
    now.forEach(function (go) { go(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.briefingIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.briefingIndex || wanted) return send.apply(request, args);
    held.push(function () { send.apply(request, args); });
  };

  function towardsSearch(target) {
    return target instanceof Element &&
      !!target.closest('.md-search, label[for="__search"], #__search');
  }
  document.addEventListener("pointerdown", function (event) {
    if (towardsSearch(event.target)) release();
  }, true);
  document.addEventListener("focusin", function (event) {
    if (towardsSearch(event.target)) release();
  }, true);
  document.addEventListener("change", function (event) {
    if (towardsSearch(event.target)) release();
  }, true);
  document.addEventListener("keydown", function (event) {
    if (/^[fs/]$/.test(event.key) && !towardsSearch(event.target)) release();
  }, true);
})();
