package org.twinstudio.testlang.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.twinstudio.testlang.TestLangStandaloneSetup;
import org.twinstudio.testlang.sequence.Suite;

import com.google.inject.Injector;

/** Reads and validates .twintest files outside the IDE, for command-line and batch runs. */
public final class SuiteFiles {

    /** A suite read from a file, or its errors as {@code file:line:column: error: message}. */
    public record Loaded(Path file, Suite suite, List<String> errors) {
    }

    private final XtextResourceSet resources;
    private final IResourceValidator validator;

    public SuiteFiles() {
        Injector injector = new TestLangStandaloneSetup().createInjectorAndDoEMFRegistration();
        resources = injector.getInstance(XtextResourceSet.class);
        validator = injector.getInstance(IResourceValidator.class);
    }

    public Loaded load(Path file) {
        Resource resource;
        try {
            resource = resources.getResource(URI.createFileURI(file.toAbsolutePath().normalize().toString()), true);
        } catch (RuntimeException e) {
            return new Loaded(file, null, List.of(file + ": error: cannot read: " + e.getMessage()));
        }
        List<String> errors = new ArrayList<>();
        for (Issue i : validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl)) {
            if (i.getSeverity() == Severity.ERROR) {
                errors.add(file + ":" + i.getLineNumber() + ":" + i.getColumn() + ": error: " + i.getMessage());
            }
        }
        if (resource.getContents().isEmpty() && errors.isEmpty()) {
            errors.add(file + ": error: no suite");
        }
        return new Loaded(file, errors.isEmpty() ? (Suite) resource.getContents().get(0) : null, List.copyOf(errors));
    }
}
