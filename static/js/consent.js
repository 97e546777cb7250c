/* Consent, in the browser (P16, P17, P28, H23).
 *
 * The server decides whether analytics is allowed and says so in the #nera-consent JSON block.
 * When it is not allowed, every PostHog cookie and storage key (ph_*, __ph_*) is removed at
 * once, so a withdrawal on the cookie settings page takes effect before anything else runs.
 * The banner itself is plain HTML forms and works without this script.
 */
(function () {
  "use strict";

  var PREFIXES = ["ph_", "__ph_"];

  function isAnalyticsKey(name) {
    for (var i = 0; i < PREFIXES.length; i++) {
      if (name.indexOf(PREFIXES[i]) === 0) return true;
    }
    return false;
  }

  function readState() {
    var node = document.getElementById("nera-consent");
    if (!node) return null;
    try {
      return JSON.parse(node.textContent);
    } catch (error) {
      return null;
    }
  }

  function clearCookies() {
    var host = window.location.hostname;
    var domains = ["", host, "." + host];
    var parts = host.split(".");
    if (parts.length > 2) domains.push("." + parts.slice(-2).join("."));
    document.cookie.split(";").forEach(function (pair) {
      var name = pair.split("=")[0].trim();
      if (!name || !isAnalyticsKey(name)) return;
      domains.forEach(function (domain) {
        document.cookie =
          name + "=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/" + (domain ? "; domain=" + domain : "");
      });
    });
  }

  function clearStorage(storage) {
    try {
      var doomed = [];
      for (var i = 0; i < storage.length; i++) {
        var key = storage.key(i);
        if (key && isAnalyticsKey(key)) doomed.push(key);
      }
      doomed.forEach(function (key) {
        storage.removeItem(key);
      });
    } catch (error) {
      /* storage can be unavailable (private mode); nothing to clear then */
    }
  }

  var state = readState();
  if (state && state.analytics === false) {
    if (window.posthog && typeof window.posthog.opt_out_capturing === "function") {
      try {
        window.posthog.opt_out_capturing();
      } catch (error) {
        /* the real library may not be loaded */
      }
    }
    clearCookies();
    clearStorage(window.localStorage);
    clearStorage(window.sessionStorage);
  }
})();
