package org.twinstudio.model.resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.twinstudio.model.SimulationSettings;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.TwinPackage;
import org.twinstudio.model.notation.NotationPackage;
import org.twinstudio.model.validation.TwinDiagnostic;
import org.twinstudio.model.validation.TwinDiagnostic.Severity;
import org.twinstudio.model.validation.TwinModelValidator;

/** Entry points for reading, creating, checking and writing twin models, inside or outside OSGi. */
public final class TwinModels {

    private TwinModels() {
    }

    /** A model file after reading: the resource, its model if there is one, and every finding about it. */
    public record Loaded(Resource resource, TwinModel model, List<TwinDiagnostic> diagnostics) {

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
        }
    }

    /** A resource set that reads and writes {@code .twin} files (works without the Eclipse extension registry). */
    public static ResourceSet newResourceSet() {
        ResourceSet set = new ResourceSetImpl();
        set.getPackageRegistry().put(TwinPackage.eNS_URI, TwinPackage.eINSTANCE);
        set.getPackageRegistry().put(NotationPackage.eNS_URI, NotationPackage.eINSTANCE);
        set.getResourceFactoryRegistry().getExtensionToFactoryMap().put(TwinResourceFactory.EXTENSION, new TwinResourceFactory());
        return set;
    }

    /** A new model with default simulation settings. */
    public static TwinModel createModel(String name) {
        TwinModel model = TwinFactory.eINSTANCE.createTwinModel();
        model.setName(name);
        SimulationSettings settings = TwinFactory.eINSTANCE.createSimulationSettings();
        model.setSimulation(settings);
        return model;
    }

    /**
     * Reads and validates a file. Never throws for bad content: a missing, unreadable or malformed file yields
     * diagnostics (and possibly a partial model).
     */
    public static Loaded load(Path file) {
        String name = file.toString();
        Resource resource = newResourceSet().createResource(URI.createFileURI(file.toAbsolutePath().toString()));
        if (!Files.isRegularFile(file)) {
            return new Loaded(resource, null, List.of(new TwinDiagnostic(Severity.ERROR,
                    Files.exists(file) ? "not a regular file" : "no such file", name, 0, 0, null, "load.io")));
        }
        List<TwinDiagnostic> fatal = new ArrayList<>();
        try {
            resource.load(null);
        } catch (IOException | RuntimeException e) {
            // EMF reports what it could not read in getErrors(); an exception only adds something when it did not.
            if (resource.getErrors().isEmpty()) {
                fatal.add(fatalDiagnostic(e, name));
            }
        }
        List<TwinDiagnostic> diagnostics = new ArrayList<>(fatal);
        diagnostics.addAll(TwinModelValidator.validate(resource, name));
        diagnostics.sort(TwinDiagnostic.IN_FILE_ORDER);
        TwinModel model = !resource.getContents().isEmpty() && resource.getContents().get(0) instanceof TwinModel m ? m : null;
        return new Loaded(resource, model, List.copyOf(diagnostics));
    }

    private static TwinDiagnostic fatalDiagnostic(Exception e, String file) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof org.xml.sax.SAXParseException p) {
            return new TwinDiagnostic(Severity.ERROR, "malformed XML: " + p.getMessage(), file,
                    Math.max(p.getLineNumber(), 0), Math.max(p.getColumnNumber(), 0), null, "load.syntax");
        }
        if (cause instanceof NoSuchFileException) {
            return new TwinDiagnostic(Severity.ERROR, "no such file", file, 0, 0, null, "load.io");
        }
        return new TwinDiagnostic(Severity.ERROR, "cannot read the file: " + cause.getMessage(), file, 0, 0, null, "load.io");
    }

    /** Writes a model to a file atomically (see {@link TwinResource}). */
    public static void save(TwinModel model, Path file) throws IOException {
        Resource resource = model.eResource();
        if (resource == null) {
            resource = newResourceSet().createResource(URI.createFileURI(file.toAbsolutePath().toString()));
            resource.getContents().add(model);
        } else {
            resource.setURI(URI.createFileURI(file.toAbsolutePath().toString()));
        }
        resource.save(null);
    }
}
