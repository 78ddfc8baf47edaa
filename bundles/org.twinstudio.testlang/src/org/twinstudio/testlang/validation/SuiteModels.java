package org.twinstudio.testlang.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * once per state of the suite's resource: the cache is dropped whenever the suite text changes. Suites naming the
 * same model file share one read of it while the file keeps its size and modification time (the last
 * {@value #SHARED_MODELS} files are kept), so reading many suites reads their model once.
 */
@Singleton
public class SuiteModels {

    /** The model of a suite, or why there is none. */
    public record Lookup(TwinModel model, String problem) {
    }

    static final int SHARED_MODELS = 16;

    @Inject
    private IResourceScopeCache cache;

    private record FileState(Path file, long modified, long size) {
    }

    private static final Map<FileState, Lookup> SHARED = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<FileState, Lookup> eldest) {
                    return size() > SHARED_MODELS;
                }
            });

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
        FileState state;
        try {
            Path absolute = file.toAbsolutePath().normalize();
            state = new FileState(absolute, Files.getLastModifiedTime(absolute).toMillis(), Files.size(absolute));
        } catch (IOException e) {
            return new Lookup(null, "cannot read the model '" + reference + "': " + e.getMessage());
        }
        Lookup shared = SHARED.get(state);
        if (shared == null) {
            shared = load(reference, file);
            if (shared.model() != null) {
                SHARED.put(state, shared);
            }
        }
        return shared;
    }

    private static Lookup load(String reference, Path file) {
        TwinModels.Loaded loaded = TwinModels.load(file);
        if (loaded.model() == null) {
            String why = loaded.diagnostics().stream().filter(d -> d.severity() == TwinDiagnostic.Severity.ERROR)
                    .map(TwinDiagnostic::message).findFirst().orElse("no twin model in the file");
            return new Lookup(null, "cannot read the model '" + reference + "': " + why);
        }
        return new Lookup(loaded.model(), null);
    }
}
