package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.contentassist.antlr.ContentAssistContextFactory;
import org.eclipse.xtext.resource.IResourceFactory;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.TextRegion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.twinstudio.testlang.ide.TestLangIdeSetup;

import com.google.inject.Injector;

/** Content assist of the IDE services (org.twinstudio.testlang.ide) proposes the names of the suite's model. */
class ContentAssistTest {

    private static Injector injector;
    private static ExecutorService pool;

    @BeforeAll
    static void setUp() {
        injector = new TestLangIdeSetup().createInjectorAndDoEMFRegistration();
        pool = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    /**
     * The name proposals at the end of {@code text} (a suite next to heating-line.twin), as they would be inserted;
     * keyword proposals are left out.
     */
    private static List<String> proposalsAtEnd(String text) throws Exception {
        return proposalsAt(text, text.length());
    }

    /** The name proposals at {@code offset} of {@code text}. */
    private static List<String> proposalsAt(String text, int offset) throws Exception {
        XtextResourceSet resourceSet = injector.getInstance(XtextResourceSet.class);
        XtextResource resource = (XtextResource) injector.getInstance(IResourceFactory.class)
                .createResource(URI.createFileURI(ValidationTest.EXAMPLE.resolve("assist.twintest").toString()));
        resourceSet.getResources().add(resource);
        resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
        ContentAssistContextFactory factory = injector.getInstance(ContentAssistContextFactory.class);
        factory.setPool(pool);
        ContentAssistContext[] contexts = factory.create(text, new TextRegion(offset, 0), offset, resource);
        IdeContentProposalAcceptor acceptor = injector.getInstance(IdeContentProposalAcceptor.class);
        injector.getInstance(IdeContentProposalProvider.class).createProposals(Arrays.asList(contexts), acceptor);
        List<String> proposals = new ArrayList<>();
        for (ContentAssistEntry entry : acceptor.getEntries()) {
            if (!ContentAssistEntry.KIND_KEYWORD.equals(entry.getKind())) {
                proposals.add(entry.getProposal());
            }
        }
        return proposals.stream().sorted().toList();
    }

    @Test
    void proposesThePortsOfTheNamedComponent() throws Exception {
        assertEquals(List.of("heatInput", "inflow", "inflowTemperature", "level", "outflow", "temperature"),
                proposalsAtEnd("suite \"s\" model \"heating-line.twin\"\ntest \"t\" {\n    set tank."));
    }

    @Test
    void proposesTheComponentsOfTheModel() throws Exception {
        assertEquals(List.of("controller", "heater", "inletValve", "sensorL", "sensorT", "tank"),
                proposalsAtEnd("suite \"s\" model \"heating-line.twin\"\ntest \"t\" {\n    expect "));
    }

    @Test
    void proposesTheAlertRulesOfTheModel() throws Exception {
        assertEquals(List.of("heatingRate", "lowLevel", "overtemp"),
                proposalsAtEnd("suite \"s\" model \"heating-line.twin\"\ntest \"t\" {\n    expect alert "));
    }

    @Test
    void proposesTheColumnsOfTheTestsTable() throws Exception {
        String text = "suite \"s\" model \"heating-line.twin\"\ntest \"t\" {\n    wait \n} examples {\n"
                + "    | pause | limit |\n    | 1 s   | 2 s   |\n}\n";
        int at = text.indexOf("wait ") + 5;
        assertEquals(List.of("limit", "pause"), proposalsAt(text, at));
    }
}
