package org.twinstudio.sim.alerts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.eclipse.emf.ecore.EObject;
import org.twinstudio.model.AlertCondition;
import org.twinstudio.model.AlertRule;
import org.twinstudio.model.Component;
import org.twinstudio.model.Port;
import org.twinstudio.model.Severity;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.units.TwinUnits;
import org.twinstudio.sim.Signal;
import org.twinstudio.sim.SimulationListener;

/**
 * Evaluates the alert rules of a model on every sample of its signals: as a {@link SimulationListener} on every
 * point of a simulation's output grid, or fed by {@link #update} from any other source (a historian, a live plant).
 * Headless and single-threaded: call it from one thread at a time.
 * <p>
 * For each rule, with v the signal converted to the rule's unit (the port's unit when the rule names none), T the
 * threshold, h the hysteresis and d the delay:
 * <ul>
 * <li>Condition: {@code above} v &gt; T; {@code below} v &lt; T; {@code outsideRange} v &lt; low or v &gt; high;
 * {@code rateOfChangeAbove} r &gt; T with r = (v_k − v_{k−1}) / (t_k − t_{k−1}) between consecutive samples, in the
 * rule's unit (e.g. degC/s; without a unit, the port's unit per second; none at the first sample).</li>
 * <li>Delay: the alert is raised at the first sample t at which the condition has held at every sample since the
 * sample t₀ where it began to hold, and t − t₀ ≥ d (d = 0: at the first sample it holds). A sample without the
 * condition restarts the wait.</li>
 * <li>Hysteresis: a raised alert clears at the first sample with {@code above} v ≤ T − h; {@code below} v ≥ T + h;
 * {@code outsideRange} low + h ≤ v ≤ high − h; {@code rateOfChangeAbove} r ≤ T − h. Clearing has no delay.</li>
 * </ul>
 * Rules that cannot be evaluated (no signal, a signal that is not recorded, a unit that does not fit the signal,
 * {@code anomalyScoreAbove}, a negative delay or hysteresis, low &gt; high) are listed by {@link #problems()} and
 * never raise.
 */
public final class AlertEvaluator implements SimulationListener {

    private static final double TIME_EPSILON = 1e-9;

    private final List<RuleState> rules = new ArrayList<>();
    private final Map<String, RuleState> byName = new LinkedHashMap<>();
    private final Map<String, String> problems = new LinkedHashMap<>();
    private final List<AlertEvent> events = new ArrayList<>();
    private final List<AlertListener> listeners = new ArrayList<>();
    private boolean bound;

    /** An evaluator of the given rules; {@link #bind} it to the signals before the first sample. */
    public AlertEvaluator(List<AlertRule> alertRules) {
        for (AlertRule rule : alertRules) {
            RuleState state = new RuleState(rule);
            rules.add(state);
            if (rule.getName() != null) {
                byName.putIfAbsent(rule.getName(), state);
            }
        }
    }

    /** An evaluator of every alert rule of a model. */
    public static AlertEvaluator of(TwinModel model) {
        return new AlertEvaluator(model.getAlertRules());
    }

    /**
     * Binds the rules to the signals the samples will carry ({@code component.port} and unit, in sample order, e.g.
     * {@code Simulation.signals()}); finds the rules that cannot be evaluated. Resets all alerts.
     */
    public AlertEvaluator bind(List<Signal> signals) {
        problems.clear();
        events.clear();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < signals.size(); i++) {
            index.putIfAbsent(signals.get(i).name(), i);
        }
        for (RuleState r : rules) {
            String problem = r.bind(signals, index);
            if (problem != null) {
                problems.put(r.name(), problem);
            }
        }
        bound = true;
        return this;
    }

    public void addListener(AlertListener listener) {
        listeners.add(listener);
    }

    public void removeListener(AlertListener listener) {
        listeners.remove(listener);
    }

    /** One sample from a simulation: {@code values} in the order of the signals given to {@link #bind}. */
    @Override
    public void stepCompleted(long step, double time, double[] values) {
        requireBound();
        for (RuleState r : rules) {
            if (r.index >= 0) {
                r.sample(time, values[r.index]);
            }
        }
    }

    /** One sample from any source: {@code value} gives a signal's value ({@code component.port}) in its bound unit. */
    public void update(double time, ToDoubleFunction<String> value) {
        requireBound();
        for (RuleState r : rules) {
            if (r.index >= 0) {
                r.sample(time, value.applyAsDouble(r.signalName));
            }
        }
    }

    private void requireBound() {
        if (!bound) {
            throw new IllegalStateException("bind the alert evaluator to the signals before the first sample");
        }
    }

    /** The names of the rules, in model order. */
    public List<String> ruleNames() {
        return List.copyOf(byName.keySet());
    }

    /** Whether a rule exists with this name. */
    public boolean hasRule(String name) {
        return byName.containsKey(name);
    }

    /**
     * Whether the alert is raised now.
     *
     * @throws IllegalArgumentException for an unknown rule or one that cannot be evaluated, with the reason
     */
    public boolean isActive(String name) {
        RuleState r = byName.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no alert rule '" + name + "'" + (byName.isEmpty() ? " (the model has none)"
                    : " (alert rules: " + String.join(", ", byName.keySet()) + ")"));
        }
        String problem = problems.get(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return r.active;
    }

    /** The names of the alerts raised now. */
    public List<String> activeAlerts() {
        return rules.stream().filter(r -> r.active).map(RuleState::name).toList();
    }

    /** Every raise and clear so far, in time order. */
    public List<AlertEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** Rules that cannot be evaluated, by name, with the reason (located: rule, signal, unit). */
    public Map<String, String> problems() {
        return Collections.unmodifiableMap(problems);
    }

    private void fire(AlertEvent event) {
        events.add(event);
        for (AlertListener l : List.copyOf(listeners)) {
            l.alertChanged(event);
        }
    }

    /** One rule: its binding to a signal and its state. */
    private final class RuleState {
        final AlertRule rule;
        int index = -1;
        String signalName;
        double scale = 1;    // signal unit → rule unit: v_rule = scale · v + offset
        double offset;
        boolean active;
        double pendingSince = Double.NaN;
        double lastTime = Double.NaN;
        double lastValue = Double.NaN;

        RuleState(AlertRule rule) {
            this.rule = rule;
        }

        String name() {
            return rule.getName() == null ? "?" : rule.getName();
        }

        /** Null, or why the rule cannot be evaluated. */
        String bind(List<Signal> signals, Map<String, Integer> indexes) {
            index = -1;
            active = false;
            pendingSince = Double.NaN;
            lastTime = Double.NaN;
            lastValue = Double.NaN;
            String where = "alert rule '" + name() + "'";
            Port port = rule.getSignal();
            if (port == null || port.eIsProxy()) {
                return where + ": names no signal";
            }
            EObject container = port.eContainer();
            String component = container instanceof Component c ? c.getName() : "?";
            signalName = component + "." + port.getName();
            Integer i = indexes.get(signalName);
            if (i == null) {
                return where + ": the signal '" + signalName + "' is not recorded";
            }
            AlertCondition condition = rule.getCondition();
            if (condition == AlertCondition.ANOMALY_SCORE_ABOVE) {
                return where + ": condition 'anomalyScoreAbove' is not evaluated yet";
            }
            if (rule.getDelay() < 0 || rule.getHysteresis() < 0) {
                return where + ": negative " + (rule.getDelay() < 0 ? "delay " + rule.getDelay()
                        : "hysteresis " + rule.getHysteresis());
            }
            if (condition == AlertCondition.OUTSIDE_RANGE && rule.getLow() > rule.getHigh()) {
                return where + ": low " + rule.getLow() + " is above high " + rule.getHigh();
            }
            String signalUnit = blank(signals.get(i).unit()) ? "" : signals.get(i).unit();
            String portUnit = blank(port.getUnit()) ? signalUnit : port.getUnit();
            String ruleUnit = blank(rule.getUnit()) ? null : rule.getUnit().strip();
            try {
                if (condition == AlertCondition.RATE_OF_CHANGE_ABOVE) {
                    String target = ruleUnit != null ? ruleUnit : (portUnit.isEmpty() ? "1" : portUnit) + "/s";
                    double factor = rateFactor(signalUnit, target);
                    if (Double.isNaN(factor)) {
                        return where + ": unit '" + target + "' is not a rate of the signal '" + signalName + "' ["
                                + signalUnit + "] per time";
                    }
                    scale = factor;
                    offset = 0;
                } else {
                    String target = ruleUnit != null ? ruleUnit : portUnit;
                    if (!TwinUnits.compatible(signalUnit, target)) {
                        return where + ": unit '" + target + "' does not fit the signal '" + signalName + "' ["
                                + signalUnit + "]";
                    }
                    offset = TwinUnits.convert(0, signalUnit, target);
                    scale = TwinUnits.convert(1, signalUnit, target) - offset;
                }
            } catch (RuntimeException e) {
                return where + ": " + e.getMessage();
            }
            index = i;
            return null;
        }

        void sample(double t, double raw) {
            double v = scale * raw + (rule.getCondition() == AlertCondition.RATE_OF_CHANGE_ABOVE ? 0 : offset);
            double decisive = v;
            if (rule.getCondition() == AlertCondition.RATE_OF_CHANGE_ABOVE) {
                double rate = Double.isNaN(lastTime) || t <= lastTime ? Double.NaN : (v - lastValue) / (t - lastTime);
                lastTime = t;
                lastValue = v;
                decisive = rate;
            }
            if (Double.isNaN(decisive)) {
                pendingSince = Double.NaN;
                return;
            }
            if (active) {
                if (clears(decisive)) {
                    active = false;
                    pendingSince = Double.NaN;
                    fire(new AlertEvent(name(), AlertEvent.Kind.CLEARED, t, decisive, severity(), rule.getMessage()));
                }
                return;
            }
            if (!holds(decisive)) {
                pendingSince = Double.NaN;
                return;
            }
            if (Double.isNaN(pendingSince)) {
                pendingSince = t;
            }
            if (t - pendingSince >= rule.getDelay() - TIME_EPSILON) {
                active = true;
                fire(new AlertEvent(name(), AlertEvent.Kind.RAISED, t, decisive, severity(), rule.getMessage()));
            }
        }

        private Severity severity() {
            return rule.getSeverity();
        }

        private boolean holds(double v) {
            return switch (rule.getCondition()) {
                case ABOVE, RATE_OF_CHANGE_ABOVE -> v > rule.getThreshold();
                case BELOW -> v < rule.getThreshold();
                case OUTSIDE_RANGE -> v < rule.getLow() || v > rule.getHigh();
                case ANOMALY_SCORE_ABOVE -> false;
            };
        }

        private boolean clears(double v) {
            double h = rule.getHysteresis();
            return switch (rule.getCondition()) {
                case ABOVE, RATE_OF_CHANGE_ABOVE -> v <= rule.getThreshold() - h;
                case BELOW -> v >= rule.getThreshold() + h;
                case OUTSIDE_RANGE -> v >= rule.getLow() + h && v <= rule.getHigh() - h;
                case ANOMALY_SCORE_ABOVE -> true;
            };
        }
    }

    /**
     * The factor from a rate in signal units per second to {@code rateUnit} ("degC/min", "K/s", "1/s"), or NaN. A rate
     * is a difference per time, so only the factor of an affine unit's conversion counts (1 degC/s = 1 K/s): the
     * unit is split at its last '/' into a quantity unit and a time unit where it can be.
     */
    private static double rateFactor(String signalUnit, String rateUnit) {
        int slash = rateUnit.lastIndexOf('/');
        if (slash > 0 && slash < rateUnit.length() - 1) {
            String quantity = rateUnit.substring(0, slash).strip();
            String time = rateUnit.substring(slash + 1).strip();
            if (quantity.equals("1")) {
                quantity = "";
            }
            if (TwinUnits.compatible(time, "s") && TwinUnits.compatible(signalUnit, quantity)) {
                double difference = TwinUnits.convert(1, signalUnit, quantity) - TwinUnits.convert(0, signalUnit, quantity);
                return difference * TwinUnits.convert(1, time, "s");
            }
        }
        String perSecond = signalUnit.isEmpty() ? "1/s" : signalUnit + "/s";
        if (!TwinUnits.compatible(perSecond, rateUnit)) {
            return Double.NaN;
        }
        return TwinUnits.convert(1, perSecond, rateUnit) - TwinUnits.convert(0, perSecond, rateUnit);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
