/* The browser side of layouts/html_block.py: a wrapper div holding server-escaped static markup. */
(function () {
    function HtmlBlock(props) {
        return window.React.createElement("div", {
            className: props.className,
            dangerouslySetInnerHTML: { __html: props.html || "" }
        });
    }
    window.battlemap_blocks = { HtmlBlock: HtmlBlock };
}());
