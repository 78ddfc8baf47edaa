package org.twinstudio.connect.mqtt;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A JSON Pointer (RFC 6901): {@code ""} is the whole document, {@code /a/0/b} walks member {@code a}, element 0,
 * member {@code b}. In a reference token {@code ~1} stands for {@code /} and {@code ~0} for {@code ~}. Immutable.
 */
public final class JsonPointer {

    private final String text;
    private final List<String> tokens;

    private JsonPointer(String text, List<String> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /**
     * Parses a pointer.
     *
     * @throws IllegalArgumentException if it neither is empty nor starts with {@code /}, or has a {@code ~} not
     *                                  followed by 0 or 1
     */
    public static JsonPointer parse(String text) {
        if (text.isEmpty()) {
            return new JsonPointer(text, List.of());
        }
        if (text.charAt(0) != '/') {
            throw new IllegalArgumentException("JSON pointer '" + text + "' must be empty or start with '/'");
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : text.substring(1).split("/", -1)) {
            tokens.add(unescape(raw, text));
        }
        return new JsonPointer(text, List.copyOf(tokens));
    }

    private static String unescape(String raw, String whole) {
        StringBuilder token = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '~') {
                token.append(c);
                continue;
            }
            char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
            if (next == '0') {
                token.append('~');
            } else if (next == '1') {
                token.append('/');
            } else {
                throw new IllegalArgumentException(
                        "JSON pointer '" + whole + "': '~' must be followed by 0 or 1 (RFC 6901)");
            }
            i++;
        }
        return token.toString();
    }

    /** The reference tokens, unescaped. */
    public List<String> tokens() {
        return tokens;
    }

    /**
     * The value the pointer refers to in {@code document}.
     *
     * @throws IllegalArgumentException naming the first token that has no target
     */
    public JsonElement resolve(JsonElement document) {
        JsonElement current = document;
        StringBuilder walked = new StringBuilder();
        for (String token : tokens) {
            String at = walked.isEmpty() ? "the document" : "'" + walked + "'";
            if (current instanceof JsonObject object) {
                if (!object.has(token)) {
                    throw new IllegalArgumentException("no member '" + token + "' in " + at);
                }
                current = object.get(token);
            } else if (current instanceof JsonArray array) {
                int index = arrayIndex(token);
                if (index < 0 || index >= array.size()) {
                    throw new IllegalArgumentException(
                            "no element '" + token + "' in " + at + " (array of " + array.size() + ")");
                }
                current = array.get(index);
            } else {
                throw new IllegalArgumentException("'" + token + "' cannot be looked up in " + at
                        + ", which is neither an object nor an array");
            }
            walked.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return current;
    }

    /** RFC 6901 array index: {@code 0} or digits without a leading zero; anything else is no index (-1). */
    private static int arrayIndex(String token) {
        if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(token);
    }

    @Override
    public String toString() {
        return text;
    }
}
