package org.twinstudio.sim.internal.behaviours;

import java.util.List;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;
import org.twinstudio.sim.FlatKernel;

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
public final class TankBehaviour implements ComponentBehaviour, FlatKernel {

    /** Density of water [kg/m³]. */
    public static final double DENSITY = 1000;
    /** Specific heat capacity of water [J/(kg·K)]. */
    public static final double SPECIFIC_HEAT = 4186;
    private static final double MIN_VOLUME = 1e-3;

    final double area;
    final double height;
    private final double initialLevel;
    private final double initialTemperature;
    final double ambient;
    final double heatLoss;
    private final int heatInput;
    private final int inflow;
    private final int inflowTemperature;
    private final int outflow;
    private final int temperature;
    private final int level;
    int heatSlot;
    int inflowSlot;
    int inflowTemperatureSlot;
    int outflowSlot;
    int temperatureSlot;
    int levelSlot;
    int stateOffset;

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
        dx[0] = levelRate(x[0], in[inflow], in[outflow]);
        dx[1] = temperatureRate(x[0], x[1], in[inflow], in[heatInput], in[inflowTemperature]);
    }

    /** dL/dt (the mass balance with its stops), shared by both call paths. */
    private double levelRate(double l, double inflowRate, double outflowRate) {
        return levelRate(area, height, l, inflowRate, outflowRate);
    }

    static double levelRate(double area, double height, double l, double inflowRate, double outflowRate) {
        double qIn = Math.max(0, inflowRate);
        double qOut = l <= 0 ? 0 : Math.max(0, outflowRate);
        double dl = (qIn - qOut) / area;
        if (l >= height && dl > 0) {
            dl = 0;
        }
        if (l <= 0 && dl < 0) {
            dl = 0;
        }
        return dl;
    }

    /** dT/dt (the energy balance), shared by both call paths. */
    private double temperatureRate(double l, double t, double inflowRate, double heat, double inflowTemp) {
        return temperatureRate(area, heatLoss, ambient, l, t, inflowRate, heat, inflowTemp);
    }

    static double temperatureRate(double area, double heatLoss, double ambient, double l, double t,
            double inflowRate, double heat, double inflowTemp) {
        double qIn = Math.max(0, inflowRate);
        double v = area * Math.max(l, 0);
        if (v < MIN_VOLUME) {
            return 0;
        }
        double q = heat - heatLoss * (t - ambient);
        return (qIn * (inflowTemp - t) + q / (DENSITY * SPECIFIC_HEAT)) / v;
    }

    @Override
    public void bind(int[] inputSlots, int[] outputSlots, int stateOffset) {
        heatSlot = inputSlots[heatInput];
        inflowSlot = inputSlots[inflow];
        inflowTemperatureSlot = inputSlots[inflowTemperature];
        outflowSlot = inputSlots[outflow];
        temperatureSlot = outputSlots[temperature];
        levelSlot = outputSlots[level];
        this.stateOffset = stateOffset;
    }

    @Override
    public void kernelOutputs(double time, double[] values, double[] x) {
        values[levelSlot] = x[stateOffset];
        values[temperatureSlot] = x[stateOffset + 1];
    }

    @Override
    public void kernelDerivatives(double time, double[] values, double[] x, double[] dx) {
        int s = stateOffset;
        double l = x[s];
        double inflowRate = values[inflowSlot];
        dx[s] = levelRate(l, inflowRate, values[outflowSlot]);
        dx[s + 1] = temperatureRate(l, x[s + 1], inflowRate, values[heatSlot], values[inflowTemperatureSlot]);
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
