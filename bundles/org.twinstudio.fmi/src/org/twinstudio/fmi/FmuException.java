package org.twinstudio.fmi;

/**
 * An FMU that cannot be read, loaded or run. The message names the archive (and, where it applies, the file and line
 * in it, the instance, the function and the FMU's recent log messages). Unchecked so that it passes through the
 * simulation's behaviour interface, which reports it with the component and the time.
 */
public class FmuException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FmuException(String message) {
        super(message);
    }

    public FmuException(String message, Throwable cause) {
        super(message, cause);
    }
}
