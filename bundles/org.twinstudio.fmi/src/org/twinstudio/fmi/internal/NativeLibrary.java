package org.twinstudio.fmi.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import org.twinstudio.fmi.FmuException;

/** An FMU's shared library, loaded into an arena; unloaded when the arena closes. */
final class NativeLibrary {

    static final Linker LINKER = Linker.nativeLinker();

    private final Path file;
    private final SymbolLookup lookup;
    private final String owner;

    NativeLibrary(Path file, Arena arena, String owner) {
        this.file = file;
        this.owner = owner;
        try {
            this.lookup = SymbolLookup.libraryLookup(file, arena);
        } catch (IllegalArgumentException | IllegalCallerException e) {
            throw new FmuException(owner + ": cannot load " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** A downcall handle for an exported function; a missing one is an error naming the function. */
    MethodHandle function(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new FmuException(owner + ": "
                + file.getFileName() + " does not export " + name));
        return LINKER.downcallHandle(symbol, descriptor);
    }

    /** A downcall handle, or null when the library does not export the function. */
    MethodHandle optional(String name, FunctionDescriptor descriptor) {
        return lookup.find(name).map(s -> LINKER.downcallHandle(s, descriptor)).orElse(null);
    }

    Path file() {
        return file;
    }
}
