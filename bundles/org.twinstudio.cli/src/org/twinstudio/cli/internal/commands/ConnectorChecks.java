package org.twinstudio.cli.internal.commands;

import java.util.ArrayList;
import java.util.List;

import org.twinstudio.connect.BindingChecks;
import org.twinstudio.connect.Connectors;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.validation.TwinDiagnostic;

/**
 * {@code validate}'s protocol part: each binding checked by the installed connector of its endpoint
 * ({@link BindingChecks}). Kept in its own class so an installation without the connector bundles still validates
 * (the connector API is optional for the command line).
 */
final class ConnectorChecks {

    private ConnectorChecks() {
    }

    /** {@code diagnostics} plus the connectors' findings, in file order; unchanged without the connector API. */
    static List<TwinDiagnostic> add(TwinModels.Loaded loaded, String file, List<TwinDiagnostic> diagnostics) {
        if (loaded.model() == null) {
            return diagnostics;
        }
        List<TwinDiagnostic> found;
        try {
            found = Checks.run(loaded, file);
        } catch (NoClassDefFoundError e) {
            return diagnostics; // connector API not installed
        }
        if (found.isEmpty()) {
            return diagnostics;
        }
        List<TwinDiagnostic> all = new ArrayList<>(diagnostics);
        all.addAll(found);
        all.sort(TwinDiagnostic.IN_FILE_ORDER);
        return List.copyOf(all);
    }

    /** Touches the connector API only when called. */
    private static final class Checks {
        static List<TwinDiagnostic> run(TwinModels.Loaded loaded, String file) {
            return BindingChecks.check(loaded.resource(), file, Connectors.getDefault());
        }
    }
}
