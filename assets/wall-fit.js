/* Text that fits on the wall: no label, name or reason on a /wall page is clipped or ended with "…". Whenever a
   page's content changes, every element of it that hides what does not fit (overflow other than visible) and
   overflows has its text shrunk, all its texts by one factor, but none below the canvas's minimum font size
   (--bm-min-font, 01-base.css); what still does not fit then wraps. The work is done in the mutation observer's
   callback, before the browser paints, so the unfitted text is never seen; pages are fitted while hidden, before
   their turn. Figures (Plotly) are left alone. */
(function () {
    "use strict";

    var FITTED = "data-fit";
    var WRAP = "bm-fit-wrap";
    var STEP = 0.05;

    function minimumFont() {
        return parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--bm-min-font")) || 16;
    }

    function clips(style) {
        return style.overflowX !== "visible" || style.overflowY !== "visible";
    }

    /* Whether el's content is wider than it — by any fraction of a pixel, measured on the laid-out text (an ellipsis
       shows even where scrollWidth, rounded, equals clientWidth) — or taller by more than half a line (a glyph's
       overhang is not a cut). */
    function overflows(el) {
        var style = getComputedStyle(el);
        var line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
        if (el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight + line / 2) { return true; }
        var box = el.getBoundingClientRect();
        if (!el.offsetWidth) { return false; }
        var scale = box.width / el.offsetWidth, range = document.createRange();
        range.selectNodeContents(el);
        var right = box.right - (parseFloat(style.paddingRight) + parseFloat(style.borderRightWidth)) * scale;
        return range.getBoundingClientRect().right > right + 0.05 * scale;
    }

    function ownsText(el) {
        return Array.prototype.some.call(el.childNodes, function (n) { return n.nodeType === 3 && n.nodeValue.trim(); });
    }

    /* Undo an earlier fitting inside root, so content that changed in place is fitted afresh. */
    function reset(root) {
        root.querySelectorAll("[" + FITTED + "]").forEach(function (el) {
            el.style.fontSize = "";
            el.removeAttribute(FITTED);
        });
        root.querySelectorAll("." + WRAP).forEach(function (el) { el.classList.remove(WRAP); });
    }

    function fit(box, minimum) {
        var texts = [box].concat(Array.prototype.slice.call(box.querySelectorAll("*"))).filter(ownsText);
        var sizes = texts.map(function (el) { return parseFloat(getComputedStyle(el).fontSize); });
        for (var factor = 1 - STEP; factor > 0.3 && overflows(box); factor -= STEP) {
            var shrunk = false;
            texts.forEach(function (el, i) {
                var size = Math.max(Math.min(sizes[i], minimum), Math.round(sizes[i] * factor * 10) / 10);
                if (size < parseFloat(el.style.fontSize || sizes[i])) {
                    el.style.fontSize = size + "px";
                    el.setAttribute(FITTED, "");
                    shrunk = true;
                }
            });
            if (!shrunk) { break; }
        }
        if (overflows(box)) { box.classList.add(WRAP); }
    }

    function depth(el) {
        var n = 0;
        for (var p = el; p; p = p.parentElement) { n += 1; }
        return n;
    }

    /* Fit every clipping element of a page that overflows, the innermost first. */
    function fitPage(page) {
        reset(page);
        var minimum = minimumFont();
        var boxes = Array.prototype.filter.call(page.querySelectorAll("*"), function (el) {
            return !el.closest(".js-plotly-plot") && el.textContent.trim() && clips(getComputedStyle(el))
                && !el.matches(".bm-panel-body, .bm-pager, .bm-pager-page");
        });
        boxes.sort(function (a, b) { return depth(b) - depth(a); });
        boxes.forEach(function (box) {
            if (overflows(box)) { fit(box, minimum); }
        });
    }

    function fitAll() {
        document.querySelectorAll("#wall-canvas .bm-page").forEach(fitPage);
    }

    function changedPages(records) {
        var pages = [];
        records.forEach(function (record) {
            var target = record.target.nodeType === 1 ? record.target : record.target.parentElement;
            if (!target || target.closest(".js-plotly-plot")) { return; }
            var page = target.closest("#wall-canvas .bm-page");
            if (page && pages.indexOf(page) < 0) { pages.push(page); }
        });
        return pages;
    }

    function start() {
        new MutationObserver(function (records) {
            changedPages(records).forEach(fitPage);
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
        if (document.fonts) {
            document.fonts.addEventListener("loadingdone", fitAll);
            document.fonts.ready.then(fitAll);
        }
    }

    if (document.body) { start(); } else { document.addEventListener("DOMContentLoaded", start); }
}());
