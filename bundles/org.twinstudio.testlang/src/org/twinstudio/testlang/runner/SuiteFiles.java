package org.twinstudio.testlang.runner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.twinstudio.testlang.TestLangStandaloneSetup;
import org.twinstudio.testlang.formatting.TestLangFormatting;
import org.twinstudio.testlang.sequence.Suite;

import com.google.inject.Injector;

/** Reads and validates .twintest files outside the IDE, for command-line and batch runs. */
public final class SuiteFiles {

    /** A suite read from a file, or its errors as {@code file:line:column: error: message}. */
    public record Loaded(Path file, Suite suite, List<String> errors) {
    }

    /** A file's text and its canonical layout, or its syntax errors as {@code file:line:column: error: message}. */
    public record Formatted(Path file, String original, String formatted, List<String> errors) {

        /** Whether formatting changes the file. */
        public boolean changed() {
            return errors.isEmpty() && !original.equals(formatted);
        }
    }

    private final XtextResourceSet resources;
    private final IResourceValidator validator;
    private final TestLangFormatting formatting;

    public SuiteFiles() {
        Injector injector = new TestLangStandaloneSetup().createInjectorAndDoEMFRegistration();
        resources = injector.getInstance(XtextResourceSet.class);
        validator = injector.getInstance(IResourceValidator.class);
        formatting = injector.getInstance(TestLangFormatting.class);
    }

    /**
     * The canonical layout of a suite file ({@link TestLangFormatting}); only syntax errors stop it (names need not
     * resolve). The file is not changed.
     */
    public Formatted format(Path file) {
        String original;
        try {
            original = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return new Formatted(file, "", "", List.of(file + ": error: cannot read: " + e.getMessage()));
        }
        // a resource of its own, read from the text just read, so that a suite loaded before is not reused
        XtextResource resource = (XtextResource) resources
                .createResource(URI.createFileURI(file.toAbsolutePath().normalize() + ".format.twintest"));
        try {
            resource.load(new ByteArrayInputStream(original.getBytes(StandardCharsets.UTF_8)), Map.of());
            List<String> errors = new ArrayList<>();
            for (Resource.Diagnostic d : resource.getErrors()) {
                if (resource.getParseResult() != null && resource.getParseResult().hasSyntaxErrors()) {
                    errors.add(file + ":" + d.getLine() + ":" + d.getColumn() + ": error: " + d.getMessage());
                }
            }
            if (!errors.isEmpty()) {
                return new Formatted(file, original, original, List.copyOf(errors));
            }
            return new Formatted(file, original, formatting.format(resource), List.of());
        } catch (IOException | RuntimeException e) {
            return new Formatted(file, original, original, List.of(file + ": error: cannot format: " + e.getMessage()));
        } finally {
            resources.getResources().remove(resource);
        }
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
