package org.twinstudio.testlang.conversion;

import org.eclipse.xtext.common.services.DefaultTerminalConverters;
import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;
import org.eclipse.xtext.conversion.ValueConverterException;
import org.eclipse.xtext.nodemodel.INode;

/** Numbers of the language: {@code 12}, {@code -0.5}, {@code 1.5e3} as doubles; written back without a trailing ".0". */
public class TestLangValueConverters extends DefaultTerminalConverters {

    private final IValueConverter<Double> number = new IValueConverter<>() {

        @Override
        public Double toValue(String text, INode node) {
            String compact = text == null ? "" : text.replaceAll("\\s", "");
            if (compact.isEmpty() || "-".equals(compact)) {
                throw new ValueConverterException("expected a number", node, null); // the parser skipped it
            }
            try {
                return Double.valueOf(compact);
            } catch (NumberFormatException e) {
                throw new ValueConverterException("'" + text + "' is not a number", node, e);
            }
        }

        @Override
        public String toString(Double value) {
            if (value == null) {
                throw new ValueConverterException("no number", null, null);
            }
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString(value.longValue())
                    : value.toString();
        }
    };

    @ValueConverter(rule = "Number")
    public IValueConverter<Double> Number() {
        return number;
    }
}
