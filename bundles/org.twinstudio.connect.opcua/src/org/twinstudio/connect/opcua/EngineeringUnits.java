package org.twinstudio.connect.opcua;

import java.util.Map;

import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;

/**
 * The OPC UA {@code EngineeringUnits} of a port's unit (OPC UA Part 8, 5.6.3): UNECE Recommendation 20 codes in the
 * namespace {@value #UNECE_NAMESPACE}. The unitId packs the code's characters into an int:
 * {@code unitId = c0 << 16 | c1 << 8 | c2} (e.g. CEL, degree Celsius, is 4408652). Units without a code here keep
 * their text as display name with unitId -1 ("unknown").
 */
public final class EngineeringUnits {

    public static final String UNECE_NAMESPACE = "http://www.opcfoundation.org/UA/units/un/cefact";

    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("degC", "CEL"), Map.entry("°C", "CEL"), Map.entry("K", "KEL"), Map.entry("degF", "FAH"),
            Map.entry("m", "MTR"), Map.entry("mm", "MMT"), Map.entry("cm", "CMT"), Map.entry("km", "KMT"),
            Map.entry("m2", "MTK"), Map.entry("m3", "MTQ"), Map.entry("l", "LTR"), Map.entry("m3/s", "MQS"),
            Map.entry("m3/h", "MQH"), Map.entry("l/s", "G51"), Map.entry("l/min", "L2"), Map.entry("kg", "KGM"),
            Map.entry("g", "GRM"), Map.entry("kg/s", "KGS"), Map.entry("s", "SEC"), Map.entry("ms", "C26"),
            Map.entry("min", "MIN"), Map.entry("h", "HUR"), Map.entry("Hz", "HTZ"), Map.entry("rpm", "RPM"),
            Map.entry("1/min", "RPM"), Map.entry("W", "WTT"), Map.entry("kW", "KWT"), Map.entry("W/K", "D52"),
            Map.entry("J", "JOU"), Map.entry("kWh", "KWH"), Map.entry("V", "VLT"), Map.entry("A", "AMP"),
            Map.entry("Pa", "PAL"), Map.entry("kPa", "KPA"), Map.entry("bar", "BAR"), Map.entry("mbar", "MBR"),
            Map.entry("N", "NEU"), Map.entry("Nm", "NU"), Map.entry("m/s", "MTS"), Map.entry("m/s2", "MSK"),
            Map.entry("rad", "C81"), Map.entry("deg", "DD"), Map.entry("%", "P1"), Map.entry("degC/s", "J23"));

    private EngineeringUnits() {
    }

    /** The UNECE code of a unit, or null if this table has none. */
    public static String uneceCode(String unit) {
        return unit == null ? null : CODES.get(unit.trim());
    }

    /** {@code c0 << 16 | c1 << 8 | c2} over the code's characters (codes have 2 or 3). */
    public static int unitId(String code) {
        int id = 0;
        for (int i = 0; i < code.length(); i++) {
            id = id << 8 | code.charAt(i);
        }
        return id;
    }

    /** The EngineeringUnits value for a unit text; null for no unit. */
    public static EUInformation of(String unit) {
        if (unit == null || unit.isBlank()) {
            return null;
        }
        String code = uneceCode(unit);
        return new EUInformation(UNECE_NAMESPACE, code == null ? -1 : unitId(code), LocalizedText.english(unit),
                LocalizedText.english(unit));
    }
}
