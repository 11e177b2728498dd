// 行政复议 pages: the statistics charts (ECharts, data from a json_script block) and a few form
// behaviours of the registration page. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";

  function chartData() {
    const el = document.getElementById("recon-chart-data");
    if (!el) {
      return null;
    }
    try {
      return JSON.parse(el.textContent);
    } catch (e) {
      return null;
    }
  }

  function barChart(id, categories, series, horizontal) {
    const box = document.getElementById(id);
    if (!box || typeof window.echarts === "undefined") {
      return;
    }
    if (!categories.length) {
      box.classList.add("d-none");
      return;
    }
    const chart = window.echarts.init(box, null, { renderer: "svg" });
    const categoryAxis = { type: "category", data: categories, axisLabel: { interval: 0, fontSize: 11 } };
    const valueAxis = { type: "value", minInterval: 1 };
    chart.setOption({
      color: ["#1d4e89", "#5b8fd1", "#c62828"],
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 4, show: series.length > 1 },
      grid: { left: 8, right: 24, top: series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
      xAxis: horizontal ? valueAxis : Object.assign({}, categoryAxis, { axisLabel: { interval: 0, rotate: 30, fontSize: 11 } }),
      yAxis: horizontal ? Object.assign({}, categoryAxis, { inverse: true }) : valueAxis,
      series: series.map(function (s) {
        return { name: s.name, type: "bar", data: s.data, barMaxWidth: 22, label: { show: true, position: horizontal ? "right" : "top", fontSize: 10 } };
      }),
      animation: false,
    });
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  function initCharts() {
    const data = chartData();
    if (!data) {
      return;
    }
    barChart("recon-chart-act", data.act_types, [
      { name: data.labels.received, data: data.received },
      { name: data.labels.concluded, data: data.concluded },
      { name: data.labels.corrected, data: data.corrected },
    ], false);
    barChart("recon-chart-outcome", data.outcomes, [{ name: data.labels.outcome, data: data.outcome_counts }], true);
  }

  // Registration: new-dispute fields only when no existing dispute is chosen; the 转交机关 only for
  // forwarded applications; the 知道复议权利之日 only when the act did not state the right to apply.
  function syncRegister() {
    const form = document.querySelector("form.recon-register");
    if (!form) {
      return;
    }
    const dispute = form.querySelector("[name=dispute]");
    const existing = dispute && dispute.value !== "";
    form.querySelectorAll("[data-recon-new-dispute]").forEach(function (box) {
      box.classList.toggle("d-none", existing);
    });
    const channel = form.querySelector("select[name=channel]");
    form.querySelectorAll("[data-recon-show-when]").forEach(function (box) {
      const rule = box.getAttribute("data-recon-show-when").split("=");
      const field = form.querySelector("[name=" + rule[0] + "]");
      box.classList.toggle("d-none", !field || field.value !== rule[1]);
    });
    form.querySelectorAll("[data-recon-show-when-unchecked]").forEach(function (box) {
      const field = form.querySelector("[name=" + box.getAttribute("data-recon-show-when-unchecked") + "]");
      box.classList.toggle("d-none", !!(field && field.checked));
    });
    return channel;
  }

  document.addEventListener("DOMContentLoaded", function () {
    initCharts();
    syncRegister();
    // The dispute picker: a result fills the hidden field; "新登记争议" empties it.
    document.body.addEventListener("click", function (event) {
      const picker = event.target.closest("[data-dispute-picker]");
      if (!picker) {
        return;
      }
      const pick = event.target.closest("[data-dispute-pick]");
      const clear = event.target.closest("[data-dispute-clear]");
      if (!pick && !clear) {
        return;
      }
      picker.querySelector("[name=dispute]").value = pick ? pick.getAttribute("data-dispute-pick") : "";
      picker.querySelector("[data-dispute-chosen]").textContent = pick
        ? picker.getAttribute("data-chosen-prefix") + pick.getAttribute("data-dispute-label")
        : picker.getAttribute("data-none-text");
      picker.querySelector("#dispute-picker-results").innerHTML = "";
      syncRegister();
    });
    document.body.addEventListener("change", function (event) {
      if (event.target.closest("form.recon-register")) {
        syncRegister();
      }
    });
  });
})();
