package org.twinstudio.connect.mqtt.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.twinstudio.connect.mqtt.JsonPointer;
import org.twinstudio.connect.mqtt.MqttPayload;
import org.twinstudio.connect.mqtt.MqttPayload.Decoded;
import org.twinstudio.connect.mqtt.TopicScheme;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class MqttPayloadTest {

    private static Decoded decode(String payload, String pointer) {
        return MqttPayload.decode(payload.getBytes(StandardCharsets.UTF_8),
                pointer == null ? null : JsonPointer.parse(pointer), MqttPayload.DEFAULT_MAX_BYTES);
    }

    @Test
    void publishedJsonHasValueTimestampQualityAndUnit() {
        Instant t = Instant.parse("2026-11-26T00:10:16.123Z");
        JsonObject json = JsonParser.parseString(new String(MqttPayload.encode(42.1, t, "degC"),
                StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(42.1, json.get("value").getAsDouble());
        assertEquals("2026-11-26T00:10:16.123Z", json.get("timestamp").getAsString());
        assertEquals("good", json.get("quality").getAsString());
        assertEquals("degC", json.get("unit").getAsString());
        assertEquals(4, json.size());
    }

    @Test
    void nonFiniteValueIsPublishedAsNullWithBadQualityAndNoEmptyUnit() {
        JsonObject json = JsonParser.parseString(new String(MqttPayload.encode(Double.NaN, Instant.EPOCH, ""),
                StandardCharsets.UTF_8)).getAsJsonObject();
        assertTrue(json.get("value").isJsonNull());
        assertEquals("bad", json.get("quality").getAsString());
        assertFalse(json.has("unit"));
    }

    @Test
    void ownPayloadDecodesBackWithoutPointerAndCarriesItsTimestamp() {
        Instant t = Instant.parse("2026-11-26T00:10:16.123Z");
        byte[] bytes = MqttPayload.encode(-3.25e-4, t, "bar");
        Decoded d = MqttPayload.decode(bytes, null, MqttPayload.DEFAULT_MAX_BYTES);
        assertTrue(d.ok(), d.error());
        assertEquals(-3.25e-4, d.value());
        assertEquals(t, d.timestamp());
    }

    @Test
    void plainNumberAndBooleansWorkWithoutPointer() {
        assertEquals(42.5, decode("42.5", null).value());
        assertEquals(-7, decode(" -7 \n", null).value());
        assertEquals(1, decode("true", null).value());
        assertEquals(0, decode("false", null).value());
        assertEquals(1200, decode("1.2e3", "").value());
    }

    @Test
    void pointerSelectsNestedMembersArrayElementsAndEscapedNames() {
        String doc = "{\"plant\":{\"tank\":[{\"level\":1.5},{\"level\":2.75,\"ok\":true}]},\"a/b\":{\"m~n\":9}}";
        assertEquals(2.75, decode(doc, "/plant/tank/1/level").value());
        assertEquals(1, decode(doc, "/plant/tank/1/ok").value());
        assertEquals(9, decode(doc, "/a~1b/m~0n").value());
    }

    @Test
    void missingPointerTargetIsRefusedWithTheMissingToken() {
        Decoded d = decode("{\"plant\":{\"tank\":[{\"level\":1.5}]}}", "/plant/tank/3/level");
        assertFalse(d.ok());
        assertTrue(d.error().contains("no element '3'"), d.error());
        Decoded member = decode("{\"a\":{\"b\":1}}", "/a/c");
        assertTrue(member.error().contains("no member 'c' in '/a'"), member.error());
        Decoded leadingZero = decode("[5,6]", "/01");
        assertFalse(leadingZero.ok(), "RFC 6901 indexes have no leading zeros");
        Decoded intoNumber = decode("{\"a\":1}", "/a/b");
        assertTrue(intoNumber.error().contains("neither an object nor an array"), intoNumber.error());
    }

    @Test
    void nonNumericValuesAreRefused() {
        assertTrue(decode("{\"v\":\"42\"}", "/v").error().contains("not numeric"));
        assertTrue(decode("{\"v\":null}", "/v").error().contains("null"));
        assertTrue(decode("{\"v\":[1]}", "/v").error().contains("array"));
        assertTrue(decode("\"hello\"", null).error().contains("not numeric"));
        assertTrue(decode("{\"value\":{\"x\":1}}", null).error().contains("not numeric"));
        assertTrue(decode("{\"temperature\":20}", null).error().contains("needs a jsonPointer"));
        String huge = decode("1e400", null).error();
        assertTrue(huge != null && (huge.contains("out of range") || huge.startsWith("invalid JSON")), huge);
    }

    @Test
    void badJsonIsRefusedNotThrown() {
        for (String bad : List.of("{\"value\": 4", "{value: 4}", "{'value': 4}", "NaN", "42 43", "// c\n1", "",
                "{\"a\":1}}")) {
            Decoded d = decode(bad, null);
            assertFalse(d.ok(), bad);
            assertTrue(d.error().startsWith("invalid JSON") || d.error().equals("empty payload"), d.error());
        }
        Decoded binary = MqttPayload.decode(new byte[] { (byte) 0xC3, (byte) 0x28 }, null, 100);
        assertEquals("payload is not valid UTF-8", binary.error());
    }

    @Test
    void oversizedPayloadIsRefusedBeforeParsing() {
        byte[] big = new byte[MqttPayload.DEFAULT_MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '1';
        Decoded d = MqttPayload.decode(big, null, MqttPayload.DEFAULT_MAX_BYTES);
        assertEquals("payload of 65537 bytes exceeds the limit of 65536 bytes", d.error());
        assertTrue(MqttPayload.decode(java.util.Arrays.copyOf(big, 65536), null, 65536).ok());
    }

    @Test
    void pointerSyntaxIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> JsonPointer.parse("value"));
        assertThrows(IllegalArgumentException.class, () -> JsonPointer.parse("/a~2"));
        assertEquals(List.of("a/b", "c~", ""), JsonPointer.parse("/a~1b/c~0/").tokens());
        assertEquals(List.of(), JsonPointer.parse("").tokens());
    }

    @Test
    void topicSchemeFillsPlaceholdersAndKeepsNamesToOneLevel() {
        TopicScheme def = TopicScheme.defaultScheme();
        assertEquals("twinstudio/line/heater/temperature", def.topic("line", "heater", "temperature"));
        assertEquals("twinstudio/line/heater/power/set", def.setTopic("line", "heater", "power"));
        assertEquals("twinstudio/a_b/c_/d_", def.topic("a/b", "c+", "d#"));
        assertEquals("plant/heater.power/v", new TopicScheme("plant/{path}/v").topic("m", "heater", "power"));
        assertThrows(IllegalArgumentException.class, () -> new TopicScheme("x/{unit}"));
        assertThrows(IllegalArgumentException.class, () -> new TopicScheme("x/#"));
        assertThrows(IllegalArgumentException.class, () -> new TopicScheme(" "));
    }
}
