// Attachments panel: show the server's Chinese reasons when an upload is refused (HTTP 400).
// htmx does not swap 4xx responses by default; the panel answers 400 with itself re-rendered.
(function () {
  if (window.__attachmentsPanelReady) { return; }
  window.__attachmentsPanelReady = true;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (event.detail.xhr.status === 400 && target && target.closest && target.closest(".attachments-panel")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
