package io.jnas.report;

import java.util.List;
import java.util.Map;

/** Minimal, dependency-free HTML report building with escaping. */
public final class Html {
    private final StringBuilder sb = new StringBuilder();

    public Html(String title) {
        sb.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><style>body{font-family:sans-serif;max-width:960px;margin:2em auto;}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}"
                        + "code,pre{background:#f4f4f4}</style></head><body><h1>").append(esc(title)).append("</h1>\n");
    }

    public static String esc(Object o) {
        return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public Html h2(String s) {
        sb.append("<h2>").append(esc(s)).append("</h2>\n");
        return this;
    }

    public Html p(String s) {
        sb.append("<p>").append(esc(s)).append("</p>\n");
        return this;
    }

    public Html pre(String s) {
        sb.append("<pre>").append(esc(s)).append("</pre>\n");
        return this;
    }

    public Html img(String file) {
        sb.append("<p><img src=\"").append(esc(file)).append("\"></p>\n");
        return this;
    }

    /** A key/value table. */
    public Html kv(Map<String, ?> rows) {
        sb.append("<table>");
        rows.forEach((k, v) -> sb.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>"));
        sb.append("</table>\n");
        return this;
    }

    /** A table of rows with the given columns. */
    public Html table(List<String> columns, List<? extends Map<String, ?>> rows) {
        sb.append("<table><tr>");
        columns.forEach(c -> sb.append("<th>").append(esc(c)).append("</th>"));
        sb.append("</tr>");
        for (Map<String, ?> r : rows) {
            sb.append("<tr>");
            for (String c : columns) {
                Object v = r.get(c);
                sb.append("<td>").append(esc(v instanceof Double d ? String.format("%.4g", d) : v)).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</table>\n");
        return this;
    }

    public String build() {
        return sb + "</body></html>\n";
    }
}
