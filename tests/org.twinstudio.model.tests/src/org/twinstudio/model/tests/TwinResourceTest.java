package org.twinstudio.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.resource.TwinResource;
import org.twinstudio.model.validation.TwinDiagnostic;
import org.twinstudio.model.validation.TwinDiagnostic.Severity;

class TwinResourceTest {

    @TempDir
    Path dir;

    @Test
    void exampleLoadsWithoutFindings() {
        TwinModels.Loaded loaded = TwinModels.load(Examples.HEATING_LINE);
        assertEquals(List.of(), loaded.diagnostics().stream().filter(d -> d.severity() != Severity.INFO).toList());
        assertEquals("heating_line", loaded.model().getName());
        assertEquals(6, loaded.model().getComponents().size());
        assertEquals(6, loaded.model().getConnections().size());
        assertEquals(3, loaded.model().getEndpoints().size());
        assertEquals(5, loaded.model().getBindings().size());
        assertEquals(3, loaded.model().getAlertRules().size());
    }

    @Test
    void roundTripKeepsEverything() throws IOException {
        TwinModel original = TwinModels.load(Examples.HEATING_LINE).model();
        Path out = dir.resolve("copy.twin");
        TwinModels.save(EcoreUtil.copy(original), out);
        TwinModels.Loaded reread = TwinModels.load(out);
        assertFalse(reread.hasErrors(), reread.diagnostics()::toString);
        assertTrue(EcoreUtil.equals(original, reread.model()), "model changed in a save/load round trip");
        // Saving again gives the very same bytes: files are stable under version control.
        byte[] first = Files.readAllBytes(out);
        reread.resource().save(null);
        assertEquals(new String(first, StandardCharsets.UTF_8), Files.readString(out));
    }

    @Test
    void referencesAreWrittenAsNames() throws IOException {
        String text = Files.readString(Examples.HEATING_LINE);
        assertTrue(text.contains("source=\"controller.output\" target=\"heater.command\""), "port references by qualified name");
        assertTrue(text.contains("endpoint=\"plc\""), "endpoint references by name");
        assertFalse(text.contains("//@components"), "no index paths");
    }

    @Test
    void renamingAComponentRewritesReferencesOnSave() throws IOException {
        TwinModels.Loaded loaded = Examples.heatingLineCopy(dir);
        Examples.component(loaded.model(), "heater").setName("mainHeater");
        loaded.resource().save(null);
        String text = Files.readString(dir.resolve("heating-line.twin"));
        assertTrue(text.contains("source=\"controller.output\" target=\"mainHeater.command\""), text);
        assertFalse(TwinModels.load(dir.resolve("heating-line.twin")).hasErrors());
    }

    @Test
    void elementsKnowTheirLines() throws IOException {
        TwinModels.Loaded loaded = TwinModels.load(Examples.HEATING_LINE);
        TwinResource resource = (TwinResource) loaded.resource();
        List<String> lines = Files.readAllLines(Examples.HEATING_LINE);
        Component tank = Examples.component(loaded.model(), "tank");
        int line = resource.locationOf(tank).line();
        assertTrue(lines.get(line - 1).contains("<components name=\"tank\""), lines.get(line - 1));
        Connection last = loaded.model().getConnections().get(5);
        assertTrue(lines.get(resource.locationOf(last).line() - 1).contains("source=\"controller.output\""));
    }

    @Test
    void locationsFollowTheFileAfterASave() throws IOException {
        TwinModels.Loaded loaded = Examples.heatingLineCopy(dir);
        TwinModel model = loaded.model();
        Component added = org.twinstudio.model.types.ComponentTypeRegistry.getDefault().find("pump").orElseThrow().instantiate("feedPump");
        model.getComponents().add(0, added);
        TwinResource resource = (TwinResource) loaded.resource();
        assertNull(resource.locationOf(added));
        resource.save(null);
        List<String> lines = Files.readAllLines(dir.resolve("heating-line.twin"));
        assertTrue(lines.get(resource.locationOf(added).line() - 1).contains("name=\"feedPump\""));
        Component tank = Examples.component(model, "tank");
        assertTrue(lines.get(resource.locationOf(tank).line() - 1).contains("name=\"tank\""));
    }

    // ---- malformed files: diagnostics, never exceptions -------------------------------------------------------

    private TwinModels.Loaded loadText(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return TwinModels.load(f);
    }

    private static TwinDiagnostic onlyError(TwinModels.Loaded loaded) {
        List<TwinDiagnostic> errors = loaded.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
        assertEquals(1, errors.size(), errors::toString);
        return errors.get(0);
    }

    @Test
    void notXml() throws IOException {
        TwinDiagnostic d = onlyError(loadText("a.twin", "this is not xml"));
        assertTrue(d.message().startsWith("malformed XML"), d.message());
        assertEquals(1, d.line());
        assertTrue(d.format().matches(".*a\\.twin:1: error: malformed XML: .*"), d.format());
    }

    @Test
    void emptyFile() throws IOException {
        TwinDiagnostic d = onlyError(loadText("empty.twin", ""));
        assertTrue(d.message().contains("malformed XML") || d.message().contains("no twin model"), d.message());
    }

    @Test
    void truncatedFile() throws IOException {
        String text = Files.readString(Examples.HEATING_LINE);
        TwinModels.Loaded loaded = loadText("cut.twin", text.substring(0, text.length() / 2));
        TwinDiagnostic d = loaded.diagnostics().stream().filter(x -> x.code().equals("load.syntax")).findFirst().orElseThrow();
        assertTrue(d.line() > 10, "points near the cut, not at the top: " + d);
    }

    @Test
    void wrongNamespace() throws IOException {
        String text = Files.readString(Examples.HEATING_LINE).replace("twin/1.0", "twin/0.9");
        TwinDiagnostic d = onlyError(loadText("ns.twin", text));
        assertEquals("load.namespace", d.code());
        assertTrue(d.message().contains("http://twinstudio.org/model/twin/0.9"), d.message());
    }

    @Test
    void danglingReferenceNamesTheMissingElementAndLine() throws IOException {
        String text = Files.readString(Examples.HEATING_LINE).replace("target=\"tank.inflow\"", "target=\"tank.inflw\"");
        TwinModels.Loaded loaded = loadText("dangling.twin", text);
        TwinDiagnostic d = onlyError(loaded);
        assertTrue(d.message().contains("'tank.inflw'"), d.message());
        int expectedLine = Files.readAllLines(dir.resolve("dangling.twin")).indexOf(
                "  <connections source=\"inletValve.flow\" target=\"tank.inflw\"/>") + 1;
        assertEquals(expectedLine, d.line());
        assertNotNull(loaded.model(), "the rest of the model is still there");
    }

    @Test
    void unknownAttributeAndIllegalEnumValue() throws IOException {
        String text = Files.readString(Examples.HEATING_LINE).replace("<components name=\"tank\" type=\"tank\">",
                "<components name=\"tank\" type=\"tank\" colour=\"blue\">").replace("direction=\"write\" deadband", "direction=\"sideways\" deadband");
        TwinModels.Loaded loaded = loadText("odd.twin", text);
        assertTrue(loaded.diagnostics().stream().anyMatch(d -> d.code().equals("load.unknownFeature") && d.message().contains("colour")),
                loaded.diagnostics()::toString);
        assertTrue(loaded.diagnostics().stream().anyMatch(d -> d.message().contains("sideways")), loaded.diagnostics()::toString);
    }

    @Test
    void missingFile() {
        TwinModels.Loaded loaded = TwinModels.load(dir.resolve("nope.twin"));
        assertEquals("load.io", onlyError(loaded).code());
        assertNull(loaded.model());
    }
}
