package org.twinstudio.testlang.validation;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.emf.common.CommonPlugin;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.util.IResourceScopeCache;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.validation.TwinDiagnostic;
import org.twinstudio.testlang.sequence.Suite;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * Finds and reads the twin model a suite names ({@code model "heating-line.twin"}, relative to the suite file),
 * once per state of the suite's resource: the cache is dropped whenever the suite text changes.
 */
@Singleton
public class SuiteModels {

    /** The model of a suite, or why there is none. */
    public record Lookup(TwinModel model, String problem) {
    }

    @Inject
    private IResourceScopeCache cache;

    public Lookup modelOf(Suite suite) {
        Resource resource = suite.eResource();
        if (resource == null) {
            return read(suite.getModel(), null);
        }
        return cache.get(SuiteModels.class, resource, () -> read(suite.getModel(), resource.getURI()));
    }

    private static Lookup read(String reference, URI suiteUri) {
        if (reference == null || reference.isBlank()) {
            return new Lookup(null, "no model file named");
        }
        URI uri = URI.createURI(reference);
        if (suiteUri != null && uri.isRelative() && suiteUri.isHierarchical() && !suiteUri.isRelative()) {
            uri = uri.resolve(suiteUri);
        }
        if (uri.isPlatform()) {
            uri = CommonPlugin.asLocalURI(uri); // platform:/resource/… → file:… inside the workbench
        }
        Path file;
        if (uri.isFile()) {
            file = Path.of(uri.toFileString());
        } else if (uri.isRelative()) {
            file = Path.of(reference);
        } else {
            return new Lookup(null, "cannot locate the model '" + reference + "' (" + uri + " is not a file)");
        }
        if (!Files.isRegularFile(file)) {
            return new Lookup(null, "no model file '" + reference + "' (looked for " + file.normalize() + ")");
        }
        TwinModels.Loaded loaded = TwinModels.load(file);
        if (loaded.model() == null) {
            String why = loaded.diagnostics().stream().filter(d -> d.severity() == TwinDiagnostic.Severity.ERROR)
                    .map(TwinDiagnostic::message).findFirst().orElse("no twin model in the file");
            return new Lookup(null, "cannot read the model '" + reference + "': " + why);
        }
        return new Lookup(loaded.model(), null);
    }
}
