package org.twinstudio.cli.internal;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON text from maps, lists, strings, numbers, booleans and {@code null}. Maps keep their iteration order
 * (use {@link java.util.LinkedHashMap} for a stable field order).
 */
public final class Json {

    private Json() {
    }

    /** The JSON text of a value, indented by two spaces per level. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Number n) {
            double d = n.doubleValue();
            out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (value instanceof Map<?, ?> map) {
            container(map.entrySet().iterator(), '{', '}', out, depth, (entry, o) -> {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) entry;
                string(String.valueOf(e.getKey()), o);
                o.append(": ");
                write(e.getValue(), o, depth + 1);
            });
        } else if (value instanceof List<?> list) {
            container(list.iterator(), '[', ']', out, depth, (item, o) -> write(item, o, depth + 1));
        } else {
            string(value.toString(), out);
        }
    }

    private interface ItemWriter {
        void write(Object item, StringBuilder out);
    }

    private static void container(Iterator<?> items, char open, char close, StringBuilder out, int depth, ItemWriter writer) {
        out.append(open);
        if (!items.hasNext()) {
            out.append(close);
            return;
        }
        while (items.hasNext()) {
            out.append('\n').append("  ".repeat(depth + 1));
            writer.write(items.next(), out);
            if (items.hasNext()) {
                out.append(',');
            }
        }
        out.append('\n').append("  ".repeat(depth)).append(close);
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
