// Dispute and party forms: show the identifier field matching the party's kind, the principal field
// only for agents, and add or remove further party rows of the formset. No inline scripts (CSP).
(function () {
  "use strict";

  function fieldValue(row, suffix) {
    const el = row.querySelector('select[name$="' + suffix + '"], input[name$="' + suffix + '"]');
    return el ? el.value : "";
  }

  function syncRow(row) {
    const kind = fieldValue(row, "kind");
    row.querySelectorAll("[data-identifier-for]").forEach(function (box) {
      box.classList.toggle("d-none", box.getAttribute("data-identifier-for") !== kind);
    });
    const role = fieldValue(row, "role");
    row.querySelectorAll("[data-agent-only]").forEach(function (box) {
      box.classList.toggle("d-none", role !== "agent");
    });
  }

  function syncAll(root) {
    root.querySelectorAll("[data-party-form]").forEach(syncRow);
  }

  document.addEventListener("DOMContentLoaded", function () {
    syncAll(document);

    document.body.addEventListener("change", function (event) {
      const row = event.target.closest("[data-party-form]");
      if (row && /(kind|role)$/.test(event.target.name || "")) {
        syncRow(row);
      }
    });

    document.body.addEventListener("click", function (event) {
      const add = event.target.closest("[data-formset-add]");
      if (add) {
        const prefix = add.getAttribute("data-formset-add");
        const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
        const max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
        const template = document.getElementById(prefix + "-empty-form");
        const list = document.querySelector('[data-formset-list="' + prefix + '"]');
        const index = parseInt(total.value, 10);
        if (max && index >= parseInt(max.value, 10)) {
          return;
        }
        const html = template.innerHTML.replace(/__prefix__/g, String(index));
        list.insertAdjacentHTML("beforeend", html);
        total.value = String(index + 1);
        syncAll(list.lastElementChild);
        const first = list.lastElementChild.querySelector('input[name$="-name"]');
        if (first) {
          first.focus();
        }
        return;
      }
      const remove = event.target.closest("[data-formset-remove]");
      if (remove) {
        // Removed rows are emptied and hidden: the server ignores blank rows, indexes stay contiguous.
        const row = remove.closest("[data-formset-row]");
        row.querySelectorAll("input[type=text], input:not([type]), textarea").forEach(function (el) {
          el.value = "";
        });
        row.classList.add("d-none");
      }
    });
  });
})();
