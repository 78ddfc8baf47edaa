package org.twinstudio.testlang.parser;

import java.util.regex.Pattern;

import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;

/**
 * Syntax errors in the words of the language instead of the parser's token names: "expecting a name" rather than
 * "expecting RULE_ID". Where the error is (line, column) comes from the parser.
 */
public class TestLangSyntaxErrorMessages extends SyntaxErrorMessageProvider {

    private static final Pattern EOF = Pattern.compile("\\bEOF\\b|<EOF>");

    @Override
    public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
        SyntaxErrorMessage message = super.getSyntaxErrorMessage(context);
        return new SyntaxErrorMessage(readable(message.getMessage()), message.getIssueCode(),
                message.getIssueData());
    }

    static String readable(String message) {
        if (message == null) {
            return null;
        }
        String text = message.replace("RULE_ID", "a name")
                .replace("RULE_STRING", "a quoted text")
                .replace("RULE_INT", "a number")
                .replace("RULE_DECIMAL", "a number");
        return EOF.matcher(text).replaceAll("the end of the file");
    }
}
