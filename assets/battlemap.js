/* Battle Map clientside functions: status polling, rotation, keys, clock and canvas scaling.
   Everything here runs in the browser; the server is asked only for /api/status and for new page
   content when the data version changes. */
(function () {
    "use strict";

    var state = { nav: null, config: null, status: null, loadedAt: Date.now(), listening: false, nudge: false, seconds: 0 };

    function noUpdate() {
        return window.dash_clientside.no_update;
    }

    function parts(date, timezone) {
        var fmt = new Intl.DateTimeFormat("zh-CN", {
            timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit",
            weekday: "short", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false
        });
        var out = {};
        fmt.formatToParts(date).forEach(function (p) { out[p.type] = p.value; });
        if (out.hour === "24") { out.hour = "00"; }
        return out;
    }

    function canvasStyle(config) {
        var w = config.canvas[0], h = config.canvas[1];
        var vw = window.innerWidth, vh = window.innerHeight;
        var s = Math.min(vw / w, vh / h);
        var left = Math.max(0, (vw - w * s) / 2), top = Math.max(0, (vh - h * s) / 2);
        return {
            width: w + "px", height: h + "px",
            transform: "translate(" + left + "px, " + top + "px) scale(" + s + ")"
        };
    }

    function clampIndex(i, n) {
        return ((i % n) + n) % n;
    }

    function parseNav(search, config) {
        var params = new URLSearchParams(search || "");
        var n = config.pages.length, index = 0;
        var page = params.get("page");
        if (page !== null) {
            var byName = config.pages.findIndex(function (p) { return p.name === page; });
            index = byName >= 0 ? byName : clampIndex((parseInt(page, 10) || 1) - 1, n);
        }
        var pause = params.get("pause");
        return { index: index, since: Date.now(), paused: pause === "1" || pause === "true" };
    }

    function onKey(event) {
        var nav = state.nav, config = state.config;
        if (!nav || !config || !document.getElementById("wall-canvas")) { return; }
        var n = config.pages.length, next = null;
        if (event.key === "ArrowRight" || event.key === "PageDown") {
            next = { index: clampIndex(nav.index + 1, n), since: Date.now(), paused: nav.paused };
        } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
            next = { index: clampIndex(nav.index - 1, n), since: Date.now(), paused: nav.paused };
        } else if (event.key === " " || event.key === "Spacebar") {
            next = { index: nav.index, since: Date.now(), paused: !nav.paused };
        }
        if (next) {
            event.preventDefault();
            state.nav = next;
            state.nudge = !state.nudge;
            window.dash_clientside.set_props("wall-nav", { data: next });
            /* a changed interval restarts the tick, so the stepped-to page gets its whole dwell */
            window.dash_clientside.set_props("wall-tick", { interval: dwellMs(config, next.index) + (state.nudge ? 1 : 0) });
        }
    }

    function dwellMs(config, index) {
        return ((config.pages[index] || {}).dwell || 30) * 1000;
    }

    /* Turn every paged list on the visible page once per PAGER_SECONDS. */
    var PAGER_SECONDS = 8;
    function turnPagers(tick) {
        if (tick % PAGER_SECONDS !== 0) { return; }
        document.querySelectorAll(".bm-page-active .bm-pager").forEach(function (pager) {
            var pages = pager.querySelectorAll(":scope > .bm-pager-page");
            if (pages.length < 2) { return; }
            var current = Array.prototype.findIndex.call(pages, function (p) { return p.classList.contains("bm-pager-active"); });
            pages[Math.max(current, 0)].classList.remove("bm-pager-active");
            pages[(current + 1) % pages.length].classList.add("bm-pager-active");
        });
    }

    /* Plain-JS once-a-second work, kept out of Dash callbacks so it costs next to nothing: the clock, the
       paged lists, and the daily reload at the quiet hour (only while the server answers). */
    function everySecond() {
        var config = state.config, clock = document.getElementById("wall-clock");
        if (!config || !clock) { return; }
        state.seconds = (state.seconds || 0) + 1;
        var p = parts(new Date(), config.timezone);
        clock.textContent = p.year + "-" + p.month + "-" + p.day + " " + p.weekday + " " + p.hour + ":" + p.minute + ":" + p.second;
        turnPagers(state.seconds);
        var quiet = parseInt(p.hour, 10) === config.reload_hour;
        if (quiet && state.status && state.status.ok && Date.now() - state.loadedAt > 3600 * 1000) {
            window.location.reload();
        }
    }

    function onResize() {
        if (state.config && document.getElementById("wall-canvas")) {
            window.dash_clientside.set_props("wall-canvas", { style: canvasStyle(state.config) });
        }
    }

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        battlemap: {
            /* Ask /api/status; outputs [version (only when it changed), status (only when it changed)]. */
            poll: async function (_n, config, status) {
                var controller = new AbortController();
                var timer = setTimeout(function () { controller.abort(); }, 8000);
                try {
                    var response = await fetch(config.status_url, { cache: "no-store", signal: controller.signal });
                    if (!response.ok) { throw new Error("HTTP " + response.status); }
                    var fresh = await response.json();
                    if (status && status.build && fresh.build !== status.build) {
                        window.location.reload();
                        return [noUpdate(), noUpdate()];
                    }
                    var now = parts(new Date(), config.timezone);
                    fresh.ok = true;
                    fresh.checked = now.hour + ":" + now.minute;
                    var version = status && status.ok && status.version === fresh.version ? noUpdate() : fresh.version;
                    return [version, fresh];
                } catch (err) {
                    if (status && status.ok === false) { return [noUpdate(), noUpdate()]; }
                    return [noUpdate(), Object.assign({}, status || {}, { ok: false })];
                } finally {
                    clearTimeout(timer);
                }
            },

            /* Header freshness: as-of time, stale sources, the connection-lost marker. */
            freshness: function (status) {
                state.status = status;
                if (!status) { return ["", "", "", "bm-wall-viewport"]; }
                var asof = "数据截至 " + (status.as_of || "—");
                var stale = status.stale && status.stale.length ? "⚠ 数据滞后：" + status.stale.join("、") : "";
                var offline = status.ok === false
                    ? "⚠ 连接中断，显示 " + (status.checked || "--:--") + " 数据" : "";
                var cls = "bm-wall-viewport" + (status.ok === false ? " bm-is-offline" : "") + (stale ? " bm-is-stale" : "");
                return [asof, stale, offline, cls];
            },

            meetingFreshness: function (status) {
                if (!status) { return ""; }
                var text = "数据截至 " + (status.as_of || "—");
                if (status.stale && status.stale.length) { text += "  ⚠ 数据滞后：" + status.stale.join("、"); }
                if (status.ok === false) { text += "  ⚠ 连接中断，显示 " + (status.checked || "--:--") + " 数据"; }
                return text;
            },

            /* Rotation: the page from the URL on load, then the next page on every tick of wall-tick, whose
               interval is set to the shown page's dwell time. Outputs [nav, tick interval]. */
            nav: function (search, _n, nav, config) {
                var triggered = window.dash_clientside.callback_context.triggered.map(function (t) { return t.prop_id; });
                var next;
                if (!nav || triggered.indexOf("url.search") >= 0) {
                    next = parseNav(search, config);
                } else if (nav.paused) {
                    return [noUpdate(), noUpdate()];
                } else {
                    next = { index: clampIndex(nav.index + 1, config.pages.length), since: Date.now(), paused: false };
                }
                state.nav = next;
                return [next, dwellMs(config, next.index)];
            },

            /* Show the current page: classes of the pages and the header dots, the page title. */
            show: function (nav, config) {
                state.config = config;
                if (!nav) { return [noUpdate(), noUpdate(), noUpdate()]; }
                state.nav = nav;
                var pages = config.pages.map(function (_p, i) {
                    return i === nav.index ? "bm-page bm-page-active" : "bm-page";
                });
                var dots = config.pages.map(function (_p, i) {
                    return i === nav.index ? "bm-dot bm-dot-active" : "bm-dot";
                });
                var title = config.pages[nav.index].title + (nav.paused ? "  ‖ 已暂停" : "");
                return [pages, dots, title];
            },

            /* Fit the fixed design canvas to the window, keeping its aspect ratio. */
            scale: function (config) {
                state.config = config;
                if (!state.listening) {
                    window.addEventListener("resize", onResize);
                    document.addEventListener("keydown", onKey);
                    window.setInterval(everySecond, 1000);
                    state.listening = true;
                }
                everySecond();
                return canvasStyle(config);
            }
        }
    });
}());
