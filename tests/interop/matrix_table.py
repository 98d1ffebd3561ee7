"""Renders matrix results as Markdown: rows are servers, columns clients,
and each cell lists one mark per protocol/transport combination."""

COMBO_LABELS = {("binary", "buffered"): "bin/buf", ("binary", "framed"): "bin/frm",
                ("compact", "buffered"): "cmp/buf", ("compact", "framed"): "cmp/frm",
                ("json", "buffered"): "json/buf", ("json", "framed"): "json/frm",
                ("header", "buffered"): "hdr/buf", ("header", "framed"): "hdr/frm",
                ("binary", "http"): "bin/http", ("compact", "http"): "cmp/http",
                ("json", "http"): "json/http", ("header", "http"): "hdr/http"}
MARKS = {"pass": "✅", "fail": "❌", "n/a": "➖", None: "·"}


def cell_text(outcomes, combos):
    """outcomes: (protocol, transport) -> 'pass' | 'fail' | 'n/a'; absent: not selected."""
    parts = []
    for combo in combos:
        parts.append("%s %s" % (COMBO_LABELS[combo], MARKS[outcomes.get(combo)]))
    return " ".join(parts)


def table(title, servers, clients, results, combos, disabled):
    """results: (server, client, protocol, transport) -> state; disabled: name -> reason."""
    lines = ["**%s**" % title, "",
             "| server \\ client | " + " | ".join(clients) + " |",
             "|---|" + "---|" * len(clients)]
    for server in servers:
        cells = []
        for client in clients:
            missing = disabled.get(server) or disabled.get(client)
            if missing:
                cells.append(missing)
                continue
            outcomes = {combo: results.get((server, client) + combo) for combo in combos
                        if (server, client) + combo in results}
            cells.append(cell_text(outcomes, combos))
        lines.append("| **%s** | " % server + " | ".join(cells) + " |")
    return "\n".join(lines)


def legend():
    return ("✅ pass, ❌ fail, ➖ not run because a side lacks the protocol/transport "
            "(listed below), · not selected in this run; bin/cmp/json/hdr = binary/compact/JSON/"
            "THeader (binary inside) protocol, buf/frm/http = buffered/framed/HTTP transport.")
