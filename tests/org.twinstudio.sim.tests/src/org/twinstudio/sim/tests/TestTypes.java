package org.twinstudio.sim.tests;

import static org.twinstudio.model.DataType.BOOLEAN;
import static org.twinstudio.model.DataType.REAL;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import org.twinstudio.model.Component;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeProvider;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.BehaviourRegistry;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;
import org.twinstudio.sim.Simulation;

/** Test-only component types with known closed-form solutions, registered the way a third party would. */
final class TestTypes implements ComponentTypeProvider {

    private record Behaviour(String typeId, Function<BehaviourContext, ComponentBehaviour> factory)
            implements ComponentBehaviourProvider {
        @Override
        public ComponentBehaviour create(BehaviourContext context) {
            return factory.apply(context);
        }
    }

    @Override
    public Collection<ComponentTypeDescriptor> componentTypes() {
        return List.of(
                ComponentTypeDescriptor.builder("ball").label("Ball").category("Test").description("bouncing ball")
                        .parameter("h0", REAL, "m", "10", "drop height").parameter("e", REAL, "", "0.8", "restitution")
                        .parameter("g", REAL, "m/s2", "9.81", "gravity")
                        .output("h", REAL, "m", null, "height").output("v", REAL, "m/s", null, "velocity").build(),
                ComponentTypeDescriptor.builder("decay").label("Decay").category("Test").description("dy/dt = -k y")
                        .parameter("k", REAL, "1/s", "1", "rate").parameter("y0", REAL, "", "1", "start")
                        .output("y", REAL, "", null, "value").build(),
                ComponentTypeDescriptor.builder("oscillator").label("Oscillator").category("Test")
                        .description("x'' = -w^2 x").parameter("omega", REAL, "rad/s", "1", "angular frequency")
                        .parameter("x0", REAL, "", "1", "start").output("x", REAL, "", null, "position")
                        .output("v", REAL, "", null, "velocity").build(),
                ComponentTypeDescriptor.builder("blowup").label("Blow-up").category("Test").description("x' = x^2")
                        .output("x", REAL, "", null, "value").build(),
                ComponentTypeDescriptor.builder("chatter").label("Chatter").category("Test")
                        .description("reports a change at every event").output("y", REAL, "", null, "value").build(),
                ComponentTypeDescriptor.builder("not").label("Not").category("Test").description("y = not u")
                        .input("u", BOOLEAN, "", "false", "in").output("y", BOOLEAN, "", null, "out").build(),
                ComponentTypeDescriptor.builder("faulty").label("Faulty").category("Test")
                        .description("indicator t - 0.5; NaN indicator (mode 0) or throwing handler (mode 1)")
                        .parameter("mode", REAL, "", "0", "0: NaN indicator after 0.5 s, 1: handleEvent throws")
                        .output("y", REAL, "", null, "value").build(),
                ComponentTypeDescriptor.builder("square").label("Square").category("Test").description("y = u^2")
                        .input("u", REAL, "", "0", "in").output("y", REAL, "", null, "out").build(),
                ComponentTypeDescriptor.builder("split").label("Split").category("Test")
                        .description("y = u (feedthrough); s = state, ds/dt = w - s")
                        .input("u", REAL, "", "0", "feedthrough input").input("w", REAL, "", "0", "state input")
                        .output("y", REAL, "", null, "y = u").output("s", REAL, "", null, "state").build());
    }

    static ComponentTypeRegistry types() {
        return new ComponentTypeRegistry(List.of(new BuiltinComponentTypes(), new TestTypes()));
    }

    static BehaviourRegistry behaviours() {
        BehaviourRegistry r = BehaviourRegistry.builtins();
        r.register(new Behaviour("ball", Ball::new));
        r.register(new Behaviour("decay", Decay::new));
        r.register(new Behaviour("oscillator", Oscillator::new));
        r.register(new Behaviour("blowup", c -> new BlowUp()));
        r.register(new Behaviour("chatter", c -> new Chatter()));
        r.register(new Behaviour("not", c -> new Not()));
        r.register(new Behaviour("split", c -> new Split()));
        r.register(new Behaviour("square", c -> new Square()));
        r.register(new Behaviour("faulty", c -> new Faulty(c.parameter("mode"))));
        return r;
    }

    static Component add(TwinModel model, String type, String name) {
        Component c = types().find(type).orElseThrow().instantiate(name);
        model.getComponents().add(c);
        return c;
    }

    static Simulation.Builder builder(TwinModel model) {
        return Simulation.builder(model).types(types()).behaviours(behaviours());
    }

    /**
     * A ball dropped from h0: h' = v, v' = −g; on reaching the floor (indicator z = h crossing zero while falling)
     * v ← −e·v and h ← 0.
     */
    static final class Ball implements ComponentBehaviour {
        private final double h0;
        private final double e;
        private final double g;

        Ball(BehaviourContext c) {
            h0 = c.parameter("h0");
            e = c.parameter("e");
            g = c.parameter("g");
        }

        @Override
        public List<String> stateNames() {
            return List.of("h", "v");
        }

        @Override
        public void initialize(double[] inputs, double[] x) {
            x[0] = h0;
            x[1] = 0;
        }

        @Override
        public boolean directFeedthrough(int outputIndex) {
            return false;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = x[0];
            out[1] = x[1];
        }

        @Override
        public void derivatives(double t, double[] in, double[] x, double[] dx) {
            dx[0] = x[1];
            dx[1] = -g;
        }

        @Override
        public int eventIndicatorCount() {
            return 1;
        }

        @Override
        public void eventIndicators(double t, double[] in, double[] x, double[] z) {
            z[0] = x[0];
        }

        @Override
        public boolean handleEvent(double t, double[] in, double[] x) {
            if (x[0] <= 0 && x[1] < 0) {
                x[1] = -e * x[1];
                x[0] = 0;
                return true;
            }
            return false;
        }
    }

    /** y' = −k·y, y(0) = y0: y = y0·exp(−k t). */
    static final class Decay implements ComponentBehaviour {
        private final double k;
        private final double y0;

        Decay(BehaviourContext c) {
            k = c.parameter("k");
            y0 = c.parameter("y0");
        }

        @Override
        public List<String> stateNames() {
            return List.of("y");
        }

        @Override
        public void initialize(double[] inputs, double[] x) {
            x[0] = y0;
        }

        @Override
        public boolean directFeedthrough(int outputIndex) {
            return false;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = x[0];
        }

        @Override
        public void derivatives(double t, double[] in, double[] x, double[] dx) {
            dx[0] = -k * x[0];
        }
    }

    /** x' = v, v' = −ω²x, x(0) = x0, v(0) = 0: x = x0·cos(ω t), v = −x0·ω·sin(ω t). */
    static final class Oscillator implements ComponentBehaviour {
        private final double omega;
        private final double x0;

        Oscillator(BehaviourContext c) {
            omega = c.parameter("omega");
            x0 = c.parameter("x0");
        }

        @Override
        public List<String> stateNames() {
            return List.of("x", "v");
        }

        @Override
        public void initialize(double[] inputs, double[] x) {
            x[0] = x0;
            x[1] = 0;
        }

        @Override
        public boolean directFeedthrough(int outputIndex) {
            return false;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = x[0];
            out[1] = x[1];
        }

        @Override
        public void derivatives(double t, double[] in, double[] x, double[] dx) {
            dx[0] = x[1];
            dx[1] = -omega * omega * x[0];
        }
    }

    /** x' = x², x(0) = 1: x = 1/(1 − t), infinite at t = 1. */
    static final class BlowUp implements ComponentBehaviour {
        @Override
        public List<String> stateNames() {
            return List.of("x");
        }

        @Override
        public void initialize(double[] inputs, double[] x) {
            x[0] = 1;
        }

        @Override
        public boolean directFeedthrough(int outputIndex) {
            return false;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = x[0];
        }

        @Override
        public void derivatives(double t, double[] in, double[] x, double[] dx) {
            dx[0] = x[0] * x[0];
        }
    }

    /** y = t; indicator t − 1; at every event it claims to have changed, so event iteration never settles. */
    static final class Chatter implements ComponentBehaviour {
        @Override
        public boolean directFeedthrough(int outputIndex) {
            return false;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = t;
        }

        @Override
        public int eventIndicatorCount() {
            return 1;
        }

        @Override
        public void eventIndicators(double t, double[] in, double[] x, double[] z) {
            z[0] = t - 1;
        }

        @Override
        public boolean handleEvent(double t, double[] in, double[] x) {
            return true;
        }
    }

    /** y = 1 − u on booleans, with direct feedthrough. */
    static final class Not implements ComponentBehaviour {
        @Override
        public boolean directFeedthrough(int outputIndex) {
            return true;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = in[0] >= 0.5 ? 0 : 1;
        }
    }

    /** y = u (feedthrough from u only); s is a state with s' = w − s, output without feedthrough. */
    static final class Split implements ComponentBehaviour {
        @Override
        public List<String> stateNames() {
            return List.of("s");
        }

        @Override
        public boolean directFeedthrough(int outputIndex) {
            return outputIndex == 0;
        }

        @Override
        public boolean dependsOn(int outputIndex, int inputIndex) {
            return outputIndex == 0 && inputIndex == 0;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = in[0];
            out[1] = x[0];
        }

        @Override
        public void derivatives(double t, double[] in, double[] x, double[] dx) {
            dx[0] = in[1] - x[0];
        }
    }

    /** y = u², with direct feedthrough. */
    static final class Square implements ComponentBehaviour {
        @Override
        public boolean directFeedthrough(int outputIndex) {
            return true;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = in[0] * in[0];
        }
    }

    /** Indicator t − 0.5 that turns NaN after 0.7 s (mode 0), or a handler that throws at the crossing (mode 1). */
    static final class Faulty implements ComponentBehaviour {
        private final double mode;

        Faulty(double mode) {
            this.mode = mode;
        }

        @Override
        public boolean directFeedthrough(int outputIndex) {
            return false;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = t;
        }

        @Override
        public int eventIndicatorCount() {
            return 1;
        }

        @Override
        public void eventIndicators(double t, double[] in, double[] x, double[] z) {
            z[0] = mode == 0 && t > 0.7 ? Double.NaN : t - 0.5;
        }

        @Override
        public boolean handleEvent(double t, double[] in, double[] x) {
            if (mode == 1 && t >= 0.5) {
                throw new IllegalStateException("relay stuck");
            }
            return false;
        }
    }
}
