/* danvan — behaviour shared by every page. No inline scripts: the pages load this file.
 *
 * - once-tokens: every POST form gets a random hidden "_once" token, so a double click or a
 *   resend does the work once (danvan/core/once.py);
 * - a form being sent cannot be sent again until the server answers;
 * - dates: text boxes marked data-datepicker get a dd/mm/yyyy calendar (vanillajs-datepicker),
 *   whatever the browser's language;
 * - pickers: selects marked data-picker become a type-ahead (Tom Select) asking the server for
 *   matches of what the user types (danvan/core/pickers.py);
 * - progress bars and other widths set from data-width (no inline styles).
 */
(function () {
  "use strict";

  function newToken() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function giveToken(form) {
    if ((form.getAttribute("method") || "").toLowerCase() !== "post" && !form.hasAttribute("hx-post")) return;
    var input = form.querySelector('input[name="_once"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = "_once";
      form.appendChild(input);
    }
    input.value = newToken();
  }

  function guardSubmit(form) {
    if (form.dataset.dvGuarded) return;
    form.dataset.dvGuarded = "1";
    form.addEventListener("submit", function (event) {
      if (form.dataset.dvSending === "1") { event.preventDefault(); return; }
      if (form.hasAttribute("hx-post") || form.hasAttribute("hx-get")) return; // htmx guards itself
      form.dataset.dvSending = "1";
      form.setAttribute("aria-busy", "true");
      // Still here after a while (a download, a slow network): allow a new, deliberate send.
      window.setTimeout(function () {
        form.dataset.dvSending = "";
        form.removeAttribute("aria-busy");
        giveToken(form);
      }, 8000);
    });
  }

  // The text box stays the user's: what they type (02/11/2026, 2/11/2026, 2026-11-02) is sent as
  // typed and read by the server. The calendar only writes a date when one is clicked in it.
  function readDate(text) {
    var m = /^\s*(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})\s*$/.exec(text || "");
    if (m) return new Date(+m[3], +m[2] - 1, +m[1]);
    m = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text || "");
    return m ? new Date(+m[1], +m[2] - 1, +m[3]) : null;
  }

  function dates(root) {
    if (!window.Datepicker) return;
    root.querySelectorAll("input[data-datepicker]").forEach(function (input) {
      if (input.dataset.dvCalendar) return;
      input.dataset.dvCalendar = "1";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-secondary dv-calendar-button";
      button.setAttribute("aria-label", document.documentElement.lang === "en" ? "Open calendar" : "Mở lịch");
      button.setAttribute("aria-expanded", "false");
      button.textContent = "\u{1F4C5}";
      var panel = document.createElement("div");
      panel.className = "dv-calendar-panel";
      panel.hidden = true;
      var group = document.createElement("div");
      group.className = "input-group flex-nowrap";
      input.parentNode.insertBefore(group, input);
      group.appendChild(input);
      group.appendChild(button);
      group.parentNode.insertBefore(panel, group.nextSibling);
      var picker = null;
      function close() { panel.hidden = true; button.setAttribute("aria-expanded", "false"); }
      button.addEventListener("click", function () {
        if (!panel.hidden) { close(); return; }
        if (!picker) {
          picker = new window.Datepicker(panel, {
            format: "dd/mm/yyyy",
            language: document.documentElement.lang === "en" ? "en" : "vi",
            weekStart: 1,
            todayBtn: true,
            todayBtnMode: 1,
            todayHighlight: true
          });
          panel.addEventListener("changeDate", function (event) {
            if (!event.detail.date) return;
            input.value = window.Datepicker.formatDate(event.detail.date, "dd/mm/yyyy");
            input.dispatchEvent(new Event("change", { bubbles: true }));
            close();
            input.focus();
          });
        }
        var current = readDate(input.value);
        if (current) picker.setDate(current); else picker.setDate({ clear: true });
        panel.hidden = false;
        button.setAttribute("aria-expanded", "true");
      });
      panel.addEventListener("keydown", function (event) { if (event.key === "Escape") { close(); button.focus(); } });
    });
  }

  function pickers(root) {
    if (!window.TomSelect) return;
    root.querySelectorAll("select[data-picker]").forEach(function (select) {
      if (select.tomselect) return;
      var url = select.dataset.picker;
      // Tom Select moves the <label for> to its own text box; make sure that box has the name.
      var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
      var name = select.getAttribute("aria-label") || (label ? label.textContent.trim() : "");
      new window.TomSelect(select, {
        valueField: "value",
        labelField: "text",
        searchField: [],          // the server folds diacritics; show what it found as is
        maxOptions: 20,
        loadThrottle: 250,
        preload: false,
        closeAfterSelect: !select.multiple,
        plugins: select.multiple ? ["remove_button"] : [],
        placeholder: select.dataset.placeholder || "",
        shouldLoad: function (query) { return query.trim().length >= 1; },
        load: function (query, callback) {
          var self = this;
          fetch(url + "?q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
            .then(function (r) { return r.ok ? r.json() : { results: [] }; })
            .then(function (data) { self.clearOptions(); callback(data.results || []); })
            .catch(function () { callback(); });
        },
        render: {
          no_results: function () { return '<div class="no-results">' + (select.dataset.noResults || "") + "</div>"; }
        }
      });
      // The original select stays in the form (it is what is sent) but out of the accessibility
      // tree: screen readers meet one combobox, Tom Select's, named by the label.
      select.setAttribute("aria-hidden", "true");
      if (name) {
        var box = select.tomselect.control_input;
        if (box && !box.getAttribute("aria-labelledby") && !box.getAttribute("aria-label")) box.setAttribute("aria-label", name);
      }
    });
  }

  function widths(root) {
    root.querySelectorAll("[data-width]").forEach(function (el) {
      el.style.width = Math.max(0, Math.min(100, parseFloat(el.dataset.width) || 0)) + "%";
    });
  }

  // A select that sends its form when changed (the language menu): no inline handlers (CSP).
  function autosubmit(root) {
    root.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      if (select.dataset.dvAuto) return;
      select.dataset.dvAuto = "1";
      select.addEventListener("change", function () { select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit(); });
    });
  }

  // Charts (danvan/core/charts.py): the data is JSON in the page; numbers the Vietnamese way.
  var PALETTE = ["#1f5fa8", "#b71c1c", "#2e7d32", "#8a5300", "#6a1b9a", "#00695c", "#455a64", "#ad1457"];
  function vnNumber(value, percent) {
    if (value === null || value === undefined) return "—";
    var text = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: percent ? 1 : 2 }).format(value);
    return percent ? text + " %" : text;
  }
  function charts(root) {
    if (!window.Chart) return;
    root.querySelectorAll("figure[data-chart]").forEach(function (figure) {
      var canvas = figure.querySelector("canvas");
      var source = document.getElementById(figure.dataset.chart);
      if (!canvas || !source || canvas.dvChart) return;
      var spec = JSON.parse(source.textContent);
      var horizontal = spec.kind === "hbar";
      var type = horizontal ? "bar" : spec.kind;
      var round = type === "doughnut";
      var datasets = spec.series.map(function (s, i) {
        var colour = PALETTE[i % PALETTE.length];
        return {
          label: s.label,
          data: s.values,
          stack: s.stack || undefined,
          backgroundColor: round ? s.values.map(function (_, j) { return PALETTE[j % PALETTE.length]; }) : colour,
          borderColor: colour,
          borderWidth: type === "line" ? 2 : 0,
          tension: 0.2
        };
      });
      var valueAxis = { beginAtZero: true, stacked: spec.stacked, ticks: { callback: function (v) { return vnNumber(v, spec.percent); } } };
      if (spec.percent) valueAxis.max = 100;
      var categoryAxis = { stacked: spec.stacked, ticks: { autoSkip: true, maxRotation: 0 } };
      canvas.dvChart = new window.Chart(canvas, {
        type: type,
        data: { labels: spec.labels, datasets: datasets },
        options: {
          indexAxis: horizontal ? "y" : "x",
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          locale: "vi-VN",
          plugins: {
            legend: { display: datasets.length > 1 || round, position: "bottom" },
            tooltip: { callbacks: { label: function (ctx) {
              var v = horizontal ? ctx.parsed.x : (round ? ctx.parsed : ctx.parsed.y);
              return (ctx.dataset.label ? ctx.dataset.label + ": " : "") + vnNumber(v, spec.percent);
            } } }
          },
          scales: round ? {} : (horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis })
        }
      });
    });
  }

  function printButtons(root) {
    root.querySelectorAll("button[data-print]").forEach(function (button) {
      if (button.dataset.dvPrint) return;
      button.dataset.dvPrint = "1";
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // Disclosure buttons of the unit tree (aria-expanded + the hidden children list).
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-tree-toggle]") : null;
    if (!button) return;
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    var target = document.getElementById(button.getAttribute("aria-controls"));
    if (target) target.hidden = !open;
  });

  function init(root) {
    root.querySelectorAll("form").forEach(function (form) { giveToken(form); guardSubmit(form); });
    if (root.tagName === "FORM") { giveToken(root); guardSubmit(root); }
    dates(root);
    pickers(root);
    widths(root);
    autosubmit(root);
    charts(root);
    printButtons(root);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.target); });
  // After an htmx form was answered, the next send is a new one: give it a new token.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target.closest ? event.target.closest("form") : null;
    if (form && event.detail && event.detail.successful) giveToken(form);
  });
  // Back button (page from the browser's cache): the form may be sent again on purpose.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("form").forEach(function (form) {
      form.dataset.dvSending = "";
      form.removeAttribute("aria-busy");
    });
  });
})();
