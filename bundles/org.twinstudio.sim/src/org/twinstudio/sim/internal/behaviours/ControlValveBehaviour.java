package org.twinstudio.sim.internal.behaviours;

import java.util.Locale;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;

/**
 * Throttling control valve for incompressible liquids, static. Unit convention: the <b>metric Kv</b>, the flow of
 * water at 5–40 °C in m³/h through the fully open valve at a pressure drop of 1 bar (Cv in US gpm at 1 psi is
 * Cv = 1.156·Kv). With x = clamp(opening, 0, 100) / 100 and Δp = p_in − p_out in bar:
 *
 * <pre>
 * Q = Kv · f(x) · sign(Δp) · sqrt(|Δp| / ρ_rel)     [m³/h]
 * f(x) = x                     (linear)
 * f(x) = R^(x − 1) for x &gt; 0, f(0) = 0   (equal percentage, rangeability R)
 * </pre>
 *
 * ρ_rel is the density relative to water at 15 °C. The ideal equal-percentage curve still passes 1/R of Kv at
 * x → 0; this model takes the closed valve as tight (f(0) = 0). A negative Δp gives reverse flow. Outputs: flow and
 * Δp, both with direct feedthrough from every input. No travel dynamics: put a lag before {@code opening}.
 */
public final class ControlValveBehaviour implements ComponentBehaviour {

    enum Characteristic {
        LINEAR, EQUAL_PERCENTAGE
    }

    private final double kv;
    private final Characteristic characteristic;
    private final double rangeability;
    private final double relativeDensity;
    private final int opening;
    private final int inlet;
    private final int outlet;
    private final int flow;
    private final int drop;

    ControlValveBehaviour(BehaviourContext ctx) {
        kv = ctx.parameter("kv");
        if (!(kv >= 0) || !Double.isFinite(kv)) {
            throw new IllegalArgumentException("kv must be zero or positive, not " + kv);
        }
        String c = ctx.stringParameter("characteristic");
        characteristic = switch (c == null ? "" : c.strip().toLowerCase(Locale.ROOT)) {
            case "", "linear" -> Characteristic.LINEAR;
            case "equalpercentage", "equal-percentage", "equal percentage" -> Characteristic.EQUAL_PERCENTAGE;
            default -> throw new IllegalArgumentException("characteristic must be linear or equalPercentage, not '"
                    + c + "'");
        };
        rangeability = ctx.parameter("rangeability");
        if (characteristic == Characteristic.EQUAL_PERCENTAGE && !(rangeability > 1)) {
            throw new IllegalArgumentException("rangeability must be greater than 1, not " + rangeability);
        }
        relativeDensity = Behaviours.positive(ctx.parameter("relativeDensity"), "relativeDensity");
        opening = ctx.inputIndex("opening");
        inlet = ctx.inputIndex("inletPressure");
        outlet = ctx.inputIndex("outletPressure");
        flow = ctx.outputIndex("flow");
        drop = ctx.outputIndex("pressureDrop");
    }

    /** The relative flow coefficient f at relative opening x in 0..1. */
    double characteristic(double x) {
        if (characteristic == Characteristic.LINEAR) {
            return x;
        }
        return x > 0 ? Math.pow(rangeability, x - 1) : 0;
    }

    @Override
    public boolean directFeedthrough(int outputIndex) {
        return true;
    }

    @Override
    public boolean dependsOn(int outputIndex, int inputIndex) {
        return outputIndex == flow || inputIndex != opening;
    }

    @Override
    public void outputs(double time, double[] in, double[] x, double[] out) {
        double dp = in[inlet] - in[outlet];
        double f = characteristic(Behaviours.clamp(in[opening], 0, 100) / 100);
        out[flow] = kv * f * Math.signum(dp) * Math.sqrt(Math.abs(dp) / relativeDensity);
        out[drop] = dp;
    }

    /** Registers the control valve behaviour. */
    public static final class Provider implements ComponentBehaviourProvider {
        @Override
        public String typeId() {
            return BuiltinComponentTypes.CONTROL_VALVE;
        }

        @Override
        public ComponentBehaviour create(BehaviourContext context) {
            return new ControlValveBehaviour(context);
        }
    }
}
