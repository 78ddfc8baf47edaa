package org.twinstudio.testlang.formatting;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.resource.XtextResource;

import com.google.inject.Inject;
import com.google.inject.Provider;

/** Formats a whole .twintest resource to its canonical text ({@link TestLangFormatter}); for editors and tools. */
public class TestLangFormatting {

    @Inject
    private IFormatter2 formatter;
    @Inject
    private Provider<FormatterRequest> requests;
    @Inject
    private Provider<TextRegionAccessBuilder> regionAccess;

    /**
     * The canonical text of the resource.
     *
     * @throws IllegalArgumentException if the file has syntax errors (listed with line:column)
     */
    public String format(XtextResource resource) {
        if (resource.getParseResult() != null && resource.getParseResult().hasSyntaxErrors()) {
            String list = resource.getErrors().stream().map(d -> d.getLine() + ":" + d.getColumn() + ": "
                    + d.getMessage()).collect(Collectors.joining("; "));
            throw new IllegalArgumentException("cannot format a file with syntax errors: " + list);
        }
        ITextRegionAccess access = regionAccess.get().forNodeModel(resource).create();
        FormatterRequest request = requests.get();
        request.setTextRegionAccess(access);
        List<ITextReplacement> replacements = formatter.format(request);
        return access.getRewriter().renderToString(replacements);
    }
}
