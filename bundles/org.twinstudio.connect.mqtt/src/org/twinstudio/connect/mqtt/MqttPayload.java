package org.twinstudio.connect.mqtt;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * The MQTT payloads of Twinstudio. Nothing here throws for a bad payload: decoding returns a {@link Decoded} that
 * carries either the value or the reason it was refused.
 * <p>
 * <b>Published</b> (one message per port value), UTF-8 JSON:
 *
 * <pre>
 * {"value": 42.1, "timestamp": "2026-11-26T00:10:16.123Z", "quality": "good", "unit": "degC"}
 * </pre>
 *
 * {@code value} is the port value (booleans as 0 or 1); {@code timestamp} the wall-clock instant (ISO-8601, UTC)
 * of the cycle that produced it; {@code quality} is {@code good}, or {@code bad} with {@code "value": null} when the
 * value is not finite (JSON has no NaN); {@code unit} is the port's unit and is left out when it has none.
 * <p>
 * <b>Received</b>: the binding's {@code jsonPointer} (RFC 6901) selects the value. Without a pointer the payload must
 * be a plain JSON number or boolean ({@code 42.5}, {@code true}), or an object with a {@code value} member (the
 * published format above, so one twin can read another's topics). A number is taken as it is, {@code true}/{@code
 * false} as 1/0. Refused, with the reason as message: payloads over the size bound, invalid UTF-8, invalid JSON
 * (parsed strictly: no comments, single quotes, NaN or trailing data), a pointer without target, and values that are
 * not a finite number or a boolean (strings, null, objects, arrays).
 */
public final class MqttPayload {

    /** Default bound of a received payload: 64 KiB. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;

    public static final String QUALITY_GOOD = "good";
    public static final String QUALITY_BAD = "bad";

    private MqttPayload() {
    }

    /** The published JSON for one value; see the class comment. {@code unit} may be null or empty. */
    public static byte[] encode(double value, Instant timestamp, String unit) {
        JsonObject json = new JsonObject();
        boolean finite = Double.isFinite(value);
        if (finite) {
            json.addProperty("value", value);
        } else {
            json.add("value", com.google.gson.JsonNull.INSTANCE);
        }
        json.addProperty("timestamp", timestamp.toString());
        json.addProperty("quality", finite ? QUALITY_GOOD : QUALITY_BAD);
        if (unit != null && !unit.isEmpty()) {
            json.addProperty("unit", unit);
        }
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A decoded payload: {@code value} when {@link #ok()}, else {@code error} says why it was refused.
     * {@code timestamp} is the payload's {@code timestamp} member when it has a valid one, else null.
     */
    public record Decoded(double value, Instant timestamp, String error) {

        static Decoded refused(String error) {
            return new Decoded(Double.NaN, null, error);
        }

        public boolean ok() {
            return error == null;
        }
    }

    /**
     * Extracts the value from a received payload; see the class comment.
     *
     * @param pointer  the binding's JSON pointer; null or empty for none
     * @param maxBytes payloads longer than this are refused unread
     */
    public static Decoded decode(byte[] payload, JsonPointer pointer, int maxBytes) {
        if (payload.length > maxBytes) {
            return Decoded.refused("payload of " + payload.length + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
        if (payload.length == 0) {
            return Decoded.refused("empty payload");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return Decoded.refused("payload is not valid UTF-8");
        }
        JsonElement document;
        try {
            document = parseStrictly(text);
        } catch (IOException | JsonParseException | IllegalStateException e) {
            return Decoded.refused("invalid JSON: " + rootMessage(e));
        }
        Instant timestamp = timestampOf(document);
        JsonElement target;
        if (pointer != null && !pointer.tokens().isEmpty()) {
            try {
                target = pointer.resolve(document);
            } catch (IllegalArgumentException e) {
                return Decoded.refused("JSON pointer " + pointer + ": " + e.getMessage());
            }
        } else if (document instanceof JsonObject object && object.has("value")) {
            target = object.get("value");
        } else {
            target = document;
        }
        String where = pointer != null && !pointer.tokens().isEmpty() ? "at " + pointer
                : document.isJsonObject() ? "at /value" : "payload";
        if (target instanceof JsonPrimitive primitive) {
            if (primitive.isBoolean()) {
                return new Decoded(primitive.getAsBoolean() ? 1 : 0, timestamp, null);
            }
            if (primitive.isNumber()) {
                double value = primitive.getAsDouble();
                if (!Double.isFinite(value)) {
                    return Decoded.refused("value " + where + " is out of range: " + primitive);
                }
                return new Decoded(value, timestamp, null);
            }
            return Decoded.refused("value " + where + " is not numeric: " + abbreviate(primitive.toString()));
        }
        if (target.isJsonNull()) {
            return Decoded.refused("value " + where + " is null");
        }
        if (target == document && target.isJsonObject()) {
            return Decoded.refused("payload is a JSON object without a 'value' member; the binding needs a jsonPointer");
        }
        return Decoded.refused("value " + where + " is not numeric: a JSON " + (target.isJsonArray() ? "array" : "object"));
    }

    private static JsonElement parseStrictly(String text) throws IOException {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        JsonElement document = JsonParser.parseReader(reader);
        if (reader.peek() != JsonToken.END_DOCUMENT) {
            throw new JsonParseException("trailing data after the JSON value");
        }
        return document;
    }

    private static Instant timestampOf(JsonElement document) {
        if (document instanceof JsonObject object && object.get("timestamp") instanceof JsonPrimitive p
                && p.isString()) {
            try {
                return Instant.parse(p.getAsString());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        // Gson appends a troubleshooting link; the position is what helps here.
        int see = message.indexOf("\nSee ");
        return abbreviate(see > 0 ? message.substring(0, see) : message);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
