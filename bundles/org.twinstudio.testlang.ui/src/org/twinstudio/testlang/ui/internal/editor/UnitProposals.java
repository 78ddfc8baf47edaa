package org.twinstudio.testlang.ui.internal.editor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Port;
import org.twinstudio.model.units.TwinUnits;
import org.twinstudio.testlang.sequence.PortRef;
import org.twinstudio.testlang.sequence.Quantity;

/**
 * The units that fit where a unit may follow a number: for a value or tolerance of a port the units its own unit
 * converts to (a tolerance also takes {@code %}), for durations and times the time units.
 */
public final class UnitProposals {

    /** Units engineers type, as {@link TwinUnits} reads them; filtered by convertibility to the port's unit. */
    static final List<String> KNOWN = List.of("degC", "K", "degF", "bar", "mbar", "Pa", "kPa", "MPa", "%", "W", "kW",
            "MW", "m", "cm", "mm", "m2", "m3", "L", "m3/s", "m3/h", "L/min", "L/h", "kg", "kg/s", "kg/h", "rpm", "Hz",
            "A", "mA", "V", "mV", "N", "N*m", "m/s", "s", "ms", "min", "h", "kWh", "J", "kJ", "degC/s", "K/s",
            "W/K", "W/m2/K");

    static final List<String> TIME = List.of("s", "ms", "min", "h");

    /** The features of the language that hold a duration or a time. */
    private static final Set<String> TIME_ROLES = Set.of("duration", "at", "timeout");

    private UnitProposals() {
    }

    /**
     * The units to propose at {@code offset}, where the text before it is a number, blanks and the start of a unit
     * ({@code prefixLength} characters). Empty where no unit may stand.
     */
    public static List<String> at(XtextResource resource, String text, int offset, int prefixLength) {
        int end = offset - prefixLength;
        int numberEnd = end;
        while (numberEnd > 0 && Character.isWhitespace(text.charAt(numberEnd - 1))) {
            numberEnd--;
        }
        if (numberEnd == end || numberEnd == 0 || !Character.isDigit(text.charAt(numberEnd - 1))
                || resource.getParseResult() == null) {
            return List.of(); // a unit needs blank space after a number ("60 degC")
        }
        ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(resource.getParseResult().getRootNode(), numberEnd - 1);
        EObject element = leaf == null ? null : NodeModelUtils.findActualSemanticObjectFor(leaf);
        if (!(element instanceof Quantity quantity) || quantity.eContainer() == null) {
            return List.of();
        }
        EStructuralFeature feature = quantity.eContainingFeature();
        String role = feature.getName();
        if (TIME_ROLES.contains(role)) {
            return TIME;
        }
        if (!"value".equals(role) && !"tolerance".equals(role)) {
            return List.of();
        }
        Port port = portOf(quantity.eContainer());
        if (port == null || port.getDataType() == DataType.BOOLEAN || port.getDataType() == DataType.STRING) {
            return List.of();
        }
        return fitting(port.getUnit(), "tolerance".equals(role));
    }

    /** The port's own unit first, then every known unit convertible to it. */
    public static List<String> fitting(String portUnit, boolean relativeAllowed) {
        Set<String> units = new LinkedHashSet<>();
        if (portUnit != null && !portUnit.isBlank()) {
            units.add(portUnit);
            for (String unit : KNOWN) {
                if (TwinUnits.compatible(unit, portUnit)) {
                    units.add(unit);
                }
            }
        }
        if (relativeAllowed) {
            units.add("%");
        }
        return new ArrayList<>(units);
    }

    private static Port portOf(EObject statement) {
        for (EObject child : statement.eContents()) {
            if (child instanceof PortRef ref && ref.getPort() != null && !ref.getPort().eIsProxy()) {
                return ref.getPort();
            }
        }
        return null;
    }
}
