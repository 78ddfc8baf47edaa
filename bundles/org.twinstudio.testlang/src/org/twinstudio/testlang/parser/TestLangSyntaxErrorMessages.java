package org.twinstudio.testlang.parser;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.antlr.runtime.NoViableAltException;
import org.antlr.runtime.RecognitionException;
import org.antlr.runtime.Token;
import org.antlr.runtime.TokenStream;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;
import org.twinstudio.testlang.validation.Suggestions;

/**
 * Syntax errors in the words of the language instead of the parser's token names: "expecting a name" rather than
 * "expecting RULE_ID", "missing '}' at the end of the file", "expected a duration after 'wait' (e.g. 10 s)", and a
 * "did you mean" for a misspelt keyword ("unknown word 'expekt' (did you mean 'expect'?)"). Where the error is
 * (line, column) comes from the parser.
 */
public class TestLangSyntaxErrorMessages extends SyntaxErrorMessageProvider {

    private static final Pattern EOF = Pattern.compile("\\bEOF\\b|<EOF>");
    private static final Pattern MISSING_AT_END = Pattern
            .compile("mismatched input 'the end of the file' expecting (.+)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_][a-zA-Z_0-9]*");

    /** The words of the language a misspelling is compared with. */
    static final List<String> KEYWORDS = List.of("suite", "model", "setup", "teardown", "test", "tags", "timeout",
            "examples", "set", "ramp", "to", "over", "wait", "expect", "alert", "raised", "cleared", "within", "for",
            "always", "never", "inject", "fault", "at", "after", "clear", "log", "stuck", "offset", "drift", "noise",
            "dropout", "fail", "true", "false");
    private static final Set<String> DURATION_BEFORE = Set.of("wait", "within", "for", "over", "at", "after",
            "timeout");
    private static final Set<String> VALUE_BEFORE = Set.of("=", "==", "!=", "<", "<=", ">", ">=", "to", "±", "+/-");

    @Override
    public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
        SyntaxErrorMessage message = super.getSyntaxErrorMessage(context);
        String text = readable(message.getMessage());
        RecognitionException e = context.getRecognitionException();
        if (e != null && e.token != null && e.token.getType() != Token.EOF) {
            String offending = e.token.getText();
            String previous = previousToken(e);
            String keyword = offending != null && IDENTIFIER.matcher(offending).matches()
                    && !KEYWORDS.contains(offending) ? Suggestions.closestOf(offending, KEYWORDS) : null;
            if (keyword != null) {
                text = "unknown word '" + offending + "' (did you mean '" + keyword + "'?)";
            } else if (e instanceof NoViableAltException && previous != null && DURATION_BEFORE.contains(previous)) {
                text = "expected a duration after '" + previous + "' (e.g. 10 s), not '" + offending + "'";
            } else if (e instanceof NoViableAltException && previous != null && VALUE_BEFORE.contains(previous)) {
                text = "expected a value after '" + previous + "' (a number with its unit such as 60 degC, true or"
                        + " false, or a column name), not '" + offending + "'";
            }
        }
        return new SyntaxErrorMessage(text, message.getIssueCode(), message.getIssueData());
    }

    /** The token before the offending one (comments and whitespace skipped), or null. */
    private static String previousToken(RecognitionException e) {
        if (!(e.input instanceof TokenStream tokens)) {
            return null;
        }
        for (int i = e.token.getTokenIndex() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                return t.getText();
            }
        }
        return null;
    }

    static String readable(String message) {
        if (message == null) {
            return null;
        }
        String text = message.replace("RULE_ID", "a name")
                .replace("RULE_STRING", "a quoted text")
                .replace("RULE_INT", "a number")
                .replace("RULE_DECIMAL", "a number");
        text = EOF.matcher(text).replaceAll("the end of the file");
        Matcher m = MISSING_AT_END.matcher(text);
        if (m.matches()) {
            text = "missing " + m.group(1) + " at the end of the file";
        }
        return text;
    }
}
