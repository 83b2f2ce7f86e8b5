/* Battle Map clientside functions: status polling, rotation, keys, clock and canvas scaling, and the orders a
   named wall gets from /ops with its status (freeze, reload, quiet hours, notice).
   Everything here runs in the browser; the server is asked only for /api/status (which a wall's poll turns into
   its heartbeat) and for new page content when the data version changes. */
(function () {
    "use strict";

    var state = {
        nav: null, config: null, status: null, loadedAt: Date.now(), listening: false, nudge: false, seconds: 0,
        prefetch: null, rendered: {}, refetch: null, errors: 0, orders: null, reloadSeq: null
    };

    function noUpdate() {
        return window.dash_clientside.no_update;
    }

    var formats = {};  /* one formatter per time zone: building one costs tens of ms, and the clock asks every second */

    function parts(date, timezone) {
        var fmt = formats[timezone] || (formats[timezone] = new Intl.DateTimeFormat("zh-CN", {
            timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit",
            weekday: "short", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false
        }));
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

    /* A wall's poll is its heartbeat: its name (?screen= or [wall] screen), the page on screen and the build it
       shows, the window's size, uptime, JS heap (where Chromium exposes it) and errors since load — nothing about
       anyone. Sent even without a name, so an unnamed wall still gets the orders for all screens. */
    function statusUrl(config) {
        if (!document.getElementById("wall-canvas")) { return config.status_url; }
        var nav = state.nav, page = nav ? config.pages[nav.index] : null;
        var query = new URLSearchParams({
            screen: new URLSearchParams(window.location.search).get("screen") || config.screen || "",
            page: page ? page.name : "",
            shown: nav ? (state.rendered[String(nav.index)] || "") : "",
            canvas: window.innerWidth + "x" + window.innerHeight,
            up: String(Math.round((Date.now() - state.loadedAt) / 1000)),
            errors: String(state.errors)
        });
        if (window.performance && window.performance.memory) {
            query.set("heap", String(Math.round(window.performance.memory.usedJSHeapSize / 1048576)));
        }
        return config.status_url + "?" + query.toString();
    }

    /* The nav that obeys the orders' freeze, or null when nav already does: held (paused) on the frozen page, or
       rotating again from the page it was held on once the freeze is lifted. */
    function orderedNav(nav, config) {
        var orders = state.orders;
        if (!nav || !config || !orders) { return null; }
        var index = orders.frozen ? config.pages.findIndex(function (p) { return p.name === orders.frozen; }) : -1;
        if (index >= 0 && !(nav.frozen && nav.index === index)) {
            return { index: index, since: Date.now(), paused: true, frozen: true };
        }
        if (index < 0 && nav.frozen) { return { index: nav.index, since: Date.now(), paused: false }; }
        return null;
    }

    function setNav(next, config) {
        state.nav = next;
        state.nudge = !state.nudge;
        window.dash_clientside.set_props("wall-nav", { data: next });
        /* a changed interval restarts the tick, so the page gets its whole dwell */
        window.dash_clientside.set_props("wall-tick", { interval: dwellMs(config, next.index) + (state.nudge ? 1 : 0) });
    }

    /* Follow the orders that came with a status: reload when a reload was asked for since this page loaded (the
       first orders seen are the baseline), hold or release the rotation. */
    function followOrders(orders) {
        if (!orders || !document.getElementById("wall-canvas")) { return; }
        state.orders = orders;
        if (state.reloadSeq === null) {
            state.reloadSeq = orders.reload;
        } else if (orders.reload !== state.reloadSeq) {
            state.reloadSeq = orders.reload;
            window.location.reload();
            return;
        }
        var next = orderedNav(state.nav, state.config);
        if (next) { setNav(next, state.config); }
    }

    /* The rotation keys, shared by the wall and the meeting view's 轮播 mode. */
    var KEY_ACTIONS = {
        ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev",
        " ": "pause", Spacebar: "pause", Escape: "exit"
    };
    var TYPING = "input, textarea, select, [contenteditable], [class*='dash-dropdown'], [class*='dash-datepicker']";

    /* The action of a key press, or null when it has modifiers or lands in a control the user is typing in. */
    function keyAction(event) {
        if (event.ctrlKey || event.altKey || event.metaKey) { return null; }
        var target = event.target;
        if (target && target.closest && target.closest(TYPING)) { return null; }
        return KEY_ACTIONS[event.key] || null;
    }

    /* The nav after a next / prev / pause action on n pages, or null for any other action. */
    function stepNav(nav, action, n) {
        if (action === "next" || action === "prev") {
            return { index: clampIndex(nav.index + (action === "next" ? 1 : -1), n), since: Date.now(), paused: nav.paused };
        }
        if (action === "pause") {
            return { index: nav.index, since: Date.now(), paused: !nav.paused };
        }
        return null;
    }

    function onWallKey(event, action) {
        var nav = state.nav, config = state.config;
        if (!nav || !config) { return; }
        var next = stepNav(nav, action, config.pages.length);
        if (next) {
            event.preventDefault();
            setNav(next, config);
        }
    }

    /* The meeting view's 轮播 mode: its subject sections one at a time, stepped by the wall's keys and advanced by
       a plain once-a-second countdown (no server round-trip) that holds while paused or while the drill-down
       overlay is open. */
    var MEETING_ROOT = "meeting-root";
    var meeting = { rotation: null, nav: null, active: false, left: 0, timer: null };

    function drillOpen() {
        var overlay = document.getElementById("drill-overlay");
        return !!(overlay && overlay.classList.contains("bm-drill-open"));
    }

    /* One generated rule hides every section but the shown one, so a body re-rendered by a filter stays in step. */
    function showOnlySection(name) {
        var rule = document.getElementById("bm-rotate-rule");
        if (!rule) {
            rule = document.createElement("style");
            rule.id = "bm-rotate-rule";
            document.head.appendChild(rule);
        }
        rule.textContent = name ? ".bm-rotating .bm-sec:not(.bm-sec-" + name + ") { display: none; }" : "";
    }

    /* [root class, section title, position, paused marker] for the current state. */
    function meetingView() {
        var pages = meeting.rotation.pages, nav = meeting.nav;
        if (!meeting.active) {
            showOnlySection(null);
            return ["bm-meeting", "", "", ""];
        }
        showOnlySection(pages[nav.index].name);
        /* graphs that were display:none take their new size from a resize */
        window.requestAnimationFrame(function () { window.dispatchEvent(new Event("resize")); });
        return ["bm-meeting bm-rotating", pages[nav.index].title, (nav.index + 1) + "/" + pages.length,
            nav.paused ? "‖ 已暂停" : ""];
    }

    function renderMeeting() {
        var view = meetingView(), set = window.dash_clientside.set_props;
        set(MEETING_ROOT, { className: view[0] });
        set("meeting-rotate-title", { children: view[1] });
        set("meeting-rotate-position", { children: view[2] });
        set("meeting-rotate-paused", { children: view[3] });
    }

    /* Show nav's section for its whole dwell. */
    function startRotation(nav) {
        meeting.active = true;
        meeting.nav = nav;
        meeting.left = dwellMs(meeting.rotation, nav.index) / 1000;
        if (!meeting.timer) { meeting.timer = window.setInterval(meetingTick, 1000); }
    }

    function stopRotation() {
        meeting.active = false;
        window.clearInterval(meeting.timer);
        meeting.timer = null;
    }

    function meetingTick() {
        if (!document.getElementById(MEETING_ROOT)) {
            stopRotation();
            return;
        }
        if (meeting.nav.paused || drillOpen()) { return; }
        meeting.left -= 1;
        if (meeting.left <= 0) {
            startRotation(stepNav(meeting.nav, "next", meeting.rotation.pages.length));
            renderMeeting();
        }
    }

    function onMeetingKey(event, action) {
        if (!meeting.active || drillOpen()) { return; }
        event.preventDefault();
        if (action === "exit") {
            stopRotation();
        } else {
            startRotation(stepNav(meeting.nav, action, meeting.rotation.pages.length));
        }
        renderMeeting();
    }

    function onKey(event) {
        var action = keyAction(event);
        if (!action) { return; }
        if (document.getElementById("wall-canvas")) {
            onWallKey(event, action);
        } else if (document.getElementById(MEETING_ROOT)) {
            onMeetingKey(event, action);
        }
    }

    function listenForKeys() {
        if (!state.keys) {
            document.addEventListener("keydown", onKey);
            state.keys = true;
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

    /* Badge every panel fed by an overdue source (its data-sources against the status's stale_kinds); run on
       every status and every second, so panels re-rendered by a refresh get their badge back at once. */
    function markStalePanels(status) {
        var kinds = (status && status.stale_kinds) || [];
        document.querySelectorAll(".bm-panel[data-sources]").forEach(function (panel) {
            var stale = panel.getAttribute("data-sources").split(" ").some(function (k) { return kinds.indexOf(k) >= 0; });
            if (panel.classList.contains("bm-panel-stale") !== stale) { panel.classList.toggle("bm-panel-stale", stale); }
        });
    }

    /* The next page is noted for fetching, the page on screen shows the same version and every figure in it has
       been drawn, and the next page does not show that version yet. */
    function prefetchDue() {
        var wanted = state.prefetch, shown = state.rendered || {}, page = document.querySelector(".bm-page-active");
        if (!wanted || !state.nav || !page || shown[String(state.nav.index)] !== wanted.version) { return false; }
        if (shown[String(wanted.pages[0])] === wanted.version) { return false; }
        return Array.prototype.every.call(page.querySelectorAll(".dash-graph"), function (graph) {
            return graph.querySelector(".main-svg") !== null;
        });
    }

    /* Plain-JS once-a-second work, kept out of Dash callbacks so it costs next to nothing: the clock, the
       paged lists, the next page's fetch once the page on screen is drawn (or the page on screen again after a
       failed fetch, once the server answers), and the daily reload at the quiet hour (only while it answers). */
    function everySecond() {
        var config = state.config, clock = document.getElementById("wall-clock");
        if (!config || !clock) { return; }
        state.seconds = (state.seconds || 0) + 1;
        var p = parts(new Date(), config.timezone);
        clock.textContent = p.year + "-" + p.month + "-" + p.day + " " + p.weekday + " " + p.hour + ":" + p.minute + ":" + p.second;
        turnPagers(state.seconds);
        markStalePanels(state.status);
        if (state.refetch === "answered" && state.nav) {
            state.refetch = null;
            var again = { pages: [state.nav.index], version: state.status.version, retry: Date.now() };
            window.dash_clientside.set_props("wall-want", { data: again });
        } else if (prefetchDue()) {
            window.dash_clientside.set_props("wall-want", { data: state.prefetch });
            state.prefetch = null;
        }
        if (state.orders && state.orders.quiet) {
            var dim = document.getElementById("wall-quiet-clock");
            if (dim) { dim.textContent = p.hour + ":" + p.minute; }
        }
        var quiet = parseInt(p.hour, 10) === config.reload_hour;
        if (quiet && state.status && state.status.ok && Date.now() - state.loadedAt > 3600 * 1000) {
            window.location.reload();
        }
    }

    /* A page fetch that fails on the network (the server gone mid-request) never resets Dash's running guard, so
       wall-poll would stay disabled: no outage marker and no recovery. Re-enable the poll at once, and fetch the
       page on screen again once a poll has been answered. */
    function watchPageFetches() {
        var fetch = window.fetch;
        window.fetch = function (resource) {
            var result = fetch.apply(this, arguments);
            if (String((resource && resource.url) || resource).indexOf("_dash-update-component") >= 0) {
                result.catch(function () {
                    state.refetch = "waiting";
                    window.dash_clientside.set_props("wall-poll", { disabled: false });
                });
            }
            return result;
        };
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
                    var response = await fetch(statusUrl(config), { cache: "no-store", signal: controller.signal });
                    if (!response.ok) { throw new Error("HTTP " + response.status); }
                    var fresh = await response.json();
                    if (state.refetch === "waiting") { state.refetch = "answered"; }
                    if (status && status.build && fresh.build !== status.build) {
                        window.location.reload();
                        return [noUpdate(), noUpdate()];
                    }
                    var now = parts(new Date(), config.timezone);
                    fresh.ok = true;
                    fresh.checked = now.hour + ":" + now.minute;
                    /* null until the server's first view build is ready: keep showing the loading state */
                    var same = status && status.ok && status.version === fresh.version;
                    var version = same || fresh.version === null ? noUpdate() : fresh.version;
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
                if (!status) { return ["", "", "", "bm-wall-viewport", "", "bm-notice"]; }
                followOrders(status.orders);
                var orders = status.orders || {}, notice = orders.notice;
                var asof = "数据截至 " + (status.as_of || "—");
                var stale = status.stale && status.stale.length ? "⚠ 数据滞后：" + status.stale.join("、") : "";
                var offline = status.ok === false
                    ? "⚠ 连接中断，显示 " + (status.checked || "--:--") + " 数据" : "";
                var cls = "bm-wall-viewport" + (status.ok === false ? " bm-is-offline" : "") + (stale ? " bm-is-stale" : "")
                    + (status.version === null ? " bm-is-loading" : "") + (orders.quiet ? " bm-is-quiet" : "");
                markStalePanels(status);
                return [asof, stale, offline, cls, notice ? notice.text : "",
                    notice ? "bm-notice bm-notice-" + (notice.mode === "full" ? "full" : "banner") : "bm-notice"];
            },

            meetingFreshness: function (status) {
                if (!status) { return ""; }
                var text = "数据截至 " + (status.as_of || "—");
                if (status.stale && status.stale.length) { text += "  ⚠ 数据滞后：" + status.stale.join("、"); }
                if (status.ok === false) { text += "  ⚠ 连接中断，显示 " + (status.checked || "--:--") + " 数据"; }
                return text;
            },

            /* The meeting view's 轮播 mode: entered from the URL when the page loads (?rotate=1, with the wall's
               ?page= and ?pause=), toggled by its button. Outputs [root class, section title, position, paused]. */
            meetingRotate: function (config, _clicks) {
                meeting.rotation = config.rotation;
                listenForKeys();
                var triggered = window.dash_clientside.callback_context.triggered.map(function (t) { return t.prop_id; });
                if (triggered.indexOf("meeting-rotate-toggle.n_clicks") >= 0) {
                    if (meeting.active) {
                        stopRotation();
                    } else {
                        startRotation(parseNav("", config.rotation));
                    }
                    /* a focused toggle would take the space bar as another click */
                    document.activeElement.blur();
                } else {
                    stopRotation();
                    if (new URLSearchParams(window.location.search).get("rotate") === "1") {
                        startRotation(parseNav(window.location.search, config.rotation));
                    }
                }
                return meetingView();
            },

            /* Rotation: the page from the URL on load, then the next page on every tick of wall-tick, whose
               interval is set to the shown page's dwell time. Outputs [nav, tick interval]. */
            nav: function (search, _n, nav, config) {
                var triggered = window.dash_clientside.callback_context.triggered.map(function (t) { return t.prop_id; });
                var next;
                if (!nav || triggered.indexOf("url.search") >= 0) {
                    next = parseNav(search, config);
                    next = orderedNav(next, config) || next;
                } else if (nav.paused) {
                    return [noUpdate(), noUpdate()];
                } else {
                    next = { index: clampIndex(nav.index + 1, config.pages.length), since: Date.now(), paused: false };
                }
                state.nav = next;
                return [next, dwellMs(config, next.index)];
            },

            /* Which page to fetch for the served version: the page on screen, at once, if it shows an older build.
               The next one in the rotation is noted, to be fetched by the clock's tick once the page on screen
               shows this version and is drawn — ready before it turns, but never rendered while the first page
               draws. (wall-rendered, an output of the fetch, does not call this again: Dash skips the cycle.) */
            want: function (version, nav, rendered, config) {
                /* content just arrived: mark its stale panels once it is drawn, not at the next tick */
                window.requestAnimationFrame(function () { markStalePanels(state.status); });
                state.prefetch = null;
                if (version === null || version === undefined || !nav) { return noUpdate(); }
                state.prefetch = { pages: [clampIndex(nav.index + 1, config.pages.length)], version: version };
                var current = (rendered || {})[String(nav.index)] === version;
                return current ? noUpdate() : { pages: [nav.index], version: version };
            },

            /* What the browser shows, per page, as it arrives (read by the prefetch on the clock's tick). */
            seen: function (rendered) {
                state.rendered = rendered || {};
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
                /* a page frozen from /ops is held without the 已暂停 marker a visitor would wonder about */
                var title = config.pages[nav.index].title + (nav.paused && !nav.frozen ? "  ‖ 已暂停" : "");
                /* later page turns fade in; the first page after loading does not wait for a fade */
                if (!state.turned) {
                    state.turned = true;
                    window.setTimeout(function () { document.body.classList.add("bm-turned"); }, 1000);
                }
                return [pages, dots, title];
            },

            /* Fit the fixed design canvas to the window, keeping its aspect ratio. */
            scale: function (config) {
                state.config = config;
                if (!state.listening) {
                    window.addEventListener("resize", onResize);
                    window.addEventListener("error", function () { state.errors += 1; });
                    window.addEventListener("unhandledrejection", function () { state.errors += 1; });
                    listenForKeys();
                    watchPageFetches();
                    window.setInterval(everySecond, 1000);
                    state.listening = true;
                }
                everySecond();
                return canvasStyle(config);
            }
        }
    });
}());
