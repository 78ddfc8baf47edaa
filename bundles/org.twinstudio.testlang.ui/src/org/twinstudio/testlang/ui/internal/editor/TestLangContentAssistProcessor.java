package org.twinstudio.testlang.ui.internal.editor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.eclipse.emf.common.util.URI;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.contentassist.antlr.ContentAssistContextFactory;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.TextRegion;

import com.google.inject.Injector;

/**
 * Content assist through the language's IDE services ({@code org.twinstudio.testlang.ide}): keywords, the names of the
 * model's components and, after {@code component.}, of its ports; plus the units that fit where a unit may follow a
 * number. Names come first, then units, then keywords.
 */
public final class TestLangContentAssistProcessor implements IContentAssistProcessor {

    /** One proposal: what replaces the typed prefix, and what kind of thing it is. */
    public record Proposal(String replacement, int prefixLength, String label, Kind kind) {
    }

    public enum Kind {
        NAME, UNIT, KEYWORD
    }

    private final Supplier<URI> suiteUri;
    private String error;

    public TestLangContentAssistProcessor(Supplier<URI> suiteUri) {
        this.suiteUri = suiteUri;
    }

    /** The proposals at {@code offset} of {@code text}, sorted as shown. */
    public List<Proposal> proposals(String text, int offset) {
        Injector injector = TestLangServices.injector();
        XtextResource resource = TestLangServices.parse(text, suiteUri.get());
        ContentAssistContextFactory factory = injector.getInstance(ContentAssistContextFactory.class);
        factory.setPool(TestLangServices.pool());
        ContentAssistContext[] contexts = factory.create(text, new TextRegion(offset, 0), offset, resource);
        IdeContentProposalAcceptor acceptor = injector.getInstance(IdeContentProposalAcceptor.class);
        injector.getInstance(IdeContentProposalProvider.class).createProposals(Arrays.asList(contexts), acceptor);

        Map<String, Proposal> byText = new LinkedHashMap<>();
        for (ContentAssistEntry entry : acceptor.getEntries()) {
            String entryPrefix = entry.getPrefix() == null ? "" : entry.getPrefix();
            Kind kind = ContentAssistEntry.KIND_KEYWORD.equals(entry.getKind()) ? Kind.KEYWORD : Kind.NAME;
            String label = entry.getLabel() != null ? entry.getLabel() : entry.getProposal();
            if (entry.getDescription() != null && !entry.getDescription().isBlank()) {
                label = label + " - " + entry.getDescription();
            }
            byText.putIfAbsent(kind + entry.getProposal(),
                    new Proposal(entry.getProposal(), entryPrefix.length(), label, kind));
        }
        String typed = wordBefore(text, offset);
        for (String unit : UnitProposals.at(resource, text, offset, typed.length())) {
            if (unit.startsWith(typed) && !unit.equals(typed)) {
                byText.putIfAbsent(Kind.UNIT + unit, new Proposal(unit, typed.length(), unit + " - unit", Kind.UNIT));
            }
        }
        // while a word is being typed, only what completes that word ("tank.lev": level, not '=' after it), and
        // nothing that is already there in full
        boolean inWord = offset > 0 && (Character.isLetterOrDigit(text.charAt(offset - 1)) || text.charAt(offset - 1) == '_');
        List<Proposal> sorted = new ArrayList<>(byText.values().stream()
                .filter(p -> !(inWord && p.prefixLength() == 0))
                .filter(p -> !p.replacement().equals(text.substring(offset - p.prefixLength(), offset)))
                .toList());
        sorted.sort(Comparator.comparing(Proposal::kind)
                .thenComparing(p -> p.kind() == Kind.UNIT ? "" : p.replacement().toLowerCase()));
        return sorted;
    }

    /** The letters, digits and unit characters just before {@code offset}: what a unit proposal replaces. */
    private static String wordBefore(String text, int offset) {
        int start = offset;
        while (start > 0) {
            char c = text.charAt(start - 1);
            if (!(Character.isLetterOrDigit(c) || c == '/' || c == '_' || c == '%')) {
                break;
            }
            start--;
        }
        String word = text.substring(start, offset);
        return !word.isEmpty() && Character.isDigit(word.charAt(0)) ? "" : word;
    }

    @Override
    public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
        error = null;
        try {
            List<Proposal> proposals = proposals(viewer.getDocument().get(), offset);
            ICompletionProposal[] result = new ICompletionProposal[proposals.size()];
            for (int i = 0; i < result.length; i++) {
                Proposal proposal = proposals.get(i);
                int start = offset - proposal.prefixLength();
                result[i] = new CompletionProposal(proposal.replacement(), start, proposal.prefixLength(),
                        proposal.replacement().length(), null, proposal.label(), null, null);
            }
            return result;
        } catch (RuntimeException e) {
            error = "Content assist failed: " + e.getMessage();
            return new ICompletionProposal[0];
        }
    }

    @Override
    public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
        return null;
    }

    @Override
    public char[] getCompletionProposalAutoActivationCharacters() {
        return new char[] { '.' };
    }

    @Override
    public char[] getContextInformationAutoActivationCharacters() {
        return null;
    }

    @Override
    public String getErrorMessage() {
        return error;
    }

    @Override
    public IContextInformationValidator getContextInformationValidator() {
        return null;
    }
}
