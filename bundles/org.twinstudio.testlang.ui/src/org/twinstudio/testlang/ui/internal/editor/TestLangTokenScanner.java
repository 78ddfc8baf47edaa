package org.twinstudio.testlang.ui.internal.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.CommonToken;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.ITokenScanner;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.xtext.parser.antlr.ITokenDefProvider;
import org.eclipse.xtext.parser.antlr.Lexer;

/**
 * Colours .twintest text token by token with the language's own generated lexer: keywords, strings, numbers, units
 * (a name or {@code %} right after a number, and {@code /name} continuing it), comments. Whatever the grammar's
 * keywords are, the lexer knows them; nothing here lists them.
 */
public final class TestLangTokenScanner implements ITokenScanner {

    /** A classified token: [offset, offset+length) in the document. */
    public record Span(int offset, int length, TokenStyles style) {
    }

    private final Map<Integer, String> tokenNames;
    private List<Span> spans = List.of();
    private int next;
    private Span current;

    public TestLangTokenScanner() {
        this.tokenNames = TestLangServices.injector().getInstance(ITokenDefProvider.class).getTokenDefMap();
    }

    /** Classifies every token of {@code text}; offsets are shifted by {@code base}. */
    public List<Span> scan(String text, int base) {
        Lexer lexer = TestLangServices.lexer();
        lexer.setCharStream(new ANTLRStringStream(text));
        List<Span> result = new ArrayList<>();
        TokenStyles previous = null; // the style of the previous non-blank token
        boolean previousWasSlash = false;
        int end = 0; // the presentation repairer needs the spans to cover the text without gaps
        while (true) {
            org.antlr.runtime.Token token = lexer.nextToken();
            if (token == null || token.getType() == org.antlr.runtime.Token.EOF) {
                break;
            }
            CommonToken common = (CommonToken) token;
            int start = common.getStartIndex();
            int length = common.getStopIndex() - start + 1;
            if (length <= 0 || start < end) {
                continue;
            }
            if (start > end) {
                result.add(new Span(base + end, start - end, TokenStyles.DEFAULT)); // skipped by the lexer
            }
            end = start + length;
            String name = tokenNames.getOrDefault(token.getType(), "");
            String text2 = token.getText();
            TokenStyles style = switch (name) {
                case "RULE_STRING" -> TokenStyles.STRING;
                case "RULE_INT", "RULE_DECIMAL" -> TokenStyles.NUMBER;
                case "RULE_SL_COMMENT", "RULE_ML_COMMENT" -> TokenStyles.COMMENT;
                case "RULE_WS" -> null;
                case "RULE_ID" -> previous == TokenStyles.NUMBER || previous == TokenStyles.UNIT && previousWasSlash
                        ? TokenStyles.UNIT : TokenStyles.DEFAULT;
                default -> {
                    if ("'%'".equals(name) && previous == TokenStyles.NUMBER) {
                        yield TokenStyles.UNIT;
                    }
                    if ("'/'".equals(name) && previous == TokenStyles.UNIT) {
                        yield TokenStyles.UNIT;
                    }
                    yield isWordKeyword(name) ? TokenStyles.KEYWORD : TokenStyles.DEFAULT;
                }
            };
            if (style == null) {
                result.add(new Span(base + start, length, TokenStyles.DEFAULT)); // whitespace: units may follow
                continue;
            }
            previousWasSlash = style == TokenStyles.UNIT && "/".equals(text2);
            if (style != TokenStyles.COMMENT) {
                previous = style;
            }
            result.add(new Span(base + start, length, style));
        }
        if (end < text.length()) {
            result.add(new Span(base + end, text.length() - end, TokenStyles.DEFAULT));
        }
        return result;
    }

    /** Keywords made of letters ({@code 'suite'}, {@code 'within'}); symbols such as {@code '{'} are not coloured. */
    private static boolean isWordKeyword(String tokenName) {
        if (tokenName.length() < 3 || tokenName.charAt(0) != '\'') {
            return false;
        }
        char first = tokenName.charAt(1);
        return Character.isLetter(first);
    }

    @Override
    public void setRange(IDocument document, int offset, int length) {
        try {
            spans = scan(document.get(offset, length), offset);
        } catch (BadLocationException e) {
            spans = List.of();
        }
        next = 0;
        current = null;
    }

    @Override
    public IToken nextToken() {
        if (next >= spans.size()) {
            current = null;
            return Token.EOF;
        }
        current = spans.get(next++);
        return current.style() == TokenStyles.DEFAULT ? Token.UNDEFINED : new Token(current.style().attribute());
    }

    @Override
    public int getTokenOffset() {
        return current == null ? 0 : current.offset();
    }

    @Override
    public int getTokenLength() {
        return current == null ? 0 : current.length();
    }
}
