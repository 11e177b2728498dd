// Deadline pages. No inline scripts (CSP): behaviour lives here.
document.addEventListener("DOMContentLoaded", function () {
  // 期限计算器: htmx swaps the result; keep the address bar in step for plain reloads (hx-push-url).
  // When the rule changes, clear any previous result so a stale answer is never shown beside a new rule.
  const form = document.getElementById("calculator-form");
  if (form) {
    form.addEventListener("htmx:beforeRequest", function (event) {
      const trigger = form.querySelector("input[name=trigger]");
      if (trigger && !trigger.value && event.detail.requestConfig && event.detail.requestConfig.triggeringEvent &&
          event.detail.requestConfig.triggeringEvent.type === "change") {
        event.preventDefault();
      }
    });
  }
});
