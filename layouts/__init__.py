"""Pure view code: theme, formatting, panel components, figure builders and one module per wall page.

Nothing here touches the database: builders take plain values that ``callbacks`` computed from ``data``.
"""
