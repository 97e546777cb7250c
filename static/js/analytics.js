/* PostHog analytics (P12, P15), loaded only when the server says consent allows it.
 *
 * Configuration comes from the #nera-analytics-config JSON block (no inline script, CSP).
 * The loader below is PostHog's standard snippet: it queues calls and loads array.js from the
 * assets host beside the API host (eu-assets.i.posthog.com for eu.i.posthog.com).
 */
(function () {
  "use strict";

  var node = document.getElementById("nera-analytics-config");
  if (!node) return;
  var config;
  try {
    config = JSON.parse(node.textContent);
  } catch (error) {
    return;
  }
  if (!config || !config.key || !config.apiHost) return;

  /* PostHog's standard loader snippet. */
  !(function (t, e) {
    var o, n, p, r;
    e.__SV ||
      ((window.posthog = e),
      (e._i = []),
      (e.init = function (i, s, a) {
        function g(t, e) {
          var o = e.split(".");
          2 == o.length && ((t = t[o[0]]), (e = o[1])),
            (t[e] = function () {
              t.push([e].concat(Array.prototype.slice.call(arguments, 0)));
            });
        }
        ((p = t.createElement("script")).type = "text/javascript"),
          (p.crossOrigin = "anonymous"),
          (p.async = !0),
          (p.src = s.api_host.replace(".i.posthog.com", "-assets.i.posthog.com") + "/static/array.js"),
          (r = t.getElementsByTagName("script")[0]).parentNode.insertBefore(p, r);
        var u = e;
        for (
          void 0 !== a ? (u = e[a] = []) : (a = "posthog"),
            u.people = u.people || [],
            u.toString = function (t) {
              var e = "posthog";
              return "posthog" !== a && (e += "." + a), t || (e += " (stub)"), e;
            },
            u.people.toString = function () {
              return u.toString(1) + ".people (stub)";
            },
            o =
              "init capture register register_once register_for_session unregister unregister_for_session getFeatureFlag getFeatureFlagPayload isFeatureEnabled reloadFeatureFlags updateEarlyAccessFeatureEnrollment getEarlyAccessFeatures on onFeatureFlags onSessionId getSurveys getActiveMatchingSurveys renderSurvey canRenderSurvey getNextSurveyStep identify setPersonProperties group resetGroups setPersonPropertiesForFlags resetPersonPropertiesForFlags setGroupPropertiesForFlags resetGroupPropertiesForFlags reset get_distinct_id getGroups get_session_id get_session_replay_url alias set_config startSessionRecording stopSessionRecording sessionRecordingStarted captureException loadToolbar get_property getSessionProperty createPersonProfile opt_in_capturing opt_out_capturing has_opted_in_capturing has_opted_out_capturing clear_opt_in_out_capturing debug".split(
                " "
              ),
            n = 0;
          n < o.length;
          n++
        )
          g(u, o[n]);
        e._i.push([i, s, a]);
      }),
      (e.__SV = 1));
  })(document, window.posthog || []);

  /* P12: drop any property whose name or value looks personal before an event leaves.
   * PostHog's own "$" properties are kept (ids, screen size, library), except the IP and
   * person properties; URLs lose their query string (tokens, signed links). */
  var PERSONAL_PART = /(e-?mail|phone|address|street|postal|password|token|message|instructions|user_?agent|surname)/i;
  var PERSONAL_WORDS = { ip: true, mail: true, tel: true, zip: true, city: true, name: true, first: true, last: true };
  var DROPPED = { $ip: true, $set: true, $set_once: true };
  var URLS = {
    $current_url: true,
    $referrer: true,
    $initial_current_url: true,
    $initial_referrer: true,
    $pathname: true,
  };
  var EMAIL = /[^@\s]+@[^@\s]+\.[^@\s]+/;
  var PHONE = /\+?\d[\d\s().-]{7,}\d/g;
  var AMOUNT = /^-?\d{1,9}\.\d{1,2}$/;
  /* H40: paths that carry a secret or reference (the server's list), replaced in every URL. */
  var SECRET_PATHS = (config.secretPaths || []).map(function (pair) {
    return [new RegExp(pair[0]), pair[1]];
  });

  function scrubUrl(value) {
    var bare = value.split("?")[0].split("#")[0];
    var match = /^([a-z][a-z0-9+.-]*:\/\/[^\/]*)?(.*)$/i.exec(bare);
    var origin = match[1] || "";
    var path = match[2];
    SECRET_PATHS.forEach(function (pair) {
      path = path.replace(pair[0], pair[1]);
    });
    return origin + path;
  }

  function looksLikePhone(value) {
    if (AMOUNT.test(value.trim())) return false;
    var runs = value.match(PHONE) || [];
    return runs.some(function (run) {
      return run.replace(/\D/g, "").length >= 9;
    });
  }

  function personalKey(key) {
    if (PERSONAL_PART.test(key)) return true;
    return key
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .some(function (word) {
        return PERSONAL_WORDS[word] === true;
      });
  }

  function scrub(properties) {
    if (!properties) return properties;
    Object.keys(properties).forEach(function (key) {
      var value = properties[key];
      if (DROPPED[key]) {
        delete properties[key];
      } else if (URLS[key]) {
        if (typeof value === "string") properties[key] = scrubUrl(value);
      } else if (key.charAt(0) === "$") {
        return;
      } else if (personalKey(key)) {
        delete properties[key];
      } else if (typeof value === "string" && (EMAIL.test(value) || looksLikePhone(value))) {
        delete properties[key];
      }
    });
    return properties;
  }

  window.posthog.init(config.key, {
    api_host: config.apiHost,
    person_profiles: "identified_only",
    persistence: "localStorage+cookie",
    cross_subdomain_cookie: false,
    secure_cookie: window.location.protocol === "https:",
    disable_session_recording: true,
    disable_surveys: true,
    mask_all_text: true,
    mask_all_element_attributes: true,
    before_send: function (event) {
      if (!event) return event;
      event.properties = scrub(event.properties);
      if (event.$set) event.$set = {};
      if (event.$set_once) event.$set_once = {};
      return event;
    },
    loaded: function (posthog) {
      /* Signed out since the last visit: forget the identified id on this browser. */
      if (!config.identify && posthog.get_property("$user_state") === "identified") posthog.reset();
    },
  });

  if (config.identify) {
    /* P15: the opaque analytics id only; no person properties. */
    window.posthog.identify(config.identify);
  }
})();
