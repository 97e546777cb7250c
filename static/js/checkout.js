// Checkout confirmation page: optional extras on top of plain links (the page works without this).
(function () {
  "use strict";

  // Count a click on the WhatsApp button (server-side analytics decide about consent).
  var link = document.getElementById("whatsapp-link");
  var form = document.getElementById("whatsapp-opened-form");
  if (link && form && navigator.sendBeacon) {
    link.addEventListener("click", function () {
      navigator.sendBeacon(form.action, new FormData(form));
    });
  }

  // "Copy message" button for desktop visitors.
  document.querySelectorAll(".copy-button").forEach(function (button) {
    var target = document.getElementById(button.dataset.copyTarget);
    if (!target || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.value).then(function () {
        button.textContent = button.dataset.copiedLabel;
      });
    });
  });
})();
