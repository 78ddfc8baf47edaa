package org.twinstudio.sim.internal.behaviours;

/** Small helpers shared by the built-in behaviours. */
final class Behaviours {

    private Behaviours() {
    }

    static double clamp(double v, double min, double max) {
        return v < min ? min : v > max ? max : v;
    }

    static boolean on(double booleanInput) {
        return booleanInput >= 0.5;
    }

    static double positive(double v, String what) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be positive, not " + v);
        }
        return v;
    }
}
