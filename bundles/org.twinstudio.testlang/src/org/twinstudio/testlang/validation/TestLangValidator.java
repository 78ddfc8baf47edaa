package org.twinstudio.testlang.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.EcoreUtil2;
import org.twinstudio.model.AlertCondition;
import org.twinstudio.model.AlertRule;
import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.units.TwinUnits;
import org.twinstudio.testlang.sequence.BooleanValue;
import org.twinstudio.testlang.sequence.ClearFaultStatement;
import org.twinstudio.testlang.sequence.ComparisonOperator;
import org.twinstudio.testlang.sequence.Column;
import org.twinstudio.testlang.sequence.Examples;
import org.twinstudio.testlang.sequence.ExpectAlertStatement;
import org.twinstudio.testlang.sequence.ExpectStatement;
import org.twinstudio.testlang.sequence.Row;
import org.twinstudio.testlang.sequence.Setup;
import org.twinstudio.testlang.sequence.Statement;
import org.twinstudio.testlang.sequence.Teardown;
import org.twinstudio.testlang.sequence.FaultKind;
import org.twinstudio.testlang.sequence.HoldsFor;
import org.twinstudio.testlang.sequence.InjectFaultStatement;
import org.twinstudio.testlang.sequence.PortRef;
import org.twinstudio.testlang.sequence.Quantity;
import org.twinstudio.testlang.sequence.RampStatement;
import org.twinstudio.testlang.sequence.SequencePackage;
import org.twinstudio.testlang.sequence.SetStatement;
import org.twinstudio.testlang.sequence.Suite;
import org.twinstudio.testlang.sequence.TestCase;
import org.twinstudio.testlang.sequence.Value;
import org.twinstudio.testlang.sequence.WaitStatement;
import org.twinstudio.testlang.sequence.Within;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import com.google.inject.Inject;

/**
 * Checks a test suite against itself and against the twin model it names (names that do not resolve are linking
 * errors, see {@code TestLangLinkingDiagnostics}): components named where a port is needed, writes to output ports,
 * units that do not fit the port, durations that are negative or not times, tolerances that are negative or do not
 * fit, fault starts already past; examples tables (duplicate or unused columns, rows with the wrong number of cells,
 * and every row's cell checked where its column is used, reported at the cell). Every finding is located at the
 * offending text.
 */
public class TestLangValidator extends AbstractTestLangValidator {

    public static final String MODEL_NOT_FOUND = "testlang.model.notFound";
    public static final String UNKNOWN_COMPONENT = "testlang.component.unknown";
    public static final String UNKNOWN_PORT = "testlang.port.unknown";
    public static final String PORT_NEEDED = "testlang.port.needed";
    public static final String WRITE_TO_OUTPUT = "testlang.port.output";
    public static final String UNKNOWN_UNIT = "testlang.unit.unknown";
    public static final String UNIT_MISMATCH = "testlang.unit.mismatch";
    public static final String VALUE_TYPE = "testlang.value.type";
    public static final String BAD_DURATION = "testlang.duration";
    public static final String BAD_TOLERANCE = "testlang.tolerance";
    public static final String BAD_FAULT = "testlang.fault";
    public static final String DUPLICATE_TEST = "testlang.test.duplicate";
    public static final String UNKNOWN_ALERT = "testlang.alert.unknown";
    public static final String ALERT_NOT_EVALUATED = "testlang.alert.notEvaluated";
    public static final String UNKNOWN_COLUMN = "testlang.column.unknown";
    public static final String DUPLICATE_COLUMN = "testlang.column.duplicate";
    public static final String UNUSED_COLUMN = "testlang.column.unused";
    public static final String ROW_CELLS = "testlang.row.cells";
    public static final String NO_ROWS = "testlang.examples.empty";
    public static final String FAULT_START_PAST = "testlang.fault.startPast";

    private static final SequencePackage SEQ = SequencePackage.eINSTANCE;

    @Inject
    private SuiteModels suiteModels;

    @Check(CheckType.FAST)
    public void checkModel(Suite suite) {
        SuiteModels.Lookup lookup = suiteModels.modelOf(suite);
        if (lookup.model() == null) {
            error(lookup.problem(), SEQ.getSuite_Model(), MODEL_NOT_FOUND);
        }
    }

    @Check(CheckType.FAST)
    public void checkTestNamesUnique(Suite suite) {
        Set<String> seen = new HashSet<>();
        for (TestCase test : suite.getTests()) {
            if (test.getName() != null && !seen.add(test.getName())) {
                error("duplicate test name '" + test.getName() + "'", test, SEQ.getTestCase_Name(), DUPLICATE_TEST);
            }
        }
    }

    /** Every unit must be one TwinUnits understands (a number without unit is in the port's unit). */
    @Check(CheckType.FAST)
    public void checkUnitKnown(Quantity quantity) {
        if (quantity.getUnit() != null && TwinUnits.parse(quantity.getUnit()).isEmpty()) {
            error("unknown unit '" + quantity.getUnit() + "'", quantity, SEQ.getQuantity_Unit(), UNKNOWN_UNIT);
        }
    }

    /** Unknown names are linking errors (see TestLangLinkingDiagnostics); here: a component where a port is needed. */
    @Check(CheckType.FAST)
    public void checkPortNamed(PortRef ref) {
        Component component = ref.getComponent();
        if (component == null || component.eIsProxy() || ref.getPort() != null
                || ref.eContainer() instanceof InjectFaultStatement || ref.eContainer() instanceof ClearFaultStatement) {
            return;
        }
        List<String> portNames = component.getPorts().stream().map(Port::getName).toList();
        error("'" + component.getName() + "' is a component; name one of its ports: " + component.getName()
                + ".<" + String.join("|", portNames) + ">", ref, SEQ.getPortRef_Component(), PORT_NEEDED);
    }

    @Check(CheckType.FAST)
    public void checkSet(SetStatement set) {
        Port port = portOf(set.getPort());
        if (port == null) {
            return;
        }
        checkWritable(port, set.getPort(), "set");
        checkValueFitsPort(set.getValue(), port, set.getPort());
    }

    @Check(CheckType.FAST)
    public void checkRamp(RampStatement ramp) {
        checkDuration(ramp.getDuration(), "ramp duration");
        Port port = portOf(ramp.getPort());
        if (port == null) {
            return;
        }
        checkWritable(port, ramp.getPort(), "ramp");
        if (port.getDataType() == DataType.BOOLEAN || port.getDataType() == DataType.STRING) {
            error("'" + name(ramp.getPort()) + "' is a " + port.getDataType().getLiteral()
                    + " port; ramp needs a numeric one", ramp, SEQ.getRampStatement_Port(), VALUE_TYPE);
            return;
        }
        checkValueFitsPort(ramp.getValue(), port, ramp.getPort());
    }

    @Check(CheckType.FAST)
    public void checkWait(WaitStatement wait) {
        checkDuration(wait.getDuration(), "wait");
    }

    @Check(CheckType.FAST)
    public void checkTimeout(TestCase test) {
        if (test.getTimeout() != null && checkDuration(test.getTimeout(), "timeout")
                && test.getTimeout().getColumn() == null && test.getTimeout().getValue() == 0) {
            error("timeout must be longer than 0 s", test.getTimeout(), SEQ.getQuantity_Value(), BAD_DURATION);
        }
    }

    @Check(CheckType.FAST)
    public void checkWithin(Within within) {
        checkDuration(within.getDuration(), "within");
    }

    @Check(CheckType.FAST)
    public void checkHoldsFor(HoldsFor holdsFor) {
        checkDuration(holdsFor.getDuration(), "for");
    }

    @Check(CheckType.FAST)
    public void checkExpect(ExpectStatement expect) {
        Quantity tolerance = expect.getTolerance();
        if (tolerance != null) {
            if (tolerance.getColumn() == null && tolerance.getValue() < 0) {
                error("negative tolerance " + format(tolerance), tolerance, SEQ.getQuantity_Value(), BAD_TOLERANCE);
            }
            if (expect.getOperator() != ComparisonOperator.EQ && expect.getOperator() != ComparisonOperator.NE) {
                error("a tolerance applies only to == and !=", expect, SEQ.getExpectStatement_Tolerance(),
                        BAD_TOLERANCE);
            }
        }
        Port port = portOf(expect.getPort());
        if (port == null) {
            return;
        }
        checkValueFitsPort(expect.getValue(), port, expect.getPort());
        if (port.getDataType() == DataType.BOOLEAN && expect.getOperator() != ComparisonOperator.EQ
                && expect.getOperator() != ComparisonOperator.NE) {
            error("'" + name(expect.getPort()) + "' is a boolean port; compare it with == or !=", expect,
                    SEQ.getExpectStatement_Operator(), VALUE_TYPE);
        } else if (port.getDataType() == DataType.BOOLEAN && tolerance != null) {
            error("a tolerance does not apply to the boolean port '" + name(expect.getPort()) + "'", expect,
                    SEQ.getExpectStatement_Tolerance(), BAD_TOLERANCE);
        } else if (tolerance != null) {
            for (Use use : uses(tolerance)) {
                if (use.value() instanceof Quantity cell && cell.getValue() < 0 && !use.prefix().isEmpty()) {
                    error(use.prefix() + "negative tolerance " + format(cell), cell, SEQ.getQuantity_Value(),
                            BAD_TOLERANCE);
                } else if (use.value() instanceof Quantity cell && !"%".equals(cell.getUnit())) {
                    checkUnitFitsPort(cell, port, expect.getPort(), use.prefix());
                } else if (!(use.value() instanceof Quantity)) {
                    error(use.prefix() + "a tolerance is a number, not " + DataTablesText.of(use.value()),
                            use.value(), null, BAD_TOLERANCE);
                }
            }
        }
    }

    @Check(CheckType.FAST)
    public void checkFault(InjectFaultStatement fault) {
        if (fault.getAt() != null && checkDuration(fault.getAt(), "fault start ('at')")
                && fault.getAt().getColumn() == null) {
            checkFaultStartNotPast(fault);
        }
        if (fault.getAfter() != null) {
            checkDuration(fault.getAfter(), "fault start ('after')");
        }
        if (fault.getDuration() != null) {
            checkDuration(fault.getDuration(), "fault duration ('for')");
        }
        FaultKind kind = fault.getKind();
        PortRef target = fault.getTarget();
        Quantity value = fault.getValue();
        if (kind == FaultKind.FAIL && target.getPort() != null) {
            error("'fail' stops a whole component: write 'inject fault " + componentName(target) + " fail' (use stuck "
                    + "or dropout on a port)", fault, SEQ.getInjectFaultStatement_Target(), BAD_FAULT);
            return;
        }
        boolean needsValue = kind == FaultKind.STUCK || kind == FaultKind.OFFSET || kind == FaultKind.DRIFT
                || kind == FaultKind.NOISE;
        if (needsValue && value == null) {
            error("'" + kind.getLiteral() + "' needs a value, e.g. 'inject fault " + name(target) + " "
                    + kind.getLiteral() + " 5'", fault, SEQ.getInjectFaultStatement_Kind(), BAD_FAULT);
            return;
        }
        if (value == null || value.getColumn() != null) {
            if (value != null && port(target) != null) {
                checkUnitFitsPort(value, port(target), target);
            }
            return;
        }
        if (kind == FaultKind.DROPOUT) {
            double probability = "%".equals(value.getUnit()) ? value.getValue() / 100 : value.getValue();
            if ((value.getUnit() != null && !"%".equals(value.getUnit())) || probability < 0 || probability > 1) {
                error("a dropout's value is its probability per step: 0..1 or 0..100 %", value,
                        SEQ.getQuantity_Value(), BAD_FAULT);
            }
            return;
        }
        if (kind == FaultKind.NOISE && value.getValue() < 0) {
            error("negative noise standard deviation " + format(value), value, SEQ.getQuantity_Value(), BAD_FAULT);
        }
        Port port = portOf(target);
        if (port != null) {
            checkUnitFitsPort(value, port, target);
        }
    }

    /**
     * 'at T' is test time: an error when the statements before it in its block take longer than T for sure (waits and
     * 'for' windows; 'within' may end early and counts nothing).
     */
    private void checkFaultStartNotPast(InjectFaultStatement fault) {
        if (!(fault.eContainer() instanceof TestCase || fault.eContainer() instanceof Setup
                || fault.eContainer() instanceof Teardown)) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Statement> block = (List<Statement>) fault.eContainer().eGet(fault.eContainingFeature());
        double elapsed = 0;
        for (Statement s : block) {
            if (s == fault) {
                break;
            }
            Quantity d = s instanceof WaitStatement w ? w.getDuration()
                    : s instanceof ExpectStatement e && e.getTiming() instanceof HoldsFor f ? f.getDuration()
                    : s instanceof ExpectAlertStatement a && a.getTiming() instanceof HoldsFor f ? f.getDuration()
                    : null;
            Double seconds = literalSeconds(d);
            if (seconds != null) {
                elapsed += seconds;
            }
        }
        Double at = literalSeconds(fault.getAt());
        if (at != null && at < elapsed - 1e-9) {
            error("fault start 'at " + format(fault.getAt()) + "' is test time and already past here: the statements "
                    + "before it take at least " + formatSeconds(elapsed) + "; write 'after …' for a time from now",
                    fault, SEQ.getInjectFaultStatement_At(), FAULT_START_PAST);
        }
    }

    private static Double literalSeconds(Quantity q) {
        if (q == null || q.getColumn() != null || q.getUnit() == null || !TwinUnits.compatible(q.getUnit(), "s")) {
            return null;
        }
        return TwinUnits.convert(q.getValue(), q.getUnit(), "s");
    }

    private static String formatSeconds(double s) {
        return (s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s)) + " s";
    }

    @Check(CheckType.FAST)
    public void checkExpectAlert(ExpectAlertStatement expect) {
        AlertRule rule = expect.getAlert();
        if (rule == null || rule.eIsProxy()) {
            return;
        }
        if (rule.getCondition() == AlertCondition.ANOMALY_SCORE_ABOVE) {
            warning("alert rule '" + rule.getName() + "' uses anomalyScoreAbove, which is not evaluated yet: it never"
                    + " raises", expect, SEQ.getExpectAlertStatement_Alert(), ALERT_NOT_EVALUATED);
        }
    }

    /** Columns unique and used, every row as many cells as columns, at least one row. */
    @Check(CheckType.FAST)
    public void checkExamples(Examples examples) {
        Set<String> seen = new HashSet<>();
        for (Column column : examples.getColumns()) {
            if (column.getName() != null && !seen.add(column.getName())) {
                error("duplicate column '" + column.getName() + "'", column, SEQ.getColumn_Name(), DUPLICATE_COLUMN);
            }
        }
        int number = 0;
        for (Row row : examples.getRows()) {
            number++;
            if (row.getCells().size() != examples.getColumns().size()) {
                error("row " + number + " has " + cells(row.getCells().size()) + " for "
                        + examples.getColumns().size() + " columns", row, null, ROW_CELLS);
            }
        }
        if (examples.getRows().isEmpty()) {
            warning("the examples table has no rows: the test does not run", examples, null, NO_ROWS);
        }
        TestCase test = (TestCase) examples.eContainer();
        Set<Column> used = new HashSet<>();
        for (Quantity q : EcoreUtil2.getAllContentsOfType(test, Quantity.class)) {
            if (q.getColumn() != null && !q.getColumn().eIsProxy()) {
                used.add(q.getColumn());
            }
        }
        for (Column column : examples.getColumns()) {
            if (!used.contains(column)) {
                warning("column '" + column.getName() + "' is not used in the test", column, SEQ.getColumn_Name(),
                        UNUSED_COLUMN);
            }
        }
    }

    private static String cells(int n) {
        return n + (n == 1 ? " cell" : " cells");
    }

    /** A value or duration as used: the quantity itself, or for a column the cell of every row. */
    private record Use(Value value, String prefix) {
    }

    private static List<Use> uses(Quantity q) {
        Column column = q.getColumn();
        if (column == null) {
            return List.of(new Use(q, ""));
        }
        if (column.eIsProxy() || !(column.eContainer() instanceof Examples examples)) {
            return List.of(); // reported as an unknown column
        }
        int index = examples.getColumns().indexOf(column);
        int line = NodeModelUtils.getNode(q) == null ? 0 : NodeModelUtils.getNode(q).getStartLine();
        List<Use> uses = new ArrayList<>();
        int number = 0;
        for (Row row : examples.getRows()) {
            number++;
            if (index < row.getCells().size()) {
                uses.add(new Use(row.getCells().get(index), "row " + number + ", column '" + column.getName() + "'"
                        + (line > 0 ? " (used on line " + line + ")" : "") + ": "));
            }
        }
        return uses;
    }

    private static Port port(PortRef ref) {
        return portOf(ref);
    }

    private void checkWritable(Port port, PortRef ref, String verb) {
        if (port.getDirection() == PortDirection.OUT) {
            error("'" + name(ref) + "' is an output port; " + verb + " writes input ports only", ref,
                    SEQ.getPortRef_Port(), WRITE_TO_OUTPUT);
        }
    }

    private void checkValueFitsPort(Value value, Port port, PortRef ref) {
        if (value instanceof Quantity q && q.getColumn() != null) {
            for (Use use : uses(q)) {
                checkValueFitsPort(use.value(), port, ref, use.prefix());
            }
            return;
        }
        checkValueFitsPort(value, port, ref, "");
    }

    private void checkValueFitsPort(Value value, Port port, PortRef ref, String prefix) {
        boolean booleanPort = port.getDataType() == DataType.BOOLEAN;
        if (port.getDataType() == DataType.STRING) {
            error(prefix + "'" + name(ref) + "' is a string port; test sequences set and compare numbers and booleans"
                    + " only", value, null, VALUE_TYPE);
        } else if (value instanceof BooleanValue) {
            if (!booleanPort) {
                error(prefix + "'" + name(ref) + "' is a " + port.getDataType().getLiteral()
                        + " port; expected a number", value, null, VALUE_TYPE);
            }
        } else if (value instanceof Quantity quantity) {
            if (booleanPort) {
                error(prefix + "'" + name(ref) + "' is a boolean port; expected true or false", quantity, null,
                        VALUE_TYPE);
            } else {
                checkUnitFitsPort(quantity, port, ref, prefix);
            }
        }
    }

    /** A quantity's unit (if any, and known) must convert to the port's unit; for a column, every row's. */
    private void checkUnitFitsPort(Quantity quantity, Port port, PortRef ref) {
        if (quantity.getColumn() != null) {
            for (Use use : uses(quantity)) {
                if (use.value() instanceof Quantity cell) {
                    checkUnitFitsPort(cell, port, ref, use.prefix());
                } else {
                    error(use.prefix() + "expected a number for '" + name(ref) + "', not "
                            + DataTablesText.of(use.value()), use.value(), null, VALUE_TYPE);
                }
            }
            return;
        }
        checkUnitFitsPort(quantity, port, ref, "");
    }

    private void checkUnitFitsPort(Quantity quantity, Port port, PortRef ref, String prefix) {
        String unit = quantity.getUnit();
        if (unit == null || TwinUnits.parse(unit).isEmpty()) {
            return;
        }
        String portUnit = port.getUnit() == null ? "" : port.getUnit();
        if (!TwinUnits.compatible(unit, portUnit)) {
            error(prefix + "unit '" + unit + "' does not fit the port '" + name(ref) + "' ["
                    + (portUnit.isBlank() ? "dimensionless" : portUnit) + "]", quantity, SEQ.getQuantity_Unit(),
                    UNIT_MISMATCH);
        }
    }

    /** A duration is a non-negative time with a time unit; true if it is one (for a column: in every row). */
    private boolean checkDuration(Quantity duration, String what) {
        return checkDuration(duration, what, "");
    }

    private boolean checkDuration(Quantity duration, String what, String prefix) {
        if (duration == null) {
            return false;
        }
        if (duration.getColumn() != null) {
            boolean all = true;
            for (Use use : uses(duration)) {
                if (use.value() instanceof Quantity cell) {
                    all &= checkDuration(cell, what, use.prefix());
                } else {
                    error(use.prefix() + what + " needs a time, not " + DataTablesText.of(use.value()), use.value(),
                            null, BAD_DURATION);
                    all = false;
                }
            }
            return all;
        }
        if (duration.getUnit() == null) {
            error(prefix + what + " needs a time unit (ms, s, min, h)", duration, SEQ.getQuantity_Value(), BAD_DURATION);
            return false;
        }
        if (TwinUnits.parse(duration.getUnit()).isEmpty()) {
            return false; // reported as unknown unit
        }
        if (!TwinUnits.compatible(duration.getUnit(), "s")) {
            error(prefix + what + " needs a time unit (ms, s, min, h), not '" + duration.getUnit() + "'", duration,
                    SEQ.getQuantity_Unit(), BAD_DURATION);
            return false;
        }
        if (duration.getValue() < 0) {
            error(prefix + "negative " + what + " " + format(duration), duration, SEQ.getQuantity_Value(), BAD_DURATION);
            return false;
        }
        return true;
    }

    /** The port a reference names, or null if it names none or does not resolve (reported as a linking error). */
    private static Port portOf(PortRef ref) {
        Port port = ref == null ? null : ref.getPort();
        return port == null || port.eIsProxy() ? null : port;
    }

    /** The component name as written. */
    private static String componentName(PortRef ref) {
        return NodeModelUtils.findNodesForFeature(ref, SEQ.getPortRef_Component()).stream().findFirst()
                .map(NodeModelUtils::getTokenText).orElse("");
    }

    /** The reference as written. */
    private static String name(PortRef ref) {
        return NodeModelUtils.getTokenText(NodeModelUtils.getNode(ref));
    }

    private static String format(Quantity q) {
        String number = q.getValue() == Math.rint(q.getValue()) && Math.abs(q.getValue()) < 1e15
                ? Long.toString((long) q.getValue()) : Double.toString(q.getValue());
        return q.getUnit() == null ? number : number + " " + q.getUnit();
    }
}
