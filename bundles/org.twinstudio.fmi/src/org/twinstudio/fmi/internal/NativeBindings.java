package org.twinstudio.fmi.internal;

import java.lang.foreign.Arena;
import java.nio.file.Path;

import org.twinstudio.fmi.FmiVersion;
import org.twinstudio.fmi.FmuInstance;
import org.twinstudio.fmi.FmuKind;
import org.twinstudio.fmi.ModelDescription;

/** The functions of one FMU library for one kind, by FMI version; makes instances. */
public abstract class NativeBindings {

    final ModelDescription md;
    final FmuKind kind;
    final String owner;

    NativeBindings(ModelDescription md, FmuKind kind, String owner) {
        this.md = md;
        this.kind = kind;
        this.owner = owner;
    }

    /** Loads the library into {@code arena} and looks up the functions the kind needs. */
    public static NativeBindings load(ModelDescription md, FmuKind kind, Path library, Arena arena, String owner) {
        NativeLibrary lib = new NativeLibrary(library, arena, owner);
        return md.fmiVersion() == FmiVersion.FMI2 ? new Fmi2(md, kind, owner, new Fmi2Instance.Api(lib, kind))
                : new Fmi3(md, kind, owner, new Fmi3Instance.Api(lib, kind));
    }

    /** A new instance; {@code onClose} runs when it is closed. */
    public abstract FmuInstance instantiate(String name, Path resources, Runnable onClose);

    private static final class Fmi2 extends NativeBindings {
        private final Fmi2Instance.Api api;

        Fmi2(ModelDescription md, FmuKind kind, String owner, Fmi2Instance.Api api) {
            super(md, kind, owner);
            this.api = api;
        }

        @Override
        public FmuInstance instantiate(String name, Path resources, Runnable onClose) {
            // FMI 2.0 wants a URI; Path.toUri gives file:///... with a trailing slash for an existing directory.
            String uri = resources.toUri().toString();
            return new Fmi2Instance(api, md, kind, name, uri.endsWith("/") ? uri : uri + "/", owner, onClose);
        }
    }

    private static final class Fmi3 extends NativeBindings {
        private final Fmi3Instance.Api api;

        Fmi3(ModelDescription md, FmuKind kind, String owner, Fmi3Instance.Api api) {
            super(md, kind, owner);
            this.api = api;
        }

        @Override
        public FmuInstance instantiate(String name, Path resources, Runnable onClose) {
            // FMI 3.0 wants a native path ending in the separator.
            return new Fmi3Instance(api, md, kind, name, resources.toAbsolutePath() + java.io.File.separator, owner,
                    onClose);
        }
    }
}
