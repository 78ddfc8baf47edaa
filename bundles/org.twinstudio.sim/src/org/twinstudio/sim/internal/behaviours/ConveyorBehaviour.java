package org.twinstudio.sim.internal.behaviours;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;

/**
 * Belt conveyor carrying discrete items past a presence sensor.
 * <p>
 * <b>Belt.</b> Speed {@code v = max(beltSpeed, 0)} [m/s] (drive = belt) or {@code v = max(motorSpeed·2π/60·r, 0)}
 * (drive = motor, roller radius r); the belt runs one way. One continuous state, the belt travel
 * {@code s(t) = ∫ v dt} [m], integrated by the solver like any state.
 * <p>
 * <b>Items</b> are kept as the belt travel σ<sub>k</sub> at which each was placed, in placing order, so an item's
 * leading edge is at {@code p_k = s − σ_k} (from the belt start) without any per-item integration: positions are
 * exact to the solver's accuracy of s and the same for the same inputs (deterministic). An item is placed at the
 * belt start at t = 0, T, 2T, ... (spawnPeriod T &gt; 0) and on each rising edge of {@code spawn}. Placing is done
 * at the end of each step (and at events): for a periodic placing instant t<sub>k</sub> inside the step (t<sub>a</sub>,
 * t<sub>b</sub>] the travel there is interpolated linearly, {@code σ_k = s_a + (s_b − s_a)·(t_k − t_a)/(t_b − t_a)},
 * exact at constant speed; the placing instants are announced as time events so an event-aware master ends a step
 * on them. An item leaves when its tail passes the belt end, {@code p_k − itemLength ≥ length}. Items do not
 * collide or accumulate.
 * <p>
 * <b>Sensor</b> at position x<sub>s</sub>: {@code itemPresent} while some item covers it,
 * {@code p_k ≥ x_s > p_k − itemLength}; {@code itemCount} = number of items whose leading edge has reached x<sub>s</sub>
 * ({@code p_k ≥ x_s}, delivered ones included); {@code itemsOnBelt}; {@code delivered}; {@code speed} = v. A point
 * within 1e-9 m of the sensor counts as reached. One event indicator locates the edges: {@code z = −d}, d the
 * distance from the nearest edge upstream of the sensor to the sensor (z = −1 without such an edge), which crosses
 * zero when an edge reaches the sensor. All outputs but {@code speed} depend on the state only.
 */
public final class ConveyorBehaviour implements ComponentBehaviour {

    private static final double EPS = 1e-9;

    private final double length;
    private final double sensorPosition;
    private final double itemLength;
    private final double period;
    private final boolean motorDrive;
    private final double rollerRadius;
    private final int beltSpeedIn;
    private final int motorSpeedIn;
    private final int spawnIn;
    private final int present;
    private final int count;
    private final int onBelt;
    private final int deliveredOut;
    private final int speedOut;

    /** Belt travel at which each item on the belt was placed, oldest (furthest along) first. */
    private final Deque<Double> items = new ArrayDeque<>();
    private long delivered;
    private long nextSpawn;
    private boolean spawnHigh;
    private double lastTime;
    private double lastTravel;

    ConveyorBehaviour(BehaviourContext ctx) {
        length = Behaviours.positive(ctx.parameter("length"), "length");
        sensorPosition = ctx.parameter("sensorPosition");
        if (!(sensorPosition >= 0 && sensorPosition <= length)) {
            throw new IllegalArgumentException("sensorPosition must lie on the belt (0.." + length + " m), not "
                    + sensorPosition);
        }
        itemLength = Behaviours.positive(ctx.parameter("itemLength"), "itemLength");
        period = ctx.parameter("spawnPeriod");
        if (!(period >= 0) || !Double.isFinite(period)) {
            throw new IllegalArgumentException("spawnPeriod must be zero or positive, not " + period);
        }
        String drive = ctx.stringParameter("drive");
        motorDrive = switch (drive == null ? "" : drive.strip().toLowerCase(Locale.ROOT)) {
            case "", "belt" -> false;
            case "motor" -> true;
            default -> throw new IllegalArgumentException("drive must be belt or motor, not '" + drive + "'");
        };
        rollerRadius = motorDrive ? Behaviours.positive(ctx.parameter("rollerRadius"), "rollerRadius") : 0;
        beltSpeedIn = ctx.inputIndex("beltSpeed");
        motorSpeedIn = ctx.inputIndex("motorSpeed");
        spawnIn = ctx.inputIndex("spawn");
        present = ctx.outputIndex("itemPresent");
        count = ctx.outputIndex("itemCount");
        onBelt = ctx.outputIndex("itemsOnBelt");
        deliveredOut = ctx.outputIndex("delivered");
        speedOut = ctx.outputIndex("speed");
    }

    private double beltSpeed(double[] in) {
        double v = motorDrive ? in[motorSpeedIn] * 2 * Math.PI / 60 * rollerRadius : in[beltSpeedIn];
        return Math.max(v, 0);
    }

    @Override
    public List<String> stateNames() {
        return List.of("travel");
    }

    @Override
    public void initialize(double[] in, double[] x) {
        x[0] = 0;
        items.clear();
        delivered = 0;
        lastTime = 0;
        lastTravel = 0;
        spawnHigh = Behaviours.on(in[spawnIn]); // a spawn input already high at start is no edge
        nextSpawn = 0;
        if (period > 0) {
            items.addLast(0.0);
            nextSpawn = 1;
        }
    }

    @Override
    public boolean directFeedthrough(int outputIndex) {
        return outputIndex == speedOut;
    }

    @Override
    public boolean dependsOn(int outputIndex, int inputIndex) {
        return outputIndex == speedOut && inputIndex != spawnIn;
    }

    @Override
    public void outputs(double time, double[] in, double[] x, double[] out) {
        double s = x[0];
        int reached = 0;
        boolean covered = false;
        for (double placed : items) {
            double lead = s - placed;
            if (lead >= sensorPosition - EPS) {
                reached++;
                if (lead - itemLength < sensorPosition - EPS) {
                    covered = true;
                }
            }
        }
        out[present] = covered ? 1 : 0;
        out[count] = delivered + reached;
        out[onBelt] = items.size();
        out[deliveredOut] = delivered;
        out[speedOut] = beltSpeed(in);
    }

    @Override
    public void derivatives(double time, double[] in, double[] x, double[] dx) {
        dx[0] = beltSpeed(in);
    }

    @Override
    public void stepCompleted(double time, double[] in, double[] x) {
        update(time, in, x);
    }

    @Override
    public double nextTimeEvent(double time) {
        if (period <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        long k = Math.max(nextSpawn, (long) Math.floor(time / period));
        while (k * period <= time + EPS * Math.max(1, time)) {
            k++;
        }
        return k * period;
    }

    @Override
    public boolean handleEvent(double time, double[] in, double[] x) {
        return update(time, in, x);
    }

    @Override
    public int eventIndicatorCount() {
        return 1;
    }

    @Override
    public void eventIndicators(double time, double[] in, double[] x, double[] z) {
        double nearest = Double.POSITIVE_INFINITY;
        for (double placed : items) {
            double lead = x[0] - placed;
            for (double edge : new double[] { lead, lead - itemLength }) {
                if (edge < sensorPosition - EPS) {
                    nearest = Math.min(nearest, sensorPosition - edge);
                }
            }
        }
        z[0] = Double.isInfinite(nearest) ? -1 : -nearest;
    }

    /** Places due items, removes delivered ones; whether anything changed. */
    private boolean update(double time, double[] in, double[] x) {
        boolean changed = false;
        double s = x[0];
        if (period > 0) {
            while (nextSpawn * period <= time + EPS * Math.max(1, time)) {
                double tk = nextSpawn * period;
                double span = time - lastTime;
                double fraction = span > 0 ? Behaviours.clamp((tk - lastTime) / span, 0, 1) : 1;
                items.addLast(lastTravel + (s - lastTravel) * fraction);
                nextSpawn++;
                changed = true;
            }
        }
        boolean high = Behaviours.on(in[spawnIn]);
        if (high && !spawnHigh) {
            items.addLast(s);
            changed = true;
        }
        spawnHigh = high;
        while (!items.isEmpty() && s - items.peekFirst() - itemLength >= length - EPS) {
            items.removeFirst();
            delivered++;
            changed = true;
        }
        lastTime = time;
        lastTravel = s;
        return changed;
    }

    /** Registers the conveyor behaviour. */
    public static final class Provider implements ComponentBehaviourProvider {
        @Override
        public String typeId() {
            return BuiltinComponentTypes.CONVEYOR;
        }

        @Override
        public ComponentBehaviour create(BehaviourContext context) {
            return new ConveyorBehaviour(context);
        }
    }
}
