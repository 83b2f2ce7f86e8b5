/* Skip Plotly resizes that would not change a figure's size.
   dcc.Graph calls Plotly.Plots.resize once after every first draw, and again from its resize detector; each call
   waits 100 ms and then re-lays out and redraws the figure even when its box is exactly as drawn. On the wall
   (a fixed canvas) that doubled the drawing time of every first page. A resize whose box differs from the drawn
   size by more than a pixel (a window resize, a section shown again in the meeting view) goes through unchanged. */
(function () {
    "use strict";

    function drawnAtCurrentSize(gd) {
        var layout = gd && gd._fullLayout;
        if (!layout || !gd.isConnected) { return false; }
        var style = window.getComputedStyle(gd);
        var width = parseFloat(style.width), height = parseFloat(style.height);
        return Math.abs(width - layout.width) <= 1 && Math.abs(height - layout.height) <= 1;
    }

    document.addEventListener("DOMContentLoaded", function () {
        var plots = window.Plotly && window.Plotly.Plots;
        if (!plots || plots.resize.battlemapQuiet) { return; }
        var resize = plots.resize;
        plots.resize = function (gd) {
            var node = typeof gd === "string" ? document.getElementById(gd) : gd;
            return drawnAtCurrentSize(node) ? Promise.resolve(node) : resize.apply(this, arguments);
        };
        plots.resize.battlemapQuiet = true;
    });
}());
