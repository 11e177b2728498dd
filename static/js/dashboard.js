// 数据看板: draws the charts of templates/dashboard/index.html from the json_script data (ECharts, vendored).
(function () {
  "use strict";
  // The period selector shows only the fields of the chosen kind (year / quarter / custom range).
  const period = document.getElementById("id_period");
  function showPeriodFields() {
    const kind = period.value || "year";
    document.querySelectorAll("[data-period]").forEach((box) => {
      box.classList.toggle("d-none", !box.dataset.period.split(" ").includes(kind));
    });
  }
  if (period) {
    period.addEventListener("change", showPeriodFields);
    showPeriodFields();
  }
  const node = document.getElementById("dashboard-charts");
  if (!node || !window.echarts) return;
  const data = JSON.parse(node.textContent);
  const font = { fontFamily: "system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif" };

  function draw(el, option) {
    const chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(Object.assign({ textStyle: font, animation: false }, option));
    window.addEventListener("resize", () => chart.resize());
  }

  document.querySelectorAll(".dashboard-chart").forEach((el) => {
    const panel = data[el.dataset.panel] || {};
    if (el.dataset.chart === "monthly") {
      const rows = panel.monthly || [];
      draw(el, {
        grid: { left: 40, right: 16, top: 24, bottom: 28 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: rows.map((r) => r.month) },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "bar", name: el.getAttribute("aria-label"), data: rows.map((r) => r.count), itemStyle: { color: "#1f5fa8" } }],
      });
    } else if (el.dataset.chart === "on_time") {
      const rows = panel.on_time || [];
      draw(el, {
        grid: { left: 120, right: 40, top: 8, bottom: 24 },
        tooltip: { trigger: "axis", valueFormatter: (v) => (v == null ? "—" : v + "%") },
        xAxis: { type: "value", max: 100 },
        yAxis: { type: "category", data: rows.map((r) => r.label), inverse: true },
        series: [{ type: "bar", data: rows.map((r) => (r.rate == null ? null : Number(r.rate))), itemStyle: { color: "#2e7d32" }, label: { show: true, position: "right", formatter: "{c}%" } }],
      });
    } else if (el.dataset.chart && el.dataset.chart.startsWith("trend-")) {
      const t = data.trends || {};
      const kind = el.dataset.chart.slice(6);
      if (kind === "counties") {
        const c = t.counties || { columns: [], rows: [] };
        draw(el, {
          grid: { left: 40, right: 16, top: 36, bottom: 28 },
          legend: { top: 0 },
          tooltip: { trigger: "axis" },
          xAxis: { type: "category", data: c.rows.map((r) => r.name), axisLabel: { interval: 0, formatter: (v) => v.replace("人民政府", "") } },
          yAxis: { type: "value", minInterval: 1 },
          series: c.columns.map((name, i) => ({ type: "bar", name: name, data: c.rows.map((r) => r.values[i]) })),
        });
        return;
      }
      const monthly = kind === "monthly";
      const lines = (monthly ? t.monthly : t[kind]) || [];
      draw(el, {
        grid: { left: 44, right: 16, top: 36, bottom: 28 },
        legend: { top: 0 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: monthly ? t.months : (t.years || []).map(String) },
        yAxis: monthly ? { type: "value", minInterval: 1 } : { type: "value", axisLabel: { formatter: "{value}%" } },
        series: lines.map((l) => ({ type: monthly ? "bar" : "line", name: l.name, data: l.data, connectNulls: false, stack: monthly ? "intake" : undefined })),
      });
    } else if (el.dataset.chart === "sankey") {
      const sk = panel.sankey || { nodes: [], links: [] };
      draw(el, {
        tooltip: { trigger: "item" },
        series: [{ type: "sankey", data: sk.nodes, links: sk.links, emphasis: { focus: "adjacency" }, lineStyle: { color: "gradient", curveness: 0.5 }, label: { fontSize: 12 } }],
      });
    } else if (el.dataset.chart === "heat") {
      const heat = panel.heat || { agencies: [], act_types: [], cells: [] };
      const max = Math.max(1, ...heat.cells.map((c) => c[2]));
      draw(el, {
        grid: { left: 150, right: 16, top: 16, bottom: 70 },
        tooltip: { position: "top" },
        xAxis: { type: "category", data: heat.act_types, axisLabel: { rotate: 35 } },
        yAxis: { type: "category", data: heat.agencies, inverse: true },
        visualMap: { min: 0, max: max, show: false, inRange: { color: ["#eef4fb", "#1f5fa8"] } },
        series: [{ type: "heatmap", data: heat.cells, label: { show: true } }],
      });
    }
  });
})();
