package org.twinstudio.fmi.internal;

import java.util.Locale;

import org.twinstudio.fmi.FmiVersion;

/** The binaries/ folder names and library suffix of the platform this JVM runs on. */
public final class Platform {

    private Platform() {
    }

    static String os() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.startsWith("windows") ? "windows" : os.startsWith("mac") || os.contains("darwin") ? "darwin" : "linux";
    }

    static String arch() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i686" -> "x86";
            default -> arch;
        };
    }

    /** E.g. {@code linux64} (FMI 2.0) or {@code x86_64-linux} (FMI 3.0). */
    public static String folder(FmiVersion version) {
        String os = os();
        String arch = arch();
        if (version == FmiVersion.FMI3) {
            return arch + "-" + os;
        }
        String bits = arch.equals("x86") ? "32" : "64";
        return (os.equals("windows") ? "win" : os) + bits;
    }

    /** The shared library suffix: {@code .so}, {@code .dll} or {@code .dylib}. */
    public static String librarySuffix() {
        return switch (os()) {
            case "windows" -> ".dll";
            case "darwin" -> ".dylib";
            default -> ".so";
        };
    }

    /** Whether variadic arguments arrive as on x86-64 System V (Linux, macOS on Intel): see {@link CFormat}. */
    static boolean sysVAmd64() {
        return arch().equals("x86_64") && !os().equals("windows");
    }
}
