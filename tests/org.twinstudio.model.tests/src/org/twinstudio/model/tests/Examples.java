package org.twinstudio.model.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.twinstudio.model.Component;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;

/** Access to the example twins shipped in examples/. */
final class Examples {

    /** Tests run with the test module as working directory. */
    static final Path HEATING_LINE = Path.of("../../examples/heating-line/heating-line.twin").toAbsolutePath().normalize();

    private Examples() {
    }

    /** A fresh copy of the heating line, loaded from a temporary file of its own. */
    static TwinModels.Loaded heatingLineCopy(Path dir) throws IOException {
        Path copy = dir.resolve("heating-line.twin");
        Files.copy(HEATING_LINE, copy);
        return TwinModels.load(copy);
    }

    static Component component(TwinModel model, String name) {
        return model.getComponents().stream().filter(c -> name.equals(c.getName())).findFirst().orElseThrow();
    }

    static Port port(TwinModel model, String qualifiedName) {
        String[] parts = qualifiedName.split("\\.");
        return component(model, parts[0]).getPorts().stream().filter(p -> parts[1].equals(p.getName())).findFirst().orElseThrow();
    }
}
