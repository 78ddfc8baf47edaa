package org.twinstudio.testlang.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.twinstudio.testlang.sequence.BooleanValue;
import org.twinstudio.testlang.sequence.Column;
import org.twinstudio.testlang.sequence.Examples;
import org.twinstudio.testlang.sequence.Quantity;
import org.twinstudio.testlang.sequence.Row;
import org.twinstudio.testlang.sequence.TestCase;
import org.twinstudio.testlang.sequence.Value;

/**
 * Turns a test with an {@code examples} table into one test case per row: a copy of the test in which every column
 * name stands replaced by that row's cell, named {@code name [column=cell, …]} with the cells as written. A test
 * without a table is one case as it is. A row that cannot be applied (wrong number of cells, a boolean where a
 * number is needed, an unknown column) becomes a case with an error instead of a test.
 */
public final class DataTables {

    /** One run of a test: the test to run, or the reason it cannot run. */
    public record Case(String name, TestCase test, String error) {
    }

    private DataTables() {
    }

    public static List<Case> cases(TestCase test) {
        Examples examples = test.getExamples();
        if (examples == null) {
            return List.of(new Case(test.getName(), test, null));
        }
        if (examples.getRows().isEmpty()) {
            return List.of(new Case(test.getName(), null, "the examples table has no rows"));
        }
        List<String> columns = examples.getColumns().stream().map(Column::getName).toList();
        List<Case> cases = new ArrayList<>();
        int number = 0;
        for (Row row : examples.getRows()) {
            number++;
            String name = rowName(test.getName(), columns, row);
            if (row.getCells().size() != columns.size()) {
                int n = row.getCells().size();
                cases.add(new Case(name, null, "examples row " + number + " has " + n + (n == 1 ? " cell" : " cells")
                        + " for " + columns.size() + " columns"));
                continue;
            }
            try {
                cases.add(new Case(name, apply(test, columns, row, number, name), null));
            } catch (IllegalArgumentException e) {
                cases.add(new Case(name, null, e.getMessage()));
            }
        }
        return cases;
    }

    /** {@code name [a=1 s, b=true]}, the cells as written. */
    public static String rowName(String testName, List<String> columns, Row row) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < row.getCells().size(); i++) {
            String column = i < columns.size() ? columns.get(i) : "?";
            parts.add(column + "=" + cellText(row.getCells().get(i)));
        }
        return testName + " [" + String.join(", ", parts) + "]";
    }

    /** A cell as written in the file, or formatted when it has no text. */
    public static String cellText(Value cell) {
        ICompositeNode node = NodeModelUtils.getNode(cell);
        if (node != null) {
            return NodeModelUtils.getTokenText(node).replaceAll("\\s+", " ");
        }
        if (cell instanceof BooleanValue b) {
            return Boolean.toString(b.isValue());
        }
        Quantity q = (Quantity) cell;
        String number = q.getValue() == Math.rint(q.getValue()) && Math.abs(q.getValue()) < 1e15
                ? Long.toString((long) q.getValue()) : Double.toString(q.getValue());
        return q.getUnit() == null ? number : number + " " + q.getUnit();
    }

    private static TestCase apply(TestCase test, List<String> columns, Row row, int number, String name) {
        TestCase copy = EcoreUtil.copy(test);
        copy.setName(name);
        copy.setExamples(null);
        List<Quantity> references = EcoreUtil2.getAllContentsOfType(copy, Quantity.class).stream()
                .filter(q -> q.getColumn() != null).collect(Collectors.toList());
        for (Quantity q : references) {
            Column column = q.getColumn();
            int index = column.eIsProxy() || column.getName() == null ? -1 : columns.indexOf(column.getName());
            if (index < 0) {
                throw new IllegalArgumentException("unknown column in the examples table (columns: "
                        + String.join(", ", columns) + ")");
            }
            Value cell = EcoreUtil.copy(row.getCells().get(index));
            EReference feature = q.eContainmentFeature();
            if (!feature.getEType().isInstance(cell)) {
                throw new IllegalArgumentException("examples row " + number + ", column '" + columns.get(index)
                        + "': " + cellText(row.getCells().get(index)) + " where a number is needed");
            }
            EObject container = q.eContainer();
            if (feature.isMany()) {
                EcoreUtil.replace(q, cell);
            } else {
                container.eSet(feature, cell);
            }
        }
        return copy;
    }
}
