package org.twinstudio.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twinstudio.model.units.TwinUnits;

class TwinUnitsTest {

    @ParameterizedTest
    @ValueSource(strings = { "W", "kW", "degC", "°C", "K", "m3", "m³", "m3/s", "L/min", "bar", "mbar", "Pa", "%", "rpm",
            "1/s", "W/K", "N*m", "kg*m^2", "A", "V", "s", "min", "h", "kWh", "", "1", "m2", "degC/s" })
    void engineeringSpellingsParse(String unit) {
        assertTrue(TwinUnits.parse(unit).isPresent(), () -> "'" + unit + "' should parse");
    }

    @ParameterizedTest
    @ValueSource(strings = { "W/Kx", "furlong", "m3//s", "degX", "kW h h" })
    void nonsenseDoesNotParse(String unit) {
        assertTrue(TwinUnits.parse(unit).isEmpty(), () -> "'" + unit + "' should not parse");
    }

    @Test
    void compatibilityFollowsDimensions() {
        assertTrue(TwinUnits.compatible("kW", "W"));
        assertTrue(TwinUnits.compatible("degC", "K"));
        assertTrue(TwinUnits.compatible("L/min", "m3/s"));
        assertTrue(TwinUnits.compatible("bar", "Pa"));
        assertFalse(TwinUnits.compatible("W", "degC"));
        assertFalse(TwinUnits.compatible("m3/s", "m3"));
        assertFalse(TwinUnits.compatible("%", "W"));
        assertFalse(TwinUnits.compatible("nonsense", "nonsense"));
    }

    @Test
    void sameUnitInDifferentSpellings() {
        assertTrue(TwinUnits.same("m3", "m³"));
        assertTrue(TwinUnits.same("degC", "°C"));
        assertFalse(TwinUnits.same("kW", "W"));
    }

    @Test
    void convertsBetweenCompatibleUnits() {
        assertEquals(1500.0, TwinUnits.convert(1.5, "kW", "W"), 1e-9);
        assertEquals(293.15, TwinUnits.convert(20, "degC", "K"), 1e-9);
        assertEquals(1.0 / 60000.0, TwinUnits.convert(1, "L/min", "m3/s"), 1e-12);
        assertEquals(100_000.0, TwinUnits.convert(1, "bar", "Pa"), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> TwinUnits.convert(1, "W", "degC"));
        assertThrows(IllegalArgumentException.class, () -> TwinUnits.convert(1, "W", "furlong"));
    }
}
