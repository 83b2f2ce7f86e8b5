/* Keep Dash's undo history bounded.
   dash-renderer appends to store.history.past every change of a callback input that did not come from a server
   response — interval ticks, set_props, key presses — even with the undo/redo buttons hidden (plotly/dash#727,
   still open). On a wall that polls every second and turns pages all day that list only grows: measured here,
   about 16 objects and 2 closures kept per page turn. With the buttons hidden Dash only ever reads the last
   entry (to revert after a callback error), so every few seconds the list is cut to its last few entries.
   The cut is in place, as dash-renderer's own history reducer writes this state: nothing renders from it. */
(function () {
    "use strict";

    var KEEP = 10, EVERY_MS = 5000;

    function trim() {
        (window.dash_stores || []).forEach(function (store) {
            var state = store.getState(), history = state && state.history;
            if (!history || !Array.isArray(history.past) || (state.config && state.config.show_undo_redo)) { return; }
            if (history.past.length > KEEP) { history.past.splice(0, history.past.length - KEEP); }
        });
    }

    window.setInterval(trim, EVERY_MS);
}());
