package org.twinstudio.testlang.formatting;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.formatting2.AbstractFormatter2;
import org.eclipse.xtext.formatting2.FormatterPreferenceKeys;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormattableDocument;
import org.eclipse.xtext.formatting2.IHiddenRegionFormatter;
import org.eclipse.xtext.formatting2.regionaccess.IEObjectRegion;
import org.eclipse.xtext.formatting2.regionaccess.IHiddenRegion;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegion;
import org.eclipse.xtext.preferences.MapBasedPreferenceValues;
import org.eclipse.xtext.preferences.TypedPreferenceValues;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.xbase.lib.Pair;
import org.twinstudio.testlang.sequence.Column;
import org.twinstudio.testlang.sequence.Examples;
import org.twinstudio.testlang.sequence.Row;
import org.twinstudio.testlang.sequence.Setup;
import org.twinstudio.testlang.sequence.Statement;
import org.twinstudio.testlang.sequence.Suite;
import org.twinstudio.testlang.sequence.Teardown;
import org.twinstudio.testlang.sequence.TestCase;
import org.twinstudio.testlang.sequence.Value;

/**
 * The canonical layout of a .twintest file: the suite line, then setup, teardown and tests separated by one blank
 * line; one statement per line, indented by four spaces inside braces (one blank line between statements is kept);
 * tokens separated by one space, except none around '.' of {@code component.port} and '/' of a unit, none before ','
 * and none after a minus sign; {@code } examples {} on the closing brace's line, one row per line with the cells of
 * each column padded to the column's widest text. Comments stay where they are; text before {@code suite} is kept.
 */
public class TestLangFormatter extends AbstractFormatter2 {

    private static final String INDENT = "    ";
    private static final Set<String> TIGHT = Set.of(".", "/");

    @Override
    protected void initialize(FormatterRequest request) {
        Map<String, String> canonical = Map.of(FormatterPreferenceKeys.indentation.getId(), INDENT,
                FormatterPreferenceKeys.lineSeparator.getId(), "\n");
        request.setPreferences(TypedPreferenceValues.castOrWrap(
                new MapBasedPreferenceValues(request.getPreferences(), canonical)));
        super.initialize(request);
    }

    @Override
    public void format(Object obj, IFormattableDocument document) {
        if (obj instanceof XtextResource resource) {
            _format(resource, document);
        } else if (obj instanceof Suite suite) {
            formatSuite(suite, document);
        }
    }

    private void formatSuite(Suite suite, IFormattableDocument document) {
        Map<IHiddenRegion, String> padding = new HashMap<>();
        for (TestCase test : suite.getTests()) {
            if (test.getExamples() != null) {
                alignTable(test.getExamples(), padding);
            }
        }
        ISemanticRegion last = null;
        for (ISemanticRegion region : textRegionExtensions.allSemanticRegions(suite)) {
            last = region;
            IHiddenRegion gap = region.getNextHiddenRegion();
            ISemanticRegion next = gap == null ? null : gap.getNextSemanticRegion();
            if (next == null) {
                break;
            }
            String pad = padding.get(gap);
            document.set(gap, f -> between(region, next, pad, f));
        }
        for (EObject block : blocks(suite)) {
            for (Pair<ISemanticRegion, ISemanticRegion> braces : textRegionExtensions.regionFor(block)
                    .keywordPairs("{", "}")) {
                document.interior(braces, IHiddenRegionFormatter::indent);
            }
        }
        if (last != null && last.getNextHiddenRegion() != null) {
            document.set(last.getNextHiddenRegion(), f -> f.setNewLines(1));
        }
    }

    private static List<EObject> blocks(Suite suite) {
        List<EObject> blocks = new java.util.ArrayList<>();
        if (suite.getSetup() != null) {
            blocks.add(suite.getSetup());
        }
        if (suite.getTeardown() != null) {
            blocks.add(suite.getTeardown());
        }
        for (TestCase test : suite.getTests()) {
            blocks.add(test);
            if (test.getExamples() != null) {
                blocks.add(test.getExamples());
            }
        }
        return blocks;
    }

    /** The whitespace between two tokens. */
    private void between(ISemanticRegion a, ISemanticRegion b, String pad, IHiddenRegionFormatter f) {
        String left = a.getText();
        String right = b.getText();
        if (isKeyword(b, "}") || isKeyword(a, "{")) {
            f.setNewLines(1);
        } else if (startsBlock(b)) {
            f.setNewLines(2);
        } else if (startsObject(b, Statement.class)) {
            f.setNewLines(1, 1, 2);
        } else if (startsObject(b, Row.class)) {
            f.setNewLines(1);
        } else if (pad != null) {
            f.setSpace(pad);
        } else if (isKeyword(a, "-") || isKeyword(b, ",") || TIGHT.contains(left) && isKeyword(a, left)
                || TIGHT.contains(right) && isKeyword(b, right)) {
            f.noSpace();
        } else {
            f.oneSpace();
        }
    }

    private boolean startsBlock(ISemanticRegion b) {
        return startsObject(b, TestCase.class) || startsObject(b, Setup.class) || startsObject(b, Teardown.class);
    }

    /** Whether {@code region} is the first token of an object of the given type. */
    private boolean startsObject(ISemanticRegion region, Class<?> type) {
        EObject element = region.getSemanticElement();
        while (element != null && !type.isInstance(element)) {
            element = element.eContainer();
        }
        if (element == null) {
            return false;
        }
        IEObjectRegion objectRegion = textRegionExtensions.regionForEObject(element);
        return objectRegion != null && objectRegion.getPreviousHiddenRegion() != null
                && objectRegion.getPreviousHiddenRegion().getNextSemanticRegion() == region;
    }

    private static boolean isKeyword(ISemanticRegion region, String text) {
        return region.getGrammarElement() instanceof Keyword k && k.getValue().equals(text);
    }

    /** Pads the cells (and column names) of a table so that the '|' line up. */
    private void alignTable(Examples examples, Map<IHiddenRegion, String> padding) {
        int columns = examples.getColumns().size();
        int[] width = new int[columns];
        for (int i = 0; i < columns; i++) {
            width[i] = text(examples.getColumns().get(i)).length();
        }
        for (Row row : examples.getRows()) {
            for (int i = 0; i < Math.min(columns, row.getCells().size()); i++) {
                width[i] = Math.max(width[i], text(row.getCells().get(i)).length());
            }
        }
        for (int i = 0; i < columns; i++) {
            pad(examples.getColumns().get(i), width[i], padding);
        }
        for (Row row : examples.getRows()) {
            for (int i = 0; i < Math.min(columns, row.getCells().size()); i++) {
                pad(row.getCells().get(i), width[i], padding);
            }
        }
    }

    private void pad(EObject cell, int width, Map<IHiddenRegion, String> padding) {
        IEObjectRegion region = textRegionExtensions.regionForEObject(cell);
        if (region != null && region.getNextHiddenRegion() != null) {
            padding.put(region.getNextHiddenRegion(), " ".repeat(1 + width - text(cell).length()));
        }
    }

    /** A column name or cell as the formatter writes it: tokens joined by the rules of {@link #between}. */
    private String text(EObject cell) {
        if (cell instanceof Column column) {
            IEObjectRegion region = textRegionExtensions.regionForEObject(column);
            return region == null ? String.valueOf(column.getName()) : region.getText().strip();
        }
        StringBuilder text = new StringBuilder();
        ISemanticRegion previous = null;
        for (ISemanticRegion token : textRegionExtensions.allSemanticRegions((Value) cell)) {
            if (previous != null && !(isKeyword(previous, "-") || TIGHT.contains(previous.getText())
                    || TIGHT.contains(token.getText()))) {
                text.append(' ');
            }
            text.append(token.getText());
            previous = token;
        }
        return text.toString();
    }
}
