package org.twinstudio.fmi;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.twinstudio.fmi.internal.FmuArchive;
import org.twinstudio.fmi.internal.IsolatedInstance;
import org.twinstudio.fmi.internal.ModelDescriptionParser;
import org.twinstudio.fmi.internal.NativeBindings;
import org.twinstudio.fmi.internal.Platform;

/**
 * An opened FMU: the archive unpacked into a private temporary directory, its model description read, and (on the
 * first {@link #instantiate}) its shared library for this platform loaded. Several instances of one FMU may run at
 * once, each with its own state. {@link #close()} frees the instances still open, unloads the library and deletes
 * the unpacked files.
 */
public final class Fmu implements AutoCloseable {

    /**
     * System property giving the isolation of FMU components that do not set {@code isolation} themselves:
     * {@code none} (the default), {@code process}, or {@code co-simulation} (only co-simulation FMUs out of process).
     * The workbench sets {@code co-simulation}, so that a crashing co-simulation FMU cannot take the IDE and unsaved
     * work down with it; a component's own {@code isolation} always wins.
     */
    public static final String DEFAULT_ISOLATION_PROPERTY = "twinstudio.fmi.isolation";

    private final Path file;
    private final FmuArchive archive;
    private final ModelDescription modelDescription;
    private final Arena libraries = Arena.ofShared();
    private final Map<FmuKind, NativeBindings> bindings = new HashMap<>();
    private final List<FmuInstance> instances = new ArrayList<>();
    private int instantiated;
    private boolean closed;

    private Fmu(Path file, FmuArchive archive, ModelDescription modelDescription) {
        this.file = file;
        this.archive = archive;
        this.modelDescription = modelDescription;
    }

    /** Unpacks and reads an .fmu; throws {@link FmuException} naming the file and the problem. */
    public static Fmu open(Path file) {
        FmuArchive archive = FmuArchive.extract(file);
        try {
            Path md = archive.directory().resolve("modelDescription.xml");
            if (!Files.isRegularFile(md)) {
                throw new FmuException(file + ": has no modelDescription.xml at its top level");
            }
            ModelDescription description = ModelDescriptionParser.parse(md, file + ": modelDescription.xml");
            return new Fmu(file, archive, description);
        } catch (RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    /**
     * Native FMU instances in this JVM that were instantiated and not yet closed, for diagnostics and for checking
     * that a finished simulation left none behind.
     */
    public static int liveInstances() {
        return org.twinstudio.fmi.internal.NativeInstance.live();
    }

    public Path file() {
        return file;
    }

    public ModelDescription modelDescription() {
        return modelDescription;
    }

    /** The unpacked archive (binaries/, resources/, modelDescription.xml). */
    public Path directory() {
        return archive.directory();
    }

    /** The platform folders under binaries/ (e.g. linux64, x86_64-linux, win64). */
    public List<String> platforms() {
        Path binaries = archive.directory().resolve("binaries");
        if (!Files.isDirectory(binaries)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(binaries)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new FmuException(file + ": cannot list binaries/: " + e.getMessage(), e);
        }
    }

    /** This platform's folder name for the FMU's FMI version. */
    public String currentPlatform() {
        return Platform.folder(modelDescription.fmiVersion());
    }

    /** The shared library of one kind for this platform; an error lists the platforms the FMU has. */
    public Path library(FmuKind kind) {
        ModelDescription.Capabilities caps = capabilities(kind);
        String platform = currentPlatform();
        Path lib = archive.directory().resolve("binaries").resolve(platform)
                .resolve(caps.modelIdentifier() + Platform.librarySuffix());
        if (!Files.isRegularFile(lib)) {
            List<String> available = platforms();
            throw new FmuException(file + ": has no binary for this platform (" + platform + "): expected binaries/"
                    + platform + "/" + lib.getFileName() + "; the FMU has "
                    + (available.isEmpty() ? "no binaries at all" : "binaries for " + String.join(", ", available))
                    + (caps.needsExecutionTool() ? " (it also needs its execution tool)" : ""));
        }
        return lib;
    }

    private ModelDescription.Capabilities capabilities(FmuKind kind) {
        Optional<ModelDescription.Capabilities> caps = modelDescription.capabilities(kind);
        if (caps.isEmpty()) {
            throw new FmuException(file + ": does not implement " + kind.element() + " (it implements "
                    + String.join(", ", modelDescription.kinds().stream().map(FmuKind::element).toList()) + ")");
        }
        return caps.get();
    }

    /** A new instance of the given kind; the name appears in the FMU's log messages and in errors. */
    public synchronized FmuInstance instantiate(FmuKind kind, String instanceName) {
        if (closed) {
            throw new FmuException(file + ": is closed");
        }
        ModelDescription.Capabilities caps = capabilities(kind);
        if (caps.canBeInstantiatedOnlyOncePerProcess() && instantiated > 0) {
            throw new FmuException(file + ": can be instantiated only once per process (canBeInstantiatedOnlyOncePerProcess)");
        }
        NativeBindings b = bindings.get(kind);
        if (b == null) {
            b = NativeBindings.load(modelDescription, kind, library(kind), libraries, file.toString());
            bindings.put(kind, b);
        }
        FmuInstance[] holder = new FmuInstance[1];
        FmuInstance instance = b.instantiate(instanceName, archive.directory().resolve("resources"),
                () -> forget(holder[0]));
        holder[0] = instance;
        instances.add(instance);
        instantiated++;
        return instance;
    }

    /**
     * A new instance run in a host process of its own (see {@link IsolatedInstance}): a crash or hang of the FMU
     * fails the call with an {@link FmuException} instead of taking this JVM down; each call costs one round trip
     * between processes. The FMU is unpacked again by the host. {@code canBeInstantiatedOnlyOncePerProcess} does not
     * limit such instances (each has its own process).
     *
     * @param callTimeout how long one call into the FMU may take before its process is killed
     */
    public synchronized FmuInstance instantiateIsolated(FmuKind kind, String instanceName,
            java.time.Duration callTimeout) {
        if (closed) {
            throw new FmuException(file + ": is closed");
        }
        capabilities(kind);
        library(kind);
        FmuInstance[] holder = new FmuInstance[1];
        FmuInstance instance = new IsolatedInstance(file, modelDescription, kind, instanceName, callTimeout,
                () -> forget(holder[0]));
        holder[0] = instance;
        instances.add(instance);
        return instance;
    }

    private synchronized void forget(FmuInstance instance) {
        instances.remove(instance);
    }

    @Override
    public void close() {
        List<FmuInstance> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(instances);
        }
        try {
            for (FmuInstance i : open) {
                i.close();
            }
        } finally {
            try {
                libraries.close();
            } finally {
                archive.close();
            }
        }
    }
}
