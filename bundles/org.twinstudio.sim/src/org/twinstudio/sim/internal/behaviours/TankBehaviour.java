package org.twinstudio.sim.internal.behaviours;

import java.util.List;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;

/**
 * Well-mixed open tank of water with constant base area A, states level L [m] and temperature T [degC].
 * <p>
 * Mass balance (incompressible): {@code dL/dt = (q_in − q_out) / A}, where q_out is taken as 0 while the tank is
 * empty (L ≤ 0) and the level does not rise above the height H (the surplus overflows at tank temperature).
 * <p>
 * Energy balance with V = A·L, density ρ = 1000 kg/m³ and specific heat c = 4186 J/(kg·K):
 * {@code d(V·T)/dt = q_in·T_in − q_out·T + (Q − k·(T − T_amb)) / (ρ·c)}, hence
 * {@code dT/dt = [q_in·(T_in − T) + (Q − k·(T − T_amb)) / (ρ·c)] / V}, with heat input Q [W] and loss coefficient
 * k [W/K]. Below a volume of 1 litre the temperature is held (an empty tank has no temperature dynamics).
 * <p>
 * Outputs are the states: no direct feedthrough.
 */
public final class TankBehaviour implements ComponentBehaviour {

    /** Density of water [kg/m³]. */
    public static final double DENSITY = 1000;
    /** Specific heat capacity of water [J/(kg·K)]. */
    public static final double SPECIFIC_HEAT = 4186;
    private static final double MIN_VOLUME = 1e-3;

    private final double area;
    private final double height;
    private final double initialLevel;
    private final double initialTemperature;
    private final double ambient;
    private final double heatLoss;
    private final int heatInput;
    private final int inflow;
    private final int inflowTemperature;
    private final int outflow;
    private final int temperature;
    private final int level;

    TankBehaviour(BehaviourContext ctx) {
        area = Behaviours.positive(ctx.parameter("area"), "area");
        height = Behaviours.positive(ctx.parameter("height"), "height");
        initialLevel = ctx.parameter("initialLevel");
        initialTemperature = ctx.parameter("initialTemperature");
        ambient = ctx.parameter("ambientTemperature");
        heatLoss = ctx.parameter("heatLoss");
        heatInput = ctx.inputIndex("heatInput");
        inflow = ctx.inputIndex("inflow");
        inflowTemperature = ctx.inputIndex("inflowTemperature");
        outflow = ctx.inputIndex("outflow");
        temperature = ctx.outputIndex("temperature");
        level = ctx.outputIndex("level");
    }

    @Override
    public List<String> stateNames() {
        return List.of("level", "temperature");
    }

    @Override
    public void initialize(double[] in, double[] x) {
        x[0] = Behaviours.clamp(initialLevel, 0, height);
        x[1] = initialTemperature;
    }

    @Override
    public boolean directFeedthrough(int outputIndex) {
        return false;
    }

    @Override
    public void outputs(double time, double[] in, double[] x, double[] out) {
        out[level] = x[0];
        out[temperature] = x[1];
    }

    @Override
    public void derivatives(double time, double[] in, double[] x, double[] dx) {
        double l = x[0];
        double t = x[1];
        double qIn = Math.max(0, in[inflow]);
        double qOut = l <= 0 ? 0 : Math.max(0, in[outflow]);
        double dl = (qIn - qOut) / area;
        if (l >= height && dl > 0) {
            dl = 0;
        }
        if (l <= 0 && dl < 0) {
            dl = 0;
        }
        dx[0] = dl;
        double v = area * Math.max(l, 0);
        if (v < MIN_VOLUME) {
            dx[1] = 0;
        } else {
            double q = in[heatInput] - heatLoss * (t - ambient);
            dx[1] = (qIn * (in[inflowTemperature] - t) + q / (DENSITY * SPECIFIC_HEAT)) / v;
        }
    }

    @Override
    public void stepCompleted(double time, double[] in, double[] x) {
        x[0] = Behaviours.clamp(x[0], 0, height);
    }

    /** {@inheritDoc} */
    @Override
    public boolean stepCompletedUpdatesHeldValues() {
        return false;
    }

    /** Registers the tank behaviour. */
    public static final class Provider implements ComponentBehaviourProvider {
        @Override
        public String typeId() {
            return BuiltinComponentTypes.TANK;
        }

        @Override
        public ComponentBehaviour create(BehaviourContext context) {
            return new TankBehaviour(context);
        }
    }
}
