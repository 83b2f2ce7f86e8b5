/* Functions the AG Grids name by string (dash-ag-grid looks them up in window.dashAgGridFunctions).
   neutraliseCell is the drill-down's CSV export cell: the same text as exports/cells.py writes into the
   server's CSV — empty for a missing value, 是/否 for a flag — and, like exports.cells.neutralise, a leading
   apostrophe before any text that begins with =, +, -, @, a tab or a carriage return, so Excel and WPS show it
   instead of running it as a formula. A negative number is such a text too ("-3" → "'-3"), as in the server's
   CSV; other numbers and dates are written as they are. */
(function () {
    "use strict";

    var FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"];

    function cellText(value) {
        if (value === null || value === undefined || (typeof value === "number" && isNaN(value))) { return ""; }
        if (typeof value === "boolean") { return value ? "是" : "否"; }
        return String(value);
    }

    function neutralise(text) {
        return FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    window.dashAgGridFunctions = window.dashAgGridFunctions || {};
    window.dashAgGridFunctions.neutraliseCell = function (params) {
        return neutralise(cellText(params.value));
    };
}());
