package org.twinstudio.sim.internal.behaviours;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;

/**
 * Centrifugal pump with a quadratic head curve working against a quadratic system curve, static (water,
 * ρ = 1000 kg/m³, g = 9.80665 m/s²). With s = n/n0 (n = max(speed, 0) while {@code run}, else 0), Q in m³/h:
 *
 * <pre>
 * pump (affinity laws):  H = H0·s² − k·Q²,   k = H0 / Qmax²
 * system:                H = Hs + r·Q²,      r = (Hd − Hs) / Qd²   (through (0, Hs) and (Qd, Hd))
 * operating point:       Q = sqrt((H0·s² − Hs) / (k + r)) if H0·s² &gt; Hs, else Q = 0 and H = H0·s² (shut-off)
 * efficiency:            η = ηmax · x·(2 − x),   x = Q / (Q_bep·s)  (best point moves with s)
 * hydraulic power:       P_h = ρ·g·(Q/3600)·H    [W]
 * shaft power:           P_shaft = P_h / η = ρ·g·H·(Q_bep·s/3600) / (ηmax·(2 − x))
 * </pre>
 *
 * The last form stays finite at zero flow (the shut-off power). Hs ≥ 0, Hd ≥ Hs and Q_bep &gt; Qmax/2 keep x below 2
 * (Q ≤ Qmax·s), so η and the shaft power are defined on the whole curve. Direct feedthrough from both inputs.
 */
public final class CentrifugalPumpBehaviour implements ComponentBehaviour {

    static final double DENSITY = 1000;
    static final double GRAVITY = 9.80665;

    private final double ratedSpeed;
    private final double shutoffHead;
    private final double pumpCoefficient;
    private final double bestEfficiency;
    private final double bestEfficiencyFlow;
    private final double staticHead;
    private final double systemCoefficient;
    private final int run;
    private final int speed;
    private final int flow;
    private final int head;
    private final int hydraulicPower;
    private final int shaftPower;
    private final int efficiency;

    CentrifugalPumpBehaviour(BehaviourContext ctx) {
        ratedSpeed = Behaviours.positive(ctx.parameter("ratedSpeed"), "ratedSpeed");
        shutoffHead = Behaviours.positive(ctx.parameter("shutoffHead"), "shutoffHead");
        double maxFlow = Behaviours.positive(ctx.parameter("maxFlow"), "maxFlow");
        pumpCoefficient = shutoffHead / (maxFlow * maxFlow);
        bestEfficiency = ctx.parameter("bestEfficiency");
        if (!(bestEfficiency > 0 && bestEfficiency <= 1)) {
            throw new IllegalArgumentException("bestEfficiency must lie in (0, 1], not " + bestEfficiency);
        }
        bestEfficiencyFlow = ctx.parameter("bestEfficiencyFlow");
        if (!(bestEfficiencyFlow > maxFlow / 2 && bestEfficiencyFlow < maxFlow)) {
            throw new IllegalArgumentException("bestEfficiencyFlow must lie between maxFlow/2 and maxFlow, not "
                    + bestEfficiencyFlow);
        }
        staticHead = ctx.parameter("staticHead");
        if (!(staticHead >= 0) || !Double.isFinite(staticHead)) {
            throw new IllegalArgumentException("staticHead must be zero or positive, not " + staticHead);
        }
        double designFlow = Behaviours.positive(ctx.parameter("designFlow"), "designFlow");
        double designHead = ctx.parameter("designHead");
        if (!(designHead >= staticHead) || !Double.isFinite(designHead)) {
            throw new IllegalArgumentException("designHead must be at least staticHead (" + staticHead + " m), not "
                    + designHead);
        }
        systemCoefficient = (designHead - staticHead) / (designFlow * designFlow);
        run = ctx.inputIndex("run");
        speed = ctx.inputIndex("speed");
        flow = ctx.outputIndex("flow");
        head = ctx.outputIndex("head");
        hydraulicPower = ctx.outputIndex("hydraulicPower");
        shaftPower = ctx.outputIndex("shaftPower");
        efficiency = ctx.outputIndex("efficiency");
    }

    @Override
    public boolean directFeedthrough(int outputIndex) {
        return true;
    }

    @Override
    public void outputs(double time, double[] in, double[] x, double[] out) {
        double s = Behaviours.on(in[run]) ? Math.max(in[speed], 0) / ratedSpeed : 0;
        double pumpShutoff = shutoffHead * s * s;
        double q = 0;
        double h = pumpShutoff;
        if (pumpShutoff > staticHead) {
            q = Math.sqrt((pumpShutoff - staticHead) / (pumpCoefficient + systemCoefficient));
            h = staticHead + systemCoefficient * q * q;
        }
        double bep = bestEfficiencyFlow * s;
        double ratio = bep > 0 ? q / bep : 0;
        out[flow] = q;
        out[head] = h;
        out[hydraulicPower] = DENSITY * GRAVITY * q / 3600 * h;
        out[efficiency] = bestEfficiency * ratio * (2 - ratio);
        out[shaftPower] = DENSITY * GRAVITY * h * bep / 3600 / (bestEfficiency * (2 - ratio));
    }

    /** Registers the centrifugal pump behaviour. */
    public static final class Provider implements ComponentBehaviourProvider {
        @Override
        public String typeId() {
            return BuiltinComponentTypes.CENTRIFUGAL_PUMP;
        }

        @Override
        public ComponentBehaviour create(BehaviourContext context) {
            return new CentrifugalPumpBehaviour(context);
        }
    }
}
