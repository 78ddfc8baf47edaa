package org.twinstudio.testlang.validation;

import org.twinstudio.testlang.runner.DataTables;
import org.twinstudio.testlang.sequence.Value;

/** A table cell as written, for messages. */
final class DataTablesText {

    private DataTablesText() {
    }

    static String of(Value cell) {
        return "'" + DataTables.cellText(cell) + "'";
    }
}
