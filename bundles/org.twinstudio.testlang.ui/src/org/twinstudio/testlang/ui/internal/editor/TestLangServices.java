package org.twinstudio.testlang.ui.internal.editor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.core.resources.IFile;
import org.eclipse.emf.common.util.URI;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.xtext.parser.antlr.Lexer;
import org.eclipse.xtext.parser.antlr.LexerBindings;
import org.eclipse.xtext.resource.IResourceFactory;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.twinstudio.testlang.ide.TestLangIdeSetup;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;

/**
 * The language services the editor and the marker updater share: one Guice injector of the runtime and IDE modules
 * (created on first use, it takes a moment), parsing of a suite's text as the resource at its workspace location (so
 * that {@code model "x.twin"} resolves relative to the suite) and validation.
 */
public final class TestLangServices {

    private static volatile Injector injector;

    /** Threads of the content-assist parser; daemons, so that they never keep the workbench from exiting. */
    private static final ExecutorService POOL = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "twintest content assist");
        thread.setDaemon(true);
        return thread;
    });

    private TestLangServices() {
    }

    public static Injector injector() {
        Injector current = injector;
        if (current == null) {
            synchronized (TestLangServices.class) {
                current = injector;
                if (current == null) {
                    current = new TestLangIdeSetup().createInjectorAndDoEMFRegistration();
                    injector = current;
                }
            }
        }
        return current;
    }

    public static ExecutorService pool() {
        return POOL;
    }

    /** A fresh lexer of the language (the one the parser uses). */
    public static Lexer lexer() {
        return injector().getInstance(Key.get(Lexer.class, Names.named(LexerBindings.RUNTIME)));
    }

    /**
     * Parses {@code text} as the suite at {@code uri} in a resource set of its own: a new resource set every time, so
     * that the model the suite names is read again (it may have changed since).
     */
    public static XtextResource parse(String text, URI uri) {
        Injector services = injector();
        XtextResourceSet resourceSet = services.getInstance(XtextResourceSet.class);
        XtextResource resource = (XtextResource) services.getInstance(IResourceFactory.class).createResource(uri);
        resourceSet.getResources().add(resource);
        try {
            resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    java.util.Map.of(XtextResource.OPTION_ENCODING, StandardCharsets.UTF_8.name()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot parse " + uri + ": " + e.getMessage(), e); // in-memory: never
        }
        return resource;
    }

    /** Syntax errors, unresolved names and the language's checks, each located in the text. */
    public static List<Issue> validate(XtextResource resource, CancelIndicator cancel) {
        return injector().getInstance(IResourceValidator.class).validate(resource, CheckMode.ALL, cancel);
    }

    /** The URI a suite file is parsed under: its workspace path, so relative model names resolve beside it. */
    public static URI uriOf(IFile file) {
        return URI.createPlatformResourceURI(file.getFullPath().toString(), true);
    }

    /** The URI of the file an editor shows (a workspace file or a file outside), or a placeholder. */
    public static URI uriOf(IEditorInput input) {
        if (input instanceof IFileEditorInput fileInput) {
            return uriOf(fileInput.getFile());
        }
        if (input instanceof IURIEditorInput uriInput && uriInput.getURI() != null) {
            return URI.createURI(uriInput.getURI().toString());
        }
        return URI.createURI("unsaved.twintest");
    }
}
