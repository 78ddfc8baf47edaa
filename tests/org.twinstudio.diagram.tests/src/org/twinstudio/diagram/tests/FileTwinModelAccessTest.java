package org.twinstudio.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.eclipse.emf.ecore.resource.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.diagram.server.FileTwinModelAccess;
import org.twinstudio.diagram.server.TwinDocument;
import org.twinstudio.model.Component;
import org.twinstudio.model.TwinModel;

class FileTwinModelAccessTest {

    static final Path HEATING_LINE = Path.of("../../examples/heating-line/heating-line.twin");

    @TempDir
    Path dir;

    static String serialized(Resource resource) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        resource.save(out, null);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    static TwinModel model(TwinDocument d) {
        return (TwinModel) d.resource().getContents().get(0);
    }

    @Test
    void keptFilesOpenAsIndependentCopiesEqualToTheFile() throws Exception {
        Path file = Files.copy(HEATING_LINE, dir.resolve("line.twin"));
        String fresh = serialized(new FileTwinModelAccess().open(file.toString()).resource());
        FileTwinModelAccess access = FileTwinModelAccess.keepingLoadedFiles();
        access.preload(file);
        TwinDocument first = access.open(file.toUri().toString());
        TwinDocument second = access.open(file.toString());
        assertNotSame(first.resource(), second.resource());
        assertEquals(fresh, serialized(first.resource()), "a copy serializes exactly as the file loads");
        assertEquals(fresh, serialized(second.resource()));
        // Layout and model references survive the copy: connections still point at ports of the same copy.
        model(first).getConnections().forEach(c -> assertTrue(c.getSource().eResource() == first.resource()));
        Component tank = model(first).getComponents().stream().filter(c -> c.getName().equals("tank")).findFirst()
                .orElseThrow();
        tank.setName("silo");
        assertEquals(fresh, serialized(second.resource()), "an edit in one copy leaves the others alone");
        assertEquals(fresh, serialized(access.open(file.toString()).resource()), "nor the kept original");
    }

    @Test
    void aChangedFileIsLoadedAgain() throws Exception {
        Path file = Files.copy(HEATING_LINE, dir.resolve("line.twin"));
        FileTwinModelAccess access = FileTwinModelAccess.keepingLoadedFiles();
        access.preload(file);
        String text = Files.readString(file).replace("name=\"tank\"", "name=\"silo\"").replace("\"tank.", "\"silo.");
        Path edited = dir.resolve("edited.twin");
        Files.writeString(edited, text);
        Files.setLastModifiedTime(edited, FileTime.from(Instant.now().plusSeconds(5)));
        Files.move(edited, file, StandardCopyOption.REPLACE_EXISTING);
        TwinModel reopened = model(access.open(file.toString()));
        assertTrue(reopened.getComponents().stream().anyMatch(c -> c.getName().equals("silo")),
                "the edited file is read, not the kept copy");
    }

    @Test
    void aBrokenFileStillGivesItsProblem() throws Exception {
        Path file = dir.resolve("broken.twin");
        Files.writeString(file, "<twin:TwinModel");
        FileTwinModelAccess access = FileTwinModelAccess.keepingLoadedFiles();
        IOException e = assertThrows(IOException.class, () -> access.preload(file));
        assertTrue(e.getMessage().contains("broken.twin"), e.getMessage());
        assertThrows(IOException.class, () -> access.open(file.toString()));
    }
}
