// Deadline pages. No inline scripts (CSP): behaviour lives here.
document.addEventListener("DOMContentLoaded", function () {
  // 期限计算器: the form recalculates through htmx on every change (hx-trigger="submit, change").
  // While the date is still empty a change of rule would only produce an error, so skip that request.
  const form = document.getElementById("calculator-form");
  if (form) {
    form.addEventListener("htmx:beforeRequest", function (event) {
      const trigger = form.querySelector("input[name=trigger]");
      const cause = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
      if (trigger && !trigger.value && cause && cause.type === "change") {
        event.preventDefault();
      }
    });
  }
});
